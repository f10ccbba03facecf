//! Reading the store: dyad series, events, actors — shared by the CLI and the HTTP server.
//!
//! Every query is parameterised SQL over the indexes of schema 2; results are plain data that
//! serialise with serde. Actor codes match their extensions (`MAR` finds `MARGOV`, `MARMIL`)
//! unless a query is `exact`. Historical events and non-asserted modalities are left out of
//! counts and series unless asked for; event listings show everything a filter selects.
//!
//! ```
//! use dyad_store::query::{Count, DyadQuery, Period};
//! use dyad_store::Store;
//!
//! let store = Store::open_in_memory().unwrap();
//! let series = store.dyad_series(&DyadQuery::new("USA", "MAR")).unwrap();
//! assert!(series.periods.is_empty());
//! assert_eq!((series.period, series.count), (Period::Month, Count::Events));
//! ```

use std::collections::BTreeMap;

use dyad_coder::EventRecord;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::days;
use crate::error::Result;
use crate::store::Store;

/// The length of a series' periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Days.
    Day,
    /// ISO weeks (Monday to Sunday), labelled by their Monday.
    Week,
    /// Calendar months.
    #[default]
    Month,
    /// Calendar years.
    Year,
}

impl Period {
    /// The first day of the period holding `day`.
    pub fn start(self, day: i64) -> i64 {
        match self {
            Period::Day => day,
            Period::Week => day - days::weekday(day),
            Period::Month => {
                let (y, m, _) = days::civil(day);
                days::day_number(y, m, 1)
            }
            Period::Year => days::day_number(days::civil(day).0, 1, 1),
        }
    }

    /// The first day of the next period.
    pub fn next(self, start: i64) -> i64 {
        match self {
            Period::Day => start + 1,
            Period::Week => start + 7,
            Period::Month => {
                let (y, m, _) = days::civil(start);
                if m == 12 {
                    days::day_number(y + 1, 1, 1)
                } else {
                    days::day_number(y, m + 1, 1)
                }
            }
            Period::Year => days::day_number(days::civil(start).0 + 1, 1, 1),
        }
    }

    /// The label of the period starting on `start`: `2022-05-24`, `2022-05`, `2022`.
    pub fn label(self, start: i64) -> String {
        let iso = days::iso(start);
        match self {
            Period::Day | Period::Week => iso,
            Period::Month => iso[..7].to_string(),
            Period::Year => iso[..4].to_string(),
        }
    }

    /// Parses `day`, `week`, `month` or `year`.
    pub fn parse(s: &str) -> Option<Period> {
        Some(match s {
            "day" => Period::Day,
            "week" => Period::Week,
            "month" => Period::Month,
            "year" => Period::Year,
            _ => return None,
        })
    }
}

/// What a series counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Count {
    /// Every counted event (asserted; historical only when asked).
    #[default]
    Events,
    /// Event clusters across articles (each counted once, on its representative's day and
    /// dyad).
    Clusters,
    /// One a day (as in ICEWS and the Phoenix data): at most one event per day, source code,
    /// target code and CAMEO code — the day an event counts on (its date's first day, else its
    /// report date's), its exact codes. With historical events, a (day, source, target, code)
    /// of historical events only counts too, once.
    Daily,
}

impl Count {
    /// The unit as written in output (`events`, `clusters`).
    pub fn name(self) -> &'static str {
        match self {
            Count::Events => "events",
            Count::Clusters => "clusters",
            Count::Daily => "daily",
        }
    }
}

/// A dyad series request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DyadQuery {
    /// One actor code.
    pub a: String,
    /// The other.
    pub b: String,
    /// Period length.
    pub period: Period,
    /// First day (`YYYY-MM-DD`), else the first day with data.
    pub from: Option<String>,
    /// Last day, else the last day with data.
    pub to: Option<String>,
    /// Events, clusters or one a day.
    pub count: Count,
    /// Codes match exactly, not their extensions.
    pub exact: bool,
    /// Count historical (background) events too.
    pub include_historical: bool,
}

impl DyadQuery {
    /// Monthly event counts between `a` and `b`, codes matching their extensions.
    pub fn new(a: &str, b: &str) -> DyadQuery {
        DyadQuery {
            a: a.to_string(),
            b: b.to_string(),
            period: Period::Month,
            from: None,
            to: None,
            count: Count::Events,
            exact: false,
            include_historical: false,
        }
    }
}

