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
            .map(|(&k, &r)| (short_key(k), r))
            .collect();
        keys.sort_unstable();
        let mut max_abs = 0f64;
        for row in &self.rows {
            for e in row {
                max_abs = max_abs.max((f64::from(e.weight) - e.acc / n).abs());
            }
        }
        let scale = if max_abs > 0.0 {
            max_abs / f64::from(i16::MAX)
        } else {
            1.0
        };
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
            entries.clear();
            for (c, &avg) in sums.iter().enumerate() {
                if avg.abs() < PRUNE_BELOW {
                    continue;
                }
                let q = (avg / scale).round().clamp(-32767.0, 32767.0) as i16;
                if q != 0 {
                    entries.push((c as u16, q));
                }
            }
            w.push_row(key, &entries);
        }
        w.build()
    }
}

struct WeightsBuilder {
    n_classes: usize,
    scale: f32,
    keys: Vec<u32>,
    row_start: Vec<u32>,
    classes: Vec<u16>,
    values: Vec<i16>,
}

impl WeightsBuilder {
    fn new(n_classes: usize, scale: f32) -> Self {
        WeightsBuilder {
            n_classes,
            scale,
            keys: Vec::new(),
            row_start: vec![0],
            classes: Vec::new(),
            values: Vec::new(),
        }
    }
    fn push_row(&mut self, key: u32, entries: &[(u16, i16)]) {
        if entries.is_empty() {
            return;
        }
        self.keys.push(key);
        for &(c, v) in entries {
            self.classes.push(c);
            self.values.push(v);
        }
        self.row_start.push(self.classes.len() as u32);
    }
    fn build(self) -> Weights {
        let table = KeyTable::new(&self.keys);
        let values = self
            .values
            .iter()
            .map(|&q| f32::from(q) * self.scale)
            .collect();
        Weights {
            n_classes: self.n_classes,
            scale: self.scale,
            keys: self.keys,
            table,
            row_start: self.row_start,
            classes: self.classes,
            quantised: self.values,
            values,
        }
    }
}

/// An open-addressing table from feature key to row number.
#[derive(Debug, Clone)]
struct KeyTable {
    mask: usize,
    keys: Vec<u32>,
    rows: Vec<u32>,
}

const EMPTY: u32 = 0;

impl KeyTable {
    fn new(keys: &[u32]) -> Self {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut t = KeyTable {
            mask: cap - 1,
            keys: vec![EMPTY; cap],
            rows: vec![0; cap],
        };
        for (row, &k) in keys.iter().enumerate() {
            let k = k.max(1);
            let mut i = k.wrapping_mul(0x9e37_79b9) as usize & t.mask;
            while t.keys[i] != EMPTY {
                i = (i + 1) & t.mask;
            }
            t.keys[i] = k;
            t.rows[i] = row as u32;
        }
        t
    }

    #[inline]
    fn get(&self, key: u64) -> Option<u32> {
        let k = short_key(key).max(1);
        let mut i = k.wrapping_mul(0x9e37_79b9) as usize & self.mask;
        loop {
            let here = self.keys[i];
            if here == k {
                return Some(self.rows[i]);
            }
            if here == EMPTY {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Frozen weights: scoring only.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    n_classes: usize,
    scale: f32,
    keys: Vec<u32>,
    table: KeyTable,
    row_start: Vec<u32>,
    classes: Vec<u16>,
    quantised: Vec<i16>,
    values: Vec<f32>,
}

impl Weights {
    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// The number of (feature, class) weights.
    pub(crate) fn len(&self) -> usize {
        self.values.len()
    }

    /// Writes the scores of all classes.
    #[inline]
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for &f in feats {
            if let Some(r) = self.table.get(f) {
                let (a, b) = (
                    self.row_start[r as usize] as usize,
                    self.row_start[r as usize + 1] as usize,
                );
                for (c, v) in self.classes[a..b].iter().zip(&self.values[a..b]) {
                    scores[*c as usize] += *v;
                }
            }
        }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.tag(b"WGTS");
        w.var(self.n_classes as u64);
        w.f32(self.scale);
        w.var(self.keys.len() as u64);
        let mut prev = 0u32;
        for (i, &k) in self.keys.iter().enumerate() {
            // Keys are sorted: store gaps.
            w.var(u64::from(k - prev));
            prev = k;
            let (a, b) = (self.row_start[i] as usize, self.row_start[i + 1] as usize);
            w.var((b - a) as u64);
            for j in a..b {
                w.var(u64::from(self.classes[j]));
                w.u16(self.quantised[j] as u16);
            }
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Weights> {
        r.tag(b"WGTS")?;
        let n_classes = r.var()? as usize;
        let scale = r.f32()?;
        let n_keys = r.len()?;
        let mut b = WeightsBuilder::new(n_classes, scale);
        b.keys.reserve(n_keys);
        let mut prev = 0u32;
        let mut entries = Vec::new();
        for _ in 0..n_keys {
            let gap = u32::try_from(r.var()?).map_err(|_| r.error("key gap overflow"))?;
            let key = prev
                .checked_add(gap)
                .ok_or_else(|| r.error("key overflow"))?;
            prev = key;
            let n = r.len()?;
            entries.clear();
            for _ in 0..n {
                let c = r.var()?;
                if c as usize >= n_classes {
                    return Err(r.error(format!("class {c} out of range")));
                }
                entries.push((c as u16, r.u16()? as i16));
            }
            if n == 0 {
                return Err(r.error("empty weight row"));
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
        assert_eq!(back.keys, w.keys);
        assert_eq!(back.values, w.values);
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
