//! Folding text for matching, with a map back to original offsets.
//!
//! Folding lower-cases, removes diacritics (`Chaâbane` → `chaabane`), and unifies quotes,
//! dashes and spaces (`’` → `'`, `–` → `-`, no-break space → space), so that dictionary entries
//! match however an article spells them. Display text is never folded: it is only normalised
//! to NFC (see [`nfc`]).
//!
//! Every original character maps to a (possibly empty) run of folded characters, and
//! [`Folded`] records where each run starts, so an offset in the folded text maps back to the
//! original character it came from. Folding never moves a boundary: the folded offset of
//! an original character boundary maps back to that same boundary.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Appends the folded form of `c` to `out`.
///
/// This is the single definition of folding in dyad: everything that matches text against a
/// dictionary (tokens, lexicon entries, gazetteer names) folds with it.
pub fn fold_char_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        // Quotes and apostrophes.
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{0060}' | '\u{00B4}' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => out.push('"'),
        // Dashes and hyphens.
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => out.push('-'),
        // Spaces.
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            out.push(' ')
        }
        // Invisible characters fold to nothing.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
        '\u{2026}' => out.push_str("..."),
        // Letters that do not decompose.
        'ß' | 'ẞ' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        'þ' | 'Þ' => out.push_str("th"),
        'ı' => out.push('i'),
        _ => {
            for d in c.nfkd() {
                if is_combining_mark(d) {
                    continue;
                }
                for l in d.to_lowercase() {
                    out.push(l);
                }
            }
        }
    }
}

/// Folds a whole string (no offset map); use [`Folded::new`] when offsets matter.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Appends the folded form of `text` to `out`, reusing its buffer.
pub fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        fold_char_into(c, out);
    }
}

/// NFC-normalises text for display.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// Folded text with a map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    text: String,
    /// For each original character: (folded start, original start); one final pair for the end.
    /// Both columns are non-decreasing.
    anchors: Vec<(u32, u32)>,
}

impl Folded {
    /// Folds `original`, recording where each original character's folded run starts.
    ///
    /// # Panics
    /// When `original` is 4 GiB or larger (documents are capped well below that by the readers).
    pub fn new(original: &str) -> Folded {
        assert!(
            u32::try_from(original.len()).is_ok(),
            "text too large to fold with offsets"
        );
        let mut text = String::with_capacity(original.len());
        let mut anchors = Vec::with_capacity(original.len() + 1);
        for (i, c) in original.char_indices() {
            anchors.push((text.len() as u32, i as u32));
            fold_char_into(c, &mut text);
        }
        anchors.push((text.len() as u32, original.len() as u32));
        Folded { text, anchors }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a byte offset in the folded text to the original offset of the character that
    /// produced it (or the end of the original text).
    pub fn to_original(&self, folded: usize) -> usize {
        // Last anchor whose folded start is <= folded offset, preferring the first character
        // of a run of empty expansions so that boundaries map to boundaries.
        let idx = self
            .anchors
            .partition_point(|&(f, _)| (f as usize) <= folded);
        let idx = idx.saturating_sub(1);
        let f = self.anchors[idx].0;
        // Walk back over characters that folded to nothing at the same folded position.
        let mut j = idx;
        while j > 0 && self.anchors[j - 1].0 == f {
            j -= 1;
        }
        self.anchors[j].1 as usize
    }

    /// Like [`Folded::to_original`], but for the end of a range: where several original
    /// characters fold to nothing at `folded`, the range is extended over them, so a match
    /// ending there keeps its trailing combining marks.
    pub fn to_original_end(&self, folded: usize) -> usize {
        let idx = self
            .anchors
            .partition_point(|&(f, _)| (f as usize) <= folded);
        match idx.checked_sub(1) {
            Some(j) if self.anchors[j].0 as usize == folded => self.anchors[j].1 as usize,
            // `folded` lies inside a character's run: the range ends after that character.
            Some(j) => self.anchors.get(j + 1).map_or(self.anchors[j].1, |a| a.1) as usize,
            None => 0,
        }
    }

    /// Maps an original byte offset (a character boundary) to the folded offset where that
    /// character's folded run starts.
    pub fn to_folded(&self, original: usize) -> usize {
        let idx = self
            .anchors
            .partition_point(|&(_, o)| (o as usize) < original);
        self.anchors
            .get(idx)
            .map(|&(f, _)| f as usize)
            .unwrap_or(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_quotes_dashes_spaces() {
        assert_eq!(fold("Chaâbane"), "chaabane");
        assert_eq!(fold("Ghazouani’s"), "ghazouani's");
        assert_eq!(fold("Moroccan–Mauritanian"), "moroccan-mauritanian");
        assert_eq!(fold("El\u{a0}Guerguerat"), "el guerguerat");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("São Tomé"), "sao tome");
        assert_eq!(fold("«Rabat»"), "\"rabat\"");
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        let decomposed = "Cha\u{0061}\u{0302}bane";
        assert_eq!(fold(decomposed), "chaabane");
        let f = Folded::new(decomposed);
        // The combining mark folds to nothing; its boundary still maps back.
        let mark = decomposed.find('\u{0302}').unwrap();
        assert_eq!(f.to_folded(mark), 4);
        assert_eq!(f.to_original(4), mark);
        // A match of "chaa" ends after the combining mark.
        assert_eq!(f.to_original_end(4), mark + '\u{0302}'.len_utf8());
        assert_eq!(
            f.to_original(f.to_folded(decomposed.len())),
            decomposed.len()
        );
    }

    #[test]
    fn offsets_round_trip_on_boundaries() {
        let s = "Général Chaâbane—“Rabat” ßx";
        let f = Folded::new(s);
        for (i, _) in s.char_indices() {
            let fo = f.to_folded(i);
            assert!(f.as_str().is_char_boundary(fo));
            assert_eq!(f.to_original(fo), i, "boundary {i}");
        }
        assert_eq!(f.to_folded(s.len()), f.as_str().len());
    }

    #[test]
    fn nfc_composes() {
        assert_eq!(nfc("Cha\u{0061}\u{0302}bane"), "Chaâbane");
    }
}