/// The counts of one direction in one period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct DirectionCounts {
    /// Events (or clusters).
    pub count: u64,
    /// Verbal cooperation (QuadClass 1).
    pub verbal_cooperation: u64,
    /// Material cooperation (QuadClass 2).
    pub material_cooperation: u64,
    /// Verbal conflict (QuadClass 3).
    pub verbal_conflict: u64,
    /// Material conflict (QuadClass 4).
    pub material_conflict: u64,
    /// Sum of Goldstein scores.
    pub goldstein_sum: f64,
    /// Mean Goldstein score of the events that have one.
    pub goldstein_mean: Option<f64>,
    #[serde(skip)]
    goldstein_n: u64,
}

/// One period of a dyad series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesPeriod {
    /// The period's label (`2022-05-24`, `2022-05`, `2022`; weeks by their Monday).
    pub period: String,
    /// Its first day.
    pub start: String,
    /// A → B.
    pub a_to_b: DirectionCounts,
    /// B → A.
    pub b_to_a: DirectionCounts,
    /// Documents published in the period (for normalisation).
    pub total_documents: u64,
    /// Events (or clusters, as the series counts) of every dyad in the period.
    pub total_events: u64,
}

/// A dyad series: both directions, every period from the first to the last (zero-filled).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DyadSeries {
    /// Actor A as asked.
    pub a: String,
    /// Actor B as asked.
    pub b: String,
    /// Period length.
    pub period: Period,
    /// What is counted.
    pub count: Count,
    /// Codes matched exactly.
    pub exact: bool,
    /// Historical events counted.
    pub include_historical: bool,
    /// The periods, in order.
    pub periods: Vec<SeriesPeriod>,
}

impl DyadSeries {
    /// The series as CSV with a header: one row per period and direction (`A>B`, `B>A`), its
    /// count, QuadClass counts, Goldstein sum and mean, and the period's totals (`dyad query
    /// dyad --format csv`, `GET /api/dyad?format=csv`).
    pub fn to_csv(&self) -> String {
        use std::fmt::Write;
        let mut out = format!(
            "period,direction,count,verbal_cooperation,material_cooperation,verbal_conflict,material_conflict,goldstein_sum,goldstein_mean,total_documents,total_{}\n",
            self.count.name()
        );
        for p in &self.periods {
            for (dir, c) in [
                (format!("{}>{}", self.a, self.b), &p.a_to_b),
                (format!("{}>{}", self.b, self.a), &p.b_to_a),
            ] {
                // Writing to a String cannot fail.
                let _ = writeln!(
                    out,
                    "{},{dir},{},{},{},{},{},{:.2},{},{},{}",
                    p.period,
                    c.count,
                    c.verbal_cooperation,
                    c.material_cooperation,
                    c.verbal_conflict,
                    c.material_conflict,
                    c.goldstein_sum,
                    c.goldstein_mean
                        .map_or(String::new(), |m| format!("{m:.3}")),
                    p.total_documents,
                    p.total_events
                );
            }
        }
        out
    }
}

/// A request for events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventQuery {
    /// Events whose source or target matches this code.
    pub actor: Option<String>,
    /// Events between these two actors (either direction, unless `directed`).
    pub dyad: Option<(String, String)>,
    /// With `dyad`: only the first actor's events towards the second (a bar of one direction
    /// of a series).
    #[serde(default)]
    pub directed: bool,
    /// CAMEO root (`04`).
    pub root: Option<String>,
    /// Events dated on or after (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Events dated on or before.
    pub to: Option<String>,
    /// Codes match exactly, not their extensions.
    pub exact: bool,
    /// Only events counted by default (asserted, not historical).
    pub counted_only: bool,
    /// Events of this cluster.
    pub cluster: Option<String>,
    /// Which events stand for the unit counted: every event ([`Count::Events`]), each
    /// cluster's representative ([`Count::Clusters`]), or the first stored asserted event of
    /// each (day, source code, target code, CAMEO code) ([`Count::Daily`]; with
    /// `counted_only`, the first current one), so that a listing holds what a series counts.
    #[serde(default)]
    pub count: Count,
    /// At most this many (a page); `None` for every match (streaming readers).
    pub limit: Option<usize>,
    /// Continue after this cursor (from [`Page::next`]).
    pub after: Option<String>,
}

