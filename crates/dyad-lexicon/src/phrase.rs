//! Phrases as sequences of match keys.
//!
//! Dictionary phrases (`MOHAMED_OULD_ABDEL_AZIZ_`, `AL-QAEDA`, `U.N.`) and article tokens are
//! both turned into *keys* by the same function, so the two sides agree however a tokenizer
//! splits words: text is folded ([`dyad_text::fold`]: lower case, no diacritics), hyphens and
//! slashes separate keys, full stops vanish (`U.N.` → `un`), and any other punctuation is a
//! key of its own (`(`, `+`, `&`). Apostrophes stay inside words (`sid'ahmed`).

use dyad_text::Span;
use dyad_text::fold::fold_char_into;

/// A key with the span of the text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The folded key.
    pub text: String,
    /// Byte span in the original text.
    pub span: Span,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '\u{2019}'
}

/// Splits `text` (original or folded) into keys, appending to `out`. Spans are `base` plus
/// byte offsets in `text`.
pub fn push_keys(text: &str, base: usize, out: &mut Vec<Key>) {
    let mut buf = KeyBuf::default();
    push_keys_into(text, base, &mut buf);
    let n = buf.len;
    out.extend(buf.keys.drain(..n));
}

/// Keys in a reusable buffer: the strings of earlier keys are overwritten in place, so
/// splitting sentence after sentence allocates nothing once the buffer has grown.
#[derive(Debug, Default, Clone)]
pub struct KeyBuf {
    keys: Vec<Key>,
    len: usize,
    cur: String,
    punct: String,
    apos: Vec<(usize, usize)>,
}

impl KeyBuf {
    /// Forgets the keys, keeping the allocations.
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// The keys.
    pub fn as_slice(&self) -> &[Key] {
        &self.keys[..self.len]
    }

    /// The keys, mutable (to set spans from a tokenizer's tokens).
    pub fn as_mut_slice(&mut self) -> &mut [Key] {
        &mut self.keys[..self.len]
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no keys.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

struct Sink<'a> {
    keys: &'a mut Vec<Key>,
    len: &'a mut usize,
}

impl Sink<'_> {
    fn push(&mut self, text: &str, span: Span) {
        if *self.len < self.keys.len() {
            let k = &mut self.keys[*self.len];
            k.text.clear();
            k.text.push_str(text);
            k.span = span;
        } else {
            self.keys.push(Key {
                text: text.to_string(),
                span,
            });
        }
        *self.len += 1;
    }
}

/// Splits `text` into keys appended to `buf` (see [`push_keys`]).
pub fn push_keys_into(text: &str, base: usize, buf: &mut KeyBuf) {
    let KeyBuf {
        keys,
        len,
        cur,
        punct,
        apos,
    } = buf;
    let out = &mut Sink { keys, len };
    cur.clear();
    apos.clear();
    let mut cur_start = 0;
    let mut cur_end = 0;
    // A full stop is dropped; it stays inside a word when a letter follows (`U.N.` → `un`),
    // and a final one belongs to the word only when the word had one inside (`U.N.`).
    let mut dot_end: Option<usize> = None;
    let mut dotted = false;
    // Byte spans of the apostrophes of the current word, in the original text.
    let flush = |cur: &mut String,
                 apos: &mut Vec<(usize, usize)>,
                 start: usize,
                 end: usize,
                 out: &mut Sink<'_>| {
        if cur == "'s" || cur == "n't" {
            // A possessive split off by a tokenizer (`Morocco` `'s`) is the same key as the
            // possessive of `Morocco's`; a split-off negation (`did` `n't`) is one key, not
            // an elision.
            out.push(cur, Span::new(base + start, base + end));
            cur.clear();
        } else if !cur.is_empty() {
            // Leading and trailing apostrophes (quotes) are not part of a word.
            let trimmed = cur.trim_matches('\'');
            let leading_quote = cur.starts_with('\'');
            // French elision is a key of its own: `l'armee` → `l'`, `armee`.
            let (elided, rest) = match trimmed.as_bytes() {
                [c, b'\'', _, ..] if c.is_ascii_alphabetic() && !leading_quote => {
                    trimmed.split_at(2)
                }
                _ => ("", trimmed),
            };
            let mut start = start;
            if !elided.is_empty()
                && let Some(&(_, a_end)) = apos.first()
            {
                out.push(elided, Span::new(base + start, base + a_end));
                start = a_end;
            }
            // A possessive is a key of its own: `Morocco's` → `morocco`, `'s`.
            match rest
                .strip_suffix("'s")
                .filter(|b| !b.is_empty() && cur.ends_with("'s"))
            {
                Some(stem) => {
                    let split = apos.last().map_or(start, |&(a, _)| a).max(start);
                    out.push(stem, Span::new(base + start, base + split));
                    out.push("'s", Span::new(base + split, base + end));
                }
                None if !rest.is_empty() => {
                    out.push(rest, Span::new(base + start, base + end));
                }
                None => {}
            }
            cur.clear();
        }
        apos.clear();
    };
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if is_word_char(c) {
            if cur.is_empty() {
                cur_start = i;
                dotted = false;
            } else if dot_end.is_some() {
                dotted = true;
            }
            dot_end = None;
            if c == '\'' || c == '\u{2019}' {
                apos.push((i, end));
            }
            fold_char_into(c, cur);
            cur_end = end;
            continue;
        }
        if c == '.' && !cur.is_empty() && dot_end.is_none() {
            dot_end = Some(end);
            continue;
        }
        if dotted && let Some(d) = dot_end {
            cur_end = d;
        }
        dot_end = None;
        if c == '.'
            || c.is_whitespace()
            || c == '_'
            || c == '-'
            || c == '/'
            || c == '\u{2013}'
            || c == '\u{2014}'
        {
            flush(cur, apos, cur_start, cur_end, out);
        } else {
            flush(cur, apos, cur_start, cur_end, out);
            punct.clear();
            fold_char_into(c, punct);
            if !punct.trim().is_empty() {
                out.push(punct, Span::new(base + i, base + end));
            }
        }
    }
    if dotted && let Some(d) = dot_end {
        cur_end = d;
    }
    flush(cur, apos, cur_start, cur_end, out);
}

