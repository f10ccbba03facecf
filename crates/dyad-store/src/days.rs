//! Day numbers (days since 1970-01-01) and the day interval of an event's date.
//!
//! The store keeps dates as day numbers so that interval overlap, rollups and periods are
//! integer arithmetic and index ranges.

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn day_number(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day number.
pub fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A day number as `YYYY-MM-DD`.
pub fn iso(days: i64) -> String {
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The day number of a `YYYY-MM-DD` date (a longer string is read up to its tenth byte).
pub fn parse_day(text: &str) -> Option<i64> {
    let t = text.get(..10)?;
    let b = t.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = t[..4].parse().ok()?;
    let m: u32 = t[5..7].parse().ok()?;
    let d: u32 = t[8..10].parse().ok()?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(day_number(y, m, d))
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// 0 for Monday … 6 for Sunday.
pub fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// The first and last day of an ISO date value at its precision: `2022-05-24` (one day),
/// `2022-05` (a month), `2022` (a year), `2022-W21` (an ISO week), `2022-Q2` (a quarter).
/// Anything else gives `None`.
pub fn interval(value: &str) -> Option<(i64, i64)> {
    let v = value.trim();
    if v.len() >= 10 {
        let d = parse_day(v)?;
        return Some((d, d));
    }
    let year: i64 = v.get(..4)?.parse().ok()?;
    let rest = &v[4..];
    if rest.is_empty() {
        return Some((day_number(year, 1, 1), day_number(year, 12, 31)));
    }
    let rest = rest.strip_prefix('-')?;
    if let Some(q) = rest.strip_prefix('Q') {
        let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        let first = 3 * (q - 1) + 1;
        return Some((
            day_number(year, first, 1),
            day_number(year, first + 2, days_in_month(year, first + 2)),
        ));
    }
    if let Some(w) = rest.strip_prefix('W') {
        let w: i64 = w.parse().ok().filter(|w| (1..=53).contains(w))?;
        // ISO week 1 holds January 4th.
        let jan4 = day_number(year, 1, 4);
        let monday = jan4 - weekday(jan4) + 7 * (w - 1);
        return Some((monday, monday + 6));
    }
    let m: u32 = rest.parse().ok().filter(|m| (1..=12).contains(m))?;
    Some((
        day_number(year, m, 1),
        day_number(year, m, days_in_month(year, m)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2000, 3, 1), 11_017);
        for d in [-800_000, -1, 0, 59, 365, 11_016, 19_000, 30_000] {
            let (y, m, dd) = civil(d);
            assert_eq!(day_number(y, m, dd), d);
        }
        assert_eq!(iso(day_number(2024, 2, 29)), "2024-02-29");
        assert_eq!(parse_day("2023-02-29"), None);
    }

    #[test]
    fn intervals_at_each_precision() {
        let d = |s| parse_day(s).unwrap();
        assert_eq!(
            interval("2022-05-24"),
            Some((d("2022-05-24"), d("2022-05-24")))
        );
        assert_eq!(
            interval("2022-02"),
            Some((d("2022-02-01"), d("2022-02-28")))
        );
        assert_eq!(interval("2021"), Some((d("2021-01-01"), d("2021-12-31"))));
        assert_eq!(
            interval("2021-Q2"),
            Some((d("2021-04-01"), d("2021-06-30")))
        );
        // ISO week 1 of 2021 starts on Monday 4 January.
        assert_eq!(
            interval("2021-W01"),
            Some((d("2021-01-04"), d("2021-01-10")))
        );
        assert_eq!(interval("P3Y"), None);
        assert_eq!(weekday(d("2026-11-30")), 0, "a Monday");
    }
}
