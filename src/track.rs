//! Tracking one deal across sources: the same deal reported by several articles, in any of the
//! languages, becomes one deal that lists every source.
//!
//! Two deals from different articles are the same deal when they have the same type, the same
//! counterparties (a ministry or agency counts as its state; one side may name fewer parties if
//! something else agrees), items that do not contradict each other (the concepts of
//! `data/concepts.tsv`, and model numbers such as 737 / 787), dates within the window, and at most
//! one figure (quantity or amount) in disagreement. A disagreement is kept, not averaged: the first
//! source's figure stays in the deal and a note gives every source's figure.
//!
//! Only deals are kept, never the text, and only the most recent [`Options::open_deals`] of them
//! stay open for merging: memory is bounded however long the input.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::entity::{self, Kind, key};
use crate::error::Error;
use crate::model::{Deal, DealStatus, DealType, SourceRef};
use crate::render::plain_decimal;
use crate::text::{Folded, PhraseSet};

pub const DEFAULT_CONCEPTS: &str = include_str!("../data/concepts.tsv");

/// How eagerly to merge.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Two dated sources further apart than this many days are different deals.
    pub window_days: i64,
    /// How many earlier deals with a shared counterparty are compared with each new deal.
    pub candidates: usize,
    /// How many of the most recent deals stay open for merging; older ones are final and handed
    /// on, so memory stays bounded however long the input. Reports of one deal are close together
    /// in a news archive; two reports further apart than this in the input are not compared.
    pub open_deals: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            window_days: 30,
            candidates: 256,
            open_deals: 20_000,
        }
    }
}

/// The concept lexicon, compiled.
pub struct Concepts {
    set: PhraseSet,
    concept_of: Vec<String>,
}

impl Concepts {
    pub fn parse(tables: &[(&str, &str)]) -> Result<Concepts, Error> {
        let mut phrases = Vec::new();
        let mut concept_of = Vec::new();
        for (name, table) in tables {
            for (concept, terms) in crate::tables::keyed_terms(name, table, "concept")? {
                for t in terms {
                    phrases.push((t.to_string(), true));
                    concept_of.push(concept.to_string());
                }
            }
        }
        Ok(Concepts {
            set: PhraseSet::new(&phrases).match_inside_words(4),
            concept_of,
        })
    }

    /// The concepts a text names.
    pub fn of(&self, text: &str) -> BTreeSet<String> {
        let f = Folded::new(text);
        self.set
            .find(text, &f)
            .into_iter()
            .map(|h| self.concept_of[h.id].clone())
            .collect()
    }
}

static GLOBAL: OnceLock<Concepts> = OnceLock::new();

/// Loads the built-in concepts plus an optional user file; call once before tracking.
pub fn configure(extra: Option<&Path>) -> Result<(), Error> {
    let user = crate::tables::user_file(extra)?;
    let mut tables = vec![("data/concepts.tsv", DEFAULT_CONCEPTS)];
    if let Some((name, text)) = &user {
        tables.push((name.as_str(), text.as_str()));
    }
    let c = Concepts::parse(&tables)?;
    let _ = GLOBAL.set(c);
    Ok(())
}

pub fn concepts() -> &'static Concepts {
    GLOBAL.get_or_init(|| {
        Concepts::parse(&[("data/concepts.tsv", DEFAULT_CONCEPTS)]).expect("built-in concepts")
    })
}

/// What identifies a deal across articles.
#[derive(Debug, Clone, Default)]
struct Profile {
    /// Counterparties, a state's bodies folded into the state; emptied once interned as `root_ids`.
    roots: Vec<String>,
    /// Sorted sets as vectors: thousands of profiles stay open, and a vector is a tenth of a
    /// B-tree's size for a handful of elements.
    concepts: Vec<String>,
    /// Designations in the item: tokens with a digit ("737", "A321neo") or in capitals ("MAX").
    designations: Vec<String>,
    /// `roots` as the tracker's interned numbers, sorted: cheap to compare many times.
    root_ids: Vec<u32>,
    /// One bit per root number (mod 64): a set can contain another only if its bits do.
    root_bloom: u64,
}

