//! Gold files of temporal expressions and the accuracy of the tagger on them.
//!
//! A gold file is TOML, one `[[case]]` per sentence:
//!
//! ```toml
//! [[case]]
//! name = "weekday_past"            # unique, named in failures
//! date = "2022-05-24"              # publication date
//! text = "Rabat hosted the talks on Tuesday."
//! tense = "past"                   # optional: the tense a caller would supply
//! expect = [
//!   { text = "Tuesday", kind = "date", value = "2022-05-24" },
//!   # optional: mod = "MID"; value may be left out when the expression has none
//! ]
//! ```
//!
//! An expected expression is matched by its exact text (the first unmatched expression found
//! with that text); it is right when its kind, value and modifier are too. Expressions found
//! but not expected are false positives. `expect = []` is a negative case.

use std::fmt;
use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::tagger::{Anchor, Tagger, Tense};
use crate::value::{Kind, TimeExpr};

/// One sentence of a gold file with the expressions expected in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldCase {
    /// The case's name.
    pub name: String,
    /// The line of the file where the case starts.
    pub line: usize,
    /// The publication date.
    pub date: Date,
    /// The tense a caller supplies, if any.
    pub tense: Option<Tense>,
    /// The sentence.
    pub text: String,
    /// The expressions expected, in order.
    pub expect: Vec<GoldExpr>,
}

/// An expected expression.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldExpr {
    /// Its exact text.
    pub text: String,
    /// Its kind.
    pub kind: Kind,
    /// Its value as printed (`2022-05-24`, `P3Y`), if it has one.
    #[serde(default)]
    pub value: Option<String>,
    /// Its modifier as printed (`MID`), if any.
    #[serde(default, rename = "mod")]
    pub modifier: Option<String>,
}

impl fmt::Display for GoldExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} {} {}",
            self.text,
            self.kind,
            self.value.as_deref().unwrap_or("-")
        )?;
        if let Some(m) = &self.modifier {
            write!(f, " {m}")?;
        }
        Ok(())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    case: Vec<RawCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    name: String,
    date: String,
    text: String,
    #[serde(default)]
    tense: Option<Tense>,
    expect: Vec<GoldExpr>,
}

/// Reads a gold file.
pub fn load_gold(path: &Path) -> Result<Vec<GoldCase>> {
    let src = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    parse_gold(&src, &path.display().to_string())
}

/// Parses a gold file's text; `origin` names it in errors.
pub fn parse_gold(src: &str, origin: &str) -> Result<Vec<GoldCase>> {
    let line_of = |offset: usize| src[..offset.min(src.len())].matches('\n').count() + 1;
    let raw: RawFile = toml::from_str(src).map_err(|e| Error::Gold {
        origin: origin.to_owned(),
        line: e.span().map_or(1, |s| line_of(s.start)),
        message: e.message().to_owned(),
    })?;
    let mut cases = Vec::with_capacity(raw.case.len());
    let mut seen = std::collections::HashSet::new();
    for c in raw.case {
        let needle = format!("name = {:?}", c.name);
        let line = src.find(&needle).map_or(1, line_of);
        let err = |message: String| Error::Gold {
            origin: origin.to_owned(),
            line,
            message,
        };
        if !seen.insert(c.name.clone()) {
            return Err(err(format!("case {:?} is named twice", c.name)));
        }
        let date: Date = c
            .date
            .parse()
            .map_err(|e| err(format!("case {:?}: bad date {:?}: {e}", c.name, c.date)))?;
        for x in &c.expect {
            if !c.text.contains(&x.text) {
                return Err(err(format!(
                    "case {:?}: expected text {:?} is not in the sentence",
                    c.name, x.text
                )));
            }
        }
        cases.push(GoldCase {
            name: c.name,
            line,
            date,
            tense: c.tense,
            text: c.text,
            expect: c.expect,
        });
    }
    Ok(cases)
}

/// A case the tagger got wrong, with what was expected and what came out.
#[derive(Debug, Clone)]
pub struct CaseFailure {
    /// The case's name.
    pub name: String,
    /// Its line in the gold file.
    pub line: usize,
    /// The sentence.
    pub text: String,
    /// Expected expressions.
    pub expected: Vec<GoldExpr>,
    /// Expressions found.
    pub got: Vec<TimeExpr>,
}

impl fmt::Display for CaseFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "case {} (line {}): {}", self.name, self.line, self.text)?;
        writeln!(f, "  expected:")?;
        for x in &self.expected {
            writeln!(f, "    {x}")?;
        }
        if self.expected.is_empty() {
            writeln!(f, "    (nothing)")?;
        }
        writeln!(f, "  got:")?;
        for g in &self.got {
            writeln!(f, "    {}", describe(g))?;
        }
        if self.got.is_empty() {
            writeln!(f, "    (nothing)")?;
        }
        let hint = if self.got.len() > self.expected.len() {
            "a false positive: a negative word list (lexicon.rs) or a context check is missing"
        } else if self.got.len() < self.expected.len() {
            "a miss: no rule covers this form, or its context check is too strict"
        } else {
            "same count, different span or value: check the rule's extent and the tense guess"
        };
        writeln!(f, "  hint: {hint}")
    }
}

/// One line for an expression: text, kind, value, modifier.
pub fn describe(e: &TimeExpr) -> String {
    let mut s = format!(
        "{:?} {} {}",
        e.text,
        e.kind,
        e.value.map_or_else(|| "-".to_owned(), |v| v.to_string())
    );
    if let Some(m) = e.modifier {
        s.push(' ');
        s.push_str(m.as_str());
    }
    s
}

