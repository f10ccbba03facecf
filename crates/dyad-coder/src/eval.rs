//! Event accuracy against hand-coded gold events (`dyad eval events`).
//!
//! A gold file is JSON Lines, one [`GoldEvent`] per line, in the format `docs/codebook.md`
//! documents (`doc_id`, `sentence`, `text`, `source`, `target`, `symmetric`, `cameo`, `date`,
//! `modality`, `temporal_status`, `note`). System events come either from the coder
//! ([`GoldEvent::from_record`]) or from `dyad code` output ([`read_system`]), and are seen
//! through the same fields, so the two hand codings of one corpus can be compared the same way
//! ([`score`] with a second gold file as the system: the F1 is their agreement).
//!
//! [`score`] matches events **one-to-one within a document** (a maximum bipartite matching, so
//! the order of the events does not change the figures) at three [`Level`]s: directed dyad +
//! CAMEO root, dyad + full code, dyad + root + date. A symmetric event (on either side) matches
//! its dyad in either direction. The sentence index is not compared: a merged event may be
//! reported first elsewhere. By default ([`Scope::default`]) only asserted, non-historical
//! events are scored, on both sides.
//!
//! ```
//! use dyad_coder::eval::{GoldEvent, Level, Scope, score};
//!
//! let gold = GoldEvent::parse_line(
//!     r#"{"doc_id":"001","sentence":1,"source":"USAGOV","target":"MARGOV","symmetric":false,"cameo":"040","date":"2023-03-20","modality":"asserted","temporal_status":"current"}"#,
//! )?;
//! let mut system = gold.clone();
//! system.cameo = "042".to_string();
//! let report = score(&[gold], &[system], Scope::default());
//! assert_eq!(report.level(Level::DyadRoot).matched, 1);
//! assert_eq!(report.level(Level::DyadCode).matched, 0);
//! # Ok::<(), String>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::record::EventRecord;

/// The modalities an event may have, as written in gold files and records.
pub const MODALITIES: &[&str] = &["asserted", "negated", "future", "hypothetical"];

/// The temporal statuses an event may have.
pub const TEMPORAL_STATUSES: &[&str] = &["current", "historical", "future"];

/// One event as a human codes it (a gold line), or a system event seen through the same fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldEvent {
    /// The document's id.
    pub doc_id: String,
    /// 0-based index of the first mention's sentence (as `dyad split` numbers them).
    pub sentence: usize,
    /// That sentence, verbatim.
    #[serde(default)]
    pub text: String,
    /// The source's actor code.
    pub source: String,
    /// The target's actor code, if any.
    pub target: Option<String>,
    /// A mutual event: source and target act together.
    #[serde(default)]
    pub symmetric: bool,
    /// CAMEO code, zero-padded (`040`).
    pub cameo: String,
    /// The event's date at its precision (`2022-05-24`, `2021-12`, `2006`).
    #[serde(default)]
    pub date: Option<String>,
    /// `asserted`, `negated`, `future` or `hypothetical`.
    #[serde(default = "asserted")]
    pub modality: String,
    /// `current`, `historical` or `future`.
    #[serde(default = "current")]
    pub temporal_status: String,
    /// Free text.
    #[serde(default)]
    pub note: String,
}

fn asserted() -> String {
    "asserted".to_string()
}

fn current() -> String {
    "current".to_string()
}

impl GoldEvent {
    /// Parses and checks one gold line; the error says what is wrong (without file or line).
    pub fn parse_line(line: &str) -> std::result::Result<GoldEvent, String> {
        let event: GoldEvent = serde_json::from_str(line).map_err(|e| e.to_string())?;
        event.check()?;
        Ok(event)
    }

