//! Every committed gold events file (`testdata/gold/*.jsonl` and `testdata/written/gold/*.jsonl`
//! at the repository root) reads, and each event's `sentence` and `text` are those `dyad split`
//! prints for its document (in `examples/news/` and `testdata/written/news/`), a body sentence
//! (so a gold line cannot silently point at the wrong sentence after a segmenter change).

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

/// The gold files (`*.jsonl`) of the two corpora, each with the folder of its documents.
fn gold_files() -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for (gold, docs) in [
        ("testdata/gold", "examples/news"),
        ("testdata/written/gold", "testdata/written/news"),
    ] {
        let dir = root().join(gold);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect(gold)
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no gold file in {}", dir.display());
        out.extend(files.into_iter().map(|f| (f, root().join(docs))));
    }
    out
}

#[test]
fn gold_sentences_match_the_segmenter() {
    let segmenter = Segmenter::new();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (file, docs) in &gold_files() {
        for e in read_gold(file).expect("gold file reads") {
            let path = docs.join(format!("{}.json", e.doc_id));
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

/// Country codes, actor-code heads and role components that the bundled lexicon writes (its
/// `C` country lines, the codes of its `A` actor lines and the roles of its `G` agent lines).
fn lexicon_components() -> (
    std::collections::BTreeSet<String>,
    std::collections::BTreeSet<String>,
) {
    let text = std::fs::read_to_string(root().join("crates/dyad-lexicon/lexicon/default.lex"))
        .expect("lexicon");
    let mut heads = std::collections::BTreeSet::new();
    let mut roles = std::collections::BTreeSet::new();
    let chunks = |code: &str| -> Vec<String> {
        code.as_bytes()
            .chunks(3)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect()
    };
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.first() {
            Some(&"C") if cols.len() > 1 => {
                heads.insert(cols[1].to_string());
            }
            Some(&"A") if cols.len() > 2 => {
                for part in cols[2].split('|') {
                    let code = part.split(' ').next().unwrap_or("");
                    if code.len() >= 3 && code.len().is_multiple_of(3) {
                        let c = chunks(code);
                        heads.insert(c[0].clone());
                        roles.extend(c[1..].iter().cloned());
                    }
                }
            }
            Some(&"G") if cols.len() > 2 => {
                let code = cols[2].trim_matches('~');
                if code.len().is_multiple_of(3) {
                    roles.extend(chunks(code));
                }
            }
            _ => {}
        }
    }
    (heads, roles)
}

#[test]
fn gold_fields_are_well_formed() {
    use dyad_coder::cameo::CameoTable;
    let (heads, roles) = lexicon_components();
    assert!(
        heads.contains("MAR") && roles.contains("GOV"),
        "lexicon components"
    );
    let table = CameoTable::default_table();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (file, _) in &gold_files() {
        for e in read_gold(file).expect("gold file reads") {
            let at = format!("{}: {}:{}", file.display(), e.doc_id, e.sentence);
            let padded = e.cameo.len() >= 3 && e.cameo.bytes().all(|b| b.is_ascii_digit());
            let known = e
                .cameo
                .parse::<dyad_lexicon::CameoCode>()
                .ok()
                .and_then(|c| table.get(c))
                .is_some();
            if !padded || !known {
                problems.push(format!("{at}: CAMEO code {:?} not in the table", e.cameo));
            }
            for code in std::iter::once(&e.source).chain(e.target.as_ref()) {
                let ok = code.len() >= 3
                    && code.len().is_multiple_of(3)
                    && code.bytes().all(|b| b.is_ascii_uppercase())
                    && heads.contains(&code[..3])
                    && (3..code.len())
                        .step_by(3)
                        .all(|i| roles.contains(&code[i..i + 3]));
                if !ok {
                    problems.push(format!("{at}: actor code {code:?} is not well-formed"));
                }
            }
            if !["asserted", "negated", "future", "hypothetical"].contains(&e.modality.as_str()) {
                problems.push(format!("{at}: modality {:?}", e.modality));
            }
            if !["current", "historical", "future"].contains(&e.temporal_status.as_str()) {
                problems.push(format!("{at}: temporal_status {:?}", e.temporal_status));
            }
            if (e.modality == "future") != (e.temporal_status == "future") {
                problems.push(format!("{at}: future modality and status go together"));
            }
            if let Some(d) = &e.date {
                let shape: String = d
                    .chars()
                    .map(|c| if c.is_ascii_digit() { '9' } else { c })
                    .collect();
                if !["9999", "9999-99", "9999-99-99"].contains(&shape.as_str()) {
                    problems.push(format!("{at}: date {d:?}"));
                }
            }
            if e.symmetric && e.target.as_deref().is_some_and(|t| t < e.source.as_str()) {
                problems.push(format!("{at}: symmetric pair not in alphabetical order"));
            }
            checked += 1;
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    assert!(checked >= 40, "{checked} gold events checked");
}
