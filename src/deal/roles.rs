//! Provider and recipient: takes the parties read in a frame, its subject and the verbs of its
//! clause (from `parties`) and hands on which party provides and which receives (to `mention`).
//! First as the verbs say it, then, where the text did not say it, from the deal type and what the
//! parties are.

use crate::entity::Kind;
use crate::lang::Lang;
use crate::model::DealType;
use crate::text::strip_diacritics;

use super::anchor;
use super::lexicon::{Class, Hit, Role};
use super::names::{Ctx, Name};
use super::span;

/// What the verbs of an anchor's clause say about the sides of its deal.
pub(super) struct Verbs {
    ty: DealType,
    /// "Boeing won an order", "erhielt einen Auftrag": the subject received the deal.
    received: bool,
    /// The verb of receiving stands before the deal word or is it ("won an order"), not after
    /// it ("under the deal the airline will receive 50 jets": it receives the goods).
    received_the_deal: bool,
    /// "FPT will receive $41 million from Kestrel": what the subject receives is money, so the
    /// one it comes from pays for the deal.
    received_money: bool,
    /// "X awarded a contract to B": the subject gave it.
    awarded: bool,
    /// The subject's verb buys ("Orchid Chemie übernimmt"): true, sells ("X sells"): false.
    buys: Option<bool>,
    /// The verb that sells comes after the deal word, as what the deal is for ("signed a
    /// contract with Orvex to build four frigates"): it does not say which side builds.
    sells_as_purpose: bool,
}

impl Verbs {
    /// The verbs in `pre_start..scope_end` of a deal of type `ty`.
    /// `verb_final`: the language puts the participle last ("hat einen Auftrag an Land
    /// gezogen"), so a verb of receiving after the deal word may still take the deal.
    pub(super) fn read(
        ctx: &Ctx,
        ty: DealType,
        (pre_start, anchor_end, scope_end): (usize, usize, usize),
        verb_final: bool,
    ) -> Verbs {
        let hits = ctx.hits;
        let verb = hits
            .iter()
            .filter(|h| h.start >= pre_start && h.start < scope_end)
            .find_map(|h| {
                if h.has(|r| *r == Role::BuyerVerb) && !received_noun(hits, h) {
                    Some((true, h.start))
                } else if h.has(|r| *r == Role::SellerVerb) {
                    Some((false, h.start))
                } else {
                    None
                }
            });
        let buys = verb.map(|(buys, _)| buys);
        let sells_as_purpose = verb.is_some_and(|(buys, at)| !buys && at >= anchor_end);
        // "SAP übernahm … Kestrel und sicherte sich so Kunden": where the deal word is the
        // subject's own verb of buying, a verb of receiving later in the clause says what the
        // buyer gained, not that it won the deal.
        let bought = hits.iter().any(|h| {
            h.end == anchor_end && h.has(|r| *r == Role::BuyerVerb) && !received_noun(hits, h)
        });
        Verbs {
            ty,
            received: !bought && anchor::said_in(hits, pre_start, scope_end, Role::Receive),
            received_the_deal: !bought
                && anchor::said_in(
                    hits,
                    pre_start,
                    if verb_final { scope_end } else { anchor_end },
                    Role::Receive,
                ),
            received_money: money_received(ctx, pre_start, scope_end),
            awarded: anchor::said_in(hits, pre_start, scope_end, Role::Award),
            buys,
            sells_as_purpose,
        }
    }

    /// A verb said who buys, sells, receives or awards: the sides need no guess.
    pub(super) fn tells_a_side(&self) -> bool {
        self.buys.is_some() || self.received || self.awarded
    }

    /// The verb that sells stands after the deal word, as what the deal is for ("a contract with
    /// Orvex to build four frigates").
    pub(super) fn sells_as_purpose(&self) -> bool {
        self.sells_as_purpose && self.of_a_purchase()
    }

