//! A coder from a folder of dictionaries (`dyad code --dict-dir DIR`).
//!
//! Every dictionary found in the folder replaces the corresponding part of the bundled
//! lexicon; what the folder lacks stays the bundled one. Files are recognised by name:
//!
//! - `*.lex` — a compiled dyad lexicon (actors and agents), such as a copy of
//!   `crates/dyad-lexicon/lexicon/default.lex` edited with `build-lexicon`;
//! - `*actors*.txt`, `*agents*.txt` — PETRARCH actor and agent dictionaries, read in file-name
//!   order as PETRARCH reads the files its configuration names (the first entry for a phrase
//!   wins); used when the folder holds no `*.lex`;
//! - a verb dictionary: `verbs.txt`, `CAMEO.*.txt` or `*verb*.txt` (PETRARCH-2 syntax);
//! - `*discard*.txt` — discard phrases.
//!
//! Bad lines are soft errors: skipped, counted and listed in the report with their file and
//! line, as the loaders report them. An unreadable or malformed file is an error naming it.

use std::fmt;
use std::path::{Path, PathBuf};

use dyad_lexicon::Lexicon;
use dyad_lexicon::assemble::assemble_files;
use dyad_lexicon::load::{Dictionary, DictionaryKind, load_file};

use crate::coder::CoderBuilder;
use crate::error::{Error, Result};

/// What [`builder_from_dir`] read.
#[derive(Debug, Clone, Default)]
pub struct DictDirReport {
    /// Each file read and what it replaced ("actors and agents", "verbs", "discards").
    pub loaded: Vec<(PathBuf, &'static str)>,
    /// Bad lines skipped, each as `file:line: why`.
    pub soft_errors: Vec<String>,
}

impl fmt::Display for DictDirReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (path, what) in &self.loaded {
            writeln!(f, "dictionary {} ({what})", path.display())?;
        }
        if !self.soft_errors.is_empty() {
            writeln!(
                f,
                "{} bad dictionary lines skipped:",
                self.soft_errors.len()
            )?;
            for e in &self.soft_errors {
                writeln!(f, "  {e}")?;
            }
        }
        Ok(())
    }
}

fn lexicon_error(path: &Path, e: impl fmt::Display) -> Error {
    Error::Source {
        file: path.display().to_string(),
        line: 0,
        why: e.to_string(),
    }
}

fn is_verb_file(name: &str) -> bool {
    name.eq_ignore_ascii_case("verbs.txt")
        || DictionaryKind::from_file_name(name) == Some(DictionaryKind::Verbs)
}

