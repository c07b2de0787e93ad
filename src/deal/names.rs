//! Reading counterparty names from a sentence and making them canonical in English.
//!
//! A name starts at a known entity, an organisation head ("Tập đoàn", "Bệnh viện Đa khoa") or a
//! capitalised word, and runs over capitalised words until a stop word, punctuation or a lower-case
//! word. A parenthesis right after a name gives its short form ("(Vietnam Airlines)") unless it
//! names a parent ("(thuộc RTX Corporation)").

use crate::entity::{Entities, Entity, EntityHit, Kind};
use crate::lang::{Lang, UnknownName};

use super::lexicon;
use super::lexicon::{Hit, Role};
use super::span;

/// A party named in the text.
#[derive(Debug, Clone)]
pub struct Name {
    pub start: usize,
    pub end: usize,
    pub canonical: String,
    pub kind: Option<Kind>,
    pub country: Option<String>,
}

/// What the name reader needs to know about a sentence.
pub struct Ctx<'a> {
    pub text: &'a str,
    /// The article around the sentence (the window being read; empty where no rule needs it):
    /// a name written in full elsewhere in it is a name here too ([`Ctx::announced_in_article`]).
    pub article: &'a str,
    /// The sentence lower-cased character by character ([`crate::text::Folded`]'s `lower`).
    pub lower: &'a str,
    /// Whether `lower` has the sentence's byte offsets ([`crate::text::Folded::aligned`]), so
    /// that [`Ctx::lower_slice`] can borrow from it.
    pub aligned: bool,
    pub lang: Lang,
    pub hits: &'a [Hit<'a>],
    pub ents: &'a [EntityHit<'a>],
    pub lexicon: &'a Entities,
    /// The sentence's amounts: a word inside one ("Rs", "US$") is its currency, no name.
    pub amounts: &'a [crate::model::Amount],
    /// Model designations and their makers (none where the caller reads no deal sides).
    pub models: Option<&'a crate::models::Models>,
    /// The names read so far in this sentence, by where the reading started and its limit
    /// (see `read_name_at`); start with `Default::default()`.
    pub names_read: NamesRead,
    /// Whether the sentence holds one of the language's `led_by` words anywhere (lower-cased),
    /// asked once: the test for a group's leader runs for every deal word, and most sentences
    /// name no leader.
    pub led_by_seen: std::cell::OnceCell<bool>,
}

/// The names a [`Ctx`] has read, by start and limit.
pub type NamesRead = std::cell::RefCell<rustc_hash::FxHashMap<(usize, usize), Option<Name>>>;

/// "BERLIN — The army has ordered …", "PERTH (Mining Weekly) – …", "WASHINGTON, May 3 -": a
/// place in capitals that opens a report, before a dash, a comma or the agency in brackets, is
/// its dateline, no party; so are places joined by a slash before a dash ("Kiel/Oslo - …").
pub(super) fn dateline(st: &str, start: usize, end: usize) -> bool {
    let name = span::cut(st, start, end).trim();
    let opens = span::before(st, start).trim().is_empty();
    let capitals = name.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !name.chars().any(char::is_lowercase);
    let after = span::after(st, end).trim_start();
    // "Kiel/Oslo - Der Schiffbauer …": two places joined by a slash before a dash, however written.
    let places = name.contains('/') && !name.contains(' ') && after.starts_with(['—', '–', '-']);
    opens && (capitals || places) && after.starts_with(['—', '–', '-', ',', '('])
}

/// Legal-form words trimmed from the end of a name.
/// The marks of a possessive: the straight and the typographic apostrophe, and the backtick some
/// newswires type for it ("SAP`s bid").
pub(super) const POSSESSIVES: [&str; 3] = ["'s", "’s", "`s"];

/// The spaced dashes that join the members of a consortium ("Liên danh Kestrel – Tổng công ty
/// Orvex").
pub(super) const MEMBER_DASHES: [&str; 2] = [" – ", " - "];

/// `word` without its possessive mark, if it has one ("Kestrel's" → "Kestrel").
pub(super) fn strip_possessive(word: &str) -> Option<&str> {
    POSSESSIVES.iter().find_map(|m| word.strip_suffix(m))
}

/// Legal forms that end a name wherever they stand in it (unlike "Group" or "Company", which may
/// go on: "Kestrel Group Holdings").
const FINAL_LEGAL_FORMS: &[&str] = &[
    "AG", "GmbH", "SE", "KG", "KGaA", "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "plc", "PLC", "S.A.",
    "N.V.", "JSC",
];

const LEGAL_SUFFIXES: &[&str] = &[
    "AG",
    "GmbH",
    "SE",
    "KG",
    "KGaA",
    "Inc",
    "Inc.",
    "Ltd",
    "Ltd.",
    "Corp",
    "Corp.",
    "Corporation",
    "LLC",
    "JSC",
    "PLC",
    "plc",
    "Co",
    "Co.",
    "S.A.",
    "SA",
    "N.V.",
    "NV",
    "Group",
    "Holdings",
    "Limited",
    "Company",
    "GmbH & Co. KG",
    "JSC.",
    "Pte",
    "Pte.",
    "Pty",
    "Pty.",
    "Sdn",
    "Sdn.",
    "Bhd",
    "Bhd.",
];

fn is_capitalised(w: &str) -> bool {
    w.chars()
        .find(|&c| crate::text::is_word_char_fast(c))
        .is_some_and(|c| c.is_uppercase())
}

/// "VinFast", "BASF", "ThyssenKrupp": a capital after the first letter.
fn has_inner_capital(w: &str) -> bool {
    w.chars().skip(1).any(char::is_uppercase)
}

/// A verb that makes a deal: buys, sells, orders, signs, wins, receives, awards.
fn makes_a_deal(h: &Hit) -> bool {
    h.has(|r| {
        matches!(
            r,
            Role::BuyerVerb
                | Role::SellerVerb
                | Role::Status(crate::model::DealStatus::Signed)
                | Role::Receive
                | Role::Award
                | Role::Trigger {
                    class: lexicon::Class::Action,
                    ..
                }
        )
    })
}

/// `text` lower-cased a character at a time (as [`span::lower_ends_with`] reads it) into `out`.
fn lower_into(text: &str, out: &mut String) {
    out.clear();
    out.extend(text.chars().flat_map(char::to_lowercase));
}

fn has_letter(w: &str) -> bool {
    w.chars().any(crate::text::is_letter_fast)
}

/// Whether the text before a word ends with one of the language's descriptor nouns, or (where
/// nouns are written in lower case) with one followed by at most three lower-case words that say
/// what it does: "den Konkurrenten", "công ty phần mềm". See `Ctx::announced_by_a_descriptor_noun`.
fn descriptor_noun_ends(lang: Lang, before: &str) -> bool {
    let lex = lexicon::lexicon(lang);
    let nouns = &lex.descriptor_nouns;
    if nouns.is_empty() {
        return false;
    }
    // Where every noun is capitalised ("der Hersteller von Schienenfahrzeugen"), a capital
    // past lower-case words after the noun starts a noun, not a name: right before it only.
    let most = if lex.nouns_capitalised { 0 } else { 3 };
    // A noun of several words is looked for at the end of the text before the word: enough
    // of it lower-cased for the longest (a character lower-cases to at least one).
    let reach = lex.descriptor_reach;
    let (mut lower_word, mut lower_end) = (String::new(), String::new());
    let mut tail = before.trim_end();
    for lead in 0..=most {
        if tail.is_empty() {
            return false;
        }
        let last = tail.rfind(char::is_whitespace).map_or(0, |i| {
            i + tail[i..].chars().next().map_or(1, char::len_utf8)
        });
        lower_into(&tail[last..], &mut lower_word);
        if let Some(reach) = reach {
            let from = tail
                .char_indices()
                .rev()
                .nth(reach - 1)
                .map_or(0, |(i, _)| i);
            lower_into(&tail[from..], &mut lower_end);
        }
        let hit = lex
            .descriptor_single
            .iter()
            .any(|n| lower_word.ends_with(n.as_str()))
            || lex.descriptor_multi.iter().any(|n| {
                lower_end.ends_with(n.as_str()) && {
                    let before_noun = tail.len().saturating_sub(n.len());
                    // The noun starts a word (its first letter is no word's middle).
                    tail.get(..before_noun)
                        .is_some_and(|b| b.chars().next_back().is_none_or(char::is_whitespace))
                }
            });
        if hit {
            return true;
        }
        // The words between the noun and the name: lower case, no clause mark.
        let word = &tail[last..];
        if lead == most
            || word
                .chars()
                .any(|c| c.is_uppercase() || matches!(c, ',' | ';' | ':' | '.' | '(' | ')'))
        {
            return false;
        }
        tail = tail[..last].trim_end();
    }
    false
}

