//! Annotates the bundled example articles PASSES times with MODEL (for CPU-time measurements with
//! `/usr/bin/time`, which are steadier than wall-clock timings on a loaded machine).
//!
//! `cargo run --release -p dyad-nlp --example speed -- MODEL PASSES`
use std::path::Path;

use dyad_nlp::{Annotated, Pipeline};
use dyad_text::Segmenter;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let pipeline = Pipeline::load(Path::new(&args[1]))?;
    let passes: usize = args[2].parse()?;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/news");
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "json"));
    paths.sort();
    let segmenter = Segmenter::new();
    let mut sentences: Vec<Vec<String>> = Vec::new();
    for p in paths {
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&p)?)?;
        let text = json["text"].as_str().unwrap_or("");
        let seg = segmenter.segment(text);
        for s in &seg.sentences {
            let words: Vec<String> = s
                .tokens
                .clone()
                .map(|i| seg.tokens.text(i, text).to_string())
                .collect();
            if !words.is_empty() {
                sentences.push(words);
            }
        }
    }
    let mut a = Annotated::default();
    let mut n = 0usize;
    let t = std::time::Instant::now();
    for _ in 0..passes {
        for s in &sentences {
            pipeline.annotate_into(s, &mut a);
            n += a.len();
        }
    }
    println!("{n} words in {:.3}s wall", t.elapsed().as_secs_f64());
    Ok(())
}
