//! The toponym gold-file reader (`dyad eval where`, TOML) on arbitrary text: a report or a typed
//! error, never a panic.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

static GEO: OnceLock<dyad_geo::Geoparser> = OnceLock::new();

fuzz_target!(|text: &str| {
    let geo = GEO.get_or_init(|| dyad_geo::Geoparser::embedded().expect("embedded gazetteer"));
    let _ = dyad_geo::eval::evaluate_gold_str(Path::new("fuzz.toml"), text, geo);
});
