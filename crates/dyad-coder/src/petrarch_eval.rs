//! PETRARCH validation files: the reader and the comparison behind `dyad eval petrarch`.
//!
//! A validation file (`PETR.UnitTest.*.xml`) is an XML document with one `<Environment>`
//! naming the dictionary files (`<Verbfile>`, `<Actorfile>`, `<Agentfile>`, `<Discardfile>`;
//! actor and agent lists are comma-separated), the categories to run (`<Include>`,
//! `<Exclude>`) and PETRARCH's own switches (`<Errorfile>`, `<Pause>`, `<Config>`, read and
//! ignored), then `<Sentences>` of records:
//!
//! ```xml
//! <Sentence date="19950101" id="DEMO-01" category="DEMO" sentence="true">
//! <EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
//! <Text>Arnor is about to restore full diplomatic ties with Gondor …</Text>
//! <Parse>(ROOT (S …))</Parse>
//! </Sentence>
//! ```
//!
//! A record states what a coder must produce in one of three ways:
//! - one or more `<EventCoding sourcecode targetcode eventcode>`: the events; an actor written
//!   in quotes (`'"THE MINISTRY OF MAGIC"'`) is a phrase that is not in the dictionaries and
//!   that PETRARCH reports as text;
//! - `<EventCoding noevents="True">`, or no `<EventCoding>` at all: nothing is coded;
//! - `<EventCoding error="…">`: the record is rejected — `storydiscard` and `sentencediscard`
//!   by the discard list, `dateline` and `bad_input_parse` by PETRARCH's input checks.
//!
//! **The comparison** ([`compare`]), as PETRARCH's validator scores a record: the coded
//! events of every modality (PETRARCH codes "will abandon" as it codes "abandoned"; its
//! patterns name negations), reduced to distinct `(source, target, code)` triples (a missing
//! target is `---`; a symmetric event gives both directions),
//! must equal the expected triples — every expected event found and no extra one. A
//! `noevents` record passes when no event is coded; a discard record passes when the
//! discard list rejects it; a `dateline` record passes when no event is coded. A
//! `bad_input_parse` record is skipped ([`evaluate`]): it tests the `<Parse>`. The `<Parse>` is ignored: dyad codes the `<Text>` with its own tokenizer and parser.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use dyad_lexicon::assemble::assemble_files;
use dyad_lexicon::discards::DiscardScope;
use dyad_lexicon::{DictDate, Dictionary, DictionaryKind, load_file};
use quick_xml::Reader;

use crate::coder::{CodeBuffers, Coder, Event};
use quick_xml::events::{BytesStart, Event as XmlEvent};

/// An error reading a validation file: the file, the line and what is wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ValidationError {
    /// The file cannot be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a well-formed validation file.
    #[error("{path}:{line}: {why}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// What is wrong.
        why: String,
    },
    /// A dictionary the environment names cannot be read.
    #[error(transparent)]
    Dictionary(#[from] dyad_lexicon::Error),
    /// The coder cannot be built.
    #[error(transparent)]
    Coder(#[from] crate::Error),
    /// The environment names no verb file.
    #[error("{0}: the <Environment> names no <Verbfile>")]
    NoVerbFile(PathBuf),
}

/// The `<Environment>` block: which dictionaries and categories the records use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// `<Verbfile>`.
    pub verb_file: Option<String>,
    /// `<Actorfile>` (comma-separated in the file).
    pub actor_files: Vec<String>,
    /// `<Agentfile>` (comma-separated in the file).
    pub agent_files: Vec<String>,
    /// `<Discardfile>`.
    pub discard_file: Option<String>,
    /// `<Include>` categories (`valid`, PETRARCH's switch for "only these", removed).
    pub include: Vec<String>,
    /// `<Exclude>` categories.
    pub exclude: Vec<String>,
}

/// One expected event. Actor codes are upper-case; a quoted phrase (an actor the dictionaries
/// do not know) is kept with its quotes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Triple {
    /// Source code (`ARNGOV`, `---GOV`, `"INJURY TOLL"`).
    pub source: String,
    /// Target code (`---` when none).
    pub target: String,
    /// CAMEO code as written (`064`).
    pub code: String,
}

