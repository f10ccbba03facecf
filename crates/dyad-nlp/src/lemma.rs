//! The lemmatiser: an exception list of (form, tag) pairs learned from the treebank, then suffix
//! rules per tag (strip n characters, append a string, lower-case or keep the case).

use std::collections::{BTreeMap, HashMap};

use crate::binfmt::{Reader, Writer};
use crate::conllu::Sentence;
use crate::error::Result;
use crate::lexical::{hash_bytes, mix};
use crate::perceptron::KeyMap;

/// The longest suffix the rules look at, in characters.
const MAX_SUFFIX: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    lower: bool,
    strip: u8,
    append: String,
}

/// The trained lemmatiser.
#[derive(Debug, Clone)]
pub(crate) struct Lemmatizer {
    rules: Vec<Rule>,
    exceptions: KeyMap<u32>,
    suffixes: KeyMap<u32>,
}

fn lower_into(form: &str, out: &mut String) {
    out.clear();
    for c in form.chars() {
        out.extend(c.to_lowercase());
    }
}

fn form_key(xpos: &str, lower: &str) -> u64 {
    mix(
        hash_bytes(7, xpos.as_bytes()),
        hash_bytes(8, lower.as_bytes()),
    )
}

fn suffix_key(xpos: &str, k: usize, suffix: &str) -> u64 {
    mix(
        mix(hash_bytes(9, xpos.as_bytes()), k as u64),
        hash_bytes(10, suffix.as_bytes()),
    )
}

/// The byte offset where the last `k` characters of `s` start, if `s` has that many.
fn suffix_start(s: &str, k: usize) -> Option<usize> {
    if k == 0 {
        return Some(s.len());
    }
    s.char_indices().rev().nth(k - 1).map(|(i, _)| i)
}

fn learn_rule(form: &str, lemma: &str, lower: &str) -> Rule {
    let mut best: Option<Rule> = None;
    for (is_lower, base) in [(true, lower), (false, form)] {
        let common = base
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let strip = base.chars().count() - common;
        let append: String = lemma.chars().skip(common).collect();
        let rule = Rule {
            lower: is_lower,
            strip: strip.min(255) as u8,
            append,
        };
        if best.as_ref().is_none_or(|b| rule.strip < b.strip) {
            best = Some(rule);
        }
    }
    best.expect("two candidates")
}

impl Lemmatizer {
    /// Learns exceptions and suffix rules from gold (form, XPOS, lemma) triples.
    pub(crate) fn train(sentences: &[Sentence]) -> Lemmatizer {
        let mut rule_ids: BTreeMap<Rule, u32> = BTreeMap::new();
        let mut by_form: HashMap<u64, BTreeMap<u32, usize>> = HashMap::new();
        let mut by_suffix: HashMap<u64, BTreeMap<u32, usize>> = HashMap::new();
        let mut lower = String::new();
        // First pass: intern rules in a deterministic order.
        let mut triples = Vec::new();
        for s in sentences {
            for w in &s.words {
                if w.lemma == "_" {
                    continue;
                }
                lower_into(&w.form, &mut lower);
                triples.push((
                    w.xpos.as_str(),
                    lower.clone(),
                    learn_rule(&w.form, &w.lemma, &lower),
                ));
            }
        }
        let mut sorted_rules: Vec<&Rule> = triples.iter().map(|t| &t.2).collect();
        sorted_rules.sort();
        sorted_rules.dedup();
        for (i, r) in sorted_rules.into_iter().enumerate() {
            rule_ids.insert(r.clone(), i as u32);
        }
        for (xpos, lower, rule) in &triples {
            let id = rule_ids[rule];
            *by_form
                .entry(form_key(xpos, lower))
                .or_default()
                .entry(id)
                .or_default() += 1;
            for k in 0..=MAX_SUFFIX {
                if let Some(start) = suffix_start(lower, k) {
                    *by_suffix
                        .entry(suffix_key(xpos, k, &lower[start..]))
                        .or_default()
                        .entry(id)
                        .or_default() += 1;
                }
            }
        }
        let best = |counts: &BTreeMap<u32, usize>| {
            let mut b = (0u32, 0usize);
            for (&id, &n) in counts {
                if n > b.1 {
                    b = (id, n);
                }
            }
            b
        };
        let mut exceptions = KeyMap::default();
        for (k, counts) in &by_form {
            exceptions.insert(*k, best(counts).0);
        }
        let mut suffixes = KeyMap::default();
        for (k, counts) in &by_suffix {
            let (id, n) = best(counts);
            if n >= 2 {
                suffixes.insert(*k, id);
            }
        }
        let mut rules = vec![
            Rule {
                lower: false,
                strip: 0,
                append: String::new()
            };
            rule_ids.len()
        ];
        for (r, id) in rule_ids {
            rules[id as usize] = r;
        }
        Lemmatizer {
            rules,
            exceptions,
            suffixes,
        }
    }

