//! WARC archives (`.warc`, `.warc.gz`): every `response` record whose HTTP payload is an HTML page
//! becomes a document; other records are skipped and counted.
//!
//! A small streaming reader over `flate2` (the `warc` crate reads bodies line by line into
//! 1 MiB buffers, gives no record offsets and cannot resume after a bad record). It reads one
//! record at a time, so memory is bounded by the largest HTML payload kept ([`MAX_PAYLOAD`]),
//! never by the archive.
//!
//! - A gzip archive (detected by its magic bytes, whatever the name) is a series of gzip members,
//!   normally one record each. A record is named `FILE#OFFSET`, OFFSET being the byte offset of
//!   its gzip member in the compressed file: the offset a CDX index gives, from which
//!   `warcio extract FILE OFFSET` or `tail -c +$((OFFSET+1)) FILE | zcat` reads it. A record that is
//!   not the first of its member (an archive compressed whole) is `FILE#OFFSET+N`, N being its
//!   offset in the member's decompressed bytes.
//! - A plain archive's records are `FILE#OFFSET`, the byte offset of the `WARC/1.x` line.
//! - A corrupt or truncated record is an error naming the file and that offset; reading resumes
//!   at the next gzip member (or, in a plain archive, the next line starting `WARC/1.`).

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::bufread::GzDecoder;

use crate::error::Error;

/// HTML payloads larger than this are skipped (counted), so one huge record cannot exhaust memory.
pub const MAX_PAYLOAD: u64 = 32 << 20;
/// Record headers longer than this are a corrupt record.
const MAX_HEADER: usize = 1 << 20;

/// An HTML page found in a `response` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// `FILE#OFFSET` (see the module documentation).
    pub name: String,
    pub target_uri: Option<String>,
    /// `WARC-Date` (a timestamp, UTC).
    pub date: Option<String>,
    /// The HTTP `Content-Type` (for its charset).
    pub content_type: Option<String>,
    /// The HTTP payload, de-chunked and decompressed.
    pub html: Vec<u8>,
}

/// What the reader gives, record by record.
#[derive(Debug)]
pub enum Item {
    Page(Response),
    /// A corrupt or truncated record (reading goes on with the next one where it can).
    Error(Error),
}

/// Bytes consumed so far from a reader.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

type Raw = Counting<Box<dyn BufRead + Send>>;
/// A gzip member's decompressed bytes, counted from the member's start.
type Member = Counting<BufReader<GzDecoder<Raw>>>;

enum Stream {
    Plain(Raw),
    /// Between members: the compressed stream.
    GzBetween(Raw),
    /// Inside the member that starts at this compressed offset.
    GzIn(Box<Member>, u64),
    Done,
}

/// Reads the HTML responses of one archive, lazily.
pub struct Reader {
    path: PathBuf,
    stream: Stream,
    /// A `WARC/` line already read while looking for the next record (plain archives).
    pending_line: Option<Vec<u8>>,
    /// After corrupt gzip data, until a record reads cleanly: a gzip magic found in the damaged
    /// bytes may start no real member, and errors then are the same damage, not new ones.
    resyncing: bool,
    /// Records skipped, by reason.
    skipped: BTreeMap<String, usize>,
}

/// One record's header fields that matter here.
struct Head {
    warc_type: String,
    content_type: String,
    target_uri: Option<String>,
    date: Option<String>,
    length: u64,
}

enum Parsed {
    Eof,
    Record(Head, Option<Vec<u8>>),
    /// A corrupt record: the message, and whether the stream is still aligned on a record end.
    Bad(String),
}

impl Reader {
    /// Reads the archive from `input`, named `path` in messages and document names.
    pub fn new(path: &Path, input: Box<dyn BufRead + Send>) -> io::Result<Reader> {
        let mut raw = Counting {
            inner: input,
            pos: 0,
        };
        let gz = raw.fill_buf()?.starts_with(&[0x1f, 0x8b]);
        Ok(Reader {
            path: path.to_path_buf(),
            stream: if gz {
                Stream::GzBetween(raw)
            } else {
                Stream::Plain(raw)
            },
            pending_line: None,
            resyncing: false,
            skipped: BTreeMap::new(),
        })
    }

    pub fn open(path: &Path) -> io::Result<Reader> {
        let f = std::fs::File::open(path)?;
        Reader::new(path, Box::new(BufReader::with_capacity(1 << 16, f)))
    }

