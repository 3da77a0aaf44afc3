//! The newsroom at `/admin/`: server-rendered pages that work without
//! JavaScript. Every route runs behind [`auth::guard`], which finds the
//! session and checks the CSRF token of anything that changes state;
//! handlers then check the account's role.

mod api_keys;
mod auth;
mod authors;
mod brief;
mod curation;
mod editor;
mod forms;
mod media;
mod people;
mod revisions;
mod settings;
mod sign_in;
mod stories;
mod tags;
mod ui;
mod webhooks;

use axum::{
    Router,
    http::{HeaderValue, header},
    middleware,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use minijinja::Value;
use newsdesk_domain::{Action, Role};
use serde::Serialize;

use crate::{AppState, WebError};

pub use ui::AdminUi;

pub(crate) fn routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/admin", get(|| async { Redirect::permanent("/admin/") }))
        .route("/admin/", get(|| async { Redirect::to("/admin/stories") }))
        .route("/admin/sign-in", get(sign_in::form).post(sign_in::submit))
        .route("/admin/sign-in/{token}", get(sign_in::link_form).post(sign_in::link_submit))
        .route("/admin/sign-out", post(sign_in::sign_out))
        .route("/admin/sign-out-everywhere", post(sign_in::sign_out_everywhere))
        .route("/admin/account", get(people::account))
        .route("/admin/stories", get(stories::list))
        .route("/admin/stories/lookup", get(stories::lookup))
        .route("/admin/brief", get(brief::form).post(brief::post))
        .route("/admin/stories/new", get(editor::new_form).post(editor::create))
        .route("/admin/stories/preview", post(editor::preview))
        .route("/admin/paste", post(editor::paste))
        .route("/admin/stories/{id}", get(editor::edit_form).post(editor::save))
        .route("/admin/stories/{id}/submit", post(editor::submit))
        .route("/admin/stories/{id}/autosave", post(editor::autosave))
        .route("/admin/stories/{id}/publish", post(editor::publish))
        .route("/admin/stories/{id}/unpublish", post(editor::unpublish))
        .route("/admin/stories/{id}/notes", post(editor::add_note))
        .route("/admin/stories/{id}/delete", post(editor::delete))
        .route("/admin/stories/{id}/restore", post(editor::restore))
        .route("/admin/stories/{id}/revisions", get(revisions::list))
        .route("/admin/stories/{id}/revisions/{rev}/restore", post(revisions::restore))
        .route(
            "/admin/media",
            // The guard has read the body, within the upload limit.
            get(media::library).post(media::upload).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route("/admin/media/{id}", get(media::item).post(media::save))
        .route("/admin/media/{id}/delete", post(media::delete))
        .route("/admin/curation", get(curation::show))
        .route("/admin/curation/{list}", post(curation::edit))
        .route("/admin/settings", get(settings::form).post(settings::save))
        .route("/admin/api-keys", get(api_keys::list).post(api_keys::create))
        .route("/admin/api-keys/revoke", post(api_keys::revoke))
        .route("/admin/webhooks", get(webhooks::list).post(webhooks::create))
        .route("/admin/webhooks/delete", post(webhooks::delete))
        .route("/admin/tags", get(tags::list).post(tags::create))
        .route("/admin/tags/{id}", get(tags::edit).post(tags::save))
        .route("/admin/authors", get(authors::list).post(authors::create))
        .route("/admin/authors/{id}", get(authors::edit).post(authors::save))
        .route("/admin/users", get(people::list).post(people::invite))
        .route("/admin/users/{id}/suspend", post(people::suspend))
        .route("/admin/users/{id}/restore", post(people::restore))
        .route("/admin/users/{id}/role", post(people::change_role))
        .route("/admin/users/{id}/link", post(people::new_link))
        .layer(middleware::from_fn_with_state(state, auth::guard))
        // The stylesheet needs no session: outside the guard, it costs no
        // database query.
        .route("/admin/assets/admin.css", get(stylesheet))
        .route("/admin/assets/admin.js", get(script))
}

fn asset(content_type: &'static str, body: axum::body::Bytes) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable")),
        ],
        body,
    )
        .into_response()
}

async fn stylesheet(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    asset("text/css; charset=utf-8", state.admin.css.clone())
}

async fn script(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    asset("text/javascript; charset=utf-8", state.admin.js.clone())
}

/// The signed-in account as templates see it.
#[derive(Serialize)]
struct Me {
    name: String,
    role: Role,
    is_admin: bool,
    can_curate: bool,
}

/// What every newsroom page gets: the site's name, the account (if any),
/// the CSRF token for its forms, and which section it is in.
fn base(
    state: &AppState,
    session: Option<&newsdesk_site::accounts::Session>,
    csrf: &str,
    section: &str,
    title: &str,
) -> Vec<(&'static str, Value)> {
    let me = session.map(|s| Me {
        name: s.user.name.clone(),
        role: s.user.role,
        is_admin: s.can(Action::Administer),
        can_curate: s.can(Action::Curate),
    });
    vec![
        ("site_name", Value::from(state.site.settings().name.clone())),
        ("asset_version", Value::from(state.admin.asset_version.clone())),
        ("me", Value::from_serialize(me)),
        ("csrf", Value::from(csrf)),
        ("section", Value::from(section)),
        ("title", Value::from(title)),
    ]
}

/// A newsroom page, never stored by browsers or proxies.
fn page(state: &AppState, template: &str, ctx: Vec<(&'static str, Value)>) -> Result<Response, WebError> {
    let html = state.admin.render(template, Value::from_iter(ctx))?;
    Ok(([(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))], axum::response::Html(html)).into_response())
}

/// A message with its first letter made a capital, for the top of a form.
pub(crate) fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The newsroom's error page.
pub(crate) fn error_page(state: &AppState, status: u16, message: &str) -> Result<String, minijinja::Error> {
    let heading = match status {
        401 => "Please sign in",
        403 => "Not allowed",
        404 => "Not found",
        429 => "Too many attempts",
        _ => "Something went wrong",
    };
    let mut ctx = base(state, None, "", "", heading);
    ctx.push(("heading", Value::from(heading)));
    ctx.push(("message", Value::from(message)));
    state.admin.render("error.html", Value::from_iter(ctx))
}
