//! What readers see on each page, checked against the anatomy of the seed
//! article page.

use chrono::{Duration, TimeZone, Utc};
use newsdesk_domain::{ListKey, StoryInput, StoryKind, StoryStatus};
use newsdesk_store::{Backend, testing::BACKENDS};

use crate::helpers::{TestApp, newsroom, publish, select_in, t0, text};

const SECTIONS: [&str; 3] = ["Most Popular", "News Feed", "Editors' Picks"];

#[tokio::test]
async fn story_page_has_every_element_of_the_seed() {
    for backend in BACKENDS {
        let Some(app) = TestApp::spawn_on(backend).await else { continue };
        story_page_on(&app).await;
        app.stop().await;
    }
}

async fn story_page_on(app: &TestApp) {
    let n = newsroom(app).await;
    let related = publish(app, &n, StoryKind::Article, "Ferry strike ends after talks", t0() - Duration::days(2)).await;
    app.site().set_list(ListKey::EditorsPicks, &[related]).await.expect("picks");
    let mut s = StoryInput::new(StoryKind::Article, "Harbour reopens after the storm", vec![n.author.id, n.second.id]);
    s.status = StoryStatus::Published;
    s.published_at = Some(t0() - Duration::hours(1));
    s.standfirst = "The quay was closed for nine days.".into();
    s.hero = Some(n.hero.id);
    s.tags = n.tags.iter().map(|t| t.id).collect();
    s.body = format!(
        "{}\n\n> We will be back to full capacity by spring.\n>\n> -- Harbour master Ilse Varga\n\n/ferry-strike-ends-after-talks/\n\nThe end.",
        "Word ".repeat(460)
    );
    app.site().create_story(&s).await.expect("story");

    let page = app.get("/harbour-reopens-after-the-storm/").await;
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").starts_with("text/html"));
    // One h1: the headline.
    assert_eq!(page.texts("h1"), ["Harbour reopens after the storm"]);
    let story = page.one("article.story");
    // Date line: a <time> whose datetime is in the site's zone (Kyiv, +03:00 in September).
    let dateline = select_in(story, ".story__dateline time")[0];
    assert_eq!(dateline.value().attr("datetime"), Some("2026-09-25T14:00:00+03:00"));
    assert_eq!(text(dateline), "September 25, 2026, 14:00");
    assert_eq!(text(select_in(story, ".story__standfirst")[0]), "The quay was closed for nine days.");
    assert_eq!(text(select_in(story, ".story__reading-time")[0]), "3 min read");
    // Authors with avatars, linked to their pages.
    let byline: Vec<_> = select_in(story, ".byline a[rel=author]").iter().map(|a| a.value().attr("href")).collect();
    assert_eq!(byline, [Some("/author/ana-ortiz/"), Some("/author/ben-kalu/")]);
    assert_eq!(select_in(story, ".byline img.avatar")[0].value().attr("src"), Some("/content/images/a/ana.svg"));
    // Hero figure: caption and credit in their own elements.
    let hero = select_in(story, "figure.story__hero")[0];
    let img = select_in(hero, "img")[0].value();
    assert_eq!(
        (img.attr("alt"), img.attr("width"), img.attr("height")),
        (Some("Cranes on the quay at dusk"), Some("1200"), Some("675"))
    );
    assert_eq!(text(select_in(hero, "figcaption .figure-caption")[0]), "The quay at dusk.");
    assert_eq!(text(select_in(hero, "figcaption .figure-credit")[0]), "(Mira Holt/Coastal Photo)");
    // Body: the quote and the related-story card.
    assert_eq!(text(select_in(story, ".story__body blockquote")[0]), "We will be back to full capacity by spring.");
    let card = select_in(story, ".story__body .related-story")[0];
    assert_eq!(select_in(card, "a")[0].value().attr("href"), Some("/ferry-strike-ends-after-talks/"));
    assert_eq!(text(select_in(card, ".related-story__headline")[0]), "Ferry strike ends after talks");
    assert_eq!(text(select_in(card, ".related-story__standfirst")[0]), "Standfirst of Ferry strike ends after talks.");
    assert_eq!(text(select_in(card, ".related-story__publication")[0]), "The Test Gazette");
    assert_eq!(text(select_in(card, ".related-story__author")[0]), "Ana Ortiz");
    // Tags in the editor's order.
    let tags: Vec<String> = select_in(story, ".story__tags a").into_iter().map(text).collect();
    assert_eq!(tags, ["Harbour", "Brennport", "Ilse Varga", "Port Authority", "News"]);
    // Author box: avatar, name, role title, bio, "Read more" to the author page.
    let boxes = select_in(story, ".author-box");
    assert_eq!(boxes.len(), 2);
    assert_eq!(select_in(boxes[0], "img.avatar")[0].value().attr("src"), Some("/content/images/a/ana.svg"));
    assert_eq!(text(select_in(boxes[0], ".author-box__name")[0]), "Ana Ortiz");
    assert_eq!(text(select_in(boxes[0], ".author-box__role")[0]), "North coast correspondent");
    assert_eq!(text(select_in(boxes[0], ".author-box__bio")[0]), "Ana Ortiz reports from the northern ports.");
    let more = select_in(boxes[0], ".author-box__more")[0];
    assert!(text(more).starts_with("Read more"));
    assert_eq!(more.value().attr("href"), Some("/author/ana-ortiz/"));
    // The page's sections, each a <section> with an exact <h2>.
    let h2s: Vec<String> = page.select("section > h2").into_iter().map(text).collect();
    for name in SECTIONS {
        assert!(h2s.iter().any(|h| h == name), "section {name:?} missing from {h2s:?}");
    }
    let picks = page.one("section.section--picks");
    assert_eq!(select_in(picks, "article h3 a")[0].value().attr("href"), Some("/ferry-strike-ends-after-talks/"));
    // Every date is a <time datetime>; every teaser an <article>.
    assert!(page.select("time").iter().all(|t| t.value().attr("datetime").is_some()));
    assert!(!page.select(".section--feed article.feed-item").is_empty());
}

