//! Article context: takes one document's merged mentions (from `merge`) and hands on the same
//! mentions with a side their own sentence left empty filled from the rest of the article (to
//! `mention::to_deal`).

use crate::entity::{Entity, Kind, key};
use crate::model::DealType;

use super::anaphora::Antecedents;
use super::mention::{Mention, Side};
use super::names::Name;
use super::span;
use crate::lexicons::Lexicons;

/// "Harbourline Bank signed three loans with the ministry of finance. The first, of 20 billion
/// yen, funds a metro line; the second …": the later sentences tell deals of the same kind without
/// naming their sides again. Where every mention of one type that names a side names the same
/// party, a mention of that type whose sentence left the side empty takes that party, unless it
/// is already on the other side; then a single party left unplaced takes the other side.
///
/// Two lenders named for the loans of one article say nothing of a third loan: nothing is filled.
pub(super) fn sides_from_article(mentions: &mut [Mention]) {
    let mut types: Vec<DealType> = Vec::new();
    for m in mentions.iter() {
        if !types.contains(&m.ty) {
            types.push(m.ty);
        }
    }
    for ty in types {
        for side in [Side::Provider, Side::Recipient] {
            fill_side_from_article(mentions, &[ty], side, 2, |_| true);
        }
    }
}

/// Fills `side` of the mentions of a type of `types` that left it empty (and that `fits`) with the one
/// party the others name there (at least `min_times` of them), then places a single party left on
/// the other side.
fn fill_side_from_article(
    mentions: &mut [Mention],
    types: &[DealType],
    side: Side,
    min_times: usize,
    fits: impl Fn(&Mention) -> bool,
) {
    let Some(name) = sole_name(mentions, types, side, min_times) else {
        return;
    };
    for m in mentions
        .iter_mut()
        .filter(|m| types.contains(&m.ty) && fits(m))
    {
        if side.of(m).is_some() || side.other().of(m).as_ref() == Some(&name.canonical) {
            continue;
        }
        *side.of_mut(m) = Some(name.canonical.clone());
        if !m
            .parties
            .iter()
            .any(|p| key(&p.canonical) == key(&name.canonical))
        {
            m.parties.push(name.clone());
        }
        place_the_one_left(m, side.other());
    }
}

/// The one party (by key) that fills `side` in every mention of a type of `types` that fills it,
/// where at least `min_times` mentions fill it.
fn sole_name(
    mentions: &[Mention],
    types: &[DealType],
    side: Side,
    min_times: usize,
) -> Option<Name> {
    let mut found: Option<Name> = None;
    // Told in how many sentences: two deals of one sentence are one telling.
    let mut told_in: Vec<usize> = Vec::new();
    for m in mentions.iter().filter(|m| types.contains(&m.ty)) {
        let Some(n) = side.of(m) else { continue };
        if !told_in.contains(&m.start) {
            told_in.push(m.start);
        }
        match &found {
            Some(f) if key(&f.canonical) != key(n) => return None,
            Some(_) => {}
            None => {
                found = Some(
                    m.parties
                        .iter()
                        .find(|p| &p.canonical == n)
                        .cloned()
                        .unwrap_or_else(|| Name {
                            start: m.start,
                            end: m.start,
                            canonical: n.clone(),
                            kind: None,
                            country: None,
                        }),
                );
            }
        }
    }
    // Told once, a side may be a misreading; told twice the same, it is the article's (see
    // `sides_told_once` for the sides where once is enough).
    found.filter(|_| told_in.len() >= min_times)
}

