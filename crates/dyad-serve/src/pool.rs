//! The store the handlers share (read-only SQLite connections, or a shared PostgreSQL
//! store), and the store's generation (which changes when an ingest beside the server
//! commits).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use dyad_store::{ReadStore, Store};

use crate::error::ApiError;

/// The most idle connections kept.
const MAX_IDLE: usize = 16;

/// How long the generation check waits for a lock (a writer recovering the WAL index): past
/// it the caller reads the store without its cache rather than wait.
const WATCH_BUSY_TIMEOUT: Duration = Duration::from_millis(100);

/// The store the handlers read: a pool of read-only connections to one SQLite store (a
/// handler takes one, or opens one, runs its query and gives it back; SQLite in WAL mode lets
/// readers run in parallel, and each connection keeps its prepared statements), or a shared
/// store with its own connection pool (PostgreSQL, `dyad serve --postgres`).
#[derive(Debug)]
pub struct StorePool {
    backend: Backend,
    watch: Mutex<Watch>,
}

enum Backend {
    Sqlite {
        path: PathBuf,
        idle: Mutex<Vec<Store>>,
        /// The connection that watches for commits.
        watcher: Box<Mutex<Store>>,
    },
    Shared {
        store: Box<dyn ReadStore + Sync>,
        name: String,
    },
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Backend::Sqlite { path, .. } => f.debug_struct("Sqlite").field("path", path).finish(),
            Backend::Shared { name, .. } => f.debug_struct("Shared").field("name", name).finish(),
        }
    }
}

/// The last change token seen, and the generation it gave.
#[derive(Debug)]
struct Watch {
    token: i64,
    generation: u64,
}

impl StorePool {
    /// Opens the SQLite store at `path` read-only (failing now if it cannot be opened).
    pub fn open(path: impl AsRef<Path>) -> dyad_store::Result<StorePool> {
        let path = path.as_ref().to_path_buf();
        let first = Store::open_read_only(&path)?;
        let watcher = Store::open_read_only(&path)?;
        watcher.set_busy_timeout(WATCH_BUSY_TIMEOUT)?;
        let token = watcher.data_version()?;
        Ok(StorePool {
            backend: Backend::Sqlite {
                path,
                idle: Mutex::new(vec![first]),
                watcher: Box::new(Mutex::new(watcher)),
            },
            watch: Mutex::new(Watch {
                token,
                generation: 0,
            }),
        })
    }

    /// Serves a store that pools its own connections and may be used from many threads at
    /// once (the PostgreSQL store of `dyad-pg`); `name` says which, for logs.
    pub fn shared(
        store: impl ReadStore + Sync + 'static,
        name: impl Into<String>,
    ) -> dyad_store::Result<StorePool> {
        let token = store.change_token()?;
        Ok(StorePool {
            backend: Backend::Shared {
                store: Box::new(store),
                name: name.into(),
            },
            watch: Mutex::new(Watch {
                token,
                generation: 0,
            }),
        })
    }

    /// What the server reads: the SQLite store's path, or the shared store's name.
    pub fn describe(&self) -> String {
        match &self.backend {
            Backend::Sqlite { path, .. } => path.display().to_string(),
            Backend::Shared { name, .. } => name.clone(),
        }
    }

    /// The store's generation: a number that grows whenever another connection (an ingest,
    /// a recode, a worker) has committed to the store since the last call. Anything computed
    /// from the store under one generation is still true while the generation is the same.
    /// Cheap (a mutex and `PRAGMA data_version`, or three index lookups on PostgreSQL); an
    /// error means "unknown", and callers then read the store afresh.
    pub fn generation(&self) -> Result<u64, ApiError> {
        let token = match &self.backend {
            Backend::Sqlite { watcher, .. } => watcher
                .lock()
                .map_err(|_| ApiError::internal("the store watcher panicked"))?
                .data_version(),
            Backend::Shared { store, .. } => store.change_token(),
        }
        .map_err(|e| ApiError::internal(format!("checking the store for changes: {e}")))?;
        let mut watch = self
            .watch
            .lock()
            .map_err(|_| ApiError::internal("the store watcher panicked"))?;
        if token != watch.token {
            watch.token = token;
            watch.generation += 1;
        }
        Ok(watch.generation)
    }

    /// Whether [`StorePool::generation`] may be called on an async worker: true for SQLite
    /// (a mutex and a pragma); false for a shared store, whose check is a blocking network
    /// round trip (call it through `spawn_blocking`).
    pub fn generation_is_cheap(&self) -> bool {
        matches!(self.backend, Backend::Sqlite { .. })
    }

    /// Runs `query` on the store (blocking: call it off the async workers).
    pub fn with<T>(
        &self,
        query: impl FnOnce(&dyn ReadStore) -> dyad_store::Result<T>,
    ) -> Result<T, ApiError> {
        let internal = |e: dyad_store::Error| ApiError::internal(format!("store query: {e}"));
        let (path, idle) = match &self.backend {
            Backend::Shared { store, .. } => return query(store.as_ref()).map_err(internal),
            Backend::Sqlite { path, idle, .. } => (path, idle),
        };
        let taken = idle.lock().map_or(None, |mut idle| idle.pop());
        let store = match taken {
            Some(store) => store,
            None => Store::open_read_only(path)
                .map_err(|e| ApiError::internal(format!("opening the store: {e}")))?,
        };
        let result = query(&store).map_err(internal);
        if let Ok(mut idle) = idle.lock()
            && idle.len() < MAX_IDLE
        {
            idle.push(store);
        }
        result
    }
}
