//! Errors of the text layer.

use std::path::PathBuf;

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong reading a document. Every variant names the input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The input's path (`-` for standard input).
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The input is binary, not text.
    #[error("{path}: binary file (NUL byte at offset {offset}); not read")]
    Binary {
        /// The input's path.
        path: PathBuf,
        /// Byte offset of the first NUL byte.
        offset: u64,
    },
    /// A JSON article could not be parsed.
    #[error("{path}:{line}: invalid JSON article: {message}")]
    Json {
        /// The input's path.
        path: PathBuf,
        /// The 1-based line where the article starts.
        line: u64,
        /// What the JSON parser said.
        message: String,
    },
    /// A JSON article has no text field.
    #[error("{path}:{line}: article has no text (expected one of the fields {fields})")]
    MissingText {
        /// The input's path.
        path: PathBuf,
        /// The 1-based line where the article starts.
        line: u64,
        /// The accepted field names.
        fields: &'static str,
    },
    /// A JSON Lines line is longer than the document-size limit.
    #[error(
        "{path}:{line}: line of {bytes} bytes exceeds the document-size limit of {limit} bytes; skipped"
    )]
    LineTooLong {
        /// The input's path.
        path: PathBuf,
        /// The 1-based line number.
        line: u64,
        /// The line's length.
        bytes: u64,
        /// The limit in force.
        limit: usize,
    },
    /// The HTML main-text extractor failed.
    #[error("{path}: HTML extraction failed: {message}")]
    Html {
        /// The input's path.
        path: PathBuf,
        /// What the extractor said.
        message: String,
    },
    /// A feed could not be parsed.
    #[error("{path}: invalid RSS/Atom feed: {message}")]
    Feed {
        /// The input's path.
        path: PathBuf,
        /// What the feed parser said.
        message: String,
    },
    /// A WARC record could not be read; records after it are not read.
    #[error("{path}: WARC record {record}: {message}")]
    Warc {
        /// The input's path.
        path: PathBuf,
        /// The 1-based position of the record.
        record: u64,
        /// What went wrong.
        message: String,
    },
    /// An input is larger than a limit allows.
    #[error("{path}: {what} of {bytes} bytes exceeds the limit of {limit} bytes; skipped")]
    TooLarge {
        /// The input's path.
        path: PathBuf,
        /// What was too large ("feed", "WARC record 3", …).
        what: String,
        /// Its size.
        bytes: u64,
        /// The limit in force.
        limit: u64,
    },
    /// An unknown format name was given.
    #[error("unknown input format {0:?} (expected text, jsonl, html, feed or warc)")]
    UnknownFormat(String),
}
