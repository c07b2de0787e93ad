//! Parties: takes an anchor and its scope (from `frame`) and hands on the names its clause gives
//! ("between A and B", "with B", "to B", "from B", the subject), with the sides the text states
//! (decided in `roles`), to `mention`.

use crate::entity::{EntityHit, Kind, key};
use crate::lang::Lang;
use crate::model::DealType;

use super::anchor::{self, Anchor};
use super::lexicon;
use super::lexicon::{Class, Hit, Role};
use super::names::{Ctx, Name};
use super::roles::{self, Verbs};
use super::span::{self, ctx_skip};

/// The parties, provider, recipient and subject of an anchor.
pub(super) type PartyInfo = (Vec<Name>, Option<String>, Option<String>, Option<Name>);

/// Parties of a merged deal: a country is not a second party beside its own agency.
pub(crate) fn tidy_parties(parties: &mut Vec<Name>) {
    supersede_countries(parties);
}

fn push_party(parties: &mut Vec<Name>, n: Name) {
    if !parties.iter().any(|p| p.canonical == n.canonical) {
        parties.push(n);
    }
}

/// `n` added to the parties, and its canonical name for the side it takes.
pub(super) fn party_on_a_side(parties: &mut Vec<Name>, n: Name) -> Option<String> {
    let side = n.canonical.clone();
    push_party(parties, n);
    Some(side)
}

/// A known entity as a party.
fn entity_name(e: &EntityHit) -> Name {
    Name {
        start: e.start,
        end: e.end,
        canonical: e.entity.canonical.clone(),
        kind: Some(e.entity.kind),
        country: e.entity.country.clone(),
    }
}

/// "Vietnam Airlines signed a contract with Airbus": a sentence whose only anchor names an
/// agreement with a counterparty tells one deal; a total cue in it does not make its value a
/// total.
pub(super) fn single_named_deal(ctx: &Ctx, anchors: &[Anchor]) -> bool {
    anchors.len() == 1
        && anchors[0].class == Class::Document
        && !parties_for(ctx, anchors, 0, ctx.text.len(), anchors[0].ty)
            .0
            .is_empty()
}

/// Parties of the anchor `k`: "between A and B", "with B", "to B", "from B", "of A", the subject.
/// The sides the verbs state are read for the deal's type `ty` as `kind` decided it (a trigger
/// "won" may name a licence: "won the 3.5 GHz block").
pub(super) fn parties_for(
    ctx: &Ctx,
    anchors: &[Anchor],
    k: usize,
    scope_end: usize,
    ty: DealType,
) -> PartyInfo {
    let a = &anchors[k];
    let pre_start = anchor::pre_start(anchors, k);
    let mut r = Sides::default();
    sides_by_cues(ctx, a, (pre_start, scope_end), ty, &mut r);
    let verb_final = lexicon::lexicon(ctx.lang).verb_final;
    // "… an order with A for 12 tankers and another order for five barges with B": a deal word
    // joined to the one before shares its verb and its subject.
    let joined = joined_to_previous(ctx, anchors, k, pre_start);
    let verbs_from = if joined {
        anchor::pre_start(anchors, k - 1)
    } else {
        pre_start
    };
    let verbs = Verbs::read(ctx, ty, (verbs_from, a.end, scope_end), verb_final);
    let sold_by = sides_by_objects(ctx, a, (pre_start, scope_end), &verbs, &mut r);
    let mut subjects = subject_of(ctx, a, pre_start);
    // "after Kestrel Group's offer for Orvex": the deal's owner, named in its own phrase, is
    // its subject whatever the clause's subject is.
    if let Some(owner) = owner_of_the_deal(ctx, a, pre_start) {
        subjects = vec![owner];
    }
    if subjects.is_empty() {
        subjects = subject_after_verb(ctx, a, pre_start, scope_end, &mut r.parties);
    }
    if subjects.is_empty() {
        subjects.extend(subject_after_fronted_deal(ctx, a, scope_end));
    }
    if subjects.is_empty() {
        subjects.extend(speaker_after_clause(ctx, a, scope_end));
    }
    if subjects.is_empty() && joined {
        subjects = subject_of(ctx, &anchors[k - 1], anchor::pre_start(anchors, k - 1));
    }
    object_after_second_verb(ctx, a, scope_end, (sold_by.as_ref(), &subjects), &mut r);
    sides_by_subject(ctx, a, (pre_start, scope_end), &verbs, &subjects, &mut r);
    if matches!(ty, DealType::Financing | DealType::Aid) && r.recipient.is_none() {
        if let Some(n) = receives_before_amount(ctx, a, scope_end)
            .filter(|n| r.provider.as_ref() != Some(&n.canonical))
        {
            r.recipient = party_on_a_side(&mut r.parties, n);
        }
    }
    if r.recipient.is_none() && matches!(ty, DealType::Financing | DealType::Aid) {
        if let Some(n) = given_to_the_object(ctx, a, pre_start)
            .filter(|n| r.provider.as_ref() != Some(&n.canonical))
        {
            r.recipient = party_on_a_side(&mut r.parties, n);
        }
    }
    if r.recipient.is_none() && matches!(ty, DealType::Financing | DealType::Aid) {
        r.recipient = owner_of_what_is_funded(ctx, a, scope_end, &mut r.parties)
            .filter(|n| r.provider.as_ref() != Some(n));
    }
    if matches!(ty, DealType::Financing | DealType::Aid) {
        state_named_by_its_adjective(ctx, a, &mut r);
    }
    winner_supplies(ctx, scope_end, &mut r);
    club_of_lenders(ctx, a, scope_end, ty, subjects.first(), &mut r);
    awarded_to_contractor_after_deal(ctx, a, scope_end, ty, &mut r);
    no_party_in_the_deal_word(a, &mut r);
    drop_names_in_asides(ctx, scope_end, &mut r);
    if subjects.is_empty() {
        stock_traded(ctx, a, scope_end, &mut r);
    }
    offtaker_buys(ctx, (pre_start, scope_end), subjects.first(), &mut r);
    builder_at_its_yard(ctx, a, scope_end, (ty, &verbs), &mut r);
    maker_named_by_its_model(ctx, subjects.first(), verbs.sells(), &mut r);
    members_follow_their_leader(ctx, (pre_start, a.start), &mut r);
    group_supplies(ctx, ty, &verbs, &subjects, &mut r);
    bidder_buys(ctx, a, (pre_start, scope_end), &mut r);
    (
        r.parties,
        r.provider,
        r.recipient,
        subjects.first().cloned(),
    )
}

/// "… trúng thầu là Orvex với giá hợp đồng …": the winner a copula names (read from the
/// sentence's start, so that it tells the contract word after it too) supplies; a subject read
/// as the supplier is the client that announced it.
fn winner_supplies(ctx: &Ctx, scope_end: usize, r: &mut Sides) {
    if let Some(w) = copula_winner(ctx, 0, scope_end) {
        let was = r.provider.replace(w.canonical.clone());
        if r.recipient.is_none() || r.recipient.as_ref() == Some(&w.canonical) {
            r.recipient = was.filter(|p| *p != w.canonical);
        }
        push_party(&mut r.parties, w);
    }
}

/// "mit einer Milliarden-Übernahme": the deal word itself, as the head of a compound, names no
/// party.
fn no_party_in_the_deal_word(a: &Anchor, r: &mut Sides) {
    let own_word = |n: &Name| n.start < a.end && a.start < n.end;
    for side in [&mut r.provider, &mut r.recipient] {
        if r.parties
            .iter()
            .any(|p| own_word(p) && side.as_ref() == Some(&p.canonical))
        {
            *side = None;
        }
    }
    r.parties.retain(|p| !own_word(p));
}

/// "Liên danh Orvex – Tổng công ty Sông Lam (SLC) và Công ty Điện lực Sao Mai ký …": the later members of a group
/// (`later_members`) are no parties of their own where its leader is one; the leader speaks for
/// the group, so the deal is between the group and the other side. A member a cue placed on a
/// side stays.
fn members_follow_their_leader(ctx: &Ctx, (from, to): (usize, usize), r: &mut Sides) {
    // A leader and a member: two parties at least, one of them after the other.
    if r.parties.len() < 2 {
        return;
    }
    let Some(Members { first, dash, end }) = later_members(ctx, from, to) else {
        return;
    };
    let member = |p: &Name| p.start > dash && p.end <= end;
    // The leader is a party: a name from the group word to the dash (or one that spans the
    // members, as `read_name` reads a leader).
    if !r.parties.iter().any(|p| p.start >= first && p.start < dash) {
        return;
    }
    let placed = |p: &Name| {
        [&r.provider, &r.recipient]
            .iter()
            .any(|s| s.as_deref() == Some(p.canonical.as_str()))
    };
    let keep: Vec<bool> = r.parties.iter().map(|p| !member(p) || placed(p)).collect();
    let mut k = keep.iter();
    r.parties.retain(|_| *k.next().unwrap_or(&true));
}

/// "Norland will receive a Japanese loan of $200 million", "der Norland eine norwegische
/// Mitfinanzierung zugesagt hatte": the adjective of a nationality right before the deal word of a
/// loan or of aid (or before the compound it ends) names the state that gives it. It provides,
/// in place of a name the lexicon does not know (a head of government who promised it for his
/// state), not of an organisation read there ("a Japanese loan from the Kestrel Bank").
fn state_named_by_its_adjective(ctx: &Ctx, a: &Anchor, r: &mut Sides) {
    let st = ctx.text;
    // Back over the compound's first part ("Mit-finanzierung"), then to the word before.
    let word_start = span::before(st, a.start)
        .trim_end_matches(|c: char| c.is_alphabetic() || c == '-')
        .len();
    let before = span::before(st, word_start);
    let gap = before.len() - before.trim_end().len();
    if gap == 0 || before[before.len() - gap..].contains('\n') {
        return;
    }
    let adjective = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let Some(state) = ctx.lexicon.nationality(adjective) else {
        return;
    };
    let provider_known = r.provider.as_ref().is_some_and(|p| {
        r.parties
            .iter()
            .any(|n| &n.canonical == p && n.kind.is_some())
    });
    if provider_known || r.recipient.as_deref() == Some(state.canonical.as_str()) {
        return;
    }
    let start = before.trim_end().len() - adjective.len();
    r.provider = party_on_a_side(
        &mut r.parties,
        Name {
            start,
            end: start + adjective.len(),
            canonical: state.canonical.clone(),
            kind: Some(state.kind),
            country: state.country.clone(),
        },
    );
}

/// "The Harbour Bank will lend Kestrel Foods $90 million", "granted Norland up to $5 million": a
/// name right after the deal word of a loan or a grant and right before its amount (at most two
/// words between, no punctuation) is the indirect object, who receives the money.
fn receives_before_amount(ctx: &Ctx, a: &Anchor, scope_end: usize) -> Option<Name> {
    let at = ctx_skip(ctx.text, a.end);
    let n = ctx.read_name(at, scope_end).filter(|n| n.start == at)?;
    let amount = ctx
        .amounts
        .iter()
        .filter(|x| x.start >= n.end && x.start < scope_end)
        .min_by_key(|x| x.start)?;
    let gap = span::cut(ctx.text, n.end, amount.start);
    (gap.split_whitespace().count() <= 2 && !gap.contains([',', ';', '.', '('])).then_some(n)
}

/// "Kestrel Lithium inked an offtake contract with Nordchem", "with offtaker Nordchem",
/// "hợp đồng bao tiêu với Nordchem": in a clause with a word of offtake (`offtake`), the partner
/// takes the subject's output: the subject supplies, the one other party buys, whatever a
/// description of the partner ("cathode maker") would have made of it.
fn offtaker_buys(
    ctx: &Ctx,
    (pre_start, scope_end): (usize, usize),
    subject: Option<&Name>,
    r: &mut Sides,
) {
    let Some(s) = subject else {
        return;
    };
    let offtake = anchor::said_in(ctx.hits, pre_start, scope_end, Role::Offtake);
    let others: Vec<&Name> = r
        .parties
        .iter()
        .filter(|p| p.canonical != s.canonical)
        .collect();
    if let (true, [partner]) = (offtake, &others[..]) {
        r.recipient = Some(partner.canonical.clone());
        r.provider = Some(s.canonical.clone());
    }
}

/// "Nordchem's purchase of Harbourline Foods", "after Kestrel Group's $2 billion offer for
/// Orvex", "Nordmar Air's order for 20 jets": a name with a possessive mark, at most four words
/// (no verb, no clause mark) before the deal word, owns the deal: it is the one that buys, lends
/// or orders.
fn owner_of_the_deal(ctx: &Ctx, a: &Anchor, pre_start: usize) -> Option<Name> {
    let st = ctx.text;
    let before = span::cut(st, pre_start, a.start);
    // The last possessive mark before the deal word, at a word's end.
    let (at, mark) = super::names::POSSESSIVES
        .iter()
        .filter_map(|m| {
            before
                .rmatch_indices(m)
                .find(|(i, _)| before[i + m.len()..].starts_with(' '))
                .map(|(i, _)| (pre_start + i, m.len()))
        })
        .max_by_key(|&(i, _)| i)?;
    let gap = span::cut(st, at + mark, a.start);
    // Only lower-case words and figures between ("Chile's Andes Cargo ordered": the possessive
    // qualifies the name after it, which is the subject).
    let lower_or_figure = |w: &str| {
        w.starts_with(|c: char| !c.is_uppercase()) || w.contains(|c: char| c.is_ascii_digit())
    };
    if gap.split_whitespace().count() > 4
        || gap.contains([',', ';', ':', '(', ')'])
        || !gap.split_whitespace().all(lower_or_figure)
    {
        return None;
    }
    let verb_between = ctx.hits.iter().any(|h| {
        h.start >= at + mark
            && h.end <= a.start
            && h.has(|r| {
                matches!(
                    r,
                    Role::Status(_) | Role::Receive | Role::Award | Role::Future | Role::Auxiliary
                )
            })
    });
    if verb_between {
        return None;
    }
    // The name ending at the mark: read from each of up to four capitalised words before it,
    // the longest first.
    let head = span::cut(st, pre_start, at);
    let mut starts: Vec<usize> = Vec::new();
    let mut end = head.len();
    for _ in 0..4 {
        let trimmed = head[..end].trim_end();
        let from = trimmed.rfind(char::is_whitespace).map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
        let word = &trimmed[from..];
        if word.is_empty() || !word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
            break;
        }
        starts.push(pre_start + from);
        end = from;
    }
    starts.into_iter().rev().find_map(|from| {
        ctx.read_name(from, at)
            .filter(|n| n.start == from && n.end == at)
    })
}

/// "The dredging contract was awarded to Nordmar", "Gói thầu được trao cho liên danh Sao Mai":
/// the deal word is the subject of a verb of receiving whose "to" names who received the
/// contract; the contractor supplies what it is for (the client is named elsewhere, if at all).
fn awarded_to_contractor_after_deal(
    ctx: &Ctx,
    a: &Anchor,
    scope_end: usize,
    ty: DealType,
    r: &mut Sides,
) {
    if !matches!(ty, DealType::Purchase | DealType::Agreement) {
        return;
    }
    let st = ctx.text;
    let received_to = ctx.hits.iter().find_map(|h| {
        let passive = h.start >= a.end
            && h.end <= scope_end
            && h.has(|r| *r == Role::Receive)
            // No name between the deal word and the verb: the deal word is its subject.
            && !ctx.ents.iter().any(|e| e.start >= a.end && e.end <= h.start)
            && !span::cut(st, a.end, h.start).contains(';')
            && !value_aside_before(ctx, a.end, h.start).contains(',');
        if !passive {
            return None;
        }
        ctx.hits.iter().find(|t| {
            t.has(|r| *r == Role::To)
                && t.start >= h.end
                && span::cut(st, h.end, t.start).trim().is_empty()
        })
    });
    let Some(to) = received_to else { return };
    // "… was awarded to Orvex by the Chilean Navy": the agent after "by", read as the
    // provider, is the client who awarded it.
    let contractor = ctx.read_name(ctx_skip(st, to.end), scope_end);
    match (&r.provider, contractor) {
        (None, _) => r.provider = r.recipient.take(),
        (Some(_), Some(c)) if r.recipient.as_ref() == Some(&c.canonical) => {
            std::mem::swap(&mut r.provider, &mut r.recipient);
        }
        _ => {}
    }
}

/// "The third contract, worth $2 million, was awarded to …": the text between a deal word and
/// its verb, less one aside set off by commas that holds a figure (the deal's value) and is
/// followed by at most one word; what is left is the text to test for a break of the clause.
fn value_aside_before<'t>(ctx: &Ctx<'t>, from: usize, to: usize) -> &'t str {
    let between = span::cut(ctx.text, from, to);
    let aside = between
        .strip_prefix(',')
        .and_then(|rest| rest.split_once(','))
        .filter(|(inside, after)| {
            inside.chars().any(|c| c.is_ascii_digit()) && after.split_whitespace().count() <= 1
        });
    match aside {
        Some((_, after)) => after,
        None => between,
    }
}

/// "… thỏa thuận động cơ cho Embraer E195", "engines for Embraer E195 jets": a maker named
/// right before one of its own models names the product, not a party that receives it.
///
/// The subject, read as the provider only because that maker stood on the other side, then
/// receives, unless its verb sells: "Kestrel Air ký với Orvex thỏa thuận động cơ cho Embraer
/// E195" has Kestrel Air buying the engines.
fn maker_named_by_its_model(ctx: &Ctx, subject: Option<&Name>, sells: bool, r: &mut Sides) {
    let Some(models) = ctx.models else { return };
    let Some(rec) = r.recipient.as_deref() else {
        return;
    };
    let by_model = r.parties.iter().any(|p| {
        p.canonical == rec
            && p.end > p.start
            && models.opens_with_model_of(span::after(ctx.text, p.end), &p.canonical)
    });
    if by_model {
        // It names the product, so it is no party either.
        r.parties.retain(|p| p.canonical != rec);
        r.recipient = None;
        if !sells && subject.is_some_and(|s| r.provider.as_ref() == Some(&s.canonical)) {
            r.recipient = r.provider.take();
        }
    }
}

/// "đơn hàng 40 máy bay A220 và 12 máy bay Embraer E195", "an order for 40 A220s and ten
/// Embraer E195s": a maker read as the seller because it is named before its own model, after
/// the deal word named models of one other maker first, sells the second item only; the deal's
/// first item, and so the deal, is that other maker's.
pub(super) fn maker_of_the_first_item(
    ctx: &Ctx,
    from: usize,
    parties: &mut Vec<Name>,
    (provider, recipient): (&mut Option<String>, &Option<String>),
) {
    let Some(models) = ctx.models else { return };
    let Some(prov) = provider.as_deref() else {
        return;
    };
    let Some(p) = parties.iter().find(|p| {
        p.canonical == prov
            && p.kind == Some(Kind::Manufacturer)
            && p.start >= from
            && p.end > p.start
    }) else {
        return;
    };
    if !models.opens_with_model_of(span::after(ctx.text, p.end), &p.canonical) {
        return;
    }
    let Some(first) = models.sole_maker(span::cut(ctx.text, from, p.start)) else {
        return;
    };
    if key(first) == key(prov) || recipient.as_deref().is_some_and(|x| key(x) == key(first)) {
        return;
    }
    let (at, prov) = (p.start, prov.to_string());
    parties.retain(|q| q.canonical != prov);
    let (canonical, kind, country) = match ctx.lexicon.by_canonical(first) {
        Some(e) => (e.canonical.clone(), e.kind, e.country.clone()),
        None => (first.to_string(), Kind::Manufacturer, None),
    };
    let maker = Name {
        start: at,
        end: at,
        canonical,
        kind: Some(kind),
        country,
    };
    *provider = party_on_a_side(parties, maker);
}

/// "Kestrel Pay, which Nordmar co-founded, raised $2 million", "Kestrel — which is backed by
/// Orvex — raised …": a name inside a relative clause set off right after another party's name
/// tells of that party, not of the deal: it is no party, on no side (unless it is the only party
/// read).
fn drop_names_in_asides(ctx: &Ctx, scope_end: usize, r: &mut Sides) {
    // After a party, or after any capitalised word (a name the sentence did not read as one:
    // "Prior to this Kestrel — which …").
    let st = ctx.text;
    let after_capital = |i: usize| {
        span::cut(st, 0, i)
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
    };
    let scope = span::cut(st, 0, scope_end);
    let marks = scope
        .match_indices([',', '—', '–'])
        .map(|(i, _)| i)
        .chain(scope.match_indices(" - ").map(|(i, _)| i))
        .filter(|&i| after_capital(i));
    let mut asides: Vec<(usize, usize)> = r
        .parties
        .iter()
        .map(|p| p.end)
        .chain(marks)
        .filter_map(|from| {
            let close = after_relative_clause(ctx, from, scope_end);
            (close > from).then_some((from, close))
        })
        .collect();
    asides.extend(
        r.parties
            .iter()
            .filter_map(|p| members_of_a_group(ctx, p, scope_end).map(|close| (p.end, close))),
    );
    if asides.is_empty() {
        return;
    }
    let inside = |n: &Name| asides.iter().any(|&(s, e)| n.start >= s && n.end <= e);
    // With no other party read, the deal would be lost with it: kept (a side read wrong is
    // better told than a deal dropped).
    if r.parties.iter().all(&inside) {
        return;
    }
    let dropped: Vec<String> = r
        .parties
        .iter()
        .filter(|p| inside(p))
        .map(|p| p.canonical.clone())
        .collect();
    for side in [&mut r.provider, &mut r.recipient] {
        if side.as_ref().is_some_and(|s| dropped.contains(s)) {
            *side = None;
        }
    }
    r.parties.retain(|p| !inside(p));
}

/// "Kestrel Finance signed a $400 million term loan through mandated lead arrangers A, B and C":
/// a loan whose lenders are named as a club after it (`Role::Lenders`) is borrowed by its
/// subject, whatever its name says ("Finance"); no single lender provides it.
fn club_of_lenders(
    ctx: &Ctx,
    a: &Anchor,
    scope_end: usize,
    ty: DealType,
    subject: Option<&Name>,
    r: &mut Sides,
) {
    let Some(s) = subject else {
        return;
    };
    let club = ctx
        .hits
        .iter()
        .any(|h| h.start >= a.end && h.end <= scope_end && h.has(|r| *r == Role::Lenders));
    if ty != DealType::Financing || !club {
        return;
    }
    r.provider = None;
    r.recipient = Some(s.canonical.clone());
}

