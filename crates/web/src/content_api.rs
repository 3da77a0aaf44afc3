//! The Content API at `/ghost/api/content/`, in Ghost's shape: `posts`,
//! `pages`, `tags`, `authors` and `settings`, authenticated by `?key=`, with
//! Ghost's envelopes, field names, pagination, `include`, `fields` and
//! `formats`, its error format, open CORS and an ETag.
//!
//! Story kinds map onto Ghost posts with the kind as an internal tag
//! (`#article`, `#brief`, `#video`), as Ghost sites mark post types. The
//! site has no static pages yet, so `pages` is empty. `filter` (Ghost's
//! NQL) becomes SQL on posts and is read in memory on tags and authors;
//! `order` takes published_at, updated_at or title. What cannot be read is
//! refused with a 400 rather than ignored.

use std::collections::{HashMap, HashSet};

use axum::{
    Json,
    extract::{Path, Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use newsdesk_domain::{Author, Media, StoryId, Tag, nql, text::escape_html};
use newsdesk_site::content::ApiPost;
use newsdesk_store::{PostOrder, StoryKey};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::{AppState, views};

/// Ghost's default page size, and its largest.
const DEFAULT_LIMIT: u32 = 15;
const MAX_LIMIT: u32 = 100;
/// The deepest page asked for (as the OpenAPI document says).
const MAX_PAGE: u64 = 1_000_000_000;

/// An error in Ghost's format.
pub(crate) struct ApiError {
    status: StatusCode,
    kind: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, kind, message: message.into() }
    }

    pub(crate) fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "NotFoundError", format!("{what} not found."))
    }

    pub(crate) fn bad(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "BadRequestError", message)
    }
}

impl From<newsdesk_site::SiteError> for ApiError {
    fn from(e: newsdesk_site::SiteError) -> Self {
        if let newsdesk_site::SiteError::Invalid(why) = &e {
            return Self::bad(format!("Error parsing filter: {why}."));
        }
        tracing::error!(error = %e, "content API request failed");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "InternalServerError", "Something went wrong on our side.")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "errors": [{
            "message": self.message,
            "context": null,
            "type": self.kind,
            "details": null,
            "property": null,
            "help": null,
            "code": null,
            "id": null,
        }]});
        (self.status, Json(body)).into_response()
    }
}

/// Every Content API response: open CORS (any site may read published
/// stories), and an ETag so clients can revalidate.
pub(crate) async fn headers(req: Request, next: Next) -> Response {
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=0"));
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if res.status() != StatusCode::OK {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let etag = format!("W/\"{:016x}\"", {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        hasher.finish()
    });
    let mut res = Response::from_parts(parts, axum::body::Body::from(bytes));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        if if_none_match.as_ref().is_some_and(|inm| inm.as_bytes() == v.as_bytes()) {
            let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
            not_modified.headers_mut().insert(header::ETAG, v);
            not_modified.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
            return not_modified;
        }
        res.headers_mut().insert(header::ETAG, v);
    }
    res
}

/// The query string, read into `T`; what cannot be read is a 400 in
/// Ghost's error format (axum's own rejection would be plain text).
pub(crate) struct ApiQuery<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> axum::extract::FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        serde_urlencoded::from_str(query)
            .map(ApiQuery)
            .map_err(|e| ApiError::bad(format!("The query string cannot be read: {e}.")))
    }
}

/// The query parameters Ghost's Content API takes.
#[derive(Deserialize, Default)]
pub(crate) struct Params {
    key: Option<String>,
    #[serde(default)]
    include: String,
    #[serde(default)]
    fields: String,
    #[serde(default)]
    formats: String,
    filter: Option<String>,
    limit: Option<String>,
    page: Option<String>,
    order: Option<String>,
}

impl Params {
    fn list(s: &str) -> Vec<&str> {
        s.split(',').map(str::trim).filter(|x| !x.is_empty()).collect()
    }

    fn includes(&self, what: &str) -> bool {
        Self::list(&self.include).contains(&what)
    }

    fn limit(&self) -> Result<u32, ApiError> {
        match self.limit.as_deref() {
            None | Some("") => Ok(DEFAULT_LIMIT),
            // Ghost 6 caps `all` at its largest page.
            Some("all") => Ok(MAX_LIMIT),
            Some(n) => match n.parse::<u32>() {
                Ok(n) if n >= 1 => Ok(n.min(MAX_LIMIT)),
                _ => Err(ApiError::bad(format!(
                    "Validation error, cannot read 'limit' ({n:?}): use a whole number or 'all'."
                ))),
            },
        }
    }

