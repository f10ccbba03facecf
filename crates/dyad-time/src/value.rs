//! What a temporal expression means: kinds, calendar values, durations and intervals.

use std::fmt;

use dyad_text::Span;
use jiff::ToSpan;
use jiff::civil::{Date, ISOWeekDate, Weekday};
use serde::{Deserialize, Serialize};

/// What a temporal expression is, which decides whether it can date an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// A calendar date or period that can date an event (`21 July 2006`, `on Tuesday`,
    /// `last month`, `mid-November 2020`, `the second quarter of 2021`).
    Date,
    /// A span of time between two calendar points (`from 2010 to 2015`, `21-23 July`).
    Range,
    /// A length of time, not a date (`for three years`, `more than a decade`).
    Duration,
    /// A recurrence (`every year`, `annually`, `every Tuesday`).
    Set,
    /// A person's age (`a 45-year-old`, `aged 45`).
    Age,
    /// A year naming something (`the 1991 ceasefire`, `Morocco's 2011 constitution`): background,
    /// never the date of the sentence's event.
    Reference,
    /// An offset from another event, not from the publication date (`two weeks after the meeting`,
    /// `the following day`): the value is the signed offset.
    Anchored,
}

impl Kind {
    /// The kind's lower-case name, as written in gold files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Date => "date",
            Kind::Range => "range",
            Kind::Duration => "duration",
            Kind::Set => "set",
            Kind::Age => "age",
            Kind::Reference => "reference",
            Kind::Anchored => "anchored",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How fine a calendar value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Precision {
    /// One day.
    Day,
    /// An ISO week (or its weekend).
    Week,
    /// A calendar month.
    Month,
    /// A quarter of a year.
    Quarter,
    /// A (northern-hemisphere meteorological) season.
    Season,
    /// Half a year.
    Half,
    /// A calendar year.
    Year,
    /// A decade (`the 1990s`).
    Decade,
}

/// A qualifier on a value, after TimeML's `mod` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum Modifier {
    /// The first third of the period (`early 2021`, `début mai`).
    Early,
    /// The middle third (`mid-November`).
    Mid,
    /// The last third (`late 2019`, `fin 2020`).
    Late,
    /// The beginning (`the beginning of March`, `the start of the year`).
    Start,
    /// The end (`the end of 2020`).
    End,
    /// Approximately (`about two years`).
    Approx,
    /// More than (`more than a decade`, `over three years`).
    MoreThan,
    /// Less than (`less than a month`, `nearly two years`).
    LessThan,
    /// At least (`at least five years`).
    AtLeast,
}

impl Modifier {
    /// The modifier's name as written in gold files (`MID`, `MORE_THAN`).
    pub fn as_str(self) -> &'static str {
        match self {
            Modifier::Early => "EARLY",
            Modifier::Mid => "MID",
            Modifier::Late => "LATE",
            Modifier::Start => "START",
            Modifier::End => "END",
            Modifier::Approx => "APPROX",
            Modifier::MoreThan => "MORE_THAN",
            Modifier::LessThan => "LESS_THAN",
            Modifier::AtLeast => "AT_LEAST",
        }
    }
}

impl fmt::Display for Modifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A season, northern-hemisphere meteorological: spring is March to May, summer June to
/// August, autumn September to November, winter December to February (winter 2021 runs from
/// December 2021 to February 2022).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Season {
    /// March to May (`SP`).
    Spring,
    /// June to August (`SU`).
    Summer,
    /// September to November (`FA`).
    Autumn,
    /// December to February (`WI`).
    Winter,
}

impl Season {
    /// The first month of the season.
    pub fn first_month(self) -> i8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Autumn => "FA",
            Season::Winter => "WI",
        }
    }
}

