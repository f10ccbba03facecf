//! Keeping the dictionaries alive: what the lexicon and the verb patterns missed.
//!
//! The field's main upkeep is reading coded text for what the dictionaries do not know. A
//! [`Harvest`] collects, over many documents,
//!
//! - **phrases**: noun phrases in argument positions (subject, object, oblique, apposition,
//!   conjunct, nominal modifier) headed by a proper noun or a title word ("minister",
//!   "general", the last word of an agent of the lexicon) that overlap no actor mention, so
//!   got no code: new office holders, organisations and spelling variants;
//! - **predicates**: verbs with a coded actor in their subject and another in their object or
//!   oblique, where no event was coded: verbs and prepositions the verb patterns lack.
//!
//! Each item is counted with the number of documents it appears in and a few example
//! sentences, and written as TSV sorted by frequency, ready for review into the overlay
//! (`crates/dyad-lexicon/lexicon/overlay.toml`) or the verb patterns.
//!
//! ```
//! use dyad_coder::Coder;
//! use dyad_coder::harvest::Harvest;
//! use dyad_lexicon::DictDate;
//!
//! let coder = Coder::builder().build().unwrap();
//! let mut harvest = Harvest::new(&coder, 2);
//! let text = "Zorblat Minister Quentin Vexmoor met with the Moroccan Foreign Minister.";
//! harvest.add_document(&coder, "doc", text, None, DictDate::from_civil(jiff::civil::date(2024, 5, 2)));
//! assert!(harvest.phrases().any(|p| p.text.contains("Quentin Vexmoor")));
//! ```

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

use dyad_lexicon::resolve::DocumentResolver;
use dyad_lexicon::{ActorMention, DictDate, TokenRef};
use dyad_nlp::{Annotated, NerTag, Upos};
use dyad_text::{Segmented, Span};

use crate::coder::{CodeBuffers, Coder};
use crate::record::flat;

/// What kind of gap an item shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    /// A noun phrase headed by a proper noun or a title that got no code.
    Phrase,
    /// A verb between coded actors that matched no pattern.
    Predicate,
}

impl ItemKind {
    /// The name written in the TSV.
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Phrase => "phrase",
            ItemKind::Predicate => "predicate",
        }
    }
}

/// One harvested item.
#[derive(Debug, Clone)]
pub struct Item {
    /// Phrase or predicate.
    pub kind: ItemKind,
    /// The phrase as first seen, or the predicate as `lemma` / `lemma preposition`.
    pub text: String,
    /// What the head is: the entity type the recogniser gave (`PER`, `ORG`, `LOC`), `title`
    /// or `propn` for phrases; the coded source and target (`USAGOV>MARGOV`) first seen
    /// for predicates.
    pub detail: String,
    /// How many times it was seen.
    pub count: usize,
    /// In how many documents.
    pub documents: usize,
    /// Example sentences, as `doc_id: sentence`.
    pub examples: Vec<String>,
    last_doc: u64,
}

/// Harvested gaps over a set of documents. See the module documentation.
#[derive(Debug)]
pub struct Harvest {
    titles: HashSet<String>,
    items: HashMap<(ItemKind, String), Item>,
    max_examples: usize,
    documents: u64,
    seg: Segmented,
    ann: Annotated,
    words: Vec<String>,
    kids: Vec<Vec<u32>>,
    code_buf: CodeBuffers,
}

/// Relations of a noun phrase's head that make it an argument worth reporting.
fn argument_relation(rel: &str) -> bool {
    matches!(
        rel,
        "nsubj"
            | "nsubj:pass"
            | "obj"
            | "iobj"
            | "obl"
            | "obl:agent"
            | "obl:tmod"
            | "nmod"
            | "nmod:poss"
            | "appos"
            | "conj"
            | "root"
    )
}

/// Relations whose subtrees belong to the head's own phrase.
fn phrase_relation(rel: &str) -> bool {
    matches!(
        rel,
        "compound" | "flat" | "flat:name" | "amod" | "nmod" | "case" | "det" | "nummod" | "cc"
    ) || rel == "conj"
}

