//! `vi` deal rules and lexicon: triggers, type and status cues, party patterns (`deals.toml`),
//! and the deal corpus the generic test runs (`deals.corpus.toml`).

use crate::lang::{DealRules, UnknownName};
use crate::text::strip_diacritics;

/// The deal lexicon (TOML).
pub const LEXICON: &str = include_str!("deals.toml");

/// Vietnamese deal rules.
pub struct Rules;

impl DealRules for Rules {
    fn lexicon(&self) -> &'static str {
        LEXICON
    }

    /// Vietnamese capitalises the first syllable of a word ("Dầu khí").
    fn names_span_lower_case_syllables(&self) -> bool {
        true
    }

    /// Vietnamese names of people and capitalised sentence openings carry diacritics;
    /// organisations without a head word ("Vietjet", "Pratt & Whitney") are foreign words.
    /// A lone foreign word opening a sentence is a name only when written like one or followed
    /// by a deal verb ("Orvanto mua lại …").
    fn unknown_name_is_a_name(&self, n: &UnknownName) -> bool {
        let lone_opener = n.sentence_start && n.words.len() == 1;
        let opener_ok = !lone_opener || n.inner_capital || n.before_deal_verb;
        n.raw == strip_diacritics(n.raw) && opener_ok
    }

    /// Vietnamese names in English: without diacritics, country names in English.
    fn englishify(&self, s: &str) -> String {
        let mut out = strip_diacritics(s);
        for (from, to) in [("Viet Nam", "Vietnam"), ("Hoa Ky", "United States")] {
            out = out.replace(from, to);
        }
        out
    }
}
