//! Clusters merged in the database: the SQLite store's incremental reclustering
//! (`dyad_store::cluster`) over PostgreSQL rows.
//!
//! The compatibility test, the grouping into components cut to at most three days and the
//! choice of cluster ids and representatives are `dyad_store::cluster`'s own functions
//! ([`compatible`], [`groups_with_edges`]); this module only gathers the component around the
//! new events from the database (same country key as source or target, ±3 days, through `events_probe`
//! and `events_target_key`, and the
//! members of their current clusters) and writes back what changed. It runs inside the
//! batch's write transaction, after [`crate::store::WRITE_LOCK`]: it sees every committed event,
//! so reports of one event stored by different workers end in one cluster.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use dyad_store::cluster::{
    ActorKey, ClusterEvent, MAX_SPAN_DAYS, Place, compatible, groups_with_edges, representative,
};
use dyad_store::rollup::{Contribution, RollupKey};
use postgres::{Row, Transaction};

use crate::rollup::add_cluster_rep;

const COLUMNS: &str = "seq, id, document_id, source_code, source_iso3, source_sectors, target_code, \
    target_iso3, target_sectors, \"symmetric\", cameo, date_start, date_end, location_iso3, location_lat, \
    location_lon, location_precision, modality, temporal_status, quad_class, goldstein, cluster_id, cluster_rep, uid";

