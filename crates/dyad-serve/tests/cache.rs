//! The rendered answers of `GET /api/dyad`: ETags and 304, gzip, normalised queries sharing a
//! cache entry, and an ingest beside the server visible on the very next request.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{Request, header};
use common::{Reply, get, send_to};
use dyad_serve::{AppState, ServeConfig, StorePool};
use dyad_store::ingest::{IngestOptions, NoProgress, ingest};
use dyad_store::{DyadQuery, Period, Store};

fn get_with(uri: &str, headers: &[(header::HeaderName, &str)]) -> Request<Body> {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    request.body(Body::empty()).unwrap()
}

fn etag(reply: &Reply) -> String {
    reply.headers[header::ETAG].to_str().unwrap().to_string()
}

#[tokio::test]
async fn equal_queries_share_one_answer_with_its_etag_304_and_gzip() {
    let first = get("/api/dyad?a=USA&b=MAR&by=month").await;
    assert_eq!(first.status, 200);
    let tag = etag(&first);
    assert_eq!(first.headers[header::CACHE_CONTROL], "no-cache");
    // The same query written otherwise: defaults spelt out, empty values, another order.
    for uri in [
        "/api/dyad?a=USA&b=MAR",
        "/api/dyad?b=MAR&a=USA&by=month&count=events&format=json",
        "/api/dyad?a=USA&b=MAR&from=&to=&exact=false&historical=false",
    ] {
        let again = get(uri).await;
        assert_eq!(again.body, first.body, "{uri}");
        assert_eq!(etag(&again), tag, "{uri}");
    }
    // Another query, another tag.
    let other = get("/api/dyad?a=USA&b=MAR&by=year").await;
    assert_ne!(etag(&other), tag);
    let csv = get("/api/dyad?a=USA&b=MAR&format=csv").await;
    assert_ne!(etag(&csv), tag);
    assert!(csv.content_type.starts_with("text/csv"));
    assert!(
        csv.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("dyad-series.csv")
    );

    // If-None-Match with the current tag: 304, no body.
    let state = common::STATE.clone();
    let not_modified = send_to(
        &state,
        get_with(
            "/api/dyad?a=USA&b=MAR",
            &[(header::IF_NONE_MATCH, tag.as_str())],
        ),
    )
    .await;
    assert_eq!(not_modified.status, 304);
    assert!(not_modified.body.is_empty());
    assert_eq!(etag(&not_modified), tag);
    let stale = send_to(
        &state,
        get_with(
            "/api/dyad?a=USA&b=MAR",
            &[(header::IF_NONE_MATCH, "\"0000\"")],
        ),
    )
    .await;
    assert_eq!(stale.status, 200);
    assert_eq!(stale.body, first.body);

    // gzip when accepted: the same bytes once decompressed.
    let zipped = send_to(
        &state,
        get_with(
            "/api/dyad?a=USA&b=MAR",
            &[(header::ACCEPT_ENCODING, "gzip, deflate")],
        ),
    )
    .await;
    assert_eq!(zipped.status, 200);
    assert_eq!(zipped.headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(etag(&zipped), tag);
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&zipped.body[..])
        .read_to_end(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, first.body);
    assert!(zipped.body.len() < first.body.len());
}

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

fn total(series: &serde_json::Value) -> u64 {
    series["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["a_to_b"]["count"].as_u64().unwrap() + p["b_to_a"]["count"].as_u64().unwrap())
        .sum()
}

#[tokio::test]
async fn an_ingest_beside_the_server_is_visible_on_the_next_request() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dyad.db");
    let (early, late): (Vec<_>, Vec<_>) = examples()
        .into_iter()
        .enumerate()
        .partition(|(i, _)| i % 2 == 0);
    let early: Vec<PathBuf> = early.into_iter().map(|(_, p)| p).collect();
    let late: Vec<PathBuf> = late.into_iter().map(|(_, p)| p).collect();
    {
        let mut store = Store::open(&db).unwrap();
        ingest(&mut store, &early, &IngestOptions::default(), &NoProgress).unwrap();
    }
    let coder = dyad_coder::Coder::builder().build().unwrap();
    let state = AppState::with_store(coder, StorePool::open(&db).unwrap(), ServeConfig::default());
    let uri = "/api/dyad?a=USA&b=MAR&by=year";
    let before = send_to(&state, Request::get(uri).body(Body::empty()).unwrap()).await;
    assert_eq!(before.status, 200);
    let again = send_to(&state, Request::get(uri).body(Body::empty()).unwrap()).await;
    assert_eq!(again.body, before.body);
    let stats = state.cache().stats();
    assert_eq!((stats.hits, stats.entries), (1, 1), "{stats:?}");

    // Another connection — an ingest run beside the server — adds the other articles.
    {
        let mut writer = Store::open(&db).unwrap();
        ingest(&mut writer, &late, &IngestOptions::default(), &NoProgress).unwrap();
    }
    let after = send_to(&state, Request::get(uri).body(Body::empty()).unwrap()).await;
    assert_eq!(after.status, 200);
    let expected = Store::open_read_only(&db)
        .unwrap()
        .dyad_series(&DyadQuery {
            period: Period::Year,
            ..DyadQuery::new("USA", "MAR")
        })
        .unwrap();
    let expected: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&expected).unwrap()).unwrap();
    assert_eq!(
        after.json(),
        expected,
        "the answer is the store's, after the ingest"
    );
    assert!(
        total(&after.json()) > total(&before.json()),
        "the late articles add USA–MAR events"
    );
    assert_ne!(etag(&after), etag(&before));
    assert_eq!(state.cache().stats().invalidations, 1);
    // A client holding the old tag gets the new answer, not a 304.
    let revalidated = send_to(
        &state,
        get_with(uri, &[(header::IF_NONE_MATCH, etag(&before).as_str())]),
    )
    .await;
    assert_eq!(revalidated.status, 200);
    assert_eq!(revalidated.body, after.body);
}

#[tokio::test]
async fn without_a_cache_answers_are_the_same() {
    let state = common::state_with(ServeConfig {
        cache_bytes: 0,
        ..ServeConfig::default()
    });
    for uri in [
        "/api/dyad?a=USA&b=MAR",
        "/api/dyad?a=USA&b=MAR&format=svg&count=clusters",
    ] {
        let cached = get(uri).await;
        let fresh = send_to(&state, Request::get(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(fresh.body, cached.body, "{uri}");
        assert_eq!(etag(&fresh), etag(&cached), "{uri}");
    }
    assert_eq!(state.cache().stats().entries, 0);
}