    fn page(&self) -> Result<u64, ApiError> {
        match self.page.as_deref() {
            None | Some("") => Ok(1),
            Some(n) => match n.parse::<u64>() {
                Ok(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
                _ => Err(ApiError::bad(format!(
                    "Validation error, cannot read 'page' ({n:?}): use a whole number from 1 to {MAX_PAGE}."
                ))),
            },
        }
    }

    /// The `filter`, read (posts only so far).
    fn filter(&self) -> Result<Option<nql::Filter>, ApiError> {
        match self.filter.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(f) => nql::parse(f).map(Some).map_err(|e| ApiError::bad(format!("Error parsing filter: {e}."))),
        }
    }

    /// The order of posts: `published_at`, `updated_at` or `title`, each
    /// `asc` or `desc` (Ghost's default direction is `desc`).
    fn order(&self) -> Result<PostOrder, ApiError> {
        let Some(o) = self.order.as_deref().map(str::trim).filter(|o| !o.is_empty()) else {
            return Ok(PostOrder::default());
        };
        let mut words = o.split_whitespace();
        let field = words.next().unwrap_or("");
        let asc = match words.next().map(str::to_ascii_lowercase).as_deref() {
            None | Some("desc") => false,
            Some("asc") => true,
            Some(other) => return Err(ApiError::bad(format!("Cannot order by {o:?}: {other:?} is not asc or desc."))),
        };
        match field {
            "published_at" => Ok(PostOrder::Published(asc)),
            "updated_at" => Ok(PostOrder::Updated(asc)),
            "title" => Ok(PostOrder::Title(asc)),
            other => Err(ApiError::bad(format!(
                "Cannot order by {other:?}: use published_at, updated_at or title, then asc or desc."
            ))),
        }
    }

    /// Keeps the things a browse of tags or authors lists that match its
    /// filter, read in memory.
    fn keep<T>(
        &self,
        items: Vec<T>,
        fields: impl for<'x> Fn(&'x T, &str) -> Option<nql::Field<'x>>,
    ) -> Result<Vec<T>, ApiError> {
        let Some(filter) = self.filter()? else { return Ok(items) };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let get = |f: &str| fields(&item, f);
            if filter.matches(&get).map_err(|e| ApiError::bad(format!("Error parsing filter: {e}.")))? {
                out.push(item);
            }
        }
        Ok(out)
    }

    /// Keeps only the `fields` asked for, if any.
    fn pick(&self, object: Value) -> Value {
        let fields = Self::list(&self.fields);
        match object {
            Value::Object(map) if !fields.is_empty() => {
                Value::Object(map.into_iter().filter(|(k, _)| fields.contains(&k.as_str())).collect::<Map<_, _>>())
            }
            other => other,
        }
    }
}

/// Refuses a request without a key in use.
async fn authorize(state: &AppState, p: &Params) -> Result<(), ApiError> {
    authorize_key(state, p.key.as_deref()).await
}

/// Refuses a request without a key in use (shared with the JSON API).
pub(crate) async fn authorize_key(state: &AppState, key: Option<&str>) -> Result<(), ApiError> {
    let key = key.unwrap_or("");
    if key.is_empty() {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "UnauthorizedError",
            "Authorization failed: send a Content API key as ?key=.",
        ));
    }
    if !state.site.check_api_key(key).await? {
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, "UnauthorizedError", "Unknown Content API Key"));
    }
    Ok(())
}

fn iso(t: newsdesk_domain::Timestamp) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn image_url(state: &AppState, m: Option<&Media>) -> Value {
    m.map_or(Value::Null, |m| json!(views::absolute(state, &m.url())))
}

/// A tag's fields as filters read them.
fn tag_field<'a>(t: &'a Tag, field: &str) -> Option<nql::Field<'a>> {
    Some(match field {
        "id" => nql::Field::Number(t.id.0),
        "slug" => nql::Field::Text(t.slug.as_str()),
        "name" => nql::Field::Text(&t.name),
        "visibility" => nql::Field::Text("public"),
        _ => return None,
    })
}

/// An author's fields as filters read them.
fn author_field<'a>(a: &'a Author, field: &str) -> Option<nql::Field<'a>> {
    Some(match field {
        "id" => nql::Field::Number(a.id.0),
        "slug" => nql::Field::Text(a.slug.as_str()),
        "name" => nql::Field::Text(&a.name),
        _ => return None,
    })
}

