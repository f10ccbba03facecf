//! The PostgreSQL store: connecting and migrating, runs, coder stamps, writing batches,
//! statistics.

use std::time::Duration;

use dyad_coder::EventRecord;
use dyad_store::near_dup::{self, Fingerprint};
use dyad_store::store::document_source;
use dyad_store::{
    BatchOutcome, CoderId, CoderStamp, ContentHash, ErrorRecord, ProcessedDocument, RunId,
    RunStatus, Stats,
};
use postgres::{NoTls, Transaction};
use r2d2_postgres::PostgresConnectionManager;
use r2d2_postgres::r2d2::{Pool, PooledConnection};

use crate::error::{Error, Result};
use crate::rollup::{add_event, add_total};
use crate::schema::{APPLICATION, MIGRATION_LOCK, MIGRATIONS, SCHEMA_VERSION};

/// The advisory lock every write transaction takes first ("dyadwrit" in ASCII).
///
/// Writers (the queue workers, on any machine) code documents in parallel, but store them one
/// transaction at a time, as the SQLite store's single writer does: the near-duplicate test
/// and the clusters see every committed document and event, so two workers storing reports
/// of one event at the same moment still end with one cluster, and the result does not
/// depend on which worker stored what. The lock is released at commit or rollback.
pub const WRITE_LOCK: i64 = 0x6479_6164_7772_6974;

pub(crate) type Conn = PooledConnection<PostgresConnectionManager<NoTls>>;

/// The shared dyad store on PostgreSQL. Cheap to clone (a pool of connections); `Send + Sync`.
#[derive(Clone)]
pub struct PgStore {
    pool: Pool<PostgresConnectionManager<NoTls>>,
    database: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("database", &self.database)
            .finish_non_exhaustive()
    }
}

/// A connection URL with its password replaced by `***` (for messages).
pub fn redact_url(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((userinfo, host)) = rest.split_once('@')
        && let Some((user, _)) = userinfo.split_once(':')
    {
        return format!("{scheme}://{user}:***@{host}");
    }
    url.to_string()
}

