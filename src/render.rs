//! Stage 7: the immutable [`Site`] → a [`BuiltSite`] (output path → bytes),
//! in memory. Pages render in parallel; each category's side navigation is
//! rendered once and reused by all its pages, the current page marked by a
//! substitution on that small fragment. Template contexts are slim: titles,
//! paths and the page's own HTML, never whole sibling articles.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::Diagnostic;
use crate::engine::tera_problem;
use crate::i18n::format_date;
use crate::markdown::TocEntry;
use crate::site::{Article, Site};
use crate::theme::ThemeFile;
use crate::urls;

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

pub fn render(site: &Site) -> Result<BuiltSite, Vec<Diagnostic>> {
    let sidebars = Sidebars::of(site)?;
    render_with(site, &sidebars)
}

/// Every category's side navigation, rendered once; kept by `serve` to
/// re-render single pages after an edit.
pub struct Sidebars(Vec<SharedFragment>);

impl Sidebars {
    pub fn of(site: &Site) -> Result<Sidebars, Vec<Diagnostic>> {
        sidebars(site, &site.engines).map(Sidebars)
    }
}

/// The pages of some articles only: output file → bytes.
pub fn render_articles(
    site: &Site,
    sidebars: &Sidebars,
    articles: &[usize],
) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let renderer = Renderer::new(site, &site.engines, &sidebars.0);
    articles
        .iter()
        .map(|index| renderer.page(&Job::Article(*index)).map(|page| (page.file, page.bytes)))
        .collect::<Result<_, _>>()
        .map_err(|problem| vec![problem])
}

