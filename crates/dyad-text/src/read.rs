//! Readers: plain text with headers, JSON Lines / JSON articles, HTML pages, RSS/Atom feeds and
//! WARC files; any of them gzip-compressed.
//!
//! Every reader works in bounded memory: a document is cut at [`Limits::max_document_bytes`]
//! with a warning, and a JSON Lines line longer than that is skipped with an error that names
//! the file and line, while the rest of the file is still read. Invalid UTF-8 is decoded
//! lossily with one warning naming the file and the byte offset of the first bad byte; a file
//! with NUL bytes (binary) is refused.

use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde_json::Value;

use crate::document::{DocId, Document, Format, Source};
use crate::error::{Error, Result};

/// Resource limits for reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest document (or JSON Lines line), in bytes. Longer text documents are cut, with a
    /// warning; longer JSON articles are skipped, with an error.
    pub max_document_bytes: usize,
    /// Largest feed file, in bytes (a feed holds many items); a larger feed is refused.
    pub max_feed_bytes: usize,
    /// Most bytes read from one compressed input once decompressed (no zip bombs); reading
    /// stops there with a warning.
    pub max_decompressed_bytes: u64,
    /// Deepest nesting of elements in an HTML page, a feed item's HTML or a feed's XML; a
    /// deeper page or item is refused with an error (a feed: the whole feed). The default is
    /// the limit browsers' HTML parsers apply (512).
    pub max_html_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_document_bytes: 8 * 1024 * 1024,
            max_feed_bytes: 64 * 1024 * 1024,
            max_decompressed_bytes: 16 * 1024 * 1024 * 1024,
            max_html_depth: DEFAULT_MAX_HTML_DEPTH,
        }
    }
}

/// The default of [`Limits::max_html_depth`].
pub const DEFAULT_MAX_HTML_DEPTH: usize = 512;

/// HTML elements that never have content (no end tag).
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// HTML elements whose end tag may be left out (`<p>one<p>two`): they do not nest when
/// written that way, so they are not counted.
const OPTIONAL_END_ELEMENTS: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "rb", "rt", "rtc", "rp", "caption",
];

/// The deepest element nesting of an HTML or XML text, by a scan of its tags (no DOM is built),
/// stopping as soon as it exceeds `stop_above`. Void elements, self-closed tags (`<x/>`),
/// elements with optional end tags, comments, declarations and the content of `<script>`,
/// `<style>` and `<textarea>` do not count, so a well-formed page is never over-counted by
/// more than its unclosed elements.
pub fn html_depth(html: &str, stop_above: usize) -> usize {
    let b = html.as_bytes();
    let (mut i, mut depth, mut max) = (0usize, 0usize, 0usize);
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        match b.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b'!') if b[i..].starts_with(b"!--") => {
                i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
                continue;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = b[i..]
                    .iter()
                    .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b':' | b'_')))
                    .map_or(b.len(), |n| i + n);
                let name = html[i..name_end].to_ascii_lowercase();
                let Some(gt) = memchr::memchr(b'>', &b[name_end..]).map(|n| name_end + n) else {
                    break;
                };
                let self_closed = b[gt - 1] == b'/';
                i = gt + 1;
                if matches!(name.as_str(), "script" | "style" | "textarea") && !self_closed {
                    // Skip the raw text up to the matching end tag (any case).
                    let mut j = i;
                    i = loop {
                        let Some(p) = find(b, j, b"</") else {
                            break b.len();
                        };
                        let tag = &b[p + 2..];
                        if tag.len() >= name.len()
                            && tag[..name.len()].eq_ignore_ascii_case(name.as_bytes())
                        {
                            break p;
                        }
                        j = p + 2;
                    };
                    continue;
                }
                if self_closed
                    || VOID_ELEMENTS.contains(&name.as_str())
                    || OPTIONAL_END_ELEMENTS.contains(&name.as_str())
                {
                    continue;
                }
                depth += 1;
                max = max.max(depth);
                if max > stop_above {
                    return max;
                }
            }
            _ => {}
        }
    }
    max
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| from + p)
}

/// Refuses an HTML page (or a feed item's HTML) nested deeper than the limit.
fn check_html_depth(path: &Path, html: &str, limits: &Limits) -> Result<()> {
    let limit = limits.max_html_depth;
    if html_depth(html, limit) > limit {
        return Err(Error::Html {
            path: path.into(),
            message: format!(
                "elements nested deeper than the limit of {limit} (--max-html-depth); the page is not read"
            ),
        });
    }
    Ok(())
}

/// How to read an input.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force a format instead of choosing by extension and content.
    pub format: Option<Format>,
    /// Resource limits.
    pub limits: Limits,
}

/// A problem that did not stop reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The input's path.
    pub path: PathBuf,
    /// The 1-based line, where one applies.
    pub line: Option<u64>,
    /// The byte offset in the input, where one applies.
    pub offset: Option<u64>,
    /// What happened.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(offset) = self.offset {
            write!(f, " (byte {offset})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What reading one input produced.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    /// The documents read.
    pub documents: Vec<Document>,
    /// Problems that changed nothing or only part of a document.
    pub warnings: Vec<Warning>,
    /// Articles that could not be read (the others still were).
    pub errors: Vec<Error>,
    /// Bytes read from the input (after decompression).
    pub bytes_read: u64,
}

