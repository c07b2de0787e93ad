//! Text helpers shared by the stages: case folding with an offset map back to the original text,
//! diacritic folding, and phrase matching (Aho-Corasick) at word boundaries.

use std::sync::OnceLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, MatchKind};
use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

/// A lower-cased copy of a text with a map from its byte offsets back to the original's.
pub struct Folded {
    pub lower: String,
    /// Each folded byte's offset in the original, and the original's length after them; empty
    /// where the fold is [`aligned`](Folded::aligned), whose offsets are the original's.
    map: Vec<usize>,
    /// See [`Folded::aligned`].
    aligned: bool,
}

impl Folded {
    /// Nearly every text lower-cases to as many bytes as it has: it is folded without a map, and
    /// only a text where a character changes length ("İ") is folded again with one.
    pub fn new(text: &str) -> Folded {
        if let Some((lower, _)) = fold::<false>(text, &mut Vec::new()) {
            return Folded {
                lower,
                map: Vec::new(),
                aligned: true,
            };
        }
        let mut map = Vec::with_capacity(text.len() + 1);
        let (lower, aligned) =
            fold::<true>(text, &mut map).expect("a fold with a map goes to the end");
        Folded {
            lower,
            map,
            aligned,
        }
    }

    /// Whether every character lower-cases to as many bytes as it has (and none is a capital
    /// sigma): then the folded text's offsets are the original's, and `lower[a..b]` is what
    /// `text[a..b].to_lowercase()` would make, with no copy.
    pub fn aligned(&self) -> bool {
        self.aligned
    }

    /// The original byte offset of a folded byte offset.
    pub fn orig(&self, i: usize) -> usize {
        if self.aligned {
            // A byte inside a character maps to the character's start, as in the map.
            (0..=i)
                .rev()
                .find(|&j| self.lower.is_char_boundary(j))
                .unwrap_or(0)
        } else {
            self.map[i]
        }
    }
}

/// The lower case of `text` character by character, and whether every character kept its
/// length in bytes (and none is a capital sigma, which `str::to_lowercase` writes differently at a
/// word's end). With `MAP`, each folded byte's offset in `text` is pushed onto `map`, then the
/// text's length; without, `map` is left alone and the fold stops (`None`) at the first character
/// that changes length. (A constant, so that the fold without a map has no test for it.)
fn fold<const MAP: bool>(text: &str, map: &mut Vec<usize>) -> Option<(String, bool)> {
    let mut lower = String::with_capacity(text.len());
    let mut aligned = true;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII at once: copied, lower-cased in place, its offsets a range.
        let run = bytes[i..].iter().take_while(|b| b.is_ascii()).count();
        if run > 0 {
            let from = lower.len();
            lower.push_str(&text[i..i + run]);
            lower[from..].make_ascii_lowercase();
            if MAP {
                map.extend(i..i + run);
            }
            i += run;
            continue;
        }
        let c = text[i..].chars().next().expect("a char boundary");
        let from = lower.len();
        match latin_lower(c) {
            Some(lc) => lower.push(lc),
            None => lower.extend(c.to_lowercase()),
        }
        let kept = lower.len() - from == c.len_utf8() && c != 'Σ';
        if MAP {
            map.extend(std::iter::repeat_n(i, lower.len() - from));
        } else if !kept {
            return None;
        }
        aligned &= kept;
        i += c.len_utf8();
    }
    if MAP {
        map.push(text.len());
    }
    Some((lower, aligned))
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

/// The Latin letters with their marks: Latin-1, Latin Extended-A and -B, and the Vietnamese
/// letters of Latin Extended Additional. The character tables below cover them.
const LATIN_WITH_MARKS: &[(char, char)] = &[('\u{80}', '\u{24f}'), ('\u{1e00}', '\u{1eff}')];

/// The lower case of a Latin letter with its marks ([`LATIN_WITH_MARKS`]) where it is one
/// character, from a table made once with `char::to_lowercase`.
fn latin_lower(c: char) -> Option<char> {
    static TABLE: OnceLock<CharTable<Option<char>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        CharTable::new(LATIN_WITH_MARKS, |c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        })
    });
    table.get(c).copied().flatten()
}

/// A per-thread memo of a pure function of one word: see [`recall`].
pub type WordMemo<V> = std::cell::RefCell<FxHashMap<Box<str>, V>>;

