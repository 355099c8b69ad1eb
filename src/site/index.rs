//! What `site::load` builds around the pages: the link index every link
//! resolves against, the fingerprint of theme, strings and settings, and
//! the anchor check over the final HTML.

use std::collections::HashMap;
use std::path::PathBuf;

use super::records::{Article, Asset, Resolved, Role, humanize};
use crate::body::links::{LinkIndex, SourceTarget};
use crate::diagnostics::Diagnostic;
use crate::load::config::Config;
use crate::load::theme::Theme;
use crate::markdown;
use crate::urls;

pub(super) fn link_index(config: &Config, theme: &Theme, resolved: &[Resolved], assets: &[Asset]) -> LinkIndex {
    let mut index = LinkIndex::default();
    // Pages Phare generates without a source file: homes, categories named
    // by folders or `category:`, 404 pages, theme files, sitemap.
    for language in &config.languages {
        index.pages.insert(format!("{}/", language.code), (language.code.clone(), "_home".to_string()));
        index
            .translations
            .entry("_home".to_string())
            .or_default()
            .insert(language.code.clone(), format!("{}/", language.code));
        index.files.insert(format!("{}/404.html", language.code));
    }
    for r in resolved {
        if let Role::Article { category: Some(name) } = &r.role {
            let path = format!("{}/{}/", r.lang, urls::path_segment(name).to_lowercase());
            index.pages.entry(path).or_insert_with(|| (r.lang.clone(), name.clone()));
        }
    }
    index.files.extend(theme.static_files.keys().cloned());
    index.files.extend(["404.html", "sitemap.xml", "robots.txt"].map(String::from));
    for r in resolved {
        let fm = &r.parsed.front_matter;
        let title =
            fm.title.clone().or_else(|| first_heading(&r.parsed.body)).unwrap_or_else(|| humanize(&r.discovered.stem));
        let target = SourceTarget {
            lang: r.lang.clone(),
            key: r.key.clone(),
            path: r.path.clone(),
            title,
            description: fm.description.clone().unwrap_or_default(),
            order: fm.order,
        };
        index.sources.insert(r.discovered.path.clone(), target);
        index.translations.entry(r.key.clone()).or_default().insert(r.lang.clone(), r.path.clone());
        index.pages.insert(r.path.clone(), (r.lang.clone(), r.key.clone()));
        // Homes and category pages can be linked to, but are not siblings.
        if !matches!(r.role, Role::Article { .. }) {
            continue;
        }
        if let Some(folder) = r.discovered.path.parent() {
            index.folders.entry(folder.to_path_buf()).or_default().push(r.discovered.path.clone());
        }
    }
    for sources in index.folders.values_mut() {
        sources.sort();
    }
    let files = resolved.iter().map(|r| &r.discovered.path).chain(assets.iter().map(|a| &a.source));
    for file in files {
        if let (Some(folder), Some(name)) = (file.parent(), file.file_name().and_then(|n| n.to_str())) {
            index.names.entry(folder.to_path_buf()).or_default().push(name.to_string());
        }
    }
    for names in index.names.values_mut() {
        names.sort();
    }
    for asset in assets {
        index.assets.insert(asset.source.clone(), asset.output.clone());
        index.files.insert(asset.output.clone());
    }
    index
}

/// `# Title` on the first non-blank line (GitBook pages have no front matter).
fn first_heading(body: &str) -> Option<String> {
    let line = body.lines().find(|l| !l.trim().is_empty())?;
    let title = line.strip_prefix("# ")?.trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// Everything besides other pages that shapes an article's HTML: theme
/// templates, UI strings and settings. A change to any of them re-renders
/// every article.
pub(super) fn environment_fingerprint(config: &Config, theme: &Theme) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for (name, (_, text)) in &theme.templates {
        (name, text).hash(&mut hasher);
    }
    std::fs::read_to_string(&config.file).unwrap_or_default().hash(&mut hasher);
    if let Ok(entries) = std::fs::read_dir(config.site_dir.join("i18n")) {
        let mut files: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for file in files {
            (&file, config.read_scope.read_to_string(&file).unwrap_or_default()).hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// Links to `#anchor`s that the target page does not have. Ids are read
/// from each target's final HTML (headings, components, raw HTML alike),
/// once per target page.
pub(super) fn missing_anchors(articles: &[Article], links: &LinkIndex) -> Vec<Diagnostic> {
    let by_path: HashMap<&str, usize> = articles.iter().enumerate().map(|(i, a)| (a.path.as_str(), i)).collect();
    let mut ids: HashMap<usize, std::collections::HashSet<String>> = HashMap::new();
    let mut problems = Vec::new();
    for article in articles.iter().filter(|a| a.fallback_of.is_none()) {
        for link in &article.links {
            let Some((path, fragment)) =
                links.target_page(&article.source, &article.lang, &article.path, &link.destination)
            else {
                continue;
            };
            let Some(&target) = by_path.get(path.as_str()) else { continue };
            let known = ids.entry(target).or_insert_with(|| html_ids(&articles[target].html));
            let fragment = urls::percent_decode(fragment);
            if fragment.is_empty() || known.contains(&fragment) {
                continue;
            }
            let place = if path == article.path { "this page".to_string() } else { format!("/{path}") };
            problems.push(
                Diagnostic::warning(&article.source, link.line, link.column, format!("this link points at `#{fragment}` in {place}, which has no heading or element with that id"))
                    .with_hint("check the heading's anchor; a `{#id}` after a heading sets one that stays the same in every language")
                    .with_code(markdown::BROKEN_LINK),
            );
        }
    }
    problems
}

fn html_ids(html: &str) -> std::collections::HashSet<String> {
    html.match_indices(" id=\"")
        .filter_map(|(at, marker)| {
            let rest = &html[at + marker.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}
