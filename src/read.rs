//! Reading documents: files, directories (recursively), stdin and JSON Lines, decoded to NFC text.
//!
//! Inputs are expanded up front (paths only, sorted, so output order never depends on the file
//! system) and read lazily, one document at a time, so memory does not grow with the corpus.
//! Problems are reported as events naming the file, and reading goes on with the next input.
//! HTML pages (`.html`, `.htm`, a JSON Lines `"html"` field) are read through [`crate::html`],
//! WARC archives (`.warc`, `.warc.gz`) through [`crate::warc`].

use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Deserialize;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

use crate::error::Error;
use crate::lang::Lang;
use crate::model::Document;

/// How to read the inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// By extension: `.jsonl` is JSON Lines, `.html`/`.htm` HTML, `.warc`/`.warc.gz` WARC,
    /// everything else plain text.
    #[default]
    Auto,
    Text,
    Jsonl,
    Html,
    Warc,
}

/// What reading produced: a document, or a problem to report (reading goes on).
#[derive(Debug)]
pub enum Event {
    Doc(Box<Document>),
    /// Skipped input (not an error: exit status unchanged), e.g. a binary file.
    Warning(String),
    /// Bad input: reported, and the run ends with exit status 2.
    Error(Error),
    /// Information at the end of reading (what the directory walk left out); not a warning.
    Note(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Input {
    Stdin,
    File(PathBuf),
}

/// Text file extensions read from directories.
const TEXT_EXT: &[&str] = &["txt", "md"];
const JSONL_EXT: &[&str] = &["jsonl", "ndjson"];
const HTML_EXT: &[&str] = &["html", "htm", "xhtml"];

/// What an input's name says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Jsonl,
    Html,
    Warc,
    Other,
}

fn kind_of(path: &Path) -> Kind {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if name.ends_with(".warc") || name.ends_with(".warc.gz") {
        return Kind::Warc;
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if TEXT_EXT.contains(&ext) {
        Kind::Text
    } else if JSONL_EXT.contains(&ext) {
        Kind::Jsonl
    } else if HTML_EXT.contains(&ext) {
        Kind::Html
    } else {
        Kind::Other
    }
}

/// How directories are walked (ripgrep's rules, through the `ignore` crate).
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Also read hidden files and directories (names starting with `.`); `.git` stays skipped
    /// unless `no_ignore` is also given.
    pub hidden: bool,
    /// Do not honour `.gitignore`, `.ignore` and `.git/info/exclude` files.
    pub no_ignore: bool,
    /// Paths never read as input (the output file, a report directory): compared by canonical
    /// path, so `out.jsonl`, `./dir/out.jsonl` and an absolute path are the same file.
    pub exclude: Vec<PathBuf>,
}

/// At most this many files of an unsupported kind are named one by one; the rest are counted.
const NAMED_SKIPS: usize = 5;

/// What expanding the paths left out, reported once reading is done.
#[derive(Debug, Default)]
struct Skipped {
    /// Hidden or ignored entries inside directories (a skipped directory counts once).
    hidden_or_ignored: usize,
    /// Files of an unsupported kind beyond the first [`NAMED_SKIPS`].
    unsupported: usize,
}

impl Skipped {
    /// One line for everything left out, if anything was.
    fn note(self) -> Option<Event> {
        let mut parts = Vec::new();
        if self.hidden_or_ignored > 0 {
            let n = self.hidden_or_ignored;
            parts.push(format!(
                "{n} hidden or ignored {} skipped (--hidden / --no-ignore to include {})",
                if n == 1 {
                    "file or directory"
                } else {
                    "files or directories"
                },
                if n == 1 { "it" } else { "them" },
            ));
        }
        if self.unsupported > 0 {
            parts.push(format!(
                "{} more skipped (not .txt, .md, .jsonl, .html, .htm, .warc or .warc.gz)",
                files(self.unsupported)
            ));
        }
        (!parts.is_empty()).then(|| Event::Note(parts.join("; ")))
    }
}

fn files(n: usize) -> String {
    if n == 1 {
        "1 file".to_string()
    } else {
        format!("{n} files")
    }
}

/// An excluded path: its canonical form and its file name (only entries of that name are
/// canonicalised, so the exclusion costs nothing on other files).
struct Excluded {
    name: std::ffi::OsString,
    canonical: PathBuf,
}

fn excluded(paths: &[PathBuf]) -> Vec<Excluded> {
    paths
        .iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_os_string();
            // The file may not exist yet: then its directory does, or nothing can match it.
            let canonical = fs::canonicalize(p).ok().or_else(|| {
                let parent = match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                Some(fs::canonicalize(parent).ok()?.join(&name))
            })?;
            Some(Excluded { name, canonical })
        })
        .collect()
}

fn is_excluded(path: &Path, excluded: &[Excluded]) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    excluded
        .iter()
        .any(|e| e.name == name && fs::canonicalize(path).is_ok_and(|c| c == e.canonical))
}

