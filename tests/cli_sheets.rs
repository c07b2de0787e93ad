//! Spreadsheets as they are used: `--format xlsx` read back (numbers as numbers, dates as dates, a
//! frozen header and an autofilter), `report.xlsx`, the decimal comma of `--delimiter ';'`, and the
//! terminal table on a narrow terminal.

use std::io::Read;
use std::path::Path;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};

fn dealtrack() -> Command {
    Command::cargo_bin("dealtrack").unwrap()
}

/// Days since Excel's epoch (1899-12-30): how a spreadsheet stores a date.
fn serial(day: &str) -> f64 {
    let d: jiff::civil::Date = day.parse().unwrap();
    (d - jiff::civil::date(1899, 12, 30)).get_days() as f64
}

fn xml_of(xlsx: &Path, member: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(member).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn xlsx_has_numbers_dates_a_frozen_header_and_a_filter() {
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("deals.xlsx");
    dealtrack()
        .args(["extract", "tests/fixtures/ledger", "--format", "xlsx", "-o"])
        .arg(&x)
        .assert()
        .code(0);
    let csv_out = dealtrack()
        .args(["extract", "tests/fixtures/ledger", "--format", "csv"])
        .output()
        .unwrap();
    let mut csv = csv::Reader::from_reader(&csv_out.stdout[..]);
    let headers = csv.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    let mut wb: Xlsx<_> = open_workbook(&x).unwrap();
    assert_eq!(wb.sheet_names(), ["deals", "totals"]);
    let range = wb.worksheet_range("deals").unwrap();
    let sheet: Vec<&[Data]> = range.rows().collect();
    let head: Vec<String> = sheet[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        head,
        headers.iter().collect::<Vec<_>>(),
        "the CSV's columns"
    );
    assert_eq!(sheet.len() - 1, rows.len(), "the CSV's rows");
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        let cells = sheet[r + 1];
        // the same deal in the same place
        assert_eq!(cells[col("id")].to_string(), row[col("id")]);
        match &cells[col("amount")] {
            Data::Float(f) => assert_eq!(*f, row[col("amount")].parse::<f64>().unwrap()),
            other => panic!("amount is not a number: {other:?}"),
        }
        match &cells[col("quantity")] {
            Data::Float(f) => assert_eq!(*f, row[col("quantity")].parse::<f64>().unwrap()),
            other => panic!("quantity is not a number: {other:?}"),
        }
        match &cells[col("published")] {
            Data::DateTime(d) => assert_eq!(d.as_f64(), serial(&row[col("published")])),
            other => panic!("published is not a date: {other:?}"),
        }
        assert_eq!(cells[col("title")].to_string(), row[col("title")]);
    }
    let xml = xml_of(&x, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("state=\"frozen\""), "frozen header");
    assert!(xml.contains("<autoFilter ref=\"A1:"), "autofilter");
    // the same input gives the same bytes
    let again = dir.path().join("again.xlsx");
    dealtrack()
        .args(["extract", "tests/fixtures/ledger", "--format", "xlsx", "-o"])
        .arg(&again)
        .assert()
        .code(0);
    assert_eq!(std::fs::read(&x).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn the_report_has_a_workbook_with_one_sheet_per_table() {
    let dir = tempfile::tempdir().unwrap();
    dealtrack()
        .args([
            "report",
            "tests/fixtures/check",
            "--date",
            "2026-01-02",
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .code(1);
    let x = dir.path().join("2026-01-02/report.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&x).unwrap();
    assert_eq!(wb.sheet_names(), ["deals", "totals", "by_sector"]);
    let totals = wb.worksheet_range("totals").unwrap();
    let head: Vec<String> = totals
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let v = head.iter().position(|h| h == "verdict").unwrap();
    let t = head.iter().position(|h| h == "total").unwrap();
    let verdicts: Vec<String> = totals.rows().skip(1).map(|r| r[v].to_string()).collect();
    assert!(
        verdicts.contains(&"items_exceed_total".to_string()),
        "{verdicts:?}"
    );
    assert!(
        totals
            .rows()
            .skip(1)
            .all(|r| matches!(r[t], Data::Float(_)))
    );
}

#[test]
fn a_semicolon_delimiter_brings_a_decimal_comma() {
    let text = "date 2025-03-10\nVietjet signed a contract with Airbus worth $1,234.56 million for 3 A321neo aircraft.\n";
    let run = |delim: &str| {
        let out = dealtrack()
            .args([
                "extract",
                "--input",
                "text",
                "--format",
                "csv",
                "--delimiter",
                delim,
            ])
            .write_stdin(text)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let semi = run(";");
    let comma = run(",");
    assert!(comma.contains(",1234560000,"), "{comma}");
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(semi.as_bytes());
    let h = r.headers().unwrap().clone();
    let row = r.records().next().unwrap().unwrap();
    let amount = &row[h.iter().position(|x| x == "amount").unwrap()];
    assert_eq!(amount, "1234560000");
    // a fraction shows the comma: the summary's sum in another table would too
    let out = dealtrack()
        .args([
            "amounts",
            "--input",
            "text",
            "--format",
            "csv",
            "--delimiter",
            ";",
        ])
        .write_stdin("Der Vertrag ist 2,5 Euro wert.\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(";2,5;"), "{text}");
    let out = dealtrack()
        .args(["amounts", "--input", "text", "--format", "csv"])
        .write_stdin("Der Vertrag ist 2,5 Euro wert.\n")
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains(",2.5,"));
}

#[test]
fn a_narrow_terminal_never_splits_a_number_or_a_header() {
    for cols in ["80", "60"] {
        let out = dealtrack()
            .args([
                "extract",
                "data/samples",
                "tests/fixtures/check",
                "--format",
                "table",
            ])
            .env("COLUMNS", cols)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let width: usize = cols.parse().unwrap();
        for line in text.lines().filter(|l| l.starts_with(['┌', '│', '╞', '└'])) {
            assert!(
                line.chars().count() <= width,
                "wider than {cols}: {line}\n{text}"
            );
        }
        let header = text.lines().nth(1).unwrap();
        for h in ["amount", "cur", "item", "provider"] {
            assert!(header.contains(h), "{h} kept and whole at {cols}: {header}");
        }
        assert!(
            !header.contains("sector"),
            "sector dropped at {cols}: {header}"
        );
        // every amount of the input appears whole on one line
        for n in [
            "19,000,000",
            "1,500,000,000",
            "2,000,000,000,000",
            "900,000,000",
        ] {
            assert!(text.contains(n), "{n} split at {cols}:\n{text}");
        }
    }
}

#[test]
fn libreoffice_reads_the_numbers_as_numbers() {
    let soffice = ["soffice", "libreoffice"].into_iter().find(|b| {
        std::process::Command::new(b)
            .arg("--version")
            .output()
            .is_ok()
    });
    let Some(soffice) = soffice else {
        eprintln!(
            "skipped: LibreOffice is not installed (the calamine read-back tests cover xlsx)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("deals.xlsx");
    dealtrack()
        .args(["extract", "tests/fixtures/ledger", "--format", "xlsx", "-o"])
        .arg(&x)
        .assert()
        .code(0);
    let st = std::process::Command::new(soffice)
        // Comma-separated, double quotes, UTF-8 (76): the default is the locale's code page.
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&x)
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let back = std::fs::read_to_string(dir.path().join("deals.csv")).unwrap();
    // numbers come back as numbers (the number format groups them), dates as dates
    assert!(back.contains("2025-03-03"), "{back}");
    assert!(
        back.contains("2,000,000,000") || back.contains("2000000000"),
        "{back}"
    );
}
