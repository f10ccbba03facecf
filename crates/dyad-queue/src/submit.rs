//! Submitting documents: each is published as JSON to the work-queue subject with its
//! content hash as `Nats-Msg-Id`, so the server drops a document submitted again inside the
//! stream's duplicate window. Publish acknowledgements are awaited in a pipeline (up to
//! [`WINDOW`] outstanding), so submitting is not one round trip per document.

use std::collections::VecDeque;
use std::time::Duration;

use async_nats::HeaderMap;
use async_nats::jetstream::{self, context::PublishAckFuture};
use dyad_store::ContentHash;
use dyad_text::Document;

use crate::error::{Error, Result, boxed};
use crate::names::QueueNames;

/// Publish acknowledgements awaited at most at once.
pub const WINDOW: usize = 256;

/// What a submission did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SubmitSummary {
    /// Documents the stream stored.
    pub published: u64,
    /// Documents the stream dropped as duplicates (same content hash inside the window).
    pub duplicates: u64,
    /// Bytes of JSON sent.
    pub bytes: u64,
}

/// Publishes documents to a work queue.
pub struct Submitter {
    js: jetstream::Context,
    subject: String,
    max_payload: usize,
    pending: VecDeque<PublishAckFuture>,
    summary: SubmitSummary,
}

impl std::fmt::Debug for Submitter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Submitter")
            .field("subject", &self.subject)
            .field("pending", &self.pending.len())
            .field("summary", &self.summary)
            .finish_non_exhaustive()
    }
}

impl Submitter {
    /// A submitter to the queue `names` (its streams are created if missing, with this
    /// duplicate window).
    pub async fn new(
        client: async_nats::Client,
        names: &QueueNames,
        duplicate_window: Duration,
    ) -> Result<Submitter> {
        let max_payload = client.server_info().max_payload;
        let js = jetstream::new(client);
        names.ensure_streams(&js, duplicate_window).await?;
        Ok(Submitter {
            js,
            subject: names.subject.clone(),
            max_payload,
            pending: VecDeque::new(),
            summary: SubmitSummary::default(),
        })
    }

    /// Publishes one document. A document larger than the server's `max_payload` is refused
    /// with [`Error::TooLarge`] (the others can still be submitted).
    pub async fn submit(&mut self, doc: &Document) -> Result<()> {
        let payload = serde_json::to_vec(doc).unwrap_or_default();
        if payload.len() > self.max_payload {
            return Err(Error::TooLarge {
                doc_id: doc.id.as_str().to_string(),
                path: doc.source.path.clone(),
                size: payload.len(),
                max: self.max_payload,
            });
        }
        let mut headers = HeaderMap::new();
        headers.insert(
            async_nats::header::NATS_MESSAGE_ID,
            ContentHash::of(doc).to_hex().as_str(),
        );
        self.summary.bytes += payload.len() as u64;
        let ack = self
            .js
            .publish_with_headers(self.subject.clone(), headers, payload.into())
            .await
            .map_err(|e| Error::nats("publishing a document")(boxed(e)))?;
        self.pending.push_back(ack);
        while self.pending.len() >= WINDOW {
            self.settle_one().await?;
        }
        Ok(())
    }

    async fn settle_one(&mut self) -> Result<()> {
        if let Some(ack) = self.pending.pop_front() {
            let ack = ack
                .await
                .map_err(|e| Error::nats("awaiting a publish acknowledgement")(boxed(e)))?;
            if ack.duplicate {
                self.summary.duplicates += 1;
            } else {
                self.summary.published += 1;
            }
        }
        Ok(())
    }

    /// Awaits every outstanding acknowledgement and returns the counts.
    pub async fn finish(mut self) -> Result<SubmitSummary> {
        while !self.pending.is_empty() {
            self.settle_one().await?;
        }
        Ok(self.summary)
    }
}
