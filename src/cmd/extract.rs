//! `dealtrack extract`: the deals and announced totals of the documents.
//!
//! CSV, JSON and JSON Lines are written as the deals become final ([`pipeline::extract`]), so
//! memory stays bounded on any corpus (only the open deals of cross-source tracking are kept, and
//! the announced totals wait in a temporary file); the terminal table and the workbook are laid
//! out once everything is read ([`pipeline::collect`]).

use clap::Args;
use dealtrack::lexicons::Lexicons;
use dealtrack::pipeline::{self, Diagnostics};
use dealtrack::render::output;
use dealtrack::render::sink::{Schema, for_format};

use super::{FxArgs, InputArgs, OutputArgs, TrackArgs};

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
    /// With --format json or jsonl: also write each document's text (as extracted from HTML or
    /// WARC: the text that byte spans refer to), title, date and URL
    #[arg(long)]
    pub with_text: bool,
}

pub fn run(args: ExtractArgs, lex: &Lexicons) -> anyhow::Result<i32> {
    let mut args = args;
    args.input.exclude.extend(args.output.output.clone());
    let fx = args.fx.conversion()?;
    let fmt = args.output.format();
    let csv = args.output.csv.options();
    let schema = Schema::Deals {
        fx: fx.as_ref(),
        with_text: args.with_text,
    };
    let opts = pipeline::ExtractOptions {
        with_text: args.with_text,
        ..args.input.extract(&args.track, lex)
    };
    let input = args.input.source()?;
    let path = args.output.output.as_deref();
    if !fmt.streams() {
        // Every deal read first, then the output opened and laid out.
        let got = pipeline::collect(input, &opts)?;
        output::with_output(path, |w| got.replay(&mut *for_format(fmt, w, schema, csv)?))?;
        return Ok(got.diag.exit_code());
    }
    let mut diag = Diagnostics::default();
    output::with_output(path, |w| {
        let mut sink = for_format(fmt, w, schema, csv)?;
        pipeline::extract(input, &opts, &mut *sink, &mut diag)
    })?;
    Ok(diag.exit_code())
}
