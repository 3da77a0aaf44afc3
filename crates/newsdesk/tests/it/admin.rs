//! The newsroom's accounts: sign-in links and passwords, sessions and their
//! cookies, CSRF, the sign-in limit, roles on every route, suspension, and
//! the story list.

use std::collections::HashMap;

use newsdesk_domain::{StoryKind, StoryStatus, User, UserInput};
use scraper::Html;

use crate::helpers::{Page, TestApp, newsroom, publish, t0};

/// A browser of sorts: keeps cookies, does not follow redirects.
pub(crate) struct Browser<'a> {
    app: &'a TestApp,
    cookies: HashMap<String, String>,
    /// The raw `Set-Cookie` values of the last response.
    set_cookies: Vec<String>,
}

impl<'a> Browser<'a> {
    pub(crate) fn new(app: &'a TestApp) -> Self {
        Self { app, cookies: HashMap::new(), set_cookies: Vec::new() }
    }

    pub(crate) fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    async fn send(&mut self, req: reqwest::RequestBuilder) -> Page {
        let req = if self.cookies.is_empty() { req } else { req.header("cookie", self.cookie_header()) };
        let res = req.send().await.expect("request");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        self.set_cookies =
            headers.get_all("set-cookie").iter().map(|v| v.to_str().expect("ascii").to_owned()).collect();
        for c in &self.set_cookies {
            let (pair, _) = c.split_once(';').unwrap_or((c, ""));
            let (k, v) = pair.split_once('=').expect("name=value");
            if v.is_empty() || c.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), v.to_owned());
            }
        }
        let bytes = res.bytes().await.expect("body").to_vec();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Page { status, headers, html: Html::parse_document(&text), text, bytes }
    }

    pub(crate) async fn get(&mut self, path: &str) -> Page {
        let req = self.app.client.get(format!("{}{path}", self.app.base));
        self.send(req).await
    }

    pub(crate) async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let req = self.app.client.post(format!("{}{path}", self.app.base)).form(form);
        self.send(req).await
    }

    /// Uploads a file as `multipart/form-data` (the token of the page at
    /// `from` first, as browsers send fields in order), asking for JSON
    /// when `json`.
    pub(crate) async fn upload(
        &mut self,
        from: &str,
        fields: &[(&str, &str)],
        file: (&str, &[u8]),
        json: bool,
    ) -> Page {
        let csrf = if from.is_empty() { String::new() } else { csrf_of(&self.get(from).await) };
        let boundary = "----newsdesk-test-boundary-7Qm2";
        let mut body = Vec::new();
        let mut all: Vec<(&str, &str)> = Vec::new();
        if !csrf.is_empty() {
            all.push(("csrf", &csrf));
        }
        all.extend_from_slice(fields);
        for (k, v) in all {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
            );
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n",
                file.0
            )
            .as_bytes(),
        );
        body.extend_from_slice(file.1);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let mut req = self
            .app
            .client
            .post(format!("{}/admin/media", self.app.base))
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(body);
        if json {
            req = req.header("accept", "application/json");
        }
        self.send(req).await
    }

    /// Posts a form with the CSRF token of the page at `from`.
    pub(crate) async fn submit(&mut self, from: &str, path: &str, fields: &[(&str, &str)]) -> Page {
        let page = self.get(from).await;
        let csrf = csrf_of(&page);
        let mut form: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        form.extend_from_slice(fields);
        self.post(path, &form).await
    }

    fn signed_in(&self) -> bool {
        self.cookies.contains_key("newsdesk_session")
    }
}

fn csrf_of(page: &Page) -> String {
    page.select("input[name=csrf]")
        .first()
        .and_then(|e| e.value().attr("value"))
        .unwrap_or_else(|| panic!("no CSRF field on the page (status {}): {}", page.status, page.text))
        .to_owned()
}

/// A route of the role matrix: method, path, form fields, and the status
/// expected signed out and for each role from contributor up.
type Route<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>, [u16; 5]);

pub(crate) const PASSWORD: &str = "gulls over the breakwater";

