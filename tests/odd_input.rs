//! Odd input found by trying it as a new user would (issue 11), one test each: ASCII text with
//! stray bytes, UTF-16 without a byte order mark, a JSON Lines record with a malformed date.
//! (A report's temporary directory left by a killed run: `tests/cli_walk.rs`.)

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use dealtrack::read::{Decoded, decode};
use predicates::str::contains;

const EN: &str = "Boeing signed a $1.5 billion contract with Nordmark Airways for 36 aircraft. \
The deal was announced in Hanoi on Tuesday, officials said. ";

fn dealtrack() -> Command {
    let mut c = Command::cargo_bin("dealtrack").unwrap();
    c.env_remove("RUST_LOG");
    c
}

#[test]
fn ascii_with_two_stray_bytes_is_utf8_with_replacement_and_one_warning() {
    let mut bytes = EN.repeat(10).into_bytes();
    bytes.insert(300, 0xfd); // "ı" in Windows-1254, "ý" in 1252: nothing to guess from
    bytes.insert(900, 0xfe);
    bytes.insert(901, b' ');
    match decode(Path::new("a.txt"), &bytes).unwrap() {
        Decoded::Lossy { text, stray, first } => {
            assert_eq!((stray, first), (2, 300));
            assert_eq!(text.matches('\u{fffd}').count(), 2);
            assert!(text.starts_with("Boeing signed"));
        }
        other => panic!("guessed a legacy encoding: {other:?}"),
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    fs::write(&p, &bytes).unwrap();
    let out = dealtrack()
        .args(["extract", "--format", "csv", "--lang", "en"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(
            "a.txt: not valid UTF-8: 2 stray bytes, the first at byte 300; decoded as UTF-8"
        ),
        "{err}"
    );
    assert!(!err.contains("windows-"), "{err}");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Nordmark Airways")
    );
}

#[test]
fn real_legacy_text_is_still_detected() {
    // German in Windows-1252: every high byte is a letter inside a word.
    let de = "Die Müller GmbH unterzeichnete einen Vertrag über 5 Mio. Euro für größere Züge.";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(de);
    match decode(Path::new("de.txt"), &bytes).unwrap() {
        Decoded::Legacy { text, .. } => assert_eq!(text, de),
        other => panic!("{other:?}"),
    }
    // English with curly quotes and a dash, as Word saves it.
    let en = "“We signed it,” the minister said – a $2 billion deal’s first step.";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(en);
    match decode(Path::new("en.txt"), &bytes).unwrap() {
        Decoded::Legacy { text, .. } => assert_eq!(text, en),
        other => panic!("{other:?}"),
    }
}

#[test]
fn utf16_without_a_byte_order_mark_is_detected_and_decoded() {
    let vi = "Hãng hàng không Nordmark Airways đã ký hợp đồng mua 36 máy bay Boeing 737 MAX \
              với tổng giá trị khoảng 6 tỷ USD.";
    for big_endian in [false, true] {
        let bytes: Vec<u8> = vi
            .encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect();
        assert_eq!(
            decode(Path::new("x.txt"), &bytes).unwrap(),
            Decoded::Text(vi.to_string()),
            "big endian: {big_endian}"
        );
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("vi.txt");
        fs::write(&p, &bytes).unwrap();
        dealtrack()
            .args(["extract", "--format", "csv"])
            .arg(&p)
            .assert()
            .code(0)
            .stderr("")
            .stdout(contains("6000000000,USD"));
    }
    // A binary file is still binary.
    let bin: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    assert_eq!(decode(Path::new("b"), &bin).unwrap(), Decoded::Binary);
}

#[test]
fn a_jsonl_record_with_a_malformed_date_keeps_its_text_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.jsonl");
    let lines = [
        serde_json::json!({"id": "a", "date": "19/02/2025", "text": EN}),
        serde_json::json!({"id": "b", "date": "2025-02-19", "text": "Airbus signed a contract with Vietjet for 20 aircraft."}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    fs::write(&p, body).unwrap();
    let out = dealtrack()
        .args(["extract", "--format", "csv", "--lang", "en", "--no-merge"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "a warning, not an error");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.trim_end(),
        "dealtrack: warning: ".to_string()
            + &p.display().to_string()
            + ":1: \"date\" is not YYYY-MM-DD: \"19/02/2025\"; read without a date"
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let row_a = csv.lines().find(|l| l.contains("a.jsonl#a,")).expect(&csv);
    assert!(row_a.contains("Nordmark Airways"), "{row_a}");
    assert!(row_a.contains("a.jsonl#a,,en,"), "undated: {row_a}");
    assert!(csv.contains("a.jsonl#b,2025-02-19,"), "{csv}");
}