impl<'a> Ctx<'a> {
    /// `s`, a slice of the sentence, lower-cased as `str::to_lowercase` does it: borrowed from
    /// the sentence's lower-cased copy where that has the sentence's offsets, else made. The
    /// rules lower-case a few words around a name many times a sentence.
    pub fn lower_slice<'s>(&self, s: &'s str) -> std::borrow::Cow<'s, str>
    where
        'a: 's,
    {
        let base = self.text.as_ptr() as usize;
        let at = (s.as_ptr() as usize).wrapping_sub(base);
        if self.aligned && at <= self.text.len() && s.len() <= self.text.len() - at {
            std::borrow::Cow::Borrowed(&self.lower[at..at + s.len()])
        } else {
            std::borrow::Cow::Owned(s.to_lowercase())
        }
    }

    /// The hit that starts at `pos` (the sentence's hits are in text order and do not overlap).
    pub(super) fn hit_at(&self, pos: usize) -> Option<&Hit<'a>> {
        self.hits_at(pos).next()
    }
    /// Every hit that starts at `pos` (a word may open several phrases).
    pub(super) fn hits_at(&self, pos: usize) -> impl Iterator<Item = &Hit<'a>> {
        let k = self.hits.partition_point(|h| h.start < pos);
        self.hits[k..].iter().take_while(move |h| h.start == pos)
    }
    fn entity_at(&self, pos: usize) -> Option<&EntityHit<'a>> {
        self.ents.iter().find(|e| e.start == pos)
    }
    pub(super) fn in_entity(&self, pos: usize) -> bool {
        self.ents.iter().any(|e| e.start < pos && pos < e.end)
    }

    /// Skips whitespace from `pos`.
    fn skip_ws(&self, mut pos: usize, limit: usize) -> usize {
        while pos < limit {
            let c = span::after(self.text, pos).chars().next().unwrap();
            if !c.is_whitespace() {
                break;
            }
            pos += c.len_utf8();
        }
        pos
    }

    /// The word at `pos`: up to whitespace, with trailing punctuation split off.
    fn word(&self, pos: usize, limit: usize) -> (usize, usize, bool) {
        let rest = span::cut(self.text, pos, limit);
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let raw = &rest[..len];
        let mut core = raw.trim_end_matches([',', ';', ':', '!', '?', '"', '”', '’', ')', '…']);
        let mut ends_clause = core.len() < raw.len();
        // "Harbourline Bank's loan": a possessive ends the name and is none of it.
        if let Some(owner) = strip_possessive(raw) {
            core = owner;
            ends_clause = true;
        }
        if let Some(stripped) = core.strip_suffix('.') {
            // "M. Dias Branco", "J. Kestrel & Sons": an initial before a capitalised word.
            let initial = stripped.chars().count() == 1
                && stripped.chars().all(char::is_uppercase)
                && is_capitalised(self.next_word(pos + core.len(), limit));
            let keep = stripped.contains('.')
                || initial
                || LEGAL_SUFFIXES.contains(&core)
                || LEGAL_SUFFIXES.contains(&stripped);
            if !keep {
                core = stripped;
                ends_clause = true;
            }
        }
        (pos, pos + core.len(), ends_clause)
    }

    /// Reads a name starting at `pos` (after skipping determiners), not past `limit`.
    pub fn read_name(&self, pos: usize, limit: usize) -> Option<Name> {
        let n = self.read_name_at(pos, limit)?;
        // "Kestrel Group's Orvex Telecom bought …": the owner's possessive before another name
        // qualifies it; the name after it is the party ("Airbus's A350" names a model).
        if let Some(owned) = self.owned_name(n.end, limit) {
            return Some(owned);
        }
        // "với Tập đoàn Orvex của Mỹ": the country says where the name before it is from.
        if n.kind == Some(Kind::Country)
            && (self.nationality_after_name(n.start)
                || self.describes_a_noun(n.start, n.end)
                || self.consent_of(n.end))
        {
            return None;
        }
        Some(n)
    }

    /// The name right after a possessive at `end` ("'s", "’s"), where it starts with a capital
    /// and holds no digit.
    fn owned_name(&self, end: usize, limit: usize) -> Option<Name> {
        let rest = span::cut(self.text, end, limit);
        let mark = POSSESSIVES
            .into_iter()
            .find(|m| rest.starts_with(m) && rest[m.len()..].starts_with(' '))?;
        let mut at = end + mark.len() + 1;
        // "Kestrel Group's subsidiary Orvex Lines": a word for a company it owns, then its name.
        let rest = span::cut(self.text, at, limit);
        let owned = lexicon::lexicon(self.lang)
            .owned_company
            .iter()
            .filter(|w| {
                rest.get(..w.len())
                    .is_some_and(|head| head.to_lowercase() == **w)
                    && rest[w.len()..].starts_with(' ')
            })
            .max_by_key(|w| w.len());
        if let Some(w) = owned {
            at = self.skip_ws(at + w.len(), limit);
        }
        let next = self.next_word(at, limit);
        if !is_capitalised(next) || next.contains(|c: char| c.is_ascii_digit()) {
            return None;
        }
        self.read_name_at(at, limit)
    }

    /// "Orvex's second Harbour Fund": the name after a possessive at `end` past at most two
    /// lower-case words that describe it, where it starts with a capital and holds no digit.
    pub fn owned_past_description(&self, end: usize, limit: usize) -> Option<Name> {
        let rest = span::cut(self.text, end, limit);
        let mark = POSSESSIVES
            .into_iter()
            .find(|m| rest.starts_with(m) && rest[m.len()..].starts_with(' '))?;
        let mut at = self.skip_ws(end + mark.len(), limit);
        for _ in 0..3 {
            let next = self.next_word(at, limit);
            if is_capitalised(next) {
                return (!next.contains(|c: char| c.is_ascii_digit()))
                    .then(|| self.read_name_at(at, limit))
                    .flatten();
            }
            if next.is_empty() || !next.chars().all(|c| c.is_lowercase() || c == '-') {
                return None;
            }
            at = self.skip_ws(at + next.len(), limit);
        }
        None
    }

    /// "Shares of Kestrel Imaging", "the president of the Kestrel Bank": past a common noun and
    /// the word that says it is of a name (`of_a_name`), and the body's own article after it.
    fn past_of_a_name(&self, pos: usize, limit: usize) -> usize {
        let rest = span::cut(self.text, pos, limit);
        match lexicon::lexicon(self.lang)
            .of_a_name
            .iter()
            .find(|p| span::strip_prefix_bytes(rest, p).is_some_and(|r| r.starts_with(' ')))
        {
            Some(p) => self.skip_determiners(pos + p.len(), limit),
            None => pos,
        }
    }

    /// "Vizeminister Karl Brandt", "Minister Lan": a title at `pos`, or a name right after one,
    /// names a person.
    fn titled(&self, pos: usize) -> bool {
        // The hits do not overlap, so their ends are in text order too: only those ending in
        // the white space right before `pos` can stand right before it.
        let gap_start = span::before(self.text, pos).trim_end().len();
        let k = self.hits.partition_point(|h| h.end < gap_start);
        let after_title = self.hits[k..]
            .iter()
            .take_while(|h| h.end <= pos)
            .any(|h| h.has(|r| *r == Role::Title));
        after_title
            || self
                .hit_at(pos)
                .is_some_and(|h| h.has(|r| *r == Role::Title))
    }

    /// "Kiel/Oslo - Der Schiffbauer Nordwerft …", "PERTH (Mining Weekly) – …": after a dateline
    /// ending at `end`, the clause's first name is the one after its dash (past the agency in
    /// brackets).
    fn name_after_dateline(&self, end: usize, limit: usize) -> Option<Name> {
        let after = span::after(self.text, end);
        let bracketed = |gap: &str| {
            let gap = gap.trim();
            gap.is_empty() || (gap.starts_with('(') && gap.ends_with(')'))
        };
        after
            .find(['—', '–', '-'])
            .filter(|&d| bracketed(&after[..d]))
            .and_then(|d| {
                let dash = after[d..].chars().next().map_or(1, char::len_utf8);
                self.read_name(end + d + dash, limit)
            })
    }

    /// `read_name`, before a nationality tied to the name before it is set aside. The reading
    /// depends on the sentence and the two offsets alone, and the sides of several deal words
    /// (and the totals test) read the same names again: each is read once per sentence.
    fn read_name_at(&self, pos: usize, limit: usize) -> Option<Name> {
        if let Some(n) = self.names_read.borrow().get(&(pos, limit)) {
            return n.clone();
        }
        let n = self.read_name_uncached(pos, limit);
        self.names_read.borrow_mut().insert((pos, limit), n.clone());
        n
    }

    /// "von einem NATO-Mitgliedstaat", "der Airbus-Rivale": a word joined by a hyphen to one of
    /// the language's `compound_relations` names something of the name before the hyphen (a
    /// member, a rival), never a party of its own.
    fn relation_compound_at(&self, pos: usize, limit: usize) -> bool {
        let rest = span::cut(self.text, pos, limit);
        let word = rest
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ':' | ')'))
            .next()
            .unwrap_or("");
        let Some((_, last)) = word.rsplit_once('-') else {
            return false;
        };
        let relations = &lexicon::lexicon(self.lang).compound_relations;
        !relations.is_empty() && relations.iter().any(|r| span::lower_is(last, r))
    }

    fn read_name_uncached(&self, pos: usize, limit: usize) -> Option<Name> {
        let described_from = pos;
        let pos = self.past_of_a_name(self.skip_determiners(pos, limit), limit);
        if pos >= limit || self.amounts.iter().any(|a| a.start <= pos && pos < a.end) {
            return None;
        }
        if let Some(e) = self.entity_at(pos) {
            if e.end <= limit {
                if e.entity.kind == Kind::Country {
                    if let Some(n) = self.qualified_by_country(e.start, e.end, limit) {
                        return Some(n);
                    }
                }
                return Some(self.known(e.start, e.end, e.entity, limit));
            }
        }
        if let Some(n) = self.country_set_aside(pos, limit) {
            return Some(n);
        }
        let start = pos;
        if self.titled(pos) || self.relation_compound_at(pos, limit) {
            return None;
        }
        // "Bank of Norland", "Group of Seven": a head joined to the rest by a connector is the
        // name's own first word.
        let head = self.org_head_at(pos, limit).filter(|&(_, e)| {
            !self
                .hit_at(self.skip_ws(e, limit))
                .is_some_and(|h| h.has(|r| *r == Role::Connector))
        });
        let head_end = head.map_or(start, |(_, e)| e);
        // "Ấn Độ Sunveda", "Tập đoàn Thái Lan Central Volt": a nationality written before the
        // name, with or without a head before it.
        if let Some(p) = self.leading_country(self.skip_ws(head_end, limit), limit) {
            return self.read_name(p, limit);
        }
        let (end, words) = self.name_words(head_end, limit, head.is_some());
        if words == 0 {
            // "Công ty điện máy hàng đầu Thái Lan Central Volt": a head, a description of up to
            // half as many words again as the language allows one elsewhere, then the name.
            let after = self.skip_ws(head_end, limit);
            return head
                .and_then(|_| {
                    let words = lexicon::lexicon(self.lang).descriptor_words;
                    self.descriptor_of(after, limit, words + words / 2)
                })
                .and_then(|p| self.read_name(p, limit));
        }
        let raw = span::cut(self.text, start, end).trim();
        if head.is_none() && (!self.name_like(start, raw) || legal_form_only(raw)) {
            return None;
        }
        // "OSLO - Kestrel Shipping …": a dateline the name words ran on past its spaced dash.
        let end = match raw.find(" - ").or_else(|| raw.find(" – ")) {
            Some(d) if dateline(self.text, start, start + d) => start + d,
            _ => end,
        };
        if dateline(self.text, start, end) {
            return self.name_after_dateline(end, limit);
        }
        // "Defence Minister Ana Ruiz", "Trade and Industry Minister Raj Mehta": a portfolio.
        if head.is_none() && self.portfolio_follows(end, limit) {
            return None;
        }
        let paren = self.parenthesis(end, limit);
        let (rest, template) = match head {
            Some((t, _)) => (span::cut(self.text, head_end, end).trim(), t),
            None => (raw, None),
        };
        let mut n = self.canonical(start, end, raw, rest, head.is_some(), template, paren);
        if n.kind.is_none() && self.described_as_maker(span::cut(self.text, described_from, start))
        {
            n.kind = Some(Kind::Manufacturer);
        }
        if n.kind.is_none()
            && self.state_body(
                span::cut(self.text, described_from, start),
                span::cut(self.text, n.start, n.end),
            )
        {
            n.kind = Some(Kind::Agency);
        }
        // "Liên danh Kestrel – Tổng công ty Orvex (ORV)": the leader's name spans the members
        // joined after it, who stand on its side.
        if let Some(m) = self.member_after_dash(n.end, limit) {
            n.end = m;
        }
        Some(n)
    }

    /// Where a member of a consortium joined by a dash right after `end` ends (past the
    /// abbreviation in brackets after it): the dash followed by an organisation's head (see
    /// `name_words`).
    fn member_after_dash(&self, end: usize, limit: usize) -> Option<usize> {
        let rest = span::cut(self.text, end, limit);
        let dash = MEMBER_DASHES.into_iter().find(|d| rest.starts_with(d))?;
        let at = end + dash.len();
        self.org_head_at(at, limit)?;
        let m = self.read_name_at(at, limit)?;
        Some(super::parties::past_brackets(self.text, m.end, limit))
    }

    /// "Ministry of Ports", "Bộ Giao thông", "Verkehrsministerium Lindmark", "the city of
    /// Norland": a name that opens with one of the language's `state_body_words` (a single word
    /// also as the end of the name's first word), or that a phrase of several of them right
    /// before it (`described`, read past) opens, names a state's own body.
    fn state_body(&self, described: &str, name: &str) -> bool {
        let words = &lexicon::lexicon(self.lang).state_body_words;
        if words.is_empty() {
            return false;
        }
        // Compared letter by letter in lower case, with no copy: this runs for every name the
        // lexicon does not know.
        fn lower_eq(a: impl Iterator<Item = char>, mut w: impl Iterator<Item = char>) -> bool {
            let mut a = a.flat_map(char::to_lowercase);
            w.all(|c| a.next() == Some(c))
        }
        let before = described.trim_end();
        let first = name.split_whitespace().next().unwrap_or("");
        words.iter().any(|w| {
            if w.contains(' ') {
                // "the city of" before the name, or a name that opens with "Department of".
                (before.len() >= w.len()
                    && before.is_char_boundary(before.len() - w.len())
                    && before[..before.len() - w.len()]
                        .chars()
                        .next_back()
                        .is_none_or(char::is_whitespace)
                    && lower_eq(before.chars().rev(), w.chars().rev()))
                    || (name.len() > w.len()
                        && lower_eq(name.chars(), w.chars())
                        && name[w.len()..].starts_with(char::is_whitespace))
            } else {
                lower_eq(first.chars().rev(), w.chars().rev())
            }
        })
    }

    /// "der Turbinenbauer", "blade maker", "nhà sản xuất ô tô": the description before a
    /// name holds a word for a maker (`maker_words`; a single word also as the end of a word).
    fn described_as_maker(&self, description: &str) -> bool {
        let description = description.to_lowercase();
        lexicon::lexicon(self.lang).maker_words.iter().any(|m| {
            if m.contains(' ') {
                description.contains(m.as_str())
            } else {
                description
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.ends_with(m.as_str()))
            }
        })
    }

    /// "a majority stake in Kestrel Air", "an die Kestrel Group", "des Herstellers Nordvik", "an
    /// den Finanzinvestor Corvane": the name right after the first cue with `role` in
    /// `from..to` (at most one word, an article, between the cue and the name; or an article
    /// and up to two words ending in a descriptor noun that announces the name).
    pub fn name_after_cue(&self, role: Role, from: usize, to: usize) -> Option<Name> {
        self.hits
            .iter()
            .filter(|h| h.start >= from && h.end < to && h.has(|r| *r == role))
            .find_map(|h| {
                self.read_name(h.end, to)
                    .filter(|n| {
                        let gap = span::cut(self.text, h.end, n.start)
                            .split_whitespace()
                            .count();
                        gap <= 1 || (gap <= 3 && self.announced_by_a_descriptor_noun(n.start))
                    })
                    .or_else(|| self.restated_after_description(h.end, to))
            })
    }

    /// "into its rival, Kestrel Inc.", "an seine Tochter, die Orvex GmbH": a description opened by
    /// a possessive of the language (`restated_openers`), at most two more words and a comma,
    /// then a name that ends the clause: the name restates the description, so it is the one
    /// meant. Not where the name runs on ("its rival, Kestrel, said"): a new clause.
    pub fn restated_after_description(&self, pos: usize, to: usize) -> Option<Name> {
        let openers = &lexicon::lexicon(self.lang).restated_openers;
        if openers.is_empty() {
            return None;
        }
        let rest = span::cut(self.text, pos, to);
        let comma = rest.find(',')?;
        let mut words = rest[..comma].split_whitespace();
        let first = words.next()?;
        let described: Vec<&str> = words.collect();
        if !openers.iter().any(|o| o.eq_ignore_ascii_case(first))
            || described.is_empty()
            || described.len() > 2
            || described
                .iter()
                .any(|w| !w.chars().all(|c| c.is_alphabetic() || c == '-'))
        {
            return None;
        }
        let n = self.read_name(pos + comma + 1, to)?;
        let after = span::cut(self.text, n.end, to).trim_start();
        (after.is_empty() || after.starts_with(['.', ';', ')'])).then_some(n)
    }

    /// A title written after its portfolio follows `end`, right after it or past more of the
    /// portfolio ("Defence Minister", "Trade and Industry Minister"): up to three more words,
    /// each capitalised or a conjunction.
    fn portfolio_follows(&self, end: usize, limit: usize) -> bool {
        let mut pos = self.skip_ws(end, limit);
        for _ in 0..4 {
            if self
                .hit_at(pos)
                .is_some_and(|h| h.has(|r| *r == Role::PortfolioTitle))
            {
                return true;
            }
            let (ws, we, ends) = self.word(pos, limit);
            let w = span::cut(self.text, ws, we);
            let joins = w == "&" || self.hits_at(ws).any(|h| h.has(|r| *r == Role::ListJoin));
            if ends || we >= limit || !(is_capitalised(w) || joins) {
                return false;
            }
            pos = self.skip_ws(we, limit);
        }
        false
    }

    /// Whether the known entity `e` is a country that only qualifies an organisation (see
    /// `qualified_by_country`): such a country is no party of its own.
    pub fn country_qualifies(&self, e: &EntityHit) -> bool {
        e.entity.kind == Kind::Country
            && (self.inside_a_headed_name(e)
                || self.syllable_of_a_native_name(e.start, e.end)
                || self
                    .qualified_by_country(e.start, e.end, self.text.len())
                    .is_some()
                || self.nationality_after_name(e.start)
                || self.bracketed_after_name(e)
                || self.country_compound(e)
                || self.describes_a_noun(e.start, e.end)
                || self.consent_of(e.end)
                || self.national_unit(e)
                || self.ends_an_organisation_of(e))
    }

    /// "Export Credit Bank of Kenya", "Orvex Bank of Norland", "Commonwealth Bank of Australia":
    /// a country after the language's connector ("of") that follows an organisation's last word
    /// (`org_tails`: Bank, Fund, Corporation …) written after another capitalised word ends that
    /// organisation's name; it is no party of its own. ("Government of Kenya" has no such word.)
    fn ends_an_organisation_of(&self, e: &EntityHit) -> bool {
        let Some(before) = span::before(self.text, e.start).strip_suffix(' ') else {
            return false;
        };
        let Some(connector) = self
            .hits
            .iter()
            .find(|h| h.end == before.len() && h.has(|r| *r == Role::Connector))
        else {
            return false;
        };
        let Some(head) = span::before(self.text, connector.start).strip_suffix(' ') else {
            return false;
        };
        let Some(tail) = self.hits.iter().find(|h| {
            h.end == head.len()
                && h.has(|r| *r == Role::OrgTail)
                && is_capitalised(span::cut(self.text, h.start, h.end))
        }) else {
            return false;
        };
        span::before(self.text, tail.start)
            .strip_suffix(' ')
            .and_then(|b| b.rsplit(char::is_whitespace).next())
            .is_some_and(|w| is_capitalised(w) && has_letter(w))
    }

    /// "Realty firm Kestrel India has acquired …", "Orvex Vietnam signed …": a country right
    /// after an unknown capitalised word that is no function word and no word of the deal
    /// lexicon (a title, a verb) ends the name of a company's national unit; the country is no
    /// party, and the unit's name is read in its place; so does one after an organisation's last
    /// word or a known company ("Halvard Bank Norway", "Siemens China"). Not in a headline in title
    /// case, not after a known state ("Vietnam Laos"); in a language whose lexicon sets
    /// `national_units`.
    fn national_unit(&self, e: &EntityHit) -> bool {
        // Where every noun is capitalised, a noun stands there as often ("die Entscheidung
        // Norwegens"); Vietnamese names a unit with its head ("Công ty Kestrel Việt Nam"): only
        // where the lexicon says so.
        if !lexicon::lexicon(self.lang).national_units {
            return false;
        }
        let before = span::before(self.text, e.start);
        let Some(head) = before.strip_suffix(' ') else {
            return false;
        };
        let word = head.rsplit(char::is_whitespace).next().unwrap_or("");
        let word_start = e.start - 1 - word.len();
        // "Halvard Bank Norway", "Siemens China": an organisation's last word, or a known
        // company, may end the name before the country; a known state may not ("Vietnam Laos").
        if word.is_empty()
            || !word.chars().all(char::is_alphabetic)
            || !is_capitalised(word)
            || word.chars().count() < 2
            || self.hits.iter().any(|h| {
                h.start <= word_start && word_start < h.end && !h.has(|r| *r == Role::OrgTail)
            })
            || self
                .ents
                .iter()
                .any(|o| o.start <= word_start && word_start < o.end && o.entity.kind.is_public())
            || crate::lang::detect::is_stopword(self.lang, &word.to_lowercase())
            || lexicon::lexicon(self.lang)
                .not_names
                .iter()
                .any(|n| n == word)
        {
            return false;
        }
        !title_case(self.text)
    }

    /// "subject to China's approval", "pending Brazil's antitrust approval": a country's
    /// possessive before a noun of the language's `approval_nouns` (one word may stand between)
    /// names a state that only consents to the deal.
    fn consent_of(&self, end: usize) -> bool {
        let rest = span::cut(self.text, end, self.text.len());
        let Some(after) = POSSESSIVES
            .iter()
            .find_map(|m| rest.strip_prefix(m))
            .and_then(|r| r.strip_prefix(' '))
        else {
            return false;
        };
        let head: String = after.chars().take(60).collect::<String>().to_lowercase();
        let nouns = &lexicon::lexicon(self.lang).approval_nouns;
        let starts = |text: &str| {
            nouns.iter().any(|n| {
                text.strip_prefix(n.as_str())
                    .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()))
            })
        };
        starts(&head)
            || head
                .split_once(' ')
                .is_some_and(|(_, second)| starts(second.trim_start()))
    }

    /// "The UK lender signed …", "a US unit of Kestrel", "Doanh nghiệp Mỹ này đã
    /// ký …", "nhà sản xuất động cơ Mỹ": a country written right before a common noun of the
    /// language's `nouns_a_country_describes` (right after it, or after it and up to two
    /// lower-case words that describe it, half `descriptor_words` where words are syllables,
    /// where nationalities follow their noun) says where that
    /// company or market is; the country is no party.
    fn describes_a_noun(&self, start: usize, end: usize) -> bool {
        let lex = lexicon::lexicon(self.lang);
        let nouns = &lex.nouns_a_country_describes;
        if nouns.is_empty() {
            return false;
        }
        if lex.country_before_name {
            // "'Đại gia' Malaysia": a noun in quotation marks is still the noun.
            let before = self.text[..start]
                .trim_end()
                .trim_end_matches(['\'', '"', '”', '’'])
                .trim_end();
            // The last few words are enough: the longest noun is short.
            let from = (before.len().saturating_sub(40)..before.len())
                .find(|&i| before.is_char_boundary(i))
                .unwrap_or(before.len());
            let lower = self.lower_slice(&before[from..]);
            let noun_at_end = |text: &str| {
                nouns.iter().any(|w| {
                    text.ends_with(w.as_str())
                        && text[..text.len() - w.len()]
                            .chars()
                            .next_back()
                            .is_none_or(|c| !c.is_alphanumeric())
                })
            };
            if noun_at_end(&lower) {
                return true;
            }
            // The noun, then up to two lower-case words that describe it ("nhà sản xuất động cơ
            // Mỹ"): `rest` is the lower-cased text before, `written` the same text as written.
            // `asked`: whether the noun right at the end was asked already.
            // Where words are syllables, twice as many: "hãng sữa hàng đầu Hàn Quốc".
            let most = (lex.descriptor_words / 2).max(2);
            let described = |rest: &str, written: &str, asked: bool| {
                let mut cut = rest.trim_end();
                for i in 0..=most {
                    if !(asked && i == 0) && noun_at_end(cut) {
                        return true;
                    }
                    let Some((head, last)) = cut.rsplit_once(' ') else {
                        return false;
                    };
                    // Only lower-case words describe the noun ("Tập đoàn Orvex của Mỹ" names one).
                    if !written.contains(last) || last.starts_with(char::is_uppercase) {
                        return false;
                    }
                    cut = head.trim_end();
                }
                false
            };
            if described(&lower, &before[from..], true) {
                return true;
            }
            // "với hai ngân hàng lớn của Singapore": the same before the word of
            // `country_after_name`; the country says whose they are.
            let Some(rest) = lex.country_after_name.iter().find_map(|of| {
                lower
                    .strip_suffix(of.to_lowercase().as_str())
                    .filter(|r| r.ends_with(' '))
            }) else {
                return false;
            };
            described(rest, &before[from..from + rest.len()], false)
        } else {
            let Some(rest) = self.text[end..].strip_prefix(' ') else {
                return false;
            };
            // A noun as written (lower-case: "US Steel" is a name), ending at a word's end.
            nouns.iter().any(|w| {
                rest.strip_prefix(w.as_str())
                    .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()))
            })
        }
    }

    /// "Công ty Sơn Đại Việt", "Tập đoàn Bảo Nhật": a country word among the capitalised words
    /// of a name that an organisation's head opens (no mark between, and no lower-case word but
    /// a name's second syllable) is part of that name.
    fn inside_a_headed_name(&self, e: &EntityHit) -> bool {
        let syllables = self.lang.deals().names_span_lower_case_syllables();
        self.hits.iter().any(|h| {
            h.org_head().is_some()
                && h.end < e.start
                && is_capitalised(span::cut(self.text, h.start, h.end))
                && {
                    let between = span::cut(self.text, h.end, e.start);
                    // Lower-case syllables since the last capitalised one (none yet: too many).
                    let mut lower_run = 2;
                    !between.trim().is_empty()
                        && between.split_whitespace().all(|w| {
                            let alphabetic = w.chars().all(char::is_alphabetic);
                            let cap = is_capitalised(w);
                            // "Tổng công ty Cảng biển Việt Nam", "Vận tải biển": where a name
                            // capitalises only a word's first syllable, up to two lower-case
                            // syllables may follow a capitalised one, where no word of the deal
                            // lexicon covers them ("ký", "với") and they are no function word.
                            let at = h.end + (w.as_ptr() as usize - between.as_ptr() as usize);
                            let ok = alphabetic
                                && (cap
                                    || (syllables
                                        && lower_run < 2
                                        && !self.hits.iter().any(|x| x.start <= at && at < x.end)
                                        && !crate::lang::detect::is_stopword(
                                            self.lang,
                                            &w.to_lowercase(),
                                        )));
                            lower_run = if cap { 0 } else { lower_run + 1 };
                            ok
                        })
                }
        })
    }

    /// "Công ty Nhiệt điện Phú Mỹ", "Tập đoàn Đức Giang": a country's one-word name written right
    /// beside a capitalised syllable of a name of the language (see
    /// `DealRules::native_name_syllable`) is a syllable of that name, no country. Not across a
    /// comma ("Việt Nam, Mỹ").
    fn syllable_of_a_native_name(&self, start: usize, end: usize) -> bool {
        if span::cut(self.text, start, end).contains(char::is_whitespace) {
            return false;
        }
        let rules = self.lang.deals();
        let native = |w: &str| is_capitalised(w) && rules.native_name_syllable(w);
        let before = self.text[..start]
            .strip_suffix(' ')
            .and_then(|b| b.rsplit(' ').next())
            .filter(|w| w.ends_with(char::is_alphabetic));
        let after = self.text[end..]
            .strip_prefix(' ')
            .and_then(|a| a.split(' ').next())
            .map(|w| w.trim_end_matches(|c: char| !c.is_alphabetic()));
        before.is_some_and(native) || after.is_some_and(native)
    }

    /// "Tập đoàn Orvex (Đức)", "Orvex Group (Germany)": a country alone in brackets right after
    /// a capitalised word says where that name is from; so does one after the name's short form
    /// ("Quỹ Kestrel Capital (KC, Na Uy)").
    fn bracketed_after_name(&self, e: &EntityHit) -> bool {
        let mut before = self.text[..e.start].trim_end();
        if let Some(short) = before.strip_suffix(',') {
            if let Some(i) = short.rfind('(') {
                if is_abbreviation(short[i + 1..].trim()) {
                    before = &short[..=i];
                }
            }
        }
        let Some(open) = before.strip_suffix('(') else {
            return false;
        };
        self.text[e.end..].trim_start().starts_with(')')
            && open
                .trim_end()
                .rsplit(char::is_whitespace)
                .next()
                .is_some_and(is_capitalised)
    }

    /// "an den US-Finanzinvestor Kestrel Partners", "der Schweizer-Konzern": a country joined by
    /// a hyphen to a describing noun before a name qualifies that name.
    fn country_compound(&self, e: &EntityHit) -> bool {
        self.text[e.end..].starts_with('-')
            && self.descriptor_noun(e.start, self.text.len()).is_some()
    }

    /// "ký với Tập đoàn Orvex của Mỹ", "Orvex của Cộng hòa Séc": a country right after a tie word
    /// of the language (`country_after_name`) that follows a capitalised word (no model number,
    /// not the sentence's first word) says where that name is from; "mua 12 chiếc L-39 của Séc"
    /// buys from the country.
    fn nationality_after_name(&self, start: usize) -> bool {
        let before = self.text[..start].trim_end();
        lexicon::lexicon(self.lang)
            .country_after_name
            .iter()
            .any(|tie| {
                let Some(rest) = before.strip_suffix(tie.as_str()) else {
                    return false;
                };
                if !rest.ends_with(' ') {
                    return false;
                }
                let rest = rest.trim_end();
                let word = rest.rsplit(char::is_whitespace).next().unwrap_or("");
                let first_word = rest.len() == word.len();
                is_capitalised(word) && !first_word && !word.contains(|c: char| c.is_ascii_digit())
            })
    }

    /// The organisation a known country `e` qualifies, read up to `limit` ("Peru-based Quillcorp",
    /// "the Netherlands' Harbourline Bank"); `None` where the country stands alone.
    pub fn name_qualified_by(&self, e: &EntityHit, limit: usize) -> Option<Name> {
        (e.entity.kind == Kind::Country)
            .then(|| self.qualified_by_country(e.start, e.end, limit))
            .flatten()
    }

    /// "Peru-based", "Paris-headquartered", "Nordmar-backed", "San Francisco-based", "Raleigh,
    /// North Carolina-based": where a name is based or who holds it qualifies it and is none of
    /// it (the language's `qualifying_suffixes`; a place of several capitalised words, one comma
    /// among them, before it). The end of such a phrase at `pos`.
    fn located_adjective(&self, pos: usize, limit: usize) -> Option<usize> {
        let rest = span::cut(self.text, pos, limit);
        if let Some(end) = self.located_place_phrase(rest) {
            return (end < rest.len()).then_some(pos + end);
        }
        let word = rest.split(char::is_whitespace).next()?;
        // "das Koblenzer Bundesamt für …": a place's adjective right before a known name.
        let place = is_capitalised(word)
            && lexicon::lexicon(self.lang)
                .place_adjective_endings
                .iter()
                .any(|e| word.len() > e.len() + 2 && word.ends_with(e.as_str()))
            && self
                .entity_at(self.skip_ws(pos + word.len(), limit))
                .is_some();
        (place && word.len() < rest.len()).then_some(pos + word.len())
    }

    /// The end of "Peru-based" or "Raleigh, North Carolina-based" at the start of `rest`: at most
    /// four capitalised words (the last but one may end with a comma), the last with a qualifying
    /// suffix.
    fn located_place_phrase(&self, rest: &str) -> Option<usize> {
        let suffixes = &lexicon::lexicon(self.lang).qualifying_suffixes;
        // Asked at every name read: the suffixes are hyphenated, so a phrase without a hyphen
        // in reach is none.
        // (A hyphen within the first 80 characters: searched for among the first 320 bytes, as
        // far as 80 characters reach, then counted up to.)
        let hyphen_in_reach = || {
            span::head(rest, 320)
                .find('-')
                .is_some_and(|i| rest[..i].chars().nth(79).is_none())
        };
        if suffixes.iter().all(|s| s.starts_with('-')) && !hyphen_in_reach() {
            return None;
        }
        let mut at = 0;
        for _ in 0..4 {
            let gap = rest[at..].len() - rest[at..].trim_start().len();
            at += gap;
            let word = rest[at..].split(char::is_whitespace).next()?;
            if word.is_empty() {
                return None;
            }
            if suffixes
                .iter()
                .any(|s| word.len() > s.len() && span::lower_ends_with(word, s))
            {
                return Some(at + word.len());
            }
            if !is_capitalised(word.trim_end_matches(',')) {
                return None;
            }
            at += word.len();
        }
        None
    }

    /// "with Korea's Orchid Shipyard", "Japan’s Kestrel Steel", "Norland's gas importer Telmar",
    /// "Norland's state-run lender Orvex Bank": a country's possessive before a capitalised word, or
    /// before a description of the name after it (a descriptor, or a determiner such as
    /// "state-run"), qualifies the name and is none of it. The end of the possessive.
    fn country_possessive(&self, pos: usize, limit: usize) -> Option<usize> {
        let rest = span::cut(self.text, pos, limit);
        let word = rest.split(char::is_whitespace).next()?;
        let stem = strip_possessive(word)?;
        let country = self
            .lexicon
            .lookup(stem)
            .is_some_and(|e| e.kind == Kind::Country);
        if !country {
            return None;
        }
        let end = pos + word.len();
        let next = self.skip_ws(end, limit);
        let described = || {
            self.descriptor(next, limit).is_some()
                || self
                    .hit_at(next)
                    .is_some_and(|h| h.has(|r| *r == Role::Determiner))
        };
        (is_capitalised(self.next_word(end, limit)) || described()).then_some(end)
    }

    /// "with battery materials producer Kestrel Lithium", "dem schwedischen Hersteller Nordcell": up to
    /// four lower-case words that describe the name after them (no word the lexicon knows, no
    /// number, no clause end). Where they end, if a capitalised word follows.
    fn descriptor(&self, pos: usize, limit: usize) -> Option<usize> {
        self.descriptor_of(pos, limit, lexicon::lexicon(self.lang).descriptor_words)
    }

    /// At an organisation's head, or right after one ("Công ty | đóng tàu Sao Mai"). (The
    /// sentence's hits are in text order: the one before `ws` is the last that starts before it.)
    fn at_or_after_org_head(&self, ws: usize) -> bool {
        let before = self.hits.partition_point(|h| h.start < ws);
        self.hit_at(ws).is_some_and(|h| h.org_head().is_some())
            || before.checked_sub(1).is_some_and(|k| {
                let h = &self.hits[k];
                h.org_head().is_some()
                    && h.end <= ws
                    && span::cut(self.text, h.end, ws).trim().is_empty()
            })
    }

    /// "Turbine maker Orvex Wind and …", "to Basque firm Orvex": the capitalised word `ws..we`
    /// right before a word for a kind of organisation written in lower case, itself right before
    /// a capitalised word, says what that kind makes or where it is from. Where the name starts.
    fn kind_after_capitalised(&self, ws: usize, we: usize, limit: usize) -> Option<usize> {
        if self.entity_at(ws).is_some() {
            return None;
        }
        // "Medical equipment supplier Kestrel & Co", "GLOBAL shipping company Hapag": up to two
        // plain lower-case words (no cue) may stand before the kind word.
        let mut next = self.skip_ws(we, limit);
        for _ in 0..3 {
            if let Some(h) = self.hit_at(next).filter(|h| {
                kind_word(h)
                    && span::cut(self.text, h.start, h.end).starts_with(char::is_lowercase)
                    && h.end < limit
                    && is_capitalised(self.next_word(h.end, limit))
            }) {
                return Some(self.skip_ws(h.end, limit));
            }
            let (s, e, ends) = self.word(next, limit);
            let w = span::cut(self.text, s, e);
            let plain = !ends
                && self.hit_at(s).is_none()
                && w.chars().all(|c| c.is_lowercase() || c == '-');
            if !plain {
                return None;
            }
            next = self.skip_ws(e, limit);
        }
        None
    }

    /// `descriptor`, of up to `max` words.
    fn descriptor_of(&self, pos: usize, limit: usize, max: usize) -> Option<usize> {
        let mut p = pos;
        let mut headed = false;
        for n in 0..=max {
            let (ws, we, ends) = self.word(p, limit);
            let w = span::cut(self.text, ws, we);
            let first = w.chars().next()?;
            if n == 0 {
                headed = self.at_or_after_org_head(ws);
            }
            // "quỹ đầu tư", "Investment firm Kestrel Partners said": a kind of organisation of
            // several words is read whole ("tư" in it is no numeral), capitalised or not when it
            // opens the sentence; so is a single kind word opening the sentence before a
            // capitalised word ("Shipbuilder Orvex has won …").
            let opens_sentence = self.text[..ws].trim().is_empty();
            let single_kind_opener = |h: &Hit| {
                h.end == we
                    && opens_sentence
                    && h.roles.iter().all(|r| matches!(r, Role::Anaphor(_)))
                    && is_capitalised(self.next_word(we, limit))
            };
            if let Some(h) = self.hit_at(ws).filter(|h| {
                (h.end > we || single_kind_opener(h))
                    && h.end < limit
                    && kind_word(h)
                    && !span::cut(self.text, we, h.end).contains(char::is_uppercase)
                    && (first.is_lowercase() || (opens_sentence && h.org_head().is_none()))
            }) {
                p = self.skip_ws(h.end, limit);
                continue;
            }
            // "Turbine maker Orvex Wind": what the kind makes, then the name.
            if first.is_uppercase() && n == 0 && !ends {
                if let Some(p) = self.kind_after_capitalised(ws, we, limit) {
                    return Some(p);
                }
            }
            if first.is_uppercase() {
                return (n > 0).then_some(ws);
            }
            // "công ty xuất khẩu Orvex", "the arms exporter": after a kind of organisation, what
            // it does (a verb of selling or buying) describes it too.
            let trade_word = |h: &Hit| {
                headed
                    && h.roles
                        .iter()
                        .all(|r| matches!(r, Role::SellerVerb | Role::BuyerVerb))
            };
            // "Công ty đóng tàu Sao Mai": a thing it makes ("tàu") describes it too.
            let thing_word = |h: &Hit| headed && h.roles.iter().all(|r| *r == Role::SingularHead);
            // "steel and cable maker Nordmar": a conjunction between two lower-case words of it.
            let join_word = |h: &Hit| {
                n > 0
                    && h.end == we
                    && h.has(|r| *r == Role::BetweenJoin)
                    && self.next_word(we, limit).starts_with(char::is_lowercase)
            };
            let plain = first.is_lowercase()
                && w.chars()
                    .all(|c| crate::text::is_letter_fast(c) || c == '-')
                && self.hit_at(ws).is_none_or(|h| {
                    kind_word(h)
                        || trade_word(h)
                        || thing_word(h)
                        || join_word(h)
                        || h.has(|r| *r == Role::Offtake)
                })
                && !ends;
            // (A numeral is no description: parsed last, where nothing else ended it.)
            if !plain || we >= limit || crate::amount::parse_number_word(w, self.lang).is_some() {
                return None;
            }
            p = self.skip_ws(we, limit);
        }
        None
    }

    /// "den Konkurrenten Nordmar", "der Kestrel-Konkurrent Orchid", "Stromnetzbetreiber Nordnetz": a
    /// capitalised noun the language lists as a descriptor (also as a compound's last part),
    /// followed by a capitalised word, describes the name and is none of it. Where it ends.
    fn descriptor_noun(&self, pos: usize, limit: usize) -> Option<usize> {
        let nouns = &lexicon::lexicon(self.lang).descriptor_nouns;
        if nouns.is_empty() {
            return None;
        }
        let (ws, we, ends) = self.word(pos, limit);
        // Either reading needs the word to go on past it (no clause end).
        if ends {
            return None;
        }
        let raw = span::cut(self.text, ws, we);
        // "Chemie- und Pharmakonzern Nordchem": a truncated first part joined by a conjunction of
        // the language (`truncation_joins`) to a descriptor is part of it.
        if raw.ends_with('-') && raw.len() > 1 {
            let conj = self.skip_ws(we, limit);
            let (_, ce, cends) = self.word(conj, limit);
            let joins = &crate::amount::lexicon::lexicon(self.lang).truncation_joins;
            if !cends && joins.iter().any(|j| j == span::cut(self.text, conj, ce)) {
                return self.descriptor_noun(self.skip_ws(ce, limit), limit);
            }
        }
        // Most words are followed by none: that test first, the lower-casing after it.
        if !is_capitalised(self.next_word(we, limit)) {
            return None;
        }
        let w = raw.to_lowercase();
        let described =
            nouns.iter().any(|n| w.ends_with(n.as_str())) && self.lexicon.lookup(raw).is_none();
        described.then_some(we)
    }

    /// A country that only qualifies an organisation: "Chile's Andes Cargo", "Peru-based Inca
    /// Rail" (the name after it), "Norway Airlines", "Oman Energy" (capitalised words
    /// after it ending in an organisation's last word: the whole is the name).
    fn qualified_by_country(&self, start: usize, end: usize, limit: usize) -> Option<Name> {
        let rest = span::cut(self.text, end, limit);
        for mark in ["'s ", "’s ", "`s ", "' ", "’ "] {
            if rest.starts_with(mark) {
                return self.read_name(end + mark.len(), limit);
            }
        }
        // "Peru-based Inca Rail", "Qatar-backed Kestrel": the language's `qualifying_suffixes`.
        for suffix in &lexicon::lexicon(self.lang).qualifying_suffixes {
            if let Some(after) = rest.strip_prefix(suffix.as_str()) {
                if after.starts_with(' ') {
                    return self.read_name(end + suffix.len() + 1, limit);
                }
            }
        }
        // "Vietnamese budget carrier Sao Viet Air", "German carmaker Nordwagen": a country (as an
        // adjective) before a description and a name qualifies that name.
        if rest.starts_with(' ') {
            let after = self.skip_ws(end, limit);
            if let Some(p) = self.descriptor(after, limit) {
                return self.read_name(p, limit);
            }
        }
        let (name_end, words) = self.name_words(end, limit, true);
        let last = span::cut(self.text, end, name_end)
            .split_whitespace()
            .last();
        let tail = words > 0
            && last.is_some_and(|last| {
                self.hit_at(name_end - last.len())
                    .is_some_and(|h| h.end == name_end && h.has(|r| *r == Role::OrgTail))
            });
        // "hãng dược phẩm Ấn Độ Sunveda": where the language writes the nationality right before
        // the name. Not where the words after the country end in an organisation's last word
        // ("ký với Qatar Gas", "Korea Electric Power"): the country opens the name.
        if !tail {
            if let Some(n) = self
                .leading_country(start, limit)
                .and_then(|p| self.read_name(p, limit))
            {
                return Some(n);
            }
        }
        last?;
        // "Korea Zinc has obtained a loan": capitalised words after the country, no title, right
        // before a verb that makes a deal, are a company's name that opens with the country.
        // (Not a day or a month: "Japan Tuesday signed …".)
        let subject = words > 0
            && rest.starts_with(' ')
            && !self.hits.iter().any(|h| {
                h.start >= end
                    && h.end <= name_end
                    && h.has(|r| matches!(r, Role::Title | Role::PortfolioTitle | Role::Stop))
            })
            && self.before_deal_verb(name_end);
        if !tail && !subject {
            return None;
        }
        let raw = span::cut(self.text, start, name_end).trim();
        Some(Name {
            start,
            end: name_end,
            canonical: self
                .lexicon
                .lookup(raw)
                .map_or_else(|| raw.to_string(), |e| e.canonical.clone()),
            kind: self.lexicon.lookup(raw).map(|e| e.kind),
            country: None,
        })
    }

    /// "with US carrier Orvex Air": a country the sentence set aside as qualifying a name (so no
    /// longer among its entities) still leads to that name, not to itself. The longest known
    /// country of the first three words at `pos`, then the name it qualifies.
    fn country_set_aside(&self, pos: usize, limit: usize) -> Option<Name> {
        let rest = span::cut(self.text, pos, limit);
        if !rest.starts_with(char::is_uppercase) {
            return None;
        }
        let end = self.country_opening(rest)?;
        self.qualified_by_country(pos, pos + end, limit)
    }

    /// The end of the longest known country among the first three words of `rest` ("Việt Nam -
    /// Israel": a dash or other mark is no word of a country's name, and ends the search).
    fn country_opening(&self, rest: &str) -> Option<usize> {
        rest.split_whitespace()
            .take(3)
            .take_while(|w| w.chars().any(crate::text::is_letter_fast))
            .map(|w| w.as_ptr() as usize - rest.as_ptr() as usize + w.len())
            .filter(|&end| {
                self.lexicon
                    .lookup(&rest[..end])
                    .is_some_and(|e| e.kind == Kind::Country)
            })
            .last()
    }

    /// Skips whitespace, then determiners and adjectives of nationality before a name ("the",
    /// "die", "các"; at most three).
    fn skip_determiners(&self, pos: usize, limit: usize) -> usize {
        let mut pos = self.skip_ws(pos, limit);
        for _ in 0..3 {
            // "the Japanese government": a name the lexicon knows is read whole, even where its
            // first word alone is a determiner.
            if self
                .entity_at(pos)
                .is_some_and(|e| self.hit_at(pos).is_some_and(|h| h.end < e.end))
            {
                break;
            }
            match self.hit_at(pos) {
                // "Hãng hàng không Sơn Ca": a capitalised organisation head is the name's own
                // first word even where the lexicon also lists it as a determiner ("hãng").
                Some(h) if h.has(|r| *r == Role::ClauseOpener) && h.end < limit => {
                    pos = self.skip_ws(h.end, limit);
                }
                Some(h)
                    if h.has(|r| *r == Role::Determiner)
                        && h.end < limit
                        && !(h.org_head().is_some()
                            && is_capitalised(span::cut(self.text, h.start, h.end))) =>
                {
                    pos = self.skip_ws(h.end, limit);
                }
                _ => match self
                    .located_adjective(pos, limit)
                    .or_else(|| self.country_possessive(pos, limit))
                    .or_else(|| self.descriptor(pos, limit))
                    .or_else(|| self.descriptor_noun(pos, limit))
                    .or_else(|| self.told_with_a_number(pos, limit))
                {
                    Some(end) => pos = self.skip_ws(end, limit),
                    None => break,
                },
            }
        }
        pos
    }

    /// "Ấn Độ Sunveda", "Thái Lan Central Volt": where the language writes a
    /// nationality right before the name (`country_before_name`), a known country of up to three
    /// words followed by a capitalised word qualifies the name. Where the name starts.
    fn leading_country(&self, pos: usize, limit: usize) -> Option<usize> {
        if !lexicon::lexicon(self.lang).country_before_name {
            return None;
        }
        let rest = span::cut(self.text, pos, limit);
        // A country's name opens on a capital (and most words here do not: no lookup for them).
        if !rest.starts_with(char::is_uppercase) {
            return None;
        }
        let end = self.country_opening(rest)?;
        // "từ Việt Nam, Thái Lan và …": a list, no nationality before a name.
        if rest[..end].ends_with([',', ';', ':', '.']) {
            return None;
        }
        // "Tập đoàn Đức Giang": a syllable of the name, no nationality.
        if self.syllable_of_a_native_name(pos, pos + end) {
            return None;
        }
        let next = rest[end..].strip_prefix(' ')?;
        next.chars()
            .next()
            .is_some_and(char::is_uppercase)
            .then_some(pos + end + 1)
    }

    /// An organisation's head word at `pos`, written with a capital ("Cơ quan Hải quan", "Tập
    /// đoàn"): its name template and where it ends.
    fn org_head_at(&self, pos: usize, limit: usize) -> Option<(Option<&str>, usize)> {
        let h = self.hit_at(pos)?;
        let t = h.org_head()?;
        // "mua lại công ty Trường Phát": a head written in lower case is one where a capitalised
        // word follows it at once.
        let head = is_capitalised(span::cut(self.text, h.start, h.end))
            || is_capitalised(self.next_word(h.end, limit));
        (h.end < limit && head).then_some((t, h.end))
    }

    /// The words of a name from `pos`: capitalised words, joined by "&", "-" or a connector
    /// before a capital ("Pratt & Whitney"), up to a stop word, punctuation or a lower-case word.
    /// Where they end and how many there are.
    fn name_words(&self, mut pos: usize, limit: usize, mut prev_cap: bool) -> (usize, usize) {
        let mut end = pos;
        let mut words = 0usize;
        // "Công ty Cổ phần Đầu tư Sao Mai": after an organisation's head, a capitalised deal word
        // is a word of the name, where a capital marks names only.
        let headed = prev_cap && !lexicon::lexicon(self.lang).nouns_capitalised;
        loop {
            pos = self.skip_ws(pos, limit);
            if pos >= limit || words >= 12 {
                break;
            }
            let c0 = span::after(self.text, pos).chars().next().unwrap();
            if c0 == '(' {
                break;
            }
            let phrase = self
                .lang
                .deals()
                .name_phrase_len(span::cut(self.text, pos, limit), headed && words == 0);
            if phrase > 0 {
                end = pos + phrase;
                words += 1;
                prev_cap = true;
                pos = end;
                continue;
            }
            if let Some(h) = self.hit_at(pos) {
                let in_headed_name = headed
                    && prev_cap
                    && is_capitalised(span::cut(self.text, h.start, h.end))
                    && h.roles
                        .iter()
                        .all(|r| matches!(r, Role::Trigger { .. } | Role::TypeCue(_) | Role::Stop));
                // "Peru Airlines": an organisation's last word after a capitalised word ends
                // the name inside it, even where the word alone opens no name ("Airlines said …").
                let org_tail = prev_cap
                    && h.has(|r| *r == Role::OrgTail)
                    && is_capitalised(span::cut(self.text, h.start, h.end));
                // "Export Credit Bank", "Kestrel Trade Fund": a capitalised deal word between a
                // name's word and its last word (an organisation's tail) is a word of the name.
                let before_tail = prev_cap
                    && is_capitalised(span::cut(self.text, h.start, h.end))
                    && h.roles
                        .iter()
                        .all(|r| matches!(r, Role::Trigger { .. } | Role::TypeCue(_) | Role::Stop))
                    && self.hit_at(self.skip_ws(h.end, limit)).is_some_and(|t| {
                        t.has(|r| *r == Role::OrgTail)
                            && is_capitalised(span::cut(self.text, t.start, t.end))
                    });
                if self.stops_name(h, pos) && !in_headed_name && !org_tail && !before_tail {
                    break;
                }
                if h.has(|r| *r == Role::Connector) {
                    if is_capitalised(self.next_word(h.end, limit)) {
                        pos = h.end;
                        continue;
                    }
                    break;
                }
            }
            let (ws, we, ends) = self.word(pos, limit);
            let w = span::cut(self.text, ws, we);
            if w.is_empty() {
                break;
            }
            let cap = is_capitalised(w) && has_letter(w);
            let joined = w == "&" || w == "-" || w == "–";
            // "Liên danh Kestrel – Tổng công ty Orvex": a dash before another organisation's
            // head joins two members of a consortium; the name read is its leader's.
            if joined && w != "&" && self.org_head_at(self.skip_ws(we, limit), limit).is_some() {
                break;
            }
            if joined {
                pos = we;
                continue;
            }
            let ok = cap || (prev_cap && has_letter(w) && self.syllable_continues(we, limit, ends));
            // "General Atomics MQ-9B drones": a model's designation after a name ends it.
            let model = words > 0
                && (designation_shaped(w) || self.models.is_some_and(|m| m.is_designation(w)));
            if !ok || model {
                break;
            }
            prev_cap = cap;
            end = we;
            words += 1;
            pos = we;
            // "bei der Halvard AG Züge bestellt": a legal form ends the name, where nouns are
            // capitalised too.
            if ends || (words > 1 && FINAL_LEGAL_FORMS.contains(&w.trim_end_matches(','))) {
                break;
            }
        }
        (end, words)
    }

    /// A party marker, a status cue, a trigger, a title … ends a name, unless inside a known one.
    fn stops_name(&self, h: &Hit, pos: usize) -> bool {
        h.has(|r| {
            matches!(
                r,
                Role::Stop
                    | Role::With
                    | Role::To
                    | Role::From
                    | Role::Of
                    | Role::BetweenJoin
                    | Role::BetweenOpen
                    | Role::Status(_)
                    | Role::Trigger { .. }
                    | Role::TotalCue
                    | Role::Title
            )
        }) && !self.in_entity(pos)
    }

    /// The word after whitespace from `pos`, or "" at `limit`.
    fn next_word(&self, pos: usize, limit: usize) -> &str {
        let next = self.skip_ws(pos, limit);
        if next < limit {
            span::cut(self.text, next, self.word(next, limit).1)
        } else {
            ""
        }
    }

    /// In a language that capitalises only a word's first syllable ("Dầu khí"), one lower-case
    /// syllable ending at `we` may follow a capitalised one when a capital comes next.
    fn syllable_continues(&self, we: usize, limit: usize, ends: bool) -> bool {
        if !self.lang.deals().names_span_lower_case_syllables() {
            return false;
        }
        let next_word = self.next_word(we, limit);
        !ends && (is_capitalised(next_word) && has_letter(next_word))
    }

    /// Whether an unknown name (no organisation head, not in the lexicon) looks like a name and not
    /// like a capitalised common noun, a sentence's first word or a person.
    /// See `name_like`: "den Konkurrenten Nordmar", "công ty phần mềm Trường Phát". Asked for
    /// every name read that the lexicon does not know: no copy of the text is made.
    fn announced_by_a_descriptor_noun(&self, start: usize) -> bool {
        descriptor_noun_ends(self.lang, span::before(self.text, start))
    }

    /// "Die Orvex GmbH baut Busse. … bestellt bei Orvex zehn Busse": a lone word that the
    /// article (the window being read) writes elsewhere with a legal form after it ("Orvex
    /// GmbH") or with a descriptor noun right before it ("der Busbauer Orvex") is a name there
    /// too. Asked only where every noun is capitalised, of a lone unknown word: a capital alone
    /// cannot tell "bei Orvex" from "bei Bedarf".
    fn announced_in_article(&self, raw: &str) -> bool {
        let art = self.article;
        if raw.is_empty() {
            return false;
        }
        art.match_indices(raw).any(|(i, _)| {
            let (before, after) = (&art[..i], &art[i + raw.len()..]);
            let bounded = !before
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !after.chars().next().is_some_and(char::is_alphanumeric);
            let legal_after = after.strip_prefix(' ').is_some_and(|rest| {
                let form = rest
                    .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | ')'))
                    .next()
                    .unwrap_or("");
                LEGAL_SUFFIXES.contains(&form)
                    || form
                        .strip_suffix('.')
                        .is_some_and(|f| LEGAL_SUFFIXES.contains(&f))
            });
            bounded && (legal_after || descriptor_noun_ends(self.lang, before))
        })
    }

    /// "for Line 4", "Phase II of the port", "Los 3": a word of the language's `numbered_parts`
    /// followed by a number, a Roman numeral or a single capital names a part of a project.
    fn numbered_part(&self, start: usize, raw: &str) -> bool {
        let lex = lexicon::lexicon(self.lang);
        if !lex.numbered_parts.iter().any(|w| w == raw) {
            return false;
        }
        let next = span::after(self.text, start + raw.len())
            .trim_start()
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | ')' | '.'))
            .next()
            .unwrap_or("");
        let roman = |w: &str| !w.is_empty() && w.chars().all(|c| "IVXL".contains(c));
        next.starts_with(|c: char| c.is_ascii_digit())
            || roman(next)
            || (next.chars().count() == 1 && next.starts_with(char::is_uppercase))
    }

    fn name_like(&self, start: usize, raw: &str) -> bool {
        if self.lexicon.lookup(raw).is_some() {
            return true;
        }
        let words: Vec<&str> = raw.split_whitespace().collect();
        // "the EPC contract", "the JV": an abbreviation of a thing is no party.
        let lex = lexicon::lexicon(self.lang);
        if words.len() == 1 && lex.not_names.iter().any(|n| n == raw) {
            return false;
        }
        if words.len() == 1 && self.numbered_part(start, raw) {
            return false;
        }
        // "Beide Unternehmen unterzeichneten …": the two parties of the deal before, no name.
        if self
            .hits
            .iter()
            .any(|h| h.start == start && h.has(|r| *r == Role::BothParties))
        {
            return false;
        }
        // "to produce F-16 fighter jets", "ordered K-9 howitzers": a model is no party.
        if words.len() == 1
            && (designation_shaped(raw) || self.models.is_some_and(|m| m.is_designation(raw)))
        {
            return false;
        }
        // "den Konkurrenten Nordmar", "mua lại công ty phần mềm Trường Phát": a descriptor noun
        // of the language (one or more words; a single word also as the end of a compound)
        // announces a name, even a lone word, right before it or past at most three lower-case
        // words that say what it does.
        if self.announced_by_a_descriptor_noun(start) {
            return true;
        }
        // "“This agreement …", "«Mit der Übernahme …»": a quotation opens, no name.
        if words.len() == 1 && raw.starts_with(['"', '“', '”', '„', '«', '»', '\'', '‘', '’'])
        {
            return false;
        }
        let sentence_start = span::before(self.text, start)
            .trim()
            .trim_end_matches(['"', '“', '„', '«', '\'', '‘'])
            .is_empty();
        // A lone unknown word is a name only when it is written like one: an inner capital
        // ("VinFast", "BioNTech"), all capitals ("KNDS"), or digits.
        let written_like_a_name = |w: &str| {
            has_inner_capital(w)
                || (w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && w.chars()
                        .filter(|c| c.is_alphabetic())
                        .all(char::is_uppercase))
                || w.chars().any(|c| c.is_ascii_digit())
        };
        // "Orvex (ORVX) was awarded …": an abbreviation or a ticker in parentheses right after a
        // word says the word is a name.
        let after = span::after(self.text, start + raw.len()).trim_start();
        let ticker_after = after.strip_prefix('(').is_some_and(|inside| {
            let token = inside
                .split(|c: char| c.is_whitespace() || c == ')')
                .next()
                .unwrap_or("");
            token.chars().filter(char::is_ascii_uppercase).count() >= 2 && is_abbreviation(token)
        });
        // The word right before it is a verb of saying (only that word is folded).
        let speech = &lexicon::lexicon(self.lang).speech_verbs;
        let last_word = span::before(self.text, start)
            .trim_end()
            .rsplit(|c: char| c.is_whitespace() || c == ',')
            .next()
            .unwrap_or("");
        let speaker = !speech.is_empty() && speech.contains(&last_word.to_lowercase());
        let unknown = UnknownName {
            raw,
            words: &words,
            sentence_start,
            before_deal_verb: self.before_deal_verb(start + raw.len()),
            after_deal_verb: self.after_deal_verb(start),
            inner_capital: has_inner_capital(raw),
            written_like_a_name: written_like_a_name(raw) || ticker_after,
            speaker,
            before_title: self
                .hit_at(self.skip_ws(start + raw.len(), self.text.len()))
                .is_some_and(|h| h.has(|r| *r == Role::Title)),
            after_comma: span::before(self.text, start).trim_end().ends_with(','),
            next_word: self.next_word(start + raw.len(), self.text.len()),
            described_after: super::parties::after_relative_clause(
                self,
                start + raw.len(),
                self.text.len(),
            ) > start + raw.len(),
            after_determiner: self.hits[..self.hits.partition_point(|h| h.start < start)]
                .iter()
                .rev()
                .take(4)
                .any(|h| {
                    h.has(|r| *r == Role::Determiner)
                        && self.skip_ws(h.end, self.text.len()) == start
                }),
            words_before: words_before(span::before(self.text, start)),
            reports_on_itself: sentence_start && self.reports_on_itself(start + raw.len()),
            paired_by_deal_verb: self.paired_by_deal_verb(start, start + raw.len()),
            announced_in_article: &|| {
                words.len() == 1 && lex.nouns_capitalised && self.announced_in_article(raw)
            },
        };
        self.lang.deals().unknown_name_is_a_name(&unknown)
    }

    /// "Orvex and Kestrel signed …", "unterzeichneten Orvex und Kestrel eine …", "Orvex và
    /// Kestrel đã ký …": the word from `start` to `end` and a capitalised word (up to four, for
    /// the other member's name) are joined by one of the language's `list_joins`, with a verb
    /// that makes a deal right after the pair or right before it. A word of the deal lexicon
    /// is no such name ("Bund und Land fördern …": "Land" refers back to a state).
    fn paired_by_deal_verb(&self, start: usize, end: usize) -> bool {
        let len = self.text.len();
        let is_join = |h: &Hit| h.has(|r| *r == Role::ListJoin);
        if self.hits_at(start).any(|h| h.end == end) {
            return false;
        }
        // As the first member: the join right after it, the other member's words after that.
        if let Some(join) = self.hits_at(self.skip_ws(end, len)).find(|h| is_join(h)) {
            let mut at = self.skip_ws(join.end, len);
            // "Kestrel und die Orvex AG unterzeichneten …": past the other member's article.
            if let Some(article) = self.hits_at(at).find(|h| h.has(|r| *r == Role::Determiner)) {
                at = self.skip_ws(article.end, len);
            }
            let mut member_end = None;
            for _ in 0..4 {
                let (ws, we, ends) = self.word(at, len);
                if we == ws || !is_capitalised(span::cut(self.text, ws, we)) {
                    break;
                }
                member_end = Some(we);
                if ends {
                    break;
                }
                at = self.skip_ws(we, len);
            }
            return member_end.is_some_and(|e| self.before_deal_verb(self.past_origin(e)))
                || (member_end.is_some() && self.after_deal_verb(start));
        }
        // As the second member: the join right before it, a capitalised word before that.
        let before = span::before(self.text, start).trim_end().len();
        let k = self.hits.partition_point(|h| h.end < before);
        let Some(join) = self.hits[k..]
            .iter()
            .take_while(|h| h.end == before)
            .find(|h| is_join(h))
        else {
            return false;
        };
        let prev = span::before(self.text, join.start).trim_end();
        let first_start = prev.rfind(char::is_whitespace).map_or(0, |i| {
            i + prev[i..].chars().next().map_or(1, char::len_utf8)
        });
        is_capitalised(&prev[first_start..])
            && (self.before_deal_verb(self.past_origin(end)) || self.after_deal_verb(first_start))
    }

    /// "Brannock và Telmar của Nhật Bản đã ký …": past a word of the language's `of` and a
    /// country right after `end` (where the name comes from), else `end`.
    fn past_origin(&self, end: usize) -> usize {
        let len = self.text.len();
        let Some(of) = self
            .hits_at(self.skip_ws(end, len))
            .find(|h| h.has(|r| *r == Role::Of))
        else {
            return end;
        };
        // The country as the lexicon knows it (up to three words: "Hàn Quốc", "Nhật Bản").
        let at = self.skip_ws(of.end, len);
        self.country_opening(span::cut(self.text, at, len))
            .map_or(end, |e| at + e)
    }

    /// "Orvex said it had completed …", "Orvex said on Monday it would buy …": a verb that
    /// reports a clause right after `end`, and within the next four words (no punctuation between)
    /// a word of the language's `self_pronouns`.
    fn reports_on_itself(&self, end: usize) -> bool {
        let pronouns = &lexicon::lexicon(self.lang).self_pronouns;
        if pronouns.is_empty() {
            return false;
        }
        let len = self.text.len();
        let Some(verb) = self
            .hits_at(self.skip_ws(end, len))
            .find(|h| h.has(|r| *r == Role::Reporting))
        else {
            return false;
        };
        span::after(self.text, verb.end)
            .split_whitespace()
            .take(4)
            .take_while(|w| w.chars().all(char::is_alphabetic))
            .any(|w| pronouns.iter().any(|p| span::lower_is(w, p)))
    }

    /// "Orvanto acquired Belmira", "Kestrel ordered 12 jets", "Orvex had raised $2m", "Kestrel has
    /// also signed", "Orvex plans to buy": the word right after `end`, past an aside, one auxiliary,
    /// word of the future or word of status with its infinitive marker, and the language's
    /// adverbs, is a verb that makes a deal
    /// (buys, sells, orders, signs, wins, receives), so what stands before it is its subject. A
    /// verb that only reports ("Brown said") is none.
    pub fn before_deal_verb(&self, end: usize) -> bool {
        // "Orvex — which two bankers founded — had raised": past an aside after the name.
        let end = super::parties::after_relative_clause(self, end, self.text.len());
        let len = self.text.len();
        let mut next = self.skip_ws(end, len);
        // "Orvex has also signed", "Orvex is buying": past one auxiliary, word of the future or
        // of the progressive and the language's adverbs, at most three words.
        let adverbs = &lexicon::lexicon(self.lang).adverbs;
        let mut aux_seen = false;
        let mut status_seen = false;
        for _ in 0..3 {
            if let Some(aux) = self.hit_at(next).filter(|h| {
                !aux_seen
                    && h.has(|r| matches!(r, Role::Auxiliary | Role::Future | Role::Progressive))
            }) {
                aux_seen = true;
                next = self.skip_ws(aux.end, len);
                continue;
            }
            // "Orvex to buy Kestrel in $6 billion deal": a headline's future, the language's
            // infinitive marker alone.
            if let Some(to) = self
                .hits_at(next)
                .find(|h| !aux_seen && h.has(|r| *r == Role::Infinitive))
            {
                aux_seen = true;
                next = self.skip_ws(to.end, len);
                continue;
            }
            // "Orvex plans to buy …", "Orvex is in talks to buy …": a word of status that makes
            // no deal itself ("has agreed" does) and the language's infinitive marker before the
            // verb, after an auxiliary or not.
            if let Some(to) = self
                .hits_at(next)
                .find(|h| {
                    !status_seen && !makes_a_deal(h) && h.has(|r| matches!(r, Role::Status(_)))
                })
                .and_then(|cue| {
                    self.hits_at(self.skip_ws(cue.end, len))
                        .find(|h| h.has(|r| *r == Role::Infinitive))
                })
            {
                aux_seen = true;
                status_seen = true;
                next = self.skip_ws(to.end, len);
                continue;
            }
            if adverbs.is_empty() {
                break;
            }
            let past = self.past_adverb_aside(next);
            if past > next {
                next = self.skip_ws(past, len);
                continue;
            }
            let (ws, we, ends) = self.word(next, len);
            let w = span::cut(self.text, ws, we);
            if ends || !adverbs.iter().any(|a| a.eq_ignore_ascii_case(w)) {
                break;
            }
            next = self.skip_ws(we, len);
        }
        self.hit_at(next).is_some_and(makes_a_deal)
    }

    /// "Zudem erhielt Nordchem …": the word that ends right before `start` (past spaces) is a
    /// verb that makes a deal (see [`Ctx::before_deal_verb`]).
    fn after_deal_verb(&self, start: usize) -> bool {
        let end = span::before(self.text, start).trim_end().len();
        let k = self.hits.partition_point(|h| h.end < end);
        self.hits
            .get(k)
            .is_some_and(|h| h.end == end && makes_a_deal(h))
    }

    /// "The ministry, too, signed …": past an adverb of the language set off by commas right at
    /// `pos`, which tells nothing between a subject and its verb; else `pos`.
    pub fn past_adverb_aside(&self, pos: usize) -> usize {
        let rest = span::after(self.text, pos);
        let Some((word, _)) = rest
            .strip_prefix(',')
            .and_then(|inner| inner.split_once(','))
        else {
            return pos;
        };
        let adverb = lexicon::lexicon(self.lang)
            .adverbs
            .iter()
            .any(|a| a.eq_ignore_ascii_case(word.trim()));
        if adverb {
            pos + 1 + word.len() + 1
        } else {
            pos
        }
    }

    /// A known entity, with a short form in parentheses after it if any.
    fn known(&self, start: usize, end: usize, e: &Entity, limit: usize) -> Name {
        let _ = limit;
        Name {
            start,
            end,
            canonical: e.canonical.clone(),
            kind: Some(e.kind),
            country: e.country.clone(),
        }
    }

    /// "(Vietnam Airlines)" right after a name: its content, unless it names a parent company.
    fn parenthesis(&self, end: usize, limit: usize) -> Option<&'a str> {
        let p = self.skip_ws(end, limit);
        if !span::cut(self.text, p, limit).starts_with('(') {
            return None;
        }
        let close = span::cut(self.text, p, limit).find(')')? + p;
        let inner = span::cut(self.text, p + 1, close).trim();
        if let Some(h) = self.hit_at(p + 1) {
            if h.has(|r| *r == Role::Relation) {
                return None;
            }
        }
        // "(KC, Na Uy)", "(Orvex, Germany)": a short form, then the country the name is from.
        let inner = match inner.split_once(',') {
            Some((short, place))
                if self
                    .lexicon
                    .lookup(place.trim())
                    .is_some_and(|e| e.kind == Kind::Country) =>
            {
                short.trim()
            }
            _ => inner,
        };
        (!inner.is_empty() && is_capitalised(inner)).then_some(inner)
    }

    #[allow(clippy::too_many_arguments)]
    fn canonical(
        &self,
        start: usize,
        end: usize,
        raw: &str,
        rest: &str,
        has_head: bool,
        template: Option<&str>,
        paren: Option<&str>,
    ) -> Name {
        // "… an die Kestrel Corporation.": the full stop that ends the sentence ends no name.
        let (end, raw, rest) = if end == self.text.trim_end().len() && raw.ends_with('.') {
            (
                end - 1,
                raw.strip_suffix('.').unwrap_or(raw),
                rest.strip_suffix('.').unwrap_or(rest),
            )
        } else {
            (end, raw, rest)
        };
        let found = |e: &Entity| Name {
            start,
            end,
            canonical: e.canonical.clone(),
            kind: Some(e.kind),
            country: e.country.clone(),
        };
        if let Some(e) = self
            .lexicon
            .lookup(raw)
            .filter(|e| !foreign_abbreviation(self.lang, raw, e))
        {
            return found(e);
        }
        // "Orvex (Germany)": a country in brackets says where the name is from.
        if let Some(p) = paren {
            if let Some(e) = self
                .lexicon
                .lookup(p)
                .filter(|e| e.kind != Kind::Country && !foreign_abbreviation(self.lang, p, e))
            {
                return found(e);
            }
        }
        let trimmed = trim_legal(rest);
        if let Some(e) = self.lexicon.lookup(trimmed) {
            return found(e);
        }
        // A short Latin-script form in parentheses is the name English uses ("Tổng công ty Hàng
        // không Việt Nam (Vietnam Airlines)"); in a language that writes names as English does
        // it is an abbreviation or a ticker ("Kestrel Health Alliance (KHA)", "Norland
        // Development Fund (NDF)") and the name stands.
        // Where names are written as English writes them, a parenthesis the lexicon does not know
        // is never the name: a ticker, an abbreviation or a region ("Orvex Lines (Europe)").
        let plain = lexicon::lexicon(self.lang).names_in_english;
        let paren = paren.filter(|p| !plain && !is_listing(p));
        let country = |p: &str| {
            self.lexicon
                .lookup(p)
                .is_some_and(|e| e.kind == Kind::Country)
        };
        if let Some(p) =
            paren.filter(|p| p.is_ascii() && p.split_whitespace().count() <= 5 && !country(p))
        {
            return Name {
                start,
                end,
                canonical: p.to_string(),
                kind: None,
                country: None,
            };
        }
        let canonical = match (has_head, template) {
            (true, Some(t)) if !trimmed.is_empty() => t.replace("{}", &self.englishify(trimmed)),
            (true, None) => raw.to_string(),
            _ => match self
                .described_compound(raw)
                .or_else(|| self.described_inside(raw))
            {
                Some(name) => name.to_string(),
                None => self.englishify(trim_legal(raw)),
            },
        };
        Name {
            start,
            end,
            canonical,
            kind: None,
            country: None,
        }
    }

    /// "das vier Jahre alte Startup Kestrel", "das 2015 gegründete Startup Orvex": a number (with a
    /// unit of age of the language, `age_units`, after it) and one lower-case word, right before a
    /// descriptor noun of the language, describe the name after that noun. Where they end. Not
    /// before any other noun: "die zehn neuen Airbus-Jets" counts things.
    fn told_with_a_number(&self, pos: usize, limit: usize) -> Option<usize> {
        let lex = lexicon::lexicon(self.lang);
        // Most words are no number: nothing to do in a language without descriptor nouns, and
        // the words after are looked at before the number is parsed.
        if lex.descriptor_nouns.is_empty() {
            return None;
        }
        let (ws, we, ends) = self.word(pos, limit);
        let w = span::cut(self.text, ws, we);
        if ends || !w.starts_with(|c: char| c.is_ascii_digit() || c.is_lowercase()) {
            return None;
        }
        let mut p = self.skip_ws(we, limit);
        let (us, ue, uends) = self.word(p, limit);
        let units = &lex.age_units;
        if !uends
            && units
                .iter()
                .any(|u| span::lower_is(span::cut(self.text, us, ue), u))
        {
            p = self.skip_ws(ue, limit);
        }
        let (aws, awe, aends) = self.word(p, limit);
        let adjective = span::cut(self.text, aws, awe);
        if aends || !adjective.starts_with(char::is_lowercase) {
            return None;
        }
        let noun = self.skip_ws(awe, limit);
        self.descriptor_noun(noun, limit)?;
        let number = w.chars().all(|c| c.is_ascii_digit())
            || crate::amount::parse_number_word(w, self.lang).is_some();
        number.then_some(awe)
    }

    /// "der Darmstädter Nordchem-Konzern", "die Kestrel-Gruppe": a name joined by a hyphen to a
    /// descriptor of the language, as the last word, is the name; the words before it only
    /// describe it.
    fn described_compound<'r>(&self, raw: &'r str) -> Option<&'r str> {
        let last = raw.split_whitespace().next_back()?;
        let (name, tail) = last.rsplit_once('-')?;
        let tail = tail.to_lowercase();
        let nouns = &lexicon::lexicon(self.lang).descriptor_nouns;
        (!name.is_empty() && is_capitalised(name) && nouns.contains(&tail)).then_some(name)
    }

    /// "das Berliner Startup Kestrel", "der Münchner Chemiekonzern Nordchem Solutions": in a
    /// language that writes its nouns with a capital, capitalised words read as one name that
    /// hold a descriptor of the language (also as a compound's last part) before their last word
    /// are a description and a name; the name is the words after the last descriptor.
    fn described_inside<'r>(&self, raw: &'r str) -> Option<&'r str> {
        let nouns = &lexicon::lexicon(self.lang).descriptor_nouns;
        if nouns.is_empty() {
            return None;
        }
        // Each word with where it starts in `raw`.
        let words: Vec<(usize, &str)> = raw
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - raw.as_ptr() as usize, w))
            .collect();
        let described = |w: &str| {
            let w = w.to_lowercase();
            nouns.iter().any(|n| w.ends_with(n.as_str()))
        };
        let (i, _) = words[..words.len().saturating_sub(1)]
            .iter()
            .enumerate()
            .rev()
            .find(|(_, (_, w))| described(w))?;
        let (at, _) = words[i + 1];
        let name = &raw[at..];
        name.split_whitespace().all(is_capitalised).then_some(name)
    }

    /// The name as English writes it (the language's own rule).
    fn englishify(&self, s: &str) -> String {
        self.lang.deals().englishify(s)
    }
}

