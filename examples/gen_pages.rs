//! Wraps the articles of a JSON Lines corpus (from `gen_corpus`) in news-site markup, for the HTML
//! and WARC benchmarks.
//!
//! ```text
//! cargo run --release --example gen_pages -- CORPUS.jsonl OUT_DIR [--max N]
//! ```
//!
//! OUT_DIR gets `pages/NNNNNN.html` (one page per article: `dealtrack::html::news_page`, with
//! navigation, advertisements, scripts, comments and JSON-LD), `corpus.warc.gz` (per page a
//! request, a response and a metadata record, one gzip member each, as crawlers write them) and
//! `corpus.warc` (the same, uncompressed).

use std::fs;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;

use dealtrack::html::news_page;
use dealtrack::warc::write;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut pos = Vec::new();
    let mut max = usize::MAX;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--max" => max = args.next().and_then(|v| v.parse().ok()).expect("--max N"),
            _ => pos.push(PathBuf::from(a)),
        }
    }
    let [corpus, out] =
        <[PathBuf; 2]>::try_from(pos).expect("usage: gen_pages CORPUS.jsonl OUT_DIR [--max N]");
    fs::create_dir_all(out.join("pages"))?;
    let mut gz = BufWriter::new(fs::File::create(out.join("corpus.warc.gz"))?);
    let mut plain = BufWriter::new(fs::File::create(out.join("corpus.warc"))?);
    let input = BufReader::new(fs::File::open(&corpus)?);
    for (i, line) in input.lines().enumerate().take(max) {
        let v: serde_json::Value = serde_json::from_str(&line?).expect("a JSON object");
        let text = v["text"].as_str().unwrap_or("");
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        let url = format!("https://ledger.example/news/{i:06}");
        let page = news_page(
            v["title"].as_str().unwrap_or("News"),
            v["date"].as_str(),
            &url,
            &paragraphs,
        );
        fs::write(out.join("pages").join(format!("{i:06}.html")), &page)?;
        let when = "2025-06-01T00:00:00Z";
        let request = format!("GET /news/{i:06} HTTP/1.1\r\nHost: ledger.example\r\n\r\n");
        for rec in [
            write::record(
                "request",
                &url,
                when,
                "application/http; msgtype=request",
                request.as_bytes(),
            ),
            write::html_response(&url, when, &page),
            write::record(
                "metadata",
                &url,
                when,
                "application/warc-fields",
                b"fetchTimeMs: 80\r\n",
            ),
        ] {
            plain.write_all(&rec)?;
            gz.write_all(&write::gzip_member(&rec))?;
        }
    }
    gz.flush()?;
    plain.flush()
}
