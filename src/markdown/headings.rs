//! The renderer's work on a closed heading (its id — explicit, GitBook
//! anchor or slug —, its level in the page's outline, the title taken from
//! a leading `#`, the table of contents) and on each link destination
//! (rewritten through the caller's resolver, problems reported).

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::sink::EventSink;
use super::*;

impl MarkdownRenderer<'_> {
    pub(super) fn finish_heading<'e>(&mut self, events: &mut EventSink<'e>, open: OpenHeading<'e>, first_block: bool) {
        let OpenHeading { level, id, classes, inner, line } = open;
        let mut inner = merge_text(inner);
        let mut explicit = id.map(|i| i.to_string());
        // GitBook anchors its headings with an empty `<a href="#x" id="x"></a>`
        // at their end: that id is the heading's own.
        if let Some(anchor) = raw_html::trailing_anchor(&inner) {
            inner.truncate(inner.len() - 2);
            if let Some(Event::Text(last)) = inner.last_mut() {
                *last = CowStr::from(last.trim_end().to_string());
            }
            explicit = explicit.or(Some(anchor));
        }
        if let Some(Event::Text(last)) = inner.last_mut() {
            if let Some((kept, found)) = trailing_id(last) {
                explicit = Some(found);
                *last = CowStr::from(kept);
            } else if explicit.is_some() && last.trim_end().ends_with('\\') {
                // Docusaurus `\{#id}`: pulldown-cmark reads the attribute block
                // and leaves the escaping backslash behind.
                *last = CowStr::from(last.trim_end().trim_end_matches('\\').trim_end().to_string());
            }
        }
        let text = plain_text(&inner);
        // A leading `#` heading is the page's title: taken as the title when
        // the front matter has none, else left out (the front matter's title
        // is the page's one `<h1>`, and menus show the same words).
        if level == HeadingLevel::H1 && first_block && self.nesting == 0 {
            if self.input.front_matter_title.is_none() {
                self.out.heading_title = Some(text.trim().to_string());
            }
            return;
        }
        let level = heading_level(self.outline.shown(level as u8, line, self.nesting == 0));
        let id = match explicit {
            None => self.ids.automatic(slugify(&text)),
            Some(written) => {
                match self.ids.explicit(written, line) {
                    Explicit::Given(id) => id,
                    Explicit::Taken { id, other_line } => {
                        let taken = id.rsplit_once('-').map_or(id.as_str(), |(base, _)| base).to_string();
                        self.out.warnings.push(
                        Diagnostic::error(
                            self.input.path,
                            line,
                            1,
                            format!("the heading on line {other_line} already has the id `{taken}`: two headings cannot share one"),
                        )
                        .with_hint(format!("give one of the headings on lines {other_line} and {line} another `{{#id}}`")),
                    );
                        id
                    }
                    Explicit::Theme(id) => {
                        let taken = id.rsplit_once('-').map_or(id.as_str(), |(base, _)| base).to_string();
                        self.out.warnings.push(
                        Diagnostic::warning(
                            self.input.path,
                            line,
                            1,
                            format!("the theme uses the id `{taken}` for its own page parts, so this heading gets `{id}`"),
                        )
                        .with_hint("choose another `{#id}` for this heading"),
                    );
                        id
                    }
                }
            }
        };
        self.out.ids.push(id.clone());
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
            self.out.toc.push(TocEntry { level: level as u8, id: id.clone(), title: text.trim().to_string(), line });
        }
        events.push(Event::Start(Tag::Heading { level, id: Some(id.into()), classes, attrs: Vec::new() }));
        for event in inner {
            events.push(event);
        }
        events.push(Event::End(TagEnd::Heading(level)));
    }

    pub(super) fn rewrite<'e>(&mut self, dest: CowStr<'e>, (line, column): (usize, usize)) -> CowStr<'e> {
        self.out.links.push(LinkRef { destination: dest.to_string(), line, column });
        match (self.input.resolve_link)(&dest) {
            LinkTarget::Keep => dest,
            LinkTarget::Rewrite(href) => href.into(),
            LinkTarget::OtherLanguage(href, target_lang) => {
                self.out.warnings.push(other_language(self.input.path, line, column, &target_lang));
                href.into()
            }
            LinkTarget::Broken { reason, href, near } => {
                let hint = match near {
                    Some(near) => format!("did you mean `{near}`? It is in the same folder"),
                    None => "check the file name and folder of the link, relative to this article".to_string(),
                };
                self.out.warnings.push(
                    Diagnostic::warning(self.input.path, line, column, reason).with_hint(hint).with_code(BROKEN_LINK),
                );
                href.map_or(dest, CowStr::from)
            }
        }
    }
}

/// A heading whose inline events are being collected until it closes.
pub(super) struct OpenHeading<'a> {
    pub(super) level: HeadingLevel,
    pub(super) id: Option<CowStr<'a>>,
    pub(super) classes: Vec<CowStr<'a>>,
    pub(super) inner: Vec<Event<'a>>,
    pub(super) line: usize,
}

fn heading_level(level: u8) -> HeadingLevel {
    HeadingLevel::try_from(level as usize).unwrap_or(HeadingLevel::H6)
}