/// One page of results, with the cursor of the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items.
    pub items: Vec<T>,
    /// Pass as [`EventQuery::after`] for the next page; `None` on the last page.
    pub next: Option<String>,
}

/// Another event of the same cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sibling {
    /// The event's id.
    pub event_id: String,
    /// Its document's id.
    pub doc_id: String,
}

/// An event as stored: its record, its document and its cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    /// The store's sequence number (stable; the keyset cursor).
    pub seq: i64,
    /// The event record (`docs/event-schema.md`).
    pub record: EventRecord,
    /// The document's URL.
    pub doc_url: Option<String>,
    /// The document's title.
    pub doc_title: Option<String>,
    /// The document's source (its URL's host, else its input path).
    pub source: Option<String>,
    /// The document this one is a near-duplicate of (its `doc_id`).
    pub duplicate_of: Option<String>,
    /// The cluster's id (its smallest member's uid: event id, `-`, document hash prefix);
    /// `None` for non-asserted events.
    pub cluster_id: Option<String>,
    /// Events in the cluster.
    pub num_events: u64,
    /// Distinct articles reporting the cluster (near-duplicates once).
    pub num_articles: u64,
    /// Distinct sources reporting it.
    pub num_sources: u64,
    /// dyad's version that coded the event.
    pub dyad_version: String,
    /// Hash of the lexicon that coded it.
    pub lexicon_hash: String,
    /// Hash of the model that coded it.
    pub model_hash: String,
    /// The other events of the cluster (filled by [`Store::event`] only).
    pub siblings: Vec<Sibling>,
}

/// An actor code with the names it was seen under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorEntry {
    /// The CAMEO actor code.
    pub code: String,
    /// Names and mention texts seen with it, most frequent first.
    pub names: Vec<String>,
    /// Events (as source or target) with this code.
    pub events: u64,
}

/// One row of the `daily_totals` rollup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DayTotals {
    day: i64,
    historical: bool,
    documents: u64,
    events: u64,
    clusters: u64,
    daily: u64,
}

/// The whole `daily_totals` table as a read-only connection last read it, with the
/// connection's `PRAGMA data_version` then: every series needs the totals of its range, and a
/// day's totals change only when another connection commits (a reader never writes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TotalsSnapshot {
    version: i64,
    rows: Vec<DayTotals>,
}

/// `source >= code AND source < code~` (extensions) or `source = code` (exact).
fn code_filter(column: &str, code: &str, exact: bool, args: &mut Vec<Value>) -> String {
    if exact {
        args.push(Value::Text(code.to_string()));
        format!("{column} = ?{}", args.len())
    } else {
        args.push(Value::Text(code.to_string()));
        let n = args.len();
        args.push(Value::Text(format!("{code}\u{7f}")));
        format!("({column} >= ?{n} AND {column} < ?{})", args.len())
    }
}

fn day_arg(s: &Option<String>) -> Option<i64> {
    s.as_deref().and_then(days::parse_day)
}

const EVENT_SELECT: &str =
    "SELECT e.seq, e.record, d.url, d.title, d.source, dup.doc_id, e.cluster_id,
    coalesce(c.num_events, 0), coalesce(c.num_articles, 0), coalesce(c.num_sources, 0),
    k.dyad_version, k.lexicon_hash, k.model_hash
    FROM events e JOIN documents d ON d.id = e.document_id
    LEFT JOIN documents dup ON dup.id = d.duplicate_of
    LEFT JOIN clusters c ON c.id = e.cluster_id
    JOIN coders k ON k.id = e.coder_id";

fn stored_event(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredEvent> {
    let json: String = r.get(1)?;
    let record: EventRecord = serde_json::from_str(&json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, e.into())
    })?;
    Ok(StoredEvent {
        seq: r.get(0)?,
        record,
        doc_url: r.get(2)?,
        doc_title: r.get(3)?,
        source: r.get(4)?,
        duplicate_of: r.get(5)?,
        cluster_id: r.get(6)?,
        num_events: r.get::<_, i64>(7)? as u64,
        num_articles: r.get::<_, i64>(8)? as u64,
        num_sources: r.get::<_, i64>(9)? as u64,
        dyad_version: r.get(10)?,
        lexicon_hash: r.get(11)?,
        model_hash: r.get(12)?,
        siblings: Vec::new(),
    })
}

