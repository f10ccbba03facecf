//! Scale-out coding: a NATS JetStream work queue in front of the shared PostgreSQL store.
//!
//! - [`submit::Submitter`] publishes documents (JSON) to the queue's work-queue stream with
//!   the content hash as `Nats-Msg-Id` (the server drops re-submissions inside its duplicate
//!   window);
//! - [`worker::Worker`] pulls them through a durable consumer shared by every worker on every
//!   machine, codes them with the same code as `dyad ingest`
//!   (`dyad_store::ingest::process_document`), stores each batch in one transaction of the
//!   shared store ([`dyad_pg::PgStore::write_batch`]) and acknowledges only after the commit;
//!   redelivery, the retry limit and the dead-letter subject are the server's (`ack_wait`,
//!   `max_deliver`) and the worker's ([`worker`]);
//! - [`metrics`]: a worker's counters and its `/metrics` endpoint (Prometheus text);
//! - [`names::QueueNames`]: the streams and subjects of a queue.
//!
//! ```no_run
//! # async fn run() -> dyad_queue::Result<()> {
//! use dyad_queue::{names::QueueNames, worker::{Worker, WorkerOptions, shutdown_on_signals}};
//!
//! let names = QueueNames::new("DYAD")?;
//! let client = async_nats::connect("nats://127.0.0.1:4222").await.map_err(|e| {
//!     dyad_queue::Error::Nats { what: "connecting", source: Box::new(e) }
//! })?;
//! let store = dyad_pg::PgStore::connect("postgres://postgres@127.0.0.1/dyad", 4)?;
//! let worker = Worker::new(client, names, store, WorkerOptions::default()).await?;
//! let summary = worker.run(shutdown_on_signals()).await?;
//! println!("{} documents stored", summary.counts.documents_added);
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

pub mod error;
pub mod metrics;
pub mod names;
pub mod submit;
pub mod worker;

pub use error::{Error, Result};

/// Connects to a NATS server (`nats://host:4222`, or several separated by commas).
pub async fn connect(url: &str) -> Result<async_nats::Client> {
    async_nats::connect(url).await.map_err(|e| Error::Nats {
        what: "connecting",
        source: Box::new(e),
    })
}