    /// Records skipped so far, by reason ("request", "metadata", "not HTML: image/png", …).
    pub fn skipped(&self) -> &BTreeMap<String, usize> {
        &self.skipped
    }

    /// One line summing up the skipped records, if any: `N records skipped (…)`.
    pub fn skipped_summary(&self) -> Option<String> {
        let n: usize = self.skipped.values().sum();
        (n > 0).then(|| {
            let parts: Vec<String> = self
                .skipped
                .iter()
                .map(|(k, v)| format!("{v} {k}"))
                .collect();
            format!(
                "{}: {n} record{} skipped ({})",
                self.path.display(),
                if n == 1 { "" } else { "s" },
                parts.join(", ")
            )
        })
    }

    /// Counts a record skipped for a reason found outside this reader (e.g. a page with no text).
    pub fn count_skipped(&mut self, why: &str) {
        self.skip(why);
    }

    fn skip(&mut self, why: impl Into<String>) {
        *self.skipped.entry(why.into()).or_default() += 1;
    }

    fn error(&mut self, offset: String, message: impl std::fmt::Display) -> Option<Item> {
        if self.resyncing {
            return None;
        }
        Some(Item::Error(Error::bad(
            &self.path,
            format!("record at byte {offset}: {message}"),
        )))
    }

    /// The next page or error; `None` at the end of the archive.
    fn step(&mut self) -> Option<Option<Item>> {
        match std::mem::replace(&mut self.stream, Stream::Done) {
            Stream::Done => None,
            Stream::Plain(mut raw) => {
                let offset = raw.pos;
                let line = self.pending_line.take();
                let parsed = read_record(&mut raw, line);
                let item = match parsed {
                    Ok(Parsed::Eof) => return None,
                    Ok(Parsed::Record(head, body)) => {
                        self.resyncing = false;
                        let name = format!("{}#{offset}", self.path.display());
                        self.stream = Stream::Plain(raw);
                        return Some(self.record(name, head, body));
                    }
                    Ok(Parsed::Bad(msg)) => {
                        let item = self.error(offset.to_string(), msg);
                        // Find the next record: a line starting "WARC/1.".
                        match next_warc_line(&mut raw) {
                            Ok(Some(line)) => {
                                self.pending_line = Some(line);
                                self.stream = Stream::Plain(raw);
                            }
                            Ok(None) => {}
                            Err(e) => {
                                return Some(
                                    item.or_else(|| Some(Item::Error(Error::io(&self.path, e)))),
                                );
                            }
                        }
                        item
                    }
                    Err(e) => Some(Item::Error(Error::io(&self.path, e))),
                };
                Some(item)
            }
            Stream::GzBetween(mut raw) => {
                match raw.fill_buf() {
                    Ok([]) => return None,
                    Ok(_) => {}
                    Err(e) => return Some(Some(Item::Error(Error::io(&self.path, e)))),
                }
                let start = raw.pos;
                let member = Counting {
                    inner: BufReader::with_capacity(1 << 16, GzDecoder::new(raw)),
                    pos: 0,
                };
                self.stream = Stream::GzIn(Box::new(member), start);
                Some(None)
            }
            Stream::GzIn(mut member, start) => {
                let within = member.pos;
                let offset = if within == 0 {
                    start.to_string()
                } else {
                    format!("{start}+{within}")
                };
                match read_record(&mut *member, None) {
                    Ok(Parsed::Eof) => {
                        // The member is done; the compressed stream goes on after it.
                        let raw = member.inner.into_inner().into_inner();
                        self.stream = Stream::GzBetween(raw);
                        Some(None)
                    }
                    Ok(Parsed::Record(head, body)) => {
                        // Look ahead: where the record ends its member, this reads the member's
                        // trailer, so a damaged member (CRC-32) is an error, not a page. Some
                        // deflate backends decode damaged data without complaint until then.
                        if let Err(e) = member.fill_buf() {
                            let item = self.error(offset, format!("corrupt gzip data ({e})"));
                            self.resync_gz(*member, start);
                            return Some(item);
                        }
                        self.resyncing = false;
                        let name = format!("{}#{offset}", self.path.display());
                        self.stream = Stream::GzIn(member, start);
                        Some(self.record(name, head, body))
                    }
                    Ok(Parsed::Bad(msg)) => {
                        let item = self.error(offset, msg);
                        // The gzip data is sound: skip the rest of this member.
                        match io::copy(&mut *member, &mut io::sink()) {
                            Ok(_) => {
                                let raw = member.inner.into_inner().into_inner();
                                self.stream = Stream::GzBetween(raw);
                            }
                            Err(_) => self.resync_gz(*member, start),
                        }
                        Some(item)
                    }
                    Err(e) => {
                        let item = self.error(offset, format!("corrupt gzip data ({e})"));
                        self.resync_gz(*member, start);
                        Some(item)
                    }
                }
            }
        }
    }

