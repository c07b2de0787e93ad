//! `de` amount rules and lexicon (`amounts.toml`): German writes numbers below a million as one
//! word ("dreihundertfünfundzwanzig"), read here; everything else is data.

use rust_decimal::Decimal;

/// The amount lexicon (TOML).
pub const LEXICON: &str = include_str!("amounts.toml");

const UNITS: &[(&str, u64)] = &[
    ("null", 0),
    ("eins", 1),
    ("ein", 1),
    ("eine", 1),
    ("zwei", 2),
    ("zwo", 2),
    ("drei", 3),
    ("vier", 4),
    ("fünf", 5),
    ("sechs", 6),
    ("sech", 6),
    ("sieben", 7),
    ("sieb", 7),
    ("acht", 8),
    ("neun", 9),
];
const TEENS: &[(&str, u64)] = &[
    ("zehn", 10),
    ("elf", 11),
    ("zwölf", 12),
    ("dreizehn", 13),
    ("vierzehn", 14),
    ("fünfzehn", 15),
    ("sechzehn", 16),
    ("siebzehn", 17),
    ("achtzehn", 18),
    ("neunzehn", 19),
];
const TENS: &[(&str, u64)] = &[
    ("zwanzig", 20),
    ("dreißig", 30),
    ("dreissig", 30),
    ("vierzig", 40),
    ("fünfzig", 50),
    ("sechzig", 60),
    ("siebzig", 70),
    ("achtzig", 80),
    ("neunzig", 90),
];

/// 1–99: "einundzwanzig", "zwölf", "neun".
fn below_hundred(w: &str) -> Option<u64> {
    if w.is_empty() {
        return None;
    }
    for (t, v) in TEENS.iter().chain(TENS) {
        if w == *t {
            return Some(*v);
        }
    }
    for (u, v) in UNITS {
        if w == *u && *v > 0 {
            return Some(*v);
        }
    }
    // "einundzwanzig": unit + "und" + tens
    for (u, uv) in UNITS {
        if let Some(rest) = w.strip_prefix(u).and_then(|r| r.strip_prefix("und")) {
            for (t, tv) in TENS {
                if rest == *t && *uv > 0 {
                    return Some(tv + uv);
                }
            }
        }
    }
    None
}

/// 1–999: "hundert", "dreihundertfünf", "einhundertzwanzig".
fn below_thousand(w: &str) -> Option<u64> {
    if let Some(i) = w.find("hundert") {
        let (head, tail) = (&w[..i], &w[i + "hundert".len()..]);
        // "dreihundert", "achtzehnhundert" (1800)
        let h = if head.is_empty() {
            1
        } else {
            below_hundred(head)?
        };
        let t = if tail.is_empty() {
            0
        } else {
            below_hundred(tail.trim_start_matches("und"))?
        };
        return Some(h * 100 + t);
    }
    below_hundred(w)
}

/// A German numeral written as one word, below a million: "zweitausendfünfhundert" → 2500.
pub fn compound(word: &str) -> Option<Decimal> {
    let w = word.to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let v = if let Some(i) = w.find("tausend") {
        let (head, tail) = (&w[..i], &w[i + "tausend".len()..]);
        let h = if head.is_empty() {
            1
        } else {
            below_thousand(head)?
        };
        let t = if tail.is_empty() {
            0
        } else {
            below_thousand(tail.trim_start_matches("und"))?
        };
        h * 1000 + t
    } else {
        below_thousand(&w)?
    };
    Some(Decimal::from(v))
}

/// "Handel", "Bank": every numeral word opens on the first letter of a unit ("ein", "zwei",
/// "drei", …), a teen ("elf"), a ten, "hundert", "tausend" or "anderthalb"; most words do not,
/// and are set aside before they are lower-cased and parsed.
fn may_open_a_numeral(word: &str) -> bool {
    word.chars().next().is_some_and(|c| {
        matches!(
            c.to_lowercase().next(),
            Some('e' | 'z' | 'd' | 'v' | 'f' | 's' | 'a' | 'n' | 'h' | 't')
        )
    })
}

/// "eineinhalb", "anderthalb", "zweieinhalb": n and a half.
pub fn and_a_half(word: &str) -> Option<Decimal> {
    let w = word.to_lowercase();
    if w == "anderthalb" {
        return Some(Decimal::new(15, 1));
    }
    let head = w.strip_suffix("einhalb")?;
    let n = if head.is_empty() {
        0
    } else {
        below_thousand(head)?
    };
    Some(Decimal::from(n) + Decimal::new(5, 1))
}

/// German number habits: numbers below a million written as one word.
pub struct Rules;

impl crate::lang::AmountRules for Rules {
    fn lexicon(&self) -> &'static str {
        LEXICON
    }
    fn has_one_word_numerals(&self) -> bool {
        true
    }
    /// Asked of every word of every German sentence, so remembered per thread (most words come
    /// back: "dem", "Auftrag", "sagte").
    fn one_word_numeral(&self, word: &str) -> Option<Decimal> {
        if !may_open_a_numeral(word) {
            return None;
        }
        thread_local! {
            static MEMO: crate::text::WordMemo<Option<Decimal>> = Default::default();
        }
        MEMO.with(|m| crate::text::recall(m, word, |w| compound(w).or_else(|| and_a_half(w))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_compounds() {
        for (w, v) in [
            ("einundzwanzig", 21),
            ("dreihundertfünfundzwanzig", 325),
            ("zweitausend", 2000),
            ("hundert", 100),
            ("einhundertzwei", 102),
            ("neunzehn", 19),
            ("siebenhundertsiebzig", 770),
            ("dreiunddreissig", 33),
            ("zweitausendfünfhundert", 2500),
        ] {
            assert_eq!(compound(w), Some(Decimal::from(v)), "{w}");
        }
        assert_eq!(compound("Handel"), None);
        assert_eq!(compound("einen"), None);
        assert_eq!(and_a_half("zweieinhalb"), Some(Decimal::new(25, 1)));
        // The first-letter test lets every numeral of the tables through.
        for (w, _) in UNITS.iter().chain(TEENS).chain(TENS) {
            assert!(may_open_a_numeral(w), "{w}");
        }
        for w in ["Hundert", "tausend", "anderthalb", "Zweieinhalb"] {
            assert!(may_open_a_numeral(w), "{w}");
        }
        assert!(!may_open_a_numeral("Millionen"));
    }
}
