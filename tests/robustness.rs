//! Odd and hostile inputs and outputs, one test per row of docs/robustness.md.
//!
//! Big inputs are generated in a temporary directory at test time; tests/fixtures holds only tiny
//! files. The tests run as root in CI, so "unreadable" is simulated with paths root cannot read
//! either (a dangling symlink, /proc/self/mem, a file used as a directory), not with chmod.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use dealtrack::read::{self, Decoded, Event, InputFormat, Reader};
use predicates::prelude::*;
use predicates::str::contains;
use unicode_normalization::UnicodeNormalization;

const VI: &str = "Hãng hàng không Kestrel Airways đã ký hợp đồng mua 36 máy bay Boeing 737 MAX \
với tổng giá trị khoảng 6 tỷ USD. Theo thỏa thuận, các máy bay sẽ được giao từ năm 2027. \
Bộ trưởng Bộ Công Thương cho biết hai bên nhất trí tăng cường hợp tác kinh tế, thương mại và \
đầu tư, hướng tới quan hệ đối tác chiến lược toàn diện.";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn dealtrack() -> Command {
    let mut c = Command::cargo_bin("dealtrack").unwrap();
    c.env_remove("RUST_LOG");
    c
}

/// Vietnamese text as Windows-1258 writes it: base letters (ơ, ư, ă, â, ê, ô, đ) precomposed,
/// tone marks as separate combining characters.
fn windows_1258(text: &str) -> Vec<u8> {
    let enc = encoding_rs::WINDOWS_1258;
    let mut out = Vec::new();
    let encode = |s: &str| {
        let (b, _, unmappable) = enc.encode(s);
        (!unmappable).then(|| b.into_owned())
    };
    for c in text.chars() {
        let nfd: Vec<char> = c.to_string().nfd().collect();
        // The base letter with the one mark Windows-1258 has precomposed (ơ, â, ă, …), if any.
        let mut best: Option<(Vec<u8>, usize)> = None;
        for (i, m) in nfd.iter().enumerate().skip(1) {
            let two: String = [nfd[0], *m].iter().collect::<String>().nfc().collect();
            if two.chars().count() == 1 {
                if let Some(b) = encode(&two) {
                    best = Some((b, i));
                    break;
                }
            }
        }
        let (mut bytes, used) = match best {
            Some((b, i)) => (b, i),
            None => (encode(&nfd[0].to_string()).expect("base encodable"), 0),
        };
        for (i, m) in nfd.iter().enumerate().skip(1) {
            if i != used {
                bytes.extend(encode(&m.to_string()).expect("mark encodable"));
            }
        }
        out.extend(bytes);
    }
    out
}

#[test]
fn windows_1258_vietnamese_is_detected_decoded_and_nfc() {
    let bytes = windows_1258(VI);
    assert!(std::str::from_utf8(&bytes).is_err());
    match read::decode(Path::new("vi.txt"), &bytes).unwrap() {
        Decoded::Legacy { text, encoding } => {
            assert_eq!(encoding, "windows-1258");
            assert_eq!(text, VI);
        }
        other => panic!("{other:?}"),
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("vi.txt");
    fs::write(&p, &bytes).unwrap();
    dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(&p)
        .assert()
        .code(0)
        .stderr(contains(
            "vi.txt: not UTF-8; decoded as windows-1258 (detected)",
        ));
    // Forced: no detection, no warning.
    dealtrack()
        .args(["extract", "--format", "csv", "--encoding", "windows-1258"])
        .arg(&p)
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
}

#[test]
fn utf16_with_bom_is_decoded() {
    for (bom, le) in [([0xffu8, 0xfe], true), ([0xfe, 0xff], false)] {
        let mut bytes = bom.to_vec();
        for u in VI.encode_utf16() {
            bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        assert_eq!(
            read::decode(Path::new("x"), &bytes).unwrap(),
            Decoded::Text(VI.to_string())
        );
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("u16.txt");
        fs::write(&p, &bytes).unwrap();
        dealtrack()
            .args(["extract", "--format", "csv"])
            .arg(&p)
            .assert()
            .code(0)
            .stderr(predicate::str::is_empty());
    }
}

#[test]
fn corrupt_utf8_is_an_error_naming_file_and_byte_and_others_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = VI.as_bytes().to_vec();
    bytes.insert(20, 0xff);
    fs::write(dir.path().join("a_bad.txt"), &bytes).unwrap();
    fs::write(dir.path().join("b_good.txt"), VI).unwrap();
    dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("a_bad.txt: invalid UTF-8 at byte 20"));
    let docs = Reader::new(&[dir.path().to_path_buf()], InputFormat::Auto)
        .filter(|e| matches!(e, Event::Doc(_)))
        .count();
    assert_eq!(docs, 1, "the good file is still read");
}

