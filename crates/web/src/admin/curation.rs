//! Curation: the order of Top Stories and Editors' Picks. Each move is a
//! small form (up, down, remove, add), so it works without JavaScript; the
//! script adds drag and drop, which posts the whole order.

use std::collections::{HashMap, HashSet};

use axum::{
    Form,
    extract::{Path, Query, State},
    response::{IntoResponse, Redirect, Response},
};
use minijinja::Value;
use newsdesk_domain::{Action, ListKey, StoryId, StoryStatus};
use newsdesk_site::{SiteError, curation::ListEdit};
use newsdesk_store::{DeskFilter, DeskSort};
use serde::{Deserialize, Serialize};

use super::{
    auth::Signed,
    base,
    forms::{Fields, field, ids, when},
    page,
};
use crate::{AppState, WebError};

#[derive(Serialize)]
struct Item {
    id: i64,
    headline: String,
    published: String,
    live: bool,
}

#[derive(Serialize)]
struct ListView {
    key: &'static str,
    title: &'static str,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Found {
    id: i64,
    headline: String,
    published: String,
    /// The lists it is already on.
    on: Vec<&'static str>,
}

#[derive(Deserialize, Default)]
pub(crate) struct CurationQuery {
    #[serde(default)]
    q: String,
}

pub(crate) async fn show(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<CurationQuery>,
) -> Result<Response, WebError> {
    signed.require(Action::Curate)?;
    let now = state.site.now();
    let tz = state.site.settings().tz();
    let store = state.site.store();
    let mut lists = Vec::new();
    for key in [ListKey::TopStories, ListKey::EditorsPicks] {
        let ids = state.site.list(key);
        let all = store.summaries(&ids, None).await.map_err(SiteError::from)?;
        let live: HashSet<StoryId> =
            store.summaries(&ids, Some(now)).await.map_err(SiteError::from)?.into_iter().map(|s| s.id).collect();
        let by_id: HashMap<StoryId, _> = all.into_iter().map(|s| (s.id, s)).collect();
        let items = ids
            .iter()
            .map(|id| match by_id.get(id) {
                Some(s) => Item {
                    id: id.0,
                    headline: s.headline.clone(),
                    published: when(s.published_at, tz),
                    live: live.contains(id),
                },
                None => Item {
                    id: id.0,
                    headline: format!("Story {id} (no longer published)"),
                    published: String::new(),
                    live: false,
                },
            })
            .collect();
        lists.push(ListView { key: key.as_str(), title: key.title(), items });
    }
    let filter = DeskFilter {
        status: Some(StoryStatus::Published),
        search: Some(q.q.trim().to_owned()).filter(|s| !s.is_empty()),
        sort: DeskSort::Published,
        ..DeskFilter::default()
    };
    let (found, _) = store.desk_stories(&filter, 1, 12).await.map_err(SiteError::from)?;
    let on = |id: StoryId| -> Vec<&'static str> {
        lists.iter().filter(|l| l.items.iter().any(|i| i.id == id.0)).map(|l| l.key).collect()
    };
    let found: Vec<Found> = found
        .into_iter()
        .map(|s| Found {
            id: s.id.0,
            on: on(s.id),
            published: s.published_at.map(|p| when(p, tz)).unwrap_or_default(),
            headline: s.headline,
        })
        .collect();
    let mut ctx = base(&state, Some(&signed.0), &signed.0.csrf_token, "curation", "Front page");
    ctx.extend([
        ("lists", Value::from_serialize(&lists)),
        ("found", Value::from_serialize(&found)),
        ("q", Value::from(q.q)),
        ("max", Value::from(newsdesk_site::curation::LIST_MAX)),
    ]);
    page(&state, "curation.html", ctx)
}

/// `POST /admin/curation/{list}`: `action` is up, down, remove, add (with
/// `story`) or order (with every `stories` in their new order).
pub(crate) async fn edit(
    State(state): State<AppState>,
    signed: Signed,
    Path(list): Path<String>,
    Form(f): Form<Fields>,
) -> Result<Response, WebError> {
    signed.require(Action::Curate)?;
    let key: ListKey = list.parse().map_err(|_| WebError::NotFound)?;
    let story = || -> Result<StoryId, WebError> {
        ids(&f, "story", StoryId)?
            .into_iter()
            .next()
            .ok_or_else(|| WebError::BadRequest("Which story? The form sent none.".into()))
    };
    let edit = match field(&f, "action") {
        "up" => ListEdit::Up(story()?),
        "down" => ListEdit::Down(story()?),
        "remove" => ListEdit::Remove(story()?),
        "add" => ListEdit::Add(story()?),
        "order" => ListEdit::Order(ids(&f, "stories", StoryId)?),
        other => return Err(WebError::BadRequest(format!("Unknown change {other:?} to a list."))),
    };
    state.site.edit_list(&signed.0.user, key, &edit).await?;
    let back = match field(&f, "q") {
        "" => format!("/admin/curation#{key}"),
        q => format!("/admin/curation?q={}#{key}", form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()),
    };
    Ok(Redirect::to(&back).into_response())
}
