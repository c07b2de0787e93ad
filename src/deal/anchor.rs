//! Anchors: takes a sentence's lexicon hits (from `lexicon`) and hands on the triggers that
//! anchor a deal each, with their type cue and the clause scope each governs (to `frame`).

use crate::model::{DealType, Quantity};

use super::lexicon::{Class, Hit, Role};
use super::span;

/// A trigger accepted as the anchor of a deal mention.
pub(super) struct Anchor {
    pub start: usize,
    pub end: usize,
    /// The trigger phrase itself (for a compound, its head: "hilfe" in "Militärhilfe").
    pub head: String,
    pub ty: DealType,
    pub class: Class,
    /// Named by a deal document (a contract, loan, order), not by an act nor by money named for
    /// its purpose ("subsidies"): see `Mention::documented`.
    pub documented: bool,
}

/// The triggers of a sentence that anchor a deal each, in order. Plural and collective mentions
/// ("các hợp đồng") and blocked triggers anchor none.
pub(super) fn anchors(
    st: &str,
    hits: &[Hit],
    statistic: bool,
    quantities: &[Quantity],
    in_name: &dyn Fn(usize, usize) -> bool,
    fronting: &[String],
) -> Vec<Anchor> {
    let mut anchors: Vec<Anchor> = Vec::new();
    let label = label_end(st, hits);
    for (i, h) in hits.iter().enumerate() {
        let Some((ty, class, plural)) = h.trigger() else {
            continue;
        };
        if label.is_some_and(|colon| h.end <= colon) || in_fronted_phrase(st, hits, h, fronting) {
            continue;
        }
        // "The Public Investment Fund agreed to invest …": a deal word inside a name is none.
        if in_name(h.start, h.end) || modifies_a_compound(st, h) || described(st, hits, h) {
            continue;
        }
        let plural = plural && !orders_for_a_count(st, h, ty, quantities);
        if h.has(|r| *r == Role::Blocker) || collective(st, hits, i) {
            continue;
        }
        if plural {
            // "an agreement for $700 million in loans": the plural says what the agreement is.
            if let Some(prev) = anchors.last_mut() {
                if money_of_the_agreement(st, prev, h, class) {
                    prev.ty = ty;
                }
            }
            continue;
        }
        if class == Class::Action && !act_may_anchor(st, hits, i, &anchors, statistic) {
            continue;
        }
        if prices_the_deal_told(st, hits, h, &anchors) {
            continue;
        }
        // The manner of an act anchored already ("… in an all-stock deal") is no deal of its own,
        // but it documents the act: a deal even without a figure.
        if let Some(act) = anchors
            .last_mut()
            .filter(|a| a.class == Class::Action && manner_of_act(st, hits, i, a.ty))
        {
            act.documented = true;
            continue;
        }
        if anchors
            .last()
            .is_some_and(|prev| abbreviation_of(st, prev, h, ty))
        {
            continue;
        }
        if let Some(prev) = anchors.last_mut() {
            if specifies_the_agreement(st, hits, prev, h, class) {
                prev.ty = ty;
                continue;
            }
        }
        // "loan deal", "investment agreement": a generic deal word after a deal word of a kind is
        // a deal of that kind; one deal where that word anchored already as a document.
        let ty = match kind_of_the_deal_word(st, hits, i, ty, class) {
            Some(_)
                if anchors
                    .last()
                    .is_some_and(|p| p.class == Class::Document && p.end == hits[i - 1].end) =>
            {
                continue;
            }
            Some(kind) => kind,
            None => ty,
        };
        // A compound whose head is the trigger starts where its word starts, but never inside
        // the previous anchor ("Bestellung-Deal" is two triggers in one word).
        let floor = anchors.last().map_or(0, |p| p.end);
        anchors.push(Anchor {
            start: word_start(st, h.start).max(floor).min(h.start),
            end: h.end,
            head: span::cut(st, h.start, h.end).to_string(),
            ty,
            class,
            documented: documents(h, class),
        });
    }
    drop_headings(st, &mut anchors);
    anchors
}

