//! The coder: predicates, verb patterns matched among a predicate's dependents, roles from the
//! dependency parse, actors from the lexicon, and one [`Event`] per coded predicate.

use std::collections::HashMap;
use std::fmt;

use dyad_lexicon::resolve::DocumentResolver;
use dyad_lexicon::verbs::{PatternElement, Synset, VerbDictionary, VerbPattern, default_verbs};
use dyad_lexicon::{ActorCode, ActorMention, CameoCode, DictDate, Lexicon, TokenRef};
use dyad_nlp::{Annotated, Pipeline, Upos};
use dyad_text::{Segmented, Segmenter, Span};

use crate::cameo::CameoTable;
use crate::error::Result;

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
}

/// One report of an event in its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// The sentence.
    pub sentence: SentenceRef,
    /// The predicate's span.
    pub trigger: Span,
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

/// Builds a [`Coder`].
#[derive(Debug, Default)]
pub struct CoderBuilder {
    pipeline: Option<Pipeline>,
    lexicon: Option<&'static Lexicon>,
    verbs: Option<&'static VerbDictionary>,
}

impl CoderBuilder {
    /// Uses this NLP pipeline instead of the shipped model.
    pub fn pipeline(mut self, pipeline: Pipeline) -> Self {
        self.pipeline = Some(pipeline);
        self
    }

    /// Uses this lexicon instead of the default one.
    pub fn lexicon(mut self, lexicon: &'static Lexicon) -> Self {
        self.lexicon = Some(lexicon);
        self
    }

    /// Uses this verb dictionary instead of the default one.
    pub fn verbs(mut self, verbs: &'static VerbDictionary) -> Self {
        self.verbs = Some(verbs);
        self
    }

    /// Builds the coder: loads what was not given and indexes the verb forms.
    ///
    /// # Errors
    /// [`crate::Error::Nlp`] if the shipped model cannot be loaded.
    pub fn build(self) -> Result<Coder> {
        let pipeline = match self.pipeline {
            Some(p) => p,
            None => Pipeline::load_default()?,
        };
        let verbs = self.verbs.unwrap_or_else(default_verbs);
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
        let synsets: HashMap<&str, &'static Synset> =
            verbs.synsets.iter().map(|s| (s.name.as_str(), s)).collect();
        let patterns = verbs
            .blocks
            .iter()
            .map(|b| {
                b.patterns
                    .iter()
                    .map(|p| {
                        let mut atoms = Vec::new();
                        let mut verb_at = None;
                        flatten(&p.elements, &synsets, &mut atoms, &mut verb_at);
                        CompiledPattern {
                            pattern: p,
                            atoms,
                            verb_at: verb_at.unwrap_or(0),
                            preposition: first_group_word(&p.elements),
                        }
                    })
                    .collect()
            })
            .collect();
        Ok(Coder {
            patterns,
            pipeline,
            lexicon: self.lexicon.unwrap_or_else(Lexicon::default_lexicon),
            verbs,
            table: CameoTable::default_table(),
            index,
            segmenter: Segmenter::new(),
        })
    }
}

/// The event coder. Built once ([`Coder::builder`]), immutable, shared across threads.
#[derive(Debug)]
pub struct Coder {
    pipeline: Pipeline,
    lexicon: &'static Lexicon,
    verbs: &'static VerbDictionary,
    table: &'static CameoTable,
    index: HashMap<String, Vec<VerbForm>>,
    /// The patterns of each block, flattened once (aligned with `VerbBlock::patterns`).
    patterns: Vec<Vec<CompiledPattern>>,
    segmenter: Segmenter,
}

/// A pattern flattened for matching: its words and synsets in order, where the verb stands,
/// and the preposition it names.
#[derive(Debug)]
struct CompiledPattern {
    pattern: &'static VerbPattern,
    atoms: Vec<Atom>,
    verb_at: usize,
    preposition: Option<&'static str>,
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
}

/// One parsed sentence as the coder sees it.
struct View<'a> {
    folded: &'a [String],
    spans: &'a [Span],
    ann: &'a Annotated,
    kids: &'a [Vec<u32>],
}

impl View<'_> {
    fn head(&self, k: usize) -> Option<usize> {
        let h = self.ann.head[k] as usize;
        (h > 0).then(|| h - 1)
    }

    fn kids(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
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
    fn subtree(&self, k: usize, skip: &dyn Fn(&str) -> bool, out: &mut Vec<usize>) {
        out.push(k);
        for c in self.kids(k) {
            if !skip(self.ann.deprel[c]) {
                self.subtree(c, skip, out);
            }
        }
    }

    fn lemma(&self, k: usize) -> String {
        self.ann.lemma[k].to_lowercase()
    }
}

