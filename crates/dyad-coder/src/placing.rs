//! Event location: the place attached to the predicate, else the sentence's, else none.
//!
//! The document's place mentions come from [`dyad_geo::Geoparser::find_all`], resolved in the
//! document's context, which includes the countries of the document's actors. For each event:
//!
//! 1. **Attached to the predicate** in the parse: a place whose phrase is a locative oblique
//!    (`in`, `at`, `near`, …: "met **in Rabat**") under the predicate, or a locative modifier
//!    of the object of a verb like `host` or `hold` ("held talks **in Rabat**") or of a proper
//!    name as object, which a place cannot modify ("attacked Morocco **near Tindouf**": the
//!    parse's attachment is wrong); not of other objects ("discussed the situation in Libya"
//!    is not located in Libya), within four steps
//!    and never through its subject or another clause; the
//!    place named as the subject ("**Rabat** hosted"), when it is below country level (a
//!    country as subject is an actor); for a visit (`042`), the place visited ("visited
//!    **Rabat**", "travelled **to** Rabat"). The shallowest wins.
//! 2. **The sentence's**: the locative phrase nearest to the predicate that hangs directly from
//!    a verb above it ("**In Rabat**, officials said Morocco condemned …"); never one in a
//!    subordinate, coordinated or modifier clause ("after talks in Geneva collapsed", "the
//!    memorandum signed in Rabat") or inside an argument.
//! 3. Otherwise none: a country's representative point is never given silently — a country
//!    location says so in its precision.
//!
//! Places without coordinates (second-level divisions in the extract) are not used, nor a
//! dateline ("CAIRO - …"), which says where the report was filed.

use std::ops::Range;

use dyad_geo::PlaceMention;
use dyad_geo::place::{Place, Precision};
use dyad_text::{Segmented, Span};

/// How an event's place was attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceAttachment {
    /// The place hangs from the predicate in the parse (`met in Rabat`, `Rabat hosted`).
    Predicate,
    /// The sentence's place, not attached to the predicate in the parse.
    Sentence,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPlace {
    /// The place in the gazetteer.
    pub place: Place,
    /// The place mention's bytes in the document.
    pub span: Span,
    /// How precise the location is (`country` for a country: never passed off as a city).
    pub precision: Precision,
    /// How it was attached.
    pub attachment: PlaceAttachment,
    /// Latitude (WGS84 degrees).
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// Prepositions that put an event at a place.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "throughout",
    "within",
    "on",
    "en",
    "à",
    "a",
];

/// A document's parse, by document token: heads (document token indices) and relations.
#[derive(Debug, Default)]
pub(crate) struct DocParse {
    /// The head of each token, `None` for roots and tokens of unparsed sentences.
    pub heads: Vec<Option<usize>>,
    /// The relation of each token to its head (`""` for unparsed tokens).
    pub deprels: Vec<&'static str>,
    /// True for proper nouns.
    pub proper: Vec<bool>,
}

impl DocParse {
    pub(crate) fn reset(&mut self, tokens: usize) {
        self.heads.clear();
        self.heads.resize(tokens, None);
        self.deprels.clear();
        self.deprels.resize(tokens, "");
        self.proper.clear();
        self.proper.resize(tokens, false);
    }

    fn has_case(&self, sentence: &Range<usize>, t: usize, words: &[&str], seg: &Segmented) -> bool {
        sentence.clone().any(|c| {
            self.heads[c] == Some(t)
                && self.deprels[c] == "case"
                && words.contains(&seg.tokens.folded(c))
        })
    }
}

/// An event to place: its sentence (index into `seg.sentences`), predicate token (document
/// index), whether it is a visit, and whether its predicate hosts its object (`host`, `hold`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlaceQuery {
    pub sentence: usize,
    pub predicate: usize,
    pub visit: bool,
    pub hosts_object: bool,
}

/// Verbs whose object is an occasion that takes place somewhere ("held talks in Rabat").
pub(crate) const HOSTING_LEMMAS: &[&str] = &[
    "host", "hold", "attend", "organize", "organise", "convene", "chair", "stage", "conduct",
    "join", "co-host", "cohost",
];

