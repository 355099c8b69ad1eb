//! Stage 6: rendered sources → the records of a [`Site`](crate::site::Site):
//! articles, categories (from folders, `_index.md` or `category:`), homes,
//! translation groups, and each language's order — computed once per
//! language, never per page.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown;
use crate::nav;
use crate::site::{Article, Category, Home, LanguageNav, Resolved, Role, humanize, shown};
use crate::urls;

#[derive(Default)]
pub(crate) struct SiteBuilder {
    articles: Vec<Article>,
    /// (language, category name) → category.
    categories: BTreeMap<(String, String), Category>,
    homes: BTreeMap<String, Home>,
    article_categories: Vec<Option<String>>,
}

impl SiteBuilder {
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
                let category = self
                    .categories
                    .entry((r.lang.clone(), name.clone()))
                    .or_insert_with(|| new_category(&r.lang, &name));
                category.key = r.key;
                category.path = r.path;
                category.title = title.unwrap_or_else(|| humanize(&name));
                category.description = fm.description.clone().unwrap_or_default();
                category.order = fm.order;
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
                });
            }
        }
    }

    #[allow(clippy::type_complexity)] // reason: the parts of a Site, handed over once
    pub(crate) fn finish(
        mut self,
        config: &Config,
        problems: &mut Diagnostics,
    ) -> (
        Vec<Article>,
        Vec<Category>,
        BTreeMap<String, Home>,
        BTreeMap<String, LanguageNav>,
        BTreeMap<String, BTreeMap<String, usize>>,
        BTreeMap<String, BTreeMap<String, usize>>,
    ) {
        // Sorting by source keeps indexes, and so the output, deterministic.
        let mut paired: Vec<(Article, Option<String>)> =
            self.articles.into_iter().zip(self.article_categories).collect();
        paired.sort_by(|a, b| a.0.source.cmp(&b.0.source));
        let (mut articles, article_categories): (Vec<Article>, Vec<Option<String>>) = paired.into_iter().unzip();
        for (article, name) in articles.iter().zip(&article_categories) {
            if let Some(name) = name {
                self.categories
                    .entry((article.lang.clone(), name.clone()))
                    .or_insert_with(|| new_category(&article.lang, name));
            }
        }
        let mut categories: Vec<Category> = self.categories.into_values().collect();
        let category_index: HashMap<(String, String), usize> =
            categories.iter().enumerate().map(|(i, c)| ((c.lang.clone(), c.name.clone()), i)).collect();
        let mut nav: BTreeMap<String, LanguageNav> =
            config.languages.iter().map(|l| (l.code.clone(), LanguageNav::default())).collect();
        for (index, (article, name)) in articles.iter_mut().zip(&article_categories).enumerate() {
            match name {
                Some(name) => {
                    let category = category_index[&(article.lang.clone(), name.clone())];
                    article.category = Some(category);
                    categories[category].articles.push(index);
                }
                None => nav.entry(article.lang.clone()).or_default().loose_articles.push(index),
            }
        }
        let by_title = |list: &mut Vec<usize>, articles: &[Article]| {
            list.sort_by(|a, b| {
                let (a, b) = (&articles[*a], &articles[*b]);
                nav::compare(a.front_matter.order, &a.title, b.front_matter.order, &b.title)
            });
        };
        for category in &mut categories {
            by_title(&mut category.articles, &articles);
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
                nav::compare(a.order, &a.title, b.order, &b.title)
            });
        }
        let article_groups = groups(&config.site_dir, articles.iter().map(|a| (&a.key, &a.lang, &a.source)), problems);
        let category_groups = groups(
            &config.site_dir,
            categories.iter().map(|c| (&c.key, &c.lang, c.source.as_ref().unwrap_or(&config.file))),
            problems,
        );
        (articles, categories, self.homes, nav, article_groups, category_groups)
    }
}

fn new_category(lang: &str, name: &str) -> Category {
    Category {
        lang: lang.to_string(),
        name: name.to_string(),
        key: name.to_string(),
        path: format!("{lang}/{}/", urls::path_segment(name)),
        title: humanize(name),
        description: String::new(),
        order: None,
        html: String::new(),
        source: None,
        articles: Vec::new(),
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