    /// The subject's verb sells ("Orvex supplies …").
    pub(super) fn sells(&self) -> bool {
        self.buys == Some(false)
    }

    /// The subject's verb buys ("Kestrel ordered …").
    pub(super) fn buys(&self) -> bool {
        self.buys == Some(true)
    }

    /// "Kestrel Rail won an order", "hat einen Auftrag erhalten": the subject received an order
    /// or a contract, so it supplies.
    pub(super) fn won_an_order(&self) -> bool {
        self.received_the_deal && self.of_a_purchase()
    }

    pub(super) fn of_a_purchase(&self) -> bool {
        matches!(self.ty, DealType::Purchase | DealType::Agreement)
    }
}

/// "will receive about $41 million from Kestrel", "nhận được 932 tỷ đồng": a verb of receiving
/// followed by an amount, at most two words between.
pub(super) fn money_received(ctx: &Ctx, from: usize, to: usize) -> bool {
    ctx.hits
        .iter()
        .filter(|h| h.start >= from && h.start < to && h.has(|r| *r == Role::Receive))
        .any(|h| {
            ctx.amounts.iter().any(|a| {
                a.start >= h.end
                    && a.start < to
                    && span::cut(ctx.text, h.end, a.start)
                        .split_whitespace()
                        .count()
                        <= 2
            })
        })
}

/// "Orvex won orders for 40 jets", "Kestrel received purchases worth …": a word that may be a
/// verb of buying, right after a verb of receiving, is the noun received, no verb.
fn received_noun(hits: &[Hit], h: &Hit) -> bool {
    hits.iter()
        .any(|r| r.has(|x| *x == Role::Receive) && r.end <= h.start && h.start - r.end <= 1)
}

/// "Boeing won an order from Korean Air": a supplier that won a contract from its client; the
/// "from" party is the client, so it receives. (A ministry that receives aid "from" a donor is
/// already the recipient.) A client named "to" or "for" ("won a contract to supply 30 jets to
/// Kestrel Air") already receives and stays, unless a party it was won from is named too. Money
/// received "from" a party says the same ("will receive $41 million from Orvex"); goods received
/// after the deal word do not ("under the contract it will receive 12 jets from Airbus").
pub(super) fn won_from_client(
    v: &Verbs,
    provider: &mut Option<String>,
    recipient: &mut Option<String>,
) {
    if (v.won_an_order() || v.received_money) && v.of_a_purchase() && provider.is_some() {
        // "won a contract from the navy to build an icebreaker for the coast guard": the one it
        // was won from pays, whoever uses what is built.
        *recipient = provider.take();
    }
}

/// "a $2 billion contract to Nordwerft", "Der Großauftrag ging an die Werft X": an order
/// or contract given "to" a company goes to the one that fills it, where no verb of the clause
/// buys or sells ("ordered 12 jets, to be delivered to B": B buys).
pub(super) fn order_to_contractor(
    v: &Verbs,
    class: Class,
    provider: &mut Option<String>,
    recipient: &mut Option<String>,
) {
    if v.ty == DealType::Purchase
        && class == Class::Document
        && v.buys.is_none()
        && !v.received
        && provider.is_none()
    {
        *provider = recipient.take();
    }
}

/// "X awarded a contract to B", "X vergibt einen Auftrag an B": B is the contractor, X the
/// client.
pub(super) fn awarded_to_contractor(
    v: &Verbs,
    subject: Option<&Name>,
    provider: &mut Option<String>,
    recipient: &mut Option<String>,
) {
    if v.awarded && !v.received && v.of_a_purchase() {
        if provider.is_none() {
            *provider = recipient.take();
        }
        if let Some(s) = subject.filter(|s| provider.as_ref() != Some(&s.canonical)) {
            recipient.get_or_insert_with(|| s.canonical.clone());
        }
    }
}