/// "Donors pledged $1.3 billion for Syria. … Norway gave $75 million.": once is enough for the
/// side an article on aid, loans or procurement is mostly about, where the money goes (the
/// country a donors' conference is for), who supplies (the one yard building a navy's ships) and
/// who buys from several suppliers (the one state body whose tender several exporters won).
/// Like [`sides_from_article`] for those sides, after the article's own lender, licensor or maker
/// had their turn.
///
/// A supplier supplies its own buyer: a purchase by another buyer does not take it ("Place 2: AOL
/// paid … for Time Warner", in a list of takeovers where one seller was named once).
pub(super) fn sides_told_once(mentions: &mut [Mention]) {
    for ty in [DealType::Aid, DealType::Financing] {
        fill_side_from_article(mentions, &[ty], Side::Recipient, 1, |_| true);
    }
    // "Two loans of $95 million and $70 million for Norland … A grant funded by Japan will
    // provide $0.8 million": where loans and grants of the article all go to one party, a grant
    // or loan told without its recipient goes there too.
    fill_side_from_article(
        mentions,
        &[DealType::Aid, DealType::Financing],
        Side::Recipient,
        1,
        |_| true,
    );
    let buyers = purchase_sides(mentions, Side::Provider);
    fill_side_from_article(mentions, &[DealType::Purchase], Side::Provider, 1, |m| {
        m.recipient
            .as_deref()
            .is_none_or(|r| buyers.contains(&key(r)))
    });
    // "The agency's order went to five exporters: A won 45,000 tonnes, B 65,000 …": several
    // suppliers, one public buyer told once (a state or its body: whose tender it is); a purchase
    // from another supplier goes to that buyer, not one from a supplier the buyer was told with.
    // Not a company or an airline told once: an airshow's or a week's orders have many buyers.
    let public_buyer = sole_name(mentions, &[DealType::Purchase], Side::Recipient, 1)
        .is_some_and(|n| n.kind.is_some_and(Kind::is_public));
    if !public_buyer {
        return;
    }
    let suppliers = purchase_sides(mentions, Side::Recipient);
    fill_side_from_article(mentions, &[DealType::Purchase], Side::Recipient, 1, |m| {
        m.provider
            .as_deref()
            .is_some_and(|p| !suppliers.contains(&key(p)))
    });
}

/// The keys of the other side of every purchase that names `told` and that other side (the
/// buyers of purchases that name a supplier, or the suppliers of those that name a buyer).
fn purchase_sides(mentions: &[Mention], told: Side) -> Vec<String> {
    mentions
        .iter()
        .filter(|m| m.ty == DealType::Purchase && told.of(m).is_some())
        .filter_map(|m| told.other().of(m).as_deref().map(key))
        .collect()
}

/// "Kestrel Air signed three contracts on Monday. Among them is an agreement with Orvex …": a
/// deal whose sentence tells no status (it was only guessed from its figures) takes the status
/// the article told last before it.
pub(super) fn status_from_article(mentions: &mut [Mention]) {
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| mentions[i].start);
    let mut last_told = None;
    for i in order {
        let m = &mut mentions[i];
        if m.status_told {
            last_told = Some(m.status);
        } else if let Some(s) = last_told {
            m.status = s;
        }
    }
}

/// "Kestrel Air ordered ten jets, a deal with Orvex": a deal of a kind with two sides (a purchase,
/// a licence, a loan, aid) whose sentence placed one party on one side and left one other party
/// on neither puts that party on the other side; not where that party was joined to the subject
/// that took its side ("Norland and Vestria buy …": both buy).
pub(super) fn the_other_side(mentions: &mut [Mention]) {
    for m in mentions.iter_mut().filter(|m| {
        !m.joint
            && matches!(
                m.ty,
                DealType::Purchase | DealType::Licence | DealType::Financing | DealType::Aid
            )
    }) {
        match (m.provider.is_some(), m.recipient.is_some()) {
            (true, false) => place_the_one_left(m, Side::Recipient),
            (false, true) => place_the_one_left(m, Side::Provider),
            _ => {}
        }
    }
}

