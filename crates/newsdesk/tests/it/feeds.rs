//! RSS feeds: the site's, a tag's and an author's, read back with a feed
//! parser; full text with absolute links, bylines, categories and the hero.

use chrono::Duration;
use newsdesk_domain::{StoryInput, StoryKind, StoryStatus};

use crate::helpers::{TestApp, newsroom, publish, t0};

fn parse(bytes: &[u8]) -> rss::Channel {
    rss::Channel::read_from(bytes).unwrap_or_else(|e| panic!("not RSS ({e}): {}", String::from_utf8_lossy(bytes)))
}

#[tokio::test]
async fn the_sites_feed_carries_full_stories_with_absolute_links() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    publish(&app, &n, StoryKind::Article, "Older story", t0() - Duration::hours(2)).await;
    let mut s = StoryInput::new(StoryKind::Article, "Cranes return", vec![n.author.id, n.second.id]);
    s.status = StoryStatus::Published;
    s.published_at = Some(t0() - Duration::minutes(5));
    s.standfirst = "Three cranes are back on the quay.".into();
    s.body =
        "They came by barge.\n\n![Cranes](/content/images/a/quay.jpg)\n\n[The older story](/older-story/) has more."
            .into();
    s.tags = vec![n.tags[1].id];
    s.hero = Some(n.hero.id);
    app.site().create_story(&s).await.expect("story");

    let res = app.get("/rss/").await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-type"), "application/rss+xml; charset=utf-8");
    let feed = parse(&res.bytes);
    assert_eq!(feed.title, "The Test Gazette");
    assert_eq!(feed.link, format!("{}/", app.base));
    let me = &feed.extensions["atom"]["link"][0].attrs;
    assert_eq!((me["href"].as_str(), me["rel"].as_str()), (format!("{}/rss/", app.base).as_str(), "self"));
    let titles: Vec<_> = feed.items.iter().filter_map(|i| i.title.as_deref()).collect();
    assert_eq!(titles, ["Cranes return", "Older story"]);
    let item = &feed.items[0];
    let link = format!("{}/cranes-return/", app.base);
    assert_eq!(item.link.as_deref(), Some(link.as_str()));
    assert_eq!(item.guid.as_ref().map(|g| (g.value.as_str(), g.permalink)), Some((link.as_str(), true)));
    assert_eq!(item.description.as_deref(), Some("Three cranes are back on the quay."));
    let published = chrono::DateTime::parse_from_rfc2822(item.pub_date.as_deref().expect("date")).expect("RFC 2822");
    assert_eq!(published, t0() - Duration::minutes(5));
    assert_eq!(item.categories.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), [n.tags[1].name.as_str()]);
    let creators = &item.dublin_core_ext.as_ref().expect("dc:creator").creators;
    assert_eq!(creators, &[n.author.name.clone(), n.second.name.clone()]);
    let content = item.content.as_deref().expect("content:encoded");
    assert!(content.contains(&format!("src=\"{}/content/images/a/quay.jpg\"", app.base)), "{content}");
    assert!(content.contains(&format!("href=\"{}/older-story/\"", app.base)), "{content}");
    assert!(!content.contains("=\"/"), "no relative links left: {content}");
    let media = &item.extensions["media"]["content"][0];
    assert_eq!(media.attrs["url"], format!("{}/content/images/a/quay.jpg", app.base));
    assert_eq!(
        (media.attrs["width"].as_str(), media.attrs["height"].as_str(), media.attrs["medium"].as_str()),
        ("1200", "675", "image")
    );
    assert_eq!(media.children["description"][0].value.as_deref(), Some(n.hero.alt.as_str()));
    assert_eq!(media.children["credit"][0].value.as_deref(), Some(n.hero.credit.as_str()));
    // Cached like a page, and dropped when a story is published.
    assert_eq!(app.get("/rss/").await.header("x-cache"), "HIT");
    publish(&app, &n, StoryKind::Brief, "Fog lifts", t0()).await;
    let again = parse(&app.get("/rss/").await.bytes);
    assert_eq!(again.items[0].title.as_deref(), Some("Fog lifts"));
    app.stop().await;
}

