//! Split + tokenise throughput on the bundled example corpus (one core).

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dyad_text::read::{ReadOptions, read_path};
use dyad_text::{Segmented, Segmenter};

fn corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/news")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .flat_map(|p| read_path(p, &ReadOptions::default()).unwrap().documents)
        .map(|d| d.text)
        .collect()
}

fn bench_segment(c: &mut Criterion) {
    let texts = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    let segmenter = Segmenter::new();
    let mut seg = Segmented::default();
    let expected: (usize, usize) = texts.iter().fold((0, 0), |(s, t), text| {
        segmenter.segment_into(text, None, &mut seg);
        (s + seg.sentences.len(), t + seg.tokens.len())
    });
    assert!(
        expected.0 > 300 && expected.1 > 8000,
        "corpus too small: {expected:?}"
    );
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("split+tokenise examples/news", |b| {
        b.iter(|| {
            let mut sentences = 0;
            let mut tokens = 0;
            for text in &texts {
                segmenter.segment_into(text, None, &mut seg);
                sentences += seg.sentences.len();
                tokens += seg.tokens.len();
            }
            assert_eq!((sentences, tokens), expected);
        })
    });
    group.finish();
}

criterion_group!(benches, bench_segment);
criterion_main!(benches);
