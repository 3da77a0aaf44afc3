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
            item.url = link("navigation URL", &item.url)?;
        }
        if s.navigation.len() > 20 {
            return Err(ValidationError::OutOfRange { field: "navigation entries", min: 0, max: 20 });
        }
        for (field, logo) in [("logo", &mut s.logo), ("short logo", &mut s.logo_short)] {
            *logo = match logo.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(url) => Some(link(field, url)?),
            };
        }
        Ok(s)
    }

    /// The navigation as the settings form shows it: one `Label | /address/`
    /// a line.
    pub fn navigation_text(&self) -> String {
        self.navigation.iter().map(|n| format!("{} | {}", n.label, n.url)).collect::<Vec<_>>().join("\n")
    }

    /// The site's time zone; UTC if the stored name is not known.
    pub fn tz(&self) -> Tz {
        parse_tz(&self.timezone).unwrap_or(Tz::UTC)
    }
}

/// A link the site shows: a path on the site (`/tag/politics/`) or an
/// absolute http(s) address.
fn link(field: &'static str, value: &str) -> Result<String, ValidationError> {
    let value = text::required(field, value, 500)?;
    let ok = (value.starts_with('/') && !value.starts_with("//"))
        || url::Url::parse(&value).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
    if ok { Ok(value) } else { Err(ValidationError::InvalidUrl { field, value }) }
}

/// Reads the navigation typed as one `Label | /address/` a line; blank
/// lines are skipped, and a wrong line is named by its number.
pub fn parse_navigation(text: &str) -> Result<Vec<NavItem>, ValidationError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((label, url)) = line.split_once('|') else {
            return Err(ValidationError::BadNavigation { line: n + 1 });
        };
        out.push(NavItem { label: label.trim().to_owned(), url: url.trim().to_owned() });
    }
    Ok(out)
}

pub fn parse_tz(name: &str) -> Result<Tz, ValidationError> {
    name.parse::<Tz>().map_err(|_| ValidationError::InvalidTimeZone(name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_reads_one_link_a_line_and_names_a_wrong_one() {
        let nav = parse_navigation("News Feed | /news-feed/\n\n Politics|/tag/politics/ \n").expect("valid");
        assert_eq!(
            nav,
            vec![
                NavItem { label: "News Feed".into(), url: "/news-feed/".into() },
                NavItem { label: "Politics".into(), url: "/tag/politics/".into() },
            ]
        );
        assert_eq!(parse_navigation("Home | /\nNo bar here"), Err(ValidationError::BadNavigation { line: 2 }));
        let s = SiteSettings { navigation: nav, ..SiteSettings::default() };
        assert_eq!(parse_navigation(&s.navigation_text()).expect("round trip"), s.navigation);
        for bad in ["javascript:alert(1)", "//evil.example/", "tag/politics"] {
            let s = SiteSettings {
                navigation: vec![NavItem { label: "X".into(), url: bad.into() }],
                ..SiteSettings::default()
            };
            assert!(matches!(s.validate(), Err(ValidationError::InvalidUrl { .. })), "{bad}");
        }
        let s = SiteSettings { logo: Some("javascript:x".into()), ..SiteSettings::default() };
        assert!(s.validate().is_err());
        let s = SiteSettings { logo: Some("  ".into()), ..SiteSettings::default() };
        assert_eq!(s.validate().expect("empty logo is none").logo, None);
    }

    #[test]
    fn refuses_unknown_time_zones() {
        let mut s = SiteSettings { timezone: "Europe/Kyiv".into(), ..SiteSettings::default() };
        assert!(s.validate().is_ok());
        s.timezone = "Mars/Olympus".into();
        assert_eq!(s.validate(), Err(ValidationError::InvalidTimeZone("Mars/Olympus".into())));
    }
}
