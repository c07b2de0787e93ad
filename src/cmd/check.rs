//! `dealtrack check`: every announced total against the deals it covers, with a verdict.
//! Exit status 1 when a total is contradicted (its items add up to more), so scripts can act.

use clap::Args;
use dealtrack::error::{EXIT_ERROR, EXIT_MISMATCH, EXIT_OK};
use dealtrack::lexicons::Lexicons;
use dealtrack::reconcile::{self, Tolerance};
use dealtrack::render::{self, Format, output, sheets, table, xlsx};
use rust_decimal::Decimal;

use super::{FxArgs, InputArgs, LedgerArgs, OutputArgs, TrackArgs, gather};

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// How far the items may be from an exact total: a percentage ("0.5%" or "0.5")
    #[arg(long, default_value = "0.5%", value_parser = parse_tolerance)]
    pub tolerance: Decimal,
    #[command(flatten)]
    pub track: TrackArgs,
    #[command(flatten)]
    pub ledger: LedgerArgs,
    #[command(flatten)]
    pub fx: FxArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// "0.5%" or "0.5" → 0.005.
pub fn parse_tolerance(s: &str) -> Result<Decimal, String> {
    let t = s.trim().trim_end_matches('%').trim();
    let v: Decimal = t
        .parse()
        .map_err(|_| format!("tolerance must be a percentage such as 0.5%, got {s:?}"))?;
    if v < Decimal::ZERO || v > Decimal::from(100) {
        return Err(format!("tolerance must be between 0% and 100%, got {s:?}"));
    }
    Ok(v / Decimal::from(100))
}

pub fn run(args: CheckArgs, lex: &Lexicons) -> anyhow::Result<i32> {
    let mut args = args;
    args.input.exclude.extend(args.output.output.clone());
    let fx = args.fx.conversion()?;
    let got = gather(&args.input, &args.track, &args.ledger, lex)?;
    let tol = Tolerance {
        relative: args.tolerance,
    };
    let checks = reconcile::check(
        &got.totals,
        got.deals_for_checks(),
        tol,
        fx.as_ref().map(|c| &c.table),
    );
    let fmt = args.output.format();
    let csv = args.output.csv.options();
    output::with_output(args.output.output.as_deref(), |w| match fmt {
        Format::Csv => render::write_sheet_csv(w, &sheets::checks(&checks), &csv),
        Format::Json => render::write_json(w, &serde_json::json!({ "checks": checks })),
        Format::Jsonl => render::write_jsonl(w, &checks),
        Format::Table => {
            table::write_sheet(w, &sheets::checks_compact(&checks), "announced totals")
        }
        Format::Xlsx => xlsx::write_sheets(
            w,
            &[("checks", &sheets::checks(&checks))],
            xlsx::fixed_date(),
        ),
    })?;
    let contradicted = checks
        .iter()
        .filter(|c| c.verdict.is_contradiction())
        .count();
    if contradicted > 0 {
        eprintln!(
            "dealtrack: {contradicted} of {} announced totals contradicted by their items",
            checks.len()
        );
    }
    Ok(if got.diag.errors > 0 {
        EXIT_ERROR
    } else if contradicted > 0 {
        EXIT_MISMATCH
    } else {
        EXIT_OK
    })
}