/// A sorted, deduplicated vector of the strings.
fn sorted(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = items.into_iter().collect();
    v.sort_unstable();
    v.dedup();
    v.shrink_to_fit();
    v
}

/// Whether sorted `a` and `b` share no element.
fn disjoint(a: &[String], b: &[String]) -> bool {
    !a.iter().any(|x| b.binary_search(x).is_ok())
}

/// Whether every element of sorted `a` is in sorted `b`.
fn subset(a: &[u32], b: &[u32]) -> bool {
    a.len() <= b.len() && a.iter().all(|x| b.binary_search(x).is_ok())
}

fn root_of(canonical: &str) -> String {
    match entity::entities().by_canonical(canonical) {
        Some(e) if matches!(e.kind, Kind::Government | Kind::Agency) => {
            key(e.country.as_deref().unwrap_or(canonical))
        }
        _ => key(canonical),
    }
}

fn profile(d: &Deal) -> Profile {
    let roots = sorted(d.parties.iter().map(|p| root_of(p)));
    let item = d.item.as_deref().unwrap_or("");
    let lexicon = concepts();
    let mut named = lexicon.of(item);
    if named.is_empty() {
        named = lexicon.of(&d.evidence);
    }
    let designations = item
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| {
            t.chars().any(|c| c.is_ascii_digit())
                || (t.len() >= 2 && t.chars().all(|c| c.is_ascii_uppercase()))
        })
        .map(|t| t.to_lowercase());
    Profile {
        roots,
        concepts: sorted(named),
        designations: sorted(designations),
        root_ids: Vec::new(),
        root_bloom: 0,
    }
}

struct Tracked {
    deal: Deal,
    profile: Profile,
    /// Every source's figures, for disagreement notes: (source, quantity, amount text).
    figures: Vec<(String, Option<u64>, Option<String>)>,
    /// The number of the newest source merged in. Sources are numbered in input order and a
    /// source's deals arrive together, so this alone tells whether the current source is in.
    last_src: u32,
}

fn amount_text(d: &Deal) -> Option<String> {
    let v = d.amount?;
    Some(format!(
        "{} {}",
        plain_decimal(v),
        d.currency.as_deref().unwrap_or("")
    ))
}

fn source_ref(d: &Deal) -> SourceRef {
    SourceRef {
        source: d.source.clone(),
        published: d.published,
        language: d.language,
        evidence: d.evidence.clone(),
        start: d.start,
        end: d.end,
    }
}

fn progress(s: DealStatus) -> u8 {
    match s {
        DealStatus::Proposed => 0,
        DealStatus::Negotiating => 1,
        DealStatus::Announced => 2,
        DealStatus::Signed => 3,
    }
}

/// A deal with what identifies it across articles, computed off the tracker's thread: the costly,
/// order-independent part of tracking.
pub struct Prepared {
    deal: Deal,
    profile: Profile,
}

impl Prepared {
    pub fn new(deal: Deal) -> Prepared {
        Prepared {
            profile: profile(&deal),
            deal,
        }
    }
}

/// Merges deals reported by several articles, in input order. Feed every deal with [`push`];
/// final deals come out of [`pop_final`] (oldest first) and, at the end, [`finish`].
///
/// [`push`]: Tracker::push
/// [`pop_final`]: Tracker::pop_final
/// [`finish`]: Tracker::finish
pub struct Tracker {
    opts: Options,
    /// Open deals; `open[i]` has the global number `first + i`.
    open: std::collections::VecDeque<Tracked>,
    first: usize,
    /// (type, interned counterparty) → global numbers of open deals, oldest first.
    index: HashMap<(DealType, u32), Vec<usize>>,
    /// Counterparty roots → numbers.
    names: HashMap<String, u32>,
    /// The current source and its number (a document's deals arrive together).
    source: (String, u32),
}

