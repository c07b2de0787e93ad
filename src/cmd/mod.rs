//! Subcommands, one file each, and the options they share.

mod amounts;
mod check;
mod extract;
mod history;
mod report;
mod summary;
mod track;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use dealtrack::fx::Conversion;
use dealtrack::lang::Lang;
use dealtrack::lexicons::{Lexicons, UserFiles};
use dealtrack::pipeline::{self, Collected, Diagnostics};
use dealtrack::read::{EncodingChoice, InputFormat, Reader, WalkOptions};
use dealtrack::render::{CsvOptions, Format};
use jiff::civil::Date;

#[derive(Parser, Debug)]
#[command(name = "dealtrack", version, about = "Reads news articles and tracks the deals and contracts they announce", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub lexicons: LexiconArgs,
}

/// User extensions of the built-in lexicons (data/aliases.tsv, sectors.tsv, concepts.tsv, models.tsv).
#[derive(Args, Debug, Clone)]
pub struct LexiconArgs {
    /// Extra entity aliases (TSV: canonical, kind, country, aliases separated by '|'); they win over the built-in ones
    #[arg(long, global = true, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Extra sector keywords (TSV: sector, keywords separated by '|'); they win over the built-in ones
    #[arg(long, global = true, value_name = "FILE")]
    pub sectors: Option<PathBuf>,
    /// Extra concepts for matching one deal across articles (TSV: concept, terms separated by '|')
    #[arg(long, global = true, value_name = "FILE")]
    pub concepts: Option<PathBuf>,
    /// Extra model designations and their makers (TSV: maker, designations separated by '|'); they win over the built-in ones
    #[arg(long, global = true, value_name = "FILE")]
    pub models: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List every monetary amount found in the documents
    Amounts(amounts::AmountsArgs),
    /// Extract deals and announced totals
    Extract(extract::ExtractArgs),
    /// Count and sum deals by sector, type, status, party, currency, language or month
    Summary(summary::SummaryArgs),
    /// Check announced totals against the itemised deals (exit 1 when one is contradicted)
    Check(check::CheckArgs),
    /// Write a dated report directory: CSVs, report.md and a self-contained report.html
    Report(report::ReportArgs),
    /// Ingest articles into a ledger (SQLite): articles, deals, each article's report, totals
    Track(track::TrackCmdArgs),
    /// A deal's timeline in the ledger: every article that reported it and what it changed
    History(history::HistoryArgs),
}

pub fn run(cli: Cli) -> anyhow::Result<i32> {
    // Loaded once, before any input is read: a bad lexicon file stops the run with its name.
    let lex = Lexicons::load(UserFiles {
        aliases: cli.lexicons.aliases.as_deref(),
        sectors: cli.lexicons.sectors.as_deref(),
        concepts: cli.lexicons.concepts.as_deref(),
        models: cli.lexicons.models.as_deref(),
    })?;
    match cli.command {
        Command::Amounts(a) => amounts::run(a, &lex),
        Command::Extract(a) => extract::run(a, &lex),
        Command::Summary(a) => summary::run(a, &lex),
        Command::Check(a) => check::run(a, &lex),
        Command::Report(a) => report::run(a, &lex),
        Command::Track(a) => track::run(a, &lex),
        Command::History(a) => history::run(a),
    }
}

/// Cross-source tracking options.
#[derive(Args, Debug, Clone)]
pub struct TrackArgs {
    /// Keep one row per article: do not merge the same deal reported by several articles
    #[arg(long)]
    pub no_merge: bool,
    /// Articles published more than this many days apart never report the same deal
    #[arg(long, value_name = "DAYS", default_value_t = 30, value_parser = clap::value_parser!(i64).range(0..))]
    pub merge_window: i64,
}

impl TrackArgs {
    pub fn options(&self) -> Option<dealtrack::track::Options> {
        (!self.no_merge).then(|| dealtrack::track::Options {
            window_days: self.merge_window,
            ..Default::default()
        })
    }
}

