//! Free amounts: takes a sentence's amounts and the mentions its anchors made (from `frame`) and
//! hands on, as mentions of their own, the money amounts no trigger took that still stand for a
//! deal (to the driver, with the sentence's other mentions).

use crate::model::{Amount, DealType};

use super::anchor::Anchor;
use super::frame::Frame;
use super::lexicon::{Class, Hit, Role};
use super::mention::{Mention, mention_at};
use super::names::Ctx;
use super::span::{self, ctx_skip};

/// The amounts of a sentence that are amounts of their own: conversions of the amount before
/// them are dropped.
pub(super) fn own_amounts<'x>(st: &str, hits: &[Hit], amounts: &'x [Amount]) -> Vec<&'x Amount> {
    amounts
        .iter()
        .filter(|x| {
            !is_conversion(st, hits, amounts, x)
                && !unit_price(st, hits, x)
                && !price_of_one(st, hits, x)
                && !changed_by_percent(st, hits, x)
                && !running_or_cumulative(st, hits, x)
                && !contingent(st, hits, x)
                && !part_payment(st, hits, x)
                && !paid_at_one_step(st, hits, amounts, x)
                && !part_in_brackets(st, hits, amounts, x)
        })
        .collect()
}

/// "900 tỷ đồng (gồm 15 triệu USD và 540 tỷ đồng)", "$900 million (including $300 million in
/// cash)": the amounts in brackets opened right after an amount by a breakdown word are what
/// that amount is made of, often in several currencies: no deal's value, no total.
fn part_in_brackets(st: &str, hits: &[Hit], amounts: &[Amount], x: &Amount) -> bool {
    let before = span::before(st, x.start);
    let Some(open) = before.rfind('(') else {
        return false;
    };
    if before[open..].contains(')') {
        return false;
    }
    let whole = amounts
        .iter()
        .any(|y| y.end <= open && span::cut(st, y.end, open).trim().is_empty());
    let opens_with_breakdown = hits.iter().any(|h| {
        h.has(|r| *r == Role::Breakdown)
            && h.start > open
            && h.end <= x.start
            && span::cut(st, open + 1, h.start).trim().is_empty()
    });
    whole && opens_with_breakdown
}

/// "Kestrel Telecom took 300 MHz for $2 billion and will pay $500 million upfront": an amount
/// followed by a cue of a payment made at one step (at most two words after it, in its clause),
/// in a sentence that gave another amount before it, is a part of that price, no deal's value.
fn paid_at_one_step(st: &str, hits: &[Hit], amounts: &[Amount], x: &Amount) -> bool {
    amounts.iter().any(|o| o.end <= x.start)
        && hits
            .iter()
            .filter(|h| h.has(|r| *r == Role::PartPaymentAfter) && h.start >= x.end)
            .any(|h| {
                let gap = span::cut(st, x.end, h.start);
                gap.split_whitespace().count() <= 2 && !gap.contains(['.', ';', ':', ','])
            })
}

/// "a deposit of $50 million is due on signing", "tiền đặt cọc 200 tỷ đồng": a part of the
/// price paid at one step (a part-payment cue at most three words before the amount, in its
/// clause) is no deal's value; so is one the cue names right after it ("an $8 million
/// prepayment", "a $20m upfront payment", "40 tỷ đồng còn lại": at most one word between).
fn part_payment(st: &str, hits: &[Hit], x: &Amount) -> bool {
    hits.iter()
        .filter(|h| h.has(|r| *r == Role::PartPayment))
        .any(|h| {
            let (gap, max) = if h.end <= x.start {
                (span::cut(st, h.end, x.start), 3)
            } else if h.start >= x.end {
                (span::cut(st, x.end, h.start), 1)
            } else {
                return false;
            };
            gap.split_whitespace().count() <= max && !gap.contains(['.', ';', ':', ','])
        })
}

