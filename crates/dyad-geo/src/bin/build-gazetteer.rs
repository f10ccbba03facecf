//! Compiles dyad's gazetteer from the GeoNames extract and the reviewed overlay.
//!
//! ```text
//! cargo run --release -p dyad-geo --bin build-gazetteer -- \
//!     --geo ../shared/data/geo --out crates/dyad-geo/data/gazetteer.bin
//! ```
//!
//! `--overlay` defaults to `crates/dyad-geo/data/overlay.toml`. The output is deterministic:
//! running it twice gives the same bytes.

use std::path::PathBuf;
use std::process::ExitCode;

use dyad_geo::generate::{Sources, build};

fn usage() -> ExitCode {
    eprintln!("usage: build-gazetteer --geo DIR --out FILE [--overlay FILE]");
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let mut geo = None;
    let mut out = None;
    let mut overlay = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/overlay.toml");
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        match a.to_str() {
            Some("--geo") => geo = args.next().map(PathBuf::from),
            Some("--out") => out = args.next().map(PathBuf::from),
            Some("--overlay") => match args.next() {
                Some(p) => overlay = PathBuf::from(p),
                None => return usage(),
            },
            _ => return usage(),
        }
    }
    let (Some(geo), Some(out)) = (geo, out) else {
        return usage();
    };
    let started = std::time::Instant::now();
    let gaz = match build(&Sources { geo, overlay }) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let bytes = gaz.to_bytes();
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("error: {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    let mut kinds = std::collections::BTreeMap::new();
    for p in gaz.places() {
        *kinds.entry(gaz.kind(p).name()).or_insert(0usize) += 1;
    }
    let s = gaz.stats();
    eprintln!(
        "{}: {} bytes, {} countries, {} places, {} names, {} postings, {} demonyms ({:.1} s)",
        out.display(),
        bytes.len(),
        s.countries,
        s.places,
        s.names,
        s.postings,
        s.demonyms,
        started.elapsed().as_secs_f64()
    );
    eprintln!("by kind: {kinds:?}");
    ExitCode::SUCCESS
}
