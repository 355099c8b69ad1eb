//! The one place pulldown-cmark options are chosen. Markdown is extended by
//! transforming the event stream: heading ids (explicit `{#id}`, Docusaurus
//! `\{#id}` and `{/* #id */}`, else GitHub-style slugs that keep accents),
//! table of contents, GitHub alerts (handed to the alert component), title
//! taken from a leading `#` heading, kramdown classes, and link rewriting
//! through a caller-supplied resolver. A page may be rendered in several
//! chunks (the Markdown between components) that share one state, so ids,
//! the table of contents and links stay page-wide.

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{BlockQuoteKind, BrokenLink, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diagnostics::{Diagnostic, LineIndex};

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
    /// Keep it, but it points at nothing; the message says why.
    Broken(String),
    /// Replace it with this href, which leads to a page in another
    /// language (named) without being marked as meant to.
    OtherLanguage(String, String),
}

/// Code of links that leave the page's language unmarked.
pub const CROSS_LANGUAGE_LINK: &str = "cross-language-link";

/// The diagnostic for a link that leaves the page's language unmarked.
pub fn other_language(path: &Path, line: usize, column: usize, target_lang: &str) -> Diagnostic {
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

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Renders a whole body in one chunk.
pub fn render(input: &RenderInput<'_>, body: &str, body_line: usize) -> Rendered {
    let mut renderer = MarkdownRenderer::new(input);
    let html = renderer.chunk(body, body_line);
    renderer.finish(html)
}

/// Page-wide state across the chunks of one page.
pub struct MarkdownRenderer<'a> {
    input: &'a RenderInput<'a>,
    out: Rendered,
    used_ids: HashSet<String>,
    summary: SummaryState,
    seen_block: bool,
    /// Inside a component body: its paragraphs are not the page summary.
    nesting: usize,
    /// Link reference definitions seen so far: label → (URL, title).
    references: std::collections::HashMap<String, (String, String)>,
    /// French spacing before `? ! ; :` and inside « ».
    french: bool,
}

/// Code of link problems, which `broken_links: error` makes errors.
pub const BROKEN_LINK: &str = "broken-link";

/// Marker left by kramdown attribute lines (`{: .class}`) for the block
/// before them.
pub const CLASS_MARKER: &str = "<!--phare:class ";

impl<'a> MarkdownRenderer<'a> {
    pub fn new(input: &'a RenderInput<'a>) -> Self {
        MarkdownRenderer {
            input,
            out: Rendered::default(),
            used_ids: HashSet::new(),
            summary: SummaryState::default(),
            seen_block: false,
            nesting: 0,
            references: std::collections::HashMap::new(),
            french: false,
        }
    }

    /// French pages: the space before `?`, `!`, `;`, `:` and inside « »
    /// becomes a no-break space, so punctuation never starts a line.
    pub fn with_french_typography(mut self, on: bool) -> Self {
        self.french = on;
        self
    }

    /// Chunks rendered between `enter` and `leave` belong to a component.
    pub fn enter(&mut self) {
        self.nesting += 1;
    }

    pub fn leave(&mut self) {
        self.nesting = self.nesting.saturating_sub(1);
    }

    pub fn finish(mut self, html: String) -> Rendered {
        self.out.html = html;
        self.out.toc.sort_by_key(|entry| entry.line);
        self.out.summary = self.summary.finish();
        self.out
    }

