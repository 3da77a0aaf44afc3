//! The storage contract, run against every backend available: SQLite always,
//! PostgreSQL when `NEWSDESK_TEST_POSTGRES` names a server.

use std::future::Future;

use chrono::{Duration, TimeZone, Utc};
use newsdesk_domain::{
    AuthorId, AuthorInput, Cursor, ListKey, MediaId, MediaInput, MediaText, RenderedStory, SiteSettings, StoryId,
    StoryInput, StoryKind, StoryStatus, TagId, TagInput, TagKind, Timestamp, ValidationError, markdown::RenderContext,
};
use newsdesk_store::{
    DeskFilter, Listing, MediaFilter, Store, StoreError, StoryKey, ViewCount,
    testing::{BACKENDS, TestDb},
};

/// Runs `test` on a fresh database of each available backend.
async fn on_each_backend<F, Fut>(test: F)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    for backend in BACKENDS {
        let Some(db) = TestDb::new(backend).await.expect("test database") else { continue };
        let store = db.store().await.expect("open store");
        test(store.clone()).await;
        store.close().await;
        db.drop_db().await;
    }
}

fn t0() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 9, 25, 9, 0, 0).single().expect("valid time")
}

struct Fixture {
    a1: AuthorId,
    a2: AuthorId,
    t1: TagId,
    t2: TagId,
}

async fn fixture(store: &Store) -> Fixture {
    let author = |name: &str| AuthorInput { name: name.into(), role_title: "Reporter".into(), ..Default::default() };
    let a1 = store.create_author(&author("Ana Ortiz").validate().expect("valid"), t0()).await.expect("author").id;
    let a2 = store.create_author(&author("Ben Kalu").validate().expect("valid"), t0()).await.expect("author").id;
    let tag = |name: &str, kind| TagInput { slug: None, name: name.into(), kind, description: String::new() };
    let t1 = store.create_tag(&tag("Harbour", TagKind::Place).validate().expect("valid"), t0()).await.expect("tag").id;
    let t2 = store.create_tag(&tag("Energy", TagKind::Topic).validate().expect("valid"), t0()).await.expect("tag").id;
    Fixture { a1, a2, t1, t2 }
}

fn story(headline: &str, authors: Vec<AuthorId>, tags: Vec<TagId>, published: Option<Timestamp>) -> RenderedStory {
    let mut s = StoryInput::new(StoryKind::Article, headline, authors);
    s.tags = tags;
    s.body = format!("Body of *{headline}*.");
    if let Some(at) = published {
        s.status = StoryStatus::Published;
        s.published_at = Some(at);
    }
    s.validate(t0()).expect("valid story").render(&RenderContext::default())
}

#[tokio::test]
async fn migrations_are_idempotent_and_settings_round_trip() {
    on_each_backend(|store| async move {
        store.migrate().await.expect("second migrate is a no-op");
        assert_eq!(store.settings().await.expect("settings"), SiteSettings::default());
        let mut s =
            SiteSettings { name: "The Test Gazette".into(), timezone: "Europe/Kyiv".into(), ..Default::default() };
        store.save_settings(&s).await.expect("save");
        s.tagline = "Changed".into();
        store.save_settings(&s).await.expect("save again");
        assert_eq!(store.settings().await.expect("settings"), s);
        s.timezone = "Nowhere/Special".into();
        assert!(matches!(store.save_settings(&s).await, Err(StoreError::Invalid(_))));
    })
    .await;
}

