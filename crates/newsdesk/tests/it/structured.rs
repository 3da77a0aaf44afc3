//! Structured data and social cards: JSON-LD read back as JSON, OpenGraph
//! and Twitter tags read from the page's head.

use chrono::Duration;
use newsdesk_domain::{SiteSettings, StoryKind};

use crate::helpers::{Page, TestApp, newsroom, publish, t0};

fn jsonld(page: &Page) -> Vec<serde_json::Value> {
    page.select("script[type='application/ld+json']")
        .iter()
        .map(|s| serde_json::from_str(&s.text().collect::<String>()).expect("JSON-LD is JSON"))
        .collect()
}

fn meta(page: &Page, key: &str) -> Vec<String> {
    page.select(&format!("meta[property='{key}'], meta[name='{key}']"))
        .iter()
        .filter_map(|m| m.value().attr("content").map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn story_pages_describe_themselves_to_search_engines_and_social_networks() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let settings = SiteSettings {
        name: "The Test Gazette".into(),
        timezone: "Europe/Kyiv".into(),
        logo: Some("/content/images/a/logo.svg".into()),
        ..SiteSettings::default()
    };
    app.site().save_settings(&settings).await.expect("settings");
    publish(&app, &n, StoryKind::Article, "Quay reopens </script> at last", t0() - Duration::hours(1)).await;
    let page = app.get("/quay-reopens-script-at-last/").await;
    let base = &app.base;
    let url = format!("{base}/quay-reopens-script-at-last/");
    let docs = jsonld(&page);
    assert_eq!(docs.len(), 2, "{docs:?}");
    let a = &docs[0];
    assert_eq!(a["@context"], "https://schema.org");
    assert_eq!(a["@type"], "NewsArticle");
    assert_eq!(a["headline"], "Quay reopens </script> at last", "survives the script element");
    assert_eq!(a["description"], "Standfirst of Quay reopens </script> at last.");
    assert_eq!(a["mainEntityOfPage"]["@id"], url.as_str());
    assert_eq!(a["datePublished"], "2026-09-25T11:00:00Z");
    assert!(a["dateModified"].is_string());
    assert_eq!(a["author"][0]["@type"], "Person");
    assert_eq!(a["author"][0]["name"], n.author.name.as_str());
    assert_eq!(a["author"][0]["url"], format!("{base}/author/{}/", n.author.slug));
    assert_eq!(a["author"][0]["jobTitle"], n.author.role_title.as_str());
    assert_eq!(a["publisher"]["@type"], "Organization");
    assert_eq!(a["publisher"]["logo"]["url"], format!("{base}/content/images/a/logo.svg"));
    assert_eq!(a["keywords"], serde_json::json!([n.tags[0].name, n.tags[1].name]));
    let crumbs = &docs[1];
    assert_eq!(crumbs["@type"], "BreadcrumbList");
    let items = crumbs["itemListElement"].as_array().expect("crumbs");
    assert_eq!(items.len(), 3);
    assert_eq!(items[1]["name"], n.tags[0].name.as_str());
    assert_eq!(items[2]["item"], url.as_str());

    assert_eq!(meta(&page, "og:type"), ["article"]);
    assert_eq!(meta(&page, "og:url"), std::slice::from_ref(&url));
    assert_eq!(meta(&page, "og:title"), ["Quay reopens </script> at last"]);
    assert_eq!(meta(&page, "article:published_time"), ["2026-09-25T11:00:00Z"]);
    assert_eq!(meta(&page, "article:author"), [format!("{base}/author/{}/", n.author.slug)]);
    assert_eq!(meta(&page, "article:tag"), [n.tags[0].name.clone(), n.tags[1].name.clone()]);
    assert_eq!(meta(&page, "twitter:card"), ["summary"], "no hero: no large image");
    let canonical = page.select("link[rel=canonical]");
    assert_eq!(canonical[0].value().attr("href"), Some(url.as_str()));

    // With a hero: its image, size and alt, and a large card.
    let s = app.site().store().story(newsdesk_store::StoryKey::Slug("quay-reopens-script-at-last")).await;
    let s = s.expect("q").expect("story");
    let mut input = newsdesk_domain::StoryInput::from_story(&s);
    input.hero = Some(n.hero.id);
    app.site().update_story(s.id, &input).await.expect("update");
    let page = app.get("/quay-reopens-script-at-last/").await;
    let image = format!("{base}{}", n.hero.url());
    assert_eq!(meta(&page, "og:image"), std::slice::from_ref(&image));
    assert_eq!(meta(&page, "og:image:width"), ["1200"]);
    assert_eq!(meta(&page, "twitter:card"), ["summary_large_image"]);
    let a = &jsonld(&page)[0];
    assert_eq!(a["image"][0]["url"], image.as_str());
    assert_eq!((a["image"][0]["width"].as_u64(), a["image"][0]["height"].as_u64()), (Some(1200), Some(675)));

    // Other pages: a website card; an author's page a Person.
    let front = app.get("/").await;
    assert_eq!(meta(&front, "og:type"), ["website"]);
    assert_eq!(meta(&front, "og:site_name"), ["The Test Gazette"]);
    let profile = app.get(&format!("/author/{}/", n.author.slug)).await;
    let person = &jsonld(&profile)[0];
    assert_eq!(person["@type"], "Person");
    assert_eq!(person["name"], n.author.name.as_str());
    assert_eq!(person["url"], format!("{base}/author/{}/", n.author.slug));
    app.stop().await;
}