impl Tracker {
    pub fn new(opts: Options) -> Tracker {
        Tracker {
            opts,
            open: std::collections::VecDeque::new(),
            first: 0,
            index: HashMap::default(),
            names: HashMap::default(),
            source: (String::new(), 0),
        }
    }

    fn same_deal(&self, t: &Tracked, d: &Deal, p: &Profile, src: u32) -> bool {
        let a = &t.deal;
        // Cheap tests on the candidate itself first: scanning candidates is the tracker's hot loop.
        if a.deal_type != d.deal_type || t.last_src == src {
            return false;
        }
        if let (Some(x), Some(y)) = (a.published, d.published) {
            let days = (y - x).get_days().abs();
            if i64::from(days) > self.opts.window_days {
                return false;
            }
        }
        let (ba, bb) = (t.profile.root_bloom, p.root_bloom);
        if ba & !bb != 0 && bb & !ba != 0 {
            return false; // neither set of counterparties can contain the other
        }
        let (ra, rb) = (&t.profile.root_ids, &p.root_ids);
        if ra.is_empty() || rb.is_empty() || !(subset(ra, rb) || subset(rb, ra)) {
            return false;
        }
        // Items: different model numbers or disjoint concepts are different deals.
        let (da, db) = (&t.profile.designations, &p.designations);
        let digits = |s: &[String]| s.iter().any(|t| t.chars().any(|c| c.is_ascii_digit()));
        let mut agree = false;
        if !da.is_empty() && !db.is_empty() {
            if disjoint(da, db) {
                if digits(da) && digits(db) {
                    return false;
                }
            } else {
                agree = true;
            }
        }
        let (ca, cb) = (&t.profile.concepts, &p.concepts);
        if !ca.is_empty() && !cb.is_empty() {
            if disjoint(ca, cb) {
                return false;
            }
            agree = true;
        }
        let q_differs = matches!((a.quantity, d.quantity), (Some(x), Some(y)) if x != y);
        let q_agrees = matches!((a.quantity, d.quantity), (Some(x), Some(y)) if x == y);
        let amt_differs = match (a.amount, d.amount) {
            (Some(x), Some(y)) => x != y || a.currency != d.currency,
            _ => false,
        };
        let amt_agrees = matches!((a.amount, d.amount), (Some(x), Some(y)) if x == y && a.currency == d.currency);
        if q_differs && amt_differs {
            return false;
        }
        // A differing figure is a disagreement between reports only when the reports are tied
        // firmly: the same counterparties and the same model, or the other figure agreeing.
        // Otherwise "10 aircraft" and "20 aircraft" are two orders.
        if q_differs || amt_differs {
            let same_model = !disjoint(da, db);
            if !(ra == rb && (same_model || q_agrees || amt_agrees)) {
                return false;
            }
        }
        // Naming fewer parties is fine only when something else ties the reports together.
        ra == rb || agree || q_agrees || amt_agrees
    }

    /// Adds one deal: merged into an earlier open one that reports the same deal, or kept as new.
    pub fn push(&mut self, d: Deal) {
        self.add(Prepared::new(d));
    }

    /// [`push`](Tracker::push) for a deal whose profile was computed beforehand (in parallel).
    pub fn add(&mut self, prepared: Prepared) {
        let Prepared {
            deal: d,
            profile: mut p,
        } = prepared;
        for r in std::mem::take(&mut p.roots) {
            let next = self.names.len() as u32;
            p.root_ids.push(*self.names.entry(r).or_insert(next));
        }
        p.root_ids.shrink_to_fit();
        p.root_ids.sort_unstable();
        p.root_ids.dedup();
        p.root_bloom = p.root_ids.iter().fold(0, |b, r| b | 1 << (r % 64));
        if self.source.0 != d.source {
            self.source = (d.source.clone(), self.source.1 + 1);
        }
        let src = self.source.1;
        // The newest open deal that reports the same thing, whichever counterparty finds it.
        let mut found: Option<usize> = None;
        for &r in &p.root_ids {
            if let Some(ids) = self.index.get(&(d.deal_type, r)) {
                for &i in ids.iter().rev() {
                    if i < self.first || found.is_some_and(|f| i <= f) {
                        break;
                    }
                    if self.same_deal(&self.open[i - self.first], &d, &p, src) {
                        found = Some(i);
                        break;
                    }
                }
            }
        }
        match found {
            Some(i) => {
                let first = self.first;
                let t = &mut self.open[i - first];
                t.last_src = src;
                absorb(t, d);
            }
            None => {
                let i = self.first + self.open.len();
                for &r in &p.root_ids {
                    let ids = self.index.entry((d.deal_type, r)).or_default();
                    ids.push(i);
                    if ids.len() > self.opts.candidates {
                        ids.remove(0);
                    }
                }
                let figures = vec![(d.source.clone(), d.quantity, amount_text(&d))];
                self.open.push_back(Tracked {
                    deal: d,
                    profile: p,
                    figures,
                    last_src: src,
                });
            }
        }
    }

