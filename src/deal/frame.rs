//! Frames: takes a sentence's anchors (from `anchor`) and its amounts and counts (the totals set
//! apart by `totals`), ties to each anchor the amount and count in its scope, and hands each
//! anchor with its arguments on to `mention`.

use crate::entity::key;
use crate::model::{Amount, DealStatus, Quantity};
use crate::segment::Sentence;
use crate::text::Folded;

use super::anchor::{self, Anchor};
use super::free::names_a_statistic;
use super::lexicon::{Class, DealLexicon, Role};
use super::mention::{Mention, Side, mention_at};
use super::names::Ctx;
use super::span;
use super::totals::aggregate_figure;

/// One sentence's analysis context, shared by the mentions built in it.
pub(super) struct Frame<'a> {
    pub ctx: &'a Ctx<'a>,
    pub sentence: &'a Sentence,
    /// The status said by the sentence that introduces a list, for its items.
    pub intro_status: Option<DealStatus>,
    /// The sentence's counts of things.
    pub quantities: &'a [Quantity],
    /// The document, where mentions told before keep their sentences.
    pub doc: &'a str,
}

impl<'a> Frame<'a> {
    /// The frame of sentence `s` of the document `text`.
    pub(super) fn new(
        ctx: &'a Ctx<'a>,
        s: &'a Sentence,
        quantities: &'a [Quantity],
        text: &'a str,
        lex: &DealLexicon,
    ) -> Self {
        let intro_status = s.list_intro.and_then(|(a, b)| {
            let it = span::cut(text, a, b);
            let f = Folded::new(it);
            lex.scan(it, &f).iter().find_map(|h| h.status())
        });
        Frame {
            ctx,
            sentence: s,
            intro_status,
            quantities,
            doc: text,
        }
    }
}

/// The mentions anchored at the sentence's triggers, each with the amount and count in its
/// scope; returns where the amounts they took start. An act with no figure is no deal.
pub(super) fn anchored(
    f: &Frame,
    anchors: &[Anchor],
    free: &[&Amount],
    mentions: &mut Vec<Mention>,
) -> Vec<usize> {
    let quantities = f.quantities;
    let mut used: Vec<usize> = Vec::new();
    for (k, a) in anchors.iter().enumerate() {
        if let Some((from, to)) = cancelled(f.ctx, a, anchor::pre_start(anchors, k)) {
            // The money between the verb and the deal word, or right before the deal word ("die
            // geplante 12-Mrd.-Euro-Fusion"), is the ended deal's: no deal of its own either.
            let st = f.ctx.text;
            let just_before = |x: &Amount| {
                x.end <= a.start && span::cut(st, x.end, a.start).split_whitespace().count() <= 1
            };
            used.extend(
                free.iter()
                    .filter(|x| (x.start >= from && x.end <= to) || just_before(x))
                    .map(|x| x.start),
            );
            continue;
        }
        let (amount, quantity) = arguments(f.ctx, anchors, k, free, quantities);
        if sales_figure(f.ctx, a, anchors, k, quantity.as_ref()) {
            // Its money is the sales' worth, no deal's of its own either.
            used.extend(amount.as_ref().map(|x| x.start));
            continue;
        }
        let no_figure = amount.is_none() && quantity.is_none();
        if no_figure && advises_on_a_deal(f.ctx) {
            continue;
        }
        let act_without_figure = a.class == Class::Action
            && !a.documented
            && !takes_a_stake(f.ctx, a, anchors, k)
            && !sold_to_a_named_buyer(f.ctx, a, anchors, k)
            && !takes_over_a_named_company(f.ctx, a, anchors, k)
            && !act_buys_a_named_company(f.ctx, a, anchors, k)
            && !super::kind::merger_verb(f.ctx.lang, a);
        // Passed the test of an act with no figure only as a passive takeover.
        let passive_only =
            no_figure && act_without_figure && bought_by_a_named_company(f.ctx, a, anchors, k);
        let act_without_figure = act_without_figure && !passive_only;
        if no_figure
            && (act_without_figure || anchor::about_several_deals(f.ctx.text, f.ctx.hits, a.start))
        {
            continue;
        }
        // "the Orvex pact": only where a capital marks a name, not every noun.
        let back = no_figure
            && (anchor::refers_back(f.ctx.text, f.ctx.hits, a, false)
                || (!super::lexicon::lexicon(f.ctx.lang).nouns_capitalised
                    && anchor::refers_back_past_a_name(f.ctx.text, f.ctx.hits, a)));
        let at = amount.as_ref().map(|x| x.start);
        if let Some(m) = mention_at(f, anchors, k, amount, quantity.as_ref()) {
            if super::kind::merger_verb(f.ctx.lang, a) && !merges_two_companies(&m) {
                continue;
            }
            if passive_only && !passive_agent_and_subject(&m) {
                continue;
            }
            if back && told_already(&m, mentions) {
                framework_told_after(f, a, mentions);
                continue;
            }
            if value_of_the_deal_before(f, a, &m, mentions, free.len()) {
                used.extend(at);
                continue;
            }
            used.extend(at);
            let mut m = m;
            let scope_end = anchor::scope_end(anchors, k, f.ctx.text.len());
            let likewise = super::mention::deal_done_likewise(f.ctx, (a.end, scope_end), &mut m);
            let second = quantity
                .as_ref()
                .and_then(|q| second_maker_order(f, anchors, k, q, &mut m));
            mentions.push(m);
            mentions.extend(second);
            mentions.extend(likewise);
        }
    }
    used
}

