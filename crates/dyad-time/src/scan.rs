//! A small scanner: the text as word, number and punctuation tokens with folded forms.
//!
//! The tagger needs only a coarse, fast tokenisation (alphanumeric runs and single punctuation
//! characters) that keeps `21/07/2006` and `mid-November` apart into their pieces, so it
//! scans the text itself rather than waiting for a full tokeniser.

use dyad_text::fold::fold_char_into;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters only.
    Word,
    /// ASCII digits only.
    Num,
    /// Letters and digits (`21st`, `1990s`, `G5`, `Q2`).
    Mixed,
    /// One punctuation or symbol character.
    Punct,
}

/// One token: byte span in the original text, folded form in [`Scan::folded`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    fold_start: u32,
    fold_end: u32,
    /// Whitespace precedes the token.
    pub space_before: bool,
    /// A blank line or line break precedes the token.
    pub line_before: bool,
    /// The first character is upper-case.
    pub upper: bool,
    /// The value of a `Num` token of at most 9 digits; its digit count is `end - start`.
    pub num: Option<u32>,
}

/// Reusable token buffers.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub toks: Vec<Tok>,
    folded: String,
}

impl Scan {
    /// Scans `text`, replacing the previous tokens.
    pub fn scan(&mut self, text: &str) {
        self.toks.clear();
        self.folded.clear();
        let mut space = true;
        let mut line = true;
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if c.is_whitespace() {
                space = true;
                line |= c == '\n' || c == '\r';
                continue;
            }
            let fold_start = self.folded.len() as u32;
            let mut end = start + c.len_utf8();
            let kind = if c.is_alphanumeric() {
                let mut letters = !c.is_ascii_digit();
                let mut digits = c.is_ascii_digit();
                fold_char_into(c, &mut self.folded);
                while let Some(&(i, d)) = chars.peek() {
                    if !d.is_alphanumeric() {
                        break;
                    }
                    letters |= !d.is_ascii_digit();
                    digits |= d.is_ascii_digit();
                    fold_char_into(d, &mut self.folded);
                    end = i + d.len_utf8();
                    chars.next();
                }
                match (letters, digits) {
                    (false, _) => TokKind::Num,
                    (true, false) => TokKind::Word,
                    (true, true) => TokKind::Mixed,
                }
            } else {
                fold_char_into(c, &mut self.folded);
                TokKind::Punct
            };
            let num = if kind == TokKind::Num && end - start <= 9 {
                text[start..end].parse().ok()
            } else {
                None
            };
            self.toks.push(Tok {
                start,
                end,
                kind,
                fold_start,
                fold_end: self.folded.len() as u32,
                space_before: space,
                line_before: line,
                upper: c.is_uppercase(),
                num,
            });
            space = false;
            line = false;
        }
    }

    /// The folded form of token `i`.
    pub fn folded(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.folded[t.fold_start as usize..t.fold_end as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_dates_and_words() {
        let mut s = Scan::default();
        let text = "Mid-novembre, 21/07/2006 — G5's 1990s";
        s.scan(text);
        let forms: Vec<&str> = (0..s.toks.len()).map(|i| s.folded(i)).collect();
        assert_eq!(
            forms,
            [
                "mid", "-", "novembre", ",", "21", "/", "07", "/", "2006", "-", "g5", "'", "s",
                "1990s"
            ]
        );
        assert_eq!(s.toks[4].num, Some(21));
        assert_eq!(s.toks[10].kind, TokKind::Mixed);
        assert!(s.toks[0].upper && !s.toks[2].upper);
        assert!(s.toks[4].space_before && !s.toks[5].space_before);
        assert_eq!(&text[s.toks[13].start..s.toks[13].end], "1990s");
    }
}
