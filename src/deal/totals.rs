//! Totals: takes a sentence's own amounts (from `free`) and sets apart, as totals, those stated as
//! the sum of several deals; the rest go on to `frame`. Per document, a total told twice is
//! reported once.

use crate::model::{Amount, DealStatus, DealType, Total, stable_id};
use crate::segment::Sentence;

use super::anchor::collective;
use super::lexicon::{Class, Hit, Role};
use super::names::Ctx;
use super::span;

/// Moves the totals among `free` to `totals`, keeping the deals' amounts in `free`.
pub(super) fn set_apart(
    article: &super::Article,
    s: &Sentence,
    ctx: &Ctx,
    free: &mut Vec<&Amount>,
    single_named_deal: &dyn Fn() -> bool,
    statistic: bool,
    totals: &mut Vec<Told>,
) {
    let st = ctx.text;
    let all: Vec<&Amount> = free.clone();
    free.retain(|a| {
        // "… orders worth $2 billion in all, against an annual order target of $5 billion": a
        // statistic in the sentence vetoes only the total it names.
        let named_statistic = statistic && super::free::names_a_statistic(ctx, a);
        if part_of_breakdown(st, ctx.hits, a, &all) || listed_after_breakdown(st, ctx.hits, a, &all)
        {
            return true;
        }
        if !is_total((ctx, &all), ctx.hits, a, single_named_deal, named_statistic)
            && (named_statistic || !broken_down(st, ctx.hits, a, &all))
        {
            return true;
        }
        let restated = super::free::conversion_of(st, ctx.hits, ctx.amounts, a).map(Figure::told);
        let total = Total {
            id: stable_id(&[&article.key, "total", &(s.start + a.start).to_string()]),
            source: article.doc.source.clone(),
            published: article.doc.published,
            language: ctx.lang,
            amount: a.value,
            currency: a.currency.clone(),
            qualifier: a.qualifier,
            evidence: st.to_string(),
            start: s.start,
            end: s.end,
        };
        totals.push(Told { total, restated });
        false
    });
}

/// A total as one sentence tells it, with its restatement in another currency when the sentence
/// gives one ("3,5 Milliarden Dollar (etwa 3,2 Milliarden Euro)").
pub(super) struct Told {
    total: Total,
    restated: Option<Figure>,
}

/// An amount, its currency and how exactly it is told: what two tellings of a total compare.
#[derive(Clone)]
struct Figure {
    amount: rust_decimal::Decimal,
    currency: String,
    qualifier: crate::model::Qualifier,
}

impl Figure {
    fn told(x: &Amount) -> Figure {
        Figure {
            amount: x.value,
            currency: x.currency.clone(),
            qualifier: x.qualifier,
        }
    }
    fn of(t: &Total) -> Figure {
        Figure {
            amount: t.amount,
            currency: t.currency.clone(),
            qualifier: t.qualifier,
        }
    }
}

/// "Dh40 billion in orders", "2 tỷ USD các hợp đồng", "Aufträge über 5 Milliarden": an amount
/// beside a plural deal noun sums several deals; it belongs to none of them (unless a singular
/// deal noun follows it at once: "deals, including a $500 million contract").
pub(super) fn aggregate_figure(st: &str, hits: &[Hit], x: &Amount) -> bool {
    !names_a_single_deal(st, hits, x)
        && (beside_plural_deal_noun(st, hits, x) || worth_of_deals(st, hits, x))
}

