//! Stage 1: walk every content root and classify what is there: Markdown
//! sources (articles and category indexes) and assets to copy. A file's
//! language is provisional here (from its root or a `.fr.md` / `._fr.md`
//! suffix); `lang:` in front matter can still change it. Links are followed
//! only where they stay inside the site's read scope.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use crate::load::config::Config;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileKind {
    Markdown,
    Asset,
    /// Docusaurus `_category_.json` / `_category_.yml`: a folder's title,
    /// order and description.
    CategoryMeta,
}

#[derive(Debug, Clone)]
pub(crate) struct Discovered {
    pub path: PathBuf,
    /// Path relative to its content root.
    pub rel: PathBuf,
    /// Language of the content root the file was found in.
    pub root_language: String,
    /// Language named by a `name.fr.md` or `name._fr.md` suffix.
    pub suffix_language: Option<String>,
    /// File name without extension and language suffix.
    pub stem: String,
    pub kind: FileKind,
}

pub(crate) const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdx"];

pub(crate) fn discover(config: &Config) -> (Vec<Discovered>, Vec<Diagnostic>) {
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut walked: BTreeSet<&Path> = BTreeSet::new();
    for language in &config.languages {
        let root = language.content_root.as_path();
        if !walked.insert(root) {
            continue; // two languages sharing one folder (login.gov): walk it once
        }
        if !root.is_dir() {
            problems.push(
                Diagnostic::error(
                    &config.file,
                    1,
                    1,
                    format!("the content folder {} for language `{}` does not exist", root.display(), language.code),
                )
                .with_hint(format!("create the folder, or set `content:` for `{}` in site.yaml", language.code)),
            );
            continue;
        }
        let other_roots: Vec<&Path> = config
            .languages
            .iter()
            .map(|l| l.content_root.as_path())
            .filter(|other| *other != root && other.starts_with(root))
            .collect();
        // Links are followed only where they stay inside the read scope;
        // a folder link that leaves it, or loops, is reported and not entered.
        let mut refused_folders = Vec::new();
        let walker = WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter().filter_entry(|entry| {
            if entry.depth() == 0 {
                return true;
            }
            if !is_published(entry) || other_roots.contains(&entry.path()) {
                return false;
            }
            if !entry.file_type().is_dir() {
                return true; // files are checked after the ignore patterns
            }
            match config.read_scope.check_entry(entry) {
                Ok(()) => true,
                Err(refused) => {
                    refused_folders.push(refused.diagnostic());
                    false
                }
            }
        });
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    problems.push(walk_problem(&config.site_dir, &error));
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            let path = entry.path().to_path_buf();
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            let rel_text = rel.to_string_lossy().replace('\\', "/");
            if config.ignore.iter().any(|pattern| glob_match(pattern, &rel_text)) {
                continue;
            }
            if let Err(refused) = config.read_scope.check_entry(&entry) {
                problems.push(refused.diagnostic());
                continue;
            }
            let in_gitbook = rel.components().any(|c| c.as_os_str() == GITBOOK_FOLDER);
            if let Some(mut item) = classify(path, rel, &language.code, &codes) {
                // Everything in `.gitbook/assets` is a file to copy, even a `.md`.
                if in_gitbook {
                    item.kind = FileKind::Asset;
                }
                found.push(item);
            }
        }
        problems.extend(refused_folders);
    }
    (found, problems)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.') || n == "node_modules")
}

/// GitBook keeps a space's images and attachments in `.gitbook/assets`.
pub(crate) const GITBOOK_FOLDER: &str = ".gitbook";

/// Hidden files and folders are left out, except GitBook's assets folder
/// (`.gitbook` is entered for its `assets` only: its `includes` are read
/// where a page includes them).
fn is_published(entry: &walkdir::DirEntry) -> bool {
    let name = entry.file_name();
    let parent_is_gitbook =
        entry.path().parent().and_then(Path::file_name) == Some(std::ffi::OsStr::new(GITBOOK_FOLDER));
    if parent_is_gitbook {
        return name == "assets" && entry.file_type().is_dir();
    }
    if name == GITBOOK_FOLDER {
        return entry.file_type().is_dir();
    }
    !is_hidden(name)
}

fn walk_problem(site_dir: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error.path().map(Path::to_path_buf).unwrap_or_default();
    if let Some(ancestor) = error.loop_ancestor() {
        let ancestor = ancestor.strip_prefix(site_dir).unwrap_or(ancestor);
        return Diagnostic::error(&path, 1, 1, format!("this folder link loops back to {}", ancestor.display()))
            .with_hint("remove the link: a folder link must not point at a folder that contains it");
    }
    let reason = error.io_error().map_or_else(|| error.to_string(), ToString::to_string);
    Diagnostic::error(&path, 1, 1, format!("cannot read this file or folder: {reason}"))
        .with_hint("check that it exists and that you have permission to read it")
}

