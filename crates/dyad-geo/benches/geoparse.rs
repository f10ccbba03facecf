//! Geoparsing throughput on the bundled example corpus (`examples/news/*.json`), and the time
//! to load the embedded gazetteer. Counts are asserted inside the loop, so a fast wrong answer
//! cannot pass.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dyad_geo::{Gazetteer, Geoparser};
use dyad_text::read::{ReadOptions, read_path};
use dyad_text::{Segmented, Segmenter};

fn corpus() -> Vec<(String, Segmented)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/news")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let segmenter = Segmenter::new();
    paths
        .iter()
        .flat_map(|p| {
            read_path(p, &ReadOptions::default())
                .expect("example")
                .documents
        })
        .map(|d| {
            let seg = segmenter.segment(&d.text);
            (d.text, seg)
        })
        .collect()
}

fn bench_geoparse(c: &mut Criterion) {
    let docs = corpus();
    let geo = Geoparser::embedded().expect("embedded gazetteer");
    let sentences: usize = docs.iter().map(|(_, s)| s.sentences.len()).sum();
    let count = |geo: &Geoparser| -> (usize, usize) {
        docs.iter().fold((0, 0), |(m, r), (text, seg)| {
            let found = geo.find_all(text, seg, &[]);
            let resolved = found.iter().filter(|p| p.resolution.is_some()).count();
            (m + found.len(), r + resolved)
        })
    };
    let expected = count(&geo);
    assert!(
        sentences > 300 && expected.0 > 300 && expected.0 == expected.1,
        "corpus too small or unresolved mentions: {sentences} sentences, {expected:?}"
    );
    let mut group = c.benchmark_group("geoparse");
    group.throughput(Throughput::Elements(sentences as u64));
    group.bench_function("find_all examples/news (sentences)", |b| {
        b.iter(|| assert_eq!(count(&geo), expected))
    });
    group.throughput(Throughput::Elements(expected.0 as u64));
    group.bench_function("find_all examples/news (places)", |b| {
        b.iter(|| assert_eq!(count(&geo), expected))
    });
    group.finish();

    let places = geo.gazetteer().stats().places;
    let mut load = c.benchmark_group("gazetteer");
    load.sample_size(10);
    load.bench_function("load embedded", |b| {
        b.iter(|| {
            let g = Gazetteer::embedded().expect("embedded gazetteer");
            assert_eq!(g.stats().places, places);
        })
    });
    load.finish();
}

criterion_group!(benches, bench_geoparse);
criterion_main!(benches);
