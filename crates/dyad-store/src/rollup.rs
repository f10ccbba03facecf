//! The per-day dyad rollup (`dyad_daily`) and the per-day totals (`daily_totals`), kept in the
//! same transaction as the events they count.
//!
//! Each asserted, dated event adds one to its (source, target, day, historical) row: its
//! QuadClass and Goldstein score. Each cluster adds one through its representative (the
//! member with the smallest id) to the `clusters`, `cq*` and `cgoldstein*` columns; when
//! clusters merge or split, the representatives that change move their contribution.
//!
//! The one-a-day count (as in ICEWS and the Phoenix data) keeps at most one event per day,
//! source code, target code and CAMEO code: `dyad_daily_codes` counts the current and the
//! historical asserted events of each (source, target, day, code), and a code counts once on
//! its day — in the current row when it has a current event, else in the historical row — so
//! that a series with historical events counts each (day, source, target, code) once, and one
//! without counts those with a current event. `daily_totals.daily` holds each day's total.

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

/// Where a (source, target, day, code) counts in the one-a-day totals: `Some(false)` in the
/// current row, `Some(true)` in the historical row, `None` nowhere.
fn daily_row(current: i64, historical: i64) -> Option<bool> {
    if current > 0 {
        Some(false)
    } else if historical > 0 {
        Some(true)
    } else {
        None
    }
}

/// Adds (`sign` 1) or removes (`sign` -1) an event in the one-a-day counts of its code.
pub(crate) fn add_daily(
    conn: &Connection,
    key: &RollupKey,
    cameo: &str,
    c: &Contribution,
    sign: i64,
) -> rusqlite::Result<()> {
    let (dc, dh) = if key.historical { (0, sign) } else { (sign, 0) };
    let (current, historical): (i64, i64) = conn
        .prepare_cached(
            "INSERT INTO dyad_daily_codes (source, target, day, cameo, current, historical, quad_class, goldstein)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (source, target, day, cameo) DO UPDATE SET
               current = current + excluded.current, historical = historical + excluded.historical
             RETURNING current, historical",
        )?
        .query_row(
            params![
                key.source,
                key.target,
                key.day,
                cameo,
                dc,
                dh,
                i64::from(c.quad_class),
                c.goldstein
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
    let before = daily_row(current - dc, historical - dh);
    let after = daily_row(current, historical);
    if before != after {
        let mut total = conn.prepare_cached(
            "INSERT INTO daily_totals (day, historical, daily) VALUES (?1, ?2, ?3)
             ON CONFLICT (day, historical) DO UPDATE SET daily = daily + excluded.daily",
        )?;
        if let Some(h) = before {
            total.execute(params![key.day, h, -1])?;
        }
        if let Some(h) = after {
            total.execute(params![key.day, h, 1])?;
        }
    }
    if after.is_none() {
        conn.prepare_cached(
            "DELETE FROM dyad_daily_codes WHERE source = ?1 AND target = ?2 AND day = ?3 AND cameo = ?4",
        )?
        .execute(params![key.source, key.target, key.day, cameo])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        for sql in crate::schema::MIGRATIONS {
            conn.execute_batch(sql).unwrap();
        }
        conn
    }

    fn rows(conn: &Connection) -> Vec<(i64, bool, i64)> {
        conn.prepare(
            "SELECT day, historical, daily FROM daily_totals WHERE daily <> 0 ORDER BY 1, 2",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    #[test]
    fn one_a_day_counts_a_code_once_per_day_and_dyad() {
        let conn = store();
        let key = |source: &str, day, historical| RollupKey {
            source: source.into(),
            target: "MAR".into(),
            day,
            historical,
        };
        let c = Contribution {
            quad_class: 1,
            goldstein: Some(1.0),
        };
        // Three reports of USA → MAR 040 on day 10: one.
        for _ in 0..3 {
            add_daily(&conn, &key("USA", 10, false), "040", &c, 1).unwrap();
        }
        assert_eq!(rows(&conn), vec![(10, false, 1)]);
        // Another code, another source, another day: one each.
        add_daily(&conn, &key("USA", 10, false), "043", &c, 1).unwrap();
        add_daily(&conn, &key("USAGOV", 10, false), "040", &c, 1).unwrap();
        add_daily(&conn, &key("USA", 11, false), "040", &c, 1).unwrap();
        assert_eq!(rows(&conn), vec![(10, false, 3), (11, false, 1)]);
        // A historical report of a code already counted current adds nothing; of a new one, it
        // counts in the historical row; a current report moves it to the current row.
        add_daily(&conn, &key("USA", 10, true), "040", &c, 1).unwrap();
        add_daily(&conn, &key("USA", 12, true), "040", &c, 1).unwrap();
        assert_eq!(
            rows(&conn),
            vec![(10, false, 3), (11, false, 1), (12, true, 1)]
        );
        add_daily(&conn, &key("USA", 12, false), "040", &c, 1).unwrap();
        assert_eq!(
            rows(&conn),
            vec![(10, false, 3), (11, false, 1), (12, false, 1)]
        );
        // Removing reports: the code stops counting with its last one.
        for _ in 0..2 {
            add_daily(&conn, &key("USA", 10, false), "040", &c, -1).unwrap();
        }
        assert_eq!(rows(&conn)[0], (10, false, 3));
        add_daily(&conn, &key("USA", 10, false), "040", &c, -1).unwrap();
        assert_eq!(
            rows(&conn)[..2],
            [(10, false, 2), (10, true, 1)],
            "only the historical report is left"
        );
        add_daily(&conn, &key("USA", 10, true), "040", &c, -1).unwrap();
        assert_eq!(rows(&conn)[..2], [(10, false, 2), (11, false, 1)]);
        let left: i64 = conn
            .query_row(
                "SELECT count(*) FROM dyad_daily_codes WHERE day = 10",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 2, "rows without events are deleted");
    }
}