    /// The oldest deal, once more than `open_deals` are open: it can no longer change.
    pub fn pop_final(&mut self) -> Option<Deal> {
        if self.open.len() > self.opts.open_deals.max(1) {
            self.pop()
        } else {
            None
        }
    }

    fn pop(&mut self) -> Option<Deal> {
        let t = self.open.pop_front()?;
        let gone = self.first;
        self.first += 1;
        for &r in &t.profile.root_ids {
            let k = (t.deal.deal_type, r);
            if let Some(ids) = self.index.get_mut(&k) {
                ids.retain(|&i| i > gone);
                if ids.is_empty() {
                    self.index.remove(&k);
                }
            }
        }
        Some(finalise(t))
    }

    /// The remaining deals, in the input order of their first source.
    pub fn finish(mut self) -> Vec<Deal> {
        let mut out = Vec::with_capacity(self.open.len());
        while let Some(d) = self.pop() {
            out.push(d);
        }
        out
    }
}

fn finalise(mut t: Tracked) -> Deal {
    if t.figures.len() > 1 {
        t.deal.notes.extend(disagreements(&t.figures));
    }
    t.deal
}

fn absorb(t: &mut Tracked, d: Deal) {
    let a = &mut t.deal;
    if a.sources.is_empty() {
        a.sources.push(a.source.clone());
        a.reports.push(source_ref(a));
    }
    a.sources.push(d.source.clone());
    a.reports.push(source_ref(&d));
    t.figures
        .push((d.source.clone(), d.quantity, amount_text(&d)));
    for p in &d.parties {
        if !a.parties.iter().any(|q| key(q) == key(p)) {
            a.parties.push(p.clone());
        }
    }
    a.provider = a.provider.take().or(d.provider);
    a.recipient = a.recipient.take().or(d.recipient);
    a.item = a.item.take().or(d.item);
    a.quantity = a.quantity.or(d.quantity);
    a.published = a.published.or(d.published);
    if a.amount.is_none() && d.amount.is_some() {
        a.amount = d.amount;
        a.currency = d.currency;
        a.qualifier = d.qualifier;
        a.amount_max = d.amount_max;
    }
    if progress(d.status) > progress(a.status) {
        a.status = d.status;
    }
    for n in d.notes {
        if !a.notes.contains(&n) {
            a.notes.push(n);
        }
    }
}

/// "sources disagree on quantity: 50 (a.txt), 40 (b.txt)" — every figure kept with its source.
fn disagreements(figures: &[(String, Option<u64>, Option<String>)]) -> Vec<String> {
    let mut notes = Vec::new();
    let qs: Vec<(&String, u64)> = figures
        .iter()
        .filter_map(|(s, q, _)| q.map(|q| (s, q)))
        .collect();
    if qs.iter().any(|(_, q)| *q != qs[0].1) {
        let list: Vec<String> = qs.iter().map(|(s, q)| format!("{q} ({s})")).collect();
        notes.push(format!("sources disagree on quantity: {}", list.join(", ")));
    }
    let am: Vec<(&String, &String)> = figures
        .iter()
        .filter_map(|(s, _, a)| a.as_ref().map(|a| (s, a)))
        .collect();
    if am.iter().any(|(_, a)| *a != am[0].1) {
        let list: Vec<String> = am.iter().map(|(s, a)| format!("{a} ({s})")).collect();
        notes.push(format!("sources disagree on amount: {}", list.join(", ")));
    }
    notes
}

