//! The amount lexicons compiled: each language's `amounts.toml` and the shared currency table
//! (`data/currencies.tsv`) as one phrase automaton per language whose phrases carry roles.

use std::collections::HashMap;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::lang::Lang;
use crate::model::Qualifier;
use crate::text::{Folded, PhraseHit, PhraseSet, RawMatch};

pub const CURRENCIES: &str = include_str!("../../data/currencies.tsv");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Numbers {
    units: HashMap<String, u64>,
    tens: HashMap<String, u64>,
    ten_multiplier: Vec<String>,
    hundred: Vec<String>,
    #[serde(default)]
    indefinite: Vec<String>,
    zero_filler: Vec<String>,
    half_after: Vec<String>,
    half_before: Vec<String>,
    half_prefix: Vec<String>,
    /// Fractions written before a scale word, with their value as a decimal string: "a quarter
    /// of a billion" is 250 million (read as "a billion" before, four times too much).
    #[serde(default)]
    fractions: HashMap<String, String>,
    and: Vec<String>,
    ambiguous: Vec<String>,
    /// Numeral words that only continue a numeral, never start one: Vietnamese "tư", "mốt",
    /// "lăm" are 4, 1, 5 in "hai mươi tư", "mười lăm", but "đầu tư nhà máy" invests in a plant,
    /// it counts no four plants.
    #[serde(default)]
    only_after_numeral: Vec<String>,
    decimal_words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Qualifiers {
    after_noun_not_qualifier: Vec<String>,
    /// Words before a figure that state it as it is ("lên tới 8 tỷ USD", an emphatic "amounting
    /// to"): part of the amount's span, its qualifier exact.
    #[serde(default)]
    exact: Vec<String>,
    approx: Vec<String>,
    at_least: Vec<String>,
    at_most: Vec<String>,
    postfix_at_least: Vec<String>,
    postfix_at_most: Vec<String>,
    /// Words right after a figure that make it an estimate ("auf 2 Milliarden Euro geschätzt").
    #[serde(default)]
    postfix_approx: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Ranges {
    open: Vec<String>,
    join: Vec<String>,
    /// Words of `join` that join a range only after a word of `open`: "between 2 and 3 billion"
    /// is a range, "$2 billion and 3 tanks" is not.
    #[serde(default)]
    join_after_open: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Quantities {
    count_nouns: Vec<String>,
    /// Nouns of measure ("tonnes", "doses"): read like count nouns, but no deal's quantity.
    #[serde(default)]
    measure_nouns: Vec<String>,
    /// Units of a vessel's size ("TEU", "dwt"): a count before a size in them counts vessels
    /// even where the noun is left out ("another order for five 12,500 TEU").
    #[serde(default)]
    capacity_units: Vec<String>,
    classifiers: Vec<String>,
    /// Count nouns also end compounds ("Radpanzer", "Windkraftanlagen"): German.
    #[serde(default)]
    compound: bool,
    /// When given, a lower-case word may stand between a model and the counted noun ("30 A350
    /// widebody jets") unless it is one of these function words ("2024 more Boeing jets").
    #[serde(default)]
    adjective_stops: Option<Vec<String>>,
    /// Plural models count ("45 737 MAX 8s", "five 787s"): English.
    #[serde(default)]
    model_plurals: bool,
    /// Conjunctions after the first part of a compound whose head is written once ("Rad- und
    /// Kettenpanzer", "short- and medium-range"): that part is read with the head.
    #[serde(default)]
    truncation_joins: Vec<String>,
    /// Words right after a count that make it a part of a set ("eight of the jets", "acht der
    /// Jets"): the count is still of the noun after them.
    #[serde(default)]
    partitives: Vec<String>,
    /// Month names: a number beside one is a day of a date, no count ("On May 3 Norland
    /// ordered …").
    #[serde(default)]
    months: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Negatives {
    percent: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Subunits {
    names: HashMap<String, String>,
}

/// Where a scaled number written without a currency ("for 400 million", "sowie zehn Milliarden
/// in", "the 250 million loans") is still money, in the currency of the article.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bare {
    /// Words right before the number that ask for a sum ("for", "worth", "für", "trị giá").
    #[serde(default)]
    pub before: Vec<String>,
    /// Words joining a sum to one before it ("and", "sowie", "và"): "$20 million for Bolivia and
    /// 300 million for Peru". They ask for a sum only when the scaled figure before them was
    /// money ("450 million people and 270 million" is no money).
    #[serde(default)]
    pub joins: Vec<String>,
    /// Nouns right after the number, or joined to it by a hyphen, that name money ("loans",
    /// "Auftrag"): "the 250 million loans", "20-Millionen-Auftrag".
    #[serde(default)]
    pub nouns: Vec<String>,
    /// Words that may follow such a sum and end its phrase ("from", "in", "will"); anything else
    /// after the number (a noun: "400 million people") leaves it no amount.
    #[serde(default)]
    pub follow: Vec<String>,
    /// Verbs of paying, giving or receiving right after the number that make it money with no
    /// word before it ("Sogar 45 Millionen flossen an Kestrel", "30 Millionen zahlte Orvex").
    #[serde(default)]
    pub verbs: Vec<String>,
}

impl Bare {
    fn lower(mut self) -> Bare {
        for list in [
            &mut self.before,
            &mut self.joins,
            &mut self.nouns,
            &mut self.follow,
            &mut self.verbs,
        ] {
            for w in list.iter_mut() {
                *w = w.trim().to_lowercase();
            }
        }
        self
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    bare: Bare,
    /// Symbols shared by currencies ("¥": yen and yuan), each currency with the words that tell
    /// an article is about its country; see `AmountLexicon::ambiguous`.
    #[serde(default)]
    ambiguous: HashMap<String, HashMap<String, Vec<String>>>,
    /// One-letter currency symbols of wire copy, glued before digits, written exactly so
    /// ("Y" = "JPY"); money only with a scale word.
    #[serde(default)]
    wire_symbols: HashMap<String, String>,
    /// Currency names some writers put before the number ("Euros 1.5 billion", "euro 300
    /// million"), each with its code; money only with a scale word, as wire symbols are (a
    /// name before a bare number is no price: "Euro 2024").
    #[serde(default)]
    name_prefixes: HashMap<String, String>,
    /// Scale words only some currencies count in ("crore", "lakh"), each with those currencies,
    /// the usual first: a figure with one and no currency written takes the article's currency
    /// only if it is one of them, else the first ("4,250 crore" is rupees, not the yuan of an
    /// earlier sentence).
    #[serde(default)]
    scale_currencies: HashMap<String, Vec<String>>,
    /// Nouns a currency name modifies ("a US dollar amount", "a euro bond"): a lone "a" or "an"
    /// and a currency before one is no amount of one unit.
    #[serde(default)]
    currency_modifies: Vec<String>,
    /// Currency names that are also units of weight ("pounds"), and the goods such a name
    /// weighs after "of" ("2 billion pounds of aluminium"): no money there.
    #[serde(default)]
    weight_names: Vec<String>,
    #[serde(default)]
    weighed_goods: Vec<String>,
    subunits: Subunits,
    numbers: Numbers,
    scales: HashMap<String, u64>,
    qualifiers: Qualifiers,
    ranges: Ranges,
    quantities: Quantities,
    negatives: Negatives,
}

/// An ISO code and the words that tell an article is about its country.
pub type CurrencyCues = (String, Vec<String>);

/// What an amount-lexicon phrase means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Unit(u64),
    Ten(u64),
    TenMultiplier,
    Hundred,
    ZeroFiller,
    HalfAfter,
    HalfBefore,
    /// A fraction before a scale word: "half a" (0.5) or "a quarter of a" (0.25) billion.
    Fraction(Decimal),
    /// A qualifier that is a preposition right after a noun ("Auftrag über").
    NotAfterNoun,
    And,
    Ambiguous,
    /// See `Numbers::only_after_numeral`.
    OnlyAfterNumeral,
    DecimalWord,
    Scale(Decimal),
    Qualifier(Qualifier),
    PostfixQualifier(Qualifier),
    RangeOpen,
    RangeJoin,
    /// See `Ranges::join_after_open`.
    RangeJoinAfterOpen,
    CountNoun,
    /// A noun of measure: the count before it is no deal's quantity.
    Measure,
    /// A ship's size unit ("TEU", "dwt"): "five 12,500 TEU" counts five ships of that size.
    Capacity,
    Classifier,
    /// A hundredth of the currency given ("cents" of USD).
    Subunit(String),
    Percent,
    /// A currency written before the number (symbols and codes).
    CurrencyPrefix(String),
    /// A currency written after the number (symbols, codes and names).
    CurrencySuffix(String),
    /// A one-letter wire-copy symbol glued before digits ("Y500 billion" in English news is
    /// yen): money only with a scale word of a million or more, so "Y20" and "Y2K" stay names.
    WireSymbol,
}

pub struct AmountLexicon {
    set: PhraseSet,
    roles: Vec<Vec<Role>>,
    /// Scale words and currency symbols that may be glued to digits ("1.5bn", "10tr", "500.000đ").
    pub glued: HashMap<String, Vec<Role>>,
    /// Currency codes and symbols that may be glued before digits ("USD1,23", "Rs20", "RM42").
    pub glued_prefix: HashMap<String, Vec<Role>>,
    /// See `adjective_stops` in the lexicon file; lower-cased.
    pub adjective_stops: Option<Vec<String>>,
    /// See `model_plurals` in the lexicon file.
    pub model_plurals: bool,
    /// See `truncation_joins` in the lexicon file; lower-cased.
    pub truncation_joins: Vec<String>,
    /// See `indefinite` under `[numbers]` in the lexicon file; lower-cased.
    pub indefinite: Vec<String>,
    /// See `partitives` in the lexicon file; lower-cased.
    pub partitives: Vec<String>,
    /// See `months` in the lexicon file; lower-cased.
    pub months: Vec<String>,
    /// See `[bare]` in the lexicon file; lower-cased.
    pub bare: Bare,
    /// See `wire_symbols` in the lexicon file: case-sensitive, glued before digits only.
    pub wire_symbols: HashMap<String, Vec<Role>>,
    /// A symbol several currencies write ("¥"), with each currency's article cues (lower-cased):
    /// the currency whose cues the article names most takes the symbol.
    pub ambiguous: Vec<(String, Vec<CurrencyCues>)>,
    /// See `scale_currencies` in the lexicon file (scale words lower-cased).
    pub scale_currencies: Vec<(String, Vec<String>)>,
    /// See `currency_modifies` in the lexicon file; lower-cased.
    pub currency_modifies: Vec<String>,
    /// See `weight_names` and `weighed_goods` in the lexicon file; lower-cased.
    pub weight_names: Vec<String>,
    pub weighed_goods: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Hit<'a> {
    pub start: usize,
    pub end: usize,
    pub roles: &'a [Role],
}

impl Hit<'_> {
    pub fn has(&self, f: impl Fn(&Role) -> bool) -> bool {
        self.roles.iter().any(f)
    }
}

fn currencies() -> Vec<(String, Vec<String>, Vec<String>)> {
    let mut out = Vec::new();
    for line in CURRENCIES.lines() {
        if line.starts_with('#') || line.starts_with("code\t") || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let split = |s: &str| -> Vec<String> {
            s.split('|')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(String::from)
                .collect()
        };
        out.push((
            cols[0].trim().to_string(),
            split(cols.get(1).copied().unwrap_or("")),
            split(cols.get(2).copied().unwrap_or("")),
        ));
    }
    out
}

impl AmountLexicon {
    pub fn parse(toml_text: &str) -> Result<AmountLexicon, toml::de::Error> {
        let mut raw: Raw = toml::from_str(toml_text)?;
        let bare = std::mem::take(&mut raw.bare).lower();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut phrases: Vec<(String, bool)> = Vec::new();
        let mut roles: Vec<Vec<Role>> = Vec::new();
        let mut add = |p: &str, role: Role| {
            let p = p.trim();
            if p.is_empty() {
                return;
            }
            let i = *index.entry(p.to_lowercase()).or_insert_with(|| {
                phrases.push((p.to_string(), false));
                roles.push(Vec::new());
                phrases.len() - 1
            });
            if !roles[i].contains(&role) {
                roles[i].push(role);
            }
        };
        let n = &raw.numbers;
        for (w, v) in &n.units {
            add(w, Role::Unit(*v));
        }
        for (w, v) in &n.tens {
            add(w, Role::Ten(*v));
        }
        for (w, v) in &n.fractions {
            let v: Decimal = v
                .parse()
                .unwrap_or_else(|_| panic!("amount lexicon: fraction {w:?} = {v:?} is no decimal"));
            add(w, Role::Fraction(v));
        }
        for (list, role) in [
            (&n.ten_multiplier, Role::TenMultiplier),
            (&n.hundred, Role::Hundred),
            (&n.zero_filler, Role::ZeroFiller),
            (&n.half_after, Role::HalfAfter),
            (&n.half_before, Role::HalfBefore),
            (&n.half_prefix, Role::Fraction(Decimal::new(5, 1))),
            (&raw.qualifiers.after_noun_not_qualifier, Role::NotAfterNoun),
            (&n.and, Role::And),
            (&n.ambiguous, Role::Ambiguous),
            (&n.only_after_numeral, Role::OnlyAfterNumeral),
            (&n.decimal_words, Role::DecimalWord),
        ] {
            for w in list {
                add(w, role.clone());
            }
        }
        let mut glued: HashMap<String, Vec<Role>> = HashMap::new();
        for (w, v) in &raw.scales {
            let r = Role::Scale(Decimal::from(*v));
            add(w, r.clone());
            glued.entry(w.to_lowercase()).or_default().push(r);
        }
        let q = &raw.qualifiers;
        for (list, role) in [
            (&q.exact, Role::Qualifier(Qualifier::Exact)),
            (&q.approx, Role::Qualifier(Qualifier::Approx)),
            (&q.at_least, Role::Qualifier(Qualifier::AtLeast)),
            (&q.at_most, Role::Qualifier(Qualifier::AtMost)),
            (
                &q.postfix_at_least,
                Role::PostfixQualifier(Qualifier::AtLeast),
            ),
            (
                &q.postfix_at_most,
                Role::PostfixQualifier(Qualifier::AtMost),
            ),
            (&q.postfix_approx, Role::PostfixQualifier(Qualifier::Approx)),
            (&raw.ranges.open, Role::RangeOpen),
            (&raw.ranges.join, Role::RangeJoin),
            (&raw.ranges.join_after_open, Role::RangeJoinAfterOpen),
            (&raw.quantities.count_nouns, Role::CountNoun),
            (&raw.quantities.measure_nouns, Role::CountNoun),
            (&raw.quantities.measure_nouns, Role::Measure),
            (&raw.quantities.capacity_units, Role::Capacity),
            (&raw.quantities.classifiers, Role::Classifier),
            (&raw.negatives.percent, Role::Percent),
        ] {
            for w in list {
                add(w, role.clone());
            }
        }
        for (name, code) in &raw.subunits.names {
            add(name, Role::Subunit(code.clone()));
            glued
                .entry(name.to_lowercase())
                .or_default()
                .push(Role::Subunit(code.clone()));
        }
        let mut glued_prefix: HashMap<String, Vec<Role>> = HashMap::new();
        for (code, symbols, names) in currencies() {
            for s in &symbols {
                if s.chars().any(char::is_alphabetic) && !s.contains(' ') {
                    glued_prefix
                        .entry(s.to_lowercase())
                        .or_default()
                        .push(Role::CurrencyPrefix(code.clone()));
                }
                add(s, Role::CurrencyPrefix(code.clone()));
                add(s, Role::CurrencySuffix(code.clone()));
                glued
                    .entry(s.to_lowercase())
                    .or_default()
                    .push(Role::CurrencySuffix(code.clone()));
            }
            for s in &names {
                add(s, Role::CurrencySuffix(code.clone()));
            }
            // Finance shorthand: "30 MUSD", "MEUR 120" are millions.
            if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
                let m = format!("M{code}");
                add(&m, Role::CurrencyPrefix(code.clone()));
                add(&m, Role::CurrencySuffix(code.clone()));
                add(&m, Role::Scale(Decimal::from(1_000_000)));
            }
        }
        for (name, code) in &raw.name_prefixes {
            add(name, Role::CurrencyPrefix(code.clone()));
            add(name, Role::WireSymbol);
        }
        if raw.quantities.compound {
            for w in &raw.quantities.count_nouns {
                if let Some(&i) = index.get(&w.trim().to_lowercase()) {
                    phrases[i].1 = true;
                }
            }
        }
        Ok(AmountLexicon {
            set: PhraseSet::new(&phrases),
            roles,
            glued,
            glued_prefix,
            adjective_stops: raw
                .quantities
                .adjective_stops
                .as_ref()
                .map(|v| v.iter().map(|w| w.to_lowercase()).collect()),
            model_plurals: raw.quantities.model_plurals,
            indefinite: raw
                .numbers
                .indefinite
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            truncation_joins: raw
                .quantities
                .truncation_joins
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            partitives: raw
                .quantities
                .partitives
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            months: raw
                .quantities
                .months
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            scale_currencies: raw
                .scale_currencies
                .iter()
                .map(|(w, c)| (w.to_lowercase(), c.clone()))
                .collect(),
            currency_modifies: raw
                .currency_modifies
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            weight_names: raw.weight_names.iter().map(|w| w.to_lowercase()).collect(),
            weighed_goods: raw.weighed_goods.iter().map(|w| w.to_lowercase()).collect(),
            bare,
            wire_symbols: raw
                .wire_symbols
                .iter()
                .map(|(sym, code)| {
                    (
                        sym.clone(),
                        vec![Role::CurrencyPrefix(code.clone()), Role::WireSymbol],
                    )
                })
                .collect(),
            ambiguous: {
                let mut v: Vec<_> = raw
                    .ambiguous
                    .into_iter()
                    .map(|(sym, by)| {
                        let mut by: Vec<_> = by
                            .into_iter()
                            .map(|(c, cues)| (c, cues.iter().map(|w| w.to_lowercase()).collect()))
                            .collect();
                        by.sort();
                        (sym, by)
                    })
                    .collect();
                v.sort();
                v
            },
        })
    }

    pub fn scan<'a>(&'a self, text: &str, folded: &Folded) -> Vec<Hit<'a>> {
        self.hits(self.set.find(text, folded))
    }

    /// The lexicon's words among `raw`, the matches a joint scan reported for [`Self::phrases`]:
    /// what [`Self::scan`] gives.
    pub fn select<'a>(&'a self, text: &str, folded: &Folded, raw: &[RawMatch]) -> Vec<Hit<'a>> {
        self.hits(self.set.select(text, folded, raw))
    }

    /// The lexicon's phrase set, for a joint scan.
    pub fn phrases(&self) -> &PhraseSet {
        &self.set
    }

    fn hits(&self, found: Vec<PhraseHit>) -> Vec<Hit<'_>> {
        found
            .into_iter()
            .map(|PhraseHit { start, end, id }| Hit {
                start,
                end,
                roles: &self.roles[id],
            })
            .collect()
    }
}

/// The compiled amount lexicon of a language.
pub fn lexicon(lang: Lang) -> &'static AmountLexicon {
    static LEX: OnceLock<[AmountLexicon; 3]> = OnceLock::new();
    let all = LEX.get_or_init(|| {
        let load = |l: Lang, s: &str| {
            AmountLexicon::parse(s).unwrap_or_else(|e| panic!("src/lang/{l}/amounts.toml: {e}"))
        };
        Lang::ALL.map(|l| load(l, l.amounts().lexicon()))
    });
    &all[lang.index()]
}