/// What the stages of [`parties_for`] read of one anchor: every party named, and the two sides.
#[derive(Default)]
struct Sides {
    parties: Vec<Name>,
    provider: Option<String>,
    recipient: Option<String>,
}

/// The parties the words around the deal word name, and the sides those words give them: "between
/// A and B", "A – B", "with B", "awarded B", "to B" / "from B", a country or company the money is
/// for or invested in, the loan's arranger or the lender beside the loan word.
fn sides_by_cues(
    ctx: &Ctx,
    a: &Anchor,
    (pre_start, scope_end): (usize, usize),
    ty: DealType,
    r: &mut Sides,
) {
    between_a_and_b(ctx, a, scope_end, &mut r.parties);
    dash_pair(ctx, a, scope_end, &mut r.parties);
    with_b(ctx, a, pre_start, scope_end, &mut r.parties);
    let awardee = awarded_whom(ctx, a, pre_start, &mut r.parties)
        .or_else(|| awarded_in_the_dative(ctx, a, (pre_start, scope_end), &mut r.parties));
    if awardee_supplies(ty) {
        r.provider = awardee;
    } else {
        r.recipient = awardee;
    }
    let sides = (&mut r.provider, &mut r.recipient);
    to_and_from(ctx, a, pre_start, scope_end, &mut r.parties, sides);
    if r.provider.is_none() && matches!(ty, DealType::Financing | DealType::Aid) {
        if let Some(n) = on_behalf_of(ctx, a) {
            r.provider = party_on_a_side(&mut r.parties, n);
        }
    }
    let for_giver = |r: &Sides| r.provider.is_some() && on_behalf_of(ctx, a).is_some();
    if r.recipient.is_none() && matches!(ty, DealType::Financing | DealType::Aid) && !for_giver(r) {
        r.recipient = country_it_is_for(ctx, a, scope_end, &mut r.parties);
    }
    if r.recipient.is_none() && ty == DealType::Investment {
        r.recipient = invested_in(ctx, a, scope_end, &mut r.parties);
    }
    // "signed a $50 million loan through sole arranger Kestrel Bank": the title after the loan.
    if r.provider.is_none() && ty == DealType::Financing {
        r.provider = ctx
            .name_after_cue(Role::Arranger, a.end, scope_end)
            .and_then(|n| party_on_a_side(&mut r.parties, n));
    }
    if r.provider.is_none() && ty == DealType::Financing {
        r.provider = lender_beside(ctx, a).and_then(|n| party_on_a_side(&mut r.parties, n));
    }
}

/// The side that sells, read from what is bought: the object of a buying verb, the company whose
/// stake is taken, what a buyer paid for, the company taken over (and its buyer), "from B" before
/// the deal word; then the client a winner won the deal from. The object of a buying verb, which
/// the subject stage may yet read as the subject.
fn sides_by_objects(
    ctx: &Ctx,
    a: &Anchor,
    (pre_start, scope_end): (usize, usize),
    verbs: &Verbs,
    r: &mut Sides,
) -> Option<String> {
    roles::order_to_contractor(verbs, a.class, &mut r.provider, &mut r.recipient);
    let sold_by = object_of_buying(ctx, a, scope_end, &mut r.parties);
    if r.provider.is_none() && r.recipient.as_ref() != sold_by.as_ref() {
        r.provider = sold_by.clone();
    }
    if r.provider.is_none() {
        let company = stake_target(ctx, a, (pre_start, scope_end), &mut r.parties);
        // "Corvane agreed to sell its stake in Nordmar Gas to Brannock": where the subject
        // sells, the stake's company is a party, not the side that sells.
        if !verbs.sells() {
            r.provider = company;
        }
    }
    if r.provider.is_none() {
        r.provider = paid_for(ctx, pre_start, scope_end, &mut r.parties);
    }
    if let Some(n) = company_sold(ctx, a, scope_end) {
        push_party(&mut r.parties, n);
    }
    if let Some((target, buyer)) = taken_over(ctx, a, scope_end) {
        if r.provider.is_none() || r.provider.as_ref() == buyer.as_ref().map(|b| &b.canonical) {
            r.provider = Some(target.canonical.clone());
        }
        if let Some(b) = buyer {
            r.recipient = Some(b.canonical.clone());
            push_party(&mut r.parties, b);
        }
        push_party(&mut r.parties, target);
    }
    if r.provider.is_none() {
        r.provider = bid_target(ctx, a, scope_end).and_then(|n| party_on_a_side(&mut r.parties, n));
    }
    if r.provider.is_none() {
        r.provider = from_before_trigger(ctx, a, pre_start, &mut r.parties);
    }
    let from_financier = super::kind::money_from_a_financier(
        ctx,
        a,
        (pre_start, scope_end),
        &r.parties,
        r.provider.as_deref(),
    );
    if from_financier.is_none() {
        roles::won_from_client(verbs, &mut r.provider, &mut r.recipient);
    }
    order_from_client(ctx, a, verbs, r);
    if r.recipient.is_none() && verbs.won_an_order() {
        r.recipient = client_it_is_for(ctx, a, scope_end, &mut r.parties)
            .or_else(|| client_in_the_genitive(ctx, a, scope_end, &mut r.parties));
    }
    sold_by
}

/// "Orvex Aero booked an order from Kestrel Airways": an order or contract "from" someone, the
/// preposition right after the deal word, comes from the client, whatever verb took it (no verb
/// of the clause buys, sells or receives: "won an order from" is read by `won_from_client`). The
/// name after "from", read as the provider, receives; the other side supplies. Not after a
/// word of taking over or buying (`takeover_nouns`).
fn order_from_client(ctx: &Ctx, a: &Anchor, verbs: &Verbs, r: &mut Sides) {
    if a.class != Class::Document || !verbs.of_a_purchase() || verbs.tells_a_side() {
        return;
    }
    // "die Übernahme von Telmar", "the purchase from Orvex": what is taken over or bought
    // "from" someone is sold by them; only an order or a contract comes from its client.
    let lex = lexicon::lexicon(ctx.lang);
    if lex
        .takeover_nouns
        .iter()
        .any(|n| span::lower_ends_with(&a.head, n))
    {
        return;
    }
    let after = ctx_skip(ctx.text, a.end);
    let Some(from) = ctx
        .hits
        .iter()
        .find(|h| h.start == after && h.has(|r| *r == Role::From))
    else {
        return;
    };
    let client = ctx.read_name(ctx_skip(ctx.text, from.end), ctx.text.len());
    if client.is_some_and(|c| r.provider.as_ref() == Some(&c.canonical)) {
        std::mem::swap(&mut r.provider, &mut r.recipient);
    }
}

