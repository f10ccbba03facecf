//! The reviewed overlay: corrections and additions applied on top of the Phoenix
//! dictionaries when the default lexicon is built (`lexicon/overlay.toml`).
//!
//! ```toml
//! [[recode]]      # entries whose first phrase is listed: code head `from` becomes `to`
//! phrases = ["MOHAMED_OULD_ABDEL_AZIZ"]
//! from = "MUS"
//! to = "MRT"
//!
//! [[remove]]      # phrases removed from actors whose codes start with `code`
//! phrases = ["WESTERN_SAHARA"]
//! code = "MAR"
//!
//! [[remove_agent]]
//! phrases = ["INSPECTOR_GENERAL"]
//!
//! [[actor]]       # codes in PETRARCH syntax, date-restricted codes first
//! phrases = ["Nasser Bourita"]
//! codes = ["MARGOV 20170405-", "MARELI"]
//!
//! [[agent]]
//! phrases = ["Inspector General"]
//! code = "~GOV"
//! ```
//!
//! Dates may be open-ended in the overlay: `20170405-` means "from 2017-04-05 on".

use serde::Deserialize;

use crate::code::{ActorCode, AgentCode, CodeRules, DateRange, DatedCode, DictDate};
use crate::error::{Error, Result};
use crate::phrase::{phrase_keys, regular_plural};

/// A recode rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recode {
    /// First phrases of the entries to recode, as written in the dictionary.
    pub phrases: Vec<String>,
    /// Code head to replace.
    pub from: String,
    /// Replacement.
    pub to: String,
    /// Why (for reviewers).
    #[serde(default)]
    pub why: String,
}

/// A removal rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remove {
    /// Phrases to remove.
    pub phrases: Vec<String>,
    /// Only from actors with a code starting with this.
    pub code: String,
    /// Why.
    #[serde(default)]
    pub why: String,
}

/// Removal of agent phrases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveAgent {
    /// Phrases to remove (every code).
    pub phrases: Vec<String>,
    /// Why.
    #[serde(default)]
    pub why: String,
}

/// An added actor.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlayActor {
    /// Phrases (any spelling; folded on use).
    pub phrases: Vec<String>,
    /// Codes in PETRARCH syntax.
    pub codes: Vec<String>,
    /// Note for reviewers.
    #[serde(default)]
    pub why: String,
}

/// An added agent.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlayAgent {
    /// Phrases.
    pub phrases: Vec<String>,
    /// Agent code (`~GOV`, `NGO~`).
    pub code: String,
    /// Whether to add regular plurals (default true).
    #[serde(default = "yes")]
    pub plural: bool,
    /// Note.
    #[serde(default)]
    pub why: String,
}

fn yes() -> bool {
    true
}

/// The overlay file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// Recode rules.
    #[serde(default)]
    pub recode: Vec<Recode>,
    /// Removal rules.
    #[serde(default)]
    pub remove: Vec<Remove>,
    /// Agent removals.
    #[serde(default)]
    pub remove_agent: Vec<RemoveAgent>,
    /// Added actors.
    #[serde(default)]
    pub actor: Vec<OverlayActor>,
    /// Added agents.
    #[serde(default)]
    pub agent: Vec<OverlayAgent>,
}

/// Parses a code rule of the overlay, allowing an open end (`20170405-`).
pub fn parse_overlay_code(text: &str) -> Result<DatedCode> {
    let t = text.trim();
    if let Some(open) = t.strip_suffix('-')
        && let Some((code, start)) = open.split_once(' ')
    {
        let code = ActorCode::new(code.trim())?;
        return Ok(DatedCode {
            code: Some(code),
            range: DateRange::After(DictDate::parse(start.trim())?),
        });
    }
    DatedCode::parse(t)
}

impl Overlay {
    /// Parses the overlay and checks every code, phrase and date in it.
    pub fn parse(text: &str) -> Result<Overlay> {
        let overlay: Overlay =
            toml::from_str(text).map_err(|e| Error::syntax(format!("overlay: {e}")))?;
        for a in &overlay.actor {
            a.code_rules()?;
            for p in &a.phrases {
                if phrase_keys(p).is_empty() {
                    return Err(Error::syntax(format!(
                        "overlay actor phrase {p:?} has no words"
                    )));
                }
            }
        }
        for g in &overlay.agent {
            AgentCode::new(&g.code)?;
        }
        for r in &overlay.recode {
            ActorCode::new(&r.from)?;
            ActorCode::new(&r.to)?;
        }
        Ok(overlay)
    }
}

impl OverlayActor {
    /// The code rules.
    pub fn code_rules(&self) -> Result<CodeRules> {
        let rules = self
            .codes
            .iter()
            .map(|c| parse_overlay_code(c))
            .collect::<Result<Vec<_>>>()?;
        if rules.is_empty() {
            return Err(Error::syntax(format!(
                "overlay actor {:?} has no codes",
                self.phrases
            )));
        }
        Ok(CodeRules { rules })
    }
}

impl OverlayAgent {
    /// Every form's keys (with regular plurals unless `plural = false`).
    pub fn forms(&self) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for p in &self.phrases {
            let keys = phrase_keys(p);
            if keys.is_empty() {
                continue;
            }
            if self.plural {
                let mut pl = keys.clone();
                let last = pl.last_mut().expect("non-empty");
                *last = regular_plural(last);
                out.push(keys);
                out.push(pl);
            } else {
                out.push(keys);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_ended_dates_and_checks() {
        let o = Overlay::parse(
            "[[actor]]\nphrases = [\"Nasser Bourita\"]\ncodes = [\"MARGOV 20170405-\", \"MARELI\"]\n[[agent]]\nphrases = [\"Inspector General\"]\ncode = \"~GOV\"\n",
        )
        .unwrap();
        let rules = o.actor[0].code_rules().unwrap();
        assert_eq!(
            rules
                .at(DictDate::parse("20240101").unwrap())
                .unwrap()
                .as_str(),
            "MARGOV"
        );
        assert_eq!(
            rules
                .at(DictDate::parse("20100101").unwrap())
                .unwrap()
                .as_str(),
            "MARELI"
        );
        assert_eq!(o.agent[0].forms().len(), 2);
        assert!(Overlay::parse("[[actor]]\nphrases = [\"X\"]\ncodes = [\"MARGO\"]\n").is_err());
        assert!(Overlay::parse("[[actor]]\nphrase = [\"X\"]\ncodes = [\"MAR\"]\n").is_err());
    }
}