/// A calendar point at its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Point {
    /// A day: `2022-05-24`.
    Day(Date),
    /// An ISO week: `2021-W05`.
    Week {
        /// ISO week-numbering year.
        year: i16,
        /// ISO week, 1 to 53.
        week: i8,
    },
    /// The Saturday and Sunday of an ISO week: `2022-W21-WE`.
    Weekend {
        /// ISO week-numbering year.
        year: i16,
        /// ISO week, 1 to 53.
        week: i8,
    },
    /// A month: `2021-12`.
    Month {
        /// Year.
        year: i16,
        /// Month, 1 to 12.
        month: i8,
    },
    /// A quarter: `2021-Q2`.
    Quarter {
        /// Year.
        year: i16,
        /// Quarter, 1 to 4.
        quarter: i8,
    },
    /// A half-year: `2021-H1`.
    Half {
        /// Year.
        year: i16,
        /// Half, 1 or 2.
        half: i8,
    },
    /// A season: `2021-SU`.
    Season {
        /// The year the season starts in.
        year: i16,
        /// Which season.
        season: Season,
    },
    /// A year: `2021`.
    Year(i16),
    /// A decade, by its first year: `199` (ISO 8601 reduced precision) for the 1990s.
    Decade(i16),
}

impl Point {
    /// The point's precision.
    pub fn precision(self) -> Precision {
        match self {
            Point::Day(_) => Precision::Day,
            Point::Week { .. } | Point::Weekend { .. } => Precision::Week,
            Point::Month { .. } => Precision::Month,
            Point::Quarter { .. } => Precision::Quarter,
            Point::Half { .. } => Precision::Half,
            Point::Season { .. } => Precision::Season,
            Point::Year(_) => Precision::Year,
            Point::Decade(_) => Precision::Decade,
        }
    }

    /// The first and last day the point covers, or `None` for a point outside the calendar
    /// `jiff` supports.
    pub fn interval(self) -> Option<Interval> {
        let (first, last) = match self {
            Point::Day(d) => (d, d),
            Point::Week { year, week } | Point::Weekend { year, week } => {
                let monday = ISOWeekDate::new(year, week, Weekday::Monday).ok()?.date();
                let sunday = monday.checked_add(6.days()).ok()?;
                match self {
                    Point::Weekend { .. } => (monday.checked_add(5.days()).ok()?, sunday),
                    _ => (monday, sunday),
                }
            }
            Point::Month { year, month } => {
                let first = Date::new(year, month, 1).ok()?;
                (first, first.last_of_month())
            }
            Point::Quarter { year, quarter } => months(year, (quarter - 1) * 3 + 1, 3)?,
            Point::Half { year, half } => months(year, (half - 1) * 6 + 1, 6)?,
            Point::Season { year, season } => months(year, season.first_month(), 3)?,
            Point::Year(year) => months(year, 1, 12)?,
            Point::Decade(first) => {
                let (a, _) = months(first, 1, 12)?;
                let (_, b) = months(first.checked_add(9)?, 1, 12)?;
                (a, b)
            }
        };
        Some(Interval { first, last })
    }
}

/// `count` months from `year-month`, as first and last day.
fn months(year: i16, month: i8, count: i32) -> Option<(Date, Date)> {
    let first = Date::new(year, month, 1).ok()?;
    let last = first
        .checked_add((count as i64).months())
        .ok()?
        .checked_sub(1.day())
        .ok()?;
    Some((first, last))
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Point::Day(d) => write!(f, "{d}"),
            Point::Week { year, week } => write!(f, "{year:04}-W{week:02}"),
            Point::Weekend { year, week } => write!(f, "{year:04}-W{week:02}-WE"),
            Point::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Point::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Point::Half { year, half } => write!(f, "{year:04}-H{half}"),
            Point::Season { year, season } => write!(f, "{year:04}-{}", season.code()),
            Point::Year(year) => write!(f, "{year:04}"),
            Point::Decade(first) => write!(f, "{:03}", first / 10),
        }
    }
}

/// A unit of a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Unit {
    /// Hours (`48 hours`, `PT48H`).
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Years (decades count as ten years).
    Year,
}

impl Unit {
    fn code(self) -> &'static str {
        match self {
            Unit::Hour => "H",
            Unit::Day => "D",
            Unit::Week => "W",
            Unit::Month => "M",
            Unit::Year => "Y",
        }
    }
}

/// A length of time: an amount of a unit; the amount is `None` when the text leaves it vague
/// (`several months` is `PXM`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Duration {
    /// How many units, or `None` when vague.
    pub amount: Option<u32>,
    /// The unit.
    pub unit: Unit,
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.unit == Unit::Hour { "PT" } else { "P" })?;
        match self.amount {
            Some(n) => write!(f, "{n}")?,
            None => f.write_str("X")?,
        }
        f.write_str(self.unit.code())
    }
}

