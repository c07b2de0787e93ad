//! `en` amount rules and lexicon: numerals, scale words, currency words, qualifiers, count nouns.
