//! The model-file loader (`dyad-nlp` `binfmt`: magic, format version, payload length, payload,
//! CRC-32) on arbitrary bytes. The input is tried as a whole file, then as a payload sealed in a
//! valid container (so the section parsers of the tagger, lemmatiser, parser and recogniser are
//! reached). A model that loads annotates a sentence into well-formed trees and writes back the
//! same model.
#![no_main]

use dyad_nlp::Pipeline;
use libfuzzer_sys::fuzz_target;

/// The container `binfmt` writes (the layout documented in `crates/dyad-nlp/src/binfmt.rs`).
fn seal(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 24);
    out.extend_from_slice(b"DYADNLP\0");
    out.extend_from_slice(&2u32.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out
}

fuzz_target!(|data: &[u8]| {
    let _ = Pipeline::from_bytes(data);
    let sealed = seal(data);
    let Ok(model) = Pipeline::from_bytes(&sealed) else {
        return;
    };
    let written = model.to_bytes();
    let again = Pipeline::from_bytes(&written)
        .unwrap_or_else(|e| panic!("a loaded model does not read back: {e}"));
    assert_eq!(
        again.to_bytes(),
        written,
        "writing is stable after one round"
    );
    let words = [
        "Morocco",
        "and",
        "Mauritania",
        "signed",
        "an",
        "agreement",
        "in",
        "Rabat",
        ".",
    ];
    let model = model.with_max_parse_words(4);
    let a = model.annotate(&words);
    let n = words.len();
    assert_eq!(a.len(), n);
    assert_eq!((a.xpos.len(), a.lemma.len(), a.head.len()), (n, n, n));
    assert_eq!((a.deprel.len(), a.ner.len()), (n, n));
    for (i, &h) in a.head.iter().enumerate() {
        assert!(
            h as usize <= n && h as usize != i + 1,
            "head {h} of word {}",
            i + 1
        );
    }
});
