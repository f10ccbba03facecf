//! The IOB2 (Universal NER) reader on arbitrary text: an error names a line of the input; what
//! reads has one label per word, and its entity spans lie inside the sentence.
#![no_main]

use std::path::Path;

use dyad_nlp::iob2::{entity_spans, parse_iob2};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let lines = text.lines().count();
    match parse_iob2(text, Path::new("fuzz.iob2")) {
        Err(dyad_nlp::Error::Syntax { line, .. }) => {
            assert!(
                (1..=lines).contains(&line),
                "error at line {line} of {lines}"
            )
        }
        Err(e) => panic!("unexpected error kind: {e}"),
        Ok(sentences) => {
            for s in &sentences {
                assert!(!s.words.is_empty());
                assert_eq!(s.words.len(), s.tags.len());
                assert!(s.other.iter().all(|&i| i < s.words.len()));
                let mut last_end = 0;
                for span in entity_spans(&s.tags) {
                    assert!(span.start >= last_end && span.start < span.end);
                    assert!(span.end <= s.words.len());
                    last_end = span.end;
                }
                for t in &s.tags {
                    assert_eq!(dyad_nlp::NerTag::from_index(t.index()), *t);
                }
            }
        }
    }
});
