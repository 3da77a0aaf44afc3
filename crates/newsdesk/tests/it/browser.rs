//! The newsroom in a real browser: Debian's chromium, headless, driven
//! through chromedriver. A contributor signs in, writes a story with an
//! uploaded hero image and a related-story card (found by headline) and
//! sends it for review; an editor publishes it; it is then on the front
//! page, in the News Feed and on its tag page.
//!
//! Needs `chromedriver` and `chromium` on the PATH (`.ci/run` installs
//! them). Without them the test says SKIPPED, which CI counts as a failure;
//! `NEWSDESK_REQUIRE_BROWSER=1` makes it fail outright.

use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::Duration as StdDuration,
};

use chrono::Duration;
use fantoccini::{Client, ClientBuilder, Locator};
use image::{ImageFormat, Rgb, RgbImage};
use newsdesk_domain::{StoryKind, UserInput};
use serde_json::json;

use crate::{
    admin::PASSWORD,
    helpers::{TestApp, newsroom, publish, t0},
};

/// Keeps a screenshot when `NEWSDESK_SCREENSHOTS` names a folder (the
/// README's picture of the editor is made this way).
fn save_shot(name: &str, png: &[u8]) {
    if let Some(dir) = std::env::var_os("NEWSDESK_SCREENSHOTS") {
        std::fs::write(std::path::Path::new(&dir).join(name), png).expect("write screenshot");
    }
}

/// A chromedriver process, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find_program(names: &[&str]) -> Option<String> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file()).map(|p| p.display().to_string())
    })
}

async fn start_driver() -> Option<(Driver, String)> {
    let required = std::env::var("NEWSDESK_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    let (Some(driver), Some(browser)) =
        (find_program(&["chromedriver"]), find_program(&["chromium", "chromium-browser", "google-chrome"]))
    else {
        assert!(!required, "NEWSDESK_REQUIRE_BROWSER=1 but chromedriver or chromium is missing");
        eprintln!("SKIPPED: the browser test needs chromedriver and chromium (apt install chromium chromium-driver)");
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver { child, url: format!("http://127.0.0.1:{port}") };
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some((driver, browser));
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    panic!("chromedriver did not start listening");
}

async fn open_browser(driver: &Driver, browser: &str) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": browser,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-dev-shm-usage", "--window-size=1280,1100"],
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a browser session")
}

async fn wait_css(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait().at_most(StdDuration::from_secs(15)).for_element(Locator::Css(css)).await.unwrap_or_else(|e| {
        panic!("{css} never appeared: {e}");
    })
}