/// "Tập đoàn Orvex rút vốn khỏi 4 công ty, nhận 520 tỷ đồng", "grants of $4 million for nine
/// projects", "Fördermittel von 9 Millionen Euro für drei Projekte": money told over a count of
/// two or more things each deal is about (the language's `counted_objects`, right after the
/// count or after at most two words describing them: "three Andean countries"), within
/// twelve words of the amount in its clause, sums several deals. Where the count
/// stands: before the amount (`Counted::Before`, what the clause is about) or after it. Not past
/// a name ("The three companies are Kestrel Corp ($20 million), …" lists one deal each), nor
/// right after a stake word ("mua cổ phần ở 2 công ty con", shares of two companies bought at
/// once), nor in a clause of several amounts (the parts), nor counted up to now (a history).
fn spread_over_counted_objects((ctx, amounts): (&Ctx, &[&Amount]), x: &Amount) -> Option<Counted> {
    let (st, hits) = (ctx.text, ctx.hits);
    let clause_start = span::before(st, x.start)
        .rfind(['.', ';', ':'])
        .map_or(0, |i| i + 1);
    let clause_end = span::after(st, x.end)
        .find(['.', ';', ':'])
        .map_or(st.len(), |i| x.end + i);
    let clause = span::cut(st, clause_start, clause_end);
    // The nouns first, in one pass: most clauses name none, and then nothing else is read.
    let low = ctx.lower_slice(clause);
    if low.len() != clause.len() {
        return None;
    }
    let counted_at = |p: usize, q: usize| -> Option<Counted> {
        // A clause lower-cased apart (not aligned) keeps its length but maybe not each letter's.
        if !st.is_char_boundary(p) || !st.is_char_boundary(q) {
            return None;
        }
        let bounded = !st[..p].ends_with(|c: char| c.is_alphanumeric())
            && !st[q..].starts_with(|c: char| c.is_alphanumeric());
        if !bounded {
            return None;
        }
        let number = |count: &str| {
            if count.bytes().all(|c| c.is_ascii_digit()) {
                count.parse::<u64>().ok().map(rust_decimal::Decimal::from)
            } else {
                crate::amount::parse_number_word(&count.to_lowercase(), ctx.lang)
            }
        };
        // The count right before the noun, or before at most two words that describe it ("three
        // Andean countries").
        let mut before = st[..p].trim_end();
        let mut found = None;
        for _ in 0..3 {
            let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
            let at = before.len() - word.len();
            if word.is_empty() || at < clause_start {
                break;
            }
            // "the 400 million loans": a number inside an amount counts nothing.
            let in_amount = amounts.iter().any(|y| y.start <= at && at < y.end);
            if in_amount {
                break;
            }
            if let Some(n) = number(word) {
                found = Some((at, n));
                break;
            }
            if !word.chars().all(|c| c.is_alphabetic() || c == '-') {
                break;
            }
            before = st[..at].trim_end();
        }
        let (at, n) = found?;
        if !(n >= rust_decimal::Decimal::TWO && n.fract().is_zero()) {
            return None;
        }
        let (a, b) = if at >= x.end {
            (x.end, at)
        } else {
            (q.min(x.start), x.start)
        };
        let gap = span::cut(st, a, b);
        let named_between = gap
            .split_whitespace()
            .any(|w| w.starts_with(|c: char| c.is_uppercase()));
        let after_stake = hits.iter().any(|h| {
            h.has(|r| *r == Role::Stake)
                && h.end <= at
                && span::cut(st, h.end, at).split_whitespace().count() <= 1
        });
        let side = if at < x.start {
            Counted::Before
        } else {
            Counted::After
        };
        (gap.split_whitespace().count() <= 12 && !named_between && !after_stake).then_some(side)
    };
    let lex = super::lexicon::lexicon(ctx.lang);
    let counted = lex
        .counted_objects
        .find_iter(low.as_ref())
        .filter_map(|m| counted_at(clause_start + m.start(), clause_start + m.end()))
        .min()?;
    // "… đến nay đã tài trợ 700 dự án …": counted up to now, a history, no total.
    let up_to_now = hits.iter().any(|h| {
        h.has(|r| matches!(r, Role::Cumulative | Role::CumulativeOpening))
            && h.start >= clause_start
            && h.end <= x.start
    });
    // "two loans, of $80 million and $45 million": a clause that gives several amounts
    // gives the parts, each its own.
    let several = amounts
        .iter()
        .filter(|y| y.start >= clause_start && y.end <= clause_end)
        .count()
        > 1;
    (!up_to_now && !several).then_some(counted)
}

