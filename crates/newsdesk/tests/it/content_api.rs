//! The Ghost-compatible Content API over HTTP: keys, envelopes, pagination,
//! include, fields, formats, errors in Ghost's format, CORS and ETags.

use chrono::Duration;
use newsdesk_domain::StoryKind;
use serde_json::Value;

use crate::helpers::{Page, TestApp, newsroom, publish, t0};

fn json(page: &Page) -> Value {
    serde_json::from_slice(&page.bytes).unwrap_or_else(|e| panic!("not JSON ({e}): {}", page.text))
}

#[tokio::test]
async fn posts_tags_authors_and_settings_in_ghosts_shape() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    for i in 0..17 {
        publish(&app, &n, StoryKind::Article, &format!("Story number {i}"), t0() - Duration::hours(i + 1)).await;
    }
    let (_, key) = app.site().create_api_key(None, "Tests").await.expect("key");
    let api = |path: &str| format!("/ghost/api/content/{path}{}key={key}", if path.contains('?') { "&" } else { "?" });

    // Keys: none, unknown, and malformed are refused in Ghost's format.
    for path in ["/ghost/api/content/posts/", "/ghost/api/content/posts/?key=0123456789abcdef0123456789"] {
        let res = app.get(path).await;
        assert_eq!(res.status, 401, "{path}");
        let body = json(&res);
        assert_eq!(body["errors"][0]["type"], "UnauthorizedError");
        assert!(body["errors"][0]["message"].is_string());
    }

    let res = app.get(&api("posts/")).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("access-control-allow-origin"), "*");
    let body = json(&res);
    let posts = body["posts"].as_array().expect("posts");
    assert_eq!(posts.len(), 15, "Ghost's default page size");
    assert_eq!(posts[0]["title"], "Story number 0");
    assert_eq!(posts[0]["slug"], "story-number-0");
    assert_eq!(posts[0]["url"], format!("{}/story-number-0/", app.base));
    assert!(posts[0]["html"].as_str().is_some_and(|h| h.contains("<p>First paragraph")));
    assert_eq!(posts[0]["custom_excerpt"], "Standfirst of Story number 0.");
    assert_eq!(posts[0]["visibility"], "public");
    assert!(posts[0]["published_at"].as_str().is_some_and(|t| t.starts_with("2026-09-25T11:00:00")));
    assert!(posts[0].get("tags").is_none(), "only with include=tags");
    let p = &body["meta"]["pagination"];
    assert_eq!(
        (p["page"].as_u64(), p["limit"].as_u64(), p["pages"].as_u64(), p["total"].as_u64()),
        (Some(1), Some(15), Some(2), Some(17))
    );
    assert_eq!((p["next"].as_u64(), p["prev"].is_null()), (Some(2), true));

    let body = json(&app.get(&api("posts/?page=2&include=tags,authors")).await);
    let posts = body["posts"].as_array().expect("posts");
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0]["primary_tag"]["slug"], n.tags[0].slug.as_str());
    let tag_slugs: Vec<_> = posts[0]["tags"].as_array().expect("tags").iter().map(|t| t["slug"].clone()).collect();
    assert_eq!(
        tag_slugs,
        [n.tags[0].slug.as_str(), n.tags[1].slug.as_str(), "hash-article"],
        "the kind as an internal tag"
    );
    assert_eq!(posts[0]["primary_author"]["slug"], n.author.slug.as_str());
    assert_eq!(body["meta"]["pagination"]["prev"], 1);

    let body = json(&app.get(&api("posts/?limit=all&fields=title,url&formats=plaintext")).await);
    assert_eq!(body["posts"].as_array().map(Vec::len), Some(17));
    let first = body["posts"][0].as_object().expect("post");
    assert_eq!(first.keys().collect::<Vec<_>>(), ["title", "url"]);
    let body = json(&app.get(&api("posts/?limit=3&formats=plaintext")).await);
    assert!(
        body["posts"][0]["plaintext"].as_str().is_some_and(|t| t.starts_with("First paragraph") && !t.contains('<'))
    );
    assert!(body["posts"][0].get("html").is_none());

    // Read by slug and by id; unknown ones are Ghost's NotFoundError.
    let one = json(&app.get(&api("posts/slug/story-number-3/")).await);
    let id = one["posts"][0]["id"].as_str().expect("id").to_owned();
    let again = json(&app.get(&api(&format!("posts/{id}/"))).await);
    assert_eq!(again["posts"][0]["slug"], "story-number-3");
    let missing = app.get(&api("posts/slug/no-such-story/")).await;
    assert_eq!(missing.status, 404);
    assert_eq!(json(&missing)["errors"][0]["type"], "NotFoundError");

    // What cannot be read is refused, never ignored; bad numbers too.
    for bad in [
        "posts/?filter=nope:1",
        "tags/?filter=colour:red",
        "authors/?filter=(slug:a",
        "posts/?limit=zero",
        "posts/?page=0",
        "posts/?order=colour%20asc",
        "posts/?order=title%20sideways",
        "posts/?page=1&page=2",
        "posts/?page=18446744073709551615",
        "tags/?page=18446744073709551615",
    ] {
        let res = app.get(&api(bad)).await;
        assert_eq!(res.status, 400, "{bad}");
        assert_eq!(json(&res)["errors"][0]["type"], "BadRequestError", "{bad}");
    }

    // Orders and in-memory filters on tags and authors.
    let oldest = json(&app.get(&api("posts/?order=published_at%20asc&limit=2&fields=title")).await);
    assert_eq!(oldest["posts"], serde_json::json!([{ "title": "Story number 16" }, { "title": "Story number 15" }]));
    let by_title = json(&app.get(&api("posts/?order=title%20asc&limit=2&fields=title")).await);
    assert_eq!(by_title["posts"], serde_json::json!([{ "title": "Story number 0" }, { "title": "Story number 1" }]));
    let some = json(&app.get(&api(&format!("tags/?filter=slug:[{},{}]", n.tags[0].slug, n.tags[2].slug))).await);
    let got: Vec<_> = some["tags"].as_array().expect("tags").iter().map(|t| t["slug"].clone()).collect();
    assert_eq!(got.len(), 2);
    assert_eq!(some["meta"]["pagination"]["total"], 2);
    let none = json(&app.get(&api(&format!("authors/?filter=slug:-{}", n.author.slug))).await);
    assert_eq!(none["authors"], serde_json::json!([]));

    let tags = json(&app.get(&api("tags/?include=count.posts")).await);
    let harbour = tags["tags"].as_array().expect("tags").iter().find(|t| t["slug"] == n.tags[0].slug.as_str()).cloned();
    assert_eq!(harbour.expect("the tag")["count"]["posts"], 17);
    let tag = json(&app.get(&api(&format!("tags/slug/{}/", n.tags[0].slug))).await);
    assert_eq!(tag["tags"][0]["name"], n.tags[0].name.as_str());
    let authors = json(&app.get(&api("authors/?include=count.posts")).await);
    let authors = authors["authors"].as_array().expect("authors");
    assert_eq!(authors.len(), 1, "only authors with published stories");
    assert_eq!(authors[0]["slug"], n.author.slug.as_str());
    assert_eq!(authors[0]["count"]["posts"], 17);
    assert!(authors[0]["profile_image"].as_str().is_some_and(|u| u.starts_with(&app.base)));
    let settings = json(&app.get(&api("settings/")).await);
    assert_eq!(settings["settings"]["title"], "The Test Gazette");
    assert_eq!(settings["settings"]["timezone"], "Europe/Kyiv");
    assert_eq!(json(&app.get(&api("pages/")).await)["pages"], serde_json::json!([]));
    let unknown = app.get(&api("widgets/")).await;
    assert_eq!((unknown.status, json(&unknown)["errors"][0]["type"].clone()), (404, "NotFoundError".into()));

    // Revalidation: the same answer is a 304.
    let res = app.get(&api("posts/?limit=2")).await;
    let etag = res.header("etag").to_owned();
    assert!(!etag.is_empty());
    let again = app.get_with(&api("posts/?limit=2"), &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, 304);
    app.stop().await;
}

