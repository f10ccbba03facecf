//! The ingest pipeline: read inputs in parallel, process each document, write batches.
//!
//! Reading and processing run on all cores (rayon): inputs are read in parallel, and the
//! documents of one large input (a JSON Lines file, a WARC file) are processed in parallel
//! chunks. A single writer stores batches, each in one transaction, so a process killed at any
//! moment leaves a consistent store, and the next run stores exactly what is missing: a
//! document is identified by its content hash and skipped when already stored. A bad document
//! is recorded in the errors table and never stops the run.
//!
//! Each document is coded by one shared [`Coder`] (built once per ingest; every worker thread
//! has its own [`CodeBuffers`]); its events are written in the same transaction as the
//! document, with the dyad rollup and the clusters they join.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use dyad_coder::{CodeBuffers, Coder, DocumentInfo, EventRecord, SkippedSentence};
use dyad_lexicon::DictDate;
use dyad_text::read::{ReadOptions, Sink, Warning, read_path_into};
use dyad_text::{Document, Segmented, Segmenter};
use rayon::prelude::*;

use crate::error::Result;
use crate::near_dup::Fingerprint;
use crate::stamp::CoderStamp;
use crate::store::{
    BatchOutcome, CoderId, ContentHash, ErrorRecord, ProcessedDocument, RunId, RunStatus, Store,
};

/// How to ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// How to read the inputs.
    pub read: ReadOptions,
    /// Documents per write transaction.
    pub batch_size: usize,
    /// Documents of one input processed together in parallel.
    pub chunk_size: usize,
    /// Most events stored for one document; a document with more keeps its first ones (in
    /// text order) and the run records a warning naming it.
    pub max_events_per_document: usize,
    /// Longest sentence coded, in words; longer ones are stored but not coded, and the run
    /// records a warning naming them.
    pub max_sentence_words: usize,
}

/// The default of [`IngestOptions::max_events_per_document`]: far above what a news article
/// reports (the 36 bundled examples have at most a few dozen each), low enough that a hostile
/// document of repeated sentences cannot fill the store.
pub const DEFAULT_MAX_EVENTS_PER_DOCUMENT: usize = 1000;

impl Default for IngestOptions {
    fn default() -> IngestOptions {
        IngestOptions {
            read: ReadOptions::default(),
            batch_size: 256,
            chunk_size: 64,
            max_events_per_document: DEFAULT_MAX_EVENTS_PER_DOCUMENT,
            max_sentence_words: dyad_coder::DEFAULT_MAX_SENTENCE_WORDS,
        }
    }
}

/// Receives progress while ingesting (a progress bar, log lines). `input_done` is called from
/// the reading threads, the others from the writer.
pub trait Progress: Sync {
    /// An input was read to its end (or failed); `bytes` is its size on disk, if known.
    fn input_done(&self, path: &Path, bytes: u64) {
        let _ = (path, bytes);
    }
    /// A batch was written; `total` holds the counts so far.
    fn batch_written(&self, total: &BatchOutcome) {
        let _ = total;
    }
    /// A problem was recorded.
    fn problem(&self, record: &ErrorRecord) {
        let _ = record;
    }
    /// The writer is about to open a write transaction (`true`) or has committed it (`false`).
    fn transaction(&self, open: bool) {
        let _ = open;
    }
    /// A reading thread starts reading `path` (called from the reading threads).
    fn reading(&self, path: &Path) {
        let _ = path;
    }
    /// A reading thread starts splitting and coding a chunk of `documents` documents.
    fn coding(&self, documents: usize) {
        let _ = documents;
    }
}

/// Progress that reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// What an ingest did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IngestSummary {
    /// The run's id.
    pub run: RunId,
    /// Counts: documents added and skipped, sentences added, errors and warnings recorded.
    pub counts: BatchOutcome,
    /// Wall-clock time.
    pub elapsed: Duration,
}

