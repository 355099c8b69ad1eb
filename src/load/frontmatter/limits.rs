//! Bounds on what one article may cost to read. Site files are untrusted
//! (builds run on contributors' pull requests), so no file may make Phare
//! take gigabytes or minutes: a YAML alias repeated a thousand times over a
//! large list (the "billion laughs") is refused before it is expanded, and
//! so are files larger than any help article.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::load::config::yaml_expansion::{expands_too_much, first_alias_line, too_deep, too_deep_at};

/// The largest article file Phare reads: twenty times the longest article
/// of the real help centers it was tried on. Markdown costs pulldown-cmark
/// up to a hundred bytes of memory per byte of text, so this also bounds
/// the memory one article can take.
pub(crate) const MAX_ARTICLE_BYTES: usize = 1 << 20;

/// The largest front matter Phare reads.
pub(crate) const MAX_FRONT_MATTER_BYTES: usize = 256 << 10;

/// What front matter may grow to once YAML aliases (`*name`) are expanded,
/// counted as characters of text plus one per value. Written out without
/// aliases, the largest front matter allowed stays below it.
pub(crate) const MAX_EXPANDED_FRONT_MATTER: usize = crate::load::config::yaml_expansion::MAX_EXPANDED_YAML;

/// Refuses a file larger than [`MAX_ARTICLE_BYTES`].
pub(crate) fn check_article(path: &Path, bytes: &[u8]) -> Result<(), Vec<Diagnostic>> {
    if bytes.len() <= MAX_ARTICLE_BYTES {
        return Ok(());
    }
    let size = format!("{:.1} MB", bytes.len() as f64 / f64::from(1 << 20));
    Err(vec![
        Diagnostic::error(
            path,
            1,
            1,
            format!("this file is {size}, more than the {} MB Phare reads in one article", MAX_ARTICLE_BYTES >> 20),
        )
        .with_hint("split it into several articles; pages this long are hard to read anyway"),
    ])
}

/// Refuses front matter larger than [`MAX_FRONT_MATTER_BYTES`], or whose
/// aliases expand past [`MAX_EXPANDED_FRONT_MATTER`]; `first_line` is the
/// file line of the block's first line.
pub(crate) fn check_front_matter(path: &Path, yaml: &str, first_line: usize) -> Result<(), Vec<Diagnostic>> {
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Err(vec![
            Diagnostic::error(
                path,
                1,
                1,
                format!(
                    "the front matter that starts here is {} KB long, more than the {} KB Phare reads",
                    yaml.len() >> 10,
                    MAX_FRONT_MATTER_BYTES >> 10
                ),
            )
            .with_hint("keep only settings in the front matter, and move long text into the article"),
        ]);
    }
    if let Some(line) = too_deep_at(yaml) {
        return Err(vec![too_deep(path, line + first_line - 1)]);
    }
    if expands_too_much(yaml) {
        let line = first_alias_line(yaml).unwrap_or(1) + first_line - 1;
        return Err(vec![
            Diagnostic::error(
                path,
                line,
                1,
                format!(
                    "the front matter repeats its values through aliases (`*name`) until they would take more than {} MB",
                    MAX_EXPANDED_FRONT_MATTER >> 20
                ),
            )
            .with_hint("write the values out once instead of repeating them with `&anchor` and `*alias`"),
        ]);
    }
    Ok(())
}

/// File positions of the keys of a YAML block, found in one pass (asking
/// `key_position` once per key would read the block once per key).
pub(crate) struct KeyPositions {
    first: HashMap<String, (usize, usize)>,
}

impl KeyPositions {
    /// Keys at the start of a line (after indentation or a list dash), as
    /// `crate::load::config::key_position` finds them.
    pub(crate) fn new(yaml: &str) -> KeyPositions {
        let mut first = HashMap::new();
        for (index, line) in yaml.lines().enumerate() {
            let trimmed = line.trim_start();
            let trimmed = trimmed.strip_prefix("- ").map(str::trim_start).unwrap_or(trimmed);
            let unquoted = trimmed.trim_start_matches(['"', '\'']);
            let column = line.len() - unquoted.len() + 1;
            // The key ends at its closing quote, or at the first `:`.
            let candidates = [unquoted.find(['"', '\'']), unquoted.find(':')];
            for end in candidates.into_iter().flatten() {
                let key = &unquoted[..end];
                let rest = unquoted[end..].trim_start_matches(['"', '\'']);
                if rest.trim_start().starts_with(':') {
                    first.entry(key.trim_end().to_string()).or_insert((index + 1, column));
                    first.entry(key.to_string()).or_insert((index + 1, column));
                }
            }
        }
        KeyPositions { first }
    }

    /// Line and column (in the block) of the first line holding `key:`.
    pub(crate) fn get(&self, yaml: &str, key: &str) -> Option<(usize, usize)> {
        match self.first.get(key) {
            Some(position) => Some(*position),
            // A key this pass could not single out (one holding `:` and
            // no quotes): the slower search, which is rare.
            None => crate::load::config::key_position(yaml, key, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_repeating_a_large_list_are_caught_before_expansion() {
        let list: String = (0..20_000).map(|i| format!("- item {i}\n")).collect::<String>().replace('\n', "\n  ");
        let mut yaml = format!("base: &big\n  {list}\n");
        assert!(!expands_too_much(&yaml), "the list alone is fine");
        for i in 0..200 {
            yaml.push_str(&format!("copy{i}: *big\n"));
        }
        assert!(expands_too_much(&yaml));
        assert_eq!(first_alias_line(&yaml), Some(yaml.lines().position(|l| l.starts_with("copy0")).unwrap() + 1));
    }

    #[test]
    fn ordinary_front_matter_and_syntax_errors_are_not_too_large() {
        assert!(!expands_too_much("title: x\ntags: [a, b]\nlist:\n  - a: 1\n"));
        assert!(!expands_too_much("title: [unclosed\n"));
        assert!(!expands_too_much("a: &x 3\nb: *x\nemail: a*b@c\n"));
    }

    #[test]
    fn key_positions_match_the_line_search() {
        let yaml = "title: x\n\"quoted key\": y\n- listed: z\n  nested: w\nurl: \"http://a\"\n'k:v': 1\n";
        let positions = KeyPositions::new(yaml);
        for key in ["title", "quoted key", "listed", "nested", "url", "k:v", "missing"] {
            assert_eq!(positions.get(yaml, key), crate::load::config::key_position(yaml, key, 0), "{key}");
        }
    }
}
