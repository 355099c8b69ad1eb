//! The context of each kind of page — landing, 404, home, category,
//! article — from the immutable site.

use super::*;

impl Renderer<'_> {
    pub(super) fn landing(&self) -> PageContext<'_> {
        let default = self.site.config.default_language.as_str();
        let mut context = self.base(default, "landing", "", String::new());
        context.page.title =
            self.site.config.languages.iter().map(|l| self.site_title(&l.code)).collect::<Vec<_>>().join(" | ");
        self.languages_of(&mut context, &self.homes(), &BTreeMap::new());
        context.switch.clear();
        context
    }

    pub(super) fn not_found<'a>(&'a self, lang: &'a str, path: &str) -> PageContext<'a> {
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

    pub(super) fn home<'a>(&'a self, lang: &'a str) -> PageContext<'a> {
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
        context.categories = self.category_cards(lang);
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

    /// The results page: the home's categories, for readers without JavaScript.
    pub(super) fn search_page<'a>(&'a self, lang: &'a str) -> PageContext<'a> {
        let site = self.site;
        let path = urls::search_results_path(lang);
        let mut context = self.base(lang, "search", &path, urls::root_prefix(&path));
        context.page.title = site.strings.get(lang, "search-title", None);
        context.page.canonical = String::new();
        context.categories = self.category_cards(lang);
        context.breadcrumbs.push(self.home_link(lang));
        self.languages_of(&mut context, &self.search_versions(), &BTreeMap::new());
        context
    }

    fn search_versions(&self) -> BTreeMap<String, Version> {
        let languages = &self.site.config.languages;
        languages
            .iter()
            .map(|l| (l.code.clone(), Version { path: urls::search_results_path(&l.code), stand_in: false }))
            .collect()
    }

    pub(super) fn category(&self, index: usize) -> PageContext<'_> {
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
        context.sidebar = self.sidebars.for_category(index).place(&category.path, &context.root);
        context.has_sidebar = true;
        let versions = self.category_versions(index);
        self.languages_of(&mut context, &versions, &BTreeMap::new());
        context
    }

    pub(super) fn article(&self, index: usize) -> PageContext<'_> {
        let site = self.site;
        let article = &site.articles[index];
        let fm = &article.front_matter;
        let mut context = self.base(&article.lang, "article", &article.path, urls::root_prefix(&article.path));
        context.page.title = article.title.clone();
        context.page.description = article.description.clone();
        context.page.lead = fm.description.clone().unwrap_or_default();
        context.page.content = &article.html;
        context.page.toc = &article.toc;
        context.page.tags = &fm.tags;
        context.page.extra = Some(&fm.extra);
        if article.fallback_of.is_none() {
            let source = crate::site::shown(&site.config.site_dir, &article.source);
            context.page.edit_url = super::super::help_desk::edit_url(&site.config.help_desk, &source);
        }
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
            context.sidebar = self.sidebars.for_article(category_index, index).place(&article.path, &context.root);
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
        context.page.outdated = self.outdated_notice(article);
        context
    }

    /// The notice of a translation whose source changed since, when history
    /// knows it and neither the settings nor the article turned it off.
    fn outdated_notice(&self, article: &crate::site::Article) -> Option<Outdated> {
        use crate::load::config::OutdatedTranslation;
        let site = self.site;
        let policy = article.front_matter.outdated_translation.unwrap_or(site.config.outdated_translation);
        if policy != OutdatedTranslation::Notice || article.fallback_of.is_some() {
            return None;
        }
        let pair = site.upkeep.as_ref()?.pair_of_translation(&article.source)?;
        let crate::upkeep::State::Outdated(behind) = &pair.state else { return None };
        let source = &site.articles[*site.article_groups.get(&article.key)?.get(&pair.source_lang)?];
        let display = format_date(&behind.last_changed, &article.lang);
        let args = fluent::fluent_args!["code" => pair.source_lang.clone(), "date" => display.clone()];
        Some(Outdated {
            notice: site.strings.get(&article.lang, "outdated-notice", Some(&args)),
            link: site.strings.get(&article.lang, "outdated-source-link", Some(&args)),
            source_lang: pair.source_lang.clone(),
            source_path: source.path.clone(),
            updated: Updated { iso: behind.last_changed.clone(), display },
        })
    }

    /// The home page's topics, with their first five articles.
    fn category_cards(&self, lang: &str) -> Vec<CategoryCard<'_>> {
        let site = self.site;
        let Some(nav) = site.nav.get(lang) else { return Vec::new() };
        nav.categories
            .iter()
            .map(|index| {
                let category = &site.categories[*index];
                CategoryCard {
                    title: &category.title,
                    description: &category.description,
                    path: &category.path,
                    count: category.articles.len(),
                    articles: category.articles.iter().take(5).map(|a| link(site, &site.articles[*a])).collect(),
                }
            })
            .collect()
    }

    pub(super) fn category_versions(&self, index: usize) -> BTreeMap<String, Version> {
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