impl fmt::Display for Triple {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.source, self.target, self.code)
    }
}

/// What a record expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expectation {
    /// These events.
    Events(Vec<Triple>),
    /// No event.
    NoEvents,
    /// The record is rejected for this reason (`storydiscard`, `sentencediscard`, `dateline`,
    /// `bad_input_parse`).
    Error(String),
}

/// One `<Sentence>` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationRecord {
    /// `id`.
    pub id: String,
    /// `date` (`YYYYMMDD`).
    pub date: String,
    /// `category`.
    pub category: String,
    /// `sentence="true"`: PETRARCH's own flag for records its coder is expected to pass.
    pub expected_to_pass: bool,
    /// The `<Text>`, with line breaks and runs of spaces made single spaces.
    pub text: String,
    /// What the coder must produce.
    pub expected: Expectation,
    /// The line of the `<Sentence>` tag.
    pub line: u64,
}

/// A whole validation file.
#[derive(Debug, Clone, Default)]
pub struct ValidationFile {
    /// The environment.
    pub environment: Environment,
    /// The records in file order.
    pub records: Vec<ValidationRecord>,
}

impl ValidationFile {
    /// Reads a validation file.
    ///
    /// # Errors
    /// [`ValidationError::Io`] if it cannot be read; [`ValidationError::Syntax`] with the line
    /// for malformed XML, a record without `id` or `<Text>`, an `<EventCoding>` without codes.
    pub fn read(path: &Path) -> Result<ValidationFile, ValidationError> {
        let text = std::fs::read_to_string(path).map_err(|source| ValidationError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        ValidationFile::parse(&text).map_err(|(line, why)| ValidationError::Syntax {
            path: path.to_path_buf(),
            line,
            why,
        })
    }

    /// Parses the text of a validation file; errors are `(line, message)`.
    pub fn parse(text: &str) -> Result<ValidationFile, (u64, String)> {
        let line_of = |pos: u64| -> u64 {
            let end = (pos as usize).min(text.len());
            text.as_bytes()[..end]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64
                + 1
        };
        let mut reader = Reader::from_str(text);
        let mut out = ValidationFile::default();
        // Element names open above the current position.
        let mut stack: Vec<String> = Vec::new();
        let mut record: Option<ValidationRecord> = None;
        let mut events: Vec<Triple> = Vec::new();
        let mut error: Option<String> = None;
        let mut has_text = false;
        let mut content = String::new();
        loop {
            let at = reader.buffer_position();
            let ev = reader
                .read_event()
                .map_err(|e| (line_of(reader.error_position()), e.to_string()))?;
            match ev {
                XmlEvent::Start(e) => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    content.clear();
                    open_element(&name, &e, line_of(at), &mut record, &mut events, &mut error)?;
                    if name == "Sentence" {
                        has_text = false;
                    }
                    stack.push(name);
                }
                XmlEvent::Empty(e) => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    open_element(&name, &e, line_of(at), &mut record, &mut events, &mut error)?;
                }
                XmlEvent::Text(t) => {
                    let s = t
                        .decode()
                        .map_err(|e| (line_of(at), format!("bad text: {e}")))?;
                    content.push_str(&s);
                }
                XmlEvent::GeneralRef(r) => {
                    let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                    content.push_str(match name.as_str() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
                XmlEvent::CData(t) => content.push_str(&String::from_utf8_lossy(&t)),
                XmlEvent::End(e) => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    stack.pop();
                    let value = content.split_whitespace().collect::<Vec<_>>().join(" ");
                    content.clear();
                    let env = &mut out.environment;
                    let list = |v: &str| -> Vec<String> {
                        v.split(',')
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty())
                            .collect()
                    };
                    match name.as_str() {
                        "Verbfile" => env.verb_file = Some(value),
                        "Actorfile" => env.actor_files = list(&value),
                        "Agentfile" => env.agent_files = list(&value),
                        "Discardfile" => env.discard_file = Some(value),
                        "Include" => {
                            env.include = value
                                .split_whitespace()
                                .filter(|w| *w != "valid")
                                .map(str::to_string)
                                .collect()
                        }
                        "Exclude" => {
                            env.exclude = value.split_whitespace().map(str::to_string).collect()
                        }
                        "Text" if record.is_some() => {
                            if let Some(r) = record.as_mut() {
                                r.text = value;
                            }
                            has_text = true;
                        }
                        "Sentence" => {
                            let Some(mut r) = record.take() else {
                                continue;
                            };
                            if !has_text {
                                return Err((r.line, format!("record {} has no <Text>", r.id)));
                            }
                            r.expected = if let Some(why) = error.take() {
                                Expectation::Error(why)
                            } else if !events.is_empty() {
                                Expectation::Events(std::mem::take(&mut events))
                            } else {
                                // `noevents`, or no <EventCoding> at all (PATTERN-06).
                                Expectation::NoEvents
                            };
                            events.clear();
                            out.records.push(r);
                        }
                        _ => {}
                    }
                }
                XmlEvent::Eof => break,
                _ => {}
            }
        }
        if let Some(r) = record {
            return Err((r.line, format!("record {} is not closed", r.id)));
        }
        Ok(out)
    }
}

