//! Mentions: takes an anchor with its arguments (from `frame` or `free`), asks `kind`, `status`,
//! `parties`, `item` and `roles` for the deal's type, status, parties, item and sides, and hands
//! on a `Mention` (to `merge`); a merged mention becomes a `Deal` record with its sector.

use std::collections::BTreeSet;

use crate::lang::Lang;
use crate::model::{Amount, Deal, DealStatus, DealType, Quantity, stable_id};
use crate::sector;

use super::anchor::{self, Anchor};
use super::frame::Frame;
use super::names::Name;
use super::{item, kind, parties, roles, span, status};

/// A deal as stated in one sentence, before merging mentions of the same deal.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub ty: DealType,
    pub status: DealStatus,
    /// A word of the sentence told the status; it was not guessed from the figures.
    pub status_told: bool,
    pub parties: Vec<Name>,
    pub provider: Option<String>,
    pub recipient: Option<String>,
    pub item: Option<String>,
    pub quantity: Option<u64>,
    pub amount: Option<Amount>,
    /// Sentence span (document offsets).
    pub start: usize,
    pub end: usize,
    pub block: usize,
    pub list_item: bool,
    /// Words of the item, for telling two deals of the same kind apart.
    pub item_words: BTreeSet<String>,
    /// The trigger as written ("financing agreement"): it names the type, not the sector.
    pub trigger: String,
    /// Named by a deal document (a contract, loan, order, tender), not only by an act: with a
    /// stated value it is a deal even where no counterparty's name could be read.
    pub documented: bool,
    /// The side its verb gave the subject is shared by the names joined to the subject ("Norland
    /// and Vestria jointly buy four corvettes"): none of them is on the other side.
    pub joint: bool,
    /// Its sentence opens on a deal word that refers back to a deal already told ("The loan
    /// is split into …", "Khoản vay này gồm …"): it tells a part or a detail of that deal.
    pub continues: bool,
    /// Read as a purchase (its sides are buyer and seller) but reported as an agreement: a
    /// company or a stake in one changes hands, or a framework sets the terms of later orders
    /// (`kind::reported_type`).
    pub reported_agreement: bool,
    /// Its sentence is the article's headline: the first block, with no mark that ends a
    /// sentence ("Orvex, Kestrel Seal Steel Pact").
    pub headline: bool,
    /// For the reader: a side read from the rest of the article, not from the deal's sentence.
    pub notes: Vec<String>,
}

impl Mention {
    /// Adds a party read from outside the mention's own words (the article's main party, the
    /// next sentence, the deal before), unless it is a party already. It has no span of its own:
    /// it points at the mention's start.
    pub(super) fn add_party_told_elsewhere(&mut self, n: Name) {
        let k = crate::entity::key(&n.canonical);
        if !self
            .parties
            .iter()
            .any(|p| crate::entity::key(&p.canonical) == k)
        {
            self.parties.push(Name {
                start: self.start,
                end: self.start,
                ..n
            });
        }
    }

    pub(super) fn info(&self) -> usize {
        2 * self.parties.len()
            + usize::from(self.quantity.is_some())
            + 2 * usize::from(self.amount.is_some())
            + usize::from(self.list_item)
    }
}

