//! Loading dictionary files by kind, and the loader check over a folder.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::actors::{ActorDictionary, parse_actors};
use crate::agents::{AgentDictionary, parse_agents};
use crate::discards::{Discard, parse_discards};
use crate::error::{Error, Loaded, Result};
use crate::issues::{IssuePhrase, parse_issues};
use crate::source::read_text;
use crate::verbs::{VerbDictionary, parse_verbs};

/// The kinds of PETRARCH dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DictionaryKind {
    /// `*.actors.txt`.
    Actors,
    /// `*.agents.txt`.
    Agents,
    /// Verb patterns (`CAMEO.*.txt`, `*.verbs.txt`).
    Verbs,
    /// `*.discards.txt`.
    Discards,
    /// Issue lists (`*Issue*.txt`).
    Issues,
}

impl DictionaryKind {
    /// Guesses the kind from a file name, as the PETRARCH distributions name them.
    pub fn from_file_name(name: &str) -> Option<DictionaryKind> {
        let lower = name.to_ascii_lowercase();
        if !lower.ends_with(".txt") {
            return None;
        }
        if lower.contains("actors") {
            Some(DictionaryKind::Actors)
        } else if lower.contains("agents") {
            Some(DictionaryKind::Agents)
        } else if lower.contains("verb") || lower.starts_with("cameo.") {
            Some(DictionaryKind::Verbs)
        } else if lower.contains("discard") {
            Some(DictionaryKind::Discards)
        } else if lower.contains("issue") {
            Some(DictionaryKind::Issues)
        } else {
            None
        }
    }
}

/// A loaded dictionary of any kind.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Dictionary {
    /// Actors.
    Actors(ActorDictionary),
    /// Agents.
    Agents(AgentDictionary),
    /// Verbs.
    Verbs(VerbDictionary),
    /// Discards.
    Discards(Vec<Discard>),
    /// Issues.
    Issues(Vec<IssuePhrase>),
}

impl Dictionary {
    /// What was loaded, as `(what, count)` pairs for reports.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        match self {
            Dictionary::Actors(d) => {
                vec![("actors", d.entries.len()), ("phrases", d.phrase_count())]
            }
            Dictionary::Agents(d) => vec![("agent forms", d.entries.len())],
            Dictionary::Verbs(d) => vec![
                ("synsets", d.synsets.len()),
                ("verb blocks", d.blocks.len()),
                ("verbs", d.verb_count()),
                ("patterns", d.pattern_count()),
                ("transformations", d.transformations.len()),
            ],
            Dictionary::Discards(d) => vec![("discards", d.len())],
            Dictionary::Issues(d) => vec![("issue phrases", d.len())],
        }
    }
}

/// Loads one dictionary file of the given kind. I/O errors are hard; bad lines are soft
/// errors, each naming the file and line.
pub fn load_file(path: &Path, kind: DictionaryKind) -> Result<Loaded<Dictionary>> {
    let text = read_text(path)?;
    let mut errors = text.errors;
    let loaded = match kind {
        DictionaryKind::Actors => map(parse_actors(&text.value), Dictionary::Actors),
        DictionaryKind::Agents => map(parse_agents(&text.value), Dictionary::Agents),
        DictionaryKind::Verbs => map(parse_verbs(&text.value), Dictionary::Verbs),
        DictionaryKind::Discards => map(parse_discards(&text.value), Dictionary::Discards),
        DictionaryKind::Issues => map(parse_issues(&text.value), Dictionary::Issues),
    }
    .in_file(path);
    errors.extend(loaded.errors);
    Ok(Loaded {
        value: loaded.value,
        errors,
    })
}

fn map<T>(l: Loaded<T>, f: impl FnOnce(T) -> Dictionary) -> Loaded<Dictionary> {
    Loaded {
        value: f(l.value),
        errors: l.errors,
    }
}

/// The result of checking one file.
#[derive(Debug)]
pub struct FileCheck {
    /// The file.
    pub path: PathBuf,
    /// Its kind.
    pub kind: DictionaryKind,
    /// Counts of what loaded.
    pub counts: Vec<(&'static str, usize)>,
    /// Soft errors.
    pub errors: Vec<Error>,
}

/// The loader check over a folder of dictionaries.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// One row per dictionary file, sorted by name.
    pub files: Vec<FileCheck>,
    /// Files skipped because their kind is unknown (e.g. `Phoenix.prepositions.txt`).
    pub skipped: Vec<PathBuf>,
}

impl CheckReport {
    /// Total soft errors.
    pub fn error_count(&self) -> usize {
        self.files.iter().map(|f| f.errors.len()).sum()
    }

    /// Errors not listed in `expected` (lines of `file-name:line`; `#` comments allowed).
    pub fn unexpected<'a>(&'a self, expected: &str) -> Vec<&'a Error> {
        let allowed: std::collections::HashSet<(String, u64)> = expected
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter_map(|l| l.rsplit_once(':'))
            .filter_map(|(f, n)| Some((f.to_string(), n.trim().parse().ok()?)))
            .collect();
        let mut out = Vec::new();
        for f in &self.files {
            let name = f
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            for e in &f.errors {
                if !e
                    .line()
                    .is_some_and(|l| allowed.contains(&(name.clone(), l)))
                {
                    out.push(e);
                }
            }
        }
        out
    }
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for file in &self.files {
            let name = file
                .path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            write!(
                f,
                "{name:<40} {:<9}",
                format!("{:?}", file.kind).to_lowercase()
            )?;
            for (what, n) in &file.counts {
                write!(f, " {n} {what},")?;
            }
            writeln!(f, " {} errors", file.errors.len())?;
        }
        for s in &self.skipped {
            writeln!(
                f,
                "{:<40} skipped (not a dictionary)",
                s.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            )?;
        }
        write!(
            f,
            "total: {} files, {} errors",
            self.files.len(),
            self.error_count()
        )
    }
}

/// Loads every dictionary file in `dir` (not recursive) and reports counts and errors.
pub fn check_dir(dir: &Path) -> Result<CheckReport> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let mut report = CheckReport::default();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(kind) = DictionaryKind::from_file_name(&name) else {
            if name.ends_with(".txt") && !name.starts_with("LICENSE") {
                report.skipped.push(path);
            }
            continue;
        };
        let loaded = load_file(&path, kind)?;
        report.files.push(FileCheck {
            path,
            kind,
            counts: loaded.value.counts(),
            errors: loaded.errors,
        });
    }
    Ok(report)
}
