//! The named-entity recogniser: a greedy left-to-right BIO perceptron over word, shape, affix,
//! part-of-speech, name-list and context features, with the BIO constraint enforced while
//! decoding. Capitalised words that training saw mostly in lower case get their own features
//! (sentence starts, titles and shouting in web text are not names), and words a draft
//! training file labels `OTH` make no update (their label in the final scheme is unknown).

use crate::binfmt::{Reader, Writer};
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::iob2::NerTag;
use crate::lexical::{BOUNDARY, Lex, f1, f2, f3, flag};
use crate::perceptron::{Trainer, Weights};
use crate::tags::{Rng, argmax_where};

const START: u64 = 0xfffe;
const NO_TAG: u64 = 0xfffd;

/// The trained recogniser.
#[derive(Debug, Clone)]
pub(crate) struct Recognizer {
    weights: Weights,
    gazetteer: Gazetteer,
    /// Sorted folded-form hashes of the words seen in lower case at least
    /// [`MIN_LOWER_COUNT`] times in training: a capitalised word from this list is more likely
    /// an ordinary word at the start of a sentence or in a title than a name.
    lower_vocab: Vec<u64>,
}

/// How often a word must be seen in lower case in training to join the lower-case vocabulary.
const MIN_LOWER_COUNT: usize = 3;

/// Whether a word is written in lower case (letters, not capitalised, no digits).
#[inline]
fn is_lower(w: &Lex) -> bool {
    w.flags & (flag::TITLE | flag::UPPER | flag::DIGIT | flag::PUNCT) == 0
}

/// The lower-case vocabulary of a training corpus (see [`Recognizer::lower_vocab`]).
fn lower_vocab(train: &[NerExample]) -> Vec<u64> {
    let mut counts: std::collections::BTreeMap<u64, usize> = std::collections::BTreeMap::new();
    for w in train.iter().flat_map(|ex| &ex.lex).filter(|w| is_lower(w)) {
        *counts.entry(w.lower).or_insert(0) += 1;
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= MIN_LOWER_COUNT)
        .map(|(k, _)| k)
        .collect()
}

#[inline]
fn lex_at(lex: &[Lex], i: isize) -> &Lex {
    if i < 0 || i as usize >= lex.len() {
        &BOUNDARY
    } else {
        &lex[i as usize]
    }
}

#[inline]
fn tag_at(tags: &[u16], i: isize) -> u64 {
    if i < 0 || i as usize >= tags.len() {
        NO_TAG
    } else {
        u64::from(tags[i as usize])
    }
}