fn tag_json(state: &AppState, t: &Tag, counts: Option<&HashMap<i64, u64>>) -> Value {
    let mut v = json!({
        "id": t.id.0.to_string(),
        "name": t.name,
        "slug": t.slug.as_str(),
        "description": if t.description.is_empty() { Value::Null } else { json!(t.description) },
        "feature_image": null,
        "visibility": "public",
        "og_image": null, "og_title": null, "og_description": null,
        "twitter_image": null, "twitter_title": null, "twitter_description": null,
        "meta_title": null, "meta_description": null,
        "codeinjection_head": null, "codeinjection_foot": null,
        "canonical_url": null, "accent_color": null,
        "url": views::absolute(state, &format!("/tag/{}/", t.slug)),
    });
    if let Some(c) = counts {
        v["count"] = json!({ "posts": c.get(&t.id.0).copied().unwrap_or(0) });
    }
    v
}

/// The internal tag Ghost sites use to mark a post's type.
fn kind_tag(state: &AppState, kind: newsdesk_domain::StoryKind) -> Value {
    json!({
        "id": format!("kind-{}", kind.as_str()),
        "name": format!("#{}", kind.as_str()),
        "slug": format!("hash-{}", kind.as_str()),
        "description": null, "feature_image": null,
        "visibility": "internal",
        "url": views::absolute(state, "/404/"),
    })
}

fn author_json(state: &AppState, a: &Author, avatar: Option<&Media>, counts: Option<&HashMap<i64, u64>>) -> Value {
    let mut v = json!({
        "id": a.id.0.to_string(),
        "name": a.name,
        "slug": a.slug.as_str(),
        "profile_image": image_url(state, avatar),
        "cover_image": null,
        "bio": if a.bio.is_empty() { Value::Null } else { json!(a.bio) },
        "website": a.website,
        "location": null, "facebook": null, "twitter": null,
        "meta_title": null, "meta_description": null,
        "url": views::absolute(state, &format!("/author/{}/", a.slug)),
    });
    if let Some(c) = counts {
        v["count"] = json!({ "posts": c.get(&a.id.0).copied().unwrap_or(0) });
    }
    v
}

fn plaintext(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
}

async fn post_json(state: &AppState, p: &Params, post: &ApiPost) -> Result<Value, ApiError> {
    let s = &post.story;
    let formats = Params::list(&p.formats);
    let url = views::absolute(state, &format!("/{}/", s.slug));
    let excerpt = if s.standfirst.is_empty() {
        newsdesk_domain::markdown::excerpt(&s.body_source, 500)
    } else {
        s.standfirst.clone()
    };
    let hero = post.hero.as_ref();
    let mut v = json!({
        "id": s.id.0.to_string(),
        "uuid": format!("00000000-0000-4000-8000-{:012x}", s.id.0),
        "title": s.headline,
        "slug": s.slug.as_str(),
        "comment_id": s.id.0.to_string(),
        "feature_image": image_url(state, hero),
        "feature_image_alt": hero.map(|m| m.alt.clone()).filter(|a| !a.is_empty()),
        "feature_image_caption": hero.map(|m| escape_html(&m.caption)).filter(|c| !c.is_empty()),
        "featured": s.featured,
        "visibility": "public",
        "created_at": iso(s.created_at),
        "updated_at": iso(s.updated_at),
        "published_at": s.published_at.map(iso),
        "custom_excerpt": if s.standfirst.is_empty() { Value::Null } else { json!(s.standfirst) },
        "codeinjection_head": null, "codeinjection_foot": null, "custom_template": null,
        "canonical_url": s.seo.canonical_url,
        "url": url,
        "excerpt": excerpt,
        "reading_time": s.reading_minutes,
        "access": true,
        "comments": false,
        "og_image": null, "og_title": null, "og_description": null,
        "twitter_image": null, "twitter_title": null, "twitter_description": null,
        "meta_title": if s.seo.meta_title.is_empty() { Value::Null } else { json!(s.seo.meta_title) },
        "meta_description": if s.seo.meta_description.is_empty() { Value::Null } else { json!(s.seo.meta_description) },
        "email_subject": null,
        "frontmatter": null,
    });
    if formats.is_empty() || formats.contains(&"html") {
        v["html"] = json!(s.body_html);
    }
    if formats.contains(&"plaintext") {
        v["plaintext"] = json!(plaintext(&s.body_html));
    }
    if p.includes("tags") {
        let mut tags: Vec<Value> = post.tags.iter().map(|t| tag_json(state, t, None)).collect();
        tags.push(kind_tag(state, s.kind));
        v["primary_tag"] = tags.first().cloned().unwrap_or(Value::Null);
        v["tags"] = json!(tags);
    }
    if p.includes("authors") {
        let avatars: Vec<_> = post.authors.iter().filter_map(|a| a.avatar).collect();
        let media: HashMap<_, _> = state.site.media(&avatars).await?.into_iter().map(|m| (m.id, m)).collect();
        let authors: Vec<Value> =
            post.authors.iter().map(|a| author_json(state, a, a.avatar.and_then(|m| media.get(&m)), None)).collect();
        v["primary_author"] = authors.first().cloned().unwrap_or(Value::Null);
        v["authors"] = json!(authors);
    }
    Ok(p.pick(v))
}