/// `f(word)`, remembered in `memo`. For the rules that ask the same question of the same words
/// sentence after sentence ("is this word a numeral?"), where the answer costs a fold or a
/// parse. `f` must not depend on anything but the word. At most 65,536 words are kept (then the
/// memo starts again), so memory stays flat on any input.
pub fn recall<V: Copy>(memo: &WordMemo<V>, word: &str, f: impl FnOnce(&str) -> V) -> V {
    if let Some(&v) = memo.borrow().get(word) {
        return v;
    }
    let v = f(word);
    let mut m = memo.borrow_mut();
    if m.len() >= 1 << 16 {
        m.clear();
    }
    m.insert(word.into(), v);
    v
}

/// Removes diacritics (and writes đ as d), for canonical English names and loose comparison.
pub fn strip_diacritics(s: &str) -> String {
    // ASCII has no marks to strip and decomposes to itself.
    if s.is_ascii() {
        return s.to_string();
    }
    // A Latin letter with marks decomposes to a letter and marks only, so a text of ASCII and
    // such letters strips character by character, each from a table made once with the full
    // decomposition; any other character (a combining mark of its own, another script) sends
    // the whole text through it.
    static TABLE: OnceLock<CharTable<Box<str>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        CharTable::new(LATIN_WITH_MARKS, |c| {
            decompose_and_strip(&c.to_string()).into()
        })
    });
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(stripped) = table.get(c) {
            out.push_str(stripped);
        } else {
            return decompose_and_strip(s);
        }
    }
    out
}

/// [`strip_diacritics`] by the book: canonical decomposition, combining marks dropped, 'đ' read
/// as 'd'.
fn decompose_and_strip(s: &str) -> String {
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
    automaton_of_kind(pats, AhoCorasickKind::ContiguousNFA)
}

