//! Authors' profiles (editors): name, address, role title, bio, portrait,
//! website and e-mail, as the author pages and bylines show them.

use axum::{
    Form,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use minijinja::Value;
use newsdesk_domain::{Action, Author, AuthorId, AuthorInput, MediaId};
use newsdesk_site::SiteError;
use serde::{Deserialize, Serialize};

use super::{auth::Signed, base, media::tile, page, upper_first};
use crate::{AppState, WebError};

#[derive(Deserialize, Serialize, Default, Clone)]
pub(crate) struct AuthorForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    role_title: String,
    #[serde(default)]
    bio: String,
    #[serde(default)]
    avatar: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    email: String,
}

impl AuthorForm {
    fn of(a: &Author) -> Self {
        AuthorForm {
            name: a.name.clone(),
            slug: a.slug.to_string(),
            role_title: a.role_title.clone(),
            bio: a.bio.clone(),
            avatar: a.avatar.map(|m| m.0.to_string()).unwrap_or_default(),
            website: a.website.clone().unwrap_or_default(),
            email: a.email.clone().unwrap_or_default(),
        }
    }

    fn input(&self) -> Result<AuthorInput, WebError> {
        let opt = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        let avatar = match opt(&self.avatar) {
            Some(v) => {
                Some(MediaId(v.parse().map_err(|_| WebError::BadRequest(format!("portrait: {v:?} is not an id")))?))
            }
            None => None,
        };
        Ok(AuthorInput {
            slug: opt(&self.slug),
            name: self.name.clone(),
            role_title: self.role_title.clone(),
            bio: self.bio.clone(),
            avatar,
            website: opt(&self.website),
            email: opt(&self.email),
        })
    }
}

#[derive(Deserialize)]
pub(crate) struct Notice {
    saved: Option<u8>,
}

async fn authors_page(
    state: &AppState,
    signed: &Signed,
    editing: Option<(AuthorId, &AuthorForm)>,
    new: &AuthorForm,
    error: Option<String>,
    notice: Option<&str>,
) -> Result<Response, WebError> {
    let authors = state.site.all_authors();
    let portraits: Vec<_> =
        state.site.store().recent_media(60).await.map_err(SiteError::from)?.iter().map(tile).collect();
    let title = if editing.is_some() { "Edit author" } else { "Authors" };
    let mut ctx = base(state, Some(&signed.0), &signed.0.csrf_token, "authors", title);
    ctx.extend([
        ("authors", Value::from_serialize(&authors)),
        ("editing", Value::from_serialize(editing.map(|(id, f)| (id.0, f.clone())))),
        ("new", Value::from_serialize(new)),
        ("portraits", Value::from_serialize(&portraits)),
        ("error", Value::from(error.clone())),
        ("notice", Value::from(notice)),
    ]);
    let mut resp = page(state, "authors.html", ctx)?;
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
    let notice = n.saved.map(|_| "Saved. Bylines and author pages show the change now.");
    authors_page(&state, &signed, None, &AuthorForm::default(), None, notice).await
}

pub(crate) async fn create(
    State(state): State<AppState>,
    signed: Signed,
    Form(form): Form<AuthorForm>,
) -> Result<Response, WebError> {
    signed.require(Action::Curate)?;
    match state.site.create_author(&form.input()?).await {
        Ok(_) => Ok(Redirect::to("/admin/authors?saved=1").into_response()),
        Err(SiteError::Invalid(why)) => {
            authors_page(&state, &signed, None, &form, Some(upper_first(&why.to_string())), None).await
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
    let author = state.site.all_authors().into_iter().find(|a| a.id.0 == id).ok_or(WebError::NotFound)?;
    authors_page(&state, &signed, Some((author.id, &AuthorForm::of(&author))), &AuthorForm::default(), None, None).await
}

pub(crate) async fn save(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(form): Form<AuthorForm>,
) -> Result<Response, WebError> {
    signed.require(Action::Curate)?;
    let id = AuthorId(id);
    match state.site.update_author(&signed.0.user, id, &form.input()?).await {
        Ok(_) => Ok(Redirect::to("/admin/authors?saved=1").into_response()),
        Err(SiteError::Invalid(why)) => {
            let msg = Some(upper_first(&why.to_string()));
            authors_page(&state, &signed, Some((id, &form)), &AuthorForm::default(), msg, None).await
        }
        Err(e) => Err(e.into()),
    }
}
