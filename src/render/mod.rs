//! Stage 7: the immutable [`Site`] → a [`BuiltSite`] (output path → bytes),
//! in memory. Pages render in parallel; each category's side navigation is
//! rendered once and reused by all its pages, the current page marked by a
//! substitution on that small fragment. Template contexts are slim: titles,
//! paths and the page's own HTML, never whole sibling articles.
//!
//! In: the `Site` (and, for the preview, caches). Out: the `BuiltSite` and
//! template errors. `pages.rs` builds each kind of page's context,
//! `context.rs` holds the plain structs templates receive, `sitemap.rs`
//! writes `sitemap.xml` and `robots.txt`. It never changes the `Site`,
//! never reads a site file and never writes to disk.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::body::templates::tera_problem;
use crate::diagnostics::Diagnostic;
use crate::load::theme::ThemeFile;
use crate::site::Site;
use crate::urls;

mod context;
mod help_desk;
mod pages;
mod sitemap;

#[derive(Debug, Clone)]
pub enum OutputFile {
    Bytes(Vec<u8>),
    Embedded(&'static [u8]),
    Copy(PathBuf),
}

#[derive(Debug, Default)]
pub struct BuiltSite {
    pub files: BTreeMap<String, OutputFile>,
    /// Pages (HTML files) written per language.
    pub pages_per_language: BTreeMap<String, usize>,
}

/// Stands for the page's root prefix in shared fragments until each page
/// substitutes its own.
const ROOT_MARK: &str = "\u{1}";

pub(crate) fn render(site: &Site) -> Result<BuiltSite, Vec<Diagnostic>> {
    let sidebars = Sidebars::of(site)?;
    render_with(site, &sidebars)
}

/// Every category's side navigation, rendered once; kept by `serve` to
/// re-render single pages after an edit.
pub(crate) struct Sidebars(pages::SidebarSet);

impl Sidebars {
    pub(crate) fn of(site: &Site) -> Result<Sidebars, Vec<Diagnostic>> {
        pages::sidebars(site, &site.engines).map(Sidebars)
    }
}

/// The pages of some articles only: output file → bytes.
pub(crate) fn render_articles(
    site: &Site,
    sidebars: &Sidebars,
    articles: &[usize],
) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let renderer = pages::Renderer::new(site, &site.engines, &sidebars.0);
    articles
        .iter()
        .map(|index| renderer.page(&Job::Article(*index)).map(|page| (page.file, page.bytes)))
        .collect::<Result<_, _>>()
        .map_err(|problem| vec![problem])
}

pub(crate) fn render_with(site: &Site, sidebars: &Sidebars) -> Result<BuiltSite, Vec<Diagnostic>> {
    render_with_cache(site, sidebars, None)
}

/// Pages of the previous build, for `phare serve`: a page whose template
/// context (and theme, strings, settings) hashes the same is not rendered
/// again, since its HTML is a function of exactly those.
#[derive(Default)]
pub struct PageCache {
    pages: std::sync::Mutex<HashMap<String, (u64, Vec<u8>)>>,
    reused: std::sync::atomic::AtomicUsize,
    rendered: std::sync::atomic::AtomicUsize,
}

impl PageCache {
    fn get(&self, file: &str, key: u64) -> Option<Vec<u8>> {
        let pages = self.pages.lock().expect("not poisoned");
        let hit = pages.get(file).filter(|(cached, _)| *cached == key).map(|(_, bytes)| bytes.clone());
        let counter = if hit.is_some() { &self.reused } else { &self.rendered };
        counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        hit
    }

    fn put(&self, file: String, key: u64, bytes: Vec<u8>) {
        self.pages.lock().expect("not poisoned").insert(file, (key, bytes));
    }

    /// (reused, rendered) pages since the last call.
    pub fn take_counts(&self) -> (usize, usize) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.reused.swap(0, Relaxed), self.rendered.swap(0, Relaxed))
    }
}

