//! Cross-article de-duplication: clusters of compatible events.
//!
//! Two asserted events are *compatible* when
//!
//! - their actors agree at country level with compatible sectors (`MAR` ~ `MARGOV`, but
//!   `MARGOV` ≁ `MARMIL`): source with source and target with target, or crosswise when either
//!   event is symmetric; a missing target agrees with any target;
//! - their CAMEO codes share a three-digit base (`0431` ~ `043`) or their bases are paired in
//!   the committed table `data/compatible-codes.tsv` (`040` ~ `042` ~ `043`…);
//! - their date intervals overlap within ±1 day;
//! - their places do not conflict (different countries, or precise places more than
//!   [`MAX_PLACE_KM`] apart).
//!
//! Clusters are the connected components of compatible events, each split (deterministically,
//! by date then id) into pieces spanning at most [`MAX_SPAN_DAYS`] days. Only events dated to at
//! most three days are clustered; the others (a month, a year, no date) are clusters of their
//! own. A cluster's id is its smallest member uid (the member's event id, `-`, the first 8 hex
//! digits of its document's content hash: the same text published twice gives two events with
//! one record id) and its representative is that member, so
//! clusters depend on the set of events and never on the order they were stored in.
//!
//! The writer calls [`recluster`] with the events it added (or the neighbours of those it
//! removed): the whole component around them is gathered from the store through the
//! `events_probe` index (same country key, ±3 days), recomputed, and the rows, the `clusters`
//! table and the cluster columns of the rollup are updated where they changed.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::OnceLock;

use rusqlite::{Connection, params};

use crate::rollup::{Contribution, RollupKey, add_cluster_rep};

/// The longest span of a cluster, in days (first day to last day inclusive).
pub const MAX_SPAN_DAYS: i64 = 3;
/// Two precise places further apart than this conflict.
pub const MAX_PLACE_KM: f64 = 150.0;

const PAIRS_TSV: &str = include_str!("../data/compatible-codes.tsv");

/// The committed pairs of compatible three-digit CAMEO bases.
pub fn code_pairs() -> &'static HashSet<(String, String)> {
    static PAIRS: OnceLock<HashSet<(String, String)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut set = HashSet::new();
        for line in PAIRS_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            if let (Some(a), Some(b)) = (cols.next(), cols.next()) {
                set.insert((a.to_string(), b.to_string()));
                set.insert((b.to_string(), a.to_string()));
            }
        }
        set
    })
}

/// Are two CAMEO codes compatible (same three-digit base, or a committed pair)?
pub fn codes_compatible(a: &str, b: &str) -> bool {
    let base = |c: &str| c.get(..3).unwrap_or(c).to_string();
    let (a, b) = (base(a), base(b));
    a == b || code_pairs().contains(&(a, b))
}

/// An actor as clustering sees it: a country key (ISO alpha-3, or the code's first block)
/// and sectors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorKey {
    /// ISO alpha-3 of the actor's country, or the first three letters of its code.
    pub country: String,
    /// Sectors, sorted.
    pub sectors: Vec<String>,
}

impl ActorKey {
    /// The key of an actor record's fields.
    pub fn new(code: &str, iso3: Option<&str>, sectors: &[String]) -> ActorKey {
        let country = iso3
            .map(str::to_string)
            .unwrap_or_else(|| code.get(..3).unwrap_or(code).to_string());
        let mut sectors = sectors.to_vec();
        sectors.sort();
        ActorKey { country, sectors }
    }

    /// Same country, and one's sectors include the other's (`MAR` ~ `MARGOV`).
    pub fn agrees(&self, other: &ActorKey) -> bool {
        let sub = |a: &[String], b: &[String]| a.iter().all(|s| b.contains(s));
        self.country == other.country
            && (sub(&self.sectors, &other.sectors) || sub(&other.sectors, &self.sectors))
    }
}

/// Where an event happened, for the conflict test.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// ISO alpha-3 of the place's country.
    pub iso3: Option<String>,
    /// Latitude and longitude.
    pub coords: Option<(f64, f64)>,
    /// `city`, `admin1`, `country`…
    pub precision: String,
}

