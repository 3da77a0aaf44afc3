//! Content API keys (administrators): make one (shown once), see them,
//! revoke one.

use axum::{
    Form,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use minijinja::Value;
use newsdesk_domain::Action;
use newsdesk_site::SiteError;
use serde::{Deserialize, Serialize};

use super::{auth::Signed, base, forms::when, page, upper_first};
use crate::{AppState, WebError};

#[derive(Serialize)]
struct KeyRow {
    name: String,
    prefix: String,
    created: String,
    revoked: Option<String>,
}

async fn keys_page(
    state: &AppState,
    signed: &Signed,
    new_key: Option<(String, String)>,
    error: Option<String>,
) -> Result<Response, WebError> {
    let tz = state.site.settings().tz();
    let keys: Vec<KeyRow> = state
        .site
        .api_keys(Some(&signed.0.user))
        .await?
        .into_iter()
        .map(|k| KeyRow {
            name: k.name,
            prefix: k.prefix,
            created: when(k.created_at, tz),
            revoked: k.revoked_at.map(|t| when(t, tz)),
        })
        .collect();
    let mut ctx = base(state, Some(&signed.0), &signed.0.csrf_token, "api-keys", "API keys");
    ctx.extend([
        ("keys", Value::from_serialize(&keys)),
        ("new_key", Value::from_serialize(&new_key)),
        ("api_url", Value::from(crate::views::absolute(state, "/ghost/api/content/"))),
        ("error", Value::from(error.clone())),
    ]);
    let mut resp = page(state, "api_keys.html", ctx)?;
    if error.is_some() {
        *resp.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(resp)
}

pub(crate) async fn list(State(state): State<AppState>, signed: Signed) -> Result<Response, WebError> {
    signed.require(Action::Administer)?;
    keys_page(&state, &signed, None, None).await
}

#[derive(Deserialize)]
pub(crate) struct NewKey {
    #[serde(default)]
    name: String,
}

/// Makes a key and shows it on the page that answers the form: it is never
/// shown again.
pub(crate) async fn create(
    State(state): State<AppState>,
    signed: Signed,
    Form(f): Form<NewKey>,
) -> Result<Response, WebError> {
    signed.require(Action::Administer)?;
    match state.site.create_api_key(Some(&signed.0.user), &f.name).await {
        Ok((key, secret)) => keys_page(&state, &signed, Some((key.name, secret)), None).await,
        Err(SiteError::Invalid(why)) => keys_page(&state, &signed, None, Some(upper_first(&why.to_string()))).await,
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn revoke(
    State(state): State<AppState>,
    signed: Signed,
    Form(f): Form<NewKey>,
) -> Result<Response, WebError> {
    signed.require(Action::Administer)?;
    state.site.revoke_api_key(Some(&signed.0.user), &f.name).await?;
    Ok(Redirect::to("/admin/api-keys").into_response())
}
