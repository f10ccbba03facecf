//! Training the whole pipeline from Universal Dependencies and Universal NER corpora.

use std::collections::{BTreeSet, HashMap};

use crate::conllu::Sentence;
use crate::error::{Error, Result};
use crate::iob2::NerSentence;
use crate::lemma::Lemmatizer;
use crate::lexical::lex;
use crate::ner::{NerExample, repair_bio, train_recognizer};
use crate::parser::{ParseExample, train_parser};
use crate::pipeline::Pipeline;
use crate::tagger::{TagClasses, Tagger, tag_corpus, train_tagger};
use crate::tags::intern;

/// Training settings. The defaults are the ones the shipped model was trained with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainConfig {
    /// Maximum tagger epochs (the best on dev is kept).
    pub tagger_epochs: usize,
    /// Maximum parser epochs (the best on dev is kept).
    pub parser_epochs: usize,
    /// Maximum recogniser epochs (the best on dev is kept).
    pub ner_epochs: usize,
    /// Folds for jackknifed training tags (the parser and recogniser learn from predicted tags).
    pub folds: usize,
    /// Threads for the jackknife folds (results do not depend on it).
    pub threads: usize,
    /// Seed of every shuffle.
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig { tagger_epochs: 12, parser_epochs: 15, ner_epochs: 15, folds: 4, threads: 2, seed: 20_251_129 }
    }
}

/// The corpora training reads.
#[derive(Debug, Clone, Copy)]
pub struct Corpora<'a> {
    /// UD training sentences.
    pub ud_train: &'a [Sentence],
    /// UD development sentences (epoch selection).
    pub ud_dev: &'a [Sentence],
    /// Universal NER training sentences.
    pub ner_train: &'a [NerSentence],
    /// Universal NER development sentences (epoch selection).
    pub ner_dev: &'a [NerSentence],
}

