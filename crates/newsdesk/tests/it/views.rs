//! Most Popular comes from counted page views.

use chrono::Duration;
use newsdesk_domain::StoryKind;
use newsdesk_store::{Store, ViewCount};

use crate::helpers::{TestApp, newsroom, publish, t0};

const BOT: &str = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

#[tokio::test]
async fn readers_views_rank_most_popular_and_crawlers_do_not_count() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let mut slugs = Vec::new();
    for i in 0..6 {
        publish(&app, &n, StoryKind::Article, &format!("Popular {i}"), t0() - Duration::hours(i)).await;
        slugs.push(format!("/popular-{i}/"));
    }
    // Readers: story 4 five times, story 2 three times, story 0 once.
    for (i, times) in [(4, 5), (2, 3), (0, 1)] {
        for _ in 0..times {
            assert_eq!(app.get(&slugs[i]).await.status, 200);
        }
    }
    // Crawlers and HEAD requests are not readers.
    for _ in 0..20 {
        let res =
            app.client.get(format!("{}{}", app.base, slugs[5])).header("user-agent", BOT).send().await.expect("get");
        assert_eq!(res.status(), 200);
        let res = app.client.head(format!("{}{}", app.base, slugs[5])).send().await.expect("head");
        assert_eq!(res.status(), 200);
    }
    // Views wait in memory until flushed; nothing is written per request.
    assert_eq!(app.site().views().pending(), 9);
    app.site().views().flush().await.expect("flush");
    assert_eq!(app.site().views().pending(), 0);
    // The server ranks again once a minute; here, now.
    app.site().refresh_popular().await.expect("rank");

    let page = app.get("/").await;
    let popular = page.texts(".section--popular h3");
    assert_eq!(popular, ["Popular 4", "Popular 2", "Popular 0"]);
    app.stop().await;
}

#[tokio::test]
async fn ranking_falls_back_to_the_week_when_the_day_is_quiet() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let old = publish(&app, &n, StoryKind::Article, "Last week hit", t0() - Duration::days(4)).await;
    let recent = publish(&app, &n, StoryKind::Article, "Today so so", t0() - Duration::hours(2)).await;
    let hour = t0().timestamp() / 3600;
    let v = |story, hour, views| ViewCount { story, hour, views };
    app.site().store().add_views(&[v(old, hour - 90, 500), v(recent, hour - 1, 10)]).await.expect("views");
    app.site().refresh_popular().await.expect("rank");
    // Fewer than five stories read today: the week decides.
    let page = app.get("/").await;
    assert_eq!(page.texts(".section--popular h3"), ["Last week hit", "Today so so"]);
    app.stop().await;
}

#[tokio::test]
async fn graceful_stop_flushes_counted_views() {
    let mut app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let id = publish(&app, &n, StoryKind::Article, "Read me", t0() - Duration::hours(1)).await;
    for _ in 0..3 {
        app.get("/read-me/").await;
    }
    app.stop_server().await;
    let store = Store::open(&app.db_url()).await.expect("reopen");
    let ranked = store.most_viewed(t0().timestamp() / 3600 - 23, t0(), 5).await.expect("rank");
    assert_eq!(ranked, vec![(id, 3)]);
    store.close().await;
    app.stop().await;
}
