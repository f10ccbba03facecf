//! `GET /api/events` (a page of events) and `GET /api/events/{id}` (one event with its sibling
//! reports).

use axum::Json;
use axum::extract::State;
use dyad_store::{EventQuery, StoredEvent};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::extract::{ApiPath, ApiQuery};
use crate::params;
use crate::state::AppState;

/// The query parameters of `GET /api/events`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventsParams {
    /// Events whose source or target is this actor.
    pub actor: Option<String>,
    /// With `b`: events between `a` and `b`.
    pub a: Option<String>,
    /// With `a`.
    pub b: Option<String>,
    /// Only `a` → `b` (not `b` → `a`).
    pub directed: Option<bool>,
    /// CAMEO root, `01` … `20`.
    pub root: Option<String>,
    /// Dated on or after (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Dated on or before.
    pub to: Option<String>,
    /// Only the events that series count (asserted, not historical).
    pub counted: Option<bool>,
    /// Codes match exactly, not their extensions.
    pub exact: Option<bool>,
    /// `events` (default): every event the filters select; `clusters`: one event per cluster,
    /// its representative — what a `count=clusters` series counts in a period's bar.
    pub count: Option<String>,
    /// Page size (default 50, at most the server's limit).
    pub limit: Option<usize>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A page of events.
#[derive(Debug, Clone, Serialize)]
pub struct EventsPage {
    /// The events, in store order.
    pub events: Vec<StoredEvent>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// One event with the other reports of its cluster.
#[derive(Debug, Clone, Serialize)]
pub struct EventDetail {
    /// The event, with its cluster and the ids of its siblings.
    pub event: StoredEvent,
    /// The sibling reports themselves (the first [`MAX_SIBLING_REPORTS`]).
    pub sibling_reports: Vec<StoredEvent>,
}

/// The most sibling reports returned with an event.
pub const MAX_SIBLING_REPORTS: usize = 20;

/// `GET /api/events`.
pub async fn events(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<EventsParams>,
) -> Result<Json<EventsPage>, ApiError> {
    let config = state.config();
    let limit = p.limit.unwrap_or(config.default_page);
    if limit == 0 || limit > config.max_page {
        return Err(ApiError::bad_request(format!(
            "limit: expected 1 to {}, got {limit}",
            config.max_page
        )));
    }
    let actor = p
        .actor
        .as_deref()
        .map(|s| params::actor_code("actor", s))
        .transpose()?;
    let dyad = match (p.a.as_deref(), p.b.as_deref()) {
        (Some(a), Some(b)) => Some((params::actor_code("a", a)?, params::actor_code("b", b)?)),
        (None, None) => None,
        _ => return Err(ApiError::bad_request("a and b: give both or neither")),
    };
    let directed = p.directed.unwrap_or(false);
    if directed && dyad.is_none() {
        return Err(ApiError::bad_request("directed: needs a and b"));
    }
    let root = match p.root.as_deref() {
        None => None,
        Some(r) => {
            let ok = r.len() == 2 && r.parse::<u8>().is_ok_and(|n| (1..=20).contains(&n));
            if !ok {
                return Err(ApiError::bad_request(format!(
                    "root: expected a CAMEO root 01 to 20, got {r:?}"
                )));
            }
            Some(r.to_string())
        }
    };
    let count = params::count(p.count.as_deref())?;
    let (from, to) = params::range(p.from.as_deref(), p.to.as_deref())?;
    if let Some(c) = p.cursor.as_deref()
        && c.parse::<i64>().is_err()
    {
        return Err(ApiError::bad_request(format!(
            "cursor: expected the next_cursor of a previous page, got {c:?}"
        )));
    }
    let query = EventQuery {
        actor,
        dyad,
        directed,
        root,
        from: from.map(|d| d.to_string()),
        to: to.map(|d| d.to_string()),
        exact: p.exact.unwrap_or(false),
        counted_only: p.counted.unwrap_or(false),
        cluster: None,
        count,
        limit: Some(limit),
        after: p.cursor,
    };
    let page = state
        .run_blocking(move |state| state.store()?.with(|store| store.events(&query)))
        .await?;
    Ok(Json(EventsPage {
        events: page.items,
        next_cursor: page.next,
    }))
}

/// `GET /api/events/{id}`.
pub async fn event(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<EventDetail>, ApiError> {
    let ok = (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_hexdigit());
    if !ok {
        return Err(ApiError::bad_request(format!(
            "id: expected an event id (hexadecimal), got {id:?}"
        )));
    }
    let detail = state
        .run_blocking(move |state| {
            state.store()?.with(|store| {
                let Some(event) = store.event(&id)? else {
                    return Ok(None);
                };
                let mut sibling_reports = Vec::new();
                for s in event.siblings.iter().take(MAX_SIBLING_REPORTS) {
                    if let Some(e) = store.event(&s.event_id)? {
                        sibling_reports.push(e);
                    }
                }
                Ok(Some((event, sibling_reports)))
            })
        })
        .await?;
    match detail {
        Some((event, sibling_reports)) => Ok(Json(EventDetail {
            event,
            sibling_reports,
        })),
        None => Err(ApiError::not_found("no event with this id")),
    }
}
