//! Cross-article de-duplication: clusters of compatible events.
//!
//! Asserted events are clustered, and so are *announced* ones: future events ("We'll have an
//! opportunity today to talk") dated to at most three days, which join the reports of the
//! event they announce but never count. Two such events are *compatible* when
//!
//! - their actors agree at country level with compatible sectors (`MAR` ~ `MARGOV`, but
//!   `MARGOV` ≁ `MARMIL`): source with source and target with target, or crosswise when either
//!   event is symmetric and one of them has a target; a missing target agrees with any target;
//! - their CAMEO codes share a three-digit base (`0431` ~ `043`) or their bases are paired in
//!   the committed table `data/compatible-codes.tsv` (`040` ~ `042` ~ `043`…);
//! - their date intervals overlap within ±1 day;
//! - their places do not conflict (different countries, or precise places more than
//!   [`MAX_PLACE_KM`] apart).
//!
//! Clusters are the connected components of compatible events. A component spanning
//! [`MAX_SPAN_DAYS`] days or more (first day of its earliest event to last day of its latest)
//! — a dyad that meets every day for a month — is cut into aligned windows of three days by
//! each event's first day ([`window`]: days `3k` to `3k + 2`), and its clusters are the
//! connected components of its events within each window. The windows are fixed in the
//! calendar, not counted from the component's first event, so that adding an event changes
//! only its own window's clusters however long the component grows. Only events dated to at
//! most three days are clustered; the others (a month, a year, no date) are clusters of their
//! own (with the same report stored twice). A cluster's id is its smallest member uid (the
//! member's event id, `-`, the first 8 hex digits of its document's content hash: the same
//! text published twice gives two events with one record id) among its asserted acts, else
//! among its asserted intents (03x: an announcement, paired with its act in the table), and
//! its representative is that member, so clusters depend on the set of events and never on
//! the order they were stored in. A cluster of announced future events alone (an event
//! announced and never reported) takes its smallest uid and has no representative: the
//! counts of clusters count reported events.
//!
//! The writer calls `add_events` with the events it added: each one's compatible neighbours
//! are found through the indexes (`events_pair` on source key, target key and first day;
//! `events_probe` and `events_target_key` for events without a target; ±3 days; code bases
//! filtered in SQL), and the clusters they belong to are merged with it — by moving the
//! members of the clusters whose id is no longer the smallest, never by re-reading a cluster
//! — and the `clusters` rows and the cluster columns of the rollup are updated. The cost of a
//! batch depends on the events per (dyad, day) it touches, not on the size of the store.
//! Re-coding, which also removes events, calls `recluster`, which recomputes whole components.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use std::rc::Rc;

use rusqlite::{Connection, OptionalExtension, params};

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

/// The three-digit base of a CAMEO code (`0431` → `043`).
fn base(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// Each paired base's list of compatible bases (itself and its pairs), `,040,042,043,`.
fn pair_lists() -> &'static HashMap<String, String> {
    static LISTS: OnceLock<HashMap<String, String>> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut by_base: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (a, b) in code_pairs() {
            by_base.entry(a).or_default().insert(b);
        }
        by_base
            .into_iter()
            .map(|(a, others)| {
                let mut list = format!(",{a},");
                for b in others {
                    list.push_str(b);
                    list.push(',');
                }
                (a.to_string(), list)
            })
            .collect()
    })
}

/// The bases compatible with a code's base (itself and its committed pairs), as a
/// comma-delimited list with leading and trailing commas (`,040,042,043,`): the store's probes
/// filter candidate rows with it before reading them.
pub fn compatible_bases(code: &str) -> String {
    let b = base(code);
    pair_lists()
        .get(b)
        .cloned()
        .unwrap_or_else(|| format!(",{b},"))
}

/// Are two CAMEO codes compatible (same three-digit base, or a committed pair)?
pub fn codes_compatible(a: &str, b: &str) -> bool {
    let (a, b) = (base(a), base(b));
    a == b
        || pair_lists()
            .get(a)
            .is_some_and(|list| list.split(',').any(|x| x == b))
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
    /// Asserted: clustered and counted.
    pub asserted: bool,
    /// Announced: a future event (PLOVER's future mode) dated to at most three days, such as
    /// "We'll have an opportunity today to talk". It joins the cluster of the reports of the
    /// event it announces, so that the announcement and the report are one event's articles,
    /// but never counts: a cluster's representative is an asserted member.
    pub announced: bool,
    /// Its rollup key and contribution (for the cluster counts).
    pub rollup: Option<(RollupKey, Contribution)>,
    /// The cluster it is stored in, before reclustering.
    pub old_cluster: Option<String>,
    /// Whether it is stored as its cluster's representative.
    pub old_rep: bool,
}

impl ClusterEvent {
    /// Clustered with others: asserted or announced, and dated to at most three days.
    pub fn clusterable(&self) -> bool {
        (self.asserted || self.announced) && self.days.is_some_and(|(s, e)| e - s < MAX_SPAN_DAYS)
    }

    /// Belongs to a cluster: clusterable, or asserted (an asserted event that cannot be
    /// clustered is a cluster of its own, with the same report stored twice).
    pub fn in_a_cluster(&self) -> bool {
        self.asserted || self.clusterable()
    }

    /// How well the event stands for its cluster: 0 for an asserted act, 1 for an asserted
    /// intent (a 03x code: the act's announcement), 2 for an event that is not asserted (an
    /// announced future event).
    pub fn tier(&self) -> u8 {
        tier(self.asserted, &self.cameo)
    }

