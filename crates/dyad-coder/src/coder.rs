//! The coder: predicates, verb patterns matched among a predicate's dependents, roles from the
//! dependency parse, actors from the lexicon, and one [`Event`] per coded predicate.

use std::collections::HashMap;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use dyad_geo::Geoparser;
use dyad_lexicon::discards::{Discard, DiscardIndex, DiscardScope, default_discards};
use dyad_lexicon::resolve::DocumentResolver;
use dyad_lexicon::verbs::{GroupKind, PatternElement, Synset, VerbDictionary, default_verbs};
use dyad_lexicon::{ActorCode, ActorMention, CameoCode, DictDate, EventCodes, Lexicon, TokenRef};
use dyad_nlp::{Annotated, EntityType, NerTag, Pipeline, Upos};
use dyad_text::{Segmented, Segmenter, Span};
use dyad_time::{Anchor, TagBuffer, Tagger, TimeExpr};

use crate::cameo::CameoTable;
use crate::dating::{self, EventDate, TemporalStatus};
use crate::error::Result;
use crate::placing::{self, DocParse, EventPlace, PlaceQuery};

/// Lines of the verb file before the body that pattern line numbers count from.
const VERB_FILE_HEADER_LINES: u64 = 3;

/// Verbs whose coordinated subjects make one mutual event ("Morocco and Mauritania met").
const MUTUAL_LEMMAS: &[&str] = &[
    "meet",
    "sign",
    "agree",
    "negotiate",
    "talk",
    "discuss",
    "confer",
    "consult",
    "cooperate",
    "speak",
    // "exchanged accusations", "exchanged fire", "exchanged prisoners"
    "exchange",
    "clash",
];

/// Verbs of saying whose reported clause is coded with the speaker in `attributed_to`.
const SAY_LEMMAS: &[&str] = &[
    "say", "tell", "state", "announce", "add", "note", "declare", "report", "stress", "affirm",
    "reaffirm", "indicate", "explain", "confirm",
];

/// Prepositions that introduce a target.
const TARGET_PREPOSITIONS: &[&str] = &["with", "to", "against", "on", "from", "at", "for"];

/// Verbs after which a `to` clause is an intention (future).
const INTENT_LEMMAS: &[&str] = &[
    "plan", "intend", "expect", "want", "hope", "seek", "aim", "prepare", "decide", "pledge",
    "promise", "vow",
];

/// How an event is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modality {
    /// Reported as having happened.
    Asserted,
    /// Reported as not having happened ("did not meet").
    Negated,
    /// Reported as to come ("will meet", "plans to meet").
    Future,
    /// Conditional or possible ("would meet", "if they meet").
    Hypothetical,
}

impl Modality {
    /// The name as written in output.
    pub fn name(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Future => "future",
            Modality::Hypothetical => "hypothetical",
        }
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The speaker of a reported event ("the ministry said …").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The speaker's span (the mention, or the subject's phrase when it has no code).
    pub span: Span,
    /// The speaker's code, when the lexicon gives one.
    pub code: Option<ActorCode>,
}

/// The PLOVER event type and mode of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plover {
    /// Event type (`CONSULT`).
    pub event_type: String,
    /// Mode (`visit`), when the mapping gives one.
    pub mode: Option<String>,
}

/// The sentence an event comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceRef {
    /// 0-based index of the sentence in the document.
    pub index: usize,
    /// Byte span in the document.
    pub span: Span,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The sentence.
    pub sentence: SentenceRef,
    /// The predicate's span (the verb and its particles: "met with").
    pub trigger: Span,
    /// Who acts.
    pub source: ActorMention,
    /// Whom the act is directed at, if anyone.
    pub target: Option<ActorMention>,
    /// A mutual event ("Morocco and Mauritania met"): source and target act together.
    pub symmetric: bool,
    /// The CAMEO code.
    pub cameo: CameoCode,
    /// Goldstein score (`None` for codes without one or unknown to the table).
    pub goldstein: Option<f32>,
    /// GDELT QuadClass (1–4).
    pub quad_class: u8,
    /// PLOVER event type and mode, `None` where PLOVER has no equivalent.
    pub plover: Option<Plover>,
    /// How the event is reported.
    pub modality: Modality,
    /// Who reported it, for reported speech.
    pub attributed_to: Option<Attribution>,
    /// The verb-dictionary entry that fired (`verbs.txt:5151 MEET_PEOPLE "- * (WITH …)"`).
    pub rule: String,
    /// The event is reported in the document's lead paragraph (GDELT's `IsRootEvent`).
    pub is_root: bool,
    /// Every report of this event in the document, the first being `sentence`/`trigger`
    /// (in-document merging adds the others).
    pub mentions: Vec<Mention>,
    /// When it happened (`None` only when dating is switched off).
    pub date: Option<EventDate>,
    /// Current, historical (background) or future.
    pub temporal_status: TemporalStatus,
    /// Where it happened, when the text says so.
    pub location: Option<EventPlace>,
}

/// One report of an event in its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// The sentence.
    pub sentence: SentenceRef,
    /// The predicate's span.
    pub trigger: Span,
}

/// What the coder knows of a document besides its text, language and date.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocumentInfo<'a> {
    /// The headline (not part of the text): the people it names are known to coreference, and
    /// a statement's title names its issuer ("Statement from National Security Advisor …").
    pub title: Option<&'a str>,
    /// The URL: a government site names the issuer of its statements ([`crate::voice`]).
    pub url: Option<&'a str>,
}

impl<'a> DocumentInfo<'a> {
    /// The title and URL of a document.
    pub fn of(doc: &'a dyad_text::Document) -> DocumentInfo<'a> {
        DocumentInfo {
            title: doc.title.as_deref(),
            url: doc.url.as_deref(),
        }
    }
}

/// A form of a dictionary verb, indexed by its verb word.
#[derive(Debug, Clone)]
struct VerbForm {
    block: u32,
    entry: u32,
    /// Words that must follow the verb word ("with" in "met with").
    after: Vec<String>,
    /// Words that must precede it.
    before: Vec<String>,
}

/// A dictionary the coder uses: the shipped one, or one given to the builder.
#[derive(Debug, Clone)]
enum Held<T: 'static> {
    Shipped(&'static T),
    Given(Arc<T>),
}

impl<T> Deref for Held<T> {
    type Target = T;
    fn deref(&self) -> &T {
        match self {
            Held::Shipped(t) => t,
            Held::Given(t) => t,
        }
    }
}

/// Builds a [`Coder`].
#[derive(Debug, Default)]
pub struct CoderBuilder {
    pipeline: Option<Pipeline>,
    lexicon: Option<Held<Lexicon>>,
    verbs: Option<Held<VerbDictionary>>,
    discards: Option<Held<Vec<Discard>>>,
    no_dating: bool,
    no_placing: bool,
    petrarch_conventions: bool,
    max_sentence_words: Option<usize>,
}

/// The default of [`CoderBuilder::max_sentence_words`]: the pipeline's parse-piece size
/// ([`dyad_nlp::DEFAULT_MAX_PARSE_WORDS`]); the longest sentence of the bundled examples has
/// 90 tokens.
pub const DEFAULT_MAX_SENTENCE_WORDS: usize = dyad_nlp::DEFAULT_MAX_PARSE_WORDS;

/// A sentence the coder did not code because it was longer than the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkippedSentence {
    /// The sentence's index in the document.
    pub index: usize,
    /// Its length in words (tokens).
    pub words: usize,
    /// The limit it exceeded.
    pub limit: usize,
}

impl std::fmt::Display for SkippedSentence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "sentence {} has {} words, more than the limit of {} (--max-sentence-words): not coded",
            self.index, self.words, self.limit
        )
    }
}

impl CoderBuilder {
    /// Codes only sentences of at most `words` words (default
    /// [`DEFAULT_MAX_SENTENCE_WORDS`]); longer ones — run-on text, tables and lists the
    /// splitter could not cut — are skipped and listed in
    /// [`CodeBuffers::skipped_sentences`]. Coding time grows faster than linearly with a
    /// sentence's length, so this bounds the time any text can take.
    pub fn max_sentence_words(mut self, words: usize) -> Self {
        self.max_sentence_words = Some(words.max(1));
        self
    }

    /// Uses this NLP pipeline instead of the shipped model.
    pub fn pipeline(mut self, pipeline: Pipeline) -> Self {
        self.pipeline = Some(pipeline);
        self
    }

    /// Uses this lexicon instead of the default one.
    pub fn lexicon(mut self, lexicon: &'static Lexicon) -> Self {
        self.lexicon = Some(Held::Shipped(lexicon));
        self
    }

    /// Uses this lexicon, built by the caller (e.g. from the files a PETRARCH configuration
    /// names), instead of the default one.
    pub fn lexicon_owned(mut self, lexicon: Lexicon) -> Self {
        self.lexicon = Some(Held::Given(Arc::new(lexicon)));
        self
    }

    /// Uses this verb dictionary instead of the default one.
    pub fn verbs(mut self, verbs: &'static VerbDictionary) -> Self {
        self.verbs = Some(Held::Shipped(verbs));
        self
    }

    /// Uses this verb dictionary, loaded by the caller, instead of the default one.
    pub fn verbs_owned(mut self, verbs: VerbDictionary) -> Self {
        self.verbs = Some(Held::Given(Arc::new(verbs)));
        self
    }

    /// Uses this discard list instead of the shipped Phoenix one (an empty list discards
    /// nothing).
    pub fn discards(mut self, discards: Vec<Discard>) -> Self {
        self.discards = Some(Held::Given(Arc::new(discards)));
        self
    }

    /// Dates events from the text's temporal expressions (the default); `false` gives every
    /// event no date and only the modality's status (for measuring the cost of dating).
    pub fn dating(mut self, on: bool) -> Self {
        self.no_dating = !on;
        self
    }

    /// Locates events with the geoparser (the default); `false` leaves every location empty.
    pub fn placing(mut self, on: bool) -> Self {
        self.no_placing = !on;
        self
    }

    /// Follows PETRARCH's conventions instead of dyad's codebook (`docs/codebook.md`): a
    /// two-way code gives both directed events (`[042:043]`: the visit and the hosting, `[046:046]`
    /// as two directed events), the verb block's code stands for "spoke with" and "traveled to",
    /// and blanket statements (010) are kept. For validating against PETRARCH's records.
    pub fn petrarch_conventions(mut self, on: bool) -> Self {
        self.petrarch_conventions = on;
        self
    }

    /// Builds the coder: loads what was not given and indexes the verb forms.
    ///
    /// # Errors
    /// [`crate::Error::Nlp`] if the shipped model cannot be loaded, [`crate::Error::Geo`] if
    /// the embedded gazetteer cannot.
    pub fn build(self) -> Result<Coder> {
        let pipeline = match self.pipeline {
            Some(p) => p,
            None => Pipeline::load_default()?,
        };
        let verbs = self.verbs.unwrap_or_else(|| Held::Shipped(default_verbs()));
        let mut index: HashMap<String, Vec<VerbForm>> = HashMap::new();
        for (b, block) in verbs.blocks.iter().enumerate() {
            for (e, entry) in block.verbs.iter().enumerate() {
                let words: Vec<&str> = entry
                    .text
                    .split(['_', ' '])
                    .filter(|w| !w.is_empty())
                    .collect();
                let marked = words.iter().position(|w| w.starts_with('+'));
                for form in &entry.forms {
                    if form.is_empty() {
                        continue;
                    }
                    let at = match marked {
                        Some(m) if form.len() == words.len() => m,
                        _ => 0,
                    };
                    index.entry(form[at].clone()).or_default().push(VerbForm {
                        block: b as u32,
                        entry: e as u32,
                        after: form[at + 1..].to_vec(),
                        before: form[..at].to_vec(),
                    });
                }
            }
        }
        let synsets: HashMap<&str, &Synset> =
            verbs.synsets.iter().map(|s| (s.name.as_str(), s)).collect();
        let patterns = verbs
            .blocks
            .iter()
            .map(|b| {
                b.patterns
                    .iter()
                    .map(|p| {
                        let mut flat = Flattened::default();
                        flatten(&p.elements, &synsets, &mut flat, 0);
                        CompiledPattern {
                            codes: p.codes,
                            line: p.line,
                            atoms: flat.atoms,
                            glued: flat.glued,
                            verb_at: flat.verb_at.unwrap_or(0),
                            glued_to_verb: flat.glued_to_verb,
                            preposition: first_group_word(&p.elements).map(str::to_string),
                            phrase_words: first_paren_words(&p.elements),
                        }
                    })
                    .collect()
            })
            .collect();
        let discards = self
            .discards
            .unwrap_or_else(|| Held::Shipped(default_discards()));
        Ok(Coder {
            patterns,
            pipeline,
            lexicon: self
                .lexicon
                .unwrap_or_else(|| Held::Shipped(Lexicon::default_lexicon())),
            discard_index: DiscardIndex::new(&discards),
            discards,
            verbs,
            table: CameoTable::default_table(),
            index,
            segmenter: Segmenter::new(),
            tagger: (!self.no_dating).then(Tagger::new),
            codebook: !self.petrarch_conventions,
            max_sentence_words: self
                .max_sentence_words
                .unwrap_or(DEFAULT_MAX_SENTENCE_WORDS),
            geo: if self.no_placing {
                None
            } else {
                Some(Geoparser::embedded()?)
            },
        })
    }
}

/// The event coder. Built once ([`Coder::builder`]), immutable, shared across threads.
#[derive(Debug)]
pub struct Coder {
    pipeline: Pipeline,
    lexicon: Held<Lexicon>,
    verbs: Held<VerbDictionary>,
    discards: Held<Vec<Discard>>,
    /// `discards` indexed by first word.
    discard_index: DiscardIndex,
    table: &'static CameoTable,
    index: HashMap<String, Vec<VerbForm>>,
    /// The patterns of each block, flattened once (aligned with `VerbBlock::patterns`).
    patterns: Vec<Vec<CompiledPattern>>,
    segmenter: Segmenter,
    /// The temporal tagger (`None` when dating is off).
    tagger: Option<Tagger>,
    /// The geoparser over the embedded gazetteer (`None` when placing is off).
    geo: Option<Geoparser>,
    /// Follow the codebook's choices (not PETRARCH's): see [`CoderBuilder::petrarch_conventions`].
    codebook: bool,
    /// Longer sentences are not coded.
    max_sentence_words: usize,
}

/// A pattern flattened for matching: its words and synsets in order, where the verb stands,
/// and the preposition it names.
#[derive(Debug)]
struct CompiledPattern {
    codes: EventCodes,
    line: u64,
    atoms: Vec<Atom>,
    /// Per atom: it must start on the word right after the previous atom (or the verb) ends
    /// (`_` in the pattern: `*_OUT`, `NEW_&TIETYPES_RELATIONS`).
    glued: Vec<bool>,
    verb_at: usize,
    /// The last atom before the verb must end right before it (`IN_*`, `RECENTLY_*`).
    glued_to_verb: bool,
    preposition: Option<String>,
    /// The leading words of the pattern's first parenthesised group after the verb, the
    /// phrase it names (`with leaders` in `* (WITH LEADERS)`; none for `* {DIPLOMATIC TIES}`).
    phrase_words: Vec<String>,
}

/// Reusable buffers for coding a document.
#[derive(Debug, Default)]
pub struct CodeBuffers {
    seg: Segmented,
    ann: Annotated,
    words: Vec<String>,
    folded: Vec<String>,
    spans: Vec<Span>,
    kids: Vec<Vec<u32>>,
    /// Temporal expressions of the current sentence, and the tagger's buffers.
    when_where: WhenWhereBuffers,
    /// The sentences of the last document that were too long to code.
    skipped: Vec<SkippedSentence>,
}

impl CodeBuffers {
    /// The sentences of the last coded document that were longer than the coder's limit
    /// ([`CoderBuilder::max_sentence_words`]) and were not coded.
    pub fn skipped_sentences(&self) -> &[SkippedSentence] {
        &self.skipped
    }
}

/// Buffers of event dating and placing, reused across documents.
#[derive(Debug, Default)]
struct WhenWhereBuffers {
    /// Temporal expressions of the current sentence, and the tagger's buffers.
    times: Vec<TimeExpr>,
    tag: TagBuffer,
    /// Predicate token (in its sentence) of each event of the current sentence.
    predicates: Vec<usize>,
    /// The document's parse by document token, and what each event needs to be placed.
    parse: DocParse,
    places: Vec<PlaceQuery>,
    /// Countries (ISO alpha-3) of the document's actors: context for the geoparser.
    countries: Vec<String>,
    /// The sentence and date of the latest past act the text dated: the narrative an undated
    /// act in the past tense continues ("On Oct. 23, Langley met … Additionally, the commander
    /// met with …").
    narrative: Option<(usize, EventDate)>,
}

/// One parsed sentence as the coder sees it.
pub(crate) struct View<'a> {
    pub(crate) folded: &'a [String],
    pub(crate) spans: &'a [Span],
    pub(crate) ann: &'a Annotated,
    kids: &'a [Vec<u32>],
    /// (byte offset, country) of the actors named in the document up to this sentence's end,
    /// in text order (what an actor named without a country belongs to: the latest before it).
    context: &'a [(usize, String)],
    /// The country of the document's dateline, if it has one ("RABAT -").
    dateline: Option<&'a str>,
    /// The document's date (for the lexicon's dated entries).
    date: DictDate,
    /// The document's text (`spans` index it).
    text: &'a str,
}

impl View<'_> {
    pub(crate) fn head(&self, k: usize) -> Option<usize> {
        let h = self.ann.head[k] as usize;
        (h > 0).then(|| h - 1)
    }

    pub(crate) fn kids(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        self.kids[k].iter().map(|&c| c as usize)
    }

    fn kid(&self, k: usize, rel: &str) -> Option<usize> {
        self.kids(k).find(|&c| self.ann.deprel[c] == rel)
    }

    fn word_is(&self, k: usize, key: &str) -> bool {
        self.folded[k] == key || self.ann.lemma[k].eq_ignore_ascii_case(key)
    }

    /// Token indices of the subtree of `k`, leaving out the subtrees of children whose
    /// relation `skip` rejects.
    pub(crate) fn subtree(&self, k: usize, skip: &dyn Fn(&str) -> bool, out: &mut Vec<usize>) {
        out.push(k);
        for c in self.kids(k) {
            if !skip(self.ann.deprel[c]) {
                self.subtree(c, skip, out);
            }
        }
    }

    pub(crate) fn lemma(&self, k: usize) -> String {
        self.ann.lemma[k].to_lowercase()
    }
}

/// The voice of a statement as its sentences are coded: the issuer, and the actor the text
/// names as its voice ("The United States condemns … We urge …": `we` = `USA`).
struct VoiceState {
    issuer: Option<ActorMention>,
    named: Option<ActorMention>,
    /// A sentence with events has been coded.
    opened: bool,
}

impl VoiceState {
    /// The actor a sentence's events name as the document's voice, when it changes the voice:
    /// a bare country (`USA`) that is the subject at the start of the sentence — the issuer's
    /// country when the document has an issuer; without one, only in the first sentence with
    /// events and before a verb in the present tense ("The United States condemns …").
    fn named_in(&mut self, v: &View<'_>, events: &[Event]) -> Option<ActorMention> {
        let first_sentence = !self.opened;
        self.opened |= !events.is_empty();
        for e in events {
            let m = &e.source;
            if m.code.as_str().len() != 3 || m.reason.rule == "voice" || m.country_iso3.is_none() {
                continue;
            }
            let Some(k0) = v.spans.iter().position(|t| t.start == m.span.start) else {
                continue;
            };
            if k0 > 1 || (k0 == 1 && v.folded[0] != "the") {
                continue;
            }
            let ok = match &self.issuer {
                Some(i) => i.country_iso3 == m.country_iso3,
                None => {
                    first_sentence
                        && v.spans
                            .iter()
                            .position(|t| t.start == e.trigger.start)
                            .is_some_and(|k| matches!(v.ann.xpos[k], "VBZ" | "VBP"))
                }
            };
            if !ok || self.named.as_ref().is_some_and(|n| n.code == m.code) {
                continue;
            }
            let named = ActorMention {
                reason: dyad_lexicon::resolve::Reason {
                    rule: "voice",
                    entries: vec![(m.code.as_str().to_string(), "named as the voice".into())],
                },
                name: None,
                ..m.clone()
            };
            self.named = Some(named.clone());
            return Some(named);
        }
        None
    }
}

/// Where the lead paragraph ends: the paragraph (text up to a blank line) holding the first
/// body sentence. Events reported there are the document's root events (GDELT's
/// `IsRootEvent`); headings, captions and an introducing line ("The below is attributable to
/// …:") before it do not count.
/// Titles of one person: a mention ending in one names a person ("the Malian foreign
/// minister", "the Secretary"), one ending otherwise an institution ("the Malian army").
const PERSON_TITLES: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "king",
    "queen",
    "emir",
    "amir",
    "sultan",
    "prince",
    "general",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "premier",
    "chancellor",
    "chief",
    "commander",
    "official",
    "counselor",
    "counsellor",
    "representative",
    "advisor",
    "adviser",
    "director",
    "governor",
    "mayor",
    "colonel",
    "admiral",
    "captain",
    "lieutenant",
    "sergeant",
    "officer",
    "chairman",
    "chairwoman",
    "chairperson",
    "head",
    "deputy",
    "monarch",
];

/// Whether an actor mention names one person: a personal name, or a text with a singular
/// title of a person ("Secretary of State", "the Malian foreign minister"; not "the army").
fn is_person(text: &str, m: &ActorMention) -> bool {
    if m.reason.rule == "voice" || m.reason.rule == "dateline" || m.reason.rule == "pronoun" {
        return false;
    }
    if m.name.is_some() {
        return true;
    }
    let t = text.get(m.span.start..m.span.end).unwrap_or("");
    let titled = t
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| PERSON_TITLES.contains(&w.to_lowercase().as_str()));
    // (A dictionary entry of two or more capitalised words with a role is a named person:
    // "Antony J. Blinken", `USAGOV`.)
    let named = m.reason.rule == "dictionary"
        && !m.sectors.is_empty()
        && t.split_whitespace().count() >= 2
        && t.split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase));
    named || titled
}

/// Third-person pronouns that stand for the subject of the clause their own clause
/// complements or joins (codebook 4), as mentions of that actor: "The Malian army said *it*
/// killed …", "the minister said *he* would …" — "it" for an institution or a country, "he"
/// and "she" for a person ([`is_person`]). Only a pronoun that is the subject of a verb is
/// read; the lexicon's resolver has already given "he" and "she" the sentence's or the
/// document's person where it could (an "it" of its own is as often the weather or a clause
/// as an actor, and is left).
fn pronoun_mentions(v: &View<'_>, mentions: &[ActorMention]) -> Vec<ActorMention> {
    let mut out = Vec::new();
    for k in 0..v.folded.len() {
        let personal = matches!(v.folded[k].as_str(), "he" | "she");
        if !(personal || v.folded[k] == "it")
            || !matches!(v.ann.deprel[k], "nsubj" | "nsubj:pass")
            || mentions.iter().any(|m| m.span.overlaps(v.spans[k]))
        {
            continue;
        }
        let Some(p) = v.head(k).filter(|&p| v.ann.upos[p] == Upos::Verb) else {
            continue;
        };
        // The subject of the clause above: "said it killed", "said that he would".
        let above = matches!(v.ann.deprel[p], "ccomp" | "xcomp" | "conj" | "advcl")
            .then(|| v.head(p))
            .flatten()
            .and_then(|h| v.kid(h, "nsubj"))
            .filter(|&n| n < k)
            .and_then(|n| {
                mentions
                    .iter()
                    .find(|m| m.span.overlaps(v.spans[n]) && m.reason.rule != "voice")
            })
            .filter(|m| personal == is_person(v.text, m));
        let Some(antecedent) = above else {
            continue;
        };
        let mut m = antecedent.clone();
        m.span = v.spans[k];
        m.name = None;
        m.reason = dyad_lexicon::resolve::Reason {
            rule: "pronoun",
            entries: vec![(
                format!(
                    "{} = {}",
                    v.folded[k],
                    v.text
                        .get(antecedent.span.start..antecedent.span.end)
                        .unwrap_or("")
                ),
                "the actor named before".to_string(),
            )],
        };
        out.push(m);
    }
    out
}

fn lead_paragraph_end(text: &str, sentences: &[dyad_text::Sentence]) -> usize {
    let Some(first) = sentences
        .iter()
        .find(|s| s.kind.is_codable() && !s.span.slice(text).trim_end().ends_with(':'))
    else {
        return 0;
    };
    let from = first.span.end.min(text.len());
    text[from..].find("\n\n").map_or(text.len(), |i| from + i)
}

/// The civil date of a dictionary date (the last day of the month for a day it lacks).
fn civil_date(date: DictDate) -> jiff::civil::Date {
    let n = date.as_u32();
    let (y, m, d) = ((n / 10_000) as i16, (n / 100 % 100) as i8, (n % 100) as i8);
    jiff::civil::Date::new(y, m, d)
        .or_else(|_| jiff::civil::Date::new(y, m, 1).map(|f| f.last_of_month()))
        .unwrap_or(jiff::civil::Date::MIN)
}

/// Verbs that direct their object to act ("ordered the troops to leave", "urged Algeria to
/// reopen"): the object, not the subject, is the one who would do the controlled verb.
const DIRECTIVE_LEMMAS: &[&str] = &[
    "order",
    "urge",
    "ask",
    "tell",
    "force",
    "compel",
    "instruct",
    "direct",
    "command",
    "persuade",
    "pressure",
    "press",
    "request",
    "require",
    "invite",
    "encourage",
    "oblige",
];

/// Relations whose subtrees are not searched for a predicate's default target: other clauses
/// joined to it, but not its complement clauses and their subjects ("hopes that Osgiliath…",
/// "believes Dagolath can cope").
fn target_scope(rel: &str) -> bool {
    matches!(
        rel,
        "conj"
            | "parataxis"
            | "advcl"
            | "punct"
            | "cc"
            | "csubj"
            | "acl:relcl"
            | "obl:tmod"
            | "appos"
    )
}

/// Nouns for a kind of place whose name follows "of" ("the city of Kirkuk").
const SETTLEMENT_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "capital",
    "port",
    "province",
    "region",
    "district",
    "state",
    "county",
    "island",
    "area",
    "municipality",
    "governorate",
    "prefecture",
];

/// Whether token `j` heads a place phrase of the predicate `k` itself ("met in Rabat",
/// "celebrated at Osgiliath"): places are where an act happens, not whom it is done to —
/// except after verbs of arriving ("arrived in Gondor"). An actor deeper inside a phrase ("in
/// the dispute with Osgiliath") or a noun's place ("a trip in the White Downs") is not one;
/// the name of a city or region in such a phrase is ("in the northern city of Kirkuk").
fn in_place_phrase(v: &View<'_>, j: usize, k: usize) -> bool {
    const MOTION: &[&str] = &["arrive", "land", "travel", "return", "come", "go", "fly"];
    if MOTION.contains(&v.lemma(k).as_str()) {
        return false;
    }
    // Climb the name's own flat/compound parts to its head.
    let mut c = j;
    while matches!(v.ann.deprel[c], "flat" | "compound" | "amod" | "det")
        && let Some(h) = v.head(c)
    {
        c = h;
    }
    // "in the northern city of Kirkuk": the name of a settlement or region the phrase names.
    if v.ann.deprel[c] == "nmod"
        && has_case(v, c, "of")
        && let Some(h) = v.head(c)
        && SETTLEMENT_NOUNS.contains(&v.lemma(h).as_str())
    {
        c = h;
    }
    v.ann.deprel[c] == "obl"
        && v.head(c) == Some(k)
        && v.kids(c).any(|x| {
            v.ann.deprel[x] == "case" && LOCATIVE_PREPOSITIONS.contains(&v.folded[x].as_str())
        })
}

/// The subject of the passive verb at `k`: its `nsubj:pass`, or for a passive infinitive the
/// subject of the verb it complements ("Diop is expected to be received").
fn passive_subject(v: &View<'_>, k: usize) -> Option<usize> {
    v.kid(k, "nsubj:pass").or_else(|| {
        (v.ann.deprel[k] == "xcomp" && v.kid(k, "aux:pass").is_some())
            .then(|| v.head(k))
            .flatten()
            .and_then(|h| v.kid(h, "nsubj:pass").or_else(|| v.kid(h, "nsubj")))
    })
}

