//! The dependency parser: greedy arc-hybrid transitions with labelled arcs, scored by an averaged
//! perceptron trained with a dynamic oracle (Goldberg and Nivre 2013) on predicted tags.
//!
//! The artificial root sits at the end of the buffer, so the parser decides on the root word last
//! and each sentence gets exactly one root. Parsing is linear in the sentence length.

use crate::binfmt::{Reader, Writer};
use crate::error::{Error, Result};
use crate::lexical::{Lex, f1, f2, f3, hash_bytes, mix};
use crate::perceptron::{Trainer, Weights};
use crate::tags::{Rng, argmax_where, intern};

const NONE: u32 = u32::MAX;
const NONE_W: u64 = 0x6e6f6e65;
const NONE_P: u64 = 0xfff0;
const ROOT_W: u64 = 0x726f6f74;
const ROOT_P: u64 = 0xfff1;

/// The state of one parse: stack, buffer front and the arcs built so far.
#[derive(Debug, Default, Clone)]
pub(crate) struct State {
    n: usize,
    stack: Vec<u32>,
    in_stack: Vec<bool>,
    b0: u32,
    head: Vec<u32>,
    label: Vec<u16>,
    lmost: Vec<u32>,
    lmost2: Vec<u32>,
    rmost: Vec<u32>,
    rmost2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b0 = 0;
        for v in [
            &mut self.head,
            &mut self.lmost,
            &mut self.lmost2,
            &mut self.rmost,
            &mut self.rmost2,
        ] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        self.in_stack.clear();
        self.in_stack.resize(n + 1, false);
        self.label.clear();
        self.label.resize(n + 1, 0);
        for v in [&mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(n + 1, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(n + 1, 0);
        }
    }

    fn terminal(&self) -> bool {
        self.b0 as usize == self.n && self.stack.is_empty()
    }
    fn can_shift(&self) -> bool {
        (self.b0 as usize) < self.n
    }
    fn can_left(&self) -> bool {
        !self.stack.is_empty() && ((self.b0 as usize) < self.n || self.stack.len() == 1)
    }
    fn can_right(&self) -> bool {
        self.stack.len() >= 2
    }
    fn s(&self, k: usize) -> u32 {
        if self.stack.len() > k {
            self.stack[self.stack.len() - 1 - k]
        } else {
            NONE
        }
    }

    fn add_arc(&mut self, h: u32, d: u32, l: u16) {
        let (hu, du) = (h as usize, d as usize);
        self.head[du] = h;
        self.label[du] = l;
        let bit = 1u64 << (l % 64);
        if d < h {
            if self.lmost[hu] == NONE || d < self.lmost[hu] {
                self.lmost2[hu] = self.lmost[hu];
                self.lmost[hu] = d;
            } else if self.lmost2[hu] == NONE || d < self.lmost2[hu] {
                self.lmost2[hu] = d;
            }
            self.nl[hu] = self.nl[hu].saturating_add(1);
            self.lset[hu] |= bit;
        } else {
            if self.rmost[hu] == NONE || d > self.rmost[hu] {
                self.rmost2[hu] = self.rmost[hu];
                self.rmost[hu] = d;
            } else if self.rmost2[hu] == NONE || d > self.rmost2[hu] {
                self.rmost2[hu] = d;
            }
            self.nr[hu] = self.nr[hu].saturating_add(1);
            self.rset[hu] |= bit;
        }
    }

    /// Applies a class: 0 shift, `1..=L` left-arc with label `c-1`, `L+1..=2L` right-arc.
    fn apply(&mut self, class: usize, n_labels: usize) {
        if class == 0 {
            self.in_stack[self.b0 as usize] = true;
            self.stack.push(self.b0);
            self.b0 += 1;
        } else if class <= n_labels {
            let s0 = self.stack.pop().expect("left-arc needs a stack");
            self.in_stack[s0 as usize] = false;
            self.add_arc(self.b0, s0, (class - 1) as u16);
        } else {
            let s0 = self.stack.pop().expect("right-arc needs two stack items");
            self.in_stack[s0 as usize] = false;
            let s1 = *self.stack.last().expect("right-arc needs two stack items");
            self.add_arc(s1, s0, (class - 1 - n_labels) as u16);
        }
    }

    fn valid(&self, class: usize, n_labels: usize) -> bool {
        if class == 0 {
            self.can_shift()
        } else if class <= n_labels {
            self.can_left()
        } else {
            self.can_right()
        }
    }
}