/// The resolved value of a temporal expression.
///
/// Its `Display` is the ISO 8601 / TimeML form at the value's precision: `2022-05-24`,
/// `2021-12`, `2021`, `2021-W05`, `2021-Q2`, `2021-SU`, `199`; ranges as `2010/2015`;
/// durations as `P3Y`, `PXM`, `PT48H`; offsets as `+P2W` / `-P1D`; sets as `P1Y` or
/// `XXXX-WXX-2` (every Tuesday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TimeValue {
    /// A calendar point.
    Point(Point),
    /// From one calendar point to another, both included.
    Range {
        /// First point.
        from: Point,
        /// Last point.
        to: Point,
    },
    /// A length of time.
    Duration(Duration),
    /// An offset from another event: `after` is true for `two weeks after`, false for
    /// `a day earlier`.
    Offset {
        /// True when the expression lies after its anchor event.
        after: bool,
        /// How far from the anchor.
        duration: Duration,
    },
    /// A recurrence every `Duration`.
    Every(Duration),
    /// A recurrence on a weekday (`every Tuesday`), ISO number 1 (Monday) to 7 (Sunday).
    EveryWeekday(i8),
}

impl TimeValue {
    /// The calendar precision, for points and ranges.
    pub fn precision(&self) -> Option<Precision> {
        match *self {
            TimeValue::Point(p) => Some(p.precision()),
            TimeValue::Range { from, to } => Some(from.precision().max(to.precision())),
            _ => None,
        }
    }

    /// The first and last day covered, for points and ranges.
    pub fn interval(&self) -> Option<Interval> {
        match *self {
            TimeValue::Point(p) => p.interval(),
            TimeValue::Range { from, to } => {
                let a = from.interval()?;
                let b = to.interval()?;
                Some(Interval {
                    first: a.first.min(b.first),
                    last: a.last.max(b.last),
                })
            }
            _ => None,
        }
    }
}

impl fmt::Display for TimeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeValue::Point(p) => write!(f, "{p}"),
            TimeValue::Range { from, to } => write!(f, "{from}/{to}"),
            TimeValue::Duration(d) | TimeValue::Every(d) => write!(f, "{d}"),
            TimeValue::Offset { after, duration } => {
                write!(f, "{}{duration}", if *after { '+' } else { '-' })
            }
            TimeValue::EveryWeekday(n) => write!(f, "XXXX-WXX-{n}"),
        }
    }
}

/// The first and last day a value covers, both included: what overlap tests compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Interval {
    /// First day.
    pub first: Date,
    /// Last day.
    pub last: Date,
}

impl Interval {
    /// True when the two intervals share at least one day.
    pub fn overlaps(self, other: Interval) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    /// The part of the interval a fuzzy modifier selects: thirds of the days for
    /// early/mid/late and start/end; the whole interval otherwise.
    pub fn narrowed(self, modifier: Option<Modifier>) -> Interval {
        let days = (self.last - self.first).get_days() as i64 + 1;
        let third = |k: i64| {
            self.first
                .checked_add((days * k / 3).days())
                .unwrap_or(self.last)
        };
        let before = |d: Date| d.checked_sub(1.day()).unwrap_or(d);
        match modifier {
            Some(Modifier::Early | Modifier::Start) if days >= 3 => Interval {
                first: self.first,
                last: before(third(1)),
            },
            Some(Modifier::Mid) if days >= 3 => Interval {
                first: third(1),
                last: before(third(2)),
            },
            Some(Modifier::Late | Modifier::End) if days >= 3 => Interval {
                first: third(2),
                last: self.last,
            },
            _ => self,
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.first, self.last)
    }
}

/// A temporal expression found in a text, with its resolved value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    /// Byte offsets of the expression in the text given to the tagger.
    pub span: Span,
    /// The expression as written.
    pub text: String,
    /// What the expression is.
    pub kind: Kind,
    /// Its value, when it could be resolved.
    pub value: Option<TimeValue>,
    /// A fuzzy or quantity modifier (`mid-`, `more than`).
    pub modifier: Option<Modifier>,
    /// Calendar precision of the value (points and ranges only).
    pub precision: Option<Precision>,
    /// First and last day the expression covers (points and ranges only), narrowed by the
    /// modifier and, for `earlier this month` / `later this year`, cut at the publication date.
    pub interval: Option<Interval>,
}
