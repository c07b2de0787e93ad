//! Entities: the alias lexicon (`data/aliases.tsv`, extendable with `--aliases FILE`) that finds
//! known organisations and countries in text and makes names canonical in English.
//!
//! A name the lexicon lacks is kept as written (legal-form words trimmed), never dropped.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::error::Error;
use crate::text::{CharTable, Folded, PhraseHit, PhraseSet, RawMatch};

pub const DEFAULT_ALIASES: &str = include_str!("../data/aliases.tsv");

/// A state's bodies named after its nationality ("the Dutch navy"): see the file.
const STATE_BODIES: &str = include_str!("../data/state_bodies.txt");

/// The same in German ("die norwegische Marine"), with the adjective's two endings: see the file.
const STATE_BODIES_DE: &str = include_str!("../data/state_bodies.de.txt");

/// "Dutch government" → "Dutch navy", "Dutch military", …: the other bodies of the state an alias
/// "<adjective> government" names, written the same way.
fn state_bodies(alias: &str) -> Vec<String> {
    // "norwegische Regierung" → "norwegische Marine", "norwegischen Marine", …
    if let Some(stem) = alias
        .strip_suffix(" Regierung")
        .and_then(|a| a.strip_suffix('e'))
        .filter(|s| !s.is_empty() && !s.contains(' '))
    {
        return lines(STATE_BODIES_DE)
            .flat_map(|body| [format!("{stem}e {body}"), format!("{stem}en {body}")])
            .filter(|b| b != alias)
            .collect();
    }
    let Some(adjective) = alias
        .len()
        .checked_sub(" government".len())
        .filter(|&i| alias.is_char_boundary(i) && alias[i..].eq_ignore_ascii_case(" government"))
        .map(|i| &alias[..i])
    else {
        return Vec::new();
    };
    lines(STATE_BODIES)
        .map(|body| format!("{adjective} {body}"))
        .collect()
}

/// The entries of a data file: its lines, trimmed, without blanks and `#` comments.
fn lines(file: &str) -> impl Iterator<Item = &str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Country,
    Government,
    Agency,
    Company,
    Manufacturer,
    Airline,
    Bank,
    Fund,
    Hospital,
    Org,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s.trim() {
            "country" => Kind::Country,
            "government" => Kind::Government,
            "agency" => Kind::Agency,
            "company" => Kind::Company,
            "manufacturer" => Kind::Manufacturer,
            "airline" => Kind::Airline,
            "bank" => Kind::Bank,
            "fund" => Kind::Fund,
            "hospital" => Kind::Hospital,
            "org" => Kind::Org,
            _ => return None,
        })
    }
    /// Lenders and funds: the provider of a financing deal.
    pub fn is_financial(self) -> bool {
        matches!(self, Kind::Bank | Kind::Fund)
    }
    /// States and their bodies: licensors and donors.
    pub fn is_public(self) -> bool {
        matches!(
            self,
            Kind::Country | Kind::Government | Kind::Agency | Kind::Org
        )
    }
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub canonical: String,
    pub kind: Kind,
    pub country: Option<String>,
}

/// How an alias's case must match the text. The aliases of one entity that differ only in case
/// ("KEPCO" and "Kepco", "KEXIM" and "Kexim") are one phrase of the automaton, which reports one
/// of them: the phrase accepts every spelling any of them accepts.
#[derive(Default)]
struct Spelling {
    /// Any case ("Vietnam Airlines" also as "VIETNAM AIRLINES" or "vietnam airlines").
    any: bool,
    /// With a capital first letter ("Pháp", "Boeing", "Kepco").
    capital: bool,
    /// As written ("US", "GE", "KEPCO").
    exact: Vec<String>,
    /// The alias's diacritics ([`mark_signature`]), where it has any: a text that writes
    /// diacritics must write these ("Thụy Điển" is Sweden, "Thủy điện" hydropower).
    marks: Option<Marks>,
}

impl Spelling {
    fn of(alias: &str) -> Spelling {
        let marks = Marks::of(alias);
        Spelling {
            marks,
            ..Spelling::cased(alias)
        }
    }

