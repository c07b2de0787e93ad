//! Reconciling announced totals with the itemised deals: does "37,2 tỷ USD in all" add up?
//!
//! A total covers the deals of its article (after cross-source merging, every deal that lists the
//! article among its sources). Their stated values are summed in the total's currency — other
//! currencies only through `--fx`, never added as they are — and compared within a tolerance.

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::fx::FxTable;
use crate::model::{Deal, Qualifier, Total};
use crate::number::grouped;

/// What the itemised deals say about a total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The stated values add up to the total, within the tolerance.
    Consistent,
    /// The stated values add up to more than the total: a contradiction.
    ItemsExceedTotal,
    /// The stated values add up to less than the total.
    ItemsFallShort,
    /// Deals are listed, but none states a value that can be added up in the total's currency.
    NoItemValue,
    /// The article itemises no deal at all.
    NoItems,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Consistent => "consistent",
            Verdict::ItemsExceedTotal => "items_exceed_total",
            Verdict::ItemsFallShort => "items_fall_short",
            Verdict::NoItemValue => "no_item_value",
            Verdict::NoItems => "no_items",
        }
    }
    /// Only this verdict is a contradiction (exit status 1 in `check`).
    pub fn is_contradiction(self) -> bool {
        self == Verdict::ItemsExceedTotal
    }
}

/// The check of one announced total.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub total_id: String,
    pub source: String,
    pub published: Option<Date>,
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    pub currency: String,
    pub qualifier: Qualifier,
    /// Deals of the article the total covers.
    pub deals: usize,
    /// Of those, the ones whose value could be added up (in the total's currency, or converted).
    pub with_value: usize,
    /// Their sum (lower bounds of ranges); none when no item states a value.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub items_sum: Option<Decimal>,
    /// Their sum with ranges at their upper bound.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub items_sum_max: Option<Decimal>,
    /// `items_sum - total`.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub difference: Option<Decimal>,
    pub verdict: Verdict,
    /// The verdict in plain words.
    pub explanation: String,
    pub deal_ids: Vec<String>,
    pub evidence: String,
    pub start: usize,
    pub end: usize,
}

/// How strictly to compare.
#[derive(Debug, Clone, Copy)]
pub struct Tolerance {
    /// Relative tolerance for exact totals (0.005 = 0.5 %).
    pub relative: Decimal,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            relative: Decimal::new(5, 3),
        }
    }
}

/// "about 37 billion" is looser than "37.2 billion": approximate totals get at least 5 %.
fn tolerance_for(q: Qualifier, t: Tolerance) -> Decimal {
    match q {
        Qualifier::Approx => t.relative.max(Decimal::new(5, 2)),
        _ => t.relative,
    }
}

fn covers(t: &Total, d: &Deal) -> bool {
    d.source == t.source || d.sources.contains(&t.source)
}

/// Figures in the explanation are prose for people: grouped ("1,100,000,000 EUR").
fn fmt_money(v: Decimal, cur: &str) -> String {
    format!("{} {cur}", grouped(v))
}

/// Checks every total against the deals it covers. `fx` converts deals in other currencies.
pub fn check(totals: &[Total], deals: &[Deal], tol: Tolerance, fx: Option<&FxTable>) -> Vec<Check> {
    totals
        .iter()
        .map(|t| check_one(t, deals, tol, fx))
        .collect()
}