/// [`automaton`] of the given kind.
fn automaton_of_kind<S: AsRef<[u8]>>(pats: &[S], kind: AhoCorasickKind) -> Option<AhoCorasick> {
    (!pats.is_empty()).then(|| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
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

    /// Whether phrase `id` may be selected inside a word: a compound head, or a phrase long enough
    /// to be matched inside words.
    fn matches_inside_words(&self, id: usize) -> bool {
        self.compound[id] || (self.inside_from > 0 && self.lens[id] >= self.inside_from)
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
        let mut cands: Vec<PhraseHit> = Vec::with_capacity(raw.len());
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
            let after_ok = !word_end
                || lower[e..]
                    .chars()
                    .next()
                    .is_none_or(|c| !is_word_char_fast(c));
            if !after_ok {
                continue;
            }
            let before = lower[..s].chars().next_back();
            let before_ok = !word_start || before.is_none_or(|c| !is_word_char_fast(c));
            let compound = self.compound[id];
            if !before_ok {
                if !compound {
                    continue;
                }
                // The whole word must start with a capital (a noun) in the original text.
                let word_start = lower[..s]
                    .char_indices()
                    .rev()
                    .take_while(|&(_, c)| is_word_char_fast(c))
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
        // Ties (one phrase listed twice) by index: the order an automaton reports them in, whichever
        // automaton found them.
        cands.sort_unstable_by(|a, b| {
            (a.start.cmp(&b.start))
                .then(b.end.cmp(&a.end))
                .then(a.id.cmp(&b.id))
        });
        let mut out: Vec<PhraseHit> = Vec::with_capacity(cands.len());
        for c in cands {
            if out.last().is_none_or(|l| c.start >= l.end) {
                out.push(c);
            }
        }
        out
    }
}

/// Several phrase sets matched in one pass, the matches handed back to each set by the place of
/// the phrase in its set. What each set then selects ([`PhraseSet::select`]) is what its own
/// [`PhraseSet::find`] gives: every match of every phrase a set can select is reported.
///
/// Most phrases can be selected only where a word begins ("contract" is not read inside
/// "subcontractor"), so their first word must be the text's whole word there: they are looked up
/// by the text's words, one hash look-up a word. Phrases opening on a sign ("$", "%", "-") are
/// walked anchored from each byte that can open one. Only German compound heads ("vertrag" ending
/// "Kaufvertrag") and keywords matched inside words keep an overlapping search, in an automaton
/// of their own. An overlapping search over all phrases instead follows failure links at every
/// byte, in an automaton far larger than the cache, and reports every phrase inside every word
/// ("an" in "plant") only for the sets to drop it.
///
/// Why: a sentence was scanned once per lexicon (deal words, amount words, entity names), and
/// the scans were a quarter of the run's time (BENCHMARKS.md, 2026-12-01); the one overlapping
/// scan that replaced them was still 12-17 % of it.
pub struct JointScan {
    /// The phrases that open on a word, by their first word.
    by_first_word: FxHashMap<Box<str>, Vec<AfterFirstWord>>,
    /// The phrases that open on a sign, for an anchored walk.
    signs: Option<contiguous::NFA>,
    /// The set and index within the set of each phrase of `signs`.
    sign_ids: Vec<(u32, u32)>,
    /// The bytes that open a phrase of `signs`.
    sign_opening: [bool; 256],
    /// The phrases that may also match inside a word, for an overlapping search.
    inside: Option<AhoCorasick>,
    inside_ids: Vec<(u32, u32)>,
    sets: usize,
}

/// A phrase of a [`JointScan`] filed under its first word: the rest of it, its set and its index
/// within the set.
struct AfterFirstWord {
    rest: Box<[u8]>,
    /// The first (up to) eight bytes of `rest` and a mask of as many bytes, for one comparison
    /// that settles most phrases: [`head_of`].
    head: u64,
    mask: u64,
    set: u32,
    id: u32,
}

/// The first (up to) eight bytes of `bytes` as one number, zeros past its end, and the mask of
/// those it has.
fn head_of(bytes: &[u8]) -> (u64, u64) {
    let n = bytes.len().min(8);
    let mut buf = [0u8; 8];
    buf[..n].copy_from_slice(&bytes[..n]);
    let mask = if n == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    };
    (u64::from_le_bytes(buf), mask)
}

impl JointScan {
    pub fn new(sets: &[&PhraseSet]) -> JointScan {
        let mut by_first_word: FxHashMap<Box<str>, Vec<AfterFirstWord>> = FxHashMap::default();
        let (mut signs, mut sign_ids, mut inside, mut inside_ids) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut sign_opening = [false; 256];
        for (k, set) in sets.iter().enumerate() {
            for (id, pat) in set.pats.iter().enumerate() {
                let place = (k as u32, id as u32);
                if set.matches_inside_words(id) {
                    inside.push(pat.as_str());
                    inside_ids.push(place);
                } else if set.word_edges[id].0 {
                    let first = pat.find(|c| !is_word_char(c)).unwrap_or(pat.len());
                    let rest = &pat.as_bytes()[first..];
                    let (head, mask) = head_of(rest);
                    by_first_word
                        .entry(pat[..first].into())
                        .or_default()
                        .push(AfterFirstWord {
                            rest: rest.into(),
                            head,
                            mask,
                            set: place.0,
                            id: place.1,
                        });
                } else {
                    if let Some(&b) = pat.as_bytes().first() {
                        sign_opening[usize::from(b)] = true;
                    }
                    signs.push(pat.as_str());
                    sign_ids.push(place);
                }
            }
        }
        JointScan {
            by_first_word,
            signs: (!signs.is_empty()).then(|| {
                contiguous::NFA::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&signs)
                    .expect("phrase automaton")
            }),
            sign_ids,
            sign_opening,
            // The phrases read inside words (German compounds: a couple of hundred, a few KiB)
            // are searched in every byte of a sentence: as a DFA, one table look-up a byte, and
            // small enough for the cache (built in about 7M instructions, once).
            inside: automaton_of_kind(&inside, AhoCorasickKind::DFA),
            inside_ids,
            sets: sets.len(),
        }
    }

    /// Every match in `folded` of the phrases of each set that the set could select, in the order
    /// of the sets given to [`JointScan::new`], with indices within the set.
    pub fn scan(&self, folded: &Folded) -> Vec<Vec<RawMatch>> {
        let mut out = vec![Vec::new(); self.sets];
        let lower = folded.lower.as_str();
        if let Some(ac) = &self.inside {
            for m in ac.find_overlapping_iter(lower) {
                let (set, id) = self.inside_ids[m.pattern().as_usize()];
                out[set as usize].push((m.start(), m.end(), id as usize));
            }
        }
        let bytes = lower.as_bytes();
        // Word by word: a tight loop over a word's bytes (ASCII tested inline, other characters
        // through the Latin table), then its phrases; between words, each character may open a
        // sign's phrase.
        let word_char = |i: usize| -> (bool, usize) {
            match bytes[i] {
                b if b < 0x80 => (b.is_ascii_alphanumeric(), 1),
                _ => {
                    let c = lower[i..].chars().next().expect("a char boundary");
                    (is_word_char_fast(c), c.len_utf8())
                }
            }
        };
        let mut i = 0;
        while i < bytes.len() {
            let (word, len) = word_char(i);
            if word {
                let start = i;
                i += len;
                while i < bytes.len() {
                    let (word, len) = word_char(i);
                    if !word {
                        break;
                    }
                    i += len;
                }
                self.phrases_at(lower, start, &lower[start..i], &mut out);
                continue;
            }
            if let Some(nfa) = &self.signs {
                if self.sign_opening[usize::from(bytes[i])] {
                    walk_from(nfa, bytes, i, |end, pid| {
                        let (set, id) = self.sign_ids[pid];
                        out[set as usize].push((i, end, id as usize));
                    });
                }
            }
            i += len;
        }
        out
    }

    /// The phrases that open on the word `first` at `at`.
    fn phrases_at(&self, lower: &str, at: usize, first: &str, out: &mut [Vec<RawMatch>]) {
        let Some(phrases) = self.by_first_word.get(first) else {
            return;
        };
        let after = &lower.as_bytes()[at + first.len()..];
        // Phrases that share a first word mostly differ within the next word's first bytes:
        // one masked comparison of eight bytes settles most of them, and only a phrase longer
        // than that compares the rest.
        let (head, _) = head_of(after);
        for p in phrases {
            let fits = head & p.mask == p.head
                && after.len() >= p.rest.len()
                && (p.rest.len() <= 8 || p.rest[8..] == after[8..p.rest.len()]);
            if fits {
                out[p.set as usize].push((at, at + first.len() + p.rest.len(), p.id as usize));
            }
        }
    }
}

