//! Scheduled reports: a dated directory of CSVs, a Markdown summary and a self-contained HTML page.
//!
//! Every file is written into a temporary directory beside the target, which is renamed into place
//! only when all files are complete: a failed or interrupted run leaves the previous report whole.
//! The same input gives byte-identical files (no clock, no random order, no absolute paths).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::error::Error;
use crate::fx::Conversion;
use crate::ledger::News;
use crate::model::{ArticleMeta, Deal, Total};
use crate::number::grouped;
use crate::reconcile::Check;
use crate::render::output::{ensure_dir, guard_temp, release_temp};
use crate::render::{self, Cell, CsvOptions, Sheet, sheets};
use crate::summary::{self, Group, GroupBy};

/// The files of a report, in the order they are written.
pub const FILES: [&str; 6] = [
    "deals.csv",
    "totals.csv",
    "by_sector.csv",
    "report.md",
    "report.html",
    "report.xlsx",
];

/// Test hook: fail after writing this many files (simulates a crash or a full disk midway).
pub const FAIL_AFTER_ENV: &str = "DEALTRACK_REPORT_FAIL_AFTER";
/// Test hook: after writing this many files, say `stalled` on stderr and wait a minute, so a test
/// can interrupt a report in the middle of writing.
pub const STALL_AFTER_ENV: &str = "DEALTRACK_REPORT_STALL_AFTER";

/// What a report is made of.
pub struct Contents<'a> {
    pub date: Date,
    pub documents: usize,
    pub deals: &'a [Deal],
    pub totals: &'a [Total],
    pub checks: &'a [Check],
    pub fx: Option<&'a Conversion>,
    /// Title, link and date of each article, by source (empty when unknown).
    pub meta: &'a BTreeMap<String, ArticleMeta>,
    /// From a ledger with `--since`: the day, and what is new or changed since.
    pub news: Option<(Date, &'a News)>,
}

/// How many deals the page shows (the largest first); every deal is in deals.csv.
pub const PAGE_DEALS: usize = 50;

/// Writes `dir/DATE/` atomically and points `dir/latest` at it (unless a later report exists).
/// Returns the report's directory.
pub fn write(dir: &Path, c: &Contents, csv: &CsvOptions) -> Result<PathBuf, Error> {
    ensure_dir(dir)?;
    remove_stale(dir);
    let name = c.date.to_string();
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.{}.", std::process::id()))
        .suffix(".tmp")
        .tempdir_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    guard_temp(tmp.path());
    let result = fill(tmp.path(), c, csv);
    let tmp_path = tmp.path().to_path_buf();
    if let Err(e) = result {
        drop(tmp); // removes the partial report
        release_temp(&tmp_path);
        return Err(e);
    }
    let tmp_path = tmp.keep();
    let target = dir.join(&name);
    let swapped = swap_into_place(&tmp_path, &target);
    release_temp(&tmp_path);
    if let Err(e) = swapped {
        let _ = fs::remove_dir_all(&tmp_path);
        return Err(e);
    }
    update_latest(dir, c.date)?;
    Ok(target)
}

