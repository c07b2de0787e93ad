//! `dealtrack summary`: deals counted and summed per group, one sum per currency.

use clap::Args;
use dealtrack::lexicons::Lexicons;
use dealtrack::render::{self, Format, output, sheets, table, xlsx};
use dealtrack::summary::{GroupBy, summarise};

use super::{FxArgs, InputArgs, LedgerArgs, OutputArgs, TrackArgs, gather};

#[derive(Args, Debug)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// What to group the deals by
    #[arg(long, value_enum, default_value_t = GroupBy::Sector)]
    pub by: GroupBy,
    #[command(flatten)]
    pub track: TrackArgs,
    #[command(flatten)]
    pub ledger: LedgerArgs,
    #[command(flatten)]
    pub fx: FxArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: SummaryArgs, lex: &Lexicons) -> anyhow::Result<i32> {
    let mut args = args;
    args.input.exclude.extend(args.output.output.clone());
    let fx = args.fx.conversion()?;
    let got = gather(&args.input, &args.track, &args.ledger, lex)?;
    let groups = summarise(&got.deals, args.by, fx.as_ref());
    let sheet = sheets::summary(&groups, args.by, fx.as_ref());
    let fmt = args.output.format();
    let csv = args.output.csv.options();
    output::with_output(args.output.output.as_deref(), |w| match fmt {
        Format::Csv => render::write_sheet_csv(w, &sheet, &csv),
        Format::Json => render::write_json(
            w,
            &serde_json::json!({ "by": args.by.as_str(), "groups": groups }),
        ),
        Format::Jsonl => render::write_jsonl(w, &groups),
        Format::Table => table::write_sheet(w, &sheet, "deals"),
        Format::Xlsx => xlsx::write_sheets(w, &[(args.by.as_str(), &sheet)], xlsx::fixed_date()),
    })?;
    Ok(got.diag.exit_code())
}