/// The object of the verb at `k`: its `obj`, else a noun the parser hung without a
/// preposition under one of its time or place phrases or read as a secondary predicate, as it
/// does when the object follows them ("received *on Monday in Algiers* Malian Minister …
/// Diop", "received Malian Foreign Minister Diop" with "Malian" as `xcomp`).
fn received_object(v: &View<'_>, k: usize) -> Option<usize> {
    if let Some(o) = v.kid(k, "obj") {
        return Some(o);
    }
    v.kids(k)
        .filter(|&c| {
            matches!(
                v.ann.deprel[c],
                "obl" | "obl:unmarked" | "obl:tmod" | "xcomp"
            )
        })
        .find_map(|c| {
            v.kids(c).find(|&d| {
                matches!(
                    v.ann.deprel[d],
                    "nmod" | "obj" | "appos" | "compound" | "acl"
                ) && d > c
                    && matches!(v.ann.upos[d], Upos::Propn | Upos::Noun)
                    && !v.kids(d).any(|x| v.ann.deprel[x] == "case")
            })
        })
}

/// The first actor after the predicate `k`, in its phrase, of another country than the
/// source's ("offered the support of the United States *to the Tunisian investigation*").
fn other_country_after<'m>(
    v: &View<'_>,
    k: usize,
    source: &ActorMention,
    mentions: &'m [ActorMention],
) -> Option<&'m ActorMention> {
    let mut phrase = Vec::new();
    v.subtree(k, &|r: &str| r == "conj" || r == "parataxis", &mut phrase);
    phrase.sort_unstable();
    phrase.into_iter().filter(|&j| j > k).find_map(|j| {
        mentions.iter().find(|m| {
            m.span.overlaps(v.spans[j])
                && m.country_iso3.is_some()
                && m.country_iso3 != source.country_iso3
        })
    })
}

/// The mention joined to `m` by a hyphen ("*Moroccan*-Senegalese", "U.S.-*Algeria*"), after or
/// before it.
fn hyphen_partner<'m>(
    text: &str,
    m: &ActorMention,
    mentions: &'m [ActorMention],
) -> Option<&'m ActorMention> {
    let joined = |a: &ActorMention, b: &ActorMention| {
        a.span.end < b.span.start && matches!(text.get(a.span.end..b.span.start), Some("-" | "–"))
    };
    mentions
        .iter()
        .find(|o| joined(m, o) || joined(o, m))
        .filter(|o| o.country_iso3.is_some() && o.country_iso3 != m.country_iso3)
}

/// Whether the words of `span` are all a place by the recogniser's reading (`B-LOC`, `I-LOC`).
fn names_a_place(v: &View<'_>, span: Span) -> bool {
    let mut words = (0..v.folded.len())
        .filter(|&j| span.start <= v.spans[j].start && v.spans[j].end <= span.end)
        .peekable();
    words.peek().is_some()
        && words.all(|j| {
            matches!(
                v.ann.ner[j],
                NerTag::B(EntityType::Loc) | NerTag::I(EntityType::Loc)
            )
        })
}

/// Whether the predicate's phrase names a reciprocal act ("their meeting", "each other",
/// "ties between them").
fn reciprocal(v: &View<'_>, k: usize) -> bool {
    let mut phrase = Vec::new();
    v.subtree(k, &clausal, &mut phrase);
    phrase.iter().any(|&j| {
        matches!(
            v.folded[j].as_str(),
            "their" | "each" | "mutual" | "bilateral" | "joint" | "between"
        )
    })
}

/// Verbs whose `to` complement is refused: the refusal is the event (12x), not a negation.
const REFUSAL_LEMMAS: &[&str] = &["refuse", "decline", "reject", "deny"];

/// Nouns of people killed, wounded or attacked that name no actor ("dozens of people",
/// "civilians", "villagers"); the lexicon's titles name the rest ("soldiers", "protesters").
const VICTIM_NOUNS: &[&str] = &[
    "people",
    "person",
    "civilian",
    "villager",
    "resident",
    "man",
    "woman",
    "child",
    "victim",
    "passenger",
    "worker",
    "student",
    "tourist",
    "pilgrim",
    "migrant",
    "hostage",
    "dozen",
    "hundred",
    "thousand",
    "member",
    "family",
    "inhabitant",
    "individual",
    "other",
    "one",
];

/// Nouns of time that stand alone as an adverbial ("called President Essebsi *today*", "met
/// *last week*"), besides the days and months: never a name given to the object.
const TIME_NOUNS: &[&str] = &[
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "week",
    "month",
    "year",
    "weekend",
];

/// Speech acts that a speaker performs by saying that they want to: "I want to thank …", "we
/// would like to congratulate …" thank and congratulate.
const PERFORMATIVE_LEMMAS: &[&str] = &[
    "thank",
    "congratulate",
    "commend",
    "welcome",
    "praise",
    "applaud",
    "salute",
    "acknowledge",
    "recognize",
    "express",
    "extend",
    "convey",
    "reiterate",
    "reaffirm",
    "condemn",
    "emphasize",
    "stress",
    "underscore",
];

/// The rule note of a speech act performed by saying one wants to perform it.
const PERFORMED: &str = "a speech act performed by saying so (\"I want to thank\")";

/// Whether predicate `k` is a speech act its first-person speaker performs by wanting to ("I
/// want to thank my colleague", "we would like to congratulate"): asserted, not intended.
fn performative(v: &View<'_>, k: usize) -> bool {
    PERFORMATIVE_LEMMAS.contains(&v.lemma(k).as_str())
        && v.ann.deprel[k] == "xcomp"
        && v.kid(k, "mark").is_some_and(|m| v.folded[m] == "to")
        && v.head(k).is_some_and(|h| {
            matches!(v.lemma(h).as_str(), "want" | "like" | "wish")
                && v.kid(h, "nsubj")
                    .is_some_and(|n| matches!(v.folded[n].as_str(), "i" | "we"))
        })
}

/// Verbs whose `to` complement is an intention to act (03x).
const INTENT_ACT_LEMMAS: &[&str] = &[
    "plan", "intend", "pledge", "promise", "vow", "offer", "decide", "want", "seek",
];

/// The code of a predicate whose stance changes what it reports: a refused act ("refused to
/// meet" → 125), an intended cooperative act ("pledged to provide aid" → 033), a threatened or
/// conditional harmful act ("threatened to impose sanctions" → 1312, "will cut gas supplies
/// if…" → 1311). CAMEO's families map root by root.
fn stance_code(v: &View<'_>, k: usize, cameo: CameoCode) -> Option<(CameoCode, &'static str)> {
    let root = cameo.root();
    let pick = |c: &str| CameoCode::new(c).ok();
    // Complement of a refusal or intention verb ("refused to meet", "plans to sign").
    if v.ann.deprel[k] == "xcomp"
        && v.kid(k, "mark").is_some_and(|m| v.folded[m] == "to")
        && let Some(h) = v.head(k)
    {
        let head = v.lemma(h);
        if REFUSAL_LEMMAS.contains(&head.as_str()) {
            let c = match root {
                "04" => "125",
                "05" => "127",
                "06" => "121",
                "07" => "122",
                "08" => "124",
                "03" => "120",
                _ => return None,
            };
            return pick(c).map(|c| (c, "refusal of the act"));
        }
        if performative(v, k) {
            return Some((cameo, PERFORMED));
        }
        // "threatened to impose sanctions": the threat is the event (1312), the sanctions
        // did not happen.
        // (An act with no threat code of its own is a threat all the same: 130.)
        if head == "threaten" {
            return threat_code(cameo)
                .or_else(|| pick("130"))
                .map(|c| (c, THREATENED));
        }
        // "She asked to meet with President Bazoum": asking to act oneself (no one asked to
        // act) states an intention, as "wanted to meet" does.
        let asked_to_act = matches!(head.as_str(), "ask" | "request")
            && v.kid(h, "obj").is_none()
            && v.kid(h, "iobj").is_none();
        if INTENT_ACT_LEMMAS.contains(&head.as_str()) || asked_to_act {
            return intent_code(cameo).map(|c| (c, "intention to act"));
        }
    }
    // A conditional statement of a harmful act ("will cut gas supplies if…").
    let conditional = v.kids(k).any(|c| {
        v.ann.deprel[c] == "advcl"
            && v.kid(c, "mark")
                .is_some_and(|m| matches!(v.folded[m].as_str(), "if" | "unless"))
    });
    let future = v.kids(k).any(|c| {
        v.ann.deprel[c] == "aux"
            && matches!(
                v.folded[c].as_str(),
                "will" | "would" | "'ll" | "wo" | "shall"
            )
    });
    if conditional && future {
        return threat_code(cameo).map(|c| (c, "conditional threat"));
    }
    None
}

/// Verbs of arranging a meeting of others ("hosted talks between …").
const HOSTING_LEMMAS: &[&str] = &[
    "host",
    "organize",
    "organise",
    "sponsor",
    "broker",
    "facilitate",
    "convene",
];

/// The threat (13x) of a harmful act: to cut relations 1313, to sanction 1312, to use force
/// 138, …
fn threat_code(cameo: CameoCode) -> Option<CameoCode> {
    let c = match (cameo.root(), cameo.as_str()) {
        ("16", "161") => "1313",
        ("16", "162") => "1311",
        ("16", "163") => "1312",
        ("16", _) => "131",
        ("17", "172") => "132",
        ("17", _) => "137",
        ("14", _) => "133",
        ("18" | "19" | "20", _) => "138",
        ("12" | "13" | "15", _) => "130",
        _ => return None,
    };
    CameoCode::new(c).ok()
}

/// Verbs of going somewhere: going to a country is visiting it (042).
const TRAVEL_LEMMAS: &[&str] = &[
    "travel", "go", "journey", "tour", "fly", "head", "arrive", "come",
];

/// Verbs whose `to` complement after "agreed" is cooperation ("agreed to continue
/// cooperation", "agreed to deepen ties").
const COOPERATION_LEMMAS: &[&str] = &[
    "continue",
    "strengthen",
    "deepen",
    "expand",
    "enhance",
    "work",
    "boost",
    "increase",
    "broaden",
    "build",
];

/// The rule note of a harmful act threatened ("threatened to impose sanctions").
const THREATENED: &str = "a threatened act is a threat (codebook 5)";

/// The rule note of a host's courtesy ("welcome you to the Pentagon"): no event.
const COURTESY: &str = "a host's welcome is a courtesy (codebook amendment 6)";

/// Whether `cameo` is `code`.
fn code_is(cameo: CameoCode, code: &str) -> bool {
    cameo.as_str() == code
}

/// The rule note of an agreement to cooperate: its complement is not an event of its own.
const AGREED_TO_COOPERATE: &str = "agreeing to cooperate is intent (codebook amendment 9)";

/// The rule note of an act looked forward to: an intention, whose "look forward" is dropped.
const LOOKING_FORWARD: &str = "intention to act (looking forward to it, codebook 5)";

/// Verbs whose object is a topic, not a party: the party is the oblique "with".
const TOPIC_LEMMAS: &[&str] = &["discuss", "review", "address", "exchange"];

/// Verbs of designation under sanctions law, read as the dictionary's "boycott" (163).
const SANCTION_LEMMAS: &[&str] = &["designate"];

/// Verbs missing from the PETRARCH-2 dictionary that the codebook codes, and the dictionary
/// verb (folded) they are read as.
const CODEBOOK_SYNONYMS: &[(&str, &str)] = &[
    ("urge", "appeal"),
    ("sanction", "boycott"),
    ("pause", "suspend"),
    // "renewed negotiations", "relaunched talks": the dictionary's RESTART (resume).
    ("renew", "resume"),
    ("relaunch", "resume"),
];

/// Nouns naming a relation to someone ("friends of X", "X's partners"): the phrase is not X.
const RELATIONAL_NOUNS: &[&str] = &[
    "friend",
    "ally",
    "partner",
    "neighbor",
    "neighbour",
    "supporter",
    "opponent",
    "critic",
    "enemy",
    "rival",
    "adversary",
    "foe",
];

/// A country's people as the country: `TUNPPL` → `TUN` (the code's only role is `PPL`).
fn people_as_country(m: &mut ActorMention) {
    let roles: Vec<&str> = m.code.roles().collect();
    if roles == ["PPL"]
        && m.country_iso3.is_some()
        && let Ok(c) = dyad_lexicon::ActorCode::new(m.code.head())
    {
        m.code = c;
        m.sectors.retain(|s| s != "PPL");
    }
}

/// Whether `k` is a participle right after a noun that says whom the noun is for ("certain
/// assistance programs *benefiting* the Government of Niger"), however the parser hangs it.
fn describing_participle(v: &View<'_>, k: usize) -> bool {
    v.ann.xpos[k] == "VBG"
        && matches!(
            v.lemma(k).as_str(),
            "benefit" | "target" | "serve" | "support"
        )
        && k > 0
        && matches!(v.ann.xpos[k - 1], "NN" | "NNS")
        && matches!(v.ann.deprel[k], "advcl" | "acl")
}

/// Drops a target that is the source itself, named twice ("Mauritania … hosted Flintlock 2013
/// … across southeast Mauritania"): an actor acting on itself is no event between two actors
/// (codebook 4). Two different actors who share a code ("the ambassador applauded the
/// president's decision", both `DZAGOV`) keep their target.
fn drop_self_targets(text: &str, events: &mut [Event]) {
    for e in events.iter_mut() {
        let same = e.target.as_ref().is_some_and(|t| {
            t.code == e.source.code
                && (t.span.overlaps(e.source.span)
                    || text
                        .get(t.span.start..t.span.end)
                        .zip(text.get(e.source.span.start..e.source.span.end))
                        .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b)))
        });
        if same {
            e.target = None;
            e.symmetric = false;
        }
    }
}

/// Gives each anaphoric comment ([`ANAPHORIC`]) the target of the latest earlier event of the
/// document that has one, in the same or the previous sentence; without one it stays
/// target-less.
fn resolve_anaphoric_targets(events: &mut [Event]) {
    for i in 0..events.len() {
        if events[i].target.is_some() || !events[i].rule.contains(ANAPHORIC) {
            continue;
        }
        let here = events[i].sentence.index;
        let before = events[..i].iter().rev().find(|e| {
            e.target.is_some()
                && here.saturating_sub(e.sentence.index) <= 1
                && e.sentence.index <= here
        });
        if let Some(t) = before.and_then(|e| e.target.clone())
            && t.code != events[i].source.code
        {
            events[i].target = Some(t);
        }
    }
}

/// The rule note of a comment whose object points back to an act named before ("in
/// denouncing these actions"): the document gives it the previous event's target.
const ANAPHORIC: &str = "; its object points back: the target of the act named before";

/// Verbs of grief: mourning is no act toward anyone (codebook 1.1, condolences).
const GRIEF_LEMMAS: &[&str] = &["mourn", "grieve"];

/// Verbs of opinion: "I think", "we believe" report no act.
const OPINION_LEMMAS: &[&str] = &["think", "believe", "feel", "guess", "suppose"];

/// Names that condemn what they name: "calling the suspension a coup" is criticism (111).
const CONDEMNING_NAMES: &[&str] = &[
    "coup",
    "crime",
    "violation",
    "aggression",
    "provocation",
    "massacre",
    "farce",
    "betrayal",
    "terrorism",
    "terrorist",
    "atrocity",
    "genocide",
    "invasion",
    "occupation",
    "illegal",
    "unacceptable",
    "mistake",
];

/// Evaluations that approve: "view the plan as serious, credible, and realistic".
const APPROVING_WORDS: &[&str] = &[
    "serious",
    "credible",
    "realistic",
    "positive",
    "constructive",
    "important",
    "essential",
    "valuable",
    "vital",
    "legitimate",
    "viable",
    "reliable",
    "promising",
    "basis",
    "partner",
    "ally",
    "model",
    "example",
];

/// The rule note of "look forward to" itself.
const LOOKING_FORWARD_ONLY: &str =
    "looking forward is coded on what is looked forward to (amendment 5): not coded";

/// The rule note of an expression no pattern names.
const EXPRESSED: &str =
    "what is expressed decides, and no pattern names it (codebook 1.2): not coded";

/// The rule note of hearing something (not from someone).
const HEARING: &str = "hearing something is no consultation (codebook 5): not coded";

/// The rule note of "call X Y" naming something without condemning it.
const NAMING: &str = "calling something a name is no call (codebook 5): not coded";

/// Verbs of emphasis: they state a position; they appeal only to an addressee they name.
const EMPHASIS_LEMMAS: &[&str] = &[
    "stress",
    "emphasize",
    "emphasise",
    "underline",
    "underscore",
    "highlight",
    "reiterate",
    "reaffirm",
];

/// The rule note of an emphasis without an addressee.
const EMPHASIS: &str = "emphasis without an addressee is no appeal (codebook 1.1): not coded";

/// Verbs of acting against something.
const COUNTER_LEMMAS: &[&str] = &[
    "counter", "combat", "fight", "tackle", "confront", "address",
];

/// Phenomena one acts against without an adversary actor ("counter violent extremism").
const PHENOMENA: &[&str] = &[
    "extremism",
    "terrorism",
    "radicalization",
    "radicalisation",
    "crime",
    "trafficking",
    "smuggling",
    "corruption",
    "poverty",
    "violence",
    "threat",
    "threats",
    "insecurity",
    "instability",
    "pandemic",
    "disease",
    "epidemic",
    "piracy",
    "challenge",
    "challenges",
];

/// The rule note of an act against a phenomenon.
const PHENOMENON: &str = "acting against a phenomenon names no adversary: not coded";

/// Aspectual verbs whose verb complement carries the event ("continues to view").
const ASPECT_LEMMAS: &[&str] = &["continue", "keep", "begin", "start", "resume"];

/// People received as visitors: "received a delegation", "received the Malian president".
const VISITOR_NOUNS: &[&str] = &[
    "delegation",
    "minister",
    "president",
    "official",
    "counterpart",
    "envoy",
    "ambassador",
    "king",
    "leader",
    "senator",
    "congressman",
    "general",
    "commander",
    "chief",
    "secretary",
    "prince",
    "emir",
    "premier",
    "chairman",
    "speaker",
    "governor",
    "mayor",
    "representative",
    "deputy",
    "adviser",
    "advisor",
    "team",
    "mission",
    "visitor",
    "guest",
];

/// Verbs of conversation: "X spoke with Y" is a consultation (040), not a negotiation.
const CONVERSATION_LEMMAS: &[&str] = &["speak", "talk"];

/// Audiences of a statement rather than parties to a conversation.
const PRESS_NOUNS: &[&str] = &[
    "press",
    "reporter",
    "journalist",
    "media",
    "correspondent",
    "newspaper",
    "television",
    "radio",
    "audience",
    "crowd",
];

/// Nouns of meetings, and the code of holding them ("talks" and "negotiations" 046).
const MEETING_NOUNS: &[(&str, &str)] = &[
    ("talk", "046"),
    ("negotiation", "046"),
    ("meeting", "040"),
    ("consultation", "040"),
    ("summit", "040"),
    ("session", "040"),
    ("discussion", "040"),
];