/// With one side now known and the other empty, a single party on neither side takes it.
fn place_the_one_left(m: &mut Mention, side: Side) {
    if side.of(m).is_some() {
        return;
    }
    let placed = |p: &Name| {
        [&m.provider, &m.recipient]
            .iter()
            .any(|s| s.as_deref().is_some_and(|s| key(s) == key(&p.canonical)))
    };
    let left: Vec<String> = m
        .parties
        .iter()
        .filter(|p| !placed(p))
        .map(|p| p.canonical.clone())
        .collect();
    if let [one] = &left[..] {
        *side.of_mut(m) = Some(one.clone());
    }
}

/// "The Chilean Navy awarded three contracts. Orvex Marine won a $40 million contract for patrol
/// boats.": a purchase with its supplier and no client, told after a sentence in which a client
/// awarded several deals (`Antecedents::awarded_several`), is bought by that client.
pub(super) fn client_of_several_awards(mentions: &mut [Mention], named: &Antecedents) {
    for m in mentions.iter_mut().filter(|m| {
        matches!(m.ty, DealType::Purchase | DealType::Agreement)
            && m.provider.is_some()
            && m.recipient.is_none()
    }) {
        let Some(client) = named.client_of_several(m.block, m.start) else {
            continue;
        };
        if m.provider
            .as_deref()
            .is_some_and(|p| key(p) == key(&client.canonical))
        {
            continue;
        }
        m.recipient = Some(client.canonical.clone());
        named_party(m, client);
    }
}

/// "The Harbour Development Bank approved three loans … For Norland, a loan of $40 million
/// goes to …": a deal whose sentences named no provider takes the one entity of the article that
/// provides deals of its type (the lender of a loan, the authority of a licence — an agency or a
/// ministry —, the maker of a purchase, the donor body of aid), where the article names exactly one such entity and it
/// is not the deal's recipient.
///
/// An entity that receives another deal of the article is no such provider ("Pfizer paid
/// $90 billion for Warner-Lambert. AOL paid … for Time Warner": Pfizer supplies nothing to AOL).
pub(super) fn provider_named_in_article(mentions: &mut [Mention], named: &Antecedents) {
    let recipients: Vec<String> = mentions
        .iter()
        .filter_map(|m| m.recipient.as_deref().map(key))
        .collect();
    for m in mentions.iter_mut().filter(|m| m.provider.is_none()) {
        let kinds: &[Kind] = match m.ty {
            DealType::Financing => &[Kind::Bank, Kind::Fund],
            DealType::Licence => &[Kind::Agency, Kind::Government],
            DealType::Purchase => &[Kind::Manufacturer],
            DealType::Aid => &[
                Kind::Org,
                Kind::Agency,
                Kind::Government,
                Kind::Fund,
                Kind::Bank,
            ],
            _ => continue,
        };
        // "A grant of 50 million euros will fund clinics … The EU presented the programme": an
        // aid told without its donor is given by the one donor body the article names (not a
        // country: aid articles name the places it goes to as well).
        // "India's spectrum auction ended …": with no licensing body named, the one state the
        // article names licenses (named as its government on the way out).
        // "Der Bund hat … eingesammelt, wie die Bundesnetzagentur mitteilte": the agency that
        // runs the licensing is the licensor, before the government it belongs to.
        let agency = (m.ty == DealType::Licence)
            .then(|| named.sole_of_but(&[Kind::Agency], m.recipient.as_deref()))
            .flatten();
        let sole = agency
            .or_else(|| named.sole_of_but(kinds, m.recipient.as_deref()))
            .or_else(|| {
                (m.ty == DealType::Licence)
                    .then(|| named.sole_of(&[Kind::Country]))
                    .flatten()
            });
        let Some(e) = sole else {
            continue;
        };
        if recipients.contains(&key(&e.canonical)) {
            continue;
        }
        if m.recipient
            .as_deref()
            .is_some_and(|r| key(r) == key(&e.canonical))
        {
            continue;
        }
        m.provider = Some(e.canonical.clone());
        named_party(m, e);
    }
}