fn attribute(e: &BytesStart<'_>, key: &str, line: u64) -> Result<Option<String>, (u64, String)> {
    for a in e.attributes() {
        let a = a.map_err(|err| (line, format!("bad attribute: {err}")))?;
        if a.key.as_ref() == key.as_bytes() {
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| (line, format!("bad attribute {key}: {err}")))?;
            return Ok(Some(v.trim().to_string()));
        }
    }
    Ok(None)
}

fn open_element(
    name: &str,
    e: &BytesStart<'_>,
    line: u64,
    record: &mut Option<ValidationRecord>,
    events: &mut Vec<Triple>,
    error: &mut Option<String>,
) -> Result<(), (u64, String)> {
    match name {
        "Sentence" => {
            if let Some(r) = record {
                return Err((line, format!("record {} is not closed", r.id)));
            }
            let id = attribute(e, "id", line)?
                .ok_or_else(|| (line, "<Sentence> without id".to_string()))?;
            *record = Some(ValidationRecord {
                id,
                date: attribute(e, "date", line)?.unwrap_or_default(),
                category: attribute(e, "category", line)?.unwrap_or_default(),
                expected_to_pass: attribute(e, "sentence", line)?
                    .is_none_or(|v| !v.eq_ignore_ascii_case("false")),
                text: String::new(),
                expected: Expectation::NoEvents,
                line,
            });
            events.clear();
            *error = None;
        }
        "EventCoding" => {
            if record.is_none() {
                return Err((line, "<EventCoding> outside a <Sentence>".to_string()));
            }
            if let Some(why) = attribute(e, "error", line)? {
                *error = Some(why);
            } else if attribute(e, "noevents", line)?.is_some() {
                // Nothing to record: a record without events expects none.
            } else {
                let get = |k: &str| -> Result<String, (u64, String)> {
                    attribute(e, k, line)?
                        .map(|v| v.to_uppercase())
                        .ok_or_else(|| (line, format!("<EventCoding> without {k}")))
                };
                events.push(Triple {
                    source: get("sourcecode")?,
                    target: get("targetcode")?,
                    code: get("eventcode")?,
                });
            }
        }
        _ => {}
    }
    Ok(())
}

