//! `dealtrack extract`: the deals and announced totals of the documents.
//!
//! CSV, JSON and JSON Lines are written as the deals become final, so memory stays bounded on any
//! corpus (only the open deals of cross-source tracking and the announced totals are kept); the
//! terminal table is laid out once everything is read.

use clap::Args;
use dealtrack::model::{ArticleMeta, Deal};
use dealtrack::pipeline::{self, Item};
use dealtrack::render::sink::{Schema, for_format};
use dealtrack::render::{Format, output, sheets};
use dealtrack::sink::{DocText, Sink};
use dealtrack::track::Tracker;
use rustc_hash::FxHashMap as HashMap;

use super::{Diagnostics, FxArgs, InputArgs, OutputArgs, TrackArgs, collect};

#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub track: TrackArgs,
    #[command(flatten)]
    pub fx: FxArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// With --format json or jsonl: also write each document's text (as extracted from HTML or
    /// WARC: the text that byte spans refer to), title, date and URL
    #[arg(long)]
    pub with_text: bool,
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
        for s in sheets::all_sources(d) {
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

/// Writes one deal with its article's title and link; its articles have one deal fewer to go.
fn write_deal(out: &mut dyn Sink, d: &Deal, titles: &mut Titles) -> std::io::Result<()> {
    let r = out.deal(d, titles.get(&d.source));
    titles.written(d);
    r
}

pub fn run(args: ExtractArgs) -> anyhow::Result<i32> {
    let mut args = args;
    args.input.exclude.extend(args.output.output.clone());
    let fx = args.fx.conversion()?;
    let fmt = args.output.format();
    let csv = args.output.csv.options();
    let schema = Schema::Deals {
        fx: fx.as_ref(),
        with_text: args.with_text,
    };
    if matches!(fmt, Format::Table | Format::Xlsx) {
        // Laid out from the whole run: every deal read, then the output opened.
        let got = collect(&args.input, &args.track)?;
        output::with_output(args.output.output.as_deref(), |w| {
            let mut out = for_format(fmt, w, schema, csv)?;
            out.begin()?;
            for d in &got.deals {
                out.deal(d, got.meta.get(&d.source))?;
            }
            for t in &got.totals {
                out.total(t)?;
            }
            out.finish()
        })?;
        return Ok(got.diag.exit_code());
    }
    let mut diag = Diagnostics::default();
    let forced = args.input.lang;
    let with_text = args.with_text;
    let reader = match args.input.deals.is_empty() {
        true => Some(args.input.reader()?),
        false => None,
    };
    output::with_output(args.output.output.as_deref(), |w| {
        let mut out = for_format(fmt, w, schema, csv)?;
        let out = &mut *out;
        out.begin()?;
        let mut tracker = args
            .track
            .options()
            .map(|o| Tracker::new(o).with_elided_sources());
        let tracking = tracker.is_some();
        let mut titles = Titles::default();
        let Some(reader) = reader else {
            // Deals already extracted: only tracking and writing are left.
            let mut failed = Ok(());
            super::for_each_deal(&args.input.deals, &mut diag, |rec| {
                if failed.is_err() {
                    return;
                }
                failed = match rec {
                    super::Read::Total(t) => out.total(&t),
                    super::Read::Deal(d, m) => {
                        titles.add_one(&d.source, m);
                        match &mut tracker {
                            Some(t) => {
                                t.push(*d);
                                titles.release(t.take_elided());
                                let mut r = Ok(());
                                while let Some(f) = t.pop_final() {
                                    r = r.and_then(|_| write_deal(out, &f, &mut titles));
                                }
                                r
                            }
                            None => write_deal(out, &d, &mut titles),
                        }
                    }
                };
            });
            failed?;
            if let Some(t) = tracker {
                for d in t.finish() {
                    write_deal(out, &d, &mut titles)?;
                }
            }
            return out.finish();
        };
        pipeline::try_run(
            reader,
            &args.input.pipeline(),
            |doc| {
                (
                    super::prepare(doc, forced, tracking),
                    with_text.then(|| DocText::of(doc)),
                    doc.source.clone(),
                    ArticleMeta::of(doc),
                )
            },
            |item| match item {
                Item::Done(((ex, prepared), text, source, meta)) => {
                    if let Some(text) = &text {
                        out.document(text)?;
                    }
                    titles.add(&source, meta, ex.deals.len() + prepared.len());
                    for t in &ex.totals {
                        out.total(t)?;
                    }
                    match &mut tracker {
                        Some(t) => {
                            for p in prepared {
                                t.add(p);
                                titles.release(t.take_elided());
                                while let Some(f) = t.pop_final() {
                                    write_deal(out, &f, &mut titles)?;
                                }
                            }
                        }
                        None => {
                            for d in &ex.deals {
                                write_deal(out, d, &mut titles)?;
                            }
                        }
                    }
                    Ok(())
                }
                Item::Other(ev) => {
                    diag.take(ev);
                    Ok(())
                }
            },
        )?;
        if let Some(t) = tracker {
            for d in t.finish() {
                write_deal(out, &d, &mut titles)?;
            }
        }
        out.finish()
    })?;
    Ok(diag.exit_code())
}
