//! The item: takes an anchor and the count and amount tied to it (from `frame`) and hands on what
//! is bought or financed, its words for telling deals apart and the count of things (to
//! `mention`).

use std::collections::BTreeSet;

use crate::model::{Amount, DealType, Quantity};
use crate::text::strip_diacritics;

use super::anchor::Anchor;
use super::lexicon::{Hit, Role};
use super::names::Ctx;
use super::span::{self, ctx_skip};

/// The count of things: a discrete quantity; else, for a purchase or financing of a thing named
/// in the singular ("mua hệ thống xạ trị": one system), one.
pub(super) fn count_of(
    ctx: &Ctx,
    a: &Anchor,
    ty: DealType,
    quantity: Option<&Quantity>,
) -> Option<u64> {
    let mut qty = quantity.filter(|q| q.discrete).map(|q| q.value);
    if qty.is_none() && matches!(ty, DealType::Purchase | DealType::Financing) {
        let after = ctx_skip(ctx.text, a.end);
        if ctx
            .hits
            .iter()
            .any(|h| h.start == after && h.has(|r| *r == Role::SingularHead))
        {
            qty = Some(1);
        }
    }
    qty
}

/// The words of an item, folded and crudely stemmed, for comparing mentions of one deal written
/// with different inflections ("Gegenseitige Handelsabkommen" / "Gegenseitigen Handelsabkommens").
pub(super) fn words(item: &str) -> BTreeSet<String> {
    strip_diacritics(item)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(stem)
        .collect()
}

fn stem(w: &str) -> String {
    let mut w = w.to_string();
    while w.chars().count() > 4 {
        match ["en", "es", "er", "em", "e", "s", "n"]
            .iter()
            .find(|s| w.ends_with(*s))
        {
            Some(s) => w.truncate(w.len() - s.len()),
            None => break,
        }
    }
    w
}

fn is_item_stop(h: &Hit) -> bool {
    h.opens_parties() || h.has(|r| matches!(r, Role::TotalCue | Role::ItemStop))
}

/// The text from `from` up to the first item stop (a party marker, a status cue, a clause end).
fn span_until_stop(ctx: &Ctx, from: usize, limit: usize, max_words: usize) -> Option<String> {
    let st = ctx.text;
    // "the facility", "den Ausbau des Netzes": an article opening the item is no part of it (a
    // nationality is: "American infrastructure").
    let from = ctx
        .hits_at(ctx_skip(st, from))
        .find(|h| {
            h.end < limit
                && h.has(|r| *r == Role::Determiner)
                && !span::cut(st, h.start, h.end)
                    .chars()
                    .any(char::is_uppercase)
        })
        .map_or(from, |h| h.end);
    let mut end = from;
    let mut pos = ctx_skip(st, from);
    let mut depth = 0i32;
    let mut n = 0;
    while pos < limit && (n < max_words || depth > 0) {
        if depth == 0 {
            if let Some(h) = ctx.hits.iter().find(|h| h.start == pos) {
                if is_item_stop(h) {
                    break;
                }
            }
        }
        let rest = span::cut(st, pos, limit);
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let w = &rest[..len];
        if depth == 0 && runs_for(ctx, w, &rest[len..]) {
            break;
        }
        depth += w.matches('(').count() as i32 - w.matches(')').count() as i32;
        let clause_end = depth <= 0 && (w.ends_with(',') || w.ends_with(';') || w.ends_with(':'));
        let sentence_end =
            depth <= 0 && pos + len == limit && (w.ends_with('.') || w.ends_with('!'));
        let core = if clause_end || sentence_end {
            &w[..w.len() - 1]
        } else {
            w
        };
        end = pos + core.len();
        n += 1;
        if clause_end {
            break;
        }
        pos = ctx_skip(st, pos + len);
    }
    let end = without_dangling_word(ctx, from, end);
    let s = span::cut(st, from, end)
        .trim()
        .trim_end_matches([',', ';', ':', '.']);
    (!s.is_empty()).then(|| s.to_string())
}

/// "hợp đồng 5 năm", "điện 20 năm": a number `w` and, as the next word of `rest`, one of the
/// language's `duration_units` tell how long the contract runs, no part of what it is for.
fn runs_for(ctx: &Ctx, w: &str, rest: &str) -> bool {
    let units = &super::lexicon::lexicon(ctx.lang).duration_units;
    if units.is_empty()
        || !w
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return false;
    }
    let next = rest.split_whitespace().next().unwrap_or("");
    let next = next.trim_end_matches(|c: char| !c.is_alphanumeric());
    w.starts_with(|c: char| c.is_ascii_digit())
        && units
            .iter()
            .any(|u| next.chars().flat_map(char::to_lowercase).eq(u.chars()))
}

