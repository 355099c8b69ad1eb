//! The one place pulldown-cmark options are chosen. Markdown is extended by
//! transforming the event stream: heading ids (explicit `{#id}`, Docusaurus
//! `\{#id}` and `{/* #id */}`, else GitHub-style slugs that keep accents),
//! table of contents, GitHub alerts (handed to the alert component), title
//! taken from a leading `#` heading, kramdown classes, and link rewriting
//! through a caller-supplied resolver. A page may be rendered in several
//! chunks (the Markdown between components) that share one state, so ids,
//! the table of contents and links stay page-wide.
//!
//! In: Markdown text, the page's path and language, a link resolver. Out:
//! HTML with heading ids, a table of contents, a summary, a title and the
//! links it made ([`Rendered`]); `text.rs` also gives the text helpers
//! (`escape`, heading ids, slugs) the dialect scanners use. It never reads
//! a file and knows nothing about other pages: links are answered by the
//! caller's resolver.

use pulldown_cmark::{BlockQuoteKind, BrokenLink, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::diagnostics::Diagnostic;

mod a11y;
mod autolink;
mod footnotes;
mod headings;
mod ids;
mod page;
mod positions;
mod raw_html;
mod sink;
mod text;

use headings::OpenHeading;
use ids::{Explicit, Outline, PageIds};
pub(crate) use page::other_language;
pub use page::{LinkRef, LinkTarget, RenderInput, Rendered, TocEntry};
use positions::Positions;
use sink::EventSink;
use text::{SummaryState, merge_text, plain_text, reference_label};
pub(crate) use text::{escape, french_spacing, slugify, trailing_id};

pub(crate) fn options() -> Options {
    // Old-style footnotes: a reference is one even when its definition is
    // in another chunk of the page (`[^2]` inside a `:::note`); Phare
    // numbers and renders them (`footnotes.rs`).
    Options::ENABLE_TABLES
        | Options::ENABLE_OLD_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Renders a whole body in one chunk.
pub fn render(input: &RenderInput<'_>, body: &str, body_line: usize) -> Rendered {
    let mut renderer = MarkdownRenderer::new(input);
    renderer.prepare(body);
    let html = renderer.chunk(body, body_line);
    renderer.finish(html)
}

/// Page-wide state across the chunks of one page.
pub(crate) struct MarkdownRenderer<'a> {
    input: &'a RenderInput<'a>,
    out: Rendered,
    ids: PageIds,
    footnotes: footnotes::Footnotes,
    /// Labels of the footnote definitions being read.
    open_footnotes: Vec<String>,
    outline: Outline,
    summary: SummaryState,
    seen_block: bool,
    /// Inside a component body: its paragraphs are not the page summary.
    nesting: usize,
    /// Link reference definitions seen so far: label → (URL, title).
    references: std::collections::HashMap<String, (String, String)>,
    /// French spacing before `? ! ; :` and inside « ».
    french: bool,
    /// Ids written in raw HTML, with their file line and column.
    raw_ids: Vec<(String, usize, usize)>,
}

/// Code of link problems, which `broken_links: error` makes errors.
pub(crate) const BROKEN_LINK: &str = "broken-link";

/// Marker left by kramdown attribute lines (`{: .class}`) for the block
/// before them.
pub(crate) const CLASS_MARKER: &str = "<!--phare:class ";

/// Marker left by a kramdown attribute line after a blank line: its
/// classes go on the block after it.
pub(crate) const NEXT_CLASS_MARKER: &str = "<!--phare:class-next ";

impl<'a> MarkdownRenderer<'a> {
    pub(crate) fn new(input: &'a RenderInput<'a>) -> Self {
        MarkdownRenderer {
            input,
            out: Rendered::default(),
            ids: PageIds::default(),
            footnotes: footnotes::Footnotes::default(),
            open_footnotes: Vec::new(),
            outline: Outline::default(),
            summary: SummaryState::default(),
            seen_block: false,
            nesting: 0,
            references: std::collections::HashMap::new(),
            french: false,
            raw_ids: Vec::new(),
        }
    }

    /// French pages: the space before `?`, `!`, `;`, `:` and inside « »
    /// becomes a no-break space, so punctuation never starts a line.
    pub(crate) fn with_french_typography(mut self, on: bool) -> Self {
        self.french = on;
        self
    }

    /// Reads the page's whole text before its chunks are rendered: explicit
    /// heading ids (automatic ids never take them, whichever comes first)
    /// and footnote references (numbered in the order they are written).
    pub(crate) fn prepare(&mut self, text: &str) {
        self.ids.reserve_explicit(text);
        self.footnotes.scan(text);
    }

    /// Chunks rendered between `enter` and `leave` belong to a component,
    /// which starts on file line `line`.
    pub(crate) fn enter(&mut self, line: usize) {
        self.nesting += 1;
        self.outline.resume_at(line);
    }

    pub(crate) fn leave(&mut self) {
        self.nesting = self.nesting.saturating_sub(1);
    }

    pub(crate) fn finish(mut self, html: String) -> Rendered {
        self.report_repeated_raw_ids();
        let mut html = html;
        html.push_str(&std::mem::take(&mut self.footnotes).section());
        self.out.html = html;
        self.out.toc.sort_by_key(|entry| entry.line);
        self.out.summary = self.summary.finish();
        self.out
    }

    /// The HTML of one chunk of Markdown starting on file line `first_line`.
    pub(crate) fn chunk(&mut self, text: &str, first_line: usize) -> String {
        // MDX has no indented code: the indented content of `<TabItem>` or
        // `<Note>` is text, so a component's body loses its common indent.
        let is_mdx = self.input.path.extension().is_some_and(|e| e.eq_ignore_ascii_case("mdx"));
        let dedented;
        let text = if is_mdx && self.nesting > 0 {
            dedented = text::dedent(text);
            dedented.as_ref()
        } else {
            text
        };
        let mut positions = Positions::new(text, first_line);
        let mut events = EventSink::default();
        let mut heading: Option<OpenHeading<'_>> = None;
        // Reference definitions (`[label]: url`) count page-wide, so a
        // component body may use one defined in the text around it. The
        // page's map is lent to this chunk's parser, not copied per chunk.
        let known = std::mem::take(&mut self.references);
        let mut resolve_reference = |link: BrokenLink<'_>| {
            known
                .get(&reference_label(&link.reference))
                .map(|(url, title)| (CowStr::from(url.clone()), CowStr::from(title.clone())))
        };
        let parser = Parser::new_with_broken_link_callback(text, options(), Some(&mut resolve_reference));
        let defined: Vec<(String, (String, String))> = parser
            .reference_definitions()
            .iter()
            .map(|(label, definition)| {
                let title = definition.title.as_ref().map(|t| t.to_string()).unwrap_or_default();
                (reference_label(label), (definition.dest.to_string(), title))
            })
            .collect();
        let mut in_code_block = false;
        let mut in_link = 0usize;
        let mut after_link = false;
        for (event, range) in autolink::merged_text(parser.into_offset_iter()) {
            let just_after_link = std::mem::replace(&mut after_link, matches!(event, Event::End(TagEnd::Link)));
            let event = match event {
                Event::Text(text) if just_after_link && text.starts_with("{:") => {
                    match text::span_attributes(&text) {
                        Some((attributes, rest)) => {
                            events.add_link_attributes(&attributes);
                            Event::Text(rest.to_string().into())
                        }
                        // Not attributes Phare can read: never shown as text.
                        None => match text.find('}') {
                            Some(end) => Event::Text(text[end + 1..].to_string().into()),
                            None => Event::Text(text),
                        },
                    }
                }
                other => other,
            };
            let event = match event {
                Event::Start(Tag::CodeBlock(_)) => {
                    in_code_block = true;
                    event
                }
                Event::End(TagEnd::CodeBlock) => {
                    in_code_block = false;
                    event
                }
                Event::Start(Tag::Link { .. }) => {
                    in_link += 1;
                    event
                }
                Event::End(TagEnd::Link) => {
                    in_link = in_link.saturating_sub(1);
                    event
                }
                Event::Text(text) if !in_code_block && in_link == 0 && heading.is_none() => {
                    let text = if self.french { french_spacing(text) } else { text };
                    match autolink::pieces(&text) {
                        None => Event::Text(text),
                        Some(pieces) => {
                            if self.nesting == 0 {
                                self.summary.observe(&Event::Text(text.clone()));
                            }
                            // Bare URLs are complete links: written straight to the page.
                            for piece in pieces {
                                match piece {
                                    autolink::Piece::Text(t) => events.push(Event::Text(t.to_string().into())),
                                    autolink::Piece::Url(shown, href) => events.push(Event::Html(
                                        format!("<a href=\"{}\">{}</a>", escape(&href), escape(shown)).into(),
                                    )),
                                }
                            }
                            continue;
                        }
                    }
                }
                Event::Text(text) if self.french && !in_code_block => Event::Text(french_spacing(text)),
                other => other,
            };
            if self.nesting == 0 {
                self.summary.observe(&event);
            }
            if let Some(open) = heading.as_mut() {
                if let Event::End(TagEnd::Heading(_)) = event {
                    let open = heading.take().expect("inside a heading");
                    let first_block = !self.seen_block;
                    self.seen_block = true;
                    self.finish_heading(&mut events, open, first_block);
                } else {
                    // Links in a heading are links like any other.
                    let event = match event {
                        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                            let dest_url = self.rewrite(dest_url, positions.at(range.start));
                            Event::Start(Tag::Link { link_type, dest_url, title, id })
                        }
                        other => other,
                    };
                    open.inner.push(event);
                }
                continue;
            }
            match event {
                Event::Start(Tag::Heading { level, id, classes, .. }) => {
                    let (line, _) = positions.at(range.start);
                    heading = Some(OpenHeading { level, id, classes, inner: Vec::new(), line });
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    self.seen_block = true;
                    events.open_alert(alert_kind(kind));
                }
                Event::End(TagEnd::BlockQuote(Some(_))) => {
                    if let Some((kind, body)) = events.close_alert() {
                        let mut html = String::new();
                        pulldown_cmark::html::push_html(&mut html, a11y::tables_and_task_lists(body).into_iter());
                        events.push(Event::Html((self.input.render_alert)(kind, html).into()));
                    }
                }
                Event::Html(html) if html.starts_with(NEXT_CLASS_MARKER) => {
                    let classes = html[NEXT_CLASS_MARKER.len()..].trim().trim_end_matches("-->").trim().to_string();
                    events.add_class_to_next_block(classes);
                }
                Event::Html(html) if html.starts_with(CLASS_MARKER) => {
                    let classes = html[CLASS_MARKER.len()..].trim().trim_end_matches("-->").trim().to_string();
                    events.add_class_to_last_block(&classes);
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let cross = dest_url
                        .strip_prefix(crate::urls::CROSS_LANGUAGE)
                        .and_then(|r| r.split_once(':'))
                        .map(|(lang, _)| lang.to_string());
                    let dest_url = self.rewrite(dest_url, positions.at(range.start));
                    match cross {
                        // `[English](/en/x/){hreflang=en}`: an intended
                        // cross-language link, marked as such for readers.
                        Some(lang) => {
                            let (href, lang) = (escape(&dest_url), escape(&lang));
                            events.push(Event::Html(
                                format!("<a href=\"{href}\" hreflang=\"{lang}\" lang=\"{lang}\">").into(),
                            ));
                        }
                        None => events.push(Event::Start(Tag::Link { link_type, dest_url, title, id })),
                    }
                }
                Event::Html(html)
                    if !html.starts_with(CLASS_MARKER)
                        && !html.starts_with(NEXT_CLASS_MARKER)
                        && html.contains('<') =>
                {
                    let html = self.raw_html(html, text, range.start, &mut positions);
                    events.push(Event::Html(html));
                }
                Event::InlineHtml(html) if html.contains('<') => {
                    let html = self.raw_html(html, text, range.start, &mut positions);
                    events.push(Event::InlineHtml(html));
                }
                Event::FootnoteReference(label) => {
                    self.seen_block = true;
                    match self.footnotes.reference(&label) {
                        Some(html) => events.push(Event::InlineHtml(html.into())),
                        None => {
                            let (line, column) = positions.at(range.start);
                            self.out.warnings.push(
                                Diagnostic::warning(
                                    self.input.path,
                                    line,
                                    column,
                                    format!(
                                        "the footnote `[^{label}]` has no text in this page, so it is shown as written"
                                    ),
                                )
                                .with_hint(format!("add a line `[^{label}]: the note's text` to the article")),
                            );
                            events.push(Event::Text(format!("[^{label}]").into()));
                        }
                    }
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    self.open_footnotes.push(label.to_string());
                    events.open_alert("footnote");
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    if let (Some(label), Some((_, body))) = (self.open_footnotes.pop(), events.close_alert()) {
                        let mut html = String::new();
                        pulldown_cmark::html::push_html(&mut html, body.into_iter());
                        self.footnotes.define(&label, html);
                    }
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    let dest_url = self.rewrite(dest_url, positions.at(range.start));
                    events.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
                }
                other => {
                    if matches!(other, Event::Start(_)) {
                        self.seen_block = true;
                    }
                    events.push(other);
                }
            }
        }
        let mut known = known;
        for (label, definition) in defined {
            known.entry(label).or_insert(definition);
        }
        self.references = known;
        let mut html = String::with_capacity(text.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, a11y::tables_and_task_lists(events.main).into_iter());
        html
    }
}

fn alert_kind(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

#[cfg(test)]
mod tests;