    /// Whether the treebank lists `form` (any case) as an irregular past tense (`VBD`) whose
    /// lemma differs from it ("spoke" → "speak", not "set" or "walked").
    pub(crate) fn is_irregular_past(&self, form: &str) -> bool {
        let (mut scratch, mut lemma) = (String::new(), String::new());
        lower_into(form, &mut scratch);
        if !self.exceptions.contains_key(&form_key("VBD", &scratch)) {
            return false;
        }
        let lower = scratch.clone();
        self.lemmatize(&lower, "VBD", &mut scratch, &mut lemma);
        lemma != lower && !lower.ends_with("ed")
    }

    /// Writes the lemma of `form` tagged `xpos` into `out`; `scratch` is reused.
    pub(crate) fn lemmatize(&self, form: &str, xpos: &str, scratch: &mut String, out: &mut String) {
        lower_into(form, scratch);
        let rule = self
            .exceptions
            .get(&form_key(xpos, scratch))
            .copied()
            .or_else(|| {
                (0..=MAX_SUFFIX).rev().find_map(|k| {
                    let start = suffix_start(scratch, k)?;
                    self.suffixes
                        .get(&suffix_key(xpos, k, &scratch[start..]))
                        .copied()
                })
            });
        out.clear();
        let Some(rule) = rule.map(|id| &self.rules[id as usize]) else {
            out.push_str(form);
            return;
        };
        let base = if rule.lower { scratch.as_str() } else { form };
        let keep = base.chars().count().checked_sub(usize::from(rule.strip));
        match keep {
            Some(keep) => {
                let end = base.char_indices().nth(keep).map_or(base.len(), |(i, _)| i);
                out.push_str(&base[..end]);
                out.push_str(&rule.append);
            }
            None => out.push_str(base),
        }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.tag(b"LEMM");
        w.var(self.rules.len() as u64);
        for r in &self.rules {
            w.u8(u8::from(r.lower));
            w.u8(r.strip);
            w.str(&r.append);
        }
        for map in [&self.exceptions, &self.suffixes] {
            let mut entries: Vec<(u64, u32)> = map.iter().map(|(&k, &v)| (k, v)).collect();
            entries.sort_unstable();
            w.var(entries.len() as u64);
            for (k, v) in entries {
                w.u64(k);
                w.var(u64::from(v));
            }
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Lemmatizer> {
        r.tag(b"LEMM")?;
        let n = r.len()?;
        let mut rules = Vec::with_capacity(n);
        for _ in 0..n {
            let lower = r.u8()? != 0;
            let strip = r.u8()?;
            rules.push(Rule {
                lower,
                strip,
                append: r.str()?,
            });
        }
        let mut maps = [KeyMap::default(), KeyMap::default()];
        for map in &mut maps {
            let n = r.len()?;
            map.reserve(n);
            for _ in 0..n {
                let k = r.u64()?;
                let v = r.var()?;
                if v as usize >= rules.len() {
                    return Err(r.error(format!("lemma rule {v} out of range")));
                }
                map.insert(k, v as u32);
            }
        }
        let [exceptions, suffixes] = maps;
        Ok(Lemmatizer {
            rules,
            exceptions,
            suffixes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::parse_conllu;
    use std::path::Path;

    #[test]
    fn learns_exceptions_and_suffix_rules() {
        let text = "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n2\tdogs\tdog\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n3\twent\tgo\tVERB\tVBD\t_\t0\troot\t_\t_\n4\tcats\tcat\tNOUN\tNNS\t_\t3\tobj\t_\t_\n5\tAP\tAP\tPROPN\tNNP\t_\t3\tobj\t_\t_\n\n";
        let s = parse_conllu(text, Path::new("<mem>")).unwrap();
        let l = Lemmatizer::train(&s);
        let (mut scratch, mut out) = (String::new(), String::new());
        let mut lemma = |f: &str, x: &str| {
            l.lemmatize(f, x, &mut scratch, &mut out);
            out.clone()
        };
        assert_eq!(lemma("went", "VBD"), "go");
        assert_eq!(lemma("The", "DT"), "the");
        assert_eq!(lemma("AP", "NNP"), "AP");
        // Unseen word: the suffix rule "-s" → "" learned from two plurals.
        assert_eq!(lemma("Bats", "NNS"), "bat");
    }
}