/// A dangling function word is not part of the item ("Pioneer for", "Auftrag über"): the end of
/// the span `from..end` before any such word.
fn without_dangling_word(ctx: &Ctx, from: usize, mut end: usize) -> usize {
    let st = ctx.text;
    loop {
        let trimmed = span::cut(st, from, end).trim_end().len() + from;
        let dangling = ctx.hits.iter().find(|h| {
            h.end == trimmed
                && h.start > from
                && h.has(|r| {
                    matches!(
                        r,
                        Role::Stop
                            | Role::Purpose
                            | Role::ItemStop
                            | Role::With
                            | Role::To
                            | Role::From
                            | Role::Of
                            | Role::Determiner
                            | Role::BetweenOpen
                            | Role::Connector
                    )
                })
        });
        match dangling {
            Some(h) => end = h.start,
            None => break,
        }
    }
    end
}

/// [`span_until_stop`], ending before the deal's amount: the price is not part of the item.
fn item_span(
    ctx: &Ctx,
    from: usize,
    scope_end: usize,
    max_words: usize,
    amount: Option<&Amount>,
) -> Option<String> {
    let limit = match amount {
        Some(am) if am.start > from && am.start < scope_end => am.start,
        _ => scope_end,
    };
    span_until_stop(ctx, from, limit, max_words)
}

/// "A ký biên bản ghi nhớ với B về việc xây dựng trang trại điện gió X": what an agreement is
/// about, after a topic word of the language in its scope (up to ten words, to the first stop).
fn about(ctx: &Ctx, a: &Anchor, scope_end: usize) -> Option<String> {
    let t = ctx
        .hits
        .iter()
        .find(|h| h.start >= a.end && h.end < scope_end && h.has(|r| *r == Role::Topic))?;
    span_until_stop(ctx, past_second_verb(ctx, t.end), scope_end, 10)
}

/// "to develop and run a rail line": a conjunction right after a topic's verb joins a second
/// verb; what follows it is the object of both. Where that object starts (`at` otherwise).
fn past_second_verb(ctx: &Ctx, at: usize) -> usize {
    match ctx
        .hits_at(ctx_skip(ctx.text, at))
        .find(|h| h.has(|r| *r == Role::BetweenJoin))
    {
        Some(j) => {
            let rest = span::after(ctx.text, j.end).trim_start();
            let verb = rest.split_whitespace().next().unwrap_or("");
            ctx_skip(ctx.text, j.end) + verb.len()
        }
        None => at,
    }
}

/// "won a contract from the space agency to build a lunar lander": what a deal is to build or
/// develop (a topic word of the language, written in lower case: "the Organisation for the
/// Development of …" is a name), up to ten words. Not a second verb joined to the first ("to
/// develop and operate a rail line" names the line).
fn work_to_do(ctx: &Ctx, a: &Anchor, scope_end: usize) -> Option<String> {
    let t = ctx.hits.iter().find(|h| {
        h.start >= a.end
            && h.end < scope_end
            && h.has(|r| *r == Role::Topic)
            && !span::cut(ctx.text, h.start, h.end).contains(char::is_uppercase)
    })?;
    span_until_stop(ctx, past_second_verb(ctx, t.end), scope_end, 10)
}

/// "24 armoured vehicles", "six offshore patrol vessels": the words between the count and the
/// thing counted describe it, and the sector may rest on them (armoured vehicles are arms, not
/// cars), so the item keeps them.
/// Words of the language's `item_fillers` ("new", "more") are left out.
fn described_unit(ctx: &Ctx, surface: &str, after_number: usize, unit: &str) -> String {
    let Some(u) = surface.rfind(unit).filter(|&u| u > after_number) else {
        return unit.to_string();
    };
    let fillers = &super::lexicon::lexicon(ctx.lang).item_fillers;
    let words: Vec<&str> = surface[after_number..u]
        .split_whitespace()
        .filter(|w| !fillers.iter().any(|f| super::span::lower_is(w, f)))
        .chain(std::iter::once(unit))
        .collect();
    words.join(" ")
}

