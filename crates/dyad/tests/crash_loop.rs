//! The crash-safety loop behind `bench/crash.sh` (see `docs/RELIABILITY.md`): `dyad ingest` is
//! killed with SIGKILL at random points, many times, each kill aimed at a phase read from the
//! phase log the process appends to (`read`, `code`, `begin`/`commit` around each write
//! transaction). After every kill the store must pass SQLite's integrity check and dyad's
//! consistency check (rollups and clusters equal a recomputation from the events); when a run
//! finally completes, every input document must be stored exactly once. Then the loop starts
//! again on a fresh store, until the number of kills asked for is reached.
//!
//! The same loop kills `dyad worker` processes (NATS JetStream → PostgreSQL): the corpus is
//! submitted to a fresh queue on a private `nats-server`, and workers writing to a scratch
//! PostgreSQL database are killed at random points — pulling, coding, inside the write
//! transaction, acknowledging after the commit — and started again, until a worker drains
//! the queue. After every kill the PostgreSQL store must pass its consistency check
//! (`PgStore::check_consistency`) and hold no document twice and nothing that is not an input;
//! at the end of a cycle every input is stored exactly once and the queue is empty.
//!
//! Ignored in `cargo test` (they take minutes); `bench/crash.sh` runs them in release mode:
//! `DYAD_CRASH_KILLS=100 cargo test --release -p dyad --test crash_loop -- --ignored --nocapture`.

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

/// What the loop kills: a process writing the corpus into a store, with a phase log.
trait Victim {
    /// Its name in the report.
    fn name(&self) -> &'static str;
    /// Sets up a fresh store (and queue) for cycle `cycle`.
    fn fresh(&mut self, cycle: usize);
    /// Starts a process on the current store.
    fn spawn(&self, log: &Path) -> Child;
    /// Checks the store after a kill or a run: consistent, nothing stored twice, nothing
    /// stored that is not an input. Returns the documents stored.
    fn check(&self, when: &str) -> usize;
    /// After a run that ended by itself: whether the cycle's work is all done (a worker may
    /// stop while killed workers' messages still wait for their redelivery).
    fn done(&self) -> bool;
    /// Removes the current store (and queue).
    fn clean(&mut self);
    /// Where the next kill is aimed.
    fn aim(&self, rng: &mut Lcg) -> Aim;
    /// More figures for the report, if any.
    fn report(&self) -> String {
        String::new()
    }
}

/// `dyad ingest` over the corpus, small batches (many transactions), into an SQLite store.
struct Ingest {
    inputs: Vec<PathBuf>,
    expected: HashSet<ContentHash>,
    dir: PathBuf,
    db: PathBuf,
}

impl Victim for Ingest {
    fn name(&self) -> &'static str {
        "dyad ingest"
    }
    fn fresh(&mut self, cycle: usize) {
        self.db = self.dir.join(format!("cycle-{cycle}.db"));
    }
    fn spawn(&self, log: &Path) -> Child {
        dyad()
            .args(["ingest", "--no-progress", "--batch-size", "16", "--db"])
            .arg(&self.db)
            .arg("--phase-log")
            .arg(log)
            .args(&self.inputs)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    }
    fn check(&self, when: &str) -> usize {
        check_store(&self.db, &self.expected, when)
    }
    fn done(&self) -> bool {
        true
    }
    fn clean(&mut self) {
        let _ = std::fs::remove_file(&self.db);
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.db.display()));
        }
    }
    fn aim(&self, rng: &mut Lcg) -> Aim {
        match rng.next() % 4 {
            0 => Aim::Line("read"),
            1 => Aim::Line("code"),
            2 => Aim::Line("begin"),
            _ => Aim::Delay(Duration::from_millis(200 + rng.next() % 6000)),
        }
    }
}

/// A private `nats-server` (JetStream, its own store folder, a free port), stopped on drop.
struct NatsServer {
    child: Child,
    url: String,
    _dir: tempfile::TempDir,
}

impl NatsServer {
    fn start() -> NatsServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = tempfile::tempdir().unwrap();
        let child = Command::new("nats-server")
            .args(["-a", "127.0.0.1", "-p", &port.to_string(), "-js", "-sd"])
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nats-server on PATH (the worker crash loop starts a private one)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "nats-server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        NatsServer {
            child,
            url: format!("nats://127.0.0.1:{port}"),
            _dir: dir,
        }
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Messages left in a stream (0 when the stream does not exist).
fn stream_messages(url: &str, stream: &str) -> u64 {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client = async_nats::connect(url).await.unwrap();
        let js = async_nats::jetstream::new(client);
        match js.get_stream(stream).await {
            Ok(mut s) => s.info().await.unwrap().state.messages,
            Err(_) => 0,
        }
    })
}

