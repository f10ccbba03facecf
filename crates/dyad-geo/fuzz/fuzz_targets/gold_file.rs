//! Any text given as a gold file gives a report or a typed error, never a panic.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

static GEO: OnceLock<dyad_geo::Geoparser> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let geo = GEO.get_or_init(|| dyad_geo::Geoparser::embedded().expect("embedded gazetteer"));
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = dyad_geo::eval::evaluate_gold_str(Path::new("fuzz.toml"), text, geo);
    }
});