/// Currency conversion options.
#[derive(Args, Debug, Clone)]
pub struct FxArgs {
    /// Convert amounts with this rates table (CSV: date, currency, rate[, to]; see data/fx/README.md)
    #[arg(long, value_name = "FILE")]
    pub fx: Option<PathBuf>,
    /// The currency to convert to (with --fx)
    #[arg(long, value_name = "CUR", default_value = "USD", requires = "fx")]
    pub to: String,
}

impl FxArgs {
    pub fn conversion(&self) -> anyhow::Result<Option<Conversion>> {
        Ok(match &self.fx {
            Some(p) => Some(Conversion::load(p, &self.to)?),
            None => None,
        })
    }
}

/// Reading from a ledger instead of articles.
#[derive(Args, Debug, Clone)]
pub struct LedgerArgs {
    /// Read deals and totals from this ledger (made by `dealtrack track`) instead of PATHS
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// With --db: only deals and totals reported by articles dated on or after this day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "db")]
    pub since: Option<Date>,
    /// With --db: only deals and totals reported by articles dated on or before this day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "db")]
    pub until: Option<Date>,
}

pub fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
        .map_err(|_| format!("want a date as YYYY-MM-DD, got {s:?}"))
}

/// The deals and totals of the inputs, or of the ledger with `--db`.
pub fn gather(
    input: &InputArgs,
    track: &TrackArgs,
    ledger: &LedgerArgs,
    lex: &Lexicons,
) -> anyhow::Result<Collected> {
    let Some(db) = &ledger.db else {
        return pipeline::collect(input.source()?, &input.extract(track, lex));
    };
    if input.paths.iter().any(|p| p.as_os_str() != "-") {
        anyhow::bail!("give either PATHS or --db {}, not both", db.display());
    }
    let l = dealtrack::ledger::Ledger::open_existing(db)?;
    let loaded = l.load(dealtrack::ledger::Range {
        since: ledger.since,
        until: ledger.until,
    })?;
    let news = match ledger.since {
        Some(d) => Some(l.news(d)?),
        None => None,
    };
    Ok(Collected {
        documents: loaded.articles,
        deals: loaded.deals,
        totals: loaded.totals,
        diag: Diagnostics::default(),
        meta: loaded.meta,
        news,
        accounts: Some(loaded.accounts),
    })
}

/// Which documents to read.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files, directories (read recursively: .txt, .md, .jsonl, .html, .htm, .warc, .warc.gz) or - for stdin [default: -]
    pub paths: Vec<PathBuf>,
    /// Also read hidden files and directories inside directories (names starting with '.')
    #[arg(long)]
    pub hidden: bool,
    /// Also read what .gitignore, .ignore and .git/info/exclude files leave out (and .git itself with --hidden)
    #[arg(long)]
    pub no_ignore: bool,
    /// Language of the documents (vi, de, en); detected per document when not given
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// How to read inputs: by extension (auto), plain text, JSON Lines, HTML pages or WARC archives
    #[arg(long, value_enum, default_value_t = InputKind::Auto)]
    pub input: InputKind,
    /// Character encoding of plain-text files: auto (BOM, UTF-8, else a detected legacy
    /// encoding), or a label such as utf-8, windows-1258, windows-1252, utf-16le
    #[arg(long, default_value = "auto", value_parser = EncodingChoice::parse)]
    pub encoding: EncodingChoice,
    /// Worker threads [default: one per core]; output is the same for any number
    #[arg(short = 'j', long)]
    pub jobs: Option<usize>,
    /// Read deals already extracted instead of articles: JSON Lines from `extract --format jsonl`
    /// (best with --no-merge), a directory of them (a Spark job's part files) or - for stdin;
    /// cross-source tracking, summaries and checks then run over the deals alone
    #[arg(long, value_name = "FILE|DIR", conflicts_with = "paths")]
    pub deals: Vec<PathBuf>,
    /// Name stdin NAME in sources and messages (default -): a job that pipes part of a file
    /// through dealtrack names the file, so its deals are those of a run over the file
    #[arg(long, value_name = "NAME")]
    pub stdin_name: Option<PathBuf>,
    /// Paths never read as input: the output file or report directory of this run.
    #[arg(skip)]
    pub exclude: Vec<PathBuf>,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Auto,
    Text,
    Jsonl,
    Html,
    Warc,
}

