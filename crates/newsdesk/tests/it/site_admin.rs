//! What administrators and editors keep of the site itself: its settings,
//! its tags and its authors' profiles; each change on the site at once.

use crate::{
    admin::account,
    helpers::{TestApp, newsroom},
};

#[tokio::test]
async fn administrators_change_the_sites_name_navigation_and_zone_at_once() {
    let app = TestApp::spawn().await;
    newsroom(&app).await;
    let (_, mut admin) = account(&app, "admin@example.org", "administrator").await;
    let (_, mut editor) = account(&app, "ed@example.org", "editor").await;
    let before = app.get("/").await;
    assert!(before.text.contains("The Test Gazette"));
    let form = admin.get("/admin/settings").await;
    assert_eq!(form.status, 200);
    assert!(form.text.contains("Europe/Kyiv"), "the current zone is shown");
    let fields = [
        ("name", "The Quay Courier"),
        ("tagline", "From the harbour, first"),
        ("logo", ""),
        ("logo_short", ""),
        ("navigation", "News Feed | /news-feed/\r\nBriefings | /tag/harbour/\r\n"),
        ("timezone", "Europe/Lisbon"),
        ("locale", "en-GB"),
    ];
    let res = admin.submit("/admin/settings", "/admin/settings", &fields).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let after = app.get("/").await;
    assert!(after.text.contains("The Quay Courier") && !after.text.contains("The Test Gazette"), "cache dropped");
    assert!(after.select("nav a[href='/tag/harbour/']").iter().any(|a| a.text().collect::<String>() == "Briefings"));
    assert!(after.text.contains("lang=\"en-GB\""));
    assert_eq!(app.site().settings().timezone, "Europe/Lisbon");

    // Mistakes are named, and nothing changes.
    let mut bad = fields.to_vec();
    bad[4] = ("navigation", "News Feed | /news-feed/\r\nBriefings /tag/harbour/");
    let res = admin.submit("/admin/settings", "/admin/settings", &bad).await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("Navigation line 2: write each link as Label | /address/"), "{}", res.text);
    assert!(res.text.contains("Briefings /tag/harbour/"), "what was typed is kept");
    let mut bad = fields.to_vec();
    bad[5] = ("timezone", "Harbour/Standard");
    let res = admin.submit("/admin/settings", "/admin/settings", &bad).await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("Unknown time zone &quot;Harbour/Standard&quot;"), "{}", res.text);
    let mut bad = fields.to_vec();
    bad[2] = ("logo", "javascript:alert(1)");
    assert_eq!(admin.submit("/admin/settings", "/admin/settings", &bad).await.status, 422);
    assert_eq!(app.site().settings().name, "The Quay Courier");

    // Editors do not change settings.
    assert_eq!(editor.get("/admin/settings").await.status, 403);
    assert_eq!(editor.submit("/admin/stories", "/admin/settings", &fields).await.status, 403);
    app.stop().await;
}

#[tokio::test]
async fn editors_keep_tags_and_the_site_follows_a_renamed_one() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    crate::helpers::publish(&app, &n, newsdesk_domain::StoryKind::Article, "Pilots strike", crate::helpers::t0()).await;
    let (_, mut editor) = account(&app, "ed@example.org", "editor").await;
    let (_, mut author) = account(&app, "a@example.org", "author").await;
    let new = [("name", "Fisheries"), ("slug", ""), ("kind", "topic"), ("description", "Boats, quotas and catches.")];
    let res = editor.submit("/admin/tags", "/admin/tags", &new).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let page = app.get("/tag/fisheries/").await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Boats, quotas and catches."));
    // The same address twice is refused, with the reason.
    let res = editor.submit("/admin/tags", "/admin/tags", &new).await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("already used by another tag"), "{}", res.text);

    // Renamed and moved: the story's page and the tag's new address follow.
    let tag = &n.tags[0];
    let story_before = app.get("/pilots-strike/").await;
    assert!(story_before.text.contains(&tag.name));
    let edit = format!("/admin/tags/{}", tag.id);
    let fields = [("name", "Harbour and docks"), ("slug", "docks"), ("kind", "place"), ("description", "The port.")];
    let res = editor.submit(&edit, &edit, &fields).await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(app.get(&format!("/tag/{}/", tag.slug)).await.status, 404);
    let moved = app.get("/tag/docks/").await;
    assert_eq!(moved.status, 200);
    assert!(moved.text.contains("Pilots strike"));
    let story = app.get("/pilots-strike/").await;
    assert!(story.text.contains("Harbour and docks") && story.text.contains("href=\"/tag/docks/\""), "cache dropped");
    let res =
        editor.submit(&edit, &edit, &[("name", ""), ("slug", "docks"), ("kind", "place"), ("description", "")]).await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("Tag name must not be empty"));

    // Authors do not keep tags.
    assert_eq!(author.get("/admin/tags").await.status, 403);
    assert_eq!(author.submit("/admin/stories", "/admin/tags", &new).await.status, 403);
    app.stop().await;
}