fn pagination(page: u64, limit: u32, total: u64) -> Value {
    let pages = total.div_ceil(u64::from(limit)).max(1);
    json!({ "pagination": {
        "page": page,
        "limit": limit,
        "pages": pages,
        "total": total,
        "next": if page < pages { json!(page + 1) } else { Value::Null },
        "prev": if page > 1 { json!(page - 1) } else { Value::Null },
    }})
}

/// `GET posts/`: visible stories, newest first.
pub(crate) async fn posts(State(state): State<AppState>, ApiQuery(p): ApiQuery<Params>) -> Result<Response, ApiError> {
    authorize(&state, &p).await?;
    let (filter, order) = (p.filter()?, p.order()?);
    let (limit, page) = (p.limit()?, p.page()?);
    let (posts, total) = state.site.api_posts(filter.as_ref(), order, page, limit).await?;
    let mut out = Vec::with_capacity(posts.len());
    for post in &posts {
        out.push(post_json(&state, &p, post).await?);
    }
    Ok(Json(json!({ "posts": out, "meta": pagination(page, limit, total) })).into_response())
}

async fn one_post(state: &AppState, p: &Params, key: StoryKey<'_>) -> Result<Response, ApiError> {
    authorize(state, p).await?;
    let post = state.site.api_post(key).await?.ok_or_else(|| ApiError::not_found("Post"))?;
    Ok(Json(json!({ "posts": [post_json(state, p, &post).await?] })).into_response())
}

pub(crate) async fn post_by_id(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(p): ApiQuery<Params>,
) -> Result<Response, ApiError> {
    let id: i64 = id.parse().map_err(|_| ApiError::not_found("Post"))?;
    one_post(&state, &p, StoryKey::Id(StoryId(id))).await
}

pub(crate) async fn post_by_slug(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(p): ApiQuery<Params>,
) -> Result<Response, ApiError> {
    one_post(&state, &p, StoryKey::Slug(&slug)).await
}

/// `GET pages/`: the site has no static pages yet.
pub(crate) async fn pages(State(state): State<AppState>, ApiQuery(p): ApiQuery<Params>) -> Result<Response, ApiError> {
    authorize(&state, &p).await?;
    p.filter()?;
    let (limit, page) = (p.limit()?, p.page()?);
    Ok(Json(json!({ "pages": [], "meta": pagination(page, limit, 0) })).into_response())
}

fn paged<T>(items: Vec<T>, page: u64, limit: u32) -> (Vec<T>, u64) {
    let total = items.len() as u64;
    let start = usize::try_from((page - 1).saturating_mul(u64::from(limit))).unwrap_or(usize::MAX);
    (items.into_iter().skip(start).take(limit as usize).collect(), total)
}

/// `GET tags/`: public tags, by name.
pub(crate) async fn tags(State(state): State<AppState>, ApiQuery(p): ApiQuery<Params>) -> Result<Response, ApiError> {
    authorize(&state, &p).await?;
    let (limit, page) = (p.limit()?, p.page()?);
    let counts = if p.includes("count.posts") { Some(state.site.post_counts(false).await?) } else { None };
    let all = p.keep(state.site.all_tags(), tag_field)?;
    let (tags, total) = paged(all, page, limit);
    let out: Vec<Value> = tags.iter().map(|t| p.pick(tag_json(&state, t, counts.as_ref()))).collect();
    Ok(Json(json!({ "tags": out, "meta": pagination(page, limit, total) })).into_response())
}