impl Harvest {
    /// An empty harvest keeping up to `max_examples` example sentences per item. Title words
    /// are the last words of the coder's lexicon's agents ("minister", "general").
    pub fn new(coder: &Coder, max_examples: usize) -> Harvest {
        let titles = coder
            .lexicon()
            .agents()
            .iter()
            .filter_map(|a| a.keys.last())
            .filter(|k| k.chars().all(char::is_alphabetic) && k.chars().count() > 2)
            .cloned()
            .collect();
        Harvest {
            titles,
            items: HashMap::new(),
            max_examples,
            documents: 0,
            seg: Segmented::default(),
            ann: Annotated::default(),
            words: Vec::new(),
            kids: Vec::new(),
            code_buf: CodeBuffers::default(),
        }
    }

    /// Harvests one document, whose actors are resolved at `date`.
    pub fn add_document(
        &mut self,
        coder: &Coder,
        doc_id: &str,
        text: &str,
        lang: Option<&str>,
        date: DictDate,
    ) {
        self.documents += 1;
        let events = coder.code_document(text, lang, date, &mut self.code_buf);
        // Every report of an event is among its mentions (the first being its own trigger).
        let coded: HashSet<usize> = events
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| m.trigger.start))
            .collect();
        coder.segmenter().segment_into(text, lang, &mut self.seg);
        let mut resolver = DocumentResolver::new(coder.lexicon(), date);
        let mut refs: Vec<TokenRef<'_>> = Vec::new();
        let seg = std::mem::take(&mut self.seg);
        for s in &seg.sentences {
            refs.clear();
            refs.extend(s.tokens.clone().map(|i| TokenRef {
                span: seg.tokens.as_slice()[i].span,
                folded: seg.tokens.folded(i),
            }));
            let mentions = resolver.sentence_tokens(text, &refs);
            if !s.kind.is_codable() || s.tokens.is_empty() {
                continue;
            }
            let n = s.tokens.len();
            self.words.clear();
            self.words.extend(
                s.tokens
                    .clone()
                    .map(|i| seg.tokens.text(i, text).to_string()),
            );
            coder.pipeline().annotate_into(&self.words, &mut self.ann);
            self.kids.resize_with(n, Vec::new);
            for k in self.kids.iter_mut() {
                k.clear();
            }
            for k in 0..n {
                let h = self.ann.head[k] as usize;
                if h > 0 && h <= n {
                    self.kids[h - 1].push(k as u32);
                }
            }
            let spans: Vec<Span> = refs.iter().map(|r| r.span).collect();
            let folded: Vec<&str> = refs.iter().map(|r| r.folded).collect();
            let sentence = flat(s.span.slice(text));
            let example = format!("{doc_id}: {sentence}");
            let sentence_view = SentenceView {
                ann: &self.ann,
                kids: &self.kids[..n],
                spans: &spans,
                folded: &folded,
                mentions: &mentions,
            };
            let mut found: Vec<(ItemKind, String, String, String)> = Vec::new();
            phrases(&sentence_view, &self.titles, text, &mut found);
            predicates(&sentence_view, &coded, &mut found);
            for (kind, key, shown, detail) in found {
                let doc = self.documents;
                let item = self.items.entry((kind, key)).or_insert_with(|| Item {
                    kind,
                    text: shown,
                    detail,
                    count: 0,
                    documents: 0,
                    examples: Vec::new(),
                    last_doc: 0,
                });
                item.count += 1;
                if item.last_doc != doc {
                    item.last_doc = doc;
                    item.documents += 1;
                }
                if item.examples.len() < self.max_examples && !item.examples.contains(&example) {
                    item.examples.push(example.clone());
                }
            }
        }
        self.seg = seg;
    }

    /// The phrases found, in no particular order.
    pub fn phrases(&self) -> impl Iterator<Item = &Item> {
        self.items.values().filter(|i| i.kind == ItemKind::Phrase)
    }

    /// The predicates found, in no particular order.
    pub fn predicates(&self) -> impl Iterator<Item = &Item> {
        self.items
            .values()
            .filter(|i| i.kind == ItemKind::Predicate)
    }

    /// Every item seen at least `min_count` times, most frequent first (then by kind and
    /// text, so the order is stable).
    pub fn sorted(&self, min_count: usize) -> Vec<&Item> {
        let mut items: Vec<&Item> = self
            .items
            .values()
            .filter(|i| i.count >= min_count)
            .collect();
        items.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(b.documents.cmp(&a.documents))
                .then(a.kind.cmp(&b.kind))
                .then(a.text.cmp(&b.text))
        });
        items
    }

    /// Writes the items seen at least `min_count` times as TSV with a header: `kind`,
    /// `count`, `documents`, `text`, `detail`, `examples` (joined by ` | `).
    pub fn write_tsv(&self, out: &mut dyn Write, min_count: usize) -> io::Result<()> {
        writeln!(out, "kind\tcount\tdocuments\ttext\tdetail\texamples")?;
        for i in self.sorted(min_count) {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}",
                i.kind.name(),
                i.count,
                i.documents,
                i.text,
                i.detail,
                i.examples.join(" | ")
            )?;
        }
        Ok(())
    }
}

