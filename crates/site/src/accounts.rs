//! Newsroom accounts: one-time sign-in links, passwords (Argon2id), sessions
//! kept in the database (so any app node can check them), CSRF tokens and a
//! limit on failed sign-ins per account and per address.

use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};
use chrono::Duration;
use newsdesk_domain::{Action, AuthorId, Role, User, UserId, UserInput, ValidationError, check_password, parse_email};
use newsdesk_store::NewSession;
use sha2::{Digest, Sha256};

use crate::{Result, Site, SiteError};

/// How long a sign-in link works.
pub const LINK_VALID_DAYS: i64 = 7;
/// A session ends after this long unused.
pub const SESSION_IDLE_DAYS: i64 = 14;
/// Failed sign-ins counted over this window...
pub const FAILURE_WINDOW_MINUTES: i64 = 15;
/// ...at most this many for one account...
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// ...and this many from one address.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
/// A session's last use is written at most this often.
const TOUCH_EVERY_MINUTES: i64 = 5;

/// A signed-in account, as a request sees it.
#[derive(Clone, Debug)]
pub struct Session {
    pub user: User,
    /// Sent back with every form; the web layer's guard compares it.
    pub csrf_token: String,
    token_hash: String,
}

impl Session {
    pub fn can(&self, action: Action) -> bool {
        self.user.can(action)
    }
}

/// A new session's secret, to be set as the cookie.
#[derive(Debug)]
pub struct SignedIn {
    pub token: String,
    pub user: User,
}

/// Why a sign-in failed. Wrong e-mail and wrong password read the same, so
/// the form does not tell which addresses have accounts.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("That e-mail address and password do not match an account.")]
    Mismatch,
    #[error("Too many failed attempts. Wait 15 minutes, or ask an administrator for a sign-in link.")]
    TooMany,
    #[error("This account is suspended. Ask an administrator.")]
    Suspended,
    #[error(transparent)]
    Site(#[from] SiteError),
}

/// A fresh random token: 32 bytes from the operating system, as hex.
pub fn new_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| SiteError::Io(format!("no randomness from the system: {e}")))?;
    Ok(hex(&bytes))
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hashes a password with Argon2id on a blocking thread: it takes tens of
/// milliseconds of CPU by design.
async fn hash_password(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| SiteError::Io(format!("cannot hash password: {e}")))
    })
    .await
    .map_err(|e| SiteError::Io(format!("password hashing stopped: {e}")))?
}

async fn verify_password(password: String, hash: String) -> Result<bool> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash).map_err(|e| SiteError::Io(format!("stored password hash: {e}")))?;
        Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .map_err(|e| SiteError::Io(format!("password check stopped: {e}")))?
}

impl Site {
    /// Creates an account and returns it with a one-time sign-in link's
    /// token. `by` is the administrator inviting, or `None` on the command
    /// line. An account may write under an author profile.
    pub async fn create_user(
        &self,
        input: &UserInput,
        author: Option<AuthorId>,
        by: Option<&User>,
    ) -> Result<(User, String)> {
        if let Some(by) = by
            && !by.can(Action::Administer)
        {
            return Err(SiteError::Forbidden("only administrators invite people"));
        }
        let valid = input.validate()?;
        let user = self.store.create_user(&valid, author, self.now()).await?;
        let token = self.sign_in_link(user.id, by.map(|u| u.id)).await?;
        Ok((user, token))
    }

    /// A new one-time sign-in link for an account, valid for 7 days.
    pub async fn sign_in_link(&self, user: UserId, by: Option<UserId>) -> Result<String> {
        let token = new_token()?;
        let now = self.now();
        self.store
            .create_sign_in_link(&token_hash(&token), user, by, now, now + Duration::days(LINK_VALID_DAYS))
            .await?;
        Ok(token)
    }

    /// The account a sign-in link is for, if it still works.
    pub async fn sign_in_link_user(&self, token: &str) -> Result<Option<User>> {
        Ok(self.store.sign_in_link(&token_hash(token), self.now()).await?)
    }

    /// Uses a sign-in link: sets the account's password and signs it in.
    pub async fn redeem_sign_in_link(
        &self,
        token: &str,
        password: &str,
        address: &str,
        user_agent: &str,
    ) -> Result<SignedIn> {
        check_password(password)?;
        let hash = hash_password(password.to_owned()).await?;
        let id = self
            .store
            .redeem_sign_in_link(&token_hash(token), &hash, self.now())
            .await?
            .ok_or(SiteError::NotFound("sign-in link"))?;
        let user = self.store.user(id).await?.ok_or(SiteError::NotFound("account"))?;
        if user.suspended {
            return Err(SiteError::Forbidden("this account is suspended"));
        }
        self.start_session(user, address, user_agent).await
    }

