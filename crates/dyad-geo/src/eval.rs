//! Gold-file evaluation of the geoparser (`testdata/places.toml`, `dyad eval where`).
//!
//! A gold file holds named cases:
//!
//! ```toml
//! [[case]]
//! name = "rabat-capital"
//! split = "dev"                      # "dev" (tuned on) or "heldout" (written before tuning)
//! text = "Bourita received his Mauritanian counterpart in Rabat on Tuesday."
//! actors = ["MA"]                    # optional: the event's actor countries
//! places = [{ text = "Rabat", id = "2538475" }]   # id: GeoNames id, or key (US.OK, overlay:sahel)
//! not_places = ["Mauritanian"]       # text that must not be (part of) a place mention
//! predicate = "received"             # optional: check the event location of this word...
//! location = "Rabat"                 # ...which must be this mention ("" for none)
//! ```
//!
//! Mention texts follow the geoparser's span convention: a leading `the` and a trailing
//! lower-case division word are not part of the mention (`the Kidal region` → `Kidal`).
//!
//! A case passes when every expected place is found with exactly that text and resolved to
//! that id, no negative overlaps a mention, no other mention is found, and the event location
//! (when asked) is the expected one.

use std::fmt;
use std::path::Path;

use dyad_text::Segmenter;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::geoparse::Geoparser;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldFile {
    case: Vec<GoldCase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldCase {
    name: String,
    split: String,
    text: String,
    #[serde(default)]
    actors: Vec<String>,
    #[serde(default)]
    places: Vec<GoldPlace>,
    #[serde(default)]
    not_places: Vec<String>,
    predicate: Option<String>,
    location: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldPlace {
    text: String,
    id: String,
}

/// Figures for one split of a gold file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SplitFigures {
    /// Cases.
    pub cases: usize,
    /// Cases that pass entirely.
    pub cases_passed: usize,
    /// Expected toponyms.
    pub toponyms: usize,
    /// Expected toponyms found with the right span.
    pub found: usize,
    /// Expected toponyms found and resolved to the expected id.
    pub resolved: usize,
    /// Mentions output that match no expected toponym (false positives).
    pub spurious: usize,
    /// Negatives (demonyms, organisations…).
    pub negatives: usize,
    /// Negatives correctly not taken for places.
    pub negatives_ok: usize,
    /// Event-location checks.
    pub locations: usize,
    /// Event-location checks passed.
    pub locations_ok: usize,
}

impl SplitFigures {
    fn pct(a: usize, b: usize) -> f64 {
        if b == 0 {
            100.0
        } else {
            100.0 * a as f64 / b as f64
        }
    }

    /// Resolution accuracy: expected toponyms found and resolved right, in percent.
    pub fn accuracy(&self) -> f64 {
        Self::pct(self.resolved, self.toponyms)
    }

    /// Precision of the mentions output, in percent.
    pub fn precision(&self) -> f64 {
        Self::pct(self.found, self.found + self.spurious)
    }
}

/// One failing case: what was expected, what came out, and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The case's name.
    pub case: String,
    /// The case's split.
    pub split: String,
    /// What was wrong.
    pub problems: Vec<String>,
}

/// The result of evaluating a gold file.
#[derive(Debug, Clone, Default)]
pub struct GoldReport {
    /// Figures of the `dev` split (tuned on).
    pub dev: SplitFigures,
    /// Figures of the `heldout` split (written before tuning, never tuned on).
    pub heldout: SplitFigures,
    /// Every failing case.
    pub failures: Vec<Failure>,
}

impl fmt::Display for SplitFigures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cases {}/{} pass; toponyms {} found {} resolved {} (accuracy {:.1}%); spurious {} \
             (precision {:.1}%); negatives {}/{}; event locations {}/{}",
            self.cases_passed,
            self.cases,
            self.toponyms,
            self.found,
            self.resolved,
            self.accuracy(),
            self.spurious,
            self.precision(),
            self.negatives_ok,
            self.negatives,
            self.locations_ok,
            self.locations
        )
    }
}

impl fmt::Display for GoldReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "dev:      {}", self.dev)?;
        writeln!(f, "held-out: {}", self.heldout)?;
        for fail in &self.failures {
            writeln!(f, "FAIL {} ({})", fail.case, fail.split)?;
            for p in &fail.problems {
                writeln!(f, "    {p}")?;
            }
        }
        Ok(())
    }
}

/// Evaluates the geoparser on a gold file.
pub fn evaluate_gold(path: &Path, geo: &Geoparser) -> Result<GoldReport> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    evaluate_gold_str(path, &text, geo)
}

