//! Property: a Decimal written in each language's conventions — digits with that language's
//! separators, digits with a scale word, numerals in words — is recognised as the same Decimal.

use dealtrack::amount::amounts;
use dealtrack::lang::Lang;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Digits with grouping and a decimal separator.
fn group(int: u64, frac: Option<u32>, group_sep: &str, dec_sep: &str) -> String {
    let s = int.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push_str(group_sep);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push_str(dec_sep);
        out.push_str(&format!("{f:02}"));
    }
    out
}

fn en_words(n: u64) -> String {
    const U: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const T: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    fn below_thousand(n: u64) -> String {
        let mut parts = Vec::new();
        if n >= 100 {
            parts.push(format!("{} hundred", U[(n / 100) as usize]));
        }
        let r = n % 100;
        if r >= 20 {
            parts.push(if r % 10 == 0 {
                T[(r / 10) as usize].to_string()
            } else {
                format!("{}-{}", T[(r / 10) as usize], U[(r % 10) as usize])
            });
        } else if r > 0 || n == 0 {
            parts.push(U[r as usize].to_string());
        }
        parts.join(" ")
    }
    let mut parts = Vec::new();
    for (scale, name) in [
        (1_000_000_000u64, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ] {
        if n / scale % 1000 > 0 {
            parts.push(format!("{} {name}", below_thousand(n / scale % 1000)));
        }
    }
    if n % 1000 > 0 || n == 0 {
        parts.push(below_thousand(n % 1000));
    }
    parts.join(" ")
}

fn vi_words(n: u64) -> String {
    const U: [&str; 10] = [
        "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
    ];
    fn below_thousand(n: u64, full: bool) -> String {
        let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
        let mut parts = Vec::new();
        if h > 0 || full {
            parts.push(format!("{} trăm", U[h as usize]));
        }
        match t {
            0 if u > 0 && (h > 0 || full) => parts.push(format!("linh {}", U[u as usize])),
            0 => {
                if u > 0 {
                    parts.push(U[u as usize].to_string());
                }
            }
            1 => parts.push(match u {
                0 => "mười".to_string(),
                5 => "mười lăm".to_string(),
                _ => format!("mười {}", U[u as usize]),
            }),
            _ => {
                parts.push(format!("{} mươi", U[t as usize]));
                match u {
                    0 => {}
                    1 => parts.push("mốt".into()),
                    5 => parts.push("lăm".into()),
                    _ => parts.push(U[u as usize].to_string()),
                }
            }
        }
        parts.join(" ")
    }
    let mut parts = Vec::new();
    let mut started = false;
    for (scale, name) in [
        (1_000_000_000u64, "tỷ"),
        (1_000_000, "triệu"),
        (1_000, "nghìn"),
    ] {
        let g = n / scale % 1000;
        if g > 0 {
            parts.push(format!("{} {name}", below_thousand(g, started)));
            started = true;
        }
    }
    let r = n % 1000;
    if r > 0 {
        parts.push(below_thousand(r, started));
    }
    parts.join(" ")
}

fn de_words(n: u64) -> String {
    const U: [&str; 20] = [
        "null",
        "ein",
        "zwei",
        "drei",
        "vier",
        "fünf",
        "sechs",
        "sieben",
        "acht",
        "neun",
        "zehn",
        "elf",
        "zwölf",
        "dreizehn",
        "vierzehn",
        "fünfzehn",
        "sechzehn",
        "siebzehn",
        "achtzehn",
        "neunzehn",
    ];
    const T: [&str; 10] = [
        "", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig",
        "neunzig",
    ];
    fn below_thousand(n: u64) -> String {
        let mut s = String::new();
        if n >= 100 {
            s.push_str(U[(n / 100) as usize]);
            s.push_str("hundert");
        }
        let r = n % 100;
        if r >= 20 {
            if r % 10 > 0 {
                s.push_str(U[(r % 10) as usize]);
                s.push_str("und");
            }
            s.push_str(T[(r / 10) as usize]);
        } else if r > 0 {
            s.push_str(if r == 1 { "eins" } else { U[r as usize] });
        }
        s
    }
    let mut parts = Vec::new();
    for (scale, one, many) in [
        (1_000_000_000u64, "eine Milliarde", "Milliarden"),
        (1_000_000, "eine Million", "Millionen"),
    ] {
        let g = n / scale % 1000;
        if g == 1 {
            parts.push(one.to_string());
        } else if g > 1 {
            parts.push(format!("{} {many}", below_thousand(g)));
        }
    }
    let low = n % 1_000_000;
    if low > 0 {
        let th = low / 1000;
        let mut s = String::new();
        if th > 0 {
            s.push_str(&below_thousand(th).replace("eins", "ein"));
            s.push_str("tausend");
        }
        s.push_str(&below_thousand(low % 1000));
        parts.push(s);
    }
    parts.join(" ")
}

/// The one amount found in `text`, as (value, currency).
fn read(text: &str, lang: Lang) -> Vec<(Decimal, String)> {
    amounts(text, lang)
        .into_iter()
        .map(|a| (a.value, a.currency))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn digits_in_each_convention(int in 0u64..10_000_000_000_000, frac in proptest::option::of(0u32..100)) {
        let want = Decimal::from(int) + frac.map_or(Decimal::ZERO, |f| Decimal::new(f as i64, 2));
        let vi = format!("Hợp đồng trị giá {} đồng.", group(int, frac, ".", ","));
        let de = format!("Der Auftrag hat einen Wert von {} Euro.", group(int, frac, ".", ","));
        let en = format!("The contract is worth ${}.", group(int, frac, ",", "."));
        prop_assert_eq!(read(&vi, Lang::Vi), vec![(want.normalize(), "VND".to_string())], "{}", vi);
        prop_assert_eq!(read(&de, Lang::De), vec![(want.normalize(), "EUR".to_string())], "{}", de);
        prop_assert_eq!(read(&en, Lang::En), vec![(want.normalize(), "USD".to_string())], "{}", en);
    }

    #[test]
    fn digits_with_scale_words(whole in 1u64..1000, tenths in 0u32..10, scale in 0usize..3) {
        let (vi_s, de_s, en_s, m) = [
            ("triệu", "Millionen", "million", 1_000_000u64),
            ("tỷ", "Milliarden", "billion", 1_000_000_000),
            ("nghìn tỷ", "Billionen", "trillion", 1_000_000_000_000),
        ][scale];
        let want = (Decimal::from(whole) + Decimal::new(tenths as i64, 1)) * Decimal::from(m);
        let vi = format!("Dự án có vốn {whole},{tenths} {vi_s} USD.");
        let de = format!("Das Projekt kostet {whole},{tenths} {de_s} Euro.");
        let en = format!("The project costs ${whole}.{tenths} {en_s}.");
        prop_assert_eq!(read(&vi, Lang::Vi), vec![(want.normalize(), "USD".to_string())], "{}", vi);
        prop_assert_eq!(read(&de, Lang::De), vec![(want.normalize(), "EUR".to_string())], "{}", de);
        prop_assert_eq!(read(&en, Lang::En), vec![(want.normalize(), "USD".to_string())], "{}", en);
    }

    #[test]
    fn numerals_in_words(n in 1u64..1_000_000_000_000) {
        let want = Decimal::from(n);
        let vi = format!("Khoản viện trợ {} đô la.", vi_words(n));
        let de = format!("Die Hilfe beträgt {} Euro.", de_words(n));
        let en = format!("The grant is {} dollars.", en_words(n));
        prop_assert_eq!(read(&vi, Lang::Vi), vec![(want, "USD".to_string())], "{}", vi);
        prop_assert_eq!(read(&de, Lang::De), vec![(want, "EUR".to_string())], "{}", de);
        prop_assert_eq!(read(&en, Lang::En), vec![(want, "USD".to_string())], "{}", en);
    }
}

/// A language, a currency prefix, scale phrases, number words and the words they may form
/// compounds with.
type Compounds = (
    Lang,
    &'static str,
    [&'static str; 3],
    [&'static str; 6],
    [&'static str; 3],
);

proptest! {
    /// "A$27 million two-year tranche" once read 23,000,002: a number word that starts a compound
    /// (a duration or an ordinal) never adds to the amount before it, in any language.
    #[test]
    fn a_compound_after_an_amount_leaves_its_value_unchanged(
        n in 1u64..1000,
        k in 0usize..3,
        w in 0usize..6,
        unit in 0usize..3,
    ) {
        let cases: [Compounds; 3] = [
            (Lang::En, "$", ["million", "billion", "thousand"],
             ["two", "three", "five", "seven", "ten", "twenty"], ["year", "month", "week"]),
            (Lang::De, "", ["Millionen Euro", "Milliarden Euro", "Millionen Dollar"],
             ["zwei", "drei", "fünf", "sieben", "zehn", "zwanzig"], ["jährige", "monatige", "Jahres"]),
            (Lang::Vi, "", ["triệu USD", "tỷ USD", "tỷ đồng"],
             ["hai", "ba", "năm", "bảy", "mười", "hai mươi"], ["năm", "tháng", "tuần"]),
        ];
        for (lang, prefix, scales, words, units) in cases {
            let plain = format!("Khoản vay {prefix}{n} {} được ký.", scales[k]);
            let with = format!("Khoản vay {prefix}{n} {} {}-{} được ký.", scales[k], words[w], units[unit]);
            let a = amounts(&plain, lang);
            let b = amounts(&with, lang);
            prop_assert_eq!(a.len(), 1, "{}", plain);
            prop_assert_eq!(b.len(), 1, "{}", with);
            prop_assert_eq!(a[0].value, b[0].value, "{}", with);
        }
    }
}
