//! Documents and text for dyad.
//!
//! This crate is the ground floor of dyad: it reads articles ([`read`]), marks captions and
//! credits ([`clean`]), folds text for matching with a map back to the original ([`fold`]),
//! and splits text into sentences and tokens ([`segment`]). Every sentence and token keeps
//! byte offsets ([`Span`]) into the original, unmodified text.
//!
//! ```
//! use dyad_text::{Segmenter, SentenceKind};
//!
//! let text = "Maj. Gen. Chaâbane met Lt. Col. Smith in Rabat on Tuesday. They discussed the U.S. plan.";
//! let doc = Segmenter::default().segment(text);
//! assert_eq!(doc.sentences.len(), 2);
//! assert_eq!(doc.sentences[0].kind, SentenceKind::Body);
//! let first = &doc.sentences[0];
//! assert_eq!(first.span.slice(text), "Maj. Gen. Chaâbane met Lt. Col. Smith in Rabat on Tuesday.");
//! // Tokens slice the original text and carry a folded form for matching.
//! let t = &doc.tokens;
//! assert_eq!(t.text(first.tokens.start + 2, text), "Chaâbane");
//! assert_eq!(t.folded(first.tokens.start + 2), "chaabane");
//! ```
#![deny(missing_docs)]

pub mod calendar;
pub mod clean;
pub mod document;
pub mod error;
pub mod eval;
pub mod fold;
pub mod read;
pub mod segment;
pub mod span;
pub mod token;

pub use document::{DocId, Document, Format, Sentence, SentenceKind, Source};
pub use error::{Error, Result};
pub use fold::{Folded, fold, nfc};
pub use segment::{Segmented, Segmenter};
pub use span::Span;
pub use token::{Token, TokenKind, Tokens};
