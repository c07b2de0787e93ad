//! `dealtrack extract` as a user runs it: output formats and their schema, `-o`, bad input.

use assert_cmd::Command;
use predicates::prelude::*;

fn dealtrack() -> Command {
    Command::cargo_bin("dealtrack").unwrap()
}

const HEADER: &str = "id,source,published,language,type,status,provider,recipient,parties,item,quantity,amount,currency,currency_inferred,qualifier,amount_max,sector,evidence,start,end,sources,notes,title,url";

#[test]
fn csv_has_the_documented_columns_in_order() {
    let out = dealtrack()
        .args(["extract", "--format", "csv", "data/samples"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().next(), Some(HEADER));
    assert!(
        text.lines().count() > 5,
        "deals expected from the samples:\n{text}"
    );
}

#[test]
fn json_has_deals_and_totals_and_evidence_is_traceable() {
    let out = dealtrack()
        .args(["extract", "--format", "json", "data/samples"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let deals = v["deals"].as_array().unwrap();
    assert!(v["totals"].is_array());
    for d in deals {
        // Every deal points back to its sentence: file, byte span and the text there.
        let src = d["source"].as_str().unwrap();
        let text = std::fs::read_to_string(src).unwrap();
        let (s, e) = (
            d["start"].as_u64().unwrap() as usize,
            d["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], d["evidence"].as_str().unwrap());
        assert!(d["parties"].is_array());
        assert!(d["id"].as_str().unwrap().len() == 12);
    }
}

#[test]
fn jsonl_tags_each_record() {
    let out = dealtrack()
        .args(["extract", "--format", "jsonl", "data/samples"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.is_empty());
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(
            matches!(v["record"].as_str(), Some("deal" | "total")),
            "{line}"
        );
    }
}

#[test]
fn ids_are_stable_across_runs() {
    let run = || {
        dealtrack()
            .args(["extract", "--format", "csv", "data/samples"])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deals.csv");
    dealtrack()
        .args(["extract", "-o"])
        .arg(&out)
        .arg("data/samples")
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with(HEADER));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left behind");
}

#[test]
fn empty_and_dealless_files_give_no_deals_and_succeed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("none.txt"),
        "Der Himmel war blau. Es regnete nicht.",
    )
    .unwrap();
    dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(format!("{HEADER}\n"));
}

#[test]
fn binary_file_is_skipped_with_a_warning_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("photo.txt");
    std::fs::write(&bin, [0x89, b'P', b'N', b'G', 0, 0, 1, 2, 0xff]).unwrap();
    dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(&bin)
        .assert()
        .success()
        .stdout(format!("{HEADER}\n"))
        .stderr(predicate::str::contains("photo.txt").and(predicate::str::contains("binary")));
}

#[test]
fn invalid_utf8_is_an_error_naming_file_and_offset_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    // Mostly UTF-8 with a stray bad byte: corrupt, not a legacy 8-bit file.
    let mut bad = "Hợp đồng ".as_bytes().to_vec();
    bad.extend_from_slice(b"\xff\xfe mua m\xc3\xa1y bay");
    std::fs::write(dir.path().join("a_bad.txt"), bad).unwrap();
    std::fs::write(
        dir.path().join("b_good.txt"),
        "Vietjet signed a contract with Boeing for new jets.",
    )
    .unwrap();
    dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a_bad.txt: invalid UTF-8 at byte 14",
        ))
        .stdout(predicate::str::contains("b_good.txt"));
}

