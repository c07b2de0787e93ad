//! The output formats as [`Sink`]s: CSV, JSON and JSON Lines write each result as it comes, so
//! output never waits for the whole corpus; the terminal table and the workbook keep rows (never
//! text) and lay them out in [`Sink::finish`].
//!
//! What a sink writes is fixed by its [`Schema`]: `extract`'s deals (with totals and documents) or
//! `amounts`' rows. The streamed formats are byte for byte what the whole-list writers of
//! [`crate::render`] produce (tested below).

use std::io::{self, Seek, SeekFrom, Write};

use serde::Serialize;

use super::{CsvOptions, Format, Record, Sheet, csv_cell, csv_writer, sheets, table, xlsx};
use crate::fx::Conversion;
use crate::model::{ArticleMeta, Deal, Total};
use crate::sink::{AmountRow, DocText, Sink};

/// What a sink writes.
#[derive(Debug, Clone, Copy)]
pub enum Schema<'a> {
    /// `extract`: deals (with `amount_<to>` and `fx_date` when converting), then the announced
    /// totals and, with `with_text`, the documents (JSON and JSON Lines; CSV holds deals only).
    Deals {
        fx: Option<&'a Conversion>,
        with_text: bool,
    },
    /// `amounts`: one row per amount.
    Amounts,
}

/// The sink for `fmt`, writing to `w`.
pub fn for_format<'a>(
    fmt: Format,
    w: &'a mut dyn Write,
    schema: Schema<'a>,
    csv: CsvOptions,
) -> io::Result<Box<dyn Sink + 'a>> {
    Ok(match fmt {
        Format::Csv => Box::new(CsvSink::new(w, schema, csv)?),
        Format::Json => Box::new(JsonSink::new(w, schema)),
        Format::Jsonl => Box::new(JsonlSink::new(w, schema)),
        Format::Table => Box::new(TableSink::new(w, schema)),
        Format::Xlsx => Box::new(XlsxSink::new(w, schema)),
    })
}

/// `text` with every line after the first indented by `pad`: a pretty JSON value nested the way
/// `serde_json::to_writer_pretty` nests it inside a document.
pub fn nested(text: &str, pad: &str) -> String {
    text.replace('\n', &format!("\n{pad}"))
}

/// CSV with a header row: deals or amounts, one row each (totals and documents have no place).
pub struct CsvSink<'a> {
    w: csv::Writer<&'a mut dyn Write>,
    schema: Schema<'a>,
    opts: CsvOptions,
}

impl<'a> CsvSink<'a> {
    /// Writes the byte order mark at once when the dialect asks for one.
    pub fn new(w: &'a mut dyn Write, schema: Schema<'a>, opts: CsvOptions) -> io::Result<Self> {
        Ok(CsvSink {
            w: csv_writer(w, &opts)?,
            schema,
            opts,
        })
    }

    fn row(&mut self, cells: &[super::Cell]) -> io::Result<()> {
        let opts = &self.opts;
        self.w
            .write_record(cells.iter().map(|c| csv_cell(c, opts)))?;
        Ok(())
    }
}

impl Sink for CsvSink<'_> {
    fn begin(&mut self) -> io::Result<()> {
        match self.schema {
            Schema::Deals { fx, .. } => self.w.write_record(sheets::deal_headers(fx))?,
            Schema::Amounts => self.w.write_record(AmountRow::headers())?,
        }
        Ok(())
    }

    fn deal(&mut self, d: &Deal, article: Option<&ArticleMeta>) -> io::Result<()> {
        match self.schema {
            Schema::Deals { fx, .. } => self.row(&sheets::deal_row(d, fx, article)),
            Schema::Amounts => Ok(()),
        }
    }

    fn amount(&mut self, row: &AmountRow) -> io::Result<()> {
        self.row(&row.cells())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// Records rendered as they arrive and written after the main list, in an anonymous temporary
/// file: an archive can hold more announced totals (or documents' text) than memory should.
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

    /// Appends one value to a pretty JSON list.
    fn json<T: Serialize>(&mut self, v: &T) -> io::Result<()> {
        json_item(&mut self.file, self.n, v)?;
        self.n += 1;
        Ok(())
    }

    /// Appends one JSON line.
    fn line<T: Serialize>(&mut self, v: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.file, v)?;
        self.file.write_all(b"\n")
    }

    fn copy_to(self, w: &mut dyn Write) -> io::Result<()> {
        let mut f = self.file.into_inner().map_err(|e| e.into_error())?;
        f.seek(SeekFrom::Start(0))?;
        io::copy(&mut f, w)?;
        Ok(())
    }
}

