//! Segmentation: splits a document body into blocks (paragraphs and list items) and sentences,
//! keeping byte spans. Abbreviations (TP., Mr., z. B., Nr., U.S.), initials, ordinals before a
//! month ("14. November") and decimals do not end a sentence.

/// A sentence with its byte span in the document text and the block it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index of the block (paragraph or list item) in the document.
    pub block: usize,
    /// The block is a list item ("- ", "• ", "1. ", "a) ").
    pub list_item: bool,
    /// For list items: the span of the sentence that introduces the list (ends with ':').
    pub list_intro: Option<(usize, usize)>,
}

/// Words after which a period does not end a sentence (compared case-sensitively, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "TP", "Tp", "TS", "ThS", "PGS", "GS", "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Co",
    "Corp", "Inc", "Ltd", "Nr", "Nrn", "bzw", "ca", "vgl", "usw", "etc", "Mio", "Mill", "Mia",
    "Mrd", "Tsd", "Bd", "Abs", "Art", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Okt", "Nov", "Dec", "Dez", "No", "vs", "approx", "z", "B", "d", "h", "u", "a",
    "o", "ggf", "inkl", "evtl", "Hr", "Fr", "Gen", "Gov", "Sen", "Rep", "Dt", "VP", "tr", "đ", "Q",
    "P", "GS.TS",
    // Currency abbreviations written with a period before the figure ("Rs. 1,188 crore").
    "Rs", "Rp", "Ksh", "Tk", "Dhs",
    // Legal forms that another follows ("Pte. Ltd.", "Pty. Ltd.", "Sdn. Bhd."): never the last word.
    "Pte", "Pty", "Sdn",
];

/// Legal forms that end a company's name and so often end a sentence too ("… is Kestrel Inc.
/// It also …").
const LEGAL_FORMS: &[&str] = &["Inc", "Corp", "Ltd", "Co"];

/// Words that open a sentence and never go on a company's name.
const SENTENCE_OPENERS: &[&str] = &[
    "The", "It", "Its", "He", "She", "They", "This", "That", "These", "Those", "But", "In", "On",
    "Der", "Die", "Das", "Es", "Er", "Sie", "Im", "Am",
];

/// "Its largest holding is Kestrel Inc. It also …": a legal form's period ends the
/// sentence when the next word is one that opens sentences (`rest` starts at that word).
fn legal_form_ends(prev_word: &str, rest: &str) -> bool {
    let next_word = &rest[..run_len(rest, char::is_alphanumeric)];
    LEGAL_FORMS.contains(&prev_word) && SENTENCE_OPENERS.contains(&next_word)
}

/// Month names: "14. November" is a date, not the end of a sentence.
const MONTHS: &[&str] = &[
    "Januar",
    "Jänner",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
    "January",
    "February",
    "March",
    "May",
    "June",
    "July",
    "October",
    "December",
];

/// The longest sentence analysed whole, in bytes. Real news sentences stay far below it (the
/// longest in the dev set is about 660 bytes); a longer run without a sentence end (a scraped
/// page with no punctuation, hostile input) is cut into windows of at most this size at a clause
/// mark or a space, so that per-sentence analysis costs linear time in the document however the
/// text is shaped.
pub const MAX_SENTENCE_BYTES: usize = 2_000;

/// `text[start..end]` cut into pieces of at most `max` bytes: each piece ends after the last
/// `;`/`,` (else the last white space, else the last character boundary) that keeps it in bounds.
pub fn windows(text: &str, start: usize, end: usize, max: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut a = start;
    while end - a > max {
        let mut limit = a + max;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let piece = &text[a..limit];
        let cut = piece
            .rfind([';', ','])
            .map(|i| i + 1)
            .filter(|&i| i > max / 2)
            .or_else(|| piece.rfind(char::is_whitespace).filter(|&i| i > 0))
            .unwrap_or(piece.len().max(1));
        let mut b = a + cut;
        while !text.is_char_boundary(b) {
            b += 1;
        }
        out.push((a, b));
        a = b;
        while a < end && text[a..].starts_with(char::is_whitespace) {
            a += text[a..].chars().next().map_or(1, char::len_utf8);
        }
    }
    if a < end {
        out.push((a, end));
    }
    out
}

