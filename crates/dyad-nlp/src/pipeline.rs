//! The pipeline: tagger, lemmatiser, parser and recogniser loaded from one model file, and the
//! annotation of a tokenised sentence with reusable buffers.

use std::path::Path;

use crate::binfmt::{Reader, Writer, seal, unseal};
use crate::error::{Error, Result};
use crate::iob2::{EntityType, NerTag};
use crate::lemma::Lemmatizer;
use crate::lexical::Lex;
use crate::ner::Recognizer;
use crate::parser::{ParseScratch, Parser};
use crate::tagger::{Tagger, fill_lex};
use crate::tags::Upos;

/// The model shipped with the crate, trained on UD English EWT and Universal NER (CC BY-SA 4.0).
///
/// Embedded with `include_bytes!` so that every binary and test finds it without a path.
static DEFAULT_MODEL: &[u8] = include_bytes!("../models/en_ewt.dyadnlp");

/// The bytes of the shipped model file (to fingerprint what coded an event).
pub fn default_model_bytes() -> &'static [u8] {
    DEFAULT_MODEL
}

/// The default limit on the number of words parsed as one tree.
pub const DEFAULT_MAX_PARSE_WORDS: usize = 200;

/// A trained tagger, lemmatiser, dependency parser and named-entity recogniser.
///
/// Built once, immutable, shared across threads; annotation cannot fail.
#[derive(Debug, Clone)]
pub struct Pipeline {
    pub(crate) tagger: Tagger,
    pub(crate) lemmatizer: Lemmatizer,
    pub(crate) parser: Parser,
    pub(crate) recognizer: Recognizer,
    max_parse_words: usize,
}

/// The annotation of one sentence. Reuse one value across sentences with
/// [`Pipeline::annotate_into`] to avoid allocating.
#[derive(Debug, Clone, Default)]
pub struct Annotated {
    /// Universal part of speech per word.
    pub upos: Vec<Upos>,
    /// Penn Treebank tag per word.
    pub xpos: Vec<&'static str>,
    /// Lemma per word.
    pub lemma: Vec<String>,
    /// 1-based head per word, 0 for the root.
    pub head: Vec<u32>,
    /// Universal Dependencies relation to the head, per word.
    pub deprel: Vec<&'static str>,
    /// BIO entity label per word.
    pub ner: Vec<NerTag>,
    /// How many independent trees the sentence was parsed as: 1 normally, more when it was longer
    /// than the pipeline's word limit and was parsed in pieces (later pieces hang from the first
    /// piece's root as `parataxis`).
    pub parse_pieces: usize,
    scratch: Scratch,
}

impl Annotated {
    /// The number of words.
    pub fn len(&self) -> usize {
        self.upos.len()
    }

    /// Whether the sentence was empty.
    pub fn is_empty(&self) -> bool {
        self.upos.is_empty()
    }
}

#[derive(Debug, Clone, Default)]
struct Scratch {
    text: String,
    text2: String,
    lex: Vec<Lex>,
    tags: Vec<u16>,
    first_tags: Vec<u16>,
    feats: Vec<u64>,
    scores: Vec<f32>,
    parse: ParseScratch,
    heads: Vec<u32>,
    labels: Vec<u16>,
    gaz: Vec<u8>,
    piece_heads: Vec<u32>,
    piece_labels: Vec<u16>,
    fixed: Vec<Option<u16>>,
}

impl Pipeline {
    /// Loads the model shipped with the crate.
    ///
    /// # Errors
    /// Only if the embedded model is damaged (which a test rules out).
    pub fn load_default() -> Result<Pipeline> {
        Pipeline::from_bytes(DEFAULT_MODEL)
    }

