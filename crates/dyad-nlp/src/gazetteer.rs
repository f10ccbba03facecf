//! Name lists for the recogniser: token sequences and the entity types they may name (places
//! from GeoNames, organisations from the PETRARCH/Phoenix actor dictionaries).
//!
//! Names are matched on folded word forms (lower case, digits as `0`), up to
//! [`MAX_NAME_WORDS`] words, and only where the first word is capitalised or a number, so common
//! lower-case words that happen to be town names do not fire.

use std::collections::BTreeMap;

use crate::binfmt::{Reader, Writer};
use crate::error::Result;
use crate::iob2::EntityType;
use crate::lexical::{Lex, flag, lex, mix};

/// The longest name matched, in words.
pub(crate) const MAX_NAME_WORDS: usize = 6;

/// Splits a name into words roughly as UD English tokenises it: on spaces and underscores, with
/// hyphens, slashes and parentheses as words of their own (parentheses are dropped).
pub(crate) fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    for c in name.chars() {
        match c {
            ' ' | '_' | '\t' | '(' | ')' => {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
            }
            '-' | '/' => {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
                words.push(c.to_string());
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

fn seq_key(lowers: impl Iterator<Item = u64>) -> u64 {
    lowers.fold(0x6761_7a65_7474_6565, mix)
}

/// The name list.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gazetteer {
    /// Name key → bit mask of entity types (bit `t` for [`EntityType`] `t`).
    entries: BTreeMap<u64, u8>,
}

impl Gazetteer {
    /// Builds the list from (name, type) pairs.
    pub(crate) fn from_names<'a>(
        names: impl IntoIterator<Item = (&'a str, EntityType)>,
    ) -> Gazetteer {
        let mut entries = BTreeMap::new();
        let mut scratch = String::new();
        for (name, ty) in names {
            let words = name_words(name);
            if words.is_empty() || words.len() > MAX_NAME_WORDS {
                continue;
            }
            let key = seq_key(words.iter().map(|w| lex(w, &mut scratch).lower));
            *entries.entry(key).or_insert(0u8) |= 1 << ty as u8;
        }
        Gazetteer { entries }
    }

    /// The number of names.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Marks each word with the names covering it: bit `2t` when a name of type `t` starts
    /// there, bit `2t+1` when it continues one.
    pub(crate) fn mark(&self, lex: &[Lex], out: &mut Vec<u8>) {
        out.clear();
        out.resize(lex.len(), 0);
        if self.entries.is_empty() {
            return;
        }
        for i in 0..lex.len() {
            if lex[i].flags & (flag::TITLE | flag::UPPER | flag::DIGIT) == 0 {
                continue;
            }
            let mut key = 0x6761_7a65_7474_6565u64;
            for len in 1..=MAX_NAME_WORDS.min(lex.len() - i) {
                key = mix(key, lex[i + len - 1].lower);
                if let Some(&types) = self.entries.get(&key) {
                    for t in 0..3u8 {
                        if types & (1 << t) != 0 {
                            out[i] |= 1 << (2 * t);
                            for o in &mut out[i + 1..i + len] {
                                *o |= 1 << (2 * t + 1);
                            }
                        }
                    }
                }
            }
        }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.tag(b"GAZT");
        w.var(self.entries.len() as u64);
        for (&k, &v) in &self.entries {
            w.u64(k);
            w.u8(v);
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Gazetteer> {
        r.tag(b"GAZT")?;
        let n = r.len()?;
        let mut entries = BTreeMap::new();
        for _ in 0..n {
            let k = r.u64()?;
            entries.insert(k, r.u8()?);
        }
        Ok(Gazetteer { entries })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_multiword_names_on_capitalised_words_only() {
        let g = Gazetteer::from_names([
            ("New York", EntityType::Loc),
            ("al-Qaida", EntityType::Org),
            ("Police", EntityType::Loc),
        ]);
        assert_eq!(g.len(), 3);
        let mut s = String::new();
        let words = [
            "In", "New", "York", ",", "police", "fought", "Al", "-", "Qaida",
        ];
        let lexes: Vec<Lex> = words.iter().map(|w| lex(w, &mut s)).collect();
        let mut out = Vec::new();
        g.mark(&lexes, &mut out);
        assert_eq!(out, [0, 16, 32, 0, 0, 0, 4, 8, 8]);
        assert_eq!(
            name_words("ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_"),
            ["ADEN", "ABYAN", "ISLAMIC", "ARMY", "AAIA"]
        );
    }
}