/// Expands paths (files, directories, `-`) into inputs; notes for skipped files go to `events`.
fn expand(
    paths: &[PathBuf],
    walk: &WalkOptions,
    events: &mut Vec<Event>,
    skipped: &mut Skipped,
) -> Vec<Input> {
    let exclude = std::sync::Arc::new(excluded(&walk.exclude));
    let mut out = Vec::new();
    let mut named = 0;
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
            continue;
        }
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk_dir(p, walk, &exclude, &mut found, events, skipped, &mut named);
                found.sort();
                out.extend(found.into_iter().map(Input::File));
            }
            Ok(_) if is_excluded(p, &exclude) => events.push(Event::Warning(format!(
                "{}: skipped (the output of this run)",
                p.display()
            ))),
            Ok(_) => out.push(Input::File(p.clone())),
            Err(e) => events.push(Event::Error(Error::io(p, e))),
        }
    }
    out
}

/// Walks a directory as ripgrep does: hidden entries, `.git` and what `.gitignore` / `.ignore`
/// files exclude are skipped (and counted) unless `walk` says otherwise. A `.gitignore` counts
/// whether or not the directory is in a git repository.
fn walk_dir(
    dir: &Path,
    walk: &WalkOptions,
    exclude: &std::sync::Arc<Vec<Excluded>>,
    found: &mut Vec<PathBuf>,
    events: &mut Vec<Event>,
    skipped: &mut Skipped,
    named: &mut usize,
) {
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .hidden(!walk.hidden)
        .ignore(!walk.no_ignore)
        .git_ignore(!walk.no_ignore)
        .git_exclude(!walk.no_ignore)
        .git_global(false)
        .parents(!walk.no_ignore)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b));
    // The output (a file, or a report directory) inside the walked directory is left out, with a
    // warning; so is `.git` with --hidden alone, as ripgrep does.
    let left_out: std::sync::Arc<std::sync::Mutex<Vec<PathBuf>>> = Default::default();
    {
        let exclude = std::sync::Arc::clone(exclude);
        let left_out = std::sync::Arc::clone(&left_out);
        let skip_git = walk.hidden && !walk.no_ignore;
        builder.filter_entry(move |e| {
            if e.depth() == 0 {
                return true;
            }
            if skip_git && e.file_name() == ".git" {
                return false;
            }
            if is_excluded(e.path(), &exclude) {
                if let Ok(mut v) = left_out.lock() {
                    v.push(e.path().to_path_buf());
                }
                return false;
            }
            true
        });
    }
    // Entries the walk gave, per directory: what read_dir lists beyond them was skipped.
    let mut given: std::collections::HashMap<PathBuf, usize> = Default::default();
    for entry in builder.build() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                events.push(walk_event(dir, e));
                continue;
            }
        };
        let path = entry.path();
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        if entry.depth() > 0 {
            if let Some(parent) = path.parent() {
                *given.entry(parent.to_path_buf()).or_default() += 1;
            }
        }
        if is_dir {
            given.entry(path.to_path_buf()).or_default();
            continue;
        }
        // FIFOs, sockets and devices would block or never end: only regular files (or links to them).
        if !fs::metadata(path).is_ok_and(|m| m.is_file()) {
            events.push(Event::Warning(format!(
                "{}: skipped (not a regular file, or a dangling link)",
                path.display()
            )));
            continue;
        }
        if kind_of(path) != Kind::Other {
            found.push(path.to_path_buf());
        } else if *named < NAMED_SKIPS {
            *named += 1;
            events.push(Event::Warning(format!(
                "{}: skipped (not .txt, .md, .jsonl, .html, .htm, .warc or .warc.gz)",
                path.display()
            )));
        } else {
            skipped.unsupported += 1;
        }
    }
    let left_out = std::mem::take(&mut *left_out.lock().unwrap_or_else(|e| e.into_inner()));
    for (d, n) in given {
        if let Ok(entries) = fs::read_dir(&d) {
            skipped.hidden_or_ignored += entries.count().saturating_sub(n);
        }
    }
    skipped.hidden_or_ignored = skipped.hidden_or_ignored.saturating_sub(left_out.len());
    for p in left_out {
        events.push(Event::Warning(format!(
            "{}: skipped (the output of this run)",
            p.display()
        )));
    }
}

/// A problem met while walking: an unreadable directory is an error naming it; a bad line in an
/// ignore file is a warning (ripgrep's choice: the walk goes on without that rule).
fn walk_event(dir: &Path, e: ignore::Error) -> Event {
    fn path_of(e: &ignore::Error) -> Option<&Path> {
        match e {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            _ => None,
        }
    }
    let path = path_of(&e).unwrap_or(dir).to_path_buf();
    match e.io_error() {
        Some(io) => Event::Error(Error::io(path, io::Error::new(io.kind(), io.to_string()))),
        None => Event::Warning(format!("{e}")),
    }
}

