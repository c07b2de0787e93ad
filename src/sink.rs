//! Where a run's results go: the [`Sink`] trait, and the records it receives that are not deals or
//! totals (an amount's row, a document's text).
//!
//! The engine ([`crate::pipeline`]) finds things and pushes them; a sink decides how they are
//! written. The formats are sinks in [`crate::render::sink`] (CSV, JSON, JSON Lines, the terminal
//! table, the workbook); [`Buffer`] keeps what it is given to hand it on later.

use std::io;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{ArticleMeta, Deal, Document, Total};

/// Receives a run's results, in order, and decides how they are written.
///
/// Modelled on ripgrep's `grep_searcher::Sink`: the searcher (here [`crate::pipeline`]) reads,
/// extracts and tracks, and pushes each result to the sink as it becomes final; the sink (a
/// printer there, a format here) owns the output. So the run logic exists once, whatever the
/// format, and a format is one type that cannot change what is found, only how it is written.
///
/// The contract:
/// - [`begin`](Sink::begin) is called once before anything else, [`finish`](Sink::finish) once
///   after everything, and only when the run succeeded: output that never got its `finish` is
///   incomplete, and [`crate::render::output::with_output`] throws it away.
/// - Results arrive in output order, so that the output is the same for any number of threads:
///   deals in the order of cross-source tracking (the canonical order of their first report; input
///   order with tracking off), each once and final; announced totals, documents and amounts in
///   input order. The kinds may be interleaved: a sink that writes them apart (JSON writes the
///   deals, then the totals) keeps them aside itself, ideally outside memory.
/// - A sink ignores what its format has no place for: each method has a default that does
///   nothing (CSV holds deals, not totals).
/// - Any method may fail (a closed pipe, a full disk); the engine stops at the first error and
///   returns it without calling `finish`.
pub trait Sink {
    /// Before the first result: a header row, the opening of a document.
    fn begin(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// A deal, final; `article` is its article's title, link and date when known.
    fn deal(&mut self, _deal: &Deal, _article: Option<&ArticleMeta>) -> io::Result<()> {
        Ok(())
    }

    /// An announced total.
    fn total(&mut self, _total: &Total) -> io::Result<()> {
        Ok(())
    }

    /// A document as read (`extract --with-text`).
    fn document(&mut self, _doc: &DocText) -> io::Result<()> {
        Ok(())
    }

    /// A monetary amount found in a document (`amounts`).
    fn amount(&mut self, _row: &AmountRow) -> io::Result<()> {
        Ok(())
    }

    /// After the last result: close the document, flush.
    fn finish(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A document as read: what `extract --with-text` writes.
#[derive(Debug, Clone, Serialize)]
pub struct DocText {
    pub source: String,
    pub title: Option<String>,
    pub published: Option<jiff::civil::Date>,
    pub url: Option<String>,
    pub text: String,
}

impl DocText {
    pub fn of(doc: &Document) -> DocText {
        DocText {
            source: doc.source.clone(),
            title: doc.title.clone(),
            published: doc.published,
            url: doc.url.clone(),
            text: doc.text.clone(),
        }
    }
}

/// One amount with where it was found: a row of `dealtrack amounts`.
#[derive(Debug, Clone, Serialize)]
pub struct AmountRow {
    /// Shared by the rows of one document.
    pub source: std::sync::Arc<str>,
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub value_max: Option<Decimal>,
    pub currency: String,
    /// The currency was taken from the article, not written beside the number.
    pub currency_inferred: bool,
    pub qualifier: &'static str,
    pub language: &'static str,
}

/// A sink that keeps what it is given, for output laid out from the whole run (a terminal table,
/// a workbook): the input is read first and the output opened only then, so a run that cannot
/// read its input leaves no file behind and its messages come first.
#[derive(Default)]
pub struct Buffer {
    deals: Vec<(Deal, Option<ArticleMeta>)>,
    totals: Vec<Total>,
    documents: Vec<DocText>,
    amounts: Vec<AmountRow>,
}

impl Buffer {
    /// Hands everything kept to `sink`, each kind in the order it came: documents, deals, totals,
    /// amounts, between `begin` and `finish`.
    pub fn replay(&self, sink: &mut dyn Sink) -> io::Result<()> {
        sink.begin()?;
        for d in &self.documents {
            sink.document(d)?;
        }
        for (d, m) in &self.deals {
            sink.deal(d, m.as_ref())?;
        }
        for t in &self.totals {
            sink.total(t)?;
        }
        for a in &self.amounts {
            sink.amount(a)?;
        }
        sink.finish()
    }
}

impl Sink for Buffer {
    fn deal(&mut self, deal: &Deal, article: Option<&ArticleMeta>) -> io::Result<()> {
        self.deals.push((deal.clone(), article.cloned()));
        Ok(())
    }
    fn total(&mut self, total: &Total) -> io::Result<()> {
        self.totals.push(total.clone());
        Ok(())
    }
    fn document(&mut self, doc: &DocText) -> io::Result<()> {
        self.documents.push(doc.clone());
        Ok(())
    }
    fn amount(&mut self, row: &AmountRow) -> io::Result<()> {
        self.amounts.push(row.clone());
        Ok(())
    }
}