/// Parses a format name: `text`, `jsonl` (or `json`), `html`, `feed` (or `rss`, `atom`) or
/// `warc`.
pub fn parse_format(name: &str) -> Result<Format> {
    match name.to_ascii_lowercase().as_str() {
        "text" | "txt" => Ok(Format::Text),
        "jsonl" | "json" | "ndjson" => Ok(Format::Jsonl),
        "html" | "htm" => Ok(Format::Html),
        "feed" | "rss" | "atom" => Ok(Format::Feed),
        "warc" => Ok(Format::Warc),
        other => Err(Error::UnknownFormat(other.to_owned())),
    }
}

/// Chooses a format by the file's extension, then by its first bytes.
///
/// A `.gz` suffix is looked through (`feed.jsonl.gz` is JSON Lines); `head` must be the
/// decompressed bytes.
pub fn detect_format(path: &Path, head: &[u8]) -> Format {
    let name = path
        .file_name()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "jsonl" | "ndjson" | "json" => return Format::Jsonl,
        "html" | "htm" | "xhtml" => return Format::Html,
        "txt" | "text" | "md" => return Format::Text,
        "rss" | "atom" => return Format::Feed,
        "warc" | "arc" => return Format::Warc,
        _ => {}
    }
    if head.starts_with(b"WARC/") {
        return Format::Warc;
    }
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    let lower: Vec<u8> = head.iter().take(512).map(u8::to_ascii_lowercase).collect();
    let feed = |tag: &[u8]| lower.windows(tag.len()).any(|w| w == tag);
    if head.first() == Some(&b'{') || head.first() == Some(&b'[') {
        Format::Jsonl
    } else if lower.starts_with(b"<?xml") && (feed(b"<rss") || feed(b"<feed") || feed(b"<rdf")) {
        Format::Feed
    } else if lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || lower.windows(5).any(|w| w == b"<body")
    {
        Format::Html
    } else {
        Format::Text
    }
}

/// Receives what a reader finds, as it finds it: documents stream out one at a time, so a
/// large input is never held in memory whole.
pub trait Sink {
    /// A document was read.
    fn document(&mut self, doc: Document);
    /// A problem that did not stop reading.
    fn warning(&mut self, warning: Warning);
    /// An article could not be read; the others still are.
    fn error(&mut self, error: Error);
}

impl Sink for ReadOutcome {
    fn document(&mut self, doc: Document) {
        self.documents.push(doc);
    }
    fn warning(&mut self, warning: Warning) {
        self.warnings.push(warning);
    }
    fn error(&mut self, error: Error) {
        self.errors.push(error);
    }
}

/// Reads the documents of a file (`-` reads standard input) and collects them.
pub fn read_path(path: &Path, opts: &ReadOptions) -> Result<ReadOutcome> {
    let mut out = ReadOutcome::default();
    out.bytes_read = read_path_into(path, opts, &mut out)?;
    Ok(out)
}

/// Reads the documents of a file (`-` reads standard input) into `sink`, one at a time.
/// Returns the number of bytes read (after decompression). An `Err` means the input could
/// not be read at all (missing, binary, an unreadable feed); documents already sent to the
/// sink stay valid.
pub fn read_path_into(path: &Path, opts: &ReadOptions, sink: &mut dyn Sink) -> Result<u64> {
    if path == Path::new("-") {
        return read_into(path, std::io::stdin().lock(), opts, sink);
    }
    let file = std::fs::File::open(path).map_err(|source| Error::Io {
        path: path.into(),
        source,
    })?;
    read_into(path, file, opts, sink)
}

/// Reads the documents of `reader`, named `path` in documents, warnings and errors, and
/// collects them.
pub fn read_from(path: &Path, reader: impl Read, opts: &ReadOptions) -> Result<ReadOutcome> {
    let mut out = ReadOutcome::default();
    out.bytes_read = read_into(path, reader, opts, &mut out)?;
    Ok(out)
}

/// Reads the documents of `reader` into `sink`, one at a time; returns the bytes read.
///
/// Gzip-compressed input (by its magic bytes) is decompressed on the fly, up to
/// [`Limits::max_decompressed_bytes`].
pub fn read_into(
    path: &Path,
    reader: impl Read,
    opts: &ReadOptions,
    sink: &mut dyn Sink,
) -> Result<u64> {
    let io = |source| Error::Io {
        path: path.into(),
        source,
    };
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    let gz = reader.fill_buf().map_err(io)?.starts_with(&[0x1F, 0x8B]);
    if gz {
        let limit = opts.limits.max_decompressed_bytes;
        let decoder = flate2::bufread::MultiGzDecoder::new(reader);
        let read = read_plain(path, decoder.take(limit), opts, sink)?;
        if read >= limit {
            sink.warning(Warning {
                path: path.into(),
                line: None,
                offset: Some(limit),
                message: format!(
                    "decompressed input reached the limit of {limit} bytes; the rest is not read"
                ),
            });
        }
        return Ok(read);
    }
    read_plain(path, reader, opts, sink)
}

