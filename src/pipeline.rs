//! The pipeline over many documents: read → detect language → extract, with diagnostics.

use crate::lang::{Lang, detect};
use crate::model::Document;

/// The language of a document: the one it says (JSONL `lang`), else `--lang`, else detected, else English.
pub fn language_of(doc: &Document, forced: Option<Lang>) -> Lang {
    doc.lang
        .or(forced)
        .or_else(|| detect::detect(doc.body()))
        .unwrap_or(Lang::En)
}
