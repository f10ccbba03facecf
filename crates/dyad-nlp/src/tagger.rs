//! The part-of-speech tagger: a greedy left-to-right averaged perceptron predicting a joint
//! (UPOS, XPOS) class per word.

use std::collections::BTreeMap;

use crate::binfmt::{Reader, Writer};
use crate::conllu::Sentence;
use crate::error::{Error, Result};
use crate::lexical::{BOUNDARY, Lex, f1, f2, f3, lex};
use crate::perceptron::{Trainer, Weights};
use crate::tags::{Rng, Upos, argmax_where, intern};

/// A joint tag: the universal and the language-specific part of speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TagClass {
    pub(crate) upos: Upos,
    pub(crate) xpos: &'static str,
}

/// The value used for "no previous tag".
const START_TAG: u64 = 0xffff;

/// The trained tagger.
#[derive(Debug, Clone)]
pub(crate) struct Tagger {
    first: Weights,
    second: Option<Weights>,
    classes: Vec<TagClass>,
}

/// Computes the [`Lex`] of every word into `out`.
pub(crate) fn fill_lex<S: AsRef<str>>(words: &[S], scratch: &mut String, out: &mut Vec<Lex>) {
    out.clear();
    out.extend(words.iter().map(|w| lex(w.as_ref(), scratch)));
}

#[inline]
fn at(lex: &[Lex], i: isize) -> &Lex {
    if i < 0 || i as usize >= lex.len() {
        &BOUNDARY
    } else {
        &lex[i as usize]
    }
}

/// The feature keys of word `i` given the two previous tags and, in the second pass, the
/// first pass's tags (`right`), which give the tags of the words to the right.
fn features(lex: &[Lex], i: usize, p1: u64, p2: u64, right: Option<&[u16]>, out: &mut Vec<u64>) {
    out.clear();
    let ii = i as isize;
    let w = at(lex, ii);
    let (m1, m2, n1, n2) = (
        at(lex, ii - 1),
        at(lex, ii - 2),
        at(lex, ii + 1),
        at(lex, ii + 2),
    );
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
        f1(12, p1),
        f2(13, p2, p1),
        f2(14, p1, w.lower),
        f1(15, m1.lower),
        f1(16, m1.suffix[2]),
        f1(17, m2.lower),
        f1(18, n1.lower),
        f1(19, n1.suffix[2]),
        f1(20, n2.lower),
        f2(21, m1.lower, w.lower),
        f2(22, w.lower, n1.lower),
        f1(23, m1.shape),
        f1(24, n1.shape),
        f2(25, p1, w.suffix[2]),
        f2(26, u64::from(i == 0), w.shape),
        f2(27, n1.lower, w.suffix[2]),
        f2(28, p1, n1.lower),
        f1(29, u64::from(n1.flags)),
        f3(30, p1, w.shape, n1.shape),
        f2(31, n1.suffix[1], n2.suffix[1]),
        f2(32, m1.suffix[1], w.suffix[1]),
    ]);
    if let Some(first) = right {
        let q = |k: usize| first.get(k).map_or(START_TAG, |&t| u64::from(t));
        let (q0, q1, q2) = (q(i), q(i + 1), q(i + 2));
        out.extend_from_slice(&[
            f1(40, q0),
            f1(41, q1),
            f2(42, q1, q2),
            f2(43, q1, w.lower),
            f2(44, p1, q1),
            f3(45, p1, q0, q1),
            f2(46, q0, w.lower),
            f2(47, q1, w.suffix[2]),
            f2(48, q0, q1),
        ]);
    }
}

/// Greedy left-to-right decoding with one pass's weights. A word with a class in `fixed` takes
/// it unscored, and the words after it see it as their previous tag.
fn decode(
    weights: &Weights,
    lex: &[Lex],
    right: Option<&[u16]>,
    fixed: &[Option<u16>],
    feats: &mut Vec<u64>,
    scores: &mut Vec<f32>,
    out: &mut Vec<u16>,
) {
    out.clear();
    scores.resize(weights.n_classes(), 0.0);
    let (mut p1, mut p2) = (START_TAG, START_TAG);
    for i in 0..lex.len() {
        let best = match fixed.get(i).copied().flatten() {
            Some(c) => c,
            None => {
                features(lex, i, p1, p2, right, feats);
                weights.score(feats, scores);
                argmax_where(scores, |_| true).unwrap_or(0) as u16
            }
        };
        out.push(best);
        p2 = p1;
        p1 = u64::from(best);
    }
}

impl Tagger {
    pub(crate) fn class(&self, id: u16) -> TagClass {
        self.classes[id as usize]
    }

