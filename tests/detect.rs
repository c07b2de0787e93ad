//! Language detection measured: every sample article, and the peer corpora's sentences (rows of at
//! least four words; shorter ones like "$10" carry no evidence and are read with `--lang`). What is
//! measured is the tool's effective choice: a text with no evidence at all is read as English.

use dealtrack::lang::{Lang, detect::detect};

#[test]
fn samples_are_detected() {
    for (file, want) in [
        ("000_6e9a751800d1f9f4.txt", Lang::Vi),
        ("001_2655ffce02c49b82.txt", Lang::De),
        ("002_e165b3d44af3195c.txt", Lang::Vi),
        ("003_9df8a8eaee5b1005.txt", Lang::Vi),
        ("004_b801079c28200452.txt", Lang::Vi),
    ] {
        let text = std::fs::read_to_string(format!("data/samples/{file}")).unwrap();
        assert_eq!(detect(&text), Some(want), "{file}");
    }
}

#[test]
fn peer_corpora_sentences_are_detected() {
    let base = std::path::Path::new("../shared/peer-corpora");
    if !base.exists() {
        eprintln!("skipped: ../shared/peer-corpora is not beside the checkout");
        return;
    }
    let mut lines = Vec::new();
    for (file, lang) in [
        ("duckling/money-vi.tsv", Lang::Vi),
        ("duckling/money-en.tsv", Lang::En),
        ("duckling/money-en-locales.tsv", Lang::En),
        ("recognizers-text/currency-en.tsv", Lang::En),
        ("recognizers-text/currency-de.tsv", Lang::De),
    ] {
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .quoting(false)
            .from_path(base.join(file))
            .unwrap();
        let headers = rdr.headers().unwrap().clone();
        let col = headers.iter().position(|h| h == "text").unwrap();
        let (mut ok, mut n) = (0, 0);
        for rec in rdr.records() {
            let rec = rec.unwrap();
            let text = &rec[col];
            if text.split_whitespace().count() < 4 {
                continue;
            }
            n += 1;
            ok += usize::from(detect(text).unwrap_or(Lang::En) == lang);
        }
        let rate = ok as f64 / n.max(1) as f64;
        lines.push(format!("{file}: {ok}/{n} ({:.1}%)", rate * 100.0));
        assert!(n == 0 || rate >= 0.9, "{file}: {ok}/{n}");
    }
    eprintln!("{}", lines.join("\n"));
}
