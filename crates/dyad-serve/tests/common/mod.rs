//! What the API tests share: one coder-backed state, and requests sent through the router.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use dyad_serve::{AppState, ServeConfig, StorePool};
use dyad_store::Store;
use dyad_store::ingest::{IngestOptions, NoProgress, ingest};
use tower::ServiceExt;

/// The fixture store: the bundled example articles (`examples/news/`), ingested and coded by
/// the real pipeline into a store under the target folder (one per test process).
pub static FIXTURE_DB: LazyLock<PathBuf> = LazyLock::new(|| {
    let db = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("dyad-serve-fixture-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let mut examples: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/news")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    examples.sort();
    let mut store = Store::open(&db).expect("a new store");
    let summary = ingest(
        &mut store,
        &examples,
        &IngestOptions::default(),
        &NoProgress,
    )
    .expect("the examples ingest");
    assert_eq!(summary.counts.documents_added, 36);
    db
});

/// One state over the fixture store for every test of a binary (building the coder takes a
/// while).
pub static STATE: LazyLock<AppState> = LazyLock::new(|| {
    let coder = dyad_coder::Coder::builder()
        .build()
        .expect("the shipped coder builds");
    let pool = StorePool::open(&*FIXTURE_DB).expect("the fixture store opens read-only");
    AppState::with_store(coder, pool, ServeConfig::default())
});

/// A state over the fixture store with `config` (and a coder of its own).
pub fn state_with(config: ServeConfig) -> AppState {
    let coder = dyad_coder::Coder::builder()
        .build()
        .expect("the shipped coder builds");
    let pool = StorePool::open(&*FIXTURE_DB).expect("the fixture store opens read-only");
    AppState::with_store(coder, pool, config)
}

/// The fixture store, opened read-only, for computing what the API should answer.
pub fn fixture_store() -> Store {
    Store::open_read_only(&*FIXTURE_DB).expect("the fixture store opens")
}

/// A response: status, content type and body.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub body: Vec<u8>,
    pub headers: axum::http::HeaderMap,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    /// Asserts a JSON error with `status` whose message contains `needle`.
    pub fn assert_error(&self, status: u16, needle: &str) {
        assert_eq!(
            self.status.as_u16(),
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        let v = self.json();
        assert_eq!(v["status"], status);
        let message = v["message"].as_str().expect("a message");
        assert!(
            message.contains(needle),
            "message {message:?} lacks {needle:?}"
        );
    }
}

/// Sends one request through a fresh router on `state`.
pub async fn send_to(state: &AppState, request: Request<Body>) -> Reply {
    let response = dyad_serve::router(state.clone())
        .oneshot(request)
        .await
        .expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("a body")
        .to_vec();
    Reply {
        status,
        content_type,
        body,
        headers,
    }
}

/// `GET uri` on the shared state.
pub async fn get(uri: &str) -> Reply {
    send_to(&STATE, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// `POST uri` with a JSON body on the shared state.
pub async fn post_json(uri: &str, body: &str) -> Reply {
    send_to(
        &STATE,
        Request::post(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await
}
