//! The story editor and the workflow, through the newsroom's forms: who may
//! write, send for review, publish, schedule and unpublish, and that every
//! move shows on the reader site at once.

use chrono::Duration;
use newsdesk_domain::{AuthorId, StoryId, StoryStatus, UserInput};
use newsdesk_store::StoryKey;

use crate::{
    admin::{Browser, PASSWORD, account},
    helpers::{Newsroom, TestApp, newsroom, publish, t0},
};

/// Signs in an account that writes under `author`.
async fn writer<'a>(app: &'a TestApp, email: &str, role: &str, author: AuthorId) -> Browser<'a> {
    let input = UserInput { email: email.into(), name: format!("{role} writer"), role: role.into() };
    let (_, token) = app.site().create_user(&input, Some(author), None).await.expect("account");
    let mut b = Browser::new(app);
    let link = format!("/admin/sign-in/{token}");
    assert_eq!(b.submit(&link, &link, &[("password", PASSWORD)]).await.status, 303);
    b
}

/// Writes a new draft through the editor's form; returns its id.
async fn write(b: &mut Browser<'_>, n: &Newsroom, headline: &str, author: AuthorId) -> StoryId {
    let tag = n.tags[0].id.to_string();
    let author = author.to_string();
    let res = b
        .submit(
            "/admin/stories/new",
            "/admin/stories/new",
            &[
                ("headline", headline),
                ("slug", ""),
                ("kind", "article"),
                ("standfirst", "What happened at the quay."),
                ("body", "First paragraph.\r\n\r\nSecond paragraph with **bold** words."),
                ("authors", &author),
                ("tags", &tag),
                ("hero", ""),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let location = res.header("location");
    let id = location
        .strip_prefix("/admin/stories/")
        .and_then(|r| r.strip_suffix("?saved=1"))
        .unwrap_or_else(|| panic!("unexpected redirect {location}"));
    StoryId(id.parse().expect("id"))
}

async fn status_of(app: &TestApp, id: StoryId) -> (StoryStatus, bool) {
    let s = app.site().store().story(StoryKey::Id(id)).await.expect("query").expect("story");
    (s.status, s.submitted_at.is_some())
}

#[tokio::test]
async fn a_contributor_writes_and_submits_and_an_editor_publishes_it_everywhere() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    publish(&app, &n, newsdesk_domain::StoryKind::Article, "Older harbour news", t0() - Duration::hours(5)).await;
    let mut contributor = writer(&app, "ana@example.org", "contributor", n.author.id).await;
    let id = write(&mut contributor, &n, "Night ferry resumes service", n.author.id).await;
    let page = contributor.get(&format!("/admin/stories/{id}?saved=1")).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Saved."));
    assert_eq!(
        page.one("textarea#body").text().collect::<String>(),
        "First paragraph.\n\nSecond paragraph with **bold** words."
    );
    assert_eq!(status_of(&app, id).await, (StoryStatus::Draft, false));
    assert!(page.select("form[action$='/publish']").is_empty(), "no publish button for a contributor");

    // The reader pages, cached before the story goes out.
    let paths = ["/", "/news-feed/", &format!("/tag/{}/", n.tags[0].slug)];
    for p in paths {
        assert!(!app.get(p).await.text.contains("Night ferry resumes service"));
    }

    // A contributor's publish attempt is refused and changes nothing.
    let res = contributor
        .submit(&format!("/admin/stories/{id}"), &format!("/admin/stories/{id}/publish"), &[("at", "")])
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(status_of(&app, id).await, (StoryStatus::Draft, false));

    let res = contributor.submit(&format!("/admin/stories/{id}"), &format!("/admin/stories/{id}/submit"), &[]).await;
    assert_eq!(res.status, 303);
    assert_eq!(status_of(&app, id).await, (StoryStatus::Draft, true));

    let (_, mut editor) = account(&app, "ed@example.org", "editor").await;
    let queue = editor.get("/admin/stories?status=review").await;
    assert_eq!(queue.texts("table.list tbody tr td:first-child a"), ["Night ferry resumes service"]);
    let res =
        editor.submit(&format!("/admin/stories/{id}"), &format!("/admin/stories/{id}/publish"), &[("at", "")]).await;
    assert_eq!(
        (res.status, res.header("location")),
        (303, format!("/admin/stories/{id}?published=published").as_str())
    );
    assert_eq!(status_of(&app, id).await, (StoryStatus::Published, false));

    for p in paths {
        let page = app.get(p).await;
        assert!(page.text.contains("Night ferry resumes service"), "{p} shows the story at once");
    }
    let story = app.get("/night-ferry-resumes-service/").await;
    assert_eq!(story.status, 200);
    assert!(story.text.contains("<strong>bold</strong>"));

    // Published, it is no longer the contributor's to change.
    assert_eq!(contributor.get(&format!("/admin/stories/{id}")).await.status, 403);
    let res = contributor
        .submit("/admin/stories", &format!("/admin/stories/{id}"), &[("headline", "Changed"), ("kind", "article")])
        .await;
    assert_eq!(res.status, 403);
    app.stop().await;
}

#[tokio::test]
async fn authors_publish_their_own_stories_only() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let mut ana = writer(&app, "ana@example.org", "author", n.author.id).await;
    let mut ben = writer(&app, "ben@example.org", "author", n.second.id).await;
    let mine = write(&mut ana, &n, "Tide tables for the winter", n.author.id).await;
    let theirs = write(&mut ben, &n, "Pier repairs begin", n.second.id).await;
    let res =
        ana.submit(&format!("/admin/stories/{mine}"), &format!("/admin/stories/{mine}/publish"), &[("at", "")]).await;
    assert_eq!(res.status, 303);
    assert_eq!(status_of(&app, mine).await.0, StoryStatus::Published);
    assert_eq!(ana.get(&format!("/admin/stories/{theirs}")).await.status, 403);
    let res = ana.submit("/admin/stories", &format!("/admin/stories/{theirs}/publish"), &[("at", "")]).await;
    assert_eq!(res.status, 403);
    assert_eq!(status_of(&app, theirs).await.0, StoryStatus::Draft);
    // An author edits their own published story; its status stays.
    let tag = n.tags[0].id.to_string();
    let author = n.author.id.to_string();
    let res = ana
        .submit(
            &format!("/admin/stories/{mine}"),
            &format!("/admin/stories/{mine}"),
            &[
                ("headline", "Tide tables for the whole winter"),
                ("kind", "article"),
                ("authors", &author),
                ("tags", &tag),
                ("body", "Updated."),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(status_of(&app, mine).await.0, StoryStatus::Published);
    assert!(app.get("/news-feed/").await.text.contains("Tide tables for the whole winter"));
    // A form lists tags in its own order; the story's order (its primary tag
    // first) survives a save, and a new tag goes last.
    let ordered = [n.tags[3].id, n.tags[1].id];
    let mut input = newsdesk_domain::StoryInput::from_story(
        &app.site().store().story(StoryKey::Id(mine)).await.expect("q").expect("story"),
    );
    input.tags = ordered.to_vec();
    app.site().update_story(mine, &input).await.expect("reorder");
    let (t1, t3, t4) = (n.tags[1].id.to_string(), n.tags[3].id.to_string(), n.tags[4].id.to_string());
    let res = ana
        .submit(
            &format!("/admin/stories/{mine}"),
            &format!("/admin/stories/{mine}"),
            &[
                ("headline", "Tide tables for the whole winter"),
                ("kind", "article"),
                ("authors", &author),
                ("tags", &t1),
                ("tags", &t3),
                ("tags", &t4),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let saved = app.site().store().story(StoryKey::Id(mine)).await.expect("q").expect("story");
    assert_eq!(saved.tags, [n.tags[3].id, n.tags[1].id, n.tags[4].id]);
    app.stop().await;
}

#[tokio::test]
async fn scheduling_goes_live_on_time_and_unpublishing_takes_it_down() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let (_, mut editor) = account(&app, "ed@example.org", "editor").await;
    let id = write(&mut editor, &n, "Harbour festival programme", n.author.id).await;
    // The site's zone is Europe/Kyiv (UTC+3 on this date): 16:00 local is 13:00 UTC,
    // an hour after the test clock.
    let res = editor
        .submit(&format!("/admin/stories/{id}"), &format!("/admin/stories/{id}/publish"), &[("at", "2026-09-25T16:00")])
        .await;
    assert_eq!(res.header("location"), format!("/admin/stories/{id}?published=scheduled"));
    let s = app.site().store().story(StoryKey::Id(id)).await.expect("q").expect("story");
    assert_eq!(s.status, StoryStatus::Scheduled);
    assert_eq!(s.published_at, Some(t0() + Duration::hours(1)));
    assert!(!app.get("/news-feed/").await.text.contains("Harbour festival programme"));
    assert_eq!(app.get("/harbour-festival-programme/").await.status, 404);
    app.clock.advance(Duration::minutes(61));
    app.site().publish_due().await.expect("due");
    assert!(app.get("/news-feed/").await.text.contains("Harbour festival programme"));

    let res = editor.submit(&format!("/admin/stories/{id}"), &format!("/admin/stories/{id}/unpublish"), &[]).await;
    assert_eq!(res.status, 303);
    assert_eq!(status_of(&app, id).await.0, StoryStatus::Draft);
    assert!(!app.get("/news-feed/").await.text.contains("Harbour festival programme"));
    assert_eq!(app.get("/harbour-festival-programme/").await.status, 404);

    let bad = editor
        .submit(&format!("/admin/stories/{id}"), &format!("/admin/stories/{id}/publish"), &[("at", "next tuesday")])
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.text.contains("Publication time"));
    app.stop().await;
}

#[tokio::test]
async fn a_refused_save_shows_why_and_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let (_, mut editor) = account(&app, "ed@example.org", "editor").await;
    let author = n.author.id.to_string();
    let body = "A long body the reporter must not lose.";
    let res = editor
        .submit(
            "/admin/stories/new",
            "/admin/stories/new",
            &[("headline", "  "), ("kind", "article"), ("authors", &author), ("body", body)],
        )
        .await;
    assert_eq!(res.status, 400);
    assert!(res.one(".error").text().collect::<String>().contains("headline must not be empty"));
    assert_eq!(res.one("textarea#body").text().collect::<String>(), body);
    // A taken slug is refused the same way.
    let first = write(&mut editor, &n, "Crane count", n.author.id).await;
    let res = editor
        .submit(
            "/admin/stories/new",
            "/admin/stories/new",
            &[("headline", "Crane count"), ("kind", "article"), ("authors", &author)],
        )
        .await;
    assert_eq!(res.status, 400);
    assert!(res.text.contains("already used"), "{}", res.text);
    assert!(first.0 > 0);
    app.stop().await;
}

#[tokio::test]
async fn a_hero_image_needs_alt_text_before_publishing() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let bare = app
        .site()
        .store()
        .create_media(
            &newsdesk_domain::MediaInput {
                path: "a/bare.jpg".into(),
                mime: "image/jpeg".into(),
                width: 800,
                height: 450,
                ..Default::default()
            },
            None,
            t0(),
        )
        .await
        .expect("media");
    let (_, mut editor) = account(&app, "ed@example.org", "editor").await;
    let id = write(&mut editor, &n, "Lighthouse keeper retires", n.author.id).await;
    let author = n.author.id.to_string();
    let hero = bare.id.to_string();
    let res = editor
        .submit(
            &format!("/admin/stories/{id}"),
            &format!("/admin/stories/{id}"),
            &[("headline", "Lighthouse keeper retires"), ("kind", "article"), ("authors", &author), ("hero", &hero)],
        )
        .await;
    assert_eq!(res.status, 303);
    let res =
        editor.submit(&format!("/admin/stories/{id}"), &format!("/admin/stories/{id}/publish"), &[("at", "")]).await;
    assert_eq!(res.status, 400);
    assert!(res.text.contains("alt text"), "{}", res.text);
    assert_eq!(status_of(&app, id).await.0, StoryStatus::Draft);
    app.stop().await;
}

