//! Stage 6: rendered sources → the records of a `Site`:
//! articles, categories (from folders, `_index.md` or `category:`), homes,
//! translation groups, and each language's order — computed once per
//! language, never per page.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::body::order;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::categories::{CategoryMeta, Metadata};
use crate::load::config::{Config, MissingTranslation};
use crate::markdown;
use crate::site::claims::{Claims, fold};
use crate::site::hierarchy;
use crate::site::records::{Article, Category, Home, LanguageNav, Resolved, Role, humanize, shown};
use crate::site::relink::relink;
use crate::urls;

pub(crate) struct SiteBuilder {
    articles: Vec<Article>,
    /// (language, category name) → category.
    categories: BTreeMap<(String, String), Category>,
    homes: BTreeMap<String, Home>,
    article_categories: Vec<Option<String>>,
    /// Titles, descriptions and order from `_category_` files and settings.
    metadata: Metadata,
}

impl SiteBuilder {
    pub(crate) fn new(metadata: Metadata) -> Self {
        SiteBuilder {
            articles: Vec::new(),
            categories: BTreeMap::new(),
            homes: BTreeMap::new(),
            article_categories: Vec::new(),
            metadata,
        }
    }

    pub(crate) fn add(&mut self, r: Resolved, output: markdown::Rendered, problems: &mut Diagnostics) {
        let fm = r.parsed.front_matter;
        let title = fm.title.clone().or(output.heading_title.clone());
        let description = fm.description.clone().unwrap_or_else(|| output.summary.clone());
        match r.role {
            Role::Home => {
                self.homes.insert(
                    r.lang,
                    Home {
                        title,
                        description: fm.description.clone(),
                        html: output.html,
                        source: Some(r.discovered.path),
                    },
                );
            }
            Role::CategoryIndex { name } => {
                let category = self.categories.entry((r.lang.clone(), name.clone())).or_insert_with(|| {
                    new_category(&r.lang, &name, self.metadata.get(&(r.lang.clone(), name.clone())))
                });
                category.key = r.key;
                category.path = r.path;
                category.title = title.unwrap_or_else(|| category.title.clone());
                category.description = fm.description.clone().unwrap_or_else(|| category.description.clone());
                category.order = fm.order.or(category.order);
                category.html = output.html;
                category.source = Some(r.discovered.path);
            }
            Role::Article { category } => {
                let title = title.unwrap_or_else(|| {
                    problems.push(
                        Diagnostic::warning(
                            &r.discovered.path,
                            1,
                            1,
                            "this article has no title, so its file name is used",
                        )
                        .with_hint("add `title: …` to the front matter, or start the article with a `# Heading`"),
                    );
                    humanize(&r.discovered.stem)
                });
                self.article_categories.push(category);
                self.articles.push(Article {
                    source: r.discovered.path,
                    lang: r.lang,
                    key: r.key,
                    path: r.path,
                    category: None,
                    title,
                    description,
                    html: output.html,
                    toc: output.toc,
                    ids: output.ids,
                    links: output.links,
                    front_matter: fm,
                    fallback_of: None,
                    parent: None,
                    children: Vec::new(),
                });
            }
        }
    }

