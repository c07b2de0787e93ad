//! The deal type, decided once per mention: takes an anchor and the cues, count and parties of
//! its scope (from `anchor`, `frame` and `parties`) and hands on the type (to `mention`).

use crate::entity::Kind;
use crate::model::{DealType, Quantity};

use super::anchor::{self, Anchor};
use super::lexicon::{Hit, Role};
use super::names::Name;

/// The anchor's type from the words of its scope: the most specific type the cues name, and a
/// generic contract for a number of things is a purchase ("a contract for 50 jets"), and so is one
/// a supplier won ("Boeing won an order", "erhielt einen Auftrag").
pub(super) fn type_in_scope(
    a: &Anchor,
    hits: &[Hit],
    pre_start: usize,
    scope_end: usize,
    quantity: Option<&Quantity>,
) -> DealType {
    let ty = licence_bought(refine_type(a, hits, scope_end), hits, pre_start, scope_end);
    let ty = stake_bought(a, ty, hits, pre_start, scope_end);
    // A contract won or awarded is work bought from the contractor: goods or services.
    let received = anchor::said_in(hits, pre_start, scope_end, Role::Receive)
        || anchor::said_in(hits, pre_start, scope_end, Role::Award);
    if ty == DealType::Agreement && (quantity.is_some() || received) {
        DealType::Purchase
    } else {
        ty
    }
}

/// "Kestrel Telecom bought 100 MHz of spectrum", "erwarb Frequenzen für …", "mua băng tần": what
/// is bought is used under a licence from the state; the deal is a licence.
fn licence_bought(ty: DealType, hits: &[Hit], pre_start: usize, scope_end: usize) -> DealType {
    let licensed = hits.iter().any(|h| {
        h.start >= pre_start && h.start < scope_end && h.has(|r| *r == Role::LicenceObject)
    });
    if licensed && matches!(ty, DealType::Purchase | DealType::Agreement) {
        DealType::Licence
    } else {
        ty
    }
}

/// "The 30% stake in Kestrel Foods was bought by Orvex", "verkaufte ihre Beteiligung an …": a
/// stake (the deal word is the language's stake cue) bought or sold in its clause is a purchase,
/// not an investment; a stake taken with no verb of trade stays an investment ("will take a 30%
/// stake in Orvex").
fn stake_bought(
    a: &Anchor,
    ty: DealType,
    hits: &[Hit],
    pre_start: usize,
    scope_end: usize,
) -> DealType {
    let in_scope = |h: &&Hit| h.start >= pre_start && h.start < scope_end;
    let stake = hits
        .iter()
        .any(|h| h.start == a.start && h.has(|r| *r == Role::Stake));
    let traded = hits
        .iter()
        .filter(in_scope)
        .any(|h| h.has(|r| matches!(r, Role::BuyerVerb | Role::SellerVerb)));
    if ty == DealType::Investment && stake && traded {
        DealType::Purchase
    } else {
        ty
    }
}

/// "funding" from a company or a fund is an investment, not aid.
pub(super) fn funding_from_business(
    ty: DealType,
    parties: &[Name],
    provider: Option<&str>,
) -> DealType {
    if ty != DealType::Aid {
        return ty;
    }
    let from_business = parties.iter().any(|p| {
        provider == Some(p.canonical.as_str())
            && p.kind.is_some_and(|k| {
                matches!(
                    k,
                    Kind::Company | Kind::Manufacturer | Kind::Bank | Kind::Fund
                )
            })
    });
    if from_business {
        DealType::Investment
    } else {
        ty
    }
}

/// "the World Bank signed a $500 million project agreement with the Government of Norland": an
/// agreement with a value between a state (or its body) and a bank or fund is money lent or
/// granted to the state, a financing. Not where a cue already gave the agreement a kind.
pub(super) fn lending_to_a_state(ty: DealType, parties: &[Name], has_amount: bool) -> DealType {
    let public = parties.iter().any(|p| p.kind.is_some_and(Kind::is_public));
    let lender = parties
        .iter()
        .any(|p| p.kind.is_some_and(Kind::is_financial));
    if ty == DealType::Agreement && has_amount && public && lender && parties.len() == 2 {
        DealType::Financing
    } else {
        ty
    }
}

/// A state investing or spending on its own, with no counterparty, is a budget, not a deal
/// ("Die Bundesregierung plant Investitionen in Höhe von 100 Milliarden Euro").
pub(super) fn is_state_budget(ty: DealType, parties: &[Name]) -> bool {
    ty == DealType::Investment
        && parties.len() == 1
        && parties[0]
            .kind
            .is_some_and(|k| matches!(k, Kind::Country | Kind::Government))
}

/// The most specific type: a generic agreement is refined by the cues that follow it.
fn refine_type(a: &Anchor, hits: &[Hit], scope_end: usize) -> DealType {
    if !matches!(a.ty, DealType::Agreement | DealType::Other) {
        return a.ty;
    }
    // Cues before the parties are named say most ("hợp đồng mua … giữa"); a topic after them
    // ("… giữa A và B về hợp tác hải quan") still says something.
    for whole_scope in [false, true] {
        for h in hits
            .iter()
            .filter(|h| h.start >= a.end && h.start < scope_end)
        {
            if !whole_scope && h.opens_parties() && h.type_cue().is_none() && h.trigger().is_none()
            {
                break;
            }
            if h.has(|r| *r == Role::Blocker) {
                continue;
            }
            if let Some(t) = h.type_cue() {
                return t;
            }
            if let Some((t, _, false)) = h.trigger() {
                if t != DealType::Agreement {
                    return t;
                }
            }
        }
    }
    a.ty
}
