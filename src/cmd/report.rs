//! `dealtrack report`: a dated report directory for cron. Quiet on success; one line per problem
//! on stderr; exit 0 written, 1 written and a total is contradicted, 2 not written (the previous
//! report is left whole).

use dealtrack::lexicons::Lexicons;
use std::path::PathBuf;

use clap::Args;
use dealtrack::error::{EXIT_ERROR, EXIT_MISMATCH, EXIT_OK};
use dealtrack::reconcile::{self, Tolerance};
use dealtrack::report::{self, Contents};
use jiff::civil::Date;
use rust_decimal::Decimal;

use super::{
    CsvArgs, FxArgs, InputArgs, LedgerArgs, TrackArgs, check::parse_tolerance, gather, parse_date,
};

#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The directory that holds the dated reports and the `latest` link
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The report's date (its directory name) [default: today, local time]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Date>,
    /// Write the report even when some inputs could not be read (exit status is still 2)
    #[arg(long)]
    pub keep_going: bool,
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
    pub csv: CsvArgs,
}

pub fn run(args: ReportArgs, lex: &Lexicons) -> anyhow::Result<i32> {
    let mut args = args;
    args.input.exclude.push(args.out.clone());
    let fx = args.fx.conversion()?;
    let date = match args.date {
        Some(d) => d,
        None => jiff::Zoned::now().date(),
    };
    let got = gather(&args.input, &args.track, &args.ledger, lex)?;
    if got.diag.errors > 0 && !args.keep_going {
        eprintln!(
            "dealtrack: report not written: {} inputs could not be read (--keep-going writes it anyway)",
            got.diag.errors
        );
        return Ok(EXIT_ERROR);
    }
    let checks = reconcile::check(
        &got.totals,
        got.deals_for_checks(),
        Tolerance {
            relative: args.tolerance,
        },
        fx.as_ref().map(|c| &c.table),
    );
    let contents = Contents {
        date,
        documents: got.documents,
        deals: &got.deals,
        totals: &got.totals,
        checks: &checks,
        fx: fx.as_ref(),
        meta: &got.meta,
        news: args.ledger.since.zip(got.news.as_ref()),
    };
    report::write(&args.out, &contents, &args.csv.options())?;
    let contradicted = checks
        .iter()
        .filter(|c| c.verdict.is_contradiction())
        .count();
    if contradicted > 0 {
        eprintln!("dealtrack: {contradicted} announced totals contradicted by their items");
    }
    Ok(if got.diag.errors > 0 {
        EXIT_ERROR
    } else if contradicted > 0 {
        EXIT_MISMATCH
    } else {
        EXIT_OK
    })
}
