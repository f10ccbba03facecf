//! Event dating: which temporal expression dates an event, and whether the event is current,
//! historical (background) or future.
//!
//! For each event the temporal expressions of its sentence ([`dyad_time::Tagger`], run once per
//! sentence that yields events) are examined in this order:
//!
//! 1. **Governed by the predicate**: an expression whose head hangs from the predicate within
//!    three steps of the dependency parse (`obl:tmod`, `obl`, `nmod`, `advmod`, …), never
//!    through a subject or object, a relative or participial clause (`acl`) or another clause
//!    (`ccomp`, `advcl`, `conj`, `parataxis`, …), and never an attribute of a noun (`the
//!    August 18 mutiny`, `last week's attacks`, `the election of June 22, 2019`: the date of
//!    the thing, not of the event). The shallowest wins, then the nearest.
//! 2. **The nearest compatible one in the sentence**: a date or range not governed by another
//!    event's predicate, not an attribute of a noun, not inside a participial or relative
//!    clause (`the memorandum signed in 2006`), and not after publication unless the event is
//!    future (nor before publication when the event is future); for a past event with only an
//!    incompatible (later) one, that one, clamped as below.
//! 3. **The document's reference time** (publication date, or the date given to the coder),
//!    with precision [`DatePrecision::Report`].
//!
//! Only dates and ranges ([`Kind::Date`], [`Kind::Range`]) date events. A year naming a thing
//! ([`Kind::Reference`], `the 1991 ceasefire`) dates nothing, except after `since`, where it
//! marks the event as background (`has observed the truce since the 1991 ceasefire`).
//! Durations, ages, recurrences and offsets from other events date nothing.
//!
//! A non-future event whose chosen expression lies wholly after publication is clamped: its
//! date becomes the reference date ([`DateSource::Clamped`], precision `report`) and
//! [`EventDate::text`] keeps the expression, so the clamp is visible.
//!
//! [`TemporalStatus`]: `future` for the future modality and intent codes (`03x`) not dated
//! in the past; `historical` for an event whose date ends more than
//! [`HISTORICAL_AFTER_DAYS`] days before publication, or marked as background — perfect tense
//! with `since` (`has controlled the area since 1975`, unless the `since` point is within
//! [`RECENT_SINCE_DAYS`] days of publication), or a participle modifying a noun with a past
//! date (`the memorandum signed on 21 July 2006`); `current` otherwise.

use std::fmt;

use dyad_text::Span;
use dyad_time::{Interval, Kind, Point, TimeExpr, TimeValue};
use jiff::ToSpan;
use jiff::civil::Date;

use crate::coder::{Event, Modality, View};

/// An event dated this many days or more before publication is historical.
pub const HISTORICAL_AFTER_DAYS: i64 = 7;

/// How fine an event's date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DatePrecision {
    /// One day.
    Day,
    /// An ISO week or weekend.
    Week,
    /// A calendar month.
    Month,
    /// A quarter.
    Quarter,
    /// A season.
    Season,
    /// Half a year.
    Half,
    /// A calendar year.
    Year,
    /// A decade.
    Decade,
    /// The text gives no usable date: the date is the document's reference time.
    Report,
}

impl DatePrecision {
    /// The name written in output (`day`, `month`, `report`, …).
    pub fn name(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Week => "week",
            DatePrecision::Month => "month",
            DatePrecision::Quarter => "quarter",
            DatePrecision::Season => "season",
            DatePrecision::Half => "half",
            DatePrecision::Year => "year",
            DatePrecision::Decade => "decade",
            DatePrecision::Report => "report",
        }
    }

    fn of(p: dyad_time::Precision) -> DatePrecision {
        match p {
            dyad_time::Precision::Day => DatePrecision::Day,
            dyad_time::Precision::Week => DatePrecision::Week,
            dyad_time::Precision::Month => DatePrecision::Month,
            dyad_time::Precision::Quarter => DatePrecision::Quarter,
            dyad_time::Precision::Season => DatePrecision::Season,
            dyad_time::Precision::Half => DatePrecision::Half,
            dyad_time::Precision::Year => DatePrecision::Year,
            _ => DatePrecision::Decade,
        }
    }
}

