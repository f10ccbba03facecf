//! Tagging speed on committed text: every sentence of the two gold files, each with its own
//! publication date. The count of expressions found is asserted inside the loop, so a fast
//! wrong answer cannot pass.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dyad_time::eval::load_gold;
use dyad_time::{Anchor, TagBuffer, Tagger};

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut cases = load_gold(&dir.join("temporal.toml")).expect("development gold");
    cases.extend(load_gold(&dir.join("temporal_heldout.toml")).expect("held-out gold"));
    let bytes: usize = cases.iter().map(|c| c.text.len()).sum();
    let tagger = Tagger::new();
    let mut buffer = TagBuffer::default();
    let mut out = Vec::new();
    let mut count = || {
        out.clear();
        for case in &cases {
            tagger.tag_into(
                black_box(&case.text),
                Anchor::new(case.date),
                &mut buffer,
                &mut out,
            );
        }
        out.len()
    };
    let expected = count();
    assert!(
        expected >= 200,
        "only {expected} expressions in the gold sentences"
    );
    let mut group = c.benchmark_group("tag");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(
        format!("gold sentences ({} sentences, {bytes} bytes)", cases.len()),
        |b| b.iter(|| assert_eq!(count(), expected)),
    );

    // The bundled example corpus: 36 whole articles, each with its publication date.
    let news = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let mut articles = Vec::new();
    for entry in std::fs::read_dir(&news).expect("examples/news") {
        let path = entry.expect("examples/news entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let json: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&path).expect("article"))
                    .expect("article JSON");
            let text = json["text"].as_str().expect("text").to_owned();
            let date: jiff::civil::Date = json["date"]
                .as_str()
                .expect("date")
                .parse()
                .expect("ISO date");
            articles.push((text, date));
        }
    }
    articles.sort();
    let bytes: usize = articles.iter().map(|a| a.0.len()).sum();
    let mut count = || {
        out.clear();
        for (text, date) in &articles {
            tagger.tag_into(black_box(text), Anchor::new(*date), &mut buffer, &mut out);
        }
        out.len()
    };
    let expected = count();
    assert!(
        expected >= 100,
        "only {expected} expressions in the example articles"
    );
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(
        format!(
            "example articles ({} articles, {bytes} bytes)",
            articles.len()
        ),
        |b| b.iter(|| assert_eq!(count(), expected)),
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
