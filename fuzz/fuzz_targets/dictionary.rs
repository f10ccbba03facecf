//! What the dictionary targets share: every soft error and every entry names a line of the input.
#![allow(dead_code)]

/// The number of lines a loader may name in `text` (1-based, one past the last for errors at
/// the end of the file).
pub fn line_bound(text: &str) -> u64 {
    text.lines().count() as u64 + 1
}

/// Asserts that every soft error names a line of the input.
pub fn check_errors(text: &str, errors: &[dyad_lexicon::Error]) {
    let bound = line_bound(text);
    for e in errors {
        let line = e.line();
        assert!(
            line.is_some_and(|l| (1..=bound).contains(&l)),
            "{e} (input has {bound} lines)"
        );
    }
}

/// Asserts that a line number of an entry is a line of the input.
pub fn check_line(text: &str, line: u64) {
    let bound = line_bound(text);
    assert!(
        (1..=bound).contains(&line),
        "entry at line {line} of {bound}"
    );
}