/// A temporary directory older than this is stale even if a process of its number runs (the
/// number was reused): writing a report takes seconds.
pub const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes what a killed run left in `dir`: its temporary report directories
/// (`.YYYY-MM-DD.PID.XXXXXX.tmp`) and old reports being swapped out (`.old.PID.XXXXXX`), when
/// the process PID is gone or the directory is older than [`STALE_AFTER`]. Nothing else is
/// touched: another run writing into `dir` at the same time keeps its own.
pub fn remove_stale(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(temp_owner) else {
            continue;
        };
        if !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if (old || !process_runs(pid))
            && pid != std::process::id()
            && fs::remove_dir_all(e.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// The process number in the name of a temporary directory this module makes, if it is one.
fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let (pid, random) = if let Some(r) = rest.strip_prefix("old.") {
        r.split_once('.')?
    } else {
        let r = rest.strip_suffix(".tmp")?;
        let (date, r) = r.split_once('.')?;
        date.parse::<Date>().ok()?;
        r.split_once('.')?
    };
    (!random.is_empty() && !random.contains('.')).then_some(())?;
    pid.parse().ok()
}

/// Whether a process with this number runs (on systems without `/proc`, assumed so: only age
/// then makes a directory stale).
fn process_runs(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// Renames the finished directory over the old one: old → hidden name, new → target, old removed.
fn swap_into_place(new: &Path, target: &Path) -> Result<(), Error> {
    if target.exists() {
        let parent = target.parent().unwrap_or(Path::new("."));
        let old = tempfile::Builder::new()
            .prefix(&format!(".old.{}.", std::process::id()))
            .tempdir_in(parent)
            .map_err(|e| Error::io(parent, e))?
            .keep();
        let old_report = old.join("report");
        fs::rename(target, &old_report).map_err(|e| Error::io(target, e))?;
        if let Err(e) = fs::rename(new, target) {
            let _ = fs::rename(&old_report, target);
            let _ = fs::remove_dir_all(&old);
            return Err(Error::io(target, e));
        }
        let _ = fs::remove_dir_all(&old);
    } else {
        fs::rename(new, target).map_err(|e| Error::io(target, e))?;
    }
    Ok(())
}

/// `dir/latest` → the newest report: a relative symbolic link, replaced atomically.
fn update_latest(dir: &Path, date: Date) -> Result<(), Error> {
    let latest = dir.join("latest");
    let current: Option<Date> = fs::read_link(&latest)
        .ok()
        .and_then(|p| p.to_str().and_then(|s| s.parse().ok()));
    if current.is_some_and(|d| d > date) {
        return Ok(()); // a backfill does not move `latest`
    }
    if latest.exists() && fs::read_link(&latest).is_err() {
        return Err(Error::bad(
            &latest,
            "exists and is not a link made by dealtrack; remove it to let reports update it",
        ));
    }
    let tmp = dir.join(format!(".latest.{}.tmp", std::process::id()));
    let _ = fs::remove_file(&tmp);
    link(&date.to_string(), &tmp).map_err(|e| Error::io(&tmp, e))?;
    fs::rename(&tmp, &latest).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::io(&latest, e)
    })
}

#[cfg(unix)]
fn link(target: &str, at: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, at)
}

#[cfg(not(unix))]
fn link(target: &str, at: &Path) -> std::io::Result<()> {
    // No symbolic links for ordinary users: `latest` is a file naming the newest report.
    fs::write(at, format!("{target}\n"))
}

fn fill(dir: &Path, c: &Contents, csv: &CsvOptions) -> Result<(), Error> {
    let fail_after: Option<usize> = std::env::var(FAIL_AFTER_ENV)
        .ok()
        .and_then(|v| v.parse().ok());
    let stall_after: Option<usize> = std::env::var(STALL_AFTER_ENV)
        .ok()
        .and_then(|v| v.parse().ok());
    let groups = summary::summarise(c.deals, GroupBy::Sector, c.fx);
    for (i, name) in FILES.iter().enumerate() {
        if stall_after == Some(i) {
            eprintln!("dealtrack: stalled");
            std::thread::sleep(std::time::Duration::from_secs(60));
        }
        if fail_after == Some(i) {
            return Err(Error::bad(
                dir.join(name),
                format!("not written: failure injected by {FAIL_AFTER_ENV}"),
            ));
        }
        let bytes = match *name {
            "deals.csv" => csv_bytes(&sheets::deals(c.deals, c.fx, c.meta), csv),
            "totals.csv" => csv_bytes(&sheets::checks(c.checks), csv),
            "by_sector.csv" => csv_bytes(&sheets::summary(&groups, GroupBy::Sector, c.fx), csv),
            "report.xlsx" => crate::render::xlsx::workbook(
                &[
                    ("deals", &sheets::deals(c.deals, c.fx, c.meta)),
                    ("totals", &sheets::checks(c.checks)),
                    (
                        "by_sector",
                        &sheets::summary(&groups, GroupBy::Sector, c.fx),
                    ),
                ],
                c.date,
            )
            .map_err(|e| Error::io(dir.join(name), e))?,
            "report.md" => markdown(c, &groups).into_bytes(),
            _ => html(c, &groups).into_bytes(),
        };
        let p = dir.join(name);
        fs::write(&p, bytes).map_err(|e| Error::io(&p, e))?;
    }
    Ok(())
}