#[tokio::test]
async fn tags_and_authors_have_feeds_that_every_page_names() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    publish(&app, &n, StoryKind::Article, "Tagged twice", t0() - Duration::hours(1)).await;
    let mut other = StoryInput::new(StoryKind::Article, "By the second author", vec![n.second.id]);
    other.status = StoryStatus::Published;
    other.published_at = Some(t0());
    other.tags = vec![n.tags[2].id];
    app.site().create_story(&other).await.expect("story");

    let tag = &n.tags[2];
    let feed = parse(&app.get(&format!("/tag/{}/rss/", tag.slug)).await.bytes);
    assert_eq!(feed.items.iter().filter_map(|i| i.title.as_deref()).collect::<Vec<_>>(), ["By the second author"]);
    assert_eq!(feed.link, format!("{}/tag/{}/", app.base, tag.slug));
    let feed = parse(&app.get(&format!("/author/{}/rss/", n.author.slug)).await.bytes);
    assert_eq!(feed.items.iter().filter_map(|i| i.title.as_deref()).collect::<Vec<_>>(), ["Tagged twice"]);
    assert_eq!(app.get("/tag/no-such-tag/rss/").await.status, 404);
    assert_eq!(app.get("/rss").await.status, 308);

    for page in ["/".to_owned(), "/tagged-twice/".to_owned(), "/news-feed/".to_owned()] {
        let p = app.get(&page).await;
        let feeds: Vec<_> = p
            .select("link[rel=alternate][type='application/rss+xml']")
            .iter()
            .filter_map(|l| l.value().attr("href").map(str::to_owned))
            .collect();
        assert_eq!(feeds, [format!("{}/rss/", app.base)], "{page}");
    }
    let p = app.get(&format!("/tag/{}/", tag.slug)).await;
    let feeds: Vec<_> = p
        .select("link[rel=alternate][type='application/rss+xml']")
        .iter()
        .filter_map(|l| l.value().attr("href").map(str::to_owned))
        .collect();
    assert_eq!(feeds, [format!("{}/rss/", app.base), format!("{}/tag/{}/rss/", app.base, tag.slug)]);
    app.stop().await;
}

/// feedparser, the common Python feed parser, reads every feed without
/// complaint (`tests/feed-check`; `pip install -r requirements.txt`).
#[tokio::test]
async fn feedparser_reads_every_feed_without_complaint() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/feed-check");
    let required = std::env::var("NEWSDESK_REQUIRE_PYTHON").is_ok_and(|v| v == "1");
    let ready = std::process::Command::new("python3")
        .args(["-c", "import feedparser"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ready {
        assert!(!required, "NEWSDESK_REQUIRE_PYTHON=1 but python3 cannot import feedparser");
        eprintln!("SKIPPED: the feedparser check needs `pip install -r {}/requirements.txt`", dir.display());
        return;
    }
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let mut s = StoryInput::new(StoryKind::Article, "Cranes & tugs <return>", vec![n.author.id]);
    s.status = StoryStatus::Published;
    s.published_at = Some(t0() - Duration::minutes(5));
    s.body = "They came by barge.\n\n![Cranes](/content/images/a/quay.jpg)".into();
    s.tags = vec![n.tags[0].id];
    s.hero = Some(n.hero.id);
    app.site().create_story(&s).await.expect("story");
    let paths =
        ["/rss/".to_owned(), format!("/tag/{}/rss/", n.tags[0].slug), format!("/author/{}/rss/", n.author.slug)];
    let (script, base, args) = (dir.join("check.py"), app.base.clone(), paths.clone());
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new("python3").arg(script).arg(base).args(args).output()
    })
    .await
    .expect("join")
    .expect("python runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let read: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for path in &paths {
        let e = &read[path]["entries"][0];
        assert_eq!(e["title"], "Cranes & tugs <return>", "{path}");
        assert_eq!(e["link"], format!("{}/cranes-and-tugs-return/", app.base), "{path}");
        assert_eq!(e["author"], n.author.name.as_str(), "{path}");
        assert_eq!(e["tags"], serde_json::json!([n.tags[0].name]), "{path}");
        assert_eq!(e["published"], true);
        assert!(e["content"].as_str().is_some_and(|c| c.contains("They came by barge")), "{path}");
        assert_eq!(e["media"], serde_json::json!([format!("{}{}", app.base, n.hero.url())]), "{path}");
    }
    app.stop().await;
}
