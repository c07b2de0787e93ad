//! Terminal tables (comfy-table): fit the terminal width, numbers right-aligned and grouped,
//! no colour when NO_COLOR is set or stdout is not a terminal.

use std::io::{self, IsTerminal, Write};

use comfy_table::{
    Cell as TCell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets,
};
use rust_decimal::Decimal;

use super::{Cell, Record};

pub use crate::number::grouped;

fn use_colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
}

/// The width to lay tables out in: the terminal's, else `COLUMNS`, else 120.
pub fn width() -> u16 {
    if let Some((w, _)) = terminal_size::terminal_size() {
        return w.0;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|&c: &u16| c >= 20)
        .unwrap_or(120)
}

/// Columns a narrow terminal drops first, in order; the others (parties, item, amount, currency,
/// verdict…) always stay.
/// Names joined by `|` go together.
const DROP_FIRST: [&str; 17] = [
    "notes",
    "evidence",
    "start|end",
    "sector",
    "source",
    "language",
    "qualifier",
    "id",
    "with_value",
    "deals",
    "published",
    "type",
    "status",
    "qty",
    "items_sum",
    "changes",
    "recipient",
];

fn cell_string(c: &Cell) -> String {
    match c {
        Cell::Num(d) => grouped(*d),
        Cell::Int(n) => grouped(Decimal::from(*n)),
        Cell::Text(s) | Cell::Quoted(s) => s.clone(),
        Cell::Date(d) => d.to_string(),
        Cell::Empty => String::new(),
    }
}

/// The narrowest each column may be: its header and every number and date in it stay whole.
fn min_widths(headers: &[&str], rows: &[Vec<Cell>]) -> Vec<usize> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            // numbers, dates and the tool's tokens whole; article words whole up to 10 characters
            let cells = rows.iter().filter_map(|r| r.get(i)).map(|c| match c {
                Cell::Num(_) | Cell::Int(_) | Cell::Date(_) => cell_string(c).chars().count(),
                // a token the tool wrote (an id, a type, a code) stays whole
                Cell::Text(s) if !s.contains(char::is_whitespace) => s.chars().count().min(16),
                Cell::Text(s) | Cell::Quoted(s) => s
                    .split_whitespace()
                    .map(|w| w.chars().count().min(10))
                    .max()
                    .unwrap_or(0),
                Cell::Empty => 0,
            });
            cells.fold(h.chars().count(), usize::max)
        })
        .collect()
}

/// Which columns to show in `width` characters: all if their narrowest widths fit, else without
/// the low-priority columns of [`DROP_FIRST`], in that order, until they do.
fn shown_columns(headers: &[&str], mins: &[usize], width: usize) -> Vec<usize> {
    let mut keep: Vec<usize> = (0..headers.len()).collect();
    // each column takes its content, a space either side and a border
    let need = |k: &[usize]| k.iter().map(|&i| mins[i] + 3).sum::<usize>() + 1 + 2 * k.len();
    for name in DROP_FIRST {
        if need(&keep) <= width {
            break;
        }
        keep.retain(|&i| !name.split('|').any(|n| headers[i] == n));
    }
    keep
}

/// Builds a table from headers and rows of cells, laid out for the terminal's width: numbers,
/// dates and headers are never split, and low-priority columns go when the width is too small.
pub fn build(headers: &[&str], rows: impl IntoIterator<Item = Vec<Cell>>) -> Table {
    let rows: Vec<Vec<Cell>> = rows.into_iter().collect();
    let width = width();
    let mins = min_widths(headers, &rows);
    let maxes: Vec<usize> = (0..headers.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| cell_string(c).chars().count())
                .fold(headers[i].chars().count(), usize::max)
        })
        .collect();
    let keep = shown_columns(headers, &mins, width as usize);
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(width);
    if !use_colour() {
        t.force_no_tty();
    }
    t.set_header(keep.iter().map(|&i| {
        let c = TCell::new(headers[i]);
        if use_colour() {
            c.add_attribute(comfy_table::Attribute::Bold)
        } else {
            c
        }
    }));
    for row in rows {
        t.add_row(keep.iter().map(|&i| {
            let c = row.get(i).cloned().unwrap_or(Cell::Empty);
            match c {
                Cell::Num(_) | Cell::Int(_) => {
                    TCell::new(cell_string(&c)).set_alignment(CellAlignment::Right)
                }
                other => TCell::new(cell_string(&other)),
            }
        }));
    }
    let widths = column_widths(&keep, &mins, &maxes, width as usize);
    for (col, w) in t.column_iter_mut().zip(widths) {
        // comfy-table's fixed width counts the padding on either side
        col.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w as u16 + 2)));
    }
    t
}

