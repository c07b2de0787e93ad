//! `dealtrack amounts`: every monetary amount, one row each.

use clap::Args;

use dealtrack::model::Amount;
use dealtrack::model::Document;
use dealtrack::pipeline::{self, Item, language_of};
use dealtrack::render::stream::RecordStream;
use dealtrack::render::{Cell, Format, Record, output, table, xlsx};
use rust_decimal::Decimal;
use serde::Serialize;

use super::{Diagnostics, InputArgs, OutputArgs};

#[derive(Args, Debug)]
pub struct AmountsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// One amount with where it was found.
#[derive(Debug, Serialize)]
pub struct AmountRow {
    pub source: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub value_max: Option<Decimal>,
    pub currency: String,
    /// The currency was taken from the article, not written beside the number.
    pub currency_inferred: bool,
    pub qualifier: &'static str,
    pub language: &'static str,
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
            Cell::Quoted(self.source.clone()),
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

pub fn run(args: AmountsArgs) -> anyhow::Result<i32> {
    if !args.input.deals.is_empty() {
        anyhow::bail!("amounts reads the articles' text: --deals holds deals only");
    }
    let mut diag = Diagnostics::default();
    let forced = args.input.lang;
    let work = |doc: &Document| {
        let lang = language_of(doc, forced);
        let base = doc.body_start;
        let mut rows = Vec::new();
        for a in dealtrack::amount::amounts(doc.body(), lang) {
            let Amount {
                value,
                value_max,
                currency,
                qualifier,
                start,
                end,
                text,
                currency_inferred,
            } = a;
            rows.push(AmountRow {
                source: doc.source.clone(),
                start: base + start,
                end: base + end,
                text,
                value,
                value_max,
                currency,
                currency_inferred,
                qualifier: qualifier.as_str(),
                language: lang.code(),
            });
        }
        rows
    };
    let fmt = args.output.format();
    let csv = args.output.csv.options();
    let mut input = args.input.clone();
    input.exclude.extend(args.output.output.clone());
    let reader = input.reader()?;
    if matches!(fmt, Format::Table | Format::Xlsx) {
        // A table needs every row for its column widths, a workbook is written whole.
        let mut rows = Vec::new();
        pipeline::run(reader, &args.input.pipeline(), work, |item| match item {
            Item::Done(r) => rows.extend(r),
            Item::Other(ev) => {
                diag.take(ev);
            }
        })?;
        output::with_output(args.output.output.as_deref(), |w| {
            if fmt == Format::Xlsx {
                let sheet = xlsx::sheet_of(&rows);
                xlsx::write_sheets(w, &[("amounts", &sheet)], xlsx::fixed_date())
            } else {
                table::write_table(w, &rows, "amounts")
            }
        })?;
        return Ok(diag.exit_code());
    }
    // Machine formats stream: each document's amounts are written as soon as its turn comes.
    output::with_output(args.output.output.as_deref(), |w| {
        let mut out = RecordStream::start::<AmountRow>(w, fmt, "amounts", csv)?;
        pipeline::try_run(reader, &args.input.pipeline(), work, |item| match item {
            Item::Done(rows) => rows.iter().try_for_each(|r| out.record(r)),
            Item::Other(ev) => {
                diag.take(ev);
                Ok(())
            }
        })?;
        out.finish()
    })?;
    Ok(diag.exit_code())
}