/// Evaluates the geoparser on the text of a gold file (`path` is used in messages).
pub fn evaluate_gold_str(path: &Path, source: &str, geo: &Geoparser) -> Result<GoldReport> {
    let gold: GoldFile = toml::from_str(source).map_err(|e| {
        let line = e
            .span()
            .map(|s| source[..s.start].matches('\n').count() + 1);
        Error::parse(path, line, e.message().to_owned())
    })?;
    let segmenter = Segmenter::new();
    let mut report = GoldReport::default();
    let mut names = std::collections::HashSet::new();
    for case in &gold.case {
        if !names.insert(case.name.as_str()) {
            return Err(Error::parse(
                path,
                None,
                format!("case {:?} appears twice", case.name),
            ));
        }
        let figures = match case.split.as_str() {
            "dev" => &mut report.dev,
            "heldout" => &mut report.heldout,
            other => {
                return Err(Error::parse(
                    path,
                    None,
                    format!(
                        "case {:?}: split must be dev or heldout, not {other:?}",
                        case.name
                    ),
                ));
            }
        };
        let mut problems = Vec::new();
        let seg = segmenter.segment(&case.text);
        let actors: Vec<&str> = case.actors.iter().map(String::as_str).collect();
        let mentions = geo.find_all(&case.text, &seg, &actors);
        let mut used = vec![false; mentions.len()];
        figures.cases += 1;
        for p in &case.places {
            figures.toponyms += 1;
            let hit = mentions
                .iter()
                .enumerate()
                .find(|(k, m)| !used[*k] && m.text == p.text);
            match hit {
                None => {
                    let overlapping: Vec<&str> = mentions
                        .iter()
                        .filter(|m| m.text.contains(&p.text) || p.text.contains(&m.text))
                        .map(|m| m.text.as_str())
                        .collect();
                    problems.push(format!(
                        "missed {:?} (expected {}); overlapping mentions {overlapping:?}; hint: \
                         is the name in the gazetteer, or dropped by a filter?",
                        p.text, p.id
                    ));
                }
                Some((k, m)) => {
                    used[k] = true;
                    figures.found += 1;
                    let got = m.resolution.as_ref().map(|r| r.id_string());
                    if got.as_deref() == Some(p.id.as_str()) {
                        figures.resolved += 1;
                    } else {
                        let expected_in = m
                            .candidates
                            .iter()
                            .position(|&c| geo.gazetteer().id_string(c) == p.id);
                        problems.push(format!(
                            "{:?}: expected {}, got {} {} ({}); expected is candidate {:?} of {}",
                            p.text,
                            p.id,
                            got.unwrap_or_else(|| "nothing".into()),
                            m.resolution.as_ref().map(|r| r.name.as_str()).unwrap_or(""),
                            m.reason,
                            expected_in,
                            m.candidates.len()
                        ));
                    }
                }
            }
        }
        for n in &case.not_places {
            figures.negatives += 1;
            if !case.text.contains(n.as_str()) {
                return Err(Error::parse(
                    path,
                    None,
                    format!("case {:?}: negative {n:?} is not in the text", case.name),
                ));
            }
            // Every occurrence of the negative must overlap no mention.
            let bad: Vec<&str> = case
                .text
                .match_indices(n.as_str())
                .flat_map(|(start, _)| {
                    let end = start + n.len();
                    mentions
                        .iter()
                        .filter(move |m| m.span.start < end && start < m.span.end)
                })
                .map(|m| m.text.as_str())
                .collect();
            if bad.is_empty() {
                figures.negatives_ok += 1;
            } else {
                problems.push(format!(
                    "{n:?} is not a place, but mentions {bad:?} were found"
                ));
            }
        }
        for (k, m) in mentions.iter().enumerate() {
            if !used[k] {
                figures.spurious += 1;
                problems.push(format!(
                    "spurious mention {:?} -> {} ({})",
                    m.text,
                    m.resolution
                        .as_ref()
                        .map(|r| r.id_string())
                        .unwrap_or_default(),
                    m.reason
                ));
            }
        }
        if let (Some(pred), Some(loc)) = (&case.predicate, &case.location) {
            figures.locations += 1;
            let pred_token = seg
                .tokens
                .iter()
                .position(|t| t.span.slice(&case.text) == pred);
            match pred_token {
                None => problems.push(format!("predicate {pred:?} is not a token of the text")),
                Some(t) => {
                    let sentence = seg
                        .sentences
                        .iter()
                        .position(|s| s.tokens.contains(&t))
                        .unwrap_or(0);
                    let got = geo
                        .event_location(&seg, sentence, &mentions, t, None)
                        .map(|l| mentions[l.mention].text.as_str())
                        .unwrap_or("");
                    if got == loc {
                        figures.locations_ok += 1;
                    } else {
                        problems.push(format!(
                            "event location of {pred:?}: expected {loc:?}, got {got:?}"
                        ));
                    }
                }
            }
        }
        if problems.is_empty() {
            figures.cases_passed += 1;
        } else {
            report.failures.push(Failure {
                case: case.name.clone(),
                split: case.split.clone(),
                problems,
            });
        }
    }
    Ok(report)
}
