//! The pipeline over many documents: read → detect language → extract → track, with
//! diagnostics, pushing the results into a [`Sink`] that decides the format.
//!
//! The commands' runs live here, so that the binary only parses arguments, chooses a sink and
//! calls one: [`extract`] streams deals, totals and documents into a sink; [`amounts`] streams
//! amounts; [`collect`] keeps every deal and total for what needs them all at once (summaries,
//! checks, reports, a terminal table), and [`Collected::replay`] hands them to a sink;
//! [`ingest`] writes articles into the ledger.
//!
//! [`run`] processes documents in parallel (rayon) but streams: documents are read in bounded
//! batches (at most [`Options::batch_docs`] documents or [`Options::batch_bytes`] bytes of text).
//! While one batch is processed on the worker threads, the next one is read and the calling thread
//! hands the previous batch's results to the sink (the writer). Results (and the reader's warnings
//! and errors) reach the sink strictly in input order, so the output is byte-for-byte the same for
//! any number of threads, and peak memory is about three batches plus whatever the sink keeps —
//! independent of the corpus size.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal};
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::error::{EXIT_ERROR, EXIT_OK};
use crate::lang::{Lang, detect};
use crate::lexicons::Lexicons;
use crate::model::{Amount, ArticleMeta, Deal, Document, Total};
use crate::read::{Event, Reader};
use crate::render::sheets::all_sources;
use crate::sink::{AmountRow, DocText, Sink};
use crate::track::{Prepared, Tracker};

/// The language of a document: the one it says (JSONL `lang`), else `--lang`, else detected, else English.
pub fn language_of(doc: &Document, forced: Option<Lang>) -> Lang {
    doc.lang
        .or(forced)
        .or_else(|| detect::detect(doc.body()))
        .unwrap_or(Lang::En)
}

/// How to run the pipeline.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Worker threads; `None` or 0: one per core.
    pub jobs: Option<usize>,
    /// Most documents in one batch.
    pub batch_docs: usize,
    /// Most bytes of text in one batch (a batch always holds at least one document).
    pub batch_bytes: usize,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            jobs: None,
            batch_docs: 1024,
            batch_bytes: 8 << 20,
            progress: true,
        }
    }
}

/// What the sink receives, in input order: a processed document or a reader event
/// (a warning or an error) that was not a document.
pub enum Item<T> {
    Done(T),
    Other(Event),
}

/// Reads every document of `reader`, applies `work` to each in parallel, and hands the results to
/// `sink` in input order. Returns the number of documents processed.
pub fn run<T, W, S>(reader: Reader, opts: &Options, work: W, mut sink: S) -> anyhow::Result<usize>
where
    T: Send,
    W: Fn(&Document) -> T + Sync,
    S: FnMut(Item<T>),
{
    Ok(try_run(reader, opts, work, |item| {
        sink(item);
        Ok(())
    })?)
}

/// Like [`run`] with a sink that can fail (a closed pipe, a full disk): reading stops at the first
/// error, the items after it are dropped, and the error is returned.
pub fn try_run<T, W, S>(reader: Reader, opts: &Options, work: W, mut sink: S) -> io::Result<usize>
where
    T: Send,
    W: Fn(&Document) -> T + Sync,
    S: FnMut(Item<T>) -> io::Result<()>,
{
    let threads = opts.jobs.filter(|&j| j > 0).unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("dealtrack-{i}"))
        .build()
        .map_err(io::Error::other)?;
    let bar = progress_bar(&reader, opts.progress);
    let mut reader = reader;
    let batch_docs = opts.batch_docs.max(1);
    let batch_bytes = opts.batch_bytes.max(1);
    let mut count = 0usize;
    let mut batch = pool.install(|| next_batch(&mut reader, batch_docs, batch_bytes));
    let mut done: Vec<Item<T>> = Vec::new();
    let mut failed: Option<io::Error> = None;
    while failed.is_none() && (!batch.is_empty() || !done.is_empty()) {
        // Three stages at once: the workers process this batch and the next one is read, while
        // this thread hands the previous batch's results to the sink (the writer).
        let (next, results) = std::thread::scope(|scope| {
            let reader = &mut reader;
            let work = &work;
            let pool = &pool;
            let worker = scope.spawn(move || {
                pool.install(|| {
                    rayon::join(
                        || next_batch(reader, batch_docs, batch_bytes),
                        || {
                            batch
                                .into_par_iter()
                                .with_max_len(1)
                                .map(|ev| match ev {
                                    Event::Doc(doc) => isolated(&doc, work),
                                    other => Item::Other(other),
                                })
                                .collect::<Vec<_>>()
                        },
                    )
                })
            });
            for item in done.drain(..) {
                if matches!(item, Item::Done(_)) {
                    count += 1;
                }
                let r = match &bar {
                    Some(b) => b.suspend(|| sink(item)),
                    None => sink(item),
                };
                if let Err(e) = r {
                    failed = Some(e);
                    break;
                }
            }
            worker.join().expect("pipeline worker panicked")
        });
        if let Some(b) = &bar {
            b.set_position(reader.bytes_read());
            b.set_message(format!("{count} documents"));
        }
        done = results;
        batch = next;
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    match failed {
        Some(e) => Err(e),
        None => Ok(count),
    }
}