#[test]
fn bom_and_crlf_header_is_parsed() {
    let ev = read::text_document(
        Path::new("x.txt"),
        &fs::read(fixture("bom_crlf.txt")).unwrap(),
    );
    let Event::Doc(d) = ev else { panic!("{ev:?}") };
    assert_eq!(d.published, Some(jiff::civil::date(2024, 5, 6)));
    assert_eq!(d.title.as_deref(), Some("BOM and CRLF"));
    assert!(d.body().starts_with("\r\nVietnam Airlines"));
    dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(fixture("bom_crlf.txt"))
        .assert()
        .code(0);
}

#[test]
fn big_file_without_newline_is_read() {
    // 8 MB in one line in CI (a debug build); DEALTRACK_BIG_MB=200 for the by-hand run in docs/robustness.md.
    let mb: usize = std::env::var("DEALTRACK_BIG_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.txt");
    let unit = "Boeing signed a $1.5 billion contract with Kestrel Airways. ";
    let mut f = std::io::BufWriter::new(fs::File::create(&p).unwrap());
    for _ in 0..(mb << 20) / unit.len() {
        f.write_all(unit.as_bytes()).unwrap();
    }
    f.flush().unwrap();
    drop(f);
    dealtrack()
        .args(["extract", "--format", "csv", "--lang", "en"])
        .arg(&p)
        .timeout(Duration::from_secs(300))
        .assert()
        .code(0);
}

#[test]
fn empty_file_gives_header_only() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.txt");
    fs::write(&p, "").unwrap();
    dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(&p)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("id,source,"))
        .stderr(predicate::str::is_empty());
}

#[test]
fn binary_file_is_skipped_with_a_warning() {
    dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(fixture("binary.txt"))
        .assert()
        .code(0)
        .stderr(contains("binary.txt: skipped (binary file, not text)"));
}

#[test]
fn bad_jsonl_lines_are_errors_naming_file_and_line_and_others_are_read() {
    let p = fixture("bad_lines.jsonl");
    dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(contains("bad_lines.jsonl:2: not a JSON object"))
        .stderr(contains("bad_lines.jsonl:3: no \"text\" or \"html\" field"));
    let sources: Vec<String> = Reader::new(&[p], InputFormat::Auto)
        .filter_map(|e| match e {
            Event::Doc(d) => Some(d.id.unwrap_or_default()),
            _ => None,
        })
        .collect();
    assert_eq!(sources, ["1", "4"]);
}

#[test]
fn missing_path_and_dangling_symlink_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("dangling.txt");
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), &link).unwrap();
    dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(dir.path().join("missing.txt"))
        .arg(&link)
        .assert()
        .code(2)
        .stderr(contains("missing.txt: No such file or directory"))
        .stderr(contains("dangling.txt: No such file or directory"));
    // Inside a directory, a dangling link is skipped with a warning.
    dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(contains("dangling.txt: skipped (not a regular file"));
}

#[test]
fn unreadable_file_is_an_error_and_others_are_read() {
    // Root can open /proc/self/mem but reading it at offset 0 fails (EIO): an unreadable file.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.txt"), VI).unwrap();
    dealtrack()
        .args(["extract", "--format", "csv"])
        .arg("/proc/self/mem")
        .arg(dir.path().join("ok.txt"))
        .arg(dir.path().join("ok.txt/not-a-dir.txt"))
        .assert()
        .code(2)
        .stderr(contains("/proc/self/mem: Input/output error"))
        .stderr(contains("not-a-dir.txt: Not a directory"));
}

#[test]
fn fifo_in_a_directory_is_skipped_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let ok = StdCommand::new("mkfifo").arg(&fifo).status();
    if !ok.is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(dir.path())
        .timeout(Duration::from_secs(20))
        .assert()
        .code(0)
        .stderr(contains("pipe.txt: skipped (not a regular file"));
}

fn write_to(out: &Path) -> assert_cmd::assert::Assert {
    dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(fixture("bom_crlf.txt"))
        .arg("-o")
        .arg(out)
        .assert()
}

#[test]
fn output_into_missing_dir_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write_to(&dir.path().join("no/such/dir/out.csv"))
        .code(2)
        .stderr(contains("out.csv: No such file or directory"));
}

