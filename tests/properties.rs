//! Property tests: the reader never panics and always yields NFC text with spans on char
//! boundaries; output records survive CSV and JSON round trips unchanged.

use std::path::Path;

use dealtrack::lang::Lang;
use dealtrack::model::{Deal, DealStatus, DealType, Qualifier, SourceRef, Total};
use dealtrack::read::{self, Decoded, Event};
use dealtrack::render::{self, CsvOptions, sheets};
use jiff::civil::Date;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn cases() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn any_bytes_never_panic_and_text_is_nfc(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let p = Path::new("x.txt");
        if let Ok(Decoded::Text(t) | Decoded::Legacy { text: t, .. }) = read::decode(p, &bytes) {
            prop_assert_eq!(read::nfc(&t), t.clone());
            let (_, _, start) = read::split_header(&t);
            prop_assert!(t.is_char_boundary(start));
        }
        if let Event::Doc(d) = read::text_document(p, &bytes) {
            prop_assert!(d.text.is_char_boundary(d.body_start));
        }
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            let _ = read::parse_jsonl_line(Path::new("x.jsonl"), i + 1, line);
        }
    }

    #[test]
    fn any_text_decodes_to_its_nfc(s in any::<String>()) {
        match read::decode(Path::new("x"), s.as_bytes()) {
            Ok(Decoded::Text(t)) => {
                prop_assert_eq!(read::nfc(&t), t.clone());
                // A leading U+FEFF is a UTF-8 byte order mark, and is dropped.
                prop_assert_eq!(t, read::nfc(s.strip_prefix('\u{feff}').unwrap_or(&s)));
            }
            Ok(Decoded::Binary) => prop_assert!(s.contains('\0')),
            other => prop_assert!(false, "{other:?}"),
        }
    }

    #[test]
    fn nfc_is_idempotent(s in any::<String>()) {
        let once = read::nfc(&s);
        prop_assert_eq!(read::nfc(&once), once);
    }

    #[test]
    fn header_gives_date_title_and_body(
        y in 1900i16..2100, m in 1i8..13, d in 1i8..29,
        title in "[\\p{L} ,.0-9-]{0,40}", body in "\\PC{0,200}", crlf in any::<bool>(),
    ) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let text = format!("date {y:04}-{m:02}-{d:02} {title}{nl}{body}");
        let (date, t, start) = read::split_header(&text);
        prop_assert_eq!(date, Some(jiff::civil::date(y, m, d)));
        prop_assert_eq!(t.as_deref(), (!title.trim().is_empty()).then(|| title.trim()));
        prop_assert_eq!(&text[start..], body.as_str());
    }

    #[test]
    fn jsonl_text_field_round_trips(text in any::<String>(), id in any::<u32>()) {
        let line = serde_json::json!({"id": id, "text": text}).to_string();
        match read::parse_jsonl_line(Path::new("a.jsonl"), 1, line.as_bytes()) {
            Event::Doc(d) => {
                prop_assert_eq!(d.text, read::nfc(&text));
                prop_assert_eq!(d.id, Some(id.to_string()));
            }
            other => prop_assert!(false, "{other:?}"),
        }
    }
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..12).prop_map(|(m, s)| Decimal::new(m, s))
}

fn date() -> impl Strategy<Value = Option<Date>> {
    proptest::option::of(
        (1990i16..2040, 1i8..13, 1i8..29).prop_map(|(y, m, d)| jiff::civil::date(y, m, d)),
    )
}

fn lang() -> impl Strategy<Value = Lang> {
    prop_oneof![Just(Lang::Vi), Just(Lang::De), Just(Lang::En)]
}

fn qualifier() -> impl Strategy<Value = Qualifier> {
    prop_oneof![
        Just(Qualifier::Exact),
        Just(Qualifier::Approx),
        Just(Qualifier::AtLeast),
        Just(Qualifier::AtMost),
        Just(Qualifier::Range),
    ]
}

fn text() -> impl Strategy<Value = String> {
    any::<String>()
}

