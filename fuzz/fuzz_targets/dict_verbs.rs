//! The verb dictionary loader (PETRARCH-2 `CAMEO.2.0.txt` and the older TABARI-style
//! `verbpatterns`, one parser for both) on arbitrary text: soft errors name lines of the input,
//! and what loads writes back (`to_petrarch`) into a dictionary that reads again without error
//! and with the same verbs and patterns.
#![no_main]

#[path = "dictionary.rs"]
mod dictionary;

use dyad_lexicon::verbs::parse_verbs;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let loaded = parse_verbs(text);
    dictionary::check_errors(text, &loaded.errors);
    let d = loaded.value;
    let again = parse_verbs(&d.to_petrarch());
    assert!(again.errors.is_empty(), "{:?}", again.errors);
    assert_eq!(again.value.pattern_count(), d.pattern_count());
    assert_eq!(again.value.verb_count(), d.verb_count());
    assert_eq!(again.value.synsets.len(), d.synsets.len());
    // The header-checked file format reads what it is given or refuses it with an error.
    let _ = dyad_lexicon::verbs::read_verb_file(text);
});