/// The code of the meeting the noun `o` names (see [`MEETING_NOUNS`]); talks or a
/// conversation by phone are a telephone discussion (041: "held phone talks with").
fn meeting_code(v: &View<'_>, o: usize) -> Option<&'static str> {
    let by_phone = v.kids(o).any(|c| {
        matches!(v.ann.deprel[c], "amod" | "compound")
            && matches!(v.lemma(c).as_str(), "phone" | "telephone" | "telephonic")
    });
    if by_phone && matches!(v.lemma(o).as_str(), "talk" | "conversation" | "discussion") {
        return Some("041");
    }
    MEETING_NOUNS
        .iter()
        .find(|(n, _)| *n == v.lemma(o))
        .map(|&(_, c)| c)
}

/// The country a visit by `source` to `place` is to: the place's country as a bare country
/// code (the visit is to the country, not to the government a capital stands for), `None`
/// when the place is in the source's own country or has none.
fn visited_country(source: &ActorMention, place: &ActorMention) -> Option<ActorMention> {
    let country = place.country_iso3.as_ref()?;
    if source.country_iso3.as_ref() == Some(country) {
        return None;
    }
    Some(ActorMention {
        code: ActorCode::new(country).ok()?,
        sectors: Vec::new(),
        ..place.clone()
    })
}

/// Nouns of fighting between parties ("clashes between the army and the Rapid Support
/// Forces"), and their code.
const FIGHTING_NOUNS: &[(&str, &str)] = &[
    ("clash", "190"),
    ("fighting", "190"),
    ("fight", "190"),
    ("battle", "190"),
    ("skirmish", "190"),
];

/// The code of a meeting that the predicate `k` says was held: "talks … were held", "a
/// meeting … was convened", "the meeting … took place".
fn held_meeting(v: &View<'_>, k: usize) -> Option<&'static str> {
    let subject = match v.lemma(k).as_str() {
        "hold" | "convene" | "conduct" | "organize" | "organise" => v.kid(k, "nsubj:pass")?,
        "take" if took_place(v, k) => v.kid(k, "nsubj")?,
        _ => return None,
    };
    let noun = v.lemma(subject);
    MEETING_NOUNS
        .iter()
        .find(|(n, _)| *n == noun)
        .map(|&(_, c)| c)
}

/// Verbs of furthering a relation: "strengthen their military cooperation", "deepen ties".
const FURTHERING_LEMMAS: &[&str] = &[
    "strengthen",
    "deepen",
    "boost",
    "enhance",
    "expand",
    "reinforce",
    "bolster",
    "intensify",
    "consolidate",
    "increase",
    "develop",
    "promote",
    "foster",
    "advance",
    "broaden",
    "upgrade",
];

/// Nouns of a relation between actors that can be furthered.
const COOPERATION_NOUNS: &[&str] = &[
    "cooperation",
    "co-operation",
    "collaboration",
    "partnership",
    "tie",
    "ties",
    "relation",
    "relations",
    "relationship",
];

/// Whether predicate `k` furthers a relation ("vowed to strengthen their military
/// cooperation", "deepen bilateral ties with Senegal"): read as "cooperate" (codebook 5), the
/// kind named by the relation's modifier ([`cooperation_kind`]). A furthering that is only talked about ("discussed further strengthening the bilateral
/// relationship", "ways to deepen ties") is a topic, not an act.
fn furthers_cooperation(v: &View<'_>, k: usize) -> bool {
    let topic = v.ann.deprel[k] == "acl"
        || v.head(k).is_some_and(|h| {
            TOPIC_LEMMAS.contains(&v.lemma(h).as_str())
                || matches!(
                    v.lemma(h).as_str(),
                    "explore" | "consider" | "examine" | "study"
                )
        });
    !topic
        && FURTHERING_LEMMAS.contains(&v.lemma(k).as_str())
        && v.kid(k, "obj")
            .is_some_and(|o| COOPERATION_NOUNS.contains(&v.lemma(o).as_str()))
}

/// The code of the cooperation a furthering predicate `k` names by the relation's modifier:
/// military or security 062, economic or trade 061, judicial 063, intelligence 064.
fn cooperation_kind(v: &View<'_>, k: usize) -> Option<&'static str> {
    let o = v.kid(k, "obj")?;
    v.kids(o)
        .filter(|&c| matches!(v.ann.deprel[c], "amod" | "compound"))
        .find_map(|c| match v.lemma(c).as_str() {
            "military" | "security" | "defence" | "defense" => Some("062"),
            "economic" | "trade" | "commercial" | "business" | "investment" | "energy" => {
                Some("061")
            }
            "judicial" | "legal" => Some("063"),
            "intelligence" => Some("064"),
            _ => None,
        })
}

/// Nouns of conversations held: "held a phone call with", "had a telephone conversation with".
const CALL_NOUNS: &[&str] = &["call", "conversation", "phone", "telephone"];

/// Whether the object of predicate `k` is a meeting or a conversation ("had talks with",
/// "had a phone call with"): "have" is then "hold" (codebook 5).
fn holds_meeting(v: &View<'_>, k: usize) -> bool {
    v.kid(k, "obj").is_some_and(|o| {
        let noun = v.lemma(o);
        MEETING_NOUNS.iter().any(|(n, _)| *n == noun) || CALL_NOUNS.contains(&noun.as_str())
    })
}

/// The code of a conversation held (`k` holds or has it, [`holds_meeting`]): by telephone
/// ("a phone call", "a telephone conversation", a bare "call") 041, else 040.
fn held_conversation(v: &View<'_>, k: usize) -> Option<&'static str> {
    if !matches!(v.lemma(k).as_str(), "hold" | "have") {
        return None;
    }
    let o = v.kid(k, "obj")?;
    let noun = v.lemma(o);
    if !CALL_NOUNS.contains(&noun.as_str()) {
        return None;
    }
    let by_phone = noun != "conversation"
        || v.kids(o).any(|c| {
            matches!(v.ann.deprel[c], "compound" | "amod")
                && matches!(v.lemma(c).as_str(), "phone" | "telephone" | "telephonic")
        });
    Some(if by_phone { "041" } else { "040" })
}

/// Whether the predicate `k` is "took place": the idiom says that something happened; it
/// seizes nothing (the dictionary's "take" is 171).
fn took_place(v: &View<'_>, k: usize) -> bool {
    v.lemma(k) == "take" && v.kid(k, "obj").is_some_and(|o| v.lemma(o) == "place")
}

/// The codebook's choice of code where the verb dictionary's differs (`docs/codebook.md`,
/// section 5): "traveled to Mauritania" is a visit (042), "spoke with" a consultation (040,
/// 041 stays when the text says by phone), "agreed that" an expression of accord (019),
/// "agreed to continue cooperation" intent (030), a welcome approval (051) unless it reports a
/// hosting, what one looks forward to or stands ready to do an intention (03x).
fn codebook_code(
    v: &View<'_>,
    k: usize,
    cameo: CameoCode,
    codes: EventCodes,
    rule: String,
    by_pattern: bool,
) -> (CameoCode, EventCodes, String) {
    let lemma = v.lemma(k);
    let recode = |c: &str, why: &str| {
        let c = CameoCode::new(c).unwrap_or(cameo);
        let secondary = codes.secondary.filter(|s| *s == cameo).map(|_| c);
        (
            c,
            EventCodes {
                primary: Some(c),
                secondary,
            },
            format!("{rule}; {why}"),
        )
    };
    // The event is not coded, for the reason `why` (kept in the rule for `--explain`).
    let not_coded = |why: &str| (cameo, EventCodes::default(), format!("{rule}; {why}"));
    // A conversation looked forward to is a meeting intended ("look forward to talking").
    let conversation =
        CONVERSATION_LEMMAS.contains(&lemma.as_str()) && matches!(cameo.as_str(), "046" | "010");
    let acted = if conversation {
        CameoCode::new("040").unwrap_or(cameo)
    } else {
        cameo
    };
    if looked_forward_to(v, k)
        && let Some(c) = intent_code(acted)
    {
        // "intention to act": the "look forward" predicate is dropped as a refusal's head is.
        return recode(c.as_str(), LOOKING_FORWARD);
    }
    let code = cameo.as_str();
    // "sent a message of condolences to the Libyan president": a message is coded by what
    // it says — condolences 018, congratulations or support 051 — not as a consultation.
    if matches!(lemma.as_str(), "send" | "address" | "deliver" | "convey")
        && let Some(o) = v.kid(k, "obj")
        && matches!(v.lemma(o).as_str(), "message" | "letter" | "cable")
        && let Some(said) = v
            .kids(o)
            .find(|&c| v.ann.deprel[c] == "nmod" && has_case(v, c, "of"))
            // ("a congratulatory message", "a condolence cable")
            .or_else(|| {
                v.kids(o)
                    .find(|&c| matches!(v.ann.deprel[c], "amod" | "compound"))
            })
    {
        match v.lemma(said).as_str() {
            "condolence" | "condolences" | "sympathy" => {
                return recode("018", "a message is what it says (codebook 5)");
            }
            "congratulation" | "congratulations" | "congratulatory" | "support" | "solidarity" => {
                return recode("051", "a message is what it says (codebook 5)");
            }
            _ => {}
        }
    }
    // "Qatar hosted talks between Israel and Hamas": hosting or brokering the meeting of two
    // others is mediating between them (045), not an intent to mediate (the dictionary's 039)
    // or a visit hosted (043); the parties' own meeting is coded by `meetings_between`.
    if HOSTING_LEMMAS.contains(&lemma.as_str())
        && let Some(o) = v.kid(k, "obj")
        && MEETING_NOUNS.iter().any(|(w, _)| *w == v.lemma(o))
        && v.kids(o)
            .any(|c| v.ann.deprel[c] == "nmod" && has_case(v, c, "between"))
    {
        return recode(
            "045",
            "hosting a meeting between others is mediating (CAMEO 045)",
        );
    }
    // "condemned the terrorist attack": condemning is criticism (111) whatever it condemns,
    // not the dictionary's sympathy (`* {TERRORIST ATTACK} [018]`), which is for the victims.
    // (The BLAME block's patterns also give "condemns the violence" 112, an accusation.)
    if matches!(lemma.as_str(), "condemn" | "denounce") && (cameo.root() == "01" || code == "112") {
        return recode("111", "condemning is criticism (codebook 5)");
    }
    // "invited President Essebsi to visit Washington": an invitation states the will to meet
    // (036, as the reconciled gold codes it), not a meeting (the dictionary's 040).
    if lemma == "invite" && code == "040" {
        return recode("036", "an invitation is an intent to meet (codebook 5)");
    }
    // "Malian authorities have denied that any abuses took place": denying an accusation is
    // 016 (codebook 5), not the dictionary's rejection (12x), which is for proposals.
    if lemma == "deny" && v.kids(k).any(|c| v.ann.deprel[c] == "ccomp") {
        return recode(
            "016",
            "denying that something happened is a denial (codebook 5)",
        );
    }
    // "medics from Burkina Faso, Mauritania and the Netherlands trained together", "U.S.
    // trainers trained Nigerien personnel": training is military cooperation (062), not the
    // dictionary's intent to cooperate (030).
    if lemma == "train" && code == "030" {
        return recode(
            "062",
            "training together or training forces is military cooperation (codebook 5)",
        );
    }
    // "expressed his appreciation for King Mohammed VI's leadership": praise (051), not the
    // dictionary's optimistic comment (013); "expressed strong support for the new Personal
    // Envoy": support (051), not the dictionary's intent to support (032).
    if matches!(
        lemma.as_str(),
        "express" | "convey" | "extend" | "affirm" | "reaffirm" | "reiterate" | "voice"
    ) && v.kid(k, "obj").is_some_and(|o| {
        matches!(
            v.lemma(o).as_str(),
            "appreciation" | "gratitude" | "thanks" | "admiration" | "support"
        )
    }) && code != "051"
    {
        return recode(
            "051",
            "appreciation for or support of an actor or its act is praise (codebook 5)",
        );
    }
    // "encouraged President Ghazouani to continue his reform program": an appeal to act
    // (02x, as "urge X to", codebook 5), not praise; the complement may hang from the object.
    if lemma == "encourage" && cameo.root() != "02" {
        let to_clause = |c: usize| {
            matches!(v.ann.deprel[c], "xcomp" | "acl" | "advcl")
                && v.kid(c, "mark").is_some_and(|m| v.folded[m] == "to")
        };
        let asks =
            v.kids(k).any(to_clause) || v.kid(k, "obj").is_some_and(|o| v.kids(o).any(to_clause));
        if asks {
            return recode(
                "020",
                "encouraging someone to act is an appeal (codebook 5)",
            );
        }
    }
    // "Blinken held a meeting with the Mauritanian president": the meeting held is of its
    // noun's code — talks and negotiations 046, a meeting or consultations 040 (codebook 5,
    // "Meetings held") — whatever the dictionary's pattern says (`HOLD * MEETING [046]`).
    if matches!(lemma.as_str(), "hold" | "have" | "convene")
        && cameo.root() == "04"
        && let Some(o) = v.kid(k, "obj")
        && let Some(c) = meeting_code(v, o)
        && c != code
    {
        return recode(c, "a meeting held is of its noun's code (codebook 5)");
    }
    // "Bourita also met with Blinken at the State Department": a meeting held, not an intent
    // to meet (036 is for willingness to meet, codebook 5), whatever pattern said 036.
    if lemma == "meet" && code == "036" && matches!(v.ann.xpos[k], "VBD" | "VBN") {
        let (c, mut codes, rule) = recode("040", "a meeting held is a consultation (codebook 5)");
        codes.secondary = None;
        return (c, codes, rule);
    }
    // "U.S. Army Gen. David Rodriguez arrived here": a visit, whatever the dictionary's
    // "military arrived" (072) says.
    let troops_arrive = v.kid(k, "nsubj").is_some_and(|n| {
        matches!(
            v.folded[n].strip_suffix('s').unwrap_or(&v.folded[n]),
            "troop"
                | "force"
                | "soldier"
                | "peacekeeper"
                | "contingent"
                | "unit"
                | "battalion"
                | "ship"
                | "warship"
                | "aid"
                | "supply"
                | "shipment"
                | "deployment"
                | "convoy"
                | "patch"
                | "element"
                | "weapon"
                | "equipment"
        )
    });
    if TRAVEL_LEMMAS.contains(&lemma.as_str())
        && !troops_arrive
        && (matches!(code, "040" | "036") || (lemma == "arrive" && cameo.root() == "07"))
    {
        let (c, mut codes, rule) = recode("042", "travel is a visit (codebook 5)");
        codes.secondary = None;
        return (c, codes, rule);
    }
    // "The French ambassador left Niger": leaving a place is no meeting (the dictionary's
    // 040); leaving *for* a place is travelling there, a visit.
    if matches!(lemma.as_str(), "leave" | "depart") && code == "040" {
        if v.kids(k)
            .any(|c| v.ann.deprel[c] == "obl" && has_case(v, c, "for"))
        {
            let (c, mut codes, rule) = recode("042", "travel is a visit (codebook 5)");
            codes.secondary = None;
            return (c, codes, rule);
        }
        // "The last French soldiers left Mali": forces leaving a country withdraw (0874).
        if troops_arrive
            && v.kid(k, "obj")
                .is_some_and(|o| v.ann.upos[o] == Upos::Propn)
        {
            let (c, mut codes, rule) =
                recode("0874", "forces leaving a country withdraw (codebook 5)");
            codes.secondary = None;
            return (c, codes, rule);
        }
        return not_coded("leaving a place is no meeting (codebook 5)");
    }
    if conversation {
        // "Speaking to the press after the talks, Lamamra said …": addressing reporters is how
        // a statement is made, not a consultation.
        // So is speaking at a press conference, a briefing or an interview.
        let press_event = |c: usize| {
            matches!(v.lemma(c).as_str(), "interview" | "briefing")
                || (v.lemma(c) == "conference"
                    && v.kids(c).any(|x| {
                        v.ann.deprel[x] == "compound"
                            && matches!(v.lemma(x).as_str(), "press" | "news")
                    }))
        };
        let to_press = v.kids(k).any(|c| {
            v.ann.deprel[c] == "obl"
                && (PRESS_NOUNS.contains(&v.lemma(c).as_str()) || press_event(c))
        });
        if to_press {
            return not_coded("speaking to the press is no consultation (codebook 1.1)");
        }
        // "spoke by phone with", "talked on the telephone with": a telephone consultation.
        let by_phone = v.kids(k).any(|c| {
            matches!(v.ann.deprel[c], "obl" | "nmod")
                && matches!(v.lemma(c).as_str(), "phone" | "telephone")
                && (has_case(v, c, "by") || has_case(v, c, "on") || has_case(v, c, "over"))
        });
        if by_phone {
            return recode("041", "a conversation by telephone (codebook 5)");
        }
        return recode("040", "a conversation is a consultation (codebook 5)");
    }
    // "welcomed his Sudanese counterpart in Cairo", "welcomed the Mauritanian delegation to
    // Dakar": a visitor welcomed to or in a place is hosted (043), whatever the dictionary's
    // pattern for the object says.
    if lemma == "welcome"
        && matches!(v.ann.xpos[k], "VBD" | "VBN")
        && v.kid(k, "obj").is_some_and(|o| {
            VISITOR_NOUNS.contains(&v.lemma(o).as_str()) || v.ann.upos[o] == Upos::Propn
        })
        && v.kids(k)
            .chain(v.kid(k, "obj").into_iter().flat_map(|o| v.kids(o)))
            .any(|c| {
                matches!(v.ann.deprel[c], "obl" | "nmod")
                    && v.ann.upos[c] == Upos::Propn
                    && (has_case(v, c, "to") || has_case(v, c, "in"))
            })
    {
        let (c, mut codes, rule) = recode(
            "043",
            "a visitor welcomed to a place is hosted (codebook 5)",
        );
        codes.secondary = None;
        return (c, codes, rule);
    }
    // Hosting is done by a host ("hosted", "received"), or reported as a welcome to a place
    // ("Austin welcomed Robles to the Pentagon"); the host's own "welcome you to the Pentagon"
    // is a courtesy (not coded, amendment 6) and "we welcome Spain's contributions" approval.
    if code_is(cameo, "043") && !matches!(lemma.as_str(), "host" | "receive") {
        // "welcomed Robles to the Pentagon" ("to", wherever the parser hangs it) reports a
        // hosting; "welcome you (to …)" is the host's own courtesy.
        let to_place =
            (k + 1..v.folded.len()).any(|j| v.folded[j] == "to" && v.ann.upos[j] == Upos::Adp);
        if to_place && matches!(v.ann.xpos[k], "VBD" | "VBN") {
            return (cameo, codes, rule);
        }
        if v.kid(k, "obj").is_some_and(|o| v.folded[o] == "you") {
            return (cameo, EventCodes::default(), format!("{rule}; {COURTESY}"));
        }
        return recode(
            "051",
            "a welcome is approval, hosting is done by a host (codebook 5)",
        );
    }
    // "continues to view Morocco's Autonomy Plan as serious, credible, and realistic": an
    // evaluation of the object's owner — approval (051) or criticism (111), not a comment.
    if matches!(lemma.as_str(), "view" | "regard" | "consider" | "see")
        && v.kid(k, "obj").is_some()
        && let Some(judged) = v.kids(k).find(|&c| {
            matches!(v.ann.upos[c], Upos::Adj | Upos::Noun)
                && (v.kids(c).any(|x| v.folded[x] == "as") || (c > 0 && v.folded[c - 1] == "as"))
        })
    {
        let word = v.lemma(judged);
        if APPROVING_WORDS.contains(&word.as_str()) {
            return recode(
                "051",
                "viewing an actor's act as sound is approval (codebook 5)",
            );
        }
        if CONDEMNING_NAMES.contains(&word.as_str()) {
            return recode(
                "111",
                "viewing an actor's act as wrong is criticism (codebook 5)",
            );
        }
    }
    // "expressed to Foreign Minister Bourita his regret he was not able to attend": what is
    // expressed decides the code, and the dictionary's patterns name what is codeable
    // (concern, support, appreciation …); the bare verb's default (110) is a guess.
    if lemma == "express" && !by_pattern && code == "110" {
        return not_coded(EXPRESSED);
    }
    // "we look forward to continuing our work together": looking forward is an intention
    // carried by what is looked forward to (coded on that act, amendment 5), or nothing — not
    // an optimistic comment (013) of its own.
    if lemma == "look" && v.kids(k).any(|c| v.folded[c] == "forward") && cameo.root() == "01" {
        return not_coded(LOOKING_FORWARD_ONLY);
    }
    // "he heard the call of the people": hearing something is no consultation; hearing
    // *from* someone is (the dictionary's 040).
    if matches!(lemma.as_str(), "hear" | "learn")
        && cameo.root() == "04"
        && !v
            .kids(k)
            .any(|c| v.ann.deprel[c] == "obl" && has_case(v, c, "from"))
    {
        return not_coded(HEARING);
    }
    // "The Secretary and the Foreign Minister discussed a range of regional issues": a
    // consultation (040, codebook 5), not a negotiation (046) — which lets it join the meeting
    // it reports.
    if lemma == "discuss" && code == "046" {
        return recode("040", "discussing is consulting (codebook 5)");
    }
    // "calling President Kais Saied's suspension of parliament a 'coup'": naming, not a call
    // (041); a condemning name is criticism (111), any other no event.
    if lemma == "call"
        && v.kid(k, "obj").is_some()
        && let Some(name) = v.kids(k).find(|&c| {
            matches!(v.ann.deprel[c], "xcomp" | "obl:unmarked" | "obj")
                && Some(c) != v.kid(k, "obj")
                && matches!(v.ann.upos[c], Upos::Noun | Upos::Adj)
                && !TIME_NOUNS.contains(&v.folded[c].as_str())
                && !dyad_text::calendar::is_day_or_month(&v.folded[c])
        })
    {
        return if CONDEMNING_NAMES.contains(&v.lemma(name).as_str()) {
            recode("111", "calling an act a crime is criticism (codebook 5)")
        } else {
            not_coded(NAMING)
        };
    }
    // "stressed the need for full implementation of the ceasefire": emphasis with no
    // addressee is no appeal (codebook 1.1, amendment 5).
    if EMPHASIS_LEMMAS.contains(&lemma.as_str())
        && cameo.root() == "02"
        && !v.kids(k).any(|c| {
            v.ann.deprel[c] == "iobj"
                || (v.ann.deprel[c] == "obl" && (has_case(v, c, "to") || has_case(v, c, "on")))
        })
    {
        return not_coded(EMPHASIS);
    }
    // "continue our work together to counter violent extremism": acting against a
    // phenomenon names no adversary; no event (the act has no target actor).
    if COUNTER_LEMMAS.contains(&lemma.as_str())
        && matches!(
            cameo.root(),
            "11" | "12" | "13" | "14" | "15" | "16" | "17" | "19" | "20"
        )
        && v.kid(k, "obj").is_some_and(|o| {
            let l = v.lemma(o);
            PHENOMENA.contains(&l.as_str()) || l.ends_with("ism")
        })
    {
        return not_coded(PHENOMENON);
    }
    if lemma == "agree" && cameo.root() == "05" {
        // "agreed that terrorism requires a coordinated response": an expression of accord.
        if v.kids(k).any(|c| v.ann.deprel[c] == "ccomp")
            || v.folded.get(k + 1).is_some_and(|w| w == "that")
        {
            return recode(
                "019",
                "agreeing that is an expression of accord (codebook 1.2)",
            );
        }
        // "agreed to continue strong cooperation": intent to cooperate (amendment 9).
        if v.kids(k).any(|c| {
            v.ann.deprel[c] == "xcomp"
                && v.kid(c, "mark").is_some_and(|m| v.folded[m] == "to")
                && COOPERATION_LEMMAS.contains(&v.lemma(c).as_str())
        }) {
            return recode("030", AGREED_TO_COOPERATE);
        }
    }
    (cameo, codes, rule)
}

/// The rule of a demand read from an obligation the speaker states.
const DEMANDED: &str = "what another must do, said: a demand (codebook 6)";

/// Auxiliaries of obligation: the act is hypothetical (codebook 6).
const OBLIGATION_AUX: &[&str] = &["must", "should", "ought"];

/// Whether the predicate at `k` is an obligation ("must return", "should stop", "ought to").
/// (A negated one is not hypothetical: its modality says so.)
fn obliged(v: &View<'_>, k: usize) -> bool {
    v.kids(k)
        .any(|c| v.ann.deprel[c] == "aux" && OBLIGATION_AUX.contains(&v.folded[c].as_str()))
}

/// The demand (10x) for an act: to meet or negotiate 108, to support 102, to cooperate 101x,
/// to aid 103x, to yield 105x (to release 1053, to ease sanctions 1054, to withdraw 106, to
/// cease fire 107), to reform 104x; anything else 100.
fn demand_code(cameo: CameoCode) -> CameoCode {
    // Cooperation and aid of a kind (061–064, 071–074) keep their last digit: 1011–1014,
    // 1031–1034.
    let c = match (cameo.root(), cameo.as_str()) {
        ("04", _) => "108",
        ("05", "057") => "100",
        ("05", _) => "102",
        (root @ ("06" | "07"), c) if matches!(&c[2..], "1" | "2" | "3" | "4") => {
            let family = if root == "06" { "101" } else { "103" };
            return CameoCode::new(&format!("{family}{}", &c[2..])).unwrap_or(cameo);
        }
        ("07", _) => "103",
        ("08", "081") => "1051",
        ("08", "082") => "1052",
        ("08", "083") => "104",
        ("08", "0831") => "1041",
        ("08", "0832") => "1042",
        ("08", "0833") => "1043",
        ("08", "0834") => "1044",
        ("08", "084" | "0841" | "0842") => "1053",
        ("08", "085") => "1054",
        ("08", "086") => "1055",
        ("08", "087" | "0872" | "0873") => "1056",
        ("08", "0871") => "107",
        ("08", "0874") => "106",
        ("09", _) => "101",
        _ => "100",
    };
    CameoCode::new(c).unwrap_or(cameo)
}

/// The appeal (02x) for an act, parallel to its demand ([`demand_code`]): to cooperate 021x,
/// to support 022, to aid 023x, to reform 024x, to yield 025x (to withdraw or cease fire 0256),
/// to meet or negotiate 026, to accept mediation 028; anything else 020.
fn appeal_code(cameo: CameoCode) -> CameoCode {
    let c = match (cameo.as_str(), demand_code(cameo).as_str()) {
        ("045" | "0454" | "0455", _) => "028".to_string(),
        (_, "106" | "107") => "0256".to_string(),
        (_, "108") => "026".to_string(),
        (_, d) => format!("02{}", &d[2..]),
    };
    CameoCode::new(&c).unwrap_or(cameo)
}

/// Verbs of demanding whose complement is the act demanded ("demanded that Russia withdraw",
/// "insisted that Algeria must stop").
const DEMAND_LEMMAS: &[&str] = &["demand", "insist"];

/// The rule note of an appeal or demand coded by the act it asks for.
const ASKED_FOR: &str = "coded by the act asked for (codebook 3.1, stop 26)";

/// The intent code (03x) of a cooperative act: to meet 036, to support 032, to cooperate
/// 031x, to aid 033x, to yield 035.
fn intent_code(cameo: CameoCode) -> Option<CameoCode> {
    let c = match (cameo.root(), cameo.as_str()) {
        // (An offer to mediate is CAMEO's own intent code, 039.)
        ("04", "045") => "039",
        ("04", _) => "036",
        ("05", _) => "032",
        ("06", "061") => "0311",
        ("06", "062") => "0312",
        ("06", "063") => "0313",
        ("06", "064") => "0314",
        ("06", _) => "031",
        ("07", "071") => "0331",
        ("07", "072") => "0332",
        ("07", "073") => "0333",
        ("07", "074") => "0334",
        ("07", _) => "033",
        ("08", _) => "035",
        _ => return None,
    };
    CameoCode::new(c).ok()
}

/// Whether the predicate at `k` lies in a clause governed by one of `heads` (its complement,
/// or a clause inside that complement), not across coordination.
fn governed_by(v: &View<'_>, k: usize, heads: &[usize]) -> bool {
    let mut c = k;
    for _ in 0..8 {
        let Some(h) = v.head(c) else { return false };
        match v.ann.deprel[c] {
            "parataxis" | "root" => return false,
            // A conjunct is governed as its first conjunct is ("to address … and promote …"),
            // but the conjunct of the governing act itself is not ("urged … and condemned …").
            "conj" => {
                c = h;
                continue;
            }
            _ => {}
        }
        if heads.contains(&h) {
            return true;
        }
        c = h;
    }
    false
}

/// Whether the predicate at `k` is what its speaker looks forward to ("I look forward to
/// talking to the minister"): the speaker's own stated expectation to act (codebook 5).
fn looked_forward_to(v: &View<'_>, k: usize) -> bool {
    // The words, whatever the parse: "look(s/ed/ing) forward to talking".
    if k >= 3
        && v.folded[k - 1] == "to"
        && v.folded[k - 2] == "forward"
        && v.lemma(k - 3) == "look"
        && v.kid(k, "nsubj").is_none()
    {
        return true;
    }
    let Some(h) = v.head(k) else { return false };
    // "stand ready to redouble our efforts", "are prepared to assist".
    // (The tagger may take "prepared" for a verb, lemma "prepare": the word decides.)
    if (matches!(
        v.lemma(h).as_str(),
        "ready" | "prepared" | "willing" | "eager"
    ) || v.folded[h] == "prepared")
        && v.kid(k, "mark").is_some_and(|m| v.folded[m] == "to")
    {
        return true;
    }
    // "expressed its readiness to cooperate with Algeria", "reaffirmed their determination to
    // strengthen ties": a stated readiness is the intention, as "stand ready to" is.
    if v.ann.deprel[k] == "acl"
        && INTENT_NOUNS.contains(&v.lemma(h).as_str())
        && v.kid(k, "mark").is_some_and(|m| v.folded[m] == "to")
    {
        return true;
    }
    v.lemma(h) == "look"
        && v.kids(h).any(|c| v.folded[c] == "forward")
        && v.kids(k).any(|c| v.folded[c] == "to")
        && v.kid(k, "nsubj").is_none()
}

/// Whether the predicate at `k` has a phrase introduced by `words[0]` of its own: one not nested
/// in another prepositional phrase ("cooperate (AGAINST)" is not "cooperate … in the fight
/// against terrorism") nor a time phrase, however the parser hung the words between.
fn has_own_phrase(v: &View<'_>, k: usize, words: &[String]) -> bool {
    let prep = words[0].as_str();
    (0..v.spans.len()).any(|c| {
        // A preposition (before a gerund too: "accused Algeria of supporting"), or an
        // infinitive's "to" where the group names the infinitive ("(TO LEAVE)") — not where
        // it names a noun ("agreed to lift sanctions" is not "agreed (TO SANCTIONS)").
        let infinitive = v.ann.deprel[c] == "mark" && v.ann.upos[c] == Upos::Part;
        if v.folded[c] != prep
            || !matches!(v.ann.deprel[c], "case" | "mark")
            || (infinitive && words.get(1).is_none_or(|w| v.folded.get(c + 1) != Some(w)))
        {
            return false;
        }
        let Some(mut at) = v.head(c) else {
            return false;
        };
        // A time phrase is no argument: "called his counterpart on Monday" is not "called on".
        if TIME_NOUNS.contains(&v.folded[at].as_str())
            || dyad_text::calendar::is_day_or_month(&v.folded[at])
        {
            return false;
        }
        for _ in 0..v.spans.len() {
            let Some(h) = v.head(at) else {
                return false;
            };
            if h == k {
                return true;
            }
            if v.kid(h, "case").is_some() {
                return false;
            }
            at = h;
        }
        false
    })
}

/// Texts whose participle clause says what their adopter or issuer does ("a resolution
/// calling on …", "a statement condemning …").
const TEXT_NOUNS: &[&str] = &[
    "resolution",
    "statement",
    "declaration",
    "communique",
    "communiqué",
    "decree",
    "motion",
    "letter",
];

/// Whether the predicate `k` is a present participle saying what a text (see [`TEXT_NOUNS`])
/// says, the object of a verb: "adopted a resolution *calling on* Morocco …".
fn speaking_text(v: &View<'_>, k: usize) -> bool {
    v.ann.xpos[k] == "VBG"
        && v.ann.deprel[k] == "acl"
        && v.head(k)
            .is_some_and(|n| TEXT_NOUNS.contains(&v.lemma(n).as_str()) && v.ann.deprel[n] == "obj")
}

/// Nouns of readiness whose `to` clause states an intention to act (codebook 5).
const INTENT_NOUNS: &[&str] = &[
    "readiness",
    "willingness",
    "determination",
    "desire",
    "eagerness",
    "resolve",
    "intention",
];

/// Whether the gerund at `k` gives a reason or a charge: "for threatening …" after any verb,
/// "of/with V-ing" after a verb of accusing.
fn is_reason_clause(v: &View<'_>, k: usize) -> bool {
    let prep = v
        .kids(k)
        .find(|&c| matches!(v.ann.deprel[c], "mark" | "case"))
        .map(|c| v.folded[c].as_str());
    match prep {
        Some("for") => true,
        Some("of" | "with") => v.head(k).is_some_and(|h| {
            matches!(
                v.lemma(h).as_str(),
                "accuse" | "suspect" | "convict" | "charge" | "sanction" | "designate"
            )
        }),
        _ => false,
    }
}

/// Whether the word at `k` heads a clause: a verb, or a word the tagger took for a noun but
/// the parser gave an auxiliary and no copula ("did not even ever clash over…": only
/// predicates take auxiliaries; "will be the host" has a copula and stays a noun).
fn is_predicate(v: &View<'_>, k: usize) -> bool {
    match v.ann.upos[k] {
        Upos::Verb => true,
        // A participle the tagger took for an adjective after a copula: "is deeply concerned
        // about", "was opposed to" (PETRARCH's parser reads them as verbs; the dictionary
        // lists the forms).
        Upos::Adj => {
            v.ann.xpos[k] == "VBN"
                || (v.folded[k].ends_with("ed") && v.kids(k).any(|c| v.ann.deprel[c] == "cop"))
        }
        Upos::Noun => {
            v.kids(k).any(|c| v.ann.deprel[c] == "aux")
                && !v
                    .kids(k)
                    .any(|c| matches!(v.ann.deprel[c], "cop" | "aux:pass"))
        }
        _ => false,
    }
}

/// Relations of a predicate's dependents whose subtrees its patterns do not look into.
fn pattern_excluded(rel: &str) -> bool {
    matches!(
        rel,
        "conj" | "parataxis" | "advcl" | "punct" | "cc" | "csubj" | "acl:relcl"
    )
}

/// Relations whose subtrees are not part of a predicate's own phrase.
fn clausal(rel: &str) -> bool {
    matches!(
        rel,
        "conj" | "parataxis" | "ccomp" | "advcl" | "punct" | "cc" | "csubj" | "acl:relcl"
    )
}

impl Coder {
    /// A builder with the shipped model, lexicon and verb dictionary.
    pub fn builder() -> CoderBuilder {
        CoderBuilder::default()
    }

    /// The lexicon the coder resolves actors with.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The CAMEO table the coder uses.
    pub fn table(&self) -> &CameoTable {
        self.table
    }

    /// Whether the noun at `o` names people: a pronoun, a proper name, a noun of people, or a
    /// title or group the lexicon knows ("soldiers", "protesters", "the government").
    fn names_people(&self, v: &View<'_>, o: usize) -> bool {
        if matches!(v.ann.upos[o], Upos::Pron | Upos::Propn | Upos::Num)
            || VICTIM_NOUNS.contains(&v.lemma(o).as_str())
            || PEOPLE_NOUNS.contains(&v.lemma(o).as_str())
            || GROUP_HEADS.contains(&v.lemma(o).as_str())
        {
            return true;
        }
        // The phrase without its clauses: "a military post" is the military's.
        let mut tree = Vec::new();
        v.subtree(o, &|r: &str| clausal(r) || r == "acl", &mut tree);
        let span = phrase_span(v, &tree);
        v.text
            .get(span.start..span.end)
            .and_then(|w| self.lexicon.resolve_noun_phrase(w, v.date))
            .is_some()
    }

    /// The tagger, parser and recogniser the coder uses.
    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// The sentence splitter the coder uses.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// The discard phrase that rejects `text` or one of its sentences, if any: story discards
    /// (the whole text is not coded) before sentence discards (that sentence is not coded).
    pub fn discard_of(&self, text: &str) -> Option<&Discard> {
        let seg = self.segmenter.segment(text);
        let keys: Vec<&str> = (0..seg.tokens.as_slice().len())
            .map(|i| seg.tokens.folded(i))
            .collect();
        if let Some(d) = self.discard_index.find(&self.discards, &keys)
            && d.scope == DiscardScope::Story
        {
            return Some(d);
        }
        seg.sentences.iter().find_map(|s| {
            let keys: Vec<&str> = s.tokens.clone().map(|i| seg.tokens.folded(i)).collect();
            self.discard_index.find(&self.discards, &keys)
        })
    }

    /// Codes a text (an article's body) whose actors are resolved at `date`.
    pub fn code_text(&self, text: &str, date: DictDate) -> Vec<Event> {
        self.code_document(text, None, date, &mut CodeBuffers::default())
    }

    /// Codes a document's text: every body sentence is parsed and coded; people met earlier in
    /// the document keep their codes.
    pub fn code_document(
        &self,
        text: &str,
        lang: Option<&str>,
        date: DictDate,
        buf: &mut CodeBuffers,
    ) -> Vec<Event> {
        self.code_article(text, lang, date, DocumentInfo::default(), buf)
    }

    /// Codes a document's text knowing its title and URL ([`DocumentInfo`]): as
    /// [`Coder::code_document`], and "we" of a statement is its issuer ([`crate::voice`]).
    /// In a transcript ([`crate::turns`]) "I" and "we" are the speaker of the turn, and the
    /// turns of questioners and moderators are not coded.
    pub fn code_article(
        &self,
        text: &str,
        lang: Option<&str>,
        date: DictDate,
        info: DocumentInfo<'_>,
        buf: &mut CodeBuffers,
    ) -> Vec<Event> {
        let mut events = Vec::new();
        buf.skipped.clear();
        self.segmenter.segment_into(text, lang, &mut buf.seg);
        let report = civil_date(date);
        let ww = &mut buf.when_where;
        ww.parse.reset(buf.seg.tokens.len());
        ww.narrative = None;
        ww.places.clear();
        ww.countries.clear();
        // A story discard ("World Golf Championships") drops the whole document.
        let all: Vec<&str> = (0..buf.seg.tokens.as_slice().len())
            .map(|i| buf.seg.tokens.folded(i))
            .collect();
        if self
            .discard_index
            .find(&self.discards, &all)
            .is_some_and(|d| d.scope == DiscardScope::Story)
        {
            return events;
        }
        drop(all);
        let mut resolver = DocumentResolver::new(&self.lexicon, date);
        if let Some(title) = info.title {
            resolver.learn_people(title);
        }
        // Whose "I" and "we": the speaker of a transcript's turn, else the statement's issuer.
        let turns = crate::turns::speaker_turns(text);
        let quoted = crate::voice::quoted_spans(text);
        // The issuing government (its site or the title's office): the voice of a statement;
        // in a transcript, the voice of a speaker the lexicon cannot name ("MR MILLER:" in a
        // State Department briefing).
        let site = crate::voice::issuer(&self.lexicon, info.title, info.url, date);
        let issuer = if turns.is_empty() { site.clone() } else { None };
        let mut voice = VoiceState {
            issuer: issuer.clone(),
            named: None,
            opened: false,
        };
        resolver.set_home(
            site.as_ref()
                .filter(|i| i.code.roles().next() == Some("GOV"))
                .and_then(|i| i.country_iso3.clone()),
        );
        resolver.set_voice(issuer);
        let mut turn_at: Option<usize> = None;
        // The country of the dateline: where the report was filed, what "here" names.
        let mut dateline_place: Option<ActorMention> = None;
        // (byte offset, country) of every actor named so far, in text order.
        let mut recent: Vec<(usize, String)> = Vec::new();
        let mut refs: Vec<TokenRef<'_>> = Vec::new();
        for s0 in &buf.seg.sentences {
            // A transcript turn: its label is not part of the sentence, its speaker is the voice.
            let turn = crate::turns::turn_at(&turns, s0.span.start);
            if let Some(t) = turn {
                let i = turns.partition_point(|x| x.span.start <= t.span.start) - 1;
                if turn_at != Some(i) {
                    turn_at = Some(i);
                    resolver.set_voice(None);
                    let speaker = resolver.sentence(text, t.label).into_iter().next();
                    let speaker = match (speaker, &site) {
                        (None, Some(site)) if t.kind == crate::turns::TurnKind::Speaker => {
                            Some(site.clone())
                        }
                        (speaker, _) => speaker,
                    };
                    resolver.set_voice(speaker);
                }
            }
            let cut;
            let s = match turn
                .filter(|t| s0.span.start <= t.label.start && t.label.start < s0.span.end)
            {
                Some(t) => {
                    let start = s0
                        .tokens
                        .clone()
                        .find(|&i| {
                            buf.seg.tokens.as_slice()[i].span.start >= t.label_with_colon.end
                        })
                        .unwrap_or(s0.tokens.end);
                    let mut c = s0.clone();
                    c.tokens = start..s0.tokens.end;
                    cut = c;
                    &cut
                }
                None => s0,
            };
            // A dateline ("CAIRO - …", "NOUAKCHOTT, MAURITANIA (Feb. 2, 2015) – …") says where
            // the report was filed: it is neither an actor nor part of the sentence's parse.
            let dated;
            let words: Vec<&str> = s
                .tokens
                .clone()
                .take(DATELINE_MAX_TOKENS + 1)
                .map(|i| buf.seg.tokens.text(i, text))
                .collect();
            let tight = tight_tokens(&buf.seg.tokens, s.tokens.clone());
            let skip = dateline_len(&words, &tight);
            if skip > 0 && dateline_place.is_none() {
                let first = buf.seg.tokens.as_slice()[s.tokens.start].span.start;
                let end = buf.seg.tokens.as_slice()[s.tokens.start + skip - 1]
                    .span
                    .start;
                dateline_place = dateline_country(&self.lexicon, text, first, end, date);
            }
            let s = if skip > 0 {
                let mut c = s.clone();
                c.tokens = s.tokens.start + skip..s.tokens.end;
                dated = c;
                &dated
            } else {
                s
            };
            refs.clear();
            refs.extend(s.tokens.clone().map(|i| TokenRef {
                span: buf.seg.tokens.as_slice()[i].span,
                folded: buf.seg.tokens.folded(i),
            }));
            // Resolve every sentence (coreference needs the whole document) but code only body.
            let mut mentions = resolver.sentence_tokens(text, &refs);
            // Quoted words are the quoted speaker's, not the document's voice.
            mentions.retain(|m| {
                m.reason.rule != "voice" || !crate::voice::is_quoted(&quoted, m.span.start)
            });
            // …but they are the quotation's speaker when the sentence names one after it.
            let speaker = crate::voice::quoted_first_person(text, &quoted, &refs, &mentions);
            if !speaker.is_empty() {
                mentions.extend(speaker);
                mentions.sort_by_key(|m| m.span.start);
            }
            // "arrived here yesterday": the dateline's place.
            if let Some(place) = &dateline_place {
                let before = mentions.len();
                for i in s.tokens.clone() {
                    if buf.seg.tokens.folded(i) == "here" {
                        let mut m = place.clone();
                        m.span = buf.seg.tokens.as_slice()[i].span;
                        mentions.push(m);
                    }
                }
                if mentions.len() > before {
                    mentions.sort_by_key(|m| m.span.start);
                }
            }
            for m in mentions.iter().filter(|m| m.reason.rule != "dateline") {
                if let Some(c) = &m.country_iso3 {
                    recent.push((m.span.start, c.clone()));
                }
            }
            for c in mentions.iter().filter_map(|m| m.country_iso3.as_ref()) {
                if !ww.countries.contains(c) {
                    ww.countries.push(c.clone());
                }
            }
            // Questions are not coded ("Will Morocco meet Algeria?").
            let question =
                s.tokens.end > s.tokens.start && buf.seg.tokens.folded(s.tokens.end - 1) == "?";
            let uncoded_turn = turn.is_some_and(|t| t.kind == crate::turns::TurnKind::Uncoded);
            if !s.kind.is_codable() || s.tokens.is_empty() || question || uncoded_turn {
                continue;
            }
            // A sentence discard ("baseball") drops the sentence.
            let keys: Vec<&str> = s.tokens.clone().map(|i| buf.seg.tokens.folded(i)).collect();
            if self.discard_index.find(&self.discards, &keys).is_some() {
                continue;
            }
            let n = s.tokens.len();
            if n > self.max_sentence_words {
                buf.skipped.push(SkippedSentence {
                    index: s.index,
                    words: n,
                    limit: self.max_sentence_words,
                });
                continue;
            }
            buf.words.resize_with(n, String::new);
            buf.folded.resize_with(n, String::new);
            buf.spans.clear();
            for (k, i) in s.tokens.clone().enumerate() {
                buf.words[k].clear();
                buf.words[k].push_str(buf.seg.tokens.text(i, text));
                buf.folded[k].clear();
                buf.folded[k].push_str(buf.seg.tokens.folded(i));
                buf.spans.push(buf.seg.tokens.as_slice()[i].span);
            }
            self.pipeline.annotate_into(&buf.words[..n], &mut buf.ann);
            buf.kids.resize_with(n, Vec::new);
            for k in buf.kids.iter_mut().take(n) {
                k.clear();
            }
            for k in 0..n {
                let h = buf.ann.head[k] as usize;
                if h > 0 && h <= n {
                    buf.kids[h - 1].push(k as u32);
                }
            }
            let view = View {
                folded: &buf.folded[..n],
                spans: &buf.spans,
                ann: &buf.ann,
                kids: &buf.kids[..n],
                context: &recent,
                dateline: dateline_place
                    .as_ref()
                    .and_then(|m| m.country_iso3.as_deref()),
                date,
                text,
            };
            let sentence = SentenceRef {
                index: s.index,
                span: s.span,
            };
            let pronouns = pronoun_mentions(&view, &mentions);
            if !pronouns.is_empty() {
                mentions.extend(pronouns);
                mentions.sort_by_key(|m| m.span.start);
            }
            let first = events.len();
            self.code_sentence(&view, sentence, &mentions, text, &mut events);
            if turns.is_empty()
                && let Some(named) = voice.named_in(&view, &events[first..])
            {
                resolver.set_voice(Some(named));
            }
            self.date_sentence(&view, s, text, report, &mut events[first..], ww);
        }
        self.place_events(text, &buf.seg, &mut events, ww);
        let lead_end = lead_paragraph_end(text, &buf.seg.sentences);
        for e in &mut events {
            e.is_root = e.sentence.span.start < lead_end;
        }
        drop_self_targets(text, &mut events);
        if self.codebook {
            resolve_anaphoric_targets(&mut events);
        }
        crate::merge::merge_mentions(events)
    }

    /// Dates the events of one sentence and notes what placing them needs (hook of
    /// [`crate::dating`] and [`crate::placing`]).
    fn date_sentence(
        &self,
        v: &View<'_>,
        s: &dyad_text::Sentence,
        text: &str,
        report: jiff::civil::Date,
        events: &mut [Event],
        ww: &mut WhenWhereBuffers,
    ) {
        ww.predicates.clear();
        for e in events.iter() {
            let k = v.spans.iter().position(|t| t.start == e.trigger.start);
            ww.predicates.push(k.unwrap_or(0));
        }
        if self.geo.is_some() {
            for k in 0..v.spans.len() {
                ww.parse.heads[s.tokens.start + k] = v.head(k).map(|h| s.tokens.start + h);
                ww.parse.deprels[s.tokens.start + k] = v.ann.deprel[k];
                ww.parse.proper[s.tokens.start + k] = v.ann.upos[k] == Upos::Propn;
            }
            for (e, &k) in events.iter().zip(&ww.predicates) {
                ww.places.push(PlaceQuery {
                    sentence: s.index,
                    predicate: s.tokens.start + k,
                    visit: e.cameo.as_str() == "042",
                    hosts_object: placing::HOSTING_LEMMAS.contains(&v.lemma(k).as_str()),
                });
            }
        }
        match &self.tagger {
            Some(tagger) if !events.is_empty() => {
                ww.times.clear();
                let anchor = Anchor::new(report);
                tagger.tag_span_into(text, s.span, anchor, &mut ww.tag, &mut ww.times);
                dating::date_events(v, &ww.times, report, events, &ww.predicates);
                if self.codebook {
                    self.continue_narrative(v, s.index, report, events, ww);
                }
            }
            _ => {
                for e in events.iter_mut() {
                    e.temporal_status = dating::undated_status(e);
                }
            }
        }
    }

    /// Dates the undated past acts of a sentence that continues a dated narrative of the
    /// sentence before it or the one before that (codebook 8, amendment 4: an act inside a
    /// span whose own day the text does not give takes the span's month): "On Oct. 23,
    /// Langley … met with President Ghazouani …. Additionally, the commander met with …" — the
    /// second meeting is of October 2023, background like the first. Only when the sentence
    /// names no time of its own and the act is asserted in the simple past.
    fn continue_narrative(
        &self,
        v: &View<'_>,
        sentence: usize,
        report: jiff::civil::Date,
        events: &mut [Event],
        ww: &mut WhenWhereBuffers,
    ) {
        if let Some((at, date)) = ww.narrative
            && ww.times.is_empty()
            && sentence > at
            && sentence - at <= 2
        {
            for (e, &k) in events.iter_mut().zip(&ww.predicates) {
                let undated = e.date.as_ref().is_none_or(|d| !d.source.from_text());
                if undated && e.modality == Modality::Asserted && v.ann.xpos[k] == "VBD" {
                    e.date = Some(dating::month_of(&date));
                    e.temporal_status = TemporalStatus::Historical;
                }
            }
        }
        // The latest past act this sentence's own words dated (more than a week old: a
        // narrative of the past); an inherited date does not carry further.
        if ww.times.is_empty() {
            return;
        }
        let week_before = report
            .checked_sub(jiff::ToSpan::days(dating::HISTORICAL_AFTER_DAYS))
            .unwrap_or(report);
        if let Some(d) = events
            .iter()
            .rev()
            .filter(|e| e.modality == Modality::Asserted)
            .filter_map(|e| e.date)
            .find(|d| d.source.from_text() && d.interval.last < week_before)
        {
            ww.narrative = Some((sentence, d));
        }
    }

    /// The country of the place where the act of predicate `k` with subject `h` took place:
    /// a locative phrase of the predicate, its subject or its object ("killed three protesters
    /// in Conakry", "Police in Dakar arrested …"), by the actor it names (a country, a capital, a
    /// role of a place) or else by the gazetteer (the most populous place of that name).
    fn place_country(
        &self,
        v: &View<'_>,
        k: usize,
        h: usize,
        deep: bool,
        mentions: &[ActorMention],
    ) -> Option<String> {
        // Where the predicate, its subject or its object is ("in Conakry"), not a place deeper
        // in the object of words ("condemned the attack on the embassy in Tripoli"); a physical
        // act (`deep`) takes place where any phrase of its clause is ("fired on demonstrators
        // in Khartoum", "arrested dozens of supporters in Goma").
        let mut near = Vec::new();
        if deep {
            v.subtree(k, &clausal, &mut near);
            near.sort_unstable();
        } else {
            near.extend(v.kids(k).filter(|&c| v.ann.deprel[c] == "obl"));
            for a in [Some(h), v.kid(k, "obj")].into_iter().flatten() {
                near.extend(v.kids(a).filter(|&c| v.ann.deprel[c] == "nmod"));
            }
        }
        let places = near.into_iter().filter(|&c| c != h && c != k).filter(|&c| {
            v.kids(c).any(|x| {
                v.ann.deprel[x] == "case" && LOCATIVE_PREPOSITIONS.contains(&v.folded[x].as_str())
            })
        });
        for c in places {
            let mut tree = Vec::new();
            v.subtree(c, &|r: &str| clausal(r) || r == "acl", &mut tree);
            let span = phrase_span(v, &tree);
            if let Some(country) = mentions
                .iter()
                .filter(|m| m.span.overlaps(span))
                .find_map(|m| m.country_iso3.clone())
            {
                return Some(country);
            }
            // The name: the head and its compound and flat words, all proper nouns.
            if v.ann.upos[c] != Upos::Propn {
                continue;
            }
            let words: Vec<usize> = v
                .kids(c)
                .filter(|&x| matches!(v.ann.deprel[x], "compound" | "flat"))
                .filter(|&x| v.ann.upos[x] == Upos::Propn)
                .chain([c])
                .collect();
            let (lo, hi) = (*words.iter().min()?, *words.iter().max()?);
            if hi - lo + 1 != words.len() {
                continue;
            }
            let gaz = self.geo.as_ref()?.gazetteer();
            let key = v.folded[lo..=hi].join(" ");
            if gaz.is_stop_word(&key) {
                continue;
            }
            let best = gaz.lookup(&key).max_by_key(|&p| gaz.population(p))?;
            if let Some(country) = gaz.place(best).country {
                return Some(country.iso3);
            }
        }
        None
    }

    /// Locates the document's events (after all its sentences are coded: the geoparser's
    /// context includes the countries of every actor of the document).
    fn place_events(
        &self,
        text: &str,
        seg: &Segmented,
        events: &mut [Event],
        ww: &mut WhenWhereBuffers,
    ) {
        let Some(geo) = &self.geo else { return };
        if events.is_empty() {
            return;
        }
        let countries: Vec<&str> = ww.countries.iter().map(String::as_str).collect();
        // The context reads every sentence; places are resolved only where events are.
        let ctx = geo.context(text, seg, &countries);
        let mut mentions = Vec::new();
        let mut done: Vec<usize> = Vec::new();
        for q in &ww.places {
            if !done.contains(&q.sentence) {
                done.push(q.sentence);
                mentions.extend(geo.find_places(text, seg, q.sentence, &ctx));
            }
        }
        for (e, &q) in events.iter_mut().zip(&ww.places) {
            e.location = placing::place_event(seg, &ww.parse, &mentions, q);
        }
    }

    /// A new event with its code's Goldstein value, QuadClass and PLOVER type from the table,
    /// one mention, and no date, place or attribution yet.
    #[allow(clippy::too_many_arguments)]
    fn new_event(
        &self,
        sentence: SentenceRef,
        trigger: Span,
        source: ActorMention,
        target: Option<ActorMention>,
        symmetric: bool,
        cameo: CameoCode,
        modality: Modality,
        rule: String,
    ) -> Event {
        let entry_row = self.table.get(cameo);
        Event {
            sentence,
            trigger,
            source,
            target,
            symmetric,
            cameo,
            goldstein: entry_row.and_then(|e| e.goldstein),
            quad_class: entry_row.map_or_else(
                || crate::cameo::quad_class_of_root(cameo.root().parse().unwrap_or(0)).unwrap_or(0),
                |e| e.quad_class,
            ),
            plover: entry_row.and_then(|e| {
                e.plover_event_type.as_ref().map(|t| Plover {
                    event_type: t.clone(),
                    mode: e.plover_mode.clone(),
                })
            }),
            modality,
            attributed_to: None,
            rule,
            is_root: false,
            mentions: vec![Mention { sentence, trigger }],
            date: None,
            temporal_status: TemporalStatus::Current,
            location: None,
        }
    }

    /// An appeal or a demand whose complement carries a coded act takes its kind and its
    /// addressee from that act: "demanded that Russia withdraw its troops from Ukraine" is a
    /// demand for withdrawal (106) made of Russia, "urged Morocco to meet with Algeria" an
    /// appeal to meet (026), "are demanding that President Mugabe abandon his policy" a demand
    /// made of Zimbabwe's government (codebook 3.1). A dictionary pattern of a demanding verb
    /// that matched inside the demanded clause ("demanded that Hamas renounce its struggle
    /// *against* Israel" read as `* (AGAINST) [110]`) gives way to the demand. Only generic
    /// codes (020, 100) and codes of another root are replaced: a specific code the dictionary
    /// gives the appeal itself stays.
    fn specify_requests(&self, v: &View<'_>, found: &mut [(usize, Event)]) {
        for i in 0..found.len() {
            let (h, d) = (found[i].0, &found[i].1);
            let demanding = DEMAND_LEMMAS.contains(&v.lemma(h).as_str());
            let root = d.cameo.root();
            if !(root == "02" || root == "10" || demanding)
                || d.modality != Modality::Asserted
                || d.rule.starts_with(DEMANDED)
            {
                continue;
            }
            let Some((k, act)) = found
                .iter()
                .filter(|(k, e)| {
                    *k != h
                        && v.head(*k) == Some(h)
                        && matches!(v.ann.deprel[*k], "xcomp" | "ccomp" | "advcl")
                        && e.source.code != d.source.code
                })
                .min_by_key(|(_, e)| e.trigger.start)
            else {
                continue;
            };
            let (k, act) = (*k, act);
            // "to respect human rights": rights asked for are a reform (1043, 0243), whatever
            // the verb that grants them.
            let rights = v
                .kid(k, "obj")
                .is_some_and(|o| matches!(v.lemma(o).as_str(), "right" | "rights"));
            let act_code = if rights {
                CameoCode::new("0833").unwrap_or(act.cameo)
            } else {
                act.cameo
            };
            let code = if demanding || root == "10" {
                (root != "10" || d.cameo.as_str() == "100").then(|| demand_code(act_code))
            } else {
                (d.cameo.as_str() == "020").then(|| appeal_code(act_code))
            };
            let addressee = act.source.clone();
            let d = &mut found[i].1;
            if d.target.is_none() {
                d.target = Some(addressee);
            }
            if let Some(code) = code.filter(|&c| c != d.cameo) {
                let mut e = self.new_event(
                    d.sentence,
                    d.trigger,
                    d.source.clone(),
                    d.target.clone(),
                    d.symmetric,
                    code,
                    d.modality,
                    format!("{}; {ASKED_FOR}", d.rule),
                );
                e.attributed_to = d.attributed_to.take();
                *d = e;
            }
        }
    }

    /// "I am very glad to be back in Algeria", "we are delighted to be here in Nouakchott": a
    /// first-person speaker pleased to be in another country is visiting it (042, codebook 5).
    fn presence_visits(
        &self,
        v: &View<'_>,
        sentence: SentenceRef,
        mentions: &[ActorMention],
        found: &mut Vec<(usize, Event)>,
    ) {
        let Ok(cameo) = CameoCode::new("042") else {
            return;
        };
        let at = |j: usize| mentions.iter().find(|m| m.span.overlaps(v.spans[j]));
        for w in 0..v.folded.len() {
            let to_be = v.kid(w, "mark").is_some_and(|m| v.folded[m] == "to")
                && v.kid(w, "cop").is_some_and(|c| v.lemma(c) == "be");
            let Some(h) = v.head(w) else { continue };
            if !to_be || !PLEASURE_WORDS.contains(&v.lemma(h).as_str()) {
                continue;
            }
            let Some(source) = v
                .kid(h, "nsubj")
                .filter(|&n| matches!(v.folded[n].as_str(), "i" | "we"))
                .and_then(at)
            else {
                continue;
            };
            // The place: "back in Algeria", "here in Nouakchott", or "in Algeria" itself.
            let place = if matches!(v.folded[w].as_str(), "back" | "here") {
                v.kids(w)
                    .find(|&c| v.ann.deprel[c] == "obl" && has_case(v, c, "in"))
            } else {
                has_case(v, w, "in").then_some(w)
            };
            let Some(place) = place.and_then(at) else {
                continue;
            };
            let Some(target) = visited_country(source, place) else {
                continue;
            };
            let trigger = Span {
                start: v.spans[h].start,
                end: v.spans[w].end,
            };
            found.push((
                w,
                self.new_event(
                    sentence,
                    trigger,
                    source.clone(),
                    Some(target),
                    false,
                    cameo,
                    modality(v, h),
                    "a speaker glad to be in another country is visiting it (codebook 5)"
                        .to_string(),
                ),
            ));
        }
    }

    /// "The Senegalese president is on a state visit to Spain", "the Guinean junta leader was
    /// in Abuja on Monday": an actor said to be on a visit to another country, or in another
    /// country's place, is visiting it (042, codebook 5), with the copula's modality.
    fn copular_visits(
        &self,
        v: &View<'_>,
        sentence: SentenceRef,
        mentions: &[ActorMention],
        found: &mut Vec<(usize, Event)>,
    ) {
        let Ok(cameo) = CameoCode::new("042") else {
            return;
        };
        let at = |j: usize| mentions.iter().find(|m| m.span.overlaps(v.spans[j]));
        for n in 0..v.folded.len() {
            if v.kid(n, "cop").is_none_or(|c| v.lemma(c) != "be") {
                continue;
            }
            // "on a visit to Spain", or "in Abuja".
            let place = if matches!(v.lemma(n).as_str(), "visit" | "trip" | "tour")
                && has_case(v, n, "on")
            {
                v.kids(n)
                    .find(|&c| v.ann.deprel[c] == "nmod" && has_case(v, c, "to"))
            } else if v.ann.upos[n] == Upos::Propn && has_case(v, n, "in") {
                Some(n)
            } else {
                None
            };
            let Some(place) = place.and_then(at) else {
                continue;
            };
            let Some(source) = v.kid(n, "nsubj").and_then(at) else {
                continue;
            };
            // (An ambassador in the country he is posted to lives there.)
            let posted = v
                .text
                .get(source.span.start..source.span.end)
                .is_some_and(|t| {
                    let t = t.to_lowercase();
                    ["ambassador", "embassy", "consul", "chargé", "charge d"]
                        .iter()
                        .any(|w| t.contains(w))
                });
            if posted {
                continue;
            }
            let Some(target) = visited_country(source, place) else {
                continue;
            };
            found.push((
                n,
                self.new_event(
                    sentence,
                    v.spans[n],
                    source.clone(),
                    Some(target),
                    false,
                    cameo,
                    modality(v, n),
                    "an actor on a visit to another country, or in its place, visits it \
                     (codebook 5)"
                        .to_string(),
                ),
            ));
        }
    }

    /// "Talks between Algeria and Tunisia focused on border security", "the meeting between
    /// the presidents of Mali and Niger ended", "fighting between the army and the Rapid
    /// Support Forces killed dozens": a meeting or a fight the sentence is about (the subject
    /// of a predicate that codes nothing itself) is an event between the parties it names —
    /// one symmetric event of the noun's code ([`MEETING_NOUNS`], [`FIGHTING_NOUNS`]), with
    /// the predicate's modality. A meeting called off, postponed or failed is none (codebook
    /// 5).
    fn meetings_between(
        &self,
        v: &View<'_>,
        sentence: SentenceRef,
        mentions: &[ActorMention],
        found: &mut Vec<(usize, Event)>,
    ) {
        const UNDONE_LEMMAS: &[&str] = &[
            "cancel", "postpone", "delay", "suspend", "collapse", "fail", "stall", "break", "end",
            "adjourn", "call",
        ];
        for n in 0..v.folded.len() {
            let Some(&(_, code)) = MEETING_NOUNS
                .iter()
                .chain(FIGHTING_NOUNS)
                .find(|(w, _)| *w == v.lemma(n))
            else {
                continue;
            };
            // (Or the sentence's head, a headline's "Talks between …"; or what a third party
            // hosts: "Qatar hosted talks between Israel and Hamas".)
            let hosted = v.ann.deprel[n] == "obj"
                && v.head(n)
                    .is_some_and(|k| HOSTING_LEMMAS.contains(&v.lemma(k).as_str()));
            if !hosted && !matches!(v.ann.deprel[n], "nsubj" | "nsubj:pass" | "root") {
                continue;
            }
            let k = v.head(n);
            if k.is_some_and(|k| {
                (!hosted && found.iter().any(|(p, _)| *p == k))
                    || UNDONE_LEMMAS.contains(&v.lemma(k).as_str())
            }) {
                continue;
            }
            let Some(b) = v
                .kids(n)
                .find(|&c| v.ann.deprel[c] == "nmod" && has_case(v, c, "between"))
            else {
                continue;
            };
            // The parties: the actors named in the phrase, in the order of the text.
            let mut tree = Vec::new();
            v.subtree(b, &|r| r != "conj" && clausal(r), &mut tree);
            let mut parties: Vec<&ActorMention> = mentions
                .iter()
                .filter(|m| {
                    tree.iter()
                        .any(|&j| m.span.overlaps(v.spans[j]) && !placed_under(v, j, b))
                })
                .collect();
            parties.sort_by_key(|m| m.span.start);
            parties.dedup_by(|a, b| a.code == b.code);
            let Ok(cameo) = CameoCode::new(code) else {
                continue;
            };
            let modality = k.map_or(Modality::Asserted, |k| modality(v, k));
            for (i, a) in parties.iter().enumerate() {
                for b in parties[i + 1..].iter().filter(|b| b.code != a.code) {
                    found.push((
                        n,
                        self.new_event(
                            sentence,
                            v.spans[n],
                            (*a).clone(),
                            Some((*b).clone()),
                            true,
                            cameo,
                            modality,
                            "a meeting between the parties it names (codebook 5)".to_string(),
                        ),
                    ));
                }
            }
        }
    }

    /// "The Secretary emphasized the U.S. commitment to NATO", "conveyed President Biden's
    /// strong support for the people of Tunisia": a commitment, desire or support stated by a
    /// verb of emphasis or conveying is the holder's stance toward whom it is for — an intent
    /// to cooperate (030) or support (051), held by the noun's possessor, else by the subject
    /// (codebook 5). Only where the verb has no event with a target of its own (a blanket
    /// statement, 010, is none).
    fn stated_stances(
        &self,
        v: &View<'_>,
        sentence: SentenceRef,
        mentions: &[ActorMention],
        found: &mut Vec<(usize, Event)>,
    ) {
        let at = |j: usize| mentions.iter().find(|m| m.span.overlaps(v.spans[j]));
        for n in 0..v.folded.len() {
            if v.ann.deprel[n] != "obj" {
                continue;
            }
            let code = match v.lemma(n).as_str() {
                "commitment" | "desire" | "determination" | "willingness" | "readiness" => "030",
                "support" | "solidarity" => "051",
                _ => continue,
            };
            let Some(k) = v.head(n).filter(|_| v.ann.deprel[n] == "obj") else {
                continue;
            };
            let lemma = v.lemma(k);
            if !(EMPHASIS_LEMMAS.contains(&lemma.as_str())
                || matches!(
                    lemma.as_str(),
                    "convey" | "express" | "affirm" | "renew" | "voice"
                ))
                || found
                    .iter()
                    .any(|(f, e)| *f == k && e.target.is_some() && e.cameo.as_str() != "010")
            {
                continue;
            }
            // The holder: the noun's possessor ("the U.S. commitment", "President Biden's
            // support", "the commitment of the United States"), else the subject.
            let holder = v
                .kids(n)
                .filter(|&c| {
                    matches!(v.ann.deprel[c], "nmod:poss" | "compound")
                        || (v.ann.deprel[c] == "nmod" && has_case(v, c, "of"))
                })
                .find_map(at)
                .filter(|m| m.country_iso3.is_some())
                .or_else(|| v.kid(k, "nsubj").and_then(at));
            let Some(source) = holder else { continue };
            // Whom it is for: a phrase with "to", "for" or "with" on the noun, on a clause of
            // the noun ("desire to work with France"), or on the verb ("to NATO").
            let mut places: Vec<usize> = v.kids(n).collect();
            places.extend(
                v.kids(n)
                    .filter(|&c| v.ann.deprel[c] == "acl")
                    .flat_map(|c| v.kids(c)),
            );
            places.extend(v.kids(k).filter(|&c| v.ann.deprel[c] == "obl"));
            let target = places
                .into_iter()
                .filter(|&c| {
                    matches!(v.ann.deprel[c], "nmod" | "obl")
                        && (has_case(v, c, "to") || has_case(v, c, "for") || has_case(v, c, "with"))
                })
                .find_map(|c| {
                    let mut tree = Vec::new();
                    v.subtree(c, &|_| false, &mut tree);
                    tree.sort_unstable();
                    tree.into_iter().find_map(at)
                })
                .filter(|t| t.country_iso3 != source.country_iso3 || t.code != source.code);
            let Some(target) = target else { continue };
            let Ok(cameo) = CameoCode::new(code) else {
                continue;
            };
            let trigger = Span {
                start: v.spans[k].start,
                end: v.spans[k].end,
            };
            // The verb's own comment without a target gives way to the stance it states.
            found.retain(|(f, _)| *f != k);
            found.push((
                k,
                self.new_event(
                    sentence,
                    trigger,
                    source.clone(),
                    Some(target.clone()),
                    false,
                    cameo,
                    modality(v, k),
                    format!(
                        "a stated {} is the holder's stance toward whom it is for (codebook 5)",
                        v.folded[n]
                    ),
                ),
            ));
        }
    }

    fn code_sentence(
        &self,
        v: &View<'_>,
        sentence: SentenceRef,
        mentions: &[ActorMention],
        text: &str,
        events: &mut Vec<Event>,
    ) {
        let n = v.folded.len();
        // (predicate index, event)
        let mut found: Vec<(usize, Event)> = Vec::new();
        for k in 0..n {
            if !is_predicate(v, k) {
                continue;
            }
            let (forms, last) = self.verb_forms(v, k);
            if forms.is_empty() {
                continue;
            }
            // Opinions are not acts ("I think …"), nor is "going to" + verb a trip.
            // Grief is no act toward anyone ("We mourn with the families of those killed",
            // codebook 1.1: condolences are not coded); "demonstrated their strength" shows,
            // it does not protest (a protest verb with an object that is no actor).
            if self.codebook
                && (GRIEF_LEMMAS.contains(&v.lemma(k).as_str())
                    || (v.lemma(k) == "demonstrate"
                        && v.kid(k, "obj").is_some_and(|o| {
                            !mentions.iter().any(|m| {
                                m.span.start <= v.spans[o].start && v.spans[o].end <= m.span.end
                            })
                        })))
            {
                continue;
            }
            if self.codebook
                && (OPINION_LEMMAS.contains(&v.lemma(k).as_str())
                    || (v.lemma(k) == "go"
                        && v.kids(k)
                            .any(|c| v.ann.deprel[c] == "xcomp" && v.ann.upos[c] == Upos::Verb)))
            {
                continue;
            }
            // "We join ECOWAS … in denouncing these actions": the joined act is coded, not the
            // joining (codebook 2, `031:1`).
            if self.codebook
                && v.lemma(k) == "join"
                && (k + 1..n.saturating_sub(1))
                    .any(|j| v.folded[j] == "in" && v.ann.xpos[j + 1] == "VBG")
            {
                continue;
            }
            // "sanctioned six individuals for threatening the peace … of Libya": the reason
            // for an act (or what someone is accused of) is not an act of the sentence.
            if self.codebook && v.ann.xpos[k] == "VBG" && is_reason_clause(v, k) {
                continue;
            }
            // "refused to commit troops, citing domestic opposition": the reason the actor
            // gives for its act is no act of its own.
            if self.codebook
                && v.ann.xpos[k] == "VBG"
                && v.lemma(k) == "cite"
                && v.ann.deprel[k] == "advcl"
            {
                continue;
            }
            // "certain assistance programs benefiting the Government of Niger": a participle
            // right after a noun describes it (whom the programmes are for); it is no act.
            if self.codebook && describing_participle(v, k) {
                continue;
            }
            // "continues to view X as serious": the complement is the act, the aspect is not.
            if self.codebook
                && ASPECT_LEMMAS.contains(&v.lemma(k).as_str())
                && v.kids(k)
                    .any(|c| v.ann.deprel[c] == "xcomp" && v.ann.upos[c] == Upos::Verb)
            {
                continue;
            }
            self.code_predicate(v, k, &forms, last, sentence, mentions, &mut found);
        }
        if self.codebook {
            self.presence_visits(v, sentence, mentions, &mut found);
            self.meetings_between(v, sentence, mentions, &mut found);
            self.copular_visits(v, sentence, mentions, &mut found);
            self.stated_stances(v, sentence, mentions, &mut found);
        }
        // Reported speech: events under a verb of saying (or with one hung from their clause:
        // "…, an official said") take its subject as speaker, and the saying itself is dropped
        // when it reports a codeable event.
        let mut speakers_used: Vec<usize> = Vec::new();
        let mut demands: Vec<(usize, Event)> = Vec::new();
        for (k, e) in &mut found {
            let mut c = *k;
            loop {
                let is_say = |x: usize| SAY_LEMMAS.contains(&v.lemma(x).as_str());
                // "X did Y, an official said": the saying hangs from the reported clause (or,
                // misattached, from another clause of the sentence).
                let inverted = v
                    .kids(c)
                    .find(|&x| x != *k && v.ann.deprel[x] == "parataxis" && is_say(x))
                    .or_else(|| {
                        v.head(c).is_none().then(|| {
                            (0..n).find(|&x| {
                                x > *k
                                    && v.head(x) == Some(c)
                                    && matches!(v.ann.deprel[x], "parataxis" | "conj")
                                    && v.kid(x, "ccomp").is_none()
                                    && v.kid(x, "obj").is_none()
                                    && is_say(x)
                            })
                        })?
                    });
                let Some(h) = inverted.or_else(|| v.head(c)) else {
                    break;
                };
                let rel = v.ann.deprel[c];
                if inverted.is_some() || ((rel == "ccomp" || rel == "parataxis") && is_say(h)) {
                    if let Some(subj) = v.kid(h, "nsubj") {
                        let mut sub = Vec::new();
                        v.subtree(subj, &clausal, &mut sub);
                        let mention = pick_mention(v, subj, &sub, mentions);
                        let span = match mention {
                            Some(m) => m.span,
                            None => phrase_span(v, &sub),
                        };
                        e.attributed_to = Some(Attribution {
                            span,
                            code: mention.map(|m| m.code.clone()),
                        });
                        speakers_used.push(h);
                        // "Russia said Sudan must return the helicopter": saying what another
                        // must do is demanding it (codebook 6, stop 25).
                        if self.codebook
                            && c == *k
                            && e.modality == Modality::Hypothetical
                            && obliged(v, *k)
                            // (The obliged actor is the clause's subject: "the solution must
                            // be found by the Malians" states a position, not a demand.)
                            && v.kid(*k, "nsubj").is_some_and(|n| {
                                let mut sub = Vec::new();
                                v.subtree(n, &clausal, &mut sub);
                                sub.iter().any(|&j| e.source.span.overlaps(v.spans[j]))
                            })
                            && let Some(m) = mention.filter(|m| m.code != e.source.code)
                        {
                            let cameo = demand_code(e.cameo);
                            let rule = format!("{DEMANDED}: {}", e.rule);
                            demands.push((
                                h,
                                self.new_event(
                                    sentence,
                                    v.spans[h],
                                    m.clone(),
                                    Some(e.source.clone()),
                                    false,
                                    cameo,
                                    Modality::Asserted,
                                    rule,
                                ),
                            ));
                        }
                    }
                    break;
                }
                c = h;
            }
        }
        found.extend(demands);
        // A refusal or intention verb whose complement carries the event is not an event of
        // its own ("refused to meet" is one refusal).
        let reframed: Vec<usize> = found
            .iter()
            .filter(|(_, e)| {
                e.rule.contains("refusal of the act")
                    || e.rule.contains("intention to act")
                    || e.rule.contains(PERFORMED)
                    || e.rule.contains(THREATENED)
            })
            .flat_map(|(k2, e)| {
                let looked = e.rule.contains(LOOKING_FORWARD).then(|| k2.checked_sub(3));
                // The verb that states a readiness ("expressed its readiness to cooperate").
                let stated = v
                    .head(*k2)
                    .filter(|&n| {
                        v.ann.deprel[*k2] == "acl" && INTENT_NOUNS.contains(&v.lemma(n).as_str())
                    })
                    .filter(|&n| v.ann.deprel[n] == "obj")
                    .and_then(|n| v.head(n));
                v.head(*k2)
                    .into_iter()
                    .chain(looked.flatten())
                    .chain(stated)
            })
            .collect();
        // "refused to allow investigators to visit": the acts under a refused one did not
        // happen (the refusal is the event).
        let refused: Vec<usize> = found
            .iter()
            .filter(|(_, e)| e.rule.contains("refusal of the act"))
            .map(|(k, _)| *k)
            .collect();
        // "agreed to continue cooperation": the agreement is the event, not its complement.
        let agreed: Vec<usize> = found
            .iter()
            .filter(|(_, e)| e.rule.contains(AGREED_TO_COOPERATE))
            .map(|(k, _)| *k)
            .collect();
        // "agreed to lift sanctions": the act agreed on is the event (085), not a bare
        // agreement beside it.
        let agreed_acts: Vec<usize> = if self.codebook {
            found
                .iter()
                .filter(|(k, _)| {
                    v.ann.deprel[*k] == "xcomp"
                        && v.head(*k).is_some_and(|h| {
                            v.lemma(h) == "agree"
                                && !agreed.contains(&h)
                                && v.kid(*k, "mark").is_some_and(|m| v.folded[m] == "to")
                        })
                })
                .filter_map(|(k, _)| v.head(*k))
                .collect()
        } else {
            Vec::new()
        };
        // What an appeal or a demand asks for names its kind and whom it is made of.
        if self.codebook {
            self.specify_requests(v, &mut found);
        }
        // Acts an appeal asks for have not happened ("urged X to release Y": the urging is
        // the event, codebook 3.1).
        // (An appeal reframed as the intention it states, "asked to meet", is not one.)
        // So have the acts a demand asks for ("demanded that Hamas renounce violence"), other
        // than those of a demand read from a saying (kept as hypothetical acts).
        let appeals: Vec<usize> = found
            .iter()
            .filter(|(k, e)| {
                (e.cameo.root() == "02"
                    || (self.codebook
                        && e.cameo.root() == "10"
                        && DEMAND_LEMMAS.contains(&v.lemma(*k).as_str())))
                    && !reframed.contains(k)
            })
            .map(|(k, _)| *k)
            .collect();
        // Acts an intention is for ("stand ready to redouble our efforts to help Tunisia") are
        // part of the intention (codebook amendment 5): not events of their own; an intention
        // without a target takes theirs (USA → TUN 030).
        let intents: Vec<usize> = if self.codebook {
            found
                .iter()
                .filter(|(_, e)| {
                    e.rule.contains(LOOKING_FORWARD) || e.rule.contains("intention to act")
                })
                .map(|(k, _)| *k)
                .collect()
        } else {
            Vec::new()
        };
        let purposes: Vec<(usize, Option<ActorMention>)> = found
            .iter()
            .filter(|(k, _)| !intents.contains(k) && governed_by(v, *k, &intents))
            .map(|(k, e)| (*k, e.target.clone()))
            .collect();
        for (k, e) in &mut found {
            if e.target.is_some() || !intents.contains(k) {
                continue;
            }
            if let Some(t) = purposes
                .iter()
                .filter(|(p, _)| governed_by(v, *p, &[*k]))
                .find_map(|(_, t)| t.clone())
                .filter(|t| t.code != e.source.code)
            {
                e.target = Some(t);
            }
        }
        // The adoption or issuing of a text whose content is coded is not an act of its own
        // ("adopted a resolution calling on …" is the appeal, not a 057).
        let texts_said: Vec<usize> = if self.codebook {
            found
                .iter()
                .filter(|(k, _)| speaking_text(v, *k))
                .filter_map(|(k, _)| v.head(*k).and_then(|n| v.head(n)))
                .collect()
        } else {
            Vec::new()
        };
        let roots: Vec<(usize, &str)> = found.iter().map(|(k, e)| (*k, e.cameo.root())).collect();
        let mut keep = vec![true; found.len()];
        for (i, (k, e)) in found.iter().enumerate() {
            if !self.codebook {
                break;
            }
            // ("fired on demonstrators, killing dozens": the killing is what the force did, in
            // one act of force, 17–20.)
            let force = |r: &str| matches!(r, "17" | "18" | "19" | "20");
            let head_same_root = e.target.is_none()
                && matches!(v.ann.deprel[*k], "advcl" | "xcomp")
                && v.head(*k).is_some_and(|h| {
                    !reframed.contains(&h)
                        && roots.iter().any(|&(x, r)| {
                            x == h && (r == e.cameo.root() || (force(r) && force(e.cameo.root())))
                        })
                });
            keep[i] = !(governed_by(v, *k, &appeals)
                || (v.ann.deprel[*k] == "xcomp" && v.head(*k).is_some_and(|h| refused.contains(&h)))
                || purposes.iter().any(|(p, _)| p == k)
                // "spoke with X to discuss …": the purpose repeats the act without a target.
                || head_same_root
                // Condolences to no coded actor (codebook 5: `038:1`).
                || (e.target.is_none() && e.cameo.as_str() == "018")
                // Cooperation, aid, yielding or investigating with no named partner is no
                // dyadic act (codebook 3.1, amendment 10): "we collaborate to advance regional
                // security", "are closely monitoring the situation".
                || (e.target.is_none()
                    && (matches!(e.cameo.root(), "03" | "06" | "07" | "08" | "09")
                        || e.cameo.as_str() == "050"))
                // A generic statement is no event ("OFAC's regulations generally prohibit all
                // transactions by U.S. persons").
                || (matches!(v.ann.xpos[*k], "VBZ" | "VBP")
                    && v.kids(*k).any(|c| {
                        v.ann.deprel[c] == "advmod"
                            && matches!(
                                v.folded[c].as_str(),
                                "generally" | "usually" | "typically" | "normally" | "routinely"
                            )
                    }))
                // Force used on things, not people ("mortar teams engaged targets", "soldiers
                // fire an M109 howitzer" in an exercise): no one is its target.
                // Places and property are someone's, though: "Houthi rebels attacked a ship",
                // "shelled a train station" are attacks with no coded target.
                || (e.target.is_none()
                    && matches!(e.cameo.root(), "18" | "19" | "20")
                    && v.kid(*k, "obj").is_some_and(|o| {
                        !self.names_people(v, o) && !PROPERTY_NOUNS.contains(&v.lemma(o).as_str())
                    })));
        }
        for ((k, e), keep) in found.into_iter().zip(keep) {
            if !keep
                || reframed.contains(&k)
                || texts_said.contains(&k)
                || agreed_acts.contains(&k)
                || (v.ann.deprel[k] == "xcomp" && v.head(k).is_some_and(|h| agreed.contains(&h)))
            {
                continue;
            }
            if speakers_used.contains(&k)
                && (e.cameo.root() == "01" || SAY_LEMMAS.contains(&v.lemma(k).as_str()))
                && !e.rule.starts_with(DEMANDED)
            {
                continue;
            }
            let _ = text;
            // A blanket statement (010) has no codeable content: the codebook codes the content
            // of a saying, or a specific comment (01x), never "said something" (section 1.2).
            if self.codebook && e.cameo.as_str() == "010" {
                continue;
            }
            let mut e = e;
            if self.codebook {
                // A country's people are the country (codebook 4: "support for the people of
                // Tunisia" → TUN): `TUNPPL` → `TUN`.
                people_as_country(&mut e.source);
                if let Some(t) = &mut e.target {
                    people_as_country(t);
                }
                if e.target.as_ref().is_some_and(|t| t.code == e.source.code) && e.symmetric {
                    continue;
                }
                // "…, these actions": a comment on an act named before takes that act's
                // actor, the previous event's target (resolved by the document, see
                // `ANAPHORIC`).
                if e.target.is_none()
                    && matches!(e.cameo.root(), "01" | "05" | "11" | "12")
                    && v.kid(k, "obj").is_some_and(|o| {
                        v.kids(o).any(|d| {
                            v.ann.deprel[d] == "det"
                                && matches!(v.folded[d].as_str(), "these" | "this" | "such")
                        })
                    })
                {
                    e.rule.push_str(ANAPHORIC);
                }
                // "We join ECOWAS and the African Union … in denouncing these actions": the
                // joined actors do it too (codebook 2, `031:1`), one event per source.
                if k > 0
                    && v.folded[k - 1] == "in"
                    && let Some(j) = (0..k - 1).rev().find(|&j| v.lemma(j) == "join")
                {
                    let (from, to) = (v.spans[j].end, v.spans[k - 1].start);
                    let mut seen: Vec<&ActorCode> = vec![&e.source.code];
                    for m in mentions
                        .iter()
                        .filter(|m| m.span.start >= from && m.span.end <= to)
                    {
                        if seen.contains(&&m.code) {
                            continue;
                        }
                        seen.push(&m.code);
                        let mut joined = e.clone();
                        joined.source = m.clone();
                        joined.rule.push_str("; joined in the act (codebook 2)");
                        events.push(joined);
                    }
                }
            }
            events.push(e);
        }
    }

    /// The dictionary forms of the verb at `k`: the longest whose extra words are around it
    /// (several when the verb is listed in several blocks, as "SHOT" may be), and the index
    /// of its last word.
    fn verb_forms(&self, v: &View<'_>, k: usize) -> (Vec<&VerbForm>, usize) {
        let lemma = v.lemma(k);
        // Verbs the dictionary lacks that the codebook codes, read as the dictionary verb of
        // the same meaning ("urge" as "appeal": 02x).
        let synonym = self
            .codebook
            .then(|| CODEBOOK_SYNONYMS.iter().find(|(w, _)| *w == lemma))
            .flatten()
            .map(|(_, s)| *s)
            .or_else(|| {
                (self.codebook && lemma == "have" && holds_meeting(v, k)).then_some("hold")
            });
        // "strengthen their cooperation" is cooperating, whatever else the verb may mean.
        let furthering = (self.codebook && furthers_cooperation(v, k))
            .then(|| self.index.get("cooperate"))
            .flatten();
        // Verbs the codebook reads otherwise than the dictionary: "designating three Malian
        // officials" (under sanctions law) is a sanction (163), not an appointment — unless
        // it names the post ("designated her as envoy").
        let overridden = (self.codebook
            && SANCTION_LEMMAS.contains(&lemma.as_str())
            && !v.kids(k).any(|c| {
                v.kids(c)
                    .any(|x| v.ann.deprel[x] == "case" && v.folded[x] == "as")
                    || v.folded[c] == "as"
            }))
        .then(|| self.index.get("boycott"))
        .flatten();
        let Some(cands) = overridden
            .or(furthering)
            .or_else(|| self.index.get(v.folded[k].as_str()))
            .or_else(|| self.index.get(lemma.as_str()))
            .or_else(|| synonym.and_then(|s| self.index.get(s)))
        else {
            return (Vec::new(), k);
        };
        let mut best: Vec<&VerbForm> = Vec::new();
        let mut best_len = 0;
        for f in cands {
            if k < f.before.len() || k + f.after.len() >= v.folded.len() {
                continue;
            }
            let before_ok = f
                .before
                .iter()
                .enumerate()
                .all(|(i, w)| v.word_is(k - f.before.len() + i, w));
            let after_ok = f
                .after
                .iter()
                .enumerate()
                .all(|(i, w)| k + 1 + i < v.folded.len() && v.word_is(k + 1 + i, w));
            if before_ok && after_ok {
                let len = f.before.len() + f.after.len();
                if best.is_empty() || len > best_len {
                    best.clear();
                    best_len = len;
                }
                if len == best_len && (best.is_empty() || best[0].after.len() == f.after.len()) {
                    best.push(f);
                }
            }
        }
        let last = best.first().map_or(k, |f| k + f.after.len());
        (best, last)
    }

    #[allow(clippy::too_many_arguments)]
    fn code_predicate(
        &self,
        v: &View<'_>,
        k: usize,
        forms: &[&VerbForm],
        last: usize,
        sentence: SentenceRef,
        mentions: &[ActorMention],
        found: &mut Vec<(usize, Event)>,
    ) {
        let form = forms[0];
        // The predicate's phrase, left and right of the verb.
        // The predicate's phrase, as PETRARCH's verb phrase: its dependents with their whole
        // subtrees ("heavily and unjustly"), complement clauses included ("allowed that Mordor
        // isn't a really pleasant place"), but not clauses merely joined to it.
        let mut phrase = vec![k];
        // Under the codebook, clauses that modify a noun of the phrase are not the verb's
        // ("commended Algeria's desire to attract more U.S. businesses to Algeria": the `to`
        // is not "welcome … to", a hosting).
        // A clause on the verb's own argument stays ("encouraged President Ghazouani to
        // continue", however the parser hangs it); deeper ones do not.
        let codebook = self.codebook;
        let inner = move |rel: &str| codebook && matches!(rel, "acl" | "acl:relcl");
        for c in v.kids(k) {
            if !pattern_excluded(v.ann.deprel[c]) {
                phrase.push(c);
                for d in v.kids(c) {
                    if !(codebook && v.ann.deprel[d] == "acl:relcl") {
                        v.subtree(d, &inner, &mut phrase);
                    }
                }
            }
        }
        // As PETRARCH, the words before the verb in the clauses it complements count too
        // ("indicated it would *", "has begun to *", "+ was seen to * in $").
        let mut c = k;
        for _ in 0..3 {
            let Some(h) = v.head(c) else { break };
            if !matches!(v.ann.deprel[c], "xcomp" | "ccomp" | "csubj") || h > k {
                break;
            }
            phrase.push(h);
            for d in v.kids(h).filter(|&d| d != c && d < k) {
                if !pattern_excluded(v.ann.deprel[d]) {
                    let from = phrase.len();
                    v.subtree(d, &|_| false, &mut phrase);
                    let mut i = from;
                    while i < phrase.len() {
                        if phrase[i] > k {
                            phrase.swap_remove(i);
                        } else {
                            i += 1;
                        }
                    }
                }
            }
            c = h;
        }
        phrase.sort_unstable();
        phrase.dedup();
        let (left, right): (Vec<usize>, Vec<usize>) = phrase
            .iter()
            .copied()
            .filter(|&j| j != k && !(j > k && j <= last))
            .partition(|&j| j < k);
        // The best pattern of every block the verb is listed in; else the first listing (a
        // verb listed with the null code first, "RISK [---]", stays uncoded).
        let mut best: Option<(&CompiledPattern, PatternMatch)> = None;
        let mut block_of_best = form.block;
        // A passive's subject is what the active verb's object was: "An agreement … was signed
        // by Morocco and the EU" matches `* AGREEMENT` as "signed an agreement" does (tried only
        // when no pattern matches the words as they stand; codebook 2, source and target).
        let mut promoted: Vec<usize> = Vec::new();
        if self.codebook
            && let Some(pass) = v.kid(k, "nsubj:pass")
        {
            v.subtree(pass, &|r| r == "conj" || clausal(r), &mut promoted);
            promoted.sort_unstable();
            promoted.retain(|j| left.contains(j));
            promoted.extend(right.iter().copied());
        }
        let widened = promoted.len() > right.len();
        for (round, right_words) in [&right, &promoted].into_iter().enumerate() {
            if round == 1 && (best.is_some() || !widened) {
                break;
            }
            for f in forms {
                let own = self.verbs.blocks[f.block as usize].verbs[f.entry as usize]
                    .codes
                    .and_then(|c| c.primary);
                for p in &self.patterns[f.block as usize] {
                    // A pattern on the subject alone ("&MILITARY *", written for the block's
                    // "seize" and "capture") does not move a verb with a code of its own to
                    // another root: an army that arrests people arrests them (173), it does not
                    // occupy territory (192).
                    if p.verb_at == p.atoms.len()
                        && names_the_subject(&p.atoms)
                        && let (Some(own), Some(code)) = (own, p.codes.primary)
                        && own.root() != code.root()
                    {
                        continue;
                    }
                    // A phrase the pattern names in parentheses is the verb's own, not one nested
                    // in another prepositional phrase ("cooperate (AGAINST)" is not "cooperate … in
                    // the fight against terrorism"); checked only for a match that would win.
                    if let Some(m) =
                        match_pattern(v, p, (k - f.before.len(), last), &left, right_words)
                        && best.is_none_or(|b| {
                            (m.score, std::cmp::Reverse(m.far))
                                > (b.1.score, std::cmp::Reverse(b.1.far))
                        })
                        && (p.phrase_words.is_empty() || has_own_phrase(v, k, &p.phrase_words))
                    {
                        best = Some((p, m));
                        block_of_best = f.block;
                    }
                }
            }
        }
        let form = match best {
            Some(_) => forms
                .iter()
                .find(|f| f.block == block_of_best)
                .copied()
                .unwrap_or(form),
            None => form,
        };
        let block = &self.verbs.blocks[form.block as usize];
        let entry = &block.verbs[form.entry as usize];
        let slots = best.map(|b| b.1).unwrap_or_default();
        // The first actor at or after a slot's token, within the predicate's phrase.
        let slot_mention = |from: Option<usize>| -> Option<&ActorMention> {
            let from = from?;
            let side: &[usize] = if from < k { &left } else { &right };
            side.iter().filter(|&&j| j >= from).find_map(|&j| {
                mentions
                    .iter()
                    .find(|m| m.span.start < v.spans[j].end && v.spans[j].start < m.span.end)
            })
        };
        let slot_source = slot_mention(slots.source_from);
        let slot_target = slot_mention(slots.target_from);
        let (codes, rule) = match best {
            Some((p, _)) => (
                p.codes,
                format!(
                    "verbs.txt:{} {} pattern",
                    p.line + VERB_FILE_HEADER_LINES,
                    block.name
                ),
            ),
            None => (
                entry.codes.unwrap_or(block.codes),
                format!(
                    "verbs.txt:{} {} verb {}",
                    entry.line + VERB_FILE_HEADER_LINES,
                    block.name,
                    entry.text
                ),
            ),
        };
        // Codes the codebook gives where the dictionary gives none, or the wrong one.
        let coded = |primary: &str, secondary: Option<&str>, why: Option<&'static str>| {
            let codes = EventCodes {
                primary: CameoCode::new(primary).ok(),
                secondary: secondary.and_then(|c| CameoCode::new(c).ok()),
            };
            (codes, why)
        };
        let visitor =
            |o: usize| v.ann.upos[o] == Upos::Propn || VISITOR_NOUNS.contains(&v.lemma(o).as_str());
        let (codes, why) = if !self.codebook {
            (codes, None)
        } else if codes.primary.is_none()
            && let Some(code) = held_conversation(v, k)
        {
            // "held a phone call with his Spanish counterpart", "had a telephone
            // conversation with the Emir": a conversation held is a consultation, by telephone
            // 041 (codebook 5).
            coded(
                code,
                None,
                Some("a conversation held is a consultation (codebook 5)"),
            )
        } else if codes.primary.is_none()
            && v.lemma(k) == "stand"
            && v.kids(k)
                .any(|c| v.ann.deprel[c] == "obl" && has_case(v, c, "with"))
        {
            // "We stand with Mali's government": solidarity is support (051, codebook 5).
            coded("051", None, None)
        } else if codes.primary.is_none()
            && v.lemma(k) == "sign"
            && v.kid(k, "obj").is_some_and(|o| {
                matches!(
                    v.lemma(o).as_str(),
                    "minute"
                        | "minutes"
                        | "communique"
                        | "communiqué"
                        | "roadmap"
                        | "charter"
                        | "convention"
                )
            })
        {
            // "the two officials signed the minutes of the meeting", "signed a joint
            // communiqué": a signed text binding both sides is a formal agreement (057).
            coded(
                "057",
                None,
                Some("a signed text binding the parties is an agreement (codebook 5)"),
            )
        } else if codes.primary.is_none()
            && v.lemma(k) == "receive"
            && ((v.kid(k, "nsubj").is_some() && received_object(v, k).is_some_and(visitor))
                || (v.kid(k, "obl:agent").is_some() && passive_subject(v, k).is_some_and(visitor)))
        {
            // "Mauritania received a delegation of Malian officials", "King Mohammed VI
            // received the Malian president", "Diop was received by Prime Minister Sellal":
            // receiving visitors is hosting them (043; the dictionary's "receive" codes only
            // ambassadors, envoys and ministers so).
            coded(
                "043",
                Some("042"),
                Some("receiving visitors is hosting them (codebook 5)"),
            )
        } else if codes.primary.is_none()
            && matches!(v.lemma(k).as_str(), "reject" | "rebuff" | "dismiss")
            && v.kid(k, "obj").is_some_and(|o| {
                !matches!(
                    v.lemma(o).as_str(),
                    "accusation"
                        | "accusations"
                        | "allegation"
                        | "allegations"
                        | "claim"
                        | "claims"
                        | "charge"
                        | "charges"
                        | "report"
                        | "reports"
                        | "idea"
                        | "notion"
                        | "possibility"
                )
            })
        {
            // "The Tunisian government rejected the IMF loan conditions": rejecting (120, codebook
            // 5) where the dictionary's REFUSE block has a pattern for some objects only; an
            // accusation rejected is a denial, not this (left to the dictionary).
            coded(
                "120",
                None,
                Some("rejecting a demand or proposal is a rejection (codebook 5)"),
            )
        } else if deliberation(v, k) {
            // "Bourita and his Spanish counterpart explored ways to strengthen cooperation",
            // "the two ministers exchanged views on regional issues": parties deliberating
            // together consult (040, codebook 5), as "discussed" does.
            coded(
                "040",
                None,
                Some("deliberating together is consulting (codebook 5)"),
            )
        } else if let Some(code) = on_strike(v, k) {
            // "Moroccan teachers went on strike", "dockers staged a strike": a strike (143),
            // not travel or a military strike; a hunger strike 142; demonstrations staged or
            // held 141.
            coded(
                code,
                None,
                Some("a strike or demonstration staged is one (CAMEO 141–143)"),
            )
        } else if v.lemma(k) == "summon"
            && v.kid(k, "obj")
                .is_some_and(|o| DIPLOMAT_NOUNS.contains(&v.lemma(o).as_str()))
        {
            // "summoned the French ambassador": a protest to the diplomat's government (CAMEO
            // 110, whose example is a minister summoning an ambassador), not a consultation.
            coded(
                "110",
                None,
                Some("summoning a diplomat is disapproval (CAMEO 110)"),
            )
        } else if let Some((code, why)) = announced_act(v, k) {
            // "announced the expulsion of the French ambassador", "ordered the suspension of
            // aid to Niger": the act the announcement makes (codebook stop 24).
            coded(code, None, Some(why))
        } else if let Some((code, why)) = reduced_relations(v, k) {
            // "suspended diplomatic relations with", "expelled the French ambassador",
            // "suspended Mali from the AU", "broke off talks" (codebook stop 23).
            coded(code, None, Some(why))
        } else if codes.primary.is_none()
            && matches!(
                v.lemma(k).as_str(),
                "suspend"
                    | "pause"
                    | "halt"
                    | "stop"
                    | "freeze"
                    | "cut"
                    | "end"
                    | "terminate"
                    | "withhold"
            )
            && v.kid(k, "obj").is_some_and(|o| {
                let aid = |j: usize| {
                    matches!(
                        v.lemma(j).as_str(),
                        "aid" | "assistance" | "funding" | "grant" | "support" | "cooperation"
                    )
                };
                aid(o)
                    || (matches!(v.lemma(o).as_str(), "program" | "programme" | "payment")
                        && v.kids(o).any(|c| v.ann.deprel[c] == "compound" && aid(c)))
            })
        {
            // "The United States suspended assistance to the Government of Niger", "halted
            // certain assistance programs": reducing or stopping aid (162); the dictionary
            // codes only the word "aid" so.
            coded(
                "162",
                None,
                Some("stopping aid or cooperation is reducing it (codebook 5)"),
            )
        } else if matches!(
            v.lemma(k).as_str(),
            "conduct"
                | "hold"
                | "stage"
                | "carry"
                | "organize"
                | "organise"
                | "launch"
                | "begin"
                | "start"
                | "kick"
                | "complete"
                | "conclude"
        ) && v.kid(k, "obj").is_some_and(|o| {
            matches!(
                v.lemma(o).as_str(),
                "exercise" | "drill" | "maneuver" | "manoeuvre" | "training"
            )
        }) {
            // "Moroccan and U.S. soldiers conducted a combined live-fire exercise": a joint
            // exercise is military cooperation (062), mutual between its parties.
            coded(
                "062",
                None,
                Some("a joint military exercise is military cooperation (codebook 5)"),
            )
        } else if matches!(
            v.lemma(k).as_str(),
            "extend" | "reaffirm" | "renew" | "reiterate" | "issue" | "send"
        ) && v.kid(k, "obj").is_some_and(|o| v.lemma(o) == "invitation")
        {
            // "President Obama reaffirmed his invitation to President Essebsi to visit
            // Washington": the invitation (036) to the one invited.
            coded(
                "036",
                None,
                Some("an invitation is an intent to meet (codebook 5)"),
            )
        } else if let Some(c) = held_meeting(v, k) {
            // "Talks between Morocco and Mauritania were held", "the meeting … took place":
            // the meeting, not a detention or a seizure.
            coded(
                c,
                None,
                Some("a meeting held is a consultation (codebook 5)"),
            )
        } else if took_place(v, k) {
            (
                EventCodes::default(),
                Some("'take place' reports that something happened, not a seizure"),
            )
        } else {
            (codes, None)
        };
        let rule = match why {
            Some(why) => format!("{rule}; {why}"),
            None => rule,
        };
        let Some(cameo) = codes.primary else {
            return;
        };
        // "strengthened their military cooperation": the kind of cooperation furthered.
        let (cameo, rule) = match (self.codebook && cameo.as_str() == "050")
            .then(|| cooperation_kind(v, k).filter(|_| furthers_cooperation(v, k)))
            .flatten()
            .and_then(|c| CameoCode::new(c).ok())
        {
            Some(kind) => (
                kind,
                format!("{rule}; furthering cooperation of a named kind (codebook 5)"),
            ),
            None => (cameo, rule),
        };
        // Refusals, intentions and conditional threats are acts of their own (12x, 03x, 13x).
        let stance = stance_code(v, k, cameo);
        let (cameo, rule) = match stance {
            Some((c, why)) => (c, format!("{rule}; {why}")),
            None => (cameo, rule),
        };
        let codes = if stance.is_some() {
            EventCodes {
                primary: Some(cameo),
                secondary: None,
            }
        } else {
            codes
        };
        let (cameo, codes, rule) = if self.codebook {
            codebook_code(v, k, cameo, codes, rule, best.is_some())
        } else {
            (cameo, codes, rule)
        };
        if codes.primary.is_none() {
            return;
        }
        let preferred_prep = best.and_then(|(p, _)| p.preposition.as_deref());
        // Roles.
        // "We are deeply concerned by the detention of …": the one concerned feels and speaks,
        // what concerns them is the target; such a passive keeps its subject as source.
        // So does a stance held ("Israel is opposed to French mediation": opposing it, 110),
        // when no agent follows.
        let held_stance = |k: usize| {
            self.codebook
                && v.lemma(k) == "oppose"
                && v.kid(k, "obl:agent").is_none()
                && v.kids(k)
                    .any(|c| v.ann.deprel[c] == "obl" && has_case(v, c, "to"))
        };
        let experiencer = v.kid(k, "nsubj:pass").filter(|_| {
            (EXPERIENCER_LEMMAS.contains(&v.lemma(k).as_str()) || held_stance(k))
                && v.ann.xpos[k] == "VBN"
        });
        // (A passive infinitive takes the subject of the verb it complements: "Diop is
        // expected to be received by Prime Minister Sellal".)
        let passive = passive_subject(v, k).filter(|_| experiencer.is_none());
        let mut source_head;
        let mut target_heads: Vec<usize> = Vec::new();
        if let Some(felt) = experiencer {
            source_head = Some(felt);
            if let Some(cause) = v.kid(k, "obl:agent").or_else(|| {
                v.kids(k).find(|&c| {
                    v.ann.deprel[c] == "obl"
                        && (has_case(v, c, "by")
                            || has_case(v, c, "about")
                            || has_case(v, c, "at")
                            || (held_stance(k) && has_case(v, c, "to")))
                })
            }) {
                target_heads.push(cause);
            }
        } else if let Some(pass) = passive {
            source_head = v.kid(k, "obl:agent").or_else(|| {
                v.kids(k)
                    .find(|&c| v.ann.deprel[c] == "obl" && has_case(v, c, "by"))
            });
            // "Talks between Morocco and Mauritania were held": the parties of a meeting held
            // are those it is between.
            let between = (source_head.is_none() && held_meeting(v, k).is_some())
                .then(|| {
                    v.kids(pass)
                        .find(|&c| v.ann.deprel[c] == "nmod" && has_case(v, c, "between"))
                })
                .flatten();
            match between {
                Some(b) => source_head = Some(b),
                None => target_heads.push(pass),
            }
        } else {
            source_head = v.kid(k, "nsubj");
            // What is discussed is a topic, not a party ("discussed Russia's war in Ukraine"):
            // the party is the one discussed with (codebook 2, `001:5`).
            let topic_object = self.codebook && TOPIC_LEMMAS.contains(&v.lemma(k).as_str());
            if let Some(o) = v.kid(k, "obj").or_else(|| v.kid(k, "iobj")) {
                if !topic_object {
                    target_heads.push(o);
                } else if let Some(with) = v
                    .kids(o)
                    .find(|&c| v.ann.deprel[c] == "nmod" && has_case(v, c, "with"))
                {
                    // "discussed trade with the Algerian prime minister", the phrase hung
                    // from the topic: the one discussed with.
                    target_heads.push(with);
                }
            }
        }
        // A passive with its own subject and no agent names no source: "since he was
        // detained" under "the Secretary has spoken with …" is not the Secretary's act.
        // "Niger expressed its readiness to cooperate": the one ready acts.
        // "adopted a resolution calling on Morocco …", "issued a statement condemning …":
        // what a text says, its adopter or issuer does (codebook stop 24).
        if source_head.is_none()
            && v.ann.deprel[k] == "acl"
            && let Some(n) = v.head(k)
            && (INTENT_NOUNS.contains(&v.lemma(n).as_str())
                || (self.codebook && speaking_text(v, k)))
            && v.ann.deprel[n] == "obj"
            && let Some(g) = v.head(n)
        {
            source_head = v.kid(g, "nsubj");
        }
        if source_head.is_none() && v.kid(k, "nsubj:pass").is_none() {
            // Controlled and coordinated verbs share their head's subject.
            let mut c = k;
            for _ in 0..3 {
                let Some(h) = v.head(c) else { break };
                if !matches!(v.ann.deprel[c], "xcomp" | "conj" | "advcl") {
                    break;
                }
                // A raised or controlled verb under a passive takes the passive's subject
                // ("Gollum was seen to break into…", "X was asked to leave").
                let passive_subject = (v.ann.deprel[c] == "xcomp")
                    .then(|| v.kid(h, "nsubj:pass"))
                    .flatten();
                // After a verb of directing, the object controls the verb ("ordered French
                // troops to leave": the troops leave, the government orders). ("Let me take",
                // "help Mauritania confront" name no act of their own.)
                let object = (v.ann.deprel[c] == "xcomp"
                    && DIRECTIVE_LEMMAS.contains(&v.lemma(h).as_str()))
                .then(|| v.kid(h, "obj").or_else(|| v.kid(h, "iobj")))
                .flatten()
                .filter(|&o| o < c);
                if let Some(s) = object.or_else(|| v.kid(h, "nsubj")).or(passive_subject) {
                    source_head = Some(s);
                    break;
                }
                c = h;
            }
        }
        if source_head.is_none() && passive.is_none() {
            // A subject the tagger took for a modifier ("Osgiliath welcomed…" with an unknown
            // name read as an adverb): the nearest actor before the verb among its own
            // dependents that is not a prepositional phrase.
            source_head = v
                .kids(k)
                .filter(|&c| c < k && v.kid(c, "case").is_none())
                .filter(|&c| matches!(v.ann.deprel[c], "advmod" | "dep" | "compound" | "nmod"))
                .filter(|&c| {
                    mentions
                        .iter()
                        .any(|m| m.span.start < v.spans[c].end && v.spans[c].start < m.span.end)
                })
                .last();
        }
        // An oblique the pattern names, or one with a target preposition: the target when
        // the object is not an actor ("recalled its ambassador to Morocco").
        let mut fallback_heads: Vec<usize> = Vec::new();
        // (In a passive too when its subject is no actor: "Sanctions were imposed on Russia by
        // the European Union".)
        if passive.is_none() || self.codebook {
            let obl = v
                .kids(k)
                .filter(|&c| v.ann.deprel[c] == "obl" || v.ann.deprel[c] == "obl:tmod")
                .filter(|&c| Some(c) != source_head)
                .find(|&c| preferred_prep.is_some_and(|p| has_case(v, c, p)))
                .or_else(|| {
                    v.kids(k).find(|&c| {
                        v.ann.deprel[c] == "obl"
                            && Some(c) != source_head
                            && TARGET_PREPOSITIONS.iter().any(|p| has_case(v, c, p))
                    })
                });
            if let Some(o) = obl {
                if target_heads.is_empty() {
                    target_heads.push(o);
                } else {
                    fallback_heads.push(o);
                }
            }
        }
        // A visit "here" is a visit to the dateline's country, not to the people it is for.
        if self.codebook
            && cameo.as_str() == "042"
            && let Some(here) = v.kids(k).find(|&c| {
                v.folded[c] == "here"
                    && mentions
                        .iter()
                        .any(|m| m.reason.rule == "dateline" && m.span == v.spans[c])
            })
        {
            target_heads.clear();
            target_heads.push(here);
            fallback_heads.clear();
        }
        // Sources: the pattern's `$` slot, else the subject and each of its conjuncts
        // ("Mordor, Rohan and Bree welcomed…").
        let context_source: Option<ActorMention>;
        let mut sources: Vec<&ActorMention> = Vec::new();
        let mut source_heads = Vec::new();
        match (slot_source, source_head) {
            (Some(m), _) => sources.push(m),
            (None, Some(h)) => {
                source_heads.push(h);
                source_heads.extend(conjuncts(v, h));
            }
            (None, None) => return,
        }
        let source_head = source_head.unwrap_or(k);
        // The parser sometimes gives a coordinated subject two `nsubj` heads.
        for n in v
            .kids(k)
            .filter(|&c| slot_source.is_none() && v.ann.deprel[c] == "nsubj" && c != source_head)
        {
            source_heads.push(n);
            source_heads.extend(conjuncts(v, n));
        }
        for &h in &source_heads {
            let mut tree = Vec::new();
            v.subtree(h, &|r| r == "conj" || clausal(r), &mut tree);
            if let Some(m) = pick_mention(v, h, &tree, mentions)
                && !sources.iter().any(|s| s.span == m.span)
            {
                // "The two leaders": every actor the phrase stands for.
                sources.extend(mentions.iter().filter(|o| o.span == m.span));
            }
        }
        // A subject that names a role but no country ("Security forces killed three
        // protesters in Conakry", "Police arrested …"): the role of the country where the act
        // took place, else of the latest country named before it (codebook 4).
        if sources.is_empty() && self.codebook && slot_source.is_none() {
            context_source = source_heads.first().and_then(|&h| {
                role_actor(&self.lexicon, v, h, |span| {
                    // (Protest, coercion and force happen where the text places them.)
                    let physical = cameo.root().parse::<u8>().is_ok_and(|r| r >= 14);
                    self.place_country(v, k, h, physical, mentions)
                        .map(|c| (c, "the place of the act"))
                        .or_else(|| {
                            v.context
                                .iter()
                                .rev()
                                .find(|(at, _)| *at < span.start)
                                .map(|(_, c)| (c.clone(), "the country in view"))
                        })
                        .or_else(|| v.dateline.map(|c| (c.to_string(), "the dateline")))
                })
            });
            sources.extend(context_source.as_ref());
        }
        if sources.is_empty() {
            return;
        }
        // The parser often misses the coordination of unknown names ("Fornost and Gondor"):
        // actors coordinated in the text join the role.
        let mut src_recode: Vec<Option<ActorCode>> = vec![None; sources.len()];
        for i in 0..sources.len() {
            // "…, and I look forward": a pronoun is not coordinated with the names before it.
            if sources[i].reason.rule == "voice" {
                continue;
            }
            for m in coordinated(v, sources[i], mentions) {
                if !sources.iter().any(|s| s.span == m.span) {
                    src_recode.push(distributed_code(v, sources[i], m));
                    sources.push(m);
                }
            }
        }
        let is_source = |m: &ActorMention| sources.iter().any(|s| s.span == m.span);
        // Targets: the pattern's `+` slot, else each conjunct of the target phrase.
        let context_target: Option<ActorMention>;
        let mut targets: Vec<&ActorMention> = Vec::new();
        if let Some(m) = slot_target
            && !is_source(m)
        {
            targets.push(m);
            target_heads.clear();
            fallback_heads.clear();
        }
        for (i, &t) in target_heads.iter().chain(&fallback_heads).enumerate() {
            if i >= target_heads.len() && !targets.is_empty() {
                break;
            }
            let mut heads = vec![t];
            heads.extend(conjuncts(v, t));
            for h in heads {
                let mut tree = Vec::new();
                v.subtree(h, &|r| r == "conj" || clausal(r), &mut tree);
                if let Some(m) = pick_mention(v, h, &tree, mentions)
                    && !is_source(m)
                    && !targets.iter().any(|t| t.span == m.span)
                {
                    targets.extend(mentions.iter().filter(|o| o.span == m.span));
                }
            }
        }
        // An argument that names a role but no country ("met with other senior government
        // officials", "trade union leaders"): the role of the country in view — the latest
        // other country named, else the source's own (codebook 4) — before any actor further
        // in the phrase ("meet with senior leaders … to discuss … support for Ukraine").
        if self.codebook
            && targets.is_empty()
            && let Some(&h) = target_heads.first().or(fallback_heads.first())
            && let Some(first) = sources.first()
        {
            context_target = context_actor(&self.lexicon, v, h, first);
            if let Some(m) = &context_target {
                targets.push(m);
            }
        }
        // No target among the object and obliques: the first actor in the predicate's phrase
        // after the verb, with its conjuncts, as PETRARCH takes the first actor of the verb
        // phrase ("restore ties with Gondor", "hopes that Osgiliath could…").
        if targets.is_empty()
            && passive.is_none()
            && !(self.codebook && TOPIC_LEMMAS.contains(&v.lemma(k).as_str()))
        {
            let mut after = Vec::new();
            v.subtree(k, &target_scope, &mut after);
            // A purpose clause belongs to the act ("signed an accord to supply Gondor").
            // So does whom it is for ("paused assistance programs benefiting the Government of
            // Niger").
            for c in v.kids(k).filter(|&c| {
                v.ann.deprel[c] == "advcl"
                    && (v.kid(c, "mark").is_some_and(|m| v.folded[m] == "to")
                        || (self.codebook && describing_participle(v, c)))
            }) {
                v.subtree(c, &target_scope, &mut after);
            }
            after.sort_unstable();
            let first = after
                .iter()
                .copied()
                .filter(|&j| {
                    j > last
                        && !in_place_phrase(v, j, k)
                        && !(self.codebook
                            && (under_locative(v, j, k)
                                || in_clause_of(v, j, k)
                                || among_foreigners(v, j, k)))
                })
                .find_map(|j| {
                    mentions
                        .iter()
                        .find(|m| {
                            m.span.start < v.spans[j].end
                                && v.spans[j].start < m.span.end
                                && !is_source(m)
                        })
                        .map(|m| (j, m))
                });
            if let Some((j, m)) = first {
                targets.extend(mentions.iter().filter(|o| o.span == m.span));
                // The head of the actor's phrase: climb from `j` while inside the mention.
                let mut h = j;
                while let Some(p) = v.head(h)
                    && p != k
                    && v.spans[p].start >= m.span.start
                    && v.spans[p].end <= m.span.end
                {
                    h = p;
                }
                for c in conjuncts(v, h) {
                    let mut tree = Vec::new();
                    v.subtree(c, &|r| r == "conj" || clausal(r), &mut tree);
                    if let Some(m) = pick_mention(v, c, &tree, mentions)
                        && !is_source(m)
                        && !targets.iter().any(|t| t.span == m.span)
                    {
                        targets.push(m);
                    }
                }
            }
        }
        // "appreciation for the strong relationship that the United States and Mauritania
        // share": a relation between the source's country and another is about that other.
        // (Any relation noun after the verb: the parser often misplaces such a phrase.)
        let mut relation_target = false;
        if self.codebook
            && targets.is_empty()
            && matches!(cameo.root(), "03" | "05")
            && !TOPIC_LEMMAS.contains(&v.lemma(k).as_str())
        {
            let own: Vec<Option<&str>> =
                sources.iter().map(|m| m.country_iso3.as_deref()).collect();
            for j in k + 1..v.folded.len() {
                if !RELATION_NOUNS.contains(&v.lemma(j).as_str()) {
                    continue;
                }
                let mut rel = Vec::new();
                v.subtree(j, &|_| false, &mut rel);
                let in_rel = |m: &ActorMention| rel.iter().any(|&x| m.span.overlaps(v.spans[x]));
                let partner = mentions.iter().find(|m| {
                    m.country_iso3.is_some()
                        && !own.contains(&m.country_iso3.as_deref())
                        && in_rel(m)
                });
                let names_own = mentions.iter().any(|m| {
                    own.contains(&m.country_iso3.as_deref()) && !is_source(m) && in_rel(m)
                });
                if let Some(p) = partner
                    && names_own
                {
                    targets.push(p);
                    relation_target = true;
                    break;
                }
            }
        }
        let mut tgt_recode: Vec<Option<ActorCode>> = vec![None; targets.len()];
        // (The partner of a relation stands alone: its coordinated actors are the parties.)
        for i in 0..if relation_target { 0 } else { targets.len() } {
            for m in coordinated(v, targets[i], mentions) {
                if !is_source(m) && !targets.iter().any(|t| t.span == m.span) {
                    tgt_recode.push(distributed_code(v, targets[i], m));
                    targets.push(m);
                }
            }
        }
        let recoded = |list: &[&ActorMention], codes: &[Option<ActorCode>]| -> Vec<ActorMention> {
            list.iter()
                .zip(codes)
                .map(|(m, c)| {
                    let mut m = (*m).clone();
                    if let Some(c) = c {
                        m.code = c.clone();
                    }
                    m
                })
                .collect()
        };
        let sources = recoded(&sources, &src_recode);
        let mut targets = recoded(&targets, &tgt_recode);
        // "Spain's foreign minister expressed Spain's support for …": the possessor of the
        // stance expressed is its holder, the source's own country, not whom it is toward.
        if self.codebook
            && let Some(p) = v.kid(k, "obj").and_then(|o| v.kid(o, "nmod:poss"))
        {
            targets.retain(|t| {
                !(t.span.overlaps(v.spans[p])
                    && sources
                        .iter()
                        .any(|s| s.country_iso3.is_some() && s.country_iso3 == t.country_iso3))
            });
        }
        // Criticism of an attack is criticism of the attackers (codebook 3.3): "condemned
        // Russia's attack on Ukraine", "denounced the Israeli strikes on Gaza" → the attacker;
        // "condemned the attack on the convoy" names none → no target (the victim is not it).
        if self.codebook
            && cameo.root() == "11"
            && let Some(o) = v.kid(k, "obj").or_else(|| {
                // (The parser may hang the object from an oblique before it: "condemns in the
                // strongest terms the attacks".)
                v.kids(k)
                    .filter(|&c| v.ann.deprel[c] == "obl")
                    .find_map(|c| v.kid(c, "obj"))
            })
            && let l = v.lemma(o)
            && (ATTACK_NOUNS.contains(&l.as_str()) || HOSTILE_ACT_NOUNS.contains(&l.as_str()))
        {
            let agent = attack_agent(v, k, o, mentions)
                .filter(|a| !sources.iter().any(|s| s.span == a.span));
            targets = agent.into_iter().cloned().collect();
        }
        // A visit's destination named by its capital is the country visited ("traveled to
        // Niamey": `NER`), not the government the capital stands for as an actor (codebook 4).
        if self.codebook && cameo.as_str() == "042" {
            for t in &mut targets {
                // (A place by the recogniser, or a dictionary name of a government that is no
                // person: "Algiers", "the White House".)
                let place = names_a_place(v, t.span)
                    || (t.reason.rule == "dictionary"
                        && t.name.is_none()
                        && t.sectors.len() == 1
                        && t.sectors[0] == "GOV");
                if t.code.as_str().len() > 3
                    && t.country_iso3.is_some()
                    && place
                    && let Ok(country) = ActorCode::new(t.code.head())
                {
                    t.code = country;
                    t.sectors.clear();
                }
            }
            // Travel within one's own country is no visit between actors ("the president
            // travelled to Oran", "Bamako's delegation returned to Mali").
            let before = targets.len();
            targets.retain(|t| {
                !(t.sectors.is_empty()
                    && t.country_iso3.is_some()
                    && sources.iter().all(|s| s.country_iso3 == t.country_iso3))
            });
            if before > 0 && targets.is_empty() {
                return;
            }
        }
        // "Chad hosted a meeting of Sahel defence ministers": hosting is of visitors, not of
        // one's own officials the text gives no country (a role given the source's country in
        // view, codebook 4).
        if self.codebook && cameo.as_str() == "043" {
            let before = targets.len();
            targets.retain(|t| {
                !(t.reason.rule == "role + country in view"
                    && sources.iter().all(|s| s.country_iso3 == t.country_iso3))
            });
            if before > 0 && targets.is_empty() {
                return;
            }
        }
        // Force used by a state's officials, forces or police on protesters and the opposition
        // is repression, not a military engagement (CAMEO 175, "actively repress collective
        // actions of dissent …: riot police used tear gas to disperse demonstrators").
        let repression = self.codebook
            && matches!(cameo.root(), "18" | "19")
            && !targets.is_empty()
            && sources.iter().all(|s| {
                s.sectors
                    .iter()
                    .any(|x| matches!(x.as_str(), "GOV" | "MIL" | "COP" | "SPY"))
            })
            && targets
                .iter()
                .all(|t| t.sectors.first().is_some_and(|x| x == "OPP"));
        let (cameo, rule) = match CameoCode::new("175").ok().filter(|_| repression) {
            Some(c) => (
                c,
                format!("{rule}; force on protesters is repression (codebook 5)"),
            ),
            None => (cameo, rule),
        };
        // (source, target, symmetric) triples.
        let mut pairs: Vec<(&ActorMention, Option<&ActorMention>, bool)> = Vec::new();
        let mutual = MUTUAL_LEMMAS.contains(&v.lemma(k).as_str())
            || matches!(cameo.root(), "03" | "04" | "05" | "06")
            || reciprocal(v, k);
        // "X and Y agreed to continue U.S.-French cooperation": targets that are the sources'
        // own countries name the parties again, not a third actor.
        // "They hailed the anniversary of the Joint Declaration among Morocco, Israel, and the
        // United States" (they: the U.S. and Moroccan officials): targets that name every
        // source's own country, and more, are the parties of something the sources share, not
        // whom the act is toward.
        let mut source_countries: Vec<&str> = sources
            .iter()
            .filter_map(|s| s.country_iso3.as_deref())
            .collect();
        source_countries.sort_unstable();
        source_countries.dedup();
        let shared = self.codebook
            && source_countries.len() >= 2
            && targets.len() > source_countries.len()
            && source_countries.iter().all(|c| {
                targets
                    .iter()
                    .any(|t| t.country_iso3.as_deref() == Some(*c))
            });
        if shared {
            targets.clear();
        }
        let own_targets = self.codebook
            && !targets.is_empty()
            && targets.iter().all(|t| {
                t.country_iso3.is_some() && sources.iter().any(|s| s.country_iso3 == t.country_iso3)
            });
        // (Mentions of one actor, a name and its apposition "Gen. X, chief of staff of the
        // Burkinabe armed forces", are one source, not two parties.)
        // Coordinated sources that resolve alike ("The President and President Essebsi" read
        // as one office) stay two parties, whose act on each other is then dropped.
        let coordinated = sources.windows(2).any(|w| {
            let (a, b) = if w[0].span.start <= w[1].span.start {
                (&w[0], &w[1])
            } else {
                (&w[1], &w[0])
            };
            v.text
                .get(a.span.end..b.span.start)
                .is_some_and(|between| between.split_whitespace().any(|t| t == "and"))
        });
        let several = coordinated || sources.iter().any(|b| b.code != sources[0].code);
        if (targets.is_empty() || own_targets) && several && mutual && !shared {
            // Coordinated subjects of a mutual act act on each other ("Gondor and Osgiliath
            // renewed ties"): one symmetric event per pair.
            // In the order of the text ("the Algerian and Tunisian presidents": Algeria first,
            // though the head noun is Tunisia's).
            for (i, a) in sources.iter().enumerate() {
                for b in sources[i + 1..].iter().filter(|b| b.code != a.code) {
                    // (One phrase for both, "the two countries": in the order of their codes.)
                    let (a, b) =
                        if (b.span.start, b.code.as_str()) < (a.span.start, a.code.as_str()) {
                            (b, a)
                        } else {
                            (a, b)
                        };
                    pairs.push((a, Some(b), true));
                }
            }
        } else {
            for s in &sources {
                if targets.is_empty() {
                    pairs.push((s, None, false));
                }
                for t in &targets {
                    // "We … us": the voice acting on itself is no event.
                    if s.reason.rule == "voice" && t.reason.rule == "voice" {
                        continue;
                    }
                    // "Rabat hosted … the Moroccan-Senegalese Joint Military Commission": of a
                    // hyphenated pair of countries, the source's own is not the target.
                    let t = match hyphen_partner(v.text, t, mentions) {
                        Some(m) if self.codebook && t.country_iso3 == s.country_iso3 => m,
                        _ => t,
                    };
                    // "offered the full support of the United States to the Tunisian
                    // investigation": a directed act whose target is the source's own country
                    // is toward the other country its phrase names, when it names one.
                    let t = match self.codebook && t.country_iso3 == s.country_iso3 {
                        true => other_country_after(v, k, s, mentions).unwrap_or(t),
                        false => t,
                    };
                    // "hailed the cooperation between the two countries": of a phrase that
                    // stands for several actors, the source's own country is not the target.
                    if t.country_iso3 == s.country_iso3
                        && targets.iter().any(|o| o.span == t.span && o.code != t.code)
                    {
                        continue;
                    }
                    // "hailed the strong relations between Dakar and Rabat": of several
                    // targets, the source's own state (its capital, its government) is a party
                    // named beside the other, not a target.
                    let state = |m: &ActorMention| m.sectors.iter().all(|x| x == "GOV");
                    if self.codebook
                        && t.country_iso3.is_some()
                        && t.country_iso3 == s.country_iso3
                        && state(t)
                        && state(s)
                        && targets
                            .iter()
                            .any(|o| o.country_iso3.is_some() && o.country_iso3 != s.country_iso3)
                    {
                        continue;
                    }
                    pairs.push((s, Some(t), false));
                }
            }
        }
        // A refusal, an intention or a threat is asserted: the refusing or intending happened
        // (an intention looked forward to or stood ready for too, codebook amendment 5),
        // unless it is itself negated or hypothetical.
        let modality = if stance.is_some() {
            Modality::Asserted
        } else if rule.contains(LOOKING_FORWARD) {
            match modality(v, k) {
                Modality::Future => Modality::Asserted,
                m => m,
            }
        } else {
            modality(v, k)
        };
        let trigger = Span {
            start: v.spans[k].start,
            end: v.spans[last].end,
        };
        let event = |source: &ActorMention, target: Option<&ActorMention>, symmetric, cameo| {
            self.new_event(
                sentence,
                trigger,
                source.clone(),
                target.cloned(),
                symmetric,
                cameo,
                modality,
                rule.clone(),
            )
        };
        for (source, target, symmetric) in pairs {
            // A mutual code (`[046:046]`): one act done together, one symmetric event.
            if self.codebook && codes.secondary == Some(cameo) && target.is_some() {
                found.push((k, event(source, target, true, cameo)));
                continue;
            }
            found.push((k, event(source, target, symmetric, cameo)));
            // A two-way code (`[032:033]`, visit ↔ host): the target does the second act to
            // the source.
            // Under the codebook a visit and its hosting are one act seen from two sides
            // ("X hosted Y" and "Y visited X" agree, section 3): one event, the reported one.
            let visit_host = matches!(
                (
                    cameo.as_str(),
                    codes.secondary.map(|c| c.as_str().to_string()).as_deref()
                ),
                ("042", Some("043")) | ("043", Some("042"))
            );
            if let (Some(second), Some(t)) = (codes.secondary, target)
                && !symmetric
                && !(self.codebook && visit_host)
            {
                found.push((k, event(t, Some(source), false, second)));
            }
        }
    }
}

/// Matches a pattern's words among the predicate's dependents, in surface order: words left of
/// `*` among the words before the verb, the rest after it; words joined by `_` on consecutive
/// words of the sentence. `verb` is the verb's first and last token. Returns the number of
/// words matched (the pattern's specificity), `None` when a word is missing. No allocation.
fn match_pattern(
    v: &View<'_>,
    p: &CompiledPattern,
    verb: (usize, usize),
    left: &[usize],
    right: &[usize],
) -> Option<PatternMatch> {
    let mut m = PatternMatch::default();
    let (l, r) = (p.verb_at.min(p.atoms.len()), p.atoms.len());
    let left_side = Side {
        atoms: &p.atoms[..l],
        glued: &p.glued[..l],
        words: left,
        // The last atom before a joined verb ends right before it.
        end_before: p.glued_to_verb.then_some(verb.0),
        verb: verb.0,
    };
    let right_side = Side {
        atoms: &p.atoms[l..r],
        glued: &p.glued[l..r],
        words: right,
        end_before: None,
        verb: verb.1,
    };
    (match_side(v, &left_side, 0, None, &mut m)
        && match_side(v, &right_side, 0, Some(verb.1), &mut m))
    .then_some(m)
}

/// One side of the verb in a pattern match: its atoms and the words they are looked for in.
struct Side<'a> {
    atoms: &'a [Atom],
    glued: &'a [bool],
    words: &'a [usize],
    /// The token the last matched word must stand right before, if any.
    end_before: Option<usize>,
    /// The verb's token on this side (its first on the left, its last on the right).
    verb: usize,
}

/// Matches `side.atoms` (from the first) in `side.words[pos..]`, backtracking over where each
/// atom is found; `prev` is the token where the previous element ended. Adds the words
/// matched to `m.score` and records slot positions.
fn match_side(
    v: &View<'_>,
    side: &Side<'_>,
    pos: usize,
    prev: Option<usize>,
    m: &mut PatternMatch,
) -> bool {
    let Some((atom, rest)) = side.atoms.split_first() else {
        return side
            .end_before
            .is_none_or(|t| prev.is_some_and(|p| p + 1 == t));
    };
    let glued = side.glued.first().copied().unwrap_or(false);
    let tail = Side {
        atoms: rest,
        glued: side.glued.get(1..).unwrap_or(&[]),
        words: side.words,
        end_before: side.end_before,
        verb: side.verb,
    };
    let phrases: &[Vec<String>] = match atom {
        Atom::Slot(is_source) => {
            // `$` / `+`: the role is the first actor from here on.
            let slot = side.words.get(pos..).unwrap_or(&[]).first().copied();
            if *is_source {
                m.source_from = slot;
            } else {
                m.target_from = slot;
            }
            return match_side(v, &tail, pos, prev, m);
        }
        Atom::Words(seq) => std::slice::from_ref(seq),
        Atom::Synset(phrases) => phrases,
    };
    let words = side.words;
    let on = |seq: &[String], at: usize| -> bool {
        seq.iter().enumerate().all(|(i, w)| {
            words
                .get(at + i)
                .is_some_and(|&j| (i == 0 || j == words[at + i - 1] + 1) && v.folded[j] == *w)
        })
    };
    for at in pos..words.len() {
        if glued && prev.is_none_or(|p| words[at] != p + 1) {
            continue;
        }
        for ph in phrases.iter().filter(|ph| !ph.is_empty()) {
            if on(ph, at) {
                m.score += ph.len();
                let far = m.far;
                m.far = far.max(words[at].abs_diff(side.verb));
                if match_side(v, &tail, at + ph.len(), Some(words[at + ph.len() - 1]), m) {
                    return true;
                }
                m.score -= ph.len();
                m.far = far;
            }
        }
    }
    false
}

/// A pattern matched among a predicate's dependents: how many words it matched, and where its
/// source (`$`) and target (`+`) slots start (a token index), when it names them.
#[derive(Debug, Default, Clone, Copy)]
struct PatternMatch {
    score: usize,
    /// How far from the verb the match reaches, in tokens: of two matches of one length, the
    /// nearer names what the verb acts on ("expressed its readiness to cooperate … in the
    /// fight against terrorism" is readiness, not a fight).
    far: usize,
    source_from: Option<usize>,
    target_from: Option<usize>,
}

/// A matchable element of a pattern.
#[derive(Debug)]
enum Atom {
    Words(Vec<String>),
    /// A synset's phrases (nested synsets resolved).
    Synset(Vec<Vec<String>>),
    /// `$` (true) or `+` (false): where the source or target stands.
    Slot(bool),
}

/// Whether a pattern's atoms (all before the verb) name who acts ("POLICE *", "&MILITARY *")
/// rather than the verb's auxiliaries or adverbs ("HAVE *", "WOULD NOT *", "RECENTLY_*").
fn names_the_subject(atoms: &[Atom]) -> bool {
    const FUNCTION: &[&str] = &[
        "have", "has", "had", "will", "would", "shall", "should", "can", "could", "may", "might",
        "must", "be", "is", "are", "was", "were", "been", "being", "not", "to", "did", "do",
        "does", "said", "recently", "also", "again", "already",
    ];
    !atoms.is_empty()
        && atoms.iter().all(|a| match a {
            Atom::Words(w) => !w.iter().any(|w| FUNCTION.contains(&w.as_str())),
            Atom::Synset(_) => true,
            Atom::Slot(_) => false,
        })
}

/// A pattern's elements flattened: atoms in order, which are joined to what precedes them,
/// where the verb stands and whether the atom before it is joined to it.
#[derive(Debug, Default)]
struct Flattened {
    atoms: Vec<Atom>,
    glued: Vec<bool>,
    verb_at: Option<usize>,
    glued_to_verb: bool,
    /// A `_` was read since the last element.
    join: bool,
    /// The last element can be joined to (a word, a synset or the verb; not a slot).
    joinable: bool,
}

fn flatten(
    els: &[PatternElement],
    synsets: &HashMap<&str, &Synset>,
    out: &mut Flattened,
    depth: usize,
) {
    for e in els {
        if matches!(e, PatternElement::Join) {
            out.join = true;
            continue;
        }
        let join = std::mem::take(&mut out.join) && out.joinable;
        let atom = match e {
            PatternElement::Verb if out.verb_at.is_none() => {
                out.verb_at = Some(out.atoms.len());
                out.glued_to_verb = join && !out.atoms.is_empty();
                out.joinable = true;
                continue;
            }
            PatternElement::Words(w) if !w.is_empty() => Atom::Words(w.clone()),
            PatternElement::Synset(s) => match synsets.get(s.as_str()) {
                Some(set) => Atom::Synset(synset_phrases(set, synsets, depth)),
                None => {
                    out.joinable = false;
                    continue;
                }
            },
            PatternElement::Group(_, inner) => {
                out.join = join;
                flatten(inner, synsets, out, depth);
                continue;
            }
            PatternElement::Source => Atom::Slot(true),
            PatternElement::Target => Atom::Slot(false),
            _ => {
                out.joinable = false;
                continue;
            }
        };
        out.joinable = !matches!(atom, Atom::Slot(_));
        out.glued.push(join && out.joinable);
        out.atoms.push(atom);
    }
}

/// A synset's phrases, members naming another synset (`+&TIETYPES`) replaced by its phrases.
fn synset_phrases(
    set: &Synset,
    synsets: &HashMap<&str, &Synset>,
    depth: usize,
) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for ph in &set.phrases {
        let inner = ph
            .first()
            .and_then(|w| w.strip_prefix('&'))
            .and_then(|name| synsets.get(name.to_uppercase().trim_end_matches('_')));
        match inner {
            Some(s) if depth < 4 => {
                for p in synset_phrases(s, synsets, depth + 1) {
                    let mut p = p;
                    p.extend(ph[1..].iter().cloned());
                    out.push(p);
                }
            }
            _ => out.push(ph.clone()),
        }
    }
    out
}

/// The leading words of a pattern's first parenthesised group after the verb, when it is the
/// first group (`with leaders` in `* (WITH LEADERS)`, `to leave` in `* (TO LEAVE)`).
fn first_paren_words(els: &[PatternElement]) -> Vec<String> {
    let mut after_verb = false;
    for e in els {
        match e {
            PatternElement::Verb => after_verb = true,
            PatternElement::Group(kind, inner) if after_verb => {
                if *kind != GroupKind::Paren {
                    return Vec::new();
                }
                return inner
                    .iter()
                    .map_while(|e| match e {
                        PatternElement::Words(w) => Some(w.clone()),
                        PatternElement::Join => Some(Vec::new()),
                        _ => None,
                    })
                    .flatten()
                    .collect();
            }
            _ => {}
        }
    }
    Vec::new()
}

/// The first word of a pattern's first bracketed group after the verb ("with" in
/// `* (WITH LEADERS)`): the preposition the pattern names.
fn first_group_word(els: &[PatternElement]) -> Option<&str> {
    let mut after_verb = false;
    for e in els {
        match e {
            PatternElement::Verb => after_verb = true,
            PatternElement::Group(_, inner) if after_verb => {
                if let Some(PatternElement::Words(w)) = inner.first() {
                    return w.first().map(String::as_str);
                }
            }
            _ => {}
        }
    }
    None
}

/// The conjuncts of a phrase: `conj` children of its head or of the head's `flat` and
/// `compound` parts ("Secretary Blinken and Minister Boukadoum": the parser may hang the
/// conjunct from "Blinken").
fn conjuncts(v: &View<'_>, head: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for c in v.kids(head) {
        match v.ann.deprel[c] {
            "conj" => out.push(c),
            "flat" | "compound" => out.extend(v.kids(c).filter(|&g| v.ann.deprel[g] == "conj")),
            _ => {}
        }
    }
    out
}

