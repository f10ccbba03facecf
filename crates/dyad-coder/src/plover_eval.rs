//! The PLOVER gold standard records (`PLOVER_GSR_CAMEO.txt`): the reader and the comparison
//! behind `dyad eval plover`.
//!
//! The file is a JSON array of records, each one sentence from the CAMEO manual coded in
//! PLOVER 0.5 by the Open Event Data Alliance:
//!
//! ```json
//! {"id": "PLOVER-GSR01-CONSULT-0001", "date": "2000-01-01",
//!  "source": [{"actorText": "Moroccan diplomats", "code": "MAR", "sector": "GOV"}],
//!  "target": [{"actorText": "President Obama", "code": "USA", "sector": "GOV"}],
//!  "event": "CONSULT", "mode": "visit", "text": "A group of Moroccan diplomats held …"}
//! ```
//!
//! `source` and `target` are lists (a compound actor lists several) or `""`; a mutual event
//! lists both parties as sources (`SRC/TAR` in its markup) and no target. The leading
//! `DOCUMENT` record documents the file and is skipped.
//!
//! **Event types.** The file uses PLOVER 0.5's names; the comparison maps them to the current
//! PLOVER categories that dyad's CAMEO→PLOVER table (`CAMEO2PLOVER-2021`) produces, following
//! the PLOVER manual's CAMEO translation table: `DEMAND` → `REQUEST`, `DISAPPROVE` and
//! `INVESTIGATE` → `ACCUSE`, `FIGHT` → `ASSAULT` (CAMEO 19 is ASSAULT in the current table).
//!
//! **The comparison** ([`evaluate`]): each record's text is coded at its date with every
//! modality kept (the GSR codes threats and intentions as events of their own). A record's
//! *type is found* when one of the coded events has the gold event type; that event (the first
//! such) is then checked for its actors: the source agrees when it matches one of the gold
//! sources — or, for a symmetric event, either party does; the target agrees when the gold
//! record has no target and the event's other party is absent or is one of the gold sources
//! (a mutual event), or when it matches one of the gold targets. An actor matches a gold code
//! when its CAMEO code begins with it (`IGO` ~ `IGOUNO`, `USA` ~ `USAGOV`) or its country's
//! ISO alpha-3 is it. Precision counts, over all records, the distinct event types coded that
//! are the record's type, out of all distinct types coded.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use dyad_lexicon::DictDate;
use serde::Deserialize;

use crate::coder::{CodeBuffers, Coder, Event};

/// An error reading a GSR file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GsrError {
    /// The file cannot be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a JSON array of GSR records.
    #[error("{path}:{line}:{column}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The line of the error.
        line: usize,
        /// Its column.
        column: usize,
        /// What is wrong.
        source: serde_json::Error,
    },
}

/// One actor of a gold record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldActor {
    /// The actor's words in the sentence.
    #[serde(rename = "actorText", default)]
    pub text: String,
    /// Its code (a CAMEO country or IGO code).
    #[serde(default)]
    pub code: String,
}

/// A list of actors, or `""` (or anything but a list) for none.
fn actors<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<GoldActor>, D::Error> {
    match serde_json::Value::deserialize(d)? {
        v @ serde_json::Value::Array(_) => {
            serde_json::from_value(v).map_err(serde::de::Error::custom)
        }
        _ => Ok(Vec::new()),
    }
}

#[derive(Debug, Deserialize)]
struct RawRecord {
    id: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    text: String,
    event: String,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default, deserialize_with = "actors")]
    source: Vec<GoldActor>,
    #[serde(default, deserialize_with = "actors")]
    target: Vec<GoldActor>,
}

/// One gold record.
#[derive(Debug, Clone)]
pub struct GsrRecord {
    /// Its id (`PLOVER-GSR01-CONSULT-0001`).
    pub id: String,
    /// Its date (`YYYY-MM-DD`).
    pub date: String,
    /// The sentence.
    pub text: String,
    /// The event type as the file writes it (PLOVER 0.5).
    pub event_as_written: String,
    /// The event type in the current PLOVER categories ([`current_type`]).
    pub event: String,
    /// The mode, when given.
    pub mode: Option<String>,
    /// Source actors (both parties of a mutual event).
    pub sources: Vec<GoldActor>,
    /// Target actors (none for a mutual event).
    pub targets: Vec<GoldActor>,
}