#[tokio::test]
async fn people_and_media_round_trip_and_refuse_duplicate_slugs() {
    on_each_backend(|store| async move {
        let f = fixture(&store).await;
        let a = store.author_by_slug("ana-ortiz").await.expect("query").expect("found");
        assert_eq!((a.id, a.name.as_str(), a.role_title.as_str()), (f.a1, "Ana Ortiz", "Reporter"));
        let dup = AuthorInput { name: "Ana Ortiz".into(), ..Default::default() }.validate().expect("valid");
        match store.create_author(&dup, t0()).await {
            Err(StoreError::Invalid(ValidationError::DuplicateSlug(slug, "author"))) => assert_eq!(slug, "ana-ortiz"),
            other => panic!("expected duplicate slug, got {other:?}"),
        }
        let tags = store.tags_by_ids(&[f.t1, f.t2]).await.expect("tags");
        assert_eq!(tags.len(), 2);
        assert_eq!(store.tag_by_slug("harbour").await.expect("q").map(|t| t.kind), Some(TagKind::Place));
        let m = MediaInput {
            path: "2026/09/quay.jpg".into(),
            mime: "image/jpeg".into(),
            width: 1200,
            height: 675,
            alt: "The quay".into(),
            caption: "Cranes at dusk".into(),
            credit: "Mira Holt".into(),
            variants: vec![300, 600, 1000],
            webp: true,
            bytes: 123_456,
            original_name: "DSC_0042.JPG".into(),
        };
        let media = store.create_media(&m, None, t0()).await.expect("media");
        assert_eq!(media.url(), "/content/images/2026/09/quay.jpg");
        assert_eq!(store.media_by_ids(&[media.id]).await.expect("q"), vec![media.clone()]);
        assert_eq!(store.media_by_paths(&["2026/09/quay.jpg".into()]).await.expect("q"), vec![media.clone()]);
        assert_eq!(store.media(media.id).await.expect("q"), Some(media.clone()));
        let bad = MediaInput { path: "../etc/passwd".into(), ..m.clone() };
        assert!(matches!(store.create_media(&bad, None, t0()).await, Err(StoreError::Invalid(_))));
        // The library: newest first, searched by words and file name.
        let other = MediaInput { path: "2026/09/ferry.png".into(), alt: "A ferry 100% full".into(), ..m.clone() };
        let other = store.create_media(&other, None, t0()).await.expect("media");
        let all = store.media_library(&MediaFilter::default(), 10).await.expect("q");
        assert_eq!(all.iter().map(|x| x.id).collect::<Vec<_>>(), vec![other.id, media.id]);
        let hit = |q: &str| MediaFilter { search: Some(q.into()), before: None };
        assert_eq!(store.media_library(&hit("dsc_0042"), 10).await.expect("q").len(), 2);
        assert_eq!(store.media_library(&hit("100%"), 10).await.expect("q"), vec![other.clone()]);
        assert_eq!(store.media_library(&hit("10_%"), 10).await.expect("q"), vec![], "wildcards are literal");
        let older = MediaFilter { search: None, before: Some(other.id) };
        assert_eq!(store.media_library(&older, 10).await.expect("q"), vec![media.clone()]);
        // Words change; the file does not.
        let words = MediaText { alt: "The quay at night".into(), caption: String::new(), credit: "M. Holt".into() };
        store.update_media_text(media.id, &words).await.expect("update");
        let changed = store.media(media.id).await.expect("q").expect("media");
        assert_eq!(
            (changed.alt.as_str(), changed.credit.as_str(), changed.path.as_str()),
            ("The quay at night", "M. Holt", "2026/09/quay.jpg")
        );
        assert!(matches!(store.update_media_text(MediaId(9999), &words).await, Err(StoreError::NotFound(_))));
        // Only an image nothing uses can be deleted.
        assert_eq!(store.delete_media(other.id).await.expect("delete").id, other.id);
        assert_eq!(store.media(other.id).await.expect("q"), None);
    })
    .await;
}

#[tokio::test]
async fn the_library_knows_which_stories_use_an_image() {
    on_each_backend(|store| async move {
        let f = fixture(&store).await;
        let image = |path: &str| MediaInput {
            path: path.into(),
            mime: "image/jpeg".into(),
            width: 800,
            height: 600,
            ..MediaInput::default()
        };
        let hero = store.create_media(&image("u/hero.jpg"), None, t0()).await.expect("media");
        let inline = store.create_media(&image("u/inline.jpg"), None, t0()).await.expect("media");
        let mut with_hero = story("Hero story", vec![f.a1], vec![], Some(t0()));
        with_hero.story.hero = Some(hero.id);
        let hero_story = store.create_story(&with_hero, t0()).await.expect("story");
        let mut with_inline = story("Inline story", vec![f.a1], vec![], None);
        with_inline.images = vec![inline.id];
        let inline_story = store.create_story(&with_inline, t0()).await.expect("story");
        let users = |m: MediaId| {
            let store = store.clone();
            async move {
                let f = DeskFilter { uses_media: Some(m), ..DeskFilter::default() };
                store.desk_stories(&f, 1, 10).await.expect("q").0.into_iter().map(|s| s.id).collect::<Vec<_>>()
            }
        };
        assert_eq!(users(hero.id).await, vec![hero_story]);
        assert_eq!(users(inline.id).await, vec![inline_story]);
        for used in [hero.id, inline.id] {
            assert!(matches!(store.delete_media(used).await, Err(StoreError::Invalid(_))), "in use");
        }
        // Saved without the image, the story lets it go.
        with_inline.images.clear();
        store.update_story(inline_story, &with_inline, t0()).await.expect("update");
        assert_eq!(users(inline.id).await, Vec::<StoryId>::new());
        store.delete_media(inline.id).await.expect("unused now");
    })
    .await;
}

