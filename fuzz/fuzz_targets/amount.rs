//! The amount recogniser, in every language: no panic, spans on char boundaries inside the text.
#![no_main]

use dealtrack::lang::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for lang in [Lang::Vi, Lang::De, Lang::En] {
        for a in dealtrack::amount::amounts(text, lang) {
            assert!(a.start <= a.end && a.end <= text.len());
            assert!(text.is_char_boundary(a.start) && text.is_char_boundary(a.end));
        }
        for q in dealtrack::amount::quantities(text, lang) {
            let _ = q;
        }
    }
});
