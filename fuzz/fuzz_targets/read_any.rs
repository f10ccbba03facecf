//! Every document reader on arbitrary bytes: the first byte picks the format.
#![no_main]

use std::path::Path;

use dyad_text::read::{Limits, ReadOptions, read_from};
use dyad_text::{Format, Segmenter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = match selector % 6 {
        0 => Format::Text,
        1 => Format::Jsonl,
        2 => Format::Html,
        3 => Format::Feed,
        4 => Format::Warc,
        _ => return fuzz_detected(bytes),
    };
    let opts = ReadOptions {
        format: Some(format),
        limits: small_limits(),
    };
    check(read_from(Path::new("fuzz"), bytes, &opts));
});

fn small_limits() -> Limits {
    Limits {
        max_document_bytes: 1 << 16,
        max_feed_bytes: 1 << 18,
        max_decompressed_bytes: 1 << 20,
        ..Limits::default()
    }
}

fn fuzz_detected(bytes: &[u8]) {
    let opts = ReadOptions {
        format: None,
        limits: small_limits(),
    };
    check(read_from(Path::new("fuzz.gz"), bytes, &opts));
}

fn check(out: dyad_text::Result<dyad_text::read::ReadOutcome>) {
    if let Ok(out) = out {
        for doc in &out.documents {
            let seg = Segmenter::new().segment(&doc.text);
            for s in &seg.sentences {
                assert!(s.span.end <= doc.text.len());
                let _ = s.span.slice(&doc.text);
            }
        }
    }
}
