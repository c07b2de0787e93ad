//! Recognising amounts of money and counts of things in text, per language.
//!
//! `amounts(text, lang)` returns every monetary amount with its exact `Decimal` value in full
//! units, ISO currency, qualifier and byte span; `quantities(text, lang)` returns counts of things
//! ("50 máy bay"). Numbers that are not money (years, dates, percentages, model designations,
//! ordinals, phone numbers) are never amounts: money needs a currency next to its number.
//!
//! The text is read as a sequence of atoms: digit numbers (with glued units split off: "1.5bn")
//! and lexicon phrases (numerals, scale words, currencies, qualifiers, range words, count nouns).
//! One generic grammar assembles them: `[qualifier] [range-open] [currency] NUMBER [scales]
//! [range-join [currency] NUMBER [scales]] [currency] [subunits] [postfix qualifier]`.

pub mod digits;
pub mod lexicon;

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::entity::Entities;
use crate::lang::Lang;
use crate::lexicons::Lexicons;
use crate::model::{Amount, Qualifier, Quantity};
use crate::models::Models;
use crate::text::{Folded, RawMatch};

use lexicon::{AmountLexicon, Role, lexicon};

#[derive(Debug, Clone)]
enum Kind<'a> {
    /// Digits, and whether they were an integer without separators.
    Num(Decimal),
    /// A lexicon phrase.
    Words(&'a [Role]),
    /// A unit glued to digits ("bn" in "1.5bn").
    Glued(&'a [Role]),
    /// A German one-word numeral ("dreihundert").
    Compound(Decimal),
}

#[derive(Debug, Clone)]
struct Atom<'a> {
    start: usize,
    end: usize,
    kind: Kind<'a>,
}

impl Atom<'_> {
    fn roles(&self) -> &[Role] {
        match &self.kind {
            Kind::Words(r) | Kind::Glued(r) => r,
            _ => &[],
        }
    }
    fn has(&self, f: impl Fn(&Role) -> bool) -> bool {
        self.roles().iter().any(f)
    }
    /// The value of a fraction word before a scale ("half a" 0.5).
    fn fraction(&self) -> Option<Decimal> {
        self.roles().iter().find_map(|r| match r {
            Role::Fraction(f) => Some(*f),
            _ => None,
        })
    }
    fn scale(&self) -> Option<Decimal> {
        self.roles().iter().find_map(|r| match r {
            Role::Scale(m) => Some(*m),
            _ => None,
        })
    }
    fn prefix_currency(&self) -> Option<&str> {
        self.roles().iter().find_map(|r| match r {
            Role::CurrencyPrefix(c) => Some(c.as_str()),
            _ => None,
        })
    }
    fn suffix_currency(&self) -> Option<&str> {
        self.roles().iter().find_map(|r| match r {
            Role::CurrencySuffix(c) => Some(c.as_str()),
            _ => None,
        })
    }
    fn qualifier(&self) -> Option<Qualifier> {
        self.roles().iter().find_map(|r| match r {
            Role::Qualifier(q) => Some(*q),
            _ => None,
        })
    }
    fn postfix_qualifier(&self) -> Option<Qualifier> {
        self.roles().iter().find_map(|r| match r {
            Role::PostfixQualifier(q) => Some(*q),
            _ => None,
        })
    }
    fn is_numeral_word(&self) -> bool {
        matches!(self.kind, Kind::Compound(_))
            || self.has(|r| matches!(r, Role::Unit(_) | Role::Ten(_) | Role::Hundred))
    }
}

/// The digit numbers of `text` as byte spans, left to right: what the regex
/// `[0-9]+(?:[.,'][0-9]+)*` finds ("1.200", "3,5", "1'000'000"), read by hand. A separator counts
/// only with a digit after it, so the greedy reading never has to step back. Every sentence is
/// searched for numbers, and the regex searched each match forward and back again: 3-4 % of
/// the run (BENCHMARKS.md, 2026-12-01). A property test holds it equal to the regex.
fn digit_runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + b[at..].iter().position(u8::is_ascii_digit)?;
        let mut end = start;
        loop {
            end += b[end..].iter().take_while(|c| c.is_ascii_digit()).count();
            match (b.get(end), b.get(end + 1), b.get(end + 2)) {
                (Some(b'.' | b',' | b'\''), Some(d), _) if d.is_ascii_digit() => end += 1,
                // The raised decimal point of British print ("1·26bn", U+00B7).
                (Some(0xC2), Some(0xB7), Some(d)) if d.is_ascii_digit() => end += 2,
                _ => break,
            }
        }
        at = end;
        Some((start, end))
    })
}

fn word_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\p{L}+").unwrap())
}

/// Whether `c` is a letter (`\p{L}`, Unicode's general category), through a table for the
/// characters of Latin text and its punctuation, by [`word_regex`] for the rest.
fn is_letter(c: char) -> bool {
    static TABLE: OnceLock<crate::text::CharTable<bool>> = OnceLock::new();
    let by_regex = |c: char| word_regex().is_match(c.encode_utf8(&mut [0; 4]));
    let table = TABLE.get_or_init(|| {
        crate::text::CharTable::new(
            &[
                ('\0', '\u{24f}'),
                ('\u{1e00}', '\u{1eff}'),
                ('\u{2000}', '\u{20cf}'),
            ],
            by_regex,
        )
    });
    table.get(c).copied().unwrap_or_else(|| by_regex(c))
}

/// The runs of letters of `text` (what [`word_regex`] finds: `\p{L}+`), as byte ranges. German
/// numerals are looked for in every word of every sentence: a scan of characters through a
/// table, where the regex's search cost 4 % of a run.
fn letter_runs(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|&(_, c)| is_letter(c))?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_letter(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
}

/// Digit numbers with their glued units; designators (A321, 787-9 before a letter, S250-FIT),
/// dates (27/7/1947) and times (10:30) are left out.
fn number_atoms<'a>(text: &str, lang: Lang, lex: &'a AmountLexicon, out: &mut Vec<Atom<'a>>) {
    let bytes = text.as_bytes();
    let mut skip_until = 0usize;
    for (start, mut end) in digit_runs(text) {
        if start < skip_until {
            continue;
        }
        let prev = text[..start].chars().next_back();
        let prev2 = text[..start].chars().rev().nth(1);
        // A currency code glued before the digits: "USD1,23", "Rs20", "RM42", "US$5".
        let mut prefix_atom = None;
        if prev.is_some_and(|c| c.is_alphabetic() || c == '$') {
            let run_start = text[..start]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| c.is_alphabetic() || c == '$' || c == '.')
                .last()
                .map_or(start, |(i, _)| i);
            let run = text[run_start..start].to_lowercase();
            let before_run = text[..run_start].chars().next_back();
            let roles = lex
                .glued_prefix
                .get(&run)
                .or_else(|| lex.wire_symbols.get(&text[run_start..start]));
            if let Some(roles) = roles {
                if before_run.is_none_or(|c| !c.is_alphanumeric()) {
                    prefix_atom = Some((run_start, roles.as_slice()));
                }
            }
        }
        // A designator (A321, F-16, S250) or the tail of a date (19/2, 13.6.2024) or time.
        if prefix_atom.is_none() && prev.is_some_and(char::is_alphabetic)
            || (matches!(prev, Some('-' | '–')) && prev2.is_some_and(char::is_alphabetic))
            || (matches!(prev, Some('/' | '.' | ':')) && prev2.is_some_and(char::is_alphanumeric))
        {
            continue;
        }
        let next = text[end..].chars().next();
        let next2 = text[end..].chars().nth(1);
        // Dates and times: 19/2, 27/7/1947, 10:30.
        if matches!(next, Some('/' | ':')) && next2.is_some_and(|c| c.is_ascii_digit()) {
            skip_until = text[end..]
                .find(|c: char| !(c.is_ascii_digit() || c == '/' || c == ':' || c == '.'))
                .map_or(text.len(), |i| end + i);
            continue;
        }
        // A designator: 737-MAX, 5G-… (digits joined to letters by a hyphen).
        if next == Some('-') && next2.is_some_and(char::is_alphabetic) {
            let code: String = text[end + 1..]
                .chars()
                .take_while(|c| c.is_alphabetic() || *c == '$')
                .collect::<String>()
                .to_lowercase();
            let unit = lex.glued_prefix.contains_key(&code)
                || lex.glued.contains_key(&code)
                || lexicon_word_is_currency_or_scale(lex, &text[end + 1..]);
            if !unit {
                continue;
            }
        }
        // Thousands groups separated by spaces: "1 234 567", "12 500".
        let mut raw_end = end;
        loop {
            let rest = &text[raw_end..];
            let Some(sp) = rest
                .chars()
                .next()
                .filter(|c| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
            else {
                break;
            };
            let after = &rest[sp.len_utf8()..];
            // Plain spaces group thousands only where the language does ("12 500 Euro"); English
            // uses narrow or no-break spaces, if any ("20 787-10 Dreamliners" is two numbers).
            if sp == ' ' && !lang.amounts().spaces_group_thousands() {
                break;
            }
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let tail = &after[digits.min(after.len())..];
            let designator = tail.starts_with(char::is_alphabetic)
                || (tail.starts_with(['-', '/', '.'])
                    && tail[1..].starts_with(char::is_alphanumeric));
            if designator {
                break;
            }
            let first_group = text[start..raw_end]
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .map_or(0, str::len);
            if digits == 3
                && first_group <= 3
                && !text[start..raw_end].contains([',', '.'])
                && !after[3..].starts_with(|c: char| c.is_alphanumeric() && !c.is_alphabetic())
            {
                raw_end += sp.len_utf8() + 3;
            } else {
                break;
            }
        }
        if raw_end > end {
            skip_until = raw_end;
        }
        end = raw_end;
        // A unit glued to the digits: "1.5bn", "500k", "10tr", "500.000đ", "3Mrd".
        let letters_end = text[end..]
            .find(|c: char| !c.is_alphabetic())
            .map_or(text.len(), |i| end + i);
        let mut glued = None;
        let mut letters_end = letters_end;
        // "3.14US$", "10¢": a symbol that ends the glued unit (but "10K$" is a scale, then "$").
        let letters_known = lex
            .glued
            .contains_key(&text[end..letters_end].to_lowercase());
        if !letters_known
            && (text[letters_end..].starts_with('$')
                || (letters_end == end && text[end..].starts_with('¢')))
        {
            letters_end += text[letters_end..].chars().next().unwrap().len_utf8();
        }
        if letters_end > end {
            let mut suffix_end = letters_end;
            if bytes.get(letters_end) == Some(&b'.') {
                let with_dot = text[end..=letters_end].to_lowercase();
                if lex.glued.contains_key(&with_dot) {
                    suffix_end = letters_end + 1;
                }
            }
            let suffix = text[end..suffix_end].to_lowercase();
            match lex.glued.get(&suffix) {
                Some(roles) => glued = Some((end, suffix_end, roles.as_slice())),
                None => continue, // 5G, 4x, 737MAX: not a number
            }
        }
        let Some(value) = digits::parse(&text[start..end], lang) else {
            continue;
        };
        if let Some((s, roles)) = prefix_atom {
            out.push(Atom {
                start: s,
                end: start,
                kind: Kind::Glued(roles),
            });
        }
        out.push(Atom {
            start,
            end,
            kind: Kind::Num(value),
        });
        if let Some((s, e, roles)) = glued {
            out.push(Atom {
                start: s,
                end: e,
                kind: Kind::Glued(roles),
            });
            // "10k$": a currency symbol after the glued scale.
            if let Some(c) = text[e..]
                .chars()
                .next()
                .filter(|c| !c.is_alphanumeric() && !c.is_whitespace())
            {
                if let Some(roles) = lex.glued.get(&c.to_string()) {
                    out.push(Atom {
                        start: e,
                        end: e + c.len_utf8(),
                        kind: Kind::Glued(roles),
                    });
                }
            }
        }
    }
}

