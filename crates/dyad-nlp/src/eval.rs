//! Evaluation against gold corpora: tagging, lemmas and attachment on CoNLL-U, entities on IOB2.

use std::fmt;

use crate::conllu::Sentence;
use crate::iob2::{EntitySpan, EntityType, NerSentence, entity_spans};
use crate::pipeline::{Annotated, Pipeline};

/// Accuracy of tags, lemmas and dependencies on gold tokenisation with predicted tags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UdReport {
    /// Sentences evaluated.
    pub sentences: usize,
    /// Words evaluated (punctuation included, as in the CoNLL 2018 shared task).
    pub words: usize,
    /// Words with the right UPOS.
    pub upos: usize,
    /// Words with the right XPOS.
    pub xpos: usize,
    /// Words with the right lemma.
    pub lemma: usize,
    /// Words with the right head.
    pub uas: usize,
    /// Words with the right head and relation.
    pub las: usize,
}

fn pct(n: usize, d: usize) -> f64 {
    100.0 * n as f64 / d.max(1) as f64
}

impl UdReport {
    /// UPOS accuracy in percent.
    pub fn upos_pct(&self) -> f64 {
        pct(self.upos, self.words)
    }
    /// XPOS accuracy in percent.
    pub fn xpos_pct(&self) -> f64 {
        pct(self.xpos, self.words)
    }
    /// Lemma accuracy in percent.
    pub fn lemma_pct(&self) -> f64 {
        pct(self.lemma, self.words)
    }
    /// Unlabelled attachment score in percent.
    pub fn uas_pct(&self) -> f64 {
        pct(self.uas, self.words)
    }
    /// Labelled attachment score in percent.
    pub fn las_pct(&self) -> f64 {
        pct(self.las, self.words)
    }
}

impl fmt::Display for UdReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "sentences {}  words {}", self.sentences, self.words)?;
        writeln!(f, "UPOS   {:6.2}", self.upos_pct())?;
        writeln!(f, "XPOS   {:6.2}", self.xpos_pct())?;
        writeln!(f, "Lemma  {:6.2}", self.lemma_pct())?;
        writeln!(f, "UAS    {:6.2}", self.uas_pct())?;
        write!(f, "LAS    {:6.2}", self.las_pct())
    }
}

/// Annotates each gold sentence's words and scores the result.
pub fn evaluate_ud(pipeline: &Pipeline, sentences: &[Sentence]) -> UdReport {
    let mut r = UdReport::default();
    let mut a = Annotated::default();
    let mut forms: Vec<&str> = Vec::new();
    for s in sentences {
        forms.clear();
        forms.extend(s.words.iter().map(|w| w.form.as_str()));
        pipeline.annotate_into(&forms, &mut a);
        r.sentences += 1;
        for (i, w) in s.words.iter().enumerate() {
            r.words += 1;
            r.upos += usize::from(a.upos[i].as_str() == w.upos);
            r.xpos += usize::from(a.xpos[i] == w.xpos);
            r.lemma += usize::from(a.lemma[i] == w.lemma);
            if a.head[i] == w.head {
                r.uas += 1;
                r.las += usize::from(a.deprel[i] == w.deprel);
            }
        }
    }
    r
}

/// Span counts for one entity type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpanCounts {
    /// Predicted spans that match a gold span exactly.
    pub correct: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Gold spans.
    pub gold: usize,
}

impl SpanCounts {
    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        pct(self.correct, self.predicted)
    }
    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        pct(self.correct, self.gold)
    }
    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Exact-span precision, recall and F1 per entity type and over all types.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NerReport {
    /// Sentences evaluated.
    pub sentences: usize,
    /// Counts for PER, ORG and LOC, in [`EntityType::ALL`] order.
    pub per_type: [SpanCounts; 3],
}

impl NerReport {
    /// Counts over all types.
    pub fn micro(&self) -> SpanCounts {
        let mut m = SpanCounts::default();
        for c in &self.per_type {
            m.correct += c.correct;
            m.predicted += c.predicted;
            m.gold += c.gold;
        }
        m
    }
}

impl fmt::Display for NerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "sentences {}", self.sentences)?;
        writeln!(f, "type   precision  recall      F1   gold  predicted")?;
        for (t, c) in EntityType::ALL.iter().zip(&self.per_type) {
            writeln!(
                f,
                "{t:<5} {:10.2} {:7.2} {:7.2} {:6} {:10}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.predicted
            )?;
        }
        let m = self.micro();
        write!(
            f,
            "micro {:10.2} {:7.2} {:7.2} {:6} {:10}",
            m.precision(),
            m.recall(),
            m.f1(),
            m.gold,
            m.predicted
        )
    }
}

/// Annotates each gold sentence's words and scores the entities found.
pub fn evaluate_ner(pipeline: &Pipeline, sentences: &[NerSentence]) -> NerReport {
    let mut r = NerReport::default();
    let mut a = Annotated::default();
    for s in sentences {
        pipeline.annotate_into(&s.words, &mut a);
        r.sentences += 1;
        let gold = entity_spans(&s.tags);
        let pred = entity_spans(&a.ner);
        for g in &gold {
            r.per_type[g.ty as usize].gold += 1;
        }
        for p in &pred {
            let c = &mut r.per_type[p.ty as usize];
            c.predicted += 1;
            c.correct += usize::from(gold.contains(p));
        }
    }
    r
}