    /// Loads a model file.
    ///
    /// # Errors
    /// [`Error::Io`] if it cannot be read, and the errors of [`Pipeline::from_bytes`].
    pub fn load(path: &Path) -> Result<Pipeline> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Pipeline::from_bytes(&bytes)
    }

    /// Reads a model from bytes.
    ///
    /// # Errors
    /// [`Error::BadMagic`], [`Error::FormatVersion`], [`Error::Checksum`] or [`Error::Malformed`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Pipeline> {
        let payload = unseal(bytes)?;
        let mut r = Reader::new(payload);
        let tagger = Tagger::read(&mut r)?;
        let lemmatizer = Lemmatizer::read(&mut r)?;
        let parser = Parser::read(&mut r)?;
        let recognizer = Recognizer::read(&mut r)?;
        r.finish()?;
        Ok(Pipeline {
            tagger,
            lemmatizer,
            parser,
            recognizer,
            max_parse_words: DEFAULT_MAX_PARSE_WORDS,
        })
    }

    pub(crate) fn from_parts(
        tagger: Tagger,
        lemmatizer: Lemmatizer,
        parser: Parser,
        recognizer: Recognizer,
    ) -> Pipeline {
        Pipeline {
            tagger,
            lemmatizer,
            parser,
            recognizer,
            max_parse_words: DEFAULT_MAX_PARSE_WORDS,
        }
    }

    /// The model as bytes (deterministic: the same model always gives the same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        self.tagger.write(&mut w);
        self.lemmatizer.write(&mut w);
        self.parser.write(&mut w);
        self.recognizer.write(&mut w);
        seal(&w.buf)
    }

    /// Sets the number of words parsed as one tree (at least 2); longer sentences are parsed in
    /// pieces of that size, so parsing time stays linear and bounded.
    pub fn with_max_parse_words(mut self, words: usize) -> Pipeline {
        self.max_parse_words = words.max(2);
        self
    }

    /// The number of weights in each model (tagger, parser, recogniser) and of names in the
    /// recogniser's name list.
    pub fn sizes(&self) -> [usize; 4] {
        [
            self.tagger.n_weights(),
            self.parser.n_weights(),
            self.recognizer.n_weights(),
            self.recognizer.n_names(),
        ]
    }

    /// A copy without the weights smaller than `min_abs` (in perceptron updates): a smaller,
    /// faster and usually slightly less accurate model.
    pub fn pruned(&self, min_abs: f32) -> Pipeline {
        Pipeline {
            tagger: self.tagger.pruned(min_abs),
            lemmatizer: self.lemmatizer.clone(),
            parser: self.parser.pruned(min_abs),
            recognizer: self.recognizer.pruned(min_abs),
            max_parse_words: self.max_parse_words,
        }
    }

    /// Annotates one tokenised sentence.
    pub fn annotate<S: AsRef<str>>(&self, words: &[S]) -> Annotated {
        let mut out = Annotated::default();
        self.annotate_into(words, &mut out);
        out
    }

    /// Annotates one tokenised sentence into `out`, reusing its buffers.
    ///
    /// A capitalised function word between two proper nouns is read as part of the name
    /// (`PROPN`/`NNP`), and the sentence is tagged again around it: "Mohamed *Ould* Cheikh",
    /// whose "Ould" the treebank knows only as a misspelt "would", "Ahmed *Ben* Bella".
    pub fn annotate_into<S: AsRef<str>>(&self, words: &[S], out: &mut Annotated) {
        let s = &mut out.scratch;
        fill_lex(words, &mut s.text, &mut s.lex);
        s.fixed.clear();
        self.tag(s);
        if let Some(c) = self.tagger.class_id(Upos::Propn, "NNP")
            && name_particles(words, &s.tags, &self.tagger, c, &mut s.fixed)
        {
            self.tag(s);
        }
        // (The name list is consulted only when a capitalised word was read as an adjective
        // or a gerund.)
        if let Some(c) = self.tagger.class_id(Upos::Propn, "NNP")
            && (0..words.len()).any(|i| {
                matches!(self.tagger.class(s.tags[i]).xpos, "JJ" | "VBG")
                    && starts_upper(words[i].as_ref())
            })
        {
            self.recognizer.mark_names(&s.lex, &mut s.gaz);
            let lex = &s.lex;
            let common = |i: usize| self.recognizer.is_common_word(&lex[i]);
            if place_adjectives(
                words,
                &s.tags,
                &s.gaz,
                common,
                &self.tagger,
                c,
                &mut s.fixed,
            ) {
                self.tag(s);
            }
        }
        if let Some(c) = self.tagger.class_id(Upos::Adj, "JJ")
            && (coordinated_adjectives(words, &s.tags, &self.tagger, c, &mut s.fixed)
                | title_participles(words, &s.tags, &self.tagger, c, &mut s.fixed)
                | possessed_participles(words, &s.tags, &self.tagger, c, &mut s.fixed))
        {
            self.tag(s);
        }
        if let (Some(nn), Some(nns)) = (
            self.tagger.class_id(Upos::Noun, "NN"),
            self.tagger.class_id(Upos::Noun, "NNS"),
        ) && official_nouns(words, &s.tags, &self.tagger, (nn, nns), &mut s.fixed)
        {
            self.tag(s);
        }
        if let Some(c) = self.tagger.class_id(Upos::Verb, "VBD")
            && main_verb(
                words,
                &s.tags,
                &self.tagger,
                &self.lemmatizer,
                c,
                &mut s.fixed,
            )
        {
            self.tag(s);
        }
        if let Some(c) = self.tagger.class_id(Upos::Verb, "VBZ")
            && present_verb(words, &s.tags, &self.tagger, c, &mut s.fixed)
        {
            self.tag(s);
        }
        if let Some(c) = self.tagger.class_id(Upos::Verb, "VB")
            && subjunctive_verb(words, &s.tags, &self.tagger, c, &mut s.fixed)
        {
            self.tag(s);
        }
        // A closing attribution ("…, witnesses said."): the clause and the attribution are
        // tagged apart (in the whole sentence "Kurds demonstrated in Kirkuk, witnesses said"
        // reads as a participle), then parsed apart (see `parse_attributed`).
        // (`out.upos` is filled here for the test and again below: no allocation per sentence.)
        out.upos.clear();
        out.upos
            .extend(s.tags.iter().map(|&t| self.tagger.class(t).upos));
        let split = attribution(words, &out.upos);
        if let Some(a) = &split {
            self.tag_apart(words, s, a);
        }
        out.upos.clear();
        out.xpos.clear();
        for &t in &s.tags {
            let c = self.tagger.class(t);
            out.upos.push(c.upos);
            out.xpos.push(c.xpos);
        }
        out.lemma.resize_with(words.len(), String::new);
        for (i, w) in words.iter().enumerate() {
            self.lemmatizer
                .lemmatize(w.as_ref(), out.xpos[i], &mut s.text2, &mut out.lemma[i]);
        }
        out.parse_pieces = match split {
            Some(a) if words.len() <= self.max_parse_words && self.parse_attributed(s, &a) => 1,
            _ => self.parse(s),
        };
        self.repair_time_attachments(words, s);
        self.repair_noun_root(s);
        out.head.clear();
        out.head.extend_from_slice(&s.heads);
        out.deprel.clear();
        out.deprel
            .extend(s.labels.iter().map(|&l| self.parser.label(l)));
        self.recognizer.recognize(
            &s.lex,
            &s.tags,
            &mut s.gaz,
            &mut s.feats,
            &mut s.scores,
            &mut out.ner,
        );
    }

    /// Tags the scratch's sentence into `tags`, keeping the classes in `fixed`.
    fn tag(&self, s: &mut Scratch) {
        self.tagger.tag(
            &s.lex,
            &s.fixed,
            &mut s.feats,
            &mut s.scores,
            &mut s.first_tags,
            &mut s.tags,
        );
    }

    /// Re-tags the clause before a closing attribution and the attribution each as a sentence
    /// of its own (the words' fixed classes kept; the clause's main verb found again, as for
    /// a whole sentence, now that the attribution's verb is not beside it).
    fn tag_apart<S: AsRef<str>>(&self, words: &[S], s: &mut Scratch, a: &Attribution) {
        let mut tags = Vec::new();
        for range in [0..a.comma, a.tail..s.lex.len()] {
            let mut fixed: Vec<Option<u16>> = s.fixed.get(range.clone()).unwrap_or(&[]).to_vec();
            let lex = &s.lex[range.clone()];
            for pass in 0..2 {
                self.tagger.tag(
                    lex,
                    &fixed,
                    &mut s.feats,
                    &mut s.scores,
                    &mut s.first_tags,
                    &mut tags,
                );
                if pass == 1
                    || range.start > 0
                    || !self.tagger.class_id(Upos::Verb, "VBD").is_some_and(|c| {
                        main_verb(
                            &words[range.clone()],
                            &tags,
                            &self.tagger,
                            &self.lemmatizer,
                            c,
                            &mut fixed,
                        )
                    })
                {
                    break;
                }
            }
            s.tags[range].copy_from_slice(&tags);
        }
    }

    /// Makes a past-tense verb the root when the parser made a noun before it the root and the
    /// verb a clause modifying it: "Liberian riot police *used* tear gas to disperse
    /// demonstrators" read as "police [who] used …" (a reduced relative needs a participle, and
    /// a sentence whose root is a bare noun has no predicate). The noun becomes the verb's
    /// subject, and the noun's dependents after the verb become the verb's. Only for a root
    /// noun without copula or auxiliary, a `VBD` `acl` after it with no subject of its own.
    fn repair_noun_root(&self, s: &mut Scratch) {
        let (Some(acl), Some(nsubj), Some(root_label)) = (
            self.parser.label_id("acl"),
            self.parser.label_id("nsubj"),
            self.parser.label_id("root"),
        ) else {
            return;
        };
        let n = s.heads.len();
        let Some(r) = s.heads.iter().position(|&h| h == 0) else {
            return;
        };
        if !matches!(self.tagger.class(s.tags[r]).upos, Upos::Noun | Upos::Propn) {
            return;
        }
        let (heads, labels) = (&s.heads, &s.labels);
        let label_of = |i: usize| self.parser.label(labels[i]);
        let kids = |h: usize| (0..n).filter(move |&c| heads[c] as usize == h + 1);
        if kids(r).any(|c| matches!(label_of(c), "cop" | "aux" | "aux:pass" | "nsubj")) {
            return;
        }
        let Some(k) = kids(r).find(|&c| {
            c > r
                && labels[c] == acl
                && self.tagger.class(s.tags[c]).xpos == "VBD"
                && !kids(c).any(|x| matches!(label_of(x), "nsubj" | "nsubj:pass" | "mark"))
        }) else {
            return;
        };
        let moved: Vec<usize> = kids(r).filter(|&c| c > k).collect();
        for c in moved {
            s.heads[c] = k as u32 + 1;
        }
        s.heads[k] = 0;
        s.labels[k] = root_label;
        s.heads[r] = k as u32 + 1;
        s.labels[r] = nsubj;
    }

    /// Re-attaches to the predicate the phrases the parser hung under a time word: "received
    /// *on Monday* [Malian Minister … Diop]", "was received *on Tuesday* [by Prime Minister
    /// Sellal]". A day, month or "today" takes no modifier but "of" ("Tuesday of last week"),
    /// so a noun under it with another preposition, or none, belongs to the time phrase's own
    /// head: `by` as the passive's agent, a bare noun as the object the predicate lacks,
    /// another preposition as an oblique.
    fn repair_time_attachments<S: AsRef<str>>(&self, words: &[S], s: &mut Scratch) {
        let (Some(nmod), Some(obl), Some(obj), Some(case)) = (
            self.parser.label_id("nmod"),
            self.parser.label_id("obl"),
            self.parser.label_id("obj"),
            self.parser.label_id("case"),
        ) else {
            return;
        };
        let agent = self.parser.label_id("obl:agent");
        let aux_pass = self.parser.label_id("aux:pass");
        let n = s.heads.len();
        let kids_with = |heads: &[u32], labels: &[u16], h: usize, l: u16| {
            (0..n).find(|&c| heads[c] as usize == h + 1 && labels[c] == l)
        };
        for d in 0..n {
            let h = s.heads[d] as usize;
            if s.labels[d] != nmod
                || h == 0
                || !dyad_text::calendar::is_day_or_month(words[h - 1].as_ref())
            {
                continue;
            }
            let g = s.heads[h - 1] as usize;
            if g == 0 || d < h - 1 {
                continue;
            }
            let marker = kids_with(&s.heads, &s.labels, d, case).map(|c| words[c].as_ref());
            let label = match marker {
                Some(m) if m.eq_ignore_ascii_case("of") => continue,
                Some(m) if m.eq_ignore_ascii_case("by") => match (agent, aux_pass) {
                    (Some(a), Some(p)) if kids_with(&s.heads, &s.labels, g - 1, p).is_some() => a,
                    _ => obl,
                },
                Some(_) => obl,
                None if kids_with(&s.heads, &s.labels, g - 1, obj).is_none()
                    && self.tagger.class(s.tags[g - 1]).upos == Upos::Verb =>
                {
                    obj
                }
                None => continue,
            };
            s.heads[d] = g as u32;
            s.labels[d] = label;
        }
    }

    /// Parses a sentence that ends with its attribution ("…, witnesses said.") as two trees,
    /// the reported clause and the attribution, joined as English-EWT joins them: the
    /// reporting verb is the root and the clause's root its `ccomp` (with the comma and a
    /// closing quotation mark); "according to X" is an `obl` of the clause. A parser trained
    /// on web text reads "Thousands of Kurds demonstrated …, witnesses said" with "Thousands"
    /// as the subject of "said"; parsed alone, the clause is read right. False when the
    /// clause's root is no verb, adjective or auxiliary: the whole sentence is then parsed as
    /// one (the apart tags stay).
    fn parse_attributed(&self, s: &mut Scratch, a: &Attribution) -> bool {
        let (Some(punct), Some(link)) = (
            self.parser.label_id("punct"),
            self.parser
                .label_id(if a.according { "obl" } else { "ccomp" }),
        ) else {
            return false;
        };
        let n = s.lex.len();
        self.parser.parse(
            &s.lex[..a.comma],
            &s.tags[..a.comma],
            &mut s.parse,
            &mut s.heads,
            &mut s.labels,
        );
        let Some(root) = s.heads.iter().position(|&h| h == 0) else {
            return false;
        };
        if !matches!(
            self.tagger.class(s.tags[root]).upos,
            Upos::Verb | Upos::Aux | Upos::Adj
        ) {
            return false;
        }
        let root1 = root as u32 + 1;
        self.parser.parse(
            &s.lex[a.tail..],
            &s.tags[a.tail..],
            &mut s.parse,
            &mut s.piece_heads,
            &mut s.piece_labels,
        );
        let tail_root =
            a.tail as u32 + 1 + s.piece_heads.iter().position(|&h| h == 0).unwrap_or(0) as u32;
        if a.according {
            // "…, according to the governor.": the source is an oblique of the clause.
            for _ in a.comma..a.tail {
                s.heads.push(tail_root);
                s.labels.push(punct);
            }
            for (k, (&h, &l)) in s.piece_heads.iter().zip(&s.piece_labels).enumerate() {
                let (h, l) = match h {
                    0 => (root1, link),
                    _ if a.tail + k >= a.end => (root1, punct),
                    h => (h + a.tail as u32, l),
                };
                s.heads.push(h);
                s.labels.push(l);
            }
        } else {
            // "…, witnesses said.": the reporting verb is the root and the clause its
            // complement, with the comma and a closing quotation mark.
            s.heads[root] = tail_root;
            s.labels[root] = link;
            for _ in a.comma..a.tail {
                s.heads.push(root1);
                s.labels.push(punct);
            }
            for &h in &s.piece_heads {
                s.heads.push(if h == 0 { 0 } else { h + a.tail as u32 });
            }
            s.labels.extend_from_slice(&s.piece_labels);
        }
        debug_assert_eq!(s.heads.len(), n);
        true
    }

    /// Parses the scratch's sentence into `heads`/`labels`, in pieces if it is too long.
    fn parse(&self, s: &mut Scratch) -> usize {
        let n = s.lex.len();
        if n <= self.max_parse_words {
            self.parser
                .parse(&s.lex, &s.tags, &mut s.parse, &mut s.heads, &mut s.labels);
            return usize::from(n > 0);
        }
        s.heads.clear();
        s.labels.clear();
        let link = self
            .parser
            .label_id("parataxis")
            .or_else(|| self.parser.label_id("dep"))
            .unwrap_or(0);
        let mut first_root = 0u32;
        let mut pieces = 0;
        for start in (0..n).step_by(self.max_parse_words) {
            let end = (start + self.max_parse_words).min(n);
            self.parser.parse(
                &s.lex[start..end],
                &s.tags[start..end],
                &mut s.parse,
                &mut s.piece_heads,
                &mut s.piece_labels,
            );
            for (&h, &l) in s.piece_heads.iter().zip(&s.piece_labels) {
                if h == 0 && pieces > 0 {
                    s.heads.push(first_root);
                    s.labels.push(link);
                } else if h == 0 {
                    first_root = (s.heads.len() + 1) as u32;
                    s.heads.push(0);
                    s.labels.push(l);
                } else {
                    s.heads.push(h + start as u32);
                    s.labels.push(l);
                }
            }
            pieces += 1;
        }
        pieces
    }
}