/// Runs `work` on one document, so that a panic inside it (a bug in some rule, met on an odd
/// sentence) costs that document only: the panic is caught at the article boundary and becomes a
/// reader error naming the article, the run goes on with the others, and the command ends with
/// exit status 2 as for any other bad input.
fn isolated<T, W>(doc: &Document, work: &W) -> Item<T>
where
    W: Fn(&Document) -> T,
{
    // `work` only reads the document, and a panicking call's partial state is dropped with it.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(doc))) {
        Ok(t) => Item::Done(t),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            let at = PANIC_AT.with(|p| p.borrow_mut().take());
            let message = match at {
                Some(at) => format!("{message} (at {at})"),
                None => message,
            };
            Item::Other(Event::Error(crate::error::Error::Internal {
                article: doc.place().to_string(),
                message,
            }))
        }
    }
}

thread_local! {
    /// Where the last panic on this thread happened, set by the hook [`quiet_worker_panics`]
    /// installs, so the one-line error can name the place.
    static PANIC_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Replaces the panic hook so that a panic on a pipeline worker (a thread named `dealtrack-N`)
/// prints nothing itself: [`isolated`] reports it as one line naming the article. Panics on any
/// other thread go to the previous hook as before. The binary calls this once at start.
pub fn quiet_worker_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let worker = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with("dealtrack-"));
        if worker {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()));
            PANIC_AT.with(|p| *p.borrow_mut() = at);
        } else {
            previous(info);
        }
    }));
}

/// Reads the next batch: up to `max_docs` documents or `max_bytes` bytes of text. Warnings and
/// errors ride along in order and do not count.
fn next_batch(reader: &mut Reader, max_docs: usize, max_bytes: usize) -> Vec<Event> {
    let mut batch = Vec::new();
    let mut docs = 0;
    let mut bytes = 0;
    for ev in reader.by_ref() {
        if let Event::Doc(d) = &ev {
            docs += 1;
            bytes += d.text.len();
        }
        batch.push(ev);
        if docs >= max_docs || bytes >= max_bytes || batch.len() >= 4 * max_docs {
            break;
        }
    }
    batch
}

/// A byte-based progress bar when stderr is a terminal and there is enough to read to matter.
fn progress_bar(reader: &Reader, wanted: bool) -> Option<ProgressBar> {
    let total = reader.bytes_total();
    if !wanted || !std::io::stderr().is_terminal() || (reader.inputs() < 2 && total < 64 << 20) {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, {msg})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    Some(bar)
}

// ---------------------------------------------------------------------------------------------
// The runs of the commands: read → detect → extract → track → push into a sink. The binary's
// subcommands only parse arguments, build the options, choose a sink and call one of these.
// ---------------------------------------------------------------------------------------------

/// What a run reads: articles, or deals and totals already extracted (`--deals`).
pub enum Input {
    Articles(Box<Reader>),
    Deals(Vec<PathBuf>),
}

/// How to extract deals: the options `extract`, `summary`, `check` and `report` share.
#[derive(Clone, Copy)]
pub struct ExtractOptions<'l> {
    /// The lexicons the run reads (built-in, extended by the user's files).
    pub lexicons: &'l Lexicons,
    /// The language of documents that do not say theirs (`--lang`); detected otherwise.
    pub lang: Option<Lang>,
    /// Cross-source tracking (one deal reported by several articles is one deal); `None`: one
    /// row per article (`--no-merge`).
    pub track: Option<crate::track::Options>,
    /// Hand each document's text to the sink (`extract --with-text`).
    pub with_text: bool,
    /// Threads and batches.
    pub run: Options,
}

impl Default for ExtractOptions<'static> {
    /// The built-in lexicons, the detected language, tracking off, no text, default threads.
    fn default() -> Self {
        ExtractOptions {
            lexicons: Lexicons::builtin(),
            lang: None,
            track: None,
            with_text: false,
            run: Options::default(),
        }
    }
}

/// Counts problems met while reading, so the run can end with exit status 2, and reports each on
/// stderr as it comes (in input order).
#[derive(Default, Debug)]
pub struct Diagnostics {
    pub errors: usize,
    pub warnings: usize,
}

impl Diagnostics {
    /// Reports a reader event that is not a document; returns the document otherwise.
    pub fn take(&mut self, ev: Event) -> Option<Box<Document>> {
        match ev {
            Event::Doc(d) => Some(d),
            Event::Warning(w) => {
                self.warnings += 1;
                eprintln!("dealtrack: warning: {w}");
                None
            }
            Event::Error(e) => {
                self.errors += 1;
                eprintln!("dealtrack: error: {e}");
                None
            }
            Event::Note(n) => {
                eprintln!("dealtrack: note: {n}");
                None
            }
        }
    }

    pub fn exit_code(&self) -> i32 {
        if self.errors > 0 { EXIT_ERROR } else { EXIT_OK }
    }
}