/// "Die Bundeswehr hat bei Kestrel Munition für bis zu 2 Milliarden Euro bestellt. Es sei ein
/// entsprechender Rahmenvertrag unterzeichnet worden.": a reference back that calls the deal just
/// told a framework (the language's `framework_nouns`) says what kind of deal it was; not where
/// the article told a framework already ("Der Rahmenvertrag biete die Basis …" after a first
/// order under it refers to that framework).
fn framework_told_after(f: &Frame, a: &Anchor, mentions: &mut [Mention]) {
    let frameworks = &super::lexicon::lexicon(f.ctx.lang).framework_nouns;
    let is_framework = |head: &str| frameworks.iter().any(|n| span::lower_is(head, n));
    if !is_framework(&a.head) || mentions.iter().any(|x| is_framework(&x.trigger)) {
        return;
    }
    if let Some(x) = mentions
        .last_mut()
        .filter(|x| x.block + 1 >= f.sentence.block && x.ty == crate::model::DealType::Purchase)
    {
        x.reported_agreement = true;
    }
}

/// "Kestrel Marine terminated its contract with Orvex for four tugs", "Die Fluglinie stornierte
/// ihre Bestellung über 20 Jets": a verb that ends a deal (the language's `cancel_verbs`) at most
/// three words before the deal word, in its clause, tells no deal made.
///
/// Where the verb ends the clause ("Die geplante Fusion ist geplatzt", "hatten die Fusion
/// abgesagt"), it may follow the deal word in its clause (at most twelve words between).
///
/// Returns the span from the verb to the deal word, which holds the ended deal's figures.
pub(super) fn cancelled(ctx: &Ctx, a: &Anchor, pre_start: usize) -> Option<(usize, usize)> {
    let clear = |from: usize, to: usize, words: usize| clause_gap(ctx, from, to, words);
    let verb_final = super::lexicon::lexicon(ctx.lang).verb_final;
    ctx.hits
        .iter()
        .filter(|h| h.has(|r| *r == Role::Cancel))
        .find_map(|h| {
            if h.start >= pre_start && h.end <= a.start && clear(h.end, a.start, 3) {
                Some((h.start, a.end))
            } else if verb_final && h.start >= a.end && clear(a.end, h.start, 12) {
                Some((a.start, h.end))
            } else {
                None
            }
        })
}

/// At most `words` words in `from..to` and no clause mark, where the amounts in it count as one
/// word each and their own marks as none ("a $1.2-billion", "a $1,200 million").
fn clause_gap(ctx: &Ctx, from: usize, to: usize, words: usize) -> bool {
    let mut count = 0;
    let mut pos = from;
    for x in ctx
        .amounts
        .iter()
        .filter(|x| x.start >= from && x.end <= to)
    {
        let gap = span::cut(ctx.text, pos, x.start);
        if gap.contains([',', ';', ':', '.']) {
            return false;
        }
        count += gap.split_whitespace().count() + 1;
        pos = x.end;
    }
    let gap = span::cut(ctx.text, pos, to);
    count += gap.split_whitespace().count();
    count <= words && !gap.contains([',', ';', ':', '.'])
}

/// "Halvard terminated a $1.2 billion contract with Brannock": an amount between a verb that ends
/// a deal (at most two words before it) and a deal word (at most two words after it) is the
/// ended deal's, no other deal's value.
fn of_a_cancelled_deal(ctx: &Ctx, x: &Amount) -> bool {
    let close = |from: usize, to: usize| clause_gap(ctx, from, to, 2);
    ctx.hits
        .iter()
        .any(|h| h.has(|r| *r == Role::Cancel) && h.end <= x.start && close(h.end, x.start))
        && ctx
            .hits
            .iter()
            .any(|t| t.trigger().is_some() && t.start >= x.end && close(x.end, t.start))
}

