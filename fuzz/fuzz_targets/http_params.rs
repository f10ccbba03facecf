//! The HTTP API's query-parameter parsing (`dyad-serve`: the `ApiQuery` extractor and the
//! checks of `params.rs` and of each handler) on arbitrary query strings, through the real
//! router over a real (empty) store. The first byte picks the endpoint, the rest is the query
//! string (or the event id). Whatever a client sends, the answer is a success or a JSON error
//! with a message — a 4xx, never a 500 — and a refused parameter never reaches the store.
#![no_main]

use std::sync::LazyLock;

use axum::body::Body;
use axum::http::{Request, StatusCode, Uri};
use dyad_serve::{AppState, ServeConfig, StorePool, params};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

struct Server {
    runtime: tokio::runtime::Runtime,
    state: AppState,
}

static SERVER: LazyLock<Server> = LazyLock::new(|| {
    let db = std::env::temp_dir().join(format!("dyad-fuzz-http-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    drop(dyad_store::Store::open(&db).expect("a new store"));
    let pool = StorePool::open(&db).expect("the store opens read-only");
    let coder = dyad_coder::Coder::builder()
        .build()
        .expect("the shipped coder builds");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    Server {
        runtime,
        state: AppState::with_store(coder, pool, ServeConfig::default()),
    }
});

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(query) = std::str::from_utf8(rest) else {
        return;
    };
    // The parameter checks on their own: a range that is accepted is in order.
    let mut halves = query.splitn(2, '&');
    let (from, to) = (halves.next(), halves.next());
    if let Ok((Some(f), Some(t))) = params::range(from, to) {
        assert!(f <= t);
    }
    if let Ok(code) = params::actor_code("a", query) {
        assert_eq!(code, query);
    }
    let uri = match selector % 5 {
        0 => format!("/api/dyad?{query}"),
        1 => format!("/api/events?{query}"),
        2 => format!("/api/actors?{query}"),
        3 => format!("/api/events/{query}"),
        _ => format!("/api/stats?{query}"),
    };
    // What an HTTP server would refuse before routing never reaches the handlers.
    let Ok(uri) = uri.parse::<Uri>() else { return };
    let server = &*SERVER;
    let (status, body) = server.runtime.block_on(async {
        let request = Request::get(uri).body(Body::empty()).expect("a request");
        let response = dyad_serve::router(server.state.clone())
            .oneshot(request)
            .await
            .expect("the router answers");
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a body");
        (status, body)
    });
    assert!(
        status.is_success() || status.is_client_error(),
        "{status} for {query:?}: {}",
        String::from_utf8_lossy(&body)
    );
    if status.is_client_error() {
        let v: serde_json::Value = serde_json::from_slice(&body).expect("a JSON error");
        assert_eq!(v["status"], status.as_u16());
        assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR);
    }
});