fn read_plain(
    path: &Path,
    reader: impl Read,
    opts: &ReadOptions,
    out: &mut dyn Sink,
) -> Result<u64> {
    let io = |source| Error::Io {
        path: path.into(),
        source,
    };
    let mut reader = BufReader::with_capacity(
        64 * 1024,
        CountingReader {
            inner: reader,
            count: 0,
        },
    );
    let head = reader.fill_buf().map_err(io)?.to_vec();
    if let Some(offset) = nul_offset(&head) {
        return Err(Error::Binary {
            path: path.into(),
            offset: offset as u64,
        });
    }
    let format = opts.format.unwrap_or_else(|| detect_format(path, &head));
    match format {
        Format::Jsonl => read_json(path, &mut reader, opts, out)?,
        Format::Warc => read_warc(path, &mut reader, opts, out),
        Format::Feed => {
            let limit = opts.limits.max_feed_bytes;
            let mut bytes = Vec::new();
            (&mut reader)
                .take(limit as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(io)?;
            if bytes.len() > limit {
                return Err(Error::TooLarge {
                    path: path.into(),
                    what: "feed".into(),
                    bytes: bytes.len() as u64,
                    limit: limit as u64,
                });
            }
            read_feed(path, &bytes, &opts.limits, out)?;
        }
        Format::Text | Format::Html => {
            let limit = opts.limits.max_document_bytes;
            let mut bytes = Vec::new();
            (&mut reader)
                .take(limit as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(io)?;
            let mut warnings = Vec::new();
            if bytes.len() > limit {
                bytes.truncate(cut_point(&bytes, limit));
                warnings.push(Warning {
                    path: path.into(),
                    line: None,
                    offset: Some(bytes.len() as u64),
                    message: format!(
                        "document exceeds the size limit of {limit} bytes; cut at byte {}",
                        bytes.len()
                    ),
                });
            }
            let text = decode(path, bytes, &mut warnings);
            let doc = if format == Format::Text {
                text_document(path, text)
            } else {
                check_html_depth(path, &text, &opts.limits)?;
                html_document(path, &text, &mut warnings)?
            };
            warnings.into_iter().for_each(|w| out.warning(w));
            out.document(doc);
        }
    }
    Ok(reader.get_ref().count)
}

/// Counts the bytes read through it.
struct CountingReader<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

/// Reads an RSS, Atom or JSON Feed: one document per item, with the item's full content when
/// the feed carries it, else its summary flagged as a teaser.
fn read_feed(path: &Path, bytes: &[u8], limits: &Limits, out: &mut dyn Sink) -> Result<()> {
    let xml = String::from_utf8_lossy(bytes);
    if html_depth(&xml, limits.max_html_depth) > limits.max_html_depth {
        return Err(Error::Feed {
            path: path.into(),
            message: format!(
                "elements nested deeper than the limit of {} (--max-html-depth)",
                limits.max_html_depth
            ),
        });
    }
    let feed = feed_rs::parser::parse(bytes).map_err(|e| Error::Feed {
        path: path.into(),
        message: e.to_string(),
    })?;
    let feed_lang = feed.language.clone();
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let n = i as u64 + 1;
        let content = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .filter(|b| !b.trim().is_empty());
        let summary = entry
            .summary
            .as_ref()
            .map(|t| t.content.clone())
            .filter(|b| !b.trim().is_empty());
        let (html, teaser) = match (content, summary) {
            (Some(c), _) => (c, false),
            (None, Some(s)) => (s, true),
            (None, None) => {
                out.error(Error::MissingText {
                    path: path.into(),
                    line: n,
                    fields: "content, summary",
                });
                continue;
            }
        };
        if let Err(e) = check_html_depth(path, &html, limits) {
            out.error(e);
            continue;
        }
        let url = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .map(|l| l.href.clone());
        let id = DocId::new(&entry.id)
            .or_else(|| url.as_deref().and_then(DocId::new))
            .or_else(|| DocId::new(format!("{}:{n}", stem_id(path))))
            .expect("non-empty id");
        let published = entry
            .published
            .or(entry.updated)
            .and_then(|d| parse_date(&d.to_rfc3339()));
        out.document(Document {
            id,
            url,
            title: entry
                .title
                .map(|t| html_fragment_text(&t.content))
                .filter(|t| !t.is_empty()),
            published,
            lang: entry.language.or_else(|| feed_lang.clone()),
            text: html_fragment_text(&html),
            source: Source {
                path: path.display().to_string(),
                line: Some(n),
                format: Format::Feed,
            },
            teaser,
        });
    }
    Ok(())
}

/// The text of an HTML fragment (a feed item's content): paragraphs separated by blank lines;
/// plain text passes through unchanged.
fn html_fragment_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return tidy_extracted(html);
    }
    let doc = dom_query::Document::from(html);
    let blocks: Vec<String> = doc
        .select("p, h1, h2, h3, h4, h5, h6, li, blockquote, figcaption")
        .iter()
        .map(|p| p.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    if blocks.is_empty() {
        doc.select("body")
            .text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        blocks.join("\n\n")
    }
}