    fn cased(alias: &str) -> Spelling {
        if case_sensitive(alias) {
            Spelling {
                exact: vec![alias.to_string()],
                ..Spelling::default()
            }
        } else if needs_capital(alias) {
            Spelling {
                capital: true,
                ..Spelling::default()
            }
        } else {
            Spelling {
                any: true,
                ..Spelling::default()
            }
        }
    }

    fn widen(&mut self, other: Spelling) {
        self.any |= other.any;
        self.capital |= other.capital;
        self.exact.extend(other.exact);
    }

    fn accepts(&self, found: &str) -> bool {
        (self.any
            || (self.capital && found.starts_with(char::is_uppercase))
            || self.exact.iter().any(|e| e == found))
            && self
                .marks
                .as_ref()
                .is_none_or(|m| marks_agree(found, std::slice::from_ref(m)))
    }
}

/// The alias lexicon, compiled.
pub struct Entities {
    entities: Vec<Entity>,
    set: PhraseSet,
    /// For each phrase: the entity, and how its case must match.
    phrase_entity: Vec<(usize, Spelling)>,
    by_key: rustc_hash::FxHashMap<String, usize>,
    /// For each key whose every alias writes diacritics, their [`mark_signature`]s: a name
    /// looked up must write one of them or none ([`marks_agree`]).
    marks_by_key: rustc_hash::FxHashMap<String, Vec<Marks>>,
    /// The adjectives of nationality, as written, and the state each names: see
    /// [`Entities::nationality`].
    nationalities: HashMap<String, usize>,
}

/// "German government" → "German", "deutsche Regierung" → "deutsche", "deutschen", "deutscher",
/// "deutsches": the adjective of nationality an alias "<adjective> government" (or its German
/// form) is written with, in each ending it takes before a noun, as the alias writes it.
fn nationality_forms(alias: &str) -> Vec<String> {
    if let Some(stem) = alias
        .strip_suffix("e Regierung")
        .or_else(|| alias.strip_suffix("e regierung"))
        .filter(|s| !s.is_empty() && !s.contains(' '))
    {
        return ["e", "en", "er", "es"]
            .iter()
            .map(|end| format!("{stem}{end}"))
            .collect();
    }
    alias
        .strip_suffix(" government")
        .or_else(|| alias.strip_suffix(" Government"))
        .filter(|s| !s.is_empty() && !s.contains(' ') && !s.eq_ignore_ascii_case("the"))
        .map(|s| vec![s.to_string()])
        .unwrap_or_default()
}

/// A known entity found in a text.
#[derive(Debug, Clone, Copy)]
pub struct EntityHit<'a> {
    pub start: usize,
    pub end: usize,
    pub entity: &'a Entity,
}

/// Comparison key: lower case, no diacritics, letters and digits only.
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    key_into(s, &mut out);
    out
}

/// [`key`] written into `out` (cleared first), so that a lookup can reuse one buffer.
fn key_into(s: &str, out: &mut String) {
    out.clear();
    // The same key without the decomposition and the two copies, for the common ASCII name.
    if s.is_ascii() {
        out.extend(
            s.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return;
    }
    // Latin letters with their marks (Vietnamese, German, French), Latin-1 signs and general
    // punctuation: each character's key from a table made once the plain way. A character of
    // these ranges decomposes to letters and marks of the ranges, and the marks are dropped, so
    // the key of a text of them is the keys of its characters one after another.
    if s.chars().all(|c| c.is_ascii() || latin_key(c).is_some()) {
        for c in s.chars() {
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    out.push(c.to_ascii_lowercase());
                }
            } else if let Some(k) = latin_key(c) {
                out.push_str(k);
            }
        }
        return;
    }
    out.push_str(&plain_key(s));
}