/// Trains tagger, lemmatiser, parser and recogniser. Deterministic for a given config.
///
/// # Errors
/// [`Error::Training`] for empty or inconsistent corpora.
pub fn train_pipeline(c: Corpora<'_>, config: &TrainConfig, log: &mut dyn FnMut(String)) -> Result<Pipeline> {
    let classes = TagClasses::from_corpus(c.ud_train)?;
    log(format!("{} joint tag classes", classes.classes.len()));
    let (tagger, tag_epochs) =
        train_tagger(&classes, c.ud_train, Some(c.ud_dev), config.tagger_epochs, config.seed, log)?;
    log(format!("tagger: keeping epoch {tag_epochs}"));

    // Jackknifed tags for the training sentences.
    let folds = config.folds.max(2);
    let fold_of = |i: usize| i % folds;
    let mut train_tags: Vec<Vec<u16>> = vec![Vec::new(); c.ud_train.len()];
    let results: Vec<Result<(usize, Vec<Vec<u16>>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..folds)
            .collect::<Vec<_>>()
            .chunks(folds.div_ceil(config.threads.max(1)))
            .map(|chunk| {
                let chunk = chunk.to_vec();
                let classes = &classes;
                scope.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|k| {
                            let train: Vec<Sentence> = c
                                .ud_train
                                .iter()
                                .enumerate()
                                .filter(|(i, _)| fold_of(*i) != k)
                                .map(|(_, s)| s.clone())
                                .collect();
                            let held: Vec<Sentence> = c
                                .ud_train
                                .iter()
                                .enumerate()
                                .filter(|(i, _)| fold_of(*i) == k)
                                .map(|(_, s)| s.clone())
                                .collect();
                            let (t, _) = train_tagger(classes, &train, None, tag_epochs, config.seed + k as u64 + 1, &mut |_| {})?;
                            Ok((k, tag_corpus(&t, &held)))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("fold thread")).collect()
    });
    for r in results {
        let (k, tags) = r?;
        let idx: Vec<usize> = (0..c.ud_train.len()).filter(|&i| fold_of(i) == k).collect();
        for (i, t) in idx.into_iter().zip(tags) {
            train_tags[i] = t;
        }
    }
    let jack_acc = {
        let (mut ok, mut all) = (0, 0);
        for (s, t) in c.ud_train.iter().zip(&train_tags) {
            for (w, &id) in s.words.iter().zip(t) {
                all += 1;
                ok += usize::from(tagger.class(id).upos.as_str() == w.upos);
            }
        }
        ok as f64 / all as f64
    };
    log(format!("jackknifed training tags: UPOS {jack_acc:.4}"));

    let lemmatizer = Lemmatizer::train(c.ud_train);

    let labels: Vec<&'static str> = c
        .ud_train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.as_str()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(intern)
        .collect();
    log(format!("{} dependency labels", labels.len()));
    let label_id: HashMap<&str, u16> = labels.iter().enumerate().map(|(i, &l)| (l, i as u16)).collect();
    let examples = |sentences: &[Sentence], tags: Vec<Vec<u16>>| -> Vec<ParseExample> {
        let mut scratch = String::new();
        sentences
            .iter()
            .zip(tags)
            .map(|(s, t)| {
                let lexes = s.words.iter().map(|w| lex(&w.form, &mut scratch)).collect();
                let heads: Vec<u32> = s.words.iter().map(|w| w.head).collect();
                let labs = s.words.iter().map(|w| label_id.get(w.deprel.as_str()).copied().unwrap_or(u16::MAX)).collect();
                ParseExample::new(lexes, t, &heads, labs)
            })
            .collect()
    };
    let parse_train = examples(c.ud_train, train_tags.clone());
    let parse_dev = examples(c.ud_dev, tag_corpus(&tagger, c.ud_dev));
    let (parser, parse_epochs) =
        train_parser(labels, &parse_train, Some(&parse_dev), config.parser_epochs, config.seed, log)?;
    log(format!("parser: keeping epoch {parse_epochs}"));

    // NER: reuse the jackknifed tags where the NER sentence matches its UD sentence.
    let by_id: HashMap<&str, usize> =
        c.ud_train.iter().enumerate().filter_map(|(i, s)| Some((s.sent_id.as_deref()?, i))).collect();
    let ner_examples = |sentences: &[NerSentence], jack: bool| -> Vec<NerExample> {
        let mut scratch = String::new();
        sentences
            .iter()
            .map(|s| {
                let lexes: Vec<_> = s.words.iter().map(|w| lex(w, &mut scratch)).collect();
                let aligned = jack
                    .then(|| s.sent_id.as_deref().and_then(|id| by_id.get(id)))
                    .flatten()
                    .filter(|&&i| {
                        let ud = &c.ud_train[i];
                        ud.words.len() == s.words.len() && ud.words.iter().zip(&s.words).all(|(a, b)| &a.form == b)
                    });
                let tags = match aligned {
                    Some(&i) => train_tags[i].clone(),
                    None => tag_words(&tagger, &s.words),
                };
                let mut gold = s.tags.clone();
                repair_bio(&mut gold);
                NerExample { lex: lexes, tags, gold }
            })
            .collect()
    };
    let ner_train = ner_examples(c.ner_train, true);
    let ner_dev = ner_examples(c.ner_dev, false);
    if ner_train.is_empty() {
        return Err(Error::Training("empty NER training corpus".into()));
    }
    let (recognizer, ner_epochs) = train_recognizer(&ner_train, Some(&ner_dev), config.ner_epochs, config.seed, log)?;
    log(format!("ner: keeping epoch {ner_epochs}"));
    Ok(Pipeline::from_parts(tagger, lemmatizer, parser, recognizer))
}

fn tag_words(tagger: &Tagger, words: &[String]) -> Vec<u16> {
    let s = Sentence {
        words: words
            .iter()
            .map(|w| crate::conllu::Word {
                form: w.clone(),
                lemma: String::new(),
                upos: String::new(),
                xpos: String::new(),
                head: 0,
                deprel: String::new(),
            })
            .collect(),
        ..Sentence::default()
    };
    tag_corpus(tagger, std::slice::from_ref(&s)).pop().unwrap_or_default()
}