/// Creates an account and signs it in through its one-time link.
pub(crate) async fn account<'a>(app: &'a TestApp, email: &str, role: &str) -> (User, Browser<'a>) {
    let input = UserInput { email: email.into(), name: format!("{role} person"), role: role.into() };
    let (user, token) = app.site().create_user(&input, None, None).await.expect("account");
    let mut b = Browser::new(app);
    let link = format!("/admin/sign-in/{token}");
    let res = b.submit(&link, &link, &[("password", PASSWORD)]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert!(b.signed_in());
    (user, b)
}

#[tokio::test]
async fn a_sign_in_link_sets_a_password_once_then_the_password_signs_in() {
    let app = TestApp::spawn().await;
    let input = UserInput { email: "Mira@Example.org".into(), name: "Mira Holt".into(), role: "administrator".into() };
    let (user, token) = app.site().create_user(&input, None, None).await.expect("account");
    assert_eq!(user.email, "mira@example.org");
    let mut b = Browser::new(&app);
    let link = format!("/admin/sign-in/{token}");

    let form = b.get(&link).await;
    assert_eq!(form.status, 200);
    assert!(form.text.contains("mira@example.org"));
    let short = b.submit(&link, &link, &[("password", "short")]).await;
    assert_eq!(short.status, 400);
    assert!(short.text.contains("at least 10 characters"), "{}", short.text);
    assert!(!b.signed_in());

    let done = b.submit(&link, &link, &[("password", PASSWORD)]).await;
    assert_eq!((done.status, done.header("location")), (303, "/admin/"));
    let cookie = b.set_cookies.iter().find(|c| c.starts_with("newsdesk_session=")).expect("session cookie");
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/admin"] {
        assert!(cookie.contains(flag), "{cookie} lacks {flag}");
    }
    assert!(!cookie.contains("Secure"), "plain HTTP here: {cookie}");
    assert_eq!(b.get("/admin/stories").await.status, 200);

    // The link worked once.
    let mut other = Browser::new(&app);
    assert_eq!(other.get(&link).await.status, 410);

    // Sign out, then in with the password; a wrong one is refused.
    let out = b.submit("/admin/stories", "/admin/sign-out", &[]).await;
    assert_eq!(out.status, 303);
    assert!(!b.signed_in());
    let bounced = b.get("/admin/stories?status=draft").await;
    assert_eq!(bounced.status, 303);
    assert_eq!(bounced.header("location"), "/admin/sign-in?next=%2Fadmin%2Fstories%3Fstatus%3Ddraft");
    let wrong = b
        .submit("/admin/sign-in", "/admin/sign-in", &[("email", "mira@example.org"), ("password", "not the password")])
        .await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.text.contains("do not match"));
    let ok = b
        .submit(
            "/admin/sign-in",
            "/admin/sign-in",
            &[("email", "MIRA@example.org"), ("password", PASSWORD), ("next", "/admin/stories?status=draft")],
        )
        .await;
    assert_eq!((ok.status, ok.header("location")), (303, "/admin/stories?status=draft"));
    // A "next" outside the newsroom is ignored.
    let mut c = Browser::new(&app);
    let away = c
        .submit(
            "/admin/sign-in",
            "/admin/sign-in",
            &[("email", "mira@example.org"), ("password", PASSWORD), ("next", "https://evil.example/")],
        )
        .await;
    assert_eq!(away.header("location"), "/admin/");
    app.stop().await;
}