    /// Checks the fields' syntax: a CAMEO code of 2–4 digits, a known modality and temporal
    /// status, an upper-case actor code, a date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn check(&self) -> std::result::Result<(), String> {
        if self.doc_id.is_empty() {
            return Err("empty doc_id".to_string());
        }
        if !(2..=4).contains(&self.cameo.len()) || !self.cameo.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "cameo {:?} is not a zero-padded CAMEO code (\"040\", \"0331\")",
                self.cameo
            ));
        }
        for code in std::iter::once(&self.source).chain(self.target.as_ref()) {
            if code.is_empty()
                || !code
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            {
                return Err(format!(
                    "actor code {code:?} is not an upper-case CAMEO code"
                ));
            }
        }
        if !MODALITIES.contains(&self.modality.as_str()) {
            return Err(format!(
                "modality {:?} is not one of {MODALITIES:?}",
                self.modality
            ));
        }
        if !TEMPORAL_STATUSES.contains(&self.temporal_status.as_str()) {
            return Err(format!(
                "temporal_status {:?} is not one of {TEMPORAL_STATUSES:?}",
                self.temporal_status
            ));
        }
        if let Some(d) = &self.date
            && !is_partial_date(d)
        {
            return Err(format!("date {d:?} is not YYYY, YYYY-MM or YYYY-MM-DD"));
        }
        if self.symmetric && self.target.is_none() {
            return Err("a symmetric event needs a target".to_string());
        }
        Ok(())
    }

    /// The gold view of a coder record: its document, first sentence, actors, code, date,
    /// modality and temporal status.
    pub fn from_record(r: &EventRecord) -> GoldEvent {
        GoldEvent {
            doc_id: r.doc_id.clone(),
            sentence: r.sentence.index,
            text: r.sentence.text.clone(),
            source: r.source.code.clone(),
            target: r.target.as_ref().map(|t| t.code.clone()),
            symmetric: r.symmetric,
            cameo: r.cameo.clone(),
            date: r.date.as_deref().and_then(partial_date_of),
            modality: r.modality.clone(),
            temporal_status: r.temporal_status.clone(),
            note: r.rule.clone(),
        }
    }

    /// The CAMEO root (`04` of `042`).
    pub fn root(&self) -> &str {
        self.cameo.get(..2).unwrap_or(&self.cameo)
    }

    /// A short description: `USAGOV MARGOV 040 asserted 2023-03-20`, `~` joining a symmetric
    /// dyad.
    pub fn describe(&self) -> String {
        format!(
            "{}{}{} {} {} {}{}",
            self.source,
            if self.symmetric { "~" } else { " " },
            self.target.as_deref().unwrap_or("-"),
            self.cameo,
            self.modality,
            self.date.as_deref().unwrap_or("-"),
            if self.temporal_status == "current" {
                String::new()
            } else {
                format!(" {}", self.temporal_status)
            }
        )
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with plausible month and day.
/// A system date as the gold compares it: a partial date (`2022-05-24`, `2021-12`, `2006`)
/// as it is; an ISO interval (`2013-02-20/2013-03-09`) as the finest partial date containing
/// both ends (`2013`); another value at a coarser precision (a week `2021-W05`, a quarter
/// `2021-Q2`) as its year or month. `None` when nothing of it is a date.
pub fn partial_date_of(value: &str) -> Option<String> {
    if is_partial_date(value) {
        return Some(value.to_string());
    }
    if let Some((a, b)) = value.split_once('/') {
        let (a, b) = (partial_date_of(a)?, partial_date_of(b)?);
        // The longest common prefix at a `-` boundary.
        for n in [10, 7, 4] {
            if a.len() >= n && b.len() >= n && a[..n] == b[..n] && is_partial_date(&a[..n]) {
                return Some(a[..n].to_string());
            }
        }
        return None;
    }
    [10, 7, 4]
        .into_iter()
        .filter(|&n| value.len() > n && value.is_char_boundary(n))
        .map(|n| &value[..n])
        .find(|p| is_partial_date(p))
        .map(str::to_string)
}

fn is_partial_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let in_range = |p: &str, hi: u32| p.parse::<u32>().is_ok_and(|v| (1..=hi).contains(&v));
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 12),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && in_range(m, 12) && digits(d, 2) && in_range(d, 31)
        }
        _ => false,
    }
}

