//! Extractors whose rejections are JSON [`ApiError`]s saying what was wrong.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::state::AppState;

/// Query parameters; a bad or unknown parameter is a 400 naming it.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(query_rejection(rejection)),
        }
    }
}

/// A path parameter; one that cannot be read (a `%`-escape that does not decode to UTF-8,
/// found by fuzzing) is a JSON error like every other, not the framework's plain text.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(ApiPath(value)),
            Err(rejection) => Err(path_rejection(rejection)),
        }
    }
}

fn path_rejection(rejection: PathRejection) -> ApiError {
    let status = rejection.status();
    let text = rejection.body_text();
    if status.is_client_error() {
        ApiError::new(status, format!("bad path: {text}"))
    } else {
        ApiError::new(status, text)
    }
}

fn query_rejection(rejection: QueryRejection) -> ApiError {
    let text = rejection.body_text();
    let text = text
        .strip_prefix("Failed to deserialize query string: ")
        .unwrap_or(&text);
    ApiError::bad_request(format!("bad query parameter: {text}"))
}

/// A JSON body; a malformed body is a 400, a body over the size limit a 413, a body that is not
/// `application/json` a 415, a body not received within the request timeout (a slow client) a
/// 408, each with a message.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let limit = state.config().request_timeout;
        match tokio::time::timeout(limit, axum::Json::<T>::from_request(req, state)).await {
            Ok(Ok(axum::Json(value))) => Ok(ApiJson(value)),
            Ok(Err(rejection)) => Err(json_rejection(rejection)),
            Err(_) => Err(ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the request body was not received within {} ms",
                    limit.as_millis()
                ),
            )),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    let status = rejection.status();
    match &rejection {
        JsonRejection::BytesRejection(_) if status == StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::new(status, "request body too large")
        }
        // A well-formed body with a missing, unknown or mistyped field is a bad request too.
        JsonRejection::JsonDataError(_) | JsonRejection::JsonSyntaxError(_) => {
            let text = rejection.body_text();
            let text = text
                .strip_prefix("Failed to deserialize the JSON body into the target type: ")
                .or_else(|| text.strip_prefix("Failed to parse the request body as JSON: "))
                .unwrap_or(&text);
            ApiError::bad_request(format!("bad JSON body: {text}"))
        }
        _ => ApiError::new(status, rejection.body_text()),
    }
}
