//! Reads numerals from stdin, one per line, as `LANG<TAB>TEXT`, and prints the value read.
//! Used to inspect the numeral grammar against a list (e.g. the peer corpora).
use std::io::BufRead;

fn main() {
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        let Some((lang, text)) = line.split_once('\t') else {
            continue;
        };
        let lang: dealtrack::lang::Lang = lang.parse().unwrap();
        let v = dealtrack::amount::parse_number(text, lang);
        println!("{text}\t{}", v.map(|d| d.to_string()).unwrap_or_default());
    }
}
