//! `dealtrack amounts`: every monetary amount, one row each.

use clap::Args;
use dealtrack::lexicons::Lexicons;
use dealtrack::pipeline::{self, Diagnostics};
use dealtrack::render::output;
use dealtrack::render::sink::{Schema, for_format};
use dealtrack::sink::Buffer;

use super::{InputArgs, OutputArgs};

#[derive(Args, Debug)]
pub struct AmountsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: AmountsArgs, lex: &Lexicons) -> anyhow::Result<i32> {
    if !args.input.deals.is_empty() {
        anyhow::bail!("amounts reads the articles' text: --deals holds deals only");
    }
    let mut diag = Diagnostics::default();
    let fmt = args.output.format();
    let csv = args.output.csv.options();
    let mut input = args.input.clone();
    input.exclude.extend(args.output.output.clone());
    let reader = input.reader()?;
    let (lang, opts) = (args.input.lang, args.input.pipeline());
    let path = args.output.output.as_deref();
    if !fmt.streams() {
        // A table needs every row for its column widths, a workbook is written whole.
        let mut rows = Buffer::default();
        pipeline::amounts(reader, lang, lex, &opts, &mut rows, &mut diag)?;
        output::with_output(path, |w| {
            rows.replay(&mut *for_format(fmt, w, Schema::Amounts, csv)?)
        })?;
        return Ok(diag.exit_code());
    }
    // Machine formats stream: each document's amounts are written as soon as its turn comes.
    output::with_output(path, |w| {
        let mut sink = for_format(fmt, w, Schema::Amounts, csv)?;
        pipeline::amounts(reader, lang, lex, &opts, &mut *sink, &mut diag)
    })?;
    Ok(diag.exit_code())
}
