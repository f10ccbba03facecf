//! Every committed gold events file (`testdata/gold/*.jsonl` at the repository root) reads, and
//! each event's `sentence` and `text` are those `dyad split` prints for its document in
//! `examples/news/`, a body sentence (so a gold line cannot silently point at the wrong
//! sentence after a segmenter change).

use std::path::{Path, PathBuf};

use dyad_coder::eval::read_gold;
use dyad_text::Segmenter;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The sentence as `dyad split` displays it: NFC, line breaks and tabs as spaces.
fn display(text: &str) -> String {
    dyad_text::nfc(text)
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\t' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[test]
fn gold_sentences_match_the_segmenter() {
    let dir = root().join("testdata/gold");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("testdata/gold")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no gold file in {}", dir.display());
    let segmenter = Segmenter::new();
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in &files {
        for e in read_gold(file).expect("gold file reads") {
            let path = root()
                .join("examples/news")
                .join(format!("{}.json", e.doc_id));
            let json: serde_json::Value = match std::fs::read_to_string(&path) {
                Ok(s) => serde_json::from_str(&s).expect("example JSON"),
                Err(err) => {
                    problems.push(format!("{}: {}: {err}", file.display(), path.display()));
                    continue;
                }
            };
            let text = json["text"].as_str().expect("text field");
            let seg = segmenter.segment(text);
            let Some(s) = seg.sentences.get(e.sentence) else {
                problems.push(format!(
                    "{}: {}:{} no such sentence",
                    file.display(),
                    e.doc_id,
                    e.sentence
                ));
                continue;
            };
            let got = display(s.span.slice(text));
            if !e.text.is_empty() && got != e.text {
                problems.push(format!(
                    "{}: {}:{} text is {:?}, the segmenter's sentence is {:?}",
                    file.display(),
                    e.doc_id,
                    e.sentence,
                    e.text,
                    got
                ));
            }
            if !s.kind.is_codable() {
                problems.push(format!(
                    "{}: {}:{} is a {} line, which is never coded",
                    file.display(),
                    e.doc_id,
                    e.sentence,
                    s.kind.name()
                ));
            }
            checked += 1;
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    assert!(checked >= 40, "{checked} gold events checked");
}
