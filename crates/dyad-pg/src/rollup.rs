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
    add_daily(tx, key, c, sign, "events", "")?;
    add_total(tx, key.day, key.historical, 0, sign, 0)
}

/// Adds or removes a cluster representative's contribution.
pub(crate) fn add_cluster_rep(
    tx: &mut Transaction<'_>,
    key: &RollupKey,
    c: &Contribution,
    sign: i64,
) -> Result<(), postgres::Error> {
    add_daily(tx, key, c, sign, "clusters", "c")?;
    add_total(tx, key.day, key.historical, 0, 0, sign)
}

/// Upserts a contribution into `dyad_daily`: the count column `count` and the QuadClass and
/// Goldstein columns named with `prefix` (`""` for events, `"c"` for cluster representatives).
fn add_daily(
    tx: &mut Transaction<'_>,
    key: &RollupKey,
    c: &Contribution,
    sign: i64,
    count: &str,
    prefix: &str,
) -> Result<(), postgres::Error> {
    let q = quads(c, sign);
    let (g, gn) = c.goldstein.map_or((0.0, 0), |g| (g * sign as f64, sign));
    let p = prefix;
    tx.execute(
        &format!(
            "INSERT INTO dyad_daily AS d (source, target, day, historical, {count}, {p}q1, {p}q2, {p}q3, {p}q4, {p}goldstein_sum, {p}goldstein_n)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (source, target, day, historical) DO UPDATE SET
               {count} = d.{count} + excluded.{count}, {p}q1 = d.{p}q1 + excluded.{p}q1,
               {p}q2 = d.{p}q2 + excluded.{p}q2, {p}q3 = d.{p}q3 + excluded.{p}q3,
               {p}q4 = d.{p}q4 + excluded.{p}q4,
               {p}goldstein_sum = d.{p}goldstein_sum + excluded.{p}goldstein_sum,
               {p}goldstein_n = d.{p}goldstein_n + excluded.{p}goldstein_n"
        ),
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
    Ok(())
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
