//! In-document merging: the same event reported several times in one article is one event with
//! several mentions (`docs/codebook.md`, section 2).
//!
//! "Blinken met with Bourita … Blinken also met with Bourita to discuss …" gives the coder two
//! events; [`merge_mentions`] keeps the first and lists both reports in its
//! [`Event::mentions`]. Two events of a document merge when they have
//!
//! - a target on both (an event without one has an unknown target, so two of them are never
//!   known to be one act);
//! - the same source and target codes, or the codes swapped when the event is symmetric or its
//!   code is one of a pair that names one act from either side ([`TWO_WAY_CODES`]: A visits B,
//!   042, is B hosting A, 043);
//! - the same CAMEO code (or the paired code, with swapped actors);
//! - the same modality, and the same symmetric flag unless the code is the same (a directed
//!   and a symmetric report of one meeting are one event);
//! - compatible dates: the same, or one containing the other at its precision (`2023-10`
//!   contains `2023-10-23`); an unknown date is compatible with any.
//!
//! The first mention (in document order) stays the event's sentence, trigger and actor spans;
//! every event leaves with its mentions listed, its own first.

use crate::coder::{Event, Mention};

/// The mention an event was coded from (its own sentence and trigger).
pub fn own_mention(event: &Event) -> Mention {
    Mention {
        sentence: event.sentence,
        trigger: event.trigger,
    }
}

/// Pairs of CAMEO codes that name one act seen from either side, with source and target
/// swapped: making a visit (042) and hosting it (043).
pub const TWO_WAY_CODES: &[(&str, &str)] = &[("042", "043")];

/// The code naming the same act from the other side, if `code` is one of a pair.
pub fn paired_code(code: &str) -> Option<&'static str> {
    TWO_WAY_CODES.iter().find_map(|&(a, b)| {
        if code == a {
            Some(b)
        } else if code == b {
            Some(a)
        } else {
            None
        }
    })
}

/// Whether two partial ISO dates (`2023`, `2023-10`, `2023-10-23`) can name the same day: equal,
/// or one a prefix of the other at a `-` boundary; `None` (unknown) is compatible with any.
pub fn compatible_dates(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long == short || (long.starts_with(short) && long.as_bytes().get(short.len()) == Some(&b'-'))
}

/// Whether two events can have happened on the same day: their date intervals overlap. A date
/// taken from the document's reference time (the sentence gave none) says nothing about the
/// event, so it is compatible with any.
fn dates_overlap(a: &Event, b: &Event) -> bool {
    let known = |e: &Event| {
        e.date
            .as_ref()
            .filter(|d| d.source != crate::dating::DateSource::Report)
            .map(|d| d.interval)
    };
    match (known(a), known(b)) {
        (Some(x), Some(y)) => x.first <= y.last && y.first <= x.last,
        _ => true,
    }
}

/// Whether `later` reports the same event as `first` (see the module documentation).
pub fn same_event(first: &Event, later: &Event) -> bool {
    // An event without a target has an unknown (uncoded) one: two of them cannot be told to
    // be the same act ("will meet with senior government officials" in Senegal, then in
    // Mauritania, then in France).
    // Two events of one trigger are two acts (a two-way code: "X visited Y" is X → Y 042 and
    // Y → X 043) unless they are the same event found twice (a compound subject read two
    // ways): those collapse into one.
    if first.sentence.index == later.sentence.index && first.trigger == later.trigger {
        return first.source.code == later.source.code
            && first.target.as_ref().map(|t| &t.code) == later.target.as_ref().map(|t| &t.code)
            && first.cameo == later.cameo
            && first.symmetric == later.symmetric
            && first.modality == later.modality;
    }
    // A directed report and a symmetric report of one act between the same two actors ("X met
    // with Y" … "X and Y discussed") are one event: the symmetric one names both directions.
    let either_symmetric = first.symmetric || later.symmetric;
    if first.target.is_none()
        || later.target.is_none()
        || (first.symmetric != later.symmetric && first.cameo != later.cameo)
        || first.modality != later.modality
        || !dates_overlap(first, later)
    {
        return false;
    }
    let src = |e: &Event| e.source.code.as_str().to_string();
    let tgt = |e: &Event| e.target.as_ref().map(|t| t.code.as_str().to_string());
    let same_dyad = src(first) == src(later) && tgt(first) == tgt(later);
    let swapped = tgt(first).as_deref() == Some(src(later).as_str())
        && tgt(later).as_deref() == Some(src(first).as_str());
    let (a, b) = (first.cameo.as_str(), later.cameo.as_str());
    if a == b {
        same_dyad || (either_symmetric && swapped)
    } else {
        paired_code(a) == Some(b) && swapped
    }
}

