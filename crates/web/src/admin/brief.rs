//! The News Feed's quick post: one short form that publishes a brief.

use axum::{
    Form,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use minijinja::Value;
use newsdesk_domain::{Action, StoryStatus, TagId};
use newsdesk_site::SiteError;

use super::{
    auth::Signed,
    base,
    forms::{Fields, field, ids, tag_choices},
    page,
};
use crate::{AppState, WebError};

fn form_page(
    state: &AppState,
    signed: &Signed,
    fields: &Fields,
    status: StatusCode,
    error: Option<String>,
) -> Result<Response, WebError> {
    // A tampered tag id is simply not shown as picked.
    let tags = tag_choices(state, &ids(fields, "tags", TagId).unwrap_or_default());
    let mut ctx = base(state, Some(&signed.0), &signed.0.csrf_token, "brief", "Quick post");
    ctx.extend([
        ("headline", Value::from(field(fields, "headline"))),
        ("text", Value::from(field(fields, "text"))),
        ("tags", Value::from_serialize(&tags)),
        ("can_publish", Value::from(signed.0.can(Action::PublishOwn))),
        ("error", Value::from(error)),
    ]);
    let mut res = page(state, "brief.html", ctx)?;
    *res.status_mut() = status;
    Ok(res)
}

pub(crate) async fn form(State(state): State<AppState>, signed: Signed) -> Result<Response, WebError> {
    signed.require(Action::WriteOwn)?;
    form_page(&state, &signed, &Fields::new(), StatusCode::OK, None)
}

pub(crate) async fn post(
    State(state): State<AppState>,
    signed: Signed,
    Form(f): Form<Fields>,
) -> Result<Response, WebError> {
    signed.require(Action::WriteOwn)?;
    let tags = ids(&f, "tags", TagId)?;
    let text = field(&f, "text").replace("\r\n", "\n");
    match state.site.quick_post(&signed.0.user, field(&f, "headline"), &text, tags).await {
        Ok((id, StoryStatus::Draft)) => Ok(Redirect::to(&format!("/admin/stories/{id}?saved=1")).into_response()),
        Ok((id, status)) => Ok(Redirect::to(&format!("/admin/stories/{id}?published={status}")).into_response()),
        Err(SiteError::Invalid(v)) => form_page(&state, &signed, &f, StatusCode::BAD_REQUEST, Some(v.to_string())),
        Err(e) => Err(e.into()),
    }
}
