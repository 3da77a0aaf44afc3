//! Hostile bodies come out harmless on the page itself.

use chrono::Duration;
use newsdesk_domain::{StoryInput, StoryKind, StoryStatus};

use crate::helpers::{TestApp, newsroom, t0};

#[tokio::test]
async fn a_story_body_cannot_inject_script_into_the_page() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let mut s = StoryInput::new(StoryKind::Article, "Hostile body", vec![n.author.id]);
    s.status = StoryStatus::Published;
    s.published_at = Some(t0() - Duration::hours(1));
    s.standfirst = "<script>alert('standfirst')</script>".into();
    s.body = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "[click](javascript:alert(3))",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<a href=\"data:text/html,<script>alert(4)</script>\">x</a>",
        "<div style=\"position:fixed\" onclick=\"alert(5)\">x</div>",
    ]
    .join("\n\n");
    app.site().create_story(&s).await.expect("story");
    let page = app.get("/hostile-body/").await;
    assert_eq!(page.status, 200);
    let body = page.select(".story__body")[0].html().to_lowercase();
    for bad in ["<script", "onerror", "javascript:", "<iframe", "data:text", "onclick", "style="] {
        assert!(!body.contains(bad), "{bad} survived: {body}");
    }
    // The standfirst is text, escaped by the template.
    assert!(page.text.contains("&lt;script&gt;alert(&#39;standfirst&#39;)&lt;/script&gt;"));
    let scripts: Vec<_> = page
        .select("script:not([type='application/ld+json'])")
        .iter()
        .map(|s| s.value().attr("src").map(str::to_owned))
        .collect();
    assert_eq!(scripts.len(), 1, "only the theme's own script");
    // Structured data carries the hostile standfirst as data, still JSON.
    for data in page.select("script[type='application/ld+json']") {
        let text: String = data.text().collect();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert!(json.is_object());
    }
    assert!(scripts[0].as_deref().is_some_and(|s| s.starts_with("/assets/site.js")));
    app.stop().await;
}
