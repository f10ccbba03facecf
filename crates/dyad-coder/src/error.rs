//! Errors of the event coder.

/// An error of the event coder.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A row of the generated CAMEO table cannot be read.
    #[error("CAMEO table line {line}: {why}")]
    Table {
        /// 1-based line.
        line: usize,
        /// What is wrong.
        why: String,
    },
    /// A row of a source file of the CAMEO table cannot be read.
    #[error("{file}:{line}: {why}")]
    Source {
        /// The file name.
        file: String,
        /// 1-based line (0 when unknown).
        line: usize,
        /// What is wrong.
        why: String,
    },
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// Lines of a gold or system events file are bad (each problem names its file and line).
    #[error("{problems}")]
    GoldFile {
        /// One `file:line: why` per bad line.
        problems: String,
    },
    /// The NLP model could not be loaded.
    #[error("NLP model: {0}")]
    Nlp(#[from] dyad_nlp::Error),
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
