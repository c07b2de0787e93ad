//! HTML articles: the main text of a page (boilerplate, menus, scripts and comments dropped) and
//! its title, publication date and URL from the page's metadata.
//!
//! The main text comes from `dom_smoothie` (a port of Mozilla's Readability), after advertisements
//! are removed ([`ADS`]: Readability keeps an advertisement placed inside the article); byte spans of deals
//! found in a page refer to that extracted text, which `extract --format json --with-text` shows.
//! Metadata, in order of precedence:
//! - title: JSON-LD `headline`/`name`, then `og:title` and the other title `<meta>`s, then `<title>`;
//! - date: JSON-LD `datePublished`, then `article:published_time` and the Dublin Core dates, then
//!   the first `<time datetime>`;
//! - URL: `<link rel="canonical">`, then `og:url`, then JSON-LD `url`.

use std::path::Path;

use dom_smoothie::{Config, Readability, TextMode};
use jiff::civil::Date;

use crate::error::Error;
use crate::read::{Decoded, EncodingChoice, decode_with, nfc};

/// What a page gives: its main text and metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The main text, NFC, paragraphs separated by blank lines.
    pub text: String,
    pub title: Option<String>,
    pub published: Option<Date>,
    pub url: Option<String>,
}

/// Why a page gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// A NUL byte near the start: not a page at all.
    Binary,
    /// Readability found no main text (an index page, a page of links, an empty page).
    NoText,
}

/// Decodes a page's bytes: a byte order mark, else the charset the server declared (HTTP
/// `Content-Type`), else the page's own `<meta charset>`, else UTF-8 or a detected legacy encoding
/// (as for text files).
pub fn decode(path: &Path, bytes: &[u8], declared: Option<&str>) -> Result<Decoded, Error> {
    let label = declared
        .and_then(charset_param)
        .or_else(|| meta_charset(bytes));
    let choice = label
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        // A page that says it is UTF-16 but has no byte order mark is, in practice, not: the HTML
        // standard reads it as UTF-8.
        .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE)
        .map(EncodingChoice::Forced)
        .unwrap_or_default();
    decode_with(path, bytes, choice)
}

/// The `charset=` parameter of a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// A `<meta charset=…>` or `<meta http-equiv=Content-Type content="…; charset=…">` in the first
/// 4 KiB (the HTML standard's prescan looks at 1 KiB; real pages put scripts first).
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(i) = rest.find("<meta") {
        let tag = &rest[i..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if let Some(j) = tag.find("charset=") {
            let v = tag[j + 8..].trim_start_matches(['"', '\'', ' ']);
            let end = v
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(v.len());
            if end > 0 {
                return Some(v[..end].to_string());
            }
        }
        rest = &rest[i + 5..];
    }
    None
}

/// Advertisements by their usual class and id names. Readability drops menus, comments, sidebars
/// and footers, but an advertisement inside the article body ("advertisement", "ad-slot") reads to
/// it as part of the article.
pub const ADS: &str = "[class~=\"ad\"], [class~=\"ads\"], [class^=\"ad-\"], [class*=\" ad-\"], \
    [id^=\"ad-\"], [class*=\"advert\"], [id*=\"advert\"], [class*=\"sponsor\"], \
    [class~=\"promo\"], [data-ad-slot]";

/// Extracts the main text and metadata of a page.
pub fn extract(html: &str) -> Result<Page, Skip> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut r = Readability::new(html, None, Some(cfg)).map_err(|_| Skip::NoText)?;
    // Read before parsing: Readability rewrites the document.
    let canonical = attr(&r.doc, "link[rel~=\"canonical\"]", "href");
    let og_url = attr(&r.doc, "meta[property=\"og:url\"]", "content");
    let time = attr(&r.doc, "time[datetime]", "datetime");
    r.doc.select(ADS).remove();
    let article = r.parse().map_err(|_| Skip::NoText)?;
    let text = tidy(&nfc(&article.text_content));
    if text.is_empty() {
        return Err(Skip::NoText);
    }
    let title = Some(nfc(article.title.trim())).filter(|t| !t.is_empty());
    let published = article
        .published_time
        .as_deref()
        .and_then(date_of)
        .or_else(|| time.as_deref().and_then(date_of));
    let url = canonical
        .or(og_url)
        .or(article.url)
        .filter(|u| !u.trim().is_empty());
    Ok(Page {
        text,
        title,
        published,
        url,
    })
}