/// The code a country coordinated after a titled mention takes: the title distributes over
/// the countries ("Lawmakers in Fornost and Gondor" → `FORLEG`, `GONLEG`; "the ambassadors of
/// Arnor, Osgiliath and Gondor"). Only for a mention ending in a name (not "Morocco's minister
/// and Algeria") and a bare country joined after it.
fn distributed_code(v: &View<'_>, base: &ActorMention, joined: &ActorMention) -> Option<ActorCode> {
    let b = base.code.as_str();
    if b.len() <= 3 || joined.code.as_str().len() != 3 || joined.span.start < base.span.end {
        return None;
    }
    let last = (0..v.spans.len())
        .rev()
        .find(|&j| v.spans[j].end <= base.span.end)?;
    if v.ann.upos[last] != Upos::Propn {
        return None;
    }
    ActorCode::new(&format!("{}{}", joined.code.as_str(), &b[3..])).ok()
}

/// Mentions coordinated with `m` in the text: a chain of mentions separated only by commas,
/// `and`, `or`, articles and adjectives, with at least one comma or conjunction in each gap
/// ("Mordor, Rohan, Fornost and Bree"; "Fornost and the evil awful Gondor").
fn coordinated<'m>(
    v: &View<'_>,
    m: &ActorMention,
    mentions: &'m [ActorMention],
) -> Vec<&'m ActorMention> {
    let n = v.spans.len();
    let first_tok = |s: Span| (0..n).find(|&j| v.spans[j].start >= s.start);
    let last_tok = |s: Span| (0..n).rev().find(|&j| v.spans[j].end <= s.end);
    let starting_at = |j: usize| mentions.iter().find(|x| x.span.start == v.spans[j].start);
    let ending_at = |j: usize| mentions.iter().find(|x| x.span.end == v.spans[j].end);
    // Epithets may stand between ("the evil awful Gondor"); the tagger may read them as
    // nouns or adverbs.
    let gap_word = |j: usize| {
        matches!(
            v.folded[j].as_str(),
            "," | "and" | "or" | "the" | "a" | "an"
        ) || matches!(v.ann.upos[j], Upos::Adj | Upos::Adv | Upos::Noun)
    };
    let joins = |j: usize| matches!(v.folded[j].as_str(), "," | "and" | "or");
    let within = |s: Span, j: usize| s.start <= v.spans[j].start && v.spans[j].end <= s.end;
    // The word of a mention that the parse attaches outside it.
    let head_of =
        |s: Span| (0..n).find(|&j| within(s, j) && v.head(j).is_none_or(|h| !within(s, h)));
    // "…withdraw its troops from Mali, President Macron said": the subject of another verb
    // after a comma begins a new clause, not the next item of a list.
    let m_head = head_of(m.span).and_then(|h| v.head(h));
    let subject_elsewhere = |next: &ActorMention| {
        head_of(next.span).is_some_and(|h| {
            matches!(v.ann.deprel[h], "nsubj" | "nsubj:pass")
                && v.head(h).is_some_and(|g| g > h && Some(g) != m_head)
        })
    };
    // "In Senegal, Counselor Chollet will meet …": a phrase with a preposition before the
    // subject is fronted, not the first item of a list.
    let fronted = |prev: &ActorMention, cur: Span| {
        let subject = (0..n).any(|j| {
            within(cur, j)
                && matches!(v.ann.deprel[j], "nsubj" | "nsubj:pass")
                && v.head(j).is_some_and(|h| !within(cur, h))
        });
        subject && head_of(prev.span).is_some_and(|h| v.kid(h, "case").is_some())
    };
    let mut out = Vec::new();
    // Rightwards.
    let mut cur_span = m.span;
    while let Some(end) = last_tok(cur_span) {
        let mut j = end + 1;
        let mut joined = false;
        while j < n && gap_word(j) && starting_at(j).is_none() {
            joined |= joins(j);
            j += 1;
        }
        match (j < n).then(|| starting_at(j)).flatten() {
            Some(next) if joined && next.span != cur_span && !subject_elsewhere(next) => {
                out.push(next);
                cur_span = next.span;
            }
            _ => break,
        }
    }
    // Leftwards.
    let mut cur_span = m.span;
    while let Some(start) = first_tok(cur_span) {
        let mut j = start;
        let mut joined = false;
        while j > 0 && gap_word(j - 1) && ending_at(j - 1).is_none() {
            joined |= joins(j - 1);
            j -= 1;
        }
        match (j > 0).then(|| ending_at(j - 1)).flatten() {
            Some(prev) if joined && prev.span != cur_span && !fronted(prev, cur_span) => {
                out.push(prev);
                cur_span = prev.span;
            }
            _ => break,
        }
    }
    out
}

