//! A story's revisions: the list, a readable difference between any two,
//! and restoring one.

use std::collections::HashMap;

use axum::{
    extract::{Path, Query, State},
    response::{IntoResponse, Redirect, Response},
};
use minijinja::Value;
use newsdesk_domain::{StoryId, diff};
use serde::{Deserialize, Serialize};

use super::{auth::Signed, base, forms::when, page};
use crate::{AppState, WebError};

#[derive(Deserialize, Default)]
pub(crate) struct Compare {
    from: Option<i64>,
    to: Option<i64>,
}

#[derive(Serialize)]
struct Row {
    id: i64,
    label: String,
    by: String,
    headline: String,
    from: bool,
    to: bool,
}

pub(crate) async fn list(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Query(c): Query<Compare>,
) -> Result<Response, WebError> {
    let (story, revisions) = state.site.revisions(&signed.0.user, StoryId(id)).await?;
    let tz = state.site.settings().tz();
    let people: HashMap<i64, String> = state.site.users().await?.into_iter().map(|u| (u.id.0, u.name)).collect();
    let label = |r: &newsdesk_domain::Revision| when(r.created_at, tz);
    // By default: the newest against the one before.
    let to = c.to.or(revisions.first().map(|r| r.id));
    let from = c.from.or(revisions.get(1).map(|r| r.id));
    let find = |id: Option<i64>| id.and_then(|id| revisions.iter().find(|r| r.id == id));
    let (old, new) = (find(from), find(to));
    if (c.from.is_some() && old.is_none()) || (c.to.is_some() && new.is_none()) {
        return Err(WebError::NotFound);
    }
    let authors: HashMap<i64, String> = state.site.all_authors().into_iter().map(|a| (a.id.0, a.name)).collect();
    let tags: HashMap<i64, String> = state.site.all_tags().into_iter().map(|t| (t.id.0, t.name)).collect();
    let name = |kind: &str, id: i64| {
        let found = match kind {
            "author" => authors.get(&id),
            "tag" => tags.get(&id),
            _ => None,
        };
        found.cloned().unwrap_or_else(|| format!("{kind} #{id}"))
    };
    let changes = match (old, new) {
        (Some(o), Some(n)) => Some(diff(&o.snapshot, &n.snapshot, name)),
        _ => None,
    };
    let rows: Vec<Row> = revisions
        .iter()
        .map(|r| Row {
            id: r.id,
            label: label(r),
            by: r.created_by.and_then(|u| people.get(&u.0).cloned()).unwrap_or_else(|| "the system".to_owned()),
            headline: r.snapshot.headline.clone(),
            from: Some(r.id) == from,
            to: Some(r.id) == to,
        })
        .collect();
    let mut ctx = base(&state, Some(&signed.0), &signed.0.csrf_token, "stories", "Revisions");
    ctx.extend([
        ("story_id", Value::from(story.id.0)),
        ("headline", Value::from(story.headline.clone())),
        ("revisions", Value::from_serialize(&rows)),
        ("diff", Value::from_serialize(&changes)),
        ("from_label", Value::from(old.map(label))),
        ("to_label", Value::from(new.map(label))),
    ]);
    page(&state, "revisions.html", ctx)
}

pub(crate) async fn restore(
    State(state): State<AppState>,
    signed: Signed,
    Path((id, rev)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    state.site.restore_revision(&signed.0.user, StoryId(id), rev).await?;
    Ok(Redirect::to(&format!("/admin/stories/{id}?saved=1")).into_response())
}
