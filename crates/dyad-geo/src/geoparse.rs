//! The geoparser: place mentions in sentences, their candidates and their resolution, and
//! the location of an event.
//!
//! Candidates come from the gazetteer: at each capitalised word, the longest run of tokens
//! whose folded form is a gazetteer name (so `Western Sahara` wins over `Sahara`). Runs that
//! are not places are dropped: nationality adjectives (`Mauritanian`), stop words
//! (`President`, `May`), names of organisations (`Moroccan National Defence Administration`,
//! `Rabat Declaration`, `Washington Post`, `University of Nouakchott`), `X-based` modifiers,
//! and one-word town names inside longer capitalised names (`Nasser Bourita`, `King
//! Mohammed VI`). A named-entity recogniser can later supply spans instead
//! ([`Geoparser::mentions_in_spans`]).
//!
//! Each mention is resolved by scoring its candidates: the kind of place (a country before a
//! town of the same name; a national capital before a village), the population, the admin
//! hierarchy written next to it (`Paris, Texas`; `Tindouf, Algeria`), a following `region`,
//! `province` or `state`, the countries and states the document mentions unambiguously, and
//! the countries of the event's actors.

use std::ops::Range;

use dyad_text::{Segmented, Sentence, Span, TokenKind};
use serde::Serialize;

use crate::error::Result;
use crate::gazetteer::{Gazetteer, PlaceRef};
use crate::place::{Place, PlaceKind, Precision};

/// Capitalised words after a name that make it part of an organisation's or a document's name.
const ORG_HEADS: &[&str] = &[
    "ministry",
    "administration",
    "forces",
    "force",
    "university",
    "agency",
    "army",
    "navy",
    "police",
    "gendarmerie",
    "bank",
    "company",
    "corporation",
    "group",
    "airlines",
    "airways",
    "times",
    "post",
    "herald",
    "tribune",
    "journal",
    "party",
    "front",
    "institute",
    "council",
    "commission",
    "committee",
    "centre",
    "center",
    "foundation",
    "association",
    "federation",
    "club",
    "fc",
    "authority",
    "office",
    "embassy",
    "declaration",
    "accords",
    "accord",
    "agreement",
    "process",
    "initiative",
    "plan",
    "summit",
    "conference",
    "protocol",
    "charter",
    "stock",
    "consensus",
    "call",
    "principles",
    "pact",
    "treaty",
    "convention",
    "club",
    "school",
    "college",
    "academy",
    "hospital",
    "radio",
    "television",
    "tv",
    "news",
    "express",
    "daily",
    "observer",
    "monitor",
    "inc",
    "ltd",
    "sa",
    "holding",
    "holdings",
    "telecom",
];

/// Capitalised words before `of` that make the following name part of an organisation's name.
const ORG_OF_HEADS: &[&str] = &[
    "university",
    "bank",
    "voice",
    "college",
    "school",
    "institute",
    "academy",
    "federation",
    "chamber",
    "bishop",
    "archbishop",
    "diocese",
    "order",
    "friends",
    "sons",
    "daughters",
];

/// Words after a name that point to an administrative division.
const DIVISION_WORDS: &[&str] = &[
    "region",
    "province",
    "state",
    "governorate",
    "wilaya",
    "department",
    "county",
    "prefecture",
    "district",
    "territory",
    "regions",
    "provinces",
];

/// Words before `of` that point to a populated place (`the city of Dakhla`).
const SETTLEMENT_WORDS: &[&str] = &["city", "town", "village", "capital", "port", "oasis"];

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
    "around",
    "into",
    "en",
    "dans",
    "à",
    "a",
    "au",
    "near",
    "off",
    "along",
];

/// One place mention in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceMention {
    /// Its bytes in the document's text.
    pub span: Span,
    /// Its tokens, as indices into the document's tokens.
    pub tokens: Range<usize>,
    /// The sentence it is in (index into [`Segmented::sentences`]).
    pub sentence: usize,
    /// The text as written.
    pub text: String,
    /// Every place of the gazetteer with this name, best first.
    #[serde(skip)]
    pub candidates: Vec<PlaceRef>,
    /// The chosen place, when there is one.
    pub resolution: Option<Place>,
    /// How precise the chosen place is (`country` for a country: never passed off as a city).
    pub precision: Option<Precision>,
    /// Why this place was chosen.
    pub reason: String,
}

impl PlaceMention {
    /// The chosen place's candidate, when there is one (the first of [`PlaceMention::candidates`]).
    pub fn resolved(&self) -> Option<PlaceRef> {
        self.resolution
            .as_ref()
            .and(self.candidates.first().copied())
    }
}

/// What the whole document says about where it is: the countries and admin-1 divisions it
/// names unambiguously, and the countries of the event's actors.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocContext {
    /// Country places with their weight (mentions; a nationality adjective counts half).
    pub countries: Vec<(PlaceRef, f32)>,
    /// Admin-1 places named in the document.
    pub admin1: Vec<PlaceRef>,
    /// Admin-1 places of large, unambiguous cities the document names (`Atlanta` → Georgia).
    pub admin1_of_cities: Vec<PlaceRef>,
    /// Countries of the actors, as country places.
    pub actors: Vec<PlaceRef>,
    /// Folded words found inside longer capitalised names (`bourita` in `Nasser Bourita`):
    /// one name, one sense per document, so they are not taken for towns elsewhere.
    pub name_words: Vec<String>,
}

impl DocContext {
    fn country_weight(&self, country: PlaceRef) -> f32 {
        self.countries
            .iter()
            .find(|(c, _)| *c == country)
            .map_or(0.0, |&(_, w)| w)
    }