#[test]
fn missing_file_is_exit_2_with_its_name() {
    dealtrack()
        .args(["extract", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.txt"));
}

#[test]
fn user_lexicons_extend_the_built_in_ones() {
    let dir = tempfile::tempdir().unwrap();
    let aliases = dir.path().join("aliases.tsv");
    let sectors = dir.path().join("sectors.tsv");
    std::fs::write(
        &aliases,
        "Acme Rockets\tmanufacturer\tUnited States\tAcme|Acme Rockets Inc.\n",
    )
    .unwrap();
    std::fs::write(&sectors, "Defence\trockets\n").unwrap();
    let out = dealtrack()
        .args(["extract", "--format", "json", "--aliases"])
        .arg(&aliases)
        .arg("--sectors")
        .arg(&sectors)
        .arg("-")
        .write_stdin("Vietjet signed a contract with Acme for rockets.")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["deals"][0];
    assert_eq!(d["parties"], serde_json::json!(["Vietjet", "Acme Rockets"]));
    assert_eq!(d["sector"], "Defence");
}

/// A user's model file names the maker of models the built-in table does not know.
#[test]
fn a_users_models_name_the_maker() {
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().join("models.tsv");
    std::fs::write(&models, "maker\tdesignations\nKestrel Aero\tKX-9\n").unwrap();
    let text = "Nordmar Airways ordered 12 KX-9 jets.";
    let run = |extra: &[&std::ffi::OsStr]| {
        let out = dealtrack()
            .args(["extract", "--format", "json"])
            .args(extra)
            .arg("-")
            .write_stdin(text)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["deals"][0]["provider"].clone()
    };
    assert_eq!(run(&[]), serde_json::Value::Null);
    assert_eq!(
        run(&["--models".as_ref(), models.as_os_str()]),
        "Kestrel Aero"
    );
}

#[test]
fn broken_pipe_is_not_an_error() {
    // `dealtrack extract … | head -c 10`: the reader goes away early; we exit 0 quietly.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let line = "Vietjet signed a contract with Boeing for new jets.\n";
    std::fs::write(&big, line.repeat(20_000)).unwrap();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "'{}' extract --format csv '{}' | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}",
            assert_cmd::cargo::cargo_bin("dealtrack").display(),
            big.display()
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn title_and_url_of_json_lines_reach_csv_and_json() {
    let line = serde_json::json!({
        "id": "t1",
        "date": "2025-03-10",
        "title": "Vietjet buys jets",
        "url": "https://news.example/t1",
        "text": "Vietjet signed a $1.5 billion contract with Airbus for 20 A321neo aircraft on Monday."
    });
    for merge in [true, false] {
        let mut c = dealtrack();
        c.args(["extract", "--input", "jsonl", "--format", "csv"]);
        if !merge {
            c.arg("--no-merge");
        }
        let out = c.write_stdin(format!("{line}\n")).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let h = r.headers().unwrap().clone();
        let row = r.records().next().unwrap().unwrap();
        let col = |name: &str| row[h.iter().position(|x| x == name).unwrap()].to_string();
        assert_eq!(col("title"), "Vietjet buys jets", "{text}");
        assert_eq!(col("url"), "https://news.example/t1");
    }
    let out = dealtrack()
        .args(["extract", "--input", "jsonl", "--format", "json"])
        .write_stdin(format!("{line}\n"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["deals"][0]["title"], "Vietjet buys jets");
    assert_eq!(v["deals"][0]["url"], "https://news.example/t1");
    // a header line's title counts too; a plain file has none
    let out = dealtrack()
        .args([
            "extract",
            "--format",
            "json",
            "tests/fixtures/ledger/en1.txt",
            "tests/fixtures/check/formula_en.txt",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles: Vec<&serde_json::Value> = v["deals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["title"])
        .collect();
    assert!(titles.contains(&&serde_json::json!(
        "Vietjet and Airbus sign memorandum on A321neo jets"
    )));
    assert!(titles.contains(&&serde_json::Value::Null));
}

/// A deal whose amount was written without a currency takes the article's and says so, in JSON
/// and in the CSV column; a currency written beside the amount is not marked.
#[test]
fn a_currency_taken_from_the_article_is_marked_inferred() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("loans.txt"),
        "The Harbour Bank approved a $50 million loan for the Republic of Varda.\n\n\
         The Harbour Bank loan for the Republic of Ostra amounts to 300 million.\n",
    )
    .unwrap();
    let out = dealtrack()
        .args(["extract", "--no-merge", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let deals = json["deals"].as_array().unwrap();
    let by_amount = |a: &str| deals.iter().find(|d| d["amount"] == a).cloned();
    let inferred = by_amount("300000000").expect("the 300 million loan");
    assert_eq!(inferred["currency"], "USD");
    assert_eq!(inferred["currency_inferred"], true);
    let written = by_amount("50000000").expect("the $50 million loan");
    assert_eq!(written["currency_inferred"], false);
    let csv = dealtrack()
        .args(["extract", "--no-merge", "--format", "csv"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(
        text.lines().any(|l| l.contains(",300000000,USD,true,")),
        "{text}"
    );
}
