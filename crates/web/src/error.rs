//! The one mapping from failures to HTTP responses.
//!
//! Handlers return [`WebError`]; its `IntoResponse` records the status and a
//! reader-facing message, and the `error_pages` middleware renders that with
//! the theme's `error.html`. Internal details go to the log, never to readers.

use axum::{
    extract::{Request, State},
    http::{StatusCode, header},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use newsdesk_site::SiteError;
use tracing::error;

use crate::{AppState, views};

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("page not found")]
    NotFound,
    #[error("{0}")]
    BadRequest(String),
    #[error("please sign in")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    /// A link that worked once and no longer does.
    #[error("{0}")]
    Gone(String),
    #[error("the request is too large")]
    TooLarge,
    /// An upload over the configured size, in bytes.
    #[error("the file is too large")]
    FileTooLarge(usize),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<SiteError> for WebError {
    fn from(e: SiteError) -> Self {
        match e {
            SiteError::NotFound(_) => WebError::NotFound,
            SiteError::Invalid(v) => WebError::BadRequest(v.to_string()),
            SiteError::Forbidden(why) => WebError::Forbidden(format!("This is not allowed: {why}.")),
            other => WebError::Internal(other.to_string()),
        }
    }
}

impl From<minijinja::Error> for WebError {
    fn from(e: minijinja::Error) -> Self {
        WebError::Internal(format!("template: {e:#}"))
    }
}

/// Marks a response whose body the error-page middleware should render.
#[derive(Clone, Debug)]
pub(crate) struct ErrorPage {
    pub message: String,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, message) = match &self {
            WebError::NotFound => (StatusCode::NOT_FOUND, "We could not find that page.".to_owned()),
            WebError::BadRequest(m) => (StatusCode::BAD_REQUEST, m.clone()),
            WebError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "Your session has ended. Sign in again, then repeat what you did.".to_owned(),
            ),
            WebError::Forbidden(m) => (StatusCode::FORBIDDEN, m.clone()),
            WebError::Gone(m) => (StatusCode::GONE, m.clone()),
            WebError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "That is more than this form accepts.".to_owned()),
            WebError::FileTooLarge(max) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("That file is too large: the newsroom accepts images up to {} MB.", max / (1024 * 1024)),
            ),
            WebError::Internal(detail) => {
                error!(error = %detail, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side. Please try again.".to_owned())
            }
        };
        let mut res = (status, message.clone()).into_response();
        res.extensions_mut().insert(ErrorPage { message });
        res
    }
}

/// Renders error responses with the theme, falling back to plain text if
/// the theme itself fails.
pub(crate) async fn error_pages(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let newsroom = req.uri().path().starts_with("/admin/");
    let res = next.run(req).await;
    let Some(page) = res.extensions().get::<ErrorPage>().cloned() else { return res };
    let status = res.status();
    let html = if newsroom {
        crate::admin::error_page(&state, status.as_u16(), &page.message)
    } else {
        state.theme.render("error.html", views::error_context(&state, status.as_u16(), &page.message))
    };
    match html {
        Ok(html) => (status, [(header::CACHE_CONTROL, "no-store")], Html(html)).into_response(),
        Err(e) => {
            error!(error = %e, "error page template failed");
            res
        }
    }
}
