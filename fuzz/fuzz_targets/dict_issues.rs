//! The PETRARCH issue list loader on arbitrary text: soft errors and phrases name lines of the
//! input.
#![no_main]

#[path = "dictionary.rs"]
mod dictionary;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let loaded = dyad_lexicon::issues::parse_issues(text);
    dictionary::check_errors(text, &loaded.errors);
    for p in &loaded.value {
        dictionary::check_line(text, p.line);
    }
});
