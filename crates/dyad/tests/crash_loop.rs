//! The crash-safety loop behind `bench/crash.sh` (see `docs/RELIABILITY.md`): `dyad ingest` is
//! killed with SIGKILL at random points, many times, each kill aimed at a phase read from the
//! phase log the process appends to (`read`, `code`, `begin`/`commit` around each write
//! transaction). After every kill the store must pass SQLite's integrity check and dyad's
//! consistency check (rollups and clusters equal a recomputation from the events); when a run
//! finally completes, every input document must be stored exactly once. Then the loop starts
//! again on a fresh store, until the number of kills asked for is reached.
//!
//! Ignored in `cargo test` (it takes minutes); `bench/crash.sh` runs it in release mode:
//! `DYAD_CRASH_KILLS=100 cargo test --release -p dyad --test crash_loop -- --ignored --nocapture`.
//!
//! Workers (issue 9: ingest over NATS) plug in as another [`Victim`]: a command that appends
//! the same phase lines to the log, plus `ack` when it acknowledges a message; the loop then
//! kills them too and the phase table gains an "acking" row.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dyad_store::{ContentHash, Store};
use dyad_text::read::{ReadOptions, read_path};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The corpus: `files` JSON Lines files of the bundled articles, each copy with its own id,
/// date and first line, so that every document is distinct.
fn corpus(dir: &Path, files: usize) -> Vec<PathBuf> {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let mut articles: Vec<serde_json::Value> = std::fs::read_dir(examples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect();
    articles.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    (0..files)
        .map(|copy| {
            let mut out = String::new();
            for a in &articles {
                let rec = serde_json::json!({
                    "id": format!("{}-{copy}", a["id"].as_str().unwrap()),
                    "date": format!("20{:02}-01-{:02}", 10 + copy % 14, 1 + copy % 28),
                    "title": a["title"],
                    "text": format!("Copy {copy} of this report.\n\n{}", a["text"].as_str().unwrap()),
                });
                out.push_str(&rec.to_string());
                out.push('\n');
            }
            let path = dir.join(format!("corpus-{copy:02}.jsonl"));
            std::fs::write(&path, out).unwrap();
            path
        })
        .collect()
}

/// A process the loop kills: how to start it on a store with a phase log.
trait Victim {
    /// Its name in the report.
    fn name(&self) -> &'static str;
    /// Starts it.
    fn spawn(&self, db: &Path, log: &Path) -> Child;
}

/// `dyad ingest` over the corpus, small batches (many transactions).
struct Ingest {
    inputs: Vec<PathBuf>,
}

impl Victim for Ingest {
    fn name(&self) -> &'static str {
        "dyad ingest"
    }
    fn spawn(&self, db: &Path, log: &Path) -> Child {
        dyad()
            .args(["ingest", "--no-progress", "--batch-size", "16", "--db"])
            .arg(db)
            .arg("--phase-log")
            .arg(log)
            .args(&self.inputs)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    }
}

/// The phase a process was in when killed, from its phase log: inside a write transaction
/// when the last `begin` has no `commit` after it, else what the last line says.
fn phase(log_text: &str) -> &'static str {
    let mut in_transaction = false;
    let mut last = None;
    for line in log_text.lines() {
        match line {
            "begin" => in_transaction = true,
            "commit" => in_transaction = false,
            _ => {}
        }
        last = Some(line);
    }
    if in_transaction {
        return "inside a write transaction";
    }
    match last {
        None => "start-up (before reading)",
        Some("read") => "reading",
        Some("code") => "coding",
        Some("ack") => "acking",
        Some(_) => "between transactions (after a commit)",
    }
}

