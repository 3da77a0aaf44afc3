//! The story body format: CommonMark with tables, strikethrough and smart
//! punctuation, plus four newsroom extensions, rendered once at save time to
//! sanitised HTML.
//!
//! Extensions (each applies to a paragraph that holds one thing alone):
//!
//! * **Figure** — an image alone in its paragraph becomes a `<figure>`; its
//!   title is the caption, and text after a `|` in the title is the credit:
//!   `![Alt text](/content/images/a.jpg "Caption | Photographer/Agency")`.
//! * **Related-story card** — a link to one of the site's own stories
//!   (`/slug/` or an absolute URL on the site's base URL), alone on its line,
//!   becomes a card with the story's headline, standfirst, image, the
//!   publication's name and the primary author.
//! * **Video** — a YouTube or Vimeo link alone on its line becomes a
//!   click-to-load player that makes no request to the host until clicked.
//! * **Attributed quote** — a blockquote whose last paragraph starts with a
//!   dash (`-- Name` or `— Name`) gets that line as its attribution.
//!
//! Raw HTML is allowed but sanitised: no scripts, styles, event handlers,
//! `javascript:` URLs, iframes or forms survive. A level-one heading in a body
//! becomes level two, so a story page keeps a single `h1`.

use std::{collections::HashMap, sync::LazyLock};

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};
use url::Url;

use crate::{Media, Slug, VideoEmbed, text::escape_html};

/// What a related-story card shows about the story it points to.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryCard {
    pub slug: String,
    pub headline: String,
    pub standfirst: String,
    pub image: Option<CardImage>,
    pub author: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CardImage {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// What rendering needs from outside the text, looked up beforehand by the
/// caller (see [`references`]) so that rendering itself does no I/O.
#[derive(Clone, Debug, Default)]
pub struct RenderContext {
    /// Shown on related-story cards.
    pub publication: String,
    /// Absolute links on this origin count as internal.
    pub base_url: Option<Url>,
    /// Cards for internal story links, by slug.
    pub cards: HashMap<String, StoryCard>,
    /// The site's own images the body shows, by URL path: figures reserve
    /// their space before the image arrives and offer the resized copies.
    pub images: HashMap<String, Media>,
}

/// How wide a figure in a story's body is shown: the whole screen on a
/// phone, the text column (42rem) on anything wider.
pub const FIGURE_SIZES: &str = "(min-width: 44rem) 42rem, 100vw";

/// Internal story slugs and image URLs a body refers to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct References {
    pub story_slugs: Vec<Slug>,
    pub image_urls: Vec<String>,
}

/// The rendered body and the number of words a reader reads in it.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderedBody {
    pub html: String,
    pub words: usize,
}

fn parser(source: &str) -> Parser<'_> {
    Parser::new_ext(source, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION)
}

/// Lists what a body links to that the renderer can enrich: stand-alone
/// internal story links (for cards) and images (for their sizes).
pub fn references(source: &str, base_url: Option<&Url>) -> References {
    let events: Vec<Event> = parser(source).collect();
    let mut refs = References::default();
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Paragraph) => {
                if let Some(Standalone::Link(url)) = paragraph_at(&events, i).and_then(standalone)
                    && let Some(slug) = internal_slug(&url, base_url)
                    && !refs.story_slugs.contains(&slug)
                {
                    refs.story_slugs.push(slug);
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) if !refs.image_urls.iter().any(|u| u == dest_url.as_ref()) => {
                refs.image_urls.push(dest_url.to_string());
            }
            _ => {}
        }
    }
    refs
}

/// Renders a body to sanitised HTML.
pub fn render(source: &str, ctx: &RenderContext) -> RenderedBody {
    let events: Vec<Event> = parser(source).collect();
    let words = events
        .iter()
        .map(|e| match e {
            Event::Text(t) | Event::Code(t) => t.split_whitespace().count(),
            _ => 0,
        })
        .sum();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Paragraph) => {
                let end = matching_end(&events, i);
                let html = standalone(&events[i + 1..end]).and_then(|s| extension_html(s, ctx));
                match html {
                    Some(html) => {
                        out.push(Event::Html(html.into()));
                        i = end + 1;
                        continue;
                    }
                    None => out.push(events[i].clone()),
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                let end = matching_end(&events, i);
                if let Some(html) = attributed_quote(&events[i + 1..end]) {
                    out.push(Event::Html(html.into()));
                    i = end + 1;
                    continue;
                }
                out.push(events[i].clone());
            }
            Event::Start(Tag::Heading { level: HeadingLevel::H1, id, classes, attrs }) => {
                out.push(Event::Start(Tag::Heading {
                    level: HeadingLevel::H2,
                    id: id.clone(),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => out.push(Event::End(TagEnd::Heading(HeadingLevel::H2))),
            other => out.push(other.clone()),
        }
        i += 1;
    }
    let mut raw = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut raw, out.into_iter());
    RenderedBody { html: SANITIZER.clean(&raw).to_string(), words }
}

/// Index of the event that closes the container opened at `start`.
fn matching_end(events: &[Event], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, e) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

fn paragraph_at<'a, 'e>(events: &'a [Event<'e>], start: usize) -> Option<&'a [Event<'e>]> {
    let end = matching_end(events, start);
    events.get(start + 1..end)
}

