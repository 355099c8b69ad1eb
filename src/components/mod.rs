//! Stage 3, expand: every dialect's syntax (Liquid includes and captures,
//! GitBook blocks, Docusaurus directives and MDX, HTML `<details>` and
//! `<figure>`, kramdown attribute lines) becomes one tree of [`Node`]s:
//! Markdown text and [`Component`]s with a name, attributes and a body.
//! Dialects only parse; the theme renders each component through
//! `components/<name>.html` (see `render.rs`).

mod attrs;
mod html;
pub mod render;
mod scan;

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::Diagnostic;

/// A piece of an article: Markdown, or a component holding more pieces.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Markdown text and the file line it starts on.
    Markdown {
        text: String,
        line: usize,
    },
    Component(Component),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// `alert`, `details`, `steps`, `step`, `tabs`, `tab`, `figure`, `cards`,
    /// `embed`, `file`, or the name of an include (`icon-list`).
    pub name: String,
    pub attrs: BTreeMap<String, AttrValue>,
    pub body: Vec<Node>,
    /// File line of the opening tag.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue {
    Text(String),
    /// A value from the front matter (`items=page.can_verify_list`).
    Data(serde_json::Value),
}

impl AttrValue {
    pub fn text(&self) -> Option<&str> {
        match self {
            AttrValue::Text(text) => Some(text),
            AttrValue::Data(serde_json::Value::String(text)) => Some(text),
            AttrValue::Data(_) => None,
        }
    }
}

impl Component {
    pub fn new(name: &str, line: usize) -> Component {
        Component { name: name.to_string(), attrs: BTreeMap::new(), body: Vec::new(), line }
    }

    pub fn with(mut self, key: &str, value: impl Into<String>) -> Component {
        self.attrs.insert(key.to_string(), AttrValue::Text(value.into()));
        self
    }

    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.get(key).and_then(AttrValue::text)
    }
}

/// Alert kinds and the names each dialect uses for them.
pub const ALERT_KINDS: &[&str] =
    &["note", "info", "tip", "success", "important", "warning", "caution", "error", "emergency"];

/// `danger` (Docusaurus, GitBook) is `error`; `check` (GitBook) is `success`.
pub fn alert_kind(name: &str) -> Option<&'static str> {
    let name = name.trim().to_ascii_lowercase();
    let name = match name.as_str() {
        "danger" => "error",
        "check" => "success",
        "secondary" => "note",
        "primary" => "info",
        other => other,
    };
    ALERT_KINDS.iter().find(|k| **k == name).copied()
}

/// What the article needs from the rest of the site while expanding.
pub struct ExpandInput<'a> {
    pub path: &'a Path,
    pub body: &'a str,
    pub body_line: usize,
    /// Front matter, for `{{ page.title }}` and `items=page.list`.
    pub page: &'a BTreeMap<String, serde_json::Value>,
    /// Reads a partial (`import X from './_x.mdx'`) relative to the article,
    /// or says why it may not.
    pub read_partial: &'a (dyn Fn(&Path) -> Result<String, crate::read_scope::Refused> + Sync),
}

#[derive(Debug, Default)]
pub struct Expanded {
    pub nodes: Vec<Node>,
    pub problems: Vec<Diagnostic>,
}

/// Parses every dialect in `input.body` into nodes.
pub fn expand(input: &ExpandInput<'_>) -> Expanded {
    if !may_hold_components(input.body, input.path) {
        // Plain Markdown (most articles): one node, no scan.
        let nodes = vec![Node::Markdown { text: input.body.to_string(), line: input.body_line }];
        return Expanded { nodes, problems: Vec::new() };
    }
    scan::Scanner::new(input, 0).run()
}

/// Whether any dialect construct could start in `body`. Cheap substring
/// tests; a `true` only means the scanner has to look.
fn may_hold_components(body: &str, path: &Path) -> bool {
    const MARKERS: &[&str] = &[
        "{%",
        "{{",
        "::",
        "{:",
        "{hreflang",
        "&#x20;",
        "\n\\\n",
        "mdx-code-block",
        "<details",
        "<figure",
        "<table",
        "<div",
    ];
    if MARKERS.iter().any(|m| body.contains(m)) || body.starts_with("\\\n") {
        return true;
    }
    let mdx = path.extension().is_some_and(|e| e == "mdx");
    // JSX components start with a capital: `<Note`, `</Note>`.
    let jsx = body.as_bytes().windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_uppercase() || w[1] == b'/'));
    jsx || (mdx && (body.contains("import ") || body.contains("export ") || body.contains('{')))
}

