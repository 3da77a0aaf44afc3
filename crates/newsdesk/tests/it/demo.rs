//! The demo newsroom fills every part of the site.

use std::collections::HashSet;

use newsdesk_domain::{StoryKind, TagKind};
use newsdesk_site::demo::{DemoOptions, generate};
use newsdesk_store::Listing;

use crate::helpers::{TestApp, text};

/// The ids of every story readers can see, newest first, page by page.
async fn every_visible_story(site: &newsdesk_site::Site) -> Vec<newsdesk_domain::StoryId> {
    let now = site.now();
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let page = site.store().listing(Listing::All, now, after, 1_000).await.expect("listing");
        if page.is_empty() {
            return all;
        }
        after = page.last().copied();
        all.extend(page.into_iter().map(|c| c.id));
    }
}

#[tokio::test]
async fn demo_newsroom_is_complete_and_original() {
    let app = TestApp::spawn().await;
    let site = app.site();
    let report = generate(site, app.content.path(), &DemoOptions::default()).await.expect("demo");
    assert!(report.authors >= 8);
    assert_eq!(report.stories, 302);

    let authors = site.store().authors().await.expect("authors");
    assert!(authors.len() >= 8);
    assert!(authors.iter().all(|a| !a.role_title.is_empty() && !a.bio.is_empty() && a.avatar.is_some()));
    let tags = site.store().tags().await.expect("tags");
    assert!(tags.len() >= 40);
    let kinds: HashSet<TagKind> = tags.iter().map(|t| t.kind).collect();
    assert_eq!(kinds.len(), TagKind::ALL.len(), "tags of every kind");

    let now = site.now();
    let all = every_visible_story(site).await;
    assert_eq!(all.len(), 300, "300 published; the draft and the scheduled story are hidden");
    let oldest = site.store().summaries(&all[all.len() - 1..], None).await.expect("s");
    assert!(now - oldest[0].published_at <= chrono::Duration::days(30));
    let kinds: HashSet<StoryKind> =
        site.store().summaries(&all, None).await.expect("s").iter().map(|s| s.kind).collect();
    assert_eq!(kinds.len(), 3, "articles, briefs and videos");
    // Articles are 400 to 1,200 words, with hero images, cards and quotes.
    let mut cards = 0;
    for id in all.iter().take(80) {
        let story = site.store().story(newsdesk_store::StoryKey::Id(*id)).await.expect("q").expect("story");
        if story.kind == StoryKind::Article {
            let words = story.body_source.split_whitespace().count();
            assert!((400..=1200).contains(&words), "{} has {words} words", story.slug);
            assert!(story.hero.is_some());
            cards += usize::from(story.body_html.contains("class=\"related-story\""));
        }
    }
    assert!(cards >= 10, "related-story cards in bodies ({cards})");
    let hero = app.get("/content/images/demo/hero-01.jpg").await;
    assert_eq!((hero.status, hero.header("content-type")), (200, "image/jpeg"));

    // Every section of the front page has something in it at once.
    let page = app.get("/").await;
    for (section, min) in
        [(".section--feed", 5), (".section--popular", 5), (".section--picks", 4), (".section--video", 1)]
    {
        let n = page.select(&format!("{section} article")).len();
        assert!(n >= min, "{section} has {n} items");
    }
    assert!(page.select("article.teaser--lead").len() == 1);
    // No sentence of the seed page's publisher is reused.
    for phrase in ["Rubio", "Lavrov", "Kyiv Independent", "paper tiger"] {
        assert!(!page.text.contains(phrase));
    }
    let first_story = page.select(".teaser--lead h3 a")[0].value().attr("href").expect("href").to_owned();
    let story = app.get(&first_story).await;
    assert_eq!(story.status, 200);
    assert!(!text(story.one(".story__body")).is_empty());
    app.stop().await;
}

#[tokio::test]
async fn a_large_archive_is_generated_in_bulk_and_browsable_to_its_end() {
    let app = TestApp::spawn().await;
    let site = app.site();
    let opts = DemoOptions::with_stories(6_000);
    assert_eq!(opts.days, 40, "about 150 stories a day");
    let report = generate(site, app.content.path(), &opts).await.expect("demo");
    assert_eq!(report.stories, 6_002);
    assert_eq!(site.store().story_count().await.expect("count"), 6_002);
    assert!(report.authors > 10 && report.tags > 41, "authors and tags grow with the archive: {report:?}");
    let slugs: HashSet<String> = {
        let all = every_visible_story(site).await;
        assert_eq!(all.len(), 6_000);
        site.store().summaries(&all[..50], None).await.expect("s").into_iter().map(|s| s.slug.to_string()).collect()
    };
    assert_eq!(slugs.len(), 50);
    // The oldest page of the news feed, reached by cursor, renders.
    let oldest = site.store().listing(Listing::All, site.now(), None, 6_000).await.expect("q");
    let cursor = oldest[oldest.len() - 10];
    let page = app.get(&format!("/news-feed/?after={cursor}")).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.select("article.feed-item").len(), 9);
    assert!(page.select("a[rel=next]").is_empty(), "the end of the archive");
    app.stop().await;
}
