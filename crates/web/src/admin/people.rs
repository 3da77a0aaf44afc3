//! Accounts: the list, invitations with one-time links, roles, suspension.

use axum::{
    Form,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use minijinja::Value;
use newsdesk_domain::{Action, Role, UserId, UserInput};
use serde::{Deserialize, Serialize};

use super::{auth::Signed, base, page};
use crate::{AppState, WebError};

#[derive(Serialize)]
struct UserRow {
    id: i64,
    name: String,
    email: String,
    role: Role,
    suspended: bool,
    has_password: bool,
    is_me: bool,
}

async fn people_page(state: &AppState, signed: &Signed, link: Option<(String, String)>) -> Result<Response, WebError> {
    let me = signed.0.user.id;
    let users: Vec<UserRow> = state
        .site
        .users()
        .await?
        .into_iter()
        .map(|u| UserRow {
            id: u.id.0,
            is_me: u.id == me,
            name: u.name,
            email: u.email,
            role: u.role,
            suspended: u.suspended,
            has_password: u.has_password,
        })
        .collect();
    let mut ctx = base(state, Some(&signed.0), &signed.0.csrf_token, "users", "People");
    ctx.extend([
        ("users", Value::from_serialize(&users)),
        ("roles", Value::from_serialize(Role::ALL.map(|r| r.as_str()))),
        ("link", Value::from(link.as_ref().map(|(l, _)| l.clone()))),
        ("link_for", Value::from(link.map(|(_, who)| who))),
    ]);
    page(state, "users.html", ctx)
}

pub(crate) async fn list(State(state): State<AppState>, signed: Signed) -> Result<Response, WebError> {
    signed.require(Action::Administer)?;
    people_page(&state, &signed, None).await
}

fn link_url(state: &AppState, token: &str) -> String {
    crate::views::absolute(state, &format!("/admin/sign-in/{token}"))
}

#[derive(Deserialize)]
pub(crate) struct InviteForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

pub(crate) async fn invite(
    State(state): State<AppState>,
    signed: Signed,
    Form(f): Form<InviteForm>,
) -> Result<Response, WebError> {
    signed.require(Action::Administer)?;
    let input = UserInput { email: f.email, name: f.name, role: f.role };
    let (user, token) = state.site.create_user(&input, None, Some(&signed.0.user)).await?;
    tracing::info!(by = %signed.0.user.id, user = %user.id, role = %user.role, "account invited");
    people_page(&state, &signed, Some((link_url(&state, &token), user.email))).await
}

pub(crate) async fn new_link(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    signed.require(Action::Administer)?;
    let user =
        state.site.store().user(UserId(id)).await.map_err(newsdesk_site::SiteError::from)?.ok_or(WebError::NotFound)?;
    let token = state.site.sign_in_link(user.id, Some(signed.0.user.id)).await?;
    people_page(&state, &signed, Some((link_url(&state, &token), user.email))).await
}

async fn set_suspended(state: AppState, signed: Signed, id: i64, suspended: bool) -> Result<Response, WebError> {
    signed.require(Action::Administer)?;
    state.site.set_suspended(&signed.0.user, UserId(id), suspended).await?;
    Ok(Redirect::to("/admin/users").into_response())
}

pub(crate) async fn suspend(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    set_suspended(state, signed, id, true).await
}

pub(crate) async fn restore(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    set_suspended(state, signed, id, false).await
}

#[derive(Deserialize)]
pub(crate) struct RoleForm {
    #[serde(default)]
    role: String,
}

pub(crate) async fn change_role(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(f): Form<RoleForm>,
) -> Result<Response, WebError> {
    signed.require(Action::Administer)?;
    let role: Role =
        f.role.parse().map_err(|e: newsdesk_domain::ValidationError| WebError::BadRequest(e.to_string()))?;
    state.site.set_role(&signed.0.user, UserId(id), role).await?;
    Ok(Redirect::to("/admin/users").into_response())
}

/// One's own account: who the newsroom thinks you are, and a way to end
/// every session.
pub(crate) async fn account(State(state): State<AppState>, signed: Signed) -> Result<Response, WebError> {
    let u = &signed.0.user;
    let mut ctx = base(&state, Some(&signed.0), &signed.0.csrf_token, "account", "Your account");
    ctx.push(("account", Value::from_serialize(AccountView { name: &u.name, email: &u.email, role: u.role })));
    page(&state, "account.html", ctx)
}

#[derive(Serialize)]
struct AccountView<'a> {
    name: &'a str,
    email: &'a str,
    role: Role,
}