#[tokio::test]
async fn every_save_keeps_a_revision_that_can_be_compared_and_restored() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let (_, mut editor) = account(&app, "ed@example.org", "editor").await;
    let id = write(&mut editor, &n, "Dredging plan approved", n.author.id).await;
    let author = n.author.id.to_string();
    let tag = n.tags[0].id.to_string();
    let edit = format!("/admin/stories/{id}");
    let save = |body: &'static str| [("headline", "Dredging plan approved"), ("kind", "article"), ("body", body)];
    for body in ["First paragraph.\n\nThe council voted 7 to 2.", "First paragraph.\n\nThe council voted 8 to 1."] {
        let mut form = save(body).to_vec();
        form.push(("authors", &author));
        form.push(("tags", &tag));
        assert_eq!(editor.submit(&edit, &edit, &form).await.status, 303);
    }
    editor.submit(&edit, &format!("{edit}/publish"), &[("at", "")]).await;
    assert!(app.get("/dredging-plan-approved/").await.text.contains("8 to 1"));

    let page = editor.get(&format!("{edit}/revisions")).await;
    assert_eq!(page.status, 200);
    let rows = page.select("table.list tbody tr");
    assert_eq!(rows.len(), 4, "created, two saves, published");
    // The default comparison is the newest against the one before: publishing
    // changed no text.
    assert!(page.text.contains("No differences."));
    let ids: Vec<String> =
        page.select("input[name=from]").iter().map(|e| e.value().attr("value").expect("value").to_owned()).collect();
    let (second_save, first_save) = (&ids[1], &ids[2]);
    let cmp = editor.get(&format!("{edit}/revisions?from={first_save}&to={second_save}")).await;
    assert_eq!(cmp.texts(".diff h3"), ["body"]);
    let del = cmp.texts(".diff__del");
    let add = cmp.texts(".diff__add");
    assert!(del.iter().any(|l| l.contains("7 to 2")) && add.iter().any(|l| l.contains("8 to 1")), "{del:?} {add:?}");
    assert_eq!(editor.get(&format!("{edit}/revisions?from=999999&to={second_save}")).await.status, 404);

    let res = editor.submit(&format!("{edit}/revisions"), &format!("{edit}/revisions/{first_save}/restore"), &[]).await;
    assert_eq!(res.status, 303);
    let story = app.get("/dredging-plan-approved/").await;
    assert!(story.text.contains("7 to 2"), "the restored text is on the site at once");
    let s = app.site().store().story(StoryKey::Id(id)).await.expect("q").expect("story");
    assert_eq!(s.status, StoryStatus::Published, "restoring keeps the story published");
    assert_eq!(editor.get(&format!("{edit}/revisions")).await.select("table.list tbody tr").len(), 5);

    // Someone who may not edit the story may not see its revisions.
    let mut other = writer(&app, "other@example.org", "author", n.second.id).await;
    assert_eq!(other.get(&format!("{edit}/revisions")).await.status, 403);
    app.stop().await;
}