/// "NYSE: KST", "HoSE: NLG", "mã: VIC": an exchange (or the word for a stock code) and a ticker,
/// as a listing in parentheses after a company's name is written; no name.
/// "… verkauft an die" gives `["die", "an"]`: the two words that end `before`, nearest first,
/// stripped of punctuation. A clause mark (comma, semicolon, colon, dash) ends the search, so
/// "Verträge, die" gives `["die", ""]`.
fn words_before(before: &str) -> [&str; 2] {
    let mut out = [""; 2];
    let mut rest = before.trim_end();
    for slot in &mut out {
        if rest.ends_with([',', ';', ':', '–', '—', '(', '"', '„', '“']) || rest.is_empty()
        {
            break;
        }
        let cut = rest.rfind(|c: char| c.is_whitespace()).map_or(0, |i| {
            i + rest[i..].chars().next().map_or(1, char::len_utf8)
        });
        *slot = rest[cut..].trim_matches(|c: char| !c.is_alphanumeric());
        rest = rest[..cut].trim_end();
    }
    out
}

fn is_listing(p: &str) -> bool {
    p.split_once(':').is_some_and(|(exchange, ticker)| {
        let ticker = ticker.trim();
        exchange.split_whitespace().count() <= 2
            && !ticker.is_empty()
            && ticker
                .split_whitespace()
                .next()
                .is_some_and(is_abbreviation)
    })
}