fn atoms<'a>(text: &str, lang: Lang, lex: &'a AmountLexicon) -> Vec<Atom<'a>> {
    atoms_of_words(text, lex.scan(text, &Folded::new(text)), lang, lex)
}

/// [`atoms`] of a text whose lexicon words are already found (the deal pipeline folds and scans
/// each sentence once for all its stages).
fn atoms_of_words<'a>(
    text: &str,
    words: Vec<lexicon::Hit<'a>>,
    lang: Lang,
    lex: &'a AmountLexicon,
) -> Vec<Atom<'a>> {
    let mut out: Vec<Atom> = Vec::new();
    number_atoms(text, lang, lex, &mut out);
    // Number atoms come in text order and never overlap, so their ends are sorted too: the one
    // that could overlap `s..e` is the first ending after `s` (a binary search, not a scan).
    let nums: Vec<(usize, usize)> = out.iter().map(|a| (a.start, a.end)).collect();
    let overlaps = |s: usize, e: usize| {
        let k = nums.partition_point(|&(_, b)| b <= s);
        nums.get(k).is_some_and(|&(a, _)| a < e)
    };
    for h in words {
        // A count noun ending a compound ("200 Radpanzer") counts from the compound's start.
        let start = if h.has(|r| *r == Role::CountNoun) {
            text[..h.start]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| c.is_alphabetic())
                .last()
                .map_or(h.start, |(i, _)| i)
        } else {
            h.start
        };
        if !overlaps(start, h.end) {
            out.push(Atom {
                start,
                end: h.end,
                kind: Kind::Words(h.roles),
            });
        }
    }
    let rules = lang.amounts();
    if rules.has_one_word_numerals() {
        // Words and atoms both come in text order: one sweep finds the words no atom covers.
        let mut covered: Vec<(usize, usize)> = out.iter().map(|a| (a.start, a.end)).collect();
        covered.sort_unstable();
        let mut k = 0;
        let mut reach = 0; // the furthest end among atoms starting before the current word
        for m in letter_runs(text) {
            while k < covered.len() && covered[k].0 < m.end {
                reach = reach.max(covered[k].1);
                k += 1;
            }
            if reach > m.start {
                continue;
            }
            let w = &text[m.clone()];
            if let Some(v) = rules.one_word_numeral(w) {
                out.push(Atom {
                    start: m.start,
                    end: m.end,
                    kind: Kind::Compound(v),
                });
            }
        }
    }
    out.sort_by_key(|a| (a.start, a.end));
    out
}

/// Whether a hyphenated word after a number is a currency or scale ("5-million", "700-Euro").
fn lexicon_word_is_currency_or_scale(lex: &AmountLexicon, rest: &str) -> bool {
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    let f = Folded::new(&word);
    lex.scan(&word, &f).iter().any(|h| {
        h.start == 0
            && h.end == word.len()
            && h.has(|r| matches!(r, Role::Scale(_) | Role::CurrencySuffix(_)))
    })
}

/// The largest value read as an amount: 10^21, a thousand times world GDP in Vietnamese đồng.
pub fn max_amount() -> Decimal {
    Decimal::from(10u128.pow(21))
}

/// Whether atom `b` follows atom `a` with only white space (or nothing) between.
fn adjacent(text: &str, a: &Atom, b: &Atom) -> bool {
    b.start >= a.end && text[a.end..b.start].chars().all(char::is_whitespace)
}

struct Reader<'t, 'a> {
    text: &'t str,
    atoms: &'t [Atom<'a>],
    lex: &'a AmountLexicon,
    /// The entity lexicon whose manufacturers start a model designation.
    makers: &'t Entities,
    /// The model designations ("A321neo", "F-35") that count like a noun: "38 A320neos".
    models: Option<&'t Models>,
}

/// A number read from the atoms: its value, the next atom, and what gave it.
#[derive(Debug, Clone, Copy)]
struct Num {
    value: Decimal,
    next: usize,
    /// The largest scale word applied ("tỷ", "billion"), if any.
    scale: Option<Decimal>,
    /// Digits, a scale word, or more than one numeral word: unmistakably a number.
    strong: bool,
}

impl Reader<'_, '_> {
    /// "six-car", "vier-achsige": atom `i` is joined by a hyphen to a word right after it.
    fn hyphened_to_a_word(&self, i: usize) -> bool {
        self.atoms.get(i).is_some_and(|a| {
            self.text[a.end..]
                .strip_prefix('-')
                .is_some_and(|r| r.starts_with(char::is_alphabetic))
        })
    }

    /// "a US dollar amount", "a euro bond": the word right after the currency that ends atom
    /// `k - 1` is one of the language's `currency_modifies`, so the currency names a kind of
    /// money, not one unit of it.
    fn currency_modifies_a_noun(&self, k: usize) -> bool {
        let Some(last) = k.checked_sub(1).and_then(|i| self.atoms.get(i)) else {
            return false;
        };
        let next = self.text[last.end..]
            .trim_start()
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .next()
            .unwrap_or("")
            .to_lowercase();
        !next.is_empty() && self.lex.currency_modifies.contains(&next)
    }

    /// "2 billion pounds of aluminium", "5 million pounds of frozen beef": the currency name
    /// ending at `k - 1` is one of the language's `weight_names`, followed by "of" and, within
    /// three words, one of its `weighed_goods`: it weighs goods, it counts no money ("5 million
    /// pounds of new investment" does).
    fn weighs_goods(&self, k: usize) -> bool {
        let Some(last) = k.checked_sub(1).and_then(|i| self.atoms.get(i)) else {
            return false;
        };
        let name = self.text[last.start..last.end].to_lowercase();
        if !self.lex.weight_names.contains(&name) {
            return false;
        }
        let rest = self.text[last.end..].trim_start();
        let Some(rest) = rest.strip_prefix("of ") else {
            return false;
        };
        rest.split_whitespace()
            .take(3)
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .any(|w| self.lex.weighed_goods.contains(&w))
    }

