//! `GET /api/actors`: actor codes and names for autocomplete.

use axum::Json;
use axum::extract::State;
use dyad_store::ActorEntry;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::state::AppState;

/// The query parameters of `GET /api/actors`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorsParams {
    /// The start of a code (`MAR`) or part of a name (`moroc`).
    pub q: String,
    /// How many (default 10, at most 50).
    pub limit: Option<usize>,
}

/// The answer of `GET /api/actors`.
#[derive(Debug, Clone, Serialize)]
pub struct ActorsResponse {
    /// Matching actors, most frequent first.
    pub actors: Vec<ActorEntry>,
}

/// The most actors one request returns.
pub const MAX_ACTORS: usize = 50;

/// `GET /api/actors`.
pub async fn actors(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<ActorsParams>,
) -> Result<Json<ActorsResponse>, ApiError> {
    let q = p.q.trim().to_string();
    if q.is_empty() || q.chars().count() > 100 {
        return Err(ApiError::bad_request("q: expected 1 to 100 characters"));
    }
    if q.chars().any(char::is_control) {
        return Err(ApiError::bad_request(
            "q: control characters (NUL, line breaks…) are not allowed",
        ));
    }
    let limit = p.limit.unwrap_or(10);
    if limit == 0 || limit > MAX_ACTORS {
        return Err(ApiError::bad_request(format!(
            "limit: expected 1 to {MAX_ACTORS}, got {limit}"
        )));
    }
    let actors = state
        .run_blocking(move |state| state.store()?.with(|store| store.actors(&q, limit)))
        .await?;
    Ok(Json(ActorsResponse { actors }))
}