/// Writes the `n`-th value of a pretty JSON list nested in a document.
fn json_item<T: Serialize>(w: &mut dyn Write, n: usize, v: &T) -> io::Result<()> {
    let v = serde_json::to_string_pretty(v)?;
    let sep = if n == 0 { "\n    " } else { ",\n    " };
    write!(w, "{sep}{}", nested(&v, "    "))
}

/// Closes a pretty JSON list of `n` values.
fn close_list(w: &mut dyn Write, n: usize) -> io::Result<()> {
    w.write_all(if n == 0 { b"]" } else { b"\n  ]" })
}

/// One pretty JSON document: `{"deals": [...], "totals": [...]}` (and `"documents"` with text),
/// or `{"amounts": [...]}`. Deals and amounts are written as they come; totals and documents wait
/// in temporary files.
pub struct JsonSink<'a> {
    w: &'a mut dyn Write,
    schema: Schema<'a>,
    /// Deals or amounts written so far.
    n: usize,
    totals: Option<Spool>,
    documents: Option<Spool>,
}

impl<'a> JsonSink<'a> {
    pub fn new(w: &'a mut dyn Write, schema: Schema<'a>) -> Self {
        JsonSink {
            w,
            schema,
            n: 0,
            totals: None,
            documents: None,
        }
    }

    fn item<T: Serialize>(&mut self, v: &T) -> io::Result<()> {
        json_item(self.w, self.n, v)?;
        self.n += 1;
        Ok(())
    }
}

impl Sink for JsonSink<'_> {
    fn begin(&mut self) -> io::Result<()> {
        match self.schema {
            Schema::Deals { with_text, .. } => {
                self.totals = Some(Spool::new()?);
                if with_text {
                    self.documents = Some(Spool::new()?);
                }
                self.w.write_all(b"{\n  \"deals\": [")
            }
            Schema::Amounts => self.w.write_all(b"{\n  \"amounts\": ["),
        }
    }

    fn deal(&mut self, d: &Deal, article: Option<&ArticleMeta>) -> io::Result<()> {
        match self.schema {
            Schema::Deals { fx, .. } => self.item(&sheets::deal_json(d, fx, article)),
            Schema::Amounts => Ok(()),
        }
    }

    fn total(&mut self, t: &Total) -> io::Result<()> {
        match &mut self.totals {
            Some(spool) => spool.json(t),
            None => Ok(()),
        }
    }

    fn document(&mut self, doc: &DocText) -> io::Result<()> {
        match &mut self.documents {
            Some(spool) => spool.json(doc),
            None => Ok(()),
        }
    }

    fn amount(&mut self, row: &AmountRow) -> io::Result<()> {
        match self.schema {
            Schema::Amounts => self.item(row),
            Schema::Deals { .. } => Ok(()),
        }
    }

    fn finish(&mut self) -> io::Result<()> {
        close_list(self.w, self.n)?;
        for (key, spool) in [
            ("totals", self.totals.take()),
            ("documents", self.documents.take()),
        ] {
            if let Some(spool) = spool {
                write!(self.w, ",\n  \"{key}\": [")?;
                let n = spool.n;
                spool.copy_to(self.w)?;
                close_list(self.w, n)?;
            }
        }
        self.w.write_all(b"\n}\n")
    }
}

