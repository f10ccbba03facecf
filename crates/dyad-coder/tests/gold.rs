//! Runs the gold events in `testdata/events.toml`: each named case prints what was expected,
//! what came out and a hint when it fails; known misses are printed, not failed.

use dyad_coder::{CodeBuffers, Coder, DocumentInfo, Event};
use dyad_lexicon::DictDate;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Gold {
    case: Vec<Case>,
    #[serde(default)]
    miss: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    text: String,
    expect: Vec<String>,
    #[serde(default)]
    exact: bool,
    symmetric: Option<bool>,
    attributed_to: Option<String>,
    date: Option<String>,
    hint: Option<String>,
    /// Sentence indices of the mentions of the first expected event (in-document merging).
    mentions: Option<Vec<usize>>,
    /// The document's title (not part of the text), for statements and coreference.
    title: Option<String>,
    /// The document's URL (a government site names a statement's issuer).
    url: Option<String>,
}

fn describe(e: &Event) -> String {
    format!(
        "{} {} {} {}",
        e.source.code,
        e.target.as_ref().map_or("-", |t| t.code.as_str()),
        e.cameo,
        e.modality
    )
}

/// Whether an event matches an expectation "SRC TGT CODE [MODALITY]" (`*` any target).
fn matches(expect: &str, e: &Event) -> bool {
    let got = describe(e);
    let got: Vec<&str> = got.split(' ').collect();
    expect
        .split_whitespace()
        .enumerate()
        .all(|(i, w)| (i == 1 && w == "*") || got.get(i) == Some(&w))
}

/// The problems of one case, empty when it passes.
fn check(coder: &Coder, case: &Case) -> Vec<String> {
    let date = DictDate::parse(case.date.as_deref().unwrap_or("20230301")).expect("gold date");
    let info = DocumentInfo {
        title: case.title.as_deref(),
        url: case.url.as_deref(),
    };
    let events = coder.code_article(&case.text, None, date, info, &mut CodeBuffers::default());
    let got: Vec<String> = events.iter().map(describe).collect();
    let mut problems = Vec::new();
    for (i, x) in case.expect.iter().enumerate() {
        let Some(e) = events.iter().find(|e| matches(x, e)) else {
            problems.push(format!("missing {x:?}"));
            continue;
        };
        if i == 0
            && let Some(want) = &case.mentions
        {
            let got: Vec<usize> = e.mentions.iter().map(|m| m.sentence.index).collect();
            if &got != want {
                problems.push(format!(
                    "{x:?}: mentions in sentences {got:?}, expected {want:?}"
                ));
            }
        }
        if let Some(sym) = case.symmetric
            && e.symmetric != sym
        {
            problems.push(format!("{x:?}: symmetric should be {sym}"));
        }
        if let Some(speaker) = &case.attributed_to {
            let code = e.attributed_to.as_ref().and_then(|a| a.code.as_ref());
            if code.map(|c| c.as_str()) != Some(speaker.as_str()) {
                problems.push(format!("{x:?}: attributed_to {code:?}, expected {speaker}"));
            }
        }
    }
    if case.exact {
        for e in &events {
            if !case.expect.iter().any(|x| matches(x, e)) {
                problems.push(format!("unexpected {:?}", describe(e)));
            }
        }
    }
    if !problems.is_empty() {
        problems.push(format!("expected {:?}, got {got:?}", case.expect));
    }
    problems
}

#[test]
fn gold_events() {
    let gold: Gold = toml::from_str(include_str!("../testdata/events.toml")).expect("events.toml");
    assert!(gold.case.len() >= 20);
    assert!(gold.case.len() + gold.miss.len() >= 60);
    let coder = Coder::builder().build().expect("coder");
    let mut failures = Vec::new();
    for case in &gold.case {
        let problems = check(&coder, case);
        if !problems.is_empty() {
            failures.push(format!(
                "case {}: {:?}\n  {}\n  hint: {}",
                case.name,
                case.text,
                problems.join("\n  "),
                case.hint
                    .as_deref()
                    .unwrap_or("see the parse with `dyad parse`")
            ));
        }
    }
    for case in &gold.miss {
        let problems = check(&coder, case);
        let state = if problems.is_empty() {
            "now passes: move it to [[case]]"
        } else {
            "known miss"
        };
        println!(
            "{state}: {} — {}; {}",
            case.name,
            problems.last().map_or("", String::as_str),
            case.hint.as_deref().unwrap_or("")
        );
    }
    println!(
        "{} gold cases, {} failed; {} known misses",
        gold.case.len(),
        failures.len(),
        gold.miss.len()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
