//! GitBook's `SUMMARY.md`, where a language has one at its content root:
//! the order of its pages and their nesting, as the book's table of
//! contents shows them. Front matter still wins where it says otherwise.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::load::read_scope::ReadScope;
use crate::urls::{percent_decode, split_fragment};

/// Where a page sits in the table of contents.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Place {
    pub order: f64,
    /// The entry it is nested under.
    pub parent: Option<PathBuf>,
}

/// Source file → place, for `SUMMARY.md` at `root`; empty without one.
/// One that cannot be read (a link leading out of the site, a named pipe)
/// counts as none: discovery, which walks it, reports why.
pub(crate) fn read(root: &Path, scope: &ReadScope) -> HashMap<PathBuf, Place> {
    let Ok(text) = scope.read_to_string(&root.join("SUMMARY.md")) else { return HashMap::new() };
    parse(root, &text)
}

fn parse(root: &Path, text: &str) -> HashMap<PathBuf, Place> {
    let mut places = HashMap::new();
    // (indentation, file) of the entries that may still get children.
    let mut open: Vec<(usize, PathBuf)> = Vec::new();
    for (position, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let Some(item) = line.trim_start().strip_prefix(['*', '-', '+']) else { continue };
        let Some((_, rest)) = item.split_once("](") else { continue };
        let Some((target, _)) = rest.split_once(')') else { continue };
        let (target, _) = split_fragment(target.trim());
        if target.is_empty() || target.contains("://") {
            continue;
        }
        let file = root.join(percent_decode(target));
        while open.last().is_some_and(|(depth, _)| *depth >= indent) {
            open.pop();
        }
        let parent = open.last().map(|(_, parent)| parent.clone());
        places.entry(file.clone()).or_insert(Place { order: position as f64 + 1.0, parent });
        open.push((indent, file));
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_nesting_follow_the_list() {
        let text = "# Summary\n\n* [Intro](README.md)\n\n## Basics\n\n* [Shop](shop/README.md)\n  * [Open a shop](shop/open%20a%20shop.md)\n    * [Fees](shop/fees.md#top)\n  * [Close](shop/close.md)\n* [FAQ](faq.md)\n";
        let places = parse(Path::new("/r"), text);
        let place = |p: &str| places[&PathBuf::from(p)].clone();
        assert_eq!(place("/r/shop/open a shop.md").parent, Some(PathBuf::from("/r/shop/README.md")));
        assert_eq!(place("/r/shop/fees.md").parent, Some(PathBuf::from("/r/shop/open a shop.md")));
        assert_eq!(place("/r/shop/close.md").parent, Some(PathBuf::from("/r/shop/README.md")));
        assert_eq!(place("/r/faq.md").parent, None);
        assert!(place("/r/shop/README.md").order < place("/r/faq.md").order);
    }
}