/// "signed a Memorandum of Understanding (MoU) with Kestrel", "Biên bản ghi nhớ (MOU)": a deal
/// word of the same type in brackets right after the one anchored is its abbreviation, no deal of
/// its own (it split the deal in two, each with one of its parties).
fn abbreviation_of(st: &str, prev: &Anchor, h: &Hit, ty: DealType) -> bool {
    prev.ty == ty
        && prev.end <= h.start
        && span::cut(st, prev.end, h.start).trim() == "("
        && span::after(st, h.end).starts_with(')')
}

/// Whether the deal word of `a` stands in a heading that a colon closes before `to`, with no
/// figure and no comma between it and the colon ("Größte Übernahme der Firmengeschichte: …").
fn heading(st: &str, a: &Anchor, to: usize) -> bool {
    let gap = span::cut(st, a.end, to);
    gap.find(':')
        .is_some_and(|i| !gap[..i].contains(|c: char| c.is_ascii_digit() || c == ','))
}

/// "Größte Übernahme der Firmengeschichte: Für 2 Milliarden Euro will Nordchem die Kestrel AG
/// übernehmen", "Record order: Kestrel Air buys 40 jets": a deal word in a heading before a
/// colon, with no figure of its own, names the deal the clause after the colon tells with a deal
/// word of the same type; that word anchors it (with the heading's kind of naming), the heading
/// none.
fn drop_headings(st: &str, anchors: &mut Vec<Anchor>) {
    let mut k = 0;
    while k + 1 < anchors.len() {
        let (p, n) = (&anchors[k], &anchors[k + 1]);
        if p.ty == n.ty && heading(st, p, n.start) {
            let documented = p.documented;
            anchors.remove(k);
            anchors[k].documented |= documented;
        } else {
            k += 1;
        }
    }
}

/// "Under the merger deal, Kestrel Bank would buy Orvex Bank …", "Im Rahmen des Geschäfts …": a deal
/// word in a phrase fronted before the clause (opened by a fronting word of the language, at most
/// six words up to its comma) names the deal told before; where the clause after it has a deal
/// word of its own, that one anchors.
fn in_fronted_phrase(st: &str, hits: &[Hit], h: &Hit, fronting: &[String]) -> bool {
    let Some(comma) = st.find(',') else {
        return false;
    };
    let phrase = &st[..comma];
    let first = phrase
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    h.end <= comma
        && phrase.split_whitespace().count() <= 6
        && fronting.contains(&first)
        && hits
            .iter()
            .any(|t| t.start > comma && t.trigger().is_some_and(|(_, _, plural)| !plural))
}

/// "Health aid: through its relief programme, Kestrel Aid will give Norland $3 million": a deal
/// word in a short label (at most five words) that opens the sentence before a colon heads what
/// follows; where the text after the colon has a deal word of its own, that one anchors. Where
/// such a label ends (its colon).
fn label_end(st: &str, hits: &[Hit]) -> Option<usize> {
    let colon = st.find(':')?;
    (st[..colon].split_whitespace().count() <= 5
        && hits
            .iter()
            .any(|t| t.start > colon && t.trigger().is_some_and(|(_, _, plural)| !plural)))
    .then_some(colon)
}

/// "firm orders for 20 jets", "Bestellungen über neun Flugzeuge", "signed deals for seven
/// carriers": a plural order or agreement noun followed at once (a preposition, an adjective) by a
/// count of things orders those things, one deal.
fn orders_for_a_count(st: &str, h: &Hit, ty: DealType, quantities: &[Quantity]) -> bool {
    matches!(ty, DealType::Purchase | DealType::Agreement)
        && quantities.iter().any(|q| {
            q.discrete && q.start >= h.end && {
                let gap = span::cut(st, h.end, q.start);
                gap.split_whitespace().count() <= 3
                    && !gap.contains(|c: char| {
                        c.is_ascii_digit() || matches!(c, ',' | ';' | ':' | '.' | '(' | ')')
                    })
            }
        })
}

/// "a loan of $50 million" is a deal's document; "$40 billion in subsidies for battery plants" names
/// money by its purpose (a programme cue of the language), and "bought" an act: neither is.
pub(super) fn documents(h: &Hit, class: Class) -> bool {
    class == Class::Document && !h.has(|r| *r == Role::ProgrammeMoney)
}

