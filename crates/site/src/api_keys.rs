//! Content API keys: made by administrators (or on the command line),
//! shown once, checked on every API request (from memory for half a
//! minute, so a revoked key stops working on every node within that).

use std::time::Duration;

use newsdesk_domain::{API_KEY_LEN, Action, ApiKey, User, ValidationError, api_key_name, looks_like_api_key};
use tracing::info;

use crate::{
    Result, Site, SiteError,
    accounts::{new_token, token_hash},
};

/// How long a key's check is remembered.
pub const KEY_CHECK_TTL: Duration = Duration::from_secs(30);

pub(crate) fn key_cache() -> moka::sync::Cache<String, bool> {
    moka::sync::Cache::builder().max_capacity(10_000).time_to_live(KEY_CHECK_TTL).build()
}

fn administrator(user: Option<&User>) -> Result<()> {
    match user {
        Some(u) if !u.can(Action::Administer) => Err(SiteError::Forbidden("only administrators manage API keys")),
        _ => Ok(()),
    }
}

impl Site {
    /// Makes a key named `name`; returns it with the key itself, which is
    /// not kept and cannot be shown again. `by` is none on the command line.
    pub async fn create_api_key(&self, by: Option<&User>, name: &str) -> Result<(ApiKey, String)> {
        administrator(by)?;
        let name = api_key_name(name)?;
        let key: String = new_token()?.chars().take(API_KEY_LEN).collect();
        let record =
            self.store.create_api_key(&name, &token_hash(&key), &key[..6], by.map(|u| u.id), self.now()).await?;
        info!(key = %name, "API key created");
        Ok((record, key))
    }

    pub async fn api_keys(&self, by: Option<&User>) -> Result<Vec<ApiKey>> {
        administrator(by)?;
        Ok(self.store.api_keys().await?)
    }

    /// Revokes the key named `name`: API requests with it are refused.
    pub async fn revoke_api_key(&self, by: Option<&User>, name: &str) -> Result<()> {
        administrator(by)?;
        if !self.store.revoke_api_key(name, self.now()).await? {
            return Err(SiteError::Invalid(ValidationError::Unknown { kind: "API key", value: name.to_owned() }));
        }
        self.api_keys.invalidate_all();
        info!(key = %name, "API key revoked");
        Ok(())
    }

    /// Whether `key` is a Content API key in use.
    pub async fn check_api_key(&self, key: &str) -> Result<bool> {
        if !looks_like_api_key(key) {
            return Ok(false);
        }
        let hash = token_hash(key);
        if let Some(ok) = self.api_keys.get(&hash) {
            return Ok(ok);
        }
        let ok = self.store.api_key_valid(&hash).await?;
        self.api_keys.insert(hash, ok);
        Ok(ok)
    }
}