/// Builds a coder from the dictionaries `env` names, read from `dict_dir`: the verb file, the
/// actor and agent files in order (one lexicon, [`dyad_lexicon::assemble::assemble_files`]) and
/// the discard file (none: nothing is discarded). Returns the coder and the number of soft
/// errors (bad lines skipped) in the files.
///
/// # Errors
/// A file that cannot be read, a lexicon that cannot be compiled, the NLP model.
pub fn coder_for(
    env: &Environment,
    dict_dir: &Path,
    file: &Path,
) -> Result<(Coder, usize), ValidationError> {
    let mut soft = 0;
    let verb_name = env
        .verb_file
        .as_ref()
        .ok_or_else(|| ValidationError::NoVerbFile(file.to_path_buf()))?;
    let loaded = load_file(&dict_dir.join(verb_name), DictionaryKind::Verbs)?;
    soft += loaded.errors.len();
    let Dictionary::Verbs(verbs) = loaded.value else {
        unreachable!("load_file returns the kind asked for")
    };
    let actors: Vec<PathBuf> = env.actor_files.iter().map(|f| dict_dir.join(f)).collect();
    let agents: Vec<PathBuf> = env.agent_files.iter().map(|f| dict_dir.join(f)).collect();
    let (mut lexicon, report) = assemble_files(
        &actors.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
        &agents.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
    )?;
    soft += report.soft_errors;
    // PETRARCH writes an actor with every agent's roles (`ARNGOVFRM`).
    lexicon.set_whole_codes(true);
    let mut discards = Vec::new();
    if let Some(d) = &env.discard_file {
        let loaded = load_file(&dict_dir.join(d), DictionaryKind::Discards)?;
        soft += loaded.errors.len();
        if let Dictionary::Discards(d) = loaded.value {
            discards = d;
        }
    }
    let coder = Coder::builder()
        .lexicon_owned(lexicon)
        .verbs_owned(verbs)
        .discards(discards)
        .petrarch_conventions(true)
        .build()?;
    Ok((coder, soft))
}

/// The `(source, target, code)` triple of a coded event: codes as printed, `---` for a missing
/// target.
pub fn triple_of(e: &Event) -> Triple {
    Triple {
        source: e.source.code.as_str().to_string(),
        target: e
            .target
            .as_ref()
            .map_or_else(|| "---".to_string(), |t| t.code.as_str().to_string()),
        code: e.cameo.to_string(),
    }
}

/// Codes every record of `file` whose category the environment includes (all when it names
/// none) with `coder`, at the record's date, and scores it with [`compare`]. Returns the
/// report and the number of records left out: by `<Include>`/`<Exclude>`, or because they
/// test only the `<Parse>` (`error="bad_input_parse"`), which dyad does not read.
pub fn evaluate(coder: &Coder, file: &ValidationFile) -> (ValidationReport, usize) {
    let env = &file.environment;
    let mut report = ValidationReport::default();
    let mut skipped = 0;
    let mut buf = CodeBuffers::default();
    for r in &file.records {
        let included = (env.include.is_empty() || env.include.contains(&r.category))
            && !env.exclude.contains(&r.category);
        // A record that only tests PETRARCH's reading of a malformed <Parse> does not apply:
        // dyad parses the text itself.
        let parse_only = r.expected == Expectation::Error("bad_input_parse".into());
        if !included || parse_only {
            skipped += 1;
            continue;
        }
        let date = DictDate::parse(&r.date)
            .or_else(|_| DictDate::parse("20000101"))
            .expect("a fixed valid date");
        let mut coded = Coded {
            discarded: coder.discard_of(&r.text).map(|d| {
                let scope = match d.scope {
                    DiscardScope::Story => "story",
                    DiscardScope::Sentence => "sentence",
                };
                format!("{scope}: {}", d.text)
            }),
            ..Coded::default()
        };
        // Every modality, as `dyad code --all-modalities` (PETRARCH codes "will abandon" and
        // names negations in its patterns); a symmetric event stands for both directions.
        for e in coder.code_document(&r.text, None, date, &mut buf) {
            let t = triple_of(&e);
            if e.symmetric {
                coded.triples.insert(Triple {
                    source: t.target.clone(),
                    target: t.source.clone(),
                    code: t.code.clone(),
                });
            }
            coded.triples.insert(t);
        }
        report.push(compare(r, &coded));
    }
    (report, skipped)
}