/// "Kestrel Rail has won an order for Nordmar Transit, covering 40 trains", "hat einen Auftrag
/// für die Nordbahn AG erhalten", "a contract for 96 coaches for Lindmark Metro": an order won, then a purpose word and a name (a known
/// organisation or country, a name shaped like a company's, or several capitalised words) that
/// ends its phrase (or, where the participle comes last, stands before it): the client the
/// order is for, who receives. Not "an order for Embraer jets" (the name qualifies the thing
/// ordered), nor a maker: what is ordered for a maker is its model.
fn client_it_is_for(
    ctx: &Ctx,
    a: &Anchor,
    scope_end: usize,
    parties: &mut Vec<Name>,
) -> Option<String> {
    let n = ctx.name_after_cue(Role::Purpose, a.end, scope_end)?;
    // "a contract for (manufacturing) 96 coaches for Lindmark Metro": the count and the thing
    // counted between count as no words.
    let gap: Vec<&str> = span::cut(ctx.text, a.end, n.start)
        .split_whitespace()
        .collect();
    let counted = gap
        .iter()
        .position(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        .filter(|&i| i + 2 < gap.len())
        .map_or(0, |_| 2);
    if gap.len() - counted > 3 {
        return None;
    }
    let named = names_a_client(ctx, &n);
    let verb_after = lexicon::lexicon(ctx.lang).verb_final
        && ctx.hits.iter().any(|h| {
            h.start == span::ctx_skip(ctx.text, n.end)
                && h.has(|r| matches!(r, Role::Receive | Role::Status(_)))
        });
    if !named || !(ends_phrase(ctx, n.end, scope_end) || verb_after) {
        return None;
    }
    party_on_a_side(parties, n)
}

/// A name that may be the client an order is for: a known organisation or country, a name
/// shaped like a company's, or several capitalised words; never a maker (what is ordered "for" or
/// "of" a maker is its model).
fn names_a_client(ctx: &Ctx, n: &Name) -> bool {
    match n.kind {
        Some(Kind::Manufacturer) => false,
        Some(_) => true,
        None => company_shaped(ctx, n) || n.canonical.split_whitespace().count() > 1,
    }
}

/// "Siemens erhielt einen Auftrag der Deutschen Bahn", "den Großauftrag des Landes Berlin": an
/// order won, then right after the deal word an article of the genitive (`genitive_client`) and
/// a name (a known organisation or country, shaped like a company's, or several capitalised
/// words): the client, who receives. Not a maker ("ein Auftrag der Airbus-Reihe" names the model).
fn client_in_the_genitive(
    ctx: &Ctx,
    a: &Anchor,
    scope_end: usize,
    parties: &mut Vec<Name>,
) -> Option<String> {
    let articles = &lexicon::lexicon(ctx.lang).genitive_client;
    let rest = span::cut(ctx.text, a.end, scope_end);
    let article = rest.strip_prefix(' ')?.split_whitespace().next()?;
    if !articles.iter().any(|g| g == article) {
        return None;
    }
    let n = ctx.read_name(a.end, scope_end)?;
    let article_end = a.end + 1 + article.len();
    (names_a_client(ctx, &n) && n.start == span::ctx_skip(ctx.text, article_end)).then_some(())?;
    party_on_a_side(parties, n)
}

/// "Der Bund fördert das Batteriewerk der Orvex AG mit 300 Millionen Euro", "will support
/// Kestrel's new chip plant in Ohio with $2 billion", "unterstützt den Bau der Chipfabrik von
/// Kestrel mit …": after a verb of funding, its object runs to the first "with", amount or clause
/// mark (at most eight words); the first name in it that may be a client (`names_a_client`) or
/// owns what follows, not after a word of place ("in Ohio"), owns what is funded and receives.
fn owner_of_what_is_funded(
    ctx: &Ctx,
    a: &Anchor,
    scope_end: usize,
    parties: &mut Vec<Name>,
) -> Option<String> {
    if a.class != Class::Action {
        return None;
    }
    let st = ctx.text;
    // The object: up to the first "with", amount or clause mark.
    let mut end = scope_end;
    if let Some(h) = ctx
        .hits
        .iter()
        .find(|h| h.start >= a.end && h.start < end && h.has(|r| *r == Role::With))
    {
        end = h.start;
    }
    if let Some(x) = ctx
        .amounts
        .iter()
        .find(|x| x.start >= a.end && x.start < end)
    {
        end = x.start;
    }
    if let Some(i) = span::cut(st, a.end, end).find([',', ';', ':', '.']) {
        end = a.end + i;
    }
    let object = span::cut(st, a.end, end);
    let starts: Vec<usize> = object
        .split_whitespace()
        .take(8)
        .map(|w| a.end + (w.as_ptr() as usize - object.as_ptr() as usize))
        .collect();
    for at in starts {
        if !span::after(st, at).starts_with(char::is_uppercase) || ctx.in_entity(at) {
            continue;
        }
        // "in Ohio", "in Magdeburg": where it is, not whose it is.
        let placed = ctx.hits.iter().any(|h| {
            h.end <= at
                && span::cut(st, h.end, at).trim().is_empty()
                && h.has(|r| *r == Role::Locative)
        });
        if placed {
            continue;
        }
        let Some(n) = ctx.read_name(at, end).filter(|n| n.start == at) else {
            continue;
        };
        // A known organisation or state, a company's shape ("der Orvex AG") or several words
        // ("Kestrel Semiconductor"); or any name that owns the next word ("Kestrel's new plant").
        let tail = span::after(st, n.end);
        let word_end = n.end + tail.find(char::is_whitespace).unwrap_or(tail.len());
        let word = span::cut(st, n.start, word_end)
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        let possessor = super::names::strip_possessive(word).is_some();
        if possessor || names_a_client(ctx, &n) {
            return party_on_a_side(parties, n);
        }
    }
    None
}

/// "Jeweils 100 MHz erwarben die Kestrel Telekom …": the name after a verb that stands second
/// is its subject, not what it buys; where the object of buying was read as the seller and is a
/// subject, the seller is the stake's company ("übernahm der Investor X die Mehrheit an Y") or the
/// object after the subject ("kaufte der Chemiekonzern Nordchem (im Juni) den Spezialisten
/// Kestrel").
fn object_after_second_verb(
    ctx: &Ctx,
    a: &Anchor,
    scope_end: usize,
    (sold_by, subjects): (Option<&String>, &[Name]),
    r: &mut Sides,
) {
    let Some(sold_by) = sold_by else {
        return;
    };
    if r.provider.as_ref() != Some(sold_by) || !subjects.iter().any(|s| &s.canonical == sold_by) {
        return;
    }
    r.provider = stake_target(ctx, a, (a.start, scope_end), &mut r.parties);
    if r.provider.is_none() {
        if let Some(s) = subjects.iter().find(|s| &s.canonical == sold_by) {
            r.provider = object_after_subject(ctx, s, scope_end, &mut r.parties);
        }
    }
}

/// The sides the subject takes by its verbs (it awarded, bought, sold, received), the names
/// before the deal word beside it, a passive purchase, and a dative after a verb of giving; the
/// subjects join the parties, first.
fn sides_by_subject(
    ctx: &Ctx,
    a: &Anchor,
    (pre_start, scope_end): (usize, usize),
    verbs: &Verbs,
    subjects: &[Name],
    r: &mut Sides,
) {
    let subject = subjects.first();
    roles::awarded_to_contractor(verbs, subject, &mut r.provider, &mut r.recipient);
    roles::state_orders_the_work(
        verbs,
        subject,
        &r.parties,
        &mut r.provider,
        &mut r.recipient,
    );
    with_party_does_the_work(ctx, a, (verbs, subject), scope_end, r);
    supplied_with(ctx, (pre_start, scope_end), r);
    roles::subject_by_verb(verbs, subjects, &mut r.provider, &mut r.recipient);
    roles::supplier_that_received(verbs, subject, &mut r.provider, &r.recipient);
    if let Some(s) = subject {
        let provider = r.provider.clone();
        names_before_trigger(
            ctx,
            a,
            (s, subjects, provider.as_deref()),
            &mut r.parties,
            &mut r.recipient,
        );
    }
    roles::receiver_is_recipient(verbs, subject, &r.provider, &mut r.recipient);
    if let Some(sub) = subject {
        roles::subject_on_the_other_side(sub, &mut r.provider, &mut r.recipient);
        let mut all = subjects.to_vec();
        all.append(&mut r.parties);
        for p in all {
            push_party(&mut r.parties, p);
        }
    }
    passive_purchase(
        ctx,
        (pre_start, scope_end),
        subject,
        &mut r.parties,
        (&mut r.provider, &mut r.recipient),
    );
    approved_for(
        ctx,
        a,
        (pre_start, scope_end),
        subject,
        &mut r.parties,
        (&mut r.provider, &mut r.recipient),
    );
    if let Some(n) = dative_recipient(ctx, (pre_start, scope_end), subject) {
        if r.provider.as_ref() == Some(&n.canonical) || r.provider.is_none() {
            r.provider = subject.map(|s| s.canonical.clone());
        }
        r.recipient = party_on_a_side(&mut r.parties, n);
    }
}

/// "Brannock Metals won an order to supply Telmar Smelting with ore", "Kestrel beliefert
/// die Orvex AG mit Stahl": a name right after one of the language's `supplies_with` verbs and
/// right before its `with` word receives what is supplied, where no recipient was read.
fn supplied_with(ctx: &Ctx, (pre_start, scope_end): (usize, usize), r: &mut Sides) {
    if r.recipient.is_some() {
        return;
    }
    let Some(n) =
        ctx.hits
            .iter()
            .filter(|h| h.start >= pre_start && h.end <= scope_end)
            .filter(|h| h.has(|r| *r == Role::SuppliesWith))
            .find_map(|h| {
                let n = ctx.read_name(h.end, scope_end)?;
                let with = ctx.hits.iter().any(|w| {
                    w.start == span::ctx_skip(ctx.text, n.end) && w.has(|r| *r == Role::With)
                });
                (with
                    && span::cut(ctx.text, h.end, n.start)
                        .split_whitespace()
                        .count()
                        <= 1)
                    .then_some(n)
            })
    else {
        return;
    };
    if r.provider.as_ref() == Some(&n.canonical) {
        return;
    }
    r.recipient = party_on_a_side(&mut r.parties, n);
}

/// "Kestrel Shipping signed a $120 million contract with Orvex Yards to build four tankers",
/// "Halvard Bank signed an agreement with Corvane Systems to provide cloud hosting": where the
/// verb that sells is what the deal is for and follows at once (at most one word between, the
/// infinitive's "to") the name after "with", that party does the work and the subject orders it.
/// Not where that party is a state or its body ("Orvex signed a contract with the navy to build
/// frigates"), a bank or fund (the client of any work but a loan), or no maker where the subject
/// is one or is named for the goods: then the subject does the work (`subject_by_verb`).
fn with_party_does_the_work(
    ctx: &Ctx,
    a: &Anchor,
    (verbs, subject): (&Verbs, Option<&Name>),
    scope_end: usize,
    r: &mut Sides,
) {
    let Some(s) = subject else {
        return;
    };
    if !verbs.sells_as_purpose() || r.provider.is_some() || r.recipient.is_some() {
        return;
    }
    let Some(with) = ctx
        .hits
        .iter()
        .find(|h| h.start >= a.end && h.start < scope_end && h.has(|r| *r == Role::With))
    else {
        return;
    };
    let Some(n) = ctx.read_name(with.end, scope_end) else {
        return;
    };
    let Some(verb) = ctx.hits.iter().find(|h| {
        h.start >= n.end
            && h.has(|r| *r == Role::SellerVerb)
            && span::cut(ctx.text, n.end, h.start)
                .split_whitespace()
                .count()
                <= 1
    }) else {
        return;
    };
    // "Orvex Aero, the engine maker, signed a deal with Kestrel Air to supply 30 engines": a maker
    // subject supplies what it makes.
    let maker = |m: &Name| {
        m.kind == Some(Kind::Manufacturer) || roles::names_a_maker(ctx.lang, &m.canonical)
    };
    // "Corvane Data signed a deal with Telmar Bank to provide cloud services": a bank or a fund
    // is the client of any work but lending.
    let financier = n.kind.is_some_and(Kind::is_financial)
        || roles::financier_type(ctx.lang, ctx.text, &n).is_some();
    if n.kind.is_some_and(Kind::is_public)
        || n.canonical == s.canonical
        || (maker(s) && !maker(&n))
        || named_for_the_goods(s, span::cut(ctx.text, verb.end, scope_end))
        || (financier && a.ty != DealType::Financing)
    {
        return;
    }
    r.recipient = Some(s.canonical.clone());
    r.provider = party_on_a_side(&mut r.parties, n);
}

/// "Kestrel Turbines signed an agreement with Orvex Power to supply 40 wind turbines": a word of
/// the name past its first (four letters or more, a plural "s" aside) stands among the first
/// eight words of `goods`, what the deal is for: the company is named for what it supplies.
fn named_for_the_goods(n: &Name, goods: &str) -> bool {
    let stem = |w: &str| w.to_lowercase().trim_end_matches('s').to_string();
    let what: Vec<String> = goods
        .split_whitespace()
        .take(8)
        .map(|w| stem(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect();
    n.canonical
        .split_whitespace()
        .skip(1)
        .any(|w| w.len() >= 4 && what.contains(&stem(w)))
}

/// "… an order with A for 12 tankers and another order for five barges with B", "einen Auftrag
/// … sowie einen weiteren Auftrag …": the deal word of `anchors[k]` follows a conjunction (the
/// join of "between A and B") with at most two words between (an article, an adjective) and no
/// verb: it is joined to the deal word before it, as a second object of the same verb.
fn joined_to_previous(ctx: &Ctx, anchors: &[Anchor], k: usize, pre_start: usize) -> bool {
    if k == 0 {
        return false;
    }
    let a = &anchors[k];
    ctx.hits.iter().any(|h| {
        h.start >= pre_start && h.end <= a.start && h.has(|r| *r == Role::BetweenJoin) && {
            let gap = span::cut(ctx.text, h.end, a.start);
            // "… and a pledge to order three more": a noun of intent and the infinitive's
            // marker may stand between too.
            let gap_end = h.end + gap.trim_end().len();
            let infinitive = ctx.hits.iter().any(|t| {
                t.start >= h.end
                    && t.end == gap_end
                    && t.has(|r| matches!(r, Role::To | Role::Purpose))
            });
            gap.split_whitespace().count() <= 2 + usize::from(infinitive)
                && !gap.contains([',', ';', ':', '.'])
                && !ctx.hits.iter().any(|v| {
                    v.start >= h.end
                        && v.end <= a.start
                        && v.has(|r| {
                            matches!(
                                r,
                                Role::Status(_)
                                    | Role::BuyerVerb
                                    | Role::SellerVerb
                                    | Role::Receive
                            )
                        })
                })
        }
    })
}

/// "between A and B" / "of A and B", after the trigger.
fn between_a_and_b(ctx: &Ctx, a: &Anchor, scope_end: usize, parties: &mut Vec<Name>) {
    let st = ctx.text;
    let hits = ctx.hits;
    for open in hits
        .iter()
        .filter(|h| h.start >= a.end && h.start < scope_end)
        .filter(|h| h.has(|r| matches!(r, Role::BetweenOpen | Role::Of)))
        .filter(|h| !in_apposition(ctx, h.start))
    {
        let join = hits
            .iter()
            .filter(|h| h.start > open.end && h.start < scope_end)
            .filter(|h| h.has(|r| *r == Role::BetweenJoin))
            .find(|h| {
                !ctx.ents
                    .iter()
                    .any(|e| e.start < h.start && h.start < e.end)
            });
        let first = ctx.read_name(open.end, join.map_or(scope_end, |j| j.start));
        let Some(first) = first else { continue };
        let second = join.and_then(|j| {
            let n = ctx.read_name(j.end, scope_end)?;
            // B must start right after the conjunction.
            (n.start == ctx_skip(st, j.end) || n.start <= ctx_skip(st, j.end) + 12).then_some(n)
        });
        let joined_right = join.is_some_and(|j| {
            let between = span::cut(st, first.end, j.start);
            between.trim().is_empty() || between.trim_start().starts_with('(')
        });
        push_party(parties, first);
        if let (Some(b), true) = (second, joined_right) {
            push_party(parties, b);
        }
        break;
    }
}

/// Two countries joined by a dash after the trigger: "Hiệp định thương mại Việt - Mỹ".
fn dash_pair(ctx: &Ctx, a: &Anchor, scope_end: usize, parties: &mut Vec<Name>) {
    let st = ctx.text;
    let dash_pair: Vec<_> = ctx
        .ents
        .windows(2)
        .filter(|w| w[0].start >= a.end && w[1].end <= scope_end)
        .filter(|w| {
            let gap = st[w[0].end..w[1].start].trim();
            matches!(gap, "-" | "–" | "—")
        })
        // Right after the deal word and its qualifiers ("Hiệp định đối tác kinh tế Việt Nam -
        // Norland"); a pair further on qualifies another noun ("hợp đồng lớn nhất trong quan hệ
        // thương mại Việt Nam – Hoa Kỳ": the trade relations, not the contract).
        .filter(|w| {
            let gap = span::cut(st, a.end, w[0].start);
            gap.split_whitespace().count() <= 3 && !gap.contains([',', ';', '.', ':'])
        })
        .map(|w| (w[0], w[1]))
        .collect();
    if let Some((x, y)) = dash_pair.first() {
        for e in [x, y] {
            push_party(parties, entity_name(e));
        }
    }
}

/// "with B" (after the trigger, else before it in its clause: "… an order with A for ten ships
/// and another order for five barges with B" gives the second order B, not A).
fn with_b(ctx: &Ctx, a: &Anchor, pre_start: usize, scope_end: usize, parties: &mut Vec<Name>) {
    let withs = ctx
        .hits
        .iter()
        .filter(|h| h.start >= pre_start && h.start < scope_end)
        .filter(|h| h.has(|r| *r == Role::With));
    let (after, before): (Vec<_>, Vec<_>) = withs.partition(|h| h.start >= a.end);
    for h in after.into_iter().chain(before) {
        if let Some(n) = ctx.read_name(h.end, scope_end) {
            push_party(parties, n);
            break;
        }
    }
}

/// "a deal with Kestrel Air, a long-time customer of Orvex, for 200 jets", "với Kestrel Air, một
/// khách hàng lâu năm của Orvex,", "mit Kestrel Air, einem langjährigen Kunden von Orvex,": a
/// phrase set off by commas right after a name and opened by an indefinite article of the
/// language describes that name; a party marker at `pos` inside it names no party.
fn in_apposition(ctx: &Ctx, pos: usize) -> bool {
    let st = ctx.text;
    let before = span::before(st, pos);
    let Some(open) = before.rfind(',') else {
        return false;
    };
    if before[open..].contains(['.', ';', ':', '(', ')']) {
        return false;
    }
    // Closed by a comma after the marker, before the clause ends.
    let closed = span::after(st, pos)
        .find([',', '.', ';', ':'])
        .is_some_and(|i| span::after(st, pos)[i..].starts_with(','));
    // Right after a name: its last word is capitalised.
    let after_name = before[..open]
        .split_whitespace()
        .next_back()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    let phrase = ctx.lower_slice(span::head(before[open + 1..].trim_start(), 40));
    let opened = lexicon::lexicon(ctx.lang)
        .apposition_openers
        .iter()
        .any(|o| {
            phrase
                .strip_prefix(o.as_str())
                .is_some_and(|rest| rest.starts_with(char::is_whitespace))
        });
    closed && after_name && opened
}

/// "to B": the recipient; "from B": the provider (the verbs may swap them later: "Boeing won an
/// order from Korean Air"). After the trigger, or just before it in its clause ("cho Việt Nam
/// vay", "an X geliefert"). "cho Tập đoàn Sao Mai và Harbourline Energy": the names joined to it are parties too.
fn to_and_from(
    ctx: &Ctx,
    a: &Anchor,
    pre_start: usize,
    scope_end: usize,
    parties: &mut Vec<Name>,
    (provider, recipient): (&mut Option<String>, &mut Option<String>),
) {
    let st = ctx.text;
    let clause_start = span::cut(st, pre_start, a.start)
        .rfind([';', ':', ','])
        .map_or(pre_start, |i| pre_start + i + 1);
    // "A consortium led by Kestrel bought …": that "by" names the subject, not a seller.
    let leader = group_leader(ctx, clause_start, a.start);
    let leads = |h: &Hit| leader.as_ref().is_some_and(|(_, end)| h.end == *end);
    // "a $20 million loan to A and a $30 million loan to B", "cho A vay 20 triệu USD và cho B
    // vay 30 triệu USD": a sentence may tell several deals, each with its own cue; the cue
    // nearest the deal word, before or after it, is read first. Not where the verb ends the
    // clause ("hat bei A 20 Jets bestellt. die X hat bei B …"): the cues before it are its own,
    // read in text order.
    let verb_final = lexicon::lexicon(ctx.lang).verb_final;
    let mut cues: Vec<(usize, &Hit)> = ctx
        .hits
        .iter()
        .filter_map(|h| {
            if h.start >= a.end && h.start < scope_end {
                Some((h.start - a.end, h))
            } else if h.start >= clause_start && h.end <= a.start {
                Some((a.start - h.end, h))
            } else {
                None
            }
        })
        .collect();
    if !verb_final {
        cues.sort_by_key(|&(distance, _)| distance);
    }
    // Whether a "to" after a verb of awarding named the winner (`awarded_to`).
    let mut winner_named = false;
    for (_, h) in cues.into_iter().filter(|(_, h)| {
        !leads(h)
            && h.has(|r| matches!(r, Role::To | Role::From | Role::Purpose))
            && !in_apposition(ctx, h.start)
            && (h.start < a.end || !in_relative_clause(ctx, a.end, h.start))
    }) {
        // What money goes into belongs to its owner: it receives the investment. (What is
        // bought from its owner is sold by it: "a stake … held by Orvex", the "from" side.)
        let owner = a.ty == DealType::Investment && h.has(|r| *r == Role::From) && owned_by(ctx, h);
        let slot = if owner {
            if recipient.is_some() {
                continue;
            }
            &mut *recipient
        } else if h.has(|r| *r == Role::To) && awardee_supplies(a.ty) && awarded_to(ctx, h) {
            if provider.is_some() {
                continue;
            }
            winner_named = true;
            &mut *provider
        } else if h.has(|r| *r == Role::From) && winner_named && recipient.is_none() {
            // "… was awarded to Corvane Systems by the Peruvian Navy": who awarded it buys.
            &mut *recipient
        } else if recipient.is_none() && (h.has(|r| *r == Role::To) || built_for(ctx, a, h)) {
            &mut *recipient
        } else if h.has(|r| *r == Role::From) && (bought_by(ctx, h) || bid_from(ctx, a, h)) {
            if recipient.is_some() {
                continue;
            }
            &mut *recipient
        } else if h.has(|r| *r == Role::From) && provider.is_none() {
            &mut *provider
        } else {
            continue;
        };
        if let Some(n) = ctx
            .read_name(h.end, scope_end)
            .filter(|n| !names_a_site(ctx, h.end, n, scope_end))
        {
            *slot = Some(n.canonical.clone());
            let mut joined = vec![n];
            coordinated(ctx, &mut joined, scope_end);
            joined.into_iter().for_each(|n| push_party(parties, n));
        }
    }
}

/// "awarded Kestrel Yards a contract" (it supplies), "awarded Orvex Mobile a 5G licence", "a loan
/// will be granted to Kestrel Bank" (they receive): who is awarded a deal of type `ty` supplies
/// it, unless the deal is a licence, money lent, given or invested: that goes to the side that
/// receives it.
fn awardee_supplies(ty: DealType) -> bool {
    !matches!(
        ty,
        DealType::Licence | DealType::Financing | DealType::Aid | DealType::Investment
    )
}

/// "A contract worth $318,000 was awarded to Orvex Defence", "the order, awarded to Orvex, …":
/// a "to" right after a verb of awarding (active or passive) names who wins the deal (which
/// side that is: `awardee_supplies`).
fn awarded_to(ctx: &Ctx, to: &Hit) -> bool {
    ctx.hits.iter().any(|h| {
        h.end <= to.start
            && span::cut(ctx.text, h.end, to.start).trim().is_empty()
            && h.has(|r| matches!(r, Role::Receive | Role::Award))
    })
}

/// "Orvex Communications accepted a $4.5 billion takeover offer from Kestrel Systems", "Orvex
/// agreed to Kestrel's increased offer": the bidder that a "from" after the bid noun names
/// (`bid_from`), or that owns the bid (`owner_of_the_deal`), buys; the clause's subject, which
/// accepts or rejects the bid, is its target and sells.
fn bidder_buys(ctx: &Ctx, a: &Anchor, (pre_start, scope_end): (usize, usize), r: &mut Sides) {
    let from = ctx.hits.iter().find(|h| {
        h.start >= a.end
            && h.start < scope_end
            && h.has(|r| *r == Role::From)
            && bid_from(ctx, a, h)
    });
    let bidder = match from {
        Some(h) => ctx.read_name(h.end, scope_end),
        None if is_a_bid(ctx, a) => owner_of_the_deal(ctx, a, pre_start).inspect(|o| {
            // The clause's own subject, before the owner read in its place, is the target.
            if let Some(s) = subject_of(ctx, a, pre_start)
                .into_iter()
                .find(|s| s.canonical != o.canonical && s.end <= o.start)
            {
                r.recipient = Some(s.canonical.clone());
                push_party(&mut r.parties, s);
            }
        }),
        None => None,
    };
    let Some(bidder) = bidder else {
        return;
    };
    if r.recipient.as_deref() == Some(bidder.canonical.as_str()) {
        return;
    }
    let target = r.recipient.take().filter(|t| *t != bidder.canonical);
    if r.provider.is_none() || r.provider.as_deref() == Some(bidder.canonical.as_str()) {
        r.provider = target;
    }
    r.recipient = Some(bidder.canonical.clone());
    push_party(&mut r.parties, bidder);
}

/// "accepted a $4.5 billion takeover offer from Kestrel Systems", "rejected a bid from Orvex": a
/// "from" after a bid noun of the language (`bid_nouns`; past its amount, no clause mark between)
/// names the bidder, who would buy.
fn bid_from(ctx: &Ctx, a: &Anchor, h: &Hit) -> bool {
    if h.start < a.end || !is_a_bid(ctx, a) {
        return false;
    }
    let gap = span::cut(ctx.text, a.end, h.start);
    gap.split_whitespace().count() <= 6 && !gap.contains([',', ';', ':'])
}

/// The deal word is a bid noun of the language (`bid_nouns`: "bid", "takeover offer").
pub(super) fn is_a_bid(ctx: &Ctx, a: &Anchor) -> bool {
    lexicon::lexicon(ctx.lang)
        .bid_nouns
        .iter()
        .any(|n| span::lower_ends_with(&a.head, n))
}

/// "a fund run by Orvex Partners", "a terminal operated by Kestrel Ports": a "by" right after a
/// participle of owning or running (the language's `owner_participles`) names who owns the thing
/// before it. In an investment it receives, not the side the money comes from: what the money
/// goes into is its own.
fn owned_by(ctx: &Ctx, h: &Hit) -> bool {
    let participles = &lexicon::lexicon(ctx.lang).owner_participles;
    !participles.is_empty()
        && span::before(ctx.text, h.start)
            .split_whitespace()
            .next_back()
            .is_some_and(|w| participles.iter().any(|p| p.eq_ignore_ascii_case(w)))
}

/// "bought 30 trucks to replace those that went to Norland", "Panzer, die an Norland
/// geliefert wurden": a relative clause opens between the deal word (`from`) and the cue at `to`
/// (a relative pronoun of the language after a comma, or one that is no article), not right after
/// the deal word; the cue is that clause's, not the deal's.
fn in_relative_clause(ctx: &Ctx, from: usize, to: usize) -> bool {
    let lex = lexicon::lexicon(ctx.lang);
    let st = ctx.text;
    let gap = span::cut(st, from, to);
    let mut at = from;
    for w in gap.split_inclusive(char::is_whitespace) {
        let start = at + (w.len() - w.trim_start().len());
        at += w.len();
        let word = ctx.lower_slice(w.trim().trim_start_matches(','));
        if !lex.relative_pronouns.iter().any(|p| *p == word) {
            continue;
        }
        let after_comma =
            span::cut(st, from, start).trim_end().ends_with(',') || w.trim_start().starts_with(',');
        let article = ctx
            .hits
            .iter()
            .any(|h| h.start == start && h.has(|r| *r == Role::Determiner));
        // "a sale that covers spare parts for Norland": a clause right after the
        // deal word tells of the deal itself.
        let of_the_deal = span::cut(st, from, start)
            .trim_matches(|c: char| c.is_whitespace() || c == ',')
            .is_empty();
        if (after_comma || !article) && !of_the_deal {
            return true;
        }
    }
    false
}

/// A name the lexicon knows, one shaped like a company's, or one of several words ("Orvex
/// Land"): not a lone unknown word, which is as often a person or a place.
fn org_like(ctx: &Ctx, n: &Name) -> bool {
    n.kind.is_some() || company_shaped(ctx, n) || n.canonical.split_whitespace().count() >= 2
}

/// "Kestrel Battery Corp.", "the Kestrel Group": a legal form or an organisation's word within
/// the name says it is a company's, even where the lexicon does not know it.
pub(super) fn company_shaped(ctx: &Ctx, n: &Name) -> bool {
    ctx.hits.iter().any(|h| {
        h.start >= n.start
            && h.end <= n.end
            && h.has(|r| matches!(r, Role::OrgTail | Role::OrgHead(_)))
    })
}

/// "ore from the Harbourline pit", "power to the Kestrel project": a name the lexicon
/// does not know, after an article and before a common noun it qualifies (a lower-case word that
/// is no preposition or conjunction), names a site or a project, no party.
fn names_a_site(ctx: &Ctx, from: usize, n: &Name, limit: usize) -> bool {
    // An article in lower case right after the cue ("from the …"), not a description that
    // opens a name ("by state owned Orvex …").
    let at = span::ctx_skip(ctx.text, from);
    let article = ctx.hits.iter().any(|h| {
        h.start == at
            && h.end <= n.start
            && h.has(|r| *r == Role::Determiner)
            && span::cut(ctx.text, h.start, h.end).starts_with(char::is_lowercase)
    });
    let next = span::cut(ctx.text, span::ctx_skip(ctx.text, n.end), limit)
        .split_whitespace()
        .next()
        .unwrap_or("");
    // Not a company's name ("an die Kestrel Group verkauft"), nor before a word the lexicon
    // reads (a verb: "… verkauft").
    let at_next = span::ctx_skip(ctx.text, n.end);
    n.kind.is_none()
        && article
        && !company_shaped(ctx, n)
        && next.starts_with(char::is_lowercase)
        && ctx.hit_at(at_next).is_none()
        && !ends_phrase(ctx, n.end, limit)
}

/// "won a contract to build four frigates for Norland": a purpose word after the deal word and
/// after a verb that supplies (build, supply, deliver) in its clause names the client that
/// receives. Not where the deal was made "with" someone before that verb ("an agreement with
/// Orvex Energy to supply 90 turbines for the Kestrel wind farm"): that one is the client, and
/// what the things are for is a project.
fn built_for(ctx: &Ctx, a: &Anchor, h: &Hit) -> bool {
    h.start >= a.end
        && h.has(|r| *r == Role::Purpose)
        && !h.has(|r| *r == Role::To)
        && ctx.hits.iter().any(|v| {
            v.has(|r| *r == Role::SellerVerb)
                && v.start >= a.start
                && v.end <= h.start
                && !span::cut(ctx.text, v.end, h.start).contains(['.', ';', ':'])
                && !ctx
                    .hits
                    .iter()
                    .any(|w| w.has(|r| *r == Role::With) && w.start >= a.end && w.end <= v.start)
        })
}

/// "spectrum acquired, mostly by Kestrel Telecom", "the stake bought by Orvex": the language's
/// word for who takes over (`takeover_by`) right after a verb of buying (at most two words
/// between, no clause end but a comma) names who bought, not who sold.
///
/// "the offer announced by Kestrel Telecom to acquire a stake in Orvex": so does that word
/// before a name and an infinitive of buying (within six words, no clause mark): the agent buys.
fn bought_by(ctx: &Ctx, from: &Hit) -> bool {
    let by = span::cut(ctx.text, from.start, from.end).to_lowercase();
    if !lexicon::lexicon(ctx.lang).takeover_by.contains(&by) {
        return false;
    }
    let after_buying = ctx.hits.iter().any(|v| {
        v.has(|r| *r == Role::BuyerVerb) && v.end <= from.start && {
            let gap = span::cut(ctx.text, v.end, from.start);
            gap.split_whitespace().count() <= 2 && !gap.contains(['.', ';', ':'])
        }
    });
    let to_buy = ctx.hits.iter().any(|to| {
        to.has(|r| *r == Role::RunningTo)
            && to.start > from.end
            && {
                let gap = span::cut(ctx.text, from.end, to.start);
                gap.split_whitespace().count() <= 6 && !gap.contains(['.', ';', ':', ','])
            }
            && ctx.hits.iter().any(|v| {
                v.has(|r| *r == Role::BuyerVerb) && v.start == span::ctx_skip(ctx.text, to.end)
            })
    });
    after_buying || to_buy
}

/// "put a $400 million investment into Orvex Technologies", "investiert 200 Millionen Euro in die
/// Orvex AG", "đầu tư 200 triệu USD vào Công ty Orvex": the company after the language's word
/// for what is invested in (`Role::InvestedIn`, at most an amount and an article between the
/// deal word and it) receives the money.
fn invested_in(ctx: &Ctx, a: &Anchor, scope_end: usize, parties: &mut Vec<Name>) -> Option<String> {
    // Only an amount (and a few words before it) may stand between the deal word and the cue.
    let cue = ctx.hits.iter().find(|h| {
        h.start >= a.end && h.end < scope_end && h.has(|r| *r == Role::InvestedIn) && {
            let mut gap = span::cut(ctx.text, a.end, h.start).to_string();
            for x in ctx
                .amounts
                .iter()
                .filter(|x| x.start >= a.end && x.end <= h.start)
            {
                gap = gap.replace(span::cut(ctx.text, x.start, x.end), "");
            }
            // "a further", "up to an additional": a few words before the amount.
            gap.split_whitespace().count() <= 3
        }
    })?;
    // The name after this cue, not after a later one ("in new plants in Norland").
    let n = ctx
        .name_after_cue(Role::InvestedIn, cue.start, scope_end)
        .filter(|n| {
            n.start >= cue.end
                && (span::cut(ctx.text, cue.end, n.start)
                    .split_whitespace()
                    .count()
                    <= 1
                    || ctx
                        .restated_after_description(cue.end, scope_end)
                        .is_some_and(|r| r.start == n.start))
        })?;
    // "in Orvex's second fund": the possessor owns what is invested in, which is a party only
    // where a name says what it is ("in Orvex's second Harbour Fund").
    let owner = super::names::POSSESSIVES
        .iter()
        .any(|p| span::after(ctx.text, n.end).starts_with(p));
    let n = if owner {
        ctx.owned_past_description(n.end, scope_end)?
    } else {
        n
    };
    party_on_a_side(parties, n)
}

/// "vốn vay WB", "khoản vay của ADB", "a World Bank loan", "ein KfW-Kredit": a bank or fund the
/// lexicon knows, written right after the loan word (or after the language's "of") or right
/// before it, is who lends. Not beside a bond ("Trái phiếu Ngân hàng Sao Mai"): its issuer borrows.
fn lender_beside(ctx: &Ctx, a: &Anchor) -> Option<Name> {
    let st = ctx.text;
    // "Trái phiếu Ngân hàng Sao Mai", "Kestrel Bank bonds": the issuer of a bond borrows.
    if ctx
        .hits
        .iter()
        .any(|h| h.start < a.end && a.start < h.end && h.has(|r| *r == Role::BorrowedBy))
    {
        return None;
    }
    let of_between = |from: usize, to: usize| {
        let gap = span::cut(st, from, to).trim();
        gap.is_empty()
            || ctx.hits.iter().any(|h| {
                h.has(|r| *r == Role::Of)
                    && h.start >= from
                    && h.end <= to
                    && span::cut(st, from, h.start).trim().is_empty()
                    && span::cut(st, h.end, to).trim().is_empty()
            })
    };
    ctx.ents
        .iter()
        .filter(|e| e.entity.kind.is_financial())
        .find(|e| {
            (e.start >= a.end && of_between(a.end, e.start))
                || (e.end <= a.start
                    && span::cut(st, e.end, a.start)
                        .trim_matches([' ', '-'])
                        .is_empty())
        })
        .map(entity_name)
}

/// "Der Minister sagte für Norwegen weitere 75 Millionen Euro zu", "pledged for Norland $20
/// million": a verb of giving, right after it a purpose word and a country or government, and
/// right after that (past the language's `item_fillers`) the money: the state the speaker
/// pledges for, who gives. (The state given to follows the money: "sagte 75 Millionen Euro für
/// Norland zu".)
fn on_behalf_of(ctx: &Ctx, a: &Anchor) -> Option<Name> {
    if a.class != Class::Action {
        return None;
    }
    let cue = ctx
        .hits_at(span::ctx_skip(ctx.text, a.end))
        .find(|h| h.has(|r| *r == Role::Purpose))?;
    let n = ctx.read_name(cue.end, ctx.text.len())?;
    let close = span::cut(ctx.text, cue.end, n.start)
        .split_whitespace()
        .count()
        <= 1;
    let state = matches!(n.kind, Some(Kind::Country | Kind::Government));
    // "für Norwegen weitere 75 Millionen Euro": words that say nothing of the money may stand
    // between.
    let fillers = &lexicon::lexicon(ctx.lang).item_fillers;
    let money_next = ctx.amounts.iter().any(|x| {
        x.start >= n.end
            && span::cut(ctx.text, n.end, x.start)
                .split_whitespace()
                .all(|w| fillers.iter().any(|f| f.eq_ignore_ascii_case(w)))
    });
    (close && state && money_next).then_some(n)
}

/// "The loan for Paraguay is worth …", "Hilfe für die Ukraine": money given for a country (a
/// purpose word right after a loan or aid word, then a country or government the lexicon knows)
/// goes to it. Only a known country: "a loan for the new metro line" names a purpose, no party.
fn country_it_is_for(
    ctx: &Ctx,
    a: &Anchor,
    scope_end: usize,
    parties: &mut Vec<Name>,
) -> Option<String> {
    // The purpose word stands right after the deal word: at most two words from it to the name
    // ("$4 billion in loans for Norland": two more where the amount anchors and the deal word
    // follows it).
    let n = ctx
        .name_after_cue(Role::Purpose, a.end, scope_end)
        .filter(|n| {
            // An amount between counts as no words ("an agreement for $700 million in loans for
            // Norland").
            let amount_words: usize = ctx
                .amounts
                .iter()
                .filter(|x| x.start >= a.end && x.end <= n.start)
                .map(|x| {
                    span::cut(ctx.text, x.start, x.end)
                        .split_whitespace()
                        .count()
                })
                .sum();
            let words = span::cut(ctx.text, a.end, n.start)
                .split_whitespace()
                .count()
                .saturating_sub(amount_words);
            let via_deal_word = ctx
                .hits
                .iter()
                .any(|h| h.start >= a.end && h.end <= n.start && h.trigger().is_some());
            words <= 2 || (via_deal_word && words <= 4)
        })
        .and_then(|n| {
            if matches!(n.kind, Some(Kind::Country | Kind::Government)) {
                return Some(n);
            }
            // "a $40 million loan for Toyota in Nagoya": a known organisation, where it ends
            // the phrase (not "a loan for Boeing jets", where it qualifies the thing financed).
            // So is a name shaped like a company's (a legal form or an organisation's word in
            // it: "for Kestrel Battery Corp. in Lake County").
            // Not a programme a country's possessive owns ("for Kenya's Urban Rail Programme").
            let owned =
                super::names::strip_possessive(span::cut(ctx.text, a.end, n.start).trim_end())
                    .is_some();
            let company_shaped = !owned && company_shaped(ctx, &n);
            if (n.kind.is_some() || company_shaped) && ends_phrase(ctx, n.end, scope_end) {
                return Some(n);
            }
            // "for Kenya's Urban Rail Programme": the country whose programme it is (read
            // as the owner, not as a party, by the name reader).
            let before = span::cut(ctx.text, a.end, n.start).trim_end();
            let owner = super::names::strip_possessive(before)?;
            let word_start = owner.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            let country = &owner[word_start..];
            let e = ctx
                .lexicon
                .lookup(country)
                .filter(|e| e.kind == Kind::Country)?;
            let start = a.end + word_start;
            Some(Name {
                start,
                end: start + country.len(),
                canonical: e.canonical.clone(),
                kind: Some(e.kind),
                country: e.country.clone(),
            })
        })?;
    party_on_a_side(parties, n)
}

/// Whether the phrase ends at `end`: the text ends there, or a mark, or a word the lexicon reads
/// as a preposition, a conjunction or the opening of a purpose ("in", "for", "and", "với", "to
/// build") follows; not a common noun the name before it qualifies ("Boeing jets").
fn ends_phrase(ctx: &Ctx, end: usize, limit: usize) -> bool {
    let at = span::ctx_skip(ctx.text, end);
    let Some(c) = span::cut(ctx.text, at, limit.max(at)).chars().next() else {
        return true;
    };
    !c.is_alphanumeric()
        || ctx.hits.iter().any(|h| {
            h.start == at
                && h.has(|r| {
                    matches!(
                        r,
                        Role::Locative
                            | Role::Purpose
                            | Role::Topic
                            | Role::To
                            | Role::From
                            | Role::Of
                            | Role::With
                            | Role::BetweenJoin
                    )
                })
        })
}

/// The object of a buying verb is a party, and the side that sells: the company acquired
/// ("Orvanto agreed to buy Belmira Labs", "kauft den Spezialisten Tarmex"), or the maker bought
/// from ("bought Airbus jets").
fn object_of_buying(
    ctx: &Ctx,
    a: &Anchor,
    scope_end: usize,
    parties: &mut Vec<Name>,
) -> Option<String> {
    let buys = ctx
        .hits
        .iter()
        .any(|h| h.start >= a.start && h.end == a.end && h.has(|r| *r == Role::BuyerVerb));
    if a.class == Class::Action && buys {
        if let Some(n) = object_before_verb(ctx, a) {
            return party_on_a_side(parties, n);
        }
    }
    let verb_end = if a.class == Class::Action && buys {
        a.end
    } else {
        agreement_to_buy(ctx, a, scope_end)?
    };
    // Past an article, a nationality and a short description ("Danish industrial pump
    // company Orvelo"), as far as reading the name skips them; past a time ("übernahm im Mai
    // das Unternehmen X").
    let verb_end = past_time(ctx, verb_end, scope_end);
    let verb_end = past_price(ctx, verb_end, scope_end);
    let n = ctx.read_name(verb_end, scope_end).filter(|n| {
        span::cut(ctx.text, verb_end, n.start)
            .split_whitespace()
            .count()
            <= 6
    })?;
    party_on_a_side(parties, n)
}

/// "the Nordmar gas field", "the Kestrel project": the name `n` names a site ([`names_a_site`]),
/// read from the word right before it (its article).
fn site_after_its_article(ctx: &Ctx, n: &Name, limit: usize) -> bool {
    let before = span::before(ctx.text, n.start).trim_end();
    let article = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    names_a_site(ctx, article, n, limit)
}

/// "Die Nordchem AG hat die Kestrel AG übernommen": where the participle ends the clause (a
/// verb-final language), the object stands right before the verb, opened by an article that is
/// not the subject's.
pub(super) fn object_before_verb(ctx: &Ctx, a: &Anchor) -> Option<Name> {
    let lex = lexicon::lexicon(ctx.lang);
    // The verb ends its clause ("… übernommen.", "… übernehmen, teilte …", "… übernehmen und
    // damit …": a joining word opens the next); a verb in second place ("übernimmt die Kestrel
    // AG") has its object after it.
    let rest = span::after(ctx.text, a.end).trim_start();
    let next_word = rest.split_whitespace().next().unwrap_or("");
    let ends_clause = rest
        .chars()
        .next()
        .is_none_or(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?'))
        || lex.joins.iter().any(|j| span::lower_is(next_word, j))
        || lex
            .clause_conjunctions
            .iter()
            .any(|j| span::lower_is(next_word, j));
    if !lex.verb_final || !ends_clause {
        return None;
    }
    ctx.hits
        .iter()
        .filter(|h| h.end <= a.start && h.has(|r| *r == Role::Determiner))
        .filter(|h| {
            !lex.nominative_articles
                .contains(&span::cut(ctx.text, h.start, h.end).to_lowercase())
        })
        .filter(|h| {
            span::cut(ctx.text, h.end, a.start)
                .split_whitespace()
                .count()
                <= 10
        })
        .find_map(|h| {
            ctx.read_name(h.start, a.start).filter(|n| {
                only_price_between(ctx, n.end, a.start)
                    && !span::cut(ctx.text, h.start, n.start).contains([',', ';', ':'])
            })
        })
}

/// Nothing but a price stands in `from..to` ("… die Kestrel AG für 2 Milliarden Euro
/// übernehmen"): the words left once the amounts are cut out are purpose words ("für"), and,
/// where the language writes its nouns with a capital, lower-case words that are no noun
/// ("… die Kestrel AG vollständig übernehmen").
fn only_price_between(ctx: &Ctx, from: usize, to: usize) -> bool {
    let adverbs = lexicon::lexicon(ctx.lang).nouns_capitalised;
    let mut pos = ctx_skip(ctx.text, from);
    while pos < to {
        if let Some(a) = ctx.amounts.iter().find(|a| a.start <= pos && pos < a.end) {
            pos = ctx_skip(ctx.text, a.end);
            continue;
        }
        let word = span::cut(ctx.text, pos, to)
            .split_whitespace()
            .next()
            .unwrap_or("");
        let hit_here = ctx.hits.iter().any(|h| h.start == pos);
        if adverbs && !hit_here && word.chars().all(|c| c.is_lowercase()) && !word.is_empty() {
            pos = ctx_skip(ctx.text, pos + word.len());
            continue;
        }
        match ctx
            .hits
            .iter()
            .find(|h| h.start == pos && h.has(|r| *r == Role::Purpose))
        {
            Some(h) => pos = ctx_skip(ctx.text, h.end),
            None => return false,
        }
    }
    true
}

/// "Die Kestrel AG wird von der Orvex AG übernommen", "Công ty Kestrel được Tập đoàn Orvex mua
/// lại": a verb of buying in the passive (an auxiliary of the language's `passive_aux` before
/// it) has what is bought as its subject and the buyer as its agent, named after the language's
/// `passive_by` word or, where the language puts it there, right between the auxiliary and the
/// verb. A verb of giving, supplying or lending in the passive ("Kim Long được Ngân hàng Orvex
/// cho vay", "than được Công ty Sông Lam cung cấp cho …") has the giver as its agent (who
/// provides) and the one given to as its subject.
fn passive_purchase(
    ctx: &Ctx,
    (pre_start, scope_end): (usize, usize),
    subject: Option<&Name>,
    parties: &mut Vec<Name>,
    (provider, recipient): (&mut Option<String>, &mut Option<String>),
) {
    let in_clause = |h: &&Hit| h.start >= pre_start && h.start < scope_end;
    let gives = |h: &Hit| {
        h.has(|r| *r == Role::SellerVerb)
            || matches!(
                h.trigger(),
                Some((DealType::Financing | DealType::Aid, Class::Action, _))
            )
    };
    let buying = ctx
        .hits
        .iter()
        .filter(in_clause)
        .find(|h| h.has(|r| *r == Role::BuyerVerb));
    let (verb, giving) = match buying {
        Some(v) => (v, false),
        None => match ctx.hits.iter().filter(in_clause).find(|h| gives(h)) {
            Some(v) => (v, true),
            None => return,
        },
    };
    let Some(aux) = ctx
        .hits
        .iter()
        .filter(in_clause)
        .rfind(|h| h.end <= verb.start && h.has(|r| *r == Role::PassiveAux))
    else {
        return;
    };
    if span::cut(ctx.text, aux.end, verb.start).contains([',', ';', ':', '.']) {
        return;
    }
    let agent = agent_before_verb(ctx, aux.end, verb.start);
    let Some(agent) = agent.filter(|n| subject.is_none_or(|s| s.canonical != n.canonical)) else {
        return;
    };
    if giving {
        *provider = Some(agent.canonical.clone());
        if let Some(s) = subject {
            *recipient = Some(s.canonical.clone());
        } else if recipient.as_ref() == provider.as_ref() {
            *recipient = None;
        }
        push_party(parties, agent);
        return;
    }
    *recipient = Some(agent.canonical.clone());
    match subject {
        Some(s) => *provider = Some(s.canonical.clone()),
        None => {
            if provider.as_ref() == recipient.as_ref() {
                *provider = None;
            }
        }
    }
    push_party(parties, agent);
}

/// The agent of a passive named between its auxiliary (ending at `aux_end`) and its verb (at
/// `verb_start`): after the language's `passive_by` word ("wird von der Orvex AG übernommen"), or
/// right after the auxiliary where the language puts it there ("được Tập đoàn Orvex mua lại").
pub(super) fn agent_before_verb(ctx: &Ctx, aux_end: usize, verb_start: usize) -> Option<Name> {
    let lex = lexicon::lexicon(ctx.lang);
    let by = &lex.passive_by;
    let marker = ctx.hits.iter().find(|h| {
        h.start >= aux_end
            && h.end <= verb_start
            && by.contains(&span::cut(ctx.text, h.start, h.end).to_lowercase())
    });
    match marker {
        Some(m) => ctx.read_name(m.end, verb_start),
        // "được Tập đoàn Orvex mua lại": the agent fills the gap between auxiliary and verb.
        None if lex.passive_agent_after_aux => ctx.read_name(aux_end, verb_start).filter(|n| {
            n.end <= verb_start && span::cut(ctx.text, n.end, verb_start).trim().is_empty()
        }),
        None => None,
    }
}

/// "Nordwerk liefert der Fluglinie Kestrel Air 40 Jets", "Die Harbourline Bank hat der Nordchem
/// AG einen Kredit gewährt": with a verb of giving or supplying (`SellerVerb`) in the clause, a
/// name opened by a dative article of the language right after the subject or that verb (past a
/// modal or an auxiliary) receives; the subject gives.
fn dative_recipient(
    ctx: &Ctx,
    (pre_start, scope_end): (usize, usize),
    subject: Option<&Name>,
) -> Option<Name> {
    let lex = lexicon::lexicon(ctx.lang);
    let subject = subject?;
    if lex.dative_articles.is_empty() {
        return None;
    }
    let in_clause = |h: &&Hit| h.start >= pre_start && h.end <= scope_end;
    let gives = ctx
        .hits
        .iter()
        .filter(in_clause)
        .find(|h| h.has(|r| *r == Role::SellerVerb))?;
    let verbs = |h: &Hit| {
        h.has(|r| {
            matches!(
                r,
                Role::SellerVerb | Role::Status(_) | Role::Future | Role::Auxiliary
            )
        })
    };
    // Right after the subject (past its short form in brackets: "Die Europäische
    // Investitionsbank (EIB) gewährt …"), past the finite verb (and a modal or auxiliary) if it
    // stands there.
    let mut at = span::ctx_skip(ctx.text, subject.end);
    if span::after(ctx.text, at).starts_with('(') {
        if let Some(close) = span::cut(ctx.text, at, scope_end).find(')') {
            at = span::ctx_skip(ctx.text, at + close + 1);
        }
    }
    while let Some(v) = ctx.hits.iter().find(|h| h.start == at && verbs(h)) {
        at = span::ctx_skip(ctx.text, v.end);
    }
    let dative_at = |at: usize| dative_article_at(ctx, at);
    // "Die EIB stellt der Nordchem AG ein Darlehen zur Verfügung": where the verb of giving closes
    // the clause (a particle phrase), the finite verb in second place may be any lower-case word.
    let article = dative_at(at).or_else(|| {
        if at >= scope_end {
            return None;
        }
        let word = span::cut(ctx.text, at, scope_end)
            .split_whitespace()
            .next()?;
        (word.starts_with(char::is_lowercase) && gives.start > at + word.len())
            .then(|| dative_at(span::ctx_skip(ctx.text, at + word.len())))
            .flatten()
    })?;
    let (article_start, _) = article;
    if article_start < subject.end || (gives.start < subject.end && gives.end > article_start) {
        return None;
    }
    ctx.read_name(article_start, scope_end)
        .filter(|n| n.canonical != subject.canonical)
}

/// The span of a dative article of the language (`dative_articles`) that starts at `at`.
fn dative_article_at(ctx: &Ctx, at: usize) -> Option<(usize, usize)> {
    let lex = lexicon::lexicon(ctx.lang);
    ctx.hits
        .iter()
        .find(|h| h.start == at && lex.is_dative_article(span::cut(ctx.text, h.start, h.end)))
        .map(|h| (h.start, h.end))
}

/// "Gói thầu … do Tổng công ty Sao Mai (SMC) làm chủ đầu tư", "… with Kestrel Port as the project
/// owner": a known entity right before a project-owner cue of the language (past a short form in
/// parentheses) owns the project the works are for; it is the client.
pub(super) fn project_owner(ctx: &Ctx, from: usize, to: usize) -> Option<Name> {
    let cue = ctx
        .hits
        .iter()
        .find(|h| h.start >= from && h.end <= to && h.has(|r| *r == Role::ProjectOwner))?;
    let right_before = |end: usize| {
        end <= cue.start && {
            let gap = span::cut(ctx.text, end, cue.start).trim();
            gap.is_empty()
                || (gap.starts_with('(') && gap.ends_with(')') && !gap[1..].contains('('))
        }
    };
    if let Some(e) = ctx.ents.iter().rev().find(|e| right_before(e.end)) {
        return Some(entity_name(e));
    }
    // A name the lexicon does not know, read from the marker before it ("do Công ty Sao Mai").
    ctx.hits
        .iter()
        .filter(|h| h.end <= cue.start && h.has(|r| matches!(r, Role::From | Role::With)))
        .find_map(|h| {
            ctx.read_name(h.end, cue.start)
                .filter(|n| right_before(n.end))
        })
}

/// "kaufte der Chemiekonzern Nordchem im Juni den Spezialisten Kestrel Labs": where the subject
/// stands after the verb, the object is the next name, opened by an article (past a time), at
/// most six words on.
fn object_after_subject(
    ctx: &Ctx,
    subject: &Name,
    scope_end: usize,
    parties: &mut Vec<Name>,
) -> Option<String> {
    let from = past_time(ctx, subject.end, scope_end);
    let at = ctx_skip(ctx.text, from);
    let opens = ctx
        .hits
        .iter()
        .any(|h| h.start == at && h.has(|r| *r == Role::Determiner));
    if !opens {
        return None;
    }
    let n = ctx.read_name(at, scope_end).filter(|n| {
        n.canonical != subject.canonical
            && span::cut(ctx.text, at, n.start).split_whitespace().count() <= 6
            && !span::cut(ctx.text, subject.end, n.start).contains([',', ';', ':', '.'])
    })?;
    party_on_a_side(parties, n)
}

/// "übernahm im Mai das Unternehmen X", "bought in 2019 the Kestrel unit": up to three words of
/// the language's stop list (prepositions, months, days) or a year right after `pos`, then an
/// article: where the object starts. `pos` itself where no such phrase stands there.
/// "Die Reederei Halvmond kauft für 640 Millionen Euro den Konkurrenten Brisa": a price told right
/// after the verb (a word of purpose, then an amount) stands before what is bought; reading the
/// object goes on past it.
fn past_price(ctx: &Ctx, pos: usize, limit: usize) -> usize {
    let st = ctx.text;
    let at = ctx_skip(st, pos);
    let Some(purpose) = ctx
        .hits
        .iter()
        .find(|h| h.start == at && h.has(|r| *r == Role::Purpose))
    else {
        return pos;
    };
    let amount_at = ctx_skip(st, purpose.end);
    ctx.amounts
        .iter()
        .find(|x| x.start == amount_at && x.end <= limit)
        .map_or(pos, |x| x.end)
}

pub(super) fn past_time(ctx: &Ctx, pos: usize, limit: usize) -> usize {
    let st = ctx.text;
    let mut at = ctx_skip(st, pos);
    let mut skipped = 0;
    while skipped < 3 && at < limit {
        let word_end = span::after(st, at)
            .find(char::is_whitespace)
            .map_or(st.len(), |i| at + i);
        let word = span::cut(st, at, word_end);
        let year = word.len() == 4 && word.chars().all(|c| c.is_ascii_digit());
        let is = |role: Role| {
            ctx.hits
                .iter()
                .any(|h| h.start == at && h.end == word_end && h.has(|r| *r == role))
        };
        if is(Role::Determiner) || !(year || is(Role::Stop)) || word.ends_with([',', ';', '.']) {
            break;
        }
        skipped += 1;
        at = ctx_skip(st, word_end);
    }
    let article = ctx
        .hits
        .iter()
        .any(|h| h.start == at && h.has(|r| *r == Role::Determiner));
    if skipped > 0 && article { at } else { pos }
}

/// "The navy has awarded Kestrel Yards a $21.7 million contract", "awarded Orvex Mobile a 5G
/// licence", "erteilte der Kestrel AG den Auftrag": a name right after a verb of awarding (or
/// after it and one of the language's `dative_articles`) and right before the deal (its value
/// or its article) is the one it is awarded to.
fn awarded_whom(
    ctx: &Ctx,
    a: &Anchor,
    pre_start: usize,
    parties: &mut Vec<Name>,
) -> Option<String> {
    let st = ctx.text;
    let award = ctx
        .hits
        .iter()
        .rfind(|h| h.start >= pre_start && h.end <= a.start && h.has(|r| *r == Role::Award))?;
    let n = ctx.read_name(award.end, a.start)?;
    let before = span::cut(st, award.end, n.start);
    // "erteilte der Baufirma Kestrel den Auftrag": the name in the dative.
    let dative = lexicon::lexicon(ctx.lang).is_dative_article(before.trim());
    if !(before.trim().is_empty() || dative)
        || !modifiers_only(ctx, n.end, a.start)
        || !opens_the_deal(ctx, n.end, a)
    {
        return None;
    }
    party_on_a_side(parties, n)
}

/// "a $410 million design, supply and construction contract", "a seven-year,
/// multimillion-dollar haulage contract": the words between a name (ending at `from`) and its deal
/// word (at `to`) are the deal's modifiers where no clause mark stands between them, or where
/// the commas only list them (a word of the language's `list_joins` within four words after the
/// last comma), or only part adjectives of one noun ([`coordinate_adjectives`]).
fn modifiers_only(ctx: &Ctx, from: usize, to: usize) -> bool {
    let between = span::cut(ctx.text, from, to);
    if between.contains([';', ':']) {
        return false;
    }
    match between.rfind(',') {
        None => true,
        Some(i) => {
            let last = from + i + 1;
            (span::cut(ctx.text, last, to).split_whitespace().count() <= 4
                && ctx
                    .hits
                    .iter()
                    .any(|h| h.start >= last && h.end <= to && h.has(|r| *r == Role::ListJoin)))
                || coordinate_adjectives(ctx, from, to)
        }
    }
}

/// "a seven-year, multimillion-dollar haulage contract": commas part adjectives of one noun where
/// the words between `from` and `to` open on a determiner and every part has at most three
/// words, none capitalised (a name or a new clause would be).
fn coordinate_adjectives(ctx: &Ctx, from: usize, to: usize) -> bool {
    let between = span::cut(ctx.text, from, to);
    let opens = ctx.hits.iter().any(|h| {
        h.start == from + (between.len() - between.trim_start().len())
            && h.has(|r| *r == Role::Determiner)
    });
    opens
        && between.split(',').all(|part| {
            let words: Vec<&str> = part.split_whitespace().collect();
            !words.is_empty()
                && words.len() <= 3
                && words.iter().all(|w| !w.starts_with(char::is_uppercase))
        })
}

/// "Die Landesregierung hat der Kestrel AG einen Auftrag über 90 Millionen Euro erteilt": where
/// the verb of awarding ends the clause, after the deal, the name that one of the language's
/// `dative_articles` opens right before the deal (its article, its value or the deal word) is
/// the one it is awarded to.
fn awarded_in_the_dative(
    ctx: &Ctx,
    a: &Anchor,
    (pre_start, scope_end): (usize, usize),
    parties: &mut Vec<Name>,
) -> Option<String> {
    let st = ctx.text;
    let lex = lexicon::lexicon(ctx.lang);
    if !lex.verb_final || lex.dative_articles.is_empty() {
        return None;
    }
    let award = ctx
        .hits
        .iter()
        .find(|h| h.start >= a.end && h.start < scope_end && h.has(|r| *r == Role::Award))?;
    if span::cut(st, a.end, award.start).contains([',', ';', ':']) {
        return None;
    }
    let article = ctx.hits.iter().rfind(|h| {
        h.start >= pre_start
            && h.end <= a.start
            && h.has(|r| *r == Role::Determiner)
            && lex.is_dative_article(span::cut(st, h.start, h.end))
    })?;
    let n = ctx.read_name(ctx_skip(st, article.end), a.start)?;
    if !span::cut(st, article.end, n.start).trim().is_empty() {
        return None;
    }
    opens_the_deal(ctx, n.end, a)
        .then(|| party_on_a_side(parties, n))
        .flatten()
}

/// Whether the deal of `a` follows at once after `end` (a name's end): its article (a
/// determiner of the language), its value, or the deal word itself.
fn opens_the_deal(ctx: &Ctx, end: usize, a: &Anchor) -> bool {
    let next = ctx_skip(ctx.text, end);
    next == a.start
        || ctx.amounts.iter().any(|x| x.start == next)
        || ctx
            .hits
            .iter()
            .any(|h| h.start == next && h.has(|r| *r == Role::Determiner))
}

/// "Nordchem paid $2 billion for Kestrel Labs", "zahlte 2 Milliarden Euro für die Kestrel AG",
/// "trả 2 tỷ USD cho Kestrel": after a verb of paying in the clause, the name after the next
/// "for" / "to" is what is paid for, or who is paid: the seller.
fn paid_for(
    ctx: &Ctx,
    pre_start: usize,
    scope_end: usize,
    parties: &mut Vec<Name>,
) -> Option<String> {
    let pay = ctx
        .hits
        .iter()
        .find(|h| h.start >= pre_start && h.start < scope_end && h.has(|r| *r == Role::Payment))?;
    let marker = ctx.hits.iter().find(|h| {
        h.start >= pay.end
            && h.start < scope_end
            && h.has(|r| matches!(r, Role::Purpose | Role::To))
            && !span::cut(ctx.text, pay.end, h.start).contains([';', ':', '.'])
    })?;
    let n = ctx.read_name(marker.end, scope_end)?;
    party_on_a_side(parties, n)
}

/// "signed an agreement to buy Orvex Foods", "a deal to acquire …": an agreement whose next
/// words (at most two: "to", "zum") are a verb of buying names what is bought after that verb.
/// Where the verb ends.
fn agreement_to_buy(ctx: &Ctx, a: &Anchor, scope_end: usize) -> Option<usize> {
    if a.class != Class::Document {
        return None;
    }
    let verb = ctx
        .hits
        .iter()
        .find(|h| h.start >= a.end && h.start < scope_end && h.has(|r| *r == Role::BuyerVerb))?;
    let gap = span::cut(ctx.text, a.end, verb.start);
    (gap.split_whitespace().count() <= 2 && !gap.contains([',', ';', '.', '('])).then_some(verb.end)
}

/// "Das Unternehmen kauft …", "Der Konzern übernimmt …": a phrase of an article and at most two
/// more words, no figure in it, is the subject that stands first.
fn subject_fronted(lex: &lexicon::DealLexicon, fronted: &str) -> bool {
    let words: Vec<&str> = fronted.split_whitespace().collect();
    words.len() <= 3
        && !fronted.contains(|c: char| c.is_ascii_digit())
        && words
            .first()
            .is_some_and(|w| lex.subject_articles.contains(&w.to_lowercase()))
}

/// "Im Januar erwarb die Kestrel Bank die Harbourline Versicherung", "Jeweils 100 Megahertz
/// erwarben die Kestrel Telekom für …": where the verb stands second, a clause that opens with
/// something else has its subject right after the verb; a name right after the subject is the
/// verb's object, a party too. "Am Montag unterzeichneten Nordmar und Lindmark …": names joined
/// to that subject by a conjunction share it.
fn subject_after_verb(
    ctx: &Ctx,
    a: &Anchor,
    pre_start: usize,
    scope_end: usize,
    parties: &mut Vec<Name>,
) -> Vec<Name> {
    let Some(first) = first_subject_after_verb(ctx, a, pre_start, scope_end) else {
        return Vec::new();
    };
    let mut subjects = vec![first];
    coordinated(ctx, &mut subjects, scope_end);
    let words = |from: usize, to: usize| span::cut(ctx.text, from, to).split_whitespace().count();
    let last = subjects.iter().map(|n| n.end).max().unwrap_or(a.end);
    if let Some(object) = ctx
        .read_name(last, scope_end)
        .filter(|n| words(last, n.start) <= 1)
    {
        push_party(parties, object);
    }
    subjects
}

/// The name right after the verb that stands second (see `subject_after_verb`).
fn first_subject_after_verb(
    ctx: &Ctx,
    a: &Anchor,
    pre_start: usize,
    scope_end: usize,
) -> Option<Name> {
    let lex = lexicon::lexicon(ctx.lang);
    let fronted = span::cut(ctx.text, pre_start, a.start).trim();
    if !lex.verb_final
        || a.class != Class::Action
        || fronted.is_empty()
        || subject_fronted(lex, fronted)
    {
        return None;
    }
    let words = |from: usize, to: usize| span::cut(ctx.text, from, to).split_whitespace().count();
    // An article and an adjective may stand first ("die Deutsche Telekom").
    ctx.read_name(a.end, scope_end)
        .filter(|n| words(a.end, n.start) <= 2)
}

/// "Für den Ausbau der Häfen will Nordland 200 Millionen Euro bereitstellen": where the verb
/// stands second and the deal word sits in the phrase fronted before it, the name right after
/// that first verb (a modal, an auxiliary or a verb of the deal's status) is the subject ("Zum
/// Auftakt des Rahmenvertrags habe die Bundeswehr 300 Lkw bestellt").
///
/// "Under the loan agreement, Lesotho will receive $2.4 million": elsewhere, a deal word in a
/// phrase fronted before a comma at the start of the sentence has the name right after the
/// comma as its subject.
fn subject_after_fronted_deal(ctx: &Ctx, a: &Anchor, scope_end: usize) -> Option<Name> {
    let lex = lexicon::lexicon(ctx.lang);
    let st = ctx.text;
    if !lex.verb_final {
        let fronted = span::cut(st, 0, a.start);
        let comma = span::cut(st, a.end, scope_end).find(',')? + a.end;
        let phrase = span::cut(st, 0, comma);
        if fronted.split_whitespace().count() > 4 || phrase.split_whitespace().count() > 8 {
            return None;
        }
        let at = span::ctx_skip(st, comma + 1);
        return ctx.read_name(at, scope_end).filter(|n| n.start == at);
    }
    // The fronted phrase holds no name: its first verb is the clause's second element.
    let verb = ctx
        .hits
        .iter()
        .filter(|h| h.start >= a.end && h.end <= scope_end)
        .find(|h| h.has(|r| matches!(r, Role::Status(_) | Role::Future | Role::Auxiliary)))?;
    if ctx.ents.iter().any(|e| e.start < verb.start)
        || span::cut(st, 0, verb.start).contains([',', ';', ':'])
    {
        return None;
    }
    let words = |from: usize, to: usize| span::cut(st, from, to).split_whitespace().count();
    // An article and an adjective may stand first ("habe das Koblenzer Bundesamt …").
    ctx.read_name(verb.end, scope_end)
        .filter(|n| words(verb.end, n.start) <= 2)
}

/// "đơn vị trúng thầu là Công ty Orvex": a verb of winning followed right away by a copula of
/// the language (`winner_copulas`) names the winner after it, between `from` and `to`.
fn copula_winner(ctx: &Ctx, from: usize, to: usize) -> Option<Name> {
    let copulas = &lexicon::lexicon(ctx.lang).winner_copulas;
    if copulas.is_empty() {
        return None;
    }
    ctx.hits
        .iter()
        .filter(|h| h.start >= from && h.end <= to && h.has(|r| *r == Role::Receive))
        .find_map(|h| {
            let at = span::ctx_skip(ctx.text, h.end);
            let rest = span::cut(ctx.text, at, to);
            let c = copulas.iter().find(|c| {
                rest.get(..c.len()).is_some_and(|w| w.to_lowercase() == **c)
                    && rest[c.len()..].starts_with(char::is_whitespace)
            })?;
            ctx.read_name(at + c.len(), to).filter(|n| {
                span::cut(ctx.text, at + c.len(), n.start)
                    .split_whitespace()
                    .count()
                    <= 2
            })
        })
}

/// "Die Bestellung umfasse 40 Jets, teilte Nordmar am Dienstag mit", "The order covers 40 jets,
/// said Nordmar": a clause with no subject of its own, followed by a comma and a verb of saying
/// that puts its subject after it (`speech_verbs`), is told by that subject; who speaks of a deal
/// so is its party and the clause's subject (at most three words, an article and a description,
/// between the verb and the name).
fn speaker_after_clause(ctx: &Ctx, a: &Anchor, scope_end: usize) -> Option<Name> {
    let speech = &lexicon::lexicon(ctx.lang).speech_verbs;
    let st = ctx.text;
    let mut from = a.end;
    while let Some(comma) = span::cut(st, from, scope_end).find(',').map(|i| i + from) {
        from = comma + 1;
        let at = span::ctx_skip(st, from);
        let word = span::cut(st, at, scope_end)
            .split_whitespace()
            .next()
            .unwrap_or("");
        if !speech.contains(&word.to_lowercase()) {
            continue;
        }
        let verb_end = at + word.len();
        return ctx
            .read_name(verb_end, scope_end)
            .filter(|n| span::cut(st, verb_end, n.start).split_whitespace().count() <= 3);
    }
    None
}

/// "a 30% stake in Kestrel Foods", "mua 10% cổ phần Công ty Hòa Bình", "die Mehrheit an Nordmar
/// Air": the company whose shares a purchase or investment takes is its target; it provides them.
/// "50 triệu cổ phần KST của CTCP Kestrel", "20 million KST shares of Kestrel Foods": a share's
/// ticker (an abbreviation the lexicon does not know, `names::is_abbreviation`) followed by a
/// word of belonging and a name: the shares are that name's.
fn owner_of_the_ticker(ctx: &Ctx, ticker: &Name, scope_end: usize) -> Option<Name> {
    if ticker.kind.is_some() || !super::names::is_abbreviation(&ticker.canonical) {
        return None;
    }
    let at = ctx_skip(ctx.text, ticker.end);
    let of = ctx
        .hits
        .iter()
        .find(|h| h.start == at && h.has(|r| *r == Role::Of))?;
    ctx.read_name(ctx_skip(ctx.text, of.end), scope_end)
}

fn stake_target(
    ctx: &Ctx,
    a: &Anchor,
    (pre_start, scope_end): (usize, usize),
    parties: &mut Vec<Name>,
) -> Option<String> {
    if !matches!(
        a.ty,
        DealType::Purchase | DealType::Investment | DealType::Agreement
    ) {
        return None;
    }
    let n = ctx
        .name_after_cue(Role::Stake, a.start, scope_end)
        .or_else(|| stake_before_final_verb(ctx, a, pre_start))?;
    let n = owner_of_the_ticker(ctx, &n, scope_end).unwrap_or(n);
    // "a stake in the Nordmar gas field": a site, no company.
    if site_after_its_article(ctx, &n, scope_end) {
        return None;
    }
    // "made an investment in Kestrel, built up a stake in Orvex, …": a stake told in a clause of
    // its own, past a comma, is another deal's.
    // (A comma that marks a clause has a space after it; "7,5%" is a number.)
    let (from, to) = if n.start >= a.end {
        (a.end, n.start)
    } else {
        (n.end, a.start)
    };
    let between = span::cut(ctx.text, from, to);
    if between.contains(';') || between.contains(", ") {
        return None;
    }
    party_on_a_side(parties, n)
}

/// "Die Kestrel Group hat 35 Prozent an der Nordchem AG gekauft": where the deal verb ends the
/// clause (`verb_final`), the stake and its company stand before it.
fn stake_before_final_verb(ctx: &Ctx, a: &Anchor, pre_start: usize) -> Option<Name> {
    if !lexicon::lexicon(ctx.lang).verb_final {
        return None;
    }
    ctx.name_after_cue(Role::Stake, pre_start, a.start)
        .filter(|n| n.end <= a.start)
}

/// "Investors bought shares of Kestrel worth $2 billion": units of the language's
/// `traded_units` (in a `stake` cue) bought where no buyer is named trade the company's stock on
/// a market; the company sells nothing and is no party.
fn stock_traded(ctx: &Ctx, a: &Anchor, scope_end: usize, r: &mut Sides) {
    if r.recipient.is_some() {
        return;
    }
    let lex = lexicon::lexicon(ctx.lang);
    let traded = ctx.hits.iter().find(|h| {
        h.start >= a.start && h.end < scope_end && h.has(|r| *r == Role::Stake) && {
            let cue = span::cut(ctx.text, h.start, h.end).to_lowercase();
            lex.traded_units
                .iter()
                .any(|u| cue.split_whitespace().next() == Some(u.as_str()))
        }
    });
    let Some(cue) = traded else {
        return;
    };
    let Some(n) = ctx.read_name(cue.end, scope_end) else {
        return;
    };
    if r.provider.as_deref() == Some(n.canonical.as_str()) {
        r.provider = None;
        r.parties.retain(|p| p.canonical != n.canonical);
    }
}

/// "Kestrel Group sold Orvex Foods to Brannock Capital", "verkauft die Orvex GmbH an …", "đã bán
/// Công ty Orvex cho …": a verb of selling whose object is a name (at most four words after it, no
/// clause mark) right before the word for "to": a company sold, a party of the deal. Not a maker
/// ("sold Orvex jets to …" names goods) nor a state.
pub(super) fn company_sold(ctx: &Ctx, a: &Anchor, scope_end: usize) -> Option<Name> {
    let sells = ctx
        .hits_at(a.start)
        .any(|h| h.end == a.end && h.has(|r| *r == Role::SellerVerb));
    if !sells {
        return None;
    }
    let n = ctx.read_name(a.end, scope_end)?;
    let gap = span::cut(ctx.text, a.end, n.start);
    let to_follows = ctx
        .hits_at(ctx_skip(ctx.text, n.end))
        .any(|h| h.has(|r| *r == Role::To));
    (gap.split_whitespace().count() <= 4
        && !gap.contains([',', ';', ':', '.'])
        && to_follows
        && !n
            .kind
            .is_some_and(|k| k == Kind::Manufacturer || k.is_public()))
    .then_some(n)
}

/// "the acquisition of Orvex Labs (by Nordchem)", "die Übernahme der Orvex AG durch die Nordchem
/// AG": a takeover noun of the language and its tie word name the company taken over, which
/// sells; the name after the word for "by" is the buyer.
pub(super) fn taken_over(ctx: &Ctx, a: &Anchor, scope_end: usize) -> Option<(Name, Option<Name>)> {
    let lex = lexicon::lexicon(ctx.lang);
    if a.ty != DealType::Purchase
        || !lex
            .takeover_nouns
            .iter()
            .any(|n| span::lower_ends_with(&a.head, n))
    {
        return None;
    }
    let rest = span::cut(ctx.text, a.end, scope_end);
    let tie = rest.split_whitespace().next()?.to_lowercase();
    if !lex.takeover_of.contains(&tie) {
        return None;
    }
    let after = a.end + (rest.len() - rest.trim_start().len()) + tie.len();
    let target = ctx.read_name(after, scope_end)?;
    // Past a description set off by commas ("of Orvex Juices, which is based in Santiago, by …").
    let mut from = target.end;
    let rest = span::cut(ctx.text, from, scope_end);
    if let Some(after_comma) = rest.strip_prefix(',') {
        if let Some(close) = after_comma.find(',') {
            from += 1 + close + 1;
        }
    }
    let rest = span::cut(ctx.text, from, scope_end);
    let word = rest.split_whitespace().next().unwrap_or("");
    let buyer = lex
        .takeover_by
        .contains(&word.to_lowercase())
        .then(|| {
            let at = from + (rest.len() - rest.trim_start().len()) + word.len();
            ctx.read_name(at, scope_end)
        })
        .flatten();
    Some((target, buyer))
}

/// "Kestrel's bid of $2.1 billion for Orvex Analytics": after a bid noun of the language
/// (`bid_nouns`), past its amount, a conversion in brackets and the word tying it (at most two
/// more words), the word for what it is for (`bid_for`) names the company bid for: the target,
/// which sells. (German lists its bid nouns and "bietet"; Vietnamese none yet: no bid noun is a
/// deal word there.)
pub(super) fn bid_target(ctx: &Ctx, a: &Anchor, scope_end: usize) -> Option<Name> {
    let lex = lexicon::lexicon(ctx.lang);
    if a.ty != DealType::Purchase || !is_a_bid(ctx, a) {
        return None;
    }
    let mut at = a.end;
    let mut words = 0;
    while at < scope_end && words <= 2 {
        if let Some(x) = ctx
            .amounts
            .iter()
            .find(|x| x.start == span::ctx_skip(ctx.text, at))
        {
            at = x.end;
            continue;
        }
        let rest = span::cut(ctx.text, at, scope_end);
        // "(€1.9 billion)": the amount converted, in brackets.
        if rest.trim_start().starts_with('(') {
            let close = rest.find(')')?;
            at += close + 1;
            continue;
        }
        let lead = rest.len() - rest.trim_start().len();
        // "a $3 billion bid to acquire Orvex": a phrase of `bid_for` may be longer than a word.
        if let Some(tie) = lex
            .bid_for
            .iter()
            .filter_map(|t| span::lower_word_prefix(&rest[lead..], t))
            .max()
        {
            return ctx.read_name(at + lead + tie, scope_end);
        }
        let word = rest.split_whitespace().next()?;
        if word.contains([',', ';', '.']) {
            return None;
        }
        let end = at + lead + word.len();
        words += 1;
        at = end;
    }
    None
}

/// "von B … erhalten": the from-marker may stand before the trigger too; B provides.
fn from_before_trigger(
    ctx: &Ctx,
    a: &Anchor,
    pre_start: usize,
    parties: &mut Vec<Name>,
) -> Option<String> {
    for h in ctx
        .hits
        .iter()
        .filter(|h| h.start >= pre_start && h.end <= a.start && h.has(|r| *r == Role::From))
    {
        if let Some(n) = ctx.read_name(h.end, a.start) {
            let provider = Some(n.canonical.clone());
            push_party(parties, n);
            return provider;
        }
    }
    None
}

/// Names between the verb and the trigger receive it: "erteilte der Telekom eine Lizenz",
/// "gewährt Vietnam einen Kredit"; not a subject joined to the first ("A and B signed").
fn names_before_trigger(
    ctx: &Ctx,
    a: &Anchor,
    (s, subjects, provider): (&Name, &[Name], Option<&str>),
    parties: &mut Vec<Name>,
    recipient: &mut Option<String>,
) {
    let st = ctx.text;
    for e in ctx
        .ents
        .iter()
        .filter(|e| e.start >= s.end && e.end <= a.start)
    {
        // "Kestrel will supply 139 jets to Orvex Air, a deal worth …": where the subject
        // provides, the name its 'to' governs receives.
        let to_it = ctx.hits.iter().any(|h| {
            h.end <= e.start
                && h.has(|r| *r == Role::To)
                && only_articles_between(ctx, h.end, e.start)
        });
        if to_it && recipient.is_none() && provider == Some(s.canonical.as_str()) {
            *recipient = Some(e.entity.canonical.clone());
        }
        let after_preposition = ctx.hits.iter().any(|h| {
            h.end <= e.start
                && span::cut(st, h.end, e.start).trim().is_empty()
                && h.has(|r| matches!(r, Role::Locative | Role::Of | Role::From | Role::With))
        });
        let inside_party = parties.iter().any(|p| p.start <= e.start && e.end <= p.end);
        // "Kestrel Foods and the World Bank signed a loan": a second subject, joined to the
        // first, is no indirect object.
        let co_subject = subjects
            .iter()
            .any(|p| p.start <= e.start && e.end <= p.end);
        // "Kestrel will supply 139 Orvex jets to …": the maker of the things counted is no party
        // where another supplies them.
        let maker_of_goods =
            provider.is_some_and(|p| p != e.entity.canonical) && counted_maker(ctx, e);
        if after_preposition
            || inside_party
            || co_subject
            || maker_of_goods
            || e.entity.canonical == s.canonical
        {
            continue;
        }
        push_party(parties, entity_name(e));
        if recipient.is_none()
            && matches!(
                a.ty,
                DealType::Licence | DealType::Financing | DealType::Aid
            )
        {
            *recipient = Some(e.entity.canonical.clone());
        }
    }
}

/// "Orvex beat rival Kestrel to the order", "vượt qua đối thủ là Kestrel", "hat den Rivalen
/// Kestrel ausgestochen": the name a verb of beating governs (before it, past at most three
/// words that are an article, a possessive or a word for a competitor; or, where the verb ends
/// the clause, right after the name) is the competitor beaten, no party. A rival bought ("acquired
/// rival Kestrel", "zahlte für seinen Konkurrenten Kestrel") is a party.
pub(super) fn after_rival(st: &str, lang: Lang, pos: usize, end: usize) -> bool {
    let lex = lexicon::lexicon(lang);
    // Five words back are at most a few dozen bytes: never lower-case the whole sentence.
    let before = span::tail(span::before(st, pos), 120).to_lowercase();
    // Nearest first.
    let words: Vec<&str> = before.split_whitespace().rev().take(5).collect();
    let is_beat = |phrase: &str| lex.beat_verbs.iter().any(|v| v == phrase);
    let is_rival = |w: &str| {
        let last_part = w.rsplit('-').next().unwrap_or("");
        lex.rivals.iter().any(|r| r == w || r == last_part)
    };
    let mut k = 0;
    while k < words.len() && k <= 3 {
        let w = words[k];
        if w.ends_with([',', ';', '.', ':', ')']) {
            break;
        }
        let two = words
            .get(k + 1)
            .map(|p| format!("{p} {w}"))
            .unwrap_or_default();
        if is_beat(w) || is_beat(&two) {
            return true;
        }
        // Only short words (articles, possessives, "là") and words for a competitor stand between.
        if !(is_rival(w) || w.chars().count() <= 5) {
            break;
        }
        k += 1;
    }
    // Verb-final: "den Rivalen Kestrel ausgestochen" (a word for a competitor before the name).
    let after = span::head(span::after(st, end), 80).to_lowercase();
    let next: Vec<&str> = after.split_whitespace().take(2).collect();
    words.first().is_some_and(|w| is_rival(w))
        && next
            .iter()
            .any(|w| is_beat(w.trim_end_matches([',', '.', ';'])))
}

/// Aid and investment: a country named after the act is the one that receives it.
pub(super) fn countries_after(
    ctx: &Ctx,
    a: &Anchor,
    scope_end: usize,
    parties: &mut Vec<Name>,
    recipient: &mut Option<String>,
) {
    for e in ctx
        .ents
        .iter()
        .filter(|e| e.start >= a.end && e.start < scope_end)
    {
        // "từ Cơ quan Phát triển Quốc tế Canada": a country inside a party's name, or one that
        // only qualifies an organisation, receives nothing.
        let inside_party = parties
            .iter()
            .any(|p| p.start <= e.start && e.end <= p.end && p.canonical != e.entity.canonical);
        if e.entity.kind == Kind::Country
            && !inside_party
            && !ctx.country_qualifies(e)
            && !parties.iter().any(|p| p.canonical == e.entity.canonical)
        {
            parties.push(entity_name(e));
            if recipient.is_none() {
                *recipient = Some(e.entity.canonical.clone());
            }
        }
    }
}

/// "Sweden pledged $40 million, Austria $12 million and Finland $9 million": a clause that
/// leaves out the verb of the one before (a list separator, a known name, its amount at once)
/// tells a deal of its own. Where the first such clause after `from` starts, else `to`.
pub(super) fn gapped_clause(ctx: &Ctx, from: usize, to: usize) -> usize {
    let st = ctx.text;
    ctx.ents
        .iter()
        .filter(|e| e.start > from && e.end < to)
        .find_map(|e| {
            let before = span::cut(st, from, e.start).trim_end();
            let sep = [",", ";", " and", " und", " và"]
                .iter()
                .find(|s| before.ends_with(**s))?;
            let at = span::ctx_skip(st, e.end);
            ctx.amounts
                .iter()
                .any(|x| x.start == at)
                .then(|| from + before.len() - sep.trim_start().len())
        })
        .unwrap_or(to)
}

/// "Kestrel Lines ordered six feeder ships at Orvex Shipyard": what a buyer orders "at" a company
/// (a place word of the language, then a name shaped like a company's: a yard, a works) is built
/// there, so that company supplies. Not a place or an event ("at the Paris Air Show", "in
/// Germany"): those are no company's name.
fn builder_at_its_yard(
    ctx: &Ctx,
    a: &Anchor,
    scope_end: usize,
    (ty, verbs): (DealType, &roles::Verbs),
    r: &mut Sides,
) {
    if ty != DealType::Purchase || r.provider.is_some() || !verbs.buys() {
        return;
    }
    let Some(n) = ctx.name_after_cue(Role::Locative, a.end, scope_end) else {
        return;
    };
    let public = n.kind.is_some_and(|k| k == Kind::Country || k.is_public());
    // The name ends in a company's tail word ("Orvex Shipyard", "Nordmar Heavy Industries"), not
    // merely holds one ("Paris Air Show").
    let ends_as_company = ctx
        .hits
        .iter()
        .any(|h| h.start >= n.start && h.end == n.end && h.has(|r| *r == Role::OrgTail));
    if public || !ends_as_company || r.recipient.as_ref() == Some(&n.canonical) {
        return;
    }
    r.provider = party_on_a_side(&mut r.parties, n);
}

/// "Radpanzer des schwedischen Herstellers Nordvik", "jets from US manufacturer Orvex": a name
/// right after a description of a maker (an anaphor phrase that may refer to a manufacturer) in
/// the anchor's clause names the maker of what is bought; it supplies it. Not when the maker is
/// the one buying: "Der Autobauer Nordwerk kauft Batteriezellen" (the clause's subject).
/// "German manufacturer Nordchem has agreed to buy …", "Turbine maker Orvex buys …": no deal
/// word, preposition or other cue of the language stands in `from..to`, only determiners
/// (articles, adjectives of nationality) and words that are no cue at all (what the maker makes).
fn no_cue_but_determiners(ctx: &Ctx, from: usize, to: usize) -> bool {
    ctx.hits
        .iter()
        .filter(|h| h.start >= from && h.end <= to)
        .all(|h| h.has(|r| *r == Role::Determiner))
}

pub(super) fn maker_described(
    ctx: &Ctx,
    (ty, from, to): (DealType, usize, usize),
    subject: Option<&Name>,
    parties: &mut Vec<Name>,
    provider: &mut Option<String>,
) {
    if ty != DealType::Purchase {
        return;
    }
    let maker = ctx
        .hits
        .iter()
        .filter(|h| h.start >= from && h.end < to)
        .filter(|h| {
            h.has(|r| matches!(r, Role::Anaphor(k) if k[..] == [crate::entity::Kind::Manufacturer]))
        })
        .find_map(|h| {
            ctx.read_name(h.end, to)
                .filter(|n| n.start == span::ctx_skip(ctx.text, h.end))
                .map(|n| (h, n))
        });
    // A maker's description that opens the clause or follows a nominative article ("Der
    // Stuttgarter Autobauer Nordwagen kauft …", "US carmaker Nordwagen buys …") describes the
    // clause's subject, the buyer; one tied to the thing bought ("Radpanzer des Herstellers
    // Nordvik", "jets from manufacturer Orvex") names the supplier.
    let nominative = &lexicon::lexicon(ctx.lang).nominative_articles;
    let opens_subject = |h: &Hit| {
        let lead: Vec<String> = span::cut(ctx.text, from, h.start)
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        lead.is_empty()
            || lead.iter().rev().take(2).any(|w| nominative.contains(w))
            || no_cue_but_determiners(ctx, from, h.start)
    };
    let buys =
        |h: &Hit, n: &Name| opens_subject(h) && subject.is_some_and(|s| s.canonical == n.canonical);
    // Said of the very thing bought, the description outweighs a side read from elsewhere.
    if let Some((_, n)) = maker.filter(|(h, n)| !buys(h, n)) {
        *provider = Some(n.canonical.clone());
        push_party(parties, n);
    }
}

/// How far a subject may stand from its verb or the deal word, in words.
const SUBJECT_WINDOW: usize = 7;

/// Words between a name and the verb; another entity's name and an amount ("knapp 1,1 Mrd. €")
/// count as one word each, a relative clause after the name as none.
fn words_between(ctx: &Ctx, from: usize, to: usize) -> usize {
    let st = ctx.text;
    let from = past_brackets(st, after_relative_clause(ctx, from, to), to);
    let mut n = span::cut(st, from, to).split_whitespace().count();
    let units = ctx
        .ents
        .iter()
        .map(|e| (e.start, e.end))
        .chain(ctx.amounts.iter().map(|x| (x.start, x.end)));
    for (s, e) in units.filter(|&(s, e)| s >= from && e <= to) {
        n = n + 1 - span::cut(st, s, e).split_whitespace().count().min(n);
    }
    n
}

/// "Ngân hàng Kestrel (KBank) giữ chức năng …", "Orvex Energy (OE) said …": a short part in
/// brackets right after a name (its abbreviation, its country) belongs to the name; where it
/// ends (or `from` where none follows before `to`).
pub(super) fn past_brackets(st: &str, from: usize, to: usize) -> usize {
    let gap = span::cut(st, from, to);
    let Some(inner) = gap.trim_start().strip_prefix('(') else {
        return from;
    };
    match inner.find(')') {
        Some(i) if inner[..i].split_whitespace().count() <= 3 => {
            from + (gap.len() - inner.len()) + i + 1
        }
        _ => from,
    }
}

/// "A consortium led by Kestrel Capital bought …", "Ein Konsortium unter Führung von Kestrel
/// übernimmt …", "Liên danh do Kestrel đứng đầu đã mua lại …": the leader named right after the
/// language's `led_by` words (and closed by one of its `led_by_close` words, past a bracket, where
/// the language has them) within `from..to`, with no verb before those words: the group it leads
/// opens the clause, and the leader speaks for it. Not "a round led by Orvex Ventures" after the
/// deal word: that "by" names the investor. The leader, and where the words before it end.
fn group_leader(ctx: &Ctx, from: usize, to: usize) -> Option<(Name, usize)> {
    let lex = lexicon::lexicon(ctx.lang);
    let seen = ctx
        .led_by_seen
        .get_or_init(|| lex.led_by.iter().any(|p| ctx.lower.contains(p.as_str())));
    if !seen {
        return None;
    }
    let clause = span::cut(ctx.text, from, to);
    // Lower-cased once; a clause whose case folding changes its length (rare letters) is read
    // as written.
    let lower = ctx.lower_slice(clause);
    let lower = if lower.len() == clause.len() {
        lower
    } else {
        std::borrow::Cow::Borrowed(clause)
    };
    for (i, p) in lex.led_by_in(&lower) {
        let at = from + i;
        let verb_before = ctx.hits.iter().any(|h| {
            h.start >= from
                && h.end <= at
                && h.has(|r| matches!(r, Role::Status(_) | Role::Receive | Role::BuyerVerb))
        });
        if verb_before {
            return None;
        }
        let Some(n) = ctx.read_name(at + p.len(), to) else {
            continue;
        };
        if !lex.led_by_close.is_empty() {
            let after = past_brackets(ctx.text, n.end, to);
            let rest = span::cut(ctx.text, after, to).trim_start().to_lowercase();
            if !lex
                .led_by_close
                .iter()
                .any(|c| rest.starts_with(c.as_str()))
            {
                continue;
            }
        }
        return Some((n, at + p.len()));
    }
    None
}

/// Known entities within a few words before the trigger, in the same clause; else a name that
/// opens the clause ("Nordmar Airlines hat … bestellt").
fn subject_of(ctx: &Ctx, a: &Anchor, pre_start: usize) -> Vec<Name> {
    let st = ctx.text;
    let clause_start = last_clause_mark(span::cut(st, pre_start, a.start))
        .map_or(pre_start, |i| pre_start + i + 1);
    let clause_start = coordinated_clause(ctx, a, clause_start).unwrap_or(clause_start);
    let clause_start = reported_clause(ctx, clause_start, a.start).unwrap_or(clause_start);
    let clause_start = after_first_clause(ctx, clause_start, a.start).unwrap_or(clause_start);
    // The subject stands before the clause's first verb ("Bộ Y tế tiếp nhận … do Nhật Bản viện
    // trợ"), or before the trigger.
    let verb = ctx
        .hits
        .iter()
        .filter(|h| h.start >= clause_start && h.end <= a.start)
        .find(|h| h.has(|r| matches!(r, Role::Status(_) | Role::Receive)))
        .map_or(a.start, |h| h.start);
    if let Some((leader, _)) = group_leader(ctx, clause_start, verb) {
        return vec![leader];
    }
    let object = object_after_auxiliary(ctx, clause_start, a.start);
    let no_object = |found: &mut Vec<Name>| found.retain(|n| Some(n.start) != object);
    let mut found = known_subjects(ctx, a, clause_start, verb, true);
    no_object(&mut found);
    if found.is_empty() {
        found.extend(group_before_verb(ctx, clause_start, verb));
        no_object(&mut found);
    }
    if found.is_empty() {
        let mut opening = opening_subject(ctx, a, clause_start, verb);
        no_object(&mut opening);
        if !opening.is_empty() {
            return opening;
        }
        // "Im Einzelnen wurden 40 Airbus A220 bestellt": with no other name before the verb, the
        // maker of the things counted is what the clause has (its side is decided later).
        found = known_subjects(ctx, a, clause_start, verb, false);
        no_object(&mut found);
    }
    if !found.is_empty() {
        coordinated_before(ctx, &mut found, clause_start);
        coordinated(ctx, &mut found, verb);
        found.truncate(3);
    }
    found
}

/// "Wie Siemens mitteilte, hat die Nordchem AG bei Orvex zwei Turbinen bestellt": where the verb
/// stands second and the clause opens on one of the language's `subordinators`, the main clause
/// starts at its finite verb (an auxiliary, a word of the future or of status) right after the
/// first comma; where it starts.
fn after_first_clause(ctx: &Ctx, clause_start: usize, to: usize) -> Option<usize> {
    let lex = lexicon::lexicon(ctx.lang);
    if !lex.verb_final || lex.subordinators.is_empty() {
        return None;
    }
    let text = span::cut(ctx.text, clause_start, to);
    let first = text.split_whitespace().next()?;
    if !lex.subordinators.iter().any(|w| span::lower_is(first, w)) {
        return None;
    }
    let comma = clause_start + text.find(',')?;
    let verb = ctx_skip(ctx.text, comma + 1);
    ctx.hits_at(verb)
        .any(|h| h.has(|r| matches!(r, Role::Auxiliary | Role::Future | Role::Status(_))))
        .then_some(comma + 1)
}

/// "Orvex said Kestrel Air had ordered 20 jets", "Orvex said on Tuesday that Kestrel Air …",
/// "Orvex cho biết Công ty Kestrel đã ký …": a verb that reports a clause (the language's
/// `reporting_verbs`) with a name after it, past at most four of the language's stop words (a
/// day, "that") and an article, opens the clause whose subject is that name; where that clause
/// starts.
fn reported_clause(ctx: &Ctx, clause_start: usize, to: usize) -> Option<usize> {
    let st = ctx.text;
    let k = ctx.hits.partition_point(|h| h.start < clause_start);
    let verb = ctx.hits[k..]
        .iter()
        .take_while(|h| h.end <= to)
        .filter(|h| h.has(|r| *r == Role::Reporting))
        .last()?;
    let mut at = verb.end;
    for _ in 0..4 {
        let word = ctx_skip(st, at);
        let stop = ctx.hits.iter().find(|h| {
            h.start == word && h.has(|r| *r == Role::Stop) && !h.has(|r| *r == Role::Determiner)
        });
        match stop {
            Some(h) if h.end <= to => at = h.end,
            _ => break,
        }
    }
    let n = ctx.read_name(at, to)?;
    only_articles_between(ctx, at, n.start).then_some(at)
}

/// The known entities of the clause (from `clause_start`) before the deal word `a` that stand
/// close enough to the clause's verb (at `verb`) or to the deal word to be its subject, or that
/// open a clause whose participle comes last; not a place or a name after a preposition.
///
/// With `skip_counted`, not a maker named right after a count ([`counted_maker`]).
fn known_subjects(
    ctx: &Ctx,
    a: &Anchor,
    clause_start: usize,
    verb: usize,
    skip_counted: bool,
) -> Vec<Name> {
    let st = ctx.text;
    let mut found: Vec<Name> = Vec::new();
    // Whether each name found stands in a phrase fronted before the clause.
    let mut in_front: Vec<bool> = Vec::new();
    // Where the last entity after a preposition ended.
    let mut object_end: Option<usize> = None;
    // "Lindmark, khi đó là công ty con của Orvex, chuyển nhượng …": a name inside a description
    // or relative clause set off by commas describes another; it is no subject.
    let asides: Vec<(usize, usize)> = span::cut(st, clause_start, a.start)
        .match_indices(',')
        .map(|(i, _)| clause_start + i)
        .filter_map(|from| {
            let close = after_relative_clause(ctx, from, a.start);
            (close > from).then_some((from, close))
        })
        .collect();
    let members = later_members(ctx, clause_start, a.start).map(|m| (m.dash, m.end));
    for e in ctx.ents.iter().filter(|e| {
        e.start >= clause_start
            && e.end <= a.start
            && !asides.iter().any(|&(s, c)| s < e.start && e.end <= c)
            && !members.is_some_and(|(s, end)| e.start > s && e.end <= end)
    }) {
        // "tại Hoa Kỳ", "in Germany": a place, not a party.
        // … nor is the possessor in "đối tác của Hoa Kỳ" or a name after any other preposition.
        let place = ctx.hits.iter().any(|h| {
            // "… gewann eine Ausschreibung für Ägypten": where the verb ends the clause, a
            // purpose word inside it; not one that opens it ("Für Brasilien ist …"), nor in a
            // language whose subject stands first ("another 82 for Turkish Airlines" names the
            // buyer of a clause left without its verb).
            let purpose_inside = lexicon::lexicon(ctx.lang).verb_final
                && h.has(|r| *r == Role::Purpose)
                && h.start > clause_start
                && !span::cut(st, clause_start, h.start).trim().is_empty();
            // "von der Commerzbank": past an article too; a purpose word only right before the
            // name ("für die Bundesregierung zusagen" speaks for it).
            let preposition = h.has(|r| {
                matches!(
                    r,
                    Role::Locative | Role::Of | Role::To | Role::From | Role::With
                )
            });
            h.end <= e.start
                && ((preposition && only_articles_between(ctx, h.end, e.start))
                    || ((purpose_inside || preposition)
                        && span::cut(st, h.end, e.start).trim().is_empty()))
        });
        // "bei ATR und Embraer bestellt": a name joined to one after a preposition is that
        // preposition's too.
        let place = place || object_end.is_some_and(|end| joined_object(ctx, end, e.start));
        if place {
            object_end = Some(e.end);
        }
        let before_verb = e.end <= verb && words_between(ctx, e.end, verb) <= SUBJECT_WINDOW;
        // Where the participle comes last, the clause's first name is its subject however far
        // the verb ("Das Ministerium hat bei Rheinmetall 200 Radpanzer … bestellt").
        let opens_clause = lexicon::lexicon(ctx.lang).verb_final
            && span::cut(st, clause_start, e.start)
                .split_whitespace()
                .count()
                <= 1;
        let fronted = in_fronted_phrase(ctx, clause_start, e.end, a.start);
        let maker_of_goods = skip_counted && counted_maker(ctx, e);
        if !place
            && !maker_of_goods
            && (e.entity.kind == Kind::Country || !fronted)
            && (before_verb || opens_clause || words_between(ctx, e.end, a.start) <= SUBJECT_WINDOW)
        {
            // "Peru-based Quillcorp", "Chile's Andes Cargo": the name the country qualifies.
            let qualified = ctx.name_qualified_by(e, a.start);
            found.push(qualified.unwrap_or_else(|| entity_name(e)));
            in_front.push(fronted);
        }
    }
    country_in_front_yields(found, &in_front)
}

/// "Das Entwicklungsministerium hat Kenia 50 Millionen Euro an Hilfen zugesagt": money given
/// to the object after the auxiliary ([`object_after_auxiliary`]) goes to it.
fn given_to_the_object(ctx: &Ctx, a: &Anchor, pre_start: usize) -> Option<Name> {
    let clause_start = last_clause_mark(span::cut(ctx.text, pre_start, a.start))
        .map_or(pre_start, |i| pre_start + i + 1);
    let at = object_after_auxiliary(ctx, clause_start, a.start)?;
    ctx.read_name(at, a.start).filter(|n| n.start == at)
}

/// "Das Ministerium hat Kenia 50 Millionen Euro zugesagt": where the verb ends the clause and the
/// clause opens on a noun phrase (one of the language's `subject_articles`, then at most three
/// words) before an auxiliary in second place, that phrase is the subject, and a name right after
/// the auxiliary is an object (whom it was given to), no subject. Not "Am Montag hat Kenia …",
/// which opens on a preposition. Where that name starts.
fn object_after_auxiliary(ctx: &Ctx, clause_start: usize, to: usize) -> Option<usize> {
    let lex = lexicon::lexicon(ctx.lang);
    if !lex.verb_final || lex.subject_articles.is_empty() {
        return None;
    }
    let first = span::ctx_skip(ctx.text, clause_start);
    let k = ctx.hits.partition_point(|h| h.start < first);
    let opens_on_article = ctx.hits[k..]
        .iter()
        .take_while(|h| h.start == first)
        .any(|h| {
            h.has(|r| *r == Role::Determiner)
                && lex
                    .subject_articles
                    .iter()
                    .any(|w| span::lower_is(span::cut(ctx.text, h.start, h.end), w))
        });
    if !opens_on_article {
        return None;
    }
    let aux = ctx.hits[k..]
        .iter()
        .take_while(|h| h.start < to)
        .find(|h| h.has(|r| *r == Role::Auxiliary))?;
    let phrase = span::cut(ctx.text, first, aux.start);
    let words = phrase.split_whitespace().count();
    ((2..=4).contains(&words) && !phrase.contains([',', ';', ':']))
        .then(|| span::ctx_skip(ctx.text, aux.end))
}

/// "Aerovia hat 20 Airbus A321neo bestellt", "đã đặt mua 20 Boeing 787": a name right after a
/// count (digits or a number word) names the maker of the things counted, which is never the
/// clause's subject, however near the verb.
fn counted_maker(ctx: &Ctx, e: &EntityHit) -> bool {
    let Some(word) = span::before(ctx.text, e.start)
        .split_whitespace()
        .next_back()
    else {
        return false;
    };
    if word.chars().any(|c| c.is_ascii_digit()) {
        return word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '\''));
    }
    // A number word is read (a lexicon scan of its own) only before a maker: this runs for every
    // name before a deal word.
    e.entity.kind == Kind::Manufacturer
        && word.chars().all(char::is_alphabetic)
        && crate::amount::parse_number_word(word, ctx.lang)
            .is_some_and(|n| n > rust_decimal::Decimal::ONE)
}

/// "von der Commerzbank", "from the Orvex Group": nothing but spaces and the language's
/// determiners (an article) stand in `from..to`, so a preposition before them governs the name
/// after them.
fn only_articles_between(ctx: &Ctx, from: usize, to: usize) -> bool {
    if span::cut(ctx.text, from, to).trim().is_empty() {
        return true;
    }
    let mut p = from;
    // The hits are in text order: only those from `from` on are looked at.
    let k = ctx.hits.partition_point(|h| h.start < from);
    for h in ctx.hits[k..]
        .iter()
        .take_while(|h| h.start < to)
        .filter(|h| h.end <= to)
    {
        if !h.has(|r| *r == Role::Determiner) || !span::cut(ctx.text, p, h.start).trim().is_empty()
        {
            return false;
        }
        p = h.end;
    }
    span::cut(ctx.text, p, to).trim().is_empty()
}

/// "Liên danh nhà thầu Kestrel – Tổng công ty Orvex (ORV) ký …": a name after a word for a group
/// of companies (`group_words`) and a dash, with no comma between, is a later member of the
/// group, which its first member (the leader) speaks for: no subject of its own. Where such
/// members stand in the clause `from..to` (from the dash to the next comma), found once per
/// clause.
fn later_members(ctx: &Ctx, from: usize, to: usize) -> Option<Members> {
    let lex = lexicon::lexicon(ctx.lang);
    if lex.group_words.is_empty() {
        return None;
    }
    let clause = span::cut(ctx.text, from, to);
    // Most clauses have no dash at all: one scan for its characters before the searches.
    if !clause.contains(['-', '–']) {
        return None;
    }
    let dash = super::names::MEMBER_DASHES
        .iter()
        .filter_map(|d| clause.find(d))
        .min()?;
    let lower = ctx.lower_slice(&clause[..dash]);
    // Positions in the lower-cased text are the text's where folding keeps its length.
    if lower.len() != dash {
        return None;
    }
    // The last group word before the dash, the longest where several start there ("liên danh
    // nhà thầu" over "liên danh").
    let (group, word) = lex
        .group_words
        .iter()
        .filter_map(|w| lower.rfind(w.as_str()).map(|i| (i, w.len())))
        .max()?;
    if clause[group..dash].contains([',', ';']) {
        return None;
    }
    let end = clause[dash..]
        .find([',', ';'])
        .map_or(clause.len(), |i| dash + i);
    Some(Members {
        first: from + group + word,
        dash: from + dash,
        end: from + end,
    })
}

/// Where a group's members stand ([`later_members`]): its first member (the leader) from
/// `first` up to the `dash`, the later ones from there to `end`.
struct Members {
    first: usize,
    dash: usize,
    end: usize,
}

/// "Under a programme of Norland, Kestrel Aid will give …": a country in a fronted phrase is
/// what the clause is about only where no subject follows the phrase ("In the case of Norland,
/// the loans will …"); a name after the phrase's comma is the subject.
fn country_in_front_yields(found: Vec<Name>, in_front: &[bool]) -> Vec<Name> {
    if in_front.iter().all(|&f| f) || !in_front.iter().any(|&f| f) {
        return found;
    }
    found
        .into_iter()
        .zip(in_front)
        .filter(|(_, f)| !**f)
        .map(|(n, _)| n)
        .collect()
}

/// "bei ATR und Embraer bestellt", "from Kestrel and Orvex": a known name right after a
/// preposition ends at `pos` (past spaces), so a conjunction there joins a second name to it,
/// no clause.
fn after_prepositional_name(ctx: &Ctx, pos: usize) -> bool {
    let end = span::before(ctx.text, pos).trim_end().len();
    ctx.ents
        .iter()
        .any(|e| e.end == end && after_preposition(ctx, e.start))
}

/// A preposition (of place, "of", "from", "with", "to") ends right before `pos`.
fn after_preposition(ctx: &Ctx, pos: usize) -> bool {
    ctx.hits.iter().any(|h| {
        h.end <= pos
            && span::cut(ctx.text, h.end, pos).trim().is_empty()
            && h.has(|r| {
                matches!(
                    r,
                    Role::Locative | Role::Of | Role::From | Role::With | Role::To
                )
            })
    })
}

/// "bei ATR und dessen Rivalen Embraer bestellen": `second` is joined by a conjunction to
/// `first`, a name after a preposition, so the two stand on one side of the deal.
pub(super) fn joined_to_an_object(ctx: &Ctx, first: &Name, second: &Name) -> bool {
    first.end <= second.start
        && after_preposition(ctx, first.start)
        && joined_object(ctx, first.end, second.start)
}

/// "bei ATR und dessen Rivalen Embraer", "from Kestrel and Orvex": between the end of a name
/// after a preposition (`from`) and the next name (at `to`) stands a conjunction of the language
/// and at most three more words, none a verb or a clause mark: the next name is joined to it.
fn joined_object(ctx: &Ctx, from: usize, to: usize) -> bool {
    let gap = span::cut(ctx.text, from, to);
    if gap.contains(['.', ';', ':', ',']) || gap.split_whitespace().count() > 4 {
        return false;
    }
    let at = span::ctx_skip(ctx.text, from);
    ctx.hits
        .iter()
        .any(|h| h.start == at && h.has(|r| *r == Role::BetweenJoin))
        && !ctx.hits.iter().any(|h| {
            h.start > at && h.end <= to && h.has(|r| matches!(r, Role::Status(_) | Role::Receive))
        })
}

/// Where no known entity is the subject: the name that opens the clause (past its head and
/// description), the name after a fronted phrase, or the name after a second-place verb; close
/// enough to the deal word.
fn opening_subject(ctx: &Ctx, a: &Anchor, clause_start: usize, verb: usize) -> Vec<Name> {
    let st = ctx.text;
    // A phrase is fronted only where a sentence or clause opens, not after an earlier deal in the
    // same clause ("an order with A for ten ships and a further order …" has no fronted "with A").
    let opens = span::cut(st, 0, clause_start)
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, ',' | ';' | ':'));
    let opening = ctx.read_name(clause_start, a.start);
    // "Ngân hàng Kestrel sẽ chi 30 tỷ yen (200 triệu USD) để mua …": a name that opens the clause
    // (past its head and description: "Tập đoàn thực phẩm lớn nhất Indonesia Sari Rasa") is its
    // subject a little further from the verb too.
    let opens_clause = opening.as_ref().is_some_and(|n| {
        let lead = span::cut(st, clause_start, n.start);
        // Only articles before it, where the verb ends the clause: "Die Nordwerk AG soll …".
        let articles = ctx.hits.iter().filter(|h| {
            h.start >= clause_start && h.end <= n.start && h.has(|r| *r == Role::Determiner)
        });
        // "Shares of Kestrel Imaging …": a common noun said of the name, and its connector.
        let said_of = lexicon::lexicon(ctx.lang)
            .of_a_name
            .iter()
            .any(|p| lead.trim() == p);
        let articles = articles.count();
        lead.split_whitespace().count() == 0
            || said_of
            || (lexicon::lexicon(ctx.lang).verb_final
                && articles > 0
                && described_after_article(lead, articles))
            || {
                // "Tập đoàn Kestrel …", "Die Reederei Kestrel hat … bestellt": an
                // organisation's head opens it, past an article.
                let mut at = clause_start + (lead.len() - lead.trim_start().len());
                if let Some(d) = ctx
                    .hits_at(at)
                    .find(|h| h.end <= n.start && h.has(|r| *r == Role::Determiner))
                {
                    at = ctx_skip(st, d.end);
                }
                ctx.hits
                    .iter()
                    .any(|h| h.start == at && h.org_head().is_some())
            }
    });
    // "Im Mai hat die Kestrel Group 35 Prozent an der Nordchem AG für 240 Millionen Euro
    // gekauft": the name right after a second-place verb is the subject however long the middle
    // of the clause before the final verb runs.
    let mut after_second_verb = false;
    let Some(n) = opening
        .or_else(|| {
            opens
                .then(|| name_after_fronted_phrase(ctx, clause_start, a.start, SUBJECT_WINDOW))
                .flatten()
        })
        .or_else(|| {
            let n = subject_after_second_verb(ctx, clause_start, a.start);
            after_second_verb = n.is_some();
            n
        })
        .or_else(|| subject_after_short_lead(ctx, clause_start, a.start))
    else {
        return Vec::new();
    };
    let between = words_between(ctx, ctx.past_adverb_aside(n.end), a.start);
    // A name that opens the clause right after a fronted phrase's comma is its subject a little
    // further from the verb too ("Cuối năm 2023, Orvex Land thông qua một công ty con là Lindmark
    // đã chuyển nhượng …").
    let opens_clause = opens_clause
        || (span::cut(st, clause_start, n.start)
            .trim_end()
            .ends_with(',')
            && org_like(ctx, &n));
    if between <= SUBJECT_WINDOW
        || (opens_clause && between <= 2 * SUBJECT_WINDOW)
        || after_second_verb
    {
        // "Am Freitag unterzeichneten die Nordchem AG und die Kestrel GmbH …": a subject read
        // after a second-place verb is joined to names up to the deal word, not to the verb.
        let limit = if n.start >= verb { a.start } else { verb };
        let mut found = vec![n];
        coordinated(ctx, &mut found, limit);
        found
    } else {
        Vec::new()
    }
}

