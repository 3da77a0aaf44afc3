//! What a page tells search engines and social networks about itself:
//! OpenGraph and Twitter card tags on every page, and JSON-LD —
//! `NewsArticle` with a `BreadcrumbList` on story pages, `Person` on author
//! pages.

use newsdesk_domain::{Author, Media, SiteSettings, Story, Tag};
use serde::Serialize;
use serde_json::{Value as Json, json};

use crate::{AppState, views};

/// One `<meta>` tag: `property` (OpenGraph) or `name` (Twitter).
#[derive(Serialize, Clone, Debug, Default)]
pub struct MetaTag {
    pub attr: &'static str,
    pub key: String,
    pub value: String,
}

fn og(key: &str, value: impl Into<String>) -> MetaTag {
    MetaTag { attr: "property", key: key.to_owned(), value: value.into() }
}

fn twitter(key: &str, value: impl Into<String>) -> MetaTag {
    MetaTag { attr: "name", key: key.to_owned(), value: value.into() }
}

/// JSON-LD safe to put in a `<script>` element: `</` cannot end it early.
pub fn script_json(value: &Json) -> String {
    value.to_string().replace("</", "<\\/")
}

/// The tags every page has: `og:type website`, title, description, address,
/// the outlet's name, and a summary card.
pub fn page_tags(settings: &SiteSettings, title: &str, description: &str, url: &str) -> Vec<MetaTag> {
    vec![
        og("og:type", "website"),
        og("og:site_name", settings.name.clone()),
        og("og:title", title),
        og("og:description", description),
        og("og:url", url),
        og("og:locale", settings.locale.replace('-', "_")),
        twitter("twitter:card", "summary"),
        twitter("twitter:title", title),
        twitter("twitter:description", description),
    ]
}

fn image_object(state: &AppState, m: &Media) -> Json {
    json!({
        "@type": "ImageObject",
        "url": views::absolute(state, &m.url()),
        "width": m.width,
        "height": m.height,
    })
}

fn publisher(state: &AppState, settings: &SiteSettings) -> Json {
    let mut org = json!({
        "@type": "Organization",
        "name": settings.name,
        "url": views::absolute(state, "/"),
    });
    if let Some(logo) = &settings.logo {
        let url = if logo.starts_with('/') { views::absolute(state, logo) } else { logo.clone() };
        org["logo"] = json!({ "@type": "ImageObject", "url": url });
    }
    org
}

fn person(state: &AppState, a: &Author, avatar: Option<&Media>) -> Json {
    let mut p = json!({
        "@type": "Person",
        "name": a.name,
        "url": views::absolute(state, &format!("/author/{}/", a.slug)),
    });
    if !a.role_title.is_empty() {
        p["jobTitle"] = json!(a.role_title);
    }
    if !a.bio.is_empty() {
        p["description"] = json!(a.bio);
    }
    if let Some(m) = avatar {
        p["image"] = json!(views::absolute(state, &m.url()));
    }
    if let Some(w) = &a.website {
        p["sameAs"] = json!([w]);
    }
    p
}

/// What a story page says about itself.
pub struct StoryFacts<'a> {
    pub story: &'a Story,
    pub title: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    pub authors: Vec<(Author, Option<Media>)>,
    pub tags: Vec<Tag>,
    pub hero: Option<Media>,
}

/// OpenGraph article tags, a large-image card, and the JSON-LD of a story.
pub fn story(state: &AppState, settings: &SiteSettings, f: &StoryFacts) -> (Vec<MetaTag>, Vec<String>) {
    let s = f.story;
    let mut tags = page_tags(settings, f.title, f.description, f.url);
    tags[0] = og("og:type", "article");
    if let Some(m) = &f.hero {
        let url = views::absolute(state, &m.url());
        tags.extend([
            og("og:image", url.clone()),
            og("og:image:width", m.width.to_string()),
            og("og:image:height", m.height.to_string()),
        ]);
        if !m.alt.is_empty() {
            tags.push(og("og:image:alt", m.alt.clone()));
        }
        tags[6] = twitter("twitter:card", "summary_large_image");
        tags.push(twitter("twitter:image", url));
    }
    let published = s.published_at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let modified = s.updated_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    if let Some(p) = &published {
        tags.push(og("article:published_time", p.clone()));
    }
    tags.push(og("article:modified_time", modified.clone()));
    for (a, _) in &f.authors {
        tags.push(og("article:author", views::absolute(state, &format!("/author/{}/", a.slug))));
    }
    if let Some(t) = f.tags.first() {
        tags.push(og("article:section", t.name.clone()));
    }
    for t in &f.tags {
        tags.push(og("article:tag", t.name.clone()));
    }

    let mut article = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s.headline,
        "description": f.description,
        "url": f.url,
        "mainEntityOfPage": { "@type": "WebPage", "@id": f.url },
        "dateModified": modified,
        "author": f.authors.iter().map(|(a, m)| person(state, a, m.as_ref())).collect::<Vec<_>>(),
        "publisher": publisher(state, settings),
        "keywords": f.tags.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
        "inLanguage": settings.locale,
    });
    if let Some(p) = published {
        article["datePublished"] = json!(p);
    }
    if let Some(m) = &f.hero {
        article["image"] = json!([image_object(state, m)]);
    }
    if let Some(t) = f.tags.first() {
        article["articleSection"] = json!(t.name);
    }
    let mut crumbs = vec![json!({
        "@type": "ListItem", "position": 1, "name": settings.name, "item": views::absolute(state, "/"),
    })];
    if let Some(t) = f.tags.first() {
        crumbs.push(json!({
            "@type": "ListItem", "position": 2, "name": t.name,
            "item": views::absolute(state, &format!("/tag/{}/", t.slug)),
        }));
    }
    crumbs.push(json!({ "@type": "ListItem", "position": crumbs.len() + 1, "name": s.headline, "item": f.url }));
    let breadcrumbs = json!({ "@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": crumbs });
    (tags, vec![script_json(&article), script_json(&breadcrumbs)])
}

/// The JSON-LD of an author's page.
pub fn author(state: &AppState, a: &Author, avatar: Option<&Media>) -> String {
    let mut p = person(state, a, avatar);
    p["@context"] = json!("https://schema.org");
    script_json(&p)
}