    /// After corrupt gzip data: carries on at the next gzip member header in the compressed stream.
    fn resync_gz(&mut self, member: Member, start: u64) {
        self.resyncing = true;
        let mut raw = member.inner.into_inner().into_inner();
        // The damaged member's own header is at `start`: never restart there.
        if raw.pos <= start {
            let mut one = [0u8; 1];
            if !matches!(raw.read(&mut one), Ok(1)) {
                return;
            }
        }
        if let Ok(true) = seek_magic(&mut raw) {
            self.stream = Stream::GzBetween(raw);
        }
    }

    fn record(&mut self, name: String, head: Head, body: Option<Vec<u8>>) -> Option<Item> {
        if head.warc_type != "response" {
            self.skip(head.warc_type);
            return None;
        }
        let Some(body) = body else {
            self.skip(if head.length > MAX_PAYLOAD {
                "larger than 32 MiB".to_string()
            } else {
                format!("not HTTP: {}", head.content_type)
            });
            return None;
        };
        match http_payload(&body) {
            Ok(Payload::Html { content_type, body }) => Some(Item::Page(Response {
                name,
                target_uri: head.target_uri,
                date: head.date,
                content_type,
                html: body,
            })),
            Ok(Payload::Other(why)) => {
                self.skip(why);
                None
            }
            Err(msg) => {
                let offset = name.rsplit('#').next().unwrap_or("").to_string();
                self.error(offset, msg)
            }
        }
    }
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.step()? {
                return Some(item);
            }
        }
    }
}

/// Skips to the next gzip member header (`1f 8b 08`), leaving it unread. False when none is left.
fn seek_magic(raw: &mut Raw) -> io::Result<bool> {
    loop {
        let buf = raw.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        if buf.len() < 3 {
            // Too short to tell at the end of the buffer: a magic cannot straddle a refill here
            // without being found on the next pass, since only one byte is consumed.
            let n = buf.len();
            if buf[0] == 0x1f && n > 1 && buf[1] == 0x8b {
                return Ok(true);
            }
            raw.consume(1);
            continue;
        }
        match buf.windows(3).position(|w| w == [0x1f, 0x8b, 0x08]) {
            Some(i) => {
                raw.consume(i);
                return Ok(true);
            }
            None => {
                let n = buf.len() - 2;
                raw.consume(n);
            }
        }
    }
}

/// Reads lines until one starts with `WARC/1.`; returns it (the start of the next record).
fn next_warc_line(r: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    loop {
        line.clear();
        if r.take(MAX_HEADER as u64).read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        if line.starts_with(b"WARC/1.") {
            return Ok(Some(line));
        }
    }
}

