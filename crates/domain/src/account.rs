//! Newsroom accounts and what each role may do.

use std::{fmt, str::FromStr};

use crate::{AuthorId, Timestamp, UserId, ValidationError, text};

/// What a newsroom account may do, each role including the one before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Writes and edits their own drafts and submits them for review.
    Contributor,
    /// Also publishes their own stories.
    Author,
    /// Every story, tags, authors' profiles, curated lists, corrections.
    Editor,
    /// Also site settings, accounts and API keys.
    Administrator,
}

impl Role {
    pub const ALL: [Role; 4] = [Self::Contributor, Self::Author, Self::Editor, Self::Administrator];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Contributor => "contributor",
            Self::Author => "author",
            Self::Editor => "editor",
            Self::Administrator => "administrator",
        }
    }

    /// Whether this role may do `action`.
    pub fn allows(self, action: Action) -> bool {
        self >= action.least_role()
    }
}

impl FromStr for Role {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|r| r.as_str() == s).ok_or_else(|| ValidationError::NotOneOf {
            field: "role",
            value: s.to_owned(),
            expected: "contributor, author, editor, administrator",
        })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Things the newsroom does that not every role may.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Write drafts of one's own and submit them for review.
    WriteOwn,
    /// Publish, schedule or unpublish one's own stories.
    PublishOwn,
    /// Edit, publish and delete anyone's stories; the review queue.
    EditAny,
    /// Tags, authors' profiles, Editors' Picks and Top Stories.
    Curate,
    /// Site settings, accounts and API keys.
    Administer,
}

impl Action {
    fn least_role(self) -> Role {
        match self {
            Self::WriteOwn => Role::Contributor,
            Self::PublishOwn => Role::Author,
            Self::EditAny | Self::Curate => Role::Editor,
            Self::Administer => Role::Administrator,
        }
    }
}

/// A newsroom account.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct User {
    pub id: UserId,
    /// Lowercase; unique.
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The byline profile their stories carry, if any.
    pub author: Option<AuthorId>,
    /// Whether a password has been set (through a sign-in link).
    pub has_password: bool,
    /// A suspended account cannot sign in; its stories stay.
    pub suspended: bool,
    pub created_at: Timestamp,
}

impl User {
    pub fn can(&self, action: Action) -> bool {
        !self.suspended && self.role.allows(action)
    }
}

/// An account as typed into a form or on the command line.
#[derive(Clone, Debug, Default)]
pub struct UserInput {
    pub email: String,
    pub name: String,
    pub role: String,
}

/// A checked [`UserInput`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidUser {
    pub email: String,
    pub name: String,
    pub role: Role,
}

impl UserInput {
    pub fn validate(&self) -> Result<ValidUser, ValidationError> {
        Ok(ValidUser {
            email: parse_email(&self.email)?,
            name: text::required("name", &self.name, 120)?,
            role: self.role.trim().parse()?,
        })
    }
}

/// A lowercase e-mail address of a plausible shape: something, one `@`, a
/// domain with a dot, no spaces. Whether it receives mail is not checked.
pub fn parse_email(raw: &str) -> Result<String, ValidationError> {
    let email = raw.trim().to_lowercase();
    let invalid = || ValidationError::Invalid { field: "email", reason: "use an address such as name@example.com" };
    if email.is_empty() {
        return Err(ValidationError::Empty { field: "email" });
    }
    if email.len() > 254 {
        return Err(ValidationError::TooLong { field: "email", len: email.len(), max: 254 });
    }
    let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && !domain.contains('@');
    if ok { Ok(email) } else { Err(invalid()) }
}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest: Argon2 takes any length, but a bound keeps hashing cheap.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Checks a new password's length; any characters are allowed.
pub fn check_password(password: &str) -> Result<(), ValidationError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(ValidationError::Invalid {
            field: "password",
            reason: "use at least 10 characters; a few unrelated words make a strong one",
        });
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(ValidationError::TooLong { field: "password", len: n, max: MAX_PASSWORD_CHARS });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_includes_the_one_before() {
        use Action::*;
        let table = [
            (Role::Contributor, [true, false, false, false, false]),
            (Role::Author, [true, true, false, false, false]),
            (Role::Editor, [true, true, true, true, false]),
            (Role::Administrator, [true, true, true, true, true]),
        ];
        for (role, expected) in table {
            let got = [WriteOwn, PublishOwn, EditAny, Curate, Administer].map(|a| role.allows(a));
            assert_eq!(got, expected, "{role}");
        }
    }

    #[test]
    fn emails_are_lowercased_and_checked() {
        assert_eq!(parse_email("  Mira@Example.COM ").as_deref(), Ok("mira@example.com"));
        for bad in ["", "mira", "mira@", "@example.com", "mira@example", "mi ra@example.com", "a@b@example.com"] {
            assert!(parse_email(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn passwords_need_ten_characters() {
        assert!(check_password("short").is_err());
        assert!(check_password("harbour lights at dusk").is_ok());
        assert!(check_password(&"x".repeat(257)).is_err());
    }
}
