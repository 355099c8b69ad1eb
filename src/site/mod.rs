//! Stages 5–6 (and the driver of 1–4): from a site folder to an immutable
//! [`Site`]. In: [`BuildOptions`]; it calls `load` for the raw records and
//! `body` for each article's HTML. Out: the `Site` (config, strings, theme,
//! articles, categories, homes, per-language navigation, translation
//! groups, redirects, assets, warnings), records referring to each other by
//! index. Files are read, split and rendered in parallel; languages, URLs,
//! categories and translation groups are resolved once, sequentially,
//! because they need the whole picture (`builder.rs` pairs translations
//! and orders, `hierarchy.rs` finds parents, `redirects.rs` collects
//! aliases, `claims.rs` decides who writes which output file). Every
//! problem is collected; the site is returned only when none is an error.
//! It never renders a page template and never writes.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::body::links::LinkIndex;
use crate::body::templates::{self, Engines};
use crate::body::{self, PageSource, Shared};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::categories::Metadata;
use crate::load::config::{self, Config};
use crate::load::discover::{self, Discovered, FileKind};
use crate::load::frontmatter::{self, Parsed};
use crate::load::theme::{self, Theme};
use crate::load::ui_strings::Strings;
use crate::markdown;

mod builder;
pub(crate) mod claims;
mod hierarchy;
mod index;
pub(crate) mod near_keys;
pub(crate) mod paths;
mod records;
pub(crate) mod redirects;
pub(crate) mod relink;
mod resolve;

pub use records::{Article, Asset, Category, Home, LanguageNav};

/// The kind of each problem found while loading, for `--format json`,
/// `checks:` settings and `phare check`'s summary; more precise codes
/// (`broken-link`, `yaml`…) are given where the problem is found.
pub mod codes {
    pub const SETTINGS: &str = "settings";
    pub const STRINGS: &str = "interface-strings";
    pub const THEME: &str = "theme";
    pub const FILE: &str = "file";
    pub const CATEGORY: &str = "category";
    pub const FRONT_MATTER: &str = "front-matter";
    pub const ADDRESS: &str = "address";
    pub const MARKUP: &str = "markup";
    pub const STRUCTURE: &str = "structure";
    pub const REDIRECT: &str = "redirect";
    pub const UPKEEP: &str = "translation-upkeep";
    pub const TEMPLATE: &str = "template";
    pub const OUTPUT: &str = "output";
    pub const YAML: &str = "yaml";
}
pub(crate) use records::{Resolved, humanize, shown};

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
    /// Where to tell how far long steps are (the binary's progress bars).
    pub progress: crate::progress::Progress,
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
    /// Translations against their sources, when a notice may show
    /// (`outdated_translation: notice`, the default).
    pub upkeep: Option<crate::upkeep::Upkeep>,
}

impl Site {
    /// What rendering one more article body needs from this site: the
    /// preview's body edits and the fuzzer render against a loaded site.
    pub fn body_context(&self) -> Shared<'_> {
        Shared {
            engines: &self.engines,
            links: &self.links,
            theme_dir: &self.theme_dir,
            read_scope: &self.config.read_scope,
        }
    }
}

pub fn load(options: &BuildOptions) -> Result<Site, Vec<Diagnostic>> {
    load_cached(options, None)
}