/// Lazily reads the documents of a list of paths.
pub struct Reader {
    inputs: std::vec::IntoIter<Input>,
    pending: std::collections::VecDeque<Event>,
    format: InputFormat,
    jsonl: Option<JsonlState>,
    warc: Option<WarcState>,
    encoding: EncodingChoice,
    stdin_name: PathBuf,
    n_inputs: usize,
    bytes_total: u64,
    bytes_read: u64,
    /// What the walk left out, said once everything is read (then `None`).
    skipped: Option<Skipped>,
}

/// Which character encoding plain-text files are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    /// A byte order mark if there is one, else UTF-8, else — for a file wholly in a legacy 8-bit
    /// encoding — the encoding chardetng guesses (with a warning naming it).
    #[default]
    Auto,
    /// This encoding, whatever the bytes look like (a byte order mark still wins).
    Forced(&'static encoding_rs::Encoding),
}

impl EncodingChoice {
    /// `auto`, or an encoding label such as `utf-8`, `windows-1258`, `utf-16le`, `latin1`.
    pub fn parse(s: &str) -> Result<Self, String> {
        if s.eq_ignore_ascii_case("auto") {
            return Ok(EncodingChoice::Auto);
        }
        encoding_rs::Encoding::for_label(s.trim().as_bytes())
            .map(EncodingChoice::Forced)
            .ok_or_else(|| {
                format!(
                    "unknown encoding {s:?} (try auto, utf-8, windows-1258, windows-1252, utf-16le)"
                )
            })
    }
}

struct WarcState {
    reader: crate::warc::Reader,
    /// The archive's size, added to the bytes read when it is done.
    size: u64,
}

struct JsonlState {
    path: PathBuf,
    lines: Box<dyn BufRead + Send>,
    line_no: usize,
}

impl Reader {
    /// Reads `paths`, walking directories with the default [`WalkOptions`] (hidden and ignored
    /// files left out).
    pub fn new(paths: &[PathBuf], format: InputFormat) -> Self {
        Self::with_walk(paths, format, &WalkOptions::default())
    }

    /// Reads `paths`, walking directories as `walk` says.
    pub fn with_walk(paths: &[PathBuf], format: InputFormat, walk: &WalkOptions) -> Self {
        let mut events = Vec::new();
        let mut skipped = Skipped::default();
        let inputs = expand(paths, walk, &mut events, &mut skipped);
        let bytes_total = inputs
            .iter()
            .map(|i| match i {
                Input::File(p) => fs::metadata(p).map(|m| m.len()).unwrap_or(0),
                Input::Stdin => 0,
            })
            .sum();
        Reader {
            n_inputs: inputs.len(),
            inputs: inputs.into_iter(),
            pending: events.into(),
            format,
            jsonl: None,
            warc: None,
            encoding: EncodingChoice::Auto,
            stdin_name: PathBuf::from("-"),
            bytes_total,
            bytes_read: 0,
            skipped: Some(skipped),
        }
    }

    /// Reads plain-text files in this encoding (JSON Lines is always UTF-8).
    pub fn with_encoding(mut self, encoding: EncodingChoice) -> Self {
        self.encoding = encoding;
        self
    }

    /// Names what is read from stdin `name` (default `-`) in sources and messages: a Spark job
    /// that pipes part of `corpus.jsonl` through dealtrack names its records `corpus.jsonl#id`,
    /// as a local run over the file does.
    pub fn with_stdin_name(mut self, name: impl Into<PathBuf>) -> Self {
        self.stdin_name = name.into();
        self
    }

    /// How many inputs (files, stdin) there are to read.
    pub fn inputs(&self) -> usize {
        self.n_inputs
    }