/// Reads a WARC file: one document per HTML response record (`WARC-Type: response`, HTTP
/// status 200, `Content-Type: text/html`); other records are skipped. Records larger than the
/// document-size limit are skipped with an error; a malformed or truncated record ends the
/// file's reading with an error, keeping the documents read before it.
///
/// The record framing (a `WARC/1.x` line, `Name: value` header lines, a blank line, then
/// `Content-Length` bytes and a blank line) is read here rather than with the `warc` crate:
/// fuzzing found that crate's header accessor panicking on header values that are not UTF-8,
/// which web archives do contain.
fn read_warc(path: &Path, reader: &mut impl BufRead, opts: &ReadOptions, out: &mut dyn Sink) {
    let limit = opts.limits.max_document_bytes;
    let mut n = 0u64;
    let fail = |out: &mut dyn Sink, record: u64, message: String| {
        out.error(Error::Warc {
            path: path.into(),
            record,
            message,
        });
    };
    loop {
        let header = match read_warc_header(reader) {
            Ok(Some(h)) => h,
            Ok(None) => break,
            Err(message) => {
                fail(out, n + 1, message);
                break;
            }
        };
        n += 1;
        let Some(len) = header
            .get("content-length")
            .and_then(|v| v.trim().parse::<u64>().ok())
        else {
            fail(out, n, "missing or invalid Content-Length".into());
            break;
        };
        let is_response = header
            .get("warc-type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("response"));
        let wanted = is_response && len <= limit as u64;
        if is_response && !wanted {
            out.error(Error::TooLarge {
                path: path.into(),
                what: format!("WARC record {n}"),
                bytes: len,
                limit: limit as u64,
            });
        }
        let mut body = Vec::new();
        let got = if wanted {
            reader.take(len).read_to_end(&mut body).map(|g| g as u64)
        } else {
            std::io::copy(&mut reader.take(len), &mut std::io::sink())
        };
        match got {
            Ok(g) if g == len => {}
            Ok(_) => {
                fail(out, n, "truncated: the body ends early".into());
                break;
            }
            Err(e) => {
                fail(out, n, e.to_string());
                break;
            }
        }
        if wanted {
            warc_response_document(path, n, &header, &body, &opts.limits, out);
        }
    }
}

/// Reads one WARC record header block; `Ok(None)` at the end of the input. Blank lines
/// before a record (the end of the previous one) are skipped. Header names are lower-cased;
/// values are decoded lossily.
fn read_warc_header(
    reader: &mut impl BufRead,
) -> std::result::Result<Option<std::collections::HashMap<String, String>>, String> {
    const MAX_HEADER: usize = 64 * 1024;
    let mut line = Vec::new();
    // Skip blank lines; the first other line must be the version line.
    loop {
        line.clear();
        let (total, eof) =
            read_line_capped(reader, &mut line, MAX_HEADER).map_err(|e| e.to_string())?;
        if total == 0 && eof {
            return Ok(None);
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            break;
        }
        if eof {
            return Ok(None);
        }
    }
    if !line.starts_with(b"WARC/") {
        return Err("not a WARC record (no WARC/1.x version line)".into());
    }
    let mut fields = std::collections::HashMap::new();
    let mut size = line.len();
    loop {
        line.clear();
        let (total, eof) =
            read_line_capped(reader, &mut line, MAX_HEADER).map_err(|e| e.to_string())?;
        size += total as usize;
        if size > MAX_HEADER {
            return Err(format!("header block longer than {MAX_HEADER} bytes"));
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            if total == 0 && eof {
                return Err("truncated: the header ends early".into());
            }
            return Ok(Some(fields));
        }
        let text = String::from_utf8_lossy(&line);
        if let Some((k, v)) = text.split_once(':') {
            fields.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
        if eof {
            return Err("truncated: the header ends early".into());
        }
    }
}

/// Makes a document from a WARC response record's HTTP payload, if it is an HTML page.
fn warc_response_document(
    path: &Path,
    n: u64,
    header: &std::collections::HashMap<String, String>,
    body: &[u8],
    limits: &Limits,
    out: &mut dyn Sink,
) {
    let Some((status, headers, payload)) = split_http_response(body) else {
        return;
    };
    let content_type = header_value(headers, "content-type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    if status != 200 || !(content_type.contains("text/html") || content_type.contains("xhtml")) {
        return;
    }
    let mut warnings = Vec::new();
    let html = decode(path, payload.to_vec(), &mut warnings);
    let checked = check_html_depth(path, &html, limits);
    let mut doc = match checked.and_then(|()| html_document(path, &html, &mut warnings)) {
        Ok(d) => d,
        Err(e) => {
            out.error(e);
            return;
        }
    };
    for mut w in warnings {
        w.line = Some(n);
        out.warning(w);
    }
    let target = header.get("warc-target-uri").cloned();
    let id = header
        .get("warc-record-id")
        .map(|r| {
            r.trim_matches(['<', '>'])
                .trim_start_matches("urn:uuid:")
                .to_owned()
        })
        .or_else(|| target.clone());
    if let Some(id) = id.and_then(DocId::new) {
        doc.id = id;
    }
    if target.is_some() {
        doc.url = target;
    }
    // The crawl date stands in when the page declares no publication date.
    doc.published = doc
        .published
        .or_else(|| header.get("warc-date").and_then(|d| parse_date(d)));
    doc.source = Source {
        path: path.display().to_string(),
        line: Some(n),
        format: Format::Warc,
    };
    out.document(doc);
}

/// Splits an HTTP response into status code, header block and payload.
fn split_http_response(body: &[u8]) -> Option<(u16, &str, &[u8])> {
    let end = body
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| {
            body.windows(2)
                .position(|w| w == b"\n\n")
                .map(|p| (p, p + 2))
        })?;
    let head = std::str::from_utf8(&body[..end.0]).ok()?;
    let status_line = head.lines().next()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, head, &body[end.1..]))
}

fn header_value<'h>(headers: &'h str, name: &str) -> Option<&'h str> {
    headers.lines().skip(1).find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// Offset of a NUL byte in the first bytes of a file, unless it is UTF-16 with a BOM.
fn nul_offset(head: &[u8]) -> Option<usize> {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    memchr::memchr(0, &head[..head.len().min(8192)])
}

