//! `POST /api/code`: codes a pasted article without storing it.

use axum::Json;
use axum::extract::State;
use dyad_coder::{CodeBuffers, EventRecord, Modality};
use dyad_lexicon::DictDate;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::state::{AppState, timeout_error};

/// The body of `POST /api/code`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    /// The article's text.
    pub text: String,
    /// Its publication date (`YYYY-MM-DD`): resolves relative dates and dated actor codes.
    /// Today when absent.
    #[serde(default)]
    pub date: Option<String>,
    /// Its language (`en`), when known.
    #[serde(default)]
    pub lang: Option<String>,
    /// Also return negated, future and hypothetical events.
    #[serde(default)]
    pub all_modalities: bool,
}

/// The answer of `POST /api/code`.
#[derive(Debug, Clone, Serialize)]
pub struct CodeResponse {
    /// The report date the text was coded at.
    pub report_date: String,
    /// The events, as `dyad code` prints them (`docs/event-schema.md`).
    pub events: Vec<EventRecord>,
}

/// The document id given to pasted text.
pub const PASTED_DOC_ID: &str = "pasted";

/// `POST /api/code`.
pub async fn code(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<CodeRequest>,
) -> Result<Json<CodeResponse>, ApiError> {
    if request.text.trim().is_empty() {
        return Err(ApiError::bad_request("text: the text is empty"));
    }
    let report = match request.date.as_deref().map(str::trim) {
        None | Some("") => jiff::tz::Offset::UTC
            .to_datetime(jiff::Timestamp::now())
            .date(),
        Some(s) => s.parse::<jiff::civil::Date>().map_err(|e| {
            ApiError::bad_request(format!("date: expected YYYY-MM-DD, got {s:?} ({e})"))
        })?,
    };
    // Coding is CPU-bound: a few at a time, waiting within the request timeout.
    let limit = state.config().request_timeout;
    // The permit goes with the work, so a request that timed out still holds its slot until its
    // coding really ends.
    let permit = tokio::time::timeout(limit, state.inner.coding.clone().acquire_owned())
        .await
        .map_err(|_| timeout_error(limit))?
        .map_err(|_| ApiError::internal("the coding queue is closed"))?;
    let events = state
        .run_blocking(move |state| {
            let _permit = permit;
            let mut buf = CodeBuffers::default();
            let text = request.text;
            let events = state.coder().code_document(
                &text,
                request.lang.as_deref(),
                DictDate::from_civil(report),
                &mut buf,
            );
            Ok(events
                .iter()
                .filter(|e| request.all_modalities || e.modality == Modality::Asserted)
                .map(|e| EventRecord::new(PASTED_DOC_ID, &text, Some(report), e))
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(Json(CodeResponse {
        report_date: report.to_string(),
        events,
    }))
}
