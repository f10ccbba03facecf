//! The coding worker: pulls documents from the work queue with a durable consumer, codes
//! them as `dyad ingest` does, stores each batch in ONE transaction of the shared store and
//! acknowledges the messages only after the commit.
//!
//! - A worker that dies before acknowledging (killed, machine lost) leaves its messages
//!   unacknowledged: the server delivers them again after the consumer's ack wait, and the
//!   idempotent write (content hash) stores each document once.
//! - A batch whose write fails is written again document by document, so one bad document
//!   does not hold back the others; a failing document is negatively acknowledged (delivered
//!   again after a delay) until the consumer's `max_deliver`, when it is published to the
//!   dead-letter subject with its error and recorded in the errors table. A message that is
//!   not a document at all cannot succeed and is dead-lettered at once.
//! - Shutdown (the `shutdown` channel turning true: SIGINT/SIGTERM in `dyad worker`) lets the
//!   batch in flight finish — coded, written, acknowledged — before the worker returns.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_nats::HeaderMap;
use async_nats::jetstream::consumer::{AckPolicy, PullConsumer, pull};
use async_nats::jetstream::{self, AckKind, Message};
use dyad_coder::{CodeBuffers, Coder};
use dyad_pg::PgStore;
use dyad_store::ingest::process_document;
use dyad_store::{
    BatchOutcome, CoderId, CoderStamp, ContentHash, ErrorRecord, ProcessedDocument, RunId,
    RunStatus,
};
use dyad_text::{Document, Segmenter};
use futures_util::StreamExt;
use rayon::prelude::*;
use tokio::sync::watch;

use crate::error::{Error, Result, boxed};
use crate::metrics::WorkerMetrics;
use crate::names::{
    DEFAULT_DUPLICATE_WINDOW, DEFAULT_DURABLE, DELIVERIES_HEADER, ERROR_HEADER, QueueNames,
    SEQUENCE_HEADER,
};

/// How a worker works.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Coding threads.
    pub concurrency: usize,
    /// Messages pulled, coded and written together (one transaction).
    pub batch_size: usize,
    /// Deliveries of a message before it goes to the dead-letter subject. The worker keeps
    /// this count, not the server (the consumer redelivers without limit): a document whose
    /// workers die on every delivery (killed, out of memory) is dead-lettered on its next
    /// delivery without being coded again, unless it was stored meanwhile; a server-side
    /// limit would leave it in the stream, neither stored nor dead-lettered.
    pub max_deliver: i64,
    /// How long the server waits for an acknowledgement before delivering again.
    pub ack_wait: Duration,
    /// Delay before a failed document is delivered again.
    pub retry_delay: Duration,
    /// The durable consumer shared by the queue's workers.
    pub durable: String,
    /// Stop once the queue has stayed empty this long (drain mode: benchmarks, batch jobs);
    /// `None` waits for work until shut down.
    pub idle_exit: Option<Duration>,
    /// Append a line naming each phase as it starts to this file — `pull` (waiting for and
    /// receiving messages), `code`, `begin` and `commit` around every write transaction, `ack`
    /// when the acknowledgements of a committed batch start — for the crash tests, which kill
    /// the worker and read where it was.
    pub phase_log: Option<PathBuf>,
}

impl Default for WorkerOptions {
    fn default() -> WorkerOptions {
        WorkerOptions {
            concurrency: std::thread::available_parallelism().map_or(1, |n| n.get()),
            batch_size: 32,
            max_deliver: 5,
            ack_wait: Duration::from_secs(60),
            retry_delay: Duration::from_secs(5),
            durable: DEFAULT_DURABLE.to_string(),
            idle_exit: None,
            phase_log: None,
        }
    }
}

