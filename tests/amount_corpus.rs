//! The amount corpora (`src/lang/*/amounts.corpus`, `amounts.negative`, `quantities.corpus`) are
//! the amount tests, Duckling style: one generic runner, every language.
//!
//! Corpus format: a line `=> VALUE CURRENCY [QUALIFIER] [VALUE_MAX]` starts a group; each line
//! after it is a text that must give exactly one amount with those values. If the line marks a
//! span with `[brackets]`, the amount must cover exactly that span; otherwise the whole line.
//! A group opened by `=>~ VALUE CURRENCY` holds amounts written without a currency that take
//! the article's (`currency_inferred`): the `[bracketed]` amount must have those values and be
//! marked inferred; other amounts may stand in the line (they give the currency). In a `=>~ none`
//! group no amount of the line may be inferred.
//! Negative corpus: every line must give no amount at all. Quantity corpus: `=> COUNT NOUN`
//! groups, same bracket rule. `#` starts a comment line.

use dealtrack::amount::{amounts, quantities};
use dealtrack::lang::Lang;
use rust_decimal::Decimal;

/// A corpus line with its optional `[span]` removed: the text and the expected span.
fn unbracket(line: &str) -> (String, usize, usize) {
    match (line.find('['), line.find(']')) {
        (Some(a), Some(b)) if a < b => {
            let text = format!("{}{}{}", &line[..a], &line[a + 1..b], &line[b + 1..]);
            (text, a, b - 1)
        }
        _ => (line.to_string(), 0, line.len()),
    }
}

fn lines(path: &str) -> Vec<(usize, String)> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim().to_string()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

#[test]
fn amount_corpora() {
    let mut fails = Vec::new();
    let mut summary = Vec::new();
    for lang in Lang::ALL {
        let path = format!("src/lang/{lang}/amounts.corpus");
        let mut want: Option<(Decimal, String, String, Option<Decimal>)> = None;
        let mut inferred: Option<Option<(Decimal, String)>> = None;
        let mut n = 0;
        for (no, line) in lines(&path) {
            if let Some(h) = line.strip_prefix("=>~") {
                let f: Vec<&str> = h.split_whitespace().collect();
                inferred = Some(match f[..] {
                    ["none"] => None,
                    [v, c] => Some((v.parse().unwrap(), c.to_string())),
                    _ => panic!("{path}:{no}: want `=>~ VALUE CURRENCY` or `=>~ none`"),
                });
                continue;
            }
            if let Some(want_inferred) = &inferred {
                if !line.starts_with("=>") {
                    n += 1;
                    let (text, s, e) = unbracket(&line);
                    let got = amounts(&text, lang);
                    let ok = match want_inferred {
                        None => got.iter().all(|a| !a.currency_inferred),
                        Some((v, c)) => got.iter().any(|a| {
                            (a.start, a.end) == (s, e)
                                && a.value == *v
                                && a.currency == *c
                                && a.currency_inferred
                        }),
                    };
                    if !ok {
                        let g: Vec<String> = got
                            .iter()
                            .map(|a| {
                                format!(
                                    "[{}] {} {} inferred={}",
                                    a.text, a.value, a.currency, a.currency_inferred
                                )
                            })
                            .collect();
                        fails.push(format!("{path}:{no}: {text:?}: want inferred {want_inferred:?} @{s}..{e}; got {g:?}"));
                    }
                    continue;
                }
            }
            if let Some(h) = line.strip_prefix("=>") {
                inferred = None;
                let f: Vec<&str> = h.split_whitespace().collect();
                want = Some((
                    f[0].parse().unwrap(),
                    f[1].to_string(),
                    f.get(2).unwrap_or(&"exact").to_string(),
                    f.get(3).map(|v| v.parse().unwrap()),
                ));
                continue;
            }
            let (value, currency, qualifier, max) = want.clone().expect("a => line first");
            let (text, s, e) = unbracket(&line);
            n += 1;
            let got = amounts(&text, lang);
            let ok = got.len() == 1 && {
                let a = &got[0];
                a.value == value
                    && a.currency == currency
                    && a.qualifier.as_str() == qualifier
                    && a.value_max == max
                    && (a.start, a.end) == (s, e)
            };
            if !ok {
                let g: Vec<String> = got
                    .iter()
                    .map(|a| {
                        format!(
                            "[{}] {} {} {} {:?} @{}..{}",
                            a.text,
                            a.value,
                            a.currency,
                            a.qualifier.as_str(),
                            a.value_max,
                            a.start,
                            a.end
                        )
                    })
                    .collect();
                fails.push(format!("{path}:{no}: {text:?}: want {value} {currency} {qualifier} {max:?} @{s}..{e}; got {g:?}"));
            }
        }
        let neg = format!("src/lang/{lang}/amounts.negative");
        let mut m = 0;
        for (no, line) in lines(&neg) {
            m += 1;
            let got = amounts(&line, lang);
            if !got.is_empty() {
                let g: Vec<&str> = got.iter().map(|a| a.text.as_str()).collect();
                fails.push(format!(
                    "{neg}:{no}: {line:?}: must give no amount, got {g:?}"
                ));
            }
        }
        summary.push(format!("{lang}: {n} positive, {m} negative"));
        if n < 60 || m < 30 {
            fails.push(format!(
                "{lang}: at least 60 positive and 30 negative examples ({n}, {m})"
            ));
        }
    }
    eprintln!("{}", summary.join("\n"));
    assert!(fails.is_empty(), "\n{}\n", fails.join("\n"));
}

#[test]
fn quantity_corpora() {
    let mut fails = Vec::new();
    for lang in Lang::ALL {
        let path = format!("src/lang/{lang}/quantities.corpus");
        let mut want: Option<(u64, String)> = None;
        for (no, line) in lines(&path) {
            if let Some(h) = line.strip_prefix("=>") {
                let h = h.trim();
                let (n, noun) = h.split_once(' ').unwrap();
                want = Some((n.parse().unwrap(), noun.to_string()));
                continue;
            }
            let (value, unit) = want.clone().expect("a => line first");
            let (text, s, e) = unbracket(&line);
            let got = quantities(&text, lang);
            // "=> 0 none": the line holds no count of things.
            if (value, unit.as_str()) == (0, "none") {
                if !got.is_empty() {
                    fails.push(format!("{path}:{no}: {text:?}: want no count; got {got:?}"));
                }
                continue;
            }
            let ok = got.len() == 1
                && got[0].value == value
                && got[0].unit == unit
                && (got[0].start, got[0].end) == (s, e);
            if !ok {
                fails.push(format!(
                    "{path}:{no}: {text:?}: want {value} {unit} @{s}..{e}; got {got:?}"
                ));
            }
        }
    }
    assert!(fails.is_empty(), "\n{}\n", fails.join("\n"));
}
