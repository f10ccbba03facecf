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

#[test]
fn dict_verbs_joined_word_with_control_characters() {
    // `- SUGGESTED_+ * DE\x01\x01\x01MAND_&GENINT_CONVENTIONS [111]`: the word's punctuation
    // keys were written back as elements of their own, which do not read. (The file is the
    // fuzzer's input up to its first invalid UTF-8 byte: the text the target was given.)
    let text = input("dict_verbs", "joined-word-with-control-characters.txt");
    verbs_round_trip(&text);
    let loaded = parse_verbs(&text);
    assert!(
        loaded.errors.iter().any(|e| e
            .to_string()
            .contains("punctuation inside a word joined with '_'")),
        "{:?}",
        loaded.errors
    );
}

#[test]
fn dict_verbs_joined_word_with_a_comma() {
    // The same with ordinary punctuation, in a small dictionary.
    let text = "&GENINT\n+INTERVENTION\n\n--- ACT [100] ---\nACT\n- SUGGESTED_+ * DE,MAND_&GENINT  [111]\n- * RESOLUTION  [102]\n";
    verbs_round_trip(text);
    let loaded = parse_verbs(text);
    assert_eq!(loaded.errors.len(), 1, "{:?}", loaded.errors);
    assert_eq!(loaded.value.pattern_count(), 1);
}

#[test]
fn dict_verbs_verb_count_changes_on_write_back() {
    // Minimised: `+&CURRENCY` in a verb block loaded as a verb of the keys `&` and `currency`,
    // written back as `&_CURRENCY {…}`, which reads as a synset: 74 verbs came back as 72.
    verbs_round_trip(&input("dict_verbs", "verb-count-changes-on-write-back.txt"));
    let loaded = parse_verbs("---  YIELD   [080]  ---\n+&CURRENCY\n");
    assert_eq!(loaded.value.verb_count(), 0);
    assert_eq!(loaded.errors.len(), 1, "{:?}", loaded.errors);
    assert!(
        loaded.errors[0].to_string().contains("line 2"),
        "{}",
        loaded.errors[0]
    );
}
