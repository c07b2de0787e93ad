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

use crate::entity::{Kind, key};
use crate::error::Error;
use crate::lexicons::Lexicons;
use crate::model::{Deal, DealStatus, DealType, SourceRef};
use crate::number::plain_decimal;
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
fn subset<R: Ord>(a: &[R], b: &[R]) -> bool {
    a.len() <= b.len() && a.iter().all(|x| b.binary_search(x).is_ok())
}

fn root_of(canonical: &str, lex: &Lexicons) -> String {
    match lex.entities.by_canonical(canonical) {
        Some(e) if matches!(e.kind, Kind::Government | Kind::Agency) => {
            key(e.country.as_deref().unwrap_or(canonical))
        }
        _ => key(lex.entities.governed(canonical).unwrap_or(canonical)),
    }
}

fn profile(d: &Deal, lex: &Lexicons) -> Profile {
    let roots = sorted(d.parties.iter().map(|p| root_of(p, lex)));
    let item = d.item.as_deref().unwrap_or("");
    let lexicon = &lex.concepts;
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

/// How many reports of one deal are kept in full (`sources`, `reports` and the figures of
/// disagreement notes): the first `HISTORY - 1` and the latest. The others are counted, and their
/// figures summed up per distinct figure, so that a deal reported thousands of times costs no
/// more memory than one reported a hundred times.
pub const HISTORY: usize = 100;

/// At most this many distinct figures of the reports not kept in full are remembered.
const ELIDED_FIGURES: usize = 32;

/// One report's figures: (source, quantity, amount text).
type Figure = (String, Option<u64>, Option<String>);

/// A distinct figure of reports not kept in full: ((quantity, amount text), (first source,
/// reports that state it)).
type ElidedFigure = ((Option<u64>, Option<String>), (String, usize));

/// The reports of a deal beyond the first `HISTORY - 1`: the latest in full, the rest counted.
#[derive(Default)]
struct Elided {
    /// Reports neither kept nor latest.
    count: usize,
    /// The latest report: source, what it says, its figures.
    latest: Option<(String, SourceRef, Figure)>,
    /// Distinct figures of the counted reports (quantity, amount) → (first source, reports).
    figures: Vec<ElidedFigure>,
}

struct Tracked {
    /// Boxed: 20,000 to 40,000 deals stay open, and the deque's spare capacity then costs a
    /// pointer per slot instead of a whole deal.
    deal: Box<Deal>,
    profile: Profile,
    /// The first sources' figures, for disagreement notes (see [`HISTORY`]); empty until a second
    /// report is merged in (the deal's own figures are unchanged until then).
    figures: Vec<Figure>,
    /// Reports beyond [`HISTORY`] (boxed: most deals never have any, and thousands stay open).
    elided: Option<Box<Elided>>,
}

/// What rejecting a candidate takes after its date, kept apart from the open deals in a deque of
/// its own (16 bytes a deal, in step with `open`), so that a rejected candidate touches only this.
/// (Its type needs no test: the index files a deal under its type.)
#[derive(Clone, Copy)]
struct Slot {
    /// The number of the newest source merged in. Sources are numbered in input order and a
    /// source's deals arrive together, so this alone tells whether the current source is in.
    last_src: u32,
    /// [`Profile::root_bloom`].
    bloom: u64,
}

/// An open deal named in the tracker's index: its global number and the day number of its date
/// ([`day_number`], or [`UNDATED`]).
#[derive(Clone, Copy)]
struct Candidate {
    id: usize,
    day: i64,
}

/// The day of a deal without a date: no window bounds it.
const UNDATED: i64 = i64::MIN;

/// The open deals of one type naming one counterparty: the newest `candidates` of them, kept in
/// two orders. Each new deal weighs these as candidates, and on an archive not read in date
/// order nearly all fail on the date alone (98 % on `gen_corpus`): the order by day finds the
/// few within the window without reading the others.
#[derive(Default)]
struct Shelf {
    /// In the order they came (by global number): the oldest is dropped first.
    fifo: std::collections::VecDeque<Candidate>,
    /// By (day, global number); the undated first, since [`UNDATED`] is the least day. A B-tree,
    /// not a sorted vector: deals arrive in any date order, and shifting half of a full vector
    /// for each arrival and departure cost more than the scan it replaced.
    by_day: std::collections::BTreeSet<(i64, usize)>,
}

impl Shelf {
    /// Adds the newest deal; drops the oldest beyond `cap`.
    fn push(&mut self, c: Candidate, cap: usize) {
        self.fifo.push_back(c);
        self.by_day.insert((c.day, c.id));
        if self.fifo.len() > cap {
            if let Some(old) = self.fifo.pop_front() {
                self.unsort(old);
            }
        }
    }

    fn unsort(&mut self, c: Candidate) {
        self.by_day.remove(&(c.day, c.id));
    }

    /// Drops the deals numbered below `first` (no longer open).
    fn drop_before(&mut self, first: usize) {
        while let Some(&c) = self.fifo.front().filter(|c| c.id < first) {
            self.fifo.pop_front();
            self.unsort(c);
        }
    }

    /// Deal `id` has taken a date: it moves to its day.
    fn redate(&mut self, id: usize, day: i64) {
        let Ok(k) = self.fifo.binary_search_by_key(&id, |c| c.id) else {
            return;
        };
        let old = self.fifo[k];
        self.fifo[k].day = day;
        self.unsort(old);
        self.by_day.insert((day, id));
    }

    /// Adds to `out` the deals that a deal of day `day` may be compared with: those at most
    /// `window` days from it and the undated ones (all of them when `day` is [`UNDATED`]).
    fn near(&self, day: i64, window: i64, out: &mut Vec<usize>) {
        if day == UNDATED {
            out.extend(self.fifo.iter().map(|c| c.id));
            return;
        }
        let days = |from: i64, to: i64| self.by_day.range((from, 0)..=(to, usize::MAX));
        out.extend(days(UNDATED, UNDATED).map(|e| e.1));
        // A negative window lets no two dated deals meet; a huge one, every one (no overflow).
        if window >= 0 {
            let from = day.saturating_sub(window).max(UNDATED + 1);
            out.extend(days(from, day.saturating_add(window)).map(|e| e.1));
        }
    }
}

fn day_of(d: &Deal) -> i64 {
    d.published.map_or(UNDATED, day_number)
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
    /// Boxed: up to 20,000 deals wait in the tracker before they are merged.
    deal: Box<Deal>,
    profile: Profile,
    /// The stable id of the deal's article ([`crate::model::Document::key`]): it orders deals of
    /// one date independently of the reading order.
    article: String,
}

impl Prepared {
    /// A deal whose article key is unknown (its source stands in for it).
    pub fn new(deal: Deal, lex: &Lexicons) -> Prepared {
        let article = deal.source.clone();
        Prepared::of_article(deal, article, lex)
    }

    /// A deal of the article with this stable key.
    pub fn of_article(deal: Deal, article: String, lex: &Lexicons) -> Prepared {
        Prepared {
            profile: profile(&deal, lex),
            deal: Box::new(deal),
            article,
        }
    }

    pub fn deal(&self) -> &Deal {
        &self.deal
    }

    /// The canonical order in which deals are merged: dated articles first, oldest first, then by
    /// source, article key and position. It depends on the deals only, never on the reading order,
    /// and is the same for deals read back from a deals file (whose article key is their source).
    fn order_key(
        &self,
    ) -> (
        bool,
        Option<jiff::civil::Date>,
        &str,
        &str,
        usize,
        usize,
        &str,
    ) {
        let d = &self.deal;
        (
            d.published.is_none(),
            d.published,
            &d.source,
            &self.article,
            d.start,
            d.end,
            &d.id,
        )
    }
}

/// Whether headline deal `h` restates body deal `b` of the same article: same type, the headline's
/// counterparties among the body's, items that do not contradict, and no figure in disagreement.
fn restates(h: &Deal, hp: &Profile, b: &Deal, bp: &Profile) -> bool {
    if h.deal_type != b.deal_type || hp.roots.is_empty() {
        return false;
    }
    if !hp.roots.iter().all(|r| bp.roots.binary_search(r).is_ok()) {
        return false;
    }
    let digits = |s: &[String]| s.iter().any(|t| t.chars().any(|c| c.is_ascii_digit()));
    let (da, db) = (&hp.designations, &bp.designations);
    if !da.is_empty() && !db.is_empty() && disjoint(da, db) && digits(da) && digits(db) {
        return false;
    }
    let (ca, cb) = (&hp.concepts, &bp.concepts);
    if !ca.is_empty() && !cb.is_empty() && disjoint(ca, cb) {
        return false;
    }
    let q_differs = matches!((h.quantity, b.quantity), (Some(x), Some(y)) if x != y);
    let amt_differs = match (h.amount, b.amount) {
        (Some(x), Some(y)) => x != y || h.currency != b.currency,
        _ => false,
    };
    !q_differs && !amt_differs
}

/// One article's deals with a headline folded in: a deal stated wholly within the headline
/// (the body's first line, ending at `headline_end`) that restates a deal of the body is that
/// deal, not a second one. The body's deal keeps its id, evidence and figures and takes from the
/// headline only what it lacks (quantity, amount, item, roles).
pub fn fold_headline(deals: Vec<Deal>, headline_end: usize, lex: &Lexicons) -> Vec<Deal> {
    let in_head = |d: &Deal| d.end <= headline_end;
    if !deals.iter().any(in_head) || deals.iter().all(in_head) {
        return deals;
    }
    let (heads, mut body): (Vec<Deal>, Vec<Deal>) = deals.into_iter().partition(in_head);
    let profiles: Vec<Profile> = body.iter().map(|d| profile(d, lex)).collect();
    let mut kept = Vec::new();
    for h in heads {
        let hp = profile(&h, lex);
        match (0..body.len()).find(|&i| restates(&h, &hp, &body[i], &profiles[i])) {
            Some(i) => {
                let b = &mut body[i];
                if b.quantity.is_none() {
                    b.quantity = h.quantity;
                }
                if b.amount.is_none() && h.amount.is_some() {
                    b.amount = h.amount;
                    b.currency = h.currency;
                    b.currency_inferred = h.currency_inferred;
                    b.qualifier = h.qualifier;
                    b.amount_max = h.amount_max;
                }
                b.item = b.item.take().or(h.item);
                b.provider = b.provider.take().or(h.provider);
                b.recipient = b.recipient.take().or(h.recipient);
            }
            None => kept.push(h),
        }
    }
    kept.extend(body);
    kept.sort_by_key(|d| (d.start, d.end));
    kept
}

/// Where an article's headline ends, if its body opens with one: a first line of at most 300
/// bytes without a sentence-final full stop, followed by more text. Byte offset in `text`.
pub fn headline_end(text: &str, body_start: usize) -> Option<usize> {
    let body = &text[body_start..];
    let lead = body.len() - body.trim_start().len();
    let rest = &body[lead..];
    let nl = rest.find('\n')?;
    let line = rest[..nl].trim_end();
    if line.is_empty() || line.len() > 300 || line.ends_with('.') || rest[nl..].trim().is_empty() {
        return None;
    }
    Some(body_start + lead + nl)
}

/// Merges deals reported by several articles, in input order. Feed every deal with [`push`];
/// final deals come out of [`pop_final`] (oldest first) and, at the end, [`finish`].
///
/// [`push`]: Tracker::push
/// [`pop_final`]: Tracker::pop_final
/// [`finish`]: Tracker::finish
pub struct Tracker<'l> {
    opts: Options,
    /// The run's lexicons: entities fold a state's bodies into the state, concepts name items.
    lex: &'l Lexicons,
    /// Deals added but not yet merged: merged in canonical order ([`Prepared::order_key`]) when
    /// more than `open_deals` wait, and at the end, so that any reading order of a set of deals
    /// that fits in the window gives the same result.
    pending: Vec<Prepared>,
    /// Open deals; `open[i]` has the global number `first + i`.
    open: std::collections::VecDeque<Tracked>,
    /// `slots[i]` is what rejecting `open[i]` as a candidate takes.
    slots: std::collections::VecDeque<Slot>,
    first: usize,
    /// (type, interned counterparty) → the open deals naming it.
    index: HashMap<(DealType, u32), Shelf>,
    /// The candidates of the deal being inserted (kept to reuse its buffer).
    near: Vec<usize>,
    /// Counterparty roots → numbers.
    names: HashMap<String, u32>,
    /// The current source and its number (a document's deals arrive together).
    source: (String, u32),
    /// Sources merged into a deal but not listed in its `sources` (beyond [`HISTORY`]), until
    /// [`Tracker::take_elided`] hands them on.
    elided_sources: Vec<String>,
    /// Whether to gather them (see [`Tracker::with_elided_sources`]).
    keep_elided: bool,
}

