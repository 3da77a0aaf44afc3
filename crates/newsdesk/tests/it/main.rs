//! End-to-end tests: the real server on an ephemeral port, spoken to over
//! HTTP, with the HTML parsed. One test binary; `helpers` holds `TestApp`.

mod admin;
mod browser;
mod cache;
mod cli;
mod content_api;
mod curation;
mod demo;
mod feeds;
mod helpers;
mod html;
mod media;
mod newsroom;
mod pages;
mod paging;
mod sanitiser;
mod site_admin;
mod sitemaps;
mod structured;
mod views;
mod webhooks;
