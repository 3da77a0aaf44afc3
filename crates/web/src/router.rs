//! The one route table.

use std::{
    convert::Infallible,
    future::Future,
    pin::Pin,
    task::{Context, Poll},
};

use axum::{
    Router,
    extract::Request,
    http::{HeaderName, HeaderValue, StatusCode, header},
    middleware,
    response::{IntoResponse, Response},
    routing::{future::RouteFuture, get},
};
use tower::{Service, ServiceBuilder};
use tower_http::{services::ServeDir, set_header::SetResponseHeaderLayer};

use crate::{
    AppState, admin,
    cache::{self, page_cache},
    content_api,
    error::error_pages,
    feeds, json_api, media, reader, sitemaps,
};

/// Headers every response carries.
pub(crate) fn security_headers() -> [(HeaderName, HeaderValue); 4] {
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

/// The whole application as one service. Cached pages are answered before
/// routing (see [`cache::hit`]); everything else goes through the router.
#[derive(Clone)]
pub struct App {
    state: AppState,
    router: Router,
}

impl App {
    pub fn new(state: AppState) -> App {
        App { router: router(state.clone()), state }
    }
}

impl Service<Request> for App {
    type Response = Response;
    type Error = Infallible;
    type Future = AppFuture;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        // The router is always ready.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request) -> AppFuture {
        match cache::hit(&self.state, &req) {
            Some(res) => AppFuture::Hit(Some(res)),
            None => AppFuture::Routed(Box::pin(self.router.call(req))),
        }
    }
}

/// A response from the cache at once, or the router's future.
pub enum AppFuture {
    Hit(Option<Response>),
    Routed(Pin<Box<RouteFuture<Infallible>>>),
}

impl Future for AppFuture {
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            AppFuture::Hit(res) => {
                Poll::Ready(Ok(res.take().unwrap_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response())))
            }
            AppFuture::Routed(f) => f.as_mut().poll(cx),
        }
    }
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
        .route("/rss/", get(feeds::site))
        .route("/tag/{slug}/rss/", get(feeds::tag))
        .route("/author/{slug}/rss/", get(feeds::author))
        .route("/{slug}/", get(reader::story))
        .route_layer(middleware::from_fn_with_state(state.clone(), page_cache));

    // The Ghost-compatible Content API.
    let content_api = Router::new()
        .route("/posts/", get(content_api::posts))
        .route("/posts/{id}/", get(content_api::post_by_id))
        .route("/posts/slug/{slug}/", get(content_api::post_by_slug))
        .route("/pages/", get(content_api::pages))
        .route("/tags/", get(content_api::tags))
        .route("/tags/{id}/", get(content_api::tag_by_id))
        .route("/tags/slug/{slug}/", get(content_api::tag_by_slug))
        .route("/authors/", get(content_api::authors))
        .route("/authors/{id}/", get(content_api::author_by_id))
        .route("/authors/slug/{slug}/", get(content_api::author_by_slug))
        .route("/settings/", get(content_api::settings))
        .fallback(content_api::unknown)
        .layer(middleware::from_fn(content_api::headers));

    // Newsdesk's own JSON API and the document describing both APIs.
    let json_api = Router::new()
        .route("/api/v1/news-feed", get(json_api::news_feed))
        .route("/api/v1/kinds/{kind}", get(json_api::kind))
        .route("/api/v1/lists/{list}", get(json_api::list))
        .route("/api/v1/popular", get(json_api::popular))
        .route("/api/openapi.json", get(json_api::openapi))
        .layer(middleware::from_fn(content_api::headers));

    let mut app = Router::new()
        .merge(pages)
        .merge(json_api)
        .nest("/ghost/api/content", content_api)
        .merge(admin::routes(state.clone()))
        .route("/tag/{slug}", get(reader::add_slash))
        .route("/author/{slug}", get(reader::add_slash))
        .route("/news-feed", get(reader::add_slash))
        .route("/video", get(reader::add_slash))
        .route("/rss", get(reader::add_slash))
        .route("/tag/{slug}/rss", get(reader::add_slash))
        .route("/author/{slug}/rss", get(reader::add_slash))
        .route("/{slug}", get(sitemaps::top_level))
        .route("/sitemap.xml", get(sitemaps::index))
        .route("/sitemap-posts.xml", get(sitemaps::first_posts))
        .route("/sitemap-tags.xml", get(sitemaps::tags))
        .route("/sitemap-authors.xml", get(sitemaps::authors))
        .route("/sitemap-news.xml", get(sitemaps::news))
        .route("/robots.txt", get(sitemaps::robots))
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
