//! The document reader: decoding (BOM, UTF-8, UTF-16, legacy 8-bit, binary), the header line and
//! JSON Lines records. Any bytes: no panic, and a decoded text is NFC with spans inside it.
#![no_main]

use std::path::Path;

use dealtrack::read::{self, Decoded, Event};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.txt");
    if let Ok(Decoded::Text(t) | Decoded::Legacy { text: t, .. }) = read::decode(path, data) {
        let (_, _, start) = read::split_header(&t);
        assert!(t.is_char_boundary(start));
        assert_eq!(read::nfc(&t), t);
    }
    if let Event::Doc(d) = read::text_document(path, data) {
        let _ = d.body();
    }
    for (i, line) in data.split(|&b| b == b'\n').enumerate() {
        if let Event::Doc(d) = read::parse_jsonl_line(Path::new("fuzz.jsonl"), i + 1, line) {
            let _ = d.body();
        }
    }
});