/// The mention anchored at `anchors[k]`, with the amount and count already tied to it.
pub(super) fn mention_at(
    f: &Frame,
    anchors: &[Anchor],
    k: usize,
    amount: Option<Amount>,
    quantity: Option<&Quantity>,
) -> Option<Mention> {
    let ctx = f.ctx;
    let hits = ctx.hits;
    let a = &anchors[k];
    let scope_end = anchor::scope_end(anchors, k, ctx.text.len());
    let scope_end = parties::gapped_clause(ctx, a.end, scope_end);
    let pre_start = anchor::pre_start(anchors, k);
    let ty = kind::type_in_scope(a, hits, pre_start, scope_end, quantity);
    let status = status::status_at(
        (ctx.text, hits),
        a,
        pre_start,
        scope_end,
        f.intro_status,
        amount.as_ref(),
        quantity,
    );
    let bid_noun = parties::is_a_bid(ctx, a);
    let status = status::bid_is_announced(ctx.text, hits, a, pre_start, bid_noun, status);
    let status_told = status.told;
    let status = status::aid_is_pledged(ty, a.class, status.status);
    let (mut parties, mut provider, mut recipient, subject) =
        parties::parties_for(ctx, anchors, k, scope_end, ty);
    if matches!(ty, DealType::Aid | DealType::Investment) {
        parties::countries_after(ctx, a, scope_end, &mut parties, &mut recipient);
    }
    let item = item::item_for(ctx, a, ty, quantity, amount.as_ref(), scope_end);
    // "Kestrel Foods was sold to Vestria": the passive's subject is what changes hands; with
    // nothing after the verb to name it, it is the item, not the verb itself.
    let traded = kind::subject_traded(ctx, a, subject.as_ref());
    let item = match traded {
        Some(s)
            if item
                .as_deref()
                .is_none_or(|i| i == super::span::cut(ctx.text, a.start, a.end)) =>
        {
            Some(super::span::cut(ctx.text, s.start, s.end).to_string())
        }
        _ => item,
    };
    // "… hat die Orvex GmbH übernommen": the verb at the clause's end is no item; what is
    // bought stands before it.
    let verb_text = super::span::cut(ctx.text, a.start, a.end);
    let item = match item {
        Some(i) if i == verb_text && a.class == super::lexicon::Class::Action => {
            let after = subject.as_ref().map_or(0, |s| s.end);
            item::object_before_final_verb(ctx, a, amount.as_ref(), after).or(Some(i))
        }
        other => other,
    };
    let after_subject = subject.as_ref().map_or(0, |s| s.end);
    let item = match item::commissioned(ctx, a, amount.as_ref(), after_subject) {
        Some((contractor, work)) if provider.is_none() => {
            provider = parties::party_on_a_side(&mut parties, contractor);
            work.or(item)
        }
        _ => item,
    };
    let qty = item::count_of(ctx, a, ty, quantity);
    parties::supersede_countries(&mut parties);
    let ty = kind::money_from_a_financier(
        ctx,
        a,
        (pre_start, scope_end),
        &parties,
        provider.as_deref(),
    )
    .unwrap_or(ty);
    // Before its roles are decided, the side that gives aid is the one told, else the subject.
    let giver = provider
        .as_deref()
        .or(subject.as_ref().map(|s| s.canonical.as_str()));
    let ty = kind::lent_by_a_lender(ty, ctx, a, &parties, giver);
    let ty = kind::funding_from_business(ty, &parties, (provider.as_deref(), recipient.as_deref()));
    let ty = kind::state_aid_to_a_business(
        ty,
        ctx,
        &parties,
        (provider.as_deref(), recipient.as_deref()),
    );
    let ty = kind::lending_to_a_state(ty, &parties, amount.is_some());
    let joint = joint_side(ctx, subject.as_ref(), &parties, [&provider, &recipient]);
    let joined_supplier = roles::decide(
        ctx,
        (ty, pre_start, scope_end),
        item.as_deref().unwrap_or(""),
        amount.as_ref(),
        (subject.as_ref(), joint),
        &mut parties,
        (&mut provider, &mut recipient),
    );
    if ty == DealType::Purchase {
        parties::buyer_before_infinitive(
            ctx,
            a,
            pre_start,
            &mut parties,
            (&mut provider, &mut recipient),
        );
    }
    if kind::is_state_budget(ty, &parties) {
        return None;
    }
    // A merger's item is the merging itself, not the words after the verb ("merge in a deal").
    let merger = kind::merger(ctx, a, scope_end);
    let item = if merger.is_some() {
        Some(verb_text.to_string())
    } else {
        item
    };
    match merger {
        Some(kind::Merger::Equals) => {
            provider = None;
            recipient = None;
        }
        Some(kind::Merger::Into(Some(buyer))) => {
            let target = subject.as_ref().map(|s| s.canonical.clone());
            recipient = parties::party_on_a_side(&mut parties, buyer);
            provider = target.filter(|t| Some(t) != recipient.as_ref());
        }
        _ => {}
    }
    // Goods counted: a count of discrete things, more than one ("acquired 12 helicopters"); not a
    // measure ("40 million shares") nor a count of one ("một dự án").
    let counted = quantity.is_some_and(|q| q.discrete && q.value > 1) || qty.is_some_and(|q| q > 1);
    let reported_agreement =
        kind::company_changes_hands(ctx, anchors, k, ty, counted, (pre_start, scope_end))
            || kind::bought_the_seller(
                ctx,
                ty,
                counted,
                item.as_deref(),
                (provider.as_deref(), &parties),
            )
            || kind::company_traded(traded, counted)
            || kind::sets_a_framework(ctx.lang, a)
            || kind::sells_a_business(ctx.lang, ty, counted, item.as_deref());
    let joint =
        did_likewise(ctx, &parties, [&mut provider, &mut recipient]) || joint || joined_supplier;
    let s = f.sentence;
    let item_words = item.as_deref().map(item::words).unwrap_or_default();
    Some(Mention {
        ty,
        status,
        status_told,
        parties,
        provider,
        recipient,
        item,
        quantity: qty,
        amount: amount.map(|mut x| {
            x.start += s.start;
            x.end += s.start;
            x
        }),
        start: s.start,
        end: s.end,
        block: s.block,
        list_item: s.list_item,
        item_words,
        trigger: a.head.clone(),
        documented: a.documented,
        joint,
        continues: false,
        reported_agreement,
        headline: s.block == 0
            && !f.doc[s.start..s.end]
                .trim_end()
                .ends_with(['.', ';', ':', '!', '?', ',', '…']),
        notes: Vec::new(),
    })
}

