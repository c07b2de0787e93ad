//! Text helpers shared by the stages: case folding with an offset map back to the original text,
//! diacritic folding, and phrase matching (Aho-Corasick) at word boundaries.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use unicode_normalization::UnicodeNormalization;

/// A lower-cased copy of a text with a map from its byte offsets back to the original's.
pub struct Folded {
    pub lower: String,
    map: Vec<usize>,
}

impl Folded {
    pub fn new(text: &str) -> Folded {
        let mut lower = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            if c.is_ascii() {
                lower.push(c.to_ascii_lowercase());
                map.push(i);
                continue;
            }
            for lc in c.to_lowercase() {
                let before = lower.len();
                lower.push(lc);
                map.extend(std::iter::repeat_n(i, lower.len() - before));
            }
        }
        map.push(text.len());
        Folded { lower, map }
    }

    /// The original byte offset of a folded byte offset.
    pub fn orig(&self, i: usize) -> usize {
        self.map[i]
    }
}

/// Removes diacritics (and writes đ as d), for canonical English names and loose comparison.
pub fn strip_diacritics(s: &str) -> String {
    // ASCII has no marks to strip and decomposes to itself.
    if s.is_ascii() {
        return s.to_string();
    }
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            other => other,
        })
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A match of a phrase in a text: original byte span and the phrase's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseHit {
    pub start: usize,
    pub end: usize,
    pub id: usize,
}

/// A set of phrases matched case-insensitively at word boundaries, longest first, no overlaps.
/// Phrases flagged `compound` may also end a longer word whose first letter is a capital
/// (German compound nouns: "Kaufvertrag" ends with "vertrag").
pub struct PhraseSet {
    ac: Option<AhoCorasick>,
    compound: Vec<bool>,
    /// Phrases this long (in characters) also match inside a word (0: never).
    inside_from: usize,
    lens: Vec<usize>,
    /// Whether each phrase begins / ends with a word character: only those edges need a boundary
    /// ("$" in "$10" needs none after it).
    word_edges: Vec<(bool, bool)>,
}

impl PhraseSet {
    pub fn new(phrases: &[(String, bool)]) -> PhraseSet {
        PhraseSet::build(phrases, AhoCorasickKind::DFA)
    }

    /// Like [`PhraseSet::new`] with a contiguous NFA instead of a full DFA: for a large lexicon
    /// (the ~3,000 aliases of the entity table), whose DFA would take 12 MB against the NFA's
    /// well under 1 MB. Same matches.
    pub fn compact(phrases: &[(String, bool)]) -> PhraseSet {
        PhraseSet::build(phrases, AhoCorasickKind::ContiguousNFA)
    }

    fn build(phrases: &[(String, bool)], kind: AhoCorasickKind) -> PhraseSet {
        let pats: Vec<String> = phrases.iter().map(|(p, _)| p.to_lowercase()).collect();
        let ac = if pats.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    // A full DFA (`new`): ~1 MB and ~10 ms to build per small lexicon, and
                    // 10-15 % faster end to end than the default NFA (BENCHMARKS.md); for the
                    // entity table the contiguous NFA is as fast end to end (2026-11-29).
                    .kind(Some(kind))
                    .build(&pats)
                    .expect("phrase automaton"),
            )
        };
        PhraseSet {
            ac,
            compound: phrases.iter().map(|(_, c)| *c).collect(),
            inside_from: 0,
            lens: pats.iter().map(|p| p.chars().count()).collect(),
            word_edges: pats
                .iter()
                .map(|p| {
                    (
                        p.chars().next().is_some_and(is_word_char),
                        p.chars().next_back().is_some_and(is_word_char),
                    )
                })
                .collect(),
        }
    }

    /// Lets phrases of at least `chars` characters match inside longer words too ("Energie" in
    /// "Energiebereich"): for keyword lexicons over compounding languages.
    pub fn match_inside_words(mut self, chars: usize) -> PhraseSet {
        self.inside_from = chars;
        self
    }

    /// All non-overlapping hits in `text`, leftmost-longest among the valid ones.
    pub fn find(&self, text: &str, folded: &Folded) -> Vec<PhraseHit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let lower = &folded.lower;
        let mut cands: Vec<PhraseHit> = Vec::new();
        for m in ac.find_overlapping_iter(lower.as_str()) {
            let (s, e) = (m.start(), m.end());
            let id = m.pattern().as_usize();
            if self.inside_from > 0 && self.lens[id] >= self.inside_from {
                cands.push(PhraseHit {
                    start: folded.orig(s),
                    end: folded.orig(e),
                    id,
                });
                continue;
            }
            let (word_start, word_end) = self.word_edges[id];
            let after_ok = !word_end || lower[e..].chars().next().is_none_or(|c| !is_word_char(c));
            if !after_ok {
                continue;
            }
            let before = lower[..s].chars().next_back();
            let before_ok = !word_start || before.is_none_or(|c| !is_word_char(c));
            let compound = self.compound[id];
            if !before_ok {
                if !compound {
                    continue;
                }
                // The whole word must start with a capital (a noun) in the original text.
                let word_start = lower[..s]
                    .char_indices()
                    .rev()
                    .take_while(|&(_, c)| is_word_char(c))
                    .last()
                    .map_or(s, |(i, _)| i);
                let first = text[folded.orig(word_start)..].chars().next();
                if !first.is_some_and(char::is_uppercase) {
                    continue;
                }
            }
            cands.push(PhraseHit {
                start: folded.orig(s),
                end: folded.orig(e),
                id: m.pattern().as_usize(),
            });
        }
        cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut out: Vec<PhraseHit> = Vec::with_capacity(cands.len());
        for c in cands {
            if out.last().is_none_or(|l| c.start >= l.end) {
                out.push(c);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_maps_offsets_back() {
        let t = "ĐỒNG Ý";
        let f = Folded::new(t);
        assert_eq!(f.lower, "đồng ý");
        let i = f.lower.find('ý').unwrap();
        assert_eq!(&t[f.orig(i)..], "Ý");
    }

    #[test]
    fn phrases_match_whole_words_longest_first() {
        let set = PhraseSet::new(&[
            ("trao".into(), false),
            ("trao đổi".into(), false),
            ("vertrag".into(), true),
        ]);
        let t = "Hai bên trao đổi rồi trao Giấy phép; Kaufvertrag, vertragslos, Traona";
        let f = Folded::new(t);
        let hits: Vec<&str> = set.find(t, &f).iter().map(|h| &t[h.start..h.end]).collect();
        assert_eq!(hits, ["trao đổi", "trao", "vertrag"]);
    }

    #[test]
    fn long_keywords_match_inside_compounds() {
        let set = PhraseSet::new(&[("energie".into(), false), ("gas".into(), false)])
            .match_inside_words(6);
        let t = "Im Energiebereich und bei Erdgasleitungen";
        let f = Folded::new(t);
        let hits: Vec<&str> = set.find(t, &f).iter().map(|h| &t[h.start..h.end]).collect();
        assert_eq!(hits, ["Energie"]);
    }

    #[test]
    fn strips_vietnamese_diacritics() {
        assert_eq!(strip_diacritics("Tâm Anh Đà Nẵng"), "Tam Anh Da Nang");
    }
}