    /// The order that picks a cluster's id among its members: by [`ClusterEvent::tier`], then
    /// by uid, then by storage order. The first member is the cluster's id; it is the
    /// representative (counted) when it is asserted, and a cluster of announced future events
    /// alone has none.
    pub fn id_key(&self) -> (u8, &str, i64) {
        (self.tier(), self.uid.as_str(), self.seq)
    }
}

/// [`ClusterEvent::tier`] from an event's modality and code.
fn tier(asserted: bool, cameo: &str) -> u8 {
    match (asserted, cameo.starts_with("03")) {
        (true, false) => 0,
        (true, true) => 1,
        (false, _) => 2,
    }
}

/// The member of a group (indices into `events`) whose uid is the group's cluster id (see
/// [`ClusterEvent::id_key`]), and whether it is the group's counted representative.
pub fn representative(events: &[ClusterEvent], group: &[usize]) -> Option<(usize, bool)> {
    let i = *group
        .iter()
        .min_by(|&&a, &&b| events[a].id_key().cmp(&events[b].id_key()))?;
    Some((i, events[i].asserted))
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
    // Crosswise needs a target on one side at least: two target-less events agree only
    // through their sources.
    let crosswise = (a.symmetric || b.symmetric)
        && (a.target.is_some() || b.target.is_some())
        && opt_agree(Some(&a.source), b.target.as_ref())
        && opt_agree(a.target.as_ref(), Some(&b.source));
    straight || crosswise
}

/// The window of a long component an event falls in: its first day in aligned
/// [`MAX_SPAN_DAYS`]-day windows (day numbers `3k`, `3k + 1`, `3k + 2`).
pub fn window(first_day: i64) -> i64 {
    first_day.div_euclid(MAX_SPAN_DAYS)
}

/// Groups events into clusters (see the module's documentation): connected components of
/// [`compatible`] pairs; a component spanning [`MAX_SPAN_DAYS`] days or more is cut into the
/// connected components of its events within each [`window`]; events that cannot be clustered
/// are grouped only with events of the same id (the same report stored twice). Returns groups
/// of indices into `events`; the result depends only on the events, not on their order.
pub fn groups(events: &[ClusterEvent]) -> Vec<Vec<usize>> {
    let mut edges = Vec::new();
    for a in 0..events.len() {
        for b in a + 1..events.len() {
            if compatible(&events[a], &events[b]) {
                edges.push((a, b));
            }
        }
    }
    groups_with_edges(events, &edges)
}

/// [`groups`], given every compatible pair (as indices into `events`): components come from
/// the edges, so only the pieces cut from a long component are compared pairwise.
pub fn groups_with_edges(events: &[ClusterEvent], edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
    groups_and_cuts(events, edges)
        .into_iter()
        .map(|(g, _)| g)
        .collect()
}

/// A union-find over `0..n` whose roots are the smallest members.
#[derive(Debug, Clone, Default)]
struct Components(Vec<usize>);

impl Components {
    fn new(n: usize) -> Components {
        Components((0..n).collect())
    }
    fn push(&mut self) -> usize {
        self.0.push(self.0.len());
        self.0.len() - 1
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
    /// The members of each component, in increasing order, components by their smallest.
    fn sets(&mut self) -> Vec<Vec<usize>> {
        let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..self.0.len() {
            let r = self.find(i);
            by_root.entry(r).or_default().push(i);
        }
        by_root.into_values().collect()
    }
}

/// [`groups_with_edges`], each group with whether it was cut from a longer component.
fn groups_and_cuts(events: &[ClusterEvent], edges: &[(usize, usize)]) -> Vec<(Vec<usize>, bool)> {
    let mut comps = Components::new(events.len());
    for &(a, b) in edges {
        comps.union(a, b);
    }
    // Asserted events that cannot be clustered join only the same report stored twice.
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        if e.asserted && !e.clusterable() {
            let first = *by_id.entry(e.id.as_str()).or_insert(i);
            comps.union(first, i);
        }
    }
    let mut out = Vec::new();
    for comp in comps.sets() {
        if !events[comp[0]].clusterable() || span(comp.iter().map(|&i| &events[i])) < MAX_SPAN_DAYS
        {
            out.push((comp, false));
            continue;
        }
        let mut by_window: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
        for &i in &comp {
            by_window
                .entry(window(events[i].days.unwrap_or_default().0))
                .or_default()
                .push(i);
        }
        for members in by_window.values() {
            out.extend(
                components_of(events, members)
                    .into_iter()
                    .map(|g| (g, true)),
            );
        }
    }
    out
}

/// Last day minus first day of clusterable events.
fn span<'a>(events: impl Iterator<Item = &'a ClusterEvent>) -> i64 {
    let (start, end) = events.fold((i64::MAX, i64::MIN), |(s, e), x| {
        let d = x.days.unwrap_or_default();
        (s.min(d.0), e.max(d.1))
    });
    end - start
}

/// Connected components among `members` (kept in the order given).
fn components_of(events: &[ClusterEvent], members: &[usize]) -> Vec<Vec<usize>> {
    let mut comps = Components::new(members.len());
    for a in 0..members.len() {
        for b in a + 1..members.len() {
            if compatible(&events[members[a]], &events[members[b]]) {
                comps.union(a, b);
            }
        }
    }
    comps
        .sets()
        .into_iter()
        .map(|s| s.into_iter().map(|k| members[k]).collect())
        .collect()
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
        announced,
        rollup,
        old_cluster: r.get(21)?,
        old_rep: r.get(22)?,
        uid: r.get(23)?,
    })
}

