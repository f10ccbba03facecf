//! Event location: the place attached to the predicate, else the sentence's, else none.
//!
//! The document's place mentions come from [`dyad_geo::Geoparser::find_all`], resolved in the
//! document's context, which includes the countries of the document's actors. For each event:
//!
//! 1. **Attached to the predicate** in the parse: a place whose phrase is a locative oblique
//!    or nominal modifier (`in`, `at`, `near`, …: "met **in Rabat**", "talks **in Rabat**")
//!    within four steps under the predicate, never through its subject or another clause; the
//!    place named as the subject ("**Rabat** hosted"), when it is below country level (a
//!    country as subject is an actor); for a visit (`042`), the place visited ("visited
//!    **Rabat**", "travelled **to** Rabat"). The shallowest wins.
//! 2. **The sentence's**: the place after a locative preposition nearest to the predicate, or
//!    written as its subject ([`dyad_geo::Geoparser::event_location`] without a parse).
//! 3. Otherwise none: a country's representative point is never given silently — a country
//!    location says so in its precision.
//!
//! Places without coordinates (second-level divisions in the extract) are not used.

use std::ops::Range;

use dyad_geo::place::{Place, Precision};
use dyad_geo::{Geoparser, PlaceMention};
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
}

impl DocParse {
    pub(crate) fn reset(&mut self, tokens: usize) {
        self.heads.clear();
        self.heads.resize(tokens, None);
        self.deprels.clear();
        self.deprels.resize(tokens, "");
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
/// index) and whether it is a visit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlaceQuery {
    pub sentence: usize,
    pub predicate: usize,
    pub visit: bool,
}

/// The place attached to an event's predicate, else the sentence's, else none.
pub(crate) fn place_event(
    geo: &Geoparser,
    seg: &Segmented,
    parse: &DocParse,
    mentions: &[PlaceMention],
    q: PlaceQuery,
) -> Option<EventPlace> {
    let range = seg.sentences[q.sentence].tokens.clone();
    let usable = |m: &PlaceMention| {
        m.sentence == q.sentence
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
            let loc = geo.event_location(seg, q.sentence, mentions, q.predicate, None)?;
            if !usable(&mentions[loc.mention]) {
                return None;
            }
            (loc.mention, PlaceAttachment::Sentence)
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

/// How deep mention `m` hangs under the predicate as its location, if it does.
fn attached_depth(
    seg: &Segmented,
    parse: &DocParse,
    sentence: &Range<usize>,
    m: &PlaceMention,
    q: PlaceQuery,
) -> Option<usize> {
    let head = m
        .tokens
        .clone()
        .find(|&t| parse.heads[t].is_none_or(|h| !m.tokens.contains(&h)))?;
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
        } else if !matches!(rel, "obj" | "obl" | "nmod" | "iobj" | "appos" | "compound") {
            return None;
        }
        if parent == q.predicate {
            return locative.then_some(depth);
        }
        at = parent;
    }
    None
}
