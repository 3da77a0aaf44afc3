//! The reader site's pages.

use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use minijinja::Value;
use newsdesk_domain::{AuthorId, Cursor, Slug, StoryId, StoryKind};
use newsdesk_site::{Lookup, StoryPage, Teaser, cache::Deps};
use newsdesk_store::Listing;
use serde::Deserialize;

use crate::{
    AppState, WebError,
    cache::PageOut,
    social,
    views::{self, FigureView, PageMeta},
};

#[derive(Deserialize)]
pub(crate) struct PageQuery {
    after: Option<String>,
}

impl PageQuery {
    fn cursor(&self) -> Result<Option<Cursor>, WebError> {
        match self.after.as_deref().filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(|_| {
                WebError::BadRequest(format!("The page link is not valid (after={s:?}). Go back to the first page."))
            }),
        }
    }
}

/// A rendered page, with what it shows, handed to the render-cache
/// middleware that wraps every reader route: it builds the response (body,
/// encodings, caching headers), so the body is not copied here.
fn page(html: String, deps: Deps, story: Option<StoryId>) -> Response {
    let mut res = StatusCode::OK.into_response();
    res.extensions_mut().insert(PageOut::new(html, deps, story));
    res
}

pub(crate) async fn front(State(state): State<AppState>) -> Result<Response, WebError> {
    let settings = state.site.settings();
    let tz = settings.tz();
    let p = state.site.front_page().await?;
    let l = &p.lookup;
    let meta = PageMeta {
        title: settings.name.clone(),
        description: settings.tagline.clone(),
        canonical: views::absolute(&state, "/"),
        path: "/".into(),
        ..PageMeta::default()
    };
    let mut ctx = views::base_context(&state, &settings, meta);
    ctx.extend([
        ("lead", Value::from_serialize(p.lead.as_ref().map(|t| views::teaser(t, l, tz)))),
        ("top_stories", Value::from_serialize(views::teasers(&p.top, l, tz))),
        ("news_feed", Value::from_serialize(views::feed_days(views::teasers(&p.feed, l, tz)))),
        ("news_feed_more", Value::from(feed_more(&p.feed))),
        ("most_popular", Value::from_serialize(views::teasers(&p.popular, l, tz))),
        ("editors_picks", Value::from_serialize(views::teasers(&p.picks, l, tz))),
        ("videos", Value::from_serialize(views::teasers(&p.videos, l, tz))),
    ]);
    Ok(page(state.theme.render("index.html", views::context(ctx))?, p.deps, None))
}

