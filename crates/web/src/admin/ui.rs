//! The newsroom's own templates and stylesheet, compiled in. Unlike the
//! reader theme they are not overridable: outlets restyle their site, not
//! their tools.

use axum::body::Bytes;
use minijinja::{Environment, Value};

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../admin/templates/base.html")),
    ("sign_in.html", include_str!("../../admin/templates/sign_in.html")),
    ("set_password.html", include_str!("../../admin/templates/set_password.html")),
    ("error.html", include_str!("../../admin/templates/error.html")),
    ("stories.html", include_str!("../../admin/templates/stories.html")),
    ("users.html", include_str!("../../admin/templates/users.html")),
    ("account.html", include_str!("../../admin/templates/account.html")),
    ("editor.html", include_str!("../../admin/templates/editor.html")),
    ("revisions.html", include_str!("../../admin/templates/revisions.html")),
    ("brief.html", include_str!("../../admin/templates/brief.html")),
    ("media.html", include_str!("../../admin/templates/media.html")),
    ("media_item.html", include_str!("../../admin/templates/media_item.html")),
    ("curation.html", include_str!("../../admin/templates/curation.html")),
    ("settings.html", include_str!("../../admin/templates/settings.html")),
    ("tags.html", include_str!("../../admin/templates/tags.html")),
    ("api_keys.html", include_str!("../../admin/templates/api_keys.html")),
    ("webhooks.html", include_str!("../../admin/templates/webhooks.html")),
    ("authors.html", include_str!("../../admin/templates/authors.html")),
];

const CSS: &str = include_str!("../../admin/assets/admin.css");
/// A little progressive enhancement: every page works without it.
const JS: &str = include_str!("../../admin/assets/admin.js");

pub struct AdminUi {
    env: Environment<'static>,
    pub css: Bytes,
    pub js: Bytes,
    /// Changes with the stylesheet and script, for their cache-busting URLs.
    pub asset_version: String,
}

impl AdminUi {
    pub fn load() -> Result<AdminUi, minijinja::Error> {
        let mut env = crate::theme::environment();
        for (name, source) in TEMPLATES {
            env.add_template(name, source)?;
        }
        let hash = CSS
            .bytes()
            .chain(JS.bytes())
            .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        Ok(AdminUi {
            env,
            css: Bytes::from_static(CSS.as_bytes()),
            js: Bytes::from_static(JS.as_bytes()),
            asset_version: format!("{:x}", hash & 0xffff_ffff),
        })
    }

    pub fn render(&self, name: &str, ctx: Value) -> Result<String, minijinja::Error> {
        self.env.get_template(name)?.render(ctx)
    }
}