/// Like [`load`], reusing the rendered articles of `cache` where nothing
/// they depend on changed (`phare serve`). The stages in order; each
/// helper below is one of them.
pub(crate) fn load_cached(options: &BuildOptions, cache: Option<&body::RenderCache>) -> Result<Site, Vec<Diagnostic>> {
    let (config, config_problems) = settings(options)?;
    let mut problems = Diagnostics::default();
    problems.extend(config_problems);
    let Some(Presentation { strings, theme, engines }) = presentation(&config, &mut problems) else {
        // Without templates nothing can be rendered; report what was found.
        return Err(problems.into_sorted());
    };
    let mark = problems.len();
    let mut claims = Claims::new(&config, &theme, &mut problems);
    problems.label_from(mark, codes::ADDRESS);

    let found = find_files(&config, &mut problems);
    let parsed = parse_sources(found.markdown, &options.progress);
    let mut unreadable = Vec::new();
    let resolved = resolve_sources(&config, options.drafts, parsed, &mut unreadable, &mut problems);
    let mark = problems.len();
    claims::claim_sources(&mut claims, &resolved, &mut problems);
    let assets = place_assets(found.assets, &mut claims, &mut problems);
    problems.label_from(mark, codes::ADDRESS);

    let mut link_index = link_index(&config, &theme, &resolved, &assets);
    // Their own errors are reported; links to them are not broken too.
    link_index.unreadable.extend(unreadable);
    let theme_dir =
        config.theme_dirs().into_iter().find(|d| d.is_dir()).unwrap_or_else(|| config.theme_dirs().remove(0));
    let environment = environment_fingerprint(&config, &theme);
    let shared =
        Shared { engines: &engines, links: &link_index, theme_dir: &theme_dir, read_scope: &config.read_scope };
    let rendered = render_bodies(resolved, &shared, cache, environment, &options.progress);

    let mut builder = builder::SiteBuilder::new(found.category_meta);
    for (r, output, page_problems) in rendered {
        problems.extend(page_problems.into_iter().map(|d| d.or_code(codes::MARKUP)));
        let mark = problems.len();
        builder.add(r, output, &mut problems);
        problems.label_from(mark, codes::STRUCTURE);
    }
    let mark = problems.len();
    let builder::Assembled { articles, categories, homes, nav, article_groups, category_groups } =
        builder.finish(&config, &claims, &mut problems);
    problems.label_from(mark, codes::STRUCTURE);
    problems.extend(missing_anchors(&articles, &link_index).into_iter().map(|d| d.or_code(markdown::BROKEN_LINK)));
    let (redirects, redirect_problems) = crate::site::redirects::collect(&articles);
    problems.extend(redirect_problems.into_iter().map(|d| d.or_code(codes::REDIRECT)));
    let mark = problems.len();
    claims.claim_assembled(&articles, &categories, &redirects, &mut problems);
    problems.label_from(mark, codes::ADDRESS);
    let near_translation_keys = near_keys::near_keys(&articles, &article_groups);
    problems.extend(near_keys::warnings(&articles, &article_groups, &near_translation_keys));
    let upkeep = upkeep_of_articles(&config, &articles, &categories, false);
    if let Some(upkeep) = &upkeep {
        problems.extend(upkeep.warnings.iter().cloned().map(|d| d.or_code(codes::UPKEEP)));
    }
    if config.broken_links_fail && !options.check {
        problems = broken_links_as_errors(problems);
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
        upkeep,
    })
}

impl Site {
    /// The upkeep of this site's articles, read now if the load did not
    /// need it (the preview's status and compare pages always do).
    pub(crate) fn upkeep_or_read(&self) -> Option<crate::upkeep::Upkeep> {
        match &self.upkeep {
            Some(upkeep) => Some(upkeep.clone()),
            None => upkeep_of_articles(&self.config, &self.articles, &self.categories, true),
        }
    }
}

/// The upkeep of the assembled articles, when any of them may carry an
/// outdated-translation notice (or `always`).
fn upkeep_of_articles(
    config: &Config,
    articles: &[Article],
    categories: &[Category],
    always: bool,
) -> Option<crate::upkeep::Upkeep> {
    use crate::load::config::OutdatedTranslation;
    let originals: Vec<&Article> = articles.iter().filter(|a| a.fallback_of.is_none()).collect();
    let wanted = originals.iter().any(|a| {
        a.front_matter.outdated_translation.unwrap_or(config.outdated_translation) == OutdatedTranslation::Notice
    });
    if !(wanted || always) || config.languages.len() < 2 {
        return None;
    }
    let members: Vec<crate::upkeep::Member<'_>> = originals
        .iter()
        .map(|a| crate::upkeep::Member {
            path: &a.source,
            lang: &a.lang,
            key: &a.key,
            category: a.category.map(|c| categories[c].name.as_str()),
            title: &a.title,
            front_matter: &a.front_matter,
        })
        .collect();
    Some(crate::upkeep::assess(config, &members))
}

