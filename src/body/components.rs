//! Renders a component tree into HTML: Markdown pieces through the page's
//! shared Markdown renderer, each component through the theme template
//! `components/<name>.html` with its attributes, its rendered body and,
//! for `steps`, `tabs` and `cards`, its items.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use tera::{Context, Tera};

use crate::body::body_text::{host, link_list, link_text};
use crate::body::templates::tera_problem;
use crate::diagnostics::Diagnostic;
use crate::expand::{AttrValue, Component, Node};
use crate::markdown::{LinkTarget, MarkdownRenderer};

/// A card as templates see it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Card {
    pub title: String,
    pub href: String,
    pub description: String,
}

/// What rendering components needs from the page and the site.
pub(crate) struct ComponentContext<'a> {
    pub path: &'a Path,
    pub tera: &'a Tera,
    pub lang: &'a str,
    pub root: &'a str,
    /// Where a missing component template should be created.
    pub theme_dir: &'a Path,
    pub resolve_link: &'a (dyn Fn(&str) -> LinkTarget + Sync),
    /// Title of the article a link points at (for `{% content-ref %}`).
    pub title_of: &'a (dyn Fn(&str) -> Option<String> + Sync),
    /// The other articles of this page's folder (`<DocCardList />`).
    pub siblings: &'a (dyn Fn() -> Vec<Card> + Sync),
}

pub(crate) struct NodeRenderer<'a, 'm> {
    pub context: &'a ComponentContext<'a>,
    pub markdown: &'m mut MarkdownRenderer<'a>,
    pub problems: Vec<Diagnostic>,
    counter: usize,
}

#[derive(Serialize, Default)]
struct ComponentView<'a> {
    name: &'a str,
    lang: &'a str,
    root: &'a str,
    id: String,
    attrs: BTreeMap<&'a str, serde_json::Value>,
    title: String,
    body: String,
    items: Vec<Item>,
    kind: String,
    open: bool,
    src: String,
    alt: String,
    caption: String,
    width: String,
    url: String,
    host: String,
    href: String,
    filename: String,
}

#[derive(Serialize)]
struct Item {
    title: String,
    body: String,
    href: String,
    description: String,
}

impl<'a, 'm> NodeRenderer<'a, 'm> {
    pub(crate) fn new(context: &'a ComponentContext<'a>, markdown: &'m mut MarkdownRenderer<'a>) -> Self {
        NodeRenderer { context, markdown, problems: Vec::new(), counter: 0 }
    }

    /// A page's top level: its Markdown is rendered as one document, so
    /// footnotes and link references work across components. Each component
    /// stands there as a one-line placeholder (lines padded so positions in
    /// messages stay exact) and its HTML is spliced in afterwards.
    pub(crate) fn page(&mut self, nodes: &[Node], first_line: usize) -> String {
        let mut text = String::new();
        let mut line = first_line;
        let mut components = Vec::new();
        for node in nodes {
            match node {
                Node::Markdown { text: piece, line: start } => {
                    // The rest of a component's last line is already on the
                    // placeholder's line.
                    let (piece, start) = match piece.strip_prefix('\n') {
                        Some(rest) if line > *start => (rest, *start + 1),
                        _ => (piece.as_str(), *start),
                    };
                    while line < start {
                        text.push('\n');
                        line += 1;
                    }
                    text.push_str(piece);
                    line += piece.matches('\n').count();
                }
                Node::Component(component) => {
                    // A component written indented (inside a list item) keeps
                    // its indent, so the list goes on around it.
                    let indent = component.indent;
                    if !text.is_empty() && !text.ends_with('\n') {
                        text.push('\n');
                        line += 1;
                    }
                    text.push_str(&format!("{:indent$}{PLACEHOLDER}{}-->\n", "", components.len()));
                    line += 1;
                    components.push(component);
                }
            }
        }
        let html = self.markdown.chunk(&text, first_line);
        let mut rendered = Vec::with_capacity(components.len());
        for component in components {
            self.markdown.enter(component.line);
            rendered.push(self.component(component));
            self.markdown.leave();
        }
        splice(&html, &rendered)
    }

    pub(crate) fn nodes(&mut self, nodes: &[Node]) -> String {
        let mut html = String::new();
        for node in nodes {
            match node {
                Node::Markdown { text, line } => html.push_str(&self.markdown.chunk(text, *line)),
                Node::Component(component) => {
                    self.markdown.enter(component.line);
                    html.push_str(&self.component(component));
                    self.markdown.leave();
                }
            }
        }
        html
    }