fn total() -> impl Strategy<Value = Total> {
    (
        text(),
        text(),
        date(),
        lang(),
        decimal(),
        "[A-Z]{3}",
        qualifier(),
        text(),
        any::<u32>(),
        any::<u32>(),
    )
        .prop_map(
            |(
                id,
                source,
                published,
                language,
                amount,
                currency,
                qualifier,
                evidence,
                start,
                end,
            )| Total {
                id,
                source,
                published,
                language,
                amount,
                currency,
                qualifier,
                evidence,
                start: start as usize,
                end: end as usize,
            },
        )
}

fn deal() -> impl Strategy<Value = Deal> {
    let head = (
        text(),
        text(),
        date(),
        lang(),
        0..DealType::ALL.len(),
        0..DealStatus::ALL.len(),
        proptest::option::of(text()),
        proptest::option::of(text()),
    );
    let tail = (
        proptest::collection::vec(text(), 0..4),
        proptest::option::of(text()),
        proptest::option::of(any::<u64>()),
        proptest::option::of(decimal()),
        proptest::option::of("[A-Z]{3}"),
        proptest::option::of(qualifier()),
        proptest::option::of(decimal()),
        text(),
        text(),
        any::<u32>(),
        proptest::collection::vec(text(), 0..2),
    );
    (head, tail).prop_map(|(h, t)| Deal {
        id: h.0,
        source: h.1.clone(),
        published: h.2,
        language: h.3,
        deal_type: DealType::ALL[h.4],
        status: DealStatus::ALL[h.5],
        provider: h.6,
        recipient: h.7,
        parties: t.0,
        item: t.1,
        quantity: t.2,
        amount: t.3,
        currency: t.4,
        currency_inferred: false,
        qualifier: t.5,
        amount_max: t.6,
        sector: t.7,
        evidence: t.8.clone(),
        start: t.9 as usize,
        end: t.9 as usize + t.8.len(),
        sources: vec![h.1.clone()],
        reports: vec![SourceRef {
            source: h.1,
            published: h.2,
            language: h.3,
            evidence: t.8,
            start: t.9 as usize,
            end: t.9 as usize + 1,
        }],
        notes: t.10,
    })
}

fn csv_round_trip(totals: &[Total], opts: &CsvOptions) -> Vec<Vec<String>> {
    // The writer the commands use: `sheets::totals` through `write_sheet_csv`.
    let mut buf = Vec::new();
    render::write_sheet_csv(&mut buf, &sheets::totals(totals), opts).unwrap();
    let body = buf.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&buf);
    let mut r = csv::ReaderBuilder::new()
        .delimiter(opts.delimiter)
        .from_reader(body);
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        sheets::TOTAL_COLUMNS
    );
    r.records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect()
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn deal_and_total_json_round_trip(d in deal(), t in total()) {
        let back: Deal = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        prop_assert_eq!(back, d.clone());
        let back: Total = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        prop_assert_eq!(back, t.clone());
        let ex = dealtrack::model::Extraction { deals: vec![d], totals: vec![t] };
        let pretty = serde_json::to_string_pretty(&ex).unwrap();
        prop_assert_eq!(serde_json::from_str::<dealtrack::model::Extraction>(&pretty).unwrap(), ex);
    }

    #[test]
    fn total_csv_round_trip(
        totals in proptest::collection::vec(total(), 0..6),
        excel in any::<bool>(), semicolon in any::<bool>(), guard in any::<bool>(),
    ) {
        let opts = CsvOptions {
            delimiter: if semicolon { b';' } else { b',' },
            decimal_comma: semicolon,
            excel,
            neutralise_formulas: guard,
        };
        let rows = csv_round_trip(&totals, &opts);
        prop_assert_eq!(rows.len(), totals.len());
        for (row, t) in rows.iter().zip(&totals) {
            let unguard = |s: &str, orig: &str| -> String {
                if guard && render::neutralise(orig).len() != orig.len() {
                    s.strip_prefix('\'').unwrap_or(s).to_string()
                } else {
                    s.to_string()
                }
            };
            prop_assert_eq!(&row[0], &t.id);
            prop_assert_eq!(unguard(&row[1], &t.source), t.source.clone());
            prop_assert_eq!(row[2].clone(), t.published.map(|p| p.to_string()).unwrap_or_default());
            prop_assert_eq!(row[3].parse::<Lang>().unwrap(), t.language);
            // with ';' the decimal separator is ',' (as the CLI writes it)
            let amount = if semicolon { row[4].replace(',', ".") } else { row[4].clone() };
            prop_assert!(!semicolon || !row[4].contains('.'), "{}", &row[4]);
            prop_assert_eq!(amount.parse::<Decimal>().unwrap(), t.amount);
            prop_assert_eq!(&row[5], &t.currency);
            prop_assert_eq!(&row[6], t.qualifier.as_str());
            prop_assert_eq!(unguard(&row[7], &t.evidence), t.evidence.clone());
            prop_assert_eq!(row[8].parse::<usize>().unwrap(), t.start);
            prop_assert_eq!(row[9].parse::<usize>().unwrap(), t.end);
        }
    }
}

