//! Assembling deals from a document: sentences with a deal trigger, their counterparties (who
//! provides, who receives), item, quantity, amount, status and sector; announced totals apart.
//!
//! Per sentence: find triggers (a lexicon per language), drop collective mentions ("các hợp
//! đồng") and statistics, read the parties from the patterns that name them, tie amounts and
//! quantities to the nearest trigger, and mark an amount stated as the sum of several deals as a
//! total. Per document: mentions of the same deal (a caption and the body, a list item and its
//! follow-up sentences) are merged into one deal.
//!
//! One stage per file, each handing the next what it needs:
//!
//! ```text
//! sentence -> anaphora descriptions that refer back read as the party named before
//!          -> anchor   triggers that anchor a deal, with their scope (none inside a name)
//!          -> free     amounts of their own (no conversions)
//!          -> totals   amounts that sum several deals, set apart
//!          -> frame    each anchor with the amount and count in its scope
//!          -> mention  kind, status, parties (+ roles), item: one Mention per anchor
//!          -> free     money amounts no trigger took that still stand for a deal
//! document -> merge    mentions of one deal merged; totals told twice reported once
//!          -> context  sides a sentence left empty, from the rest of the article
//! ```
//!
//! Below them: `names` (reading a name), `lexicon` (the per-language deal lexicon), `span`
//! (cutting text by offsets). Language habits come from the language (`Lang::deals`).

mod anaphora;
mod anchor;
mod context;
mod frame;
mod free;
mod item;
mod kind;
pub mod lexicon;
mod mention;
mod merge;
mod names;
mod parties;
mod roles;
mod span;
mod status;
#[cfg(test)]
mod tests;
mod totals;

use crate::amount;
use crate::entity;
use crate::lang::Lang;
use crate::lexicons::{Lexicons, joint};
use crate::model::{Amount, Deal, Document, Extraction, Quantity};
use crate::segment::{self, Sentence};
use crate::text::{Folded, RawMatch};

use frame::Frame;
use lexicon::Role;
use mention::Mention;
use names::Ctx;

/// How many bytes of a document are analysed together: a window closes at the first paragraph end
/// past this size (see [`segment::in_windows`]), so a window holds at most about twice as much.
/// News articles are a few kilobytes (at most 2 KB in the dev set, 14 KB in `data/samples`,
/// 22 KB in `gen_corpus`'s): each is one window, analysed exactly as a whole. A window costs
/// about 40 bytes of sentences, figures, mentions and deals per byte of text while it is analysed
/// (measured on a text that tells a deal in every sentence): 256 KiB keeps a worker's window
/// near 20 MB, so that two workers on two 50 MB documents stay under 200 MB with the texts.
pub const WINDOW_BYTES: usize = 256 << 10;

/// The deals and announced totals of one document, read with the run's lexicons.
pub fn extract(doc: &Document, lang: Lang, lex: &Lexicons) -> Extraction {
    let mut all = Extraction::default();
    extract_windows(doc, lang, lex, WINDOW_BYTES, |ex| {
        all.deals.extend(ex.deals);
        all.totals.extend(ex.totals);
    });
    all
}

/// The deals and announced totals of one document, handed to `each` window by window (windows of
/// about `window` bytes of sentences, [`segment::in_windows`]), so that the memory taken by a
/// document's analysis does not grow with its length: only one window's sentences, figures and
/// mentions are held at a time. A document shorter than `window` is one window: its result is the
/// whole document's. Spans stay document offsets.
///
/// The trade-off, for documents longer than a window only (a 50 MB text without a line break, an
/// archive pasted into one record): each window is merged on its own, so mentions of one deal on
/// both sides of a window boundary stay two deals, a total told in two windows is reported twice,
/// and the article context of a window is its own window's ([`context`]: sides filled from the
/// article, the article's one lender; [`frame`] and [`free`]: values and restatements of the deal
/// told just before; the country names that settle a shared currency symbol such as "¥"). The
/// entities named so far (for descriptions that refer back, and the article's one lender) carry
/// over from window to window. Ids stay unique: a deal's id hashes its sentence's span (a total's,
/// its offset), and no sentence is in two windows.
pub fn extract_windows(
    doc: &Document,
    lang: Lang,
    lex: &Lexicons,
    window: usize,
    mut each: impl FnMut(Extraction),
) {
    #[cfg(debug_assertions)]
    fault_injection(doc);
    let mut antecedents = anaphora::Antecedents::default();
    let article = Article {
        doc,
        key: doc.key(),
        lex,
    };
    let sentences = segment::iter(&doc.text, doc.body_start);
    let mut windows = segment::in_windows(sentences, window).peekable();
    let mut first = true;
    while let Some(sentences) = windows.next() {
        // The only window is the whole article: its currency cues are the whole text's.
        let cues = if first && windows.peek().is_none() {
            0..doc.text.len()
        } else {
            sentences[0].start..sentences[sentences.len() - 1].end
        };
        first = false;
        each(extract_window(
            &article,
            lang,
            &sentences,
            cues,
            &mut antecedents,
        ));
    }
}

