//! Model designations and their makers (`data/models.tsv`, extendable with `--models FILE`): a
//! purchase that names the models bought but not who sells them ("ordered 40 A321neo") is bought
//! from the one maker of those models.

use std::collections::HashMap;

use crate::error::Error;

pub const DEFAULT_MODELS: &str = include_str!("../data/models.tsv");

/// Designations → maker, compiled from the tables in order (a later table's designation wins).
pub struct Models {
    /// Every designation, for one pass over a text (`None`: no designation at all).
    ac: Option<aho_corasick::AhoCorasick>,
    /// (designation, index into `makers`), in the automaton's pattern order.
    designations: Vec<(String, usize)>,
    makers: Vec<String>,
}

impl Models {
    pub fn parse(tables: &[(&str, &str)]) -> Result<Models, Error> {
        let mut makers: Vec<String> = Vec::new();
        let mut of: HashMap<String, usize> = HashMap::new();
        for (name, table) in tables {
            for (maker, terms) in crate::tables::keyed_terms(name, table, "maker")? {
                let i = makers.iter().position(|m| m == maker).unwrap_or_else(|| {
                    makers.push(maker.to_string());
                    makers.len() - 1
                });
                for t in terms {
                    for v in spellings(t) {
                        of.entry(v).or_insert(i);
                    }
                    of.insert(t.to_string(), i);
                }
            }
        }
        let mut designations: Vec<(String, usize)> = of.into_iter().collect();
        designations.sort();
        let ac = (!designations.is_empty()).then(|| {
            aho_corasick::AhoCorasick::new(designations.iter().map(|(d, _)| d.as_str()))
                .expect("designation automaton")
        });
        Ok(Models {
            ac,
            designations,
            makers,
        })
    }

    /// The one maker whose models `text` names, if it names models of exactly one.
    ///
    /// "Kestrel Air ordered 40 A321neo and ten A350-900" → Airbus; "… 20 A321neo to replace its
    /// 737-800s" → none (two makers); "737 tỷ đồng" → none (a bare number is no designation).
    pub fn sole_maker(&self, text: &str) -> Option<&str> {
        let mut found: Option<usize> = None;
        for m in self.ac.as_ref()?.find_overlapping_iter(text) {
            let (d, maker) = &self.designations[m.pattern().as_usize()];
            if !(starts_word(text, m.start()) && ends_designation(d, &text[m.end()..])) {
                continue;
            }
            match found {
                Some(f) if f != *maker => return None,
                _ => found = Some(*maker),
            }
        }
        found.map(|i| self.makers[i].as_str())
    }

    /// "Airbus A321neo", "Boeing 787-9": whether `rest` (the text right after a name) opens,
    /// past spaces, on a designation of that name's own models (`maker`, as the table writes it).
    pub fn opens_with_model_of(&self, rest: &str, maker: &str) -> bool {
        let Some(ac) = self.ac.as_ref() else {
            return false;
        };
        let t = rest.trim_start();
        if t.len() == rest.len() {
            return false;
        }
        // A designation opens the text: only its first few words are searched.
        let mut cut = t.len().min(MAX_DESIGNATION);
        while !t.is_char_boundary(cut) {
            cut -= 1;
        }
        let maker = crate::entity::key(maker);
        ac.find_overlapping_iter(&t[..cut]).any(|m| {
            let (d, i) = &self.designations[m.pattern().as_usize()];
            m.start() == 0
                && ends_designation(d, &t[m.end()..])
                && crate::entity::key(&self.makers[*i]) == maker
        })
    }
}

impl Models {
    /// "A350-1000", "A320neos", "F-35A": whether `word` opens with a designation of the table
    /// (what follows it as [`Models::is_designation`] allows, or a variant after a hyphen).
    pub fn opens_word(&self, word: &str) -> bool {
        self.opens_with(word, |_| true)
    }

    /// "F-16", "A321neo", "Dreamliner": whether `word` (one word as written) is a designation of
    /// the table, whole or with what may follow one ("A321" in "A321neo"). A model is no party.
    pub fn is_designation(&self, word: &str) -> bool {
        self.opens_with(word, |rest| rest.chars().all(char::is_alphanumeric))
    }

    /// Whether a designation of the table opens `word`, ends there as `ends_designation` allows,
    /// and leaves a rest that `rest_ok` accepts.
    fn opens_with(&self, word: &str, rest_ok: impl Fn(&str) -> bool) -> bool {
        let Some(ac) = self.ac.as_ref() else {
            return false;
        };
        ac.find_overlapping_iter(word).any(|m| {
            let (d, _) = &self.designations[m.pattern().as_usize()];
            let rest = &word[m.end()..];
            m.start() == 0 && ends_designation(d, rest) && rest_ok(rest)
        })
    }
}

/// "A380" is also written "A 380" and "A-380" (German and French press): a designation of one or
/// two capitals and digits, those two spellings of it beside its own (which wins where a table
/// lists a variant itself).
fn spellings(d: &str) -> Vec<String> {
    let letters = d.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = &d[letters..];
    if !(1..=2).contains(&letters)
        || digits.len() < 2
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return Vec::new();
    }
    let head = &d[..letters];
    vec![format!("{head} {digits}"), format!("{head}-{digits}")]
}

/// Longer than any model designation written in news (the built-in table's longest is far
/// shorter): a name's model is looked for in this many bytes after it.
const MAX_DESIGNATION: usize = 64;

/// No letter or digit right before `at`.
fn starts_word(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// What may follow a designation `d`: after a digit no digit ("A321neo", not "A3210"); after a
/// letter no letter or digit but a plural "s" ("Rafales", not "Trenton"); after a mark anything
/// ("737-8").
fn ends_designation(d: &str, rest: &str) -> bool {
    let mut next = rest.chars();
    let Some(c) = next.next() else {
        return true;
    };
    match d.chars().next_back() {
        Some(l) if l.is_ascii_digit() => !c.is_ascii_digit(),
        Some(l) if l.is_alphabetic() => {
            !c.is_alphanumeric() || (c == 's' && next.next().is_none_or(|c| !c.is_alphanumeric()))
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Models {
        Models::parse(&[("data/models.tsv", DEFAULT_MODELS)]).unwrap()
    }

    #[test]
    fn one_makers_models_name_it() {
        let m = builtin();
        assert_eq!(m.sole_maker("ordered 40 A321neo jets"), Some("Airbus"));
        assert_eq!(m.sole_maker("40 737 MAX 8s"), Some("Boeing"));
        assert_eq!(
            m.sole_maker("zwölf Jets des Typs CS100"),
            Some("Bombardier")
        );
        assert_eq!(m.sole_maker("zwölf Rafales"), Some("Dassault Aviation"));
    }

    #[test]
    fn figures_words_and_two_makers_name_none() {
        let m = builtin();
        assert_eq!(m.sole_maker("đạt 737 tỷ đồng"), None);
        assert_eq!(m.sole_maker("in Trenton, New Jersey"), None);
        assert_eq!(m.sole_maker("a fleet of A3210 units"), None);
        assert_eq!(m.sole_maker("20 A321neo to replace its 737-800s"), None);
    }

    #[test]
    fn a_users_designation_wins() {
        let m = Models::parse(&[
            ("data/models.tsv", DEFAULT_MODELS),
            ("mine.tsv", "Kestrel Aero\tA320\n"),
        ])
        .unwrap();
        assert_eq!(m.sole_maker("ten A320"), Some("Kestrel Aero"));
        assert_eq!(m.sole_maker("ten A321"), Some("Airbus"));
    }
}
