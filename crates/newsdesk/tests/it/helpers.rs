use std::{path::PathBuf, sync::Arc, time::Duration};

use chrono::{TimeZone, Utc};
use newsdesk::{ServeConfig, Server};
use newsdesk_domain::{
    Author, AuthorInput, Media, MediaInput, SiteSettings, StoryId, StoryInput, StoryKind, StoryStatus, Tag, TagInput,
    TagKind, Timestamp,
};
use newsdesk_site::{ManualClock, Site};
use newsdesk_store::{Backend, testing::TestDb};
use scraper::{ElementRef, Html, Selector};

/// 2026-09-25 12:00 UTC, a Friday afternoon in Kyiv.
pub fn t0() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 9, 25, 12, 0, 0).single().expect("valid time")
}

/// A server of our own, on its own database and port.
pub struct TestApp {
    pub server: Option<Server>,
    pub base: String,
    pub client: reqwest::Client,
    pub clock: Arc<ManualClock>,
    pub content: tempfile::TempDir,
    db: Option<TestDb>,
}

pub struct Page {
    pub bytes: Vec<u8>,
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub html: Html,
    pub text: String,
}

impl TestApp {
    /// On SQLite.
    pub async fn spawn() -> TestApp {
        Self::spawn_on(Backend::Sqlite).await.expect("SQLite is always available")
    }

    /// On the given backend, or `None` when it is not available here.
    pub async fn spawn_on(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, None).await
    }

    pub async fn spawn_with(backend: Backend, theme: Option<PathBuf>) -> Option<TestApp> {
        Self::spawn_full(backend, theme, newsdesk_site::DEFAULT_CACHE_BYTES).await
    }

    pub async fn spawn_full(backend: Backend, theme: Option<PathBuf>, cache_bytes: u64) -> Option<TestApp> {
        let db = TestDb::new(backend).await.expect("test database")?;
        let clock = Arc::new(ManualClock::new(t0()));
        let content = tempfile::tempdir().expect("temp dir");
        let server = Server::start(ServeConfig {
            database_url: db.url.clone(),
            listen: "127.0.0.1:0".into(),
            base_url: None,
            content_dir: content.path().to_owned(),
            theme_dir: theme,
            demo: false,
            view_flush: Duration::from_secs(3600),
            cache_bytes,
            // Two, so that tests see requests handled on different threads.
            http_threads: 2,
            // Small, so tests can go over them cheaply.
            media_limits: newsdesk_site::MediaLimits { max_bytes: 2 * 1024 * 1024, max_pixels: 4_000_000 },
            clock: clock.clone(),
        })
        .await
        .expect("server starts");
        let base = format!("http://{}", server.addr);
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
            .build()
            .expect("client");
        let settings =
            SiteSettings { name: "The Test Gazette".into(), timezone: "Europe/Kyiv".into(), ..Default::default() };
        server.site.save_settings(&settings).await.expect("settings");
        Some(TestApp { server: Some(server), base, client, clock, content, db: Some(db) })
    }

    pub fn site(&self) -> &Arc<Site> {
        &self.server.as_ref().expect("running").site
    }

    pub async fn get(&self, path: &str) -> Page {
        self.get_with(path, &[]).await
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        let mut req = self.client.get(format!("{}{path}", self.base));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = req.send().await.expect("request");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.bytes().await.expect("body").to_vec();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Page { status, headers, html: Html::parse_document(&text), text, bytes }
    }

    pub fn db_url(&self) -> String {
        self.db.as_ref().map(|d| d.url.clone()).unwrap_or_default()
    }

    /// Stops the server gracefully, keeping its database.
    pub async fn stop_server(&mut self) {
        if let Some(s) = self.server.take() {
            s.stop().await.expect("clean stop");
        }
    }

    /// Stops the server gracefully and drops its database.
    pub async fn stop(mut self) {
        if let Some(s) = self.server.take() {
            s.stop().await.expect("clean stop");
        }
        if let Some(db) = self.db.take() {
            db.drop_db().await;
        }
    }
}

impl Page {
    pub fn select<'a>(&'a self, css: &str) -> Vec<ElementRef<'a>> {
        let sel = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
        self.html.select(&sel).collect()
    }

    pub fn one<'a>(&'a self, css: &str) -> ElementRef<'a> {
        let found = self.select(css);
        assert_eq!(found.len(), 1, "expected exactly one {css:?}, found {}", found.len());
        found[0]
    }

    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css).iter().map(|e| text(*e)).collect()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

/// An element's text with whitespace collapsed.
pub fn text(e: ElementRef) -> String {
    e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn select_in<'a>(e: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    let sel = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    e.select(&sel).collect()
}

/// A small newsroom: one author with an avatar, tags of each kind, and a
/// hero image.
pub struct Newsroom {
    pub author: Author,
    pub second: Author,
    pub tags: Vec<Tag>,
    pub hero: Media,
}

pub async fn newsroom(app: &TestApp) -> Newsroom {
    let site = app.site();
    let media = |path: &str, w, h, alt: &str, caption: &str, credit: &str| MediaInput {
        path: path.into(),
        mime: if path.ends_with(".svg") { "image/svg+xml".into() } else { "image/jpeg".into() },
        width: w,
        height: h,
        alt: alt.into(),
        caption: caption.into(),
        credit: credit.into(),
        ..MediaInput::default()
    };
    let avatar =
        site.store().create_media(&media("a/ana.svg", 240, 240, "Ana", "", ""), None, t0()).await.expect("avatar");
    let hero = site
        .store()
        .create_media(
            &media(
                "a/quay.jpg",
                1200,
                675,
                "Cranes on the quay at dusk",
                "The quay at dusk.",
                "Mira Holt/Coastal Photo",
            ),
            None,
            t0(),
        )
        .await
        .expect("hero");
    let author = site
        .create_author(&AuthorInput {
            name: "Ana Ortiz".into(),
            role_title: "North coast correspondent".into(),
            bio: "Ana Ortiz reports from the northern ports.".into(),
            avatar: Some(avatar.id),
            ..Default::default()
        })
        .await
        .expect("author");
    let second = site
        .create_author(&AuthorInput { name: "Ben Kalu".into(), role_title: "Data editor".into(), ..Default::default() })
        .await
        .expect("author");
    let mut tags = Vec::new();
    for (name, kind) in [
        ("Harbour", TagKind::Topic),
        ("Brennport", TagKind::Place),
        ("Ilse Varga", TagKind::Person),
        ("Port Authority", TagKind::Organisation),
        ("News", TagKind::Section),
    ] {
        let t = TagInput { slug: None, name: name.into(), kind, description: format!("All about {name}.") };
        tags.push(site.create_tag(&t).await.expect("tag"));
    }
    Newsroom { author, second, tags, hero }
}

/// Publishes a story at `at` (or schedules it, if `at` is after the clock).
pub async fn publish(app: &TestApp, n: &Newsroom, kind: StoryKind, headline: &str, at: Timestamp) -> StoryId {
    let mut s = StoryInput::new(kind, headline, vec![n.author.id]);
    s.status = StoryStatus::Published;
    s.published_at = Some(at);
    s.standfirst = format!("Standfirst of {headline}.");
    s.body = format!("First paragraph of {headline}.\n\nSecond paragraph.");
    s.tags = vec![n.tags[0].id, n.tags[1].id];
    if kind == StoryKind::Video {
        s.video_url = Some("https://www.youtube.com/watch?v=dQw4w9WgXcQ".into());
    }
    app.site().create_story(&s).await.expect("story")
}
