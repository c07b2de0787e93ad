//! The real-article dev set (`../shared/dev`) scored by the shared scorers, with floors that only
//! ever go up (a ratchet): a change that makes dealtrack read real news worse fails here. Raise a
//! floor when the work lands; never lower one. Skips when `../shared/dev` is not beside the checkout.

use std::path::Path;
use std::process::Command;

const DEV: &str = "../shared/dev";
/// Deal F1 of `extract --no-merge` on the dev set (0.862 at the tenth session's start; lowered
/// to 0.860 when "a consortium of A and B" began to be read: one dev article tells that award
/// twice and its gold takes the other telling, so the reading counts as an extra there; raised
/// to 0.861 at the twelfth session's end, measured 0.8619; 0.8619 again at the thirteenth's;
/// raised to 0.864 at the fourteenth's end, measured 0.8646; raised to 0.866 at the fifteenth's,
/// measured 0.8667; raised to 0.868 at the twenty-first's end, measured 0.8694).
const DEAL_F1_FLOOR: f64 = 0.868;
/// Totals found of 36 (measured 29 when last raised).
const TOTALS_FOUND_FLOOR: usize = 29;
/// Totals reported that the gold does not have: a ceiling that only ever goes down (measured 5).
const TOTALS_EXTRA_CEILING: usize = 5;
/// Matched deals whose provider, recipient or status is wrong: ceilings that only ever go down.
/// They were floors on the right ones until the thirty-seventh session; merging two tellings of
/// one deal can leave an optional gold deal unmatched, which lowered the right counts with no
/// field read worse, so the wrong ones are counted (measured 23, 25 and 31 of 225 matched).
const PROVIDER_WRONG_CEILING: usize = 23;
const RECIPIENT_WRONG_CEILING: usize = 25;
const STATUS_WRONG_CEILING: usize = 31;
/// Amount recall of `amounts` on the dev gold, percent (measured 100.0 when last raised).
const AMOUNT_RECALL_FLOOR: f64 = 99.5;

fn shared() -> Option<&'static Path> {
    let dev = Path::new(DEV);
    (dev.join("gold.json").exists() && Path::new("../shared/tools/score_deals.py").exists())
        .then_some(dev)
}

fn dealtrack_json(args: &[&str]) -> tempfile::NamedTempFile {
    let out = assert_cmd::Command::cargo_bin("dealtrack")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let f = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(f.path(), &out.stdout).unwrap();
    f
}

