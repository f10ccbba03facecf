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
pub mod cache;
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
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::sync::Semaphore;
use tower_http::compression::CompressionLayer;
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

/// How much longer than the request timeout a request may run in all before the server
/// answers 503 itself: the handlers' own timeouts (blocking work, request bodies) come first.
const TIMEOUT_GRACE: Duration = Duration::from_secs(1);

/// The router of the API and the page.
pub fn router(state: AppState) -> Router {
    let body_limit = state.config().max_body_bytes;
    let request_limit = state.config().request_timeout + TIMEOUT_GRACE;
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
        // gzip for clients that accept it (series compress themselves, once, in their cache).
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            request_limit,
            limit_request_time,
        ))
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

/// Answers 503 (and closes the connection) when a request takes longer than `limit` in all.
async fn limit_request_time(
    State(limit): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let mut response = state::timeout_error(limit).into_response();
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            response
        }
    }
}

/// The default largest request head: long query strings fit, header floods do not.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;

/// The limits of the connection loop of [`serve_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// A connection that has not sent a whole request head within this time — a slow client,
    /// or an idle kept-alive one — is closed.
    pub header_timeout: Duration,
    /// Connections served at once; more wait in the listen queue.
    pub max_connections: usize,
    /// The largest request head (request line and headers), in bytes: a larger one is
    /// answered 431 and its connection closed.
    pub max_head_bytes: usize,
    /// After shutdown is asked, the longest the requests in flight are waited for.
    pub shutdown_grace: Duration,
}

impl ConnectionLimits {
    /// The connection limits of `config`: its request timeout bounds header reading and the
    /// graceful shutdown.
    pub fn of(config: &ServeConfig) -> ConnectionLimits {
        ConnectionLimits {
            header_timeout: config.request_timeout,
            max_connections: config.max_connections.max(1),
            max_head_bytes: MAX_HEAD_BYTES,
            shutdown_grace: config.request_timeout + TIMEOUT_GRACE,
        }
    }
}

impl Default for ConnectionLimits {
    fn default() -> ConnectionLimits {
        ConnectionLimits::of(&ServeConfig::default())
    }
}

/// Serves `router` on `listener` with the default [`ConnectionLimits`] until `shutdown`
/// completes, then finishes the requests in flight (graceful shutdown).
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    serve_with(listener, router, ConnectionLimits::default(), shutdown).await
}

/// Serves `router` on `listener` (HTTP/1.1) until `shutdown` completes, then finishes the
/// requests in flight, waiting at most [`ConnectionLimits::shutdown_grace`]. Clients that send
/// their request head too slowly are cut off after [`ConnectionLimits::header_timeout`].
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_header_size(limits.max_head_bytes);
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    tracing::warn!(%err, "accepting a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = TowerToHyperService::new(router.clone());
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(%remote, %err, "connection ended with an error");
            }
            drop(slot);
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            "some connections were still busy {} ms after shutdown was asked",
            limits.shutdown_grace.as_millis()
        );
    }
    Ok(())
}
