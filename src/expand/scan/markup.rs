//! Raw HTML that help centers use as components: `<details>` and
//! `<summary>`, `<figure>` (also inside GitBook's `<div align>`), GitBook's
//! `<table data-view="cards">`; capitalised tags are handed to MDX, and
//! comments are copied as they are.

use super::Scanner;
use crate::expand::{AttrValue, Closer, Component, html};

impl Scanner<'_> {
    pub(super) fn angle(&mut self, pos: usize) -> Option<usize> {
        let rest = &self.text[pos..];
        if rest.starts_with("<!--") {
            // `<!-->` is an empty comment, as HTML reads it.
            let end = self.find("-->", pos + 2).map_or(self.text.len(), |i| i + 3);
            let comment = self.text[pos..end].to_string();
            self.push_text(&comment, pos);
            return Some(end);
        }
        if pos < self.tag_text_until {
            return None;
        }
        let lower: String = rest.chars().take(24).collect::<String>().to_ascii_lowercase();
        let next = rest.as_bytes().get(1).copied().unwrap_or(b' ');
        if next.is_ascii_uppercase() || (next == b'/' && rest.as_bytes().get(2).is_some_and(u8::is_ascii_uppercase)) {
            return self.jsx(pos);
        }
        if self.is_mdx
            && lower.starts_with("<a ")
            && let Some(end) = self.computed_link(pos)
        {
            return Some(end);
        }
        if lower.starts_with("<details") && matches!(lower.as_bytes().get(8), Some(b' ' | b'>' | b'\n')) {
            let end = self.search.tag_end(&self.text, pos)?;
            self.flush();
            let tag = self.text[pos..end].to_string();
            let line = self.line_at(pos);
            let mut component = Component::new("details", line);
            if html::tag_attrs(&tag, "details").is_some_and(|a| a.iter().any(|(k, _)| k == "open")) {
                component = component.with("open", "true");
            }
            self.builder.open(component, Closer::Tag("details".into()), tag);
            return Some(end);
        }
        if lower.starts_with("</details>") {
            self.flush();
            let line = self.line_at(pos);
            if self.builder.close(&Closer::Tag("details".into()), "</details>", line, &self.path, &mut self.problems) {
                return Some(pos + "</details>".len());
            }
            return None;
        }
        if lower.starts_with("<summary") {
            self.builder.top().filter(|c| c.name == "details" && c.attr("title").is_none())?;
            let close = self.innermost_close(pos, "<summary", "</summary>")?;
            let inner_start = self.search.tag_end(&self.text, pos).filter(|end| *end <= close)?;
            let title = html::text_of(&self.text[inner_start..close]);
            // `<summary>### Question \{#id}</summary>`: the id is not text.
            // It is the anchor of the whole block, kept as `attrs.anchor`.
            let (title, anchor) = match crate::markdown::trailing_id(&title) {
                Some((text, id)) => (text.trim_end_matches('\\').trim_end().to_string(), Some(id)),
                None => (title, None),
            };
            let top = self.builder.top()?;
            top.attrs.insert("title".into(), AttrValue::Text(title));
            if let Some(anchor) = anchor {
                top.attrs.insert("anchor".into(), AttrValue::Text(anchor));
            }
            return Some(close + "</summary>".len());
        }
        if lower.starts_with("<figure") {
            let close = self.innermost_close(pos, "<figure", "</figure>")? + "</figure>".len();
            let line = self.line_at(pos);
            let figure = html::figure(&self.text[pos..close], line)?;
            self.flush();
            self.builder.leaf(figure);
            return Some(close);
        }
        if lower.starts_with("<div") && lower.contains("align") {
            let end = self.search.tag_end(&self.text, pos)?;
            let after = self.text[end..].trim_start().as_bytes();
            if after.get(..7).is_some_and(|start| start.eq_ignore_ascii_case(b"<figure")) {
                self.wrapper_divs += 1;
                return Some(end);
            }
            self.tag_text_until = end;
            return None;
        }
        if lower.starts_with("</div>") && self.wrapper_divs > 0 {
            self.wrapper_divs -= 1;
            return Some(pos + "</div>".len());
        }
        if lower.starts_with("<table") {
            let end = self.search.tag_end(&self.text, pos)?;
            let is_cards = html::tag_attrs(&self.text[pos..end], "table")
                .is_some_and(|a| html::attr(&a, "data-view") == Some("cards"));
            let close = if is_cards { self.innermost_close(pos, "<table", "</table>") } else { None };
            let Some(close) = close else {
                self.tag_text_until = end;
                return None;
            };
            let close = close + "</table>".len();
            let line = self.line_at(pos);
            let cards = html::cards_table(&self.text[pos..close], line);
            self.flush();
            self.builder.leaf(cards);
            return Some(close);
        }
        None
    }

    /// Offset of the `close` tag ending the element opened at `pos`, when
    /// no other `open` tag comes before it: only the innermost of several
    /// openers is read, so each stretch of text is read once.
    fn innermost_close(&self, pos: usize, open: &'static str, close: &'static str) -> Option<usize> {
        let found = self.search.next_ignoring_case(&self.text, close, pos)?;
        match self.search.next_ignoring_case(&self.text, open, pos + 1) {
            Some(other) if other < found => None,
            _ => Some(found),
        }
    }
}

impl Scanner<'_> {
    /// MDX `<a href={RELEASE.url}>GitHub</a>`: the address is computed by
    /// JavaScript Phare does not run, so readers get the link's text
    /// without a link, and the writer a warning saying so.
    fn computed_link(&mut self, pos: usize) -> Option<usize> {
        let end = self.search.tag_end(&self.text, pos)?;
        let tag = &self.text[pos..end];
        let href = tag.find("href={")?;
        let expression = tag[href + 5..].split('}').next().unwrap_or_default().trim_start_matches('{').to_string();
        let close = self.search.next_closing_tag(&self.text, "a", end)?;
        let label = self.text[end..close].to_string();
        self.warning(
            pos,
            format!(
                "the address of this link is an MDX expression (`{{{expression}}}`) Phare cannot compute: readers see `{}` as plain text, without a link",
                label.trim()
            ),
            "write the address itself: `<a href=\"https://…\">` or `[text](https://…)`",
        );
        self.push_text(&label, end);
        Some(close + "</a>".len())
    }
}
