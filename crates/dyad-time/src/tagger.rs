//! The rule-based tagger: recognition over scanned tokens, resolution against the anchor.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::lexicon::{self, Lang};
use crate::scan::{Scan, TokKind};
use crate::value::{Duration, Interval, Kind, Modifier, Point, Season, TimeExpr, TimeValue, Unit};
use dyad_text::Span;

/// The tense of the clause around an expression, which decides which `Tuesday` or which
/// `March` an undated mention means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tense {
    /// Reported events: `on Tuesday` is the last Tuesday on or before publication.
    Past,
    /// Present or unknown: the occurrence nearest the publication date (weekdays: past).
    Present,
    /// Announced events: `on Tuesday` is the next Tuesday on or after publication.
    Future,
}

/// How to read an all-numeric date whose first two numbers could both be a day or a month
/// (`03/02/2024`). Unambiguous dates (`21/07/2006`, `07/21/2006`) are read the only way
/// they can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// Day first (`03/02/2024` is 3 February): the usage of most of the world's press.
    #[default]
    DayFirst,
    /// Month first (`03/02/2024` is 2 March): U.S. usage.
    MonthFirst,
}

/// What relative expressions are resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// The document's publication date.
    pub publication: Date,
    /// The tense of the text, when the caller knows it (for instance from a part-of-speech
    /// tagger, one sentence at a time); `None` lets the tagger guess it from the words
    /// around each expression.
    pub tense: Option<Tense>,
}

impl Anchor {
    /// An anchor on a publication date, tense guessed.
    pub fn new(publication: Date) -> Anchor {
        Anchor {
            publication,
            tense: None,
        }
    }

    /// The same anchor with the tense given by the caller.
    pub fn with_tense(self, tense: Tense) -> Anchor {
        Anchor {
            tense: Some(tense),
            ..self
        }
    }
}

/// The temporal tagger. Cheap to build, immutable, `Send + Sync`.
///
/// ```
/// use dyad_time::{Kind, Tagger};
/// let tagger = Tagger::new();
/// let date = "2022-05-24".parse().unwrap();
/// let found = tagger.tag("Rabat hosted talks on Monday, weeks after the 2020 clashes.", date);
/// assert_eq!(found[0].text, "Monday");
/// assert_eq!(found[0].value.unwrap().to_string(), "2022-05-23");
/// assert_eq!(found[1].kind, Kind::Reference);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Tagger {
    order: DateOrder,
}

/// Buffers reused across calls to [`Tagger::tag_into`].
#[derive(Debug, Default)]
pub struct TagBuffer {
    scan: Scan,
    blocked: Vec<bool>,
    sentence: Vec<u32>,
}

impl Tagger {
    /// A tagger reading ambiguous numeric dates day first.
    pub fn new() -> Tagger {
        Tagger::default()
    }

    /// A tagger reading ambiguous numeric dates in the given order.
    pub fn with_date_order(order: DateOrder) -> Tagger {
        Tagger { order }
    }

    /// The temporal expressions of `text`, resolved against its publication date, tense
    /// guessed from the words around each expression.
    pub fn tag(&self, text: &str, publication: Date) -> Vec<TimeExpr> {
        self.tag_with(text, Anchor::new(publication))
    }

    /// The temporal expressions of `text`, resolved against `anchor`.
    pub fn tag_with(&self, text: &str, anchor: Anchor) -> Vec<TimeExpr> {
        let mut out = Vec::new();
        self.tag_into(text, anchor, &mut TagBuffer::default(), &mut out);
        out
    }

    /// Appends the temporal expressions of `text` to `out`, reusing `buffer`.
    pub fn tag_into(
        &self,
        text: &str,
        anchor: Anchor,
        buffer: &mut TagBuffer,
        out: &mut Vec<TimeExpr>,
    ) {
        buffer.scan.scan(text);
        let n = buffer.scan.toks.len();
        block_number_runs(&buffer.scan, &mut buffer.blocked);
        sentence_ids(&buffer.scan, &mut buffer.sentence);
        let run = Run {
            text,
            s: &buffer.scan,
            blocked: &buffer.blocked,
            sentence: &buffer.sentence,
            anchor: anchor.publication,
            tense: anchor.tense,
            order: self.order,
        };
        let mut i = 0;
        while i < n {
            let skip = match run.s.toks[i].kind {
                TokKind::Punct => run.w(i) != "'",
                TokKind::Word => !lexicon::may_start(run.w(i)),
                TokKind::Num | TokKind::Mixed => false,
            };
            if skip {
                i += 1;
                continue;
            }
            match run.best_at(i) {
                Some(found) => {
                    i = found.e;
                    out.push(run.expr(found));
                }
                None => i += 1,
            }
        }
    }
}

impl Tagger {
    /// Appends the temporal expressions of the part `span` of `text` (a sentence, say, with
    /// the tense a part-of-speech tagger gave it) to `out`, with spans into the whole `text`.
    ///
    /// # Panics
    /// When `span` does not slice `text`.
    pub fn tag_span_into(
        &self,
        text: &str,
        span: Span,
        anchor: Anchor,
        buffer: &mut TagBuffer,
        out: &mut Vec<TimeExpr>,
    ) {
        let first = out.len();
        self.tag_into(span.slice(text), anchor, buffer, out);
        for e in &mut out[first..] {
            e.span = Span::new(e.span.start + span.start, e.span.end + span.start);
        }
    }
}

/// The tense the words around a span of `text` suggest, or `None` when no word marks one.
///
/// The nearest tense-marking word wins (`will`, `next`, `scheduled` → future; `said`, `was`,
/// `-ed` forms, `ago` → past); crossing a comma or bracket counts as three words, so a
/// reporting clause (`…, officials said`) weighs less than the verb beside the expression.
pub fn guess_tense(text: &str, span: Span) -> Option<Tense> {
    let mut scan = Scan::default();
    scan.scan(text);
    let (mut blocked, mut sentence) = (Vec::new(), Vec::new());
    block_number_runs(&scan, &mut blocked);
    sentence_ids(&scan, &mut sentence);
    let s = scan.toks.iter().position(|t| t.end > span.start)?;
    let e = scan
        .toks
        .iter()
        .position(|t| t.start >= span.end)
        .unwrap_or(scan.toks.len());
    let run = Run {
        text,
        s: &scan,
        blocked: &blocked,
        sentence: &sentence,
        anchor: Date::constant(2000, 1, 1),
        tense: None,
        order: DateOrder::DayFirst,
    };
    run.marked_tense(s, e.max(s + 1))
}

/// Marks numbers that belong to phone numbers, thousands groups or decimals, which are
/// never days or years.
fn block_number_runs(s: &Scan, blocked: &mut Vec<bool>) {
    let toks = &s.toks;
    blocked.clear();
    blocked.resize(toks.len(), false);
    let is_num = |i: usize| toks.get(i).is_some_and(|t| t.kind == TokKind::Num);
    let mut i = 0;
    while i < toks.len() {
        if !is_num(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut count = 1;
        let mut spaced = false;
        loop {
            if is_num(j + 1) && toks[j + 1].space_before {
                count += 1;
                spaced = true;
                j += 1;
            } else if j + 2 < toks.len()
                && matches!(s.folded(j + 1), "-" | "." | ")")
                && is_num(j + 2)
            {
                count += 1;
                spaced |= toks[j + 1].space_before || toks[j + 2].space_before;
                j += 2;
            } else {
                break;
            }
        }
        let plus = i > 0 && matches!(s.folded(i - 1), "+" | "(");
        let phone = count >= 4
            || (count >= 3 && spaced)
            || (plus && count >= 2)
            || (i > 0 && s.folded(i - 1) == "+");
        if phone {
            for b in &mut blocked[i..=j] {
                *b = true;
            }
        }
        i = j + 1;
    }
    // Thousands groups and decimals: `1,600`, `5.2`.
    for i in 0..toks.len().saturating_sub(2) {
        if is_num(i)
            && matches!(s.folded(i + 1), "," | ".")
            && is_num(i + 2)
            && !toks[i + 1].space_before
            && !toks[i + 2].space_before
            && (s.folded(i + 1) == "." || toks[i + 2].end - toks[i + 2].start == 3)
        {
            // `21.07.2006` is a date, not a decimal.
            let date_like = s.folded(i + 1) == "."
                && toks
                    .get(i + 3)
                    .is_some_and(|t| !t.space_before && matches!(s.folded(i + 3), "."));
            let after_date =
                i >= 2 && s.folded(i - 1) == "." && is_num(i - 2) && !toks[i - 1].space_before;
            if !date_like && !after_date {
                blocked[i] = true;
                blocked[i + 2] = true;
            }
        }
    }
}

/// Gives each token the number of its sentence (a rough split, for the tense heuristic).
fn sentence_ids(s: &Scan, ids: &mut Vec<u32>) {
    let toks = &s.toks;
    ids.clear();
    let mut id = 0u32;
    for i in 0..toks.len() {
        if toks[i].line_before || s.folded(i) == "•" {
            id += 1;
        }
        ids.push(id);
        if matches!(s.folded(i), "." | "!" | "?")
            && let Some(next) = toks.get(i + 1)
            && next.space_before
            && (next.upper || next.kind == TokKind::Num || matches!(s.folded(i + 1), "\"" | "'"))
            && !(i > 0
                && toks[i - 1].kind == TokKind::Word
                && lexicon::is_abbreviation(s.folded(i - 1)))
        {
            id += 1;
        }
    }
}

/// How far (in words, a comma counting four) the tense heuristic looks for a marker: far
/// enough for any clause, and a bound on the work per expression in run-on text.
const TENSE_REACH: u32 = 60;

/// Whether and how the interval is cut at the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clip {
    None,
    /// `earlier this month`: up to the publication date.
    Until,
    /// `later this year`: from the publication date.
    From,
}