    /// Renders a component whose body is already HTML (GitHub alerts,
    /// rendered by the Markdown stage).
    pub(crate) fn component_with_body(&mut self, component: &Component, body: String) -> String {
        self.render(component, Some(body))
    }

    pub(crate) fn component(&mut self, component: &Component) -> String {
        self.render(component, None)
    }

    fn render(&mut self, component: &Component, body_html: Option<String>) -> String {
        self.counter += 1;
        let mut view = ComponentView {
            name: &component.name,
            lang: self.context.lang,
            root: self.context.root,
            id: format!("c{}", self.counter),
            title: component.attr("title").unwrap_or_default().to_string(),
            kind: component.attr("kind").unwrap_or_default().to_string(),
            open: component.attr("open").is_some_and(|o| o != "false"),
            ..ComponentView::default()
        };
        for (key, value) in &component.attrs {
            let json = match value {
                // An include's `image=` names a file of the site: resolved and
                // checked like a link, so templates get its built address.
                AttrValue::Text(text) if FILE_ATTRIBUTES.contains(&key.as_str()) && !text.is_empty() => {
                    serde_json::Value::String(self.link(component, text))
                }
                AttrValue::Text(text) => serde_json::Value::String(text.clone()),
                AttrValue::Data(data) => data.clone(),
            };
            view.attrs.insert(key, json);
        }
        match component.name.as_str() {
            "steps" | "tabs" => view.items = self.items(component),
            "cards" => view.items = self.cards(component),
            "figure" => {
                view.src = self.link(component, component.attr("src").unwrap_or_default());
                view.alt = component.attr("alt").unwrap_or_default().to_string();
                view.caption = component.attr("caption").unwrap_or_default().to_string();
                view.width = component.attr("width").unwrap_or_default().to_string();
            }
            "embed" => {
                view.url = component.attr("url").unwrap_or_default().to_string();
                view.host = host(&view.url);
            }
            "file" => {
                let src = component.attr("src").unwrap_or_default();
                view.href = self.link(component, src);
                view.filename = src.rsplit('/').next().unwrap_or(src).to_string();
                view.caption = component.attr("caption").unwrap_or_default().to_string();
            }
            _ => {}
        }
        view.body = match body_html {
            Some(html) => html,
            None if matches!(component.name.as_str(), "steps" | "tabs" | "cards") => String::new(),
            None => self.nodes(&component.body),
        };
        // `:::figure{src=…}` with a Markdown caption as its body.
        if component.name == "figure" && view.caption.is_empty() {
            view.caption = std::mem::take(&mut view.body);
        }
        self.template(component, &view)
    }

    fn template(&mut self, component: &Component, view: &ComponentView<'_>) -> String {
        let name = format!("components/{}.html", component.name);
        if !self.context.tera.get_template_names().any(|n| n == name) {
            let create = self.context.theme_dir.join(&name);
            let origin =
                component.attr("include").map(|i| format!(" (from `{{% include {i} %}}`)")).unwrap_or_default();
            self.problems.push(
                Diagnostic::error(
                    self.context.path,
                    component.line,
                    1,
                    format!("there is no template for the component `{}`{origin}", component.name),
                )
                .with_hint(format!("create {} to say how it looks", create.display())),
            );
            return String::new();
        }
        let rendered = Context::from_serialize(view).and_then(|c| self.context.tera.render(&name, &c));
        match rendered {
            Ok(html) => html,
            Err(error) => {
                let (_, _, message) = tera_problem(&error);
                self.problems.push(Diagnostic::error(
                    self.context.path,
                    component.line,
                    1,
                    format!("the `{}` component could not be rendered: {message}", component.name),
                ));
                String::new()
            }
        }
    }

    /// `step`/`tab` children become items; text between them joins the
    /// item before it (or a first untitled one).
    fn items(&mut self, component: &Component) -> Vec<Item> {
        let mut items: Vec<Item> = Vec::new();
        for node in &component.body {
            match node {
                Node::Component(child) if matches!(child.name.as_str(), "step" | "tab") => {
                    let body = self.nodes(&child.body);
                    let title = child.attr("title").unwrap_or_default().to_string();
                    items.push(Item { title, body, href: String::new(), description: String::new() });
                }
                Node::Markdown { text, .. } if text.trim().is_empty() => {}
                other => {
                    let html = self.nodes(std::slice::from_ref(other));
                    match items.last_mut() {
                        Some(item) => item.body.push_str(&html),
                        None => items.push(Item {
                            title: String::new(),
                            body: html,
                            href: String::new(),
                            description: String::new(),
                        }),
                    }
                }
            }
        }
        items
    }