/// How one record came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordResult {
    /// The record's id.
    pub id: String,
    /// Its category.
    pub category: String,
    /// Whether it passed.
    pub passed: bool,
    /// What was expected, as printed (`ARN GON 064`, `noevents`, `error storydiscard`).
    pub expected: Vec<String>,
    /// What came out (triples, or `discarded (…)`).
    pub got: Vec<String>,
    /// The text.
    pub text: String,
}

/// What a coder produced for a record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coded {
    /// Distinct events.
    pub triples: BTreeSet<Triple>,
    /// The discard that rejected the text, if any (`story: "World Golf Championships"`).
    pub discarded: Option<String>,
}

/// Scores one record (the rule is in the module documentation).
pub fn compare(record: &ValidationRecord, coded: &Coded) -> RecordResult {
    let mut got: Vec<String> = coded.triples.iter().map(Triple::to_string).collect();
    if let Some(d) = &coded.discarded {
        got.push(format!("discarded ({d})"));
    }
    let (passed, expected) = match &record.expected {
        Expectation::Events(ev) => {
            let want: BTreeSet<&Triple> = ev.iter().collect();
            let have: BTreeSet<&Triple> = coded.triples.iter().collect();
            (want == have, ev.iter().map(Triple::to_string).collect())
        }
        Expectation::NoEvents => (coded.triples.is_empty(), vec!["noevents".to_string()]),
        Expectation::Error(why) => {
            let ok = match why.as_str() {
                "storydiscard" | "sentencediscard" => coded.discarded.is_some(),
                _ => coded.triples.is_empty(),
            };
            (ok, vec![format!("error {why}")])
        }
    };
    RecordResult {
        id: record.id.clone(),
        category: record.category.clone(),
        passed,
        expected,
        got,
        text: record.text.clone(),
    }
}

/// Passed and failed records per category, in the order categories first appear.
#[derive(Debug, Clone, Default)]
pub struct ValidationReport {
    /// `(category, passed, failed)`.
    pub categories: Vec<(String, usize, usize)>,
    /// Every record's result.
    pub results: Vec<RecordResult>,
}

impl ValidationReport {
    /// Adds a record's result.
    pub fn push(&mut self, r: RecordResult) {
        match self.categories.iter_mut().find(|c| c.0 == r.category) {
            Some(c) => {
                if r.passed {
                    c.1 += 1
                } else {
                    c.2 += 1
                }
            }
            None => self.categories.push((
                r.category.clone(),
                usize::from(r.passed),
                usize::from(!r.passed),
            )),
        }
        self.results.push(r);
    }

    /// Records passed.
    pub fn passed(&self) -> usize {
        self.categories.iter().map(|c| c.1).sum()
    }

    /// Records failed.
    pub fn failed(&self) -> usize {
        self.categories.iter().map(|c| c.2).sum()
    }
}

