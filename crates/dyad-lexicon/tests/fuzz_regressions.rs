//! Inputs found by the fuzz targets (`fuzz/`), kept as named regression cases. Each input is
//! committed under `testdata/fuzz/<target>/` and checked with the invariant its target asserts.

use std::path::{Path, PathBuf};

use dyad_lexicon::verbs::parse_verbs;

fn input(target: &str, name: &str) -> String {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/fuzz")
        .join(target)
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `dict_verbs` invariant: what loads writes back into a dictionary that reads again
/// without error, with the same verbs, patterns and synsets.
fn verbs_round_trip(text: &str) {
    let d = parse_verbs(text).value;
    let written = d.to_petrarch();
    let again = parse_verbs(&written);
    assert!(again.errors.is_empty(), "{:?}\n{written}", again.errors);
    assert_eq!(again.value.pattern_count(), d.pattern_count(), "{written}");
    assert_eq!(again.value.verb_count(), d.verb_count(), "{written}");
    assert_eq!(again.value.synsets.len(), d.synsets.len(), "{written}");
}

#[test]
fn dict_verbs_pattern_with_stray_brackets() {
    verbs_round_trip(&input("dict_verbs", "pattern-with-stray-brackets.txt"));
}
