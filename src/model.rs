//! The records every pipeline stage passes on: documents, amounts, quantities, deals and totals.
//!
//! Field names here are the public output schema (CSV headers, JSON keys), so renaming one is a
//! breaking change for users' spreadsheets and scripts.

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// One article, after reading, decoding and NFC normalisation.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where it came from: a path as given, `-` for stdin, or `path:line` / `path#id` for JSON Lines.
    pub source: String,
    /// The article's own id (JSON Lines `id`), if any.
    pub id: Option<String>,
    pub published: Option<Date>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// Language forced by the input (JSONL `lang`) or by `--lang`; detection fills it otherwise.
    pub lang: Option<Lang>,
    /// The whole decoded text, NFC. All byte spans in the output refer to this string.
    pub text: String,
    /// Where the article body starts: after a `date YYYY-MM-DD [title]` header line, if any.
    pub body_start: usize,
    /// For JSON Lines input, `path:line` of the article's line (errors name it).
    pub line: Option<String>,
}

impl Document {
    /// The article body (the text after the header line).
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The article's stable id, never its path: its own id (JSON Lines `id`), else its URL, else a
    /// hash of its normalised text (NFC, line ends and runs of white space folded). The same
    /// article read as `data/x.txt`, `./data/x.txt`, an absolute path or stdin has the same key.
    pub fn key(&self) -> String {
        if let Some(id) = self.id.as_deref().filter(|s| !s.trim().is_empty()) {
            return format!("id:{}", id.trim());
        }
        if let Some(url) = self.url.as_deref().filter(|s| !s.trim().is_empty()) {
            return format!("url:{}", url.trim());
        }
        format!("text:{}", text_hash(&self.text))
    }

    pub fn new(source: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            source: source.into(),
            id: None,
            published: None,
            title: None,
            url: None,
            lang: None,
            text: text.into(),
            body_start: 0,
            line: None,
        }
    }

    /// Where a message about this article should point: `path:line` for JSON Lines, else its source.
    pub fn place(&self) -> &str {
        self.line.as_deref().unwrap_or(&self.source)
    }
}

/// What a reader wants to know of an article beside its deals: its title, link and date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
}

impl ArticleMeta {
    pub fn of(doc: &Document) -> ArticleMeta {
        ArticleMeta {
            title: doc.title.clone(),
            url: doc.url.clone(),
            published: doc.published,
        }
    }
}

/// How an amount is qualified in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    Approx,
    AtLeast,
    AtMost,
    Range,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::AtLeast => "at_least",
            Qualifier::AtMost => "at_most",
            Qualifier::Range => "range",
        }
    }
}

/// A monetary amount found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    /// In full units of the currency: "37,2 tỷ USD" is 37200000000.
    pub value: Decimal,
    /// Upper bound of a range (`qualifier == Range`).
    pub value_max: Option<Decimal>,
    /// ISO 4217 code.
    pub currency: String,
    pub qualifier: Qualifier,
    /// Byte span in the document text, end exclusive.
    pub start: usize,
    pub end: usize,
    /// The surface text, `text[start..end]`.
    pub text: String,
    /// The currency was not written beside the number but taken from the article: "The credit for
    /// Nordmar comes to 250 million" after dollar amounts is USD, marked so a reader can tell.
    #[serde(default)]
    pub currency_inferred: bool,
}

/// A count of things: "50 máy bay", "zehn Flugzeuge", "100 jets".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: u64,
    /// The counted noun as written ("máy bay", "Flugzeuge").
    pub unit: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// A count of discrete units (aircraft, ships, turbines). Measures ("100.000 tấn gạo",
    /// "2 Millionen Impfdosen") are read too, so that an act of aid or trade in kind is found,
    /// but they are no deal's quantity.
    #[serde(default = "discrete_default")]
    pub discrete: bool,
}

fn discrete_default() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DealType {
    Purchase,
    Licence,
    Agreement,
    Mou,
    LetterOfIntent,
    Financing,
    Investment,
    Aid,
    TradeAgreement,
    Other,
}

