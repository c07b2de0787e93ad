//! The bundled samples against the shared gold (`../shared/gold/seeds.json`), scored by the shared
//! scorer: every deal found, nothing extra, every attribute right, the announced total found.

use std::path::Path;
use std::process::Command;

#[test]
fn samples_score_perfectly_against_gold() {
    let gold = Path::new("../shared/gold/seeds.json");
    let scorer = Path::new("../shared/tools/score_deals.py");
    if !gold.exists() || !scorer.exists() {
        eprintln!("skipped: ../shared (gold and scorer) is not beside the checkout");
        return;
    }
    let out = assert_cmd::Command::cargo_bin("dealtrack")
        .unwrap()
        .args(["extract", "--format", "json", "data/samples"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.json");
    std::fs::write(&pred, seeds_convention(&out.stdout)).unwrap();
    let score = Command::new("python3")
        .arg(scorer)
        .arg(gold)
        .arg(&pred)
        .arg("--verbose")
        .output()
        .expect("python3 runs the shared scorer");
    let text = String::from_utf8_lossy(&score.stdout);
    eprintln!("{text}");
    assert!(text.contains("deal F1 1.000"), "deal F1 below 1:\n{text}");
    assert!(
        text.contains("totals: 1 found, 0 missed, 0 extra"),
        "{text}"
    );
    for line in text.lines().filter(|l| l.ends_with(" right")) {
        let (ok, n) = line
            .split_whitespace()
            .nth(1)
            .and_then(|f| f.split_once('/'))
            .expect("attribute line: 'name: k/n right'");
        assert_eq!(ok, n, "attribute not all right: {line}");
    }
}

/// The seeds gold was written before `ANNOTATION.md` of the dev set, which names a state on the
/// side that provides as its government ("Government of India"); the seeds gold names the state
/// ("United States"). The tool follows the later convention; this maps its "Government of (the)
/// X" back to "X" for the seeds gold, and changes nothing else.
fn seeds_convention(json: &[u8]) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(json).unwrap();
    let plain = |s: &str| {
        s.strip_prefix("Government of ")
            .map(|r| r.strip_prefix("the ").unwrap_or(r).to_string())
    };
    for d in v["deals"].as_array_mut().unwrap() {
        if let Some(p) = d["provider"].as_str().and_then(plain) {
            d["provider"] = p.into();
        }
        for party in d["parties"].as_array_mut().unwrap() {
            if let Some(p) = party.as_str().and_then(plain) {
                *party = p.into();
            }
        }
    }
    serde_json::to_vec(&v).unwrap()
}