#[tokio::test]
async fn cookies_are_secure_behind_tls() {
    let app = TestApp::spawn().await;
    let (_, mut b) = account(&app, "ed@example.org", "editor").await;
    let req = app.client.post(format!("{}/admin/sign-out", app.base)).header("x-forwarded-proto", "https").header(
        "x-csrf-token",
        b.get("/admin/stories").await.select("input[name=csrf]")[0].value().attr("value").expect("csrf"),
    );
    let res = b.send(req).await;
    assert_eq!(res.status, 303);
    assert!(b.set_cookies.iter().any(|c| c.contains("; Secure")), "{:?}", b.set_cookies);
    app.stop().await;
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let (_, mut admin) = account(&app, "admin@example.org", "administrator").await;
    let before = app.site().users().await.expect("users").len();
    let invite = [("name", "Sam Reed"), ("email", "sam@example.org"), ("role", "author")];
    let res = admin.post("/admin/users", &invite).await;
    assert_eq!(res.status, 403);
    assert!(res.text.contains("expired or did not come from this site"), "{}", res.text);
    let mut forged = vec![("csrf", "0123456789abcdef")];
    forged.extend_from_slice(&invite);
    assert_eq!(admin.post("/admin/users", &forged).await.status, 403);
    assert_eq!(app.site().users().await.expect("users").len(), before, "nothing was created");
    // The same form with the token works.
    let ok = admin.submit("/admin/users", "/admin/users", &invite).await;
    assert_eq!(ok.status, 200);
    assert!(ok.text.contains("/admin/sign-in/"), "the page shows the new link");
    assert_eq!(app.site().users().await.expect("users").len(), before + 1);
    // Signing in needs the form cookie's token too.
    let mut stranger = Browser::new(&app);
    let res = stranger.post("/admin/sign-in", &[("email", "admin@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(res.status, 403);
    app.stop().await;
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_account() {
    let app = TestApp::spawn().await;
    let (_, _) = account(&app, "target@example.org", "editor").await;
    let (_, _) = account(&app, "bystander@example.org", "author").await;
    let mut b = Browser::new(&app);
    for i in 0..5 {
        let res = b
            .submit(
                "/admin/sign-in",
                "/admin/sign-in",
                &[("email", "target@example.org"), ("password", "guess guess guess")],
            )
            .await;
        assert_eq!(res.status, 401, "attempt {i}");
    }
    // Now even the right password waits.
    let res =
        b.submit("/admin/sign-in", "/admin/sign-in", &[("email", "target@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(res.status, 429);
    assert!(res.text.contains("Too many failed attempts"));
    assert!(!b.signed_in());
    // Another account from the same address is not locked out.
    let res = b
        .submit("/admin/sign-in", "/admin/sign-in", &[("email", "bystander@example.org"), ("password", PASSWORD)])
        .await;
    assert_eq!(res.status, 303);
    // After the window, the account may try again.
    app.clock.advance(chrono::Duration::minutes(16));
    let mut later = Browser::new(&app);
    let res = later
        .submit("/admin/sign-in", "/admin/sign-in", &[("email", "target@example.org"), ("password", PASSWORD)])
        .await;
    assert_eq!(res.status, 303);
    app.stop().await;
}

#[tokio::test]
async fn every_route_answers_each_role_as_it_should() {
    let app = TestApp::spawn().await;
    let (_, mut contributor) = account(&app, "c@example.org", "contributor").await;
    let (_, mut author) = account(&app, "a@example.org", "author").await;
    let (_, mut editor) = account(&app, "e@example.org", "editor").await;
    let (_, mut admin) = account(&app, "admin@example.org", "administrator").await;
    let (target, _) = account(&app, "target@example.org", "contributor").await;
    let t = target.id.0;
    // (method, path, form, [signed out, contributor, author, editor, administrator])
    let suspend = format!("/admin/users/{t}/suspend");
    let restore = format!("/admin/users/{t}/restore");
    let role = format!("/admin/users/{t}/role");
    let link = format!("/admin/users/{t}/link");
    let image = |path: &str| newsdesk_domain::MediaInput {
        path: path.into(),
        mime: "image/jpeg".into(),
        width: 800,
        height: 600,
        ..Default::default()
    };
    let kept = app.site().store().create_media(&image("m/kept.jpg"), None, t0()).await.expect("image");
    let doomed = app.site().store().create_media(&image("m/doomed.jpg"), None, t0()).await.expect("image");
    let media_item = format!("/admin/media/{}", kept.id);
    let media_delete = format!("/admin/media/{}/delete", doomed.id);
    // A story none of them wrote.
    let n = newsroom(&app).await;
    let story = publish(&app, &n, StoryKind::Article, "Someone else's story", t0()).await;
    let (a, tag) = (n.author.id.to_string(), n.tags[0].id);
    let story_edit = format!("/admin/stories/{story}");
    let story_revisions = format!("{story_edit}/revisions");
    let story_autosave = format!("{story_edit}/autosave");
    let story_delete = format!("{story_edit}/delete");
    let story_restore = format!("{story_edit}/restore");
    let tag_edit = format!("/admin/tags/{tag}");
    let author_edit = format!("/admin/authors/{}", n.author.id);
    let fields = vec![("headline", "H"), ("kind", "article"), ("body", "B"), ("authors", a.as_str())];
    let table: Vec<Route> = vec![
        ("GET", "/admin/", vec![], [303, 303, 303, 303, 303]),
        ("GET", "/admin/stories", vec![], [303, 200, 200, 200, 200]),
        ("GET", "/admin/account", vec![], [303, 200, 200, 200, 200]),
        ("GET", "/admin/brief", vec![], [303, 200, 200, 200, 200]),
        ("GET", "/admin/stories/new", vec![], [303, 200, 200, 200, 200]),
        ("GET", "/admin/users", vec![], [303, 403, 403, 403, 200]),
        ("GET", "/admin/media", vec![], [303, 200, 200, 200, 200]),
        ("GET", "/admin/curation", vec![], [303, 403, 403, 200, 200]),
        ("GET", "/admin/settings", vec![], [303, 403, 403, 403, 200]),
        ("GET", "/admin/tags", vec![], [303, 403, 403, 200, 200]),
        ("GET", "/admin/api-keys", vec![], [303, 403, 403, 403, 200]),
        ("GET", "/admin/authors", vec![], [303, 403, 403, 200, 200]),
        ("GET", &tag_edit, vec![], [303, 403, 403, 200, 200]),
        ("GET", &author_edit, vec![], [303, 403, 403, 200, 200]),
        ("GET", "/admin/stories/lookup?q=story", vec![], [303, 200, 200, 200, 200]),
        ("GET", &story_edit, vec![], [303, 403, 403, 200, 200]),
        ("GET", &story_revisions, vec![], [303, 403, 403, 200, 200]),
        ("POST", "/admin/stories/preview", fields.clone(), [401, 200, 200, 200, 200]),
        ("POST", "/admin/paste", vec![("html", "<p>x</p>")], [401, 200, 200, 200, 200]),
        // Published: not saved automatically, by anyone.
        ("POST", &story_autosave, fields.clone(), [401, 403, 403, 422, 422]),
        ("POST", &story_delete, vec![], [401, 403, 403, 303, 303]),
        ("POST", &story_restore, vec![], [401, 403, 403, 303, 303]),
        ("POST", "/admin/curation/top-stories", vec![("action", "up"), ("story", "1")], [401, 403, 403, 303, 303]),
        ("GET", &media_item, vec![], [303, 200, 200, 200, 200]),
        // Only editors change the words of an image someone else uploaded.
        ("POST", &media_item, vec![("alt", "Quay"), ("caption", ""), ("credit", "")], [401, 403, 403, 303, 303]),
        // The editor deletes it; the administrator then finds it gone.
        ("POST", &media_delete, vec![], [401, 403, 403, 303, 404]),
        (
            "POST",
            "/admin/users",
            vec![("name", "N"), ("email", "n@example.org"), ("role", "author")],
            [401, 403, 403, 403, 200],
        ),
        ("POST", &suspend, vec![], [401, 403, 403, 403, 303]),
        ("POST", &restore, vec![], [401, 403, 403, 403, 303]),
        ("POST", &role, vec![("role", "author")], [401, 403, 403, 403, 303]),
        ("POST", &link, vec![], [401, 403, 403, 403, 200]),
    ];
    let mut anonymous = Browser::new(&app);
    let browsers: [&mut Browser; 5] = [&mut anonymous, &mut contributor, &mut author, &mut editor, &mut admin];
    for (who, b) in browsers.into_iter().enumerate() {
        for (method, path, form, expected) in &table {
            let got = if *method == "GET" {
                b.get(path).await.status
            } else {
                // The CSRF token from a page this browser may see.
                let from = if who == 0 { "/admin/sign-in" } else { "/admin/stories" };
                b.submit(from, path, form).await.status
            };
            assert_eq!(
                got,
                expected[who],
                "{method} {path} as {}",
                ["signed out", "contributor", "author", "editor", "administrator"][who]
            );
        }
    }
    assert_eq!(app.site().store().user(target.id).await.expect("user").expect("exists").role.as_str(), "author");
    app.stop().await;
}

#[tokio::test]
async fn a_suspended_account_is_signed_out_and_kept() {
    let app = TestApp::spawn().await;
    let (_, mut admin) = account(&app, "admin@example.org", "administrator").await;
    let (editor, mut ed) = account(&app, "ed@example.org", "editor").await;
    assert_eq!(ed.get("/admin/stories").await.status, 200);
    let res = admin.submit("/admin/users", &format!("/admin/users/{}/suspend", editor.id), &[]).await;
    assert_eq!(res.status, 303);
    assert_eq!(ed.get("/admin/stories").await.status, 303, "the session ended");
    let res =
        ed.submit("/admin/sign-in", "/admin/sign-in", &[("email", "ed@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(res.status, 403);
    assert!(res.text.contains("suspended"));
    let people = admin.get("/admin/users").await;
    assert!(people.text.contains("ed@example.org") && people.text.contains("suspended"));
    // Administrators cannot suspend themselves.
    let me = app.site().store().user_by_email("admin@example.org").await.expect("q").expect("admin").0;
    let res = admin.submit("/admin/users", &format!("/admin/users/{}/suspend", me.id), &[]).await;
    assert_eq!(res.status, 400);
    // Lifted, the account signs in again.
    admin.submit("/admin/users", &format!("/admin/users/{}/restore", editor.id), &[]).await;
    let res =
        ed.submit("/admin/sign-in", "/admin/sign-in", &[("email", "ed@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(res.status, 303);
    app.stop().await;
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_session() {
    let app = TestApp::spawn().await;
    let (_, mut laptop) = account(&app, "ed@example.org", "editor").await;
    let mut phone = Browser::new(&app);
    let res =
        phone.submit("/admin/sign-in", "/admin/sign-in", &[("email", "ed@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(res.status, 303);
    assert_eq!(phone.get("/admin/stories").await.status, 200);
    let res = laptop.submit("/admin/account", "/admin/sign-out-everywhere", &[]).await;
    assert_eq!(res.status, 303);
    assert_eq!(phone.get("/admin/stories").await.status, 303);
    assert_eq!(laptop.get("/admin/stories").await.status, 303);
    app.stop().await;
}

#[tokio::test]
async fn the_story_list_filters_searches_and_keeps_contributors_to_their_own() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    publish(&app, &n, StoryKind::Article, "Quay cranes return", t0() - chrono::Duration::hours(3)).await;
    publish(&app, &n, StoryKind::Brief, "Ferry timetable changes", t0() - chrono::Duration::hours(2)).await;
    let mut draft = newsdesk_domain::StoryInput::new(StoryKind::Article, "Harbour budget draft", vec![n.second.id]);
    draft.status = StoryStatus::Draft;
    app.site().create_story(&draft).await.expect("draft");

    let (_, mut editor) = account(&app, "ed@example.org", "editor").await;
    let all = editor.get("/admin/stories").await;
    assert_eq!(all.select("table.list tbody tr").len(), 3);
    let rows = |p: &Page| p.texts("table.list tbody tr td:first-child a");
    assert_eq!(rows(&editor.get("/admin/stories?status=draft").await), ["Harbour budget draft"]);
    assert_eq!(rows(&editor.get("/admin/stories?kind=brief").await), ["Ferry timetable changes"]);
    assert_eq!(rows(&editor.get("/admin/stories?q=QUAY").await), ["Quay cranes return"]);
    assert_eq!(rows(&editor.get("/admin/stories?q=100%25").await), Vec::<String>::new(), "wildcards are literal");
    assert_eq!(rows(&editor.get(&format!("/admin/stories?author={}", n.second.id)).await), ["Harbour budget draft"]);
    assert_eq!(
        rows(&editor.get("/admin/stories?sort=headline").await),
        ["Ferry timetable changes", "Harbour budget draft", "Quay cranes return"]
    );
    let bad = editor.get("/admin/stories?status=lost").await;
    assert_eq!(bad.status, 400);
    assert!(bad.text.contains("status"));

    // A contributor writing as Ben Kalu sees Ben's story only.
    let input = UserInput { email: "ben@example.org".into(), name: "Ben Kalu".into(), role: "contributor".into() };
    let (_, token) = app.site().create_user(&input, Some(n.second.id), None).await.expect("account");
    let mut ben = Browser::new(&app);
    let link = format!("/admin/sign-in/{token}");
    ben.submit(&link, &link, &[("password", PASSWORD)]).await;
    assert_eq!(rows(&ben.get("/admin/stories").await), ["Harbour budget draft"]);
    app.stop().await;
}