/// How many deals of one document are held in memory before the rest go to a spool (an anonymous
/// temporary file, gone when dropped or when the process dies). A news article tells a few deals
/// (at most about 60 in a 20 MB `gen_corpus` input); a 50 MB document without a line break may
/// tell 700,000, which held as records took 0.5 GB. Spooled deals are read back in order and
/// written exactly as held ones would be.
pub const HELD_DEALS: usize = 4096;

/// A document's deals on their way to the writer: the first [`HELD_DEALS`] in memory (prepared
/// for tracking on the worker where tracking is on), the rest spooled as JSON lines.
pub struct DocDeals {
    held: Vec<Deal>,
    prepared: Vec<Prepared>,
    /// The article key, with tracking: spooled deals are prepared when read back.
    article: Option<String>,
    spool: Option<Spool>,
    /// Whether deals past [`HELD_DEALS`] go to a spool (streaming output), or all are held.
    spools: bool,
}

struct Spool {
    file: io::BufWriter<std::fs::File>,
    count: usize,
}

impl DocDeals {
    fn new(article: Option<String>, spools: bool) -> DocDeals {
        DocDeals {
            held: Vec::new(),
            prepared: Vec::new(),
            article,
            spool: None,
            spools,
        }
    }

    /// The deals held, for a caller that keeps them all anyway (a document's deals into the
    /// ledger, a run collected for reports): made without a spool.
    fn into_held(self) -> (Vec<Deal>, Vec<Prepared>) {
        debug_assert!(self.spool.is_none());
        (self.held, self.prepared)
    }

    /// How many deals the document gave.
    pub fn len(&self) -> usize {
        self.held.len() + self.prepared.len() + self.spool.as_ref().map_or(0, |s| s.count)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Takes one deal: held while fewer than [`HELD_DEALS`] are, spooled after. Where no spool can
    /// be made or written (no temporary directory, a full disk), the deal is held: memory grows,
    /// nothing is lost.
    fn push(&mut self, d: Deal, lex: &Lexicons) {
        if self.spools
            && self.spool.is_none()
            && self.held.len() + self.prepared.len() >= HELD_DEALS
        {
            self.spool = tempfile::tempfile().ok().map(|f| Spool {
                file: io::BufWriter::new(f),
                count: 0,
            });
        }
        let d = match &mut self.spool {
            Some(s) => match serde_json::to_writer(&mut s.file, &d)
                .map_err(io::Error::from)
                .and_then(|()| io::Write::write_all(&mut s.file, b"\n"))
            {
                Ok(()) => {
                    s.count += 1;
                    return;
                }
                Err(_) => d,
            },
            None => d,
        };
        match &self.article {
            Some(a) => self.prepared.push(Prepared::of_article(d, a.clone(), lex)),
            None => self.held.push(d),
        }
    }

    /// Hands every deal, in the order taken, to `deal` (no tracking) or `prepared` (tracking).
    fn drain(
        self,
        lex: &Lexicons,
        mut deal: impl FnMut(Deal) -> io::Result<()>,
        mut prepared: impl FnMut(Prepared) -> io::Result<()>,
    ) -> io::Result<()> {
        for p in self.prepared {
            prepared(p)?;
        }
        for d in self.held {
            deal(d)?;
        }
        let Some(spool) = self.spool else {
            return Ok(());
        };
        let mut file = spool.file.into_inner().map_err(|e| e.into_error())?;
        io::Seek::seek(&mut file, io::SeekFrom::Start(0))?;
        for line in io::BufRead::lines(io::BufReader::new(file)) {
            let d: Deal = serde_json::from_str(&line?)?;
            match &self.article {
                Some(a) => prepared(Prepared::of_article(d, a.clone(), lex))?,
                None => deal(d)?,
            }
        }
        Ok(())
    }
}

/// One document's deals and totals; with `tracking`, the deals are prepared (their profiles
/// computed) on the worker threads, not on the tracker's. The document is extracted window by
/// window ([`crate::deal::extract_windows`]) and each window's deals are folded and taken
/// ([`DocDeals`]) before the next window is read, so a huge document never holds the analysis of
/// all its sentences at once, nor more than [`HELD_DEALS`] of its deals.
pub fn prepare(
    doc: &Document,
    forced: Option<Lang>,
    tracking: bool,
    lex: &Lexicons,
) -> (Vec<Total>, DocDeals) {
    prepare_with(doc, forced, tracking, lex, true)
}

/// [`prepare`], with or without a spool for a document's deals past [`HELD_DEALS`].
fn prepare_with(
    doc: &Document,
    forced: Option<Lang>,
    tracking: bool,
    lex: &Lexicons,
    spools: bool,
) -> (Vec<Total>, DocDeals) {
    let headline = crate::track::headline_end(&doc.text, doc.body_start);
    let mut deals = DocDeals::new(tracking.then(|| doc.key()), spools);
    let mut totals = Vec::new();
    let window = crate::deal::WINDOW_BYTES;
    crate::deal::extract_windows(doc, language_of(doc, forced), lex, window, |mut w| {
        // Only the first window holds the headline; folding the others changes nothing.
        if let Some(end) = headline {
            w.deals = crate::track::fold_headline(w.deals, end, lex);
        }
        for d in w.deals {
            deals.push(d, lex);
        }
        totals.extend(w.totals);
    });
    (totals, deals)
}

/// `extract` as a stream: every deal goes to `sink` as soon as it is final (at once without
/// tracking; once cross-source tracking can no longer merge anything into it otherwise), with
/// its article's title and link; totals and (with [`ExtractOptions::with_text`]) documents in
/// input order. Memory holds the open deals of tracking and the titles of their articles, never
/// the corpus. Calls the sink's `begin` and `finish`; stops at the sink's first error.
pub fn extract(
    input: Input,
    opts: &ExtractOptions,
    sink: &mut dyn Sink,
    diag: &mut Diagnostics,
) -> io::Result<()> {
    sink.begin()?;
    let mut out = Stream {
        sink,
        tracker: opts
            .track
            .map(|o| Tracker::new(o, opts.lexicons).with_elided_sources()),
        titles: Titles::default(),
    };
    match input {
        Input::Deals(paths) => {
            // Deals already extracted: only tracking and writing are left.
            let mut failed = Ok(());
            for_each_deal(&paths, diag, |rec| {
                if failed.is_err() {
                    return;
                }
                failed = match rec {
                    Read::Total(t) => out.sink.total(&t),
                    Read::Deal(d, m) => {
                        out.titles.add_one(&d.source, m);
                        match out.tracker.is_some() {
                            true => out.add(Prepared::new(*d, opts.lexicons)),
                            false => out.write(&d),
                        }
                    }
                };
            });
            failed?;
        }
        Input::Articles(reader) => {
            let reader = *reader;
            let (forced, tracking, with_text) = (opts.lang, opts.track.is_some(), opts.with_text);
            let lex = opts.lexicons;
            try_run(
                reader,
                &opts.run,
                |doc| {
                    (
                        prepare(doc, forced, tracking, lex),
                        with_text.then(|| DocText::of(doc)),
                        doc.source.clone(),
                        ArticleMeta::of(doc),
                    )
                },
                |item| match item {
                    Item::Done(((totals, deals), text, source, meta)) => {
                        if let Some(text) = &text {
                            out.sink.document(text)?;
                        }
                        out.titles.add(&source, meta, deals.len());
                        for t in &totals {
                            out.sink.total(t)?;
                        }
                        let out = std::cell::RefCell::new(&mut out);
                        deals.drain(
                            lex,
                            |d| out.borrow_mut().write(&d),
                            |p| out.borrow_mut().add(p),
                        )
                    }
                    Item::Other(ev) => {
                        diag.take(ev);
                        Ok(())
                    }
                },
            )?;
        }
    }
    if let Some(t) = out.tracker.take() {
        for d in t.finish() {
            out.write(&d)?;
        }
    }
    out.sink.finish()
}

/// The writing end of [`extract`]: deals through the tracker to the sink.
struct Stream<'s> {
    sink: &'s mut dyn Sink,
    tracker: Option<Tracker<'s>>,
    titles: Titles,
}

