//! dyad's export formats: the field's event-data files from dyad's event records.
//!
//! An [`Exporter`] writes one [`ExportEvent`] at a time ([`Exporter::write`]) and closes the
//! file with [`Exporter::finish`], so an export of millions of events never holds them in
//! memory. The formats ([`Format`]):
//!
//! - **GDELT 2.0** ([`gdelt`]): the 61 tab-separated columns of the GDELT event table, no header;
//!   actor codes split into GDELT's attribute columns ([`actor`]); geography with FIPS country
//!   codes and the GeoNames id as `FeatureID`; GDELT's conventions for missing values (empty
//!   fields, geo type `0`).
//! - **ICEWS** ([`icews`]): the 20 columns of the ICEWS event files, with their header.
//! - **PLOVER** ([`plover`]): JSON Lines following the PLOVER manual's data fields.
//! - **CSV** and **Parquet** ([`flat`]): our own record as a flat table with a header; the
//!   Parquet file (Snappy) reads in DuckDB, pandas or Spark.
//!
//! A symmetric event ("Morocco and Mauritania signed an agreement") is two directed rows in
//! GDELT and ICEWS, one record with both actors in PLOVER and one row in CSV and Parquet.
//! What an export keeps is a [`Selection`]: by default asserted, non-historical events, each
//! event counted (or one per cluster, or one a day); [`ExportStats`] says what was kept,
//! left out, and in which unit.
//!
//! ```
//! use dyad_export::{ExportEvent, Exporter, Format, Places, Selection};
//!
//! let line = include_str!("../testdata/events.jsonl").lines().next().unwrap();
//! let event = ExportEvent::from_record(serde_json::from_str(line)?);
//! let places = Places::embedded()?;
//! let mut out = Vec::new();
//! let mut exporter = Exporter::new(Format::Gdelt, &mut out, &places, Selection::default())?;
//! exporter.write(&event)?;
//! let stats = exporter.finish()?;
//! assert_eq!(stats.rows, 1);
//! let text = String::from_utf8(out).unwrap();
//! assert_eq!(text.trim_end_matches('\n').split('\t').count(), 61);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod actor;
mod error;
mod event;
pub mod flat;
pub mod gdelt;
pub mod icews;
mod parquet_file;
mod places;
pub mod plover;
mod select;

use std::collections::HashMap;
use std::fmt;
use std::io::Write;

use dyad_coder::record::{ActorRecord, EventRecord, LocationRecord};

pub use error::{Error, Result};
pub use event::ExportEvent;
pub use places::{Admin1Info, Places};
pub use select::{CountUnit, ExportStats, Selection};

use select::{Selector, Verdict};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// GDELT 2.0 event table: 61 tab-separated columns, no header.
    Gdelt,
    /// PLOVER JSON Lines.
    Plover,
    /// ICEWS coded event data: 20 tab-separated columns with a header.
    Icews,
    /// Our record as CSV with a header.
    Csv,
    /// Our record as Parquet (Snappy).
    Parquet,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 5] = [
        Format::Gdelt,
        Format::Plover,
        Format::Icews,
        Format::Csv,
        Format::Parquet,
    ];

    /// The format's name as the CLI writes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Gdelt => "gdelt",
            Format::Plover => "plover",
            Format::Icews => "icews",
            Format::Csv => "csv",
            Format::Parquet => "parquet",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| Error::UnknownFormat(s.to_string()))
    }
}

/// What the format writers look up: country names, admin-1 divisions (kept once looked up),
/// CAMEO names.
#[derive(Debug)]
pub(crate) struct Lookup<'p> {
    pub(crate) places: &'p Places,
    admin1: HashMap<u32, Option<Admin1Info>>,
    cameo_names: HashMap<String, String>,
}

impl<'p> Lookup<'p> {
    fn new(places: &'p Places) -> Lookup<'p> {
        let cameo_names = dyad_coder::CameoTable::default_table()
            .entries()
            .iter()
            .map(|e| (e.code.to_string(), e.name.clone()))
            .collect();
        Lookup {
            places,
            admin1: HashMap::new(),
            cameo_names,
        }
    }

    /// The admin-1 division of a location, when it has a GeoNames id the gazetteer knows.
    pub(crate) fn admin1(&mut self, loc: &LocationRecord) -> Option<&Admin1Info> {
        let id = loc.geonameid?;
        let places = self.places;
        self.admin1
            .entry(id)
            .or_insert_with(|| places.admin1(id))
            .as_ref()
    }

    /// The name of a CAMEO event code ("Engage in negotiation").
    pub(crate) fn cameo_name(&self, code: &str) -> &str {
        self.cameo_names.get(code).map_or("", String::as_str)
    }
}

/// The actor pairs a directed format writes for `r`: source → target, and for a symmetric
/// event target → source too (the second pair is marked `true`).
pub(crate) fn directed(r: &EventRecord) -> Vec<(&ActorRecord, Option<&ActorRecord>, bool)> {
    let mut pairs = vec![(&r.source, r.target.as_ref(), false)];
    if r.symmetric
        && let Some(t) = &r.target
    {
        pairs.push((t, Some(&r.source), true));
    }
    pairs
}

/// The integer id of a directed row, for formats with integer ids (GDELT's `GLOBALEVENTID`,
/// ICEWS's `Event ID`): the first 15 hex digits of the event id (60 bits, a positive signed
/// 64-bit integer), or digits 16–30 for the reverse row of a symmetric event.
pub(crate) fn integer_id(id: &str, reversed: bool) -> String {
    let digits = if reversed {
        id.get(16..31)
    } else {
        id.get(..15)
    };
    digits
        .and_then(|d| u64::from_str_radix(d, 16).ok())
        .map_or_else(String::new, |n| n.to_string())
}

/// The name an actor row shows: the person's name when one was read, else the mention.
pub(crate) fn actor_name(a: &ActorRecord) -> &str {
    a.name.as_deref().unwrap_or(&a.text)
}

/// Text for tab-separated formats without quoting: tabs and line breaks become spaces.
pub(crate) fn tsv_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        std::borrow::Cow::Owned(s.replace(['\t', '\n', '\r'], " "))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

enum Sink<W: Write + Send> {
    Gdelt(W),
    Plover(W),
    Icews(W),
    Csv(W),
    Parquet(Box<parquet_file::ParquetSink<W>>),
}

/// A streaming writer of one export file: [`Exporter::write`] each event, then
/// [`Exporter::finish`].
pub struct Exporter<'p, W: Write + Send> {
    sink: Sink<W>,
    lookup: Lookup<'p>,
    selector: Selector,
    stats: ExportStats,
}

