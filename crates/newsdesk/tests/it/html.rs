//! Every kind of reader page is valid HTML: the Nu HTML checker (`vnu-jar`,
//! installed by `npm ci` in `tests/html-check`, run with Java) reports no
//! error on any of them.

use chrono::Duration;
use newsdesk_domain::{ListKey, StoryInput, StoryKind, StoryStatus};

use crate::helpers::{TestApp, newsroom, publish, t0};

#[tokio::test]
async fn reader_pages_pass_the_nu_html_checker() {
    let jar = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/html-check/node_modules/vnu-jar/build/dist/vnu.jar");
    let required = std::env::var("NEWSDESK_REQUIRE_VNU").is_ok_and(|v| v == "1");
    let java = std::process::Command::new("java").arg("-version").output().is_ok_and(|o| o.status.success());
    if !jar.is_file() || !java {
        assert!(!required, "NEWSDESK_REQUIRE_VNU=1 but java or {} is missing", jar.display());
        eprintln!("SKIPPED: the HTML check needs Java and `npm ci` in tests/html-check");
        return;
    }
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let older = publish(&app, &n, StoryKind::Article, "Harbour wall rebuilt", t0() - Duration::hours(5)).await;
    let mut s = StoryInput::new(StoryKind::Article, "Everything a story can hold", vec![n.author.id, n.second.id]);
    s.status = StoryStatus::Published;
    s.published_at = Some(t0() - Duration::hours(1));
    s.standfirst = "Figures, cards, quotes, tables and video.".into();
    s.hero = Some(n.hero.id);
    s.tags = vec![n.tags[0].id, n.tags[1].id];
    s.body = "Opening paragraph with a [link](https://example.org/) and **bold**.\n\n\
              ## A subheading\n\n\
              ![Cranes](/content/images/a/quay.jpg \"The quay at dusk | Mira Holt\")\n\n\
              /harbour-wall-rebuilt/\n\n\
              > Ships will come back.\n> -- The harbour master\n\n\
              | Year | Ships |\n|---|---|\n| 2025 | 40 |\n\n\
              https://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n\
              - one\n- two\n"
        .into();
    app.site().create_story(&s).await.expect("story");
    publish(&app, &n, StoryKind::Video, "Watch the cranes", t0() - Duration::hours(2)).await;
    publish(&app, &n, StoryKind::Brief, "Fog lifts", t0() - Duration::minutes(10)).await;
    app.site().set_list(ListKey::TopStories, &[older]).await.expect("top");
    let correction = "An earlier version gave the wrong year.";
    let kind = newsdesk_domain::NoteKind::Correction;
    app.site().store().add_note(older, kind, correction, None, t0()).await.expect("correction");

    let dir = tempfile::tempdir().expect("dir");
    let pages = [
        "/".to_owned(),
        "/everything-a-story-can-hold/".to_owned(),
        "/harbour-wall-rebuilt/".to_owned(),
        "/watch-the-cranes/".to_owned(),
        "/news-feed/".to_owned(),
        "/video/".to_owned(),
        format!("/tag/{}/", n.tags[0].slug),
        format!("/author/{}/", n.author.slug),
        "/no-such-page/".to_owned(),
    ];
    for (i, path) in pages.iter().enumerate() {
        let page = app.get(path).await;
        std::fs::write(dir.path().join(format!("page-{i}.html")), &page.bytes).expect("write");
    }
    let files: Vec<_> = (0..pages.len()).map(|i| dir.path().join(format!("page-{i}.html"))).collect();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new("java").arg("-jar").arg(jar).arg("--errors-only").args(&files).output()
    })
    .await
    .expect("join")
    .expect("java runs");
    let report = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    let named: String = pages.iter().enumerate().map(|(i, p)| format!("page-{i} = {p}\n")).collect();
    assert!(out.status.success() && report.trim().is_empty(), "{named}{report}");
    app.stop().await;
}