/// Where a sentence's closing attribution begins (see [`Pipeline::parse_attributed`]).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Attribution {
    /// The comma that ends the reported clause (the clause is the words before it).
    comma: usize,
    /// The attribution's first word (after the comma and a closing quotation mark).
    tail: usize,
    /// The end of the attribution's words (closing punctuation follows).
    end: usize,
    /// "according to …" rather than a reporting verb.
    according: bool,
}

/// Verbs that attribute a clause to its source after it ("…, the ministry said").
const REPORTING_FORMS: &[&str] = &[
    "said",
    "says",
    "told",
    "reported",
    "reports",
    "announced",
    "announces",
    "added",
    "adds",
    "stated",
    "states",
    "confirmed",
    "confirms",
    "noted",
    "notes",
    "wrote",
    "writes",
    "explained",
    "insisted",
    "acknowledged",
];

/// The closing attribution of a sentence, if it ends with one: after its last comma (and a
/// closing quotation mark), a noun phrase and a reporting verb ("…, Thai military sources said
/// today."), a reporting verb and a noun phrase ("…, said a spokesman for the prime
/// minister."), or "according to" and a noun phrase; nothing after it but words of time and
/// place (no verb), and a clause of at least three words with a verb before it.
fn attribution<S: AsRef<str>>(words: &[S], upos: &[Upos]) -> Option<Attribution> {
    let n = words.len();
    let w = |i: usize| words[i].as_ref();
    let closing = |x: &str| matches!(x, "." | "!" | "\"" | "\u{201d}" | "''");
    let mut end = n;
    while end > 0 && closing(w(end - 1)) {
        end -= 1;
    }
    let comma = (0..end).rev().find(|&i| w(i) == ",")?;
    if comma < 3 || !upos[..comma].contains(&Upos::Verb) {
        return None;
    }
    let tail = if comma + 1 < end && matches!(w(comma + 1), "\"" | "\u{201d}" | "''") {
        comma + 2
    } else {
        comma + 1
    };
    if tail + 1 >= end {
        return None;
    }
    let reporting = |i: usize| {
        upos[i] == Upos::Verb && REPORTING_FORMS.iter().any(|f| f.eq_ignore_ascii_case(w(i)))
    };
    let nominal = |u: Upos| matches!(u, Upos::Noun | Upos::Propn | Upos::Pron);
    let phrase_word = |u: Upos| {
        matches!(
            u,
            Upos::Det
                | Upos::Adj
                | Upos::Noun
                | Upos::Propn
                | Upos::Num
                | Upos::Pron
                | Upos::Adp
                | Upos::Cconj
                | Upos::Part
        )
    };
    // Words of time and place after the attribution's verb: no verb, no clause.
    let no_clause = |r: std::ops::Range<usize>| {
        upos[r.clone()]
            .iter()
            .all(|&u| !matches!(u, Upos::Verb | Upos::Aux | Upos::Sconj))
            && !words[r].iter().any(|x| matches!(x.as_ref(), "," | "that"))
    };
    let found = |according| Attribution {
        comma,
        tail,
        end,
        according,
    };
    if w(tail).eq_ignore_ascii_case("according") && w(tail + 1).eq_ignore_ascii_case("to") {
        return (tail + 2 < end && no_clause(tail + 2..end)).then(|| found(true));
    }
    if reporting(tail) {
        return (no_clause(tail + 1..end) && upos[tail + 1..end].iter().any(|&u| nominal(u)))
            .then(|| found(false));
    }
    // ("…, and Mali said nothing": a second clause, not an attribution.)
    if upos[tail] == Upos::Cconj {
        return None;
    }
    let r = (tail + 1..end).find(|&i| reporting(i))?;
    if r + 1 < end && upos[r + 1] == Upos::Pron {
        return None;
    }
    // The source, with "has"/"had" before the verb ("a member of the team has said").
    let mut np_end = r;
    if np_end > tail
        && ["has", "have", "had"]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(w(np_end - 1)))
    {
        np_end -= 1;
    }
    (np_end > tail
        && upos[tail..np_end].iter().all(|&u| phrase_word(u))
        && upos[tail..np_end].iter().any(|&u| nominal(u))
        && no_clause(r + 1..end))
    .then(|| found(false))
}