    /// `claims`: the output files already claimed, which stand-ins must avoid.
    pub(crate) fn finish(mut self, config: &Config, claims: &Claims, problems: &mut Diagnostics) -> Assembled {
        // Sorting by source keeps indexes, and so the output, deterministic.
        let mut paired: Vec<(Article, Option<String>)> =
            self.articles.into_iter().zip(self.article_categories).collect();
        paired.sort_by(|a, b| a.0.source.cmp(&b.0.source));
        let (mut articles, article_categories): (Vec<Article>, Vec<Option<String>>) = paired.into_iter().unzip();
        for (article, name) in articles.iter().zip(&article_categories) {
            if let Some(name) = name {
                self.categories.entry((article.lang.clone(), name.clone())).or_insert_with(|| {
                    new_category(&article.lang, name, self.metadata.get(&(article.lang.clone(), name.clone())))
                });
            }
        }
        let mut categories: Vec<Category> = self.categories.into_values().collect();
        let category_index: HashMap<(String, String), usize> =
            categories.iter().enumerate().map(|(i, c)| ((c.lang.clone(), c.name.clone()), i)).collect();
        let category_groups = groups(
            &config.site_dir,
            categories.iter().map(|c| (&c.key, &c.lang, c.source.as_ref().unwrap_or(&config.file))),
            problems,
        );
        let mut article_groups =
            groups(&config.site_dir, articles.iter().map(|a| (&a.key, &a.lang, &a.source)), problems);
        let mut article_categories = article_categories;
        let taken = categories.iter().map(|c| fold(&urls::output_file(&c.path))).collect();
        let mut fallbacks = Fallbacks {
            config,
            articles: &mut articles,
            article_categories: &mut article_categories,
            claims,
            taken,
            problems,
        };
        fallbacks.add_missing(&mut article_groups, &categories, &category_index, &category_groups);
        let mut nav: BTreeMap<String, LanguageNav> =
            config.languages.iter().map(|l| (l.code.clone(), LanguageNav::default())).collect();
        for (index, (article, name)) in articles.iter_mut().zip(&article_categories).enumerate() {
            match name {
                Some(name) => {
                    let category = category_index[&(article.lang.clone(), name.clone())];
                    article.category = Some(category);
                    if !is_unlisted(article) {
                        categories[category].articles.push(index);
                    }
                }
                None if is_unlisted(article) => {}
                None => nav.entry(article.lang.clone()).or_default().loose_articles.push(index),
            }
        }
        let by_title = |list: &mut Vec<usize>, articles: &[Article]| {
            list.sort_by(|a, b| {
                let (a, b) = (&articles[*a], &articles[*b]);
                order::compare(a.front_matter.order, &a.title, b.front_matter.order, &b.title)
            });
        };
        let parents = hierarchy::parents(&articles, &article_groups);
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); articles.len()];
        for (index, parent) in parents.iter().enumerate() {
            if let Some(parent) = parent
                && !is_unlisted(&articles[index])
            {
                children[*parent].push(index);
            }
        }
        for list in &mut children {
            by_title(list, &articles);
        }
        for category in &mut categories {
            category.articles.retain(|a| parents[*a].is_none());
            by_title(&mut category.articles, &articles);
            category.sequence = hierarchy::sequence(&category.articles, &children);
        }
        for language in nav.values_mut() {
            language.loose_articles.retain(|a| parents[*a].is_none());
        }
        for (index, (parent, list)) in parents.into_iter().zip(children).enumerate() {
            articles[index].parent = parent;
            articles[index].children = list;
        }
        for language in nav.values_mut() {
            by_title(&mut language.loose_articles, &articles);
        }
        for (index, category) in categories.iter().enumerate() {
            nav.entry(category.lang.clone()).or_default().categories.push(index);
        }
        for language in nav.values_mut() {
            language.categories.sort_by(|a, b| {
                let (a, b) = (&categories[*a], &categories[*b]);
                order::compare(a.order, &a.title, b.order, &b.title)
            });
        }
        Assembled { articles, categories, homes: self.homes, nav, article_groups, category_groups }
    }
}

/// The records of a [`Site`](super::Site) once translations are paired,
/// stand-ins added and everything ordered.
pub(crate) struct Assembled {
    pub(crate) articles: Vec<Article>,
    pub(crate) categories: Vec<Category>,
    pub(crate) homes: BTreeMap<String, Home>,
    pub(crate) nav: BTreeMap<String, LanguageNav>,
    /// Translation key → language → article index.
    pub(crate) article_groups: BTreeMap<String, BTreeMap<String, usize>>,
    /// Translation key → language → category index.
    pub(crate) category_groups: BTreeMap<String, BTreeMap<String, usize>>,
}

/// Stand-ins for articles missing in a language (policy `banner`): the
/// original under that language's address, in that language's category,
/// marked so the page says it is not translated and is not indexed.
struct Fallbacks<'a> {
    config: &'a Config,
    articles: &'a mut Vec<Article>,
    article_categories: &'a mut Vec<Option<String>>,
    claims: &'a Claims<'a>,
    /// Output files of categories and stand-ins, folded.
    taken: HashSet<String>,
    problems: &'a mut Diagnostics,
}

