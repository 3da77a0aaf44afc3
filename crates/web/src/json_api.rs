//! Newsdesk's own JSON API, for what Ghost's Content API does not cover:
//! the News Feed and each story kind with cursors, the curated lists and
//! Most Popular. Same keys (`?key=`) and error format as the Content API.
//! Described by the OpenAPI 3.1 document at `/api/openapi.json`.

use axum::{
    Json,
    extract::{Path, State},
    response::{IntoResponse, Response},
};
use newsdesk_domain::{Cursor, ListKey, StoryKind};
use newsdesk_site::Teaser;
use newsdesk_store::Listing;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{
    AppState,
    content_api::{ApiError, ApiQuery, authorize_key},
    views,
};

#[derive(Deserialize, Default)]
pub(crate) struct ListParams {
    key: Option<String>,
    after: Option<String>,
}

fn story(state: &AppState, t: &Teaser) -> Value {
    let s = &t.story;
    json!({
        "id": s.id.0,
        "slug": s.slug.as_str(),
        "url": views::absolute(state, &format!("/{}/", s.slug)),
        "kind": s.kind.as_str(),
        "headline": s.headline,
        "standfirst": s.standfirst,
        "published_at": s.published_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "updated_at": s.updated_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "reading_minutes": s.reading_minutes,
        "featured": s.featured,
        "authors": t.authors.iter().map(|a| json!({
            "slug": a.slug.as_str(), "name": a.name, "url": views::absolute(state, &format!("/author/{}/", a.slug)),
        })).collect::<Vec<_>>(),
        "tags": t.tags.iter().map(|g| json!({
            "slug": g.slug.as_str(), "name": g.name, "url": views::absolute(state, &format!("/tag/{}/", g.slug)),
        })).collect::<Vec<_>>(),
        "image": t.hero.as_ref().map(|m| json!({
            "url": views::absolute(state, &m.url()),
            "width": m.width,
            "height": m.height,
            "alt": m.alt,
            "caption": m.caption,
            "credit": m.credit,
        })),
    })
}

async fn listing(state: &AppState, p: &ListParams, listing: Listing) -> Result<Response, ApiError> {
    authorize_key(state, p.key.as_deref()).await?;
    let after = match p.after.as_deref().filter(|a| !a.is_empty()) {
        Some(a) => Some(
            a.parse::<Cursor>().map_err(|_| ApiError::bad(format!("'after' is not a cursor this API gave: {a:?}")))?,
        ),
        None => None,
    };
    let page = state.site.list_page(listing, after, Vec::new()).await?;
    let stories: Vec<Value> = page.items.iter().map(|t| story(state, t)).collect();
    Ok(Json(json!({ "stories": stories, "next": page.next.map(|c| c.to_string()) })).into_response())
}

/// `GET /api/v1/news-feed`: every story, newest first, a page at a time.
pub(crate) async fn news_feed(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<ListParams>,
) -> Result<Response, ApiError> {
    listing(&state, &p, Listing::All).await
}

/// `GET /api/v1/kinds/{kind}`: the articles, briefs or videos.
pub(crate) async fn kind(
    State(state): State<AppState>,
    Path(kind): Path<String>,
    ApiQuery(p): ApiQuery<ListParams>,
) -> Result<Response, ApiError> {
    let kind: StoryKind = kind.parse().map_err(|_| ApiError::not_found("Kind"))?;
    listing(&state, &p, Listing::Kind(kind)).await
}

async fn ids(state: &AppState, p: &ListParams, ids: Vec<newsdesk_domain::StoryId>) -> Result<Response, ApiError> {
    authorize_key(state, p.key.as_deref()).await?;
    let teasers = state.site.teasers(ids).await?;
    let stories: Vec<Value> = teasers.iter().map(|t| story(state, t)).collect();
    Ok(Json(json!({ "stories": stories })).into_response())
}

/// `GET /api/v1/lists/{list}`: Top Stories or Editors' Picks, in order.
pub(crate) async fn list(
    State(state): State<AppState>,
    Path(list): Path<String>,
    ApiQuery(p): ApiQuery<ListParams>,
) -> Result<Response, ApiError> {
    let key: ListKey = list.parse().map_err(|_| ApiError::not_found("List"))?;
    ids(&state, &p, state.site.list(key)).await
}

/// `GET /api/v1/popular`: Most Popular, as the site ranks it.
pub(crate) async fn popular(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<ListParams>,
) -> Result<Response, ApiError> {
    let ranked = state.site.most_popular().await?;
    ids(&state, &p, ranked).await
}

/// `GET /api/openapi.json`: this API and the Content API, described.
pub(crate) async fn openapi(State(state): State<AppState>) -> Response {
    Json(document(&views::absolute(&state, ""))).into_response()
}

