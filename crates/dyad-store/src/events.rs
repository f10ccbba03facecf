//! Writing and removing event rows, with their rollup, actors and clusters.

use dyad_coder::EventRecord;
use rusqlite::{Connection, OptionalExtension, params};

use crate::cluster::{ActorKey, key_of};
use crate::days;
use crate::rollup::{Contribution, RollupKey, add_daily, add_event, add_total};

/// The first and last day of a record's date: its `date` at its precision, else the report
/// date.
pub fn record_days(r: &EventRecord) -> Option<(i64, i64)> {
    r.date
        .as_deref()
        .and_then(days::interval)
        .or_else(|| r.report_date.as_deref().and_then(days::interval))
}

/// The rollup row and contribution of a record, when it is counted (asserted and dated).
pub fn record_rollup(r: &EventRecord) -> Option<(RollupKey, Contribution)> {
    if r.modality != "asserted" {
        return None;
    }
    let (day, _) = record_days(r)?;
    Some((
        RollupKey {
            source: r.source.code.clone(),
            target: r
                .target
                .as_ref()
                .map(|t| t.code.clone())
                .unwrap_or_default(),
            day,
            historical: r.temporal_status == "historical",
        },
        Contribution {
            quad_class: r.quad_class,
            goldstein: r.goldstein.map(f64::from),
        },
    ))
}

/// Stores one event of a stored document; returns its sequence number, or `None` when the
/// document already holds an event with this id.
pub(crate) fn insert_event(
    conn: &Connection,
    document: i64,
    coder: i64,
    r: &EventRecord,
) -> rusqlite::Result<Option<i64>> {
    let json =
        serde_json::to_string(r).map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))?;
    let interval = record_days(r);
    let source_key = key_of(&ActorKey::new(
        &r.source.code,
        r.source.country_iso3.as_deref(),
        &r.source.sectors,
    ));
    let target_key = r.target.as_ref().map(|t| {
        key_of(&ActorKey::new(
            &t.code,
            t.country_iso3.as_deref(),
            &t.sectors,
        ))
    });
    let loc = r.location.as_ref();
    let n = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO events (uid, id, document_id, sentence_idx, trigger_start, trigger_end,
             source_code, source_iso3, source_sectors, target_code, target_iso3, target_sectors, symmetric,
             cameo, root, quad_class, goldstein, modality, temporal_status, date, date_precision,
             date_start, date_end, report_date, location_name, location_lat, location_lon, location_iso3,
             location_geonameid, location_precision, is_root, rule, source_key, target_key, record, coder_id)
             VALUES (?1 || '-' || lower(hex(substr((SELECT content_hash FROM documents WHERE id = ?2), 1, 4))),
             ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
             ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35)",
        )?
        .execute(params![
            r.id,
            document,
            r.sentence.index as i64,
            r.trigger.start as i64,
            r.trigger.end as i64,
            r.source.code,
            r.source.country_iso3,
            r.source.sectors.join(","),
            r.target.as_ref().map(|t| &t.code),
            r.target.as_ref().and_then(|t| t.country_iso3.as_ref()),
            r.target.as_ref().map(|t| t.sectors.join(",")),
            r.symmetric,
            r.cameo,
            r.cameo_root,
            i64::from(r.quad_class),
            r.goldstein.map(f64::from),
            r.modality,
            r.temporal_status,
            r.date,
            r.date_precision,
            interval.map(|i| i.0),
            interval.map(|i| i.1),
            r.report_date,
            loc.map(|l| &l.name),
            loc.map(|l| l.lat),
            loc.map(|l| l.lon),
            loc.and_then(|l| l.country_iso3.as_ref()),
            loc.and_then(|l| l.geonameid.map(i64::from)),
            loc.map(|l| &l.precision),
            r.is_root,
            r.rule,
            source_key,
            target_key,
            json,
            coder,
        ])?;
    if n == 0 {
        return Ok(None);
    }
    let seq = conn.last_insert_rowid();
    if let Some((key, c)) = record_rollup(r) {
        add_event(conn, &key, &c, 1)?;
        add_daily(conn, &key, &r.cameo, &c, 1)?;
    }
    let mut actor = conn.prepare_cached(
        "INSERT INTO actors (code, name, events) VALUES (?1, ?2, 1)
         ON CONFLICT (code, name) DO UPDATE SET events = events + 1",
    )?;
    for a in std::iter::once(&r.source).chain(r.target.as_ref()) {
        actor.execute(params![a.code, a.name.as_deref().unwrap_or(&a.text)])?;
    }
    Ok(Some(seq))
}

/// Removes a stored event with its rollup and actor counts; returns the sequence numbers of
/// its former cluster-mates (to recluster).
pub(crate) fn remove_event(conn: &Connection, seq: i64) -> rusqlite::Result<Vec<i64>> {
    let row: Option<(String, Option<String>, bool)> = conn
        .prepare_cached("SELECT record, cluster_id, cluster_rep FROM events WHERE seq = ?1")?
        .query_row([seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((json, cluster, rep)) = row else {
        return Ok(Vec::new());
    };
    let r: EventRecord = serde_json::from_str(&json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    })?;
    if let Some((key, c)) = record_rollup(&r) {
        add_event(conn, &key, &c, -1)?;
        add_daily(conn, &key, &r.cameo, &c, -1)?;
        if rep {
            crate::rollup::add_cluster_rep(conn, &key, &c, -1)?;
        }
    }
    let mut actor =
        conn.prepare_cached("UPDATE actors SET events = events - 1 WHERE code = ?1 AND name = ?2")?;
    for a in std::iter::once(&r.source).chain(r.target.as_ref()) {
        actor.execute(params![a.code, a.name.as_deref().unwrap_or(&a.text)])?;
    }
    conn.prepare_cached("DELETE FROM actors WHERE events <= 0")?
        .execute([])?;
    conn.prepare_cached("DELETE FROM events WHERE seq = ?1")?
        .execute([seq])?;
    let mates = match &cluster {
        Some(c) => {
            let m = crate::cluster::cluster_mates(conn, c)?;
            if m.is_empty() {
                conn.prepare_cached("DELETE FROM clusters WHERE id = ?1")?
                    .execute([c])?;
            }
            m
        }
        None => Vec::new(),
    };
    Ok(mates)
}

/// Counts a stored document in its report day's totals.
pub(crate) fn count_document(conn: &Connection, report_day: Option<i64>) -> rusqlite::Result<()> {
    match report_day {
        Some(d) => add_total(conn, d, false, 1, 0, 0),
        None => Ok(()),
    }
}
