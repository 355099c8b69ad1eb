//! Stages 3–4 for one page, its body. In: a [`PageSource`] (front matter,
//! body text) and the [`Shared`] read-only parts of the site — the Tera
//! `Engines` and the `LinkIndex` (every page's
//! address, title and order). Out: [`Rendered`] HTML with its heading ids,
//! table of contents, summary and the links it made, plus diagnostics.
//! The body expands its dialects into components (`crate::expand`),
//! renders Markdown and components into HTML, with links resolved to the
//! page's language. It never reads another page, never writes, and sees
//! the rest of the site only through the `LinkIndex`, so pages render in
//! parallel and a cached body is valid while its recorded lookups are.

mod body_text;
pub(crate) mod components;
pub(crate) mod links;
pub(crate) mod order;
pub(crate) mod templates;

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::body::components::{Card, ComponentContext, NodeRenderer};
use crate::body::links::LinkIndex;
use crate::body::templates::Engines;
use crate::diagnostics::Diagnostic;
use crate::expand::{self, Component, ExpandInput};
use crate::load::frontmatter::FrontMatter;
use crate::load::read_scope::ReadScope;
use crate::markdown::{LinkTarget, MarkdownRenderer, RenderInput, Rendered};
use crate::urls;

/// What every page shares while rendering.
pub struct Shared<'a> {
    pub engines: &'a Engines,
    pub links: &'a LinkIndex,
    /// The site's theme folder, named in "create this template" hints.
    pub theme_dir: &'a Path,
    /// Where partials and includes may be read from.
    pub read_scope: &'a ReadScope,
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
    let (rendered, problems, _) = render_recorded(page, shared);
    (rendered, problems)
}

/// Something a page's rendering asked of the rest of the site, and the
/// answer it got. If every answer is still the same, so is the page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lookup {
    Link(String, LinkTarget),
    Title(String, Option<String>),
    Siblings(Vec<Card>),
    Partial(PathBuf, Option<String>),
}

impl Lookup {
    fn still_holds(&self, page: &PageSource<'_>, shared: &Shared<'_>, root: &str) -> bool {
        let links = shared.links;
        match self {
            Lookup::Link(destination, target) => links.resolve(page.path, page.lang, root, destination) == *target,
            Lookup::Title(destination, title) => links.title_of(page.path, destination) == *title,
            Lookup::Siblings(cards) => sibling_cards(links, page, root) == *cards,
            Lookup::Partial(path, text) => shared.read_scope.read_to_string(path).ok() == *text,
        }
    }
}

fn sibling_cards(links: &LinkIndex, page: &PageSource<'_>, root: &str) -> Vec<Card> {
    links
        .siblings(page.path, page.lang)
        .into_iter()
        .map(|s| Card { title: s.title.clone(), href: format!("{root}{}", s.path), description: s.description.clone() })
        .collect()
}

/// Rendered articles of the previous build, for `phare serve`: an article
/// is rendered again only when its file, its place, the theme, strings or
/// settings, or one of the answers it got from other pages changed.
#[derive(Default)]
pub struct RenderCache {
    pages: Mutex<HashMap<PathBuf, Cached>>,
    reused: AtomicUsize,
    rendered: AtomicUsize,
}

struct Cached {
    body_hash: u64,
    front_matter: FrontMatter,
    lang: String,
    site_path: String,
    body_line: usize,
    environment: u64,
    lookups: Vec<Lookup>,
    rendered: Rendered,
    problems: Vec<Diagnostic>,
}

impl RenderCache {
    /// `environment` fingerprints theme, strings and settings.
    pub(crate) fn render(
        &self,
        page: &PageSource<'_>,
        shared: &Shared<'_>,
        environment: u64,
    ) -> (Rendered, Vec<Diagnostic>) {
        let body_hash = hash(page.body);
        let previous = self.pages.lock().expect("not poisoned").remove(page.path);
        let root = urls::root_prefix(page.site_path);
        if let Some(cached) = previous
            && cached.body_hash == body_hash
            && cached.environment == environment
            && cached.body_line == page.body_line
            && cached.lang == page.lang
            && cached.site_path == page.site_path
            && cached.front_matter == *page.front_matter
            && cached.lookups.iter().all(|lookup| lookup.still_holds(page, shared, &root))
        {
            self.reused.fetch_add(1, Ordering::Relaxed);
            let answer = (cached.rendered.clone(), cached.problems.clone());
            self.pages.lock().expect("not poisoned").insert(page.path.to_path_buf(), cached);
            return answer;
        }
        self.rendered.fetch_add(1, Ordering::Relaxed);
        let (rendered, problems, lookups) = render_recorded(page, shared);
        let cached = Cached {
            body_hash,
            front_matter: page.front_matter.clone(),
            lang: page.lang.to_string(),
            site_path: page.site_path.to_string(),
            body_line: page.body_line,
            environment,
            lookups,
            rendered: rendered.clone(),
            problems: problems.clone(),
        };
        self.pages.lock().expect("not poisoned").insert(page.path.to_path_buf(), cached);
        (rendered, problems)
    }

    /// (reused, rendered) since the last call.
    pub fn take_counts(&self) -> (usize, usize) {
        (self.reused.swap(0, Ordering::Relaxed), self.rendered.swap(0, Ordering::Relaxed))
    }
}

fn hash(text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// Renders the page and records every answer it got from the rest of the site.
pub(crate) fn render_recorded(page: &PageSource<'_>, shared: &Shared<'_>) -> (Rendered, Vec<Diagnostic>, Vec<Lookup>) {
    let lookups = Mutex::new(Vec::new());
    let record = |lookup: Lookup| lookups.lock().expect("not poisoned").push(lookup);
    let values = page_values(page.front_matter);
    let read_partial = |path: &Path| {
        let text = shared.read_scope.read_to_string(path);
        record(Lookup::Partial(path.to_path_buf(), text.as_ref().ok().cloned()));
        text
    };
    let expanded = expand::expand(&ExpandInput {
        path: page.path,
        body: page.body,
        body_line: page.body_line,
        page: &values,
        read_partial: &read_partial,
    });
    let mut problems = expanded.problems;

    let root = urls::root_prefix(page.site_path);
    let links = shared.links;
    let resolve_link = |destination: &str| {
        let target = links.resolve(page.path, page.lang, &root, destination);
        record(Lookup::Link(destination.to_string(), target.clone()));
        target
    };
    let title_of = |destination: &str| {
        let title = links.title_of(page.path, destination);
        record(Lookup::Title(destination.to_string(), title.clone()));
        title
    };
    let siblings = || {
        let cards = sibling_cards(links, page, &root);
        record(Lookup::Siblings(cards.clone()));
        cards
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
    markdown.prepare(page.body);
    let mut renderer = NodeRenderer::new(&context, &mut markdown);
    let html = renderer.page(&expanded.nodes, page.body_line);
    problems.append(&mut renderer.problems);
    let rendered = markdown.finish(html);
    problems.extend(rendered.warnings.iter().cloned());
    problems.extend(alert_problems.into_inner().expect("not poisoned"));
    (rendered, problems, lookups.into_inner().expect("not poisoned"))
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
