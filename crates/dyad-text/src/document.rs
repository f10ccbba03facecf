//! The document model: an article, its sentences and their kinds.

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// A document identifier: the article's own id where the input has one, otherwise derived
/// from its file name (and line, for JSON Lines).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(String);

impl DocId {
    /// Makes an identifier; surrounding whitespace is trimmed. Returns `None` when nothing is left.
    pub fn new(id: impl AsRef<str>) -> Option<DocId> {
        let id = id.as_ref().trim();
        (!id.is_empty()).then(|| DocId(id.to_owned()))
    }

    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The input format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Format {
    /// Plain text, with optional `Title:`/`Date:`/`URL:`/`Lang:` header lines.
    Text,
    /// JSON Lines (one article per line) or a single JSON article object.
    Jsonl,
    /// An HTML page; the main text is extracted.
    Html,
    /// An RSS, Atom or JSON Feed: one document per item.
    Feed,
    /// A WARC file (e.g. CC-NEWS): one document per HTML response record.
    Warc,
}

impl Format {
    /// The format's name as the CLI writes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Feed => "feed",
            Format::Warc => "warc",
        }
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The file path, or `-` for standard input.
    pub path: String,
    /// The 1-based line of the article in a JSON Lines file, or its 1-based position among
    /// the items of a feed or the records of a WARC file.
    pub line: Option<u64>,
    /// The format it was read as.
    pub format: Format,
}

/// A news article as dyad sees it.
///
/// `text` is the article body exactly as read (for HTML: as extracted); every span of every
/// sentence, token, mention and event points into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The document's identifier.
    pub id: DocId,
    /// The article's URL, when known.
    pub url: Option<String>,
    /// The headline, when known. It is not part of `text`.
    pub title: Option<String>,
    /// The publication date, when known: the reference time for relative dates.
    pub published: Option<jiff::civil::Date>,
    /// The language as an ISO 639-1 code, when declared (`en`, `fr`, …).
    pub lang: Option<String>,
    /// The body text.
    pub text: String,
    /// Where the document came from.
    pub source: Source,
    /// True when the text is only a teaser (a feed item's summary, not the full article).
    #[serde(default)]
    pub teaser: bool,
}

/// What a sentence is, for the coder: only `Body` sentences are coded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SentenceKind {
    /// Running text of the article.
    Body,
    /// A heading or sub-heading line.
    Heading,
    /// A photo or video caption.
    Caption,
    /// A credit line (agency, photographer, "PHOTO/…").
    Credit,
}

impl SentenceKind {
    /// The kind's name as the CLI writes it.
    pub fn name(self) -> &'static str {
        match self {
            SentenceKind::Body => "body",
            SentenceKind::Heading => "heading",
            SentenceKind::Caption => "caption",
            SentenceKind::Credit => "credit",
        }
    }

    /// True for sentences the event coder reads.
    pub fn is_codable(self) -> bool {
        self == SentenceKind::Body
    }
}

/// A sentence: a span of the document's text, its kind, and its tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// The sentence's position in the document, from 0.
    pub index: usize,
    /// Its bytes in the document's text, without surrounding whitespace.
    pub span: Span,
    /// What kind of line it is.
    pub kind: SentenceKind,
    /// Its tokens, as a range of indices into the document's [`crate::Tokens`].
    pub tokens: std::ops::Range<usize>,
}
