//! The input of every exporter: an event record with what the store knows about it.

use dyad_coder::EventRecord;
use jiff::civil::Date;

/// One event to export: the coder's record and what the store adds (cluster, counts, the
/// article's URL and outlet, when the event was added).
#[derive(Debug, Clone, PartialEq)]
pub struct ExportEvent {
    /// The event as `dyad code` prints it (`docs/event-schema.md`).
    pub record: EventRecord,
    /// The cluster of reports of the same real-world event across articles, when the store
    /// has clustered them.
    pub cluster_id: Option<String>,
    /// Articles reporting the event (GDELT's `NumArticles`).
    pub num_articles: u32,
    /// Distinct outlets reporting the event (GDELT's `NumSources`).
    pub num_sources: u32,
    /// Reports of the event, counting every mention in every article (GDELT's `NumMentions`).
    pub num_mentions: u32,
    /// The URL of the first article (GDELT's `SOURCEURL`).
    pub doc_url: Option<String>,
    /// The outlet that published the article (ICEWS's `Publisher`).
    pub source_name: Option<String>,
    /// When the event was added to the store (GDELT's `DATEADDED`).
    pub date_added: Option<jiff::Timestamp>,
}

impl ExportEvent {
    /// An event of one article, as `dyad code` prints it: one article, one source, as many
    /// mentions as the record lists, no cluster, URL or outlet.
    pub fn from_record(record: EventRecord) -> ExportEvent {
        let num_mentions = u32::try_from(record.mentions.len().max(1)).unwrap_or(u32::MAX);
        ExportEvent {
            record,
            cluster_id: None,
            num_articles: 1,
            num_sources: 1,
            num_mentions,
            doc_url: None,
            source_name: None,
            date_added: None,
        }
    }

    /// The event's day, as formats that need a full date write it: the event's date when it
    /// is a day; the first day of its month or year when it is one (`2021-12` → 2021-12-01);
    /// otherwise (weeks, quarters, seasons, no date) the report date.
    pub fn day(&self) -> Option<Date> {
        let r = &self.record;
        r.date
            .as_deref()
            .and_then(first_day)
            .or_else(|| r.report_date.as_deref().and_then(first_day))
    }
}

/// The first day of an ISO date, month (`2021-12`) or year (`2006`).
fn first_day(s: &str) -> Option<Date> {
    if let Ok(d) = s.parse::<Date>() {
        return Some(d);
    }
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let year = |s: &str| s.parse::<i16>().ok();
    match b.len() {
        4 if digits(0..4) => Date::new(year(s)?, 1, 1).ok(),
        7 if digits(0..4) && b[4] == b'-' && digits(5..7) => {
            Date::new(year(&s[..4])?, s[5..7].parse().ok()?, 1).ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::first_day;
    use jiff::civil::date;

    #[test]
    fn partial_dates_give_their_first_day() {
        assert_eq!(first_day("2022-05-24"), Some(date(2022, 5, 24)));
        assert_eq!(first_day("2021-12"), Some(date(2021, 12, 1)));
        assert_eq!(first_day("2006"), Some(date(2006, 1, 1)));
        assert_eq!(first_day("2021-Q2"), None);
        assert_eq!(first_day("2021-13"), None);
        assert_eq!(first_day("P3Y"), None);
    }
}