enum Standalone {
    Image { src: String, title: String, alt: String },
    Link(String),
}

fn plain_text(events: &[Event]) -> Option<String> {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => return None,
        }
    }
    Some(s)
}

/// Recognises a paragraph holding a single image or a single link (written
/// as a Markdown link, an autolink or a bare URL).
fn standalone(inner: &[Event]) -> Option<Standalone> {
    match (inner.first()?, inner.last()?) {
        (Event::Start(Tag::Image { dest_url, title, .. }), Event::End(TagEnd::Image)) => {
            let alt = plain_text(&inner[1..inner.len() - 1])?;
            Some(Standalone::Image { src: dest_url.to_string(), title: title.to_string(), alt })
        }
        (Event::Start(Tag::Link { dest_url, link_type, .. }), Event::End(TagEnd::Link))
            if *link_type != LinkType::Email =>
        {
            plain_text(&inner[1..inner.len() - 1])?;
            Some(Standalone::Link(dest_url.to_string()))
        }
        _ => {
            let text = plain_text(inner)?;
            let text = text.trim();
            let looks_like_link = !text.contains(char::is_whitespace)
                && (text.starts_with("https://") || text.starts_with("http://") || text.starts_with('/'));
            looks_like_link.then(|| Standalone::Link(text.to_owned()))
        }
    }
}

/// The slug of an internal story link: `/slug/`, or an absolute URL on the
/// site's own origin with that path.
pub fn internal_slug(link: &str, base_url: Option<&Url>) -> Option<Slug> {
    let path = if link.starts_with('/') && !link.starts_with("//") {
        link.split(['?', '#']).next()?.to_owned()
    } else {
        let url = Url::parse(link).ok()?;
        let base = base_url?;
        if url.origin() != base.origin() {
            return None;
        }
        url.path().to_owned()
    };
    let inner = path.strip_prefix('/')?;
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    Slug::parse_story(inner).ok()
}

fn extension_html(item: Standalone, ctx: &RenderContext) -> Option<String> {
    match item {
        Standalone::Image { src, title, alt } => Some(figure_html(&src, &title, &alt, ctx)),
        Standalone::Link(url) => {
            if let Some(video) = VideoEmbed::parse(&url) {
                return Some(video.facade_html("video"));
            }
            let slug = internal_slug(&url, ctx.base_url.as_ref())?;
            ctx.cards.get(slug.as_str()).map(|card| card_html(card, &ctx.publication))
        }
    }
}

fn figure_html(src: &str, title: &str, alt: &str, ctx: &RenderContext) -> String {
    let (caption, credit) = match title.split_once('|') {
        Some((c, r)) => (c.trim(), r.trim()),
        None => (title.trim(), ""),
    };
    let media = ctx.images.get(src);
    let size = media.map(|m| format!(" width=\"{}\" height=\"{}\"", m.width, m.height)).unwrap_or_default();
    let (srcset, webp) = media.map(|m| (m.srcset(), m.webp_srcset())).unwrap_or_default();
    let mut html = String::from("<figure class=\"story-figure\">");
    if !webp.is_empty() {
        html.push_str(&format!("<picture><source type=\"image/webp\" srcset=\"{webp}\" sizes=\"{FIGURE_SIZES}\">"));
    }
    let srcset =
        if srcset.is_empty() { String::new() } else { format!(" srcset=\"{srcset}\" sizes=\"{FIGURE_SIZES}\"") };
    html.push_str(&format!(
        "<img src=\"{}\"{srcset} alt=\"{}\"{size} loading=\"lazy\" decoding=\"async\">",
        escape_html(src),
        escape_html(alt)
    ));
    if !webp.is_empty() {
        html.push_str("</picture>");
    }
    if !caption.is_empty() || !credit.is_empty() {
        html.push_str("<figcaption>");
        if !caption.is_empty() {
            html.push_str(&format!("<span class=\"figure-caption\">{}</span>", escape_html(caption)));
        }
        if !credit.is_empty() {
            html.push_str(&format!(" <span class=\"figure-credit\">{}</span>", escape_html(credit)));
        }
        html.push_str("</figcaption>");
    }
    html.push_str("</figure>");
    html
}