/// "Kestrel Air ordered 40 A321neo", "Nordmar erwirbt zwölf Jets des Typs CS100": a purchase (or
/// a memorandum or letter of intent to buy) whose sentences named no seller but name models of one maker (`Models::sole_maker`, over the
/// mention's sentences) is bought from that maker, unless the maker is the one buying.
pub(super) fn maker_of_the_model(mentions: &mut [Mention], text: &str, lex: &Lexicons) {
    for m in mentions.iter_mut().filter(|m| {
        matches!(
            m.ty,
            DealType::Purchase | DealType::Mou | DealType::LetterOfIntent
        ) && m.provider.is_none()
    }) {
        let Some(maker) = lex.models.sole_maker(span::cut(text, m.start, m.end)) else {
            continue;
        };
        if m.recipient.as_deref().is_some_and(|r| key(r) == key(maker)) {
            continue;
        }
        m.provider = Some(maker.to_string());
        match lex.entities.by_canonical(maker) {
            Some(e) => named_party(m, e),
            None => named_party(
                m,
                &Entity {
                    canonical: maker.to_string(),
                    kind: Kind::Manufacturer,
                    country: None,
                },
            ),
        }
    }
}

/// "ADB lends $30 million … The African Development Bank (ADB) approved …": a party read from an
/// abbreviation before the article defined it (its lexicon's entity) is the entity defined.
pub(super) fn abbreviations_defined_later(mentions: &mut [Mention], named: &Antecedents) {
    for (was, is) in named.redefined() {
        for m in mentions.iter_mut() {
            for p in m
                .parties
                .iter_mut()
                .filter(|p| p.canonical == was.canonical)
            {
                p.canonical = is.canonical.clone();
                p.kind = Some(is.kind);
                p.country = is.country.clone();
            }
            for side in [&mut m.provider, &mut m.recipient] {
                if side.as_deref() == Some(was.canonical.as_str()) {
                    *side = Some(is.canonical.clone());
                }
            }
        }
    }
}

/// "Kestrel Air awarded Orvex a contract for twelve engines. The agreement between Kestrel Air
/// and Orvex was signed in May.": a deal whose sentence named two parties and placed neither
/// (an agreement "between" them, "with" each other) takes the sides another deal of the article
/// gave the same two, where every such deal gives them the same way round. Not a memorandum, a
/// letter of intent or a trade agreement: those are cooperation, with no sides.
pub(super) fn sides_of_the_pair_told_elsewhere(mentions: &mut [Mention]) {
    let sided = sided_pairs(mentions);
    // Memoranda, letters of intent and trade agreements are cooperation: their sides stay
    // empty however the two deal elsewhere (cooperation has no provider and no recipient).
    let cooperation = |t: DealType| {
        matches!(
            t,
            DealType::Mou | DealType::LetterOfIntent | DealType::TradeAgreement
        )
    };
    for m in mentions
        .iter_mut()
        .filter(|m| m.provider.is_none() && m.recipient.is_none() && !cooperation(m.ty))
    {
        let mut pair: Vec<&Name> = Vec::new();
        for p in &m.parties {
            if !pair.iter().any(|q| key(&q.canonical) == key(&p.canonical)) {
                pair.push(p);
            }
        }
        let [a, b] = pair[..] else { continue };
        let (ka, kb) = (key(&a.canonical), key(&b.canonical));
        let ways: Vec<bool> = sided
            .iter()
            .filter_map(|(p, r)| {
                if (p, r) == (&ka, &kb) {
                    Some(true)
                } else if (p, r) == (&kb, &ka) {
                    Some(false)
                } else {
                    None
                }
            })
            .collect();
        let Some(&first) = ways.first() else { continue };
        if ways.iter().any(|&w| w != first) {
            continue;
        }
        let (provider, recipient) = if first { (a, b) } else { (b, a) };
        m.provider = Some(provider.canonical.clone());
        m.recipient = Some(recipient.canonical.clone());
    }
}