/// "Aerovia bestellte 12 Boeing 787-9 und 8 Airbus A350-1000", "ordered 20 Airbus A321neo jets
/// and ten Boeing 787-9 jets": a second count joined to the deal's by the language's "and", of models of another
/// maker (each count's models have one maker, and they differ), is a second order, from that
/// maker; the deal told first is the first maker's. (Models of one maker are one order:
/// `counted_together`.) The second order, with the first's buyer and no value of its own.
fn second_maker_order(
    f: &Frame,
    anchors: &[Anchor],
    k: usize,
    q: &Quantity,
    first: &mut Mention,
) -> Option<Mention> {
    let ctx = f.ctx;
    let models = ctx.models?;
    let scope_end = anchor::scope_end(anchors, k, ctx.text.len());
    let q2 = f
        .quantities
        .iter()
        .filter(|x| x.discrete && x.start >= q.end && x.end <= scope_end)
        .min_by_key(|x| x.start)?;
    let joins = &super::lexicon::lexicon(ctx.lang).joins;
    let gap = span::cut(ctx.text, q.end, q2.start);
    let last = gap.split_whitespace().next_back()?;
    if !joins.iter().any(|j| j.eq_ignore_ascii_case(last))
        || gap.split_whitespace().count() > 5
        || gap.contains([',', ';', ':', '.'])
        || ctx
            .amounts
            .iter()
            .any(|x| x.start >= q.end && x.end <= q2.start)
    {
        return None;
    }
    let maker = |from: usize, to: usize| models.sole_maker(span::cut(ctx.text, from, to));
    let phrase_end = count_phrase_end(ctx, q2.end);
    let (Some(m1), Some(m2)) = (maker(q.start, q2.start), maker(q2.start, phrase_end)) else {
        return None;
    };
    if m1 == m2 {
        return None;
    }
    let entity = |m: &str| ctx.lexicon.lookup(m);
    let (e1, e2) = (entity(m1)?, entity(m2)?);
    let name = |e: &crate::entity::Entity, at: &Quantity| super::names::Name {
        start: at.start,
        end: at.end,
        canonical: e.canonical.clone(),
        kind: Some(e.kind),
        country: e.country.clone(),
    };
    // A side already given to either maker is the seller's side; the other is the buyer's.
    let buyer = [&first.provider, &first.recipient]
        .into_iter()
        .flatten()
        .find(|p| **p != e1.canonical && **p != e2.canonical)
        .cloned();
    let mut second = first.clone();
    second.quantity = Some(q2.value);
    second.amount = None;
    second.item = super::item::item_for(ctx, &anchors[k], second.ty, Some(q2), None, scope_end);
    second.item_words = second
        .item
        .as_deref()
        .map(super::item::words)
        .unwrap_or_default();
    second.provider = Some(e2.canonical.clone());
    second.recipient = buyer.clone();
    second
        .parties
        .retain(|p| p.canonical != e1.canonical && p.canonical != e2.canonical);
    second.parties.push(name(e2, q2));
    first.provider = Some(e1.canonical.clone());
    first.recipient = buyer;
    first.parties.retain(|p| p.canonical != e2.canonical);
    if !first.parties.iter().any(|p| p.canonical == e1.canonical) {
        first.parties.push(name(e1, q));
    }
    Some(second)
}

/// "Am Mittwoch übernahm der Investor Nordfonds die Mehrheit an Kestrel Air", "acquired a
/// majority stake in Orvex": an act of buying whose object is a stake in a named company (a stake
/// cue of the language, then the name) is a deal without any figure: a takeover.
fn takes_a_stake(ctx: &Ctx, a: &Anchor, anchors: &[Anchor], k: usize) -> bool {
    let scope_end = anchor::scope_end(anchors, k, ctx.text.len());
    a.ty == crate::model::DealType::Purchase
        && ctx.name_after_cue(Role::Stake, a.end, scope_end).is_some()
}

/// "Kestrel Motors sold 20,000 cars last year", "Năm ngoái, Kestrel đã bán 20.000 ô tô": an act
/// of selling a count of things with no buyer named after the language's 'to' and a period of
/// the language's `sales_periods` in its sentence tells sales, a company's results, not a deal
/// ("sold 12 jets to Orvex Air last year" and "sold 12 jets worth $1 billion" are deals).
fn sales_figure(
    ctx: &Ctx,
    a: &Anchor,
    anchors: &[Anchor],
    k: usize,
    quantity: Option<&crate::model::Quantity>,
) -> bool {
    if a.class != Class::Action || !quantity.is_some_and(|q| q.discrete) {
        return false;
    }
    let sells = ctx
        .hits_at(a.start)
        .any(|h| h.end == a.end && h.has(|r| *r == Role::SellerVerb));
    let scope_end = anchor::scope_end(anchors, k, ctx.text.len());
    let pre_start = anchor::pre_start(anchors, k);
    let period = ctx.hits.iter().any(|h| h.has(|r| *r == Role::SalesPeriod));
    sells && period && ctx.name_after_cue(Role::To, pre_start, scope_end).is_none()
}