/// "The Ministry of Defence signed a $900 million contract with Orvex Defence to build four
/// frigates": where the only verb that sells is what the deal is for, after its word, the
/// subject is a state (a country, its government or an agency) and the one other party is not,
/// the state orders the work and the other party does it. Before `subject_by_verb`, which would
/// make the subject the builder.
pub(super) fn state_orders_the_work(
    v: &Verbs,
    subject: Option<&Name>,
    parties: &[Name],
    provider: &mut Option<String>,
    recipient: &mut Option<String>,
) {
    let public = |n: &Name| n.kind.is_some_and(Kind::is_public);
    let Some(s) = subject.filter(|s| public(s)) else {
        return;
    };
    if !v.sells_as_purpose || !v.of_a_purchase() || provider.is_some() || recipient.is_some() {
        return;
    }
    let others: Vec<&Name> = parties
        .iter()
        .filter(|p| p.canonical != s.canonical)
        .collect();
    if let [company] = others[..] {
        if !public(company) {
            *provider = Some(company.canonical.clone());
            *recipient = Some(s.canonical.clone());
        }
    }
}

/// Which side the subject is on, when its verb says it: "Orchid Chemie übernimmt", "X sells". With two
/// subjects ("A và B ký thỏa thuận cung cấp …") a supply verb does not say which one supplies; a
/// buying verb still makes the first-named the buyer, as news usually writes it.
pub(super) fn subject_by_verb(
    v: &Verbs,
    subjects: &[Name],
    provider: &mut Option<String>,
    recipient: &mut Option<String>,
) {
    let verb_side = v.buys.filter(|buys| *buys || subjects.len() < 2);
    if let (Some(s), Some(buys)) = (subjects.first(), verb_side) {
        // "Kestrel Telecom bought 100 MHz": who buys a licence holds it.
        let licence_bought = v.ty == DealType::Licence && buys;
        // "Norwegen will 250 Millionen Euro bereitstellen": who provides money lends or gives it.
        let money_provided = matches!(v.ty, DealType::Financing | DealType::Aid) && !buys;
        if (v.of_a_purchase() || licence_bought || money_provided) && !v.received {
            let slot = if buys { recipient } else { provider };
            if slot.is_none() {
                *slot = Some(s.canonical.clone());
            }
        }
    }
}

/// "Boeing bagged an order": a supplier that received an order provides it.
pub(super) fn supplier_that_received(
    v: &Verbs,
    subject: Option<&Name>,
    provider: &mut Option<String>,
    recipient: &Option<String>,
) {
    if v.received_the_deal && v.of_a_purchase() && provider.is_none() {
        if let Some(s) = subject {
            if recipient.as_ref() != Some(&s.canonical) {
                *provider = Some(s.canonical.clone());
            }
        }
    }
}

/// "Vietcombank secured a loan", "Bộ Y tế tiếp nhận vắc xin": who receives is the recipient.
pub(super) fn receiver_is_recipient(
    v: &Verbs,
    subject: Option<&Name>,
    provider: &Option<String>,
    recipient: &mut Option<String>,
) {
    if v.received && recipient.is_none() && !v.of_a_purchase() {
        if let Some(s) = subject {
            if provider.as_ref() != Some(&s.canonical) {
                *recipient = Some(s.canonical.clone());
            }
        }
    }
}

/// "Japan grants Vietnam a loan" with the recipient known: the subject is on the other side.
pub(super) fn subject_on_the_other_side(
    sub: &Name,
    provider: &mut Option<String>,
    recipient: &mut Option<String>,
) {
    if recipient.is_some() && provider.is_none() && recipient.as_ref() != Some(&sub.canonical) {
        *provider = Some(sub.canonical.clone());
    } else if provider.is_some() && recipient.is_none() && provider.as_ref() != Some(&sub.canonical)
    {
        *recipient = Some(sub.canonical.clone());
    }
}