/// "KHA", "NDF", "ORVX", "E.ON": one word of capitals (and digits or dots), as abbreviations and
/// tickers are written.
pub(super) fn is_abbreviation(p: &str) -> bool {
    !p.contains(char::is_whitespace)
        && p.chars().any(|c| c.is_ascii_uppercase())
        && p.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.' || c == '-')
}

/// "Inc.", "Co. Ltd.": legal-form words alone are the end of a name read before them ("Velmora
/// Shipyard Inc. won …"), never a name of their own.
fn legal_form_only(raw: &str) -> bool {
    raw.split_whitespace()
        .all(|w| w == "&" || LEGAL_SUFFIXES.contains(&w.trim_end_matches(',')))
}

/// Trims legal-form words from the end of a name ("Siemens AG" → "Siemens").
pub fn trim_legal(orig: &str) -> &str {
    let mut s = orig.trim().trim_end_matches(',');
    loop {
        let before = s;
        for suf in LEGAL_SUFFIXES {
            if let Some(rest) = span::strip_suffix_bytes(s, suf) {
                if rest.ends_with(' ') || rest.ends_with(',') {
                    s = rest.trim_end().trim_end_matches(',').trim_end();
                }
            }
        }
        // "Kestrel & Co": the "&" that joined the legal form goes with it.
        if let Some(rest) = s.strip_suffix(" &") {
            s = rest.trim_end();
        }
        if s == before || s.is_empty() {
            break;
        }
    }
    if s.is_empty() { orig.trim() } else { s }
}

