//! Evaluation of sentence splitting and tokenisation against a Universal Dependencies file.
//!
//! Documents are reassembled from the `# newdoc`, `# newpar` and `# text` comments of a
//! CoNLL-U file (sentences of a paragraph joined by a space, paragraphs by a blank line), the
//! segmenter runs on the reassembled text, and its sentences and tokens are compared with the
//! gold ones by exact byte spans.

use std::fmt;
use std::io::BufRead;
use std::path::Path;

use crate::error::{Error, Result};
use crate::segment::Segmenter;
use crate::span::Span;

/// Precision, recall and F1 from counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prf {
    /// Items found that are in the gold standard.
    pub correct: usize,
    /// Items found.
    pub predicted: usize,
    /// Items in the gold standard.
    pub gold: usize,
}

impl Prf {
    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.correct as f64 / self.predicted as f64
        }
    }
    /// Recall (1 when there was nothing to find).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.correct as f64 / self.gold as f64
        }
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Adds counts comparing two sorted span lists.
    fn add(&mut self, predicted: &[Span], gold: &[Span]) {
        self.predicted += predicted.len();
        self.gold += gold.len();
        let (mut i, mut j) = (0, 0);
        while i < predicted.len() && j < gold.len() {
            match predicted[i].cmp(&gold[j]) {
                std::cmp::Ordering::Equal => {
                    self.correct += 1;
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }
    }
}

impl fmt::Display for Prf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:6.2}  R {:6.2}  F1 {:6.2}  ({} correct, {} predicted, {} gold)",
            100.0 * self.precision(),
            100.0 * self.recall(),
            100.0 * self.f1(),
            self.correct,
            self.predicted,
            self.gold
        )
    }
}

/// The figures of a split evaluation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SplitReport {
    /// Documents reassembled.
    pub documents: usize,
    /// Sentence boundaries (sentence ends, document ends excluded).
    pub boundaries: Prf,
    /// Whole sentences (start and end both right).
    pub sentences: Prf,
    /// Tokens (start and end both right).
    pub tokens: Prf,
    /// Gold tokens whose form could not be aligned with the text (left out of the token figures).
    pub unaligned_tokens: usize,
}

impl fmt::Display for SplitReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "documents            {}", self.documents)?;
        writeln!(f, "sentence boundaries  {}", self.boundaries)?;
        writeln!(f, "sentences (exact)    {}", self.sentences)?;
        writeln!(f, "tokens (exact)       {}", self.tokens)?;
        write!(f, "unaligned gold tokens {}", self.unaligned_tokens)
    }
}

#[derive(Debug, Default)]
struct GoldDoc {
    text: String,
    sentences: Vec<Span>,
    tokens: Vec<Span>,
    unaligned: usize,
}

