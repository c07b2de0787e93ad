//! Tracking as a user meets it: stable ids whatever the path's spelling, and the same deals, totals
//! and summary for any reading order of the articles.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn dealtrack() -> Command {
    Command::cargo_bin("dealtrack").unwrap()
}

fn ids(args: &[&str], stdin: Option<Vec<u8>>, dir: &Path) -> Vec<String> {
    let mut c = dealtrack();
    c.current_dir(dir)
        .args(["extract", "--format", "json"])
        .args(args);
    if let Some(s) = stdin {
        c.write_stdin(s);
    }
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["deals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ids_do_not_depend_on_how_the_path_is_written_or_on_stdin() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let file = "data/samples/002_e165b3d44af3195c.txt";
    let abs = root.join(file);
    let plain = ids(&[file], None, &root);
    assert!(plain.len() >= 5, "{plain:?}");
    assert_eq!(ids(&[&format!("./{file}")], None, &root), plain);
    assert_eq!(ids(&[abs.to_str().unwrap()], None, &root), plain);
    let from_data = ids(
        &["samples/002_e165b3d44af3195c.txt"],
        None,
        &root.join("data"),
    );
    assert_eq!(from_data, plain);
    let bytes = std::fs::read(&abs).unwrap();
    assert_eq!(ids(&["-"], Some(bytes), &root), plain);
    // a copy elsewhere is the same article
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(&abs, tmp.path().join("copy.txt")).unwrap();
    assert_eq!(ids(&["copy.txt"], None, tmp.path()), plain);
}

/// The articles of the tracking fixtures and the totals fixtures: deals merge across them.
fn corpus() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut v = Vec::new();
    for dir in ["tests/fixtures/ledger", "tests/fixtures/check"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            v.push(e.unwrap().path());
        }
    }
    v.sort();
    v
}

/// A small deterministic shuffle (no RNG crate needed): multiplicative stepping through the list.
fn shuffled<T: Clone>(v: &[T], step: usize) -> Vec<T> {
    let n = v.len();
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    let mut used = vec![false; n];
    while out.len() < n {
        i = (i + step) % n;
        while used[i] {
            i = (i + 1) % n;
        }
        used[i] = true;
        out.push(v[i].clone());
    }
    out
}

/// Asserts equal texts, showing the first differing line only (the outputs are long).
fn same(a: &str, b: &str, what: &str) {
    if a != b {
        let (n, (x, y)) = a
            .lines()
            .zip(b.lines())
            .enumerate()
            .find(|(_, (x, y))| x != y)
            .unwrap_or((0, ("(length)", "(length)")));
        panic!("{what}: line {n} differs:\n{x}\n{y}");
    }
}

/// `extract` JSON with the totals sorted: `extract` streams them in reading order (they wait in a
/// temporary file, not in memory); `check` is the command that orders them.
fn canonical(extract: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(extract).unwrap();
    v["totals"]
        .as_array_mut()
        .unwrap()
        .sort_by_key(|t| t["id"].as_str().unwrap().to_string());
    serde_json::to_string_pretty(&v).unwrap()
}

fn run(cmd: &[&str], paths: &[PathBuf]) -> String {
    let out = dealtrack()
        .args(cmd)
        .args(["--format", "json"])
        .args(paths)
        .output()
        .unwrap();
    assert!(
        out.status.code().unwrap() <= 1,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn shuffled_files_give_the_same_deals_totals_and_summary() {
    let files = corpus();
    let extract = run(&["extract"], &files);
    let v: serde_json::Value = serde_json::from_str(&extract).unwrap();
    let merged = v["deals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["sources"].as_array().is_some_and(|s| s.len() > 1))
        .count();
    assert!(merged >= 3, "a corpus where deals merge:\n{extract}");
    let check = run(&["check"], &files);
    assert!(check.contains("items_exceed_total"), "{check}");
    let summary = run(&["summary", "--by", "status"], &files);
    for step in [3, 5, 7, 11] {
        let order = shuffled(&files, step);
        assert_ne!(order, files);
        same(
            &canonical(&run(&["extract"], &order)),
            &canonical(&extract),
            "extract",
        );
        same(&run(&["check"], &order), &check, "check");
        same(
            &run(&["summary", "--by", "status"], &order),
            &summary,
            "summary",
        );
    }
}

/// The same articles as JSON Lines (id, date, title, text), lines in any order.
fn as_jsonl(files: &[PathBuf]) -> String {
    let mut out = String::new();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        let mut rec = serde_json::json!({
            "id": f.file_name().unwrap().to_str().unwrap(),
            "text": text,
        });
        if let Some((first, rest)) = text.split_once('\n')
            && let Some(h) = first.strip_prefix("date ")
        {
            let (date, title) = h.split_once(' ').unwrap_or((h, ""));
            rec["date"] = date.into();
            rec["title"] = title.into();
            rec["text"] = rest.into();
        }
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    out
}

#[test]
fn shuffled_json_lines_give_the_same_output() {
    let files = corpus();
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("corpus.jsonl");
    std::fs::write(&a, as_jsonl(&files)).unwrap();
    let extract = run(&["extract"], std::slice::from_ref(&a));
    let check = run(&["check"], std::slice::from_ref(&a));
    for step in [2, 5, 9] {
        std::fs::write(&a, as_jsonl(&shuffled(&files, step))).unwrap();
        let again = run(&["extract"], std::slice::from_ref(&a));
        same(&canonical(&again), &canonical(&extract), "extract");
        same(&run(&["check"], std::slice::from_ref(&a)), &check, "check");
    }
}

/// A wider merge window merges at least as much, up to the widest a user can write; a negative
/// window is refused with one line naming the option (usage error, exit 2).
#[test]
fn the_merge_window_runs_from_zero_to_the_widest_and_refuses_a_negative_one() {
    let files = corpus();
    let deals = |window: &str| {
        let out = run(&["extract", "--merge-window", window], &files);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["deals"].as_array().unwrap().len()
    };
    let counts: Vec<usize> = ["0", "30", &i64::MAX.to_string()]
        .iter()
        .map(|w| deals(w))
        .collect();
    assert!(
        counts[0] >= counts[1] && counts[1] >= counts[2],
        "{counts:?}"
    );
    assert!(counts[2] > 0);
    let out = dealtrack()
        .args(["extract", "--merge-window=-1"])
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--merge-window"), "{err}");
}