    fn cards(&mut self, component: &Component) -> Vec<Item> {
        let card =
            |title: String, href: String, description: String| Item { title, body: String::new(), href, description };
        if component.attr("siblings").is_some() {
            return (self.context.siblings)().into_iter().map(|c| card(c.title, c.href, c.description)).collect();
        }
        if let Some(url) = component.attr("url") {
            // `{% content-ref url="x.md" %}[x](x.md){% endcontent-ref %}`
            let title = (self.context.title_of)(url)
                .unwrap_or_else(|| link_text(&component.body).unwrap_or_else(|| url.to_string()));
            let href = self.link(component, url);
            return vec![card(title, href, String::new())];
        }
        let Some(AttrValue::Data(serde_json::Value::Array(entries))) = component.attrs.get("items") else {
            // `:::cards` with a Markdown list: `- [Title](page.md): description`
            let mut cards = Vec::new();
            for (title, href, description) in link_list(&component.body) {
                let title = if title.is_empty() {
                    (self.context.title_of)(&href).unwrap_or_else(|| href.clone())
                } else {
                    title
                };
                let href = self.link(component, &href);
                cards.push(card(title, href, description));
            }
            return cards;
        };
        let mut cards = Vec::new();
        for entry in entries {
            let field = |k: &str| entry.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let href = field("href");
            let title = match field("title") {
                t if t.is_empty() => (self.context.title_of)(&href).unwrap_or_else(|| href.clone()),
                t => t,
            };
            let href = if href.is_empty() { href } else { self.link(component, &href) };
            cards.push(card(title, href, field("description")));
        }
        cards
    }

    fn link(&mut self, component: &Component, destination: &str) -> String {
        match (self.context.resolve_link)(destination) {
            LinkTarget::Keep => crate::body::links::as_written(destination),
            LinkTarget::Rewrite(href) => href,
            LinkTarget::OtherLanguage(href, target_lang) => {
                self.problems.push(crate::markdown::other_language(self.context.path, component.line, 1, &target_lang));
                href
            }
            LinkTarget::Broken { reason, href, .. } => {
                self.problems.push(
                    Diagnostic::warning(self.context.path, component.line, 1, reason)
                        .with_hint("check the file name and folder, relative to this article")
                        .with_code(crate::markdown::BROKEN_LINK),
                );
                href.unwrap_or_else(|| crate::body::links::as_written(destination))
            }
        }
    }
}

/// Component attributes that name a file of the site.
const FILE_ATTRIBUTES: [&str; 2] = ["image", "icon"];

const PLACEHOLDER: &str = "<!--phare:component ";

/// Replaces each placeholder by its component's HTML. Components are
/// spliced once each, in order: a placeholder written in the article itself
/// stays the comment it is and cannot repeat a component's HTML (which
/// would let a few bytes of text multiply a page).
fn splice(html: &str, components: &[String]) -> String {
    let mut out = String::with_capacity(html.len() + components.iter().map(String::len).sum::<usize>());
    let mut rest = html;
    let mut next = 0;
    while let Some(at) = rest.find(PLACEHOLDER) {
        let after = &rest[at + PLACEHOLDER.len()..];
        // No `-->` after this one means no real placeholder after it either.
        let Some(end) = after.find("-->") else { break };
        if next < components.len() && after[..end].parse::<usize>() == Ok(next) {
            out.push_str(&rest[..at]);
            out.push_str(&components[next]);
            next += 1;
        } else {
            out.push_str(&rest[..at + PLACEHOLDER.len() + end + 3]);
        }
        rest = &after[end + 3..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_component_is_spliced_once_whatever_the_text_says() {
        let html = format!("a{PLACEHOLDER}0-->b{PLACEHOLDER}0-->c{PLACEHOLDER}1-->d{PLACEHOLDER}9");
        let spliced = splice(&html, &["X".to_string(), "Y".to_string()]);
        assert_eq!(spliced, format!("aXb{PLACEHOLDER}0-->cYd{PLACEHOLDER}9"));
    }
}