/// "The National Investment Fund of Norland", "Quỹ Đầu tư Sao Mai": a capitalised word, not the
/// sentence's first, with a capitalised word right before it and another right after it stands
/// inside a name (in languages whose common nouns are written in lower case). The last word of a
/// name is its head: "a Comprehensive Economic Partnership Agreement" names the agreement.
pub fn capitalised_within_name(st: &str, start: usize, end: usize) -> bool {
    let word = span::cut(st, start, end);
    if !is_capitalised(word) {
        return false;
    }
    let before = span::before(st, start).trim_end();
    let prev = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let sentence_start = before.is_empty() || before.ends_with(['.', ':', '"', '“', '(']);
    let after = span::after(st, end);
    let next = after
        .strip_prefix(' ')
        .and_then(|a| a.split(char::is_whitespace).next())
        .unwrap_or("");
    let name_word = |w: &str| is_capitalised(w) && !w.ends_with([',', '.', ';', ':']);
    let starts_upper = next.chars().next().is_some_and(char::is_uppercase);
    !sentence_start && name_word(prev) && starts_upper
}

/// "… Copperfield Medical Supply, LP ($12 million) …": a capitalised word inside a sentence,
/// after a capitalised word and before a comma and a legal form of the language (an `org_tails`
/// hit), ends a company's name; a deal word it is anchors nothing.
pub fn capitalised_before_a_legal_form(st: &str, hits: &[Hit], start: usize, end: usize) -> bool {
    let word = span::cut(st, start, end);
    let before = span::before(st, start).trim_end();
    let prev = before.rsplit(char::is_whitespace).next().unwrap_or("");
    if !is_capitalised(word) || !is_capitalised(prev) || prev.ends_with([',', '.', ';', ':']) {
        return false;
    }
    let Some(rest) = span::after(st, end).strip_prefix(", ") else {
        return false;
    };
    let at = end + 2;
    rest.starts_with(char::is_uppercase)
        && hits
            .iter()
            .any(|h| h.start == at && h.has(|r| *r == Role::OrgTail))
}

