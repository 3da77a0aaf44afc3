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
use serde::Serialize;

use super::{auth::Signed, base, page};
use crate::{AppState, WebError};

#[derive(Serialize)]
struct Choice {
    id: i64,
    name: String,
    selected: bool,
}

fn form_page(
    state: &AppState,
    signed: &Signed,
    fields: &[(String, String)],
    status: StatusCode,
    error: Option<String>,
) -> Result<Response, WebError> {
    let get = |name: &str| fields.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str());
    let picked: Vec<&str> = fields.iter().filter(|(k, _)| k == "tags").map(|(_, v)| v.as_str()).collect();
    let tags: Vec<Choice> = state
        .site
        .all_tags()
        .into_iter()
        .map(|t| Choice { selected: picked.contains(&t.id.0.to_string().as_str()), id: t.id.0, name: t.name })
        .collect();
    let mut ctx = base(state, Some(&signed.0), &signed.0.csrf_token, "brief", "Quick post");
    ctx.extend([
        ("headline", Value::from(get("headline"))),
        ("text", Value::from(get("text"))),
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
    form_page(&state, &signed, &[], StatusCode::OK, None)
}

pub(crate) async fn post(
    State(state): State<AppState>,
    signed: Signed,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    signed.require(Action::WriteOwn)?;
    let get = |name: &str| f.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str());
    let tags = f
        .iter()
        .filter(|(k, v)| k == "tags" && !v.is_empty())
        .map(|(_, v)| {
            v.parse::<i64>().map(TagId).map_err(|_| WebError::BadRequest(format!("tags: {v:?} is not an id")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    match state.site.quick_post(&signed.0.user, get("headline"), &get("text").replace("\r\n", "\n"), tags).await {
        Ok((id, StoryStatus::Draft)) => Ok(Redirect::to(&format!("/admin/stories/{id}?saved=1")).into_response()),
        Ok((id, status)) => Ok(Redirect::to(&format!("/admin/stories/{id}?published={status}")).into_response()),
        Err(SiteError::Invalid(v)) => form_page(&state, &signed, &f, StatusCode::BAD_REQUEST, Some(v.to_string())),
        Err(e) => Err(e.into()),
    }
}