/// "Das Start-up Nordwaren wurde mehrheitlich an die Kestrel Group verkauft", "Orvex sold its
/// cable unit to Harbourline": an act of selling with a buyer named after a 'to' marker of the
/// language in its clause is a deal without any figure: a sale of a company or a business.
fn sold_to_a_named_buyer(ctx: &Ctx, a: &Anchor, anchors: &[Anchor], k: usize) -> bool {
    let scope_end = anchor::scope_end(anchors, k, ctx.text.len());
    let pre_start = anchor::pre_start(anchors, k);
    let sells = ctx
        .hits
        .iter()
        .any(|h| h.start == a.start && h.has(|r| *r == Role::SellerVerb));
    sells
        && a.ty == crate::model::DealType::Purchase
        && ctx.name_after_cue(Role::To, pre_start, scope_end).is_some()
}

/// "Orvex Pharma agrees to acquire Kestrel Labs", "Nordchem übernimmt die Kestrel AG", "Orvex mua lại
/// Công ty Kestrel": a verb of taking over (the language's `takeover_verbs`) with a name right
/// after it (past a time, an article and a short description) is a takeover even without a
/// figure.
pub(super) fn takes_over_a_named_company(
    ctx: &Ctx,
    a: &Anchor,
    anchors: &[Anchor],
    k: usize,
) -> bool {
    let lex = super::lexicon::lexicon(ctx.lang);
    let verb = span::cut(ctx.text, a.start, a.end);
    if !lex.takeover_verbs.iter().any(|v| span::lower_is(verb, v)) {
        return false;
    }
    let scope_end = anchor::scope_end(anchors, k, ctx.text.len());
    // "übernahm im Mai die Kestrel AG": past a time between the verb and its object.
    let from = super::parties::past_time(ctx, a.end, scope_end);
    // "hat die Kestrel AG übernommen": where the participle ends the clause, the object stands
    // right before it, opened by an article.
    super::parties::object_before_verb(ctx, a).is_some()
        || ctx.read_name(from, scope_end).is_some_and(|n| {
            let gap = span::cut(ctx.text, from, n.start);
            // "erwarb der Konzern ein Dutzend Firmen": a name in the nominative after the verb is
            // its subject, not what it takes over.
            let nominative = gap
                .split_whitespace()
                .next()
                .is_some_and(|w| lex.nominative_articles.iter().any(|n| n == w));
            // "acquired by the Norland navy": the name after "by" buys; a state is never taken
            // over.
            let by = gap
                .split_whitespace()
                .next()
                .is_some_and(|w| lex.takeover_by.iter().any(|b| span::lower_is(w, b)));
            let state = n.kind.is_some_and(crate::entity::Kind::is_public);
            gap.split_whitespace().count() <= 4
                && !gap.contains([',', ';', ':', '.'])
                && !nominative
                && !by
                && !state
        })
}

/// "Halvard Bank and Telmar Bank are bookrunners on the deal", "Orvex Partners advised Kestrel
/// on the takeover", "Beraten wurde Kestrel von der Kanzlei Orvex": a sentence naming one of the
/// language's `advisory_roles` tells who served a deal; with no figure of its own it tells no
/// deal (its names are advisers, not sides).
fn advises_on_a_deal(ctx: &Ctx) -> bool {
    ctx.hits.iter().any(|h| h.has(|r| *r == Role::Advisory))
}

/// "Kestrel Foods and Orvex Dairy agreed to merge", "Die Sunthal AG will mit der Perlbach GmbH
/// fusionieren": a verb of merging tells a deal only where its clause names two parties and
/// neither is a state ("sau sáp nhập tỉnh …" merges provinces; "the merged company" names one).
fn merges_two_companies(m: &Mention) -> bool {
    m.parties.len() >= 2
        && !m
            .parties
            .iter()
            .any(|p| p.kind.is_some_and(crate::entity::Kind::is_public))
}

