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

use crate::AppState;

/// Browsers may reuse a page for 30 s; shared caches (a CDN) for 5 minutes,
/// purging by `Surrogate-Key` when something changes, and serving a stale
/// copy for a minute while they fetch a fresh one.
pub(crate) const PAGE_CACHE_CONTROL: &str = "public, max-age=30, s-maxage=300, stale-while-revalidate=60";

/// A rendered page and what it shows.
struct Rendered {
    html: String,
    deps: Deps,
    story: Option<StoryId>,
}

/// Hands a rendered page from a handler to the cache, as a response
/// extension (which must be `Clone`, hence the shared slot).
#[derive(Clone)]
pub(crate) struct PageOut(Arc<std::sync::Mutex<Option<Rendered>>>);

impl PageOut {
    pub fn new(html: String, deps: Deps, story: Option<StoryId>) -> Self {
        Self(Arc::new(std::sync::Mutex::new(Some(Rendered { html, deps, story }))))
    }

    fn take(&self) -> Option<Rendered> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

pub(crate) async fn page_cache(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    if method != Method::GET && method != Method::HEAD {
        return next.run(req).await;
    }
    let key = req.uri().path_and_query().map_or_else(|| req.uri().path().to_owned(), |p| p.as_str().to_owned());
    let headers = req.headers();
    let encoding = negotiate(header_str(headers, header::ACCEPT_ENCODING));
    let if_none_match = header_str(headers, header::IF_NONE_MATCH).map(str::to_owned);
    let reader = method == Method::GET && !is_crawler(header_str(headers, header::USER_AGENT));
    let head = method == Method::HEAD;
    let site = &state.site;
    let cache = site.cache();

    if let Some(page) = cache.get(&key) {
        if reader && let Some(id) = page.story {
            site.views().record(id);
        }
        return respond(&page, encoding, if_none_match.as_deref(), head, "HIT");
    }

    let epoch = cache.epoch();
    let mut res = next.run(req).await;
    let Some(Rendered { html, deps, story }) = res.extensions_mut().remove::<PageOut>().and_then(|p| p.take()) else {
        return res;
    };
    let encodings: Vec<Encoding> = if cache.enabled() { cache.encodings().to_vec() } else { vec![encoding] };
    let page = Arc::new(Page::build(html, deps, story, &encodings));
    if res.status() == StatusCode::OK {
        cache.insert(key, page.clone(), epoch);
    }
    if reader && let Some(id) = page.story {
        site.views().record(id);
    }
    respond(&page, encoding, if_none_match.as_deref(), head, "MISS")
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
    let matches = if_none_match.is_some_and(|inm| inm.split(',').map(str::trim).any(|t| t == etag || t == "*"));
    if matches {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    if let Some(name) = encoding.header() {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    let body = if head { Body::empty() } else { Body::from(body) };
    (StatusCode::OK, headers, body).into_response()
}