fn has_case(v: &View<'_>, k: usize, prep: &str) -> bool {
    v.kids(k)
        .any(|c| v.ann.deprel[c] == "case" && v.folded[c] == prep)
}

/// The mention for an argument: one overlapping its head word first, else the first inside
/// its phrase.
fn pick_mention<'m>(
    v: &View<'_>,
    head: usize,
    tree: &[usize],
    mentions: &'m [ActorMention],
) -> Option<&'m ActorMention> {
    let overlaps = |m: &ActorMention, s: Span| m.span.start < s.end && s.start < m.span.end;
    mentions
        .iter()
        .find(|m| overlaps(m, v.spans[head]))
        .or_else(|| {
            // "other friends of the Tunisian people" are not the Tunisian people (while
            // "elements of the presidential guard" are the guard).
            if RELATIONAL_NOUNS.contains(&v.lemma(head).as_str()) {
                return None;
            }
            // A place inside the phrase is not the actor ("the terrorist attacks in Burkina
            // Faso's capital": the attackers, not Burkina Faso).
            // Nor is an actor of a clause that modifies it ("urge the parties to engage with
            // the Personal Envoy": the parties, not the envoy; "accused migrants of bringing
            // crime to Tunisia": the migrants).
            // Nor is where foreigners are ("sub-Saharan migrants in Sfax": not Tunisia).
            mentions.iter().find(|m| {
                tree.iter().any(|&j| {
                    overlaps(m, v.spans[j])
                        && !under_locative(v, j, head)
                        && !among_foreigners(v, j, head)
                        && !in_clause_of(v, j, head)
                })
            })
        })
}

