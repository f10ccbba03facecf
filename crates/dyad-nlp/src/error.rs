//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong while reading corpora, loading models or training.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A corpus file could not be read.
    #[error("{path}: {source}", path = path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A corpus line is malformed.
    #[error("{path}:{line}: {message}", path = path.display())]
    Syntax {
        /// The file (or a pseudo-path such as `<memory>`).
        path: PathBuf,
        /// The 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The bytes are not a dyad-nlp model file.
    #[error("model: not a dyad-nlp model file (bad magic bytes)")]
    BadMagic,
    /// The model file was written by another version of the format.
    #[error(
        "model: format version {found}, but this build reads version {expected}; \
         regenerate it with `cargo run --release -p dyad-nlp --bin train`"
    )]
    FormatVersion {
        /// The version found in the file.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The model file's checksum does not match its content.
    #[error(
        "model: checksum mismatch (stored {stored:08x}, computed {computed:08x}): the file is corrupt"
    )]
    Checksum {
        /// The checksum stored in the file.
        stored: u32,
        /// The checksum of the bytes read.
        computed: u32,
    },
    /// The model file is truncated or its content is inconsistent.
    #[error("model: malformed at byte {offset}: {message}")]
    Malformed {
        /// Byte offset in the payload.
        offset: usize,
        /// What is wrong.
        message: String,
    },
    /// Training could not proceed (e.g. an empty corpus).
    #[error("training: {0}")]
    Training(String),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
