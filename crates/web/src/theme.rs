//! The theme: templates and assets embedded in the binary, any of which an
//! outlet can override by putting a file of the same name in its theme
//! folder (`templates/NAME.html`, `assets/NAME`).

use std::path::{Path, PathBuf};

use minijinja::Environment;
use newsdesk_domain::text::escape_html;

/// The default theme's files, compiled in.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../theme/templates/base.html")),
    ("macros.html", include_str!("../theme/templates/macros.html")),
    ("index.html", include_str!("../theme/templates/index.html")),
    ("story.html", include_str!("../theme/templates/story.html")),
    ("news_feed.html", include_str!("../theme/templates/news_feed.html")),
    ("tag.html", include_str!("../theme/templates/tag.html")),
    ("author.html", include_str!("../theme/templates/author.html")),
    ("video.html", include_str!("../theme/templates/video.html")),
    ("error.html", include_str!("../theme/templates/error.html")),
];

const ASSETS: &[(&str, &str, &str)] = &[
    ("style.css", "text/css; charset=utf-8", include_str!("../theme/assets/style.css")),
    ("site.js", "text/javascript; charset=utf-8", include_str!("../theme/assets/site.js")),
];

#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("theme folder {0} does not exist or is not a folder")]
    Missing(PathBuf),
    #[error("theme template {name}: {source}")]
    Template { name: String, source: minijinja::Error },
}

/// A served asset: its bytes and content type.
#[derive(Clone, Debug)]
pub struct Asset {
    pub body: axum::body::Bytes,
    pub content_type: &'static str,
}

/// A template environment as every template of ours wants it: missing
/// values render empty, and HTML is escaped by the five special characters
/// only (minijinja's default also escapes '/', which bloats every URL).
pub(crate) fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    env.set_formatter(|out, state, value| {
        if state.auto_escape() != minijinja::AutoEscape::None
            && !value.is_safe()
            && let Some(s) = value.as_str()
        {
            return out.write_str(&escape_html(s)).map_err(minijinja::Error::from);
        }
        minijinja::escape_formatter(out, state, value)
    });
    env
}

pub struct Theme {
    env: Environment<'static>,
    assets: Vec<(String, Asset)>,
    /// Changes when any asset changes; appended to asset URLs so they can be
    /// cached for a year.
    pub asset_version: String,
}

impl Theme {
    /// Loads the default theme, with files from `dir` taking precedence.
    /// Every template is compiled now, so a broken override fails at start.
    pub fn load(dir: Option<&Path>) -> Result<Theme, ThemeError> {
        if let Some(d) = dir
            && !d.is_dir()
        {
            return Err(ThemeError::Missing(d.to_owned()));
        }
        let mut env = environment();
        for (name, default) in TEMPLATES {
            let source = dir
                .map(|d| d.join("templates").join(name))
                .and_then(|p| std::fs::read_to_string(p).ok())
                .unwrap_or_else(|| (*default).to_owned());
            env.add_template_owned(*name, source)
                .map_err(|source| ThemeError::Template { name: (*name).to_owned(), source })?;
        }
        let mut assets = Vec::new();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for (name, content_type, default) in ASSETS {
            let body: Vec<u8> = dir
                .map(|d| d.join("assets").join(name))
                .and_then(|p| std::fs::read(p).ok())
                .unwrap_or_else(|| default.as_bytes().to_vec());
            for b in &body {
                hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
            }
            assets.push(((*name).to_owned(), Asset { body: axum::body::Bytes::from(body), content_type }));
        }
        Ok(Theme { env, assets, asset_version: format!("{:x}", hash & 0xffff_ffff) })
    }

    pub fn render(&self, name: &str, ctx: minijinja::Value) -> Result<String, minijinja::Error> {
        self.env.get_template(name)?.render(ctx)
    }

    pub fn asset(&self, name: &str) -> Option<&Asset> {
        self.assets.iter().find(|(n, _)| n == name).map(|(_, a)| a)
    }
}
