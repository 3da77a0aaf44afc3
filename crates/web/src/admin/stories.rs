//! The newsroom's story list: filters, headline search, sort, pages.

use std::collections::HashMap;

use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use minijinja::Value;
use newsdesk_domain::{Action, AuthorId, MediaId, StoryKind, StoryStatus, TagId};
use newsdesk_store::{DeskFilter, DeskSort};
use serde::{Deserialize, Serialize};

use super::{
    auth::Signed,
    base,
    forms::{author_choices, tag_choices, when},
    page,
};
use crate::{AppState, WebError, views};

const PER_PAGE: u32 = 50;

/// The list's query string, as typed: empty fields mean "any".
#[derive(Deserialize, Serialize, Default, Clone)]
pub(crate) struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    sort: String,
    /// Only stories that show this image (from the media library).
    #[serde(default)]
    image: String,
    #[serde(default)]
    page: Option<u32>,
    /// Set after a story was moved to the trash.
    #[serde(default, skip_serializing)]
    deleted: Option<String>,
}

fn bad(field: &str, value: &str) -> WebError {
    WebError::BadRequest(format!("The {field} filter {value:?} is not one this list knows. Clear it and try again."))
}

impl ListQuery {
    fn filter(&self) -> Result<DeskFilter, WebError> {
        let opt = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned);
        Ok(DeskFilter {
            status: opt(&self.status)
                .filter(|s| s != "review" && s != "trash")
                .map(|s| s.parse::<StoryStatus>().map_err(|_| bad("status", &s)))
                .transpose()?,
            in_review: self.status == "review",
            trash: self.status == "trash",
            kind: opt(&self.kind).map(|s| s.parse::<StoryKind>().map_err(|_| bad("kind", &s))).transpose()?,
            author: opt(&self.author)
                .map(|s| s.parse::<i64>().map(AuthorId).map_err(|_| bad("author", &s)))
                .transpose()?,
            tag: opt(&self.tag).map(|s| s.parse::<i64>().map(TagId).map_err(|_| bad("tag", &s))).transpose()?,
            search: opt(&self.q),
            uses_media: opt(&self.image)
                .map(|s| s.parse::<i64>().map(MediaId).map_err(|_| bad("image", &s)))
                .transpose()?,
            own: None,
            sort: match self.sort.as_str() {
                "" | "updated" => DeskSort::Updated,
                "published" => DeskSort::Published,
                "headline" => DeskSort::Headline,
                other => return Err(bad("sort", other)),
            },
        })
    }

    fn url(&self, page: u32) -> String {
        let mut q = self.clone();
        q.page = Some(page);
        format!("/admin/stories?{}", serde_urlencoded::to_string(&q).unwrap_or_default())
    }
}

#[derive(Serialize)]
struct Row {
    url: String,
    headline: String,
    stage: &'static str,
    kind: StoryKind,
    featured: bool,
    authors: Vec<String>,
    tags: Vec<String>,
    published: Option<String>,
    updated: String,
    updated_iso: String,
}

pub(crate) async fn list(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    signed.require(Action::WriteOwn)?;
    let mut filter = q.filter()?;
    if filter.trash {
        signed.require(Action::EditAny)?;
    }
    // Contributors see only their own stories.
    let own_only = !signed.0.can(Action::PublishOwn);
    if own_only {
        filter.own = Some((signed.0.user.id, signed.0.user.author));
    }
    let page_no = q.page.unwrap_or(1).max(1);
    let (items, total) =
        state.site.store().desk_stories(&filter, page_no, PER_PAGE).await.map_err(newsdesk_site::SiteError::from)?;
    let settings = state.site.settings();
    let tz = settings.tz();
    let authors = author_choices(&state, filter.author.as_slice());
    let tags = tag_choices(&state, filter.tag.as_slice());
    let author_names: HashMap<i64, &str> = authors.iter().map(|a| (a.id, a.name.as_str())).collect();
    let tag_names: HashMap<i64, &str> = tags.iter().map(|t| (t.id, t.name.as_str())).collect();
    let rows: Vec<Row> = items
        .into_iter()
        .map(|s| Row {
            url: format!("/admin/stories/{}", s.id),
            headline: s.headline.clone(),
            stage: s.stage(),
            kind: s.kind,
            featured: s.featured,
            authors: s.authors.iter().filter_map(|a| author_names.get(&a.0)).map(|n| (*n).to_owned()).collect(),
            tags: s.tags.iter().filter_map(|t| tag_names.get(&t.0)).map(|n| (*n).to_owned()).collect(),
            published: s.published_at.map(|p| when(p, tz)),
            updated: when(s.updated_at, tz),
            updated_iso: views::date(s.updated_at, tz).iso,
        })
        .collect();
    let pages = u32::try_from((total.max(1) + i64::from(PER_PAGE) - 1) / i64::from(PER_PAGE)).unwrap_or(u32::MAX);
    let mut ctx = base(&state, Some(&signed.0), &signed.0.csrf_token, "stories", "Stories");
    ctx.extend([
        ("stories", Value::from_serialize(&rows)),
        ("total", Value::from(total)),
        ("own_only", Value::from(own_only)),
        ("can_restore", Value::from(signed.0.can(Action::EditAny))),
        ("trash_days", Value::from(newsdesk_domain::TRASH_DAYS)),
        (
            "notice",
            Value::from(q.deleted.is_some().then(|| {
                format!("Moved to the trash. An editor can restore it for {} days.", newsdesk_domain::TRASH_DAYS)
            })),
        ),
        ("filter", Value::from_serialize(&q)),
        ("statuses", Value::from_serialize(StoryStatus::ALL.map(|s| s.as_str()))),
        ("kinds", Value::from_serialize(StoryKind::ALL.map(|k| k.as_str()))),
        ("authors", Value::from_serialize(&authors)),
        ("tags", Value::from_serialize(&tags)),
        ("page", Value::from(page_no)),
        ("pages", Value::from(pages)),
        ("prev", Value::from((page_no > 1).then(|| q.url(page_no - 1)))),
        ("next", Value::from((page_no < pages).then(|| q.url(page_no + 1)))),
    ]);
    page(&state, "stories.html", ctx)
}

#[derive(Deserialize)]
pub(crate) struct LookupQuery {
    #[serde(default)]
    q: String,
}

#[derive(Serialize)]
struct Hit {
    id: i64,
    headline: String,
    /// The story's public address: on a line of its own in a body, it
    /// becomes a related-story card.
    url: String,
    published: String,
}

/// `GET /admin/stories/lookup?q=`: published stories whose headline has
/// these words, newest first, as JSON for the editor's related-story search.
pub(crate) async fn lookup(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<LookupQuery>,
) -> Result<Response, WebError> {
    signed.require(Action::WriteOwn)?;
    let search = Some(q.q.trim().to_owned()).filter(|s| !s.is_empty());
    let filter =
        DeskFilter { status: Some(StoryStatus::Published), search, sort: DeskSort::Published, ..DeskFilter::default() };
    let (items, _) = state.site.store().desk_stories(&filter, 1, 10).await.map_err(newsdesk_site::SiteError::from)?;
    let tz = state.site.settings().tz();
    let hits: Vec<Hit> = items
        .into_iter()
        .map(|s| Hit {
            id: s.id.0,
            url: views::absolute(&state, &format!("/{}/", s.slug)),
            published: s.published_at.map(|p| when(p, tz)).unwrap_or_default(),
            headline: s.headline,
        })
        .collect();
    Ok(([(axum::http::header::CACHE_CONTROL, "no-store")], axum::Json(hits)).into_response())
}
