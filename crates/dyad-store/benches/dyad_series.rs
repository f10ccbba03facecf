//! `Store::dyad_series` on a generated store of 1,000,000 events spread Zipf-wise over 400
//! actor codes (50 countries × 8 sectors) and ten years. The store is generated once through
//! the event writer (rows, rollups, actors) and kept in the temporary directory.
//!
//! `cargo bench -p dyad-store --bench dyad_series` (DYAD_BENCH_EVENTS overrides the size).

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use dyad_store::query::{Count, DyadQuery, Period};
use dyad_store::{Store, generate::generate_store};

fn store() -> Store {
    let n: usize = std::env::var("DYAD_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let path = std::env::temp_dir().join(format!(
        "dyad-bench-series-{n}-v{}.db",
        dyad_store::schema::SCHEMA_VERSION
    ));
    if let Ok(s) = Store::open_read_only(&path)
        && s.stats().is_ok_and(|st| st.events as usize == n)
    {
        return s;
    }
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    let t = Instant::now();
    drop(generate_store(&path, n, 42).expect("generating the store"));
    eprintln!("generated {n} events in {:.1} s", t.elapsed().as_secs_f64());
    Store::open_read_only(&path).expect("opening the generated store")
}

fn bench(c: &mut Criterion) {
    let store = store();
    let cases: Vec<(&str, DyadQuery)> = vec![
        (
            "USA-CHN by month, all time, extensions",
            DyadQuery::new("USA", "CHN"),
        ),
        ("USA-RUS by day, one year, extensions", {
            let mut q = DyadQuery::new("USA", "RUS");
            q.period = Period::Day;
            q.from = Some("2020-01-01".into());
            q.to = Some("2020-12-31".into());
            q
        }),
        ("USAGOV-CHNGOV by week, exact, historical", {
            let mut q = DyadQuery::new("USAGOV", "CHNGOV");
            q.period = Period::Week;
            q.exact = true;
            q.include_historical = true;
            q
        }),
        ("MAR-DZA by month, clusters", {
            let mut q = DyadQuery::new("MAR", "DZA");
            q.count = Count::Clusters;
            q
        }),
    ];
    for (name, q) in &cases {
        // One cold-ish timing, printed, then criterion's measurements.
        let t = Instant::now();
        let s = store.dyad_series(q).unwrap();
        eprintln!(
            "{name}: {} periods, {} + {} counted, first call {:.2} ms",
            s.periods.len(),
            s.periods.iter().map(|p| p.a_to_b.count).sum::<u64>(),
            s.periods.iter().map(|p| p.b_to_a.count).sum::<u64>(),
            t.elapsed().as_secs_f64() * 1e3
        );
        c.bench_function(name, |b| {
            b.iter(|| {
                let s = store.dyad_series(black_box(q)).unwrap();
                assert!(
                    s.periods
                        .iter()
                        .any(|p| p.a_to_b.count + p.b_to_a.count > 0)
                );
                s
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
