//! Property tests: the tagger never panics, and every expression it reports slices the input
//! on character boundaries, in order, without overlap, with a sane interval.

use dyad_time::{Anchor, Tagger, Tense};
use jiff::civil::Date;
use proptest::prelude::*;

/// Pieces of temporal text, so that random strings reach deep into the rules.
const PIECES: &[&str] = &[
    "21",
    "July",
    "2006",
    "/",
    "-",
    ".",
    ",",
    "'",
    "on",
    "Tuesday",
    "mid",
    "late",
    "early",
    "the",
    "1990s",
    "'90s",
    "from",
    "to",
    "between",
    "and",
    "two",
    "weeks",
    "ago",
    "after",
    "next",
    "last",
    "week",
    "year",
    "month",
    "quarter",
    "Q2",
    "second",
    "of",
    "every",
    "a",
    "45",
    "year-old",
    "old",
    "mardi",
    "24",
    "mai",
    "de",
    "julio",
    "el",
    "martes",
    "hace",
    "il",
    "y",
    "hier",
    "aujourd",
    "hui",
    "summer",
    "winter",
    "fin",
    "début",
    "mi",
    "más",
    "+",
    "5",
    "G5",
    "COVID-19",
    "2654",
    "99999",
    "0",
    "31",
    "29",
    "02",
    "Feb",
    "Sept.",
    "1er",
    "21st",
    "é",
    "日本",
    "\u{301}",
    "\n",
    " ",
    "  ",
    "yesterday",
    "tomorrow",
    "more",
    "than",
    "decade",
    "aged",
    "in",
    "since",
    "earlier",
    "this",
];

fn pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_owned),
            1 => "\\PC{0,3}",
        ],
        0..40,
    )
    .prop_map(|v| {
        let mut s = String::new();
        for (i, p) in v.iter().enumerate() {
            if i % 3 != 2 {
                s.push(' ');
            }
            s.push_str(p);
        }
        s
    })
}

fn anchor() -> impl Strategy<Value = Anchor> {
    (-9999i16..=9999, 1i8..=12, 1i8..=28, 0u8..4).prop_map(|(y, m, d, t)| {
        let a = Anchor::new(Date::new(y, m, d).unwrap());
        match t {
            0 => a,
            1 => a.with_tense(Tense::Past),
            2 => a.with_tense(Tense::Present),
            _ => a.with_tense(Tense::Future),
        }
    })
}

fn check(text: &str, anchor: Anchor) -> Result<(), TestCaseError> {
    let found = Tagger::new().tag_with(text, anchor);
    let mut last_end = 0;
    for e in &found {
        prop_assert!(
            e.span.start < e.span.end && e.span.end <= text.len(),
            "{:?} in {text:?}",
            e.span
        );
        prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        prop_assert_eq!(&text[e.span.range()], e.text.as_str());
        prop_assert!(
            e.span.start >= last_end,
            "overlapping expressions in {:?}",
            text
        );
        last_end = e.span.end;
        if let Some(iv) = e.interval {
            prop_assert!(iv.first <= iv.last, "{} for {:?}", iv, e.text);
        }
        if let Some(v) = e.value {
            prop_assert!(!v.to_string().is_empty());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_unicode_never_breaks_spans(text in "\\PC{0,200}", anchor in anchor()) {
        check(&text, anchor)?;
    }

    #[test]
    fn temporal_looking_text_never_breaks_spans(text in pieces(), anchor in anchor()) {
        check(&text, anchor)?;
    }
}