fn attr(doc: &dom_query::Document, selector: &str, name: &str) -> Option<String> {
    let sel = doc.select_single(selector);
    let v = sel.attr(name)?;
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// The date of an ISO 8601 date or timestamp ("2025-03-14", "2025-03-14T09:30:00+07:00").
fn date_of(s: &str) -> Option<Date> {
    let s = s.trim();
    s.get(..10).unwrap_or(s).parse().ok()
}

/// Lines trimmed, runs of spaces made one, at most one blank line between paragraphs: the layout
/// of a text file, so that sentences and list items segment as they do in text input.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        let mut first = true;
        for w in words {
            if !first {
                out.push(' ');
            }
            out.push_str(w);
            first = false;
        }
    }
    out
}

/// Whether bytes look like an HTML page (for payloads without a usable `Content-Type`).
pub fn sniff(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<html")
}

/// The page of a file's bytes (`declared`: the charset the server declared, if any).
pub fn page(
    path: &Path,
    bytes: &[u8],
    declared: Option<&str>,
) -> Result<Result<Page, Skip>, Error> {
    let html = match decode(path, bytes, declared)? {
        Decoded::Text(t) | Decoded::Legacy { text: t, .. } | Decoded::Lossy { text: t, .. } => t,
        Decoded::Binary => return Ok(Err(Skip::Binary)),
    };
    Ok(extract(&html))
}