/// Every stored event, as clustering sees it (for checks).
pub(crate) fn all_events(conn: &Connection) -> rusqlite::Result<Vec<ClusterEvent>> {
    conn.prepare(&format!("SELECT {COLUMNS} FROM events ORDER BY seq"))?
        .query_map([], row_event)?
        .collect()
}

/// Rows that may be compatible with an event, whatever their actors: asserted or announced,
/// dated to at most three days, within the window, with a compatible code base.
const PROBE_FILTER: &str = "date_start BETWEEN ?3 AND ?4 AND modality IN ('asserted', 'future') \
    AND date_end - date_start < 3 AND instr(?5, ',' || substr(cameo, 1, 3) || ',') > 0";

/// Which index a probe enters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ProbeKind {
    /// Source key and target key (`events_pair`).
    Pair,
    /// Source key, no target (`events_pair`).
    NoTarget,
    /// Source key, any target (`events_probe`).
    Source,
    /// Target key, any source (`events_target_key`).
    Target,
}

/// A probe: which index, its two keys, the first days and the code bases.
type ProbeKey = (ProbeKind, String, String, i64, i64, String);

/// Finds the stored events compatible with an event through the store's indexes, sharing the
/// rows of identical probes (the events of one story ask the same questions).
struct Prober<'c> {
    conn: &'c Connection,
    cache: HashMap<ProbeKey, Rc<Vec<ClusterEvent>>>,
}

impl<'c> Prober<'c> {
    fn new(conn: &'c Connection) -> Prober<'c> {
        Prober {
            conn,
            cache: HashMap::new(),
        }
    }

    fn probe(
        &mut self,
        kind: ProbeKind,
        k1: &str,
        k2: &str,
        (lo, hi): (i64, i64),
        bases: &str,
    ) -> rusqlite::Result<Rc<Vec<ClusterEvent>>> {
        let key = (
            kind,
            k1.to_string(),
            k2.to_string(),
            lo,
            hi,
            bases.to_string(),
        );
        if let Some(rows) = self.cache.get(&key) {
            return Ok(rows.clone());
        }
        // ?2 appears in every statement (as a no-op where unused) so that all take five
        // parameters.
        let actors = match kind {
            ProbeKind::Pair => "source_key = ?1 AND target_key = ?2",
            ProbeKind::NoTarget => "source_key = ?1 AND target_key IS NULL AND ?2 = ?2",
            ProbeKind::Source => "source_key = ?1 AND ?2 = ?2",
            ProbeKind::Target => "target_key = ?1 AND ?2 = ?2",
        };
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM events WHERE {actors} AND {PROBE_FILTER}"
        ))?;
        let rows: Vec<ClusterEvent> = st
            .query_map(params![k1, k2, lo, hi, bases], row_event)?
            .collect::<rusqlite::Result<_>>()?;
        let rows = Rc::new(rows);
        self.cache.insert(key, rows.clone());
        Ok(rows)
    }

    /// Every stored event linked to `e` (itself excluded): the events [`compatible`] with it,
    /// or, for an asserted event that cannot be clustered, the stored asserted events of the
    /// same id that cannot be either.
    fn neighbours(&mut self, e: &ClusterEvent) -> rusqlite::Result<Vec<ClusterEvent>> {
        let mut out: Vec<ClusterEvent> = Vec::new();
        if !e.in_a_cluster() {
            return Ok(out);
        }
        if !e.clusterable() {
            let mut st = self
                .conn
                .prepare_cached(&format!("SELECT {COLUMNS} FROM events WHERE id = ?1"))?;
            for x in st.query_map([&e.id], row_event)? {
                let x = x?;
                if x.seq != e.seq && x.asserted && !x.clusterable() {
                    out.push(x);
                }
            }
            return Ok(out);
        }
        let (s0, s1) = e.days.unwrap_or_default();
        let days = (s0 - MAX_SPAN_DAYS, s1 + 1);
        let bases = compatible_bases(&e.cameo);
        let s = key_of(&e.source);
        // Straight (source with source) and crosswise (source with target) candidates; the
        // probes cover every pair `compatible` can accept.
        let probes: Vec<(ProbeKind, String, String)> = match &e.target {
            Some(t) => {
                let t = key_of(t);
                vec![
                    (ProbeKind::Pair, s.clone(), t.clone()),
                    (ProbeKind::NoTarget, s.clone(), String::new()),
                    (ProbeKind::Pair, t.clone(), s.clone()),
                    (ProbeKind::NoTarget, t, String::new()),
                ]
            }
            None => vec![
                (ProbeKind::Source, s.clone(), String::new()),
                (ProbeKind::Target, s, String::new()),
            ],
        };
        let mut seen: HashSet<i64> = HashSet::new();
        for (kind, k1, k2) in probes {
            let rows = self.probe(kind, &k1, &k2, days, &bases)?;
            for x in rows.iter() {
                if x.seq != e.seq && compatible(e, x) && seen.insert(x.seq) {
                    out.push(x.clone());
                }
            }
        }
        Ok(out)
    }
}

