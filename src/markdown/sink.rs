//! Where the Markdown stage puts transformed events: the page, or the body
//! of an open GitHub alert; and where kramdown classes go.

use pulldown_cmark::{CowStr, Event, Tag};

use super::escape;

/// Where transformed events go: the page, or the body of an open alert.
#[derive(Default)]
pub(super) struct EventSink<'e> {
    pub(super) main: Vec<Event<'e>>,
    alerts: Vec<(&'static str, Vec<Event<'e>>)>,
    /// Nesting depth of open tags in `main`, and where the last top-level
    /// block started (for kramdown classes).
    depth: usize,
    last_block: Option<usize>,
    /// Classes waiting for the next top-level block.
    next_classes: Option<String>,
}

impl<'e> EventSink<'e> {
    pub(super) fn push(&mut self, event: Event<'e>) {
        if let Some((_, body)) = self.alerts.last_mut() {
            body.push(event);
            return;
        }
        match &event {
            // Raw HTML is not a block a class can go on (and the class
            // marker itself arrives inside one).
            Event::Start(Tag::HtmlBlock) => self.depth += 1,
            Event::Start(_) => {
                if self.depth == 0 {
                    self.last_block = Some(self.main.len());
                }
                self.depth += 1;
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::Html(_) | Event::Rule if self.depth == 0 => self.last_block = None,
            _ => {}
        }
        let opens_block =
            self.depth == 1 && matches!(event, Event::Start(_)) && self.last_block == Some(self.main.len());
        self.main.push(event);
        if opens_block && let Some(classes) = self.next_classes.take() {
            self.add_class_to_last_block(&classes);
        }
    }

    /// kramdown's `[text](url){:target="_blank"}`: the attributes go on
    /// the link just closed (searched back through its own content).
    pub(super) fn add_link_attributes(&mut self, attributes: &[(String, String)]) {
        let buffer = match self.alerts.last_mut() {
            Some((_, body)) => body,
            None => &mut self.main,
        };
        let Some(index) = buffer.iter().rposition(|e| matches!(e, Event::Start(Tag::Link { .. }))) else { return };
        let Event::Start(Tag::Link { dest_url, title, .. }) = &buffer[index] else { return };
        let mut html = format!("<a href=\"{}\"", escape(dest_url));
        if !title.is_empty() {
            html.push_str(&format!(" title=\"{}\"", escape(title)));
        }
        for (key, value) in attributes {
            html.push_str(&format!(" {key}=\"{}\"", escape(value)));
        }
        if attributes.iter().any(|(k, v)| k == "target" && v == "_blank") && !attributes.iter().any(|(k, _)| k == "rel")
        {
            html.push_str(" rel=\"noopener\"");
        }
        html.push('>');
        buffer[index] = Event::InlineHtml(html.into());
    }

    /// `{: .class}` after a blank line: for the next block.
    pub(super) fn add_class_to_next_block(&mut self, classes: String) {
        self.next_classes = Some(classes);
    }

    pub(super) fn open_alert(&mut self, kind: &'static str) {
        self.alerts.push((kind, Vec::new()));
    }

    pub(super) fn close_alert(&mut self) -> Option<(&'static str, Vec<Event<'e>>)> {
        self.alerts.pop()
    }

    /// Applies `{: .class}` to the block just before it, where HTML allows.
    pub(super) fn add_class_to_last_block(&mut self, classes: &str) {
        let Some(index) = self.last_block else { return };
        let attribute = format!(" class=\"{}\"", escape(classes));
        let replacement = match &mut self.main[index] {
            Event::Start(Tag::Heading { classes: list, .. }) => {
                list.extend(classes.split_whitespace().map(|c| CowStr::from(c.to_string())));
                None
            }
            Event::Start(Tag::Paragraph) => Some(format!("<p{attribute}>")),
            Event::Start(Tag::List(None)) => Some(format!("<ul{attribute}>\n")),
            Event::Start(Tag::List(Some(1))) => Some(format!("<ol{attribute}>\n")),
            Event::Start(Tag::List(Some(start))) => Some(format!("<ol start=\"{start}\"{attribute}>\n")),
            Event::Start(Tag::BlockQuote(None)) => Some(format!("<blockquote{attribute}>\n")),
            _ => None,
        };
        if let Some(html) = replacement {
            self.main[index] = Event::Html(html.into());
        }
    }
}