#[tokio::test]
async fn corrections_appear_dated_at_the_foot_of_the_story() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let id = publish(&app, &n, newsdesk_domain::StoryKind::Article, "Port fees rise", t0() - Duration::hours(2)).await;
    let before = app.get("/port-fees-rise/").await;
    assert!(before.select(".story__notes").is_empty());
    let updated = |text: &str| {
        text.split_once("Updated <time datetime=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(t, _)| t.to_owned())
    };
    let updated_before = updated(&before.text);

    let (_, mut editor) = account(&app, "ed@example.org", "editor").await;
    let mut author = writer(&app, "ana@example.org", "author", n.author.id).await;
    let edit = format!("/admin/stories/{id}");
    let text = "An earlier version gave the rise as 12 percent; it is 2 percent.";
    // Authors cannot add corrections, even to their own story.
    let res = author.submit(&edit, &format!("{edit}/notes"), &[("kind", "correction"), ("body", text)]).await;
    assert_eq!(res.status, 403);
    let res = editor.submit(&edit, &format!("{edit}/notes"), &[("kind", "correction"), ("body", "  ")]).await;
    assert_eq!(res.status, 400);
    app.clock.advance(Duration::minutes(30));
    let res = editor.submit(&edit, &format!("{edit}/notes"), &[("kind", "correction"), ("body", text)]).await;
    assert_eq!(res.status, 303);
    app.clock.advance(Duration::minutes(30));
    let res = editor
        .submit(
            &edit,
            &format!("{edit}/notes"),
            &[("kind", "update"), ("body", "The port authority has <b>confirmed</b> the fees.")],
        )
        .await;
    assert_eq!(res.status, 303);

    let after = app.get("/port-fees-rise/").await;
    let notes = after.texts(".story__notes .story-note");
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].starts_with("Correction") && notes[0].contains("2 percent"), "{notes:?}");
    assert!(notes[1].starts_with("Update") && notes[1].contains("<b>confirmed</b>"), "plain text, escaped: {notes:?}");
    assert!(after.select(".story__notes b").is_empty());
    let times: Vec<_> = after
        .select(".story__notes time")
        .iter()
        .filter_map(|t| t.value().attr("datetime"))
        .map(str::to_owned)
        .collect();
    assert_eq!(times.len(), 2);
    let updated_after = updated(&after.text);
    assert!(updated_after.is_some() && updated_after != updated_before, "the story's updated time moved");
    assert!(updated_after.as_deref().is_some_and(|t| t.starts_with("2026-09-25T16:00")), "{updated_after:?}");
    app.stop().await;
}