    fn at(&self, k: usize) -> Option<&Atom<'_>> {
        self.atoms.get(k)
    }
    fn adj(&self, k: usize) -> Option<&Atom<'_>> {
        let (a, b) = (self.atoms.get(k.checked_sub(1)?)?, self.atoms.get(k)?);
        adjacent(self.text, a, b).then_some(b)
    }
    /// Adjacent, or joined by a hyphen ("forty-two").
    fn adj_hyphen(&self, k: usize) -> Option<&Atom<'_>> {
        let (a, b) = (self.atoms.get(k.checked_sub(1)?)?, self.atoms.get(k)?);
        (b.start >= a.end && matches!(self.text[a.end..b.start].trim(), "" | "-")).then_some(b)
    }
    /// "ten B 777 freighters": a one-letter scale word set apart from the number before it and
    /// followed by a number is the letter of a model ("B 777"), no scale.
    fn model_letter(&self, k: usize) -> bool {
        let (Some(prev), Some(s)) = (
            k.checked_sub(1).and_then(|p| self.atoms.get(p)),
            self.atoms.get(k),
        ) else {
            return false;
        };
        let num = |n: &Atom| matches!(n.kind, Kind::Num(_));
        // "20 K-8s": a letter, a hyphen glued to it and digits glued to that name a model.
        let hyphened = || {
            let rest = &self.text[s.end..];
            rest.strip_prefix(['-', '‑'])
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        };
        s.end - s.start == 1
            && s.start > prev.end
            && (self.adj(k + 1).is_some_and(num) || hyphened())
    }
    /// The atom index of a unit after a number, stepping over a hyphen atom ("700-Euro").
    fn unit_index(&self, k: usize) -> usize {
        match (self.adj(k), self.atoms.get(k + 1)) {
            (Some(h), Some(n))
                if matches!(&self.text[h.start..h.end], "-" | "–") && n.start == h.end =>
            {
                k + 1
            }
            _ => k,
        }
    }

    /// "several hundred million dollars", "mehreren hundert Millionen Euro", "vài trăm triệu
    /// USD": a word of the language's `indefinite` list right before the bare hundred word at
    /// atom `k` leaves the count of hundreds unsaid, so the words tell no figure.
    fn unsaid_count_before(&self, k: usize) -> bool {
        let before = self.text[..self.atoms[k].start].trim_end();
        let word = before
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .to_lowercase();
        !word.is_empty() && self.lex.indefinite.contains(&word)
    }

    /// Numeral words: "ba mươi bảy", "two hundred and five", "hai trăm linh năm". Not after a
    /// word of the language's `indefinite` list: "mehrere zehntausend Geschosse", "several
    /// thousand workers" leave the count unsaid and tell no figure.
    fn words(&self, k: usize) -> Option<(Decimal, usize, bool, Option<Decimal>)> {
        if self.unsaid_count_before(k)
            || self
                .at(k)
                .is_some_and(|a| a.has(|r| *r == Role::OnlyAfterNumeral))
        {
            return None;
        }
        let mut current = Decimal::ZERO;
        let mut last_unit = Decimal::ZERO;
        let mut last_mult: Option<Decimal> = None;
        let mut explicit_zero = false;
        let mut n = 0usize;
        let mut only_ambiguous = true;
        let mut j = k;
        while let Some(a) = if j == k {
            self.at(j)
        } else {
            self.adj_hyphen(j)
        } {
            let roles = a.roles();
            let mut used = false;
            if let Kind::Compound(v) = a.kind {
                current = current.checked_add(v)?;
                used = true;
                only_ambiguous = false;
            }
            for r in roles {
                match r {
                    // "eight six-car trains": a unit right after a unit starts another number.
                    Role::Unit(_) if n > 0 && !last_unit.is_zero() => break,
                    Role::Unit(v) => {
                        explicit_zero |= *v == 0;
                        current = current.checked_add(Decimal::from(*v))?;
                        last_unit = Decimal::from(*v);
                        used = true;
                    }
                    Role::Ten(v) => {
                        current = current.checked_add(Decimal::from(*v))?;
                        last_unit = Decimal::ZERO;
                        used = true;
                    }
                    Role::TenMultiplier if n > 0 && !last_unit.is_zero() => {
                        current = current.checked_add(last_unit * Decimal::from(9))?;
                        last_unit = Decimal::ZERO;
                        used = true;
                    }
                    Role::Hundred => {
                        // "trăm" alone is a hundred; "không trăm" is zero hundreds.
                        if current.is_zero() && !explicit_zero {
                            if n == 0 && self.unsaid_count_before(k) {
                                return None;
                            }
                            current = Decimal::ONE;
                        }
                        current = current.checked_mul(Decimal::from(100))?;
                        last_mult = Some(Decimal::from(100));
                        last_unit = Decimal::ZERO;
                        used = true;
                    }
                    Role::ZeroFiller | Role::And if n > 0 => {
                        // Only inside a numeral: "trăm linh năm", "hundred and five".
                        let follows = self.adj(j + 1).is_some_and(|b| b.is_numeral_word());
                        if !follows {
                            break;
                        }
                        used = true;
                    }
                    _ => {}
                }
                if used {
                    break;
                }
            }
            if !used {
                break;
            }
            if !a.has(|r| *r == Role::Ambiguous) {
                only_ambiguous = false;
            }
            n += 1;
            j += 1;
            // "forty-two": skip the hyphen between two numeral words.
            if let (Some(h), Some(nx)) = (self.adj_hyphen(j), self.atoms.get(j + 1)) {
                if matches!(&self.text[h.start..h.end], "-" | "–")
                    && nx.start == h.end
                    && nx.is_numeral_word()
                {
                    j += 1;
                }
            }
        }
        if n == 0 {
            return None;
        }
        // A trailing "and"/"linh" is not part of the numeral.
        while j > k
            && self.atoms[j - 1].has(|r| matches!(r, Role::And | Role::ZeroFiller))
            && !self.atoms[j - 1].is_numeral_word()
        {
            j -= 1;
        }
        Some((current, j, n > 1 || !only_ambiguous, last_mult))
    }

    /// A number at atom `k`: digits or numeral words, a decimal word, scale words, "rưỡi".
    fn number(&self, k: usize) -> Option<Num> {
        let a = self.at(k)?;
        let (mut value, mut next, mut strong, mut last_mult) = match a.kind {
            Kind::Num(v) => (v, k + 1, true, None),
            // "nửa tỷ", "half a billion", "eine halbe Milliarde", "a quarter-billion"
            _ if let Some((f, next)) = self.fraction_of_scale(k) => (f, next, true, None),
            _ if a.is_numeral_word() && !self.letter_of_a_model(k) => self.words(k)?,
            _ => return None,
        };
        // "2 chấm 23", "hai phẩy 5", "one point five"
        if let (Some(d), Some(f)) = (self.adj(next), self.adj(next + 1)) {
            if d.has(|r| *r == Role::DecimalWord) {
                let frac = match f.kind {
                    Kind::Num(v) => Some((v, self.text[f.start..f.end].len() as u32, next + 2)),
                    _ if f.is_numeral_word() => self
                        .words(next + 1)
                        .map(|(v, j, _, _)| (v, v.to_string().len() as u32, j)),
                    _ => None,
                };
                if let Some((v, digits, j)) = frac {
                    value = value.checked_add(v / Decimal::from(10u64.pow(digits.min(18))))?;
                    next = j;
                    strong = true;
                }
            }
        }
        // "one and a half billion"
        if let Some(h) = self.adj(next) {
            if h.has(|r| *r == Role::HalfBefore)
                && self.adj(next + 1).is_some_and(|s| s.scale().is_some())
            {
                value = value.checked_add(Decimal::new(5, 1))?;
                next += 1;
            }
        }
        // "$14-million advance", "4.8-billion-euro deal": a hyphen atom glued on both sides
        // between the number and its scale word joins them.
        if self.hyphen_before_scale(next) {
            next += 1;
        }
        let mut scale: Option<Decimal> = None;
        while let Some(s) = self.adj_hyphen(next) {
            if self.model_letter(next) {
                break;
            }
            // A currency code carrying a scale ("MUSD") is read as the currency.
            if let Some(m) = s.scale().filter(|_| s.suffix_currency().is_none()) {
                if scale.is_some_and(|prev| m <= prev) {
                    break;
                }
                value = value.checked_mul(m)?;
                scale = Some(m);
                last_mult = Some(m);
                next += 1;
                strong = true;
            } else if let Some(m) = last_mult.filter(|_| s.has(|r| *r == Role::HalfAfter)) {
                // "1 tỷ rưỡi" = 1.5 tỷ; "một trăm rưỡi" = 150
                value = value.checked_add(m / Decimal::from(2))?;
                next += 1;
                break;
            } else {
                break;
            }
        }
        // "3 tỷ 500 triệu", "hai nghìn ba trăm": a smaller number follows a scale word.
        if let Some(m) = scale.filter(|m| *m >= Decimal::from(1000)) {
            if self.adj(next).is_some() {
                if let Some(rest) = self.number(next) {
                    // Digits need their own scale ("3 tỷ 500 triệu"); words need none in a
                    // numeral written in words throughout ("hai mươi mốt nghìn không trăm mười
                    // một", "two thousand five hundred"), if they are more than one word: a lone
                    // word after a scale starts the next phrase ("$1.17 billion a year earlier",
                    // "two billion five years ago").
                    let one_word_ends_amount = self
                        .adj(rest.next)
                        .is_some_and(|c| c.suffix_currency().is_some())
                        || matches!(self.atoms[next].kind, Kind::Compound(_));
                    let words = !matches!(self.atoms[next].kind, Kind::Num(_))
                        && !matches!(a.kind, Kind::Num(_))
                        && (rest.next > next + 1 || one_word_ends_amount);
                    if rest.value < m
                        && (rest.scale.is_some_and(|s| s < m) || words)
                        && !self.starts_compound(rest.next)
                    {
                        value = value.checked_add(rest.value)?;
                        next = rest.next;
                    }
                }
            }
        }
        Some(Num {
            value,
            next,
            scale,
            strong,
        })
    }

    /// "45 737 MAX 8s", "five 787s", "20 A350s": where the language writes plural models, a number
    /// followed by up to three names or models ending in a plural model is a count of them.
    fn model_plural(
        &self,
        i: usize,
        value: u64,
        from: usize,
        lang: Lang,
    ) -> Option<(Quantity, usize)> {
        if !lexicon(lang).model_plurals {
            return None;
        }
        // "20 of the US company's 787s": past a partitive and its owner.
        let rest = strip_partitive(&self.text[from..], &lexicon(lang).partitives).trim_start();
        let mut end = self.text.len() - rest.len();
        for w in rest.split_inclusive(char::is_whitespace).take(3) {
            let word = w.trim_end();
            let core = word.trim_end_matches([',', '.', ';', ':']);
            let plural_model = core.len() >= 2
                && core.ends_with('s')
                && core[..core.len() - 1].ends_with(|c: char| c.is_ascii_digit());
            let named = core
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            if plural_model {
                let start = self.atoms[i].start;
                let noun_end = end + (w.len() - w.trim_start().len()) + core.len();
                let noun_start = noun_end - core.len();
                let k_end = self.atoms[i..]
                    .iter()
                    .position(|a| a.start >= noun_end)
                    .map_or(self.atoms.len(), |p| i + p);
                return Some((
                    Quantity {
                        value,
                        unit: self.text[noun_start..noun_end].to_string(),
                        start,
                        end: noun_end,
                        text: self.text[start..noun_end].to_string(),
                        discrete: true,
                    },
                    k_end,
                ));
            }
            if !named || core.len() != word.len() {
                return None;
            }
            end += w.len();
        }
        None
    }

    /// "an order for 40 Airbus A321neo during a trip to Toulouse", "40 Boeing 737 MAX 8 for …": a
    /// number, a maker's name (one word the entity lexicon knows as a manufacturer) and a model
    /// designation holding a digit, where
    /// the phrase then ends (punctuation, a lower-case word or the end), is a count of that
    /// model. So is a number right before a designation the model table knows, with no maker
    /// ("a memorandum for 38 A320neos", "bestellte 18 A321neo."). A year ("in 2019 Airbus A320
    /// …") is never such a count.
    fn maker_model(&self, i: usize, value: u64, from: usize) -> Option<(Quantity, usize)> {
        if (1900..=2100).contains(&value) || value > 5000 {
            return None;
        }
        let rest = self.text[from..].trim_start();
        let mut pos = self.text.len() - rest.len();
        let mut words = rest.split_inclusive(char::is_whitespace).peekable();
        // The maker's name, or the designation itself where no maker is written.
        let first = *words.peek()?;
        let first_core = first.trim_end();
        // A maker the entity lexicon knows: "737 MAX 10" is a model, not 737 of "MAX 10".
        let is_maker = self
            .makers
            .lookup(first_core)
            .is_some_and(|e| e.kind == crate::entity::Kind::Manufacturer);
        if is_maker {
            words.next();
            pos += first.len();
        } else if !self
            .models
            .is_some_and(|m| m.opens_word(first_core.trim_end_matches([',', '.', ';', ':', ')'])))
        {
            return None;
        }
        let mut noun_end = None;
        for (n, w) in words.take(4).enumerate() {
            let word = w.trim_end();
            let core = word.trim_end_matches([',', '.', ';', ':', ')']);
            let model = core.chars().any(|c| c.is_ascii_digit())
                && core.chars().all(|c| c.is_alphanumeric() || c == '-');
            // "MAX", "neo", "8" after the first designation belong to it.
            let suffix = n > 0
                && core.len() <= 4
                && (core.chars().all(|c| c.is_ascii_digit()) || core == core.to_uppercase());
            let starts_upper = core.chars().next().is_some_and(char::is_uppercase);
            if (n == 0 && model) || (n > 0 && noun_end.is_some() && (model || suffix)) {
                noun_end = Some(pos + core.len());
                if core.len() != word.len() {
                    break;
                }
            } else if noun_end.is_some() && !starts_upper && !core.is_empty() {
                break;
            } else {
                return None;
            }
            pos += w.len();
        }
        let noun_end = noun_end?;
        let start = self.atoms[i].start;
        let noun_start = self.text.len() - rest.len();
        let k_end = self.atoms[i..]
            .iter()
            .position(|a| a.start >= noun_end)
            .map_or(self.atoms.len(), |p| i + p);
        Some((
            Quantity {
                value,
                unit: self.text[noun_start..noun_end].to_string(),
                start,
                end: noun_end,
                text: self.text[start..noun_end].to_string(),
                discrete: true,
            },
            k_end,
        ))
    }

    /// Whether atom `k` is a hyphen glued to the atom before it and to a scale word after it.
    /// "21 A-350 jets", "the A 380": a capital "A" right before a hyphen or a space and digits is
    /// the letter of a model, not the numeral "a".
    fn letter_of_a_model(&self, k: usize) -> bool {
        let Some(a) = self.atoms.get(k) else {
            return false;
        };
        let t = &self.text[a.start..a.end];
        t.len() == 1
            && t.as_bytes()[0].is_ascii_uppercase()
            && self.text[a.end..]
                .strip_prefix(['-', ' ', '‑'])
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    }

    /// "a $2 billion-plus order": a postfix qualifier glued by a hyphen (atom `k`) to the end of
    /// the amount before it.
    fn hyphened_postfix(&self, k: usize) -> Option<Qualifier> {
        let (prev, h, q) = (self.at(k.checked_sub(1)?)?, self.at(k)?, self.at(k + 1)?);
        (matches!(&self.text[h.start..h.end], "-" | "‑") && h.start == prev.end && q.start == h.end)
            .then(|| q.postfix_qualifier())
            .flatten()
    }

    /// "a quarter of a billion", "a quarter-billion", "nửa tỷ": a fraction word at atom `k` with
    /// a scale word after it, and the atom of that scale word.
    fn fraction_of_scale(&self, k: usize) -> Option<(Decimal, usize)> {
        let f = self.at(k)?.fraction()?;
        let next = k + 1 + usize::from(self.hyphen_before_scale(k + 1));
        self.adj_hyphen(next)?.scale()?;
        Some((f, next))
    }

    fn hyphen_before_scale(&self, k: usize) -> bool {
        let (Some(prev), Some(h), Some(n)) = (
            k.checked_sub(1).and_then(|p| self.atoms.get(p)),
            self.atoms.get(k),
            self.atoms.get(k + 1),
        ) else {
            return false;
        };
        matches!(&self.text[h.start..h.end], "-" | "‑" | "–")
            && h.start == prev.end
            && n.start == h.end
            && n.scale().is_some()
    }

    /// "A$40 million three-year tranche": the number that ended before atom `next` is glued by a
    /// hyphen to a word that is no numeral, so it starts a compound ("two-year", "three-month")
    /// and cannot continue the amount before it.
    fn starts_compound(&self, next: usize) -> bool {
        let Some(last) = next.checked_sub(1).and_then(|k| self.atoms.get(k)) else {
            return false;
        };
        let rest = &self.text[last.end..];
        let mut chars = rest.chars();
        matches!(chars.next(), Some('-' | '‑' | '–'))
            && chars.next().is_some_and(char::is_alphabetic)
    }

    /// A monetary amount starting at atom `i`.
    /// "a billion-dollar deal", "einer Milliarden-Übernahme", "một thương vụ tỷ-đô": an article
    /// (a lone "a", "ein", "một") before a scale word glued by a hyphen to the next word makes an
    /// adjective of size, not a figure ("a 2-billion-dollar deal" states one).
    fn size_adjective(&self, k: usize, n: &Num) -> bool {
        let first = &self.atoms[k];
        let article =
            n.next == k + 2 && first.is_numeral_word() && n.scale.is_some_and(|s| s == n.value);
        let scale = &self.atoms[n.next - 1];
        article
            && self.text[scale.end..]
                .strip_prefix('-')
                .is_some_and(|r| r.starts_with(char::is_alphabetic))
    }

    /// A qualifier word adjacent at atom `k` that is no number ("rund", "about"): inside a range
    /// it hedges one end, and the figures still make the range.
    fn hedge_at(&self, k: usize) -> bool {
        self.adj(k)
            .is_some_and(|a| a.qualifier().is_some() && !a.is_numeral_word())
    }

    fn money(&self, i: usize) -> Option<(Amount, usize)> {
        let mut k = i;
        let mut qualifier = None;
        let mut range_open = false;
        let mut cur_pre: Option<String> = None;
        let first = self.at(i)?;
        let after_noun = first.has(|r| *r == Role::NotAfterNoun) && {
            let before = self.text[..first.start].trim_end();
            let prev_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
            let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', ':']);
            !sentence_start && prev_word.chars().next().is_some_and(char::is_uppercase)
        };
        if let Some(q) = first.qualifier().filter(|_| !after_noun) {
            if !first.is_numeral_word() && first.prefix_currency().is_none() {
                qualifier = Some(q);
                k += 1;
                // "khoảng chừng từ": a second opener
                if let Some(a) = self.adj(k) {
                    if let Some(q2) = a.qualifier().filter(|_| !a.is_numeral_word()) {
                        qualifier = Some(q2);
                        k += 1;
                    }
                }
            }
        }
        let mut opener: Option<usize> = None;
        if let Some(a) = if k == i { self.at(k) } else { self.adj(k) } {
            if a.has(|r| *r == Role::RangeOpen) && !a.is_numeral_word() {
                range_open = true;
                opener = Some(k);
                k += 1;
                // "zwischen rund 2,3 und 2,6 Milliarden": a hedge inside a range leaves a range;
                // with no range after all ("im Wert von gut 12 Milliarden") it qualifies the figure.
                if self.hedge_at(k) {
                    qualifier = qualifier.or(self.atoms[k].qualifier());
                    k += 1;
                }
            }
        }
        let mut currency_scale: Option<Decimal> = None;
        if let Some(a) = if k == i { self.at(k) } else { self.adj(k) } {
            if let Some(c) = a.prefix_currency() {
                cur_pre = Some(c.to_string());
                currency_scale = a.scale();
                k += 1;
            }
        }
        if k > i {
            // Glued or spaced: "$10", "US$ 1.5 billion", "hơn 2 tỷ".
            let prev = &self.atoms[k - 1];
            let cur = self.at(k)?;
            if cur.start < prev.end || !adjacent(self.text, prev, cur) {
                return None;
            }
        }
        let n1 = self.number(k)?;
        if self.size_adjective(k, &n1) {
            return None;
        }
        let wire = k > i && self.atoms[k - 1].has(|r| *r == Role::WireSymbol);
        if wire && n1.scale.is_none_or(|m| m < Decimal::from(1_000_000)) {
            return None;
        }
        k = n1.next;
        let mut value = n1.value;
        let mut value_max = None;
        let mut cur_mid: Option<String> = None;
        // A currency between the numbers of a range: "10 dollars to 20 dollars".
        if let Some(c) = self
            .adj(k)
            .and_then(|a| a.suffix_currency())
            .map(String::from)
        {
            let join_follows = self
                .adj(k + 1)
                .is_some_and(|j| j.has(|r| *r == Role::RangeJoin));
            if join_follows {
                cur_mid = Some(c);
                k += 1;
            }
        }
        if let Some(j) = self.adj(k) {
            let conj_needs_open = j.has(|r| *r == Role::RangeJoinAfterOpen);
            if j.has(|r| *r == Role::RangeJoin) && (!conj_needs_open || range_open) {
                let mut k2 = k + 1;
                // "zwischen 2,3 und rund 2,6 Milliarden".
                if range_open && self.hedge_at(k2) {
                    k2 += 1;
                }
                // The second number's currency counts only if a range follows: "2-tỷ-USD" is
                // no range, and its "USD" is read as the suffix below.
                let second_currency = self.adj(k2).and_then(|a| a.prefix_currency());
                if second_currency.is_some() {
                    k2 += 1;
                }
                if self.adj(k2).is_some() {
                    if let Some(n2) = self.number(k2) {
                        let mut lo = n1.value;
                        if n1.scale.is_none() {
                            if let Some(s) = n2.scale {
                                lo = lo.checked_mul(s)?;
                            }
                        }
                        if n2.value > lo {
                            value = lo;
                            value_max = Some(n2.value);
                            k = n2.next;
                            if let Some(c) = second_currency {
                                cur_pre.get_or_insert_with(|| c.to_string());
                            }
                        }
                    }
                }
            }
        }
        // A prefix currency takes no suffix ("rmb 10 usd 20" is two amounts).
        let mut cur_suf: Option<String> = None;
        if cur_pre.is_none() {
            let u = self.unit_index(k);
            if let Some(a) = self.adj_hyphen(u).filter(|a| a.suffix_currency().is_some()) {
                k = u;
                if let Some(c) = a.suffix_currency() {
                    cur_suf = Some(c.to_string());
                    currency_scale = a.scale();
                    k += 1;
                    // "75 USD million": a scale after the currency.
                    if n1.scale.is_none() && value_max.is_none() {
                        if let Some(m) = self.adj(k).and_then(|a| a.scale()) {
                            value = value.checked_mul(m)?;
                            k += 1;
                        }
                    }
                }
            }
        }
        if value_max.is_none() && cur_mid.is_some() {
            // A currency was read as mid-range but no range followed: it is the suffix.
            cur_suf = cur_mid.take();
            k = n1.next + 1;
        }
        // A lone "a"/"one"/"ein"/"năm" counts only before a currency name: "a dollar", not "a $".
        if !n1.strong && value_max.is_none() {
            let last = &self.atoms[k - 1];
            let written = &self.text[last.start..last.end];
            let subunit_next = cur_suf.is_none()
                && self
                    .adj(k)
                    .is_some_and(|a| a.has(|r| matches!(r, Role::Subunit(_))));
            let name = subunit_next
                || cur_suf.is_some()
                    && written.chars().any(char::is_lowercase)
                    && written
                        .chars()
                        .all(|c| c.is_alphabetic() || c == ' ' || c == '-');
            if !name || self.currency_modifies_a_noun(k) {
                return None;
            }
        }
        // "drei Euro-Tranchen", "two dollar-denominated bonds": a currency name joined by a
        // hyphen to the noun after it, with no scale word, tells a kind of money, no sum.
        if n1.scale.is_none()
            && value_max.is_none()
            && cur_suf.is_some()
            && self.hyphened_to_a_word(k - 1)
        {
            return None;
        }
        // Hundredths: "20 dollars 43 cents", "2 đô la và 23 xen", "$20 and 43c", "20 ringgit and 43".
        if value_max.is_none()
            && value.fract().is_zero()
            && (cur_pre.is_some() || cur_suf.is_some())
        {
            let mut j = k;
            if self
                .adj(j)
                .is_some_and(|a| a.has(|r| *r == Role::And || *r == Role::RangeJoin))
            {
                j += 1;
            }
            if self.adj(j).is_some() {
                if let Some(c) = self.number(j) {
                    let small = c.value < Decimal::from(100)
                        && c.scale.is_none()
                        && c.value.fract().is_zero();
                    let sub = self
                        .adj(c.next)
                        .is_some_and(|a| a.has(|r| matches!(r, Role::Subunit(_))));
                    let at_end = self.text[self.atoms[c.next - 1].end..]
                        .trim_matches(|ch: char| ch.is_whitespace() || ".,;!?".contains(ch))
                        .is_empty();
                    if small && (sub || (at_end && c.strong)) {
                        value = value.checked_add(c.value / Decimal::from(100))?;
                        k = if sub { c.next + 1 } else { c.next };
                    }
                }
            }
        }
        // Hundredths alone: "50 cents", "470 pence", "mười xu".
        let mut sub_only = None;
        if cur_pre.is_none() && cur_suf.is_none() && cur_mid.is_none() {
            if let Some(a) = self.adj(k) {
                sub_only = a.roles().iter().find_map(|r| match r {
                    Role::Subunit(c) => Some(c.clone()),
                    _ => None,
                });
                if sub_only.is_some() {
                    k += 1;
                    value /= Decimal::from(100);
                    if let Some(v) = value_max.as_mut() {
                        *v /= Decimal::from(100);
                    }
                }
            }
        }
        let (currency, currency_inferred) =
            match cur_pre.or(cur_suf.clone()).or(cur_mid).or(sub_only) {
                Some(c) => (c, false),
                None if n1.scale.is_some() && self.bare_money(i, k) => (String::new(), true),
                None => return None,
            };
        if cur_suf.is_some() && self.weighs_goods(k) {
            return None;
        }
        // "30 MUSD", "MEUR 120": a currency code carrying "million".
        if let Some(m) = currency_scale {
            value = value.checked_mul(m)?;
            value_max = match value_max {
                Some(v) => Some(v.checked_mul(m)?),
                None => None,
            };
        }
        // Beyond any real figure (10^21 in any currency): digits run together, not money. The bound
        // also keeps sums of many amounts far inside Decimal's range.
        if value > max_amount() || value_max.is_some_and(|v| v > max_amount()) {
            return None;
        }
        if self.adj(k).is_some_and(|a| a.has(|r| *r == Role::Percent)) {
            return None;
        }
        if !n1.strong
            && value_max.is_none()
            && self
                .at(n1.next - 1)
                .is_some_and(|a| a.has(|r| *r == Role::Ambiguous))
            && n1.scale.is_none()
        {
            // "a dollar", "ein Euro", "năm đồng": a lone ambiguous numeral with a currency is fine
            // only when it is the whole number.
        }
        // "auf 1 bis 2 Milliarden Euro geschätzt": a range states its own uncertainty; a word
        // that makes a figure an estimate is none of a range's span.
        let postfix = self
            .adj(k)
            .and_then(|a| a.postfix_qualifier())
            .filter(|q| !(value_max.is_some() && *q == Qualifier::Approx));
        if let Some(q) = postfix {
            qualifier = Some(q);
            k += 1;
        } else if let Some(q) = self.hyphened_postfix(k) {
            qualifier = Some(q);
            k += 2;
        }
        let qualifier = if value_max.is_some() {
            Qualifier::Range
        } else {
            qualifier.unwrap_or(Qualifier::Exact)
        };
        // "von 3,2 Milliarden Euro" with no "bis": the opener is not part of the amount.
        let first_atom = match opener {
            Some(o) if value_max.is_none() && o == i => o + 1,
            _ => i,
        };
        let (start, end) = (self.atoms[first_atom].start, self.atoms[k - 1].end);
        Some((
            Amount {
                value: value.normalize(),
                value_max: value_max.map(|v| v.normalize()),
                currency,
                qualifier,
                start,
                end,
                text: self.text[start..end].to_string(),
                currency_inferred,
            },
            k,
        ))
    }

    /// A scaled number with no currency that is still money, in the article's currency (settled
    /// by `settle_currencies`): after a word that asks for a sum and ending its phrase ("the credit
    /// comes to 250 million.", "topped up with 12.5 million from", "sowie zehn Milliarden in
    /// die Entwicklung"), before a money noun ("the 250 million loans", "20-Millionen-Auftrag"),
    /// before a bracketed conversion ("80 million (about Rs 6.6 billion)"), or before a verb of
    /// paying or receiving ("45 Millionen flossen an …"). "400 million people" and "zehn
    /// Milliarden Jahre" are no money.
    fn bare_money(&self, i: usize, k: usize) -> bool {
        let bare = &self.lex.bare;
        let (start, end) = (self.atoms[i].start, self.atoms[k - 1].end);
        let rest = &self.text[end..];
        let after = rest.trim_start();
        if after.starts_with('(') {
            let inside = &after[1..after.find(')').unwrap_or(after.len()).max(1)];
            let shift = self.text.len() - after.len() + 1;
            let (lo, hi) = (shift, shift + inside.len());
            return self.atoms[k..]
                .iter()
                .take_while(|a| a.start < hi)
                .any(|a| {
                    a.start >= lo
                        && (a.prefix_currency().is_some() || a.suffix_currency().is_some())
                });
        }
        let glued = rest.strip_prefix(['-', '‑', '–']);
        let next_word: String = glued
            .unwrap_or(after)
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        if !next_word.is_empty()
            && bare
                .nouns
                .iter()
                .any(|n| starts_word(&next_word, n, glued.is_some()))
        {
            return true;
        }
        if glued.is_some() {
            return false;
        }
        // "Sogar 45 Millionen flossen an Kestrel": a verb of paying or receiving right after it.
        if bare.verbs.contains(&next_word) {
            return true;
        }
        let ends_phrase = after.is_empty()
            || after.starts_with(['.', ',', ';', ':', '!', '?', ')', '–', '—'])
            || bare.follow.contains(&next_word);
        // The few words before the number only: lower-casing the whole text before it would make
        // a document with many bare figures quadratic.
        let near = start.saturating_sub(64);
        let near = (near..=start)
            .find(|&p| self.text.is_char_boundary(p))
            .unwrap_or(start);
        let before = self.text[near..start].trim_end().to_lowercase();
        let ends_with_word = |w: &String| {
            before.ends_with(w.as_str())
                && !before[..before.len() - w.len()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
        };
        ends_phrase
            && (bare.before.iter().any(ends_with_word)
                || bare.joins.iter().any(ends_with_word) && self.money_scaled_before(i))
    }

    /// The nearest scaled figure before atom `i` was written with a currency: "$20 million for
    /// Bolivia and …" yes, "380 Millionen Menschen und …" no.
    fn money_scaled_before(&self, i: usize) -> bool {
        let Some(s) = (0..i).rev().take(12).find(|&j| {
            self.atoms[j].scale().is_some() && self.atoms[j].suffix_currency().is_none()
        }) else {
            return false;
        };
        let after = self
            .adj(s + 1)
            .is_some_and(|a| a.suffix_currency().is_some());
        let before = (s.saturating_sub(2)..s).any(|j| self.atoms[j].prefix_currency().is_some());
        // "45 Millionen flossen an Kestrel und 70 Millionen an Telmar": money by its verb.
        let paid = || {
            let next: String = self.text[self.atoms[s].end..]
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase();
            self.lex.bare.verbs.contains(&next)
        };
        after || before || paid()
    }

    /// A count of things at atom `i`: a number, an optional classifier, a count noun; else a
    /// count before a vessel's size with the noun left out.
    fn quantity(&self, i: usize, lang: Lang) -> Option<(Quantity, usize)> {
        self.counted_noun(i, lang)
            .or_else(|| self.count_of_sized_vessels(i))
    }

    /// "another order for five 12,500 TEU": a whole number right before a size in a vessel
    /// unit counts vessels of that size (the size itself is no count).
    fn count_of_sized_vessels(&self, i: usize) -> Option<(Quantity, usize)> {
        let (value, next) = self.whole_number(i)?;
        self.adj(next)?;
        let size = self.number(next)?;
        let unit = self
            .adj(size.next)
            .filter(|a| a.has(|r| *r == Role::Capacity))?;
        Some((
            self.count(i, value, (unit.start, unit.end), true),
            size.next + 1,
        ))
    }

    /// A whole number of at least one at atom `i`, and the atom after it.
    fn whole_number(&self, i: usize) -> Option<(u64, usize)> {
        let n = self.number(i)?;
        if n.value.fract() != Decimal::ZERO || n.value < Decimal::ONE {
            return None;
        }
        Some((n.value.try_into().ok()?, n.next))
    }

    /// The count `value` from atom `i` to the end of its noun at `noun` (text offsets).
    fn count(&self, i: usize, value: u64, noun: (usize, usize), discrete: bool) -> Quantity {
        let (start, end) = (self.atoms[i].start, noun.1);
        Quantity {
            value,
            unit: self.text[noun.0..noun.1].to_string(),
            start,
            end,
            text: self.text[start..end].to_string(),
            discrete,
        }
    }

    /// "its Boeing 767 and 777 freighters", "die A320 und 321": a number
    /// joined by a conjunction of the language (`truncation_joins`), a comma or a slash to a model designation before it (a maker's
    /// name and a number, or a letter and digits: "A330") is a model too; it counts nothing.
    fn after_coordinated_model(&self, before: &str, number: &str, lang: Lang) -> bool {
        let mut words = before.split_whitespace().rev();
        let Some(last) = words.next() else {
            return false;
        };
        let joins = &lexicon(lang).truncation_joins;
        let model = if ["&", "/"].contains(&last) || joins.iter().any(|j| j == last) {
            words.next()
        } else {
            last.strip_suffix([',', '/'])
        };
        let Some(model) = model.map(|m| m.trim_end_matches(',')) else {
            return false;
        };
        let digits = model.chars().any(|c| c.is_ascii_digit());
        let lettered = model.starts_with(|c: char| c.is_ascii_uppercase())
            && model
                .chars()
                .skip(1)
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        let by_maker = model.chars().all(|c| c.is_ascii_digit() || c == '-')
            && words.next().is_some_and(|w| {
                self.makers
                    .lookup(w)
                    .is_some_and(|e| e.kind == crate::entity::Kind::Manufacturer)
            });
        // "A320 and 10 A350 jets": a number of another length is a count again.
        let run = |w: &str| w.chars().filter(char::is_ascii_digit).count();
        digits && run(number) >= 3 && run(number) == run(model) && (lettered || by_maker)
    }

    /// "mua 3 trong tổng số 26 máy bay": after a count, a partitive of the language and the
    /// number of the whole set (a whole number right after it); the atom after that number, where
    /// the counted noun stands. The count is the part bought, not the whole.
    fn past_size_of_the_whole(&self, next: usize, lang: Lang) -> Option<usize> {
        let prev_end = self.atoms.get(next.checked_sub(1)?)?.end;
        let rest = &self.text[prev_end..];
        let t = rest.trim_start();
        let p = lexicon(lang).partitives.iter().find(|p| {
            t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p))
                && t[p.len()..].starts_with(char::is_whitespace)
        })?;
        let size_at = prev_end + (rest.len() - t.len()) + p.len();
        let j = next + self.atoms[next..].iter().position(|a| a.start >= size_at)?;
        if !self.text[size_at..self.atoms[j].start].trim().is_empty() {
            return None;
        }
        let (_, after) = self.whole_number(j)?;
        Some(after)
    }

    /// "On May 3 Norland ordered …", "am 3. Mai": the number before which (`before`) or after which
    /// (atom `next`) a month of the language stands is a day, no count.
    fn day_of_a_month(&self, before: &str, next: usize, lang: Lang) -> bool {
        let months = &lexicon(lang).months;
        if months.is_empty() {
            return false;
        }
        let is_month = |w: &str| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
            !w.is_empty() && months.contains(&w)
        };
        let prev_end = self.atoms[next - 1].end;
        let after = self.text[prev_end..]
            .trim_start_matches('.')
            .split_whitespace()
            .next()
            .unwrap_or("");
        before.split_whitespace().next_back().is_some_and(is_month) || is_month(after)
    }

    /// A count of things at atom `i`: a number, an optional classifier, a count noun.
    fn counted_noun(&self, i: usize, lang: Lang) -> Option<(Quantity, usize)> {
        let (value, next) = self.whole_number(i)?;
        // "six-car trainsets", "a four-year deal": a number hyphened to a word describes the
        // thing counted; it counts nothing itself.
        if self.hyphened_to_a_word(next - 1) {
            return None;
        }
        // "Airbus's 350 jets": a number right after a possessive name is its model.
        let before = self.text[..self.atoms[i].start].trim_end();
        if self.day_of_a_month(before, next, lang) {
            return None;
        }
        if before.ends_with("'s")
            || before.ends_with("’s")
            || after_model_letter(before)
            || self.after_coordinated_model(
                before,
                &self.text[self.atoms[i].start..self.atoms[i].end],
                lang,
            )
        {
            return None;
        }
        let mut k = self.past_size_of_the_whole(next, lang).unwrap_or(next);
        // "20 chiếc máy bay": a classifier before the counted noun.
        if self
            .adj(k)
            .is_some_and(|a| a.has(|r| *r == Role::Classifier))
            && self
                .adj(k + 1)
                .is_some_and(|a| a.has(|r| *r == Role::CountNoun))
        {
            k += 1;
        }
        let noun = match self.adj(k) {
            Some(a) if a.has(|r| *r == Role::CountNoun) => a,
            _ if lang.amounts().models_between_count_and_noun() => {
                // "20 Boeing 787-10 Dreamliners", "100 Airbus-Flugzeuge": up to three names or
                // model numbers between the number and the noun.
                let prev_end = self.atoms[k - 1].end;
                // At most three words lie between: never look further than a short phrase.
                let Some(found) = self.atoms[k..]
                    .iter()
                    .take_while(|a| a.start - prev_end <= 80)
                    .find(|a| a.has(|r| *r == Role::CountNoun))
                else {
                    return self
                        .model_plural(i, value, prev_end, lang)
                        .or_else(|| self.maker_model(i, value, prev_end));
                };
                // "bis 2030 zwölf neue Fregatten", "by 2030 twelve frigates": a numeral
                // written in words between the number and the noun is the count; the number
                // before it (a year) counts nothing. So is a number in digits after a year
                // ("bis 2028 sollen 40 Triebzüge"; not "20 Embraer E195 jets": 20 is no year).
                let year = (1900..=2100).contains(&value);
                if self.atoms[k..]
                    .iter()
                    .enumerate()
                    .take_while(|(_, a)| a.end <= found.start)
                    .any(|(j, a)| {
                        (a.is_numeral_word()
                            && !self.letter_of_a_model(k + j)
                            && !self.hyphened_to_a_word(k + j))
                            || (year && matches!(a.kind, Kind::Num(_)))
                    })
                {
                    return None;
                }
                let between = &self.text[prev_end..found.start];
                // "eight of the jets", "20 of the US company's 787s", "acht der Jets": a
                // partitive right after the count, then (past an owner's possessive) the noun.
                let between = strip_partitive(between, &lexicon(lang).partitives);
                let joins = &lexicon(lang).truncation_joins;
                let kept = without_truncated_parts(between, joins);
                // "21 jumbos of type A 380 and 20 long-haul jets": a conjunction between the
                // number and the noun joins two counted things; the number counts neither.
                if kept
                    .iter()
                    .any(|w| joins.iter().any(|j| j.eq_ignore_ascii_case(w)))
                {
                    return None;
                }
                // A word joined by hyphens ("mid-sized", "dual-fuel", "K-8") is one word.
                let mut words: Vec<&str> = kept
                    .iter()
                    .map(|w| w.trim_matches('-'))
                    .filter(|w| !w.is_empty())
                    .collect();
                // "9 of Airbus's A350 freighters": a count of a maker's models.
                if words.len() >= 2
                    && words[0].eq_ignore_ascii_case("of")
                    && (words[1].ends_with("'s") || words[1].ends_with("’s"))
                {
                    words.remove(0);
                }
                let named = |w: &&str| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                };
                // Where the language's lexicon allows it, a plain adjective may stand there too
                // ("30 A350 widebody jets"), beside a model and never a function word.
                let adjective = |w: &&str| {
                    lexicon(lang).adjective_stops.as_ref().is_some_and(|stops| {
                        w.split('-').all(|p| {
                            !p.is_empty()
                                && p.chars().all(char::is_alphabetic)
                                && !stops.contains(&p.to_lowercase())
                        })
                    })
                };
                // Adjectives alone may stand there too, at most two ("vier neuen U-Booten",
                // "six more widebody jets" is refused by "more").
                // "12 14,000 TEU container ships": a capacity (a number and its unit) describes
                // the counted thing and does not count as one of the words between.
                if words.len() >= 2 && is_digit_group(words[0]) {
                    words.drain(..2);
                } else if words.first().is_some_and(|w| {
                    w.split_once('-').is_some_and(|(n, unit)| {
                        is_digit_group(n) && unit.chars().all(char::is_alphabetic)
                    })
                }) {
                    // "six 2,400-teu feeder ships": the capacity glued to its unit.
                    words.remove(0);
                }
                // "six more A350 jets", "20 more aircraft": "more" right after a count (not a
                // year: "in 2024 more Boeing jets") adds to an earlier order and counts too.
                if !year
                    && words
                        .first()
                        .is_some_and(|w| w.eq_ignore_ascii_case("more"))
                {
                    words.remove(0);
                }
                // "12 K-8 C Block 40 aircraft": a model's whole designation (capitalised words
                // and numbers only) may run to five words.
                let designation = words.len() <= 5 && words.iter().all(named);
                // "3 Norland ordered 20 tanks": a small number in digits after a word in lower
                // case is a count of its own; the number before them counts nothing.
                let small_number = |w: &&str| w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit());
                if words
                    .windows(2)
                    .any(|w| !named(&w[0]) && small_number(&w[1]))
                {
                    return None;
                }
                let ok = (words.len() <= 3 || designation)
                    && (words.iter().any(named) || words.len() <= 2)
                    && words.iter().all(|w| named(w) || adjective(w))
                    && !punctuated_outside_numbers(between);
                if !ok {
                    return self.maker_model(i, value, prev_end);
                }
                found
            }
            _ => return None,
        };
        let k_end = self.atoms[i..]
            .iter()
            .position(|a| a.start >= noun.end)
            .map_or(self.atoms.len(), |p| i + p);
        let discrete = !noun.has(|r| *r == Role::Measure);
        Some((
            self.count(i, value, (noun.start, noun.end), discrete),
            k_end,
        ))
    }
}

