//! Terminal tables (comfy-table): fit the terminal width, numbers right-aligned and grouped,
//! no colour when NO_COLOR is set or stdout is not a terminal.

use std::io::{self, IsTerminal, Write};

use comfy_table::{Cell as TCell, CellAlignment, ContentArrangement, Table, presets};
use rust_decimal::Decimal;

use super::{Cell, Record};

/// Groups the integer part of a decimal with commas for reading: 37200000000 → 37,200,000,000.
pub fn grouped(d: Decimal) -> String {
    let s = super::plain_decimal(d);
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(int.len() + int.len() / 3 + 8);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

fn use_colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
}

/// Builds a table from headers and rows of cells.
pub fn build(headers: &[&str], rows: impl IntoIterator<Item = Vec<Cell>>) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some((w, _)) = terminal_size::terminal_size() {
        t.set_width(w.0);
    } else {
        t.set_width(120);
    }
    if !use_colour() {
        t.force_no_tty();
    }
    t.set_header(headers.iter().map(|h| {
        let c = TCell::new(h);
        if use_colour() {
            c.add_attribute(comfy_table::Attribute::Bold)
        } else {
            c
        }
    }));
    for row in rows {
        t.add_row(row.into_iter().map(|c| match c {
            Cell::Num(d) => TCell::new(grouped(d)).set_alignment(CellAlignment::Right),
            Cell::Int(n) => {
                TCell::new(grouped(Decimal::from(n))).set_alignment(CellAlignment::Right)
            }
            Cell::Text(s) | Cell::Quoted(s) => TCell::new(s),
            Cell::Empty => TCell::new(""),
        }));
    }
    t
}

/// Writes records as a terminal table; a note instead of an empty table.
pub fn write_table<R: Record, W: Write>(mut out: W, rows: &[R], what: &str) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "(no {what})");
    }
    let t = build(R::headers(), rows.iter().map(|r| r.cells()));
    writeln!(out, "{t}")
}

/// Writes a sheet as a terminal table; a note instead of an empty table.
pub fn write_sheet<W: Write>(mut out: W, sheet: &super::Sheet, what: &str) -> io::Result<()> {
    if sheet.rows.is_empty() {
        return writeln!(out, "(no {what})");
    }
    let headers: Vec<&str> = sheet.headers.iter().map(String::as_str).collect();
    let t = build(&headers, sheet.rows.iter().cloned());
    writeln!(out, "{t}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(Decimal::from(37_200_000_000u64)), "37,200,000,000");
        assert_eq!(grouped(Decimal::from(999)), "999");
        assert_eq!(
            grouped(Decimal::from_str("-1234567.5").unwrap()),
            "-1,234,567.5"
        );
    }
}