/// A match: token range `s..e` and what it means.
#[derive(Debug, Clone, Copy)]
struct Found {
    s: usize,
    e: usize,
    kind: Kind,
    value: Option<TimeValue>,
    modifier: Option<Modifier>,
    clip: Clip,
}

impl Found {
    fn new(s: usize, e: usize, kind: Kind, value: Option<TimeValue>) -> Found {
        Found {
            s,
            e,
            kind,
            value,
            modifier: None,
            clip: Clip::None,
        }
    }

    fn date(s: usize, e: usize, point: Option<Point>) -> Option<Found> {
        Some(Found::new(s, e, Kind::Date, Some(TimeValue::Point(point?))))
    }
}

/// A partly known calendar date, as written.
#[derive(Debug, Clone, Copy, Default)]
struct Cal {
    year: Option<i16>,
    month: Option<i8>,
    day: Option<i8>,
}

/// One tagging pass over one text.
struct Run<'a> {
    text: &'a str,
    s: &'a Scan,
    blocked: &'a [bool],
    sentence: &'a [u32],
    anchor: Date,
    tense: Option<Tense>,
    order: DateOrder,
}

/// Words that stand for "this", "last" and "next" before a unit, in three languages.
fn direction_before(w: &str) -> Option<i32> {
    Some(match w {
        "this" | "cette" | "ce" | "cet" | "esta" | "este" => 0,
        "last" => -1,
        "next" | "coming" | "proxima" | "proximo" => 1,
        _ => return None,
    })
}

/// Words that stand for "last" and "next" after a unit (`la semaine dernière`).
fn direction_after(w: &str) -> Option<i32> {
    Some(match w {
        "derniere" | "dernier" | "passee" | "pasado" | "pasada" => -1,
        "prochaine" | "prochain" | "proxima" | "proximo" => 1,
        _ => return None,
    })
}

/// Parts of the day that may follow a day (`Tuesday night`, `hier soir`).
fn is_day_part(w: &str) -> bool {
    matches!(
        w,
        "night"
            | "morning"
            | "afternoon"
            | "evening"
            | "soir"
            | "matin"
            | "noche"
            | "tarde"
            | "midi"
    )
}

impl<'a> Run<'a> {
    fn n(&self) -> usize {
        self.s.toks.len()
    }