/// "the type A 380", "a B 747", "nine Type 26 frigates", "Klasse 125": text ending in a lone
/// capital letter (after a space or at the start) or a word that names a design ("Type",
/// "Class", "Typ", "Klasse", "Mark", "Block") names a model whose number follows; that number
/// counts nothing.
fn after_model_letter(before: &str) -> bool {
    let mut rev = before.chars().rev();
    let letter = rev.next().is_some_and(|c| c.is_ascii_uppercase())
        && rev.next().is_none_or(|c| c.is_whitespace() || c == '(');
    let last = before.rsplit(char::is_whitespace).next().unwrap_or("");
    letter || DESIGN_WORDS.contains(&last)
}

/// Words after which a number names a design or series, never a count.
const DESIGN_WORDS: &[&str] = &[
    "Type", "Class", "class", "Typ", "Klasse", "Mark", "Mk", "Block", "Series", "Baureihe",
];

/// "16,000" or "2.5": digits grouped or split by commas and points.
fn is_digit_group(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// Whether `s` holds a clause mark (`,` `;` `.` `(`) other than a comma or point inside a number.
fn punctuated_outside_numbers(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(k, c)| match c {
        b';' | b'(' => true,
        b',' | b'.' => {
            let digit = |j: Option<&u8>| j.is_some_and(u8::is_ascii_digit);
            !(k > 0 && digit(b.get(k - 1)) && digit(b.get(k + 1)))
        }
        _ => false,
    })
}