/// Marks in `fixed` (as the proper-noun class `propn`) the capitalised function words that
/// follow a word tagged as a proper noun and precede a capitalised word, and (outside title
/// case) the capitalised verbs that follow one; true when it marked any. "I" and the
/// articles, prepositions and conjunctions of title case ("Ministry Of Defense") are left.
fn name_particles<S: AsRef<str>>(
    words: &[S],
    tags: &[u16],
    tagger: &Tagger,
    propn: u16,
    fixed: &mut Vec<Option<u16>>,
) -> bool {
    let capitalised = |w: &str| starts_upper(w) && w.chars().skip(1).any(char::is_lowercase);
    // Outside title case, a capitalised "verb" right after a name is the name's last word
    // ("President Kais *Saied* on Sunday", read as a past tense of "say").
    // (Title case capitalises its small words, "Agreement *With* Mauritania", or every
    // longer word.)
    let title_case = words.iter().skip(1).any(|w| {
        let w = w.as_ref();
        starts_upper(w) && TITLE_CASE_WORDS.contains(&w.to_lowercase().as_str())
    }) || words
        .iter()
        .map(AsRef::as_ref)
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .all(starts_upper);
    let mut any = false;
    for i in 1..words.len().saturating_sub(1) {
        let w = words[i].as_ref();
        if !title_case
            && tagger.class(tags[i]).upos == Upos::Verb
            && capitalised(w)
            && tagger.class(tags[i - 1]).upos == Upos::Propn
            && starts_upper(words[i - 1].as_ref())
        {
            fix(fixed, words.len(), i, propn);
            any = true;
            continue;
        }
        let function = matches!(
            tagger.class(tags[i]).upos,
            Upos::Aux
                | Upos::Det
                | Upos::Adp
                | Upos::Pron
                | Upos::Sconj
                | Upos::Cconj
                | Upos::Part
                | Upos::Verb
        );
        if function
            && capitalised(w)
            && tagger.class(tags[i - 1]).upos == Upos::Propn
            && capitalised(words[i + 1].as_ref())
            && !TITLE_CASE_WORDS.contains(&w.to_lowercase().as_str())
        {
            fix(fixed, words.len(), i, propn);
            any = true;
        }
    }
    any
}