/// The document being read, with its key computed once: every deal and total of it is named by
/// the key, and a key made from the text hashes all of it (a 50 MB text has many windows).
pub(super) struct Article<'a> {
    pub doc: &'a Document,
    pub key: String,
    /// The run's lexicons (entities, sectors), passed down from whoever runs the pipeline.
    pub lex: &'a Lexicons,
}

/// One window of a document's sentences: each sentence analysed, then the window's mentions
/// merged and turned into deals.
fn extract_window<'l>(
    article: &Article<'l>,
    lang: Lang,
    sentences: &[Sentence],
    cues: std::ops::Range<usize>,
    antecedents: &mut anaphora::Antecedents<'l>,
) -> Extraction {
    let text = article.doc.text.as_str();
    let mut mentions = Vec::new();
    let mut totals = Vec::new();
    let spans: Vec<(usize, usize)> = sentences.iter().map(|s| (s.start, s.end)).collect();
    // Each sentence folded once and scanned once for the deal words, amount words and names
    // (one joint automaton), for the amounts and for the deal stages.
    let folds: Vec<Folded> = sentences
        .iter()
        .map(|s| Folded::new(span::cut(text, s.start, s.end)))
        .collect();
    let joint = article.lex.scan(lang);
    let scans: Vec<Vec<Vec<RawMatch>>> = folds.iter().map(|f| joint.scan(f)).collect();
    let amount_words: Vec<&[RawMatch]> = scans.iter().map(|m| &m[joint::AMOUNTS][..]).collect();
    let figures = amount::recognise_spans(
        text,
        &spans,
        (&folds, &amount_words),
        cues.clone(),
        lang,
        article.lex,
    );
    let window = span::cut(text, cues.start, cues.end);
    for (((s, folded), scan), figures) in sentences.iter().zip(&folds).zip(&scans).zip(figures) {
        analyse(
            (article, window),
            (s, folded, scan),
            lang,
            figures,
            antecedents,
            &mut mentions,
            &mut totals,
        );
    }
    context::abbreviations_defined_later(&mut mentions, antecedents);
    mention::trace(text, &mentions);
    let totals = totals::once_each(totals);
    let mut merged = merge::within_document(mentions);
    merged.retain(|m| !totals::restates_a_total(m, &totals));
    context::parts_of_the_deal_before(&mut merged);
    context::sides_of_the_pair_told_elsewhere(&mut merged);
    context::sides_from_article(&mut merged);
    context::client_of_several_awards(&mut merged, antecedents);
    context::provider_named_in_article(&mut merged, antecedents);
    context::maker_of_the_model(&mut merged, text, article.lex);
    context::sides_told_once(&mut merged);
    context::the_other_side(&mut merged);
    context::main_party_takes_the_other_side(&mut merged, antecedents, text, lang);
    context::public_buyer_named_in_article(&mut merged, antecedents);
    context::borrowing_state_named_in_article(&mut merged, antecedents);
    context::airline_named_in_article(&mut merged, antecedents);
    merge::rounded_restatements(&mut merged);
    context::status_from_article(&mut merged);
    let mut deals: Vec<Deal> = merged
        .into_iter()
        .map(|m| mention::to_deal(article, lang, text, m))
        .collect();
    distinct_ids(&mut deals);
    Extraction { deals, totals }
}

/// "The four suppliers are A ($31 million), B ($22 million) …": deals told in one sentence with
/// the same type and item share the id made from them; the later ones take a counter into it, in
/// text order, so that every deal of an article has an id of its own (the ledger keys on it).
fn distinct_ids(deals: &mut [Deal]) {
    let mut seen = std::collections::HashSet::new();
    for d in deals.iter_mut() {
        let mut salt = 0usize;
        while !seen.insert(d.id.clone()) {
            salt += 1;
            d.id = crate::model::stable_id(&[&d.id, &d.start.to_string(), &salt.to_string()]);
        }
    }
}

