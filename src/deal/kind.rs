//! The deal type, decided once per mention: takes an anchor and the cues, count and parties of
//! its scope (from `anchor`, `frame` and `parties`) and hands on the type (to `mention`).

use crate::entity::Kind;
use crate::model::{DealType, Quantity};

use super::anchor::{self, Anchor};
use super::lexicon::{Hit, Role};
use super::names::{Ctx, Name};
use super::{frame, lexicon, parties};

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

/// "Orvex agreed to acquire Kestrel Labs", "bought a 30% stake in Kestrel Foods", "the merger of
/// Orvex and Kestrel", "mua 10% cổ phần Công ty Sông Lam", "die Übernahme der Kestrel AG": what
/// changes hands is a company or a stake in one, not goods. Deal tables report M&A as an
/// agreement (ANNOTATION: "M&A definitive agreements"); its sides stay those of a purchase (the
/// acquirer receives, the target provides), so the reading inside the pipeline stays a purchase
/// and only the reported type changes (`reported_type`). A count of things ("acquired 12
/// helicopters") is goods: `counted` says the deal has one of more than one (the same for every
/// test here; "một dự án", a count of one, is no goods).
pub(super) fn company_changes_hands(
    ctx: &Ctx,
    anchors: &[Anchor],
    k: usize,
    ty: DealType,
    counted: bool,
    (pre_start, scope_end): (usize, usize),
) -> bool {
    if ty != DealType::Purchase || counted {
        return false;
    }
    let a = &anchors[k];
    company_deal_word_at(ctx, a, scope_end)
        || anchor::said_in(ctx.hits, pre_start, scope_end, Role::Stake)
        || parties::taken_over(ctx, a, scope_end).is_some()
        || parties::bid_target(ctx, a, scope_end).is_some()
        || frame::takes_over_a_named_company(ctx, a, anchors, k)
        || buys_a_named_company(ctx, a.start, scope_end)
        || frame::act_buys_a_named_company(ctx, a, anchors, k)
        || merger_verb(ctx.lang, a)
        || parties::company_sold(ctx, a, scope_end).is_some()
        || taken_over_by(ctx, a, scope_end)
}

/// "Kestrel Foods was sold to Vestria for $300 million", "Die Kestrel GmbH wurde an die Vestria
/// AG verkauft", "Công ty Kestrel đã được bán cho …": a verb of trade in the passive (an auxiliary
/// of the language's `passive_aux` between the subject and the verb) has what changes hands as
/// its subject. The auxiliary follows the subject past at most two words ("has been", "đã") and
/// comes right before the verb (past one adverb or the passive's agent), or anywhere before it in
/// a language whose verb ends the clause; no clause mark between.
pub(super) fn subject_traded<'n>(
    ctx: &Ctx,
    a: &Anchor,
    subject: Option<&'n Name>,
) -> Option<&'n Name> {
    let s = subject.filter(|s| s.end <= a.start)?;
    let traded = ctx
        .hits_at(a.start)
        .any(|h| h.has(|r| matches!(r, Role::BuyerVerb | Role::SellerVerb)));
    if !traded {
        return None;
    }
    let verb_final = lexicon::lexicon(ctx.lang).verb_final;
    let clear = |from: usize, to: usize, words: usize| {
        let gap = super::span::cut(ctx.text, from, to);
        !gap.contains([',', ';', ':', '.', '(', ')']) && gap.split_whitespace().count() <= words
    };
    ctx.hits
        .iter()
        .filter(|h| h.start >= s.end && h.end <= a.start && h.has(|r| *r == Role::PassiveAux))
        .any(|h| {
            // "Kestrel, a unit of Orvex, was sold …": past a description set off by commas.
            let gap = super::span::cut(ctx.text, s.end, h.start);
            let after_subject = match gap.strip_prefix(',').and_then(|g| g.rfind(',')) {
                Some(close) => s.end + 1 + close + 1,
                None => s.end,
            };
            // "được Tập đoàn Orvex mua lại": the agent may stand between auxiliary and verb.
            let agent_between = || parties::agent_before_verb(ctx, h.end, a.start).is_some();
            clear(after_subject, h.start, 2)
                && (clear(h.end, a.start, if verb_final { 10 } else { 1 }) || agent_between())
        })
        .then_some(s)
}

