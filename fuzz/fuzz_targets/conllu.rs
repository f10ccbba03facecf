//! The CoNLL-U reader on arbitrary text: an error names a line of the input; what reads is a
//! set of trees (heads in range, none its own head) that writes back and reads again the same.
#![no_main]

use std::path::Path;

use dyad_nlp::conllu::{parse_conllu, write_sentence};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let lines = text.lines().count();
    match parse_conllu(text, Path::new("fuzz.conllu")) {
        Err(dyad_nlp::Error::Syntax { line, .. }) => {
            assert!(
                (1..=lines).contains(&line),
                "error at line {line} of {lines}"
            )
        }
        Err(e) => panic!("unexpected error kind: {e}"),
        Ok(sentences) => {
            let mut out = String::new();
            for s in &sentences {
                assert!(
                    (1..=lines).contains(&s.line),
                    "sentence at line {} of {lines}",
                    s.line
                );
                let n = s.words.len() as u32;
                for (i, w) in s.words.iter().enumerate() {
                    assert!(w.head <= n && w.head as usize != i + 1);
                }
                write_sentence(&mut out, None, None, &s.words, &[]);
            }
            // Forms and other columns cannot hold tabs or line breaks once read, so the
            // written file is valid CoNLL-U with the same words, unless a column is blank
            // (written as an empty field) — then it is still read as the same word.
            let again = parse_conllu(&out, Path::new("written.conllu"))
                .unwrap_or_else(|e| panic!("written sentences do not read back: {e}\n{out}"));
            assert_eq!(again.len(), sentences.len());
            for (a, b) in again.iter().zip(&sentences) {
                assert_eq!(a.words, b.words);
            }
        }
    }
});
