//! Tag + lemmatise + parse + NER throughput on the bundled example articles (`examples/news`),
//! tokenised once with dyad-text outside the measured loop. The loop asserts its word count and
//! that every sentence gets exactly one root, so a fast wrong answer cannot pass.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dyad_nlp::{Annotated, Pipeline};
use dyad_text::Segmenter;

fn sentences() -> Vec<Vec<String>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/news");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("examples/news")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let segmenter = Segmenter::new();
    let mut out = Vec::new();
    for p in paths {
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&p).expect("read")).expect("json");
        let text = json["text"].as_str().expect("text field");
        let seg = segmenter.segment(text);
        for s in &seg.sentences {
            let words: Vec<String> = s
                .tokens
                .clone()
                .map(|i| seg.tokens.text(i, text).to_string())
                .collect();
            if !words.is_empty() {
                out.push(words);
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let pipeline = Pipeline::load_default().expect("model");
    let sentences = sentences();
    let words: usize = sentences.iter().map(Vec::len).sum();
    assert!(words > 8_000, "{words} words");
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Elements(words as u64));
    group.sample_size(10);
    let mut a = Annotated::default();
    group.bench_function("tag_parse_ner_examples", |b| {
        b.iter(|| {
            let (mut n, mut roots) = (0usize, 0usize);
            for s in &sentences {
                pipeline.annotate_into(black_box(s), &mut a);
                n += a.len();
                roots += a.head.iter().filter(|&&h| h == 0).count();
            }
            assert_eq!(n, words);
            assert_eq!(roots, sentences.len());
            n
        })
    });
    group.finish();
    let mut group = c.benchmark_group("model");
    group.sample_size(10);
    group.bench_function("load_default", |b| {
        b.iter(|| {
            let p = Pipeline::load_default().expect("model");
            assert!(p.sizes()[1] > 100_000);
            p
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
