//! Stages 1–6: from a site folder to an immutable [`Site`]. Files are read,
//! split and rendered in parallel; languages, URLs, categories and
//! translation groups are resolved once, sequentially, because they need
//! the whole picture. Every problem is collected; the site is returned only
//! when none is an error.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::body::links::LinkIndex;
use crate::body::templates::{self, Engines};
use crate::body::{self, PageSource, Shared};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::config::{self, Config};
use crate::load::discover::{self, Discovered, FileKind};
use crate::load::frontmatter::{self, FrontMatter, Parsed};
use crate::load::theme::{self, Theme};
use crate::load::ui_strings::Strings;
use crate::markdown::{self, LinkRef, TocEntry};
use crate::urls;

pub(crate) mod builder;
pub(crate) mod claims;
mod hierarchy;
mod index;
pub(crate) mod paths;
pub mod redirects;

use claims::Claims;
use index::{environment_fingerprint, link_index, missing_anchors};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub site_dir: PathBuf,
    pub output_dir: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// A settings file elsewhere than `site.yaml` in the site folder.
    pub config_file: Option<PathBuf>,
    /// Loading for `phare check`: link problems stay findings (the check
    /// decides their weight) instead of stopping the load.
    pub check: bool,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub source: PathBuf,
    pub lang: String,
    pub key: String,
    pub path: String,
    pub category: Option<usize>,
    pub title: String,
    pub description: String,
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub ids: Vec<String>,
    pub links: Vec<LinkRef>,
    pub front_matter: FrontMatter,
    /// Set on the stand-in shown in a language the article is not
    /// translated into: the index of the original.
    pub fallback_of: Option<usize>,
    pub parent: Option<usize>,
    /// Ordered child articles.
    pub children: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Category {
    pub lang: String,
    /// Folder name or `category:` value that groups its articles.
    pub name: String,
    pub key: String,
    pub path: String,
    pub title: String,
    pub description: String,
    pub order: Option<f64>,
    pub html: String,
    pub source: Option<PathBuf>,
    /// Ordered top-level article indexes (children sit under their parent).
    pub articles: Vec<usize>,
    /// Every article of the category, parents before children: the order
    /// of previous / next.
    pub sequence: Vec<usize>,
}

/// A language's home: text from `content/<lang>/_index.md` if present.
#[derive(Debug, Clone, Default)]
pub struct Home {
    pub title: Option<String>,
    pub description: Option<String>,
    pub html: String,
    pub source: Option<PathBuf>,
}

#[derive(Debug, Clone, Default)]
pub struct LanguageNav {
    /// Ordered category indexes.
    pub categories: Vec<usize>,
    /// Ordered articles that belong to no category.
    pub loose_articles: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Asset {
    pub source: PathBuf,
    pub output: String,
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub strings: std::sync::Arc<Strings>,
    pub theme: Theme,
    pub articles: Vec<Article>,
    pub categories: Vec<Category>,
    pub homes: BTreeMap<String, Home>,
    pub nav: BTreeMap<String, LanguageNav>,
    /// Translation key → language → article index.
    pub article_groups: BTreeMap<String, BTreeMap<String, usize>>,
    /// Translation key → language → category index.
    pub category_groups: BTreeMap<String, BTreeMap<String, usize>>,
    pub assets: Vec<Asset>,
    pub warnings: Vec<Diagnostic>,
    /// Tera per language, shared by component and page rendering.
    pub engines: Engines,
    /// Old addresses of articles (`aliases`), sorted.
    pub redirects: Vec<crate::site::redirects::Redirect>,
    /// What links resolve against; kept to re-render one article later.
    pub links: LinkIndex,
    /// Fingerprint of theme templates, UI strings and settings.
    pub environment: u64,
    pub theme_dir: PathBuf,
}

/// What a Markdown source is, once its place in the site is known.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Role {
    Article { category: Option<String> },
    CategoryIndex { name: String },
    Home,
}

