//! Assembling the default lexicon from the PETRARCH dictionaries, the geography data and the
//! reviewed overlay. Run by the `build-lexicon` binary; the result is committed as
//! `lexicon/default.lex` and never edited by hand.
//!
//! Priority (the first entry for a phrase wins): overlay actors; Phoenix countries,
//! international and non-state actors (after the overlay's recodes and removals); capitals as
//! government metonyms; nationality adjectives (English, French, Spanish); country names.
//! Agents: overlay agents, then Phoenix agents less the overlay's removals.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::Deserialize;

use crate::actors::{ActorDictionary, parse_actors};
use crate::agents::parse_agents;
use crate::code::{ActorCode, AgentCode, CodeRules, DatedCode};
use crate::error::{Error, Result};
use crate::lexicon::{Country, LexActor, LexAgent, Lexicon, LexiconBuilder, Origin};
use crate::overlay::Overlay;
use crate::phrase::phrase_keys;
use crate::source::read_text;

/// The actor files of the default lexicon, in priority order.
pub const ACTOR_FILES: [&str; 3] = [
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
];

/// The agent file of the default lexicon.
pub const AGENT_FILE: &str = "Phoenix.agents.txt";

/// What went into the default lexicon.
#[derive(Debug, Default)]
pub struct AssembleReport {
    /// `(what, count)` lines.
    pub counts: Vec<(String, usize)>,
    /// Soft errors of the input files (expected; see `lexicon-check`).
    pub soft_errors: usize,
}

impl fmt::Display for AssembleReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (what, n) in &self.counts {
            writeln!(f, "{n:>7} {what}")?;
        }
        write!(
            f,
            "{:>7} soft errors in the input dictionaries (see lexicon-check)",
            self.soft_errors
        )
    }
}

#[derive(Deserialize)]
struct GeoCountry {
    iso3: String,
    name: String,
    #[serde(default)]
    capital: String,
}

#[derive(Deserialize)]
struct Nationalities {
    nationalities: HashMap<String, String>,
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| Error::syntax(e.to_string()).in_file(path))
}

/// CAMEO country code for an ISO 3166 alpha-3 code (they agree except for Kosovo).
pub fn cameo_for_iso3(iso3: &str) -> &str {
    match iso3 {
        "XKX" => "KSV",
        other => other,
    }
}

/// Feminine and plural forms of a nationality adjective in French or Spanish (folded).
fn inflections(lang: &str, word: &str) -> Vec<String> {
    let w = word.to_string();
    let mut out = vec![w.clone()];
    match lang {
        "fr" => {
            let fem = if w.ends_with("ien") || w.ends_with("en") || w.ends_with("on") {
                format!("{w}ne")
            } else if w.ends_with('e') {
                w.clone()
            } else {
                format!("{w}e")
            };
            for f in [format!("{w}s"), fem.clone(), format!("{fem}s")] {
                if !f.ends_with("ss") || w.ends_with('s') {
                    out.push(f);
                }
            }
        }
        "es" => {
            if w.ends_with('i') || w.ends_with('u') {
                // marroquí, marroquíes (the accent is folded away)
                out.push(format!("{w}es"));
            } else if let Some(stem) = w.strip_suffix('o') {
                out.extend([format!("{stem}a"), format!("{stem}os"), format!("{stem}as")]);
            } else if w.ends_with('e') || w.ends_with('a') {
                out.push(format!("{w}s"));
            } else {
                out.extend([format!("{w}a"), format!("{w}es"), format!("{w}as")]);
            }
        }
        // English: Russian → Russians, Pakistani → Pakistanis (not Chinese, Swiss, Irish).
        "en" if !w.contains(' ') && (w.ends_with("an") || w.ends_with('i')) => {
            out.push(format!("{w}s"));
        }
        _ => {}
    }
    out.sort();
    out.dedup();
    out
}

fn single(code: &str) -> Result<CodeRules> {
    Ok(CodeRules {
        rules: vec![DatedCode {
            code: Some(ActorCode::new(code)?),
            range: crate::code::DateRange::Always,
        }],
    })
}

