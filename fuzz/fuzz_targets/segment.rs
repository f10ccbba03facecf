//! The splitter, tokenizer and folding map on arbitrary text.
#![no_main]

use dyad_text::{Folded, Segmenter, fold};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let seg = Segmenter::new().segment(text);
    for s in &seg.sentences {
        let slice = s.span.slice(text);
        assert_eq!(slice, slice.trim());
        for i in s.tokens.clone() {
            let t = seg.tokens.as_slice()[i];
            assert!(s.span.contains(t.span));
            assert_eq!(seg.tokens.folded(i), fold(t.span.slice(text)));
        }
    }
    let f = Folded::new(text);
    for (i, _) in text.char_indices() {
        let back = f.to_original(f.to_folded(i));
        assert!(back <= i);
        assert_eq!(fold(&text[back..i]), "");
    }
});