    /// The size of all input files (stdin counts 0), for progress.
    pub fn bytes_total(&self) -> u64 {
        self.bytes_total
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    fn kind(&self, input: &Input) -> Kind {
        match self.format {
            InputFormat::Jsonl => Kind::Jsonl,
            InputFormat::Text => Kind::Text,
            InputFormat::Html => Kind::Html,
            InputFormat::Warc => Kind::Warc,
            InputFormat::Auto => match input {
                Input::Stdin => Kind::Text,
                Input::File(p) => kind_of(p),
            },
        }
    }

    /// The next event of the WARC archive being read. Pages become text a chunk at a time, in
    /// parallel (on the pipeline's thread pool, when called from it): parsing HTML costs about as
    /// much as extracting the deals, and reading is otherwise one thread.
    fn next_warc(&mut self) -> Option<Event> {
        loop {
            if let Some(ev) = self.pending.pop_front() {
                return Some(ev);
            }
            let st = self.warc.as_mut()?;
            let mut chunk = Vec::new();
            let mut bytes = 0;
            while chunk.len() < HTML_CHUNK && bytes < HTML_CHUNK_BYTES {
                match st.reader.next() {
                    Some(item) => {
                        if let crate::warc::Item::Page(p) = &item {
                            bytes += p.html.len();
                        }
                        chunk.push(item);
                    }
                    None => break,
                }
            }
            if chunk.is_empty() {
                let st = self.warc.take()?;
                self.bytes_read += st.size;
                return st.reader.skipped_summary().map(Event::Warning);
            }
            let converted: Vec<Result<Event, &'static str>> =
                chunk.into_par_iter().map(warc_page).collect();
            for c in converted {
                match c {
                    Ok(ev) => self.pending.push_back(ev),
                    Err(why) => st.reader.count_skipped(why),
                }
            }
        }
    }

    /// Reads this HTML file and the HTML files right after it (a chunk), and turns them into
    /// documents in parallel.
    fn html_chunk(&mut self, first: PathBuf, bytes: io::Result<Vec<u8>>) {
        let mut chunk = vec![(first, bytes)];
        let mut size = chunk[0].1.as_ref().map_or(0, Vec::len);
        while chunk.len() < HTML_CHUNK && size < HTML_CHUNK_BYTES {
            let next = match self.inputs.as_slice().first() {
                Some(Input::File(p)) if self.kind(&Input::File(p.clone())) == Kind::Html => {
                    p.clone()
                }
                _ => break,
            };
            self.inputs.next();
            let b = fs::read(&next);
            size += b.as_ref().map_or(0, Vec::len);
            chunk.push((next, b));
        }
        self.bytes_read += size as u64;
        let events: Vec<Event> = chunk
            .into_par_iter()
            .map(|(path, bytes)| match bytes {
                Ok(b) => html_event(&path, &b),
                Err(e) => Event::Error(Error::io(&path, e)),
            })
            .collect();
        self.pending.extend(events);
    }

    fn next_jsonl(&mut self) -> Option<Event> {
        let st = self.jsonl.as_mut()?;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            st.line_no += 1;
            match st.lines.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.jsonl = None;
                    return None;
                }
                Ok(n) => self.bytes_read += n as u64,
                Err(e) => {
                    let err = Error::io(&st.path, e);
                    self.jsonl = None;
                    return Some(Event::Error(err));
                }
            }
            if buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let (ev, warning) = parse_jsonl_record(&st.path, st.line_no, &buf);
            return Some(match warning {
                Some(w) => {
                    self.pending.push_back(ev);
                    Event::Warning(w)
                }
                None => ev,
            });
        }
    }
}

impl Iterator for Reader {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(ev) = self.pending.pop_front() {
                return Some(ev);
            }
            if self.jsonl.is_some() {
                if let Some(ev) = self.next_jsonl() {
                    return Some(ev);
                }
                continue;
            }
            if self.warc.is_some() {
                if let Some(ev) = self.next_warc() {
                    return Some(ev);
                }
                continue;
            }
            let Some(input) = self.inputs.next() else {
                return self.skipped.take().and_then(|s| s.note());
            };
            let name = match &input {
                Input::Stdin => self.stdin_name.clone(),
                Input::File(p) => p.clone(),
            };
            let kind = self.kind(&input);
            if kind == Kind::Warc {
                let opened = match &input {
                    Input::Stdin => crate::warc::Reader::new(
                        &name,
                        Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
                    )
                    .map(|r| (r, 0)),
                    Input::File(p) => crate::warc::Reader::open(p)
                        .map(|r| (r, fs::metadata(p).map(|m| m.len()).unwrap_or(0))),
                };
                match opened {
                    Ok((reader, size)) => self.warc = Some(WarcState { reader, size }),
                    Err(e) => return Some(Event::Error(Error::io(&name, e))),
                }
                continue;
            }
            if kind == Kind::Jsonl {
                let lines: Box<dyn BufRead + Send> = match &input {
                    Input::Stdin => Box::new(BufReader::new(io::stdin())),
                    Input::File(p) => match fs::File::open(p) {
                        Ok(f) => Box::new(BufReader::with_capacity(1 << 16, f)),
                        Err(e) => return Some(Event::Error(Error::io(p, e))),
                    },
                };
                self.jsonl = Some(JsonlState {
                    path: name,
                    lines,
                    line_no: 0,
                });
                continue;
            }
            if kind == Kind::Html {
                if let Input::File(p) = &input {
                    let bytes = fs::read(p);
                    self.html_chunk(p.clone(), bytes);
                    continue;
                }
            }
            let bytes = match &input {
                Input::Stdin => {
                    let mut b = Vec::new();
                    match io::stdin().read_to_end(&mut b) {
                        Ok(_) => b,
                        Err(e) => return Some(Event::Error(Error::io("-", e))),
                    }
                }
                Input::File(p) => match fs::read(p) {
                    Ok(b) => b,
                    Err(e) => return Some(Event::Error(Error::io(p, e))),
                },
            };
            self.bytes_read += bytes.len() as u64;
            if kind == Kind::Html {
                return Some(html_event(&name, &bytes));
            }
            let decoded = decode_owned(&name, bytes, self.encoding);
            if let Some(warning) = decoded.as_ref().ok().and_then(|d| d.warning(&name)) {
                self.pending.push_back(decoded_event(&name, decoded));
                return Some(Event::Warning(warning));
            }
            return Some(decoded_event(&name, decoded));
        }
    }
}