/// "Airbus bought 50 jets" anchors a deal, but not "… signed a contract under which it bought
/// 50 jets": an act only anchors a deal when no agreement is named in the sentence, the sentence
/// gives no statistics and no other act anchors one already.
fn act_may_anchor(st: &str, hits: &[Hit], i: usize, anchors: &[Anchor], statistic: bool) -> bool {
    let blocks = |a: &Anchor| a.class == Class::Document && !heading(st, a, hits[i].start);
    if statistic || anchors.iter().any(blocks) {
        return false;
    }
    if hits[i + 1..].iter().enumerate().any(|(k, h)| {
        h.trigger().is_some_and(|t| t.1 == Class::Document && !t.2)
            && !hits[i]
                .trigger()
                .is_some_and(|act| manner_of_act(st, hits, i + 1 + k, act.0))
    }) {
        return false;
    }
    !anchors.iter().any(|a| a.class == Class::Action)
}

/// "agreed to buy Orvex for $5 billion in an all-stock deal", "übernimmt die Kestrel AG …, die
/// größte Übernahme der Firmengeschichte": a generic deal word, or one of the act's own type, that
/// a manner cue of the language leads (or a restating cue right after a comma; at most three
/// words between, no clause mark) only says how the act of type `act` before it was done; it
/// anchors nothing of its own.
pub(super) fn manner_of_act(st: &str, hits: &[Hit], k: usize, act: DealType) -> bool {
    let h = &hits[k];
    h.trigger()
        .is_some_and(|t| (t.0 == DealType::Agreement || t.0 == act) && t.1 == Class::Document)
        && hits[..k].iter().rev().take(3).any(|c| {
            let restates = c.has(|r| *r == Role::RestatingAct)
                && span::before(st, c.start).trim_end().ends_with(',');
            (c.has(|r| *r == Role::MannerOfAct) || restates) && {
                let gap = span::cut(st, c.end, h.start);
                gap.split_whitespace().count() <= 3 && !gap.contains([',', ';', '.'])
            }
        })
}

/// "an agreement on a yen loan", "thỏa thuận về khoản vay": the second trigger says what the
/// generic first one is about; one deal, of the specific kind.
fn specifies_the_agreement(st: &str, hits: &[Hit], prev: &Anchor, h: &Hit, class: Class) -> bool {
    let gap = span::cut(st, prev.end, h.start);
    let between_hits = hits
        .iter()
        .filter(|x| x.start >= prev.end && x.end <= h.start)
        .any(|x| {
            x.has(|r| {
                matches!(
                    r,
                    Role::BetweenOpen | Role::With | Role::To | Role::From | Role::Status(_)
                )
            })
        });
    prev.class == Class::Document
        && prev.ty == DealType::Agreement
        && class == Class::Document
        && !between_hits
        && gap.split_whitespace().count() <= 4
        && !gap.contains([',', ';', '.'])
}

/// "signs $500 million loan deal", "a $2 billion investment agreement": a generic deal word (of
/// `hits[i]`) right after a deal word of a kind (a document or an act), only a space between, is
/// the head of one noun: a deal of that kind. The kind, if so.
fn kind_of_the_deal_word(
    st: &str,
    hits: &[Hit],
    i: usize,
    ty: DealType,
    class: Class,
) -> Option<DealType> {
    if ty != DealType::Agreement || class != Class::Document || i == 0 {
        return None;
    }
    let prev = &hits[i - 1];
    let (kind, _, plural) = prev.trigger()?;
    (kind != DealType::Agreement
        && !plural
        && prev.end < hits[i].start
        && span::cut(st, prev.end, hits[i].start).trim().is_empty())
    .then_some(kind)
}

/// "an agreement for $700 million in loans", "a deal worth $2 billion in credits": a plural deal
/// word right after the amount of a generic agreement (past a preposition) says what the money
/// is, so what kind of agreement it is.
fn money_of_the_agreement(st: &str, prev: &Anchor, h: &Hit, class: Class) -> bool {
    let gap = span::cut(st, prev.end, h.start).trim();
    prev.class == Class::Document
        && prev.ty == DealType::Agreement
        && class == Class::Document
        && (a_value(gap)
            || gap
                .split_once(' ')
                .is_some_and(|(w, rest)| w.chars().all(char::is_lowercase) && a_value(rest)))
}

