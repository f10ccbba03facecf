//! Runs the gold actor cases in `testdata/actors.toml` against the committed default lexicon.

use dyad_lexicon::{DictDate, Lexicon};
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
fn gold_actor_mentions() {
    let gold: Gold =
        toml::from_str(include_str!("../testdata/actors.toml")).expect("actors.toml parses");
    assert!(
        gold.case.len() >= 80,
        "the gold file must keep at least 80 cases"
    );
    let lexicon = Lexicon::default_lexicon();
    let mut failures = Vec::new();
    for case in &gold.case {
        let date = case
            .date
            .as_deref()
            .unwrap_or("2024-06-01")
            .replace('-', "");
        let date = DictDate::parse(&date).expect("case date is YYYY-MM-DD");
        let mentions = lexicon.actor_mentions(&case.text, date);
        let got: Vec<String> = mentions
            .iter()
            .map(|m| {
                format!(
                    "{} => {} | {}",
                    m.span.slice(&case.text),
                    m.code,
                    m.sectors.join(" ")
                )
            })
            .collect();
        let matches = got.len() == case.expect.len()
            && got.iter().zip(&case.expect).all(|(g, e)| {
                // Sectors are checked only when the case lists them.
                if e.contains('|') {
                    g.trim_end() == e.trim_end()
                } else {
                    g.split(" | ").next() == Some(e.as_str())
                }
            });
        if !matches {
            let reasons: Vec<String> = mentions.iter().map(|m| m.reason.to_string()).collect();
            failures.push(format!(
                "case {}: {:?}\n  expected: {:?}\n  got:      {:?}\n  hint:     {}",
                case.name,
                case.text,
                case.expect,
                got,
                if reasons.is_empty() {
                    "no dictionary phrase matched".to_string()
                } else {
                    reasons.join(" / ")
                }
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} gold cases failed:\n{}",
        failures.len(),
        gold.case.len(),
        failures.join("\n")
    );
}

/// The committed default lexicon must be regenerated whenever the overlay changes: every
/// overlay actor phrase must be in it with the overlay's codes.
#[test]
fn default_lexicon_is_up_to_date_with_the_overlay() {
    let overlay = dyad_lexicon::overlay::Overlay::parse(include_str!("../lexicon/overlay.toml"))
        .expect("overlay parses");
    let lexicon = Lexicon::default_lexicon();
    let mut missing = Vec::new();
    for a in &overlay.actor {
        let rules = a.code_rules().expect("overlay codes");
        for p in &a.phrases {
            let mut keys = dyad_lexicon::phrase::phrase_keys(p);
            while keys.len() > 1 && keys[0] == "the" {
                keys.remove(0);
            }
            let found = lexicon.actors().iter().any(|e| {
                e.codes == rules
                    && e.phrases.iter().any(|q| {
                        let mut q = q.clone();
                        while q.len() > 1 && q[0] == "the" {
                            q.remove(0);
                        }
                        q == keys
                    })
            });
            if !found {
                missing.push(p.clone());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "overlay phrases missing from lexicon/default.lex (run build-lexicon, see README): {missing:?}"
    );
}