/// "Kestrel Group buys Orvex Labs", "Die Halvard AG kauft die Brannock GmbH", "Halvard will die
/// Brannock GmbH kaufen": the anchor's own verb of buying (the language's `buyer_verbs`; the
/// clause-wide test of a deal's kind is `kind::buys_a_named_company`) whose object is a
/// company's name ([`super::kind::company_bought`]; in a verb-final clause, the name before the
/// verb) is a takeover even without a figure. Goods bought from a company ("buys jets from Orvex
/// Aero", "bought 20 jets of Orvex") name no company bought: the name is read only right after
/// the verb, past articles and a short description.
pub(super) fn act_buys_a_named_company(
    ctx: &Ctx,
    a: &Anchor,
    anchors: &[Anchor],
    k: usize,
) -> bool {
    let buys = ctx
        .hits_at(a.start)
        .any(|h| h.end == a.end && h.has(|r| *r == Role::BuyerVerb));
    // "City Council Buys Trucks From Orvex": in a title-case headline (the verb itself
    // capitalised) a noun cannot be told from a name.
    let capitalised_verb = a.start > 0 && ctx.text[a.start..].starts_with(char::is_uppercase);
    if !buys || capitalised_verb {
        return false;
    }
    let lex = super::lexicon::lexicon(ctx.lang);
    let scope_end = anchor::scope_end(anchors, k, ctx.text.len());
    let from = super::parties::past_time(ctx, a.end, scope_end);
    // "kaufte der Konzern Tessara Maschinen": a name in the nominative after the verb is its
    // subject, not what it buys.
    let after = super::kind::company_bought(ctx, from, scope_end).is_some_and(|n| {
        let gap = span::cut(ctx.text, from, n.start);
        let first = gap.split_whitespace().next().unwrap_or("").to_lowercase();
        !lex.nominative_articles.contains(&first)
    });
    after || super::parties::object_before_verb(ctx, a).is_some()
}

/// "Orvex Labs was acquired by Kestrel Holdings", "Die Orvex GmbH wurde von der Kestrel AG
/// übernommen", "Công ty Sông Lam được Tập đoàn Kim Long mua lại": the anchor's own verb of buying
/// or taking over in the passive (an auxiliary of the language's `passive_aux` before it in its
/// clause) with its agent named (after the verb, past the language's `passive_by` word, or before
/// it: [`super::parties::agent_before_verb`]), a name that is no state, tells a takeover even
/// without a figure. The mention must still name two sides (`passive_agent_and_subject`): goods
/// bought ("the shares were bought by Orvex Capital") name none sold.
fn bought_by_a_named_company(ctx: &Ctx, a: &Anchor, anchors: &[Anchor], k: usize) -> bool {
    let lex = super::lexicon::lexicon(ctx.lang);
    let buys = ctx
        .hits_at(a.start)
        .any(|h| h.end == a.end && h.has(|r| *r == Role::BuyerVerb))
        || lex
            .takeover_verbs
            .iter()
            .any(|v| span::lower_is(&a.head, v));
    if !buys {
        return false;
    }
    let pre_start = anchor::pre_start(anchors, k);
    let scope_end = anchor::scope_end(anchors, k, ctx.text.len());
    let Some(aux) = ctx
        .hits
        .iter()
        .filter(|h| h.start >= pre_start && h.end <= a.start)
        .rfind(|h| h.has(|r| *r == Role::PassiveAux))
    else {
        return false;
    };
    if span::cut(ctx.text, aux.end, a.start).contains([',', ';', ':', '.']) {
        return false;
    }
    let after = span::cut(ctx.text, a.end, scope_end);
    let agent = match after.split_whitespace().next() {
        // "acquired by Kestrel Holdings": the agent follows the verb.
        Some(word) if lex.passive_by.iter().any(|b| span::lower_is(word, b)) => {
            let at = a.end + (after.len() - after.trim_start().len()) + word.len();
            ctx.read_name(at, scope_end)
        }
        _ => super::parties::agent_before_verb(ctx, aux.end, a.start),
    };
    agent.is_some_and(|n| !n.kind.is_some_and(crate::entity::Kind::is_public))
}

/// A takeover told in the passive without a figure names both sides: who was bought provides,
/// the agent receives.
fn passive_agent_and_subject(m: &Mention) -> bool {
    m.parties.len() >= 2 && m.provider.is_some() && m.recipient.is_some()
}

/// "Investors had expected the deal", "Der Vertrag mit dem Hersteller läuft neun Jahre": a deal
/// word that refers back, with no figure and at most one party (or only parties the article's
/// earlier deals named), tells again a deal already told.
fn told_already(m: &Mention, earlier: &[Mention]) -> bool {
    // Two sides named anew ("the merger process between A and B") tell a deal of their own.
    !earlier.is_empty()
        && (m.parties.len() < 2
            || m.parties.iter().all(|p| {
                earlier
                    .iter()
                    .any(|e| e.parties.iter().any(|q| q.canonical == p.canonical))
            }))
}

