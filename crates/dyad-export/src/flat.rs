//! Our own record as one flat row: the columns of the CSV and Parquet exports.

use std::borrow::Cow;

use dyad_coder::record::ActorRecord;

use crate::ExportEvent;

/// The type of a flat column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text.
    Text,
    /// A 64-bit integer.
    Int,
    /// A 64-bit float.
    Float,
    /// A boolean.
    Bool,
}

/// The flat columns, in order, with their types. `docs/event-schema.md` describes the record
/// they flatten; the store adds `cluster_id`, the counts, `doc_url`, `publisher` and
/// `date_added`.
pub const COLUMNS: &[(&str, Kind)] = &[
    ("id", Kind::Text),
    ("doc_id", Kind::Text),
    ("date", Kind::Text),
    ("date_precision", Kind::Text),
    ("date_text", Kind::Text),
    ("report_date", Kind::Text),
    ("temporal_status", Kind::Text),
    ("source_code", Kind::Text),
    ("source_name", Kind::Text),
    ("source_text", Kind::Text),
    ("source_country", Kind::Text),
    ("source_sectors", Kind::Text),
    ("target_code", Kind::Text),
    ("target_name", Kind::Text),
    ("target_text", Kind::Text),
    ("target_country", Kind::Text),
    ("target_sectors", Kind::Text),
    ("is_symmetric", Kind::Bool),
    ("cameo", Kind::Text),
    ("cameo_root", Kind::Text),
    ("goldstein", Kind::Float),
    ("quad_class", Kind::Int),
    ("plover_event_type", Kind::Text),
    ("plover_mode", Kind::Text),
    ("modality", Kind::Text),
    ("attributed_to", Kind::Text),
    ("attributed_to_code", Kind::Text),
    ("location_name", Kind::Text),
    ("location_lat", Kind::Float),
    ("location_lon", Kind::Float),
    ("location_country", Kind::Text),
    ("location_fips", Kind::Text),
    ("location_geonameid", Kind::Int),
    ("location_precision", Kind::Text),
    ("is_root", Kind::Bool),
    ("sentence_index", Kind::Int),
    ("sentence_start", Kind::Int),
    ("sentence_end", Kind::Int),
    ("sentence_text", Kind::Text),
    ("trigger_start", Kind::Int),
    ("trigger_end", Kind::Int),
    ("trigger_text", Kind::Text),
    ("rule", Kind::Text),
    ("mentions_in_document", Kind::Int),
    ("cluster_id", Kind::Text),
    ("num_articles", Kind::Int),
    ("num_sources", Kind::Int),
    ("num_mentions", Kind::Int),
    ("doc_url", Kind::Text),
    ("publisher", Kind::Text),
    ("date_added", Kind::Text),
];

/// One cell of a flat row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// No value.
    Null,
    /// Text.
    Text(Cow<'a, str>),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A boolean.
    Bool(bool),
}

fn text(s: &str) -> Value<'_> {
    Value::Text(Cow::Borrowed(s))
}

fn opt_text(s: Option<&str>) -> Value<'_> {
    s.map_or(Value::Null, text)
}

fn int(n: impl TryInto<i64>) -> Value<'static> {
    n.try_into().map_or(Value::Null, Value::Int)
}

/// The cells of an actor: code, name, mention, country, sectors.
fn actor(a: Option<&ActorRecord>) -> [Value<'_>; 5] {
    match a {
        None => [
            Value::Null,
            Value::Null,
            Value::Null,
            Value::Null,
            Value::Null,
        ],
        Some(a) => [
            text(&a.code),
            opt_text(a.name.as_deref()),
            text(&a.text),
            opt_text(a.country_iso3.as_deref()),
            Value::Text(Cow::Owned(a.sectors.join(","))),
        ],
    }
}

/// The cells of `e`, one per column of [`COLUMNS`].
pub fn row(e: &ExportEvent) -> Vec<Value<'_>> {
    let r = &e.record;
    let loc = r.location.as_ref();
    let mut row = vec![
        text(&r.id),
        text(&r.doc_id),
        opt_text(r.date.as_deref()),
        opt_text(r.date_precision.as_deref()),
        opt_text(r.date_text.as_deref()),
        opt_text(r.report_date.as_deref()),
        text(&r.temporal_status),
    ];
    row.extend(actor(Some(&r.source)));
    row.extend(actor(r.target.as_ref()));
    row.extend([
        Value::Bool(r.symmetric),
        text(&r.cameo),
        text(&r.cameo_root),
        r.goldstein
            .map_or(Value::Null, |g| Value::Float(f64::from(g))),
        int(r.quad_class),
        opt_text(r.plover.as_ref().map(|p| p.event_type.as_str())),
        opt_text(r.plover.as_ref().and_then(|p| p.mode.as_deref())),
        text(&r.modality),
        opt_text(r.attributed_to.as_ref().map(|a| a.text.as_str())),
        opt_text(r.attributed_to.as_ref().and_then(|a| a.code.as_deref())),
        opt_text(loc.map(|l| l.name.as_str())),
        loc.map_or(Value::Null, |l| Value::Float(l.lat)),
        loc.map_or(Value::Null, |l| Value::Float(l.lon)),
        opt_text(loc.and_then(|l| l.country_iso3.as_deref())),
        opt_text(loc.and_then(|l| l.fips.as_deref())),
        loc.and_then(|l| l.geonameid).map_or(Value::Null, int),
        opt_text(loc.map(|l| l.precision.as_str())),
        Value::Bool(r.is_root),
        int(r.sentence.index),
        int(r.sentence.start),
        int(r.sentence.end),
        text(&r.sentence.text),
        int(r.trigger.start),
        int(r.trigger.end),
        text(&r.trigger.text),
        text(&r.rule),
        int(r.mentions.len()),
        opt_text(e.cluster_id.as_deref()),
        int(e.num_articles),
        int(e.num_sources),
        int(e.num_mentions),
        opt_text(e.doc_url.as_deref()),
        opt_text(e.source_name.as_deref()),
        e.date_added
            .map_or(Value::Null, |t| Value::Text(Cow::Owned(t.to_string()))),
    ]);
    debug_assert_eq!(row.len(), COLUMNS.len());
    row
}

/// A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break.
pub(crate) fn csv_cell(v: &Value<'_>, out: &mut String) {
    use std::fmt::Write;
    match v {
        Value::Null => {}
        Value::Text(s) => {
            if s.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&s.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(s);
            }
        }
        Value::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Float(x) => {
            let _ = write!(out, "{x}");
        }
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
    }
}

#[cfg(test)]
mod tests {
    use super::{COLUMNS, Value, csv_cell};

    #[test]
    fn csv_cells_are_quoted_only_when_needed() {
        let cell = |v: Value<'_>| {
            let mut s = String::new();
            csv_cell(&v, &mut s);
            s
        };
        assert_eq!(cell(Value::Text("plain".into())), "plain");
        assert_eq!(cell(Value::Text("a, \"b\"".into())), "\"a, \"\"b\"\"\"");
        assert_eq!(cell(Value::Null), "");
        assert_eq!(cell(Value::Float(-2.5)), "-2.5");
        assert_eq!(cell(Value::Bool(true)), "true");
    }

    #[test]
    fn column_names_are_unique() {
        let mut names: Vec<_> = COLUMNS.iter().map(|c| c.0).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COLUMNS.len());
    }
}
