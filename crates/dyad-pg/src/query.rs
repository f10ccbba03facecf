//! Reading the PostgreSQL store: the same requests and result types as `dyad_store::query`
//! (`DyadQuery` → `DyadSeries`, `EventQuery` → `Page<StoredEvent>`, actors), so the CLI and
//! the server print either backend alike. The series is assembled by
//! [`dyad_store::query::assemble_series`] from this store's rollup rows.

use std::collections::BTreeMap;

use dyad_coder::EventRecord;
use dyad_store::query::{DayCounts, assemble_series};
use dyad_store::{
    ActorEntry, Count, DyadQuery, DyadSeries, EventQuery, Page, Sibling, StoredEvent,
};
use postgres::Row;
use postgres::types::ToSql;

use crate::error::{Error, Result};
use crate::store::PgStore;

type Args = Vec<Box<dyn ToSql + Sync>>;

/// `col >= code AND col < code\x7f` (extensions) or `col = code` (exact); the columns use
/// the "C" collation, so this is a byte range as in SQLite.
fn code_filter(column: &str, code: &str, exact: bool, args: &mut Args) -> String {
    args.push(Box::new(code.to_string()));
    let n = args.len();
    if exact {
        format!("{column} = ${n}")
    } else {
        args.push(Box::new(format!("{code}\u{7f}")));
        format!("({column} >= ${n} AND {column} < ${})", args.len())
    }
}

fn day_arg(s: &Option<String>) -> Option<i64> {
    s.as_deref().and_then(dyad_store::days::parse_day)
}

fn refs(args: &Args) -> Vec<&(dyn ToSql + Sync)> {
    args.iter().map(|b| b.as_ref()).collect()
}

const EVENT_SELECT: &str =
    "SELECT e.seq, e.record, d.url, d.title, d.source, dup.doc_id, e.cluster_id,
    coalesce(c.num_events, 0), coalesce(c.num_articles, 0), coalesce(c.num_sources, 0),
    k.dyad_version, k.lexicon_hash, k.model_hash
    FROM events e JOIN documents d ON d.id = e.document_id
    LEFT JOIN documents dup ON dup.id = d.duplicate_of
    LEFT JOIN clusters c ON c.id = e.cluster_id
    JOIN coders k ON k.id = e.coder_id";

impl PgStore {
    fn stored_event(&self, r: &Row) -> Result<StoredEvent> {
        let seq: i64 = r.get(0);
        let json: String = r.get(1);
        let record: EventRecord = serde_json::from_str(&json).map_err(|source| Error::Record {
            database: self.database().to_string(),
            seq,
            source,
        })?;
        Ok(StoredEvent {
            seq,
            record,
            doc_url: r.get(2),
            doc_title: r.get(3),
            source: r.get(4),
            duplicate_of: r.get(5),
            cluster_id: r.get(6),
            num_events: r.get::<_, i64>(7) as u64,
            num_articles: r.get::<_, i64>(8) as u64,
            num_sources: r.get::<_, i64>(9) as u64,
            dyad_version: r.get(10),
            lexicon_hash: r.get(11),
            model_hash: r.get(12),
            siblings: Vec::new(),
        })
    }

    /// Events and clusters are counted here; the one-a-day filter (`Count::Daily`) has no
    /// rollup in this backend yet, and says so rather than counting events under its name.
    fn counted_unit(&self, count: Count) -> Result<()> {
        match count {
            Count::Events | Count::Clusters => Ok(()),
            Count::Daily => Err(Error::Unsupported {
                database: self.database().to_string(),
                what: "the one-a-day count (count daily)",
            }),
        }
    }