/// "could earn a further $40 million once sales milestones are met",
/// "weitere 200 Millionen Euro an Meilensteinzahlungen": a payment due only if something happens
/// later (a contingency cue within eight words after the amount or six before it, in its clause)
/// is no deal's value: the deal's is what is paid when it is made.
fn contingent(st: &str, hits: &[Hit], x: &Amount) -> bool {
    hits.iter()
        .filter(|h| h.has(|r| *r == Role::Contingent))
        .any(|h| {
            let (gap, max) = if h.start >= x.end {
                (span::cut(st, x.end, h.start), 8)
            } else if h.end <= x.start {
                (span::cut(st, h.end, x.start), 6)
            } else {
                return false;
            };
            gap.split_whitespace().count() <= max && !gap.contains(['.', ';', ':'])
        })
}

/// "… a further loan of $50 million, bringing its total lending to $4 billion", "womit der Wert
/// auf 800 Millionen Euro klettert", "tính đến nay quỹ đã giải ngân 900 triệu USD": a sum
/// carried up to now (a running-total verb and its "to" right before the amount, or a period up
/// to now before it, within twelve words of its clause) counts what came before too; it is neither
/// a deal's value nor a total of the article's deals.
fn running_or_cumulative(st: &str, hits: &[Hit], x: &Amount) -> bool {
    let within_words = |h: &Hit, most: usize| {
        h.end <= x.start && {
            let gap = span::cut(st, h.end, x.start);
            gap.split_whitespace().count() <= most && !gap.contains(['.', ';', ':'])
        }
    };
    let within = |h: &Hit| within_words(h, 12);
    // "nâng tổng số vốn … lên đến 1,84 tỉ USD": the word may also open the amount's span, where
    // the language reads it as stating the figure ("lên đến", exact).
    let to_right_before = hits.iter().any(|h| {
        h.has(|r| *r == Role::RunningTo)
            && ((h.end <= x.start && span::cut(st, h.end, x.start).trim().is_empty())
                || (h.start >= x.start && h.end < x.end))
    });
    // "the largest order since 2015": a superlative with at most two words between it and a
    // period's start makes it a comparison.
    let compares = |h: &Hit| {
        hits.iter().any(|s| {
            s.has(|r| *r == Role::Superlative) && s.end <= h.start && {
                let gap = span::cut(st, s.end, h.start);
                gap.split_whitespace().count() <= 2 && !gap.contains([',', '.', ';', ':'])
            }
        })
    };
    hits.iter().any(|h| {
        within(h)
            && (h.has(|r| *r == Role::Cumulative)
                || (h.has(|r| *r == Role::CumulativeOpening) && !compares(h)))
        })
        // A running total is closed by its "to" right before the amount, so it may reach
        // further: twenty words hold a Vietnamese clause of syllables ("nâng tổng số vốn X cho
        // tỉnh Y vay trong ba năm qua lên đến …").
        || (to_right_before
            && hits
                .iter()
                .any(|h| h.has(|r| *r == Role::RunningTotal) && within_words(h, 20)))
}

/// "$41 a share", "390 USD/tấn", "7 triệu euro (7,6 triệu đô la) mỗi chiếc": a price per
/// unit, told right after the amount (past a bracketed conversion) or named right before it
/// (`unit_price_before`: "zum Stückpreis von"), is no deal's value nor a total's.
fn unit_price(st: &str, hits: &[Hit], x: &Amount) -> bool {
    let mut at = ctx_skip(st, x.end);
    if span::after(st, at).starts_with('(') {
        if let Some(close) = span::after(st, at).find(')') {
            at = ctx_skip(st, at + close + 1);
        }
    }
    let rest = span::after(st, at);
    let per = rest
        .strip_prefix('/')
        .is_some_and(|r| r.chars().next().is_some_and(char::is_alphabetic));
    // "zum Stückpreis von 3 Millionen Euro": the words before it say so.
    let named_before = hits.iter().any(|h| {
        h.has(|r| *r == Role::UnitPriceBefore)
            && h.end <= x.start
            && span::cut(st, h.end, x.start).split_whitespace().count() <= 2
    });
    per || named_before
        || hits
            .iter()
            .any(|h| (h.start == at || h.start + 1 == at) && h.has(|r| *r == Role::UnitPrice))
}

