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

use std::path::Path;

use pulldown_cmark::{BlockQuoteKind, BrokenLink, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diagnostics::Diagnostic;

mod a11y;
mod autolink;
mod footnotes;
mod ids;
mod positions;
mod raw_html;
mod sink;
mod text;

use ids::{Explicit, Outline, PageIds};
use positions::Positions;
use sink::EventSink;
use text::{SummaryState, merge_text, plain_text, reference_label};
pub(crate) use text::{escape, french_spacing, slugify, trailing_id};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    /// File line of the heading: components are rendered after the text
    /// around them, so the table of contents is put in page order by line.
    #[serde(skip)]
    pub line: usize,
}

/// A link or image destination found in the body, with its file position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub destination: String,
    pub line: usize,
    pub column: usize,
}

/// What the link resolver decided for one destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Leave the destination as written (external links, anchors…).
    Keep,
    /// Replace it with this href.
    Rewrite(String),
    /// It points at nothing; the reason says why. Kept as written, or
    /// replaced by `href` (a root-absolute link made relative).
    Broken { reason: String, href: Option<String>, near: Option<String> },
    /// Replace it with this href, which leads to a page in another
    /// language (named) without being marked as meant to.
    OtherLanguage(String, String),
}

impl LinkTarget {
    /// A destination that points at nothing, kept as written.
    pub(crate) fn broken(reason: String) -> Self {
        LinkTarget::Broken { reason, href: None, near: None }
    }
}

/// Code of links that leave the page's language unmarked.
pub(crate) const CROSS_LANGUAGE_LINK: &str = "cross-language-link";

/// The diagnostic for a link that leaves the page's language unmarked.
pub(crate) fn other_language(path: &Path, line: usize, column: usize, target_lang: &str) -> Diagnostic {
    Diagnostic::warning(
        path,
        line,
        column,
        format!("this link leads to a page in `{target_lang}`, which has no version in this page's language"),
    )
    .with_hint(format!(
        "link to a page in this language, or write `{{hreflang={target_lang}}}` right after the link if it is meant"
    ))
    .with_code(CROSS_LANGUAGE_LINK)
}

pub struct RenderInput<'a> {
    pub path: &'a Path,
    /// When the front matter has no title, a leading `#` heading becomes it.
    pub front_matter_title: Option<&'a str>,
    pub resolve_link: &'a (dyn Fn(&str) -> LinkTarget + Sync),
    /// Renders a GitHub alert (`> [!NOTE]`): kind and body HTML → HTML.
    pub render_alert: &'a (dyn Fn(&str, String) -> String + Sync),
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Text of the leading `#` heading, when it was taken as the title.
    pub heading_title: Option<String>,
    pub links: Vec<LinkRef>,
    /// Every id in the page, for anchor checks.
    pub ids: Vec<String>,
    /// Plain text of the first paragraph, shortened: the description of
    /// pages whose front matter has none.
    pub summary: String,
    pub warnings: Vec<Diagnostic>,
}

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

    fn finish_heading<'e>(&mut self, events: &mut EventSink<'e>, open: OpenHeading<'e>, first_block: bool) {
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
struct OpenHeading<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    inner: Vec<Event<'a>>,
    line: usize,
}

fn heading_level(level: u8) -> HeadingLevel {
    HeadingLevel::try_from(level as usize).unwrap_or(HeadingLevel::H6)
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
