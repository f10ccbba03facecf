//! The SQLite store: opening and migrating, writing batches, statistics.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use dyad_coder::EventRecord;
use dyad_text::{Document, Sentence};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::error::{Error, Result};
use crate::near_dup::{self, Fingerprint};
use crate::schema::{APPLICATION_ID, MIGRATIONS, RECLUSTER_AT, SCHEMA_VERSION};
use crate::stamp::CoderStamp;

/// A document's content hash: BLAKE3 over its identity and text. Two reads of the same
/// article give the same hash, so ingest is idempotent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(pub [u8; 32]);

impl ContentHash {
    /// The hash of a document: its id, URL, title, publication date, language and text.
    pub fn of(doc: &Document) -> ContentHash {
        let mut h = blake3::Hasher::new();
        let mut field = |s: &str| {
            h.update(&(s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        };
        field(doc.id.as_str());
        field(doc.url.as_deref().unwrap_or(""));
        field(doc.title.as_deref().unwrap_or(""));
        field(&doc.published.map(|d| d.to_string()).unwrap_or_default());
        field(doc.lang.as_deref().unwrap_or(""));
        field(&doc.text);
        ContentHash(*h.finalize().as_bytes())
    }

    /// The hash in hexadecimal.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// An ingest run's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RunId(pub i64);

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    /// Every input was read.
    Done,
    /// The run stopped on an error.
    Failed,
}

/// The row id of a coder stamp in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CoderId(pub i64);

/// A document ready to be stored, with its sentences and events.
#[derive(Debug, Clone)]
pub struct ProcessedDocument {
    /// The document.
    pub document: Document,
    /// Its content hash.
    pub hash: ContentHash,
    /// Its sentences.
    pub sentences: Vec<Sentence>,
    /// Its events (every modality and temporal status), when it was coded.
    pub events: Vec<EventRecord>,
    /// Why coding failed, when it did (the document is stored without events and recorded
    /// in the errors table; `dyad recode` tries again).
    pub coding_error: Option<String>,
    /// Its near-duplicate fingerprint.
    pub fingerprint: Option<Fingerprint>,
}

/// The source of a document for `num_sources`: the host of its URL, else its input path.
pub fn document_source(doc: &Document) -> String {
    if let Some(url) = &doc.url {
        let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
        if !host.is_empty() {
            return host.strip_prefix("www.").unwrap_or(&host).to_string();
        }
    }
    doc.source.path.clone()
}

/// A problem to record in the errors table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorRecord {
    /// True for a warning (the document was still read), false for an error.
    pub warning: bool,
    /// The input's path.
    pub path: String,
    /// The 1-based line or record, where one applies.
    pub line: Option<u64>,
    /// What happened.
    pub message: String,
}

/// What a batch write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Documents stored.
    pub documents_added: u64,
    /// Documents already in the store (same content hash).
    pub documents_skipped: u64,
    /// Sentences stored.
    pub sentences_added: u64,
    /// Events stored.
    pub events_added: u64,
    /// Stored documents found to be near-duplicates of stored ones.
    pub duplicates: u64,
    /// Errors and warnings recorded.
    pub errors: u64,
}

/// Counts over the whole store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Documents.
    pub documents: u64,
    /// Documents that are near-duplicates of others.
    pub duplicates: u64,
    /// Sentences.
    pub sentences: u64,
    /// Events (every modality and temporal status).
    pub events: u64,
    /// Events counted by default (asserted, not historical).
    pub counted_events: u64,
    /// Event clusters with a reported (asserted) event: clusters of announcements alone are
    /// not counted.
    pub clusters: u64,
    /// Ingest runs.
    pub runs: u64,
    /// Recorded errors (warnings excluded).
    pub errors: u64,
    /// Recorded warnings.
    pub warnings: u64,
}

/// The embedded dyad store.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
    /// On read-only connections, the `daily_totals` table as last read (series need it
    /// whole; it changes only when another connection commits): `None` on writers.
    pub(crate) totals: Option<std::cell::RefCell<Option<crate::query::TotalsSnapshot>>>,
}

/// Prepared statements kept per read-only connection (dyad series alone have 36 variants).
const READ_STATEMENT_CACHE: usize = 128;

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