/// Merges the deals of many articles (see the module documentation).
pub fn merge(deals: Vec<Deal>, opts: Options) -> Vec<Deal> {
    let mut t = Tracker::new(opts);
    let mut out = Vec::new();
    for d in deals {
        t.push(d);
        out.extend(t.pop_final());
    }
    out.extend(t.finish());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn deal(source: &str, parties: &[&str], item: &str) -> Deal {
        Deal {
            status: DealStatus::Announced,
            parties: parties.iter().map(|s| s.to_string()).collect(),
            item: Some(item.into()),
            sector: "Aviation".into(),
            evidence: item.into(),
            ..Deal::blank(source)
        }
    }

    #[test]
    fn same_parties_and_model_across_languages_merge_with_both_sources() {
        let mut a = deal(
            "vi.txt",
            &["Vietnam Airlines", "Boeing"],
            "máy bay Boeing 737 MAX",
        );
        a.quantity = Some(50);
        a.status = DealStatus::Signed;
        let mut b = deal(
            "en.txt",
            &["Boeing", "Vietnam Airlines"],
            "Boeing 737 MAX jets",
        );
        b.quantity = Some(50);
        b.amount = Some(Decimal::from(8_100_000_000u64));
        b.currency = Some("USD".into());
        let out = merge(vec![a, b], Options::default());
        assert_eq!(out.len(), 1);
        let d = &out[0];
        assert_eq!(d.sources.len(), 2);
        assert_eq!(d.sources, ["vi.txt", "en.txt"]);
        assert_eq!(d.reports[1].evidence, "Boeing 737 MAX jets");
        assert_eq!(d.amount, Some(Decimal::from(8_100_000_000u64)), "filled in");
        assert_eq!(d.status, DealStatus::Signed);
        assert!(d.notes.is_empty(), "{:?}", d.notes);
    }

    #[test]
    fn different_models_stay_apart() {
        let a = deal("a.txt", &["Vietjet", "Boeing"], "Boeing 737 MAX");
        let b = deal("b.txt", &["Vietjet", "Boeing"], "Boeing 787-9 Dreamliner");
        assert_eq!(merge(vec![a, b], Options::default()).len(), 2);
    }

    #[test]
    fn disjoint_concepts_stay_apart_and_agencies_count_as_their_state() {
        let mut a = deal(
            "a.txt",
            &["Ministry of Industry and Trade", "United States"],
            "Hiệp định Thương mại đối ứng",
        );
        a.deal_type = DealType::TradeAgreement;
        let mut b = deal(
            "b.txt",
            &["Vietnam", "United States"],
            "Gegenseitiges Handelsabkommen",
        );
        b.deal_type = DealType::TradeAgreement;
        let mut c = deal(
            "c.txt",
            &["Vietnam", "United States"],
            "agreement on mutual assistance in customs matters",
        );
        c.deal_type = DealType::TradeAgreement;
        let out = merge(vec![a, b, c], Options::default());
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].sources.len(), 2);
        assert!(out[1].sources.is_empty());
    }

    #[test]
    fn a_differing_figure_is_kept_and_flagged_two_differing_figures_are_two_deals() {
        let mut a = deal("a.txt", &["Vietjet", "Airbus"], "A321neo");
        a.quantity = Some(20);
        a.amount = Some(Decimal::from(2_000_000_000u64));
        a.currency = Some("USD".into());
        let mut b = a.clone();
        b.source = "b.txt".into();
        b.amount = Some(Decimal::from(2_500_000_000u64));
        let out = merge(vec![a.clone(), b], Options::default());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].amount, Some(Decimal::from(2_000_000_000u64)));
        assert_eq!(
            out[0].notes,
            ["sources disagree on amount: 2000000000 USD (a.txt), 2500000000 USD (b.txt)"]
        );
        let mut c = a.clone();
        c.source = "c.txt".into();
        c.quantity = Some(40);
        c.amount = Some(Decimal::from(5_000_000_000u64));
        assert_eq!(merge(vec![a, c], Options::default()).len(), 2);
    }

    #[test]
    fn a_different_count_of_the_same_kind_of_thing_is_another_order() {
        let mut a = deal("a.txt", &["Vietjet", "Airbus"], "aircraft");
        a.quantity = Some(20);
        let mut b = deal("b.txt", &["Vietjet", "Airbus"], "máy bay");
        b.quantity = Some(10);
        assert_eq!(merge(vec![a.clone(), b], Options::default()).len(), 2);
        // the same model with a different count: one deal, the disagreement flagged
        let mut c = deal("c.txt", &["Airbus", "Vietjet"], "A321neo jets");
        c.quantity = Some(20);
        let mut d = deal("d.txt", &["Vietjet", "Airbus"], "máy bay A321neo");
        d.quantity = Some(25);
        let out = merge(vec![c, d], Options::default());
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].notes,
            ["sources disagree on quantity: 20 (c.txt), 25 (d.txt)"]
        );
    }

    #[test]
    fn only_open_deals_merge_and_final_ones_come_out_in_order() {
        let opts = Options {
            open_deals: 2,
            ..Options::default()
        };
        let a = deal("a.txt", &["Vietjet", "Airbus"], "A321neo");
        let b = deal("b.txt", &["Vietnam Airlines", "Boeing"], "787");
        let c = deal("c.txt", &["Bamboo", "Embraer"], "E195");
        let a2 = deal("d.txt", &["Vietjet", "Airbus"], "A321neo");
        let out = merge(vec![a.clone(), b.clone(), c.clone(), a2.clone()], opts);
        let srcs: Vec<&str> = out.iter().map(|d| d.source.as_str()).collect();
        assert_eq!(
            srcs,
            ["a.txt", "b.txt", "c.txt", "d.txt"],
            "a was final before d came"
        );
        let out = merge(vec![a, b, a2], opts);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].sources, ["a.txt", "d.txt"]);
    }

    #[test]
    fn a_report_joins_the_newest_matching_deal_whichever_party_finds_it() {
        // c names both counterparties; a is found through "Airbus", b through "Vietjet".
        let a = deal("a.txt", &["Airbus"], "A321neo");
        let b = deal("b.txt", &["Vietjet"], "A321neo");
        let c = deal("c.txt", &["Airbus", "Vietjet"], "A321neo");
        let out = merge(vec![a, b, c], Options::default());
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].sources, Vec::<String>::new(), "a stays alone");
        assert_eq!(out[1].sources, ["b.txt", "c.txt"]);
        let d = deal("d.txt", &["Vietjet"], "A321neo");
        let d2 = deal("d.txt", &["Vietjet"], "A321neo");
        assert_eq!(
            merge(vec![d, d2], Options::default()).len(),
            2,
            "two deals of one article never merge"
        );
    }

    #[test]
    fn dates_far_apart_are_different_deals_and_one_article_never_merges_with_itself() {
        let mut a = deal("a.txt", &["Vietjet", "Airbus"], "A321neo");
        a.published = Some("2024-01-10".parse().unwrap());
        let mut b = deal("b.txt", &["Vietjet", "Airbus"], "A321neo");
        b.published = Some("2024-06-10".parse().unwrap());
        assert_eq!(merge(vec![a.clone(), b], Options::default()).len(), 2);
        let mut c = deal("c.txt", &["Vietjet", "Airbus"], "A321neo");
        c.published = Some("2024-01-20".parse().unwrap());
        assert_eq!(merge(vec![a.clone(), c], Options::default()).len(), 1);
        let same = deal("a.txt", &["Vietjet", "Airbus"], "A321neo");
        assert_eq!(merge(vec![a, same], Options::default()).len(), 2);
    }
}
