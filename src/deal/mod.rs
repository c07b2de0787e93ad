//! Assembling deals from a document: sentences with a deal trigger, their counterparties (who
//! provides, who receives), item, quantity, amount, status and sector; announced totals apart.
//!
//! Per sentence: find triggers (a lexicon per language), drop collective mentions ("các hợp
//! đồng") and statistics, read the parties from the patterns that name them, tie amounts and
//! quantities to the nearest trigger, and mark an amount stated as the sum of several deals as a
//! total. Per document: mentions of the same deal (a caption and the body, a list item and its
//! follow-up sentences) are merged into one deal.

pub mod lexicon;
mod merge;
mod names;
mod span;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use crate::amount;
use crate::entity::{self, Kind};
use crate::lang::Lang;
use crate::model::{
    Amount, Deal, DealStatus, DealType, Document, Extraction, Quantity, Total, stable_id,
};
use crate::sector;
use crate::segment::{self, Sentence};
use crate::text::{Folded, strip_diacritics};

use lexicon::{Class, Hit, Role};
use names::{Ctx, Name};

/// A deal as stated in one sentence, before merging mentions of the same deal.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub ty: DealType,
    pub status: DealStatus,
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
}

impl Mention {
    fn info(&self) -> usize {
        2 * self.parties.len()
            + usize::from(self.quantity.is_some())
            + 2 * usize::from(self.amount.is_some())
            + usize::from(self.list_item)
    }
}

