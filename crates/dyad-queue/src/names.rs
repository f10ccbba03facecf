//! The streams and subjects of one work queue, and creating them.
//!
//! A queue named `DYAD` (the default) is the work-queue stream `DYAD` on subject
//! `DYAD.documents` (retention *WorkQueue*: a message is removed once a worker acks it; the
//! duplicate window drops a document re-submitted with the same content hash), and the
//! dead-letter stream `DYAD_DEAD` on subject `DYAD.dead` (retention *Limits*: kept for
//! inspection and replay).

use std::time::Duration;

use async_nats::jetstream::{self, stream};

use crate::error::{Error, Result, boxed};

/// The default queue name.
pub const DEFAULT_STREAM: &str = "DYAD";
/// The default durable consumer shared by every worker of a queue.
pub const DEFAULT_DURABLE: &str = "dyad-workers";
/// The default duplicate window of the work-queue stream.
pub const DEFAULT_DUPLICATE_WINDOW: Duration = Duration::from_secs(2 * 60 * 60);

/// Header of a dead letter: why the document failed.
pub const ERROR_HEADER: &str = "Dyad-Error";
/// Header of a dead letter: how many times it was delivered.
pub const DELIVERIES_HEADER: &str = "Dyad-Deliveries";
/// Header of a dead letter: its sequence number in the work-queue stream.
pub const SEQUENCE_HEADER: &str = "Dyad-Stream-Sequence";

/// The names of one work queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueNames {
    /// The work-queue stream.
    pub stream: String,
    /// Its subject.
    pub subject: String,
    /// The dead-letter stream.
    pub dead_stream: String,
    /// Its subject.
    pub dead_subject: String,
}

impl QueueNames {
    /// The names of the queue `stream` (letters, digits, `-`, `_`).
    pub fn new(stream: &str) -> Result<QueueNames> {
        if stream.is_empty()
            || !stream
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(Error::StreamName(stream.to_string()));
        }
        Ok(QueueNames {
            stream: stream.to_string(),
            subject: format!("{stream}.documents"),
            dead_stream: format!("{stream}_DEAD"),
            dead_subject: format!("{stream}.dead"),
        })
    }

    /// Creates the work-queue and dead-letter streams if they do not exist (an existing
    /// stream is used as it is).
    pub async fn ensure_streams(
        &self,
        js: &jetstream::Context,
        duplicate_window: Duration,
    ) -> Result<jetstream::stream::Stream> {
        let work = js
            .get_or_create_stream(stream::Config {
                name: self.stream.clone(),
                subjects: vec![self.subject.clone()],
                retention: stream::RetentionPolicy::WorkQueue,
                storage: stream::StorageType::File,
                duplicate_window,
                ..Default::default()
            })
            .await
            .map_err(|e| Error::nats("creating the work-queue stream")(boxed(e)))?;
        js.get_or_create_stream(stream::Config {
            name: self.dead_stream.clone(),
            subjects: vec![self.dead_subject.clone()],
            retention: stream::RetentionPolicy::Limits,
            storage: stream::StorageType::File,
            ..Default::default()
        })
        .await
        .map_err(|e| Error::nats("creating the dead-letter stream")(boxed(e)))?;
        Ok(work)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_a_queue() {
        let n = QueueNames::new("DYAD").unwrap();
        assert_eq!(
            (
                n.subject.as_str(),
                n.dead_stream.as_str(),
                n.dead_subject.as_str()
            ),
            ("DYAD.documents", "DYAD_DEAD", "DYAD.dead")
        );
        assert!(QueueNames::new("a.b").is_err());
        assert!(QueueNames::new("").is_err());
        assert!(QueueNames::new("news feed").is_err());
    }
}
