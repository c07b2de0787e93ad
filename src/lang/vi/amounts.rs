//! `vi` amount lexicon (`amounts.toml`): numerals, scale words, qualifiers, range words, count
//! nouns. The grammar that combines them is generic (`src/amount`).

/// The amount lexicon (TOML).
pub const LEXICON: &str = include_str!("amounts.toml");

/// Vietnamese number habits.
pub struct Rules;

impl crate::lang::AmountRules for Rules {
    fn lexicon(&self) -> &'static str {
        LEXICON
    }
    fn models_between_count_and_noun(&self) -> bool {
        false
    }
}
