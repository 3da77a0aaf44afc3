//! The media library through the newsroom: uploads checked from their
//! bytes, refused uploads leaving nothing behind, resized copies on the
//! reader site, words edited and shown at once, usage and deletion.

use std::{io::Cursor, path::Path};

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use newsdesk_domain::{MediaId, StoryKind};
use newsdesk_store::MediaFilter;

use crate::{
    admin::account,
    helpers::{TestApp, newsroom, publish, t0},
};

/// A real image file: a gradient, so encoders have something to do.
fn image_file(w: u32, h: u32, format: ImageFormat) -> Vec<u8> {
    let img = DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |x, y| {
        Rgb([(x * 255 / w.max(1)) as u8, (y * 255 / h.max(1)) as u8, 120])
    }));
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).expect("encode");
    out.into_inner()
}

/// Every file below a folder, as paths relative to it.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).expect("below").display().to_string());
            }
        }
    }
    out.sort();
    out
}

async fn library_size(app: &TestApp) -> usize {
    app.site().store().media_library(&MediaFilter::default(), 100).await.expect("library").len()
}

fn media_id_of(location: &str) -> MediaId {
    let id = location
        .strip_prefix("/admin/media/")
        .and_then(|r| r.strip_suffix("?uploaded=1"))
        .unwrap_or_else(|| panic!("unexpected redirect {location}"));
    MediaId(id.parse().expect("id"))
}

#[tokio::test]
async fn an_upload_gets_resized_copies_that_the_reader_site_offers() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let (_, mut ed) = account(&app, "ed@example.org", "editor").await;
    let jpeg = image_file(1200, 800, ImageFormat::Jpeg);
    let fields = [("alt", "Cranes over the quay"), ("caption", "The quay at dawn"), ("credit", "Mira Holt")];
    let res = ed.upload("/admin/media", &fields, ("Quay at Dawn.JPG", &jpeg), false).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let id = media_id_of(res.header("location"));
    let m = app.site().store().media(id).await.expect("q").expect("stored");
    assert_eq!((m.width, m.height, m.mime.as_str()), (1200, 800, "image/jpeg"));
    assert_eq!(m.variants, vec![300, 600, 1000]);
    assert!(m.webp);
    assert!(m.path.starts_with("2026/") && m.path.contains("/quay-at-dawn-"), "{}", m.path);
    assert_eq!(m.original_name, "Quay at Dawn.JPG");
    // Every copy is on disk and served, the WebP ones as WebP.
    let images = app.content.path().join("images");
    assert_eq!(files_under(&images).len(), 8);
    for file in m.files() {
        let res = app.get(&format!("/content/images/{file}")).await;
        assert_eq!(res.status, 200, "{file}");
        let decoded = image::load_from_memory(&res.bytes).expect("an image");
        if file.ends_with(".webp") {
            assert_eq!(image::guess_format(&res.bytes).expect("format"), ImageFormat::WebP, "{file}");
        }
        if file.contains("-600w.") {
            assert_eq!((decoded.width(), decoded.height()), (600, 400), "{file}");
        }
    }
    // The library page shows it, with its details page one click away.
    let library = ed.get("/admin/media").await;
    assert!(library.text.contains("Quay at Dawn.JPG") && library.text.contains("1200 × 800"), "{}", library.text);

    // A story with it as hero offers the copies to readers' browsers.
    let story = publish(&app, &n, StoryKind::Article, "Cranes return to the quay", t0()).await;
    let s = app.site().store().story(newsdesk_store::StoryKey::Id(story)).await.expect("q").expect("story");
    let mut input = newsdesk_domain::StoryInput::from_story(&s);
    input.hero = Some(id);
    app.site().update_story(story, &input).await.expect("update");
    let page = app.get(&format!("/{}/", s.slug)).await;
    let source = page.select(".story__hero picture source[type='image/webp']");
    let webp = source.first().and_then(|e| e.value().attr("srcset")).expect("a WebP source");
    assert!(webp.contains("-600w.webp 600w") && webp.ends_with(".webp 1200w"), "{webp}");
    let img = page.select(".story__hero img");
    let img = img.first().expect("hero img").value();
    assert!(img.attr("srcset").is_some_and(|s| s.contains("-300w.jpg 300w")), "{:?}", img.attr("srcset"));
    assert!(img.attr("sizes").is_some());
    assert_eq!(img.attr("alt"), Some("Cranes over the quay"));
    // The front page's teaser offers them too.
    let front = app.get("/").await;
    assert!(front.text.contains("-300w.webp 300w"), "teasers offer the copies");

    // Its page says where it is used; new words show on the site at once.
    let item = ed.get(&format!("/admin/media/{id}")).await;
    assert!(item.text.contains("Cranes return to the quay"), "usage listed");
    let res = ed
        .submit(
            &format!("/admin/media/{id}"),
            &format!("/admin/media/{id}"),
            &[("alt", "Three cranes over the quay"), ("caption", "Dawn at the quay"), ("credit", "M. Holt")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let page = app.get(&format!("/{}/", s.slug)).await;
    assert!(page.text.contains("alt=\"Three cranes over the quay\""), "cached page dropped");
    assert!(page.text.contains("Dawn at the quay") && page.text.contains("M. Holt"));
    // Used, it cannot be deleted.
    let res = ed.submit(&format!("/admin/media/{id}"), &format!("/admin/media/{id}/delete"), &[]).await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("still used"));
    assert_eq!(files_under(&images).len(), 8);
    app.stop().await;
}

