//! Site settings (administrators): name, tagline, logos, navigation, time
//! zone and language. Saving drops every cached page: they all show these.

use axum::{
    Form,
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use minijinja::Value;
use newsdesk_domain::{Action, SiteSettings, parse_navigation};
use newsdesk_site::SiteError;
use serde::{Deserialize, Serialize};

use super::{auth::Signed, base, page, upper_first};
use crate::{AppState, WebError};

/// The form as typed.
#[derive(Deserialize, Serialize, Default)]
pub(crate) struct SettingsForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    tagline: String,
    #[serde(default)]
    logo: String,
    #[serde(default)]
    logo_short: String,
    #[serde(default)]
    navigation: String,
    #[serde(default)]
    timezone: String,
    #[serde(default)]
    locale: String,
}

impl SettingsForm {
    fn of(s: &SiteSettings) -> Self {
        SettingsForm {
            name: s.name.clone(),
            tagline: s.tagline.clone(),
            logo: s.logo.clone().unwrap_or_default(),
            logo_short: s.logo_short.clone().unwrap_or_default(),
            navigation: s.navigation_text(),
            timezone: s.timezone.clone(),
            locale: s.locale.clone(),
        }
    }

    fn settings(&self) -> Result<SiteSettings, newsdesk_domain::ValidationError> {
        let opt = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        Ok(SiteSettings {
            name: self.name.clone(),
            tagline: self.tagline.clone(),
            logo: opt(&self.logo),
            logo_short: opt(&self.logo_short),
            navigation: parse_navigation(&self.navigation)?,
            timezone: self.timezone.trim().to_owned(),
            locale: self.locale.trim().to_owned(),
        })
    }
}

#[derive(Deserialize)]
pub(crate) struct Saved {
    saved: Option<u8>,
}

async fn settings_page(
    state: &AppState,
    signed: &Signed,
    form: &SettingsForm,
    error: Option<String>,
    notice: Option<&str>,
) -> Result<Response, WebError> {
    let images: Vec<String> =
        state.site.store().recent_media(50).await.map_err(SiteError::from)?.into_iter().map(|m| m.url()).collect();
    let zones: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
    let mut ctx = base(state, Some(&signed.0), &signed.0.csrf_token, "settings", "Site settings");
    ctx.extend([
        ("form", Value::from_serialize(form)),
        ("images", Value::from_serialize(&images)),
        ("zones", Value::from_serialize(&zones)),
        ("error", Value::from(error.clone())),
        ("notice", Value::from(notice)),
    ]);
    let mut resp = page(state, "settings.html", ctx)?;
    if error.is_some() {
        *resp.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(resp)
}

pub(crate) async fn form(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<Saved>,
) -> Result<Response, WebError> {
    signed.require(Action::Administer)?;
    let form = SettingsForm::of(&state.site.settings());
    let notice = q.saved.map(|_| "Saved. Every page of the site shows the new settings now.");
    settings_page(&state, &signed, &form, None, notice).await
}

pub(crate) async fn save(
    State(state): State<AppState>,
    signed: Signed,
    Form(form): Form<SettingsForm>,
) -> Result<Response, WebError> {
    signed.require(Action::Administer)?;
    let result = match form.settings() {
        Ok(s) => state.site.change_settings(&signed.0.user, &s).await.map(|_| ()),
        Err(e) => Err(SiteError::Invalid(e)),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/admin/settings?saved=1").into_response()),
        Err(SiteError::Invalid(why)) => {
            settings_page(&state, &signed, &form, Some(upper_first(&why.to_string())), None).await
        }
        Err(e) => Err(e.into()),
    }
}
