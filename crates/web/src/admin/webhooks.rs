//! Webhooks (administrators): register an address for story events, see
//! its signing secret and latest deliveries, remove it.

use axum::{
    Form,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use minijinja::Value;
use newsdesk_domain::{Action, WebhookEvent};
use newsdesk_site::SiteError;
use serde::Serialize;

use super::{
    auth::Signed,
    base,
    forms::{Fields, field, when},
    page, upper_first,
};
use crate::{AppState, WebError};

#[derive(Serialize)]
struct DeliveryView {
    event: String,
    created: String,
    attempts: i64,
    state: String,
    error: String,
}

#[derive(Serialize)]
struct HookView {
    id: i64,
    url: String,
    events: Vec<&'static str>,
    secret: String,
    deliveries: Vec<DeliveryView>,
}

async fn hooks_page(state: &AppState, signed: &Signed, error: Option<String>) -> Result<Response, WebError> {
    let tz = state.site.settings().tz();
    let hooks: Vec<HookView> = state
        .site
        .webhooks(&signed.0.user)
        .await?
        .into_iter()
        .map(|(h, recent)| HookView {
            id: h.id,
            url: h.url,
            events: h.events.iter().map(|e| e.as_str()).collect(),
            secret: h.secret,
            deliveries: recent
                .into_iter()
                .map(|d| DeliveryView {
                    event: d.event,
                    created: when(d.created_at, tz),
                    attempts: d.attempts,
                    state: match (d.delivered_at, d.failed_at, d.last_status) {
                        (Some(t), _, s) => format!("delivered {} ({})", when(t, tz), s.unwrap_or(0)),
                        (_, Some(t), _) => format!("given up {}", when(t, tz)),
                        (_, _, Some(s)) => format!("retrying (last answer {s})"),
                        _ if d.attempts > 0 => "retrying".to_owned(),
                        _ => "queued".to_owned(),
                    },
                    error: d.last_error,
                })
                .collect(),
        })
        .collect();
    let mut ctx = base(state, Some(&signed.0), &signed.0.csrf_token, "webhooks", "Webhooks");
    ctx.extend([
        ("hooks", Value::from_serialize(&hooks)),
        ("events", Value::from_serialize(WebhookEvent::ALL.map(|e| e.as_str()))),
        ("error", Value::from(error.clone())),
    ]);
    let mut resp = page(state, "webhooks.html", ctx)?;
    if error.is_some() {
        *resp.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(resp)
}

pub(crate) async fn list(State(state): State<AppState>, signed: Signed) -> Result<Response, WebError> {
    signed.require(Action::Administer)?;
    hooks_page(&state, &signed, None).await
}

pub(crate) async fn create(
    State(state): State<AppState>,
    signed: Signed,
    Form(f): Form<Fields>,
) -> Result<Response, WebError> {
    signed.require(Action::Administer)?;
    let events = f
        .iter()
        .filter(|(k, _)| k == "events")
        .map(|(_, v)| v.parse::<WebhookEvent>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| WebError::BadRequest(e.to_string()))?;
    match state.site.create_webhook(&signed.0.user, field(&f, "url"), &events).await {
        Ok(_) => Ok(Redirect::to("/admin/webhooks").into_response()),
        Err(SiteError::Invalid(why)) => hooks_page(&state, &signed, Some(upper_first(&why.to_string()))).await,
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn delete(
    State(state): State<AppState>,
    signed: Signed,
    Form(f): Form<Fields>,
) -> Result<Response, WebError> {
    signed.require(Action::Administer)?;
    let id: i64 = field(&f, "id").parse().map_err(|_| WebError::BadRequest("Which webhook?".into()))?;
    state.site.delete_webhook(&signed.0.user, id).await?;
    Ok(Redirect::to("/admin/webhooks").into_response())
}
