//! Tags (editors): the list, a new tag, and each tag's name, address, kind
//! and description.

use axum::{
    Form,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use minijinja::Value;
use newsdesk_domain::{Action, Tag, TagId, TagInput, TagKind};
use newsdesk_site::SiteError;
use serde::{Deserialize, Serialize};

use super::{auth::Signed, base, page, upper_first};
use crate::{AppState, WebError};

#[derive(Deserialize, Serialize, Default, Clone)]
pub(crate) struct TagForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    description: String,
}

impl TagForm {
    fn of(t: &Tag) -> Self {
        TagForm {
            name: t.name.clone(),
            slug: t.slug.to_string(),
            kind: t.kind.as_str().into(),
            description: t.description.clone(),
        }
    }

    fn input(&self) -> Result<TagInput, SiteError> {
        let kind: TagKind = if self.kind.is_empty() { TagKind::Topic } else { self.kind.parse()? };
        Ok(TagInput {
            slug: Some(self.slug.trim().to_owned()).filter(|s| !s.is_empty()),
            name: self.name.clone(),
            kind,
            description: self.description.clone(),
        })
    }
}

#[derive(Deserialize)]
pub(crate) struct Notice {
    saved: Option<u8>,
}

async fn tags_page(
    state: &AppState,
    signed: &Signed,
    editing: Option<(TagId, &TagForm)>,
    new: &TagForm,
    error: Option<String>,
    notice: Option<&str>,
) -> Result<Response, WebError> {
    let tags = state.site.all_tags();
    let title = if editing.is_some() { "Edit tag" } else { "Tags" };
    let mut ctx = base(state, Some(&signed.0), &signed.0.csrf_token, "tags", title);
    ctx.extend([
        ("tags", Value::from_serialize(&tags)),
        ("editing", Value::from_serialize(editing.map(|(id, f)| (id.0, f.clone())))),
        ("new", Value::from_serialize(new)),
        ("kinds", Value::from_serialize(TagKind::ALL.map(|k| k.as_str()))),
        ("error", Value::from(error.clone())),
        ("notice", Value::from(notice)),
    ]);
    let mut resp = page(state, "tags.html", ctx)?;
    if error.is_some() {
        *resp.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(resp)
}

pub(crate) async fn list(
    State(state): State<AppState>,
    signed: Signed,
    Query(n): Query<Notice>,
) -> Result<Response, WebError> {
    signed.require(Action::Curate)?;
    let notice = n.saved.map(|_| "Saved. The site shows the change now.");
    tags_page(&state, &signed, None, &TagForm::default(), None, notice).await
}

/// `POST /admin/tags`: a new tag, from the tags page or (as JSON, for the
/// story editor's create-on-type) from the editor.
pub(crate) async fn create(
    State(state): State<AppState>,
    signed: Signed,
    headers: axum::http::HeaderMap,
    Form(form): Form<TagForm>,
) -> Result<Response, WebError> {
    signed.require(Action::Curate)?;
    let json =
        headers.get(axum::http::header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("json"));
    match async { state.site.create_tag(&form.input()?).await }.await {
        Ok(t) if json => {
            Ok((StatusCode::CREATED, axum::Json(serde_json::json!({ "id": t.id.0, "name": t.name }))).into_response())
        }
        Err(SiteError::Invalid(why)) if json => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(serde_json::json!({ "error": upper_first(&why.to_string()) })),
        )
            .into_response()),
        Ok(_) => Ok(Redirect::to("/admin/tags?saved=1").into_response()),
        Err(SiteError::Invalid(why)) => {
            tags_page(&state, &signed, None, &form, Some(upper_first(&why.to_string())), None).await
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn edit(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    signed.require(Action::Curate)?;
    let tag = state.site.all_tags().into_iter().find(|t| t.id.0 == id).ok_or(WebError::NotFound)?;
    tags_page(&state, &signed, Some((tag.id, &TagForm::of(&tag))), &TagForm::default(), None, None).await
}

pub(crate) async fn save(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(form): Form<TagForm>,
) -> Result<Response, WebError> {
    signed.require(Action::Curate)?;
    let id = TagId(id);
    match async { state.site.update_tag(&signed.0.user, id, &form.input()?).await }.await {
        Ok(_) => Ok(Redirect::to("/admin/tags?saved=1").into_response()),
        Err(SiteError::Invalid(why)) => {
            tags_page(
                &state,
                &signed,
                Some((id, &form)),
                &TagForm::default(),
                Some(upper_first(&why.to_string())),
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