impl InputArgs {
    /// The paths to read: stdin (`-`) when none is given.
    pub fn paths(&self) -> Vec<PathBuf> {
        if self.paths.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            self.paths.clone()
        }
    }

    /// A reader of the inputs. With no path given and stdin a terminal there is nothing to read:
    /// an error rather than a silent wait for typing.
    pub fn reader(&self) -> anyhow::Result<Reader> {
        if self.paths.is_empty() && std::io::stdin().is_terminal() {
            anyhow::bail!(
                "no input: give files or directories to read, or pipe articles into stdin (`-` reads the terminal)"
            );
        }
        let fmt = match self.input {
            InputKind::Auto => InputFormat::Auto,
            InputKind::Text => InputFormat::Text,
            InputKind::Jsonl => InputFormat::Jsonl,
            InputKind::Html => InputFormat::Html,
            InputKind::Warc => InputFormat::Warc,
        };
        let walk = WalkOptions {
            hidden: self.hidden,
            no_ignore: self.no_ignore,
            exclude: self.exclude.clone(),
        };
        let r = Reader::with_walk(&self.paths(), fmt, &walk).with_encoding(self.encoding);
        Ok(match &self.stdin_name {
            Some(n) => r.with_stdin_name(n),
            None => r,
        })
    }

    /// What to read: the articles, or with `--deals` the deals already extracted.
    pub fn source(&self) -> anyhow::Result<pipeline::Input> {
        Ok(match self.deals.is_empty() {
            true => pipeline::Input::Articles(Box::new(self.reader()?)),
            false => pipeline::Input::Deals(self.deals.clone()),
        })
    }

    /// How to extract deals, with the tracking options.
    pub fn extract<'l>(
        &self,
        track: &TrackArgs,
        lex: &'l Lexicons,
    ) -> pipeline::ExtractOptions<'l> {
        pipeline::ExtractOptions {
            lexicons: lex,
            lang: self.lang,
            track: track.options(),
            with_text: false,
            run: self.pipeline(),
        }
    }

    /// Options for the parallel pipeline.
    pub fn pipeline(&self) -> pipeline::Options {
        pipeline::Options {
            jobs: self.jobs,
            ..pipeline::Options::default()
        }
    }
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

/// Output format and destination.
#[derive(Args, Debug, Clone)]
pub struct OutputArgs {
    /// Output format [default: table on a terminal, csv otherwise]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to this file (atomically: a temporary file renamed into place) instead of stdout
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub csv: CsvArgs,
}

impl OutputArgs {
    pub fn format(&self) -> Format {
        Format::resolve(self.format, self.output.is_some())
    }
}

/// CSV dialect.
#[derive(Args, Debug, Clone)]
pub struct CsvArgs {
    /// CSV for Excel: UTF-8 byte order mark and CRLF line ends
    #[arg(long)]
    pub excel: bool,
    /// CSV field delimiter (one character; ';' for semicolon locales, 'tab' for tabs); with ';'
    /// numbers get a decimal comma (1234,5), as those locales' spreadsheets read them
    #[arg(long, default_value = ",", value_parser = parse_delimiter)]
    pub delimiter: u8,
    /// Do not neutralise cells that a spreadsheet would read as a formula
    #[arg(long)]
    pub no_formula_guard: bool,
}

impl CsvArgs {
    pub fn options(&self) -> CsvOptions {
        CsvOptions {
            delimiter: self.delimiter,
            decimal_comma: self.delimiter == b';',
            excel: self.excel,
            neutralise_formulas: !self.no_formula_guard,
        }
    }
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(format!("delimiter must be one ASCII character, got {s:?}")),
    }
}
