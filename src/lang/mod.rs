//! Languages: the `Lang` enum, per-language lexicons and rules (`vi`, `de`, `en`), and detection.
//!
//! Each language directory holds that language's data (lexicons as TOML, corpora as text) and the
//! few rules that cannot be data. Everything is compiled in with `include_str!`.

pub mod de;
pub mod detect;
pub mod en;
pub mod vi;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Vi,
    De,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Vi, Lang::De, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Decimal separator of the language's own convention.
    pub fn decimal_sep(self) -> char {
        match self {
            Lang::Vi | Lang::De => ',',
            Lang::En => '.',
        }
    }

    /// Thousands separator of the language's own convention.
    pub fn group_sep(self) -> char {
        match self {
            Lang::Vi | Lang::De => '.',
            Lang::En => ',',
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" | "vie" | "vietnamese" => Ok(Lang::Vi),
            "de" | "deu" | "ger" | "german" => Ok(Lang::De),
            "en" | "eng" | "english" => Ok(Lang::En),
            other => Err(format!(
                "unknown language '{other}' (expected one of: vi, de, en)"
            )),
        }
    }
}