impl fmt::Display for DatePrecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where an event's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateSource {
    /// A temporal expression governed by the predicate in the parse.
    Predicate,
    /// The nearest compatible temporal expression of the sentence.
    Sentence,
    /// No expression: the document's reference time.
    Report,
    /// The expression lay after publication for an event that is not future: the reference
    /// time is used instead, and the expression is kept in [`EventDate::text`].
    Clamped,
}

impl DateSource {
    /// True when the text dated the event (governed or nearest expression).
    pub fn from_text(self) -> bool {
        matches!(self, DateSource::Predicate | DateSource::Sentence)
    }
}

/// When an event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventDate {
    /// The value at its precision: a calendar point or a range (the report date as a day for
    /// [`DatePrecision::Report`]).
    pub value: TimeValue,
    /// The first and last day it covers (narrowed by `early`/`mid`/`late`).
    pub interval: Interval,
    /// How fine it is.
    pub precision: DatePrecision,
    /// The temporal expression that dated (or, when clamped, failed to date) the event.
    pub text: Option<Span>,
    /// Where the date came from.
    pub source: DateSource,
}

impl EventDate {
    /// The document's reference time as an event date.
    pub fn report(date: Date) -> EventDate {
        EventDate {
            value: TimeValue::Point(Point::Day(date)),
            interval: Interval {
                first: date,
                last: date,
            },
            precision: DatePrecision::Report,
            text: None,
            source: DateSource::Report,
        }
    }

    /// The ISO form at its precision (`2022-05-24`, `2021-12`, `2006`, `2021-Q2`,
    /// `2010/2015`).
    pub fn iso(&self) -> String {
        self.value.to_string()
    }
}

/// Whether an event is news, background or announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TemporalStatus {
    /// Happening now (within a week of publication).
    #[default]
    Current,
    /// Background: dated more than a week before publication, or marked as background by
    /// tense or reference. Left out of default counts, series, clusters and exports.
    Historical,
    /// Announced or intended.
    Future,
}

impl TemporalStatus {
    /// The name written in output.
    pub fn name(self) -> &'static str {
        match self {
            TemporalStatus::Current => "current",
            TemporalStatus::Historical => "historical",
            TemporalStatus::Future => "future",
        }
    }
}

impl fmt::Display for TemporalStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Relations that lead out of a predicate's own clause (or into its subject) for dating.
fn leaves_clause(rel: &str) -> bool {
    matches!(
        rel,
        "conj"
            | "parataxis"
            | "ccomp"
            | "xcomp"
            | "advcl"
            | "csubj"
            | "acl"
            | "acl:relcl"
            | "nsubj"
            | "nsubj:pass"
            | "punct"
            | "root"
    )
}

/// The expression's head: the first of its tokens whose head lies outside it.
fn expr_head(v: &View<'_>, span: Span) -> Option<usize> {
    let inside = |j: usize| v.spans[j].start < span.end && span.start < v.spans[j].end;
    (0..v.spans.len())
        .filter(|&j| inside(j))
        .find(|&j| v.head(j).is_none_or(|h| !inside(h)))
}

/// True when the expression headed by `h` is part of a thing's name or description, not a
/// time adjunct: "the **August 18** mutiny", "**last week's** attacks", "the election **of
/// June 22, 2019**".
fn attributive(v: &View<'_>, h: usize) -> bool {
    match v.ann.deprel[h] {
        "compound" | "amod" | "nummod" | "nmod:poss" => true,
        "nmod" => v
            .kids(h)
            .any(|c| v.ann.deprel[c] == "case" && v.folded[c] == "of"),
        _ => false,
    }
}