#[tokio::test]
async fn front_page_has_lead_and_every_section() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let mut ids = Vec::new();
    for i in 0..8 {
        let at = t0() - Duration::hours(i + 1);
        ids.push(publish(&app, &n, StoryKind::Article, &format!("Article number {i}"), at).await);
    }
    publish(&app, &n, StoryKind::Video, "Watch the quay reopen", t0() - Duration::minutes(30)).await;
    publish(&app, &n, StoryKind::Brief, "Fog closes the harbour", t0() - Duration::minutes(10)).await;
    app.site().set_list(ListKey::TopStories, &[ids[3], ids[0], ids[1]]).await.expect("top");
    app.site().set_list(ListKey::EditorsPicks, &[ids[5], ids[6]]).await.expect("picks");

    let page = app.get("/").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.select("h1").len(), 1);
    // The first top story leads, the rest follow in the editors' order.
    let lead = page.one("article.teaser--lead");
    assert_eq!(text(select_in(lead, "h3")[0]), "Article number 3");
    let top: Vec<String> = page.select(".grid--top article h3").into_iter().map(text).collect();
    assert_eq!(top, ["Article number 0", "Article number 1"]);
    let h2s: Vec<String> = page.select("section > h2").into_iter().map(text).collect();
    for name in ["News Feed", "Most Popular", "Editors' Picks", "Video"] {
        assert!(h2s.iter().any(|h| h == name), "section {name:?} missing from {h2s:?}");
    }
    let picks: Vec<String> = page.select(".section--picks article h3").into_iter().map(text).collect();
    assert_eq!(picks, ["Article number 5", "Article number 6"]);
    let feed: Vec<String> = page.select(".section--feed .feed-item h4").into_iter().map(text).collect();
    assert_eq!(feed.first().map(String::as_str), Some("Fog closes the harbour"));
    let videos: Vec<String> = page.select(".section--video article h3").into_iter().map(text).collect();
    assert_eq!(videos, ["Video Watch the quay reopen"]);
    app.stop().await;
}

