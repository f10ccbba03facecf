//! The whole coding pipeline (segmentation, parse, actors, patterns, events) on the bundled
//! example corpus (`examples/news/*.json`), with and without event dating and placing, to
//! measure what they add. Counts are asserted inside the loop, so a fast wrong answer cannot
//! pass.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dyad_coder::{CodeBuffers, Coder};
use dyad_lexicon::DictDate;
use dyad_text::read::{ReadOptions, read_path};

/// A text to code: its words, language and report date.
type Doc = (String, Option<String>, DictDate);

/// Every example article, at its publication date.
fn corpus() -> Vec<Doc> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/news")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .flat_map(|p| {
            read_path(p, &ReadOptions::default())
                .expect("example")
                .documents
        })
        .map(|d| {
            let date = d.published.unwrap_or(jiff::civil::date(2023, 3, 1));
            (d.text, d.lang, DictDate::from_civil(date))
        })
        .collect()
}

/// (events, events dated from the text, events located).
fn code_all(coder: &Coder, docs: &[Doc], buf: &mut CodeBuffers) -> (usize, usize, usize) {
    let mut counts = (0, 0, 0);
    for (text, lang, date) in docs {
        for e in coder.code_document(text, lang.as_deref(), *date, buf) {
            counts.0 += 1;
            counts.1 += usize::from(e.date.is_some_and(|d| d.source.from_text()));
            counts.2 += usize::from(e.location.is_some());
        }
    }
    counts
}

fn bench_when_where(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let with = Coder::builder().build().expect("coder");
    let without = Coder::builder()
        .dating(false)
        .placing(false)
        .build()
        .expect("coder");
    let mut buf = CodeBuffers::default();
    let full = code_all(&with, &docs, &mut buf);
    let bare = code_all(&without, &docs, &mut buf);
    assert!(
        full.0 > 50 && full.0 == bare.0 && full.1 > 0 && full.2 > 0 && bare.1 == 0 && bare.2 == 0,
        "unexpected counts: with {full:?}, without {bare:?}"
    );
    let mut group = c.benchmark_group("code examples/news");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("with dating and placing", |b| {
        b.iter(|| assert_eq!(code_all(&with, &docs, &mut buf), full))
    });
    group.bench_function("without dating and placing", |b| {
        b.iter(|| assert_eq!(code_all(&without, &docs, &mut buf), bare))
    });
    group.finish();
}

criterion_group!(benches, bench_when_where);
criterion_main!(benches);