/// "Each jet costs about $100 million", "ein Zug soll 12 Millionen Euro kosten", "Mỗi
/// chiếc có giá khoảng 100 triệu USD": a clause that opens on one unit (`one_unit`, at most
/// three words in) and has a verb of costing (before the amount, or right after it where the
/// verb ends the clause) tells a price per unit, no deal's value.
fn price_of_one(st: &str, hits: &[Hit], x: &Amount) -> bool {
    let before = span::cut(st, 0, x.start);
    let clause_start = before
        .rfind([',', ';', ':', '–', '—'])
        .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        .into_iter()
        .chain(before.rfind(" - ").map(|i| i + 3))
        .max()
        .unwrap_or(0);
    // Not where a deal word is what the clause is about ("Ein neuer Vertrag soll 2 Milliarden
    // Euro kosten": its value).
    let opens_on_one = hits.iter().any(|h| {
        h.has(|r| *r == Role::OneUnit)
            && h.start >= clause_start
            && h.end <= x.start
            && span::cut(st, clause_start, h.start)
                .split_whitespace()
                .count()
                <= 3
            && !hits.iter().any(|d| {
                d.start >= h.end && d.end <= x.start && d.has(|r| matches!(r, Role::Trigger { .. }))
            })
    });
    opens_on_one
        && hits.iter().any(|h| {
            h.has(|r| *r == Role::CostVerb)
                && ((h.start >= clause_start && h.end <= x.start)
                    || (h.start >= x.end
                        && span::cut(st, x.end, h.start).split_whitespace().count() <= 1))
        })
}

/// "exports to the region reached $17 billion, up 3.6%", "Umsatz 4 Milliarden Euro, ein Plus von
/// 5 Prozent": an amount told with how much it changed, by a percentage right after it, is a
/// statistic's figure, no deal's value.
fn changed_by_percent(st: &str, hits: &[Hit], x: &Amount) -> bool {
    hits.iter().any(|h| {
        h.has(|r| *r == Role::ChangeCue)
            && h.start >= x.end
            && span::cut(st, x.end, h.start)
                .chars()
                .all(|c| c.is_whitespace() || c == ',' || c == '(')
            && {
                let after: String = span::after(st, h.end).chars().take(24).collect();
                after.find(|c: char| c.is_ascii_digit()).is_some_and(|d| {
                    let rest = &after[d..];
                    let num_end = rest
                        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
                        .unwrap_or(rest.len());
                    let unit = rest[num_end..].trim_start().to_lowercase();
                    d <= 6
                        && ["%", "percent", "per cent", "prozent", "phần trăm"]
                            .iter()
                            .any(|p| unit.starts_with(p))
                })
            }
    })
}

/// What the article told before this sentence.
#[derive(Debug, Clone, Copy)]
pub(super) struct Before {
    /// The sentence right before told a deal: this one may go on telling it.
    pub follows_deal: bool,
    /// The article has told a deal or a total of deals.
    pub told_deal: bool,
}

/// The smallest amount that can be a deal's value by itself: below it, a figure in a deal's
/// sentence is a price or a fee ("$45 in cash … for each share", "5.000 Euro Kaufprämie").
pub(super) const MIN_DEAL_VALUE: i64 = 10_000;