/// One rollup row of one direction of a dyad series: a day's count (events or clusters),
/// QuadClass counts and Goldstein sum and count. Every store backend reads these from its
/// `dyad_daily` table and [`assemble_series`] builds the series, so backends agree.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DayCounts {
    /// Day number.
    pub day: i64,
    /// Events (or clusters).
    pub count: i64,
    /// QuadClass 1–4 counts.
    pub quads: [i64; 4],
    /// Sum of Goldstein scores.
    pub goldstein_sum: f64,
    /// Events with a Goldstein score.
    pub goldstein_n: i64,
}

/// Builds a dyad series from its rollup rows (`rows[0]`: A → B, `rows[1]`: B → A): the range is
/// the query's `from`/`to`, else the days with data; `totals(first, last)` gives the documents
/// and events (or clusters) of each day in that range; periods are zero-filled.
pub fn assemble_series<E>(
    q: &DyadQuery,
    rows: &[Vec<DayCounts>; 2],
    totals: impl FnOnce(i64, i64) -> std::result::Result<BTreeMap<i64, (u64, u64)>, E>,
) -> std::result::Result<DyadSeries, E> {
    let from = day_arg(&q.from);
    let to = day_arg(&q.to);
    // day -> (a->b, b->a)
    let mut by_day: BTreeMap<i64, [DirectionCounts; 2]> = BTreeMap::new();
    for (dir, found) in rows.iter().enumerate() {
        for r in found {
            let c = &mut by_day.entry(r.day).or_default()[dir];
            c.count += r.count as u64;
            c.verbal_cooperation += r.quads[0] as u64;
            c.material_cooperation += r.quads[1] as u64;
            c.verbal_conflict += r.quads[2] as u64;
            c.material_conflict += r.quads[3] as u64;
            c.goldstein_n += r.goldstein_n as u64;
            c.goldstein_sum += r.goldstein_sum;
        }
    }
    let first = from.or_else(|| by_day.keys().next().copied());
    let last = to.or_else(|| by_day.keys().next_back().copied());
    let mut periods = Vec::new();
    if let (Some(first), Some(last)) = (first, last)
        && first <= last
    {
        let totals = totals(first, last)?;
        let mut start = q.period.start(first);
        while start <= last {
            let end = q.period.next(start);
            let mut p = SeriesPeriod {
                period: q.period.label(start),
                start: days::iso(start),
                a_to_b: DirectionCounts::default(),
                b_to_a: DirectionCounts::default(),
                total_documents: 0,
                total_events: 0,
            };
            for (_, c) in by_day.range(start..end) {
                for (dst, src) in [&mut p.a_to_b, &mut p.b_to_a].into_iter().zip(c) {
                    dst.count += src.count;
                    dst.verbal_cooperation += src.verbal_cooperation;
                    dst.material_cooperation += src.material_cooperation;
                    dst.verbal_conflict += src.verbal_conflict;
                    dst.material_conflict += src.material_conflict;
                    dst.goldstein_sum += src.goldstein_sum;
                    dst.goldstein_n += src.goldstein_n;
                }
            }
            for d in [&mut p.a_to_b, &mut p.b_to_a] {
                d.goldstein_mean =
                    (d.goldstein_n > 0).then(|| d.goldstein_sum / d.goldstein_n as f64);
            }
            for (_, (docs, evs)) in totals.range(start..end) {
                p.total_documents += docs;
                p.total_events += evs;
            }
            periods.push(p);
            start = end;
        }
    }
    Ok(DyadSeries {
        a: q.a.clone(),
        b: q.b.clone(),
        period: q.period,
        count: q.count,
        exact: q.exact,
        include_historical: q.include_historical,
        periods,
    })
}