/// Where a count of things stands against the money spread over them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Counted {
    Before,
    After,
}

/// "$4 billion-worth of design and installation contracts", "ninety million dollars (about 7.5
/// billion rupees) worth of credits": an amount that a 'worth of' cue of the language leads, past a
/// bracketed conversion, to a plural deal noun within ten words of its clause sums those deals.
fn worth_of_deals(st: &str, hits: &[Hit], x: &Amount) -> bool {
    let mut at = span::ctx_skip(st, x.end);
    if span::after(st, at).starts_with('(') {
        if let Some(close) = span::after(st, at).find(')') {
            at = span::ctx_skip(st, at + close + 1);
        }
    }
    let Some(cue) = hits
        .iter()
        .find(|h| h.has(|r| *r == Role::WorthOf) && h.start <= at + 1 && h.start >= x.end)
    else {
        return false;
    };
    hits.iter()
        .filter(|h| h.start >= cue.end && h.trigger().is_some_and(|t| t.2))
        .any(|h| {
            let gap = span::cut(st, cue.end, h.start);
            gap.split_whitespace().count() <= 10 && !gap.contains(['.', ';'])
        })
}

fn beside_plural_deal_noun(st: &str, hits: &[Hit], x: &Amount) -> bool {
    hits.iter().any(|h| {
        h.trigger().is_some_and(|t| t.2)
            && !h.has(|r| *r == Role::Blocker)
            && !money_in_that_form(st, h, x)
            && ((h.start >= x.end && h.start - x.end <= 4)
                || (h.end <= x.start && x.start - h.end <= 6))
    })
}

/// "deals with Kestrel Air for 40 jets worth $4 billion and with Orvex for 25 jets worth …": a
/// plural deal noun whose deals are told one by one, each with its counterparty ("with" and a
/// capitalised name) and a count in digits before the amount, gives each its own value; the
/// amount is one deal's, no sum.
fn one_of_them(st: &str, hits: &[Hit], plural: &Hit, x: &Amount) -> bool {
    if plural.end > x.start {
        return false;
    }
    let between = span::cut(st, plural.end, x.start);
    let counted = between
        .split_whitespace()
        .any(|w| w.chars().all(|c| c.is_ascii_digit()));
    counted
        && hits.iter().any(|h| {
            h.has(|r| *r == Role::With)
                && h.start >= plural.end
                && h.end <= x.start
                && span::after(st, h.end)
                    .trim_start()
                    .starts_with(char::is_uppercase)
        })
}

/// "$6 billion in loans for the chipmaker", "the 300 million loans will pay for …": money
/// named by the form it takes (loans, grants, credits), written right after the amount, is one
/// package, not a sum of several deals; a count ("two loans") or a total cue still makes it one.
fn money_in_that_form(st: &str, h: &Hit, x: &Amount) -> bool {
    h.trigger()
        .is_some_and(|t| matches!(t.0, DealType::Financing | DealType::Aid))
        && h.start >= x.end
        && span::cut(st, x.end, h.start).split_whitespace().count() <= 1
}

