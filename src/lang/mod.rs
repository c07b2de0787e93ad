//! Languages: the `Lang` enum, per-language lexicons and rules (`vi`, `de`, `en`), and detection.
//!
//! Each language directory holds that language's data (lexicons as TOML, corpora as text) and the
//! few rules that cannot be data. Everything is compiled in with `include_str!`.

pub mod de;
pub mod detect;
pub mod en;
pub mod vi;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Vi,
    De,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Vi, Lang::De, Lang::En];

    /// The language's position in [`Lang::ALL`], for per-language tables.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The language's habits that deal extraction cannot keep as lexicon data.
    pub fn deals(self) -> &'static dyn DealRules {
        match self {
            Lang::Vi => &vi::deals::Rules,
            Lang::De => &de::deals::Rules,
            Lang::En => &en::deals::Rules,
        }
    }

    /// The language's habits in writing numbers that the amount lexicon cannot keep as data.
    pub fn amounts(self) -> &'static dyn AmountRules {
        match self {
            Lang::Vi => &vi::amounts::Rules,
            Lang::De => &de::amounts::Rules,
            Lang::En => &en::amounts::Rules,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Decimal separator of the language's own convention.
    pub fn decimal_sep(self) -> char {
        match self {
            Lang::Vi | Lang::De => ',',
            Lang::En => '.',
        }
    }

    /// Thousands separator of the language's own convention.
    pub fn group_sep(self) -> char {
        match self {
            Lang::Vi | Lang::De => '.',
            Lang::En => ',',
        }
    }
}

/// What the generic name reader knows of a capitalised name that is neither in the entity lexicon
/// nor opened by an organisation head; the language judges whether it is a name.
pub struct UnknownName<'a> {
    /// The name as written ("Werk", "Vietjet", "Citing").
    pub raw: &'a str,
    /// Its words.
    pub words: &'a [&'a str],
    /// Nothing but an opening quotation mark stands before it in the sentence.
    pub sentence_start: bool,
    /// The next word is a verb that makes a deal ("Orvanto acquired …", "Kestrel bestellt …").
    pub before_deal_verb: bool,
    /// The word before it is a verb that makes a deal ("Zudem erhielt Nordchem einen …").
    pub after_deal_verb: bool,
    /// "VinFast", "BASF": a capital after the first letter.
    pub inner_capital: bool,
    /// Written like a name: an inner capital, all capitals ("KNDS") or digits.
    pub written_like_a_name: bool,
    /// It stands right after a verb of saying that puts its subject after it ("…, teilte
    /// Nordmar mit"), with no article: it is who speaks.
    pub speaker: bool,
    /// A title follows it ("Kestrel CEO John Smith", "Texas Gov. Ana Ruiz"): it names what the
    /// titled person acts for.
    pub before_title: bool,
    /// A comma stands right before it: it may open a clause ("…, Ostwerk hat eine Anleihe
    /// begeben").
    pub after_comma: bool,
    /// The word after it ("hat"), as written.
    pub next_word: &'a str,
    /// A description or a relative clause set off by commas follows it ("Lindmark, a unit of
    /// Nordchem, sold …", "Lindmark, khi đó là công ty con của …,"): it is what that describes.
    pub described_after: bool,
    /// A word of the language's `determiners` stands right before it ("the", "liên danh").
    pub after_determiner: bool,
    /// The two words right before it, nearest first, as written and without punctuation ("die",
    /// "an" in "… an die Telmar"); empty where the sentence opens. A comma between them and the
    /// name leaves the first empty.
    pub words_before: [&'a str; 2],
    /// A verb that reports a clause follows it, and the clause opens on a word of the
    /// language's `self_pronouns` ("Orvex said it had …", "Orvex said on Monday it would …"):
    /// what speaks of itself as "it" is an organisation, not a person.
    pub reports_on_itself: bool,
    /// It and a capitalised word are joined by a word of the language's `list_joins`, and a verb
    /// that makes a deal stands right after the pair or right before it ("Orvex and Kestrel
    /// signed …", "unterzeichneten Orvex und Kestrel eine …"): two parties named together.
    pub paired_by_deal_verb: bool,
    /// The article writes the word elsewhere with a legal form after it ("Orvex GmbH") or a
    /// descriptor noun before it ("der Busbauer Orvex"). Looked for only of a lone word where
    /// every noun is capitalised (false elsewhere), and only when asked: it searches the article,
    /// so a rule asks it last.
    pub announced_in_article: &'a dyn Fn() -> bool,
}