#[tokio::test]
async fn the_trash_hides_a_story_keeps_it_whole_and_empties_after_its_time() {
    on_each_backend(|store| async move {
        let f = fixture(&store).await;
        let s = story("Dredging starts", vec![f.a1], vec![f.t1], Some(t0()));
        let id = store.create_story(&s, t0()).await.expect("create");
        let later = t0() + Duration::hours(1);
        let listed = |listing| {
            let store = store.clone();
            async move { store.listing(listing, later, None, 10).await.expect("q").len() }
        };
        assert_eq!((listed(Listing::All).await, listed(Listing::Tag(f.t1)).await), (1, 1));
        let before = store.trash_story(id, None, later).await.expect("trash");
        assert_eq!(before.deleted_at, None, "returns the story as it was");
        assert_eq!(
            (listed(Listing::All).await, listed(Listing::Tag(f.t1)).await, listed(Listing::Author(f.a1)).await),
            (0, 0, 0)
        );
        let kept = store.story(StoryKey::Id(id)).await.expect("q").expect("kept");
        assert_eq!(kept.deleted_at, Some(later));
        assert_eq!((kept.status, kept.published_at), (StoryStatus::Published, Some(t0())));
        assert!(!kept.is_visible(later));
        assert!(matches!(store.trash_story(id, None, later).await, Err(StoreError::Invalid(_))));
        assert!(matches!(store.update_story(id, &s, later).await, Err(StoreError::NotFound(_))), "restore first");
        let trash = DeskFilter { trash: true, ..DeskFilter::default() };
        assert_eq!(store.desk_stories(&trash, 1, 10).await.expect("q").1, 1);
        assert_eq!(store.desk_stories(&DeskFilter::default(), 1, 10).await.expect("q").1, 0);
        // Restored, it is listed again where it was.
        store.restore_story(id).await.expect("restore");
        assert_eq!((listed(Listing::All).await, listed(Listing::Tag(f.t1)).await), (1, 1));
        assert!(matches!(store.restore_story(id).await, Err(StoreError::Invalid(_))));
        // Emptied: only what went in before the cut-off.
        store.trash_story(id, None, later).await.expect("trash again");
        assert_eq!(store.purge_trash(later).await.expect("purge"), 0);
        assert_eq!(store.purge_trash(later + Duration::days(30)).await.expect("purge"), 1);
        assert_eq!(store.story(StoryKey::Id(id)).await.expect("q"), None);
    })
    .await;
}

#[tokio::test]
async fn stories_keep_author_and_tag_order_and_refuse_unknown_references() {
    on_each_backend(|store| async move {
        let f = fixture(&store).await;
        let s = story("Quay reopens", vec![f.a2, f.a1], vec![f.t2, f.t1], Some(t0()));
        let id = store.create_story(&s, t0()).await.expect("create");
        let got = store.story(StoryKey::Slug("quay-reopens")).await.expect("q").expect("found");
        assert_eq!(got.id, id);
        assert_eq!(got.authors, vec![f.a2, f.a1]);
        assert_eq!(got.tags, vec![f.t2, f.t1]);
        assert_eq!(got.body_html, "<p>Body of <em>Quay reopens</em>.</p>\n");
        assert_eq!(got.published_at, Some(t0()));
        assert_eq!(store.story(StoryKey::Id(id)).await.expect("q").map(|s| s.slug), Some(got.slug.clone()));

        let before = store.story_count().await.expect("count");
        let unknown = story("Ghost byline", vec![AuthorId(999_999)], vec![], None);
        match store.create_story(&unknown, t0()).await {
            Err(StoreError::Invalid(ValidationError::Unknown { kind: "author", value })) => assert_eq!(value, "999999"),
            other => panic!("expected unknown author, got {other:?}"),
        }
        let dup = story("Quay reopens", vec![f.a1], vec![], None);
        assert!(matches!(
            store.create_story(&dup, t0()).await,
            Err(StoreError::Invalid(ValidationError::DuplicateSlug(_, "story")))
        ));
        // A batch with one bad story writes none of them.
        let batch =
            [story("Fine one", vec![f.a1], vec![], None), story("Bad one", vec![f.a1], vec![TagId(424_242)], None)];
        assert!(store.create_stories(&batch, t0()).await.is_err());
        assert_eq!(store.story_count().await.expect("count"), before);
    })
    .await;
}

