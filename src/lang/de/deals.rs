//! `de` deal rules and lexicon: triggers, type and status cues, party patterns (`deals.toml`),
//! and the deal corpus the generic test runs (`deals.corpus.toml`).

use crate::lang::detect::is_stopword;
use crate::lang::{DealRules, Lang, UnknownName};

/// The deal lexicon (TOML).
pub const LEXICON: &str = include_str!("deals.toml");

/// German deal rules.
pub struct Rules;

impl DealRules for Rules {
    fn lexicon(&self) -> &'static str {
        LEXICON
    }

    /// German writes every noun with a capital: a lone unknown capitalised word ("Werk",
    /// "Aktionäre", "Politiker") is a noun unless written like a name, or unless it stands where
    /// only a name can, right after a verb of saying with no article ("…, teilte Nordmar mit";
    /// "…, teilte das Unternehmen mit" names nobody).
    ///
    /// Several capitalised words are a name unless the first is a function word or a
    /// demonstrative: "Diese Transaktion", "Im Jahr", "Beide Parteien" open a sentence with a
    /// noun, not a company.
    fn unknown_name_is_a_name(&self, n: &UnknownName) -> bool {
        const DETERMINERS: &[&str] = &[
            "diese", "dieser", "dieses", "diesem", "diesen", "jene", "jener", "jenes", "beide",
            "beiden", "alle", "jede", "jeder", "jedes", "solche", "manche", "einige", "viele",
        ];
        if n.words.len() != 1 {
            let first = n.words[0].to_lowercase();
            return !is_stopword(Lang::De, &first) && !DETERMINERS.contains(&first.as_str());
        }
        let w = n.words[0].to_lowercase();
        const NOUN_ENDINGS: &[&str] = &[
            "ung", "ungen", "heit", "keit", "schaft", "tion", "tionen", "ität", "nis", "tum",
            "ismus", "ment", "enz", "anz", "ik", "ur", "ie", "ien", "te", "ten",
        ];
        let common_noun = NOUN_ENDINGS.iter().any(|e| w.ends_with(e));
        let function_word = is_stopword(Lang::De, &w);
        !common_noun
            && !function_word
            && (n.written_like_a_name
                || n.speaker
                || n.described_after
                || n.paired_by_deal_verb
                || opens_clause_in_the_singular(n)
                || opens_sentence_before_its_verb(n)
                || subject_after_its_verb(n)
                || named_after_a_feminine_article(n)
                || (n.announced_in_article)())
    }
}

/// "Die Halvard verkauft 900 Wohnungen an die Telmar", "das Portfolio der Vestria": a company
/// takes the feminine article ("die Firma"), so a lone capitalised word after "die", or after
/// "der" read as a genitive or a dative (after a noun or a preposition), is a name when it
/// cannot be a common noun of that gender or in the plural. German plurals end in -e, -en, -n,
/// -er, -el or -s ("die Wohnungen", "die Käufer", "die Mittel", "die Jobs"), feminine nouns in
/// their suffixes ("die Mehrheit", "die Fabrik") or are among the short ones that
/// `common_feminine` lists ("die Stadt", "die Bahn", "die Werft"). "Aufträge, die Kestrel …"
/// (a relative pronoun after a comma) and "erhielt der Konzern" (a masculine subject) do not
/// count; a word written like a name ("die KfW") is one already.
fn named_after_a_feminine_article(n: &UnknownName) -> bool {
    const DATIVE_PREPOSITIONS: &[&str] = &[
        "von",
        "vom",
        "mit",
        "bei",
        "zu",
        "aus",
        "nach",
        "an",
        "auf",
        "in",
        "unter",
        "vor",
        "hinter",
        "neben",
        "über",
        "gegenüber",
        "seit",
        "samt",
        "nebst",
        "zwischen",
    ];
    let [article, before] = n.words_before;
    let feminine = match article {
        "die" | "Die" => true,
        "der" => {
            DATIVE_PREPOSITIONS.contains(&before.to_lowercase().as_str())
                || before.starts_with(char::is_uppercase) && !before.eq_ignore_ascii_case("der")
        }
        _ => false,
    };
    let w = n.words[0].to_lowercase();
    feminine
        && w.chars().count() >= 4
        && n.words[0].chars().skip(1).all(|c| !c.is_uppercase())
        && !common_feminine(&w)
}

