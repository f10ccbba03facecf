//! The store's schema and its migrations.
//!
//! The schema version lives in SQLite's `user_version`; `application_id` marks the file as a
//! dyad store. Opening a store applies, in one transaction each, the migrations it lacks; a
//! store from a newer dyad is refused rather than damaged.

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 1;

/// `PRAGMA application_id` of a dyad store: "dyad" in ASCII.
pub const APPLICATION_ID: i32 = 0x6479_6164;

/// Migrations: `MIGRATIONS[i]` takes a store from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[V1];

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