/// Sectors an actor named only by its role may take from the country in view: officials,
/// forces, unions, businesses — not rebels, terrorists or criminals, whose country the text
/// must name.
const CONTEXT_SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "LAB", "BUS", "LEG", "JUD", "OPP", "MED", "EDU", "ELI", "SPY",
];

/// The actor of the argument headed by `h` when it names a role without a country: that role
/// of the latest country named before it in the document other than `source`'s, else (a
/// report on one country's affairs, unless `source` is the statement's own voice) of
/// `source`'s country ("The president met with political
/// and trade union leaders" in a report on Tunisia → `TUNLAB`; "the commander met with Chief
/// of General Staff of the Armed Forces …" after Mauritanians were named → `MRTMIL`).
fn context_actor(
    lexicon: &Lexicon,
    v: &View<'_>,
    h: usize,
    source: &ActorMention,
) -> Option<ActorMention> {
    let own = source.country_iso3.as_deref();
    // A statement's own voice ("we call on the authorities to …") speaks of another country's
    // officials: without another country in view, the role has no country.
    let voiced = matches!(source.reason.rule, "voice" | "issuer");
    // A source that is itself a role of the country in view or of the place shares its
    // country with the roles it acts on ("security forces fired on demonstrators").
    let own_role = source.reason.rule == "role + country in view";
    role_actor(lexicon, v, h, |span| {
        if own_role {
            return own.map(|c| (c.to_string(), "the source's country"));
        }
        v.context
            .iter()
            .rev()
            .filter(|(at, _)| *at < span.start)
            .map(|(_, c)| c.as_str())
            .find(|&c| Some(c) != own)
            .or(own.filter(|_| !voiced))
            .map(|c| (c.to_string(), "the country in view"))
    })
}