/// A coder builder whose dictionaries come from `dir` where it has them (see the module
/// documentation), with the report of what was read.
pub fn builder_from_dir(dir: &Path) -> Result<(CoderBuilder, DictDirReport)> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let mut files: Vec<PathBuf> = Vec::new();
    for e in entries {
        let e = e.map_err(|source| Error::Io {
            path: dir.display().to_string(),
            source,
        })?;
        if e.path().is_file() {
            files.push(e.path());
        }
    }
    files.sort();
    let name_of = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut report = DictDirReport::default();
    let mut builder = crate::Coder::builder();
    let mut any = false;

    // Actors and agents: a compiled lexicon, else the PETRARCH files.
    let compiled: Vec<&PathBuf> = files
        .iter()
        .filter(|p| name_of(p).ends_with(".lex"))
        .collect();
    if compiled.len() > 1 {
        return Err(Error::Source {
            file: dir.display().to_string(),
            line: 0,
            why: format!(
                "{} compiled lexicons (*.lex); keep one in the folder",
                compiled.len()
            ),
        });
    }
    if let Some(path) = compiled.first() {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        let lexicon = Lexicon::from_compiled(&text).map_err(|e| lexicon_error(path, e))?;
        builder = builder.lexicon_owned(lexicon);
        report.loaded.push(((*path).clone(), "actors and agents"));
        any = true;
    } else {
        let kind = |k| {
            files
                .iter()
                .filter(move |p| DictionaryKind::from_file_name(&name_of(p)) == Some(k))
                .map(PathBuf::as_path)
                .collect::<Vec<_>>()
        };
        let (actors, agents) = (kind(DictionaryKind::Actors), kind(DictionaryKind::Agents));
        if !actors.is_empty() || !agents.is_empty() {
            for p in &actors {
                collect_soft(p, DictionaryKind::Actors, &mut report)?;
            }
            for p in &agents {
                collect_soft(p, DictionaryKind::Agents, &mut report)?;
            }
            let (lexicon, _) =
                assemble_files(&actors, &agents).map_err(|e| lexicon_error(dir, e))?;
            builder = builder.lexicon_owned(lexicon);
            for p in actors.iter().chain(&agents) {
                report.loaded.push((p.to_path_buf(), "actors and agents"));
            }
            any = true;
        }
    }

    // Verbs: one file.
    let verbs: Vec<&PathBuf> = files.iter().filter(|p| is_verb_file(&name_of(p))).collect();
    if verbs.len() > 1 {
        return Err(Error::Source {
            file: dir.display().to_string(),
            line: 0,
            why: format!(
                "{} verb dictionaries ({}); keep one in the folder",
                verbs.len(),
                verbs
                    .iter()
                    .map(|p| name_of(p))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    if let Some(path) = verbs.first() {
        if let Dictionary::Verbs(v) = collect_soft(path, DictionaryKind::Verbs, &mut report)? {
            builder = builder.verbs_owned(v);
        }
        report.loaded.push(((*path).clone(), "verbs"));
        any = true;
    }

    // Discards: every discard file, in name order.
    let mut discards = Vec::new();
    let mut found_discards = false;
    for path in files
        .iter()
        .filter(|p| DictionaryKind::from_file_name(&name_of(p)) == Some(DictionaryKind::Discards))
    {
        if let Dictionary::Discards(d) = collect_soft(path, DictionaryKind::Discards, &mut report)?
        {
            discards.extend(d);
        }
        report.loaded.push((path.clone(), "discards"));
        found_discards = true;
    }
    if found_discards {
        builder = builder.discards(discards);
        any = true;
    }
    if !any {
        return Err(Error::Source {
            file: dir.display().to_string(),
            line: 0,
            why:
                "no dictionary here (*.lex, *actors*.txt, *agents*.txt, verbs.txt or CAMEO.*.txt, \
                  *discard*.txt)"
                    .into(),
        });
    }
    Ok((builder, report))
}

/// Loads `path` as `kind`, adding its bad lines to the report.
fn collect_soft(
    path: &Path,
    kind: DictionaryKind,
    report: &mut DictDirReport,
) -> Result<Dictionary> {
    let loaded = load_file(path, kind).map_err(|e| lexicon_error(path, e))?;
    report
        .soft_errors
        .extend(loaded.errors.iter().map(ToString::to_string));
    Ok(loaded.value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_lexicon::DictDate;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dyad-dict-dir-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn petrarch_files_replace_the_bundled_actors_and_verbs() {
        let dir = scratch("petrarch");
        std::fs::write(dir.join("Test.actors.txt"), "ARNOR [ARN]\nGONDOR [GON]\n").unwrap();
        std::fs::write(
            dir.join("CAMEO.test.txt"),
            "--- PRAISE  [051] ---\nPRAISE\n\n",
        )
        .unwrap();
        let (builder, report) = builder_from_dir(&dir).unwrap();
        assert_eq!(report.loaded.len(), 2, "{report}");
        let coder = builder.build().unwrap();
        let events = coder.code_text(
            "Arnor praised Gondor on Monday.",
            DictDate::parse("20230301").unwrap(),
        );
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].source.code.as_str(), "ARN");
        assert_eq!(events[0].target.as_ref().unwrap().code.as_str(), "GON");
        assert_eq!(events[0].cameo.as_str(), "051");
        // The bundled actors are gone: Morocco is not known to this lexicon.
        let none = coder.code_text(
            "Morocco praised Gondor.",
            DictDate::parse("20230301").unwrap(),
        );
        assert!(
            none.iter().all(|e| e.source.code.as_str() != "MAR"),
            "{none:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bad_lines_are_reported_with_file_and_line_and_an_empty_folder_is_an_error() {
        let dir = scratch("bad");
        std::fs::write(dir.join("Test.actors.txt"), "ARNOR [ARN]\nGONDOR [\n").unwrap();
        let (_, report) = builder_from_dir(&dir).unwrap();
        assert!(!report.soft_errors.is_empty(), "{report}");
        assert!(
            report
                .soft_errors
                .iter()
                .all(|e| e.contains("Test.actors.txt: line 2:")),
            "{report}"
        );
        let empty = scratch("empty");
        let err = builder_from_dir(&empty).unwrap_err().to_string();
        assert!(err.contains("no dictionary here"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::remove_dir_all(&empty).unwrap();
    }
}