/// Where to cut `bytes` at no more than `limit`: at a line or word break near the limit when
/// there is one, never inside a UTF-8 sequence.
fn cut_point(bytes: &[u8], limit: usize) -> usize {
    let mut cut = limit.min(bytes.len());
    while cut > 0 && cut < bytes.len() && (bytes[cut] & 0xC0) == 0x80 {
        cut -= 1;
    }
    let window = &bytes[cut.saturating_sub(4096)..cut];
    if let Some(p) = memchr::memrchr(b'\n', window).or_else(|| memchr::memrchr(b' ', window)) {
        return cut - window.len() + p + 1;
    }
    cut
}

/// Decodes bytes to text: UTF-16 with a BOM, UTF-8 (BOM dropped), or UTF-8 decoded lossily
/// with a warning naming the first invalid byte.
fn decode(path: &Path, bytes: Vec<u8>, warnings: &mut Vec<Warning>) -> String {
    let utf16 = |bytes: &[u8], le: bool| -> String {
        let units = bytes.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect()
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return utf16(&bytes[2..], true);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return utf16(&bytes[2..], false);
    }
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            warnings.push(Warning {
                path: path.into(),
                line: None,
                offset: Some(offset as u64),
                message: "invalid UTF-8; decoded lossily (bad bytes replaced by U+FFFD)".into(),
            });
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

fn stem_id(path: &Path) -> String {
    if path == Path::new("-") {
        return "stdin".into();
    }
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("document")
        .to_owned()
}

/// A plain-text document: optional `Title:`, `Date:`, `URL:`, `Lang:`, `Id:` header lines
/// before the first blank line, then the body.
fn text_document(path: &Path, text: String) -> Document {
    let mut title = None;
    let mut published = None;
    let mut url = None;
    let mut lang = None;
    let mut id = None;
    let mut body_start = 0;
    if let Some(end) = text.find("\n\n").or_else(|| text.find("\r\n\r\n")) {
        let head = &text[..end];
        let fields: Option<Vec<(String, &str)>> = head
            .lines()
            .map(|l| {
                let (k, v) = l.split_once(':')?;
                let k = k.trim().to_ascii_lowercase();
                matches!(
                    k.as_str(),
                    "title" | "date" | "url" | "lang" | "language" | "id"
                )
                .then(|| (k, v.trim()))
            })
            .collect();
        if let Some(fields) = fields.filter(|f| !f.is_empty()) {
            for (k, v) in fields {
                match k.as_str() {
                    "title" => title = Some(v.to_owned()),
                    "date" => published = parse_date(v),
                    "url" => url = Some(v.to_owned()),
                    "lang" | "language" => lang = Some(v.to_owned()),
                    _ => id = DocId::new(v),
                }
            }
            body_start = end;
            let rest = &text[body_start..];
            body_start += rest.len() - rest.trim_start_matches(['\r', '\n']).len();
        }
    }
    let body = if body_start == 0 {
        text
    } else {
        text[body_start..].to_owned()
    };
    Document {
        id: id
            .or_else(|| DocId::new(stem_id(path)))
            .unwrap_or_else(|| DocId::new("document").expect("non-empty")),
        url,
        title,
        published,
        lang,
        text: body,
        source: Source {
            path: path.display().to_string(),
            line: None,
            format: Format::Text,
        },
        teaser: false,
    }
}

/// Parses a publication date in the usual forms: ISO 8601 (`2023-03-20`, with or without a
/// time), RFC 2822 (`Mon, 20 Mar 2023 10:00:00 GMT`), `20 March 2023`, `March 20, 2023`,
/// `2023/03/20`. Returns `None` when no full date is found.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() >= 10
        && let Some(head) = s.get(..10)
        && let Ok(d) = head.replace('/', "-").parse::<Date>()
    {
        return Some(d);
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        return Some(z.date());
    }
    // Free order: a 4-digit year, a month name, a day number.
    let mut year = None;
    let mut month = None;
    let mut day = None;
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if let Ok(n) = w.parse::<i16>() {
            if w.len() == 4 && (1800..=2200).contains(&n) && year.is_none() {
                year = Some(n);
            } else if (1..=31).contains(&n) && day.is_none() && w.len() <= 2 {
                day = Some(n as i8);
            }
        } else if let Some(m) = month_number(w) {
            month.get_or_insert(m);
        }
    }
    Date::new(year?, month?, day?).ok()
}

/// The month number of an English, French or Spanish month name or abbreviation.
pub fn month_number(word: &str) -> Option<i8> {
    let w = crate::fold::fold(word);
    let w = w.trim_end_matches('.');
    const NAMES: [&[&str]; 12] = [
        &["january", "jan", "janvier", "janv", "enero", "ene"],
        &["february", "feb", "fevrier", "fevr", "febrero"],
        &["march", "mar", "mars", "marzo"],
        &["april", "apr", "avril", "avr", "abril", "abr"],
        &["may", "mai", "mayo"],
        &["june", "jun", "juin", "junio"],
        &["july", "jul", "juillet", "juil", "julio"],
        &["august", "aug", "aout", "agosto", "ago"],
        &[
            "september",
            "sep",
            "sept",
            "septembre",
            "septiembre",
            "setiembre",
        ],
        &["october", "oct", "octobre", "octubre"],
        &["november", "nov", "novembre", "noviembre"],
        &["december", "dec", "decembre", "diciembre", "dic"],
    ];
    NAMES
        .iter()
        .position(|names| names.contains(&w))
        .map(|i| i as i8 + 1)
}

const TEXT_FIELDS: &str = "text, maintext, body, content, article";

fn str_field<'v>(obj: &'v serde_json::Map<String, Value>, names: &[&str]) -> Option<&'v str> {
    names
        .iter()
        .find_map(|n| obj.get(*n).and_then(Value::as_str))
        .filter(|s| !s.trim().is_empty())
}