/// A stored cluster, as the incremental writer sees it.
#[derive(Debug, Clone)]
struct StoredCluster {
    id: String,
    first_day: Option<i64>,
    last_day: Option<i64>,
    /// Cut from a component spanning [`MAX_SPAN_DAYS`] or more (a window's piece).
    piece: bool,
    /// Its representative's [`ClusterEvent::tier`] (its id is then the representative's
    /// uid), or 2 when it has none (announced future events alone).
    tier: u8,
}

fn stored_cluster(conn: &Connection, id: &str) -> rusqlite::Result<StoredCluster> {
    conn.prepare_cached(
        "SELECT first_day, last_day, piece,
                (SELECT cameo FROM events WHERE cluster_id = ?1 AND cluster_rep = 1)
         FROM clusters WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(StoredCluster {
            id: id.to_string(),
            first_day: r.get(0)?,
            last_day: r.get(1)?,
            piece: r.get(2)?,
            tier: match r.get::<_, Option<String>>(3)? {
                Some(cameo) => tier(true, &cameo),
                None => 2,
            },
        })
    })
}

/// A member of a new cluster: a stored cluster joining whole, or one event.
#[derive(Debug, Clone)]
enum Unit {
    Cluster(StoredCluster),
    Event(Box<ClusterEvent>),
}

/// Adds stored events (sequence numbers of events without a cluster) to the clusters,
/// incrementally: each event's neighbours are found through the indexes (see `Prober`), and
/// the clusters they belong to are merged with it. Stored clusters are never re-read whole
/// except a short component that becomes long (spanning [`MAX_SPAN_DAYS`] or more) and is cut
/// into windows for the first time; a long component's other windows are not touched. The
/// result equals [`groups`] over all stored events (events without a cluster that are not
/// being added are treated as absent).
pub(crate) fn add_events(conn: &Connection, seqs: &[i64]) -> rusqlite::Result<()> {
    let mut by_seq =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM events WHERE seq = ?1"))?;
    let mut seeds: Vec<ClusterEvent> = Vec::new();
    for &s in seqs {
        if let Some(e) = by_seq.query_row([s], row_event).optional()?
            && e.in_a_cluster()
            && e.old_cluster.is_none()
        {
            seeds.push(e);
        }
    }
    seeds.sort_by_key(|e| e.seq);
    seeds.dedup_by_key(|e| e.seq);
    let n = seeds.len();
    let pos: HashMap<i64, usize> = seeds.iter().enumerate().map(|(i, e)| (e.seq, i)).collect();
    let mut prober = Prober::new(conn);
    // Nodes: the seeds, then the stored clusters they touch.
    let mut comps = Components::new(n);
    let mut cluster_ids: Vec<String> = Vec::new();
    let mut cluster_node: HashMap<String, usize> = HashMap::new();
    let mut seed_edges: Vec<(usize, usize)> = Vec::new();
    let mut links: Vec<(usize, ClusterEvent)> = Vec::new();
    for (i, seed) in seeds.iter().enumerate() {
        for x in prober.neighbours(seed)? {
            if let Some(&j) = pos.get(&x.seq) {
                if i < j {
                    seed_edges.push((i, j));
                }
                comps.union(i, j);
            } else if let Some(c) = &x.old_cluster {
                let node = match cluster_node.get(c) {
                    Some(&node) => node,
                    None => {
                        let node = comps.push();
                        cluster_node.insert(c.clone(), node);
                        cluster_ids.push(c.clone());
                        node
                    }
                };
                comps.union(i, node);
                links.push((i, x));
            }
        }
    }
    let mut writer = ClusterWriter::new(conn)?;
    for group in comps.sets() {
        let group_seeds: Vec<usize> = group.iter().copied().filter(|&k| k < n).collect();
        let stored: Vec<StoredCluster> = group
            .iter()
            .filter(|&&k| k >= n)
            .map(|&k| stored_cluster(conn, &cluster_ids[k - n]))
            .collect::<rusqlite::Result<_>>()?;
        let clusterable = seeds[group_seeds[0]].clusterable();
        let first = group_seeds
            .iter()
            .filter_map(|&i| seeds[i].days.map(|d| d.0))
            .chain(stored.iter().filter_map(|c| c.first_day))
            .min();
        let last = group_seeds
            .iter()
            .filter_map(|&i| seeds[i].days.map(|d| d.1))
            .chain(stored.iter().filter_map(|c| c.last_day))
            .max();
        let long = clusterable
            && (stored.iter().any(|c| c.piece)
                || first.zip(last).is_some_and(|(f, l)| l - f >= MAX_SPAN_DAYS));
        if !long {
            // One cluster: the stored clusters (whole components) and the new events.
            let units: Vec<Unit> = stored
                .into_iter()
                .map(Unit::Cluster)
                .chain(
                    group_seeds
                        .iter()
                        .map(|&i| Unit::Event(Box::new(seeds[i].clone()))),
                )
                .collect();
            writer.write(units, false)?;
            continue;
        }
        // A long component: the connected components within each window. Pieces join whole
        // (they are connected within their window already); short components joining a long
        // one are cut into windows, their events compared pairwise.
        let mut units: Vec<Unit> = Vec::new();
        let mut unit_window: Vec<i64> = Vec::new();
        let mut piece_unit: HashMap<String, usize> = HashMap::new();
        let mut event_unit: HashMap<i64, usize> = HashMap::new();
        let mut members_of = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM events WHERE cluster_id = ?1"
        ))?;
        let mut inner_edges: Vec<(usize, usize)> = Vec::new();
        for c in stored {
            if c.piece {
                piece_unit.insert(c.id.clone(), units.len());
                unit_window.push(window(c.first_day.unwrap_or_default()));
                units.push(Unit::Cluster(c));
            } else {
                let members: Vec<ClusterEvent> = members_of
                    .query_map([&c.id], row_event)?
                    .collect::<rusqlite::Result<_>>()?;
                let start = units.len();
                for m in members {
                    event_unit.insert(m.seq, units.len());
                    unit_window.push(window(m.days.unwrap_or_default().0));
                    units.push(Unit::Event(Box::new(m)));
                }
                for a in start..units.len() {
                    for b in a + 1..units.len() {
                        if unit_window[a] == unit_window[b]
                            && let (Unit::Event(x), Unit::Event(y)) = (&units[a], &units[b])
                            && compatible(x, y)
                        {
                            inner_edges.push((a, b));
                        }
                    }
                }
            }
        }
        let mut seed_unit: HashMap<usize, usize> = HashMap::new();
        for &i in &group_seeds {
            seed_unit.insert(i, units.len());
            unit_window.push(window(seeds[i].days.unwrap_or_default().0));
            units.push(Unit::Event(Box::new(seeds[i].clone())));
        }
        let mut pieces = Components::new(units.len());
        for (a, b) in inner_edges {
            pieces.union(a, b);
        }
        for &(i, j) in &seed_edges {
            if let (Some(&a), Some(&b)) = (seed_unit.get(&i), seed_unit.get(&j))
                && unit_window[a] == unit_window[b]
            {
                pieces.union(a, b);
            }
        }
        for (i, x) in &links {
            let Some(&a) = seed_unit.get(i) else {
                continue;
            };
            let b = match x.old_cluster.as_ref().and_then(|c| piece_unit.get(c)) {
                Some(&b) => Some(b),
                None => event_unit.get(&x.seq).copied(),
            };
            if let Some(b) = b
                && unit_window[a] == window(x.days.unwrap_or_default().0)
            {
                pieces.union(a, b);
            }
        }
        let mut slots: Vec<Option<Unit>> = units.into_iter().map(Some).collect();
        for set in pieces.sets() {
            let members: Vec<Unit> = set.into_iter().filter_map(|k| slots[k].take()).collect();
            writer.write(members, true)?;
        }
    }
    writer.finish()
}

