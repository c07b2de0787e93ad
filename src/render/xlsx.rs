//! Excel workbooks (rust_xlsxwriter): one worksheet per sheet, the header row in bold and frozen,
//! an autofilter over the columns, numbers as numbers, dates as dates.
//!
//! A spreadsheet number is a 64-bit float: amounts are exact `Decimal`s until the cell is written.
//! An amount that a float cannot hold exactly (more than about 15 significant digits) is still
//! written as a number, and the cell carries a note with the exact decimal.

use std::io::{self, Write};

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Note, Workbook, XlsxError};

use super::{Cell, Sheet, plain_decimal};

fn xerr(e: XlsxError) -> io::Error {
    io::Error::other(e)
}

/// The float a spreadsheet will hold, and whether it is exactly the decimal.
pub fn as_float(d: Decimal) -> (f64, bool) {
    let s = plain_decimal(d);
    let f: f64 = s.parse().unwrap_or(f64::NAN);
    let back = format!("{f}").parse::<Decimal>().ok();
    (f, back.map(|b| b.normalize()) == Some(d.normalize()))
}

/// Excel's limit on worksheet names (31 characters, no `[]:*?/\`).
fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    if clean.is_empty() {
        "sheet".into()
    } else {
        clean
    }
}

/// A workbook of the sheets, as bytes. `created` fixes the document's creation date so that the
/// same input gives the same file.
pub fn workbook(sheets: &[(&str, &Sheet)], created: jiff::civil::Date) -> io::Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let day = ExcelDateTime::from_ymd(
        created.year() as u16,
        created.month() as u8,
        created.day() as u8,
    )
    .map_err(xerr)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&day));
    let header = Format::new().set_bold();
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    let int_fmt = Format::new().set_num_format("#,##0");
    let num_fmt = Format::new().set_num_format("#,##0.##########");
    for (name, sheet) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(name)).map_err(xerr)?;
        for (c, h) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &header)
                .map_err(xerr)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) | Cell::Quoted(s) => {
                        // A string cell is never a formula, so no neutralising is needed.
                        ws.write_string(r, c, s).map_err(xerr)?;
                    }
                    Cell::Num(d) => {
                        let (f, exact) = as_float(*d);
                        ws.write_number_with_format(r, c, f, &num_fmt)
                            .map_err(xerr)?;
                        if !exact {
                            let note = Note::new(format!("exact: {}", plain_decimal(*d)))
                                .set_author("dealtrack");
                            ws.insert_note(r, c, &note).map_err(xerr)?;
                        }
                    }
                    Cell::Int(n) => {
                        ws.write_number_with_format(r, c, *n as f64, &int_fmt)
                            .map_err(xerr)?;
                    }
                    Cell::Date(d) => {
                        let x = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )
                        .map_err(xerr)?;
                        ws.write_datetime_with_format(r, c, &x, &date_fmt)
                            .map_err(xerr)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        ws.set_freeze_panes(1, 0).map_err(xerr)?;
        let last_col = sheet.headers.len().max(1) as u16 - 1;
        ws.autofilter(0, 0, sheet.rows.len() as u32, last_col)
            .map_err(xerr)?;
        ws.autofit_to_max_width(60);
    }
    wb.save_to_buffer().map_err(xerr)
}

/// Writes the sheets as one workbook. Refuses a terminal: a workbook is binary.
pub fn write_sheets<W: Write + ?Sized>(
    out: &mut W,
    sheets: &[(&str, &Sheet)],
    created: jiff::civil::Date,
) -> io::Result<()> {
    let bytes = workbook(sheets, created)?;
    out.write_all(&bytes)
}

/// Records as a sheet (their headers and cells).
pub fn sheet_of<R: super::Record>(rows: &[R]) -> Sheet {
    Sheet {
        headers: R::headers().iter().map(|h| h.to_string()).collect(),
        rows: rows.iter().map(|r| r.cells()).collect(),
    }
}

/// The creation date written into workbooks that have no date of their own: fixed, so that the
/// same input always gives the same bytes.
pub fn fixed_date() -> jiff::civil::Date {
    jiff::civil::date(2000, 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn floats_hold_amounts_up_to_fifteen_digits_exactly() {
        assert_eq!(as_float(Decimal::from(37_200_000_000u64)), (37.2e9, true));
        assert!(as_float(Decimal::from_str("1234.5").unwrap()).1);
        assert!(!as_float(Decimal::from_str("123456789012345678.9").unwrap()).1);
    }
}
