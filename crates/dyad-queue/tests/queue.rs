//! Submit and workers against the real services: NATS JetStream (a uniquely named queue per
//! test, deleted after) and PostgreSQL (a scratch database per test, dropped after).
//!
//! Skipped with a printed reason when a service does not answer, unless
//! `DYAD_REQUIRE_SERVICES` is set (CI sets it after making sure both run): then a failure.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Duration;

use async_nats::jetstream;
use dyad_pg::PgStore;
use dyad_pg::scratch::{ScratchDatabase, admin_url};
use dyad_queue::metrics::serve_metrics;
use dyad_queue::names::{DEFAULT_DUPLICATE_WINDOW, ERROR_HEADER, QueueNames};
use dyad_queue::submit::Submitter;
use dyad_queue::worker::{Worker, WorkerOptions, WorkerSummary, durable_consumer};
use dyad_store::ingest::{IngestOptions, NoProgress, ingest, process_document};
use dyad_store::{CoderStamp, EventQuery, Store};
use dyad_text::Document;
use dyad_text::read::{ReadOptions, read_path};
use futures_util::StreamExt;
use tokio::sync::watch;

fn nats_url() -> String {
    std::env::var("DYAD_TEST_NATS").unwrap_or_else(|_| "nats://127.0.0.1:4222".into())
}

fn required() -> bool {
    std::env::var_os("DYAD_REQUIRE_SERVICES").is_some()
}

/// A uniquely named queue whose streams are deleted on drop.
struct TestQueue {
    names: QueueNames,
}

impl Drop for TestQueue {
    fn drop(&mut self) {
        let names = self.names.clone();
        let url = nats_url();
        // A fresh runtime on its own thread: drop may run inside the test's runtime.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                if let Ok(client) = async_nats::connect(url).await {
                    let js = jetstream::new(client);
                    let _ = js.delete_stream(&names.stream).await;
                    let _ = js.delete_stream(&names.dead_stream).await;
                }
            });
        })
        .join();
    }
}