impl<'l> Tracker<'l> {
    pub fn new(opts: Options, lex: &'l Lexicons) -> Tracker<'l> {
        Tracker {
            opts,
            lex,
            pending: Vec::new(),
            open: std::collections::VecDeque::new(),
            slots: std::collections::VecDeque::new(),
            first: 0,
            index: HashMap::default(),
            near: Vec::new(),
            names: HashMap::default(),
            source: (String::new(), 0),
            elided_sources: Vec::new(),
            keep_elided: false,
        }
    }

    /// Gathers the sources that deals will not list, for [`Tracker::take_elided`].
    pub fn with_elided_sources(mut self) -> Tracker<'l> {
        self.keep_elided = true;
        self
    }

    /// The sources merged into a deal since the last call that its `sources` will not list (a
    /// deal keeps its first `HISTORY - 1` reports and the latest): a caller that keeps something
    /// per source until the deals naming it are written can let go of these. Gathered only after
    /// [`Tracker::with_elided_sources`].
    pub fn take_elided(&mut self) -> Vec<String> {
        std::mem::take(&mut self.elided_sources)
    }

    /// Whether open deal `i` (global number), of `d`'s type and dated within the window of `d`'s
    /// (the index found it so), reports the same deal as `d` from source `src`.
    fn same_deal(&self, i: usize, d: &Deal, p: &Profile, src: u32) -> bool {
        // Cheap tests on the candidate's slot first: scanning candidates is the tracker's hot loop.
        let s = self.slots[i - self.first];
        if s.last_src == src {
            return false;
        }
        let (ba, bb) = (s.bloom, p.root_bloom);
        if ba & !bb != 0 && bb & !ba != 0 {
            return false; // neither set of counterparties can contain the other
        }
        let t = &self.open[i - self.first];
        debug_assert_eq!(t.deal.deal_type, d.deal_type);
        judge(&t.deal, &t.profile.root_ids, &t.profile, d, &p.root_ids, p)
    }

