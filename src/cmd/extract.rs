//! `dealtrack extract`: the deals and announced totals of the documents.
//!
//! CSV, JSON and JSON Lines are written as the deals become final, so memory stays bounded on any
//! corpus (only the open deals of cross-source tracking and the announced totals are kept); the
//! terminal table is laid out once everything is read.

use std::io::{self, Write};

use clap::Args;
use dealtrack::fx::Conversion;
use dealtrack::model::{ArticleMeta, Deal, Total};
use dealtrack::pipeline::{self, Item};
use dealtrack::render::stream::nested;
use dealtrack::render::{self, CsvOptions, Format, output, sheets, table, xlsx};
use dealtrack::track::Tracker;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

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

/// A document as read: what `--with-text` writes.
#[derive(Serialize)]
struct DocText {
    source: String,
    title: Option<String>,
    published: Option<jiff::civil::Date>,
    url: Option<String>,
    text: String,
}

impl DocText {
    fn of(doc: &dealtrack::model::Document) -> DocText {
        DocText {
            source: doc.source.clone(),
            title: doc.title.clone(),
            published: doc.published,
            url: doc.url.clone(),
            text: doc.text.clone(),
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "record", rename_all = "lowercase")]
enum Line<'a> {
    Deal(&'a serde_json::Value),
    Total(&'a Total),
    Document(&'a DocText),
}

/// Writes deals one at a time in the chosen machine format, then the totals.
enum DealWriter<'w> {
    /// CSV holds deals only (`check` and `report` write the totals).
    Csv(Box<csv::Writer<&'w mut dyn Write>>, CsvOptions),
    Json(&'w mut dyn Write, usize, Spool, Option<Spool>),
    Jsonl(&'w mut dyn Write, Spool, Option<Spool>),
}

/// Totals as they arrive, already rendered, in an anonymous temporary file: they are written after
/// the deals, and an archive can hold more of them than memory should.
struct Spool {
    file: io::BufWriter<std::fs::File>,
    n: usize,
}

impl Spool {
    fn new() -> io::Result<Spool> {
        Ok(Spool {
            file: io::BufWriter::new(tempfile::tempfile()?),
            n: 0,
        })
    }

    fn copy_to(self, w: &mut dyn Write) -> io::Result<()> {
        use std::io::{Seek, SeekFrom};
        let mut f = self.file.into_inner().map_err(|e| e.into_error())?;
        f.seek(SeekFrom::Start(0))?;
        io::copy(&mut f, w)?;
        Ok(())
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

impl<'w> DealWriter<'w> {
    fn start(
        w: &'w mut dyn Write,
        fmt: Format,
        csv: CsvOptions,
        fx: Option<&Conversion>,
        with_text: bool,
    ) -> io::Result<Self> {
        let docs = if with_text { Some(Spool::new()?) } else { None };
        Ok(match fmt {
            Format::Csv => {
                let mut cw = render::csv_writer(w, &csv)?;
                cw.write_record(sheets::deal_headers(fx))?;
                DealWriter::Csv(Box::new(cw), csv)
            }
            Format::Json => {
                w.write_all(b"{\n  \"deals\": [")?;
                DealWriter::Json(w, 0, Spool::new()?, docs)
            }
            _ => DealWriter::Jsonl(w, Spool::new()?, docs),
        })
    }

    fn deal(&mut self, d: &Deal, fx: Option<&Conversion>, titles: &mut Titles) -> io::Result<()> {
        let meta = titles.get(&d.source);
        let r = match self {
            DealWriter::Csv(cw, opts) => {
                render::write_csv_row(cw, &sheets::deal_row(d, fx, meta), opts)
            }
            DealWriter::Json(w, n, ..) => {
                let v = serde_json::to_string_pretty(&sheets::deal_json(d, fx, meta))?;
                let sep = if *n == 0 { "\n    " } else { ",\n    " };
                write!(w, "{sep}{}", nested(&v, "    "))?;
                *n += 1;
                Ok(())
            }
            DealWriter::Jsonl(w, ..) => {
                serde_json::to_writer(&mut *w, &Line::Deal(&sheets::deal_json(d, fx, meta)))?;
                w.write_all(b"\n")
            }
        };
        titles.written(d);
        r
    }

    fn total(&mut self, t: &Total) -> io::Result<()> {
        match self {
            DealWriter::Csv(..) => Ok(()),
            DealWriter::Json(_, _, spool, _) => {
                let v = serde_json::to_string_pretty(t)?;
                let sep = if spool.n == 0 { "\n    " } else { ",\n    " };
                write!(spool.file, "{sep}{}", nested(&v, "    "))?;
                spool.n += 1;
                Ok(())
            }
            DealWriter::Jsonl(_, spool, _) => {
                serde_json::to_writer(&mut spool.file, &Line::Total(t))?;
                spool.file.write_all(b"\n")
            }
        }
    }

    /// A document's text (`--with-text`), written after the deals and totals.
    fn document(&mut self, d: &DocText) -> io::Result<()> {
        match self {
            DealWriter::Json(_, _, _, Some(spool)) => {
                let v = serde_json::to_string_pretty(d)?;
                let sep = if spool.n == 0 { "\n    " } else { ",\n    " };
                write!(spool.file, "{sep}{}", nested(&v, "    "))?;
                spool.n += 1;
                Ok(())
            }
            DealWriter::Jsonl(_, _, Some(spool)) => {
                serde_json::to_writer(&mut spool.file, &Line::Document(d))?;
                spool.file.write_all(b"\n")
            }
            _ => Ok(()),
        }
    }

    fn finish(self) -> io::Result<()> {
        match self {
            DealWriter::Csv(mut cw, _) => cw.flush(),
            DealWriter::Json(w, n, spool, docs) => {
                let close = if n == 0 { "]" } else { "\n  ]" };
                write!(w, "{close},\n  \"totals\": [")?;
                let empty = spool.n == 0;
                spool.copy_to(w)?;
                write!(w, "{}", if empty { "]" } else { "\n  ]" })?;
                if let Some(docs) = docs {
                    write!(w, ",\n  \"documents\": [")?;
                    let empty = docs.n == 0;
                    docs.copy_to(w)?;
                    write!(w, "{}", if empty { "]" } else { "\n  ]" })?;
                }
                writeln!(w, "\n}}")
            }
            DealWriter::Jsonl(w, spool, docs) => {
                spool.copy_to(w)?;
                match docs {
                    Some(docs) => docs.copy_to(w),
                    None => Ok(()),
                }
            }
        }
    }
}

pub fn run(args: ExtractArgs) -> anyhow::Result<i32> {
    let mut args = args;
    args.input.exclude.extend(args.output.output.clone());
    let fx = args.fx.conversion()?;
    let fmt = args.output.format();
    if fmt == Format::Xlsx {
        let got = collect(&args.input, &args.track)?;
        output::with_output(args.output.output.as_deref(), |w| {
            xlsx::write_sheets(
                w,
                &[
                    ("deals", &sheets::deals(&got.deals, fx.as_ref(), &got.meta)),
                    ("totals", &sheets::totals(&got.totals)),
                ],
                xlsx::fixed_date(),
            )
        })?;
        return Ok(got.diag.exit_code());
    }
    if fmt == Format::Table {
        let got = collect(&args.input, &args.track)?;
        output::with_output(args.output.output.as_deref(), |w| {
            table::write_sheet(
                &mut *w,
                &sheets::deals_compact(&got.deals, fx.as_ref()),
                "deals",
            )?;
            if !got.totals.is_empty() {
                writeln!(
                    w,
                    "\nAnnounced totals (dealtrack check compares them with the deals)"
                )?;
                table::write_sheet(&mut *w, &sheets::totals(&got.totals), "totals")?;
            }
            Ok(())
        })?;
        return Ok(got.diag.exit_code());
    }
    let csv = args.output.csv.options();
    let fx = fx.as_ref();
    let mut diag = Diagnostics::default();
    let forced = args.input.lang;
    let with_text = args.with_text;
    let reader = match args.input.deals.is_empty() {
        true => Some(args.input.reader()?),
        false => None,
    };
    output::with_output(args.output.output.as_deref(), |w| {
        let mut out = DealWriter::start(w, fmt, csv, fx, with_text)?;
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
                                    r = r.and_then(|_| out.deal(&f, fx, &mut titles));
                                }
                                r
                            }
                            None => out.deal(&d, fx, &mut titles),
                        }
                    }
                };
            });
            failed?;
            if let Some(t) = tracker {
                for d in t.finish() {
                    out.deal(&d, fx, &mut titles)?;
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
                                    out.deal(&f, fx, &mut titles)?;
                                }
                            }
                        }
                        None => {
                            for d in &ex.deals {
                                out.deal(d, fx, &mut titles)?;
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
                out.deal(&d, fx, &mut titles)?;
            }
        }
        out.finish()
    })?;
    Ok(diag.exit_code())
}
