//! Stages 3–4 for one page: expand its dialects into components, then
//! render Markdown and components into HTML, with links resolved to the
//! page's language. Pure with respect to the site: everything it needs
//! from other pages comes through the read-only [`LinkIndex`].

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use crate::components::render::{Card, ComponentContext, NodeRenderer};
use crate::components::{self, Component, ExpandInput};
use crate::diagnostics::Diagnostic;
use crate::engine::Engines;
use crate::frontmatter::FrontMatter;
use crate::links::LinkIndex;
use crate::markdown::{MarkdownRenderer, RenderInput, Rendered};
use crate::urls;

/// What every page shares while rendering.
pub struct Shared<'a> {
    pub engines: &'a Engines,
    pub links: &'a LinkIndex,
    /// The site's theme folder, named in "create this template" hints.
    pub theme_dir: &'a Path,
}

pub struct PageSource<'a> {
    pub path: &'a Path,
    pub lang: &'a str,
    /// The page's site path, for its root prefix.
    pub site_path: &'a str,
    pub body: &'a str,
    pub body_line: usize,
    pub front_matter: &'a FrontMatter,
}

/// The page's HTML and what was found on the way; problems include the
/// Markdown warnings.
pub fn render(page: &PageSource<'_>, shared: &Shared<'_>) -> (Rendered, Vec<Diagnostic>) {
    let values = page_values(page.front_matter);
    let read_partial = |path: &Path| std::fs::read_to_string(path).ok();
    let expanded = components::expand(&ExpandInput {
        path: page.path,
        body: page.body,
        body_line: page.body_line,
        page: &values,
        read_partial: &read_partial,
    });
    let mut problems = expanded.problems;

    let root = urls::root_prefix(page.site_path);
    let links = shared.links;
    let resolve_link = |destination: &str| links.resolve(page.path, page.lang, &root, destination);
    let title_of = |destination: &str| links.title_of(page.path, destination);
    let siblings = || {
        links
            .siblings(page.path, page.lang)
            .into_iter()
            .map(|s| Card {
                title: s.title.clone(),
                href: format!("{root}{}", s.path),
                description: s.description.clone(),
            })
            .collect()
    };
    let context = ComponentContext {
        path: page.path,
        tera: &shared.engines[page.lang],
        lang: page.lang,
        root: &root,
        theme_dir: shared.theme_dir,
        resolve_link: &resolve_link,
        title_of: &title_of,
        siblings: &siblings,
    };
    // GitHub alerts are found by the Markdown stage; they render through
    // the same alert component as every other dialect's alerts.
    let alert_problems = Mutex::new(Vec::new());
    let render_alert = |kind: &str, body: String| {
        let scratch_input = RenderInput {
            path: page.path,
            front_matter_title: None,
            resolve_link: &resolve_link,
            render_alert: &|_, b| b,
        };
        let mut scratch = MarkdownRenderer::new(&scratch_input);
        let mut renderer = NodeRenderer::new(&context, &mut scratch);
        let component = Component::new("alert", 0).with("kind", kind);
        let html = renderer.component_with_body(&component, body);
        alert_problems.lock().expect("not poisoned").extend(renderer.problems);
        html
    };
    let input = RenderInput {
        path: page.path,
        front_matter_title: page.front_matter.title.as_deref(),
        resolve_link: &resolve_link,
        render_alert: &render_alert,
    };
    let french = page.lang.split('-').next() == Some("fr");
    let mut markdown = MarkdownRenderer::new(&input).with_french_typography(french);
    let mut renderer = NodeRenderer::new(&context, &mut markdown);
    let html = renderer.page(&expanded.nodes, page.body_line);
    problems.append(&mut renderer.problems);
    let rendered = markdown.finish(html);
    problems.extend(rendered.warnings.iter().cloned());
    problems.extend(alert_problems.into_inner().expect("not poisoned"));
    (rendered, problems)
}

/// Front matter as `{{ page.x }}` and `items=page.x` see it.
fn page_values(front_matter: &FrontMatter) -> BTreeMap<String, serde_json::Value> {
    let mut values = front_matter.extra.clone();
    let known = [
        ("title", front_matter.title.clone()),
        ("description", front_matter.description.clone()),
        ("lang", front_matter.lang.clone()),
        ("category", front_matter.category.clone()),
        ("permalink", front_matter.permalink.clone()),
        ("updated", front_matter.updated.clone()),
    ];
    for (key, value) in known {
        if let Some(value) = value {
            values.insert(key.to_string(), serde_json::Value::String(value));
        }
    }
    values
}
