//! Merging mentions of the same deal within one document: a caption and the body, a list item and
//! the sentences that follow it. Two deals of the same kind with different items stay apart.

use super::Mention;
use crate::entity::key;

fn party_keys(m: &Mention) -> Vec<String> {
    m.parties.iter().map(|p| key(&p.canonical)).collect()
}

fn compatible(a: &Mention, b: &Mention) -> bool {
    if a.ty != b.ty {
        return false;
    }
    if let (Some(x), Some(y)) = (a.quantity, b.quantity) {
        if x != y {
            return false;
        }
    }
    if let (Some(x), Some(y)) = (&a.amount, &b.amount) {
        if x.value != y.value || x.currency != y.currency {
            return false;
        }
    }
    for (x, y) in [(&a.provider, &b.provider), (&a.recipient, &b.recipient)] {
        if let (Some(x), Some(y)) = (x, y) {
            if key(x) != key(y) {
                return false;
            }
        }
    }
    let (pa, pb) = (party_keys(a), party_keys(b));
    if !pa.is_empty() && !pb.is_empty() && !pa.iter().any(|k| pb.contains(k)) {
        // Disjoint names can still be the same counterparties: an agency and its state
        // (a caption naming U.S. Customs, the body naming the United States).
        let related = |x: &Mention, y: &Mention| {
            x.parties.iter().any(|p| {
                p.country
                    .as_ref()
                    .is_some_and(|c| y.parties.iter().any(|q| &q.canonical == c))
            })
        };
        if !(related(a, b) || related(b, a)) {
            return false;
        }
    }
    if a.block == b.block {
        return true;
    }
    // Different paragraphs: the items must agree (one's words contained in the other's).
    let (wa, wb) = (&a.item_words, &b.item_words);
    wa.is_empty() || wb.is_empty() || wa.is_subset(wb) || wb.is_subset(wa)
}

/// How far along a status is: a deal reported as signed anywhere in the article is signed.
fn progress(s: crate::model::DealStatus) -> u8 {
    use crate::model::DealStatus::*;
    match s {
        Proposed => 0,
        Negotiating => 1,
        Announced => 2,
        Signed => 3,
    }
}

fn absorb(into: &mut Mention, m: Mention) {
    let primary_is_new = m.info() > into.info();
    // Mentions that name the parties say where the deal stands; the most advanced one counts.
    let status = if !m.parties.is_empty() && progress(m.status) > progress(into.status) {
        m.status
    } else {
        into.status
    };
    for p in &m.parties {
        if !into
            .parties
            .iter()
            .any(|q| key(&q.canonical) == key(&p.canonical))
        {
            into.parties.push(p.clone());
        }
    }
    into.provider = into.provider.take().or(m.provider.clone());
    into.recipient = into.recipient.take().or(m.recipient.clone());
    into.quantity = into.quantity.or(m.quantity);
    if into.amount.is_none() {
        into.amount = m.amount.clone();
    }
    if primary_is_new {
        into.start = m.start;
        into.end = m.end;
        into.item = m.item.clone().or(into.item.take());
        into.list_item = m.list_item;
        into.block = m.block;
    } else if into.item.is_none() {
        into.item = m.item.clone();
    }
    into.item_words.extend(m.item_words);
    into.status = status;
}

/// Merges mentions of the same deal; deals that name no counterparty at all are dropped.
pub(crate) fn within_document(mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    // Mentions naming parties first, so that bare mentions fold into them.
    let (named, bare): (Vec<_>, Vec<_>) = mentions.into_iter().partition(|m| !m.parties.is_empty());
    for m in named.into_iter().chain(bare) {
        match out.iter_mut().find(|d| compatible(d, &m)) {
            Some(d) => absorb(d, m),
            None => out.push(m),
        }
    }
    out.retain(|m| !m.parties.is_empty());
    for m in &mut out {
        super::tidy_parties(&mut m.parties);
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}