enum Message {
    Document(Box<ProcessedDocument>),
    Skipped,
    Problem(ErrorRecord),
}

/// The date a document's actors are resolved at: its publication date, else today.
pub(crate) fn dict_date(published: Option<jiff::civil::Date>) -> DictDate {
    let today = || {
        jiff::tz::Offset::UTC
            .to_datetime(jiff::Timestamp::now())
            .date()
    };
    DictDate::from_civil(published.unwrap_or_else(today))
}

/// The events of one document, at most the limit.
#[derive(Debug, Clone, Default)]
pub(crate) struct CodedDocument {
    /// The first events, in text order.
    pub(crate) events: Vec<EventRecord>,
    /// How many the coder found in all (more than `events.len()` when the limit was hit).
    pub(crate) found: usize,
    /// Sentences too long to code.
    pub(crate) skipped: Vec<SkippedSentence>,
}

impl CodedDocument {
    /// The warnings of a document that hit a limit: too many events, sentences too long.
    pub(crate) fn limit_messages(&self, doc_id: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .skipped
            .iter()
            .map(|s| format!("document {doc_id}: {s}"))
            .collect();
        if self.found > self.events.len() {
            out.push(format!(
                "document {doc_id}: {} events, more than the limit of {} per document \
                 (--max-events-per-document): only the first {} are stored",
                self.found,
                self.events.len(),
                self.events.len()
            ));
        }
        out
    }
}

/// Codes a document's text: every event of every modality as its record, the first
/// `max_events` of them; a panic in the coder becomes an error message (the run goes on).
#[allow(clippy::too_many_arguments)] // the document's parts, as ingest and recode hold them
pub(crate) fn code_document(
    coder: &Coder,
    buf: &mut CodeBuffers,
    doc_id: &str,
    text: &str,
    lang: Option<&str>,
    published: Option<jiff::civil::Date>,
    info: DocumentInfo<'_>,
    max_events: usize,
) -> std::result::Result<CodedDocument, String> {
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let events = coder.code_article(text, lang, dict_date(published), info, buf);
        CodedDocument {
            skipped: buf.skipped_sentences().to_vec(),
            found: events.len(),
            events: events
                .iter()
                .take(max_events)
                .map(|e| EventRecord::new(doc_id, text, published, e))
                .collect(),
        }
    }));
    run.map_err(|p| {
        // The buffers may be half-written: start the next document afresh.
        *buf = CodeBuffers::default();
        p.downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "the coder panicked".into())
    })
}

/// Processes one document: splits it into sentences, codes its events, fingerprints it.
fn process(
    doc: Document,
    segmenter: &Segmenter,
    coder: &Coder,
    buf: &mut CodeBuffers,
    max_events: usize,
) -> (ProcessedDocument, Vec<ErrorRecord>) {
    let hash = ContentHash::of(&doc);
    let mut seg = Segmented::default();
    segmenter.segment_into(&doc.text, doc.lang.as_deref(), &mut seg);
    let coded = code_document(
        coder,
        buf,
        doc.id.as_str(),
        &doc.text,
        doc.lang.as_deref(),
        doc.published,
        DocumentInfo::of(&doc),
        max_events,
    );
    let fingerprint = Some(Fingerprint::of(&doc.text));
    let (events, coding_error, warnings) = match coded {
        Ok(c) => {
            let warnings = c
                .limit_messages(doc.id.as_str())
                .into_iter()
                .map(|message| ErrorRecord {
                    warning: true,
                    path: doc.source.path.clone(),
                    line: doc.source.line,
                    message,
                })
                .collect();
            (c.events, None, warnings)
        }
        Err(msg) => (Vec::new(), Some(msg), Vec::new()),
    };
    let processed = ProcessedDocument {
        document: doc,
        hash,
        sentences: seg.sentences,
        events,
        coding_error,
        fingerprint,
    };
    (processed, warnings)
}

