//! Recognising amounts of money and counts of things in text, per language.
//!
//! `amounts(text, lang)` returns every monetary amount with its exact `Decimal` value in full units,
//! ISO currency, qualifier and byte span; `quantities(text, lang)` returns counts of things
//! ("50 máy bay"). Numbers that are not money (years, dates, percentages, model designations,
//! ordinals, phone numbers) are never reported as amounts.

use crate::lang::Lang;
use crate::model::{Amount, Quantity};

/// Every monetary amount in `text`, in order of position. Spans are relative to `text`.
pub fn amounts(text: &str, lang: Lang) -> Vec<Amount> {
    let _ = (text, lang);
    Vec::new()
}

/// Every count of things in `text` ("50 máy bay", "zehn Flugzeuge"). Spans relative to `text`.
pub fn quantities(text: &str, lang: Lang) -> Vec<Quantity> {
    let _ = (text, lang);
    Vec::new()
}
