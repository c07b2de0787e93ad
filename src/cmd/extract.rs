//! `dealtrack extract`: the deals and announced totals of the documents.

use clap::Args;
use dealtrack::model::Total;
use dealtrack::render::{self, Format, output, sheets, table};
use serde::Serialize;

use super::{FxArgs, InputArgs, OutputArgs, TrackArgs, collect};

#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub track: TrackArgs,
    #[command(flatten)]
    pub fx: FxArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Serialize)]
#[serde(tag = "record", rename_all = "lowercase")]
enum Line<'a> {
    Deal(&'a serde_json::Value),
    Total(&'a Total),
}

pub fn run(args: ExtractArgs) -> anyhow::Result<i32> {
    let fx = args.fx.conversion()?;
    let got = collect(&args.input, &args.track)?;
    let fmt = args.output.format();
    let csv = args.output.csv.options();
    output::with_output(args.output.output.as_deref(), |w| match fmt {
        Format::Csv => render::write_sheet_csv(w, &sheets::deals(&got.deals, fx.as_ref()), &csv),
        Format::Json => render::write_json(
            w,
            &serde_json::json!({
                "deals": sheets::deals_json(&got.deals, fx.as_ref()),
                "totals": got.totals,
            }),
        ),
        Format::Jsonl => {
            let deals = sheets::deals_json(&got.deals, fx.as_ref());
            let lines: Vec<Line> = deals
                .iter()
                .map(Line::Deal)
                .chain(got.totals.iter().map(Line::Total))
                .collect();
            render::write_jsonl(w, &lines)
        }
        Format::Table => {
            table::write_sheet(
                &mut *w,
                &sheets::deals_compact(&got.deals, fx.as_ref()),
                "deals",
            )?;
            if !got.totals.is_empty() {
                writeln!(
                    w,
                    "\nAnnounced totals (dealtrack check compares them with the deals)"
                )?;
                table::write_sheet(&mut *w, &sheets::totals(&got.totals), "totals")?;
            }
            Ok(())
        }
    })?;
    Ok(got.diag.exit_code())
}