    /// The folded token `i`, or `""` past the end.
    fn w(&self, i: usize) -> &'a str {
        if i < self.n() { self.s.folded(i) } else { "" }
    }

    /// The folded token before `i`, or `""`.
    fn prev(&self, i: usize) -> &'a str {
        if i == 0 { "" } else { self.w(i - 1) }
    }

    fn kind(&self, i: usize) -> Option<TokKind> {
        self.s.toks.get(i).map(|t| t.kind)
    }

    fn upper(&self, i: usize) -> bool {
        self.s.toks.get(i).is_some_and(|t| t.upper)
    }

    /// Token `i` exists and follows the previous one without a space.
    fn tight(&self, i: usize) -> bool {
        self.s.toks.get(i).is_some_and(|t| !t.space_before)
    }

    fn digits(&self, i: usize) -> usize {
        self.s.toks.get(i).map_or(0, |t| t.end - t.start)
    }

    /// The value of number token `i`, unless it belongs to a phone number or the like.
    fn num(&self, i: usize) -> Option<u32> {
        let t = self.s.toks.get(i)?;
        if self.blocked[i] { None } else { t.num }
    }

    /// Number token `i`, blocked or not (for all-numeric dates).
    fn raw_num(&self, i: usize) -> Option<u32> {
        self.s.toks.get(i)?.num
    }

    /// The best (longest, then first-listed) match starting at token `i`.
    fn best_at(&self, i: usize) -> Option<Found> {
        let candidates = [
            self.range_at(i),
            self.quantity_at(i),
            self.fuzzy_at(i),
            self.relative_at(i),
            self.numeric_at(i),
            self.calendar_at(i),
            self.quarter_at(i),
            self.season_at(i),
            self.decade_at(i),
            self.set_word_at(i),
            self.year_at(i),
        ];
        let mut best: Option<Found> = None;
        for c in candidates.into_iter().flatten() {
            if best.is_none_or(|b| c.e > b.e) {
                best = Some(c);
            }
        }
        best
    }

    fn expr(&self, f: Found) -> TimeExpr {
        let span = Span::new(self.s.toks[f.s].start, self.s.toks[f.e - 1].end);
        let precision = f.value.as_ref().and_then(TimeValue::precision);
        let interval = f.value.as_ref().and_then(TimeValue::interval).map(|iv| {
            let iv = iv.narrowed(f.modifier);
            match f.clip {
                Clip::None => iv,
                Clip::Until => Interval {
                    first: iv.first,
                    last: iv.last.min(self.anchor).max(iv.first),
                },
                Clip::From => Interval {
                    first: iv.first.max(self.anchor).min(iv.last),
                    last: iv.last,
                },
            }
        });
        TimeExpr {
            span,
            text: span.slice(self.text).to_owned(),
            kind: f.kind,
            value: f.value,
            modifier: f.modifier,
            precision,
            interval,
        }
    }

    // ----- tense -----

    /// The tense for an expression over tokens `s..e`: the caller's, else the words'.
    fn tense_at(&self, s: usize, e: usize) -> Tense {
        self.tense
            .or_else(|| self.marked_tense(s, e))
            .unwrap_or(Tense::Present)
    }

    fn marked_tense(&self, s: usize, e: usize) -> Option<Tense> {
        let sid = self.sentence[s];
        let step = |k: usize| {
            if matches!(self.w(k), "," | ";" | ":" | "(" | ")" | "\"" | "-") {
                4
            } else {
                1
            }
        };
        let mut left: Option<(u32, bool)> = None;
        let mut cost = 0;
        let mut k = s;
        while k > 0 {
            k -= 1;
            if self.sentence[k] != sid || cost >= TENSE_REACH {
                break;
            }
            cost += step(k);
            if let Some(f) = self.tense_mark(k) {
                left = Some((cost, f));
                break;
            }
        }
        let mut right: Option<(u32, bool)> = None;
        cost = 0;
        for k in e..self.n() {
            if self.sentence[k] != sid || cost >= TENSE_REACH {
                break;
            }
            cost += step(k);
            if let Some(f) = self.tense_mark(k) {
                right = Some((cost, f));
                break;
            }
        }
        let pick = match (left, right) {
            (Some(l), Some(r)) => {
                if r.0 < l.0 {
                    r
                } else {
                    l
                }
            }
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => return None,
        };
        Some(if pick.1 { Tense::Future } else { Tense::Past })
    }

    fn tense_mark(&self, k: usize) -> Option<bool> {
        if self.kind(k) != Some(TokKind::Word) {
            return None;
        }
        // `Will` and `May` capitalised inside a sentence are names.
        if self.upper(k) && k > 0 && self.sentence[k - 1] == self.sentence[k] && self.w(k) == "will"
        {
            return None;
        }
        if let Some(f) = lexicon::tense_word(self.w(k)) {
            // `will be held`, `to be signed`: a participle after `be` is not past.
            if !f && k > 0 && self.w(k - 1) == "be" {
                return Some(true);
            }
            return Some(f);
        }
        let t = &self.s.toks[k];
        let original = &self.text[t.start..t.end];
        // Spanish and French futures (`celebrará`, `se rendra`, `viendront`).
        let folded = self.w(k);
        if original.ends_with("rá")
            || original.ends_with("rán")
            || (folded.len() >= 5 && (folded.ends_with("dra") || folded.ends_with("ront")))
            || matches!(
                folded,
                "pourra" | "devra" | "fera" | "verra" | "ira" | "permettra" | "faudra"
            )
        {
            return Some(true);
        }
        // Spanish preterite (`viajó`) and French past participles (`signé`).
        if original.chars().count() > 3
            && (original.ends_with('ó') || original.ends_with('é') || original.ends_with("ée"))
        {
            return Some(false);
        }
        None
    }

    // ----- resolution -----

    fn resolve_cal(&self, cal: Cal, tense: Tense) -> Option<Point> {
        let a = self.anchor;
        match (cal.year, cal.month, cal.day) {
            (Some(y), Some(m), Some(d)) => Date::new(y, m, d).ok().map(Point::Day),
            (None, Some(m), Some(d)) => {
                let cands = [a.year() - 1, a.year(), a.year() + 1].map(|y| Date::new(y, m, d).ok());
                let cands = cands.iter().flatten().copied();
                let pick = match tense {
                    Tense::Past => cands.filter(|&c| c <= a).max(),
                    Tense::Future => cands.filter(|&c| c >= a).min(),
                    Tense::Present => cands.min_by_key(|&c| ((c - a).get_days()).abs()),
                }?;
                Some(Point::Day(pick))
            }
            (Some(y), Some(m), None) => Some(Point::Month { year: y, month: m }),
            (None, Some(m), None) => {
                let here = a.year() as i32 * 12 + a.month() as i32 - 1;
                let cands =
                    [a.year() - 1, a.year(), a.year() + 1].map(|y| y as i32 * 12 + m as i32 - 1);
                let cands = cands.iter().copied();
                let pick = match tense {
                    Tense::Past => cands.filter(|&c| c <= here).max(),
                    Tense::Future => cands.filter(|&c| c >= here).min(),
                    Tense::Present => cands.min_by_key(|&c| ((c - here).abs(), c > here)),
                }?;
                Some(month_point(pick))
            }
            (Some(y), None, _) => Some(Point::Year(y)),
            _ => None,
        }
    }

    /// A weekday relative to the anchor: `dir` -1 last strictly before, +1 next strictly
    /// after, 0 by tense (past: on or before; future: on or after).
    fn resolve_weekday(&self, wd: i8, dir: i32, tense: Tense) -> Option<Point> {
        let a = self.anchor;
        let today = a.weekday().to_monday_one_offset() as i64;
        let back = (today - wd as i64).rem_euclid(7);
        let fwd = (wd as i64 - today).rem_euclid(7);
        let days = match (dir, tense) {
            (-1, _) => -(if back == 0 { 7 } else { back }),
            (1, _) => {
                if fwd == 0 {
                    7
                } else {
                    fwd
                }
            }
            (_, Tense::Future) => fwd,
            _ => -back,
        };
        a.checked_add(days.days()).ok().map(Point::Day)
    }

    fn resolve_season(&self, season: Season, dir: i32, tense: Tense) -> Option<Point> {
        let a = self.anchor;
        let inst = |y: i16| Point::Season { year: y, season };
        let years = [a.year() - 2, a.year() - 1, a.year(), a.year() + 1];
        let iv = |y: i16| inst(y).interval();
        let y = match (dir, tense) {
            (-1, _) => years
                .into_iter()
                .filter(|&y| iv(y).is_some_and(|i| i.last < a))
                .max()?,
            (1, _) => years
                .into_iter()
                .filter(|&y| iv(y).is_some_and(|i| i.first > a))
                .min()?,
            (0, _) if dir == 0 && tense == Tense::Present => years
                .into_iter()
                .find(|&y| iv(y).is_some_and(|i| i.first <= a && a <= i.last))
                .unwrap_or(a.year()),
            (_, Tense::Future) => years
                .into_iter()
                .filter(|&y| iv(y).is_some_and(|i| i.last >= a))
                .min()?,
            _ => years
                .into_iter()
                .filter(|&y| iv(y).is_some_and(|i| i.first <= a))
                .max()?,
        };
        Some(inst(y))
    }

    /// The anchor shifted by `n` units, at the unit's precision.
    fn shift(&self, unit: Unit, n: i64) -> Option<Point> {
        let a = self.anchor;
        Some(match unit {
            Unit::Hour => Point::Day(a.checked_add((n / 24).days()).ok()?),
            Unit::Day => Point::Day(a.checked_add(n.days()).ok()?),
            Unit::Week => week_of(a.checked_add((7 * n).days()).ok()?),
            Unit::Month => month_point(a.year() as i32 * 12 + a.month() as i32 - 1 + n as i32),
            Unit::Year => Point::Year(i16::try_from(a.year() as i64 + n).ok()?),
        })
    }

    // ----- pieces -----

    /// A day of the month at `i` (`21`, `21st`, `1er`): day and next token.
    fn day_num(&self, i: usize) -> Option<(i8, usize)> {
        match self.kind(i)? {
            TokKind::Num if self.digits(i) <= 2 => {
                let d = self.num(i)?;
                (1..=31).contains(&d).then_some((d as i8, i + 1))
            }
            TokKind::Mixed => {
                let w = self.w(i);
                let cut = w.find(|c: char| !c.is_ascii_digit())?;
                let (digits, suffix) = w.split_at(cut);
                if !matches!(suffix, "st" | "nd" | "rd" | "th" | "er" | "o") || digits.len() > 2 {
                    return None;
                }
                let d: u32 = digits.parse().ok()?;
                (1..=31).contains(&d).then_some((d as i8, i + 1))
            }
            _ => None,
        }
    }

    /// A four-digit year at `i`.
    fn year_num(&self, i: usize) -> Option<(i16, usize)> {
        if self.kind(i)? != TokKind::Num || self.digits(i) != 4 {
            return None;
        }
        let y = self.num(i)?;
        (1000..=2999).contains(&y).then_some((y as i16, i + 1))
    }

    /// A month name at `i`: month, language, next token (after an abbreviation's full stop).
    fn month_word(&self, i: usize) -> Option<(i8, Lang, usize)> {
        if self.kind(i)? != TokKind::Word {
            return None;
        }
        let (m, lang, abbr) = lexicon::month(self.w(i))?;
        if lang == Lang::En && !self.upper(i) {
            return None;
        }
        let next = if abbr && self.w(i + 1) == "." && self.tight(i + 1) {
            i + 2
        } else {
            i + 1
        };
        Some((m, lang, next))
    }

    /// A weekday name at `i`.
    fn weekday_word(&self, i: usize) -> Option<(i8, Lang)> {
        if self.kind(i)? != TokKind::Word {
            return None;
        }
        let (wd, lang) = lexicon::weekday(self.w(i))?;
        if lang == Lang::En && !self.upper(i) {
            return None;
        }
        Some((wd, lang))
    }

    /// A year after a month or day: `[,] 2006`, `de 2006`, `of 2006`.
    fn year_after(&self, k: usize) -> (Option<i16>, usize) {
        let at = if matches!(self.w(k), "," | "de" | "del" | "of") {
            k + 1
        } else {
            k
        };
        match self.year_num(at) {
            // `July 21, 2006 people`: a year must not be followed by a number-taking noun.
            Some((y, e))
                if !(self.w(e) == "-"
                    && self.tight(e)
                    && self.kind(e + 1) == Some(TokKind::Num)) =>
            {
                (Some(y), e)
            }
            _ => (None, k),
        }
    }

    /// Day-month(-year) and month-day(-year) phrases at `i`; the bool says the phrase is a
    /// bare month (no day, no year), which needs a preposition before it.
    fn day_month(&self, i: usize) -> Option<(Cal, usize, bool, Lang)> {
        if let Some((d, k)) = self.day_num(i) {
            let k2 = if matches!(self.w(k), "of" | "de") {
                k + 1
            } else {
                k
            };
            if let Some((m, lang, k3)) = self.month_word(k2) {
                let (year, end) = self.year_after(k3);
                return Some((
                    Cal {
                        year,
                        month: Some(m),
                        day: Some(d),
                    },
                    end,
                    false,
                    lang,
                ));
            }
        }
        let (m, lang, k) = self.month_word(i)?;
        if lang == Lang::En
            && let Some((d, k2)) = self.day_num(k)
        {
            let (year, end) = self.year_after(k2);
            return Some((
                Cal {
                    year,
                    month: Some(m),
                    day: Some(d),
                },
                end,
                false,
                lang,
            ));
        }
        let (year, end) = self.year_after(k);
        Some((
            Cal {
                year,
                month: Some(m),
                day: None,
            },
            end,
            year.is_none(),
            lang,
        ))
    }

    /// May a bare month at `i` be a date? Only after a time preposition, and `May` only after
    /// a few of them.
    fn bare_month_ok(&self, i: usize, lang: Lang) -> bool {
        if self.w(i).ends_with('.') || lexicon::month(self.w(i)).is_some_and(|m| m.2) {
            return false;
        }
        let p = self.prev(i);
        match lang {
            Lang::En if self.w(i) == "may" => matches!(
                p,
                "in" | "since"
                    | "until"
                    | "during"
                    | "early"
                    | "late"
                    | "mid"
                    | "-"
                    | "of"
                    | "through"
                    | "till"
            ),
            Lang::En => {
                lexicon::is_time_preposition(p) || matches!(p, "-" | "early" | "late" | "mid")
            }
            _ => matches!(
                p,
                "en" | "depuis" | "desde" | "-" | "debut" | "fin" | "de" | "courant"
            ),
        }
    }

    // ----- rules -----

    /// Absolute dates: `21 July 2006`, `July 21, 2006`, `Jan. 5`, `mardi 24 mai`,
    /// `21 de julio de 2006`, `December 2021`, `in March`; and weekdays.
    fn calendar_at(&self, i: usize) -> Option<Found> {
        if let Some((wd, lang)) = self.weekday_word(i) {
            let mut k = i + 1;
            if self.w(k) == "," {
                k += 1;
            }
            if let Some((cal, e, false, _)) = self.day_month(k)
                && cal.day.is_some()
            {
                let tense = self.tense_at(i, e);
                return Found::date(i, e, self.resolve_cal(cal, tense));
            }
            // `Bloody Sunday`, `Good Friday`; `The Sunday Times`.
            if matches!(
                self.prev(i),
                "black" | "super" | "bloody" | "good" | "ash" | "holy" | "palm" | "cyber"
            ) || (self.upper(i + 1)
                && matches!(
                    self.w(i + 1),
                    "times"
                        | "telegraph"
                        | "express"
                        | "mirror"
                        | "mail"
                        | "herald"
                        | "tribune"
                        | "observer"
                        | "post"
                        | "night"
                ))
            {
                return None;
            }
            let mut e = i + 1;
            let dir = direction_after(self.w(e)).unwrap_or(0);
            // `jeudi prochain`, `Tuesday night` (but not `Tuesday Night Live`).
            if dir != 0 || (is_day_part(self.w(e)) && (lang != Lang::En || !self.upper(e))) {
                e += 1;
            }
            let tense = self.tense_at(i, e);
            return Found::date(i, e, self.resolve_weekday(wd, dir, tense));
        }
        let (cal, e, bare, lang) = self.day_month(i)?;
        if bare && !self.bare_month_ok(i, lang) {
            return None;
        }
        let tense = self.tense_at(i, e);
        Found::date(i, e, self.resolve_cal(cal, tense))
    }

    /// All-numeric dates: `21/07/2006`, `07/21/2006`, `2006-07-21`, `21.07.2006`, `21/07/06`.
    fn numeric_at(&self, i: usize) -> Option<Found> {
        let a = self.raw_num(i)?;
        let sep = self.w(i + 1);
        if !matches!(sep, "/" | "-" | ".")
            || !self.tight(i + 1)
            || !self.tight(i + 2)
            || !self.tight(i + 3)
            || !self.tight(i + 4)
        {
            return None;
        }
        let b = self.raw_num(i + 2)?;
        if self.w(i + 3) != sep {
            return None;
        }
        let c = self.raw_num(i + 4)?;
        // Part of a longer chain (`1.2.3.4`, `212-537-76-22`).
        if self.tight(i + 5)
            && matches!(self.w(i + 5), "/" | "-" | ".")
            && self.kind(i + 6) == Some(TokKind::Num)
        {
            return None;
        }
        if i > 0 && self.tight(i) && matches!(self.prev(i), "/" | "-" | "." | "+") {
            return None;
        }
        let (y, m, d) = if self.digits(i) == 4 {
            if self.digits(i + 2) > 2 || self.digits(i + 4) > 2 {
                return None;
            }
            (a as i16, b, c)
        } else {
            if self.digits(i) > 2 || self.digits(i + 2) > 2 {
                return None;
            }
            let y = match self.digits(i + 4) {
                4 => c as i16,
                2 if sep == "/" => {
                    let yy = (self.anchor.year() % 100) as u32 + 1;
                    if c <= yy {
                        2000 + c as i16
                    } else {
                        1900 + c as i16
                    }
                }
                _ => return None,
            };
            let (d, m) = if a > 12 {
                (a, b)
            } else if b > 12 {
                (b, a)
            } else {
                match self.order {
                    DateOrder::DayFirst => (a, b),
                    DateOrder::MonthFirst => (b, a),
                }
            };
            (y, m, d)
        };
        let date = Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()?;
        Found::date(i, i + 5, Some(Point::Day(date)))
    }

    /// A year alone: `in 2022` (a date), `the 1991 ceasefire` (a reference), or nothing
    /// (`2000 migrants`, `Resolution 2021`).
    fn year_at(&self, i: usize) -> Option<Found> {
        if self.kind(i)? != TokKind::Num || self.digits(i) != 4 {
            return None;
        }
        let y = self.num(i)?;
        let p = self.prev(i);
        if lexicon::is_identifier_noun(p)
            || (p == "." && i >= 2 && lexicon::is_identifier_noun(self.w(i - 2)))
            || matches!(p, "#" | "$" | "€" | "£" | "+" | "/" | ":")
            || (p == "-"
                && self.tight(i)
                && i >= 2
                && self.tight(i - 1)
                && self.kind(i - 2) == Some(TokKind::Word))
            || (matches!(self.w(i + 1), "%" | "/" | ":" | "+" | "$") && self.tight(i + 1))
        {
            return None;
        }
        // `at 1900 GMT`: a time of day.
        if p == "at"
            || matches!(
                self.w(i + 1),
                "gmt" | "utc" | "hours" | "hrs" | "h" | "local"
            )
        {
            return None;
        }
        let trigger = lexicon::is_time_preposition(p) || matches!(p, "," | "(");
        if !((1900..=2100).contains(&y) || (trigger && (1000..=2100).contains(&y))) {
            return None;
        }
        let determiner = matches!(
            p,
            "the"
                | "a"
                | "an"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "this"
                | "that"
                | "whose"
                | "le"
                | "la"
                | "les"
                | "el"
                | "los"
                | "las"
        ) || (p == "s" && i >= 2 && self.w(i - 2) == "'");
        let name_before = i > 0
            && self.kind(i - 1) == Some(TokKind::Word)
            && self.upper(i - 1)
            && !trigger
            && lexicon::month(p).is_none()
            && lexicon::weekday(p).is_none()
            && self.sentence[i - 1] == self.sentence[i]
            && !(i == 1 || self.sentence[i - 2] != self.sentence[i - 1]);
        let next_word = self.kind(i + 1) == Some(TokKind::Word);
        let next_lower = next_word && !self.upper(i + 1);
        let value = Some(TimeValue::Point(Point::Year(y as i16)));
        if (determiner && next_word && !lexicon::is_time_preposition(self.w(i + 1))) || name_before
        {
            return Some(Found::new(i, i + 1, Kind::Reference, value));
        }
        if trigger || determiner {
            return Some(Found::new(i, i + 1, Kind::Date, value));
        }
        if next_lower
            && !matches!(
                self.w(i + 1),
                "was"
                    | "is"
                    | "will"
                    | "has"
                    | "had"
                    | "saw"
                    | "marked"
                    | "marks"
                    | "brought"
                    | "and"
                    | "to"
                    | "or"
            )
        {
            return None;
        }
        Some(Found::new(i, i + 1, Kind::Date, value))
    }

    /// Decades: `1990s`, `1990's`, `'90s`.
    fn decade_at(&self, i: usize) -> Option<Found> {
        let w = self.w(i);
        let (first, e, s) = if self.kind(i)? == TokKind::Mixed
            && w.len() == 5
            && w.ends_with("0s")
            && w[..4].bytes().all(|b| b.is_ascii_digit())
        {
            (w[..4].parse::<i16>().ok()?, i + 1, i)
        } else if self.kind(i)? == TokKind::Num
            && self.digits(i) == 4
            && w.ends_with('0')
            && self.w(i + 1) == "'"
            && self.w(i + 2) == "s"
            && self.tight(i + 1)
            && self.tight(i + 2)
        {
            (w.parse::<i16>().ok()?, i + 3, i)
        } else if w == "'" && self.kind(i + 1) == Some(TokKind::Mixed) && self.tight(i + 1) {
            let d = self.w(i + 1);
            if d.len() != 3 || !d.ends_with("0s") || !d.as_bytes()[0].is_ascii_digit() {
                return None;
            }
            let tens: i16 = d[..2].parse().ok()?;
            (if tens >= 30 { 1900 + tens } else { 2000 + tens }, i + 2, i)
        } else {
            return None;
        };
        if !(1000..=2990).contains(&first) {
            return None;
        }
        Found::date(s, e, Some(Point::Decade(first)))
    }

    /// Quarters and halves: `the second quarter of 2021`, `Q2 2021`, `the first half of 2021`.
    fn quarter_at(&self, i: usize) -> Option<Found> {
        let w = self.w(i);
        let (n, half, k) =
            if let Some(n) = lexicon::ordinal(w).or(if w == "last" { Some(4) } else { None }) {
                let half = match self.w(i + 1) {
                    "quarter" | "trimestre" => false,
                    "half" | "semestre" => true,
                    _ => return None,
                };
                (n, half, i + 2)
            } else if self.kind(i)? == TokKind::Mixed
                && w.len() == 2
                && (w.starts_with('q') || w.starts_with('h'))
            {
                let n = w[1..].parse::<i8>().ok()?;
                (n, w.starts_with('h'), i + 1)
            } else {
                return None;
            };
        if (half && !(1..=2).contains(&n)) || !(1..=4).contains(&n) {
            return None;
        }
        let make = |year: i16| {
            if half {
                Point::Half { year, half: n }
            } else {
                Point::Quarter { year, quarter: n }
            }
        };
        let at = if matches!(self.w(k), "of" | "de" | "del" | ",") {
            k + 1
        } else {
            k
        };
        if let Some((y, e)) = self.year_num(at) {
            return Found::date(i, e, Some(make(y)));
        }
        if self.w(k) == "of"
            && matches!(self.w(k + 1), "this" | "last" | "next")
            && self.w(k + 2) == "year"
        {
            let dir = direction_before(self.w(k + 1))?;
            let Point::Year(y) = self.shift(Unit::Year, dir as i64)? else {
                return None;
            };
            return Found::date(i, k + 3, Some(make(y)));
        }
        if self.w(i) == "last" {
            return None;
        }
        if w.len() == 2 && !(self.prev(i) == "the" || self.prev(i) == "in") {
            return None;
        }
        // Bare: the quarter of the publication year, or the year before when that quarter
        // has not begun and the clause is past.
        let tense = self.tense_at(i, k);
        let a = self.anchor;
        let first_month = if half {
            (n - 1) * 6 + 1
        } else {
            (n - 1) * 3 + 1
        };
        let year = if tense == Tense::Past && first_month > a.month() {
            a.year() - 1
        } else {
            a.year()
        };
        Found::date(i, k, Some(make(year)))
    }

    /// Seasons: `summer 2021`, `the summer of 2021`, `in the winter`.
    fn season_at(&self, i: usize) -> Option<Found> {
        let (season, ambiguous) = lexicon::season(self.w(i))?;
        if self.upper(i) && i > 0 && self.upper(i - 1) && self.kind(i - 1) == Some(TokKind::Word) {
            return None; // `Arab Spring`
        }
        let at = if matches!(self.w(i + 1), "of" | "de" | ",") {
            i + 2
        } else {
            i + 1
        };
        if let Some((y, e)) = self.year_num(at) {
            return Found::date(i, e, Some(Point::Season { year: y, season }));
        }
        if ambiguous {
            return None;
        }
        let p = self.prev(i);
        let pp = if i >= 2 { self.w(i - 2) } else { "" };
        // `in the summer`, `en été`, `durante el verano`, `in winter`.
        let after_article = matches!(p, "the" | "l" | "el")
            && matches!(
                pp,
                "in" | "during" | "over" | "through" | "throughout" | "en" | "durante" | "'" | "by"
            );
        let after_preposition = matches!(p, "in" | "en" | "during");
        if !after_article && !after_preposition {
            return None;
        }
        let tense = self.tense_at(i, i + 1);
        Found::date(i, i + 1, self.resolve_season(season, 0, tense))
    }

    /// Frequency adverbs: `annually`, `weekly`, `daily`, `monthly`.
    fn set_word_at(&self, i: usize) -> Option<Found> {
        let unit = match self.w(i) {
            "annually" | "yearly" | "annuellement" | "anualmente" => Unit::Year,
            "monthly" | "mensuellement" | "mensualmente" => Unit::Month,
            "weekly" | "hebdomadaire" | "semanalmente" => Unit::Week,
            "daily" | "quotidiennement" | "diariamente" => Unit::Day,
            _ => return None,
        };
        Some(Found::new(
            i,
            i + 1,
            Kind::Set,
            Some(TimeValue::Every(Duration {
                amount: Some(1),
                unit,
            })),
        ))
    }

    /// `today`, `yesterday`, `last week`, `next month`, `this summer`, `last Tuesday`,
    /// `earlier this month`, `la semaine dernière`, `el próximo martes`, `the following day`.
    fn relative_at(&self, i: usize) -> Option<Found> {
        let a = self.anchor;
        let w = self.w(i);
        // Single words.
        let day_offset = match w {
            "today" | "tonight" | "hoy" => Some(0),
            "yesterday" | "hier" | "ayer" => Some(-1),
            "tomorrow" | "demain" => Some(1),
            "manana" if !matches!(self.prev(i), "la" | "esta" | "por") => Some(1),
            "aujourd" if self.w(i + 1) == "'" && self.w(i + 2) == "hui" => {
                return Found::date(i, i + 3, Some(Point::Day(a)));
            }
            _ => None,
        };
        if let Some(off) = day_offset {
            let e = if is_day_part(self.w(i + 1)) && !self.upper(i + 1) {
                i + 2
            } else {
                i + 1
            };
            return Found::date(
                i,
                e,
                Some(Point::Day(a.checked_add((off as i64).days()).ok()?)),
            );
        }
        // `earlier today`, `earlier this month`, `later this year`.
        if matches!(w, "earlier" | "later") {
            let clip = if w == "earlier" {
                Clip::Until
            } else {
                Clip::From
            };
            if self.w(i + 1) == "today" {
                return Found::date(i, i + 2, Some(Point::Day(a)));
            }
            if self.w(i + 1) == "this" {
                let point = match self.w(i + 2) {
                    "week" => week_of(a),
                    "month" => self.shift(Unit::Month, 0)?,
                    "year" => Point::Year(a.year()),
                    _ => return None,
                };
                let mut f = Found::date(i, i + 3, Some(point))?;
                f.clip = clip;
                return Some(f);
            }
            return None;
        }
        // `the following day`, `the next day`, `the previous week`, `the day before`.
        if w == "the" {
            let (dir, k) = match self.w(i + 1) {
                "following" | "next" => (true, i + 2),
                "previous" | "preceding" => (false, i + 2),
                _ => {
                    let (unit, _) = lexicon::unit(self.w(i + 1))?;
                    let after = match self.w(i + 2) {
                        "after" => true,
                        "before" => false,
                        _ => return None,
                    };
                    if !matches!(self.w(i + 1), "day" | "week" | "month" | "year") {
                        return None;
                    }
                    let value = TimeValue::Offset {
                        after,
                        duration: Duration {
                            amount: Some(1),
                            unit,
                        },
                    };
                    return Some(Found::new(i, i + 3, Kind::Anchored, Some(value)));
                }
            };
            if !matches!(
                self.w(k),
                "day" | "week" | "month" | "year" | "morning" | "evening" | "night"
            ) {
                return None;
            }
            let unit = lexicon::unit(self.w(k)).map_or(Unit::Day, |u| u.0);
            let value = TimeValue::Offset {
                after: dir,
                duration: Duration {
                    amount: Some(1),
                    unit,
                },
            };
            return Some(Found::new(i, k + 1, Kind::Anchored, Some(value)));
        }
        // Articles before French and Spanish forms: `la semaine dernière`, `l'an prochain`,
        // `el próximo martes`.
        let (s, k) = match w {
            "la" | "le" | "el" => (i, i + 1),
            "l" if self.w(i + 1) == "'" => (i, i + 2),
            _ => (i, i),
        };
        let (pre, k) = match direction_before(self.w(k)) {
            Some(d) => (Some(d), k + 1),
            None => (None, k),
        };
        let target = k;
        let mut e = target + 1;
        let post = direction_after(self.w(e));
        if post.is_some() {
            e += 1;
        } else if (self.w(e) == "que" && self.w(e + 1) == "viene")
            || (self.w(e) == "-" && self.w(e + 1) == "ci")
        {
            e += 2;
        }
        let dir = match (pre, post) {
            (Some(d), None) | (None, Some(d)) => d,
            (Some(_), Some(d)) => d,
            (None, None) if matches!(self.w(e - 1), "viene") => 1,
            (None, None) if self.w(e - 1) == "ci" => 0,
            (None, None) => return None,
        };
        // An article needs a following direction or a French/Spanish pre-direction.
        if k > i && pre.is_none() && post.is_none() && !matches!(self.w(e - 1), "viene") {
            return None;
        }
        let tw = self.w(target);
        let point = if let Some((unit, 1)) = lexicon::unit(tw) {
            // `last day`, `next day`, `this day` are not yesterday, tomorrow and today.
            if matches!(unit, Unit::Hour | Unit::Day) {
                return None;
            }
            self.shift(unit, dir as i64)?
        } else if tw == "weekend" {
            let Point::Week { year, week } = self.shift(Unit::Week, dir as i64)? else {
                return None;
            };
            Point::Weekend { year, week }
        } else if tw == "quarter" && self.w(target + 1) != "of" {
            let q0 = a.year() as i32 * 4 + (a.month() as i32 - 1) / 3 + dir;
            Point::Quarter {
                year: q0.div_euclid(4) as i16,
                quarter: (q0.rem_euclid(4) + 1) as i8,
            }
        } else if tw == "night" && dir == -1 {
            Point::Day(a.checked_add((-1).days()).ok()?)
        } else if matches!(tw, "morning" | "afternoon" | "evening") && dir == 0 {
            Point::Day(a)
        } else if let Some((wd, lang)) = self.weekday_word(target) {
            if lang == Lang::En && k == target && self.prev(target) == "the" {
                return None;
            }
            let tense = self.tense_at(s, e);
            let mut e2 = e;
            if is_day_part(self.w(e2)) && !self.upper(e2) {
                e2 += 1;
            }
            let p = self.resolve_weekday(wd, dir, tense)?;
            return Found::date(s, e2, Some(p));
        } else if let Some((season, _)) = lexicon::season(tw) {
            let tense = self.tense_at(s, e);
            self.resolve_season(season, dir, tense)?
        } else if let Some((m, _, next)) = self.month_word(target).filter(|_| post.is_none()) {
            if next != target + 1 {
                return None;
            }
            let here = a.year() as i32 * 12 + a.month() as i32 - 1;
            let this = a.year() as i32 * 12 + m as i32 - 1;
            let pick = match dir {
                -1 => {
                    if this < here {
                        this
                    } else {
                        this - 12
                    }
                }
                1 => {
                    if this > here {
                        this
                    } else {
                        this + 12
                    }
                }
                _ => this,
            };
            month_point(pick)
        } else {
            return None;
        };
        if s < k && w != "l" && pre.is_none() && post.is_none() {
            return None;
        }
        Found::date(s, e, Some(point))
    }

    /// Fuzzy parts of a period: `mid-November 2020`, `early 2021`, `late 1990s`, `the end of
    /// 2020`, `début mai`, `fin 2020`, `a mediados de julio`.
    fn fuzzy_at(&self, i: usize) -> Option<Found> {
        let w = self.w(i);
        let (modifier, mut k) = match w {
            "end" | "beginning" | "start" | "middle" if self.w(i + 1) == "of" => {
                let m = match w {
                    "end" => Modifier::End,
                    "middle" => Modifier::Mid,
                    _ => Modifier::Start,
                };
                (m, i + 2)
            }
            "end" if self.w(i + 1) == "-" && self.tight(i + 1) => (Modifier::End, i + 2),
            _ => {
                let m = lexicon::part(w)?;
                if w == "mi" && self.w(i + 1) != "-" {
                    return None;
                }
                let mut k = i + 1;
                if self.w(k) == "-" && self.tight(k) {
                    k += 1;
                } else if matches!(
                    w,
                    "principios" | "comienzos" | "inicios" | "mediados" | "finales" | "fines"
                ) {
                    if self.w(k) != "de" {
                        return None;
                    }
                    k += 1;
                } else if matches!(w, "debut" | "fin") && self.w(k) == "de" {
                    k += 1;
                }
                (m, k)
            }
        };
        if self.w(k) == "the" && matches!(self.w(k + 1), "year" | "month" | "week" | "decade") {
            let point = match self.w(k + 1) {
                "year" => Point::Year(self.anchor.year()),
                "month" => self.shift(Unit::Month, 0)?,
                "week" => week_of(self.anchor),
                _ => Point::Decade(self.anchor.year() / 10 * 10),
            };
            let mut f = Found::date(i, k + 2, Some(point))?;
            f.modifier = Some(modifier);
            return Some(f);
        }
        if self.w(k) == "the" {
            k += 1;
        }
        let inner = [
            self.decade_at(k),
            self.relative_at(k),
            self.calendar_or_month(k),
            self.year_plain(k),
            self.season_plain(k),
        ]
        .into_iter()
        .flatten()
        .filter(|f| {
            f.kind == Kind::Date
                && matches!(f.value, Some(TimeValue::Point(p)) if !matches!(p, Point::Day(_)))
        })
        .max_by_key(|f| f.e)?;
        let mut f = inner;
        f.s = i;
        f.modifier = Some(modifier);
        Some(f)
    }

    /// A month (bare allowed) or month-year after a fuzzy word.
    fn calendar_or_month(&self, k: usize) -> Option<Found> {
        let (cal, e, _, _) = self.day_month(k)?;
        if cal.day.is_some() {
            return None;
        }
        let tense = self.tense_at(k, e);
        Found::date(k, e, self.resolve_cal(cal, tense))
    }

    fn year_plain(&self, k: usize) -> Option<Found> {
        let (y, e) = self.year_num(k)?;
        Found::date(k, e, Some(Point::Year(y)))
    }

    fn season_plain(&self, k: usize) -> Option<Found> {
        let (season, _) = lexicon::season(self.w(k))?;
        let at = if self.w(k + 1) == "of" { k + 2 } else { k + 1 };
        let (y, e) = self.year_num(at)?;
        Found::date(k, e, Some(Point::Season { year: y, season }))
    }

    /// An amount at `i`: `3`, `three`, `twenty-five`, `a`, `a few`, `several`; the amount
    /// (`None` when vague) and the next token.
    fn amount(&self, i: usize) -> Option<(Option<u32>, usize)> {
        match self.kind(i)? {
            TokKind::Num => {
                let n = self.num(i)?;
                (self.digits(i) <= 3).then_some((Some(n), i + 1))
            }
            TokKind::Word => {
                let w = self.w(i);
                if w == "a" && matches!(self.w(i + 1), "few" | "couple") {
                    let e = if self.w(i + 2) == "of" { i + 3 } else { i + 2 };
                    return Some((
                        if self.w(i + 1) == "couple" {
                            Some(2)
                        } else {
                            None
                        },
                        e,
                    ));
                }
                let n = lexicon::cardinal(w)?;
                // `twenty-five`
                if let Some(tens) = n
                    && tens >= 20
                    && self.w(i + 1) == "-"
                    && let Some(Some(units)) = lexicon::cardinal(self.w(i + 2))
                    && units < 10
                {
                    return Some((Some(tens + units), i + 3));
                }
                Some((n, i + 1))
            }
            _ => None,
        }
    }

    /// Durations, ages, sets, offsets and `ago`: `for three years`, `more than a decade`,
    /// `a 45-year-old`, `every two years`, `two weeks after`, `two weeks ago`,
    /// `in two weeks`, `the past two years`, `il y a deux semaines`, `hace dos semanas`.
    fn quantity_at(&self, i: usize) -> Option<Found> {
        let mut k = i;
        let mut set = false;
        let mut every_other = false;
        let mut ago_before = false;
        let mut future_in = false;
        let mut the_past = false;
        let mut aged = false;
        match self.w(k) {
            "every" | "each" | "chaque" | "cada" => {
                set = true;
                k += 1;
                if self.w(k) == "other" {
                    every_other = true;
                    k += 1;
                }
                if let Some((wd, _)) = self.weekday_word(k) {
                    return Some(Found::new(
                        i,
                        k + 1,
                        Kind::Set,
                        Some(TimeValue::EveryWeekday(wd)),
                    ));
                }
            }
            "il" if self.w(k + 1) == "y" && self.w(k + 2) == "a" => {
                ago_before = true;
                k += 3;
            }
            "hace" => {
                ago_before = true;
                k += 1;
            }
            "in" | "within" if self.w(k) == "in" => {
                future_in = true;
                k += 1;
            }
            "the"
                if matches!(
                    self.w(k + 1),
                    "past" | "last" | "coming" | "next" | "previous" | "following"
                ) =>
            {
                the_past = true;
                k += 2;
            }
            "aged" | "age" => {
                aged = true;
                k += 1;
            }
            _ => {}
        }
        let mut modifier = None;
        if !set
            && !ago_before
            && !aged
            && let Some((m, need)) = lexicon::qualifier(self.w(k))
        {
            match need {
                Some(word) if self.w(k + 1) == word => {
                    modifier = Some(m);
                    k += 2;
                }
                None if !(self.w(k) == "over" && self.w(k + 1) == "the") => {
                    modifier = Some(m);
                    k += 1;
                }
                _ => {}
            }
        }
        if aged {
            let n = self.num(k).filter(|&n| self.digits(k) <= 3 && n < 130)?;
            let value = TimeValue::Duration(Duration {
                amount: Some(n),
                unit: Unit::Year,
            });
            return Some(Found::new(i, k + 1, Kind::Age, Some(value)));
        }
        // `the past week`, `the last year` (no amount), `every year`.
        let (amount, mut k2) = match self.amount(k) {
            Some(x) => x,
            // `the past week` is one week, `the coming days` some days.
            None if the_past || set => {
                let w = self.w(k);
                (
                    if w.ends_with('s') && !matches!(w, "mois" | "mes") {
                        None
                    } else {
                        Some(1)
                    },
                    k,
                )
            }
            // `for decades`, `over months`: a vague amount.
            None if matches!(
                self.prev(k),
                "for" | "over" | "within" | "pendant" | "durante"
            ) && self.w(k).ends_with('s')
                && lexicon::unit(self.w(k)).is_some() =>
            {
                (None, k)
            }
            // `decade-long` (one), `years ago` (some).
            None if lexicon::unit(self.w(k)).is_some()
                && ((self.w(k + 1) == "-" && self.w(k + 2) == "long")
                    || (self.w(k + 1) == "ago" && self.w(k).ends_with('s'))) =>
            {
                (if self.w(k + 1) == "-" { Some(1) } else { None }, k)
            }
            None => return None,
        };
        // `45-year-old`, `a six-month period`.
        let adjective = self.w(k2) == "-"
            && self.tight(k2)
            && self.tight(k2 + 1)
            && lexicon::unit(self.w(k2 + 1)).is_some();
        if adjective {
            k2 += 1;
        }
        let (unit, times) = lexicon::unit(self.w(k2))?;
        if future_in && amount.is_none() {
            return None;
        }
        let amount = amount.map(|n| n * times * if every_other { 2 } else { 1 });
        let duration = Duration { amount, unit };
        let mut e = k2 + 1;
        // `an hour-long call`, `a decade-long conflict`, `a two-day-long visit`.
        if self.w(e) == "-" && self.tight(e) && self.w(e + 1) == "long" && self.tight(e + 1) {
            let s = if matches!(self.w(k), "a" | "an") {
                k2
            } else {
                k
            };
            return self.duration_found(s, e + 2, duration, None);
        }
        // Ages: `45-year-old`, `45 years old`, `five-month-old`.
        if (adjective && self.w(e) == "-" && self.w(e + 1) == "old")
            || (!adjective && self.w(e) == "old")
        {
            if amount.is_none() || set || the_past {
                return None;
            }
            e += if adjective { 2 } else { 1 };
            return Some(Found::new(
                k,
                e,
                Kind::Age,
                Some(TimeValue::Duration(duration)),
            ));
        }
        if set {
            return Some(Found::new(
                i,
                e,
                Kind::Set,
                Some(TimeValue::Every(duration)),
            ));
        }
        if the_past {
            let w1 = self.w(i + 1);
            if matches!(w1, "next" | "following" | "previous") && amount == Some(1) && k2 == k {
                return None; // `the next day`: an offset, see `relative_at`
            }
            let mut f = Found::new(i, e, Kind::Duration, Some(TimeValue::Duration(duration)));
            f.modifier = modifier;
            return Some(f);
        }
        // `two weeks ago`, `il y a deux semaines`, `hace dos semanas`.
        if ago_before
            || matches!(
                self.w(e),
                "ago"
                    | "earlier"
                    | "later"
                    | "after"
                    | "before"
                    | "afterwards"
                    | "apres"
                    | "avant"
                    | "despues"
                    | "antes"
                    | "plus"
            )
        {
            let suffix = self.w(e);
            let ago = ago_before || suffix == "ago";
            if ago {
                let end = if ago_before { e } else { e + 1 };
                let value = match amount {
                    Some(n) => self.shift(unit, -(n as i64)).map(TimeValue::Point),
                    None => None,
                };
                let mut f = Found::new(i, end, Kind::Date, value);
                f.modifier = modifier;
                return Some(f);
            }
            if modifier.is_some() {
                return None;
            }
            let (after, end) = match suffix {
                "later" | "after" | "afterwards" | "apres" | "despues" => (true, e + 1),
                "plus" if self.w(e + 1) == "tard" => (true, e + 2),
                "plus" => return self.duration_found(i, e, duration, modifier),
                _ => (false, e + 1),
            };
            return Some(Found::new(
                i,
                end,
                Kind::Anchored,
                Some(TimeValue::Offset { after, duration }),
            ));
        }
        if future_in {
            if self.w(e) == "of" || adjective {
                return None;
            }
            let n = amount? as i64;
            return Found::date(i, e, self.shift(unit, n));
        }
        // A bare `a`/`one` + unit is a duration only after `for`/`over` or with a qualifier.
        if amount == Some(1)
            && modifier.is_none()
            && !matches!(self.prev(k), "for" | "pendant" | "durante" | "within")
            && !adjective
        {
            return None;
        }
        self.duration_found(
            if modifier.is_some() { i } else { k },
            e,
            duration,
            modifier,
        )
    }

    fn duration_found(
        &self,
        s: usize,
        e: usize,
        duration: Duration,
        modifier: Option<Modifier>,
    ) -> Option<Found> {
        let mut f = Found::new(s, e, Kind::Duration, Some(TimeValue::Duration(duration)));
        f.modifier = modifier;
        Some(f)
    }

    /// A calendar point inside a range: full date, month-year, bare month, year, or a bare
    /// day (to take its month and year from the other end).
    fn range_end(&self, i: usize) -> Option<(Cal, usize)> {
        if let Some((cal, e, _, _)) = self.day_month(i) {
            return Some((cal, e));
        }
        if let Some((y, e)) = self.year_num(i) {
            return Some((
                Cal {
                    year: Some(y),
                    ..Cal::default()
                },
                e,
            ));
        }
        let (d, e) = self.day_num(i)?;
        if self.kind(i) == Some(TokKind::Num) && self.digits(i) > 2 {
            return None;
        }
        // A bare day may carry the year: `February 17 to 28, 2020`.
        let (year, e2) = if self.w(e) == "," {
            self.year_after(e)
        } else {
            (None, e)
        };
        Some((
            Cal {
                year,
                month: None,
                day: Some(d),
            },
            e2,
        ))
    }

    /// Ranges: `from 2010 to 2015`, `between 2015 and 2020`, `2022-2023`, `2021/22`,
    /// `21-23 July 2006`, `Oct. 22-24, 2023`, `from March 4 to 5`, `du 4 au 6 mars`.
    fn range_at(&self, i: usize) -> Option<Found> {
        let opener = self.w(i);
        let (k, between) = match opener {
            "from" | "du" | "desde" => (i + 1, false),
            "between" | "entre" => (i + 1, true),
            _ => (i, false),
        };
        // Numbers in a URL path (`blogspot.com/2005/10/`) are not a range.
        if k > 0 && self.tight(k) && matches!(self.w(k - 1), "/" | ".") {
            return None;
        }
        let (mut left, k2) = self.range_end(k)?;
        let conn = self.w(k2);
        let ok = match conn {
            "to" | "until" | "till" | "through" | "au" | "al" | "hasta" | "a" => {
                k > i || conn == "through"
            }
            "and" | "et" | "y" => between,
            "-" => true,
            "/" => self.tight(k2) && self.tight(k2 + 1),
            _ => false,
        };
        if !ok {
            return None;
        }
        // Two-digit second year: `2022-23`, `2021/22`.
        if left.month.is_none()
            && let Some(y) = left.year
            && self.kind(k2 + 1) == Some(TokKind::Num)
            && self.digits(k2 + 1) == 2
            && matches!(conn, "-" | "/")
            && self.tight(k2 + 1)
        {
            let yy = self.num(k2 + 1)? as i16;
            let to = y / 100 * 100 + yy;
            if to <= y || to - y > 10 {
                return None;
            }
            let value = TimeValue::Range {
                from: Point::Year(y),
                to: Point::Year(to),
            };
            return Some(Found::new(i, k2 + 2, Kind::Range, Some(value)));
        }
        let (mut right, e) = self.range_end(k2 + 1)?;
        // Fill what each end leaves out from the other.
        if left.month.is_none() && left.day.is_some() {
            left.month = right.month;
        }
        if right.month.is_none() && right.day.is_some() {
            right.month = left.month;
        }
        if left.year.is_none() && left.month.is_some() {
            left.year = right.year;
        }
        if right.year.is_none() && right.month.is_some() {
            right.year = left.year;
        }
        // Both ends must be of the same kind (years with years, days with days).
        if left.month.is_none() != right.month.is_none()
            || left.day.is_none() != right.day.is_none()
        {
            return None;
        }
        if left.month.is_none() && (left.year.is_none() || right.year.is_none()) {
            return None;
        }
        // A hyphen between bare numbers needs a month around (`21-23 July`), not a score.
        if k == i
            && conn == "-"
            && left.month.is_none()
            && !(left.year.is_some() && self.tight(k2) && self.tight(k2 + 1))
        {
            return None;
        }
        let tense = self.tense_at(i, e);
        let from = self.resolve_cal(left, tense)?;
        let mut to = self.resolve_cal(
            Cal {
                year: right.year.or(match from {
                    Point::Day(d) => Some(d.year()),
                    Point::Month { year, .. } => Some(year),
                    _ => None,
                }),
                ..right
            },
            tense,
        )?;
        if to.interval()?.last < from.interval()?.first {
            // `December to February`: the end is in the next year.
            to = match to {
                Point::Day(d) => Point::Day(Date::new(d.year() + 1, d.month(), d.day()).ok()?),
                Point::Month { year, month } => Point::Month {
                    year: year + 1,
                    month,
                },
                _ => return None,
            };
        }
        if from == to {
            return None;
        }
        Some(Found::new(
            i,
            e,
            Kind::Range,
            Some(TimeValue::Range { from, to }),
        ))
    }
}

