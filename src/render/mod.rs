//! Rendering records as CSV (spreadsheets), JSON / JSON Lines (programs) and tables (terminals).
//!
//! A record type describes itself once, as headers and typed cells ([`Record`]); every format is
//! derived from that, so the CSV columns, the table and the JSON keys cannot drift apart.
//! Machine formats never group digits; the terminal table right-aligns and groups amounts.

pub mod output;
pub mod sheets;
pub mod sink;
pub mod table;
pub mod xlsx;

use std::io::{self, IsTerminal, Write};

use rust_decimal::Decimal;
use serde::Serialize;

/// Output format of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Jsonl,
    /// An Excel workbook (with `-o FILE`): numbers as numbers, dates as dates, one sheet per table.
    Xlsx,
}

impl Format {
    /// Whether results are written as they come (CSV, JSON, JSON Lines), rather than laid out
    /// from the whole run (a terminal table, a workbook).
    pub fn streams(self) -> bool {
        matches!(self, Format::Csv | Format::Json | Format::Jsonl)
    }

    /// The format asked for, or the default: a table on a terminal, CSV otherwise.
    pub fn resolve(asked: Option<Format>, to_file: bool) -> Format {
        asked.unwrap_or(if !to_file && io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Csv
        })
    }
}

/// One cell of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text the tool itself wrote (enum values, ids, ISO codes).
    Text(String),
    /// Text taken from an article or a user's file: neutralised against formula injection in CSV.
    Quoted(String),
    /// A number: written plainly ("." decimal point, no grouping) in CSV, grouped in tables.
    Num(Decimal),
    Int(u64),
    /// A calendar date: `YYYY-MM-DD` in text formats, a date cell in spreadsheets.
    Date(jiff::civil::Date),
    Empty,
}

impl Cell {
    pub fn opt_text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, |s| Cell::Text(s.to_string()))
    }
    pub fn opt_quoted(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, |s| Cell::Quoted(s.to_string()))
    }
    pub fn opt_num(d: Option<Decimal>) -> Cell {
        d.map_or(Cell::Empty, Cell::Num)
    }
    pub fn opt_int(n: Option<u64>) -> Cell {
        n.map_or(Cell::Empty, Cell::Int)
    }
    pub fn opt_date(d: Option<jiff::civil::Date>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }
    pub fn is_numeric(&self) -> bool {
        matches!(self, Cell::Num(_) | Cell::Int(_))
    }
}

/// A row type with fixed columns.
pub trait Record: Serialize {
    fn headers() -> &'static [&'static str];
    fn cells(&self) -> Vec<Cell>;
}

/// CSV dialect options shared by every command that writes CSV.
#[derive(Debug, Clone, Copy)]
pub struct CsvOptions {
    pub delimiter: u8,
    /// Numbers with a decimal comma ("1234,5"): on whenever the delimiter is ';', the delimiter of
    /// the locales (German, Vietnamese, …) whose spreadsheets read "," as the decimal separator.
    pub decimal_comma: bool,
    /// UTF-8 byte order mark and CRLF line ends, for Excel.
    pub excel: bool,
    /// Neutralise cells from article text that a spreadsheet would read as a formula (OWASP).
    pub neutralise_formulas: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            delimiter: b',',
            decimal_comma: false,
            excel: false,
            neutralise_formulas: true,
        }
    }
}

pub use crate::number::plain_decimal;

/// OWASP CSV-injection defence: a cell starting with = + - @ TAB or CR gets a leading apostrophe
/// (a lone "-" cannot be a formula and is left alone).
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('-') if s.len() == 1 => s.into(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

fn csv_cell<'c>(cell: &'c Cell, opts: &CsvOptions) -> CsvField<'c> {
    use std::borrow::Cow;
    CsvField(match cell {
        Cell::Text(s) => Cow::Borrowed(s),
        Cell::Quoted(s) if opts.neutralise_formulas => neutralise(s),
        Cell::Quoted(s) => Cow::Borrowed(s),
        Cell::Num(d) if opts.decimal_comma => Cow::Owned(crate::number::comma_decimal(*d)),
        Cell::Num(d) => Cow::Owned(plain_decimal(*d)),
        Cell::Int(n) => Cow::Owned(n.to_string()),
        Cell::Date(d) => Cow::Owned(d.to_string()),
        Cell::Empty => Cow::Borrowed(""),
    })
}

/// One CSV field: the cell's own text where it is written as it is (most of a deal row: the
/// evidence sentence, the parties), so that a row is not copied once more to be written.
pub struct CsvField<'c>(std::borrow::Cow<'c, str>);

impl AsRef<[u8]> for CsvField<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// Writes records as CSV with a header row.
pub fn write_csv<R: Record, W: Write>(out: W, rows: &[R], opts: &CsvOptions) -> io::Result<()> {
    let mut w = csv_writer(out, opts)?;
    w.write_record(R::headers())?;
    for r in rows {
        w.write_record(r.cells().iter().map(|c| csv_cell(c, opts)))?;
    }
    w.flush()
}

/// A CSV writer configured for the dialect (BOM written here when asked for).
pub fn csv_writer<W: Write>(mut out: W, opts: &CsvOptions) -> io::Result<csv::Writer<W>> {
    if opts.excel {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut b = csv::WriterBuilder::new();
    b.delimiter(opts.delimiter);
    if opts.excel {
        b.terminator(csv::Terminator::CRLF);
    }
    Ok(b.from_writer(out))
}

/// Writes a cell row through an existing CSV writer.
pub fn write_csv_row<W: Write>(
    w: &mut csv::Writer<W>,
    cells: &[Cell],
    opts: &CsvOptions,
) -> io::Result<()> {
    w.write_record(cells.iter().map(|c| csv_cell(c, opts)))?;
    Ok(())
}

/// Rows whose columns are known only at run time (a sum column per currency, a converted amount).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn new(headers: impl IntoIterator<Item = impl Into<String>>) -> Sheet {
        Sheet {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }
}

/// Writes a sheet as CSV with a header row.
pub fn write_sheet_csv<W: Write>(out: W, sheet: &Sheet, opts: &CsvOptions) -> io::Result<()> {
    let mut w = csv_writer(out, opts)?;
    w.write_record(&sheet.headers)?;
    for r in &sheet.rows {
        w.write_record(r.iter().map(|c| csv_cell(c, opts)))?;
    }
    w.flush()
}

/// Writes one JSON value per line.
pub fn write_jsonl<T: Serialize, W: Write>(mut out: W, rows: &[T]) -> io::Result<()> {
    for r in rows {
        serde_json::to_writer(&mut out, r)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes a pretty JSON document followed by a newline.
pub fn write_json<T: Serialize, W: Write>(mut out: W, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, value)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralise("Boeing"), "Boeing");
    }
}