/// Makes a document from one JSON article (our fields and news-please's).
fn json_document(path: &Path, line: u64, value: Value) -> Result<Document> {
    let Value::Object(obj) = value else {
        return Err(Error::Json {
            path: path.into(),
            line,
            message: "expected a JSON object".into(),
        });
    };
    let text = str_field(&obj, &["text", "maintext", "body", "content", "article"]).ok_or(
        Error::MissingText {
            path: path.into(),
            line,
            fields: TEXT_FIELDS,
        },
    )?;
    let id = obj
        .get("id")
        .and_then(|v| match v {
            Value::String(s) => DocId::new(s),
            Value::Number(n) => DocId::new(n.to_string()),
            _ => None,
        })
        .or_else(|| DocId::new(format!("{}:{line}", stem_id(path))))
        .expect("non-empty id");
    let published = str_field(
        &obj,
        &[
            "date",
            "date_publish",
            "published",
            "pubDate",
            "publish_date",
            "datePublished",
        ],
    )
    .and_then(parse_date);
    Ok(Document {
        id,
        url: str_field(&obj, &["url", "link", "source_url"]).map(str::to_owned),
        title: str_field(&obj, &["title", "headline"]).map(str::to_owned),
        published,
        lang: str_field(&obj, &["lang", "language"]).map(str::to_owned),
        text: text.to_owned(),
        source: Source {
            path: path.display().to_string(),
            line: Some(line),
            format: Format::Jsonl,
        },
        teaser: false,
    })
}

/// Reads JSON articles: JSON Lines, a single (possibly pretty-printed) object, a sequence of
/// objects, or an array of objects.
fn read_json(
    path: &Path,
    mut reader: impl BufRead,
    opts: &ReadOptions,
    out: &mut dyn Sink,
) -> Result<()> {
    let io = |source| Error::Io {
        path: path.into(),
        source,
    };
    let limit = opts.limits.max_document_bytes;
    let first = reader
        .fill_buf()
        .map_err(io)?
        .iter()
        .copied()
        .find(|b| !b.is_ascii_whitespace());
    if first == Some(b'[') {
        let mut bytes = Vec::new();
        reader
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() > limit {
            return Err(Error::LineTooLong {
                path: path.into(),
                line: 1,
                bytes: bytes.len() as u64,
                limit,
            });
        }
        let mut w = Vec::new();
        let text = decode(path, bytes, &mut w);
        w.into_iter().for_each(|w| out.warning(w));
        let values: Vec<Value> = serde_json::from_str(&text).map_err(|e| Error::Json {
            path: path.into(),
            line: e.line() as u64,
            message: e.to_string(),
        })?;
        for v in values {
            match json_document(path, 1, v) {
                Ok(d) => out.document(d),
                Err(e) => out.error(e),
            }
        }
        return Ok(());
    }
    // Values may span lines (pretty-printed): gather lines until braces balance.
    let mut value_buf: Vec<u8> = Vec::new();
    let mut value_line = 0u64;
    let mut value_len = 0u64;
    let mut scan = BraceScan::default();
    let mut line_no = 0u64;
    let mut line = Vec::new();
    loop {
        line.clear();
        let (total, eof) = read_line_capped(&mut reader, &mut line, limit + 1).map_err(io)?;
        if total == 0 && eof {
            break;
        }
        line_no += 1;
        if scan.depth == 0
            && line.iter().all(u8::is_ascii_whitespace)
            && total as usize == line.len()
        {
            continue;
        }
        if scan.depth > 0 && line.first() == Some(&b'{') {
            // A new object at the start of a line while the previous value is still open:
            // that value was broken (JSON Lines with a bad line). Report it, start afresh.
            finish_json_value(path, &mut value_buf, value_len, value_line, limit, out);
            value_buf.clear();
            value_len = 0;
            scan = BraceScan::default();
        }
        if scan.depth == 0 && value_len == 0 {
            value_line = line_no;
        }
        value_len += total;
        let truncated = total as usize > line.len();
        scan.feed(&line);
        if truncated {
            // The rest of an over-long line was not kept: it ends its value.
            scan.depth = 0;
        }
        if value_len as usize <= limit {
            value_buf.extend_from_slice(&line);
        }
        if scan.depth == 0 || eof {
            finish_json_value(path, &mut value_buf, value_len, value_line, limit, out);
            value_buf.clear();
            value_len = 0;
            scan = BraceScan::default();
        }
        if eof {
            break;
        }
    }
    Ok(())
}

/// Parses one gathered JSON value into a document (or an error naming its line).
fn finish_json_value(
    path: &Path,
    value_buf: &mut Vec<u8>,
    value_len: u64,
    value_line: u64,
    limit: usize,
    out: &mut dyn Sink,
) {
    if value_len as usize > limit {
        out.error(Error::LineTooLong {
            path: path.into(),
            line: value_line,
            bytes: value_len,
            limit,
        });
    } else if !value_buf.iter().all(u8::is_ascii_whitespace) {
        let mut w = Vec::new();
        let text = decode(path, std::mem::take(value_buf), &mut w);
        for mut warning in w {
            warning.line = Some(value_line);
            out.warning(warning);
        }
        match serde_json::from_str::<Value>(&text) {
            Ok(v) => match json_document(path, value_line, v) {
                Ok(d) => out.document(d),
                Err(e) => out.error(e),
            },
            Err(e) => out.error(Error::Json {
                path: path.into(),
                line: value_line + e.line().saturating_sub(1) as u64,
                message: e.to_string(),
            }),
        }
    }
}