#[tokio::test]
async fn a_quick_post_is_in_the_news_feed_at_once() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    publish(&app, &n, newsdesk_domain::StoryKind::Article, "Earlier story", t0() - Duration::hours(1)).await;
    assert!(!app.get("/news-feed/").await.text.contains("Storm warning for the outer harbour"));
    let mut author = writer(&app, "ana@example.org", "author", n.author.id).await;
    let tag = n.tags[0].id.to_string();
    let res = author
        .submit(
            "/admin/brief",
            "/admin/brief",
            &[
                ("headline", "Storm warning for the outer harbour"),
                ("text", "Gusts of 90 km/h expected after 18:00."),
                ("tags", &tag),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert!(res.header("location").ends_with("?published=published"));
    let feed = app.get("/news-feed/").await;
    assert!(feed.text.contains("Storm warning for the outer harbour"), "on the feed at once");
    assert!(app.get(&format!("/tag/{}/", n.tags[0].slug)).await.text.contains("Storm warning for the outer harbour"));

    // A contributor's brief waits for an editor; an empty one is refused.
    let mut contributor = writer(&app, "cy@example.org", "contributor", n.second.id).await;
    let res = contributor
        .submit("/admin/brief", "/admin/brief", &[("headline", "Ferry delayed"), ("text", "By an hour.")])
        .await;
    assert_eq!(res.status, 303);
    assert!(!app.get("/news-feed/").await.text.contains("Ferry delayed"));
    assert_eq!(
        author.get("/admin/stories?status=review").await.texts("table.list tbody tr td:first-child a"),
        ["Ferry delayed"]
    );
    let res =
        contributor.submit("/admin/brief", "/admin/brief", &[("headline", "Nothing to say"), ("text", " ")]).await;
    assert_eq!(res.status, 400);
    assert_eq!(res.one("input#headline").value().attr("value"), Some("Nothing to say"));
    app.stop().await;
}

#[tokio::test]
async fn a_deleted_story_leaves_the_site_and_an_editor_restores_it_within_thirty_days() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let id =
        publish(&app, &n, newsdesk_domain::StoryKind::Article, "Lock gates repaired", t0() - Duration::hours(1)).await;
    let tag_page = format!("/tag/{}/", n.tags[0].slug);
    assert_eq!(app.get("/lock-gates-repaired/").await.status, 200);
    assert!(app.get("/").await.text.contains("Lock gates repaired"));
    assert!(app.get(&tag_page).await.text.contains("Lock gates repaired"));

    let mut contributor = writer(&app, "c@example.org", "contributor", n.second.id).await;
    let (_, mut editor) = account(&app, "ed@example.org", "editor").await;
    let edit = format!("/admin/stories/{id}");
    // Not theirs: a contributor cannot delete it, nor see the trash.
    let res = contributor.submit("/admin/stories", &format!("{edit}/delete"), &[]).await;
    assert_eq!(res.status, 403);
    assert_eq!(contributor.get("/admin/stories?status=trash").await.status, 403);

    let res = editor.submit(&edit, &format!("{edit}/delete"), &[]).await;
    assert_eq!(res.status, 303);
    assert_eq!(res.header("location"), "/admin/stories?deleted=1");
    // Off the site at once: its page, the front page, its tag page.
    assert_eq!(app.get("/lock-gates-repaired/").await.status, 404);
    assert!(!app.get("/").await.text.contains("Lock gates repaired"));
    assert!(!app.get(&tag_page).await.text.contains("Lock gates repaired"));
    // In the trash, out of the newsroom's list, and not editable.
    assert!(!editor.get("/admin/stories").await.text.contains("Lock gates repaired"));
    let trash = editor.get("/admin/stories?status=trash").await;
    assert!(trash.text.contains("Lock gates repaired") && trash.text.contains("in trash"), "{}", trash.text);
    let form = editor.get(&edit).await;
    assert!(form.text.contains("deleted for good on"), "{}", form.text);
    let res = editor
        .submit(&edit, &edit, &[("headline", "Changed"), ("kind", "article"), ("authors", &n.author.id.to_string())])
        .await;
    assert_eq!(res.status, 400, "{}", res.text);
    assert!(res.text.contains("in the trash"));
    assert_eq!(contributor.submit("/admin/stories", &format!("{edit}/restore"), &[]).await.status, 403);

    // Restored as it was: live again at the same address.
    let res = editor.submit(&edit, &format!("{edit}/restore"), &[]).await;
    assert_eq!(res.status, 303);
    assert_eq!(app.get("/lock-gates-repaired/").await.status, 200);
    assert!(app.get("/").await.text.contains("Lock gates repaired"));
    assert!(app.get(&tag_page).await.text.contains("Lock gates repaired"));

    // Deleted again and left for 30 days, it is gone for good.
    editor.submit(&edit, &format!("{edit}/delete"), &[]).await;
    app.clock.advance(Duration::days(29));
    assert_eq!(app.site().purge_trash().await.expect("purge"), 0);
    app.clock.advance(Duration::days(2));
    assert_eq!(app.site().purge_trash().await.expect("purge"), 1);
    assert_eq!(app.site().store().story(StoryKey::Id(id)).await.expect("q"), None);
    app.stop().await;
}