/// The kind of money a bank or a fund gives: "Greyfield Bank", "Ngân hàng Greyfield", "Kestrel
/// Leasing" lend (a financing); "Greyfield Capital", "Orvex Ventures", "Quỹ Greyfield" invest
/// (an investment). `None` for a name that is neither. The name is read as written in `text` with
/// the five words before it, where a descriptor may stand ("từ quỹ đầu tư mạo hiểm Greyfield",
/// "from the fund Greyfield"), and as its canonical form.
pub(super) fn financier_type(lang: Lang, text: &str, n: &Name) -> Option<DealType> {
    match n.kind {
        Some(Kind::Bank) => return Some(DealType::Financing),
        Some(Kind::Fund) => return Some(DealType::Investment),
        _ => {}
    }
    let before = span::before(text, n.start);
    let from = before
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(5)
        .map_or(0, |(i, _)| i);
    financier_words(
        lang,
        &format!("{} {}", span::cut(text, from, n.end), n.canonical).to_lowercase(),
    )
}

/// Whether lower-cased text holds a word of the language's `lender_words` (a financing) or else
/// of its `investor_words` (an investment). English words are asked too, in every language: a
/// canonical name is English ("Ngân hàng Greyfield" is "Greyfield Bank").
fn financier_words(lang: Lang, low: &str) -> Option<DealType> {
    let langs = [lang, Lang::En];
    let langs = if lang == Lang::En {
        &langs[..1]
    } else {
        &langs[..]
    };
    let has = |words: &dyn Fn(&'static super::lexicon::DealLexicon) -> &'static [String]| {
        langs.iter().any(|l| {
            words(super::lexicon::lexicon(*l))
                .iter()
                .any(|w| low.contains(w.as_str()))
        })
    };
    if has(&|x| &x.lender_words) {
        Some(DealType::Financing)
    } else if has(&|x| &x.investor_words) {
        Some(DealType::Investment)
    } else {
        None
    }
}

fn financial_name(lang: Lang, n: &Name) -> bool {
    n.kind.is_some_and(Kind::is_financial)
        || financier_words(lang, &n.canonical.to_lowercase()).is_some()
}

/// The only party named is the clause's subject, and no verb said its side: a donor or investor
/// gives ("Samsung công bố đầu tư thêm 1,8 tỷ USD"); a borrower that is no bank takes the loan
/// ("NorthPeak Group inked an A$300 million revolver"), a bank gives it; a maker supplies; any
/// other company that orders, buys or takes over receives ("Andes Cargo placed an order for …",
/// "Nordmar will den Zukauf perfekt machen"); a company named with a licence holds it, a public
/// body grants it.
fn lone_subject(
    lang: Lang,
    ty: DealType,
    s: &Name,
    provider: &mut Option<String>,
    recipient: &mut Option<String>,
) {
    let name = Some(s.canonical.clone());
    if *provider == name || *recipient == name {
        return;
    }
    let gives = match ty {
        DealType::Aid | DealType::Investment => true,
        DealType::Financing => financial_name(lang, s),
        DealType::Purchase | DealType::Agreement => s.kind == Some(Kind::Manufacturer),
        // "Kestrel Telecom won the 3.5 GHz block": who wins a licence holds it; a regulator
        // that auctions it gives it.
        DealType::Licence => s.kind.is_some_and(Kind::is_public),
        _ => return,
    };
    let slot = if gives { provider } else { recipient };
    if slot.is_none() {
        *slot = name;
    }
}

/// "The general also signed an agreement with missile maker Orvex", "a purchase agreement with
/// Orvex Aero": the one party named, a maker and not the clause's subject, supplies what a
/// purchase or a memorandum or agreement with it is about.
fn lone_maker_supplies(ty: DealType, p: &Name) -> bool {
    p.kind == Some(Kind::Manufacturer)
        && matches!(
            ty,
            DealType::Purchase | DealType::Agreement | DealType::Mou | DealType::LetterOfIntent
        )
}

/// "Kestrel Defence signed a contract with the Norland army for 20 armoured vehicles": where a
/// purchase is between a state (a country, its government, army or agency) and one company, and
/// no verb said who sells, the state buys, whichever of the two the sentence names first. The
/// company it buys from is returned as the provider.
fn state_buys_from_a_company(parties: &[Name]) -> Option<String> {
    let public = |p: &&Name| p.kind.is_some_and(Kind::is_public);
    match parties {
        [a, b] if public(&a) != public(&b) => {
            let company = if public(&a) { b } else { a };
            Some(company.canonical.clone())
        }
        _ => None,
    }
}

/// Who provides and who receives, from the deal type and what the parties are, when the text
/// did not say it with "to"/"from".
pub(super) fn assign_roles(
    lang: Lang,
    ty: DealType,
    parties: &[Name],
    item: &str,
    subject: Option<&Name>,
    provider: &mut Option<String>,
    recipient: &mut Option<String>,
) {
    if provider.is_some() && recipient.is_some() {
        return;
    }
    if parties.len() == 1 {
        if let Some(s) = subject.filter(|s| s.canonical == parties[0].canonical) {
            lone_subject(lang, ty, s, provider, recipient);
        } else if lone_maker_supplies(ty, &parties[0]) && provider.is_none() && recipient.is_none()
        {
            *provider = Some(parties[0].canonical.clone());
        }
        return;
    }
    let other = |x: &str| -> Option<String> {
        let rest: Vec<&Name> = parties.iter().filter(|p| p.canonical != x).collect();
        (rest.len() == 1).then(|| rest[0].canonical.clone())
    };
    let item_key = strip_diacritics(item).to_lowercase();
    let pick = |f: &dyn Fn(&Name) -> bool| -> Option<String> {
        let m: Vec<&Name> = parties.iter().filter(|p| f(p)).collect();
        (m.len() == 1).then(|| m[0].canonical.clone())
    };
    let chosen_provider = match ty {
        DealType::Purchase => pick(&|p: &Name| {
            let k = strip_diacritics(&p.canonical).to_lowercase();
            item_key
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| !w.is_empty() && k.split_whitespace().next() == Some(w))
        })
        .or_else(|| pick(&|p: &Name| p.kind == Some(Kind::Manufacturer)))
        .or_else(|| state_buys_from_a_company(parties))
        .or_else(|| {
            parties
                .get(1)
                .map(|p| p.canonical.clone())
                .filter(|_| parties.len() == 2)
        }),
        DealType::Financing => {
            pick(&|p: &Name| p.kind.is_some_and(Kind::is_financial)).or_else(|| {
                pick(&|p: &Name| !p.kind.is_some_and(Kind::is_public) && financial_name(lang, p))
            })
        }
        // "Tessaro Ports has entered into a concession agreement with the Varna Harbour Board": with no
        // party known to be public, the subject that signs or wins a licence holds it, and the
        // other party grants it (below).
        DealType::Licence => pick(&|p: &Name| p.kind.is_some_and(Kind::is_public))
            .or_else(|| subject.and_then(|s| other(&s.canonical))),
        DealType::Aid | DealType::Investment => subject.map(|s| s.canonical.clone()),
        // "Kestrel Airways and engine maker Orvex signed an MoU on 40 engines": a maker beside
        // one other party supplies it.
        DealType::Agreement | DealType::Mou | DealType::LetterOfIntent => {
            pick(&|p: &Name| p.kind == Some(Kind::Manufacturer))
        }
        _ => None,
    };
    match (provider.clone(), recipient.clone()) {
        (Some(p), None) => *recipient = other(&p),
        (None, Some(r)) => *provider = other(&r),
        (None, None) => {
            if let Some(p) = chosen_provider {
                *recipient = other(&p);
                *provider = Some(p);
            }
        }
        _ => {}
    }
}

