//! The embedded dyad store and the ingest pipeline.
//!
//! A [`Store`] is one SQLite file (WAL mode) holding ingest runs, documents (with their
//! content hash, source and near-duplicate fingerprint), sentences, coded events, event
//! clusters across articles, per-day dyad rollups, actors and per-document errors, under a
//! versioned schema ([`schema::SCHEMA_VERSION`]) that is migrated on open.
//! [`ingest::ingest`] reads inputs in parallel, codes every document with one shared
//! [`dyad_coder::Coder`], and writes documents with their events, rollups and clusters in
//! transactional batches: idempotent (the same content adds nothing) and resumable (a killed
//! run loses only its uncommitted batch). [`query`] reads it back (dyad series, events,
//! actors) for the CLI and the HTTP server; [`recode`] re-codes stored documents after a
//! lexicon or model change.
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

mod check;
pub mod cluster;
pub mod days;
pub mod documents;
pub mod error;
mod events;
pub mod generate;
pub mod ingest;
pub mod near_dup;
pub mod query;
pub mod read;
pub mod recode;
pub mod rollup;
pub mod schema;
pub mod stamp;
pub mod store;

pub use error::{Error, Result};
pub use events::{record_days, record_rollup};
pub use query::{
    ActorEntry, Count, DirectionCounts, DyadQuery, DyadSeries, EventQuery, Page, Period,
    SeriesPeriod, Sibling, StoredEvent,
};
pub use read::ReadStore;
pub use stamp::CoderStamp;
pub use store::{
    BatchOutcome, CoderId, ContentHash, ErrorRecord, ProcessedDocument, RunId, RunStatus, Stats,
    Store,
};
