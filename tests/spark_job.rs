//! The Spark job (`scripts/spark/dealtrack_job.py`), run by `spark-submit --master 'local[2]'`,
//! gives the deals of a plain local run: on the samples and a small generated corpus as JSON Lines,
//! and on WARC archives listed in a file; and `--deals` over its output merges as a local run does.
//!
//! Needs `spark-submit` (pip's pyspark) and Java; `.ci/run` installs both. Without them the test
//! prints a note and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

use dealtrack::html::news_page;
use dealtrack::warc::write;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_dealtrack");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn works(cmd: &str, arg: &str) -> bool {
    Command::new(cmd)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn dealtrack(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0)),
        "dealtrack {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `spark-submit` on the PATH, else the one inside pip's pyspark package.
fn spark_submit() -> Option<PathBuf> {
    if works("spark-submit", "--version") {
        return Some("spark-submit".into());
    }
    let out = Command::new("python3")
        .args([
            "-c",
            "import os, pyspark; print(os.path.dirname(pyspark.__file__))",
        ])
        .output()
        .ok()?;
    let bin = Path::new(String::from_utf8(out.stdout).ok()?.trim()).join("bin/spark-submit");
    works(bin.to_str()?, "--version").then_some(bin)
}

fn spark(submit: &Path, args: &[&str]) {
    let job = format!("{ROOT}/scripts/spark/dealtrack_job.py");
    let out = Command::new(submit)
        .args(["--master", "local[2]", "--conf", "spark.ui.enabled=false"])
        .arg(job)
        .args(["--binary", BIN])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "spark-submit failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The lines of a job's output directory, part files in order.
fn part_lines(dir: &Path) -> Vec<String> {
    let mut parts: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("part-"))
        })
        .collect();
    parts.sort();
    assert!(!parts.is_empty(), "no part files in {}", dir.display());
    parts
        .iter()
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Deal lines in order, and total lines sorted (a local run writes totals after all deals, the
/// job after each partition's deals).
fn split(lines: &[String]) -> (Vec<String>, Vec<String>) {
    let is = |l: &String, kind: &str| l.contains(&format!("\"record\":\"{kind}\""));
    let deals: Vec<String> = lines.iter().filter(|l| is(l, "deal")).cloned().collect();
    let mut totals: Vec<String> = lines.iter().filter(|l| is(l, "total")).cloned().collect();
    totals.sort();
    (deals, totals)
}

/// The job's deals equal a local run's, and merging them with `--deals` equals a merged local run.
fn same_as_local(out: &Path, local_args: &[&str], min_deals: usize) {
    let mut args = vec!["extract"];
    args.extend(local_args);
    args.extend(["--no-merge", "--format", "jsonl"]);
    let local: Vec<String> = dealtrack(&args).lines().map(String::from).collect();
    let (want_deals, want_totals) = split(&local);
    let (deals, totals) = split(&part_lines(out));
    assert!(want_deals.len() >= min_deals, "{} deals", want_deals.len());
    assert_eq!(deals, want_deals);
    assert_eq!(totals, want_totals);
    let mut merged = vec!["extract"];
    merged.extend(local_args);
    merged.extend(["--format", "jsonl"]);
    let out = out.to_str().unwrap();
    assert_eq!(
        dealtrack(&["extract", "--deals", out, "--format", "jsonl"]),
        dealtrack(&merged)
    );
}

/// A small corpus from `examples/gen_corpus.rs` (1 MB of JSON Lines, ~400 articles).
fn generated(dir: &Path) -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(ROOT)
        .args(["run", "--quiet", "--example", "gen_corpus", "--"])
        .arg(dir)
        .args(["--mb", "1", "--seed", "7"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("corpus.jsonl")
}

#[test]
fn the_spark_job_gives_the_deals_of_a_local_run() {
    let submit = spark_submit();
    let Some(submit) = submit.filter(|_| works("java", "-version")) else {
        eprintln!(
            "note: spark_job skipped: needs Java and spark-submit (python3 -m pip install pyspark; \
             apt-get install default-jre-headless); .ci/run installs them"
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().canonicalize().unwrap();

    // JSON Lines: the samples (one record each) and the generated corpus, in one directory.
    let input = dir.join("in");
    std::fs::create_dir(&input).unwrap();
    let mut samples = String::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(format!("{ROOT}/data/samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    for p in &names {
        let id = p.file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(p).unwrap();
        samples.push_str(&serde_json::json!({"id": id, "text": text}).to_string());
        samples.push('\n');
    }
    std::fs::write(input.join("a_samples.jsonl"), samples).unwrap();
    let corpus = generated(&dir.join("gen"));
    std::fs::copy(&corpus, input.join("b_corpus.jsonl")).unwrap();

    let out = dir.join("out-jsonl");
    spark(
        &submit,
        &[
            "--partitions",
            "3",
            input.to_str().unwrap(),
            out.to_str().unwrap(),
        ],
    );
    same_as_local(&out, &[input.to_str().unwrap()], 100);

    // WARC: the first 40 generated articles as news pages, in a gzip and a plain archive.
    let text = std::fs::read_to_string(&corpus).unwrap();
    let articles: Vec<Value> = text
        .lines()
        .take(40)
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut archives = Vec::new();
    for (k, chunk) in articles.chunks(20).enumerate() {
        let gz = k == 0;
        let mut bytes = Vec::new();
        for (i, a) in chunk.iter().enumerate() {
            let url = format!("https://ledger.example/{k}/{i}");
            let paragraphs: Vec<&str> = a["text"].as_str().unwrap().split("\n\n").collect();
            let page = news_page(
                a["title"].as_str().unwrap_or("News"),
                a["date"].as_str(),
                &url,
                &paragraphs,
            );
            let rec = write::html_response(&url, "2025-06-01T00:00:00Z", &page);
            bytes.extend(if gz { write::gzip_member(&rec) } else { rec });
        }
        let path = dir.join(if gz { "a.warc.gz" } else { "b.warc" });
        std::fs::write(&path, bytes).unwrap();
        archives.push(path.to_str().unwrap().to_string());
    }
    let list = dir.join("warcs.txt");
    std::fs::write(&list, format!("# archives\n{}\n", archives.join("\n"))).unwrap();
    let out = dir.join("out-warc");
    spark(
        &submit,
        &["--warc-list", list.to_str().unwrap(), out.to_str().unwrap()],
    );
    let args: Vec<&str> = archives.iter().map(String::as_str).collect();
    same_as_local(&out, &args, 10);
}
