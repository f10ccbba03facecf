//! The embedded dyad store and the ingest pipeline.
//!
//! A [`Store`] is one SQLite file (WAL mode) holding ingest runs, documents (with their
//! content hash and source), sentences and per-document errors, under a versioned schema
//! ([`schema::SCHEMA_VERSION`]) that is migrated on open. [`ingest::ingest`] reads inputs in
//! parallel and writes them in transactional batches: idempotent (the same content adds
//! nothing) and resumable (a killed run loses only its uncommitted batch).
//!
//! ```
//! use dyad_store::{Store, ingest::{IngestOptions, NoProgress, ingest}};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let article = dir.path().join("a.txt");
//! std::fs::write(&article, "Title: Talks\nDate: 2022-05-24\n\nRabat hosted the talks. Both sides agreed.").unwrap();
//! let mut store = Store::open(dir.path().join("dyad.db")).unwrap();
//! let first = ingest(&mut store, &[article.clone()], &IngestOptions::default(), &NoProgress).unwrap();
//! assert_eq!((first.counts.documents_added, first.counts.sentences_added), (1, 2));
//! let again = ingest(&mut store, &[article], &IngestOptions::default(), &NoProgress).unwrap();
//! assert_eq!((again.counts.documents_added, again.counts.documents_skipped), (0, 1));
//! ```
#![deny(missing_docs)]

pub mod error;
pub mod ingest;
pub mod schema;
pub mod store;

pub use error::{Error, Result};
pub use store::{
    BatchOutcome, ContentHash, ErrorRecord, ProcessedDocument, RunId, RunStatus, Stats, Store,
};