/// Calls `found(end, pattern)` for each phrase of `nfa` that `bytes[from..]` starts with,
/// shortest first: an anchored walk, which never follows a failure link, and a state's matches
/// kept only where the phrase is as long as the walk (a state also lists the phrases that end
/// its path, found through its failure links for the unanchored search).
fn walk_from(
    nfa: &contiguous::NFA,
    bytes: &[u8],
    from: usize,
    mut found: impl FnMut(usize, usize),
) {
    let mut sid = nfa
        .start_state(Anchored::Yes)
        .expect("a contiguous NFA searches anchored");
    for (j, &b) in bytes[from..].iter().enumerate() {
        sid = nfa.next_state(Anchored::Yes, sid, b);
        if nfa.is_dead(sid) {
            return;
        }
        if nfa.is_match(sid) {
            for k in 0..nfa.match_len(sid) {
                let pid = nfa.match_pattern(sid, k);
                if nfa.pattern_len(pid) == j + 1 {
                    found(from + j + 1, pid.as_usize());
                }
            }
        }
    }
}

/// `char::is_alphanumeric`, through a table for the Latin letters with marks (Vietnamese text is
/// mostly those), where `char::is_alphanumeric` searches Unicode's tables.
pub fn is_word_char_fast(c: char) -> bool {
    static TABLE: OnceLock<CharTable<bool>> = OnceLock::new();
    c.is_ascii_alphanumeric() || (!c.is_ascii() && latin_class(&TABLE, is_word_char, c))
}

/// `char::is_alphabetic`, the same way: the name rules ask it of every character of the words
/// they read.
pub fn is_letter_fast(c: char) -> bool {
    static TABLE: OnceLock<CharTable<bool>> = OnceLock::new();
    c.is_ascii_alphabetic() || (!c.is_ascii() && latin_class(&TABLE, char::is_alphabetic, c))
}