fn classify(path: PathBuf, rel: PathBuf, root_language: &str, codes: &[&str]) -> Option<Discovered> {
    let name = path.file_name()?.to_str()?.to_string();
    let (base, extension) = match name.rsplit_once('.') {
        Some((base, ext)) => (base.to_string(), ext.to_ascii_lowercase()),
        None => (name.clone(), String::new()),
    };
    let other_kind = match extension.as_str() {
        "json" | "yml" | "yaml" if base == "_category_" => Some(FileKind::CategoryMeta),
        ext if !MARKDOWN_EXTENSIONS.contains(&ext) => Some(FileKind::Asset),
        _ => None,
    };
    if let Some(kind) = other_kind {
        return Some(Discovered {
            path,
            rel,
            root_language: root_language.to_string(),
            suffix_language: None,
            stem: base,
            kind,
        });
    }
    // GitBook's table of contents is not a page.
    if base == "SUMMARY" {
        return None;
    }
    // `_partial.mdx` files are included by other pages, not pages themselves.
    if base.starts_with('_') && base != "_index" && !codes.iter().any(|c| base.ends_with(&format!("._{c}"))) {
        return None;
    }
    let (stem, suffix_language) = split_language_suffix(&base, codes);
    Some(Discovered {
        path,
        rel,
        root_language: root_language.to_string(),
        suffix_language,
        stem,
        kind: FileKind::Markdown,
    })
}

/// Shell-style pattern on a `/`-separated path: `*` and `?` within one
/// folder name, `**` across folders. A pattern without `/` matches the file
/// name in any folder, as in `.gitignore`.
pub(crate) fn glob_match(pattern: &str, path: &str) -> bool {
    let pattern = pattern.trim().trim_start_matches('/');
    if !pattern.contains('/') {
        return path.rsplit('/').next().is_some_and(|name| segment_match(pattern.as_bytes(), name.as_bytes()));
    }
    let pattern: Vec<&str> = pattern.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    segments_match(&pattern, &path)
}

fn segments_match(pattern: &[&str], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|skip| segments_match(rest, &path[skip..])),
        Some((first, rest)) => path.split_first().is_some_and(|(name, path_rest)| {
            segment_match(first.as_bytes(), name.as_bytes()) && segments_match(rest, path_rest)
        }),
    }
}

fn segment_match(pattern: &[u8], name: &[u8]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((b'*', rest)) => (0..=name.len()).any(|skip| segment_match(rest, &name[skip..])),
        Some((b'?', rest)) => !name.is_empty() && segment_match(rest, &name[1..]),
        Some((c, rest)) => name.first() == Some(c) && segment_match(rest, &name[1..]),
    }
}

/// `name.fr` / `name._fr` → (`name`, `fr`) when `fr` is a site language.
pub(crate) fn split_language_suffix(base: &str, codes: &[&str]) -> (String, Option<String>) {
    if let Some((stem, suffix)) = base.rsplit_once('.') {
        let code = suffix.strip_prefix('_').unwrap_or(suffix);
        if !stem.is_empty() && codes.contains(&code) {
            return (stem.to_string(), Some(code.to_string()));
        }
    }
    (base.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_patterns_match_like_gitignore() {
        assert!(glob_match("basic-features/reports.md", "basic-features/reports.md"));
        assert!(!glob_match("basic-features/reports.md", "basic-features/reports/README.md"));
        assert!(glob_match("drafts/**", "drafts/a/b.md"));
        assert!(glob_match("*.old.md", "deep/folder/x.old.md"));
        assert!(glob_match("**/SUMMARY.md", "SUMMARY.md"));
        assert!(!glob_match("a/*.md", "a/b/c.md"));
    }

    #[test]
    fn both_suffix_forms_name_the_language() {
        let codes = ["en", "fr", "fr-CA"];
        assert_eq!(split_language_suffix("lost-phone._fr", &codes), ("lost-phone".into(), Some("fr".into())));
        assert_eq!(split_language_suffix("lost-phone.fr-CA", &codes), ("lost-phone".into(), Some("fr-CA".into())));
        assert_eq!(split_language_suffix("v1.2", &codes), ("v1.2".into(), None));
        assert_eq!(split_language_suffix("notes.de", &codes), ("notes.de".into(), None));
    }
}
