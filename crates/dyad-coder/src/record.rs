//! The JSON Lines record of an event (the schema of `dyad code`, documented in
//! `docs/event-schema.md`).

use serde::{Deserialize, Serialize};

use dyad_lexicon::ActorMention;

use crate::coder::Event;
use crate::dating::{DatePrecision, TemporalStatus, undated_status};
use crate::placing::EventPlace;

/// One event as `dyad code` prints it. Field order is the schema's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Hash of the document text, sentence, trigger span, actors and code.
    pub id: String,
    /// The document's id.
    pub doc_id: String,
    /// The sentence.
    pub sentence: SentenceRecord,
    /// The predicate.
    pub trigger: SpanText,
    /// Who acts.
    pub source: ActorRecord,
    /// Whom the act is directed at.
    pub target: Option<ActorRecord>,
    /// A mutual event.
    pub symmetric: bool,
    /// CAMEO code, zero-padded.
    pub cameo: String,
    /// CAMEO root (`04`).
    pub cameo_root: String,
    /// Goldstein score, null for codes without one.
    pub goldstein: Option<f32>,
    /// GDELT QuadClass.
    pub quad_class: u8,
    /// PLOVER event type and mode, null where PLOVER has no equivalent.
    pub plover: Option<PloverRecord>,
    /// `asserted`, `negated`, `future` or `hypothetical`.
    pub modality: String,
    /// The speaker of reported speech.
    pub attributed_to: Option<AttributionRecord>,
    /// The document's publication date.
    pub report_date: Option<String>,
    /// The event's date, ISO at its precision (`2022-05-24`, `2021-12`, `2006`).
    pub date: Option<String>,
    /// `day`, `month`, `year`… of `date`; `report` when the date is the document's reference
    /// time because the sentence gives none.
    pub date_precision: Option<String>,
    /// The temporal expression that dated the event, when one did.
    pub date_text: Option<String>,
    /// `current`, `historical` (background, more than 7 days before publication) or `future`.
    pub temporal_status: String,
    /// Where the event happened, when the text says so.
    pub location: Option<LocationRecord>,
    /// The dictionary entry or rule that fired.
    pub rule: String,
    /// Reported in the lead paragraph (GDELT's `IsRootEvent`).
    pub is_root: bool,
    /// Every report of the event in the document, the first being `sentence`/`trigger`.
    pub mentions: Vec<MentionRecord>,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationRecord {
    /// The place's name (as the gazetteer writes it).
    pub name: String,
    /// Latitude, WGS84 degrees.
    pub lat: f64,
    /// Longitude, WGS84 degrees.
    pub lon: f64,
    /// ISO 3166 alpha-3 of the place's country.
    pub country_iso3: Option<String>,
    /// GeoNames id (GDELT's `FeatureID`).
    pub geonameid: Option<u32>,
    /// FIPS 10-4 country code (GDELT's geo country code).
    pub fips: Option<String>,
    /// `city`, `admin1`, `admin2`, `region`, `country`…
    pub precision: String,
}

/// One report of an event in its document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRecord {
    /// 0-based sentence index.
    pub sentence_index: usize,
    /// The sentence's first byte.
    pub sentence_start: usize,
    /// One past its last byte.
    pub sentence_end: usize,
    /// The predicate's first byte.
    pub trigger_start: usize,
    /// One past its last byte.
    pub trigger_end: usize,
}

/// A sentence of an event record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceRecord {
    /// 0-based index in the document.
    pub index: usize,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The sentence's text.
    pub text: String,
}

/// A span with its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpanText {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text.
    pub text: String,
}

/// An actor of an event record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRecord {
    /// The mention's text.
    pub text: String,
    /// First byte of the mention.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// CAMEO actor code.
    pub code: String,
    /// ISO 3166 alpha-3 of the actor's country.
    pub country_iso3: Option<String>,
    /// Sectors (`GOV`, `MIL`).
    pub sectors: Vec<String>,
    /// The person's name in the mention ("Nasser Bourita"), when one was read.
    pub name: Option<String>,
    /// Why the actor got its code.
    pub reason: String,
}

/// PLOVER type and mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PloverRecord {
    /// Event type.
    pub event_type: String,
    /// Mode.
    pub mode: Option<String>,
}

/// The speaker of reported speech.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributionRecord {
    /// The speaker's text.
    pub text: String,
    /// The speaker's code, when known.
    pub code: Option<String>,
}