/// Every monetary amount in `text`, in order of position, read with the built-in lexicons.
/// Spans are relative to `text`.
pub fn amounts(text: &str, lang: Lang) -> Vec<Amount> {
    recognise(text, lang, Lexicons::builtin()).0
}

/// Every count of things in `text` ("50 máy bay", "zehn Flugzeuge"), read with the built-in
/// lexicons. Spans relative to `text`.
pub fn quantities(text: &str, lang: Lang) -> Vec<Quantity> {
    recognise(text, lang, Lexicons::builtin()).1
}

/// Amounts and quantities of `text` in one pass over its atoms (a count never overlaps money).
/// `known` holds the entity lexicon whose manufacturers make "40 Airbus A321neo" a count of a
/// model and the model designations that make "38 A320neos" one (a user's `--aliases` and
/// `--models` may add to them).
pub fn recognise(text: &str, lang: Lang, known: &Lexicons) -> (Vec<Amount>, Vec<Quantity>) {
    let (mut money, counts) = recognise_unsettled(text, lang, known);
    settle_currencies(text, lang, &mut money);
    settle_shared_symbols(text, lang, &mut money);
    (money, counts)
}

/// The amounts of a whole document read sentence by sentence (`spans`, document offsets), with
/// currencies settled across the document: a bare "400 million" takes the currency of an amount
/// told sentences before it, and "¥" the article's, from the country names in `text[cues]` (the
/// whole text for an article; a window's own text for a document analysed in windows, which
/// keeps each window's cost its own size). Per span, spans relative to the span. `folds` holds
/// each span's text folded ([`Folded::new`]) and `words` the matches of the language's amount
/// lexicon in it (a joint scan's list for [`AmountLexicon::phrases`]), one per span, so that the
/// caller folds and scans once for all its stages.
pub fn recognise_spans(
    text: &str,
    spans: &[(usize, usize)],
    (folds, words): (&[Folded], &[&[RawMatch]]),
    cues: std::ops::Range<usize>,
    lang: Lang,
    known: &Lexicons,
) -> Vec<(Vec<Amount>, Vec<Quantity>)> {
    let lex = lexicon(lang);
    let mut out: Vec<(Vec<Amount>, Vec<Quantity>)> = spans
        .iter()
        .zip(folds)
        .zip(words)
        .map(|((&(s, e), f), raw)| {
            let t = text.get(s..e).unwrap_or("");
            recognise_unsettled_words(t, lex.select(t, f, raw), lang, known)
        })
        .collect();
    let mut money: Vec<Amount> = Vec::new();
    for ((s, _), (found, _)) in spans.iter().zip(out.iter_mut()) {
        money.extend(found.drain(..).map(|a| Amount {
            start: a.start + s,
            end: a.end + s,
            ..a
        }));
    }
    settle_currencies(text, lang, &mut money);
    settle_shared_symbols(&text[cues], lang, &mut money);
    for a in money {
        // Spans are in text order: an amount belongs to the last span starting at or before it.
        let k = spans
            .partition_point(|&(s, _)| s <= a.start)
            .saturating_sub(1);
        let s = spans[k].0;
        out[k].0.push(Amount {
            start: a.start - s,
            end: a.end - s,
            ..a
        });
    }
    out
}

