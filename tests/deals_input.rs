//! `--deals`: tracking, summaries and checks over deals already extracted (`extract --no-merge
//! --format jsonl`, or a Spark job's part files) give what a run over the articles gives.

use std::path::Path;

use assert_cmd::Command;
use predicates::str::contains;

fn dealtrack() -> Command {
    Command::cargo_bin("dealtrack").unwrap()
}

fn stdout(args: &[&str]) -> String {
    let out = dealtrack().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The samples, with the undated German article dated the day after the Vietnamese one: two
/// dated reports of one trade negotiation, so that tracking merges them (undated articles only
/// merge where every figure agrees).
fn samples() -> &'static str {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
        for e in std::fs::read_dir(src).unwrap() {
            let p = e.unwrap().path();
            let mut text = std::fs::read_to_string(&p).unwrap();
            if p.file_name().unwrap().to_string_lossy().starts_with("001_") {
                text = format!("date 2025-11-15\n{text}");
            }
            std::fs::write(dir.path().join(p.file_name().unwrap()), text).unwrap();
        }
        dir
    });
    dir.path().to_str().unwrap()
}

/// The samples' deals per article, unmerged, as a file and as two part files of a directory.
fn unmerged(dir: &Path) -> (String, String) {
    let lines = stdout(&["extract", samples(), "--no-merge", "--format", "jsonl"]);
    let file = dir.join("deals.jsonl");
    std::fs::write(&file, &lines).unwrap();
    let parts = dir.join("out");
    std::fs::create_dir(&parts).unwrap();
    let all: Vec<&str> = lines.lines().collect();
    let (a, b) = all.split_at(all.len() / 2);
    std::fs::write(parts.join("part-00000"), a.join("\n") + "\n").unwrap();
    std::fs::write(parts.join("part-00001"), b.join("\n") + "\n").unwrap();
    std::fs::write(parts.join("_SUCCESS"), "").unwrap();
    std::fs::write(parts.join(".part-00000.crc"), "crc").unwrap();
    (file.display().to_string(), parts.display().to_string())
}

#[test]
fn tracking_over_deals_equals_tracking_over_articles() {
    let dir = tempfile::tempdir().unwrap();
    let (file, parts) = unmerged(dir.path());
    for fmt in ["jsonl", "csv", "json"] {
        let want = stdout(&["extract", samples(), "--format", fmt]);
        // Merging happened: the samples' trade agreement is one deal with two sources.
        assert_ne!(
            want,
            stdout(&["extract", samples(), "--format", fmt, "--no-merge"])
        );
        assert_eq!(
            stdout(&["extract", "--deals", &file, "--format", fmt]),
            want,
            "{fmt}"
        );
        assert_eq!(
            stdout(&["extract", "--deals", &parts, "--format", fmt]),
            want,
            "{fmt}"
        );
    }
    for cmd in ["summary", "check"] {
        let want = stdout(&[cmd, samples(), "--format", "csv"]);
        assert_eq!(
            stdout(&[cmd, "--deals", &parts, "--format", "csv"]),
            want,
            "{cmd}"
        );
    }
}

#[test]
fn a_bad_line_is_reported_and_the_other_deals_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = unmerged(dir.path());
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.insert_str(0, "{\"record\": \"deal\", \"id\": 7}\nnot json\n");
    std::fs::write(&file, text).unwrap();
    let want = stdout(&["extract", samples(), "--format", "csv"]);
    dealtrack()
        .args(["extract", "--deals", &file, "--format", "csv"])
        .assert()
        .code(2)
        .stdout(want)
        .stderr(contains(format!("{file}:1: not a deal")))
        .stderr(contains(format!("{file}:2: not a JSON object")));
}

#[test]
fn deals_are_no_input_for_amounts_nor_beside_paths() {
    dealtrack()
        .args(["amounts", "--deals", "x.jsonl"])
        .assert()
        .code(2)
        .stderr(contains("--deals holds deals only"));
    dealtrack()
        .args(["extract", samples(), "--deals", "x.jsonl"])
        .assert()
        .code(2)
        .stderr(contains("cannot be used with"));
}
