//! Runs the gold cases of `testdata/split.toml`: sentences, tokens, folded forms and kinds.

use dyad_text::{Segmented, Segmenter};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct GoldFile {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    text: String,
    sentences: Option<Vec<String>>,
    tokens: Option<Vec<String>>,
    kinds: Option<Vec<String>>,
    folded: Option<Vec<String>>,
}

fn check(case: &Case, seg: &Segmented) -> Vec<String> {
    let mut failures = Vec::new();
    let text = &case.text;
    let mut compare = |what: &str, expected: &Option<Vec<String>>, got: Vec<String>, hint: &str| {
        if let Some(expected) = expected
            && *expected != got
        {
            failures.push(format!(
                "case {:?}: {what} differ\n  expected: {expected:?}\n  got:      {got:?}\n  hint: {hint}",
                case.name
            ));
        }
    };
    compare(
        "sentences",
        &case.sentences,
        seg.sentences
            .iter()
            .map(|s| s.span.slice(text).to_owned())
            .collect(),
        "see the boundary rules in segment.rs (abbreviations, quotes, starters)",
    );
    compare(
        "tokens",
        &case.tokens,
        (0..seg.tokens.len())
            .map(|i| seg.tokens.text(i, text).to_owned())
            .collect(),
        "see tokenize_chunk/split_core in segment.rs (EWT conventions)",
    );
    compare(
        "folded forms",
        &case.folded,
        (0..seg.tokens.len())
            .map(|i| seg.tokens.folded(i).to_owned())
            .collect(),
        "see fold_char_into in fold.rs",
    );
    compare(
        "kinds",
        &case.kinds,
        seg.sentences
            .iter()
            .map(|s| s.kind.name().to_owned())
            .collect(),
        "see classify_block in clean.rs",
    );
    failures
}

#[test]
fn gold_split_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/split.toml");
    let src = std::fs::read_to_string(path).expect("testdata/split.toml");
    let gold: GoldFile = toml::from_str(&src).expect("valid gold TOML");
    assert!(
        gold.case.len() >= 80,
        "at least 80 gold cases, found {}",
        gold.case.len()
    );
    let mut names = std::collections::HashSet::new();
    for case in &gold.case {
        assert!(
            names.insert(&case.name),
            "duplicate case name {:?}",
            case.name
        );
    }
    let segmenter = Segmenter::new();
    let mut seg = Segmented::default();
    let mut failures = Vec::new();
    for case in &gold.case {
        segmenter.segment_into(&case.text, None, &mut seg);
        failures.extend(check(case, &seg));
    }
    assert!(
        failures.is_empty(),
        "{} of {} gold cases failed:\n{}",
        failures.len(),
        gold.case.len(),
        failures.join("\n")
    );
}