/// "Die Nordwerk AG soll …", "Der Stahlkonzern Kestrel hat …", "Der Münchner Chemiekonzern
/// Kestrel hat …": where the verb ends the clause, what stands before the name that opens it is
/// its articles, and at most two words that describe it, the last a noun (capitalised).
fn described_after_article(lead: &str, articles: usize) -> bool {
    let words = lead.split_whitespace().count();
    words == articles
        || (words <= articles + 2
            && lead.split_whitespace().next_back().is_some_and(|w| {
                w.chars().all(char::is_alphabetic) && w.starts_with(char::is_uppercase)
            }))
}

/// "Today the Kestrel Agency signed …", "The day saw the Kestrel Agency signing …": a name after
/// an article, at most three words into its clause and after no preposition, right before a
/// verb that makes a deal (past the language's adverbs, also one set off by commas: ", too,")
/// is the subject the words before it only led to.
fn subject_after_short_lead(ctx: &Ctx, clause_start: usize, to: usize) -> Option<Name> {
    ctx.hits
        .iter()
        .filter(|h| h.start >= clause_start && h.end < to && h.has(|r| *r == Role::Determiner))
        .take_while(|h| {
            span::cut(ctx.text, clause_start, h.start)
                .split_whitespace()
                .count()
                <= 3
        })
        .filter(|h| h.start > clause_start && !after_preposition(ctx, h.start))
        .find_map(|h| {
            let n = ctx.read_name(h.end, to)?;
            (n.start == span::ctx_skip(ctx.text, h.end)
                && n.kind != Some(Kind::Country)
                && ctx.before_deal_verb(n.end))
            .then_some(n)
        })
}

