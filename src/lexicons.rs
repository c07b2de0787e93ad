//! The lexicons users may extend (`--aliases`, `--sectors`, `--concepts`, `--models`), loaded into one value
//! that a run passes down to every stage that reads them.
//!
//! Why a value and not a global: a global that is set once can silently keep an earlier lexicon
//! (a test, a library caller running two configurations, a second `configure`) and ignore the
//! user's file without a word. Here whoever runs the pipeline holds the lexicons it was given,
//! and a stage can only read the ones handed to it.

use std::path::Path;
use std::sync::OnceLock;

use crate::entity::{DEFAULT_ALIASES, Entities};
use crate::error::Error;
use crate::lang::Lang;
use crate::models::{DEFAULT_MODELS, Models};
use crate::sector::{DEFAULT_SECTORS, Sectors};
use crate::text::JointScan;
use crate::track::{Concepts, DEFAULT_CONCEPTS};

/// Entity aliases, sector keywords, tracking concepts and model makers: the built-in tables
/// (`data/`), each extended by a user's file whose entries win over the built-in ones.
pub struct Lexicons {
    pub entities: Entities,
    pub sectors: Sectors,
    pub concepts: Concepts,
    pub models: Models,
    /// Per language, the deal words, amount words and entity names matched in one pass (built
    /// on the first sentence of the language).
    scans: [OnceLock<JointScan>; 3],
}

/// Which list of a [`JointScan`] of [`Lexicons::scan`] holds which lexicon's matches.
pub mod joint {
    pub const DEALS: usize = 0;
    pub const AMOUNTS: usize = 1;
    pub const ENTITIES: usize = 2;
    /// The deal lexicon's verbs of beating (`DealLexicon::beat_phrases`), every match.
    pub const BEAT: usize = 3;
}

/// The user's files extending the built-in lexicons (each optional).
#[derive(Debug, Clone, Copy, Default)]
pub struct UserFiles<'a> {
    pub aliases: Option<&'a Path>,
    pub sectors: Option<&'a Path>,
    pub concepts: Option<&'a Path>,
    pub models: Option<&'a Path>,
}

impl Lexicons {
    /// The built-in lexicons extended by the user's files; an unreadable or malformed file is an
    /// error naming it (and its line).
    pub fn load(files: UserFiles) -> Result<Lexicons, Error> {
        let aliases = crate::tables::user_file(files.aliases)?;
        let sectors = crate::tables::user_file(files.sectors)?;
        let concepts = crate::tables::user_file(files.concepts)?;
        let models = crate::tables::user_file(files.models)?;
        let mut alias_tables = vec![("data/aliases.tsv", DEFAULT_ALIASES)];
        if let Some((name, text)) = &aliases {
            alias_tables.push((name.as_str(), text.as_str()));
        }
        let mut sector_tables = vec![("data/sectors.tsv", DEFAULT_SECTORS, false)];
        if let Some((name, text)) = &sectors {
            sector_tables.push((name.as_str(), text.as_str(), true));
        }
        let mut concept_tables = vec![("data/concepts.tsv", DEFAULT_CONCEPTS)];
        if let Some((name, text)) = &concepts {
            concept_tables.push((name.as_str(), text.as_str()));
        }
        let mut model_tables = vec![("data/models.tsv", DEFAULT_MODELS)];
        if let Some((name, text)) = &models {
            model_tables.push((name.as_str(), text.as_str()));
        }
        Ok(Lexicons {
            entities: Entities::parse(&alias_tables)?,
            sectors: Sectors::parse(&sector_tables)?,
            concepts: Concepts::parse(&concept_tables)?,
            models: Models::parse(&model_tables)?,
            scans: Default::default(),
        })
    }

    /// One automaton over the deal words and amount words of `lang`, the entity names and the
    /// verbs of beating: a sentence is scanned once for all (lists in the order of [`joint`]).
    pub fn scan(&self, lang: Lang) -> &JointScan {
        self.scans[lang.index()].get_or_init(|| {
            JointScan::new(&[
                crate::deal::lexicon::lexicon(lang).phrases(),
                crate::amount::lexicon::lexicon(lang).phrases(),
                self.entities.phrases(),
                crate::deal::lexicon::lexicon(lang).beat_phrases(),
            ])
        })
    }

    /// The built-in lexicons alone, parsed once per process and shared: what a caller that has no
    /// user files passes (tests, the library's one-call helpers). Nothing can replace them, so
    /// nothing can be silently ignored.
    pub fn builtin() -> &'static Lexicons {
        static BUILTIN: OnceLock<Lexicons> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Lexicons::load(UserFiles::default()).expect("the built-in lexicons parse")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_users_aliases_are_read_by_the_value_that_loaded_them_and_not_by_the_builtin_one() {
        let dir = std::env::temp_dir().join(format!("dealtrack-lex-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("aliases.tsv");
        std::fs::write(&file, "Zentrix Aerospace\tmanufacturer\t\tZentrix\n").unwrap();
        let builtin = Lexicons::builtin();
        let mine = Lexicons::load(UserFiles {
            aliases: Some(&file),
            ..Default::default()
        })
        .unwrap();
        // Loaded twice in one process, each value keeps its own file.
        let again = Lexicons::load(UserFiles::default()).unwrap();
        assert!(mine.entities.lookup("Zentrix").is_some());
        assert!(builtin.entities.lookup("Zentrix").is_none());
        assert!(again.entities.lookup("Zentrix").is_none());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_missing_user_file_is_an_error_naming_it() {
        let err = Lexicons::load(UserFiles {
            sectors: Some(Path::new("/nonexistent/sectors.tsv")),
            ..Default::default()
        })
        .err()
        .expect("a missing file is an error");
        assert!(
            err.to_string().contains("/nonexistent/sectors.tsv"),
            "{err}"
        );
    }
}