/// Amounts and quantities of `text`, amounts written without a currency still unsettled
/// (`currency_inferred`, empty currency): see `settle_currencies`.
fn recognise_unsettled(text: &str, lang: Lang, known: &Lexicons) -> (Vec<Amount>, Vec<Quantity>) {
    let words = lexicon(lang).scan(text, &Folded::new(text));
    recognise_unsettled_words(text, words, lang, known)
}

/// [`recognise_unsettled`] of a text whose lexicon words are already found.
fn recognise_unsettled_words(
    text: &str,
    words: Vec<lexicon::Hit<'static>>,
    lang: Lang,
    known: &Lexicons,
) -> (Vec<Amount>, Vec<Quantity>) {
    let lex = lexicon(lang);
    let atoms = atoms_of_words(text, words, lang, lex);
    let r = Reader {
        text,
        atoms: &atoms,
        lex,
        makers: &known.entities,
        models: Some(&known.models),
    };
    let mut money = Vec::new();
    let mut i = 0;
    while i < atoms.len() {
        match r.money(i) {
            Some((a, next)) => {
                money.push(a);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    money.retain(|a| !exchange_rate_side(text, a) && !zero_in_words(text, a));
    let mut counts = Vec::new();
    let mut i = 0;
    let mut m = 0; // money is in text order: the first amount not wholly before atom `i`
    while i < atoms.len() {
        let a = &atoms[i];
        while m < money.len() && money[m].end <= a.start {
            m += 1;
        }
        if money.get(m).is_some_and(|x| x.start < a.end) {
            i += 1;
            continue;
        }
        match r.quantity(i, lang) {
            Some((q, next)) => {
                counts.push(q);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    (money, counts)
}

/// "($1 = 0.8100 pounds)", "1 euro = 26,500 đồng": an amount beside an equals sign is one side
/// of an exchange rate the article states, not money that changes hands.
fn exchange_rate_side(text: &str, a: &Amount) -> bool {
    text[a.end..].trim_start().starts_with('=') || text[..a.start].trim_end().ends_with('=')
}

/// "vài tỷ USD không chỉ …" ("not only"): a zero written as a word after a currency is a word
/// of the sentence, not an amount; no deal is worth nothing.
fn zero_in_words(text: &str, a: &Amount) -> bool {
    a.value.is_zero() && !text[a.start..a.end].contains(|c: char| c.is_ascii_digit())
}

/// `between` (the words between a count and its noun) without a partitive that opens it (one of
/// `partitives`: "of the", "der") and, after one, without an owner's phrase ending in a
/// possessive ("of the US company's"); unchanged where no partitive opens it.
fn strip_partitive<'b>(between: &'b str, partitives: &[String]) -> &'b str {
    let t = between.trim_start();
    // (Compared without folding the text: a capital opening a partitive is ASCII in every
    // language that lists them.)
    let Some(p) = partitives.iter().find(|p| {
        t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p))
            && t[p.len()..].chars().next().is_none_or(char::is_whitespace)
    }) else {
        return between;
    };
    let rest = &t[p.len()..];
    match rest.rfind(['\'', '’']) {
        Some(q) if rest[q..].starts_with("'s ") || rest[q..].starts_with("’s ") => {
            &rest[q + rest[q..].find(' ').unwrap_or(0)..]
        }
        _ => rest,
    }
}

/// "drei Fracht- und Passagierschiffe", "120 Rad- und Kettenpanzer", "short- and
/// medium-range missiles": the first part of a compound whose head is written once, after the
/// conjunction (one of `joins`, the language's), belongs to that head; the words between a count
/// and its noun are read without it.
fn without_truncated_parts<'b>(between: &'b str, joins: &[String]) -> Vec<&'b str> {
    let words: Vec<&str> = between.split_whitespace().collect();
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let joined = words
            .get(i + 1)
            .is_some_and(|c| joins.iter().any(|j| j.eq_ignore_ascii_case(c)));
        if words[i].len() > 1 && words[i].ends_with('-') && joined {
            i += 2;
            continue;
        }
        out.push(words[i]);
        i += 1;
    }
    out
}