/// Writes new clusters: ids, representatives, the cluster columns of the rollup and the
/// `clusters` rows; removes the rows of clusters that no longer exist.
struct ClusterWriter<'c> {
    conn: &'c Connection,
    old_ids: BTreeSet<String>,
    new_ids: BTreeSet<String>,
}

impl<'c> ClusterWriter<'c> {
    fn new(conn: &'c Connection) -> rusqlite::Result<ClusterWriter<'c>> {
        Ok(ClusterWriter {
            conn,
            old_ids: BTreeSet::new(),
            new_ids: BTreeSet::new(),
        })
    }

    /// Stores `units` as one cluster (`piece`: cut from a long component).
    fn write(&mut self, units: Vec<Unit>, piece: bool) -> rusqlite::Result<()> {
        if let [Unit::Cluster(c)] = units.as_slice()
            && c.piece == piece
        {
            // A stored cluster left as it was (a window's piece no new event joined).
            self.new_ids.insert(c.id.clone());
            return Ok(());
        }
        // The id: the smallest member uid, asserted acts first, then asserted intents (ties:
        // the earliest stored; a stored cluster's members are all older than a new event); see
        // `ClusterEvent::id_key`.
        let key = |u: &Unit| match u {
            Unit::Cluster(c) => (c.tier, c.id.clone(), i64::MIN),
            Unit::Event(e) => (e.tier(), e.uid.clone(), e.seq),
        };
        let Some(rep) = units.iter().map(key).min() else {
            return Ok(());
        };
        let cid = rep.1.clone();
        let conn = self.conn;
        let mut update = conn
            .prepare_cached("UPDATE events SET cluster_id = ?1, cluster_rep = ?2 WHERE seq = ?3")?;
        for u in &units {
            match u {
                Unit::Cluster(c) => {
                    self.old_ids.insert(c.id.clone());
                    if c.id != cid {
                        // Its representative steps down; its members move.
                        let old_rep = conn
                            .prepare_cached(&format!(
                                "SELECT {COLUMNS} FROM events WHERE cluster_id = ?1 AND cluster_rep = 1"
                            ))?
                            .query_row([&c.id], row_event)
                            .optional()?;
                        if let Some((k, contribution)) = old_rep.and_then(|e| e.rollup) {
                            add_cluster_rep(conn, &k, &contribution, -1)?;
                        }
                        conn.prepare_cached(
                            "UPDATE events SET cluster_id = ?1, cluster_rep = 0 WHERE cluster_id = ?2",
                        )?
                        .execute(params![cid, c.id])?;
                    }
                }
                Unit::Event(e) => {
                    if let Some(c) = &e.old_cluster {
                        self.old_ids.insert(c.clone());
                    }
                    let is_rep = e.asserted && key(u) == rep;
                    if e.old_cluster.as_deref() != Some(cid.as_str()) || e.old_rep != is_rep {
                        update.execute(params![cid, is_rep, e.seq])?;
                    }
                    if e.old_rep != is_rep
                        && let Some((k, contribution)) = &e.rollup
                    {
                        add_cluster_rep(conn, k, contribution, if is_rep { 1 } else { -1 })?;
                    }
                }
            }
        }
        conn.prepare_cached(
            "INSERT OR REPLACE INTO clusters (id, first_day, last_day, num_events, num_articles, num_sources, piece)
             SELECT e.cluster_id, min(e.date_start), max(e.date_end), count(*),
                    count(DISTINCT coalesce(d.duplicate_of, d.id)), count(DISTINCT d.source), ?2
             FROM events e JOIN documents d ON d.id = e.document_id
             WHERE e.cluster_id = ?1 GROUP BY e.cluster_id",
        )?
        .execute(params![cid, piece])?;
        self.new_ids.insert(cid);
        Ok(())
    }

    /// Deletes the rows of clusters that were merged or cut away.
    fn finish(self) -> rusqlite::Result<()> {
        let mut delete = self
            .conn
            .prepare_cached("DELETE FROM clusters WHERE id = ?1")?;
        for id in self.old_ids.difference(&self.new_ids) {
            delete.execute([id])?;
        }
        Ok(())
    }
}

/// Recomputes the clusters around `seeds` (event sequence numbers) from scratch, after events
/// were removed (re-coding): gathers every stored event connected to them (and every member of
/// their current clusters), groups them with [`groups`], and rewrites cluster ids,
/// representatives, `clusters` rows and the cluster columns of the rollups where they changed.
/// Its cost grows with the components it walks; adding events goes through `add_events`.
pub(crate) fn recluster(conn: &Connection, seeds: &[i64]) -> rusqlite::Result<()> {
    let mut by_seq =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM events WHERE seq = ?1"))?;
    let mut members = conn.prepare_cached("SELECT seq FROM events WHERE cluster_id = ?1")?;
    let mut prober = Prober::new(conn);
    let mut closure: BTreeMap<i64, ClusterEvent> = BTreeMap::new();
    let mut edges: Vec<(i64, i64)> = Vec::new();
    let mut queue: Vec<i64> = Vec::new();
    let mut seen_clusters: BTreeSet<String> = BTreeSet::new();
    for &s in seeds {
        if closure.contains_key(&s) {
            continue;
        }
        if let Some(e) = by_seq.query_row([s], row_event).optional()? {
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
            let seqs: Vec<i64> = members
                .query_map([c], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for m in seqs {
                if !closure.contains_key(&m)
                    && let Some(x) = by_seq.query_row([m], row_event).optional()?
                {
                    found.push(x);
                }
            }
        }
        for x in prober.neighbours(&e)? {
            if e.clusterable() {
                edges.push((e.seq, x.seq));
            }
            if !closure.contains_key(&x.seq) {
                found.push(x);
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
    let mut writer = ClusterWriter::new(conn)?;
    for (g, cut) in groups_and_cuts(&events, &edges) {
        let units: Vec<Unit> = g
            .iter()
            .map(|&i| Unit::Event(Box::new(events[i].clone())))
            .collect();
        // Events neither asserted nor announced (made so by a re-coding) get none.
        if events[g[0]].in_a_cluster() {
            writer.write(units, cut)?;
        } else {
            for u in units {
                if let Unit::Event(e) = u {
                    if let Some(c) = &e.old_cluster {
                        writer.old_ids.insert(c.clone());
                    }
                    if e.old_rep
                        && let Some((k, contribution)) = &e.rollup
                    {
                        add_cluster_rep(conn, k, contribution, -1)?;
                    }
                    conn.prepare_cached(
                        "UPDATE events SET cluster_id = NULL, cluster_rep = 0 WHERE seq = ?1",
                    )?
                    .execute([e.seq])?;
                }
            }
        }
    }
    writer.finish()
}

/// Recomputes every cluster from the events (after a migration that changed the rule):
/// clears them, then adds the asserted and announced events in storage order, a few thousand
/// at a time.
pub(crate) fn rebuild(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "UPDATE events SET cluster_id = NULL, cluster_rep = 0 WHERE cluster_id IS NOT NULL;
         DELETE FROM clusters;
         UPDATE dyad_daily SET clusters = 0, cq1 = 0, cq2 = 0, cq3 = 0, cq4 = 0,
             cgoldstein_sum = 0, cgoldstein_n = 0;
         UPDATE daily_totals SET clusters = 0;",
    )?;
    let seqs: Vec<i64> = conn
        .prepare("SELECT seq FROM events WHERE modality IN ('asserted', 'future') ORDER BY seq")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for chunk in seqs.chunks(4096) {
        add_events(conn, chunk)?;
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
            announced: false,
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
        // A chain of daily reports over six days is cut into calendar windows of three days
        // (day 99 = 3 × 33).
        let events: Vec<ClusterEvent> = (0..6)
            .map(|d| ev(d, &format!("e{d}"), "USAGOV", Some("MARGOV"), "040", 99 + d))
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

#[cfg(test)]
mod incremental_tests {
    use super::*;

    /// A pseudo-random sequence (the tests must not depend on a seed crate).
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    /// One event row: (id, source, target, symmetric, cameo, days, document, modality).
    type Row = (
        String,
        String,
        Option<String>,
        bool,
        String,
        Option<(i64, i64)>,
        i64,
        &'static str,
    );

    fn rows(seed: u64, n: usize) -> Vec<Row> {
        let mut r = Lcg(seed);
        let actors = ["USA", "USAGOV", "MAR", "MARGOV", "MARMIL", "DZA"];
        let codes = ["040", "043", "042", "190", "036", "0431"];
        (0..n)
            .map(|k| {
                let source = actors[r.below(actors.len() as u64) as usize].to_string();
                let target = (r.below(5) > 0)
                    .then(|| actors[r.below(actors.len() as u64) as usize].to_string());
                let symmetric = r.below(4) == 0;
                let cameo = codes[r.below(codes.len() as u64) as usize].to_string();
                let days = match r.below(10) {
                    // Undated (not clustered): a few ids repeat, as the same report stored twice.
                    0 => None,
                    1 => {
                        let d = r.below(40) as i64;
                        Some((d, d + 1 + r.below(2) as i64))
                    }
                    _ => {
                        let d = r.below(40) as i64;
                        Some((d, d))
                    }
                };
                let id = if days.is_none() {
                    format!("u{}", r.below(4))
                } else {
                    format!("e{k:03}")
                };
                // Three events a document; an undated one in a document of its own.
                let doc = if days.is_none() {
                    1000 + k as i64
                } else {
                    k as i64 / 3 + 1
                };
                // Announcements (clustered, never counted) and negations (never clustered).
                let modality = match r.below(8) {
                    0 | 1 => "future",
                    2 => "negated",
                    _ => "asserted",
                };
                (id, source, target, symmetric, cameo, days, doc, modality)
            })
            .collect()
    }

    fn store() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        for sql in crate::schema::MIGRATIONS {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute(
            "INSERT INTO runs (id, started_at, status, dyad_version, inputs) VALUES (1, '', 'running', '', '[]')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO coders (id, dyad_version, lexicon_hash, model_hash) VALUES (1, '', '', '')",
            [],
        )
        .unwrap();
        conn
    }

    fn insert(conn: &Connection, row: &Row) -> i64 {
        let (id, source, target, symmetric, cameo, days, doc, modality) = row;
        conn.execute(
            "INSERT OR IGNORE INTO documents (id, content_hash, doc_id, text, source_path, format, run_id, ingested_at, source)
             VALUES (?1, ?2, ?3, '', 'test', 'text', 1, '', ?4)",
            params![doc, doc.to_le_bytes().to_vec(), format!("d{doc}"), format!("s{}", doc % 4)],
        )
        .unwrap();
        let key = |c: &str| c[..3].to_string();
        let sectors = |c: &str| c[3..].to_string();
        conn.execute(
            "INSERT INTO events (id, uid, document_id, sentence_idx, trigger_start, trigger_end, source_code,
             source_iso3, source_sectors, target_code, target_iso3, target_sectors, symmetric, cameo, root,
             quad_class, goldstein, modality, temporal_status, date_start, date_end, is_root, rule,
             source_key, target_key, record, coder_id)
             VALUES (?1, ?1 || '-' || ?2, ?2, 0, 0, 0, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, substr(?10, 1, 2), 1, 1.0,
             ?13, 'current', ?11, ?12, 1, 'test', ?4, ?7, '{}', 1)",
            params![
                id,
                doc,
                source,
                key(source),
                sectors(source),
                target,
                target.as_deref().map(key),
                target.as_deref().map(sectors),
                symmetric,
                cameo,
                days.map(|d| d.0),
                days.map(|d| d.1),
                modality,
            ],
        )
        .unwrap();
        conn.last_insert_rowid()
    }

    /// Event (id, document) → cluster id.
    fn clustering(conn: &Connection) -> BTreeMap<(String, i64), Option<String>> {
        all_events(conn)
            .unwrap()
            .into_iter()
            .map(|e| ((e.id, e.document), e.old_cluster))
            .collect()
    }

    /// Event (id, document) → cluster id, and the representatives, by the rule.
    #[allow(clippy::type_complexity)]
    fn expected(
        conn: &Connection,
    ) -> (
        BTreeMap<(String, i64), Option<String>>,
        BTreeSet<(String, i64)>,
    ) {
        let events = all_events(conn).unwrap();
        let mut out = BTreeMap::new();
        let mut reps = BTreeSet::new();
        for g in groups(&events) {
            let rep = representative(&events, &g).filter(|_| events[g[0]].in_a_cluster());
            if let Some((i, true)) = rep {
                reps.insert((events[i].id.clone(), events[i].document));
            }
            let id = rep.map(|(i, _)| events[i].uid.clone());
            for &i in &g {
                out.insert((events[i].id.clone(), events[i].document), id.clone());
            }
        }
        (out, reps)
    }

    /// The stored representatives.
    fn representatives(conn: &Connection) -> BTreeSet<(String, i64)> {
        all_events(conn)
            .unwrap()
            .into_iter()
            .filter(|e| e.old_rep)
            .map(|e| (e.id, e.document))
            .collect()
    }

    #[test]
    fn incremental_clusters_equal_the_rule_in_any_order_and_batching() {
        for seed in 1..=6 {
            let all = rows(seed, 150);
            let mut reference = None;
            let mut order: Vec<usize> = (0..all.len()).collect();
            let mut r = Lcg(seed * 7919);
            for round in 0..4 {
                for i in (1..order.len()).rev() {
                    order.swap(i, r.below(i as u64 + 1) as usize);
                }
                let conn = store();
                let mut k = 0;
                while k < order.len() {
                    // Batches of 1 to 40 events, each clustered in its own call.
                    let size = if round == 0 {
                        1
                    } else {
                        1 + r.below(40) as usize
                    };
                    let batch: Vec<i64> = order[k..(k + size).min(order.len())]
                        .iter()
                        .map(|&i| insert(&conn, &all[i]))
                        .collect();
                    add_events(&conn, &batch).unwrap();
                    k += size;
                }
                let got = clustering(&conn);
                let (want, reps) = expected(&conn);
                assert_eq!(
                    got, want,
                    "seed {seed} round {round}: not the rule's clusters"
                );
                assert_eq!(
                    representatives(&conn),
                    reps,
                    "seed {seed} round {round}: not the rule's representatives"
                );
                let announced_with_reports: i64 = conn
                    .query_row(
                        "SELECT count(*) FROM events f JOIN events a ON a.cluster_id = f.cluster_id
                         WHERE f.modality = 'future' AND a.modality = 'asserted'",
                        [],
                        |x| x.get(0),
                    )
                    .unwrap();
                assert!(
                    announced_with_reports > 0,
                    "seed {seed}: announcements join reports"
                );
                let pieces: i64 = conn
                    .query_row("SELECT count(*) FROM clusters WHERE piece", [], |x| {
                        x.get(0)
                    })
                    .unwrap();
                assert!(pieces > 0, "seed {seed}: the sample has long components");
                match &reference {
                    None => reference = Some(got),
                    Some(want) => assert_eq!(&got, want, "seed {seed} round {round}"),
                }
                // A rebuild gives the same clusters.
                rebuild(&conn).unwrap();
                assert_eq!(&clustering(&conn), reference.as_ref().unwrap());
            }
        }
    }

    #[test]
    fn a_long_chain_is_cut_by_calendar_windows() {
        let conn = store();
        let seqs: Vec<i64> = (0..10)
            .map(|d| {
                let row: Row = (
                    format!("e{d}"),
                    "USAGOV".into(),
                    Some("MARGOV".into()),
                    false,
                    "040".into(),
                    Some((d, d)),
                    d + 1,
                    "asserted",
                );
                insert(&conn, &row)
            })
            .collect();
        add_events(&conn, &seqs).unwrap();
        let got: Vec<String> = clustering(&conn).into_values().flatten().collect();
        // Days 0-2, 3-5, 6-8, 9.
        assert_eq!(
            got,
            [
                "e0-1", "e0-1", "e0-1", "e3-4", "e3-4", "e3-4", "e6-7", "e6-7", "e6-7", "e9-10"
            ]
        );
        // Two events a day apart and alone are one cluster, across a window's edge.
        let conn = store();
        let a = insert(
            &conn,
            &(
                "a".into(),
                "USA".into(),
                Some("MAR".into()),
                false,
                "040".into(),
                Some((2, 2)),
                1,
                "asserted",
            ),
        );
        let b = insert(
            &conn,
            &(
                "b".into(),
                "USA".into(),
                Some("MAR".into()),
                false,
                "043".into(),
                Some((3, 3)),
                2,
                "asserted",
            ),
        );
        add_events(&conn, &[a]).unwrap();
        add_events(&conn, &[b]).unwrap();
        let got: Vec<String> = clustering(&conn).into_values().flatten().collect();
        assert_eq!(got, ["a-1", "a-1"]);
    }

    #[test]
    fn an_announcement_joins_the_report_of_its_event_and_never_counts() {
        let row = |id: &str, doc: i64, modality: &'static str, day: i64| -> Row {
            (
                id.into(),
                "USAGOV".into(),
                Some("MARGOV".into()),
                true,
                "040".into(),
                Some((day, day)),
                doc,
                modality,
            )
        };
        for announcement_first in [true, false] {
            let conn = store();
            let add = |r: Row| {
                let seq = insert(&conn, &r);
                add_events(&conn, &[seq]).unwrap();
            };
            // "We'll have an opportunity today to talk" (document 1, smaller uid) and the
            // readout of the meeting (document 2).
            let (announcement, report) = (row("a", 1, "future", 10), row("b", 2, "asserted", 10));
            if announcement_first {
                add(announcement.clone());
                // Alone, an announcement is a cluster without a representative.
                assert_eq!(
                    clustering(&conn).into_values().collect::<Vec<_>>(),
                    [Some("a-1".to_string())]
                );
                assert!(representatives(&conn).is_empty());
                add(report);
            } else {
                add(report);
                add(announcement);
            }
            // One cluster, named and counted by the report.
            assert_eq!(
                clustering(&conn).into_values().collect::<Vec<_>>(),
                [Some("b-2".to_string()), Some("b-2".to_string())],
                "announcement first: {announcement_first}"
            );
            assert_eq!(
                representatives(&conn).into_iter().collect::<Vec<_>>(),
                [("b".to_string(), 2)]
            );
            let articles: i64 = conn
                .query_row(
                    "SELECT num_articles FROM clusters WHERE id = 'b-2'",
                    [],
                    |x| x.get(0),
                )
                .unwrap();
            assert_eq!(articles, 2);
            // A negated event never joins.
            let seq = insert(&conn, &row("c", 3, "negated", 10));
            add_events(&conn, &[seq]).unwrap();
            assert_eq!(clustering(&conn)[&("c".to_string(), 3)], None);
        }
    }
}