#[tokio::test]
async fn refused_uploads_say_why_and_leave_nothing_behind() {
    let app = TestApp::spawn().await;
    let (_, mut writer) = account(&app, "c@example.org", "contributor").await;
    let png = image_file(64, 48, ImageFormat::Png);
    let mut truncated = image_file(640, 480, ImageFormat::Jpeg);
    truncated.truncate(truncated.len() / 2);
    // 2,100 × 2,000 is over the test server's 4 megapixels, in a small file.
    let huge = image_file(2100, 2000, ImageFormat::Png);
    let mut heavy = image_file(32, 32, ImageFormat::Jpeg);
    heavy.resize(3 * 1024 * 1024, 0);
    let cases: [(&str, &[u8], &str); 6] = [
        ("holiday.jpg", &png, "named .jpg but is a PNG image"),
        ("notes.png", b"Meeting notes, not a picture at all.", "not a JPEG, PNG, WebP or GIF image"),
        ("cut.jpg", &truncated, "damaged or incomplete"),
        ("huge.png", &huge, "2100 × 2000 pixels"),
        ("heavy.jpg", &heavy, "the largest file accepted is 2.0 MB"),
        ("empty.jpg", b"", "is empty"),
    ];
    for (name, bytes, why) in cases {
        let res = writer.upload("/admin/media", &[("alt", "x")], (name, bytes), false).await;
        assert_eq!(res.status, 422, "{name}: {}", res.text);
        let error = res.select("[role=alert]");
        let shown = error.first().map(|e| e.text().collect::<String>()).unwrap_or_default();
        assert!(shown.contains(why), "{name}: {shown:?} should say {why:?}");
        let res = writer.upload("/admin/media", &[("alt", "x")], (name, bytes), true).await;
        assert_eq!(res.status, 422, "{name}");
        let body: serde_json::Value = serde_json::from_slice(&res.bytes).expect("JSON");
        assert!(body["error"].as_str().is_some_and(|e| e.contains(why)), "{name}: {body}");
    }
    assert_eq!(library_size(&app).await, 0, "no record");
    assert_eq!(files_under(&app.content.path().join("images")), Vec::<String>::new(), "no file");
    // Far over the limit, the body is not read to its end: the answer is a
    // 413, or (when the server stops reading first) a closed connection.
    // (On a client of its own: the connection is closed under it.)
    let vast = reqwest::Client::new()
        .post(format!("{}/admin/media", app.base))
        .header("content-type", "multipart/form-data; boundary=x")
        .header("cookie", writer.cookie_header())
        .body(vec![b'x'; 7 * 1024 * 1024])
        .send()
        .await;
    if let Ok(res) = vast {
        assert_eq!(res.status().as_u16(), 413);
    }
    // Without the form's token, nothing is uploaded.
    let res = writer.upload("", &[], ("fine.png", &png), false).await;
    assert_eq!(res.status, 403);
    assert_eq!(library_size(&app).await, 0);
    app.stop().await;
}