/// Ghost's own JavaScript client (`@tryghost/content-api`, installed by
/// `npm ci` in `tests/ghost-client`), run by Node against the server.
#[tokio::test]
async fn ghosts_own_client_reads_what_the_database_holds() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ghost-client");
    let required = std::env::var("NEWSDESK_REQUIRE_NODE").is_ok_and(|v| v == "1");
    let ready = dir.join("node_modules/@tryghost/content-api").is_dir()
        && std::process::Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    if !ready {
        assert!(!required, "NEWSDESK_REQUIRE_NODE=1 but node or tests/ghost-client/node_modules is missing");
        eprintln!("SKIPPED: Ghost's client needs node and `npm ci` in {}", dir.display());
        return;
    }
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    for i in 0..8 {
        publish(&app, &n, StoryKind::Article, &format!("Client story {i}"), t0() - Duration::hours(i + 1)).await;
    }
    let (_, key) = app.site().create_api_key(None, "Ghost client").await.expect("key");
    let (script, base) = (dir.join("check.js"), app.base.clone());
    let out =
        tokio::task::spawn_blocking(move || std::process::Command::new("node").arg(script).arg(base).arg(key).output())
            .await
            .expect("join")
            .expect("node runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let seen: Value = serde_json::from_slice(&out.stdout).expect("the script's JSON");
    let first: Vec<_> = seen["first"].as_array().expect("first page").iter().map(|p| p["slug"].clone()).collect();
    assert_eq!(first, ["client-story-0", "client-story-1", "client-story-2", "client-story-3", "client-story-4"]);
    assert_eq!(seen["first"][0]["tags"][0], n.tags[0].slug.as_str());
    assert_eq!(seen["first"][0]["author"], n.author.slug.as_str());
    assert_eq!(seen["firstMeta"]["total"], 8);
    assert_eq!(seen["firstMeta"]["pages"], 2);
    assert_eq!(seen["second"], serde_json::json!(["client-story-5", "client-story-6", "client-story-7"]));
    // Older than the third story, with the first one's tag: 3 to 7.
    let filtered: Vec<String> = (3..8).map(|i| format!("client-story-{i}")).collect();
    assert_eq!(seen["filtered"], serde_json::json!(filtered));
    assert_eq!(seen["one"]["slug"], "client-story-0");
    assert_eq!(seen["one"]["hasHtml"], true);
    assert!(seen["one"]["plaintext"].as_str().is_some_and(|t| t.contains("First paragraph of Client story 0")));
    assert_eq!(seen["byId"], "client-story-1");
    let tag = seen["tags"].as_array().expect("tags").iter().find(|t| t["slug"] == n.tags[0].slug.as_str()).cloned();
    assert_eq!(tag.expect("tag")["posts"], 8);
    assert_eq!(seen["authors"], serde_json::json!([n.author.slug.as_str()]));
    assert_eq!(seen["author"], n.author.name.as_str());
    assert_eq!(seen["title"], "The Test Gazette");
    app.stop().await;
}