    pub(crate) fn n_weights(&self) -> usize {
        self.first.len() + self.second.as_ref().map_or(0, Weights::len)
    }

    /// Tags a sentence: one class id per word into `out`; `tmp` holds the first pass. Words
    /// with a class in `fixed` (empty: none) keep it in both passes.
    pub(crate) fn tag(
        &self,
        lex: &[Lex],
        fixed: &[Option<u16>],
        feats: &mut Vec<u64>,
        scores: &mut Vec<f32>,
        tmp: &mut Vec<u16>,
        out: &mut Vec<u16>,
    ) {
        match &self.second {
            None => decode(&self.first, lex, None, fixed, feats, scores, out),
            Some(second) => {
                decode(&self.first, lex, None, fixed, feats, scores, tmp);
                decode(second, lex, Some(tmp), fixed, feats, scores, out);
            }
        }
    }

    /// The class id of a (UPOS, XPOS) pair, when the tagger has it.
    pub(crate) fn class_id(&self, upos: Upos, xpos: &str) -> Option<u16> {
        self.classes
            .iter()
            .position(|c| c.upos == upos && c.xpos == xpos)
            .map(|i| i as u16)
    }

    /// A copy with small weights dropped.
    pub(crate) fn pruned(&self, min_abs: f32) -> Tagger {
        Tagger {
            first: self.first.pruned(min_abs),
            second: self.second.as_ref().map(|s| s.pruned(min_abs)),
            classes: self.classes.clone(),
        }
    }

    /// This tagger's first pass with `second` as its second pass.
    pub(crate) fn with_second(&self, second: Tagger) -> Tagger {
        Tagger {
            first: self.first.clone(),
            second: Some(second.first),
            classes: self.classes.clone(),
        }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.tag(b"TAGR");
        w.var(self.classes.len() as u64);
        for c in &self.classes {
            w.str(c.upos.as_str());
            w.str(c.xpos);
        }
        self.first.write(w);
        w.u8(u8::from(self.second.is_some()));
        if let Some(s) = &self.second {
            s.write(w);
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Tagger> {
        r.tag(b"TAGR")?;
        let n = r.len()?;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let u = r.str()?;
            let upos = Upos::parse(&u).ok_or_else(|| r.error(format!("unknown UPOS {u:?}")))?;
            classes.push(TagClass {
                upos,
                xpos: intern(&r.str()?),
            });
        }
        let first = Weights::read(r)?;
        let second = if r.u8()? != 0 {
            Some(Weights::read(r)?)
        } else {
            None
        };
        if first.n_classes() != classes.len()
            || second
                .as_ref()
                .is_some_and(|s| s.n_classes() != classes.len())
        {
            return Err(r.error("tagger weights disagree with its class list"));
        }
        Ok(Tagger {
            first,
            second,
            classes,
        })
    }
}

/// The joint classes of a corpus, sorted, with a lookup.
pub(crate) struct TagClasses {
    pub(crate) classes: Vec<TagClass>,
    index: BTreeMap<(String, String), u16>,
}

impl TagClasses {
    pub(crate) fn from_corpus(sentences: &[Sentence]) -> Result<TagClasses> {
        let mut index = BTreeMap::new();
        for s in sentences {
            for w in &s.words {
                if Upos::parse(&w.upos).is_none() {
                    return Err(Error::Training(format!(
                        "unknown UPOS {:?} in sentence at line {}",
                        w.upos, s.line
                    )));
                }
                index.insert((w.upos.clone(), w.xpos.clone()), 0u16);
            }
        }
        let mut classes = Vec::new();
        for (i, ((u, x), id)) in index.iter_mut().enumerate() {
            *id = i as u16;
            classes.push(TagClass {
                upos: Upos::parse(u).expect("checked"),
                xpos: intern(x),
            });
        }
        Ok(TagClasses { classes, index })
    }

    /// The class of a gold word, if seen in training.
    pub(crate) fn get(&self, upos: &str, xpos: &str) -> Option<u16> {
        self.index
            .get(&(upos.to_string(), xpos.to_string()))
            .copied()
    }
}

/// Tags sentences with gold tokens, returning class ids.
pub(crate) fn tag_corpus(tagger: &Tagger, sentences: &[Sentence]) -> Vec<Vec<u16>> {
    let mut scratch = String::new();
    let (mut lexes, mut feats, mut scores, mut tmp) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    sentences
        .iter()
        .map(|s| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            fill_lex(&forms, &mut scratch, &mut lexes);
            let mut out = Vec::new();
            tagger.tag(&lexes, &[], &mut feats, &mut scores, &mut tmp, &mut out);
            out
        })
        .collect()
}