/// Builds the default lexicon from `petrarch_dir` (Phoenix files), `geo_dir` (GeoNames
/// `countries.json`, `i18n-nationality/`) and the overlay text.
pub fn assemble_default(
    petrarch_dir: &Path,
    geo_dir: &Path,
    overlay_text: &str,
) -> Result<(Lexicon, AssembleReport)> {
    let overlay = Overlay::parse(overlay_text)?;
    // Line numbers of the overlay's tables, for reasons ("overlay.toml:212").
    let table_lines = |header: &str| -> Vec<u32> {
        overlay_text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim() == header)
            .map(|(i, _)| i as u32 + 1)
            .collect()
    };
    let actor_lines = table_lines("[[actor]]");
    let agent_lines = table_lines("[[agent]]");
    let mut report = AssembleReport::default();
    let mut b = LexiconBuilder::new();

    // 1. Overlay actors.
    let src = b.source("overlay.toml");
    let mut n = 0;
    for (i, a) in overlay.actor.iter().enumerate() {
        let phrases: Vec<Vec<String>> = a.phrases.iter().map(|p| phrase_keys(p)).collect();
        n += phrases.len();
        b.actor(LexActor {
            phrases,
            codes: a.code_rules()?,
            origin: Origin {
                source: src,
                line: actor_lines.get(i).copied().unwrap_or(0),
            },
        });
    }
    report.counts.push(("overlay actor phrases".into(), n));

    // 2. Phoenix actors, corrected.
    let recodes: HashMap<Vec<String>, (&str, &str)> = overlay
        .recode
        .iter()
        .flat_map(|r| {
            r.phrases
                .iter()
                .map(move |p| (phrase_keys(p), (r.from.as_str(), r.to.as_str())))
        })
        .collect();
    let removals: Vec<(HashSet<Vec<String>>, &str)> = overlay
        .remove
        .iter()
        .map(|r| {
            (
                r.phrases.iter().map(|p| phrase_keys(p)).collect(),
                r.code.as_str(),
            )
        })
        .collect();
    let (mut recoded, mut removed) = (0, 0);
    let mut capital_candidates: HashMap<Vec<String>, String> = HashMap::new();
    // Held back until the capitals are known, so that a capital coded as its government
    // (`RABAT` → `MARGOV`) comes before the Phoenix synonym (`+RABAT_` under `MAR`).
    let mut phoenix_actors: Vec<LexActor> = Vec::new();
    for file in ACTOR_FILES {
        let path = petrarch_dir.join(file);
        let text = read_text(&path)?;
        report.soft_errors += text.errors.len();
        let loaded = parse_actors(&text.value);
        report.soft_errors += loaded.errors.len();
        let dict: ActorDictionary = loaded.value;
        let src = b.source(file);
        let mut phrases_n = 0;
        for mut e in dict.entries {
            if let Some((from, to)) = recodes.get(&e.phrases[0].keys) {
                for r in &mut e.codes.rules {
                    if let Some(c) = &r.code
                        && c.head() == *from
                    {
                        r.code = Some(ActorCode::new(&format!("{to}{}", &c.as_str()[3..]))?);
                    }
                }
                recoded += 1;
            }
            let codes: Vec<&str> = e
                .codes
                .rules
                .iter()
                .filter_map(|r| r.code.as_ref().map(ActorCode::as_str))
                .collect();
            let before = e.phrases.len();
            e.phrases.retain(|p| {
                !removals.iter().any(|(set, code)| {
                    set.contains(&p.keys) && codes.iter().any(|c| c.starts_with(code))
                })
            });
            removed += before - e.phrases.len();
            if e.phrases.is_empty() {
                continue;
            }
            if let Some(code) = e
                .codes
                .default_code()
                .filter(|c| c.as_str().len() == 3 && e.codes.rules.len() == 1)
            {
                for p in &e.phrases[1..] {
                    capital_candidates.insert(p.keys.clone(), code.as_str().to_string());
                }
            }
            phrases_n += e.phrases.len();
            phoenix_actors.push(LexActor {
                phrases: e.phrases.into_iter().map(|p| p.keys).collect(),
                codes: e.codes,
                origin: Origin {
                    source: src,
                    line: e.line as u32,
                },
            });
        }
        report.counts.push((format!("{file} phrases"), phrases_n));
    }
    report
        .counts
        .push(("entries recoded by the overlay".into(), recoded));
    report
        .counts
        .push(("phrases removed by the overlay".into(), removed));

    // 3. Countries and capitals (GeoNames).
    let geo: HashMap<String, GeoCountry> = read_json(&geo_dir.join("countries.json"))?;
    let mut geo: Vec<GeoCountry> = geo.into_values().collect();
    geo.sort_by(|a, b| a.iso3.cmp(&b.iso3));
    let src_geo = b.source("geonames countries.json");
    let mut capitals = 0;
    for c in &geo {
        let cameo = cameo_for_iso3(&c.iso3);
        b.country(Country {
            cameo: ActorCode::new(cameo)?,
            iso3: c.iso3.clone(),
            name: c.name.clone(),
        });
        let keys = phrase_keys(&c.capital);
        // A capital the Phoenix file lists as a synonym of the country is used as a metonym
        // for its government ("Rabat hosted…").
        if !keys.is_empty() && capital_candidates.get(&keys).is_some_and(|k| k == cameo) {
            b.actor(LexActor {
                phrases: vec![keys],
                codes: single(&format!("{cameo}GOV"))?,
                origin: Origin {
                    source: src_geo,
                    line: 0,
                },
            });
            capitals += 1;
        }
    }
    report
        .counts
        .push(("capitals as government metonyms".into(), capitals));
    for a in phoenix_actors {
        b.actor(a);
    }

    // 4. Nationality adjectives (i18n-nationality, MIT).
    let codes: Vec<(String, String, String, String)> =
        read_json(&geo_dir.join("i18n-nationality/codes.json"))?;
    let iso2_to_3: HashMap<&str, &str> = codes
        .iter()
        .map(|(a2, a3, _, _)| (a2.as_str(), a3.as_str()))
        .collect();
    let mut adjectives = 0;
    for lang in ["en", "fr", "es"] {
        let n: Nationalities =
            read_json(&geo_dir.join(format!("i18n-nationality/langs/{lang}.json")))?;
        let src = b.source(&format!("i18n-nationality {lang}.json"));
        let mut items: Vec<(&String, &String)> = n.nationalities.iter().collect();
        items.sort();
        for (iso2, adj) in items {
            let Some(iso3) = iso2_to_3.get(iso2.as_str()) else {
                continue;
            };
            let folded = phrase_keys(adj).join(" ");
            if folded.is_empty() {
                continue;
            }
            let phrases: Vec<Vec<String>> = inflections(lang, &folded)
                .iter()
                .map(|f| f.split(' ').map(str::to_string).collect())
                .collect();
            adjectives += phrases.len();
            b.actor(LexActor {
                phrases,
                codes: single(cameo_for_iso3(iso3))?,
                origin: Origin {
                    source: src,
                    line: 0,
                },
            });
        }
    }
    report.counts.push((
        "nationality adjective forms (en, fr, es)".into(),
        adjectives,
    ));

    // 5. Country names (GeoNames), lowest priority.
    for c in &geo {
        let keys = phrase_keys(&c.name);
        if !keys.is_empty() {
            b.actor(LexActor {
                phrases: vec![keys],
                codes: single(cameo_for_iso3(&c.iso3))?,
                origin: Origin {
                    source: src_geo,
                    line: 0,
                },
            });
        }
    }
    report.counts.push(("countries".into(), geo.len()));

    // 6. Agents.
    let src = b.source("overlay.toml");
    let mut overlay_agents = 0;
    for (i, g) in overlay.agent.iter().enumerate() {
        let code = AgentCode::new(&g.code)?;
        for keys in g.forms() {
            overlay_agents += 1;
            b.agent(LexAgent {
                keys,
                code: code.clone(),
                origin: Origin {
                    source: src,
                    line: agent_lines.get(i).copied().unwrap_or(0),
                },
            });
        }
    }
    report
        .counts
        .push(("overlay agent forms".into(), overlay_agents));
    let removed_agents: HashSet<Vec<String>> = overlay
        .remove_agent
        .iter()
        .flat_map(|r| r.phrases.iter().map(|p| phrase_keys(p)))
        .collect();
    let path = petrarch_dir.join(AGENT_FILE);
    let text = read_text(&path)?;
    report.soft_errors += text.errors.len();
    let agents = parse_agents(&text.value);
    report.soft_errors += agents.errors.len();
    let src = b.source(AGENT_FILE);
    let mut phoenix_agents = 0;
    for a in agents.value.entries {
        if removed_agents.contains(&a.keys) || removed_agents.contains(&phrase_keys(&a.text)) {
            continue;
        }
        phoenix_agents += 1;
        b.agent(LexAgent {
            keys: a.keys,
            code: a.code,
            origin: Origin {
                source: src,
                line: a.line as u32,
            },
        });
    }
    report
        .counts
        .push((format!("{AGENT_FILE} forms"), phoenix_agents));
    Ok((b.build()?, report))
}