/// One sentence where the recogniser and the gold labels disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerDisagreement {
    /// The sentence's `# sent_id`, if the file gives one.
    pub sent_id: Option<String>,
    /// The sentence's words joined by spaces.
    pub text: String,
    /// Gold entities not found exactly: (type, words).
    pub missed: Vec<(EntityType, String)>,
    /// Entities found that are not gold exactly: (type, words).
    pub spurious: Vec<(EntityType, String)>,
}

impl fmt::Display for NerDisagreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "# {}", self.sent_id.as_deref().unwrap_or("-"))?;
        writeln!(f, "  {}", self.text)?;
        for (t, w) in &self.missed {
            writeln!(f, "  missed   {t} {w}")?;
        }
        for (t, w) in &self.spurious {
            writeln!(f, "  spurious {t} {w}")?;
        }
        Ok(())
    }
}

/// The sentences where the recogniser's entities differ from the gold ones, for error
/// analysis (on development data).
pub fn ner_disagreements(pipeline: &Pipeline, sentences: &[NerSentence]) -> Vec<NerDisagreement> {
    let mut out = Vec::new();
    let mut a = Annotated::default();
    for s in sentences {
        pipeline.annotate_into(&s.words, &mut a);
        let gold = entity_spans(&s.tags);
        let pred = entity_spans(&a.ner);
        let words = |sp: &EntitySpan| (sp.ty, s.words[sp.start..sp.end].join(" "));
        let missed: Vec<_> = gold
            .iter()
            .filter(|g| !pred.contains(g))
            .map(words)
            .collect();
        let spurious: Vec<_> = pred
            .iter()
            .filter(|p| !gold.contains(p))
            .map(words)
            .collect();
        if !missed.is_empty() || !spurious.is_empty() {
            out.push(NerDisagreement {
                sent_id: s.sent_id.clone(),
                text: s.words.join(" "),
                missed,
                spurious,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::parse_conllu;
    use crate::iob2::parse_iob2;
    use std::path::Path;

    #[test]
    fn ud_report_counts_words_and_attachments() {
        let text = "1\tMorocco\tMorocco\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
                    2\tsigned\tsign\tVERB\tVBD\t_\t0\troot\t_\t_\n\
                    3\tagreements\tagreement\tNOUN\tNNS\t_\t2\tobj\t_\t_\n\
                    4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
        let gold = parse_conllu(text, Path::new("<mem>")).unwrap();
        let r = evaluate_ud(&Pipeline::load_default().unwrap(), &gold);
        assert_eq!((r.sentences, r.words), (1, 4));
        assert_eq!(
            (r.upos, r.xpos, r.lemma, r.uas, r.las),
            (4, 4, 4, 4, 4),
            "{r}"
        );
        assert!(r.to_string().contains("LAS    100.00"), "{r}");
    }

    #[test]
    fn ner_report_scores_exact_spans() {
        let text = "1\tMorocco\tB-LOC\n2\tand\tO\n3\tMauritania\tB-LOC\n4\tsigned\tO\n5\tan\tO\n6\tagreement\tO\n\n";
        let gold = parse_iob2(text, Path::new("<mem>")).unwrap();
        let r = evaluate_ner(&Pipeline::load_default().unwrap(), &gold);
        let loc = r.per_type[EntityType::Loc as usize];
        assert_eq!((loc.gold, loc.predicted, loc.correct), (2, 2, 2), "{r}");
        assert_eq!(r.micro().f1(), 100.0);
        let none = SpanCounts::default();
        assert_eq!(
            (none.precision(), none.recall(), none.f1()),
            (0.0, 0.0, 0.0)
        );
    }

    #[test]
    fn ner_disagreements_list_missed_and_spurious_spans() {
        // Gold calls "signed" a person and misses Mauritania: one sentence, both kinds of error.
        let text = "# sent_id = s1\n1\tMorocco\tB-LOC\n2\tand\tO\n3\tMauritania\tO\n4\tsigned\tB-PER\n\n\
                    # sent_id = s2\n1\tMorocco\tB-LOC\n2\tsigned\tO\n\n";
        let gold = parse_iob2(text, Path::new("<mem>")).unwrap();
        let d = ner_disagreements(&Pipeline::load_default().unwrap(), &gold);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].sent_id.as_deref(), Some("s1"));
        assert_eq!(d[0].missed, vec![(EntityType::Per, "signed".to_string())]);
        assert_eq!(
            d[0].spurious,
            vec![(EntityType::Loc, "Mauritania".to_string())]
        );
        let shown = d[0].to_string();
        assert!(shown.contains("missed   PER signed"), "{shown}");
        assert!(shown.contains("spurious LOC Mauritania"), "{shown}");
    }
}