/// Accuracy of the tagger on a gold set.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Cases.
    pub cases: usize,
    /// Cases where everything expected, and nothing else, was found right.
    pub cases_correct: usize,
    /// Expected expressions.
    pub expected: usize,
    /// Expressions found.
    pub found: usize,
    /// Expected expressions found with the exact span.
    pub span_matched: usize,
    /// … and the right kind.
    pub kind_correct: usize,
    /// … and the right kind, value and modifier.
    pub value_correct: usize,
    /// The cases with any error.
    pub failures: Vec<CaseFailure>,
}

impl Evaluation {
    /// Span precision: found expressions that were expected.
    pub fn span_precision(&self) -> f64 {
        ratio(self.span_matched, self.found)
    }

    /// Span recall: expected expressions found.
    pub fn span_recall(&self) -> f64 {
        ratio(self.span_matched, self.expected)
    }

    /// Span F1.
    pub fn span_f1(&self) -> f64 {
        let (p, r) = (self.span_precision(), self.span_recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Expected expressions with the right span and kind.
    pub fn kind_accuracy(&self) -> f64 {
        ratio(self.kind_correct, self.expected)
    }

    /// Expected expressions with the right span, kind, value and modifier.
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_correct, self.expected)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "cases: {} ({} fully right, {:.1} %)",
            self.cases,
            self.cases_correct,
            100.0 * ratio(self.cases_correct, self.cases)
        )?;
        writeln!(
            f,
            "expressions: {} expected, {} found",
            self.expected, self.found
        )?;
        writeln!(
            f,
            "span: precision {:.1} %, recall {:.1} %, F1 {:.1} %",
            100.0 * self.span_precision(),
            100.0 * self.span_recall(),
            100.0 * self.span_f1()
        )?;
        writeln!(
            f,
            "span+kind accuracy: {:.1} % ({}/{})",
            100.0 * self.kind_accuracy(),
            self.kind_correct,
            self.expected
        )?;
        write!(
            f,
            "span+kind+value accuracy: {:.1} % ({}/{})",
            100.0 * self.value_accuracy(),
            self.value_correct,
            self.expected
        )
    }
}

/// Runs the tagger on every case and scores it.
pub fn evaluate(tagger: &Tagger, cases: &[GoldCase]) -> Evaluation {
    let mut ev = Evaluation {
        cases: cases.len(),
        ..Evaluation::default()
    };
    for case in cases {
        let anchor = Anchor {
            publication: case.date,
            tense: case.tense,
        };
        let got = tagger.tag_with(&case.text, anchor);
        ev.expected += case.expect.len();
        ev.found += got.len();
        let mut used = vec![false; got.len()];
        let mut all_right = got.len() == case.expect.len();
        for x in &case.expect {
            let Some(j) = (0..got.len()).find(|&j| !used[j] && got[j].text == x.text) else {
                all_right = false;
                continue;
            };
            used[j] = true;
            ev.span_matched += 1;
            let g = &got[j];
            if g.kind != x.kind {
                all_right = false;
                continue;
            }
            ev.kind_correct += 1;
            let value = g.value.map(|v| v.to_string());
            let modifier = g.modifier.map(|m| m.as_str().to_owned());
            if value == x.value && modifier == x.modifier {
                ev.value_correct += 1;
            } else {
                all_right = false;
            }
        }
        if all_right {
            ev.cases_correct += 1;
        } else {
            ev.failures.push(CaseFailure {
                name: case.name.clone(),
                line: case.line,
                text: case.text.clone(),
                expected: case.expect.clone(),
                got,
            });
        }
    }
    ev
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_gold_names_the_line() {
        let src = "[[case]]\nname = \"a\"\ndate = \"2022-13-01\"\ntext = \"x\"\nexpect = []\n";
        let err = parse_gold(src, "g.toml").unwrap_err().to_string();
        assert!(err.starts_with("g.toml:2:"), "{err}");
        let src = "[[case]]\nname = \"a\"\ndate = \"2022-01-01\"\ntext = \"x\"\nexpect = [{ text = \"y\", kind = \"date\" }]\n";
        assert!(
            parse_gold(src, "g.toml")
                .unwrap_err()
                .to_string()
                .contains("not in the sentence")
        );
        let src = "[[case]]\nname = \"a\"\ndate = \"2022-01-01\"\ntext = \"x\"\nexpect = [{ text = \"x\", kind = \"dat\" }]\n";
        assert!(
            parse_gold(src, "g.toml")
                .unwrap_err()
                .to_string()
                .starts_with("g.toml:5:")
        );
    }

    #[test]
    fn scores_spans_kinds_and_values() {
        let src = r#"
[[case]]
name = "right"
date = "2022-05-24"
text = "They met on Monday."
expect = [{ text = "Monday", kind = "date", value = "2022-05-23" }]

[[case]]
name = "wrong_value"
date = "2022-05-24"
text = "They met in 2021."
expect = [{ text = "2021", kind = "date", value = "2020" }]
"#;
        let cases = parse_gold(src, "inline").unwrap();
        let ev = evaluate(&Tagger::new(), &cases);
        assert_eq!(
            (
                ev.cases_correct,
                ev.span_matched,
                ev.kind_correct,
                ev.value_correct
            ),
            (1, 2, 2, 1)
        );
        assert_eq!(ev.failures[0].name, "wrong_value");
    }
}
