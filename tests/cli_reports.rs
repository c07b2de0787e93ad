//! `summary`, `check`, cross-source tracking, `--fx` and `report` as a user runs them, on
//! real-style articles in tests/fixtures/check and on the bundled samples.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn dealtrack() -> Command {
    Command::cargo_bin("dealtrack").unwrap()
}

const FIX: &str = "tests/fixtures/check";

fn csv_rows(bytes: &[u8]) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_reader(bytes);
    r.records().map(|x| x.unwrap()).collect()
}

fn column(bytes: &[u8], name: &str) -> usize {
    let mut r = csv::Reader::from_reader(bytes);
    r.headers()
        .unwrap()
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

fn check_of(file: &str) -> (i32, serde_json::Value) {
    let out = dealtrack()
        .args(["check", "--format", "json"])
        .arg(Path::new(FIX).join(file))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (out.status.code().unwrap(), v["checks"][0].clone())
}

#[test]
fn check_consistent_total_exits_0() {
    let (code, c) = check_of("consistent_en.txt");
    assert_eq!(code, 0);
    assert_eq!(c["verdict"], "consistent");
    assert_eq!(c["total"], "2000000000");
    assert_eq!(c["items_sum"], "2000000000");
    assert_eq!(c["deals"], 2);
}

#[test]
fn check_items_exceeding_the_total_is_a_contradiction_and_exits_1() {
    let (code, c) = check_of("exceeds_de.txt");
    assert_eq!(code, 1);
    assert_eq!(c["verdict"], "items_exceed_total");
    assert_eq!(c["currency"], "EUR");
    assert_eq!(c["items_sum"], "1100000000");
    assert_eq!(c["difference"], "500000000");
    assert!(c["explanation"].as_str().unwrap().contains("contradiction"));
}

#[test]
fn check_short_with_unvalued_deals_is_an_unverifiable_remainder() {
    let (code, c) = check_of("short_vi.txt");
    assert_eq!(code, 0);
    assert_eq!(c["verdict"], "items_fall_short");
    assert_eq!(
        (c["deals"].as_u64(), c["with_value"].as_u64()),
        (Some(2), Some(1))
    );
    assert!(
        c["explanation"]
            .as_str()
            .unwrap()
            .contains("1 of 2 deals state no value"),
        "{c}"
    );
}

#[test]
fn check_sample_002_no_item_states_a_value() {
    let out = dealtrack()
        .args(["check", "--format", "csv", "data/samples"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows.len(), 1);
    let v = column(&out.stdout, "verdict");
    let t = column(&out.stdout, "total");
    assert_eq!(&rows[0][v], "no_item_value");
    assert_eq!(&rows[0][t], "37200000000");
    assert!(rows[0][column(&out.stdout, "source")].ends_with("002_e165b3d44af3195c.txt"));
}

#[test]
fn check_tolerance_is_a_percentage() {
    // 1 100 against 600 is far outside any sane tolerance, but 100 % lets it through.
    dealtrack()
        .args(["check", "--format", "csv", "--tolerance", "100%"])
        .arg(Path::new(FIX).join("exceeds_de.txt"))
        .assert()
        .code(0);
    dealtrack()
        .args(["check", "--tolerance", "abc"])
        .arg(FIX)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("tolerance"));
}

#[test]
fn summary_never_adds_currencies() {
    let out = dealtrack()
        .args(["summary", "--format", "csv", "--by", "language", FIX])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let header = text.lines().next().unwrap();
    assert_eq!(
        header, "language,deals,with_value,sum_eur,sum_usd,sum_vnd",
        "one sum column per currency"
    );
    let rows = csv_rows(&out.stdout);
    let all = rows.iter().find(|r| &r[0] == "(all)").unwrap();
    // USD: 1.5 bn + 500 m + 2 m (formula fixture); EUR: 900 m + 200 m + 2 × 100 m; VND: 2 000 bn
    assert_eq!(&all[3], "1300000000");
    assert_eq!(&all[4], "2002000000");
    assert_eq!(&all[5], "2000000000000");
    let de = rows.iter().find(|r| &r[0] == "de").unwrap();
    assert_eq!((&de[3], &de[4], &de[5]), ("1100000000", "", ""));
}

fn fx_table(dir: &Path) -> PathBuf {
    let p = dir.join("fx.csv");
    fs::write(
        &p,
        "date,currency,rate\n2024-01-01,EUR,1.08\n2024-07-01,EUR,1.10\n2025-01-01,EUR,1.04\n",
    )
    .unwrap();
    p
}

#[test]
fn fx_converts_each_deal_at_its_article_date() {
    let dir = tempfile::tempdir().unwrap();
    let fx = fx_table(dir.path());
    let out = dealtrack()
        .args(["extract", "--format", "csv", "--fx"])
        .arg(&fx)
        .args(["--to", "USD"])
        .arg(Path::new(FIX).join("fx_early_en.txt"))
        .arg(Path::new(FIX).join("fx_en.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = csv_rows(&out.stdout);
    let (a, d) = (
        column(&out.stdout, "amount_usd"),
        column(&out.stdout, "fx_date"),
    );
    // 2024-02-01 → the 2024-01-01 rate; 2024-07-15 → the 2024-07-01 rate
    assert_eq!((&rows[0][a], &rows[0][d]), ("108000000", "2024-01-01"));
    assert_eq!((&rows[1][a], &rows[1][d]), ("110000000", "2024-07-01"));
    let out = dealtrack()
        .args(["summary", "--format", "csv", "--fx"])
        .arg(&fx)
        .arg(Path::new(FIX).join("fx_early_en.txt"))
        .arg(Path::new(FIX).join("fx_en.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [
            "sector,deals,with_value,sum_eur,amount_usd,unconverted",
            "Aviation,2,2,200000000,218000000,0",
            "(all),2,2,200000000,218000000,0"
        ]
    );
}

#[test]
fn fx_problems_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    fs::write(&bad, "date,currency,rate\n2024-01-01,EUR,zero\n").unwrap();
    dealtrack()
        .args(["summary", "--fx"])
        .arg(&bad)
        .arg(FIX)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.csv:2: bad rate"));
    dealtrack()
        .args(["summary", "--to", "EUR"])
        .arg(FIX)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--fx"));
}

#[test]
fn the_trade_agreement_of_samples_000_and_001_is_one_deal_once_001_is_dated() {
    let merged = |paths: &[&std::path::Path]| -> Vec<serde_json::Value> {
        let out = dealtrack()
            .args(["extract", "--format", "json"])
            .args(paths)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["deals"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["sources"].as_array().is_some_and(|s| s.len() > 1))
            .cloned()
            .collect()
    };
    let a = std::path::Path::new("data/samples/000_6e9a751800d1f9f4.txt");
    let b = std::path::Path::new("data/samples/001_2655ffce02c49b82.txt");
    // 001 has no date and neither article states an amount: an undated report joins a deal only
    // when parties, item and amount all agree, so they stay apart.
    assert!(merged(&[a, b]).is_empty());
    // Dated two days later, 001 reports the same deal as 000, across languages.
    let dir = tempfile::tempdir().unwrap();
    let dated = dir.path().join("001_dated.txt");
    let text = std::fs::read_to_string(b).unwrap();
    std::fs::write(&dated, format!("date 2025-11-16\n{text}")).unwrap();
    let trade = merged(&[a, &dated]);
    assert_eq!(trade.len(), 1, "{trade:#?}");
    let d = &trade[0];
    assert_eq!(d["type"], "trade_agreement");
    assert_eq!(
        d["id"],
        merged(&[&dated, a])[0]["id"],
        "the same id in any order"
    );
    let sources: Vec<&str> = d["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(sources, [a.to_str().unwrap(), dated.to_str().unwrap()]);
}

fn report(out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    dealtrack()
        .args(["report", "data/samples", "--date", "2026-11-23", "--out"])
        .arg(out)
        .args(extra)
        .assert()
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn report_is_quiet_complete_and_byte_identical_when_run_twice() {
    let dir = tempfile::tempdir().unwrap();
    report(dir.path(), &[]).code(0).stdout("").stderr("");
    let day = dir.path().join("2026-11-23");
    let first = snapshot(&day);
    let names: Vec<&str> = first.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "by_sector.csv",
            "deals.csv",
            "report.html",
            "report.md",
            "report.xlsx",
            "totals.csv"
        ]
    );
    report(dir.path(), &[]).code(0);
    assert_eq!(snapshot(&day), first, "same input, same bytes");
    assert_eq!(
        fs::read_link(dir.path().join("latest")).unwrap(),
        Path::new("2026-11-23")
    );
    // nothing else is left in the directory: no temporary names
    let mut entries: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    assert_eq!(entries, ["2026-11-23", "latest"]);
    // a backfill does not move `latest`
    dealtrack()
        .args(["report", "data/samples", "--date", "2026-11-01", "--out"])
        .arg(dir.path())
        .assert()
        .code(0);
    assert_eq!(
        fs::read_link(dir.path().join("latest")).unwrap(),
        Path::new("2026-11-23")
    );
}

#[test]
fn report_html_is_self_contained_with_an_svg_chart_and_escaped_text() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("a.txt"),
        "Vietjet signed a $2 million contract with Boeing for 1 aircraft <script>alert(1)</script>.\n",
    )
    .unwrap();
    dealtrack()
        .args(["report", "--date", "2026-01-02", "--out"])
        .arg(dir.path().join("r"))
        .arg(&input)
        .assert()
        .code(0);
    let html = fs::read_to_string(dir.path().join("r/2026-01-02/report.html")).unwrap();
    assert!(html.contains("<svg"));
    assert!(html.contains("Deals by sector"));
    assert!(html.contains("Value by sector, USD"));
    assert!(!html.contains("<script"), "article text is escaped");
    assert!(html.contains("&lt;script&gt;"));
    for external in ["src=\"http", "href=\"http", "<link", "@import"] {
        assert!(!html.contains(external), "no external assets: {external}");
    }
}