/// Tracks brace depth across lines, outside JSON strings.
#[derive(Debug, Default)]
struct BraceScan {
    depth: i64,
    in_string: bool,
    escaped: bool,
}

impl BraceScan {
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
                continue;
            }
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => self.depth -= 1,
                _ => {}
            }
        }
        if self.depth < 0 {
            self.depth = 0;
        }
    }
}

/// Reads one line (with its `\n`) into `buf`, storing at most `cap` bytes; the rest of a
/// longer line is consumed but not stored. Returns the line's full length and whether the
/// input ended.
fn read_line_capped(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<(u64, bool)> {
    let mut total = 0u64;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((total, true));
        }
        let (chunk, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let room = cap.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let n = chunk.len();
        total += n as u64;
        reader.consume(n);
        if done {
            return Ok((total, false));
        }
    }
}

/// Extracts an HTML page's main text with a readability-style extractor, and its metadata
/// from the usual meta tags.
fn html_document(path: &Path, html: &str, warnings: &mut Vec<Warning>) -> Result<Document> {
    use dom_smoothie::{Config, Readability, TextMode};
    let meta = html_metadata(html);
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let article = Readability::new(html, meta.url.as_deref(), Some(cfg))
        .and_then(|mut r| r.parse())
        .ok();
    let (text, title, published_time, lang) = match article {
        Some(a) => (
            a.text_content.to_string(),
            Some(a.title).filter(|t| !t.trim().is_empty()),
            a.published_time,
            a.lang,
        ),
        None => {
            warnings.push(Warning {
                path: path.into(),
                line: None,
                offset: None,
                message: "no article found by the main-text extractor; using every paragraph"
                    .into(),
            });
            (meta.paragraphs.join("\n\n"), meta.title.clone(), None, None)
        }
    };
    let published = published_time
        .as_deref()
        .and_then(parse_date)
        .or_else(|| meta.published.as_deref().and_then(parse_date));
    Ok(Document {
        id: DocId::new(stem_id(path)).expect("non-empty id"),
        url: meta.url,
        title: title.or(meta.title),
        published,
        lang: lang.or(meta.lang),
        text: tidy_extracted(&text),
        source: Source {
            path: path.display().to_string(),
            line: None,
            format: Format::Html,
        },
        teaser: false,
    })
}

/// Normalises extracted text's layout: trailing spaces removed, runs of blank lines collapsed
/// to one, so that paragraphs are separated by exactly one blank line.
fn tidy_extracted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line.trim_start());
    }
    out
}

#[derive(Debug, Default)]
struct HtmlMeta {
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    lang: Option<String>,
    paragraphs: Vec<String>,
}