/// One parsed sentence with its actor mentions.
struct SentenceView<'a> {
    ann: &'a Annotated,
    kids: &'a [Vec<u32>],
    spans: &'a [Span],
    folded: &'a [&'a str],
    mentions: &'a [ActorMention],
}

impl SentenceView<'_> {
    fn overlaps_mention(&self, span: Span) -> Option<&ActorMention> {
        self.mentions
            .iter()
            .find(|m| m.span.start < span.end && span.start < m.span.end)
    }

    /// The byte span of `k`'s subtree through relations `keep` accepts.
    fn phrase_span(&self, k: usize, keep: &dyn Fn(&str) -> bool) -> (usize, usize) {
        let (mut lo, mut hi) = (k, k);
        let mut stack = vec![k];
        while let Some(t) = stack.pop() {
            lo = lo.min(t);
            hi = hi.max(t);
            for &c in &self.kids[t] {
                if keep(self.ann.deprel[c as usize]) {
                    stack.push(c as usize);
                }
            }
        }
        (lo, hi)
    }

    fn span_of(&self, lo: usize, hi: usize) -> Span {
        Span {
            start: self.spans[lo].start,
            end: self.spans[hi].end,
        }
    }
}

fn ner_name(tag: NerTag) -> Option<&'static str> {
    match tag {
        NerTag::O => None,
        NerTag::B(t) | NerTag::I(t) => Some(t.as_str()),
    }
}

fn phrases(
    v: &SentenceView<'_>,
    titles: &HashSet<String>,
    text: &str,
    out: &mut Vec<(ItemKind, String, String, String)>,
) {
    let n = v.spans.len();
    for k in 0..n {
        let rel = v.ann.deprel[k];
        if !argument_relation(rel) {
            continue;
        }
        let word = &text[v.spans[k].start..v.spans[k].end];
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        // Calendar words and word pieces ("de-" of "de-escalate") are not names.
        if !capitalised || dyad_text::calendar::is_day_or_month(v.folded[k]) {
            continue;
        }
        let is_title = titles.contains(v.folded[k]);
        let proper = v.ann.upos[k] == Upos::Propn;
        // A title counts when written as one ("Minister", not "rights" in "human rights").
        let title = v.ann.upos[k] == Upos::Noun && is_title;
        if !proper && !title {
            continue;
        }
        // A proper noun inside a larger name is reported with its head.
        let (mut lo, hi) = v.phrase_span(k, &|r| phrase_relation(r) && r != "conj" && r != "cc");
        // Leading determiners and prepositions are not part of the name.
        while lo < k && matches!(v.ann.deprel[lo], "det" | "case" | "cc" | "punct") {
            lo += 1;
        }
        let span = v.span_of(lo, hi);
        if v.overlaps_mention(span).is_some() {
            continue;
        }
        // A lone title word ("the Secretary") is coreference's business, not the lexicon's.
        if is_title && lo == hi {
            continue;
        }
        let shown = flat(span.slice(text));
        let key = v.folded[lo..=hi].join(" ");
        let detail = ner_name(v.ann.ner[k])
            .unwrap_or(if proper { "propn" } else { "title" })
            .to_string();
        out.push((ItemKind::Phrase, key, shown, detail));
    }
}