/// The depth (1–3) at which `h` hangs from predicate `k` inside its clause, if it does: not
/// through a subject or object (a date inside an argument describes the argument), and not
/// as an attribute of a noun.
fn governed_depth(v: &View<'_>, h: usize, k: usize) -> Option<usize> {
    if attributive(v, h) {
        return None;
    }
    let mut at = h;
    for depth in 1..=3 {
        if leaves_clause(v.ann.deprel[at]) || matches!(v.ann.deprel[at], "obj" | "iobj") {
            return None;
        }
        let p = v.head(at)?;
        if p == k {
            return Some(depth);
        }
        at = p;
    }
    None
}

/// True when `h` is in a `since` clause of a verb other than `k` ("has spoken with him
/// several times since he was detained on July 26"): that date is where the span begins, not
/// when `k` happened.
fn in_since_clause(v: &View<'_>, h: usize, k: usize) -> bool {
    let mut at = h;
    for _ in 0..v.spans.len() {
        if at == k {
            return false;
        }
        if v.ann.deprel[at] == "advcl"
            && v.kids(at)
                .any(|m| v.folded[m] == "since" && v.ann.deprel[m] == "mark")
        {
            return true;
        }
        match v.head(at) {
            Some(p) => at = p,
            None => return false,
        }
    }
    false
}

/// True when the path from `h` to the root passes through a participial or relative clause.
fn in_modifier_clause(v: &View<'_>, h: usize) -> bool {
    let mut at = h;
    for _ in 0..v.spans.len() {
        if matches!(v.ann.deprel[at], "acl" | "acl:relcl") {
            return true;
        }
        match v.head(at) {
            Some(p) => at = p,
            None => return false,
        }
    }
    false
}

/// True when the expression is introduced by `since`: its first word, the word before it
/// (past a determiner: `since the 1991 ceasefire`), or a `case` word of its phrase.
fn after_since(v: &View<'_>, e: &TimeExpr, h: usize) -> bool {
    if e.text.len() >= 5 && e.text[..5].eq_ignore_ascii_case("since") {
        return true;
    }
    let first = (0..v.spans.len()).find(|&j| v.spans[j].end > e.span.start);
    let before = first.and_then(|f| {
        (0..f)
            .rev()
            .find(|&j| !matches!(v.folded[j].as_str(), "the" | "a" | "an"))
    });
    let since_kid = |t: usize| v.kids(t).any(|c| v.folded[c] == "since");
    before.is_some_and(|b| v.folded[b] == "since")
        || since_kid(h)
        || (matches!(v.ann.deprel[h], "nummod" | "amod" | "compound")
            && v.head(h).is_some_and(since_kid))
}

/// For a predicate in the perfect (`has controlled`) with a `since` phrase in its clause
/// (non-finite complements included: `has accused Algeria of arming … since 1991`), the
/// `since` token.
fn perfect_since(v: &View<'_>, k: usize) -> Option<usize> {
    let perfect = v
        .kids(k)
        .any(|c| v.ann.deprel[c] == "aux" && matches!(v.folded[c].as_str(), "has" | "have"));
    if !perfect {
        return None;
    }
    let mut tree = Vec::new();
    v.subtree(
        k,
        &|r| {
            matches!(
                r,
                "nsubj" | "nsubj:pass" | "csubj" | "ccomp" | "parataxis" | "conj" | "acl:relcl"
            )
        },
        &mut tree,
    );
    tree.into_iter()
        .find(|&t| v.folded[t] == "since" && matches!(v.ann.deprel[t], "case" | "mark"))
}

/// How recent a `since` point must be for a perfect to report current acts: "has spoken with
/// President Bazoum several times since he was detained on July 26" (twelve days before the
/// report) is news of the last days, "has controlled … since 1991" background.
const RECENT_SINCE_DAYS: i64 = 31;

