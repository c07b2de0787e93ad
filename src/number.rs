//! How numbers are written: plainly for machines (CSV, JSON, the ledger, ids) and grouped for
//! people (tables, verdicts, reports).
//!
//! Kept apart from [`crate::render`] so that the stages that put a figure into a string (an id in
//! [`crate::track`], a sum in [`crate::summary`], a verdict in [`crate::reconcile`], a stored
//! amount in [`crate::ledger`]) do not depend on the output layer.

use rust_decimal::Decimal;

/// A plain decimal: no grouping, "." as decimal point, no trailing zeros after the point.
pub fn plain_decimal(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A plain decimal with a decimal comma ("1234,5"), for the locales whose spreadsheets read ","
/// as the decimal separator.
pub fn comma_decimal(d: Decimal) -> String {
    plain_decimal(d).replace('.', ",")
}

/// Groups the integer part of a decimal with commas for reading: 37200000000 → 37,200,000,000.
pub fn grouped(d: Decimal) -> String {
    let s = plain_decimal(d);
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(int.len() + int.len() / 3 + 8);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn plain_decimals_have_no_grouping_or_trailing_zeros() {
        assert_eq!(
            plain_decimal(Decimal::from_str("37200000000.00").unwrap()),
            "37200000000"
        );
        assert_eq!(plain_decimal(Decimal::from_str("2.50").unwrap()), "2.5");
        assert_eq!(
            comma_decimal(Decimal::from_str("1234.50").unwrap()),
            "1234,5"
        );
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(Decimal::from(37_200_000_000u64)), "37,200,000,000");
        assert_eq!(grouped(Decimal::from(999)), "999");
        assert_eq!(
            grouped(Decimal::from_str("-1234567.5").unwrap()),
            "-1,234,567.5"
        );
    }
}