impl Stream<'_> {
    /// A deal for the tracker; writes the deals that became final.
    fn add(&mut self, p: Prepared) -> io::Result<()> {
        let Some(t) = &mut self.tracker else {
            return self.write(p.deal());
        };
        t.add(p);
        self.titles.release(t.take_elided());
        while let Some(f) = t.pop_final() {
            self.sink.deal(&f, self.titles.get(&f.source))?;
            self.titles.written(&f);
        }
        Ok(())
    }

    /// Writes one final deal with its article's title and link.
    fn write(&mut self, d: &Deal) -> io::Result<()> {
        let r = self.sink.deal(d, self.titles.get(&d.source));
        self.titles.written(d);
        r
    }
}

/// Titles and links of the articles whose deals are not all written yet: an entry leaves when the
/// last of its article's deals is written, so memory follows the open deals, not the corpus.
#[derive(Default)]
struct Titles(HashMap<String, (ArticleMeta, usize)>);

impl Titles {
    fn add(&mut self, source: &str, meta: ArticleMeta, deals: usize) {
        if deals > 0 && (meta.title.is_some() || meta.url.is_some()) {
            self.0.insert(source.to_string(), (meta, deals));
        }
    }

    /// One more deal of `source` to write (deals read back from a deals file, one at a time).
    fn add_one(&mut self, source: &str, meta: ArticleMeta) {
        if meta.title.is_some() || meta.url.is_some() {
            self.0.entry(source.to_string()).or_insert((meta, 0)).1 += 1;
        }
    }

    fn get(&self, source: &str) -> Option<&ArticleMeta> {
        self.0.get(source).map(|(m, _)| m)
    }

    /// A deal was written: each article it reports from has one deal fewer to go.
    fn written(&mut self, d: &Deal) {
        for s in all_sources(d) {
            self.one_less(s);
        }
    }

