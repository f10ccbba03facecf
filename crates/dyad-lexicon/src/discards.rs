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

#[cfg(test)]
mod tests {
    use super::*;

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