/// A PLOVER 0.5 event type in the current categories (see the module's documentation).
pub fn current_type(plover_05: &str) -> &str {
    match plover_05 {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

/// A half of the gold records: development (read to find causes) or held out (scored only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Records whose [`part_of`] is development: their misses may be read and fixed.
    Dev,
    /// The other records: scored, never read to write rules.
    HeldOut,
}

impl std::str::FromStr for Part {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "dev" => Ok(Part::Dev),
            "held-out" => Ok(Part::HeldOut),
            other => Err(format!("unknown part {other:?} (dev or held-out)")),
        }
    }
}

/// The half a record belongs to: the parity of the 64-bit FNV-1a hash of
/// `dyad-plover-split:` + its id (even: development). Fixed by the id alone, so the split
/// does not move when records are added or reordered; about half of each event type falls on
/// each side.
pub fn part_of(id: &str) -> Part {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in b"dyad-plover-split:".iter().chain(id.as_bytes()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    if h.is_multiple_of(2) {
        Part::Dev
    } else {
        Part::HeldOut
    }
}

/// Reads a GSR file (the `DOCUMENT` record left out).
pub fn read_gsr(path: &Path) -> Result<Vec<GsrRecord>, GsrError> {
    let text = std::fs::read_to_string(path).map_err(|source| GsrError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_gsr(&text).map_err(|source| GsrError::Json {
        path: path.to_path_buf(),
        line: source.line(),
        column: source.column(),
        source,
    })
}

/// Parses a GSR file's text (the `DOCUMENT` record left out).
pub fn parse_gsr(text: &str) -> Result<Vec<GsrRecord>, serde_json::Error> {
    let raw: Vec<RawRecord> = serde_json::from_str(text)?;
    Ok(raw
        .into_iter()
        .filter(|r| r.event != "DOCUMENT")
        .map(|r| GsrRecord {
            event: current_type(&r.event).to_string(),
            event_as_written: r.event,
            id: r.id,
            date: r.date,
            text: r.text,
            mode: r.mode.filter(|m| !m.is_empty()),
            sources: r.source,
            targets: r.target,
        })
        .collect())
}

/// What one record gave.
#[derive(Debug, Clone)]
pub struct GsrResult {
    /// The record's id.
    pub id: String,
    /// The gold type (current categories).
    pub gold: String,
    /// The distinct PLOVER types coded.
    pub coded: BTreeSet<String>,
    /// The gold type was among them.
    pub type_found: bool,
    /// The matching event's source agrees (false when the type was not found).
    pub source_agrees: bool,
    /// The matching event's target agrees (false when the type was not found).
    pub target_agrees: bool,
    /// The gold mode and the matching event's mode, when both exist.
    pub modes: Option<(String, String)>,
}

/// The scores over a file.
#[derive(Debug, Clone, Default)]
pub struct GsrReport {
    /// Every record's result, in file order.
    pub results: Vec<GsrResult>,
}

/// Does a coded actor match a gold code?
fn actor_matches(code: &str, iso3: Option<&str>, gold: &GoldActor) -> bool {
    !gold.code.is_empty() && (code.starts_with(&gold.code) || iso3 == Some(gold.code.as_str()))
}

fn matches_any(code: &str, iso3: Option<&str>, gold: &[GoldActor]) -> bool {
    gold.iter().any(|g| actor_matches(code, iso3, g))
}

/// Scores one record against the events coded from its text.
pub fn score(record: &GsrRecord, events: &[Event]) -> GsrResult {
    let coded: BTreeSet<String> = events
        .iter()
        .filter_map(|e| e.plover.as_ref().map(|p| p.event_type.clone()))
        .collect();
    let hit = events.iter().find(|e| {
        e.plover
            .as_ref()
            .is_some_and(|p| p.event_type == record.event)
    });
    let mut result = GsrResult {
        id: record.id.clone(),
        gold: record.event.clone(),
        type_found: hit.is_some(),
        coded,
        source_agrees: false,
        target_agrees: false,
        modes: None,
    };
    let Some(e) = hit else {
        return result;
    };
    let src = (e.source.code.as_str(), e.source.country_iso3.as_deref());
    let tgt = e
        .target
        .as_ref()
        .map(|t| (t.code.as_str(), t.country_iso3.as_deref()));
    let in_sources = |(c, i): (&str, Option<&str>)| matches_any(c, i, &record.sources);
    let in_targets = |(c, i): (&str, Option<&str>)| matches_any(c, i, &record.targets);
    result.source_agrees = in_sources(src) || (e.symmetric && tgt.is_some_and(in_sources));
    result.target_agrees = if record.targets.is_empty() {
        tgt.is_none_or(|t| in_sources(t) || e.symmetric && in_sources(src))
    } else {
        tgt.is_some_and(in_targets) || (e.symmetric && in_targets(src))
    };
    if let (Some(gold), Some(ours)) = (
        &record.mode,
        e.plover.as_ref().and_then(|p| p.mode.as_ref()),
    ) {
        result.modes = Some((gold.clone(), ours.clone()));
    }
    result
}

/// Codes every record's text at its date (every modality kept) and scores it.
pub fn evaluate(coder: &Coder, records: &[GsrRecord]) -> GsrReport {
    let mut buf = CodeBuffers::default();
    let fallback = DictDate::parse("20000101").expect("a valid date");
    let results = records
        .iter()
        .map(|r| {
            let date = DictDate::parse(&r.date.replace('-', "")).unwrap_or(fallback);
            let events = coder.code_document(&r.text, Some("en"), date, &mut buf);
            score(r, &events)
        })
        .collect();
    GsrReport { results }
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "-".to_string()
    } else {
        format!("{:.1}", 100.0 * n as f64 / d as f64)
    }
}

impl GsrReport {
    /// Records whose type was found.
    pub fn types_found(&self) -> usize {
        self.results.iter().filter(|r| r.type_found).count()
    }

    /// Distinct types coded that were the record's type, and all distinct types coded.
    pub fn type_precision(&self) -> (usize, usize) {
        let coded: usize = self.results.iter().map(|r| r.coded.len()).sum();
        (self.types_found(), coded)
    }
}

impl fmt::Display for GsrReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.results.len();
        let any = self.results.iter().filter(|r| !r.coded.is_empty()).count();
        let found = self.types_found();
        let (right, coded) = self.type_precision();
        let src = self.results.iter().filter(|r| r.source_agrees).count();
        let tgt = self.results.iter().filter(|r| r.target_agrees).count();
        let full = self
            .results
            .iter()
            .filter(|r| r.source_agrees && r.target_agrees)
            .count();
        let modes: Vec<&(String, String)> = self
            .results
            .iter()
            .filter_map(|r| r.modes.as_ref())
            .collect();
        let modes_agree = modes.iter().filter(|(g, o)| g == o).count();
        writeln!(
            f,
            "{:<12} {:>5} {:>6} {:>6} {:>7}",
            "type", "gold", "found", "coded", "prec%"
        )?;
        let mut by_type: BTreeMap<&str, (usize, usize, usize, usize)> = BTreeMap::new();
        for r in &self.results {
            let t = by_type.entry(r.gold.as_str()).or_default();
            t.0 += 1;
            t.1 += usize::from(r.type_found);
            for c in &r.coded {
                let t = by_type.entry(c.as_str()).or_default();
                t.2 += 1;
                t.3 += usize::from(*c == r.gold);
            }
        }
        for (t, (gold, hit, coded, right)) in &by_type {
            writeln!(
                f,
                "{t:<12} {gold:>5} {hit:>6} {coded:>6} {:>7}",
                pct(*right, *coded)
            )?;
        }
        writeln!(
            f,
            "records {n}; with a PLOVER event coded {any} ({}%)",
            pct(any, n)
        )?;
        writeln!(
            f,
            "event type: recall {found}/{n} = {}%, precision {right}/{coded} = {}%",
            pct(found, n),
            pct(right, coded)
        )?;
        writeln!(
            f,
            "with the type found: source agrees {src}/{found} = {}%, target agrees {tgt}/{found} = {}%",
            pct(src, found),
            pct(tgt, found)
        )?;
        writeln!(
            f,
            "modes agree {modes_agree}/{} = {}% (records whose gold and coded event both have a mode)",
            modes.len(),
            pct(modes_agree, modes.len())
        )?;
        write!(
            f,
            "type, source and target all agree: {full}/{n} = {}%",
            pct(full, n)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Records written for this test in the file's format (not taken from the GSR).
    const SAMPLE: &str = r#"[
      {"id": "X-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "about this file"},
      {"id": "X-CONSULT-0001", "date": "2021-11-19",
       "source": [{"actorText": "Morocco", "code": "MAR", "sector": "GOV"},
                  {"actorText": "Mauritania", "code": "MRT", "sector": "GOV"}],
       "target": "", "event": "CONSULT", "mode": "",
       "text": "Moroccan Foreign Minister Nasser Bourita met his Mauritanian counterpart in Rabat on Friday."},
      {"id": "X-DEMAND-0001", "date": "2020-05-02",
       "source": [{"actorText": "France", "code": "FRA"}],
       "target": [{"actorText": "Mali", "code": "MLI"}],
       "event": "DEMAND", "mode": "change",
       "text": "France demanded that Mali release the detained opposition leader."}
    ]"#;

    #[test]
    fn the_split_is_fixed_by_the_id_and_roughly_halves() {
        assert_eq!(
            part_of("PLOVER-GSR01-AGREE-0001"),
            part_of("PLOVER-GSR01-AGREE-0001")
        );
        let ids: Vec<String> = (1..=200)
            .map(|i| format!("PLOVER-GSR01-X-{i:04}"))
            .collect();
        let dev = ids.iter().filter(|i| part_of(i) == Part::Dev).count();
        assert!(
            (70..=130).contains(&dev),
            "{dev} of 200 on the development side"
        );
        assert_eq!("dev".parse::<Part>(), Ok(Part::Dev));
        assert_eq!("held-out".parse::<Part>(), Ok(Part::HeldOut));
        assert!("test".parse::<Part>().is_err());
    }

    #[test]
    fn reads_records_and_maps_the_old_types() {
        let records = parse_gsr(SAMPLE).unwrap();
        assert_eq!(records.len(), 2, "the DOCUMENT record is skipped");
        assert_eq!(records[0].sources.len(), 2);
        assert!(records[0].targets.is_empty());
        assert_eq!(records[0].mode, None);
        assert_eq!(records[1].event_as_written, "DEMAND");
        assert_eq!(records[1].event, "REQUEST");
        assert_eq!(records[1].mode.as_deref(), Some("change"));
        assert_eq!(current_type("FIGHT"), "ASSAULT");
        assert_eq!(current_type("AGREE"), "AGREE");
    }

    #[test]
    fn a_bad_file_names_its_line() {
        let path = std::env::temp_dir().join(format!("dyad-gsr-{}.txt", std::process::id()));
        std::fs::write(&path, "[\n{\"id\": \"a\",\n \"event\": 3}\n]").unwrap();
        let err = read_gsr(&path).unwrap_err().to_string();
        std::fs::remove_file(&path).unwrap();
        assert!(err.contains(".txt:3:"), "{err}");
    }

    #[test]
    fn scores_type_and_actors_of_coded_events() {
        let coder = Coder::builder().build().unwrap();
        let report = evaluate(&coder, &parse_gsr(SAMPLE).unwrap());
        let consult = &report.results[0];
        assert!(consult.type_found, "{consult:?}");
        assert!(
            consult.source_agrees && consult.target_agrees,
            "{consult:?}"
        );
        let demand = &report.results[1];
        assert!(demand.type_found, "{demand:?}");
        assert!(demand.source_agrees && demand.target_agrees, "{demand:?}");
        let text = report.to_string();
        assert!(text.contains("event type: recall 2/2 = 100.0%"), "{text}");
    }
}