/// "The four suppliers are A ($31 million), B ($22 million) …", "Sweden pledged USD 40 million,
/// Finland 12 million euros": a money amount that no trigger took, in a sentence that speaks of
/// a deal (a trigger, or a verb of buying, selling, winning or awarding), is a deal of its own,
/// anchored at the amount. Not when it is a conversion of the amount before it, a unit price, a
/// statistic's figure or too small to be a deal.
pub(super) fn amount_anchored(
    f: &Frame,
    amounts: &[Amount],
    free: &[&Amount],
    used: &[usize],
    statistic: bool,
    before: Before,
    mentions: &mut Vec<Mention>,
) {
    let quantities = f.quantities;
    let follows_deal = before.follows_deal;
    let hits = f.ctx.hits;
    let speaks_of_deal = hits.iter().any(|h| {
        !h.has(|r| *r == Role::Blocker)
            && (h.trigger().is_some()
                || h.has(|r| {
                    matches!(
                        r,
                        Role::Receive | Role::Award | Role::BuyerVerb | Role::SellerVerb
                    )
                }))
    });
    let listed = before.told_deal && named_amounts(f.ctx.text, free) >= 2;
    if !(speaks_of_deal || follows_deal || listed) {
        return;
    }
    for x in free.iter().filter(|x| !used.contains(&x.start)) {
        // Where the sentence also gives statistics, only an amount beside a deal word is a deal's.
        let statistic_figure =
            statistic && (names_a_statistic(f.ctx, x) || !beside_a_deal_word(f.ctx, x));
        if !stands_for_a_deal(f.ctx, amounts, x) || statistic_figure || sizes_a_company(f.ctx, x) {
            continue;
        }
        // "… signed a contract for new trucks. The value is put at 85 million euros.": with no
        // deal word of its own, the sentence gives the value of the deal just told.
        if !speaks_of_deal && !listed {
            if let Some(last) = mentions.last_mut().filter(|m| m.amount.is_none()) {
                let mut a = (*x).clone();
                a.start += f.sentence.start;
                a.end += f.sentence.start;
                last.amount = Some(a);
                continue;
            }
        }
        let (ty, head, class, documented) = nearest_trigger(f.ctx.text, hits, x.start);
        let anchor = [Anchor {
            start: x.start,
            end: x.end,
            head,
            ty,
            class,
            documented,
        }];
        // "hatten die geplante 12-Mrd.-Euro-Fusion abgesagt": money of a deal ended is no deal.
        if super::frame::cancelled(f.ctx, &anchor[0], 0).is_some() {
            continue;
        }
        // "… và 4 tàu hộ vệ trị giá 1,2 tỉ USD": a count right before the amount is its deal's.
        let count = quantities.iter().find(|q| {
            q.discrete
                && super::frame::priced_by(f.ctx, q, free).is_some_and(|y| y.start == x.start)
        });
        if let Some(mut m) = mention_at(f, &anchor, 0, Some((*x).clone()), count) {
            if listed && m.parties.is_empty() {
                // The listed supply, lend or give their share: suppliers with the value of
                // their contracts, donors with their pledges.
                if let Some(n) = name_before_bracket(f.ctx, x.start) {
                    m.provider.get_or_insert_with(|| n.canonical.clone());
                    m.parties.push(n);
                }
            }
            gapped_party(f, x, &mut m, mentions.last());
            mentions.push(m);
        }
    }
}