    /// Signs in with e-mail and password, within the failure limits.
    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
        address: &str,
        user_agent: &str,
    ) -> Result<SignedIn, SignInError> {
        let email = parse_email(email).map_err(|_| SignInError::Mismatch)?;
        let now = self.now();
        let since = now - Duration::minutes(FAILURE_WINDOW_MINUTES);
        let account_key = format!("email:{email}");
        let address_key = format!("addr:{address}");
        let store = &self.store;
        if store.login_failures(&account_key, since).await.map_err(SiteError::from)? >= MAX_FAILURES_PER_ACCOUNT
            || store.login_failures(&address_key, since).await.map_err(SiteError::from)? >= MAX_FAILURES_PER_ADDRESS
        {
            return Err(SignInError::TooMany);
        }
        let found = store.user_by_email(&email).await.map_err(SiteError::from)?;
        // Without an account, a hash is still checked, so that the answer
        // takes as long either way.
        let (user, hash) = match found {
            Some((user, Some(hash))) => (Some(user), hash),
            _ => (None, DUMMY_HASH.to_owned()),
        };
        let matches = verify_password(password.to_owned(), hash).await?;
        let Some(user) = user.filter(|_| matches) else {
            store.record_login_failure(&[&account_key, &address_key], now, since).await.map_err(SiteError::from)?;
            return Err(SignInError::Mismatch);
        };
        if user.suspended {
            return Err(SignInError::Suspended);
        }
        store.clear_login_failures(&account_key).await.map_err(SiteError::from)?;
        Ok(self.start_session(user, address, user_agent).await?)
    }

    async fn start_session(&self, user: User, address: &str, user_agent: &str) -> Result<SignedIn> {
        let token = new_token()?;
        let csrf = new_token()?;
        let now = self.now();
        let session = NewSession {
            token_hash: &token_hash(&token),
            user: user.id,
            csrf_token: &csrf,
            expires_at: now + Duration::days(SESSION_IDLE_DAYS),
            address,
            user_agent: &user_agent.chars().take(300).collect::<String>(),
        };
        self.store.create_session(&session, now).await?;
        tracing::info!(user = %user.id, "signed in");
        Ok(SignedIn { token, user })
    }

    /// The session a cookie's token belongs to, if it is live and its account
    /// is not suspended. Moves the session's expiry now and then.
    pub async fn session(&self, token: &str) -> Result<Option<Session>> {
        let hash = token_hash(token);
        let now = self.now();
        let Some(record) = self.store.session(&hash, now).await? else { return Ok(None) };
        if record.user.suspended {
            return Ok(None);
        }
        if now - record.last_seen_at > Duration::minutes(TOUCH_EVERY_MINUTES) {
            self.store.touch_session(&hash, now, now + Duration::days(SESSION_IDLE_DAYS)).await?;
        }
        Ok(Some(Session { user: record.user, csrf_token: record.csrf_token, token_hash: hash }))
    }

    /// Deletes expired sessions and failed sign-ins past the window. Run by
    /// the server every hour.
    pub async fn prune_accounts(&self) -> Result<(u64, u64)> {
        let now = self.now();
        let (sessions, failures) =
            self.store.prune_accounts(now, now - Duration::minutes(FAILURE_WINDOW_MINUTES)).await?;
        if sessions + failures > 0 {
            tracing::debug!(sessions, failures, "expired sign-in records deleted");
        }
        Ok((sessions, failures))
    }

    pub async fn sign_out(&self, session: &Session) -> Result<()> {
        Ok(self.store.delete_session(&session.token_hash).await?)
    }

    /// Ends every session of the account, on every device.
    pub async fn sign_out_everywhere(&self, user: UserId) -> Result<u64> {
        Ok(self.store.delete_sessions(user).await?)
    }

    /// Suspends an account or lifts its suspension; its stories stay.
    /// Administrators only, and not their own account.
    pub async fn set_suspended(&self, by: &User, user: UserId, suspended: bool) -> Result<()> {
        if !by.can(Action::Administer) {
            return Err(SiteError::Forbidden("only administrators suspend accounts"));
        }
        if by.id == user {
            return Err(SiteError::Invalid(ValidationError::Invalid {
                field: "account",
                reason: "you cannot suspend your own account",
            }));
        }
        Ok(self.store.set_suspended(user, suspended, self.now()).await?)
    }

    /// Changes an account's role. Administrators only, and not their own.
    pub async fn set_role(&self, by: &User, user: UserId, role: Role) -> Result<()> {
        if !by.can(Action::Administer) {
            return Err(SiteError::Forbidden("only administrators change roles"));
        }
        if by.id == user {
            return Err(SiteError::Invalid(ValidationError::Invalid {
                field: "role",
                reason: "you cannot change your own role",
            }));
        }
        Ok(self.store.set_role(user, role, self.now()).await?)
    }

    pub async fn users(&self) -> Result<Vec<User>> {
        Ok(self.store.users().await?)
    }
}

/// An Argon2id hash of a random string, checked when no account matches.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0tIhjwH3pVkWBWcS2qj9Lh3n6Mn1H7OqO8o2J8Hc0Ik";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stand_in_hash_is_a_valid_argon2id_hash() {
        let parsed = PasswordHash::new(DUMMY_HASH).expect("parses");
        assert!(Argon2::default().verify_password(b"anything", &parsed).is_err());
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_token().expect("token"), new_token().expect("token"));
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