/// A purchase whose seller the text did not name as a party, with a maker named in its clause:
/// "Andes Cargo ordered nine Airbus A350 freighters", "… to fit new cabins on its Boeing 787s":
/// the maker supplies.
pub(super) fn maker_in_clause(
    ty: DealType,
    ents: &[crate::entity::EntityHit],
    from: usize,
    to: usize,
    parties: &mut Vec<Name>,
    provider: &mut Option<String>,
    recipient: &Option<String>,
) {
    // Only beside a buyer already read: a maker alone does not make a sentence a deal.
    if ty != DealType::Purchase || provider.is_some() || parties.is_empty() {
        return;
    }
    let makers: Vec<&crate::entity::EntityHit> = ents
        .iter()
        .filter(|e| e.start >= from && e.end <= to && e.entity.kind == Kind::Manufacturer)
        .filter(|e| recipient.as_deref() != Some(e.entity.canonical.as_str()))
        .collect();
    let [maker] = makers[..] else {
        return;
    };
    *provider = Some(maker.entity.canonical.clone());
    if !parties
        .iter()
        .any(|p| p.canonical == maker.entity.canonical)
    {
        parties.push(Name {
            start: maker.start,
            end: maker.end,
            canonical: maker.entity.canonical.clone(),
            kind: Some(maker.entity.kind),
            country: maker.entity.country.clone(),
        });
    }
}