/// Splits `text[from..]` into sentences of at most [`MAX_SENTENCE_BYTES`]. Spans are absolute
/// (relative to `text`).
pub fn sentences(text: &str, from: usize) -> Vec<Sentence> {
    iter(text, from).collect()
}

/// The sentences of `text[from..]`, as [`sentences`] gives them, one at a time: a document of any
/// length is split holding one sentence (and the pieces of an overlong one) at a time, never a
/// list of all of them.
pub fn iter(text: &str, from: usize) -> Sentences<'_> {
    Sentences {
        text,
        lines: text[from..].split_inclusive('\n'),
        pos: from,
        block: 0,
        list_intro: None,
        last_sentence: None,
        line: None,
    }
}

/// The iterator of [`iter`].
pub struct Sentences<'a> {
    text: &'a str,
    lines: std::str::SplitInclusive<'a, char>,
    /// Where the next line starts.
    pos: usize,
    /// The next block's index.
    block: usize,
    list_intro: Option<(usize, usize)>,
    last_sentence: Option<(usize, usize)>,
    /// The line being split.
    line: Option<Line<'a>>,
}

/// A line (a paragraph or a list item) being split: its sentences still to come, and the
/// pieces of the current one (more than one only when it is longer than [`MAX_SENTENCE_BYTES`]).
struct Line<'a> {
    split: Split<'a>,
    pieces: std::vec::IntoIter<(usize, usize)>,
    block: usize,
    list_item: bool,
    list_intro: Option<(usize, usize)>,
}

impl Iterator for Sentences<'_> {
    type Item = Sentence;

    fn next(&mut self) -> Option<Sentence> {
        let text = self.text;
        loop {
            if let Some(line) = &mut self.line {
                if let Some((s, e)) = line.pieces.next() {
                    self.last_sentence = Some((s, e));
                    return Some(Sentence {
                        start: s,
                        end: e,
                        block: line.block,
                        list_item: line.list_item,
                        list_intro: line.list_intro,
                    });
                }
                match line.split.next() {
                    Some((s, e)) => {
                        line.pieces = windows(text, s, e, MAX_SENTENCE_BYTES).into_iter();
                        continue;
                    }
                    None => self.line = None,
                }
            }
            let line = self.lines.next()?;
            let line_start = self.pos;
            self.pos += line.len();
            let trimmed = line.trim_end_matches(['\n', '\r']);
            let content_start = line_start + (trimmed.len() - trimmed.trim_start().len());
            let content = trimmed.trim();
            if content.is_empty() {
                self.list_intro = None;
                continue;
            }
            let (is_item, marker_len) = list_marker(content);
            let body_start = content_start + marker_len;
            let body_end = content_start + content.len();
            if !is_item {
                self.list_intro = None;
            }
            let intro = if is_item {
                if self.list_intro.is_none() {
                    self.list_intro = self
                        .last_sentence
                        .filter(|&(s, e)| text[s..e].trim_end().ends_with(':'));
                }
                self.list_intro
            } else {
                None
            };
            self.line = Some(Line {
                split: Split::new(text, body_start, body_end),
                pieces: Vec::new().into_iter(),
                block: self.block,
                list_item: is_item,
                list_intro: intro,
            });
            self.block += 1;
        }
    }
}

/// `sentences` in consecutive windows of about `max` bytes of text each, for analysis that must
/// not hold a whole document at once. A window closes at the end of the first paragraph (block)
/// that takes it to `max` bytes or more; a single paragraph that runs on to twice `max` is cut
/// between two of its sentences there. A text shorter than `max` is one window.
pub fn in_windows(
    sentences: impl Iterator<Item = Sentence>,
    max: usize,
) -> impl Iterator<Item = Vec<Sentence>> {
    let mut sentences = sentences.peekable();
    std::iter::from_fn(move || {
        let first = sentences.next()?;
        let mut window = vec![first];
        while let Some(next) = sentences.peek() {
            let (start, last) = (window[0].start, &window[window.len() - 1]);
            let size = last.end - start;
            if size >= max && (next.block != last.block || size >= 2 * max) {
                break;
            }
            window.extend(sentences.next());
        }
        Some(window)
    })
}

