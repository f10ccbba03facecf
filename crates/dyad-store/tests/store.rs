//! The store: schema versions, idempotent and resumable ingest, errors recorded per document.

use std::path::{Path, PathBuf};

use dyad_store::ingest::{IngestOptions, NoProgress, ingest};
use dyad_store::schema::SCHEMA_VERSION;
use dyad_store::{Error, Store};

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

#[test]
fn a_new_store_has_the_current_schema_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dyad.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    drop(store);
    let store = Store::open(&path).unwrap();
    store.integrity_check().unwrap();
}

#[test]
fn the_version_1_fixture_store_still_opens() {
    // Written by dyad 0.1.0 (schema 1); every later schema must still open it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v1.db"),
        &path,
    )
    .unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.sentences, stats.runs), (2, 5, 1));
    store.integrity_check().unwrap();
}

#[test]
fn a_store_from_a_newer_dyad_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::TooNew { .. }), "{err}");
    assert!(err.to_string().contains("newer than this dyad understands"));
}

#[test]
fn another_sqlite_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::NotADyadStore { .. }), "{err}");
}

#[test]
fn ingest_is_idempotent_and_counts_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("dyad.db")).unwrap();
    let files = examples();
    let first = ingest(&mut store, &files, &IngestOptions::default(), &NoProgress).unwrap();
    assert_eq!(first.counts.documents_added, 36);
    assert!(first.counts.sentences_added > 300);
    let again = ingest(&mut store, &files, &IngestOptions::default(), &NoProgress).unwrap();
    assert_eq!(again.counts.documents_added, 0);
    assert_eq!(again.counts.documents_skipped, 36);
    assert_eq!(again.counts.sentences_added, 0);
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.documents, stats.sentences, stats.runs),
        (36, first.counts.sentences_added, 2)
    );
    assert_eq!(
        store.run_status(again.run).unwrap().as_deref(),
        Some("done")
    );
}

#[test]
fn small_batches_give_the_same_store_as_one_batch() {
    let dir = tempfile::tempdir().unwrap();
    let files = examples();
    let mut a = Store::open(dir.path().join("a.db")).unwrap();
    let mut b = Store::open(dir.path().join("b.db")).unwrap();
    let one = IngestOptions {
        batch_size: 10_000,
        ..IngestOptions::default()
    };
    let small = IngestOptions {
        batch_size: 3,
        chunk_size: 2,
        ..IngestOptions::default()
    };
    ingest(&mut a, &files, &one, &NoProgress).unwrap();
    ingest(&mut b, &files, &small, &NoProgress).unwrap();
    assert_eq!(a.stats().unwrap(), b.stats().unwrap());
}

#[test]
fn bad_documents_are_recorded_and_never_stop_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("feed.jsonl");
    std::fs::write(&jsonl, "{\"id\":\"a\",\"text\":\"Mali expelled the envoy.\"}\n{broken\n{\"id\":\"b\",\"title\":\"no text\"}\n{\"id\":\"c\",\"text\":\"Niger closed its border.\"}\n").unwrap();
    let bin = dir.path().join("image.jpg");
    std::fs::write(&bin, [0xFF, 0xD8, 0, 0]).unwrap();
    let missing = dir.path().join("missing.txt");
    let latin = dir.path().join("latin.txt");
    std::fs::write(&latin, b"Caf\xe9 talks ended.").unwrap();
    let mut store = Store::open(dir.path().join("dyad.db")).unwrap();
    let s = ingest(
        &mut store,
        &[jsonl, bin, missing, latin],
        &IngestOptions::default(),
        &NoProgress,
    )
    .unwrap();
    assert_eq!(s.counts.documents_added, 3);
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.errors, stats.warnings),
        (4, 1),
        "2 bad lines, 1 binary, 1 missing; 1 lossy decode"
    );
}
