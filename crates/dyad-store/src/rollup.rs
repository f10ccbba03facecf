//! The per-day dyad rollup (`dyad_daily`) and the per-day totals (`daily_totals`), kept in the
//! same transaction as the events they count.
//!
//! Each asserted, dated event adds one to its (source, target, day, historical) row: its
//! QuadClass and Goldstein score. Each cluster adds one through its representative (the
//! member with the smallest id) to the `clusters`, `cq*` and `cgoldstein*` columns; when
//! clusters merge or split, the representatives that change move their contribution.

use rusqlite::{Connection, params};

/// The row an event counts in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollupKey {
    /// Source actor code.
    pub source: String,
    /// Target actor code (empty for events without a target).
    pub target: String,
    /// Day number of the event's date.
    pub day: i64,
    /// The event is historical (background).
    pub historical: bool,
}

/// What an event adds to its row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contribution {
    /// GDELT QuadClass (1–4).
    pub quad_class: u8,
    /// Goldstein score.
    pub goldstein: Option<f64>,
}

fn quads(c: &Contribution, sign: i64) -> [i64; 4] {
    let mut q = [0; 4];
    if (1..=4).contains(&c.quad_class) {
        q[usize::from(c.quad_class) - 1] = sign;
    }
    q
}

/// Adds (`sign` 1) or removes (`sign` -1) an event's contribution.
pub(crate) fn add_event(
    conn: &Connection,
    key: &RollupKey,
    c: &Contribution,
    sign: i64,
) -> rusqlite::Result<()> {
    let q = quads(c, sign);
    let (g, gn) = c.goldstein.map_or((0.0, 0), |g| (g * sign as f64, sign));
    conn.prepare_cached(
        "INSERT INTO dyad_daily (source, target, day, historical, events, q1, q2, q3, q4, goldstein_sum, goldstein_n)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (source, target, day, historical) DO UPDATE SET
           events = events + excluded.events, q1 = q1 + excluded.q1, q2 = q2 + excluded.q2,
           q3 = q3 + excluded.q3, q4 = q4 + excluded.q4,
           goldstein_sum = goldstein_sum + excluded.goldstein_sum,
           goldstein_n = goldstein_n + excluded.goldstein_n",
    )?
    .execute(params![
        key.source, key.target, key.day, key.historical, sign, q[0], q[1], q[2], q[3], g, gn
    ])?;
    add_total(conn, key.day, key.historical, 0, sign, 0)
}

/// Adds or removes a cluster representative's contribution.
pub(crate) fn add_cluster_rep(
    conn: &Connection,
    key: &RollupKey,
    c: &Contribution,
    sign: i64,
) -> rusqlite::Result<()> {
    let q = quads(c, sign);
    let (g, gn) = c.goldstein.map_or((0.0, 0), |g| (g * sign as f64, sign));
    conn.prepare_cached(
        "INSERT INTO dyad_daily (source, target, day, historical, clusters, cq1, cq2, cq3, cq4, cgoldstein_sum, cgoldstein_n)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (source, target, day, historical) DO UPDATE SET
           clusters = clusters + excluded.clusters, cq1 = cq1 + excluded.cq1, cq2 = cq2 + excluded.cq2,
           cq3 = cq3 + excluded.cq3, cq4 = cq4 + excluded.cq4,
           cgoldstein_sum = cgoldstein_sum + excluded.cgoldstein_sum,
           cgoldstein_n = cgoldstein_n + excluded.cgoldstein_n",
    )?
    .execute(params![
        key.source, key.target, key.day, key.historical, sign, q[0], q[1], q[2], q[3], g, gn
    ])?;
    add_total(conn, key.day, key.historical, 0, 0, sign)
}

/// Adds to a day's totals.
pub(crate) fn add_total(
    conn: &Connection,
    day: i64,
    historical: bool,
    documents: i64,
    events: i64,
    clusters: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO daily_totals (day, historical, documents, events, clusters) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (day, historical) DO UPDATE SET documents = documents + excluded.documents,
           events = events + excluded.events, clusters = clusters + excluded.clusters",
    )?
    .execute(params![day, historical, documents, events, clusters])?;
    Ok(())
}
