//! The dyad HTTP API and web page, behind `dyad serve`.
//!
//! [`router`] builds the axum [`Router`]: a JSON API over the store (dyad series, events, one
//! event with its sentence and sibling reports, actor autocomplete, stats), `POST /api/code`
//! (codes pasted text without storing it), `GET /api/openapi.json` (an OpenAPI 3 description,
//! kept true by a test), and the web page with its embedded assets. [`serve`] runs it with
//! graceful shutdown. Handlers only parse parameters and call `dyad-store`'s query API and
//! `dyad-coder`; [`chart`] draws the SVG timelines.
//!
//! Errors are JSON (`{"status": 400, "message": "…"}`, [`ApiError`]); request bodies, page
//! sizes, series lengths and request time are limited ([`ServeConfig`]).
//!
//! ```no_run
//! # async fn run() -> dyad_serve::Result<()> {
//! let coder = dyad_coder::Coder::builder().build()?;
//! let state = dyad_serve::AppState::new(coder, dyad_serve::ServeConfig::default());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! dyad_serve::serve(listener, dyad_serve::router(state), std::future::pending()).await?;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

pub mod actors;
pub mod assets;
pub mod chart;
pub mod code;
pub mod error;
pub mod events;
pub mod extract;
pub mod openapi;
pub mod params;
pub mod pool;
pub mod series;
pub mod state;
pub mod stats;

use std::future::Future;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{Method, StatusCode, Uri};
use axum::routing::{get, post};
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use error::{ApiError, Error, Result};
pub use pool::StorePool;
pub use state::{AppState, ServeConfig};

/// Every route of the API: method and path (axum syntax). `openapi.json` documents exactly
/// these (a test checks it).
pub const API_ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/dyad"),
    ("GET", "/api/events"),
    ("GET", "/api/events/{id}"),
    ("GET", "/api/actors"),
    ("GET", "/api/stats"),
    ("POST", "/api/code"),
    ("GET", "/api/openapi.json"),
];

/// The router of the API and the page.
pub fn router(state: AppState) -> Router {
    let body_limit = state.config().max_body_bytes;
    Router::new()
        .route("/", get(assets::index))
        .route("/assets/{file}", get(assets::file))
        .route("/api/dyad", get(series::dyad))
        .route("/api/events", get(events::events))
        .route("/api/events/{id}", get(events::event))
        .route("/api/actors", get(actors::actors))
        .route("/api/stats", get(stats::stats))
        .route("/api/code", post(code::code))
        .route("/api/openapi.json", get(openapi::openapi))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(format!("no such path: {}", uri.path()))
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {}", uri.path()),
    )
}

/// Serves `router` on `listener` until `shutdown` completes, then finishes the requests in
/// flight (graceful shutdown).
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}