#[test]
fn a_report_that_fails_midway_leaves_the_previous_one_whole() {
    let dir = tempfile::tempdir().unwrap();
    report(dir.path(), &[]).code(0);
    let day = dir.path().join("2026-11-23");
    let before = snapshot(&day);
    // different content, so a partial overwrite would show
    dealtrack()
        .args(["report", "--date", "2026-11-23", "--out"])
        .arg(dir.path())
        .arg(Path::new(FIX).join("consistent_en.txt"))
        .env("DEALTRACK_REPORT_FAIL_AFTER", "3")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("report.md").and(predicate::str::contains("injected")));
    assert_eq!(snapshot(&day), before);
    let mut entries: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    assert_eq!(
        entries,
        ["2026-11-23", "latest"],
        "no temporary directory left"
    );
}

#[test]
fn a_report_with_unreadable_input_is_not_written_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::copy(
        Path::new(FIX).join("consistent_en.txt"),
        input.join("a.txt"),
    )
    .unwrap();
    let mut bad = "Hợp đồng ".as_bytes().to_vec();
    bad.extend_from_slice(b"\xff\xfe m\xc3\xa1y bay");
    fs::write(input.join("b.txt"), bad).unwrap();
    let out = dir.path().join("r");
    dealtrack()
        .args(["report", "--date", "2026-01-02", "--out"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("b.txt: invalid UTF-8")
                .and(predicate::str::contains("not written")),
        );
    assert!(!out.join("2026-01-02").exists());
    dealtrack()
        .args(["report", "--keep-going", "--date", "2026-01-02", "--out"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(2);
    assert!(out.join("2026-01-02/deals.csv").exists());
}

#[test]
fn a_contradicted_total_in_a_report_exits_1_after_writing() {
    let dir = tempfile::tempdir().unwrap();
    dealtrack()
        .args(["report", "--date", "2026-01-02", "--out"])
        .arg(dir.path())
        .arg(Path::new(FIX).join("exceeds_de.txt"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("contradicted"));
    let md = fs::read_to_string(dir.path().join("2026-01-02/report.md")).unwrap();
    assert!(md.contains("items_exceed_total"), "{md}");
}

#[test]
fn cells_from_articles_are_neutralised_against_formulas() {
    let file = Path::new(FIX).join("formula_en.txt");
    let out = dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(&file)
        .output()
        .unwrap();
    let rows = csv_rows(&out.stdout);
    let ev = column(&out.stdout, "evidence");
    assert!(
        rows[0][ev].starts_with("'=HYPERLINK("),
        "{:?}",
        &rows[0][ev]
    );
    let out = dealtrack()
        .args(["extract", "--format", "csv", "--no-formula-guard"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(csv_rows(&out.stdout)[0][ev].starts_with("=HYPERLINK("));
    // in reports too
    let dir = tempfile::tempdir().unwrap();
    dealtrack()
        .args(["report", "--date", "2026-01-02", "--out"])
        .arg(dir.path())
        .arg(&file)
        .assert()
        .code(0);
    let deals = fs::read(dir.path().join("2026-01-02/deals.csv")).unwrap();
    assert!(csv_rows(&deals)[0][ev].starts_with("'=HYPERLINK("));
}

#[test]
fn excel_and_semicolon_csv_from_every_csv_command() {
    for cmd in ["extract", "amounts", "summary", "check"] {
        let out = dealtrack()
            .args([
                cmd,
                "--format",
                "csv",
                "--excel",
                "--delimiter",
                ";",
                "data/samples",
            ])
            .output()
            .unwrap();
        assert!(out.stdout.starts_with("\u{feff}".as_bytes()), "{cmd}: BOM");
        let text = String::from_utf8(out.stdout).unwrap();
        let first = text
            .trim_start_matches('\u{feff}')
            .split("\r\n")
            .next()
            .unwrap();
        assert!(
            first.contains(';') && !first.contains(','),
            "{cmd}: {first}"
        );
    }
}

/// The CSV of the samples reads back with amounts as numbers (the spreadsheet's view).
#[test]
fn sample_csv_reads_back_with_numeric_amounts() {
    let out = dealtrack()
        .args(["extract", "--format", "csv", "data/samples"])
        .output()
        .unwrap();
    let rows = csv_rows(&out.stdout);
    let a = column(&out.stdout, "amount");
    let q = column(&out.stdout, "quantity");
    let amounts: Vec<f64> = rows
        .iter()
        .filter(|r| !r[a].is_empty())
        .map(|r| r[a].parse::<f64>().expect("a plain number"))
        .collect();
    assert_eq!(amounts, [19_000_000.0]);
    for r in &rows {
        assert!(r[q].is_empty() || r[q].parse::<u64>().is_ok());
    }
}

/// The same read back by pandas, when it is installed (CI installs it: see .ci/run).
#[test]
fn sample_csv_reads_back_in_pandas() {
    let has_pandas = std::process::Command::new("python3")
        .args(["-c", "import pandas"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_pandas {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have pandas (pip install pandas)"
        );
        eprintln!("pandas not installed: skipped (scripts/readback.py)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deals.csv");
    dealtrack()
        .args(["extract", "--format", "csv", "--excel", "-o"])
        .arg(&p)
        .arg("data/samples")
        .assert()
        .code(0);
    let out = std::process::Command::new("python3")
        .arg("scripts/readback.py")
        .arg(&p)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("amount float64"), "{text}");
    assert!(text.contains("rows 12"), "{text}");
    assert!(text.contains("sum USD 19000000"), "{text}");
}

/// reports/ in the repository is the report of data/samples: regenerate it when this fails with
/// `cargo run --release -- report data/samples --out reports --date 2026-11-23`.
#[test]
fn committed_reports_are_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    report(dir.path(), &[]).code(0);
    let fresh = snapshot(&dir.path().join("2026-11-23"));
    let committed = snapshot(Path::new("reports/2026-11-23"));
    for ((n1, b1), (n2, b2)) in fresh.iter().zip(&committed) {
        assert_eq!(n1, n2);
        assert!(
            b1 == b2,
            "reports/2026-11-23/{n1} is stale: regenerate with `cargo run --release -- report data/samples --out reports --date 2026-11-23`"
        );
    }
    assert_eq!(fresh.len(), committed.len());
    assert_eq!(
        fs::read_link("reports/latest").unwrap(),
        Path::new("2026-11-23")
    );
}

#[test]
fn the_page_shows_titles_links_and_evidence_and_lets_no_markup_through() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let lines = [
        serde_json::json!({
            "id": "a1",
            "date": "2025-03-10",
            "title": "Vietjet <script>alert(1)</script> buys *jets*",
            "url": "https://news.example/vietjet?a=1&b=2",
            "text": "Vietjet signed a $1.5 billion contract with Airbus for 20 A321neo aircraft <script>x</script> on Monday. The deals signed during the visit are worth a total of $2 billion."
        }),
        serde_json::json!({
            "id": "a2",
            "date": "2025-03-11",
            "title": "[click](javascript:alert(1))",
            "url": "javascript:alert(1)",
            "text": "Vietjet signed a contract with Boeing for 10 aircraft. The deals signed are worth a total of $3 billion."
        }),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    fs::write(&input, body).unwrap();
    let out = dir.path().join("r");
    dealtrack()
        .args(["report", "--date", "2025-03-12", "--out"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(0);
    let md = fs::read_to_string(out.join("2025-03-12/report.md")).unwrap();
    let html = fs::read_to_string(out.join("2025-03-12/report.html")).unwrap();
    for page in [&md, &html] {
        assert!(!page.contains("<script"), "markup passed through");
        assert!(
            !page.contains("(<javascript"),
            "a javascript: link in Markdown"
        );

        assert!(!page.contains("href=\"javascript"), "a javascript: link");
        assert!(page.contains("2025-03-10"), "the article's date");
        assert!(
            page.contains("Vietjet signed a $1.5 billion contract"),
            "evidence"
        );
    }
    assert!(
        md.match_indices("](")
            .all(|(i, _)| md[..i].ends_with('\\') || md[i..].starts_with("](<http")),
        "a Markdown link made of article text: {md}"
    );
    assert!(
        md.contains("Vietjet &lt;script&gt;alert(1)&lt;/script&gt; buys \\*jets\\*"),
        "{md}"
    );
    assert!(
        md.contains("(<https://news.example/vietjet?a=1&b=2>)"),
        "{md}"
    );
    assert!(
        html.contains("<a href=\"https://news.example/vietjet?a=1&amp;b=2\">"),
        "{html}"
    );
    // verdicts coloured by meaning: falling short is not a confirmation
    assert!(
        html.contains("<span class=\"unverifiable\">unverifiable</span>"),
        "{html}"
    );
    assert!(
        !html.contains("<span class=\"ok\">"),
        "nothing here is consistent: {html}"
    );
    assert!(
        md.contains("- unverifiable: **1,500,000,000 USD**") || md.contains("- unverifiable:"),
        "{md}"
    );
}