/// Recognises a list marker at the start of a line: its length including the following space.
fn list_marker(line: &str) -> (bool, usize) {
    for m in ["- ", "• ", "* ", "– ", "· ", "+ "] {
        if let Some(rest) = line.strip_prefix(m) {
            return (true, line.len() - rest.trim_start().len());
        }
    }
    // "1. ", "12) ", "a) "
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() && i < 3 && bytes[i].is_ascii_digit() {
        i += 1;
    }
    if i == 0 && !bytes.is_empty() && bytes[0].is_ascii_lowercase() && bytes.get(1) == Some(&b')') {
        i = 1;
    }
    if i > 0 && i + 1 < bytes.len() && matches!(bytes[i], b'.' | b')') && bytes[i + 1] == b' ' {
        let rest = &line[i + 2..];
        // "1. " followed by a capital or a letter: a numbered item (not "19. November").
        if rest.chars().next().is_some_and(|c| c.is_alphabetic())
            && !MONTHS.iter().any(|m| rest.starts_with(m))
        {
            return (true, i + 2 + (rest.len() - rest.trim_start().len()));
        }
    }
    (false, 0)
}

/// Sentence spans within `text[start..end]` (one line or list item), one at a time: the line is
/// read character by character where it stands, never copied (a 50 MB line is one line).
struct Split<'a> {
    /// The line.
    s: &'a str,
    /// Where the line starts in the document.
    base: usize,
    /// The next character to look at (offset in the line).
    at: usize,
    /// Where the current sentence starts (offset in the line).
    sent_start: usize,
    /// The rest of the line has been handed on as the last sentence.
    done: bool,
    /// Where the first ellipsis at or after `at` was last seen (`usize::MAX`: none is left):
    /// looked for again only once `at` has passed it.
    ellipsis: usize,
}

/// Where the first '…' at or after `from` in `line` is, `usize::MAX` if none.
fn next_ellipsis(line: &[u8], from: usize) -> usize {
    memchr::memmem::find(&line[from..], "…".as_bytes()).map_or(usize::MAX, |k| from + k)
}

/// Characters that may close a sentence after its final mark.
fn closing(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | '»')
}

/// Byte length of the longest prefix of `s` whose characters satisfy `f`.
fn run_len(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices()
        .find(|&(_, c)| !f(c))
        .map_or(s.len(), |(i, _)| i)
}

impl<'a> Split<'a> {
    fn new(text: &'a str, start: usize, end: usize) -> Self {
        Split {
            s: &text[start..end],
            base: start,
            at: 0,
            sent_start: 0,
            done: false,
            ellipsis: next_ellipsis(&text.as_bytes()[start..end], 0),
        }
    }

    /// The sentence that the mark `c` at `i` ends, if it ends one, as a span of the line still to
    /// be trimmed; moves the start of the next sentence past it.
    fn boundary(&mut self, i: usize, c: char) -> Option<(usize, usize)> {
        if !matches!(c, '.' | '!' | '?' | '…') {
            return None;
        }
        let s = self.s;
        // Only a boundary when followed by whitespace (or a closing quote then whitespace).
        let after = i + c.len_utf8();
        let j = after + run_len(&s[after..], closing);
        let at_j = s[j..].chars().next();
        if at_j.is_some() && c == '.' && j == after && glued_sentence(s, i) {
            let piece = (self.sent_start, j);
            self.sent_start = j;
            return Some(piece);
        }
        if !at_j.is_some_and(char::is_whitespace) {
            return None;
        }
        let n = j + run_len(&s[j..], char::is_whitespace);
        let next_char = s[n..].chars().next()?;
        if c == '.' {
            let before = &s[..i];
            let prev_word = &before[before.len() - run_len_back(before, char::is_alphanumeric)..];
            if ABBREVIATIONS.contains(&prev_word) && !legal_form_ends(prev_word, &s[n..]) {
                return None;
            }
            // An initial ("George W. Bush", "K. McAleean"): a single capital letter.
            if prev_word.chars().count() == 1 && prev_word.chars().all(char::is_uppercase) {
                return None;
            }
            // "U.S." / "D.C." style: letters separated by dots.
            if before.chars().rev().nth(1) == Some('.') {
                return None;
            }
            // "14. November", "am 3. Mai": an ordinal before a month.
            if !prev_word.is_empty() && prev_word.chars().all(|c| c.is_ascii_digit()) {
                let rest = &s[n..];
                let next_word = &rest[..run_len(rest, char::is_alphanumeric)];
                if MONTHS.contains(&next_word) {
                    return None;
                }
            }
        }
        // The next sentence must start like one: a capital, a digit or an opening quote/bracket.
        if !(next_char.is_uppercase()
            || next_char.is_ascii_digit()
            || matches!(next_char, '"' | '“' | '„' | '(' | '«' | '\''))
        {
            return None;
        }
        let piece = (self.sent_start, j);
        self.sent_start = n;
        Some(piece)
    }
}