/// Builds a lexicon from PETRARCH actor and agent files alone, in the order given (the first
/// entry for a phrase wins), as PETRARCH reads the files its configuration names. Every
/// three-letter actor code is registered as a country, so that agents compose with it
/// ("the Arnorian president" → `ARN` + `~GOV`). Soft errors of the files are counted in the
/// report; unreadable files are errors.
pub fn assemble_files(
    actor_files: &[&Path],
    agent_files: &[&Path],
) -> Result<(Lexicon, AssembleReport)> {
    let mut report = AssembleReport::default();
    let mut b = LexiconBuilder::new();
    let mut countries: Vec<(String, String)> = Vec::new();
    for path in actor_files {
        let text = read_text(path)?;
        report.soft_errors += text.errors.len();
        let loaded = parse_actors(&text.value);
        report.soft_errors += loaded.errors.len();
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let src = b.source(&name);
        let mut n = 0;
        for e in loaded.value.entries {
            for r in &e.codes.rules {
                if let Some(c) = &r.code
                    && c.as_str().len() == 3
                    && !countries.iter().any(|(k, _)| k == c.as_str())
                {
                    countries.push((c.as_str().to_string(), e.phrases[0].text.clone()));
                }
            }
            n += e.phrases.len();
            b.actor(LexActor {
                phrases: e.phrases.into_iter().map(|p| p.keys).collect(),
                codes: e.codes,
                origin: Origin {
                    source: src,
                    line: e.line as u32,
                },
            });
        }
        report.counts.push((format!("{name} phrases"), n));
    }
    for (code, name) in countries {
        b.country(Country {
            cameo: ActorCode::new(&code)?,
            iso3: code,
            name,
        });
    }
    for path in agent_files {
        let text = read_text(path)?;
        report.soft_errors += text.errors.len();
        let agents = parse_agents(&text.value);
        report.soft_errors += agents.errors.len();
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let src = b.source(&name);
        let n = agents.value.entries.len();
        for a in agents.value.entries {
            b.agent(LexAgent {
                keys: a.keys,
                code: a.code,
                origin: Origin {
                    source: src,
                    line: a.line as u32,
                },
            });
        }
        report.counts.push((format!("{name} forms"), n));
    }
    Ok((b.build()?, report))
}