/// A company (a name that is no maker and no state) sold or bought as the subject of a passive
/// ([`subject_traded`]), not a count of goods, changes hands: an M&A deal.
pub(super) fn company_traded(traded: Option<&Name>, counted: bool) -> bool {
    !counted
        && traded.is_some_and(|s| {
            !s.kind
                .is_some_and(|k| k == Kind::Manufacturer || k.is_public())
        })
}

/// Whether the deal word of `a` is one of the language's `merger_verbs` ("merge", "fusionieren",
/// "sáp nhập").
pub(super) fn merger_verb(lang: crate::lang::Lang, a: &Anchor) -> bool {
    lexicon::lexicon(lang)
        .merger_verbs
        .iter()
        .any(|v| super::span::lower_is(&a.head, v))
}

/// How companies merging ("Kestrel Foods and Orvex Dairy will merge", "fusionieren") take their
/// sides: between equals neither provides or receives (`Merger::Equals`); "merged into Orvex",
/// "sáp nhập vào Orvex" (the language's `invested_in` right after the verb) names the company
/// that takes the other over (`Merger::Into`, the name read after the word).
pub(super) enum Merger {
    Equals,
    Into(Option<Name>),
}

/// The kind of merger the deal word of `a` tells, if it is a verb of merging.
pub(super) fn merger(ctx: &Ctx, a: &Anchor, scope_end: usize) -> Option<Merger> {
    if !merger_verb(ctx.lang, a) {
        return None;
    }
    let into = ctx.hits.iter().find(|h| {
        h.start >= a.end
            && h.has(|r| *r == Role::InvestedIn)
            && super::span::cut(ctx.text, a.end, h.start).trim().is_empty()
    });
    Some(match into {
        Some(h) => Merger::Into(ctx.read_name(h.end, scope_end)),
        None => Merger::Equals,
    })
}

/// "Orvex has agreed to be acquired by Kestrel Labs": a verb of taking over (the language's
/// `takeover_verbs`) right before the word for "by" (`takeover_by`) and a name that is no state:
/// the buyer is named after it, and the subject is a company taken over.
fn taken_over_by(ctx: &Ctx, a: &Anchor, scope_end: usize) -> bool {
    let lex = lexicon::lexicon(ctx.lang);
    if !lex
        .takeover_verbs
        .iter()
        .any(|v| super::span::lower_is(&a.head, v))
    {
        return false;
    }
    let rest = super::span::cut(ctx.text, a.end, scope_end);
    let Some(word) = rest.split_whitespace().next() else {
        return false;
    };
    let after = a.end + (rest.len() - rest.trim_start().len()) + word.len();
    // A state buys goods ("The frigates were acquired by the Norland navy"), not companies.
    lex.takeover_by.contains(&word.to_lowercase())
        && ctx
            .read_name(after, scope_end)
            .is_some_and(|n| !n.kind.is_some_and(Kind::is_public))
}

/// "reached a deal to buy Electronic Data Systems Corp (EDS) for 13.9 billion dollars", "signed a
/// definitive agreement to acquire Versum Materials in a deal …": a verb of buying in the clause
/// whose object is a name (at most four words between, no clause mark) that is no maker and is
/// not followed by a noun of goods ("buy Orvex jets", "buy Airbus planes"): a company is bought.
fn buys_a_named_company(ctx: &Ctx, from: usize, to: usize) -> bool {
    ctx.hits
        .iter()
        .filter(|h| h.start >= from && h.end < to && h.has(|r| *r == Role::BuyerVerb))
        .any(|h| company_bought(ctx, h.end, to).is_some())
}

/// The company a verb of buying ending at `verb_end` buys, read up to `to`: the name after it
/// (past at most four words, no clause mark) that is no maker and no state, and that no noun of
/// goods follows ("buys Orvex Labs for …", "kauft die Brannock GmbH.", not "buys Orvex jets").
pub(super) fn company_bought(ctx: &Ctx, verb_end: usize, to: usize) -> Option<Name> {
    let n = ctx.read_name(verb_end, to)?;
    let gap = super::span::cut(ctx.text, verb_end, n.start);
    let next = super::span::cut(ctx.text, n.end, to).trim_start();
    let goods_follow = next.starts_with(|c: char| c.is_alphanumeric())
        && !next.split_whitespace().next().is_some_and(|w| {
            lexicon::lexicon(ctx.lang)
                .company_object_ends
                .iter()
                .any(|e| e == &w.to_lowercase())
        });
    // A maker's name is followed by its goods; a state is never what is bought ("mua vũ khí Nga":
    // Russian weapons).
    let ok = !n
        .kind
        .is_some_and(|k| k == Kind::Manufacturer || k.is_public())
        && gap.split_whitespace().count() <= 4
        && !gap.contains([',', ';', ':', '.'])
        && !goods_follow;
    ok.then_some(n)
}

