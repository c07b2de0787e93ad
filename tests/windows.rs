//! Extraction in windows (issue 11: a 50 MB document in bounded memory): a document longer than a
//! window is analysed window by window. Tested with a window of a few bytes, so that every
//! paragraph is a window of its own, against each paragraph extracted as a document by itself.

use dealtrack::deal::{WINDOW_BYTES, extract, extract_windows};
use dealtrack::lang::Lang;
use dealtrack::lexicons::Lexicons;
use dealtrack::model::{Deal, Document, Extraction, Total};
use dealtrack::segment;

/// Paragraphs that each tell their own deals and name everything they need (no description that
/// refers back, no side left for the article to fill), so that a paragraph reads the same alone
/// and within the document. The last restates the first.
const PARAGRAPHS: &[&str] = &[
    "Boeing signed a $1.5 billion contract with Vietnam Airlines. The deal covers ten 787 jets.",
    "Airbus won an order from Kestrel Air for 20 A321neo aircraft worth $2.4 billion.",
    "Vietnam Airlines signed contracts worth $5 billion in total at the air show.",
    "The World Bank approved a $300 million loan to Vietnam for coastal roads.",
    "Siemens Energy signed a €500 million contract with Nordmar Werft to supply turbines.",
    "Boeing signed a $1.5 billion contract with Vietnam Airlines.",
];

fn document(text: &str) -> Document {
    let mut doc = Document::new("windows", text);
    doc.lang = Some(Lang::En);
    doc
}

fn windows(doc: &Document, window: usize) -> Vec<Extraction> {
    let mut out = Vec::new();
    extract_windows(doc, Lang::En, Lexicons::builtin(), window, |ex| {
        out.push(ex)
    });
    out
}

/// A deal as a reader sees it, its id apart (an id hashes the document and the span).
fn seen(d: &Deal) -> String {
    format!(
        "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {} {}..{} {}",
        d.deal_type,
        d.status,
        d.provider,
        d.recipient,
        d.parties,
        d.item,
        d.quantity,
        d.amount,
        d.currency,
        d.sector,
        d.start,
        d.end,
        d.evidence
    )
}

fn seen_total(t: &Total) -> String {
    format!(
        "{} {} {:?} {}..{} {}",
        t.amount, t.currency, t.qualifier, t.start, t.end, t.evidence
    )
}

#[test]
fn a_document_longer_than_the_window_gives_the_deals_of_its_parts_with_document_spans() {
    let text = PARAGRAPHS.join("\n\n");
    let doc = document(&text);
    // Every paragraph is 50 to 99 bytes long: a window of its own.
    let got = windows(&doc, 50);
    assert_eq!(got.len(), PARAGRAPHS.len());

    // The sum of the parts: each paragraph alone, its spans moved to where it stands.
    let mut want_deals = Vec::new();
    let mut want_totals = Vec::new();
    let mut at = 0;
    for p in PARAGRAPHS {
        let ex = extract(&document(p), Lang::En, Lexicons::builtin());
        for mut d in ex.deals {
            d.start += at;
            d.end += at;
            want_deals.push(seen(&d));
        }
        for mut t in ex.totals {
            t.start += at;
            t.end += at;
            want_totals.push(seen_total(&t));
        }
        at += p.len() + 2;
    }
    let deals: Vec<&Deal> = got.iter().flat_map(|w| &w.deals).collect();
    let totals: Vec<&Total> = got.iter().flat_map(|w| &w.totals).collect();
    assert_eq!(
        deals.iter().map(|d| seen(d)).collect::<Vec<_>>(),
        want_deals
    );
    assert_eq!(
        totals.iter().map(|t| seen_total(t)).collect::<Vec<_>>(),
        want_totals
    );
    // Six paragraphs, one of them a total: the restated Boeing deal stays a deal of its own.
    assert_eq!(deals.len(), 5, "{want_deals:#?}");
    assert_eq!(totals.len(), 1);

    // Spans are the document's: the evidence stands at them.
    for d in &deals {
        assert_eq!(&text[d.start..d.end], d.evidence);
    }
    for t in &totals {
        assert_eq!(&text[t.start..t.end], t.evidence);
    }

    // Every id once, although the first and last paragraphs tell the same deal in the same words.
    let mut ids: Vec<&str> = deals.iter().map(|d| d.id.as_str()).collect();
    ids.extend(totals.iter().map(|t| t.id.as_str()));
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "ids not unique");
}

#[test]
fn a_document_shorter_than_the_window_is_one_window_and_reads_as_a_whole() {
    let text = PARAGRAPHS.join("\n\n");
    let doc = document(&text);
    let got = windows(&doc, WINDOW_BYTES);
    assert_eq!(got.len(), 1);
    let whole = extract(&doc, Lang::En, Lexicons::builtin());
    assert_eq!(got[0], whole);
    // As a whole, the last paragraph restates the first: merged into one deal.
    assert_eq!(whole.deals.len(), 4);
    // Any window larger than the text gives the same.
    assert_eq!(windows(&doc, text.len() + 1), got);
}

#[test]
fn windows_cover_every_sentence_once_in_order_and_stay_bounded() {
    // One line (one paragraph), as the 50 MB document of the benchmark, then short paragraphs.
    let mut text = "Boeing signed a $1.5 billion contract with Vietnam Airlines. ".repeat(200);
    text.push_str("\n\n");
    text.push_str(&PARAGRAPHS.join("\n\n"));
    let all = segment::sentences(&text, 0);
    let max = 1000;
    let windows: Vec<Vec<segment::Sentence>> =
        segment::in_windows(segment::iter(&text, 0), max).collect();
    assert!(windows.len() > 5);
    assert_eq!(windows.concat(), all);
    for w in &windows {
        let size = w.last().unwrap().end - w[0].start;
        // A window closes within a sentence of twice the size.
        assert!(size < 2 * max + segment::MAX_SENTENCE_BYTES, "{size}");
    }
    // Past the long line, windows close at paragraph ends.
    for pair in windows.windows(2) {
        let (a, b) = (pair[0].last().unwrap(), &pair[1][0]);
        if a.block > 0 {
            assert_ne!(a.block, b.block);
        }
    }
}

/// `amounts` reads a document longer than a window window by window (a 50 MB line took 0.9 GB
/// read whole): every amount of it, each once, at its place in the text, as the whole text
/// reads them where each amount names its currency.
#[test]
fn amounts_of_a_document_longer_than_a_window_are_read_window_by_window() {
    let block = PARAGRAPHS.join("\n\n");
    let copies = WINDOW_BYTES / block.len() * 3 + 1;
    let text = vec![block.as_str(); copies].join("\n\n");
    assert!(text.len() > 2 * WINDOW_BYTES);
    let doc = document(&text);
    let rows = dealtrack::pipeline::amount_rows(&doc, Some(Lang::En), Lexicons::builtin());
    let whole = dealtrack::amount::recognise(&text, Lang::En, Lexicons::builtin()).0;
    let got: Vec<(usize, usize, String, String)> = rows
        .iter()
        .map(|r| (r.start, r.end, r.value.to_string(), r.currency.clone()))
        .collect();
    let want: Vec<(usize, usize, String, String)> = whole
        .iter()
        .map(|a| (a.start, a.end, a.value.to_string(), a.currency.clone()))
        .collect();
    assert_eq!(got.len(), 6 * copies);
    assert_eq!(got, want);
    assert!(rows.iter().all(|r| text[r.start..r.end] == r.text));
}