/// The tree under construction: a stack of open components.
struct Builder {
    stack: Vec<Frame>,
    root: Vec<Node>,
}

struct Frame {
    component: Component,
    closer: Closer,
    /// As written, for messages: `{% hint style="info" %}`.
    opening: String,
}

/// How an open component is closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Closer {
    /// `{% endhint %}` closes `hint`.
    Liquid(String),
    /// `:::` with this many colons.
    Colons(usize),
    /// `</Note>`, `</details>`.
    Tag(String),
}

impl Closer {
    fn describe(&self) -> String {
        match self {
            Closer::Liquid(name) => format!("{{% end{name} %}}"),
            Closer::Colons(n) => ":".repeat(*n),
            Closer::Tag(name) => format!("</{name}>"),
        }
    }
}

impl Builder {
    fn new() -> Builder {
        Builder { stack: Vec::new(), root: Vec::new() }
    }

    fn children(&mut self) -> &mut Vec<Node> {
        match self.stack.last_mut() {
            Some(frame) => &mut frame.component.body,
            None => &mut self.root,
        }
    }

    fn text(&mut self, text: &str, line: usize) {
        if text.is_empty() {
            return;
        }
        let children = self.children();
        if let Some(Node::Markdown { text: previous, .. }) = children.last_mut() {
            previous.push_str(text);
        } else {
            children.push(Node::Markdown { text: text.to_string(), line });
        }
    }

    fn leaf(&mut self, component: Component) {
        self.children().push(Node::Component(component));
    }

    fn open(&mut self, component: Component, closer: Closer, opening: String) {
        self.stack.push(Frame { component, closer, opening });
    }

    fn top(&mut self) -> Option<&mut Component> {
        self.stack.last_mut().map(|f| &mut f.component)
    }

    /// Closes the innermost component `closer` matches. Components left
    /// open inside it are errors naming where they were opened.
    fn close(
        &mut self,
        closer: &Closer,
        found: &str,
        line: usize,
        path: &Path,
        problems: &mut Vec<Diagnostic>,
    ) -> bool {
        let Some(depth) = self.stack.iter().rposition(|f| &f.closer == closer) else {
            return false;
        };
        while self.stack.len() > depth + 1 {
            let frame = self.stack.pop().expect("deeper frame exists");
            problems.push(
                Diagnostic::error(
                    path,
                    frame.component.line,
                    1,
                    format!(
                        "`{}` opened here is not closed: `{found}` on line {line} closes an outer block first",
                        frame.opening
                    ),
                )
                .with_hint(format!("add `{}` before line {line}", frame.closer.describe())),
            );
            let component = frame.component;
            self.children().push(Node::Component(component));
        }
        let frame = self.stack.pop().expect("matching frame exists");
        self.children().push(Node::Component(frame.component));
        true
    }

    /// Like [`Builder::close`], but a closing tag that matches no open block
    /// while one is open is a mismatch: an error on the open block's line
    /// saying what was found instead, and that block ends there.
    fn close_or_mismatch(
        &mut self,
        closer: &Closer,
        found: &str,
        line: usize,
        path: &Path,
        problems: &mut Vec<Diagnostic>,
    ) -> bool {
        if self.close(closer, found, line, path, problems) {
            return true;
        }
        let Some(frame) = self.stack.pop() else { return false };
        problems.push(
            Diagnostic::error(
                path,
                frame.component.line,
                1,
                format!(
                    "`{}` opened here is closed by `{found}` on line {line}, which does not match it",
                    frame.opening
                ),
            )
            .with_hint(format!("close it with `{}`", frame.closer.describe())),
        );
        self.children().push(Node::Component(frame.component));
        true
    }

    /// Every block still open at the end of the file is an error.
    fn finish(mut self, path: &Path, problems: &mut Vec<Diagnostic>) -> Vec<Node> {
        while let Some(frame) = self.stack.pop() {
            problems.push(
                Diagnostic::error(
                    path,
                    frame.component.line,
                    1,
                    format!("`{}` opened here is never closed: the file ends first", frame.opening),
                )
                .with_hint(format!("add `{}` where the block should end", frame.closer.describe())),
            );
            let component = frame.component;
            self.children().push(Node::Component(component));
        }
        self.root
    }
}

#[cfg(test)]
mod tests;
