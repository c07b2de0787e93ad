//! Language data for `de`: lexicons (TOML) and corpora, compiled in.

/// Function words used by language detection.
pub const STOPWORDS: &str = include_str!("stopwords.txt");

pub mod amounts;
pub mod deals;
