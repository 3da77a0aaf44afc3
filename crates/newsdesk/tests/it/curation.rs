//! Curating the front page through the newsroom: add, move up and down,
//! drag (the whole order), remove; each change on the front page at once.

use chrono::Duration;
use newsdesk_domain::{ListKey, StoryId, StoryKind, StoryStatus};

use crate::{
    admin::account,
    helpers::{Page, TestApp, newsroom, publish, t0},
};

fn top_stories(page: &Page) -> Vec<String> {
    let text = |e: scraper::ElementRef| e.text().collect::<String>().trim().to_owned();
    let mut out: Vec<String> = page.select("article.teaser--lead h3").into_iter().map(text).collect();
    out.extend(page.select(".grid--top article h3").into_iter().map(text));
    out
}

#[tokio::test]
async fn editors_order_top_stories_and_the_front_page_follows_at_once() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let mut ids: Vec<StoryId> = Vec::new();
    for (i, headline) in ["Ferry timetable", "Bridge opens", "Port budget"].iter().enumerate() {
        ids.push(publish(&app, &n, StoryKind::Article, headline, t0() - Duration::hours(i as i64 + 1)).await);
    }
    let (_, mut ed) = account(&app, "ed@example.org", "editor").await;
    let (_, mut author) = account(&app, "a@example.org", "author").await;
    let post = |action: &'static str, story: StoryId| (action, story.to_string());
    let top = "/admin/curation/top-stories";
    // Added to the top, one at a time: the last added leads.
    for id in &ids {
        let (action, story) = post("add", *id);
        let res = ed.submit("/admin/curation", top, &[("action", action), ("story", &story)]).await;
        assert_eq!(res.status, 303, "{}", res.text);
    }
    assert_eq!(top_stories(&app.get("/").await), ["Port budget", "Bridge opens", "Ferry timetable"]);
    // Up and down, one place at a time.
    let (action, story) = post("up", ids[0]);
    ed.submit("/admin/curation", top, &[("action", action), ("story", &story)]).await;
    assert_eq!(top_stories(&app.get("/").await), ["Port budget", "Ferry timetable", "Bridge opens"]);
    let (action, story) = post("down", ids[2]);
    ed.submit("/admin/curation", top, &[("action", action), ("story", &story)]).await;
    assert_eq!(top_stories(&app.get("/").await), ["Ferry timetable", "Port budget", "Bridge opens"]);
    // Dragged: the whole order at once.
    let order: Vec<String> = [ids[1], ids[0], ids[2]].iter().map(|i| i.to_string()).collect();
    let mut form = vec![("action", "order")];
    form.extend(order.iter().map(|o| ("stories", o.as_str())));
    assert_eq!(ed.submit("/admin/curation", top, &form).await.status, 303);
    assert_eq!(top_stories(&app.get("/").await), ["Bridge opens", "Ferry timetable", "Port budget"]);
    assert_eq!(app.site().store().list(ListKey::TopStories).await.expect("list"), vec![ids[1], ids[0], ids[2]]);
    // The page lists them in order, with working buttons and no script needed.
    let page = ed.get("/admin/curation").await;
    let listed: Vec<String> = page
        .select("#top-stories .curated__headline")
        .into_iter()
        .map(|e| e.text().next().unwrap_or("").trim().to_owned())
        .collect();
    assert_eq!(listed, ["Bridge opens", "Ferry timetable", "Port budget"]);
    assert_eq!(page.select("#top-stories button[aria-label^='Move up']").len(), 2);
    // Removed.
    let (action, story) = post("remove", ids[0]);
    ed.submit("/admin/curation", top, &[("action", action), ("story", &story)]).await;
    assert_eq!(top_stories(&app.get("/").await), ["Bridge opens", "Port budget"]);
    // A draft cannot be put on the front page; authors do not curate.
    let draft = app.site().store().story(newsdesk_store::StoryKey::Id(ids[0])).await.expect("q").expect("story");
    let mut input = newsdesk_domain::StoryInput::from_story(&draft);
    input.status = StoryStatus::Draft;
    input.published_at = None;
    app.site().update_story(ids[0], &input).await.expect("unpublish");
    let (action, story) = post("add", ids[0]);
    let res = ed.submit("/admin/curation", top, &[("action", action), ("story", &story)]).await;
    assert_eq!(res.status, 400);
    assert!(res.text.contains("only published or scheduled stories"), "{}", res.text);
    let res = author.submit("/admin/stories", top, &[("action", "up"), ("story", &ids[1].to_string())]).await;
    assert_eq!(res.status, 403);
    assert_eq!(author.get("/admin/curation").await.status, 403);
    let res = ed.submit("/admin/curation", "/admin/curation/most-read", &[("action", "up"), ("story", "1")]).await;
    assert_eq!(res.status, 404);
    app.stop().await;
}
