//! Re-coding stored documents after a lexicon or model change, without re-reading inputs.
//!
//! Every document records the coder stamp ([`CoderStamp`]: dyad's version, lexicon and model
//! hashes) that coded it. [`recode`] codes again the documents whose stamp differs from the
//! current one (or all of them), in parallel, and replaces their events batch by batch, each
//! batch in one transaction with its rollups and clusters; it reports which events were
//! added, removed or changed (same sentence and trigger, different record).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use dyad_coder::{CodeBuffers, Coder, DocumentInfo, EventRecord};
use rayon::prelude::*;
use rusqlite::params;
use serde::Serialize;

use crate::error::Result;
use crate::ingest::code_document;
use crate::stamp::CoderStamp;
use crate::store::Store;

/// How to re-code.
#[derive(Debug, Clone)]
pub struct RecodeOptions {
    /// Re-code every document, not only those coded by another coder stamp.
    pub all: bool,
    /// Documents per transaction.
    pub batch_size: usize,
    /// Keep at most this many examples of changes in the summary.
    pub examples: usize,
    /// Most events kept for one document (as [`IngestOptions::max_events_per_document`]).
    ///
    /// [`IngestOptions::max_events_per_document`]: crate::ingest::IngestOptions::max_events_per_document
    pub max_events_per_document: usize,
    /// Longest sentence coded, in words (as [`IngestOptions::max_sentence_words`]).
    ///
    /// [`IngestOptions::max_sentence_words`]: crate::ingest::IngestOptions::max_sentence_words
    pub max_sentence_words: usize,
}

impl Default for RecodeOptions {
    fn default() -> RecodeOptions {
        RecodeOptions {
            all: false,
            batch_size: 256,
            examples: 20,
            max_events_per_document: crate::ingest::DEFAULT_MAX_EVENTS_PER_DOCUMENT,
            max_sentence_words: dyad_coder::DEFAULT_MAX_SENTENCE_WORDS,
        }
    }
}

/// One changed event, for the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecodeChange {
    /// The document's id.
    pub doc_id: String,
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
    /// The sentence index.
    pub sentence: usize,
    /// The trigger's text.
    pub trigger: String,
    /// `SOURCE TARGET CAMEO` before (empty when added).
    pub before: String,
    /// After (empty when removed).
    pub after: String,
}

/// What a recode did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RecodeSummary {
    /// Documents re-coded.
    pub documents: u64,
    /// Events that came out identical.
    pub unchanged: u64,
    /// Events new at a sentence and trigger that had none.
    pub added: u64,
    /// Events gone from a sentence and trigger.
    pub removed: u64,
    /// Events whose record changed at the same sentence and trigger.
    pub changed: u64,
    /// Documents the coder failed on (their old events are kept).
    pub errors: u64,
    /// A few examples of changes.
    pub examples: Vec<RecodeChange>,
    /// Wall-clock time.
    #[serde(skip)]
    pub elapsed: Duration,
}

struct StoredDoc {
    row: i64,
    doc_id: String,
    text: String,
    lang: Option<String>,
    published: Option<jiff::civil::Date>,
    title: Option<String>,
    url: Option<String>,
}

fn short(r: &EventRecord) -> String {
    format!(
        "{} {} {}",
        r.source.code,
        r.target.as_ref().map_or("-", |t| t.code.as_str()),
        r.cameo
    )
}

type Slot = (usize, usize, usize);

fn slot(r: &EventRecord) -> Slot {
    (r.sentence.index, r.trigger.start, r.trigger.end)
}