/// "Tuần trước, Đầu tư Sao Mai đã hoàn tất …": a capitalised kind of business of the language
/// (`name_phrase_len`) that covers the word at `start..end` and is followed by a capitalised word
/// opens a company's name, wherever it stands; the deal word in it anchors nothing ("Đầu tư vào
/// …", followed by a lower-case word, still does).
pub fn opens_a_business_name(st: &str, lang: Lang, start: usize, end: usize) -> bool {
    let rest = span::after(st, start);
    if !rest.starts_with(char::is_uppercase) {
        return false;
    }
    let len = lang.deals().name_phrase_len(rest, false);
    len >= end - start
        && rest[len..]
            .strip_prefix(' ')
            .and_then(|a| a.split(char::is_whitespace).next())
            .is_some_and(is_capitalised)
}

/// "Theo Luật Đầu tư …", "Đạo luật Cứu trợ Norland": a capitalised word right after one of
/// `heads` (lower-cased title heads, such as "luật"), or after a head and at most three words of
/// its title, of which the first is capitalised, is part of a law's title.
pub fn in_a_title(st: &str, start: usize, end: usize, heads: &[String]) -> bool {
    if heads.is_empty() || !is_capitalised(span::cut(st, start, end)) {
        return false;
    }
    let before = span::before(st, start).trim_end();
    if before.ends_with(|c: char| !c.is_alphanumeric()) {
        return false;
    }
    let words: Vec<&str> = before.split_whitespace().rev().take(6).collect();
    (0..words.len()).any(|between| {
        // `between` words of the title stand between the head and this word.
        if between > 3 || (between > 0 && !is_capitalised(words[between - 1])) {
            return false;
        }
        heads.iter().any(|h| {
            let n = h.split_whitespace().count();
            between + n <= words.len() && {
                let head: Vec<&str> = words[between..between + n].iter().rev().copied().collect();
                head.join(" ").to_lowercase() == *h
            }
        })
    })
}

