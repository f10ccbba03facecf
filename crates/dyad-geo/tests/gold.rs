//! The gold toponyms (`testdata/places.toml`): every case named, each failure printed with
//! what was expected, what came out and a hint.

use std::path::Path;

use dyad_geo::Geoparser;
use dyad_geo::eval::evaluate_gold;

#[test]
fn gold_places() {
    let geo = Geoparser::embedded().expect("embedded gazetteer");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/places.toml");
    let report = evaluate_gold(&path, &geo).expect("gold file");
    println!("{report}");
    let total = report.dev.toponyms + report.heldout.toponyms;
    assert!(
        total >= 80,
        "the gold file needs at least 80 toponyms, has {total}"
    );
    // Thresholds just under the figures measured when the gold file was last updated, so
    // that any regression fails: dev is tuned on, held-out is not.
    assert!(
        report.dev.accuracy() >= DEV_MIN,
        "dev accuracy fell:\n{report}"
    );
    assert!(
        report.heldout.accuracy() >= HELDOUT_MIN,
        "held-out accuracy fell:\n{report}"
    );
    assert!(
        report.dev.precision() >= DEV_MIN,
        "dev precision fell:\n{report}"
    );
}

const DEV_MIN: f64 = 97.0;
const HELDOUT_MIN: f64 = 95.0;