    fn add_country(&mut self, country: PlaceRef, weight: f32) {
        match self.countries.iter_mut().find(|(c, _)| *c == country) {
            Some((_, w)) => *w += weight,
            None => self.countries.push((country, weight)),
        }
    }
}

/// How an event's location was attached to its predicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Attachment {
    /// The place's phrase depends on the predicate in the dependency parse.
    Dependency,
    /// A locative preposition (`in Rabat`) nearest to the predicate.
    Preposition,
    /// The place is the predicate's subject (`Rabat hosted`).
    Subject,
}

/// The location chosen for an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventLocation {
    /// The mention (index into the mentions given).
    pub mention: usize,
    /// How it was attached.
    pub attachment: Attachment,
}

/// What the filters say about a gazetteer match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Keep,
    Drop,
    /// Dropped as part of a longer capitalised name: the word is a name in this document.
    DropNameWord,
}

/// Function words: they may open a sentence before a place (`In Rabat, …`, `If Algeria …`)
/// and never start a person's or an organisation's name.
const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "in",
    "at",
    "on",
    "from",
    "to",
    "for",
    "with",
    "by",
    "after",
    "before",
    "during",
    "while",
    "when",
    "since",
    "under",
    "over",
    "and",
    "but",
    "or",
    "as",
    "near",
    "across",
    "throughout",
    "then",
    "both",
    "all",
    "outside",
    "inside",
    "like",
    "unlike",
    "en",
    "dans",
    "a",
    "à",
    "au",
    "de",
    "desde",
    "para",
    "if",
    "so",
    "yet",
    "still",
    "also",
    "however",
    "meanwhile",
    "now",
    "here",
    "there",
    "because",
    "although",
    "though",
    "whether",
    "unless",
    "until",
    "once",
    "where",
    "without",
    "against",
    "among",
    "amid",
    "despite",
    "per",
    "via",
    "within",
    "including",
    "about",
    "every",
    "each",
    "other",
    "such",
    "some",
    "many",
    "more",
    "most",
    "no",
    "not",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "ten",
    "first",
    "second",
    "third",
    "last",
    "next",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "you",
    "i",
    "his",
    "her",
    "their",
    "our",
    "never",
    "far",
    "even",
    "only",
    "just",
    "again",
    "already",
    "always",
    "often",
    "perhaps",
    "recently",
    "currently",
    "finally",
    "later",
    "earlier",
    "several",
    "thus",
    "hence",
    "therefore",
    "indeed",
    "instead",
    "moreover",
    "furthermore",
    "nevertheless",
    "an",
    "of",
    "le",
    "la",
    "les",
    "el",
    "los",
    "las",
    "un",
    "une",
    "des",
    "du",
    "del",
    "et",
    "y",
    "sur",
    "par",
    "pour",
    "con",
    "por",
];

/// Whether a word may follow a place without making it part of a longer name (`Rabat
/// Tuesday`): a day, a month, "today", "tonight".
fn is_time_word(w: &str) -> bool {
    w == "tonight" || dyad_text::calendar::is_day_or_month(w)
}

/// Words that report speech: a one-word town next to them is a person (`said Langley`).
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "noted",
    "stated",
    "explained",
    "wrote",
    "asked",
    "argued",
    "stressed",
    "warned",
    "declared",
    "announced",
];

/// Words before a one-word town that make it a place even when small (`to Tifariti`).
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "throughout",
    "within",
    "around",
    "into",
    "from",
    "to",
    "toward",
    "towards",
    "via",
    "between",
    "of",
    "off",
    "en",
    "dans",
    "à",
    "a",
    "au",
    "de",
];

/// A raw gazetteer match before resolution.
#[derive(Debug, Clone)]
struct Match {
    tokens: Range<usize>,
    candidates: Vec<PlaceRef>,
}

/// Finds and resolves place mentions. Built once; `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Geoparser {
    gaz: Gazetteer,
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

impl Geoparser {
    /// A geoparser over `gaz`.
    pub fn new(gaz: Gazetteer) -> Geoparser {
        Geoparser { gaz }
    }

