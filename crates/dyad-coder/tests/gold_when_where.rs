//! Runs the gold dates and places in `testdata/events_when_where.toml`: each named case codes
//! its sentence at its publication date, picks one event and compares the `dyad code` record's
//! `date`, `date_precision`, `date_text`, `temporal_status` and `location` with the expected
//! ones, printing what was expected, what came out and a hint when it fails.

use dyad_coder::{Coder, Event, EventRecord};
use dyad_lexicon::DictDate;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Gold {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    published: jiff::civil::Date,
    text: String,
    event: String,
    date: Option<String>,
    date_precision: Option<String>,
    date_text: Option<String>,
    temporal_status: Option<String>,
    location: Option<String>,
    location_precision: Option<String>,
    hint: Option<String>,
}

fn describe(e: &Event) -> String {
    format!(
        "{} {} {} {}",
        e.source.code,
        e.target.as_ref().map_or("-", |t| t.code.as_str()),
        e.cameo,
        e.modality
    )
}

/// Whether an event matches "SRC TGT CODE [MODALITY]" (`*` matches anything).
fn matches(expect: &str, e: &Event) -> bool {
    let got = describe(e);
    let got: Vec<&str> = got.split(' ').collect();
    expect
        .split_whitespace()
        .enumerate()
        .all(|(i, w)| w == "*" || got.get(i) == Some(&w))
}

/// The problems of one case, empty when it passes.
fn check(coder: &Coder, case: &Case) -> Vec<String> {
    let events = coder.code_text(&case.text, DictDate::from_civil(case.published));
    let Some(event) = events.iter().find(|e| matches(&case.event, e)) else {
        let got: Vec<String> = events.iter().map(describe).collect();
        return vec![format!("no event {:?}; got {got:?}", case.event)];
    };
    let r = EventRecord::new("gold", &case.text, Some(case.published), event);
    let location = r.location.as_ref().map_or("none".to_string(), |l| {
        l.geonameid
            .map_or_else(|| l.name.clone(), |id| id.to_string())
    });
    let fields = [
        ("date", &case.date, r.date.clone()),
        (
            "date_precision",
            &case.date_precision,
            r.date_precision.clone(),
        ),
        ("date_text", &case.date_text, r.date_text.clone()),
        (
            "temporal_status",
            &case.temporal_status,
            Some(r.temporal_status.clone()),
        ),
        ("location", &case.location, Some(location)),
        (
            "location_precision",
            &case.location_precision,
            r.location.as_ref().map(|l| l.precision.clone()),
        ),
    ];
    let mut problems = Vec::new();
    for (field, expected, got) in fields {
        if let Some(x) = expected
            && got.as_deref() != Some(x.as_str())
        {
            problems.push(format!("{field}: expected {x:?}, got {got:?}"));
        }
    }
    problems
}

#[test]
fn gold_dates_and_places() {
    let gold: Gold = toml::from_str(include_str!("../testdata/events_when_where.toml"))
        .expect("events_when_where.toml");
    assert!(gold.case.len() >= 25, "at least 25 gold cases");
    let coder = Coder::builder().build().expect("coder");
    let mut failures = Vec::new();
    for case in &gold.case {
        let problems = check(&coder, case);
        if !problems.is_empty() {
            failures.push(format!(
                "case {}: {:?}\n  {}\n  hint: {}",
                case.name,
                case.text,
                problems.join("\n  "),
                case.hint.as_deref().unwrap_or(
                    "see the parse with `dyad parse` and the expressions with `dyad when`"
                )
            ));
        }
    }
    println!("{} gold cases, {} failed", gold.case.len(), failures.len());
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn switched_off_dating_and_placing_leave_the_report_date_and_no_place() {
    let coder = Coder::builder()
        .dating(false)
        .placing(false)
        .build()
        .expect("coder");
    let published = jiff::civil::date(2022, 5, 26);
    let text = "Morocco and Mauritania signed a memorandum in Rabat on 21 July 2006.";
    let events = coder.code_text(text, DictDate::from_civil(published));
    let e = events.first().expect("an event");
    assert!(e.date.is_none() && e.location.is_none());
    let r = EventRecord::new("d", text, Some(published), e);
    assert_eq!(r.date.as_deref(), Some("2022-05-26"));
    assert_eq!(r.date_precision.as_deref(), Some("report"));
    assert_eq!(r.temporal_status, "current");
}