/// Where the next kill is aimed.
#[derive(Debug, Clone, Copy)]
enum Aim {
    /// After a random delay.
    Delay(Duration),
    /// As soon as the log's last line is this one.
    Line(&'static str),
}

/// A small deterministic generator (the seed is printed, so a failing run can be repeated).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Waits until the aim is reached (or the process ends, or a deadline passes).
fn wait_for(child: &mut Child, log: &Path, aim: Aim) {
    match aim {
        Aim::Delay(d) => {
            let end = Instant::now() + d;
            while Instant::now() < end && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        Aim::Line(want) => {
            let deadline = Instant::now() + Duration::from_secs(60);
            while Instant::now() < deadline && child.try_wait().unwrap().is_none() {
                let text = std::fs::read_to_string(log).unwrap_or_default();
                if text.lines().last() == Some(want) {
                    return;
                }
                std::thread::sleep(Duration::from_micros(300));
            }
        }
    }
}

/// The content hashes of the corpus, read with the same reader ingest uses.
fn expected_hashes(inputs: &[PathBuf]) -> HashSet<ContentHash> {
    let mut out = HashSet::new();
    for p in inputs {
        let read = read_path(p, &ReadOptions::default()).unwrap();
        for d in &read.documents {
            assert!(
                out.insert(ContentHash::of(d)),
                "corpus documents are distinct"
            );
        }
    }
    out
}

/// Checks a store after a kill: integrity and consistency, nothing stored twice, nothing
/// stored that is not an input. Returns the number of documents stored.
fn check_store(db: &Path, expected: &HashSet<ContentHash>, when: &str) -> usize {
    let store = Store::open(db).unwrap_or_else(|e| panic!("{when}: the store does not open: {e}"));
    store
        .integrity_check()
        .unwrap_or_else(|e| panic!("{when}: {e}"));
    let problems = store.check_consistency().unwrap();
    assert!(problems.is_empty(), "{when}: {problems:?}");
    let stored = store.known_hashes().unwrap();
    let rows = store.stats().unwrap().documents as usize;
    assert_eq!(rows, stored.len(), "{when}: a document is stored twice");
    assert!(
        stored.is_subset(expected),
        "{when}: a stored document is not an input"
    );
    rows
}

#[test]
#[ignore = "minutes long: run by bench/crash.sh"]
fn kill_ingest_at_random_points_and_lose_nothing() {
    let kills_wanted = env_or("DYAD_CRASH_KILLS", 100) as usize;
    let files = env_or("DYAD_CRASH_FILES", 6) as usize;
    let seed = env_or("DYAD_CRASH_SEED", 0x5eed);
    let dir = tempfile::tempdir().unwrap();
    let inputs = corpus(dir.path(), files);
    let expected = expected_hashes(&inputs);
    let victims: Vec<Box<dyn Victim>> = vec![Box::new(Ingest {
        inputs: inputs.clone(),
    })];
    let mut rng = Lcg(seed);
    let mut phases: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut kills, mut runs, mut cycles, mut lost) = (0usize, 0usize, 0usize, 0usize);
    let started = Instant::now();
    while kills < kills_wanted {
        // One cycle: a fresh store, killed until a run completes.
        cycles += 1;
        let db = dir.path().join(format!("cycle-{cycles}.db"));
        loop {
            runs += 1;
            let victim = &victims[runs % victims.len()];
            let log = dir.path().join(format!("run-{runs}.log"));
            let mut child = victim.spawn(&db, &log);
            let aim = match rng.next() % 4 {
                0 => Aim::Line("read"),
                1 => Aim::Line("code"),
                2 => Aim::Line("begin"),
                _ => Aim::Delay(Duration::from_millis(200 + rng.next() % 6000)),
            };
            // Never kill on the last cycle's final run, so the loop ends.
            if kills < kills_wanted {
                wait_for(&mut child, &log, aim);
            }
            let exited = kills >= kills_wanted || child.try_wait().unwrap().is_some();
            if exited {
                let status = child.wait().unwrap();
                assert!(status.success(), "{} failed: {status}", victim.name());
                let stored = check_store(&db, &expected, &format!("cycle {cycles} done"));
                lost += expected.len() - stored;
                let hashes = Store::open(&db).unwrap().known_hashes().unwrap();
                assert_eq!(
                    hashes, expected,
                    "cycle {cycles}: every input is stored exactly once"
                );
                break;
            }
            child.kill().unwrap(); // SIGKILL
            let _ = child.wait();
            kills += 1;
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            *phases.entry(phase(&text)).or_default() += 1;
            check_store(
                &db,
                &expected,
                &format!("cycle {cycles}, kill {kills} ({aim:?})"),
            );
        }
        let _ = std::fs::remove_file(&db);
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    eprintln!(
        "crash loop: seed {seed:#x}, {} documents per cycle, {cycles} cycles, {runs} runs, {kills} kills, {lost} documents lost, {:.0} s",
        expected.len(),
        started.elapsed().as_secs_f64()
    );
    for (p, n) in &phases {
        eprintln!("  killed {p}: {n}");
    }
    assert_eq!(lost, 0);
    assert!(
        phases
            .get("inside a write transaction")
            .is_some_and(|&n| n > 0),
        "no kill inside a write transaction: {phases:?}"
    );
}