pub(crate) struct Resolved {
    pub(crate) discovered: Discovered,
    pub(crate) parsed: Parsed,
    pub(crate) lang: String,
    pub(crate) role: Role,
    pub(crate) path: String,
    pub(crate) key: String,
}

pub fn load(options: &BuildOptions) -> Result<Site, Vec<Diagnostic>> {
    load_cached(options, None)
}

/// Like [`load`], reusing the rendered articles of `cache` where nothing
/// they depend on changed (`phare serve`).
pub fn load_cached(options: &BuildOptions, cache: Option<&body::RenderCache>) -> Result<Site, Vec<Diagnostic>> {
    // Absolute paths make link targets comparable however the folder was named.
    let site_dir = std::fs::canonicalize(&options.site_dir).map_err(|e| {
        vec![
            Diagnostic::error(&options.site_dir, 1, 1, format!("cannot open the site folder: {e}"))
                .with_hint("pass the folder that holds site.yaml and content/ with `--site`"),
        ]
    })?;
    let (mut config, config_problems) = config::load(&site_dir, options.config_file.as_deref())?;
    if let Some(output) = &options.output_dir {
        config.output_dir = output.clone();
    }
    if let Some(url) = &options.base_url {
        config.set_base_url(url);
    }
    let mut problems = Diagnostics::default();
    problems.extend(config_problems);
    let (strings, string_problems) = Strings::load(&config);
    problems.extend(string_problems);
    let theme = theme::load(&config).unwrap_or_else(|errors| {
        problems.extend(errors);
        Theme::default()
    });
    let strings = std::sync::Arc::new(strings);
    let engines = templates::engines(&config, &theme, &strings).unwrap_or_else(|errors| {
        problems.extend(errors);
        Engines::new()
    });
    if engines.is_empty() {
        // Without templates nothing can be rendered; report what was found.
        return Err(problems.into_sorted());
    }
    let mut claims = Claims::new(&config, &theme, &mut problems);

    let (found, walk_problems) = discover::discover(&config);
    problems.extend(walk_problems);
    let (category_files, found): (Vec<_>, Vec<_>) = found.into_iter().partition(|d| d.kind == FileKind::CategoryMeta);
    let (category_meta, category_problems) = crate::load::categories::load(&config, &category_files);
    problems.extend(category_problems);
    let (markdown_files, asset_files): (Vec<_>, Vec<_>) = found.into_iter().partition(|d| d.kind == FileKind::Markdown);

    let parsed: Vec<(Discovered, Result<Parsed, Vec<Diagnostic>>)> = markdown_files
        .into_par_iter()
        .map(|d| {
            let result = std::fs::read(&d.path)
                .map_err(|e| {
                    vec![
                        Diagnostic::error(&d.path, 1, 1, format!("cannot read this file: {e}"))
                            .with_hint("check that it exists and that you have permission to read it"),
                    ]
                })
                .and_then(|bytes| frontmatter::parse(&d.path, &bytes));
            (d, result)
        })
        .collect();

    let summaries: HashMap<PathBuf, crate::load::gitbook_summary::Place> = config
        .languages
        .iter()
        .flat_map(|l| crate::load::gitbook_summary::read(&l.content_root, &config.read_scope))
        .collect();
    let mut resolved = Vec::with_capacity(parsed.len());
    for (discovered, result) in parsed {
        match result {
            Ok(mut parsed) => {
                if let Some(place) = summaries.get(&discovered.path) {
                    let fm = &mut parsed.front_matter;
                    fm.order = fm.order.or(Some(place.order));
                    if fm.parent.is_none() {
                        fm.parent = place.parent.as_ref().map(|p| p.to_string_lossy().to_string());
                    }
                }
                problems.extend(parsed.warnings.iter().cloned());
                if let Some(r) = resolve(&config, options.drafts, discovered, parsed, &mut problems) {
                    resolved.push(r);
                }
            }
            Err(errors) => problems.extend(errors),
        }
    }
    claims::claim_sources(&mut claims, &resolved, &mut problems);

    let mut assets: Vec<Asset> = Vec::with_capacity(asset_files.len());
    for d in asset_files {
        let Some(segments) = paths::asset_segments(&d, &mut problems) else { continue };
        let asset = Asset { output: format!("{}/{}", d.root_language, segments.join("/")), source: d.path };
        claims.add_asset(&asset, &mut problems);
        assets.push(asset);
    }
    let link_index = link_index(&config, &theme, &resolved, &assets);
    let theme_dir =
        config.theme_dirs().into_iter().find(|d| d.is_dir()).unwrap_or_else(|| config.theme_dirs().remove(0));
    let environment = environment_fingerprint(&config, &theme);
    let shared =
        Shared { engines: &engines, links: &link_index, theme_dir: &theme_dir, read_scope: &config.read_scope };
    let rendered: Vec<(Resolved, markdown::Rendered, Vec<Diagnostic>)> = resolved
        .into_par_iter()
        .map(|mut r| {
            let page = PageSource {
                path: &r.discovered.path,
                lang: &r.lang,
                site_path: &r.path,
                body: &r.parsed.body,
                body_line: r.parsed.body_line,
                front_matter: &r.parsed.front_matter,
            };
            let (output, page_problems) = match cache {
                Some(cache) => cache.render(&page, &shared, environment),
                None => body::render(&page, &shared),
            };
            // Free each source as soon as it is rendered, so sources and
            // HTML of the whole site are never held at once.
            r.parsed.body = String::new();
            (r, output, page_problems)
        })
        .collect();

    let mut builder = builder::SiteBuilder::new(category_meta);
    for (r, output, page_problems) in rendered {
        problems.extend(page_problems);
        builder.add(r, output, &mut problems);
    }
    let (articles, categories, homes, nav, article_groups, category_groups) =
        builder.finish(&config, &claims, &mut problems);
    problems.extend(missing_anchors(&articles, &link_index));
    let (redirects, redirect_problems) = crate::site::redirects::collect(&articles);
    problems.extend(redirect_problems);
    claims.claim_assembled(&articles, &categories, &redirects, &mut problems);
    if config.broken_links_fail && !options.check {
        problems = problems
            .into_sorted()
            .into_iter()
            .map(|d| {
                if d.code == Some(markdown::BROKEN_LINK) {
                    Diagnostic { severity: crate::diagnostics::Severity::Error, ..d }
                } else {
                    d
                }
            })
            .collect();
    }

    if problems.has_errors() {
        return Err(problems.into_sorted());
    }
    Ok(Site {
        config,
        strings,
        theme,
        articles,
        categories,
        homes,
        nav,
        article_groups,
        category_groups,
        assets,
        warnings: problems.into_sorted(),
        engines,
        redirects,
        links: link_index,
        environment,
        theme_dir,
    })
}