/// "Harbour Telekom erwarb 60 Megahertz für 1,4 Mrd. Euro und Nordmar Mobil für 0,7 Mrd. Euro",
/// "Kestrel paid $2 billion and Nordmar $1 billion": a clause that leaves out the verb of the one
/// before repeats its deal with another name on the same side; the names of the first clause are
/// not this deal's.
fn gapped_party(f: &Frame, x: &Amount, m: &mut Mention, prev: Option<&Mention>) {
    let Some(prev) = prev.filter(|p| p.start == f.sentence.start && !p.parties.is_empty()) else {
        return;
    };
    let st = f.ctx.text;
    let mut head = span::before(st, x.start).trim_end();
    // The preposition the first clause used before its amount: "für", "for", "với".
    if let Some((rest, last)) = head.rsplit_once(char::is_whitespace) {
        if last.chars().count() <= 4 && last.chars().all(char::is_lowercase) {
            head = rest.trim_end();
        }
    }
    // The start of the clause: after its comma or the language's word for "and".
    let join = f
        .ctx
        .hits
        .iter()
        .filter(|h| h.end < head.len() && h.has(|r| *r == Role::ListJoin))
        .map(|h| h.end);
    let Some(from) = head
        .rfind(", ")
        .map(|p| p + 2)
        .into_iter()
        .chain(join)
        .max()
    else {
        return;
    };
    let from = super::span::ctx_skip(st, from);
    let Some(n) = f.ctx.read_name(from, head.len()) else {
        return;
    };
    if span::cut(st, n.end, head.len()).trim().is_empty() {
        let first = prev.parties.first().map(|p| &p.canonical);
        m.parties.clear();
        m.provider = None;
        m.recipient = None;
        if prev.recipient.as_ref() == first {
            m.recipient = Some(n.canonical.clone());
        } else if prev.provider.as_ref() == first {
            m.provider = Some(n.canonical.clone());
        }
        m.ty = prev.ty;
        m.parties.push(n);
    }
}

/// "The four suppliers are Aldren Medical ($31 million), Corvin Health Inc. ($22 million) …": how
/// many amounts stand in brackets right after a name. Two or more, after a deal of the article,
/// list that deal's parts, each a deal of its own.
fn named_amounts(st: &str, free: &[&Amount]) -> usize {
    free.iter()
        .filter(|x| {
            let before = span::before(st, x.start).trim_end();
            before.strip_suffix('(').is_some_and(|b| {
                b.split_whitespace()
                    .next_back()
                    .and_then(|w| w.chars().next())
                    .is_some_and(|c| c.is_uppercase())
            })
        })
        .count()
}

/// "…, Corvin Health Inc. ($22 million)": the name an enumerated amount is bracketed after, read
/// from the end of the previous member (its bracket, a comma, a word of the language's
/// `list_joins`), or from a word of `list_openers` ("are", "gồm", "sind") or a colon before the
/// list.
fn name_before_bracket(ctx: &Ctx, amount_start: usize) -> Option<super::names::Name> {
    let st = ctx.text;
    let paren = span::before(st, amount_start).rfind('(')?;
    let head = span::before(st, paren);
    let previous = head.rfind(')').map_or(0, |p| p + 1);
    let mut from = previous.max(head.rfind(": ").map_or(0, |p| p + 2));
    let after_member = |pos: usize| {
        span::cut(st, previous, pos)
            .chars()
            .all(|c| c == ',' || c.is_whitespace())
    };
    // "A ($9 million) and B": a join right after the previous member; "The suppliers are A": the
    // last opener before the name.
    if let Some(end) = ctx
        .hits
        .iter()
        .filter(|h| h.start >= from && h.end <= paren)
        .filter(|h| {
            h.has(|r| *r == Role::ListOpen)
                || (previous > 0 && after_member(h.start) && h.has(|r| *r == Role::ListJoin))
        })
        .map(|h| h.end)
        .max()
    {
        from = end;
    }
    let name =
        span::cut(st, from, paren).trim_start_matches(|c: char| c == ',' || c.is_whitespace());
    ctx.read_name(paren - name.len(), paren)
}

/// Whether an amount can be a deal's value: not a bracketed conversion of the amount before it
/// ("€6.3 billion ($7 billion)"), not a unit price ("$41 a share", "pro Aktie"), not a fee.
fn stands_for_a_deal(ctx: &Ctx, amounts: &[Amount], x: &Amount) -> bool {
    if x.value < rust_decimal::Decimal::from(MIN_DEAL_VALUE) {
        return false;
    }
    let st = ctx.text;
    let conversion = is_conversion(st, ctx.hits, amounts, x);
    let after = ctx_skip(st, x.end);
    let unit_price = ctx
        .hits
        .iter()
        .any(|h| h.start == after && h.has(|r| *r == Role::UnitPrice));
    !conversion && !unit_price
}

