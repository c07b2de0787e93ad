//! Sectors: a keyword lexicon (`data/sectors.tsv`, extendable with `--sectors FILE`) applied to a
//! deal's item (weighed most), its parties, then its sentence.

use crate::error::Error;
use crate::model::DealType;
use crate::text::{Folded, PhraseSet};

pub const DEFAULT_SECTORS: &str = include_str!("../data/sectors.tsv");

/// The taxonomy, in the order ties are broken.
pub const TAXONOMY: &[&str] = &[
    "Aviation",
    "Telecommunications",
    "Healthcare",
    "Energy",
    "Defence",
    "Automotive",
    "Agriculture",
    "Humanitarian",
    "Infrastructure",
    "Technology",
    "Manufacturing",
    "Finance",
    "Trade",
    "Other",
];

pub struct Sectors {
    set: PhraseSet,
    /// For each distinct keyword: its sectors, and whether each came from the user's file (which wins).
    keyword_sector: Vec<Vec<(String, bool)>>,
}

impl Sectors {
    pub fn parse(tables: &[(&str, &str, bool)]) -> Result<Sectors, Error> {
        let mut phrases: Vec<(String, bool)> = Vec::new();
        let mut keyword_sector: Vec<Vec<(String, bool)>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        for (name, table, user) in tables {
            for (sector, words) in crate::tables::keyed_terms(name, table, "sector")? {
                for w in words {
                    let i = *index.entry(w.to_lowercase()).or_insert_with(|| {
                        phrases.push((w.to_string(), false));
                        keyword_sector.push(Vec::new());
                        phrases.len() - 1
                    });
                    // "jets" and "Jets" are one keyword: count its sector once.
                    let entry = (sector.to_string(), *user);
                    if !keyword_sector[i].contains(&entry) {
                        keyword_sector[i].push(entry);
                    }
                }
            }
        }
        Ok(Sectors {
            set: PhraseSet::new(&phrases).match_inside_words(6),
            keyword_sector,
        })
    }

    fn score(&self, text: &str, weight: u32, scores: &mut Vec<(String, u32, bool)>) {
        let f = Folded::new(text);
        for h in self.set.find(text, &f) {
            if modifies_the_next_word(text, h.start, h.end) {
                continue;
            }
            for (sector, user) in &self.keyword_sector[h.id] {
                match scores.iter_mut().find(|(s, _, _)| s == sector) {
                    Some(e) => {
                        e.1 += weight;
                        e.2 |= *user;
                    }
                    None => scores.push((sector.clone(), weight, *user)),
                }
            }
        }
    }

    /// The sector of a deal. A keyword from the user's file outranks the built-in ones.
    pub fn classify(&self, item: &str, parties: &[String], sentence: &str, ty: DealType) -> String {
        self.best(item, parties, sentence)
            .unwrap_or_else(|| fallback(ty).to_string())
    }

    /// The best-scoring sector, if any keyword is found.
    pub fn best(&self, item: &str, parties: &[String], sentence: &str) -> Option<String> {
        let mut scores: Vec<(String, u32, bool)> = Vec::new();
        self.score(item, 6, &mut scores);
        for p in parties {
            self.score(p, 2, &mut scores);
        }
        self.score(sentence, 1, &mut scores);
        // Ties go to the taxonomy's order, except that Defence beats Aviation: "50 F-35 jets" are
        // military aircraft.
        let rank = |s: &str| match s {
            "Defence" => 0,
            _ => TAXONOMY
                .iter()
                .position(|t| *t == s)
                .map_or(TAXONOMY.len() + 1, |i| i + 1),
        };
        if let Some(best) = scores.iter().max_by(|a, b| {
            (a.2, a.1)
                .cmp(&(b.2, b.1))
                .then(rank(&b.0).cmp(&rank(&a.0)))
        }) {
            return Some(best.0.clone());
        }
        None
    }
}

/// "six-car trains", "4-engine jets": a keyword that ends a compound hyphened to a lower-case word
/// or a number, before a lower-case word, describes that word, the thing the deal is about; it
/// names no sector. German compounds open with a capital ("für E-Autos erhalten") and still count.
fn modifies_the_next_word(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    before.ends_with('-')
        && before[..before.len() - 1]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit()))
        && text[end..]
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(|c: char| c.is_lowercase()))
}

/// The sector of a deal whose text names none.
pub fn fallback(ty: DealType) -> &'static str {
    match ty {
        DealType::TradeAgreement => "Trade",
        DealType::Financing => "Finance",
        DealType::Aid => "Humanitarian",
        _ => "Other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hyphened_modifier_names_no_sector() {
        let s = Sectors::parse(&[(
            "test",
            "Automotive\tcar|cars\nInfrastructure\ttrains",
            false,
        )])
        .unwrap();
        assert_eq!(
            s.best("six-car trains", &[], "").as_deref(),
            Some("Infrastructure")
        );
        assert_eq!(s.best("car trains", &[], "").as_deref(), Some("Automotive"));
        assert_eq!(
            s.best("E-car trains", &[], "").as_deref(),
            Some("Automotive")
        );
    }

    #[test]
    fn item_outweighs_sentence_and_user_keywords_win() {
        let s = &crate::lexicons::Lexicons::builtin().sectors;
        assert_eq!(
            s.classify(
                "tàu bay Boeing 737-8",
                &[],
                "Thỏa thuận cung cấp tài chính",
                DealType::Financing
            ),
            "Aviation"
        );
        assert_eq!(
            s.classify("", &[], "nothing here", DealType::Aid),
            "Humanitarian"
        );
        let user = Sectors::parse(&[
            ("b", DEFAULT_SECTORS, false),
            ("u", "Energy\tBoeing\n", true),
        ])
        .unwrap();
        assert_eq!(
            user.classify("Boeing 737", &[], "", DealType::Purchase),
            "Energy"
        );
    }
}
