//! Runs the document-level gold cases in `testdata/coreference.toml`.

use dyad_lexicon::resolve::DocumentResolver;
use dyad_lexicon::{DictDate, Lexicon};
use dyad_text::Segmenter;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    date: Option<String>,
    expect: Vec<String>,
}

#[derive(Deserialize)]
struct Gold {
    case: Vec<Case>,
}

#[test]
fn gold_document_mentions() {
    let gold: Gold = toml::from_str(include_str!("../testdata/coreference.toml"))
        .expect("coreference.toml parses");
    assert!(
        gold.case.len() >= 30,
        "the coreference gold file must keep at least 30 cases"
    );
    let lexicon = Lexicon::default_lexicon();
    let segmenter = Segmenter::new();
    let mut failures = Vec::new();
    for case in &gold.case {
        let date = case
            .date
            .as_deref()
            .unwrap_or("2024-06-01")
            .replace('-', "");
        let mut doc = DocumentResolver::new(lexicon, DictDate::parse(&date).expect("YYYY-MM-DD"));
        let seg = segmenter.segment(&case.text);
        let mut got = Vec::new();
        let mut reasons = Vec::new();
        for s in &seg.sentences {
            for m in doc.sentence(&case.text, s.span) {
                got.push(format!("{} => {}", m.span.slice(&case.text), m.code));
                reasons.push(m.reason.to_string());
            }
        }
        if got != case.expect {
            failures.push(format!(
                "case {}:\n  expected: {:?}\n  got:      {:?}\n  hint:     {}",
                case.name,
                case.expect,
                got,
                reasons.join(" / ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        gold.case.len(),
        failures.join("\n")
    );
}