impl fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<12} {:>7} {:>7} {:>7}",
            "category", "passed", "failed", "%"
        )?;
        let pct = |p: usize, n: usize| {
            if n == 0 {
                0.0
            } else {
                100.0 * p as f64 / n as f64
            }
        };
        for (c, p, n) in &self.categories {
            writeln!(f, "{c:<12} {p:>7} {n:>7} {:>7.1}", pct(*p, p + n))?;
        }
        let (p, n) = (self.passed(), self.failed());
        writeln!(f, "{:<12} {p:>7} {n:>7} {:>7.1}", "all", pct(p, p + n))?;
        write!(f, "{p} passed, {n} failed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../testdata/petrarch-validation.xml");

    #[test]
    fn reads_environment_and_every_kind_of_record() {
        let file = ValidationFile::parse(FIXTURE).unwrap();
        let env = &file.environment;
        assert_eq!(env.verb_file.as_deref(), Some("PETR.Validate.verbs.txt"));
        assert_eq!(
            env.actor_files,
            ["PETR.Validate.actors.txt", "More.actors.txt"]
        );
        assert_eq!(env.agent_files, ["PETR.Validate.agents.txt"]);
        assert_eq!(
            env.discard_file.as_deref(),
            Some("PETR.Validate.discards.txt")
        );
        assert_eq!(env.include, ["DEMO", "ERROR"]);
        let ids: Vec<&str> = file.records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["DEMO-01", "DEMO-02", "DEMO-03", "DISCARD-02"]);
        let r = &file.records[0];
        assert_eq!(r.date, "19950101");
        assert_eq!(r.category, "DEMO");
        assert_eq!(
            r.text,
            "Arnor is about to restore full diplomatic ties with Gondor, a senior official said."
        );
        assert_eq!(
            r.expected,
            Expectation::Events(vec![Triple {
                source: "ARN".into(),
                target: "GON".into(),
                code: "064".into()
            }])
        );
        let r = &file.records[1];
        assert!(!r.expected_to_pass);
        assert_eq!(r.date, "20080801");
        let Expectation::Events(ev) = &r.expected else {
            panic!("events expected")
        };
        assert_eq!(ev[1].source, "\"THE MINISTRY OF MAGIC\"");
        assert_eq!(file.records[2].expected, Expectation::NoEvents);
        assert_eq!(file.records[2].text, "Gondor & Arnor.");
        assert_eq!(
            file.records[3].expected,
            Expectation::Error("storydiscard".into())
        );
    }

    #[test]
    fn errors_name_the_line() {
        let bad = "<Validation>\n<Sentences>\n<Sentence date=\"1\" category=\"X\">\n<Text>a</Text>\n</Sentence>\n</Sentences></Validation>";
        assert_eq!(ValidationFile::parse(bad).unwrap_err().0, 3);
        let no_text = "<Validation>\n<Sentence id=\"A\">\n<EventCoding noevents=\"True\"/>\n</Sentence>\n</Validation>";
        let (line, why) = ValidationFile::parse(no_text).unwrap_err();
        assert_eq!(line, 2);
        assert!(why.contains("no <Text>"), "{why}");
        let no_coding =
            "<Validation>\n<Sentence id=\"A\">\n<Text>a</Text>\n</Sentence>\n</Validation>";
        let file = ValidationFile::parse(no_coding).unwrap();
        assert_eq!(file.records[0].expected, Expectation::NoEvents);
        let unclosed = "<Validation>\n<Sentence id=\"A\">\n<Text>a</Text>\n</Validation>";
        assert!(ValidationFile::parse(unclosed).is_err());
    }

    #[test]
    fn comparison_needs_the_same_distinct_triples() {
        let file = ValidationFile::parse(FIXTURE).unwrap();
        let t = |s: &str, t: &str, c: &str| Triple {
            source: s.into(),
            target: t.into(),
            code: c.into(),
        };
        let mut coded = Coded::default();
        assert!(!compare(&file.records[0], &coded).passed);
        coded.triples.insert(t("ARN", "GON", "064"));
        assert!(compare(&file.records[0], &coded).passed);
        coded.triples.insert(t("ARN", "---", "010"));
        let r = compare(&file.records[0], &coded);
        assert!(!r.passed, "an extra event fails the record");
        assert_eq!(r.got, ["ARN --- 010", "ARN GON 064"]);
        // noevents
        assert!(!compare(&file.records[2], &coded).passed);
        assert!(compare(&file.records[2], &Coded::default()).passed);
        // discards must be reported, not merely uncoded
        assert!(!compare(&file.records[3], &Coded::default()).passed);
        let discarded = Coded {
            triples: BTreeSet::new(),
            discarded: Some("story: world golf championships".into()),
        };
        assert!(compare(&file.records[3], &discarded).passed);
        let mut report = ValidationReport::default();
        report.push(compare(&file.records[0], &Coded::default()));
        report.push(compare(&file.records[2], &Coded::default()));
        report.push(compare(&file.records[3], &discarded));
        let text = report.to_string();
        assert!(text.ends_with("2 passed, 1 failed"), "{text}");
        assert!(
            text.contains("DEMO               1       1    50.0"),
            "{text}"
        );
    }
}