impl Fallbacks<'_> {
    fn add_missing(
        &mut self,
        article_groups: &mut BTreeMap<String, BTreeMap<String, usize>>,
        categories: &[Category],
        category_index: &HashMap<(String, String), usize>,
        category_groups: &BTreeMap<String, BTreeMap<String, usize>>,
    ) {
        let config = self.config;
        // Page address → translation key, to re-point a stand-in's links.
        let keys: HashMap<String, String> = self.articles.iter().map(|a| (a.path.clone(), a.key.clone())).collect();
        let originals = article_groups.clone();
        for (key, versions) in article_groups.iter_mut() {
            let Some(original) = config
                .languages
                .iter()
                .find(|l| l.code == config.default_language)
                .into_iter()
                .chain(&config.languages)
                .find_map(|l| versions.get(&l.code).copied())
            else {
                continue;
            };
            let policy = self.articles[original].front_matter.missing_translation.unwrap_or(config.missing_translation);
            if policy == MissingTranslation::Omit {
                continue;
            }
            for language in &config.languages {
                if versions.contains_key(&language.code) {
                    continue;
                }
                let category = self.article_categories[original].as_ref().and_then(|name| {
                    let source = &categories[category_index[&(self.articles[original].lang.clone(), name.clone())]];
                    let counterpart = *category_groups.get(&source.key)?.get(&language.code)?;
                    Some(&categories[counterpart])
                });
                if let Some(index) = self.stand_in(original, &language.code, key, category) {
                    let relinked = relink(
                        &self.articles[index].html,
                        &self.articles[original].path,
                        &self.articles[index].path,
                        |path| {
                            let key = keys.get(path)?;
                            let index = *originals.get(key)?.get(&language.code)?;
                            Some(self.articles[index].path.clone())
                        },
                    );
                    self.articles[index].html = relinked;
                    versions.insert(language.code.clone(), index);
                }
            }
        }
    }

    /// The stand-in lives in the language's own category when there is one
    /// (`fr/verification-en-deux-etapes/passkeys/`), else at the original's
    /// address under the language's prefix. An original placed by its own
    /// `slug:` or `permalink:` keeps that place in every language, as its
    /// translations would (`/en/incident-ios-files/` → `/fr/incident-ios-files/`).
    fn stand_in(&mut self, original: usize, lang: &str, key: &str, category: Option<&Category>) -> Option<usize> {
        let source = &self.articles[original];
        let last = source.path.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
        let placed = source.front_matter.slug.is_some() || source.front_matter.permalink.is_some();
        let path = match (category, source.path.strip_prefix(&format!("{}/", source.lang))) {
            (Some(category), _) if !placed && !source.path.ends_with(".html") => format!("{}{last}/", category.path),
            (_, Some(rest)) => format!("{lang}/{rest}"),
            (_, None) => format!("{lang}/{}", source.path),
        };
        let category = category.map(|c| c.name.clone());
        if !self.claims.is_free(&path) || !self.taken.insert(fold(&urls::output_file(&path))) {
            self.problems.push(
                Diagnostic::warning(
                    &source.source,
                    1,
                    1,
                    format!("this article cannot be shown untranslated at /{path}: another page is there"),
                )
                .with_hint(format!(
                    "translate it into `{lang}`, or set `missing_translation: omit` in its front matter"
                )),
            );
            return None;
        }
        let stand_in = Article {
            lang: lang.to_string(),
            key: key.to_string(),
            path,
            category: None,
            links: Vec::new(),
            fallback_of: Some(original),
            ..source.clone()
        };
        self.articles.push(stand_in);
        self.article_categories.push(category);
        Some(self.articles.len() - 1)
    }
}

/// A category as its folder or `category:` names it, with what the
/// settings or a `_category_` file say of it.
fn new_category(lang: &str, name: &str, meta: Option<&CategoryMeta>) -> Category {
    let meta = meta.cloned().unwrap_or_default();
    Category {
        lang: lang.to_string(),
        name: name.to_string(),
        key: name.to_string(),
        path: format!("{lang}/{}/", urls::path_segment(name).to_lowercase()),
        title: meta.title.unwrap_or_else(|| humanize(name)),
        description: meta.description.unwrap_or_default(),
        order: meta.order,
        html: String::new(),
        source: None,
        articles: Vec::new(),
        sequence: Vec::new(),
    }
}

/// Translation groups; two items of one language claiming one key is an
/// error naming both files.
fn groups<'a>(
    site_dir: &Path,
    items: impl Iterator<Item = (&'a String, &'a String, &'a PathBuf)>,
    problems: &mut Diagnostics,
) -> BTreeMap<String, BTreeMap<String, usize>> {
    let mut groups: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut sources: HashMap<(String, String), &Path> = HashMap::new();
    for (index, (key, lang, source)) in items.enumerate() {
        if let Some(first) = sources.insert((key.clone(), lang.clone()), source) {
            problems.push(
                Diagnostic::error(
                    source,
                    1,
                    1,
                    format!(
                        "this file and {} both claim to be the `{lang}` version of `{key}`",
                        shown(site_dir, first)
                    ),
                )
                .with_hint("give one of them a different `translation_key`"),
            );
            continue;
        }
        groups.entry(key.clone()).or_default().insert(lang.clone(), index);
    }
    groups
}

/// Docusaurus's `unlisted: true` and `sidebar_class_name: hidden`: the page
/// is built and can be linked to, but menus and lists leave it out.
fn is_unlisted(article: &Article) -> bool {
    let extra = &article.front_matter.extra;
    extra.get("unlisted").and_then(serde_json::Value::as_bool) == Some(true)
        || extra.get("sidebar_class_name").and_then(serde_json::Value::as_str) == Some("hidden")
}