/// The rules of one language that amount recognition asks for; generic code never asks which
/// language it is in. Each language implements it in `src/lang/<code>/amounts.rs`.
pub trait AmountRules: Sync {
    /// The amount lexicon (TOML).
    fn lexicon(&self) -> &'static str;
    /// Whether the language writes numbers below a million as one word ("dreihundertfünfzig"),
    /// read by `one_word_numeral`.
    fn has_one_word_numerals(&self) -> bool {
        false
    }
    /// A number written as one word: "dreihundertfünfundzwanzig" is 325, "zweieinhalb" 2.5.
    fn one_word_numeral(&self, _word: &str) -> Option<rust_decimal::Decimal> {
        None
    }
    /// Whether a plain space groups thousands ("12 500 Euro", "1 234 567 đồng"). English uses
    /// narrow or no-break spaces, if any: "20 787-10 Dreamliners" is two numbers.
    fn spaces_group_thousands(&self) -> bool {
        true
    }
    /// Whether names or model numbers may stand between a count and its noun ("20 Boeing
    /// 787-10 Dreamliners", "100 Airbus-Flugzeuge"). Vietnamese puts a classifier there instead.
    fn models_between_count_and_noun(&self) -> bool {
        true
    }
}

/// The rules of one language that deal extraction asks for; generic code never asks which
/// language it is in. Each language implements it in `src/lang/<code>/deals.rs`.
pub trait DealRules: Sync {
    /// The deal lexicon (TOML).
    fn lexicon(&self) -> &'static str;

    /// Whether one lower-case syllable may continue a capitalised name when a capital follows
    /// ("Tập đoàn Dầu khí Việt Nam": Vietnamese capitalises only a word's first syllable).
    fn names_span_lower_case_syllables(&self) -> bool {
        false
    }

    /// Whether an unknown capitalised name is a name and not a capitalised common noun, a
    /// sentence's first word or a person.
    fn unknown_name_is_a_name(&self, n: &UnknownName) -> bool;

    /// A name read from the text as English writes it ("Viet Nam" → "Vietnam").
    fn englishify(&self, s: &str) -> String {
        s.to_string()
    }

    /// The length in bytes of a phrase of several words that `s` opens and that is read whole
    /// inside a name ("Bất động sản Hòa Bình": a kind of business), else 0. `after_head`: `s`
    /// follows an organisation's head word right away ("Công ty đóng tàu Bình Định"), where the
    /// language may write the phrase in lower case.
    fn name_phrase_len(&self, _s: &str, _after_head: bool) -> usize {
        0
    }

    /// Whether `word` (capitalised) is written as a syllable of a name of the language. A
    /// country's one-word name right beside such a syllable is a syllable of that name too:
    /// "Phú Mỹ" and "Đức Giang" are Vietnamese names, not the United States or Germany, where
    /// "Boeing Mỹ" and "Mỹ Boeing" keep the country.
    fn native_name_syllable(&self, _word: &str) -> bool {
        false
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" | "vie" | "vietnamese" => Ok(Lang::Vi),
            "de" | "deu" | "ger" | "german" => Ok(Lang::De),
            "en" | "eng" | "english" => Ok(Lang::En),
            other => Err(format!(
                "unknown language '{other}' (expected one of: vi, de, en)"
            )),
        }
    }
}
