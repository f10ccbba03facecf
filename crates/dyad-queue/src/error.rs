//! Errors of the work queue.

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong submitting or working.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// NATS or JetStream reported an error.
    #[error("NATS: {what}: {source}")]
    Nats {
        /// What was being done.
        what: &'static str,
        /// The client's error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A stream name NATS would refuse.
    #[error("stream name {0:?}: use letters, digits, '-' and '_' only")]
    StreamName(String),
    /// A document is larger than the server accepts in one message.
    #[error(
        "document {doc_id} ({path}): {size} bytes as JSON, more than the NATS server's max_payload of {max} bytes (raise max_payload, or cut documents with --max-document-bytes)"
    )]
    TooLarge {
        /// The document's id.
        doc_id: String,
        /// Its input path.
        path: String,
        /// Its size as JSON.
        size: usize,
        /// The server's limit.
        max: usize,
    },
    /// The shared store failed.
    #[error(transparent)]
    Store(#[from] dyad_pg::Error),
    /// The event coder could not be built.
    #[error("building the event coder: {0}")]
    Coder(#[from] dyad_coder::Error),
    /// The coding threads could not be started.
    #[error("starting {threads} coding threads: {message}")]
    Threads {
        /// Threads asked for.
        threads: usize,
        /// Why not.
        message: String,
    },
    /// The metrics endpoint could not listen.
    #[error("metrics endpoint {addr}: {source}")]
    Metrics {
        /// The address.
        addr: std::net::SocketAddr,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The phase log (`WorkerOptions::phase_log`) could not be opened.
    #[error("{}: cannot open the phase log: {source}", path.display())]
    PhaseLog {
        /// The file.
        path: std::path::PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A coding or writing task panicked or was cancelled.
    #[error("worker task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl Error {
    /// Wraps a NATS client error.
    pub(crate) fn nats(what: &'static str) -> impl Fn(async_nats::Error) -> Error {
        move |source| Error::Nats { what, source }
    }
}

/// Converts any NATS error kind into the boxed error [`Error::Nats`] holds.
pub(crate) fn boxed<E: std::error::Error + Send + Sync + 'static>(e: E) -> async_nats::Error {
    Box::new(e)
}