impl Store {
    /// A dyad's series: both directions, zero-filled periods, QuadClass counts, Goldstein sum
    /// and mean, and each period's totals of documents and events (read from the rollups).
    pub fn dyad_series(&self, q: &DyadQuery) -> Result<DyadSeries> {
        let from = day_arg(&q.from);
        let to = day_arg(&q.to);
        let mut rows: [Vec<DayCounts>; 2] = [Vec::new(), Vec::new()];
        for (dir, (src, tgt)) in [(&q.a, &q.b), (&q.b, &q.a)].into_iter().enumerate() {
            let mut args = Vec::new();
            let mut sql = String::from(match q.count {
                Count::Clusters => {
                    "SELECT day, clusters, cq1, cq2, cq3, cq4, cgoldstein_sum, cgoldstein_n FROM dyad_daily WHERE "
                }
                Count::Events => {
                    "SELECT day, events, q1, q2, q3, q4, goldstein_sum, goldstein_n FROM dyad_daily WHERE "
                }
                // One row per (source, target, day, code): summed per day (and source, target).
                Count::Daily => {
                    "SELECT day, count(*), sum(quad_class = 1), sum(quad_class = 2), sum(quad_class = 3),
                     sum(quad_class = 4), total(goldstein), count(goldstein) FROM dyad_daily_codes WHERE "
                }
            });
            if q.exact {
                sql += &code_filter("source", src, true, &mut args);
            } else {
                // The codes extending `src`, from the small actors table, so that the rollup's
                // (source, target, day) index is entered once per code with the target range,
                // instead of scanning every row of every target of the source.
                let codes = code_filter("code", src, false, &mut args);
                sql += &format!("source IN (SELECT code FROM actors WHERE {codes})");
            }
            sql += " AND ";
            sql += &code_filter("target", tgt, q.exact, &mut args);
            if let Some(f) = from {
                args.push(Value::Integer(f));
                sql += &format!(" AND day >= ?{}", args.len());
            }
            if let Some(t) = to {
                args.push(Value::Integer(t));
                sql += &format!(" AND day <= ?{}", args.len());
            }
            match (q.count, q.include_historical) {
                (Count::Daily, false) => sql += " AND current > 0 GROUP BY source, target, day",
                (Count::Daily, true) => sql += " GROUP BY source, target, day",
                (_, false) => sql += " AND historical = 0",
                (_, true) => {}
            }
            let mut st = self.sql(self.conn.prepare_cached(&sql))?;
            let found = self.sql(st.query_map(rusqlite::params_from_iter(args), |r| {
                Ok(DayCounts {
                    day: r.get(0)?,
                    count: r.get(1)?,
                    quads: [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
                    goldstein_sum: r.get(6)?,
                    goldstein_n: r.get(7)?,
                })
            }))?;
            for row in found {
                rows[dir].push(self.sql(row)?);
            }
        }
        assemble_series(q, &rows, |first, last| {
            // Documents and events of every dyad per day over the range.
            Ok(self
                .day_totals(first, last, q.count, q.include_historical)?
                .into_iter()
                .map(|(day, docs, n)| (day, (docs, n)))
                .collect())
        })
    }

    /// Per day from `first` to `last` (in order): documents, and events or clusters of every
    /// dyad, historical ones included or not. Read-only connections keep the whole table in
    /// memory while the store is unchanged ([`TotalsSnapshot`]); writers read it each time.
    fn day_totals(
        &self,
        first: i64,
        last: i64,
        count: Count,
        include_historical: bool,
    ) -> Result<Vec<(i64, u64, u64)>> {
        let pick = |r: &DayTotals| {
            (
                r.day,
                r.documents,
                match count {
                    Count::Events => r.events,
                    Count::Clusters => r.clusters,
                    Count::Daily => r.daily,
                },
            )
        };
        let mut out: Vec<(i64, u64, u64)> = Vec::new();
        let mut add = |r: &DayTotals| {
            if !include_historical && r.historical {
                return;
            }
            let (day, docs, n) = pick(r);
            match out.last_mut() {
                Some(last) if last.0 == day => {
                    last.1 += docs;
                    last.2 += n;
                }
                _ => out.push((day, docs, n)),
            }
        };
        if let Some(cell) = &self.totals {
            let version = self.data_version()?;
            let mut cached = cell.borrow_mut();
            if cached.as_ref().is_none_or(|t| t.version != version) {
                *cached = Some(TotalsSnapshot {
                    version,
                    rows: self.read_day_totals(None)?,
                });
            }
            let rows = &cached.as_ref().expect("just filled").rows;
            let from = rows.partition_point(|r| r.day < first);
            for r in rows[from..].iter().take_while(|r| r.day <= last) {
                add(r);
            }
        } else {
            for r in &self.read_day_totals(Some((first, last)))? {
                add(r);
            }
        }
        Ok(out)
    }

    /// The rows of `daily_totals` (within a range of days), in day order.
    fn read_day_totals(&self, range: Option<(i64, i64)>) -> Result<Vec<DayTotals>> {
        let (lo, hi) = range.unwrap_or((i64::MIN, i64::MAX));
        let mut st = self.sql(self.conn.prepare_cached(
            "SELECT day, historical, documents, events, clusters, daily FROM daily_totals
             WHERE day BETWEEN ?1 AND ?2 ORDER BY day, historical",
        ))?;
        let rows = self.sql(st.query_map([lo, hi], |r| {
            Ok(DayTotals {
                day: r.get(0)?,
                historical: r.get(1)?,
                documents: r.get::<_, i64>(2)? as u64,
                events: r.get::<_, i64>(3)? as u64,
                clusters: r.get::<_, i64>(4)? as u64,
                daily: r.get::<_, i64>(5)? as u64,
            })
        }))?;
        let mut out = Vec::new();
        for r in rows {
            out.push(self.sql(r)?);
        }
        Ok(out)
    }

    fn event_sql(&self, q: &EventQuery) -> (String, Vec<Value>) {
        let mut args = Vec::new();
        let mut wh: Vec<String> = Vec::new();
        if let Some(a) = &q.actor {
            let s = code_filter("e.source_code", a, q.exact, &mut args);
            let t = code_filter("e.target_code", a, q.exact, &mut args);
            wh.push(format!("({s} OR {t})"));
        }
        if let Some((a, b)) = &q.dyad {
            let ab = format!(
                "({} AND {})",
                code_filter("e.source_code", a, q.exact, &mut args),
                code_filter("e.target_code", b, q.exact, &mut args)
            );
            if q.directed {
                wh.push(ab);
            } else {
                let ba = format!(
                    "({} AND {})",
                    code_filter("e.source_code", b, q.exact, &mut args),
                    code_filter("e.target_code", a, q.exact, &mut args)
                );
                wh.push(format!("({ab} OR {ba})"));
            }
        }
        if let Some(r) = &q.root {
            args.push(Value::Text(format!("{r:0>2}")));
            wh.push(format!("e.root = ?{}", args.len()));
        }
        if let Some(f) = day_arg(&q.from) {
            args.push(Value::Integer(f));
            wh.push(format!("e.date_start >= ?{}", args.len()));
        }
        if let Some(t) = day_arg(&q.to) {
            args.push(Value::Integer(t));
            wh.push(format!("e.date_start <= ?{}", args.len()));
        }
        if q.counted_only {
            wh.push("e.modality = 'asserted' AND e.temporal_status <> 'historical'".into());
        }
        if let Some(c) = &q.cluster {
            args.push(Value::Text(c.clone()));
            wh.push(format!("e.cluster_id = ?{}", args.len()));
        }
        match q.count {
            Count::Events => {}
            Count::Clusters => wh.push("e.cluster_rep = 1".into()),
            Count::Daily => {
                let current = if q.counted_only {
                    " AND x.temporal_status <> 'historical'"
                } else {
                    ""
                };
                wh.push(format!(
                    "e.modality = 'asserted' AND e.date_start IS NOT NULL AND NOT EXISTS (
                     SELECT 1 FROM events x WHERE x.source_code = e.source_code
                     AND x.date_start = e.date_start AND x.cameo = e.cameo
                     AND x.target_code IS e.target_code AND x.modality = 'asserted'
                     AND x.seq < e.seq{current})"
                ));
            }
        }
        if let Some(after) = q.after.as_deref().and_then(|a| a.parse::<i64>().ok()) {
            args.push(Value::Integer(after));
            wh.push(format!("e.seq > ?{}", args.len()));
        }
        let mut sql = EVENT_SELECT.to_string();
        if !wh.is_empty() {
            sql += " WHERE ";
            sql += &wh.join(" AND ");
        }
        sql += " ORDER BY e.seq";
        if let Some(limit) = q.limit {
            args.push(Value::Integer(limit as i64 + 1));
            sql += &format!(" LIMIT ?{}", args.len());
        }
        (sql, args)
    }