/// "Bộ Tài chính ký ba thỏa thuận vay với JICA", "the ministry signed loan agreements with the
/// Asian Development Bank": a financing read with a public body providing and a bank or fund
/// receiving has its sides the wrong way round; the lender is the bank.
pub(super) fn lender_provides(
    ty: DealType,
    parties: &[Name],
    provider: &mut Option<String>,
    recipient: &mut Option<String>,
) {
    if ty != DealType::Financing {
        return;
    }
    let kind_of = |side: &Option<String>| {
        side.as_ref()
            .and_then(|s| parties.iter().find(|p| &p.canonical == s))
            .and_then(|p| p.kind)
    };
    let (pk, rk) = (kind_of(provider), kind_of(recipient));
    if pk.is_some_and(Kind::is_public) && rk.is_some_and(Kind::is_financial) {
        std::mem::swap(provider, recipient);
    }
}

/// The money's way in a clause, where the text says it: "Kestrel Bank will issue 250,000 bonds",
/// "phát hành trái phiếu" (an issuer of bonds borrows: it receives), "Norland will receive
/// $3 million" (a receiving verb right before the amount: its subject gets the money). Then the
/// subject read as the provider is the recipient.
pub(super) fn who_gets_the_money(
    ctx: &super::names::Ctx,
    ty: DealType,
    (from, to): (usize, usize),
    amount: Option<&crate::model::Amount>,
    subject: Option<&Name>,
    (provider, recipient): (&mut Option<String>, &mut Option<String>),
) {
    let Some(s) = subject else { return };
    if provider.as_ref() != Some(&s.canonical) || recipient.is_some() {
        return;
    }
    let in_clause = |h: &&Hit| h.start >= from && h.end <= to;
    let issues_bonds = ty == DealType::Financing
        && ctx
            .hits
            .iter()
            .filter(in_clause)
            .any(|h| h.has(|r| *r == Role::BorrowedBy));
    // "Orvex Marine secured a $300 million contract": a supplier that won an order is paid, yet
    // provides what was ordered; the money it receives is the value of the deal word after it.
    let contract_value = |x: &crate::model::Amount| {
        matches!(ty, DealType::Purchase | DealType::Agreement)
            && ctx.hits.iter().any(|h| {
                h.trigger().is_some_and(|t| t.1 == Class::Document)
                    && h.start >= x.end
                    && describes_the_deal_word(
                        ctx,
                        crate::deal::span::cut(ctx.text, x.end, h.start),
                    )
            })
    };
    let receives_money = amount.is_some_and(|x| {
        !contract_value(x)
            && ctx.hits.iter().filter(in_clause).any(|h| {
                // "Công ty X trúng thầu với giá 12 tỷ đồng": a verb of winning that is itself the
                // deal word (a tender won) is followed by the price of what was won.
                h.has(|r| *r == Role::Receive)
                    && !h.trigger().is_some_and(|t| t.1 == Class::Document)
                    && h.end <= x.start
                    && crate::deal::span::cut(ctx.text, h.end, x.start)
                        .split_whitespace()
                        .count()
                        <= 2
                    && !won_a_deal_word(ctx, ty, h.end, x.start)
            })
    });
    if issues_bonds || receives_money {
        *recipient = provider.take();
    }
}