#[tokio::test]
async fn updates_replace_links_and_visibility() {
    on_each_backend(|store| async move {
        let f = fixture(&store).await;
        let id = store.create_story(&story("Draft piece", vec![f.a1], vec![f.t1], None), t0()).await.expect("create");
        let now = t0() + Duration::hours(1);
        assert!(store.listing(Listing::Tag(f.t1), now, None, 10).await.expect("q").is_empty());
        let published = story("Draft piece", vec![f.a2], vec![f.t2], Some(t0()));
        store.update_story(id, &published, now).await.expect("update");
        let got = store.story(StoryKey::Id(id)).await.expect("q").expect("found");
        assert_eq!((got.authors, got.tags, got.status), (vec![f.a2], vec![f.t2], StoryStatus::Published));
        assert_eq!(got.updated_at, now);
        assert!(store.listing(Listing::Tag(f.t1), now, None, 10).await.expect("q").is_empty());
        assert_eq!(store.listing(Listing::Tag(f.t2), now, None, 10).await.expect("q").len(), 1);
        assert_eq!(store.listing(Listing::Author(f.a2), now, None, 10).await.expect("q").len(), 1);
        assert!(matches!(store.update_story(StoryId(987_654), &published, now).await, Err(StoreError::NotFound(_))));
    })
    .await;
}

#[tokio::test]
async fn listings_hide_drafts_and_future_stories_and_page_without_gaps() {
    on_each_backend(|store| async move {
        let f = fixture(&store).await;
        // Twelve stories, several sharing a publication time, plus a draft
        // and one scheduled for later.
        let mut batch = Vec::new();
        for i in 0..12 {
            let at = t0() - Duration::minutes(i / 3 * 10);
            let tags = if i % 2 == 0 { vec![f.t1] } else { vec![f.t2] };
            batch.push(story(&format!("Story {i}"), vec![f.a1], tags, Some(at)));
        }
        batch.push(story("Unfinished", vec![f.a1], vec![f.t1], None));
        let mut scheduled = StoryInput::new(StoryKind::Video, "Later video", vec![f.a1]);
        scheduled.status = StoryStatus::Scheduled;
        scheduled.published_at = Some(t0() + Duration::hours(2));
        scheduled.video_url = Some("https://vimeo.com/76979871".into());
        batch.push(scheduled.validate(t0()).expect("valid").render(&RenderContext::default()));
        store.create_stories(&batch, t0()).await.expect("batch");

        let mut seen: Vec<Cursor> = Vec::new();
        let mut after = None;
        loop {
            let page = store.listing(Listing::All, t0(), after, 5).await.expect("page");
            if page.is_empty() {
                break;
            }
            after = page.last().copied();
            seen.extend(page);
        }
        assert_eq!(seen.len(), 12, "every visible story once: {seen:?}");
        let mut ids: Vec<StoryId> = seen.iter().map(|c| c.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 12, "no duplicates");
        assert!(seen.windows(2).all(|w| (w[0].published_at_ms, w[0].id) > (w[1].published_at_ms, w[1].id)));

        let summaries = store.summaries(&ids, Some(t0())).await.expect("summaries");
        assert_eq!(summaries.iter().map(|s| s.id).collect::<Vec<_>>(), ids, "order of the ids given");
        assert!(summaries.iter().all(|s| s.authors == vec![f.a1] && s.tags.len() == 1));

        assert_eq!(store.listing(Listing::Tag(f.t1), t0(), None, 50).await.expect("q").len(), 6);
        assert!(store.listing(Listing::Kind(StoryKind::Video), t0(), None, 50).await.expect("q").is_empty());
        // The scheduled video appears once its time has come, with no job run.
        let later = t0() + Duration::hours(3);
        assert_eq!(store.listing(Listing::Kind(StoryKind::Video), later, None, 50).await.expect("q").len(), 1);
        assert_eq!(store.listing(Listing::All, later, None, 50).await.expect("q").len(), 13);
    })
    .await;
}