/// The (provider, recipient) keys of every deal of the article that places both sides.
fn sided_pairs(mentions: &[Mention]) -> Vec<(String, String)> {
    mentions
        .iter()
        .filter_map(|m| Some((key(m.provider.as_deref()?), key(m.recipient.as_deref()?))))
        .collect()
}

/// "Harbourline Bank lent Kestrel Foods $300 million. The loan consists of a $100 million
/// tranche and a $200 million term facility.": a deal told in a sentence that opens on the deal
/// told before and names no party of its own is a part of that deal; it takes its parties and
/// sides (the latest deal of its type told before it that names any).
pub(super) fn parts_of_the_deal_before(mentions: &mut [Mention]) {
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| mentions[i].start);
    for (k, &i) in order.iter().enumerate() {
        let m = &mentions[i];
        if !m.continues || !m.parties.is_empty() || m.provider.is_some() || m.recipient.is_some() {
            continue;
        }
        let whole = order[..k].iter().rev().copied().find(|&j| {
            let w = &mentions[j];
            w.ty == m.ty && w.start < m.start && !w.parties.is_empty()
        });
        if let Some(j) = whole {
            let (parties, provider, recipient) = {
                let w = &mentions[j];
                (w.parties.clone(), w.provider.clone(), w.recipient.clone())
            };
            let m = &mut mentions[i];
            m.parties = parties;
            m.provider = provider;
            m.recipient = recipient;
        }
    }
}

/// "The defence ministry approved the purchase … The four suppliers are A ($31 million), B …": a
/// purchase (or a loan, or a grant) whose sentences named no buyer (no borrower, no beneficiary) takes the one state body (a
/// government, a ministry, an armed service) the article names, where it names exactly one and it
/// is not the deal's supplier or lender. Public buyers and borrowers are the ones news names once
/// and then leaves out ("The development bank signed three loans, the finance ministry said. The
/// first, of $40 million, …").
pub(super) fn public_buyer_named_in_article(mentions: &mut [Mention], named: &Antecedents) {
    let Some(e) = named.sole_of(&[Kind::Government]) else {
        return;
    };
    // "… pledged by the Federal Government. Japan gave $250 million.": a government that gives
    // in the article is no beneficiary of another's grant.
    let gives = mentions.iter().any(|m| {
        m.provider
            .as_deref()
            .is_some_and(|p| key(p) == key(&e.canonical))
    });
    for m in mentions.iter_mut().filter(|m| {
        !(gives && m.ty == DealType::Aid)
            && matches!(
                m.ty,
                DealType::Purchase | DealType::Financing | DealType::Aid
            )
            && m.recipient.is_none()
    }) {
        if m.provider
            .as_deref()
            .is_some_and(|p| key(p) == key(&e.canonical))
        {
            continue;
        }
        m.recipient = Some(e.canonical.clone());
        named_party(m, e);
    }
}

/// "Loan agreements between Norland and two development banks were signed on Monday. … Of the
/// first project's cost, the Harbour Development Bank lends $200 million.": a loan from a bank
/// or a fund whose sentences named no borrower goes to the one state the article names, where it
/// names exactly one and the lender is not of that state (a state's own banks lend to its
/// companies, whom news leaves unnamed). A sovereign loan's borrower is named once, in the lead,
/// and then left out.
pub(super) fn borrowing_state_named_in_article(mentions: &mut [Mention], named: &Antecedents) {
    let Some(state) = named.sole_of(&[Kind::Country]) else {
        return;
    };
    for m in mentions
        .iter_mut()
        .filter(|m| m.ty == DealType::Financing && m.recipient.is_none())
    {
        let Some(lender) = m.provider.as_deref() else {
            continue;
        };
        let foreign_lender = m.parties.iter().any(|p| {
            p.canonical == lender
                && p.kind.is_some_and(Kind::is_financial)
                && p.country.as_deref() != Some(state.canonical.as_str())
        });
        if foreign_lender {
            m.recipient = Some(state.canonical.clone());
            named_party(m, state);
        }
    }
}