/// Reads a gold file: one [`GoldEvent`] per line; blank lines and lines starting with `#` are
/// skipped. Every bad line is reported (file and line) in one error.
pub fn read_gold(path: &Path) -> Result<Vec<GoldEvent>> {
    let text = read(path)?;
    parse_lines(path, &text, GoldEvent::parse_line)
}

/// Reads `dyad code` output (JSON Lines of [`EventRecord`]s) as gold-view events; records
/// without a `temporal_status` (older output) are `current`.
pub fn read_system(path: &Path) -> Result<Vec<GoldEvent>> {
    let text = read(path)?;
    parse_lines(path, &text, parse_system_line)
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })
}

fn parse_lines(
    path: &Path,
    text: &str,
    parse: impl Fn(&str) -> std::result::Result<GoldEvent, String>,
) -> Result<Vec<GoldEvent>> {
    let mut events = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse(line) {
            Ok(e) => events.push(e),
            Err(why) => problems.push(format!("{}:{}: {why}", path.display(), i + 1)),
        }
    }
    if problems.is_empty() {
        Ok(events)
    } else {
        Err(Error::GoldFile {
            problems: problems.join("\n"),
        })
    }
}

/// The fields of a `dyad code` record that scoring reads.
#[derive(Deserialize)]
struct SystemLine {
    doc_id: String,
    sentence: SystemSentence,
    source: SystemActor,
    target: Option<SystemActor>,
    symmetric: bool,
    cameo: String,
    date: Option<String>,
    modality: String,
    #[serde(default = "current")]
    temporal_status: String,
    #[serde(default)]
    rule: String,
}

#[derive(Deserialize)]
struct SystemSentence {
    index: usize,
    #[serde(default)]
    text: String,
}

#[derive(Deserialize)]
struct SystemActor {
    code: String,
}

fn parse_system_line(line: &str) -> std::result::Result<GoldEvent, String> {
    let s: SystemLine = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let event = GoldEvent {
        doc_id: s.doc_id,
        sentence: s.sentence.index,
        text: s.sentence.text,
        source: s.source.code,
        target: s.target.map(|t| t.code),
        symmetric: s.symmetric,
        cameo: s.cameo,
        date: s.date.as_deref().and_then(partial_date_of),
        modality: s.modality,
        temporal_status: s.temporal_status,
        note: s.rule,
    };
    event.check()?;
    Ok(event)
}

/// The system events of documents that have at least one gold event (for a gold file that
/// covers only part of the coded corpus).
pub fn in_gold_documents(gold: &[GoldEvent], system: Vec<GoldEvent>) -> Vec<GoldEvent> {
    let docs: std::collections::HashSet<&str> = gold.iter().map(|g| g.doc_id.as_str()).collect();
    system
        .into_iter()
        .filter(|s| docs.contains(s.doc_id.as_str()))
        .collect()
}

/// Reads a list of document ids (one per line; blank lines and `#` comments ignored), such as
/// `testdata/gold/dev-documents.txt`, the documents developers may study.
pub fn read_document_list(path: &Path) -> Result<std::collections::BTreeSet<String>> {
    let text = read(path)?;
    Ok(text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

/// Which events are scored (on both sides).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scope {
    /// Score negated, future and hypothetical events too (by default only asserted).
    pub all_modalities: bool,
    /// Score historical events too (by default they are left out).
    pub include_historical: bool,
}

impl Scope {
    /// Whether `e` is scored.
    pub fn admits(&self, e: &GoldEvent) -> bool {
        (self.all_modalities || e.modality == "asserted")
            && (self.include_historical || e.temporal_status != "historical")
    }
}

/// A level of matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Directed dyad (either direction for a symmetric event) and CAMEO root.
    DyadRoot,
    /// Dyad and full CAMEO code.
    DyadCode,
    /// Dyad, root and date (at the gold date's precision).
    DyadRootDate,
}

