//! Summaries of deals by sector, type, status, party, currency, language or month: counts and sums
//! per currency. Currencies are never added together; with `--fx` a converted column is added.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::fx::Conversion;
use crate::model::Deal;

/// What to group deals by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupBy {
    Sector,
    Type,
    Status,
    /// Each counterparty: a deal counts once for each of its parties.
    Party,
    Currency,
    Language,
    /// Month of publication (YYYY-MM), "unknown" when the article has no date.
    Month,
}

impl GroupBy {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Sector => "sector",
            GroupBy::Type => "type",
            GroupBy::Status => "status",
            GroupBy::Party => "party",
            GroupBy::Currency => "currency",
            GroupBy::Language => "language",
            GroupBy::Month => "month",
        }
    }

    fn keys(self, d: &Deal) -> Vec<String> {
        match self {
            GroupBy::Sector => vec![d.sector.clone()],
            GroupBy::Type => vec![d.deal_type.as_str().into()],
            GroupBy::Status => vec![d.status.as_str().into()],
            GroupBy::Party if d.parties.is_empty() => vec!["(none)".into()],
            GroupBy::Party => d.parties.clone(),
            GroupBy::Currency => vec![d.currency.clone().unwrap_or_else(|| "(none)".into())],
            GroupBy::Language => vec![d.language.code().into()],
            GroupBy::Month => vec![d.published.map_or_else(
                || "unknown".into(),
                |p| format!("{:04}-{:02}", p.year(), p.month()),
            )],
        }
    }
}

/// The row label of the line that sums over all deals (each deal once).
pub const ALL: &str = "(all)";

/// One group of deals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Group {
    pub key: String,
    pub deals: usize,
    /// Deals that state an amount.
    pub with_value: usize,
    /// Sum of stated amounts per ISO currency (ranges count with their lower bound).
    #[serde(serialize_with = "decimal_map")]
    pub sums: BTreeMap<String, Decimal>,
    /// Sum converted to the `--to` currency, when `--fx` was given.
    #[serde(
        with = "rust_decimal::serde::str_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub converted: Option<Decimal>,
    /// Deals with a value that could not be converted (no rate for their currency and date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unconverted: Option<usize>,
}

fn decimal_map<S: serde::Serializer>(
    m: &BTreeMap<String, Decimal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(m.len()))?;
    for (k, v) in m {
        map.serialize_entry(k, &crate::number::plain_decimal(*v))?;
    }
    map.end()
}

impl Group {
    fn add(&mut self, d: &Deal, fx: Option<&Conversion>) {
        self.deals += 1;
        if let (Some(v), Some(cur)) = (d.amount, d.currency.as_ref()) {
            self.with_value += 1;
            *self.sums.entry(cur.clone()).or_default() += v;
            if let Some(fx) = fx {
                match fx.convert(v, cur, d.published) {
                    Some(c) => *self.converted.get_or_insert(Decimal::ZERO) += c.value,
                    None => *self.unconverted.get_or_insert(0) += 1,
                }
            }
        }
    }
}

/// Groups deals; the groups come largest first (months in calendar order), then one [`ALL`] row.
pub fn summarise(deals: &[Deal], by: GroupBy, fx: Option<&Conversion>) -> Vec<Group> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    let mut all = Group {
        key: ALL.into(),
        ..Group::default()
    };
    for d in deals {
        let mut keys = by.keys(d);
        keys.sort();
        keys.dedup();
        for k in keys {
            groups
                .entry(k.clone())
                .or_insert_with(|| Group {
                    key: k,
                    ..Group::default()
                })
                .add(d, fx);
        }
        all.add(d, fx);
    }
    if fx.is_some() {
        for g in groups.values_mut().chain(std::iter::once(&mut all)) {
            g.converted.get_or_insert(Decimal::ZERO);
            g.unconverted.get_or_insert(0);
        }
    }
    let mut out: Vec<Group> = groups.into_values().collect();
    if by != GroupBy::Month {
        out.sort_by(|a, b| b.deals.cmp(&a.deals).then_with(|| a.key.cmp(&b.key)));
    }
    out.push(all);
    out
}

/// Every currency that appears in the groups, in ISO order: one sum column each.
pub fn currencies(groups: &[Group]) -> Vec<String> {
    let mut c: Vec<String> = groups.iter().flat_map(|g| g.sums.keys().cloned()).collect();
    c.sort();
    c.dedup();
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::model::Qualifier;

    fn deal(sector: &str, v: Option<(i64, &str)>, published: Option<&str>) -> Deal {
        Deal {
            id: "x".into(),
            published: published.map(|p| p.parse().unwrap()),
            language: Lang::Vi,
            parties: vec!["A".into(), "B".into()],
            amount: v.map(|x| Decimal::from(x.0)),
            currency: v.map(|x| x.1.to_string()),
            qualifier: v.map(|_| Qualifier::Exact),
            sector: sector.into(),
            ..Deal::blank("a.txt")
        }
    }

    #[test]
    fn currencies_are_summed_apart() {
        let deals = [
            deal("Aviation", Some((100, "USD")), None),
            deal("Aviation", Some((2_000_000, "VND")), None),
            deal("Aviation", Some((50, "USD")), None),
            deal("Energy", None, None),
        ];
        let g = summarise(&deals, GroupBy::Sector, None);
        assert_eq!(g[0].key, "Aviation");
        assert_eq!((g[0].deals, g[0].with_value), (3, 3));
        assert_eq!(g[0].sums["USD"], Decimal::from(150));
        assert_eq!(g[0].sums["VND"], Decimal::from(2_000_000));
        assert_eq!(g[0].converted, None);
        assert_eq!(g[1].key, "Energy");
        assert!(g[1].sums.is_empty());
        assert_eq!(g[2].key, ALL);
        assert_eq!(g[2].deals, 4);
        assert_eq!(currencies(&g), ["USD", "VND"]);
    }

    #[test]
    fn parties_count_a_deal_once_each_and_months_are_chronological() {
        let deals = [
            deal("X", Some((1, "EUR")), Some("2025-03-02")),
            deal("X", None, Some("2024-12-31")),
            deal("X", None, None),
        ];
        let p = summarise(&deals, GroupBy::Party, None);
        assert_eq!(
            p.iter()
                .map(|g| (g.key.as_str(), g.deals))
                .collect::<Vec<_>>(),
            [("A", 3), ("B", 3), (ALL, 3)]
        );
        let m = summarise(&deals, GroupBy::Month, None);
        let keys: Vec<&str> = m.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(keys, ["2024-12", "2025-03", "unknown", ALL]);
    }

    #[test]
    fn conversion_uses_the_deal_date() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("fx.csv");
        std::fs::write(
            &p,
            "date,currency,rate\n2024-01-01,EUR,1.1\n2025-01-01,EUR,1.2\n",
        )
        .unwrap();
        let fx = Conversion::load(&p, "usd").unwrap();
        let deals = [
            deal("X", Some((100, "EUR")), Some("2024-06-01")),
            deal("X", Some((100, "EUR")), Some("2025-06-01")),
            deal("X", Some((100, "EUR")), Some("2023-06-01")),
            deal("X", Some((7, "USD")), Some("2023-06-01")),
        ];
        let g = summarise(&deals, GroupBy::Sector, Some(&fx));
        assert_eq!(g[0].converted, Some(Decimal::from(237)));
        assert_eq!(g[0].unconverted, Some(1), "no EUR rate before 2024");
        assert_eq!(fx.column(), "amount_usd");
    }
}