/// Processes one document as ingest does — sentences, events (a coder panic becomes
/// `coding_error`), near-duplicate fingerprint — for other writers of the same store format
/// (the queue workers of `dyad-queue`). `buf` is the calling thread's reusable coder buffers.
/// Returns the document and the warnings of the limits it hit (at most
/// [`DEFAULT_MAX_EVENTS_PER_DOCUMENT`] events are kept), to be stored with its batch.
pub fn process_document(
    doc: Document,
    segmenter: &Segmenter,
    coder: &Coder,
    buf: &mut CodeBuffers,
) -> (ProcessedDocument, Vec<ErrorRecord>) {
    process(doc, segmenter, coder, buf, DEFAULT_MAX_EVENTS_PER_DOCUMENT)
}

/// A reader sink that processes documents in parallel chunks and sends them to the writer.
struct ChunkSink<'a> {
    chunk: Vec<Document>,
    progress: &'a dyn Progress,
    chunk_size: usize,
    max_events: usize,
    known: &'a HashSet<ContentHash>,
    segmenter: &'a Segmenter,
    coder: &'a Coder,
    tx: &'a SyncSender<Message>,
}

impl ChunkSink<'_> {
    fn flush(&mut self) {
        let chunk = std::mem::take(&mut self.chunk);
        if chunk.is_empty() {
            return;
        }
        self.progress.coding(chunk.len());
        let processed: Vec<(Message, Vec<ErrorRecord>)> = chunk
            .into_par_iter()
            .map_init(CodeBuffers::default, |buf, doc| {
                if self.known.contains(&ContentHash::of(&doc)) {
                    (Message::Skipped, Vec::new())
                } else {
                    let (p, warnings) =
                        process(doc, self.segmenter, self.coder, buf, self.max_events);
                    (Message::Document(Box::new(p)), warnings)
                }
            })
            .collect();
        for (m, warnings) in processed {
            // The writer only hangs up after an error of its own; nothing is left to do then.
            for w in warnings {
                let _ = self.tx.send(Message::Problem(w));
            }
            let _ = self.tx.send(m);
        }
    }
}

fn warning_record(w: Warning) -> ErrorRecord {
    let mut message = w.message;
    if let Some(offset) = w.offset {
        message = format!("byte {offset}: {message}");
    }
    ErrorRecord {
        warning: true,
        path: w.path.display().to_string(),
        line: w.line,
        message,
    }
}

fn error_record(path: &Path, e: &dyad_text::Error) -> ErrorRecord {
    let line = match e {
        dyad_text::Error::Json { line, .. }
        | dyad_text::Error::MissingText { line, .. }
        | dyad_text::Error::LineTooLong { line, .. } => Some(*line),
        dyad_text::Error::Warc { record, .. } => Some(*record),
        _ => None,
    };
    ErrorRecord {
        warning: false,
        path: path.display().to_string(),
        line,
        message: e.to_string(),
    }
}

impl Sink for ChunkSink<'_> {
    fn document(&mut self, doc: Document) {
        self.chunk.push(doc);
        if self.chunk.len() >= self.chunk_size {
            self.flush();
        }
    }
    fn warning(&mut self, warning: Warning) {
        let _ = self.tx.send(Message::Problem(warning_record(warning)));
    }
    fn error(&mut self, error: dyad_text::Error) {
        let path = match &error {
            dyad_text::Error::Io { path, .. }
            | dyad_text::Error::Binary { path, .. }
            | dyad_text::Error::Json { path, .. }
            | dyad_text::Error::MissingText { path, .. }
            | dyad_text::Error::LineTooLong { path, .. }
            | dyad_text::Error::Html { path, .. }
            | dyad_text::Error::Feed { path, .. }
            | dyad_text::Error::Warc { path, .. }
            | dyad_text::Error::TooLarge { path, .. } => path.clone(),
            _ => PathBuf::new(),
        };
        let _ = self.tx.send(Message::Problem(error_record(&path, &error)));
    }
}