/// The type and words of the trigger nearest to `pos` in the sentence (before or after), else a
/// purchase when a verb of buying or winning speaks, else an agreement.
fn nearest_trigger(st: &str, hits: &[Hit], pos: usize) -> (DealType, String, Class, bool) {
    let best = hits
        .iter()
        .filter(|h| !h.has(|r| *r == Role::Blocker))
        .filter_map(|h| h.trigger().map(|t| (h, t.0, t.1)))
        .min_by_key(|(h, ..)| h.start.abs_diff(pos));
    match best {
        Some((h, ty, class)) => (
            ty,
            span::cut(st, h.start, h.end).to_string(),
            class,
            super::anchor::documents(h, class),
        ),
        None => (DealType::Purchase, String::new(), Class::Action, false),
    }
}

/// "€2.1 billion ($2.3 billion)", "3 tỷ yen (khoảng 500 tỷ đồng)": an amount in brackets right
/// after another amount restates it in another currency; it is no amount of its own.
///
/// Without brackets, a conversion cue of the language between them says it ("4.600 tỉ đồng, tương
/// đương 190 triệu đô la Mỹ", "umgerechnet 9 Millionen Euro").
fn is_conversion(st: &str, hits: &[Hit], amounts: &[Amount], x: &Amount) -> bool {
    amounts.iter().any(|y| converts(st, hits, y, x))
}

/// The bracketed or cued restatement of `x` told right after it ("3,5 Milliarden Dollar (etwa 3,2
/// Milliarden Euro)"), if any: a total told in one currency is the same total told in the other.
pub(super) fn conversion_of<'x>(
    st: &str,
    hits: &[Hit],
    amounts: &'x [Amount],
    x: &Amount,
) -> Option<&'x Amount> {
    amounts
        .iter()
        .find(|y| y.currency != x.currency && converts(st, hits, x, y))
}

/// Whether `x` restates `y`, the amount told before it (see `is_conversion`). "umgerechnet 9,2
/// Millionen Euro (10 Millionen US-Dollar)": where a cue says the first is itself converted, the
/// amount in brackets after it is the original, and the first restates it.
fn converts(st: &str, hits: &[Hit], y: &Amount, x: &Amount) -> bool {
    let converted = |a: &Amount| {
        hits.iter().any(|h| {
            h.has(|r| *r == Role::Converted)
                && h.end <= a.start
                && span::cut(st, h.end, a.start).trim().is_empty()
        })
    };
    // "(about 3 billion": an opening bracket and at most two words before the amount.
    let bracketed = |gap: &str| {
        gap.starts_with('(') && gap.split_whitespace().count() <= 3 && !gap.contains(')')
    };
    if y.start >= x.end && converted(x) {
        return bracketed(span::cut(st, x.end, y.start).trim());
    }
    !converted(y) && y.end <= x.start && {
        let gap = span::cut(st, y.end, x.start).trim();
        let cued = gap.split_whitespace().count() <= 4
            && !gap.contains([';', ')'])
            && hits.iter().any(|h| {
                h.start >= y.end && h.end <= x.start && h.has(|r| *r == Role::ConversionCue)
            });
        bracketed(gap) || cued || comma_converted(gap, y, x)
    }
}

/// "ODA loans of nearly 61 billion yen, over 10,000 billion dong": an amount in another currency
/// right after an amount, with only a comma between, restates it.
fn comma_converted(gap: &str, y: &Amount, x: &Amount) -> bool {
    gap == "," && y.currency != x.currency
}

/// "Doanh thu đạt 2 tỷ USD", "exports rose to $120 billion", "Umsatz von 4,7 Milliarden": an
/// amount that a statistic's word names (within a few words before it, with no deal word between,
/// or right after it: "the property's $58.2 million valuation") is that statistic's figure, not a
/// deal, even in a sentence that also tells a deal.
pub(super) fn names_a_statistic(ctx: &Ctx, x: &Amount) -> bool {
    names_a_statistic_within(ctx, x, 4)
}

