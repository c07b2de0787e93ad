//! Currency conversion with a user's table of dated rates (`--fx FILE --to CUR`).
//!
//! A table row gives, from its date on, how many units of a pivot currency (`to`) one unit of
//! `currency` is worth. A value converts at the rate of its date or the nearest earlier one; two
//! currencies that are not the pivot convert through it at the same date. Nothing is guessed: no
//! rate, no conversion.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::error::Error;

/// The reference table shipped in `data/fx/usd.csv` (see `data/fx/README.md`).
pub const REFERENCE_USD: &str = include_str!("../data/fx/usd.csv");

/// Dated rates, per currency, to one pivot currency.
#[derive(Debug, Clone)]
pub struct FxTable {
    pivot: String,
    /// currency → (date → units of pivot per unit of currency), dates ascending.
    rates: BTreeMap<String, BTreeMap<Date, Decimal>>,
}

/// A converted value and the date of the rate used (the later of the two legs' dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Converted {
    pub value: Decimal,
    pub rate_date: Date,
}

#[derive(Deserialize)]
struct Row {
    date: String,
    currency: String,
    rate: String,
    #[serde(default)]
    to: Option<String>,
}

impl FxTable {
    /// Reads a table from a file; `target` is the pivot when the file has no `to` column.
    pub fn load(path: &Path, target: &str) -> Result<FxTable, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        FxTable::parse(path, &text, target)
    }

    /// Parses CSV text with columns date, currency, rate and optionally to (and note, ignored).
    pub fn parse(path: &Path, text: &str, target: &str) -> Result<FxTable, Error> {
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers = rdr
            .headers()
            .map_err(|e| Error::bad(path, format!("not a CSV table: {e}")))?
            .clone();
        for need in ["date", "currency", "rate"] {
            if !headers.iter().any(|h| h.eq_ignore_ascii_case(need)) {
                return Err(Error::bad(
                    path,
                    format!("missing column {need:?} (need date, currency, rate[, to])"),
                ));
            }
        }
        let lower: csv::StringRecord = headers.iter().map(|h| h.to_ascii_lowercase()).collect();
        rdr.set_headers(lower);
        let mut pivot: Option<String> = None;
        let mut rates: BTreeMap<String, BTreeMap<Date, Decimal>> = BTreeMap::new();
        for (i, rec) in rdr.deserialize::<Row>().enumerate() {
            let line = i + 2;
            let bad = |m: String| Error::BadLine {
                path: path.to_path_buf(),
                line,
                message: m,
            };
            let row = rec.map_err(|e| bad(e.to_string()))?;
            let date: Date = row
                .date
                .parse()
                .map_err(|_| bad(format!("bad date {:?} (want YYYY-MM-DD)", row.date)))?;
            let currency = iso(&row.currency).ok_or_else(|| {
                bad(format!(
                    "bad currency {:?} (want an ISO 4217 code)",
                    row.currency
                ))
            })?;
            let rate: Decimal = row
                .rate
                .parse()
                .or_else(|_| Decimal::from_scientific(&row.rate))
                .map_err(|_| bad(format!("bad rate {:?}", row.rate)))?;
            if rate <= Decimal::ZERO {
                return Err(bad(format!("rate must be positive, got {}", row.rate)));
            }
            let to = match row.to.as_deref().filter(|t| !t.is_empty()) {
                Some(t) => iso(t).ok_or_else(|| bad(format!("bad currency {t:?} in 'to'")))?,
                None => target.to_string(),
            };
            match &pivot {
                None => pivot = Some(to),
                Some(p) if *p != to => {
                    return Err(bad(format!(
                        "rates to {to} and to {p} in one table: use one pivot currency"
                    )));
                }
                Some(_) => {}
            }
            rates.entry(currency).or_default().insert(date, rate);
        }
        let pivot = pivot.unwrap_or_else(|| target.to_string());
        Ok(FxTable { pivot, rates })
    }

    pub fn pivot(&self) -> &str {
        &self.pivot
    }

    /// The rate of `currency` to the pivot on `date` (or the nearest earlier date); the latest
    /// rate when `date` is unknown. The pivot itself is 1 on any date.
    fn leg(&self, currency: &str, date: Option<Date>) -> Option<(Decimal, Option<Date>)> {
        if currency == self.pivot {
            return Some((Decimal::ONE, None));
        }
        let series = self.rates.get(currency)?;
        let (d, r) = match date {
            Some(d) => series.range(..=d).next_back()?,
            None => series.iter().next_back()?,
        };
        Some((*r, Some(*d)))
    }

    /// Converts `value` from `from` to `to` at `date`. `None` when either currency has no rate on
    /// or before that date.
    pub fn convert(
        &self,
        value: Decimal,
        from: &str,
        to: &str,
        date: Option<Date>,
    ) -> Option<Converted> {
        let (rf, df) = self.leg(from, date)?;
        let (rt, dt) = self.leg(to, date)?;
        let rate_date = match (df, dt) {
            (Some(a), Some(b)) => a.max(b),
            (Some(a), None) | (None, Some(a)) => a,
            // pivot to pivot: the value's own date, or the table's latest
            (None, None) => date.or_else(|| self.latest())?,
        };
        let v = if from == to {
            value
        } else {
            (value * rf).checked_div(rt)?
        };
        Some(Converted {
            value: round_money(v),
            rate_date,
        })
    }

    fn latest(&self) -> Option<Date> {
        self.rates
            .values()
            .filter_map(|s| s.keys().next_back())
            .max()
            .copied()
    }
}

