//! Lexicon tables under `data/`: a user's file read beside the built-in table, and the
//! `key<TAB>term|term|…` format that sectors and concepts share.

use std::path::Path;

use crate::error::Error;

/// The user's file named on the command line, as (name for messages, text); `None` when not given.
pub fn user_file(path: Option<&Path>) -> Result<Option<(String, String)>, Error> {
    path.map(|p| {
        std::fs::read_to_string(p)
            .map(|text| (p.display().to_string(), text))
            .map_err(|e| Error::io(p, e))
    })
    .transpose()
}

/// The rows of a `key<TAB>term|term|…` table, each key with its non-empty terms. Blank lines,
/// `#` comments and a header row (`header<TAB>…`) are skipped; a row without a tab is an error
/// naming the file and the line.
pub fn keyed_terms<'a>(
    name: &str,
    table: &'a str,
    header: &str,
) -> Result<Vec<(&'a str, Vec<&'a str>)>, Error> {
    let mut rows = Vec::new();
    for (n, line) in table.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty()
            || line.starts_with('#')
            || line
                .strip_prefix(header)
                .is_some_and(|r| r.starts_with('\t'))
        {
            continue;
        }
        let Some((key, terms)) = line.split_once('\t') else {
            return Err(Error::BadLine {
                path: name.into(),
                line: n + 1,
                message: format!("expected: {header}<TAB>term|term|…"),
            });
        };
        let terms = terms
            .split('|')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        rows.push((key.trim(), terms));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_skip_comments_and_header_and_bad_rows_name_the_line() {
        let t = "sector\tkeywords\n# note\n\nEnergy\tgas| LNG ||\r\n";
        assert_eq!(
            keyed_terms("s.tsv", t, "sector").unwrap(),
            [("Energy", vec!["gas", "LNG"])]
        );
        let err = keyed_terms("mine.tsv", "Energy gas\n", "sector").unwrap_err();
        assert_eq!(
            err.to_string(),
            "mine.tsv:1: expected: sector<TAB>term|term|…"
        );
    }

    #[test]
    fn a_missing_user_file_is_an_error_naming_it() {
        assert!(user_file(None).unwrap().is_none());
        let err = user_file(Some(Path::new("/nonexistent/x.tsv"))).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/x.tsv"), "{err}");
    }
}