/// Reads one record: its header, and its body when it may hold an HTML page (a `response` of
/// `application/http`, at most [`MAX_PAYLOAD`] bytes); other bodies are skipped unread.
fn read_record(r: &mut impl BufRead, first: Option<Vec<u8>>) -> io::Result<Parsed> {
    let mut line = Vec::new();
    match first {
        Some(l) => line = l,
        None => loop {
            line.clear();
            if r.take(MAX_HEADER as u64).read_until(b'\n', &mut line)? == 0 {
                return Ok(Parsed::Eof);
            }
            if !line.iter().all(|b| b.is_ascii_whitespace()) {
                break;
            }
        },
    }
    if !line.starts_with(b"WARC/") {
        return Ok(Parsed::Bad("not a WARC record (no WARC/1.x line)".into()));
    }
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut header_len = line.len();
    loop {
        line.clear();
        let n = r.take(MAX_HEADER as u64).read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(Parsed::Bad("truncated in the record header".into()));
        }
        header_len += n;
        if header_len > MAX_HEADER {
            return Ok(Parsed::Bad("record header over 1 MiB".into()));
        }
        let l = String::from_utf8_lossy(&line);
        let l = l.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            break;
        }
        if l.starts_with([' ', '\t']) {
            if let Some(last) = fields.last_mut() {
                last.1.push(' ');
                last.1.push_str(l.trim());
            }
            continue;
        }
        match l.split_once(':') {
            Some((k, v)) => fields.push((k.trim().to_ascii_lowercase(), v.trim().to_string())),
            None => return Ok(Parsed::Bad(format!("header line without a colon: {l:?}"))),
        }
    }
    let get = |k: &str| fields.iter().find(|(f, _)| f == k).map(|(_, v)| v.clone());
    let Some(length) = get("content-length") else {
        return Ok(Parsed::Bad("no Content-Length".into()));
    };
    let Ok(length) = length.parse::<u64>() else {
        return Ok(Parsed::Bad(format!(
            "Content-Length is not a number: {length:?}"
        )));
    };
    let head = Head {
        warc_type: get("warc-type").unwrap_or_default().to_ascii_lowercase(),
        content_type: get("content-type").unwrap_or_default(),
        target_uri: get("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string()),
        date: get("warc-date"),
        length,
    };
    let wanted = head.warc_type == "response"
        && head
            .content_type
            .to_ascii_lowercase()
            .starts_with("application/http")
        && length <= MAX_PAYLOAD;
    let body = if wanted {
        let mut body = Vec::with_capacity(length as usize);
        r.take(length).read_to_end(&mut body)?;
        if (body.len() as u64) < length {
            return Ok(Parsed::Bad(format!(
                "truncated: Content-Length {length}, {} bytes left",
                body.len()
            )));
        }
        Some(body)
    } else {
        let got = io::copy(&mut r.take(length), &mut io::sink())?;
        if got < length {
            return Ok(Parsed::Bad(format!(
                "truncated: Content-Length {length}, {got} bytes left"
            )));
        }
        None
    };
    // The record ends with CRLF CRLF; an archive cut right after the body is read as ended.
    let mut end = Vec::with_capacity(4);
    r.take(4).read_to_end(&mut end)?;
    if !end.iter().all(|b| *b == b'\r' || *b == b'\n') {
        return Ok(Parsed::Bad(
            "no CRLF CRLF after the record body (wrong Content-Length?)".into(),
        ));
    }
    Ok(Parsed::Record(head, body))
}

enum Payload {
    Html {
        content_type: Option<String>,
        body: Vec<u8>,
    },
    /// Not a page to read, and why (counted).
    Other(String),
}

