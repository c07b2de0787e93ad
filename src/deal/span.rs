//! Cutting a sentence by byte offsets: the one place deal code turns two offsets into text.
//!
//! Offsets come from many stages (trigger hits, a compound's start, a name's end), and two of them
//! can meet in the wrong order on odd text ("Bestellung-Deal": the second trigger's compound starts
//! before the first trigger ends). A reversed range or one off a character boundary is a bug in the
//! caller: debug builds (tests, fuzzing) stop on it, release builds read it as empty text so that
//! one odd sentence never takes an article down.

/// `st[start..end]`, or "" where the range is reversed or off a character boundary.
pub(crate) fn cut(st: &str, start: usize, end: usize) -> &str {
    debug_assert!(
        start <= end && st.is_char_boundary(start) && st.is_char_boundary(end),
        "bad range {start}..{end} in a sentence of {} bytes: {st:?}",
        st.len()
    );
    st.get(start..end).unwrap_or("")
}

/// `st[..end]`.
pub(crate) fn before(st: &str, end: usize) -> &str {
    cut(st, 0, end)
}

/// `st[start..]`.
pub(crate) fn after(st: &str, start: usize) -> &str {
    cut(st, start, st.len())
}

/// The first `bytes` (or a few more, to a character boundary) of `s`: what a test of the next
/// words needs, without lower-casing or searching the rest of a long sentence.
pub(crate) fn head(s: &str, bytes: usize) -> &str {
    let end = (bytes.min(s.len())..=s.len())
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(s.len());
    &s[..end]
}

/// The last `bytes` (or a few fewer, to a character boundary) of `s`.
pub(crate) fn tail(s: &str, bytes: usize) -> &str {
    let from = (s.len().saturating_sub(bytes)..s.len())
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(s.len());
    &s[from..]
}

/// `s.strip_prefix(p)`, compared byte by byte: the rules try a word list against one place
/// (`of_a_name`, `apposition_openers`), and most words differ from the text in their first
/// byte, where `strip_prefix` would call `memcmp` for each.
pub(crate) fn strip_prefix_bytes<'s>(s: &'s str, p: &str) -> Option<&'s str> {
    let fits = s.len() >= p.len() && p.bytes().zip(s.bytes()).all(|(a, b)| a == b);
    // (A prefix of a str that is a whole str ends on a character boundary.)
    fits.then(|| &s[p.len()..])
}

/// `s.strip_suffix(p)`, compared byte by byte from the end (see [`strip_prefix_bytes`]).
pub(crate) fn strip_suffix_bytes<'s>(s: &'s str, p: &str) -> Option<&'s str> {
    let fits = s.len() >= p.len() && p.bytes().rev().zip(s.bytes().rev()).all(|(a, b)| a == b);
    fits.then(|| &s[..s.len() - p.len()])
}

/// `pos` moved past the whitespace that follows it.
pub(crate) fn ctx_skip(st: &str, pos: usize) -> usize {
    pos + (after(st, pos).len() - after(st, pos).trim_start().len())
}

/// Whether `text` lower-cased is `lower` (a lexicon word, lower-cased already), without making
/// the lower-cased copy: asked for every deal word of every sentence.
pub(crate) fn lower_is(text: &str, lower: &str) -> bool {
    text.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// The bytes of `text` that, lower-cased, are `lower` followed by the end of a word: where a
/// lexicon phrase opens `text` ("To acquire Orvex" with "to acquire" gives 10).
pub(crate) fn lower_word_prefix(text: &str, lower: &str) -> Option<usize> {
    let mut want = lower.chars().peekable();
    for (i, c) in text.char_indices() {
        if want.peek().is_none() {
            return (!c.is_alphanumeric()).then_some(i);
        }
        for l in c.to_lowercase() {
            if want.next() != Some(l) {
                return None;
            }
        }
    }
    want.peek().is_none().then_some(text.len())
}

/// Whether `text` lower-cased ends with `lower`, without making the lower-cased copy.
pub(crate) fn lower_ends_with(text: &str, lower: &str) -> bool {
    let mut tail = text.chars().rev().flat_map(|c| c.to_lowercase().rev());
    lower.chars().rev().all(|c| tail.next() == Some(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte-by-byte strips are `strip_prefix` and `strip_suffix`.
        #[test]
        fn byte_strips_are_the_std_strips(s in "[ab ộđ]{0,6}", p in "[ab ộđ]{0,3}") {
            proptest::prop_assert_eq!(strip_prefix_bytes(&s, &p), s.strip_prefix(p.as_str()));
            proptest::prop_assert_eq!(strip_suffix_bytes(&s, &p), s.strip_suffix(p.as_str()));
        }
    }

    #[test]
    fn ordered_ranges_cut_as_slices() {
        assert_eq!(cut("Hợp đồng", 0, 5), "Hợp");
        assert_eq!(before("abc", 1), "a");
        assert_eq!(after("abc", 1), "bc");
        assert_eq!(cut("abc", 3, 3), "");
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "bad range")]
    fn a_reversed_range_is_a_bug_caught_in_debug_builds() {
        cut("Bestellung-Deal", 13, 3);
    }

    #[test]
    fn lower_case_comparisons_fold_the_text_not_the_word() {
        assert!(lower_is("Takeover Offer", "takeover offer"));
        assert!(!lower_is("Takeover Offers", "takeover offer"));
        assert!(lower_is("ÜBERNAHME", "übernahme"));
        assert!(lower_ends_with("a Takeover BID", "bid"));
        assert!(lower_ends_with("Công ty", "công ty"));
        assert!(!lower_ends_with("bi", "bid"));
        assert!(lower_ends_with("anything", ""));
    }
}
