//! Errors of the gazetteer, its generator and the gold-file evaluation.

use std::path::PathBuf;

/// A `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong loading or building a gazetteer, or reading a gold file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file does not start with the gazetteer magic bytes: it is not a dyad gazetteer.
    #[error("not a dyad gazetteer file (bad magic bytes)")]
    BadMagic,
    /// The file was written by another version of the format; regenerate it.
    #[error(
        "gazetteer format version {found}, this dyad reads version {expected}; regenerate it with \
         `cargo run --release -p dyad-geo --bin build-gazetteer`"
    )]
    UnsupportedVersion {
        /// The version the file declares.
        found: u32,
        /// The version this code reads.
        expected: u32,
    },
    /// The payload's checksum does not match: the file is damaged or truncated.
    #[error(
        "gazetteer checksum mismatch (stored {stored:08x}, computed {computed:08x}): the file is damaged"
    )]
    Checksum {
        /// The checksum stored in the header.
        stored: u32,
        /// The checksum of the payload as read.
        computed: u32,
    },
    /// The payload is well-checksummed but its structure is inconsistent.
    #[error("gazetteer payload is malformed: {0}")]
    Malformed(String),
    /// An I/O error, with the file it concerns.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A source or gold file could not be parsed; `line` is 1-based when known.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Parse {
        /// The file.
        path: PathBuf,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn parse(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Error {
        Error::Parse {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}
