//! `dyad harvest` on files and on a store gives the same TSV.

use std::process::Command;

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

#[test]
fn harvest_of_a_store_equals_harvest_of_its_inputs() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/news");
    let files = [format!("{root}/020.json"), format!("{root}/026.json")];
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let ingest = dyad()
        .args(["ingest", "--no-progress", "--db"])
        .arg(&db)
        .args(&files)
        .output()
        .unwrap();
    assert!(ingest.status.success(), "{ingest:?}");
    let from_files = dyad().arg("harvest").args(&files).output().unwrap();
    let from_store = dyad().args(["harvest", "--db"]).arg(&db).output().unwrap();
    assert!(from_files.status.success() && from_store.status.success());
    let text = String::from_utf8(from_files.stdout).unwrap();
    assert_eq!(text, String::from_utf8(from_store.stdout).unwrap());
    assert!(text.starts_with("kind\tcount\tdocuments\ttext\tdetail\texamples\n"));
    // Esper is in no dictionary: his name must surface for review.
    assert!(text.contains("Mark T. Esper"), "{text}");
}
