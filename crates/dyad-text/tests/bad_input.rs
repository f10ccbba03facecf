//! Bad input: binary files, invalid UTF-8, empty files and huge single-line files.

use std::io::Read;
use std::path::Path;

use dyad_text::read::{Limits, ReadOptions, read_from};
use dyad_text::{Error, Segmenter};

/// A reader that produces `len` bytes of one repeated pattern without holding them in memory.
struct Repeat {
    pattern: &'static [u8],
    pos: usize,
    len: usize,
    suffix: &'static [u8],
}

impl Read for Repeat {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let total = self.len + self.suffix.len();
        let mut n = 0;
        while n < buf.len() && self.pos < total {
            buf[n] = if self.pos < self.len {
                self.pattern[self.pos % self.pattern.len()]
            } else {
                self.suffix[self.pos - self.len]
            };
            n += 1;
            self.pos += 1;
        }
        Ok(n)
    }
}

const MB: usize = 1024 * 1024;

#[test]
fn a_200_mb_single_line_text_file_is_cut_at_the_limit() {
    let input = Repeat {
        pattern: b"Rabat hosted the talks and ",
        pos: 0,
        len: 200 * MB,
        suffix: b"",
    };
    let opts = ReadOptions {
        limits: Limits {
            max_document_bytes: 2 * MB,
            ..Default::default()
        },
        ..Default::default()
    };
    let out = read_from(Path::new("huge.txt"), input, &opts).unwrap();
    let doc = &out.documents[0];
    assert!(
        doc.text.len() <= 2 * MB && doc.text.len() > MB,
        "cut near the limit: {}",
        doc.text.len()
    );
    assert_eq!(out.warnings.len(), 1);
    let w = out.warnings[0].to_string();
    assert!(w.starts_with("huge.txt (byte "), "{w}");
    assert!(w.contains("size limit of 2097152 bytes"), "{w}");
    // The cut text is still usable.
    let seg = Segmenter::new().segment(&doc.text);
    assert_eq!(seg.sentences.len(), 1);
}

#[test]
fn a_200_mb_single_jsonl_line_is_skipped_and_the_next_article_read() {
    let input = Repeat {
        pattern: b"xxxxxxxx",
        pos: 0,
        len: 200 * MB,
        suffix: b"\"}\n{\"id\":\"ok\",\"text\":\"Algeria recalled its ambassador.\"}\n",
    };
    // The first line starts with a JSON prefix so it looks like an article.
    let input = std::io::Cursor::new(b"{\"text\":\"".to_vec()).chain(input);
    let opts = ReadOptions {
        limits: Limits {
            max_document_bytes: MB,
            ..Default::default()
        },
        ..Default::default()
    };
    let out = read_from(Path::new("huge.jsonl"), input, &opts).unwrap();
    assert_eq!(out.documents.len(), 1);
    assert_eq!(out.documents[0].id.as_str(), "ok");
    assert_eq!(out.errors.len(), 1);
    let e = out.errors[0].to_string();
    assert!(e.starts_with("huge.jsonl:1: line of 209715"), "{e}");
    assert!(matches!(out.errors[0], Error::LineTooLong { line: 1, .. }));
}

#[test]
fn nul_laden_binary_is_refused_with_the_file_name() {
    let bytes = [b'P', b'K', 3, 4, 0, 0, 0, 8, 0, 0];
    let err = read_from(
        Path::new("archive.zip"),
        &bytes[..],
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "archive.zip: binary file (NUL byte at offset 4); not read"
    );
}

#[test]
fn invalid_utf8_gives_one_warning_with_the_offset() {
    let bytes = b"Nouakchott \xC3\x28 and Rabat \xFF\xFE signed.";
    let out = read_from(Path::new("latin.txt"), &bytes[..], &ReadOptions::default()).unwrap();
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    assert_eq!(out.warnings[0].offset, Some(11));
    assert!(out.documents[0].text.contains('\u{FFFD}'));
    assert!(out.documents[0].text.ends_with("signed."));
}

#[test]
fn an_empty_file_gives_zero_sentences() {
    for name in ["empty.txt", "empty.html", "empty"] {
        let out = read_from(Path::new(name), &b""[..], &ReadOptions::default()).unwrap();
        let sentences: usize = out
            .documents
            .iter()
            .map(|d| Segmenter::new().segment(&d.text).sentences.len())
            .sum();
        assert_eq!(sentences, 0, "{name}");
    }
    let out = read_from(Path::new("empty.jsonl"), &b""[..], &ReadOptions::default()).unwrap();
    assert!(out.documents.is_empty() && out.errors.is_empty());
}

#[test]
fn utf16_with_bom_is_decoded() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Rabat hosted.".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let out = read_from(Path::new("w.txt"), &bytes[..], &ReadOptions::default()).unwrap();
    assert_eq!(out.documents[0].text, "Rabat hosted.");
}

/// `depth` nested `<div>`s around one paragraph.
fn nested_page(depth: usize) -> String {
    format!(
        "<html><body>{}<p>Morocco and Mauritania signed an agreement in Rabat.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    )
}

#[test]
fn html_nested_deeper_than_the_limit_is_refused_with_a_clear_error() {
    // Unlimited, 5,000 levels took 4.8 s to extract and 100,000 did not finish in 4 minutes.
    let page = nested_page(100_000);
    let err = read_from(
        Path::new("deep.html"),
        page.as_bytes(),
        &ReadOptions::default(),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::Html { .. }), "{msg}");
    assert!(
        msg.contains("deep.html") && msg.contains("512") && msg.contains("--max-html-depth"),
        "{msg}"
    );
    // Within the limit the page is read; the limit is configurable.
    let out = read_from(
        Path::new("ok.html"),
        nested_page(400).as_bytes(),
        &ReadOptions::default(),
    )
    .unwrap();
    assert!(out.documents[0].text.contains("Mauritania"));
    let strict = ReadOptions {
        limits: Limits {
            max_html_depth: 100,
            ..Limits::default()
        },
        ..Default::default()
    };
    assert!(read_from(Path::new("ok.html"), nested_page(400).as_bytes(), &strict).is_err());
}

#[test]
fn html_depth_counts_only_elements_that_nest() {
    use dyad_text::read::html_depth;
    assert_eq!(html_depth("<div><div><span>x</span></div></div>", 512), 3);
    // Void elements, self-closed tags, optional end tags, comments and script text do not nest.
    let flat = format!(
        "<div>{}</div><!-- <div><div><div> --><script>if (a<b) {{ '<div><div>' }}</script>",
        "<p>one<br><img src=x><li>two<x/>".repeat(1000)
    );
    assert_eq!(html_depth(&flat, 512), 1);
    // The scan stops as soon as the limit is exceeded.
    assert_eq!(html_depth(&"<b>".repeat(10_000), 8), 9);
}

#[test]
fn a_feed_item_nested_too_deep_is_refused_and_the_others_read() {
    let deep = nested_page(1000)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>\
         <item><title>deep</title><link>https://example.org/1</link><description>{deep}</description></item>\
         <item><title>fine</title><link>https://example.org/2</link><description>Rabat hosted the talks.</description></item>\
         </channel></rss>"
    );
    let out = read_from(
        Path::new("feed.rss"),
        feed.as_bytes(),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(out.documents.len(), 1);
    assert!(out.documents[0].text.contains("Rabat"));
    assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
    assert!(out.errors[0].to_string().contains("--max-html-depth"));
}