/// Waits until the page's text contains `text`.
async fn wait_text(c: &Client, text: &str) {
    for _ in 0..150 {
        if c.source().await.expect("page source").contains(text) {
            return;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    panic!("{text:?} never appeared on {}", c.current_url().await.map(|u| u.to_string()).unwrap_or_default());
}

/// Clicks what `css` finds and waits for the next page to load.
async fn click_through(c: &Client, css: &str) {
    let old = c.find(Locator::Css("html")).await.expect("a page");
    wait_css(c, css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    for _ in 0..150 {
        // The old page's element goes stale once the new page is in.
        if old.tag_name().await.is_err() {
            wait_css(c, "body").await;
            return;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    panic!("clicking {css} loaded no new page");
}

async fn fill(c: &Client, css: &str, text: &str) {
    let field = wait_css(c, css).await;
    field.clear().await.expect("clear");
    field.send_keys(text).await.expect("type");
}

async fn sign_in(c: &Client, base: &str, token: &str) {
    c.goto(&format!("{base}/admin/sign-in/{token}")).await.expect("sign-in link");
    fill(c, "input[name=password]", PASSWORD).await;
    click_through(c, "form button").await;
    wait_css(c, "a[href='/admin/stories/new']").await;
}

#[tokio::test]
async fn a_story_goes_from_writer_to_editor_to_the_front_page_in_a_real_browser() {
    let Some((driver, browser)) = start_driver().await else { return };
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    publish(&app, &n, StoryKind::Article, "Harbour wall rebuilt", t0() - Duration::hours(3)).await;
    let site = app.site();
    let (_, writer_token) = site
        .create_user(
            &UserInput { email: "cleo@example.org".into(), name: "Cleo Writer".into(), role: "contributor".into() },
            Some(n.author.id),
            None,
        )
        .await
        .expect("contributor");
    let (_, editor_token) = site
        .create_user(
            &UserInput { email: "ed@example.org".into(), name: "Ed Itor".into(), role: "editor".into() },
            None,
            None,
        )
        .await
        .expect("editor");
    let photo = app.content.path().join("tide-gauge.jpg");
    RgbImage::from_fn(1600, 900, |x, y| Rgb([(x / 7) as u8, (y / 4) as u8, 150]))
        .save_with_format(&photo, ImageFormat::Jpeg)
        .expect("photo");
    let base = app.base.clone();

    // The contributor writes the story.
    let c = open_browser(&driver, &browser).await;
    sign_in(&c, &base, &writer_token).await;
    c.goto(&format!("{base}/admin/stories/new")).await.expect("editor");
    fill(&c, "#headline", "Tide gauge reads a record high").await;
    fill(&c, "#standfirst", "The harbour's gauge passed its old mark at dawn.").await;
    fill(&c, "#body", "The gauge at the outer pier read higher than at any time since records began.\n\n").await;
    // A related-story card, found by headline.
    fill(&c, "#related-q", "wall").await;
    wait_css(&c, "[data-related-results] button").await.click().await.expect("insert card");
    let tag = n.tags[0].id.to_string();
    wait_css(&c, &format!("#tags option[value='{tag}']")).await.click().await.expect("tag");
    click_through(&c, "#editor button.primary").await;
    wait_text(&c, "Saved.").await;
    let url = c.current_url().await.expect("url");
    let id: i64 = url.path().trim_start_matches("/admin/stories/").parse().expect("story id in the address");
    // The hero image, uploaded from the editor without leaving it.
    wait_css(&c, "input[name=file][form=hero-upload]")
        .await
        .send_keys(&photo.display().to_string())
        .await
        .expect("choose file");
    fill(&c, "#upload-alt", "The tide gauge at the outer pier").await;
    fill(&c, "#upload-credit", "Mira Holt").await;
    wait_css(&c, "button[form=hero-upload]").await.click().await.expect("upload");
    wait_text(&c, "Uploaded and chosen as the hero image").await;
    click_through(&c, "#editor button.primary").await;
    wait_text(&c, "Saved.").await;
    // The live preview shows the card readers will see.
    wait_css(&c, "[data-live-toggle]").await.click().await.expect("live preview");
    let frame = wait_css(&c, "[data-preview-frame]").await;
    let mut doc = String::new();
    for _ in 0..100 {
        doc = frame.attr("srcdoc").await.expect("srcdoc").unwrap_or_default();
        if doc.contains("related-story") {
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    assert!(doc.contains("Preview: not published") && doc.contains("Harbour wall rebuilt"), "{doc}");
    c.execute("window.scrollTo(0, 0)", vec![]).await.expect("scroll to the top");
    let shot = c.screenshot().await.expect("screenshot");
    save_shot("editor.png", &shot);
    assert!(shot.len() > 10_000, "a real picture of the editor");
    click_through(&c, "form[action$='/submit'] button").await;
    wait_text(&c, "in review").await;
    c.close().await.expect("close");

    let saved = site.store().story(newsdesk_store::StoryKey::Id(newsdesk_domain::StoryId(id))).await.expect("q");
    let saved = saved.expect("story");
    assert!(saved.hero.is_some(), "the uploaded hero was saved");
    assert!(saved.body_source.contains(&format!("{base}/harbour-wall-rebuilt/")), "{}", saved.body_source);
    assert_eq!(saved.stage(), "in review");

    // The editor publishes it from the review queue.
    let e = open_browser(&driver, &browser).await;
    sign_in(&e, &base, &editor_token).await;
    e.goto(&format!("{base}/admin/stories?status=review")).await.expect("queue");
    wait_css(&e, "table.list a").await;
    click_through(&e, "table.list a").await;
    click_through(&e, "form[action$='/publish'] button").await;
    wait_text(&e, "Published. It is on the site now.").await;

    // Readers see it everywhere it belongs.
    for page in ["/".to_owned(), "/news-feed/".to_owned(), format!("/tag/{}/", n.tags[0].slug)] {
        e.goto(&format!("{base}{page}")).await.expect("reader page");
        wait_text(&e, "Tide gauge reads a record high").await;
    }
    e.goto(&format!("{base}/")).await.expect("front page");
    let teaser = e.find(Locator::LinkText("Tide gauge reads a record high")).await.expect("teaser");
    teaser.click().await.expect("open");
    let hero = wait_css(&e, ".story__hero img").await;
    assert_eq!(hero.attr("alt").await.expect("alt").as_deref(), Some("The tide gauge at the outer pier"));
    assert!(hero.attr("srcset").await.expect("srcset").is_some_and(|s| s.contains("600w")));
    let card = wait_css(&e, ".story__body .related-story").await;
    assert!(card.text().await.expect("card").contains("Harbour wall rebuilt"));
    save_shot("story.png", &e.screenshot().await.expect("screenshot"));
    for (page, name) in [("/admin/media", "media.png"), ("/admin/curation", "curation.png")] {
        e.goto(&format!("{base}{page}")).await.expect("newsroom page");
        wait_css(&e, "main h1").await;
        save_shot(name, &e.screenshot().await.expect("screenshot"));
    }
    e.close().await.expect("close");
    app.stop().await;
}