pub(crate) fn render_with_cache(
    site: &Site,
    sidebars: &Sidebars,
    cache: Option<&PageCache>,
) -> Result<BuiltSite, Vec<Diagnostic>> {
    let engines = &site.engines;
    let sidebars = &sidebars.0;
    let mut jobs: Vec<Job> = vec![Job::Landing, Job::RootNotFound];
    for language in &site.config.languages {
        jobs.push(Job::Home(language.code.clone()));
        jobs.push(Job::NotFound(language.code.clone()));
        if site.config.search {
            jobs.push(Job::Search(language.code.clone()));
        }
    }
    jobs.extend((0..site.categories.len()).map(Job::Category));
    jobs.extend((0..site.articles.len()).map(Job::Article));

    let mut renderer = pages::Renderer::new(site, engines, sidebars);
    renderer.cache = cache;
    let results: Vec<Result<RenderedPage, Diagnostic>> = jobs.par_iter().map(|job| renderer.page(job)).collect();

    let mut built = BuiltSite::default();
    let mut problems = Vec::new();
    let mut put = |built: &mut BuiltSite, path: String, file: OutputFile| {
        // `site::claims` gave every file one writer; a second one here is a
        // bug, reported rather than letting one file silently replace another.
        match built.files.entry(path) {
            std::collections::btree_map::Entry::Occupied(taken) => problems.push(
                Diagnostic::error(&site.config.file, 1, 1, format!("two files would be written to /{}", taken.key()))
                    .with_hint("give one of them another `slug` or `permalink`, or rename one of the files"),
            ),
            std::collections::btree_map::Entry::Vacant(free) => {
                free.insert(file);
            }
        }
    };
    let mut page_problems = Vec::new();
    for result in results {
        match result {
            Ok(page) => {
                if !page.lang.is_empty() {
                    *built.pages_per_language.entry(page.lang).or_default() += 1;
                }
                put(&mut built, page.file, OutputFile::Bytes(page.bytes));
            }
            Err(problem) => page_problems.push(problem),
        }
    }
    for (path, bytes) in crate::render::sitemap::files(site) {
        put(&mut built, path, OutputFile::Bytes(bytes));
    }
    for redirect in &site.redirects {
        match redirect_page(site, engines, redirect) {
            Ok(html) => put(&mut built, urls::output_file(&redirect.from), OutputFile::Bytes(html.into_bytes())),
            Err(problem) => page_problems.push(problem),
        }
    }
    let rules = [
        ("_redirects", crate::site::redirects::netlify_rules(&site.config, &site.redirects)),
        ("nginx.conf", crate::site::redirects::nginx_rules(&site.config, &site.redirects)),
    ];
    for (path, text) in rules {
        put(&mut built, path.to_string(), OutputFile::Bytes(text.into_bytes()));
    }
    for (path, file) in &site.theme.static_files {
        let output = match file {
            ThemeFile::Embedded(bytes) => OutputFile::Embedded(bytes),
            ThemeFile::OnDisk(source) => OutputFile::Copy(source.clone()),
        };
        put(&mut built, path.clone(), output);
    }
    for asset in &site.assets {
        put(&mut built, asset.output.clone(), OutputFile::Copy(asset.source.clone()));
    }
    problems.extend(page_problems);
    if problems.is_empty() { Ok(built) } else { Err(problems) }
}

struct RenderedPage {
    /// Empty for the language-neutral landing and root 404 pages.
    lang: String,
    file: String,
    bytes: Vec<u8>,
}

enum Job {
    Landing,
    RootNotFound,
    Home(String),
    NotFound(String),
    /// A language's search results page.
    Search(String),
    Category(usize),
    Article(usize),
}

/// A fragment rendered once and shared by many pages, cut at each place
/// the page's root prefix goes, so placing it in a page is one linear copy.
struct SharedFragment {
    pieces: Vec<String>,
}

impl SharedFragment {
    fn new(html: &str) -> Self {
        SharedFragment { pieces: html.split(ROOT_MARK).map(str::to_string).collect() }
    }

    /// The fragment with this page's root, and `aria-current` on the first
    /// link to the page itself.
    fn place(&self, page_path: &str, root: &str) -> String {
        let length: usize = self.pieces.iter().map(String::len).sum();
        let mut out = String::with_capacity(length + self.pieces.len() * root.len() + 24);
        let mut marked = false;
        for (index, piece) in self.pieces.iter().enumerate() {
            if index > 0 {
                out.push_str(root);
                if !marked && let Some(rest) = piece.strip_prefix(page_path).and_then(|r| r.strip_prefix('"')) {
                    out.push_str(page_path);
                    out.push_str("\" aria-current=\"page\"");
                    out.push_str(rest);
                    marked = true;
                    continue;
                }
            }
            out.push_str(piece);
        }
        out
    }
}

fn render_template<C: Serialize>(
    site: &Site,
    tera: &Tera,
    name: &str,
    context: &C,
    page: &str,
) -> Result<String, Diagnostic> {
    let context = Context::from_serialize(context)
        .map_err(|e| Diagnostic::error(&site.config.file, 1, 1, format!("cannot prepare page /{page}: {e}")))?;
    tera.render(name, &context).map_err(|error| {
        let file = site.theme.templates.get(name).map(|(path, _)| path.clone()).unwrap_or_else(|| PathBuf::from(name));
        let (_, _, message) = tera_problem(&error);
        Diagnostic::error(file, 1, 1, format!("rendering /{page} failed: {message}"))
            .with_hint("a template uses a value that does not exist or a filter wrongly; fix the template named above")
    })
}

/// The page left at an old address: it sends browsers on at once and
/// shows a link for everyone else.
fn redirect_page(
    site: &Site,
    engines: &HashMap<String, Tera>,
    redirect: &crate::site::redirects::Redirect,
) -> Result<String, Diagnostic> {
    let root = urls::root_prefix(&redirect.from);
    let canonical = if site.config.base_url.is_empty() {
        String::new()
    } else {
        format!("{}{}", site.config.base_url, redirect.to)
    };
    let context = RedirectContext { lang: &redirect.lang, root: &root, target: &redirect.to, canonical };
    render_template(site, &engines[&redirect.lang], "redirect.html", &context, &redirect.from)
}

#[derive(Serialize)]
struct RedirectContext<'a> {
    lang: &'a str,
    root: &'a str,
    /// The page's address now (site path).
    target: &'a str,
    canonical: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidebar_marks_only_the_current_page_and_places_the_root() {
        let fragment = format!("<a href=\"{ROOT_MARK}en/a/\">A</a><a href=\"{ROOT_MARK}en/ab/\">AB</a>");
        let placed = SharedFragment::new(&fragment).place("en/a/", "../../");
        assert_eq!(placed, "<a href=\"../../en/a/\" aria-current=\"page\">A</a><a href=\"../../en/ab/\">AB</a>");
    }
}