/// The actor of the argument headed by `h` when it names a role without a country (see
/// [`context_actor`]), of the country `country` picks for the phrase's span (with the reason
/// it gives).
fn role_actor(
    lexicon: &Lexicon,
    v: &View<'_>,
    h: usize,
    country: impl FnOnce(Span) -> Option<(String, &'static str)>,
) -> Option<ActorMention> {
    // The phrase must name people or a body ("officials", "leaders", "Chief of General
    // Staff", "Government of National Unity"), not a thing a role word modifies ("a general
    // strike", "a military post").
    // An act or thing "of" a body stands for the body ("the establishment of the new interim
    // Government of National Unity").
    let names = |h: usize| GROUP_HEADS.contains(&v.lemma(h).as_str());
    // Governments, states, countries in the plural are several countries' ("urged governments
    // in the region"): no single country in view is theirs.
    if matches!(
        v.lemma(h).as_str(),
        "government" | "state" | "country" | "nation"
    ) && v.ann.xpos[h] == "NNS"
    {
        return None;
    }
    let h = if names(h) {
        h
    } else {
        v.kids(h)
            .find(|&c| v.ann.deprel[c] == "nmod" && has_case(v, c, "of"))
            .unwrap_or(h)
    };
    // A name under a title the dictionaries lack the holder of ("Prime Minister Hichem
    // Mechichi") names a person too: the title decides below.
    // (The head with its modifiers: "opposition supporters" is a role, "supporters" alone
    // is not.)
    let core = v
        .kids(h)
        .filter(|&c| c < h && matches!(v.ann.deprel[c], "compound" | "amod"))
        .min()
        .unwrap_or(h);
    // People "from several African nations" have a country the lexicon does not resolve.
    if v.kids(h)
        .any(|c| v.ann.deprel[c] == "nmod" && has_case(v, c, "from"))
    {
        return None;
    }
    let head_word = v.text.get(v.spans[h].start..v.spans[h].end)?.to_lowercase();
    let names_role = names(h)
        || lexicon
            .resolve_noun_phrase(v.text.get(v.spans[core].start..v.spans[h].end)?, v.date)
            .is_some_and(|r| {
                // (The role's own words end at the head: "a military post" is a thing.)
                r.reason
                    .entries
                    .iter()
                    .any(|(title, _)| title.to_lowercase().ends_with(&head_word))
            });
    if !names_role && v.ann.upos[h] != Upos::Propn {
        return None;
    }
    // The phrase without its clauses: "the parties to engage with the Personal Envoy" are
    // not the envoy.
    let mut tree = Vec::new();
    v.subtree(h, &|r: &str| clausal(r) || r == "acl", &mut tree);
    let span = phrase_span(v, &tree);
    let phrase = v.text.get(span.start..span.end)?;
    let found = lexicon.resolve_noun_phrase(phrase, v.date)?;
    if found.code.is_some() {
        return None;
    }
    // A name is a person's only after the title ("Prime Minister Hichem Mechichi"), not when
    // the title is the name's own last word ("the Transitional National Council").
    if !names_role {
        let name_at = v.spans[h].start - span.start;
        let title_before = found.reason.entries.first().is_some_and(|(title, _)| {
            phrase
                .find(title.as_str())
                .is_some_and(|i| i + title.len() <= name_at)
        });
        if !title_before {
            return None;
        }
    }
    let sector = found
        .sectors
        .first()
        .filter(|s| CONTEXT_SECTORS.contains(&s.as_str()))?;
    let (country, why) = country(span)?;
    let country = country.as_str();
    // "All political and military actors": coordinated role words name several sectors at
    // once, so the phrase stands for the country as a whole.
    let mixed = v.kids(h).any(|a| {
        v.ann.deprel[a] == "amod"
            && v.kids(a)
                .any(|c| v.ann.deprel[c] == "conj" && v.ann.upos[c] == Upos::Adj)
    });
    let (code, sectors) = if mixed {
        (ActorCode::new(country).ok()?, Vec::new())
    } else {
        (
            ActorCode::new(&format!("{country}{sector}")).ok()?,
            vec![sector.clone()],
        )
    };
    let mut entries = found.reason.entries;
    if mixed {
        entries.push(("several roles".to_string(), "coordinated".to_string()));
    }
    entries.push((country.to_string(), why.to_string()));
    Some(ActorMention {
        span,
        code,
        country_iso3: Some(country.to_string()),
        sectors,
        reason: dyad_lexicon::Reason {
            rule: "role + country in view",
            entries,
        },
        name: None,
    })
}

/// Heads of phrases that name people or a body: with a role word ("trade union leaders",
/// "senior government officials") they are an actor of the country in view.
const GROUP_HEADS: &[&str] = &[
    "leader",
    "official",
    "chief",
    "officer",
    "member",
    "representative",
    "personnel",
    "authority",
    "delegation",
    "commander",
    "staff",
    "force",
    "troop",
    "soldier",
    "government",
    "administration",
    "ministry",
    "minister",
    "union",
    "party",
    "counterpart",
    "diplomat",
    "envoy",
    "lawmaker",
    "legislator",
    "actor",
    "agency",
    "service",
    "unit",
    "people",
];

/// Verbs of feeling whose passive names the one who feels as subject and the cause after
/// "by" ("concerned by the arrests", "encouraged by the talks"): the feeler is the source.
const EXPERIENCER_LEMMAS: &[&str] = &[
    "concern",
    "alarm",
    "trouble",
    "disturb",
    "worry",
    "disappoint",
    "dismay",
    "sadden",
    "shock",
    "outrage",
    "appall",
    "horrify",
    "frustrate",
    "encourage",
    "hearten",
    "please",
    "gratify",
    "delight",
    "satisfy",
];

/// Words of a speaker's pleasure at being somewhere ("glad to be back in Algeria").
const PLEASURE_WORDS: &[&str] = &[
    "glad",
    "happy",
    "pleased",
    "delighted",
    "honored",
    "honoured",
    "thrilled",
    "proud",
    "excited",
];

/// Nouns of people without an actor code of their own: a clause modifying them tells what
/// they do ("migrants of bringing crime to Tunisia").
const PEOPLE_NOUNS: &[&str] = &[
    "side",
    "migrant",
    "refugee",
    "smuggler",
    "trafficker",
    "person",
    "individual",
    "civilian",
    "group",
    "faction",
    "protester",
    "demonstrator",
    "militant",
    "fighter",
    "stakeholder",
    "country",
    "nation",
];

/// Nouns of a relation between parties: "the relationship that the United States and
/// Mauritania share" is about the partner.
const RELATION_NOUNS: &[&str] = &[
    "relationship",
    "relation",
    "partnership",
    "tie",
    "cooperation",
    "friendship",
    "alliance",
];

/// Prepositions of place: a phrase they introduce says where, not who.
const LOCATIVE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "throughout",
    "around",
    "across",
    "within",
];

/// Acts whose agent is not the place they happen in ("the terrorist attacks in Burkina Faso's
/// capital" are the attackers', not Burkina Faso's; "developments in Niger" are Niger's).
const ATTACK_NOUNS: &[&str] = &[
    "attack",
    "bombing",
    "assault",
    "killing",
    "kidnapping",
    "explosion",
    "shooting",
    "ambush",
    "massacre",
    "abduction",
    "raid",
];