    /// Adds one deal: merged into an earlier open one that reports the same deal, or kept as new.
    pub fn push(&mut self, d: Deal) {
        self.add(Prepared::new(d, self.lex));
    }

    /// [`push`](Tracker::push) for a deal whose profile was computed beforehand (in parallel).
    pub fn add(&mut self, prepared: Prepared) {
        let most = self.opts.open_deals.max(1) + 1;
        if self.pending.len() == self.pending.capacity() {
            // Doubling, but never past what the queue can hold (20,001, not 32,768).
            let cap = match self.pending.len() < most {
                true => (2 * self.pending.capacity()).max(16).min(most),
                false => 2 * self.pending.capacity(),
            };
            self.pending
                .reserve_exact(cap.saturating_sub(self.pending.len()).max(1));
        }
        self.pending.push(prepared);
        if self.pending.len() > self.opts.open_deals.max(1) {
            self.flush();
        }
    }

    /// Merges the pending deals in canonical order.
    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        // A stable sort of indices, not of the deals: its scratch space is half the indices
        // (40 KB), not half the deals.
        let mut order: Vec<u32> = (0..pending.len() as u32).collect();
        order.sort_by(|&a, &b| {
            pending[a as usize]
                .order_key()
                .cmp(&pending[b as usize].order_key())
        });
        let mut pending: Vec<Option<Prepared>> = pending.into_iter().map(Some).collect();
        for i in order {
            if let Some(p) = pending[i as usize].take() {
                self.insert(p);
            }
        }
    }

    fn insert(&mut self, prepared: Prepared) {
        let Prepared {
            deal: d,
            profile: mut p,
            ..
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
        let day = day_of(&d);
        // The newest open deal that reports the same thing, whichever counterparty finds it.
        let mut near = std::mem::take(&mut self.near);
        near.clear();
        for &r in &p.root_ids {
            if let Some(shelf) = self.index.get(&(d.deal_type, r)) {
                shelf.near(day, self.opts.window_days, &mut near);
            }
        }
        near.sort_unstable_by(|a, b| b.cmp(a));
        near.dedup();
        let found = near
            .iter()
            .copied()
            .find(|&i| i >= self.first && self.same_deal(i, &d, &p, src));
        self.near = near;
        match found {
            Some(i) => {
                let first = self.first;
                let t = &mut self.open[i - first];
                let before = day_of(&t.deal);
                let gone = absorb(t, *d);
                self.slots[i - first].last_src = src;
                let after = day_of(&t.deal);
                if after != before {
                    // An undated deal took a report's date: its entries carry the day.
                    for &r in &t.profile.root_ids {
                        if let Some(shelf) = self.index.get_mut(&(t.deal.deal_type, r)) {
                            shelf.redate(i, after);
                        }
                    }
                }
                if let Some(gone) = gone {
                    if self.keep_elided {
                        self.elided_sources.push(gone);
                    }
                }
            }
            None => {
                let i = self.first + self.open.len();
                for &r in &p.root_ids {
                    self.index
                        .entry((d.deal_type, r))
                        .or_default()
                        .push(Candidate { id: i, day }, self.opts.candidates);
                }
                if self.open.len() == self.open.capacity() {
                    // Doubling, but never past what a flush can fill: the open deals and every
                    // pending one (40,002, not 65,536).
                    let most = 2 * (self.opts.open_deals.max(1) + 1);
                    let cap = match self.open.len() < most {
                        true => (2 * self.open.capacity()).max(16).min(most),
                        false => 2 * self.open.capacity(),
                    };
                    self.open
                        .reserve_exact(cap.saturating_sub(self.open.len()).max(1));
                    self.slots
                        .reserve_exact(cap.saturating_sub(self.slots.len()).max(1));
                }
                self.slots.push_back(Slot {
                    last_src: src,
                    bloom: p.root_bloom,
                });
                self.open.push_back(Tracked {
                    deal: d,
                    profile: p,
                    figures: Vec::new(),
                    elided: None,
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
        self.slots.pop_front();
        let gone = self.first;
        self.first += 1;
        for &r in &t.profile.root_ids {
            let k = (t.deal.deal_type, r);
            if let Some(shelf) = self.index.get_mut(&k) {
                shelf.drop_before(gone + 1);
                if shelf.fifo.is_empty() {
                    self.index.remove(&k);
                }
            }
        }
        Some(finalise(t))
    }

    /// The remaining deals, in the canonical order of their first (earliest) report.
    pub fn finish(mut self) -> Vec<Deal> {
        self.flush();
        let mut out = Vec::with_capacity(self.open.len());
        while let Some(d) = self.pop() {
            out.push(d);
        }
        out
    }
}

/// The part of "same deal" that compares counterparties, items and figures (dates and type are
/// checked before). `ra` and `rb` are the sorted counterparty roots, interned or not.
fn judge<R: Ord>(a: &Deal, ra: &[R], pa: &Profile, d: &Deal, rb: &[R], pb: &Profile) -> bool {
    if ra.is_empty() || rb.is_empty() || !(subset(ra, rb) || subset(rb, ra)) {
        return false;
    }
    // Items: different model numbers or disjoint concepts are different deals.
    let (da, db) = (&pa.designations, &pb.designations);
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
    let (ca, cb) = (&pa.concepts, &pb.concepts);
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
    let amt_agrees =
        matches!((a.amount, d.amount), (Some(x), Some(y)) if x == y && a.currency == d.currency);
    if q_differs && amt_differs {
        return false;
    }
    // Without a date nothing bounds the reports in time: an undated report joins only a deal
    // with the same counterparties, the same item or quantity, and the same stated amount.
    if a.published.is_none() || d.published.is_none() {
        return ra == rb && (agree || q_agrees) && amt_agrees;
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

/// What identifies a deal across articles, for matching against deals kept elsewhere (the
/// ledger): counterparty roots (a state's bodies folded into the state), concepts and model
/// designations of the item.
pub struct Identity(Profile);

impl Identity {
    pub fn of(d: &Deal, lex: &Lexicons) -> Identity {
        Identity(profile(d, lex))
    }

    /// The counterparties as the keys deals are found by (sorted, distinct).
    pub fn roots(&self) -> &[String] {
        &self.0.roots
    }
}

/// Whether the deal types can be one deal over time: the same type, or a memorandum or letter of
/// intent that becomes a contract, a loan or an investment (or the reverse order of reports).
pub fn types_compatible(a: DealType, b: DealType) -> bool {
    let preliminary = |t: DealType| matches!(t, DealType::Mou | DealType::LetterOfIntent);
    a == b || preliminary(a) || preliminary(b)
}

/// Whether `new` reports the known deal `known` (whose `published` is the date it was last
/// reported): compatible types, dates within `window_days` of that, and the counterparties, items
/// and figures of [`Tracker`]'s rule (undated reports only on full agreement).
/// The number of days between two dates, whichever comes first: 2026-03-01 and 2026-02-27 are
/// two days apart. By each date's day number in the proleptic Gregorian calendar (Howard
/// Hinnant's `days_from_civil`), the calendar `jiff` counts in: the tracker asks this of every
/// candidate it weighs, and `Date - Date` builds a whole `Span` to answer it.
fn days_apart(x: jiff::civil::Date, y: jiff::civil::Date) -> i64 {
    (day_number(y) - day_number(x)).abs()
}

/// Days since 1970-01-01 (negative before it).
fn day_number(d: jiff::civil::Date) -> i64 {
    let (m, day) = (i64::from(d.month()), i64::from(d.day()));
    let y = i64::from(d.year()) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn same_deal_over_time(
    known: &Deal,
    k: &Identity,
    new: &Deal,
    n: &Identity,
    window_days: i64,
) -> bool {
    if !types_compatible(known.deal_type, new.deal_type) {
        return false;
    }
    if let (Some(x), Some(y)) = (known.published, new.published) {
        if days_apart(x, y) > window_days {
            return false;
        }
    }
    judge(known, &k.0.roots, &k.0, new, &n.0.roots, &n.0)
}

/// How far a status is along (proposed → negotiating → announced → signed).
pub fn status_rank(s: DealStatus) -> u8 {
    progress(s)
}

fn finalise(mut t: Tracked) -> Deal {
    let Elided {
        count,
        latest,
        figures: elided,
    } = t.elided.take().map(|e| *e).unwrap_or_default();
    if let Some((source, report, figure)) = latest {
        t.deal.sources.push(source);
        t.deal.reports.push(report);
        t.figures.push(figure);
    }
    if t.figures.len() > 1 {
        t.deal.notes.extend(disagreements(&t.figures, &elided));
    }
    if count > 0 {
        t.deal.notes.push(format!(
            "reported by {} articles: {count} not listed in sources (the first {} and the latest are)",
            t.deal.sources.len() + count,
            HISTORY - 1
        ));
    }
    *t.deal
}

/// Merges report `d` into the deal; returns the source of a report that will not be listed (one
/// that was the latest beyond [`HISTORY`] and is now neither).
fn absorb(t: &mut Tracked, d: Deal) -> Option<String> {
    let a = &mut *t.deal;
    if a.sources.is_empty() {
        a.sources.push(a.source.clone());
        a.reports.push(source_ref(a));
    }
    if t.figures.is_empty() {
        // The deal's own figures, unchanged until this first merge.
        t.figures
            .push((a.source.clone(), a.quantity, amount_text(a)));
    }
    let figure = (d.source.clone(), d.quantity, amount_text(&d));
    let mut gone = None;
    if a.sources.len() < HISTORY - 1 {
        a.sources.push(d.source.clone());
        a.reports.push(source_ref(&d));
        t.figures.push(figure);
    } else {
        let e = t.elided.get_or_insert_with(Box::default);
        if let Some((source, _, (_, q, amt))) = e.latest.take() {
            e.count += 1;
            let key = (q, amt);
            if let Some((_, (_, n))) = e.figures.iter_mut().find(|(k, _)| *k == key) {
                *n += 1;
            } else if e.figures.len() < ELIDED_FIGURES {
                e.figures.push((key, (source.clone(), 1)));
            }
            gone = Some(source);
        }
        e.latest = Some((d.source.clone(), source_ref(&d), figure));
    }
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
        a.currency_inferred = d.currency_inferred;
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
    gone
}

/// "sources disagree on quantity: 50 (a.txt), 40 (b.txt)" — every figure kept with its source.
/// Figures of reports beyond [`HISTORY`] are given once per distinct figure, with the first source
/// and how many more reports state it: "30 (x.txt and 2,411 more)".
fn disagreements(figures: &[Figure], elided: &[ElidedFigure]) -> Vec<String> {
    let mut notes = Vec::new();
    let more = |s: &str, n: usize| {
        if n > 1 {
            format!("{s} and {} more", n - 1)
        } else {
            s.to_string()
        }
    };
    let qs: Vec<(String, u64)> = figures
        .iter()
        .filter_map(|(s, q, _)| q.map(|q| (s.clone(), q)))
        .chain(
            elided
                .iter()
                .filter_map(|((q, _), (s, n))| q.map(|q| (more(s, *n), q))),
        )
        .collect();
    if qs.iter().any(|(_, q)| *q != qs[0].1) {
        let list: Vec<String> = qs.iter().map(|(s, q)| format!("{q} ({s})")).collect();
        notes.push(format!("sources disagree on quantity: {}", list.join(", ")));
    }
    let am: Vec<(String, &String)> = figures
        .iter()
        .filter_map(|(s, _, a)| a.as_ref().map(|a| (s.clone(), a)))
        .chain(
            elided
                .iter()
                .filter_map(|((_, a), (s, n))| a.as_ref().map(|a| (more(s, *n), a))),
        )
        .collect();
    if am.iter().any(|(_, a)| *a != am[0].1) {
        let list: Vec<String> = am.iter().map(|(s, a)| format!("{a} ({s})")).collect();
        notes.push(format!("sources disagree on amount: {}", list.join(", ")));
    }
    notes
}

/// Merges the deals of many articles (see the module documentation).
pub fn merge(deals: Vec<Deal>, opts: Options, lex: &Lexicons) -> Vec<Deal> {
    let mut t = Tracker::new(opts, lex);
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

    proptest::proptest! {
        /// A shelf finds what reading its whole list would: after any pushes (with the cap),
        /// redatings and drops, the deals near a day are those of the newest `cap` still open
        /// that are undated or within the window (all of them for an undated day).
        #[test]
        fn a_shelf_finds_what_reading_the_whole_list_finds(
            ops in proptest::collection::vec((0u8..4, -1i64..40), 1..120),
            cap in 1usize..12,
            window in proptest::prop_oneof![-2i64..8, proptest::strategy::Just(i64::MAX)],
        ) {
            let day = |d: i64| if d < 0 { UNDATED } else { d };
            let mut shelf = Shelf::default();
            let mut list: Vec<Candidate> = Vec::new();
            let (mut next, mut first) = (0usize, 0usize);
            for (op, d) in ops {
                match op {
                    0 | 1 => {
                        shelf.push(Candidate { id: next, day: day(d) }, cap);
                        list.push(Candidate { id: next, day: day(d) });
                        if list.len() > cap {
                            list.remove(0);
                        }
                        next += 1;
                    }
                    2 => {
                        // An undated deal takes a date.
                        if let Some(c) = list.iter_mut().rev().find(|c| c.day == UNDATED) {
                            c.day = d.max(0);
                            shelf.redate(c.id, d.max(0));
                        }
                    }
                    _ => {
                        first = (first + 1).min(next);
                        shelf.drop_before(first);
                        list.retain(|c| c.id >= first);
                    }
                }
                for probe in [UNDATED, d.max(0)] {
                    let mut got = Vec::new();
                    shelf.near(probe, window, &mut got);
                    got.sort_unstable();
                    let want: Vec<usize> = list
                        .iter()
                        .filter(|c| {
                            probe == UNDATED || c.day == UNDATED || (c.day - probe).abs() <= window
                        })
                        .map(|c| c.id)
                        .collect();
                    proptest::prop_assert_eq!(got, want);
                }
            }
        }

        /// The day count the tracker uses is `jiff`'s, across centuries, leap days and the
        /// year 0.
        #[test]
        fn days_apart_counts_as_jiff_does(a in -800_000i64..800_000, b in -800_000i64..800_000) {
            let epoch = jiff::civil::date(1970, 1, 1);
            let x = epoch.checked_add(jiff::Span::new().days(a)).unwrap();
            let y = epoch.checked_add(jiff::Span::new().days(b)).unwrap();
            proptest::prop_assert_eq!(day_number(x), a);
            proptest::prop_assert_eq!(days_apart(x, y), i64::from((y - x).get_days().abs()));
        }
    }

    /// A deal of a dated article (undated ones merge only on full agreement: tested apart).
    fn deal(source: &str, parties: &[&str], item: &str) -> Deal {
        Deal {
            published: Some("2024-01-10".parse().unwrap()),
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
        let out = merge(vec![a, b], Options::default(), Lexicons::builtin());
        assert_eq!(out.len(), 1);
        let d = &out[0];
        assert_eq!(d.sources.len(), 2);
        assert_eq!(d.sources, ["en.txt", "vi.txt"], "same date: by article key");
        assert_eq!(d.reports[0].evidence, "Boeing 737 MAX jets");
        assert_eq!(d.amount, Some(Decimal::from(8_100_000_000u64)), "filled in");
        assert_eq!(d.status, DealStatus::Signed);
        assert!(d.notes.is_empty(), "{:?}", d.notes);
    }

    #[test]
    fn different_models_stay_apart() {
        let a = deal("a.txt", &["Vietjet", "Boeing"], "Boeing 737 MAX");
        let b = deal("b.txt", &["Vietjet", "Boeing"], "Boeing 787-9 Dreamliner");
        assert_eq!(
            merge(vec![a, b], Options::default(), Lexicons::builtin()).len(),
            2
        );
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
        let out = merge(vec![a, b, c], Options::default(), Lexicons::builtin());
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
        let out = merge(vec![a.clone(), b], Options::default(), Lexicons::builtin());
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
        assert_eq!(
            merge(vec![a, c], Options::default(), Lexicons::builtin()).len(),
            2
        );
    }

    #[test]
    fn a_different_count_of_the_same_kind_of_thing_is_another_order() {
        let mut a = deal("a.txt", &["Vietjet", "Airbus"], "aircraft");
        a.quantity = Some(20);
        let mut b = deal("b.txt", &["Vietjet", "Airbus"], "máy bay");
        b.quantity = Some(10);
        assert_eq!(
            merge(vec![a.clone(), b], Options::default(), Lexicons::builtin()).len(),
            2
        );
        // the same model with a different count: one deal, the disagreement flagged
        let mut c = deal("c.txt", &["Airbus", "Vietjet"], "A321neo jets");
        c.quantity = Some(20);
        let mut d = deal("d.txt", &["Vietjet", "Airbus"], "máy bay A321neo");
        d.quantity = Some(25);
        let out = merge(vec![c, d], Options::default(), Lexicons::builtin());
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
        let out = merge(
            vec![a.clone(), b.clone(), c.clone(), a2.clone()],
            opts,
            Lexicons::builtin(),
        );
        let srcs: Vec<&str> = out.iter().map(|d| d.source.as_str()).collect();
        assert_eq!(
            srcs,
            ["a.txt", "b.txt", "c.txt", "d.txt"],
            "a was final before d came"
        );
        let out = merge(vec![a, b, a2], opts, Lexicons::builtin());
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].sources, ["a.txt", "d.txt"]);
    }

    #[test]
    fn a_report_joins_the_newest_matching_deal_whichever_party_finds_it() {
        // c names both counterparties; a is found through "Airbus", b through "Vietjet".
        let a = deal("a.txt", &["Airbus"], "A321neo");
        let b = deal("b.txt", &["Vietjet"], "A321neo");
        let c = deal("c.txt", &["Airbus", "Vietjet"], "A321neo");
        let out = merge(vec![a, b, c], Options::default(), Lexicons::builtin());
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].sources, Vec::<String>::new(), "a stays alone");
        assert_eq!(out[1].sources, ["b.txt", "c.txt"]);
        let d = deal("d.txt", &["Vietjet"], "A321neo");
        let d2 = deal("d.txt", &["Vietjet"], "A321neo");
        assert_eq!(
            merge(vec![d, d2], Options::default(), Lexicons::builtin()).len(),
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
        assert_eq!(
            merge(vec![a.clone(), b], Options::default(), Lexicons::builtin()).len(),
            2
        );
        let mut c = deal("c.txt", &["Vietjet", "Airbus"], "A321neo");
        c.published = Some("2024-01-20".parse().unwrap());
        assert_eq!(
            merge(vec![a.clone(), c], Options::default(), Lexicons::builtin()).len(),
            1
        );
        let same = deal("a.txt", &["Vietjet", "Airbus"], "A321neo");
        assert_eq!(
            merge(vec![a, same], Options::default(), Lexicons::builtin()).len(),
            2
        );
    }

    #[test]
    fn any_reading_order_gives_the_same_deals_and_the_earliest_report_keeps_its_id() {
        let on = |mut d: Deal, day: &str, id: &str| {
            d.published = Some(day.parse().unwrap());
            d.id = id.into();
            d
        };
        let mut a = on(
            deal("a.txt", &["Vietjet", "Airbus"], "A321neo"),
            "2024-01-12",
            "a1",
        );
        a.quantity = Some(20);
        let mut b = on(
            deal("b.txt", &["Airbus", "Vietjet"], "A321neo jets"),
            "2024-01-10",
            "b1",
        );
        b.quantity = Some(25);
        let c = on(
            deal("c.txt", &["Vietjet"], "máy bay A321neo"),
            "2024-01-11",
            "c1",
        );
        let d = on(
            deal("d.txt", &["Boeing", "Vietnam Airlines"], "787"),
            "2024-01-11",
            "d1",
        );
        let e = on(
            deal("e.txt", &["Vietnam Airlines", "Boeing"], "787-9"),
            "2024-01-15",
            "e1",
        );
        let all = [a, b, c, d, e];
        let first = merge(all.to_vec(), Options::default(), Lexicons::builtin());
        assert_eq!(first.len(), 2, "{first:#?}");
        assert_eq!(first[0].id, "b1", "the earliest report's id");
        assert_eq!(first[0].sources, ["b.txt", "c.txt", "a.txt"]);
        assert_eq!(first[0].quantity, Some(25), "the earliest figure stays");
        assert_eq!(first[1].id, "d1");
        // every permutation of the five (Heap's algorithm)
        let mut v: Vec<Deal> = all.to_vec();
        let mut c = vec![0usize; v.len()];
        let mut i = 0;
        let mut seen = 1;
        while i < v.len() {
            if c[i] < i {
                v.swap(if i % 2 == 0 { 0 } else { c[i] }, i);
                assert_eq!(
                    merge(v.clone(), Options::default(), Lexicons::builtin()),
                    first
                );
                seen += 1;
                c[i] += 1;
                i = 0;
            } else {
                c[i] = 0;
                i += 1;
            }
        }
        assert_eq!(seen, 120);
    }

    /// An undated deal that takes a dated report takes its date, and from then on the window
    /// bounds it: a report five months later is another deal.
    #[test]
    fn an_undated_deal_dated_by_a_merged_report_is_bounded_by_that_date() {
        let mut undated = deal("u.txt", &["Vietjet", "Airbus"], "A321neo");
        undated.published = None;
        undated.amount = Some(Decimal::from(2_000_000_000u64));
        undated.currency = Some("USD".into());
        let mut dated = undated.clone();
        dated.source = "a.txt".into();
        dated.published = Some("2024-01-10".parse().unwrap());
        let mut later = deal("b.txt", &["Vietjet", "Airbus"], "A321neo");
        later.published = Some("2024-06-10".parse().unwrap());
        let mut t = Tracker::new(Options::default(), Lexicons::builtin());
        // Flushed one by one: in one flush the undated report would come last.
        for d in [undated, dated, later] {
            t.push(d);
            t.flush();
        }
        let out = t.finish();
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].sources, ["u.txt", "a.txt"]);
        assert_eq!(out[0].published, Some("2024-01-10".parse().unwrap()));
    }

    #[test]
    fn an_undated_report_merges_only_when_parties_item_and_amount_all_agree() {
        let mut a = deal("a.txt", &["Vietjet", "Airbus"], "A321neo");
        a.amount = Some(Decimal::from(2_000_000_000u64));
        a.currency = Some("USD".into());
        let mut undated = a.clone();
        undated.source = "u.txt".into();
        undated.published = None;
        assert_eq!(
            merge(
                vec![a.clone(), undated.clone()],
                Options::default(),
                Lexicons::builtin()
            )
            .len(),
            1
        );
        let mut no_amount = undated.clone();
        no_amount.amount = None;
        assert_eq!(
            merge(
                vec![a.clone(), no_amount],
                Options::default(),
                Lexicons::builtin()
            )
            .len(),
            2
        );
        let mut fewer_parties = undated.clone();
        fewer_parties.parties = vec!["Vietjet".into()];
        assert_eq!(
            merge(
                vec![a.clone(), fewer_parties],
                Options::default(),
                Lexicons::builtin()
            )
            .len(),
            2
        );
        let mut other_item = undated;
        other_item.item = Some("aircraft".into());
        other_item.quantity = None;
        assert_eq!(
            merge(vec![a, other_item], Options::default(), Lexicons::builtin()).len(),
            2
        );
    }

    #[test]
    fn a_headline_restating_a_body_deal_is_that_deal() {
        let text = "Vietnam Airlines to buy 50 Boeing jets\nVietnam Airlines signed a contract with Boeing for 50 Boeing 737 MAX jets.\n";
        let end = headline_end(text, 0).unwrap();
        assert_eq!(&text[..end], "Vietnam Airlines to buy 50 Boeing jets");
        let mut head = deal("x.txt", &["Vietnam Airlines"], "Boeing jets");
        head.quantity = Some(50);
        head.end = 20;
        let mut body = deal(
            "x.txt",
            &["Vietnam Airlines", "Boeing"],
            "Boeing 737 MAX jets",
        );
        body.start = end + 1;
        body.end = text.len();
        body.id = "body".into();
        let other = Deal {
            start: end + 1,
            end: text.len(),
            ..deal("x.txt", &["Vietjet", "Airbus"], "A321neo")
        };
        let out = fold_headline(
            vec![head.clone(), body.clone(), other.clone()],
            end,
            Lexicons::builtin(),
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].id, "body");
        assert_eq!(out[0].quantity, Some(50), "taken from the headline");
        // a headline about something else stays a deal of its own
        assert_eq!(
            fold_headline(vec![head, other], end, Lexicons::builtin()).len(),
            2
        );
        assert_eq!(headline_end("One sentence only.\nAnd more.", 0), None);
        assert_eq!(headline_end("Just a title\n", 0), None);
    }

    #[test]
    fn a_deal_reported_thousands_of_times_keeps_a_bounded_history() {
        let report = |i: usize| {
            let mut d = deal(&format!("s{i:05}.txt"), &["Vietjet", "Airbus"], "A321neo");
            d.quantity = Some(if i == 2500 { 30 } else { 20 });
            d
        };
        // Up to HISTORY reports: every one listed, no note.
        let out = merge(
            (0..HISTORY).map(report).collect(),
            Options::default(),
            Lexicons::builtin(),
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].sources.len(), HISTORY);
        assert_eq!(out[0].reports.len(), HISTORY);
        assert!(out[0].notes.is_empty(), "{:?}", out[0].notes);
        // 5,000 reports: the first 99 and the latest, a count, and the one differing figure
        // (in a report that is not listed) still flagged.
        let n = 5000;
        let opts = Options {
            open_deals: 1000,
            ..Options::default()
        };
        let mut t = Tracker::new(opts, Lexicons::builtin()).with_elided_sources();
        let mut elided = 0;
        for i in 0..n {
            t.push(report(i));
            elided += t.take_elided().len();
            // What the tracker holds does not grow with the reports: at most HISTORY of each
            // kind per open deal, a bounded set of elided figures, a bounded queue.
            assert!(t.pending.len() <= opts.open_deals + 1);
            for o in &t.open {
                assert!(o.deal.sources.len() <= HISTORY && o.deal.reports.len() <= HISTORY);
                assert!(o.figures.len() <= HISTORY);
                let e = o.elided.as_ref().map_or(0, |e| e.figures.len());
                assert!(e <= ELIDED_FIGURES);
            }
        }
        let out = t.finish();
        assert_eq!(out.len(), 1);
        let d = &out[0];
        assert_eq!(d.sources.len(), HISTORY);
        assert_eq!(d.reports.len(), HISTORY);
        assert_eq!(d.sources[HISTORY - 2], "s00098.txt");
        assert_eq!(d.sources[HISTORY - 1], "s04999.txt", "the latest");
        assert_eq!(d.reports[HISTORY - 1].source, "s04999.txt");
        // Handed on as they are merged (those still pending at `finish` need not be).
        assert!(
            (n - HISTORY - 1001..=n - HISTORY).contains(&elided),
            "{elided}"
        );
        assert_eq!(
            d.notes,
            [
                "sources disagree on quantity: ".to_string()
                    + &(0..HISTORY - 1)
                        .map(|i| format!("20 (s{i:05}.txt)"))
                        .collect::<Vec<_>>()
                        .join(", ")
                    + ", 20 (s04999.txt), 20 (s00099.txt and 4898 more), 30 (s02500.txt)",
                format!(
                    "reported by {n} articles: {} not listed in sources (the first 99 and the latest are)",
                    n - HISTORY
                ),
            ]
        );
    }
}