impl<W: Write + Send> fmt::Debug for Exporter<'_, W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exporter")
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

impl<'p, W: Write + Send> Exporter<'p, W> {
    /// An exporter writing `format` to `out` (headers are written at once), keeping what
    /// `selection` keeps. Give it a buffered writer.
    pub fn new(
        format: Format,
        mut out: W,
        places: &'p Places,
        selection: Selection,
    ) -> Result<Exporter<'p, W>> {
        let sink = match format {
            Format::Gdelt => Sink::Gdelt(out),
            Format::Plover => Sink::Plover(out),
            Format::Icews => {
                icews::write_header(&mut out)?;
                Sink::Icews(out)
            }
            Format::Csv => {
                let names: Vec<&str> = flat::COLUMNS.iter().map(|c| c.0).collect();
                writeln!(out, "{}", names.join(","))?;
                Sink::Csv(out)
            }
            Format::Parquet => Sink::Parquet(Box::new(parquet_file::ParquetSink::new(out)?)),
        };
        Ok(Exporter {
            sink,
            lookup: Lookup::new(places),
            selector: Selector::new(selection),
            stats: ExportStats {
                unit: selection.unit,
                ..ExportStats::default()
            },
        })
    }

    /// Writes `event` if the selection keeps it and the format can represent it; returns
    /// the number of rows written (0, 1, or 2 for a symmetric event in a directed format).
    pub fn write(&mut self, event: &ExportEvent) -> Result<u64> {
        self.stats.read += 1;
        match self.selector.judge(event) {
            Verdict::Keep => {}
            Verdict::Historical => {
                self.stats.historical += 1;
                return Ok(0);
            }
            Verdict::NotAsserted => {
                self.stats.not_asserted += 1;
                return Ok(0);
            }
            Verdict::Duplicate => {
                self.stats.duplicates += 1;
                return Ok(0);
            }
        }
        let rows = match &mut self.sink {
            Sink::Gdelt(out) => gdelt::write_rows(out, &mut self.lookup, event)?,
            Sink::Icews(out) => icews::write_rows(out, &mut self.lookup, event)?,
            Sink::Plover(out) => plover::write_record(out, &mut self.lookup, event)?,
            Sink::Csv(out) => {
                let mut line = String::new();
                for (i, v) in flat::row(event).iter().enumerate() {
                    if i > 0 {
                        line.push(',');
                    }
                    flat::csv_cell(v, &mut line);
                }
                line.push('\n');
                out.write_all(line.as_bytes())?;
                1
            }
            Sink::Parquet(sink) => {
                sink.push(event)?;
                1
            }
        };
        if rows == 0 {
            self.stats.not_representable += 1;
        } else {
            self.stats.kept += 1;
            self.stats.rows += rows;
        }
        Ok(rows)
    }

    /// Flushes and closes the file; returns what was written and left out.
    pub fn finish(self) -> Result<ExportStats> {
        match self.sink {
            Sink::Gdelt(mut out)
            | Sink::Plover(mut out)
            | Sink::Icews(mut out)
            | Sink::Csv(mut out) => out.flush()?,
            Sink::Parquet(sink) => sink.finish()?,
        }
        Ok(self.stats)
    }
}

#[cfg(test)]
mod tests {
    use super::integer_id;

    #[test]
    fn integer_ids_fit_a_signed_64_bit_column() {
        let id = "ffffffffffffffffffffffffffffffff";
        assert_eq!(integer_id(id, false), (u64::MAX >> 4).to_string());
        assert!(integer_id(id, false).parse::<i64>().is_ok());
        let id = "e0074e9113f96c13e6f60c326180999b";
        assert_ne!(integer_id(id, false), integer_id(id, true));
        assert_eq!(integer_id("short", false), "");
    }
}