#[tokio::test]
async fn curated_lists_keep_order_and_views_rank_by_window() {
    on_each_backend(|store| async move {
        let f = fixture(&store).await;
        let batch: Vec<_> = (0..4).map(|i| story(&format!("Pick {i}"), vec![f.a1], vec![], Some(t0()))).collect();
        let ids = store.create_stories(&batch, t0()).await.expect("batch");
        store.set_list(ListKey::EditorsPicks, &[ids[2], ids[0], ids[3]]).await.expect("set");
        assert_eq!(store.list(ListKey::EditorsPicks).await.expect("q"), vec![ids[2], ids[0], ids[3]]);
        store.set_list(ListKey::EditorsPicks, &[ids[1]]).await.expect("replace");
        assert_eq!(store.list(ListKey::EditorsPicks).await.expect("q"), vec![ids[1]]);
        assert!(store.list(ListKey::TopStories).await.expect("q").is_empty());
        assert!(store.set_list(ListKey::TopStories, &[ids[0], ids[0]]).await.is_err());

        let hour = t0().timestamp() / 3600;
        let v = |id: StoryId, hour: i64, views: i64| ViewCount { story: id, hour, views };
        store.add_views(&[v(ids[0], hour, 5), v(ids[1], hour, 3), v(ids[2], hour - 48, 100)]).await.expect("views");
        store.add_views(&[v(ids[1], hour, 4), v(StoryId(555_555), hour, 9)]).await.expect("accumulate");
        let recent = store.most_viewed(hour - 23, t0(), 10).await.expect("rank");
        assert_eq!(recent, vec![(ids[1], 7), (ids[0], 5)]);
        let week = store.most_viewed(hour - 24 * 7, t0(), 10).await.expect("rank");
        assert_eq!(week.first(), Some(&(ids[2], 100)));
    })
    .await;
}

#[tokio::test]
async fn bulk_import_is_all_or_nothing_and_lists_like_single_saves() {
    on_each_backend(|store| async move {
        let f = fixture(&store).await;
        let batch: Vec<_> = (0..1_234)
            .map(|i| {
                let tags = if i % 2 == 0 { vec![f.t1, f.t2] } else { vec![f.t2] };
                story(&format!("Archive {i}"), vec![f.a1], tags, Some(t0() - Duration::minutes(i)))
            })
            .collect();
        let ids = store.import_stories(&batch, t0()).await.expect("import");
        assert_eq!(ids.len(), 1_234);
        let got = store.story(StoryKey::Id(ids[7])).await.expect("q").expect("story");
        assert_eq!((got.slug.as_str(), got.tags.clone()), ("archive-7", vec![f.t2]));
        assert_eq!(got.created_at, t0() - Duration::minutes(7), "created at its publication time");
        assert_eq!(store.listing(Listing::Tag(f.t1), t0(), None, 2_000).await.expect("q").len(), 617);
        assert_eq!(store.listing(Listing::Author(f.a1), t0(), None, 2_000).await.expect("q").len(), 1_234);

        let before = store.story_count().await.expect("count");
        let mut bad: Vec<_> = (0..600).map(|i| story(&format!("Bad {i}"), vec![f.a1], vec![], None)).collect();
        bad.push(story("Orphan", vec![AuthorId(777_777)], vec![], None));
        assert!(store.import_stories(&bad, t0()).await.is_err());
        let dup = vec![story("Archive 3", vec![f.a1], vec![], None)];
        assert!(matches!(store.import_stories(&dup, t0()).await, Err(StoreError::Invalid(_))));
        assert_eq!(store.story_count().await.expect("count"), before, "nothing of a failed batch is written");
    })
    .await;
}

#[tokio::test]
async fn concurrent_writers_wait_their_turn() {
    on_each_backend(|store| async move {
        let f = fixture(&store).await;
        let first = store.create_story(&story("Seed", vec![f.a1], vec![], Some(t0())), t0()).await.expect("seed");
        let hour = t0().timestamp() / 3600;
        let mut tasks = Vec::new();
        for i in 0..24 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                if i % 2 == 0 {
                    let s = story(&format!("Concurrent {i}"), vec![f.a1], vec![f.t1], Some(t0()));
                    store.create_story(&s, t0()).await.map(|_| ())
                } else {
                    // A failing write in the mix must not block the others.
                    let _ = store.set_list(ListKey::TopStories, &[first, first]).await;
                    store.add_views(&[ViewCount { story: first, hour, views: 1 }]).await
                }
            }));
        }
        for t in tasks {
            t.await.expect("task").expect("every write succeeds");
        }
        assert_eq!(store.most_viewed(hour - 1, t0(), 5).await.expect("rank"), vec![(first, 12)]);
    })
    .await;
}

