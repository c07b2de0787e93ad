//! Deal extraction over a whole document (header line and all), in every language: no panic.
#![no_main]

use std::path::Path;

use dealtrack::lang::Lang;
use dealtrack::read::{self, Event};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Event::Doc(doc) = read::text_document(Path::new("fuzz.txt"), text.as_bytes()) {
        for lang in [Lang::Vi, Lang::De, Lang::En] {
            let ex = dealtrack::deal::extract(&doc, lang);
            for d in &ex.deals {
                assert!(d.start <= d.end && d.end <= doc.text.len());
            }
        }
    }
});