fn check_one(t: &Total, deals: &[Deal], tol: Tolerance, fx: Option<&FxTable>) -> Check {
    let covered: Vec<&Deal> = deals.iter().filter(|d| covers(t, d)).collect();
    let mut lo = Decimal::ZERO;
    let mut hi = Decimal::ZERO;
    let mut with_value = 0;
    let mut other_currency = 0;
    for d in &covered {
        let (Some(v), Some(cur)) = (d.amount, d.currency.as_deref()) else {
            continue;
        };
        let vmax = d.amount_max.unwrap_or(v);
        let date = t.published.or(d.published);
        let conv = |x: Decimal| -> Option<Decimal> {
            if cur == t.currency {
                Some(x)
            } else {
                fx?.convert(x, cur, &t.currency, date).map(|c| c.value)
            }
        };
        match (conv(v), conv(vmax)) {
            (Some(a), Some(b)) => {
                lo += a;
                hi += b;
                with_value += 1;
            }
            _ => other_currency += 1,
        }
    }
    let n = covered.len();
    let unvalued = n - with_value;
    let total = t.amount;
    let eps = tolerance_for(t.qualifier, tol);
    let upper = total * (Decimal::ONE + eps);
    let lower = total * (Decimal::ONE - eps);
    let cur = &t.currency;
    let other_note = if other_currency > 0 {
        format!(
            "; {other_currency} in another currency{}",
            if fx.is_some() {
                " with no rate"
            } else {
                " (give --fx to convert)"
            }
        )
    } else {
        String::new()
    };
    let (verdict, explanation) = if n == 0 {
        (
            Verdict::NoItems,
            "the article itemises no deal to add up".to_string(),
        )
    } else if with_value == 0 {
        (
            Verdict::NoItemValue,
            format!("no item states a value in {cur}: {n} deals, none with a value{other_note}"),
        )
    } else if lo > upper && t.qualifier != Qualifier::AtLeast {
        (
            Verdict::ItemsExceedTotal,
            format!(
                "items exceed the total: {with_value} stated values add up to {}, more than the total {} (a contradiction)",
                fmt_money(lo, cur),
                fmt_money(total, cur)
            ),
        )
    } else if hi >= lower || t.qualifier == Qualifier::AtMost {
        let rest = if unvalued > 0 {
            format!("; {unvalued} of {n} deals state no value{other_note}")
        } else {
            String::new()
        };
        (
            Verdict::Consistent,
            format!(
                "consistent: {with_value} stated values add up to {} against {}{rest}",
                fmt_money(lo, cur),
                fmt_money(total, cur)
            ),
        )
    } else if unvalued > 0 {
        (
            Verdict::ItemsFallShort,
            format!(
                "items fall short by {}: {unvalued} of {n} deals state no value (unverifiable remainder){other_note}",
                fmt_money(total - hi, cur)
            ),
        )
    } else {
        (
            Verdict::ItemsFallShort,
            format!(
                "items fall short by {}: all {n} deals state a value, so the total includes something the article does not itemise",
                fmt_money(total - hi, cur)
            ),
        )
    };
    Check {
        total_id: t.id.clone(),
        source: t.source.clone(),
        published: t.published,
        total,
        currency: cur.clone(),
        qualifier: t.qualifier,
        deals: n,
        with_value,
        items_sum: (with_value > 0).then_some(lo),
        items_sum_max: (with_value > 0).then_some(hi),
        difference: (with_value > 0).then_some(lo - total),
        verdict,
        explanation,
        deal_ids: covered.iter().map(|d| d.id.clone()).collect(),
        evidence: t.evidence.clone(),
        start: t.start,
        end: t.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn total(v: i64, q: Qualifier) -> Total {
        Total {
            id: "t".into(),
            source: "a.txt".into(),
            published: Some("2025-01-01".parse().unwrap()),
            language: Lang::En,
            amount: Decimal::from(v),
            currency: "USD".into(),
            qualifier: q,
            evidence: "in all".into(),
            start: 0,
            end: 1,
        }
    }

    fn deal(source: &str, v: Option<(i64, &str)>) -> Deal {
        Deal {
            id: format!("d{}", v.map_or(0, |x| x.0)),
            amount: v.map(|x| Decimal::from(x.0)),
            currency: v.map(|x| x.1.to_string()),
            qualifier: v.map(|_| Qualifier::Exact),
            ..Deal::blank(source)
        }
    }

    fn verdict(t: &Total, deals: &[Deal]) -> Verdict {
        check(std::slice::from_ref(t), deals, Tolerance::default(), None)[0].verdict
    }

    #[test]
    fn each_verdict() {
        let t = total(1000, Qualifier::Exact);
        let a = deal("a.txt", Some((600, "USD")));
        let b = deal("a.txt", Some((400, "USD")));
        let big = deal("a.txt", Some((700, "USD")));
        let none = deal("a.txt", None);
        let elsewhere = deal("b.txt", Some((400, "USD")));
        assert_eq!(
            verdict(&t, &[a.clone(), b.clone(), elsewhere.clone()]),
            Verdict::Consistent
        );
        assert_eq!(verdict(&t, &[a.clone(), big]), Verdict::ItemsExceedTotal);
        assert_eq!(
            verdict(&t, &[a.clone(), none.clone()]),
            Verdict::ItemsFallShort
        );
        assert_eq!(
            verdict(&t, std::slice::from_ref(&a)),
            Verdict::ItemsFallShort
        );
        assert_eq!(
            verdict(&t, std::slice::from_ref(&none)),
            Verdict::NoItemValue
        );
        assert_eq!(verdict(&t, &[elsewhere]), Verdict::NoItems);
        // within 0.5 %: 1004 against 1000
        let near = deal("a.txt", Some((404, "USD")));
        assert_eq!(verdict(&t, &[a.clone(), near]), Verdict::Consistent);
        // "over 1000": more is no contradiction
        let over = total(1000, Qualifier::AtLeast);
        let more = deal("a.txt", Some((500, "USD")));
        assert_eq!(verdict(&over, &[a, b, more]), Verdict::Consistent);
    }

    #[test]
    fn other_currencies_are_not_added_without_fx_and_are_converted_with_it() {
        let t = total(1000, Qualifier::Exact);
        let usd = deal("a.txt", Some((600, "USD")));
        let eur = deal("a.txt", Some((400, "EUR")));
        let c = &check(
            std::slice::from_ref(&t),
            &[usd.clone(), eur.clone()],
            Tolerance::default(),
            None,
        )[0];
        assert_eq!(c.verdict, Verdict::ItemsFallShort);
        assert_eq!(c.items_sum, Some(Decimal::from(600)));
        assert!(c.explanation.contains("give --fx"), "{}", c.explanation);
        let fx = FxTable::parse(
            std::path::Path::new("fx.csv"),
            "date,currency,rate\n2024-12-01,EUR,1\n",
            "USD",
        )
        .unwrap();
        let c = &check(&[t], &[usd, eur], Tolerance::default(), Some(&fx))[0];
        assert_eq!(c.verdict, Verdict::Consistent);
        assert_eq!(c.items_sum, Some(Decimal::from(1000)));
    }
}