/// A news page as a site serves it, around an article's paragraphs, for tests and benchmarks:
/// navigation, an advertisement, scripts, an HTML comment, readers' comments, related links and a
/// footer (each with text that reads like a deal, which extraction must drop), and the metadata
/// this module reads (`og:title`, JSON-LD `datePublished`, a canonical link, `<time>`).
pub fn news_page(title: &str, date: Option<&str>, url: &str, paragraphs: &[&str]) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let t = esc(title);
    let mut body = String::new();
    for (i, p) in paragraphs.iter().enumerate() {
        // Lines within a paragraph (list items) stay lines.
        let lines: Vec<String> = p.lines().map(esc).collect();
        body.push_str(&format!("      <p>{}</p>\n", lines.join("<br>\n")));
        if i == 0 {
            body.push_str(
                "      <figure class=\"inline-ad\"><div class=\"advertisement\" data-slot=\"mid\">\
                 Anzeige: Globex Corp signs a $25 million deal with you today!</div></figure>\n",
            );
        }
    }
    let (ld_date, meta_date, time) = match date {
        Some(d) => (
            format!(",\"datePublished\":\"{d}T07:30:00+00:00\""),
            format!("<meta property=\"article:published_time\" content=\"{d}T07:30:00Z\">\n"),
            format!("<time datetime=\"{d}T07:30:00Z\" class=\"published\">{d}</time>"),
        ),
        None => Default::default(),
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{t} | The Daily Ledger</title>
  <meta property="og:type" content="article">
  <meta property="og:title" content="{t}">
  <meta property="og:site_name" content="The Daily Ledger">
  {meta_date}<link rel="canonical" href="{url}">
  <link rel="stylesheet" href="/static/site.css">
  <script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{ld_title}"{ld_date},"publisher":{{"@type":"Organization","name":"The Daily Ledger"}}}}</script>
  <script>
    window.dataLayer = window.dataLayer || [];
    function promo() {{ return "Initech Corp has signed a contract with Hooli to buy 9 ships worth $700 million"; }}
  </script>
  <style>.advertisement {{ background: #ffd; }} nav a {{ margin: 0 4px; }}</style>
</head>
<body class="article-page">
  <header class="site-header">
    <a class="logo" href="/">The Daily Ledger</a>
    <nav class="main-menu" role="navigation">
      <ul><li><a href="/">Home</a></li><li><a href="/business">Business</a></li><li><a href="/markets">Markets</a></li><li><a href="/world">World</a></li><li><a href="/subscribe">Subscribe</a></li></ul>
    </nav>
  </header>
  <div id="top-banner" class="ad ad-banner sponsored">Sponsored: Umbrella Holdings signed a contract with Acme to buy 3 jets worth $90 million. Click here!</div>
  <main id="content">
    <article class="article">
      <h1 class="headline">{t}</h1>
      <div class="meta">By Staff Reporter · {time}</div>
{body}      <!-- editor's note: Vandelay Industries signed a contract with Stark Corp worth $4 billion -->
    </article>
    <section id="comments" class="comments">
      <h3>Comments (2)</h3>
      <div class="comment"><span class="author">reader42</span><p>Nice! Soylent Corp has signed a contract with Tyrell to buy 50 robots worth $60 million.</p></div>
      <div class="comment"><span class="author">anon</span><p>First!</p></div>
    </section>
  </main>
  <aside class="sidebar related">
    <h3>Most read</h3>
    <ul><li><a href="/a/1">Wayne Enterprises signs $800 million contract with Cyberdyne</a></li><li><a href="/a/2">Markets close higher</a></li></ul>
  </aside>
  <footer class="site-footer"><p>© 2025 The Daily Ledger · <a href="/privacy">Privacy</a> · <a href="/contact">Contact</a></p></footer>
  <script src="/static/analytics.js" async></script>
</body>
</html>
"#,
        ld_title = title
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('<', "\\u003c"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour cranes | Example Times</title>
<meta property="og:title" content="Port of Exampleton orders cranes">
<meta property="article:published_time" content="2025-03-14T09:30:00+01:00">
<link rel="canonical" href="https://news.example/ports/cranes">
<script>var ads = "Acme signed a contract worth $9 billion";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/business">Business</a></li></ul></nav>
<div class="ad-banner sponsored">Buy now! Subscribe for $1 a month.</div>
<article><h1>Port of Exampleton orders cranes</h1>
<p>The Port of Exampleton has signed a contract with a crane maker for twelve ship-to-shore
cranes, the port authority said on Friday. Deliveries are to start next spring and run into the
following year, with the first four cranes arriving at the container terminal.</p>
<p>The port expects the new cranes to raise its handling capacity by a third and to shorten the
time ships spend at the quay, which has grown as trade through the region has increased.</p>
<!-- a comment: Contract worth 5 billion euros -->
<p>Work on the quay walls that will carry the cranes began last year and is on schedule,
according to the authority, which did not give the price of the order.</p>
</article>
<aside class="comments"><p>Reader: great news!</p></aside>
<footer>© Example Times</footer>
</body></html>"#;

    #[test]
    fn main_text_without_boilerplate_and_metadata() {
        let p = extract(PAGE).unwrap();
        assert!(p.text.contains("twelve ship-to-shore cranes"), "{}", p.text);
        assert!(p.text.contains("did not give the price"), "{}", p.text);
        for junk in ["var ads", "Subscribe", "comment:", "Business", "©"] {
            assert!(!p.text.contains(junk), "{junk:?} in {}", p.text);
        }
        assert_eq!(p.title.as_deref(), Some("Port of Exampleton orders cranes"));
        assert_eq!(p.published, Some(jiff::civil::date(2025, 3, 14)));
        assert_eq!(p.url.as_deref(), Some("https://news.example/ports/cranes"));
        // Paragraphs stay paragraphs.
        assert!(
            p.text
                .contains("cranes arriving at the container terminal.\n\nThe port")
        );
    }

    #[test]
    fn json_ld_date_wins_and_time_element_is_the_fallback() {
        let ld = PAGE.replace(
            "</head>",
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Cranes","datePublished":"2025-03-10"}</script></head>"#,
        );
        assert_eq!(
            extract(&ld).unwrap().published,
            Some(jiff::civil::date(2025, 3, 10))
        );
        let time = PAGE
            .replace(
                r#"<meta property="article:published_time" content="2025-03-14T09:30:00+01:00">"#,
                "",
            )
            .replace(
                "<article>",
                r#"<article><time datetime="2025-02-01T08:00:00Z">1 Feb</time>"#,
            );
        assert_eq!(
            extract(&time).unwrap().published,
            Some(jiff::civil::date(2025, 2, 1))
        );
    }

    #[test]
    fn charset_from_server_then_meta() {
        assert_eq!(
            charset_param("text/html; charset=\"windows-1258\"").as_deref(),
            Some("windows-1258")
        );
        assert_eq!(
            meta_charset(b"<html><head><meta charset=\"ISO-8859-1\">").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
            )
            .as_deref(),
            Some("windows-1252")
        );
        // "Müller" in Latin-1, declared by the page: decoded, not an error.
        let bytes =
            b"<html><head><meta charset=\"iso-8859-1\"></head><body>M\xfcller</body></html>";
        match decode(Path::new("p.html"), bytes, None).unwrap() {
            Decoded::Text(t) => assert!(t.contains("Müller")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn tidy_keeps_paragraphs_and_drops_runs_of_space() {
        assert_eq!(tidy("  a   b \n\n\n\n c\n d  "), "a b\n\nc\nd");
    }

    #[test]
    fn an_empty_page_has_no_text() {
        assert_eq!(
            extract(
                "<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>"
            ),
            Err(Skip::NoText)
        );
    }
}
