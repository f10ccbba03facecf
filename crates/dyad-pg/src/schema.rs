//! The PostgreSQL schema and its migrations.
//!
//! The tables are those of the SQLite store's schema 2 (`dyad_store::schema`), with
//! PostgreSQL's types: identity columns for row ids, `BYTEA` for hashes and fingerprints,
//! `BOOLEAN` flags, `DOUBLE PRECISION` scores. Actor codes, event ids and cluster ids use the
//! `"C"` collation, so the code-prefix ranges of the queries (`MAR` ≤ code < `MAR\x7f`) compare
//! bytes as SQLite does, whatever the database's locale.
//!
//! The version lives in the one-row table `dyad_schema (application, version)`. Opening the
//! store applies the missing migrations in one transaction each, under a transaction-scoped
//! advisory lock, so workers starting together migrate once; a store from a newer dyad is
//! refused.

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 2;

/// The application name in `dyad_schema`.
pub const APPLICATION: &str = "dyad";

/// The advisory lock key of migrations ("dyadmigr" in ASCII).
pub(crate) const MIGRATION_LOCK: i64 = 0x6479_6164_6d69_6772;

/// Migrations: `MIGRATIONS[i]` takes a store from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2];

const V1: &str = r#"
CREATE TABLE runs (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'interrupted', 'failed')),
    dyad_version TEXT NOT NULL,
    inputs TEXT NOT NULL,
    documents_added BIGINT NOT NULL DEFAULT 0,
    documents_skipped BIGINT NOT NULL DEFAULT 0,
    sentences_added BIGINT NOT NULL DEFAULT 0,
    errors BIGINT NOT NULL DEFAULT 0,
    events_added BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE coders (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dyad_version TEXT NOT NULL,
    lexicon_hash TEXT NOT NULL,
    model_hash TEXT NOT NULL,
    UNIQUE (dyad_version, lexicon_hash, model_hash)
);

CREATE TABLE documents (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    content_hash BYTEA NOT NULL UNIQUE,
    doc_id TEXT NOT NULL,
    url TEXT,
    title TEXT,
    published TEXT,
    lang TEXT,
    teaser BOOLEAN NOT NULL DEFAULT false,
    text TEXT NOT NULL,
    source_path TEXT NOT NULL,
    source_line BIGINT,
    format TEXT NOT NULL,
    run_id BIGINT NOT NULL REFERENCES runs(id),
    ingested_at TEXT NOT NULL,
    source TEXT,
    report_day BIGINT,
    fingerprint BYTEA,
    duplicate_of BIGINT REFERENCES documents(id),
    coder_id BIGINT REFERENCES coders(id)
);
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_report_day ON documents(report_day);
CREATE INDEX documents_coder ON documents(coder_id);

CREATE TABLE sentences (
    document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('body', 'heading', 'caption', 'credit')),
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    PRIMARY KEY (document_id, idx)
);

CREATE TABLE errors (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id BIGINT NOT NULL REFERENCES runs(id),
    severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    path TEXT NOT NULL,
    line BIGINT,
    message TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX errors_run ON errors(run_id);

CREATE TABLE document_bands (
    band BIGINT NOT NULL,
    document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, document_id)
);

CREATE TABLE events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT COLLATE "C" NOT NULL,
    uid TEXT COLLATE "C" NOT NULL,
    document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_idx BIGINT NOT NULL,
    trigger_start BIGINT NOT NULL,
    trigger_end BIGINT NOT NULL,
    source_code TEXT COLLATE "C" NOT NULL,
    source_iso3 TEXT,
    source_sectors TEXT NOT NULL,
    target_code TEXT COLLATE "C",
    target_iso3 TEXT,
    target_sectors TEXT,
    "symmetric" BOOLEAN NOT NULL,
    cameo TEXT COLLATE "C" NOT NULL,
    root TEXT COLLATE "C" NOT NULL,
    quad_class BIGINT NOT NULL,
    goldstein DOUBLE PRECISION,
    modality TEXT NOT NULL,
    temporal_status TEXT NOT NULL,
    date TEXT,
    date_precision TEXT,
    date_start BIGINT,
    date_end BIGINT,
    report_date TEXT,
    location_name TEXT,
    location_lat DOUBLE PRECISION,
    location_lon DOUBLE PRECISION,
    location_iso3 TEXT,
    location_geonameid BIGINT,
    location_precision TEXT,
    is_root BOOLEAN NOT NULL,
    rule TEXT NOT NULL,
    cluster_id TEXT COLLATE "C",
    cluster_rep BOOLEAN NOT NULL DEFAULT false,
    source_key TEXT COLLATE "C" NOT NULL,
    target_key TEXT COLLATE "C",
    record TEXT NOT NULL,
    coder_id BIGINT NOT NULL REFERENCES coders(id),
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
    id TEXT COLLATE "C" PRIMARY KEY,
    first_day BIGINT,
    last_day BIGINT,
    num_events BIGINT NOT NULL,
    num_articles BIGINT NOT NULL,
    num_sources BIGINT NOT NULL
);

CREATE TABLE actors (
    code TEXT COLLATE "C" NOT NULL,
    name TEXT NOT NULL,
    events BIGINT NOT NULL,
    PRIMARY KEY (code, name)
);

CREATE TABLE dyad_daily (
    source TEXT COLLATE "C" NOT NULL,
    target TEXT COLLATE "C" NOT NULL,
    day BIGINT NOT NULL,
    historical BOOLEAN NOT NULL,
    events BIGINT NOT NULL DEFAULT 0,
    q1 BIGINT NOT NULL DEFAULT 0,
    q2 BIGINT NOT NULL DEFAULT 0,
    q3 BIGINT NOT NULL DEFAULT 0,
    q4 BIGINT NOT NULL DEFAULT 0,
    goldstein_sum DOUBLE PRECISION NOT NULL DEFAULT 0,
    goldstein_n BIGINT NOT NULL DEFAULT 0,
    clusters BIGINT NOT NULL DEFAULT 0,
    cq1 BIGINT NOT NULL DEFAULT 0,
    cq2 BIGINT NOT NULL DEFAULT 0,
    cq3 BIGINT NOT NULL DEFAULT 0,
    cq4 BIGINT NOT NULL DEFAULT 0,
    cgoldstein_sum DOUBLE PRECISION NOT NULL DEFAULT 0,
    cgoldstein_n BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (source, target, day, historical)
);
CREATE INDEX dyad_daily_target ON dyad_daily(target, source, day);

CREATE TABLE daily_totals (
    day BIGINT NOT NULL,
    historical BOOLEAN NOT NULL,
    documents BIGINT NOT NULL DEFAULT 0,
    events BIGINT NOT NULL DEFAULT 0,
    clusters BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, historical)
);
"#;

/// Version 2: the target-key probe of clustering (`events_target_key`), which finds the
/// stored events a new event agrees with crosswise (a symmetric `A`–`B` meeting stored before a
/// target-less report by `B`). Clusters written by version 1 missed those links; re-coding
/// or re-ingesting the affected days recomputes them.
const V2: &str = r#"
CREATE INDEX events_target_key ON events(target_key, date_start);
"#;