    /// A dyad's series, as `dyad_store::Store::dyad_series` computes it.
    pub fn dyad_series(&self, q: &DyadQuery) -> Result<DyadSeries> {
        let from = day_arg(&q.from);
        let to = day_arg(&q.to);
        self.counted_unit(q.count)?;
        let clusters = q.count == Count::Clusters;
        let mut conn = self.conn()?;
        let mut rows: [Vec<DayCounts>; 2] = [Vec::new(), Vec::new()];
        for (dir, (src, tgt)) in [(&q.a, &q.b), (&q.b, &q.a)].into_iter().enumerate() {
            let mut args: Args = Vec::new();
            let mut sql = String::from(if clusters {
                "SELECT day, clusters, cq1, cq2, cq3, cq4, cgoldstein_sum, cgoldstein_n FROM dyad_daily WHERE "
            } else {
                "SELECT day, events, q1, q2, q3, q4, goldstein_sum, goldstein_n FROM dyad_daily WHERE "
            });
            if q.exact {
                sql += &code_filter("source", src, true, &mut args);
            } else {
                let codes = code_filter("code", src, false, &mut args);
                sql += &format!("source IN (SELECT code FROM actors WHERE {codes})");
            }
            sql += " AND ";
            sql += &code_filter("target", tgt, q.exact, &mut args);
            if let Some(f) = from {
                args.push(Box::new(f));
                sql += &format!(" AND day >= ${}", args.len());
            }
            if let Some(t) = to {
                args.push(Box::new(t));
                sql += &format!(" AND day <= ${}", args.len());
            }
            if !q.include_historical {
                sql += " AND NOT historical";
            }
            for r in conn
                .query(&sql, &refs(&args))
                .map_err(self.err("reading a dyad series"))?
            {
                rows[dir].push(DayCounts {
                    day: r.get(0),
                    count: r.get(1),
                    quads: [r.get(2), r.get(3), r.get(4), r.get(5)],
                    goldstein_sum: r.get(6),
                    goldstein_n: r.get(7),
                });
            }
        }
        assemble_series(q, &rows, |first, last| {
            let col = if clusters { "clusters" } else { "events" };
            let hist = if q.include_historical {
                ""
            } else {
                " AND NOT historical"
            };
            let sql = format!(
                "SELECT day, sum(documents)::BIGINT, sum({col})::BIGINT FROM daily_totals
                 WHERE day BETWEEN $1 AND $2{hist} GROUP BY day"
            );
            let mut totals = BTreeMap::new();
            for r in conn
                .query(&sql, &[&first, &last])
                .map_err(self.err("reading daily totals"))?
            {
                totals.insert(
                    r.get::<_, i64>(0),
                    (r.get::<_, i64>(1) as u64, r.get::<_, i64>(2) as u64),
                );
            }
            Ok(totals)
        })
    }

