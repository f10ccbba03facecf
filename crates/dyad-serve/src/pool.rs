//! Read-only store connections shared by the handlers, and the store's generation (which
//! changes when an ingest beside the server commits).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use dyad_store::Store;

use crate::error::ApiError;

/// The most idle connections kept.
const MAX_IDLE: usize = 16;

/// How long the generation check waits for a lock (a writer recovering the WAL index): past
/// it the caller reads the store without its cache rather than wait.
const WATCH_BUSY_TIMEOUT: Duration = Duration::from_millis(100);

/// A pool of read-only connections to one store: a handler takes one (or opens one), runs its
/// query and gives it back. SQLite in WAL mode lets readers run in parallel. Each connection
/// keeps its prepared statements (`dyad-store` caches them per connection).
#[derive(Debug)]
pub struct StorePool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    watch: Mutex<Watch>,
}

/// The connection that watches for commits, with the last version it saw.
#[derive(Debug)]
struct Watch {
    store: Store,
    data_version: i64,
    generation: u64,
}

impl StorePool {
    /// Opens the store at `path` read-only (failing now if it cannot be opened).
    pub fn open(path: impl AsRef<Path>) -> dyad_store::Result<StorePool> {
        let path = path.as_ref().to_path_buf();
        let first = Store::open_read_only(&path)?;
        let store = Store::open_read_only(&path)?;
        store.set_busy_timeout(WATCH_BUSY_TIMEOUT)?;
        let data_version = store.data_version()?;
        Ok(StorePool {
            path,
            idle: Mutex::new(vec![first]),
            watch: Mutex::new(Watch {
                store,
                data_version,
                generation: 0,
            }),
        })
    }

    /// The store's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The store's generation: a number that grows whenever another connection (an ingest,
    /// a recode) has committed to the store since the last call. Anything computed from the
    /// store under one generation is still true while the generation is the same. Cheap (a
    /// mutex and `PRAGMA data_version`); an error means "unknown", and callers then read the
    /// store afresh.
    pub fn generation(&self) -> Result<u64, ApiError> {
        let mut watch = self
            .watch
            .lock()
            .map_err(|_| ApiError::internal("the store watcher panicked"))?;
        let version = watch
            .store
            .data_version()
            .map_err(|e| ApiError::internal(format!("checking the store for changes: {e}")))?;
        if version != watch.data_version {
            watch.data_version = version;
            watch.generation += 1;
        }
        Ok(watch.generation)
    }

    /// Runs `query` on a connection of the pool (blocking: call it off the async workers).
    pub fn with<T>(
        &self,
        query: impl FnOnce(&Store) -> dyad_store::Result<T>,
    ) -> Result<T, ApiError> {
        let taken = self.idle.lock().map_or(None, |mut idle| idle.pop());
        let store = match taken {
            Some(store) => store,
            None => Store::open_read_only(&self.path)
                .map_err(|e| ApiError::internal(format!("opening the store: {e}")))?,
        };
        let result = query(&store).map_err(|e| ApiError::internal(format!("store query: {e}")));
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < MAX_IDLE
        {
            idle.push(store);
        }
        result
    }
}
