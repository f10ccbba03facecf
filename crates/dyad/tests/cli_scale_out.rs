//! `dyad submit`, `dyad worker` and `dyad query|export|serve --postgres` end to end, against the real
//! NATS JetStream and PostgreSQL (a scratch database and a uniquely named queue, both removed
//! after): the worker process codes the examples, stops gracefully on SIGTERM, and the shared
//! store answers queries, exports and API requests exactly as the SQLite store of `dyad ingest` does.
//!
//! Skipped with a printed reason when a service does not answer, unless
//! `DYAD_REQUIRE_SERVICES` is set (CI), in which case that is a failure.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dyad_pg::scratch::{ScratchDatabase, admin_url};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn nats_url() -> String {
    std::env::var("DYAD_TEST_NATS").unwrap_or_else(|_| "nats://127.0.0.1:4222".into())
}

fn nats_up() -> bool {
    let addr = nats_url()
        .trim_start_matches("nats://")
        .split(',')
        .next()
        .unwrap_or_default()
        .to_string();
    std::net::TcpStream::connect(addr).is_ok()
}

/// Deletes the queue's streams when dropped.
struct Queue(String);

impl Drop for Queue {
    fn drop(&mut self) {
        let (name, url) = (self.0.clone(), nats_url());
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            if let Ok(client) = async_nats::connect(url).await {
                let js = async_nats::jetstream::new(client);
                let _ = js.delete_stream(&name).await;
                let _ = js.delete_stream(format!("{name}_DEAD")).await;
            }
        });
    }
}

fn metrics(port: u16) -> String {
    let Ok(mut conn) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return String::new();
    };
    let _ = write!(conn, "GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n");
    let mut body = String::new();
    let _ = conn.read_to_string(&mut body);
    body
}

fn gauge(page: &str, name: &str) -> Option<f64> {
    page.lines()
        .find_map(|l| l.strip_prefix(&format!("{name} ")))
        .and_then(|v| v.parse().ok())
}