/// The keys of a dictionary phrase (no spans needed).
pub fn phrase_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    push_keys(text, 0, &mut keys);
    keys.into_iter().map(|k| k.text).collect()
}

/// The regular English plural of a noun, as PETRARCH forms it: `-ies` after a consonant + y,
/// `-es` after `ss`, `s`, `x`, `ch`, `sh`, else `-s`. Works on folded (lower-case) text.
pub fn regular_plural(word: &str) -> String {
    let b = word.as_bytes();
    if word.ends_with('y') && b.len() > 1 && !b"aeiou".contains(&b[b.len() - 2]) {
        format!("{}ies", &word[..word.len() - 1])
    } else if word.ends_with('s')
        || word.ends_with('x')
        || word.ends_with("ch")
        || word.ends_with("sh")
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_phrases_and_text_give_the_same_keys() {
        assert_eq!(
            phrase_keys("MOHAMED_OULD_ABDEL_AZIZ_"),
            ["mohamed", "ould", "abdel", "aziz"]
        );
        assert_eq!(phrase_keys("AL-QAEDA"), phrase_keys("al Qaeda"));
        assert_eq!(phrase_keys("U.N."), ["un"]);
        assert_eq!(
            phrase_keys("MAAOUYA_OULD_SID'AHMED_TAYA_"),
            ["maaouya", "ould", "sid'ahmed", "taya"]
        );
        assert_eq!(phrase_keys("General Chaâbane"), ["general", "chaabane"]);
        assert_eq!(phrase_keys("5+5 Defence"), ["5", "+", "5", "defence"]);
        assert_eq!(phrase_keys("Forces (FAR)."), ["forces", "(", "far", ")"]);
        assert_eq!(phrase_keys("Morocco's king"), ["morocco", "'s", "king"]);
        assert_eq!(phrase_keys("Morocco 's king"), ["morocco", "'s", "king"]);
        assert_eq!(phrase_keys("DID N'T"), ["did", "n't"]);
        assert_eq!(phrase_keys("l'armée"), ["l'", "armee"]);
    }

    #[test]
    fn spans_slice_the_original() {
        let text = "the Royal Armed Forces (FAR), Rabat";
        let mut keys = Vec::new();
        push_keys(text, 0, &mut keys);
        for k in &keys {
            let original = k.span.slice(text);
            assert_eq!(
                phrase_keys(original),
                std::slice::from_ref(&k.text),
                "{k:?}"
            );
        }
        let u = "the U.N. said";
        keys.clear();
        push_keys(u, 0, &mut keys);
        assert_eq!(keys[1].span.slice(u), "U.N.");
        keys.clear();
        push_keys("Bourita. Gen. Chaabane", 0, &mut keys);
        let spans: Vec<_> = keys
            .iter()
            .map(|k| k.span.slice("Bourita. Gen. Chaabane"))
            .collect();
        assert_eq!(spans, ["Bourita", "Gen", "Chaabane"]);
    }

    #[test]
    fn curly_apostrophes_keep_char_boundaries() {
        let text = "Taiwan’s deputy minister, l’armée";
        let mut keys = Vec::new();
        push_keys(text, 0, &mut keys);
        let got: Vec<(&str, &str)> = keys
            .iter()
            .map(|k| (k.text.as_str(), k.span.slice(text)))
            .collect();
        assert_eq!(
            got,
            [
                ("taiwan", "Taiwan"),
                ("'s", "’s"),
                ("deputy", "deputy"),
                ("minister", "minister"),
                (",", ","),
                ("l'", "l’"),
                ("armee", "armée")
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn spans_are_char_boundaries_in_order(text in "[a-zA-Zé’'._ (),s-]{0,40}") {
            let mut keys = Vec::new();
            push_keys(&text, 0, &mut keys);
            let mut last = 0;
            for k in &keys {
                proptest::prop_assert!(text.is_char_boundary(k.span.start) && text.is_char_boundary(k.span.end));
                proptest::prop_assert!(k.span.start >= last && k.span.start <= k.span.end);
                last = k.span.end;
            }
        }
    }

    #[test]
    fn key_buffers_are_reused_without_stale_keys() {
        let mut buf = KeyBuf::default();
        push_keys_into("the Royal Armed Forces (FAR)", 0, &mut buf);
        assert_eq!(buf.len(), 7);
        buf.clear();
        push_keys_into("U.N. envoy", 10, &mut buf);
        let got: Vec<(&str, usize)> = buf
            .as_slice()
            .iter()
            .map(|k| (k.text.as_str(), k.span.start))
            .collect();
        assert_eq!(got, [("un", 10), ("envoy", 15)]);
    }

    #[test]
    fn plurals() {
        assert_eq!(regular_plural("ministry"), "ministries");
        assert_eq!(regular_plural("attorney"), "attorneys");
        assert_eq!(regular_plural("boss"), "bosses");
        assert_eq!(regular_plural("minister"), "ministers");
    }
}
