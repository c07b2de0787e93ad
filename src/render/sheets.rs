//! The output schema as sheets: the columns of deals, totals, checks and summaries, shared by every
//! command and by reports so that the same record always has the same columns.

use std::path::Path;

use crate::fx::Conversion;
use crate::model::{ArticleMeta, Deal, Total};
use crate::reconcile::Check;
use crate::sink::AmountRow;
use crate::summary::{self, Group, GroupBy};

use super::{Cell, Record, Sheet};

/// The deal columns, in order (CSV header). With `--fx`, `amount_<to>` and `fx_date` follow.
pub const DEAL_COLUMNS: [&str; 24] = [
    "id",
    "source",
    "published",
    "language",
    "type",
    "status",
    "provider",
    "recipient",
    "parties",
    "item",
    "quantity",
    "amount",
    "currency",
    "currency_inferred",
    "qualifier",
    "amount_max",
    "sector",
    "evidence",
    "start",
    "end",
    "sources",
    "notes",
    "title",
    "url",
];

/// Every source of a deal: its own, then the others that report it.
pub fn all_sources(d: &Deal) -> Vec<&str> {
    if d.sources.is_empty() {
        vec![d.source.as_str()]
    } else {
        d.sources.iter().map(String::as_str).collect()
    }
}

fn date(d: Option<jiff::civil::Date>) -> Cell {
    Cell::opt_date(d)
}

/// The converted amount of a deal and the date of the rate used.
pub fn converted(d: &Deal, fx: &Conversion) -> (Cell, Cell) {
    match (d.amount, d.currency.as_deref()) {
        (Some(v), Some(cur)) => match fx.convert(v, cur, d.published) {
            Some(c) => (Cell::Num(c.value), Cell::Date(c.rate_date)),
            None => (Cell::Empty, Cell::Empty),
        },
        _ => (Cell::Empty, Cell::Empty),
    }
}

/// The deal columns, with `amount_<to>` and `fx_date` when converting.
pub fn deal_headers(fx: Option<&Conversion>) -> Vec<String> {
    let mut h: Vec<String> = DEAL_COLUMNS.iter().map(|s| s.to_string()).collect();
    if let Some(fx) = fx {
        h.push(fx.column());
        h.push("fx_date".into());
    }
    h
}

/// One deal's row under [`deal_headers`]; `meta` is its article's (title and link).
pub fn deal_row(d: &Deal, fx: Option<&Conversion>, meta: Option<&ArticleMeta>) -> Vec<Cell> {
    let mut row = vec![
        Cell::Text(d.id.clone()),
        Cell::Quoted(d.source.clone()),
        date(d.published),
        Cell::Text(d.language.code().into()),
        Cell::Text(d.deal_type.as_str().into()),
        Cell::Text(d.status.as_str().into()),
        Cell::opt_quoted(d.provider.as_deref()),
        Cell::opt_quoted(d.recipient.as_deref()),
        Cell::Quoted(d.parties.join("; ")),
        Cell::opt_quoted(d.item.as_deref()),
        Cell::opt_int(d.quantity),
        Cell::opt_num(d.amount),
        Cell::opt_text(d.currency.as_deref()),
        // "true" when the currency was taken from the article; empty with no amount.
        Cell::opt_text(
            d.amount
                .map(|_| if d.currency_inferred { "true" } else { "false" }),
        ),
        Cell::opt_text(d.qualifier.map(|q| q.as_str())),
        Cell::opt_num(d.amount_max),
        Cell::Text(d.sector.clone()),
        Cell::Quoted(d.evidence.clone()),
        Cell::Int(d.start as u64),
        Cell::Int(d.end as u64),
        Cell::Quoted(all_sources(d).join("; ")),
        Cell::Quoted(d.notes.join(" | ")),
        Cell::opt_quoted(meta.and_then(|m| m.title.as_deref())),
        Cell::opt_quoted(meta.and_then(|m| m.url.as_deref())),
    ];
    if let Some(fx) = fx {
        let (v, day) = converted(d, fx);
        row.push(v);
        row.push(day);
    }
    row
}