/// An `extract` record of JSON Lines: the kind in `"record"`, then the record's own fields.
#[derive(Serialize)]
#[serde(tag = "record", rename_all = "lowercase")]
enum Line<'a> {
    Deal(&'a serde_json::Value),
    Total(&'a Total),
    Document(&'a DocText),
}

/// JSON Lines: one object per line. For deals, `"record": "deal"` lines as they come, then the
/// totals' and (with text) the documents' lines, which wait in temporary files; amounts as they
/// are.
pub struct JsonlSink<'a> {
    w: &'a mut dyn Write,
    schema: Schema<'a>,
    totals: Option<Spool>,
    documents: Option<Spool>,
}

impl<'a> JsonlSink<'a> {
    pub fn new(w: &'a mut dyn Write, schema: Schema<'a>) -> Self {
        JsonlSink {
            w,
            schema,
            totals: None,
            documents: None,
        }
    }

    fn line<T: Serialize>(&mut self, v: &T) -> io::Result<()> {
        serde_json::to_writer(&mut *self.w, v)?;
        self.w.write_all(b"\n")
    }
}

impl Sink for JsonlSink<'_> {
    fn begin(&mut self) -> io::Result<()> {
        if let Schema::Deals { with_text, .. } = self.schema {
            self.totals = Some(Spool::new()?);
            if with_text {
                self.documents = Some(Spool::new()?);
            }
        }
        Ok(())
    }

    fn deal(&mut self, d: &Deal, article: Option<&ArticleMeta>) -> io::Result<()> {
        match self.schema {
            Schema::Deals { fx, .. } => self.line(&Line::Deal(&sheets::deal_json(d, fx, article))),
            Schema::Amounts => Ok(()),
        }
    }

    fn total(&mut self, t: &Total) -> io::Result<()> {
        match &mut self.totals {
            Some(spool) => spool.line(&Line::Total(t)),
            None => Ok(()),
        }
    }

    fn document(&mut self, doc: &DocText) -> io::Result<()> {
        match &mut self.documents {
            Some(spool) => spool.line(&Line::Document(doc)),
            None => Ok(()),
        }
    }

    fn amount(&mut self, row: &AmountRow) -> io::Result<()> {
        match self.schema {
            Schema::Amounts => self.line(row),
            Schema::Deals { .. } => Ok(()),
        }
    }

    fn finish(&mut self) -> io::Result<()> {
        for spool in [self.totals.take(), self.documents.take()]
            .into_iter()
            .flatten()
        {
            spool.copy_to(self.w)?;
        }
        Ok(())
    }
}

/// The rows a table or a workbook lays out at the end: the main sheet (deals or amounts) and the
/// announced totals.
struct Rows {
    main: Sheet,
    totals: Sheet,
}

impl Rows {
    /// Empty sheets for `schema`, deals under the headers `deal_headers` gives.
    fn new(schema: &Schema, deal_headers: fn(Option<&Conversion>) -> Vec<String>) -> Rows {
        let main = match schema {
            Schema::Deals { fx, .. } => Sheet::new(deal_headers(*fx)),
            Schema::Amounts => Sheet::new(AmountRow::headers().iter().copied()),
        };
        Rows {
            main,
            totals: Sheet::new(sheets::TOTAL_COLUMNS),
        }
    }

    fn total(&mut self, t: &Total) {
        self.totals.rows.push(sheets::total_row(t));
    }

    fn amount(&mut self, schema: &Schema, row: &AmountRow) {
        if let Schema::Amounts = schema {
            self.main.rows.push(row.cells());
        }
    }
}

/// A terminal table, laid out in [`Sink::finish`] to fit the width: deals in the columns a reader
/// scans, then the announced totals; or the amounts.
pub struct TableSink<'a> {
    w: &'a mut dyn Write,
    schema: Schema<'a>,
    rows: Rows,
}

impl<'a> TableSink<'a> {
    pub fn new(w: &'a mut dyn Write, schema: Schema<'a>) -> Self {
        let rows = Rows::new(&schema, sheets::deal_compact_headers);
        TableSink { w, schema, rows }
    }
}