fn html_metadata(html: &str) -> HtmlMeta {
    let doc = dom_query::Document::from(html);
    let attr = |sel: &str, name: &str| -> Option<String> {
        doc.select(sel)
            .iter()
            .find_map(|n| n.attr(name).map(|v| v.trim().to_string()))
            .filter(|v| !v.is_empty())
    };
    let published = [
        ("meta[property='article:published_time']", "content"),
        ("meta[property='og:published_time']", "content"),
        ("meta[itemprop='datePublished']", "content"),
        ("meta[name='pubdate']", "content"),
        ("meta[name='publishdate']", "content"),
        ("meta[name='publish-date']", "content"),
        ("meta[name='date']", "content"),
        ("meta[name='DC.date.issued']", "content"),
        ("meta[name='dc.date']", "content"),
        ("meta[name='parsely-pub-date']", "content"),
        ("meta[name='sailthru.date']", "content"),
        ("time[datetime]", "datetime"),
    ]
    .iter()
    .find_map(|(sel, a)| attr(sel, a));
    let title = attr("meta[property='og:title']", "content").or_else(|| {
        let t = doc.select("title").text().trim().to_string();
        (!t.is_empty()).then_some(t)
    });
    let paragraphs = doc
        .select("p")
        .iter()
        .map(|p| p.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    HtmlMeta {
        url: attr("link[rel='canonical']", "href")
            .or_else(|| attr("meta[property='og:url']", "content")),
        title,
        published,
        lang: attr("html", "lang"),
        paragraphs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, bytes: &[u8], opts: &ReadOptions) -> Result<ReadOutcome> {
        read_from(Path::new(name), bytes, opts)
    }

    #[test]
    fn text_headers() {
        let src = "Title: Talks in Rabat\nDate: 2022-05-24\nURL: https://example.org/a\nLang: en\n\nRabat hosted the commission.\n";
        let out = read("a.txt", src.as_bytes(), &ReadOptions::default()).unwrap();
        let d = &out.documents[0];
        assert_eq!(d.title.as_deref(), Some("Talks in Rabat"));
        assert_eq!(d.published, Some(Date::constant(2022, 5, 24)));
        assert_eq!(d.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(d.lang.as_deref(), Some("en"));
        assert_eq!(d.text, "Rabat hosted the commission.\n");
        assert_eq!(d.id.as_str(), "a");
    }

    #[test]
    fn text_without_headers_is_all_body() {
        let src = "Note: this is not a header line\n\nBody.";
        let out = read("b.txt", src.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!(out.documents[0].text, src);
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2023-03-20T10:00:00Z"),
            Some(Date::constant(2023, 3, 20))
        );
        assert_eq!(
            parse_date("Mon, 20 Mar 2023 10:00:00 GMT"),
            Some(Date::constant(2023, 3, 20))
        );
        assert_eq!(
            parse_date("March 20, 2023"),
            Some(Date::constant(2023, 3, 20))
        );
        assert_eq!(
            parse_date("20 mars 2023"),
            Some(Date::constant(2023, 3, 20))
        );
        assert_eq!(parse_date("sometime"), None);
    }

    #[test]
    fn jsonl_with_a_bad_line_keeps_the_rest() {
        let src = "{\"id\":\"a\",\"text\":\"One.\",\"date\":\"2020-01-02\"}\n{oops}\n{\"maintext\":\"Two.\",\"date_publish\":\"2021-03-22 10:00:00\"}\n{\"title\":\"no text\"}\n";
        let out = read("f.jsonl", src.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!(out.documents.len(), 2);
        assert_eq!(out.documents[1].id.as_str(), "f:3");
        assert_eq!(
            out.documents[1].published,
            Some(Date::constant(2021, 3, 22))
        );
        assert_eq!(out.errors.len(), 2);
        let msgs: Vec<String> = out.errors.iter().map(ToString::to_string).collect();
        assert!(msgs[0].starts_with("f.jsonl:2:"), "{msgs:?}");
        assert!(msgs[1].starts_with("f.jsonl:4:"), "{msgs:?}");
    }

    #[test]
    fn an_unclosed_jsonl_line_does_not_swallow_the_next_articles() {
        let src = "{\"id\":\"a\",\"text\":\"One.\"}\n{broken\n{\"id\":\"c\",\"text\":\"Three.\"}\n";
        let out = read("f.jsonl", src.as_bytes(), &ReadOptions::default()).unwrap();
        let ids: Vec<&str> = out.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        assert_eq!(out.errors.len(), 1);
        assert!(
            out.errors[0].to_string().starts_with("f.jsonl:2:"),
            "{}",
            out.errors[0]
        );
    }

    #[test]
    fn pretty_json_object_spanning_lines() {
        let src = "{\n \"id\": \"001\",\n \"text\": \"A {brace} in \\\"text\\\".\",\n \"date\": \"2023-03-20\"\n}\n";
        let out = read("001.json", src.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!(out.errors.len(), 0, "{:?}", out.errors);
        assert_eq!(out.documents[0].text, "A {brace} in \"text\".");
    }

    #[test]
    fn binary_is_refused() {
        let err = read("x.bin", b"abc\0\0\0def", &ReadOptions::default()).unwrap_err();
        assert!(
            err.to_string()
                .contains("x.bin: binary file (NUL byte at offset 3)"),
            "{err}"
        );
    }

    #[test]
    fn invalid_utf8_is_lossy_with_one_warning() {
        let out = read(
            "bad.txt",
            b"Caf\xe9 in Rabat \xff.",
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(out.warnings.len(), 1);
        assert_eq!(out.warnings[0].offset, Some(3));
        assert!(
            out.warnings[0]
                .to_string()
                .starts_with("bad.txt (byte 3): invalid UTF-8")
        );
        assert_eq!(out.documents[0].text, "Caf\u{FFFD} in Rabat \u{FFFD}.");
    }

    #[test]
    fn oversized_text_is_cut_with_a_warning() {
        let src = "word ".repeat(1000);
        let opts = ReadOptions {
            limits: Limits {
                max_document_bytes: 1001,
                ..Default::default()
            },
            ..Default::default()
        };
        let out = read("big.txt", src.as_bytes(), &opts).unwrap();
        assert!(out.documents[0].text.len() <= 1001);
        assert!(out.warnings[0].message.contains("size limit"));
    }

    #[test]
    fn oversized_jsonl_line_is_skipped_and_the_rest_read() {
        let big = format!(
            "{{\"text\":\"{}\"}}\n{{\"text\":\"small\"}}\n",
            "x".repeat(5000)
        );
        let opts = ReadOptions {
            limits: Limits {
                max_document_bytes: 1000,
                ..Default::default()
            },
            ..Default::default()
        };
        let out = read("big.jsonl", big.as_bytes(), &opts).unwrap();
        assert_eq!(out.documents.len(), 1);
        assert!(matches!(out.errors[0], Error::LineTooLong { line: 1, .. }));
    }

    #[test]
    fn html_main_text_and_meta_date() {
        let html = r#"<!doctype html><html lang="en"><head><title>Talks - Site</title>
<meta property="article:published_time" content="2022-05-24T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Moroccan-Mauritanian military commission meets</h1>
<p>Rabat hosted on Tuesday the third session of the Moroccan-Mauritanian Joint Military Commission, the ministry said in a statement issued after the meeting.</p>
<p>The two officials reaffirmed the need to deepen bilateral military cooperation, according to the statement, which also recalled the memorandum signed in Morocco on 21 July 2006.</p>
<p>The delegations agreed to meet again next year in Nouakchott to review the implementation of the agreed programme of cooperation between the two armed forces.</p>
</article><footer>Copyright 2022</footer></body></html>"#;
        let out = read("page.html", html.as_bytes(), &ReadOptions::default()).unwrap();
        let d = &out.documents[0];
        assert_eq!(d.published, Some(Date::constant(2022, 5, 24)));
        assert_eq!(d.lang.as_deref(), Some("en"));
        assert!(d.text.contains("Rabat hosted on Tuesday"), "{}", d.text);
        assert!(!d.text.contains("Home"), "{}", d.text);
        assert!(d.text.contains("\n\n"), "paragraphs kept apart: {}", d.text);
    }
}