fn python(args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new("python3")
        .args(args)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn deals_on_real_articles_stay_above_the_floor() {
    let Some(dev) = shared() else {
        eprintln!("skipped: ../shared/dev is not beside the checkout");
        return;
    };
    let docs = dev.join("docs");
    let pred = dealtrack_json(&[
        "extract",
        "--no-merge",
        "--format",
        "json",
        docs.to_str().unwrap(),
    ]);
    let text = python(&[
        "../shared/tools/score_deals.py".as_ref(),
        dev.join("gold.json").as_os_str(),
        pred.path().as_os_str(),
    ]);
    eprintln!("{text}");
    let f1: f64 = text
        .lines()
        .find_map(|l| l.strip_prefix("deal F1 "))
        .and_then(|v| v.trim().parse().ok())
        .expect("scorer prints 'deal F1 x'");
    assert!(
        f1 >= DEAL_F1_FLOOR,
        "deal F1 {f1} fell below {DEAL_F1_FLOOR}"
    );
    let found: usize = text
        .lines()
        .find_map(|l| l.strip_prefix("totals: "))
        .and_then(|l| l.split_whitespace().next()?.parse().ok())
        .expect("scorer prints 'totals: N found'");
    assert!(
        found >= TOTALS_FOUND_FLOOR,
        "totals found {found} < {TOTALS_FOUND_FLOOR}"
    );
    let extra: usize = text
        .lines()
        .find_map(|l| l.strip_prefix("totals: "))
        .and_then(|l| {
            l.split(", ")
                .find_map(|p| p.strip_suffix(" extra")?.parse().ok())
        })
        .expect("scorer prints 'totals: … N extra'");
    assert!(
        extra <= TOTALS_EXTRA_CEILING,
        "extra totals {extra} > {TOTALS_EXTRA_CEILING}"
    );
    // "provider: N/M right": M - N matched deals have it wrong.
    let wrong = |field: &str| -> usize {
        text.lines()
            .find_map(|l| l.strip_prefix(field))
            .and_then(|l| {
                let (right, rest) = l.split_once('/')?;
                let matched: usize = rest.split_whitespace().next()?.parse().ok()?;
                Some(matched - right.parse::<usize>().ok()?)
            })
            .unwrap_or_else(|| panic!("scorer prints '{field}N/M right'"))
    };
    for (field, ceiling) in [
        ("provider: ", PROVIDER_WRONG_CEILING),
        ("recipient: ", RECIPIENT_WRONG_CEILING),
        ("status: ", STATUS_WRONG_CEILING),
    ] {
        let n = wrong(field);
        assert!(n <= ceiling, "{field}{n} wrong > {ceiling}");
    }
}

#[test]
fn amounts_on_real_articles_stay_above_the_floor() {
    let Some(dev) = shared() else {
        eprintln!("skipped: ../shared/dev is not beside the checkout");
        return;
    };
    let docs = dev.join("docs");
    let amounts = dealtrack_json(&["amounts", "--format", "json", docs.to_str().unwrap()]);
    let preds = tempfile::NamedTempFile::new().unwrap();
    let lines = python(&[
        "../shared/tools/amounts_to_preds.py".as_ref(),
        amounts.path().as_os_str(),
        docs.as_os_str(),
    ]);
    std::fs::write(preds.path(), lines).unwrap();
    let text = python(&[
        "../shared/tools/score_amounts.py".as_ref(),
        dev.join("gold.json").as_os_str(),
        docs.as_os_str(),
        preds.path().as_os_str(),
    ]);
    eprintln!("{text}");
    let overall = text
        .lines()
        .find(|l| l.starts_with("overall:"))
        .expect("scorer prints an overall line");
    let pct: f64 = overall
        .split('(')
        .nth(1)
        .and_then(|p| p.split('%').next())
        .and_then(|p| p.parse().ok())
        .expect("overall: recall a/b (x%)");
    assert!(
        pct >= AMOUNT_RECALL_FLOOR,
        "amount recall {pct}% < {AMOUNT_RECALL_FLOOR}%"
    );
}

/// "A$27 million two-year tranche" once read 23,000,002 and "$1.17 billion a year earlier"
/// 1,170,000,001: a word after the scale was added to the amount. On real articles, an amount
/// written with a scale word of a million or more is a whole number of thousands.
#[test]
fn no_amount_on_real_articles_departs_from_its_scale_word() {
    let Some(dev) = shared() else {
        eprintln!("skipped: ../shared/dev is not beside the checkout");
        return;
    };
    let docs = dev.join("docs");
    let out = dealtrack_json(&["amounts", "--format", "json", docs.to_str().unwrap()]);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path()).unwrap()).unwrap();
    let scale = regex::Regex::new(
        r"(?i)(million|milliard|billion|trillion|mio\b|mrd|triệu|tỷ|tỉ|\d(bn|m|mn)\b)",
    )
    .unwrap();
    let mut bad = Vec::new();
    let mut checked = 0;
    for a in json["amounts"].as_array().unwrap() {
        let text = a["text"].as_str().unwrap();
        let value: rust_decimal::Decimal = a["value"].as_str().unwrap().parse().unwrap();
        if scale.is_match(text) {
            checked += 1;
            if !(value % rust_decimal::Decimal::from(1000)).is_zero() {
                bad.push(format!("{}: {text:?} read {value}", a["source"]));
            }
        }
    }
    assert!(checked > 100, "only {checked} scaled amounts checked");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
