//! Walking directories as ripgrep does (issue 11): hidden files, `.git` and `.gitignore`d paths
//! skipped and counted once, `--hidden` / `--no-ignore` to include them, the run's own output never
//! read back, and no silent wait on a terminal.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

const ARTICLE: &str =
    "Boeing signed a $1.5 billion contract with Kestrel Airways for 36 aircraft.\n";

fn dealtrack() -> Command {
    let mut c = Command::cargo_bin("dealtrack").unwrap();
    c.env_remove("RUST_LOG");
    c
}

/// in/a.txt and in/sub/e.txt are read; in/.hidden.txt, in/.hid/b.txt, in/.git/c.txt and the
/// gitignored in/ign/d.txt are not (four entries skipped, plus the .gitignore file itself).
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("in");
    for (name, text) in [
        ("a.txt", ARTICLE),
        ("sub/e.txt", ARTICLE),
        (".hidden.txt", ARTICLE),
        (".hid/b.txt", ARTICLE),
        (".git/c.txt", ARTICLE),
        ("ign/d.txt", ARTICLE),
        (".gitignore", "ign/\n"),
    ] {
        let p = root.join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    dir
}

/// The file names (after the input directory) that the deals of a --no-merge run come from.
fn sources(dir: &Path, extra: &[&str]) -> (Vec<String>, String) {
    let out = dealtrack()
        .current_dir(dir)
        .args(["extract", "--format", "csv", "--no-merge"])
        .args(extra)
        .arg("in")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut v: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().to_string())
        .collect();
    v.sort();
    (v, String::from_utf8(out.stderr).unwrap())
}

#[test]
fn hidden_git_and_ignored_files_are_skipped_and_counted_once() {
    let dir = tree();
    let (got, err) = sources(dir.path(), &[]);
    assert_eq!(got, ["in/a.txt", "in/sub/e.txt"]);
    assert_eq!(
        err.trim_end(),
        "dealtrack: note: 5 hidden or ignored files or directories skipped \
         (--hidden / --no-ignore to include them)",
        "one line, no warning per file"
    );
}

#[test]
fn hidden_and_no_ignore_include_them() {
    let dir = tree();
    let (got, err) = sources(dir.path(), &["--hidden"]);
    // .git stays out with --hidden alone (as in ripgrep); .gitignore is read and is not text.
    assert_eq!(
        got,
        [
            "in/.hid/b.txt",
            "in/.hidden.txt",
            "in/a.txt",
            "in/sub/e.txt"
        ]
    );
    assert!(
        err.contains("2 hidden or ignored files or directories skipped"),
        "{err}"
    );
    assert!(err.contains(".gitignore: skipped (not .txt"), "{err}");
    let (got, _) = sources(dir.path(), &["--no-ignore"]);
    assert_eq!(got, ["in/a.txt", "in/ign/d.txt", "in/sub/e.txt"]);
    let (got, _) = sources(dir.path(), &["--hidden", "--no-ignore"]);
    assert_eq!(
        got,
        [
            "in/.git/c.txt",
            "in/.hid/b.txt",
            "in/.hidden.txt",
            "in/a.txt",
            "in/ign/d.txt",
            "in/sub/e.txt"
        ]
    );
}

#[test]
fn nothing_skipped_means_no_note() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/a.txt"), ARTICLE).unwrap();
    let (got, err) = sources(dir.path(), &[]);
    assert_eq!(got, ["in/a.txt"]);
    assert_eq!(err, "");
}

#[test]
fn the_output_file_inside_an_input_directory_is_never_read_back() {
    let dir = tree();
    let run = || {
        dealtrack()
            .current_dir(dir.path())
            .args(["extract", "--format", "jsonl", "--no-merge", "in", "-o"])
            .arg(dir.path().join("in/sub/../deals.jsonl")) // another spelling of in/deals.jsonl
            .assert()
            .code(0)
    };
    run().stderr(contains("deals.jsonl").not());
    let first = fs::read(dir.path().join("in/deals.jsonl")).unwrap();
    // The second run finds the first one's output in its input directory and leaves it out.
    run().stderr(contains("in/deals.jsonl: skipped (the output of this run)"));
    let second = fs::read(dir.path().join("in/deals.jsonl")).unwrap();
    assert_eq!(first, second);
    assert_eq!(String::from_utf8(second).unwrap().lines().count(), 2);
}

#[test]
fn a_report_directory_inside_the_input_is_not_read() {
    let dir = tree();
    for _ in 0..2 {
        dealtrack()
            .current_dir(dir.path())
            .args([
                "report",
                "in",
                "--date",
                "2026-11-23",
                "--out",
                "in/reports",
            ])
            .assert()
            .code(0);
    }
    // report.md of the first run would be an article of the second: the deals are the same.
    let csv = fs::read_to_string(dir.path().join("in/reports/2026-11-23/deals.csv")).unwrap();
    assert!(!csv.contains("report.md"), "{csv}");
}

#[test]
fn the_temporary_directory_of_a_killed_report_is_removed_by_the_next_run() {
    let dir = tree();
    let out = dir.path().join("reports");
    fs::create_dir(&out).unwrap();
    // What SIGKILL leaves (tests/robustness.rs makes one for real): a process number that no
    // process has (above the kernel's pid_max), and one of a running process (this test's).
    let stale = out.join(".2026-11-20.4999999.AbC123.tmp");
    let stale_old = out.join(".old.4999999.XyZ789");
    let live = out.join(format!(".2026-11-20.{}.QqQ111.tmp", std::process::id()));
    let other = out.join(".keep-me");
    for d in [&stale, &stale_old, &live, &other] {
        fs::create_dir(d).unwrap();
        fs::write(d.join("deals.csv"), "partial").unwrap();
    }
    dealtrack()
        .args(["report", "--date", "2026-11-23", "--out"])
        .arg(&out)
        .arg(dir.path().join("in"))
        .assert()
        .code(0);
    assert!(!stale.exists() && !stale_old.exists(), "stale ones removed");
    assert!(live.exists(), "a running process's directory is kept");
    assert!(other.exists(), "what dealtrack did not make is kept");
    assert!(out.join("2026-11-23/deals.csv").exists());
}

#[test]
fn no_path_and_a_terminal_on_stdin_is_an_error_not_a_wait() {
    // A pseudo-terminal on stdin through script(1), where it is installed.
    let Ok(st) = std::process::Command::new("script")
        .arg("--version")
        .output()
    else {
        eprintln!("note: script(1) missing; skipped");
        return;
    };
    if !st.status.success() {
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("dealtrack");
    let out = std::process::Command::new("timeout")
        .args(["20", "script", "-qec"])
        .arg(format!("{} extract --format csv", bin.display()))
        .arg("/dev/null")
        .stdin(std::process::Stdio::piped())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("no input: give files or directories to read"),
        "{out:?}"
    );
    assert_ne!(out.status.code(), Some(124), "it waited");
    // Piped stdin is read as before.
    dealtrack()
        .args(["extract", "--format", "csv", "--lang", "en"])
        .write_stdin(ARTICLE)
        .assert()
        .code(0)
        .stdout(contains("Kestrel Airways"));
}