/// "Finnair is replacing older jets … Airbus books a firm order for eight of them": a
/// purchase from a maker whose sentences named no buyer is bought by the one airline the article
/// names (airlines are who buy aircraft), where it names exactly one and does not tell it buying
/// from another maker.
pub(super) fn airline_named_in_article(mentions: &mut [Mention], named: &Antecedents) {
    let Some(e) = named.sole_of(&[Kind::Airline]) else {
        return;
    };
    // The makers the airline is told buying from: an airline told buying from one maker is not
    // every maker's buyer (an airshow's orders).
    let its_makers: Vec<String> = mentions
        .iter()
        .filter(|m| {
            m.recipient
                .as_deref()
                .is_some_and(|r| key(r) == key(&e.canonical))
        })
        .filter_map(|m| m.provider.as_deref().map(key))
        .collect();
    for m in mentions.iter_mut().filter(|m| {
        m.ty == DealType::Purchase
            && m.recipient.is_none()
            && m.provider
                .as_deref()
                .is_some_and(|p| its_makers.is_empty() || its_makers.contains(&key(p)))
            && m.provider.as_deref().is_some_and(|p| {
                m.parties
                    .iter()
                    .any(|q| q.canonical == p && q.kind == Some(Kind::Manufacturer))
            })
    }) {
        m.recipient = Some(e.canonical.clone());
        named_party(m, e);
    }
}

/// Adds an entity the article named to a mention's parties (placed where its own sentences did
/// not name it), unless the mention has it already.
fn named_party(m: &mut Mention, e: &Entity) {
    if !m
        .parties
        .iter()
        .any(|p| key(&p.canonical) == key(&e.canonical))
    {
        m.parties.push(Name {
            start: m.start,
            end: m.start,
            canonical: e.canonical.clone(),
            kind: Some(e.kind),
            country: e.country.clone(),
        });
    }
}

/// "Kestrel Air ordered 20 jets … Kestrel Air also took options … The carrier's order from
/// Orvex adds twelve engines" is Kestrel Air's article: a deal whose sentences named one side and
/// left the other empty takes the article's main party there, the one party named more often
/// than any other (at least twice: in as many sentences for a name the lexicon knows, as many
/// times in the text for one it does not) and named in its headline or lead, unless that party
/// is the side already named. A country is no main party: articles name the places deals are
/// for as often as those who make them. Not where the article places the main party on the other side of a deal of the same
/// kind (a lender of its loans is not the borrower of another), a rival takes the side (a maker
/// is no buyer of another maker's sale), or a bank would receive aid. A guess, not a reading:
/// the deal carries a note that says so.
pub(super) fn main_party_takes_the_other_side(
    mentions: &mut [Mention],
    named: &Antecedents,
    text: &str,
    lang: crate::lang::Lang,
) {
    let counts = times_each_party_named(mentions, named, text, lang);
    let main = main_parties(&counts, named, text);
    let main_keys: Vec<String> = main.iter().map(|n| key(&n.canonical)).collect();
    // A lender, licensor, donor or investor keeps its side in the article's deals of that kind;
    // a company that buys may also sell a stake.
    let placed: Vec<Vec<(DealType, Side)>> = main_keys
        .iter()
        .map(|k| {
            mentions
                .iter()
                .filter(|m| m.ty != DealType::Purchase)
                .flat_map(|m| {
                    [Side::Provider, Side::Recipient]
                        .into_iter()
                        .filter(|s| s.of(m).as_deref().is_some_and(|n| key(n) == *k))
                        .map(|s| (m.ty, s))
                })
                .collect()
        })
        .collect();
    // Two main parties take each other's empty side only the way round a deal of the article
    // placed them (the supplier of their contract is not the lender of the other's loan).
    let sided = sided_pairs(mentions);
    for m in mentions.iter_mut() {
        let (side, told) = match (&m.provider, &m.recipient) {
            (Some(p), None) => (Side::Recipient, key(p)),
            (None, Some(r)) => (Side::Provider, key(r)),
            _ => continue,
        };
        // One main party takes any deal's empty side but its own; of two, each takes the side a
        // deal of the other left empty.
        let i = match main.len() {
            1 if main_keys[0] != told => 0,
            2 if main_keys[0] == told => 1,
            2 if main_keys[1] == told => 0,
            _ => continue,
        };
        let fill = main[i].clone();
        let way = match side {
            Side::Recipient => (told.clone(), main_keys[i].clone()),
            Side::Provider => (main_keys[i].clone(), told.clone()),
        };
        if main.len() == 2 && !sided.contains(&way) {
            continue;
        }
        if placed[i]
            .iter()
            .any(|&(t, s)| t == m.ty && s == side.other())
        {
            continue;
        }
        let named_kind = side
            .other()
            .of(m)
            .as_deref()
            .and_then(|n| m.parties.iter().find(|p| p.canonical == n))
            .and_then(|p| p.kind);
        if rivals(named_kind, fill.kind)
            || (m.ty == DealType::Aid && side_is_lender(side, fill.kind))
        {
            continue;
        }
        *side.of_mut(m) = Some(fill.canonical.clone());
        m.notes.push(format!(
            "{} read as the article's main party: its sentence names no {}",
            fill.canonical,
            side.as_str()
        ));
        m.add_party_told_elsewhere(fill);
    }
}

