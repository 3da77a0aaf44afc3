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