/// The key of a character of the ranges [`key`] reads through a table, `None` outside them.
fn latin_key(c: char) -> Option<&'static str> {
    static TABLE: OnceLock<CharTable<String>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        CharTable::new(
            &[
                ('\u{80}', '\u{24f}'),
                ('\u{300}', '\u{36f}'),
                ('\u{1e00}', '\u{1eff}'),
                ('\u{2000}', '\u{206f}'),
            ],
            |c| plain_key(&c.to_string()),
        )
    });
    table.get(c).map(String::as_str)
}

/// [`key`] the long way: decomposed, marks dropped, đ as d (as `strip_diacritics`), lower-cased,
/// letters and digits kept. A capital sigma lower-cases by its place in the word: the plain way.
fn plain_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if s.contains('Σ') {
        return crate::text::strip_diacritics(s)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
    }
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The diacritics a name writes, word by word: each word's combining marks (decomposed) and
/// "đ", sorted, so that where a tone mark sits in its syllable does not count ("Thuỵ" and "Thụy"
/// agree). Empty where it writes none.
fn mark_signature(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if s.is_ascii() {
        return String::new();
    }
    let mut out = String::new();
    let mut any = false;
    for w in s
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
    {
        let mut m: Vec<char> = w
            .nfd()
            .filter(|&c| unicode_normalization::char::is_combining_mark(c) || c == 'đ' || c == 'Đ')
            .map(|c| if c == 'Đ' { 'đ' } else { c })
            .collect();
        m.sort_unstable();
        any |= !m.is_empty();
        out.extend(m);
        out.push(' ');
    }
    if any { out } else { String::new() }
}

/// An alias written with diacritics: lower-cased, and its [`mark_signature`].
#[derive(Clone)]
struct Marks {
    lower: String,
    signature: String,
}

impl Marks {
    fn of(alias: &str) -> Option<Marks> {
        let signature = mark_signature(alias);
        (!signature.is_empty()).then(|| Marks {
            lower: alias.to_lowercase(),
            signature,
        })
    }
}

/// Whether `found`, a text's spelling of a name, agrees with the diacritics of its aliases
/// (`aliases`): it writes none (a text without diacritics, "Thuy Dien"), or those of one alias.
/// "Thủy điện" (hydropower) has the letters of "Thụy Điển" (Sweden), not its marks. Most names
/// are written as an alias is, in some case: that is compared first, without allocating.
fn marks_agree(found: &str, aliases: &[Marks]) -> bool {
    if found.is_ascii() {
        return true;
    }
    let same_as = |m: &Marks| {
        found
            .chars()
            .flat_map(char::to_lowercase)
            .eq(m.lower.chars())
    };
    if aliases.iter().any(same_as) {
        return true;
    }
    let own = mark_signature(found);
    own.is_empty() || aliases.iter().any(|m| m.signature == own)
}

/// Acronyms and short all-capital aliases ("US", "EU", "GE") only match as written.
fn case_sensitive(alias: &str) -> bool {
    let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && (letters.iter().all(|c| c.is_uppercase()) || letters.len() <= 3)
}

/// "Pháp" (France) is no party in "pháp nhân" (a legal person), nor "Nga" in a lower-case word: a
/// one-word alias written with a capital only matches a word written with one.
fn needs_capital(alias: &str) -> bool {
    !alias.contains(char::is_whitespace) && alias.chars().next().is_some_and(char::is_uppercase)
}

