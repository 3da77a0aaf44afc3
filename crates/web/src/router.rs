//! The one route table.

use axum::{
    Router,
    http::{HeaderName, HeaderValue, header},
    middleware,
    routing::get,
};
use tower::ServiceBuilder;
use tower_http::{services::ServeDir, set_header::SetResponseHeaderLayer};

use crate::{AppState, cache::page_cache, error::error_pages, media, reader};

/// Headers every response carries.
fn security_headers() -> [(HeaderName, HeaderValue); 4] {
    [
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin")),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN")),
        (
            header::CONTENT_SECURITY_POLICY,
            // Video players load only after a click, from these two hosts.
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; \
                 frame-src https://www.youtube-nocookie.com https://player.vimeo.com; object-src 'none'; \
                 base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
            ),
        ),
    ]
}

pub fn router(state: AppState) -> Router {
    let images = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, media::IMMUTABLE))
        // An SVG opened directly must not run script.
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
        ))
        .service(ServeDir::new(state.content_dir.join("images")));

    // Reader pages, served through the render cache.
    let pages = Router::new()
        .route("/", get(reader::front))
        .route("/news-feed/", get(reader::news_feed))
        .route("/video/", get(reader::video))
        .route("/tag/{slug}/", get(reader::tag))
        .route("/author/{slug}/", get(reader::author))
        .route("/{slug}/", get(reader::story))
        .route_layer(middleware::from_fn_with_state(state.clone(), page_cache));

    let mut app = Router::new()
        .merge(pages)
        .route("/tag/{slug}", get(reader::add_slash))
        .route("/author/{slug}", get(reader::add_slash))
        .route("/news-feed", get(reader::add_slash))
        .route("/video", get(reader::add_slash))
        .route("/{slug}", get(reader::add_slash))
        // Files
        .route("/assets/{file}", get(media::asset))
        .nest_service("/content/images", images)
        .fallback(reader::not_found)
        .layer(middleware::from_fn_with_state(state.clone(), error_pages));
    for (name, value) in security_headers() {
        app = app.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    app.with_state(state)
}