/// "Sweden gave $40 million, Austria $12 million and Finland promised a grant of $9 million":
/// after a clause with a verb of its own, a comma or a conjunction, then a name right before a
/// verb (at most one word between: "will"), opens a clause of its own whose subject is that name. Where it opens, if it does before the anchor `a`. Not "Kestrel and Orvex signed …":
/// no verb stands before the conjunction there, the two names are one subject; nor "… said talks
/// between Kestrel and Orvex reached a deal": the conjunction of a pair joins no clauses.
fn coordinated_clause(ctx: &Ctx, a: &Anchor, clause_start: usize) -> Option<usize> {
    let st = ctx.text;
    let verb = |h: &Hit| {
        h.has(|r| {
            matches!(
                r,
                Role::Status(_)
                    | Role::BuyerVerb
                    | Role::SellerVerb
                    | Role::Receive
                    | Role::Award
                    | Role::Payment
                    | Role::Future
                    | Role::Auxiliary
                    | Role::Trigger {
                        class: Class::Action,
                        ..
                    }
            )
        })
    };
    // "… between A and B reached …": the conjunction of a pair joins no clauses.
    let pair = |to: usize| {
        ctx.hits.iter().any(|h| {
            h.has(|r| matches!(r, Role::BetweenOpen | Role::With))
                && h.start >= clause_start
                && h.end <= to
        })
    };
    // Where a clause may open: right after a comma or a conjunction.
    let commas = span::cut(st, clause_start, a.start)
        .match_indices(',')
        .map(|(i, _)| clause_start + i + 1);
    let joins = ctx
        .hits
        .iter()
        .filter(|h| {
            h.start >= clause_start
                && h.end <= a.start
                && h.has(|r| *r == Role::BetweenJoin)
                && !after_prepositional_name(ctx, h.start)
        })
        .map(|h| h.end);
    let mut opens: Vec<usize> = commas.chain(joins).collect();
    opens.sort_unstable();
    opens
        .into_iter()
        .rev()
        .find(|&at| {
            // The earlier clause's verb may stand before its own deal word, so before
            // `clause_start` ("Kestrel Rail hat einen Bond platziert, Nordmar hat …").
            let verb_before = ctx.hits.iter().any(|h| h.end < at && verb(h));
            if !verb_before || pair(at) {
                return false;
            }
            let at = past_clause_conjunction(ctx, span::ctx_skip(st, at));
            // The name opens the clause, after an article at most ("…, die Nordmar AG hat …").
            // (Past a word that qualifies the name: "…, while Nordmar-backed Kestrel Media …".)
            let qualified = |n: &Name| {
                let word = span::cut(st, at, n.start).trim();
                !word.contains(char::is_whitespace) && {
                    let word = ctx.lower_slice(word);
                    lexicon::lexicon(ctx.lang)
                        .qualifying_suffixes
                        .iter()
                        .any(|s| word.ends_with(s.as_str()))
                }
            };
            let opens_at = |n: &Name| {
                n.start == at
                    || qualified(n)
                    || ctx.hits.iter().any(|h| {
                        h.start == at
                            && h.has(|r| *r == Role::Determiner)
                            && span::cut(st, h.end, n.start).trim().is_empty()
                    })
            };
            let Some(n) = ctx.read_name(at, a.start).filter(opens_at) else {
                return false;
            };
            ctx.hits.iter().any(|h| {
                h.start >= n.end
                    && h.end <= a.end
                    && verb(h)
                    && span::cut(st, n.end, h.start).split_whitespace().count() <= 1
            })
        })
        .map(|at| past_clause_conjunction(ctx, span::ctx_skip(st, at)))
}