/// `class(c)` for a character past ASCII: from `table` (made from `class` on first use) for the
/// Latin letters with marks, from `class` itself elsewhere.
fn latin_class(table: &OnceLock<CharTable<bool>>, class: impl Fn(char) -> bool, c: char) -> bool {
    let table = table.get_or_init(|| CharTable::new(LATIN_WITH_MARKS, &class));
    table.get(c).copied().unwrap_or_else(|| class(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_character_classes_are_the_standard_ones() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(super::is_letter_fast(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(super::is_word_char_fast(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn an_aligned_fold_slices_as_to_lowercase_and_a_growing_or_sigma_one_is_not_aligned() {
        let text = "Hợp đồng ÜBER Kestrel-Ölwerk “Sao Mai” 12 €";
        let f = Folded::new(text);
        assert!(f.aligned());
        for (a, _) in text.char_indices() {
            for (b, _) in text.char_indices().filter(|&(b, _)| b >= a) {
                assert_eq!(f.lower[a..b], text[a..b].to_lowercase());
            }
        }
        // 'İ' lower-cases to two characters (three bytes from two); a final capital sigma is
        // written 'ς' by str::to_lowercase but 'σ' a character at a time.
        assert!(!Folded::new("İstanbul").aligned());
        assert!(!Folded::new("ΟΔΟΣ").aligned());
    }

    #[test]
    fn the_latin_table_lower_cases_as_to_lowercase() {
        for c in ('\u{80}'..='\u{24f}').chain('\u{1e00}'..='\u{1eff}') {
            let want: String = c.to_lowercase().collect();
            let f = Folded::new(&c.to_string());
            assert_eq!(f.lower, want, "{c:?}");
            assert!(
                (0..=f.lower.len())
                    .map(|i| f.orig(i))
                    .all(|i| i == 0 || i == c.len_utf8()),
                "{c:?}"
            );
        }
    }

    proptest::proptest! {
        /// Stripping marks through the Latin table is stripping them by the book, whatever
        /// mix of ASCII, Vietnamese and German letters, other scripts and loose combining marks.
        #[test]
        fn stripping_through_the_table_is_decomposing(t in "[a-zA-Z0-9 ,.ÄÖÜäöüßĐđỘộươƯƠếẾỹĩİıÅøØœ日\u{301}\u{323}]{0,30}") {
            proptest::prop_assert_eq!(strip_diacritics(&t), decompose_and_strip(&t));
        }
    }

    proptest::proptest! {
        /// Folding is `to_lowercase` character by character, each folded byte mapped to the
        /// start of the character it came from, across runs of ASCII and other letters.
        #[test]
        fn folding_is_lower_case_with_offsets(t in "[a-zA-Z0-9 ,.ÄÖÜßĐđỘộİΣ日]{0,30}") {
            let f = Folded::new(&t);
            let mut lower = String::new();
            let mut map = Vec::new();
            for (i, c) in t.char_indices() {
                for lc in c.to_lowercase() {
                    lower.push(lc);
                    map.extend(std::iter::repeat_n(i, lc.len_utf8()));
                }
            }
            map.push(t.len());
            proptest::prop_assert_eq!(&f.lower, &lower);
            let orig: Vec<usize> = (0..=f.lower.len()).map(|i| f.orig(i)).collect();
            proptest::prop_assert_eq!(&orig, &map);
            // Folded without a map exactly where no character changes length.
            proptest::prop_assert_eq!(f.map.is_empty(), f.aligned());
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
    fn a_joint_scan_selects_what_each_set_finds_alone() {
        let deals = PhraseSet::new(&[
            ("vertrag".into(), true),
            ("hợp đồng".into(), false),
            ("contract".into(), false),
            ("contract for".into(), false),
            ("contract".into(), false),
            ("deal".into(), false),
            // Rests past the first word longer than the eight bytes compared at once.
            ("contract for the supply".into(), false),
            ("hợp đồng mua bán điện".into(), false),
        ]);
        let amounts = PhraseSet::new(&[
            ("$".into(), false),
            ("%".into(), false),
            ("-worth of".into(), false),
            ("tỷ".into(), false),
            ("tỷ đồng".into(), false),
            ("bn".into(), false),
        ]);
        let names = PhraseSet::new(&[
            ("kestrel".into(), false),
            ("kestrel air".into(), false),
            ("u.s.".into(), false),
            ("air".into(), false),
        ])
        .match_inside_words(9);
        let joint = JointScan::new(&[&deals, &amounts, &names]);
        for t in [
            "Kestrel Air signed a contract for $2bn, a contract-worth of 5% (U.S. dealers).",
            "Kestrel Arc won a contract fur 3 tỷ euro.",
            "Der Kaufvertrag, ein Vertrag: vertragslos; Kestrelair-Deal",
            "Hợp đồng trị giá 3 tỷ đồng giữa Kestrel và Sao Mai; subcontractor deals",
            "a contract for the supply, a contract for the supplement, a contract for the sup",
            "Hợp đồng mua bán điện và hợp đồng mua bán đất",
            "",
        ] {
            let f = Folded::new(t);
            let raw = joint.scan(&f);
            for (k, set) in [&deals, &amounts, &names].into_iter().enumerate() {
                assert_eq!(
                    set.select(t, &f, &raw[k]),
                    set.find(t, &f),
                    "set {k} in {t:?}"
                );
            }
        }
    }

    #[test]
    fn a_word_memo_asks_once_per_word_and_stays_bounded() {
        let memo = WordMemo::default();
        let calls = std::cell::Cell::new(0);
        let len = |w: &str| {
            calls.set(calls.get() + 1);
            w.len()
        };
        assert_eq!(recall(&memo, "zwei", len), 4);
        assert_eq!(recall(&memo, "zwei", len), 4);
        assert_eq!(calls.get(), 1);
        for i in 0..70_000 {
            recall(&memo, &i.to_string(), len);
        }
        assert!(memo.borrow().len() <= 1 << 16);
        assert_eq!(recall(&memo, "hundert", len), 7);
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