/// Stages 1–5 only, then the upkeep of every article: `phare status`
/// needs files, languages and keys, not HTML.
pub fn upkeep(options: &BuildOptions) -> Result<crate::upkeep::Upkeep, Vec<Diagnostic>> {
    let (config, config_problems) = settings(options)?;
    let mut problems = Diagnostics::default();
    problems.extend(config_problems);
    let found = find_files(&config, &mut problems);
    // The history walk and reading the articles share nothing: side by side.
    let paths: Vec<PathBuf> = found.markdown.iter().map(|d| d.path.clone()).collect();
    // (The history holds a repository handle that stays on this thread.)
    let markdown = found.markdown;
    let (parsed, history) = std::thread::scope(|scope| {
        let reading = scope.spawn(|| parse_sources(markdown, &options.progress));
        let history = crate::upkeep::read_history(&config, &paths);
        (reading.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), history)
    });
    let mut unreadable = Vec::new();
    let resolved = resolve_sources(&config, options.drafts, parsed, &mut unreadable, &mut problems);
    if problems.has_errors() {
        return Err(problems.into_sorted());
    }
    let titles: Vec<String> = resolved
        .iter()
        .map(|r| {
            r.parsed.front_matter.title.clone().unwrap_or_else(|| {
                humanize(&r.discovered.path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default())
            })
        })
        .collect();
    let members: Vec<crate::upkeep::Member<'_>> = resolved
        .iter()
        .zip(&titles)
        .filter_map(|(r, title)| match &r.role {
            records::Role::Article { category } => Some(crate::upkeep::Member {
                path: &r.discovered.path,
                lang: &r.lang,
                key: &r.key,
                category: category.as_deref(),
                title,
                front_matter: &r.parsed.front_matter,
            }),
            _ => None,
        })
        .collect();
    let position: HashMap<&std::path::Path, usize> = paths.iter().enumerate().map(|(i, p)| (p.as_path(), i)).collect();
    let order: Vec<usize> = members.iter().map(|m| position.get(m.path).copied().unwrap_or(usize::MAX)).collect();
    let mut upkeep = crate::upkeep::assess_with(&config, &members, history.map(|h| h.reorder(&order)));
    let mut warnings: Diagnostics = problems.into_sorted().into_iter().collect();
    warnings.extend(std::mem::take(&mut upkeep.warnings));
    upkeep.warnings = warnings.into_sorted();
    Ok(upkeep)
}

/// The settings, with the command line's `--output` and `--base-url`
/// applied; problems that leave them usable come back beside them.
fn settings(options: &BuildOptions) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
    let labelled = |problems: Vec<Diagnostic>| problems.into_iter().map(|d| d.or_code(codes::SETTINGS)).collect();
    settings_unlabelled(options).map(|(config, problems)| (config, labelled(problems))).map_err(labelled)
}

fn settings_unlabelled(options: &BuildOptions) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
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
    Ok((config, config_problems))
}

/// What pages are drawn with: UI strings, theme, and Tera built from both.
struct Presentation {
    strings: std::sync::Arc<Strings>,
    theme: Theme,
    engines: Engines,
}

/// `None` when no template could be loaded: nothing can be rendered.
fn presentation(config: &Config, problems: &mut Diagnostics) -> Option<Presentation> {
    let (strings, string_problems) = Strings::load(config);
    problems.extend(string_problems.into_iter().map(|d| d.or_code(codes::STRINGS)));
    let mark = problems.len();
    let theme = theme::load(config).unwrap_or_else(|errors| {
        problems.extend(errors);
        Theme::default()
    });
    let strings = std::sync::Arc::new(strings);
    let engines = templates::engines(config, &theme, &strings).unwrap_or_else(|errors| {
        problems.extend(errors);
        Engines::new()
    });
    problems.label_from(mark, codes::THEME);
    (!engines.is_empty()).then_some(Presentation { strings, theme, engines })
}

/// The files under the content roots, by kind, with category metadata read.
struct Found {
    category_meta: Metadata,
    markdown: Vec<Discovered>,
    assets: Vec<Discovered>,
}

