//! A sparse multi-class averaged perceptron: training weights and frozen, quantised weights.
//!
//! Each feature key owns a short list of (class, weight) entries, only for the classes it was
//! ever updated with, so a model with a hundred classes stays small and scoring touches only the
//! entries that exist.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::binfmt::{Reader, Writer};
use crate::error::Result;

/// Averaged weights smaller than this (in perceptron updates) are dropped when freezing.
const PRUNE_BELOW: f64 = 0.1;

/// The 32-bit key a 64-bit feature hash is stored under.
#[inline]
fn short_key(k: u64) -> u32 {
    (k >> 32) as u32
}

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b) ^ (self.0 >> 56);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A `HashMap` keyed by pre-hashed `u64`s, deterministic across runs.
pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

#[derive(Debug, Clone, Copy)]
struct Entry {
    class: u16,
    weight: f32,
    /// Σ (instance − 1) · Δ, for averaging.
    acc: f64,
}

/// Weights under training.
#[derive(Debug)]
pub(crate) struct Trainer {
    n_classes: usize,
    index: KeyMap<u32>,
    rows: Vec<Vec<Entry>>,
    instances: u64,
}

impl Trainer {
    pub(crate) fn new(n_classes: usize) -> Self {
        Trainer {
            n_classes,
            index: KeyMap::default(),
            rows: Vec::new(),
            instances: 0,
        }
    }

    /// Counts one training instance (call before scoring it).
    pub(crate) fn tick(&mut self) {
        self.instances += 1;
    }

    /// Writes the current (non-averaged) scores of all classes.
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for e in &self.rows[r as usize] {
                    scores[e.class as usize] += e.weight;
                }
            }
        }
    }

    /// Rewards `truth` and penalises `guess` on every feature.
    pub(crate) fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        let stamp = self.instances.saturating_sub(1) as f64;
        for &f in feats {
            let next = self.rows.len() as u32;
            let r = *self.index.entry(f).or_insert(next) as usize;
            if r == self.rows.len() {
                self.rows.push(Vec::with_capacity(2));
            }
            let row = &mut self.rows[r];
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let class = class as u16;
                match row.iter_mut().find(|e| e.class == class) {
                    Some(e) => {
                        e.weight += delta;
                        e.acc += stamp * f64::from(delta);
                    }
                    None => row.push(Entry {
                        class,
                        weight: delta,
                        acc: stamp * f64::from(delta),
                    }),
                }
            }
        }
    }

    /// The averaged weights, quantised and with zero entries dropped.
    pub(crate) fn freeze(&self) -> Weights {
        let n = self.instances.max(1) as f64;
        // Stored keys are the top 32 bits of the feature hash: colliding features are merged.
        let mut keys: Vec<(u32, u32)> = self
            .index
            .iter()
            .map(|(&k, &r)| (short_key(k).max(1), r))
            .collect();
        keys.sort_unstable();
        let mut max_abs = 0f64;
        for row in &self.rows {
            for e in row {
                max_abs = max_abs.max((f64::from(e.weight) - e.acc / n).abs());
            }
        }
        let scale = scale_for(max_abs);
        let mut w = WeightsBuilder::new(self.n_classes, scale as f32);
        let mut sums: Vec<f64> = vec![0.0; self.n_classes];
        let mut entries: Vec<(u16, i16)> = Vec::new();
        let mut i = 0;
        while i < keys.len() {
            let key = keys[i].0;
            sums.fill(0.0);
            while i < keys.len() && keys[i].0 == key {
                for e in &self.rows[keys[i].1 as usize] {
                    sums[e.class as usize] += f64::from(e.weight) - e.acc / n;
                }
                i += 1;
            }
            quantize_row(&sums, scale, PRUNE_BELOW, &mut entries);
            w.push_row(key, &entries);
        }
        w.build()
    }
}

/// The quantisation step for weights whose largest magnitude is `max_abs` (i16 range).
fn scale_for(max_abs: f64) -> f64 {
    if max_abs > 0.0 {
        max_abs / f64::from(i16::MAX)
    } else {
        1.0
    }
}