/// Marks in `fixed` (as the proper-noun class `propn`) the capitalised words tagged as
/// adjectives that the name list knows as a place of one word and that either modify nothing
/// (no noun, adjective or number follows) or are no ordinary word (`common`: seen in lower
/// case in training): "*Senegal* and Gambia held consultations", "*Senegal* wants to deepen
/// …", where the sentence's first word lost the capital's evidence of a name; and those
/// tagged as gerunds that are such places and no ordinary word ("*Beijing* warned Taipei");
/// true when it marked any. `names` holds the name list's marks of the sentence (bit 4 starts
/// a place, bit 5 continues one).
fn place_adjectives<S: AsRef<str>>(
    words: &[S],
    tags: &[u16],
    names: &[u8],
    common: impl Fn(usize) -> bool,
    tagger: &Tagger,
    propn: u16,
    fixed: &mut Vec<Option<u16>>,
) -> bool {
    const PLACE_STARTS: u8 = 1 << (2 * EntityType::Loc as u8);
    const PLACE_GOES_ON: u8 = PLACE_STARTS << 1;
    let mut any = false;
    for i in 0..words.len() {
        let modifies = |j: usize| {
            j < words.len()
                && (matches!(
                    tagger.class(tags[j]).upos,
                    Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num
                ) || names[j] & PLACE_GOES_ON != 0)
        };
        let xpos = tagger.class(tags[i]).xpos;
        let place = starts_upper(words[i].as_ref())
            && names[i] & PLACE_STARTS != 0
            && names[i] & PLACE_GOES_ON == 0;
        // An adjective that names a place and modifies nothing, or is no ordinary word; a
        // place in "-ing" read as a verb ("*Beijing* warned Taipei", "*Chongqing* hosted")
        // when it is no ordinary word ("Reading" is).
        if place
            && ((xpos == "JJ" && (!modifies(i + 1) || !common(i))) || (xpos == "VBG" && !common(i)))
        {
            fix(fixed, words.len(), i, propn);
            any = true;
        }
    }
    any
}

/// Whether a word begins with an upper-case letter.
fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Marks in `fixed` (as the adjective class `adj`) a capitalised word read as a proper noun
/// that is coordinated with an adjective before a noun: coordinated modifiers share their part
/// of speech ("*Moroccan* and Mauritanian officials", "*Algerian*, Tunisian and Libyan
/// leaders"), which a tagger trained on web text misses for nationalities at the start of a
/// sentence; true when it marked any.
fn coordinated_adjectives<S: AsRef<str>>(
    words: &[S],
    tags: &[u16],
    tagger: &Tagger,
    adj: u16,
    fixed: &mut Vec<Option<u16>>,
) -> bool {
    let upos = |i: usize| tagger.class(tags[i]).upos;
    let mut any = false;
    for i in 0..words.len().saturating_sub(3) {
        let w = words[i].as_ref();
        let joins = matches!(words[i + 1].as_ref(), "and" | "or" | ",");
        if upos(i) == Upos::Propn
            && starts_upper(w)
            && joins
            && upos(i + 2) == Upos::Adj
            && starts_upper(words[i + 2].as_ref())
            && matches!(
                upos(i + 3),
                Upos::Noun | Upos::Adj | Upos::Cconj | Upos::Punct
            )
            && fixed.get(i).copied().flatten().is_none()
        {
            fix(fixed, words.len(), i, adj);
            any = true;
        }
    }
    any
}

/// Marks in `fixed` (as the adjective class `adj`) a capitalised `-ing` word inside a sentence
/// read as a verb before a capitalised noun: the first word of a title ("*Acting* Deputy
/// Secretary Victoria Nuland traveled …", "the *Visiting* Professor"), which the tagger reads as
/// a gerund taking the title as its object, leaving the sentence's verb without a subject. Not
/// at the start of a sentence, nor after another capitalised word (a headline in title case);
/// true when it marked any.
fn title_participles<S: AsRef<str>>(
    words: &[S],
    tags: &[u16],
    tagger: &Tagger,
    adj: u16,
    fixed: &mut Vec<Option<u16>>,
) -> bool {
    let capitalised = |i: usize| starts_upper(words[i].as_ref());
    mark_inner(words.len(), fixed, |i| {
        let class = tagger.class(tags[i]);
        (class.upos == Upos::Verb
            && class.xpos == "VBG"
            && capitalised(i)
            && !capitalised(i - 1)
            && capitalised(i + 1)
            && matches!(tagger.class(tags[i + 1]).upos, Upos::Propn | Upos::Noun))
        .then_some(adj)
    })
}

/// Marks in `fixed` each inner word (neither first nor last) not fixed yet for which `class`
/// gives a class; true when it marked any.
fn mark_inner(
    n: usize,
    fixed: &mut Vec<Option<u16>>,
    class: impl Fn(usize) -> Option<u16>,
) -> bool {
    let mut any = false;
    for i in 1..n.saturating_sub(1) {
        if fixed.get(i).copied().flatten().is_none()
            && let Some(c) = class(i)
        {
            fix(fixed, n, i, c);
            any = true;
        }
    }
    any
}

/// Marks in `fixed` (as the adjective class `adj`) an `-ing` word read as a verb between a
/// possessive and a noun: "Algeria's *leading* human rights activist", "the country's *ruling*
/// party". Read as a gerund, it takes the noun phrase as its object and the apposition it
/// stands in as a clause; true when it marked any.
fn possessed_participles<S: AsRef<str>>(
    words: &[S],
    tags: &[u16],
    tagger: &Tagger,
    adj: u16,
    fixed: &mut Vec<Option<u16>>,
) -> bool {
    mark_inner(words.len(), fixed, |i| {
        let class = tagger.class(tags[i]);
        (class.upos == Upos::Verb
            && class.xpos == "VBG"
            && tagger.class(tags[i - 1]).xpos == "POS"
            && matches!(
                tagger.class(tags[i + 1]).upos,
                Upos::Noun | Upos::Adj | Upos::Propn
            )
            && words[i].as_ref().starts_with(|c: char| c.is_lowercase()))
        .then_some(adj)
    })
}

/// Marks in `fixed` (as a singular or plural noun, `nouns`) "official(s)" read as an adjective
/// where it heads its noun phrase: after a determiner, adjective or name and before a verb, an
/// adverb or a day word ("A top U.S. *official* today praised …", "Malian *officials* said").
/// Before a noun it stays an adjective ("an official visit"); true when it marked any.
fn official_nouns<S: AsRef<str>>(
    words: &[S],
    tags: &[u16],
    tagger: &Tagger,
    nouns: (u16, u16),
    fixed: &mut Vec<Option<u16>>,
) -> bool {
    mark_inner(words.len(), fixed, |i| {
        let class = match words[i].as_ref() {
            "official" => nouns.0,
            "officials" => nouns.1,
            _ => return None,
        };
        let next = words[i + 1].as_ref();
        (tagger.class(tags[i]).upos == Upos::Adj
            && matches!(
                tagger.class(tags[i - 1]).upos,
                Upos::Det | Upos::Adj | Upos::Propn
            )
            && (matches!(
                tagger.class(tags[i + 1]).upos,
                Upos::Verb | Upos::Aux | Upos::Adv
            ) || matches!(next, "today" | "yesterday" | "tonight" | "on" | "," | "who")))
        .then_some(class)
    })
}

