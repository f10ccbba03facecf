//! The PETRARCH agent dictionary loader on arbitrary text: soft errors name lines of the input.
#![no_main]

#[path = "dictionary.rs"]
mod dictionary;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let loaded = dyad_lexicon::agents::parse_agents(text);
    dictionary::check_errors(text, &loaded.errors);
    for e in &loaded.value.entries {
        dictionary::check_line(text, e.line);
    }
});