/// "Sao Mai và nhà thầu Orvex ký hợp đồng xây bến số 2, tổng giá trị hợp đồng khoảng 900 tỷ
/// đồng": a deal word right after a word for a deal's value (`value_of`, listed where the
/// language writes the value before the deal word), after a deal word that anchored in the
/// sentence already, names that deal to price it; it anchors none of its own.
fn prices_the_deal_told(st: &str, hits: &[Hit], h: &Hit, anchors: &[Anchor]) -> bool {
    anchors.iter().any(|a| a.class == Class::Document)
        && hits.iter().any(|v| {
            v.has(|r| *r == Role::ValueOf)
                && v.end <= h.start
                && span::cut(st, v.end, h.start).trim().is_empty()
        })
}

/// Where the clause of `anchors[k]` may start: after the previous anchor.
pub(super) fn pre_start(anchors: &[Anchor], k: usize) -> usize {
    if k == 0 { 0 } else { anchors[k - 1].end }
}

/// Where the scope of `anchors[k]` ends: where the next anchor starts, else at `len`.
pub(super) fn scope_end(anchors: &[Anchor], k: usize, len: usize) -> usize {
    anchors.get(k + 1).map_or(len, |n| n.start)
}

/// Whether a hit with `role` starts in `from..to` ("won an order" in the anchor's clause).
pub(super) fn said_in(hits: &[Hit], from: usize, to: usize, role: Role) -> bool {
    hits.iter()
        .filter(|h| h.start >= from && h.start < to)
        .any(|h| h.has(|r| *r == role))
}

/// The start of the word containing `pos` (a compound noun whose head is the trigger).
fn word_start(st: &str, pos: usize) -> usize {
    span::before(st, pos)
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '-')
        .last()
        .map_or(pos, |(i, _)| i)
}

/// "signed 3 agreements with the bank on a loan programme", "ký các hợp đồng mua máy bay": a
/// deal word in the clause of deals counted or marked plural before it (no comma between) says
/// what they are about; with no figure of its own it is no deal of its own.
pub(super) fn about_several_deals(st: &str, hits: &[Hit], at: usize) -> bool {
    hits.iter().enumerate().any(|(i, h)| {
        h.trigger().is_some()
            && h.end <= at
            && {
                let gap = span::cut(st, h.end, at);
                gap.split_whitespace().count() <= 12 && !gap.contains([',', ';', ':', '.'])
            }
            && collective(st, hits, i)
    })
}

/// "Investors had expected the deal", "Der Vertrag läuft neun Jahre", "Theo hợp đồng này": a deal
/// word with a definite word that refers back to it (before or after it, as the language writes
/// it). With `modified`, words of the language that only qualify a deal already told may stand
/// between ("The proposed sale is valued at …", "Der geplante Auftrag …"), or its value ("The
/// $640m contract covers …").
pub(super) fn refers_back(st: &str, hits: &[Hit], a: &Anchor, modified: bool) -> bool {
    let between = |from: usize| {
        let gap = span::cut(st, from, a.start);
        gap.trim().is_empty()
            || (modified && a_value(gap))
            || (modified
                && gap.split_whitespace().count() <= 2
                && gap.split_whitespace().all(|w| {
                    let at = from + gap.find(w).unwrap_or(0);
                    hits.iter()
                        .any(|m| m.start == at && m.has(|r| *r == Role::BackModifier))
                }))
    };
    hits.iter().any(|h| {
        (h.has(|r| *r == Role::BackBefore) && h.end <= a.start && between(h.end))
            || (h.has(|r| *r == Role::BackAfter)
                && h.start >= a.end
                && span::cut(st, a.end, h.start).trim().is_empty())
    })
}

/// "The Orvex pact sets a floor price …", "the Orvex contract runs until 2030": a referring word
/// before the deal word with only a name between (one to three capitalised words): the deal
/// that party made, told before.
pub(super) fn refers_back_past_a_name(st: &str, hits: &[Hit], a: &Anchor) -> bool {
    hits.iter().any(|h| {
        h.has(|r| *r == Role::BackBefore) && h.end <= a.start && {
            let gap = span::cut(st, h.end, a.start);
            let words: Vec<&str> = gap.split_whitespace().collect();
            (1..=3).contains(&words.len())
                && words.iter().all(|w| {
                    w.starts_with(char::is_uppercase)
                        && w.chars()
                            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '&'))
                })
        }
    })
}

