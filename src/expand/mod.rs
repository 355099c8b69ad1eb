//! Stage 3, expand: every dialect's syntax (Liquid includes and captures,
//! GitBook blocks, Docusaurus directives and MDX, HTML `<details>` and
//! `<figure>`, kramdown attribute lines) becomes one tree of [`Node`]s:
//! Markdown text and [`Component`]s with a name, attributes and a body.
//! In: one article's body text and a way to read partials through the
//! read scope ([`ExpandInput`]). Out: the tree and diagnostics with lines
//! ([`Expanded`]). Dialects only parse: this stage never renders HTML,
//! never resolves links and reads no file except through `read_partial`;
//! the theme renders each component through `components/<name>.html`
//! (see `crate::body::components`). Every scan is linear in its input.

mod attrs;
mod html;
mod scan;

use std::collections::{BTreeMap, HashMap};
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
    /// Spaces before the opening tag: a component written inside a list
    /// item stays inside it.
    pub indent: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue {
    Text(String),
    /// A value from the front matter (`items=page.can_verify_list`).
    Data(serde_json::Value),
}

impl AttrValue {
    pub(crate) fn text(&self) -> Option<&str> {
        match self {
            AttrValue::Text(text) => Some(text),
            AttrValue::Data(serde_json::Value::String(text)) => Some(text),
            AttrValue::Data(_) => None,
        }
    }
}

impl Component {
    pub(crate) fn new(name: &str, line: usize) -> Component {
        Component { name: name.to_string(), attrs: BTreeMap::new(), body: Vec::new(), line, indent: 0 }
    }

    pub(crate) fn with(mut self, key: &str, value: impl Into<String>) -> Component {
        self.attrs.insert(key.to_string(), AttrValue::Text(value.into()));
        self
    }

    pub(crate) fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.get(key).and_then(AttrValue::text)
    }
}

/// Alert kinds and the names each dialect uses for them.
pub(crate) const ALERT_KINDS: &[&str] =
    &["note", "info", "tip", "success", "important", "warning", "caution", "error", "emergency"];

/// `danger` (Docusaurus, GitBook) is `error`; `check` (GitBook) is `success`.
pub(crate) fn alert_kind(name: &str) -> Option<&'static str> {
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
    pub read_partial: &'a (dyn Fn(&Path) -> Result<String, crate::load::read_scope::Refused> + Sync),
}

#[derive(Debug, Default)]
pub struct Expanded {
    pub nodes: Vec<Node>,
    pub problems: Vec<Diagnostic>,
}

/// Blocks may nest this deep. Deeper nesting is surely a mistake, and the
/// stages after this one walk the tree recursively: without a bound, a few
/// thousand nested blocks would overflow the stack and abort the build.
pub(crate) const MAX_NESTING: usize = 64;

/// Text a page may hold once captures and partials are expanded: an
/// included block repeated many times over must not make a page of
/// gigabytes.
pub(crate) const MAX_EXPANDED_BYTES: usize = 2 << 20;

/// Parses every dialect in `input.body` into nodes.
pub fn expand(input: &ExpandInput<'_>) -> Expanded {
    if !may_hold_components(input.body, input.path) {
        // Plain Markdown (most articles): one node, no scan.
        let nodes = vec![Node::Markdown { text: input.body.to_string(), line: input.body_line }];
        return Expanded { nodes, problems: Vec::new() };
    }
    let shared = scan::Shared::default();
    scan::Scanner::new(input, &shared).run()
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

/// The tree under construction: a stack of open components. Blocks
/// opened deeper than [`MAX_NESTING`] are still matched with their closers,
/// but their content joins the block around them instead of nesting, so
/// the tree never grows deeper than the limit.
struct Builder {
    stack: Vec<Frame>,
    root: Vec<Node>,
    /// How deep this tree's root sits in the page (a partial's nodes sit
    /// inside the blocks around the include).
    nesting: usize,
    /// Indices in `stack` of the open frames of each closer, so that a
    /// closing tag finds its block without walking the whole stack.
    open_by_closer: HashMap<Closer, Vec<usize>>,
    /// The first block opened too deep: its line and how it was written.
    too_deep: Option<(usize, String)>,
}

struct Frame {
    component: Component,
    closer: Closer,
    /// As written, for messages: `{% hint style="info" %}`.
    opening: String,
}

/// How an open component is closed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    fn new(nesting: usize) -> Builder {
        Builder { stack: Vec::new(), root: Vec::new(), nesting, open_by_closer: HashMap::new(), too_deep: None }
    }

    /// How deep in the page the next node goes.
    fn depth(&self) -> usize {
        self.nesting + self.stack.len()
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
        if self.depth() >= MAX_NESTING && self.too_deep.is_none() {
            self.too_deep = Some((component.line, opening.clone()));
        }
        self.open_by_closer.entry(closer.clone()).or_default().push(self.stack.len());
        self.stack.push(Frame { component, closer, opening });
    }

    fn top(&mut self) -> Option<&mut Component> {
        self.stack.last_mut().map(|f| &mut f.component)
    }

    /// Takes the innermost open frame off the stack and puts its component
    /// in its parent; one opened too deep gives its content instead.
    fn pop(&mut self) -> Option<Frame> {
        let frame = self.stack.pop()?;
        if let Some(open) = self.open_by_closer.get_mut(&frame.closer) {
            open.pop();
        }
        Some(frame)
    }

    /// Reports a problem of the frame just popped, unless it was opened too
    /// deep: the nesting error says what to fix first, and thousands of
    /// follow-on errors would bury it.
    fn report(&self, problems: &mut Vec<Diagnostic>, problem: Diagnostic) {
        if self.depth() < MAX_NESTING {
            problems.push(problem);
        }
    }

    fn attach(&mut self, component: Component) {
        if self.depth() < MAX_NESTING {
            self.children().push(Node::Component(component));
            return;
        }
        for node in component.body {
            match node {
                Node::Markdown { text, line } => self.text(&text, line),
                Node::Component(inner) => self.children().push(Node::Component(inner)),
            }
        }
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
        let Some(&depth) = self.open_by_closer.get(closer).and_then(|open| open.last()) else {
            return false;
        };
        while self.stack.len() > depth + 1 {
            let frame = self.pop().expect("deeper frame exists");
            self.report(
                problems,
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
            self.attach(frame.component);
        }
        let frame = self.pop().expect("matching frame exists");
        self.attach(frame.component);
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
        let Some(frame) = self.pop() else { return false };
        self.report(
            problems,
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
        self.attach(frame.component);
        true
    }

    /// Every block still open at the end of the file is an error.
    fn finish(mut self, path: &Path, problems: &mut Vec<Diagnostic>) -> Vec<Node> {
        if let Some((line, opening)) = &self.too_deep {
            problems.push(
                Diagnostic::error(
                    path,
                    *line,
                    1,
                    format!(
                        "`{opening}` opened here is nested more than {MAX_NESTING} blocks deep, the most Phare allows"
                    ),
                )
                .with_hint("check that every block above it is closed; blocks this deep are not readable anyway"),
            );
        }
        while let Some(frame) = self.pop() {
            self.report(
                problems,
                Diagnostic::error(
                    path,
                    frame.component.line,
                    1,
                    format!("`{}` opened here is never closed: the file ends first", frame.opening),
                )
                .with_hint(format!("add `{}` where the block should end", frame.closer.describe())),
            );
            self.attach(frame.component);
        }
        self.root
    }
}

#[cfg(test)]
mod tests;
