//! What rendering a page's Markdown takes and gives: the input (path,
//! language, link resolver…), the answers a resolver can give, and the
//! rendered result (HTML, table of contents, ids, links, summary,
//! warnings).

use std::path::Path;

use serde::Serialize;

use crate::diagnostics::Diagnostic;

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
