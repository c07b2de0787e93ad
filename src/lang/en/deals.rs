//! `en` deal rules and lexicon: triggers, type and status cues, party patterns (`deals.toml`),
//! and the deal corpus the generic test runs (`deals.corpus.toml`).

use crate::lang::detect::is_stopword;
use crate::lang::{DealRules, Lang, UnknownName};

/// The deal lexicon (TOML).
pub const LEXICON: &str = include_str!("deals.toml");

/// English deal rules.
pub struct Rules;

impl DealRules for Rules {
    fn lexicon(&self) -> &'static str {
        LEXICON
    }

    /// A lone function word is no name, nor is a sentence's first word, capitalised anyway
    /// ("Citing …", "Last year …"), unless written like a name, right before a deal verb
    /// ("Orvanto acquired …"), paired with another name before one ("Orvex and Kestrel
    /// signed …") or right before a title ("Kestrel CEO John Smith …").
    fn unknown_name_is_a_name(&self, n: &UnknownName) -> bool {
        let function_word = n.words.len() == 1 && is_stopword(Lang::En, &n.raw.to_lowercase());
        let opener = n.words.len() == 1
            && n.sentence_start
            && !n.written_like_a_name
            && !n.before_deal_verb
            && !n.before_title
            && !n.described_after
            && !n.reports_on_itself
            && !n.paired_by_deal_verb;
        !function_word && !opener
    }
}
