//! The deal corpora (`src/lang/*/deals.corpus.toml`) are the deal tests: one generic runner checks
//! every case of every language — the deals a careful reader writes down, and non-deal sentences
//! that must give none. A case marked `xfail = "why"` is a known gap: reported, not failed, and
//! the runner fails if it starts passing, so the mark is removed when the gap closes.

use std::path::Path;

use dealtrack::entity::key;
use dealtrack::lang::Lang;
use dealtrack::lexicons::Lexicons;
use dealtrack::model::{Deal, Document};
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Deserialize)]
struct Corpus {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    #[serde(default)]
    deal: Vec<Expected>,
    #[serde(default)]
    totals: Vec<ExpectedTotal>,
    xfail: Option<String>,
}

#[derive(Deserialize)]
struct Expected {
    #[serde(rename = "type")]
    ty: String,
    status: Option<String>,
    provider: Option<String>,
    recipient: Option<String>,
    #[serde(default)]
    parties: Vec<String>,
    /// Names that must be no party of the deal ("a country that only qualifies a name").
    #[serde(default)]
    not_parties: Vec<String>,
    /// The deal has no parties but those of `parties`.
    #[serde(default)]
    only_parties: bool,
    /// The deal names no provider (joint buyers are both recipients).
    #[serde(default)]
    no_provider: bool,
    /// The deal names no recipient (suppliers joined by "and" are both providers).
    #[serde(default)]
    no_recipient: bool,
    quantity: Option<u64>,
    item: Option<String>,
    /// No text names the deal's item (a deal known only by its amount in a list).
    #[serde(default)]
    no_item: bool,
    /// Provider, recipient, parties and not-parties are compared as whole names, not by
    /// containment ("Halvard", not "Lidar-Mutter Halvard"; "India" is not "Kestrel India").
    #[serde(default)]
    exact_sides: bool,
    /// The deal has no amount (a figure near it is no deal's value).
    #[serde(default)]
    no_amount: bool,
    amount: Option<String>,
    currency: Option<String>,
    qualifier: Option<String>,
    sector: Option<String>,
}

#[derive(Deserialize)]
struct ExpectedTotal {
    amount: String,
    currency: String,
}

/// Loose name comparison: canonical through the alias lexicon, then folded; a name contained in
/// the other counts ("Starlink Services Vietnam" ~ "Starlink").
fn same_name(a: &str, b: &str) -> bool {
    let canon = |s: &str| {
        Lexicons::builtin()
            .entities
            .lookup(s)
            .map(|e| e.canonical.clone())
            .unwrap_or_else(|| s.to_string())
    };
    let (ka, kb) = (key(&canon(a)), key(&canon(b)));
    if ka.is_empty() || kb.is_empty() {
        return false;
    }
    let (short, long) = if ka.len() <= kb.len() {
        (&ka, &kb)
    } else {
        (&kb, &ka)
    };
    ka == kb || (short.len() >= 3 && long.contains(short.as_str()))
}

fn dec(s: &str) -> Decimal {
    s.parse()
        .unwrap_or_else(|e| panic!("bad decimal {s:?}: {e}"))
}

fn matches(e: &Expected, d: &Deal) -> bool {
    if d.deal_type.as_str() != e.ty {
        return false;
    }
    if e.quantity.is_some() && e.quantity != d.quantity {
        return false;
    }
    if let Some(a) = &e.amount {
        if d.amount != Some(dec(a)) {
            return false;
        }
    }
    e.parties.is_empty()
        || e.parties
            .iter()
            .any(|p| d.parties.iter().any(|q| same_name(p, q)))
}