    /// Reports merged into a deal that will not list them (a deal reported very many times):
    /// their articles have one deal fewer to go.
    fn release(&mut self, sources: Vec<String>) {
        for s in &sources {
            self.one_less(s);
        }
    }

    fn one_less(&mut self, source: &str) {
        if let Some((_, n)) = self.0.get_mut(source) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.0.remove(source);
            }
        }
    }
}

/// Everything extracted from the inputs: deals (merged across sources unless asked not to) and
/// totals, for what needs every deal at once (summaries, checks, reports, a terminal table).
pub struct Collected {
    /// Documents read.
    pub documents: usize,
    pub deals: Vec<Deal>,
    pub totals: Vec<Total>,
    pub diag: Diagnostics,
    /// Title, link and date of each article, by source.
    pub meta: BTreeMap<String, ArticleMeta>,
    /// From a ledger since a day: what is new or changed since then.
    pub news: Option<crate::ledger::News>,
    /// From a ledger: each article's own account of its deals, which its totals are checked
    /// against (a later article may have moved a deal's amount on since).
    pub accounts: Option<Vec<Deal>>,
}

impl Collected {
    /// The deals announced totals are checked against.
    pub fn deals_for_checks(&self) -> &[Deal] {
        self.accounts.as_deref().unwrap_or(&self.deals)
    }

    /// Hands the deals (each with its article's title and link), then the totals, to `sink`,
    /// between its `begin` and `finish`.
    pub fn replay(&self, sink: &mut dyn Sink) -> io::Result<()> {
        sink.begin()?;
        for d in &self.deals {
            sink.deal(d, self.meta.get(&d.source))?;
        }
        for t in &self.totals {
            sink.total(t)?;
        }
        sink.finish()
    }
}

/// Reads and extracts every document in parallel, keeping only deals and totals (never the text);
/// from deals files, reads deals and totals already extracted instead. Totals come in the deals'
/// canonical order (dated first, oldest first), whatever the reading order.
pub fn collect(input: Input, opts: &ExtractOptions) -> anyhow::Result<Collected> {
    let reader = match input {
        Input::Articles(reader) => *reader,
        Input::Deals(paths) => return Ok(collect_deals(&paths, opts.track, opts.lexicons)),
    };
    let mut diag = Diagnostics::default();
    let mut totals = Vec::new();
    let mut plain = Vec::new();
    let mut meta = BTreeMap::new();
    let lex = opts.lexicons;
    let mut tracker = opts.track.map(|o| Tracker::new(o, lex));
    let tracking = tracker.is_some();
    let forced = opts.lang;
    let documents = run(
        reader,
        &opts.run,
        |doc| {
            (
                prepare_with(doc, forced, tracking, lex, false),
                doc.source.clone(),
                ArticleMeta::of(doc),
            )
        },
        |item| match item {
            Item::Done(((doc_totals, deals), source, m)) => {
                meta.insert(source, m);
                totals.extend(doc_totals);
                let (held, prepared) = deals.into_held();
                match &mut tracker {
                    Some(t) => prepared.into_iter().for_each(|p| t.add(p)),
                    None => plain.extend(held),
                }
            }
            Item::Other(ev) => {
                diag.take(ev);
            }
        },
    )?;
    let deals = match tracker {
        Some(t) => t.finish(),
        None => plain,
    };
    totals.sort_by(|a, b| {
        (a.published.is_none(), a.published, &a.source, a.start).cmp(&(
            b.published.is_none(),
            b.published,
            &b.source,
            b.start,
        ))
    });
    Ok(Collected {
        documents,
        deals,
        totals,
        diag,
        meta,
        news: None,
        accounts: None,
    })
}

/// Deals and totals read back from deals files (`--deals`), merged across sources unless asked
/// not to. `documents` counts the sources that the deals and totals name.
fn collect_deals(
    paths: &[PathBuf],
    track: Option<crate::track::Options>,
    lex: &Lexicons,
) -> Collected {
    let mut diag = Diagnostics::default();
    let mut totals = Vec::new();
    let mut deals = Vec::new();
    let mut sources = rustc_hash::FxHashSet::default();
    let mut tracker = track.map(|o| Tracker::new(o, lex));
    let mut meta = BTreeMap::new();
    for_each_deal(paths, &mut diag, |rec| match rec {
        Read::Deal(d, m) => {
            sources.insert(d.source.clone());
            meta.entry(d.source.clone()).or_insert(m);
            match &mut tracker {
                Some(t) => t.push(*d),
                None => deals.push(*d),
            }
        }
        Read::Total(t) => {
            sources.insert(t.source.clone());
            totals.push(*t);
        }
    });
    if let Some(t) = tracker {
        deals = t.finish();
    }
    Collected {
        documents: sources.len(),
        deals,
        totals,
        diag,
        meta,
        news: None,
        accounts: None,
    }
}

/// A deal or a total read back from a deals file.
pub enum Read {
    Deal(Box<Deal>, ArticleMeta),
    Total(Box<Total>),
}