/// "… ordered ten ferries. The order is worth 900 billion won.", "Der Auftrag hat ein Volumen
/// von 30 Millionen Euro": a deal word that refers back, with a value and no
/// party the deal before did not name, right after a deal told without a value, gives that deal
/// its value.
fn value_of_the_deal_before(
    f: &Frame,
    a: &Anchor,
    m: &Mention,
    mentions: &mut [Mention],
    amounts: usize,
) -> bool {
    let Some(value) = &m.amount else {
        return false;
    };
    if m.quantity.is_some() {
        return false;
    }
    // "The value of the northern contract is …": a word between picks the deal it prices.
    let qualifier = if anchor::refers_back(f.ctx.text, f.ctx.hits, a, true) {
        None
    } else {
        let Some(w) = anchor::back_with_qualifier(f.ctx.text, f.ctx.hits, a) else {
            return false;
        };
        Some(w)
    };
    // "The contract was signed by Orchid's chief executive …": parties the earlier deal named
    // already add no deal of their own.
    let covers = |x: &Mention| {
        m.parties.iter().all(|p| {
            x.parties
                .iter()
                .any(|q| key(&q.canonical) == key(&p.canonical))
        })
    };
    let recent = |x: &Mention| {
        x.amount.is_none()
            && x.block + 1 >= f.sentence.block
            && covers(x)
            && qualifier.is_none_or(|q| names_word_for_word(span::cut(f.doc, x.start, x.end), q))
    };
    // "… an order with A for ten ships and another with B. The order is worth …, A says": a
    // party the value's sentence names picks which of the deals just told it values.
    let named = |x: &Mention| {
        x.parties.iter().any(|p| {
            names_word_for_word(f.ctx.text, &p.canonical)
                || f.ctx
                    .ents
                    .iter()
                    .any(|e| key(&p.canonical) == key(&e.entity.canonical))
        })
    };
    let n = mentions.len();
    let pick = mentions
        .iter()
        .rposition(|x| recent(x) && named(x))
        .or_else(|| match qualifier {
            // The word picks the deal, the last told or one before it.
            Some(_) => mentions.iter().rposition(recent),
            None => n.checked_sub(1).filter(|&i| recent(&mentions[i])),
        });
    match pick {
        Some(i) => {
            mentions[i].amount = Some(value.clone());
            true
        }
        None if qualifier.is_none() && completes_the_deal_before(f, m, mentions) => true,
        None => restates_the_value(f, a, m, mentions, qualifier.is_some(), amounts),
    }
}

/// "Brenntal hat einen Auftrag über 40 Straßenbahnen erhalten. Den Vertrag über 300 Millionen
/// Euro schloss das Unternehmen mit den Verkehrsbetrieben Lindenau ab.", "Kestrel won an order
/// for ten ferries. The contract, worth $90 million, was signed with Harbourline.": a deal word
/// that refers back, with a value, right after a deal told with one side only and no value,
/// names in one new party the other side of that deal: the value and the party are that deal's,
/// no deal of their own. Whether it gave them.
fn completes_the_deal_before(f: &Frame, m: &Mention, mentions: &mut [Mention]) -> bool {
    let Some(x) = mentions.last_mut() else {
        return false;
    };
    if x.amount.is_some() || x.block + 1 < f.sentence.block || x.joint {
        return false;
    }
    let new: Vec<&super::names::Name> = m
        .parties
        .iter()
        .filter(|p| {
            !x.parties
                .iter()
                .any(|q| key(&q.canonical) == key(&p.canonical))
        })
        .collect();
    let [party] = new.as_slice() else {
        return false;
    };
    let empty = match (&x.provider, &x.recipient) {
        (Some(_), None) => Side::Recipient,
        (None, Some(_)) => Side::Provider,
        _ => return false,
    };
    *empty.of_mut(x) = Some(party.canonical.clone());
    x.parties.push((*party).clone());
    x.amount = m.amount.clone();
    true
}

