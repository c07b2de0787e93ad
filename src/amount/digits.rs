//! Numbers written in digits: "37,2", "2.000", "1.234.567,89", "1,234,567.89", "1 234 567",
//! read with the document language's separators, and the other convention where unambiguous.

use rust_decimal::Decimal;

use crate::lang::Lang;

/// Reads a digit string with separators ('.', ',', '\'', spaces already removed or kept as ' ').
/// Returns `None` when the grouping is impossible (e.g. "1.23.4").
pub fn parse(raw: &str, lang: Lang) -> Option<Decimal> {
    // The raised decimal point of British print ("1·26"): a decimal point, never a group.
    if let Some((int, frac)) = raw.split_once('·') {
        if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let whole = parse(int, lang)?;
        if !whole.fract().is_zero() {
            return None;
        }
        return format!("{whole}.{frac}").parse().ok();
    }
    let s: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''))
        .collect();
    let spaced = s.len() != raw.len();
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let (group, decimal): (Option<char>, Option<char>) = match (dots, commas) {
        (0, 0) => (None, None),
        (_, 0) | (0, _) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let n = dots + commas;
            let last = s.rsplit(sep).next().unwrap_or("");
            if n > 1 {
                (Some(sep), None)
            } else if last.len() != 3 || spaced {
                // "37,2", "1.5", "2,50": not a thousands group, so a decimal point.
                (None, Some(sep))
            } else if sep == lang.group_sep() {
                (Some(sep), None)
            } else {
                (None, Some(sep))
            }
        }
        _ => {
            // Both: the last one is the decimal point.
            let last_dot = s.rfind('.').unwrap();
            let last_comma = s.rfind(',').unwrap();
            if last_dot > last_comma {
                (Some(','), Some('.'))
            } else {
                (Some('.'), Some(','))
            }
        }
    };
    let (int_part, frac_part) = match decimal {
        Some(d) => {
            let i = s.rfind(d).unwrap();
            (&s[..i], Some(&s[i + 1..]))
        }
        None => (s.as_str(), None),
    };
    if decimal.is_some() && int_part.contains(decimal.unwrap()) {
        return None;
    }
    let digits: String = match group {
        Some(g) => {
            let groups: Vec<&str> = int_part.split(g).collect();
            let western = !groups[0].is_empty()
                && groups[0].len() <= 3
                && groups[1..].iter().all(|x| x.len() == 3);
            // Indian grouping: "12,34,567.89" (lakh and crore).
            let indian = g == ','
                && groups.len() >= 3
                && (1..=2).contains(&groups[0].len())
                && groups[1..groups.len() - 1].iter().all(|x| x.len() == 2)
                && groups.last().is_some_and(|x| x.len() == 3);
            let ok = western || indian;
            if !ok {
                return None;
            }
            groups.concat()
        }
        None => int_part.to_string(),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let text = match frac_part {
        Some(f) if !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) => {
            format!("{digits}.{f}")
        }
        Some(_) => return None,
        None => digits,
    };
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn language_conventions_and_unambiguous_other_convention() {
        assert_eq!(parse("37,2", Lang::Vi), Some(d("37.2")));
        assert_eq!(parse("2.000", Lang::Vi), Some(d("2000")));
        assert_eq!(parse("1.234.567,89", Lang::De), Some(d("1234567.89")));
        assert_eq!(parse("1,234,567.89", Lang::En), Some(d("1234567.89")));
        assert_eq!(parse("37.2", Lang::En), Some(d("37.2")));
        // The other convention where it cannot be a thousands group.
        assert_eq!(parse("1.5", Lang::Vi), Some(d("1.5")));
        assert_eq!(parse("2,5", Lang::En), Some(d("2.5")));
        // Ambiguous single separator before three digits: the language decides.
        assert_eq!(parse("2,000", Lang::En), Some(d("2000")));
        assert_eq!(parse("2,000", Lang::De), Some(d("2.000")));
        assert_eq!(parse("1 234 567", Lang::Vi), Some(d("1234567")));
        assert_eq!(parse("12\u{202f}500", Lang::De), Some(d("12500")));
        assert_eq!(parse("1.23.4", Lang::Vi), None);
        assert_eq!(parse("12,34,567.89", Lang::En), Some(d("1234567.89")));
    }
}
