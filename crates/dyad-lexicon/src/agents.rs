//! Agent dictionaries (`Phoenix.agents.txt`): titles and groups that give an actor its role.
//!
//! ```text
//! !MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES
//! FOREIGN_!MINIST! [~GOV]
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
//! AIR_FORCE {} [~MIL]
//! HUMAN_RIGHTS_BODY [NGO~]
//! ```
//!
//! Regular plurals are generated unless `{}` is given; `{X}` gives the plural. A `!NAME!`
//! marker is replaced by each member of its substitution set, without plurals. A blank and an
//! underscore between words are treated alike (consecutive words).

use std::collections::HashMap;

use crate::code::AgentCode;
use crate::error::{Error, Loaded};
use crate::phrase::{phrase_keys, regular_plural};
use crate::source::content_lines;

/// One agent phrase (each plural and substitution gives its own entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentEntry {
    /// The phrase as written in the file (before expansion).
    pub text: String,
    /// Match keys of this form.
    pub keys: Vec<String>,
    /// The agent code.
    pub code: AgentCode,
    /// The line it was written on.
    pub line: u64,
}

/// A loaded agent dictionary.
#[derive(Debug, Clone, Default)]
pub struct AgentDictionary {
    /// Entries (expanded forms) in file order.
    pub entries: Vec<AgentEntry>,
}

/// Parses an agent dictionary.
pub fn parse_agents(text: &str) -> Loaded<AgentDictionary> {
    let mut errors = Vec::new();
    let mut entries = Vec::new();
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    for line in content_lines(text, false) {
        let body = line.text.trim();
        // Substitution set: !NAME! = A, B, C
        if body.starts_with('!')
            && let Some((name, list)) = body.split_once('=')
        {
            let name = name.trim().to_string();
            if name.len() < 3 || !name.ends_with('!') {
                errors.push(
                    Error::syntax(format!("bad substitution marker {name:?}")).at_line(line.number),
                );
                continue;
            }
            let members = list
                .split(',')
                .map(|m| m.trim().replace(' ', ""))
                .filter(|m| !m.is_empty())
                .collect();
            sets.insert(name, members);
            continue;
        }
        // The code: the last [...] group (`}` is accepted as a closing typo, `[~LEG}`).
        let Some(open) = body.rfind('[') else {
            errors
                .push(Error::syntax(format!("agent {body:?} has no [code]")).at_line(line.number));
            continue;
        };
        let inner = body[open + 1..].trim_end();
        let inner = inner.strip_suffix(']').or_else(|| inner.strip_suffix('}'));
        let Some(inner) = inner else {
            errors.push(Error::syntax(format!("unclosed '[' in {body:?}")).at_line(line.number));
            continue;
        };
        let code = match AgentCode::new(inner.trim()) {
            Ok(c) => c,
            Err(e) => {
                errors.push(e.at_line(line.number));
                continue;
            }
        };
        let head = body[..open].trim();
        // Optional plural in {...}.
        let (phrase, plural) = match head.find('{') {
            Some(b) => {
                let Some(e) = head[b..].find('}') else {
                    errors.push(
                        Error::syntax(format!("unclosed '{{' in {body:?}")).at_line(line.number),
                    );
                    continue;
                };
                (head[..b].trim(), Some(head[b + 1..b + e].trim()))
            }
            None => (head, None),
        };
        if phrase.is_empty() {
            errors.push(Error::syntax("agent code without a phrase").at_line(line.number));
            continue;
        }
        let mut forms: Vec<Vec<String>> = Vec::new();
        if let Some(start) = phrase.find('!') {
            let Some(len) = phrase[start + 1..].find('!') else {
                errors.push(
                    Error::syntax(format!("unclosed '!' marker in {phrase:?}"))
                        .at_line(line.number),
                );
                continue;
            };
            let marker = &phrase[start..start + len + 2];
            let Some(members) = sets.get(marker) else {
                errors.push(
                    Error::syntax(format!("undefined substitution marker {marker}"))
                        .at_line(line.number),
                );
                continue;
            };
            for m in members {
                forms.push(phrase_keys(&phrase.replacen(marker, m, 1)));
            }
        } else {
            let singular = phrase_keys(phrase);
            match plural {
                Some("") => {}
                Some(p) => forms.push(phrase_keys(p)),
                None => {
                    if let Some(last) = singular.last() {
                        let mut pl = singular.clone();
                        *pl.last_mut().expect("non-empty") = regular_plural(last);
                        forms.push(pl);
                    }
                }
            }
            forms.insert(0, singular);
        }
        for keys in forms {
            if keys.is_empty() {
                continue;
            }
            entries.push(AgentEntry {
                text: phrase.to_string(),
                keys,
                code: code.clone(),
                line: line.number,
            });
        }
    }
    Loaded {
        value: AgentDictionary { entries },
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::AgentPosition;

    #[test]
    fn plurals_markers_and_positions() {
        let text = "!MINIST! = MINISTER, MINISTRY\nFOREIGN_!MINIST! [~GOV]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\nPOLICE {} [~COP]\nHUMAN_RIGHTS_BODY [NGO~]\nDEPARMENT_OF_ENVIRONMENT [~ENV}\nBROKEN [GOV]\n";
        let loaded = parse_agents(text);
        let keys: Vec<String> = loaded
            .value
            .entries
            .iter()
            .map(|e| e.keys.join(" "))
            .collect();
        assert_eq!(
            keys,
            [
                "foreign minister",
                "foreign ministry",
                "attorney general",
                "attorneys general",
                "police",
                "human rights body",
                "human rights bodies",
                "deparment of environment",
                "deparment of environments",
            ]
        );
        assert_eq!(loaded.value.entries[5].code.position, AgentPosition::Prefix);
        assert_eq!(loaded.errors.len(), 1);
        assert_eq!(loaded.errors[0].line(), Some(7));
    }
}