/// Hands every deal and total of the deals files to `f`, in order; bad lines are reported.
pub fn for_each_deal(paths: &[PathBuf], diag: &mut Diagnostics, mut f: impl FnMut(Read)) {
    for rec in crate::dealfile::Reader::new(paths) {
        match rec {
            crate::dealfile::Record::Deal(d, m) => f(Read::Deal(d, m)),
            crate::dealfile::Record::Total(t) => f(Read::Total(t)),
            crate::dealfile::Record::Error(e) => {
                diag.take(Event::Error(e));
            }
        }
    }
}

/// The amounts of one document, one row each, with spans into its text, kept compact until
/// written: a row's surface text is kept in its window's text of surfaces, its currency as an
/// index into the document's currencies, and its source and language once for the document. A
/// 50 MB document of nothing but amounts has about a million of them; as full rows (three
/// strings each) they took 0.34 GB, compact they take under 100 bytes each.
#[derive(Debug)]
pub struct AmountRows {
    source: std::sync::Arc<str>,
    language: &'static str,
    currencies: Vec<String>,
    windows: Vec<Window>,
}

/// One window's amounts and the concatenation of their surface texts.
#[derive(Debug, Default)]
struct Window {
    surfaces: String,
    amounts: Vec<CompactAmount>,
}

#[derive(Debug)]
struct CompactAmount {
    value: rust_decimal::Decimal,
    value_max: Option<rust_decimal::Decimal>,
    start: usize,
    end: usize,
    /// Where its text starts in the window's `surfaces` (its length is `end - start`).
    surface: usize,
    currency: u16,
    qualifier: crate::model::Qualifier,
    currency_inferred: bool,
}

impl AmountRows {
    /// Every row in text order, made as it is asked for.
    pub fn iter(&self) -> impl Iterator<Item = AmountRow> + '_ {
        self.windows.iter().flat_map(move |w| {
            w.amounts.iter().map(move |a| AmountRow {
                source: self.source.clone(),
                start: a.start,
                end: a.end,
                text: w.surfaces[a.surface..a.surface + (a.end - a.start)].to_string(),
                value: a.value,
                value_max: a.value_max,
                currency: self.currencies[usize::from(a.currency)].clone(),
                currency_inferred: a.currency_inferred,
                qualifier: a.qualifier.as_str(),
                language: self.language,
            })
        })
    }

    /// The amounts of one window (spans moved to the document's offsets by `from`).
    fn push_window(&mut self, amounts: Vec<Amount>, from: usize) {
        let mut w = Window {
            surfaces: String::with_capacity(amounts.iter().map(|a| a.text.len()).sum()),
            amounts: Vec::with_capacity(amounts.len()),
        };
        for a in amounts {
            let currency = match self.currencies.iter().position(|c| *c == a.currency) {
                Some(i) => i,
                None => {
                    self.currencies.push(a.currency);
                    self.currencies.len() - 1
                }
            };
            debug_assert_eq!(a.text.len(), a.end - a.start);
            w.amounts.push(CompactAmount {
                value: a.value,
                value_max: a.value_max,
                start: a.start + from,
                end: a.end + from,
                surface: w.surfaces.len(),
                currency: u16::try_from(currency).expect("fewer than 65536 currencies"),
                qualifier: a.qualifier,
                currency_inferred: a.currency_inferred,
            });
            w.surfaces.push_str(&a.text);
        }
        self.windows.push(w);
    }
}

/// The amounts of one document, one row each, with spans into its text.
///
/// A document longer than a window ([`crate::deal::WINDOW_BYTES`]) is read in the windows of
/// sentences `extract` reads it in, each window's amounts with their currencies settled within
/// it: a 50 MB text without a newline was folded whole, with a map of eight bytes per byte
/// (0.9 GB), where a window takes a few megabytes. A document of ordinary length is one window,
/// read whole as before. Each window's amounts are made compact as soon as it is read.
pub fn amount_rows(doc: &Document, forced: Option<Lang>, lex: &Lexicons) -> AmountRows {
    let lang = language_of(doc, forced);
    let window = crate::deal::WINDOW_BYTES;
    let mut rows = AmountRows {
        source: doc.source.as_str().into(),
        language: lang.code(),
        currencies: Vec::new(),
        windows: Vec::new(),
    };
    let read = |from: usize, to: usize| crate::amount::recognise(&doc.text[from..to], lang, lex).0;
    if doc.body().len() <= window {
        rows.push_window(read(doc.body_start, doc.text.len()), doc.body_start);
    } else {
        let sentences = crate::segment::iter(&doc.text, doc.body_start);
        for w in crate::segment::in_windows(sentences, window) {
            let (from, to) = (w[0].start, w[w.len() - 1].end);
            rows.push_window(read(from, to), from);
        }
    }
    rows
}

/// `amounts`: every monetary amount of every document to `sink`, in input order, as soon as its
/// document's turn comes. Calls the sink's `begin` and `finish`; stops at its first error.
pub fn amounts(
    reader: Reader,
    lang: Option<Lang>,
    lex: &Lexicons,
    opts: &Options,
    sink: &mut dyn Sink,
    diag: &mut Diagnostics,
) -> io::Result<()> {
    sink.begin()?;
    try_run(
        reader,
        opts,
        |doc| amount_rows(doc, lang, lex),
        |item| match item {
            Item::Done(rows) => rows.iter().try_for_each(|r| sink.amount(&r)),
            Item::Other(ev) => {
                diag.take(ev);
                Ok(())
            }
        },
    )?;
    sink.finish()
}

