//! `vi` deal rules and lexicon: triggers, type and status cues, party patterns (`deals.toml`),
//! and the deal corpus the generic test runs (`deals.corpus.toml`).

/// The deal lexicon (TOML).
pub const LEXICON: &str = include_str!("deals.toml");