/// At most this many pages (or [`HTML_CHUNK_BYTES`] of them) are turned into text at once.
const HTML_CHUNK: usize = 64;
const HTML_CHUNK_BYTES: usize = 16 << 20;

/// The document of a page in a WARC `response` record, or why it was skipped.
fn warc_page(item: crate::warc::Item) -> Result<Event, &'static str> {
    let page = match item {
        crate::warc::Item::Error(e) => return Ok(Event::Error(e)),
        crate::warc::Item::Page(p) => p,
    };
    let name = Path::new(&page.name);
    match crate::html::page(name, &page.html, page.content_type.as_deref()) {
        Err(e) => Ok(Event::Error(e)),
        Ok(Err(crate::html::Skip::Binary)) => Err("binary payload"),
        Ok(Err(crate::html::Skip::NoText)) => Err("no article text"),
        Ok(Ok(p)) => {
            let mut doc = html_document(page.name, p);
            // The page's own date wins; the crawl date is the fallback.
            doc.published = doc
                .published
                .or_else(|| page.date.as_deref().and_then(date_prefix));
            // The URL that was fetched, whatever the page calls itself.
            doc.url = page.target_uri.or(doc.url);
            Ok(Event::Doc(Box::new(doc)))
        }
    }
}

/// The document of an HTML page's main text, with the page's title, date and URL.
fn html_document(source: String, page: crate::html::Page) -> Document {
    let mut doc = Document::new(source, page.text);
    doc.title = page.title;
    doc.published = page.published;
    doc.url = page.url;
    doc
}

/// Builds a document from the bytes of an HTML file.
pub fn html_event(path: &Path, bytes: &[u8]) -> Event {
    match crate::html::page(path, bytes, None) {
        Ok(Ok(page)) => Event::Doc(Box::new(html_document(path.display().to_string(), page))),
        Ok(Err(crate::html::Skip::Binary)) => Event::Warning(format!(
            "{}: skipped (binary file, not text)",
            path.display()
        )),
        Ok(Err(crate::html::Skip::NoText)) => Event::Warning(format!(
            "{}: skipped (no article text found in the page)",
            path.display()
        )),
        Err(e) => Event::Error(e),
    }
}

/// The date at the start of a timestamp ("2025-03-14T09:30:00Z").
fn date_prefix(s: &str) -> Option<Date> {
    s.trim().get(..10)?.parse().ok()
}

/// Builds a document from the bytes of a plain-text file.
/// A file in a legacy encoding or with stray bytes gives only its document here (the reader adds
/// a warning).
pub fn text_document(path: &Path, bytes: &[u8]) -> Event {
    decoded_event(path, decode(path, bytes))
}

fn decoded_event(path: &Path, decoded: Result<Decoded, Error>) -> Event {
    let text = match decoded {
        Ok(Decoded::Text(t))
        | Ok(Decoded::Legacy { text: t, .. })
        | Ok(Decoded::Lossy { text: t, .. }) => t,
        Ok(Decoded::Binary) => {
            return Event::Warning(format!(
                "{}: skipped (binary file, not text)",
                path.display()
            ));
        }
        Err(e) => return Event::Error(e),
    };
    document(path, text)
}

fn document(path: &Path, text: String) -> Event {
    let (published, title, body_start) = split_header(&text);
    let mut doc = Document::new(path.display().to_string(), text);
    doc.published = published;
    doc.title = title;
    doc.body_start = body_start;
    Event::Doc(Box::new(doc))
}

/// Result of decoding a file's bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    Text(String),
    /// A file wholly in a legacy 8-bit encoding, decoded as the named (detected) encoding.
    Legacy {
        text: String,
        encoding: &'static str,
    },
    /// UTF-8 (or ASCII) text with a few stray bytes that are not UTF-8, decoded with U+FFFD in
    /// their place: `stray` invalid sequences, the first at byte `first`.
    Lossy {
        text: String,
        stray: usize,
        first: usize,
    },
    Binary,
}

impl Decoded {
    /// The warning the reader gives for this decoding, if any.
    pub fn warning(&self, path: &Path) -> Option<String> {
        match self {
            Decoded::Legacy { encoding, .. } => Some(format!(
                "{}: not UTF-8; decoded as {encoding} (detected)",
                path.display()
            )),
            Decoded::Lossy { stray, first, .. } => Some(format!(
                "{}: not valid UTF-8: {stray} stray {}, the first at byte {first}; decoded as UTF-8 \
                 with U+FFFD in {} place (--encoding LABEL if it is in a legacy encoding)",
                path.display(),
                if *stray == 1 { "byte" } else { "bytes" },
                if *stray == 1 { "its" } else { "their" },
            )),
            _ => None,
        }
    }
}