/// One row's averaged weights (`sums`, per class) quantised at `scale` into `entries`, without
/// the entries smaller than `prune_below` or rounding to zero.
fn quantize_row(sums: &[f64], scale: f64, prune_below: f64, entries: &mut Vec<(u16, i16)>) {
    entries.clear();
    for (c, &avg) in sums.iter().enumerate() {
        if avg.abs() < prune_below {
            continue;
        }
        let q = (avg / scale).round().clamp(-32767.0, 32767.0) as i16;
        if q != 0 {
            entries.push((c as u16, q));
        }
    }
}

/// The mean of several trainers' averaged weights, quantised, with small entries dropped: for
/// linear models this is the ensemble that averages their scores, at the cost of one model.
pub(crate) fn freeze_mean(trainers: &[&Trainer]) -> Weights {
    let Some(first) = trainers.first() else {
        return Trainer::new(0).freeze();
    };
    if trainers.len() == 1 {
        return first.freeze();
    }
    let n_classes = first.n_classes;
    let k = trainers.len() as f64;
    // A weight only one member learned is divided by their number: the threshold grows with it
    // so that the ensemble keeps about as many weights as one model.
    let prune_below = PRUNE_BELOW * k;
    // (short key, trainer, row), sorted: colliding features and the same feature in several
    // trainers are merged.
    let mut keys: Vec<(u32, u32, u32)> = trainers
        .iter()
        .enumerate()
        .flat_map(|(t, tr)| {
            tr.index
                .iter()
                .map(move |(&key, &r)| (short_key(key).max(1), t as u32, r))
        })
        .collect();
    keys.sort_unstable();
    let mut sums: Vec<f64> = vec![0.0; n_classes];
    // Sums the rows of the key run starting at `i` into `sums`; returns the run's end.
    let sum_run = |i: usize, sums: &mut [f64]| -> usize {
        sums.fill(0.0);
        let key = keys[i].0;
        let mut j = i;
        while j < keys.len() && keys[j].0 == key {
            let tr = trainers[keys[j].1 as usize];
            let n = tr.instances.max(1) as f64;
            for e in &tr.rows[keys[j].2 as usize] {
                sums[e.class as usize] += (f64::from(e.weight) - e.acc / n) / k;
            }
            j += 1;
        }
        j
    };
    let mut max_abs = 0f64;
    let mut i = 0;
    while i < keys.len() {
        i = sum_run(i, &mut sums);
        max_abs = sums.iter().fold(max_abs, |m, v| m.max(v.abs()));
    }
    let scale = scale_for(max_abs);
    let mut w = WeightsBuilder::new(n_classes, scale as f32);
    let mut entries: Vec<(u16, i16)> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let key = keys[i].0;
        i = sum_run(i, &mut sums);
        quantize_row(&sums, scale, prune_below, &mut entries);
        w.push_row(key, &entries);
    }
    w.build()
}

struct WeightsBuilder {
    n_classes: usize,
    scale: f32,
    keys: Vec<u32>,
    starts: Vec<u32>,
    sparse: Vec<Entry16>,
    dense: Vec<i16>,
    n_weights: usize,
}

/// One stored sparse weight: class and quantised value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry16 {
    class: u16,
    value: i16,
}

/// The top bit of a slot's start marks a dense row.
const DENSE: u32 = 1 << 31;

impl WeightsBuilder {
    fn new(n_classes: usize, scale: f32) -> Self {
        WeightsBuilder {
            n_classes,
            scale,
            keys: Vec::new(),
            starts: Vec::new(),
            sparse: Vec::new(),
            dense: Vec::new(),
            n_weights: 0,
        }
    }

    /// Adds a row. Rows with many classes are stored dense (one value per class, summed with a
    /// vectorisable loop), the others sparse behind a header entry holding their length.
    fn push_row(&mut self, key: u32, entries: &[(u16, i16)]) {
        if entries.is_empty() {
            return;
        }
        self.keys.push(key);
        self.n_weights += entries.len();
        if entries.len() * 3 > self.n_classes {
            self.starts.push(DENSE | self.dense.len() as u32);
            let base = self.dense.len();
            self.dense.resize(base + self.n_classes, 0);
            for &(c, v) in entries {
                self.dense[base + c as usize] = v;
            }
        } else {
            self.starts.push(self.sparse.len() as u32);
            self.sparse.push(Entry16 {
                class: entries.len() as u16,
                value: 0,
            });
            self.sparse.extend(
                entries
                    .iter()
                    .map(|&(class, value)| Entry16 { class, value }),
            );
        }
    }

