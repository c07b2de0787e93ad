//! Reading documents: files, directories (recursively), stdin and JSON Lines, decoded to NFC text.
//!
//! Inputs are expanded up front (paths only, sorted, so output order never depends on the file
//! system) and read lazily, one document at a time, so memory does not grow with the corpus.
//! Problems are reported as events naming the file, and reading goes on with the next input.

use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

use crate::error::Error;
use crate::lang::Lang;
use crate::model::Document;

/// How to read the inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// By extension: `.jsonl` is JSON Lines, everything else plain text.
    #[default]
    Auto,
    Text,
    Jsonl,
}

/// What reading produced: a document, or a problem to report (reading goes on).
#[derive(Debug)]
pub enum Event {
    Doc(Box<Document>),
    /// Skipped input (not an error: exit status unchanged), e.g. a binary file.
    Warning(String),
    /// Bad input: reported, and the run ends with exit status 2.
    Error(Error),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Input {
    Stdin,
    File(PathBuf),
}

/// Text file extensions read from directories.
const TEXT_EXT: &[&str] = &["txt", "md"];
const JSONL_EXT: &[&str] = &["jsonl", "ndjson"];

/// Expands paths (files, directories, `-`) into inputs; notes for skipped files go to `events`.
fn expand(paths: &[PathBuf], events: &mut Vec<Event>) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
            continue;
        }
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk(p, &mut found, events);
                found.sort();
                out.extend(found.into_iter().map(Input::File));
            }
            Ok(_) => out.push(Input::File(p.clone())),
            Err(e) => events.push(Event::Error(Error::io(p, e))),
        }
    }
    out
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, events: &mut Vec<Event>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            events.push(Event::Error(Error::io(dir, e)));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                events.push(Event::Error(Error::io(dir, e)));
                continue;
            }
        };
        let path = entry.path();
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if is_dir {
            walk(&path, found, events);
            continue;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if TEXT_EXT.contains(&ext.as_str()) || JSONL_EXT.contains(&ext.as_str()) {
            found.push(path);
        } else {
            events.push(Event::Warning(format!(
                "{}: skipped (not .txt, .md or .jsonl)",
                path.display()
            )));
        }
    }
}

/// Lazily reads the documents of a list of paths.
pub struct Reader {
    inputs: std::vec::IntoIter<Input>,
    pending: std::collections::VecDeque<Event>,
    format: InputFormat,
    jsonl: Option<JsonlState>,
}

struct JsonlState {
    path: PathBuf,
    lines: Box<dyn BufRead + Send>,
    line_no: usize,
}

impl Reader {
    pub fn new(paths: &[PathBuf], format: InputFormat) -> Self {
        let mut events = Vec::new();
        let inputs = expand(paths, &mut events);
        Reader {
            inputs: inputs.into_iter(),
            pending: events.into(),
            format,
            jsonl: None,
        }
    }

    fn is_jsonl(&self, input: &Input) -> bool {
        match self.format {
            InputFormat::Jsonl => true,
            InputFormat::Text => false,
            InputFormat::Auto => match input {
                Input::Stdin => false,
                Input::File(p) => p
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| JSONL_EXT.contains(&e.to_ascii_lowercase().as_str())),
            },
        }
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
                Ok(_) => {}
                Err(e) => {
                    let err = Error::io(&st.path, e);
                    self.jsonl = None;
                    return Some(Event::Error(err));
                }
            }
            if buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(parse_jsonl_line(&st.path, st.line_no, &buf));
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
            let input = self.inputs.next()?;
            let name = match &input {
                Input::Stdin => PathBuf::from("-"),
                Input::File(p) => p.clone(),
            };
            if self.is_jsonl(&input) {
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
            return Some(text_document(&name, &bytes));
        }
    }
}

/// Builds a document from the bytes of a plain-text file.
pub fn text_document(path: &Path, bytes: &[u8]) -> Event {
    let text = match decode(path, bytes) {
        Ok(Decoded::Text(t)) => t,
        Ok(Decoded::Binary) => {
            return Event::Warning(format!(
                "{}: skipped (binary file, not text)",
                path.display()
            ));
        }
        Err(e) => return Event::Error(e),
    };
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
    Binary,
}

/// Decodes bytes to NFC text: UTF-8 (BOM optional) or UTF-16 with a BOM.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Decoded, Error> {
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
    if looks_binary(bytes) {
        return Ok(Decoded::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded::Text(nfc(s))),
        Err(e) => Err(Error::InvalidUtf8 {
            path: path.to_path_buf(),
            offset: e.valid_up_to(),
        }),
    }
}

/// A NUL byte in the first 8 KiB: the same test git and ripgrep use for "binary".
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// NFC-normalises, skipping the work when the text is already NFC (the common case).
pub fn nfc(s: &str) -> String {
    if is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        s.to_string()
    } else {
        s.nfc().collect()
    }
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
    date: Option<String>,
    lang: Option<String>,
    title: Option<String>,
    url: Option<String>,
}

fn parse_jsonl_line(path: &Path, line: usize, bytes: &[u8]) -> Event {
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
    let Some(text) = rec.text else {
        return bad("no \"text\" field".to_string());
    };
    let id = rec.id.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    });
    let source = match &id {
        Some(id) => format!("{}#{}", path.display(), id),
        None => format!("{}:{}", path.display(), line),
    };
    let mut doc = Document::new(source, nfc(&text));
    doc.id = id;
    doc.title = rec.title;
    doc.url = rec.url;
    if let Some(d) = rec.date {
        // Accept a full timestamp too: the first 10 characters are the date.
        match d.get(..10).unwrap_or(&d).parse::<Date>() {
            Ok(date) => doc.published = Some(date),
            Err(_) => return bad(format!("\"date\" is not YYYY-MM-DD: {d:?}")),
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
            Decoded::Binary => panic!("not binary"),
        }
    }

    #[test]
    fn invalid_utf8_names_offset() {
        let err = decode(Path::new("bad.txt"), b"abc\xffdef").unwrap_err();
        assert_eq!(err.to_string(), "bad.txt: invalid UTF-8 at byte 3");
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
            Event::Error(e) => assert_eq!(e.to_string(), "a.jsonl:7: no \"text\" field"),
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