/// "Kestrel agreed to buy Orvex for $14 billion. The deal had an enterprise value of $14.5
/// billion.", "Counting its debt, the takeover is valued at $15 billion.", "Orvex said the deal
/// was worth $13.8 billion.": a plain reference back ("the deal", "the acquisition") to the deal
/// told just before, which has a value already, of its kind or by a generic deal word, naming
/// no party that deal did not name and no other count, with the value after the deal word (what
/// the deal is worth, not what is spent "to build the facility"), gives that deal's value again
/// in other terms (with debt, at another date, as one side rounds it); it is no deal of its own,
/// and the value first told stands. A deal word of the kind of the deal before, not a generic
/// one, restates it only with one amount in its sentence ("The loan consists of a $100 million
/// tranche and a $200 million facility" tells its parts), and not where it gives the exact
/// figure a headline or lead rounded (merged later, keeping the exact one: `merge`).
fn restates_the_value(
    f: &Frame,
    a: &Anchor,
    m: &Mention,
    mentions: &[Mention],
    qualified: bool,
    amounts: usize,
) -> bool {
    use crate::model::DealType::{Agreement, Other, Purchase};
    let generic = |t| matches!(t, Agreement | Other);
    // "agreed to buy Orvex" is reported as an agreement; "the acquisition" is the purchase.
    let one_kind = |x: &Mention| {
        generic(a.ty)
            || (amounts == 1
                && (m.ty == x.ty
                    || generic(m.ty)
                    || (m.ty == Purchase && x.ty == Agreement && x.reported_agreement)))
    };
    let rounded_above = |x: &Mention| {
        x.block <= 1
            && x.block != f.sentence.block
            && m.amount
                .as_ref()
                .is_some_and(|v| super::merge::exact_of_rounded(x.amount.as_ref(), v))
    };
    let covers = |x: &Mention| {
        m.parties.iter().all(|p| {
            x.parties
                .iter()
                .any(|q| key(&q.canonical) == key(&p.canonical))
        })
    };
    !qualified
        && m.amount
            .as_ref()
            .is_some_and(|v| v.start >= m.start + a.end)
        && mentions.last().is_some_and(|x| {
            x.amount.is_some()
                && !x.parties.is_empty()
                && x.block + 1 >= f.sentence.block
                && one_kind(x)
                && !rounded_above(x)
                && covers(x)
                && m.quantity.is_none_or(|q| x.quantity == Some(q))
        })
}

/// "… according to Kestrel Heavy": `name` written in `text` as whole words ("SK" is not named
/// in "ASK").
fn names_word_for_word(text: &str, name: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    !name.is_empty()
        && text.match_indices(name).any(|(i, _)| {
            !word(text[..i].chars().next_back()) && !word(text[i + name.len()..].chars().next())
        })
}

/// The amount and count of `anchors[k]`: the nearest in its scope; an amount may also stand
/// just before it ("a $1.2 billion contract"), but not one that sums several deals. With one
/// anchor, the whole sentence is its scope.
fn arguments(
    ctx: &Ctx,
    anchors: &[Anchor],
    k: usize,
    free: &[&Amount],
    quantities: &[Quantity],
) -> (Option<Amount>, Option<Quantity>) {
    let st = ctx.text;
    let a = &anchors[k];
    let scope_end = anchor::scope_end(anchors, k, st.len());
    let pre_start = anchor::pre_start(anchors, k);
    let in_scope = |pos: usize| -> bool {
        if anchors.len() == 1 {
            true
        } else {
            pos >= a.start && pos < scope_end
        }
    };
    let just_before = |pos: usize| {
        pos >= pre_start
            && pos < a.start
            && span::cut(st, pos, a.start).split_whitespace().count() <= 4
    };
    let amount = nearest(
        free.iter()
            .copied()
            .filter(|x| !aggregate_figure(st, ctx.hits, x) && !names_a_statistic(ctx, x))
            .filter(|x| !super::free::sizes_a_company(ctx, x) && !of_a_cancelled_deal(ctx, x))
            // "a closing price of 31.20 euros": a share's or unit's price is no deal's value.
            .filter(|x| x.value >= rust_decimal::Decimal::from(super::free::MIN_DEAL_VALUE))
            .filter(|x| in_scope(x.start) || just_before(x.start)),
        a,
        |x| (x.start, x.end),
    )
    .cloned();
    let counts = |q: &&Quantity| {
        in_scope(q.start) && !counts_options(ctx, q) && !priced_apart(ctx, q, free, amount.as_ref())
    };
    let quantity = nearest(quantities.iter().filter(counts), a, |q| (q.start, q.end))
        .map(|q| counted_together(ctx, q, quantities.iter().filter(counts)));
    (amount, quantity)
}

/// "12 K-8 C aircraft and four K-8 D aircraft", "20 Maschinen des Typs E195 und 5 Maschinen des
/// Typs E190 bestellt": counts of one thing (the same counted noun, or models of one maker) joined
/// by the language's "and" are one order's, and its count is their sum, whichever of them stands
/// nearest the deal word.
fn counted_together<'q>(
    ctx: &Ctx,
    chosen: &Quantity,
    others: impl Iterator<Item = &'q Quantity>,
) -> Quantity {
    if !chosen.discrete {
        return chosen.clone();
    }
    let mut all: Vec<&Quantity> = others.collect();
    all.sort_by_key(|q| q.start);
    let Some(k) = all.iter().position(|q| q.start == chosen.start) else {
        return chosen.clone();
    };
    let mut first = k;
    while first > 0 && joined_counts(ctx, all[first - 1], all[first]) {
        first -= 1;
    }
    let mut last = k;
    while last + 1 < all.len() && joined_counts(ctx, all[last], all[last + 1]) {
        last += 1;
    }
    // The sum keeps the first count's span and noun, which the item is read from.
    let mut whole = all[first].clone();
    for q in &all[first + 1..=last] {
        whole.value += q.value;
    }
    whole
}