pub(crate) async fn story(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response, WebError> {
    let p = state.site.story_page(&slug).await?.ok_or(WebError::NotFound)?;
    let html = story_html(&state, &p, false)?;
    Ok(page(html, p.deps, Some(p.story.id)))
}

/// A story's page as readers see it; `preview` marks an unsaved version
/// shown to the newsroom.
pub(crate) fn story_html(state: &AppState, p: &StoryPage, preview: bool) -> Result<String, WebError> {
    let settings = state.site.settings();
    let tz = settings.tz();
    let s = &p.story;
    let l = &p.lookup;
    let hero = l.media(s.hero).map(|m| FigureView { image: views::image(&m), caption: m.caption, credit: m.credit });
    let authors: Vec<_> = l.authors(&s.authors).iter().map(|a| views::author_view(a, l)).collect();
    let tags: Vec<_> = l.tags(&s.tags).iter().map(views::tag_link).collect();
    let published = s.published_at.map(|t| views::date(t, tz));
    let updated = (s.published_at.is_some_and(|p| s.updated_at > p + chrono::Duration::minutes(1)))
        .then(|| views::date(s.updated_at, tz));
    let description = [&s.seo.meta_description, &s.standfirst]
        .into_iter()
        .find(|d| !d.is_empty())
        .cloned()
        .unwrap_or_else(|| newsdesk_domain::markdown::excerpt(&s.body_source, 160));
    let title = if s.seo.meta_title.is_empty() { s.headline.clone() } else { s.seo.meta_title.clone() };
    let canonical = s.seo.canonical_url.clone().unwrap_or_else(|| views::absolute(state, &format!("/{}/", s.slug)));
    let facts = social::StoryFacts {
        story: s,
        title: &title,
        description: &description,
        url: &canonical,
        authors: l
            .authors(&s.authors)
            .into_iter()
            .map(|a| {
                let m = l.media(a.avatar);
                (a, m)
            })
            .collect(),
        tags: l.tags(&s.tags),
        hero: l.media(s.hero),
    };
    let (social, jsonld) = social::story(state, &settings, &facts);
    let meta = PageMeta {
        title,
        description,
        canonical,
        path: format!("/{}/", s.slug),
        social,
        jsonld,
        ..PageMeta::default()
    };
    let video = s.video().map(|v| {
        minijinja::context! {
            provider => v.provider_key(),
            id => v.id.clone(),
            watch_url => v.watch_url(),
            host => v.provider_name(),
        }
    });
    let mut ctx = views::base_context(state, &settings, meta);
    ctx.extend([
        (
            "story",
            minijinja::context! {
                kind => views::kind(s.kind),
                headline => s.headline,
                standfirst => s.standfirst,
                body_html => s.body_html,
                reading_minutes => s.reading_minutes,
                published => published,
                updated => updated,
                hero => hero,
                authors => authors,
                tags => tags,
                video => video,
                notes => p.notes.iter().map(|n| minijinja::context! {
                    kind => n.kind.as_str(),
                    label => n.kind.label(),
                    body => n.body,
                    date => views::date(n.created_at, tz),
                }).collect::<Vec<_>>(),
            },
        ),
        ("most_popular", Value::from_serialize(views::teasers(&p.popular, l, tz))),
        ("news_feed", Value::from_serialize(views::feed_days(views::teasers(&p.feed, l, tz)))),
        ("news_feed_more", Value::from(feed_more(&p.feed))),
        ("editors_picks", Value::from_serialize(views::teasers(&p.picks, l, tz))),
        ("preview", Value::from(preview)),
    ]);
    Ok(state.theme.render("story.html", views::context(ctx))?)
}

/// Where "Show more" under a News Feed section leads: the feed page that
/// continues after the last item the section shows.
fn feed_more(feed: &[Teaser]) -> String {
    match feed.last() {
        Some(t) => format!("/news-feed/?after={}", t.story.cursor()),
        None => "/news-feed/".to_owned(),
    }
}

/// Which list a list page shows, and how.
struct ListSpec {
    template: &'static str,
    listing: Listing,
    /// The first page's path; later pages add `?after=CURSOR`.
    path: String,
    meta: PageMeta,
    /// Authors the page shows besides those of its stories.
    extra_authors: Vec<AuthorId>,
}

/// Renders a page of a paginated list: the news feed, a tag, an author or
/// the videos. `extra` adds what the page says about its subject.
async fn list_page(
    state: &AppState,
    spec: ListSpec,
    q: &PageQuery,
    extra: impl FnOnce(&Lookup) -> Vec<(&'static str, Value)>,
) -> Result<Response, WebError> {
    let ListSpec { template, listing, path, meta, extra_authors } = spec;
    let settings = state.site.settings();
    let tz = settings.tz();
    let after = q.cursor()?;
    let p = state.site.list_page(listing, after, extra_authors).await?;
    let next = p.next.map(|c| format!("{path}?after={c}"));
    let here = match after {
        Some(c) => format!("{path}?after={c}"),
        None => path.clone(),
    };
    let meta = PageMeta { canonical: views::absolute(state, &here), next: next.clone(), path, ..meta };
    let items = views::teasers(&p.items, &p.lookup, tz);
    let mut ctx = views::base_context(state, &settings, meta);
    // The news feed shows its items grouped by day; other lists as a list.
    if template == "news_feed.html" {
        ctx.push(("days", Value::from_serialize(views::feed_days(items))));
    } else {
        ctx.push(("items", Value::from_serialize(items)));
    }
    ctx.extend([("next", Value::from_serialize(next)), ("is_first_page", Value::from(after.is_none()))]);
    ctx.extend(extra(&p.lookup));
    Ok(page(state.theme.render(template, views::context(ctx))?, p.deps, None))
}

pub(crate) async fn news_feed(State(state): State<AppState>, Query(q): Query<PageQuery>) -> Result<Response, WebError> {
    let settings = state.site.settings();
    let meta = PageMeta {
        title: format!("News Feed | {}", settings.name),
        description: format!("Every story from {}, newest first.", settings.name),
        ..PageMeta::default()
    };
    let spec = ListSpec {
        template: "news_feed.html",
        listing: Listing::All,
        path: "/news-feed/".into(),
        meta,
        extra_authors: vec![],
    };
    list_page(&state, spec, &q, |_| vec![]).await
}

pub(crate) async fn video(State(state): State<AppState>, Query(q): Query<PageQuery>) -> Result<Response, WebError> {
    let settings = state.site.settings();
    let meta = PageMeta {
        title: format!("Video | {}", settings.name),
        description: format!("Video reports and interviews from {}.", settings.name),
        ..PageMeta::default()
    };
    let spec = ListSpec {
        template: "video.html",
        listing: Listing::Kind(StoryKind::Video),
        path: "/video/".into(),
        meta,
        extra_authors: vec![],
    };
    list_page(&state, spec, &q, |_| vec![]).await
}

pub(crate) async fn tag(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, WebError> {
    let settings = state.site.settings();
    let tag = state.site.tag_by_slug(&slug).await?;
    let meta = PageMeta {
        feed: Some(format!("/tag/{}/rss/", tag.slug)),
        feed_title: format!("{} | {}", tag.name, settings.name),
        title: format!("{} | {}", tag.name, settings.name),
        description: if tag.description.is_empty() {
            format!("Stories about {} from {}.", tag.name, settings.name)
        } else {
            tag.description.clone()
        },
        ..PageMeta::default()
    };
    let path = format!("/tag/{}/", tag.slug);
    let view = Value::from_serialize(views::tag_link(&tag));
    let description = tag.description.clone();
    let spec = ListSpec { template: "tag.html", listing: Listing::Tag(tag.id), path, meta, extra_authors: vec![] };
    list_page(&state, spec, &q, |_| vec![("tag", view), ("description", Value::from(description))]).await
}

pub(crate) async fn author(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, WebError> {
    let settings = state.site.settings();
    let author = state.site.author_by_slug(&slug).await?;
    let avatar = match author.avatar {
        Some(id) => state.site.media(&[id]).await?.into_iter().next(),
        None => None,
    };
    let meta = PageMeta {
        jsonld: vec![social::author(&state, &author, avatar.as_ref())],
        feed: Some(format!("/author/{}/rss/", author.slug)),
        feed_title: format!("{} | {}", author.name, settings.name),
        title: format!("{} | {}", author.name, settings.name),
        description: if author.bio.is_empty() {
            format!("Stories by {} for {}.", author.name, settings.name)
        } else {
            author.bio.clone()
        },
        ..PageMeta::default()
    };
    let path = format!("/author/{}/", author.slug);
    let spec = ListSpec {
        template: "author.html",
        listing: Listing::Author(author.id),
        path,
        meta,
        extra_authors: vec![author.id],
    };
    list_page(&state, spec, &q, |lookup| vec![("author", Value::from_serialize(views::author_view(&author, lookup)))])
        .await
}

/// `/{slug}` and `/tag/{slug}`: the canonical URLs end with a slash. Paths
/// whose last part cannot be a slug (`/favicon.ico`) are simply not found.
pub(crate) async fn add_slash(uri: axum::http::Uri) -> Result<Redirect, WebError> {
    let last = uri.path().rsplit('/').next().unwrap_or_default();
    Slug::parse(last).map_err(|_| WebError::NotFound)?;
    let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
    Ok(Redirect::permanent(&format!("{}/{query}", uri.path())))
}

pub(crate) async fn not_found() -> WebError {
    WebError::NotFound
}