#[tokio::test]
async fn drafts_and_scheduled_stories_stay_hidden_until_their_time() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let mut draft = StoryInput::new(StoryKind::Article, "Secret draft", vec![n.author.id]);
    draft.tags = vec![n.tags[0].id];
    app.site().create_story(&draft).await.expect("draft");
    publish(&app, &n, StoryKind::Article, "Embargoed report", t0() + Duration::minutes(30)).await;

    for path in ["/secret-draft/", "/embargoed-report/"] {
        assert_eq!(app.get(path).await.status, 404, "{path}");
    }
    for path in ["/", "/news-feed/", "/tag/harbour/", "/author/ana-ortiz/"] {
        let page = app.get(path).await;
        assert!(!page.text.contains("Secret draft") && !page.text.contains("Embargoed report"), "{path}");
    }
    // The embargo lifts: no restart. The server checks every second for
    // stories whose time has come; here the test runs that check itself.
    app.clock.advance(Duration::minutes(31));
    assert_eq!(app.site().publish_due().await.expect("due"), 1);
    assert_eq!(app.get("/embargoed-report/").await.status, 200);
    assert!(app.get("/news-feed/").await.text.contains("Embargoed report"));
    assert!(app.get("/tag/harbour/").await.text.contains("Embargoed report"));
    assert_eq!(app.get("/secret-draft/").await.status, 404);
    app.stop().await;
}

#[tokio::test]
async fn dates_agree_with_the_site_time_zone() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    // 22:30 UTC on the 24th is 01:30 on the 25th in Kyiv.
    let late = Utc.with_ymd_and_hms(2026, 9, 24, 22, 30, 0).single().expect("time");
    publish(&app, &n, StoryKind::Brief, "Late night vote", late).await;
    let page = app.get("/news-feed/").await;
    let day = page.one("h2.feed-day time");
    assert_eq!((text(day), day.value().attr("datetime")), ("Friday, September 25".to_owned(), Some("2026-09-25")));
    let time = page.one(".feed-item__time");
    assert_eq!((text(time), time.value().attr("datetime")), ("01:30".to_owned(), Some("2026-09-25T01:30:00+03:00")));
    app.stop().await;
}

#[tokio::test]
async fn missing_pages_get_a_real_404_and_bad_links_a_400() {
    let app = TestApp::spawn().await;
    newsroom(&app).await;
    for path in ["/no-such-story/", "/tag/nothing/", "/author/nobody/", "/a/b/c", "/content/images/nope.jpg"] {
        assert_eq!(app.get(path).await.status, 404, "{path}");
    }
    let page = app.get("/no-such-story/").await;
    assert_eq!(page.texts("h1"), ["Page not found"]);
    assert!(page.select("a[href='/']").len() >= 2, "links back to the front page");
    let bad = app.get("/news-feed/?after=garbage").await;
    assert_eq!(bad.status, 400);
    assert!(bad.text.contains("page link is not valid"));
    app.stop().await;
}

#[tokio::test]
async fn slugs_without_a_trailing_slash_redirect() {
    let app = TestApp::spawn().await;
    for (from, to) in
        [("/some-story", "/some-story/"), ("/tag/harbour", "/tag/harbour/"), ("/news-feed", "/news-feed/")]
    {
        let page = app.get(from).await;
        assert_eq!(page.status, 308, "{from}");
        assert_eq!(page.header("location"), to);
    }
    assert_eq!(app.get("/favicon.ico").await.status, 404);
    app.stop().await;
}

#[tokio::test]
async fn videos_get_a_click_to_load_facade_and_their_description() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    publish(&app, &n, StoryKind::Video, "Watch the quay reopen", t0() - Duration::hours(1)).await;
    let page = app.get("/watch-the-quay-reopen/").await;
    let facade = page.one(".story__video.video-facade");
    assert_eq!(facade.value().attr("data-video-id"), Some("dQw4w9WgXcQ"));
    assert_eq!(select_in(facade, "a")[0].value().attr("href"), Some("https://www.youtube.com/watch?v=dQw4w9WgXcQ"));
    assert!(page.select("iframe").is_empty(), "no player until a click");
    assert!(!page.text.contains("ytimg") && !page.text.contains("youtube-nocookie"), "no third-party request on load");
    assert_eq!(page.texts(".story__standfirst"), ["Standfirst of Watch the quay reopen."]);
    let list = app.get("/video/").await;
    assert_eq!(list.texts("h1"), ["Video"]);
    assert_eq!(list.select("article.teaser--video").len(), 1);
    app.stop().await;
}