/// What a worker did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorkerSummary {
    /// The worker's run in the store.
    pub run: Option<RunId>,
    /// Store counts of its writes.
    pub counts: BatchOutcome,
    /// Documents acknowledged.
    pub acknowledged: u64,
    /// Documents sent to the dead-letter subject.
    pub dead_letters: u64,
    /// Time from the start of [`Worker::run`] to the end of its last batch (excludes the
    /// coder's start-up and the idle wait of [`WorkerOptions::idle_exit`]).
    pub active: Duration,
}

/// A coding worker of one queue.
pub struct Worker {
    js: jetstream::Context,
    names: QueueNames,
    store: PgStore,
    opts: WorkerOptions,
    coder: Arc<Coder>,
    segmenter: Arc<Segmenter>,
    pool: Arc<rayon::ThreadPool>,
    coder_id: CoderId,
    run: RunId,
    metrics: Arc<WorkerMetrics>,
    phase_log: Option<Mutex<std::fs::File>>,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("names", &self.names)
            .field("store", &self.store)
            .field("opts", &self.opts)
            .field("run", &self.run)
            .finish_non_exhaustive()
    }
}

fn header_value(s: &str) -> String {
    // Header values are one line.
    s.replace(['\r', '\n'], " ")
}

impl Worker {
    /// A worker of the queue `names` writing to `store`: builds the coder, creates the
    /// streams if missing and starts a run in the store.
    pub async fn new(
        client: async_nats::Client,
        names: QueueNames,
        store: PgStore,
        opts: WorkerOptions,
    ) -> Result<Worker> {
        let phase_log = match &opts.phase_log {
            Some(path) => Some(Mutex::new(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .map_err(|source| Error::PhaseLog {
                        path: path.clone(),
                        source,
                    })?,
            )),
            None => None,
        };
        let js = jetstream::new(client);
        names.ensure_streams(&js, DEFAULT_DUPLICATE_WINDOW).await?;
        let threads = opts.concurrency.max(1);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("dyad-coder-{i}"))
            .build()
            .map_err(|e| Error::Threads {
                threads,
                message: e.to_string(),
            })?;
        let store2 = store.clone();
        let inputs = vec![format!("nats:{}", names.stream)];
        let (coder, coder_id, run) = tokio::task::spawn_blocking(move || -> Result<_> {
            let coder = Coder::builder().build()?;
            let coder_id = store2.coder_id(&CoderStamp::current())?;
            let run = store2.begin_run(&inputs)?;
            Ok((coder, coder_id, run))
        })
        .await??;
        Ok(Worker {
            js,
            names,
            store,
            opts,
            coder: Arc::new(coder),
            segmenter: Arc::new(Segmenter::new()),
            pool: Arc::new(pool),
            coder_id,
            run,
            metrics: Arc::new(WorkerMetrics::default()),
            phase_log,
        })
    }

    /// Appends one line to the phase log, when there is one.
    fn log_phase(&self, phase: &str) {
        if let Some(log) = &self.phase_log {
            let mut f = log.lock().unwrap_or_else(|e| e.into_inner());
            // Unbuffered: the line is in the file before the phase starts.
            let _ = std::io::Write::write_all(&mut *f, format!("{phase}\n").as_bytes());
        }
    }

    /// The worker's counters (for [`crate::metrics::serve_metrics`]).
    pub fn metrics(&self) -> Arc<WorkerMetrics> {
        Arc::clone(&self.metrics)
    }

    /// The worker's run in the store.
    pub fn run_id(&self) -> RunId {
        self.run
    }

    /// The durable consumer every worker of the queue shares (created if missing).
    async fn consumer(&self) -> Result<PullConsumer> {
        durable_consumer(&self.js, &self.names, &self.opts).await
    }

    /// Up to `batch_size` messages: those ready now, else those arriving within a second.
    async fn pull(&self, consumer: &PullConsumer) -> Result<Vec<Message>> {
        let mut out = Vec::new();
        let mut ready = consumer
            .fetch()
            .max_messages(self.opts.batch_size.max(1))
            .messages()
            .await
            .map_err(|e| Error::nats("pulling messages")(boxed(e)))?;
        while let Some(m) = ready.next().await {
            out.push(m.map_err(Error::nats("receiving a message"))?);
        }
        if !out.is_empty() {
            return Ok(out);
        }
        let mut waiting = consumer
            .batch()
            .max_messages(self.opts.batch_size.max(1))
            .expires(Duration::from_secs(1))
            .messages()
            .await
            .map_err(|e| Error::nats("pulling messages")(boxed(e)))?;
        while let Some(m) = waiting.next().await {
            out.push(m.map_err(Error::nats("receiving a message"))?);
        }
        Ok(out)
    }

    /// Works until `shutdown` turns true (finishing the batch in flight) or, with
    /// [`WorkerOptions::idle_exit`], until the queue stays empty; ends the run.
    pub async fn run(self, shutdown: watch::Receiver<bool>) -> Result<WorkerSummary> {
        let result = self.work(shutdown).await;
        let Worker { store, run, .. } = self;
        let status = if result.is_ok() {
            RunStatus::Done
        } else {
            RunStatus::Failed
        };
        // The synchronous PostgreSQL client runs its own small runtime: the store (and, when
        // this is the last handle, its connections) must be closed off the async threads.
        tokio::task::spawn_blocking(move || {
            let finished = store.finish_run(run, status);
            drop(store);
            finished
        })
        .await??;
        result
    }

    async fn work(&self, shutdown: watch::Receiver<bool>) -> Result<WorkerSummary> {
        let mut consumer = self.consumer().await?;
        let mut summary = WorkerSummary {
            run: Some(self.run),
            ..WorkerSummary::default()
        };
        let started = Instant::now();
        let mut idle_since = Instant::now();
        while !*shutdown.borrow() {
            self.log_phase("pull");
            let messages = self.pull(&consumer).await?;
            if let Ok(info) = consumer.info().await {
                self.metrics.lag.store(info.num_pending, Ordering::Relaxed);
            }
            if messages.is_empty() {
                if self
                    .opts
                    .idle_exit
                    .is_some_and(|d| idle_since.elapsed() >= d)
                {
                    break;
                }
                continue;
            }
            self.metrics
                .in_flight
                .store(messages.len() as u64, Ordering::Relaxed);
            self.handle(messages, &mut summary).await?;
            self.metrics.in_flight.store(0, Ordering::Relaxed);
            idle_since = Instant::now();
            summary.active = started.elapsed();
        }
        Ok(summary)
    }

    /// Codes, stores and acknowledges one batch of messages.
    async fn handle(&self, messages: Vec<Message>, summary: &mut WorkerSummary) -> Result<()> {
        let mut msgs = Vec::with_capacity(messages.len());
        let mut docs: Vec<Document> = Vec::with_capacity(messages.len());
        for m in messages {
            if m.info().is_ok_and(|i| i.delivered > 1) {
                self.metrics.redeliveries.fetch_add(1, Ordering::Relaxed);
            }
            let delivered = m.info().map_or(1, |i| i.delivered);
            match serde_json::from_slice::<Document>(&m.payload) {
                Ok(d) if delivered > self.opts.max_deliver => {
                    // Every earlier delivery ended without an acknowledgement or a recorded
                    // failure: its workers died. Do not code it again.
                    let (store, hash) = (self.store.clone(), ContentHash::of(&d));
                    let stored =
                        tokio::task::spawn_blocking(move || store.has_document(&hash)).await??;
                    if stored {
                        self.ack(&m, summary).await?;
                    } else {
                        self.metrics.errors.fetch_add(1, Ordering::Relaxed);
                        let why = format!(
                            "delivered {delivered} times (limit {}) without being stored: its workers stopped while coding or writing it",
                            self.opts.max_deliver
                        );
                        self.dead_letter(&m, Some(&d), &why, summary).await?;
                    }
                }
                Ok(d) => {
                    msgs.push(m);
                    docs.push(d);
                }
                Err(e) => {
                    self.metrics.errors.fetch_add(1, Ordering::Relaxed);
                    // It can never become a document: no point in delivering it again.
                    self.dead_letter(&m, None, &format!("not a dyad document: {e}"), summary)
                        .await?;
                }
            }
        }
        if msgs.is_empty() {
            return Ok(());
        }
        let (pool, segmenter, coder) = (
            Arc::clone(&self.pool),
            Arc::clone(&self.segmenter),
            Arc::clone(&self.coder),
        );
        self.log_phase("code");
        let (processed, warnings): (Vec<ProcessedDocument>, Vec<Vec<ErrorRecord>>) =
            tokio::task::spawn_blocking(move || {
                pool.install(|| {
                    docs.into_par_iter()
                        .map_init(CodeBuffers::default, |buf, d| {
                            process_document(d, &segmenter, &coder, buf)
                        })
                        .unzip()
                })
            })
            .await?;
        let processed = Arc::new(processed);
        // Limit warnings (events cut, sentences not coded) are stored with the batch.
        let warnings: Vec<ErrorRecord> = warnings.into_iter().flatten().collect();
        let (store, run, coder_id, all) = (
            self.store.clone(),
            self.run,
            self.coder_id,
            Arc::clone(&processed),
        );
        self.log_phase("begin");
        let written =
            tokio::task::spawn_blocking(move || store.write_batch(run, coder_id, &all, &warnings))
                .await?;
        match written {
            Ok(out) => {
                self.log_phase("commit");
                self.count(out, summary);
                self.log_phase("ack");
                for m in &msgs {
                    self.ack(m, summary).await?;
                }
            }
            Err(batch_error) => {
                tracing::warn!(
                    "batch of {} failed ({batch_error}); writing one by one",
                    msgs.len()
                );
                for (i, m) in msgs.iter().enumerate() {
                    let (store, all) = (self.store.clone(), Arc::clone(&processed));
                    self.log_phase("begin");
                    let one = tokio::task::spawn_blocking(move || {
                        store.write_batch(run, coder_id, std::slice::from_ref(&all[i]), &[])
                    })
                    .await?;
                    match one {
                        Ok(out) => {
                            self.log_phase("commit");
                            self.count(out, summary);
                            self.log_phase("ack");
                            self.ack(m, summary).await?;
                        }
                        Err(e) => {
                            self.metrics.errors.fetch_add(1, Ordering::Relaxed);
                            self.retry_or_dead_letter(
                                m,
                                &processed[i].document,
                                &e.to_string(),
                                summary,
                            )
                            .await?;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn count(&self, out: BatchOutcome, summary: &mut WorkerSummary) {
        let c = &mut summary.counts;
        c.documents_added += out.documents_added;
        c.documents_skipped += out.documents_skipped;
        c.sentences_added += out.sentences_added;
        c.events_added += out.events_added;
        c.duplicates += out.duplicates;
        c.errors += out.errors;
        self.metrics
            .documents_added
            .fetch_add(out.documents_added, Ordering::Relaxed);
        self.metrics
            .events
            .fetch_add(out.events_added, Ordering::Relaxed);
        self.metrics.batches.fetch_add(1, Ordering::Relaxed);
    }

    async fn ack(&self, m: &Message, summary: &mut WorkerSummary) -> Result<()> {
        m.double_ack()
            .await
            .map_err(Error::nats("acknowledging a message"))?;
        summary.acknowledged += 1;
        self.metrics.documents.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    async fn retry_or_dead_letter(
        &self,
        m: &Message,
        doc: &Document,
        error: &str,
        summary: &mut WorkerSummary,
    ) -> Result<()> {
        let delivered = m.info().map_or(1, |i| i.delivered);
        if delivered >= self.opts.max_deliver {
            self.dead_letter(m, Some(doc), error, summary).await
        } else {
            tracing::warn!(
                "document {} failed (delivery {delivered} of {}): {error}",
                doc.id.as_str(),
                self.opts.max_deliver
            );
            m.ack_with(AckKind::Nak(Some(self.opts.retry_delay)))
                .await
                .map_err(Error::nats("asking for redelivery"))
        }
    }

    /// Publishes a message to the dead-letter subject with its error, records it in the
    /// errors table, then acknowledges it (it leaves the work queue).
    async fn dead_letter(
        &self,
        m: &Message,
        doc: Option<&Document>,
        error: &str,
        summary: &mut WorkerSummary,
    ) -> Result<()> {
        let (delivered, sequence) = m
            .info()
            .map_or((1, 0), |i| (i.delivered, i.stream_sequence));
        let mut headers = HeaderMap::new();
        headers.insert(ERROR_HEADER, header_value(error).as_str());
        headers.insert(DELIVERIES_HEADER, delivered.to_string().as_str());
        headers.insert(SEQUENCE_HEADER, sequence.to_string().as_str());
        // A dead letter published again (a worker died after publishing) is dropped.
        headers.insert(
            async_nats::header::NATS_MESSAGE_ID,
            format!("{}-{sequence}", self.names.stream).as_str(),
        );
        self.js
            .publish_with_headers(self.names.dead_subject.clone(), headers, m.payload.clone())
            .await
            .map_err(|e| Error::nats("publishing a dead letter")(boxed(e)))?
            .await
            .map_err(|e| Error::nats("storing a dead letter")(boxed(e)))?;
        let record = ErrorRecord {
            warning: false,
            path: doc.map_or_else(
                || format!("nats:{}#{sequence}", self.names.stream),
                |d| d.source.path.clone(),
            ),
            line: doc.and_then(|d| d.source.line),
            message: format!(
                "{}dead-lettered to {} after {delivered} deliveries: {error}",
                doc.map_or(String::new(), |d| format!("document {}: ", d.id.as_str())),
                self.names.dead_subject
            ),
        };
        let (store, run) = (self.store.clone(), self.run);
        tokio::task::spawn_blocking(move || store.record_errors(run, &[record])).await??;
        m.double_ack()
            .await
            .map_err(Error::nats("acknowledging a dead letter"))?;
        summary.dead_letters += 1;
        self.metrics.dead_letters.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// A channel that turns true on SIGINT or SIGTERM (call inside a tokio runtime).
pub fn shutdown_on_signals() -> watch::Receiver<bool> {
    let (tx, rx) = watch::channel(false);
    tokio::spawn(async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            match signal(SignalKind::terminate()) {
                Ok(mut term) => {
                    tokio::select! {
                        _ = tokio::signal::ctrl_c() => {}
                        _ = term.recv() => {}
                    }
                }
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        tracing::info!("shutting down: finishing the batch in flight");
        let _ = tx.send(true);
    });
    rx
}

/// The durable pull consumer the workers of a queue share, created with `opts` if missing
/// (explicit acks, `ack_wait`, redelivery without a server-side limit: the workers count
/// deliveries, see [`WorkerOptions::max_deliver`]); an existing one is returned as it is.
pub async fn durable_consumer(
    js: &jetstream::Context,
    names: &QueueNames,
    opts: &WorkerOptions,
) -> Result<PullConsumer> {
    let stream = js
        .get_stream(&names.stream)
        .await
        .map_err(|e| Error::nats("opening the work-queue stream")(boxed(e)))?;
    stream
        .get_or_create_consumer(
            &opts.durable,
            pull::Config {
                durable_name: Some(opts.durable.clone()),
                ack_policy: AckPolicy::Explicit,
                ack_wait: opts.ack_wait,
                // Unlimited: the worker dead-letters past `max_deliver` (see there).
                max_deliver: -1,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| Error::nats("creating the durable consumer")(boxed(e)))
}