/// `track`: every document's deals and totals into `ledger`, `batch` articles per transaction,
/// in input order. Stops at the first failed write and returns its error. Of `opts`, the
/// language, lexicons and threads count (the ledger does its own tracking).
pub fn ingest(
    reader: Reader,
    opts: &ExtractOptions,
    ledger: &mut crate::ledger::Ledger,
    batch: usize,
    stamp: &str,
    diag: &mut Diagnostics,
) -> anyhow::Result<crate::ledger::Ingested> {
    use crate::ledger::{Article, Ingested};
    let mut pending: Vec<Article> = Vec::new();
    let mut total = Ingested::default();
    let mut failed: Option<anyhow::Error> = None;
    let size = batch.max(1);
    let (lang, lex) = (opts.lang, opts.lexicons);
    try_run(
        reader,
        &opts.run,
        |doc| {
            let (totals, deals) = prepare_with(doc, lang, false, lex, false);
            Article::of(doc, language_of(doc, lang), deals.into_held().0, totals)
        },
        |item| {
            match item {
                Item::Done(a) => pending.push(a),
                Item::Other(ev) => {
                    diag.take(ev);
                }
            }
            if pending.len() >= size {
                match ledger.ingest(std::mem::take(&mut pending), stamp, lex) {
                    Ok(s) => total += s,
                    Err(e) => {
                        failed = Some(e);
                        return Err(io::Error::other("ledger write failed"));
                    }
                }
            }
            Ok(())
        },
    )
    .or_else(|e| if failed.is_some() { Ok(0) } else { Err(e) })?;
    if let Some(e) = failed {
        return Err(e);
    }
    if !pending.is_empty() {
        total += ledger.ingest(pending, stamp, lex)?;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::InputFormat;

    /// A document with more deals than are held: the spooled ones come back in order and equal to
    /// the held reading, with and without tracking (prepared on read-back).
    #[test]
    fn deals_past_the_held_ones_are_spooled_and_read_back_unchanged() {
        let lex = &Lexicons::builtin();
        let mut text = String::new();
        for i in 0..(HELD_DEALS + 300) {
            text.push_str(&format!(
                "Kestrel Air signed a ${}.{} million contract with Orvex for {} engines. ",
                i + 1,
                i % 10,
                i % 7 + 2
            ));
            if i % 40 == 39 {
                text.push_str("\n\n");
            }
        }
        let doc = Document::new("big.txt", text);
        for tracking in [false, true] {
            let (_, held) = prepare_with(&doc, Some(Lang::En), tracking, lex, false);
            let (_, spooled) = prepare_with(&doc, Some(Lang::En), tracking, lex, true);
            assert!(spooled.spool.as_ref().is_some_and(|s| s.count > 0));
            assert_eq!(held.len(), spooled.len());
            assert!(held.len() > HELD_DEALS);
            let read = |d: DocDeals| {
                let mut out = Vec::new();
                let all = std::cell::RefCell::new(&mut out);
                d.drain(
                    lex,
                    |d| {
                        all.borrow_mut().push((d, None));
                        Ok(())
                    },
                    |p| {
                        all.borrow_mut().push((p.deal().clone(), Some(tracking)));
                        Ok(())
                    },
                )
                .unwrap();
                out
            };
            assert_eq!(read(held), read(spooled));
        }
    }

    fn corpus(dir: &std::path::Path, n: usize) {
        let mut jsonl = String::new();
        for i in 0..n {
            jsonl.push_str(&format!("{{\"id\": {i}, \"text\": \"doc {i}\"}}\n"));
            if i % 7 == 3 {
                jsonl.push_str("not json\n");
            }
        }
        std::fs::write(dir.join("a.jsonl"), jsonl).unwrap();
    }

    fn collect(dir: &std::path::Path, jobs: usize, batch_docs: usize) -> Vec<String> {
        let reader = Reader::new(&[dir.to_path_buf()], InputFormat::Auto);
        let opts = Options {
            jobs: Some(jobs),
            batch_docs,
            batch_bytes: 1 << 20,
            progress: false,
        };
        let mut out = Vec::new();
        run(
            reader,
            &opts,
            |d| d.text.clone(),
            |item| match item {
                Item::Done(t) => out.push(t),
                Item::Other(e) => out.push(format!("{e:?}")),
            },
        )
        .unwrap();
        out
    }

    /// Records what the engine pushes, to check the sink contract.
    #[derive(Default)]
    struct Log(Vec<String>);

    impl Sink for Log {
        fn begin(&mut self) -> io::Result<()> {
            self.0.push("begin".into());
            Ok(())
        }
        fn deal(&mut self, d: &Deal, _: Option<&ArticleMeta>) -> io::Result<()> {
            self.0.push(format!("deal {}", d.id));
            Ok(())
        }
        fn total(&mut self, t: &Total) -> io::Result<()> {
            self.0.push(format!("total {}", t.id));
            Ok(())
        }
        fn document(&mut self, d: &DocText) -> io::Result<()> {
            self.0.push(format!("document {}", d.source));
            Ok(())
        }
        fn amount(&mut self, a: &AmountRow) -> io::Result<()> {
            self.0.push(format!("amount {} {}", a.source, a.start));
            Ok(())
        }
        fn finish(&mut self) -> io::Result<()> {
            self.0.push("finish".into());
            Ok(())
        }
    }

    fn samples() -> Vec<std::path::PathBuf> {
        vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples")]
    }

    #[test]
    fn sinks_get_begin_then_results_in_the_same_order_for_any_thread_count_then_finish() {
        let mut seen = Vec::new();
        for jobs in [1, 2] {
            let run = Options {
                jobs: Some(jobs),
                batch_docs: 2,
                progress: false,
                ..Options::default()
            };
            for track in [None, Some(crate::track::Options::default())] {
                let opts = ExtractOptions {
                    track,
                    with_text: true,
                    run,
                    ..ExtractOptions::default()
                };
                let mut log = Log::default();
                let reader = Reader::new(&samples(), InputFormat::Auto);
                let mut diag = Diagnostics::default();
                extract(
                    Input::Articles(Box::new(reader)),
                    &opts,
                    &mut log,
                    &mut diag,
                )
                .unwrap();
                assert_eq!(log.0.first().map(String::as_str), Some("begin"));
                assert_eq!(log.0.last().map(String::as_str), Some("finish"));
                assert_eq!(
                    log.0.iter().filter(|l| l.starts_with("document")).count(),
                    5
                );
                assert!(log.0.iter().any(|l| l.starts_with("deal")));
                assert_eq!(diag.errors, 0);
                seen.push(log.0);
            }
            let mut log = Log::default();
            let reader = Reader::new(&samples(), InputFormat::Auto);
            amounts(
                reader,
                None,
                Lexicons::builtin(),
                &run,
                &mut log,
                &mut Diagnostics::default(),
            )
            .unwrap();
            assert!(log.0.iter().any(|l| l.starts_with("amount")));
            seen.push(log.0);
        }
        assert_eq!(seen[..3], seen[3..], "the same pushes for 1 and 2 threads");
    }

    #[test]
    fn a_failing_sink_stops_the_run_without_finish() {
        struct Full(usize);
        impl Sink for Full {
            fn deal(&mut self, _: &Deal, _: Option<&ArticleMeta>) -> io::Result<()> {
                self.0 += 1;
                Err(io::Error::other("disk full"))
            }
            fn finish(&mut self) -> io::Result<()> {
                panic!("finish after a failure");
            }
        }
        let reader = Reader::new(&samples(), InputFormat::Auto);
        let mut sink = Full(0);
        let opts = ExtractOptions {
            run: Options {
                progress: false,
                ..Options::default()
            },
            ..ExtractOptions::default()
        };
        let err = extract(
            Input::Articles(Box::new(reader)),
            &opts,
            &mut sink,
            &mut Diagnostics::default(),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(sink.0, 1);
    }

    #[test]
    fn a_panic_costs_one_document_and_is_reported_in_its_place() {
        let dir = tempfile::tempdir().unwrap();
        corpus(dir.path(), 50);
        for jobs in [1, 2] {
            let reader = Reader::new(&[dir.path().to_path_buf()], InputFormat::Auto);
            let opts = Options {
                jobs: Some(jobs),
                batch_docs: 8,
                batch_bytes: 1 << 20,
                progress: false,
            };
            let mut done = Vec::new();
            let mut errors = Vec::new();
            run(
                reader,
                &opts,
                |d| {
                    assert!(d.text != "doc 17", "injected fault");
                    d.text.clone()
                },
                |item| match item {
                    Item::Done(t) => done.push(t),
                    Item::Other(Event::Error(e)) => errors.push(e.to_string()),
                    Item::Other(_) => {}
                },
            )
            .unwrap();
            assert_eq!(done.len(), 49, "jobs {jobs}");
            assert!(!done.contains(&"doc 17".to_string()));
            let panics: Vec<_> = errors.iter().filter(|e| e.contains("injected")).collect();
            assert_eq!(panics.len(), 1, "{errors:?}");
            assert!(
                panics[0].contains("a.jsonl:20: "),
                "names the article's line: {}",
                panics[0]
            );
        }
    }

    #[test]
    fn order_is_input_order_for_any_thread_count_and_batch_size() {
        let dir = tempfile::tempdir().unwrap();
        corpus(dir.path(), 500);
        let one = collect(dir.path(), 1, 1000);
        assert_eq!(one.len(), 500 + 71);
        assert_eq!(one[0], "doc 0");
        for (jobs, batch) in [(2, 1), (2, 7), (4, 64), (3, 1000)] {
            assert_eq!(
                collect(dir.path(), jobs, batch),
                one,
                "jobs {jobs} batch {batch}"
            );
        }
    }
}