/// Where the lead paragraph ends: the paragraph (text up to a blank line) holding the first
/// body sentence. Events reported there are the document's root events (GDELT's
/// `IsRootEvent`); headings, captions and an introducing line ("The below is attributable to
/// …:") before it do not count.
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

    /// The CAMEO table the coder uses.
    pub fn table(&self) -> &CameoTable {
        self.table
    }

    /// The lexicon the coder resolves actors with.
    pub fn lexicon(&self) -> &'static Lexicon {
        self.lexicon
    }

    /// The tagger, parser and recogniser the coder uses.
    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// The sentence splitter the coder uses.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
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
        let mut events = Vec::new();
        self.segmenter.segment_into(text, lang, &mut buf.seg);
        let mut resolver = DocumentResolver::new(self.lexicon, date);
        let mut refs: Vec<TokenRef<'_>> = Vec::new();
        for s in &buf.seg.sentences {
            refs.clear();
            refs.extend(s.tokens.clone().map(|i| TokenRef {
                span: buf.seg.tokens.as_slice()[i].span,
                folded: buf.seg.tokens.folded(i),
            }));
            // Resolve every sentence (coreference needs the whole document) but code only body.
            let mentions = resolver.sentence_tokens(text, &refs);
            // Questions are not coded ("Will Morocco meet Algeria?").
            let question =
                s.tokens.end > s.tokens.start && buf.seg.tokens.folded(s.tokens.end - 1) == "?";
            if !s.kind.is_codable() || s.tokens.is_empty() || question {
                continue;
            }
            let n = s.tokens.len();
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
            };
            let sentence = SentenceRef {
                index: s.index,
                span: s.span,
            };
            self.code_sentence(&view, sentence, &mentions, text, &mut events);
        }
        let lead_end = lead_paragraph_end(text, &buf.seg.sentences);
        for e in &mut events {
            e.is_root = e.sentence.span.start < lead_end;
        }
        crate::merge::merge_mentions(events)
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
            if v.ann.upos[k] != Upos::Verb {
                continue;
            }
            let Some((form, last)) = self.verb_form(v, k) else {
                continue;
            };
            self.code_predicate(v, k, form, last, sentence, mentions, &mut found);
        }
        // Reported speech: events under a verb of saying take its subject as speaker, and
        // the saying itself (01x) is dropped when it reports a codeable event.
        let mut speakers_used: Vec<usize> = Vec::new();
        for (k, e) in &mut found {
            let mut c = *k;
            while let Some(h) = v.head(c) {
                let rel = v.ann.deprel[c];
                if (rel == "ccomp" || rel == "parataxis")
                    && SAY_LEMMAS.contains(&v.lemma(h).as_str())
                {
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
                    }
                    break;
                }
                c = h;
            }
        }
        for (k, e) in found {
            if speakers_used.contains(&k) && e.cameo.root() == "01" {
                continue;
            }
            let _ = text;
            events.push(e);
        }
    }

    /// The dictionary form of the verb at `k` (the longest whose extra words are around it),
    /// and the index of its last word.
    fn verb_form(&self, v: &View<'_>, k: usize) -> Option<(&VerbForm, usize)> {
        let lemma = v.lemma(k);
        let cands = self
            .index
            .get(v.folded[k].as_str())
            .or_else(|| self.index.get(lemma.as_str()))?;
        let mut best: Option<(&VerbForm, usize, usize)> = None;
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
                if best.is_none_or(|b| len > b.2) {
                    best = Some((f, k + f.after.len(), len));
                }
            }
        }
        best.map(|(f, last, _)| (f, last))
    }

    #[allow(clippy::too_many_arguments)]
    fn code_predicate(
        &self,
        v: &View<'_>,
        k: usize,
        form: &VerbForm,
        last: usize,
        sentence: SentenceRef,
        mentions: &[ActorMention],
        found: &mut Vec<(usize, Event)>,
    ) {
        let block = &self.verbs.blocks[form.block as usize];
        let entry = &block.verbs[form.entry as usize];
        // The predicate's phrase, left and right of the verb.
        let mut phrase = Vec::new();
        v.subtree(k, &clausal, &mut phrase);
        phrase.sort_unstable();
        let (left, right): (Vec<usize>, Vec<usize>) = phrase
            .iter()
            .copied()
            .filter(|&j| j != k && !(j > k && j <= last))
            .partition(|&j| j < k);
        let mut best: Option<(&CompiledPattern, usize)> = None;
        for p in &self.patterns[form.block as usize] {
            if let Some(score) = match_pattern(v, p, &left, &right)
                && best.is_none_or(|b| score > b.1)
            {
                best = Some((p, score));
            }
        }
        let (codes, rule) = match best {
            Some((p, _)) => (
                p.pattern.codes,
                format!(
                    "verbs.txt:{} {} pattern",
                    p.pattern.line + VERB_FILE_HEADER_LINES,
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
        let Some(cameo) = codes.primary else {
            return;
        };
        let preferred_prep = best.and_then(|(p, _)| p.preposition);
        // Roles.
        let passive = v.kid(k, "nsubj:pass");
        let mut source_head;
        let mut target_heads: Vec<usize> = Vec::new();
        if let Some(pass) = passive {
            source_head = v.kid(k, "obl:agent").or_else(|| {
                v.kids(k)
                    .find(|&c| v.ann.deprel[c] == "obl" && has_case(v, c, "by"))
            });
            target_heads.push(pass);
        } else {
            source_head = v.kid(k, "nsubj");
            if let Some(o) = v.kid(k, "obj").or_else(|| v.kid(k, "iobj")) {
                target_heads.push(o);
            }
        }
        if source_head.is_none() {
            // Controlled and coordinated verbs share their head's subject.
            let mut c = k;
            for _ in 0..3 {
                let Some(h) = v.head(c) else { break };
                if !matches!(v.ann.deprel[c], "xcomp" | "conj" | "advcl") {
                    break;
                }
                if let Some(s) = v.kid(h, "nsubj") {
                    source_head = Some(s);
                    break;
                }
                c = h;
            }
        }
        // An oblique the pattern names, or one with a target preposition: the target when
        // the object is not an actor ("recalled its ambassador to Morocco").
        let mut fallback_heads: Vec<usize> = Vec::new();
        if passive.is_none() {
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
        let Some(source_head) = source_head else {
            return;
        };
        let mut src_tree = Vec::new();
        v.subtree(source_head, &|r| r == "conj" || clausal(r), &mut src_tree);
        let Some(source) = pick_mention(v, source_head, &src_tree, mentions) else {
            return;
        };
        // Targets: each conjunct of the target phrase; a mutual verb with coordinated
        // subjects takes the other subjects.
        let mut targets: Vec<(Option<&ActorMention>, bool)> = Vec::new();
        let mutual = MUTUAL_LEMMAS.contains(&v.lemma(k).as_str());
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
                    && m.span != source.span
                {
                    targets.push((Some(m), false));
                }
            }
        }
        if mutual && targets.is_empty() {
            // The parser sometimes gives a coordinated subject two `nsubj` heads.
            let mut others = conjuncts(v, source_head);
            for n in v
                .kids(k)
                .filter(|&c| v.ann.deprel[c] == "nsubj" && c != source_head)
            {
                others.push(n);
                others.extend(conjuncts(v, n));
            }
            for c in others {
                let mut tree = Vec::new();
                v.subtree(c, &|r| r == "conj" || clausal(r), &mut tree);
                if let Some(m) = pick_mention(v, c, &tree, mentions)
                    && m.span != source.span
                    && !targets
                        .iter()
                        .any(|t| t.0.is_some_and(|t| t.span == m.span))
                {
                    targets.push((Some(m), true));
                }
            }
        }
        if targets.is_empty() {
            targets.push((None, false));
        }
        let modality = modality(v, k);
        let entry_row = self.table.get(cameo);
        let trigger = Span {
            start: v.spans[k].start,
            end: v.spans[last].end,
        };
        for (target, symmetric) in targets {
            found.push((
                k,
                Event {
                    sentence,
                    trigger,
                    source: source.clone(),
                    target: target.cloned(),
                    symmetric,
                    cameo,
                    goldstein: entry_row.and_then(|e| e.goldstein),
                    quad_class: entry_row.map_or_else(
                        || {
                            crate::cameo::quad_class_of_root(cameo.root().parse().unwrap_or(0))
                                .unwrap_or(0)
                        },
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
                    rule: rule.clone(),
                    is_root: false,
                    mentions: vec![Mention { sentence, trigger }],
                },
            ));
        }
    }
}

/// Matches a pattern's words among the predicate's dependents, in surface order: words left of
/// `*` among the words before the verb, the rest after it. Returns the number of words matched
/// (the pattern's specificity), `None` when a word is missing. No allocation.
fn match_pattern(
    v: &View<'_>,
    p: &CompiledPattern,
    left: &[usize],
    right: &[usize],
) -> Option<usize> {
    let mut score = 0;
    let mut pos = 0;
    for atom in &p.atoms[..p.verb_at] {
        let (next, len) = find_atom(v, atom, left, pos)?;
        pos = next;
        score += len;
    }
    pos = 0;
    for atom in &p.atoms[p.verb_at..] {
        let (next, len) = find_atom(v, atom, right, pos)?;
        pos = next;
        score += len;
    }
    Some(score)
}

/// Finds `atom` in `words[from..]` (contiguous in the sentence for multi-word atoms); returns
/// the position after it and its length.
fn find_atom(v: &View<'_>, atom: &Atom, words: &[usize], from: usize) -> Option<(usize, usize)> {
    let try_seq = |seq: &[String], at: usize| -> bool {
        seq.iter().enumerate().all(|(i, w)| {
            words
                .get(at + i)
                .is_some_and(|&j| (i == 0 || j == words[at + i - 1] + 1) && v.word_is(j, w))
        })
    };
    for at in from..words.len() {
        match atom {
            Atom::Words(seq) => {
                if try_seq(seq, at) {
                    return Some((at + seq.len(), seq.len()));
                }
            }
            Atom::Synset(set) => {
                for ph in &set.phrases {
                    if !ph.is_empty() && try_seq(ph, at) {
                        return Some((at + ph.len(), ph.len()));
                    }
                }
            }
        }
    }
    None
}

/// A matchable element of a pattern.
#[derive(Debug)]
enum Atom {
    Words(&'static [String]),
    Synset(&'static Synset),
}

fn flatten(
    els: &'static [PatternElement],
    synsets: &HashMap<&str, &'static Synset>,
    out: &mut Vec<Atom>,
    verb_at: &mut Option<usize>,
) {
    for e in els {
        match e {
            PatternElement::Verb if verb_at.is_none() => *verb_at = Some(out.len()),
            PatternElement::Words(w) if !w.is_empty() => out.push(Atom::Words(w)),
            PatternElement::Synset(s) => {
                if let Some(set) = synsets.get(s.as_str()) {
                    out.push(Atom::Synset(set));
                }
            }
            PatternElement::Group(_, inner) => flatten(inner, synsets, out, verb_at),
            _ => {}
        }
    }
}

/// The first word of a pattern's first bracketed group after the verb ("with" in
/// `* (WITH LEADERS)`): the preposition the pattern names.
fn first_group_word(els: &'static [PatternElement]) -> Option<&'static str> {
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
            mentions
                .iter()
                .find(|m| tree.iter().any(|&j| overlaps(m, v.spans[j])))
        })
}

fn phrase_span(v: &View<'_>, tree: &[usize]) -> Span {
    let start = tree.iter().map(|&j| v.spans[j].start).min().unwrap_or(0);
    let end = tree.iter().map(|&j| v.spans[j].end).max().unwrap_or(0);
    Span { start, end }
}

/// Modality from the predicate's dependents (and, for a controlled verb, its head's).
fn modality(v: &View<'_>, k: usize) -> Modality {
    let mut negated = false;
    let mut future = false;
    let mut hypothetical = false;
    let mut look = |p: usize| {
        for c in v.kids(p) {
            let w = v.folded[c].as_str();
            match v.ann.deprel[c] {
                "advmod" | "neg" if matches!(w, "not" | "n't" | "never") => negated = true,
                "aux" if matches!(w, "will" | "shall" | "'ll" | "wo") => future = true,
                "aux" if matches!(w, "would" | "could" | "might" | "may" | "'d") => {
                    hypothetical = true
                }
                "mark" if w == "if" => hypothetical = true,
                _ => {}
            }
        }
    };
    look(k);
    if v.ann.deprel[k] == "xcomp"
        && let Some(h) = v.head(k)
    {
        look(h);
        if v.kid(k, "mark").is_some_and(|m| v.folded[m] == "to")
            && INTENT_LEMMAS.contains(&v.lemma(h).as_str())
        {
            future = true;
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
    fn coder_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Coder>();
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
