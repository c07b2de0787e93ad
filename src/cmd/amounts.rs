//! `dealtrack amounts`: every monetary amount, one row each.

use clap::Args;

use dealtrack::model::Amount;
use dealtrack::model::Document;
use dealtrack::pipeline::{self, Item, language_of};
use dealtrack::render::sink::{Schema, for_format};
use dealtrack::render::{Format, output};
use dealtrack::sink::{AmountRow, Buffer, Sink};

use super::{Diagnostics, InputArgs, OutputArgs};

#[derive(Args, Debug)]
pub struct AmountsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
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
        let mut rows = Buffer::default();
        pipeline::try_run(reader, &args.input.pipeline(), work, |item| match item {
            Item::Done(r) => r.iter().try_for_each(|r| rows.amount(r)),
            Item::Other(ev) => {
                diag.take(ev);
                Ok(())
            }
        })?;
        output::with_output(args.output.output.as_deref(), |w| {
            rows.replay(&mut *for_format(fmt, w, Schema::Amounts, csv)?)
        })?;
        return Ok(diag.exit_code());
    }
    // Machine formats stream: each document's amounts are written as soon as its turn comes.
    output::with_output(args.output.output.as_deref(), |w| {
        let mut out = for_format(fmt, w, Schema::Amounts, csv)?;
        out.begin()?;
        pipeline::try_run(reader, &args.input.pipeline(), work, |item| match item {
            Item::Done(rows) => rows.iter().try_for_each(|r| out.amount(r)),
            Item::Other(ev) => {
                diag.take(ev);
                Ok(())
            }
        })?;
        out.finish()
    })?;
    Ok(diag.exit_code())
}