/// Messages of the queue's consumer delivered more than once: its delivered count (every
/// delivery) less the messages the stream took in (its last sequence).
fn redelivered(url: &str, stream: &str) -> u64 {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client = async_nats::connect(url).await.unwrap();
        let js = async_nats::jetstream::new(client);
        let mut s = js.get_stream(stream).await.unwrap();
        let last = s.info().await.unwrap().state.last_sequence;
        let mut c: async_nats::jetstream::consumer::PullConsumer = s
            .get_consumer(dyad_queue::names::DEFAULT_DURABLE)
            .await
            .unwrap();
        let delivered = c.info().await.unwrap().delivered.consumer_sequence;
        delivered.saturating_sub(last)
    })
}

/// `dyad worker`s draining a queue the corpus was submitted to, into PostgreSQL: one
/// coding thread, batches of 4, acknowledgements awaited 2 s (so a killed worker's messages
/// come back soon), and deliveries unlimited in practice (a kill is not the document's fault;
/// see the note on `--max-deliver` in docs/RELIABILITY.md).
struct Workers {
    inputs: Vec<PathBuf>,
    expected: HashSet<ContentHash>,
    nats: NatsServer,
    stream: String,
    db: Option<dyad_pg::scratch::ScratchDatabase>,
    /// Over all cycles: documents delivered again and found already stored (committed by a
    /// worker killed before its acknowledgements), and messages delivered more than once.
    skipped: u64,
    redelivered: u64,
}

impl Workers {
    fn store(&self) -> dyad_pg::PgStore {
        dyad_pg::PgStore::connect(self.db.as_ref().unwrap().url(), 1).unwrap()
    }
    fn hashes(&self) -> Vec<ContentHash> {
        let mut client =
            postgres::Client::connect(self.db.as_ref().unwrap().url(), postgres::NoTls).unwrap();
        client
            .query("SELECT content_hash FROM documents", &[])
            .unwrap()
            .iter()
            .map(|r| ContentHash(r.get::<_, Vec<u8>>(0).try_into().unwrap()))
            .collect()
    }
}