impl Entities {
    /// Parses alias tables (TSV: canonical, kind, country, aliases separated by '|').
    pub fn parse(tables: &[(&str, &str)]) -> Result<Entities, Error> {
        let mut entities: Vec<Entity> = Vec::new();
        let mut phrases = Vec::new();
        let mut phrase_of: HashMap<String, usize> = HashMap::new();
        let mut phrase_entity = Vec::new();
        let mut by_key = rustc_hash::FxHashMap::default();
        // Per key: the diacritics of its aliases, `None` once an alias without any shares it.
        let mut marks: rustc_hash::FxHashMap<String, Option<Vec<Marks>>> =
            rustc_hash::FxHashMap::default();
        let mut bodies: Vec<(String, usize)> = Vec::new();
        let mut nationalities = HashMap::new();
        for (name, table) in tables {
            for (n, line) in table.lines().enumerate() {
                let line = line.trim_end_matches('\r');
                if line.trim().is_empty()
                    || line.starts_with('#')
                    || line.starts_with("canonical\t")
                {
                    continue;
                }
                let cols: Vec<&str> = line.split('\t').collect();
                let bad = |m: &str| Error::BadLine {
                    path: name.into(),
                    line: n + 1,
                    message: m.to_string(),
                };
                if cols.len() < 4 {
                    return Err(bad(
                        "expected 4 tab-separated columns: canonical, kind, country, aliases",
                    ));
                }
                let kind = Kind::parse(cols[1]).ok_or_else(|| bad("unknown kind"))?;
                let idx = entities.len();
                entities.push(Entity {
                    canonical: cols[0].trim().to_string(),
                    kind,
                    country: Some(cols[2].trim())
                        .filter(|c| !c.is_empty())
                        .map(String::from),
                });
                let mut aliases: Vec<&str> = cols[3].split('|').map(str::trim).collect();
                aliases.push(cols[0].trim());
                bodies.extend(
                    aliases
                        .iter()
                        .flat_map(|a| state_bodies(a))
                        .map(|b| (b, idx)),
                );
                // Later tables (the user's) override earlier ones for the same adjective.
                for form in aliases.iter().flat_map(|a| nationality_forms(a)) {
                    nationalities.insert(form, idx);
                }
                for a in aliases.into_iter().filter(|a| !a.is_empty()) {
                    // Later tables (the user's) override earlier ones for the same name.
                    let k = key(a);
                    let alias_marks = Marks::of(a);
                    match marks.get_mut(&k) {
                        Some(entry) => match (entry.as_mut(), alias_marks) {
                            (Some(v), Some(m)) => v.push(m),
                            _ => *entry = None,
                        },
                        None => {
                            marks.insert(k.clone(), alias_marks.map(|m| vec![m]));
                        }
                    }
                    by_key.insert(k, idx);
                    // The automaton matches lower case: an alias already there in another case
                    // widens that phrase's spellings, or, given to another entity, now names
                    // this one (a later table overrides, as for the key).
                    match phrase_of.get(&a.to_lowercase()) {
                        Some(&i) => {
                            let (owner, spelling): &mut (usize, Spelling) = &mut phrase_entity[i];
                            if *owner == idx {
                                spelling.widen(Spelling::of(a));
                            } else {
                                *owner = idx;
                                *spelling = Spelling::of(a);
                            }
                        }
                        None => {
                            phrase_of.insert(a.to_lowercase(), phrases.len());
                            phrases.push((a.to_string(), false));
                            phrase_entity.push((idx, Spelling::of(a)));
                        }
                    }
                }
            }
        }
        // The state bodies named after a nationality, where no table names them itself.
        for (b, idx) in bodies {
            if by_key.contains_key(&key(&b)) {
                continue;
            }
            by_key.insert(key(&b), idx);
            marks.insert(key(&b), None);
            if phrase_of.contains_key(&b.to_lowercase()) {
                continue;
            }
            phrase_of.insert(b.to_lowercase(), phrases.len());
            phrases.push((b, false));
            phrase_entity.push((
                idx,
                Spelling {
                    any: true,
                    ..Spelling::default()
                },
            ));
        }
        Ok(Entities {
            set: PhraseSet::new(&phrases),
            entities,
            phrase_entity,
            by_key,
            marks_by_key: marks
                .into_iter()
                .filter_map(|(k, m)| m.filter(|m| !m.is_empty()).map(|m| (k, m)))
                .collect(),
            nationalities,
        })
    }

