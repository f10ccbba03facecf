//! Agreement with the NGEC coder's actor-resolution tests
//! (`../shared/data/plover/ngec_actor_resolution_tests.jsonl`).
//!
//! Each line is a test of the NGEC coder: a method, its arguments and Python assertions. We
//! evaluate the methods that resolve a phrase from dictionaries (`agent_to_code`,
//! `short_text_to_agent`, `search_nat`) and skip those that need Wikipedia (`query_wiki`, and
//! cases that assert a Wikipedia title or job) or a transformer (`trf_agent_match`). Checked
//! assertions: `code['country']` (ISO3, `IGO` for IGOs, `''` for none), `code['code_1']`,
//! `code['code_2']` (sectors, NGEC/PLOVER names mapped to CAMEO: `JRN`→`MED`, `REL`→religious
//! roles, `INS`→`REB`), `cc` and `code is None`. Others (`pattern`, `source`, `text`) are
//! ignored. A date argument ("Today", "2022-01-10", "October 1, 2021") resolves office
//! holders; "Today" is taken as 2022-06-01, when the tests were written.

use std::fmt;
use std::path::Path;

use serde::Deserialize;

use crate::code::DictDate;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::resolve::PhraseCode;

#[derive(Deserialize)]
struct NgecCase {
    test: String,
    method: String,
    args: Vec<String>,
    asserts: Vec<String>,
}

/// One evaluated case that disagreed.
#[derive(Debug, Clone)]
pub struct Disagreement {
    /// The NGEC test name.
    pub test: String,
    /// The phrase.
    pub phrase: String,
    /// The failed assertions.
    pub failed: Vec<String>,
    /// What dyad said.
    pub got: String,
}

/// Figures of the NGEC agreement evaluation.
#[derive(Debug, Default, Clone)]
pub struct NgecReport {
    /// Cases read.
    pub cases: usize,
    /// Skipped: the method needs Wikipedia (`query_wiki`) or the case asserts a Wikipedia title/job.
    pub skipped_wikipedia: usize,
    /// Skipped: the method needs a transformer (`trf_agent_match`).
    pub skipped_transformer: usize,
    /// Skipped: no assertion we can check.
    pub skipped_unchecked: usize,
    /// Evaluated cases.
    pub evaluated: usize,
    /// Evaluated cases where every checked assertion holds.
    pub agreed: usize,
    /// Checked assertions.
    pub assertions: usize,
    /// Assertions that hold.
    pub assertions_agreed: usize,
    /// The disagreements.
    pub disagreements: Vec<Disagreement>,
}

impl fmt::Display for NgecReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pct = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                100.0 * a as f64 / b as f64
            }
        };
        writeln!(f, "cases: {}", self.cases)?;
        writeln!(
            f,
            "skipped: {} need Wikipedia, {} need a transformer, {} with nothing checkable",
            self.skipped_wikipedia, self.skipped_transformer, self.skipped_unchecked
        )?;
        writeln!(
            f,
            "evaluated: {}; cases agreeing: {} ({:.1}%); assertions agreeing: {}/{} ({:.1}%)",
            self.evaluated,
            self.agreed,
            pct(self.agreed, self.evaluated),
            self.assertions_agreed,
            self.assertions,
            pct(self.assertions_agreed, self.assertions)
        )?;
        for d in &self.disagreements {
            writeln!(
                f,
                "  {}: {:?} failed {:?}; got {}",
                d.test, d.phrase, d.failed, d.got
            )?;
        }
        Ok(())
    }
}

fn parse_date(text: &str) -> DictDate {
    let fallback = DictDate::parse("20220601").expect("valid");
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("today") {
        return fallback;
    }
    if let Ok(d) = DictDate::parse(&t.replace('-', "")) {
        return d;
    }
    let words: Vec<String> = t
        .replace(',', " ")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let month = words
        .iter()
        .find_map(|w| dyad_text::calendar::MONTHS.iter().position(|m| m == w));
    let nums: Vec<u32> = words.iter().filter_map(|w| w.parse().ok()).collect();
    match (month, nums.as_slice()) {
        (Some(m), [a, b]) => {
            let (day, year) = if *a > 31 { (*b, *a) } else { (*a, *b) };
            DictDate::parse(&format!("{year:04}{:02}{day:02}", m + 1)).unwrap_or(fallback)
        }
        _ => fallback,
    }
}

/// NGEC/PLOVER sector names → the CAMEO role codes dyad uses.
fn cameo_sector(ngec: &str) -> &str {
    match ngec {
        "JRN" => "MED",
        "INS" => "REB",
        other => other,
    }
}

const RELIGIOUS: &[&str] = &[
    "REL", "MUS", "CHR", "JEW", "HIN", "BUD", "SHI", "SUN", "CTH", "ORT",
];

fn country_of(code: &Option<PhraseCode>) -> String {
    match code {
        Some(PhraseCode {
            code: Some(c),
            country_iso3,
            ..
        }) => match country_iso3 {
            Some(iso) => iso.clone(),
            None if c.head() == "IGO" => "IGO".to_string(),
            None => String::new(),
        },
        _ => String::new(),
    }
}

fn sector(code: &Option<PhraseCode>, i: usize) -> String {
    code.as_ref()
        .and_then(|c| c.sectors.get(i).cloned())
        .unwrap_or_default()
}

fn same_sector(got: &str, want: &str) -> bool {
    let want = cameo_sector(want);
    got == want || (want == "REL" && RELIGIOUS.contains(&got))
}