    /// A page of events matching `q`, in storage order; `next` continues it.
    pub fn events(&self, q: &EventQuery) -> Result<Page<StoredEvent>> {
        let (sql, args) = self.event_sql(q);
        let mut st = self.sql(self.conn.prepare_cached(&sql))?;
        let rows = self.sql(st.query_map(rusqlite::params_from_iter(args), stored_event))?;
        let mut items = Vec::new();
        for r in rows {
            items.push(self.sql(r)?);
        }
        let mut next = None;
        if let Some(limit) = q.limit
            && items.len() > limit
        {
            items.truncate(limit);
            next = items.last().map(|e| e.seq.to_string());
        }
        Ok(Page { items, next })
    }

    /// Calls `f` with every event matching `filter` (its `limit` ignored), streaming.
    pub fn for_each_event(
        &self,
        filter: &EventQuery,
        mut f: impl FnMut(&StoredEvent),
    ) -> Result<u64> {
        let q = EventQuery {
            limit: None,
            ..filter.clone()
        };
        let (sql, args) = self.event_sql(&q);
        let mut st = self.sql(self.conn.prepare_cached(&sql))?;
        let rows = self.sql(st.query_map(rusqlite::params_from_iter(args), stored_event))?;
        let mut n = 0;
        for r in rows {
            f(&self.sql(r)?);
            n += 1;
        }
        Ok(n)
    }

