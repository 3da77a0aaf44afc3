//! RSS 2.0 feeds at Ghost's paths: `/rss/`, `/tag/{slug}/rss/` and
//! `/author/{slug}/rss/`. Each carries the list's newest stories in full,
//! with absolute links, bylines (`dc:creator`), tags as categories and the
//! hero image (`media:content`), and goes through the render cache like a
//! page.

use std::collections::BTreeMap;

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use newsdesk_site::{FeedPage, cache::Dep};
use newsdesk_store::Listing;
use rss::{
    Category, Channel, Guid, Item,
    extension::{Extension, ExtensionMap, dublincore::DublinCoreExtension},
};

use crate::{AppState, WebError, cache::PageOut, views};

pub(crate) const RSS_TYPE: &str = "application/rss+xml; charset=utf-8";

/// Makes the site's own links in a story body absolute: feed readers show
/// it away from the site.
fn absolute_links(html: &str, base: &str) -> String {
    html.replace("src=\"/", &format!("src=\"{base}/"))
        .replace("href=\"/", &format!("href=\"{base}/"))
        .replace("srcset=\"/", &format!("srcset=\"{base}/"))
        .replace(", /content/images/", &format!(", {base}/content/images/"))
}

fn extension(name: &str, attrs: &[(&str, String)], children: Vec<Extension>) -> Extension {
    let mut ext = Extension {
        name: name.to_owned(),
        attrs: attrs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect(),
        ..Extension::default()
    };
    for child in children {
        let local = child.name.rsplit(':').next().unwrap_or("").to_owned();
        ext.children.entry(local).or_default().push(child);
    }
    ext
}

fn text_extension(name: &str, value: &str) -> Extension {
    Extension { name: name.to_owned(), value: Some(value.to_owned()), ..Extension::default() }
}

fn channel(state: &AppState, title: String, path: &str, description: String, feed: &FeedPage) -> Channel {
    let settings = state.site.settings();
    let base = views::absolute(state, "");
    let items: Vec<Item> = feed
        .items
        .iter()
        .map(|(t, body)| {
            let s = &t.story;
            let link = views::absolute(state, &format!("/{}/", s.slug));
            let mut extensions = ExtensionMap::default();
            if let Some(m) = &t.hero {
                let mut children = Vec::new();
                if !m.alt.is_empty() {
                    children.push(text_extension("media:description", &m.alt));
                }
                if !m.credit.is_empty() {
                    children.push(text_extension("media:credit", &m.credit));
                }
                let content = extension(
                    "media:content",
                    &[
                        ("url", format!("{base}{}", m.url())),
                        ("medium", "image".to_owned()),
                        ("type", m.mime.clone()),
                        ("width", m.width.to_string()),
                        ("height", m.height.to_string()),
                    ],
                    children,
                );
                extensions.insert("media".into(), BTreeMap::from([("content".to_owned(), vec![content])]));
            }
            Item {
                title: Some(s.headline.clone()),
                link: Some(link.clone()),
                description: (!s.standfirst.is_empty()).then(|| s.standfirst.clone()),
                guid: Some(Guid { value: link, permalink: true }),
                pub_date: Some(s.published_at.to_rfc2822()),
                categories: t.tags.iter().map(|tag| Category { name: tag.name.clone(), domain: None }).collect(),
                content: Some(absolute_links(body, &base)),
                dublin_core_ext: (!t.authors.is_empty()).then(|| DublinCoreExtension {
                    creators: t.authors.iter().map(|a| a.name.clone()).collect(),
                    ..DublinCoreExtension::default()
                }),
                extensions,
                ..Item::default()
            }
        })
        .collect();
    let self_link = extension(
        "atom:link",
        &[
            ("href", views::absolute(state, &format!("{path}rss/"))),
            ("rel", "self".to_owned()),
            ("type", "application/rss+xml".to_owned()),
        ],
        Vec::new(),
    );
    let mut extensions = ExtensionMap::default();
    extensions.insert("atom".into(), BTreeMap::from([("link".to_owned(), vec![self_link])]));
    let namespaces = [
        ("atom", "http://www.w3.org/2005/Atom"),
        ("content", "http://purl.org/rss/1.0/modules/content/"),
        ("dc", "http://purl.org/dc/elements/1.1/"),
        ("media", "http://search.yahoo.com/mrss/"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    Channel {
        title,
        link: views::absolute(state, path),
        description,
        language: Some(settings.locale.clone()),
        last_build_date: feed.items.iter().map(|(t, _)| t.story.updated_at).max().map(|t| t.to_rfc2822()),
        generator: Some("Newsdesk".to_owned()),
        ttl: Some("5".to_owned()),
        items,
        extensions,
        namespaces,
        ..Channel::default()
    }
}

fn respond(channel: &Channel, mut feed: FeedPage) -> Result<Response, WebError> {
    let xml = channel.write_to(Vec::new()).map_err(|e| WebError::Internal(format!("feed: {e}")))?;
    let xml = String::from_utf8(xml).map_err(|e| WebError::Internal(format!("feed: {e}")))?;
    feed.deps.add(Dep::Settings);
    let mut res = StatusCode::OK.into_response();
    res.extensions_mut().insert(PageOut::typed(xml, feed.deps, None, RSS_TYPE));
    Ok(res)
}

/// `/rss/`: every story, newest first.
pub(crate) async fn site(State(state): State<AppState>) -> Result<Response, WebError> {
    let settings = state.site.settings();
    let feed = state.site.feed(Listing::All, Vec::new()).await?;
    let channel = channel(&state, settings.name.clone(), "/", settings.tagline.clone(), &feed);
    respond(&channel, feed)
}

/// `/tag/{slug}/rss/`.
pub(crate) async fn tag(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response, WebError> {
    let settings = state.site.settings();
    let tag = state.site.tag_by_slug(&slug).await?;
    let mut feed = state.site.feed(Listing::Tag(tag.id), Vec::new()).await?;
    feed.deps.add(Dep::Tag(tag.id));
    let description = if tag.description.is_empty() {
        format!("Stories about {} from {}.", tag.name, settings.name)
    } else {
        tag.description.clone()
    };
    let title = format!("{} | {}", tag.name, settings.name);
    let channel = channel(&state, title, &format!("/tag/{}/", tag.slug), description, &feed);
    respond(&channel, feed)
}

/// `/author/{slug}/rss/`.
pub(crate) async fn author(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response, WebError> {
    let settings = state.site.settings();
    let author = state.site.author_by_slug(&slug).await?;
    let mut feed = state.site.feed(Listing::Author(author.id), Vec::new()).await?;
    feed.deps.add(Dep::Author(author.id));
    let description = format!("Stories by {} for {}.", author.name, settings.name);
    let title = format!("{} | {}", author.name, settings.name);
    let channel = channel(&state, title, &format!("/author/{}/", author.slug), description, &feed);
    respond(&channel, feed)
}