struct Services {
    db: ScratchDatabase,
    queue: TestQueue,
    client: async_nats::Client,
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// The services, or `None` (with the reason printed) when one does not answer. The
/// synchronous PostgreSQL client runs outside the async runtime (it has its own).
fn services(rt: &tokio::runtime::Runtime, label: &str) -> Option<Services> {
    let client = match rt.block_on(async_nats::connect(nats_url())) {
        Ok(c) => c,
        Err(e) if !required() => {
            eprintln!("skipped: no NATS server at {} ({e})", nats_url());
            return None;
        }
        Err(e) => panic!(
            "NATS required (DYAD_REQUIRE_SERVICES) but {}: {e}",
            nats_url()
        ),
    };
    let db = match ScratchDatabase::create(&admin_url(), label) {
        Ok(db) => db,
        Err(e) if !required() => {
            eprintln!("skipped: no PostgreSQL at {} ({e})", admin_url());
            return None;
        }
        Err(e) => panic!(
            "PostgreSQL required (DYAD_REQUIRE_SERVICES) but {}: {e}",
            admin_url()
        ),
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let names =
        QueueNames::new(&format!("DYADTEST_{label}_{}_{nanos}", std::process::id())).unwrap();
    Some(Services {
        db,
        queue: TestQueue { names },
        client,
    })
}

fn corpus() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn documents(files: &[PathBuf]) -> Vec<Document> {
    files
        .iter()
        .flat_map(|f| read_path(f, &ReadOptions::default()).unwrap().documents)
        .collect()
}

type Clusters = BTreeMap<(String, String), Option<String>>;

/// The single-process SQLite ingest of the same corpus: (document, event) → cluster.
fn sqlite_reference(files: &[PathBuf]) -> (dyad_store::Stats, Clusters) {
    let mut store = Store::open_in_memory().unwrap();
    ingest(&mut store, files, &IngestOptions::default(), &NoProgress).unwrap();
    let mut map = Clusters::new();
    for e in store.events(&EventQuery::default()).unwrap().items {
        map.insert((e.record.doc_id.clone(), e.record.id.clone()), e.cluster_id);
    }
    (store.stats().unwrap(), map)
}

fn pg_clusters(store: &PgStore) -> Clusters {
    let mut map = Clusters::new();
    for e in store.events(&EventQuery::default()).unwrap().items {
        map.insert((e.record.doc_id.clone(), e.record.id.clone()), e.cluster_id);
    }
    map
}

fn assert_same_as_sqlite(store: &PgStore, files: &[PathBuf]) {
    let (stats, reference) = sqlite_reference(files);
    let pg = store.stats().unwrap();
    assert_eq!(
        (pg.documents, pg.sentences, pg.events, pg.clusters),
        (
            stats.documents,
            stats.sentences,
            stats.events,
            stats.clusters
        ),
        "documents, sentences, events and clusters as the single-process ingest"
    );
    assert_eq!(
        pg_clusters(store),
        reference,
        "same events in the same clusters"
    );
}

async fn submit_all(s: &Services, docs: &[Document]) -> dyad_queue::submit::SubmitSummary {
    let mut sub = Submitter::new(s.client.clone(), &s.queue.names, DEFAULT_DUPLICATE_WINDOW)
        .await
        .unwrap();
    for d in docs {
        sub.submit(d).await.unwrap();
    }
    sub.finish().await.unwrap()
}

fn options(idle_exit: Duration) -> WorkerOptions {
    WorkerOptions {
        concurrency: 1,
        batch_size: 4,
        max_deliver: 3,
        ack_wait: Duration::from_secs(3),
        retry_delay: Duration::from_millis(200),
        idle_exit: Some(idle_exit),
        ..WorkerOptions::default()
    }
}

async fn pending(s: &Services) -> u64 {
    let js = jetstream::new(s.client.clone());
    let mut stream = js.get_stream(&s.queue.names.stream).await.unwrap();
    stream.info().await.unwrap().state.messages
}

/// A worker's phase log follows its loop: `pull` (again while the queue is empty), then for
/// each batch `code`, `begin`, `commit`, `ack`; every transaction of a healthy run commits.
fn assert_phase_log(log: &str) {
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.first(), Some(&"pull"), "{log}");
    for w in lines.windows(2) {
        let ok = matches!(
            (w[0], w[1]),
            ("pull", "pull" | "code")
                | ("code", "begin")
                | ("begin", "commit")
                | ("commit", "ack")
                | ("ack", "pull")
        );
        assert!(ok, "{} then {} in\n{log}", w[0], w[1]);
    }
    let count = |p: &str| lines.iter().filter(|l| **l == p).count();
    assert!(count("code") > 0, "{log}");
    assert_eq!(count("code"), count("ack"), "{log}");
}

fn http_get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut conn = std::net::TcpStream::connect(addr).unwrap();
    write!(conn, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut body = String::new();
    conn.read_to_string(&mut body).unwrap();
    body
}

#[test]
fn two_workers_code_every_document_once_as_sqlite_does() {
    let rt = runtime();
    let Some(s) = services(&rt, "two") else {
        return;
    };
    let files = corpus();
    let docs = documents(&files);
    let n = docs.len() as u64;
    let first = rt.block_on(submit_all(&s, &docs));
    assert_eq!((first.published, first.duplicates), (n, 0));
    // Submitting the same corpus again inside the duplicate window adds nothing.
    let again = rt.block_on(submit_all(&s, &docs));
    assert_eq!((again.published, again.duplicates), (0, n));
    assert_eq!(rt.block_on(pending(&s)), n);

    let store = PgStore::connect(s.db.url(), 4).unwrap();
    let phase_log = std::env::temp_dir().join(format!("{}.phases", s.queue.names.stream));
    let (stop_tx, stop) = watch::channel(false);
    let (summaries, metrics, metrics_addr) = rt.block_on(async {
        // Both workers are ready (coder built) before either starts pulling.
        let mut workers = Vec::new();
        for w in 0..2 {
            // The first worker writes a phase log (the crash tests' hook).
            let opts = WorkerOptions {
                phase_log: (w == 0).then(|| phase_log.clone()),
                ..options(Duration::from_secs(2))
            };
            workers.push(
                Worker::new(s.client.clone(), s.queue.names.clone(), store.clone(), opts)
                    .await
                    .unwrap(),
            );
        }
        let addr = serve_metrics(
            "127.0.0.1:0".parse().unwrap(),
            workers[0].metrics(),
            stop.clone(),
        )
        .await
        .unwrap();
        let metrics = workers[0].metrics();
        let handles: Vec<_> = workers
            .into_iter()
            .map(|w| tokio::spawn(w.run(stop.clone())))
            .collect();
        let mut summaries: Vec<WorkerSummary> = Vec::new();
        for h in handles {
            summaries.push(h.await.unwrap().unwrap());
        }
        (summaries, metrics, addr)
    });
    let added: u64 = summaries.iter().map(|s| s.counts.documents_added).sum();
    let acked: u64 = summaries.iter().map(|s| s.acknowledged).sum();
    assert_eq!(
        added, n,
        "every document stored exactly once: {summaries:?}"
    );
    assert_eq!(acked, n, "every message acknowledged once: {summaries:?}");
    assert!(
        summaries.iter().all(|s| s.counts.documents_added > 0),
        "both workers took part: {summaries:?}"
    );
    assert_eq!(rt.block_on(pending(&s)), 0, "the work queue is empty");
    assert_same_as_sqlite(&store, &files);
    let phases = std::fs::read_to_string(&phase_log).unwrap();
    let _ = std::fs::remove_file(&phase_log);
    assert_phase_log(&phases);

    let page = http_get(metrics_addr, "/metrics");
    assert!(
        page.starts_with("HTTP/1.0 200") || page.starts_with("HTTP/1.1 200"),
        "{page}"
    );
    assert!(
        page.contains(&format!(
            "\ndyad_worker_documents_total {}\n",
            metrics.documents.load(Ordering::Relaxed)
        )),
        "{page}"
    );
    assert!(page.contains("\ndyad_worker_lag_messages 0\n"), "{page}");
    let _ = stop_tx.send(true);
}

#[test]
fn a_killed_worker_documents_are_redelivered_and_stored_once() {
    let rt = runtime();
    let Some(s) = services(&rt, "kill") else {
        return;
    };
    let files = corpus();
    let docs = documents(&files);
    let n = docs.len() as u64;
    rt.block_on(submit_all(&s, &docs));
    let store = PgStore::connect(s.db.url(), 4).unwrap();
    let opts = options(Duration::from_secs(6));

    // 1. A worker that dies after its commit and before its acks: five documents pulled
    //    through the shared durable consumer and stored, never acknowledged.
    let early: Vec<Document> = rt.block_on(async {
        let js = jetstream::new(s.client.clone());
        let consumer = durable_consumer(&js, &s.queue.names, &opts).await.unwrap();
        let mut pulled = consumer.fetch().max_messages(5).messages().await.unwrap();
        let mut early = Vec::new();
        while let Some(m) = pulled.next().await {
            early.push(serde_json::from_slice::<Document>(&m.unwrap().payload).unwrap());
        }
        early
    });
    assert_eq!(early.len(), 5);
    let coder = dyad_coder::Coder::builder().build().unwrap();
    let seg = dyad_text::Segmenter::new();
    let mut buf = dyad_coder::CodeBuffers::default();
    let processed: Vec<_> = early
        .into_iter()
        .map(|d| process_document(d, &seg, &coder, &mut buf).0)
        .collect();
    let run = store.begin_run(&["crashed worker".into()]).unwrap();
    let coder_id = store.coder_id(&CoderStamp::current()).unwrap();
    let committed = store.write_batch(run, coder_id, &processed, &[]).unwrap();
    assert_eq!(committed.documents_added, 5);

    let (_stop_tx, stop) = watch::channel(false);
    let (killed_at, summary, redeliveries) = rt.block_on(async {
        // 2. A worker killed in the middle of a batch (pulled, coding, nothing acknowledged).
        let doomed = Worker::new(
            s.client.clone(),
            s.queue.names.clone(),
            store.clone(),
            opts.clone(),
        )
        .await
        .unwrap();
        let m = doomed.metrics();
        let task = tokio::spawn(doomed.run(stop.clone()));
        let t0 = std::time::Instant::now();
        while m.in_flight.load(Ordering::Relaxed) == 0 {
            assert!(
                t0.elapsed() < Duration::from_secs(30),
                "the worker never pulled"
            );
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        task.abort();
        let _ = task.await;
        let killed_at = m.documents.load(Ordering::Relaxed);

        // 3. A healthy worker receives everything again after the ack wait.
        let healthy = Worker::new(s.client.clone(), s.queue.names.clone(), store.clone(), opts)
            .await
            .unwrap();
        let hm = healthy.metrics();
        let summary = healthy.run(stop).await.unwrap();
        (killed_at, summary, hm.redeliveries.load(Ordering::Relaxed))
    });
    assert!(killed_at < n, "killed before the end");
    assert!(
        redeliveries >= 5,
        "the unacknowledged documents came back ({redeliveries}): {summary:?}"
    );
    assert!(
        summary.counts.documents_skipped >= 5,
        "documents committed before the crash are not stored twice: {summary:?}"
    );
    assert_eq!(rt.block_on(pending(&s)), 0, "the work queue is empty");
    assert_eq!(store.stats().unwrap().documents, n);
    assert_same_as_sqlite(&store, &files);
}

#[test]
fn poison_documents_go_to_the_dead_letter_stream_and_the_rest_is_stored() {
    let rt = runtime();
    let Some(s) = services(&rt, "poison") else {
        return;
    };
    let files = corpus();
    let mut docs = documents(&files);
    let n = docs.len() as u64;
    // A document PostgreSQL cannot store (text columns refuse NUL): it fails on every
    // delivery until the retry limit.
    let mut poison = docs[0].clone();
    poison.id = dyad_text::DocId::new("poison-nul").unwrap();
    poison.text = "Rabat hosted the talks.\u{0}".into();
    docs.insert(3, poison);
    rt.block_on(submit_all(&s, &docs));
    let js = {
        let _in_runtime = rt.enter();
        jetstream::new(s.client.clone())
    };
    // A message that is not a document at all.
    rt.block_on(async {
        js.publish(s.queue.names.subject.clone(), "{not json".into())
            .await
            .unwrap()
            .await
            .unwrap();
    });

    let store = PgStore::connect(s.db.url(), 4).unwrap();
    let (_stop_tx, stop) = watch::channel(false);
    let summary = rt.block_on(async {
        let w = Worker::new(
            s.client.clone(),
            s.queue.names.clone(),
            store.clone(),
            options(Duration::from_secs(2)),
        )
        .await
        .unwrap();
        w.run(stop).await.unwrap()
    });
    assert_eq!(summary.dead_letters, 2, "{summary:?}");
    assert_eq!(summary.counts.documents_added, n, "{summary:?}");
    assert_eq!(rt.block_on(pending(&s)), 0, "the work queue is empty");

    // The dead letters keep the payload and say why.
    let mut reasons = rt.block_on(async {
        let dead = js.get_stream(&s.queue.names.dead_stream).await.unwrap();
        let consumer: jetstream::consumer::PullConsumer = dead
            .create_consumer(jetstream::consumer::pull::Config::default())
            .await
            .unwrap();
        let mut letters = consumer.fetch().max_messages(10).messages().await.unwrap();
        let mut reasons = Vec::new();
        while let Some(m) = letters.next().await {
            let m = m.unwrap();
            let why = m
                .headers
                .as_ref()
                .and_then(|h| h.get(ERROR_HEADER))
                .unwrap();
            reasons.push((why.as_str().to_string(), m.payload.len()));
        }
        reasons
    });
    reasons.sort();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons
            .iter()
            .any(|(why, _)| why.starts_with("not a dyad document")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|(why, len)| why.contains("0x00") && *len > 100),
        "{reasons:?}"
    );
    let stats = store.stats().unwrap();
    assert_eq!(stats.errors, 2, "both recorded in the errors table");
    let mut conn = postgres::Client::connect(s.db.url(), postgres::NoTls).unwrap();
    let messages: Vec<String> = conn
        .query("SELECT message FROM errors ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("poison-nul") && m.contains("after 3 deliveries")),
        "{messages:?}"
    );
    assert_same_as_sqlite(&store, &files);
}

#[test]
fn a_document_whose_workers_die_on_every_delivery_is_dead_lettered() {
    let rt = runtime();
    let Some(s) = services(&rt, "doomed") else {
        return;
    };
    let docs = documents(&corpus());
    rt.block_on(submit_all(&s, &docs[..1]));
    let opts = WorkerOptions {
        max_deliver: 2,
        ack_wait: Duration::from_secs(1),
        ..options(Duration::from_secs(3))
    };
    // Two deliveries that end as a killed worker's do: pulled, never acknowledged nor
    // refused (the consumer is the one workers create: the server redelivers without limit).
    rt.block_on(async {
        let js = jetstream::new(s.client.clone());
        let consumer = durable_consumer(&js, &s.queue.names, &opts).await.unwrap();
        for delivery in 1..=2 {
            let mut batch = consumer
                .fetch()
                .max_messages(1)
                .expires(Duration::from_secs(10))
                .messages()
                .await
                .unwrap();
            let m = batch.next().await.expect("delivered again").unwrap();
            assert_eq!(m.info().unwrap().delivered, delivery);
            tokio::time::sleep(opts.ack_wait + Duration::from_millis(300)).await;
        }
    });
    let store = PgStore::connect(s.db.url(), 2).unwrap();
    let (_stop_tx, stop) = watch::channel(false);
    let summary = rt.block_on(async {
        Worker::new(s.client.clone(), s.queue.names.clone(), store.clone(), opts)
            .await
            .unwrap()
            .run(stop)
            .await
            .unwrap()
    });
    assert_eq!(summary.dead_letters, 1, "{summary:?}");
    assert_eq!(
        summary.counts.documents_added, 0,
        "not coded again: {summary:?}"
    );
    assert_eq!(rt.block_on(pending(&s)), 0, "the work queue is empty");
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.errors), (0, 1), "{stats:?}");
    let dead = rt.block_on(async {
        let js = jetstream::new(s.client.clone());
        let mut dead = js.get_stream(&s.queue.names.dead_stream).await.unwrap();
        dead.info().await.unwrap().state.messages
    });
    assert_eq!(dead, 1);
}