/// "The spectrum auction raised $4 billion", "Die Versteigerung hat 5 Milliarden Euro eingebracht",
/// "Cuộc đấu giá thu về 2.000 tỷ đồng": what an auction brought its seller (a proceeds verb after
/// an auction noun of the sentence, leading to the amount with no other amount between, or right
/// after it where the verb comes last) is the sum of every winning bid, a total.
fn auction_proceeds(st: &str, hits: &[Hit], x: &Amount) -> bool {
    let Some(auction) = hits
        .iter()
        .find(|h| h.has(|r| *r == Role::Auction) && h.end <= x.start)
    else {
        return false;
    };
    hits.iter()
        .filter(|h| h.has(|r| *r == Role::Proceeds) && h.start >= auction.end)
        .any(|h| {
            let (a, b) = if h.end <= x.start {
                (h.end, x.start)
            } else {
                (x.end, h.start)
            };
            let gap = span::cut(st, a, b);
            let reach = if h.end <= x.start { 12 } else { 3 };
            gap.split_whitespace().count() <= reach
                && !gap.contains(['.', ';'])
                && !gap.chars().any(|c| c.is_ascii_digit())
                && !hits
                    .iter()
                    .any(|t| t.trigger().is_some() && t.start >= a && t.end <= b)
        })
}