pub(super) fn item_for(
    ctx: &Ctx,
    a: &Anchor,
    ty: DealType,
    quantity: Option<&Quantity>,
    amount: Option<&Amount>,
    scope_end: usize,
) -> Option<String> {
    if let Some(q) = quantity {
        // "50 F-35 jets", "65 Boeing 777-9 jets": the model between number and noun is the item.
        let surface = span::cut(ctx.text, q.start, q.end);
        let after_number = surface.find(char::is_whitespace).unwrap_or(surface.len());
        if let Some(unit_at) = surface.rfind(q.unit.as_str()).filter(|&u| u > after_number) {
            let between = &surface[after_number..unit_at];
            if between
                .split_whitespace()
                .any(|t| t.chars().any(|c| c.is_ascii_digit() || c.is_uppercase()))
            {
                return Some(surface[after_number..].trim().to_string());
            }
        }
        // "14 vessels and another order for …": what follows a conjunction is not this item.
        let after = ctx_skip(ctx.text, q.end);
        let joined = ctx
            .hits
            .iter()
            .any(|h| h.start == after && h.has(|r| *r == Role::BetweenJoin));
        if joined {
            return Some(q.unit.clone());
        }
        // "zwölf neue Fregatten kaufen", "20 jets ordered by …": the deal's own word after the
        // count (a verb at the end of the clause) ends the item.
        let mut until = if a.start >= q.end { a.start } else { scope_end };
        // "109 A320 jets and 64 A321 jets", "80 phi cơ 737 MAX 10 và 20 phi cơ …": a conjunction
        // followed by another count starts the next thing counted.
        if let Some(j) = ctx.hits.iter().find(|h| {
            h.start >= q.end
                && h.start < until
                && h.has(|r| *r == Role::BetweenJoin)
                && span::after(ctx.text, h.end)
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit())
        }) {
            until = j.start;
        }
        let unit = || described_unit(ctx, surface, after_number, &q.unit);
        if purpose_follows(ctx, q.end) {
            return Some(unit());
        }
        return match item_span(ctx, q.end, until, 8, amount) {
            // "20 tua bin gió": the words after the thing counted describe it.
            Some(after) if super::lexicon::lexicon(ctx.lang).modifiers_follow_noun => {
                Some(format!("{} {after}", unit()))
            }
            Some(after) => Some(after),
            None => Some(unit()),
        };
    }
    if matches!(
        ty,
        DealType::Aid | DealType::Financing | DealType::Investment
    ) {
        if let Some(s) = amount.and_then(|am| purpose_after(ctx, am.end, scope_end, true)) {
            return Some(s);
        }
    }
    if ty == DealType::Investment {
        if let Some(s) = amount.and_then(|am| put_into(ctx, am.end, scope_end)) {
            return Some(s);
        }
    }
    let generic = matches!(
        ty,
        DealType::Purchase | DealType::Financing | DealType::Investment | DealType::Aid
    );
    if !generic {
        if let Some(topic) = about(ctx, a, scope_end) {
            return Some(topic);
        }
    }
    if amount.is_some_and(|am| am.start == a.start && am.end == a.end) {
        return after_bare_amount(ctx, a, scope_end);
    }
    let from = if generic { a.end } else { a.start };
    // "won a contract from the space agency to build a lander": with no words right after the
    // deal word, what it is to build or develop names the item.
    item_span(ctx, from, scope_end, 16, amount)
        .or_else(|| generic.then(|| work_to_do(ctx, a, scope_end)).flatten())
        .or_else(|| Some(span::cut(ctx.text, a.start, a.end).to_string()))
}

/// "Die Kestrel AG hat die Orvex GmbH für 2 Milliarden Euro übernommen", "hat die Sparte an
/// Orvex verkauft": where the verb ends the clause, what is bought or sold stands between the
/// finite verb (an auxiliary, a passive's or the future's) and the deal verb, past the subject
/// where it stands there (`after`), up to the first item stop. `None` where no such verb
/// stands before it in the clause, or nothing is left.
pub(super) fn object_before_final_verb(
    ctx: &Ctx,
    a: &Anchor,
    amount: Option<&Amount>,
    after: usize,
) -> Option<String> {
    if !super::lexicon::lexicon(ctx.lang).verb_final {
        return None;
    }
    let finite = finite_verb_before(ctx, a)?;
    let mut from = finite.end.max(after);
    if from >= a.start || span::cut(ctx.text, from, a.start).contains([',', ';', ':']) {
        return None;
    }
    // "hat bei der Halvard AG 40 Züge bestellt": past a party named with its preposition.
    let party = ctx
        .hits_at(ctx_skip(ctx.text, from))
        .find(|h| h.has(|r| matches!(r, Role::From | Role::To | Role::With)));
    if let Some(n) = party.and_then(|h| ctx.read_name(h.end, a.start)) {
        from = n.end;
    }
    item_span(ctx, from, a.start, 8, amount)
}

/// The last finite verb before the deal word of a clause that ends on it ("hat … bestellt",
/// "wird … übernommen", "werden … liefern"): an auxiliary, a passive's or the future's.
fn finite_verb_before<'h>(ctx: &'h Ctx, a: &Anchor) -> Option<&'h Hit<'h>> {
    ctx.hits.iter().rfind(|h| {
        h.end <= a.start
            && h.has(|r| matches!(r, Role::Auxiliary | Role::PassiveAux | Role::Future))
    })
}