/// Deals, one row each, every column; `meta` gives each article's title and link by source.
pub fn deals(
    deals: &[Deal],
    fx: Option<&Conversion>,
    meta: &std::collections::BTreeMap<String, ArticleMeta>,
) -> Sheet {
    Sheet {
        headers: deal_headers(fx),
        rows: deals
            .iter()
            .map(|d| deal_row(d, fx, meta.get(&d.source)))
            .collect(),
    }
}

fn base_name(s: &str) -> String {
    Path::new(s)
        .file_name()
        .map_or_else(|| s.to_string(), |n| n.to_string_lossy().into_owned())
}

/// Deals for a terminal: the columns a reader scans, file names without their directory.
pub fn deals_compact(deals: &[Deal], fx: Option<&Conversion>) -> Sheet {
    let mut s = Sheet::new(deal_compact_headers(fx));
    s.rows.extend(deals.iter().map(|d| deal_compact_row(d, fx)));
    s
}

/// The columns of [`deals_compact`].
pub fn deal_compact_headers(fx: Option<&Conversion>) -> Vec<String> {
    let mut h: Vec<String> = [
        "source",
        "type",
        "status",
        "provider",
        "recipient",
        "item",
        "qty",
        "amount",
        "cur",
        "sector",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if let Some(fx) = fx {
        h.push(fx.column());
    }
    h
}

/// One deal's row under [`deal_compact_headers`].
pub fn deal_compact_row(d: &Deal, fx: Option<&Conversion>) -> Vec<Cell> {
    let src = all_sources(d)
        .iter()
        .map(|s| base_name(s))
        .collect::<Vec<_>>()
        .join(" + ");
    let mut row = vec![
        Cell::Quoted(src),
        Cell::Text(d.deal_type.as_str().into()),
        Cell::Text(d.status.as_str().into()),
        Cell::opt_quoted(d.provider.as_deref()),
        Cell::opt_quoted(d.recipient.as_deref()),
        Cell::opt_quoted(d.item.as_deref()),
        Cell::opt_int(d.quantity),
        Cell::opt_num(d.amount),
        Cell::opt_text(d.currency.as_deref()),
        Cell::Text(d.sector.clone()),
    ];
    if let Some(fx) = fx {
        row.push(converted(d, fx).0);
    }
    row
}

/// A deal as a JSON value: the `Deal` record with its article's `title` and `url` (null when
/// unknown), plus `amount_<to>` and `fx_date` with `--fx`.
pub fn deal_json(
    d: &Deal,
    fx: Option<&Conversion>,
    meta: Option<&ArticleMeta>,
) -> serde_json::Value {
    let mut v = serde_json::to_value(d).expect("a deal serialises");
    if let Some(obj) = v.as_object_mut() {
        let text = |s: Option<&String>| s.map_or(serde_json::Value::Null, |s| s.as_str().into());
        obj.insert("title".into(), text(meta.and_then(|m| m.title.as_ref())));
        obj.insert("url".into(), text(meta.and_then(|m| m.url.as_ref())));
    }
    if let (Some(fx), Some(obj)) = (fx, v.as_object_mut()) {
        let (val, day) = converted(d, fx);
        let num = match val {
            Cell::Num(n) => serde_json::Value::String(super::plain_decimal(n)),
            _ => serde_json::Value::Null,
        };
        let day = match day {
            Cell::Date(t) => serde_json::Value::String(t.to_string()),
            _ => serde_json::Value::Null,
        };
        obj.insert(fx.column(), num);
        obj.insert("fx_date".into(), day);
    }
    v
}

pub const TOTAL_COLUMNS: [&str; 10] = [
    "id",
    "source",
    "published",
    "language",
    "amount",
    "currency",
    "qualifier",
    "evidence",
    "start",
    "end",
];

/// Announced totals, one row each.
pub fn totals(totals: &[Total]) -> Sheet {
    let mut s = Sheet::new(TOTAL_COLUMNS);
    s.rows.extend(totals.iter().map(total_row));
    s
}

/// One total's row under [`TOTAL_COLUMNS`].
pub fn total_row(t: &Total) -> Vec<Cell> {
    vec![
        Cell::Text(t.id.clone()),
        Cell::Quoted(t.source.clone()),
        date(t.published),
        Cell::Text(t.language.code().into()),
        Cell::Num(t.amount),
        Cell::Text(t.currency.clone()),
        Cell::Text(t.qualifier.as_str().into()),
        Cell::Quoted(t.evidence.clone()),
        Cell::Int(t.start as u64),
        Cell::Int(t.end as u64),
    ]
}

pub const CHECK_COLUMNS: [&str; 17] = [
    "total_id",
    "source",
    "published",
    "total",
    "currency",
    "qualifier",
    "deals",
    "with_value",
    "items_sum",
    "items_sum_max",
    "difference",
    "verdict",
    "explanation",
    "deal_ids",
    "evidence",
    "start",
    "end",
];

/// Checks of announced totals, one row each.
pub fn checks(checks: &[Check]) -> Sheet {
    let mut s = Sheet::new(CHECK_COLUMNS);
    for c in checks {
        s.rows.push(vec![
            Cell::Text(c.total_id.clone()),
            Cell::Quoted(c.source.clone()),
            date(c.published),
            Cell::Num(c.total),
            Cell::Text(c.currency.clone()),
            Cell::Text(c.qualifier.as_str().into()),
            Cell::Int(c.deals as u64),
            Cell::Int(c.with_value as u64),
            Cell::opt_num(c.items_sum),
            Cell::opt_num(c.items_sum_max),
            Cell::opt_num(c.difference),
            Cell::Text(c.verdict.as_str().into()),
            Cell::Text(c.explanation.clone()),
            Cell::Text(c.deal_ids.join("; ")),
            Cell::Quoted(c.evidence.clone()),
            Cell::Int(c.start as u64),
            Cell::Int(c.end as u64),
        ]);
    }
    s
}

/// Checks for a terminal: the article, the figures and the verdict in words.
pub fn checks_compact(checks: &[Check]) -> Sheet {
    let mut s = Sheet::new([
        "source",
        "total",
        "cur",
        "deals",
        "with_value",
        "items_sum",
        "verdict",
    ]);
    for c in checks {
        s.rows.push(vec![
            Cell::Quoted(base_name(&c.source)),
            Cell::Num(c.total),
            Cell::Text(c.currency.clone()),
            Cell::Int(c.deals as u64),
            Cell::Int(c.with_value as u64),
            Cell::opt_num(c.items_sum),
            Cell::Text(c.explanation.clone()),
        ]);
    }
    s
}

/// A summary: the group column, counts, one `sum_<cur>` column per currency, then the converted
/// sum and the count of unconverted deals with `--fx`.
pub fn summary(groups: &[Group], by: GroupBy, fx: Option<&Conversion>) -> Sheet {
    let curs = summary::currencies(groups);
    let mut s = Sheet::new([by.as_str(), "deals", "with_value"]);
    s.headers.extend(
        curs.iter()
            .map(|c| format!("sum_{}", c.to_ascii_lowercase())),
    );
    if let Some(fx) = fx {
        s.headers.push(fx.column());
        s.headers.push("unconverted".into());
    }
    for g in groups {
        let mut row = vec![
            Cell::Quoted(g.key.clone()),
            Cell::Int(g.deals as u64),
            Cell::Int(g.with_value as u64),
        ];
        row.extend(curs.iter().map(|c| Cell::opt_num(g.sums.get(c).copied())));
        if fx.is_some() {
            row.push(Cell::opt_num(g.converted));
            row.push(Cell::opt_int(g.unconverted.map(|n| n as u64)));
        }
        s.rows.push(row);
    }
    s
}

impl Record for AmountRow {
    fn headers() -> &'static [&'static str] {
        &[
            "source",
            "start",
            "end",
            "text",
            "value",
            "value_max",
            "currency",
            "currency_inferred",
            "qualifier",
            "language",
        ]
    }
    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::Quoted(self.source.to_string()),
            Cell::Int(self.start as u64),
            Cell::Int(self.end as u64),
            Cell::Quoted(self.text.clone()),
            Cell::Num(self.value),
            Cell::opt_num(self.value_max),
            Cell::Text(self.currency.clone()),
            Cell::Text(self.currency_inferred.to_string()),
            Cell::Text(self.qualifier.into()),
            Cell::Text(self.language.into()),
        ]
    }
}
