//! Signing in, with a password or a one-time link, and signing out.

use axum::{
    Form,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use minijinja::Value;
use newsdesk_domain::MIN_PASSWORD_CHARS;
use newsdesk_site::{SiteError, accounts::SignInError};
use serde::Deserialize;

use super::{
    auth::{Client, Signed, clear_session_cookie, form_token, session_cookie},
    base, page,
};
use crate::{AppState, WebError};

#[derive(Deserialize, Default)]
pub(crate) struct NextQuery {
    #[serde(default)]
    next: String,
}

/// Only paths inside the newsroom: never another site.
fn safe_next(next: &str) -> &str {
    if next.starts_with("/admin/") && !next.starts_with("//") && !next.contains('\\') { next } else { "/admin/" }
}

fn with_cookie(mut res: Response, cookie: Option<axum::http::HeaderValue>) -> Response {
    if let Some(c) = cookie {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res
}

fn sign_in_page(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    email: &str,
    next: &str,
    error: Option<String>,
) -> Result<Response, WebError> {
    let (csrf, cookie) = form_token(state, headers)?;
    let mut ctx = base(state, None, &csrf, "", "Sign in");
    ctx.extend([("email", Value::from(email)), ("next", Value::from(safe_next(next))), ("error", Value::from(error))]);
    let mut res = page(state, "sign_in.html", ctx)?;
    *res.status_mut() = status;
    Ok(with_cookie(res, cookie))
}

pub(crate) async fn form(
    State(state): State<AppState>,
    signed: Option<Signed>,
    Query(q): Query<NextQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    if signed.is_some() {
        return Ok(Redirect::to(safe_next(&q.next)).into_response());
    }
    sign_in_page(&state, &headers, StatusCode::OK, "", &q.next, None)
}

#[derive(Deserialize)]
pub(crate) struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    client: Client,
    headers: HeaderMap,
    Form(f): Form<SignInForm>,
) -> Result<Response, WebError> {
    match state.site.sign_in(&f.email, &f.password, &client.address, &client.user_agent).await {
        Ok(signed) => {
            let mut res = Redirect::to(safe_next(&f.next)).into_response();
            res.headers_mut().append(header::SET_COOKIE, session_cookie(&state, &headers, &signed.token));
            Ok(res)
        }
        Err(e) => {
            let status = match &e {
                SignInError::Mismatch => StatusCode::UNAUTHORIZED,
                SignInError::TooMany => StatusCode::TOO_MANY_REQUESTS,
                SignInError::Suspended => StatusCode::FORBIDDEN,
                SignInError::Site(inner) => return Err(WebError::Internal(inner.to_string())),
            };
            sign_in_page(&state, &headers, status, &f.email, &f.next, Some(e.to_string()))
        }
    }
}

const LINK_GONE: &str = "This sign-in link has expired or was already used. Ask an administrator for a new one.";

pub(crate) async fn link_form(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let user = state.site.sign_in_link_user(&token).await?.ok_or_else(|| WebError::Gone(LINK_GONE.into()))?;
    link_page(&state, &headers, &token, &user.name, &user.email, StatusCode::OK, None)
}

fn link_page(
    state: &AppState,
    headers: &HeaderMap,
    token: &str,
    name: &str,
    email: &str,
    status: StatusCode,
    error: Option<String>,
) -> Result<Response, WebError> {
    let (csrf, cookie) = form_token(state, headers)?;
    let mut ctx = base(state, None, &csrf, "", "Choose a password");
    ctx.extend([
        ("token", Value::from(token)),
        ("name", Value::from(name)),
        ("email", Value::from(email)),
        ("min_chars", Value::from(MIN_PASSWORD_CHARS)),
        ("error", Value::from(error)),
    ]);
    let mut res = page(state, "set_password.html", ctx)?;
    *res.status_mut() = status;
    Ok(with_cookie(res, cookie))
}

#[derive(Deserialize)]
pub(crate) struct PasswordForm {
    #[serde(default)]
    password: String,
}

pub(crate) async fn link_submit(
    State(state): State<AppState>,
    Path(token): Path<String>,
    client: Client,
    headers: HeaderMap,
    Form(f): Form<PasswordForm>,
) -> Result<Response, WebError> {
    match state.site.redeem_sign_in_link(&token, &f.password, &client.address, &client.user_agent).await {
        Ok(signed) => {
            let mut res = Redirect::to("/admin/").into_response();
            res.headers_mut().append(header::SET_COOKIE, session_cookie(&state, &headers, &signed.token));
            Ok(res)
        }
        Err(SiteError::Invalid(v)) => {
            let user = state.site.sign_in_link_user(&token).await?.ok_or_else(|| WebError::Gone(LINK_GONE.into()))?;
            link_page(&state, &headers, &token, &user.name, &user.email, StatusCode::BAD_REQUEST, Some(v.to_string()))
        }
        Err(SiteError::NotFound(_)) => Err(WebError::Gone(LINK_GONE.into())),
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn sign_out(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    state.site.sign_out(&s).await?;
    let mut res = Redirect::to("/admin/sign-in").into_response();
    res.headers_mut().append(header::SET_COOKIE, clear_session_cookie(&state, &headers));
    Ok(res)
}

pub(crate) async fn sign_out_everywhere(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let ended = state.site.sign_out_everywhere(s.user.id).await?;
    tracing::info!(user = %s.user.id, sessions = ended, "signed out everywhere");
    let mut res = Redirect::to("/admin/sign-in").into_response();
    res.headers_mut().append(header::SET_COOKIE, clear_session_cookie(&state, &headers));
    Ok(res)
}