    /// The state an adjective of nationality names ("Japanese", "deutschen"), read from the
    /// aliases "<adjective> government" and "<adjective>e Regierung" of the alias tables, so that a
    /// user's table that names a government that way adds its adjective too.
    ///
    /// As the alias writes it ("German", "US", "deutschen"), or with a capital where the alias has
    /// none (a German adjective opening a sentence): "us" in "gave us aid" is no state.
    pub fn nationality(&self, word: &str) -> Option<&Entity> {
        let decapitalised = || {
            let mut cs = word.chars();
            cs.next()
                .map(|c| c.to_lowercase().chain(cs).collect::<String>())
        };
        self.nationalities
            .get(word)
            .or_else(|| decapitalised().and_then(|w| self.nationalities.get(&w)))
            .map(|&i| &self.entities[i])
    }

    /// Known entities in `text`, longest match first, no overlaps.
    pub fn find<'a>(&'a self, text: &str, folded: &Folded) -> Vec<EntityHit<'a>> {
        self.hits(text, self.set.find(text, folded))
    }

    /// The names among `raw`, the matches of the aliases in `folded` a [`JointScan`] reported
    /// (the set's index given by [`Entities::phrases`]): what [`Entities::find`] gives.
    ///
    /// [`JointScan`]: crate::text::JointScan
    pub fn select<'a>(
        &'a self,
        text: &str,
        folded: &Folded,
        raw: &[RawMatch],
    ) -> Vec<EntityHit<'a>> {
        self.hits(text, self.set.select(text, folded, raw))
    }

    /// The aliases' phrase set, for a joint scan.
    pub fn phrases(&self) -> &PhraseSet {
        &self.set
    }

    fn hits<'a>(&'a self, text: &str, found: Vec<PhraseHit>) -> Vec<EntityHit<'a>> {
        found
            .into_iter()
            .filter_map(|h| {
                let (idx, spelling) = &self.phrase_entity[h.id];
                if !spelling.accepts(&text[h.start..h.end]) {
                    return None;
                }
                Some(EntityHit {
                    start: h.start,
                    end: h.end,
                    entity: &self.entities[*idx],
                })
            })
            .collect()
    }

    /// The entity a whole name denotes, if the lexicon knows it.
    pub fn lookup(&self, name: &str) -> Option<&Entity> {
        // Names are looked up many times a sentence: the key is written into one buffer per
        // thread, not a new string each time.
        thread_local! {
            static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        let i = KEY.with_borrow_mut(|k| {
            key_into(name, k);
            if k.is_empty() {
                return None;
            }
            let i = self.by_key.get(k.as_str()).copied()?;
            let agree = name.is_ascii()
                || self
                    .marks_by_key
                    .get(k.as_str())
                    .is_none_or(|m| marks_agree(name, m));
            agree.then_some(i)
        })?;
        Some(&self.entities[i])
    }

    /// "Germany" pledging aid, lending, licensing or selling arms acts through its government:
    /// the name a country gets on the side that provides ("Government of Germany", "Government of
    /// the United States"). The article is written where the lexicon lists the country's name with
    /// it ("the Philippines"). Not for the side that receives: aid "to Syria" is for the country.
    pub fn government_of(&self, country: &str) -> String {
        let with_article = format!("the {country}");
        let takes_article = self.by_key.contains_key(&key(&with_article))
            && self
                .lookup(&with_article)
                .is_some_and(|e| e.canonical == country);
        if takes_article {
            format!("Government of {with_article}")
        } else {
            format!("Government of {country}")
        }
    }

    /// The country a name made by [`Entities::government_of`] stands for ("Government of the
    /// United States" → "United States"), so that the tracker folds it into the state as it folds
    /// the state's bodies.
    pub fn governed<'n>(&self, name: &'n str) -> Option<&'n str> {
        let rest = name.strip_prefix("Government of ")?;
        let country = rest.strip_prefix("the ").unwrap_or(rest);
        self.by_canonical(country)
            .filter(|e| e.kind == Kind::Country)
            .map(|_| country)
    }

    /// The entity with this canonical name.
    pub fn by_canonical(&self, canonical: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.canonical == canonical)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `key` computes, written the plain way (three passes).
    fn reference_key(s: &str) -> String {
        crate::text::strip_diacritics(s)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    }

    #[test]
    fn a_german_nationality_names_its_state_bodies_in_both_endings() {
        let b = state_bodies("norwegische Regierung");
        for want in [
            "norwegische Marine",
            "norwegischen Marine",
            "norwegischen Regierung",
            "norwegische Staat",
        ] {
            assert!(b.iter().any(|x| x == want), "{want}: {b:?}");
        }
        assert!(!b.iter().any(|x| x == "norwegische Regierung"));
        assert!(state_bodies("Bundesregierung").is_empty());
    }

    #[test]
    fn an_adjective_of_nationality_names_its_state() {
        let table = "canonical\tkind\tcountry\taliases\n\
                     Norland\tcountry\t\tNorland|Norlandic government|norlandische Regierung\n";
        let e = Entities::parse(&[("t", table)]).unwrap();
        for form in [
            "Norlandic",
            "norlandische",
            "norlandischen",
            "norlandischer",
            "norlandisches",
        ] {
            assert_eq!(
                e.nationality(form).map(|x| x.canonical.as_str()),
                Some("Norland"),
                "{form}"
            );
        }
        assert!(e.nationality("Norlandische").is_some());
        assert!(e.nationality("norlandic").is_none());
        assert!(e.nationality("norlandisch").is_none());
        assert!(e.nationality("Norland").is_none());
    }

    #[test]
    fn a_name_written_with_diacritics_must_write_its_aliases_marks() {
        let table = "canonical\tkind\tcountry\taliases\n\
                     Sweden\tcountry\t\tThụy Điển|Sweden\n\
                     Kestrel Café\tcompany\t\tKestrel Café|Nordmar\n";
        let e = Entities::parse(&[("t", table)]).unwrap();
        let named = |s: &str| e.lookup(s).map(|x| x.canonical.as_str());
        // As the alias writes it, with the tone mark elsewhere in its syllable, or without any.
        for form in [
            "Thụy Điển",
            "Thuỵ Điển",
            "Thuy Dien",
            "THỤY ĐIỂN",
            "Thụy-Điển",
        ] {
            assert_eq!(named(form), Some("Sweden"), "{form}");
        }
        // The same letters with other marks are another word ("hydropower").
        assert_eq!(named("Thủy điện"), None);
        assert_eq!(named("Thủy Điện"), None);
        // A name whose aliases write no marks takes any ("Nördmar"), and one written without
        // the alias's marks is still it.
        assert_eq!(named("Kestrel Cafe"), Some("Kestrel Café"));
        assert_eq!(named("Nördmar"), Some("Kestrel Café"));
        // The scan agrees with the lookup.
        let found = |text: &str| {
            let folded = crate::text::Folded::new(text);
            e.find(text, &folded)
                .iter()
                .map(|h| h.entity.canonical.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(found("Viện trợ của Thụy Điển."), ["Sweden"]);
        assert!(found("Nhà máy Thủy điện Sông Lam.").is_empty());
    }

    #[test]
    fn the_one_pass_key_is_the_plain_key() {
        for s in [
            "Tổng Công ty Hàng không Việt Nam",
            "Đường sắt Đà Nẵng",
            "Münchner Rück AG",
            "U.S. Department of State",
            "Ωmega Σ-Bank ΟΔΟΣ",
            "",
        ] {
            assert_eq!(key(s), reference_key(s), "{s}");
        }
        assert_eq!(key("Đà Nẵng"), "danang");
    }

    proptest::proptest! {
        #[test]
        fn key_matches_the_plain_key_on_any_text(s in "\\PC{0,24}") {
            proptest::prop_assert_eq!(key(&s), reference_key(&s));
        }

        /// Latin text with its marks, precomposed or not, beside other scripts: the table's
        /// ranges and their edges.
        #[test]
        fn key_matches_the_plain_key_on_latin_text(
            s in "[a-zA-Z0-9 \\u{80}-\\u{24f}\\u{300}-\\u{36f}\\u{1e00}-\\u{1eff}\\u{2000}-\\u{206f}\\u{370}-\\u{3ff}\\u{400}-\\u{4ff}İıßẞΣς]{0,24}"
        ) {
            proptest::prop_assert_eq!(key(&s), reference_key(&s));
        }
    }

    /// A state on the providing side is named as its government, with the article where the
    /// lexicon writes one, and the tracker reads that name back as the state.
    #[test]
    fn a_states_government_name_goes_both_ways() {
        let e = &crate::lexicons::Lexicons::builtin().entities;
        assert_eq!(e.government_of("Norway"), "Government of Norway");
        assert_eq!(
            e.government_of("United States"),
            "Government of the United States"
        );
        assert_eq!(
            e.governed("Government of the Philippines"),
            Some("Philippines")
        );
        assert_eq!(e.governed("Government of Norway"), Some("Norway"));
        assert_eq!(e.governed("Government of Kestrel Bank"), None);
    }

    /// Each entity is one row: a second row of the same canonical name would split its aliases
    /// between two entries, and only one of them would be found by its name.
    #[test]
    fn the_builtin_table_names_each_entity_once() {
        let mut seen = std::collections::HashSet::new();
        for line in DEFAULT_ALIASES.lines().filter(|l| !l.starts_with('#')) {
            let canonical = line.split('\t').next().unwrap();
            assert!(seen.insert(canonical), "{canonical} has two rows");
        }
    }

    #[test]
    fn finds_and_canonicalises_in_three_languages() {
        let e = &crate::lexicons::Lexicons::builtin().entities;
        for (text, want) in [
            ("giữa Việt Nam và Hoa Kỳ", vec!["Vietnam", "United States"]),
            (
                "zwischen Vietnam und den Vereinigten Staaten",
                vec!["Vietnam", "United States"],
            ),
            (
                "Bộ Khoa học và Công nghệ trao",
                vec!["Ministry of Science and Technology"],
            ),
            ("talks with us and the US", vec!["United States"]),
            // A one-word name written with a capital is no common word in lower case.
            ("pháp nhân sở hữu dự án của Pháp", vec!["France"]),
        ] {
            let f = Folded::new(text);
            let got: Vec<&str> = e
                .find(text, &f)
                .iter()
                .map(|h| h.entity.canonical.as_str())
                .collect();
            assert_eq!(got, want, "{text}");
        }
        assert_eq!(e.lookup("Tập đoàn Boeing").unwrap().canonical, "Boeing");
        assert_eq!(e.lookup("Mỹ").unwrap().canonical, "United States");
        assert!(e.lookup("Nobody Ltd").is_none());
    }

    /// "OEC" and "Oec" are one phrase of the lower-case automaton: the all-capital spelling
    /// listed first must not make the other unmatchable, and a later table's row for the same
    /// alias names its own entity (as the key lookup does).
    #[test]
    fn aliases_differing_in_case_match_each_spelling_and_later_rows_win() {
        let e = Entities::parse(&[
            (
                "a.tsv",
                "Orvex Energy\tcompany\tNorway\tOEC|Oec\nKestrel\tairline\t\tKestrel|Kestrel Air\n",
            ),
            ("b.tsv", "Kestrel Air Group\tairline\t\tKestrel Air\n"),
        ])
        .unwrap();
        let names = |text: &str| -> Vec<String> {
            e.find(text, &Folded::new(text))
                .iter()
                .map(|h| h.entity.canonical.clone())
                .collect()
        };
        assert_eq!(
            names("OEC signed, then Oec paid"),
            ["Orvex Energy", "Orvex Energy"]
        );
        assert!(names("the oec said").is_empty());
        assert_eq!(names("Kestrel Air ordered"), ["Kestrel Air Group"]);
        assert_eq!(
            e.lookup("Kestrel Air").unwrap().canonical,
            "Kestrel Air Group"
        );
    }

    #[test]
    fn bad_user_table_names_file_and_line() {
        let err = Entities::parse(&[("mine.tsv", "X\tplanet\t\tY\n")])
            .err()
            .unwrap();
        assert_eq!(err.to_string(), "mine.tsv:1: unknown kind");
    }
}