pub(crate) fn now() -> String {
    jiff::Timestamp::now().to_string()
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user@host:port/db` or a key-value
    /// string), with a pool of at most `max_connections`, and migrates it to the current
    /// schema.
    pub fn connect(url: &str, max_connections: u32) -> Result<PgStore> {
        let database = redact_url(url);
        let config: postgres::Config = url.parse().map_err(|source| Error::Url {
            url: database.clone(),
            source,
        })?;
        let manager = PostgresConnectionManager::new(config, NoTls);
        let pool = Pool::builder()
            .max_size(max_connections.max(1))
            .connection_timeout(Duration::from_secs(10))
            .build(manager)
            .map_err(|source| Error::Pool {
                database: database.clone(),
                source,
            })?;
        let store = PgStore { pool, database };
        store.migrate()?;
        Ok(store)
    }

    /// The database (URL without its password).
    pub fn database(&self) -> &str {
        &self.database
    }

    pub(crate) fn conn(&self) -> Result<Conn> {
        self.pool.get().map_err(|source| Error::Pool {
            database: self.database.clone(),
            source,
        })
    }

    /// Maps a driver error to [`Error::Postgres`] saying what failed.
    pub(crate) fn err(&self, what: &'static str) -> impl Fn(postgres::Error) -> Error + '_ {
        move |source| Error::Postgres {
            database: self.database.clone(),
            what,
            source,
        }
    }

    fn migrate(&self) -> Result<()> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction().map_err(self.err("migrating"))?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .map_err(self.err("locking for migration"))?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS dyad_schema (application TEXT NOT NULL, version BIGINT NOT NULL)",
        )
        .map_err(self.err("creating dyad_schema"))?;
        let row = tx
            .query_opt("SELECT application, version FROM dyad_schema", &[])
            .map_err(self.err("reading the schema version"))?;
        let version = match row {
            Some(r) => {
                let app: String = r.get(0);
                if app != APPLICATION {
                    return Err(Error::NotADyadStore {
                        database: self.database.clone(),
                        found: app,
                    });
                }
                r.get::<_, i64>(1)
            }
            None => {
                tx.execute(
                    "INSERT INTO dyad_schema (application, version) VALUES ($1, 0)",
                    &[&APPLICATION],
                )
                .map_err(self.err("initialising dyad_schema"))?;
                0
            }
        };
        if version > SCHEMA_VERSION {
            return Err(Error::TooNew {
                database: self.database.clone(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        for (v, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.batch_execute(sql).map_err(self.err("migrating"))?;
            tx.execute("UPDATE dyad_schema SET version = $1", &[&(v as i64 + 1)])
                .map_err(self.err("migrating"))?;
        }
        tx.commit().map_err(self.err("committing the migration"))
    }

    /// The store's schema version.
    pub fn schema_version(&self) -> Result<i64> {
        let mut conn = self.conn()?;
        let row = conn
            .query_one("SELECT version FROM dyad_schema", &[])
            .map_err(self.err("reading the schema version"))?;
        Ok(row.get(0))
    }

    /// Starts a run (an ingest, or a worker's life). Unlike the SQLite store, other runs
    /// left `running` are not marked interrupted: many workers run at once.
    pub fn begin_run(&self, inputs: &[String]) -> Result<RunId> {
        let inputs = serde_json::to_string(inputs).unwrap_or_else(|_| "[]".into());
        let mut conn = self.conn()?;
        let row = conn
            .query_one(
                "INSERT INTO runs (started_at, status, dyad_version, inputs) VALUES ($1, 'running', $2, $3) RETURNING id",
                &[&now(), &env!("CARGO_PKG_VERSION"), &inputs],
            )
            .map_err(self.err("starting a run"))?;
        Ok(RunId(row.get(0)))
    }

    /// Ends a run.
    pub fn finish_run(&self, run: RunId, status: RunStatus) -> Result<()> {
        let status = match status {
            RunStatus::Done => "done",
            RunStatus::Failed => "failed",
        };
        let mut conn = self.conn()?;
        conn.execute(
            "UPDATE runs SET status = $1, finished_at = $2 WHERE id = $3",
            &[&status, &now(), &run.0],
        )
        .map_err(self.err("finishing a run"))?;
        Ok(())
    }

    /// The status of a run, if it exists.
    pub fn run_status(&self, run: RunId) -> Result<Option<String>> {
        let mut conn = self.conn()?;
        let row = conn
            .query_opt("SELECT status FROM runs WHERE id = $1", &[&run.0])
            .map_err(self.err("reading a run"))?;
        Ok(row.map(|r| r.get(0)))
    }

    /// The row id of a coder stamp, added if new.
    pub fn coder_id(&self, stamp: &CoderStamp) -> Result<CoderId> {
        let mut conn = self.conn()?;
        conn.execute(
            "INSERT INTO coders (dyad_version, lexicon_hash, model_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[&stamp.dyad_version, &stamp.lexicon_hash, &stamp.model_hash],
        )
        .map_err(self.err("adding a coder stamp"))?;
        let row = conn
            .query_one(
                "SELECT id FROM coders WHERE dyad_version = $1 AND lexicon_hash = $2 AND model_hash = $3",
                &[&stamp.dyad_version, &stamp.lexicon_hash, &stamp.model_hash],
            )
            .map_err(self.err("reading a coder stamp"))?;
        Ok(CoderId(row.get(0)))
    }

    /// Is a document with this content hash stored (to skip coding it again)?
    pub fn has_document(&self, hash: &ContentHash) -> Result<bool> {
        let mut conn = self.conn()?;
        let row = conn
            .query_opt(
                "SELECT 1 FROM documents WHERE content_hash = $1",
                &[&&hash.0[..]],
            )
            .map_err(self.err("looking up a document"))?;
        Ok(row.is_some())
    }

    /// Records errors and warnings of a run (e.g. a document sent to the dead-letter subject).
    pub fn record_errors(&self, run: RunId, errors: &[ErrorRecord]) -> Result<()> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction().map_err(self.err("recording errors"))?;
        insert_errors(&mut tx, run, errors).map_err(self.err("recording errors"))?;
        tx.execute(
            "UPDATE runs SET errors = errors + $1 WHERE id = $2",
            &[&(errors.len() as i64), &run.0],
        )
        .map_err(self.err("recording errors"))?;
        tx.commit().map_err(self.err("recording errors"))
    }

    /// Writes documents (with their sentences, events, rollups and clusters) and error
    /// records in one transaction, and adds the counts to the run. Documents whose hash is
    /// already stored are skipped. Either the whole batch is stored or none of it is.
    ///
    /// The transaction first takes [`WRITE_LOCK`], so concurrent writers store one batch at
    /// a time and clusters are merged in the database, never in a worker's memory.
    pub fn write_batch(
        &self,
        run: RunId,
        coder: CoderId,
        docs: &[ProcessedDocument],
        errors: &[ErrorRecord],
    ) -> Result<BatchOutcome> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction().map_err(self.err("starting a write"))?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
            .map_err(self.err("taking the write lock"))?;
        let mut out = BatchOutcome::default();
        let at = now();
        let insert_doc = tx
            .prepare(
                "INSERT INTO documents (content_hash, doc_id, url, title, published, lang, teaser, text,
                 source_path, source_line, format, run_id, ingested_at, source, report_day, fingerprint, coder_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                 ON CONFLICT (content_hash) DO NOTHING RETURNING id",
            )
            .map_err(self.err("preparing the document insert"))?;
        let mut new_events: Vec<i64> = Vec::new();
        let mut coding_errors: Vec<ErrorRecord> = Vec::new();
        for p in docs {
            let d = &p.document;
            let report_day = d
                .published
                .and_then(|x| dyad_store::days::parse_day(&x.to_string()));
            let row = tx
                .query_opt(
                    &insert_doc,
                    &[
                        &&p.hash.0[..],
                        &d.id.as_str(),
                        &d.url,
                        &d.title,
                        &d.published.map(|x| x.to_string()),
                        &d.lang,
                        &d.teaser,
                        &d.text,
                        &d.source.path,
                        &d.source.line.map(|l| l as i64),
                        &d.source.format.name(),
                        &run.0,
                        &at,
                        &document_source(d),
                        &report_day,
                        &p.fingerprint.as_ref().map(Fingerprint::to_bytes),
                        &p.coding_error.is_none().then_some(coder.0),
                    ],
                )
                .map_err(self.err("storing a document"))?;
            let Some(row) = row else {
                out.documents_skipped += 1;
                continue;
            };
            out.documents_added += 1;
            let doc_row: i64 = row.get(0);
            if let Some(day) = report_day {
                add_total(&mut tx, day, false, 1, 0, 0).map_err(self.err("counting a document"))?;
            }
            if let Some(fp) = &p.fingerprint
                && mark_duplicate(&mut tx, doc_row, &d.text, fp)
                    .map_err(self.err("looking for near-duplicates"))?
            {
                out.duplicates += 1;
            }
            let prefix = &p.hash.to_hex()[..8];
            for e in &p.events {
                if let Some(seq) = insert_event(&mut tx, doc_row, prefix, coder.0, e)
                    .map_err(self.err("storing an event"))?
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
            if !p.sentences.is_empty() {
                let idx: Vec<i64> = p.sentences.iter().map(|s| s.index as i64).collect();
                let kind: Vec<&str> = p.sentences.iter().map(|s| s.kind.name()).collect();
                let start: Vec<i64> = p.sentences.iter().map(|s| s.span.start as i64).collect();
                let end: Vec<i64> = p.sentences.iter().map(|s| s.span.end as i64).collect();
                tx.execute(
                    "INSERT INTO sentences (document_id, idx, kind, start, \"end\")
                     SELECT $1, * FROM unnest($2::BIGINT[], $3::TEXT[], $4::BIGINT[], $5::BIGINT[])",
                    &[&doc_row, &idx, &kind, &start, &end],
                )
                .map_err(self.err("storing sentences"))?;
                out.sentences_added += p.sentences.len() as u64;
            }
        }
        crate::cluster::recluster(&mut tx, &new_events).map_err(self.err("clustering events"))?;
        let all_errors: Vec<ErrorRecord> = errors.iter().chain(&coding_errors).cloned().collect();
        insert_errors(&mut tx, run, &all_errors).map_err(self.err("recording errors"))?;
        out.errors = all_errors.len() as u64;
        tx.execute(
            "UPDATE runs SET documents_added = documents_added + $1, documents_skipped = documents_skipped + $2,
             sentences_added = sentences_added + $3, errors = errors + $4, events_added = events_added + $5
             WHERE id = $6",
            &[
                &(out.documents_added as i64),
                &(out.documents_skipped as i64),
                &(out.sentences_added as i64),
                &(out.errors as i64),
                &(out.events_added as i64),
                &run.0,
            ],
        )
        .map_err(self.err("counting the run"))?;
        tx.commit().map_err(self.err("committing a write"))?;
        Ok(out)
    }

    /// Counts over the whole store.
    pub fn stats(&self) -> Result<Stats> {
        let mut conn = self.conn()?;
        let row = conn
            .query_one(
                "SELECT (SELECT count(*) FROM documents),
                        (SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL),
                        (SELECT count(*) FROM sentences),
                        (SELECT count(*) FROM events),
                        (SELECT count(*) FROM events WHERE modality = 'asserted' AND temporal_status <> 'historical'),
                        (SELECT count(*) FROM clusters c WHERE EXISTS
                            (SELECT 1 FROM events e WHERE e.cluster_id = c.id AND e.cluster_rep)),
                        (SELECT count(*) FROM runs),
                        (SELECT count(*) FROM errors WHERE severity = 'error'),
                        (SELECT count(*) FROM errors WHERE severity = 'warning')",
                &[],
            )
            .map_err(self.err("counting"))?;
        let n = |i: usize| row.get::<_, i64>(i) as u64;
        Ok(Stats {
            documents: n(0),
            duplicates: n(1),
            sentences: n(2),
            events: n(3),
            counted_events: n(4),
            clusters: n(5),
            runs: n(6),
            errors: n(7),
            warnings: n(8),
        })
    }
}

fn insert_errors(
    tx: &mut Transaction<'_>,
    run: RunId,
    errors: &[ErrorRecord],
) -> Result<(), postgres::Error> {
    if errors.is_empty() {
        return Ok(());
    }
    let st = tx.prepare(
        "INSERT INTO errors (run_id, severity, path, line, message, at) VALUES ($1, $2, $3, $4, $5, $6)",
    )?;
    let at = now();
    for e in errors {
        tx.execute(
            &st,
            &[
                &run.0,
                &if e.warning { "warning" } else { "error" },
                &e.path,
                &e.line.map(|l| l as i64),
                &e.message,
                &at,
            ],
        )?;
    }
    Ok(())
}

/// Stores one event of a stored document; returns its sequence number, or `None` when the
/// document already holds an event with this id. `hash_prefix`: the first 8 hex digits of the
/// document's content hash (the event's uid is `id-prefix`, as in the SQLite store).
fn insert_event(
    tx: &mut Transaction<'_>,
    document: i64,
    hash_prefix: &str,
    coder: i64,
    r: &EventRecord,
) -> Result<Option<i64>, postgres::Error> {
    // Serialising a record of plain strings and numbers cannot fail.
    let json = serde_json::to_string(r).unwrap_or_default();
    let interval = dyad_store::record_days(r);
    let key = |code: &str, iso3: Option<&str>, sectors: &[String]| {
        dyad_store::cluster::ActorKey::new(code, iso3, sectors).country
    };
    let source_key = key(
        &r.source.code,
        r.source.country_iso3.as_deref(),
        &r.source.sectors,
    );
    let target_key = r
        .target
        .as_ref()
        .map(|t| key(&t.code, t.country_iso3.as_deref(), &t.sectors));
    let loc = r.location.as_ref();
    let uid = format!("{}-{hash_prefix}", r.id);
    let row = tx.query_opt(
        "INSERT INTO events (uid, id, document_id, sentence_idx, trigger_start, trigger_end,
         source_code, source_iso3, source_sectors, target_code, target_iso3, target_sectors, \"symmetric\",
         cameo, root, quad_class, goldstein, modality, temporal_status, date, date_precision,
         date_start, date_end, report_date, location_name, location_lat, location_lon, location_iso3,
         location_geonameid, location_precision, is_root, rule, source_key, target_key, record, coder_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
         $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36)
         ON CONFLICT (id, document_id) DO NOTHING RETURNING seq",
        &[
            &uid,
            &r.id,
            &document,
            &(r.sentence.index as i64),
            &(r.trigger.start as i64),
            &(r.trigger.end as i64),
            &r.source.code,
            &r.source.country_iso3,
            &r.source.sectors.join(","),
            &r.target.as_ref().map(|t| &t.code),
            &r.target.as_ref().and_then(|t| t.country_iso3.as_ref()),
            &r.target.as_ref().map(|t| t.sectors.join(",")),
            &r.symmetric,
            &r.cameo,
            &r.cameo_root,
            &i64::from(r.quad_class),
            &r.goldstein.map(f64::from),
            &r.modality,
            &r.temporal_status,
            &r.date,
            &r.date_precision,
            &interval.map(|i| i.0),
            &interval.map(|i| i.1),
            &r.report_date,
            &loc.map(|l| &l.name),
            &loc.map(|l| l.lat),
            &loc.map(|l| l.lon),
            &loc.and_then(|l| l.country_iso3.as_ref()),
            &loc.and_then(|l| l.geonameid.map(i64::from)),
            &loc.map(|l| &l.precision),
            &r.is_root,
            &r.rule,
            &source_key,
            &target_key,
            &json,
            &coder,
        ],
    )?;
    let Some(row) = row else {
        return Ok(None);
    };
    let seq: i64 = row.get(0);
    if let Some((key, c)) = dyad_store::record_rollup(r) {
        add_event(tx, &key, &c, 1)?;
    }
    let actor = tx.prepare(
        "INSERT INTO actors (code, name, events) VALUES ($1, $2, 1)
         ON CONFLICT (code, name) DO UPDATE SET events = actors.events + 1",
    )?;
    for a in std::iter::once(&r.source).chain(r.target.as_ref()) {
        tx.execute(&actor, &[&a.code, &a.name.as_deref().unwrap_or(&a.text)])?;
    }
    Ok(Some(seq))
}

/// Looks for a stored near-duplicate of a new document (LSH band candidates confirmed by the
/// exact shingle Jaccard, as the SQLite store does) and records it in `duplicate_of`; stores
/// the document's bands. Returns whether it is a duplicate.
fn mark_duplicate(
    tx: &mut Transaction<'_>,
    doc_row: i64,
    text: &str,
    fp: &Fingerprint,
) -> Result<bool, postgres::Error> {
    let bands = fp.bands();
    let mut candidates: Vec<i64> = Vec::new();
    let st = tx.prepare(
        "SELECT document_id FROM document_bands WHERE band = $1 ORDER BY document_id LIMIT 16",
    )?;
    for b in &bands {
        for row in tx.query(&st, &[b])? {
            candidates.push(row.get(0));
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut found = None;
    if !candidates.is_empty() {
        let mine = near_dup::shingles(text);
        let st = tx.prepare(
            "SELECT fingerprint, text, coalesce(duplicate_of, id) FROM documents WHERE id = $1",
        )?;
        for c in candidates {
            let row = tx.query_one(&st, &[&c])?;
            let bytes: Option<Vec<u8>> = row.get(0);
            let other: String = row.get(1);
            let original: i64 = row.get(2);
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
        tx.execute(
            "UPDATE documents SET duplicate_of = $1 WHERE id = $2",
            &[&original, &doc_row],
        )?;
    }
    tx.execute(
        "INSERT INTO document_bands (band, document_id) SELECT unnest($1::BIGINT[]), $2 ON CONFLICT DO NOTHING",
        &[&bands, &doc_row],
    )?;
    Ok(found.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted_from_urls() {
        assert_eq!(
            redact_url("postgres://dyad:secret@db.example:5432/dyad"),
            "postgres://dyad:***@db.example:5432/dyad"
        );
        assert_eq!(
            redact_url("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
        assert_eq!(redact_url("host=db user=dyad"), "host=db user=dyad");
    }
}