fn bucket(d: u32) -> u64 {
    match d {
        0..=4 => u64::from(d),
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Reused buffers for parsing one sentence.
#[derive(Debug, Default, Clone)]
pub(crate) struct ParseScratch {
    state: State,
    tw: Vec<u64>,
    tp: Vec<u64>,
    ts: Vec<u64>,
    /// `commas[i]`: commas among words `0..i`.
    commas: Vec<u32>,
    feats: Vec<u64>,
    scores: Vec<f32>,
}

impl ParseScratch {
    fn load(&mut self, lex: &[Lex], tags: &[u16]) {
        self.tw.clear();
        self.tw.extend(lex.iter().map(|l| l.lower));
        self.tw.push(ROOT_W);
        self.tp.clear();
        self.tp.extend(tags.iter().map(|&t| u64::from(t)));
        self.tp.push(ROOT_P);
        self.ts.clear();
        self.ts.extend(lex.iter().map(|l| l.suffix[2]));
        self.ts.push(ROOT_W);
        let comma = hash_bytes(1, b",");
        self.commas.clear();
        let mut c = 0;
        for l in lex {
            self.commas.push(c);
            c += u32::from(l.form == comma);
        }
        self.commas.push(c);
        self.state.reset(lex.len());
    }
}

/// The feature keys of a configuration.
fn features(st: &State, tw: &[u64], tp: &[u64], ts: &[u64], commas: &[u32], out: &mut Vec<u64>) {
    out.clear();
    let w = |i: u32| if i == NONE { NONE_W } else { tw[i as usize] };
    let p = |i: u32| if i == NONE { NONE_P } else { tp[i as usize] };
    let suf = |i: u32| if i == NONE { NONE_W } else { ts[i as usize] };
    let child = |v: &Vec<u32>, i: u32| if i == NONE { NONE } else { v[i as usize] };
    let lab = |i: u32| {
        if i == NONE {
            0
        } else {
            u64::from(st.label[i as usize]) + 1
        }
    };
    let n = st.n as u32;
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let b0 = st.b0;
    let b1 = if b0 < n { b0 + 1 } else { NONE };
    let b2 = if b0 + 1 < n { b0 + 2 } else { NONE };
    let (s0l, s0l2, s0r, s0r2) = (
        child(&st.lmost, s0),
        child(&st.lmost2, s0),
        child(&st.rmost, s0),
        child(&st.rmost2, s0),
    );
    let (s1l, s1r) = (child(&st.lmost, s1), child(&st.rmost, s1));
    let (b0l, b0l2) = (st.lmost[b0 as usize], st.lmost2[b0 as usize]);
    let (s0w, s0p, s1w, s1p, b0w, b0p) = (w(s0), p(s0), w(s1), p(s1), w(b0), p(b0));
    let (b1w, b1p, b2w, b2p, s2w, s2p) = (w(b1), p(b1), w(b2), p(b2), w(s2), p(s2));
    let s0wp = mix(s0w, s0p);
    let s1wp = mix(s1w, s1p);
    let b0wp = mix(b0w, b0p);
    let b1wp = mix(b1w, b1p);
    let d = if s0 == NONE { 0 } else { bucket(b0 - s0) };
    let d1 = if s1 == NONE || s0 == NONE {
        0
    } else {
        bucket(s0 - s1)
    };
    let val = |v: &Vec<u8>, i: u32| {
        if i == NONE {
            0
        } else {
            u64::from(v[i as usize])
        }
    };
    let set = |v: &Vec<u64>, i: u32| if i == NONE { 0 } else { v[i as usize] };
    let (s0vl, s0vr, b0vl) = (val(&st.nl, s0), val(&st.nr, s0), val(&st.nl, b0));
    out.extend_from_slice(&[
        f1(0, 0),
        f1(1, s0w),
        f1(2, s0p),
        f1(3, s0wp),
        f1(4, s1w),
        f1(5, s1p),
        f1(6, s1wp),
        f1(7, s2p),
        f1(8, s2w),
        f1(9, b0w),
        f1(10, b0p),
        f1(11, b0wp),
        f1(12, b1w),
        f1(13, b1p),
        f1(14, b1wp),
        f1(15, b2w),
        f1(16, b2p),
        f2(17, s0wp, b0wp),
        f2(18, s0wp, b0w),
        f2(19, s0w, b0wp),
        f2(20, s0wp, b0p),
        f2(21, s0p, b0wp),
        f2(22, s0w, b0w),
        f2(23, s0p, b0p),
        f2(24, b0p, b1p),
        f2(25, s1p, s0p),
        f2(26, s1w, s0w),
        f2(27, s1wp, s0p),
        f2(28, s1p, s0wp),
        f3(29, b0p, b1p, b2p),
        f3(30, s0p, b0p, b1p),
        f3(31, s1p, s0p, b0p),
        f3(32, s0p, p(s0l), b0p),
        f3(33, s0p, p(s0r), b0p),
        f3(34, s0p, b0p, p(b0l)),
        f3(35, s1p, s0p, p(s0l)),
        f3(36, s1p, s0p, p(s0r)),
        f3(37, s1p, p(s1r), s0p),
        f3(38, s1p, p(s1l), s0p),
        f3(39, s0p, p(s0l), p(s0l2)),
        f3(40, s0p, p(s0r), p(s0r2)),
        f3(41, b0p, p(b0l), p(b0l2)),
        f3(42, s2p, s1p, s0p),
        f2(43, s0w, d),
        f2(44, s0p, d),
        f2(45, b0w, d),
        f2(46, b0p, d),
        f3(47, s0w, b0w, d),
        f3(48, s0p, b0p, d),
        f3(49, s1p, s0p, d1),
        f2(50, s0w, s0vr),
        f2(51, s0p, s0vr),
        f2(52, s0w, s0vl),
        f2(53, s0p, s0vl),
        f2(54, b0w, b0vl),
        f2(55, b0p, b0vl),
        f1(56, w(s0l)),
        f1(57, p(s0l)),
        f1(58, lab(s0l)),
        f1(59, w(s0r)),
        f1(60, p(s0r)),
        f1(61, lab(s0r)),
        f1(62, lab(s0l2)),
        f1(63, lab(s0r2)),
        f1(64, w(b0l)),
        f1(65, p(b0l)),
        f1(66, lab(b0l)),
        f1(67, lab(b0l2)),
        f1(68, lab(s1l)),
        f1(69, lab(s1r)),
        f1(70, w(s1r)),
        f1(71, p(s1r)),
        f2(72, s0w, set(&st.lset, s0)),
        f2(73, s0p, set(&st.lset, s0)),
        f2(74, s0w, set(&st.rset, s0)),
        f2(75, s0p, set(&st.rset, s0)),
        f2(76, b0w, set(&st.lset, b0)),
        f2(77, b0p, set(&st.lset, b0)),
        f3(78, s0p, lab(s0l), lab(s0l2)),
        f3(79, s0p, lab(s0r), lab(s0r2)),
        f3(80, b0p, lab(b0l), lab(b0l2)),
        f2(81, s1wp, s0wp),
        f3(82, s0p, b0p, b1wp),
        f3(83, s0wp, b0p, b1p),
        f3(84, s0p, b0wp, b1p),
        f2(85, s0p, u64::from(st.stack.len().min(4) as u32)),
        f2(86, suf(s0), s0p),
        f2(87, suf(b0), b0p),
        f2(88, suf(b1), b1p),
        f3(89, suf(s0), suf(b0), d),
        f3(
            90,
            s0p,
            b0p,
            if s0 == NONE {
                9
            } else {
                u64::from((commas[b0 as usize] - commas[s0 as usize + 1]).min(2))
            },
        ),
        f2(91, suf(s1), s1p),
        f2(92, b0w, b1w),
    ]);
}

/// The trained parser.
#[derive(Debug, Clone)]
pub(crate) struct Parser {
    weights: Weights,
    labels: Vec<&'static str>,
}

impl Parser {
    pub(crate) fn label(&self, id: u16) -> &'static str {
        self.labels[id as usize]
    }

    pub(crate) fn n_weights(&self) -> usize {
        self.weights.len()
    }

    /// Parses a sentence: `heads[i]` is the 1-based head of word `i` (0 for the root) and
    /// `labels[i]` its relation id.
    pub(crate) fn parse(
        &self,
        lex: &[Lex],
        tags: &[u16],
        scratch: &mut ParseScratch,
        heads: &mut Vec<u32>,
        labels: &mut Vec<u16>,
    ) {
        let n = lex.len();
        let nl = self.labels.len();
        scratch.load(lex, tags);
        scratch.scores.resize(self.weights.n_classes(), 0.0);
        while !scratch.state.terminal() {
            features(
                &scratch.state,
                &scratch.tw,
                &scratch.tp,
                &scratch.ts,
                &scratch.commas,
                &mut scratch.feats,
            );
            self.weights.score(&scratch.feats, &mut scratch.scores);
            let st = &scratch.state;
            let best =
                argmax_where(&scratch.scores, |c| st.valid(c, nl)).expect("a valid transition");
            scratch.state.apply(best, nl);
        }
        heads.clear();
        labels.clear();
        for i in 0..n {
            let h = scratch.state.head[i];
            heads.push(if h as usize == n { 0 } else { h + 1 });
            labels.push(scratch.state.label[i]);
        }
    }

    /// A copy with small weights dropped.
    pub(crate) fn pruned(&self, min_abs: f32) -> Parser {
        Parser {
            weights: self.weights.pruned(min_abs),
            labels: self.labels.clone(),
        }
    }

    /// The id of a relation label, if the parser knows it.
    pub(crate) fn label_id(&self, name: &str) -> Option<u16> {
        self.labels
            .iter()
            .position(|&l| l == name)
            .map(|i| i as u16)
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.tag(b"PARS");
        w.var(self.labels.len() as u64);
        for l in &self.labels {
            w.str(l);
        }
        self.weights.write(w);
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Parser> {
        r.tag(b"PARS")?;
        let n = r.len()?;
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(intern(&r.str()?));
        }
        let weights = Weights::read(r)?;
        if weights.n_classes() != 1 + 2 * labels.len() {
            return Err(r.error("parser weights disagree with its label list"));
        }
        Ok(Parser { weights, labels })
    }
}

/// One training sentence for the parser.
#[derive(Debug, Clone)]
pub(crate) struct ParseExample {
    pub(crate) lex: Vec<Lex>,
    pub(crate) tags: Vec<u16>,
    /// Gold heads, 0-based, with `n` for the root.
    pub(crate) heads: Vec<u32>,
    pub(crate) labels: Vec<u16>,
}

impl ParseExample {
    /// Builds an example from 1-based CoNLL heads, lifting non-projective arcs to the nearest
    /// ancestor that makes them projective.
    pub(crate) fn new(
        lex: Vec<Lex>,
        tags: Vec<u16>,
        conll_heads: &[u32],
        labels: Vec<u16>,
    ) -> Self {
        let n = conll_heads.len() as u32;
        let mut heads: Vec<u32> = conll_heads
            .iter()
            .map(|&h| if h == 0 { n } else { h - 1 })
            .collect();
        projectivize(&mut heads);
        ParseExample {
            lex,
            tags,
            heads,
            labels,
        }
    }
}

fn dominates(heads: &[u32], h: u32, mut k: u32) -> bool {
    let n = heads.len() as u32;
    if h == n {
        return true;
    }
    let mut steps = 0;
    while k != n && steps <= heads.len() {
        k = heads[k as usize];
        if k == h {
            return true;
        }
        steps += 1;
    }
    false
}

fn projectivize(heads: &mut [u32]) {
    let n = heads.len() as u32;
    for _ in 0..heads.len() * 2 {
        let mut lifted = false;
        for d in 0..n {
            let h = heads[d as usize];
            if h == n {
                continue;
            }
            let (lo, hi) = (h.min(d), h.max(d));
            if (lo + 1..hi).any(|k| !dominates(heads, h, k)) {
                heads[d as usize] = heads[h as usize];
                lifted = true;
            }
        }
        if !lifted {
            return;
        }
    }
}

/// The cost of each move (shift, left, right) under the dynamic oracle.
fn move_costs(st: &State, ex: &ParseExample, deps: &[Vec<u32>]) -> [u32; 3] {
    let n = st.n as u32;
    let b0 = st.b0;
    let mut costs = [u32::MAX; 3];
    if st.can_shift() {
        let mut c = 0;
        let h = ex.heads[b0 as usize];
        if h != n && st.in_stack[h as usize] && h != st.s(0) {
            c += 1;
        }
        c += deps[b0 as usize]
            .iter()
            .filter(|&&d| st.in_stack[d as usize])
            .count() as u32;
        costs[0] = c;
    }
    let s0 = st.s(0);
    if s0 != NONE {
        let h = ex.heads[s0 as usize];
        let deps_in_buffer = deps[s0 as usize].iter().filter(|&&d| d >= b0).count() as u32;
        if st.can_left() {
            costs[1] = deps_in_buffer + u32::from(h == st.s(1) || (h > b0 && h <= n));
        }
        if st.can_right() {
            costs[2] = deps_in_buffer + u32::from(h >= b0);
        }
    }
    costs
}

/// One member of a training ensemble: its weights, shuffle and scratch space.
struct Member {
    trainer: Trainer,
    rng: Rng,
    order: Vec<usize>,
    scratch: ParseScratch,
    costs: Vec<u32>,
    deps: Vec<Vec<u32>>,
}

impl Member {
    /// One training epoch with the dynamic oracle; returns (moves right, moves).
    fn epoch(&mut self, train: &[ParseExample], epoch: usize, nl: usize) -> (usize, usize) {
        let Member {
            trainer,
            rng,
            order,
            scratch,
            costs,
            deps,
        } = self;
        scratch.scores.resize(costs.len(), 0.0);
        rng.shuffle(order);
        let (mut right, mut all) = (0usize, 0usize);
        for &k in order.iter() {
            let ex = &train[k];
            let n = ex.lex.len();
            deps.iter_mut().for_each(Vec::clear);
            deps.resize(n + 1, Vec::new());
            for (d, &h) in ex.heads.iter().enumerate() {
                deps[h as usize].push(d as u32);
            }
            scratch.load(&ex.lex, &ex.tags);
            while !scratch.state.terminal() {
                let st = &scratch.state;
                features(
                    st,
                    &scratch.tw,
                    &scratch.tp,
                    &scratch.ts,
                    &scratch.commas,
                    &mut scratch.feats,
                );
                trainer.tick();
                trainer.score(&scratch.feats, &mut scratch.scores);
                let m = move_costs(st, ex, deps);
                let s0 = st.s(0);
                let (gold_l_left, gold_l_right) = if s0 == NONE {
                    (None, None)
                } else {
                    let h = ex.heads[s0 as usize];
                    let l = ex.labels[s0 as usize] as usize;
                    (
                        (h == st.b0).then_some(l),
                        (st.stack.len() >= 2 && h == st.s(1)).then_some(l),
                    )
                };
                costs[0] = m[0];
                for l in 0..nl {
                    costs[1 + l] =
                        m[1].saturating_add(u32::from(gold_l_left.is_some_and(|g| g != l)));
                    costs[1 + nl + l] =
                        m[2].saturating_add(u32::from(gold_l_right.is_some_and(|g| g != l)));
                }
                let min_cost = *costs.iter().min().expect("classes");
                let guess =
                    argmax_where(&scratch.scores, |c| costs[c] != u32::MAX).expect("a valid move");
                let truth =
                    argmax_where(&scratch.scores, |c| costs[c] == min_cost).expect("a best move");
                if costs[guess] > min_cost {
                    trainer.update(&scratch.feats, truth, guess);
                } else {
                    right += 1;
                }
                all += 1;
                let explore = epoch > 1 && rng.unit() < 0.9;
                let next = if explore { guess } else { truth };
                scratch.state.apply(next, nl);
            }
        }
        (right, all)
    }
}

/// Trains the parser; with `dev`, keeps the epoch with the best labelled attachment on `dev`.
/// With several `members` (trained in parallel, each with its own shuffles), the model is the
/// mean of their weights.
pub(crate) fn train_parser(
    labels: Vec<&'static str>,
    train: &[ParseExample],
    dev: Option<&[ParseExample]>,
    epochs: usize,
    members: usize,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Result<(Parser, usize)> {
    if train.is_empty() {
        return Err(Error::Training("empty parser training corpus".into()));
    }
    let nl = labels.len();
    let n_classes = 1 + 2 * nl;
    let mut members: Vec<Member> = (0..members.max(1))
        .map(|m| Member {
            trainer: Trainer::new(n_classes),
            rng: Rng::new(seed + 7919 * m as u64),
            order: (0..train.len()).collect(),
            scratch: ParseScratch::default(),
            costs: vec![0u32; n_classes],
            deps: Vec::new(),
        })
        .collect();
    let mut best: Option<(f64, Parser, usize)> = None;
    for epoch in 1..=epochs {
        let counts: Vec<(usize, usize)> = if members.len() == 1 {
            vec![members[0].epoch(train, epoch, nl)]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = members
                    .iter_mut()
                    .map(|m| scope.spawn(move || m.epoch(train, epoch, nl)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("parser training thread"))
                    .collect()
            })
        };
        let (right, all) = counts
            .iter()
            .fold((0, 0), |(r, a), &(r2, a2)| (r + r2, a + a2));
        if dev.is_none() && epoch < epochs {
            log(format!(
                "parser epoch {epoch}: train moves {:.4}",
                right as f64 / all as f64
            ));
            continue;
        }
        let parser = Parser {
            weights: crate::perceptron::freeze_mean(
                &members.iter().map(|m| &m.trainer).collect::<Vec<_>>(),
            ),
            labels: labels.clone(),
        };
        match dev {
            Some(dev) => {
                let (uas, las) = attachment(&parser, dev);
                log(format!(
                    "parser epoch {epoch}: train moves {:.4}, dev UAS {uas:.4} LAS {las:.4}",
                    right as f64 / all as f64
                ));
                if best.as_ref().is_none_or(|b| las > b.0) {
                    best = Some((las, parser, epoch));
                }
            }
            None => best = Some((0.0, parser, epoch)),
        }
    }
    let (_, parser, epoch) = best.ok_or_else(|| Error::Training("no parser epochs".into()))?;
    Ok((parser, epoch))
}

/// Unlabelled and labelled attachment scores on examples (gold heads as given, i.e. lifted).
fn attachment(parser: &Parser, data: &[ParseExample]) -> (f64, f64) {
    let mut scratch = ParseScratch::default();
    let (mut heads, mut labels) = (Vec::new(), Vec::new());
    let (mut u, mut l, mut all) = (0usize, 0usize, 0usize);
    for ex in data {
        parser.parse(&ex.lex, &ex.tags, &mut scratch, &mut heads, &mut labels);
        let n = ex.lex.len() as u32;
        for i in 0..ex.lex.len() {
            let gold = if ex.heads[i] == n { 0 } else { ex.heads[i] + 1 };
            all += 1;
            if heads[i] == gold {
                u += 1;
                l += usize::from(labels[i] == ex.labels[i]);
            }
        }
    }
    (u as f64 / all.max(1) as f64, l as f64 / all.max(1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifting_makes_trees_projective() {
        // 0 → 2 crosses 1 → 3 (root is word 1, i.e. index 1).
        let mut heads = vec![2, 4, 1, 1];
        projectivize(&mut heads);
        for d in 0..4u32 {
            let h = heads[d as usize];
            if h == 4 {
                continue;
            }
            for k in h.min(d) + 1..h.max(d) {
                assert!(dominates(&heads, h, k), "{heads:?}");
            }
        }
    }

    #[test]
    fn a_two_member_ensemble_learns_a_tiny_treebank_deterministically() {
        // "She saw him ." and "He left ." with distinct word hashes and tags.
        let mut s = String::new();
        let lexes = |ws: &[&str], s: &mut String| -> Vec<Lex> {
            ws.iter().map(|w| crate::lexical::lex(w, s)).collect()
        };
        let train = vec![
            ParseExample::new(
                lexes(&["She", "saw", "him", "."], &mut s),
                vec![0, 1, 0, 2],
                &[2, 0, 2, 2],
                vec![0, 1, 2, 3],
            ),
            ParseExample::new(
                lexes(&["He", "left", "."], &mut s),
                vec![0, 1, 2],
                &[2, 0, 2],
                vec![0, 1, 3],
            ),
        ];
        let labels = vec!["nsubj", "root", "obj", "punct"];
        let run = || train_parser(labels.clone(), &train, Some(&train), 8, 2, 7, &mut |_| {});
        let (parser, _) = run().expect("trains");
        assert_eq!(attachment(&parser, &train), (1.0, 1.0));
        let (again, _) = run().expect("trains");
        let bytes = |p: &Parser| {
            let mut w = Writer::default();
            p.write(&mut w);
            w.buf
        };
        assert_eq!(bytes(&parser), bytes(&again));
    }

    #[test]
    fn oracle_reaches_the_gold_tree() {
        // "She saw him ." : saw is the root.
        let lex = vec![Lex::default(); 4];
        let ex = ParseExample::new(lex, vec![0; 4], &[2, 0, 2, 2], vec![0, 1, 2, 3]);
        let mut deps = vec![Vec::new(); 5];
        for (d, &h) in ex.heads.iter().enumerate() {
            deps[h as usize].push(d as u32);
        }
        let mut st = State::default();
        st.reset(4);
        let nl = 4;
        while !st.terminal() {
            let m = move_costs(&st, &ex, &deps);
            let mv = (0..3).find(|&i| m[i] == 0).expect("a zero-cost move");
            let class = match mv {
                0 => 0,
                1 => 1 + ex.labels[st.s(0) as usize] as usize,
                _ => 1 + nl + ex.labels[st.s(0) as usize] as usize,
            };
            st.apply(class, nl);
        }
        assert_eq!(&st.head[..4], &ex.heads[..]);
        assert_eq!(&st.label[..4], &ex.labels[..]);
    }
}
