//! Actor dictionaries (`Phoenix.Countries.actors.txt`, `PETR.Validate.actors.txt`, …).
//!
//! A record is a primary phrase with optional codes, synonym lines beginning with `+`, and
//! date-restricted codes on indented lines:
//!
//! ```text
//! MUHAMMAD_VI_  # CountryInfo.txt
//!     [MARELI 810101-000101]
//!     [MARGOV >990723]
//!     [MARELI]
//! ```
//!
//! Several `[...]` groups on one line are accepted (the International file writes them so).

use crate::code::{CodeRules, DatedCode};
use crate::error::{Error, Loaded};
use crate::phrase::phrase_keys;
use crate::source::content_lines;

/// One phrase (primary or synonym) of an actor entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorPhrase {
    /// The phrase as written, e.g. `MOHAMED_OULD_ABDEL_AZIZ_`.
    pub text: String,
    /// Its match keys.
    pub keys: Vec<String>,
    /// The line it was written on.
    pub line: u64,
}

impl ActorPhrase {
    /// A phrase from its written form.
    pub fn new(text: &str, line: u64) -> ActorPhrase {
        ActorPhrase {
            text: text.trim().to_string(),
            keys: phrase_keys(text),
            line,
        }
    }
}

/// An actor record: phrases that share code rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// The primary phrase first, then synonyms.
    pub phrases: Vec<ActorPhrase>,
    /// Codes, possibly date-restricted.
    pub codes: CodeRules,
    /// The line of the primary phrase.
    pub line: u64,
}

/// A loaded actor dictionary.
#[derive(Debug, Clone, Default)]
pub struct ActorDictionary {
    /// Records in file order.
    pub entries: Vec<ActorEntry>,
}

impl ActorDictionary {
    /// Number of phrases over all records.
    pub fn phrase_count(&self) -> usize {
        self.entries.iter().map(|e| e.phrases.len()).sum()
    }
}

/// Splits `text` at its first `[` into the phrase and the code groups.
fn split_codes(text: &str, line: u64, errors: &mut Vec<Error>) -> (String, Vec<DatedCode>) {
    let (phrase, mut rest) = match text.find('[') {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    let mut codes = Vec::new();
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            errors.push(Error::syntax(format!("unclosed '[' in {:?}", rest.trim())).at_line(line));
            break;
        };
        match DatedCode::parse(&after[..close]) {
            Ok(c) => codes.push(c),
            Err(e) => errors.push(e.at_line(line)),
        }
        rest = &after[close + 1..];
    }
    if !rest.trim().is_empty() {
        errors
            .push(Error::syntax(format!("text after the codes: {:?}", rest.trim())).at_line(line));
    }
    (phrase.trim().to_string(), codes)
}

/// Parses an actor dictionary. Lines that cannot be read are reported and skipped; a record
/// whose codes are all unreadable is dropped.
pub fn parse_actors(text: &str) -> Loaded<ActorDictionary> {
    let mut errors = Vec::new();
    let mut entries: Vec<ActorEntry> = Vec::new();
    let mut current: Option<ActorEntry> = None;
    let finish =
        |cur: Option<ActorEntry>, entries: &mut Vec<ActorEntry>, errors: &mut Vec<Error>| {
            if let Some(e) = cur {
                if e.codes.rules.is_empty() {
                    errors.push(
                        Error::syntax(format!("actor {:?} has no code", e.phrases[0].text))
                            .at_line(e.line),
                    );
                } else {
                    entries.push(e);
                }
            }
        };
    for line in content_lines(text, false) {
        let body = line.text.trim();
        let (is_synonym, rest) = match body.strip_prefix('+') {
            Some(r) => (true, r),
            None => (false, body),
        };
        let (phrase, codes) = split_codes(rest, line.number, &mut errors);
        if phrase.is_empty() {
            if is_synonym {
                errors.push(Error::syntax("empty synonym").at_line(line.number));
                continue;
            }
            // A code line (usually indented) for the current record.
            match current.as_mut() {
                Some(cur) => cur.codes.rules.extend(codes),
                None => {
                    errors.push(Error::syntax("codes before any actor phrase").at_line(line.number))
                }
            }
            continue;
        }
        let p = ActorPhrase::new(&phrase, line.number);
        if p.keys.is_empty() {
            errors.push(
                Error::syntax(format!("phrase {phrase:?} has no words")).at_line(line.number),
            );
            continue;
        }
        if is_synonym {
            match current.as_mut() {
                Some(cur) => {
                    cur.phrases.push(p);
                    cur.codes.rules.extend(codes);
                }
                None => errors
                    .push(Error::syntax("synonym before any actor phrase").at_line(line.number)),
            }
        } else if let Some(cur) = current.as_mut().filter(|c| {
            c.codes.rules.is_empty()
                && codes.is_empty()
                && c.phrases.last().is_some_and(|l| l.line + 1 == line.number)
        }) {
            // TABARI style: consecutive phrase lines without codes share the codes that
            // follow them (`LEONID_BREZHNEV_` / `SECRETARY_BREZHNEV` / `\t[RUSGOV …]`).
            cur.phrases.push(p);
        } else {
            finish(current.take(), &mut entries, &mut errors);
            current = Some(ActorEntry {
                phrases: vec![p],
                codes: CodeRules { rules: codes },
                line: line.number,
            });
        }
    }
    finish(current.take(), &mut entries, &mut errors);
    Loaded {
        value: ActorDictionary { entries },
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::DictDate;

    const SAMPLE: &str = "\
AFGHANISTAN_  [AFG]
+AFGHAN_
+KABUL_

MOHAMED_OULD_ABDEL_AZIZ_  # CountryInfo.txt
\t[MUSELI 740101-000101]
\t[MUSGOV >080806]
\t[MUSELI]
JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]
BAD_ONE_ [MARGO]
HOBBIT [HOB]
\t[HOB < 950601]
LEONID_BREZHNEV_  # CountryInfo.txt
SECRETARY_BREZHNEV
\t[RUSGOV 641014-821110]
";

    #[test]
    fn records_synonyms_and_dates() {
        let loaded = parse_actors(SAMPLE);
        let d = &loaded.value;
        assert_eq!(d.entries.len(), 5, "{:?}", loaded.errors);
        assert_eq!(d.entries[4].phrases.len(), 2);
        assert_eq!(d.entries[0].phrases.len(), 3);
        assert_eq!(d.entries[0].phrases[2].keys, ["kabul"]);
        let aziz = &d.entries[1];
        assert_eq!(aziz.line, 5);
        let date = DictDate::parse("20120101").unwrap();
        assert_eq!(aziz.codes.at(date).unwrap().as_str(), "MUSGOV");
        assert_eq!(d.entries[2].codes.rules.len(), 2);
        // The bad code is reported with its line; the rest loads.
        assert_eq!(loaded.errors.len(), 2, "{:?}", loaded.errors);
        assert_eq!(loaded.errors[0].line(), Some(10));
        assert!(loaded.errors[0].to_string().contains("MARGO"));
    }
}
