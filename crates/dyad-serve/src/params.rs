//! Checks of the API's query parameters, each failure a 400 naming the parameter.

use crate::error::ApiError;

/// A CAMEO actor code (`MAR`, `MARGOV`, `IGOUNO`): upper-case letters and digits.
pub fn actor_code(name: &str, value: &str) -> Result<String, ApiError> {
    let ok = (1..=30).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if ok {
        Ok(value.to_string())
    } else {
        Err(ApiError::bad_request(format!(
            "{name}: expected a CAMEO actor code such as MAR or MARGOV, got {value:?}"
        )))
    }
}

/// What a series counts or a listing holds: `events` (the default), `clusters` or `daily`
/// (one a day).
pub fn count(value: Option<&str>) -> Result<dyad_store::Count, ApiError> {
    use dyad_store::Count;
    match value {
        None | Some("") | Some("events") => Ok(Count::Events),
        Some("clusters") => Ok(Count::Clusters),
        Some("daily") => Ok(Count::Daily),
        Some(s) => Err(ApiError::bad_request(format!(
            "count: expected events, clusters or daily, got {s:?}"
        ))),
    }
}

/// A day, `YYYY-MM-DD`.
pub fn day(name: &str, value: &str) -> Result<jiff::civil::Date, ApiError> {
    if value.len() != 10 {
        return Err(ApiError::bad_request(format!(
            "{name}: expected a date YYYY-MM-DD, got {value:?}"
        )));
    }
    value.parse().map_err(|e| {
        ApiError::bad_request(format!(
            "{name}: expected a date YYYY-MM-DD, got {value:?} ({e})"
        ))
    })
}

/// An optional `from`/`to` range, checked to be in order.
pub fn range(
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(Option<jiff::civil::Date>, Option<jiff::civil::Date>), ApiError> {
    let from = from
        .filter(|s| !s.is_empty())
        .map(|s| day("from", s))
        .transpose()?;
    let to = to
        .filter(|s| !s.is_empty())
        .map(|s| day("to", s))
        .transpose()?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(ApiError::bad_request(format!(
            "from ({f}) is after to ({t})"
        )));
    }
    Ok((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes() {
        assert!(actor_code("a", "MARGOV").is_ok());
        for bad in ["", "mar", "MAR GOV", "MAR'--", &"A".repeat(31)] {
            let e = actor_code("a", bad).unwrap_err();
            assert_eq!(e.status, 400);
            assert!(e.message.starts_with("a: "), "{}", e.message);
        }
    }

    #[test]
    fn days_and_ranges() {
        assert!(day("from", "2022-05-24").is_ok());
        for bad in ["2022-5-24", "24/05/2022", "2022-02-30", "yesterday"] {
            assert!(day("from", bad).unwrap_err().message.starts_with("from: "));
        }
        assert!(range(Some("2022-01-01"), Some("2022-01-01")).is_ok());
        assert!(range(Some(""), None).unwrap().0.is_none());
        let e = range(Some("2022-02-01"), Some("2022-01-01")).unwrap_err();
        assert!(e.message.contains("after"), "{}", e.message);
    }
}