/// "Chile's Andes Cargo", "Peru-based Inca Rail", "Norway Airlines": a country that
/// qualifies an organisation is no party; the organisation's name is read in its place. Returns
/// the countries dropped.
fn drop_country_qualifiers<'l>(
    (st, folded): (&str, &Folded),
    lang: Lang,
    hits: &[lexicon::Hit],
    lexicon: &entity::Entities,
    ents: &mut Vec<entity::EntityHit<'l>>,
) -> Vec<entity::EntityHit<'l>> {
    let all = ents.clone();
    let ctx = Ctx {
        text: st,
        article: "",
        lower: &folded.lower,
        aligned: folded.aligned(),
        lang,
        hits,
        ents: &all,
        lexicon,
        amounts: &[],
        models: None,
        names_read: Default::default(),
        led_by_seen: Default::default(),
    };
    let (kept, dropped) = all.iter().partition(|e| !ctx.country_qualifies(e));
    *ents = kept;
    dropped
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

/// One sentence: its anchors, its totals set apart, a mention per anchor with the figures in its
/// scope, then the money amounts no trigger took.
fn analyse<'l>(
    (article, window): (&Article<'l>, &str),
    (s, folded, scan): (&Sentence, &Folded, &[Vec<RawMatch>]),
    lang: Lang,
    (amounts, quantities): (Vec<Amount>, Vec<Quantity>),
    antecedents: &mut anaphora::Antecedents<'l>,
    mentions: &mut Vec<Mention>,
    totals: &mut Vec<totals::Told>,
) {
    // A sentence right after one that told a deal may go on telling it ("The contract is
    // worth …", "Auftragswert: rund 90 Millionen Euro").
    let follows_deal = mentions.last().is_some_and(|m| m.block + 1 >= s.block);
    let text = article.doc.text.as_str();
    let st = span::cut(text, s.start, s.end);
    let lex = lexicon::lexicon(lang);
    let mut hits = lex.select(st, folded, &scan[joint::DEALS]);
    anchor::drop_money_verbs_without_money(st, lex, &mut hits, &amounts);
    anchor::drop_restating_appositions(st, &mut hits);
    let ents_lex = &article.lex.entities;
    let mut ents = ents_lex.select(st, folded, &scan[joint::ENTITIES]);
    let qualifiers = drop_country_qualifiers((st, folded), lang, &hits, ents_lex, &mut ents);
    // "US$7 million", "S$20 million": a name inside an amount is its currency, no party.
    ents.retain(|e| !amounts.iter().any(|a| e.start < a.end && a.start < e.end));
    ents.retain(|e| !names_something_of_it(st, lex, e.end));
    ents.retain(|e| !names::foreign_abbreviation(lang, span::cut(st, e.start, e.end), e.entity));
    // "SINGAPORE (Reuters) - Orvex …": a country or city-state as the report's dateline is no
    // party (a company in capitals, "ACB (India) has …", still is).
    ents.retain(|e| {
        !(e.entity.kind == crate::entity::Kind::Country && names::dateline(st, e.start, e.end))
    });
    if hits.iter().any(|h| h.has(|r| *r == Role::Seat)) {
        ents.retain(|e| !in_a_seat_phrase(st, &hits, e.start));
    }
    // "beat rival Orvex": the competitor beaten is no party (looked for only in a sentence with a
    // verb of beating).
    if !scan[joint::BEAT].is_empty() {
        ents.retain(|e| !parties::after_rival(st, lang, e.start, e.end));
    }
    antecedents.abbreviations(st, &mut ents);
    antecedents.resolve(st, &hits, &mut ents, !lex.nouns_capitalised);
    antecedents.remember(&ents, s.end);
    // "Ghana's Ministry of Defence … The ministry signed …": the state that qualified a body is
    // what "the ministry", "the government" refer to later.
    antecedents.remember_states(&qualifiers);
    antecedents.awarded_several(st, &hits, &ents, (s.block, s.end));
    let ctx = Ctx {
        text: st,
        article: window,
        lower: &folded.lower,
        aligned: folded.aligned(),
        lang,
        hits: &hits,
        ents: &ents,
        lexicon: ents_lex,
        amounts: &amounts,
        models: Some(&article.lex.models),
        names_read: Default::default(),
        led_by_seen: Default::default(),
    };
    if follows_deal {
        if let Some((n, named)) = parties::side_named_next(&ctx) {
            if let Some(m) = mentions.last_mut() {
                parties::take_side_named_next(m, n, named);
            }
        }
    }
    let statistic = hits.iter().any(|h| h.has(|r| *r == Role::StatisticCue));
    // A headline in title case ("Kestrel Air Places Order For 20 Jets") capitalises every word
    // (read once, and only for a sentence with a deal word to place).
    let title = std::cell::OnceCell::new();
    let plain_case = || !lex.nouns_capitalised && !*title.get_or_init(|| names::title_case(st));
    let in_name = |start: usize, end: usize| {
        ents.iter().any(|e| e.start < end && start < e.end)
            || (plain_case()
                && (names::capitalised_within_name(st, start, end)
                    || names::opens_a_business_name(st, lang, start, end)))
            // Even in a sentence of many names, which reads as title case.
            || (!lex.nouns_capitalised
                && names::capitalised_before_a_legal_form(st, &hits, start, end))
            || names::in_a_title(st, start, end, &lex.title_heads)
    };
    let anchors = anchor::anchors(st, &hits, statistic, &quantities, &in_name, &lex.fronting);
    let mut free = free::own_amounts(st, &hits, &amounts);
    // Only an amount of the sentence's own can be a total the single named deal vetoes. Reading
    // the parties costs more than all the rest of the test, and only a sentence with a total cue
    // asks: decided when first asked, once.
    let single = std::cell::OnceCell::new();
    let single_named_deal = || *single.get_or_init(|| parties::single_named_deal(&ctx, &anchors));
    totals::set_apart(
        article,
        s,
        &ctx,
        &mut free,
        &single_named_deal,
        statistic,
        totals,
    );
    let frame = Frame::new(&ctx, s, &quantities, text, lex);
    let told_before = mentions.len();
    let used = frame::anchored(&frame, &anchors, &free, mentions);
    let before = free::Before {
        follows_deal,
        told_deal: !mentions.is_empty() || !totals.is_empty(),
    };
    free::amount_anchored(&frame, &amounts, &free, &used, statistic, before, mentions);
    parties::joined_amounts_share_recipient(&ctx, &mut mentions[told_before..]);
    // "Hai bên cũng ký …": only as the sentence's subject, where it opens the sentence.
    let both_open = hits
        .first()
        .is_some_and(|h| h.has(|r| *r == Role::BothParties) && st[..h.start].trim().is_empty());
    if told_before > 0 && both_open {
        let (before, new) = mentions.split_at_mut(told_before);
        parties::both_parties_again(&before[told_before - 1], new);
    }
    if told_before > 0 && anchor::opens_on_a_deal_told(st, &hits, &anchors) {
        for m in &mut mentions[told_before..] {
            m.continues = true;
        }
    }
}

