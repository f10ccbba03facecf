//! What every handler shares: the coder, the store, the limits.

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use dyad_coder::Coder;
use tokio::sync::Semaphore;

use crate::cache::ResponseCache;
use crate::error::{ApiError, Error};
use crate::pool::StorePool;

/// The server's limits.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The longest a request may take: work past it is answered 503, a request body not
    /// received within it 408, and a connection that has not sent a whole request head within
    /// it (a slow or idle client) is closed.
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
    /// Bytes of rendered `/api/dyad` responses kept for reuse while the store is unchanged
    /// (0: no cache).
    pub cache_bytes: usize,
    /// Connections served at once; more wait to be accepted.
    pub max_connections: usize,
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
            cache_bytes: 64 << 20,
            max_connections: 1024,
        }
    }
}

impl ServeConfig {
    /// Checks the limits, saying which one is wrong and why.
    pub fn validate(&self) -> Result<(), Error> {
        let bad = |what: &str| Err(Error::Config(what.to_string()));
        if self.request_timeout.is_zero() {
            return bad("the request timeout must be more than 0 ms");
        }
        if self.max_body_bytes == 0 {
            return bad("the largest request body must be at least 1 byte");
        }
        if self.max_page == 0 {
            return bad("the largest page must hold at least 1 event");
        }
        if self.default_page == 0 || self.default_page > self.max_page {
            return bad(&format!(
                "the default page size ({}) must be between 1 and the largest page ({})",
                self.default_page, self.max_page
            ));
        }
        if self.max_periods == 0 {
            return bad("a series must be allowed at least 1 period");
        }
        if self.coding_slots == 0 {
            return bad("at least 1 article must be coded at a time");
        }
        if self.max_connections == 0 {
            return bad("at least 1 connection must be served at a time");
        }
        Ok(())
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
    pub(crate) cache: ResponseCache,
}

impl AppState {
    /// The state of a server with `coder` and `config` and no store (the store endpoints
    /// answer 503 until [`AppState::with_store`]).
    pub fn new(coder: Coder, config: ServeConfig) -> AppState {
        AppState::build(coder, None, config)
    }

    /// The state of a server over the store of `pool`.
    pub fn with_store(coder: Coder, pool: StorePool, config: ServeConfig) -> AppState {
        AppState::build(coder, Some(pool), config)
    }

    fn build(coder: Coder, store: Option<StorePool>, config: ServeConfig) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                coder,
                store,
                coding: Arc::new(Semaphore::new(config.coding_slots.max(1))),
                cache: ResponseCache::new(config.cache_bytes),
                config,
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

    /// The response cache of `GET /api/dyad`.
    pub fn cache(&self) -> &ResponseCache {
        &self.inner.cache
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