/// Words of the three languages' lexicons (deal words, amount words, entity names, compounds and
/// their pieces) and fillers, in several spellings: the texts the joint-scan property reads.
const SCAN_WORDS: &[&str] = &[
    "hợp đồng",
    "Hợp đồng",
    "ký",
    "mua",
    "bán",
    "tỷ",
    "triệu",
    "đồng",
    "USD",
    "US$",
    "tập đoàn",
    "Tập đoàn",
    "Boeing",
    "Airbus",
    "Vietnam Airlines",
    "Việt Nam",
    "Mỹ",
    "máy bay",
    "chiếc",
    "Kaufvertrag",
    "Liefervertrag",
    "vertrag",
    "Vertrag",
    "Milliarden",
    "Millionen",
    "Euro",
    "unterzeichnet",
    "Auftrag",
    "Aufträge",
    "Deutschland",
    "Siemens",
    "zwei",
    "einundzwanzig",
    "contract",
    "Contract",
    "signed",
    "billion",
    "million",
    "$",
    "€",
    "worth",
    "aircraft",
    "the",
    "of",
    "and",
    "with",
    "Government",
    "Germany",
    "United States",
    "Kestrel",
    "Orvex",
    "12",
    "3,5",
    "1.200",
    "737",
    "MAX",
    "-",
    ",",
    ".",
    "(",
    ")",
    "x",
    "ĐỒNG",
    "EVN",
];

fn scan_text() -> impl Strategy<Value = String> {
    proptest::collection::vec((0..SCAN_WORDS.len(), 0..3usize), 0..24).prop_map(|ws| {
        ws.iter()
            .map(|&(i, glue)| {
                let w = SCAN_WORDS[i];
                // Words written apart, glued on (compounds, "vertrags"), or in capitals.
                match glue {
                    0 => format!("{w} "),
                    1 => w.to_string(),
                    _ => format!("{} ", w.to_uppercase()),
                }
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(cases())]

    /// One automaton over a language's deal words, amount words and the entity names gives each
    /// lexicon exactly the hits its own scan gives: the hot path scans a sentence once.
    #[test]
    fn the_joint_scan_selects_what_each_lexicons_own_scan_finds(text in scan_text()) {
        use dealtrack::lexicons::{Lexicons, joint};
        use dealtrack::text::Folded;
        let lex = Lexicons::builtin();
        let folded = Folded::new(&text);
        for lang in Lang::ALL {
            let raw = lex.scan(lang).scan(&folded);
            let deals = dealtrack::deal::lexicon::lexicon(lang);
            prop_assert_eq!(
                format!("{:?}", deals.select(&text, &folded, &raw[joint::DEALS])),
                format!("{:?}", deals.scan(&text, &folded))
            );
            let amounts = dealtrack::amount::lexicon::lexicon(lang);
            prop_assert_eq!(
                format!("{:?}", amounts.select(&text, &folded, &raw[joint::AMOUNTS])),
                format!("{:?}", amounts.scan(&text, &folded))
            );
            let names = |hits: Vec<dealtrack::entity::EntityHit>| -> Vec<(usize, usize, String)> {
                hits.iter().map(|h| (h.start, h.end, h.entity.canonical.clone())).collect()
            };
            prop_assert_eq!(
                names(lex.entities.select(&text, &folded, &raw[joint::ENTITIES])),
                names(lex.entities.find(&text, &folded))
            );
        }
    }
}