/// "Công ty Orvex trúng gói thầu 940 tỷ đồng", "won a contract of $12 million": a deal word
/// of a purchase between the verb of winning and the amount is what was won, and the amount its
/// value; the winner supplies, it is not paid money as a borrower is.
fn won_a_deal_word(ctx: &super::names::Ctx, ty: DealType, from: usize, to: usize) -> bool {
    matches!(ty, DealType::Purchase | DealType::Agreement)
        && ctx.hits.iter().any(|h| {
            h.trigger().is_some_and(|t| t.1 == Class::Document) && h.start >= from && h.end <= to
        })
}

/// "wins a €25 million desalination plant contract", "a $300 million contract": the words
/// between an amount and the deal word after it are a description of that deal word (at most
/// three lower-case words, none of them a function word of the language), so the amount is its
/// value. "won $3 million from the fund for its contract" has function words between.
fn describes_the_deal_word(ctx: &super::names::Ctx, between: &str) -> bool {
    let mut words = 0;
    for w in between.split_whitespace() {
        words += 1;
        let plain = w.chars().all(|c| c.is_lowercase() || c == '-');
        if words > 3 || !plain || crate::lang::detect::is_stopword(ctx.lang, w) {
            return false;
        }
    }
    true
}

/// "Nordmar Shipyard", "Lindmark Werft", "Công ty Đóng tàu Sông Lam": a company the lexicon does
/// not know whose own name holds a word of the language's `maker_name_words` is a maker.
pub(super) fn names_a_maker(lang: crate::lang::Lang, name: &str) -> bool {
    let low = name.to_lowercase();
    super::lexicon::lexicon(lang)
        .maker_name_words
        .iter()
        .any(|w| {
            low.split(|c: char| !c.is_alphanumeric()).any(|x| x == w)
                || (w.contains(' ') && low.contains(w.as_str()))
        })
}

/// Parties of unknown kind that `names_a_maker` are makers: "Nordmar Shipyard signed a contract
/// with Kestrel Lines for four ferries" has the yard supply.
fn named_as_makers(lang: crate::lang::Lang, parties: &mut [Name]) {
    for p in parties.iter_mut() {
        if p.kind.is_none() && names_a_maker(lang, &p.canonical) {
            p.kind = Some(Kind::Manufacturer);
        }
    }
}