fn sectors(s: Option<String>) -> Vec<String> {
    s.unwrap_or_default()
        .split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn row_event(r: &Row) -> ClusterEvent {
    let source_code: String = r.get(3);
    let target_code: Option<String> = r.get(6);
    let start: Option<i64> = r.get(11);
    let end: Option<i64> = r.get(12);
    let iso3: Option<String> = r.get(13);
    let lat: Option<f64> = r.get(14);
    let lon: Option<f64> = r.get(15);
    let precision: Option<String> = r.get(16);
    let modality: String = r.get(17);
    let status: String = r.get(18);
    let days = start.zip(end);
    let place = (iso3.is_some() || lat.is_some()).then(|| Place {
        iso3,
        coords: lat.zip(lon),
        precision: precision.unwrap_or_default(),
    });
    let asserted = modality == "asserted";
    let announced = modality == "future";
    let rollup = match (asserted, days) {
        (true, Some((day, _))) => Some((
            RollupKey {
                source: source_code.clone(),
                target: target_code.clone().unwrap_or_default(),
                day,
                historical: status == "historical",
            },
            Contribution {
                quad_class: r.get::<_, i64>(19) as u8,
                goldstein: r.get(20),
            },
        )),
        _ => None,
    };
    ClusterEvent {
        seq: r.get(0),
        id: r.get(1),
        document: r.get(2),
        source: ActorKey::new(
            &source_code,
            r.get::<_, Option<String>>(4).as_deref(),
            &sectors(r.get(5)),
        ),
        target: target_code.as_ref().map(|t| {
            ActorKey::new(
                t,
                r.get::<_, Option<String>>(7).as_deref(),
                &sectors(r.get(8)),
            )
        }),
        symmetric: r.get(9),
        cameo: r.get(10),
        days,
        place,
        asserted,
        announced,
        rollup,
        old_cluster: r.get(21),
        old_rep: r.get(22),
        uid: r.get(23),
    }
}

/// Recomputes the clusters around `seeds` (event sequence numbers): gathers every stored event
/// connected to them (and every member of their current clusters), groups them with
/// [`groups_with_edges`], and rewrites cluster ids, representatives, `clusters` rows and the
/// cluster columns of the rollups where they changed.
pub(crate) fn recluster(tx: &mut Transaction<'_>, seeds: &[i64]) -> Result<(), postgres::Error> {
    if seeds.is_empty() {
        return Ok(());
    }
    let by_seq = tx.prepare(&format!("SELECT {COLUMNS} FROM events WHERE seq = $1"))?;
    // Candidates share a country key with the new event on either side: as source
    // (`events_probe`) or as target (`events_target_key`), so that crosswise agreement is
    // found whichever of the two events was stored first.
    let probe = tx.prepare(&format!(
        "SELECT {COLUMNS} FROM events WHERE source_key = $1 AND date_start BETWEEN $2 AND $3
         AND modality IN ('asserted', 'future') AND date_end - date_start < {MAX_SPAN_DAYS}
         UNION ALL
         SELECT {COLUMNS} FROM events WHERE target_key = $1 AND source_key <> $1
         AND date_start BETWEEN $2 AND $3
         AND modality IN ('asserted', 'future') AND date_end - date_start < {MAX_SPAN_DAYS}"
    ))?;
    let members = tx.prepare("SELECT seq FROM events WHERE cluster_id = $1")?;
    let mut closure: BTreeMap<i64, ClusterEvent> = BTreeMap::new();
    // Probe results by (key, first day, last day): events of one story share them.
    let mut probes: HashMap<(String, i64, i64), std::rc::Rc<Vec<ClusterEvent>>> = HashMap::new();
    let mut edges: Vec<(i64, i64)> = Vec::new();
    let mut queue: Vec<i64> = Vec::new();
    let mut seen_clusters: BTreeSet<String> = BTreeSet::new();
    for &s in seeds {
        if closure.contains_key(&s) {
            continue;
        }
        if let Some(row) = tx.query_opt(&by_seq, &[&s])? {
            let e = row_event(&row);
            if !e.in_a_cluster() && e.old_cluster.is_none() {
                continue;
            }
            closure.insert(s, e);
            queue.push(s);
        }
    }
    while let Some(s) = queue.pop() {
        let e = closure[&s].clone();
        let mut found: Vec<ClusterEvent> = Vec::new();
        if let Some(c) = &e.old_cluster
            && seen_clusters.insert(c.clone())
        {
            let seqs: Vec<i64> = tx.query(&members, &[c])?.iter().map(|r| r.get(0)).collect();
            for m in seqs {
                if !closure.contains_key(&m)
                    && let Some(row) = tx.query_opt(&by_seq, &[&m])?
                {
                    found.push(row_event(&row));
                }
            }
        }
        if e.clusterable() {
            let (s0, s1) = e.days.unwrap_or_default();
            let mut keys = vec![e.source.country.clone()];
            if let Some(t) = &e.target {
                keys.push(t.country.clone());
            }
            keys.dedup();
            for k in keys {
                let window = (k, s0 - MAX_SPAN_DAYS, s1 + 1);
                let rows = match probes.get(&window) {
                    Some(r) => r.clone(),
                    None => {
                        let r: Vec<ClusterEvent> = tx
                            .query(&probe, &[&window.0, &window.1, &window.2])?
                            .iter()
                            .map(row_event)
                            .collect();
                        let r = std::rc::Rc::new(r);
                        probes.insert(window, r.clone());
                        r
                    }
                };
                for x in rows.iter() {
                    if x.seq != e.seq && compatible(&e, x) {
                        edges.push((e.seq, x.seq));
                        if !closure.contains_key(&x.seq) {
                            found.push(x.clone());
                        }
                    }
                }
            }
        }
        for x in found {
            if let std::collections::btree_map::Entry::Vacant(v) = closure.entry(x.seq) {
                queue.push(x.seq);
                v.insert(x);
            }
        }
    }
    let events: Vec<ClusterEvent> = closure.into_values().collect();
    let index: HashMap<i64, usize> = events.iter().enumerate().map(|(i, e)| (e.seq, i)).collect();
    let edges: Vec<(usize, usize)> = edges
        .iter()
        .filter_map(|(a, b)| Some((*index.get(a)?, *index.get(b)?)))
        .collect();
    let mut old_ids: BTreeSet<String> = BTreeSet::new();
    for e in &events {
        if let Some(c) = &e.old_cluster {
            old_ids.insert(c.clone());
        }
    }
    let mut new_ids: BTreeSet<String> = BTreeSet::new();
    let update =
        tx.prepare("UPDATE events SET cluster_id = $1, cluster_rep = $2 WHERE seq = $3")?;
    for g in groups_with_edges(&events, &edges) {
        let (rep, counted) = representative(&events, &g).expect("groups are not empty");
        let cid = events[rep].uid.clone();
        for &i in &g {
            let e = &events[i];
            let is_rep = counted && i == rep;
            if e.old_cluster.as_deref() != Some(cid.as_str()) || e.old_rep != is_rep {
                tx.execute(&update, &[&cid, &is_rep, &e.seq])?;
            }
            if e.old_rep != is_rep
                && let Some((key, c)) = &e.rollup
            {
                add_cluster_rep(tx, key, c, if is_rep { 1 } else { -1 })?;
            }
        }
        new_ids.insert(cid);
    }
    let stale: Vec<&str> = old_ids.difference(&new_ids).map(String::as_str).collect();
    if !stale.is_empty() {
        tx.execute("DELETE FROM clusters WHERE id = ANY($1)", &[&stale])?;
    }
    let ids: Vec<&str> = new_ids.iter().map(String::as_str).collect();
    tx.execute(
        "INSERT INTO clusters (id, first_day, last_day, num_events, num_articles, num_sources)
         SELECT e.cluster_id, min(e.date_start), max(e.date_end), count(*),
                count(DISTINCT coalesce(d.duplicate_of, d.id)), count(DISTINCT d.source)
         FROM events e JOIN documents d ON d.id = e.document_id
         WHERE e.cluster_id = ANY($1) GROUP BY e.cluster_id
         ON CONFLICT (id) DO UPDATE SET first_day = excluded.first_day, last_day = excluded.last_day,
           num_events = excluded.num_events, num_articles = excluded.num_articles,
           num_sources = excluded.num_sources",
        &[&ids],
    )?;
    Ok(())
}