/// "Die Stadtwerke haben die Kestrel AG mit dem Bau eines Kraftwerks beauftragt": a verb of
/// commissioning (the language's `commission_verbs`) at the end of its clause has the contractor
/// as its object, between the finite verb (past the subject where it stands there, `after`) and
/// a word like "mit" (`Role::With`), and the work after that word is the item. The contractor
/// and the item; `None` where the verb is no such verb or does not end its clause.
pub(super) fn commissioned(
    ctx: &Ctx,
    a: &Anchor,
    amount: Option<&Amount>,
    after: usize,
) -> Option<(super::names::Name, Option<String>)> {
    let lex = super::lexicon::lexicon(ctx.lang);
    let verb = span::cut(ctx.text, a.start, a.end);
    if !lex
        .commission_verbs
        .iter()
        .any(|v| verb.chars().flat_map(char::to_lowercase).eq(v.chars()))
    {
        return None;
    }
    let finite = finite_verb_before(ctx, a)?;
    let mut from = finite.end.max(after);
    if from >= a.start {
        return None;
    }
    if let Some(d) = ctx
        .hits_at(ctx_skip(ctx.text, from))
        .find(|h| h.has(|r| *r == Role::Determiner))
    {
        from = d.end;
    }
    let n = ctx.read_name(ctx_skip(ctx.text, from), a.start)?;
    let with = ctx
        .hits_at(ctx_skip(ctx.text, n.end))
        .find(|h| h.has(|r| *r == Role::With))?;
    let work = item_span(ctx, with.end, a.start, 8, amount);
    Some((n, work))
}

/// "two ferries for Telmar Lines", "vier U-Boote für die Marine": a word of purpose right after
/// the things counted says whom or what they are for, not what they are.
fn purpose_follows(ctx: &Ctx, at: usize) -> bool {
    ctx.hits_at(ctx_skip(ctx.text, at))
        .any(|h| h.has(|r| *r == Role::Purpose))
}

/// A deal anchored at its amount has no deal word before it to name it. "… will receive $1.4
/// million to train nurses" names it by a purpose (or a topic: "to build roads"), "a $3 billion
/// investment" by the deal's own noun right after the figure. Anything else after the amount
/// ("A ($31 million), B ($22 million)", "… $18 million while B …") is the sentence going on, and
/// the item is unknown: neither those words nor the amount's own text is an item.
fn after_bare_amount(ctx: &Ctx, a: &Anchor, scope_end: usize) -> Option<String> {
    if let Some(s) = purpose_after(ctx, a.end, scope_end, true) {
        return Some(s);
    }
    let noun = ctx
        .hits_at(ctx_skip(ctx.text, a.end))
        .find(|h| h.end <= scope_end && h.trigger().is_some())?;
    Some(span::cut(ctx.text, noun.start, noun.end).to_string())
}

/// "invest $1 billion in a new battery plant in Ohio", "rót 500 triệu USD vào dự án khu công
/// nghiệp": what money is put into, told right after its amount (at `at`) by a word of the
/// language's `invested_in`; not a company (the recipient: "invested $50 million in Orvex Labs").
fn put_into(ctx: &Ctx, at: usize, scope_end: usize) -> Option<String> {
    let p = ctx
        .hits_at(ctx_skip(ctx.text, at))
        .find(|h| h.end <= scope_end && h.has(|r| *r == Role::InvestedIn))?;
    let next = ctx_skip(ctx.text, p.end);
    // "… into its rival, Lucid Inc.": a description restated by a name names the company too.
    if ctx
        .read_name(next, scope_end)
        .is_some_and(|n| n.start == next)
        || ctx.restated_after_description(p.end, scope_end).is_some()
    {
        return None;
    }
    span_until_stop(ctx, p.end, scope_end, 10)
}

/// The purpose told right after `at` (an amount): the words after a purpose or topic word ("for
/// flood relief", "to build rural roads", "để khắc phục …"). A purpose word that also marks the
/// receiving side ("to", "cho") and is followed by a name is the recipient's: "lend $300 million
/// to Norland to build rural roads" and "viện trợ 5 triệu USD cho Sông Lam để khắc phục …" have
/// their purpose after the name (or none).
fn purpose_after(ctx: &Ctx, at: usize, scope_end: usize, may_name: bool) -> Option<String> {
    let p = ctx
        .hits_at(ctx_skip(ctx.text, at))
        .filter(|h| h.end <= scope_end)
        .filter(|h| h.has(|r| matches!(r, Role::Purpose | Role::Topic)))
        .max_by_key(|h| h.end)?;
    if p.has(|r| *r == Role::To) {
        if let Some(n) = ctx.read_name(ctx_skip(ctx.text, p.end), scope_end) {
            return if may_name {
                purpose_after(ctx, n.end, scope_end, false)
            } else {
                None
            };
        }
    }
    span_until_stop(ctx, p.end, scope_end, 10)
}