/// The HTML payload of an HTTP response, de-chunked and decompressed; an error for a malformed one.
fn http_payload(record: &[u8]) -> Result<Payload, String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut resp = httparse::Response::new(&mut headers);
    let header_len = match resp.parse(record) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("truncated HTTP response header".into()),
        Err(e) => return Err(format!("bad HTTP response header: {e}")),
    };
    let status = resp.code.unwrap_or(0);
    if !(200..300).contains(&status) {
        return Ok(Payload::Other(format!("HTTP status {status}")));
    }
    let header = |name: &str| {
        resp.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    let content_type = header("content-type");
    let body = &record[header_len..];
    let mime = content_type.as_deref().map(|c| {
        c.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    let body = match header("transfer-encoding") {
        Some(te) if te.to_ascii_lowercase().contains("chunked") => dechunk(body)?,
        _ => body.to_vec(),
    };
    let body = match header("content-encoding").map(|c| c.to_ascii_lowercase()) {
        None => body,
        Some(c) if c.is_empty() || c == "identity" => body,
        Some(c) if c == "gzip" || c == "x-gzip" => {
            inflate(flate2::read::GzDecoder::new(&body[..]))?
        }
        Some(c) if c == "deflate" => inflate(flate2::read::ZlibDecoder::new(&body[..]))?,
        Some(c) => return Ok(Payload::Other(format!("content encoding {c}"))),
    };
    let html = match mime.as_deref() {
        Some("text/html" | "application/xhtml+xml") => true,
        None | Some("" | "application/octet-stream" | "text/plain") => crate::html::sniff(&body),
        Some(_) => false,
    };
    if !html {
        return Ok(Payload::Other(format!(
            "not HTML: {}",
            mime.unwrap_or_default()
        )));
    }
    Ok(Payload::Html { content_type, body })
}

fn inflate(r: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let n = r
        .take(MAX_PAYLOAD + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("bad compressed HTTP payload: {e}"))?;
    if n as u64 > MAX_PAYLOAD {
        return Err("HTTP payload over 32 MiB once decompressed".into());
    }
    Ok(out)
}

/// Decodes a `Transfer-Encoding: chunked` body.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let (used, size) = match httparse::parse_chunk_size(body) {
            Ok(httparse::Status::Complete(x)) => x,
            _ => return Err("bad chunked HTTP payload".into()),
        };
        body = &body[used..];
        if size == 0 {
            return Ok(out);
        }
        let size = usize::try_from(size).map_err(|_| "chunk too large".to_string())?;
        if body.len() < size {
            return Err("truncated chunked HTTP payload".into());
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size..];
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

/// Writes WARC records, for tests and benchmarks: `response` records of HTML pages, and others.
pub mod write {
    use std::io::Write;

    /// One record's bytes: header, body, CRLF CRLF.
    pub fn record(
        warc_type: &str,
        uri: &str,
        date: &str,
        content_type: &str,
        body: &[u8],
    ) -> Vec<u8> {
        let mut out = Vec::with_capacity(body.len() + 300);
        let id = crate::model::stable_id(&[warc_type, uri, date]);
        write!(
            out,
            "WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
             WARC-Record-ID: <urn:uuid:{id}>\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\n\r\n",
            body.len()
        )
        .expect("writing to a vector");
        out.extend_from_slice(body);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    /// A `response` record of an HTML page served with status 200.
    pub fn html_response(uri: &str, date: &str, html: &str) -> Vec<u8> {
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
            html.len()
        );
        record(
            "response",
            uri,
            date,
            "application/http; msgtype=response",
            http.as_bytes(),
        )
    }

    /// One gzip member holding `bytes`.
    pub fn gzip_member(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).expect("writing to a vector");
        e.finish().expect("writing to a vector")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: Vec<u8>) -> (Vec<String>, Vec<String>, Option<String>) {
        let mut r = Reader::new(Path::new("a.warc.gz"), Box::new(io::Cursor::new(bytes))).unwrap();
        let mut pages = Vec::new();
        let mut errors = Vec::new();
        for item in r.by_ref() {
            match item {
                Item::Page(p) => pages.push(format!(
                    "{} {} {}",
                    p.name,
                    p.target_uri.unwrap_or_default(),
                    String::from_utf8_lossy(&p.html)
                )),
                Item::Error(e) => errors.push(e.to_string()),
            }
        }
        (pages, errors, r.skipped_summary())
    }

    fn records() -> Vec<Vec<u8>> {
        vec![
            write::record(
                "warcinfo",
                "",
                "2025-01-01T00:00:00Z",
                "application/warc-fields",
                b"software: test\r\n",
            ),
            write::html_response(
                "https://a.example/1",
                "2025-01-02T00:00:00Z",
                "<html>one</html>",
            ),
            write::record(
                "request",
                "https://a.example/1",
                "2025-01-02T00:00:00Z",
                "application/http; msgtype=request",
                b"GET /1 HTTP/1.1\r\n\r\n",
            ),
            write::html_response(
                "https://a.example/2",
                "2025-01-03T00:00:00Z",
                "<html>two</html>",
            ),
        ]
    }

    #[test]
    fn plain_and_gzip_give_the_pages_with_offsets() {
        let recs = records();
        let plain: Vec<u8> = recs.concat();
        let (pages, errors, skipped) = read(plain);
        assert!(errors.is_empty(), "{errors:?}");
        let off1 = recs[0].len();
        let off3 = recs[0].len() + recs[1].len() + recs[2].len();
        assert_eq!(
            pages,
            vec![
                format!("a.warc.gz#{off1} https://a.example/1 <html>one</html>"),
                format!("a.warc.gz#{off3} https://a.example/2 <html>two</html>"),
            ]
        );
        assert_eq!(
            skipped.as_deref(),
            Some("a.warc.gz: 2 records skipped (1 request, 1 warcinfo)")
        );
        let members: Vec<Vec<u8>> = recs.iter().map(|r| write::gzip_member(r)).collect();
        let (pages, errors, _) = read(members.concat());
        assert!(errors.is_empty(), "{errors:?}");
        let m1 = members[0].len();
        let m3 = members[0].len() + members[1].len() + members[2].len();
        assert!(pages[0].starts_with(&format!("a.warc.gz#{m1} https://a.example/1")));
        assert!(pages[1].starts_with(&format!("a.warc.gz#{m3} https://a.example/2")));
        // Compressed whole (one member): the second page is named inside the member.
        let (pages, _, _) = read(write::gzip_member(&recs.concat()));
        assert_eq!(pages.len(), 2);
        assert!(
            pages[1].starts_with(&format!("a.warc.gz#0+{off3} ")),
            "{pages:?}"
        );
    }

    #[test]
    fn a_corrupt_gzip_member_is_one_error_and_the_next_record_is_read() {
        let recs = records();
        let mut members: Vec<Vec<u8>> = recs.iter().map(|r| write::gzip_member(r)).collect();
        // Damage the first page's member: its deflate data and its CRC-32, so that the damage is
        // found whichever deflate backend the build links (a flipped byte in the data alone can
        // still decode).
        let m = &mut members[1];
        let mid = m.len() / 2;
        for b in &mut m[mid - 4..mid + 4] {
            *b ^= 0x5a;
        }
        let n = m.len();
        for b in &mut m[n - 8..n - 4] {
            *b ^= 0xff;
        }
        let off = members[0].len();
        let (pages, errors, _) = read(members.concat());
        assert_eq!(pages.len(), 1, "{pages:?}");
        assert!(pages[0].contains("https://a.example/2"));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with(&format!("a.warc.gz: record at byte {off}: ")),
            "{errors:?}"
        );
    }

    #[test]
    fn a_bad_header_and_a_truncated_record_in_a_plain_archive() {
        let recs = records();
        let mut bad = recs[1].clone();
        // "Content-Length" misspelt: no length, the record cannot be read.
        let s = String::from_utf8(bad.clone())
            .unwrap()
            .replace("Content-Length", "Content-Lenght");
        bad = s.into_bytes();
        let off = recs[0].len();
        let mut plain = recs[0].clone();
        plain.extend(&bad);
        plain.extend(&recs[3]);
        let (pages, errors, _) = read(plain.clone());
        assert_eq!(pages.len(), 1);
        assert!(pages[0].contains("https://a.example/2"));
        assert_eq!(
            errors,
            vec![format!(
                "a.warc.gz: record at byte {off}: no Content-Length"
            )]
        );
        // Cut in the middle of the last record.
        let cut = plain.len() - 20;
        let (pages, errors, _) = read(plain[..cut].to_vec());
        assert!(pages.is_empty());
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[1].contains("truncated: Content-Length"),
            "{errors:?}"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Damaged archives (bytes overwritten, then cut) end, without a panic, in at most one
        /// item per record plus one per damaged place.
        #[test]
        fn damaged_archives_end_without_panic(
            gz in proptest::bool::ANY,
            flips in proptest::collection::vec((0usize..4000, proptest::num::u8::ANY), 0..6),
            cut in 0usize..4000,
        ) {
            let recs = records();
            let mut bytes: Vec<u8> = if gz {
                recs.iter().map(|r| write::gzip_member(r)).collect::<Vec<_>>().concat()
            } else {
                recs.concat()
            };
            for (at, b) in &flips {
                let n = bytes.len();
                bytes[at % n] = *b;
            }
            let keep = bytes.len() - cut % bytes.len();
            bytes.truncate(keep);
            let (pages, errors, _) = read(bytes);
            proptest::prop_assert!(pages.len() <= 2);
            proptest::prop_assert!(errors.len() <= recs.len() + flips.len() + 1);
        }
    }

    #[test]
    fn chunked_and_gzip_http_payloads_are_decoded() {
        let html = b"<html><body>chunked page</body></html>";
        let gz = write::gzip_member(html);
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        let (a, b) = gz.split_at(10);
        for part in [a, b] {
            http.extend(format!("{:x}\r\n", part.len()).bytes());
            http.extend(part);
            http.extend(b"\r\n");
        }
        http.extend(b"0\r\n\r\n");
        match http_payload(&http).ok().unwrap() {
            Payload::Html { body, .. } => assert_eq!(body, html),
            Payload::Other(w) => panic!("{w}"),
        }
        let img = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert!(matches!(http_payload(img), Ok(Payload::Other(w)) if w == "not HTML: image/png"));
        let moved = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert!(matches!(http_payload(moved), Ok(Payload::Other(w)) if w == "HTTP status 301"));
    }
}
