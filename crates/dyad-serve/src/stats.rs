//! `GET /api/stats`: what the store holds.

use axum::Json;
use axum::extract::State;
use dyad_store::Stats;

use crate::error::ApiError;
use crate::state::AppState;

/// `GET /api/stats`.
pub async fn stats(State(state): State<AppState>) -> Result<Json<Stats>, ApiError> {
    let stats = state
        .run_blocking(|state| state.store()?.with(|store| store.stats()))
        .await?;
    Ok(Json(stats))
}