impl Iterator for Split<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        // Only '.', '!', '?' and '…' can end a sentence (`boundary`): the search jumps from one
        // to the next (SIMD `memchr` for the three ASCII marks, a substring search for the
        // ellipsis, remembered until passed), not a character at a time.
        let bytes = self.s.as_bytes();
        loop {
            if self.ellipsis < self.at {
                self.ellipsis = next_ellipsis(bytes, self.at);
            }
            let mark = memchr::memchr3(b'.', b'!', b'?', &bytes[self.at..]).map(|k| self.at + k);
            let i = mark.unwrap_or(usize::MAX).min(self.ellipsis);
            if i == usize::MAX {
                break;
            }
            let c = self.s[i..].chars().next().expect("a character starts here");
            self.at = i + c.len_utf8();
            if let Some((a, b)) = self.boundary(i, c) {
                if let Some(t) = trimmed(self.s, self.base, a, b) {
                    return Some(t);
                }
            }
        }
        if self.done {
            return None;
        }
        self.done = true;
        trimmed(self.s, self.base, self.sent_start, self.s.len())
    }
}

/// Byte length of the longest suffix of `s` whose characters satisfy `f`.
fn run_len_back(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices()
        .rev()
        .find(|&(_, c)| !f(c))
        .map_or(s.len(), |(i, c)| s.len() - i - c.len_utf8())
}

