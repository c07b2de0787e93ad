//! Reading deals back: the JSON Lines that `extract --format jsonl` writes (and the Spark job's part
//! files), so that cross-source tracking, summaries and checks can run over deals alone, without
//! the articles' text.
//!
//! Each line is a [`Deal`] (`"record": "deal"`, or no `record` field), a [`Total`]
//! (`"record": "total"`), or a document (`"record": "document"`, from `--with-text`: skipped).
//! Extra fields such as `amount_usd` from `--fx` are ignored. A directory is read as its files in
//! name order (`part-00000`, `part-00001`, …), leaving out hidden files and Spark's `_SUCCESS` and
//! `.crc` files, so a job's output directory reads in the order of its input. A bad line is an
//! error naming the file and line, and reading goes on.

use std::fs;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;
use crate::model::{ArticleMeta, Deal, Total};

/// One record of a deals file.
#[derive(Debug)]
pub enum Record {
    /// A deal, with its article's title and link as the line gave them.
    Deal(Box<Deal>, ArticleMeta),
    Total(Box<Total>),
    /// A bad line or an unreadable file (reading goes on).
    Error(Error),
}

/// Reads the records of deals files and directories, lazily, in order.
pub struct Reader {
    files: std::vec::IntoIter<PathBuf>,
    current: Option<(PathBuf, Box<dyn BufRead + Send>, usize)>,
    pending: Vec<Error>,
}

impl Reader {
    /// Files, directories (their files in name order) or `-` for stdin.
    pub fn new(paths: &[PathBuf]) -> Reader {
        let mut files = Vec::new();
        let mut pending = Vec::new();
        for p in paths {
            if p.as_os_str() != "-" && p.is_dir() {
                match fs::read_dir(p) {
                    Ok(entries) => {
                        let mut found: Vec<PathBuf> = entries
                            .filter_map(|e| e.ok().map(|e| e.path()))
                            .filter(|f| f.is_file() && is_data_file(f))
                            .collect();
                        found.sort();
                        files.extend(found);
                    }
                    Err(e) => pending.push(Error::io(p, e)),
                }
            } else {
                files.push(p.clone());
            }
        }
        pending.reverse();
        Reader {
            files: files.into_iter(),
            current: None,
            pending,
        }
    }
}

/// Not a hidden file, a `_SUCCESS` marker or a checksum.
fn is_data_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !(name.starts_with('.') || name.starts_with('_') || name.ends_with(".crc"))
}

#[derive(Deserialize)]
struct Tag {
    record: Option<String>,
}

/// Parses one line: `None` for a line that is no deal or total (blank, a document).
pub fn parse_line(path: &Path, line_no: usize, line: &str) -> Option<Record> {
    if line.trim().is_empty() {
        return None;
    }
    let bad = |message: String| {
        Some(Record::Error(Error::BadLine {
            path: path.to_path_buf(),
            line: line_no,
            message,
        }))
    };
    let tag: Tag = match serde_json::from_str(line) {
        Ok(t) => t,
        Err(e) => return bad(format!("not a JSON object: {e}")),
    };
    match tag.record.as_deref() {
        None | Some("deal") => match serde_json::from_str::<Deal>(line) {
            Ok(d) => {
                let m: MetaFields = serde_json::from_str(line).unwrap_or_default();
                let meta = ArticleMeta {
                    title: m.title,
                    url: m.url,
                    published: d.published,
                };
                Some(Record::Deal(Box::new(d), meta))
            }
            Err(e) => bad(format!("not a deal: {e}")),
        },
        Some("total") => match serde_json::from_str::<Total>(line) {
            Ok(t) => Some(Record::Total(Box::new(t))),
            Err(e) => bad(format!("not a total: {e}")),
        },
        Some(_) => None,
    }
}

/// The article's title and link, written beside each deal by `extract --format jsonl`.
#[derive(Default, serde::Deserialize)]
struct MetaFields {
    title: Option<String>,
    url: Option<String>,
}

impl Iterator for Reader {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(e) = self.pending.pop() {
                return Some(Record::Error(e));
            }
            let Some((path, lines, line_no)) = &mut self.current else {
                let path = self.files.next()?;
                let input: io::Result<Box<dyn BufRead + Send>> = if path.as_os_str() == "-" {
                    Ok(Box::new(BufReader::new(io::stdin())))
                } else {
                    fs::File::open(&path)
                        .map(|f| Box::new(BufReader::with_capacity(1 << 16, f)) as _)
                };
                match input {
                    Ok(r) => self.current = Some((path, r, 0)),
                    Err(e) => return Some(Record::Error(Error::io(&path, e))),
                }
                continue;
            };
            let mut line = String::new();
            *line_no += 1;
            match lines.read_line(&mut line) {
                Ok(0) => self.current = None,
                Ok(_) => {
                    if let Some(r) = parse_line(path, *line_no, &line) {
                        return Some(r);
                    }
                }
                Err(e) => {
                    let err = Error::BadLine {
                        path: path.clone(),
                        line: *line_no,
                        message: e.to_string(),
                    };
                    self.current = None;
                    return Some(Record::Error(err));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deals_and_totals_round_trip_and_documents_are_skipped() {
        let mut d = Deal::blank("a.txt");
        d.amount = Some(rust_decimal::Decimal::new(372, 1));
        d.currency = Some("USD".into());
        let mut v = serde_json::to_value(&d).unwrap();
        v["record"] = "deal".into();
        v["amount_usd"] = "37.2".into();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("_SUCCESS"), "").unwrap();
        fs::write(out.join(".part-00000.crc"), "x").unwrap();
        fs::write(
            out.join("part-00000"),
            format!("{v}\n{{\"record\":\"document\",\"text\":\"x\"}}\n\n"),
        )
        .unwrap();
        fs::write(out.join("part-00001"), "{\"record\":\"deal\",\"id\":1}\n").unwrap();
        let got: Vec<Record> = Reader::new(std::slice::from_ref(&out)).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        match &got[0] {
            Record::Deal(got, _) => assert_eq!(**got, d),
            other => panic!("{other:?}"),
        }
        match &got[1] {
            Record::Error(e) => {
                let msg = e.to_string();
                assert!(
                    msg.starts_with(&format!(
                        "{}:1: not a deal",
                        out.join("part-00001").display()
                    )),
                    "{msg}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