    /// A geoparser over the embedded gazetteer.
    pub fn embedded() -> Result<Geoparser> {
        Ok(Geoparser::new(Gazetteer::embedded()?))
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    fn word_at<'t>(&self, seg: &Segmented, text: &'t str, i: usize) -> Option<&'t str> {
        let t = seg.tokens.get(i)?;
        (t.kind == TokenKind::Word).then(|| t.span.slice(text))
    }

    fn folded<'s>(seg: &'s Segmented, i: usize, range: &Range<usize>) -> Option<&'s str> {
        range.contains(&i).then(|| seg.tokens.folded(i))
    }

    /// The longest gazetteer name starting at token `i` (number of tokens, 0 when none).
    fn longest_at(&self, seg: &Segmented, i: usize, end: usize, key: &mut String) -> usize {
        key.clear();
        let mut ends: [usize; 12] = [0; 12];
        let max = self.gaz.max_name_tokens().min(ends.len()).min(end - i);
        for (n, slot) in ends.iter_mut().enumerate().take(max) {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(seg.tokens.folded(i + n));
            *slot = key.len();
        }
        let mut best = 0;
        for n in 1..=max {
            let (exact, extends) = self.gaz.probe(&key[..ends[n - 1]]);
            if exact {
                best = n;
            }
            if !extends {
                break;
            }
        }
        best
    }

    /// Gazetteer matches of a sentence (after the filters) and its nationality adjectives.
    fn matches(
        &self,
        text: &str,
        seg: &Segmented,
        sentence: &Sentence,
    ) -> (Vec<Match>, Vec<PlaceRef>, Vec<String>) {
        let range = sentence.tokens.clone();
        let mut out: Vec<Match> = Vec::new();
        let mut demonyms = Vec::new();
        let mut name_words = Vec::new();
        let mut key = String::new();
        let mut i = range.start;
        while i < range.end {
            let Some(word) = self.word_at(seg, text, i) else {
                i += 1;
                continue;
            };
            if !is_capitalised(word) {
                i += 1;
                continue;
            }
            let mut n = self.longest_at(seg, i, range.end, &mut key);
            // A title or given name (`President`, `James`) starts a name: the capitalised
            // words after it are names in this document, not places (`James Jordan`,
            // `Gen. Michael Langley`).
            let folded = seg.tokens.folded(i);
            if n < 2
                && self.gaz.is_stop_word(folded)
                && !SENTENCE_OPENERS.contains(&folded)
                && !is_time_word(folded)
            {
                i += 1;
                while i < range.end
                    && self.word_at(seg, text, i).is_some_and(is_capitalised)
                    && !self.gaz.is_stop_word(seg.tokens.folded(i))
                {
                    name_words.push(seg.tokens.folded(i).to_owned());
                    i += 1;
                }
                continue;
            }
            // `The United States`, `The Sahel`: the article is not part of the name when the
            // name is known without it.
            if seg.tokens.folded(i) == "the" {
                if i + 1 < range.end && self.longest_at(seg, i + 1, range.end, &mut key) > 0 {
                    i += 1;
                    continue;
                }
                n = self.longest_at(seg, i, range.end, &mut key);
            }
            // `the Kidal region`, `Borno state`: a trailing lower-case division word is
            // not part of the name when the name is known without it (it still counts as
            // evidence for a division when resolving).
            // The places are those of the full name (`Sahel region` is the Sahel, not
            // Burkina Faso's Sahel Region).
            let candidates: Vec<PlaceRef> = self.gaz.lookup(&key_of(seg, &(i..i + n))).collect();
            if n >= 2
                && DIVISION_WORDS.contains(&seg.tokens.folded(i + n - 1))
                && self
                    .word_at(seg, text, i + n - 1)
                    .is_some_and(|w| !is_capitalised(w))
                && self.gaz.contains(&key_of(seg, &(i..i + n - 1)))
            {
                n -= 1;
            }
            if n < 2
                && let Some(country) = self.gaz.demonym(seg.tokens.folded(i))
            {
                demonyms.push(country);
                i += 1;
                continue;
            }
            if n == 0 {
                i += 1;
                continue;
            }
            let tokens = i..i + n;
            let verdict = self.keep_match(text, seg, &range, &tokens, &candidates, &out);
            if verdict == Verdict::Keep {
                out.push(Match { tokens, candidates });
                i += n;
            } else if verdict == Verdict::DropNameWord {
                // Part of a longer name: skip the rest of the capitalised run, whose words
                // are names in this document too (`Gen. Michael Langley`).
                name_words.push(key_of(seg, &tokens));
                i += n;
                while i < range.end
                    && self.word_at(seg, text, i).is_some_and(is_capitalised)
                    && !self.gaz.is_stop_word(seg.tokens.folded(i))
                {
                    name_words.push(seg.tokens.folded(i).to_owned());
                    i += 1;
                }
            } else {
                i += n;
            }
        }
        (out, demonyms, name_words)
    }

    fn keep_match(
        &self,
        text: &str,
        seg: &Segmented,
        range: &Range<usize>,
        tokens: &Range<usize>,
        candidates: &[PlaceRef],
        earlier: &[Match],
    ) -> Verdict {
        if self.gaz.is_stop_word(&key_of(seg, tokens)) {
            return Verdict::Drop;
        }
        let strong = candidates.iter().any(|&c| {
            !matches!(
                self.gaz.kind(c),
                PlaceKind::City | PlaceKind::Admin1 | PlaceKind::Admin2
            )
        });
        // Acronyms (`UN`, `AU`) are organisations unless they name a country (`US`, `UK`).
        let original = seg.tokens.as_slice()[tokens.start].span.slice(text);
        let countryish = candidates
            .iter()
            .any(|&c| matches!(self.gaz.kind(c), PlaceKind::Country | PlaceKind::Territory));
        if tokens.len() == 1
            && !countryish
            && !original.contains('.')
            && original.chars().filter(|c| c.is_alphabetic()).count() <= 4
            && original.chars().all(|c| !c.is_lowercase())
        {
            return Verdict::Drop;
        }
        // `G5 Sahel`, `G20 Osaka`: a group's name.
        if tokens.start > range.start {
            let prev = seg.tokens.as_slice()[tokens.start - 1].span.slice(text);
            if prev.starts_with(|c: char| c.is_uppercase())
                && prev.chars().any(|c| c.is_ascii_digit())
            {
                return Verdict::Drop;
            }
        }
        let next = Self::folded(seg, tokens.end, range);
        let next_word = self
            .word_at(seg, text, tokens.end)
            .filter(|_| tokens.end < range.end);
        // Organisations: `Rabat Declaration`, `Moroccan National Defence Administration`.
        if next_word.is_some_and(is_capitalised) && next.is_some_and(|n| ORG_HEADS.contains(&n)) {
            return Verdict::DropNameWord;
        }
        // `the Rabat-based think tank`.
        if next == Some("-") && Self::folded(seg, tokens.end + 1, range) == Some("based") {
            return Verdict::Drop;
        }
        // `University of Nouakchott`, `Voice of America`.
        if tokens.start >= range.start + 2
            && seg.tokens.folded(tokens.start - 1) == "of"
            && self
                .word_at(seg, text, tokens.start - 2)
                .is_some_and(is_capitalised)
            && ORG_OF_HEADS.contains(&seg.tokens.folded(tokens.start - 2))
        {
            return Verdict::Drop;
        }
        // A one-word town inside a longer capitalised name (`Nasser Bourita`, `King Mohammed`).
        if tokens.len() == 1 && !strong {
            let prev_in_match = earlier.last().is_some_and(|m| m.tokens.end == tokens.start);
            if tokens.start > range.start && !prev_in_match {
                let p = tokens.start - 1;
                if let Some(prev) = self.word_at(seg, text, p) {
                    let sentence_initial = p == range.start;
                    let prev_folded = seg.tokens.folded(p);
                    if is_capitalised(prev)
                        && (!sentence_initial || !SENTENCE_OPENERS.contains(&prev_folded))
                        && !LOCATIVE.contains(&prev_folded)
                    {
                        return Verdict::DropNameWord;
                    }
                }
                // `Jean-Yves`: the second half of a hyphenated name.
                if seg.tokens.folded(p) == "-"
                    && p > range.start
                    && self.word_at(seg, text, p - 1).is_some_and(is_capitalised)
                {
                    return Verdict::DropNameWord;
                }
            }
            if let Some(next_word) = next_word {
                let next_folded = seg.tokens.folded(tokens.end);
                let next_is_place = self.gaz.contains(next_folded);
                // (A name ending in a period may end a sentence the splitter missed.)
                let ends_with_period = seg.tokens.folded(tokens.end - 1).ends_with('.');
                if is_capitalised(next_word)
                    && !ends_with_period
                    && !is_time_word(next_folded)
                    && !next_is_place
                    && !DIVISION_WORDS.contains(&next_folded)
                {
                    return Verdict::DropNameWord;
                }
            }
        }
        Verdict::Keep
    }

    /// The document's context: unambiguous countries and admin-1 divisions it names, plus the
    /// actors' countries (ISO alpha-2 or alpha-3 codes; unknown codes are ignored).
    pub fn context(&self, text: &str, seg: &Segmented, actor_countries: &[&str]) -> DocContext {
        let per_sentence: Vec<_> = seg
            .sentences
            .iter()
            .map(|s| self.matches(text, seg, s))
            .collect();
        self.context_of(&per_sentence, actor_countries)
    }

    fn context_of(
        &self,
        per_sentence: &[(Vec<Match>, Vec<PlaceRef>, Vec<String>)],
        actor_countries: &[&str],
    ) -> DocContext {
        let mut ctx = DocContext::default();
        for (matches, demonyms, name_words) in per_sentence {
            let demonyms = demonyms.iter().copied();
            let name_words = name_words.iter().cloned();
            for d in demonyms {
                ctx.add_country(d, 0.5);
            }
            ctx.name_words.extend(name_words);
            for m in matches {
                if let Some(&c) = m.candidates.iter().find(|&&c| {
                    matches!(self.gaz.kind(c), PlaceKind::Country | PlaceKind::Territory)
                }) {
                    ctx.add_country(c, 1.0);
                    continue;
                }
                // A state or province named without a large town of the same name.
                let admin1: Vec<PlaceRef> = m
                    .candidates
                    .iter()
                    .copied()
                    .filter(|&c| self.gaz.kind(c) == PlaceKind::Admin1)
                    .collect();
                let large_town = m.candidates.iter().any(|&c| {
                    self.gaz.kind(c) == PlaceKind::City && self.gaz.population(c) >= 100_000
                });
                if let [a] = admin1[..]
                    && !large_town
                    && !ctx.admin1.contains(&a)
                {
                    ctx.admin1.push(a);
                }
                // A city of 100,000 or more, ten times larger than any namesake (`Atlanta`):
                // its state is the document's too (`born in Georgia and moved to Atlanta`).
                let mut towns: Vec<PlaceRef> = m
                    .candidates
                    .iter()
                    .copied()
                    .filter(|&c| self.gaz.kind(c) == PlaceKind::City)
                    .collect();
                towns.sort_by_key(|&c| std::cmp::Reverse(self.gaz.population(c)));
                if let Some(&top) = towns.first() {
                    let pop = self.gaz.population(top);
                    let runner_up = towns.get(1).map_or(0, |&c| self.gaz.population(c));
                    if pop >= 100_000
                        && runner_up.saturating_mul(10) <= pop
                        && let Some(a) = self.gaz.admin1_of(top)
                        && !admin1.contains(&a)
                        && !ctx.admin1_of_cities.contains(&a)
                    {
                        ctx.admin1_of_cities.push(a);
                    }
                }
            }
        }
        ctx.name_words.sort();
        ctx.name_words.dedup();
        for code in actor_countries {
            let place = match code.len() {
                2 => self.gaz.country(code),
                3 => self.country_by_iso3(code),
                _ => None,
            };
            if let Some(p) = place
                && !ctx.actors.contains(&p)
            {
                ctx.actors.push(p);
            }
        }
        ctx
    }

    /// A one-word match naming only towns (or divisions of the second level), with too little
    /// evidence of being a place. Never weak after a place preposition, in a list of places or
    /// before its container (`Paris, Texas`). Otherwise weak: a word seen inside a longer name
    /// elsewhere in the document (unless a capital or a city of 500,000), a word next to a
    /// speech verb (`said Langley`), a short form of a small town's name, or a small town
    /// (under 20,000 inhabitants) in no country the document names.
    fn is_weak(
        &self,
        text: &str,
        seg: &Segmented,
        s: &Sentence,
        m: &Match,
        earlier: &[Match],
        ctx: &DocContext,
    ) -> bool {
        let gaz = &self.gaz;
        if m.tokens.len() != 1
            || m.candidates
                .iter()
                .any(|&c| !matches!(gaz.kind(c), PlaceKind::City | PlaceKind::Admin2))
        {
            return false;
        }
        let range = &s.tokens;
        let word = seg.tokens.folded(m.tokens.start);
        let prev = (m.tokens.start > range.start).then(|| seg.tokens.folded(m.tokens.start - 1));
        let next = Self::folded(seg, m.tokens.end, range);
        let after_preposition = prev.is_some_and(|p| PLACE_PREPOSITIONS.contains(&p));
        let in_list = matches!(prev, Some("," | "and" | "or" | "et" | "y"))
            && earlier
                .last()
                .is_some_and(|e| e.tokens.end + 1 == m.tokens.start);
        // `Paris, Texas`: a comma and a country or first-level division.
        let container_follows = next == Some(",")
            && (1..=2).any(|n| {
                let r = m.tokens.end + 1..m.tokens.end + 1 + n;
                r.end <= range.end
                    && self.word_at(seg, text, r.start).is_some_and(is_capitalised)
                    && gaz.lookup(&key_of(seg, &r)).any(|c| {
                        matches!(
                            gaz.kind(c),
                            PlaceKind::Country | PlaceKind::Territory | PlaceKind::Admin1
                        )
                    })
            });
        if after_preposition || in_list || container_follows {
            return false;
        }
        let major = m
            .candidates
            .iter()
            .any(|&c| gaz.population(c) >= 500_000 || gaz.is_capital(c));
        if !major
            && ctx
                .name_words
                .binary_search_by(|w| w.as_str().cmp(word))
                .is_ok()
        {
            return true;
        }
        if prev.is_some_and(|p| SPEECH.contains(&p)) || next.is_some_and(|n| SPEECH.contains(&n)) {
            return true;
        }
        let squashed = squash(word);
        if m.candidates
            .iter()
            .all(|&c| self.short_form(c, &squashed) && gaz.population(c) < 100_000)
        {
            return true;
        }
        if m.candidates.iter().any(|&c| gaz.population(c) >= 20_000) {
            return false;
        }
        let named_country = m.candidates.iter().any(|&c| {
            self.country_place(c)
                .is_some_and(|k| ctx.country_weight(k) >= 1.0 || ctx.actors.contains(&k))
        });
        !named_country
    }

    fn country_by_iso3(&self, iso3: &str) -> Option<PlaceRef> {
        self.gaz
            .countries
            .iter()
            .find(|c| c.iso3 == iso3.as_bytes())
            .and_then(|c| (c.place != crate::gazetteer::NONE32).then_some(PlaceRef(c.place)))
    }

    fn country_place(&self, p: PlaceRef) -> Option<PlaceRef> {
        self.gaz
            .country_iso2(p)
            .and_then(|iso| self.gaz.country(iso))
    }

    /// True when `key` (squashed) names place `p` by a proper prefix of its main name
    /// (`oklahoma` for Oklahoma City), not by its name or a spelling of it.
    fn short_form(&self, p: PlaceRef, squashed_key: &str) -> bool {
        let main = squash(&dyad_text::fold(self.gaz.name(p)));
        main != squashed_key && main.starts_with(squashed_key)
    }

    /// The place mentions of sentence `sentence` (an index into `seg.sentences`), resolved in
    /// the document's context (see [`Geoparser::context`]).
    pub fn find_places(
        &self,
        text: &str,
        seg: &Segmented,
        sentence: usize,
        ctx: &DocContext,
    ) -> Vec<PlaceMention> {
        let s = &seg.sentences[sentence];
        let (matches, _, _) = self.matches(text, seg, s);
        self.resolve_matches(text, seg, s, matches, ctx)
    }

    fn resolve_matches(
        &self,
        text: &str,
        seg: &Segmented,
        s: &Sentence,
        mut matches: Vec<Match>,
        ctx: &DocContext,
    ) -> Vec<PlaceMention> {
        let mut kept: Vec<Match> = Vec::with_capacity(matches.len());
        for m in matches.drain(..) {
            if !self.is_weak(text, seg, s, &m, &kept, ctx) {
                kept.push(m);
            }
        }
        self.resolve_all(text, seg, s, &kept, ctx)
    }

    /// Every place mention of a document, resolved in its own context.
    pub fn find_all(
        &self,
        text: &str,
        seg: &Segmented,
        actor_countries: &[&str],
    ) -> Vec<PlaceMention> {
        // Each sentence is matched once, for the context and for the mentions.
        let per_sentence: Vec<_> = seg
            .sentences
            .iter()
            .map(|s| self.matches(text, seg, s))
            .collect();
        let ctx = self.context_of(&per_sentence, actor_countries);
        seg.sentences
            .iter()
            .zip(per_sentence)
            .flat_map(|(s, (matches, _, _))| self.resolve_matches(text, seg, s, matches, &ctx))
            .collect()
    }

    /// Resolves given token spans (from a named-entity recogniser) as place mentions: each span
    /// is looked up whole in the gazetteer; spans that name no place are left out.
    pub fn mentions_in_spans(
        &self,
        text: &str,
        seg: &Segmented,
        sentence: usize,
        spans: &[Range<usize>],
        ctx: &DocContext,
    ) -> Vec<PlaceMention> {
        let s = &seg.sentences[sentence];
        let matches: Vec<Match> = spans
            .iter()
            .filter(|r| !r.is_empty() && s.tokens.start <= r.start && r.end <= s.tokens.end)
            .filter_map(|r| {
                let candidates: Vec<PlaceRef> = self.gaz.lookup(&key_of(seg, r)).collect();
                (!candidates.is_empty()).then(|| Match {
                    tokens: r.clone(),
                    candidates,
                })
            })
            .collect();
        self.resolve_all(text, seg, s, &matches, ctx)
    }

    fn resolve_all(
        &self,
        text: &str,
        seg: &Segmented,
        s: &Sentence,
        matches: &[Match],
        ctx: &DocContext,
    ) -> Vec<PlaceMention> {
        matches
            .iter()
            .enumerate()
            .map(|(k, m)| {
                let (ranked, reason) = self.rank(seg, s, matches, k, ctx);
                let best = ranked.first().copied();
                let resolution = best.map(|p| self.gaz.place(p));
                let span = Span::new(
                    seg.tokens.as_slice()[m.tokens.start].span.start,
                    seg.tokens.as_slice()[m.tokens.end - 1].span.end,
                );
                PlaceMention {
                    span,
                    tokens: m.tokens.clone(),
                    sentence: s.index,
                    text: span.slice(text).to_owned(),
                    precision: resolution.as_ref().map(Place::precision),
                    candidates: ranked,
                    resolution,
                    reason,
                }
            })
            .collect()
    }

    /// Scores the candidates of `matches[k]`; returns them best first, with the winner's reason.
    fn rank(
        &self,
        seg: &Segmented,
        s: &Sentence,
        matches: &[Match],
        k: usize,
        ctx: &DocContext,
    ) -> (Vec<PlaceRef>, String) {
        let m = &matches[k];
        let range = &s.tokens;
        let gaz = &self.gaz;
        // A container written after the name: `Paris, Texas`, `Tindouf, Algeria`,
        // `Tindouf (Algeria)`.
        let names_country = m
            .candidates
            .iter()
            .any(|&c| matches!(gaz.kind(c), PlaceKind::Country | PlaceKind::Territory));
        let containers: Vec<PlaceRef> = matches
            .get(k + 1)
            .filter(|_| !names_country)
            .filter(|n| {
                n.tokens.start == m.tokens.end + 1
                    && matches!(seg.tokens.folded(m.tokens.end), "," | "(")
            })
            .map(|n| n.candidates.clone())
            .unwrap_or_default();
        // Written as the container of the previous name (`Paris, Texas`, `Washington, D.C.`):
        // a division or a country.
        let previous: &[PlaceRef] = if k > 0
            && matches[k - 1].tokens.end + 1 == m.tokens.start
            && matches!(seg.tokens.folded(m.tokens.start - 1), "," | "(")
        {
            &matches[k - 1].candidates
        } else {
            &[]
        };
        // Does candidate `c` contain one of the previous name's places?
        let contains_previous = |c: PlaceRef| {
            previous.iter().any(|&p| {
                p != c && (self.country_place(p) == Some(c) || gaz.admin1_of(p) == Some(c))
            })
        };
        let next = Self::folded(seg, m.tokens.end, range);
        let division_next = next.is_some_and(|n| DIVISION_WORDS.contains(&n));
        let settlement_before = m.tokens.start >= range.start + 2
            && seg.tokens.folded(m.tokens.start - 1) == "of"
            && SETTLEMENT_WORDS.contains(&seg.tokens.folded(m.tokens.start - 2));
        let capital_before =
            m.tokens.start > range.start && seg.tokens.folded(m.tokens.start - 1) == "capital";
        let squashed_key = squash(&key_of(seg, &m.tokens));
        let admin1_names: Vec<PlaceRef> = m
            .candidates
            .iter()
            .copied()
            .filter(|&c| gaz.kind(c) == PlaceKind::Admin1)
            .collect();

        // Scores a candidate; the reasons are written only when asked (for the winner).
        let score_of = |c: PlaceRef, explaining: bool| -> (f32, Vec<String>) {
            let explain = |why: &mut Vec<String>, reason: &dyn Fn() -> String| {
                if explaining {
                    why.push(reason());
                }
            };
            let kind = gaz.kind(c);
            let pop = gaz.population(c);
            let mut why = Vec::new();
            let mut score = match kind {
                PlaceKind::Country => 100.0,
                PlaceKind::Territory => 95.0,
                PlaceKind::Region
                | PlaceKind::WaterBody
                | PlaceKind::BorderPost
                | PlaceKind::Camp => 90.0,
                PlaceKind::Admin1 => 60.0,
                PlaceKind::Admin2 => 35.0,
                PlaceKind::City => 10.0 * (pop.max(10) as f32).log10(),
            };
            explain(&mut why, &|| match kind {
                PlaceKind::City => format!("population {pop}"),
                k => format!("{k}"),
            });
            let is_container = contains_previous(c);
            if gaz.is_capital(c) {
                score += 30.0;
                explain(&mut why, &|| "national capital".into());
            }
            if kind == PlaceKind::City && self.short_form(c, &squashed_key) {
                score -= 10.0;
                explain(&mut why, &|| "by a short form of its name".into());
            }
            // A city named like the division it lies in (`Tindouf`, `Tamanrasset`,
            // `New York`) is meant more often than the division, unless a division word
            // follows; a short form of a smaller city's name (`Oklahoma` for Oklahoma
            // City) is not.
            if kind == PlaceKind::Admin1
                && !is_container
                && m.candidates.iter().any(|&o| {
                    gaz.kind(o) == PlaceKind::City
                        && gaz.admin1_of(o) == Some(c)
                        && (!self.short_form(o, &squashed_key) || gaz.population(o) >= 1_000_000)
                })
            {
                score -= 20.0;
            }
            if is_container {
                score += 40.0;
                explain(&mut why, &|| {
                    "written as the container of the previous name".into()
                });
            }
            if matches!(kind, PlaceKind::Admin1 | PlaceKind::Admin2) && division_next {
                score += 50.0;
                explain(&mut why, &|| {
                    format!("followed by {:?}", next.unwrap_or_default())
                });
            }
            if kind == PlaceKind::City && settlement_before {
                score += 30.0;
                explain(&mut why, &|| "after \"city of\"".into());
            }
            if capital_before && gaz.is_capital(c) {
                score += 20.0;
            }
            let country = self.country_place(c);
            let in_container = containers
                .iter()
                .any(|&k| Some(k) == country || (Some(k) == gaz.admin1_of(c) && k != c));
            if in_container {
                score += 60.0;
                explain(&mut why, &|| "admin hierarchy written next to it".into());
            }
            if !matches!(kind, PlaceKind::Country | PlaceKind::Territory) {
                if let Some(country) = country {
                    let w = ctx.country_weight(country);
                    if w > 0.0 {
                        score += 8.0 + 4.0 * w.min(3.0);
                        explain(&mut why, &|| {
                            format!(
                                "document names {}",
                                gaz.country_iso2(country).unwrap_or_default()
                            )
                        });
                    }
                    if ctx.actors.contains(&country) {
                        score += 20.0;
                        explain(&mut why, &|| "an actor's country".into());
                    }
                }
                if kind == PlaceKind::Admin1 && ctx.admin1_of_cities.contains(&c) {
                    score += 45.0;
                    explain(&mut why, &|| "the document names a large city in it".into());
                }
                if let Some(a) = gaz.admin1_of(c)
                    && a != c
                    && ctx.admin1.contains(&a)
                    && !admin1_names.contains(&a)
                {
                    score += 25.0;
                    explain(&mut why, &|| format!("document names {}", gaz.name(a)));
                }
            }
            (score, why)
        };
        let mut scored: Vec<(f32, PlaceRef)> = m
            .candidates
            .iter()
            .map(|&c| (score_of(c, false).0, c))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let reason = match scored.first() {
            None => String::new(),
            Some(&(_, c)) => {
                let why = score_of(c, true).1.join(", ");
                if scored.len() == 1 {
                    format!("only candidate ({why})")
                } else {
                    format!("best of {} candidates: {why}", scored.len())
                }
            }
        };
        (scored.into_iter().map(|(_, c)| c).collect(), reason)
    }

    /// The location of an event whose predicate is token `predicate` of sentence `sentence`:
    /// the resolved mention attached to the predicate, else none.
    ///
    /// With a dependency parse (`heads[i]` = the head of token `i` as a document token index,
    /// `None` for a root), a mention whose phrase depends on the predicate within three steps
    /// wins. Without one: the mention after a locative preposition (`in Rabat`) nearest to the
    /// predicate, else a place below country level written just before the predicate as its
    /// subject (`Rabat hosted`). A country that is the subject is an actor, not a location.
    pub fn event_location(
        &self,
        seg: &Segmented,
        sentence: usize,
        mentions: &[PlaceMention],
        predicate: usize,
        heads: Option<&[Option<usize>]>,
    ) -> Option<EventLocation> {
        let s = &seg.sentences[sentence];
        let here = |m: &PlaceMention| m.sentence == sentence && m.resolution.is_some();
        if let Some(heads) = heads {
            let mut best: Option<(usize, usize)> = None;
            for (k, m) in mentions.iter().enumerate().filter(|(_, m)| here(m)) {
                // The mention's head: its token whose head lies outside it.
                let Some(head) = m.tokens.clone().find(|&t| {
                    heads
                        .get(t)
                        .copied()
                        .flatten()
                        .is_none_or(|h| !m.tokens.contains(&h))
                }) else {
                    continue;
                };
                let mut at = head;
                for depth in 1..=3 {
                    match heads.get(at).copied().flatten() {
                        Some(h) if h == predicate => {
                            if best.is_none_or(|(d, _)| depth < d) {
                                best = Some((depth, k));
                            }
                            break;
                        }
                        Some(h) => at = h,
                        None => break,
                    }
                }
            }
            if let Some((_, k)) = best {
                return Some(EventLocation {
                    mention: k,
                    attachment: Attachment::Dependency,
                });
            }
        }
        let locative = |m: &PlaceMention| {
            let mut p = m.tokens.start;
            while p > s.tokens.start {
                p -= 1;
                let f = seg.tokens.folded(p);
                if f == "the" {
                    continue;
                }
                return LOCATIVE.contains(&f);
            }
            false
        };
        let nearest = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| here(m) && locative(m))
            .min_by_key(|(_, m)| {
                let d = if m.tokens.start > predicate {
                    m.tokens.start - predicate
                } else {
                    predicate - m.tokens.end + 1
                };
                (d, m.tokens.start < predicate)
            });
        if let Some((k, _)) = nearest {
            return Some(EventLocation {
                mention: k,
                attachment: Attachment::Preposition,
            });
        }
        mentions
            .iter()
            .enumerate()
            .find(|(_, m)| {
                here(m)
                    && m.tokens.end == predicate
                    && m.precision.is_some_and(|p| p != Precision::Country)
            })
            .map(|(k, _)| EventLocation {
                mention: k,
                attachment: Attachment::Subject,
            })
    }
}