    /// One event by id (the first stored, if identical documents hold it), with its cluster's
    /// other events.
    pub fn event(&self, id: &str) -> Result<Option<StoredEvent>> {
        let sql = format!("{EVENT_SELECT} WHERE e.id = ?1 ORDER BY e.seq LIMIT 1");
        let mut st = self.sql(self.conn.prepare_cached(&sql))?;
        let mut rows = self.sql(st.query_map([id], stored_event))?;
        let Some(first) = rows.next() else {
            return Ok(None);
        };
        let mut ev = self.sql(first)?;
        if let Some(c) = &ev.cluster_id {
            let mut st = self.sql(self.conn.prepare_cached(
                "SELECT e.id, d.doc_id FROM events e JOIN documents d ON d.id = e.document_id
                 WHERE e.cluster_id = ?1 AND e.seq <> ?2 ORDER BY e.id, e.seq",
            ))?;
            let rows = self.sql(st.query_map(rusqlite::params![c, ev.seq], |r| {
                Ok(Sibling {
                    event_id: r.get(0)?,
                    doc_id: r.get(1)?,
                })
            }))?;
            for r in rows {
                ev.siblings.push(self.sql(r)?);
            }
        }
        Ok(Some(ev))
    }

    /// Actor codes starting with `like` or seen under a name containing it (case-insensitive),
    /// most frequent first. No code or name holds a NUL character, so a `like` with one
    /// matches nothing (SQLite's `LIKE` would stop reading the pattern there and match all).
    pub fn actors(&self, like: &str, limit: usize) -> Result<Vec<ActorEntry>> {
        if like.contains('\0') {
            return Ok(Vec::new());
        }
        let escaped: String = like
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        let mut st = self.sql(self.conn.prepare_cached(
            "SELECT code, name, events FROM actors WHERE code IN (
                SELECT code FROM actors WHERE code LIKE ?1 || '%' ESCAPE '\\'
                   OR name LIKE '%' || ?1 || '%' ESCAPE '\\')
             ORDER BY code, events DESC, name",
        ))?;
        let rows = self.sql(st.query_map([&escaped], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        }))?;
        let mut by_code: BTreeMap<String, ActorEntry> = BTreeMap::new();
        for row in rows {
            let (code, name, n) = self.sql(row)?;
            let e = by_code.entry(code.clone()).or_insert(ActorEntry {
                code,
                names: Vec::new(),
                events: 0,
            });
            e.names.push(name);
            e.events += n as u64;
        }
        let mut out: Vec<ActorEntry> = by_code.into_values().collect();
        out.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.code.cmp(&b.code)));
        out.truncate(limit);
        Ok(out)
    }

    /// The most frequent dyads (source, target, counted events), for summaries.
    pub fn top_dyads(&self, limit: usize) -> Result<Vec<(String, String, u64)>> {
        let mut st = self.sql(self.conn.prepare_cached(
            "SELECT source, target, sum(events) AS n FROM dyad_daily WHERE historical = 0 AND target <> ''
             GROUP BY source, target HAVING n > 0 ORDER BY n DESC, source, target LIMIT ?1",
        ))?;
        let rows = self.sql(st.query_map([limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
        }))?;
        let mut out = Vec::new();
        for r in rows {
            out.push(self.sql(r)?);
        }
        Ok(out)
    }
}