/// How often the article names each party (most named first): a name the lexicon knows, in
/// as many sentences as name it; a name it does not know, as many times as the text writes it,
/// where a deal placed it on a side or the article defines it with its initials. No country: a
/// country is named for where deals are, as often as for who makes them.
fn times_each_party_named(
    mentions: &[Mention],
    named: &Antecedents,
    text: &str,
    lang: crate::lang::Lang,
) -> Vec<(Name, usize)> {
    let mut counts: Vec<(Name, usize)> = named
        .times_named()
        .iter()
        .filter(|(e, _)| e.kind != Kind::Country)
        .map(|(e, n)| {
            let name = Name {
                start: 0,
                end: 0,
                canonical: e.canonical.clone(),
                kind: Some(e.kind),
                country: e.country.clone(),
            };
            (name, *n)
        })
        .collect();
    // A name the lexicon does not know counts where a deal placed it on a side (not a disease
    // or a person the sentence only named).
    for m in mentions.iter() {
        let placed = |p: &Name| {
            [&m.provider, &m.recipient]
                .iter()
                .any(|s| s.as_deref() == Some(p.canonical.as_str()))
        };
        for p in m.parties.iter().filter(|p| p.kind.is_none() && placed(p)) {
            let k = key(&p.canonical);
            if !counts.iter().any(|(n, _)| key(&n.canonical) == k) {
                let times = text.matches(p.canonical.as_str()).count();
                counts.push((p.clone(), times));
            }
        }
    }
    // An organisation the lexicon does not know but the article defines with its initials
    // ("The Harbour Board of Trade (HBT)") counts as often as it writes either form.
    for (long, short) in defined_by_initials(text) {
        let known = counts
            .iter()
            .any(|(n, _)| key(&n.canonical) == key(long) || key(&n.canonical) == key(short));
        if known {
            continue;
        }
        let times = whole_words(text, short).max(text.matches(long).count());
        let name = Name {
            start: 0,
            end: 0,
            canonical: lang.deals().englishify(long),
            kind: None,
            country: None,
        };
        counts.push((name, times));
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
}

/// The article's main party, or its two: the party named most often (at least twice) and named
/// in its headline or lead ("Kestrel Air ordered 20 jets … Kestrel Air also took options"); of
/// parties tied for most, the one the lead names ("Pledges for the UN appeal … Norland gave …":
/// the UN is named as often as Norland further down, but the lead is about it); two tied parties
/// both in the lead are the article's two sides ("Orvex signed a framework contract with the
/// Norland army … Orvex expects orders worth …": a deal of one of them is with the other).
fn main_parties(counts: &[(Name, usize)], named: &Antecedents, text: &str) -> Vec<Name> {
    let Some(&(_, most)) = counts.first() else {
        return Vec::new();
    };
    if most < 2 {
        return Vec::new();
    }
    let tied: Vec<&Name> = counts
        .iter()
        .take_while(|(_, c)| *c == most)
        .map(|(n, _)| n)
        .collect();
    let led: Vec<Name> = tied
        .iter()
        .filter(|n| {
            let k = key(&n.canonical);
            let known = named
                .times_named()
                .iter()
                .any(|(e, _)| key(&e.canonical) == k);
            named.in_lead(&n.canonical, known, text)
        })
        .map(|n| (*n).clone())
        .collect();
    match (tied.len(), led.len()) {
        (_, 1) | (2, 2) => led,
        _ => Vec::new(),
    }
}

/// "The Harbour Board of Trade (HBT) sold …": each name of capitalised words (joined by short
/// lower-case words: "of", "for", "in") written right before an abbreviation in brackets made of
/// their initials, with that abbreviation.
fn defined_by_initials(text: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    for (open, _) in text.match_indices('(') {
        let Some(close) = text[open..].find(')').map(|i| open + i) else {
            continue;
        };
        let short = &text[open + 1..close];
        if short.len() < 2
            || short.len() > 8
            || !short.chars().all(|c| c.is_ascii_uppercase())
            || found.iter().any(|&(_, s)| s == short)
        {
            continue;
        }
        // Back from the bracket, one capitalised word per initial, from the last.
        let before = text[..open].trim_end();
        let mut initials = short.chars().rev();
        let mut want = initials.next();
        let mut start = before.len();
        for (i, w) in before
            .rsplit(' ')
            .scan(before.len(), |end, w| {
                let s = *end - w.len();
                *end = s.saturating_sub(1);
                Some((s, w))
            })
            .take(short.len() * 3)
        {
            let Some(c) = want else { break };
            if w.starts_with(c) && w.chars().skip(1).all(char::is_lowercase) {
                start = i;
                want = initials.next();
            } else if !(w.len() <= 3 && w.chars().all(char::is_lowercase)) {
                break;
            }
        }
        if want.is_none() && start < before.len() {
            found.push((&before[start..], short));
        }
    }
    found
}

/// How often `word` stands in `text` as a whole word.
fn whole_words(text: &str, word: &str) -> usize {
    text.match_indices(word)
        .filter(|&(i, _)| {
            let ok = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            ok(text[..i].chars().next_back()) && ok(text[i + word.len()..].chars().next())
        })
        .count()
}

/// Two makers or two airlines are rivals, not each other's buyer: "Orvex's jets … Kestrel Air"
/// in an airshow article where another maker is the main party.
fn rivals(a: Option<Kind>, b: Option<Kind>) -> bool {
    matches!(
        (a, b),
        (Some(Kind::Manufacturer), Some(Kind::Manufacturer))
            | (Some(Kind::Airline), Some(Kind::Airline))
    )
}

/// A bank or a fund gives aid; it is not its beneficiary.
fn side_is_lender(side: Side, kind: Option<Kind>) -> bool {
    matches!(side, Side::Recipient) && kind.is_some_and(Kind::is_financial)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_defined_by_their_initials() {
        let text = "The Harbour Board of Trade (HBT) met. Kestrel Air (KA) and the EPC (EPC) deal.";
        assert_eq!(
            defined_by_initials(text),
            vec![("Harbour Board of Trade", "HBT"), ("Kestrel Air", "KA")]
        );
        assert_eq!(whole_words("HBT and HBTX, (HBT)", "HBT"), 2);
    }
}