/// "… Capital and Nordmar Partners (a fund of …) also participating": between `from` (a name's
/// end) and `to` stand only other names (capitalised words), the language's joins and
/// parentheses: at most twelve words, no clause mark.
fn joined_names_only(ctx: &super::names::Ctx, from: usize, to: usize) -> bool {
    let gap = super::span::cut(ctx.text, from, to);
    let mut depth = 0usize;
    let mut plain = String::new();
    for c in gap.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let joins = &super::lexicon::lexicon(ctx.lang).joins;
    let words: Vec<&str> = plain.split_whitespace().collect();
    words.len() <= 12
        && !plain.contains(['.', ';', ':'])
        && words.iter().all(|w| {
            let w = w.trim_matches(',');
            w.is_empty() || w.starts_with(char::is_uppercase) || joins.contains(&w.to_lowercase())
        })
}

/// "Norland will give $40 million in aid, so did Vestria": a party right after a word saying
/// it did as the subject did (`Role::Likewise`), or right before one saying it took part too
/// ("with Orvex Capital also participating", `Role::LikewiseAfter`), is on the subject's side: it takes neither side
/// here (no side of its own is told), and none is left for the other side. Whether there was
/// one.
fn did_likewise(
    ctx: &super::names::Ctx,
    parties: &[Name],
    sides: [&mut Option<String>; 2],
) -> bool {
    let likewise: Vec<&Name> = parties
        .iter()
        .filter(|p| {
            ctx.hits.iter().any(|h| {
                (h.has(|r| *r == super::lexicon::Role::Likewise)
                    && h.end <= p.start
                    && super::span::cut(ctx.text, h.end, p.start)
                        .split_whitespace()
                        .count()
                        <= 3)
                    // "with Orvex Capital and Nordmar Partners also participating": after the
                    // name, past the names joined to it and a parenthesis.
                    || (h.has(|r| *r == super::lexicon::Role::LikewiseAfter)
                        && h.start >= p.end
                        && joined_names_only(ctx, p.end, h.start))
            })
        })
        .collect();
    for side in sides {
        if side
            .as_deref()
            .is_some_and(|s| likewise.iter().any(|p| p.canonical == s))
        {
            *side = None;
        }
    }
    !likewise.is_empty()
}

/// "Norland will give $40 million in aid, so did Vestria", "Orvex bought 20 jets, as did
/// Kestrel Air": a party right after a word saying it did as the subject did (`Role::Likewise`,
/// opening a clause of its own after a comma or a join word)
/// made a deal of its own, the same as the subject's: a copy of `m` with that party on the side the
/// subject took (the side of the party written first), and none of its parties but the other
/// side's. That party leaves `m`'s parties. Not one that took part in the subject's deal ("with
/// Orvex Capital also participating": one round, `Role::LikewiseAfter`).
pub(super) fn deal_done_likewise(
    ctx: &super::names::Ctx,
    (from, to): (usize, usize),
    m: &mut Mention,
) -> Option<Mention> {
    let st = ctx.text;
    let other = ctx
        .hits
        .iter()
        .filter(|h| {
            h.start >= from
                && h.end <= to
                && h.has(|r| *r == super::lexicon::Role::Likewise)
                && opens_a_clause(ctx, h.start)
        })
        .find_map(|h| {
            let n = ctx.read_name(super::span::ctx_skip(st, h.end), to)?;
            let gap = super::span::cut(st, h.end, n.start);
            (gap.split_whitespace().count() <= 3 && !gap.contains([',', ';', '.'])).then_some(n)
        })?;
    // The subject's side: the side of the party written first (the subject opens the clause).
    let written_at = |side: Side| {
        side.of(m)
            .as_ref()
            .and_then(|s| m.parties.iter().find(|p| &p.canonical == s))
            .map(|p| p.start)
    };
    let subject_side = match (written_at(Side::Provider), written_at(Side::Recipient)) {
        (Some(p), Some(r)) if r < p => Side::Recipient,
        (Some(_), _) => Side::Provider,
        (None, Some(_)) => Side::Recipient,
        (None, None) => return None,
    };
    if [&m.provider, &m.recipient]
        .iter()
        .any(|s| s.as_deref() == Some(other.canonical.as_str()))
    {
        return None;
    }
    m.parties.retain(|p| p.canonical != other.canonical);
    let mut copy = m.clone();
    copy.joint = false;
    *subject_side.of_mut(&mut copy) = Some(other.canonical.clone());
    let kept = subject_side.other().of(&copy).clone();
    copy.parties = m
        .parties
        .iter()
        .filter(|p| kept.as_deref() == Some(p.canonical.as_str()))
        .cloned()
        .collect();
    copy.parties.insert(0, other);
    Some(copy)
}