#[tokio::test]
async fn editors_keep_authors_profiles_and_bylines_follow() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    crate::helpers::publish(&app, &n, newsdesk_domain::StoryKind::Article, "Pilots strike", crate::helpers::t0()).await;
    let (_, mut editor) = account(&app, "ed@example.org", "editor").await;
    let (_, mut contributor) = account(&app, "c@example.org", "contributor").await;
    let a = &n.author;
    let edit = format!("/admin/authors/{}", a.id);
    let form = editor.get(&edit).await;
    assert_eq!(form.status, 200);
    assert!(form.text.contains(&a.name));
    let hero = n.hero.id.to_string();
    let fields = [
        ("name", "Ana Ortiz-Holt"),
        ("slug", "ana-ortiz-holt"),
        ("role_title", "Harbour correspondent"),
        ("bio", "Covers the port, its ships and its people."),
        ("avatar", hero.as_str()),
        ("website", "https://ana.example.org/"),
        ("email", "ana@example.org"),
    ];
    let res = editor.submit(&edit, &edit, &fields).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let profile = app.get("/author/ana-ortiz-holt/").await;
    assert_eq!(profile.status, 200);
    assert!(profile.text.contains("Harbour correspondent") && profile.text.contains("Covers the port"));
    assert!(profile.text.contains(&n.hero.url()), "the new portrait");
    let story = app.get("/pilots-strike/").await;
    assert!(story.text.contains("Ana Ortiz-Holt") && story.text.contains("/author/ana-ortiz-holt/"), "byline follows");
    // A bad website is named; contributors cannot change profiles.
    let mut bad = fields.to_vec();
    bad[5] = ("website", "ftp://ana.example.org/");
    let res = editor.submit(&edit, &edit, &bad).await;
    assert_eq!(res.status, 422);
    assert!(res.text.to_lowercase().contains("website"), "{}", res.text);
    assert_eq!(contributor.submit("/admin/stories", &edit, &fields).await.status, 403);
    // A new author.
    let new = [
        ("name", "Ines Varga"),
        ("slug", ""),
        ("role_title", "Photographer"),
        ("bio", ""),
        ("avatar", ""),
        ("website", ""),
        ("email", ""),
    ];
    assert_eq!(editor.submit("/admin/authors", "/admin/authors", &new).await.status, 303);
    assert!(editor.get("/admin/authors").await.text.contains("/author/ines-varga/"));
    app.stop().await;
}

#[tokio::test]
async fn administrators_make_and_revoke_content_api_keys() {
    let app = TestApp::spawn().await;
    let (admin_user, mut admin) = account(&app, "admin@example.org", "administrator").await;
    let (_, mut editor) = account(&app, "ed@example.org", "editor").await;
    let res = admin.submit("/admin/api-keys", "/admin/api-keys", &[("name", "Partner: Coastline")]).await;
    assert_eq!(res.status, 200);
    let key = res.select("input.copy")[0].value().attr("value").expect("the key, shown once").to_owned();
    assert_eq!(key.len(), 26);
    assert!(app.site().check_api_key(&key).await.expect("check"));
    assert!(!app.site().check_api_key("0123456789abcdef0123456789").await.expect("check"));
    assert!(!app.site().check_api_key("not a key").await.expect("check"));
    let page = admin.get("/admin/api-keys").await;
    assert!(page.text.contains("Partner: Coastline") && !page.text.contains(&key), "never shown again");
    // A second key of the same name is refused with the reason.
    let res = admin.submit("/admin/api-keys", "/admin/api-keys", &[("name", "Partner: Coastline")]).await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("another key has that name"));
    // Revoked, it stops working at once on this node.
    let res = admin.submit("/admin/api-keys", "/admin/api-keys/revoke", &[("name", "Partner: Coastline")]).await;
    assert_eq!(res.status, 303);
    assert!(!app.site().check_api_key(&key).await.expect("check"));
    assert!(admin.get("/admin/api-keys").await.text.contains("revoked"));
    // Only administrators manage keys.
    assert_eq!(editor.get("/admin/api-keys").await.status, 403);
    assert_eq!(editor.submit("/admin/stories", "/admin/api-keys", &[("name", "Mine")]).await.status, 403);
    let keys = app.site().api_keys(Some(&admin_user)).await.expect("keys");
    assert_eq!(keys.len(), 1);
    app.stop().await;
}
