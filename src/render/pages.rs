//! Page contexts: what each template receives (slim: titles, paths and the
//! page's own HTML), built per page from the immutable site, and the side
//! navigation of each category, rendered once.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

mod kinds;

use super::context::*;
use super::{Job, ROOT_MARK, RenderedPage, SharedFragment, render_template};
use crate::diagnostics::Diagnostic;
use crate::load::ui_strings::format_date;
use crate::site::{Article, Site};
use crate::urls;

/// The side navigation of every category, rendered once with a root
/// placeholder.
/// Everything a page's HTML is made of: theme, strings and settings, the
/// template, and the context.
fn context_key<C: Serialize>(environment: u64, template: &str, context: &C) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (environment, template).hash(&mut hasher);
    serde_json::to_vec(context).unwrap_or_default().hash(&mut hasher);
    hasher.finish()
}

/// Past this many top-level articles, a category's side navigation shows
/// the page's neighbourhood (its block of `BLOCK` articles) and a link to
/// the category page, so no page carries thousands of links.
pub(crate) const NEIGHBOURHOOD_THRESHOLD: usize = 100;
const BLOCK: usize = 50;

/// Every category's side navigation, rendered once per block of articles
/// and shared by the pages of that block.
pub(crate) struct SidebarSet {
    /// Per category: one fragment per block of top-level articles.
    blocks: Vec<Vec<SharedFragment>>,
    /// Per article: the block of its category that shows it.
    block_of: Vec<usize>,
}

impl SidebarSet {
    pub(super) fn for_category(&self, category: usize) -> &SharedFragment {
        &self.blocks[category][0]
    }

    pub(super) fn for_article(&self, category: usize, article: usize) -> &SharedFragment {
        let blocks = &self.blocks[category];
        &blocks[self.block_of.get(article).copied().unwrap_or(0).min(blocks.len() - 1)]
    }
}

pub(super) fn sidebars(site: &Site, engines: &HashMap<String, Tera>) -> Result<SidebarSet, Vec<Diagnostic>> {
    let mut block_of = vec![0; site.articles.len()];
    let mut jobs = Vec::new();
    for (index, category) in site.categories.iter().enumerate() {
        if category.articles.len() <= NEIGHBOURHOOD_THRESHOLD {
            jobs.push((index, 0, &category.articles[..], None));
            continue;
        }
        let total = category.articles.len();
        for (block, chunk) in category.articles.chunks(BLOCK).enumerate() {
            for &top in chunk {
                mark_block(site, top, block, &mut block_of, 0);
            }
            let from = block * BLOCK + 1;
            let window = SidebarWindow {
                from,
                to: from + chunk.len() - 1,
                total,
                before: block > 0,
                after: from + chunk.len() - 1 < total,
            };
            jobs.push((index, block, chunk, Some(window)));
        }
    }
    let results: Vec<(usize, usize, Result<String, Diagnostic>)> = jobs
        .into_par_iter()
        .map(|(index, block, articles, window)| {
            let category = &site.categories[index];
            let nav = &site.nav[&category.lang];
            let context = SidebarContext {
                lang: &category.lang,
                root: ROOT_MARK,
                home_path: format!("{}/", category.lang),
                category: SidebarCategory {
                    title: &category.title,
                    path: &category.path,
                    articles: articles.iter().map(|a| nav_item(site, *a)).collect(),
                    window,
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
            (index, block, render_template(site, &engines[&category.lang], "sidebar.html", &context, &category.path))
        })
        .collect();
    let mut problems = Vec::new();
    let mut blocks: Vec<Vec<SharedFragment>> = site.categories.iter().map(|_| Vec::new()).collect();
    for (index, block, result) in results {
        match result {
            Ok(html) => {
                debug_assert_eq!(blocks[index].len(), block, "blocks arrive in order");
                blocks[index].push(SharedFragment::new(&html));
            }
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() { Ok(SidebarSet { blocks, block_of }) } else { Err(problems) }
}

/// An article and its children are shown by the same block.
fn mark_block(site: &Site, article: usize, block: usize, block_of: &mut [usize], depth: usize) {
    block_of[article] = block;
    if depth < 16 {
        for &child in &site.articles[article].children {
            mark_block(site, child, block, block_of, depth + 1);
        }
    }
}

pub(super) struct Renderer<'a> {
    site: &'a Site,
    engines: &'a HashMap<String, Tera>,
    sidebars: &'a SidebarSet,
    /// Every language as the landing page and language links show it.
    languages: Vec<LandingLanguage>,
    pub(super) cache: Option<&'a super::PageCache>,
}

impl Renderer<'_> {
    pub(super) fn new<'a>(
        site: &'a Site,
        engines: &'a HashMap<String, Tera>,
        sidebars: &'a SidebarSet,
    ) -> Renderer<'a> {
        let mut renderer = Renderer { site, engines, sidebars, languages: Vec::new(), cache: None };
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

    pub(super) fn page(&self, job: &Job) -> Result<RenderedPage, Diagnostic> {
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
            Job::Search(lang) => (lang.clone(), urls::search_results_path(lang), "search.html", self.search_page(lang)),
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
        let file = urls::output_file(&path);
        if let Some(cache) = self.cache {
            let key = context_key(site.environment, template, &context);
            if let Some(bytes) = cache.get(&file, key) {
                return Ok(RenderedPage { lang, file, bytes });
            }
            let html = render_template(site, &self.engines[engine_lang], template, &context, &path)?;
            cache.put(file.clone(), key, html.clone().into_bytes());
            return Ok(RenderedPage { lang, file, bytes: html.into_bytes() });
        }
        let html = render_template(site, &self.engines[engine_lang], template, &context, &path)?;
        Ok(RenderedPage { lang, file, bytes: html.into_bytes() })
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
        let help_desk = super::help_desk::context(&config.help_desk, lang, &root);
        PageContext {
            help_desk,
            lang,
            home_path: format!("{lang}/"),
            root,
            site: SiteContext { title: self.site_title(lang), base_url: &config.base_url },
            page: PageInfo {
                kind,
                title: String::new(),
                description: String::new(),
                lead: String::new(),
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
                edit_url: None,
                outdated: None,
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
            search: self.search_links(lang),
        }
    }

    /// What the header's search field needs on every page: `None` when the
    /// site turned search off.
    fn search_links(&self, lang: &str) -> Option<SearchLinks> {
        let config = &self.site.config;
        if !config.search {
            return None;
        }
        let other = config
            .languages
            .iter()
            .filter(|l| l.code != lang)
            .map(|l| SearchLanguage {
                lang: l.code.clone(),
                name: self.language_name(&l.code),
                meta_path: format!("{}/meta.json", urls::search_index_folder(&l.code)),
                results_path: urls::search_results_path(&l.code),
            })
            .collect();
        Some(SearchLinks {
            results_path: urls::search_results_path(lang),
            meta_path: format!("{}/meta.json", urls::search_index_folder(lang)),
            other,
        })
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

fn nav_item(site: &Site, index: usize) -> NavItem<'_> {
    let article = &site.articles[index];
    NavItem {
        title: &article.title,
        path: &article.path,
        lang: text_lang(site, article),
        children: article.children.iter().map(|c| nav_item(site, *c)).collect(),
    }
}
