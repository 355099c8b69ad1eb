//! Raw HTML that help centers use as components: `<details>` and
//! `<summary>`, `<figure>` (also inside GitBook's `<div align>`), GitBook's
//! `<table data-view="cards">`; capitalised tags are handed to MDX, and
//! comments are copied as they are.

use super::Scanner;
use crate::components::{AttrValue, Closer, Component, attrs, html};

impl Scanner<'_> {
    pub(super) fn angle(&mut self, pos: usize) -> Option<usize> {
        let rest = &self.text[pos..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(self.text.len(), |i| pos + i + 3);
            let comment = self.text[pos..end].to_string();
            self.push_text(&comment, pos);
            return Some(end);
        }
        let lower: String = rest.chars().take(24).collect::<String>().to_ascii_lowercase();
        let next = rest.as_bytes().get(1).copied().unwrap_or(b' ');
        if next.is_ascii_uppercase() || (next == b'/' && rest.as_bytes().get(2).is_some_and(u8::is_ascii_uppercase)) {
            return self.jsx(pos);
        }
        if lower.starts_with("<details") && matches!(lower.as_bytes().get(8), Some(b' ' | b'>' | b'\n')) {
            self.flush();
            let end = attrs::tag_end(&self.text, pos)?;
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
            let close = self.text[pos..].to_ascii_lowercase().find("</summary>")? + pos;
            let inner_start = attrs::tag_end(&self.text, pos)?;
            let title = html::text_of(&self.text[inner_start..close]);
            // `<summary>### Question \{#id}</summary>`: the id is not text.
            let title = match crate::markdown::trailing_id(&title) {
                Some((text, _)) => text.trim_end_matches('\\').trim_end().to_string(),
                None => title,
            };
            let top = self.builder.top().filter(|c| c.name == "details" && c.attr("title").is_none());
            let top = top?;
            top.attrs.insert("title".into(), AttrValue::Text(title));
            return Some(close + "</summary>".len());
        }
        if lower.starts_with("<figure") {
            let close = self.text[pos..].to_ascii_lowercase().find("</figure>")? + pos + "</figure>".len();
            let line = self.line_at(pos);
            let figure = html::figure(&self.text[pos..close], line)?;
            self.flush();
            self.builder.leaf(figure);
            return Some(close);
        }
        if lower.starts_with("<div") && lower.contains("align") {
            let end = attrs::tag_end(&self.text, pos)?;
            if self.text[end..].trim_start().to_ascii_lowercase().starts_with("<figure") {
                self.wrapper_divs += 1;
                return Some(end);
            }
            return None;
        }
        if lower.starts_with("</div>") && self.wrapper_divs > 0 {
            self.wrapper_divs -= 1;
            return Some(pos + "</div>".len());
        }
        if lower.starts_with("<table") {
            let end = attrs::tag_end(&self.text, pos)?;
            let is_cards = html::tag_attrs(&self.text[pos..end], "table")
                .is_some_and(|a| html::attr(&a, "data-view") == Some("cards"));
            if !is_cards {
                return None;
            }
            let close = self.text[pos..].to_ascii_lowercase().find("</table>")? + pos + "</table>".len();
            let line = self.line_at(pos);
            let cards = html::cards_table(&self.text[pos..close], line);
            self.flush();
            self.builder.leaf(cards);
            return Some(close);
        }
        None
    }
}
