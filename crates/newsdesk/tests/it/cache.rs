//! The render cache: same bytes from memory, dropped exactly when what a
//! page shows changes, within its byte budget.

use std::io::Read;

use chrono::Duration;
use newsdesk_domain::{ListKey, StoryInput, StoryKind, StoryStatus, TagInput, TagKind};
use newsdesk_store::{Backend, StoryKey};

use crate::helpers::{Newsroom, TestApp, newsroom, publish, t0};

fn gunzip(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(b).read_to_end(&mut out).expect("gzip");
    out
}

fn unbrotli(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &b[..], &mut out).expect("brotli");
    out
}

#[tokio::test]
async fn hits_and_misses_send_the_same_bytes_in_every_encoding() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    publish(&app, &n, StoryKind::Article, "Quay reopens", t0() - Duration::hours(1)).await;
    for path in ["/", "/quay-reopens/", "/news-feed/", "/tag/harbour/"] {
        let miss = app.get_with(path, &[("accept-encoding", "identity")]).await;
        assert_eq!(miss.header("x-cache"), "MISS", "{path}");
        let hit = app.get_with(path, &[("accept-encoding", "identity")]).await;
        assert_eq!(hit.header("x-cache"), "HIT", "{path}");
        assert_eq!(hit.bytes, miss.bytes, "{path}");
        assert_eq!(hit.header("vary"), "Accept-Encoding");
        // Hits are answered before routing; they carry the same headers.
        for name in ["x-content-type-options", "content-security-policy", "referrer-policy", "etag", "surrogate-key"] {
            assert!(!hit.header(name).is_empty(), "{path} hit lacks {name}");
            assert_eq!(hit.header(name), miss.header(name), "{path} {name}");
        }
        let gz = app.get_with(path, &[("accept-encoding", "gzip")]).await;
        assert_eq!(gz.header("content-encoding"), "gzip");
        assert_eq!(gunzip(&gz.bytes), miss.bytes, "{path} gzip");
        let br = app.get_with(path, &[("accept-encoding", "gzip, deflate, br")]).await;
        assert_eq!(br.header("content-encoding"), "br");
        assert_eq!(unbrotli(&br.bytes), miss.bytes, "{path} brotli");
        assert!(br.bytes.len() * 2 < miss.bytes.len(), "compressed well");
        assert_ne!(gz.header("etag"), br.header("etag"), "a validator per representation");
        let cc = hit.header("cache-control");
        assert!(cc.contains("max-age=") && cc.contains("s-maxage=") && cc.contains("stale-while-revalidate="), "{cc}");
    }
    let story = app.get("/quay-reopens/").await;
    let keys = story.header("surrogate-key");
    for key in ["story-", "tag-", "author-", "feed", "settings", "popular"] {
        assert!(keys.contains(key), "surrogate keys {keys:?} lack {key}");
    }
    app.stop().await;
}

#[tokio::test]
async fn conditional_and_head_requests_and_crawlers() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    publish(&app, &n, StoryKind::Article, "Quay reopens", t0() - Duration::hours(1)).await;
    let first = app.get_with("/quay-reopens/", &[("accept-encoding", "br")]).await;
    let etag = first.header("etag").to_owned();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "strong ETag {etag}");
    let again = app.get_with("/quay-reopens/", &[("accept-encoding", "br"), ("if-none-match", &etag)]).await;
    assert_eq!(again.status, 304);
    assert!(again.bytes.is_empty());
    assert_eq!(again.header("etag"), etag);
    let other = app.get_with("/quay-reopens/", &[("accept-encoding", "br"), ("if-none-match", "\"nope\"")]).await;
    assert_eq!(other.status, 200);

    let head = app.client.head(format!("{}/quay-reopens/", app.base)).send().await.expect("head");
    assert_eq!(head.status(), 200);
    assert_eq!(head.headers().get("x-cache").and_then(|v| v.to_str().ok()), Some("HIT"));
    assert_eq!(head.bytes().await.expect("body").len(), 0);

    // Crawlers get the cached page but are not counted; readers are, hit or miss.
    let bot = app.get_with("/quay-reopens/", &[("user-agent", "Googlebot/2.1")]).await;
    assert_eq!((bot.status, bot.header("x-cache")), (200, "HIT"));
    assert_eq!(app.site().views().pending(), 3, "the first GET, the 304 and the refused-ETag GET");
    app.stop().await;
}