impl Place {
    fn precise(&self) -> bool {
        !matches!(
            self.precision.as_str(),
            "country" | "admin1" | "admin2" | "region" | "continent"
        )
    }

    /// Do two places exclude each other?
    pub fn conflicts(&self, other: &Place) -> bool {
        if let (Some(a), Some(b)) = (&self.iso3, &other.iso3)
            && a != b
        {
            return true;
        }
        if let (Some(a), Some(b)) = (self.coords, other.coords)
            && self.precise()
            && other.precise()
        {
            return km(a, b) > MAX_PLACE_KM;
        }
        false
    }
}

fn km((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// One event as clustering sees it.
#[derive(Debug, Clone)]
pub struct ClusterEvent {
    /// The row's sequence number.
    pub seq: i64,
    /// The event's id.
    pub id: String,
    /// The event's id and its document's hash prefix (unique in the store).
    pub uid: String,
    /// The document's row.
    pub document: i64,
    /// Source actor.
    pub source: ActorKey,
    /// Target actor.
    pub target: Option<ActorKey>,
    /// A mutual event.
    pub symmetric: bool,
    /// CAMEO code.
    pub cameo: String,
    /// First and last day of its date.
    pub days: Option<(i64, i64)>,
    /// Where it happened.
    pub place: Option<Place>,
    /// Asserted (only asserted events are clustered).
    pub asserted: bool,
    /// Its rollup key and contribution (for the cluster counts).
    pub rollup: Option<(RollupKey, Contribution)>,
    /// The cluster it is stored in, before reclustering.
    pub old_cluster: Option<String>,
    /// Whether it is stored as its cluster's representative.
    pub old_rep: bool,
}

impl ClusterEvent {
    /// Clustered with others: asserted and dated to at most three days.
    pub fn clusterable(&self) -> bool {
        self.asserted && self.days.is_some_and(|(s, e)| e - s < MAX_SPAN_DAYS)
    }
}

fn opt_agree(a: Option<&ActorKey>, b: Option<&ActorKey>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.agrees(b),
        _ => true,
    }
}

/// Are two events compatible (see the module's documentation)?
pub fn compatible(a: &ClusterEvent, b: &ClusterEvent) -> bool {
    if !a.clusterable() || !b.clusterable() {
        return false;
    }
    let ((a0, a1), (b0, b1)) = (a.days.unwrap_or_default(), b.days.unwrap_or_default());
    if a0 - 1 > b1 || b0 - 1 > a1 {
        return false;
    }
    if !codes_compatible(&a.cameo, &b.cameo) {
        return false;
    }
    if let (Some(p), Some(q)) = (&a.place, &b.place)
        && p.conflicts(q)
    {
        return false;
    }
    let straight = a.source.agrees(&b.source) && opt_agree(a.target.as_ref(), b.target.as_ref());
    let crosswise = (a.symmetric || b.symmetric)
        && opt_agree(Some(&a.source), b.target.as_ref())
        && opt_agree(a.target.as_ref(), Some(&b.source));
    straight || crosswise
}

/// Groups events into clusters: connected components of [`compatible`] pairs, split into
/// pieces spanning at most [`MAX_SPAN_DAYS`]; events that cannot be clustered are grouped
/// only with events of the same id (the same report stored twice). Returns groups of
/// indices into `events`; the result depends only on the events, not on their order.
pub fn groups(events: &[ClusterEvent]) -> Vec<Vec<usize>> {
    let n = events.len();
    let mut order: Vec<usize> = (0..n).collect();
    let key = |i: &usize| {
        let e = &events[*i];
        (e.days.map_or(i64::MIN, |d| d.0), e.uid.clone(), e.seq)
    };
    order.sort_by_key(key);
    let components = components_of(events, &order);
    let mut out = Vec::new();
    for comp in components {
        if !events[comp[0]].clusterable() {
            let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for &i in &comp {
                by_id.entry(events[i].id.as_str()).or_default().push(i);
            }
            out.extend(by_id.into_values());
            continue;
        }
        // comp is sorted by (first day, id): cut it into pieces of at most MAX_SPAN_DAYS.
        let mut piece: Vec<usize> = Vec::new();
        let mut first = 0;
        let mut last = 0;
        for &i in &comp {
            let (s, e) = events[i].days.unwrap_or_default();
            if piece.is_empty() {
                first = s;
                last = e;
            } else if e.max(last) - first >= MAX_SPAN_DAYS {
                out.extend(components_of(events, &piece));
                piece.clear();
                first = s;
                last = e;
            }
            last = last.max(e);
            piece.push(i);
        }
        if !piece.is_empty() {
            out.extend(components_of(events, &piece));
        }
    }
    out
}

/// Connected components among `members` (kept in the order given).
fn components_of(events: &[ClusterEvent], members: &[usize]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..members.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for a in 0..members.len() {
        for b in a + 1..members.len() {
            let (ea, eb) = (&events[members[a]], &events[members[b]]);
            let linked = if ea.clusterable() {
                compatible(ea, eb)
            } else {
                !eb.clusterable() && ea.id == eb.id
            };
            if linked {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                if ra != rb {
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    let mut comps: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, &m) in members.iter().enumerate() {
        let r = find(&mut parent, k);
        comps.entry(r).or_default().push(m);
    }
    comps.into_values().collect()
}

const COLUMNS: &str = "seq, id, document_id, source_code, source_iso3, source_sectors, target_code, \
    target_iso3, target_sectors, symmetric, cameo, date_start, date_end, location_iso3, location_lat, \
    location_lon, location_precision, modality, temporal_status, quad_class, goldstein, cluster_id, cluster_rep, uid";

fn sectors(s: Option<String>) -> Vec<String> {
    s.unwrap_or_default()
        .split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn row_event(r: &rusqlite::Row<'_>) -> rusqlite::Result<ClusterEvent> {
    let source_code: String = r.get(3)?;
    let target_code: Option<String> = r.get(6)?;
    let start: Option<i64> = r.get(11)?;
    let end: Option<i64> = r.get(12)?;
    let iso3: Option<String> = r.get(13)?;
    let lat: Option<f64> = r.get(14)?;
    let lon: Option<f64> = r.get(15)?;
    let precision: Option<String> = r.get(16)?;
    let modality: String = r.get(17)?;
    let status: String = r.get(18)?;
    let days = start.zip(end);
    let place = (iso3.is_some() || lat.is_some()).then(|| Place {
        iso3,
        coords: lat.zip(lon),
        precision: precision.unwrap_or_default(),
    });
    let asserted = modality == "asserted";
    let rollup = match (asserted, days) {
        (true, Some((day, _))) => Some((
            RollupKey {
                source: source_code.clone(),
                target: target_code.clone().unwrap_or_default(),
                day,
                historical: status == "historical",
            },
            Contribution {
                quad_class: r.get::<_, i64>(19)? as u8,
                goldstein: r.get(20)?,
            },
        )),
        _ => None,
    };
    Ok(ClusterEvent {
        seq: r.get(0)?,
        id: r.get(1)?,
        document: r.get(2)?,
        source: ActorKey::new(
            &source_code,
            r.get::<_, Option<String>>(4)?.as_deref(),
            &sectors(r.get(5)?),
        ),
        target: match &target_code {
            Some(t) => Some(ActorKey::new(
                t,
                r.get::<_, Option<String>>(7)?.as_deref(),
                &sectors(r.get(8)?),
            )),
            None => None,
        },
        symmetric: r.get(9)?,
        cameo: r.get(10)?,
        days,
        place,
        asserted,
        rollup,
        old_cluster: r.get(21)?,
        old_rep: r.get(22)?,
        uid: r.get(23)?,
    })
}

/// Recomputes the clusters around `seeds` (event sequence numbers): gathers every stored event
/// connected to them (and every member of their current clusters), groups them with
/// [`groups`], and rewrites cluster ids, representatives, `clusters` rows and the cluster
/// columns of the rollups where they changed.
pub(crate) fn recluster(conn: &Connection, seeds: &[i64]) -> rusqlite::Result<()> {
    let mut by_seq =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM events WHERE seq = ?1"))?;
    let mut probe = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM events WHERE source_key = ?1 AND date_start BETWEEN ?2 AND ?3
         AND modality = 'asserted' AND date_end - date_start < {MAX_SPAN_DAYS}"
    ))?;
    let mut members = conn.prepare_cached("SELECT seq FROM events WHERE cluster_id = ?1")?;
    let mut closure: BTreeMap<i64, ClusterEvent> = BTreeMap::new();
    let mut queue: Vec<i64> = Vec::new();
    let mut seen_clusters: BTreeSet<String> = BTreeSet::new();
    for &s in seeds {
        if closure.contains_key(&s) {
            continue;
        }
        let mut rows = by_seq.query_map([s], row_event)?;
        if let Some(e) = rows.next() {
            let e = e?;
            if !e.asserted && e.old_cluster.is_none() {
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
            let seqs: Vec<i64> = members
                .query_map([c], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for m in seqs {
                if !closure.contains_key(&m) {
                    let mut rows = by_seq.query_map([m], row_event)?;
                    if let Some(x) = rows.next() {
                        found.push(x?);
                    }
                }
            }
        }
        if e.clusterable() {
            let (s0, s1) = e.days.unwrap_or_default();
            let mut keys = vec![key_of(&e.source)];
            if let Some(t) = &e.target {
                keys.push(key_of(t));
            }
            keys.dedup();
            for k in keys {
                let rows = probe.query_map(params![k, s0 - MAX_SPAN_DAYS, s1 + 1], row_event)?;
                for x in rows {
                    let x = x?;
                    if !closure.contains_key(&x.seq) && compatible(&e, &x) {
                        found.push(x);
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
    let mut old_ids: BTreeSet<String> = BTreeSet::new();
    for e in &events {
        if let Some(c) = &e.old_cluster {
            old_ids.insert(c.clone());
        }
    }
    let mut new_ids: BTreeSet<String> = BTreeSet::new();
    let mut update =
        conn.prepare_cached("UPDATE events SET cluster_id = ?1, cluster_rep = ?2 WHERE seq = ?3")?;
    for g in groups(&events) {
        let rep = *g
            .iter()
            .min_by(|&&a, &&b| {
                (&events[a].uid, events[a].seq).cmp(&(&events[b].uid, events[b].seq))
            })
            .expect("groups are not empty");
        let cid = events[rep].uid.clone();
        for &i in &g {
            let e = &events[i];
            let is_rep = i == rep;
            if e.old_cluster.as_deref() != Some(cid.as_str()) || e.old_rep != is_rep {
                update.execute(params![cid, is_rep, e.seq])?;
            }
            if e.old_rep != is_rep
                && let Some((key, c)) = &e.rollup
            {
                add_cluster_rep(conn, key, c, if is_rep { 1 } else { -1 })?;
            }
        }
        new_ids.insert(cid);
    }
    let mut delete = conn.prepare_cached("DELETE FROM clusters WHERE id = ?1")?;
    for id in old_ids.difference(&new_ids) {
        delete.execute([id])?;
    }
    let mut upsert = conn.prepare_cached(
        "INSERT OR REPLACE INTO clusters (id, first_day, last_day, num_events, num_articles, num_sources)
         SELECT e.cluster_id, min(e.date_start), max(e.date_end), count(*),
                count(DISTINCT coalesce(d.duplicate_of, d.id)), count(DISTINCT d.source)
         FROM events e JOIN documents d ON d.id = e.document_id
         WHERE e.cluster_id = ?1 GROUP BY e.cluster_id",
    )?;
    for id in &new_ids {
        upsert.execute([id])?;
    }
    Ok(())
}

/// The `source_key` column of an actor.
pub(crate) fn key_of(a: &ActorKey) -> String {
    a.country.clone()
}

/// Sequence numbers of an event's cluster-mates (for the callers that remove events).
pub(crate) fn cluster_mates(conn: &Connection, cluster: &str) -> rusqlite::Result<Vec<i64>> {
    let mut st = conn.prepare_cached("SELECT seq FROM events WHERE cluster_id = ?1")?;
    st.query_map([cluster], |r| r.get(0))?.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(seq: i64, id: &str, src: &str, tgt: Option<&str>, cameo: &str, day: i64) -> ClusterEvent {
        let key = |c: &str| {
            ActorKey::new(
                c,
                None,
                &[c[3..].to_string()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>(),
            )
        };
        ClusterEvent {
            seq,
            id: id.into(),
            uid: id.into(),
            document: seq,
            source: key(src),
            target: tgt.map(key),
            symmetric: false,
            cameo: cameo.into(),
            days: Some((day, day)),
            place: None,
            asserted: true,
            rollup: None,
            old_cluster: None,
            old_rep: false,
        }
    }

    #[test]
    fn compatibility_rules() {
        let a = ev(1, "a", "USAGOV", Some("MARGOV"), "040", 100);
        assert!(
            compatible(&a, &ev(2, "b", "USA", Some("MAR"), "043", 101)),
            "sectors and paired codes"
        );
        assert!(
            compatible(&a, &ev(2, "b", "USAGOV", None, "0401", 99)),
            "no target, same base"
        );
        assert!(
            !compatible(&a, &ev(2, "b", "USAGOV", Some("MARGOV"), "040", 102)),
            "two days apart"
        );
        assert!(
            !compatible(&a, &ev(2, "b", "USAGOV", Some("DZAGOV"), "040", 100)),
            "other country"
        );
        assert!(
            !compatible(&a, &ev(2, "b", "USAMIL", Some("MARGOV"), "040", 100)),
            "GOV vs MIL"
        );
        assert!(
            !compatible(&a, &ev(2, "b", "USAGOV", Some("MARGOV"), "190", 100)),
            "other code"
        );
        let swapped = ev(2, "b", "MARGOV", Some("USAGOV"), "040", 100);
        assert!(!compatible(&a, &swapped));
        let mut sym = swapped.clone();
        sym.symmetric = true;
        assert!(
            compatible(&a, &sym),
            "a symmetric event matches either way round"
        );
        let mut p = a.clone();
        p.place = Some(Place {
            iso3: Some("USA".into()),
            coords: None,
            precision: "country".into(),
        });
        let mut q = ev(2, "b", "USA", Some("MAR"), "040", 100);
        q.place = Some(Place {
            iso3: Some("MAR".into()),
            coords: None,
            precision: "country".into(),
        });
        assert!(!compatible(&p, &q), "places in two countries");
    }

    #[test]
    fn groups_span_at_most_three_days_and_ignore_order() {
        // A chain of daily reports over six days is cut into pieces of at most three days.
        let events: Vec<ClusterEvent> = (0..6)
            .map(|d| {
                ev(
                    d,
                    &format!("e{d}"),
                    "USAGOV",
                    Some("MARGOV"),
                    "040",
                    100 + d,
                )
            })
            .collect();
        let canon = |evs: &[ClusterEvent]| {
            let mut gs: Vec<Vec<String>> = groups(evs)
                .into_iter()
                .map(|g| {
                    let mut ids: Vec<String> = g.iter().map(|&i| evs[i].id.clone()).collect();
                    ids.sort();
                    ids
                })
                .collect();
            gs.sort();
            gs
        };
        let g = canon(&events);
        assert_eq!(g, vec![vec!["e0", "e1", "e2"], vec!["e3", "e4", "e5"]]);
        let mut rev = events.clone();
        rev.reverse();
        for (k, e) in rev.iter_mut().enumerate() {
            e.seq = k as i64;
        }
        assert_eq!(canon(&rev), g);
    }
}
