//! Actor resolution without a parse: dictionary phrases in a sentence are grouped into
//! mentions and their codes composed, country × sector.
//!
//! A *group* is a run of dictionary hits joined only by connectors (`of`, `the`, `'s`,
//! `in charge of`, brackets; not `for`: an "envoy for Western Sahara" is not Sahrawi): "the Inspector General of the Royal Armed Forces (FAR)". Within a
//! group, hits are split into segments at `of`-like connectors; walking segments from the last
//! (the innermost complement) back, the first segment holding an organisation with a role
//! (`MARMIL`) or a title agent (`~GOVMIL`) decides the role. The country comes from the
//! actors of the group (`Moroccan`, `Morocco's`). So:
//!
//! - "Moroccan Foreign Minister" → `MAR` + `~GOV` → `MARGOV`;
//! - "the Minister Delegate in charge of the Moroccan National Defence Administration" → the
//!   last segment's agent `~GOVMIL` → `MARGOV`, sectors `GOV`, `MIL` (defence);
//! - "the Inspector General of the Royal Armed Forces (FAR)" → the organisation `MARMIL`.
//!
//! A title followed by capitalised words absorbs them as a name ("Foreign Minister Nasser
//! Bourita" is one mention). A group of agents alone ("the minister") names no actor yet:
//! that needs coreference, which comes with the parse.

use std::fmt;

use dyad_text::Span;

use crate::code::{ActorCode, AgentPosition, DictDate};
use crate::lexicon::{Lexicon, Origin, PhraseHit, Target};
use crate::phrase::{Key, KeyBuf, push_keys, push_keys_into};

/// Role codes that are sectors of an actor (the rest of a code's components are
/// organisations or regions, e.g. `UNO`, `EUR`).
const SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "INS", "SPY", "ELI", "MED", "BUS", "CVL",
    "EDU", "HLH", "LAB", "AGR", "REF", "HRI", "ENV", "CRM", "DEV", "RAD", "MOD", "PTY", "SEP",
    "UAF", "IGO", "NGO", "NGM",
];

/// Why a mention got its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The rule: `dictionary`, `country + title`, `organisation`, `title of organisation`.
    pub rule: &'static str,
    /// The dictionary entries used: matched text and entry origin (`source:line`).
    pub entries: Vec<(String, String)>,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rule)?;
        for (i, (text, origin)) in self.entries.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { "; " })?;
            write!(f, "{text:?} ({origin})")?;
        }
        Ok(())
    }
}

/// An actor mention in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorMention {
    /// Byte span in the text.
    pub span: Span,
    /// The actor code (`MARGOV`).
    pub code: ActorCode,
    /// ISO 3166 alpha-3 of the actor's country, `None` for IGOs and transnational groups.
    pub country_iso3: Option<String>,
    /// Sectors, as CAMEO role codes (`GOV`, `MIL`: a defence minister is both).
    pub sectors: Vec<String>,
    /// Which entries and rule gave the code.
    pub reason: Reason,
    /// The personal name in the mention, when one was read after a title ("Foreign Minister
    /// *Khaled Sehili*"); coreference uses it.
    pub name: Option<Span>,
}

/// A composed group: a mention, or a titled name with no country yet ("General Chaâbane").
#[derive(Debug, Clone)]
enum Composed {
    Mention(ActorMention, Vec<String>),
    TitledName {
        span: Span,
        name: Span,
        name_keys: Vec<String>,
        roles: ActorCode,
        entries: Vec<(String, String)>,
    },
    Definite {
        span: Span,
        roles: ActorCode,
        title: String,
        count: usize,
        /// The text gives the number ("the two ministers", "both leaders").
        counted: bool,
        entries: Vec<(String, String)>,
    },
}

/// A token handed in by a tokenizer: its span in the text and its folded form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenRef<'a> {
    /// Byte span in the text.
    pub span: Span,
    /// Folded form.
    pub folded: &'a str,
}

/// "Bourita received his Mauritanian counterpart": a counterpart holds the office of the
/// person before it in the sentence in another country, so a bare country followed by
/// "counterpart(s)" takes that person's first role (`MRTGOV`) and the word joins the
/// mention; later references ("the two ministers", "the two sides") then find a person.
fn counterpart_roles(text: &str, out: &mut [ActorMention]) {
    for i in 0..out.len() {
        let m = &out[i];
        let after = text.get(m.span.end..).unwrap_or("");
        let trimmed = after.trim_start();
        let word = trimmed
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if m.code.as_str().len() != 3 || !matches!(word, "counterpart" | "counterparts") {
            continue;
        }
        let Some(owner) = out[..i]
            .iter()
            .rev()
            .find(|o| {
                o.country_iso3.is_some()
                    && o.country_iso3 != m.country_iso3
                    && o.code.roles().next().is_some()
            })
            .cloned()
        else {
            continue;
        };
        let Some(role) = owner.code.roles().next() else {
            continue;
        };
        let Ok(code) = ActorCode::new(&format!("{}{role}", m.code.as_str())) else {
            continue;
        };
        let end = m.span.end + (after.len() - trimmed.len()) + word.len();
        let m = &mut out[i];
        m.code = code;
        m.sectors = vec![role.to_string()];
        m.span = Span::new(m.span.start, end);
        m.reason.rule = "country + title";
        m.reason.entries.push((
            word.to_string(),
            format!("holds the office of {}", owner.span.slice(text)),
        ));
    }
}

/// Whether the title words `title` (folded) hold `words` as a title of its own: "secretary" is
/// in "Secretary of State" but not in "Secretary-General", another office.
fn holds_title(title: &[&str], words: &[&str]) -> bool {
    let n = words.len();
    (0..(title.len() + 1).saturating_sub(n)).any(|i| {
        title[i..i + n] == *words
            && (words.last() == Some(&"general") || title.get(i + n) != Some(&"general"))
    })
}

/// Words of people who are foreigners where they are: a place does not give them its
/// country ("migrants in Sfax").
const FOREIGNER_WORDS: &[&str] = &[
    "migrant",
    "migrants",
    "refugee",
    "refugees",
    "asylum",
    "foreigner",
    "foreigners",
    "tourist",
    "tourists",
    "expatriate",
    "expatriates",
];

/// Words that may join the hits of one mention.
fn is_connector(key: &str) -> bool {
    matches!(
        key,
        "of" | "the"
            | "'s"
            | "in"
            | "near"
            | "from"
            | "current"
            | "former"
            | "new"
            | "then"
            | "acting"
            | "interim"
            | "joint"
            | "deputy"
            | "vice"
            | "first"
            | "assistant"
            | "senior"
            | "top"
            | "outgoing"
            | "charge"
            | "("
            | ")"
            | "de"
            | "du"
            | "des"
            | "la"
            | "le"
            | "l'"
    )
}

/// Words that end a run of epithets: articles, prepositions, pronouns, auxiliaries.
fn is_function_word(key: &str) -> bool {
    matches!(
        key,
        "the"
            | "a"
            | "an"
            | "of"
            | "for"
            | "to"
            | "with"
            | "on"
            | "in"
            | "at"
            | "by"
            | "from"
            | "about"
            | "against"
            | "over"
            | "that"
            | "this"
            | "which"
            | "who"
            | "its"
            | "their"
            | "his"
            | "her"
            | "is"
            | "was"
            | "are"
            | "were"
            | "has"
            | "had"
            | "have"
            | "will"
            | "would"
    )
}

/// Connectors that start a complement (a new segment).
fn is_of(key: &str) -> bool {
    matches!(key, "of" | "charge" | "de" | "du" | "des")
}

#[derive(Debug, Clone)]
enum Piece {
    Actor {
        code: ActorCode,
        origin: Origin,
        /// The entry's codes are dated (a person's offices: "President Obama").
        person: bool,
        /// A dated entry's code a year before the report date (an office held lately).
        year_before: Option<ActorCode>,
    },
    Agent {
        code: crate::code::AgentCode,
        origin: Origin,
    },
}

/// Reusable buffers for resolution (no allocation per token on the hot path beyond keys).
#[derive(Debug, Default)]
pub struct ResolveBuffers {
    keys: KeyBuf,
    bytes: Vec<u8>,
    hits: Vec<PhraseHit>,
}

impl Lexicon {
    /// Finds actor mentions in `text` (one sentence or more), tokenising with the lexicon's
    /// own key splitter. Date-restricted codes are resolved at `date`.
    pub fn actor_mentions(&self, text: &str, date: DictDate) -> Vec<ActorMention> {
        let mut buf = ResolveBuffers::default();
        push_keys_into(text, 0, &mut buf.keys);
        self.mentions_from_keys(text, date, &mut buf)
    }