/// Decodes bytes to NFC text: UTF-8 (BOM optional), UTF-16 with a BOM or detected without one,
/// or a legacy 8-bit encoding (see [`decode_with`]).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Decoded, Error> {
    decode_with(path, bytes, EncodingChoice::Auto)
}

/// [`decode_with`] that takes the bytes: valid UTF-8 in NFC (the common case) becomes the text
/// without a copy, which matters for a file of tens of megabytes.
pub fn decode_owned(path: &Path, bytes: Vec<u8>, choice: EncodingChoice) -> Result<Decoded, Error> {
    let utf8 = matches!(choice, EncodingChoice::Auto)
        || choice == EncodingChoice::Forced(encoding_rs::UTF_8);
    if utf8 && encoding_rs::Encoding::for_bom(&bytes).is_none() && !looks_binary(&bytes) {
        return match String::from_utf8(bytes) {
            Ok(s) => Ok(Decoded::Text(nfc_owned(s))),
            Err(e) => decode_with(path, e.as_bytes(), choice),
        };
    }
    decode_with(path, &bytes, choice)
}

/// Decodes bytes to NFC text.
///
/// The rule, in order: a byte order mark (UTF-8, UTF-16LE/BE) decides; UTF-16 without a byte order
/// mark is recognised by its NUL bytes (in the first 8 KiB, at least a third of the code units
/// have a zero high byte, on one side only); any other NUL byte in the first 8 KiB means binary;
/// with a forced encoding, that encoding; valid UTF-8 is UTF-8. Bytes that are not valid UTF-8
/// are:
/// - *corrupt UTF-8* — an error naming the byte offset — when they contain valid multibyte UTF-8
///   sequences and at most four invalid sequences per valid one ("mostly UTF-8 with a stray bad
///   byte");
/// - a *legacy 8-bit file* (Windows-1258, Windows-1252, …), decoded with the encoding chardetng
///   detects and reported by the caller as a warning, when the text is clearly not UTF-8: at least
///   one byte in twenty is not ASCII, or every invalid byte reads in the detected encoding as a
///   letter next to an ASCII letter ("Müller") or as typographic punctuation next to a letter or
///   digit (‘ ’ “ ” „ – — … « » € £ °);
/// - otherwise *ASCII with stray bytes* (a byte of binary, half a character cut off): decoded as
///   UTF-8 with U+FFFD in their place, reported as a warning naming the first one's offset. No
///   legacy code page is guessed from a couple of bytes.
pub fn decode_with(path: &Path, bytes: &[u8], choice: EncodingChoice) -> Result<Decoded, Error> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(Error::bad(
                path,
                format!("invalid {} text after its byte order mark", enc.name()),
            ));
        }
        return Ok(Decoded::Text(nfc(&text)));
    }
    if choice == EncodingChoice::Auto {
        if let Some(enc) = utf16_without_bom(bytes) {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            if !had_errors {
                return Ok(Decoded::Text(nfc(&text)));
            }
        }
    }
    if looks_binary(bytes) {
        return Ok(Decoded::Binary);
    }
    if let EncodingChoice::Forced(enc) = choice {
        let (text, _, had_errors) = enc.decode(bytes);
        if had_errors && enc == encoding_rs::UTF_8 {
            let offset = std::str::from_utf8(bytes)
                .err()
                .map_or(0, |e| e.valid_up_to());
            return Err(Error::InvalidUtf8 {
                path: path.to_path_buf(),
                offset,
            });
        }
        return Ok(Decoded::Text(nfc(&text)));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded::Text(nfc(s))),
        Err(e) => {
            let (multibyte, invalid) = utf8_census(bytes);
            if multibyte > 0 && invalid <= 4 * multibyte {
                return Err(Error::InvalidUtf8 {
                    path: path.to_path_buf(),
                    offset: e.valid_up_to(),
                });
            }
            let mut det = chardetng::EncodingDetector::new();
            det.feed(bytes, true);
            let enc = det.guess(None, false);
            let (text, _, _) = enc.decode(bytes);
            let high = bytes.iter().filter(|b| !b.is_ascii()).count();
            if multibyte == 0 && high * 20 < bytes.len() && !plausible_legacy(&text) {
                return Ok(Decoded::Lossy {
                    text: nfc(&String::from_utf8_lossy(bytes)),
                    stray: invalid,
                    first: e.valid_up_to(),
                });
            }
            Ok(Decoded::Legacy {
                text: nfc(&text),
                encoding: enc.name(),
            })
        }
    }
}