/// "20 máy bay E195 và 5 máy bay E190": `b` follows `a` past the language's "and" (a comma and the
/// model of what `a` counts may stand before it), with no amount between, and counts the same
/// discrete thing; not "20 máy bay ATR 72 và 10 máy bay Embraer E195" (models of two makers are
/// two orders).
fn joined_counts(ctx: &Ctx, a: &Quantity, b: &Quantity) -> bool {
    if !(a.discrete && b.discrete) || b.start < a.end {
        return false;
    }
    let joins = &super::lexicon::lexicon(ctx.lang).joins;
    let gap = span::cut(ctx.text, a.end, b.start);
    let words: Vec<&str> = gap
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let Some((last, model)) = words.split_last() else {
        return false;
    };
    let joined = joins.iter().any(|j| j.eq_ignore_ascii_case(last));
    let named = |w: &&str| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    // "Maschinen des Typs E195 und": the words that name a model may hold a lower-case article.
    let model_words = model.len() <= 3 && model.iter().filter(|w| !named(w)).count() <= 1;
    let amount_between = ctx
        .amounts
        .iter()
        .any(|x| x.start >= a.end && x.end <= b.start);
    if !joined || !model_words || amount_between {
        return false;
    }
    let maker = |from: usize, to: usize| {
        ctx.models
            .and_then(|m| m.sole_maker(span::cut(ctx.text, from, to.min(ctx.text.len()))))
    };
    let (m1, m2) = (
        maker(a.start, b.start),
        maker(b.start, count_phrase_end(ctx, b.end)),
    );
    let same_thing = a.unit.eq_ignore_ascii_case(&b.unit) || (m1.is_some() && m1 == m2);
    same_thing && !(m1.is_some() && m2.is_some() && m1 != m2)
}

/// Where the phrase of a count that ends at `from` ends: at its clause mark, at most 40 bytes on
/// (on a character's boundary: a Vietnamese syllable may straddle the 40th byte). What names the
/// model of the things counted.
fn count_phrase_end(ctx: &Ctx, from: usize) -> usize {
    let rest = span::after(ctx.text, from);
    let mut end = rest
        .find([',', ';', '.', '('])
        .unwrap_or(rest.len())
        .min(40);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    from + end
}

/// "mua máy bay tuần tra khoảng 800 triệu USD và 4 tàu hộ vệ trị giá 1,2 tỉ USD", "$900 million
/// for patrol aircraft and four frigates worth $1.5 billion": a count with an amount of its own right after it (within
/// six words, no other amount between), not the anchor's, is that amount's deal.
pub(super) fn priced_by<'x>(ctx: &Ctx, q: &Quantity, free: &[&'x Amount]) -> Option<&'x Amount> {
    free.iter()
        .filter(|x| x.start >= q.end)
        .min_by_key(|x| x.start)
        .filter(|x| {
            span::cut(ctx.text, q.end, x.start)
                .split_whitespace()
                .count()
                <= 6
        })
        .copied()
}

fn priced_apart(ctx: &Ctx, q: &Quantity, free: &[&Amount], own: Option<&Amount>) -> bool {
    priced_by(ctx, q, free).is_some_and(|x| own.is_some_and(|o| o.start != x.start))
}

/// "… nine ferries, with an option for three more", "eine Option auf fünf weitere Busse": a count
/// within four words after an option cue counts options, not the firm order.
fn counts_options(ctx: &Ctx, q: &Quantity) -> bool {
    ctx.hits.iter().any(|h| {
        h.has(|r| *r == Role::OptionCue)
            && h.end <= q.start
            && span::cut(ctx.text, h.end, q.start)
                .split_whitespace()
                .count()
                <= 4
    })
}

/// Of the candidates, the one nearest to the anchor: "saw carriers book $40 billion in
/// orders, with Andes Cargo placing one worth $9 billion": the order's value is the one
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

#[cfg(test)]
mod tests {
    use super::names_word_for_word;

    #[test]
    fn a_name_is_found_only_as_whole_words() {
        assert!(names_word_for_word(
            "The order is worth $1 billion, says SK.",
            "SK"
        ));
        assert!(!names_word_for_word(
            "Analysts ASK whether the order is worth it.",
            "SK"
        ));
        assert!(names_word_for_word(
            "according to Kestrel Heavy",
            "Kestrel Heavy"
        ));
        assert!(!names_word_for_word("anything", ""));
    }
}