impl Victim for Workers {
    fn name(&self) -> &'static str {
        "dyad worker"
    }
    fn fresh(&mut self, cycle: usize) {
        self.db = Some(
            dyad_pg::scratch::ScratchDatabase::create(&dyad_pg::scratch::admin_url(), "crash")
                .expect("PostgreSQL (DYAD_TEST_POSTGRES or 127.0.0.1:5432)"),
        );
        self.stream = format!("CRASH{cycle}");
        let out = dyad()
            .args(["submit", "--nats", &self.nats.url, "--stream", &self.stream])
            .args(&self.inputs)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert_eq!(
            stream_messages(&self.nats.url, &self.stream),
            self.expected.len() as u64
        );
    }
    fn spawn(&self, log: &Path) -> Child {
        dyad()
            .args(["worker", "--nats", &self.nats.url, "--stream", &self.stream])
            .args(["--postgres", self.db.as_ref().unwrap().url()])
            .args(["--concurrency", "1", "--batch-size", "4", "--ack-wait", "2"])
            .args([
                "--max-deliver",
                "1000",
                "--exit-when-idle",
                "3",
                "--phase-log",
            ])
            .arg(log)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    }
    fn check(&self, when: &str) -> usize {
        let problems = self.store().check_consistency().unwrap();
        assert!(problems.is_empty(), "{when}: {problems:?}");
        let hashes = self.hashes();
        let distinct: HashSet<ContentHash> = hashes.iter().copied().collect();
        assert_eq!(
            hashes.len(),
            distinct.len(),
            "{when}: a document is stored twice"
        );
        assert!(
            distinct.is_subset(&self.expected),
            "{when}: a stored document is not an input"
        );
        hashes.len()
    }
    fn done(&self) -> bool {
        stream_messages(&self.nats.url, &self.stream) == 0
    }
    fn clean(&mut self) {
        let dead = stream_messages(&self.nats.url, &format!("{}_DEAD", self.stream));
        assert_eq!(dead, 0, "no document was dead-lettered");
        let mut client =
            postgres::Client::connect(self.db.as_ref().unwrap().url(), postgres::NoTls).unwrap();
        let skipped: i64 = client
            .query_one(
                "SELECT coalesce(sum(documents_skipped), 0)::BIGINT FROM runs",
                &[],
            )
            .unwrap()
            .get(0);
        self.skipped += skipped as u64;
        self.redelivered += redelivered(&self.nats.url, &self.stream);
        drop(client);
        self.db = None;
    }
    fn report(&self) -> String {
        format!(
            "{} messages delivered more than once; {} documents delivered again after their commit and found already stored",
            self.redelivered, self.skipped
        )
    }
    fn aim(&self, rng: &mut Lcg) -> Aim {
        match rng.next() % 5 {
            0 => Aim::Line("pull"),
            1 => Aim::Line("code"),
            2 => Aim::Line("begin"),
            3 => Aim::Line("ack"),
            _ => Aim::Delay(Duration::from_millis(200 + rng.next() % 6000)),
        }
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
        Some("pull") => "pulling messages (reading)",
        Some("code") => "coding",
        Some("ack") => "after the commit: acknowledging",
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

/// Kills `victim` until `kills_wanted` kills: cycles of a fresh store, killed until a run
/// completes; checks after every kill and at the end of every cycle. Prints the figures.
fn crash_loop(
    victim: &mut dyn Victim,
    dir: &Path,
    expected: usize,
    kills_wanted: usize,
    seed: u64,
) {
    let mut rng = Lcg(seed);
    let mut phases: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut kills, mut runs, mut cycles, mut lost) = (0usize, 0usize, 0usize, 0usize);
    let started = Instant::now();
    while kills < kills_wanted {
        // One cycle: a fresh store, killed until a run completes.
        cycles += 1;
        victim.fresh(cycles);
        let mut unfinished = 0;
        loop {
            runs += 1;
            let log = dir.join(format!("run-{runs}.log"));
            let mut child = victim.spawn(&log);
            let aim = victim.aim(&mut rng);
            // Never kill on the last cycle's final run, so the loop ends.
            if kills < kills_wanted {
                wait_for(&mut child, &log, aim);
            }
            let exited = kills >= kills_wanted || child.try_wait().unwrap().is_some();
            if exited {
                let status = child.wait().unwrap();
                assert!(status.success(), "{} failed: {status}", victim.name());
                let when = format!("cycle {cycles}, run {runs} ended");
                let stored = victim.check(&when);
                if !victim.done() {
                    // Killed runs' messages not yet delivered again: another run takes them.
                    unfinished += 1;
                    assert!(unfinished < 10, "{when}: work left after {unfinished} runs");
                    continue;
                }
                lost += expected - stored;
                assert_eq!(
                    stored, expected,
                    "{when}: every input is stored exactly once"
                );
                break;
            }
            child.kill().unwrap(); // SIGKILL
            let _ = child.wait();
            kills += 1;
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            *phases.entry(phase(&text)).or_default() += 1;
            victim.check(&format!("cycle {cycles}, kill {kills} ({aim:?})"));
        }
        victim.clean();
    }
    eprintln!(
        "crash loop ({}): seed {seed:#x}, {expected} documents per cycle, {cycles} cycles, {runs} runs, {kills} kills, {lost} documents lost, {:.0} s",
        victim.name(),
        started.elapsed().as_secs_f64()
    );
    for (p, n) in &phases {
        eprintln!("  killed {p}: {n}");
    }
    let more = victim.report();
    if !more.is_empty() {
        eprintln!("  {more}");
    }
    assert_eq!(lost, 0);
    assert!(
        phases
            .get("inside a write transaction")
            .is_some_and(|&n| n > 0),
        "no kill inside a write transaction: {phases:?}"
    );
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
    let mut victim = Ingest {
        inputs,
        expected: expected.clone(),
        dir: dir.path().to_path_buf(),
        db: PathBuf::new(),
    };
    crash_loop(&mut victim, dir.path(), expected.len(), kills_wanted, seed);
}

#[test]
#[ignore = "minutes long, needs PostgreSQL and nats-server: run by bench/crash.sh"]
fn kill_workers_at_random_points_and_lose_nothing() {
    let kills_wanted = env_or("DYAD_CRASH_KILLS", 100) as usize;
    let files = env_or("DYAD_CRASH_FILES", 6) as usize;
    let seed = env_or("DYAD_CRASH_SEED", 0x5eed);
    let dir = tempfile::tempdir().unwrap();
    let inputs = corpus(dir.path(), files);
    let expected = expected_hashes(&inputs);
    let mut victim = Workers {
        inputs,
        expected: expected.clone(),
        nats: NatsServer::start(),
        stream: String::new(),
        db: None,
        skipped: 0,
        redelivered: 0,
    };
    crash_loop(&mut victim, dir.path(), expected.len(), kills_wanted, seed);
}
