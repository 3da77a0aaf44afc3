//! Text pasted from Google Docs or Word, turned into the Markdown of a
//! story's body: headings, paragraphs, lists, links, quotes, tables, bold
//! and italics kept; fonts, colours, comments and office markup dropped.
//!
//! Google Docs wraps a whole copied passage in a `<b>` set to normal weight
//! and marks bold and italics with inline styles on `<span>`s; Word adds
//! `mso-` styles and `<o:p>` elements. Both are read for what they mean.

use htmd::{Element, HtmlToMarkdown, element_handler::Handlers};

fn style(e: &Element) -> String {
    e.attrs
        .iter()
        .find(|a| &*a.name.local == "style")
        .map(|a| a.value.to_lowercase().replace(' ', ""))
        .unwrap_or_default()
}

/// Wraps `inner` in a Markdown mark, keeping spaces at its edges outside
/// the mark (`** bold**` would not be bold).
fn mark(inner: &str, with: &str) -> String {
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        return inner.to_owned();
    }
    let lead = &inner[..inner.len() - inner.trim_start().len()];
    let tail = &inner[inner.trim_end().len()..];
    format!("{lead}{with}{trimmed}{with}{tail}")
}

fn converter() -> HtmlToMarkdown {
    HtmlToMarkdown::builder()
        .options(htmd::options::Options {
            bullet_list_marker: htmd::options::BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            ..Default::default()
        })
        .skip_tags(vec!["script", "style", "head", "meta", "title", "o:p", "colgroup"])
        // Google Docs' wrapper: bold tag, normal weight.
        .add_handler(vec!["b", "strong"], |h: &dyn Handlers, e: Element| {
            if style(&e).contains("font-weight:normal") { Some(h.walk_children(e.node)) } else { h.fallback(e) }
        })
        .add_handler(vec!["span"], |h: &dyn Handlers, e: Element| {
            let style = style(&e);
            let content = h.walk_children(e.node).content;
            let bold = ["font-weight:700", "font-weight:800", "font-weight:900", "font-weight:bold"]
                .iter()
                .any(|w| style.contains(w));
            let italic = style.contains("font-style:italic");
            let out = match (bold, italic) {
                (true, true) => mark(&content, "***"),
                (true, false) => mark(&content, "**"),
                (false, true) => mark(&content, "_"),
                (false, false) => content,
            };
            Some(out.into())
        })
        .build()
}

/// Markdown for pasted HTML. Never fails: what cannot be read is dropped.
pub fn html_to_markdown(html: &str) -> String {
    let md = converter().convert(html).unwrap_or_default();
    // Office documents leave runs of blank lines and non-breaking spaces.
    let mut out = String::with_capacity(md.len());
    let mut blank = 0;
    for line in md.replace('\u{a0}', " ").lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn google_docs_paste_keeps_meaning_not_styling() {
        let html = r#"<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b"><h2 dir="ltr"><span style="font-size:16pt;font-family:Arial;">Night shift at the quay</span></h2><p dir="ltr"><span style="font-family:Arial;font-weight:400;">Cranes worked until </span><span style="font-family:Arial;font-weight:700;">three in the morning </span><span style="font-style:italic;">despite the fog</span><span>.</span></p><ul><li><p><span>First ship</span></p></li><li><p><span>Second ship</span></p></li></ul><p><a href="https://example.org/report"><span style="color:#1155cc;text-decoration:underline;">the port report</span></a></p></b>"#;
        let md = html_to_markdown(html);
        assert_eq!(
            md,
            "## Night shift at the quay\n\nCranes worked until **three in the morning** _despite the fog_.\n\n- First ship\n\n- Second ship\n\n[the port report](https://example.org/report)",
            "{md}"
        );
    }

    #[test]
    fn word_paste_drops_office_markup() {
        let html = r#"<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body><!--StartFragment--><p class=MsoNormal><b>Harbour fees</b> rise<o:p></o:p></p><p class=MsoNormal>&nbsp;<o:p></o:p></p><p class=MsoNormal><i>From Monday</i>, ships pay more.<o:p></o:p></p><!--EndFragment--></body></html>"#;
        let md = html_to_markdown(html);
        assert_eq!(md, "**Harbour fees** rise\n\n*From Monday*, ships pay more.", "{md}");
    }

    #[test]
    fn scripts_never_come_through() {
        let md = html_to_markdown("<p>Hello</p><script>alert(1)</script><style>p{}</style>");
        assert_eq!(md, "Hello");
    }
}