    /// The HTML of one chunk of Markdown starting on file line `first_line`.
    pub fn chunk(&mut self, text: &str, first_line: usize) -> String {
        // Built on the first link: most chunks of most pages need no lines.
        let mut lines: Option<LineIndex> = None;
        let mut events = EventSink::default();
        let mut heading: Option<OpenHeading<'_>> = None;
        // Reference definitions (`[label]: url`) count page-wide, so a
        // component body may use one defined in the text around it.
        let known = self.references.clone();
        let mut resolve_reference = |link: BrokenLink<'_>| {
            known
                .get(&reference_label(&link.reference))
                .map(|(url, title)| (CowStr::from(url.clone()), CowStr::from(title.clone())))
        };
        let parser = Parser::new_with_broken_link_callback(text, options(), Some(&mut resolve_reference));
        for (label, definition) in parser.reference_definitions().iter() {
            let title = definition.title.as_ref().map(|t| t.to_string()).unwrap_or_default();
            self.references.entry(reference_label(label)).or_insert_with(|| (definition.dest.to_string(), title));
        }
        let mut in_code_block = false;
        for (event, range) in parser.into_offset_iter() {
            let event = match event {
                Event::Start(Tag::CodeBlock(_)) => {
                    in_code_block = true;
                    event
                }
                Event::End(TagEnd::CodeBlock) => {
                    in_code_block = false;
                    event
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
                    open.inner.push(event);
                }
                continue;
            }
            match event {
                Event::Start(Tag::Heading { level, id, classes, .. }) => {
                    let line = lines.get_or_insert_with(|| LineIndex::new(text)).position(text, range.start).0
                        + first_line
                        - 1;
                    heading = Some(OpenHeading { level, id, classes, inner: Vec::new(), line });
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    self.seen_block = true;
                    events.open_alert(alert_kind(kind));
                }
                Event::End(TagEnd::BlockQuote(Some(_))) => {
                    if let Some((kind, body)) = events.close_alert() {
                        let mut html = String::new();
                        pulldown_cmark::html::push_html(&mut html, body.into_iter());
                        events.push(Event::Html((self.input.render_alert)(kind, html).into()));
                    }
                }
                Event::Html(html) if html.starts_with(CLASS_MARKER) => {
                    let classes = html[CLASS_MARKER.len()..].trim().trim_end_matches("-->").trim().to_string();
                    events.add_class_to_last_block(&classes);
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let cross = dest_url
                        .strip_prefix(crate::links::CROSS_LANGUAGE)
                        .and_then(|r| r.split_once(':'))
                        .map(|(lang, _)| lang.to_string());
                    let dest_url = self.rewrite(
                        lines.get_or_insert_with(|| LineIndex::new(text)),
                        text,
                        first_line,
                        dest_url,
                        range.start,
                    );
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
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    let dest_url = self.rewrite(
                        lines.get_or_insert_with(|| LineIndex::new(text)),
                        text,
                        first_line,
                        dest_url,
                        range.start,
                    );
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
        let mut html = String::with_capacity(text.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.main.into_iter());
        html
    }

    fn finish_heading<'e>(&mut self, events: &mut EventSink<'e>, open: OpenHeading<'e>, first_block: bool) {
        let OpenHeading { level, id, classes, inner, line } = open;
        let mut inner = merge_text(inner);
        let mut explicit = id.map(|i| i.to_string());
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
        if level == HeadingLevel::H1 && first_block {
            let is_title = match self.input.front_matter_title {
                None => true,
                Some(title) => title.trim() == text.trim(),
            };
            if is_title {
                if self.input.front_matter_title.is_none() {
                    self.out.heading_title = Some(text.trim().to_string());
                }
                return;
            }
        }
        let base = explicit.unwrap_or_else(|| slugify(&text));
        let id = unique_id(&mut self.used_ids, base);
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

    fn rewrite<'e>(
        &mut self,
        lines: &LineIndex,
        text: &str,
        first_line: usize,
        dest: CowStr<'e>,
        offset: usize,
    ) -> CowStr<'e> {
        let (line, column) = lines.position(text, offset);
        let line = line + first_line - 1;
        self.out.links.push(LinkRef { destination: dest.to_string(), line, column });
        match (self.input.resolve_link)(&dest) {
            LinkTarget::Keep => dest,
            LinkTarget::Rewrite(href) => href.into(),
            LinkTarget::OtherLanguage(href, target_lang) => {
                self.out.warnings.push(other_language(self.input.path, line, column, &target_lang));
                href.into()
            }
            LinkTarget::Broken(reason) => {
                self.out.warnings.push(
                    Diagnostic::warning(self.input.path, line, column, reason)
                        .with_hint("check the file name and folder of the link, relative to this article")
                        .with_code(BROKEN_LINK),
                );
                dest
            }
        }
    }
}

/// Where transformed events go: the page, or the body of an open alert.
#[derive(Default)]
struct EventSink<'e> {
    main: Vec<Event<'e>>,
    alerts: Vec<(&'static str, Vec<Event<'e>>)>,
    /// Nesting depth of open tags in `main`, and where the last top-level
    /// block started (for kramdown classes).
    depth: usize,
    last_block: Option<usize>,
}

