//! Media files and theme assets.

use axum::{
    extract::{Path, Query, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::{AppState, WebError};

/// Media never change under a URL (new uploads get new names), so readers'
/// browsers and CDNs may keep them for a year.
pub(crate) const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");

#[derive(Deserialize)]
pub(crate) struct AssetQuery {
    v: Option<String>,
}

/// `/assets/{file}`: the theme's stylesheet and script.
pub(crate) async fn asset(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<AssetQuery>,
) -> Result<Response, WebError> {
    let asset = state.theme.asset(&file).ok_or(WebError::NotFound)?;
    let cache = if q.v.as_deref() == Some(state.theme.asset_version.as_str()) {
        IMMUTABLE
    } else {
        HeaderValue::from_static("public, max-age=300")
    };
    Ok((
        [(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type)), (header::CACHE_CONTROL, cache)],
        asset.body.clone(),
    )
        .into_response())
}
