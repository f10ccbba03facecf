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
    assert!(out.contains("top dyads (counted events):"), "{out}");
    let events: u64 = out
        .lines()
        .find_map(|l| l.strip_prefix("  events added        "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no event count in {out}"));
    assert!(events > 50, "{out}");
    let out = run(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        examples.to_str().unwrap(),
    ]);
    assert!(out.contains("documents added     0"), "{out}");
    assert!(out.contains("documents skipped   36"), "{out}");
    assert!(out.contains("events added        0"), "{out}");
    let db_s = db.to_str().unwrap();
    // Queries read the store.
    let series = run(&[
        "query", "dyad", "USA", "MAR", "--by", "year", "--format", "csv", "--db", db_s,
    ]);
    let mut lines = series.lines();
    assert!(
        lines.next().unwrap().starts_with("period,direction,count,"),
        "{series}"
    );
    let usa_mar: u64 = series
        .lines()
        .filter(|l| l.contains(",USA>MAR,"))
        .map(|l| l.split(',').nth(2).unwrap().parse::<u64>().unwrap())
        .sum();
    assert!(usa_mar > 0, "{series}");
    let exact = run(&[
        "query", "dyad", "USA", "MAR", "--exact", "--format", "json", "--db", db_s,
    ]);
    let exact: serde_json::Value = serde_json::from_str(&exact).unwrap();
    assert_eq!(exact["exact"], true);
    let exact_n: u64 = exact["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["a_to_b"]["count"].as_u64().unwrap())
        .sum();
    assert!(
        exact_n < usa_mar,
        "MAR alone finds fewer than MAR and its extensions"
    );
    let listed = run(&[
        "query", "events", "--actor", "MAR", "--root", "04", "--format", "jsonl", "--limit", "100",
        "--db", db_s,
    ]);
    assert!(listed.lines().count() > 0);
    for l in listed.lines() {
        let e: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(e["record"]["cameo_root"], "04");
        assert!(e["cluster_id"].is_string() || e["record"]["modality"] != "asserted");
    }
    let actors = run(&["query", "actors", "--like", "MAR", "--db", db_s]);
    assert!(
        actors.lines().any(|l| l.starts_with("MARGOV\t")),
        "{actors}"
    );
    let recode = run(&["recode", "--db", db_s]);
    assert!(recode.contains("documents re-coded  0"), "{recode}");
    let out = run(&["stats", "--db", db.to_str().unwrap()]);
    assert!(
        out.contains("documents   36") && out.contains("runs        2"),
        "{out}"
    );
}

/// Where a killed ingest was, from the phase log it appends to (`begin`/`commit` around each
/// write transaction).
fn phase(log: &Path, exited: bool) -> &'static str {
    if exited {
        return "after the run had ended";
    }
    let text = std::fs::read_to_string(log).unwrap_or_default();
    match text.lines().last() {
        None => "before the first transaction (start-up, reading, coding)",
        Some("begin") => "inside a write transaction",
        Some(_) => "between transactions (reading, coding)",
    }
}

#[test]
fn kill_9_at_random_points_then_resume_gives_the_same_store() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 12); // 432 documents
    let reference = dir.path().join("reference.db");
    let killed = dir.path().join("killed.db");
    let ingest = |db: &Path, log: &Path| {
        dyad()
            .args(["ingest", "--no-progress", "--batch-size", "10", "--db"])
            .arg(db)
            .arg("--phase-log")
            .arg(log)
            .arg(&corpus)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let log = dir.path().join("reference.log");
    assert!(ingest(&reference, &log).wait().unwrap().success());
    let expected = Store::open(&reference).unwrap().stats().unwrap();
    assert_eq!(expected.documents, 432);
    assert!(expected.events > 0 && expected.clusters > 0);

    // Deterministic "random" kills: even rounds after a delay spread over the run, odd rounds
    // as soon as the writer opens a transaction.
    let mut phases: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut seed: u64 = 0x5eed;
    for round in 0..24 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let log = dir.path().join(format!("kill-{round}.log"));
        let mut child = ingest(&killed, &log);
        if round % 2 == 0 {
            std::thread::sleep(Duration::from_millis(300 + (seed >> 33) % 2500));
        } else {
            let deadline = std::time::Instant::now() + Duration::from_secs(30);
            while std::time::Instant::now() < deadline && child.try_wait().unwrap().is_none() {
                let text = std::fs::read_to_string(&log).unwrap_or_default();
                if text.lines().last() == Some("begin") {
                    break;
                }
                std::thread::sleep(Duration::from_micros(200));
            }
        }
        let exited = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL
        let _ = child.wait();
        *phases.entry(phase(&log, exited)).or_default() += 1;
        // Whatever was committed is consistent.
        let store = Store::open(&killed).unwrap();
        store.integrity_check().unwrap();
        let problems = store.check_consistency().unwrap();
        assert!(problems.is_empty(), "after kill {round}: {problems:?}");
    }
    eprintln!("kill -9 points by phase: {phases:?}");
    let inside = phases
        .get("inside a write transaction")
        .copied()
        .unwrap_or(0);
    assert!(
        inside >= 5,
        "only {inside} kills inside a write transaction: {phases:?}"
    );
    assert!(
        ingest(&killed, &dir.path().join("resume.log"))
            .wait()
            .unwrap()
            .success()
    );
    let store = Store::open(&killed).unwrap();
    store.integrity_check().unwrap();
    assert!(store.check_consistency().unwrap().is_empty());
    let got = store.stats().unwrap();
    assert_eq!(
        (
            got.documents,
            got.sentences,
            got.events,
            got.counted_events,
            got.clusters
        ),
        (
            expected.documents,
            expected.sentences,
            expected.events,
            expected.counted_events,
            expected.clusters
        )
    );
    eprintln!(
        "store identical after resume: {} documents, {} events, {} clusters",
        got.documents, got.events, got.clusters
    );
}