/// Parses `lhs == 'value'` / `lhs != 'value'`.
fn parse_assert(a: &str) -> Option<(&str, bool, &str)> {
    let (lhs, eq, rhs) = if let Some((l, r)) = a.split_once("==") {
        (l, true, r)
    } else {
        let (l, r) = a.split_once("!=")?;
        (l, false, r)
    };
    Some((lhs.trim(), eq, rhs.trim().trim_matches('\'')))
}

/// Runs the evaluation over the NGEC tests file.
pub fn evaluate_ngec(path: &Path, lexicon: &Lexicon) -> Result<NgecReport> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut report = NgecReport::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: NgecCase = serde_json::from_str(line).map_err(|e| {
            Error::syntax(e.to_string())
                .at_line(i as u64 + 1)
                .in_file(path)
        })?;
        report.cases += 1;
        match case.method.as_str() {
            "query_wiki" => {
                report.skipped_wikipedia += 1;
                continue;
            }
            "trf_agent_match" => {
                report.skipped_transformer += 1;
                continue;
            }
            _ => {}
        }
        let needs_wiki = case.asserts.iter().any(|a| {
            a.contains("actor_wiki_job")
                || parse_assert(a).is_some_and(|(l, _, r)| l == "code['wiki']" && !r.is_empty())
        });
        if needs_wiki {
            report.skipped_wikipedia += 1;
            continue;
        }
        let phrase = case.args.first().cloned().unwrap_or_default();
        let date = parse_date(case.args.get(2).map(String::as_str).unwrap_or(""));
        let got = lexicon.resolve_noun_phrase(&phrase, date);
        let mut checked = 0;
        let mut failed = Vec::new();
        // `code['code_1'] == 'MIL'` and `code['code_1'] == 'SPY'` in one case mean "either".
        let code1_alternatives: Vec<&str> = case
            .asserts
            .iter()
            .filter_map(|a| parse_assert(a))
            .filter(|(l, eq, _)| *l == "code['code_1']" && *eq)
            .map(|(_, _, r)| r)
            .collect();
        let mut code1_done = false;
        for a in &case.asserts {
            let ok = if a == "code is None" || a == "not code" {
                Some(got.is_none())
            } else if a.starts_with("code['code_1'] in") {
                let s = sector(&got, 0);
                Some(!s.is_empty() && a.contains(&format!("'{s}'")))
            } else if let Some((lhs, eq, rhs)) = parse_assert(a) {
                match lhs {
                    "code['country']" | "cc" => Some((country_of(&got) == rhs) == eq),
                    "code['code_1']" if eq && code1_alternatives.len() > 1 => {
                        if code1_done {
                            None
                        } else {
                            code1_done = true;
                            Some(
                                code1_alternatives
                                    .iter()
                                    .any(|w| same_sector(&sector(&got, 0), w)),
                            )
                        }
                    }
                    "code['code_1']" => Some(same_sector(&sector(&got, 0), rhs) == eq),
                    "code['code_2']" => Some(same_sector(&sector(&got, 1), rhs) == eq),
                    _ => None,
                }
            } else {
                None
            };
            if let Some(ok) = ok {
                checked += 1;
                if ok {
                    report.assertions_agreed += 1;
                } else {
                    failed.push(a.clone());
                }
            }
        }
        if checked == 0 {
            report.skipped_unchecked += 1;
            continue;
        }
        report.assertions += checked;
        report.evaluated += 1;
        if failed.is_empty() {
            report.agreed += 1;
        } else {
            let got = match &got {
                Some(c) => format!(
                    "{} country={} sectors={} ({})",
                    c.code.as_ref().map_or("-".to_string(), |c| c.to_string()),
                    c.country_iso3.as_deref().unwrap_or("-"),
                    c.sectors.join(","),
                    c.reason
                ),
                None => "nothing".to_string(),
            };
            report.disagreements.push(Disagreement {
                test: case.test,
                phrase,
                failed,
                got,
            });
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_assertions() {
        assert_eq!(parse_date("October 1, 2021").as_u32(), 20211001);
        assert_eq!(parse_date("1 January 2003").as_u32(), 20030101);
        assert_eq!(parse_date("2022-01-10").as_u32(), 20220110);
        assert_eq!(parse_date("Today").as_u32(), 20220601);
        assert_eq!(
            parse_assert("code['country'] == 'KAZ'"),
            Some(("code['country']", true, "KAZ"))
        );
        assert_eq!(
            parse_assert("code['country'] != 'GBR'"),
            Some(("code['country']", false, "GBR"))
        );
        assert!(
            same_sector("MUS", "REL") && same_sector("MED", "JRN") && !same_sector("GOV", "MIL")
        );
    }

    #[test]
    fn a_small_ngec_file() {
        let dir = std::env::temp_dir().join(format!("dyad-ngec-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.jsonl");
        std::fs::write(
            &path,
            concat!(
                r#"{"test": "a", "method": "agent_to_code", "args": ["Mexican authorities", "", "Today"], "asserts": ["code['code_1'] == 'GOV'", "code['country'] == 'MEX'"]}"#,
                "\n",
                r#"{"test": "b", "method": "query_wiki", "args": ["Abkhazia"], "asserts": ["wiki['title'] == 'Abkhazia'"]}"#,
                "\n",
                r#"{"test": "c", "method": "agent_to_code", "args": ["Leon Bobb"], "asserts": ["code is None"]}"#,
                "\n",
                r#"{"test": "d", "method": "agent_to_code", "args": ["gunmen"], "asserts": ["code['country'] == ''", "code['code_1'] == 'UAF'"]}"#,
                "\n"
            ),
        )
        .unwrap();
        let r = evaluate_ngec(&path, Lexicon::default_lexicon()).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!((r.cases, r.skipped_wikipedia, r.evaluated), (4, 1, 3));
        assert!(r.agreed >= 2, "{r}");
    }
}
