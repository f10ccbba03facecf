//! Errors of the store.

use std::path::PathBuf;

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong with a store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// SQLite reported an error.
    #[error("{path}: {source}")]
    Sqlite {
        /// The store's path.
        path: PathBuf,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// The file is an SQLite database, but not a dyad store.
    #[error("{path}: not a dyad store (SQLite application id {found:#x})")]
    NotADyadStore {
        /// The file's path.
        path: PathBuf,
        /// The application id found.
        found: i32,
    },
    /// The store was written by a newer dyad.
    #[error(
        "{path}: store schema version {found} is newer than this dyad understands ({supported}); upgrade dyad"
    )]
    TooNew {
        /// The store's path.
        path: PathBuf,
        /// The store's schema version.
        found: i64,
        /// The newest version this build reads.
        supported: i64,
    },
    /// A read-only open found a store that needs migrating first.
    #[error(
        "{path}: store schema version {found} is older than this dyad's ({current}); open it once for writing (e.g. `dyad ingest`) to migrate it"
    )]
    NeedsMigration {
        /// The store's path.
        path: PathBuf,
        /// The store's schema version.
        found: i64,
        /// This build's version.
        current: i64,
    },
    /// The event coder could not be built.
    #[error("building the event coder: {0}")]
    Coder(#[from] dyad_coder::Error),
    /// Another backend (PostgreSQL) failed behind [`crate::ReadStore`].
    #[error("{backend}: {source}")]
    Backend {
        /// The backend's name and database (passwords left out).
        backend: String,
        /// Its error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// SQLite's integrity check found problems.
    #[error("{path}: integrity check failed: {problems}")]
    Integrity {
        /// The store's path.
        path: PathBuf,
        /// What `PRAGMA integrity_check` reported.
        problems: String,
    },
}