#[allow(clippy::too_many_arguments)]
fn features(
    lex: &[Lex],
    tags: &[u16],
    gaz: &[u8],
    vocab: &[u64],
    i: usize,
    y1: u64,
    y2: u64,
    out: &mut Vec<u64>,
) {
    out.clear();
    let i = i as isize;
    let w = lex_at(lex, i);
    let (m1, m2, n1, n2) = (
        lex_at(lex, i - 1),
        lex_at(lex, i - 2),
        lex_at(lex, i + 1),
        lex_at(lex, i + 2),
    );
    let (t, tm1, tn1) = (tag_at(tags, i), tag_at(tags, i - 1), tag_at(tags, i + 1));
    out.extend_from_slice(&[
        f1(0, 0),
        f1(1, w.form),
        f1(2, w.lower),
        f1(3, w.suffix[0]),
        f1(4, w.suffix[1]),
        f1(5, w.suffix[2]),
        f1(6, w.suffix[3]),
        f1(7, w.prefix[0]),
        f1(8, w.prefix[1]),
        f1(9, w.prefix[2]),
        f1(10, w.shape),
        f1(11, u64::from(w.flags)),
        f1(12, t),
        f1(13, m1.lower),
        f1(14, n1.lower),
        f1(15, m2.lower),
        f1(16, n2.lower),
        f1(17, m1.shape),
        f1(18, n1.shape),
        f1(19, tm1),
        f1(20, tn1),
        f1(21, y1),
        f2(22, y2, y1),
        f2(23, y1, w.lower),
        f2(24, y1, w.shape),
        f2(25, m1.lower, w.lower),
        f2(26, w.lower, n1.lower),
        f2(27, t, w.shape),
        f1(28, n1.form),
        f1(29, m1.form),
        f3(30, tm1, t, tn1),
        f3(
            31,
            u64::from(m1.flags),
            u64::from(w.flags),
            u64::from(n1.flags),
        ),
        f2(32, u64::from(i == 0), w.shape),
        f2(33, y1, t),
        f2(34, m1.lower, w.shape),
        f2(35, w.shape, n1.lower),
        f1(36, m2.shape),
        f1(37, n2.shape),
        f2(38, m2.lower, m1.lower),
        f2(39, n1.lower, n2.lower),
        f2(40, w.form, n1.form),
        f2(41, m1.form, w.form),
        f2(42, w.suffix[2], t),
        f2(43, y1, n1.shape),
        f3(44, y1, w.shape, n1.shape),
        f1(45, tag_at(tags, i + 2)),
        f1(46, tag_at(tags, i - 2)),
        f2(47, y1, m1.lower),
    ]);
    // Capitalised words that are usually written in lower case.
    let common = |w: &Lex| {
        u64::from(
            w.flags & (flag::TITLE | flag::UPPER) != 0 && vocab.binary_search(&w.lower).is_ok(),
        )
    };
    let (c0, cn1) = (common(w), common(n1));
    out.extend_from_slice(&[
        f3(60, c0, u64::from(i == 0), w.shape),
        f2(61, c0, y1),
        f2(62, c0, cn1),
        f2(63, c0, t),
    ]);
    let g = |k: isize| {
        if k < 0 || k as usize >= gaz.len() {
            0
        } else {
            u64::from(gaz[k as usize])
        }
    };
    let (g0, gm1, gn1) = (g(i), g(i - 1), g(i + 1));
    if g0 | gm1 | gn1 != 0 {
        out.extend_from_slice(&[
            f1(50, g0),
            f1(51, gm1),
            f1(52, gn1),
            f2(53, g0, w.shape),
            f2(54, g0, y1),
            f2(55, g0, t),
        ]);
    }
}

/// Whether label `c` may follow label `prev` (an `I-X` continues only `B-X` or `I-X`).
#[inline]
fn allowed(prev: NerTag, c: usize) -> bool {
    match NerTag::from_index(c) {
        NerTag::I(t) => prev.entity_type() == Some(t),
        _ => true,
    }
}

impl Recognizer {
    pub(crate) fn n_weights(&self) -> usize {
        self.weights.len()
    }

    /// A copy with small weights dropped.
    pub(crate) fn pruned(&self, min_abs: f32) -> Recognizer {
        Recognizer {
            weights: self.weights.pruned(min_abs),
            gazetteer: self.gazetteer.clone(),
            lower_vocab: self.lower_vocab.clone(),
        }
    }

    /// Marks each word with the recogniser's names covering it (see [`Gazetteer::mark`]).
    pub(crate) fn mark_names(&self, lex: &[Lex], out: &mut Vec<u8>) {
        self.gazetteer.mark(lex, out);
    }

    /// Whether training saw the word in lower case often (an ordinary word when capitalised
    /// at a sentence's start: "Nice", "Mobile"), see [`Recognizer::lower_vocab`].
    pub(crate) fn is_common_word(&self, w: &Lex) -> bool {
        self.lower_vocab.binary_search(&w.lower).is_ok()
    }

    /// The number of names in the recogniser's name list.
    pub(crate) fn n_names(&self) -> usize {
        self.gazetteer.len()
    }