/// "The value of the northern contract is …", "hợp đồng EPC này": one word between the
/// referring word and the deal word that tells which of the deals told before it means (the one
/// whose sentence has that word). That word, where it is one; not a figure or a name.
pub(super) fn back_with_qualifier<'s>(st: &'s str, hits: &[Hit], a: &Anchor) -> Option<&'s str> {
    let one_word = |gap: &'s str| {
        let mut words = gap.split_whitespace();
        let w = words.next()?;
        (words.next().is_none()
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && (w.chars().all(char::is_lowercase) || w.chars().all(char::is_uppercase)))
        .then_some(w)
    };
    hits.iter().find_map(|h| {
        if h.has(|r| *r == Role::BackBefore) && h.end <= a.start {
            one_word(span::cut(st, h.end, a.start))
        } else if h.has(|r| *r == Role::BackAfter) && h.start >= a.end {
            one_word(span::cut(st, a.end, h.start))
        } else {
            None
        }
    })
}

/// "The loan consists of two tranches …", "Der Kredit besteht aus …": the sentence's
/// first anchor opens it (at most three words before it) and refers back to a deal told before.
pub(super) fn opens_on_a_deal_told(st: &str, hits: &[Hit], anchors: &[Anchor]) -> bool {
    anchors.first().is_some_and(|a| {
        span::cut(st, 0, a.start).split_whitespace().count() <= 3
            && !span::cut(st, 0, a.start).contains(|c: char| c.is_ascii_digit())
            && refers_back(st, hits, a, true)
    })
}

/// "$640m", "2,5 Milliarden Euro": a short gap that opens with a figure (the value written
/// before a deal word).
fn a_value(gap: &str) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words[0].chars().any(|c| c.is_ascii_digit())
        && !words[0].ends_with([',', '.', ';'])
        && words[1..].iter().all(|w| !w.contains([',', ';', '.']))
}

/// "NORVEX is a broad trade agreement covering …", "NOVAFTA là một hiệp định thế hệ mới": a deal
/// word after a copula and its article (at most two words between) describes a deal; it tells
/// none. Not where the copula only inverts a list ("Also among the agreements signed was a
/// contract with …"): a deal word before it in its clause.
fn described(st: &str, hits: &[Hit], h: &Hit) -> bool {
    hits.iter().any(|c| {
        c.has(|r| *r == Role::Describes) && c.end <= h.start && {
            let gap = span::cut(st, c.end, h.start);
            let clause_start = span::before(st, c.start)
                .rfind([',', ';', ':'])
                .map_or(0, |i| i + 1);
            gap.split_whitespace().count() <= 2
                && !gap.contains([',', ';', '.'])
                && !hits
                    .iter()
                    .any(|t| t.trigger().is_some() && t.start >= clause_start && t.end <= c.start)
        }
    })
}

/// "a license-out deal", "loan-guarantee programme": a deal word joined by a hyphen to the word
/// after it only qualifies that compound's head; the head decides what the compound is.
fn modifies_a_compound(st: &str, h: &Hit) -> bool {
    let mut rest = span::after(st, h.end).chars();
    rest.next() == Some('-') && rest.next().is_some_and(char::is_alphabetic)
}

/// A trigger right after a plural marker ("các hợp đồng và thỏa thuận") or a count above one
/// ("20 hợp đồng", "three agreements") names many deals at once. Not a stake's share ("a 3
/// percent stake in", "a three percent stake in": the number is the percentage's).
pub(super) fn collective(st: &str, hits: &[Hit], i: usize) -> bool {
    if hits[i].has(|r| *r == Role::Stake) {
        return false;
    }
    let before = st[..hits[i].start].trim_end();
    let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    // "2018 kaufte X den Rivalen Y": a year before a verb of buying that stands second dates the
    // deal; it counts none.
    let count = last_word
        .bytes()
        .all(|c| c.is_ascii_digit())
        .then(|| last_word.parse::<u64>().ok())
        .flatten();
    let year = last_word.len() == 4 && count.is_some_and(|n| (1900..=2100).contains(&n));
    if count.is_some_and(|n| n > 1) && !year {
        return true;
    }
    let mut j = i;
    let mut end = hits[i].start;
    while j > 0 {
        j -= 1;
        let h = &hits[j];
        let gap = span::cut(st, h.end, end);
        if !gap
            .chars()
            .all(|c| c.is_whitespace() || c == ',' || c == '-')
        {
            return false;
        }
        if h.has(|r| *r == Role::Plural) {
            return true;
        }
        let joins = h.has(|r| matches!(r, Role::BetweenJoin | Role::Connector | Role::Stop));
        if h.trigger().is_none() && !joins {
            return false;
        }
        end = h.start;
    }
    false
}

