use chrono_tz::Tz;

use crate::{ValidationError, text};

/// One entry of the site's header navigation.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NavItem {
    pub label: String,
    pub url: String,
}

/// What the outlet says about itself: name, logos, navigation and where its
/// clocks are.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SiteSettings {
    pub name: String,
    pub tagline: String,
    /// Full logo URL (wide screens).
    pub logo: Option<String>,
    /// Compact logo URL (phones).
    pub logo_short: Option<String>,
    pub navigation: Vec<NavItem>,
    /// IANA time zone name; dates are shown in it.
    pub timezone: String,
    /// BCP 47 language tag, used for `<html lang>`.
    pub locale: String,
}

impl Default for SiteSettings {
    fn default() -> Self {
        Self {
            name: "Newsdesk".into(),
            tagline: "News as it happens".into(),
            logo: None,
            logo_short: None,
            navigation: vec![NavItem { label: "News Feed".into(), url: "/news-feed/".into() }],
            timezone: "UTC".into(),
            locale: "en".into(),
        }
    }
}

impl SiteSettings {
    pub fn validate(&self) -> Result<SiteSettings, ValidationError> {
        let mut s = self.clone();
        s.name = text::required("site name", &self.name, 100)?;
        s.tagline = text::limited("tagline", &self.tagline, 200)?;
        s.locale = text::required("locale", &self.locale, 35)?;
        parse_tz(&self.timezone)?;
        for item in &mut s.navigation {
            item.label = text::required("navigation label", &item.label, 60)?;
            item.url = text::required("navigation URL", &item.url, 500)?;
        }
        Ok(s)
    }

    /// The site's time zone; UTC if the stored name is not known.
    pub fn tz(&self) -> Tz {
        parse_tz(&self.timezone).unwrap_or(Tz::UTC)
    }
}

pub fn parse_tz(name: &str) -> Result<Tz, ValidationError> {
    name.parse::<Tz>().map_err(|_| ValidationError::InvalidTimeZone(name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_unknown_time_zones() {
        let mut s = SiteSettings { timezone: "Europe/Kyiv".into(), ..SiteSettings::default() };
        assert!(s.validate().is_ok());
        s.timezone = "Mars/Olympus".into();
        assert_eq!(s.validate(), Err(ValidationError::InvalidTimeZone("Mars/Olympus".into())));
    }
}