/// "Kestrel is buying the Danish drug maker Orvex for $9 billion", "bought Nordvik, a
/// producer of fit food, for …": what is bought is the seller itself (the item ends with the
/// seller's name), a company, not goods it makes ("buy Orvex jets" names its goods after it).
pub(super) fn bought_the_seller(
    ctx: &Ctx,
    ty: DealType,
    counted: bool,
    item: Option<&str>,
    (provider, parties): (Option<&str>, &[Name]),
) -> bool {
    if ty != DealType::Purchase || counted {
        return false;
    }
    let (Some(item), Some(provider)) = (item, provider) else {
        return false;
    };
    parties.iter().any(|p| {
        // A maker the lexicon knows sells its goods ("buy Airbus A320s"); one only a descriptor
        // calls a maker ("the drug maker Orvex") is a company that can itself be bought.
        let maker =
            p.kind == Some(Kind::Manufacturer) && ctx.lexicon.lookup(&p.canonical).is_some();
        p.canonical == provider
            && !maker
            && item
                .trim_end()
                .ends_with(super::span::cut(ctx.text, p.start, p.end))
    })
}

/// "Orvex will sell its cement business to Kestrel", "verkauft ihre Pharmasparte": the item ends
/// with a word for a part of a company (the language's `business_units`; a single word also as
/// the end of a compound): part of a company changes hands. Not with a count of things.
pub(super) fn sells_a_business(
    lang: crate::lang::Lang,
    ty: DealType,
    counted: bool,
    item: Option<&str>,
) -> bool {
    let Some(item) = item.map(str::trim_end) else {
        return false;
    };
    if ty != DealType::Purchase || counted {
        return false;
    }
    let last = item.rsplit(char::is_whitespace).next().unwrap_or("");
    lexicon::lexicon(lang).business_units.iter().any(|u| {
        if u.contains(' ') {
            super::span::lower_ends_with(item, u)
        } else {
            super::span::lower_ends_with(last, u)
        }
    })
}

/// "einen Rahmenvertrag über bis zu 250 Windanlagen", "a framework agreement for up to 500
/// trams": a contract setting the terms of later orders (the language's `framework_nouns`) is an
/// agreement, even with a count; the orders called off under it are purchases.
pub(super) fn sets_a_framework(lang: crate::lang::Lang, a: &Anchor) -> bool {
    lexicon::lexicon(lang)
        .framework_nouns
        .iter()
        .any(|n| super::span::lower_is(&a.head, n))
}

/// "the merger", "Thương vụ sáp nhập giữa …": the deal word is one of the language's
/// `company_deal_nouns`, or one follows it right away.
fn company_deal_word_at(ctx: &Ctx, a: &Anchor, scope_end: usize) -> bool {
    let nouns = &lexicon::lexicon(ctx.lang).company_deal_nouns;
    // The nouns are at most a few words: only the start of the clause after the deal word is
    // lower-cased (this runs for every purchase).
    let rest = super::span::cut(ctx.text, a.end, scope_end).trim_start();
    let next: String = rest.chars().take(48).collect::<String>().to_lowercase();
    nouns.iter().any(|n| {
        super::span::lower_is(&a.head, n)
            || next
                .strip_prefix(n.as_str())
                .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
    })
}

/// The type a deal is reported under: a purchase of a company, a stake or a part of a company, or
/// under a framework (see `company_changes_hands`, `bought_the_seller`, `sells_a_business`,
/// `sets_a_framework`), is an agreement.
pub(super) fn reported_type(ty: DealType, agreement: bool) -> DealType {
    if agreement && ty == DealType::Purchase {
        DealType::Agreement
    } else {
        ty
    }
}