#[tokio::test]
async fn accounts_links_sessions_and_failures_round_trip() {
    use newsdesk_domain::{Role, UserInput};
    use newsdesk_store::{DeskFilter, DeskSort, NewSession};
    on_each_backend(|store| async move {
        let input = UserInput { email: "Ed@Example.org".into(), name: "Ed Stone".into(), role: "editor".into() };
        let ed = store.create_user(&input.validate().expect("valid"), None, t0()).await.expect("user");
        assert_eq!((ed.email.as_str(), ed.role, ed.has_password), ("ed@example.org", Role::Editor, false));
        let again = store.create_user(&input.validate().expect("valid"), None, t0()).await;
        assert!(matches!(again, Err(StoreError::Invalid(_))), "{again:?}");

        // A link works once and only before it expires.
        let expires = t0() + Duration::days(7);
        store.create_sign_in_link("link-hash", ed.id, None, t0(), expires).await.expect("link");
        store.create_sign_in_link("old-hash", ed.id, None, t0(), expires).await.expect("link");
        assert_eq!(store.sign_in_link("link-hash", t0()).await.expect("q").map(|u| u.id), Some(ed.id));
        assert_eq!(store.redeem_sign_in_link("link-hash", "$argon2id$x", t0()).await.expect("redeem"), Some(ed.id));
        assert_eq!(store.redeem_sign_in_link("link-hash", "$argon2id$y", t0()).await.expect("redeem"), None);
        assert_eq!(store.redeem_sign_in_link("old-hash", "$argon2id$y", expires).await.expect("redeem"), None);
        let (found, hash) = store.user_by_email("ed@example.org").await.expect("q").expect("found");
        assert!(found.has_password);
        assert_eq!(hash.as_deref(), Some("$argon2id$x"));

        // Sessions: live until they expire; suspension ends them.
        let s = |hash: &'static str| NewSession {
            token_hash: hash,
            user: ed.id,
            csrf_token: "csrf",
            expires_at: t0() + Duration::days(14),
            address: "127.0.0.1",
            user_agent: "test",
        };
        store.create_session(&s("s1"), t0()).await.expect("session");
        store.create_session(&s("s2"), t0()).await.expect("session");
        assert_eq!(store.session("s1", t0()).await.expect("q").expect("live").user.id, ed.id);
        assert!(store.session("s1", t0() + Duration::days(15)).await.expect("q").is_none());
        store.delete_session("s1").await.expect("delete");
        assert!(store.session("s1", t0()).await.expect("q").is_none());
        assert!(store.session("s2", t0()).await.expect("q").is_some());
        store.set_suspended(ed.id, true, t0()).await.expect("suspend");
        assert!(store.session("s2", t0()).await.expect("q").is_none());
        assert!(store.user(ed.id).await.expect("q").expect("kept").suspended);
        store.set_suspended(ed.id, false, t0()).await.expect("restore");
        store.set_role(ed.id, Role::Administrator, t0()).await.expect("role");
        assert_eq!(store.users().await.expect("users")[0].role, Role::Administrator);

        // Failed sign-ins are counted in a window and forgotten.
        for i in 0..3 {
            store.record_login_failure(&["email:ed", "addr:1"], t0() + Duration::minutes(i), t0()).await.expect("fail");
        }
        assert_eq!(store.login_failures("email:ed", t0()).await.expect("count"), 3);
        assert_eq!(store.login_failures("email:ed", t0() + Duration::minutes(2)).await.expect("count"), 1);
        store.create_session(&s("s3"), t0()).await.expect("session");
        assert_eq!(store.prune_accounts(t0(), t0()).await.expect("prune"), (0, 0), "nothing is old yet");
        assert_eq!(
            store.prune_accounts(t0() + Duration::days(15), t0() + Duration::minutes(1)).await.expect("prune"),
            (1, 2)
        );
        assert!(store.session("s3", t0()).await.expect("q").is_none(), "the expired session is gone");
        assert_eq!(store.login_failures("email:ed", t0()).await.expect("count"), 2);
        store.clear_login_failures("email:ed").await.expect("clear");
        assert_eq!(store.login_failures("email:ed", t0()).await.expect("count"), 0);
        assert_eq!(store.login_failures("addr:1", t0()).await.expect("count"), 2);

        // The newsroom's list: filters, search (wildcards literal), own stories.
        let f = fixture(&store).await;
        store.create_story(&story("Quay cranes return", vec![f.a1], vec![f.t1], Some(t0())), t0()).await.expect("s");
        store.create_story(&story("Rates at 100% cap", vec![f.a2], vec![f.t2], None), t0()).await.expect("s");
        let list = |filter: DeskFilter| {
            let store = store.clone();
            async move {
                let (items, total) = store.desk_stories(&filter, 1, 50).await.expect("list");
                assert_eq!(items.len() as i64, total);
                items.into_iter().map(|s| s.headline).collect::<Vec<_>>()
            }
        };
        assert_eq!(list(DeskFilter { sort: DeskSort::Headline, ..Default::default() }).await.len(), 2);
        assert_eq!(
            list(DeskFilter { status: Some(StoryStatus::Draft), ..Default::default() }).await,
            ["Rates at 100% cap"]
        );
        assert_eq!(list(DeskFilter { search: Some("100%".into()), ..Default::default() }).await, ["Rates at 100% cap"]);
        assert!(list(DeskFilter { search: Some("1_0".into()), ..Default::default() }).await.is_empty());
        assert_eq!(
            list(DeskFilter { search: Some("CRANES quay".into()), ..Default::default() }).await,
            ["Quay cranes return"]
        );
        assert_eq!(list(DeskFilter { tag: Some(f.t2), ..Default::default() }).await, ["Rates at 100% cap"]);
        assert_eq!(
            list(DeskFilter { own: Some((ed.id, Some(f.a1))), ..Default::default() }).await,
            ["Quay cranes return"]
        );
        assert!(list(DeskFilter { own: Some((ed.id, None)), ..Default::default() }).await.is_empty());
    })
    .await;
}