/// UTF-16 without a byte order mark: in the first 8 KiB (whole code units), at least a third of
/// the code units have a zero high byte and at most one in fifty a zero low byte (text in a
/// Latin or Vietnamese script is mostly ASCII letters, spaces and digits, U+00xx).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(8192) & !1];
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let zero_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let (many, few) = (units / 3, units / 50);
    if zero_odd >= many.max(1) && zero_even <= few {
        Some(encoding_rs::UTF_16LE)
    } else if zero_even >= many.max(1) && zero_odd <= few {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Whether every non-ASCII character of a legacy decoding looks like text: a letter next to an
/// ASCII letter, or typographic punctuation next to a letter or digit.
fn plausible_legacy(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().all(|(i, &c)| {
        if c.is_ascii() {
            return true;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let near = |f: &dyn Fn(char) -> bool| prev.is_some_and(f) || next.is_some_and(f);
        if c.is_alphabetic() {
            near(&|n: char| n.is_ascii_alphabetic())
        } else {
            "‘’“”„‚–—…«»€£°".contains(c) && near(&|n: char| n.is_alphanumeric())
        }
    })
}

/// Counts the valid multibyte UTF-8 sequences and the invalid sequences in `bytes`.
fn utf8_census(bytes: &[u8]) -> (usize, usize) {
    let mut multibyte = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (multibyte, invalid)
}

/// A NUL byte in the first 8 KiB: the same test git and ripgrep use for "binary".
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// NFC-normalises, skipping the work when the text is already NFC (the common case).
pub fn nfc(s: &str) -> String {
    if already_nfc(s) {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// [`nfc`] of an owned string: text already in NFC is returned as it is, without a copy.
pub fn nfc_owned(s: String) -> String {
    if already_nfc(&s) {
        s
    } else {
        s.nfc().collect()
    }
}

/// Whether `s` is NFC by the standard's quick check, asked first of the characters news is
/// written in ([`plainly_nfc`]) so that the table look-up runs only for a text with others.
fn already_nfc(s: &str) -> bool {
    s.chars().all(plainly_nfc)
        || is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
}

/// "Hợp đồng trị giá 12,5 tỷ USD – “ký kết”", "Übernahme für 3 Mrd. €": Latin letters before
/// the combining marks (U+0300), the precomposed Latin of Vietnamese (U+1E00–U+1EFF), dashes,
/// quotation marks and currency signs are each NFC and combine with nothing before them
/// (quick check "Yes", combining class 0), so a text of them alone is NFC; a test proves it
/// for every one of them.
fn plainly_nfc(c: char) -> bool {
    c < '\u{300}'
        || matches!(
            c,
            '\u{1E00}'..='\u{1EFF}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{20A0}'..='\u{20C0}'
        )
}

/// Reads a leading `date YYYY-MM-DD [title]` line: the date, the title and where the body starts.
/// The text itself is kept whole, so byte spans stay relative to the file's decoded text.
pub fn split_header(text: &str) -> (Option<Date>, Option<String>, usize) {
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_end].trim_start_matches('\u{feff}').trim();
    if let Some(rest) = first.strip_prefix("date ") {
        let rest = rest.trim_start();
        let (date_str, title) = rest.split_at(rest.find(char::is_whitespace).unwrap_or(rest.len()));
        if let Ok(date) = date_str.parse::<Date>() {
            let title = title.trim();
            let body_start = (first_end + 1).min(text.len());
            return (
                Some(date),
                (!title.is_empty()).then(|| title.to_string()),
                body_start,
            );
        }
    }
    (None, None, 0)
}

#[derive(Deserialize)]
struct JsonlRecord {
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
    /// Any JSON value: one that is not a date string is warned about, not fatal.
    date: Option<serde_json::Value>,
    lang: Option<String>,
    title: Option<String>,
    url: Option<String>,
}

/// Parses one JSON Lines record (`line` is 1-based, for messages) into a document or an error.
/// A record that is read with a warning (a malformed `"date"`) gives its document only.
pub fn parse_jsonl_line(path: &Path, line: usize, bytes: &[u8]) -> Event {
    parse_jsonl_record(path, line, bytes).0
}

/// [`parse_jsonl_line`] with the warning of a record that was read all the same: a `"date"` that
/// is not a date leaves the article undated (its text is still read), and says so.
pub fn parse_jsonl_record(path: &Path, line: usize, bytes: &[u8]) -> (Event, Option<String>) {
    let mut warning = None;
    let ev = jsonl_event(path, line, bytes, &mut warning);
    (ev, warning)
}

fn jsonl_event(path: &Path, line: usize, bytes: &[u8], warning: &mut Option<String>) -> Event {
    let bad = |message: String| {
        Event::Error(Error::BadLine {
            path: path.to_path_buf(),
            line,
            message,
        })
    };
    let s = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            return bad(format!(
                "invalid UTF-8 at byte {} of the line",
                e.valid_up_to()
            ));
        }
    };
    let rec: JsonlRecord = match serde_json::from_str(s) {
        Ok(r) => r,
        Err(e) => return bad(format!("not a JSON object: {e}")),
    };
    let id = rec.id.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    });
    let source = match &id {
        Some(id) => format!("{}#{}", path.display(), id),
        None => format!("{}:{}", path.display(), line),
    };
    let mut doc = match (rec.text, rec.html) {
        (Some(text), _) => Document::new(source, nfc_owned(text)),
        // The page's title, date and URL, unless the record gives its own.
        (None, Some(html)) => match crate::html::extract(&html) {
            Ok(page) => html_document(source, page),
            Err(_) => return bad("no article text found in \"html\"".to_string()),
        },
        (None, None) => return bad("no \"text\" or \"html\" field".to_string()),
    };
    doc.line = Some(format!("{}:{}", path.display(), line));
    doc.id = id;
    doc.title = rec.title.or(doc.title);
    doc.url = rec.url.or(doc.url);
    if let Some(v) = rec.date.filter(|v| !v.is_null()) {
        let d = match v {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        // Accept a full timestamp too: the first 10 characters are the date.
        match d.get(..10).unwrap_or(&d).parse::<Date>() {
            Ok(date) => doc.published = Some(date),
            Err(_) => {
                *warning = Some(format!(
                    "{}:{line}: \"date\" is not YYYY-MM-DD: {d:?}; read without a date",
                    path.display()
                ))
            }
        }
    }
    if let Some(l) = rec.lang {
        match l.parse::<Lang>() {
            Ok(lang) => doc.lang = Some(lang),
            Err(e) => return bad(format!("\"lang\": {e}")),
        }
    }
    Event::Doc(Box::new(doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_taken_as_plainly_nfc_is_nfc_alone_and_combines_with_nothing() {
        use unicode_normalization::char::canonical_combining_class;
        let plain: Vec<char> = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|&c| plainly_nfc(c))
            .collect();
        assert!(plain.len() > 1000);
        for c in plain {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(
                is_nfc_quick(std::iter::once(c)),
                unicode_normalization::IsNormalized::Yes,
                "{c:?}"
            );
        }
        // Outside them the full check still runs: a decomposed letter is composed.
        assert_eq!(nfc("Vie\u{0302}\u{0323}t"), "Việt");
        assert!(
            !plainly_nfc('\u{2000}'),
            "an en quad decomposes to an en space"
        );
    }

    #[test]
    fn header_gives_date_and_title_and_is_not_text() {
        let text = " date 2025-11-14 Đang đàm phán\n\nTPO - Bộ Công Thương";
        let (d, t, start) = split_header(text);
        assert_eq!(d, Some(jiff::civil::date(2025, 11, 14)));
        assert_eq!(t.as_deref(), Some("Đang đàm phán"));
        assert_eq!(&text[start..], "\nTPO - Bộ Công Thương");
    }

    #[test]
    fn no_header_keeps_text() {
        assert_eq!(split_header("dated text\nmore"), (None, None, 0));
    }

    #[test]
    fn decomposed_vietnamese_is_composed() {
        // "đồng" written as d-stroke, o, combining circumflex, combining grave, n, g.
        let decomposed = "\u{111}o\u{302}\u{300}ng";
        match decode(Path::new("x"), decomposed.as_bytes()).unwrap() {
            Decoded::Text(t) => assert_eq!(t, "đồng"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn invalid_utf8_names_offset() {
        // "Hợp \xff đồng": mostly valid multibyte UTF-8 with a stray bad byte.
        let bytes = b"H\xe1\xbb\xa3p \xff \xc4\x91\xe1\xbb\x93ng";
        let err = decode(Path::new("bad.txt"), bytes).unwrap_err();
        assert_eq!(err.to_string(), "bad.txt: invalid UTF-8 at byte 6");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Hợp đồng".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(
            decode(Path::new("x"), &bytes).unwrap(),
            Decoded::Text("Hợp đồng".into())
        );
    }

    #[test]
    fn jsonl_line_errors_name_line() {
        match parse_jsonl_line(Path::new("a.jsonl"), 7, b"{\"id\": 1}") {
            Event::Error(e) => {
                assert_eq!(e.to_string(), "a.jsonl:7: no \"text\" or \"html\" field")
            }
            other => panic!("{other:?}"),
        }
        match parse_jsonl_line(
            Path::new("a.jsonl"),
            2,
            b"{\"id\": \"x\", \"text\": \"t\", \"lang\": \"de\", \"date\": \"2024-01-02\"}",
        ) {
            Event::Doc(d) => {
                assert_eq!(d.source, "a.jsonl#x");
                assert_eq!(d.lang, Some(Lang::De));
                assert_eq!(d.published, Some(jiff::civil::date(2024, 1, 2)));
            }
            other => panic!("{other:?}"),
        }
    }
}