    /// Finds actor mentions in a sentence given by a tokenizer's tokens (spans into `text`).
    pub fn actor_mentions_in_tokens(
        &self,
        text: &str,
        tokens: &[TokenRef<'_>],
        date: DictDate,
        buf: &mut ResolveBuffers,
    ) -> Vec<ActorMention> {
        buf.keys.clear();
        for t in tokens {
            let start = buf.keys.len();
            push_keys_into(t.folded, 0, &mut buf.keys);
            for k in &mut buf.keys.as_mut_slice()[start..] {
                k.span = t.span;
            }
        }
        self.mentions_from_keys(text, date, buf)
    }

    fn mentions_from_keys(
        &self,
        text: &str,
        date: DictDate,
        buf: &mut ResolveBuffers,
    ) -> Vec<ActorMention> {
        let mut out: Vec<ActorMention> = self
            .compose_from_keys(text, date, buf)
            .into_iter()
            .filter_map(|c| match c {
                Composed::Mention(m, _) => Some(m),
                Composed::TitledName { .. } | Composed::Definite { .. } => None,
            })
            .collect();
        counterpart_roles(text, &mut out);
        out
    }

    fn compose_from_keys(
        &self,
        text: &str,
        date: DictDate,
        buf: &mut ResolveBuffers,
    ) -> Vec<Composed> {
        buf.hits.clear();
        self.find_phrases(buf.keys.as_slice(), &mut buf.bytes, &mut buf.hits);
        let keys = buf.keys.as_slice();
        let original = |k: &Key| text.get(k.span.range()).unwrap_or("");
        // Keep usable hits with their pieces.
        let mut pieces: Vec<(PhraseHit, Piece)> = Vec::new();
        for h in &buf.hits {
            match h.target {
                Target::Actor(i) => {
                    let actor = &self.actors()[i as usize];
                    let Some(code) = actor.codes.at(date) else {
                        continue;
                    };
                    let person = actor
                        .codes
                        .rules
                        .iter()
                        .any(|r| r.range != crate::code::DateRange::Always);
                    // One short word must look like a name: an acronym in capitals ("FAR",
                    // "US"), or a capitalised word of four letters or more.
                    if h.end - h.start == 1 {
                        let o = original(&keys[h.start]);
                        let letters = o.chars().filter(|c| c.is_alphabetic()).count();
                        let all_caps = o
                            .chars()
                            .filter(|c| c.is_alphabetic())
                            .all(char::is_uppercase);
                        let capitalised = o.chars().next().is_some_and(char::is_uppercase);
                        if !(all_caps
                            || (capitalised && letters >= 4)
                            || self.matches_lower_case(actor.origin))
                        {
                            continue;
                        }
                    }
                    pieces.push((
                        *h,
                        Piece::Actor {
                            code: code.clone(),
                            origin: actor.origin,
                            person,
                            year_before: person
                                .then(|| actor.codes.at(date.year_before()).cloned())
                                .flatten(),
                        },
                    ));
                }
                Target::Agent(i) => {
                    let agent = &self.agents()[i as usize];
                    pieces.push((
                        *h,
                        Piece::Agent {
                            code: agent.code.clone(),
                            origin: agent.origin,
                        },
                    ));
                }
            }
        }
        // A phrase that is both an actor and a title ("National Security Adviser": the
        // American one) is the title right after another country's name ("Indian National
        // Security Adviser").
        for a in 0..pieces.len() {
            let (hit, Piece::Actor { .. }) = (pieces[a].0, &pieces[a].1) else {
                continue;
            };
            let Some(g) = hit.title else { continue };
            let after_country = a > 0
                && pieces[a - 1].0.end == hit.start
                && matches!(&pieces[a - 1].1, Piece::Actor { code, .. } if self.country_of(code).is_some());
            if after_country {
                let agent = &self.agents()[g as usize];
                pieces[a].1 = Piece::Agent {
                    code: agent.code.clone(),
                    origin: agent.origin,
                };
            }
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < pieces.len() {
            // Extend the group while the gap holds connectors only.
            let mut j = i + 1;
            let mut segment_starts = vec![i];
            while j < pieces.len() {
                let gap = &keys[pieces[j - 1].0.end..pieces[j].0.start];
                // A possessor and its title may have epithets between ("Ithilen's awful and
                // evil minister", "Morocco's long-serving foreign minister").
                let epithets = matches!(pieces[j - 1].1, Piece::Actor { .. })
                    && matches!(pieces[j].1, Piece::Agent { .. })
                    && gap.len() >= 2
                    && gap.len() <= 5
                    && gap[0].text == "'s"
                    && gap[1..].iter().all(|k| {
                        matches!(k.text.as_str(), "and" | ",")
                            || (k.text.chars().all(char::is_alphabetic)
                                && !is_function_word(&k.text)
                                && original(k).chars().next().is_some_and(char::is_lowercase))
                    });
                if !epithets && (gap.len() > 4 || !gap.iter().all(|k| is_connector(&k.text))) {
                    break;
                }
                // `in` (and `near`) joins only as `in charge of`, or a title without a country
                // yet to the country it is in ("lawmakers in Fornost", "activists in Morocco",
                // "militias near Tripoli"; not "the Moroccan ambassador in Algiers").
                let titled_alone = matches!(pieces[j - 1].1, Piece::Agent { .. })
                    && pieces[i..j]
                        .iter()
                        .all(|p| matches!(p.1, Piece::Agent { .. }))
                    && matches!(pieces[j].1, Piece::Actor { .. });
                let located = gap.iter().enumerate().any(|(g, k)| {
                    (k.text == "in" && gap.get(g + 1).is_none_or(|n| n.text != "charge"))
                        || k.text == "near"
                });
                // Migrants, refugees and other foreigners are not of the country they are in
                // ("sub-Saharan migrants in Sfax").
                let foreigners = keys[pieces[i].0.start..pieces[j - 1].0.end]
                    .iter()
                    .any(|k| FOREIGNER_WORDS.contains(&k.text.as_str()));
                if located && (!titled_alone || foreigners) {
                    break;
                }
                // Nor does it join when a possessive already says whose the holders are ("its
                // soldiers in Mali"), or when the country word modifies a noun of its own
                // ("soldiers near the *Libyan* border").
                let possessed = pieces[i].0.start > 0
                    && matches!(
                        keys[pieces[i].0.start - 1].text.as_str(),
                        "its" | "their" | "his" | "her" | "our" | "my" | "your"
                    );
                let demonym = keys.get(pieces[j].0.end - 1).is_some_and(|k| {
                    ["an", "ese", "ish", "ic"]
                        .iter()
                        .any(|suffix| k.text.ends_with(suffix))
                });
                let modifies = demonym
                    && keys.get(pieces[j].0.end).is_some_and(|k| {
                        k.text.chars().all(char::is_alphabetic)
                            && !is_function_word(&k.text)
                            && original(k).chars().next().is_some_and(char::is_lowercase)
                    });
                if located && (possessed || modifies) {
                    break;
                }
                // The place a title's holders are in gives their country, not its role: a
                // capital's government code ("Moscow" as `RUSGOV`) does not make "students in
                // Moscow" the government.
                if located
                    && let Piece::Actor { code, .. } = &pieces[j].1
                    && code.as_str().len() > 3
                    && self.country_of(code).is_some()
                    && let Ok(country) = ActorCode::new(code.head())
                    && let Piece::Actor { code, .. } = &mut pieces[j].1
                {
                    *code = country;
                }
                // `from` names where a title's holder comes from ("the ambassador from
                // Gondor"), unless a possessive already says whose it is: "France withdrew
                // its troops from Mali" (France's troops, leaving Mali).
                let owned = pieces[i].0.start > 0
                    && matches!(
                        keys[pieces[i].0.start - 1].text.as_str(),
                        "its" | "their" | "his" | "her" | "our" | "my" | "your"
                    );
                if owned && gap.iter().any(|k| k.text == "from") {
                    break;
                }
                // An agent ending in a preposition (`EMBASSY_IN`) locates, it does not own:
                // "the U.S. Embassy in Rabat" is two actors.
                let prev = &pieces[j - 1].0;
                if matches!(pieces[j - 1].1, Piece::Agent { .. })
                    && matches!(keys[prev.end - 1].text.as_str(), "in" | "to" | "at" | "on")
                {
                    break;
                }
                // Two countries side by side are two actors ("U.S.-Morocco relations").
                if gap.is_empty()
                    && let (Piece::Actor { code: a, .. }, Piece::Actor { code: b, .. }) =
                        (&pieces[j - 1].1, &pieces[j].1)
                    && a.head() != b.head()
                    && self.country_of(a).is_some()
                    && self.country_of(b).is_some()
                {
                    break;
                }
                if gap.iter().any(|k| is_of(&k.text)) {
                    segment_starts.push(j);
                }
                j += 1;
            }
            let next_hit_start = pieces.get(j).map_or(keys.len(), |p| p.0.start);
            if let Some(m) = self.coordinated_title(keys, &pieces, i..j, &out) {
                out.push(m);
                i = j;
                continue;
            }
            if let Some(m) = self.compose(
                text,
                keys,
                &pieces[i..j],
                &segment_starts,
                i,
                next_hit_start,
            ) {
                out.push(m);
            }
            i = j;
        }
        self.share_title_backwards(text, &mut out);
        // "the Russia-based Wagner Group": the seat of an actor with a code of its own is not
        // another actor ("a Somalia-based paramilitary group", "a Madrid-based university"
        // keep theirs: the place is all the country they have).
        let seat = |i: usize| {
            let Some(Composed::Mention(m, _)) = out.get(i) else {
                return false;
            };
            let based = text.get(m.span.end..).and_then(|rest| {
                ["-based ", "-born ", "-registered ", "-headquartered "]
                    .iter()
                    .find(|s| rest.starts_with(*s))
                    .map(|s| m.span.end + s.len())
            });
            based.is_some_and(|at| {
                matches!(out.get(i + 1), Some(Composed::Mention(n, _))
                    if n.span.start == at && n.code.as_str().len() > 3 && n.reason.rule == "dictionary")
            })
        };
        let drop: Vec<bool> = (0..out.len()).map(seat).collect();
        let mut i = 0;
        out.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
        out
    }

    /// A nationality joined by `and` (or a comma) to a titled mention of another country
    /// shares its title: "the Algerian and Tunisian presidents" → `DZAGOV`, `TUNGOV`. A
    /// country's name is the state itself ("Mali and Tunisian officials"), not shared.
    fn share_title_backwards(&self, text: &str, out: &mut [Composed]) {
        for i in 1..out.len() {
            let (before, after) = out.split_at_mut(i);
            let (Composed::Mention(a, _), Composed::Mention(b, _)) =
                (&mut before[i - 1], &after[0])
            else {
                continue;
            };
            let gap = text.get(a.span.end..b.span.start).unwrap_or("").trim();
            let adjective = |m: &ActorMention| {
                self.country_of(&m.code).is_some_and(|c| {
                    !m.span.slice(text).eq_ignore_ascii_case(&c.name)
                        && m.span
                            .slice(text)
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase)
                })
            };
            if a.reason.rule == "dictionary"
                && a.code.as_str().len() == 3
                && adjective(a)
                && matches!(gap, "and" | "," | ", and" | "-" | "–")
                && b.reason.rule == "country + title"
                && b.code.as_str().len() > 3
                && b.code.head() != a.code.head()
                && let Ok(code) = ActorCode::new(&format!("{}{}", a.code, &b.code.as_str()[3..]))
            {
                a.code = code;
                a.sectors = b.sectors.clone();
                a.reason.rule = "country + title";
                a.reason.entries.push((
                    b.code.as_str()[3..].to_string(),
                    "the title of the coordinated mention after".to_string(),
                ));
            }
        }
    }

    /// A title joined by `and` right after a country's titled mention shares its country:
    /// "Danish media and government" → `DNKMED`, `DNKGOV`; "Moroccan police and army".
    fn coordinated_title(
        &self,
        keys: &[Key],
        pieces: &[(PhraseHit, Piece)],
        group: std::ops::Range<usize>,
        out: &[Composed],
    ) -> Option<Composed> {
        let (i, j) = (group.start, group.end);
        let Some(Composed::Mention(prev, _)) = out.last() else {
            return None;
        };
        let agents: Vec<&crate::code::AgentCode> = pieces[i..j]
            .iter()
            .map(|(_, p)| match p {
                Piece::Agent { code, .. } if code.position == AgentPosition::Suffix => Some(code),
                _ => None,
            })
            .collect::<Option<_>>()?;
        if i == 0
            || prev.reason.rule != "country + title"
            || !matches!(pieces[i - 1].1, Piece::Agent { .. })
            || prev.span.end != keys[pieces[i - 1].0.end - 1].span.end
        {
            return None;
        }
        let gap = &keys[pieces[i - 1].0.end..pieces[i].0.start];
        if gap.len() != 1 || gap[0].text != "and" {
            return None;
        }
        let country = ActorCode::new(prev.code.as_str().get(..3)?).ok()?;
        let agent = agents.last()?;
        let code = if self.whole_codes() {
            whole_code(&country, &pieces[i..j])
        } else {
            country.with_suffix(agent.primary())
        };
        let sectors = agent
            .roles
            .as_str()
            .as_bytes()
            .chunks(3)
            .filter_map(|r| std::str::from_utf8(r).ok())
            .filter(|r| SECTORS.contains(r))
            .map(str::to_string)
            .collect();
        let span = Span::new(
            keys[pieces[i].0.start].span.start,
            keys[pieces[j - 1].0.end - 1].span.end,
        );
        let mut entries = vec![(
            format!("{} … {}", prev.code, agent.roles),
            "coordinated with the mention before".to_string(),
        )];
        entries.extend(prev.reason.entries.iter().take(1).cloned());
        Some(Composed::Mention(
            ActorMention {
                span,
                code,
                country_iso3: prev.country_iso3.clone(),
                sectors,
                reason: Reason {
                    rule: "coordinated title",
                    entries,
                },
                name: None,
            },
            Vec::new(),
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn compose(
        &self,
        text: &str,
        keys: &[Key],
        group: &[(PhraseHit, Piece)],
        segment_starts: &[usize],
        offset: usize,
        next_hit_start: usize,
    ) -> Option<Composed> {
        let actors: Vec<&ActorCode> = group
            .iter()
            .filter_map(|(_, p)| match p {
                Piece::Actor { code, .. } => Some(code),
                Piece::Agent { .. } => None,
            })
            .collect();
        let entries: Vec<(String, String)> = group
            .iter()
            .map(|(h, p)| {
                let span = Span::new(keys[h.start].span.start, keys[h.end - 1].span.end);
                let origin = match p {
                    Piece::Actor { origin, .. } | Piece::Agent { origin, .. } => *origin,
                };
                (span.slice(text).to_string(), self.origin_label(origin))
            })
            .collect();
        // Span: from the first hit to the last, plus a closing bracket and a following name.
        let mut first = group[0].0.start;
        while first + 1 < group[0].0.end
            && matches!(keys[first].text.as_str(), "the" | "l'" | "le" | "la")
        {
            first += 1;
        }
        let mut last = group[group.len() - 1].0.end;
        let mut name_start = last;
        let last_hit = &group[group.len() - 1].0;
        if matches!(group[group.len() - 1].1, Piece::Agent { .. })
            && !matches!(
                keys[last_hit.end - 1].text.as_str(),
                "in" | "to" | "at" | "on"
            )
        {
            let mut n = 0;
            name_start = last;
            while last < keys.len() && n < 4 && last < next_hit_start {
                let o = keys[last].span.slice(text);
                if o.chars().next().is_some_and(char::is_uppercase)
                    && o.chars().any(char::is_alphabetic)
                {
                    last += 1;
                    n += 1;
                } else {
                    break;
                }
            }
        }
        if last < keys.len()
            && keys[last].text == ")"
            && keys[first..last].iter().any(|k| k.text == "(")
        {
            last += 1;
        }
        while last > first + 1 && matches!(keys[last - 1].text.as_str(), "in" | "to" | "at" | "on")
        {
            last -= 1;
        }
        let span = Span::new(keys[first].span.start, keys[last - 1].span.end);
        // A dictionary name right after a title is a person ("Foreign Minister Nasser
        // Bourita"): remember it like an absorbed name.
        if name_start == last
            && group.len() >= 2
            && matches!(group[group.len() - 1].1, Piece::Actor { .. })
            && matches!(group[group.len() - 2].1, Piece::Agent { .. })
            && group[group.len() - 2].0.end == last_hit.start
            && keys[last_hit.start..last_hit.end].iter().all(|k| {
                k.span
                    .slice(text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            })
        {
            name_start = last_hit.start;
        }
        // A dictionary entry of a person with dated offices ("President Obama") names a
        // person as a title and a name do.
        if group.len() == 1
            && matches!(group[0].1, Piece::Actor { person: true, .. })
            && name_start == last
        {
            name_start = first;
        }
        let name_keys: Vec<String> = keys[name_start..last.max(name_start)]
            .iter()
            .filter(|k| k.text.chars().any(char::is_alphabetic))
            .map(|k| k.text.clone())
            .collect();
        let name = (!name_keys.is_empty())
            .then(|| Span::new(keys[name_start].span.start, keys[last - 1].span.end));
        if actors.is_empty() {
            // A title with a name but no country ("General Chaâbane"): coreference may
            // find who it is.
            let roles = head_agent(group, keys)?.roles.clone();
            let Some(name) = name else {
                // "the minister", "the two officials": a definite description.
                let before = group[0].0.start;
                let det = (before > 0).then(|| keys[before - 1].text.as_str());
                let det2 = (before > 1).then(|| keys[before - 2].text.as_str());
                let plural = keys[group[group.len() - 1].0.end - 1].text.ends_with('s');
                let count = match det {
                    Some("two" | "both") => 2,
                    Some("three") => 3,
                    // "the ministers": the two latest compatible people, if there are two.
                    _ if plural => 2,
                    _ => 1,
                };
                // "The Secretary and Foreign Minister": a capitalised title after "and"
                // shares the article of the title before it.
                let shared_article = det == Some("and")
                    && keys[before]
                        .span
                        .slice(text)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase);
                let definite = matches!(det, Some("the"))
                    || (count > 1 && matches!(det2, Some("the")))
                    || det == Some("both")
                    || shared_article;
                if !definite {
                    return None;
                }
                let start = if count > 1 && det2 == Some("the") {
                    before - 2
                } else if shared_article {
                    before
                } else {
                    before - 1
                };
                let span = Span::new(keys[start].span.start, span.end);
                let last_title = &group[group.len() - 1].0;
                let title = keys[last_title.start..last_title.end]
                    .iter()
                    .map(|k| k.text.trim_end_matches('s'))
                    .collect::<Vec<_>>()
                    .join(" ");
                return Some(Composed::Definite {
                    span,
                    roles,
                    title,
                    count,
                    counted: matches!(det, Some("two" | "both" | "three")),
                    entries,
                });
            };
            return Some(Composed::TitledName {
                span,
                name,
                name_keys,
                roles,
                entries,
            });
        }
        // The possessor ("Ithilen's … minister Calimehtar", "Arnor's Elrond"): an actor
        // followed by `'s`.
        let possessor: Option<&ActorCode> = group.iter().find_map(|(h, p)| match p {
            Piece::Actor { code, .. } if keys.get(h.end).is_some_and(|k| k.text == "'s") => {
                Some(code)
            }
            _ => None,
        });
        // Walk segments from the innermost complement outwards.
        let mut decided: Option<(&'static str, ActorCode, Vec<String>)> = None;
        let mut bounds: Vec<usize> = segment_starts.iter().map(|s| s - offset).collect();
        bounds.push(group.len());
        for w in bounds.windows(2).rev() {
            let seg = &group[w[0]..w[1]];
            if let Some((org, year_before)) = seg.iter().find_map(|(_, p)| match p {
                Piece::Actor {
                    code, year_before, ..
                } if code.as_str().len() > 3 => Some((code, year_before)),
                _ => None,
            }) {
                let mut sectors: Vec<String> = org
                    .roles()
                    .filter(|r| SECTORS.contains(r))
                    .map(str::to_string)
                    .collect();
                // Titles in the same segment refine the sectors when they agree on the role
                // ("Defence Minister X", `~GOVMIL` on `MRTGOV`: GOV, MIL); they never
                // contradict it ("Saharawi leader Brahim Ghali" stays REB).
                let org_role = org.roles().next();
                for (_, p) in seg {
                    if let Piece::Agent { code, .. } = p
                        && org_role == Some(code.primary())
                    {
                        for r in code.roles.as_str().as_bytes().chunks(3) {
                            let r = std::str::from_utf8(r).unwrap_or("");
                            if SECTORS.contains(&r) && !sectors.iter().any(|s| s == r) {
                                sectors.push(r.to_string());
                            }
                        }
                    }
                }
                let rule = if group.len() > 1 {
                    "organisation"
                } else {
                    "dictionary"
                };
                // An explicit country overrides a dictionary entry's default country:
                // "Chile's Defense Department" is Chile's, whatever the entry says.
                let explicit = actors.iter().find(|c| {
                    c.as_str().len() == 3 && self.country_of(c).is_some() && c.head() != org.head()
                });
                let org = match explicit {
                    Some(country) if self.country_of(org).is_some() => {
                        country.with_suffix(&org.as_str()[3..])
                    }
                    _ => org.clone(),
                };
                // A leader out of office within the year whom the text still gives the
                // office's title ("President Bazoum" after the coup, in the words of a
                // government that recognises him): the text's title is the role, unless it
                // says "former". Long out of office, the title is history (ELI).
                let former = keys[group[0].0.start..group[group.len() - 1].0.end]
                    .iter()
                    .any(|k| matches!(k.text.as_str(), "former" | "ex" | "then"));
                let titled_role = seg.iter().find_map(|(_, p)| match p {
                    Piece::Agent { code, .. } if code.primary() != "ELI" => Some(code.primary()),
                    _ => None,
                });
                let org = match titled_role {
                    Some(role)
                        if !former
                            && org.roles().next() == Some("ELI")
                            && year_before
                                .as_ref()
                                .is_some_and(|c| c.roles().next() == Some(role))
                            && self.country_of(&org).is_some() =>
                    {
                        sectors.retain(|s| s != "ELI");
                        if SECTORS.contains(&role) && !sectors.iter().any(|s| s == role) {
                            sectors.insert(0, role.to_string());
                        }
                        ActorCode::new(&format!("{}{role}", org.head())).unwrap_or(org)
                    }
                    _ => org,
                };
                let code = if self.whole_codes() {
                    whole_code(&org, group)
                } else {
                    primary_code(&org, self)
                };
                decided = Some((rule, code, sectors));
                break;
            }
            // The head of an English compound is its last noun: "deputy foreign minister".
            let agent = head_agent(seg, keys);
            if let Some(agent) = agent {
                // The country: the nearest actor (usually the only one).
                let mut base = actors.last().copied()?;
                // A name after the title is the holder, the possessor the country: "Ithilen's
                // minister Calimehtar" is Ithilen's minister.
                let last_agent = seg.iter().rev().find_map(|(h, p)| match p {
                    Piece::Agent { .. } => Some(h.start),
                    Piece::Actor { .. } => None,
                });
                let last_actor = group.iter().rev().find_map(|(h, p)| match p {
                    Piece::Actor { .. } => Some(h.start),
                    Piece::Agent { .. } => None,
                });
                if let (Some(p), Some(ag), Some(ac)) = (possessor, last_agent, last_actor)
                    && ac > ag
                    && p.as_str().len() == 3
                    && self.country_of(p).is_some()
                {
                    base = p;
                }
                let code = match agent.position {
                    AgentPosition::Suffix => {
                        if base.roles().next().is_some() {
                            base.clone()
                        } else {
                            base.with_suffix(agent.primary())
                        }
                    }
                    AgentPosition::Prefix => {
                        ActorCode::new(&format!("{}{}", agent.roles, base)).ok()?
                    }
                };
                let mut sectors: Vec<String> = base
                    .roles()
                    .filter(|r| SECTORS.contains(r))
                    .map(str::to_string)
                    .collect();
                for r in agent.roles.as_str().as_bytes().chunks(3) {
                    let r = std::str::from_utf8(r).unwrap_or("");
                    if SECTORS.contains(&r) && !sectors.iter().any(|s| s == r) {
                        sectors.push(r.to_string());
                    }
                }
                let code = if self.whole_codes() {
                    whole_code(base, group)
                } else {
                    primary_code(&code, self)
                };
                decided = Some(("country + title", code, sectors));
                break;
            }
        }
        let (rule, code, sectors) = decided.unwrap_or_else(|| {
            let best = actors
                .iter()
                // Equally specific codes: the possessor's ("Arnor's Elrond").
                .max_by_key(|c| {
                    (
                        c.as_str().len(),
                        possessor.is_some_and(|p| std::ptr::eq(**c, p)),
                    )
                })
                .copied()
                .unwrap_or(actors[0]);
            (
                "dictionary",
                best.clone(),
                best.roles()
                    .filter(|r| SECTORS.contains(r))
                    .map(str::to_string)
                    .collect(),
            )
        });
        let country_iso3 = self.country_of(&code).map(|c| c.iso3.clone());
        Some(Composed::Mention(
            ActorMention {
                span,
                code,
                country_iso3,
                sectors,
                reason: Reason { rule, entries },
                name,
            },
            name_keys,
        ))
    }
}

/// Whether a title without a country names an official of the government that issued the
/// document: its department's deputies and its envoys ("Deputy Secretary Victoria Nuland",
/// "Ambassador Cynthia Kierscht"), not officers or ministers, whom such documents name in the
/// countries they report on ("Brigadier General Moussa Salaou Barmou").
fn home_title(title: &str) -> bool {
    let folded = dyad_text::fold(title);
    folded.contains("secretary") || folded.contains("ambassador") || folded.contains("charge d")
}

/// A person met in the document: name keys and the code their first mention gave.
#[derive(Debug, Clone)]
struct Person {
    keys: Vec<String>,
    mention: ActorMention,
    text: String,
}

/// The folded words of a personal name written right after `span` ("Wendy Sherman" after
/// "Deputy Secretary of State"): two or three capitalised words (initials allowed) that no
/// composed group covers, ending before a lower-case word or punctuation.
fn unknown_name_after(
    keys: &[crate::phrase::Key],
    text: &str,
    span: Span,
    composed: &[Composed],
) -> Option<Vec<String>> {
    let first = keys.iter().position(|k| k.span.start >= span.end)?;
    if text.get(span.end..keys[first].span.start)? != " " {
        return None;
    }
    let covered = |s: Span| {
        composed.iter().any(|c| {
            let cs = match c {
                Composed::Mention(m, _) => m.span,
                Composed::TitledName { span, .. } | Composed::Definite { span, .. } => *span,
            };
            cs.overlaps(s)
        })
    };
    let mut words = Vec::new();
    for k in &keys[first..] {
        let written = k.span.slice(text);
        let capital = written.chars().next().is_some_and(char::is_uppercase)
            && written.chars().any(char::is_lowercase)
            || (written.len() == 2 && written.ends_with('.'));
        if !capital || covered(k.span) || words.len() == 3 {
            break;
        }
        words.push(k.text.clone());
    }
    let last_is_word = words.last().is_some_and(|w| w.chars().count() > 2);
    (words.len() >= 2 && last_is_word).then_some(words)
}

/// Whether a word (folded, and as written) is a first-person pronoun: "we", "us", "me", or
/// the capital "I".
pub fn is_first_person(folded: &str, written: &str) -> bool {
    match folded {
        "we" | "us" | "me" => true,
        "i" => written == "I",
        _ => false,
    }
}

/// The capitalised words (at most three) written right before `start` on the same line, with
/// the space after them: "Deputy Secretary " before "Wendy Sherman". Empty when the name opens
/// its line or follows lower-case words or punctuation. "The" and "the" are never part of it.
fn title_before(text: &str, start: usize) -> &str {
    let before = &text[..start];
    let mut from = start;
    let mut rest = before;
    for _ in 0..3 {
        let Some(r) = rest.strip_suffix(' ') else {
            break;
        };
        let word_start = r
            .rfind(|c: char| !(c.is_alphabetic() || c == '-'))
            .map_or(0, |i| i + r[i..].chars().next().map_or(1, char::len_utf8));
        let word = &r[word_start..];
        if word.is_empty()
            || !word.chars().next().is_some_and(char::is_uppercase)
            || word.eq_ignore_ascii_case("the")
        {
            break;
        }
        from = word_start;
        rest = &r[..word_start];
    }
    &text[from..start]
}

/// Whether two folded surnames are the same person's: equal, or one edit apart when both are
/// five letters or longer (`chaabane` / `chabane`).
fn same_surname(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < 5 || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    // Levenshtein distance <= 1.
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

/// Resolves actors sentence by sentence through one document, remembering the people it has
/// met: a titled name with no country takes the code of an apposition ("General El Mokhtar
/// Bolle Chaâbane, chief of staff of the Mauritanian Armed Forces") and keeps it; later
/// mentions by surname ("General Chaâbane", "Chaabane"), spelling variants included, take
/// the same code (rule `coreference`).
#[derive(Debug)]
pub struct DocumentResolver<'l> {
    lexicon: &'l Lexicon,
    date: DictDate,
    people: Vec<Person>,
    /// Every mention so far, with whether it was the first person mentioned in its sentence
    /// (the sentence's topic, which pronouns prefer) and the number of its sentence.
    history: Vec<(ActorMention, bool, usize)>,
    /// The number of sentences resolved so far.
    sentences: usize,
    /// Whom "I" and "we" stand for: a transcript turn's speaker, a statement's issuer.
    voice: Option<ActorMention>,
    /// The country of the government that issued the document, whose officials its titles
    /// name without a country ("Deputy Secretary Victoria Nuland" on state.gov).
    home: Option<String>,
    buf: ResolveBuffers,
}

impl<'l> DocumentResolver<'l> {
    /// A resolver for one document, resolving dated codes at `date`.
    pub fn new(lexicon: &'l Lexicon, date: DictDate) -> DocumentResolver<'l> {
        DocumentResolver {
            lexicon,
            date,
            people: Vec::new(),
            history: Vec::new(),
            sentences: 0,
            voice: None,
            home: None,
            buf: ResolveBuffers::default(),
        }
    }

    /// Sets whom the first-person pronouns of the sentences that follow stand for ("I", "we",
    /// "me", "us"): the speaker of a transcript turn, the issuer of a statement. `None` (the
    /// default) leaves them unresolved: in a news story "we" is whoever is quoted.
    pub fn set_voice(&mut self, voice: Option<ActorMention>) {
        self.voice = voice;
    }

    /// Sets the country of the government that issued the document (ISO 3166 alpha-3 as the
    /// lexicon's countries write it): a title and a name the dictionaries do not know, with no
    /// country, name one of its officials ("Deputy Secretary Victoria Nuland" in a State
    /// Department briefing, "Ambassador Cynthia Kierscht" in an embassy's release).
    pub fn set_home(&mut self, country: Option<String>) {
        self.home = country;
    }

    /// The actor first-person pronouns currently stand for.
    pub fn voice(&self) -> Option<&ActorMention> {
        self.voice.as_ref()
    }

    /// Learns the people named in a text that is not part of the document's body (its title),
    /// so that later mentions by surname, title and name, or in a speaker label take their
    /// codes. Nothing else is remembered: definite descriptions and pronouns still look only at
    /// the body.
    pub fn learn_people(&mut self, other: &str) {
        let history = self.history.len();
        let voice = self.voice.take();
        self.buf.keys.clear();
        push_keys_into(other, 0, &mut self.buf.keys);
        let _ = self.resolve_keys(other);
        self.history.truncate(history);
        self.voice = voice;
    }

    /// The mentions of the sentence at `span` of the document `text`.
    pub fn sentence(&mut self, text: &str, span: Span) -> Vec<ActorMention> {
        self.buf.keys.clear();
        push_keys_into(span.slice(text), span.start, &mut self.buf.keys);
        self.resolve_keys(text)
    }

    /// The mentions of a sentence given by a tokenizer's tokens (spans into `text`).
    pub fn sentence_tokens(&mut self, text: &str, tokens: &[TokenRef<'_>]) -> Vec<ActorMention> {
        self.buf.keys.clear();
        for t in tokens {
            let start = self.buf.keys.len();
            push_keys_into(t.folded, 0, &mut self.buf.keys);
            for k in &mut self.buf.keys.as_mut_slice()[start..] {
                k.span = t.span;
            }
        }
        self.resolve_keys(text)
    }

    fn find_person(&self, surname: &str) -> Option<&Person> {
        self.people
            .iter()
            .rev()
            .find(|p| p.keys.last().is_some_and(|s| same_surname(s, surname)))
    }

    /// The latest titled actor of the document whose dictionary entries hold the title `words`
    /// (folded): "secretary" in "Secretary of State Antony J. Blinken" (entries "Secretary of
    /// State", "Antony J. Blinken"). When that sentence names several ("President Obama called
    /// President Essebsi …"), the first of them, its subject: "The President condemned …" is
    /// the caller.
    fn titled_antecedent(&self, words: &[&str]) -> Option<ActorMention> {
        let holds = |m: &ActorMention| {
            if m.code.as_str().len() <= 3 || m.reason.rule == "voice" {
                return false;
            }
            m.reason.entries.iter().any(|(t, origin)| {
                if origin == "earlier in the document" {
                    return false;
                }
                let folded = dyad_text::fold(t);
                let title: Vec<&str> = folded
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                holds_title(&title, words)
            })
        };
        let latest = self.history.iter().rposition(|(m, _, _)| holds(m))?;
        let sentence = self.history[latest].2;
        self.history[..=latest]
            .iter()
            .rev()
            .take_while(|(_, _, s)| *s == sentence)
            .filter(|(m, _, _)| holds(m))
            .last()
            .map(|(m, _, _)| m.clone())
    }

    /// The latest person whose mention holds the title `words` (folded) outside their name:
    /// "secretary" in "Secretary of State Antony J. Blinken", "deputy secretary" in "Deputy
    /// Secretary of State Wendy Sherman".
    fn person_with_title(&self, words: &[&str]) -> Option<&Person> {
        self.people.iter().rev().find(|p| {
            let folded = dyad_text::fold(&p.text);
            let title: Vec<&str> = folded
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty() && !p.keys.iter().any(|k| k == w))
                .collect();
            holds_title(&title, words)
        })
    }

    fn coreferent(
        &self,
        span: Span,
        name: Span,
        person: &Person,
        mut entries: Vec<(String, String)>,
    ) -> ActorMention {
        entries.push((person.text.clone(), "earlier in the document".to_string()));
        ActorMention {
            span,
            code: person.mention.code.clone(),
            country_iso3: person.mention.country_iso3.clone(),
            sectors: person.mention.sectors.clone(),
            reason: Reason {
                rule: "coreference",
                entries,
            },
            name: Some(name),
        }
    }

    fn resolve_keys(&mut self, text: &str) -> Vec<ActorMention> {
        let composed = self
            .lexicon
            .compose_from_keys(text, self.date, &mut self.buf);
        let mut out: Vec<ActorMention> = Vec::new();
        for (i, c) in composed.iter().enumerate() {
            match c {
                Composed::Mention(m, name_keys) => {
                    // The title written before a known name is the person's too: "Secretary
                    // Antony J. Blinken" is "the Secretary" later on.
                    let title = title_before(text, m.span.start);
                    if !name_keys.is_empty() || (!title.is_empty() && m.code.as_str().len() > 3) {
                        let keys = if name_keys.is_empty() {
                            dyad_text::fold(m.span.slice(text))
                                .split(|c: char| !c.is_alphanumeric())
                                .filter(|w| !w.is_empty())
                                .map(str::to_string)
                                .collect()
                        } else {
                            name_keys.clone()
                        };
                        self.people.push(Person {
                            keys,
                            mention: m.clone(),
                            text: format!("{title}{}", m.span.slice(text)),
                        });
                    } else if m.code.as_str().len() > 3
                        && let Some(name) =
                            unknown_name_after(self.buf.keys.as_slice(), text, m.span, &composed)
                    {
                        // A titled office followed by a name the lexicon does not know: "Deputy
                        // Secretary of State Wendy Sherman" — "Deputy Secretary Sherman" later.
                        self.people.push(Person {
                            keys: name,
                            mention: m.clone(),
                            text: m.span.slice(text).to_string(),
                        });
                    }
                    out.push(m.clone());
                }
                Composed::TitledName {
                    span,
                    name,
                    name_keys,
                    roles,
                    entries,
                } => {
                    // Apposition: "General X, chief of staff of the Mauritanian Armed Forces".
                    if let Some(Composed::Mention(next, _)) = composed.get(i + 1) {
                        let between = text.get(span.end..next.span.start).unwrap_or("");
                        let between = between.trim();
                        if matches!(between, "," | ", the" | ", a" | "of" | "of the") {
                            let mut m = next.clone();
                            m.span = Span::new(span.start, span.end);
                            // "Brig. Gen. X, Mauritania": the title gives the role.
                            if m.code.as_str().len() == 3 {
                                m.code = m.code.with_suffix(roles.head());
                                m.sectors = roles
                                    .as_str()
                                    .as_bytes()
                                    .chunks(3)
                                    .map(|c| String::from_utf8_lossy(c).into_owned())
                                    .filter(|r| SECTORS.contains(&r.as_str()))
                                    .collect();
                            }
                            m.name = Some(*name);
                            let mut e = entries.clone();
                            e.extend(next.reason.entries.iter().cloned());
                            m.reason = Reason {
                                rule: "apposition",
                                entries: e,
                            };
                            self.people.push(Person {
                                keys: name_keys.clone(),
                                mention: m.clone(),
                                text: span.slice(text).to_string(),
                            });
                            out.push(m);
                            continue;
                        }
                    }
                    if let Some(p) = name_keys.last().and_then(|s| self.find_person(s)) {
                        let m = self.coreferent(*span, *name, p, entries.clone());
                        out.push(m);
                    } else if let Some(home) = &self.home
                        && entries.first().is_some_and(|(title, _)| home_title(title))
                        && let Some(country) =
                            self.lexicon.countries().iter().find(|c| &c.iso3 == home)
                        && let Ok(code) =
                            ActorCode::new(&format!("{}{}", country.cameo.as_str(), roles.as_str()))
                    {
                        let mut e = entries.clone();
                        e.push((home.clone(), "the issuer's country".to_string()));
                        let m = ActorMention {
                            span: *span,
                            country_iso3: Some(home.clone()),
                            sectors: roles
                                .as_str()
                                .as_bytes()
                                .chunks(3)
                                .map(|c| String::from_utf8_lossy(c).into_owned())
                                .filter(|r| SECTORS.contains(&r.as_str()))
                                .collect(),
                            code,
                            reason: Reason {
                                rule: "title + issuer's country",
                                entries: e,
                            },
                            name: Some(*name),
                        };
                        self.people.push(Person {
                            keys: name_keys.clone(),
                            mention: m.clone(),
                            text: span.slice(text).to_string(),
                        });
                        out.push(m);
                    }
                }
                Composed::Definite {
                    span,
                    roles,
                    title,
                    count,
                    counted,
                    entries,
                } => {
                    // "The two officials" of a meeting are its two sides whatever their
                    // roles (generals are officials too): see `two_parties`.
                    if *count == 2 && title.trim_end_matches('s') == "official" {
                        continue;
                    }
                    for a in self.compatible(roles, title, *count, *counted) {
                        let mut e = entries.clone();
                        e.push((
                            a.span.slice(text).to_string(),
                            "earlier in the document".to_string(),
                        ));
                        out.push(ActorMention {
                            span: *span,
                            reason: Reason {
                                rule: "coreference",
                                entries: e,
                            },
                            ..a
                        });
                    }
                }
            }
        }
        // Bare surnames of people met before ("Sehili said").
        let keys = self.buf.keys.as_slice();
        let mut extra = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            let original = k.span.slice(text);
            if k.text.chars().count() < 2
                || !original.chars().next().is_some_and(char::is_uppercase)
                || out.iter().any(|m| m.span.overlaps(k.span))
            {
                continue;
            }
            // The last capitalised word of a run is the surname ("Khaled Sehili").
            if keys.get(i + 1).is_some_and(|n| {
                n.span
                    .slice(text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            }) {
                continue;
            }
            let covered = |s: Span| out.iter().any(|m| m.span.overlaps(s));
            let mut start = i;
            while start > 0
                && keys[start - 1]
                    .span
                    .slice(text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && !covered(keys[start - 1].span)
                && i - start < 3
            {
                start -= 1;
            }
            if let Some(p) = self.find_person(&k.text) {
                // The name that introduced the person, right after its title ("Deputy
                // Secretary of State Wendy Sherman"): part of that mention, not another one.
                if start > 0
                    && keys[start - 1].span.end <= p.mention.span.end
                    && p.mention.span.end <= keys[start].span.start
                    && covered(keys[start - 1].span)
                {
                    continue;
                }
                let span = Span::new(keys[start].span.start, k.span.end);
                extra.push(self.coreferent(span, span, p, Vec::new()));
            }
        }
        out.extend(extra);
        // A capitalised title after "the" that no dictionary entry names alone ("The
        // Secretary", "the Deputy Secretary"): the latest person whose mention carried it
        // ("Secretary of State Antony J. Blinken").
        let mut titled = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            if k.text != "the" {
                continue;
            }
            let capital = |j: usize| {
                keys.get(j).is_some_and(|n| {
                    n.text.chars().all(char::is_alphabetic)
                        && n.span
                            .slice(text)
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase)
                        && !out
                            .iter()
                            .any(|m| m.span.start < n.span.end && n.span.start < m.span.end)
                })
            };
            let mut end = i + 1;
            while end < keys.len() && end - i <= 3 && capital(end) {
                end += 1;
            }
            // "The Secretary and …", "the President.": the run must end the noun phrase.
            if end == i + 1
                || end - i > 3
                || keys
                    .get(end)
                    .is_some_and(|n| matches!(n.text.as_str(), "of" | "'s" | "-"))
            {
                continue;
            }
            let words: Vec<&str> = keys[i + 1..end].iter().map(|k| k.text.as_str()).collect();
            let span = Span::new(keys[i].span.start, keys[end - 1].span.end);
            if let Some(a) = self.titled_antecedent(&words) {
                titled.push(ActorMention {
                    span,
                    reason: Reason {
                        rule: "coreference",
                        entries: vec![(
                            a.reason
                                .entries
                                .iter()
                                .map(|e| e.0.as_str())
                                .collect::<Vec<_>>()
                                .join(" "),
                            "earlier in the document".to_string(),
                        )],
                    },
                    name: Some(span),
                    ..a
                });
            } else if let Some(p) = self.person_with_title(&words) {
                titled.push(self.coreferent(span, span, p, Vec::new()));
            }
        }
        out.extend(titled);
        let pairs = self.two_parties(keys, text, &out);
        out.extend(pairs);
        // Personal pronouns: the person who opens the same sentence ("Townsend traveled to
        // Tunisia, where he met …"), else the topic of the latest sentence that
        // had a person (its first person), not simply the last person mentioned.
        let mut pronouns = Vec::new();
        for k in keys.iter() {
            if !matches!(k.text.as_str(), "he" | "she" | "him")
                || out
                    .iter()
                    .any(|m| m.span.start <= k.span.start && k.span.end <= m.span.end)
            {
                continue;
            }
            // (Only when the sentence opens with that person: "Secretary Blinken expressed to
            // Foreign Minister Bourita his regret he …" is left to the earlier topic.)
            let here = out
                .iter()
                .filter(|m| m.span.end <= k.span.start)
                .min_by_key(|m| m.span.start)
                .filter(|m| m.name.is_some())
                .cloned();
            let why = if here.is_some() {
                "the person who opens the sentence"
            } else {
                "topic of an earlier sentence"
            };
            if let Some(a) = here.or_else(|| self.topic()) {
                let entries = vec![(a.span.slice(text).to_string(), why.to_string())];
                // The person goes on: "She … She made clear … President Bazoum …; She asked"
                // is still the first person (the sentence's topic is the pronoun's person).
                pronouns.push(ActorMention {
                    span: k.span,
                    reason: Reason {
                        rule: "coreference",
                        entries,
                    },
                    ..a
                });
            }
        }
        out.extend(pronouns);
        // First-person pronouns: the voice, when one is set.
        if let Some(voice) = &self.voice {
            let mut first = Vec::new();
            for k in keys.iter() {
                let is_first = is_first_person(&k.text, k.span.slice(text));
                if is_first
                    && !out
                        .iter()
                        .any(|m| m.span.start <= k.span.start && k.span.end <= m.span.end)
                {
                    first.push(ActorMention {
                        span: k.span,
                        reason: Reason {
                            rule: "voice",
                            entries: vec![(
                                voice.code.as_str().to_string(),
                                "speaker of the turn or issuer of the statement".to_string(),
                            )],
                        },
                        name: None,
                        ..voice.clone()
                    });
                }
            }
            out.extend(first);
        }
        out.sort_by_key(|m| m.span.start);
        self.share_coordinated_titles(text, &mut out);
        counterpart_roles(text, &mut out);
        let mut first_person = true;
        for m in &out {
            let is_person = m.name.is_some();
            self.history
                .push((m.clone(), is_person && first_person, self.sentences));
            if is_person {
                first_person = false;
            }
        }
        self.sentences += 1;
        out
    }

    /// Nationality adjectives coordinated before a titled mention share its title: "the
    /// Nigerien, the Burkinabe, and the Malian governments" are `NERGOV`, `BFAGOV`, `MLIGOV`;
    /// "the Burkinabé, French, and U.S. security personnel" `BFAMIL`, `FRAMIL`, `USAMIL`. A
    /// country's name ("Niger, Mali and the Malian government") is not an adjective and keeps
    /// its code; only commas, `and`, `or` and `the` may stand between the words.
    fn share_coordinated_titles(&self, text: &str, out: &mut [ActorMention]) {
        let is_adjective = |m: &ActorMention| {
            let written = m.span.slice(text);
            m.code.as_str().len() == 3
                && m.reason.rule == "dictionary"
                && written.chars().any(char::is_lowercase)
                && self.lexicon.country_of(&m.code).is_some_and(|c| {
                    let name = dyad_text::fold(&c.name);
                    let folded = dyad_text::fold(written);
                    folded != name && !name.starts_with(&folded)
                })
        };
        let joined = |a: &ActorMention, b: &ActorMention| {
            text.get(a.span.end..b.span.start).is_some_and(|gap| {
                gap.split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|w| !w.is_empty())
                    .all(|w| matches!(w, "and" | "or" | "the"))
            })
        };
        let mut i = 0;
        while i < out.len() {
            if !is_adjective(&out[i]) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < out.len() && joined(&out[j], &out[j + 1]) && is_adjective(&out[j + 1]) {
                j += 1;
            }
            let Some(titled) = out.get(j + 1).filter(|t| {
                t.reason.rule == "country + title"
                    && t.code.as_str().len() > 3
                    && joined(&out[j], t)
            }) else {
                i = j + 1;
                continue;
            };
            let roles: String = titled.code.roles().collect();
            let sectors = titled.sectors.clone();
            let entry = (
                titled.span.slice(text).to_string(),
                "title shared by coordination".to_string(),
            );
            for m in &mut out[i..=j] {
                if let Ok(code) = ActorCode::new(&format!("{}{roles}", m.code.as_str())) {
                    m.code = code;
                    m.sectors = sectors.clone();
                    m.reason.rule = "coordinated title";
                    m.reason.entries.push(entry.clone());
                }
            }
            i = j + 2;
        }
        // A title before its country ("medics from Burkina Faso", "the presidents of Mali")
        // is shared by the countries coordinated after it ("…, Mauritania and the
        // Netherlands": `MRTHLH`, `NLDHLH`).
        let mut i = 0;
        while i < out.len() {
            let t = &out[i];
            let written = t.span.slice(text);
            let postnominal = t.reason.rule == "country + title"
                && t.code.as_str().len() > 3
                && (written.contains(" from ") || written.contains(" of "))
                && t.reason
                    .entries
                    .last()
                    .is_some_and(|(c, _)| written.ends_with(c.as_str()));
            if !postnominal {
                i += 1;
                continue;
            }
            let roles: String = t.code.roles().collect();
            let sectors = t.sectors.clone();
            let entry = (
                written.to_string(),
                "title shared by coordination".to_string(),
            );
            let mut j = i + 1;
            while j < out.len()
                && joined(&out[j - 1], &out[j])
                && out[j].code.as_str().len() == 3
                && out[j].reason.rule == "dictionary"
            {
                if let Ok(code) = ActorCode::new(&format!("{}{roles}", out[j].code.as_str())) {
                    let m = &mut out[j];
                    m.code = code;
                    m.sectors = sectors.clone();
                    m.reason.rule = "coordinated title";
                    m.reason.entries.push(entry.clone());
                }
                j += 1;
            }
            i = j;
        }
    }

    /// "The two countries", "both nations": the two latest countries named before, in the
    /// sentence or the document ("the visit of King Mohammed VI to Senegal, during which the
    /// two countries signed …": `MAR`, `SEN`). "The two sides", "delegations", "parties" or
    /// "officials" are the two latest people or bodies of different countries, with their
    /// roles (`MARMIL`, `SENMIL`).
    fn two_parties(&self, keys: &[Key], text: &str, out: &[ActorMention]) -> Vec<ActorMention> {
        let mut pairs = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            // "They" opening a sentence after one that named two parties: those parties
            // ("The Egyptian and Sudanese leaders met in Cairo. They discussed …").
            let they = i == 0 && k.text == "they";
            let noun_at = match k.text.as_str() {
                "the" if keys.get(i + 1).is_some_and(|n| n.text == "two") => i + 2,
                "both" => i + 1,
                _ if they => i,
                _ => continue,
            };
            let Some(noun) = keys.get(noun_at) else {
                continue;
            };
            let whole = matches!(
                noun.text.as_str(),
                "countries" | "nations" | "neighbours" | "neighbors" | "states"
            );
            // "The two sides", "the two delegations", "the two officials": the two latest
            // people or bodies of different countries, with their roles.
            let people = they
                || matches!(
                    noun.text.as_str(),
                    "sides" | "delegations" | "parties" | "officials"
                );
            let span = Span::new(k.span.start, noun.span.end);
            if !(whole || people) || out.iter().any(|m| m.span.overlaps(span)) {
                continue;
            }
            // The same sentence's earlier actors first ("the visit of King Mohammed VI to
            // Senegal, during which the two countries signed …"): the latest two that fit, of
            // different countries. Sides and officials are people, else titled bodies.
            let latest_two = |fits: &dyn Fn(&ActorMention) -> bool| {
                let mut found: Vec<&ActorMention> = Vec::new();
                let earlier = out.iter().rev().filter(|m| m.span.end <= span.start);
                // ("They": the previous sentence's actors, its subjects first.)
                let previous = self.sentences.checked_sub(1);
                let history: Vec<&ActorMention> = if they {
                    self.history
                        .iter()
                        .filter(|(_, _, s)| Some(*s) == previous)
                        .map(|(m, _, _)| m)
                        .collect()
                } else {
                    self.history.iter().rev().map(|(m, _, _)| m).collect()
                };
                for m in earlier.chain(history) {
                    if m.reason.rule != "voice"
                        && m.country_iso3.is_some()
                        && fits(m)
                        && !found.iter().any(|f| f.country_iso3 == m.country_iso3)
                    {
                        found.push(m);
                        if found.len() == 2 {
                            break;
                        }
                    }
                }
                found
            };
            let mut found = latest_two(&|m| !people || m.name.is_some());
            if people && found.len() < 2 {
                found = latest_two(&|m| m.name.is_some() || !m.sectors.is_empty());
            }
            if found.len() < 2 {
                continue;
            }
            for a in found {
                let code = match people {
                    true => a.code.clone(),
                    false => match ActorCode::new(a.code.head()) {
                        Ok(c) => c,
                        Err(_) => continue,
                    },
                };
                pairs.push(ActorMention {
                    span,
                    code,
                    country_iso3: a.country_iso3.clone(),
                    sectors: if people {
                        a.sectors.clone()
                    } else {
                        Vec::new()
                    },
                    reason: Reason {
                        rule: "coreference",
                        entries: vec![(
                            a.span.slice(text).to_string(),
                            "earlier in the document".to_string(),
                        )],
                    },
                    name: None,
                });
            }
        }
        pairs
    }

    /// The latest sentence topic that is a person, else the latest person.
    fn topic(&self) -> Option<ActorMention> {
        self.history
            .iter()
            .rev()
            .find(|(m, topic, _)| *topic && m.name.is_some())
            .or_else(|| self.history.iter().rev().find(|(m, _, _)| m.name.is_some()))
            .map(|(m, _, _)| m.clone())
    }

    /// The latest `count` distinct earlier actors compatible with a title's roles: same first
    /// role, and the second role too when the title has one (a defence minister is GOV+MIL).
    /// One antecedent with the same title is the first such actor of the latest sentence that
    /// has one.
    fn compatible(
        &self,
        roles: &ActorCode,
        title: &str,
        count: usize,
        counted: bool,
    ) -> Vec<ActorMention> {
        let wanted: Vec<&str> = roles
            .as_str()
            .as_bytes()
            .chunks(3)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .collect();
        let has = |m: &ActorMention, r: &str| m.sectors.iter().any(|s| s == r);
        let fits = |pass: usize, m: &ActorMention| {
            let same_title = !title.is_empty()
                && m.reason.entries.iter().any(|(t, _)| {
                    let t = dyad_text::fold(t);
                    let joined = t
                        .split(|c: char| !c.is_alphanumeric())
                        .map(|w| w.trim_end_matches('s'))
                        .collect::<Vec<_>>()
                        .join(" ");
                    // ("secretary" is not the "secretary general", another office.)
                    joined
                        .match_indices(title)
                        .any(|(i, _)| !joined[i + title.len()..].starts_with(" general"))
                });
            let all = wanted.iter().all(|r| has(m, r));
            let first = wanted.first().is_some_and(|r| has(m, r));
            let ok = match pass {
                0 => same_title && all,
                1 => same_title && first,
                2 => all,
                _ => first,
            };
            // Antecedents are people and titled actors, not places ("Madrid").
            let titled = m.name.is_some()
                || matches!(
                    m.reason.rule,
                    "country + title" | "organisation" | "apposition" | "coreference"
                );
            // (Several: people named, or, when the text counts them, titled actors with a
            // role — "the two ministers" after "his Mauritanian counterpart", "the two
            // presidents" after "the Egyptian and Sudanese leaders".)
            ok && titled && (count == 1 || m.name.is_some() || (counted && !m.sectors.is_empty()))
        };
        let mut out: Vec<ActorMention> = Vec::new();
        // Passes from strict to loose: the same title and every role ("the defence minister"
        // → a defence minister), the same title, every role, the first role.
        for pass in 0..4 {
            if count == 1 {
                // One antecedent: the latest sentence with a fitting actor, and of its fitting
                // actors the first, the sentence's subject, when the title is the same
                // ("President Obama called President Essebsi …; The President condemned …" is
                // Obama); by roles alone, the latest.
                let Some(latest) = self.history.iter().rposition(|(m, _, _)| fits(pass, m)) else {
                    continue;
                };
                if pass >= 2 {
                    return vec![self.history[latest].0.clone()];
                }
                let sentence = self.history[latest].2;
                return self.history[..=latest]
                    .iter()
                    .rev()
                    .take_while(|(_, _, s)| *s == sentence)
                    .filter(|(m, _, _)| fits(pass, m))
                    .last()
                    .map(|(m, _, _)| vec![m.clone()])
                    .unwrap_or_default();
            }
            // Two or more: of different countries first ("the two leaders" of a call are its
            // two sides, not the same president named twice), else any.
            for sides in [true, false] {
                for (m, _, _) in self.history.iter().rev() {
                    if out.len() == count {
                        break;
                    }
                    let distinct = !out.iter().any(|o| {
                        o.name.is_some()
                            && m.name.is_some()
                            && o.reason.entries.last() == m.reason.entries.last()
                            || o.span == m.span
                            || sides && o.country_iso3 == m.country_iso3
                    });
                    if distinct && fits(pass, m) {
                        out.push(m.clone());
                    }
                }
                if out.len() == count {
                    return out;
                }
                out.clear();
            }
        }
        if out.len() == count { out } else { Vec::new() }
    }
}

/// The code of a short noun phrase taken as a whole (for look-ups and evaluations): the
/// longest mention when there is one, else the title alone (country unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseCode {
    /// The actor code, `None` when only a title matched ("gunmen": no country).
    pub code: Option<ActorCode>,
    /// ISO 3166 alpha-3 of the country, when known.
    pub country_iso3: Option<String>,
    /// Sectors (CAMEO role codes), in order.
    pub sectors: Vec<String>,
    /// Why.
    pub reason: Reason,
}

impl Lexicon {
    /// Resolves a short noun phrase ("Mexican authorities", "gunmen", "Vladimir Putin") to one
    /// code, or `None` when nothing in it is in the lexicon.
    pub fn resolve_noun_phrase(&self, text: &str, date: DictDate) -> Option<PhraseCode> {
        let mentions = self.actor_mentions(text, date);
        if let Some(m) = mentions
            .into_iter()
            .max_by_key(|m| (m.span.len(), std::cmp::Reverse(m.span.start)))
        {
            return Some(PhraseCode {
                code: Some(m.code),
                country_iso3: m.country_iso3,
                sectors: m.sectors,
                reason: m.reason,
            });
        }
        // No actor: the first title, with its sectors.
        let mut keys = Vec::new();
        push_keys(text, 0, &mut keys);
        let (mut bytes, mut hits) = (Vec::new(), Vec::new());
        self.find_phrases(&keys, &mut bytes, &mut hits);
        hits.iter().find_map(|h| match h.target {
            Target::Agent(i) => {
                let agent = &self.agents()[i as usize];
                let span = Span::new(keys[h.start].span.start, keys[h.end - 1].span.end);
                Some(PhraseCode {
                    code: None,
                    country_iso3: None,
                    sectors: agent
                        .code
                        .roles
                        .as_str()
                        .as_bytes()
                        .chunks(3)
                        .map(|c| String::from_utf8_lossy(c).into_owned())
                        .collect(),
                    reason: Reason {
                        rule: "title only",
                        entries: vec![(
                            span.slice(text).to_string(),
                            self.origin_label(agent.origin),
                        )],
                    },
                })
            }
            Target::Actor(_) => None,
        })
    }
}

/// `base` with the roles of every agent of its group, as PETRARCH writes codes: prefix agents
/// before it, suffix agents after it, a role the code already has not repeated.
fn whole_code(base: &ActorCode, group: &[(PhraseHit, Piece)]) -> ActorCode {
    let mut prefix = String::new();
    let mut code = base.as_str().to_string();
    for (_, p) in group {
        let Piece::Agent { code: agent, .. } = p else {
            continue;
        };
        let roles = agent.roles.as_str();
        match agent.position {
            AgentPosition::Prefix => {
                if !code.starts_with(roles) && !prefix.contains(roles) {
                    prefix.push_str(roles);
                }
            }
            AgentPosition::Suffix => {
                for r in roles.as_bytes().chunks(3) {
                    let has = code
                        .as_bytes()
                        .get(3..)
                        .is_some_and(|rest| rest.chunks(3).any(|c| c == r));
                    if !has {
                        code.push_str(std::str::from_utf8(r).unwrap_or(""));
                    }
                }
            }
        }
    }
    ActorCode::new(&format!("{prefix}{code}")).unwrap_or_else(|_| base.clone())
}

/// The agent heading a group: its last, unless that is a generic head right after another
/// agent, which then tells the sector ("militia leader", "opposition spokesman").
fn head_agent<'a>(
    group: &'a [(PhraseHit, Piece)],
    keys: &[Key],
) -> Option<&'a crate::code::AgentCode> {
    let mut agents = group.iter().rev().filter_map(|(h, p)| match p {
        Piece::Agent { code, .. } => Some((h, code)),
        Piece::Actor { .. } => None,
    });
    let (hl, last) = agents.next()?;
    let generic = hl.end == hl.start + 1 && GENERIC_HEADS.contains(&keys[hl.start].text.as_str());
    match agents.next() {
        Some((hm, m)) if generic && hm.end == hl.start && m.primary() != last.primary() => Some(m),
        _ => Some(last),
    }
}

