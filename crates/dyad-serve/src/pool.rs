//! Read-only store connections shared by the handlers.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use dyad_store::Store;

use crate::error::ApiError;

/// The most idle connections kept.
const MAX_IDLE: usize = 16;

/// A pool of read-only connections to one store: a handler takes one (or opens one), runs its
/// query and gives it back. SQLite in WAL mode lets readers run in parallel.
#[derive(Debug)]
pub struct StorePool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl StorePool {
    /// Opens the store at `path` read-only (failing now if it cannot be opened).
    pub fn open(path: impl AsRef<Path>) -> dyad_store::Result<StorePool> {
        let path = path.as_ref().to_path_buf();
        let first = Store::open_read_only(&path)?;
        Ok(StorePool {
            path,
            idle: Mutex::new(vec![first]),
        })
    }

    /// The store's path.
    pub fn path(&self) -> &Path {
        &self.path
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
