//! The store's schema and its migrations.
//!
//! The schema version lives in SQLite's `user_version`; `application_id` marks the file as a
//! dyad store. Opening a store applies, in one transaction each, the migrations it lacks; a
//! store from a newer dyad is refused rather than damaged.
//!
//! Version 2 adds coded events and what follows from them:
//!
//! - `coders`: one row per (dyad version, lexicon hash, model hash) that coded something;
//!   `documents.coder_id` and `events.coder_id` point to it, so `dyad recode` knows what is stale;
//! - `events`: one row per event (`uid`: its record id and its document's content hash, as the
//!   same text published twice gives the same record id), its [`dyad_coder::EventRecord`] as JSON plus the columns
//!   that queries filter on (actors, CAMEO, QuadClass, Goldstein, modality, dates as day
//!   numbers — days since 1970-01-01 — for interval overlap, location) and its cluster;
//! - `clusters`: connected components of compatible events across articles (see
//!   [`crate::cluster`]), with GDELT-style article and source counts;
//! - `dyad_daily` and `daily_totals`: rollups kept in the same transaction as the events,
//!   so a dyad series reads a few hundred rows whatever the size of the store;
//! - `actors`: every actor code seen, with the names it was seen under (autocomplete);
//! - documents gain a near-duplicate fingerprint (MinHash of word shingles, with LSH bands
//!   in `document_bands`) and `duplicate_of`.
//!
//! Version 3 keeps ingest as fast at a million events as at a thousand, and adds the
//! one-a-day count:
//!
//! - indexes for the clustering probes: `events_pair` (source key, target key, first day) and
//!   `events_target_key` (target key, first day), and `events_cluster` on (cluster, is
//!   representative) so a cluster's representative is found without reading its members;
//! - `clusters.piece`: the cluster was cut from a component spanning three days or more (see
//!   [`crate::cluster`]); the clusters are recomputed under version 3's rule (aligned windows);
//! - `dyad_daily_codes`: per (source, target, day, CAMEO code) the number of current and of
//!   historical asserted events, so a series can count one event a day per dyad and code
//!   ([`crate::query::Count::Daily`]); `daily_totals.daily` holds the day's one-a-day total.
//!
//! Version 4 changes no table: announced events (future modality, dated to at most three
//! days) join the clusters of the events they announce, without counting (see
//! [`crate::cluster`]); the clusters are recomputed under that rule.

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 4;

/// `PRAGMA application_id` of a dyad store: "dyad" in ASCII.
pub const APPLICATION_ID: i32 = 0x6479_6164;

/// Migrations: `MIGRATIONS[i]` takes a store from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2, V3, V4];

/// The version whose migration also recomputes every cluster (in Rust, after its SQL). The
/// latest rule change wins: a version-2 store migrated to 3 then 4 is reclustered once, at 4.
pub(crate) const RECLUSTER_AT: i64 = 4;

const V1: &str = r#"
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'interrupted', 'failed')),
    dyad_version TEXT NOT NULL,
    inputs TEXT NOT NULL,
    documents_added INTEGER NOT NULL DEFAULT 0,
    documents_skipped INTEGER NOT NULL DEFAULT 0,
    sentences_added INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    content_hash BLOB NOT NULL UNIQUE,
    doc_id TEXT NOT NULL,
    url TEXT,
    title TEXT,
    published TEXT,
    lang TEXT,
    teaser INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    source_path TEXT NOT NULL,
    source_line INTEGER,
    format TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE sentences (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('body', 'heading', 'caption', 'credit')),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (document_id, idx)
) WITHOUT ROWID;

CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    path TEXT NOT NULL,
    line INTEGER,
    message TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX errors_run ON errors(run_id);
"#;

const V2: &str = r#"
CREATE TABLE coders (
    id INTEGER PRIMARY KEY,
    dyad_version TEXT NOT NULL,
    lexicon_hash TEXT NOT NULL,
    model_hash TEXT NOT NULL,
    UNIQUE (dyad_version, lexicon_hash, model_hash)
);

ALTER TABLE documents ADD COLUMN source TEXT;
ALTER TABLE documents ADD COLUMN report_day INTEGER;
ALTER TABLE documents ADD COLUMN fingerprint BLOB;
ALTER TABLE documents ADD COLUMN duplicate_of INTEGER REFERENCES documents(id);
ALTER TABLE documents ADD COLUMN coder_id INTEGER REFERENCES coders(id);
CREATE INDEX documents_report_day ON documents(report_day);

CREATE INDEX documents_coder ON documents(coder_id);

ALTER TABLE runs ADD COLUMN events_added INTEGER NOT NULL DEFAULT 0;

CREATE TABLE document_bands (
    band INTEGER NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, document_id)
) WITHOUT ROWID;

CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    uid TEXT NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_idx INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    source_code TEXT NOT NULL,
    source_iso3 TEXT,
    source_sectors TEXT NOT NULL,
    target_code TEXT,
    target_iso3 TEXT,
    target_sectors TEXT,
    symmetric INTEGER NOT NULL,
    cameo TEXT NOT NULL,
    root TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein REAL,
    modality TEXT NOT NULL,
    temporal_status TEXT NOT NULL,
    date TEXT,
    date_precision TEXT,
    date_start INTEGER,
    date_end INTEGER,
    report_date TEXT,
    location_name TEXT,
    location_lat REAL,
    location_lon REAL,
    location_iso3 TEXT,
    location_geonameid INTEGER,
    location_precision TEXT,
    is_root INTEGER NOT NULL,
    rule TEXT NOT NULL,
    cluster_id TEXT,
    cluster_rep INTEGER NOT NULL DEFAULT 0,
    source_key TEXT NOT NULL,
    target_key TEXT,
    record TEXT NOT NULL,
    coder_id INTEGER NOT NULL REFERENCES coders(id),
    UNIQUE (id, document_id)
);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_cluster ON events(cluster_id);
CREATE INDEX events_date ON events(date_start);
CREATE INDEX events_source ON events(source_code, date_start);
CREATE INDEX events_target ON events(target_code, date_start);
CREATE INDEX events_root ON events(root, date_start);
CREATE INDEX events_probe ON events(source_key, date_start);

CREATE TABLE clusters (
    id TEXT PRIMARY KEY,
    first_day INTEGER,
    last_day INTEGER,
    num_events INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    num_sources INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE actors (
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (code, name)
) WITHOUT ROWID;

CREATE TABLE dyad_daily (
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    day INTEGER NOT NULL,
    historical INTEGER NOT NULL,
    events INTEGER NOT NULL DEFAULT 0,
    q1 INTEGER NOT NULL DEFAULT 0,
    q2 INTEGER NOT NULL DEFAULT 0,
    q3 INTEGER NOT NULL DEFAULT 0,
    q4 INTEGER NOT NULL DEFAULT 0,
    goldstein_sum REAL NOT NULL DEFAULT 0,
    goldstein_n INTEGER NOT NULL DEFAULT 0,
    clusters INTEGER NOT NULL DEFAULT 0,
    cq1 INTEGER NOT NULL DEFAULT 0,
    cq2 INTEGER NOT NULL DEFAULT 0,
    cq3 INTEGER NOT NULL DEFAULT 0,
    cq4 INTEGER NOT NULL DEFAULT 0,
    cgoldstein_sum REAL NOT NULL DEFAULT 0,
    cgoldstein_n INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source, target, day, historical)
) WITHOUT ROWID;
CREATE INDEX dyad_daily_target ON dyad_daily(target, source, day);

CREATE TABLE daily_totals (
    day INTEGER NOT NULL,
    historical INTEGER NOT NULL,
    documents INTEGER NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0,
    clusters INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, historical)
) WITHOUT ROWID;

UPDATE documents SET report_day = CAST(julianday(substr(published, 1, 10)) - 2440587.5 AS INTEGER)
    WHERE published IS NOT NULL;
INSERT INTO daily_totals (day, historical, documents)
    SELECT report_day, 0, count(*) FROM documents WHERE report_day IS NOT NULL GROUP BY report_day;
"#;

const V3: &str = r#"
DROP INDEX events_cluster;
CREATE INDEX events_cluster ON events(cluster_id, cluster_rep);
CREATE INDEX events_pair ON events(source_key, target_key, date_start);
CREATE INDEX events_target_key ON events(target_key, date_start);

ALTER TABLE clusters ADD COLUMN piece INTEGER NOT NULL DEFAULT 0;

CREATE TABLE dyad_daily_codes (
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    day INTEGER NOT NULL,
    cameo TEXT NOT NULL,
    current INTEGER NOT NULL DEFAULT 0,
    historical INTEGER NOT NULL DEFAULT 0,
    quad_class INTEGER NOT NULL,
    goldstein REAL,
    PRIMARY KEY (source, target, day, cameo)
) WITHOUT ROWID;

ALTER TABLE daily_totals ADD COLUMN daily INTEGER NOT NULL DEFAULT 0;

INSERT INTO dyad_daily_codes (source, target, day, cameo, current, historical, quad_class, goldstein)
    SELECT source_code, coalesce(target_code, ''), date_start, cameo,
           sum(temporal_status <> 'historical'), sum(temporal_status = 'historical'),
           min(quad_class), min(goldstein)
    FROM events WHERE modality = 'asserted' AND date_start IS NOT NULL
    GROUP BY 1, 2, 3, 4;
INSERT INTO daily_totals (day, historical, daily)
    SELECT day, current = 0, count(*) FROM dyad_daily_codes WHERE true GROUP BY 1, 2
    ON CONFLICT (day, historical) DO UPDATE SET daily = excluded.daily;
"#;

/// Version 4: the announcement rule of clustering; the clusters are recomputed in Rust.
const V4: &str = "";
