//! `dyad ingest` as a user runs it: summary, idempotence, and crash safety under `kill -9`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use dyad_store::Store;

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

/// A JSON Lines corpus of `copies` × the bundled articles, each copy with its own id, a
/// shifted date and a changed first line, so that no two documents share a content hash.
fn corpus(dir: &Path, copies: usize) -> PathBuf {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let mut articles: Vec<serde_json::Value> = std::fs::read_dir(examples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect();
    articles.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    let mut out = String::new();
    for copy in 0..copies {
        for a in &articles {
            let text = format!(
                "Copy {copy} of this report.\n\n{}",
                a["text"].as_str().unwrap()
            );
            let rec = serde_json::json!({
                "id": format!("{}-{copy}", a["id"].as_str().unwrap()),
                "date": format!("20{:02}-01-{:02}", 10 + copy % 14, 1 + copy % 28),
                "title": a["title"],
                "text": text,
            });
            out.push_str(&rec.to_string());
            out.push('\n');
        }
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn ingest_prints_a_summary_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dyad.db");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let run = |args: &[&str]| {
        let o = dyad().args(args).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let out = run(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        examples.to_str().unwrap(),
    ]);
    assert!(out.contains("documents added     36"), "{out}");
    let out = run(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        examples.to_str().unwrap(),
    ]);
    assert!(out.contains("documents added     0"), "{out}");
    assert!(out.contains("documents skipped   36"), "{out}");
    let out = run(&["stats", "--db", db.to_str().unwrap()]);
    assert!(
        out.contains("documents   36") && out.contains("runs        2"),
        "{out}"
    );
}

#[test]
fn kill_9_at_random_points_then_resume_gives_the_same_store() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 40); // 1,440 documents
    let reference = dir.path().join("reference.db");
    let killed = dir.path().join("killed.db");
    let ingest = |db: &Path| {
        dyad()
            .args(["ingest", "--no-progress", "--batch-size", "25", "--db"])
            .arg(db)
            .arg(&corpus)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    assert!(ingest(&reference).wait().unwrap().success());
    let expected = Store::open(&reference).unwrap().stats().unwrap();
    assert_eq!(expected.documents, 1440);

    // Deterministic "random" kill delays spread over the run's length.
    let mut kills_while_running = 0;
    let mut seed: u64 = 0x5eed;
    for _ in 0..20 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        // Later runs skip what is stored and end sooner, so delays shrink with each round.
        let delay = 2 + (seed >> 33) % 150;
        let mut child = ingest(&killed);
        std::thread::sleep(Duration::from_millis(delay));
        if child.try_wait().unwrap().is_none() {
            kills_while_running += 1;
        }
        child.kill().unwrap(); // SIGKILL
        let _ = child.wait();
        // Whatever was committed is consistent.
        Store::open(&killed).unwrap().integrity_check().unwrap();
    }
    assert!(ingest(&killed).wait().unwrap().success());
    let store = Store::open(&killed).unwrap();
    store.integrity_check().unwrap();
    let got = store.stats().unwrap();
    assert_eq!(
        (got.documents, got.sentences),
        (expected.documents, expected.sentences)
    );
    assert!(
        kills_while_running >= 1,
        "no kill hit a running ingest: the test proved nothing"
    );
    eprintln!(
        "kill -9: {kills_while_running} of 20 kills hit a running ingest; store identical after resume"
    );
}