/// "Auftrag" starts "auftrag" (a German compound: "20-Millionen-Auftragsvolumen" too); other
/// nouns are whole words.
fn starts_word(word: &str, noun: &str, compound: bool) -> bool {
    if compound {
        word.starts_with(noun)
    } else {
        word == noun
    }
}

/// Gives each amount whose currency was not written (`currency_inferred`) the currency of the
/// article: that of the nearest amount before it that was written with one and is no bracketed
/// conversion, else of the first such amount after it. An amount with no such neighbour is
/// dropped: a bare figure in an article that never names a currency is no amount.
pub fn settle_currencies(text: &str, lang: Lang, money: &mut Vec<Amount>) {
    if !money.iter().any(|a| a.currency_inferred) {
        return;
    }
    let anchor = |a: &Amount| !a.currency_inferred && !in_brackets(text, a.start);
    let first_after: Vec<Option<String>> = {
        let mut next = None;
        let mut v: Vec<Option<String>> = money
            .iter()
            .rev()
            .map(|a| {
                let here = next.clone();
                if anchor(a) {
                    next = Some(a.currency.clone());
                }
                here
            })
            .collect();
        v.reverse();
        v
    };
    let mut last: Option<String> = None;
    let mut keep = Vec::with_capacity(money.len());
    for (a, after) in money.drain(..).zip(first_after) {
        if a.currency_inferred {
            let neighbour = last.clone().or(after);
            let c = match scale_currencies(lang, &a.text) {
                Some(only) => Some(
                    neighbour
                        .filter(|c| only.contains(c))
                        .unwrap_or_else(|| only[0].clone()),
                ),
                None => neighbour,
            };
            if let Some(c) = c {
                keep.push(Amount { currency: c, ..a });
            }
            continue;
        }
        if anchor(&a) {
            last = Some(a.currency.clone());
        }
        keep.push(a);
    }
    *money = keep;
}

