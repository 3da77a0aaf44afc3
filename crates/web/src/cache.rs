//! Serving reader pages through the render cache.
//!
//! Handlers render a page and attach what it shows ([`PageOut`]); this
//! middleware compresses it, keeps it, and answers later requests for the
//! same URL from memory: no handler, no database, no lock of ours. Hits and
//! misses go through the same `respond`, so they send the same bytes.

use std::sync::Arc;

use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use newsdesk_domain::StoryId;
use newsdesk_site::{
    cache::{Deps, Encoding, Page, negotiate},
    is_crawler,
};

use crate::{AppState, router::security_headers};

/// Browsers may reuse a page for 30 s; shared caches (a CDN) for 5 minutes,
/// purging by `Surrogate-Key` when something changes, and serving a stale
/// copy for a minute while they fetch a fresh one.
pub(crate) const PAGE_CACHE_CONTROL: &str = "public, max-age=30, s-maxage=300, stale-while-revalidate=60";

/// A rendered page and what it shows.
struct Rendered {
    html: String,
    deps: Deps,
    story: Option<StoryId>,
    content_type: &'static str,
}

/// Hands a rendered page from a handler to the cache, as a response
/// extension (which must be `Clone`, hence the shared slot).
#[derive(Clone)]
pub(crate) struct PageOut(Arc<std::sync::Mutex<Option<Rendered>>>);

impl PageOut {
    pub fn new(html: String, deps: Deps, story: Option<StoryId>) -> Self {
        Self::typed(html, deps, story, "text/html; charset=utf-8")
    }

    /// A document other than a page: a feed, served as `content_type`.
    pub fn typed(body: String, deps: Deps, story: Option<StoryId>, content_type: &'static str) -> Self {
        Self(Arc::new(std::sync::Mutex::new(Some(Rendered { html: body, deps, story, content_type }))))
    }

    fn take(&self) -> Option<Rendered> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// What a request asks of the render cache.
struct Lookup {
    key: String,
    encoding: Encoding,
    if_none_match: Option<String>,
    /// A reader's page view, to be counted (not a crawler's, not a `HEAD`).
    counts: bool,
    head: bool,
}

impl Lookup {
    /// `None` unless the request is a `GET` or `HEAD`.
    fn of(req: &Request) -> Option<Lookup> {
        let method = req.method();
        if method != Method::GET && method != Method::HEAD {
            return None;
        }
        let key = req.uri().path_and_query().map_or_else(|| req.uri().path().to_owned(), |p| p.as_str().to_owned());
        let headers = req.headers();
        Some(Lookup {
            key,
            encoding: negotiate(header_str(headers, header::ACCEPT_ENCODING)),
            if_none_match: header_str(headers, header::IF_NONE_MATCH).map(str::to_owned),
            counts: method == Method::GET && !is_crawler(header_str(headers, header::USER_AGENT)),
            head: method == Method::HEAD,
        })
    }

    fn respond(&self, state: &AppState, page: &Page, cache: &'static str) -> Response {
        if self.counts
            && let Some(id) = page.story
        {
            state.site.views().record(id);
        }
        respond(page, self.encoding, self.if_none_match.as_deref(), self.head, cache)
    }
}

/// Answers a request from the render cache, if it is for a page held there.
/// Runs before routing: a hit costs no router, middleware or handler.
pub(crate) fn hit(state: &AppState, req: &Request) -> Option<Response> {
    let lookup = Lookup::of(req)?;
    let page = state.site.cache().get(&lookup.key)?;
    Some(lookup.respond(state, &page, "HIT"))
}

/// Renders a page that was not in the cache, and keeps it.
pub(crate) async fn page_cache(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(lookup) = Lookup::of(&req) else { return next.run(req).await };
    let cache = state.site.cache();
    // Cached between the check before routing and this one.
    if let Some(page) = cache.get(&lookup.key) {
        return lookup.respond(&state, &page, "HIT");
    }
    let epoch = cache.epoch();
    let mut res = next.run(req).await;
    let Some(Rendered { html, deps, story, content_type }) =
        res.extensions_mut().remove::<PageOut>().and_then(|p| p.take())
    else {
        return res;
    };
    let encodings: Vec<Encoding> = if cache.enabled() { cache.encodings().to_vec() } else { vec![lookup.encoding] };
    let page = Arc::new(Page::build(html, deps, story, &encodings).with_content_type(content_type));
    if res.status() == StatusCode::OK {
        cache.insert(lookup.key.clone(), page.clone(), epoch);
    }
    lookup.respond(&state, &page, "MISS")
}

fn respond(page: &Page, wanted: Encoding, if_none_match: Option<&str>, head: bool, cache: &'static str) -> Response {
    let (encoding, body) = page.body(wanted);
    let etag = page.etag(encoding);
    let mut headers = HeaderMap::new();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(PAGE_CACHE_CONTROL));
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if let Ok(v) = HeaderValue::from_str(etag) {
        headers.insert(header::ETAG, v);
    }
    if let Ok(v) = HeaderValue::from_maybe_shared(page.surrogate_keys.clone()) {
        headers.insert("surrogate-key", v);
    }
    headers.insert("x-cache", HeaderValue::from_static(cache));
    for (name, value) in security_headers() {
        headers.insert(name, value);
    }
    let matches = if_none_match.is_some_and(|inm| inm.split(',').map(str::trim).any(|t| t == etag || t == "*"));
    if matches {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(page.content_type));
    if let Some(name) = encoding.header() {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    let body = if head { Body::empty() } else { Body::from(body) };
    (StatusCode::OK, headers, body).into_response()
}
