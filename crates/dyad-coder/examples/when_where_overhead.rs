//! What event dating and placing add to the whole coding pipeline on `examples/news`, in
//! on-CPU time of this thread (Linux `/proc/thread-self/schedstat`), so that other processes
//! on a busy machine do not blur the comparison as they blur wall-clock benchmarks. The three
//! coders (full, without dating and placing, dating only) run interleaved, twelve rounds; the
//! minimum of each is kept.
//!
//! ```text
//! cargo run --release -p dyad-coder --example when_where_overhead
//! ```

use std::path::Path;

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

fn main() {
    let docs = corpus();
    let with = Coder::builder().build().expect("coder");
    let without = Coder::builder()
        .dating(false)
        .placing(false)
        .build()
        .expect("coder");
    let dating_only = Coder::builder().placing(false).build().expect("coder");
    let mut buf = CodeBuffers::default();
    let (full, bare) = (
        code_all(&with, &docs, &mut buf),
        code_all(&without, &docs, &mut buf),
    );
    assert!(full.0 > 50 && full.0 == bare.0 && full.1 > 0 && full.2 > 0);
    let mut best = [f64::MAX; 3];
    for _ in 0..12 {
        for (i, c) in [&with, &without, &dating_only].iter().enumerate() {
            let t = oncpu();
            std::hint::black_box(code_all(c, &docs, &mut buf));
            best[i] = best[i].min(oncpu() - t);
        }
    }
    println!(
        "CPU time, min of 12: with {:.1} ms, without {:.1} ms, dating only {:.1} ms; overhead {:.1} % (dating {:.1} %)",
        best[0] * 1e3,
        best[1] * 1e3,
        best[2] * 1e3,
        (best[0] / best[1] - 1.0) * 100.0,
        (best[2] / best[1] - 1.0) * 100.0
    );
}

/// Seconds this thread has run on a CPU (/proc/thread-self/schedstat).
fn oncpu() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap();
    s.split_whitespace().next().unwrap().parse::<f64>().unwrap() / 1e9
}
