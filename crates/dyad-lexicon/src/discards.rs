//! Discard lists (`Phoenix.discards.txt`): phrases that mark a sentence (or, with `+`, the
//! whole story) as not to be coded — sports results, historical chronologies.

use crate::error::{Error, Loaded};
use crate::phrase::phrase_keys;
use crate::source::content_lines;

/// How much a discard phrase removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscardScope {
    /// The sentence is not coded.
    Sentence,
    /// The whole story is not coded (`+` in the file).
    Story,
}

/// One discard phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    /// The phrase as written.
    pub text: String,
    /// Match keys.
    pub keys: Vec<String>,
    /// Whether the match must end at a word boundary (`_` at the end); otherwise the last key
    /// is a stem.
    pub whole_word: bool,
    /// Sentence or story.
    pub scope: DiscardScope,
    /// The line.
    pub line: u64,
}

/// Parses a discard list.
pub fn parse_discards(text: &str) -> Loaded<Vec<Discard>> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for line in content_lines(text, false) {
        let body = line.text.trim();
        let (scope, phrase) = match body.strip_prefix('+') {
            Some(p) => (DiscardScope::Story, p.trim()),
            None => (DiscardScope::Sentence, body),
        };
        let keys = phrase_keys(phrase);
        if keys.is_empty() {
            errors
                .push(Error::syntax(format!("discard {body:?} has no words")).at_line(line.number));
            continue;
        }
        out.push(Discard {
            text: phrase.to_string(),
            keys,
            whole_word: phrase.ends_with('_'),
            scope,
            line: line.number,
        });
    }
    Loaded { value: out, errors }
}

/// The Phoenix discard list shipped with dyad (`lexicon/discards.txt`, a copy of
/// `Phoenix.discards.txt`), parsed once, without its temporal sentence discards (see
/// [`is_temporal`]).
pub fn default_discards() -> &'static Vec<Discard> {
    static DISCARDS: std::sync::OnceLock<Vec<Discard>> = std::sync::OnceLock::new();
    DISCARDS.get_or_init(|| {
        let mut all = parse_discards(include_str!("../lexicon/discards.txt")).value;
        all.retain(|d| !is_temporal(d));
        all
    })
}

/// Whether a discard is one of Phoenix's temporal sentence discards: a bare year (`1914` …
/// `2013`) or a "… ago" / "… later" phrase. Phoenix, a daily feed, dropped every sentence that
/// mentions a past year so as not to code background as news; dyad dates each event instead
/// and marks background `historical` (kept, but out of default counts), so these would throw
/// away the very sentences it dates ("the memorandum signed in 2006"). User-supplied
/// discard files are applied as written.
pub fn is_temporal(d: &Discard) -> bool {
    d.scope == DiscardScope::Sentence
        && match d.keys.as_slice() {
            [year] => year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()),
            [.., last] => last == "ago" || last == "later",
            [] => false,
        }
}

/// Whether discard `d` matches the keys from word `i` on.
fn matches_at<S: AsRef<str>>(d: &Discard, keys: &[S], i: usize) -> bool {
    d.keys.iter().enumerate().all(|(j, k)| {
        keys.get(i + j).is_some_and(|w| {
            let w = w.as_ref();
            if j + 1 == d.keys.len() && !d.whole_word {
                w.starts_with(k.as_str())
            } else {
                w == k
            }
        })
    })
}

/// The first discard phrase found in a sequence of folded word keys: story discards before
/// sentence discards. A phrase not ending in `_` matches a word that starts with its last key
/// (`TYPHOON` matches "typhoons"). Tries every phrase at every word; [`DiscardIndex`] finds
/// the same phrase by looking up each word.
pub fn find_discard<'d, S: AsRef<str>>(discards: &'d [Discard], keys: &[S]) -> Option<&'d Discard> {
    let found = |scope: DiscardScope| {
        discards
            .iter()
            .filter(|d| d.scope == scope)
            .find(|d| (0..keys.len()).any(|i| matches_at(d, keys, i)))
    };
    found(DiscardScope::Story).or_else(|| found(DiscardScope::Sentence))
}

/// A discard list indexed by first word, for [`find_discard`]'s answer in one look-up per
/// word (and per prefix of a word, for one-word stems) instead of a trial of every phrase.
#[derive(Debug, Clone, Default)]
pub struct DiscardIndex {
    /// First key (exact) → positions of the phrases that start with it.
    first: std::collections::HashMap<String, Vec<usize>>,
    /// One-word stems (no `_` at the end) → positions: they match any word they begin.
    stems: std::collections::HashMap<String, Vec<usize>>,
}