/// Places and property whose attack is an attack on their owners, though the text names none
/// ("attacked a ship in the Red Sea", "shelled a train station"), unlike things force is
/// only used on ("engaged targets", "fired a howitzer" in an exercise).
const PROPERTY_NOUNS: &[&str] = &[
    "village",
    "town",
    "city",
    "camp",
    "base",
    "outpost",
    "checkpoint",
    "convoy",
    "ship",
    "vessel",
    "tanker",
    "boat",
    "station",
    "hospital",
    "school",
    "mosque",
    "church",
    "market",
    "building",
    "port",
    "airport",
    "facility",
    "plant",
    "infrastructure",
    "position",
    "headquarters",
    "embassy",
    "consulate",
    "pipeline",
    "bridge",
    "refinery",
    "compound",
    "home",
    "house",
    "neighbourhood",
    "neighborhood",
];

/// Whether the verb `k` is parties deliberating together: a verb of reviewing or exchanging
/// ("explore", "review", "examine", "exchange", "assess", "take stock") with a matter as object
/// ("ways", "views", "the state of relations", "prospects") and several parties as subject
/// ("X and Y", "the two sides") or a partner ("with X").
fn deliberation(v: &View<'_>, k: usize) -> bool {
    if !matches!(
        v.lemma(k).as_str(),
        "explore" | "review" | "examine" | "exchange" | "assess" | "evaluate" | "take"
    ) {
        return false;
    }
    let Some(o) = v.kid(k, "obj") else {
        return false;
    };
    let matter = match v.lemma(k).as_str() {
        "take" => v.lemma(o) == "stock",
        _ => matches!(
            v.lemma(o).as_str(),
            "way"
                | "ways"
                | "view"
                | "views"
                | "state"
                | "prospect"
                | "prospects"
                | "opportunity"
                | "opportunities"
                | "possibility"
                | "possibilities"
                | "means"
                | "avenue"
                | "avenues"
                | "progress"
                | "status"
                | "idea"
                | "ideas"
        ),
    };
    if !matter {
        return false;
    }
    let partner = v
        .kids(k)
        .any(|c| v.ann.deprel[c] == "obl" && has_case(v, c, "with"));
    let several = v.kid(k, "nsubj").is_some_and(|n| {
        v.kid(n, "conj").is_some()
            || v.kids(n).any(|c| {
                v.ann.deprel[c] == "nummod" && matches!(v.folded[c].as_str(), "two" | "both")
            })
            || v.kids(n).any(|c| v.folded[c] == "both")
            // "the Moroccan and Spanish ministers"
            || v.kids(n)
                .any(|c| v.ann.deprel[c] == "amod" && v.kid(c, "conj").is_some())
    });
    partner || several
}

/// The code of a strike or demonstration the verb `k` reports: "went on strike", "staged a
/// strike", "held a general strike" (143; not an air or military strike), "launched a hunger
/// strike" (142), "staged mass demonstrations" (141).
fn on_strike(v: &View<'_>, k: usize) -> Option<&'static str> {
    let labour = |n: usize| {
        matches!(v.lemma(n).as_str(), "strike" | "walkout" | "boycott")
            && !v.kids(n).any(|c| {
                matches!(
                    v.lemma(c).as_str(),
                    "air" | "military" | "drone" | "missile" | "israeli" | "russian" | "u.s."
                ) || v.ann.upos[c] == Upos::Propn
            })
    };
    let hunger = |n: usize| v.kids(n).any(|c| v.lemma(c) == "hunger");
    let code = |n: usize| if hunger(n) { "142" } else { "143" };
    match v.lemma(k).as_str() {
        "go" => v
            .kids(k)
            .find(|&c| v.ann.deprel[c] == "obl" && has_case(v, c, "on") && labour(c))
            .map(code),
        // (A bare "strike" launched or held may be military; staged, it is labour's. A
        // walkout or boycott is labour's whatever the verb.)
        verb @ ("stage" | "hold" | "launch" | "begin" | "start" | "call" | "observe"
        | "continue" | "organize" | "organise") => {
            let o = v.kid(k, "obj")?;
            // "staged mass demonstrations", "held a sit-in": demonstrations (141).
            if PROTEST_NOUNS.contains(&v.lemma(o).as_str()) {
                return Some("141");
            }
            (labour(o)
                && (matches!(verb, "stage" | "continue")
                    || v.lemma(o) != "strike"
                    || v.kids(o).any(|c| {
                        matches!(
                            v.lemma(c).as_str(),
                            "general" | "hunger" | "nationwide" | "national" | "labour" | "labor"
                        )
                    })))
            .then(|| code(o))
        }
        _ => None,
    }
}

/// Nouns of demonstrations that are staged or held ("staged mass demonstrations").
const PROTEST_NOUNS: &[&str] = &[
    "demonstration",
    "demonstrations",
    "protest",
    "protests",
    "march",
    "marches",
    "sit-in",
    "sit-ins",
    "vigil",
];

/// Diplomats: expelling or withdrawing them reduces diplomatic relations (CAMEO 166's note:
/// "When diplomats are withdrawn or expelled, use 161").
const DIPLOMAT_NOUNS: &[&str] = &[
    "ambassador",
    "diplomat",
    "envoy",
    "consul",
    "attaché",
    "attache",
    "chargé",
    "charge",
    "embassy",
];

/// A reduction of relations named by the verb `k` and its object: (code, reason).
/// - suspending, freezing, severing or breaking off relations or ties → 161;
/// - suspending or breaking off talks or negotiations → 164;
/// - suspending a member (a country, or its membership or participation) → 161;
/// - expelling a diplomat, or ordering one to leave → 161 (not 174, for individuals).
fn reduced_relations(v: &View<'_>, k: usize) -> Option<(&'static str, &'static str)> {
    let lemma = v.lemma(k);
    let o = v.kid(k, "obj");
    let obj = o.map(|o| v.lemma(o)).unwrap_or_default();
    let off = v
        .kids(k)
        .any(|c| v.ann.deprel[c] == "compound:prt" && v.folded[c] == "off");
    let stopping = matches!(
        lemma.as_str(),
        "suspend" | "freeze" | "sever" | "cut" | "downgrade"
    ) || (matches!(lemma.as_str(), "break" | "call") && off)
        || lemma == "halt";
    if stopping && matches!(obj.as_str(), "relation" | "relations" | "tie" | "ties") {
        return Some(("161", "breaking relations reduces them (CAMEO 161)"));
    }
    if stopping && matches!(obj.as_str(), "talk" | "talks" | "negotiation" | "dialogue") {
        return Some(("164", "breaking off talks halts negotiations (CAMEO 164)"));
    }
    if lemma == "suspend"
        && let Some(o) = o
        && (v.ann.upos[o] == Upos::Propn
            || (matches!(obj.as_str(), "membership" | "participation")
                && v.kid(o, "nmod:poss").is_some()))
    {
        return Some((
            "161",
            "suspending a member reduces relations with it (CAMEO 161)",
        ));
    }
    let diplomat = |j: usize| DIPLOMAT_NOUNS.contains(&v.lemma(j).as_str());
    // (The lemmatiser gives "expell" for the participle "expelled".)
    if matches!(lemma.as_str(), "expel" | "expell" | "deport" | "oust")
        && o.or_else(|| v.kid(k, "nsubj:pass")).is_some_and(diplomat)
    {
        return Some((
            "161",
            "expelling diplomats reduces relations (CAMEO 166 note)",
        ));
    }
    // "ordered the French ambassador to leave the country", "gave the envoy 48 hours to leave".
    if matches!(lemma.as_str(), "order" | "ask" | "give" | "tell" | "demand")
        && o.is_some_and(diplomat)
        && v.kids(k)
            .any(|c| matches!(v.ann.deprel[c], "xcomp" | "advcl") && v.lemma(c) == "leave")
    {
        return Some((
            "161",
            "expelling diplomats reduces relations (CAMEO 166 note)",
        ));
    }
    None
}

/// Verbs whose object names an act the subject performs by them ("announced the expulsion
/// of", "ordered the suspension of").
const ENACTING_LEMMAS: &[&str] = &[
    "announce", "order", "decide", "declare", "decree", "confirm",
];

/// Nouns of acts that reduce relations, with their verbs (see [`announced_act`]).
const REDUCING_NOUNS: &[(&str, &str)] = &[
    ("expulsion", "expel"),
    ("deportation", "deport"),
    ("recall", "recall"),
    ("withdrawal", "withdraw"),
    ("suspension", "suspend"),
    ("severance", "sever"),
    ("severing", "sever"),
    ("rupture", "sever"),
    ("freezing", "freeze"),
    ("freeze", "freeze"),
    ("downgrading", "downgrade"),
    ("cutting", "cut"),
    ("halt", "halt"),
    ("end", "end"),
];

/// The code of an act an announcement or an order performs by naming it (CAMEO codes the act,
/// not the announcing): "announced the expulsion of the French ambassador" → 161,
/// "the suspension of diplomatic relations" → 161, "of talks" → 164, "of aid" → 162,
/// "the expulsion of foreign journalists" → 174.
fn announced_act(v: &View<'_>, k: usize) -> Option<(&'static str, &'static str)> {
    if !ENACTING_LEMMAS.contains(&v.lemma(k).as_str()) {
        return None;
    }
    let n = v.kid(k, "obj")?;
    let noun = v.lemma(n);
    let &(_, verb) = REDUCING_NOUNS.iter().find(|(w, _)| *w == noun)?;
    let o = v
        .kids(n)
        .find(|&c| v.ann.deprel[c] == "nmod" && has_case(v, c, "of"))?;
    let what = v.lemma(o);
    let diplomat = DIPLOMAT_NOUNS.contains(&what.as_str());
    match verb {
        "expel" | "deport" | "recall" | "withdraw" if diplomat => Some((
            "161",
            "an announced expulsion or recall of diplomats reduces relations (CAMEO 166 note)",
        )),
        "expel" | "deport" => Some(("174", "an announced expulsion (CAMEO 174)")),
        "recall" | "withdraw" => None,
        _ if matches!(what.as_str(), "relation" | "relations" | "tie" | "ties") => Some((
            "161",
            "an announced break of relations reduces them (CAMEO 161)",
        )),
        _ if matches!(what.as_str(), "talk" | "talks" | "negotiation" | "dialogue") => Some((
            "164",
            "an announced halt of talks halts negotiations (CAMEO 164)",
        )),
        _ if matches!(
            what.as_str(),
            "aid" | "assistance" | "funding" | "grant" | "cooperation"
        ) =>
        {
            Some(("162", "an announced halt of aid reduces it (codebook 5)"))
        }
        _ => None,
    }
}

/// Hostile acts named by a noun beside [`ATTACK_NOUNS`], whose actor is the one a comment on
/// them is about ("Russia's invasion", "the Israeli strikes", "the attack by the rebels").
const HOSTILE_ACT_NOUNS: &[&str] = &[
    "aggression",
    "invasion",
    "incursion",
    "strike",
    "airstrike",
    "shelling",
    "bombardment",
    "offensive",
    "occupation",
    "annexation",
    "coup",
    "test",
    "launch",
    "violence",
    "crackdown",
    "repression",
];

/// The actor of the hostile act `o` (object of `k`): its possessor ("Russia's attack"), its
/// agent ("the attack by Russia", also hung from the verb), or a modifier naming an actor
/// ("the Israeli strikes") — never its victim ("on Ukraine", "against Gaza", "of Ukraine").
fn attack_agent<'m>(
    v: &View<'_>,
    k: usize,
    o: usize,
    mentions: &'m [ActorMention],
) -> Option<&'m ActorMention> {
    let overlapping = |j: usize| {
        let s = v.spans[j];
        mentions
            .iter()
            .find(|m| m.span.start < s.end && s.start < m.span.end)
    };
    let in_phrase = |h: usize| {
        let mut tree = Vec::new();
        v.subtree(h, &|r| r == "conj" || clausal(r), &mut tree);
        tree.sort_unstable();
        tree.into_iter().find_map(overlapping)
    };
    if let Some(p) = v.kid(o, "nmod:poss") {
        return in_phrase(p);
    }
    let by = |h: usize| {
        v.kids(h).find(|&c| {
            matches!(v.ann.deprel[c], "nmod" | "obl" | "obl:agent") && has_case(v, c, "by")
        })
    };
    if let Some(b) = by(o).or_else(|| by(k)) {
        return in_phrase(b);
    }
    v.kids(o)
        .filter(|&c| c < o && matches!(v.ann.deprel[c], "amod" | "compound"))
        .find_map(overlapping)
}

/// Whether the word `j` lies in a locative modifier of an attack ("the attacks in
/// Ouagadougou") on its way up to `head`.
fn under_locative(v: &View<'_>, j: usize, head: usize) -> bool {
    locative_of(v, j, head, |l| ATTACK_NOUNS.contains(&l))
}

/// Whether word `j` lies in a place phrase of foreigners on its way up to `head` ("migrants *in
/// Sfax*", "refugees in Chad"): where they are is not their country.
fn among_foreigners(v: &View<'_>, j: usize, head: usize) -> bool {
    locative_of(v, j, head, |l| {
        matches!(
            l,
            "migrant" | "refugee" | "foreigner" | "tourist" | "expatriate"
        )
    })
}

/// Whether word `j` lies, on its way up to `head`, in a locative modifier of a word whose
/// lemma `parent` accepts.
fn locative_of(v: &View<'_>, j: usize, head: usize, parent: impl Fn(&str) -> bool) -> bool {
    let mut c = j;
    for _ in 0..12 {
        if c == head {
            return false;
        }
        let Some(h) = v.head(c) else { return false };
        if matches!(v.ann.deprel[c], "nmod" | "obl")
            && parent(v.lemma(h).as_str())
            && v.kids(c).any(|x| {
                v.ann.deprel[x] == "case" && LOCATIVE_PREPOSITIONS.contains(&v.folded[x].as_str())
            })
        {
            return true;
        }
        c = h;
    }
    false
}

/// Whether word `j` lies in a place phrase on its way up to `head` ("talks between Algeria and
/// Tunisia *in Paris*": where the parties met, not a party).
fn placed_under(v: &View<'_>, j: usize, head: usize) -> bool {
    let mut c = j;
    for _ in 0..12 {
        if c == head {
            return false;
        }
        if v.kids(c).any(|x| {
            v.ann.deprel[x] == "case" && LOCATIVE_PREPOSITIONS.contains(&v.folded[x].as_str())
        }) {
            return true;
        }
        let Some(h) = v.head(c) else { return false };
        c = h;
    }
    false
}

/// Whether word `j` is inside a clause modifying a noun of people on its way up to `head`
/// ("the parties *to engage with the envoy*", "migrants *of bringing crime to Tunisia*"): the
/// people are the actor, not those the clause names; so is a noun's possessor ("*its* desire
/// to attract U.S. businesses"). Clauses of other nouns can name the
/// actor ("rejected an invitation to attend a meeting of Palestinian factions"), and so can the
/// agent of the act a clause tells ("steps taken *by ECOWAS*", "steps *ECOWAS* took").
fn in_clause_of(v: &View<'_>, j: usize, head: usize) -> bool {
    let mut c = j;
    let mut below: Option<usize> = None;
    for _ in 0..12 {
        if c == head {
            return false;
        }
        if matches!(v.ann.deprel[c], "acl" | "acl:relcl") {
            let agent = below.is_some_and(|b| matches!(v.ann.deprel[b], "obl:agent" | "nsubj"));
            // …or a noun with a possessor, who is its actor ("its desire to attract U.S.
            // businesses").
            let of_people = v.head(c).is_some_and(|n| {
                let l = v.lemma(n);
                GROUP_HEADS.contains(&l.as_str())
                    || PEOPLE_NOUNS.contains(&l.as_str())
                    || v.kid(n, "nmod:poss").is_some()
            });
            return of_people && !agent;
        }
        let Some(h) = v.head(c) else { return false };
        below = Some(c);
        c = h;
    }
    false
}

fn phrase_span(v: &View<'_>, tree: &[usize]) -> Span {
    let start = tree.iter().map(|&j| v.spans[j].start).min().unwrap_or(0);
    let end = tree.iter().map(|&j| v.spans[j].end).max().unwrap_or(0);
    Span { start, end }
}

/// The country a dateline (`text[start..end]`) names, as a bare country actor whose reason is
/// the dateline: "NOUAKCHOTT, MAURITANIA (Feb. 2, 2015) –" → `MRT`.
fn dateline_country(
    lexicon: &Lexicon,
    text: &str,
    start: usize,
    end: usize,
    date: DictDate,
) -> Option<ActorMention> {
    let line = text.get(start..end)?;
    let m = lexicon
        .actor_mentions(line, date)
        .into_iter()
        .rev()
        .find(|m| m.country_iso3.is_some())?;
    let iso3 = m.country_iso3.clone()?;
    let code = dyad_lexicon::ActorCode::new(&iso3).ok()?;
    Some(ActorMention {
        span: Span::new(start + m.span.start, start + m.span.end),
        code,
        country_iso3: Some(iso3),
        sectors: Vec::new(),
        reason: dyad_lexicon::Reason {
            rule: "dateline",
            entries: vec![(
                line.trim().to_string(),
                "the dateline: \"here\"".to_string(),
            )],
        },
        name: None,
    })
}

/// For each token of `range` (at most one more than [`DATELINE_MAX_TOKENS`]), whether it touches
/// both the token before and the token after it (no space either side: the hyphen of "TAN-TAN").
pub(crate) fn tight_tokens(tokens: &dyad_text::Tokens, range: std::ops::Range<usize>) -> Vec<bool> {
    let all = tokens.as_slice();
    range
        .take(DATELINE_MAX_TOKENS + 1)
        .map(|i| {
            i > 0
                && i + 1 < all.len()
                && all[i - 1].span.end == all[i].span.start
                && all[i].span.end == all[i + 1].span.start
        })
        .collect()
}

/// The most tokens a dateline may have before its dash.
const DATELINE_MAX_TOKENS: usize = 16;

/// The number of tokens of a dateline opening a sentence ("CAIRO -", "STUTTGART, Germany -",
/// "NOUAKCHOTT, MAURITANIA (Feb. 2, 2015) –"), dash included; 0 when there is none. A dateline
/// opens with a place in capitals, holds only capitalised words, numbers, punctuation and a
/// parenthesised date or agency, and ends with a dash. `tight[i]` says that word `i` touches
/// both its neighbours: such a hyphen joins a name ("TAN-TAN, Morocco -") and ends nothing.
pub(crate) fn dateline_len(words: &[&str], tight: &[bool]) -> usize {
    let shouted = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
    };
    if !words.first().is_some_and(|w| shouted(w)) {
        return 0;
    }
    let mut depth = 0usize;
    for (i, w) in words.iter().enumerate().take(DATELINE_MAX_TOKENS) {
        match *w {
            "-" if tight.get(i).copied().unwrap_or(false) => {}
            "-" | "--" | "\u{2013}" | "\u{2014}" if depth == 0 && i > 0 => {
                // The sentence proper starts with a capital, a number or a quotation mark.
                let opens = words
                    .get(i + 1)
                    .and_then(|w| w.chars().next())
                    .is_some_and(|c| {
                        c.is_uppercase()
                            || c.is_ascii_digit()
                            || matches!(c, '"' | '\u{201C}' | '\'')
                    });
                return if opens { i + 1 } else { 0 };
            }
            "(" => depth += 1,
            ")" => depth = depth.saturating_sub(1),
            "," | "." | "/" => {}
            _ => {
                let first = w.chars().next().unwrap_or(' ');
                let ok = first.is_uppercase()
                    || first.is_ascii_digit()
                    || (depth > 0 && first.is_alphabetic());
                if !ok {
                    return 0;
                }
            }
        }
    }
    0
}

/// Modality from the predicate's dependents (and, for a controlled verb, its head's).
fn modality(v: &View<'_>, k: usize) -> Modality {
    let mut negated = false;
    let mut future = false;
    let mut hypothetical = false;
    // "said he would travel to Niamey": in a clause reported after a past verb of saying,
    // "would" is the reported "will" (unless a condition goes with it).
    let reported = |p: usize| {
        v.ann.deprel[p] == "ccomp"
            && v.head(p).is_some_and(|h| {
                SAY_LEMMAS.contains(&v.lemma(h).as_str()) && v.ann.xpos[h] == "VBD"
            })
            && !v.kids(p).any(|c| {
                v.ann.deprel[c] == "advcl"
                    && v.kid(c, "mark")
                        .is_some_and(|m| matches!(v.folded[m].as_str(), "if" | "unless"))
            })
    };
    let mut look = |p: usize| {
        for c in v.kids(p) {
            let w = v.folded[c].as_str();
            match v.ann.deprel[c] {
                "advmod" | "neg" if matches!(w, "not" | "n't" | "never") => negated = true,
                "aux" if matches!(w, "will" | "shall" | "'ll" | "wo") => future = true,
                "aux" if matches!(w, "would" | "'d") && reported(p) => future = true,
                // "must resume negotiations", "should release": an obligation, not an act.
                "aux"
                    if matches!(w, "would" | "could" | "might" | "may" | "'d")
                        || OBLIGATION_AUX.contains(&w) =>
                {
                    hypothetical = true
                }
                "mark" if w == "if" => hypothetical = true,
                _ => {}
            }
        }
    };
    look(k);
    // A verb coordinated with another shares its auxiliaries when it has neither subject nor
    // auxiliary of its own ("She will have a working lunch … and meet with other officials").
    if v.ann.deprel[k] == "conj"
        && let Some(h) = v.head(k)
        && matches!(v.ann.upos[h], Upos::Verb | Upos::Aux)
        && !v.kids(k).any(|c| {
            matches!(
                v.ann.deprel[c],
                "nsubj" | "nsubj:pass" | "expl" | "aux" | "aux:pass"
            )
        })
    {
        look(h);
    }
    // An act in an infinitive under a future or conditional clause shares its modality ("will
    // continue our work to bolster their capacity to fight ISIS"); "I would like to thank" thanks.
    let mut c = k;
    for _ in 0..if performative(v, k) { 0 } else { 4 } {
        let infinitive = v.kid(c, "mark").is_some_and(|m| v.folded[m] == "to");
        if !(infinitive && matches!(v.ann.deprel[c], "xcomp" | "advcl" | "acl"))
            && v.ann.deprel[c] != "xcomp"
        {
            break;
        }
        let Some(h) = v.head(c) else { break };
        look(h);
        c = h;
        if v.ann.upos[c] != Upos::Verb {
            // through a noun ("our work to bolster"): its verb.
            if let Some(g) = v.head(c) {
                look(g);
                c = g;
            }
        }
    }
    if v.ann.deprel[k] == "xcomp"
        && !performative(v, k)
        && let Some(h) = v.head(k)
    {
        look(h);
        if v.kid(k, "mark").is_some_and(|m| v.folded[m] == "to")
            && INTENT_LEMMAS.contains(&v.lemma(h).as_str())
        {
            future = true;
        }
        // What one is ordered or urged to do has not been done: the directing is the event.
        if v.kid(k, "mark").is_some_and(|m| v.folded[m] == "to")
            && DIRECTIVE_LEMMAS.contains(&v.lemma(h).as_str())
        {
            hypothetical = true;
        }
    }
    if negated {
        Modality::Negated
    } else if hypothetical {
        Modality::Hypothetical
    } else if future {
        Modality::Future
    } else {
        Modality::Asserted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_appeal_is_coded_by_what_it_asks_for() {
        let code = |c: &str| appeal_code(CameoCode::new(c).unwrap()).as_str().to_string();
        for (act, appeal) in [
            ("040", "026"),
            ("045", "028"),
            ("051", "022"),
            ("062", "0212"),
            ("073", "0233"),
            ("0833", "0243"),
            ("0841", "0253"),
            ("085", "0254"),
            ("0871", "0256"),
            ("0874", "0256"),
            ("190", "020"),
        ] {
            assert_eq!(code(act), appeal, "{act}");
        }
    }

    #[test]
    fn a_demand_is_coded_by_what_it_demands() {
        let code = |c: &str| demand_code(CameoCode::new(c).unwrap()).as_str().to_string();
        for (act, demand) in [
            ("040", "108"),
            ("051", "102"),
            ("057", "100"),
            ("062", "1012"),
            ("060", "100"),
            ("073", "1033"),
            ("070", "103"),
            ("0841", "1053"),
            ("085", "1054"),
            ("0871", "107"),
            ("0874", "106"),
            ("190", "100"),
        ] {
            assert_eq!(code(act), demand, "{act}");
        }
    }

    #[test]
    fn coder_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Coder>();
    }
}

#[cfg(test)]
mod dateline_tests {
    use super::dateline_len;

    #[test]
    fn datelines_are_measured_and_ordinary_openings_are_not() {
        let w = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<String>>();
        let len = |s: &str| {
            let words = w(s);
            dateline_len(
                &words.iter().map(String::as_str).collect::<Vec<_>>(),
                &vec![false; words.len()],
            )
        };
        assert_eq!(
            len("CAIRO - Tunisia 's Islamist al Nahda Party is calling"),
            2
        );
        assert_eq!(
            len("STUTTGART , Germany - U.S. Marine Corps Gen. Michael Langley"),
            4
        );
        assert_eq!(
            len("NOUAKCHOTT , MAURITANIA ( Feb. 2 , 2015 ) \u{2013} U.S. Army Gen. David"),
            10
        );
        assert_eq!(len("RABAT , May 24 ( Reuters ) - Morocco said"), 8);
        assert_eq!(
            len("NATO - the alliance - met"),
            0,
            "lower case after the dash"
        );
        assert_eq!(len("The ministers met - and agreed"), 0);
        assert_eq!(len("WASHINGTON said it would - perhaps - help"), 0);
        assert_eq!(len("CAIRO -"), 0, "nothing after the dash");
        let hyphened = ["TAN", "-", "TAN", ",", "Morocco", "-", "Soldiers", "fired"];
        let mut tight = vec![false; hyphened.len()];
        tight[1] = true;
        assert_eq!(
            dateline_len(&hyphened, &tight),
            6,
            "a hyphen inside the place name"
        );
    }
}

#[cfg(test)]
mod lead_tests {
    use super::lead_paragraph_end;
    use dyad_text::Segmenter;

    #[test]
    fn lead_paragraph_skips_introducing_line() {
        let text = "The below is attributable to the Spokesperson:\n\nBlinken met Bourita. \
                    They talked.\n\nLater, more.";
        let seg = Segmenter::new().segment(text);
        let end = lead_paragraph_end(text, &seg.sentences);
        assert_eq!(
            &text[..end],
            "The below is attributable to the Spokesperson:\n\nBlinken met Bourita. They talked."
        );
    }

    #[test]
    fn no_body_means_no_lead() {
        assert_eq!(lead_paragraph_end("", &[]), 0);
    }
}

#[cfg(test)]
mod pattern_tests {
    use super::*;
    use dyad_lexicon::verbs::parse_verbs;

    fn coder(verbs: &str) -> Coder {
        let verbs = parse_verbs(verbs).strict().expect("test dictionary");
        Coder::builder()
            .verbs_owned(verbs)
            .dating(false)
            .placing(false)
            .build()
            .expect("coder")
    }

    fn coded(coder: &Coder, text: &str) -> Vec<String> {
        let date = DictDate::parse("20230301").expect("date");
        coder
            .code_text(text, date)
            .iter()
            .map(|e| {
                let target = e.target.as_ref().map_or("-", |t| t.code.as_str());
                format!("{} {} {}", e.source.code, target, e.cameo)
            })
            .collect()
    }

    #[test]
    fn joined_pattern_words_must_be_consecutive() {
        let c = coder("--- RECALL [161] ---\nRECALL\n- ABRUPTLY_* [162]\n");
        assert_eq!(
            coded(&c, "Algeria abruptly recalled its ambassador to Morocco."),
            ["DZA MAR 162"]
        );
        // "abruptly" does not stand right before the verb: the pattern does not apply.
        assert_eq!(
            coded(&c, "Abruptly, Algeria recalled its ambassador to Morocco."),
            ["DZA MAR 161"]
        );
    }

    #[test]
    fn a_verb_listed_in_two_blocks_uses_the_patterns_of_both() {
        let c = coder(
            "--- ACCUSE [112] ---\nACCUSE\n\n--- ACCUSE OF ATTACKS [---] ---\nACCUSE\n\
             - * OF ATTACKS [1125]\n",
        );
        assert_eq!(
            coded(
                &c,
                "Morocco accused Algeria of attacks on its border posts."
            ),
            ["MAR DZA 1125"]
        );
        // No pattern applies: the first listing gives the code.
        assert_eq!(coded(&c, "Morocco accused Algeria."), ["MAR DZA 112"]);
    }
}
