//! Runs the gold cases of `testdata/parses.toml` against the shipped model.

use dyad_nlp::{Annotated, Pipeline};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    words: Vec<String>,
    #[serde(default)]
    arcs: Vec<String>,
    #[serde(default)]
    upos: Vec<String>,
    #[serde(default)]
    lemma: Vec<String>,
    #[serde(default)]
    ner: Vec<String>,
    #[serde(default)]
    known_misses: Vec<String>,
    #[serde(default)]
    hint: Option<String>,
}

/// The word's display name: its form, with `#k` for the k-th repeat of a form.
fn names(words: &[String]) -> Vec<String> {
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let k = words[..i].iter().filter(|x| *x == w).count();
            if k == 0 {
                w.clone()
            } else {
                format!("{w}#{}", k + 1)
            }
        })
        .collect()
}

fn facts(case: &Case, a: &Annotated) -> (Vec<String>, Vec<String>, Vec<String>, Vec<String>) {
    let names = names(&case.words);
    let arcs = (0..a.len())
        .map(|i| {
            let head = if a.head[i] == 0 {
                "ROOT".to_string()
            } else {
                names[a.head[i] as usize - 1].clone()
            };
            format!("{}({head}, {})", a.deprel[i], names[i])
        })
        .collect();
    let upos = (0..a.len())
        .map(|i| format!("{}={}", names[i], a.upos[i]))
        .collect();
    let lemma = (0..a.len())
        .map(|i| format!("{}={}", names[i], a.lemma[i]))
        .collect();
    let ner = (0..a.len())
        .map(|i| format!("{}={}", names[i], a.ner[i]))
        .collect();
    (arcs, upos, lemma, ner)
}

#[test]
fn gold_parses() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/parses.toml"))
            .unwrap();
    let file: File = toml::from_str(&text).unwrap();
    assert!(file.case.len() >= 10);
    let pipeline = Pipeline::load_default().unwrap();
    let mut failures = Vec::new();
    let (mut checked, mut misses, mut now_right) = (0, 0, Vec::new());
    for case in &file.case {
        let a = pipeline.annotate(&case.words);
        let (arcs, upos, lemma, ner) = facts(case, &a);
        for m in &case.known_misses {
            assert!(
                (m.contains('(') && m.ends_with(')')) || m.contains('='),
                "case {:?}: malformed known miss {m}",
                case.name
            );
            misses += 1;
            if [&arcs, &upos, &lemma, &ner]
                .iter()
                .any(|facts| facts.contains(m))
            {
                now_right.push(format!("{}: {m}", case.name));
            }
        }
        checked += case.arcs.len() + case.upos.len() + case.lemma.len() + case.ner.len();
        for (kind, want, got) in [
            ("arc", &case.arcs, &arcs),
            ("upos", &case.upos, &upos),
            ("lemma", &case.lemma, &lemma),
            ("ner", &case.ner, &ner),
        ] {
            for w in want {
                if !got.contains(w) {
                    failures.push(format!(
                        "case {:?}: expected {kind} {w}\n  got: {}\n  hint: {}",
                        case.name,
                        got.join(" "),
                        case.hint.as_deref().unwrap_or("-")
                    ));
                }
            }
        }
    }
    eprintln!(
        "{checked} gold facts checked; {misses} known misses, of which now right: {now_right:?}"
    );
    assert!(
        failures.is_empty(),
        "{} gold facts failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
