//! The records a `Site` is made of, shared by every part of
//! `site/` (and read by `render/`): articles, categories, homes, each
//! language's navigation, copied assets, and the `Resolved` source between
//! resolving and assembling. They sit below the rest of the folder so that
//! `builder`, `hierarchy`, `redirects` and `claims` need only this file.

use std::path::{Path, PathBuf};

use crate::load::discover::Discovered;
use crate::load::frontmatter::{FrontMatter, Parsed};
use crate::markdown::{LinkRef, TocEntry};

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

/// A path as people read it in a message: relative to the site folder.
pub(crate) fn shown(site_dir: &Path, path: &Path) -> String {
    path.strip_prefix(site_dir).unwrap_or(path).display().to_string()
}

/// `lost-phone` → `Lost phone`, for pages and categories with no title.
pub(crate) fn humanize(name: &str) -> String {
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