/// Language, role, URL and translation key of one parsed source; `None`
/// for drafts (unless asked for) and for files with errors.
fn resolve(
    config: &Config,
    drafts: bool,
    discovered: Discovered,
    parsed: Parsed,
    problems: &mut Diagnostics,
) -> Option<Resolved> {
    let fm = &parsed.front_matter;
    let key_line = |key: &str| fm.key_lines.get(key).copied().unwrap_or(1);
    let lang = match &fm.lang {
        Some(lang) if config.language(lang).is_some() => lang.clone(),
        Some(lang) => {
            problems.push(
                Diagnostic::error(
                    &discovered.path,
                    key_line("lang"),
                    1,
                    format!("`lang: {lang}` is not one of the site's languages"),
                )
                .with_hint(format!(
                    "use one of: {}, or add `{lang}` to `languages` in site.yaml",
                    config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ")
                )),
            );
            return None;
        }
        None => discovered.suffix_language.clone().unwrap_or_else(|| discovered.root_language.clone()),
    };
    if fm.draft && !drafts {
        return None;
    }
    let folders: Vec<String> = discovered
        .rel
        .parent()
        .map(|p| p.iter().map(|s| s.to_string_lossy().to_string()).collect())
        .unwrap_or_default();
    let (folder_segments, own_segment) = paths::page_segments(&discovered, problems)?;
    let category = match &fm.category {
        Some(value) => match paths::category(value) {
            Ok(name) => Some(name),
            Err(reason) => {
                problems.push(
                    Diagnostic::error(
                        &discovered.path,
                        key_line("category"),
                        1,
                        format!("the category `{}` cannot be used: {reason}", paths::visible(value)),
                    )
                    .with_hint(
                        "write one folder name such as `signing-in`: letters, digits and dashes, no `/` or `..`",
                    ),
                );
                return None;
            }
        },
        None => folders.first().cloned(),
    };
    let is_folder_page = matches!(discovered.stem.as_str(), "_index" | "index" | "README");
    let role = match (is_folder_page, folders.len()) {
        (true, 0) => Role::Home,
        // A category folder's `_index.md`, `index.md` or `README.md` is the
        // category's own page (GitBook and Docusaurus write them so).
        (true, 1) => Role::CategoryIndex { name: folders[0].clone() },
        _ => Role::Article { category },
    };
    let slug = match &fm.slug {
        Some(slug) => match urls::slug_segments(slug) {
            Ok(slug) => Some(slug),
            Err(reason) => {
                problems.push(
                    Diagnostic::error(
                        &discovered.path,
                        key_line("slug"),
                        1,
                        format!("the slug `{}` cannot be used: {reason}", paths::visible(slug)),
                    )
                    .with_hint("write a slug such as `lost-phone`: letters, digits and dashes"),
                );
                return None;
            }
        },
        None => None,
    };
    let path = match (&fm.permalink, &role) {
        (_, Role::Home) => format!("{lang}/"),
        (Some(permalink), _) => match urls::permalink_to_path(permalink) {
            Ok(path) => path,
            Err(reason) => {
                problems.push(
                    Diagnostic::error(
                        &discovered.path,
                        key_line("permalink"),
                        1,
                        format!("the permalink `{}` cannot be used: {reason}", paths::visible(permalink)),
                    )
                    .with_hint("write a path inside the site, such as `/en/help/lost-phone/`"),
                );
                return None;
            }
        },
        (None, _) => {
            // A folder page (`_index.md`, `index.md`) names its folder; its
            // slug replaces the folder's last part.
            let mut segments = folder_segments;
            let own_name = if is_folder_page { segments.pop() } else { Some(own_segment) };
            match slug {
                Some((true, from_root)) => segments = from_root,
                Some((false, relative)) => segments.extend(relative),
                None => segments.extend(own_name),
            }
            let mut path = lang.clone();
            for segment in segments {
                path.push('/');
                path.push_str(&segment);
            }
            path.push('/');
            path
        }
    };
    let field_key = config
        .translation_key_field
        .as_ref()
        .and_then(|field| fm.extra.get(field))
        .and_then(|value| value.as_str().map(str::to_string).or_else(|| value.as_i64().map(|n| n.to_string())));
    let key = match (fm.translation_key.as_ref().or(field_key.as_ref()), &role) {
        (Some(key), _) => key.clone(),
        (None, Role::CategoryIndex { name }) => name.clone(),
        (None, Role::Home) => "_home".to_string(),
        (None, Role::Article { .. }) => {
            let mut key: Vec<String> = folders.clone();
            key.push(discovered.stem.clone());
            key.join("/")
        }
    };
    Some(Resolved { discovered, parsed, lang, role, path, key })
}

/// A path as people read it in a message: relative to the site folder.
pub(crate) fn shown(site_dir: &Path, path: &Path) -> String {
    path.strip_prefix(site_dir).unwrap_or(path).display().to_string()
}

/// `lost-phone` → `Lost phone`, for pages and categories with no title.
pub fn humanize(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let trimmed = spaced.trim();
    let mut chars = trimmed.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn humanize_turns_file_names_into_titles() {
        assert_eq!(humanize("lost-phone"), "Lost phone");
        assert_eq!(humanize("_index"), "Index");
        assert_eq!(humanize("étapes_suivantes"), "Étapes suivantes");
    }
}
