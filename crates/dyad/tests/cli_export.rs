//! `dyad export`, run as a user would, on the committed fixture of `dyad code` records.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../dyad-export/testdata/events.jsonl")
}

fn export(format: &str, out: &Path, extra: &[&str]) -> Output {
    let fixture = fixture();
    let mut args = vec![
        "export",
        "--format",
        format,
        "--events",
        fixture.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(&args)
        .output()
        .expect("run dyad")
}

#[test]
fn export_gdelt_writes_61_columns_and_says_what_it_counted() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("events.tsv");
    let o = export("gdelt", &out, &[]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.lines().count() > 0);
    for line in text.lines() {
        assert_eq!(line.split('\t').count(), 61, "{line}");
    }
    // The fixture holds negated and future events: left out by default, and said so.
    assert!(stderr.contains("events kept"), "{stderr}");
    assert!(!stderr.contains(" 0 not asserted"), "{stderr}");

    let all = dir.path().join("all.tsv");
    let o = export("gdelt", &all, &["--all-modalities", "--count", "daily"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("daily kept"), "{stderr}");
    let more = std::fs::read_to_string(&all).unwrap().lines().count();
    assert!(more > text.lines().count());
}

#[test]
fn export_parquet_writes_a_parquet_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("events.parquet");
    let o = export("parquet", &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..4], b"PAR1");
    assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");
}

#[test]
fn export_refuses_an_unknown_format() {
    let dir = tempfile::tempdir().unwrap();
    let o = export("xml", &dir.path().join("x"), &[]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("gdelt"));
}

#[test]
fn export_from_the_store_matches_export_from_coded_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let files: Vec<PathBuf> = ["001.json", "004.json", "006.json", "030.json"]
        .iter()
        .map(|f| root.join(f))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let dyad = || Command::new(env!("CARGO_BIN_EXE_dyad"));
    let ingest = dyad()
        .args(["ingest", "--no-progress", "--db"])
        .arg(&db)
        .args(&files)
        .output()
        .unwrap();
    assert!(ingest.status.success(), "{ingest:?}");
    let code = dyad()
        .args(["code", "--all-modalities"])
        .args(&files)
        .output()
        .unwrap();
    assert!(code.status.success());
    let events = dir.path().join("events.jsonl");
    std::fs::write(&events, &code.stdout).unwrap();

    let from_store = dir.path().join("store.tsv");
    let o = dyad()
        .args(["export", "--format", "gdelt", "--db"])
        .arg(&db)
        .arg("-o")
        .arg(&from_store)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let from_file = dir.path().join("file.tsv");
    let o = dyad()
        .args(["export", "--format", "gdelt", "--events"])
        .arg(&events)
        .arg("-o")
        .arg(&from_file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let ids = |p: &Path| {
        let mut ids: Vec<String> = std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&from_store), ids(&from_file));
    // The store knows each article's URL: GDELT's SOURCEURL.
    let text = std::fs::read_to_string(&from_store).unwrap();
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 61);
        assert!(fields[60].starts_with("http"), "{line}");
    }
}