#[tokio::test]
async fn filters_in_ghosts_language_select_posts() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let story = |headline: &str, hours: i64, tags: Vec<newsdesk_domain::TagId>, author, featured| {
        let mut s = newsdesk_domain::StoryInput::new(StoryKind::Article, headline, vec![author]);
        s.status = newsdesk_domain::StoryStatus::Published;
        s.published_at = Some(t0() - Duration::hours(hours));
        s.tags = tags;
        s.featured = featured;
        s
    };
    let (t0_, t1, t2) = (n.tags[0].id, n.tags[1].id, n.tags[2].id);
    for s in [
        story("Quay reopens", 1, vec![t0_, t1], n.author.id, true),
        story("Ferry strike", 2, vec![t1, t0_], n.second.id, false),
        story("Budget vote", 3, vec![t2], n.author.id, false),
        story("Quay 100% ready", 4, vec![t2, t1], n.second.id, false),
    ] {
        app.site().create_story(&s).await.expect("story");
    }
    let (_, key) = app.site().create_api_key(None, "Filters").await.expect("key");
    let slugs = |filter: String| {
        let app = &app;
        let key = key.clone();
        async move {
            let q: String =
                form_urlencoded_pairs(&[("filter", filter.as_str()), ("key", key.as_str()), ("limit", "all")]);
            let res = app.get(&format!("/ghost/api/content/posts/?{q}")).await;
            assert_eq!(res.status, 200, "{filter}: {}", res.text);
            json(&res)["posts"]
                .as_array()
                .expect("posts")
                .iter()
                .map(|p| p["title"].as_str().unwrap_or("").to_owned())
                .collect::<Vec<_>>()
        }
    };
    let (a, b, c) = (n.tags[0].slug.to_string(), n.tags[1].slug.to_string(), n.tags[2].slug.to_string());
    assert_eq!(slugs(format!("tag:{a}")).await, ["Quay reopens", "Ferry strike"]);
    assert_eq!(slugs(format!("tag:-{a}")).await, ["Budget vote", "Quay 100% ready"]);
    assert_eq!(slugs(format!("primary_tag:{b}")).await, ["Ferry strike"]);
    assert_eq!(
        slugs(format!("tags.slug:[{a},{c}]")).await,
        ["Quay reopens", "Ferry strike", "Budget vote", "Quay 100% ready"]
    );
    assert_eq!(slugs(format!("author:{}", n.second.slug)).await, ["Ferry strike", "Quay 100% ready"]);
    assert_eq!(slugs("featured:true".into()).await, ["Quay reopens"]);
    assert_eq!(slugs("title:~'quay'".into()).await, ["Quay reopens", "Quay 100% ready"]);
    assert_eq!(slugs("title:~'100%'".into()).await, ["Quay 100% ready"], "wildcards are literal");
    assert_eq!(slugs("title:~^'Budget'".into()).await, ["Budget vote"]);
    assert_eq!(slugs("published_at:>'2026-09-25 09:30:00'".into()).await, ["Quay reopens", "Ferry strike"]);
    assert_eq!(slugs(format!("tag:{c}+author:{}", n.author.slug)).await, ["Budget vote"]);
    assert_eq!(slugs(format!("featured:true,(tag:{c}+tag:{b})")).await, ["Quay reopens", "Quay 100% ready"]);
    let res = app.get(&format!("/ghost/api/content/posts/?filter=tag:{a}&limit=1&key={key}")).await;
    assert_eq!(json(&res)["meta"]["pagination"]["total"], 2, "the total counts the matches");
    for bad in ["nope:1", "title:'open", "featured:maybe", "published_at:>yesterday", "tag:~a", "(tag:a"] {
        let q: String = form_urlencoded_pairs(&[("filter", bad), ("key", key.as_str())]);
        let res = app.get(&format!("/ghost/api/content/posts/?{q}")).await;
        assert_eq!(res.status, 400, "{bad}: {}", res.text);
        let body = json(&res);
        assert_eq!(body["errors"][0]["type"], "BadRequestError", "{bad}");
        assert!(
            body["errors"][0]["message"].as_str().is_some_and(|m| m.starts_with("Error parsing filter")),
            "{bad}: {body}"
        );
    }
    app.stop().await;
}

