//! The pipeline over many documents: read → detect language → extract, with diagnostics.
//!
//! [`run`] processes documents in parallel (rayon) but streams: documents are read in bounded
//! batches (at most [`Options::batch_docs`] documents or [`Options::batch_bytes`] bytes of text).
//! While one batch is processed on the worker threads, the next one is read and the calling thread
//! hands the previous batch's results to the sink (the writer). Results (and the reader's warnings
//! and errors) reach the sink strictly in input order, so the output is byte-for-byte the same for
//! any number of threads, and peak memory is about three batches plus whatever the sink keeps —
//! independent of the corpus size.

use std::io::{self, IsTerminal};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::lang::{Lang, detect};
use crate::model::Document;
use crate::read::{Event, Reader};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::InputFormat;

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