/// True when `h` is in the subtree of `k`.
fn descends_from(v: &View<'_>, h: usize, k: usize) -> bool {
    let mut at = h;
    for _ in 0..v.spans.len() {
        if at == k {
            return true;
        }
        match v.head(at) {
            Some(p) => at = p,
            None => return false,
        }
    }
    false
}

/// Dates the events of one sentence. `preds[i]` is the predicate token of `events[i]`;
/// `exprs` are the sentence's temporal expressions; `report` is the reference date.
pub(crate) fn date_events(
    v: &View<'_>,
    exprs: &[TimeExpr],
    report: Date,
    events: &mut [Event],
    preds: &[usize],
) {
    // A year naming a thing after `since` stands for its phrase: `since the 1991 ceasefire`.
    let heads: Vec<Option<usize>> = exprs
        .iter()
        .map(|e| {
            let h = expr_head(v, e.span)?;
            let lift = e.kind == Kind::Reference && attributive(v, h) && after_since(v, e, h);
            Some(if lift { v.head(h).unwrap_or(h) } else { h })
        })
        .collect();
    let datable = |e: &TimeExpr| {
        matches!(e.kind, Kind::Date | Kind::Range) && e.value.is_some() && e.interval.is_some()
    };
    // A `since` point this recent makes a perfect news, not background.
    let since_month = report
        .checked_sub(RECENT_SINCE_DAYS.days())
        .unwrap_or(report);
    for (i, event) in events.iter_mut().enumerate() {
        let k = preds[i];
        let future = event.modality == Modality::Future;
        let dist = |h: usize| h.abs_diff(k);
        // 1. Governed by the predicate.
        let mut best: Option<(usize, usize, usize)> = None;
        let mut since_reference = false;
        for (x, e) in exprs.iter().enumerate() {
            let Some(h) = heads[x] else { continue };
            let Some(depth) = governed_depth(v, h, k) else {
                continue;
            };
            let since = after_since(v, e, h);
            let usable = datable(e) || (e.kind == Kind::Reference && since && e.value.is_some());
            if !usable {
                continue;
            }
            since_reference |= since && e.interval.is_none_or(|iv| iv.first < since_month);
            if best.as_ref().is_none_or(|b| (depth, dist(h)) < (b.0, b.1)) {
                best = Some((depth, dist(h), x));
            }
        }
        let mut source = DateSource::Predicate;
        // 2. The nearest compatible expression of the sentence.
        if best.is_none() {
            source = DateSource::Sentence;
            for (x, e) in exprs.iter().enumerate() {
                let Some(h) = heads[x] else { continue };
                let Some(iv) = e.interval else { continue };
                let other = preds
                    .iter()
                    .any(|&p| p != k && governed_depth(v, h, p).is_some());
                let compatible = if future {
                    iv.last >= report
                } else {
                    iv.first <= report
                };
                if !datable(e)
                    || other
                    || attributive(v, h)
                    || in_modifier_clause(v, h)
                    || in_since_clause(v, h, k)
                {
                    continue;
                }
                // Compatible ones first; an incompatible one only for a past event, which
                // is then clamped (the parse often hangs "on 2 April" from the object).
                let rank = usize::from(!compatible);
                if (future && !compatible)
                    || best.as_ref().is_some_and(|b| (rank, dist(h)) >= (b.0, b.1))
                {
                    continue;
                }
                best = Some((rank, dist(h), x));
            }
        }
        let date = match best {
            None => EventDate::report(report),
            Some((_, _, x)) => {
                let e = &exprs[x];
                // Candidates have a value; a reference (`since the 1991 ceasefire`) may lack
                // an interval, which its value gives.
                let value = e.value.unwrap_or(TimeValue::Point(Point::Day(report)));
                let interval = e.interval.or_else(|| value.interval()).unwrap_or(Interval {
                    first: report,
                    last: report,
                });
                if !future && interval.first > report {
                    EventDate {
                        text: Some(e.span),
                        source: DateSource::Clamped,
                        ..EventDate::report(report)
                    }
                } else {
                    EventDate {
                        value,
                        interval,
                        precision: value
                            .precision()
                            .map_or(DatePrecision::Report, DatePrecision::of),
                        text: Some(e.span),
                        source,
                    }
                }
            }
        };
        // A perfect since a point in time is background, unless that point is recent.
        let perfect_since_old = perfect_since(v, k).is_some_and(|s| {
            !exprs.iter().zip(&heads).any(|(e, h)| {
                h.is_some_and(|h| h > s && descends_from(v, h, k))
                    && datable(e)
                    && e.interval.is_some_and(|iv| iv.first >= since_month)
            })
        });
        // Acts "since July 26", twelve days ago, are news of these days whatever the date.
        let recent_since_date = best.is_some_and(|(_, _, x)| {
            heads[x].is_some_and(|h| after_since(v, &exprs[x], h))
                && exprs[x].interval.is_some_and(|iv| iv.first >= since_month)
        });
        event.temporal_status = if recent_since_date && event.modality != Modality::Future {
            TemporalStatus::Current
        } else {
            temporal_status(
                v,
                k,
                event,
                &date,
                report,
                since_reference || perfect_since_old,
            )
        };
        event.date = Some(date);
    }
}

