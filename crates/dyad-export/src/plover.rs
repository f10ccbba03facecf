//! PLOVER JSON Lines: one event record per line, with the data fields of the PLOVER manual
//! (chapter "Data Fields"; the manual marks it as still under development).
//!
//! What dyad writes: `id` (`dyad-` and the event id); `date` (the event's day); `actor` and
//! `recipient`, lists of entities with `code` (the country's ISO alpha-3 code, or the
//! international code that begins the CAMEO actor code: `IGO`, `NGO`…), `sector` (the first
//! sector), `entity_text` (the mention) and `identifier_text` (the person's name, when read);
//! `event` (the PLOVER type from the CAMEO→PLOVER mapping) and `mode`; `event_loc` (GeoNames:
//! place, id, coordinates, country, province, resolution); `event_text` (the trigger);
//! `quad_code` (by PLOVER type, after the PLOVER README's quads); `link` (the cluster, when
//! the store has one); `text_info` (sentence number and byte offsets) and `cite_info` (URL,
//! outlet); `coder` and `coded_date`.
//!
//! A symmetric event is one record with both actors in `actor` and no recipient. Events
//! without a PLOVER equivalent (CAMEO 01x statements and 02x appeals) are not written; the
//! export counts them.

use std::io::Write;

use dyad_coder::record::ActorRecord;
use serde::Serialize;

use crate::{ExportEvent, Lookup, Result};

/// The top-level fields dyad writes, in order (a subset of the manual's fields: `id`,
/// `date`, `actor` and `event` are the required ones).
pub const FIELDS: [&str; 14] = [
    "id",
    "date",
    "actor",
    "recipient",
    "event",
    "event_loc",
    "event_text",
    "quad_code",
    "mode",
    "link",
    "text_info",
    "cite_info",
    "coder",
    "coded_date",
];

#[derive(Serialize)]
struct Record<'a> {
    id: String,
    date: Option<String>,
    actor: Vec<Entity<'a>>,
    recipient: Vec<Entity<'a>>,
    event: Vec<&'a str>,
    event_loc: Option<Location<'a>>,
    event_text: Vec<&'a str>,
    quad_code: u8,
    mode: Vec<&'a str>,
    link: Option<&'a str>,
    text_info: TextInfo,
    cite_info: CiteInfo<'a>,
    coder: &'static str,
    coded_date: Option<String>,
}

#[derive(Serialize)]
struct Entity<'a> {
    code: &'a str,
    sector: Option<&'a str>,
    entity_text: &'a str,
    identifier_text: Option<&'a str>,
}

#[derive(Serialize)]
struct Location<'a> {
    resolved_place: &'a str,
    geonameid: Option<u32>,
    lat: f64,
    lon: f64,
    province: Option<String>,
    country: Option<&'a str>,
    country_code: Option<&'a str>,
    resolution: Option<u8>,
}

#[derive(Serialize)]
struct TextInfo {
    sequence: usize,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct CiteInfo<'a> {
    url: Option<&'a str>,
    publication: Option<&'a str>,
}

/// The quad of a PLOVER event type (1 verbal cooperation, 2 material cooperation, 3 verbal
/// conflict, 4 material conflict), as the PLOVER README groups them, with `SANCTION` under
/// material conflict as the manual has it.
pub fn quad_of(event_type: &str) -> Option<u8> {
    Some(match event_type {
        "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" => 1,
        "COOPERATE" | "AID" | "RETREAT" | "INVESTIGATE" => 2,
        "REQUEST" | "DEMAND" | "ACCUSE" | "DISAPPROVE" | "REJECT" | "THREATEN" => 3,
        "PROTEST" | "SANCTION" | "MOBILIZE" | "COERCE" | "ASSAULT" | "CRIME" => 4,
        _ => return None,
    })
}

fn entity(a: &ActorRecord) -> Entity<'_> {
    Entity {
        code: a
            .country_iso3
            .as_deref()
            .unwrap_or_else(|| a.code.get(..3).unwrap_or(&a.code)),
        sector: a.sectors.first().map(String::as_str),
        entity_text: &a.text,
        identifier_text: a.name.as_deref(),
    }
}

/// Writes the PLOVER record of `e`; returns 1, or 0 when the event has no PLOVER type.
pub(crate) fn write_record(
    out: &mut impl Write,
    lookup: &mut Lookup<'_>,
    e: &ExportEvent,
) -> Result<u64> {
    let r = &e.record;
    let Some(plover) = &r.plover else {
        return Ok(0);
    };
    let mut actor = vec![entity(&r.source)];
    let mut recipient = Vec::new();
    if let Some(t) = &r.target {
        if r.symmetric {
            actor.push(entity(t));
        } else {
            recipient.push(entity(t));
        }
    }
    let event_loc = match &r.location {
        None => None,
        Some(l) => {
            let province = match l.precision.as_str() {
                "country" | "region" => None,
                _ => lookup.admin1(l).map(|a| a.name.clone()),
            };
            Some(Location {
                resolved_place: &l.name,
                geonameid: l.geonameid,
                lat: l.lat,
                lon: l.lon,
                province,
                country: l
                    .country_iso3
                    .as_deref()
                    .and_then(|c| lookup.places.country_name(c)),
                country_code: l.country_iso3.as_deref(),
                resolution: match l.precision.as_str() {
                    "city" | "border-post" => Some(4),
                    "admin2" => Some(3),
                    "admin1" => Some(2),
                    "country" => Some(1),
                    _ => None,
                },
            })
        }
    };
    let record = Record {
        id: format!("dyad-{}", r.id),
        date: e.day().map(|d| d.to_string()),
        actor,
        recipient,
        event: vec![plover.event_type.as_str()],
        event_loc,
        event_text: vec![r.trigger.text.as_str()],
        quad_code: quad_of(&plover.event_type).unwrap_or(r.quad_class),
        mode: plover.mode.as_deref().into_iter().collect(),
        link: e.cluster_id.as_deref(),
        text_info: TextInfo {
            sequence: r.sentence.index,
            start: r.sentence.start,
            end: r.sentence.end,
        },
        cite_info: CiteInfo {
            url: e.doc_url.as_deref(),
            publication: e.source_name.as_deref(),
        },
        coder: concat!("dyad ", env!("CARGO_PKG_VERSION")),
        coded_date: e
            .date_added
            .map(|t| jiff::tz::Offset::UTC.to_datetime(t).date().to_string()),
    };
    serde_json::to_writer(&mut *out, &record)?;
    out.write_all(b"\n")?;
    Ok(1)
}