#[tokio::test]
async fn every_save_keeps_a_revision() {
    on_each_backend(|store| async move {
        let f = fixture(&store).await;
        let first = story("Tug strike ends", vec![f.a1], vec![f.t1], Some(t0()));
        let id = store.create_story(&first, t0()).await.expect("create");
        let mut second = first.clone();
        second.story.body_source = "A new body.".into();
        second.story.tags = vec![f.t2, f.t1];
        store.update_story(id, &second, t0() + Duration::minutes(5)).await.expect("update");
        let revs = store.revisions(id).await.expect("revisions");
        assert_eq!(revs.len(), 2);
        assert_eq!(revs[0].snapshot.body, "A new body.", "newest first");
        assert_eq!(revs[0].snapshot.tags, [f.t2.0, f.t1.0], "order kept");
        assert_eq!(revs[1].snapshot.body, first.story.body_source);
        assert_eq!(revs[0].created_at, t0() + Duration::minutes(5));

        // A story imported without revisions gets its old state kept before
        // its first save.
        let imported = store.import_stories(&[story("Ferry fares", vec![f.a2], vec![f.t2], Some(t0()))], t0()).await;
        let imported = imported.expect("import")[0];
        assert!(store.revisions(imported).await.expect("revisions").is_empty());
        let mut edit = story("Ferry fares rise", vec![f.a2], vec![f.t2], Some(t0()));
        edit.story.slug = newsdesk_domain::Slug::parse("ferry-fares").expect("slug");
        store.update_story(imported, &edit, t0() + Duration::hours(1)).await.expect("update");
        let revs = store.revisions(imported).await.expect("revisions");
        assert_eq!(
            revs.iter().map(|r| r.snapshot.headline.as_str()).collect::<Vec<_>>(),
            ["Ferry fares rise", "Ferry fares"]
        );
    })
    .await;
}

#[tokio::test]
async fn api_keys_are_kept_as_hashes_and_revoked_by_name() {
    on_each_backend(|store| async move {
        let key = store.create_api_key("App", "hash-1", "abc123", None, t0()).await.expect("key");
        assert_eq!((key.name.as_str(), key.prefix.as_str()), ("App", "abc123"));
        assert!(matches!(
            store.create_api_key("App", "hash-2", "def456", None, t0()).await,
            Err(StoreError::Invalid(_))
        ));
        assert!(store.api_key_valid("hash-1").await.expect("q"));
        assert!(!store.api_key_valid("hash-2").await.expect("q"));
        assert!(store.revoke_api_key("App", t0()).await.expect("revoke"));
        assert!(!store.revoke_api_key("App", t0()).await.expect("revoke"), "already revoked");
        assert!(!store.api_key_valid("hash-1").await.expect("q"));
        let keys = store.api_keys().await.expect("list");
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].revoked_at, Some(t0()));
    })
    .await;
}