/// Re-codes stored documents (see the module's documentation).
pub fn recode(store: &mut Store, opts: &RecodeOptions) -> Result<RecodeSummary> {
    let started = Instant::now();
    let coder = Coder::builder()
        .max_sentence_words(opts.max_sentence_words)
        .build()?;
    let coder_id = store.coder_id(&CoderStamp::current())?;
    let rows: Vec<i64> = {
        // With `all`, -1 matches no coder row, so every document is selected.
        let stale = if opts.all { -1 } else { coder_id.0 };
        let mut st = store.sql(store.conn.prepare(
            "SELECT id FROM documents WHERE coder_id IS NULL OR coder_id <> ?1 ORDER BY id",
        ))?;
        let it = store.sql(st.query_map([stale], |r| r.get(0)))?;
        store.sql(it.collect::<rusqlite::Result<_>>())?
    };
    let mut out = RecodeSummary::default();
    for chunk in rows.chunks(opts.batch_size.max(1)) {
        let mut docs = Vec::with_capacity(chunk.len());
        {
            let mut st = store.sql(store.conn.prepare_cached(
                "SELECT doc_id, text, lang, published, title, url FROM documents WHERE id = ?1",
            ))?;
            for &row in chunk {
                let d = store.sql(st.query_row([row], |r| {
                    Ok(StoredDoc {
                        row,
                        doc_id: r.get(0)?,
                        text: r.get(1)?,
                        lang: r.get(2)?,
                        published: r
                            .get::<_, Option<String>>(3)?
                            .and_then(|p| p.get(..10).and_then(|p| p.parse().ok())),
                        title: r.get(4)?,
                        url: r.get(5)?,
                    })
                }))?;
                docs.push(d);
            }
        }
        let coded: Vec<std::result::Result<Vec<EventRecord>, String>> = docs
            .par_iter()
            .map_init(CodeBuffers::default, |buf, d| {
                code_document(
                    &coder,
                    buf,
                    &d.doc_id,
                    &d.text,
                    d.lang.as_deref(),
                    d.published,
                    DocumentInfo {
                        title: d.title.as_deref(),
                        url: d.url.as_deref(),
                    },
                    opts.max_events_per_document,
                )
                .map(|c| c.events)
            })
            .collect();
        let path = store.path().to_path_buf();
        let sql = |source| crate::Error::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = store.conn.transaction().map_err(sql)?;
        let mut seeds: Vec<i64> = Vec::new();
        for (d, new) in docs.iter().zip(coded) {
            let Ok(new) = new else {
                out.errors += 1;
                continue;
            };
            out.documents += 1;
            let old: Vec<(i64, String)> = {
                let mut st = tx
                    .prepare_cached("SELECT seq, record FROM events WHERE document_id = ?1")
                    .map_err(sql)?;
                st.query_map([d.row], |r| Ok((r.get(0)?, r.get(1)?)))
                    .and_then(Iterator::collect)
                    .map_err(sql)?
            };
            let mut old_by_id: HashMap<String, (i64, EventRecord, String)> = HashMap::new();
            for (seq, json) in old {
                if let Ok(r) = serde_json::from_str::<EventRecord>(&json) {
                    old_by_id.insert(r.id.clone(), (seq, r, json));
                }
            }
            let mut removed: HashMap<Slot, EventRecord> = HashMap::new();
            let mut added: Vec<&EventRecord> = Vec::new();
            let new_ids: std::collections::HashSet<&str> =
                new.iter().map(|r| r.id.as_str()).collect();
            for r in &new {
                match old_by_id.get(&r.id) {
                    Some((_, _, json))
                        if serde_json::to_string(r).ok().as_deref() == Some(json.as_str()) =>
                    {
                        out.unchanged += 1;
                    }
                    _ => added.push(r),
                }
            }
            for (id, (seq, r, json)) in &old_by_id {
                let same = new_ids.contains(id.as_str())
                    && new.iter().any(|n| {
                        &n.id == id && serde_json::to_string(n).ok().as_deref() == Some(json)
                    });
                if !same {
                    seeds.extend(crate::events::remove_event(&tx, *seq).map_err(sql)?);
                    removed.insert(slot(r), r.clone());
                }
            }
            for r in added {
                let kind = match removed.remove(&slot(r)) {
                    Some(before) => {
                        out.changed += 1;
                        ("changed", short(&before))
                    }
                    None => {
                        out.added += 1;
                        ("added", String::new())
                    }
                };
                if out.examples.len() < opts.examples {
                    out.examples.push(RecodeChange {
                        doc_id: d.doc_id.clone(),
                        kind: kind.0,
                        sentence: r.sentence.index,
                        trigger: r.trigger.text.clone(),
                        before: kind.1,
                        after: short(r),
                    });
                }
                if let Some(seq) =
                    crate::events::insert_event(&tx, d.row, coder_id.0, r).map_err(sql)?
                {
                    seeds.push(seq);
                }
            }
            for r in removed.values() {
                out.removed += 1;
                if out.examples.len() < opts.examples {
                    out.examples.push(RecodeChange {
                        doc_id: d.doc_id.clone(),
                        kind: "removed",
                        sentence: r.sentence.index,
                        trigger: r.trigger.text.clone(),
                        before: short(r),
                        after: String::new(),
                    });
                }
            }
            tx.execute(
                "UPDATE events SET coder_id = ?1 WHERE document_id = ?2",
                params![coder_id.0, d.row],
            )
            .map_err(sql)?;
            tx.execute(
                "UPDATE documents SET coder_id = ?1 WHERE id = ?2",
                params![coder_id.0, d.row],
            )
            .map_err(sql)?;
        }
        seeds.sort_unstable();
        seeds.dedup();
        crate::cluster::recluster(&tx, &seeds).map_err(sql)?;
        tx.commit().map_err(sql)?;
    }
    out.elapsed = started.elapsed();
    Ok(out)
}