/// [`names_a_statistic`], also through a list ("generated $2.1 million in 2022, $1.9m in 2021
/// and $1.6m in 2020": each figure listed after the first one the cue names, by a comma or a
/// word of the language's `list_joins` at most four words after the one before, is that
/// statistic's too), at most `depth` figures back.
fn names_a_statistic_within(ctx: &Ctx, x: &Amount, depth: usize) -> bool {
    let st = ctx.text;
    // The figure right before it (amounts are in text order), where a list joins the two.
    let listed = || {
        depth > 0
            && ctx
                .amounts
                .iter()
                .rfind(|y| y.end <= x.start)
                .is_some_and(|y| {
                    let between = span::cut(st, y.end, x.start);
                    let joined = between.contains(',')
                        || ctx.hits.iter().any(|h| {
                            h.start >= y.end && h.end <= x.start && h.has(|r| *r == Role::ListJoin)
                        });
                    between.split_whitespace().count() <= 4
                        && joined
                        && !between.contains([';', '.', ':'])
                        && names_a_statistic_within(ctx, y, depth - 1)
                })
    };
    let after = ctx_skip(st, x.end);
    let named_after = ctx
        .hits
        .iter()
        .any(|h| h.start == after && h.has(|r| *r == Role::StatisticCue));
    named_after
        || ctx
            .hits
            .iter()
            .filter(|h| h.has(|r| *r == Role::StatisticCue) && h.end <= x.start)
            .any(|h| {
                let between = span::cut(st, h.end, x.start);
                between.split_whitespace().count() <= 6
                    && !between.contains([';', '.'])
                    && !ctx
                        .hits
                        .iter()
                        .any(|t| t.start >= h.end && t.end <= x.start && t.trigger().is_some())
            })
        || listed()
}

/// "Orvex, a $3 billion logistics firm, signed …", "a $12 billion company": an amount followed
/// (at most two words between, none the lexicon knows, no mark) by a word that heads an organisation's name (firm,
/// company, group …), written in lower case, with no name after it ("… cho Công ty Norland vay"
/// heads a name) and no deal word ("a $500 million bank loan" is a loan), tells the size of a
/// company, not a deal's value.
pub(super) fn sizes_a_company(ctx: &Ctx, x: &Amount) -> bool {
    let st = ctx.text;
    let Some(head) = ctx
        .hits
        .iter()
        .filter(|h| h.start >= x.end && h.org_head().is_some())
        .find(|h| {
            let between = span::cut(st, x.end, h.start);
            between.split_whitespace().count() <= 2
                && !between.contains(|c: char| c.is_ascii_punctuation() && c != '-')
                // Only describing words between: no preposition, no number word, no deal word
                // ("… vay 80 triệu USD với ba ngân hàng", "đầu tư 1,8 tỷ USD vào nhà máy").
                && !ctx.hits.iter().any(|t| t.start >= x.end && t.end <= h.start)
        })
    else {
        return false;
    };
    // A common noun, not a name's head ("… và cho Công ty Norland vay").
    let lower_case = !span::cut(st, head.start, head.end).starts_with(char::is_uppercase);
    let after = span::ctx_skip(st, head.end);
    let named = span::after(st, after).starts_with(char::is_uppercase);
    lower_case
        && !named
        && head.trigger().is_none()
        && !ctx
            .hits
            .iter()
            .any(|t| t.start == after && t.trigger().is_some())
}

/// A deal word (a trigger) within a few words of the amount, before or after it.
fn beside_a_deal_word(ctx: &Ctx, x: &Amount) -> bool {
    ctx.hits.iter().filter(|h| h.trigger().is_some()).any(|h| {
        let (a, b) = if h.start >= x.end {
            (x.end, h.start)
        } else if h.end <= x.start {
            (h.end, x.start)
        } else {
            return true;
        };
        span::cut(ctx.text, a, b).split_whitespace().count() <= 6
    })
}