/// Heads that name a person or group by rank alone: in a compound the word before them tells
/// the sector ("militia leader" is a militia's, "party official" a party's).
const GENERIC_HEADS: &[&str] = &[
    "leader",
    "leaders",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "member",
    "members",
    "chief",
    "head",
    "representative",
    "representatives",
];

/// A country-headed code keeps its country and first role (`MARGOVMIL` → `MARGOV`; the
/// rest are sectors); other codes are kept whole (`IGOUNOREFHCR`).
fn primary_code(code: &ActorCode, lexicon: &Lexicon) -> ActorCode {
    if lexicon.country_of(code).is_some() && code.as_str().len() > 6 {
        ActorCode::new(&code.as_str()[..6]).unwrap_or_else(|_| code.clone())
    } else {
        code.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> DictDate {
        DictDate::parse(s).unwrap()
    }

    #[test]
    fn composition_on_the_default_lexicon() {
        let lex = Lexicon::default_lexicon();
        let text = "the Inspector General of the Royal Armed Forces (FAR) met Moroccan Foreign Minister Nasser Bourita.";
        let m = lex.actor_mentions(text, date("20240101"));
        let got: Vec<(&str, &str)> = m
            .iter()
            .map(|m| (m.span.slice(text), m.code.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Inspector General of the Royal Armed Forces (FAR)",
                    "MARMIL"
                ),
                ("Moroccan Foreign Minister Nasser Bourita", "MARGOV")
            ],
            "{m:#?}"
        );
        assert_eq!(m[0].country_iso3.as_deref(), Some("MAR"));
    }

    fn resolve_all(r: &mut DocumentResolver<'_>, text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut start = 0;
        for sentence in text.split_inclusive(". ") {
            let span = Span::new(start, start + sentence.len());
            start += sentence.len();
            for m in r.sentence(text, span) {
                out.push((m.span.slice(text).to_string(), m.code.to_string()));
            }
        }
        out
    }

    #[test]
    fn a_title_after_the_is_the_person_who_carried_it() {
        let lex = Lexicon::default_lexicon();
        let mut r = DocumentResolver::new(lex, date("20220330"));
        let text = "Secretary of State Antony J. Blinken met Algerian Foreign Minister Ramtane \
                    Lamamra. The Secretary thanked the Foreign Minister.";
        let got = resolve_all(&mut r, text);
        assert!(
            got.contains(&("The Secretary".into(), "USAGOV".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("the Foreign Minister".into(), "DZAGOV".into())),
            "{got:?}"
        );
        // No secretary met before: nothing.
        let mut r = DocumentResolver::new(lex, date("20220330"));
        assert!(resolve_all(&mut r, "The Secretary left.").is_empty());
    }

    #[test]
    fn coordinated_nationality_adjectives_share_the_title() {
        let lex = Lexicon::default_lexicon();
        let mut r = DocumentResolver::new(lex, date("20190529"));
        let got = resolve_all(
            &mut r,
            "We stand with the Nigerien, the Burkinabe, and the Malian governments.",
        );
        for code in ["NERGOV", "BFAGOV", "MLIGOV"] {
            assert!(got.iter().any(|(_, c)| c == code), "{code}: {got:?}");
        }
        // Country names are no adjectives: Niger stays the country.
        let mut r = DocumentResolver::new(lex, date("20190529"));
        let got = resolve_all(&mut r, "We stand with Niger and the Malian government.");
        assert!(got.contains(&("Niger".into(), "NER".into())), "{got:?}");
    }

    #[test]
    fn a_title_written_before_a_known_name_is_the_persons_too() {
        let lex = Lexicon::default_lexicon();
        let mut r = DocumentResolver::new(lex, date("20210430"));
        let text = "Secretary Antony Blinken and Algerian Foreign Minister Sabri Boukadoum \
                    spoke today. The Secretary commended Algeria.";
        let got = resolve_all(&mut r, text);
        assert!(
            got.contains(&("The Secretary".into(), "USAGOV".into())),
            "{got:?}"
        );
        // Words of the previous sentence are no title.
        assert_eq!(title_before("Rabat. Nasser Bourita", 7), "");
        assert_eq!(
            title_before("met Deputy Secretary Wendy", 21),
            "Deputy Secretary "
        );
        assert_eq!(title_before("met the Secretary Blinken", 18), "Secretary ");
    }

    #[test]
    fn first_person_pronouns_take_the_voice_only_when_one_is_set() {
        let lex = Lexicon::default_lexicon();
        let text = "We condemn the attack. I met him.";
        let mut r = DocumentResolver::new(lex, date("20220330"));
        assert!(resolve_all(&mut r, text).is_empty());
        let voice = lex.actor_mentions("the State Department", date("20220330"));
        let mut r = DocumentResolver::new(lex, date("20220330"));
        r.set_voice(voice.into_iter().next());
        assert_eq!(r.voice().map(|m| m.code.as_str()), Some("USAGOV"));
        let got = resolve_all(&mut r, text);
        assert_eq!(
            got,
            [
                ("We".to_string(), "USAGOV".to_string()),
                ("I".to_string(), "USAGOV".to_string())
            ]
        );
    }

    #[test]
    fn people_of_the_title_are_known_to_the_body() {
        let lex = Lexicon::default_lexicon();
        let text = "Minister Sidi arrived.";
        let mut r = DocumentResolver::new(lex, date("20240101"));
        assert!(resolve_all(&mut r, text).is_empty());
        let mut r = DocumentResolver::new(lex, date("20240101"));
        r.learn_people("Talks with Mauritanian Defence Minister Hanena Ould Sidi");
        let got = resolve_all(&mut r, text);
        assert_eq!(got, [("Minister Sidi".to_string(), "MRTGOV".to_string())]);
    }

    #[test]
    fn a_title_coordinated_after_a_country_title_shares_the_country() {
        let lex = Lexicon::default_lexicon();
        let text = "Moroccan police and soldiers arrested smugglers; Algeria and soldiers met.";
        let got: Vec<(&str, String)> = lex
            .actor_mentions(text, date("20240101"))
            .iter()
            .map(|m| (m.span.slice(text), m.code.as_str().to_string()))
            .collect();
        assert_eq!(
            got,
            [
                ("Moroccan police", "MARCOP".to_string()),
                ("soldiers", "MARMIL".to_string()),
                ("Algeria", "DZA".to_string()),
            ]
        );
    }

    #[test]
    fn a_possessor_and_its_title_may_have_epithets_between() {
        let lex = Lexicon::default_lexicon();
        let codes = |text: &str| -> Vec<(String, String)> {
            lex.actor_mentions(text, date("20240101"))
                .iter()
                .map(|m| (m.span.slice(text).to_string(), m.code.as_str().to_string()))
                .collect()
        };
        assert_eq!(
            codes("Algeria's long-serving foreign minister left."),
            [(
                "Algeria's long-serving foreign minister".to_string(),
                "DZAGOV".to_string()
            )]
        );
        // A preposition ends the epithets: the minister is not Algeria's here.
        assert_eq!(
            codes("Algeria's support for the minister grew."),
            [("Algeria".to_string(), "DZA".to_string())]
        );
    }

    #[test]
    fn whole_codes_keep_every_agent_role() {
        let text = "Mauritanian Defence Minister Hanena Ould Sidi";
        let mut lex = Lexicon::default_lexicon().clone();
        assert_eq!(
            lex.actor_mentions(text, date("20240101"))[0].code.as_str(),
            "MRTGOV"
        );
        lex.set_whole_codes(true);
        assert_eq!(
            lex.actor_mentions(text, date("20240101"))[0].code.as_str(),
            "MRTGOVMIL"
        );
    }

    #[test]
    fn tokens_from_a_tokenizer_give_the_same_mentions() {
        let lex = Lexicon::default_lexicon();
        let text = "Mauritanian Defence Minister Hanena Ould Sidi";
        let mut tokens = Vec::new();
        let mut start = 0;
        let folded: Vec<String> = text.split(' ').map(dyad_text::fold).collect();
        for (w, f) in text.split(' ').zip(&folded) {
            tokens.push(TokenRef {
                span: Span::new(start, start + w.len()),
                folded: f,
            });
            start += w.len() + 1;
        }
        let mut buf = ResolveBuffers::default();
        let a = lex.actor_mentions_in_tokens(text, &tokens, date("20240101"), &mut buf);
        let b = lex.actor_mentions(text, date("20240101"));
        assert_eq!(a, b);
        assert_eq!(a[0].code.as_str(), "MRTGOV");
        assert_eq!(a[0].sectors, ["GOV", "MIL"]);
    }
}