/// "F-16", "K-9", "Su-57", "MiG-29", "KF-21A": one to three letters, a hyphen, digits and at
/// most three letters after them is how a model is designated, not how a company is named (those
/// the entity table knows are read before this is asked).
fn designation_shaped(word: &str) -> bool {
    let Some((letters, rest)) = word.split_once('-') else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let tail = &rest[digits..];
    (1..=3).contains(&letters.len())
        && letters.starts_with(|c: char| c.is_ascii_uppercase())
        && letters.bytes().all(|b| b.is_ascii_alphabetic())
        && (1..=4).contains(&digits)
        && tail.len() <= 3
        && tail.bytes().all(|b| b.is_ascii_alphabetic())
}

/// "Der Versorger Kelmora (EVN) hat …": an abbreviation (two to five capitals, `text` as
/// written) of a company from a country whose news another language writes (that language's
/// `home_countries`) is local to that language; in a third language it names something else.
/// English news reads every abbreviation.
pub(super) fn foreign_abbreviation(lang: Lang, text: &str, e: &Entity) -> bool {
    let n = text.chars().count();
    if lang == Lang::En || !(2..=5).contains(&n) || !text.chars().all(char::is_uppercase) {
        return false;
    }
    let Some(country) = e.country.as_deref() else {
        return false;
    };
    let home = |l: Lang| {
        lexicon::lexicon(l)
            .home_countries
            .iter()
            .any(|c| c == country)
    };
    !home(lang) && Lang::ALL.iter().any(|&l| l != lang && home(l))
}