/// The related-story card. Its markup is part of the theme contract:
/// `aside.related-story` holding one link.
pub fn card_html(card: &StoryCard, publication: &str) -> String {
    let mut html = format!(
        "<aside class=\"related-story\" aria-label=\"Related story\"><a class=\"related-story__link\" href=\"/{slug}/\">\
         <span class=\"related-story__text\"><span class=\"related-story__headline\">{headline}</span>",
        slug = escape_html(&card.slug),
        headline = escape_html(&card.headline),
    );
    if !card.standfirst.is_empty() {
        html.push_str(&format!("<span class=\"related-story__standfirst\">{}</span>", escape_html(&card.standfirst)));
    }
    html.push_str(&format!(
        "<span class=\"related-story__meta\"><span class=\"related-story__publication\">{}</span>",
        escape_html(publication)
    ));
    if let Some(author) = &card.author {
        html.push_str(&format!(" <span class=\"related-story__author\">{}</span>", escape_html(author)));
    }
    html.push_str("</span></span>");
    if let Some(img) = &card.image {
        html.push_str(&format!(
            "<img class=\"related-story__image\" src=\"{}\" alt=\"\" width=\"{}\" height=\"{}\" loading=\"lazy\" decoding=\"async\">",
            escape_html(&img.url),
            img.width,
            img.height
        ));
    }
    html.push_str("</a></aside>");
    html
}

/// A blockquote whose last paragraph starts with a dash: that paragraph is
/// the attribution.
fn attributed_quote(inner: &[Event]) -> Option<String> {
    // Find the start of the last top-level paragraph inside the quote.
    let mut depth = 0usize;
    let mut last_para = None;
    for (j, e) in inner.iter().enumerate() {
        match e {
            Event::Start(t) => {
                if depth == 0 && matches!(t, Tag::Paragraph) {
                    last_para = Some(j);
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let start = last_para?;
    let end = matching_end(inner, start);
    if end + 1 != inner.len() || start == 0 {
        return None;
    }
    let text = plain_text(&inner[start + 1..end])?;
    let who = text
        .trim()
        .strip_prefix('\u{2014}')
        .or_else(|| text.trim().strip_prefix('\u{2013}'))
        .or_else(|| text.trim().strip_prefix("--"))?
        .trim()
        .to_owned();
    if who.is_empty() {
        return None;
    }
    let mut quote = String::new();
    html::push_html(&mut quote, inner[..start].iter().cloned().map(h1_to_h2));
    Some(format!(
        "<figure class=\"quote\"><blockquote>{quote}</blockquote><figcaption>\u{2014} {}</figcaption></figure>",
        escape_html(&who)
    ))
}

fn h1_to_h2(e: Event<'_>) -> Event<'_> {
    match e {
        Event::Start(Tag::Heading { level: HeadingLevel::H1, id, classes, attrs }) => {
            Event::Start(Tag::Heading { level: HeadingLevel::H2, id, classes, attrs })
        }
        Event::End(TagEnd::Heading(HeadingLevel::H1)) => Event::End(TagEnd::Heading(HeadingLevel::H2)),
        e => e,
    }
}

/// The one sanitiser every body goes through. An allow-list: what is not
/// named here is removed.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.add_tags([
        "a",
        "abbr",
        "aside",
        "b",
        "blockquote",
        "br",
        "cite",
        "code",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "picture",
        "pre",
        "q",
        "s",
        "small",
        "source",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    ])
    .clean_content_tags(["script", "style"].into_iter().collect())
    .add_tag_attributes("a", ["href", "title"])
    .add_tag_attributes("img", ["src", "srcset", "sizes", "alt", "title", "width", "height", "loading", "decoding"])
    .add_tag_attributes("source", ["srcset", "sizes", "type"])
    // Resized copies may only be the site's own images: a srcset that
    // names anything else (typed into the body as HTML) is dropped.
    .attribute_filter(|_, attr, value| if attr == "srcset" && !own_srcset(value) { None } else { Some(value.into()) })
    .add_tag_attributes("aside", ["aria-label"])
    .add_tag_attributes("span", ["aria-hidden"])
    .add_tag_attributes("div", ["data-provider", "data-video-id"])
    .add_tag_attributes("time", ["datetime"])
    .add_tag_attributes("ol", ["start"])
    .add_tag_attributes("th", ["scope"])
    .add_allowed_classes("figure", ["story-figure", "quote"])
    .add_allowed_classes(
        "span",
        [
            "figure-caption",
            "figure-credit",
            "video-facade__play",
            "video-facade__label",
            "video-facade__host",
            "related-story__text",
            "related-story__headline",
            "related-story__standfirst",
            "related-story__meta",
            "related-story__publication",
            "related-story__author",
        ],
    )
    .add_allowed_classes("aside", ["related-story"])
    .add_allowed_classes("div", ["video-facade"])
    .add_allowed_classes("a", ["video-facade__link", "related-story__link"])
    .add_allowed_classes("img", ["related-story__image"])
    .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
    .link_rel(None);
    b
});

/// Whether every candidate of a `srcset` is one of the site's own images.
fn own_srcset(value: &str) -> bool {
    value.split(',').all(|c| {
        let url = c.split_whitespace().next().unwrap_or("");
        url.starts_with("/content/images/") && !url.contains("..")
    })
}

/// A short plain-text excerpt of Markdown, for teasers of stories without a
/// standfirst.
pub fn excerpt(source: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for e in parser(source) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
        if out.chars().count() > max_chars {
            break;
        }
    }
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.chars().count() <= max_chars {
        return out;
    }
    // One character more than allowed: if it is a space, the last word fits.
    let cut: String = out.chars().take(max_chars + 1).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{}\u{2026}", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests;