/// "Tập đoàn Orvex (trụ sở tại Thượng Hải, Trung Quốc)", "die Bank mit Sitz in Luxemburg",
/// "Kestrel, headquartered in Oslo, Norway,": a name after one of the language's `seat_cues`,
/// past at most five other capitalised words and commas of a place ("Thượng Hải, Trung Quốc"),
/// says where an organisation sits; it is no party.
fn in_a_seat_phrase(st: &str, hits: &[lexicon::Hit], start: usize) -> bool {
    hits.iter()
        .filter(|h| h.end <= start && h.has(|r| *r == Role::Seat))
        .any(|h| {
            let gap: Vec<&str> = span::cut(st, h.end, start).split_whitespace().collect();
            gap.len() <= 5
                && gap.iter().all(|w| {
                    w.starts_with(char::is_uppercase)
                        && !w.trim_end_matches(',').contains(['(', ')', ';', '.', ':'])
                })
        })
}

/// "der Airbus-Rivale", "die Siemens-Tochter": a name joined by a hyphen to a word ending in one
/// of the language's `compound_relations` names something of it (a rival, a subsidiary, its
/// shares), not the named company, which is then no party. So does one joined to a word ending
/// in one of its `descriptor_nouns` with a capitalised word right after the compound ("der
/// Telekom-Konzern Kestrel": a company of that trade, named next); alone ("der Telekom-Konzern
/// hat …") the compound names the company. `end` is where the name ends in `st`.
fn names_something_of_it(st: &str, lex: &lexicon::DealLexicon, end: usize) -> bool {
    if lex.compound_relations.is_empty() && lex.descriptor_nouns.is_empty() {
        return false;
    }
    let Some(rest) = span::after(st, end).strip_prefix('-') else {
        return false;
    };
    let len: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .map(char::len_utf8)
        .sum();
    let word = rest[..len].to_lowercase();
    let ends_in = |list: &[String]| list.iter().any(|r| word.ends_with(r.as_str()));
    !word.is_empty()
        && (ends_in(&lex.compound_relations)
            || (ends_in(&lex.descriptor_nouns)
                && rest[len..]
                    .strip_prefix(' ')
                    .is_some_and(|n| n.starts_with(char::is_uppercase))))
}
