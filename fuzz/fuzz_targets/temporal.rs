//! The temporal tagger on arbitrary text: no panic, spans on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let date = jiff::civil::date(2022, 5, 26);
    let tagger = dyad_time::Tagger::new();
    for e in tagger.tag(text, date) {
        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        assert!(e.span.end <= text.len());
    }
});