/// Ingests `inputs` (files; expand directories and patterns before) into `store`.
pub fn ingest(
    store: &mut Store,
    inputs: &[PathBuf],
    opts: &IngestOptions,
    progress: &dyn Progress,
) -> Result<IngestSummary> {
    let started = Instant::now();
    let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    let run = store.begin_run(&names)?;
    let known = store.known_hashes()?;
    let segmenter = Segmenter::new();
    let coder = Coder::builder()
        .max_sentence_words(opts.max_sentence_words)
        .build()?;
    let coder_id = store.coder_id(&CoderStamp::current())?;
    let (tx, rx) = sync_channel::<Message>(4 * opts.batch_size.max(1));
    let result = std::thread::scope(|scope| {
        let known = &known;
        let segmenter = &segmenter;
        let coder = &coder;
        scope.spawn(move || {
            inputs.par_iter().for_each(|path| {
                progress.reading(path);
                let mut sink = ChunkSink {
                    chunk: Vec::new(),
                    progress,
                    chunk_size: opts.chunk_size.max(1),
                    max_events: opts.max_events_per_document,
                    known,
                    segmenter,
                    coder,
                    tx: &tx,
                };
                if let Err(e) = read_path_into(path, &opts.read, &mut sink) {
                    let _ = tx.send(Message::Problem(error_record(path, &e)));
                }
                sink.flush();
                progress.input_done(path, std::fs::metadata(path).map(|m| m.len()).unwrap_or(0));
            });
            drop(tx);
        });
        write_all(store, run, coder_id, rx, opts.batch_size.max(1), progress)
    });
    match result {
        Ok(counts) => {
            store.finish_run(run, RunStatus::Done)?;
            Ok(IngestSummary {
                run,
                counts,
                elapsed: started.elapsed(),
            })
        }
        Err(e) => {
            let _ = store.finish_run(run, RunStatus::Failed);
            Err(e)
        }
    }
}

/// The writer: gathers messages into batches and writes each in one transaction. On a write
/// error it drops the receiver, so the readers stop, and returns the error.
fn write_all(
    store: &mut Store,
    run: RunId,
    coder: CoderId,
    rx: Receiver<Message>,
    batch_size: usize,
    progress: &dyn Progress,
) -> Result<BatchOutcome> {
    let mut total = BatchOutcome::default();
    let mut docs = Vec::with_capacity(batch_size);
    let mut problems = Vec::new();
    let mut skipped = 0u64;
    let mut flush = |docs: &mut Vec<ProcessedDocument>,
                     problems: &mut Vec<ErrorRecord>,
                     skipped: &mut u64,
                     total: &mut BatchOutcome|
     -> Result<()> {
        if docs.is_empty() && problems.is_empty() && *skipped == 0 {
            return Ok(());
        }
        progress.transaction(true);
        let out = store.write_batch(run, coder, docs, problems)?;
        progress.transaction(false);
        if *skipped > 0 {
            store.add_skipped(run, *skipped)?;
        }
        total.documents_added += out.documents_added;
        total.documents_skipped += out.documents_skipped + *skipped;
        total.sentences_added += out.sentences_added;
        total.events_added += out.events_added;
        total.duplicates += out.duplicates;
        total.errors += out.errors;
        docs.clear();
        problems.clear();
        *skipped = 0;
        progress.batch_written(total);
        Ok(())
    };
    for msg in rx {
        match msg {
            Message::Document(d) => docs.push(*d),
            Message::Skipped => skipped += 1,
            Message::Problem(p) => {
                progress.problem(&p);
                problems.push(p);
            }
        }
        if docs.len() + problems.len() + skipped as usize >= batch_size {
            flush(&mut docs, &mut problems, &mut skipped, &mut total)?;
        }
    }
    flush(&mut docs, &mut problems, &mut skipped, &mut total)?;
    Ok(total)
}