/// Converted amounts are rounded to cents: a rate has six significant figures, more would be noise.
pub fn round_money(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointNearestEven)
        .normalize()
}

fn iso(s: &str) -> Option<String> {
    let s = s.trim();
    (s.len() == 3 && s.chars().all(|c| c.is_ascii_alphabetic())).then(|| s.to_ascii_uppercase())
}

/// The conversion asked for on the command line: a table and a target currency.
#[derive(Debug, Clone)]
pub struct Conversion {
    pub table: FxTable,
    pub to: String,
}

impl Conversion {
    /// Loads `--fx FILE` for `--to CUR` and checks that the target is in the table.
    pub fn load(path: &Path, to: &str) -> Result<Conversion, Error> {
        let to = iso(to).ok_or_else(|| {
            Error::Usage(format!("--to {to:?}: want an ISO 4217 code such as USD"))
        })?;
        let table = FxTable::load(path, &to)?;
        if table.pivot != to && !table.rates.contains_key(&to) {
            return Err(Error::bad(
                path,
                format!(
                    "no rate for {to} (the table's rates are to {})",
                    table.pivot
                ),
            ));
        }
        Ok(Conversion { table, to })
    }

    /// The column name for converted amounts: `amount_usd`.
    pub fn column(&self) -> String {
        format!("amount_{}", self.to.to_ascii_lowercase())
    }

    pub fn convert(&self, value: Decimal, from: &str, date: Option<Date>) -> Option<Converted> {
        self.table.convert(value, from, &self.to, date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    const TABLE: &str = "date,currency,rate\n\
        2024-01-01,EUR,1.10\n\
        2024-06-01,EUR,1.20\n\
        2024-01-01,VND,0.00004\n";

    #[test]
    fn uses_the_rate_of_the_date_or_the_nearest_earlier_one() {
        let t = FxTable::parse(Path::new("fx.csv"), TABLE, "USD").unwrap();
        let c = |day: &str| t.convert(d("1000"), "EUR", "USD", Some(date(day)));
        assert_eq!(c("2024-05-31").unwrap().value, d("1100"));
        assert_eq!(c("2024-05-31").unwrap().rate_date, date("2024-01-01"));
        assert_eq!(c("2024-06-01").unwrap().value, d("1200"));
        assert_eq!(c("2025-01-01").unwrap().value, d("1200"));
        assert_eq!(c("2023-12-31"), None, "no rate before the table starts");
        // no date: the latest rate, and its date says so
        let latest = t.convert(d("1000"), "EUR", "USD", None).unwrap();
        assert_eq!(
            (latest.value, latest.rate_date),
            (d("1200"), date("2024-06-01"))
        );
    }

    #[test]
    fn cross_rates_go_through_the_pivot_at_the_same_date() {
        let t = FxTable::parse(Path::new("fx.csv"), TABLE, "USD").unwrap();
        // 2 750 000 VND = 110 USD = 100 EUR on 2024-03-01
        let c = t
            .convert(d("2750000"), "VND", "EUR", Some(date("2024-03-01")))
            .unwrap();
        assert_eq!(c.value, d("100"));
        assert_eq!(
            t.convert(d("5"), "USD", "USD", Some(date("2024-03-01")))
                .unwrap()
                .value,
            d("5")
        );
        assert_eq!(t.convert(d("5"), "GBP", "USD", None), None);
    }

    #[test]
    fn bad_tables_name_file_and_line() {
        let e = FxTable::parse(
            Path::new("fx.csv"),
            "date,currency,rate\n2024-13-01,EUR,1\n",
            "USD",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("fx.csv:2: bad date"), "{e}");
        let e = FxTable::parse(Path::new("fx.csv"), "day,cur,r\n", "USD").unwrap_err();
        assert!(e.to_string().contains("missing column \"date\""), "{e}");
        let e = FxTable::parse(
            Path::new("fx.csv"),
            "date,currency,rate\n2024-01-01,EUR,-1\n",
            "USD",
        )
        .unwrap_err();
        assert!(e.to_string().contains("positive"), "{e}");
    }

    #[test]
    fn the_reference_table_parses_and_converts() {
        let t = FxTable::parse(Path::new("usd.csv"), REFERENCE_USD, "USD").unwrap();
        assert_eq!(t.pivot(), "USD");
        let c = t
            .convert(d("1000000000"), "EUR", "USD", Some(date("2025-11-14")))
            .unwrap();
        assert_eq!(c.value, d("1041100000"));
        assert_eq!(c.rate_date, date("2025-02-28"));
    }
}
