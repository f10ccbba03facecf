//! `GET /api/openapi.json`: the OpenAPI 3 description of the API (`assets/openapi.json`,
//! checked against the router and real responses by `tests/openapi.rs`).

use axum::http::header;
use axum::response::IntoResponse;

/// The OpenAPI document.
pub const OPENAPI_JSON: &str = include_str!("../assets/openapi.json");

/// `GET /api/openapi.json`.
pub async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON)
}
