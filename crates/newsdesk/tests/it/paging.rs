//! The news feed, tag, author and video lists page by cursor: following
//! "Show more" from the first page visits every visible story exactly once,
//! newest first, under the right day headings.

use std::collections::HashSet;

use chrono::{DateTime, Duration, FixedOffset};
use newsdesk_domain::StoryKind;
use newsdesk_store::testing::BACKENDS;

use crate::helpers::{TestApp, newsroom, publish, select_in, t0, text};

#[tokio::test]
async fn show_more_walks_the_feed_across_days_without_gaps_or_repeats() {
    for backend in BACKENDS {
        let Some(app) = TestApp::spawn_on(backend).await else { continue };
        let n = newsroom(&app).await;
        // 70 stories over about four days, in groups that share a
        // publication second, so page edges fall inside groups and days.
        let mut expected = Vec::new();
        for i in 0..70i64 {
            let at = t0() - Duration::minutes((i / 3) * 211);
            let slug = format!("story-{i:02}");
            publish(&app, &n, StoryKind::Brief, &format!("Story {i:02}"), at).await;
            expected.push(slug);
        }
        let mut seen: Vec<String> = Vec::new();
        let mut times: Vec<DateTime<FixedOffset>> = Vec::new();
        let mut path = "/news-feed/".to_owned();
        let mut pages = 0;
        loop {
            let page = app.get(&path).await;
            assert_eq!(page.status, 200, "{path}");
            pages += 1;
            // Each item sits under the heading of its own local day.
            for day in page.select("h2.feed-day") {
                let heading_date = select_in(day, "time")[0].value().attr("datetime").expect("date").to_owned();
                let heading_text = text(day);
                let list = day.next_siblings().find_map(scraper::ElementRef::wrap).expect("list after heading");
                for item in select_in(list, "article.feed-item") {
                    let t = select_in(item, "time")[0].value().attr("datetime").expect("datetime");
                    let t = DateTime::parse_from_rfc3339(t).expect("rfc3339");
                    assert_eq!(t.format("%Y-%m-%d").to_string(), heading_date);
                    assert_eq!(t.format("%A, %B %-d").to_string(), heading_text);
                    times.push(t);
                    let href = select_in(item, "a")[0].value().attr("href").expect("href");
                    seen.push(href.trim_matches('/').to_owned());
                }
            }
            match page.select("a[rel=next]").first() {
                Some(a) => path = a.value().attr("href").expect("href").to_owned(),
                None => break,
            }
            assert!(pages < 10, "pagination does not end");
        }
        assert_eq!(pages, 3, "24 per page");
        let unique: HashSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), seen.len(), "no story twice");
        let mut want = expected.clone();
        want.sort();
        let mut got = seen.clone();
        got.sort();
        assert_eq!(got, want, "every story once");
        assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
        let days: HashSet<String> = times.iter().map(|t| t.format("%F").to_string()).collect();
        assert!(days.len() >= 4, "the walk crosses day boundaries: {days:?}");

        // Tag and author lists page the same way.
        let mut count = 0;
        let mut path = "/tag/brennport/".to_owned();
        loop {
            let page = app.get(&path).await;
            count += page.select("article.teaser").len();
            match page.select("a[rel=next]").first() {
                Some(a) => path = a.value().attr("href").expect("href").to_owned(),
                None => break,
            }
        }
        assert_eq!(count, 70);
        app.stop().await;
    }
}

#[tokio::test]
async fn show_more_under_a_news_feed_section_continues_after_what_it_shows() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    for i in 0..20i64 {
        publish(&app, &n, StoryKind::Brief, &format!("Item {i:02}"), t0() - Duration::minutes(i)).await;
    }
    for path in ["/", "/item-00/"] {
        let page = app.get(path).await;
        let shown: Vec<String> = page.texts(".section--feed .feed-item h4");
        let more = page.one(".section--feed .show-more a").value().attr("href").expect("href").to_owned();
        assert!(more.starts_with("/news-feed/?after="), "{more}");
        let next = app.get(&more).await;
        let first = next.texts(".feed-item h3").into_iter().next().expect("more items");
        let last_shown: i64 = shown.last().and_then(|h| h.trim_start_matches("Item ").parse().ok()).expect("item");
        assert_eq!(first, format!("Item {:02}", last_shown + 1), "{path} continues where its feed section ends");
    }
    app.stop().await;
}