fn form_urlencoded_pairs(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            let enc: String = v
                .bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect();
            format!("{k}={enc}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[tokio::test]
async fn newsdesks_own_api_pages_with_cursors_and_is_described_by_openapi() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let mut ids = Vec::new();
    for i in 0..25 {
        ids.push(
            publish(&app, &n, StoryKind::Article, &format!("Feed story {i}"), t0() - Duration::minutes(i + 1)).await,
        );
    }
    publish(&app, &n, StoryKind::Video, "A video", t0() - Duration::hours(30)).await;
    app.site().set_list(newsdesk_domain::ListKey::EditorsPicks, &[ids[3], ids[1]]).await.expect("picks");
    let (_, key) = app.site().create_api_key(None, "Own API").await.expect("key");

    let first = json(&app.get(&format!("/api/v1/news-feed?key={key}")).await);
    let stories = first["stories"].as_array().expect("stories");
    assert_eq!(stories[0]["headline"], "Feed story 0");
    assert_eq!(stories[0]["url"], format!("{}/feed-story-0/", app.base));
    assert_eq!(stories[0]["authors"][0]["slug"], n.author.slug.as_str());
    let next = first["next"].as_str().expect("a next cursor").to_owned();
    let second = json(&app.get(&format!("/api/v1/news-feed?key={key}&after={next}")).await);
    let mut all: Vec<String> = stories.iter().map(|s| s["headline"].as_str().unwrap_or("").to_owned()).collect();
    all.extend(
        second["stories"].as_array().expect("stories").iter().map(|s| s["headline"].as_str().unwrap_or("").to_owned()),
    );
    assert_eq!(all.len(), 26, "every story once across the pages");
    assert_eq!(all.last().map(String::as_str), Some("A video"));

    let videos = json(&app.get(&format!("/api/v1/kinds/video?key={key}")).await);
    assert_eq!(videos["stories"].as_array().map(Vec::len), Some(1));
    assert_eq!(videos["stories"][0]["kind"], "video");
    let picks = json(&app.get(&format!("/api/v1/lists/editors-picks?key={key}")).await);
    let picked: Vec<_> = picks["stories"].as_array().expect("picks").iter().map(|s| s["headline"].clone()).collect();
    assert_eq!(picked, ["Feed story 3", "Feed story 1"], "the editors' order");
    assert_eq!(app.get(&format!("/api/v1/popular?key={key}")).await.status, 200);

    for (path, status) in [
        ("/api/v1/news-feed".to_owned(), 401),
        (format!("/api/v1/news-feed?key={key}&after=yesterday"), 400),
        (format!("/api/v1/kinds/podcast?key={key}"), 404),
        (format!("/api/v1/lists/most-read?key={key}"), 404),
    ] {
        let res = app.get(&path).await;
        assert_eq!(res.status, status, "{path}");
        assert!(json(&res)["errors"][0]["message"].is_string(), "{path}");
    }

    let doc = json(&app.get("/api/openapi.json").await);
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/api/v1/news-feed",
        "/api/v1/kinds/{kind}",
        "/api/v1/lists/{list}",
        "/api/v1/popular",
        "/ghost/api/content/posts/",
    ] {
        assert!(doc["paths"][path]["get"]["responses"]["200"].is_object(), "{path} described");
    }
    // Every reference in the document points at something it defines.
    let text = doc.to_string();
    for r in text.split("\"$ref\":\"#/").skip(1) {
        let target = r.split('"').next().unwrap_or("");
        let mut node = &doc;
        for part in target.split('/') {
            node = &node[part];
        }
        assert!(!node.is_null(), "#/{target} is not defined");
    }
    app.stop().await;
}