impl Level {
    /// The three levels, in report order.
    pub const ALL: [Level; 3] = [Level::DyadRoot, Level::DyadCode, Level::DyadRootDate];

    /// The level's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Level::DyadRoot => "dyad + root",
            Level::DyadCode => "dyad + full code",
            Level::DyadRootDate => "dyad + root + date",
        }
    }

    /// Whether system event `s` matches gold event `g` at this level.
    pub fn matches(self, g: &GoldEvent, s: &GoldEvent) -> bool {
        same_dyad(g, s)
            && match self {
                Level::DyadRoot => g.root() == s.root(),
                Level::DyadCode => g.cameo == s.cameo,
                Level::DyadRootDate => g.root() == s.root() && date_within(g, s),
            }
    }

    fn index(self) -> usize {
        match self {
            Level::DyadRoot => 0,
            Level::DyadCode => 1,
            Level::DyadRootDate => 2,
        }
    }
}

/// Same source and target, or reversed when either event is symmetric.
fn same_dyad(g: &GoldEvent, s: &GoldEvent) -> bool {
    if g.source == s.source && g.target == s.target {
        return true;
    }
    (g.symmetric || s.symmetric)
        && g.target.as_deref() == Some(s.source.as_str())
        && s.target.as_deref() == Some(g.source.as_str())
}

/// The system date lies within the gold date (`2021-12-05` within `2021-12`); a gold event
/// without a date accepts any.
fn date_within(g: &GoldEvent, s: &GoldEvent) -> bool {
    let Some(gd) = &g.date else {
        return true;
    };
    let Some(sd) = &s.date else {
        return false;
    };
    sd == gd || (sd.starts_with(gd.as_str()) && sd.as_bytes().get(gd.len()) == Some(&b'-'))
}

/// Matched, gold and system counts at one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelScore {
    /// The level.
    pub level: Level,
    /// Pairs matched one-to-one.
    pub matched: usize,
    /// Gold events scored.
    pub gold: usize,
    /// System events scored.
    pub system: usize,
}

impl LevelScore {
    /// Matched system events / system events (1 when there are none).
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.system)
    }

    /// Matched gold events / gold events (1 when there are none).
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    /// Harmonic mean of precision and recall: 2·matched / (gold + system), which is also the
    /// agreement of two codings (it does not depend on which one is called gold).
    pub fn f1(&self) -> f64 {
        ratio(2 * self.matched, self.gold + self.system)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The scores of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentScore {
    /// The document's id.
    pub doc_id: String,
    /// Counts at each level, in [`Level::ALL`] order.
    pub levels: [LevelScore; 3],
    /// Gold events left unmatched at [`Level::DyadRoot`] (missed).
    pub missed: Vec<GoldEvent>,
    /// System events left unmatched at [`Level::DyadRoot`] (spurious).
    pub spurious: Vec<GoldEvent>,
}

/// Precision, recall and F1 at the three levels, overall and per document.
#[derive(Debug, Clone, PartialEq)]
pub struct EventsReport {
    /// Which events were scored.
    pub scope: Scope,
    /// Overall counts, in [`Level::ALL`] order.
    pub levels: [LevelScore; 3],
    /// Per document (sorted by id): every document with a scored gold or system event.
    pub documents: Vec<DocumentScore>,
    /// Gold events read (before the scope).
    pub gold_read: usize,
    /// System events read (before the scope).
    pub system_read: usize,
}

impl EventsReport {
    /// The overall counts at `level`.
    pub fn level(&self, level: Level) -> &LevelScore {
        &self.levels[level.index()]
    }

    /// Documents with system events but no gold event in scope (their system events are all
    /// counted as spurious).
    pub fn documents_without_gold(&self) -> usize {
        self.documents
            .iter()
            .filter(|d| d.levels[0].gold == 0 && d.levels[0].system > 0)
            .count()
    }

    /// A per-document table and each document's missed and spurious events (at dyad + root).
    pub fn per_document(&self) -> String {
        let mut out = String::new();
        out.push_str("doc\tgold\tsystem\tdyad+root\tdyad+code\tdyad+root+date\n");
        for d in &self.documents {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\n",
                d.doc_id,
                d.levels[0].gold,
                d.levels[0].system,
                d.levels[0].matched,
                d.levels[1].matched,
                d.levels[2].matched
            ));
            for g in &d.missed {
                out.push_str(&format!(
                    "  missed   {}:{} {}\n",
                    g.doc_id,
                    g.sentence,
                    g.describe()
                ));
            }
            for s in &d.spurious {
                out.push_str(&format!(
                    "  spurious {}:{} {}\n",
                    s.doc_id,
                    s.sentence,
                    s.describe()
                ));
            }
        }
        out
    }
}