#[test]
fn output_under_a_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("plain");
    fs::write(&f, "x").unwrap();
    write_to(&f.join("out.csv"))
        .code(2)
        .stderr(contains("out.csv: Not a directory"));
}

#[test]
fn output_in_read_only_place_is_an_error() {
    // Root may write anywhere on disk, but not create files in /proc.
    write_to(Path::new("/proc/dealtrack-out.csv"))
        .code(2)
        .stderr(contains("/proc/dealtrack-out.csv:"));
}

#[test]
fn disk_full_is_an_error() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    write_to(Path::new("/dev/full"))
        .code(2)
        .stderr(contains("/dev/full: No space left on device"));
    assert!(
        fs::metadata("/dev/full").is_ok_and(|m| !m.is_file()),
        "device intact"
    );
}

#[test]
fn closed_stdout_pipe_is_not_an_error() {
    // Small output fails at the last flush; large output fails inside the CSV writer, whose errors
    // reach `main` wrapped in an `io::Error` of another kind. Both must end quietly with 0.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("many.txt");
    fs::write(&big, format!("{VI}\n\n").repeat(3000)).unwrap();
    for (format, input) in [
        ("csv", fixture("bom_crlf.txt")),
        ("csv", big.clone()),
        ("jsonl", big.clone()),
    ] {
        for args in [
            vec!["extract", "--no-merge", "--format", format],
            vec!["amounts", "--format", format],
        ] {
            let mut child = StdCommand::new(env!("CARGO_BIN_EXE_dealtrack"))
                .args(&args)
                .arg(&input)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            drop(child.stdout.take());
            let out = child.wait_with_output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{args:?} {}: {}",
                input.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// Child side of the signal tests: writes an atomic file and waits to be killed.
#[test]
fn signal_child_helper() {
    let Ok(dir) = std::env::var("DEALTRACK_SIGNAL_CHILD") else {
        return;
    };
    let path = Path::new(&dir).join("out.csv");
    let mut f = dealtrack::render::output::AtomicFile::create(&path).unwrap();
    f.write_all(b"half-written new output").unwrap();
    f.flush().unwrap();
    println!("ready");
    std::io::stdout().flush().unwrap();
    std::thread::sleep(Duration::from_secs(60));
    panic!("not killed");
}

fn interrupted(signal: &str) -> (Option<i32>, Vec<String>, String) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("out.csv"), "old output").unwrap();
    let mut child = StdCommand::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "signal_child_helper",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("DEALTRACK_SIGNAL_CHILD", dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    loop {
        line.clear();
        let n = std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
        assert!(n > 0, "child ended before it was ready");
        if line.trim_end().ends_with("ready") {
            break;
        }
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        2,
        "temp file exists"
    );
    let st = StdCommand::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    let status = child.wait().unwrap();
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let old = fs::read_to_string(dir.path().join("out.csv")).unwrap();
    (status.code(), names, old)
}

#[test]
fn sigint_during_write_keeps_old_output_and_removes_temp_file() {
    let (code, names, old) = interrupted("-INT");
    assert_eq!(code, Some(130));
    assert_eq!(names, ["out.csv"]);
    assert_eq!(old, "old output");
}

#[test]
fn sigterm_during_write_keeps_old_output_and_removes_temp_file() {
    let (code, names, old) = interrupted("-TERM");
    assert_eq!(code, Some(130));
    assert_eq!(names, ["out.csv"]);
    assert_eq!(old, "old output");
}

#[test]
fn sigkill_during_write_keeps_old_output() {
    // Nothing can run on SIGKILL: the temporary file stays (a hidden `.out.csv.*.tmp`).
    let (code, names, old) = interrupted("-KILL");
    assert_eq!(code, None);
    assert_eq!(old, "old output");
    assert_eq!(names.len(), 2);
    assert!(names[0].starts_with(".out.csv.") && names[0].ends_with(".tmp"));
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut jsonl = String::new();
    for i in 0..3000 {
        let text = match i % 3 {
            0 => VI.to_string(),
            1 => format!("Siemens erhielt einen Auftrag über {i} Millionen Euro."),
            _ => format!("Boeing signed a ${i} million contract."),
        };
        jsonl.push_str(&serde_json::json!({"id": i, "text": text}).to_string());
        jsonl.push('\n');
        if i % 500 == 7 {
            jsonl.push_str("{broken\n");
        }
    }
    let p = dir.path().join("c.jsonl");
    fs::write(&p, jsonl).unwrap();
    let run = |jobs: &str| {
        let out = dealtrack()
            .args(["extract", "--format", "jsonl", "--jobs", jobs])
            .arg(&p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        (out.stdout, out.stderr)
    };
    let one = run("1");
    assert_eq!(run("2"), one);
    assert_eq!(run("4"), one);
}

#[test]
fn decomposed_text_is_normalised_to_nfc() {
    let nfd: String = VI.nfd().collect();
    assert_ne!(nfd, VI);
    assert_eq!(
        read::decode(Path::new("x"), nfd.as_bytes()).unwrap(),
        Decoded::Text(VI.to_string())
    );
}

#[test]
fn other_extensions_in_a_directory_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("x.pdf"), "%PDF").unwrap();
    fs::write(dir.path().join("a.txt"), VI).unwrap();
    dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(contains(
            "x.pdf: skipped (not .txt, .md, .jsonl, .html, .htm, .warc or .warc.gz)",
        ));
}

#[test]
fn forced_utf8_makes_legacy_text_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("vi.txt");
    fs::write(&p, windows_1258(VI)).unwrap();
    dealtrack()
        .args(["extract", "--format", "csv", "--encoding", "utf-8"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(contains("vi.txt: invalid UTF-8 at byte"));
}

#[test]
fn output_to_a_device_is_written_in_place() {
    dealtrack()
        .args(["extract", "--format", "csv", "-o", "/dev/stdout"])
        .arg(fixture("bom_crlf.txt"))
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("id,source,"));
    assert!(fs::metadata("/dev/stdout").is_ok());
}

/// Runs `report` over the samples into `dir` (already holding a report of the same date), stops
/// it after it has written `files` files of the new one, and sends `signal`.
fn interrupted_report(signal: &str, files: usize) -> (Option<i32>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("dealtrack");
    let st = StdCommand::new(&bin)
        .args(["report", "data/samples", "--date", "2026-11-23", "--out"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(st.success());
    // The second run reads other input, so a half-replaced report would show.
    let mut child = StdCommand::new(&bin)
        .args([
            "report",
            "tests/fixtures/check",
            "--date",
            "2026-11-23",
            "--out",
        ])
        .arg(dir.path())
        .env("DEALTRACK_REPORT_STALL_AFTER", files.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    loop {
        line.clear();
        let n = std::io::BufRead::read_line(&mut err, &mut line).unwrap();
        assert!(n > 0, "report ended before it stalled");
        if line.contains("stalled") {
            break;
        }
    }
    let st = StdCommand::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    (child.wait().unwrap().code(), dir)
}

fn report_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
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

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn sigint_during_report_keeps_the_previous_report_and_removes_the_temporary_directory() {
    let (code, dir) = interrupted_report("-INT", 2);
    assert_eq!(code, Some(130));
    assert_eq!(names_in(dir.path()), ["2026-11-23", "latest"]);
    let committed = report_files(Path::new("reports/2026-11-23"));
    assert_eq!(report_files(&dir.path().join("2026-11-23")), committed);
}

#[test]
fn sigkill_during_report_keeps_the_previous_report() {
    let (code, dir) = interrupted_report("-KILL", 3);
    assert_eq!(code, None);
    let committed = report_files(Path::new("reports/2026-11-23"));
    assert_eq!(report_files(&dir.path().join("2026-11-23")), committed);
    // Nothing can clean up after SIGKILL: the hidden temporary directory stays, and the next run
    // neither minds nor reads it.
    let names = names_in(dir.path());
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names[0].starts_with(".2026-11-23.") && names[0].ends_with(".tmp"));
}

#[test]
fn report_into_a_place_that_cannot_be_written_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file.txt");
    fs::write(&file, "x").unwrap();
    for out in [
        file.join("reports"),
        PathBuf::from("/proc/dealtrack-reports"),
    ] {
        dealtrack()
            .args(["report", "data/samples", "--date", "2026-11-23", "--out"])
            .arg(&out)
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains(out.display().to_string()));
    }
}

/// Inputs the fuzzers found crashing (fuzz/artifacts), kept so they never crash again.
#[test]
fn fuzz_findings_stay_fixed() {
    use dealtrack::amount::{amounts, max_amount};
    use dealtrack::lang::Lang;
    use rust_decimal::Decimal;
    // A 27-digit number with "K" then a 38-digit one: the scale multiplication overflowed Decimal.
    let bytes = fs::read(fixture("fuzz/amount-decimal-overflow.txt")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    for lang in [Lang::Vi, Lang::De, Lang::En] {
        assert!(
            amounts(&text, lang).is_empty(),
            "{lang:?}: no amount in runaway digits"
        );
    }
    // The bound is inclusive and real figures pass: 37,2 tỷ USD, and 10^21 itself.
    let found = amounts("Tổng giá trị là 37,2 tỷ USD.", Lang::Vi);
    assert_eq!(found[0].value, Decimal::from(37_200_000_000u64));
    let at_bound = amounts("$1,000,000,000,000,000,000,000", Lang::En);
    assert_eq!(at_bound[0].value, max_amount());
    assert!(amounts("$1,000,000,000,000,000,000,001", Lang::En).is_empty());
    assert!(amounts("999999999999999999 billion dollars", Lang::En).is_empty());
}

/// The samples copied into a fresh directory, plus `extra` files.
fn samples_with(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    for e in fs::read_dir(samples).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    for (name, text) in extra {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn extract_csv(dir: &Path, out: &Path, marker: Option<&str>) -> std::process::Output {
    let mut c = dealtrack();
    c.args(["extract", "--no-merge", "--format", "csv", "-o"])
        .arg(out)
        .arg(dir);
    if let Some(m) = marker {
        c.env("DEALTRACK_FAULT_MARKER", m);
    }
    c.output().unwrap()
}

/// Rows of a CSV output without the `source` column's directory part, sorted.
fn rows(path: &Path) -> Vec<String> {
    let mut r: Vec<String> = fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect();
    r.sort();
    r
}

#[test]
fn the_fuzzed_german_compound_panic_costs_nothing() {
    // Two triggers in one hyphenated word once moved an anchor's start before the previous
    // anchor's end; the realistic variants below are the same shape in running text.
    let inputs = [
        "(u Bestellung-Deal sa",
        "Die Bestellung-Deal-Vereinbarung wurde gestern unterzeichnet.",
        "Der Liefervertrag-Auftrag über 20 Busse ging an MAN.",
    ];
    for (k, text) in inputs.iter().enumerate() {
        let name = format!("odd_{k}.txt");
        let dir = samples_with(&[(&name, text)]);
        let plain = samples_with(&[]);
        let outs = tempfile::tempdir().unwrap();
        let (a, b) = (outs.path().join("a.csv"), outs.path().join("b.csv"));
        let out = extract_csv(dir.path(), &a, None);
        assert_eq!(out.status.code(), Some(0), "{text}: {out:?}");
        assert!(extract_csv(plain.path(), &b, None).status.success());
        let with_odd: Vec<String> = rows(&a)
            .into_iter()
            .filter(|r| !r.contains("odd_"))
            .collect();
        assert_eq!(with_odd.len(), rows(&b).len(), "{text}");
        assert!(rows(&b).len() >= 10, "every sample deal is written");
    }
}

#[test]
#[cfg(debug_assertions)]
fn a_panicking_article_is_reported_and_the_run_goes_on() {
    let marker = "FAULT-INJECTION-MARKER-7";
    let bad = format!("Vietnam Airlines ký hợp đồng mua 5 máy bay. {marker}");
    let dir = samples_with(&[("zz_bad.txt", &bad)]);
    let plain = samples_with(&[]);
    let outs = tempfile::tempdir().unwrap();
    let (a, b) = (outs.path().join("a.csv"), outs.path().join("b.csv"));
    let out = extract_csv(dir.path(), &a, Some(marker));
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {err}");
    assert!(lines[0].contains("zz_bad.txt: internal error, article skipped: fault injected"));
    assert!(!err.contains("panicked"), "{err}");
    // The output file holds every other article's deals, as a run without the bad article.
    assert!(extract_csv(plain.path(), &b, Some(marker)).status.success());
    let strip = |v: Vec<String>, d: &Path| -> Vec<String> {
        let d = d.display().to_string();
        // The id column depends on the path until ids are path-free: compare the rest.
        let mut v: Vec<String> = v
            .into_iter()
            .map(|r| r.split_once(',').unwrap().1.replace(&d, ""))
            .collect();
        v.sort();
        v
    };
    assert_eq!(strip(rows(&a), dir.path()), strip(rows(&b), plain.path()));
    assert!(rows(&b).len() >= 10);

    // JSON Lines: the error names the file and line.
    let jsonl = outs.path().join("in.jsonl");
    fs::write(
        &jsonl,
        format!("{{\"id\":\"a\",\"text\":\"ok\"}}\n{{\"id\":\"b\",\"text\":\"{marker}\"}}\n"),
    )
    .unwrap();
    let out = dealtrack()
        .args(["extract", "--format", "csv"])
        .arg(&jsonl)
        .env("DEALTRACK_FAULT_MARKER", marker)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("in.jsonl:2: internal error"));
}
