//! Who is asking: the session cookie, CSRF checks on every unsafe request,
//! and the cookies themselves.

use std::net::SocketAddr;

use axum::{
    body::Body,
    extract::{ConnectInfo, FromRequestParts, Request, State},
    http::{HeaderMap, HeaderValue, Method, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use newsdesk_domain::Action;
use newsdesk_site::accounts::{SESSION_IDLE_DAYS, Session, new_token, token_hash};

use crate::{AppState, WebError};

/// The session's secret token.
pub(crate) const SESSION_COOKIE: &str = "newsdesk_session";
/// A random value for forms shown before signing in (double-submit CSRF).
pub(crate) const FORM_COOKIE: &str = "newsdesk_form";
/// The largest form body read to find its CSRF token.
const FORM_LIMIT: usize = 4 * 1024 * 1024;

/// A cookie's value from the request.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

/// Whether cookies must be `Secure`: the site's address is `https`, or a
/// proxy says the request came over TLS.
fn secure(state: &AppState, headers: &HeaderMap) -> bool {
    state.site.config().base_url.scheme() == "https"
        || headers.get("x-forwarded-proto").is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
}

/// A `Set-Cookie` value with the flags every cookie of ours carries.
pub(crate) fn set_cookie(state: &AppState, headers: &HeaderMap, name: &str, value: &str, max_age: i64) -> HeaderValue {
    let secure = if secure(state, headers) { "; Secure" } else { "" };
    let text = format!("{name}={value}; Path=/admin; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("newsdesk_invalid=1; Path=/admin"))
}

pub(crate) fn session_cookie(state: &AppState, headers: &HeaderMap, token: &str) -> HeaderValue {
    set_cookie(state, headers, SESSION_COOKIE, token, SESSION_IDLE_DAYS * 24 * 3600)
}

pub(crate) fn clear_session_cookie(state: &AppState, headers: &HeaderMap) -> HeaderValue {
    set_cookie(state, headers, SESSION_COOKIE, "", 0)
}

/// The pre-sign-in form token: the one already set, or a new one with the
/// `Set-Cookie` header that sets it.
pub(crate) fn form_token(state: &AppState, headers: &HeaderMap) -> Result<(String, Option<HeaderValue>), WebError> {
    match cookie(headers, FORM_COOKIE) {
        Some(t) => Ok((t, None)),
        None => {
            let t = new_token()?;
            let c = set_cookie(state, headers, FORM_COOKIE, &t, 24 * 3600);
            Ok((t, Some(c)))
        }
    }
}

/// The address a request came from (the peer's; a proxy's own address when
/// behind one), and its user agent: what a new session records.
pub(crate) struct Client {
    pub address: String,
    pub user_agent: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Client {
            address: parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip().to_string())
                .unwrap_or_default(),
            user_agent: parts.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned(),
        })
    }
}

/// Runs before every newsroom route: finds the session, and refuses any
/// request that changes something unless it carries the CSRF token (the
/// session's, or before signing in the form cookie's), in the `csrf` form
/// field or the `X-CSRF-Token` header.
pub(crate) async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let session = match cookie(req.headers(), SESSION_COOKIE) {
        Some(token) => match state.site.session(&token).await {
            Ok(s) => s,
            Err(e) => return WebError::from(e).into_response(),
        },
        None => None,
    };
    let mut req = req;
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        let expected = match &session {
            Some(s) => Some(s.csrf_token.clone()),
            None => cookie(req.headers(), FORM_COOKIE),
        };
        let (parts, body) = req.into_parts();
        let mut sent = parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let is_form = parts
            .headers
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/x-www-form-urlencoded"));
        let content_type = parts.headers.get(header::CONTENT_TYPE).cloned();
        let is_upload = content_type.as_ref().is_some_and(|v| v.as_bytes().starts_with(b"multipart/form-data"));
        let body = if is_form {
            let bytes = match axum::body::to_bytes(body, FORM_LIMIT).await {
                Ok(b) => b,
                Err(_) => return WebError::TooLarge.into_response(),
            };
            if sent.is_none() {
                sent = form_urlencoded::parse(&bytes).find(|(k, _)| k == "csrf").map(|(_, v)| v.into_owned());
            }
            Body::from(bytes)
        } else if let (true, Some(content_type)) = (is_upload, content_type) {
            // Only the signed-in upload: nobody else makes us read a file.
            if session.is_none() {
                return WebError::Unauthorized.into_response();
            }
            // A file upload: read whole (up to the upload limit and room
            // for the other fields), so its token can be checked first.
            let max = state.site.config().media_limits.max_bytes;
            let bytes = match axum::body::to_bytes(body, max.saturating_add(FORM_LIMIT)).await {
                Ok(b) => b,
                Err(_) => return WebError::FileTooLarge(max).into_response(),
            };
            if sent.is_none() {
                sent = multipart_field(content_type, bytes.clone(), "csrf").await;
            }
            Body::from(bytes)
        } else {
            body
        };
        let ok = matches!((&expected, &sent), (Some(e), Some(s)) if token_hash(e) == token_hash(s));
        if !ok {
            return WebError::Forbidden(
                "This form has expired or did not come from this site. Go back, reload the page and try again.".into(),
            )
            .into_response();
        }
        req = Request::from_parts(parts, body);
    }
    if let Some(s) = session {
        req.extensions_mut().insert(s);
    }
    next.run(req).await
}

/// The text of a field of a `multipart/form-data` body, if it has one.
async fn multipart_field(content_type: HeaderValue, body: axum::body::Bytes, name: &str) -> Option<String> {
    let boundary = multer::parse_boundary(content_type.to_str().ok()?).ok()?;
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let mut form = multer::Multipart::new(stream, boundary);
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some(name) {
            return field.text().await.ok();
        }
    }
    None
}

/// The signed-in account of a newsroom request. Pages send the signed-out
/// to the sign-in form (and back afterwards); other requests get a 401.
pub(crate) struct Signed(pub Session);

impl<S: Send + Sync> FromRequestParts<S> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        if let Some(s) = parts.extensions.get::<Session>() {
            return Ok(Signed(s.clone()));
        }
        if parts.method == Method::GET {
            let here = parts.uri.path_and_query().map_or("/admin/", |p| p.as_str());
            let next: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
            return Err(Redirect::to(&format!("/admin/sign-in?next={next}")).into_response());
        }
        Err(WebError::Unauthorized.into_response())
    }
}

impl Signed {
    /// Refuses with 403 unless the account may do `action`.
    pub fn require(&self, action: Action) -> Result<(), WebError> {
        if self.0.can(action) {
            Ok(())
        } else {
            Err(WebError::Forbidden(format!(
                "Your role ({}) does not allow this. Ask an editor or administrator.",
                self.0.user.role
            )))
        }
    }
}

impl<S: Send + Sync> axum::extract::OptionalFromRequestParts<S> for Signed {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<Session>().cloned().map(Signed))
    }
}
