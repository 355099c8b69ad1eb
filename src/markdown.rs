//! The one place pulldown-cmark options are chosen. Markdown is extended by
//! transforming the event stream: heading ids (explicit `{#id}`, Docusaurus
//! `\{#id}` and `{/* #id */}`, else GitHub-style slugs that keep accents),
//! table of contents, GitHub alerts, title taken from a leading `#` heading,
//! and link rewriting through a caller-supplied resolver.

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link or image destination found in the body, with its file position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub destination: String,
    pub line: usize,
    pub column: usize,
}

/// What the link resolver decided for one destination.
pub enum LinkTarget {
    /// Leave the destination as written (external links, anchors…).
    Keep,
    /// Replace it with this href.
    Rewrite(String),
    /// Keep it, but it points at nothing; the message says why.
    Broken(String),
}

/// UI words the renderer needs, already in the page's language.
pub struct AlertLabels {
    pub note: String,
    pub tip: String,
    pub important: String,
    pub warning: String,
    pub caution: String,
}

pub struct RenderInput<'a> {
    pub path: &'a Path,
    pub body: &'a str,
    pub body_line: usize,
    /// When the front matter has no title, a leading `#` heading becomes it.
    pub front_matter_title: Option<&'a str>,
    pub labels: &'a AlertLabels,
    pub resolve_link: &'a (dyn Fn(&str) -> LinkTarget + Sync),
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

pub fn render(input: &RenderInput<'_>) -> Rendered {
    let lines = LineIndex::new(input.body);
    let mut out = Rendered::default();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut events: Vec<Event<'_>> = Vec::with_capacity(input.body.len() / 8);
    let mut heading: Option<OpenHeading<'_>> = None;
    let mut seen_block = false;
    let mut summary = SummaryState::default();

    for (event, range) in Parser::new_ext(input.body, options()).into_offset_iter() {
        summary.observe(&event);
        if let Some(open) = heading.as_mut() {
            if let Event::End(TagEnd::Heading(_)) = event {
                let open = heading.take().expect("inside a heading");
                let first_block = !seen_block;
                seen_block = true;
                finish_heading(input, &mut out, &mut used_ids, &mut events, open, first_block);
            } else {
                open.inner.push(event);
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, id, classes, .. }) => {
                heading = Some(OpenHeading { level, id, classes, inner: Vec::new() });
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                seen_block = true;
                let (class, label) = alert(kind, input.labels);
                events.push(Event::Html(
                    format!(
                        "<div class=\"alert alert-{class}\" role=\"note\"><p class=\"alert-title\">{}</p>\n",
                        escape(label)
                    )
                    .into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => events.push(Event::Html("</div>\n".into())),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = rewrite(input, &mut out, &lines, dest_url, range.start);
                events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = rewrite(input, &mut out, &lines, dest_url, range.start);
                events.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
            }
            other => {
                if matches!(other, Event::Start(_)) {
                    seen_block = true;
                }
                events.push(other);
            }
        }
    }
    let mut html = String::with_capacity(input.body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    out.html = html;
    out.summary = summary.finish();
    out
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
}

fn finish_heading<'a>(
    input: &RenderInput<'_>,
    out: &mut Rendered,
    used_ids: &mut HashSet<String>,
    events: &mut Vec<Event<'a>>,
    open: OpenHeading<'a>,
    first_block: bool,
) {
    let OpenHeading { level, id, classes, inner } = open;
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
        let is_title = match input.front_matter_title {
            None => true,
            Some(title) => title.trim() == text.trim(),
        };
        if is_title {
            if input.front_matter_title.is_none() {
                out.heading_title = Some(text.trim().to_string());
            }
            return;
        }
    }
    let base = explicit.unwrap_or_else(|| slugify(&text));
    let id = unique_id(used_ids, base);
    out.ids.push(id.clone());
    if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
        out.toc.push(TocEntry { level: level as u8, id: id.clone(), title: text.trim().to_string() });
    }
    events.push(Event::Start(Tag::Heading { level, id: Some(id.into()), classes, attrs: Vec::new() }));
    events.extend(inner);
    events.push(Event::End(TagEnd::Heading(level)));
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
fn trailing_id(text: &str) -> Option<(String, String)> {
    let trimmed = text.trim_end();
    let inner = trimmed.strip_suffix('}')?;
    let open = inner.rfind('{')?;
    let candidate = inner[open + 1..].trim();
    let candidate = candidate.strip_prefix("/*").and_then(|c| c.strip_suffix("*/")).map(str::trim).unwrap_or(candidate);
    let id = candidate.strip_prefix('#')?;
    if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c == '{' || c == '}') {
        return None;
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

fn alert(kind: BlockQuoteKind, labels: &AlertLabels) -> (&'static str, &str) {
    match kind {
        BlockQuoteKind::Note => ("note", &labels.note),
        BlockQuoteKind::Tip => ("tip", &labels.tip),
        BlockQuoteKind::Important => ("important", &labels.important),
        BlockQuoteKind::Warning => ("warning", &labels.warning),
        BlockQuoteKind::Caution => ("caution", &labels.caution),
    }
}

fn rewrite<'a>(
    input: &RenderInput<'_>,
    out: &mut Rendered,
    lines: &LineIndex,
    dest: CowStr<'a>,
    offset: usize,
) -> CowStr<'a> {
    let (line, column) = lines.position(input.body, offset);
    let (line, column) = (line + input.body_line - 1, column);
    out.links.push(LinkRef { destination: dest.to_string(), line, column });
    match (input.resolve_link)(&dest) {
        LinkTarget::Keep => dest,
        LinkTarget::Rewrite(href) => href.into(),
        LinkTarget::Broken(reason) => {
            out.warnings.push(
                Diagnostic::warning(input.path, line, column, reason)
                    .with_hint("check the file name and folder of the link, relative to this article"),
            );
            dest
        }
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

/// Byte offsets of line starts, so each link's line is a binary search
/// rather than a scan from the top.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> AlertLabels {
        AlertLabels {
            note: "Remarque".into(),
            tip: "Conseil".into(),
            important: "Important".into(),
            warning: "Attention".into(),
            caution: "Mise en garde".into(),
        }
    }

    fn render_with(body: &str, title: Option<&str>) -> Rendered {
        let labels = labels();
        let keep = |_: &str| LinkTarget::Keep;
        render(&RenderInput {
            path: Path::new("a.md"),
            body,
            body_line: 1,
            front_matter_title: title,
            labels: &labels,
            resolve_link: &keep,
        })
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
    fn github_alert_gets_localized_label() {
        let r = render_with("> [!WARNING]\n> Gardez vos codes.\n", Some("t"));
        assert!(
            r.html.contains(r#"<div class="alert alert-warning" role="note"><p class="alert-title">Attention</p>"#),
            "{}",
            r.html
        );
        assert!(r.html.contains("</div>"));
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
        let labels = labels();
        let resolve = |dest: &str| match dest {
            "other.md" => LinkTarget::Rewrite("../other/".into()),
            "gone.md" => LinkTarget::Broken("no article at gone.md".into()),
            _ => LinkTarget::Keep,
        };
        let r = render(&RenderInput {
            path: Path::new("a.md"),
            body: "Intro\n\nSee [x](other.md) and [y](gone.md).\n",
            body_line: 5,
            front_matter_title: Some("t"),
            labels: &labels,
            resolve_link: &resolve,
        });
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
