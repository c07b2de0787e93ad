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
    /// organisations without a head word ("Vietjet", "Pratt & Whitney") are foreign words,
    /// except right after a word that says an organisation or a side follows ("liên danh Kim
    /// Long – Trường Phát", "đối tác Sông Lam").
    /// A lone foreign word opening a sentence is a name only when written like one or followed
    /// by a deal verb ("Orvanto mua lại …") or a verb of spending (`spend_verbs`: "Orvanto chi
    /// 400 triệu USD …").
    fn unknown_name_is_a_name(&self, n: &UnknownName) -> bool {
        let lone_opener = n.sentence_start && n.words.len() == 1;
        let spends = || {
            crate::deal::lexicon::lexicon(crate::lang::Lang::Vi)
                .spend_verbs
                .iter()
                .any(|v| *v == n.next_word.to_lowercase())
        };
        let opener_ok = !lone_opener
            || n.inner_capital
            || n.before_deal_verb
            || spends()
            || n.described_after
            || n.paired_by_deal_verb;
        // "Đầu tư KSC", "Xây dựng Sao Mai": a kind of business opening the name may carry
        // diacritics; what follows it is the name proper.
        let proper = n.raw[self.name_phrase_len(n.raw, false)..].trim_start();
        !proper.is_empty()
            && (n.after_determiner || proper == strip_diacritics(proper))
            && opener_ok
    }

    /// A Vietnamese syllable: an initial consonant, a vowel nucleus of the language and a final
    /// consonant of the language ("Phú", "Giang", "Nguyễn"); "Boeing", "Lotte" and "Siemens" are
    /// none.
    fn native_name_syllable(&self, word: &str) -> bool {
        is_syllable(&strip_diacritics(&word.to_lowercase()).replace('đ', "d"))
    }

    /// "Bất động sản Hòa Bình": a kind of business (several syllables, the first capitalised)
    /// opening the rest of a company's name; right after an organisation's head also in lower
    /// case, where a capitalised name follows ("Công ty đóng tàu Bình Định").
    fn name_phrase_len(&self, s: &str, after_head: bool) -> usize {
        if !s.starts_with(char::is_uppercase) && !after_head {
            return 0;
        }
        let word = s.split(' ').next().unwrap_or("");
        let forms = plain_forms();
        // Most words open no kind of business: compare the first syllable, in lower case, before
        // stripping any diacritics.
        if !forms.first_syllables.contains(&word.to_lowercase()) {
            return 0;
        }
        let first = strip_diacritics(word);
        forms
            .business_words
            .iter()
            .map(|(vi, _)| vi)
            .filter(|vi| {
                vi.split(' ')
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case(&first))
            })
            .filter_map(|vi| {
                let n = vi.split(' ').count();
                let end = s.split_inclusive(' ').take(n).map(str::len).sum::<usize>();
                let words = s[..end].trim_end();
                // In lower case only where a capitalised name follows.
                let name_follows =
                    s.starts_with(char::is_uppercase) || s[end..].starts_with(char::is_uppercase);
                (end < s.len() && name_follows && strip_diacritics(words).eq_ignore_ascii_case(vi))
                    .then_some(words.len())
            })
            .max()
            .unwrap_or(0)
    }

    /// Vietnamese names in English: without diacritics, country names in English, a second
    /// organisation head dropped ("Công ty Cổ phần Tập đoàn Sơn Hà" is "Son Ha"), and the kind of
    /// business that opens the name written after it as English does ("Công ty Cổ phần Đầu tư
    /// Sơn Hà" is "Son Ha Investment").
    fn englishify(&self, s: &str) -> String {
        let mut out = strip_diacritics(s);
        for (from, to) in [("Viet Nam", "Vietnam"), ("Hoa Ky", "United States")] {
            out = out.replace(from, to);
        }
        let forms = plain_forms();
        let mut rest = out.as_str();
        while let Some(r) = forms
            .heads
            .iter()
            .find_map(|h| rest.strip_prefix(h.as_str()).filter(|r| r.starts_with(' ')))
        {
            rest = r.trim_start();
        }
        let mut kinds = Vec::new();
        let capitalised = capitalise(rest);
        if capitalised != rest {
            // "Công ty đóng tàu Bình Định": a kind of business written in lower case after the head.
            rest = &capitalised;
        }
        // The longest kind that opens the rest: "Thiết bị Y tế" (medical equipment) before
        // "Thiết bị" (equipment).
        while let Some((r, en)) = forms
            .business_words
            .iter()
            .filter_map(|(vi, en)| {
                rest.strip_prefix(vi.as_str())
                    .filter(|r| r.starts_with(' '))
                    .map(|r| (r.trim_start(), en.as_str()))
            })
            .min_by_key(|(r, _)| r.len())
        {
            rest = r;
            kinds.push(en);
        }
        if rest.is_empty() {
            return out;
        }
        let mut name = rest.to_string();
        for k in kinds {
            name.push(' ');
            name.push_str(k);
        }
        name
    }
}

