//! The shared dyad store on PostgreSQL, for many coding workers on many machines.
//!
//! [`PgStore`] has the SQLite store's schema and semantics (`dyad_store::Store`): a versioned
//! schema migrated on connect ([`schema`]); documents identified by their content hash and
//! written idempotently, each batch with its sentences, events, rollups (`dyad_daily`,
//! `daily_totals`) and clusters in ONE transaction ([`PgStore::write_batch`]); clusters
//! recomputed in the database with `dyad_store::cluster`'s compatibility and grouping
//! functions under a transaction-scoped advisory lock ([`store::WRITE_LOCK`]), so two workers
//! storing reports of one event at once still end with one cluster; and the read API of
//! `dyad_store::query` with the same result types ([`PgStore::dyad_series`],
//! [`PgStore::events`]). Documents are processed (split, coded, fingerprinted) by
//! `dyad_store::ingest::process_document`, exactly as `dyad ingest` does.
//!
//! ```no_run
//! use dyad_pg::PgStore;
//! use dyad_store::DyadQuery;
//!
//! let store = PgStore::connect("postgres://postgres@127.0.0.1:5432/dyad", 4).unwrap();
//! let series = store.dyad_series(&DyadQuery::new("USA", "MAR")).unwrap();
//! println!("{} periods", series.periods.len());
//! ```
#![deny(missing_docs)]

mod check;
mod cluster;
pub mod error;
mod query;
mod read;
mod rollup;
pub mod schema;
pub mod scratch;
pub mod store;

pub use error::{Error, Result};
pub use store::{PgStore, redact_url};
