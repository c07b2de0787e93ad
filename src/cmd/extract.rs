//! `dealtrack extract`: the deals and announced totals of the documents.

use clap::Args;
use dealtrack::model::{Deal, Total};
use dealtrack::pipeline::{self, Item, language_of};
use dealtrack::render::{self, Cell, Format, Record, output, table};
use serde::Serialize;

use super::{Diagnostics, InputArgs, OutputArgs};

#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// CSV/table view of a deal (the JSON is the `Deal` itself).
pub struct DealRow<'a>(pub &'a Deal);

impl Serialize for DealRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Record for DealRow<'_> {
    fn headers() -> &'static [&'static str] {
        &[
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
            "qualifier",
            "amount_max",
            "sector",
            "evidence",
            "start",
            "end",
        ]
    }
    fn cells(&self) -> Vec<Cell> {
        let d = self.0;
        vec![
            Cell::Text(d.id.clone()),
            Cell::Quoted(d.source.clone()),
            Cell::opt_text(d.published.map(|p| p.to_string()).as_deref()),
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
            Cell::opt_text(d.qualifier.map(|q| q.as_str())),
            Cell::opt_num(d.amount_max),
            Cell::Text(d.sector.clone()),
            Cell::Quoted(d.evidence.clone()),
            Cell::Int(d.start as u64),
            Cell::Int(d.end as u64),
        ]
    }
}

/// CSV/table view of an announced total.
pub struct TotalRow<'a>(pub &'a Total);

impl Serialize for TotalRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Record for TotalRow<'_> {
    fn headers() -> &'static [&'static str] {
        &[
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
        ]
    }
    fn cells(&self) -> Vec<Cell> {
        let t = self.0;
        vec![
            Cell::Text(t.id.clone()),
            Cell::Quoted(t.source.clone()),
            Cell::opt_text(t.published.map(|p| p.to_string()).as_deref()),
            Cell::Text(t.language.code().into()),
            Cell::Num(t.amount),
            Cell::Text(t.currency.clone()),
            Cell::Text(t.qualifier.as_str().into()),
            Cell::Quoted(t.evidence.clone()),
            Cell::Int(t.start as u64),
            Cell::Int(t.end as u64),
        ]
    }
}

#[derive(Serialize)]
#[serde(tag = "record", rename_all = "lowercase")]
enum Line<'a> {
    Deal(&'a Deal),
    Total(&'a Total),
}

pub fn run(args: ExtractArgs) -> anyhow::Result<i32> {
    let mut diag = Diagnostics::default();
    let mut deals = Vec::new();
    let mut totals = Vec::new();
    let forced = args.input.lang;
    pipeline::run(
        args.input.reader(),
        &args.input.pipeline(),
        |doc| dealtrack::deal::extract(doc, language_of(doc, forced)),
        |item| match item {
            Item::Done(ex) => {
                deals.extend(ex.deals);
                totals.extend(ex.totals);
            }
            Item::Other(ev) => {
                diag.take(ev);
            }
        },
    )?;
    let fmt = args.output.format();
    let csv = args.output.csv.options();
    let deal_rows: Vec<DealRow> = deals.iter().map(DealRow).collect();
    let total_rows: Vec<TotalRow> = totals.iter().map(TotalRow).collect();
    output::with_output(args.output.output.as_deref(), |w| match fmt {
        Format::Csv => render::write_csv(w, &deal_rows, &csv),
        Format::Json => {
            render::write_json(w, &serde_json::json!({ "deals": deals, "totals": totals }))
        }
        Format::Jsonl => {
            let lines: Vec<Line> = deals
                .iter()
                .map(Line::Deal)
                .chain(totals.iter().map(Line::Total))
                .collect();
            render::write_jsonl(w, &lines)
        }
        Format::Table => {
            table::write_table(&mut *w, &deal_rows, "deals")?;
            if !total_rows.is_empty() {
                writeln!(w, "\nAnnounced totals")?;
                table::write_table(&mut *w, &total_rows, "totals")?;
            }
            Ok(())
        }
    })?;
    Ok(diag.exit_code())
}