impl DiscardIndex {
    /// Indexes `discards` (the list later passed to [`DiscardIndex::find`]).
    pub fn new(discards: &[Discard]) -> DiscardIndex {
        let mut index = DiscardIndex::default();
        for (n, d) in discards.iter().enumerate() {
            let Some(first) = d.keys.first() else {
                continue;
            };
            let map = if d.keys.len() == 1 && !d.whole_word {
                &mut index.stems
            } else {
                &mut index.first
            };
            map.entry(first.clone()).or_default().push(n);
        }
        index
    }

    /// The same phrase as [`find_discard`]`(discards, keys)`; `discards` must be the list the
    /// index was built from.
    pub fn find<'d, S: AsRef<str>>(
        &self,
        discards: &'d [Discard],
        keys: &[S],
    ) -> Option<&'d Discard> {
        // The earliest matching phrase of each scope, by position in the list.
        let (mut story, mut sentence) = (None::<usize>, None::<usize>);
        let mut consider = |n: usize, i: usize| {
            let Some(d) = discards.get(n) else { return };
            let best = match d.scope {
                DiscardScope::Story => &mut story,
                DiscardScope::Sentence => &mut sentence,
            };
            if best.is_none_or(|b| n < b) && matches_at(d, keys, i) {
                *best = Some(n);
            }
        };
        for (i, w) in keys.iter().enumerate() {
            let w = w.as_ref();
            for &n in self.first.get(w).into_iter().flatten() {
                consider(n, i);
            }
            if !self.stems.is_empty() {
                for (end, _) in w.char_indices().skip(1).chain([(w.len(), ' ')]) {
                    for &n in self.stems.get(&w[..end]).into_iter().flatten() {
                        consider(n, i);
                    }
                }
            }
        }
        story.or(sentence).and_then(|n| discards.get(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_list_keeps_topics_and_drops_temporal_discards() {
        let d = default_discards();
        let keys = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert!(find_discard(d, &keys("signed a memorandum in 2006")).is_none());
        assert!(find_discard(d, &keys("met two years ago")).is_none());
        assert!(find_discard(d, &keys("the formula one race")).is_some());
        let full = parse_discards(include_str!("../lexicon/discards.txt")).value;
        let temporal = full.iter().filter(|d| is_temporal(d)).count();
        assert!(temporal >= 100, "{temporal}");
        assert_eq!(d.len() + temporal, full.len());
    }

    #[test]
    fn the_index_finds_what_the_full_trial_finds() {
        let d = default_discards();
        let index = DiscardIndex::new(d);
        for text in [
            "signed a memorandum in 2006",
            "the formula one race",
            "typhoons hit the coast",
            "the world cup final in doha",
            "met two years ago",
            "",
        ] {
            let keys: Vec<&str> = text.split(' ').collect();
            assert_eq!(
                index.find(d, &keys).map(|x| x.line),
                find_discard(d, &keys).map(|x| x.line),
                "{text}"
            );
        }
        assert!(index.find(d, &["the", "formula", "one", "race"]).is_some());
    }

    #[test]
    fn discards_are_found_by_words_and_stems() {
        let d =
            parse_discards("+World Golf Championships\nBASEBALL\nWORLD_WAR_II_\n+TYPHOON\n").value;
        let keys = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let hit = find_discard(&d, &keys("two typhoons hit the world golf championships"));
        assert_eq!(
            hit.map(|h| h.text.as_str()),
            Some("World Golf Championships")
        );
        assert_eq!(
            find_discard(&d, &keys("a baseball game")).map(|h| h.scope),
            Some(DiscardScope::Sentence)
        );
        assert!(find_discard(&d, &keys("world war iii began")).is_none());
        assert!(find_discard(&d, &keys("the world war ii")).is_some());
        assert!(find_discard(&d, &keys("arnor met gondor")).is_none());
        assert!(default_discards().len() > 250);
    }

    #[test]
    fn story_and_sentence_discards() {
        let loaded =
            parse_discards("+World Golf Championships   # pas\nBASEBALL\nWORLD_WAR_II_\n+\n");
        let d = &loaded.value;
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].scope, DiscardScope::Story);
        assert_eq!(d[0].keys, ["world", "golf", "championships"]);
        assert!(d[2].whole_word && !d[1].whole_word);
        assert_eq!(loaded.errors[0].line(), Some(4));
    }
}