    fn build(self) -> Weights {
        let table = KeyTable::new(&self.keys, &self.starts);
        Weights {
            n_classes: self.n_classes,
            scale: self.scale,
            table,
            sparse: self.sparse,
            dense: self.dense,
            n_weights: self.n_weights,
        }
    }
}

/// One slot of the feature table: the key and where its row starts (see [`DENSE`]).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u32,
    start: u32,
}

/// An open-addressing table from 32-bit feature key to its row. A key's home slot is given by
/// its top bits, so keys inserted in sorted order fill the table front to back (fast loading),
/// and a lookup touches one slot (usually one cache line) before its row.
#[derive(Debug, Clone)]
struct KeyTable {
    bits: u32,
    slots: Vec<Slot>,
}

const EMPTY: u32 = 0;

impl KeyTable {
    /// `keys` sorted ascending, `starts` their rows.
    fn new(keys: &[u32], starts: &[u32]) -> Self {
        // Load factor between 3/8 and 3/4.
        let mut cap = keys.len().next_power_of_two().max(16);
        if keys.len() * 4 > cap * 3 {
            cap *= 2;
        }
        let bits = cap.trailing_zeros();
        // Room at the end so probing never wraps.
        let mut slots = vec![Slot::default(); cap + 64];
        for (&k, &start) in keys.iter().zip(starts) {
            let k = k.max(1);
            let mut i = home(k, bits);
            while slots[i].key != EMPTY {
                i += 1;
                if i == slots.len() {
                    slots.push(Slot::default());
                }
            }
            slots[i] = Slot { key: k, start };
        }
        KeyTable { bits, slots }
    }

    #[inline]
    fn get(&self, key: u64) -> Option<u32> {
        let k = short_key(key).max(1);
        let mut i = home(k, self.bits);
        loop {
            let s = *self.slots.get(i)?;
            if s.key == k {
                return Some(s.start);
            }
            if s.key == EMPTY {
                return None;
            }
            i += 1;
        }
    }
}

#[inline]
fn home(k: u32, bits: u32) -> usize {
    ((u64::from(k) << bits) >> 32) as usize
}

/// Frozen weights: scoring only.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    n_classes: usize,
    scale: f32,
    table: KeyTable,
    /// Sparse rows, each a header entry (length in `class`) followed by its weights.
    sparse: Vec<Entry16>,
    /// Dense rows, `n_classes` values each.
    dense: Vec<i16>,
    n_weights: usize,
}

/// Models with at most this many classes are scored with integer sums on the stack.
const MAX_INT_CLASSES: usize = 256;

/// The most feature rows looked up before they are summed (see [`Weights::score`]).
const BATCH: usize = 128;

impl Weights {
    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// The number of (feature, class) weights.
    pub(crate) fn len(&self) -> usize {
        self.n_weights
    }