/// Evaluates `segmenter` on the documents of a CoNLL-U file.
pub fn evaluate_split_conllu(path: &Path, segmenter: &Segmenter) -> Result<SplitReport> {
    let io = |source| Error::Io {
        path: path.into(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let docs = gold_documents(path, std::io::BufReader::new(file))?;
    let mut report = SplitReport {
        documents: docs.len(),
        ..Default::default()
    };
    for doc in &docs {
        let seg = segmenter.segment(&doc.text);
        let predicted: Vec<Span> = seg.sentences.iter().map(|s| s.span).collect();
        report.sentences.add(&predicted, &doc.sentences);
        let ends = |spans: &[Span]| -> Vec<Span> {
            spans
                .iter()
                .map(|s| Span::new(s.end, s.end))
                .filter(|s| s.end != doc.text.len())
                .collect()
        };
        report
            .boundaries
            .add(&ends(&predicted), &ends(&doc.sentences));
        let toks: Vec<Span> = seg.tokens.iter().map(|t| t.span).collect();
        report.tokens.add(&toks, &doc.tokens);
        report.unaligned_tokens += doc.unaligned;
    }
    Ok(report)
}

/// Reassembles the documents of a CoNLL-U file with their gold sentence and token spans.
fn gold_documents(path: &Path, reader: impl BufRead) -> Result<Vec<GoldDoc>> {
    let mut docs: Vec<GoldDoc> = Vec::new();
    let mut doc = GoldDoc::default();
    let mut sent_text: Option<String> = None;
    let mut forms: Vec<String> = Vec::new();
    let mut new_par = false;
    let mut mwt: Option<(String, usize, Vec<String>)> = None;
    let flush_sentence =
        |doc: &mut GoldDoc, text: &mut Option<String>, forms: &mut Vec<String>, new_par: bool| {
            let Some(t) = text.take() else {
                forms.clear();
                return;
            };
            if !doc.text.is_empty() {
                doc.text.push_str(if new_par { "\n\n" } else { " " });
            }
            let start = doc.text.len();
            doc.text.push_str(&t);
            doc.sentences.push(Span::new(start, doc.text.len()));
            // Align token forms with the sentence text.
            let mut pos = start;
            for form in forms.drain(..) {
                let rest = &doc.text[pos..];
                let skip = rest.len() - rest.trim_start().len();
                if doc.text[pos + skip..].starts_with(&form) {
                    let s = pos + skip;
                    doc.tokens.push(Span::new(s, s + form.len()));
                    pos = s + form.len();
                } else if let Some(off) = doc.text[pos..].find(&form) {
                    doc.unaligned += 1;
                    pos += off + form.len();
                } else {
                    doc.unaligned += 1;
                }
            }
        };
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| Error::Io {
            path: path.into(),
            source,
        })?;
        if let Some(rest) = line.strip_prefix('#') {
            let rest = rest.trim();
            if rest.starts_with("newdoc") {
                if !doc.text.is_empty() {
                    docs.push(std::mem::take(&mut doc));
                }
                new_par = false;
            } else if rest.starts_with("newpar") {
                new_par = true;
            } else if let Some(t) = rest.strip_prefix("text =") {
                sent_text = Some(t.trim().to_owned());
            }
            continue;
        }
        if line.trim().is_empty() {
            flush_sentence(&mut doc, &mut sent_text, &mut forms, new_par);
            new_par = false;
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(id), Some(form)) = (cols.next(), cols.next()) else {
            return Err(Error::Json {
                path: path.into(),
                line: n as u64 + 1,
                message: "CoNLL-U line with fewer than 2 columns".into(),
            });
        };
        if id.contains('.') {
            continue;
        }
        if let Some((_, b)) = id.split_once('-') {
            // A multiword token ("Google's" = Google + 's): compare with its syntactic words
            // when they spell the surface form, as the tokenizer splits clitics like EWT.
            mwt = Some((form.to_owned(), b.parse().unwrap_or(0), Vec::new()));
            continue;
        }
        let id: usize = id.parse().unwrap_or(0);
        if let Some((surface, last, words)) = mwt.as_mut() {
            words.push(form.to_owned());
            if id >= *last {
                if words.concat() == *surface {
                    forms.append(words);
                } else {
                    forms.push(std::mem::take(surface));
                }
                mwt = None;
            }
            continue;
        }
        forms.push(form.to_owned());
    }
    flush_sentence(&mut doc, &mut sent_text, &mut forms, new_par);
    if !doc.text.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reassembles_documents_and_scores() {
        let conllu = "# newdoc id = d1\n# newpar id = p1\n# text = Gen. Smith met Bourita.\n1\tGen.\n2\tSmith\n3\tmet\n4\tBourita\n5\t.\n\n# text = They don't agree.\n1\tThey\n2-3\tdon't\n2\tdo\n3\tn't\n4\tagree\n5\t.\n\n";
        let docs = gold_documents(Path::new("t.conllu"), conllu.as_bytes()).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "Gen. Smith met Bourita. They don't agree.");
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].tokens.len(), 10);
        let seg = Segmenter::new().segment(&docs[0].text);
        let mut p = Prf::default();
        p.add(
            &seg.sentences.iter().map(|s| s.span).collect::<Vec<_>>(),
            &docs[0].sentences,
        );
        assert_eq!(p.correct, 2);
    }
}