/// The currencies a scale word of `written` counts in, where the language's `scale_currencies`
/// has it ("4,250 crore": rupees and their neighbours), the usual first.
fn scale_currencies(lang: Lang, written: &str) -> Option<&'static [String]> {
    let lex = lexicon(lang);
    if lex.scale_currencies.is_empty() {
        return None;
    }
    written
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .find_map(|w| {
            let w = w.to_lowercase();
            lex.scale_currencies
                .iter()
                .find(|(s, c)| *s == w && !c.is_empty())
                .map(|(_, c)| c.as_slice())
        })
}

/// An amount written with a symbol several currencies share ("¥2 billion") takes the currency
/// whose country the article names most ("China", "Beijing", "yuan" against "Japan", "Tokyo",
/// "yen"); on a tie it keeps the symbol's usual reading.
pub fn settle_shared_symbols(text: &str, lang: Lang, money: &mut [Amount]) {
    let lex = lexicon(lang);
    for (symbol, by) in &lex.ambiguous {
        if !money.iter().any(|a| a.text.contains(symbol.as_str())) {
            continue;
        }
        let lower = text.to_lowercase();
        let score = |cues: &Vec<String>| -> usize {
            cues.iter().map(|c| lower.matches(c.as_str()).count()).sum()
        };
        let mut ranked: Vec<(usize, &String)> =
            by.iter().map(|(c, cues)| (score(cues), c)).collect();
        ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
        let (Some(&(best, code)), second) = (ranked.first(), ranked.get(1).map_or(0, |r| r.0))
        else {
            continue;
        };
        if best == second {
            continue;
        }
        for a in money.iter_mut() {
            let written = a.text.contains(symbol.as_str())
                && by.iter().any(|(c, _)| *c == a.currency)
                && !a
                    .text
                    .contains(&format!("{}{symbol}", a.currency.get(..2).unwrap_or("")));
            if written {
                a.currency = code.clone();
            }
        }
    }
}

/// The amount at `start` stands inside brackets: "(about Rs 6.6 billion)", "(USD 2 billion)".
fn in_brackets(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let from = before.len().saturating_sub(48);
    let from = (from..=before.len())
        .find(|&p| before.is_char_boundary(p))
        .unwrap_or(before.len());
    before[from..]
        .rfind(['(', ')', '[', ']'])
        .is_some_and(|p| matches!(before.as_bytes()[from + p], b'(' | b'['))
}

/// An entity lexicon with no entity, for readings that name no maker.
fn no_makers() -> &'static Entities {
    static NONE: OnceLock<Entities> = OnceLock::new();
    NONE.get_or_init(|| Entities::parse(&[]).expect("an empty table parses"))
}

/// A whole text read as one number ("ba mươi bảy", "1.234,5", "zweitausend"), for numeral tests.
pub fn parse_number(text: &str, lang: Lang) -> Option<Decimal> {
    let lex = lexicon(lang);
    let atoms = atoms(text, lang, lex);
    let r = Reader {
        text,
        atoms: &atoms,
        lex,
        // A number names no maker: no entity lexicon is built for it.
        makers: no_makers(),
        models: None,
    };
    let n = r.number(0)?;
    let covers = atoms.first()?.start == text.len() - text.trim_start().len()
        && atoms.get(n.next - 1)?.end == text.trim_end().len();
    covers.then(|| n.value.normalize())
}

/// [`parse_number`] of one word, remembered per thread: the rules that read names ask it of the
/// lower-case words before a name ("three", "major", "hai"), the same words sentence after
/// sentence, and each answer costs a fold and a lexicon scan of the word.
pub fn parse_number_word(word: &str, lang: Lang) -> Option<Decimal> {
    thread_local! {
        static MEMO: [crate::text::WordMemo<Option<Decimal>>; 3] = Default::default();
    }
    MEMO.with(|m| crate::text::recall(&m[lang.index()], word, |w| parse_number(w, lang)))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The letter runs are the word regex's matches, on text of letters, marks, digits,
        /// punctuation and letters of other scripts.
        #[test]
        fn letter_runs_are_the_regexs_matches(s in "[a-zäöüßĐđộ\u{300}\u{2160}0-9 .,’–—“„ßΣσ日本ʼ]{0,40}") {
            let want: Vec<_> = word_regex().find_iter(&s).map(|m| m.range()).collect();
            let got: Vec<_> = letter_runs(&s).collect();
            proptest::prop_assert_eq!(got, want);
        }

        /// The hand-read digit runs are the regex's matches, on text full of digits, separators
        /// and their neighbours.
        #[test]
        fn digit_runs_are_the_regexs_matches(s in "[0-9.,' a€ộ·-]{0,40}") {
            let re = Regex::new(r"[0-9]+(?:[.,'·][0-9]+)*").unwrap();
            let want: Vec<(usize, usize)> = re.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            proptest::prop_assert_eq!(digit_runs(&s).collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn digit_runs_take_a_separator_only_before_a_digit() {
        let s = "1.200,5 and 3, 4. 1'000'000'x 7.";
        let runs: Vec<&str> = digit_runs(s).map(|(a, b)| &s[a..b]).collect();
        assert_eq!(runs, ["1.200,5", "3", "4", "1'000'000", "7"]);
        let s = "a 2·4bn contract, 3· 5";
        let runs: Vec<&str> = digit_runs(s).map(|(a, b)| &s[a..b]).collect();
        assert_eq!(runs, ["2·4", "3", "5"]);
    }
}