/// "…, so did Vestria", "… and so did Vestria": a comma or a join word right before `at` ("cho Lào
/// cũng như Campuchia" joins a second recipient in place, no clause of its own).
fn opens_a_clause(ctx: &super::names::Ctx, at: usize) -> bool {
    let before = super::span::before(ctx.text, at).trim_end();
    before.ends_with(',')
        || ctx
            .hits
            .iter()
            .any(|h| h.end == before.len() && h.has(|r| *r == super::lexicon::Role::BetweenJoin))
}

/// A side of a deal: the party that provides or the one that receives.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Provider,
    Recipient,
}

impl Side {
    pub(super) fn of(self, m: &Mention) -> &Option<String> {
        match self {
            Side::Provider => &m.provider,
            Side::Recipient => &m.recipient,
        }
    }
    pub(super) fn of_mut(self, m: &mut Mention) -> &mut Option<String> {
        match self {
            Side::Provider => &mut m.provider,
            Side::Recipient => &mut m.recipient,
        }
    }
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Side::Provider => "provider",
            Side::Recipient => "recipient",
        }
    }
    pub(super) fn other(self) -> Side {
        match self {
            Side::Provider => Side::Recipient,
            Side::Recipient => Side::Provider,
        }
    }
}

/// "Norland and Vestria jointly buy …": names joined to a subject its verb placed share its side;
/// so do names joined to any party on a side (`shares_a_side`). Then none is left for the other
/// side.
fn joint_side(
    ctx: &super::names::Ctx,
    subject: Option<&Name>,
    parties: &[Name],
    sides: [&Option<String>; 2],
) -> bool {
    let subject_joined = subject.is_some_and(|s| {
        sides
            .iter()
            .any(|side| side.as_deref() == Some(s.canonical.as_str()))
            && parties::joined_to(ctx, s, parties)
    });
    subject_joined || shares_a_side(ctx, parties, sides)
}

/// "Panzer von KNDS und Rheinmetall", "jets from Kestrel and Orvex": a party on neither side
/// joined by "and" to one on a side shares that side; it is not left for the other.
fn shares_a_side(ctx: &super::names::Ctx, parties: &[Name], sides: [&Option<String>; 2]) -> bool {
    let placed = |p: &Name| {
        sides
            .iter()
            .any(|s| s.as_deref() == Some(p.canonical.as_str()))
    };
    let left: Vec<Name> = parties.iter().filter(|p| !placed(p)).cloned().collect();
    parties
        .iter()
        .filter(|p| placed(p))
        .any(|p| parties::joined_to(ctx, p, &left))
}

/// With `DEALTRACK_DEBUG` set: each mention on stderr, before merging.
pub(super) fn trace(text: &str, mentions: &[Mention]) {
    if std::env::var_os("DEALTRACK_DEBUG").is_none() {
        return;
    }
    for m in mentions {
        eprintln!(
            "mention {:?}{} {:?} parties={:?} prov={:?} rec={:?} item={:?} q={:?} amt={:?} block={} :: {}",
            m.ty,
            if m.reported_agreement {
                "(agreement)"
            } else {
                ""
            },
            m.status,
            m.parties.iter().map(|p| &p.canonical).collect::<Vec<_>>(),
            m.provider,
            m.recipient,
            m.item,
            m.quantity,
            m.amount.as_ref().map(|a| a.text.as_str()),
            m.block,
            span::cut(text, m.start, m.end)
                .chars()
                .take(80)
                .collect::<String>()
        );
    }
}