/// Text without spaces, hyphens and apostrophes, to compare a folded name with a key.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\'' | '.'))
        .collect()
}

/// The lookup key of a token range: folded tokens joined by one space.
fn key_of(seg: &Segmented, tokens: &Range<usize>) -> String {
    let mut key = String::new();
    for i in tokens.clone() {
        if i > tokens.start {
            key.push(' ');
        }
        key.push_str(seg.tokens.folded(i));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_text::Segmenter;

    fn geo() -> &'static Geoparser {
        static GEO: std::sync::OnceLock<Geoparser> = std::sync::OnceLock::new();
        GEO.get_or_init(|| Geoparser::embedded().expect("embedded gazetteer"))
    }

    fn token(seg: &Segmented, text: &str, word: &str) -> usize {
        seg.tokens
            .iter()
            .position(|t| t.span.slice(text) == word)
            .unwrap_or_else(|| panic!("no token {word:?}"))
    }

    #[test]
    fn event_location_follows_a_dependency_parse_when_given() {
        // With a parse, the place governed by "hosted" (through "in") is its location, and the
        // attachment says it came from the parse.
        let text = "Officials from Madrid said Morocco hosted talks in Rabat.";
        let seg = Segmenter::new().segment(text);
        let geo = geo();
        let ctx = geo.context(text, &seg, &[]);
        let mentions = geo.find_places(text, &seg, 0, &ctx);
        let names: Vec<&str> = mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(names, ["Madrid", "Morocco", "Rabat"]);
        let hosted = token(&seg, text, "hosted");
        let (said, rabat, madrid) = (
            token(&seg, text, "said"),
            token(&seg, text, "Rabat"),
            token(&seg, text, "Madrid"),
        );
        // A hand-made parse: Madrid <- from <- Officials <- said; Rabat <- hosted <- said.
        let mut heads: Vec<Option<usize>> = vec![Some(said); seg.tokens.len()];
        heads[said] = None;
        heads[hosted] = Some(said);
        heads[rabat] = Some(hosted);
        heads[madrid] = Some(token(&seg, text, "Officials"));
        let loc = geo
            .event_location(&seg, 0, &mentions, hosted, Some(&heads))
            .expect("a location");
        assert_eq!(
            (mentions[loc.mention].text.as_str(), loc.attachment),
            ("Rabat", Attachment::Dependency)
        );
        // Without the parse, the nearest place after a locative preposition.
        let loc = geo
            .event_location(&seg, 0, &mentions, hosted, None)
            .expect("a location");
        assert_eq!(
            (mentions[loc.mention].text.as_str(), loc.attachment),
            ("Rabat", Attachment::Preposition)
        );
        // A country subject is an actor, not a location: "Morocco condemned" has none.
        let text = "Morocco condemned the attack.";
        let seg = Segmenter::new().segment(text);
        let mentions = geo.find_places(text, &seg, 0, &geo.context(text, &seg, &[]));
        let condemned = token(&seg, text, "condemned");
        assert_eq!(
            geo.event_location(&seg, 0, &mentions, condemned, None),
            None
        );
    }

    #[test]
    fn country_level_locations_say_so() {
        let text = "Clashes were reported in Mali.";
        let seg = Segmenter::new().segment(text);
        let m = geo().find_all(text, &seg, &[]);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].precision, Some(Precision::Country));
        let place = m[0].resolution.as_ref().expect("resolved");
        assert_eq!(place.kind, PlaceKind::Country);
        assert_eq!(place.country.as_ref().expect("codes").iso3, "MLI");
    }

    #[test]
    fn actor_countries_break_ties() {
        // Dakhla is in Western Sahara (106,000) and in Morocco's Souss-Massa (56,000).
        let text = "The delegation arrived in Dakhla.";
        let seg = Segmenter::new().segment(text);
        let plain = geo().find_all(text, &seg, &[]);
        assert_eq!(plain[0].resolution.as_ref().unwrap().id_string(), "2463447");
        let with_actor = geo().find_all(text, &seg, &["MAR", "MA"]);
        assert_eq!(
            with_actor[0].resolution.as_ref().unwrap().id_string(),
            "8542188"
        );
        assert!(
            with_actor[0].reason.contains("actor"),
            "{}",
            with_actor[0].reason
        );
    }

    #[test]
    fn spans_from_a_recogniser_are_resolved_whole() {
        let text = "Residents of Tindouf and Bir Lahlou were interviewed.";
        let seg = Segmenter::new().segment(text);
        let ctx = geo().context(text, &seg, &[]);
        let (t, b) = (token(&seg, text, "Tindouf"), token(&seg, text, "Bir"));
        let spans = [t..t + 1, b..b + 2, 0..1];
        let m = geo().mentions_in_spans(text, &seg, 0, &spans, &ctx);
        let got: Vec<(&str, String)> = m
            .iter()
            .map(|m| (m.text.as_str(), m.resolution.as_ref().unwrap().id_string()))
            .collect();
        // "Residents" names no place and is left out.
        assert_eq!(
            got,
            [
                ("Tindouf", "2476301".to_owned()),
                ("Bir Lahlou", "13526712".to_owned())
            ]
        );
    }
}
