//! `dealtrack track PATHS --db FILE`: ingests articles into the ledger (see `dealtrack::ledger`).
//! One transaction per batch; articles already in the ledger change nothing.

use std::path::PathBuf;

use clap::Args;
use dealtrack::ledger::{Article, Ingested, Ledger};
use dealtrack::pipeline::{self, Diagnostics, Item};

use super::InputArgs;

#[derive(Args, Debug)]
pub struct TrackCmdArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The ledger file (SQLite; created if missing)
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// A report joins a known deal only if published within this many days of its last report
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
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

pub fn run(args: TrackCmdArgs) -> anyhow::Result<i32> {
    let mut ledger = Ledger::open(&args.db)?;
    ledger.window_days = args.merge_window;
    let stamp = now();
    let forced = args.input.lang;
    let mut diag = Diagnostics::default();
    let mut batch: Vec<Article> = Vec::new();
    let mut total = Ingested::default();
    let mut failed: Option<anyhow::Error> = None;
    let size = args.batch.max(1);
    let mut input = args.input.clone();
    input.exclude.push(args.db.clone());
    pipeline::try_run(
        input.reader()?,
        &args.input.pipeline(),
        |doc| {
            let lang = pipeline::language_of(doc, forced);
            let (ex, _) = pipeline::prepare(doc, forced, false);
            Article::of(doc, lang, ex.deals, ex.totals)
        },
        |item| {
            match item {
                Item::Done(a) => batch.push(a),
                Item::Other(ev) => {
                    diag.take(ev);
                }
            }
            if batch.len() >= size {
                match ledger.ingest(std::mem::take(&mut batch), &stamp) {
                    Ok(s) => total += s,
                    Err(e) => {
                        failed = Some(e);
                        return Err(std::io::Error::other("ledger write failed"));
                    }
                }
            }
            Ok(())
        },
    )
    .or_else(|e| if failed.is_some() { Ok(0) } else { Err(e) })?;
    if let Some(e) = failed {
        return Err(e);
    }
    if !batch.is_empty() {
        total += ledger.ingest(batch, &stamp)?;
    }
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
