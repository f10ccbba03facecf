//! Feed, WARC and gzip readers on committed fixtures (`testdata/readers/`).

use std::io::Write;
use std::path::{Path, PathBuf};

use dyad_text::read::{Limits, ReadOptions, read_from, read_path};
use dyad_text::{Format, Segmenter};
use jiff::civil::Date;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/readers")
        .join(name)
}

#[test]
fn rss_with_full_content() {
    let out = read_path(&fixture("full.rss"), &ReadOptions::default()).unwrap();
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(out.documents.len(), 2);
    let d = &out.documents[0];
    assert_eq!(d.source.format, Format::Feed);
    assert_eq!(d.source.line, Some(1));
    assert!(!d.teaser);
    assert_eq!(
        d.url.as_deref(),
        Some("https://example.org/2022/05/24/talks")
    );
    assert_eq!(d.published, Some(Date::constant(2022, 5, 24)));
    assert_eq!(d.lang.as_deref(), Some("en"));
    assert_eq!(
        d.text,
        "Rabat hosted on Tuesday the third session of the Moroccan-Mauritanian Joint Military Commission.\n\nThe two officials reaffirmed the need to deepen bilateral military cooperation."
    );
    assert_eq!(out.documents[1].id.as_str(), "recall-2021");
    assert_eq!(Segmenter::new().segment(&d.text).sentences.len(), 2);
}

#[test]
fn atom_summaries_are_flagged_as_teasers() {
    let out = read_path(&fixture("teasers.atom"), &ReadOptions::default()).unwrap();
    assert_eq!(out.documents.len(), 1);
    let d = &out.documents[0];
    assert!(d.teaser);
    assert_eq!(d.id.as_str(), "urn:example:sahel:niger-2023-07-26");
    assert_eq!(d.published, Some(Date::constant(2023, 7, 26)));
    assert_eq!(d.url.as_deref(), Some("https://example.org/niger"));
    assert_eq!(
        d.text,
        "The United States condemned the attempt to seize power in Niger."
    );
}

#[test]
fn warc_html_responses_only() {
    let out = read_path(&fixture("sample.warc"), &ReadOptions::default()).unwrap();
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(out.documents.len(), 1, "only the 200 text/html response");
    let d = &out.documents[0];
    assert_eq!(d.source.format, Format::Warc);
    assert_eq!(d.source.line, Some(3), "third record");
    assert_eq!(d.id.as_str(), "00000000-0000-0000-0000-000000000003");
    assert_eq!(d.url.as_deref(), Some("https://example.org/talks"));
    assert_eq!(
        d.published,
        Some(Date::constant(2022, 5, 24)),
        "page date, not crawl date"
    );
    assert!(d.text.contains("Rabat hosted on Tuesday"), "{}", d.text);
}

#[test]
fn gzip_warc_and_jsonl_are_decompressed() {
    let warc = std::fs::read(fixture("sample.warc")).unwrap();
    let gz = gzip(&warc);
    let out = read_from(
        Path::new("cc-news.warc.gz"),
        &gz[..],
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(out.documents.len(), 1);
    let jsonl = gzip(b"{\"id\":\"g1\",\"text\":\"Mali expelled the French ambassador.\"}\n");
    let out = read_from(Path::new("a.jsonl.gz"), &jsonl[..], &ReadOptions::default()).unwrap();
    assert_eq!(out.documents[0].id.as_str(), "g1");
}

#[test]
fn a_gzip_bomb_stops_at_the_decompression_limit() {
    // 64 MiB of spaces compress to a few tens of kilobytes.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..64 {
        enc.write_all(&chunk).unwrap();
    }
    let bomb = enc.finish().unwrap();
    assert!(bomb.len() < 1 << 20);
    let opts = ReadOptions {
        limits: Limits {
            max_decompressed_bytes: 4 << 20,
            max_document_bytes: 16 << 20,
            ..Limits::default()
        },
        ..Default::default()
    };
    let out = read_from(Path::new("bomb.txt.gz"), &bomb[..], &opts).unwrap();
    assert!(out.bytes_read <= 4 << 20);
    assert!(
        out.warnings
            .iter()
            .any(|w| w.message.contains("decompressed input reached the limit")),
        "{:?}",
        out.warnings
    );
}

#[test]
fn a_truncated_warc_keeps_what_was_read() {
    let warc = std::fs::read(fixture("sample.warc")).unwrap();
    let cut = warc.len() - 60;
    let out = read_from(Path::new("cut.warc"), &warc[..cut], &ReadOptions::default()).unwrap();
    assert_eq!(out.documents.len(), 1);
    assert_eq!(out.errors.len(), 1);
    assert!(
        out.errors[0]
            .to_string()
            .starts_with("cut.warc: WARC record 5:"),
        "{}",
        out.errors[0]
    );
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// Regression (fuzzing, read_any): a WARC header value that is not UTF-8 made the `warc`
/// crate panic; the reader now parses record headers itself and decodes values lossily.
#[test]
fn regression_warc_header_value_not_utf8() {
    let name = "../../testdata/regressions/fuzz-read_any-warc-non-utf8-header.bin";
    let data = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap();
    // The fuzz target's first byte selects the reader; 5 means "detect the format".
    let (&selector, bytes) = data.split_first().unwrap();
    assert_eq!(selector % 6, 5);
    // Reading it must not panic; the mangled records are reported, not fatal.
    read_from(Path::new("fuzz.gz"), bytes, &ReadOptions::default()).unwrap();
    // A non-UTF-8 byte in the response record's target URI is decoded lossily.
    let mut bad = std::fs::read(fixture("sample.warc")).unwrap();
    let needle = b"WARC-Target-URI: https://example.org/talks";
    let hits: Vec<usize> = (0..bad.len() - needle.len())
        .filter(|&i| &bad[i..i + needle.len()] == needle)
        .collect();
    assert_eq!(hits.len(), 2, "request and response records");
    let at = hits[1] + 17;
    bad[at] = 0xF1;
    bad[at + 1] = 0xF1;
    let out = read_from(Path::new("bad.warc"), &bad[..], &ReadOptions::default()).unwrap();
    assert_eq!(out.documents.len(), 1);
    let url = out.documents[0].url.as_deref().unwrap();
    assert!(url.contains('\u{FFFD}'), "{url}");
}