impl fmt::Display for EventsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let l = &self.levels[0];
        writeln!(
            f,
            "scope: {}, {}",
            if self.scope.all_modalities {
                "all modalities"
            } else {
                "asserted only"
            },
            if self.scope.include_historical {
                "historical included"
            } else {
                "historical left out"
            }
        )?;
        writeln!(
            f,
            "gold events: {} scored of {} read; system events: {} scored of {} read; documents: {} ({} with system events but no gold)",
            l.gold,
            self.gold_read,
            l.system,
            self.system_read,
            self.documents.len(),
            self.documents_without_gold()
        )?;
        writeln!(f, "level               matched  precision  recall      F1")?;
        for s in &self.levels {
            writeln!(
                f,
                "{:<19} {:>7}  {:>9.3}  {:>6.3}  {:>6.3}",
                s.level.name(),
                s.matched,
                s.precision(),
                s.recall(),
                s.f1()
            )?;
        }
        Ok(())
    }
}

/// Scores `system` against `gold` (see the module documentation).
pub fn score(gold: &[GoldEvent], system: &[GoldEvent], scope: Scope) -> EventsReport {
    let mut docs: BTreeMap<&str, (Vec<&GoldEvent>, Vec<&GoldEvent>)> = BTreeMap::new();
    for g in gold.iter().filter(|e| scope.admits(e)) {
        docs.entry(g.doc_id.as_str()).or_default().0.push(g);
    }
    for s in system.iter().filter(|e| scope.admits(e)) {
        docs.entry(s.doc_id.as_str()).or_default().1.push(s);
    }
    let mut levels = Level::ALL.map(|level| LevelScore {
        level,
        matched: 0,
        gold: 0,
        system: 0,
    });
    let mut documents = Vec::with_capacity(docs.len());
    for (doc_id, (g, s)) in docs {
        let mut doc_levels = levels;
        let mut missed = Vec::new();
        let mut spurious = Vec::new();
        for (i, level) in Level::ALL.into_iter().enumerate() {
            let pairs = max_matching(&g, &s, |a, b| level.matches(a, b));
            doc_levels[i] = LevelScore {
                level,
                matched: pairs.iter().filter(|p| p.is_some()).count(),
                gold: g.len(),
                system: s.len(),
            };
            levels[i].matched += doc_levels[i].matched;
            levels[i].gold += g.len();
            levels[i].system += s.len();
            if level == Level::DyadRoot {
                let mut used = vec![false; s.len()];
                for (k, p) in pairs.iter().enumerate() {
                    match p {
                        Some(j) => used[*j] = true,
                        None => missed.push(g[k].clone()),
                    }
                }
                spurious.extend(
                    s.iter()
                        .zip(&used)
                        .filter(|(_, u)| !**u)
                        .map(|(e, _)| (*e).clone()),
                );
            }
        }
        documents.push(DocumentScore {
            doc_id: doc_id.to_string(),
            levels: doc_levels,
            missed,
            spurious,
        });
    }
    EventsReport {
        scope,
        levels,
        documents,
        gold_read: gold.len(),
        system_read: system.len(),
    }
}

