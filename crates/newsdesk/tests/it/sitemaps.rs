//! Sitemaps and robots.txt, read back as XML: the index, stories split a
//! file per 50,000 (with a generated archive larger than that), tags,
//! authors, Google News.

use chrono::Duration;
use newsdesk_domain::{RenderedStory, StoryInput, StoryKind, StoryStatus, markdown::RenderContext};

use crate::helpers::{TestApp, newsroom, publish, t0};

const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// The text of every `name` element (in the sitemap namespace).
fn texts(xml: &str, ns: &str, name: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not XML ({e}): {xml}"));
    doc.descendants()
        .filter(|n| n.tag_name().name() == name && n.tag_name().namespace() == Some(ns))
        .filter_map(|n| n.text().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn sitemaps_list_stories_tags_authors_and_the_last_two_days_for_news() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    publish(&app, &n, StoryKind::Article, "Last week's story", t0() - Duration::days(7)).await;
    let mut s = StoryInput::new(StoryKind::Article, "Quay & harbour <reopen>", vec![n.author.id]);
    s.status = StoryStatus::Published;
    s.published_at = Some(t0() - Duration::hours(1));
    s.hero = Some(n.hero.id);
    s.tags = vec![n.tags[0].id];
    app.site().create_story(&s).await.expect("story");
    let base = &app.base;

    let index = app.get("/sitemap.xml").await;
    assert_eq!(index.status, 200);
    assert!(index.header("content-type").starts_with("application/xml"));
    let files = texts(&index.text, NS, "loc");
    assert_eq!(
        files,
        [
            format!("{base}/sitemap-posts.xml"),
            format!("{base}/sitemap-tags.xml"),
            format!("{base}/sitemap-authors.xml")
        ]
    );
    let posts = app.get("/sitemap-posts.xml").await;
    assert_eq!(
        texts(&posts.text, NS, "loc"),
        [format!("{base}/quay-and-harbour-reopen/"), format!("{base}/last-weeks-story/")]
    );
    let lastmods = texts(&posts.text, NS, "lastmod");
    assert_eq!(lastmods.len(), 2);
    assert!(chrono::DateTime::parse_from_rfc3339(&lastmods[0]).is_ok(), "{lastmods:?}");
    let images = texts(&posts.text, "http://www.google.com/schemas/sitemap-image/1.1", "loc");
    assert_eq!(images, [format!("{base}{}", n.hero.url())]);
    assert_eq!(app.get("/sitemap-posts-2.xml").await.status, 404);

    let tags = texts(&app.get("/sitemap-tags.xml").await.text, NS, "loc");
    assert!(tags.contains(&format!("{base}/tag/{}/", n.tags[0].slug)), "{tags:?}");
    let authors = texts(&app.get("/sitemap-authors.xml").await.text, NS, "loc");
    assert_eq!(authors, [format!("{base}/author/{}/", n.author.slug)], "only authors with stories");

    let news = app.get("/sitemap-news.xml").await;
    let news_ns = "http://www.google.com/schemas/sitemap-news/0.9";
    assert_eq!(texts(&news.text, NS, "loc"), [format!("{base}/quay-and-harbour-reopen/")], "only the last 48 hours");
    assert_eq!(texts(&news.text, news_ns, "title"), ["Quay & harbour <reopen>"], "escaped, and read back");
    assert_eq!(texts(&news.text, news_ns, "name"), ["The Test Gazette"]);

    let robots = app.get("/robots.txt").await;
    assert!(robots.text.contains(&format!("Sitemap: {base}/sitemap.xml")));
    assert!(robots.text.contains("Disallow: /admin/"));
    app.stop().await;
}

#[tokio::test]
async fn a_large_archive_is_split_a_file_per_fifty_thousand_stories() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let total = 50_120;
    let mut batch: Vec<RenderedStory> = Vec::with_capacity(5000);
    for i in 0..total {
        let mut s = StoryInput::new(StoryKind::Brief, &format!("Archive item {i}"), vec![n.author.id]);
        s.status = StoryStatus::Published;
        s.published_at = Some(t0() - Duration::minutes(i64::from(i) + 1));
        s.body = "A line.".into();
        batch.push(s.validate(t0()).expect("valid").render(&RenderContext::default()));
        if batch.len() == 5000 || i + 1 == total {
            app.site().store().import_stories(&batch, t0()).await.expect("import");
            batch.clear();
        }
    }
    let base = &app.base;
    let files = texts(&app.get("/sitemap.xml").await.text, NS, "loc");
    assert_eq!(files[..2], [format!("{base}/sitemap-posts.xml"), format!("{base}/sitemap-posts-2.xml")]);
    assert_eq!(files.len(), 4);
    let first = texts(&app.get("/sitemap-posts.xml").await.text, NS, "loc");
    let second = texts(&app.get("/sitemap-posts-2.xml").await.text, NS, "loc");
    assert_eq!((first.len(), second.len()), (50_000, 120));
    assert_eq!(first[0], format!("{base}/archive-item-0/"), "newest first");
    assert_eq!(second[0], format!("{base}/archive-item-50000/"), "the second file goes on where the first stops");
    assert_eq!(second[119], format!("{base}/archive-item-50119/"));
    assert_eq!(app.get("/sitemap-posts-3.xml").await.status, 404);
    app.stop().await;
}