/// "Kestrel Air Places Order For 20 Jets": most words (three in five) capitalised. A word is
/// what `split_whitespace` cuts, counted if it holds a letter, capitalised if its first letter or
/// digit is a capital: one pass over the sentence's characters (ASCII a byte at a time), for
/// every sentence with a deal word to place.
pub fn title_case(st: &str) -> bool {
    let (mut words, mut caps) = (0usize, 0usize);
    // The current word: whether it has a letter, and whether its first letter or digit (if
    // seen) is a capital. White space ends it (and ends nothing where no word was open).
    let (mut letter, mut first) = (false, None::<bool>);
    let mut end_word = |letter: &mut bool, first: &mut Option<bool>| {
        if *letter {
            words += 1;
            caps += usize::from(*first == Some(true));
        }
        *letter = false;
        *first = None;
    };
    let bytes = st.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            // (`char::is_whitespace` of ASCII: tab to carriage return, and space.)
            if matches!(b, b'\t'..=b'\r' | b' ') {
                end_word(&mut letter, &mut first);
                continue;
            }
            if first.is_none() && b.is_ascii_alphanumeric() {
                first = Some(b.is_ascii_uppercase());
            }
            letter = letter || b.is_ascii_alphabetic();
            continue;
        }
        let c = st[i..].chars().next().expect("a char boundary");
        i += c.len_utf8();
        if c.is_whitespace() {
            end_word(&mut letter, &mut first);
            continue;
        }
        if first.is_none() && crate::text::is_word_char_fast(c) {
            first = Some(c.is_uppercase());
        }
        letter = letter || crate::text::is_letter_fast(c);
    }
    end_word(&mut letter, &mut first);
    words > 0 && caps * 5 >= words * 3
}

/// A word that only names a kind of organisation ("carrier", "airline", "group"): it describes
/// the name after it.
fn kind_word(h: &Hit) -> bool {
    h.roles
        .iter()
        .all(|r| matches!(r, Role::OrgHead(_) | Role::OrgTail | Role::Anaphor(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Folded;

    proptest::proptest! {
        /// The one-pass title-case test counts as splitting into words and testing each does.
        #[test]
        fn title_case_is_three_capitalised_words_in_five(t in "[a-zA-Z0-9 \u{a0}\t,.ÄÖÜäöüĐđỘộươ“”\u{301}日-]{0,40}") {
            let (mut words, mut caps) = (0usize, 0usize);
            for w in t.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)) {
                words += 1;
                caps += usize::from(is_capitalised(w));
            }
            proptest::prop_assert_eq!(title_case(&t), words > 0 && caps * 5 >= words * 3);
        }
    }

    fn with_ctx(text: &str, f: impl FnOnce(&Ctx)) {
        let folded = Folded::new(text);
        let lexicon = Entities::parse(&[]).expect("an empty lexicon");
        let ctx = Ctx {
            text,
            article: text,
            lower: &folded.lower,
            aligned: folded.aligned(),
            lang: Lang::En,
            hits: &[],
            ents: &[],
            lexicon: &lexicon,
            amounts: &[],
            models: None,
            names_read: Default::default(),
            led_by_seen: Default::default(),
        };
        f(&ctx);
    }

    /// A slice of the sentence is borrowed from its lower-cased copy; a string from elsewhere,
    /// or a sentence whose fold changes lengths, is lower-cased as `str::to_lowercase` does.
    #[test]
    fn a_slice_of_the_sentence_lowers_without_a_copy_and_anything_else_with_one() {
        use std::borrow::Cow;
        with_ctx("Kestrel Air, WHICH Ölwerk owns", |ctx| {
            let which = &ctx.text[13..18];
            assert!(matches!(ctx.lower_slice(which), Cow::Borrowed("which")));
            assert!(matches!(
                ctx.lower_slice(&ctx.text[19..26]),
                Cow::Borrowed("ölwerk")
            ));
            let elsewhere = String::from("WHICH");
            assert!(matches!(ctx.lower_slice(&elsewhere), Cow::Owned(ref s) if s == "which"));
        });
        with_ctx("İSTANBUL ΟΔΟΣ", |ctx| {
            let sigma = &ctx.text[ctx.text.len() - "ΟΔΟΣ".len()..];
            let lowered = ctx.lower_slice(sigma);
            assert!(matches!(lowered, Cow::Owned(_)));
            assert_eq!(lowered, sigma.to_lowercase());
        });
    }
}