impl Sink for TableSink<'_> {
    fn deal(&mut self, d: &Deal, _article: Option<&ArticleMeta>) -> io::Result<()> {
        if let Schema::Deals { fx, .. } = self.schema {
            self.rows.main.rows.push(sheets::deal_compact_row(d, fx));
        }
        Ok(())
    }

    fn total(&mut self, t: &Total) -> io::Result<()> {
        self.rows.total(t);
        Ok(())
    }

    fn amount(&mut self, row: &AmountRow) -> io::Result<()> {
        self.rows.amount(&self.schema, row);
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let Rows { main, totals } = &self.rows;
        match self.schema {
            Schema::Amounts => table::write_sheet(&mut *self.w, main, "amounts"),
            Schema::Deals { .. } => {
                table::write_sheet(&mut *self.w, main, "deals")?;
                if !totals.rows.is_empty() {
                    writeln!(
                        self.w,
                        "\nAnnounced totals (dealtrack check compares them with the deals)"
                    )?;
                    table::write_sheet(&mut *self.w, totals, "totals")?;
                }
                Ok(())
            }
        }
    }
}

/// An Excel workbook, written whole in [`Sink::finish`]: sheets `deals` (every column) and
/// `totals`, or `amounts`.
pub struct XlsxSink<'a> {
    w: &'a mut dyn Write,
    schema: Schema<'a>,
    rows: Rows,
}

impl<'a> XlsxSink<'a> {
    pub fn new(w: &'a mut dyn Write, schema: Schema<'a>) -> Self {
        let rows = Rows::new(&schema, sheets::deal_headers);
        XlsxSink { w, schema, rows }
    }
}

impl Sink for XlsxSink<'_> {
    fn deal(&mut self, d: &Deal, article: Option<&ArticleMeta>) -> io::Result<()> {
        if let Schema::Deals { fx, .. } = self.schema {
            self.rows.main.rows.push(sheets::deal_row(d, fx, article));
        }
        Ok(())
    }

    fn total(&mut self, t: &Total) -> io::Result<()> {
        self.rows.total(t);
        Ok(())
    }

    fn amount(&mut self, row: &AmountRow) -> io::Result<()> {
        self.rows.amount(&self.schema, row);
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let Rows { main, totals } = &self.rows;
        let sheets: &[(&str, &Sheet)] = match self.schema {
            Schema::Amounts => &[("amounts", main)],
            Schema::Deals { .. } => &[("deals", main), ("totals", totals)],
        };
        xlsx::write_sheets(&mut *self.w, sheets, xlsx::fixed_date())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{write_csv, write_json, write_jsonl};

    fn row(source: &str, value: u32) -> AmountRow {
        AmountRow {
            source: source.into(),
            start: 3,
            end: 9,
            text: "5 tỷ USD".into(),
            value: value.into(),
            value_max: None,
            currency: "USD".into(),
            currency_inferred: false,
            qualifier: "exact",
            language: "vi",
        }
    }

    fn streamed(fmt: Format, rows: &[AmountRow]) -> Vec<u8> {
        let mut buf = Vec::new();
        {
            let mut s = for_format(fmt, &mut buf, Schema::Amounts, CsvOptions::default()).unwrap();
            s.begin().unwrap();
            for r in rows {
                s.amount(r).unwrap();
            }
            s.finish().unwrap();
        }
        buf
    }

    #[test]
    fn streams_match_the_whole_list_writers() {
        for rows in [
            vec![],
            vec![row("a, \"b\"\nc", 1)],
            vec![row("x", 2), row("=y", 3)],
        ] {
            let mut csv = Vec::new();
            write_csv(&mut csv, &rows, &CsvOptions::default()).unwrap();
            assert_eq!(streamed(Format::Csv, &rows), csv);
            let mut json = Vec::new();
            write_json(&mut json, &serde_json::json!({ "amounts": rows })).unwrap();
            assert_eq!(streamed(Format::Json, &rows), json);
            let mut jsonl = Vec::new();
            write_jsonl(&mut jsonl, &rows).unwrap();
            assert_eq!(streamed(Format::Jsonl, &rows), jsonl);
        }
    }

    #[test]
    fn an_empty_deal_document_has_every_list() {
        let mut buf = Vec::new();
        {
            let schema = Schema::Deals {
                fx: None,
                with_text: true,
            };
            let mut s = for_format(Format::Json, &mut buf, schema, CsvOptions::default()).unwrap();
            s.begin().unwrap();
            s.finish().unwrap();
        }
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"deals": [], "totals": [], "documents": []})
        );
    }
}