/// Merges the events of one document (in document order) that report the same event; every
/// event leaves with [`Event::mentions`] listing its reports, first its own. Returns the events
/// kept, in document order.
pub fn merge_mentions(events: Vec<Event>) -> Vec<Event> {
    let mut kept: Vec<Event> = Vec::with_capacity(events.len());
    for mut event in events {
        let mention = own_mention(&event);
        if let Some(first) = kept.iter_mut().find(|k| same_event(k, &event)) {
            if !first.mentions.contains(&mention) {
                first.mentions.push(mention);
            }
            if first.attributed_to.is_none() {
                first.attributed_to = event.attributed_to.take();
            }
            continue;
        }
        event.mentions.clear();
        event.mentions.push(mention);
        kept.push(event);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Coder;
    use dyad_lexicon::DictDate;

    fn coder() -> Coder {
        Coder::builder().build().expect("coder")
    }

    fn date() -> DictDate {
        DictDate::parse("20230301").unwrap()
    }

    fn describe(e: &Event) -> String {
        format!(
            "{} {} {} {}",
            e.source.code,
            e.target.as_ref().map_or("-", |t| t.code.as_str()),
            e.cameo,
            e.mentions.len()
        )
    }

    #[test]
    fn same_meeting_reported_twice_is_one_event_with_two_mentions() {
        let text = "Morocco met with Algeria in Rabat on Monday. Later, Morocco also met with \
                    Algeria in Tunis.";
        let events = coder().code_text(text, date());
        let got: Vec<String> = events.iter().map(describe).collect();
        assert_eq!(got, ["MAR DZA 040 2"]);
        let e = &events[0];
        assert_eq!(e.sentence.index, 0);
        assert_eq!(e.mentions[0], own_mention(e));
        assert_eq!(e.mentions[1].sentence.index, 1);
        assert_eq!(e.mentions[1].trigger.slice(text), "met with");
        assert!(e.mentions[1].trigger.start > e.mentions[0].trigger.end);
    }

    #[test]
    fn different_targets_codes_or_modalities_stay_apart() {
        let text = "Morocco met with Algeria. Morocco met with Tunisia. Morocco condemned \
                    Algeria. Morocco will meet with Algeria.";
        let events = coder().code_text(text, date());
        let got: Vec<String> = events
            .iter()
            .map(|e| format!("{} {}", describe(e), e.modality))
            .collect();
        assert_eq!(
            got,
            [
                "MAR DZA 040 1 asserted",
                "MAR TUN 040 1 asserted",
                "MAR DZA 111 1 asserted",
                "MAR DZA 040 1 future"
            ]
        );
    }

    #[test]
    fn events_without_targets_never_merge() {
        // "will meet with senior government officials" in Senegal, then in Mauritania: the
        // targets have no code, so the two meetings cannot be known to be one.
        let mut first = coder()
            .code_text("Morocco met with Algeria.", date())
            .remove(0);
        first.target = None;
        let mut later = first.clone();
        later.sentence.index = 1;
        assert!(!same_event(&first, &later));
        assert_eq!(merge_mentions(vec![first, later]).len(), 2);
    }

    #[test]
    fn visit_and_host_are_one_event_seen_from_both_sides() {
        let mut events = coder().code_text(
            "Tunisian President Kais Saied visited Algeria on Monday. Algeria hosted Tunisian \
             President Kais Saied.",
            date(),
        );
        // Whatever the coder makes of the second sentence, the rule itself:
        let visit = events.remove(0);
        assert_eq!(visit.cameo.as_str(), "042");
        let mut host = visit.clone();
        host.cameo = "043".parse().unwrap();
        std::mem::swap(&mut host.source, host.target.as_mut().unwrap());
        host.sentence.index = 1;
        assert!(same_event(&visit, &host));
        let merged = merge_mentions(vec![visit.clone(), host.clone()]);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].mentions.len(), 2);
        // Hosting without swapping the actors is another event.
        let mut other = host.clone();
        std::mem::swap(&mut other.source, other.target.as_mut().unwrap());
        assert!(!same_event(&visit, &other));
    }

    #[test]
    fn symmetric_events_merge_in_either_order() {
        let events = coder().code_text(
            "Morocco and Algeria met in Rabat. Algeria and Morocco met.",
            date(),
        );
        let got: Vec<String> = events.iter().map(describe).collect();
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(events[0].symmetric);
        assert_eq!(events[0].mentions.len(), 2);
    }

    #[test]
    fn dates_compatible_at_their_precision() {
        assert!(compatible_dates(Some("2023-10"), Some("2023-10-23")));
        assert!(compatible_dates(Some("2023-10-23"), Some("2023")));
        assert!(compatible_dates(None, Some("2023")));
        assert!(!compatible_dates(Some("2023-10-23"), Some("2023-10-24")));
        assert!(!compatible_dates(Some("2023-1"), Some("2023-10-24")));
        assert!(!compatible_dates(Some("2022"), Some("2023-10")));
    }

    #[test]
    fn paired_codes() {
        assert_eq!(paired_code("042"), Some("043"));
        assert_eq!(paired_code("043"), Some("042"));
        assert_eq!(paired_code("040"), None);
    }
}
