//! What every handler shares: the coder, the store, the limits.

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use dyad_coder::Coder;
use tokio::sync::Semaphore;

use crate::error::ApiError;
use crate::pool::StorePool;

/// The server's limits.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The longest a request may take before it is answered 503.
    pub request_timeout: Duration,
    /// The largest request body (`POST /api/code`), in bytes.
    pub max_body_bytes: usize,
    /// The largest page of `GET /api/events` (and the default when `limit` is absent is
    /// [`ServeConfig::default_page`]).
    pub max_page: usize,
    /// The page size when `limit` is not given.
    pub default_page: usize,
    /// The most periods a series may have (a day series over 30 years is refused).
    pub max_periods: usize,
    /// How many pasted articles are coded at once (the others wait, within the timeout).
    pub coding_slots: usize,
}

impl Default for ServeConfig {
    fn default() -> ServeConfig {
        ServeConfig {
            request_timeout: Duration::from_secs(10),
            max_body_bytes: 256 * 1024,
            max_page: 200,
            default_page: 50,
            max_periods: 5000,
            coding_slots: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

/// The state shared by the handlers (cheap to clone: an `Arc` inside).
#[derive(Debug, Clone)]
pub struct AppState {
    pub(crate) inner: Arc<Inner>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) coder: Coder,
    pub(crate) store: Option<StorePool>,
    pub(crate) config: ServeConfig,
    pub(crate) coding: Arc<Semaphore>,
}

impl AppState {
    /// The state of a server with `coder` and `config` and no store (the store endpoints
    /// answer 503 until [`AppState::with_store`]).
    pub fn new(coder: Coder, config: ServeConfig) -> AppState {
        let coding = Arc::new(Semaphore::new(config.coding_slots.max(1)));
        AppState {
            inner: Arc::new(Inner {
                coder,
                store: None,
                config,
                coding,
            }),
        }
    }

    /// The state of a server over the store of `pool`.
    pub fn with_store(coder: Coder, pool: StorePool, config: ServeConfig) -> AppState {
        let coding = Arc::new(Semaphore::new(config.coding_slots.max(1)));
        AppState {
            inner: Arc::new(Inner {
                coder,
                store: Some(pool),
                config,
                coding,
            }),
        }
    }

    /// The store, or a 503 saying the server has none.
    pub(crate) fn store(&self) -> Result<&StorePool, ApiError> {
        self.inner.store.as_ref().ok_or_else(|| {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "this server has no store (start it with dyad serve --db PATH)",
            )
        })
    }

    /// The limits.
    pub fn config(&self) -> &ServeConfig {
        &self.inner.config
    }

    /// The coder.
    pub fn coder(&self) -> &Coder {
        &self.inner.coder
    }

    /// Runs blocking work (coding, store queries) off the async workers, within the request
    /// timeout: past it the client gets a 503 saying so.
    pub(crate) async fn run_blocking<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&AppState) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let state = self.clone();
        let task = tokio::task::spawn_blocking(move || work(&state));
        match tokio::time::timeout(self.inner.config.request_timeout, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(join)) => Err(ApiError::internal(format!("the worker failed: {join}"))),
            Err(_) => Err(timeout_error(self.inner.config.request_timeout)),
        }
    }
}

/// The 503 of a request that took longer than the timeout.
pub(crate) fn timeout_error(limit: Duration) -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!("the request took longer than {} ms", limit.as_millis()),
    )
}
