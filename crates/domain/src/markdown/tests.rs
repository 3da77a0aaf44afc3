use super::*;

fn ctx() -> RenderContext {
    let mut ctx = RenderContext {
        publication: "The Test Gazette".into(),
        base_url: Url::parse("https://news.example.org/").ok(),
        ..RenderContext::default()
    };
    ctx.cards.insert(
        "ferry-strike-ends".into(),
        StoryCard {
            slug: "ferry-strike-ends".into(),
            headline: "Ferry strike ends <after> talks".into(),
            standfirst: "Crews return on Monday.".into(),
            image: Some(CardImage { url: "/content/images/ferry.jpg".into(), width: 1200, height: 675 }),
            author: Some("Ana Ortiz".into()),
        },
    );
    ctx.images.insert("/content/images/quay.jpg".into(), quay(vec![], false));
    ctx
}

fn quay(variants: Vec<u32>, webp: bool) -> Media {
    Media {
        id: crate::MediaId(7),
        path: "quay.jpg".into(),
        mime: "image/jpeg".into(),
        width: 1600,
        height: 900,
        alt: String::new(),
        caption: String::new(),
        credit: String::new(),
        variants,
        webp,
        bytes: 0,
        original_name: String::new(),
        uploaded_by: None,
        created_at: chrono::DateTime::UNIX_EPOCH,
    }
}

fn html(src: &str) -> String {
    render(src, &ctx()).html
}

#[test]
fn renders_commonmark_with_tables_and_smart_quotes() {
    let out = html("A \"quoted\" word.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n# Heading one\n");
    assert!(out.contains("\u{201c}quoted\u{201d}"), "{out}");
    assert!(out.contains("<table>") && out.contains("<td>2</td>"), "{out}");
    assert!(out.contains("<h2>Heading one</h2>") && !out.contains("<h1>"), "{out}");
}

#[test]
fn stand_alone_image_becomes_figure_with_caption_and_credit() {
    let out = html("![Cranes at dusk](/content/images/quay.jpg \"The quay at dusk | Mira Holt/Coastal Photo\")");
    assert_eq!(
        out,
        "<figure class=\"story-figure\"><img src=\"/content/images/quay.jpg\" alt=\"Cranes at dusk\" width=\"1600\" \
         height=\"900\" loading=\"lazy\" decoding=\"async\"><figcaption><span class=\"figure-caption\">The quay at \
         dusk</span> <span class=\"figure-credit\">Mira Holt/Coastal Photo</span></figcaption></figure>"
    );
    // An image inside a sentence stays inline.
    assert!(!html("See ![x](/a.jpg) here").contains("<figure"));
}

#[test]
fn stand_alone_internal_link_becomes_related_story_card() {
    for src in [
        "/ferry-strike-ends/",
        "https://news.example.org/ferry-strike-ends/",
        "<https://news.example.org/ferry-strike-ends/>",
        "[Read this](/ferry-strike-ends/)",
    ] {
        let out = html(&format!("Intro.\n\n{src}\n\nOutro."));
        assert!(out.contains("<aside class=\"related-story\""), "{src}: {out}");
        assert!(out.contains("Ferry strike ends &lt;after&gt; talks"), "{out}");
        assert!(out.contains("related-story__publication\">The Test Gazette<"), "{out}");
        assert!(out.contains("related-story__author\">Ana Ortiz<"), "{out}");
        assert!(out.contains("src=\"/content/images/ferry.jpg\""), "{out}");
    }
    // Unknown stories, other sites and links inside sentences stay links.
    assert!(!html("/no-such-story/").contains("related-story"));
    assert!(!html("https://elsewhere.example/ferry-strike-ends/").contains("related-story"));
    assert!(!html("Read [this](/ferry-strike-ends/) now.").contains("related-story"));
}

#[test]
fn references_lists_cards_and_images() {
    let refs = references(
        "/ferry-strike-ends/\n\nhttps://news.example.org/budget-vote/\n\nsee /inline/ here\n\n![a](/content/images/quay.jpg)",
        ctx().base_url.as_ref(),
    );
    let slugs: Vec<&str> = refs.story_slugs.iter().map(Slug::as_str).collect();
    assert_eq!(slugs, ["ferry-strike-ends", "budget-vote"]);
    assert_eq!(refs.image_urls, ["/content/images/quay.jpg"]);
}