/// Thirty stories by Ben in "Energy", and one by Ana in "Harbour", 16th
/// newest, that only its own pages and the first news-feed page show (the
/// front page lists 12, story pages 8, a feed page 24).
async fn archive(app: &TestApp, n: &Newsroom) {
    let energy = app
        .site()
        .create_tag(&TagInput { slug: None, name: "Energy".into(), kind: TagKind::Topic, description: String::new() })
        .await
        .expect("tag");
    for i in 0..30 {
        let mut s = StoryInput::new(StoryKind::Article, &format!("Grid story {i}"), vec![n.second.id]);
        s.status = StoryStatus::Published;
        s.published_at = Some(t0() - Duration::minutes(10 * i));
        s.tags = vec![energy.id];
        app.site().create_story(&s).await.expect("story");
    }
    let mut quay = StoryInput::new(StoryKind::Article, "Quay reopens", vec![n.author.id]);
    quay.status = StoryStatus::Published;
    quay.published_at = Some(t0() - Duration::minutes(145));
    quay.tags = vec![n.tags[0].id];
    app.site().create_story(&quay).await.expect("story");
}

#[tokio::test]
async fn an_edit_drops_exactly_the_pages_that_show_the_story() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(app) = TestApp::spawn_on(backend).await else { continue };
        let n = newsroom(&app).await;
        archive(&app, &n).await;
        let shows_it = ["/quay-reopens/", "/news-feed/", "/tag/harbour/", "/author/ana-ortiz/"];
        let unrelated = ["/", "/grid-story-3/", "/tag/energy/", "/author/ben-kalu/", "/video/"];
        for path in shows_it.iter().chain(&unrelated) {
            assert_eq!(app.get(path).await.status, 200, "{path}");
            assert_eq!(app.get(path).await.header("x-cache"), "HIT", "{path} is cached");
        }
        let feed = app.get("/news-feed/").await;
        assert!(feed.text.contains("Quay reopens"));
        let next = feed.select("a[rel=next]")[0].value().attr("href").expect("next").to_owned();
        assert_eq!(app.get(&next).await.status, 200);

        // An editor fixes the headline.
        let story = app.site().store().story(StoryKey::Slug("quay-reopens")).await.expect("q").expect("story");
        let mut edit = StoryInput::new(StoryKind::Article, "Quay reopens after repairs", story.authors.clone());
        edit.slug = Some("quay-reopens".into());
        edit.status = StoryStatus::Published;
        edit.published_at = story.published_at;
        edit.tags = story.tags.clone();
        app.site().update_story(story.id, &edit).await.expect("edit");

        // The very next request for each page that shows it has the change.
        for path in shows_it {
            let page = app.get(path).await;
            assert_eq!(page.header("x-cache"), "MISS", "{path} was dropped");
            assert!(page.text.contains("Quay reopens after repairs"), "{path} shows the edit");
        }
        for path in unrelated.iter().chain([&next.as_str()]) {
            assert_eq!(app.get(path).await.header("x-cache"), "HIT", "{path} was kept");
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn publishing_shows_at_once_where_the_story_belongs() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    archive(&app, &n).await;
    for path in ["/", "/news-feed/", "/tag/harbour/", "/author/ana-ortiz/"] {
        app.get(path).await;
        assert_eq!(app.get(path).await.header("x-cache"), "HIT");
    }
    publish(&app, &n, StoryKind::Article, "Breaking: storm warning", t0() - Duration::minutes(1)).await;
    // No sleep, no retry: the first request after the save shows it.
    for path in ["/", "/news-feed/", "/tag/harbour/", "/author/ana-ortiz/"] {
        assert!(app.get(path).await.text.contains("Breaking: storm warning"), "{path}");
    }
    // Curating the front page drops it too.
    let lead = app.site().store().story(StoryKey::Slug("quay-reopens")).await.expect("q").expect("s").id;
    app.get("/").await;
    app.site().set_list(ListKey::TopStories, &[lead]).await.expect("curate");
    let front = app.get("/").await;
    assert_eq!(front.header("x-cache"), "MISS");
    assert!(front.one("article.teaser--lead").html().contains("Quay reopens"));
    app.stop().await;
}

#[tokio::test]
async fn the_cache_stays_within_its_byte_budget() {
    let budget = 150_000;
    let app = TestApp::spawn_full(Backend::Sqlite, None, budget).await.expect("app");
    let n = newsroom(&app).await;
    for i in 0..40 {
        publish(&app, &n, StoryKind::Article, &format!("Budget story {i}"), t0() - Duration::minutes(i)).await;
    }
    for i in 0..40 {
        assert_eq!(app.get(&format!("/budget-story-{i}/")).await.status, 200);
    }
    let cache = app.site().cache();
    cache.sync();
    let (bytes, pages) = cache.usage();
    assert!(bytes <= budget, "{bytes} bytes cached, budget {budget}");
    assert!((5..40).contains(&pages), "{pages} pages cached: the least recently used went");
    assert_eq!(app.get("/budget-story-39/").await.header("x-cache"), "HIT", "the most recent stays");

    // With no budget, nothing is cached and pages are still served.
    let off = TestApp::spawn_full(Backend::Sqlite, None, 0).await.expect("app");
    off.site().save_settings(&off.site().settings()).await.expect("settings");
    assert_eq!(off.get("/").await.header("x-cache"), "MISS");
    assert_eq!(off.get("/").await.header("x-cache"), "MISS");
    off.stop().await;
    app.stop().await;
}