pub(super) fn to_deal(article: &super::Article, lang: Lang, text: &str, mut m: Mention) -> Deal {
    let doc = article.doc;
    states_act_through_their_governments(&mut m, &article.lex.entities);
    let parties: Vec<String> = m.parties.iter().map(|p| p.canonical.clone()).collect();
    let evidence = span::cut(text, m.start, m.end).to_string();
    // A state body's name ("Ministry of Industry and Trade") says nothing of a deal's sector.
    let telling: Vec<String> = m
        .parties
        .iter()
        .filter(|p| !p.kind.is_some_and(|k| k.is_public() || k.is_financial()))
        .map(|p| p.canonical.clone())
        .collect();
    let item = m.item.as_deref().unwrap_or("");
    let trigger = m.trigger.as_str();
    let item_for_sector = if trigger.is_empty() {
        item.to_string()
    } else {
        item.replace(trigger, " ")
    };
    // Nor do the trigger and the party names within the sentence ("European Investment Bank
    // signed a financing agreement … for renewable energy" is about energy).
    // (A deal anchored at its amount, in a sentence with no deal word, has no trigger: its
    // sentence is read whole. `str::replace` of an empty pattern would put a space between
    // every two characters, and no sector word would be found.)
    let mut sentence_for_sector = if trigger.is_empty() {
        evidence.clone()
    } else {
        evidence.replace(trigger, " ")
    };
    for p in &parties {
        // (A canonical name is often not the text's own words: then there is nothing to copy.)
        if sentence_for_sector.contains(p.as_str()) {
            sentence_for_sector = sentence_for_sector.replace(p.as_str(), " ");
        }
    }
    // Only when nothing else names a sector do the trigger's own words count ("arms deal").
    // (Nothing else named one: the parties named none, and are not asked again.)
    let sectors = &article.lex.sectors;
    let sector = sectors
        .best(&item_for_sector, &telling, &sentence_for_sector)
        .or_else(|| sectors.best(item, &[], trigger))
        .unwrap_or_else(|| sector::fallback(m.ty).to_string());
    let id = stable_id(&[
        &article.key,
        m.ty.as_str(),
        &m.start.to_string(),
        &m.end.to_string(),
        m.item.as_deref().unwrap_or(""),
    ]);
    Deal {
        id,
        source: doc.source.clone(),
        published: doc.published,
        language: lang,
        deal_type: kind::reported_type(m.ty, m.reported_agreement),
        status: m.status,
        provider: m.provider,
        recipient: m.recipient,
        parties,
        item: m.item,
        quantity: m.quantity,
        amount: m.amount.as_ref().map(|a| a.value),
        currency: m.amount.as_ref().map(|a| a.currency.clone()),
        currency_inferred: m.amount.as_ref().is_some_and(|a| a.currency_inferred),
        qualifier: m.amount.as_ref().map(|a| a.qualifier),
        amount_max: m.amount.as_ref().and_then(|a| a.value_max),
        sector,
        evidence,
        start: m.start,
        end: m.end,
        sources: Vec::new(),
        reports: Vec::new(),
        notes: m.notes,
    }
}

/// "Norland pledged $50 million in aid", "Norland will lend …": a country on the side that
/// provides is named as its government (`Entities::government_of`), in the parties too, so that
/// the donor of one article and the "Government of Norland" of the next are one party. So is a
/// country that borrows ("a $300 million loan to Norland"): a state's debt is its government's.
/// A country that receives aid or buys keeps its own name (the aid is for the country).
fn states_act_through_their_governments(m: &mut Mention, entities: &crate::entity::Entities) {
    let provider = m.provider.take();
    m.provider = state_as_government(m, entities, provider);
    if m.ty == DealType::Financing {
        let recipient = m.recipient.take();
        m.recipient = state_as_government(m, entities, recipient);
    }
}

/// The name a side takes: `state`'s government where it is a country, `state` otherwise.
fn state_as_government(
    m: &mut Mention,
    entities: &crate::entity::Entities,
    state: Option<String>,
) -> Option<String> {
    let state = state?;
    let is_country = m
        .parties
        .iter()
        .any(|p| p.canonical == state && p.kind == Some(crate::entity::Kind::Country))
        || entities
            .by_canonical(&state)
            .is_some_and(|e| e.kind == crate::entity::Kind::Country);
    if !is_country {
        return Some(state);
    }
    let government = entities.government_of(&state);
    for p in m.parties.iter_mut().filter(|p| p.canonical == state) {
        p.canonical = government.clone();
        p.kind = Some(crate::entity::Kind::Government);
    }
    let mut seen = std::collections::HashSet::new();
    m.parties.retain(|p| seen.insert(p.canonical.clone()));
    Some(government)
}