impl<'e> EventSink<'e> {
    fn push(&mut self, event: Event<'e>) {
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
        self.main.push(event);
    }

    fn open_alert(&mut self, kind: &'static str) {
        self.alerts.push((kind, Vec::new()));
    }

    fn close_alert(&mut self) -> Option<(&'static str, Vec<Event<'e>>)> {
        self.alerts.pop()
    }

    /// Applies `{: .class}` to the block just before it, where HTML allows.
    fn add_class_to_last_block(&mut self, classes: &str) {
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

const SUMMARY_LENGTH: usize = 180;

/// Collects the text of the first paragraph that is not inside a list,
/// quote or table.
#[derive(Default)]
struct SummaryState {
    depth: usize,
    in_paragraph: bool,
    done: bool,
    text: String,
}

impl SummaryState {
    fn observe(&mut self, event: &Event<'_>) {
        if self.done {
            return;
        }
        match event {
            Event::Start(Tag::Paragraph) if self.depth == 0 => self.in_paragraph = true,
            Event::End(TagEnd::Paragraph) if self.in_paragraph => {
                self.in_paragraph = false;
                self.done = !self.text.trim().is_empty();
            }
            Event::Start(Tag::Paragraph) => {}
            Event::Start(_) if !self.in_paragraph => self.depth += 1,
            Event::End(TagEnd::Paragraph) => {}
            Event::End(_) if !self.in_paragraph => self.depth = self.depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if self.in_paragraph => self.text.push_str(t),
            Event::SoftBreak | Event::HardBreak if self.in_paragraph => self.text.push(' '),
            _ => {}
        }
    }

    fn finish(self) -> String {
        let text = self.text.trim();
        if text.chars().count() <= SUMMARY_LENGTH {
            return text.to_string();
        }
        let cut: String = text.chars().take(SUMMARY_LENGTH).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
        format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
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

/// `Pourquoi ?` → `Pourquoi\u{202F}?`: a narrow no-break space before
/// `? ! ;`, a no-break space before `:` and inside « », as French
/// typography asks. Text without any of them is returned as it was.
pub fn french_spacing(text: CowStr<'_>) -> CowStr<'_> {
    let needs = text.contains(" ?")
        || text.contains(" !")
        || text.contains(" ;")
        || text.contains(" :")
        || text.contains('«')
        || text.contains('»');
    if !needs {
        return text;
    }
    let spaced = text
        .replace(" ?", "\u{202F}?")
        .replace(" !", "\u{202F}!")
        .replace(" ;", "\u{202F};")
        .replace(" :", "\u{00A0}:")
        .replace("« ", "«\u{00A0}")
        .replace(" »", "\u{00A0}»");
    CowStr::from(spaced)
}

/// Link labels match case-insensitively with whitespace collapsed.
fn reference_label(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// pulldown-cmark splits text at escapes (`\{` becomes its own event); join
/// neighbours so a trailing `{#id}` is found in one piece.
fn merge_text(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut merged: Vec<Event<'_>> = Vec::with_capacity(events.len());
    for event in events {
        match (merged.last_mut(), event) {
            (Some(Event::Text(previous)), Event::Text(next)) => {
                *previous = CowStr::from(format!("{previous}{next}"));
            }
            (_, event) => merged.push(event),
        }
    }
    merged
}

/// `Title {#id}` (left by an escaped brace) or `Title {/* #id */}` → the
/// title text and the id.
pub fn trailing_id(text: &str) -> Option<(String, String)> {
    let trimmed = text.trim_end();
    let inner = trimmed.strip_suffix('}')?;
    let open = inner.rfind('{')?;
    let candidate = inner[open + 1..].trim();
    let comment = candidate.strip_prefix("/*").and_then(|c| c.strip_suffix("*/")).map(str::trim);
    let id = comment.unwrap_or(candidate).strip_prefix('#')?;
    if id.is_empty() || id.contains(['{', '}']) {
        return None;
    }
    if id.contains(char::is_whitespace) {
        // An MDX comment is never text, even when its id is malformed
        // (`{/* #a b */}`): keep a usable id from it.
        comment?;
        return Some((inner[..open].trim_end().to_string(), id.split_whitespace().collect::<Vec<_>>().join("-")));
    }
    Some((inner[..open].trim_end().to_string(), id.to_string()))
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// GitHub-style heading slug: lower case, letters (accented ones kept),
/// digits, `-` and `_`; spaces become `-`; everything else is dropped.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            slug.push('-');
        }
    }
    slug
}

fn unique_id(used: &mut HashSet<String>, base: String) -> String {
    let base = if base.is_empty() { "section".to_string() } else { base };
    if used.insert(base.clone()) {
        return base;
    }
    (1..).map(|n| format!("{base}-{n}")).find(|candidate| used.insert(candidate.clone())).expect("an unused id exists")
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

/// Escapes text for HTML content and attribute values. `/` is left alone:
/// escaping it (as Tera's default does) only bloats URLs. Tera also calls
/// this to test `{% if big_html %}`, so text without special characters is
/// copied in one go.
pub fn escape(text: &str) -> String {
    let needs = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    let Some(first) = text.as_bytes().iter().position(needs) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    let mut start = first;
    for (index, byte) in text.bytes().enumerate().skip(first) {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..index]);
        out.push_str(replacement);
        start = index + 1;
    }
    out.push_str(&text[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alert_box(kind: &str, body: String) -> String {
        format!("<aside class=\"{kind}\">{body}</aside>")
    }

    fn render_with(body: &str, title: Option<&str>) -> Rendered {
        let keep = |_: &str| LinkTarget::Keep;
        let input = RenderInput {
            path: Path::new("a.md"),
            front_matter_title: title,
            resolve_link: &keep,
            render_alert: &alert_box,
        };
        render(&input, body, 1)
    }

    #[test]
    fn accented_heading_keeps_its_accents_in_the_slug() {
        let r = render_with("## Vérification en deux étapes\n", Some("t"));
        assert!(r.html.contains(r#"<h2 id="vérification-en-deux-étapes">"#), "{}", r.html);
    }

    #[test]
    fn explicit_and_docusaurus_ids_win_and_never_show_as_text() {
        let r = render_with("## One {#first}\n\n## Two \\{#second}\n\n## Three {/* #third */}\n", Some("t"));
        let ids: Vec<_> = r.toc.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["first", "second", "third"]);
        assert!(!r.html.contains('{'), "{}", r.html);
        assert_eq!(r.toc[1].title, "Two");
    }

    #[test]
    fn duplicate_headings_get_unique_ids() {
        let r = render_with("## Steps\n\n## Steps\n\n## Steps\n", Some("t"));
        let ids: Vec<_> = r.toc.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["steps", "steps-1", "steps-2"]);
    }

    #[test]
    fn leading_heading_becomes_the_title_when_front_matter_has_none() {
        let r = render_with("# Receive codes by SMS\n\nText\n", None);
        assert_eq!(r.heading_title.as_deref(), Some("Receive codes by SMS"));
        assert!(!r.html.contains("<h1"));
    }

    #[test]
    fn github_alert_is_handed_to_the_alert_component_with_its_rendered_body() {
        let r = render_with("> [!WARNING]\n> Gardez vos **codes**.\n\nAprès.\n", Some("t"));
        assert!(
            r.html.starts_with("<aside class=\"warning\"><p>Gardez vos <strong>codes</strong>.</p>\n</aside>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<p>Après.</p>"));
    }

    #[test]
    fn kramdown_class_applies_to_the_block_before_it() {
        let r = render_with(
            "1. one\n2. two\n<!--phare:class number-list-->\n\nText\n<!--phare:class lead big-->\n",
            Some("t"),
        );
        assert!(r.html.contains("<ol class=\"number-list\">"), "{}", r.html);
        assert!(r.html.contains("<p class=\"lead big\">Text</p>"), "{}", r.html);
        assert!(!r.html.contains("phare:class"));
    }

    #[test]
    fn reference_definitions_reach_later_chunks() {
        let keep = |_: &str| LinkTarget::Keep;
        let input = RenderInput {
            path: Path::new("a.md"),
            front_matter_title: Some("t"),
            resolve_link: &keep,
            render_alert: &alert_box,
        };
        let mut renderer = MarkdownRenderer::new(&input);
        renderer.chunk("Top.\n\n[Guide]: https://example.org/guide \"The guide\"\n", 1);
        let inner = renderer.chunk("See the [guide].\n", 9);
        assert!(inner.contains(r#"<a href="https://example.org/guide" title="The guide">guide</a>"#), "{inner}");
    }

    #[test]
    fn french_pages_keep_punctuation_with_its_word_but_never_touch_code() {
        let keep = |_: &str| LinkTarget::Keep;
        let input = RenderInput {
            path: Path::new("a.md"),
            front_matter_title: Some("t"),
            resolve_link: &keep,
            render_alert: &alert_box,
        };
        let mut renderer = MarkdownRenderer::new(&input).with_french_typography(true);
        let html =
            renderer.chunk("## Pourquoi ?\n\nAttention : « codes » ! Oui ; non.\n\n```\na ? b\n```\n\n`x ? y`\n", 1);
        assert!(html.contains("Pourquoi\u{202F}?</h2>"), "{html}");
        assert!(html.contains("Attention\u{A0}: «\u{A0}codes\u{A0}»\u{202F}! Oui\u{202F}; non."), "{html}");
        assert!(html.contains("a ? b") && html.contains("<code>x ? y</code>"), "code is untouched: {html}");
        let rendered = renderer.finish(html);
        assert_eq!(rendered.ids, ["pourquoi-"], "the slug is the same as with a plain space");
    }

    #[test]
    fn chunks_share_ids_and_table_of_contents() {
        let keep = |_: &str| LinkTarget::Keep;
        let input = RenderInput {
            path: Path::new("a.md"),
            front_matter_title: Some("t"),
            resolve_link: &keep,
            render_alert: &alert_box,
        };
        let mut renderer = MarkdownRenderer::new(&input);
        let first = renderer.chunk("## Steps\n", 1);
        let second = renderer.chunk("## Steps\n", 9);
        let rendered = renderer.finish(first + &second);
        assert_eq!(rendered.ids, ["steps", "steps-1"]);
        assert_eq!(rendered.toc.len(), 2);
    }

    #[test]
    fn tables_footnotes_tasks_and_strikethrough_render() {
        let r =
            render_with("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ text[^1]\n\n[^1]: note\n", Some("t"));
        for needle in ["<table>", "checkbox", "<del>old</del>", "footnote"] {
            assert!(r.html.contains(needle), "missing {needle}: {}", r.html);
        }
    }

    #[test]
    fn links_are_recorded_with_file_lines_and_rewritten() {
        let resolve = |dest: &str| match dest {
            "other.md" => LinkTarget::Rewrite("../other/".into()),
            "gone.md" => LinkTarget::Broken("no article at gone.md".into()),
            _ => LinkTarget::Keep,
        };
        let input = RenderInput {
            path: Path::new("a.md"),
            front_matter_title: Some("t"),
            resolve_link: &resolve,
            render_alert: &alert_box,
        };
        let r = render(&input, "Intro\n\nSee [x](other.md) and [y](gone.md).\n", 5);
        assert!(r.html.contains(r#"href="../other/""#));
        assert_eq!(r.links[0], LinkRef { destination: "other.md".into(), line: 7, column: 5 });
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(r.warnings[0].line, 7);
    }

    #[test]
    fn summary_is_the_first_plain_paragraph() {
        let r = render_with(
            "> [!NOTE]\n> quoted\n\n- item\n\nFirst *real* paragraph\nwith two lines.\n\nSecond.\n",
            Some("t"),
        );
        assert_eq!(r.summary, "First real paragraph with two lines.");
    }

    #[test]
    fn escape_handles_special_characters_and_keeps_slashes() {
        assert_eq!(escape("a/b"), "a/b");
        assert_eq!(escape("« l'aide » <b> & \"x\""), "« l&#39;aide » &lt;b&gt; &amp; &quot;x&quot;");
    }

    #[test]
    fn code_is_never_touched() {
        let r = render_with("```\n## not {#x}\n```\n\n`{#y}`\n", Some("t"));
        assert!(r.toc.is_empty());
        assert!(r.html.contains("{#y}"));
    }
}
