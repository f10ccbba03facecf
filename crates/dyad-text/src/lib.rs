//! Documents and text for dyad (foundation in progress).
#![deny(missing_docs)]

pub mod document;
pub mod fold;
pub mod span;

pub use document::{DocId, Document, Format, Sentence, SentenceKind, Source};
pub use fold::{Folded, fold, nfc};
pub use span::Span;
