//! Tokens: byte spans into the original text, each with a folded form for matching.

use serde::{Deserialize, Serialize};

use crate::fold::fold_into;
use crate::span::Span;

/// What a token is, as far as the tokenizer can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A word, abbreviation or clitic (`Morocco`, `U.S.`, `n't`, `'s`).
    Word,
    /// A number, with separators (`1,000`, `3.5`, `21/07/2006`, `2022-2023`).
    Number,
    /// Punctuation (`.`, `,`, `"`, `(`, `-`, `...`).
    Punct,
    /// A symbol (`$`, `%`, `€`, `&`, `+`).
    Symbol,
    /// A URL, kept whole.
    Url,
    /// An e-mail address, kept whole.
    Email,
}

/// One token of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Its bytes in the document's original text.
    pub span: Span,
    /// Its folded form, as a span of [`Tokens::folded_text`].
    pub folded: Span,
    /// What kind of token it is.
    pub kind: TokenKind,
}

/// The tokens of a document (or of one piece of text), with one shared buffer of folded forms.
///
/// Keeping the folded forms in one buffer avoids an allocation per token; [`Tokens::clear`]
/// keeps both buffers' capacity for reuse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    tokens: Vec<Token>,
    folded: String,
}

impl Tokens {
    /// An empty token list.
    pub fn new() -> Tokens {
        Tokens::default()
    }

    /// Removes every token, keeping the buffers' capacity.
    pub fn clear(&mut self) {
        self.tokens.clear();
        self.folded.clear();
    }

    /// Appends a token covering `span` of `text`, folding it into the shared buffer.
    pub fn push(&mut self, text: &str, span: Span, kind: TokenKind) {
        let start = self.folded.len();
        fold_into(&text[span.range()], &mut self.folded);
        let folded = Span::new(start, self.folded.len());
        self.tokens.push(Token { span, folded, kind });
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when there is no token.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The tokens.
    pub fn as_slice(&self) -> &[Token] {
        &self.tokens
    }

    /// Token `i`.
    pub fn get(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    /// The original text of token `i` in `text` (the text the tokens were made from).
    pub fn text<'t>(&self, i: usize, text: &'t str) -> &'t str {
        self.tokens[i].span.slice(text)
    }

    /// The folded form of token `i`.
    pub fn folded(&self, i: usize) -> &str {
        self.tokens[i].folded.slice(&self.folded)
    }

    /// The buffer every [`Token::folded`] span points into.
    pub fn folded_text(&self) -> &str {
        &self.folded
    }

    /// Iterates over the tokens.
    pub fn iter(&self) -> std::slice::Iter<'_, Token> {
        self.tokens.iter()
    }
}

impl<'a> IntoIterator for &'a Tokens {
    type Item = &'a Token;
    type IntoIter = std::slice::Iter<'a, Token>;
    fn into_iter(self) -> Self::IntoIter {
        self.tokens.iter()
    }
}