/// Whether a lower-cased word ends the way a German plural or feminine noun ends ("wohnungen",
/// "käufer", "mehrheit", "landeshauptstadt"): the endings of plurals and of feminine suffixes,
/// then the short feminine nouns that have none, also as the end of a compound.
fn common_feminine(w: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "e", "n", "er", "el", "s", "y", "ung", "heit", "keit", "eit", "schaft", "ion", "tät", "ik",
        "ie", "ei", "nis", "ur", "enz", "anz", "in", "ing", "st", "cht", "ft", "ät",
    ];
    const SHORT: &[&str] = &[
        "stadt", "bahn", "bank", "welt", "hand", "wand", "burg", "form", "frau", "wahl", "zahl",
        "werft", "wehr", "fahrt", "tat", "saat", "not", "maut", "haut", "spur", "tür", "uhr",
        "tour", "art", "front", "milch", "schuld", "flut", "wut", "gier", "geburt", "firma",
        "kamera", "villa", "agenda", "ära", "skala", "gala", "app", "cloud", "show", "crew",
        "band", "power", "mail", "zeit", "schau", "euro", "statt", "anstalt", "saison", "arena",
        "liga", "gebühr",
    ];
    ENDINGS.iter().chain(SHORT).any(|e| w.ends_with(e))
}

/// "Zudem erhielt Nordchem einen Auftrag", "Am Montag bestellte Lindmark zwei Turbinen": where
/// the verb stands second after a fronted phrase, a lone capitalised word with no article right
/// after a verb that makes a deal, and before the article or count that opens the object, is
/// the subject. A common noun there takes an article ("erhielt die Bahn einen …").
fn subject_after_its_verb(n: &UnknownName) -> bool {
    // Articles and adverbs; counts are read by the language's numeral rules ("zwei", "zwölf").
    const OPENS_OBJECT: &[&str] = &[
        "einen",
        "ein",
        "eine",
        "den",
        "die",
        "das",
        "weitere",
        "insgesamt",
        "nun",
        "jetzt",
        "zudem",
        "auch",
    ];
    let w = n.next_word;
    n.after_deal_verb
        && (OPENS_OBJECT.contains(&w)
            || w.starts_with(|c: char| c.is_ascii_digit())
            || crate::lang::AmountRules::one_word_numeral(&super::amounts::Rules, w).is_some())
}

/// "Nordchem erhielt einen Auftrag von …", "Nordchem hat einen Großauftrag … erhalten", "Nordchem
/// will die Kestrel AG übernehmen": a lone capitalised word that opens the sentence with no
/// article, right before a finite verb that makes a deal or before an auxiliary or a modal in
/// the singular (whose infinitive or participle ends the clause), is its subject and a name. A
/// common noun there takes an article ("Die Bahn erhielt", "Der Konzern will") or, without one,
/// stands in the plural ("Analysten wollen"); the adverbs that stand first before the verb
/// ("Zudem erhielt …", "Künftig soll …") are `not_names` of the lexicon, read before this, and
/// before an auxiliary or a modal a word shaped like an adverb ("Langfristig will …",
/// "Schrittweise soll …") is none either. Not before "ist" or "war" ("Ziel ist …").
fn opens_sentence_before_its_verb(n: &UnknownName) -> bool {
    const MODALS: &[&str] = &[
        "wird", "will", "wollte", "soll", "sollte", "kann", "könnte", "möchte", "plant", "plante",
    ];
    const ADVERB_ENDINGS: &[&str] = &["ig", "lich", "isch", "weise", "mals", "wärts", "dings"];
    let adverb_shaped = || {
        let w = n.words[0].to_lowercase();
        ADVERB_ENDINGS.iter().any(|e| w.ends_with(e))
    };
    n.sentence_start
        && (n.before_deal_verb
            || matches!(n.next_word, "hat" | "hatte")
            || (MODALS.contains(&n.next_word) && !adverb_shaped()))
}

/// "Die Nordbahn hat einen Bond platziert, Ostwerk hat eine Anleihe begeben": a lone capitalised
/// word after a comma, with no article, right before a finite verb in the singular, opens a
/// clause as its subject; a common noun there takes an article ("…, die Bahn hat") or, without
/// one, stands in the plural ("…, Analysten haben").
fn opens_clause_in_the_singular(n: &UnknownName) -> bool {
    const SINGULAR: &[&str] = &["hat", "hatte", "wird", "will", "soll", "ist", "war", "kann"];
    n.after_comma && SINGULAR.contains(&n.next_word)
}