/// The month of a date, keeping the days it covers: what an act inside a dated span or
/// narrative takes when the text gives no day of its own (codebook 8).
pub(crate) fn month_of(date: &EventDate) -> EventDate {
    let first = date.interval.first;
    EventDate {
        value: TimeValue::Point(Point::Month {
            year: first.year(),
            month: first.month(),
        }),
        interval: date.interval,
        precision: DatePrecision::Month,
        text: date.text,
        source: DateSource::Sentence,
    }
}

/// The temporal status of an event with predicate `k` dated `date`.
fn temporal_status(
    v: &View<'_>,
    k: usize,
    event: &Event,
    date: &EventDate,
    report: Date,
    since_reference: bool,
) -> TemporalStatus {
    if event.modality == Modality::Future {
        return TemporalStatus::Future;
    }
    let week_before = report
        .checked_sub(HISTORICAL_AFTER_DAYS.days())
        .unwrap_or(report);
    let dated = date.source.from_text();
    // A span of days is dated by its first day (codebook 8: "July 25-29" → July 25), and its
    // status follows that date; a month or a year may still reach into the last week.
    let when = if date.precision == DatePrecision::Day {
        date.interval.first
    } else {
        date.interval.last
    };
    let old = dated && when < week_before;
    let participle_past = dated && v.ann.deprel[k] == "acl" && date.interval.last < report;
    if old || since_reference || participle_past {
        return TemporalStatus::Historical;
    }
    if event.cameo.root() == "03" {
        return TemporalStatus::Future;
    }
    TemporalStatus::Current
}

/// The status of an event when dating is switched off: future for the future modality and
/// intent codes, current otherwise.
pub(crate) fn undated_status(event: &Event) -> TemporalStatus {
    if event.modality == Modality::Future || event.cameo.root() == "03" {
        TemporalStatus::Future
    } else {
        TemporalStatus::Current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_names_are_the_schema_names() {
        assert_eq!(DatePrecision::Report.name(), "report");
        assert_eq!(
            DatePrecision::of(dyad_time::Precision::Month).name(),
            "month"
        );
        assert_eq!(TemporalStatus::Historical.to_string(), "historical");
    }

    #[test]
    fn report_date_is_a_day_at_report_precision() {
        let d = jiff::civil::date(2022, 5, 26);
        let e = EventDate::report(d);
        assert_eq!(e.iso(), "2022-05-26");
        assert_eq!(e.precision, DatePrecision::Report);
        assert!(!e.source.from_text());
    }
}