    fn event_sql(q: &EventQuery) -> (String, Args) {
        let mut args: Args = Vec::new();
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
            args.push(Box::new(format!("{r:0>2}")));
            wh.push(format!("e.root = ${}", args.len()));
        }
        if let Some(f) = day_arg(&q.from) {
            args.push(Box::new(f));
            wh.push(format!("e.date_start >= ${}", args.len()));
        }
        if let Some(t) = day_arg(&q.to) {
            args.push(Box::new(t));
            wh.push(format!("e.date_start <= ${}", args.len()));
        }
        if q.counted_only {
            wh.push("e.modality = 'asserted' AND e.temporal_status <> 'historical'".into());
        }
        if let Some(c) = &q.cluster {
            args.push(Box::new(c.clone()));
            wh.push(format!("e.cluster_id = ${}", args.len()));
        }
        if let Some(after) = q.after.as_deref().and_then(|a| a.parse::<i64>().ok()) {
            args.push(Box::new(after));
            wh.push(format!("e.seq > ${}", args.len()));
        }
        let mut sql = EVENT_SELECT.to_string();
        if !wh.is_empty() {
            sql += " WHERE ";
            sql += &wh.join(" AND ");
        }
        sql += " ORDER BY e.seq";
        if let Some(limit) = q.limit {
            args.push(Box::new(limit as i64 + 1));
            sql += &format!(" LIMIT ${}", args.len());
        }
        (sql, args)
    }

    /// A page of events matching `q`, in storage order; `next` continues it.
    pub fn events(&self, q: &EventQuery) -> Result<Page<StoredEvent>> {
        self.counted_unit(q.count)?;
        let (sql, args) = Self::event_sql(q);
        let mut conn = self.conn()?;
        let rows = conn
            .query(&sql, &refs(&args))
            .map_err(self.err("reading events"))?;
        let mut items = Vec::with_capacity(rows.len());
        for r in &rows {
            items.push(self.stored_event(r)?);
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

    /// Calls `f` with every event matching `filter` (its `limit` ignored), reading pages of
    /// 1,000 so that memory stays bounded.
    pub fn for_each_event(
        &self,
        filter: &EventQuery,
        mut f: impl FnMut(&StoredEvent),
    ) -> Result<u64> {
        let mut q = EventQuery {
            limit: Some(1000),
            after: None,
            ..filter.clone()
        };
        let mut n = 0;
        loop {
            let page = self.events(&q)?;
            for e in &page.items {
                f(e);
                n += 1;
            }
            match page.next {
                Some(next) => q.after = Some(next),
                None => return Ok(n),
            }
        }
    }

    /// One event by id (the first stored, if identical documents hold it), with its cluster's
    /// other events.
    pub fn event(&self, id: &str) -> Result<Option<StoredEvent>> {
        let mut conn = self.conn()?;
        let sql = format!("{EVENT_SELECT} WHERE e.id = $1 ORDER BY e.seq LIMIT 1");
        let Some(row) = conn
            .query_opt(&sql, &[&id])
            .map_err(self.err("reading an event"))?
        else {
            return Ok(None);
        };
        let mut ev = self.stored_event(&row)?;
        if let Some(c) = &ev.cluster_id {
            for r in conn
                .query(
                    "SELECT e.id, d.doc_id FROM events e JOIN documents d ON d.id = e.document_id
                     WHERE e.cluster_id = $1 AND e.seq <> $2 ORDER BY e.id, e.seq",
                    &[c, &ev.seq],
                )
                .map_err(self.err("reading an event's cluster"))?
            {
                ev.siblings.push(Sibling {
                    event_id: r.get(0),
                    doc_id: r.get(1),
                });
            }
        }
        Ok(Some(ev))
    }

    /// Actor codes starting with `like` or seen under a name containing it (case-insensitive),
    /// most frequent first.
    pub fn actors(&self, like: &str, limit: usize) -> Result<Vec<ActorEntry>> {
        let escaped: String = like
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        let mut conn = self.conn()?;
        let rows = conn
            .query(
                "SELECT code, name, events FROM actors WHERE code IN (
                    SELECT code FROM actors WHERE code ILIKE $1 || '%' ESCAPE '\\'
                       OR name ILIKE '%' || $1 || '%' ESCAPE '\\')
                 ORDER BY code, events DESC, name",
                &[&escaped],
            )
            .map_err(self.err("reading actors"))?;
        let mut by_code: BTreeMap<String, ActorEntry> = BTreeMap::new();
        for r in rows {
            let code: String = r.get(0);
            let e = by_code.entry(code.clone()).or_insert(ActorEntry {
                code,
                names: Vec::new(),
                events: 0,
            });
            e.names.push(r.get(1));
            e.events += r.get::<_, i64>(2) as u64;
        }
        let mut out: Vec<ActorEntry> = by_code.into_values().collect();
        out.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.code.cmp(&b.code)));
        out.truncate(limit);
        Ok(out)
    }

    /// The most frequent dyads (source, target, counted events), for summaries.
    pub fn top_dyads(&self, limit: usize) -> Result<Vec<(String, String, u64)>> {
        let mut conn = self.conn()?;
        let rows = conn
            .query(
                "SELECT source, target, sum(events)::BIGINT AS n FROM dyad_daily
                 WHERE NOT historical AND target <> ''
                 GROUP BY source, target HAVING sum(events) > 0 ORDER BY n DESC, source, target LIMIT $1",
                &[&(limit as i64)],
            )
            .map_err(self.err("reading top dyads"))?;
        Ok(rows
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get::<_, i64>(2) as u64))
            .collect())
    }
}
