//! The compiled lexicon loader (`lexicon/default.lex`: header, format version, checksum, then
//! tab-separated records) on arbitrary bodies. The input is the body; the target writes a valid
//! header and checksum over it so that the record parser is reached (raw bytes are tried too).
//! A lexicon that loads writes back (`to_compiled`) into the same lexicon, and resolves actors
//! in a sentence without panicking.
#![no_main]

use dyad_lexicon::{DictDate, Lexicon, lexicon::fnv1a64};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &str| {
    let _ = Lexicon::from_compiled(body);
    let header = Lexicon::default_compiled_text()
        .lines()
        .next()
        .expect("a header line");
    let file = format!(
        "{header}\nchecksum {:016x}\n{body}",
        fnv1a64(body.as_bytes())
    );
    if let Ok(lex) = Lexicon::from_compiled(&file) {
        let written = lex.to_compiled();
        let again = Lexicon::from_compiled(&written)
            .unwrap_or_else(|e| panic!("a loaded lexicon does not read back: {e}\n{written}"));
        assert_eq!(again.to_compiled(), written);
        let date = DictDate::parse("20220524").expect("a date");
        let text = "The Moroccan foreign minister met President Macron of France in Rabat.";
        for m in lex.actor_mentions(text, date) {
            assert!(m.span.end <= text.len() && text.is_char_boundary(m.span.start));
        }
    }
});