#[test]
fn stand_alone_video_link_becomes_facade_without_third_party_request() {
    let out = html("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    assert!(out.contains("class=\"video-facade\""), "{out}");
    assert!(out.contains("data-video-id=\"dQw4w9WgXcQ\""), "{out}");
    assert!(!out.contains("<iframe") && !out.contains("<img") && !out.contains("<script"), "{out}");
    let vimeo = html("[Watch](https://vimeo.com/76979871)");
    assert!(vimeo.contains("data-provider=\"vimeo\""), "{vimeo}");
}

#[test]
fn attributed_blockquote() {
    let out = html("> We will reopen the quay by spring.\n>\n> -- Harbour master Ilse Varga");
    assert_eq!(
        out,
        "<figure class=\"quote\"><blockquote><p>We will reopen the quay by spring.</p>\n</blockquote>\
         <figcaption>\u{2014} Harbour master Ilse Varga</figcaption></figure>"
    );
    assert!(html("> Just a quote.").starts_with("<blockquote>"));
}

#[test]
fn counts_words() {
    assert_eq!(render("one two\n\n*three* `four`", &ctx()).words, 4);
}

/// Each vector must come out with nothing that runs script or loads a frame.
#[test]
fn sanitiser_removes_xss_vectors() {
    let vectors = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "![x](javascript:alert(1))",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<svg onload=alert(1)>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<style>body{display:none}</style>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<div onclick=\"alert(1)\">x</div>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        "<form action=\"https://evil.example\"><input name=a></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"https://evil.example/\">",
        "<link rel=stylesheet href=\"https://evil.example/x.css\">",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<scr<script>ipt>alert(1)</script>",
        "<div class=\"video-facade\" data-provider=\"youtube\" onmouseover=\"alert(1)\">x</div>",
        "<aside class=\"related-story\"><a href=\"vbscript:msgbox(1)\">x</a></aside>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=alert(1)></video>",
        "<body onload=alert(1)>",
        "<template><script>alert(1)</script></template>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    ];
    for v in vectors {
        let out = html(v).to_lowercase();
        for bad in [
            "<script",
            "javascript:",
            "vbscript:",
            "onerror",
            "onload",
            "onclick",
            "onmouseover",
            "ontoggle",
            "<iframe",
            "<style",
            "style=",
            "<object",
            "<embed",
            "<form",
            "<input",
            "<meta",
            "<base",
            "<link",
            "<svg",
            "<math",
            "data:",
            "<details",
            "<video",
            "<template",
        ] {
            assert!(!out.contains(bad), "vector {v:?} left {bad:?} in {out:?}");
        }
    }
}

#[test]
fn excerpt_cuts_at_word_boundary() {
    assert_eq!(excerpt("**Bold** start of a *long* sentence here", 20), "Bold start of a long\u{2026}");
    assert_eq!(excerpt("Short.", 20), "Short.");
}

#[test]
fn figures_offer_resized_copies_and_webp() {
    let mut c = ctx();
    c.images.insert("/content/images/quay.jpg".into(), quay(vec![600, 1000], true));
    let out = render("![Cranes](/content/images/quay.jpg)", &c).html;
    assert!(
        out.contains("<picture><source type=\"image/webp\" srcset=\"/content/images/quay-600w.webp 600w, "),
        "{out}"
    );
    assert!(out.contains("srcset=\"/content/images/quay-600w.jpg 600w, /content/images/quay-1000w.jpg 1000w, /content/images/quay.jpg 1600w\""), "{out}");
    assert!(out.contains(&format!("sizes=\"{FIGURE_SIZES}\"")), "{out}");
}

#[test]
fn srcset_typed_into_a_body_must_name_the_sites_own_images() {
    let out = html(
        "<img src=\"/content/images/a.jpg\" srcset=\"https://evil.example/x.jpg 2x\" alt=\"\">\n\n<picture><source srcset=\"/content/images/a-300w.jpg 300w\"></picture>",
    );
    assert!(!out.contains("evil.example"), "{out}");
    assert!(out.contains("<source srcset=\"/content/images/a-300w.jpg 300w\">"), "{out}");
}