/// `s` with its first letter in upper case.
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The lexicon's plain organisation heads and kinds of business (`deals.toml`), without
/// diacritics as `englishify` compares them: derived once from the compiled lexicon.
struct PlainForms {
    heads: Vec<String>,
    business_words: Vec<(String, String)>,
    /// The first syllable of each kind of business in lower case, as written and without
    /// diacritics.
    first_syllables: std::collections::HashSet<String>,
}

fn plain_forms() -> &'static PlainForms {
    static FORMS: std::sync::OnceLock<PlainForms> = std::sync::OnceLock::new();
    FORMS.get_or_init(|| {
        let lex = crate::deal::lexicon::lexicon(crate::lang::Lang::Vi);
        PlainForms {
            heads: lex
                .plain_heads
                .iter()
                .map(|h| strip_diacritics(h))
                .collect(),
            business_words: lex
                .business_words
                .iter()
                .map(|[vi, en]| (strip_diacritics(vi), en.clone()))
                .collect(),
            first_syllables: lex
                .business_words
                .iter()
                .filter_map(|[vi, _]| vi.split(' ').next())
                .flat_map(|w| [w.to_lowercase(), strip_diacritics(w).to_lowercase()])
                .collect(),
        }
    })
}

/// Initial consonants of a Vietnamese syllable (marks stripped), longest first.
const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h",
    "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];
/// Vowel nuclei, with their final glides (marks stripped: "ươi" is "uoi").
const NUCLEI: [&str; 39] = [
    "a", "e", "i", "o", "u", "y", "ai", "ao", "au", "ay", "eo", "eu", "ia", "ie", "iu", "oa", "oe",
    "oi", "oo", "ua", "ue", "ui", "uo", "uu", "uy", "ya", "ye", "ieu", "yeu", "oai", "oay", "oao",
    "oeo", "uay", "uoi", "uou", "uya", "uye", "uyu",
];
/// Final consonants, longest first.
const CODAS: [&str; 9] = ["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];

/// Whether `w` (lower case, marks stripped) parses as initial, nucleus and final.
fn is_syllable(w: &str) -> bool {
    ONSETS.iter().filter_map(|o| w.strip_prefix(o)).any(|rest| {
        CODAS
            .iter()
            .filter_map(|c| rest.strip_suffix(c))
            .any(|n| NUCLEI.contains(&n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_syllables_and_foreign_words() {
        for w in [
            "Phú",
            "Giang",
            "Nguyễn",
            "Trường",
            "Thịnh",
            "Long",
            "Khuê",
            "Đức",
            "Gia",
        ] {
            assert!(Rules.native_name_syllable(w), "{w} is a syllable");
        }
        for w in [
            "Boeing", "Siemens", "Lotte", "Central", "Volt", "Orvex", "Kestrel",
        ] {
            assert!(!Rules.native_name_syllable(w), "{w} is no syllable");
        }
    }
}
