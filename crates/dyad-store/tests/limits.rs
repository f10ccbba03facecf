//! Ingest limits: events per document and sentence length, each hit recorded as a warning
//! naming the document, the rest of the document stored.

use std::path::Path;

use dyad_store::Store;
use dyad_store::ingest::{IngestOptions, NoProgress, ingest};

/// A plain-text article with a date header.
fn article(dir: &Path, name: &str, body: &str) -> std::path::PathBuf {
    let p = dir.join(format!("{name}.txt"));
    std::fs::write(&p, format!("Date: 2022-05-24\nId: {name}\n\n{body}\n")).unwrap();
    p
}

const MEETING: &str = "Moroccan Foreign Minister Nasser Bourita met Mauritanian President \
Mohamed Ould Ghazouani in Nouakchott on Tuesday.";

#[test]
fn a_document_keeps_its_first_events_up_to_the_limit_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    // Six meetings with six different counterparts: six events (identical reports would
    // merge into one).
    let body = ["French", "Spanish", "Egyptian", "Tunisian", "Algerian", "Mauritanian"]
        .iter()
        .map(|c| {
            format!(
                "Moroccan Foreign Minister Nasser Bourita met the {c} foreign minister in Rabat on Tuesday."
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let input = article(dir.path(), "many", &body);
    let unlimited = {
        let mut store = Store::open_in_memory().unwrap();
        ingest(
            &mut store,
            std::slice::from_ref(&input),
            &IngestOptions::default(),
            &NoProgress,
        )
        .unwrap();
        store.stats().unwrap()
    };
    assert!(unlimited.events > 2, "{unlimited:?}");
    assert_eq!(unlimited.warnings, 0);
    let mut store = Store::open_in_memory().unwrap();
    let opts = IngestOptions {
        max_events_per_document: 2,
        ..IngestOptions::default()
    };
    ingest(&mut store, &[input], &opts, &NoProgress).unwrap();
    let s = store.stats().unwrap();
    assert_eq!((s.documents, s.events, s.warnings), (1, 2, 1), "{s:?}");
    assert!(store.check_consistency().unwrap().is_empty());
}

#[test]
fn a_sentence_longer_than_the_limit_is_stored_not_coded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    // One run-on "sentence" of 300 words (a list the splitter cannot cut), then a real one.
    let run_on = (0..50)
        .map(|_| "Morocco Mauritania Algeria Tunisia Libya Egypt")
        .collect::<Vec<_>>()
        .join(" ");
    let input = article(dir.path(), "long", &format!("{run_on}\n\n{MEETING}"));
    let mut store = Store::open_in_memory().unwrap();
    ingest(&mut store, &[input], &IngestOptions::default(), &NoProgress).unwrap();
    let s = store.stats().unwrap();
    assert_eq!((s.documents, s.sentences, s.warnings), (1, 2, 1), "{s:?}");
    assert!(s.events >= 1, "the short sentence is coded: {s:?}");
}
