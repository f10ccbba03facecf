//! `GET /api/dyad`: a dyad's timeline, both directions, as JSON, CSV or SVG.

use std::sync::Arc;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use dyad_store::{DyadQuery, DyadSeries, Period};
use serde::Deserialize;

use crate::cache::RenderedBody;
use crate::chart::{ChartPeriod, ChartSeries, DirectionSeries, render_svg};
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::params;
use crate::state::AppState;

/// The query parameters of `GET /api/dyad`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesParams {
    /// One actor code.
    pub a: String,
    /// The other.
    pub b: String,
    /// `day`, `week`, `month` (default) or `year`.
    pub by: Option<String>,
    /// First day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day.
    pub to: Option<String>,
    /// `events` (default) or `clusters`.
    pub count: Option<String>,
    /// `json` (default), `csv` or `svg`.
    pub format: Option<String>,
    /// Codes match exactly, not their extensions (`MAR` then does not match `MARGOV`).
    pub exact: Option<bool>,
    /// Count historical (background) events too.
    pub historical: Option<bool>,
}

/// The output formats of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Csv,
    Svg,
}

/// The name of a period length, as the `by` parameter gives it.
fn by_name(by: Period) -> &'static str {
    match by {
        Period::Day => "day",
        Period::Week => "week",
        Period::Month => "month",
        Period::Year => "year",
    }
}

/// The number of periods of length `by` between two days (an upper bound).
fn periods_between(from: jiff::civil::Date, to: jiff::civil::Date, by: Period) -> i64 {
    let days = i64::from((to - from).get_days()) + 1;
    match by {
        Period::Day => days,
        Period::Week => days / 7 + 2,
        Period::Month => i64::from(to.year() - from.year()) * 12 + 13,
        Period::Year => i64::from(to.year() - from.year()) + 1,
    }
}

/// `GET /api/dyad`.
pub async fn dyad(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(p): ApiQuery<SeriesParams>,
) -> Result<Response, ApiError> {
    let a = params::actor_code("a", &p.a)?;
    let b = params::actor_code("b", &p.b)?;
    let by = match p.by.as_deref() {
        None | Some("") => Period::Month,
        Some(s) => Period::parse(s).ok_or_else(|| {
            ApiError::bad_request(format!("by: expected day, week, month or year, got {s:?}"))
        })?,
    };
    let count = params::count(p.count.as_deref())?;
    let format = match p.format.as_deref() {
        None | Some("") | Some("json") => Format::Json,
        Some("csv") => Format::Csv,
        Some("svg") => Format::Svg,
        Some(s) => {
            return Err(ApiError::bad_request(format!(
                "format: expected json, csv or svg, got {s:?}"
            )));
        }
    };
    let (from, to) = params::range(p.from.as_deref(), p.to.as_deref())?;
    let max_periods = state.config().max_periods;
    if let (Some(f), Some(t)) = (from, to) {
        let n = periods_between(f, t, by);
        if n > max_periods as i64 {
            return Err(too_many_periods(n, max_periods));
        }
    }
    let query = DyadQuery {
        period: by,
        from: from.map(|d| d.to_string()),
        to: to.map(|d| d.to_string()),
        count,
        exact: p.exact.unwrap_or(false),
        include_historical: p.historical.unwrap_or(false),
        ..DyadQuery::new(&a, &b)
    };
    // The answer depends on these values only (checked and normalised above) and on the
    // store: reuse the rendered body while the store is unchanged.
    let key = format!(
        "{a} {b} {} {} {} {} {} {} {format:?}",
        by_name(query.period),
        query.from.as_deref().unwrap_or("-"),
        query.to.as_deref().unwrap_or("-"),
        query.count.name(),
        query.exact,
        query.include_historical,
    );
    let generation = if state.store()?.generation_is_cheap() {
        state.store()?.generation().ok()
    } else {
        state
            .run_blocking(|state| state.store()?.generation())
            .await
            .ok()
    };
    if let Some(generation) = generation
        && let Some(hit) = state.cache().get(&key, generation)
    {
        return Ok(hit.respond(&headers));
    }
    let rendered = state
        .run_blocking(move |state| {
            let series = state.store()?.with(|store| store.dyad_series(&query))?;
            if series.periods.len() > max_periods {
                return Err(too_many_periods(series.periods.len() as i64, max_periods));
            }
            render(&series, format).map(Arc::new)
        })
        .await?;
    if let Some(generation) = generation {
        state.cache().insert(key, generation, rendered.clone());
    }
    Ok(rendered.respond(&headers))
}