#[tokio::test]
async fn the_preview_is_the_reader_page_of_the_unsaved_story() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    publish(&app, &n, newsdesk_domain::StoryKind::Article, "Harbour wall rebuilt", t0() - Duration::hours(3)).await;
    let mut author = writer(&app, "ana@example.org", "author", n.author.id).await;
    let card = format!("{}/harbour-wall-rebuilt/", app.base);
    let body = format!("Opening paragraph with **bold** words.\r\n\r\n{card}\r\n\r\nClosing line.");
    let author_id = n.author.id.to_string();
    let tag = n.tags[0].id.to_string();
    let hero = n.hero.id.to_string();
    let fields = [
        ("headline", "Tides reach a record"),
        ("kind", "article"),
        ("standfirst", "Gauges read higher than ever."),
        ("body", body.as_str()),
        ("authors", author_id.as_str()),
        ("tags", tag.as_str()),
        ("hero", hero.as_str()),
    ];
    let res = author.submit("/admin/stories/new", "/admin/stories/preview", &fields).await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.header("cache-control"), "no-store");
    assert!(res.text.contains("Preview: not published"));
    assert_eq!(res.texts("h1"), ["Tides reach a record"]);
    assert!(res.select(".story__body strong").len() == 1, "Markdown rendered");
    let cards = res.texts(".story__body .related-story__headline");
    assert_eq!(cards, ["Harbour wall rebuilt"], "the card a reader would see");
    assert!(!res.select(".story__hero img").is_empty());
    // Nothing was saved.
    assert_eq!(app.site().store().story_count().await.expect("count"), 1);
    // An empty headline cannot be previewed, and says so.
    let mut empty = fields.to_vec();
    empty[0] = ("headline", "");
    let res = author.submit("/admin/stories/new", "/admin/stories/preview", &empty).await;
    assert_eq!(res.status, 400);
    assert!(res.text.contains("headline must not be empty"), "{}", res.text);

    // The related-story search finds published stories by headline.
    let res = author.get("/admin/stories/lookup?q=wall").await;
    assert_eq!(res.status, 200);
    let hits: serde_json::Value = serde_json::from_slice(&res.bytes).expect("JSON");
    assert_eq!(hits[0]["headline"], "Harbour wall rebuilt");
    assert_eq!(hits[0]["url"].as_str(), Some(card.as_str()));
    let none: serde_json::Value =
        serde_json::from_slice(&author.get("/admin/stories/lookup?q=zebra").await.bytes).expect("JSON");
    assert_eq!(none.as_array().map(Vec::len), Some(0));
    app.stop().await;
}

