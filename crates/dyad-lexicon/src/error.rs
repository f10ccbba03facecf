//! Errors of the lexicon crate.
//!
//! Like ripgrep's `ignore` crate, errors say *where*: a loader wraps a syntax error
//! [`Error::WithLineNumber`] and then [`Error::WithPath`], so a bad line in a 50,000-line
//! dictionary prints as `Phoenix.agents.txt:544: bad agent code "[~ENV}"`. Soft errors (one bad
//! line) are collected in a [`Loaded`] value while the rest of the file loads.

use std::fmt;
use std::path::PathBuf;

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// An error from loading or compiling a dictionary.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// An error in a named file.
    #[error("{}: {err}", path.display())]
    WithPath {
        /// The file.
        path: PathBuf,
        /// The error.
        err: Box<Error>,
    },
    /// An error at a line (1-based) of the input.
    #[error("line {line}: {err}")]
    WithLineNumber {
        /// The line, counting from 1.
        line: u64,
        /// The error.
        err: Box<Error>,
    },
    /// A line that does not follow the dictionary syntax.
    #[error("{0}")]
    Syntax(String),
    /// A malformed actor, agent or event code.
    #[error("bad {kind} code {text:?}: {why}")]
    BadCode {
        /// Which kind of code ("actor", "event", "agent").
        kind: &'static str,
        /// The text as written.
        text: String,
        /// What is wrong with it.
        why: &'static str,
    },
    /// A malformed date in a date restriction.
    #[error("bad date {0:?} (expected YYMMDD or YYYYMMDD)")]
    BadDate(String),
    /// A compiled lexicon file of another format version or with a wrong checksum.
    #[error("compiled lexicon: {0}")]
    Format(String),
    /// Several errors (soft errors collected while loading).
    #[error("{}", display_partial(.0))]
    Partial(Vec<Error>),
}

fn display_partial(errors: &[Error]) -> String {
    let mut out = String::new();
    for (i, e) in errors.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&e.to_string());
    }
    out
}

impl Error {
    /// Wraps this error with a line number.
    pub fn at_line(self, line: u64) -> Error {
        Error::WithLineNumber {
            line,
            err: Box::new(self),
        }
    }

    /// Wraps this error with a file path.
    pub fn in_file(self, path: impl Into<PathBuf>) -> Error {
        Error::WithPath {
            path: path.into(),
            err: Box::new(self),
        }
    }

    /// The line number this error points to, if any.
    pub fn line(&self) -> Option<u64> {
        match self {
            Error::WithLineNumber { line, .. } => Some(*line),
            Error::WithPath { err, .. } => err.line(),
            _ => None,
        }
    }

    pub(crate) fn syntax(message: impl fmt::Display) -> Error {
        Error::Syntax(message.to_string())
    }
}

/// A loaded value together with the soft errors met on the way (lines that were skipped).
#[derive(Debug)]
pub struct Loaded<T> {
    /// What loaded.
    pub value: T,
    /// Lines that could not be used, each with its line number (and path when known).
    pub errors: Vec<Error>,
}

impl<T> Loaded<T> {
    /// Turns soft errors into a hard one ([`Error::Partial`]) when there are any.
    pub fn strict(self) -> Result<T> {
        if self.errors.is_empty() {
            Ok(self.value)
        } else {
            Err(Error::Partial(self.errors))
        }
    }

    /// Wraps every soft error with `path`.
    pub fn in_file(mut self, path: impl Into<PathBuf>) -> Loaded<T> {
        let path = path.into();
        self.errors = self
            .errors
            .into_iter()
            .map(|e| e.in_file(path.clone()))
            .collect();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_file_and_line() {
        let e = Error::syntax("unclosed '['")
            .at_line(12)
            .in_file("Phoenix.agents.txt");
        assert_eq!(e.to_string(), "Phoenix.agents.txt: line 12: unclosed '['");
        assert_eq!(e.line(), Some(12));
    }
}