#[tokio::test]
async fn tag_and_author_pages_introduce_their_subject() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    publish(&app, &n, StoryKind::Article, "Quay news", t0() - Duration::hours(1)).await;
    let tag = app.get("/tag/harbour/").await;
    assert_eq!(tag.texts("h1"), ["Harbour"]);
    assert_eq!(tag.texts(".list-page__intro"), ["All about Harbour."]);
    assert_eq!(tag.select("article.teaser").len(), 1);
    let author = app.get("/author/ana-ortiz/").await;
    assert_eq!(author.texts("h1"), ["Ana Ortiz"]);
    assert_eq!(author.texts(".profile__role"), ["North coast correspondent"]);
    assert_eq!(author.texts(".profile__bio"), ["Ana Ortiz reports from the northern ports."]);
    assert_eq!(author.one("img.avatar--profile").value().attr("src"), Some("/content/images/a/ana.svg"));
    assert_eq!(author.select("article.teaser").len(), 1);
    app.stop().await;
}

#[tokio::test]
async fn media_and_assets_are_cacheable_and_pages_carry_security_headers() {
    let app = TestApp::spawn().await;
    std::fs::create_dir_all(app.content.path().join("images/a")).expect("dir");
    std::fs::write(app.content.path().join("images/a/x.jpg"), b"\xff\xd8\xff\xe0 not really").expect("file");
    let img = app.get("/content/images/a/x.jpg").await;
    assert_eq!(img.status, 200);
    assert_eq!(img.header("cache-control"), "public, max-age=31536000, immutable");
    assert_eq!(img.header("content-type"), "image/jpeg");
    assert_eq!(app.get("/content/images/../../etc/passwd").await.status, 404);

    let front = app.get("/").await;
    let css = front.one("link[rel=stylesheet]").value().attr("href").expect("href").to_owned();
    assert!(css.starts_with("/assets/style.css?v="));
    let sheet = app.get(&css).await;
    assert_eq!(sheet.status, 200);
    assert_eq!(sheet.header("cache-control"), "public, max-age=31536000, immutable");
    assert!(sheet.text.len() < 20_000, "one small stylesheet");
    assert!(!sheet.text.contains("@import") && !sheet.text.contains("url(http"), "no third-party fonts");
    assert!(front.header("content-security-policy").contains("default-src 'self'"));
    assert_eq!(front.header("x-content-type-options"), "nosniff");
    // Accessibility basics: a skip link to main, a labelled nav, lang.
    assert_eq!(front.one("a.skip-link").value().attr("href"), Some("#main"));
    assert_eq!(front.one("main").value().attr("id"), Some("main"));
    assert!(front.one("html").value().attr("lang").is_some());
    app.stop().await;
}

#[tokio::test]
async fn a_theme_folder_overrides_templates_one_by_one() {
    let theme = tempfile::tempdir().expect("dir");
    std::fs::create_dir_all(theme.path().join("templates")).expect("dir");
    std::fs::write(
        theme.path().join("templates/error.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Lost at sea</h1><p>{{ message }}</p>{% endblock %}",
    )
    .expect("template");
    let app = TestApp::spawn_with(Backend::Sqlite, Some(theme.path().to_owned())).await.expect("app");
    let page = app.get("/nowhere/").await;
    assert_eq!(page.status, 404);
    assert_eq!(page.texts("h1"), ["Lost at sea"]);
    // Templates not overridden still come from the default theme.
    assert_eq!(app.get("/news-feed/").await.texts("h1"), ["News Feed"]);
    app.stop().await;
}
