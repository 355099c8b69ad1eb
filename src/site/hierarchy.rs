//! Child articles: an article's parent comes from `parent:` in its front
//! matter (a translation key, an address or a file), from a parent's
//! `children:` list of addresses (login.gov), or from folders: a folder's
//! `index.md` / `README.md` is the parent of the folder's other articles.
//! Computed once per site; a parent in another category, or a loop, is
//! ignored rather than trusted.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::site::records::Article;
use crate::urls;

const FOLDER_PAGES: &[&str] = &["index", "README", "_index"];

/// The parent of each article, by index.
pub(crate) fn parents(articles: &[Article], groups: &BTreeMap<String, BTreeMap<String, usize>>) -> Vec<Option<usize>> {
    let by_path: HashMap<&str, usize> = articles.iter().enumerate().map(|(i, a)| (a.path.as_str(), i)).collect();
    let by_source: HashMap<&Path, usize> = articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.fallback_of.is_none())
        .map(|(i, a)| (a.source.as_path(), i))
        .collect();
    let folder_pages: HashMap<(&str, &Path), usize> = articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.fallback_of.is_none() && is_folder_page(&a.source))
        .filter_map(|(i, a)| Some(((a.lang.as_str(), a.source.parent()?), i)))
        .collect();
    let mut parents: Vec<Option<usize>> = vec![None; articles.len()];
    for (index, article) in articles.iter().enumerate().filter(|(_, a)| a.fallback_of.is_none()) {
        let folder = article.source.parent();
        let declared = article.front_matter.parent.as_deref().and_then(|parent| {
            groups
                .get(parent)
                .and_then(|g| g.get(&article.lang))
                .copied()
                .or_else(|| urls::permalink_to_path(parent).ok().and_then(|p| by_path.get(p.as_str()).copied()))
                .or_else(|| folder.and_then(|f| by_source.get(f.join(parent).as_path()).copied()))
        });
        let from_folder = match is_folder_page(&article.source) {
            false => folder.and_then(|f| folder_pages.get(&(article.lang.as_str(), f))).copied(),
            true => folder.and_then(Path::parent).and_then(|f| folder_pages.get(&(article.lang.as_str(), f))).copied(),
        };
        parents[index] = declared.or(from_folder);
    }
    for (index, article) in articles.iter().enumerate().filter(|(_, a)| a.fallback_of.is_none()) {
        let Some(serde_json::Value::Array(children)) = article.front_matter.extra.get("children") else { continue };
        for child in children.iter().filter_map(|c| c.as_str()) {
            if let Some(&child) =
                urls::permalink_to_path(child).ok().and_then(|p| by_path.get(p.as_str()).copied()).as_ref()
            {
                parents[child] = Some(index);
            }
        }
    }
    // A stand-in's parent is its original's parent, in the stand-in's language.
    for (index, article) in articles.iter().enumerate() {
        if let Some(original) = article.fallback_of {
            parents[index] =
                parents[original].and_then(|parent| groups.get(&articles[parent].key)?.get(&article.lang).copied());
        }
    }
    for index in 0..articles.len() {
        let keep = parents[index].is_some_and(|parent| {
            parent != index && articles[parent].category == articles[index].category && !leads_back(&parents, index)
        });
        if !keep {
            parents[index] = None;
        }
    }
    parents
}

/// Whether following parents from `start` comes back to it.
fn leads_back(parents: &[Option<usize>], start: usize) -> bool {
    let mut current = parents[start];
    for _ in 0..parents.len() {
        match current {
            Some(index) if index == start => return true,
            Some(index) => current = parents[index],
            None => return false,
        }
    }
    true
}

fn is_folder_page(source: &Path) -> bool {
    let name = source.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    FOLDER_PAGES.contains(&stem)
}

/// `top` and every article under it, parents before their children.
pub(crate) fn sequence(top: &[usize], children: &[Vec<usize>]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack: Vec<usize> = top.iter().rev().copied().collect();
    while let Some(index) = stack.pop() {
        if out.contains(&index) {
            continue;
        }
        out.push(index);
        stack.extend(children[index].iter().rev());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loops_are_detected() {
        assert!(leads_back(&[Some(1), Some(0)], 0));
        assert!(!leads_back(&[None, Some(0)], 1));
    }

    #[test]
    fn sequence_puts_children_after_their_parent() {
        let children = vec![vec![2, 3], vec![], vec![], vec![]];
        assert_eq!(sequence(&[0, 1], &children), [0, 2, 3, 1]);
    }
}