/// Development sentences and, for a second pass, their first-pass tags.
pub(crate) type DevSet<'a> = (&'a [Sentence], Option<&'a [Vec<u16>]>);

/// Trains one tagging pass for `epochs` epochs; with `dev`, keeps the epoch that tags `dev` best.
/// With `first_tags` (one per training sentence, and per dev sentence in `dev`), trains a second
/// pass that sees those tags as right context. Returns the pass as a one-pass tagger and the
/// number of epochs kept. With several `members` (each with its own shuffles), the pass is the
/// mean of their weights.
#[allow(clippy::too_many_arguments)]
pub(crate) fn train_tagger(
    classes: &TagClasses,
    train: &[Sentence],
    first_tags: Option<&[Vec<u16>]>,
    dev: Option<DevSet<'_>>,
    epochs: usize,
    members: usize,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Result<(Tagger, usize)> {
    if train.is_empty() {
        return Err(Error::Training("empty tagger training corpus".into()));
    }
    let mut scratch = String::new();
    let lexes = |s: &Sentence, scratch: &mut String| -> Vec<Lex> {
        s.words.iter().map(|w| lex(&w.form, scratch)).collect()
    };
    let data: Vec<(Vec<Lex>, Vec<u16>)> = train
        .iter()
        .map(|s| {
            let gold = s
                .words
                .iter()
                .map(|w| classes.get(&w.upos, &w.xpos).expect("train classes"))
                .collect();
            (lexes(s, &mut scratch), gold)
        })
        .collect();
    let dev_lex: Vec<Vec<Lex>> = dev
        .map(|(d, _)| d.iter().map(|s| lexes(s, &mut scratch)).collect())
        .unwrap_or_default();
    let mut trainers: Vec<Trainer> = (0..members.max(1))
        .map(|_| Trainer::new(classes.classes.len()))
        .collect();
    let mut rngs: Vec<Rng> = (0..members.max(1))
        .map(|m| Rng::new(seed + 7919 * m as u64))
        .collect();
    let mut order: Vec<usize> = (0..data.len()).collect();
    let (mut feats, mut scores) = (Vec::new(), vec![0f32; classes.classes.len()]);
    let mut best: Option<(f64, Weights, usize)> = None;
    let mut out = Vec::new();
    for epoch in 1..=epochs {
        let (mut ok, mut all) = (0usize, 0usize);
        for (trainer, rng) in trainers.iter_mut().zip(&mut rngs) {
            rng.shuffle(&mut order);
            for &k in &order {
                let (lexes, gold) = &data[k];
                let right = first_tags.map(|t| t[k].as_slice());
                let (mut p1, mut p2) = (START_TAG, START_TAG);
                for (i, &truth) in gold.iter().enumerate() {
                    trainer.tick();
                    features(lexes, i, p1, p2, right, &mut feats);
                    trainer.score(&feats, &mut scores);
                    let guess = argmax_where(&scores, |_| true).unwrap_or(0);
                    let truth = truth as usize;
                    trainer.update(&feats, truth, guess);
                    ok += usize::from(guess == truth);
                    all += 1;
                    p2 = p1;
                    // Train on the model's own history, as at test time.
                    p1 = guess as u64;
                }
            }
        }
        if dev.is_none() && epoch < epochs {
            continue;
        }
        let weights = crate::perceptron::freeze_mean(&trainers.iter().collect::<Vec<_>>());
        match dev {
            Some((dev, dev_first)) => {
                let (mut good, mut total) = (0usize, 0usize);
                for (j, s) in dev.iter().enumerate() {
                    let right = dev_first.map(|t| t[j].as_slice());
                    decode(
                        &weights,
                        &dev_lex[j],
                        right,
                        &[],
                        &mut feats,
                        &mut scores,
                        &mut out,
                    );
                    for (w, &c) in s.words.iter().zip(&out) {
                        total += 1;
                        good += usize::from(classes.classes[c as usize].upos.as_str() == w.upos);
                    }
                }
                let acc = good as f64 / total.max(1) as f64;
                log(format!(
                    "tagger epoch {epoch}: train joint {:.4}, dev UPOS {acc:.4}",
                    ok as f64 / all as f64
                ));
                if best.as_ref().is_none_or(|b| acc > b.0) {
                    best = Some((acc, weights, epoch));
                }
            }
            None => best = Some((0.0, weights, epoch)),
        }
    }
    let (_, weights, epoch) = best.ok_or_else(|| Error::Training("no tagger epochs".into()))?;
    Ok((
        Tagger {
            first: weights,
            second: None,
            classes: classes.classes.clone(),
        },
        epoch,
    ))
}
