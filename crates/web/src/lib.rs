//! Newsdesk's HTTP layer: the reader site, the newsroom at `/admin/`, media
//! files and theme assets.
//!
//! Handlers are thin: they parse the request, ask the [`Site`] services for a
//! read model, turn it into view structs (`views.rs`) and render a theme
//! template. Errors are mapped to HTTP in one place (`error.rs`).
//!
//! Architecture invariant: this is the only crate that knows HTTP and HTML;
//! it never talks to the database except through `Site`.

mod admin;
mod cache;
mod content_api;
mod error;
mod feeds;
mod json_api;
mod media;
mod reader;
mod router;
mod sitemaps;
mod social;
mod theme;
mod views;

use std::{path::PathBuf, sync::Arc};

use newsdesk_site::Site;

pub use admin::AdminUi;
pub use error::WebError;
pub use router::{App, router};
pub use theme::{Theme, ThemeError};

/// What every handler can reach. Cloned for every request, so it holds
/// only shared pointers.
#[derive(Clone)]
pub struct AppState {
    pub site: Arc<Site>,
    pub theme: Arc<Theme>,
    /// Holds `images/`, served under `/content/images/`.
    pub content_dir: Arc<PathBuf>,
    /// The newsroom's templates and stylesheet.
    pub admin: Arc<AdminUi>,
}
