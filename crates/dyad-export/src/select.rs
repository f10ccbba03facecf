//! Which events an export keeps, and what it counts.
//!
//! By default an export keeps asserted, non-historical events: background events
//! (`temporal_status` `historical`) and negated, future or hypothetical ones are left out, as
//! the field's datasets leave them out. [`Selection::include_historical`] and
//! [`Selection::all_modalities`] bring them in.
//!
//! The [`CountUnit`] says what one exported row stands for: every event report, one event per
//! cluster of reports across articles, or one event per day, source, target and CAMEO code
//! (the "one-a-day" filter of ICEWS and the Phoenix data). Every export says which it used.

use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};

use crate::{Error, ExportEvent};

/// What one exported event stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CountUnit {
    /// Every event report (one per event record).
    #[default]
    Events,
    /// One event per cluster (the first report of each cluster; an event without a cluster is
    /// its own cluster).
    Clusters,
    /// One event per day, source code, target code and CAMEO code (the one-a-day filter).
    Daily,
}

impl CountUnit {
    /// The unit's name as the CLI writes it.
    pub fn name(self) -> &'static str {
        match self {
            CountUnit::Events => "events",
            CountUnit::Clusters => "clusters",
            CountUnit::Daily => "daily",
        }
    }
}

impl fmt::Display for CountUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for CountUnit {
    type Err = Error;
    fn from_str(s: &str) -> Result<CountUnit, Error> {
        match s {
            "events" => Ok(CountUnit::Events),
            "clusters" => Ok(CountUnit::Clusters),
            "daily" | "one-a-day" => Ok(CountUnit::Daily),
            _ => Err(Error::UnknownUnit(s.to_string())),
        }
    }
}

/// The filter of an export: which events it keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Selection {
    /// Keep historical (background) events.
    pub include_historical: bool,
    /// Keep negated, future and hypothetical events.
    pub all_modalities: bool,
    /// What one exported event stands for.
    pub unit: CountUnit,
}

/// What an export read, kept and left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportStats {
    /// The unit the export counted in.
    pub unit: CountUnit,
    /// Events given to the exporter.
    pub read: u64,
    /// Events kept (each one of the unit).
    pub kept: u64,
    /// Rows or records written (a symmetric event is two rows in the directed formats).
    pub rows: u64,
    /// Left out: historical.
    pub historical: u64,
    /// Left out: not asserted.
    pub not_asserted: u64,
    /// Left out: another event of the same cluster or day was kept.
    pub duplicates: u64,
    /// Left out: the format cannot represent the event (PLOVER has no type for CAMEO 01x and
    /// 02x).
    pub not_representable: u64,
}

impl fmt::Display for ExportStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} kept of {} events read, {} rows written; left out: {} historical, {} not \
             asserted, {} duplicates, {} without an equivalent in the format",
            self.kept,
            self.unit,
            self.read,
            self.rows,
            self.historical,
            self.not_asserted,
            self.duplicates,
            self.not_representable
        )
    }
}

/// A [`Selection`] at work: it remembers the clusters or days already kept (a 64-bit hash
/// each, so memory grows with the kept events, never with their records).
#[derive(Debug)]
pub(crate) struct Selector {
    selection: Selection,
    seen: HashSet<u64>,
    hasher: std::collections::hash_map::RandomState,
}

/// Why an event is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Keep,
    Historical,
    NotAsserted,
    Duplicate,
}

impl Selector {
    pub(crate) fn new(selection: Selection) -> Selector {
        Selector {
            selection,
            seen: HashSet::new(),
            hasher: std::collections::hash_map::RandomState::new(),
        }
    }

    pub(crate) fn judge(&mut self, e: &ExportEvent) -> Verdict {
        let r = &e.record;
        if !self.selection.include_historical && r.temporal_status == "historical" {
            return Verdict::Historical;
        }
        if !self.selection.all_modalities && r.modality != "asserted" {
            return Verdict::NotAsserted;
        }
        let mut h = self.hasher.build_hasher();
        match self.selection.unit {
            CountUnit::Events => return Verdict::Keep,
            CountUnit::Clusters => e.cluster_id.as_deref().unwrap_or(&r.id).hash(&mut h),
            CountUnit::Daily => {
                e.day().hash(&mut h);
                r.source.code.hash(&mut h);
                r.target.as_ref().map(|t| t.code.as_str()).hash(&mut h);
                r.cameo.hash(&mut h);
            }
        }
        if self.seen.insert(h.finish()) {
            Verdict::Keep
        } else {
            Verdict::Duplicate
        }
    }
}
