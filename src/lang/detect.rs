//! Language detection: a stop-word model over the languages dealtrack knows.
//!
//! Each language lists its most frequent function words in `stopwords.txt`; a document is scored by
//! how many of its words are stop words of each language, and Vietnamese also by its letters that
//! no other supported language uses. Measured in `tests/detect.rs` on the samples and peer corpora.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::Lang;

/// Every stop word with a bit per language that lists it (bit [`Lang::index`]).
fn stopwords() -> &'static FxHashMap<&'static str, u8> {
    static MAP: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = FxHashMap::default();
        for lang in Lang::ALL {
            let list = match lang {
                Lang::Vi => super::vi::STOPWORDS,
                Lang::De => super::de::STOPWORDS,
                Lang::En => super::en::STOPWORDS,
            };
            for w in list.lines().map(str::trim) {
                if !w.is_empty() && !w.starts_with('#') {
                    *map.entry(w).or_insert(0) |= 1 << lang.index();
                }
            }
        }
        map
    })
}

/// Whether `lower`, a lower-cased word, is one of `lang`'s stop words (its `stopwords.txt`). The
/// language rules ask this of names they do not know ("a lone function word is no name"), often
/// several times a sentence: one look-up in the table detection uses, not a walk of the list.
pub fn is_stopword(lang: Lang, lower: &str) -> bool {
    stopwords()
        .get(lower)
        .is_some_and(|b| b >> lang.index() & 1 == 1)
}

/// Letters that only Vietnamese, among the supported languages, writes.
fn is_vietnamese_letter(c: char) -> bool {
    matches!(c, 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ă' | 'Ă')
        || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
}

/// Scores per language: stop words of each, plus Vietnamese-only letters for Vietnamese. Reads at
/// most the first 20 000 bytes, and stops early once one language leads clearly (30 points and
/// three times the runner-up), which on news text happens within the first few hundred words.
pub fn scores(text: &str) -> [(Lang, usize); 3] {
    let mut end = text.len().min(20_000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let words = stopwords();
    let mut n = [0usize; 3];
    let mut lower = String::new();
    let not_word = |c: char| {
        if c.is_ascii() {
            !c.is_ascii_alphanumeric()
        } else {
            !crate::text::is_word_char_fast(c)
        }
    };
    for (k, word) in sample.split(not_word).filter(|w| !w.is_empty()).enumerate() {
        lower.clear();
        if word.is_ascii() {
            lower.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
            n[0] += word.chars().filter(|&c| is_vietnamese_letter(c)).count();
        }
        if let Some(&bits) = words.get(lower.as_str()) {
            for (i, x) in n.iter_mut().enumerate() {
                *x += usize::from(bits >> i & 1);
            }
        }
        if k % 32 == 31 && clear_lead(&n) {
            break;
        }
    }
    [
        (Lang::ALL[0], n[0]),
        (Lang::ALL[1], n[1]),
        (Lang::ALL[2], n[2]),
    ]
}

fn clear_lead(n: &[usize; 3]) -> bool {
    let mut s = *n;
    s.sort_unstable();
    s[2] >= 30 && s[2] >= 3 * s[1]
}

/// The most likely language, or `None` when the text gives no evidence at all.
pub fn detect(text: &str) -> Option<Lang> {
    let s = scores(text);
    let best = s.iter().max_by_key(|(_, n)| *n)?;
    (best.1 > 0).then_some(best.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word is a language's stop word exactly when a line of that language's list is the word.
    #[test]
    fn a_stopword_is_one_of_its_own_languages_list() {
        let lists = [
            (Lang::Vi, super::super::vi::STOPWORDS),
            (Lang::De, super::super::de::STOPWORDS),
            (Lang::En, super::super::en::STOPWORDS),
        ];
        let listed = |list: &str, w: &str| list.lines().any(|l| l.trim() == w);
        let mut words: Vec<&str> = lists.iter().flat_map(|(_, l)| l.lines()).collect();
        words.extend(["kestrel", "", "the the", "Und"]);
        for w in words.iter().map(|w| w.trim()) {
            for (lang, list) in lists {
                let want = listed(list, w) && !w.starts_with('#') && !w.is_empty();
                assert_eq!(is_stopword(lang, w), want, "{lang:?} {w:?}");
            }
        }
        assert!(is_stopword(Lang::De, "und") && !is_stopword(Lang::En, "und"));
    }

    #[test]
    fn detects_each_language() {
        assert_eq!(
            detect("Hợp đồng mua 50 máy bay giữa Vietnam Airlines và Boeing"),
            Some(Lang::Vi)
        );
        assert_eq!(
            detect(
                "Die Lufthansa hat bei Airbus zehn Flugzeuge bestellt, teilte das Unternehmen mit."
            ),
            Some(Lang::De)
        );
        assert_eq!(
            detect("The airline signed an agreement with the manufacturer for 100 jets."),
            Some(Lang::En)
        );
        assert_eq!(detect("12345 !!"), None);
    }
}
