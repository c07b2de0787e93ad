//! Text helpers shared by the stages: case folding with an offset map back to the original text,
//! diacritic folding, and phrase matching (Aho-Corasick) at word boundaries.

use std::sync::OnceLock;

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
            if let Some(lc) = latin_lower(c) {
                lower.push(lc);
                map.extend(std::iter::repeat_n(i, lc.len_utf8()));
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

/// A value for each character of a few ranges, computed once: a direct index where a Unicode
/// table would be searched for every character of every sentence.
pub struct CharTable<T> {
    ranges: &'static [(char, char)],
    values: Vec<Vec<T>>,
}

impl<T> CharTable<T> {
    pub fn new(ranges: &'static [(char, char)], f: impl Fn(char) -> T) -> CharTable<T> {
        let values = ranges
            .iter()
            .map(|&(a, b)| (a..=b).map(&f).collect())
            .collect();
        CharTable { ranges, values }
    }

    /// The value of `c`, `None` outside the ranges.
    pub fn get(&self, c: char) -> Option<&T> {
        let r = self.ranges.iter().position(|&(a, b)| a <= c && c <= b)?;
        self.values[r].get(c as usize - self.ranges[r].0 as usize)
    }
}

/// The lower case of a Latin letter with its marks (Latin-1, Latin Extended-A and -B, and the
/// Vietnamese letters of Latin Extended Additional) where it is one character, from a table made
/// once with `char::to_lowercase`.
fn latin_lower(c: char) -> Option<char> {
    static TABLE: OnceLock<CharTable<Option<char>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        CharTable::new(&[('\u{80}', '\u{24f}'), ('\u{1e00}', '\u{1eff}')], |c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        })
    });
    table.get(c).copied().flatten()
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

/// A match of one phrase of a set in a folded text, before the set's own rules (word edges,
/// compounds, longest first) are applied: folded byte span and the phrase's index in its set.
pub type RawMatch = (usize, usize, usize);

/// A set of phrases matched case-insensitively at word boundaries, longest first, no overlaps.
/// Phrases flagged `compound` may also end a longer word whose first letter is a capital
/// (German compound nouns: "Kaufvertrag" ends with "vertrag").
///
/// The set's own automaton is built on first use: on the hot path the sets of a language are
/// matched together by one [`JointScan`], and a set whose phrases only that scan reads never
/// builds its own.
pub struct PhraseSet {
    ac: OnceLock<Option<AhoCorasick>>,
    /// The phrases, lower-cased: what the automaton is built from.
    pats: Vec<String>,
    compound: Vec<bool>,
    /// Phrases this long (in characters) also match inside a word (0: never).
    inside_from: usize,
    lens: Vec<usize>,
    /// Whether each phrase begins / ends with a word character: only those edges need a boundary
    /// ("$" in "$10" needs none after it).
    word_edges: Vec<(bool, bool)>,
}

/// An overlapping automaton over `pats`, `None` for no phrase. A contiguous NFA, not a full DFA:
/// the DFAs of the lexicons took 0.8-2.3 MB each, far more than the L2 cache, and scanning with
/// them was slower end to end than with the NFAs (well under 1 MB for the ~5,000 entity aliases;
/// BENCHMARKS.md, 2026-12-01).
fn automaton<S: AsRef<[u8]>>(pats: &[S]) -> Option<AhoCorasick> {
    (!pats.is_empty()).then(|| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(pats)
            .expect("phrase automaton")
    })
}

impl PhraseSet {
    pub fn new(phrases: &[(String, bool)]) -> PhraseSet {
        let pats: Vec<String> = phrases.iter().map(|(p, _)| p.to_lowercase()).collect();
        PhraseSet {
            ac: OnceLock::new(),
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
            pats,
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
        let Some(ac) = self.ac.get_or_init(|| automaton(&self.pats)) else {
            return Vec::new();
        };
        let raw: Vec<RawMatch> = ac
            .find_overlapping_iter(folded.lower.as_str())
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        self.select(text, folded, &raw)
    }

    /// The hits among `raw`, every match of this set's phrases in `folded` as the automaton
    /// reports them (by [`PhraseSet::find`] or a [`JointScan`]): those at word edges (or inside a
    /// compound where allowed), leftmost-longest, no overlaps.
    pub fn select(&self, text: &str, folded: &Folded, raw: &[RawMatch]) -> Vec<PhraseHit> {
        let lower = &folded.lower;
        let mut cands: Vec<PhraseHit> = Vec::new();
        for &(s, e, id) in raw {
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
                id,
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

/// Several phrase sets matched in one pass: one automaton over all their phrases, its matches
/// handed back to each set by the place of the phrase in the joint list. What each set then
/// selects ([`PhraseSet::select`]) is what its own [`PhraseSet::find`] gives: an overlapping
/// search reports every match of every phrase, and a set's matches keep the order its own
/// automaton reports them in (by end, then longest first; a phrase listed twice by its index).
///
/// Why: a sentence was scanned once per lexicon (deal words, amount words, entity names), and
/// the scans were a quarter of the run's time (BENCHMARKS.md, 2026-12-01).
pub struct JointScan {
    ac: Option<AhoCorasick>,
    /// The joint index of each set's first phrase, and one past the last set's.
    starts: Vec<usize>,
}

impl JointScan {
    pub fn new(sets: &[&PhraseSet]) -> JointScan {
        let mut starts = vec![0];
        let mut pats: Vec<&str> = Vec::new();
        for set in sets {
            pats.extend(set.pats.iter().map(String::as_str));
            starts.push(pats.len());
        }
        JointScan {
            ac: automaton(&pats),
            starts,
        }
    }

    /// Every match in `folded` of the phrases of each set, in the order of the sets given to
    /// [`JointScan::new`], with indices within the set.
    pub fn scan(&self, folded: &Folded) -> Vec<Vec<RawMatch>> {
        let mut out = vec![Vec::new(); self.starts.len() - 1];
        let Some(ac) = &self.ac else {
            return out;
        };
        for m in ac.find_overlapping_iter(folded.lower.as_str()) {
            let id = m.pattern().as_usize();
            let set = self.starts.partition_point(|&s| s <= id) - 1;
            out[set].push((m.start(), m.end(), id - self.starts[set]));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latin_table_lower_cases_as_to_lowercase() {
        for c in ('\u{80}'..='\u{24f}').chain('\u{1e00}'..='\u{1eff}') {
            let want: String = c.to_lowercase().collect();
            let f = Folded::new(&c.to_string());
            assert_eq!(f.lower, want, "{c:?}");
            assert!(f.map.iter().all(|&i| i == 0 || i == c.len_utf8()), "{c:?}");
        }
    }

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