impl DealType {
    pub const ALL: [DealType; 10] = [
        DealType::Purchase,
        DealType::Licence,
        DealType::Agreement,
        DealType::Mou,
        DealType::LetterOfIntent,
        DealType::Financing,
        DealType::Investment,
        DealType::Aid,
        DealType::TradeAgreement,
        DealType::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            DealType::Purchase => "purchase",
            DealType::Licence => "licence",
            DealType::Agreement => "agreement",
            DealType::Mou => "mou",
            DealType::LetterOfIntent => "letter_of_intent",
            DealType::Financing => "financing",
            DealType::Investment => "investment",
            DealType::Aid => "aid",
            DealType::TradeAgreement => "trade_agreement",
            DealType::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<DealType> {
        DealType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DealStatus {
    Signed,
    Announced,
    Negotiating,
    Proposed,
}

impl DealStatus {
    pub const ALL: [DealStatus; 4] = [
        DealStatus::Signed,
        DealStatus::Announced,
        DealStatus::Negotiating,
        DealStatus::Proposed,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            DealStatus::Signed => "signed",
            DealStatus::Announced => "announced",
            DealStatus::Negotiating => "negotiating",
            DealStatus::Proposed => "proposed",
        }
    }
    pub fn parse(s: &str) -> Option<DealStatus> {
        DealStatus::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// One source that reports a deal (after cross-source merging a deal may have several).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    pub source: String,
    pub published: Option<Date>,
    pub language: Lang,
    pub evidence: String,
    pub start: usize,
    pub end: usize,
}

/// A deal, contract, licence, aid pledge or agreement announced in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deal {
    /// Stable id: the same input gives the same id on every run and machine.
    pub id: String,
    pub source: String,
    pub published: Option<Date>,
    pub language: Lang,
    #[serde(rename = "type")]
    pub deal_type: DealType,
    pub status: DealStatus,
    pub provider: Option<String>,
    pub recipient: Option<String>,
    pub parties: Vec<String>,
    pub item: Option<String>,
    pub quantity: Option<u64>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    /// The currency was taken from the article, not written beside the amount ("the loan amounts
    /// to 400 million" in an article of dollar loans): see `Amount::currency_inferred`.
    #[serde(default)]
    pub currency_inferred: bool,
    pub qualifier: Option<Qualifier>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub amount_max: Option<Decimal>,
    pub sector: String,
    /// The sentence (or list item) that states the deal.
    pub evidence: String,
    pub start: usize,
    pub end: usize,
    /// Every article that reports this deal, `source` first, after cross-source merging (empty
    /// when only `source` does).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// What each of `sources` says: its sentence, byte span, date and language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<SourceRef>,
    /// Flags for the reader, e.g. sources that disagree on a figure (both figures kept).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[cfg(test)]
impl Deal {
    /// A signed English purchase in `source` with every optional field empty, for unit tests to
    /// fill in with struct-update syntax.
    pub(crate) fn blank(source: &str) -> Deal {
        Deal {
            id: format!("id-{source}"),
            source: source.into(),
            published: None,
            language: crate::lang::Lang::En,
            deal_type: DealType::Purchase,
            status: DealStatus::Signed,
            provider: None,
            recipient: None,
            parties: vec![],
            item: None,
            quantity: None,
            amount: None,
            currency: None,
            currency_inferred: false,
            qualifier: None,
            amount_max: None,
            sector: "Other".into(),
            evidence: String::new(),
            start: 0,
            end: 1,
            sources: vec![],
            reports: vec![],
            notes: vec![],
        }
    }
}

/// An amount announced as the sum of several deals ("tổng giá trị … là 37,2 tỷ USD").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Total {
    pub id: String,
    pub source: String,
    pub published: Option<Date>,
    pub language: Lang,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: String,
    pub qualifier: Qualifier,
    pub evidence: String,
    pub start: usize,
    pub end: usize,
}

/// What extraction finds in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    pub deals: Vec<Deal>,
    pub totals: Vec<Total>,
}

/// A hash of a text as read (already NFC): white space runs (line ends included) count as one
/// space and the ends are trimmed, so CRLF and LF copies of one article hash alike. 16 hex digits.
pub fn text_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for (i, w) in text.split_whitespace().enumerate() {
        if i > 0 {
            h.update(b" ");
        }
        h.update(w.as_bytes());
    }
    let d = h.finalize();
    hex(&d[..8])
}

/// A stable short id from the parts that identify a record.
pub fn stable_id(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0x1f]);
    }
    let d = h.finalize();
    hex(&d[..6])
}

/// `[0xab, 0x01]` → "ab01": lower-case hex digits, two a byte (one string, not one per byte).
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_writes_two_lower_case_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0xab, 0x1f, 0xf0]), "00ab1ff0");
        let all: Vec<u8> = (0..=255).collect();
        let want: String = all.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&all), want);
    }

    #[test]
    fn a_key_made_from_the_text_follows_the_text_and_gives_way_to_an_id() {
        let mut doc = Document::new("a.txt", "Kestrel Air  ordered\r\nten jets.");
        let first = doc.key();
        assert_eq!(first, format!("text:{}", text_hash(&doc.text)));
        assert_eq!(doc.key(), first);
        doc.text = "Nordmar ordered three ferries.".into();
        assert_eq!(doc.key(), format!("text:{}", text_hash(&doc.text)));
        assert_ne!(doc.key(), first);
        doc.id = Some("r1".into());
        assert_eq!(doc.key(), "id:r1");
    }
}