fn find_files(config: &Config, problems: &mut Diagnostics) -> Found {
    let (found, walk_problems) = discover::discover(config);
    problems.extend(walk_problems.into_iter().map(|d| d.or_code(codes::FILE)));
    let (category_files, found): (Vec<_>, Vec<_>) = found.into_iter().partition(|d| d.kind == FileKind::CategoryMeta);
    let (category_meta, category_problems) = crate::load::categories::load(config, &category_files);
    problems.extend(category_problems.into_iter().map(|d| d.or_code(codes::CATEGORY)));
    let (markdown, assets): (Vec<_>, Vec<_>) = found.into_iter().partition(|d| d.kind == FileKind::Markdown);
    Found { category_meta, markdown, assets }
}

/// Every Markdown file read and its front matter parsed, in parallel.
fn parse_sources(
    markdown_files: Vec<Discovered>,
    progress: &crate::progress::Progress,
) -> Vec<(Discovered, Result<Parsed, Vec<Diagnostic>>)> {
    progress.start("reading", markdown_files.len());
    let parsed = markdown_files
        .into_par_iter()
        .map(|d| {
            progress.advance();
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
    progress.finish();
    parsed
}

/// Stage 5 for every parsed source, GitBook `SUMMARY.md` order and parents
/// applied first; drafts and sources with errors are left out.
fn resolve_sources(
    config: &Config,
    drafts: bool,
    parsed: Vec<(Discovered, Result<Parsed, Vec<Diagnostic>>)>,
    unreadable: &mut Vec<PathBuf>,
    problems: &mut Diagnostics,
) -> Vec<Resolved> {
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
                problems.extend(parsed.warnings.iter().cloned().map(|d| d.or_code(codes::FRONT_MATTER)));
                if let Some(r) = resolve::resolve(config, drafts, discovered, parsed, problems) {
                    resolved.push(r);
                }
            }
            Err(errors) => {
                unreadable.push(discovered.path);
                problems.extend(errors.into_iter().map(|d| d.or_code(codes::FRONT_MATTER)));
            }
        }
    }
    resolved
}

/// Each copied file's output path, claimed.
fn place_assets(asset_files: Vec<Discovered>, claims: &mut Claims, problems: &mut Diagnostics) -> Vec<Asset> {
    let mut assets: Vec<Asset> = Vec::with_capacity(asset_files.len());
    for d in asset_files {
        let Some(segments) = paths::asset_segments(&d, problems) else { continue };
        let asset = Asset { output: format!("{}/{}", d.root_language, segments.join("/")), source: d.path };
        claims.add_asset(&asset, problems);
        assets.push(asset);
    }
    assets
}

/// Stages 3–4 for every article, in parallel, through the cache if any.
fn render_bodies(
    resolved: Vec<Resolved>,
    shared: &Shared<'_>,
    cache: Option<&body::RenderCache>,
    environment: u64,
    progress: &crate::progress::Progress,
) -> Vec<(Resolved, markdown::Rendered, Vec<Diagnostic>)> {
    progress.start("rendering articles", resolved.len());
    let rendered = resolved
        .into_par_iter()
        .map(|mut r| {
            progress.advance();
            let page = PageSource {
                path: &r.discovered.path,
                lang: &r.lang,
                site_path: &r.path,
                body: &r.parsed.body,
                body_line: r.parsed.body_line,
                front_matter: &r.parsed.front_matter,
            };
            let (output, page_problems) = match cache {
                Some(cache) => cache.render(&page, shared, environment),
                None => body::render(&page, shared),
            };
            // Free each source as soon as it is rendered, so sources and
            // HTML of the whole site are never held at once.
            r.parsed.body = String::new();
            (r, output, page_problems)
        })
        .collect();
    progress.finish();
    rendered
}

/// `broken_links: error` in the settings: broken links stop the build.
fn broken_links_as_errors(problems: Diagnostics) -> Diagnostics {
    problems
        .into_sorted()
        .into_iter()
        .map(|d| {
            if d.code == Some(markdown::BROKEN_LINK) {
                Diagnostic { severity: crate::diagnostics::Severity::Error, ..d }
            } else {
                d
            }
        })
        .collect()
}