#[tokio::test]
async fn ghost_filters_select_the_same_stories_on_both_backends() {
    on_each_backend(|store| async move {
        let f = fixture(&store).await;
        let mut a = story("Quay 100% open", vec![f.a1], vec![f.t1, f.t2], Some(t0() - Duration::hours(1)));
        a.story.featured = true;
        store.create_story(&a, t0()).await.expect("a");
        store
            .create_story(&story("Ferry news", vec![f.a2], vec![f.t2], Some(t0() - Duration::hours(2))), t0())
            .await
            .expect("b");
        let tag1 = store.tags_by_ids(&[f.t1]).await.expect("tag")[0].slug.to_string();
        let page = |filter: &str| {
            let store = store.clone();
            let parsed = newsdesk_domain::nql::parse(filter).expect("parses");
            async move {
                let (ids, total) =
                    store.visible_page(t0(), Some(&parsed), Default::default(), 0, 10).await.expect("query");
                let mut titles = Vec::new();
                for id in ids {
                    titles.push(store.story(StoryKey::Id(id)).await.expect("q").expect("story").headline);
                }
                assert_eq!(total as usize, titles.len());
                titles
            }
        };
        assert_eq!(page("featured:true").await, ["Quay 100% open"]);
        assert_eq!(page("featured:false").await, ["Ferry news"]);
        assert_eq!(page(&format!("tag:{tag1}")).await, ["Quay 100% open"]);
        assert_eq!(page(&format!("tag:-{tag1}")).await, ["Ferry news"]);
        assert_eq!(page(&format!("primary_tag:[{tag1},nothing]")).await, ["Quay 100% open"]);
        assert_eq!(page("title:~'100%'").await, ["Quay 100% open"]);
        assert_eq!(page("title:~'10_'").await, Vec::<String>::new());
        assert_eq!(page("published_at:<'2026-09-25 07:30:00'+canonical_url:null").await, ["Ferry news"]);
        assert_eq!(page("reading_time:>=1").await, ["Quay 100% open", "Ferry news"]);
        let bad = newsdesk_domain::nql::parse("nope:1").expect("parses");
        assert!(matches!(
            store.visible_page(t0(), Some(&bad), Default::default(), 0, 10).await,
            Err(StoreError::Invalid(_))
        ));
    })
    .await;
}

#[tokio::test]
async fn webhook_deliveries_are_queued_claimed_once_and_recorded() {
    use newsdesk_domain::WebhookEvent;
    use newsdesk_store::Attempt;
    on_each_backend(|store| async move {
        let all = [WebhookEvent::StoryPublished, WebhookEvent::StoryDeleted];
        let hook = store.create_webhook("https://hooks.example.org/a", &all, "s3cret", None, t0()).await.expect("hook");
        store
            .create_webhook("https://hooks.example.org/b", &[WebhookEvent::StoryUpdated], "x", None, t0())
            .await
            .expect("hook");
        assert_eq!(store.webhooks().await.expect("list")[0].events, all);
        assert_eq!(store.enqueue_webhooks(WebhookEvent::StoryPublished, "{}", t0()).await.expect("queue"), 1);
        let due = store.due_deliveries(t0(), 10).await.expect("due");
        assert_eq!(due.len(), 1);
        assert_eq!((due[0].url.as_str(), due[0].secret.as_str()), ("https://hooks.example.org/a", "s3cret"));
        assert!(store.claim_delivery(&due[0], t0() + Duration::minutes(1)).await.expect("claim"));
        assert!(!store.claim_delivery(&due[0], t0() + Duration::minutes(1)).await.expect("claim"), "only once");
        assert!(store.due_deliveries(t0(), 10).await.expect("due").is_empty(), "leased");
        let failed =
            Attempt::Failed { status: Some(500), error: "down".into(), retry_at: Some(t0() + Duration::minutes(5)) };
        store.record_attempt(due[0].id, &failed, t0()).await.expect("record");
        assert_eq!(store.due_deliveries(t0() + Duration::minutes(5), 10).await.expect("due").len(), 1);
        store.record_attempt(due[0].id, &Attempt::Delivered { status: 200 }, t0()).await.expect("record");
        let rec = &store.deliveries(hook.id, 10).await.expect("records")[0];
        assert_eq!((rec.attempts, rec.last_status, rec.last_error.as_str()), (2, Some(200), ""));
        assert!(store.due_deliveries(t0() + Duration::days(2), 10).await.expect("due").is_empty());
        store.delete_webhook(hook.id).await.expect("delete");
        assert!(store.deliveries(hook.id, 10).await.expect("records").is_empty(), "deliveries go with it");
    })
    .await;
}