/// Marks in `fixed` (as the past-tense class `past`) the verb of a sentence that the tagger left
/// without a finite verb, when it read a past form between a subject and its object as a
/// participle: "Russian police *arrested* students in Moscow", "Morocco *signed* agreements"
/// (a noun modified by a participle is the rarer reading of a news sentence). Only the first
/// participle not in `-en`/`-wn` (forms that are never past tense: "taken", "shown") is
/// considered, and marked when it follows a noun, pronoun or regnal number ("King Mohammed
/// VI *congratulated* …") and precedes the start of a noun phrase, a preposition or adverb
/// ("called *on*", "met *in* Tunis") or the sentence's end; true when it was. Failing a
/// participle, a past form in `-ed` the tagger read as an adjective ("The ministry *accused*
/// France …"), then an irregular past tense it read as a singular noun ("The Egyptian
/// president *spoke* by phone with …") is considered the same way.
fn main_verb<S: AsRef<str>>(
    words: &[S],
    tags: &[u16],
    tagger: &Tagger,
    lemmatizer: &Lemmatizer,
    past: u16,
    fixed: &mut Vec<Option<u16>>,
) -> bool {
    let xpos = |i: usize| tagger.class(tags[i]).xpos;
    let Some(i) = verbless_candidate(words, tags, tagger, "VBN", |w| {
        let w = w.to_lowercase();
        w.ends_with("en") || w.ends_with("wn")
    })
    .or_else(|| {
        // (A past form read as an adjective: "The ministry *accused* France …".)
        verbless_candidate(words, tags, tagger, "JJ", |w| {
            !(w.ends_with("ed") && w.starts_with(|c: char| c.is_lowercase()))
        })
    })
    .or_else(|| {
        verbless_candidate(words, tags, tagger, "NN", |w| {
            !w.starts_with(|c: char| c.is_lowercase()) || !lemmatizer.is_irregular_past(w)
        })
    }) else {
        return false;
    };
    // (Or the comma closing an apposition to a name that opens the sentence: "Gen. Moise
    // Minoungou, chief of general staff of the Burkinabe armed forces, *praised* …".)
    let apposition = words[i - 1].as_ref() == ","
        && matches!(xpos(0), "NNP" | "NNPS")
        && (1..i - 1).filter(|&j| words[j].as_ref() == ",").count() == 1;
    // (A regnal number ends a name too: "King Mohammed VI *congratulated* …".)
    let regnal = i >= 2
        && matches!(xpos(i - 2), "NNP" | "NNPS")
        && words[i - 1]
            .as_ref()
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
    // (A capitalised first word the tagger read as an adjective is a name: "Senegal
    // *denounced* the coup".)
    let name_first = i == 1
        && xpos(0) == "JJ"
        && words[0]
            .as_ref()
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
    let subject = apposition
        || regnal
        || name_first
        || matches!(xpos(i - 1), "NN" | "NNS" | "NNP" | "NNPS" | "PRP");
    // What follows begins an object, a complement ("called on", "met in Tunis") or
    // nothing more (the sentence's end).
    let complement = matches!(
        tagger.class(tags[i + 1]).upos,
        Upos::Det
            | Upos::Noun
            | Upos::Propn
            | Upos::Pron
            | Upos::Num
            | Upos::Adj
            | Upos::Adp
            | Upos::Adv
            | Upos::Punct
    );
    if subject && complement {
        fix(fixed, words.len(), i, past);
    }
    subject && complement
}

/// In a sentence the tagger left without a finite verb (or whose first finite verb follows
/// "and"/"but", a second conjunct: the first is searched), the first inner word tagged `xpos`
/// that `skip` does not rule out; `None` when the sentence has a finite verb or no such word.
fn verbless_candidate<S: AsRef<str>>(
    words: &[S],
    tags: &[u16],
    tagger: &Tagger,
    xpos: &str,
    skip: impl Fn(&str) -> bool,
) -> Option<usize> {
    let tag = |i: usize| tagger.class(tags[i]).xpos;
    // Without a finite verb; or with a first one that only continues a coordination ("A top
    // official today praised … *and said* …"): the first conjunct is then searched.
    let end = match (0..words.len()).find(|&i| matches!(tag(i), "VBD" | "VBZ" | "VBP" | "MD")) {
        None => words.len(),
        Some(f) if f >= 3 && matches!(words[f - 1].as_ref(), "and" | "but") => f - 1,
        Some(_) => return None,
    };
    (1..end.saturating_sub(1)).find(|&i| tag(i) == xpos && !skip(words[i].as_ref()))
}

/// Marks in `fixed` (as the present-tense class `present`) the verb of a sentence that the
/// tagger left without a finite verb, when it read a headline-style present form after a name
/// as a plural noun: "The United States *urges* governments …", "Morocco *condemns* the
/// attack". The word must be lower case, end in `-s`, follow a proper noun and precede the start
/// of a noun phrase or a preposition; true when it was marked.
fn present_verb<S: AsRef<str>>(
    words: &[S],
    tags: &[u16],
    tagger: &Tagger,
    present: u16,
    fixed: &mut Vec<Option<u16>>,
) -> bool {
    let xpos = |i: usize| tagger.class(tags[i]).xpos;
    let Some(i) = verbless_candidate(words, tags, tagger, "NNS", |_| false) else {
        return false;
    };
    let w = words[i].as_ref();
    let lower_s =
        w.ends_with('s') && !w.ends_with("ss") && w.chars().all(|c| c.is_ascii_lowercase());
    let name_before = matches!(xpos(i - 1), "NNP" | "NNPS");
    let complement = matches!(
        xpos(i + 1),
        "DT" | "PRP$" | "NN" | "NNS" | "NNP" | "NNPS" | "JJ" | "CD" | "IN" | "TO" | "PRP"
    );
    if lower_s && name_before && complement {
        fix(fixed, words.len(), i, present);
    }
    lower_s && name_before && complement
}

/// Verbs that take a mandative clause, whose verb is a bare base form ("demanded that Russia
/// *withdraw* its troops"), matched on the start of the form, ignoring case.
const MANDATIVE_STEMS: &[&str] = &[
    "demand",
    "insist",
    "urg",
    "request",
    "recommend",
    "propos",
    "requir",
    "order",
    "command",
    "decree",
    "stipulat",
    "ask",
];

/// Words that never begin a mandative clause's verb (prepositions, conjunctions, pronouns).
const CLOSED_WORDS: &[&str] = &[
    "of", "in", "on", "at", "for", "with", "to", "from", "by", "about", "against", "into", "over",
    "under", "after", "before", "during", "without", "within", "between", "among", "through",
    "across", "toward", "towards", "and", "or", "but", "nor", "who", "whom", "whose", "which",
    "that", "as", "than", "if", "when", "while", "because", "so", "not", "also", "only", "all",
    "both", "each", "its", "their", "his", "her", "own", "self",
];