fn document(base: &str) -> Value {
    let key = json!({ "name": "key", "in": "query", "required": true, "schema": { "type": "string", "pattern": "^[0-9a-f]{26}$" },
        "description": "A Content API key (26 lowercase hex characters)." });
    let after = json!({ "name": "after", "in": "query", "required": false,
        "schema": { "type": "string", "pattern": "^[0-9]{1,15}\\.[0-9]{1,18}$" },
        "description": "The `next` cursor of the previous page." });
    let stories = json!({ "$ref": "#/components/schemas/StoryPage" });
    let ok = |schema: Value, what: &str| {
        json!({ "200": { "description": what, "content": { "application/json": { "schema": schema } } },
        "400": { "$ref": "#/components/responses/Error" }, "401": { "$ref": "#/components/responses/Error" },
        "404": { "$ref": "#/components/responses/Error" } })
    };
    let ghost = |name: &str, what: &str| {
        json!({ "get": {
            "summary": what, "tags": ["Content API (Ghost-compatible)"],
            "parameters": [key, { "$ref": "#/components/parameters/include" }, { "$ref": "#/components/parameters/fields" },
                { "$ref": "#/components/parameters/filter" }, { "$ref": "#/components/parameters/limit" },
                { "$ref": "#/components/parameters/page" }],
            "responses": ok(json!({ "type": "object", "required": [name] }), what),
        }})
    };
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Newsdesk API",
            "version": "1",
            "description": "Read-only access to what readers can see: the Ghost-compatible Content API, and Newsdesk's own lists with cursors.",
        },
        "servers": [{ "url": base }],
        "paths": {
            "/api/v1/news-feed": { "get": { "summary": "Every story, newest first", "tags": ["Newsdesk"],
                "parameters": [key, after], "responses": ok(stories.clone(), "A page of stories and the next cursor") } },
            "/api/v1/kinds/{kind}": { "get": { "summary": "Stories of one kind, newest first", "tags": ["Newsdesk"],
                "parameters": [key, after, { "name": "kind", "in": "path", "required": true,
                    "schema": { "type": "string", "enum": ["article", "brief", "video"] } }],
                "responses": ok(stories.clone(), "A page of stories and the next cursor") } },
            "/api/v1/lists/{list}": { "get": { "summary": "A curated list, in the editors' order", "tags": ["Newsdesk"],
                "parameters": [key, { "name": "list", "in": "path", "required": true,
                    "schema": { "type": "string", "enum": ["top-stories", "editors-picks"] } }],
                "responses": ok(json!({ "$ref": "#/components/schemas/StoryList" }), "The list's visible stories") } },
            "/api/v1/popular": { "get": { "summary": "Most Popular, by page views", "tags": ["Newsdesk"],
                "parameters": [key], "responses": ok(json!({ "$ref": "#/components/schemas/StoryList" }), "The ranked stories") } },
            "/ghost/api/content/posts/": ghost("posts", "Browse posts"),
            "/ghost/api/content/tags/": ghost("tags", "Browse tags"),
            "/ghost/api/content/authors/": ghost("authors", "Browse authors"),
            "/ghost/api/content/pages/": ghost("pages", "Browse pages"),
            "/ghost/api/content/settings/": { "get": { "summary": "The site's settings", "tags": ["Content API (Ghost-compatible)"],
                "parameters": [key], "responses": ok(json!({ "type": "object", "required": ["settings"] }), "Settings") } },
        },
        "components": {
            "parameters": {
                "include": { "name": "include", "in": "query", "schema": { "type": "string", "pattern": "^[a-z_.,]*$" }, "description": "tags, authors, count.posts" },
                "fields": { "name": "fields", "in": "query", "schema": { "type": "string" }, "description": "Only these fields" },
                "filter": { "name": "filter", "in": "query", "schema": { "type": "string" }, "description": "Ghost's filter language (NQL)" },
                "limit": { "name": "limit", "in": "query", "schema": { "type": "string", "pattern": "^([1-9][0-9]{0,8}|all)$" }, "description": "1 to 100 (more counts as 100), or all (100); 15 by default" },
                "page": { "name": "page", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 1000000000 } },
            },
            "responses": {
                "Error": { "description": "Ghost's error format", "content": { "application/json": { "schema": {
                    "type": "object", "required": ["errors"], "properties": { "errors": { "type": "array", "items": {
                        "type": "object", "required": ["message", "type"],
                        "properties": { "message": { "type": "string" }, "type": { "type": "string" } } } } } } } } },
            },
            "schemas": {
                "Link": { "type": "object", "required": ["slug", "name", "url"], "properties": {
                    "slug": { "type": "string" }, "name": { "type": "string" }, "url": { "type": "string", "format": "uri" } } },
                "Story": { "type": "object",
                    "required": ["id", "slug", "url", "kind", "headline", "published_at", "authors", "tags"],
                    "properties": {
                        "id": { "type": "integer" }, "slug": { "type": "string" }, "url": { "type": "string", "format": "uri" },
                        "kind": { "type": "string", "enum": ["article", "brief", "video"] },
                        "headline": { "type": "string" }, "standfirst": { "type": "string" },
                        "published_at": { "type": "string", "format": "date-time" },
                        "updated_at": { "type": "string", "format": "date-time" },
                        "reading_minutes": { "type": "integer" }, "featured": { "type": "boolean" },
                        "authors": { "type": "array", "items": { "$ref": "#/components/schemas/Link" } },
                        "tags": { "type": "array", "items": { "$ref": "#/components/schemas/Link" } },
                        "image": { "type": ["object", "null"], "properties": {
                            "url": { "type": "string", "format": "uri" }, "width": { "type": "integer" },
                            "height": { "type": "integer" }, "alt": { "type": "string" },
                            "caption": { "type": "string" }, "credit": { "type": "string" } } },
                    } },
                "StoryPage": { "type": "object", "required": ["stories", "next"], "properties": {
                    "stories": { "type": "array", "items": { "$ref": "#/components/schemas/Story" } },
                    "next": { "type": ["string", "null"], "description": "Pass as `after` for the next page; null at the end." } } },
                "StoryList": { "type": "object", "required": ["stories"], "properties": {
                    "stories": { "type": "array", "items": { "$ref": "#/components/schemas/Story" } } } },
            },
        },
    })
}