/// A child process killed when dropped (a server the test started).
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn output(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn submit_worker_and_query_postgres() {
    let required = std::env::var_os("DYAD_REQUIRE_SERVICES").is_some();
    if !nats_up() {
        assert!(
            !required,
            "NATS required but not answering at {}",
            nats_url()
        );
        eprintln!("skipped: no NATS server at {}", nats_url());
        return;
    }
    let db = match ScratchDatabase::create(&admin_url(), "cli") {
        Ok(db) => db,
        Err(e) => {
            assert!(!required, "PostgreSQL required but {}: {e}", admin_url());
            eprintln!("skipped: no PostgreSQL at {} ({e})", admin_url());
            return;
        }
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let queue = Queue(format!("DYADCLI_{}_{nanos}", std::process::id()));
    let news = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let tmp = tempfile::tempdir().unwrap();
    let sqlite = tmp.path().join("dyad.db");
    output(
        dyad()
            .args(["ingest", "--no-progress", "--db"])
            .arg(&sqlite)
            .arg(&news),
    );

    let submitted = dyad()
        .args(["submit", "--nats", &nats_url(), "--stream", &queue.0])
        .arg(&news)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&submitted.stderr);
    assert!(submitted.status.success(), "{said}");
    assert!(said.contains("36 documents queued"), "{said}");

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut worker = dyad()
        .args(["worker", "--nats", &nats_url(), "--stream", &queue.0])
        .args(["--postgres", db.url(), "--concurrency", "2"])
        .args(["--metrics-addr", &format!("127.0.0.1:{port}")])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the worker has acknowledged every document and the queue is empty.
    let t0 = Instant::now();
    loop {
        let page = metrics(port);
        if gauge(&page, "dyad_worker_documents_total") == Some(36.0)
            && gauge(&page, "dyad_worker_lag_messages") == Some(0.0)
        {
            break;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(120),
            "worker too slow: {page}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // SIGTERM: a graceful stop.
    let killed = Command::new("kill")
        .args(["-TERM", &worker.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = worker.wait().unwrap();
    let mut log = String::new();
    worker
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(status.success(), "{log}");
    assert!(
        log.contains("worker done: 36 documents acknowledged (36 stored"),
        "{log}"
    );

    for args in [
        vec![
            "query", "dyad", "USA", "MAR", "--by", "year", "--format", "csv",
        ],
        vec![
            "query", "dyad", "MAR", "DZA", "--count", "clusters", "--format", "json",
        ],
        vec!["query", "actors", "--like", "moroc"],
    ] {
        let from_sqlite = output(dyad().args(&args).arg("--db").arg(&sqlite));
        let from_pg = output(dyad().args(&args).args(["--postgres", db.url()]));
        assert!(!from_sqlite.trim().is_empty());
        assert_eq!(from_pg, from_sqlite, "{args:?}");
    }
    let events = |backend: &[&str]| {
        let out = output(
            dyad()
                .args([
                    "query", "events", "--actor", "MAR", "--limit", "1000", "--format", "jsonl",
                ])
                .args(backend),
        );
        let mut lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                // Sequence numbers are each store's own.
                v.as_object_mut().unwrap().remove("seq");
                v
            })
            .collect();
        lines.sort_by_key(|v| v.to_string());
        lines
    };
    let from_sqlite = events(&["--db", sqlite.to_str().unwrap()]);
    assert!(from_sqlite.len() > 5);
    assert_eq!(events(&["--postgres", db.url()]), from_sqlite);
    // `dyad export --postgres`: the same PLOVER records as from the SQLite store.
    let export = |backend: &[&str]| {
        let file = tmp.path().join("export.jsonl");
        output(
            dyad()
                .args(["export", "--format", "plover", "--count", "clusters", "-o"])
                .arg(&file)
                .args(backend),
        );
        let mut lines: Vec<String> = std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        lines.sort();
        lines
    };
    let from_sqlite = export(&["--db", sqlite.to_str().unwrap()]);
    assert!(from_sqlite.len() > 5);
    assert_eq!(export(&["--postgres", db.url()]), from_sqlite);
    // `dyad serve --postgres`: the same API answers as `dyad serve --db`.
    let serve = |backend: &[&str]| -> Vec<String> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut server = Server(
            dyad()
                .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
                .args(backend)
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
        let deadline = Instant::now() + Duration::from_secs(60);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "dyad serve did not start");
            assert!(server.0.try_wait().unwrap().is_none(), "dyad serve exited");
            std::thread::sleep(Duration::from_millis(100));
        }
        [
            "/api/dyad?a=USA&b=MAR&by=year",
            "/api/dyad?a=MAR&b=DZA&by=month&count=clusters",
            "/api/actors?q=moroc",
            "/api/stats",
        ]
        .iter()
        .map(|path| {
            let mut conn = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
            write!(conn, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
            let mut response = String::new();
            conn.read_to_string(&mut response).unwrap();
            assert_eq!(
                response.split(' ').nth(1),
                Some("200"),
                "{path}: {response}"
            );
            response.split_once("\r\n\r\n").unwrap().1.to_string()
        })
        .collect()
    };
    let from_sqlite = serve(&["--db", sqlite.to_str().unwrap()]);
    let from_pg = serve(&["--postgres", db.url()]);
    for (a, b) in from_sqlite.iter().zip(&from_pg) {
        let (a, b): (serde_json::Value, serde_json::Value) = (
            serde_json::from_str(a).unwrap(),
            serde_json::from_str(b).unwrap(),
        );
        assert_eq!(a, b);
    }
    let mut conn = postgres::Client::connect(db.url(), postgres::NoTls).unwrap();
    let status: String = conn
        .query_one("SELECT status FROM runs ORDER BY id DESC LIMIT 1", &[])
        .unwrap()
        .get(0);
    assert_eq!(status, "done", "the worker ended its run on SIGTERM");
}
