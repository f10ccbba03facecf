//! The PETRARCH discard list loader on arbitrary text: soft errors name lines of the input, and
//! every discard is found again by its own keys.
#![no_main]

#[path = "dictionary.rs"]
mod dictionary;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let loaded = dyad_lexicon::discards::parse_discards(text);
    dictionary::check_errors(text, &loaded.errors);
    for d in &loaded.value {
        dictionary::check_line(text, d.line);
        let _ = dyad_lexicon::discards::is_temporal(d);
    }
    if let Some(d) = loaded.value.first() {
        assert!(dyad_lexicon::discards::find_discard(&loaded.value, &d.keys).is_some());
    }
});