/// The deals and announced totals of one document.
pub fn extract(doc: &Document, lang: Lang) -> Extraction {
    #[cfg(debug_assertions)]
    fault_injection(doc);
    let text = doc.text.as_str();
    let sentences = segment::sentences(text, doc.body_start);
    let mut mentions = Vec::new();
    let mut totals = Vec::new();
    for s in &sentences {
        // A sentence right after one that told a deal may go on telling it ("The contract is
        // worth …", "Auftragswert: knapp eine Milliarde Euro").
        let follows_deal = mentions
            .last()
            .is_some_and(|m: &Mention| m.block + 1 >= s.block);
        analyse(doc, text, s, lang, follows_deal, &mut mentions, &mut totals);
    }
    if std::env::var_os("DEALTRACK_DEBUG").is_some() {
        for m in &mentions {
            eprintln!(
                "mention {:?} {:?} parties={:?} prov={:?} rec={:?} item={:?} q={:?} amt={:?} block={} :: {}",
                m.ty,
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
    let totals = once_each(totals);
    let merged = merge::within_document(mentions);
    let deals = merged
        .into_iter()
        .map(|m| to_deal(doc, lang, text, m))
        .collect();
    Extraction { deals, totals }
}

/// Test builds only: an article containing the text of `DEALTRACK_FAULT_MARKER` panics here, so
/// that tests can prove one failing article never stops a run (tests/robustness.rs).
#[cfg(debug_assertions)]
fn fault_injection(doc: &Document) {
    static MARKER: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let marker = MARKER.get_or_init(|| std::env::var("DEALTRACK_FAULT_MARKER").ok());
    if let Some(m) = marker.as_deref().filter(|m| !m.is_empty()) {
        assert!(
            !doc.text.contains(m),
            "fault injected by DEALTRACK_FAULT_MARKER"
        );
    }
}

fn to_deal(doc: &Document, lang: Lang, text: &str, m: Mention) -> Deal {
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
    let mut sentence_for_sector = evidence.replace(trigger, " ");
    for p in &parties {
        sentence_for_sector = sentence_for_sector.replace(p.as_str(), " ");
    }
    // Only when nothing else names a sector do the trigger's own words count ("arms deal").
    let sectors = sector::sectors();
    let sector = sectors
        .best(&item_for_sector, &telling, &sentence_for_sector)
        .or_else(|| sectors.best(item, &telling, trigger))
        .unwrap_or_else(|| sector::fallback(m.ty).to_string());
    let id = stable_id(&[
        &doc.key(),
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
        deal_type: m.ty,
        status: m.status,
        provider: m.provider,
        recipient: m.recipient,
        parties,
        item: m.item,
        quantity: m.quantity,
        amount: m.amount.as_ref().map(|a| a.value),
        currency: m.amount.as_ref().map(|a| a.currency.clone()),
        qualifier: m.amount.as_ref().map(|a| a.qualifier),
        amount_max: m.amount.as_ref().and_then(|a| a.value_max),
        sector,
        evidence,
        start: m.start,
        end: m.end,
        sources: Vec::new(),
        reports: Vec::new(),
        notes: Vec::new(),
    }
}

/// A trigger accepted as the anchor of a deal mention.
struct Anchor {
    start: usize,
    end: usize,
    /// The trigger phrase itself (for a compound, its head: "hilfe" in "Militärhilfe").
    head: String,
    ty: DealType,
    class: Class,
}

fn analyse(
    doc: &Document,
    text: &str,
    s: &Sentence,
    lang: Lang,
    follows_deal: bool,
    mentions: &mut Vec<Mention>,
    totals: &mut Vec<Total>,
) {
    let st = span::cut(text, s.start, s.end);
    let folded = Folded::new(st);
    let lex = lexicon::lexicon(lang);
    let hits = lex.scan(st, &folded);
    let ents_lex = entity::entities();
    let ents = ents_lex.find(st, &folded);
    let (amounts, quantities) = amount::recognise(st, lang);
    let ctx = Ctx {
        text: st,
        lang,
        hits: &hits,
        ents: &ents,
        lexicon: ents_lex,
    };

    let statistic = hits.iter().any(|h| h.has(|r| *r == Role::StatisticCue));
    let mut anchors: Vec<Anchor> = Vec::new();
    for (i, h) in hits.iter().enumerate() {
        let Some((ty, class, plural)) = h.trigger() else {
            continue;
        };
        if plural || h.has(|r| *r == Role::Blocker) || collective(st, &hits, i) {
            continue;
        }
        if class == Class::Action {
            // An act only anchors a deal when no agreement is named in the sentence.
            if statistic || anchors.iter().any(|a| a.class == Class::Document) {
                continue;
            }
            if hits[i + 1..]
                .iter()
                .any(|h| h.trigger().is_some_and(|t| t.1 == Class::Document && !t.2))
            {
                continue;
            }
            if anchors.iter().any(|a| a.class == Class::Action) {
                continue;
            }
        }
        // "an agreement on a yen loan", "thỏa thuận về khoản vay": the second trigger says what
        // the generic first one is about; one deal, of the specific kind.
        if let Some(prev) = anchors.last_mut() {
            let gap = span::cut(st, prev.end, h.start);
            let between_hits = hits
                .iter()
                .filter(|x| x.start >= prev.end && x.end <= h.start)
                .any(|x| {
                    x.has(|r| {
                        matches!(
                            r,
                            Role::BetweenOpen
                                | Role::With
                                | Role::To
                                | Role::From
                                | Role::Status(_)
                        )
                    })
                });
            if prev.class == Class::Document
                && prev.ty == DealType::Agreement
                && class == Class::Document
                && !between_hits
                && gap.split_whitespace().count() <= 4
                && !gap.contains([',', ';', '.'])
            {
                prev.ty = ty;
                continue;
            }
        }
        // A compound whose head is the trigger starts where its word starts, but never inside
        // the previous anchor ("Bestellung-Deal" is two triggers in one word).
        let floor = anchors.last().map_or(0, |p| p.end);
        anchors.push(Anchor {
            start: word_start(st, h.start).max(floor).min(h.start),
            end: h.end,
            head: span::cut(st, h.start, h.end).to_string(),
            ty,
            class,
        });
    }

    // Conversions are no amounts of their own; totals are kept apart from the deals.
    let mut free: Vec<&Amount> = amounts
        .iter()
        .filter(|x| !is_conversion(st, &hits, &amounts, x))
        .collect();
    let single_named_deal = anchors.len() == 1
        && anchors[0].class == Class::Document
        && !parties_for(&ctx, &anchors, 0, st.len()).0.is_empty();
    free.retain(|a| {
        if !is_total(st, &hits, a, single_named_deal, statistic) {
            return true;
        }
        totals.push(Total {
            id: stable_id(&[&doc.source, "total", &(s.start + a.start).to_string()]),
            source: doc.source.clone(),
            published: doc.published,
            language: lang,
            amount: a.value,
            currency: a.currency.clone(),
            qualifier: a.qualifier,
            evidence: st.to_string(),
            start: s.start,
            end: s.end,
        });
        false
    });

    let intro_status = s.list_intro.and_then(|(a, b)| {
        let it = span::cut(text, a, b);
        let f = Folded::new(it);
        lex.scan(it, &f).iter().find_map(|h| h.status())
    });

    let frame = Frame {
        ctx: &ctx,
        sentence: s,
        intro_status,
    };
    let mut used: Vec<usize> = Vec::new();
    for k in 0..anchors.len() {
        let a = &anchors[k];
        let scope_end = anchors.get(k + 1).map_or(st.len(), |n| n.start);
        let pre_start = if k == 0 { 0 } else { anchors[k - 1].end };
        let in_scope = |pos: usize| -> bool {
            if anchors.len() == 1 {
                true
            } else {
                pos >= a.start && pos < scope_end
            }
        };
        // An amount in the trigger's scope, or just before it ("a $1.2 billion contract").
        let just_before = |pos: usize| {
            pos >= pre_start
                && pos < a.start
                && span::cut(st, pos, a.start).split_whitespace().count() <= 4
        };
        let amount = nearest(
            free.iter()
                .copied()
                .filter(|x| !aggregate_figure(&hits, x))
                .filter(|x| in_scope(x.start) || just_before(x.start)),
            a,
            |x| (x.start, x.end),
        )
        .cloned();
        let quantity: Option<&Quantity> =
            nearest(quantities.iter().filter(|q| in_scope(q.start)), a, |q| {
                (q.start, q.end)
            });
        if a.class == Class::Action && amount.is_none() && quantity.is_none() {
            continue;
        }
        let at = amount.as_ref().map(|x| x.start);
        if let Some(m) = mention_at(&frame, &anchors, k, amount, quantity) {
            used.extend(at);
            mentions.push(m);
        }
    }
    amount_anchored(
        &frame,
        &amounts,
        &free,
        &used,
        statistic,
        follows_deal,
        mentions,
    );
}

/// One sentence's analysis context, shared by the mentions built in it.
struct Frame<'a> {
    ctx: &'a Ctx<'a>,
    sentence: &'a Sentence,
    /// The status said by the sentence that introduces a list, for its items.
    intro_status: Option<DealStatus>,
}

/// The mention anchored at `anchors[k]`, with the amount and count already tied to it.
fn mention_at(
    f: &Frame,
    anchors: &[Anchor],
    k: usize,
    amount: Option<Amount>,
    quantity: Option<&Quantity>,
) -> Option<Mention> {
    let ctx = f.ctx;
    let st = ctx.text;
    let s = f.sentence;
    let intro_status = f.intro_status;
    let a = &anchors[k];
    let scope_end = anchors.get(k + 1).map_or(st.len(), |n| n.start);
    let pre_start = if k == 0 { 0 } else { anchors[k - 1].end };
    let hits = ctx.hits;
    let mut ty = refine_type(a, hits, scope_end);
    // A generic contract for a number of things is a purchase ("a contract for 50 jets"), and
    // so is one a supplier won ("Boeing won an order", "erhielt einen Auftrag").
    let received = hits
        .iter()
        .filter(|h| h.start >= pre_start && h.start < scope_end)
        .any(|h| h.has(|r| *r == Role::Receive));
    if ty == DealType::Agreement && (quantity.is_some() || received) {
        ty = DealType::Purchase;
    }
    // A trigger that is itself a verb of status ("ordered", "bestellte") says it first.
    let own_status = hits
        .iter()
        .find(|h| h.start >= a.start && h.end == a.end)
        .and_then(|h| h.status());
    let status = own_status
        .or_else(|| status_for(hits, a, pre_start, scope_end))
        .or(intro_status)
        .unwrap_or_else(|| default_status(amount.as_ref(), quantity));
    let (mut parties, mut provider, mut recipient, subject) =
        parties_for(ctx, anchors, k, scope_end);
    // Aid and investment: a country named after the act is the one that receives it.
    if matches!(ty, DealType::Aid | DealType::Investment) {
        for e in ctx
            .ents
            .iter()
            .filter(|e| e.start >= a.end && e.start < scope_end)
        {
            if e.entity.kind == Kind::Country
                && !parties.iter().any(|p| p.canonical == e.entity.canonical)
            {
                parties.push(Name {
                    start: e.start,
                    end: e.end,
                    canonical: e.entity.canonical.clone(),
                    kind: Some(e.entity.kind),
                    country: e.entity.country.clone(),
                });
                if recipient.is_none() {
                    recipient = Some(e.entity.canonical.clone());
                }
            }
        }
    }
    let item = item_for(ctx, a, ty, quantity, amount.as_ref(), scope_end);
    let mut qty = quantity.filter(|q| q.discrete).map(|q| q.value);
    if qty.is_none() && matches!(ty, DealType::Purchase | DealType::Financing) {
        // "mua hệ thống xạ trị": one system.
        let after = ctx_skip(st, a.end);
        if hits
            .iter()
            .any(|h| h.start == after && h.has(|r| *r == Role::SingularHead))
        {
            qty = Some(1);
        }
    }
    supersede_countries(&mut parties);
    // "funding" from a company or a fund is an investment, not aid.
    if ty == DealType::Aid {
        let from_business = parties.iter().any(|p| {
            provider.as_deref() == Some(p.canonical.as_str())
                && p.kind.is_some_and(|k| {
                    matches!(
                        k,
                        Kind::Company | Kind::Manufacturer | Kind::Bank | Kind::Fund
                    )
                })
        });
        if from_business {
            ty = DealType::Investment;
        }
    }
    assign_roles(
        ty,
        &parties,
        item.as_deref().unwrap_or(""),
        subject.as_ref(),
        &mut provider,
        &mut recipient,
    );
    // A state investing or spending on its own, with no counterparty, is a budget, not a deal
    // ("Die Bundesregierung plant Investitionen in Höhe von 100 Milliarden Euro").
    if ty == DealType::Investment
        && parties.len() == 1
        && parties[0]
            .kind
            .is_some_and(|k| matches!(k, Kind::Country | Kind::Government))
    {
        return None;
    }
    let item_words = item.as_deref().map(words).unwrap_or_default();
    Some(Mention {
        ty,
        status,
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
        documented: a.class == Class::Document,
    })
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

fn ctx_skip(st: &str, pos: usize) -> usize {
    pos + (span::after(st, pos).len() - span::after(st, pos).trim_start().len())
}

/// A trigger right after a plural marker ("các hợp đồng và thỏa thuận") or a count above one
/// ("20 hợp đồng", "three agreements") names many deals at once.
fn collective(st: &str, hits: &[Hit], i: usize) -> bool {
    let before = st[..hits[i].start].trim_end();
    let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    if last_word.chars().all(|c| c.is_ascii_digit())
        && last_word.parse::<u64>().is_ok_and(|n| n > 1)
    {
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
            if !whole_scope
                && h.has(|r| {
                    matches!(
                        r,
                        Role::BetweenOpen
                            | Role::With
                            | Role::To
                            | Role::From
                            | Role::Of
                            | Role::Status(_)
                    )
                })
                && h.type_cue().is_none()
                && h.trigger().is_none()
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

/// The status cue nearest before the trigger (in its clause), else the first after it.
fn status_for(hits: &[Hit], a: &Anchor, pre_start: usize, scope_end: usize) -> Option<DealStatus> {
    let cues: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.end <= a.start && h.start >= pre_start && h.status().is_some())
        .collect();
    let before = cues.last().map(|h| {
        let s = h.status().unwrap();
        // "dự kiến ký", "sẽ ký", "will sign", "plant zu unterzeichnen": a plan or a talk about
        // signing is not a signature.
        if s == DealStatus::Signed && cues.len() >= 2 {
            let prev = cues[cues.len() - 2];
            let p = prev.status().unwrap();
            // Next to each other, or with a function word between ("plans to sign").
            let near = h.start.saturating_sub(prev.end) <= 12
                && hits
                    .iter()
                    .filter(|x| x.start >= prev.end && x.end <= h.start)
                    .all(|x| !x.has(|r| matches!(r, Role::Trigger { .. } | Role::Status(_))));
            if near && matches!(p, DealStatus::Proposed | DealStatus::Negotiating) {
                return p;
            }
        }
        s
    });
    before.or_else(|| {
        hits.iter()
            .filter(|h| h.start >= a.end && h.start < scope_end)
            .find_map(|h| h.status())
    })
}

type PartyInfo = (Vec<Name>, Option<String>, Option<String>, Option<Name>);

/// Parties of a merged deal: a country is not a second party beside its own agency.
pub(crate) fn tidy_parties(parties: &mut Vec<Name>) {
    supersede_countries(parties);
}

fn push_party(parties: &mut Vec<Name>, n: Name) {
    if !parties.iter().any(|p| p.canonical == n.canonical) {
        parties.push(n);
    }
}

/// Parties of the anchor `k`: "between A and B", "with B", "to B", "from B", "of A", the subject.
fn parties_for(ctx: &Ctx, anchors: &[Anchor], k: usize, scope_end: usize) -> PartyInfo {
    let a = &anchors[k];
    let st = ctx.text;
    let hits = ctx.hits;
    let mut parties: Vec<Name> = Vec::new();
    let mut provider = None;
    let mut recipient = None;
    let pre_start = if k == 0 { 0 } else { anchors[k - 1].end };

    // "between A and B" / "of A and B"
    for open in hits
        .iter()
        .filter(|h| h.start >= a.end && h.start < scope_end)
        .filter(|h| h.has(|r| matches!(r, Role::BetweenOpen | Role::Of)))
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
        push_party(&mut parties, first);
        if let (Some(b), true) = (second, joined_right) {
            push_party(&mut parties, b);
        }
        break;
    }
    // Two countries joined by a dash after the trigger: "Hiệp định thương mại Việt - Mỹ".
    let dash_pair: Vec<_> = ctx
        .ents
        .windows(2)
        .filter(|w| w[0].start >= a.end && w[1].end <= scope_end)
        .filter(|w| {
            let gap = st[w[0].end..w[1].start].trim();
            matches!(gap, "-" | "–" | "—")
        })
        .map(|w| (w[0], w[1]))
        .collect();
    if let Some((x, y)) = dash_pair.first() {
        for e in [x, y] {
            push_party(
                &mut parties,
                Name {
                    start: e.start,
                    end: e.end,
                    canonical: e.entity.canonical.clone(),
                    kind: Some(e.entity.kind),
                    country: e.entity.country.clone(),
                },
            );
        }
    }
    // "with B" (before or after the trigger, in its clause)
    for h in hits
        .iter()
        .filter(|h| h.start >= pre_start && h.start < scope_end)
        .filter(|h| h.has(|r| *r == Role::With))
    {
        if let Some(n) = ctx.read_name(h.end, scope_end) {
            push_party(&mut parties, n);
            break;
        }
    }
    // "to B": the recipient; "from B": the provider — unless the subject won or received the
    // contract from B ("Boeing won an order from Korean Air"): then B is the client.
    let received = hits
        .iter()
        .filter(|h| h.start >= pre_start && h.start < scope_end)
        .any(|h| h.has(|r| *r == Role::Receive));
    // After the trigger, or just before it in its clause ("cho Việt Nam vay", "an X geliefert").
    let clause_start = span::cut(st, pre_start, a.start)
        .rfind([';', ':', ','])
        .map_or(pre_start, |i| pre_start + i + 1);
    for h in hits.iter().filter(|h| {
        (h.start >= a.end && h.start < scope_end) || (h.start >= clause_start && h.end <= a.start)
    }) {
        if h.has(|r| *r == Role::To) && recipient.is_none() {
            if let Some(n) = ctx.read_name(h.end, scope_end) {
                recipient = Some(n.canonical.clone());
                // "cho PV Power và Tokyo Gas": the names joined to it receive it too.
                let mut joined = vec![n];
                coordinated(ctx, &mut joined, scope_end);
                joined.into_iter().for_each(|n| push_party(&mut parties, n));
            }
        } else if h.has(|r| *r == Role::From) && provider.is_none() {
            if let Some(n) = ctx.read_name(h.end, scope_end) {
                provider = Some(n.canonical.clone());
                let mut joined = vec![n];
                coordinated(ctx, &mut joined, scope_end);
                joined.into_iter().for_each(|n| push_party(&mut parties, n));
            }
        }
    }
    // The object of a buying verb is a party: the company acquired ("Exxon agreed to buy Pioneer
    // Natural Resources"), or the maker bought from ("bought Airbus jets").
    let buys = hits
        .iter()
        .any(|h| h.start >= a.start && h.end == a.end && h.has(|r| *r == Role::BuyerVerb));
    if a.class == Class::Action && buys {
        if let Some(n) = ctx.read_name(a.end, scope_end) {
            if span::cut(st, a.end, n.start).split_whitespace().count() <= 2 {
                push_party(&mut parties, n);
            }
        }
    }
    // The subject: known entities close before the trigger (or before the verb that governs it).
    // "von B … erhalten": the from-marker may stand before the trigger too.
    if provider.is_none() {
        for h in hits
            .iter()
            .filter(|h| h.start >= pre_start && h.end <= a.start && h.has(|r| *r == Role::From))
        {
            if let Some(n) = ctx.read_name(h.end, a.start) {
                provider = Some(n.canonical.clone());
                push_party(&mut parties, n);
                break;
            }
        }
    }
    // A supplier that won a contract from its client: swap. (A ministry that receives aid "from"
    // a donor is already the recipient.)
    if received && matches!(a.ty, DealType::Purchase | DealType::Agreement) {
        std::mem::swap(&mut provider, &mut recipient);
    }
    let subjects = subject_of(ctx, a, pre_start);
    let subject = subjects.first().cloned();
    // "X awarded a contract to B", "X vergibt einen Auftrag an B": B is the contractor, X the
    // client.
    let awarded = hits
        .iter()
        .filter(|h| h.start >= pre_start && h.start < scope_end)
        .any(|h| h.has(|r| *r == Role::Award));
    if awarded && !received && matches!(a.ty, DealType::Purchase | DealType::Agreement) {
        if provider.is_none() {
            provider = recipient.take();
        }
        if let Some(s) = subject
            .as_ref()
            .filter(|s| provider.as_ref() != Some(&s.canonical))
        {
            recipient.get_or_insert_with(|| s.canonical.clone());
        }
    }
    // Which side the subject is on, when its verb says it: "Bayer übernimmt", "X sells".
    let verb_side = hits
        .iter()
        .filter(|h| h.start >= pre_start && h.start < scope_end)
        .find_map(|h| {
            if h.has(|r| *r == Role::BuyerVerb) {
                Some(true)
            } else if h.has(|r| *r == Role::SellerVerb) {
                Some(false)
            } else {
                None
            }
        });
    // With two subjects ("A và B ký thỏa thuận cung cấp …") a supply verb does not say which one
    // supplies; a buying verb still makes the first-named the buyer, as news usually writes it.
    let verb_side = verb_side.filter(|buys| *buys || subjects.len() < 2);
    if let (Some(s), Some(buys)) = (&subject, verb_side) {
        if matches!(a.ty, DealType::Purchase | DealType::Agreement) && !received {
            let slot = if buys { &mut recipient } else { &mut provider };
            if slot.is_none() {
                *slot = Some(s.canonical.clone());
            }
        }
    }
    // A supplier that received an order provides it.
    if received && matches!(a.ty, DealType::Purchase | DealType::Agreement) && provider.is_none() {
        if let Some(s) = &subject {
            if recipient.as_ref() != Some(&s.canonical) {
                provider = Some(s.canonical.clone());
            }
        }
    }
    // Names between the verb and the trigger receive it: "erteilte der Telekom eine Lizenz",
    // "gewährt Vietnam einen Kredit".
    if let Some(s) = &subject {
        for e in ctx
            .ents
            .iter()
            .filter(|e| e.start >= s.end && e.end <= a.start)
        {
            let after_preposition = hits.iter().any(|h| {
                h.end <= e.start
                    && span::cut(st, h.end, e.start).trim().is_empty()
                    && h.has(|r| matches!(r, Role::Locative | Role::Of | Role::From | Role::With))
            });
            let inside_party = parties.iter().any(|p| p.start <= e.start && e.end <= p.end);
            if after_preposition || inside_party || e.entity.canonical == s.canonical {
                continue;
            }
            push_party(
                &mut parties,
                Name {
                    start: e.start,
                    end: e.end,
                    canonical: e.entity.canonical.clone(),
                    kind: Some(e.entity.kind),
                    country: e.entity.country.clone(),
                },
            );
            if recipient.is_none()
                && matches!(
                    a.ty,
                    DealType::Licence | DealType::Financing | DealType::Aid
                )
            {
                recipient = Some(e.entity.canonical.clone());
            }
        }
    }
    // "Vietcombank secured a loan", "Bộ Y tế tiếp nhận vắc xin": who receives is the recipient.
    if received && recipient.is_none() && !matches!(a.ty, DealType::Purchase | DealType::Agreement)
    {
        if let Some(s) = &subject {
            if provider.as_ref() != Some(&s.canonical) {
                recipient = Some(s.canonical.clone());
            }
        }
    }
    if let Some(sub) = &subject {
        if recipient.is_some() && provider.is_none() && recipient.as_ref() != Some(&sub.canonical) {
            provider = Some(sub.canonical.clone());
        } else if provider.is_some()
            && recipient.is_none()
            && provider.as_ref() != Some(&sub.canonical)
        {
            recipient = Some(sub.canonical.clone());
        }
        let mut all = subjects.clone();
        all.extend(parties);
        parties = Vec::new();
        for p in all {
            push_party(&mut parties, p);
        }
    }
    (parties, provider, recipient, subject)
}

/// Known entities within a few words before the trigger, in the same clause; else a name that
/// opens the clause ("Lufthansa hat … bestellt").
fn subject_of(ctx: &Ctx, a: &Anchor, pre_start: usize) -> Vec<Name> {
    let st = ctx.text;
    let clause_start = span::cut(st, pre_start, a.start)
        .rfind([';', ':'])
        .map_or(pre_start, |i| pre_start + i + 1);
    const WINDOW: usize = 7;
    // The subject stands before the clause's first verb ("Bộ Y tế tiếp nhận … do Nhật Bản viện
    // trợ"), or before the trigger.
    let verb = ctx
        .hits
        .iter()
        .filter(|h| h.start >= clause_start && h.end <= a.start)
        .find(|h| h.has(|r| matches!(r, Role::Status(_) | Role::Receive)))
        .map_or(a.start, |h| h.start);
    // Words between a name and the verb; another entity's name counts as one word.
    let distance = |from: usize, to: usize| -> usize {
        let mut n = span::cut(st, from, to).split_whitespace().count();
        for e in ctx.ents.iter().filter(|e| e.start >= from && e.end <= to) {
            n = n + 1
                - span::cut(st, e.start, e.end)
                    .split_whitespace()
                    .count()
                    .min(n);
        }
        n
    };
    let mut found: Vec<Name> = Vec::new();
    for e in ctx
        .ents
        .iter()
        .filter(|e| e.start >= clause_start && e.end <= a.start)
    {
        // "tại Hoa Kỳ", "in Germany": a place, not a party.
        // … nor is the possessor in "đối tác của Hoa Kỳ" or a name after any other preposition.
        let place = ctx.hits.iter().any(|h| {
            h.has(|r| {
                matches!(
                    r,
                    Role::Locative | Role::Of | Role::To | Role::From | Role::With
                )
            }) && h.end <= e.start
                && span::cut(st, h.end, e.start).trim().is_empty()
        });
        let before_verb = e.end <= verb && distance(e.end, verb) <= WINDOW;
        // Where the participle comes last, the clause's first name is its subject however far
        // the verb ("Das Ministerium hat bei Rheinmetall 200 Radpanzer … bestellt").
        let opens_clause = lexicon::lexicon(ctx.lang).verb_final
            && span::cut(st, clause_start, e.start)
                .split_whitespace()
                .count()
                <= 1;
        if !place && (before_verb || opens_clause || distance(e.end, a.start) <= WINDOW) {
            found.push(Name {
                start: e.start,
                end: e.end,
                canonical: e.entity.canonical.clone(),
                kind: Some(e.entity.kind),
                country: e.entity.country.clone(),
            });
        }
    }
    if !found.is_empty() {
        coordinated(ctx, &mut found, verb);
        found.truncate(3);
        return found;
    }
    let Some(n) = ctx.read_name(clause_start, a.start) else {
        return Vec::new();
    };
    let between = span::cut(st, n.end, a.start).split_whitespace().count();
    if between <= WINDOW {
        let mut found = vec![n];
        coordinated(ctx, &mut found, verb);
        found
    } else {
        Vec::new()
    }
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

/// When a country's own agency is a party, the country is not a second party.
fn supersede_countries(parties: &mut Vec<Name>) {
    let agencies: Vec<String> = parties
        .iter()
        .filter(|p| p.kind.is_some_and(|k| k != Kind::Country))
        .filter_map(|p| p.country.clone())
        .collect();
    if parties.len() > 2 {
        parties.retain(|p| !(p.kind == Some(Kind::Country) && agencies.contains(&p.canonical)));
    }
}

fn financial_name(n: &Name) -> bool {
    if n.kind.is_some_and(Kind::is_financial) {
        return true;
    }
    let low = n.canonical.to_lowercase();
    [
        "bank",
        "capital",
        "asset management",
        "finance",
        "financial",
        "leasing",
        "lease",
        "fund",
        "credit",
        "investment",
        "ngân hàng",
        "quỹ",
        "kredit",
        "invest",
    ]
    .iter()
    .any(|w| low.contains(w))
}

/// Who provides and who receives, from the deal type and what the parties are, when the text
/// did not say it with "to"/"from".
fn assign_roles(
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
    // A lone investor or donor named as the subject ("Samsung công bố đầu tư thêm 1,8 tỷ USD").
    if parties.len() == 1 {
        if matches!(ty, DealType::Aid | DealType::Investment) && provider.is_none() {
            if let Some(s) = subject.filter(|s| s.canonical == parties[0].canonical) {
                if recipient.as_deref() != Some(s.canonical.as_str()) {
                    *provider = Some(s.canonical.clone());
                }
            }
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
        .or_else(|| {
            parties
                .get(1)
                .map(|p| p.canonical.clone())
                .filter(|_| parties.len() == 2)
        }),
        DealType::Financing => {
            pick(&|p: &Name| p.kind.is_some_and(Kind::is_financial)).or_else(|| {
                pick(&|p: &Name| !p.kind.is_some_and(Kind::is_public) && financial_name(p))
            })
        }
        DealType::Licence => pick(&|p: &Name| p.kind.is_some_and(Kind::is_public))
            .or_else(|| subject.map(|s| s.canonical.clone())),
        DealType::Aid | DealType::Investment => subject.map(|s| s.canonical.clone()),
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

/// The words of an item, folded and crudely stemmed, for comparing mentions of one deal written
/// with different inflections ("Gegenseitige Handelsabkommen" / "Gegenseitigen Handelsabkommens").
fn words(item: &str) -> BTreeSet<String> {
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
    h.has(|r| {
        matches!(
            r,
            Role::BetweenOpen
                | Role::With
                | Role::To
                | Role::From
                | Role::Of
                | Role::Status(_)
                | Role::TotalCue
                | Role::ItemStop
        )
    })
}

/// The text from `from` up to the first item stop (a party marker, a status cue, a clause end).
fn span_until_stop(ctx: &Ctx, from: usize, limit: usize, max_words: usize) -> Option<String> {
    let st = ctx.text;
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
    // A dangling function word is not part of the item ("Pioneer for", "Auftrag über").
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
    let s = span::cut(st, from, end)
        .trim()
        .trim_end_matches([',', ';', ':', '.']);
    (!s.is_empty()).then(|| s.to_string())
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

fn item_for(
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
        return item_span(ctx, q.end, scope_end, 8, amount).or_else(|| Some(q.unit.clone()));
    }
    if matches!(
        ty,
        DealType::Aid | DealType::Financing | DealType::Investment
    ) {
        if let Some(am) = amount {
            if let Some(p) = ctx.hits.iter().find(|h| {
                h.start >= am.end && h.start <= am.end + 2 && h.has(|r| *r == Role::Purpose)
            }) {
                if let Some(s) = span_until_stop(ctx, p.end, scope_end, 10) {
                    return Some(s);
                }
            }
        }
    }
    let generic = matches!(
        ty,
        DealType::Purchase | DealType::Financing | DealType::Investment | DealType::Aid
    );
    let from = if generic { a.end } else { a.start };
    item_span(ctx, from, scope_end, 16, amount)
        .or_else(|| Some(span::cut(ctx.text, a.start, a.end).to_string()))
}

/// The smallest amount that can be a deal's value by itself: below it, a figure in a deal's
/// sentence is a price or a fee ("$60 in cash … for each share", "7.500 Dollar Steuergutschrift").
const MIN_DEAL_VALUE: i64 = 10_000;

/// "The six suppliers are A ($48 million), B ($15 million) …", "Norway pledged USD 75 million,
/// Denmark 26.8 million euros": a money amount that no trigger took, in a sentence that speaks of
/// a deal (a trigger, or a verb of buying, selling, winning or awarding), is a deal of its own,
/// anchored at the amount. Not when it is a conversion of the amount before it, a unit price, a
/// statistic's figure or too small to be a deal.
fn amount_anchored(
    f: &Frame,
    amounts: &[Amount],
    free: &[&Amount],
    used: &[usize],
    statistic: bool,
    follows_deal: bool,
    mentions: &mut Vec<Mention>,
) {
    let hits = f.ctx.hits;
    let speaks_of_deal = hits.iter().any(|h| {
        !h.has(|r| *r == Role::Blocker)
            && (h.trigger().is_some()
                || h.has(|r| {
                    matches!(
                        r,
                        Role::Receive | Role::Award | Role::BuyerVerb | Role::SellerVerb
                    )
                }))
    });
    if !(speaks_of_deal || follows_deal) {
        return;
    }
    for x in free.iter().filter(|x| !used.contains(&x.start)) {
        // Where the sentence also gives statistics, only an amount beside a deal word is a deal's.
        let statistic_figure =
            statistic && (names_a_statistic(f.ctx, x) || !beside_a_deal_word(f.ctx, x));
        if !stands_for_a_deal(f.ctx, amounts, x) || statistic_figure {
            continue;
        }
        // "… signed a contract for new trucks. The value is put at 85 million euros.": with no
        // deal word of its own, the sentence gives the value of the deal just told.
        if !speaks_of_deal {
            if let Some(last) = mentions.last_mut().filter(|m| m.amount.is_none()) {
                let mut a = (*x).clone();
                a.start += f.sentence.start;
                a.end += f.sentence.start;
                last.amount = Some(a);
                continue;
            }
        }
        let (ty, head, class) = nearest_trigger(f.ctx.text, hits, x.start);
        let anchor = [Anchor {
            start: x.start,
            end: x.end,
            head,
            ty,
            class,
        }];
        if let Some(m) = mention_at(f, &anchor, 0, Some((*x).clone()), None) {
            mentions.push(m);
        }
    }
}

/// Whether an amount can be a deal's value: not a bracketed conversion of the amount before it
/// ("€6.3 billion ($7 billion)"), not a unit price ("$58 a share", "pro Aktie"), not a fee.
fn stands_for_a_deal(ctx: &Ctx, amounts: &[Amount], x: &Amount) -> bool {
    if x.value < rust_decimal::Decimal::from(MIN_DEAL_VALUE) {
        return false;
    }
    let st = ctx.text;
    let conversion = is_conversion(st, ctx.hits, amounts, x);
    let after = ctx_skip(st, x.end);
    let unit_price = ctx
        .hits
        .iter()
        .any(|h| h.start == after && h.has(|r| *r == Role::UnitPrice));
    !conversion && !unit_price
}

/// The type and words of the trigger nearest to `pos` in the sentence (before or after), else a
/// purchase when a verb of buying or winning speaks, else an agreement.
fn nearest_trigger(st: &str, hits: &[Hit], pos: usize) -> (DealType, String, Class) {
    let best = hits
        .iter()
        .filter(|h| !h.has(|r| *r == Role::Blocker))
        .filter_map(|h| h.trigger().map(|t| (h, t.0, t.1)))
        .min_by_key(|(h, ..)| h.start.abs_diff(pos));
    match best {
        Some((h, ty, class)) => (ty, span::cut(st, h.start, h.end).to_string(), class),
        None => (DealType::Purchase, String::new(), Class::Action),
    }
}

/// Of the candidates, the one nearest to the anchor: "saw airlines booking Dh70 billion in
/// orders, with Emirates placing an order worth $15.1 billion": the order's value is the one
/// beside it, not the first in the sentence. Ties go to the one after the anchor.
fn nearest<'x, T>(
    candidates: impl Iterator<Item = &'x T>,
    a: &Anchor,
    span_of: impl Fn(&T) -> (usize, usize),
) -> Option<&'x T> {
    candidates.min_by_key(|c| {
        let (start, end) = span_of(c);
        if start >= a.end {
            (start - a.end, 0)
        } else if end <= a.start {
            (a.start - end, 1)
        } else {
            (0, 0)
        }
    })
}

/// "Dh70 billion in orders", "2 tỷ USD các hợp đồng", "Aufträge über 5 Milliarden": an amount
/// beside a plural deal noun sums several deals; it belongs to none of them.
fn aggregate_figure(hits: &[Hit], x: &Amount) -> bool {
    hits.iter().any(|h| {
        h.trigger().is_some_and(|t| t.2)
            && !h.has(|r| *r == Role::Blocker)
            && ((h.start >= x.end && h.start - x.end <= 4)
                || (h.end <= x.start && x.start - h.end <= 6))
    })
}

/// "€6.3 billion ($7 billion)", "4,7 tỷ yen (khoảng 829 tỷ đồng)": an amount in brackets right
/// after another amount restates it in another currency; it is no amount of its own.
///
/// Without brackets, a conversion cue of the language between them says it ("5.354 tỉ đồng, tương
/// đương 230,76 triệu đô la Mỹ", "umgerechnet 12,3 Millionen Euro").
fn is_conversion(st: &str, hits: &[Hit], amounts: &[Amount], x: &Amount) -> bool {
    amounts.iter().any(|y| {
        y.end <= x.start && {
            let gap = span::cut(st, y.end, x.start).trim();
            let bracketed =
                gap.starts_with('(') && gap.split_whitespace().count() <= 3 && !gap.contains(')');
            let cued = gap.split_whitespace().count() <= 4
                && !gap.contains([';', ')'])
                && hits.iter().any(|h| {
                    h.start >= y.end && h.end <= x.start && h.has(|r| *r == Role::ConversionCue)
                });
            bracketed || cued
        }
    })
}

/// Whether an amount is an announced total of several deals:
/// - "Dh69b deals", "signed deals worth $1 billion", "các văn kiện … 37,2 tỷ USD": the deal noun
///   nearest to it is plural or collective;
/// - "in total $2 billion", "insgesamt 717 Millionen": a total cue stands before it in its clause
///   or right after it, and no single named deal is the sentence's subject.
fn is_total(st: &str, hits: &[Hit], x: &Amount, single_named_deal: bool, statistic: bool) -> bool {
    if aggregate_figure(hits, x) {
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
    let several =
        near.is_some_and(|(i, h)| h.trigger().is_some_and(|t| t.2) || collective(st, hits, i));
    if several {
        return true;
    }
    // "Der Gesamtwert des Auftrags", "tổng giá trị thương vụ": a single deal named beside the
    // amount owns it, whatever the cue says.
    if near.is_some() || statistic {
        return false;
    }
    let clause_start = span::before(st, x.start)
        .rfind([';', ':'])
        .map_or(0, |i| i + 1);
    let cue_before = hits
        .iter()
        .any(|h| h.has(|r| *r == Role::TotalCue) && h.start >= clause_start && h.end <= x.start);
    let cue_after = hits
        .iter()
        .any(|h| h.has(|r| *r == Role::TotalCue) && h.start >= x.end && h.start - x.end <= 3);
    (cue_before || cue_after) && !single_named_deal
}

/// "Hơn 37 tỷ USD" in a headline and "37,2 tỷ USD" in the body: one total told twice. Totals of
/// one article in one currency within 5 % of each other, where one of them is rounded (about,
/// more than) or both are equal, are reported once, at their most precise telling.
fn once_each(totals: Vec<Total>) -> Vec<Total> {
    use crate::model::Qualifier;
    let mut out: Vec<Total> = Vec::new();
    for t in totals {
        // The most recent totals only: a bound that keeps a hostile document linear.
        let from = out.len().saturating_sub(256);
        let same = out[from..].iter().position(|o| {
            o.currency == t.currency && {
                let (a, b) = (o.amount, t.amount);
                let rounded = o.qualifier != Qualifier::Exact || t.qualifier != Qualifier::Exact;
                a == b || (rounded && (a - b).abs() * rust_decimal::Decimal::from(20) <= a.max(b))
            }
        });
        match same.map(|i| from + i) {
            Some(i) if out[i].qualifier != Qualifier::Exact && t.qualifier == Qualifier::Exact => {
                out[i] = t
            }
            Some(_) => {}
            None => out.push(t),
        }
    }
    out
}

/// "Doanh thu đạt 2 tỷ USD", "exports rose to $120 billion", "Umsatz von 4,7 Milliarden": an
/// amount that a statistic's word names (within a few words before it, with no deal word between)
/// is that statistic's figure, not a deal, even in a sentence that also tells a deal.
fn names_a_statistic(ctx: &Ctx, x: &Amount) -> bool {
    let st = ctx.text;
    ctx.hits
        .iter()
        .filter(|h| h.has(|r| *r == Role::StatisticCue) && h.end <= x.start)
        .any(|h| {
            let between = span::cut(st, h.end, x.start);
            between.split_whitespace().count() <= 6
                && !between.contains([';', '.'])
                && !ctx
                    .hits
                    .iter()
                    .any(|t| t.start >= h.end && t.end <= x.start && t.trigger().is_some())
        })
}

/// A deal word (a trigger) within a few words of the amount, before or after it.
fn beside_a_deal_word(ctx: &Ctx, x: &Amount) -> bool {
    ctx.hits.iter().filter(|h| h.trigger().is_some()).any(|h| {
        let (a, b) = if h.start >= x.end {
            (x.end, h.start)
        } else if h.end <= x.start {
            (h.end, x.start)
        } else {
            return true;
        };
        span::cut(ctx.text, a, b).split_whitespace().count() <= 6
    })
}

/// With no cue of status in its clause: "Keppel Land transferred a 30% stake for $88 million",
/// "Boeing bagged a $1.9 billion order": news reports a deal with its figures once it is made, so
/// a deal that states a value or a count is signed; one without figures is only announced.
fn default_status(amount: Option<&Amount>, quantity: Option<&Quantity>) -> DealStatus {
    if amount.is_some() || quantity.is_some_and(|q| q.discrete) {
        DealStatus::Signed
    } else {
        DealStatus::Announced
    }
}
