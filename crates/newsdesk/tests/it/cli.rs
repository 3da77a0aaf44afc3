//! The `newsdesk` command: clear one-line errors, and a clean stop on SIGTERM
//! that keeps counted views.

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::Duration,
};

fn newsdesk() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsdesk"));
    c.env_remove("NEWSDESK_DATABASE_URL").env_remove("NEWSDESK_LISTEN").env("NEWSDESK_LOG", "warn");
    c
}

fn fails_with(args: &[&str], want: &str) {
    let out = newsdesk().args(args).output().expect("run newsdesk");
    assert!(!out.status.success(), "{args:?} should fail");
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line for {args:?}: {err}");
    assert!(lines[0].starts_with("error: ") && lines[0].contains(want), "{args:?}: {err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn bad_settings_fail_with_one_line() {
    let dir = tempfile::tempdir().expect("dir");
    fails_with(&["migrate", "--database", "mysql://x"], "unsupported database URL");
    fails_with(&["migrate", "--database", "sqlite:///proc/no/such/dir/x.db"], "cannot use database");
    let db = format!("sqlite://{}", dir.path().join("a.db").display());
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    fails_with(&["serve", "--database", &db, "--listen", &addr], "cannot listen on");
    fails_with(&["serve", "--database", &db, "--listen", "not-an-address"], "cannot listen on");
    let out = newsdesk().args(["migrate", "--database", &db]).output().expect("run");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "Database is up to date.");
}

#[test]
fn environment_variables_configure_every_subcommand() {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("env.db").display());
    let out = newsdesk().env("NEWSDESK_DATABASE_URL", &db).arg("migrate").output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("env.db").exists());
}

#[test]
fn sigterm_stops_the_server_cleanly_and_keeps_counted_views() {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("s.db").display());
    let content = dir.path().join("content");
    let content = content.to_str().expect("utf-8");
    let out = newsdesk()
        .args(["demo", "--database", &db, "--content-dir", content, "--stories", "30"])
        .output()
        .expect("demo");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let mut child = newsdesk()
        .args(["serve", "--database", &db, "--content-dir", content, "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("banner");
    let addr = line.split("http://").nth(1).and_then(|s| s.split('/').next()).expect("address").to_owned();

    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let views_before = rt.block_on(async {
        let client = reqwest::Client::builder().user_agent("Mozilla/5.0 Firefox/128.0").build().expect("client");
        let front = client.get(format!("http://{addr}/")).send().await.expect("front").text().await.expect("body");
        let href = front
            .split("class=\"teaser__headline\"><a href=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("story link")
            .to_owned();
        for _ in 0..4 {
            assert!(client.get(format!("http://{addr}{href}")).send().await.expect("story").status().is_success());
        }
        let store = newsdesk_store::Store::open(&db).await.expect("open");
        let n = total_views(&store).await;
        store.close().await;
        n
    });
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    assert!(status.success());
    let mut waited = 0;
    let exit = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        std::thread::sleep(Duration::from_millis(50));
        waited += 1;
        assert!(waited < 200, "server did not stop within 10 s");
    };
    assert!(exit.success(), "clean exit: {exit:?}");
    let views_after = rt.block_on(async {
        let store = newsdesk_store::Store::open(&db).await.expect("open");
        let n = total_views(&store).await;
        store.close().await;
        n
    });
    assert_eq!(views_after - views_before, 4, "the four views counted in memory were written at shutdown");
}

async fn total_views(store: &newsdesk_store::Store) -> i64 {
    let now = chrono::Utc::now();
    store.most_viewed(now.timestamp() / 3600 - 24 * 400, now, 1000).await.expect("views").iter().map(|(_, n)| n).sum()
}

#[test]
fn user_add_prints_a_one_time_sign_in_link() {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("u.db").display());
    let out = newsdesk()
        .args(["user", "add", "--database", &db, "--base-url", "https://news.example/"])
        .args(["--email", "Chief@Example.org", "--name", "Chief Editor", "--role", "administrator"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Chief Editor <chief@example.org>, administrator"), "{stdout}");
    let link = stdout.lines().last().expect("a link line");
    let token = link.strip_prefix("https://news.example/admin/sign-in/").expect("link to the sign-in page");
    assert_eq!(token.len(), 64);
    assert!(token.chars().all(|c| c.is_ascii_hexdigit()));
    fails_with(&["user", "add", "--database", &db, "--email", "chief@example.org", "--name", "Again"], "already uses");
    fails_with(
        &["user", "add", "--database", &db, "--email", "x@example.org", "--name", "X", "--role", "boss"],
        "role",
    );
    fails_with(&["user", "add", "--database", &db, "--email", "not-an-address", "--name", "X"], "email");
    let out =
        newsdesk().args(["user", "link", "--database", &db, "--email", "chief@example.org"]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    fails_with(&["user", "link", "--database", &db, "--email", "nobody@example.org"], "no account");
}

#[test]
fn api_keys_are_made_listed_and_revoked_on_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("keys.db").display());
    let run = |args: &[&str]| {
        let out = newsdesk().args(args).args(["--database", &db]).output().expect("run");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, out, err) = run(&["api-key", "add", "--name", "Mobile app"]);
    assert!(ok, "{err}");
    let key = out.lines().last().expect("the key").trim().to_owned();
    assert_eq!(key.len(), 26, "{out}");
    assert!(key.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "{key}");
    let (ok, _, err) = run(&["api-key", "add", "--name", "Mobile app"]);
    assert!(!ok);
    assert!(err.starts_with("error: ") && err.contains("another key has that name"), "{err}");
    let (ok, out, _) = run(&["api-key", "list"]);
    assert!(ok);
    assert!(out.contains("Mobile app") && out.contains(&key[..6]) && out.contains("in use"), "{out}");
    assert!(!out.contains(&key), "the key itself is never listed");
    let (ok, out, _) = run(&["api-key", "revoke", "Mobile app"]);
    assert!(ok, "{out}");
    let (_, out, _) = run(&["api-key", "list"]);
    assert!(out.contains("revoked"), "{out}");
    let (ok, _, err) = run(&["api-key", "revoke", "No such key"]);
    assert!(!ok);
    assert!(err.contains("unknown API key"), "{err}");
}
