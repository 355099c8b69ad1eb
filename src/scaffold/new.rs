//! `phare new`: one article with its front matter filled in, and with
//! `--translate`, its counterpart in another language to translate.

use std::path::{Component, Path, PathBuf};

use super::{ScaffoldError, create, yaml_string};
use crate::site::{BuildOptions, Site, humanize};

pub struct NewOptions {
    pub site: BuildOptions,
    /// The new article, from the site folder (`content/en/account/x.md`).
    pub path: PathBuf,
    pub title: Option<String>,
    /// Also create the article's counterpart in this language.
    pub translate: Option<String>,
}

/// The files created, from the site folder.
pub fn new_article(options: &NewOptions) -> Result<Vec<PathBuf>, ScaffoldError> {
    let site = crate::site::load(&BuildOptions { check: true, drafts: true, ..options.site.clone() }).map_err(|problems| {
        let errors = problems.iter().filter(|d| d.is_error()).count();
        ScaffoldError::Invalid(format!(
            "the site has {errors} error(s), so Phare cannot tell where the new article belongs\n  hint: run `phare check` and fix them first"
        ))
    })?;
    let relative = plain_relative(&options.path)?;
    // Content roots are known by their full names; so must the new file be.
    let site_dir = &std::fs::canonicalize(&options.site.site_dir).unwrap_or_else(|_| options.site.site_dir.clone());
    let target = site_dir.join(&relative);
    let (lang, root) = language_of(&site, site_dir, &target).ok_or_else(|| {
        ScaffoldError::Invalid(format!(
            "{} is not inside a language's content folder\n  hint: start the path with one of: {}",
            relative.display(),
            site.config
                .languages
                .iter()
                .map(|l| crate::site::shown(site_dir, &l.content_root) + "/")
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let stem = target.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
    let key = fresh_key(&site, &stem);
    let title = options.title.clone().unwrap_or_else(|| humanize(&stem));
    let folder = target.parent().unwrap_or(&root).to_path_buf();

    let mut planned = vec![(target.clone(), article_text(&title, &key, next_order(&site, &lang, &folder), None))];
    if let Some(other) = &options.translate {
        let other_root =
            site.config.language(other).map(|l| l.content_root.clone()).filter(|_| *other != lang).ok_or_else(
                || {
                    ScaffoldError::Invalid(format!(
                        "`{other}` is not another language of this site\n  hint: --translate takes one of: {}",
                        site.config
                            .languages
                            .iter()
                            .filter(|l| l.code != lang)
                            .map(|l| l.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                },
            )?;
        let other_folder = counterpart_folder(&site, &lang, &root, &folder, other, &other_root);
        let other_path = other_folder.join(target.file_name().unwrap_or_default());
        let source_shown = crate::site::shown(site_dir, &target);
        let text = article_text(&title, &key, next_order(&site, other, &other_folder), Some(&source_shown));
        planned.push((other_path, text));
    }
    // Check every file first, so a refusal leaves nothing half made.
    if let Some((existing, _)) = planned.iter().find(|(path, _)| path.exists()) {
        return Err(ScaffoldError::Exists(PathBuf::from(crate::site::shown(site_dir, existing))));
    }
    let mut written = Vec::new();
    for (path, text) in planned {
        create(&path, &text)?;
        written.push(path.strip_prefix(site_dir).map(Path::to_path_buf).unwrap_or(path));
    }
    Ok(written)
}

/// The path as given, with `.md` added, refused if it climbs out (`..`) or
/// is absolute: the article goes inside the site folder.
fn plain_relative(path: &Path) -> Result<PathBuf, ScaffoldError> {
    let mut clean = PathBuf::new();
    for part in path.components() {
        match part {
            Component::Normal(name) => clean.push(name),
            Component::CurDir => {}
            _ => {
                return Err(ScaffoldError::Invalid(format!(
                    "{} must be a path inside the site folder, such as content/en/account/new-article.md",
                    path.display()
                )));
            }
        }
    }
    let named = clean.file_stem().and_then(|s| s.to_str()).is_some_and(|s| !s.is_empty() && !s.starts_with(['.', '_']));
    if !named {
        return Err(ScaffoldError::Invalid(format!(
            "{} does not name an article file\n  hint: end the path with the article's name, such as reset-password.md",
            path.display()
        )));
    }
    if clean.extension().is_none_or(|e| e != "md") {
        let mut name = clean.file_name().unwrap_or_default().to_os_string();
        name.push(".md");
        clean.set_file_name(name);
    }
    Ok(clean)
}

fn language_of(site: &Site, site_dir: &Path, target: &Path) -> Option<(String, PathBuf)> {
    let absolute = |p: &Path| if p.is_absolute() { p.to_path_buf() } else { site_dir.join(p) };
    site.config
        .languages
        .iter()
        .map(|l| (l.code.clone(), l.content_root.clone()))
        .filter(|(_, root)| target.starts_with(absolute(root)) || target.starts_with(root))
        .max_by_key(|(_, root)| root.components().count())
}

fn fresh_key(site: &Site, stem: &str) -> String {
    let taken = |key: &str| site.article_groups.contains_key(key) || site.category_groups.contains_key(key);
    if !taken(stem) {
        return stem.to_string();
    }
    (2..).map(|n| format!("{stem}-{n}")).find(|k| !taken(k)).unwrap_or_default()
}

/// After the last ordered sibling; none when no sibling has an `order`
/// (an ordered article would jump ahead of all of them).
fn next_order(site: &Site, lang: &str, folder: &Path) -> Option<f64> {
    site.articles
        .iter()
        .filter(|a| a.lang == lang && a.fallback_of.is_none() && a.source.parent() == Some(folder))
        .filter_map(|a| a.front_matter.order)
        .max_by(f64::total_cmp)
        .map(|max| (max + 1.0).floor())
}

/// The folder of the same category in the other language (paired by the
/// category's translation key), else the same folder names there.
fn counterpart_folder(site: &Site, lang: &str, root: &Path, folder: &Path, other: &str, other_root: &Path) -> PathBuf {
    let relative = folder.strip_prefix(root).unwrap_or(Path::new(""));
    let Some(first) = relative.components().next().and_then(|c| c.as_os_str().to_str()) else {
        return other_root.to_path_buf();
    };
    let paired = site
        .categories
        .iter()
        .find(|c| c.lang == lang && c.name == first)
        .and_then(|c| site.category_groups.get(&c.key))
        .and_then(|group| group.get(other))
        .map(|&index| &site.categories[index]);
    match paired {
        Some(category) => {
            let rest: PathBuf = relative.components().skip(1).collect();
            other_root.join(&category.name).join(rest)
        }
        None => other_root.join(relative),
    }
}

fn article_text(title: &str, key: &str, order: Option<f64>, translate_from: Option<&str>) -> String {
    let mut text = String::from("---\n");
    if let Some(source) = translate_from {
        text.push_str(&format!(
            "# To translate from {source}: translate the title, the description and\n# the text, then remove `draft: true` to publish it. Until then readers\n# of this language see the original, with a notice.\n"
        ));
    }
    text.push_str(&format!("title: {}\n", yaml_string(title)));
    text.push_str(
        "description: \"Replace this sentence: what this page helps the reader do (shown in lists and search results).\"\n",
    );
    text.push_str(&format!("translation_key: {}\n", yaml_string(key)));
    if let Some(order) = order {
        text.push_str(&format!("order: {order}\n"));
    }
    if translate_from.is_some() {
        text.push_str("draft: true\n");
    }
    text.push_str("---\n\nWrite the article here.\n");
    text
}