/// "…, while Kestrel Media won …", "…, trong khi Kestrel …": past a conjunction of the language
/// that opens a clause of its own (`clause_conjunctions`) at `at`, where the clause's subject
/// stands; `at` where none does.
fn past_clause_conjunction(ctx: &Ctx, at: usize) -> usize {
    let rest = ctx.lower_slice(span::head(span::after(ctx.text, at), 24));
    lexicon::lexicon(ctx.lang)
        .clause_conjunctions
        .iter()
        .find(|c| {
            rest.strip_prefix(c.as_str())
                .is_some_and(|r| r.starts_with(char::is_whitespace))
        })
        .map_or(at, |c| span::ctx_skip(ctx.text, at + c.len()))
}

/// Where the last ';' or ':' of `s` stands that closes a clause: not one inside parentheses
/// ("Kestrel Holdings (NYSE: KST) agreed …" is one clause).
fn last_clause_mark(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut last = None;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ';' | ':' if depth == 0 => last = Some(i),
            _ => {}
        }
    }
    last
}

/// "das Konsortium Orvex", "liên danh nhà thầu Orvex": a word for a group of companies
/// (`group_words`) stands right before the name.
fn named_as_group(ctx: &Ctx, name: &Name) -> bool {
    let before = span::cut(ctx.text, 0, name.start).trim_end();
    let tail = ctx.lower_slice(span::tail(before, 48));
    lexicon::lexicon(ctx.lang).group_words.iter().any(|w| {
        tail.strip_suffix(w.as_str())
            .is_some_and(|r| r.chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// "Liên danh nhà thầu Orvex – Sông Lam ký hợp đồng với Công ty Điện lực Sao Mai", "the consortium Orvex signed the
/// contract with the ministry": a group of companies formed for a contract, the subject of a
/// purchase or a contract no verb gave a side (no buying, selling, receiving or awarding),
/// supplies it; the party read as the supplier is its client. (A memorandum of a group is
/// cooperation: no sides.)
fn group_supplies(ctx: &Ctx, ty: DealType, verbs: &Verbs, subjects: &[Name], r: &mut Sides) {
    let contract = matches!(ty, DealType::Purchase | DealType::Agreement);
    if !contract || verbs.tells_a_side() {
        return;
    }
    // The group among the clause's subjects ("A và Liên danh X – Y ký …").
    let Some(s) = subjects.iter().find(|s| named_as_group(ctx, s)) else {
        return;
    };
    if r.recipient.as_deref() == Some(s.canonical.as_str()) {
        std::mem::swap(&mut r.provider, &mut r.recipient);
    } else if r.provider.is_none() && r.recipient.is_none() {
        let others: Vec<&Name> = r
            .parties
            .iter()
            .filter(|p| p.canonical != s.canonical)
            .collect();
        if let [client] = others[..] {
            r.recipient = Some(client.canonical.clone());
            r.provider = Some(s.canonical.clone());
        }
    }
}

/// "das Konsortium Orvex aus Kestrel und der französischen Nordmar", "liên danh Sao Mai gồm
/// Kestrel và Orvex", "the consortium Orvex, made up of Kestrel and Nordmar": after a name that a
/// word for a group of companies (`group_words`) stands right before, a word that opens its
/// members (`members_follow`) and the names joined after it describe the group. Where the last
/// of those names ends.
fn members_of_a_group(ctx: &Ctx, group: &Name, limit: usize) -> Option<usize> {
    let lex = lexicon::lexicon(ctx.lang);
    if lex.members_follow.is_empty() {
        return None;
    }
    let st = ctx.text;
    if !named_as_group(ctx, group) {
        return None;
    }
    let rest = span::cut(st, group.end, limit);
    let lead = rest.len() - rest.trim_start_matches([' ', ',']).len();
    let head = ctx.lower_slice(span::head(&rest[lead..], 32));
    let word = lex.members_follow.iter().filter(|w| {
        head.strip_prefix(w.as_str())
            .is_some_and(|r| r.starts_with(' '))
    });
    let word = word.max_by_key(|w| w.len())?;
    let mut found = vec![ctx.read_name(group.end + lead + word.len(), limit)?];
    coordinated(ctx, &mut found, limit);
    found.iter().map(|n| n.end).max()
}

/// "Nordfunk, die zum ersten Mal mitgeboten hatte, legte …", "Kestrel, which had never bid
/// before, paid …": a relative clause set off by commas right after a name stands between the
/// subject and its verb; the words are counted from its closing comma. A short aside between a
/// pair of dashes ("Orvex Engines - a venture of Kestrel and Nordmar - signed") stands there
/// whatever it says. Returns where it closes, or `from` where none follows.
pub(super) fn after_relative_clause(ctx: &Ctx, from: usize, to: usize) -> usize {
    let gap = span::cut(ctx.text, from, to);
    let trimmed = gap.trim_start();
    // "Kestrel — which Nordmar co-founded — raised …": dashes set a clause off as commas do.
    let Some((rest, close)) = [(",", ","), ("—", "—"), ("–", "–"), ("- ", " -")]
        .iter()
        .find_map(|&(open, close)| trimmed.strip_prefix(open).map(|r| (r, close)))
    else {
        return from;
    };
    let opened = from + (gap.len() - rest.len());
    // "Orvex Engines - a venture of Kestrel and Nordmar - signed …": between a pair of dashes
    // after a name, whatever it says is set off; after a comma, only a relative clause or a
    // description opened by a word of apposition.
    let dashed = close != ",";
    let lex = lexicon::lexicon(ctx.lang);
    let first = || ctx.lower_slice(rest.split_whitespace().next().unwrap_or(""));
    // "Kestrel, then a unit of Orvex, sold …", "Kestrel, khi đó là công ty con của Orvex, …": a
    // description opened by a word of apposition is set off as a relative clause is.
    let phrase = ctx.lower_slice(span::head(rest.trim_start(), 40));
    let apposition = lex.apposition_openers.iter().any(|o| {
        span::strip_prefix_bytes(&phrase, o).is_some_and(|r| r.starts_with(char::is_whitespace))
    });
    if !dashed && !apposition && {
        let first = first();
        !lex.relative_pronouns.iter().any(|p| *p == first)
    } {
        return from;
    }
    let Some(i) = rest.find(close) else {
        return from;
    };
    // A dash pair holds a short aside, not the rest of a sentence.
    if dashed && rest[..i].split_whitespace().count() > 12 {
        return from;
    }
    opened + i + close.len()
}

/// "On Monday Kestrel Air ordered …", "Under the deal, Kestrel Bank will lend …": a clause that
/// opens with a phrase of time or manner has its subject after it; the first name, read from a
/// later word of the clause, that ends within `window` words of the verb.
fn name_after_fronted_phrase(ctx: &Ctx, from: usize, to: usize, window: usize) -> Option<Name> {
    let st = ctx.text;
    let mut pos = from;
    while pos < to {
        let next = span::cut(st, pos, to)
            .find(char::is_whitespace)
            .map(|i| pos + i)?;
        pos = ctx_skip(st, next);
        if pos >= to {
            return None;
        }
        if let Some(n) = ctx.read_name(pos, to) {
            // Up to where the name was read from: "Japan-based" or "the" before it are the
            // name's own words, not the fronted phrase's.
            let fronted = span::cut(st, from, pos).trim();
            let first = fronted
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase();
            let opens_phrase = fronted.ends_with(',')
                || (fronted.split_whitespace().count() <= 4
                    && lexicon::lexicon(ctx.lang).fronting.contains(&first));
            // "2 Milliarden Euro", "2.480.500 triệu VND": a currency after a number is no name
            // (a comma after the number closes it: "Năm 2021, Tập đoàn Kestrel …").
            let after_number = !fronted.ends_with(',')
                && fronted
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
            // "After backing the Harbour Fund, Kestrel Capital agreed …", "Under its
            // deal with Airbus, Kestrel …": a name inside a phrase that a fronting word opened,
            // before the comma that closes it, is the phrase's; the subject comes after that comma.
            if let Some(comma) = closes_later(ctx, &first, fronted, span::cut(st, n.end, to)) {
                pos = n.end + comma;
                continue;
            }
            // (One right after the phrase's comma may stand further: see `opening_subject`.)
            let window = if fronted.ends_with(',') && org_like(ctx, &n) {
                2 * window
            } else {
                window
            };
            if opens_phrase && !after_number && words_between(ctx, n.end, to) <= window {
                return Some(n);
            }
            return None;
        }
    }
    None
}

/// "Under the deal with Orvex, Kestrel will buy …", "After backing the Harbour Fund, Kestrel
/// Capital agreed …": a name in a phrase that a fronting word of the language opens
/// at `clause_start`, closed by a comma between the name (ending at `end`) and the deal word (at
/// `to`), is the phrase's, not the clause's subject. (A country there is what the clause is
/// about: "In the case of Norland, the loans will …" are Norland's; see `known_subjects`.)
fn in_fronted_phrase(ctx: &Ctx, clause_start: usize, end: usize, to: usize) -> bool {
    let opening = span::cut(ctx.text, clause_start, end);
    let first = opening
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    closes_later(ctx, &first, opening, span::cut(ctx.text, end, to)).is_some()
}

/// Where a fronted phrase opened by a fronting word of the language (`fronting`) and not yet
/// closed goes on past a name: the offset in `rest` (the text after that name) of the comma that
/// closes it.
fn closes_later(ctx: &Ctx, first: &str, fronted: &str, rest: &str) -> Option<usize> {
    let lex = lexicon::lexicon(ctx.lang);
    if fronted.contains(',') || !lex.fronting.contains(&first.to_string()) {
        return None;
    }
    let comma = rest.find(',')?;
    // "In the end the operator Nordfunk, which had …": a comma that opens a relative clause on
    // the name closes no phrase; the name is the subject.
    let next = rest[comma + 1..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    (!lex.relative_pronouns.contains(&next)).then_some(comma)
}

/// "Für 2 Milliarden Euro will der Chemiekonzern Nordchem die Kestrel AG übernehmen", "Nach
/// langen Gesprächen hat Nordchem die Kestrel AG gekauft": where the finite verb stands second
/// and the deal verb last, whatever is fronted (a price, a time, a reason) is not the subject;
/// the name right after the finite verb (a modal, an auxiliary, a verb of status) is. Not where
/// a name or a comma stands before that verb: the clause then opened otherwise.
fn subject_after_second_verb(ctx: &Ctx, clause_start: usize, to: usize) -> Option<Name> {
    if !lexicon::lexicon(ctx.lang).verb_final {
        return None;
    }
    let st = ctx.text;
    let verb = ctx
        .hits
        .iter()
        .filter(|h| h.start >= clause_start && h.end <= to)
        .find(|h| h.has(|r| matches!(r, Role::Status(_) | Role::Future | Role::Auxiliary)))?;
    let fronted = span::cut(st, clause_start, verb.start);
    // "Wie das Unternehmen mitteilte, hat die Nordchem AG …": a clause set off by a comma is
    // what stands first; the verb right after its comma opens what follows it.
    let after_clause = if fronted.trim().is_empty() {
        span::before(st, clause_start).trim_end().ends_with(',')
    } else {
        fronted
            .rfind(',')
            .is_some_and(|i| fronted[i + 1..].trim().is_empty())
            && !fronted.contains([';', ':'])
    };
    if !after_clause
        && (fronted.trim().is_empty()
            || fronted.contains([',', ';', ':'])
            || ctx
                .ents
                .iter()
                .any(|e| e.start >= clause_start && e.end <= verb.start))
    {
        return None;
    }
    let n = ctx.read_name(verb.end, to)?;
    (span::cut(st, verb.end, n.start).split_whitespace().count() <= 2).then_some(n)
}

/// Names joined to the subject by "và" / "und" / "and" ("Petrovietnam và ExxonMobil ký …"), also
/// when the lexicon does not know them; a parenthesis may stand between ("Tập đoàn Dầu khí Việt
/// Nam (Petrovietnam) và ExxonMobil"). Reads up to `limit` (the verb), at most three subjects.
fn coordinated(ctx: &Ctx, found: &mut Vec<Name>, limit: usize) {
    let st = ctx.text;
    let gap_ok = |g: &str| {
        let g = g.trim();
        g.is_empty()
            || g == ")"
            || (g.starts_with('(') && g.ends_with(')') && !g[1..].contains('('))
    };
    while found.len() < 3 {
        let Some(last_end) = found.iter().map(|n| n.end).max() else {
            return;
        };
        let Some(join) = ctx.hits.iter().find(|h| {
            h.start >= last_end
                && h.end <= limit
                && h.has(|r| *r == Role::BetweenJoin)
                && gap_ok(span::cut(st, last_end, h.start))
        }) else {
            return;
        };
        let Some(n) = ctx.read_name(join.end, limit) else {
            return;
        };
        if n.end > limit || found.iter().any(|f| f.canonical == n.canonical) {
            return;
        }
        found.push(n);
    }
}

/// "Norland and Vestria jointly buy four corvettes", "Norland và Vestria mua": another party
/// joined to the subject by "and" / "und" / "và" (nothing else between them).
pub(super) fn joined_to(ctx: &Ctx, subject: &Name, parties: &[Name]) -> bool {
    let joins = |from: usize, to: usize| {
        from <= to
            && ctx.hits.iter().any(|h| {
                h.start >= from
                    && h.end <= to
                    && h.has(|r| *r == Role::BetweenJoin)
                    && span::cut(ctx.text, from, h.start).trim().is_empty()
                    && span::cut(ctx.text, h.end, to).trim().is_empty()
            })
    };
    parties.iter().any(|p| {
        p.canonical != subject.canonical
            && (joins(subject.end, p.start) || joins(p.end, subject.start))
    })
}

/// "Liên danh nhà thầu Orvex – Tổng công ty Sông Lam (SLC) đã ký …": a group of companies
/// (`group_words`) whose later members, after a dash, run up to the clause's verb (at `verb`)
/// is the clause's subject, named by its first member, whether or not the lexicon knows it.
fn group_before_verb(ctx: &Ctx, clause_start: usize, verb: usize) -> Option<Name> {
    let m = later_members(ctx, clause_start, verb)?;
    if m.end < verb && !span::cut(ctx.text, m.end, verb).trim().is_empty() {
        return None;
    }
    ctx.read_name(m.first, m.dash)
}

/// "liên danh nhà thầu", "the consortium": the words before a group's first member, which then
/// stands for the group (`group_words`).
fn names_a_group(ctx: &Ctx, gap: &str) -> bool {
    let gap = gap.trim().to_lowercase();
    !gap.is_empty()
        && lexicon::lexicon(ctx.lang)
            .group_words
            .iter()
            .any(|g| g.to_lowercase() == gap)
}

/// "Kestrel Airways and Airbus signed …": a name the lexicon does not know, joined by "and" /
/// "và" / "und" before the first known subject, is a subject too, and the first one.
fn coordinated_before(ctx: &Ctx, found: &mut Vec<Name>, clause_start: usize) {
    let st = ctx.text;
    let Some(first) = found.iter().map(|n| n.start).min() else {
        return;
    };
    // "… und RWE", "… und der Energiekonzern RWE": the known subject right after the join, or
    // after an article and a description.
    let Some(join) = ctx.hits.iter().rev().find(|h| {
        h.end <= first
            && h.start >= clause_start
            && h.has(|r| *r == Role::BetweenJoin)
            && (span::cut(st, h.end, first).trim().is_empty()
                || names_a_group(ctx, span::cut(st, h.end, first))
                || ctx
                    .read_name(h.end, st.len())
                    .is_some_and(|n| n.start == first))
    }) else {
        return;
    };
    // "Công ty Điện lực Sao Mai (SMP), Ban quản lý dự án 4 và …": the names listed before the join,
    // separated by commas, each filling its part (its abbreviation in brackets is part of it).
    let mut starts = vec![clause_start];
    starts.extend(
        span::cut(st, clause_start, join.start)
            .match_indices(',')
            .map(|(i, _)| clause_start + i + 1),
    );
    let mut listed: Vec<Name> = Vec::new();
    // Where the part of the first name listed starts: a phrase of time or place set off by a
    // comma before it is no part of the name's own lead.
    let mut first_part = clause_start;
    for (k, &from) in starts.iter().enumerate() {
        let to = starts.get(k + 1).map_or(join.start, |&next| next - 1);
        let fills = |n: &Name| {
            let rest = span::cut(st, past_brackets(st, n.end, to), to).trim();
            rest.is_empty() || rest == ")"
        };
        let part = span::cut(st, from, to).trim();
        match ctx.read_name(from, to).filter(fills) {
            Some(n) => {
                if listed.is_empty() {
                    first_part = from;
                }
                listed.push(n);
            }
            // A dateline or a phrase of time before the list ("Ngày 9/2, …").
            None if listed.is_empty() => {}
            // A body the reader cannot name ("Ban quản lý dự án 4"): listed, no party.
            None if part.chars().next().is_some_and(char::is_uppercase)
                && part.split_whitespace().count() <= 6 => {}
            None => return,
        }
    }
    let Some(n) = listed.first() else {
        return;
    };
    // It opens the clause: at most a phrase set off by a comma ("Sáng 12/6 tại Hà Nội, …"), an
    // article and a description before it, no verb.
    let lead = span::cut(st, first_part, n.start);
    let opens = lead.split_whitespace().count() <= 4
        && !ctx.hits.iter().any(|h| {
            h.start >= clause_start
                && h.end <= n.start
                && h.has(|r| {
                    matches!(
                        r,
                        Role::Status(_) | Role::BuyerVerb | Role::SellerVerb | Role::Trigger { .. }
                    )
                })
        });
    if !opens {
        return;
    }
    for n in listed.into_iter().rev() {
        if !found.iter().any(|f| f.canonical == n.canonical) {
            found.insert(0, n);
        }
    }
}

/// When a country's own agency is a party, the country is not a second party.
pub(super) fn supersede_countries(parties: &mut Vec<Name>) {
    let agencies: Vec<String> = parties
        .iter()
        .filter(|p| p.kind.is_some_and(|k| k != Kind::Country))
        .filter_map(|p| p.country.clone())
        .collect();
    if parties.len() > 2 {
        parties.retain(|p| !(p.kind == Some(Kind::Country) && agencies.contains(&p.canonical)));
    }
}

/// "an agreement for $2.5 billion in grants and up to $3 billion in loans for Kestrel Motors":
/// two amounts joined by a conjunction (the first's noun before it, at most one word after it, no
/// punctuation) are objects of one phrase, and the recipient named after the second is the
/// first's too, where the first names none. `mentions` are one sentence's.
pub(super) fn joined_amounts_share_recipient(ctx: &Ctx, mentions: &mut [super::Mention]) {
    let mut order: Vec<usize> = (0..mentions.len())
        .filter(|&i| mentions[i].amount.is_some())
        .collect();
    order.sort_by_key(|&i| mentions[i].amount.as_ref().map(|a| a.start));
    for w in order.windows(2) {
        let (i, j) = (w[0], w[1]);
        // Amounts are tied to mentions in document offsets; names and hits are the sentence's.
        let base = mentions[i].start;
        let (Some(a1), Some(a2)) = (&mentions[i].amount, &mentions[j].amount) else {
            continue;
        };
        let (a1, a2) = (
            a1.start - base..a1.end - base,
            a2.start - base..a2.end - base,
        );
        let (Some(r), None) = (&mentions[j].recipient, &mentions[i].recipient) else {
            continue;
        };
        let Some(named) = mentions[j].parties.iter().find(|p| &p.canonical == r) else {
            continue;
        };
        if a1.end >= a2.start || named.start < a2.end {
            continue;
        }
        // "$2.5 billion in grants and up to $3 billion": the first amount's noun (two words at
        // most) before the conjunction, at most one word after it, no punctuation.
        let words = |from: usize, to: usize| {
            let gap = span::cut(ctx.text, from, to);
            (!gap.contains([',', ';', ':', '.'])).then(|| gap.split_whitespace().count())
        };
        let joined = ctx.hits.iter().any(|h| {
            h.start >= a1.end
                && h.end <= a2.start
                && h.has(|r| *r == Role::BetweenJoin)
                && words(a1.end, h.start).is_some_and(|n| n <= 2)
                && words(h.end, a2.start).is_some_and(|n| n <= 1)
        });
        if joined {
            let n = named.clone();
            let m1 = &mut mentions[i];
            m1.recipient = party_on_a_side(&mut m1.parties, n);
        }
    }
}

/// "Orvex Aero secured a commitment from Kestrel Air to buy 50 jets", "an offer by Telmar to
/// acquire …": a verb of buying in the infinitive (the language's `running_to` word right before
/// it) has as its subject the name right before that word, opened by a word of "from" or "by":
/// that name buys. Where the other side was it, the clause's subject takes it (who secured the
/// order sells).
pub(super) fn buyer_before_infinitive(
    ctx: &Ctx,
    a: &Anchor,
    pre_start: usize,
    parties: &mut Vec<Name>,
    (provider, recipient): (&mut Option<String>, &mut Option<String>),
) {
    let buys = ctx
        .hits_at(a.start)
        .any(|h| h.has(|r| *r == Role::BuyerVerb));
    if !buys {
        return;
    }
    let Some(to) = ctx.hits.iter().rfind(|h| {
        h.start >= pre_start
            && h.end <= a.start
            && h.has(|r| *r == Role::RunningTo)
            && span::cut(ctx.text, h.end, a.start).trim().is_empty()
    }) else {
        return;
    };
    let Some(buyer) = ctx
        .hits
        .iter()
        .filter(|h| h.start >= pre_start && h.end <= to.start && h.has(|r| *r == Role::From))
        .filter_map(|h| ctx.read_name(h.end, to.start))
        .find(|n| span::cut(ctx.text, n.end, to.start).trim().is_empty())
    else {
        return;
    };
    if recipient.as_deref() == Some(buyer.canonical.as_str()) {
        return;
    }
    if provider.as_deref() == Some(buyer.canonical.as_str()) {
        *provider = recipient.take();
    }
    *recipient = party_on_a_side(parties, buyer);
}

/// Which side of the deal told just before a sentence names ([`side_named_next`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NamedNext {
    /// "Auftraggeber ist X": the client, who receives.
    Client,
    /// "Leadinvestor ist X", "X led the round": who puts the money in, who provides.
    Investor,
    /// "Vertragspartner ist X": whichever side the deal left empty.
    Counterparty,
}

/// "Kestrel Energy hat einen Kraftwerksauftrag erhalten. Auftraggeber ist der Versorger Orvex
/// Power.", "Lindmark Farms has raised $30 million. The round was led by Orvex Capital.": a
/// sentence that opens with one of the language's `client_openers` (`investor_openers`,
/// `counterparty_openers`) names, right after it (past an article), the client (the investor,
/// the other side) of the deal told just before; so does a sentence that opens on a name
/// followed by one of the language's `investor_closers` ("Orvex Capital led the round."). The
/// name, and which side it is.
pub(super) fn side_named_next(ctx: &Ctx) -> Option<(Name, NamedNext)> {
    let lex = lexicon::lexicon(ctx.lang);
    let st = ctx.text;
    if lex.client_openers.is_empty()
        && lex.counterparty_openers.is_empty()
        && lex.investor_openers.is_empty()
        && lex.investor_closers.is_empty()
    {
        return None;
    }
    if let Some(n) = investor_before_closer(ctx) {
        return Some((n, NamedNext::Investor));
    }
    // Most sentences open on another letter: compared no further.
    let first = st.chars().next()?.to_lowercase().next()?;
    let opens = |o: &&String| {
        o.starts_with(first)
            && st.get(..o.len()).is_some_and(|head| {
                head.chars().flat_map(char::to_lowercase).eq(o.chars())
                    && !st[o.len()..].starts_with(char::is_alphanumeric)
            })
    };
    let (len, side) = [
        (&lex.client_openers, NamedNext::Client),
        (&lex.investor_openers, NamedNext::Investor),
        (&lex.counterparty_openers, NamedNext::Counterparty),
    ]
    .into_iter()
    .find_map(|(list, side)| list.iter().find(opens).map(|o| (o.len(), side)))?;
    let mut from = ctx_skip(st, len);
    if let Some(d) = ctx
        .hits_at(from)
        .find(|h| h.has(|r| *r == Role::Determiner))
    {
        from = ctx_skip(st, d.end);
    }
    let n = ctx.read_name(from, st.len())?;
    Some((n, side))
}

/// "Orvex Capital led the round.": the name that opens the sentence, where one of the
/// language's `investor_closers` follows it right away.
fn investor_before_closer(ctx: &Ctx) -> Option<Name> {
    let closers = &lexicon::lexicon(ctx.lang).investor_closers;
    if closers.is_empty() {
        return None;
    }
    let st = ctx.text;
    // Only a sentence that holds a closer reads a name (most hold none).
    let lower = ctx.lower_slice(st);
    if !closers.iter().any(|c| lower.contains(c.as_str())) {
        return None;
    }
    let n = ctx.read_name(ctx_skip(st, 0), st.len())?;
    let rest = span::after(st, n.end).trim_start();
    closers
        .iter()
        .any(|c| {
            rest.get(..c.len()).is_some_and(|h| h.to_lowercase() == *c)
                && !rest[c.len()..].starts_with(char::is_alphanumeric)
        })
        .then_some(n)
}

/// The side [`side_named_next`] read, given to the deal told just before where it is empty: a
/// client receives, an investor provides; another side takes the one side the deal left empty.
pub(super) fn take_side_named_next(m: &mut super::mention::Mention, n: Name, named: NamedNext) {
    if [&m.provider, &m.recipient]
        .iter()
        .any(|s| s.as_deref() == Some(n.canonical.as_str()))
    {
        return;
    }
    let (p, r) = (m.provider.is_some(), m.recipient.is_some());
    let (side, what) = match named {
        NamedNext::Client if !r => (&mut m.recipient, "recipient"),
        NamedNext::Investor if !p => (&mut m.provider, "provider"),
        NamedNext::Counterparty if p && !r => (&mut m.recipient, "recipient"),
        NamedNext::Counterparty if r && !p => (&mut m.provider, "provider"),
        _ => return,
    };
    *side = Some(n.canonical.clone());
    m.notes.push(format!(
        "{} read as the {what} from the next sentence, which names it",
        n.canonical
    ));
    m.add_party_told_elsewhere(n);
}

/// "Kestrel Air và Tập đoàn Orvex đã ký hợp đồng … Hai bên cũng ký một biên bản ghi nhớ …", "The
/// two companies also signed …": where the sentence opens on the two parties of the deal told
/// just before (`both_parties`), a deal of the sentence that names no party has the parties of
/// that deal (no sides: what the two sign together may run either way). A note says so.
pub(super) fn both_parties_again(
    told: &super::mention::Mention,
    new: &mut [super::mention::Mention],
) {
    if told.parties.len() < 2 {
        return;
    }
    for m in new.iter_mut().filter(|m| m.parties.is_empty()) {
        for p in &told.parties {
            m.add_party_told_elsewhere(p.clone());
        }
        let names: Vec<&str> = told.parties.iter().map(|p| p.canonical.as_str()).collect();
        m.notes.push(format!(
            "{} read as the parties of the deal told before: the sentence names its two parties",
            names.join(" and ")
        ));
    }
}

/// "Die EU-Kommission hat dem Chemiekonzern Kestrel die Übernahme des Konkurrenten Orvex
/// erlaubt": a takeover (one of the language's `takeover_nouns`, then one of its `takeover_of`
/// words) with a verb of its `approval_verbs` in the clause: the subject (a regulator) only
/// consents to it and is no party. (A state that approves a loan or a purchase of its own is
/// its lender or buyer: only a company's takeover.) A name opened by a dative article right
/// after the subject's verb (past an auxiliary) is the one allowed the deal: it receives.
fn approved_for(
    ctx: &Ctx,
    a: &Anchor,
    (pre_start, scope_end): (usize, usize),
    subject: Option<&Name>,
    parties: &mut Vec<Name>,
    (provider, recipient): (&mut Option<String>, &mut Option<String>),
) {
    let Some(subject) = subject else {
        return;
    };
    let lex = lexicon::lexicon(ctx.lang);
    let in_clause = |h: &&Hit| h.start >= pre_start && h.end <= scope_end;
    if !ctx
        .hits
        .iter()
        .filter(in_clause)
        .any(|h| h.has(|r| *r == Role::Approval))
    {
        return;
    }
    let word = span::cut(ctx.text, a.start, a.end).to_lowercase();
    let next = span::after(ctx.text, a.end)
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    if !lex.takeover_nouns.contains(&word) || !lex.takeover_of.contains(&next) {
        return;
    }
    // A company taken over, named after the word ("des Konkurrenten Orvex"), not goods bought
    // ("den Kauf von sechs Fregatten": a parliament that approves it buys).
    let of_end = ctx_skip(ctx.text, a.end) + next.len();
    let target = ctx.read_name(ctx_skip(ctx.text, of_end), scope_end);
    if target.is_none_or(|t| {
        span::cut(ctx.text, of_end, t.start)
            .split_whitespace()
            .count()
            > 1
    }) {
        return;
    }
    parties.retain(|p| p.canonical != subject.canonical);
    for side in [&mut *provider, &mut *recipient] {
        if side.as_deref() == Some(subject.canonical.as_str()) {
            *side = None;
        }
    }
    let mut at = ctx_skip(ctx.text, subject.end);
    while let Some(v) = ctx.hits.iter().find(|h| {
        h.start == at && h.has(|r| matches!(r, Role::Auxiliary | Role::Status(_) | Role::Approval))
    }) {
        at = ctx_skip(ctx.text, v.end);
    }
    let dative = dative_article_at(ctx, at);
    if let Some(n) = dative.and_then(|(_, end)| ctx.read_name(ctx_skip(ctx.text, end), scope_end)) {
        if provider.as_deref() != Some(n.canonical.as_str()) {
            *recipient = Some(n.canonical.clone());
            push_party(parties, n);
        }
    }
}