async fn one_tag(state: &AppState, p: &Params, found: Option<Tag>) -> Result<Response, ApiError> {
    authorize(state, p).await?;
    let tag = found.ok_or_else(|| ApiError::not_found("Tag"))?;
    let counts = if p.includes("count.posts") { Some(state.site.post_counts(false).await?) } else { None };
    Ok(Json(json!({ "tags": [p.pick(tag_json(state, &tag, counts.as_ref()))] })).into_response())
}

pub(crate) async fn tag_by_id(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(p): ApiQuery<Params>,
) -> Result<Response, ApiError> {
    let found = state.site.all_tags().into_iter().find(|t| t.id.0.to_string() == id);
    one_tag(&state, &p, found).await
}

pub(crate) async fn tag_by_slug(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(p): ApiQuery<Params>,
) -> Result<Response, ApiError> {
    let found = state.site.tag_by_slug(&slug).await.ok();
    one_tag(&state, &p, found).await
}

async fn authors_json(state: &AppState, p: &Params, authors: &[Author]) -> Result<Vec<Value>, ApiError> {
    let counts = if p.includes("count.posts") { Some(state.site.post_counts(true).await?) } else { None };
    let avatars: Vec<_> = authors.iter().filter_map(|a| a.avatar).collect();
    let media: HashMap<_, _> = state.site.media(&avatars).await?.into_iter().map(|m| (m.id, m)).collect();
    Ok(authors
        .iter()
        .map(|a| p.pick(author_json(state, a, a.avatar.and_then(|m| media.get(&m)), counts.as_ref())))
        .collect())
}

/// `GET authors/`: authors with published stories, by name.
pub(crate) async fn authors(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<Params>,
) -> Result<Response, ApiError> {
    authorize(&state, &p).await?;
    let (limit, page) = (p.limit()?, p.page()?);
    let published: HashSet<i64> = state.site.post_counts(true).await?.into_keys().collect();
    let all: Vec<Author> = state.site.all_authors().into_iter().filter(|a| published.contains(&a.id.0)).collect();
    let all = p.keep(all, author_field)?;
    let (authors, total) = paged(all, page, limit);
    let out = authors_json(&state, &p, &authors).await?;
    Ok(Json(json!({ "authors": out, "meta": pagination(page, limit, total) })).into_response())
}

async fn one_author(state: &AppState, p: &Params, found: Option<Author>) -> Result<Response, ApiError> {
    authorize(state, p).await?;
    let author = found.ok_or_else(|| ApiError::not_found("Author"))?;
    Ok(Json(json!({ "authors": authors_json(state, p, &[author]).await? })).into_response())
}

pub(crate) async fn author_by_id(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(p): ApiQuery<Params>,
) -> Result<Response, ApiError> {
    let found = state.site.all_authors().into_iter().find(|a| a.id.0.to_string() == id);
    one_author(&state, &p, found).await
}

pub(crate) async fn author_by_slug(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(p): ApiQuery<Params>,
) -> Result<Response, ApiError> {
    let found = state.site.author_by_slug(&slug).await.ok();
    one_author(&state, &p, found).await
}

/// `GET settings/`: what the site says about itself.
pub(crate) async fn settings(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<Params>,
) -> Result<Response, ApiError> {
    authorize(&state, &p).await?;
    let s = state.site.settings();
    let abs = |u: &Option<String>| {
        u.as_ref().map(|u| if u.starts_with('/') { views::absolute(&state, u) } else { u.clone() })
    };
    let navigation: Vec<Value> = s.navigation.iter().map(|n| json!({ "label": n.label, "url": n.url })).collect();
    Ok(Json(json!({
        "settings": {
            "title": s.name,
            "description": s.tagline,
            "logo": abs(&s.logo),
            "icon": abs(&s.logo_short),
            "accent_color": null,
            "cover_image": null,
            "facebook": null,
            "twitter": null,
            "lang": s.locale,
            "locale": s.locale,
            "timezone": s.timezone,
            "codeinjection_head": null,
            "codeinjection_foot": null,
            "navigation": navigation,
            "secondary_navigation": [],
            "meta_title": null,
            "meta_description": null,
            "og_image": null, "og_title": null, "og_description": null,
            "twitter_image": null, "twitter_title": null, "twitter_description": null,
            "members_support_address": null,
            "url": views::absolute(&state, "/"),
        },
        "meta": {},
    }))
    .into_response())
}

/// Unknown API paths answer in the API's format.
pub(crate) async fn unknown(_: HeaderMap) -> ApiError {
    ApiError::not_found("Resource")
}