#[tokio::test]
async fn autosave_keeps_drafts_and_one_revision_per_stretch_of_typing() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let mut author = writer(&app, "ana@example.org", "author", n.author.id).await;
    let id = write(&mut author, &n, "Storm warning", n.author.id).await;
    let edit = format!("/admin/stories/{id}");
    let form = author.get(&edit).await;
    assert_eq!(form.select("form[data-autosave]").len(), 1, "drafts autosave");
    let revisions = || async { app.site().store().revisions(id).await.expect("revisions").len() };
    let before = revisions().await;
    let author_id = n.author.id.to_string();
    let typed = |body: &'static str| {
        vec![("headline", "Storm warning"), ("kind", "article"), ("body", body), ("authors", author_id.as_str())]
    };
    let autosave = format!("{edit}/autosave");
    for body in ["Wind rising.", "Wind rising. Ferries stay in port."] {
        app.clock.advance(Duration::seconds(20));
        let res = author.submit(&edit, &autosave, &typed(body)).await;
        assert_eq!(res.status, 204, "{}", res.text);
    }
    let saved = app.site().store().story(StoryKey::Id(id)).await.expect("q").expect("story");
    assert_eq!(saved.body_source, "Wind rising. Ferries stay in port.");
    assert_eq!(revisions().await, before + 1, "two autosaves a few seconds apart: one revision");
    app.clock.advance(Duration::minutes(11));
    author.submit(&edit, &autosave, &typed("Wind rising. Ferries stay in port. Schools close.")).await;
    assert_eq!(revisions().await, before + 2, "a later stretch: a new revision");
    // A published story is never saved behind the writer's back.
    assert_eq!(author.submit(&edit, &format!("{edit}/publish"), &[("at", "")]).await.status, 303);
    let res = author.submit(&edit, &autosave, &typed("Half-typed change")).await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("only drafts"), "{}", res.text);
    assert!(author.get(&edit).await.select("form[data-autosave]").is_empty());
    let live = app.site().store().story(StoryKey::Id(id)).await.expect("q").expect("story");
    assert_eq!(live.body_source, "Wind rising. Ferries stay in port. Schools close.");
    app.stop().await;
}

