//! The PostgreSQL store against a real server (a scratch database per test, dropped after):
//! migrations, idempotent writes, and the same events, clusters, rollups and query results as
//! the SQLite store on the bundled example corpus — also with concurrent writers.
//!
//! Skipped with a printed reason when no server answers, unless `DYAD_REQUIRE_SERVICES` is
//! set (CI sets it after making sure PostgreSQL runs), in which case that is a failure.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use dyad_coder::{CodeBuffers, Coder};
use dyad_pg::scratch::{ScratchDatabase, admin_url};
use dyad_pg::{Error, PgStore};
use dyad_store::ingest::{IngestOptions, NoProgress, ingest, process_document};
use dyad_store::query::Count;
use dyad_store::{CoderStamp, DyadQuery, EventQuery, ProcessedDocument, RunStatus, Store};
use dyad_text::Segmenter;
use dyad_text::read::{ReadOptions, read_path};

fn scratch(label: &str) -> Option<ScratchDatabase> {
    match ScratchDatabase::create(&admin_url(), label) {
        Ok(db) => Some(db),
        Err(e) if std::env::var_os("DYAD_REQUIRE_SERVICES").is_none() => {
            eprintln!("skipped: no PostgreSQL at {} ({e})", admin_url());
            None
        }
        Err(e) => panic!(
            "PostgreSQL required (DYAD_REQUIRE_SERVICES) but {}: {e}",
            admin_url()
        ),
    }
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

fn processed(files: &[PathBuf]) -> Vec<ProcessedDocument> {
    let segmenter = Segmenter::new();
    let coder = Coder::builder().build().unwrap();
    let mut buf = CodeBuffers::default();
    let mut out = Vec::new();
    for f in files {
        for doc in read_path(f, &ReadOptions::default()).unwrap().documents {
            out.push(process_document(doc, &segmenter, &coder, &mut buf).0);
        }
    }
    out
}

/// (document id, event id) → cluster id, for every stored event.
type Clusters = BTreeMap<(String, String), Option<String>>;

fn sqlite_reference(files: &[PathBuf]) -> (Store, Clusters) {
    let mut store = Store::open_in_memory().unwrap();
    ingest(&mut store, files, &IngestOptions::default(), &NoProgress).unwrap();
    let mut map = Clusters::new();
    for e in store.events(&EventQuery::default()).unwrap().items {
        map.insert((e.record.doc_id.clone(), e.record.id.clone()), e.cluster_id);
    }
    (store, map)
}

fn pg_clusters(store: &PgStore) -> Clusters {
    let mut map = Clusters::new();
    for e in store.events(&EventQuery::default()).unwrap().items {
        map.insert((e.record.doc_id.clone(), e.record.id.clone()), e.cluster_id);
    }
    map
}

fn assert_same_store(pg: &PgStore, sqlite: &Store, reference: &Clusters) {
    let (a, b) = (pg.stats().unwrap(), sqlite.stats().unwrap());
    assert_eq!(
        (
            a.documents,
            a.sentences,
            a.events,
            a.counted_events,
            a.clusters,
            a.duplicates
        ),
        (
            b.documents,
            b.sentences,
            b.events,
            b.counted_events,
            b.clusters,
            b.duplicates
        )
    );
    let clusters = pg_clusters(pg);
    assert_eq!(clusters.len(), reference.len());
    assert_eq!(&clusters, reference, "same events in the same clusters");
    for count in [Count::Events, Count::Clusters] {
        let mut q = DyadQuery::new("USA", "MAR");
        q.count = count;
        assert_eq!(pg.dyad_series(&q).unwrap(), sqlite.dyad_series(&q).unwrap());
        let mut q = DyadQuery::new("MAR", "DZA");
        q.count = count;
        q.period = dyad_store::query::Period::Day;
        assert_eq!(pg.dyad_series(&q).unwrap(), sqlite.dyad_series(&q).unwrap());
    }
    let q = EventQuery {
        actor: Some("MAR".into()),
        limit: Some(5),
        ..EventQuery::default()
    };
    let strip = |items: Vec<dyad_store::StoredEvent>| {
        items
            .into_iter()
            .map(|e| {
                (
                    e.record,
                    e.cluster_id,
                    e.num_events,
                    e.num_articles,
                    e.num_sources,
                )
            })
            .collect::<Vec<_>>()
    };
    let mut p = strip(
        pg.events(&EventQuery {
            limit: None,
            ..q.clone()
        })
        .unwrap()
        .items,
    );
    let mut s = strip(
        sqlite
            .events(&EventQuery { limit: None, ..q })
            .unwrap()
            .items,
    );
    let key = |x: &(dyad_coder::EventRecord, Option<String>, u64, u64, u64)| {
        (x.0.doc_id.clone(), x.0.id.clone())
    };
    p.sort_by_key(key);
    s.sort_by_key(key);
    assert_eq!(p, s, "events of MAR with their cluster counts");
    assert_eq!(pg.top_dyads(5).unwrap(), sqlite.top_dyads(5).unwrap());
}

#[test]
fn schema_is_migrated_once_and_a_newer_one_refused() {
    let Some(db) = scratch("schema") else { return };
    let store = PgStore::connect(db.url(), 2).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        dyad_pg::schema::SCHEMA_VERSION
    );
    // Connecting again (as every worker does) finds the schema current.
    let again = PgStore::connect(db.url(), 2).unwrap();
    assert_eq!(again.stats().unwrap().documents, 0);
    let mut admin = postgres::Client::connect(db.url(), postgres::NoTls).unwrap();
    admin
        .batch_execute("UPDATE dyad_schema SET version = 99")
        .unwrap();
    let err = PgStore::connect(db.url(), 2).unwrap_err();
    assert!(matches!(err, Error::TooNew { found: 99, .. }), "{err}");
    admin
        .batch_execute("UPDATE dyad_schema SET application = 'other'")
        .unwrap();
    let err = PgStore::connect(db.url(), 2).unwrap_err();
    assert!(matches!(err, Error::NotADyadStore { .. }), "{err}");
}