/// "… wurde gestern unterzeichnet.Zudem plant …": a full stop glued to the next sentence, as
/// scraped pages often have it. A word of three or more letters, lower-case past its first, before the stop and a
/// capitalised word of lower-case letters after it: not a domain ("example.com"), an
/// abbreviation ("z.B.", "U.S.") or a decimal. `k` is the stop's offset in `s`.
fn glued_sentence(s: &str, k: usize) -> bool {
    let before: Vec<char> = s[..k]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let after: Vec<char> = s[k + 1..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    // `before` is reversed: its last letter is the word's first, which may be a capital.
    // "Kestrel.Bio", "Orvex.Ai": a capitalised word glued to a short capitalised one is a name.
    let name_like = before.last().is_some_and(|c| c.is_uppercase()) && after.len() <= 3;
    before.len() >= 3
        && before[..before.len() - 1].iter().all(|c| c.is_lowercase())
        && after.len() >= 3
        && !name_like
        && after[0].is_uppercase()
        && after[1..].iter().all(|c| c.is_lowercase())
}

/// `s[a..b]` trimmed, as a span of the document (`base` is where `s` starts), unless empty.
fn trimmed(s: &str, base: usize, a: usize, b: usize) -> Option<(usize, usize)> {
    let piece = &s[a..b];
    let lead = piece.len() - piece.trim_start().len();
    let t = piece.trim();
    (!t.is_empty()).then(|| (base + a + lead, base + a + lead + t.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_longer_than_the_limit_is_cut_in_windows_at_clause_marks_or_spaces() {
        let long = "Người mua ký hợp đồng, ".repeat(300);
        let t = long.trim_end();
        let s = sentences(t, 0);
        assert!(s.len() > 3);
        for x in &s {
            assert!(x.end - x.start <= MAX_SENTENCE_BYTES);
            assert!(t.is_char_boundary(x.start) && t.is_char_boundary(x.end));
        }
        assert_eq!(s[0].start, 0);
        assert_eq!(s.last().unwrap().end, t.len());
        assert!(t[s[0].start..s[0].end].ends_with(','));
        // No space and no comma: cut at a character boundary.
        let w = windows(&"ữ".repeat(1000), 0, 3000, 100);
        assert!(w.iter().all(|&(a, b)| b - a <= 100 && b > a));
        assert_eq!(w.last().unwrap().1, 3000);
    }

    fn texts(t: &str) -> Vec<&str> {
        sentences(t, 0).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn an_ellipsis_ends_a_sentence_among_the_other_marks() {
        assert_eq!(
            texts("Kestrel signed… Then Orvex bought. “Mid…word” stays! Did Norland sign? Yes…"),
            [
                "Kestrel signed…",
                "Then Orvex bought.",
                "“Mid…word” stays!",
                "Did Norland sign?",
                "Yes…"
            ]
        );
        assert_eq!(
            texts("Sao Mai ký hợp đồng… Trường Phát mua."),
            ["Sao Mai ký hợp đồng…", "Trường Phát mua."]
        );
    }

    #[test]
    fn splits_sentences_and_keeps_spans() {
        let t = "Ông A ký hợp đồng. Bà B trao giấy phép! Xong?";
        assert_eq!(
            texts(t),
            ["Ông A ký hợp đồng.", "Bà B trao giấy phép!", "Xong?"]
        );
    }

    #[test]
    fn abbreviations_initials_decimals_and_dates_do_not_split() {
        assert_eq!(texts("Tại TP. Hồ Chí Minh, giá 37.2 triệu. Hết.").len(), 2);
        assert_eq!(
            texts("Mr. Smith met the U.S. delegation in Washington D.C. today.").len(),
            1
        );
        assert_eq!(
            texts("Vom 12. bis 14. November fand die Runde statt.").len(),
            1
        );
        assert_eq!(texts("Kevin K. McAleean trao Ý định thư.").len(), 1);
        assert_eq!(
            texts("The navy signed a Rs. 1,188 crore contract with Kestrel Shipyard.").len(),
            1
        );
        assert_eq!(
            texts("Das gilt z. B. für Nr. 5 und die Mio. Euro.").len(),
            1
        );
    }

    #[test]
    fn a_legal_form_ends_a_sentence_before_a_word_that_opens_one() {
        assert_eq!(
            texts("Its largest holding is Orvex Inc. It also holds bonds."),
            ["Its largest holding is Orvex Inc.", "It also holds bonds."]
        );
        // Not before a name: "Kestrel Co. Ltd." and "Orvex Inc. Chairman …" stay one sentence.
        assert_eq!(
            texts("Kestrel Co. Ltd. signed with Orvex Inc. Chairman Lee.").len(),
            1
        );
    }

    #[test]
    fn a_full_stop_glued_to_the_next_sentence_splits_but_not_a_domain() {
        assert_eq!(
            texts("Der Vertrag wurde unterzeichnet.Zudem plant Kestrel mehr.Nordmar zahlt."),
            [
                "Der Vertrag wurde unterzeichnet.",
                "Zudem plant Kestrel mehr.",
                "Nordmar zahlt."
            ]
        );
        assert_eq!(texts("Read it on example.com today.").len(), 1);
        assert_eq!(texts("The U.S.Navy and ASP.NET stay.").len(), 1);
        // A name written with a dot ("Kestrel.Bio") is no sentence end.
        assert_eq!(
            texts("Die Firma Kestrel.Bio hat Geld eingesammelt.").len(),
            1
        );
    }

    #[test]
    fn list_items_are_blocks_with_their_intro() {
        let t = "Các văn bản được ký kết gồm:\n- Hợp đồng thứ nhất. Câu hai.\n- Hợp đồng B.\n\nĐoạn sau.";
        let s = sentences(t, 0);
        assert_eq!(s.len(), 5);
        assert!(!s[0].list_item);
        assert!(s[1].list_item && s[2].list_item && s[3].list_item);
        assert_eq!(s[1].block, s[2].block);
        assert_ne!(s[2].block, s[3].block);
        assert_eq!(&t[s[1].start..s[1].end], "Hợp đồng thứ nhất.");
        let intro = s[3].list_intro.unwrap();
        assert_eq!(&t[intro.0..intro.1], "Các văn bản được ký kết gồm:");
        assert!(!s[4].list_item && s[4].list_intro.is_none());
    }

    #[test]
    fn numbered_items_but_not_dates() {
        assert_eq!(list_marker("1. Vertrag mit Airbus"), (true, 3));
        assert_eq!(list_marker("19. November war es"), (false, 0));
        assert_eq!(list_marker("a) first"), (true, 3));
    }
}