#[tokio::test]
async fn pasted_documents_become_markdown_and_editors_create_tags_as_they_type() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let (_, mut editor) = account(&app, "ed@example.org", "editor").await;
    let mut author = writer(&app, "ana@example.org", "author", n.author.id).await;
    let docs = r#"<b style="font-weight:normal;" id="docs-internal-guid-9"><p><span style="font-weight:700;">Ferries</span><span> run again.</span></p></b>"#;
    let res = author.submit("/admin/stories/new", "/admin/paste", &[("html", docs)]).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.text, "**Ferries** run again.");
    assert!(res.header("content-type").starts_with("text/plain"));

    // The editor's search-result preview, cut as a search engine would.
    let id = write(
        &mut author,
        &n,
        "A headline long enough to need cutting in a search result, it goes on and on",
        n.author.id,
    )
    .await;
    let form = author.get(&format!("/admin/stories/{id}")).await;
    let title = form.texts("[data-serp-title]");
    assert_eq!(title.len(), 1);
    assert!(title[0].ends_with('…') && title[0].chars().count() <= 60, "{title:?}");
    assert_eq!(form.texts("[data-serp-text]"), ["What happened at the quay."]);

    // Create-on-type: editors make the tag; authors may only pick.
    let csrf_page = editor.get("/admin/stories/new").await;
    let csrf = csrf_page.select("input[name=csrf]")[0].value().attr("value").expect("csrf").to_owned();
    let res = app
        .client
        .post(format!("{}/admin/tags", app.base))
        .header("cookie", editor.cookie_header())
        .header("accept", "application/json")
        .form(&[("csrf", csrf.as_str()), ("name", "Storm surge"), ("kind", "topic")])
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 201);
    let body: serde_json::Value = serde_json::from_slice(&res.bytes().await.expect("body")).expect("JSON");
    assert_eq!(body["name"], "Storm surge");
    assert!(app.site().all_tags().iter().any(|t| t.name == "Storm surge" && t.slug.as_str() == "storm-surge"));
    let res = author.submit("/admin/stories/new", "/admin/tags", &[("name", "Rumours"), ("kind", "topic")]).await;
    assert_eq!(res.status, 403);
    app.stop().await;
}