/// Clusters with a representative (an asserted member), through `events_cluster`.
const COUNTED_CLUSTERS: &str = "SELECT count(*) FROM clusters c
    WHERE EXISTS (SELECT 1 FROM events e WHERE e.cluster_id = c.id AND e.cluster_rep = 1)";

impl Store {
    /// Opens (creating if needed) the store at `path`, migrating it to the current schema.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let conn = Connection::open(&path).map_err(|source| Error::Sqlite {
            path: path.clone(),
            source,
        })?;
        Store::init(conn, path)
    }

    /// Opens an existing store for reading only (queries, the HTTP server). The store must
    /// have the current schema (any write through this handle fails).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(|source| Error::Sqlite {
            path: path.clone(),
            source,
        })?;
        let store = Store {
            conn,
            path,
            totals: Some(std::cell::RefCell::new(None)),
        };
        store.sql(store.conn.busy_timeout(std::time::Duration::from_secs(30)))?;
        // A reader (the HTTP server) runs a few dozen distinct queries over and over: keep them
        // all prepared.
        store
            .conn
            .set_prepared_statement_cache_capacity(READ_STATEMENT_CACHE);
        let app: i32 = store.sql(
            store
                .conn
                .pragma_query_value(None, "application_id", |r| r.get(0)),
        )?;
        if app != APPLICATION_ID {
            return Err(Error::NotADyadStore {
                path: store.path.clone(),
                found: app,
            });
        }
        let version = store.schema_version()?;
        if version > SCHEMA_VERSION {
            return Err(Error::TooNew {
                path: store.path.clone(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version < SCHEMA_VERSION {
            return Err(Error::NeedsMigration {
                path: store.path.clone(),
                found: version,
                current: SCHEMA_VERSION,
            });
        }
        Ok(store)
    }

    /// SQLite's `PRAGMA data_version` of this connection: it changes when another connection,
    /// of this process or another, commits to the store (an ingest beside a server), so a
    /// reader can tell that what it computed before may be stale. Values of two connections
    /// are not comparable.
    pub fn data_version(&self) -> Result<i64> {
        let mut st = self.sql(self.conn.prepare_cached("PRAGMA data_version"))?;
        self.sql(st.query_row([], |r| r.get(0)))
    }

    /// How long a statement waits for a lock held by another connection before failing with
    /// "database is locked" (30 s when opened).
    pub fn set_busy_timeout(&self, timeout: std::time::Duration) -> Result<()> {
        self.sql(self.conn.busy_timeout(timeout))
    }

    /// An in-memory store, for tests and for coding without storing.
    pub fn open_in_memory() -> Result<Store> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|source| Error::Sqlite {
            path: path.clone(),
            source,
        })?;
        Store::init(conn, path)
    }

    pub(crate) fn sql<T>(&self, r: rusqlite::Result<T>) -> Result<T> {
        r.map_err(|source| Error::Sqlite {
            path: self.path.clone(),
            source,
        })
    }

    fn init(conn: Connection, path: PathBuf) -> Result<Store> {
        let mut store = Store {
            conn,
            path,
            totals: None,
        };
        store.sql(store.conn.busy_timeout(std::time::Duration::from_secs(30)))?;
        store.sql(store.conn.pragma_update(None, "foreign_keys", true))?;
        if store.path != Path::new(":memory:") {
            store.sql(store.conn.pragma_update(None, "journal_mode", "wal"))?;
            // In WAL mode, NORMAL keeps the store consistent after a crash (a process kill
            // loses nothing committed; a power loss may lose the last transactions).
            store.sql(store.conn.pragma_update(None, "synchronous", "normal"))?;
            // A page cache of 64 MiB (SQLite's default is 2 MiB): a batch touches pages all
            // over the events indexes, and a small cache spills dirty pages to the WAL in the
            // middle of the transaction and reads them back, which made the writer the
            // bottleneck of ingest in a store of a few hundred thousand events (profile:
            // `pagerStress`, `readDbPage`). Memory stays bounded by it.
            store.sql(store.conn.pragma_update(None, "cache_size", -65_536))?;
        }
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<()> {
        let app: i32 = self.sql(
            self.conn
                .pragma_query_value(None, "application_id", |r| r.get(0)),
        )?;
        let version: i64 = self.sql(
            self.conn
                .pragma_query_value(None, "user_version", |r| r.get(0)),
        )?;
        let tables: i64 = self.sql(self.conn.query_row(
            "SELECT count(*) FROM sqlite_master",
            [],
            |r| r.get(0),
        ))?;
        if app != APPLICATION_ID && !(app == 0 && tables == 0) {
            return Err(Error::NotADyadStore {
                path: self.path.clone(),
                found: app,
            });
        }
        if version > SCHEMA_VERSION {
            return Err(Error::TooNew {
                path: self.path.clone(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        let path = self.path.clone();
        let err = |source| Error::Sqlite {
            path: path.clone(),
            source,
        };
        for (v, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = self.conn.transaction().map_err(err)?;
            tx.execute_batch(sql)
                .and_then(|()| {
                    if v as i64 + 1 == RECLUSTER_AT {
                        crate::cluster::rebuild(&tx)
                    } else {
                        Ok(())
                    }
                })
                .and_then(|()| tx.pragma_update(None, "application_id", APPLICATION_ID))
                .and_then(|()| tx.pragma_update(None, "user_version", v as i64 + 1))
                .and_then(|()| tx.commit())
                .map_err(err)?;
        }
        Ok(())
    }

    /// The store's path (`:memory:` for an in-memory store).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The store's schema version.
    pub fn schema_version(&self) -> Result<i64> {
        self.sql(
            self.conn
                .pragma_query_value(None, "user_version", |r| r.get(0)),
        )
    }

    /// Starts an ingest run. Runs left `running` by a killed process are marked `interrupted`.
    pub fn begin_run(&mut self, inputs: &[String]) -> Result<RunId> {
        let inputs = serde_json::to_string(inputs).unwrap_or_else(|_| "[]".into());
        let path = self.path.clone();
        let err = |source| Error::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute(
            "UPDATE runs SET status = 'interrupted' WHERE status = 'running'",
            [],
        )
        .map_err(err)?;
        tx.execute(
            "INSERT INTO runs (started_at, status, dyad_version, inputs) VALUES (?1, 'running', ?2, ?3)",
            params![now(), env!("CARGO_PKG_VERSION"), inputs],
        )
        .map_err(err)?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(err)?;
        Ok(RunId(id))
    }

    /// Ends a run.
    pub fn finish_run(&mut self, run: RunId, status: RunStatus) -> Result<()> {
        let status = match status {
            RunStatus::Done => "done",
            RunStatus::Failed => "failed",
        };
        let r = self.conn.execute(
            "UPDATE runs SET status = ?1, finished_at = ?2 WHERE id = ?3",
            params![status, now(), run.0],
        );
        self.sql(r).map(|_| ())
    }

    /// The content hashes of every stored document (to skip known documents before coding).
    pub fn known_hashes(&self) -> Result<HashSet<ContentHash>> {
        let mut stmt = self.sql(self.conn.prepare("SELECT content_hash FROM documents"))?;
        let rows = self.sql(stmt.query_map([], |r| r.get::<_, Vec<u8>>(0)))?;
        let mut out = HashSet::new();
        for row in rows {
            let bytes = self.sql(row)?;
            if let Ok(arr) = <[u8; 32]>::try_from(bytes.as_slice()) {
                out.insert(ContentHash(arr));
            }
        }
        Ok(out)
    }

    /// Writes documents (with their sentences) and error records in one transaction, and
    /// adds the counts to the run. Documents whose hash is already stored are skipped. Either
    /// the whole batch is stored or none of it is.
    pub fn write_batch(
        &mut self,
        run: RunId,
        coder: CoderId,
        docs: &[ProcessedDocument],
        errors: &[ErrorRecord],
    ) -> Result<BatchOutcome> {
        let path = self.path.clone();
        let sql = |r| Error::Sqlite {
            path: path.clone(),
            source: r,
        };
        let tx = self.conn.transaction().map_err(sql)?;
        let mut out = BatchOutcome::default();
        {
            let mut insert_doc = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO documents (content_hash, doc_id, url, title, published, lang, teaser, text,
                     source_path, source_line, format, run_id, ingested_at, source, report_day, fingerprint, coder_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                )
                .map_err(sql)?;
            let mut insert_sentence = tx
                .prepare_cached("INSERT INTO sentences (document_id, idx, kind, start, \"end\") VALUES (?1, ?2, ?3, ?4, ?5)")
                .map_err(sql)?;
            let mut insert_error = tx
                .prepare_cached(
                    "INSERT INTO errors (run_id, severity, path, line, message, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(sql)?;
            let at = now();
            let mut new_events: Vec<i64> = Vec::new();
            let mut coding_errors: Vec<ErrorRecord> = Vec::new();
            for p in docs {
                let d = &p.document;
                let report_day = d
                    .published
                    .and_then(|x| crate::days::parse_day(&x.to_string()));
                let n = insert_doc
                    .execute(params![
                        &p.hash.0[..],
                        d.id.as_str(),
                        d.url,
                        d.title,
                        d.published.map(|x| x.to_string()),
                        d.lang,
                        d.teaser,
                        d.text,
                        d.source.path,
                        d.source.line.map(|l| l as i64),
                        d.source.format.name(),
                        run.0,
                        at,
                        document_source(d),
                        report_day,
                        p.fingerprint.as_ref().map(Fingerprint::to_bytes),
                        p.coding_error.is_none().then_some(coder.0),
                    ])
                    .map_err(sql)?;
                if n == 0 {
                    out.documents_skipped += 1;
                    continue;
                }
                out.documents_added += 1;
                let doc_row = tx.last_insert_rowid();
                crate::events::count_document(&tx, report_day).map_err(sql)?;
                if let Some(fp) = &p.fingerprint
                    && mark_duplicate(&tx, doc_row, &d.text, fp).map_err(sql)?
                {
                    out.duplicates += 1;
                }
                for e in &p.events {
                    if let Some(seq) =
                        crate::events::insert_event(&tx, doc_row, coder.0, e).map_err(sql)?
                    {
                        new_events.push(seq);
                        out.events_added += 1;
                    }
                }
                if let Some(msg) = &p.coding_error {
                    coding_errors.push(ErrorRecord {
                        warning: false,
                        path: d.source.path.clone(),
                        line: d.source.line,
                        message: format!("document {}: coding failed: {msg}", d.id.as_str()),
                    });
                }
                for s in &p.sentences {
                    insert_sentence
                        .execute(params![
                            doc_row,
                            s.index as i64,
                            s.kind.name(),
                            s.span.start as i64,
                            s.span.end as i64
                        ])
                        .map_err(sql)?;
                    out.sentences_added += 1;
                }
            }
            crate::cluster::add_events(&tx, &new_events).map_err(sql)?;
            for e in errors.iter().chain(&coding_errors) {
                insert_error
                    .execute(params![
                        run.0,
                        if e.warning { "warning" } else { "error" },
                        e.path,
                        e.line.map(|l| l as i64),
                        e.message,
                        at
                    ])
                    .map_err(sql)?;
                out.errors += 1;
            }
            tx.execute(
                "UPDATE runs SET documents_added = documents_added + ?1, documents_skipped = documents_skipped + ?2,
                 sentences_added = sentences_added + ?3, errors = errors + ?4, events_added = events_added + ?6
                 WHERE id = ?5",
                params![
                    out.documents_added as i64,
                    out.documents_skipped as i64,
                    out.sentences_added as i64,
                    out.errors as i64,
                    run.0,
                    out.events_added as i64
                ],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(out)
    }

    /// The row id of a coder stamp, added if new.
    pub fn coder_id(&mut self, stamp: &CoderStamp) -> Result<CoderId> {
        let r = self.conn.execute(
            "INSERT OR IGNORE INTO coders (dyad_version, lexicon_hash, model_hash) VALUES (?1, ?2, ?3)",
            params![stamp.dyad_version, stamp.lexicon_hash, stamp.model_hash],
        );
        self.sql(r)?;
        let id = self.sql(self.conn.query_row(
            "SELECT id FROM coders WHERE dyad_version = ?1 AND lexicon_hash = ?2 AND model_hash = ?3",
            params![stamp.dyad_version, stamp.lexicon_hash, stamp.model_hash],
            |r| r.get(0),
        ))?;
        Ok(CoderId(id))
    }

    /// Adds skipped documents (known before coding) to a run's counts.
    pub fn add_skipped(&mut self, run: RunId, skipped: u64) -> Result<()> {
        let r = self.conn.execute(
            "UPDATE runs SET documents_skipped = documents_skipped + ?1 WHERE id = ?2",
            params![skipped as i64, run.0],
        );
        self.sql(r).map(|_| ())
    }

    /// Counts over the whole store.
    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<u64> {
            self.sql(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0)))
                .map(|n| n as u64)
        };
        Ok(Stats {
            documents: count("SELECT count(*) FROM documents")?,
            duplicates: count("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL")?,
            sentences: count("SELECT count(*) FROM sentences")?,
            events: count("SELECT count(*) FROM events")?,
            counted_events: count(
                "SELECT count(*) FROM events WHERE modality = 'asserted' AND temporal_status <> 'historical'",
            )?,
            clusters: count(COUNTED_CLUSTERS)?,
            runs: count("SELECT count(*) FROM runs")?,
            errors: count("SELECT count(*) FROM errors WHERE severity = 'error'")?,
            warnings: count("SELECT count(*) FROM errors WHERE severity = 'warning'")?,
        })
    }

    /// The status of a run, if it exists.
    pub fn run_status(&self, run: RunId) -> Result<Option<String>> {
        self.sql(
            self.conn
                .query_row("SELECT status FROM runs WHERE id = ?1", [run.0], |r| {
                    r.get(0)
                })
                .optional(),
        )
    }

    /// Runs SQLite's integrity and foreign-key checks.
    pub fn integrity_check(&self) -> Result<()> {
        let mut stmt = self.sql(self.conn.prepare("PRAGMA integrity_check"))?;
        let rows: Vec<String> =
            self.sql(stmt.query_map([], |r| r.get(0)).and_then(Iterator::collect))?;
        if rows != ["ok"] {
            return Err(Error::Integrity {
                path: self.path.clone(),
                problems: rows.join("; "),
            });
        }
        let mut stmt = self.sql(self.conn.prepare("PRAGMA foreign_key_check"))?;
        let bad: Vec<String> = self.sql(
            stmt.query_map([], |r| r.get::<_, String>(0))
                .and_then(Iterator::collect),
        )?;
        if !bad.is_empty() {
            return Err(Error::Integrity {
                path: self.path.clone(),
                problems: format!("foreign keys broken in {}", bad.join(", ")),
            });
        }
        Ok(())
    }
}

/// Looks for a stored near-duplicate of a new document (LSH band candidates confirmed by the
/// exact shingle Jaccard) and records it in `duplicate_of` (the earliest stored copy's
/// original); stores the document's bands. Returns whether it is a duplicate.
fn mark_duplicate(
    conn: &Connection,
    doc_row: i64,
    text: &str,
    fp: &Fingerprint,
) -> rusqlite::Result<bool> {
    let bands = fp.bands();
    let mut candidates: Vec<i64> = Vec::new();
    {
        let mut st = conn.prepare_cached(
            "SELECT document_id FROM document_bands WHERE band = ?1 ORDER BY document_id LIMIT 16",
        )?;
        for b in &bands {
            for id in st.query_map([b], |r| r.get::<_, i64>(0))? {
                candidates.push(id?);
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut found = None;
    if !candidates.is_empty() {
        let mine = near_dup::shingles(text);
        let mut st = conn.prepare_cached(
            "SELECT fingerprint, text, coalesce(duplicate_of, id) FROM documents WHERE id = ?1",
        )?;
        for c in candidates {
            let (bytes, other, original): (Option<Vec<u8>>, String, i64) =
                st.query_row([c], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            let close = bytes
                .as_deref()
                .and_then(Fingerprint::from_bytes)
                .is_some_and(|f| f.estimate(fp) >= 0.6);
            if close && near_dup::jaccard(&mine, &near_dup::shingles(&other)) >= near_dup::THRESHOLD
            {
                found = Some(original);
                break;
            }
        }
    }
    if let Some(original) = found {
        conn.prepare_cached("UPDATE documents SET duplicate_of = ?1 WHERE id = ?2")?
            .execute(params![original, doc_row])?;
    }
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO document_bands (band, document_id) VALUES (?1, ?2)",
    )?;
    for b in bands {
        insert.execute(params![b, doc_row])?;
    }
    Ok(found.is_some())
}