/// "Ngân hàng Hạc Vàng tài trợ 200 triệu USD cho Công ty Kim Long": aid told with a word of the
/// language's `lender_aid_words` (the deal word itself) and given by a lender (a bank, or a name
/// with `lender_words`: `roles::financier_type`) is money lent, a financing.
pub(super) fn lent_by_a_lender(
    ty: DealType,
    ctx: &Ctx,
    a: &Anchor,
    parties: &[Name],
    provider: Option<&str>,
) -> DealType {
    if ty != DealType::Aid {
        return ty;
    }
    let words = &lexicon::lexicon(ctx.lang).lender_aid_words;
    if !words.iter().any(|w| super::span::lower_is(&a.head, w)) {
        return ty;
    }
    let lender = parties.iter().any(|p| {
        provider == Some(p.canonical.as_str())
            && super::roles::financier_type(ctx.lang, ctx.text, p) == Some(DealType::Financing)
    });
    if lender { DealType::Financing } else { ty }
}

/// "funding" from a company or a fund is an investment, not aid. Not a bank's or a fund's grant
/// to a state ("The World Bank approved a grant of $50 million for Nepal"): development lenders
/// give aid to states.
pub(super) fn funding_from_business(
    ty: DealType,
    parties: &[Name],
    (provider, recipient): (Option<&str>, Option<&str>),
) -> DealType {
    if ty != DealType::Aid {
        return ty;
    }
    let to_a_state = parties
        .iter()
        .any(|p| recipient == Some(p.canonical.as_str()) && p.kind.is_some_and(Kind::is_public));
    let from_business = parties.iter().any(|p| {
        provider == Some(p.canonical.as_str())
            && p.kind.is_some_and(|k| match k {
                Kind::Company | Kind::Manufacturer => true,
                Kind::Bank | Kind::Fund => !to_a_state,
                _ => false,
            })
    });
    if from_business {
        DealType::Investment
    } else {
        ty
    }
}

/// "The US government will support Kestrel Semiconductor's new plant with $2 billion", "Der Bund
/// unterstützt die Fabrik der Kestrel AG mit …": aid a state or its body gives a business is a
/// state incentive, a financing; aid goes to states, their people and the bodies that help them.
/// The business is known as one, or named with a company's word ("AG", "Công ty"); a name the
/// lexicon does not know and no such word marks stays aid.
pub(super) fn state_aid_to_a_business(
    ty: DealType,
    ctx: &Ctx,
    parties: &[Name],
    (provider, recipient): (Option<&str>, Option<&str>),
) -> DealType {
    if ty != DealType::Aid {
        return ty;
    }
    let side = |name: Option<&str>| name.and_then(|c| parties.iter().find(|p| p.canonical == c));
    let from_state = side(provider)
        .and_then(|p| p.kind)
        .is_some_and(|k| matches!(k, Kind::Country | Kind::Government | Kind::Agency));
    let to_business = side(recipient).is_some_and(|p| match p.kind {
        Some(k) => matches!(k, Kind::Company | Kind::Manufacturer | Kind::Airline),
        None => parties::company_shaped(ctx, p),
    });
    if from_state && to_business {
        DealType::Financing
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

/// "Tallow Robotics received $50 million from Greyfield Bank", "nhận 50 triệu USD từ Quỹ
/// Greyfield": money received (a verb of receiving right before the amount) in a sentence with
/// no deal word but that verb, from a bank or a fund (`from`, the side read as providing), is
/// lent or invested, not paid for goods: a financing from a lender, an investment from a fund
/// (`roles::financier_type`), and the bank or fund provides. `None` where any of that fails.
/// Asked twice per mention: by `parties` (to keep the financier providing) and by `mention` (for
/// the type); it returns at once for nearly every anchor, which has a deal word of its own.
pub(super) fn money_from_a_financier(
    ctx: &Ctx,
    a: &Anchor,
    (pre_start, scope_end): (usize, usize),
    parties: &[Name],
    from: Option<&str>,
) -> Option<DealType> {
    // The deal word, if any, is the verb of receiving itself ("erhält 50 Millionen Euro").
    let receiving = ctx
        .hits
        .iter()
        .any(|h| h.start == a.start && h.end == a.end && h.has(|r| *r == Role::Receive));
    if !(a.head.is_empty() || receiving) || a.ty != DealType::Purchase {
        return None;
    }
    let financier = parties
        .iter()
        .find(|p| Some(p.canonical.as_str()) == from)?;
    let ty = super::roles::financier_type(ctx.lang, ctx.text, financier)?;
    super::roles::money_received(ctx, pre_start, scope_end).then_some(ty)
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