fn predicates(
    v: &SentenceView<'_>,
    coded: &HashSet<usize>,
    out: &mut Vec<(ItemKind, String, String, String)>,
) {
    let n = v.spans.len();
    let all = |_: &str| true;
    for k in 0..n {
        if v.ann.upos[k] != Upos::Verb || coded.contains(&v.spans[k].start) {
            continue;
        }
        let mut source: Option<&ActorMention> = None;
        let mut target: Option<(&ActorMention, Option<&str>)> = None;
        for &c in &v.kids[k] {
            let c = c as usize;
            let rel = v.ann.deprel[c];
            let (lo, hi) = v.phrase_span(c, &all);
            let Some(m) = v.overlaps_mention(v.span_of(lo, hi)) else {
                continue;
            };
            match rel {
                "nsubj" | "obl:agent" if source.is_none() => source = Some(m),
                "obj" | "iobj" | "nsubj:pass" if target.is_none() => target = Some((m, None)),
                "obl" if target.is_none() => {
                    let prep = v.kids[c]
                        .iter()
                        .map(|&g| g as usize)
                        .find(|&g| v.ann.deprel[g] == "case")
                        .map(|g| v.folded[g]);
                    target = Some((m, prep));
                }
                _ => {}
            }
        }
        let (Some(s), Some((t, prep))) = (source, target) else {
            continue;
        };
        // The same actor on both sides ("the United States is isolating … from the U.S.
        // financial system") is no dyad.
        if s.span == t.span || s.code == t.code {
            continue;
        }
        let lemma = v.ann.lemma[k].to_lowercase();
        let key = match prep {
            Some(p) => format!("{lemma} {p}"),
            None => lemma,
        };
        let detail = format!("{}>{}", s.code, t.code);
        out.push((ItemKind::Predicate, key.clone(), key, detail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn harvest(texts: &[&str]) -> Harvest {
        let coder = Coder::builder().build().unwrap();
        let mut h = Harvest::new(&coder, 3);
        for (i, t) in texts.iter().enumerate() {
            h.add_document(
                &coder,
                &format!("d{i}"),
                t,
                None,
                DictDate::from_civil(jiff::civil::date(2024, 5, 2)),
            );
        }
        h
    }

    #[test]
    fn unknown_titled_person_is_harvested_and_known_one_is_not() {
        let h = harvest(&[
            "Zorblat Minister Quentin Vexmoor met with Moroccan Foreign Minister Nasser Bourita.",
            "Quentin Vexmoor later travelled to Rabat.",
        ]);
        let texts: Vec<&str> = h.phrases().map(|p| p.text.as_str()).collect();
        assert!(
            texts.iter().any(|t| t.contains("Quentin Vexmoor")),
            "{texts:?}"
        );
        assert!(!texts.iter().any(|t| t.contains("Bourita")), "{texts:?}");
    }

    #[test]
    fn counts_and_documents_are_kept_apart() {
        let h = harvest(&[
            "Quentin Vexmoor arrived in Paris. Quentin Vexmoor left on Monday.",
            "Quentin Vexmoor arrived in Paris.",
        ]);
        let item = h
            .phrases()
            .find(|p| p.text == "Quentin Vexmoor")
            .expect("harvested");
        assert_eq!(item.count, 3);
        assert_eq!(item.documents, 2);
        assert!(item.examples.len() <= 3);
    }

    #[test]
    fn uncoded_verb_between_actors_is_harvested() {
        let h = harvest(&["Morocco outflanked Algeria at the summit."]);
        let preds: Vec<String> = h
            .predicates()
            .map(|p| format!("{} {}", p.text, p.detail))
            .collect();
        assert!(
            preds
                .iter()
                .any(|p| p.starts_with("outflank") && p.contains("MAR>DZA")),
            "{preds:?}"
        );
    }

    #[test]
    fn coded_verbs_are_not_harvested() {
        let h = harvest(&["Morocco met with Algeria."]);
        assert_eq!(h.predicates().count(), 0);
    }

    #[test]
    fn tsv_has_a_header_and_one_line_per_item() {
        let h = harvest(&["Quentin Vexmoor spoke. Quentin Vexmoor left."]);
        let mut out = Vec::new();
        h.write_tsv(&mut out, 1).unwrap();
        let s = String::from_utf8(out).unwrap();
        let mut lines = s.lines();
        assert_eq!(
            lines.next(),
            Some("kind\tcount\tdocuments\ttext\tdetail\texamples")
        );
        for l in lines {
            assert_eq!(l.split('\t').count(), 6, "{l}");
        }
    }
}