/// The sides of a mention, decided once from what the clause `from..to` of a deal of type `ty`
/// says and what its parties are: the type's default roles, then the lender, the money's way, and
/// a maker described or named in the clause. Whether a party was left off the other side for
/// standing joined to the provider ("bei ATR und Embraer"): then no side is left for it.
pub(super) fn decide(
    ctx: &super::names::Ctx,
    (ty, from, to): (DealType, usize, usize),
    item: &str,
    amount: Option<&crate::model::Amount>,
    (subject, joint): (Option<&Name>, bool),
    parties: &mut Vec<Name>,
    (provider, recipient): (&mut Option<String>, &mut Option<String>),
) -> bool {
    let mut joined_supplier = false;
    named_as_makers(ctx.lang, parties);
    let subject_as_maker = subject
        .filter(|s| s.kind.is_none() && names_a_maker(ctx.lang, &s.canonical))
        .map(|s| Name {
            kind: Some(Kind::Manufacturer),
            ..s.clone()
        });
    let subject = subject_as_maker.as_ref().or(subject);
    if !joint {
        let told = recipient.is_some();
        assign_roles(ctx.lang, ty, parties, item, subject, provider, recipient);
        // "bei ATR und dessen Rivalen Embraer": the party left beside a supplier, joined to
        // it after its preposition, supplies too; it is not the other side.
        let side = |c: &Option<String>| parties.iter().find(|p| Some(&p.canonical) == c.as_ref());
        if let (false, Some(p), Some(r)) = (told, side(provider), side(recipient)) {
            if super::parties::joined_to_an_object(ctx, p, r) {
                *recipient = None;
                joined_supplier = true;
            }
        }
    }
    lender_provides(ty, parties, provider, recipient);
    who_gets_the_money(ctx, ty, (from, to), amount, subject, (provider, recipient));
    // "an offtake agreement with cathode maker Nordchem": the offtaker buys, maker or not.
    let offtake = anchor::said_in(ctx.hits, from, to, Role::Offtake);
    if !(offtake && provider.is_some() && recipient.is_some()) {
        super::parties::maker_described(ctx, (ty, from, to), subject, parties, provider);
        maker_in_clause(ty, ctx.ents, from, to, parties, provider, recipient);
    }
    if ty == DealType::Purchase {
        super::parties::maker_of_the_first_item(ctx, from, parties, (provider, recipient));
        // "… do Tổng công ty Sao Mai làm chủ đầu tư": the project's owner is the client,
        // whatever else the clause said of it.
        if let Some(owner) = super::parties::project_owner(ctx, from, to) {
            if provider.as_ref() == Some(&owner.canonical) {
                *provider = None;
            }
            *recipient = super::parties::party_on_a_side(parties, owner);
        }
    }
    sold_to_a_partys_country(ctx, (ty, from, to), parties, (provider, recipient));
    // One party is never both sides.
    if provider.is_some() && provider == recipient {
        *recipient = None;
    }
    joined_supplier
}

/// "A memorandum between Sao Mai Power and Kestrel Hydro to develop a plant that will sell
/// power to Vietnam", "LNG to be sold to Germany", "nach Deutschland verkauft": where a deal
/// between two parties says its goods are sold (a verb of selling and a country within four words
/// of it) to the home country of exactly one of them, that one buys and the other sells. Only
/// where nothing placed a side, or where the country itself was read as the buyer.
fn sold_to_a_partys_country(
    ctx: &super::names::Ctx,
    (ty, from, to): (DealType, usize, usize),
    parties: &[Name],
    (provider, recipient): (&mut Option<String>, &mut Option<String>),
) {
    if !matches!(
        ty,
        DealType::Mou | DealType::Agreement | DealType::Purchase | DealType::LetterOfIntent
    ) {
        return;
    }
    let st = ctx.text;
    let near = |a: usize, b: usize| {
        a <= b && crate::deal::span::cut(st, a, b).split_whitespace().count() <= 4
    };
    let country = ctx
        .hits
        .iter()
        .filter(|h| h.start >= from && h.end <= to && h.has(|r| *r == Role::SellerVerb))
        .find_map(|v| {
            ctx.ents.iter().find(|e| {
                e.entity.kind == Kind::Country
                    && e.start >= from
                    && e.end <= to
                    && (near(v.end, e.start) || near(e.end, v.start))
            })
        });
    let Some(country) = country else {
        return;
    };
    let c = country.entity.canonical.as_str();
    let country_read_as_buyer = recipient.as_deref() == Some(c);
    if !((provider.is_none() && recipient.is_none()) || country_read_as_buyer) {
        return;
    }
    let others: Vec<&Name> = parties.iter().filter(|p| p.canonical != c).collect();
    let home = |p: &Name| p.country.as_deref() == Some(c);
    if let [a, b] = others[..] {
        let (buyer, seller) = match (home(a), home(b)) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ => return,
        };
        *recipient = Some(buyer.canonical.clone());
        *provider = Some(seller.canonical.clone());
    }
}