/// Differences between an expected deal and the predicted one matched to it.
fn differences(e: &Expected, d: &Deal) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |what: &str, want: &Option<String>, got: Option<&str>, names: bool| {
        if let Some(w) = want {
            let ok = match got {
                Some(g) if names && e.exact_sides => key(w) == key(g),
                Some(g) if names => same_name(w, g),
                Some(g) => g.eq_ignore_ascii_case(w),
                None => false,
            };
            if !ok {
                out.push(format!("{what}: want {w:?}, got {got:?}"));
            }
        }
    };
    check("status", &e.status, Some(d.status.as_str()), false);
    check("provider", &e.provider, d.provider.as_deref(), true);
    check("recipient", &e.recipient, d.recipient.as_deref(), true);
    check("sector", &e.sector, Some(&d.sector), false);
    check("currency", &e.currency, d.currency.as_deref(), false);
    check("item", &e.item, d.item.as_deref(), false);
    check(
        "qualifier",
        &e.qualifier,
        d.qualifier.map(|q| q.as_str()),
        false,
    );
    for p in &e.parties {
        let named = |q: &String| {
            if e.exact_sides {
                key(p) == key(q)
            } else {
                same_name(p, q)
            }
        };
        if !d.parties.iter().any(named) {
            out.push(format!("party {p:?} missing from {:?}", d.parties));
        }
    }
    if e.only_parties && d.parties.len() != e.parties.len() {
        out.push(format!(
            "parties: want only {:?}, got {:?}",
            e.parties, d.parties
        ));
    }
    if e.no_item && d.item.is_some() {
        out.push(format!("item: want none, got {:?}", d.item));
    }
    if e.no_amount && d.amount.is_some() {
        out.push(format!("amount: want none, got {:?}", d.amount));
    }
    if e.no_provider && d.provider.is_some() {
        out.push(format!("provider: want none, got {:?}", d.provider));
    }
    if e.no_recipient && d.recipient.is_some() {
        out.push(format!("recipient: want none, got {:?}", d.recipient));
    }
    for p in &e.not_parties {
        let named = |q: &String| {
            if e.exact_sides {
                key(p) == key(q)
            } else {
                same_name(p, q)
            }
        };
        if d.parties.iter().any(named) {
            out.push(format!("{p:?} is no party, yet in {:?}", d.parties));
        }
    }
    if e.amount.is_none() && d.amount.is_some() {
        out.push(format!("amount: want none, got {:?}", d.amount));
    }
    out
}

/// Runs one case; the failures found.
fn run_case(lang: Lang, case: &Case) -> Vec<String> {
    let mut doc = Document::new("corpus", case.text.clone());
    doc.lang = Some(lang);
    let ex = dealtrack::deal::extract(&doc, lang, Lexicons::builtin());
    let mut fails = Vec::new();
    // Whatever a case expects, one party is never on both sides of a deal.
    for d in &ex.deals {
        if d.provider.is_some() && d.provider == d.recipient {
            fails.push(format!("{:?} is both provider and recipient", d.provider));
        }
    }
    let mut used = vec![false; ex.deals.len()];
    for e in &case.deal {
        match ex
            .deals
            .iter()
            .enumerate()
            .find(|(i, d)| !used[*i] && matches(e, d))
        {
            Some((i, d)) => {
                used[i] = true;
                fails.extend(
                    differences(e, d)
                        .into_iter()
                        .map(|m| format!("{} deal: {m}", e.ty)),
                );
            }
            None => fails.push(format!(
                "missed {} {:?} q={:?} amount={:?}",
                e.ty, e.parties, e.quantity, e.amount
            )),
        }
    }
    for (i, d) in ex.deals.iter().enumerate() {
        if !used[i] {
            fails.push(format!(
                "extra {} {:?} q={:?} amount={:?}",
                d.deal_type.as_str(),
                d.parties,
                d.quantity,
                d.amount
            ));
        }
    }
    let mut got_totals: Vec<_> = ex
        .totals
        .iter()
        .map(|t| (t.amount, t.currency.clone()))
        .collect();
    for t in &case.totals {
        let want = (dec(&t.amount), t.currency.clone());
        match got_totals.iter().position(|g| *g == want) {
            Some(i) => {
                got_totals.remove(i);
            }
            None => fails.push(format!("missed total {} {}", t.amount, t.currency)),
        }
    }
    for (a, c) in got_totals {
        fails.push(format!("extra total {a} {c}"));
    }
    fails
}

#[test]
fn deal_corpora() {
    let mut report = Vec::new();
    let mut unexpected_pass = Vec::new();
    let mut summary = Vec::new();
    for lang in Lang::ALL {
        let path = format!("src/lang/{lang}/deals.corpus.toml");
        if !Path::new(&path).exists() {
            report.push(format!("{path}: missing"));
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let corpus: Corpus = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let (mut ok, mut xfail) = (0, 0);
        for (i, case) in corpus.case.iter().enumerate() {
            let fails = run_case(lang, case);
            let short: String = case.text.chars().take(100).collect();
            match (&case.xfail, fails.is_empty()) {
                (None, true) => ok += 1,
                (None, false) => report.push(format!(
                    "{path} case {}: {short}\n    {}",
                    i + 1,
                    fails.join("\n    ")
                )),
                (Some(_), true) => unexpected_pass.push(format!(
                    "{path} case {}: marked xfail but passes now: remove the mark",
                    i + 1
                )),
                (Some(why), false) => {
                    xfail += 1;
                    eprintln!(
                        "known gap {path} case {}: {why}: {}",
                        i + 1,
                        fails.join("; ")
                    );
                }
            }
        }
        summary.push(format!(
            "{lang}: {ok}/{} cases pass, {xfail} known gaps",
            corpus.case.len()
        ));
    }
    eprintln!("{}", summary.join("\n"));
    report.extend(unexpected_pass);
    assert!(report.is_empty(), "\n{}\n", report.join("\n"));
}