/// The 400 of a series with more than `max` periods.
fn too_many_periods(n: i64, max: usize) -> ApiError {
    ApiError::bad_request(format!(
        "the series would have {n} periods, more than {max}: use a longer period (by) or a shorter range (from, to)"
    ))
}

/// The series in `format`, rendered once.
fn render(series: &DyadSeries, format: Format) -> Result<RenderedBody, ApiError> {
    Ok(match format {
        Format::Json => RenderedBody::new(
            "application/json",
            None,
            serde_json::to_vec(series)
                .map_err(|e| ApiError::internal(format!("writing the series as JSON: {e}")))?,
        ),
        Format::Csv => RenderedBody::new(
            "text/csv; charset=utf-8",
            Some("inline; filename=\"dyad-series.csv\""),
            series.to_csv().into_bytes(),
        ),
        Format::Svg => RenderedBody::new(
            "image/svg+xml; charset=utf-8",
            None,
            render_svg(&chart_series(series)).into_bytes(),
        ),
    })
}

/// The last day of the period of length `by` that starts on `start`.
fn period_end(start: jiff::civil::Date, by: Period) -> jiff::civil::Date {
    match by {
        Period::Day => start,
        Period::Week => start
            .checked_add(jiff::Span::new().days(6))
            .unwrap_or(start),
        Period::Month => start.last_of_month(),
        Period::Year => start.last_of_year(),
    }
}

/// The chart of a series.
pub fn chart_series(s: &DyadSeries) -> ChartSeries {
    let direction =
        |source: &str,
         target: &str,
         pick: fn(&dyad_store::SeriesPeriod) -> &dyad_store::DirectionCounts| {
            DirectionSeries {
                source: source.to_string(),
                target: target.to_string(),
                quad_counts: s
                    .periods
                    .iter()
                    .map(|p| {
                        let c = pick(p);
                        [
                            c.verbal_cooperation,
                            c.material_cooperation,
                            c.verbal_conflict,
                            c.material_conflict,
                        ]
                    })
                    .collect(),
                goldstein_mean: s.periods.iter().map(|p| pick(p).goldstein_mean).collect(),
            }
        };
    ChartSeries {
        periods: s
            .periods
            .iter()
            .map(|p| {
                let to = p
                    .start
                    .parse::<jiff::civil::Date>()
                    .map(|d| period_end(d, s.period).to_string())
                    .unwrap_or_else(|_| p.start.clone());
                ChartPeriod {
                    label: p.period.clone(),
                    from: p.start.clone(),
                    to,
                }
            })
            .collect(),
        unit: s.count.name().into(),
        directions: [
            direction(&s.a, &s.b, |p| &p.a_to_b),
            direction(&s.b, &s.a, |p| &p.b_to_a),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_ends() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        assert_eq!(period_end(d("2024-02-01"), Period::Month), d("2024-02-29"));
        assert_eq!(period_end(d("2022-05-23"), Period::Week), d("2022-05-29"));
        assert_eq!(period_end(d("2022-01-01"), Period::Year), d("2022-12-31"));
        assert_eq!(period_end(d("2022-01-09"), Period::Day), d("2022-01-09"));
    }

    #[test]
    fn period_bounds_are_upper_bounds() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        assert_eq!(
            periods_between(d("2022-01-01"), d("2022-01-31"), Period::Day),
            31
        );
        assert!(periods_between(d("2022-01-15"), d("2022-03-01"), Period::Month) >= 3);
        assert_eq!(
            periods_between(d("2000-06-01"), d("2022-01-01"), Period::Year),
            23
        );
    }
}
