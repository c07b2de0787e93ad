//! `dealtrack track PATHS --db FILE`: ingests articles into the ledger (see `dealtrack::ledger`).
//! One transaction per batch; articles already in the ledger change nothing.

use std::path::PathBuf;

use clap::Args;
use dealtrack::ledger::Ledger;
use dealtrack::lexicons::Lexicons;
use dealtrack::pipeline::{self, Diagnostics};

use super::InputArgs;

#[derive(Args, Debug)]
pub struct TrackCmdArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The ledger file (SQLite; created if missing)
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// A report joins a known deal only if published within this many days of its last report
    #[arg(long, value_name = "DAYS", default_value_t = 30, value_parser = clap::value_parser!(i64).range(0..))]
    pub merge_window: i64,
    /// Articles per transaction
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub batch: usize,
}

/// The UTC time of this run, recorded as `ingested_at` (whole seconds).
fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

pub fn run(args: TrackCmdArgs, lex: &Lexicons) -> anyhow::Result<i32> {
    let mut ledger = Ledger::open(&args.db)?;
    ledger.window_days = args.merge_window;
    let stamp = now();
    let mut diag = Diagnostics::default();
    let mut input = args.input.clone();
    input.exclude.push(args.db.clone());
    let total = pipeline::ingest(
        input.reader()?,
        &pipeline::ExtractOptions {
            lexicons: lex,
            lang: args.input.lang,
            track: None,
            with_text: false,
            run: args.input.pipeline(),
        },
        &mut ledger,
        args.batch,
        &stamp,
        &mut diag,
    )?;
    println!(
        "{}: {} articles added ({} already there), {} new deals, {} reports of known deals, {} announced totals",
        args.db.display(),
        total.articles,
        total.known,
        total.new_deals,
        total.updated_deals,
        total.totals
    );
    Ok(diag.exit_code())
}
