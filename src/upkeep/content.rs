//! What of a source counts as its content for a translator: title,
//! description and body, with runs of blanks made one (an edit that only
//! re-wraps a paragraph changes nothing to translate). Also the body cut
//! into sections by heading, to say where a source changed.

use std::path::Path;

use crate::load::frontmatter;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Content {
    pub(crate) title: String,
    pub(crate) description: String,
    /// The body as written (for diffs and sections).
    pub(crate) body: String,
}

impl Content {
    /// `None` when the text has no readable front matter.
    pub(crate) fn parse(path: &Path, text: &str) -> Option<Content> {
        let parsed = frontmatter::parse(path, text.as_bytes()).ok()?;
        Some(Content {
            title: parsed.front_matter.title.unwrap_or_default(),
            description: parsed.front_matter.description.unwrap_or_default(),
            body: parsed.body,
        })
    }

    /// Equal when only blanks differ.
    pub(crate) fn same_words(&self, other: &Content) -> bool {
        words(&self.title) == words(&other.title)
            && words(&self.description) == words(&other.description)
            && words(&self.body) == words(&other.body)
    }

    /// `sha1:` and the hash of the words: what `translation_of:` records
    /// when no commit can name this content.
    pub(crate) fn hash(&self) -> String {
        let text = format!("{}\n{}\n{}", words(&self.title), words(&self.description), words(&self.body));
        let id = super::history::blob_id(text.as_bytes()).map(|id| id.to_hex().to_string()).unwrap_or_default();
        format!("sha1:{id}")
    }

    pub(crate) fn sections(&self) -> Vec<Section> {
        sections(&self.body)
    }
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A part of a body under one heading (the part before the first heading
/// has an empty heading).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    pub(crate) heading: String,
    /// An explicit `{#id}` written after the heading.
    pub(crate) id: Option<String>,
    pub(crate) level: usize,
    /// The heading line and the text under it.
    pub(crate) text: String,
}

impl Section {
    pub(crate) fn same_words(&self, other: &Section) -> bool {
        words(&self.text) == words(&other.text)
    }
}

/// ATX headings (`#` to `######`) outside fenced code start a section.
pub(crate) fn sections(body: &str) -> Vec<Section> {
    let mut sections = vec![Section { heading: String::new(), id: None, level: 0, text: String::new() }];
    let mut fence: Option<(char, usize)> = None;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        if let Some(c) = marker {
            let run = trimmed.chars().take_while(|x| *x == c).count();
            if run >= 3 {
                match fence {
                    None => fence = Some((c, run)),
                    Some((open, len)) if open == c && run >= len && trimmed[run..].trim().is_empty() => fence = None,
                    _ => {}
                }
            }
        }
        if fence.is_none()
            && let Some((level, heading, id)) = heading(line)
        {
            sections.push(Section { heading, id, level, text: String::new() });
        }
        if let Some(last) = sections.last_mut() {
            last.text.push_str(line);
        }
    }
    if sections[0].text.trim().is_empty() && sections.len() > 1 {
        sections.remove(0);
    }
    sections
}

fn heading(line: &str) -> Option<(usize, String, Option<String>)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let level = rest.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let after = &rest[level..];
    if !(after.is_empty() || after.starts_with([' ', '\t', '\n', '\r'])) {
        return None;
    }
    let text = after.trim().trim_end_matches('#').trim();
    // `{#id}` written after a heading is not part of its words.
    let (text, id) = match text.rfind("{#") {
        Some(at) if text.ends_with('}') => (text[..at].trim(), Some(text[at + 2..text.len() - 1].trim().to_string())),
        _ => (text, None),
    };
    Some((level, text.to_string(), id))
}

/// How a section differs between two versions of a source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionChange {
    Changed,
    Added,
    Removed,
}

/// Sections of `new` that differ from `old`, matched by heading (the
/// n-th section of a heading with the n-th of the same heading), in the
/// order of `new` with removed ones after.
pub(crate) fn changed_sections(old: &[Section], new: &[Section]) -> Vec<(String, SectionChange)> {
    let mut used = vec![false; old.len()];
    let mut changes = Vec::new();
    for section in new {
        let matched = old.iter().enumerate().position(|(i, o)| !used[i] && o.heading == section.heading);
        match matched {
            Some(i) => {
                used[i] = true;
                if !old[i].same_words(section) {
                    changes.push((section.heading.clone(), SectionChange::Changed));
                }
            }
            None => changes.push((section.heading.clone(), SectionChange::Added)),
        }
    }
    for (i, section) in old.iter().enumerate() {
        if !used[i] {
            changes.push((section.heading.clone(), SectionChange::Removed));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_at_headings_outside_code() {
        let body = "Intro\n\n## Before you start {#start}\nText\n```\n# not a heading\n```\n### Steps\nOne\n";
        let found = sections(body);
        let headings: Vec<&str> = found.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings, ["", "Before you start", "Steps"]);
        assert!(found[1].text.contains("# not a heading"));
        assert_eq!(found[1].id.as_deref(), Some("start"));
    }

    #[test]
    fn rewrapping_is_not_a_change() {
        let a = Content { title: "T".into(), description: String::new(), body: "one two\nthree\n".into() };
        let b = Content { title: "T ".into(), description: String::new(), body: "one\ntwo three\n\n".into() };
        assert!(a.same_words(&b));
        assert_eq!(a.hash(), b.hash());
        let c = Content { body: "one two four\n".into(), ..a.clone() };
        assert!(!a.same_words(&c));
        assert_ne!(a.hash(), c.hash());
    }

    #[test]
    fn changed_sections_name_headings() {
        let old = sections("## A\nx\n## B\ny\n## C\nz\n");
        let new = sections("## A\nx\n## B\ny changed\n## D\nw\n");
        assert_eq!(
            changed_sections(&old, &new),
            [
                ("B".to_string(), SectionChange::Changed),
                ("D".to_string(), SectionChange::Added),
                ("C".to_string(), SectionChange::Removed)
            ]
        );
    }
}