/// "The fund put $20 million into Kestrel Labs", "will spend $1.9 billion to build a plant": a
/// verb of the language's `money_first_verbs` is a deal word only with an amount right after it
/// (at most two words between, no punctuation) and a word leading to what the money goes into
/// (`Role::InvestedIn`) or saying what it builds (`Role::BuiltWith`) at most three words after
/// that amount. Elsewhere ("The value is put at $2 billion", "put pressure on") its hit loses its
/// deal-word role, so that no stage reads it as a deal word; its other roles stay.
pub(super) fn drop_money_verbs_without_money(
    st: &str,
    lex: &super::lexicon::DealLexicon,
    hits: &mut Vec<Hit>,
    amounts: &[crate::model::Amount],
) {
    let verbs = &lex.money_first_verbs;
    let named = |h: &Hit, list: &[String]| {
        h.trigger().is_some()
            && list
                .iter()
                .any(|v| v.eq_ignore_ascii_case(span::cut(st, h.start, h.end)))
    };
    // Most sentences have none of these verbs: nothing to collect.
    let asks = |h: &Hit| {
        named(h, verbs)
            || named(h, &lex.money_with_verbs)
            || named(h, &lex.money_from_verbs)
            || (h.trigger().is_some() && h.has(|r| *r == Role::Payment))
    };
    if !hits.iter().any(asks) {
        return;
    }
    let close = |from: usize, to: usize, words: usize| few_words_between(st, from, to, words);
    let invested_in: Vec<usize> = hits
        .iter()
        .filter(|h| h.has(|r| matches!(r, Role::InvestedIn | Role::BuiltWith)))
        .map(|h| h.start)
        .collect();
    let from: Vec<usize> = hits
        .iter()
        .filter(|h| h.has(|r| *r == Role::From))
        .map(|h| h.start)
        .collect();
    let with: Vec<usize> = hits
        .iter()
        .filter(|h| h.has(|r| *r == Role::With))
        .map(|h| h.end)
        .collect();
    // Where money paid went: "in" (fines, dividends), or a purpose that marks the receiving
    // side ("to") when no payee follows it (see `paid_for_something`).
    let paid_into: Vec<(usize, usize, bool)> = hits
        .iter()
        .filter(|h| {
            h.has(|r| *r == Role::InvestedIn)
                || h.has(|r| *r == Role::Purpose) && h.has(|r| *r == Role::To)
        })
        .map(|h| (h.start, h.end, !h.has(|r| *r == Role::InvestedIn)))
        .collect();
    let is_deal_word = |h: &Hit| {
        if named(h, verbs) {
            amounts.iter().any(|x| {
                close(h.end, x.start, 2) && invested_in.iter().any(|&i| close(x.end, i, 3))
            })
        } else if named(h, &lex.money_with_verbs) {
            money_given_with(st, h.end, &with, amounts)
        } else if named(h, &lex.money_from_verbs) {
            money_raised_from(st, lex, h.end, &from, amounts)
        } else if h.trigger().is_some() && h.has(|r| *r == Role::Payment) {
            paid_for_something(st, h.end, &paid_into, amounts)
        } else {
            true
        }
    };
    // A verb of raising that is no deal word here keeps its other roles ("the auction raised
    // $2 billion" tells a total's proceeds). It still says who receives where its amount comes
    // right after it and a deal word right after the amount names the deal (`raised_in_a_round`):
    // elsewhere its receiving would make the sentence's amounts deals of their own ("raised $300
    // million for its pension fund"). The other verbs go whole.
    let deal: Vec<bool> = hits.iter().map(is_deal_word).collect();
    let words: Vec<usize> = hits
        .iter()
        .zip(&deal)
        .filter(|(h, d)| **d && h.trigger().is_some())
        .map(|(h, _)| h.start)
        .collect();
    let in_a_round = |h: &Hit| raised_in_a_round(st, h.end, &words, amounts);
    let mut k = 0;
    hits.retain_mut(|h| {
        let keep = deal[k];
        k += 1;
        if keep {
            return true;
        }
        if named(h, &lex.money_from_verbs) {
            *h = if in_a_round(h) {
                h.without_trigger()
            } else {
                h.without_receiving()
            };
            return !h.roles.is_empty();
        }
        false
    });
}

