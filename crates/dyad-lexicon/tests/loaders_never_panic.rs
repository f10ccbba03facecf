//! Property tests: every loader reads arbitrary text without panicking, and every soft error
//! names a line of the input.

use dyad_lexicon::{actors, agents, discards, issues, verbs};
use proptest::prelude::*;

/// Text made of the characters the dictionary formats give meaning to.
fn dictionary_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\n".to_string()),
            Just("\t".to_string()),
            Just(" ".to_string()),
            "[A-Z_]{1,8}",
            Just("[".to_string()),
            Just("]".to_string()),
            Just("{".to_string()),
            Just("}".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just("+".to_string()),
            Just("-".to_string()),
            Just("---".to_string()),
            Just("~".to_string()),
            Just("&".to_string()),
            Just("!".to_string()),
            Just("=".to_string()),
            Just("*".to_string()),
            Just("$".to_string()),
            Just("%".to_string()),
            Just("^".to_string()),
            Just(":".to_string()),
            Just("#".to_string()),
            Just(";".to_string()),
            Just("<!--".to_string()),
            Just("-->".to_string()),
            Just("<ISSUE CATEGORY=\"X\">".to_string()),
            Just("</ISSUE>".to_string()),
            "[<>]?[0-9]{6,8}",
            "[0-9]{2,4}",
            Just("é’".to_string()),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn loaders_never_panic_and_errors_have_lines(text in dictionary_text()) {
        let lines = text.lines().count() as u64 + 1;
        let mut errors = Vec::new();
        errors.extend(actors::parse_actors(&text).errors);
        errors.extend(agents::parse_agents(&text).errors);
        errors.extend(verbs::parse_verbs(&text).errors);
        errors.extend(discards::parse_discards(&text).errors);
        errors.extend(issues::parse_issues(&text).errors);
        for e in &errors {
            let line = e.line();
            prop_assert!(line.is_some_and(|l| l >= 1 && l <= lines), "{e} (input has {lines} lines)");
        }
    }

    #[test]
    fn verb_dictionaries_read_back_the_same(text in dictionary_text()) {
        let d = verbs::parse_verbs(&text).value;
        let again = verbs::parse_verbs(&d.to_petrarch());
        prop_assert!(again.errors.is_empty(), "{:?}", again.errors);
        prop_assert_eq!(again.value.pattern_count(), d.pattern_count());
        prop_assert_eq!(again.value.verb_count(), d.verb_count());
    }
}
