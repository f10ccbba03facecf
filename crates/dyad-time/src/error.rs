//! Errors of the crate.

use std::path::PathBuf;

/// What can go wrong loading a gold file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not a valid gold file.
    #[error("{origin}:{line}: {message}")]
    Gold {
        /// The file (or other origin) of the text.
        origin: String,
        /// 1-based line of the problem.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