#[tokio::test]
async fn each_format_is_accepted_and_gifs_are_kept_as_sent() {
    let app = TestApp::spawn().await;
    let (_, mut writer) = account(&app, "a@example.org", "author").await;
    for (name, format, variants, files) in [
        ("chart.png", ImageFormat::Png, vec![300, 600], 6),
        ("still.webp", ImageFormat::WebP, vec![300, 600], 3),
        ("loop.gif", ImageFormat::Gif, vec![], 1),
    ] {
        let bytes = image_file(700, 350, format);
        let res = writer.upload("/admin/media", &[], (name, &bytes), true).await;
        assert_eq!(res.status, 201, "{name}: {}", res.text);
        let body: serde_json::Value = serde_json::from_slice(&res.bytes).expect("JSON");
        let id = MediaId(body["id"].as_i64().expect("id"));
        let m = app.site().store().media(id).await.expect("q").expect("stored");
        assert_eq!(m.variants, variants, "{name}");
        assert_eq!(m.files().len(), files, "{name}");
        assert_eq!(
            body["thumb"].as_str(),
            Some(m.variants.first().map_or(m.url(), |w| m.copy_url(Some(*w), None)).as_str())
        );
        if format == ImageFormat::Gif {
            let served = app.get(&m.url()).await;
            assert_eq!(served.bytes, bytes, "a GIF is served as uploaded");
        }
    }
    app.stop().await;
}

#[tokio::test]
async fn the_editor_uploads_a_hero_and_comes_back_with_it_chosen() {
    let app = TestApp::spawn().await;
    let (_, mut ed) = account(&app, "ed@example.org", "editor").await;
    let jpeg = image_file(900, 600, ImageFormat::Jpeg);
    let res = ed
        .upload("/admin/stories/new", &[("back", "/admin/stories/new"), ("alt", "Gulls")], ("gulls.jpg", &jpeg), false)
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let location = res.header("location").to_owned();
    let id = location.strip_prefix("/admin/stories/new?hero=").expect("back to the editor");
    let form = ed.get(&location).await;
    let chosen = form.select("select[name=hero] option[selected]");
    assert_eq!(chosen.first().and_then(|o| o.value().attr("value")), Some(id));
    assert!(form.text.contains("save the story to keep it"));
    // Picked from the library instead: each image offers itself as the hero.
    let library = ed.get("/admin/media?back=/admin/stories/new").await;
    let uses: Vec<String> =
        library.select("a.use").iter().filter_map(|a| a.value().attr("href").map(str::to_owned)).collect();
    assert_eq!(uses, [format!("/admin/stories/new?hero={id}")]);
    // Somewhere else to go back to is ignored.
    let res = ed.upload("/admin/media", &[("back", "https://elsewhere.example/")], ("g2.jpg", &jpeg), false).await;
    assert!(res.header("location").starts_with("/admin/media/"), "{}", res.header("location"));
    app.stop().await;
}

#[tokio::test]
async fn only_editors_change_others_images_and_delete_unused_ones() {
    let app = TestApp::spawn().await;
    let (_, mut contributor) = account(&app, "c@example.org", "contributor").await;
    let (_, mut other) = account(&app, "c2@example.org", "contributor").await;
    let (_, mut ed) = account(&app, "ed@example.org", "editor").await;
    let png = image_file(400, 300, ImageFormat::Png);
    let res = contributor.upload("/admin/media", &[("alt", "Mine")], ("mine.png", &png), false).await;
    let id = media_id_of(res.header("location"));
    let path = format!("/admin/media/{id}");
    let words = [("alt", "Changed"), ("caption", ""), ("credit", "")];
    assert_eq!(contributor.submit(&path, &path, &words).await.status, 303, "their own upload");
    assert_eq!(other.submit(&path, &path, &words).await.status, 403, "someone else's");
    assert_eq!(contributor.submit(&path, &format!("{path}/delete"), &[]).await.status, 403);
    let too_long = "x".repeat(501);
    let res = ed.submit(&path, &path, &[("alt", &too_long), ("caption", ""), ("credit", "")]).await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("Alt text is too long: 501 characters"), "{}", res.text);
    assert_eq!(app.site().store().media(id).await.expect("q").expect("kept").alt, "Changed");
    let res = ed.submit(&path, &format!("{path}/delete"), &[]).await;
    assert_eq!(res.status, 303);
    assert_eq!(app.site().store().media(id).await.expect("q"), None);
    assert_eq!(files_under(&app.content.path().join("images")), Vec::<String>::new(), "its files went too");
    app.stop().await;
}