/// The place attached to an event's predicate, else the sentence's, else none.
pub(crate) fn place_event(
    seg: &Segmented,
    parse: &DocParse,
    mentions: &[PlaceMention],
    q: PlaceQuery,
) -> Option<EventPlace> {
    let range = seg.sentences[q.sentence].tokens.clone();
    // A dateline ("CAIRO - …", "WASHINGTON –") says where the report was filed, not where the
    // event happened.
    let dateline =
        |m: &PlaceMention| m.tokens.start == range.start && !m.text.chars().any(char::is_lowercase);
    let usable = |m: &PlaceMention| {
        m.sentence == q.sentence
            && !dateline(m)
            && m.resolution
                .as_ref()
                .is_some_and(|p| p.lat.is_some() && p.lon.is_some())
    };
    let mut best: Option<(usize, usize)> = None;
    for (i, m) in mentions.iter().enumerate().filter(|(_, m)| usable(m)) {
        if let Some(depth) = attached_depth(seg, parse, &range, m, q)
            && best.is_none_or(|(d, _)| depth < d)
        {
            best = Some((depth, i));
        }
    }
    let (index, attachment) = match best {
        Some((_, i)) => (i, PlaceAttachment::Predicate),
        None => {
            let i = mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| usable(m) && in_dominating_clause(seg, parse, &range, m, q))
                .min_by_key(|(_, m)| {
                    let start = m.tokens.start;
                    (start.abs_diff(q.predicate), start < q.predicate)
                })?
                .0;
            (i, PlaceAttachment::Sentence)
        }
    };
    let m = &mentions[index];
    let place = m.resolution.clone()?;
    Some(EventPlace {
        precision: m.precision.unwrap_or_else(|| place.precision()),
        lat: place.lat?,
        lon: place.lon?,
        place,
        span: m.span,
        attachment,
    })
}

/// The mention's head: its first token whose head lies outside it.
fn mention_head(parse: &DocParse, m: &PlaceMention) -> Option<usize> {
    m.tokens
        .clone()
        .find(|&t| parse.heads[t].is_none_or(|h| !m.tokens.contains(&h)))
}

/// True when mention `m` follows a locative preposition and its phrase hangs directly from
/// the predicate or a word above it.
fn in_dominating_clause(
    seg: &Segmented,
    parse: &DocParse,
    sentence: &Range<usize>,
    m: &PlaceMention,
    q: PlaceQuery,
) -> bool {
    let Some(head) = mention_head(parse, m) else {
        return false;
    };
    let preceding_locative = (sentence.start..m.tokens.start)
        .rev()
        .find(|&t| seg.tokens.folded(t) != "the")
        .is_some_and(|t| LOCATIVE.contains(&seg.tokens.folded(t)));
    if !preceding_locative && !parse.has_case(sentence, head, LOCATIVE, seg) {
        return false;
    }
    // The predicate and the words above it.
    let mut above = vec![q.predicate];
    let mut at = q.predicate;
    while let Some(h) = parse.heads[at] {
        if above.contains(&h) || above.len() > sentence.len() {
            break;
        }
        above.push(h);
        at = h;
    }
    // Up through the name's own parts, then one locative relation to a verb above.
    let mut at = head;
    for _ in 0..sentence.len() {
        let rel = parse.deprels[at];
        let Some(parent) = parse.heads[at] else {
            return false;
        };
        match rel {
            "appos" | "flat" | "compound" => at = parent,
            "obl" | "obl:lmod" | "nmod" | "advmod" => return above.contains(&parent),
            _ => return false,
        }
    }
    false
}

/// How deep mention `m` hangs under the predicate as its location, if it does.
fn attached_depth(
    seg: &Segmented,
    parse: &DocParse,
    sentence: &Range<usize>,
    m: &PlaceMention,
    q: PlaceQuery,
) -> Option<usize> {
    let head = mention_head(parse, m)?;
    let below_country = m
        .precision
        .is_some_and(|p| !matches!(p, Precision::Country | Precision::Region));
    let mut at = head;
    let mut locative = false;
    for depth in 1..=4 {
        let rel = parse.deprels[at];
        let parent = parse.heads[at]?;
        if !locative {
            match rel {
                // "in the Moroccan capital, Rabat": climb to the phrase's head.
                "appos" | "flat" | "compound" => {}
                "obl" | "obl:lmod" | "obl:tmod" | "nmod" | "advmod" => {
                    if parse.has_case(sentence, at, LOCATIVE, seg) {
                        locative = true;
                    } else if q.visit
                        && parent == q.predicate
                        && parse.has_case(sentence, at, &["to"], seg)
                    {
                        return Some(depth);
                    } else {
                        return None;
                    }
                }
                "nsubj" if parent == q.predicate && below_country => return Some(depth),
                "obj" if parent == q.predicate && q.visit => return Some(depth),
                _ => return None,
            }
        } else if !(matches!(rel, "obl" | "nmod" | "appos" | "compound")
            || (rel == "obj" && parent == q.predicate && (q.hosts_object || parse.proper[at])))
        {
            return None;
        }
        if parent == q.predicate {
            return locative.then_some(depth);
        }
        at = parent;
    }
    None
}
