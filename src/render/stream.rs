//! Streaming writers: records written one at a time as CSV, a JSON document or JSON Lines, byte for
//! byte what the whole-list writers produce, so that output never waits for the whole corpus.

use std::io::{self, Write};

use super::{CsvOptions, Format, Record, csv_cell, csv_writer};

/// `text` with every line after the first indented by `pad`: a pretty JSON value nested the way
/// `serde_json::to_writer_pretty` nests it inside a document.
pub fn nested(text: &str, pad: &str) -> String {
    text.replace('\n', &format!("\n{pad}"))
}

/// Writes records of one kind as they come; [`RecordStream::finish`] closes the document.
pub enum RecordStream<'w> {
    Csv(Box<csv::Writer<&'w mut dyn Write>>, CsvOptions),
    /// `{"key": [ … ]}`; the count of records written so far.
    Json(&'w mut dyn Write, usize),
    Jsonl(&'w mut dyn Write),
}

impl<'w> RecordStream<'w> {
    /// Starts the output: the CSV header, or the JSON document up to the list named `key`.
    /// `Format::Table` is not a stream; callers collect for it.
    pub fn start<R: Record>(
        w: &'w mut dyn Write,
        fmt: Format,
        key: &str,
        csv: CsvOptions,
    ) -> io::Result<RecordStream<'w>> {
        Ok(match fmt {
            Format::Csv => {
                let mut cw = csv_writer(w, &csv)?;
                cw.write_record(R::headers())?;
                RecordStream::Csv(Box::new(cw), csv)
            }
            Format::Json => {
                write!(w, "{{\n  {}: [", serde_json::to_string(key)?)?;
                RecordStream::Json(w, 0)
            }
            Format::Jsonl | Format::Table | Format::Xlsx => RecordStream::Jsonl(w),
        })
    }

    pub fn record<R: Record>(&mut self, r: &R) -> io::Result<()> {
        match self {
            RecordStream::Csv(cw, opts) => {
                cw.write_record(r.cells().iter().map(|c| csv_cell(c, opts)))?;
                Ok(())
            }
            RecordStream::Json(w, n) => {
                let v = serde_json::to_string_pretty(r)?;
                let sep = if *n == 0 { "\n    " } else { ",\n    " };
                write!(w, "{sep}{}", nested(&v, "    "))?;
                *n += 1;
                Ok(())
            }
            RecordStream::Jsonl(w) => {
                serde_json::to_writer(&mut *w, r)?;
                w.write_all(b"\n")
            }
        }
    }

    pub fn finish(self) -> io::Result<()> {
        match self {
            RecordStream::Csv(mut cw, _) => cw.flush(),
            RecordStream::Json(w, n) => {
                let close = if n == 0 { "]" } else { "\n  ]" };
                writeln!(w, "{close}\n}}")
            }
            RecordStream::Jsonl(_) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Cell, write_csv, write_json, write_jsonl};
    use serde::Serialize;

    #[derive(Serialize)]
    struct Row {
        name: String,
        n: u32,
    }

    impl Record for Row {
        fn headers() -> &'static [&'static str] {
            &["name", "n"]
        }
        fn cells(&self) -> Vec<Cell> {
            vec![Cell::Text(self.name.clone()), Cell::Int(u64::from(self.n))]
        }
    }

    fn streamed(fmt: Format, rows: &[Row]) -> String {
        let mut buf = Vec::new();
        let mut s =
            RecordStream::start::<Row>(&mut buf, fmt, "rows", CsvOptions::default()).unwrap();
        for r in rows {
            s.record(r).unwrap();
        }
        s.finish().unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn streams_match_the_whole_list_writers() {
        for rows in [
            vec![],
            vec![Row {
                name: "a, \"b\"\nc".into(),
                n: 1,
            }],
            vec![
                Row {
                    name: "x".into(),
                    n: 2,
                },
                Row {
                    name: "=y".into(),
                    n: 3,
                },
            ],
        ] {
            let mut csv = Vec::new();
            write_csv(&mut csv, &rows, &CsvOptions::default()).unwrap();
            assert_eq!(streamed(Format::Csv, &rows).as_bytes(), csv);
            let mut json = Vec::new();
            write_json(&mut json, &serde_json::json!({ "rows": rows })).unwrap();
            assert_eq!(streamed(Format::Json, &rows).as_bytes(), json);
            let mut jsonl = Vec::new();
            write_jsonl(&mut jsonl, &rows).unwrap();
            assert_eq!(streamed(Format::Jsonl, &rows).as_bytes(), jsonl);
        }
    }
}
