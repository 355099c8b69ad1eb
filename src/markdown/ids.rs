//! Heading ids and levels of one page. Ids: an explicit `{#id}` always
//! gets its id (automatic ids step aside for every explicit id written in
//! the page, even one further down), two headings with one explicit id are
//! an error naming both lines, and no heading takes an id the theme uses
//! for itself. Levels: the page's title is its one `<h1>`, and a heading is
//! never more than one level below the one before it, so the outline has
//! no holes (`##` then `####` reads as `<h2>` then `<h3>`).

use std::collections::{HashMap, HashSet};

use super::text::trailing_id;

/// Ids the default theme's templates give their own elements (checked
/// against the templates by a test), and the prefix of Phare's own ids.
pub(crate) const THEME_IDS: &[&str] = &[
    "main",
    "top",
    "content",
    "search",
    "sidebar",
    "toc",
    "navigation",
    "skip",
    // The search field in the header and the results page.
    "site-search-q",
    "search-form",
    "search-q",
    "search-hint",
    "search-status",
    "search-results",
    "search-more",
];
const THEME_PREFIXES: [&str; 2] = ["phare-", "landing-"];

fn is_theme_id(id: &str) -> bool {
    THEME_IDS.contains(&id) || THEME_PREFIXES.iter().any(|p| id.starts_with(p))
}

/// Ids given so far in the page, and the next number to try for each base,
/// so a thousand headings of one name cost a thousand tries, not a million.
#[derive(Default)]
pub(super) struct PageIds {
    used: HashSet<String>,
    next_number: HashMap<String, usize>,
    /// Explicit ids written anywhere in the page, found before rendering.
    written: HashSet<String>,
    /// Explicit ids given, with the line of the heading that has each.
    given: HashMap<String, usize>,
}

/// What happened to an explicit id.
pub(super) enum Explicit {
    Given(String),
    /// Another heading already has it (its line); this one gets the id.
    Taken {
        id: String,
        other_line: usize,
    },
    /// The theme uses it; this one gets the id.
    Theme(String),
}

impl PageIds {
    /// Notes the explicit ids of `text` (`## Title {#id}`, `{/* #id */}`,
    /// `{#id .class}`), so automatic ids never take them. One pass over the
    /// lines; a line in a code block only reserves a name.
    pub(super) fn reserve_explicit(&mut self, text: &str) {
        for line in text.lines() {
            let trimmed = line.trim_start_matches([' ', '\t', '>']);
            if !trimmed.starts_with('#') && !trimmed.to_ascii_lowercase().starts_with("<summary") {
                continue;
            }
            let line = trimmed.trim_end().trim_end_matches("</summary>").trim_end();
            // GitBook's `### Title <a href="#x" id="x"></a>`.
            if let Some(anchor) = line.strip_suffix("</a>").and_then(|l| l.rfind(" id=\"").map(|at| &l[at + 5..])) {
                if let Some(id) = anchor.split('"').next().filter(|id| !id.is_empty()) {
                    self.written.insert(id.to_string());
                }
            } else if let Some((_, id)) = trailing_id(line) {
                self.written.insert(id);
            } else if let Some(open) = line.strip_suffix('}').and_then(|l| l.rfind('{').map(|at| &l[at + 1..])) {
                let found = open.split_whitespace().find_map(|part| part.strip_prefix('#'));
                if let Some(id) = found.filter(|id| !id.is_empty()) {
                    self.written.insert(id.to_string());
                }
            }
        }
    }

    /// An automatic id from `base`: unique, never an explicit or theme id.
    pub(super) fn automatic(&mut self, base: String) -> String {
        let base = if base.is_empty() { "section".to_string() } else { base };
        if !self.written.contains(&base) && !is_theme_id(&base) && self.used.insert(base.clone()) {
            return base;
        }
        let number = self.next_number.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{number}");
            *number += 1;
            if !self.written.contains(&candidate) && self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// The explicit `id` of the heading on `line`.
    pub(super) fn explicit(&mut self, id: String, line: usize) -> Explicit {
        if is_theme_id(&id) {
            return Explicit::Theme(self.automatic(id));
        }
        if let Some(&other_line) = self.given.get(&id) {
            return Explicit::Taken { id: self.automatic(id), other_line };
        }
        self.given.insert(id.clone(), line);
        self.used.insert(id.clone());
        Explicit::Given(id)
    }
}

/// Heading levels as shown: below the page's `<h1>` title, and at most
/// one level deeper than the heading before.
#[derive(Default)]
pub(super) struct Outline {
    /// Level of the last heading shown (1: the title).
    current: u8,
    /// File line and shown level of each top-level heading, in page order.
    top_level: Vec<(usize, u8)>,
}

impl Outline {
    pub(super) fn shown(&mut self, written: u8, line: usize, top_level: bool) -> u8 {
        let shown = written.clamp(2, self.current.max(1) + 1);
        self.current = shown;
        if top_level {
            self.top_level.push((line, shown));
        }
        shown
    }

    /// A component starting on `line` continues the outline of the
    /// section it sits in (components are rendered after the text around
    /// them).
    pub(super) fn resume_at(&mut self, line: usize) {
        let before = self.top_level.partition_point(|(l, _)| *l < line);
        self.current = before.checked_sub(1).map_or(1, |i| self.top_level[i].1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_ids_win_over_earlier_automatic_ones() {
        let mut ids = PageIds::default();
        ids.reserve_explicit("## Steps\n\n## Other {#steps}\n### Gitbook <a href=\"#gb\" id=\"gb\"></a>\n");
        assert_eq!(ids.automatic("gb".into()), "gb-1");
        assert_eq!(ids.automatic("steps".into()), "steps-1");
        assert!(matches!(ids.explicit("steps".into(), 3), Explicit::Given(id) if id == "steps"));
        assert!(matches!(ids.explicit("steps".into(), 9), Explicit::Taken { other_line: 3, .. }));
    }

    #[test]
    fn theme_ids_are_never_given_to_headings() {
        let mut ids = PageIds::default();
        assert_eq!(ids.automatic("main".into()), "main-1");
        assert_eq!(ids.automatic("top".into()), "top-1");
        assert!(matches!(ids.explicit("phare-toc-title".into(), 1), Explicit::Theme(id) if id == "phare-toc-title-1"));
    }

    #[test]
    fn every_id_the_default_theme_writes_is_reserved() {
        let templates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut stack = vec![templates];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for (at, _) in text.match_indices(" id=\"") {
                    let value = &text[at + 5..];
                    let id = &value[..value.find('"').unwrap_or(0)];
                    let literal = id.split("{{").next().unwrap_or_default();
                    if !literal.is_empty() {
                        assert!(is_theme_id(literal) || id.contains("{{"), "{}: id `{id}`", path.display());
                    }
                }
            }
        }
    }

    #[test]
    fn levels_never_skip_and_components_resume_their_section() {
        let mut outline = Outline::default();
        let shown: Vec<u8> = [(1, 3), (2, 2), (3, 4), (4, 6), (5, 1)]
            .into_iter()
            .map(|(line, level)| outline.shown(level, line, true))
            .collect();
        assert_eq!(shown, [2, 2, 3, 4, 2]);
        outline.resume_at(3);
        assert_eq!(outline.shown(4, 30, false), 3);
    }
}