#[test]
fn writes_are_idempotent_and_equal_the_sqlite_store() {
    let Some(db) = scratch("same") else { return };
    let files = corpus();
    let (sqlite, reference) = sqlite_reference(&files);
    assert!(reference.values().filter(|c| c.is_some()).count() > 10);
    let store = PgStore::connect(db.url(), 2).unwrap();
    let run = store.begin_run(&["examples/news".into()]).unwrap();
    let coder = store.coder_id(&CoderStamp::current()).unwrap();
    let mut docs = processed(&files);
    // Stored in another order, in small batches: clusters do not depend on order.
    docs.reverse();
    let mut added = 0;
    for batch in docs.chunks(5) {
        added += store
            .write_batch(run, coder, batch, &[])
            .unwrap()
            .documents_added;
    }
    assert_eq!(added, files.len() as u64);
    assert_same_store(&store, &sqlite, &reference);
    // The same documents again add nothing.
    let again = store.write_batch(run, coder, &docs, &[]).unwrap();
    assert_eq!(
        (again.documents_added, again.documents_skipped),
        (0, docs.len() as u64)
    );
    assert_same_store(&store, &sqlite, &reference);
    store.finish_run(run, RunStatus::Done).unwrap();
    assert_eq!(store.run_status(run).unwrap().as_deref(), Some("done"));
}

#[test]
fn concurrent_writers_end_with_the_same_clusters() {
    let Some(db) = scratch("concurrent") else {
        return;
    };
    let files = corpus();
    let (sqlite, reference) = sqlite_reference(&files);
    let store = Arc::new(PgStore::connect(db.url(), 4).unwrap());
    let coder = store.coder_id(&CoderStamp::current()).unwrap();
    let docs = Arc::new(processed(&files));
    // Three writers store interleaved documents (reports of one event by different writers
    // at the same time), one document per transaction, and every writer also stores the
    // first writer's documents again (a redelivery): each document is stored once.
    let handles: Vec<_> = (0..3)
        .map(|w| {
            let store = Arc::clone(&store);
            let docs = Arc::clone(&docs);
            std::thread::spawn(move || {
                let run = store.begin_run(&[format!("writer {w}")]).unwrap();
                let mut added = 0;
                for (i, d) in docs.iter().enumerate() {
                    if i % 3 == w || i % 3 == 0 {
                        added += store
                            .write_batch(run, coder, std::slice::from_ref(d), &[])
                            .unwrap()
                            .documents_added;
                    }
                }
                added
            })
        })
        .collect();
    let added: u64 = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(
        added,
        files.len() as u64,
        "every document stored exactly once"
    );
    assert_same_store(&store, &sqlite, &reference);
}

#[test]
fn the_consistency_check_passes_and_finds_damaged_rollups_and_clusters() {
    let Some(db) = scratch("check") else { return };
    let store = PgStore::connect(db.url(), 2).unwrap();
    let run = store.begin_run(&["examples/news".into()]).unwrap();
    let coder = store.coder_id(&CoderStamp::current()).unwrap();
    let docs = processed(&corpus());
    for batch in docs.chunks(7) {
        store.write_batch(run, coder, batch, &[]).unwrap();
    }
    assert_eq!(store.check_consistency().unwrap(), Vec::<String>::new());
    let mut client = postgres::Client::connect(db.url(), postgres::NoTls).unwrap();
    // One rollup row off by one, one cluster row gone, one event twice.
    client
        .batch_execute(
            "UPDATE dyad_daily SET events = events + 1 WHERE ctid = (SELECT ctid FROM dyad_daily LIMIT 1);
             DELETE FROM clusters WHERE id = (SELECT min(id) FROM clusters);",
        )
        .unwrap();
    let problems = store.check_consistency().unwrap();
    let has = |what: &str| problems.iter().any(|p| p.starts_with(what));
    assert!(
        has("dyad_daily: 1 rows kept, not recomputed"),
        "{problems:?}"
    );
    assert!(has("clusters: 1 rows recomputed, not kept"), "{problems:?}");
    assert_eq!(problems.len(), 3, "{problems:?}");
}