fn week_of(d: Date) -> Point {
    let w = d.iso_week_date();
    Point::Week {
        year: w.year(),
        week: w.week(),
    }
}

fn month_point(index: i32) -> Point {
    Point::Month {
        year: index.div_euclid(12) as i16,
        month: (index.rem_euclid(12) + 1) as i8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn one(text: &str, anchor: Anchor) -> TimeExpr {
        let mut found = Tagger::new().tag_with(text, anchor);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.pop().unwrap()
    }

    #[test]
    fn tagger_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Tagger>();
        assert_send_sync::<TimeExpr>();
    }

    #[test]
    fn month_first_order_reads_ambiguous_numeric_dates_the_us_way() {
        let text = "The ruling of 03/04/2021 was appealed.";
        let us = Tagger::with_date_order(DateOrder::MonthFirst).tag(text, date("2022-05-24"));
        assert_eq!(us[0].value.unwrap().to_string(), "2021-03-04");
        // Unambiguous dates read the only possible way in either order.
        let us =
            Tagger::with_date_order(DateOrder::MonthFirst).tag("on 21/07/2006", date("2022-05-24"));
        assert_eq!(us[0].value.unwrap().to_string(), "2006-07-21");
    }

    #[test]
    fn intervals_follow_modifiers_and_clips() {
        let a = Anchor::new(date("2022-05-24"));
        let mid = one("in mid-November 2020", a);
        assert_eq!(mid.interval.unwrap().to_string(), "2020-11-11..2020-11-20");
        assert_eq!(mid.precision, Some(crate::Precision::Month));
        let late = one("in late 2019", a);
        assert_eq!(late.interval.unwrap().first, date("2019-09-01"));
        let earlier = one("Earlier this month, talks failed.", a);
        assert_eq!(
            earlier.interval.unwrap().to_string(),
            "2022-05-01..2022-05-24"
        );
        let later = one("Elections are due later this year.", a);
        assert_eq!(
            later.interval.unwrap().to_string(),
            "2022-05-24..2022-12-31"
        );
        let winter = one("Gas shortages are feared next winter.", a);
        assert_eq!(
            winter.interval.unwrap().to_string(),
            "2022-12-01..2023-02-28"
        );
        let week = one("They met last week.", a);
        assert_eq!(week.interval.unwrap().to_string(), "2022-05-16..2022-05-22");
        let decade = one("in the 1990s", a);
        assert_eq!(
            decade.interval.unwrap().to_string(),
            "1990-01-01..1999-12-31"
        );
        assert!(one("for three years", a).interval.is_none());
    }

    #[test]
    fn caller_tense_overrides_the_guess() {
        let text = "The minister said he travels to Algiers on Friday.";
        let a = Anchor::new(date("2022-05-24"));
        assert_eq!(one(text, a).value.unwrap().to_string(), "2022-05-20");
        assert_eq!(
            one(text, a.with_tense(Tense::Future))
                .value
                .unwrap()
                .to_string(),
            "2022-05-27"
        );
    }

    #[test]
    fn guesses_tense_from_the_nearest_marker() {
        let text = "The minister will visit Rabat on Wednesday, officials said.";
        let at = text.find("Wednesday").unwrap();
        assert_eq!(
            guess_tense(text, Span::new(at, at + 9)),
            Some(Tense::Future)
        );
        let text = "The minister said on Wednesday that he will visit Rabat.";
        let at = text.find("Wednesday").unwrap();
        assert_eq!(guess_tense(text, Span::new(at, at + 9)), Some(Tense::Past));
        assert_eq!(guess_tense("Talks on Wednesday.", Span::new(9, 18)), None);
    }

    #[test]
    fn buffers_are_reused_and_spans_are_byte_offsets() {
        let tagger = Tagger::new();
        let mut buffer = TagBuffer::default();
        let mut out = Vec::new();
        let text = "« Le 21 juillet 2006 », dit-il ; puis le 1er juin.";
        tagger.tag_into(text, Anchor::new(date("2022-05-24")), &mut buffer, &mut out);
        tagger.tag_into(
            "Hier.",
            Anchor::new(date("2022-05-24")),
            &mut buffer,
            &mut out,
        );
        let texts: Vec<&str> = out.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["21 juillet 2006", "1er juin", "Hier"]);
        assert_eq!(&text[out[0].span.range()], "21 juillet 2006");
    }

    #[test]
    fn sentence_spans_map_back_to_the_document() {
        let doc = "Talks failed. They will resume on Friday.";
        let sentence = Span::new(14, doc.len());
        let mut out = Vec::new();
        let anchor = Anchor::new(date("2022-05-24")).with_tense(Tense::Future);
        Tagger::new().tag_span_into(doc, sentence, anchor, &mut TagBuffer::default(), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(&doc[out[0].span.range()], "Friday");
        assert_eq!(out[0].value.unwrap().to_string(), "2022-05-27");
    }

    #[test]
    fn expressions_serialise_to_json() {
        let e = one("on 21 July 2006", Anchor::new(date("2022-05-24")));
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.contains("\"kind\":\"date\""), "{json}");
        assert!(json.contains("2006-07-21"), "{json}");
        let back: TimeExpr = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e);
    }
}
