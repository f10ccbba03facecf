//! Errors of the PostgreSQL store.

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong with the PostgreSQL store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// PostgreSQL reported an error (the message names the statement's purpose).
    #[error("PostgreSQL {database}: {what}: {}", describe(.source))]
    Postgres {
        /// The database (URL without its password).
        database: String,
        /// What the store was doing.
        what: &'static str,
        /// The driver's error.
        source: postgres::Error,
    },
    /// No connection could be taken from the pool.
    #[error("PostgreSQL {database}: cannot connect: {source}")]
    Pool {
        /// The database (URL without its password).
        database: String,
        /// The pool's error.
        source: r2d2_postgres::r2d2::Error,
    },
    /// The connection URL could not be read.
    #[error("PostgreSQL URL {url}: {source}")]
    Url {
        /// The URL (without its password).
        url: String,
        /// The driver's parse error.
        source: postgres::Error,
    },
    /// The query asks for something this backend does not compute yet.
    #[error("PostgreSQL {database}: {what} is not supported by the PostgreSQL store yet")]
    Unsupported {
        /// The database.
        database: String,
        /// What was asked.
        what: &'static str,
    },
    /// The database holds a `dyad_schema` table of another application.
    #[error("PostgreSQL {database}: not a dyad store (dyad_schema says {found:?})")]
    NotADyadStore {
        /// The database.
        database: String,
        /// The application name found.
        found: String,
    },
    /// The store was written by a newer dyad.
    #[error(
        "PostgreSQL {database}: store schema version {found} is newer than this dyad understands ({supported}); upgrade dyad"
    )]
    TooNew {
        /// The database.
        database: String,
        /// The store's schema version.
        found: i64,
        /// The newest version this build reads.
        supported: i64,
    },
    /// A stored event record is not valid JSON.
    #[error("PostgreSQL {database}: stored event {seq} is not a valid record: {source}")]
    Record {
        /// The database.
        database: String,
        /// The event's sequence number.
        seq: i64,
        /// The JSON error.
        source: serde_json::Error,
    },
}

/// The driver's error with the server's message, detail and SQLSTATE when the server sent
/// one (the driver's own `Display` says only "db error").
fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut s = format!(
                "{}: {} (SQLSTATE {})",
                db.severity(),
                db.message(),
                db.code().code()
            );
            if let Some(detail) = db.detail() {
                s += &format!("; {detail}");
            }
            s
        }
        None => e.to_string(),
    }
}