fn actor(text: &str, m: &ActorMention) -> ActorRecord {
    ActorRecord {
        text: flat(m.span.slice(text)),
        start: m.span.start,
        end: m.span.end,
        code: m.code.to_string(),
        country_iso3: m.country_iso3.clone(),
        sectors: m.sectors.clone(),
        name: m.name.map(|n| flat(n.slice(text))),
        reason: m.reason.to_string(),
    }
}

fn location(p: &EventPlace) -> LocationRecord {
    let country = p.place.country.as_ref();
    LocationRecord {
        name: p.place.name.clone(),
        lat: p.lat,
        lon: p.lon,
        country_iso3: country.map(|c| c.iso3.clone()),
        geonameid: p.place.geonameid.map(|g| g.get()),
        fips: country.and_then(|c| (!c.fips.is_empty()).then(|| c.fips.clone())),
        precision: p.precision.name().to_string(),
    }
}

/// Line breaks and tabs as spaces, so a record (or a TSV row) stays on one line when shown.
pub(crate) fn flat(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

impl EventRecord {
    /// The record of `event`, found in the document `doc_id` whose text is `text`, published
    /// on `report_date`.
    pub fn new(
        doc_id: &str,
        text: &str,
        report_date: Option<jiff::civil::Date>,
        event: &Event,
    ) -> EventRecord {
        let target_code = event.target.as_ref().map_or("", |t| t.code.as_str());
        let mut h = blake3::Hasher::new();
        h.update(text.as_bytes());
        h.update(
            format!(
                "\0{}\0{}:{}\0{}\0{}\0{}",
                event.sentence.index,
                event.trigger.start,
                event.trigger.end,
                event.source.code,
                target_code,
                event.cameo
            )
            .as_bytes(),
        );
        let id = h.finalize().to_hex()[..32].to_string();
        let date = report_date.map(|d| d.to_string());
        EventRecord {
            id,
            doc_id: doc_id.to_string(),
            sentence: SentenceRecord {
                index: event.sentence.index,
                start: event.sentence.span.start,
                end: event.sentence.span.end,
                text: flat(event.sentence.span.slice(text)),
            },
            trigger: SpanText {
                start: event.trigger.start,
                end: event.trigger.end,
                text: flat(event.trigger.slice(text)),
            },
            source: actor(text, &event.source),
            target: event.target.as_ref().map(|t| actor(text, t)),
            symmetric: event.symmetric,
            cameo: event.cameo.to_string(),
            cameo_root: event.cameo.root().to_string(),
            goldstein: event.goldstein,
            quad_class: event.quad_class,
            plover: event.plover.as_ref().map(|p| PloverRecord {
                event_type: p.event_type.clone(),
                mode: p.mode.clone(),
            }),
            modality: event.modality.name().to_string(),
            attributed_to: event.attributed_to.as_ref().map(|a| AttributionRecord {
                text: flat(a.span.slice(text)),
                code: a.code.as_ref().map(|c| c.to_string()),
            }),
            date_precision: match &event.date {
                Some(d) => Some(d.precision.name().to_string()),
                None => date
                    .as_ref()
                    .map(|_| DatePrecision::Report.name().to_string()),
            },
            report_date: date.clone(),
            date: match &event.date {
                Some(d) => Some(d.iso()),
                None => date,
            },
            date_text: event.date.and_then(|d| d.text).map(|s| flat(s.slice(text))),
            temporal_status: match event.date {
                Some(_) => event.temporal_status,
                None if event.temporal_status == TemporalStatus::Current => undated_status(event),
                None => event.temporal_status,
            }
            .name()
            .to_string(),
            location: event.location.as_ref().map(location),
            rule: event.rule.clone(),
            is_root: event.is_root,
            mentions: event
                .mentions
                .iter()
                .map(|m| MentionRecord {
                    sentence_index: m.sentence.index,
                    sentence_start: m.sentence.span.start,
                    sentence_end: m.sentence.span.end,
                    trigger_start: m.trigger.start,
                    trigger_end: m.trigger.end,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EventRecord;
    use crate::Coder;
    use dyad_lexicon::DictDate;

    #[test]
    fn record_round_trips_through_json() {
        let coder = Coder::builder().build().unwrap();
        let text =
            "Moroccan Foreign Minister Nasser Bourita met with Secretary of State Antony Blinken.";
        let date = jiff::civil::date(2024, 5, 2);
        let events = coder.code_text(text, DictDate::from_civil(date));
        assert!(!events.is_empty());
        for e in &events {
            let record = EventRecord::new("doc", text, Some(date), e);
            let json = serde_json::to_string(&record).unwrap();
            let back: EventRecord = serde_json::from_str(&json).unwrap();
            assert_eq!(back, record);
        }
    }
}