fn csv_bytes(sheet: &Sheet, opts: &CsvOptions) -> Vec<u8> {
    let mut v = Vec::new();
    render::write_sheet_csv(&mut v, sheet, opts).expect("writing to memory");
    v
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(s) | Cell::Quoted(s) => s.clone(),
        Cell::Num(d) => grouped(*d),
        Cell::Int(n) => n.to_string(),
        Cell::Date(d) => d.to_string(),
        Cell::Empty => String::new(),
    }
}

fn base_name(s: &str) -> String {
    Path::new(s)
        .file_name()
        .map_or_else(|| s.to_string(), |n| n.to_string_lossy().into_owned())
}

/// The headline numbers, shared by both renderings.
struct Headline {
    tracked_across: usize,
    contradicted: usize,
    sources: BTreeMap<String, (usize, usize)>,
}

fn headline(c: &Contents) -> Headline {
    let mut sources: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for d in c.deals {
        for s in sheets::all_sources(d) {
            sources.entry(s.to_string()).or_default().0 += 1;
        }
    }
    for t in c.totals {
        sources.entry(t.source.clone()).or_default().1 += 1;
    }
    Headline {
        tracked_across: c.deals.iter().filter(|d| d.sources.len() > 1).count(),
        contradicted: c
            .checks
            .iter()
            .filter(|k| k.verdict.is_contradiction())
            .count(),
        sources,
    }
}

/// The largest deals: by converted value with `--fx`, else per currency by stated value.
fn largest<'a>(c: &Contents<'a>, n: usize) -> Vec<&'a Deal> {
    let mut valued: Vec<&Deal> = c.deals.iter().filter(|d| d.amount.is_some()).collect();
    let key = |d: &Deal| -> (String, Decimal) {
        match c.fx {
            Some(fx) => (
                String::new(),
                d.amount
                    .zip(d.currency.as_deref())
                    .and_then(|(v, cur)| fx.convert(v, cur, d.published))
                    .map_or(Decimal::MIN, |x| x.value),
            ),
            None => (
                d.currency.clone().unwrap_or_default(),
                d.amount.unwrap_or_default(),
            ),
        }
    };
    valued.sort_by(|a, b| {
        let (ca, va) = key(a);
        let (cb, vb) = key(b);
        ca.cmp(&cb).then(vb.cmp(&va)).then(a.id.cmp(&b.id))
    });
    valued.truncate(n);
    valued
}

/// Text from articles made safe in Markdown: HTML is escaped (a Markdown renderer passes raw HTML
/// through), and the characters that make links, emphasis, code or table cells are backslashed.
pub fn md_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '\n' | '\r' => o.push(' '),
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' => {
                o.push('\\');
                o.push(ch);
            }
            _ => o.push(ch),
        }
    }
    o
}