/// A maximum one-to-one matching of `left` to `right` under `ok` (augmenting paths): for each
/// left item, the index of its right partner.
fn max_matching<T>(left: &[T], right: &[T], ok: impl Fn(&T, &T) -> bool) -> Vec<Option<usize>> {
    let adj: Vec<Vec<usize>> = left
        .iter()
        .map(|l| (0..right.len()).filter(|&j| ok(l, &right[j])).collect())
        .collect();
    let mut right_of: Vec<Option<usize>> = vec![None; right.len()];
    for i in 0..left.len() {
        let mut seen = vec![false; right.len()];
        augment(i, &adj, &mut seen, &mut right_of);
    }
    let mut left_of = vec![None; left.len()];
    for (j, i) in right_of.iter().enumerate() {
        if let Some(i) = i {
            left_of[*i] = Some(j);
        }
    }
    left_of
}

fn augment(
    i: usize,
    adj: &[Vec<usize>],
    seen: &mut [bool],
    right_of: &mut [Option<usize>],
) -> bool {
    for &j in &adj[i] {
        if seen[j] {
            continue;
        }
        seen[j] = true;
        if right_of[j].is_none_or(|k| augment(k, adj, seen, right_of)) {
            right_of[j] = Some(i);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(doc: &str, src: &str, tgt: Option<&str>, code: &str) -> GoldEvent {
        GoldEvent {
            doc_id: doc.to_string(),
            sentence: 0,
            text: String::new(),
            source: src.to_string(),
            target: tgt.map(str::to_string),
            symmetric: false,
            cameo: code.to_string(),
            date: Some("2023-03-20".to_string()),
            modality: asserted(),
            temporal_status: current(),
            note: String::new(),
        }
    }

    #[test]
    fn three_levels() {
        let gold = vec![
            ev("a", "USAGOV", Some("MARGOV"), "040"),
            ev("a", "USA", Some("MLIMIL"), "111"),
            ev("b", "DZA", Some("MAR"), "190"),
        ];
        let mut wrong_code = ev("a", "USAGOV", Some("MARGOV"), "042");
        wrong_code.date = Some("2023-03-01".to_string());
        let system = vec![
            wrong_code,
            ev("a", "USA", Some("MLIMIL"), "111"),
            ev("b", "MAR", Some("DZA"), "190"), // reversed, not symmetric: no match
            ev("c", "FRA", None, "010"),
        ];
        let r = score(&gold, &system, Scope::default());
        assert_eq!(r.level(Level::DyadRoot).matched, 2);
        assert_eq!(r.level(Level::DyadCode).matched, 1);
        assert_eq!(r.level(Level::DyadRootDate).matched, 1);
        assert_eq!(r.level(Level::DyadRoot).gold, 3);
        assert_eq!(r.level(Level::DyadRoot).system, 4);
        assert!((r.level(Level::DyadRoot).precision() - 0.5).abs() < 1e-9);
        assert!((r.level(Level::DyadRoot).recall() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(r.documents.len(), 3);
        assert_eq!(r.documents_without_gold(), 1);
        let b = r.documents.iter().find(|d| d.doc_id == "b").unwrap();
        assert_eq!(b.missed.len(), 1);
        assert_eq!(b.spurious.len(), 1);
        assert!(r.per_document().contains("missed   b:0 DZA MAR 190"));
    }

    #[test]
    fn symmetric_matches_either_direction() {
        let mut g = ev("a", "MARGOV", Some("USAGOV"), "040");
        g.symmetric = true;
        let s = ev("a", "USAGOV", Some("MARGOV"), "040");
        assert_eq!(
            score(&[g], std::slice::from_ref(&s), Scope::default())
                .level(Level::DyadRoot)
                .matched,
            1
        );
        // And a symmetric system event matches a directed gold event reversed.
        let g = ev("a", "MARGOV", Some("USAGOV"), "040");
        let mut s = s;
        s.symmetric = true;
        assert_eq!(
            score(&[g], &[s], Scope::default())
                .level(Level::DyadRoot)
                .matched,
            1
        );
    }

    #[test]
    fn matching_is_one_to_one_and_maximal() {
        // Two system reports of one gold event: one matches, one is spurious.
        let gold = vec![ev("a", "USA", Some("MAR"), "040")];
        let system = vec![
            ev("a", "USA", Some("MAR"), "040"),
            ev("a", "USA", Some("MAR"), "042"),
        ];
        let r = score(&gold, &system, Scope::default());
        assert_eq!(r.level(Level::DyadRoot).matched, 1);
        assert_eq!(r.level(Level::DyadCode).matched, 1);
        // Greedy would pair gold[0] with system[0] and leave gold[1] unmatched.
        let mut g0 = ev("a", "USA", Some("MAR"), "040");
        g0.symmetric = true;
        let g1 = ev("a", "MAR", Some("USA"), "040");
        let s0 = ev("a", "MAR", Some("USA"), "040");
        let s1 = ev("a", "USA", Some("MAR"), "040");
        let r = score(&[g0, g1], &[s0, s1], Scope::default());
        assert_eq!(r.level(Level::DyadRoot).matched, 2);
    }

    #[test]
    fn scope_filters_both_sides() {
        let mut neg = ev("a", "USA", Some("MAR"), "040");
        neg.modality = "negated".to_string();
        let mut hist = ev("a", "USA", Some("MAR"), "057");
        hist.temporal_status = "historical".to_string();
        let gold = vec![neg.clone(), hist.clone()];
        let system = vec![neg, hist];
        let r = score(&gold, &system, Scope::default());
        assert_eq!(r.level(Level::DyadRoot).gold, 0);
        assert_eq!(r.level(Level::DyadRoot).system, 0);
        let all = Scope {
            all_modalities: true,
            include_historical: true,
        };
        let r = score(&gold, &system, all);
        assert_eq!(r.level(Level::DyadRoot).matched, 2);
        let only_hist = Scope {
            all_modalities: false,
            include_historical: true,
        };
        assert_eq!(
            score(&gold, &system, only_hist).level(Level::DyadRoot).gold,
            1
        );
    }

    #[test]
    fn system_intervals_and_coarse_values_become_partial_dates() {
        assert_eq!(
            partial_date_of("2013-02-20/2013-03-09").as_deref(),
            Some("2013")
        );
        assert_eq!(
            partial_date_of("2013-02-20/2013-02-22").as_deref(),
            Some("2013-02")
        );
        assert_eq!(partial_date_of("2021-Q2").as_deref(), Some("2021"));
        assert_eq!(partial_date_of("2021-12-05").as_deref(), Some("2021-12-05"));
        assert_eq!(partial_date_of("P3Y"), None);
    }

    #[test]
    fn dates_compare_at_gold_precision() {
        let mut g = ev("a", "USA", Some("MAR"), "040");
        let mut s = g.clone();
        g.date = Some("2021-12".to_string());
        s.date = Some("2021-12-05".to_string());
        assert!(Level::DyadRootDate.matches(&g, &s));
        s.date = Some("2021-11-30".to_string());
        assert!(!Level::DyadRootDate.matches(&g, &s));
        g.date = Some("2021-1".to_string()); // not a prefix match at a digit boundary
        s.date = Some("2021-12-05".to_string());
        assert!(!Level::DyadRootDate.matches(&g, &s));
        g.date = Some("2021-12-05".to_string());
        s.date = Some("2021-12".to_string());
        assert!(!Level::DyadRootDate.matches(&g, &s));
        g.date = None;
        assert!(Level::DyadRootDate.matches(&g, &s));
    }

    #[test]
    fn gold_lines_are_checked() {
        let ok = r#"{"doc_id":"001","sentence":1,"text":"x","source":"USAGOV","target":"MARGOV","symmetric":false,"cameo":"040","date":"2023-03-20","modality":"asserted","temporal_status":"current","note":""}"#;
        let e = GoldEvent::parse_line(ok).unwrap();
        assert_eq!(e.describe(), "USAGOV MARGOV 040 asserted 2023-03-20");
        for (bad, why) in [
            (ok.replace("\"cameo\":\"040\"", "\"cameo\":\"4a\""), "cameo"),
            (ok.replace("asserted", "maybe"), "modality"),
            (ok.replace("current", "past"), "temporal_status"),
            (ok.replace("2023-03-20", "2023-13"), "date"),
            (ok.replace("\"USAGOV\"", "\"usagov\""), "actor code"),
            (ok.replace("\"note\"", "\"nots\""), "unknown field"),
            (
                ok.replace("\"symmetric\":false", "\"symmetric\":true")
                    .replace("\"MARGOV\"", "null"),
                "symmetric",
            ),
        ] {
            let err = GoldEvent::parse_line(&bad).unwrap_err();
            assert!(err.contains(why), "{bad}: {err}");
        }
        // Defaults: modality asserted, status current, no date.
        let e = GoldEvent::parse_line(
            r#"{"doc_id":"1","sentence":0,"source":"MAR","target":null,"cameo":"010"}"#,
        )
        .unwrap();
        assert_eq!(e.modality, "asserted");
        assert_eq!(e.temporal_status, "current");
        assert_eq!(e.date, None);
    }

    #[test]
    fn gold_file_errors_name_file_and_line() {
        let dir = std::env::temp_dir().join(format!("dyad-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("gold.jsonl");
        std::fs::write(
            &path,
            "# a comment\n\n{\"doc_id\":\"1\",\"sentence\":0,\"source\":\"MAR\",\"target\":null,\"cameo\":\"010\"}\n{\"doc_id\":\"1\"}\n",
        )
        .unwrap();
        let err = read_gold(&path).unwrap_err().to_string();
        assert!(err.contains("gold.jsonl:4:"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn fixture_gold_against_fixture_system() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/eval");
        let gold = read_gold(&dir.join("gold.jsonl")).unwrap();
        let system = read_system(&dir.join("system.jsonl")).unwrap();
        assert_eq!((gold.len(), system.len()), (9, 5));
        let r = score(&gold, &system, Scope::default());
        // Only the meeting of 001 matches: 031's condemnation targets MLI, not MLIMIL, and
        // the appeals lack targets.
        assert_eq!(r.level(Level::DyadRoot).matched, 1);
        assert_eq!(r.level(Level::DyadCode).matched, 1);
        assert_eq!(r.level(Level::DyadRootDate).matched, 1);
        let kept = in_gold_documents(&gold[..1], system.clone());
        assert_eq!(kept.len(), 3);
        // A coding compared with itself agrees fully.
        let same = score(&gold, &gold, Scope::default());
        assert_eq!(same.level(Level::DyadCode).f1(), 1.0);
    }

    #[test]
    fn system_lines_from_dyad_code() {
        let line = include_str!("../testdata/eval/system.jsonl")
            .lines()
            .next()
            .unwrap();
        let e = parse_system_line(line).unwrap();
        assert_eq!(e.doc_id, "001");
        assert_eq!(e.sentence, 1);
        assert_eq!(e.source, "USAGOV");
        assert_eq!(e.target.as_deref(), Some("MARGOV"));
        assert_eq!(e.cameo, "040");
        assert_eq!(e.temporal_status, "current");
    }
}
