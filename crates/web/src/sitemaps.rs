//! Sitemaps and `robots.txt`: `/sitemap.xml` indexes `sitemap-posts.xml`
//! (then `sitemap-posts-2.xml`… a file per 50,000 stories, newest first),
//! `sitemap-tags.xml` and `sitemap-authors.xml`; `/sitemap-news.xml` lists
//! the last 48 hours for Google News. Story files are streamed a batch at a
//! time, never built whole.

use std::sync::Arc;

use axum::{
    body::{Body, Bytes},
    extract::{Path, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use newsdesk_domain::{Cursor, Timestamp, text::escape_html};
use newsdesk_site::{
    Site,
    sitemap::{SITEMAP_URLS, SitemapPage, SitemapStory},
};

use crate::{AppState, WebError, views};

const XML: &str = "application/xml; charset=utf-8";
/// Stories read from the database per step of a streamed sitemap.
const BATCH: u32 = 1000;

fn xml_response(body: Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(XML)),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300")),
        ],
        body,
    )
        .into_response()
}

fn lastmod(t: Timestamp) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn base(state: &AppState) -> String {
    views::absolute(state, "")
}

/// `/sitemap.xml`: the index of the other sitemaps.
pub(crate) async fn index(State(state): State<AppState>) -> Result<Response, WebError> {
    let files = state.site.sitemap_files().await?;
    let base = base(&state);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let newest = state.site.sitemap_batch(None, 1).await?.first().map(|s| lastmod(s.updated));
    for n in 1..=files {
        let name = if n == 1 { "sitemap-posts.xml".to_owned() } else { format!("sitemap-posts-{n}.xml") };
        xml.push_str(&format!("<sitemap><loc>{base}/{name}</loc>"));
        if let (1, Some(t)) = (n, &newest) {
            xml.push_str(&format!("<lastmod>{t}</lastmod>"));
        }
        xml.push_str("</sitemap>\n");
    }
    for name in ["sitemap-tags.xml", "sitemap-authors.xml"] {
        xml.push_str(&format!("<sitemap><loc>{base}/{name}</loc></sitemap>\n"));
    }
    xml.push_str("</sitemapindex>\n");
    Ok(xml_response(Body::from(xml)))
}

fn story_url(base: &str, s: &SitemapStory) -> String {
    let mut out = format!("<url><loc>{base}{}</loc><lastmod>{}</lastmod>", s.path, lastmod(s.updated));
    if let Some(m) = &s.image {
        out.push_str(&format!("<image:image><image:loc>{base}{}</image:loc>", m.url()));
        if !m.caption.is_empty() {
            out.push_str(&format!("<image:caption>{}</image:caption>", escape_html(&m.caption)));
        }
        out.push_str("</image:image>");
    }
    out.push_str("</url>\n");
    out
}

/// Where a streamed story sitemap is.
struct Progress {
    site: Arc<Site>,
    base: String,
    after: Option<Cursor>,
    left: u64,
    stage: Stage,
}

enum Stage {
    Head,
    Urls,
    Done,
}

/// `sitemap-posts.xml` and `sitemap-posts-N.xml`: file `n` of the stories.
pub(crate) async fn posts(state: &AppState, n: u64) -> Result<Response, WebError> {
    if n == 0 || n > state.site.sitemap_files().await? {
        return Err(WebError::NotFound);
    }
    let after = state.site.sitemap_start(n).await?;
    let start = Progress { site: state.site.clone(), base: base(state), after, left: SITEMAP_URLS, stage: Stage::Head };
    let stream = futures_util::stream::unfold(start, |mut p| async move {
        match p.stage {
            Stage::Head => {
                p.stage = Stage::Urls;
                let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
                            xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">\n";
                Some((Ok::<Bytes, std::io::Error>(Bytes::from_static(head.as_bytes())), p))
            }
            Stage::Urls => {
                let limit = u32::try_from(p.left.min(u64::from(BATCH))).unwrap_or(BATCH);
                let batch = match p.site.sitemap_batch(p.after, limit).await {
                    Ok(b) => b,
                    Err(e) => {
                        tracing::error!(error = %e, "sitemap stopped");
                        p.stage = Stage::Done;
                        return Some((Err(std::io::Error::other(e.to_string())), p));
                    }
                };
                if batch.is_empty() || limit == 0 {
                    p.stage = Stage::Done;
                    return Some((Ok(Bytes::from_static(b"</urlset>\n")), p));
                }
                p.left -= batch.len() as u64;
                p.after = batch.last().map(|s| s.cursor);
                let chunk: String = batch.iter().map(|s| story_url(&p.base, s)).collect();
                Some((Ok(Bytes::from(chunk)), p))
            }
            Stage::Done => None,
        }
    });
    Ok(xml_response(Body::from_stream(stream)))
}

pub(crate) async fn first_posts(State(state): State<AppState>) -> Result<Response, WebError> {
    posts(&state, 1).await
}

fn pages_xml(base: &str, pages: &[SitemapPage]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in pages {
        xml.push_str(&format!("<url><loc>{base}{}</loc>", p.path));
        if let Some(t) = p.lastmod {
            xml.push_str(&format!("<lastmod>{}</lastmod>", lastmod(t)));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

pub(crate) async fn tags(State(state): State<AppState>) -> Result<Response, WebError> {
    let pages = state.site.sitemap_tags().await?;
    Ok(xml_response(Body::from(pages_xml(&base(&state), &pages))))
}

pub(crate) async fn authors(State(state): State<AppState>) -> Result<Response, WebError> {
    let pages = state.site.sitemap_authors().await?;
    Ok(xml_response(Body::from(pages_xml(&base(&state), &pages))))
}

/// `/sitemap-news.xml`: the last 48 hours, as Google News reads them.
pub(crate) async fn news(State(state): State<AppState>) -> Result<Response, WebError> {
    let settings = state.site.settings();
    let stories = state.site.sitemap_news().await?;
    let base = base(&state);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    let name = escape_html(&settings.name);
    let language = escape_html(settings.locale.split('-').next().unwrap_or("en"));
    for s in &stories {
        xml.push_str(&format!(
            "<url><loc>{base}{}</loc><news:news><news:publication><news:name>{name}</news:name>\
             <news:language>{language}</news:language></news:publication>\
             <news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>\n",
            s.path,
            lastmod(s.published),
            escape_html(&s.headline),
        ));
    }
    xml.push_str("</urlset>\n");
    Ok(xml_response(Body::from(xml)))
}

/// `/robots.txt`: the newsroom is off limits; the sitemaps are named.
pub(crate) async fn robots(State(state): State<AppState>) -> Response {
    let base = base(&state);
    let body = format!(
        "User-agent: *\nDisallow: /admin/\nDisallow: /ghost/\n\nSitemap: {base}/sitemap.xml\nSitemap: {base}/sitemap-news.xml\n"
    );
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600")),
        ],
        body,
    )
        .into_response()
}

/// A top-level name that is no story's address: `sitemap-posts-N.xml`, or
/// else a story's address without its slash.
pub(crate) async fn top_level(
    State(state): State<AppState>,
    Path(name): Path<String>,
    uri: axum::http::Uri,
) -> Result<Response, WebError> {
    if let Some(n) = name.strip_prefix("sitemap-posts-").and_then(|r| r.strip_suffix(".xml")) {
        let n: u64 = n.parse().map_err(|_| WebError::NotFound)?;
        return posts(&state, n).await;
    }
    crate::reader::add_slash(uri).await.map(IntoResponse::into_response)
}
