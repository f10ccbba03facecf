//! Consistency of what the writers maintain incrementally, as `dyad_store`'s
//! `Store::check_consistency` checks it on SQLite: the rollups (`dyad_daily`, `daily_totals`)
//! and the `clusters` table must equal a recomputation from the `documents` and `events`
//! tables, every asserted event must have a cluster whose id is its smallest member uid
//! (asserted acts first, then asserted intents: `dyad_store::cluster`), with exactly one
//! representative (none for a cluster of announced future events alone), and no document may
//! be stored twice.

use crate::error::Result;
use crate::store::PgStore;

const ROLLUP_KEPT: &str =
    "SELECT source::TEXT, target::TEXT, day, historical, events, q1, q2, q3, q4,
    round(goldstein_sum::NUMERIC, 3), goldstein_n, clusters, cq1, cq2, cq3, cq4,
    round(cgoldstein_sum::NUMERIC, 3), cgoldstein_n
    FROM dyad_daily WHERE events <> 0 OR clusters <> 0";

const ROLLUP_RECOMPUTED: &str =
    "SELECT source_code::TEXT, coalesce(target_code, '')::TEXT, date_start,
    temporal_status = 'historical', count(*), count(*) FILTER (WHERE quad_class = 1),
    count(*) FILTER (WHERE quad_class = 2), count(*) FILTER (WHERE quad_class = 3),
    count(*) FILTER (WHERE quad_class = 4), round(sum(coalesce(goldstein, 0))::NUMERIC, 3),
    count(goldstein), count(*) FILTER (WHERE cluster_rep),
    count(*) FILTER (WHERE cluster_rep AND quad_class = 1),
    count(*) FILTER (WHERE cluster_rep AND quad_class = 2),
    count(*) FILTER (WHERE cluster_rep AND quad_class = 3),
    count(*) FILTER (WHERE cluster_rep AND quad_class = 4),
    round(sum(CASE WHEN cluster_rep THEN coalesce(goldstein, 0) ELSE 0 END)::NUMERIC, 3),
    count(*) FILTER (WHERE cluster_rep AND goldstein IS NOT NULL)
    FROM events WHERE modality = 'asserted' AND date_start IS NOT NULL GROUP BY 1, 2, 3, 4";

const TOTALS_KEPT: &str = "SELECT day, historical, events, clusters FROM daily_totals
    WHERE events <> 0 OR clusters <> 0";

const TOTALS_RECOMPUTED: &str = "SELECT date_start, temporal_status = 'historical', count(*),
    count(*) FILTER (WHERE cluster_rep)
    FROM events WHERE modality = 'asserted' AND date_start IS NOT NULL GROUP BY 1, 2";

const DOCUMENT_TOTALS_KEPT: &str =
    "SELECT day, documents FROM daily_totals WHERE NOT historical AND documents <> 0";

const DOCUMENT_TOTALS_RECOMPUTED: &str =
    "SELECT report_day, count(*) FROM documents WHERE report_day IS NOT NULL GROUP BY 1";

const CLUSTERS_KEPT: &str =
    "SELECT id::TEXT, first_day, last_day, num_events, num_articles, num_sources
    FROM clusters";

const CLUSTERS_RECOMPUTED: &str =
    "SELECT e.cluster_id::TEXT, min(e.date_start), max(e.date_end), count(*),
    count(DISTINCT coalesce(d.duplicate_of, d.id)), count(DISTINCT d.source)
    FROM events e JOIN documents d ON d.id = e.document_id WHERE e.cluster_id IS NOT NULL
    GROUP BY e.cluster_id";

/// Counts that must be zero, with what they count.
const ZERO_COUNTS: &[(&str, &str)] = &[
    (
        "asserted events without a cluster",
        "SELECT count(*) FROM events WHERE modality = 'asserted' AND cluster_id IS NULL",
    ),
    (
        "negated or hypothetical events in a cluster",
        "SELECT count(*) FROM events WHERE modality NOT IN ('asserted', 'future')
         AND cluster_id IS NOT NULL",
    ),
    (
        "clusters without exactly one representative (none for announcements alone)",
        "SELECT count(*) FROM (SELECT cluster_id FROM events WHERE cluster_id IS NOT NULL
         GROUP BY cluster_id HAVING count(*) FILTER (WHERE cluster_rep)
           <> (count(*) FILTER (WHERE modality = 'asserted') > 0)::INT) c",
    ),
    (
        "clusters whose id is not their smallest member uid (asserted acts first, then intents)",
        "SELECT count(*) FROM (SELECT cluster_id FROM events WHERE cluster_id IS NOT NULL
         GROUP BY cluster_id HAVING coalesce(
             min(uid) FILTER (WHERE modality = 'asserted' AND cameo NOT LIKE '03%'),
             min(uid) FILTER (WHERE modality = 'asserted'), min(uid)) <> cluster_id) c",
    ),
    (
        "representatives that are not their cluster's id",
        "SELECT count(*) FROM events WHERE cluster_rep AND uid <> cluster_id",
    ),
    (
        "documents stored more than once (same id, URL, title, date and text)",
        "SELECT count(*) - count(DISTINCT (doc_id, url, title, published, lang, text)) FROM documents",
    ),
    (
        "events stored more than once in a document",
        "SELECT count(*) FROM (SELECT document_id, sentence_idx, trigger_start, trigger_end,
         source_code, target_code, cameo FROM events GROUP BY 1, 2, 3, 4, 5, 6, 7
         HAVING count(*) > 1) e",
    ),
];

impl PgStore {
    /// Compares the rollups (`dyad_daily`, `daily_totals`) and the `clusters` table with a
    /// recomputation from the documents and events, and checks that every asserted event has
    /// a cluster whose id is its smallest member uid (acts first), with one representative, and
    /// that no document or event is stored twice. Returns the problems found (empty when
    /// consistent). Reads the whole store in one snapshot: for tests and checks, not for a
    /// store being written to by many workers (it is correct then, but slow).
    pub fn check_consistency(&self) -> Result<Vec<String>> {
        let mut conn = self.conn()?;
        let mut tx = conn
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(self.err("starting the consistency check"))?;
        let mut problems = Vec::new();
        for (what, a, b) in [
            ("dyad_daily", ROLLUP_KEPT, ROLLUP_RECOMPUTED),
            ("daily_totals (events)", TOTALS_KEPT, TOTALS_RECOMPUTED),
            (
                "daily_totals (documents)",
                DOCUMENT_TOTALS_KEPT,
                DOCUMENT_TOTALS_RECOMPUTED,
            ),
            ("clusters", CLUSTERS_KEPT, CLUSTERS_RECOMPUTED),
        ] {
            for (x, y, side) in [
                (a, b, "kept, not recomputed"),
                (b, a, "recomputed, not kept"),
            ] {
                let n: i64 = tx
                    .query_one(&format!("SELECT count(*) FROM ({x} EXCEPT {y}) d"), &[])
                    .map_err(self.err("checking consistency"))?
                    .get(0);
                if n > 0 {
                    problems.push(format!("{what}: {n} rows {side}"));
                }
            }
        }
        for (what, sql) in ZERO_COUNTS {
            let n: i64 = tx
                .query_one(*sql, &[])
                .map_err(self.err("checking consistency"))?
                .get(0);
            if n > 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        tx.commit()
            .map_err(self.err("ending the consistency check"))?;
        Ok(problems)
    }
}
