//! The English names of the days of the week and of the months, in lower case: words that head
//! a time phrase ("on Tuesday", "in March"), shared by the parser's repairs, the coder, the
//! geoparser and the harvester.

/// The days of the week, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The months, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The days named from today: "today", "yesterday", "tomorrow".
pub const DEICTIC_DAYS: [&str; 3] = ["today", "yesterday", "tomorrow"];

/// Whether `word` (any case) is a weekday, a month or a deictic day.
pub fn is_day_or_month(word: &str) -> bool {
    WEEKDAYS
        .iter()
        .chain(&MONTHS)
        .chain(&DEICTIC_DAYS)
        .any(|d| d.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_months_in_any_case() {
        assert!(is_day_or_month("Tuesday"));
        assert!(is_day_or_month("MARCH"));
        assert!(is_day_or_month("today"));
        assert!(!is_day_or_month("week"));
        assert!(!is_day_or_month("Rabat"));
    }
}