/// The verb file of the default lexicon.
pub const VERB_FILE: &str = "CAMEO.2.0.txt";

/// Builds the default verb dictionary file (`lexicon/verbs.txt`): `CAMEO.2.0.txt` parsed and
/// written back in PETRARCH-2 syntax with every form spelled out, under a header with the
/// format version and a checksum. Refuses to write a file that does not read back the same.
pub fn assemble_verbs(petrarch_dir: &Path) -> Result<(String, crate::verbs::VerbDictionary)> {
    let path = petrarch_dir.join(VERB_FILE);
    let text = read_text(&path)?;
    let dict = crate::verbs::parse_verbs(&text.value).value;
    let body = dict.to_petrarch();
    let again = crate::verbs::parse_verbs(&body);
    let same = again.errors.is_empty()
        && again.value.synsets.len() == dict.synsets.len()
        && again.value.blocks.len() == dict.blocks.len()
        && again.value.blocks.iter().zip(&dict.blocks).all(|(a, b)| {
            a.name == b.name
                && a.codes == b.codes
                && a.patterns
                    .iter()
                    .map(|p| (&p.elements, p.codes))
                    .eq(b.patterns.iter().map(|p| (&p.elements, p.codes)))
                && a.verbs
                    .iter()
                    .map(|v| (&v.forms, v.codes))
                    .eq(b.verbs.iter().map(|v| (&v.forms, v.codes)))
        });
    if !same {
        return Err(Error::Format(format!(
            "{VERB_FILE} does not read back the same once written ({} errors)",
            again.errors.len()
        )));
    }
    Ok((crate::verbs::with_verb_header(&body), dict))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_spanish_forms() {
        assert_eq!(
            inflections("fr", "algerien"),
            ["algerien", "algerienne", "algeriennes", "algeriens"]
        );
        assert_eq!(
            inflections("fr", "marocain"),
            ["marocain", "marocaine", "marocaines", "marocains"]
        );
        assert_eq!(inflections("es", "marroqui"), ["marroqui", "marroquies"]);
        assert_eq!(
            inflections("es", "argelino"),
            ["argelina", "argelinas", "argelino", "argelinos"]
        );
    }
}
