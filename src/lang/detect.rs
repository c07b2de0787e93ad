//! Language detection: a stop-word model over the languages dealtrack knows.
//!
//! Each language lists its most frequent function words in `stopwords.txt`; a document is scored by
//! how many of its words are stop words of each language, and Vietnamese also by its letters that
//! no other supported language uses. Measured in `tests/detect.rs` on the samples and peer corpora.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::Lang;

fn stopwords(lang: Lang) -> &'static HashSet<&'static str> {
    static SETS: OnceLock<[HashSet<&'static str>; 3]> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        let load = |s: &'static str| -> HashSet<&'static str> {
            s.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect()
        };
        [
            load(super::vi::STOPWORDS),
            load(super::de::STOPWORDS),
            load(super::en::STOPWORDS),
        ]
    });
    match lang {
        Lang::Vi => &sets[0],
        Lang::De => &sets[1],
        Lang::En => &sets[2],
    }
}

/// Letters that only Vietnamese, among the supported languages, writes.
fn is_vietnamese_letter(c: char) -> bool {
    matches!(c, 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ă' | 'Ă')
        || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
}

/// Scores per language; the first 20 000 bytes are plenty.
pub fn scores(text: &str) -> [(Lang, usize); 3] {
    let mut end = text.len().min(20_000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let mut counts = [(Lang::Vi, 0usize), (Lang::De, 0), (Lang::En, 0)];
    for word in sample.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let lower = word.to_lowercase();
        for (lang, n) in counts.iter_mut() {
            if stopwords(*lang).contains(lower.as_str()) {
                *n += 1;
            }
        }
    }
    counts[0].1 += sample.chars().filter(|&c| is_vietnamese_letter(c)).count();
    counts
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