/// Content widths of the shown columns: numbers, dates and headers whole (their narrowest width,
/// `mins`); the rest of the width shared among text columns in proportion to what they would
/// need beyond that, never more than their longest content (`maxes`).
fn column_widths(keep: &[usize], mins: &[usize], maxes: &[usize], width: usize) -> Vec<usize> {
    let overhead = 3 * keep.len() + 1;
    let avail = width.saturating_sub(overhead);
    let min_sum: usize = keep.iter().map(|&i| mins[i]).sum();
    let want_sum: usize = keep.iter().map(|&i| maxes[i].max(mins[i])).sum();
    if want_sum <= avail {
        return keep.iter().map(|&i| maxes[i].max(mins[i])).collect();
    }
    let spare = avail.saturating_sub(min_sum);
    let extra_sum: usize = keep.iter().map(|&i| maxes[i].saturating_sub(mins[i])).sum();
    let mut widths: Vec<usize> = keep
        .iter()
        .map(|&i| {
            let extra = maxes[i].saturating_sub(mins[i]);
            mins[i] + (spare * extra).checked_div(extra_sum).unwrap_or(0)
        })
        .collect();
    // what rounding left over goes to the widest text columns first
    let mut left = avail.saturating_sub(widths.iter().sum::<usize>());
    let mut order: Vec<usize> = (0..keep.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(maxes[keep[k]].saturating_sub(widths[k])));
    for k in order {
        if left == 0 {
            break;
        }
        if widths[k] < maxes[keep[k]] {
            widths[k] += 1;
            left -= 1;
        }
    }
    widths
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

    #[test]
    fn a_narrow_table_keeps_numbers_and_headers_whole_and_drops_low_priority_columns() {
        let headers = [
            "source",
            "type",
            "status",
            "provider",
            "recipient",
            "item",
            "qty",
            "amount",
            "cur",
            "sector",
        ];
        let row = vec![
            Cell::Text("002_e165b3d44af3195c.txt".into()),
            Cell::Text("purchase".into()),
            Cell::Text("signed".into()),
            Cell::Text("Mevion Medical Systems".into()),
            Cell::Text("Tam Anh General Hospital".into()),
            Cell::Quoted("Langstreckenflugzeuge Boeing 787-9".into()),
            Cell::Int(1),
            Cell::Num(Decimal::from(19_000_000_000u64)),
            Cell::Text("USD".into()),
            Cell::Text("Telecommunications".into()),
        ];
        let mins = min_widths(&headers, std::slice::from_ref(&row));
        assert_eq!(mins[7], "19,000,000,000".len());
        assert_eq!(mins[4], "recipient".len());
        assert_eq!(
            mins[9], 16,
            "a token the tool wrote counts whole, up to 16 characters"
        );
        assert_eq!(
            mins[5], 10,
            "a word of article text counts up to 10 characters"
        );
        let wide = shown_columns(&headers, &mins, 200);
        assert_eq!(wide.len(), headers.len());
        let narrow = shown_columns(&headers, &mins, 60);
        let names: Vec<&str> = narrow.iter().map(|&i| headers[i]).collect();
        assert!(
            names.contains(&"amount") && names.contains(&"cur") && names.contains(&"item"),
            "{names:?}"
        );
        assert!(
            !names.contains(&"sector") && !names.contains(&"source"),
            "{names:?}"
        );
    }
}