/// Marks in `fixed` (as the base-form class `base`) the verb of a mandative clause that the
/// tagger, reading a bare form right after a name, took for a preposition or a noun: "demanded
/// that Russia *withdraw* its troops", "are demanding that President Mugabe *abandon* his
/// policy". The clause follows a mandative verb and "that"; its subject is a short noun phrase
/// ending in a name, noun or pronoun; the word is lower case, not a function word, does not end
/// in a plural `-s`, and is followed by the start of an object or a preposition. True when a
/// word was marked.
fn subjunctive_verb<S: AsRef<str>>(
    words: &[S],
    tags: &[u16],
    tagger: &Tagger,
    base: u16,
    fixed: &mut Vec<Option<u16>>,
) -> bool {
    let n = words.len();
    let upos = |i: usize| tagger.class(tags[i]).upos;
    let mut marked = false;
    for j in 1..n.saturating_sub(2) {
        if !words[j].as_ref().eq_ignore_ascii_case("that") || upos(j - 1) != Upos::Verb {
            continue;
        }
        let verb = words[j - 1].as_ref();
        if !MANDATIVE_STEMS.iter().any(|s| {
            verb.get(..s.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(s))
        }) {
            continue;
        }
        // The subject: determiners, adjectives, names, nouns (a plural noun stays in it).
        let mut i = j + 1;
        while i < n && i <= j + 6 {
            let w = words[i].as_ref();
            let lower = w.starts_with(|c: char| c.is_ascii_lowercase());
            let head_before =
                i > j + 1 && matches!(upos(i - 1), Upos::Propn | Upos::Noun | Upos::Pron);
            let plural = w.ends_with('s') && !w.ends_with("ss");
            if lower && head_before && !plural {
                break;
            }
            if !matches!(
                upos(i),
                Upos::Det | Upos::Adj | Upos::Propn | Upos::Noun | Upos::Pron | Upos::Num
            ) {
                i = n;
                break;
            }
            i += 1;
        }
        if i + 1 >= n || i > j + 6 {
            continue;
        }
        let w = words[i].as_ref();
        let next = upos(i + 1);
        if matches!(upos(i), Upos::Adp | Upos::Noun | Upos::Adj)
            && w.chars().all(|c| c.is_ascii_lowercase())
            && w.len() > 2
            && !CLOSED_WORDS.contains(&w)
            && matches!(
                next,
                Upos::Det
                    | Upos::Pron
                    | Upos::Noun
                    | Upos::Propn
                    | Upos::Adj
                    | Upos::Num
                    | Upos::Adp
            )
        {
            fix(fixed, n, i, base);
            marked = true;
        }
    }
    marked
}

/// Fixes word `i` of an `n`-word sentence to `class` (an empty `fixed` fixes none yet).
fn fix(fixed: &mut Vec<Option<u16>>, n: usize, i: usize, class: u16) {
    if fixed.is_empty() {
        fixed.resize(n, None);
    }
    fixed[i] = Some(class);
}

