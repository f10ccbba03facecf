//! Consistency of what the writer maintains incrementally: the rollups and the clusters must
//! equal what a full recomputation from the `events` table gives.

use std::collections::BTreeMap;

use crate::error::Result;
use crate::store::Store;

const ROLLUP_KEPT: &str = "SELECT source, target, day, historical, events, q1, q2, q3, q4,
    round(goldstein_sum, 3), goldstein_n, clusters, cq1, cq2, cq3, cq4, round(cgoldstein_sum, 3), cgoldstein_n
    FROM dyad_daily WHERE events <> 0 OR clusters <> 0";

const ROLLUP_RECOMPUTED: &str = "SELECT source_code, coalesce(target_code, ''), date_start,
    temporal_status = 'historical', count(*), sum(quad_class = 1), sum(quad_class = 2), sum(quad_class = 3),
    sum(quad_class = 4), round(sum(coalesce(goldstein, 0)), 3), count(goldstein), sum(cluster_rep),
    sum(cluster_rep AND quad_class = 1), sum(cluster_rep AND quad_class = 2), sum(cluster_rep AND quad_class = 3),
    sum(cluster_rep AND quad_class = 4),
    round(sum(CASE WHEN cluster_rep THEN coalesce(goldstein, 0) ELSE 0 END), 3),
    sum(cluster_rep AND goldstein IS NOT NULL)
    FROM events WHERE modality = 'asserted' AND date_start IS NOT NULL GROUP BY 1, 2, 3, 4";

const TOTALS_KEPT: &str = "SELECT day, historical, events, clusters FROM daily_totals
    WHERE events <> 0 OR clusters <> 0";

const TOTALS_RECOMPUTED: &str =
    "SELECT date_start, temporal_status = 'historical', count(*), sum(cluster_rep)
    FROM events WHERE modality = 'asserted' AND date_start IS NOT NULL GROUP BY 1, 2";

const DAILY_KEPT: &str =
    "SELECT source, target, day, cameo, current, historical FROM dyad_daily_codes";

const DAILY_RECOMPUTED: &str = "SELECT source_code, coalesce(target_code, ''), date_start, cameo,
    sum(temporal_status <> 'historical'), sum(temporal_status = 'historical')
    FROM events WHERE modality = 'asserted' AND date_start IS NOT NULL GROUP BY 1, 2, 3, 4";

const DAILY_TOTALS_KEPT: &str = "SELECT day, historical, daily FROM daily_totals WHERE daily <> 0";

const DAILY_TOTALS_RECOMPUTED: &str = "SELECT date_start, max(current) = 0, count(*) FROM (
    SELECT date_start, sum(temporal_status <> 'historical') AS current
    FROM events WHERE modality = 'asserted' AND date_start IS NOT NULL
    GROUP BY source_code, coalesce(target_code, ''), date_start, cameo) GROUP BY date_start, current = 0";

const CLUSTERS_KEPT: &str =
    "SELECT id, first_day, last_day, num_events, num_articles, num_sources FROM clusters";

const CLUSTERS_RECOMPUTED: &str = "SELECT e.cluster_id, min(e.date_start), max(e.date_end), count(*),
    count(DISTINCT coalesce(d.duplicate_of, d.id)), count(DISTINCT d.source)
    FROM events e JOIN documents d ON d.id = e.document_id WHERE e.cluster_id IS NOT NULL GROUP BY e.cluster_id";

impl Store {
    /// Compares the rollups (`dyad_daily`, `daily_totals`) and the `clusters` table with a
    /// recomputation from the events, and checks that every asserted event has a cluster
    /// whose id is its smallest asserted member uid, with exactly one representative (a
    /// cluster of announcements alone has none and takes its smallest uid). Returns the
    /// problems found (empty when consistent).
    pub fn check_consistency(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        for (what, a, b) in [
            ("dyad_daily", ROLLUP_KEPT, ROLLUP_RECOMPUTED),
            ("daily_totals", TOTALS_KEPT, TOTALS_RECOMPUTED),
            ("clusters", CLUSTERS_KEPT, CLUSTERS_RECOMPUTED),
            ("dyad_daily_codes", DAILY_KEPT, DAILY_RECOMPUTED),
            (
                "daily_totals (one a day)",
                DAILY_TOTALS_KEPT,
                DAILY_TOTALS_RECOMPUTED,
            ),
        ] {
            for (x, y, side) in [
                (a, b, "kept, not recomputed"),
                (b, a, "recomputed, not kept"),
            ] {
                let n: i64 = self.sql(self.conn.query_row(
                    &format!("SELECT count(*) FROM ({x} EXCEPT {y})"),
                    [],
                    |r| r.get(0),
                ))?;
                if n > 0 {
                    problems.push(format!("{what}: {n} rows {side}"));
                }
            }
        }
        let checks = [
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
                 GROUP BY cluster_id HAVING sum(cluster_rep) <> max(modality = 'asserted'))",
            ),
            (
                "clusters whose id is not their smallest member uid (asserted acts first, then intents)",
                "SELECT count(*) FROM (SELECT cluster_id,
                   coalesce(min(CASE WHEN modality = 'asserted' AND cameo NOT LIKE '03%' THEN uid END),
                            min(CASE WHEN modality = 'asserted' THEN uid END), min(uid)) AS m
                 FROM events WHERE cluster_id IS NOT NULL GROUP BY cluster_id HAVING m <> cluster_id)",
            ),
            (
                "representatives that are not their cluster's id",
                "SELECT count(*) FROM events WHERE cluster_rep AND uid <> cluster_id",
            ),
        ];
        for (what, sql) in checks {
            let n: i64 = self.sql(self.conn.query_row(sql, [], |r| r.get(0)))?;
            if n > 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        Ok(problems)
    }
}

impl Store {
    /// Compares the stored clusters with [`crate::cluster::groups`] over every stored event,
    /// comparing each pair of events (quadratic: for tests and small stores). Returns the
    /// problems found (empty when the clusters are the ones the rule gives).
    pub fn check_clusters_from_scratch(&self) -> Result<Vec<String>> {
        let events = self.sql(crate::cluster::all_events(&self.conn))?;
        let mut expected: BTreeMap<i64, String> = BTreeMap::new();
        for g in crate::cluster::groups(&events) {
            if !events[g[0]].in_a_cluster() {
                continue;
            }
            let id = crate::cluster::representative(&events, &g)
                .map(|(i, _)| events[i].uid.clone())
                .unwrap_or_default();
            for &i in &g {
                expected.insert(events[i].seq, id.clone());
            }
        }
        let mut problems = Vec::new();
        for e in &events {
            let want = expected.get(&e.seq);
            if want != e.old_cluster.as_ref() {
                problems.push(format!(
                    "event {} ({}): cluster {:?}, recomputed {:?}",
                    e.seq, e.uid, e.old_cluster, want
                ));
            }
        }
        Ok(problems)
    }
}