/// "Orvex had raised $2 million in a seed round": after a verb of raising ending at `verb_end`,
/// an amount at most two words on and within three words after it a deal word (starting at one of
/// `deal_words`) that names what was raised: the verb's subject received it.
fn raised_in_a_round(
    st: &str,
    verb_end: usize,
    deal_words: &[usize],
    amounts: &[crate::model::Amount],
) -> bool {
    amounts.iter().any(|x| {
        x.start >= verb_end
            && few_words_between(st, verb_end, x.start, 2)
            && deal_words
                .iter()
                .any(|&w| few_words_between(st, x.end, w, 3))
    })
}

/// From `from` to `to` (in that order) stand at most `words` words and no clause mark: the
/// reach of the money-verb rules below.
fn few_words_between(st: &str, from: usize, to: usize, words: usize) -> bool {
    from <= to && {
        let gap = span::cut(st, from, to);
        gap.split_whitespace().count() <= words && !gap.contains([',', ';', '.', ':'])
    }
}

/// "Orvex paid $2 million in fines", "paid $10 million to settle the lawsuit": a verb of paying
/// (`payment_verbs`) ending at `verb_end`, with its amount right after it (at most two words
/// between) followed by a word of `invested_in` (what the money went "in": fines, dividends,
/// taxes) or by a purpose word that also marks the receiving side and a lower-case word (a
/// purpose, no payee), pays no one for anything: no deal word. Elsewhere ("paid $3.2 billion for
/// spectrum", "by paying an additional $300 million", "paid Kestrel $40 million") it stays one.
/// `marks` holds the spans of those words and whether each is a purpose that marks that side.
fn paid_for_something(
    st: &str,
    verb_end: usize,
    marks: &[(usize, usize, bool)],
    amounts: &[crate::model::Amount],
) -> bool {
    let lower_at = |at: usize| {
        span::after(st, at)
            .trim_start()
            .starts_with(char::is_lowercase)
    };
    !amounts.iter().any(|x| {
        few_words_between(st, verb_end, x.start, 2)
            && marks
                .iter()
                .find(|&&(start, _, _)| start == span::ctx_skip(st, x.end))
                .is_some_and(|&(_, end, to)| !to || lower_at(end))
    })
}

/// "Orvex Robotics raised $50 million from Kestrel Capital", "huy động thành công 50 triệu USD từ
/// quỹ đầu tư Kestrel Capital", "raised $12 million in a round led by Kestrel Ventures": after a
/// verb of raising ending at `verb_end`, an amount at most two words on, then either within three
/// words a word for "from" (starting at one of `from_starts`) and within four words after it a
/// capitalised word, or within six words one of the language's `led_by` words and a capitalised
/// word at most two words after it ("do quỹ Kestrel dẫn đầu"): money raised from an investor.
fn money_raised_from(
    st: &str,
    lex: &super::lexicon::DealLexicon,
    verb_end: usize,
    from_starts: &[usize],
    amounts: &[crate::model::Amount],
) -> bool {
    let close = |from: usize, to: usize, words: usize| few_words_between(st, from, to, words);
    let capitalised_within = |at: usize, skip: usize, words: usize| {
        span::after(st, at)
            .split_whitespace()
            .skip(skip)
            .take(words)
            .any(|w| w.starts_with(char::is_uppercase))
    };
    amounts.iter().any(|x| {
        x.start >= verb_end
            && close(verb_end, x.start, 2)
            && (from_starts
                .iter()
                .any(|&f| close(x.end, f, 3) && capitalised_within(f, 1, 4))
                || round_led_by(st, lex, x.end, 6).is_some_and(|e| capitalised_within(e, 0, 2)))
    })
}