    /// Labels a sentence given its [`Lex`] and tag class ids; `gaz` is scratch space.
    pub(crate) fn recognize(
        &self,
        lex: &[Lex],
        tags: &[u16],
        gaz: &mut Vec<u8>,
        feats: &mut Vec<u64>,
        scores: &mut Vec<f32>,
        out: &mut Vec<NerTag>,
    ) {
        self.gazetteer.mark(lex, gaz);
        out.clear();
        scores.resize(NerTag::COUNT, 0.0);
        let (mut y1, mut y2) = (START, START);
        let mut prev = NerTag::O;
        for i in 0..lex.len() {
            features(lex, tags, gaz, &self.lower_vocab, i, y1, y2, feats);
            self.weights.score(feats, scores);
            let best = argmax_where(scores, |c| allowed(prev, c)).unwrap_or(0);
            prev = NerTag::from_index(best);
            out.push(prev);
            y2 = y1;
            y1 = best as u64;
        }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.tag(b"NERC");
        self.weights.write(w);
        self.gazetteer.write(w);
        w.tag(b"LOWV");
        w.var(self.lower_vocab.len() as u64);
        for &k in &self.lower_vocab {
            w.u64(k);
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Recognizer> {
        r.tag(b"NERC")?;
        let weights = Weights::read(r)?;
        if weights.n_classes() != NerTag::COUNT {
            return Err(r.error("recogniser weights have the wrong number of labels"));
        }
        let gazetteer = Gazetteer::read(r)?;
        r.tag(b"LOWV")?;
        let n = r.len()?;
        let lower_vocab = (0..n).map(|_| r.u64()).collect::<Result<Vec<u64>>>()?;
        if !lower_vocab.is_sorted() {
            return Err(r.error("recogniser vocabulary is not sorted"));
        }
        Ok(Recognizer {
            weights,
            gazetteer,
            lower_vocab,
        })
    }
}

/// One training sentence for the recogniser.
#[derive(Debug, Clone)]
pub(crate) struct NerExample {
    pub(crate) lex: Vec<Lex>,
    pub(crate) tags: Vec<u16>,
    pub(crate) gold: Vec<NerTag>,
    /// Words whose gold label is uncertain (`OTH` in the draft): no update is made on them.
    pub(crate) unsure: Vec<bool>,
}

impl NerExample {
    /// An example from words, their tag class ids and gold labels (repaired to valid BIO), with
    /// the positions of uncertain labels.
    pub(crate) fn new(
        words: &[String],
        tags: Vec<u16>,
        gold: &[NerTag],
        other: &[usize],
        scratch: &mut String,
    ) -> Self {
        let lex = words
            .iter()
            .map(|w| crate::lexical::lex(w, scratch))
            .collect();
        let mut gold = gold.to_vec();
        repair_bio(&mut gold);
        let mut unsure = vec![false; words.len()];
        for &i in other {
            if let Some(u) = unsure.get_mut(i) {
                *u = true;
            }
        }
        NerExample {
            lex,
            tags,
            gold,
            unsure,
        }
    }
}

/// Repairs a label sequence so that every `I-X` continues an `X` entity.
pub(crate) fn repair_bio(tags: &mut [NerTag]) {
    let mut prev = NerTag::O;
    for t in tags.iter_mut() {
        if let NerTag::I(ty) = *t
            && prev.entity_type() != Some(ty)
        {
            *t = NerTag::B(ty);
        }
        prev = *t;
    }
}

/// Trains the recogniser; with `dev`, keeps the epoch with the best micro F1 on `dev`. With
/// several `members` (each with its own shuffles), the model is the mean of their weights.
pub(crate) fn train_recognizer(
    gazetteer: Gazetteer,
    train: &[NerExample],
    dev: Option<&[NerExample]>,
    epochs: usize,
    members: usize,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Result<(Recognizer, usize)> {
    if train.is_empty() {
        return Err(Error::Training("empty NER training corpus".into()));
    }
    let mut trainers: Vec<Trainer> = (0..members.max(1))
        .map(|_| Trainer::new(NerTag::COUNT))
        .collect();
    let mut rngs: Vec<Rng> = (0..members.max(1))
        .map(|m| Rng::new(seed + 7919 * m as u64))
        .collect();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let (mut feats, mut scores) = (Vec::new(), vec![0f32; NerTag::COUNT]);
    let mut best: Option<(f64, Recognizer, usize)> = None;
    let marks = |data: &[NerExample]| -> Vec<Vec<u8>> {
        data.iter()
            .map(|ex| {
                let mut g = Vec::new();
                gazetteer.mark(&ex.lex, &mut g);
                g
            })
            .collect()
    };
    let train_gaz = marks(train);
    let vocab = lower_vocab(train);
    for epoch in 1..=epochs {
        for (trainer, rng) in trainers.iter_mut().zip(&mut rngs) {
            rng.shuffle(&mut order);
            for &k in &order {
                let ex = &train[k];
                let gaz = &train_gaz[k];
                let (mut y1, mut y2) = (START, START);
                let mut prev = NerTag::O;
                for i in 0..ex.lex.len() {
                    trainer.tick();
                    features(&ex.lex, &ex.tags, gaz, &vocab, i, y1, y2, &mut feats);
                    trainer.score(&feats, &mut scores);
                    let guess = argmax_where(&scores, |c| allowed(prev, c)).unwrap_or(0);
                    if !ex.unsure[i] {
                        trainer.update(&feats, ex.gold[i].index(), guess);
                    }
                    prev = NerTag::from_index(guess);
                    y2 = y1;
                    y1 = guess as u64;
                }
            }
        }
        if dev.is_none() && epoch < epochs {
            continue;
        }
        let rec = Recognizer {
            weights: crate::perceptron::freeze_mean(&trainers.iter().collect::<Vec<_>>()),
            gazetteer: gazetteer.clone(),
            lower_vocab: vocab.clone(),
        };
        match dev {
            Some(dev) => {
                let f = micro_f1(&rec, dev);
                log(format!("ner epoch {epoch}: dev micro F1 {f:.4}"));
                if best.as_ref().is_none_or(|b| f > b.0) {
                    best = Some((f, rec, epoch));
                }
            }
            None => best = Some((0.0, rec, epoch)),
        }
    }
    let (_, rec, epoch) = best.ok_or_else(|| Error::Training("no NER epochs".into()))?;
    Ok((rec, epoch))
}

fn micro_f1(rec: &Recognizer, data: &[NerExample]) -> f64 {
    let (mut feats, mut scores, mut out, mut gaz) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for ex in data {
        rec.recognize(
            &ex.lex,
            &ex.tags,
            &mut gaz,
            &mut feats,
            &mut scores,
            &mut out,
        );
        let gold = crate::iob2::entity_spans(&ex.gold);
        let pred = crate::iob2::entity_spans(&out);
        ng += gold.len();
        np += pred.len();
        tp += pred.iter().filter(|p| gold.contains(p)).count();
    }
    2.0 * tp as f64 / (np + ng).max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iob2::EntityType;
    use crate::lexical::lex;

    fn example(words: &[&str], gold: &[NerTag], other: &[usize]) -> NerExample {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        NerExample::new(
            &words,
            vec![0; words.len()],
            gold,
            other,
            &mut String::new(),
        )
    }

    #[test]
    fn lower_case_vocabulary_needs_repeated_lower_case_use() {
        let o = NerTag::O;
        let train = [
            example(&["the", "Write", "write", "write"], &[o; 4], &[]),
            example(&["write", "Bush", "bush", "the", "the"], &[o; 5], &[]),
        ];
        let vocab = lower_vocab(&train);
        let mut s = String::new();
        let has = |w: &str, s: &mut String| vocab.binary_search(&lex(w, s).lower).is_ok();
        assert!(
            has("Write", &mut s),
            "'write' is seen 3 times in lower case"
        );
        assert!(has("THE", &mut s));
        assert!(
            !has("Bush", &mut s),
            "'bush' is seen only once in lower case"
        );
        assert_eq!(vocab.len(), 2);
    }

    #[test]
    fn draft_other_labels_are_marked_unsure_and_bio_is_repaired() {
        let loc = EntityType::Loc;
        let ex = example(
            &["Syrian", "forces", "in", "Qaim"],
            &[NerTag::O, NerTag::O, NerTag::O, NerTag::I(loc)],
            &[0, 9],
        );
        assert_eq!(ex.unsure, [true, false, false, false]);
        assert_eq!(ex.gold[3], NerTag::B(loc));
    }
}