/// Words that title case capitalises without making them names.
const TITLE_CASE_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "but", "nor", "for", "to", "in", "on", "at", "by", "with",
    "from", "into", "as", "is", "are", "was", "were", "be",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_before_a_verb_is_a_noun_and_a_first_conjunct_gets_its_verb() {
        let p = Pipeline::load_default().unwrap();
        let words: Vec<&str> =
            "A top U.S. official today praised Haiti 's efforts to improve its record on human rights and said it was an important partner for the United States ."
                .split(' ')
                .collect();
        let a = p.annotate(&words);
        assert_eq!((a.upos[3], a.xpos[3]), (Upos::Noun, "NN"));
        assert_eq!((a.xpos[5], a.deprel[5]), ("VBD", "root"));
        // Before a noun, "official" stays an adjective.
        let words: Vec<&str> = "The minister made an official visit to Rabat ."
            .split(' ')
            .collect();
        assert_eq!(p.annotate(&words).upos[4], Upos::Adj);
    }

    #[test]
    fn a_mandative_clause_keeps_its_bare_verb() {
        let p = Pipeline::load_default().unwrap();
        for (text, verb) in [
            (
                "The United States demanded that Russia withdraw its troops from Ukraine .",
                6,
            ),
            (
                "Algeria demanded that President Ghazouani abandon the plan .",
                5,
            ),
        ] {
            let words: Vec<&str> = text.split(' ').collect();
            let a = p.annotate(&words);
            assert_eq!((a.upos[verb], a.xpos[verb]), (Upos::Verb, "VB"), "{text}");
            assert_eq!(a.deprel[verb], "ccomp", "{text}");
        }
        // An indicative clause after a mandative verb is left as tagged.
        let words: Vec<&str> = "The report suggests that Mali withdrew its troops ."
            .split(' ')
            .collect();
        let a = p.annotate(&words);
        assert_eq!(a.xpos[5], "VBD");
    }

    #[test]
    fn a_closing_attribution_is_parsed_apart_and_hung_from_the_clause() {
        let p = Pipeline::load_default().unwrap();
        let words: Vec<&str> =
            "Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday , witnesses said ."
                .split(' ')
                .collect();
        let a = p.annotate(&words);
        let at = attribution(&words, &a.upos);
        assert_eq!(
            at,
            Some(Attribution {
                comma: 9,
                tail: 10,
                end: 12,
                according: false
            })
        );
        // "said" is the root, "demonstrated" its complement, "Thousands" the complement's
        // subject.
        assert_eq!(a.head[11], 0, "{:?} {:?}", a.head, a.deprel);
        assert_eq!((a.head[4], a.deprel[4]), (12, "ccomp"));
        assert_eq!((a.head[0], a.deprel[0]), (5, "nsubj"));
        assert_eq!((a.head[10], a.deprel[10]), (12, "nsubj"));
        assert_eq!((a.head[9], a.head[12]), (5, 12), "comma and full stop");
        for s in [
            "He said that Morocco , Mauritania and Mali met .",
            "Morocco met Mauritania , and Mali said nothing .",
            "Officials met , the ministry said that talks began .",
        ] {
            let words: Vec<&str> = s.split(' ').collect();
            let a = p.annotate(&words);
            assert_eq!(attribution(&words, &a.upos), None, "{s}");
        }
        let words: Vec<&str> = "Troops killed 46 civilians , according to the governor ."
            .split(' ')
            .collect();
        let a = p.annotate(&words);
        assert!(attribution(&words, &a.upos).is_some_and(|x| x.according));
        assert_eq!((a.head[8], a.deprel[8]), (2, "obl"));
    }

    #[test]
    fn name_particles_between_proper_nouns_are_proper_nouns() {
        let p = Pipeline::load_default().unwrap();
        let words: Vec<&str> = "President Mohamed Ould Ghazouani met with Ahmed Ould Daddah ."
            .split(' ')
            .collect();
        let a = p.annotate(&words);
        assert_eq!(a.upos[2], Upos::Propn, "{:?}", a.upos);
        assert_eq!(a.upos[7], Upos::Propn, "{:?}", a.upos);
        assert_eq!(a.lemma[2], "Ould");
        // "met" heads the clause, with the name as its subject.
        assert_eq!(a.head[4], 0);
        assert_eq!(a.deprel[1], "nsubj");
        // A title-case conjunction and a pronoun are left as they are.
        let words: Vec<&str> = "Morocco And Mauritania said I Will Go ."
            .split(' ')
            .collect();
        let a = p.annotate(&words);
        assert_eq!(a.upos[1], Upos::Cconj, "{:?}", a.upos);
        assert_eq!(a.upos[4], Upos::Pron, "{:?}", a.upos);
    }

    #[test]
    fn a_sentence_without_a_finite_verb_gets_its_past_tense_verb() {
        let p = Pipeline::load_default().unwrap();
        let words: Vec<&str> = "Russian police arrested students in Moscow today ."
            .split(' ')
            .collect();
        let a = p.annotate(&words);
        assert_eq!((a.upos[2], a.xpos[2]), (Upos::Verb, "VBD"), "{:?}", a.xpos);
        assert_eq!(a.head[2], 0, "{:?}", a.head);
        assert_eq!(a.deprel[1], "nsubj");
        assert_eq!(a.deprel[3], "obj");
        let words: Vec<&str> =
            "Morocco 's foreign minister called on Algeria to reopen the border ."
                .split(' ')
                .collect();
        let a = p.annotate(&words);
        assert_eq!(a.xpos[4], "VBD", "{:?}", a.xpos);
        assert_eq!(a.head[4], 0, "{:?}", a.head);
        let words: Vec<&str> = "The Algerian and Tunisian presidents met in Tunis ."
            .split(' ')
            .collect();
        assert_eq!(p.annotate(&words).head[5], 0);
        let words: Vec<&str> = "Moroccan and Mauritanian officials discussed border security ."
            .split(' ')
            .collect();
        let a = p.annotate(&words);
        assert_eq!(a.upos[0], Upos::Adj, "{:?}", a.upos);
        assert_eq!(a.head[4], 0, "{:?}", a.head);
        // After the apposition of a name that opens the sentence.
        let words = [
            "Gen.",
            "Moise",
            "Minoungou",
            ",",
            "chief",
            "of",
            "general",
            "staff",
            "of",
            "the",
            "Burkinabe",
            "armed",
            "forces",
            ",",
            "praised",
            "the",
            "nations",
            ".",
        ];
        let a = p.annotate(&words);
        assert_eq!((a.xpos[14], a.deprel[14]), ("VBD", "root"), "{:?}", a.xpos);
        // A past form read as an adjective ("the accused man").
        let words: Vec<&str> = "The ministry accused France of interfering ."
            .split(' ')
            .collect();
        let a = p.annotate(&words);
        assert_eq!((a.xpos[2], a.deprel[2]), ("VBD", "root"), "{:?}", a.xpos);
        // An irregular past read as a noun ("spoke" is also a wheel's spoke).
        let words: Vec<&str> = "The Egyptian president spoke by phone with the army chief ."
            .split(' ')
            .collect();
        let a = p.annotate(&words);
        assert_eq!((a.xpos[3], a.deprel[3]), ("VBD", "root"), "{:?}", a.xpos);
        assert_eq!(a.lemma[3], "speak");
        // A participle after a finite verb, and one that is never past tense, stay participles.
        for (text, i) in [
            ("Police said protesters arrested in Moscow were freed .", 3),
            ("Photos taken at the rally .", 1),
        ] {
            let words: Vec<&str> = text.split(' ').collect();
            let a = p.annotate(&words);
            assert_eq!(a.xpos[i], "VBN", "{text}: {:?}", a.xpos);
        }
    }

    #[test]
    fn a_place_read_as_an_adjective_that_modifies_nothing_is_a_name() {
        let p = Pipeline::load_default().unwrap();
        let words: Vec<&str> = "Senegal and Gambia held consultations on fishing rights ."
            .split(' ')
            .collect();
        let a = p.annotate(&words);
        assert_eq!(
            (a.upos[0], a.deprel[0]),
            (Upos::Propn, "nsubj"),
            "{:?}",
            a.upos
        );
        assert_eq!(a.head[3], 0, "{:?}", a.head);
        // A place that is no ordinary word, whatever follows.
        let words: Vec<&str> = "Senegal wants to deepen its ties with Morocco ."
            .split(' ')
            .collect();
        let a = p.annotate(&words);
        assert_eq!((a.upos[0], a.xpos[1]), (Upos::Propn, "VBZ"), "{:?}", a.xpos);
        // An adjective before its noun stays one.
        let words: Vec<&str> = "Moroccan officials met in Rabat .".split(' ').collect();
        assert_eq!(p.annotate(&words).upos[0], Upos::Adj);
    }

    #[test]
    fn a_present_form_after_a_name_is_the_verb_of_a_verbless_sentence() {
        let p = Pipeline::load_default().unwrap();
        let words = [
            "The",
            "United",
            "States",
            "urges",
            "governments",
            "in",
            "Africa",
            "to",
            "reject",
            "this",
            "group",
            ".",
        ];
        let a = p.annotate(&words);
        assert_eq!(a.xpos[3], "VBZ", "{:?}", a.xpos);
        assert_eq!(a.deprel[3], "root");
        // A plural after a common noun stays a noun.
        let words = ["Moroccan", "phosphate", "exports", "to", "India"];
        let a = p.annotate(&words);
        assert_eq!(a.xpos[2], "NNS", "{:?}", a.xpos);
    }

    #[test]
    fn pipeline_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Pipeline>();
        assert_send_sync::<Annotated>();
    }

    #[test]
    fn default_model_loads_and_round_trips_byte_identically() {
        let p = Pipeline::load_default().unwrap();
        assert_eq!(p.to_bytes(), DEFAULT_MODEL);
    }

    #[test]
    fn damaged_models_fail_with_typed_errors() {
        let mut bytes = DEFAULT_MODEL.to_vec();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0x40;
        assert!(matches!(
            Pipeline::from_bytes(&bytes),
            Err(Error::Checksum { .. })
        ));
        let mut old = DEFAULT_MODEL.to_vec();
        old[8..12].copy_from_slice(&0u32.to_le_bytes());
        let e = Pipeline::from_bytes(&old).unwrap_err();
        assert!(matches!(e, Error::FormatVersion { found: 0, .. }), "{e}");
        assert!(e.to_string().contains("regenerate"));
        assert!(matches!(
            Pipeline::from_bytes(b"not a model"),
            Err(Error::BadMagic)
        ));
    }

    #[test]
    fn long_sentences_are_parsed_in_bounded_pieces() {
        let p = Pipeline::load_default().unwrap().with_max_parse_words(10);
        let words: Vec<String> = (0..35)
            .map(|i| {
                if i % 7 == 6 {
                    ".".to_string()
                } else {
                    format!("word{i}")
                }
            })
            .collect();
        let a = p.annotate(&words);
        assert_eq!(a.len(), 35);
        assert_eq!(a.parse_pieces, 4);
        assert_eq!(a.head.iter().filter(|&&h| h == 0).count(), 1);
        assert!(a.head.iter().all(|&h| h as usize <= 35));
        let empty: [&str; 0] = [];
        assert!(p.annotate(&empty).is_empty());
    }

    #[test]
    fn annotates_a_passive_sentence() {
        let p = Pipeline::load_default().unwrap();
        let a = p.annotate(&["Eriador", "was", "opposed", "by", "Osgiliath", "."]);
        assert_eq!(a.upos[2], Upos::Verb);
        assert_eq!(a.lemma[2], "oppose");
        assert_eq!(a.head[0], 3);
        assert_eq!(a.deprel[0], "nsubj:pass");
    }
}
