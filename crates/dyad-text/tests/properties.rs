//! Property tests: spans always slice the text they claim, and folding never moves a boundary.

use std::path::Path;

use dyad_text::read::{ReadOptions, read_from};
use dyad_text::{Folded, Segmenter, fold};
use proptest::prelude::*;

/// Text that looks like news more often than uniform Unicode does: words, names with
/// diacritics, abbreviations, punctuation, quotes, line breaks.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Gen.".to_owned()),
        Just("U.S.".to_owned()),
        Just("Chaâbane".to_owned()),
        Just("Morocco's".to_owned()),
        Just("don't".to_owned()),
        Just("Moroccan-Mauritanian".to_owned()),
        Just("\"".to_owned()),
        Just("“".to_owned()),
        Just("...".to_owned()),
        Just(". ".to_owned()),
        Just("? ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("AFP/FADEL SENNA - ".to_owned()),
        Just("https://x.org/a.".to_owned()),
        Just("1,000.5".to_owned()),
        Just("e\u{301}".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("\u{200b}".to_owned()),
        "[a-zA-Z]{1,8}",
        "\\PC{1,4}",
        " ",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

fn check_spans(text: &str) -> Result<(), TestCaseError> {
    let seg = Segmenter::new().segment(text);
    let mut prev_end = 0;
    for s in &seg.sentences {
        prop_assert!(s.span.start >= prev_end && s.span.end <= text.len());
        prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        prop_assert!(!s.span.is_empty());
        let slice = s.span.slice(text);
        prop_assert_eq!(slice, slice.trim());
        prop_assert!(!s.tokens.is_empty());
        for i in s.tokens.clone() {
            let t = seg.tokens.as_slice()[i];
            prop_assert!(
                s.span.contains(t.span),
                "token {:?} outside sentence {:?}",
                t.span,
                s.span
            );
        }
        prev_end = s.span.end;
    }
    let mut prev = 0;
    for (i, t) in seg.tokens.iter().enumerate() {
        prop_assert!(t.span.start >= prev, "tokens overlap or go backwards");
        prop_assert!(!t.span.is_empty());
        prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        let tok = seg.tokens.text(i, text);
        prop_assert!(!tok.starts_with(char::is_whitespace) && !tok.ends_with(char::is_whitespace));
        prop_assert_eq!(seg.tokens.folded(i), fold(tok));
        prev = t.span.end;
    }
    // Every token belongs to exactly one sentence.
    let covered: usize = seg.sentences.iter().map(|s| s.tokens.len()).sum();
    prop_assert_eq!(covered, seg.tokens.len());
    Ok(())
}

fn check_folding(text: &str) -> Result<(), TestCaseError> {
    let folded = Folded::new(text);
    for (i, _) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let f = folded.to_folded(i);
        prop_assert!(folded.as_str().is_char_boundary(f));
        let back = folded.to_original(f);
        let back_end = folded.to_original_end(f);
        prop_assert!(
            back <= i && i <= back_end,
            "boundary {} maps to {}..{}",
            i,
            back,
            back_end
        );
        // Whatever lies between the mapped-back boundary and the original folds to nothing.
        prop_assert_eq!(fold(&text[back..i]), "");
        prop_assert_eq!(fold(&text[i..back_end]), "");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_slice_what_they_claim_newsy(text in newsy()) {
        check_spans(&text)?;
    }

    #[test]
    fn spans_slice_what_they_claim_any_unicode(text in "\\PC{0,200}") {
        check_spans(&text)?;
    }

    #[test]
    fn folding_never_moves_a_boundary(text in newsy()) {
        check_folding(&text)?;
    }

    #[test]
    fn folding_never_moves_a_boundary_any_unicode(text in "\\PC{0,100}") {
        check_folding(&text)?;
    }

    #[test]
    fn readers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), ext in prop_oneof![Just("a.txt"), Just("a.jsonl"), Just("a.html"), Just("a")]) {
        let _ = read_from(Path::new(ext), &bytes[..], &ReadOptions::default());
    }
}
