//! The JSON Lines record of an event (the schema of `dyad code`, documented in
//! `docs/event-schema.md`).

use serde::Serialize;

use dyad_lexicon::ActorMention;

use crate::coder::Event;

/// One event as `dyad code` prints it. Field order is the schema's order.
#[derive(Debug, Clone, Serialize)]
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
    pub modality: &'static str,
    /// The speaker of reported speech.
    pub attributed_to: Option<AttributionRecord>,
    /// The document's publication date.
    pub report_date: Option<String>,
    /// The event's date (the report date until temporal anchoring lands).
    pub date: Option<String>,
    /// The dictionary entry or rule that fired.
    pub rule: String,
    /// Every report of the event in the document (in-document merging), the first being the
    /// event's own sentence and trigger.
    pub mentions: Vec<MentionRecord>,
}

/// One report of an event: its sentence and trigger, as byte offsets into the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionRecord {
    /// 0-based index of the sentence in the document.
    pub sentence_index: usize,
    /// First byte of the sentence.
    pub sentence_start: usize,
    /// One past the sentence's last byte.
    pub sentence_end: usize,
    /// First byte of the trigger.
    pub trigger_start: usize,
    /// One past the trigger's last byte.
    pub trigger_end: usize,
}

/// A sentence of an event record.
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
pub struct SpanText {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text.
    pub text: String,
}

/// An actor of an event record.
#[derive(Debug, Clone, Serialize)]
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
    /// Why the actor got its code.
    pub reason: String,
}

/// PLOVER type and mode.
#[derive(Debug, Clone, Serialize)]
pub struct PloverRecord {
    /// Event type.
    pub event_type: String,
    /// Mode.
    pub mode: Option<String>,
}

/// The speaker of reported speech.
#[derive(Debug, Clone, Serialize)]
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
        reason: m.reason.to_string(),
    }
}

/// Line breaks and tabs as spaces, so a record stays on one line when shown.
fn flat(s: &str) -> String {
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
            modality: event.modality.name(),
            attributed_to: event.attributed_to.as_ref().map(|a| AttributionRecord {
                text: flat(a.span.slice(text)),
                code: a.code.as_ref().map(|c| c.to_string()),
            }),
            report_date: date.clone(),
            date,
            rule: event.rule.clone(),
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