    /// Writes the scores of all classes, in units of the quantisation step (argmax is all the
    /// callers need, and it does not depend on the scale).
    #[inline]
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [f32]) {
        let n = self.n_classes;
        if n <= MAX_INT_CLASSES {
            // Integer sums (exact, and a wider vector of lanes than floats).
            let mut acc = [0i32; MAX_INT_CLASSES];
            self.score_into(feats, &mut acc[..n]);
            for (s, &a) in scores[..n].iter_mut().zip(&acc[..n]) {
                *s = a as f32;
            }
        } else {
            scores.fill(0.0);
            self.score_into(feats, &mut scores[..n]);
        }
    }

    /// Adds the rows of `feats` into `scores` (`n_classes` long).
    #[inline]
    fn score_into<T: Copy + std::ops::AddAssign + From<i16>>(
        &self,
        feats: &[u64],
        scores: &mut [T],
    ) {
        let n = self.n_classes;
        // Look up every row first, then add them: the table probes are independent, so the
        // processor overlaps their cache misses instead of waiting on each in turn.
        for chunk in feats.chunks(BATCH) {
            let mut rows = [0u32; BATCH];
            let mut found = 0;
            let mut touch = 0i16;
            for &f in chunk {
                if let Some(start) = self.table.get(f) {
                    rows[found] = start;
                    found += 1;
                    touch ^= self.first_value(start);
                }
            }
            std::hint::black_box(touch);
            for &start in &rows[..found] {
                if start & DENSE != 0 {
                    let a = (start & !DENSE) as usize;
                    for (s, &v) in scores.iter_mut().zip(&self.dense[a..a + n]) {
                        *s += T::from(v);
                    }
                } else {
                    let a = start as usize;
                    let len = usize::from(self.sparse[a].class);
                    for e in &self.sparse[a + 1..a + 1 + len] {
                        scores[e.class as usize] += T::from(e.value);
                    }
                }
            }
        }
    }

    /// The first stored value of the row starting at `start` (read early so that the rows'
    /// cache misses overlap).
    #[inline(always)]
    fn first_value(&self, start: u32) -> i16 {
        if start & DENSE != 0 {
            self.dense[(start & !DENSE) as usize]
        } else {
            self.sparse[start as usize].value
        }
    }

    /// The entries of the row starting at `start`.
    fn row(&self, start: u32, out: &mut Vec<(u16, i16)>) {
        out.clear();
        if start & DENSE != 0 {
            let a = (start & !DENSE) as usize;
            for (c, &v) in self.dense[a..a + self.n_classes].iter().enumerate() {
                if v != 0 {
                    out.push((c as u16, v));
                }
            }
        } else {
            let a = start as usize;
            let len = usize::from(self.sparse[a].class);
            out.extend(
                self.sparse[a + 1..a + 1 + len]
                    .iter()
                    .map(|e| (e.class, e.value)),
            );
        }
    }

    /// The keys in ascending order with their row starts.
    fn keys(&self) -> Vec<(u32, u32)> {
        let mut keys: Vec<(u32, u32)> = self
            .table
            .slots
            .iter()
            .filter(|s| s.key != EMPTY)
            .map(|s| (s.key, s.start))
            .collect();
        keys.sort_unstable();
        keys
    }

    /// A copy without the weights smaller than `min_abs` (in perceptron updates).
    pub(crate) fn pruned(&self, min_abs: f32) -> Weights {
        let mut b = WeightsBuilder::new(self.n_classes, self.scale);
        let mut entries = Vec::new();
        for (key, start) in self.keys() {
            self.row(start, &mut entries);
            entries.retain(|&(_, v)| (f32::from(v) * self.scale).abs() >= min_abs);
            b.push_row(key, &entries);
        }
        b.build()
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.tag(b"WGTS");
        w.var(self.n_classes as u64);
        w.f32(self.scale);
        let keys = self.keys();
        w.var(keys.len() as u64);
        let mut prev = 0u32;
        let mut entries = Vec::new();
        for (k, start) in keys {
            // Keys are sorted: store gaps.
            w.var(u64::from(k - prev));
            prev = k;
            self.row(start, &mut entries);
            w.var(entries.len() as u64);
            for &(c, v) in &entries {
                w.var(u64::from(c));
                w.u16(v as u16);
            }
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Weights> {
        r.tag(b"WGTS")?;
        let n_classes = r.var()? as usize;
        if n_classes == 0 || n_classes > usize::from(u16::MAX) {
            return Err(r.error(format!("{n_classes} classes")));
        }
        let scale = r.f32()?;
        let n_keys = r.len()?;
        let mut b = WeightsBuilder::new(n_classes, scale);
        b.keys.reserve(n_keys);
        b.starts.reserve(n_keys);
        let mut prev = 0u32;
        let mut entries = Vec::new();
        for _ in 0..n_keys {
            let gap = u32::try_from(r.var()?).map_err(|_| r.error("key gap overflow"))?;
            let key = prev
                .checked_add(gap)
                .ok_or_else(|| r.error("key overflow"))?;
            if key == EMPTY || (key == prev && !b.keys.is_empty()) {
                return Err(r.error("weight keys out of order"));
            }
            prev = key;
            let n = r.len()?;
            if n == 0 || n > n_classes {
                return Err(r.error(format!("weight row of {n} entries")));
            }
            entries.clear();
            for _ in 0..n {
                let c = r.var()?;
                if c as usize >= n_classes {
                    return Err(r.error(format!("class {c} out of range")));
                }
                entries.push((c as u16, r.u16()? as i16));
            }
            b.push_row(key, &entries);
        }
        Ok(b.build())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_separable_data_and_round_trips() {
        // Class = which of three features is present.
        let data: Vec<(Vec<u64>, usize)> = (0..30)
            .map(|i| (vec![crate::lexical::f1(5, (i % 3) as u64), 7 << 40], i % 3))
            .collect();
        let mut t = Trainer::new(3);
        let mut scores = [0f32; 3];
        for _ in 0..3 {
            for (f, y) in &data {
                t.tick();
                t.score(f, &mut scores);
                let guess = argmax(&scores);
                t.update(f, *y, guess);
            }
        }
        let w = t.freeze();
        for (f, y) in &data {
            w.score(f, &mut scores);
            assert_eq!(argmax(&scores), *y);
        }
        let mut out = Writer::default();
        w.write(&mut out);
        let back = Weights::read(&mut Reader::new(&out.buf)).unwrap();
        assert_eq!(back.keys(), w.keys());
        assert_eq!((&back.sparse, &back.dense), (&w.sparse, &w.dense));
    }

    /// Trains on `data` for `epochs` passes, in the given order rotated by `shift`.
    fn trained(data: &[(Vec<u64>, usize)], epochs: usize, shift: usize) -> Trainer {
        let mut t = Trainer::new(3);
        let mut scores = [0f32; 3];
        for _ in 0..epochs {
            for k in 0..data.len() {
                let (f, y) = &data[(k + shift) % data.len()];
                t.tick();
                t.score(f, &mut scores);
                let guess = argmax(&scores);
                t.update(f, *y, guess);
            }
        }
        t
    }

    #[test]
    fn mean_of_trainers_scores_as_their_average() {
        let data: Vec<(Vec<u64>, usize)> = (0..30)
            .map(|i| {
                let f = vec![
                    crate::lexical::f1(5, (i % 3) as u64),
                    crate::lexical::f1(6, (i % 4) as u64),
                ];
                (f, i % 3)
            })
            .collect();
        let (a, b) = (trained(&data, 3, 0), trained(&data, 3, 7));
        // One member: the same weights as freezing it alone.
        let (one, alone) = (freeze_mean(&[&a]), a.freeze());
        assert_eq!(
            (one.keys(), &one.sparse, &one.dense),
            (alone.keys(), &alone.sparse, &alone.dense)
        );
        // Two members: scores proportional to the sum of the members' averaged weights.
        let mean = freeze_mean(&[&a, &b]);
        let (wa, wb) = (a.freeze(), b.freeze());
        let (mut sa, mut sb, mut sm) = ([0f32; 3], [0f32; 3], [0f32; 3]);
        for (f, y) in &data {
            wa.score(f, &mut sa);
            wb.score(f, &mut sb);
            mean.score(f, &mut sm);
            let sum: Vec<f32> = (0..3)
                .map(|c| sa[c] * wa.scale + sb[c] * wb.scale)
                .collect();
            for c in 0..3 {
                let got = sm[c] * mean.scale * 2.0;
                assert!(
                    (got - sum[c]).abs() < 0.01 * sum[c].abs().max(1.0),
                    "{got} vs {}",
                    sum[c]
                );
            }
            assert_eq!(argmax(&sm), *y);
        }
    }

    fn argmax(s: &[f32]) -> usize {
        let mut best = 0;
        for i in 1..s.len() {
            if s[i] > s[best] {
                best = i;
            }
        }
        best
    }
}