#[tokio::test]
async fn bylines_and_tags_keep_the_order_the_writer_arranged() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let mut author = writer(&app, "ana@example.org", "author", n.author.id).await;
    let id = write(&mut author, &n, "Two bylines", n.author.id).await;
    let edit = format!("/admin/stories/{id}");
    let (a1, a2) = (n.author.id.to_string(), n.second.id.to_string());
    let (t1, t2) = (n.tags[0].id.to_string(), n.tags[1].id.to_string());
    let base = [("headline", "Two bylines"), ("kind", "article"), ("body", "Text.")];
    // The list's order (alphabetical) is not the story's: the script's order wins.
    let mut fields = base.to_vec();
    fields.extend([("authors", a1.as_str()), ("authors", a2.as_str()), ("tags", t1.as_str()), ("tags", t2.as_str())]);
    fields.extend([("authors_order", a2.as_str()), ("authors_order", a1.as_str())]);
    fields.extend([("tags_order", t2.as_str()), ("tags_order", t1.as_str())]);
    assert_eq!(author.submit(&edit, &edit, &fields).await.status, 303);
    let s = app.site().store().story(StoryKey::Id(id)).await.expect("q").expect("story");
    assert_eq!(s.authors, vec![n.second.id, n.author.id]);
    assert_eq!(s.tags, vec![n.tags[1].id, n.tags[0].id]);
    // Without the script, those already on the story keep their order.
    let mut plain = base.to_vec();
    plain.extend([("authors", a1.as_str()), ("authors", a2.as_str()), ("tags", t1.as_str()), ("tags", t2.as_str())]);
    assert_eq!(author.submit(&edit, &edit, &plain).await.status, 303);
    let s = app.site().store().story(StoryKey::Id(id)).await.expect("q").expect("story");
    assert_eq!(s.authors, vec![n.second.id, n.author.id]);
    let form = author.get(&edit).await;
    let ordered = form.select("select#authors")[0].value().attr("data-ordered").map(str::to_owned);
    assert_eq!(ordered, Some(format!("{a2},{a1}")));
    app.stop().await;
}