/// Whether an amount is an announced total of several deals:
/// - "Dh42b deals", "signed deals worth $1 billion", "các văn kiện … 37,2 tỷ USD": the deal noun
///   nearest to it is plural or collective;
/// - "in total $2 billion", "insgesamt 717 Millionen": a total cue stands before it in its clause
///   or right after it, no single named deal is the sentence's subject, and the sentence tells of
///   deals at all (a deal word somewhere in it).
fn is_total(
    (ctx, amounts): (&Ctx, &[&Amount]),
    hits: &[Hit],
    x: &Amount,
    single_named_deal: &dyn Fn() -> bool,
    statistic: bool,
) -> bool {
    let st = ctx.text;
    if auction_proceeds(st, hits, x) {
        return true;
    }
    // "the orders were an increase of $3 billion": a figure a statistic names is no sum of deals.
    if statistic {
        return false;
    }
    // "6 dự án được tài trợ … 410.250 USD": counted things told before the
    // money, as what the clause is about, share it even beside a singular deal word.
    let counted = spread_over_counted_objects((ctx, amounts), x);
    if counted == Some(Counted::Before) {
        return true;
    }
    if names_a_single_deal(st, hits, x) {
        return false;
    }
    if aggregate_figure(st, hits, x) || counted.is_some() {
        return true;
    }
    let words_between = |h: &Hit| {
        let (a, b) = if h.start >= x.end {
            (x.end, h.start)
        } else {
            (h.end, x.start)
        };
        span::cut(st, a.min(b), b).split_whitespace().count()
    };
    // The deal noun that owns the amount: the nearest one before it ("hợp đồng mua … trị giá
    // 900 tỷ đồng, trong khi các hợp đồng khác …"), else the nearest after it, within a clause's reach.
    let triggers = || {
        hits.iter()
            .enumerate()
            .filter(|(_, h)| h.trigger().is_some() && !h.has(|r| *r == Role::Blocker))
    };
    let near = triggers()
        .filter(|(_, h)| h.end <= x.start && words_between(h) <= 16)
        .max_by_key(|(_, h)| h.end)
        .or_else(|| {
            triggers()
                .filter(|(_, h)| h.start >= x.end && words_between(h) <= 3)
                .min_by_key(|(_, h)| h.start)
        });
    let several = near.is_some_and(|(i, h)| {
        (h.trigger().is_some_and(|t| t.2)
            && !money_in_that_form(st, h, x)
            && !one_of_them(st, hits, h, x))
            || collective(st, hits, i)
    });
    if several || counted_earlier(st, hits, x) {
        return true;
    }
    // "… insgesamt mehrere Tausend Arbeitsplätze – und Halvard bekommt …": a dash between spaced
    // words ends a clause as a semicolon does.
    let before = span::before(st, x.start);
    let clause_start = [
        before.rfind([';', ':']).map(|i| i + 1),
        before.rfind(" – ").map(|i| i + " – ".len()),
        before.rfind(" — ").map(|i| i + " — ".len()),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(0);
    // "Donors pledged $600 million": a verb whose subject is a total cue tells a sum (not "the
    // total value of this takeover reached …", where a deal word stands between).
    let summed_by_subject = near.is_some_and(|(_, h)| {
        h.trigger().is_some_and(|t| t.1 == Class::Action)
            && hits.iter().any(|c| {
                c.has(|r| *r == Role::TotalCue)
                    && c.start >= clause_start
                    && c.end <= h.start
                    && !hits
                        .iter()
                        .any(|t| t.trigger().is_some() && t.start >= c.end && t.end <= h.start)
            })
    });
    if summed_by_subject && !single_named_deal() {
        return true;
    }
    // "Der Gesamtwert des Auftrags", "tổng giá trị thương vụ": a single deal named beside the
    // amount owns it, whatever the cue says.
    if near.is_some() || statistic {
        return false;
    }
    let cue_before = hits
        .iter()
        .any(|h| h.has(|r| *r == Role::TotalCue) && h.start >= clause_start && h.end <= x.start);
    let cue_after = hits
        .iter()
        .any(|h| h.has(|r| *r == Role::TotalCue) && h.start >= x.end && h.start - x.end <= 3);
    // "Ausgaben von insgesamt 356 Milliarden", "a total of $50 billion for battery cells": with no
    // deal word and no verb of signing or announcing in the sentence, a total cue sums spending,
    // not deals. (A verb may stand for a deal word whose particle it left behind: "Eine
    // Geberkonferenz sagte 450 Millionen Euro zu".)
    let tells_deals = triggers().next().is_some()
        || hits.iter().any(|h| {
            h.has(|r| {
                matches!(
                    r,
                    Role::Status(DealStatus::Signed) | Role::Status(DealStatus::Announced)
                )
            })
        });
    (cue_before || cue_after) && tells_deals && !single_named_deal()
}

/// "ký các hợp đồng đạt hơn 3 tỷ USD, trong đó hợp đồng lớn nhất trị giá 800 triệu USD", "$2 billion,
/// of which $800 million in loans": an amount right before a breakdown word of the language (past
/// a comma), with a smaller amount of its currency after that word, is the sum of the parts told
/// after it, a total; not when a single deal word names it ("a $2 billion contract, including …").
fn broken_down(st: &str, hits: &[Hit], x: &Amount, amounts: &[&Amount]) -> bool {
    !names_a_single_deal(st, hits, x)
        && amounts
            .iter()
            .any(|y| y.currency == x.currency && y.value < x.value && parts(st, hits, x, y))
}

/// The parts told after a breakdown word are deals of their own, never totals, whatever plural
/// deal word stands before them ("Aufträge über 3 Milliarden Euro, davon 1,2 Milliarden für …").
fn part_of_breakdown(st: &str, hits: &[Hit], y: &Amount, amounts: &[&Amount]) -> bool {
    amounts
        .iter()
        .any(|x| x.currency == y.currency && y.value < x.value && parts(st, hits, x, y))
}

/// "The credits include: $180 million for …, $150 million for …", "Các khoản tín dụng này bao
/// gồm: 180 triệu USD cho …": a breakdown word that opens a list with a colon, after a deal word
/// and before any amount of the sentence, lists the parts of deals told before; each amount of
/// the list is a part, not a total.
fn listed_after_breakdown(st: &str, hits: &[Hit], y: &Amount, amounts: &[&Amount]) -> bool {
    hits.iter()
        .filter(|h| h.has(|r| *r == Role::Breakdown) && h.end <= y.start)
        .any(|h| {
            span::after(st, h.end).trim_start().starts_with(':')
                && amounts.iter().all(|x| x.start >= h.end)
                && hits
                    .iter()
                    .any(|t| t.end <= h.start && t.trigger().is_some())
        })
}

/// Whether `y` stands after a breakdown word right after `x` (past a comma).
fn parts(st: &str, hits: &[Hit], x: &Amount, y: &Amount) -> bool {
    hits.iter()
        .filter(|h| h.has(|r| *r == Role::Breakdown) && h.start >= x.end && h.end <= y.start)
        .any(|h| {
            let gap = span::cut(st, x.end, h.start).trim();
            gap.is_empty() || gap == ","
        })
}

/// "deals worth $900 million, including a $500 million contract with …": an amount written right
/// before a singular deal noun (at most one word between) is that deal's value, whatever plural
/// deal word stands before it.
fn names_a_single_deal(st: &str, hits: &[Hit], x: &Amount) -> bool {
    // The first deal word after the amount, then the words between: a later one has as many
    // words before it or more.
    hits.iter()
        .filter(|h| h.start >= x.end && !h.has(|r| *r == Role::Blocker))
        .min_by_key(|h| h.start)
        .filter(|h| span::cut(st, x.end, h.start).split_whitespace().count() <= 1)
        .and_then(|h| h.trigger())
        .is_some_and(|t| !t.2)
}

/// "ký 2 hiệp định vay với Quỹ Hải Âu trị giá 48 tỷ yen", "signed two agreements on
/// loans for infrastructure worth $300 million": deals counted earlier in the clause (no comma
/// between) own the amount, past the singular deal word of what they are about.
fn counted_earlier(st: &str, hits: &[Hit], x: &Amount) -> bool {
    hits.iter().enumerate().any(|(i, h)| {
        h.trigger().is_some()
            && !h.has(|r| *r == Role::Blocker)
            && h.end <= x.start
            && {
                let gap = span::cut(st, h.end, x.start);
                gap.split_whitespace().count() <= 24 && !gap.contains([',', ';', ':', '.'])
            }
            && collective(st, hits, i)
    })
}

/// "Hơn 37 tỷ USD" in a headline and "37,2 tỷ USD" in the body: one total told twice. Totals of
/// one article in one currency within 5 % of each other, where one of them is rounded (about,
/// more than, or written with fewer digits: "$4bn" beside "$3.97bn") or both are equal, are
/// reported once, at their most precise telling; where both are rounded ("nearly $2 billion",
/// "more than $1.8 billion"), within 12.5 %; a bound ("more than 2,400 billion dong") and an exact
/// figure it keeps ("2,450 billion dong"), within 12.5 % too. A total whose sentence restates it
/// in another currency ("$3.5 billion (about €3.2 billion)") is the same total as one told in that
/// currency ("about €3 billion"), and is reported in the currency it was first told in.
pub(super) fn once_each(totals: Vec<Told>) -> Vec<Total> {
    let mut out: Vec<Told> = Vec::new();
    for t in totals {
        // The most recent totals only: a bound that keeps a hostile document linear.
        let from = out.len().saturating_sub(256);
        let this = Figure::of(&t.total);
        let same = out[from..].iter().position(|o| {
            let that = Figure::of(&o.total);
            same_sum(&that, &this)
                || o.restated.as_ref().is_some_and(|r| same_sum(r, &this))
                || t.restated.as_ref().is_some_and(|r| same_sum(&that, r))
        });
        match same.map(|i| from + i) {
            Some(i) => {
                let o = &out[i];
                let converted_here = t
                    .restated
                    .as_ref()
                    .is_some_and(|r| same_sum(&Figure::of(&o.total), r));
                let finer = o.total.currency == t.total.currency
                    && more_precise(&this, &Figure::of(&o.total));
                if converted_here || finer {
                    out[i] = t;
                }
            }
            None => out.push(t),
        }
    }
    out.into_iter().map(|t| t.total).collect()
}

/// "the purchase of radars will cost more than $60 million" beside the total "$62
/// million in contracts": a deal told with no party whose value is a telling of one of the
/// article's totals (as `once_each` compares them) restates that total; it is no deal.
pub(super) fn restates_a_total(m: &super::mention::Mention, totals: &[Total]) -> bool {
    let Some(x) = m.amount.as_ref().filter(|_| m.parties.is_empty()) else {
        return false;
    };
    let this = Figure::told(x);
    totals.iter().any(|t| same_sum(&Figure::of(t), &this))
}

/// Whether two figures in one currency can be one sum told twice (see `once_each`).
fn same_sum(o: &Figure, t: &Figure) -> bool {
    use crate::model::Qualifier;
    if o.currency != t.currency {
        return false;
    }
    let (a, b) = (o.amount, t.amount);
    // "hơn 2.400 tỷ đồng" and "2.450 tỷ đồng": a bound the exact figure keeps, within 12.5 %.
    let bound_kept = |bound: &Figure, exact: &Figure| {
        let (lo, x) = (bound.amount, exact.amount);
        exact.qualifier == Qualifier::Exact
            && match bound.qualifier {
                Qualifier::AtLeast => x >= lo && (x - lo) * rust_decimal::Decimal::from(8) <= lo,
                Qualifier::AtMost => x <= lo && (lo - x) * rust_decimal::Decimal::from(8) <= lo,
                _ => false,
            }
    };
    if bound_kept(o, t) || bound_kept(t, o) {
        return true;
    }
    let rounded = o.qualifier != Qualifier::Exact
        || t.qualifier != Qualifier::Exact
        || rounds_to(a, b)
        || rounds_to(b, a);
    // "nearly $2 billion" and "more than $1.8 billion": two roundings of one sum.
    let both_rounded = o.qualifier != Qualifier::Exact && t.qualifier != Qualifier::Exact;
    let tolerance = if both_rounded { 8 } else { 20 };
    a == b || (rounded && (a - b).abs() * rust_decimal::Decimal::from(tolerance) <= a.max(b))
}

/// Whether `t` is the better telling of a sum `o` also tells: exact where `o` is rounded, or
/// written with more digits ("$3.97bn" against "$4bn").
fn more_precise(t: &Figure, o: &Figure) -> bool {
    use crate::model::Qualifier;
    (o.qualifier != Qualifier::Exact && t.qualifier == Qualifier::Exact)
        || (o.qualifier == t.qualifier && rounds_to(o.amount, t.amount))
}

/// "$4bn" and "$3.97bn": `rough`, written with fewer significant digits than `fine`, is `fine`
/// rounded to its last digit (within half a unit of it).
fn rounds_to(rough: rust_decimal::Decimal, fine: rust_decimal::Decimal) -> bool {
    let unit = last_digit_unit(rough);
    unit > last_digit_unit(fine) && (rough - fine).abs() * rust_decimal::Decimal::TWO <= unit
}

/// The place value of a figure's last non-zero digit: 4 000 000 000 → 1 000 000 000,
/// 3 970 000 000 → 10 000 000. Zero for zero.
fn last_digit_unit(x: rust_decimal::Decimal) -> rust_decimal::Decimal {
    use rust_decimal::Decimal;
    let x = x.abs().normalize();
    if x.is_zero() {
        return Decimal::ZERO;
    }
    if x.scale() > 0 {
        return Decimal::new(1, x.scale());
    }
    let mut unit = Decimal::ONE;
    let ten = Decimal::TEN;
    while (x / (unit * ten)).fract().is_zero() && unit < Decimal::from(10u64.pow(18)) {
        unit *= ten;
    }
    unit
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_figure_with_fewer_digits_is_the_finer_one_rounded() {
        assert_eq!(last_digit_unit(d("4000000000")), d("1000000000"));
        assert_eq!(last_digit_unit(d("3970000000")), d("10000000"));
        assert_eq!(last_digit_unit(d("2.5")), d("0.1"));
        assert!(rounds_to(d("4000000000"), d("3970000000")));
        assert!(!rounds_to(d("3970000000"), d("4000000000")));
        // "$2bn" is no rounding of "$2.6bn", and two figures of equal precision round to neither.
        assert!(!rounds_to(d("2000000000"), d("2600000000")));
        assert!(!rounds_to(d("2100000000"), d("2200000000")));
    }
}
