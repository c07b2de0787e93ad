//! The whole pipeline over several documents at once: read (text or JSON Lines) → language →
//! deals → cross-article tracking → totals check → CSV, as `dealtrack extract` runs it. The input
//! is split into documents at ASCII record separators (0x1E). No panic, and every span and
//! every written row stays consistent.
#![no_main]

use std::path::Path;

use dealtrack::pipeline::language_of;
use dealtrack::read::{self, Event};
use dealtrack::render::{self, CsvOptions};
use dealtrack::track::{Options, Prepared, Tracker};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut tracker = Tracker::new(Options::default());
    let mut totals = Vec::new();
    for (i, part) in data.split(|&b| b == 0x1e).take(8).enumerate() {
        let events: Vec<Event> = if part.first() == Some(&b'{') {
            part.split(|&b| b == b'\n')
                .enumerate()
                .map(|(n, line)| read::parse_jsonl_line(Path::new("fuzz.jsonl"), n + 1, line))
                .collect()
        } else {
            vec![read::text_document(Path::new(&format!("fuzz{i}.txt")), part)]
        };
        for ev in events {
            let Event::Doc(doc) = ev else { continue };
            let ex = dealtrack::deal::extract(&doc, language_of(&doc, None));
            for d in &ex.deals {
                assert!(d.start <= d.end && d.end <= doc.text.len());
                assert_eq!(&doc.text[d.start..d.end], d.evidence);
            }
            totals.extend(ex.totals);
            ex.deals.into_iter().for_each(|d| tracker.add(Prepared::new(d)));
        }
    }
    let deals = tracker.finish();
    let _ = dealtrack::reconcile::check(&totals, &deals, Default::default(), None);
    let sheet = render::sheets::deals(&deals, None, &Default::default());
    let mut out = Vec::new();
    render::write_sheet_csv(&mut out, &sheet, &CsvOptions::default()).unwrap();
    assert_eq!(
        csv::Reader::from_reader(out.as_slice()).records().count(),
        deals.len()
    );
});