pub fn render_with(site: &Site, sidebars: &Sidebars) -> Result<BuiltSite, Vec<Diagnostic>> {
    let engines = &site.engines;
    let sidebars = &sidebars.0;
    let mut jobs: Vec<Job> = vec![Job::Landing, Job::RootNotFound];
    for language in &site.config.languages {
        jobs.push(Job::Home(language.code.clone()));
        jobs.push(Job::NotFound(language.code.clone()));
    }
    jobs.extend((0..site.categories.len()).map(Job::Category));
    jobs.extend((0..site.articles.len()).map(Job::Article));

    let renderer = Renderer::new(site, engines, sidebars);
    let results: Vec<Result<RenderedPage, Diagnostic>> = jobs.par_iter().map(|job| renderer.page(job)).collect();

    let mut built = BuiltSite::default();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(page) => {
                if !page.lang.is_empty() {
                    *built.pages_per_language.entry(page.lang).or_default() += 1;
                }
                if built.files.insert(page.file.clone(), OutputFile::Bytes(page.bytes)).is_some() {
                    problems.push(
                        Diagnostic::error(
                            &site.config.file,
                            1,
                            1,
                            format!("two pages would be written to /{}", page.file),
                        )
                        .with_hint("give one of them another `slug` or `permalink`"),
                    );
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    for (path, bytes) in crate::sitemap::files(site) {
        built.files.insert(path, OutputFile::Bytes(bytes));
    }
    for redirect in &site.redirects {
        match redirect_page(site, engines, redirect) {
            Ok(html) => {
                built.files.insert(urls::output_file(&redirect.from), OutputFile::Bytes(html.into_bytes()));
            }
            Err(problem) => problems.push(problem),
        }
    }
    let rules = [
        ("_redirects", crate::redirects::netlify_rules(&site.config, &site.redirects)),
        ("nginx.conf", crate::redirects::nginx_rules(&site.config, &site.redirects)),
    ];
    for (path, text) in rules {
        built.files.insert(path.to_string(), OutputFile::Bytes(text.into_bytes()));
    }
    for (path, file) in &site.theme.static_files {
        let output = match file {
            ThemeFile::Embedded(bytes) => OutputFile::Embedded(bytes),
            ThemeFile::OnDisk(source) => OutputFile::Copy(source.clone()),
        };
        built.files.entry(path.clone()).or_insert(output);
    }
    for asset in &site.assets {
        built.files.entry(asset.output.clone()).or_insert_with(|| OutputFile::Copy(asset.source.clone()));
    }
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
    Category(usize),
    Article(usize),
}

/// The side navigation of every category, rendered once with a root
/// placeholder.
fn sidebars(site: &Site, engines: &HashMap<String, Tera>) -> Result<Vec<SharedFragment>, Vec<Diagnostic>> {
    let results: Vec<Result<String, Diagnostic>> = site
        .categories
        .par_iter()
        .enumerate()
        .map(|(index, category)| {
            let nav = &site.nav[&category.lang];
            let context = SidebarContext {
                lang: &category.lang,
                root: ROOT_MARK,
                home_path: format!("{}/", category.lang),
                category: SidebarCategory {
                    title: &category.title,
                    path: &category.path,
                    articles: category.articles.iter().map(|a| nav_item(site, *a)).collect(),
                },
                categories: nav
                    .categories
                    .iter()
                    .map(|c| SidebarEntry {
                        title: &site.categories[*c].title,
                        path: &site.categories[*c].path,
                        current: *c == index,
                    })
                    .collect(),
            };
            render_template(site, &engines[&category.lang], "sidebar.html", &context, &category.path)
        })
        .collect();
    let mut problems = Vec::new();
    let mut out = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(html) => out.push(SharedFragment::new(&html)),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
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
    redirect: &crate::redirects::Redirect,
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

struct Renderer<'a> {
    site: &'a Site,
    engines: &'a HashMap<String, Tera>,
    sidebars: &'a [SharedFragment],
    /// Every language as the landing page and language links show it.
    languages: Vec<LandingLanguage>,
}

impl Renderer<'_> {
    fn new<'a>(site: &'a Site, engines: &'a HashMap<String, Tera>, sidebars: &'a [SharedFragment]) -> Renderer<'a> {
        let mut renderer = Renderer { site, engines, sidebars, languages: Vec::new() };
        renderer.languages = site
            .config
            .languages
            .iter()
            .map(|language| {
                let code = language.code.as_str();
                LandingLanguage {
                    code: code.to_string(),
                    name: renderer.language_name(code),
                    title: renderer.site_title(code),
                    home_path: format!("{code}/"),
                    welcome: site.strings.get(code, "landing-welcome", None),
                    enter: site.strings.get(code, "landing-enter", None),
                }
            })
            .collect();
        renderer
    }

    fn page(&self, job: &Job) -> Result<RenderedPage, Diagnostic> {
        let site = self.site;
        let default = site.config.default_language.as_str();
        let (lang, path, template, context) = match job {
            Job::Landing => (String::new(), String::new(), "landing.html", self.landing()),
            Job::RootNotFound => {
                (String::new(), "404.html".to_string(), "404.html", self.not_found(default, "404.html"))
            }
            Job::NotFound(lang) => {
                let path = format!("{lang}/404.html");
                (lang.clone(), path.clone(), "404.html", self.not_found(lang, &path))
            }
            Job::Home(lang) => (lang.clone(), format!("{lang}/"), "home.html", self.home(lang)),
            Job::Category(index) => {
                let category = &site.categories[*index];
                (category.lang.clone(), category.path.clone(), "category.html", self.category(*index))
            }
            Job::Article(index) => {
                let article = &site.articles[*index];
                (article.lang.clone(), article.path.clone(), "article.html", self.article(*index))
            }
        };
        let engine_lang = if lang.is_empty() { default } else { lang.as_str() };
        let html = render_template(site, &self.engines[engine_lang], template, &context, &path)?;
        Ok(RenderedPage { lang, file: urls::output_file(&path), bytes: html.into_bytes() })
    }

    fn site_title(&self, lang: &str) -> String {
        let titles = &self.site.config.titles;
        titles
            .get(lang)
            .or_else(|| titles.get(""))
            .cloned()
            .unwrap_or_else(|| self.site.strings.get(lang, "site-title", None))
    }

    fn base<'a>(&'a self, lang: &'a str, kind: &'static str, path: &str, root: String) -> PageContext<'a> {
        let config = &self.site.config;
        PageContext {
            lang,
            home_path: format!("{lang}/"),
            root,
            site: SiteContext { title: self.site_title(lang), base_url: &config.base_url },
            page: PageInfo {
                kind,
                title: String::new(),
                description: String::new(),
                path: path.to_string(),
                canonical: if config.base_url.is_empty() {
                    String::new()
                } else {
                    format!("{}{path}", config.base_url)
                },
                updated: None,
                tags: &[],
                toc: &[],
                content: "",
                extra: None,
                fallback: None,
            },
            alternates: Vec::new(),
            switch: Vec::new(),
            languages: &self.languages,
            breadcrumbs: Vec::new(),
            has_sidebar: false,
            sidebar: String::new(),
            category: None,
            categories: Vec::new(),
            articles: Vec::new(),
            popular: Vec::new(),
            prev: None,
            next: None,
        }
    }

    fn language_name(&self, code: &str) -> String {
        self.site
            .config
            .language(code)
            .and_then(|l| l.name.clone())
            .unwrap_or_else(|| self.site.strings.get(code, "language-name", None))
    }

    /// Alternates and the language switch from the page's versions. A
    /// version that is a stand-in (untranslated) is switched to but not
    /// declared as an alternate; a language with no version switches to the
    /// nearest page there (`nearest`, else its home), and says so.
    fn languages_of(
        &self,
        context: &mut PageContext<'_>,
        versions: &BTreeMap<String, Version>,
        nearest: &BTreeMap<String, String>,
    ) {
        for language in &self.site.config.languages {
            let code = &language.code;
            let name = self.language_name(code);
            let version = versions.get(code);
            if let Some(version) = version.filter(|v| !v.stand_in) {
                context.alternates.push(Alternate {
                    lang: code.clone(),
                    hreflang: code.clone(),
                    name: name.clone(),
                    path: version.path.clone(),
                });
            }
            if code == context.lang {
                continue;
            }
            let strings = &self.site.strings;
            let (path, note) = match (version, nearest.get(code)) {
                (Some(version), _) if version.stand_in => {
                    (version.path.clone(), strings.get(code, "switch-not-translated", None))
                }
                (Some(version), _) => (version.path.clone(), String::new()),
                (None, Some(path)) => (path.clone(), strings.get(code, "switch-to-topic", None)),
                (None, None) => (format!("{code}/"), strings.get(code, "switch-to-home", None)),
            };
            context.switch.push(Switch { lang: code.clone(), name, path, note });
        }
    }

    fn homes(&self) -> BTreeMap<String, Version> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| (l.code.clone(), Version { path: format!("{}/", l.code), stand_in: false }))
            .collect()
    }

    fn home_link(&self, lang: &str) -> Crumb {
        Crumb { title: self.site_title(lang), path: format!("{lang}/") }
    }

    fn landing(&self) -> PageContext<'_> {
        let default = self.site.config.default_language.as_str();
        let mut context = self.base(default, "landing", "", String::new());
        context.page.title =
            self.site.config.languages.iter().map(|l| self.site_title(&l.code)).collect::<Vec<_>>().join(" | ");
        self.languages_of(&mut context, &self.homes(), &BTreeMap::new());
        context.switch.clear();
        context
    }

    fn not_found<'a>(&'a self, lang: &'a str, path: &str) -> PageContext<'a> {
        // Served at any depth of the site, so links start from the site root.
        let root = match self.site.config.base_url.find("://") {
            Some(scheme_end) => {
                let after = &self.site.config.base_url[scheme_end + 3..];
                after.find('/').map_or("/".to_string(), |slash| after[slash..].to_string())
            }
            None => "/".to_string(),
        };
        let mut context = self.base(lang, "not_found", path, root);
        context.page.title = self.site.strings.get(lang, "not-found-title", None);
        context.page.canonical = String::new();
        self.languages_of(&mut context, &self.homes(), &BTreeMap::new());
        context.alternates.clear();
        context
    }

    fn home<'a>(&'a self, lang: &'a str) -> PageContext<'a> {
        let site = self.site;
        let path = format!("{lang}/");
        let mut context = self.base(lang, "home", &path, urls::root_prefix(&path));
        let home = site.homes.get(lang);
        context.page.title = home.and_then(|h| h.title.clone()).unwrap_or_else(|| self.site_title(lang));
        context.page.description = home
            .and_then(|h| h.description.clone())
            .or_else(|| site.config.descriptions.get(lang).or(site.config.descriptions.get("")).cloned())
            .unwrap_or_default();
        context.page.content = home.map_or("", |h| h.html.as_str());
        let nav = &site.nav[lang];
        for index in &nav.categories {
            let category = &site.categories[*index];
            context.categories.push(CategoryCard {
                title: &category.title,
                description: &category.description,
                path: &category.path,
                count: category.articles.len(),
                articles: category.articles.iter().take(5).map(|a| link(site, &site.articles[*a])).collect(),
            });
        }
        context.articles = nav.loose_articles.iter().map(|a| listed(site, &site.articles[*a])).collect();
        context.popular = site
            .config
            .popular
            .iter()
            .filter_map(|key| site.article_groups.get(key)?.get(lang))
            .map(|a| listed(site, &site.articles[*a]))
            .collect();
        self.languages_of(&mut context, &self.homes(), &BTreeMap::new());
        context
    }

    fn category(&self, index: usize) -> PageContext<'_> {
        let site = self.site;
        let category = &site.categories[index];
        let mut context = self.base(&category.lang, "category", &category.path, urls::root_prefix(&category.path));
        context.page.title = category.title.clone();
        context.page.description = category.description.clone();
        context.page.content = &category.html;
        context.category = Some(CategoryInfo {
            title: &category.title,
            description: &category.description,
            path: &category.path,
            count: category.articles.len(),
            articles: category.sequence.iter().map(|a| listed(site, &site.articles[*a])).collect(),
        });
        context.breadcrumbs.push(self.home_link(&category.lang));
        context.sidebar = self.sidebars[index].place(&category.path, &context.root);
        context.has_sidebar = true;
        let versions = self.category_versions(index);
        self.languages_of(&mut context, &versions, &BTreeMap::new());
        context
    }

    fn article(&self, index: usize) -> PageContext<'_> {
        let site = self.site;
        let article = &site.articles[index];
        let fm = &article.front_matter;
        let mut context = self.base(&article.lang, "article", &article.path, urls::root_prefix(&article.path));
        context.page.title = article.title.clone();
        context.page.description = article.description.clone();
        context.page.content = &article.html;
        context.page.toc = &article.toc;
        context.page.tags = &fm.tags;
        context.page.extra = Some(&fm.extra);
        context.articles = article.children.iter().map(|c| listed(site, &site.articles[*c])).collect();
        context.page.updated =
            fm.updated.as_ref().map(|iso| Updated { iso: iso.clone(), display: format_date(iso, &article.lang) });
        context.breadcrumbs.push(self.home_link(&article.lang));
        if let Some(category_index) = article.category {
            let category = &site.categories[category_index];
            context.breadcrumbs.push(Crumb { title: category.title.clone(), path: category.path.clone() });
            let mut ancestors = Vec::new();
            let mut parent = article.parent;
            while let Some(index) = parent.filter(|_| ancestors.len() < 16) {
                let ancestor = &site.articles[index];
                ancestors.push(Crumb { title: ancestor.title.clone(), path: ancestor.path.clone() });
                parent = ancestor.parent;
            }
            context.breadcrumbs.extend(ancestors.into_iter().rev());
            context.sidebar = self.sidebars[category_index].place(&article.path, &context.root);
            context.has_sidebar = true;
            context.category = Some(CategoryInfo {
                title: &category.title,
                description: "",
                path: &category.path,
                count: category.articles.len(),
                articles: Vec::new(),
            });
            // The scan is bounded by the category, not the site.
            if let Some(position) = category.sequence.iter().position(|a| *a == index) {
                context.prev = position.checked_sub(1).map(|p| link(site, &site.articles[category.sequence[p]]));
                context.next = category.sequence.get(position + 1).map(|a| link(site, &site.articles[*a]));
            }
        }
        let versions: BTreeMap<String, Version> = site
            .article_groups
            .get(&article.key)
            .map(|group| {
                group
                    .iter()
                    .map(|(lang, i)| {
                        let version = &site.articles[*i];
                        (lang.clone(), Version { path: version.path.clone(), stand_in: version.fallback_of.is_some() })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let nearest = article.category.map(|c| self.category_versions(c)).unwrap_or_default();
        let nearest = nearest.into_iter().map(|(lang, v)| (lang, v.path)).collect();
        self.languages_of(&mut context, &versions, &nearest);
        if let Some(original) = article.fallback_of.map(|i| &site.articles[i]) {
            context.page.fallback = Some(Fallback {
                lang: original.lang.clone(),
                language: site.strings.get(
                    &article.lang,
                    "language-called",
                    Some(&fluent::fluent_args!["code" => original.lang.clone()]),
                ),
                path: original.path.clone(),
            });
            context.page.canonical = String::new();
            context.alternates.clear();
        }
        context
    }

    fn category_versions(&self, index: usize) -> BTreeMap<String, Version> {
        let site = self.site;
        site.category_groups
            .get(&site.categories[index].key)
            .map(|group| {
                group
                    .iter()
                    .map(|(lang, i)| {
                        (lang.clone(), Version { path: site.categories[*i].path.clone(), stand_in: false })
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn link<'a>(site: &'a Site, article: &'a Article) -> Link<'a> {
    Link { title: &article.title, path: &article.path, lang: text_lang(site, article) }
}

fn listed<'a>(site: &'a Site, article: &'a Article) -> Listed<'a> {
    let mut depth = 0;
    let mut parent = article.parent;
    while let Some(index) = parent.filter(|_| depth < 16) {
        depth += 1;
        parent = site.articles[index].parent;
    }
    Listed {
        title: &article.title,
        description: &article.description,
        path: &article.path,
        lang: text_lang(site, article),
        depth,
    }
}

/// A stand-in's title and description are in the original's language.
fn text_lang<'a>(site: &'a Site, article: &Article) -> Option<&'a str> {
    article.fallback_of.map(|original| site.articles[original].lang.as_str())
}

#[derive(Serialize)]
struct PageContext<'a> {
    lang: &'a str,
    root: String,
    /// The language's home, from the site root.
    home_path: String,
    site: SiteContext<'a>,
    page: PageInfo<'a>,
    alternates: Vec<Alternate>,
    switch: Vec<Switch>,
    languages: &'a [LandingLanguage],
    breadcrumbs: Vec<Crumb>,
    /// Lets templates test for a sidebar without Tera escaping the whole
    /// fragment to evaluate `{% if sidebar %}`.
    has_sidebar: bool,
    sidebar: String,
    category: Option<CategoryInfo<'a>>,
    categories: Vec<CategoryCard<'a>>,
    articles: Vec<Listed<'a>>,
    /// Home page: the articles the site puts forward (`popular:`).
    popular: Vec<Listed<'a>>,
    prev: Option<Link<'a>>,
    next: Option<Link<'a>>,
}

#[derive(Serialize)]
struct SiteContext<'a> {
    title: String,
    base_url: &'a str,
}

#[derive(Serialize)]
struct PageInfo<'a> {
    kind: &'static str,
    title: String,
    description: String,
    path: String,
    canonical: String,
    updated: Option<Updated>,
    tags: &'a [String],
    toc: &'a [TocEntry],
    content: &'a str,
    extra: Option<&'a BTreeMap<String, serde_json::Value>>,
    fallback: Option<Fallback>,
}

#[derive(Serialize)]
struct Updated {
    iso: String,
    display: String,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    hreflang: String,
    name: String,
    path: String,
}

#[derive(Serialize)]
struct Switch {
    lang: String,
    name: String,
    path: String,
    /// Said in the target language when it is not this page's translation.
    note: String,
}

/// One language's version of a page.
struct Version {
    path: String,
    stand_in: bool,
}

/// On a stand-in page: the original's language and address.
#[derive(Serialize)]
struct Fallback {
    lang: String,
    /// The original's language, named in the page's language.
    language: String,
    path: String,
}

#[derive(Serialize)]
struct LandingLanguage {
    code: String,
    name: String,
    title: String,
    home_path: String,
    welcome: String,
    enter: String,
}

#[derive(Serialize)]
struct Crumb {
    title: String,
    path: String,
}

#[derive(Serialize)]
struct Link<'a> {
    title: &'a str,
    path: &'a str,
    /// The text's language when it differs from the page's (stand-ins).
    lang: Option<&'a str>,
}

#[derive(Serialize)]
struct Listed<'a> {
    title: &'a str,
    description: &'a str,
    path: &'a str,
    lang: Option<&'a str>,
    /// 0 for a top-level article, 1 for its children…
    depth: usize,
}

#[derive(Serialize)]
struct CategoryInfo<'a> {
    title: &'a str,
    description: &'a str,
    path: &'a str,
    count: usize,
    articles: Vec<Listed<'a>>,
}

#[derive(Serialize)]
struct CategoryCard<'a> {
    title: &'a str,
    description: &'a str,
    path: &'a str,
    count: usize,
    articles: Vec<Link<'a>>,
}

#[derive(Serialize)]
struct SidebarContext<'a> {
    lang: &'a str,
    root: &'a str,
    home_path: String,
    category: SidebarCategory<'a>,
    categories: Vec<SidebarEntry<'a>>,
}

#[derive(Serialize)]
struct SidebarCategory<'a> {
    title: &'a str,
    path: &'a str,
    articles: Vec<NavItem<'a>>,
}

/// An article in the side navigation, with its children nested.
#[derive(Serialize)]
struct NavItem<'a> {
    title: &'a str,
    path: &'a str,
    lang: Option<&'a str>,
    children: Vec<NavItem<'a>>,
}

fn nav_item(site: &Site, index: usize) -> NavItem<'_> {
    let article = &site.articles[index];
    NavItem {
        title: &article.title,
        path: &article.path,
        lang: text_lang(site, article),
        children: article.children.iter().map(|c| nav_item(site, *c)).collect(),
    }
}

#[derive(Serialize)]
struct SidebarEntry<'a> {
    title: &'a str,
    path: &'a str,
    current: bool,
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
