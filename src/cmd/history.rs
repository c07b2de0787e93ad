//! `dealtrack history ID --db FILE`: a deal's timeline in the ledger, one row per article that
//! reported it, oldest first, with what each report changed.

use std::path::PathBuf;

use clap::Args;
use dealtrack::ledger::Ledger;
use dealtrack::render::{self, Cell, Format, Sheet, output, table};

use super::OutputArgs;

#[derive(Args, Debug)]
pub struct HistoryArgs {
    /// The deal's id (as in `extract`, `report` or the ledger's `deals` table)
    pub id: String,
    /// The ledger file
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: HistoryArgs) -> anyhow::Result<i32> {
    let ledger = Ledger::open_existing(&args.db)?;
    let Some(h) = ledger.history(&args.id)? else {
        anyhow::bail!("{}: no deal with id {:?}", args.db.display(), args.id);
    };
    let mut sheet = Sheet::new([
        "date", "article", "type", "status", "qty", "amount", "cur", "changes", "evidence",
    ]);
    for s in &h.steps {
        let date = if s.dated {
            s.date.clone()
        } else {
            format!("{} (ingested)", s.date)
        };
        sheet.rows.push(vec![
            Cell::Text(date),
            Cell::Quoted(s.title.clone().unwrap_or_else(|| s.source.clone())),
            Cell::Text(s.deal_type.clone()),
            Cell::Text(s.status.clone()),
            Cell::opt_int(s.quantity),
            Cell::opt_num(s.amount),
            Cell::opt_text(s.currency.as_deref()),
            Cell::Text(s.changes.join("; ")),
            Cell::Quoted(s.evidence.clone()),
        ]);
    }
    let fmt = args.output.format();
    let csv = args.output.csv.options();
    let d = &h.deal;
    output::with_output(args.output.output.as_deref(), |w| match fmt {
        Format::Csv => render::write_sheet_csv(w, &sheet, &csv),
        Format::Json => render::write_json(w, &h),
        Format::Jsonl => render::write_jsonl(w, &h.steps),
        Format::Xlsx => {
            render::xlsx::write_sheets(w, &[("history", &sheet)], render::xlsx::fixed_date())
        }
        Format::Table => {
            writeln!(
                w,
                "deal {}: {} {}, {} ({})",
                d.id,
                d.status.as_str(),
                d.deal_type.as_str(),
                d.parties.join(", "),
                d.item.as_deref().unwrap_or("no item named")
            )?;
            table::write_sheet(w, &sheet, "reports")
        }
    })?;
    Ok(0)
}
