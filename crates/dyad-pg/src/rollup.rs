//! The `dyad_daily` and `daily_totals` rollups on PostgreSQL: the same rows and
//! contributions as `dyad_store::rollup`, as atomic upserts (safe under concurrent writers).

use dyad_store::rollup::{Contribution, RollupKey};
use postgres::Transaction;

fn quads(c: &Contribution, sign: i64) -> [i64; 4] {
    let mut q = [0; 4];
    if (1..=4).contains(&c.quad_class) {
        q[usize::from(c.quad_class) - 1] = sign;
    }
    q
}

/// Adds (`sign` 1) or removes (`sign` -1) an event's contribution.
pub(crate) fn add_event(
    tx: &mut Transaction<'_>,
    key: &RollupKey,
    c: &Contribution,
    sign: i64,
) -> Result<(), postgres::Error> {
    let q = quads(c, sign);
    let (g, gn) = c.goldstein.map_or((0.0, 0), |g| (g * sign as f64, sign));
    tx.execute(
        "INSERT INTO dyad_daily AS d (source, target, day, historical, events, q1, q2, q3, q4, goldstein_sum, goldstein_n)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (source, target, day, historical) DO UPDATE SET
           events = d.events + excluded.events, q1 = d.q1 + excluded.q1, q2 = d.q2 + excluded.q2,
           q3 = d.q3 + excluded.q3, q4 = d.q4 + excluded.q4,
           goldstein_sum = d.goldstein_sum + excluded.goldstein_sum,
           goldstein_n = d.goldstein_n + excluded.goldstein_n",
        &[
            &key.source,
            &key.target,
            &key.day,
            &key.historical,
            &sign,
            &q[0],
            &q[1],
            &q[2],
            &q[3],
            &g,
            &gn,
        ],
    )?;
    add_total(tx, key.day, key.historical, 0, sign, 0)
}

/// Adds or removes a cluster representative's contribution.
pub(crate) fn add_cluster_rep(
    tx: &mut Transaction<'_>,
    key: &RollupKey,
    c: &Contribution,
    sign: i64,
) -> Result<(), postgres::Error> {
    let q = quads(c, sign);
    let (g, gn) = c.goldstein.map_or((0.0, 0), |g| (g * sign as f64, sign));
    tx.execute(
        "INSERT INTO dyad_daily AS d (source, target, day, historical, clusters, cq1, cq2, cq3, cq4, cgoldstein_sum, cgoldstein_n)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (source, target, day, historical) DO UPDATE SET
           clusters = d.clusters + excluded.clusters, cq1 = d.cq1 + excluded.cq1, cq2 = d.cq2 + excluded.cq2,
           cq3 = d.cq3 + excluded.cq3, cq4 = d.cq4 + excluded.cq4,
           cgoldstein_sum = d.cgoldstein_sum + excluded.cgoldstein_sum,
           cgoldstein_n = d.cgoldstein_n + excluded.cgoldstein_n",
        &[
            &key.source,
            &key.target,
            &key.day,
            &key.historical,
            &sign,
            &q[0],
            &q[1],
            &q[2],
            &q[3],
            &g,
            &gn,
        ],
    )?;
    add_total(tx, key.day, key.historical, 0, 0, sign)
}

/// Adds to a day's totals.
pub(crate) fn add_total(
    tx: &mut Transaction<'_>,
    day: i64,
    historical: bool,
    documents: i64,
    events: i64,
    clusters: i64,
) -> Result<(), postgres::Error> {
    tx.execute(
        "INSERT INTO daily_totals AS t (day, historical, documents, events, clusters) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (day, historical) DO UPDATE SET documents = t.documents + excluded.documents,
           events = t.events + excluded.events, clusters = t.clusters + excluded.clusters",
        &[&day, &historical, &documents, &events, &clusters],
    )?;
    Ok(())
}
