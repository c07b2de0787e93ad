//! The `dealtrack` command line: parses arguments, runs one subcommand, maps the outcome to an
//! exit code (0 ok, 1 `check` found a contradicted total, 2 error). Diagnostics go to stderr.

mod cmd;

use clap::Parser;
use dealtrack::error::{EXIT_ERROR, is_broken_pipe};

/// mimalloc: the per-thread allocator keeps the worker threads from queueing on glibc malloc's
/// arena locks (measured in BENCHMARKS.md). Built with `no_thp`: where transparent huge pages are
/// on request (`madvise`), mimalloc asks for them, and each 2 MiB page it touches is then resident
/// in full: 15 MB more at start, 12 MB more on a 100 MB corpus, for no measurable speed.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = cmd::Cli::parse();
    dealtrack::pipeline::quiet_worker_panics();
    let code = match cmd::run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => 0,
        Err(err) => {
            eprintln!("dealtrack: {err:#}");
            EXIT_ERROR
        }
    };
    std::process::exit(code);
}
