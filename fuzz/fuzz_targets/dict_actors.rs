//! The PETRARCH actor dictionary loader on arbitrary text: soft errors and entries name lines
//! of the input, every kept record has a code and at least one phrase.
#![no_main]

#[path = "dictionary.rs"]
mod dictionary;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let loaded = dyad_lexicon::actors::parse_actors(text);
    dictionary::check_errors(text, &loaded.errors);
    for e in &loaded.value.entries {
        dictionary::check_line(text, e.line);
        assert!(!e.codes.rules.is_empty(), "a kept record has a code");
        assert!(!e.phrases.is_empty(), "a kept record has a phrase");
        for p in &e.phrases {
            dictionary::check_line(text, p.line);
        }
    }
});
