use crate::{AuthorId, MediaId, Slug, ValidationError, text};

/// A person who writes for the outlet, shown in bylines and on their page.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Author {
    pub id: AuthorId,
    pub slug: Slug,
    pub name: String,
    /// The job as readers see it, e.g. "Economics correspondent".
    pub role_title: String,
    pub bio: String,
    pub avatar: Option<MediaId>,
    pub website: Option<String>,
    pub email: Option<String>,
}

/// What an editor types to create or change an author's profile.
#[derive(Clone, Debug, Default)]
pub struct AuthorInput {
    pub slug: Option<String>,
    pub name: String,
    pub role_title: String,
    pub bio: String,
    pub avatar: Option<MediaId>,
    pub website: Option<String>,
    pub email: Option<String>,
}

/// A checked author profile, ready to store.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidAuthor {
    pub slug: Slug,
    pub name: String,
    pub role_title: String,
    pub bio: String,
    pub avatar: Option<MediaId>,
    pub website: Option<String>,
    pub email: Option<String>,
}

impl AuthorInput {
    pub fn validate(&self) -> Result<ValidAuthor, ValidationError> {
        let name = text::required("name", &self.name, 120)?;
        let slug = match self.slug.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Slug::parse(s)?,
            None => Slug::suggest(&name).ok_or(ValidationError::Empty { field: "slug" })?,
        };
        let website = match self.website.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(w) => Some(crate::story::parse_http_url("website", w)?),
            None => None,
        };
        Ok(ValidAuthor {
            slug,
            name,
            role_title: text::limited("role title", &self.role_title, 120)?,
            bio: text::limited("bio", &self.bio, 2000)?,
            avatar: self.avatar,
            website,
            email: self.email.as_deref().map(|e| text::limited("email", e, 200)).transpose()?.filter(|e| !e.is_empty()),
        })
    }
}

impl ValidAuthor {
    pub fn into_author(self, id: AuthorId) -> Author {
        Author {
            id,
            slug: self.slug,
            name: self.name,
            role_title: self.role_title,
            bio: self.bio,
            avatar: self.avatar,
            website: self.website,
            email: self.email,
        }
    }
}