fn md_table(out: &mut String, sheet: &Sheet) {
    let _ = writeln!(out, "| {} |", sheet.headers.join(" | "));
    let aligns: Vec<&str> = (0..sheet.headers.len())
        .map(|i| {
            if sheet.rows.iter().any(|r| r[i].is_numeric()) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    let _ = writeln!(out, "|{}|", aligns.join("|"));
    for r in &sheet.rows {
        let cells: Vec<String> = r.iter().map(|c| md_escape(&cell_text(c))).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}

/// The report's opening sentence: what was read and found (numbers only, safe in HTML).
fn counts_line(c: &Contents, h: &Headline) -> String {
    format!(
        "{} articles read; {} deals ({} reported by more than one article); {} announced totals, {} contradicted by their items.",
        c.documents,
        c.deals.len(),
        h.tracked_across,
        c.totals.len(),
        h.contradicted
    )
}

/// The deals the page shows: those with a stated value, largest first (by converted value with
/// `--fx`, else per currency), then the others, most recent first; at most [`PAGE_DEALS`].
fn page_deals<'a>(c: &Contents<'a>) -> Vec<&'a Deal> {
    let mut shown = largest(c, PAGE_DEALS);
    if shown.len() < PAGE_DEALS {
        let mut rest: Vec<&Deal> = c.deals.iter().filter(|d| d.amount.is_none()).collect();
        rest.sort_by(|a, b| {
            b.published
                .cmp(&a.published)
                .then(b.quantity.cmp(&a.quantity))
                .then(a.id.cmp(&b.id))
        });
        rest.truncate(PAGE_DEALS - shown.len());
        shown.extend(rest);
    }
    shown
}

/// What a reader needs of one deal, in words: who, what, how much, where it was reported.
struct Story {
    who: String,
    what: String,
    figures: String,
    title: String,
    url: Option<String>,
    date: Option<String>,
    more: usize,
    evidence: String,
}

fn story(c: &Contents, d: &Deal) -> Story {
    let who = match (&d.provider, &d.recipient) {
        (Some(p), Some(r)) => format!("{p} → {r}"),
        _ if !d.parties.is_empty() => d.parties.join(", "),
        _ => "(parties not named)".into(),
    };
    let what = format!(
        "{} ({}, {})",
        d.item.as_deref().unwrap_or("item not named"),
        d.deal_type.as_str().replace('_', " "),
        d.status.as_str()
    );
    let mut figures = Vec::new();
    if let Some(q) = d.quantity {
        figures.push(format!("quantity {q}"));
    }
    if let (Some(v), Some(cur)) = (d.amount, d.currency.as_deref()) {
        let mut a = format!("{} {cur}", grouped(v));
        if let Some(m) = d.amount_max {
            a = format!("{}–{} {cur}", grouped(v), grouped(m));
        }
        figures.push(a);
    }
    let meta = c.meta.get(&d.source);
    let title = meta
        .and_then(|m| m.title.clone())
        .unwrap_or_else(|| base_name(&d.source));
    let date = d
        .published
        .or(meta.and_then(|m| m.published))
        .map(|p| p.to_string());
    Story {
        who,
        what,
        figures: figures.join(", "),
        title,
        url: meta.and_then(|m| m.url.clone()),
        date,
        more: d.sources.len().saturating_sub(1),
        evidence: d.evidence.clone(),
    }
}

fn md_story(o: &mut String, c: &Contents, d: &Deal) {
    let s = story(c, d);
    let article = match s.url.as_deref().filter(|u| safe_url(u)) {
        Some(u) => format!("[{}](<{}>)", md_escape(&s.title), md_url(u)),
        None => format!("*{}*", md_escape(&s.title)),
    };
    let _ = write!(o, "- **{}**: {}", md_escape(&s.who), md_escape(&s.what));
    if !s.figures.is_empty() {
        let _ = write!(o, ", {}", md_escape(&s.figures));
    }
    let _ = write!(o, ". {article}");
    if let Some(day) = &s.date {
        let _ = write!(o, ", {day}");
    }
    if s.more > 0 {
        let _ = write!(o, " (and {} more {})", s.more, plural(s.more, "article"));
    }
    let _ = writeln!(o, ". “{}” `{}`", md_escape(&s.evidence), d.id);
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// A link target inside `<…>` in Markdown: no angle brackets, spaces or line breaks.
fn md_url(u: &str) -> String {
    u.chars()
        .filter(|c| !matches!(c, '<' | '>' | '\n' | '\r'))
        .map(|c| {
            if c == ' ' {
                "%20".to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A verdict as a reader should take it: consistent, contradicted, or unverifiable.
fn verdict_class(v: crate::reconcile::Verdict) -> (&'static str, &'static str) {
    use crate::reconcile::Verdict::*;
    match v {
        Consistent => ("ok", "consistent"),
        ItemsExceedTotal => ("bad", "contradicted"),
        ItemsFallShort | NoItemValue | NoItems => ("unverifiable", "unverifiable"),
    }
}

/// The sentence and lists on what is new or changed since a day (from a ledger).
fn news_md(o: &mut String, c: &Contents, since: Date, news: &News) {
    let _ = writeln!(o, "## New or changed since {since}\n");
    let _ = writeln!(
        o,
        "{} {} first reported on or after {since}; {} {} to deals reported before.\n",
        news.new.len(),
        plural(news.new.len(), "deal"),
        news.changed.len(),
        plural(news.changed.len(), "change")
    );
    let by_id: BTreeMap<&str, &Deal> = c.deals.iter().map(|d| (d.id.as_str(), d)).collect();
    if !news.new.is_empty() {
        let _ = writeln!(o, "### New deals\n");
        for id in news.new.iter().take(PAGE_DEALS) {
            if let Some(d) = by_id.get(id.as_str()) {
                md_story(o, c, d);
            }
        }
        if news.new.len() > PAGE_DEALS {
            let _ = writeln!(
                o,
                "\nThe first {PAGE_DEALS} of {}; all are in deals.csv.",
                news.new.len()
            );
        }
        o.push('\n');
    }
    if !news.changed.is_empty() {
        let _ = writeln!(o, "### Deals that moved on\n");
        for ch in &news.changed {
            let what = by_id.get(ch.deal_id.as_str()).map(|d| story(c, d));
            let _ = writeln!(
                o,
                "- `{}` {}: {}: {} → {}, reported {} in *{}*",
                ch.deal_id,
                what.as_ref().map_or(String::new(), |s| md_escape(&format!(
                    "{}, {}",
                    s.who, s.what
                ))),
                ch.field,
                md_escape(ch.old.as_deref().unwrap_or("(none)")),
                md_escape(ch.new.as_deref().unwrap_or("(none)")),
                ch.date,
                md_escape(
                    &c.meta
                        .get(&ch.source)
                        .and_then(|m| m.title.clone())
                        .unwrap_or_else(|| base_name(&ch.source))
                )
            );
        }
        o.push('\n');
    }
}

fn markdown(c: &Contents, groups: &[Group]) -> String {
    let h = headline(c);
    let mut o = String::new();
    let _ = writeln!(o, "# Deals report, {}\n", c.date);
    let _ = writeln!(o, "{}\n", counts_line(c, &h));
    if let Some((since, news)) = c.news {
        news_md(&mut o, c, since, news);
    }
    if let Some(fx) = c.fx {
        let _ = writeln!(
            o,
            "Amounts converted to {} with the rates table given (`{}`), at each article's date.\n",
            fx.to,
            fx.column()
        );
    }
    let _ = writeln!(o, "## Value by sector\n");
    let _ = writeln!(
        o,
        "Sums per currency; currencies are never added together. Ranges count with their lower bound.\n"
    );
    md_table(&mut o, &sheets::summary(groups, GroupBy::Sector, c.fx));
    let _ = writeln!(o, "\n## Announced totals\n");
    if c.checks.is_empty() {
        let _ = writeln!(o, "No article announces a total.");
    } else {
        for k in c.checks {
            let (_, word) = verdict_class(k.verdict);
            let word = if word == "contradicted" {
                "**CONTRADICTED**".to_string()
            } else {
                word.to_string()
            };
            let _ = writeln!(
                o,
                "- {word}: **{} {}** in *{}* ({}): {}. Evidence: “{}”",
                grouped(k.total),
                k.currency,
                md_escape(
                    &c.meta
                        .get(&k.source)
                        .and_then(|m| m.title.clone())
                        .unwrap_or_else(|| base_name(&k.source))
                ),
                k.verdict.as_str(),
                md_escape(&k.explanation),
                md_escape(&k.evidence)
            );
        }
    }
    let _ = writeln!(o, "\n## Deals\n");
    let shown = page_deals(c);
    if shown.is_empty() {
        let _ = writeln!(o, "No deals found.");
    } else {
        let _ = writeln!(
            o,
            "The largest deals first, then the others, most recent first. Each with its article and the sentence that states it.\n"
        );
        for d in &shown {
            md_story(&mut o, c, d);
        }
        if c.deals.len() > shown.len() {
            let _ = writeln!(
                o,
                "\n{} of {} deals shown; all are in deals.csv.",
                shown.len(),
                c.deals.len()
            );
        }
    }
    let notes: Vec<&Deal> = c.deals.iter().filter(|d| !d.notes.is_empty()).collect();
    if !notes.is_empty() {
        let _ = writeln!(o, "\n### Sources that disagree\n");
        for d in notes.iter().take(PAGE_DEALS) {
            for n in &d.notes {
                let _ = writeln!(
                    o,
                    "- `{}` ({}): {}",
                    d.id,
                    d.deal_type.as_str(),
                    md_escape(n)
                );
            }
        }
    }
    let _ = writeln!(o, "\n## Sources\n");
    let s = sources_sheet(c, &h);
    if s.rows.is_empty() {
        let _ = writeln!(o, "No article reports a deal.");
    } else {
        md_table(&mut o, &s);
        if h.sources.len() > LIST_LIMIT {
            let _ = writeln!(o, "\n{LIST_LIMIT} of {} articles listed.", h.sources.len());
        }
    }
    let _ = writeln!(
        o,
        "\nEvery figure is traceable: deals.csv gives each deal's source file, byte span and sentence."
    );
    o
}

const LIST_LIMIT: usize = 200;

/// The articles that report deals or totals: title, date, link, counts (at most [`LIST_LIMIT`]).
fn sources_sheet(c: &Contents, h: &Headline) -> Sheet {
    let mut s = Sheet::new(["article", "date", "url", "deals", "totals"]);
    for (src, (deals, totals)) in h.sources.iter().take(LIST_LIMIT) {
        let m = c.meta.get(src);
        s.rows.push(vec![
            Cell::Quoted(
                m.and_then(|m| m.title.clone())
                    .unwrap_or_else(|| base_name(src)),
            ),
            Cell::opt_text(
                m.and_then(|m| m.published)
                    .map(|d| d.to_string())
                    .as_deref(),
            ),
            Cell::opt_quoted(m.and_then(|m| m.url.as_deref())),
            Cell::Int(*deals as u64),
            Cell::Int(*totals as u64),
        ]);
    }
    s
}

/// Escapes text for HTML element content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(ch),
        }
    }
    o
}

fn html_table(o: &mut String, sheet: &Sheet) {
    o.push_str("<table>\n<thead><tr>");
    for h in &sheet.headers {
        let _ = write!(o, "<th>{}</th>", html_escape(h));
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for r in &sheet.rows {
        o.push_str("<tr>");
        for c in r {
            let class = if c.is_numeric() { " class=\"num\"" } else { "" };
            let _ = write!(o, "<td{class}>{}</td>", html_escape(&cell_text(c)));
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n");
}

/// A horizontal bar chart as inline SVG: one bar per (label, value), scaled to the largest.
pub fn bar_chart(title: &str, bars: &[(String, Decimal)]) -> String {
    let row_h = 22;
    let label_w = 170;
    let bar_w = 380;
    let height = 30 + row_h * bars.len().max(1);
    let max = bars
        .iter()
        .map(|b| b.1)
        .max()
        .unwrap_or(Decimal::ZERO)
        .max(Decimal::ONE);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{}\" height=\"{height}\" viewBox=\"0 0 {} {height}\"><title>{}</title>",
        label_w + bar_w + 140,
        label_w + bar_w + 140,
        html_escape(title)
    );
    let _ = writeln!(
        o,
        "<text x=\"0\" y=\"16\" class=\"t\">{}</text>",
        html_escape(title)
    );
    for (i, (label, v)) in bars.iter().enumerate() {
        let y = 26 + i * row_h;
        let w = (*v * Decimal::from(bar_w) / max)
            .round()
            .try_into()
            .unwrap_or(0i64)
            .max(1);
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{}\" y=\"{y}\" width=\"{w}\" height=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            label_w - 6,
            y + 14,
            html_escape(label),
            label_w,
            row_h - 6,
            label_w + w as usize + 6,
            y + 14,
            html_escape(&grouped(*v))
        );
    }
    o.push_str("</svg>\n");
    o
}

fn html_story(o: &mut String, c: &Contents, d: &Deal) {
    let s = story(c, d);
    let _ = write!(
        o,
        "<li><b>{}</b>: {}",
        html_escape(&s.who),
        html_escape(&s.what)
    );
    if !s.figures.is_empty() {
        let _ = write!(
            o,
            ", <span class=\"num\">{}</span>",
            html_escape(&s.figures)
        );
    }
    let article = match s.url.as_deref().filter(|u| safe_url(u)) {
        Some(u) => format!(
            "<a href=\"{}\">{}</a>",
            html_escape(u),
            html_escape(&s.title)
        ),
        None => format!("<i>{}</i>", html_escape(&s.title)),
    };
    let _ = write!(o, ". {article}");
    if let Some(day) = &s.date {
        let _ = write!(o, ", {day}");
    }
    if s.more > 0 {
        let _ = write!(o, " (and {} more {})", s.more, plural(s.more, "article"));
    }
    let _ = writeln!(
        o,
        ".<br><q>{}</q> <code>{}</code></li>",
        html_escape(&s.evidence),
        html_escape(&d.id)
    );
}

fn news_html(o: &mut String, c: &Contents, since: Date, news: &News) {
    let _ = writeln!(o, "<h2>New or changed since {since}</h2>");
    let _ = writeln!(
        o,
        "<p>{} {} first reported on or after {since}; {} {} to deals reported before.</p>",
        news.new.len(),
        plural(news.new.len(), "deal"),
        news.changed.len(),
        plural(news.changed.len(), "change")
    );
    let by_id: BTreeMap<&str, &Deal> = c.deals.iter().map(|d| (d.id.as_str(), d)).collect();
    if !news.new.is_empty() {
        o.push_str("<h3>New deals</h3>\n<ul>\n");
        for id in news.new.iter().take(PAGE_DEALS) {
            if let Some(d) = by_id.get(id.as_str()) {
                html_story(o, c, d);
            }
        }
        o.push_str("</ul>\n");
    }
    if !news.changed.is_empty() {
        o.push_str("<h3>Deals that moved on</h3>\n<ul>\n");
        for ch in &news.changed {
            let what = by_id
                .get(ch.deal_id.as_str())
                .map(|d| story(c, d))
                .map_or(String::new(), |s| format!("{}, {}", s.who, s.what));
            let title = c
                .meta
                .get(&ch.source)
                .and_then(|m| m.title.clone())
                .unwrap_or_else(|| base_name(&ch.source));
            let _ = writeln!(
                o,
                "<li><code>{}</code> {}: <b>{}: {} → {}</b>, reported {} in <i>{}</i></li>",
                html_escape(&ch.deal_id),
                html_escape(&what),
                html_escape(&ch.field),
                html_escape(ch.old.as_deref().unwrap_or("(none)")),
                html_escape(ch.new.as_deref().unwrap_or("(none)")),
                html_escape(&ch.date),
                html_escape(&title)
            );
        }
        o.push_str("</ul>\n");
    }
}

/// Only web links become links (no `javascript:` or `data:` from an article's metadata).
fn safe_url(u: &str) -> bool {
    let l = u.trim_start().to_ascii_lowercase();
    l.starts_with("https://") || l.starts_with("http://")
}

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}\
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:13px}th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}\
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th{background:#f2f2f2}\
svg{display:block;margin:1em 0}svg rect{fill:#3b6ea8}svg text{font:12px system-ui,sans-serif;fill:#222}svg text.t{font-weight:bold;font-size:13px}\
.bad{color:#a00;font-weight:bold}.ok{color:#060}.unverifiable{color:#8a5a00}\
li{margin:.3em 0}q{color:#444}code{font-size:11px;color:#777}span.num{white-space:nowrap}";

fn html(c: &Contents, groups: &[Group]) -> String {
    let h = headline(c);
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Deals report, {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        c.date
    );
    let _ = writeln!(o, "<h1>Deals report, {}</h1>", c.date);
    let _ = writeln!(o, "<p>{}</p>", counts_line(c, &h));
    if let Some((since, news)) = c.news {
        news_html(&mut o, c, since, news);
    }
    let _ = writeln!(o, "<h2>Value by sector</h2>");
    let real: Vec<&Group> = groups.iter().filter(|g| g.key != summary::ALL).collect();
    let counts: Vec<(String, Decimal)> = real
        .iter()
        .map(|g| (g.key.clone(), Decimal::from(g.deals)))
        .collect();
    o.push_str(&bar_chart("Deals by sector", &counts));
    match c.fx {
        Some(fx) => {
            let bars: Vec<(String, Decimal)> = real
                .iter()
                .filter_map(|g| {
                    g.converted
                        .filter(|v| !v.is_zero())
                        .map(|v| (g.key.clone(), v))
                })
                .collect();
            if !bars.is_empty() {
                o.push_str(&bar_chart(
                    &format!("Value by sector, {} (converted)", fx.to),
                    &bars,
                ));
            }
        }
        None => {
            for cur in summary::currencies(groups) {
                let bars: Vec<(String, Decimal)> = real
                    .iter()
                    .filter_map(|g| g.sums.get(&cur).map(|v| (g.key.clone(), *v)))
                    .collect();
                o.push_str(&bar_chart(&format!("Value by sector, {cur}"), &bars));
            }
        }
    }
    html_table(&mut o, &sheets::summary(groups, GroupBy::Sector, c.fx));
    let _ = writeln!(o, "<h2>Announced totals</h2>");
    if c.checks.is_empty() {
        o.push_str("<p>No article announces a total.</p>\n");
    } else {
        o.push_str("<ul>\n");
        for k in c.checks {
            let (class, word) = verdict_class(k.verdict);
            let title = c
                .meta
                .get(&k.source)
                .and_then(|m| m.title.clone())
                .unwrap_or_else(|| base_name(&k.source));
            let _ = writeln!(
                o,
                "<li><span class=\"{class}\">{word}</span>: <b>{} {}</b> in <i>{}</i>: <span class=\"{class}\">{}</span>. Evidence: <q>{}</q></li>",
                html_escape(&grouped(k.total)),
                html_escape(&k.currency),
                html_escape(&title),
                html_escape(&k.explanation),
                html_escape(&k.evidence)
            );
        }
        o.push_str("</ul>\n");
    }
    let _ = writeln!(o, "<h2>Deals</h2>");
    let shown = page_deals(c);
    if shown.is_empty() {
        o.push_str("<p>No deals found.</p>\n");
    } else {
        o.push_str("<p>The largest deals first, then the others, most recent first.</p>\n<ul>\n");
        for d in &shown {
            html_story(&mut o, c, d);
        }
        o.push_str("</ul>\n");
        if c.deals.len() > shown.len() {
            let _ = writeln!(
                o,
                "<p>{} of {} deals shown; all are in deals.csv.</p>",
                shown.len(),
                c.deals.len()
            );
        }
    }
    let _ = writeln!(o, "<h2>Sources</h2>");
    html_table(&mut o, &sources_sheet(c, &h));
    o.push_str("</body>\n</html>\n");
    o
}