/// "… in a round led by Kestrel Ventures": where one of the language's `led_by` words starts
/// at most `words` words after `at`, in the same clause, the end of that word. Where the language
/// closes the phrase after the leader ("do Kestrel dẫn đầu"), the clause must close it.
fn round_led_by(
    st: &str,
    lex: &super::lexicon::DealLexicon,
    at: usize,
    words: usize,
) -> Option<usize> {
    let rest = span::after(st, at);
    let clause = &rest[..rest.find([',', ';', '.', ':']).unwrap_or(rest.len())];
    let lower = clause.to_lowercase();
    // A clause whose case folding changes its length (rare letters) is not read.
    if lower.len() != clause.len() {
        return None;
    }
    let (i, p) = lex
        .led_by_in(&lower)
        .into_iter()
        .find(|&(i, _)| lower[..i].split_whitespace().count() <= words)?;
    let closed = lex.led_by_close.is_empty()
        || lex
            .led_by_close
            .iter()
            .any(|c| lower[i + p.len()..].contains(c.as_str()));
    closed.then_some(at + i + p.len())
}

/// "Norway will support Norland with $500 million", "Der Bund unterstützt den Bau der Fabrik mit
/// knapp zehn Milliarden Euro": after a verb of supporting ending at `verb_end`, in its clause (at
/// most twelve words, no clause mark but a comma), a word of `with` (ending at one of
/// `with_ends`) stands at most two words before an amount: the support is that money.
fn money_given_with(
    st: &str,
    verb_end: usize,
    with_ends: &[usize],
    amounts: &[crate::model::Amount],
) -> bool {
    amounts.iter().any(|x| {
        x.start >= verb_end && {
            let clause = span::cut(st, verb_end, x.start);
            clause.split_whitespace().count() <= 12
                && !clause.contains([';', '.', ':'])
                && with_ends.iter().any(|&w| {
                    w > verb_end && w <= x.start && {
                        let gap = span::cut(st, w, x.start);
                        gap.split_whitespace().count() <= 2 && !gap.contains(',')
                    }
                })
        }
    })
}

/// "Telmar has won a $1 billion contract, the biggest such order in four years, from Vestria":
/// a deal word inside a phrase set off by commas right after another deal word (a comma, a
/// lower-case word such as an article, at most three more words before it, then at most four words to the next comma)
/// restates that deal ("a contract, a loan, and an MoU" is a list: one word before each).
/// Its hit loses its deal-word role, so that the words after the phrase stay
/// in the first deal's scope. Not a list's next deal ("a contract with Kestrel, a second order
/// …": a name stands between), nor a phrase that ends the sentence ("…, a deal worth $2
/// million.").
pub(super) fn drop_restating_appositions(st: &str, hits: &mut [Hit]) {
    let mut prev_trigger_end: Option<usize> = None;
    for h in hits.iter_mut() {
        if h.trigger().is_none() {
            continue;
        }
        let restates = prev_trigger_end.is_some_and(|p| {
            let gap = span::cut(st, p, h.start);
            let Some(inner) = gap.trim_start().strip_prefix(',') else {
                return false;
            };
            // A lower-case first word: an article or a describing word, no name. Two words at
            // least before the deal word: a list's next deal has one ("a contract, a loan, and
            // an MoU"). A figure before it gives a deal of its own ("a contract, a $300 million
            // loan, …"). Asked first: the closing comma is searched for only then.
            let words = inner.split_whitespace().count();
            inner.trim_start().starts_with(char::is_lowercase)
                && (2..=4).contains(&words)
                && !inner.contains(|c: char| c.is_ascii_digit())
                && !inner.contains([',', ';', ':', '.'])
                && {
                    let rest = span::after(st, h.end);
                    rest.find(',').is_some_and(|c| {
                        rest[..c].split_whitespace().count() <= 4
                            && !rest[..c].contains(['.', ';', ':'])
                    })
                }
        });
        if restates {
            *h = h.without_trigger();
        } else {
            prev_trigger_end = Some(h.end);
        }
    }
}
