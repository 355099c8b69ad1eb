//! A source and its translation side by side: their sections aligned by
//! shared `{#id}`s, else by order among sections of the same level, with
//! the source's changes since the translation attached to its sections.

use std::path::Path;

use super::Upkeep;
use super::content::{Content, Section, SectionChange, sections};
use super::diff::{SectionDiff, SourceChanges, source_changes};

/// One line of the side-by-side view.
#[derive(Debug, Clone)]
pub struct Row {
    pub source: Option<Side>,
    pub translation: Option<Side>,
    /// The source's change since the translation, if this section changed
    /// (for a section removed from the source, `source` is `None`).
    pub change: Option<SectionDiff>,
}

#[derive(Debug, Clone)]
pub struct Side {
    pub heading: String,
    pub level: usize,
    pub text: String,
}

impl From<&Section> for Side {
    fn from(section: &Section) -> Side {
        Side { heading: section.heading.clone(), level: section.level, text: section.text.clone() }
    }
}

/// Rows for the pair whose translation is `translation`; `None` when
/// either file cannot be read.
pub fn rows(upkeep: &Upkeep, source: &Path, translation: &Path) -> Option<Vec<Row>> {
    let parse = |path: &Path| Content::parse(path, &std::fs::read_to_string(path).ok()?);
    let source_sections = sections(&parse(source)?.body);
    let translation_sections = sections(&parse(translation)?.body);
    let changes = match source_changes(upkeep, translation) {
        SourceChanges::Sections(changes) => changes,
        SourceChanges::Unknown => Vec::new(),
    };
    let mut rows: Vec<Row> = align(&source_sections, &translation_sections)
        .into_iter()
        .map(|(s, t)| {
            let change = s.and_then(|s| {
                changes
                    .iter()
                    .find(|c| c.change != SectionChange::Removed && c.heading == source_sections[s].heading)
                    .cloned()
            });
            Row {
                source: s.map(|s| Side::from(&source_sections[s])),
                translation: t.map(|t| Side::from(&translation_sections[t])),
                change,
            }
        })
        .collect();
    for removed in changes.into_iter().filter(|c| c.change == SectionChange::Removed) {
        rows.push(Row { source: None, translation: None, change: Some(removed) });
    }
    Some(rows)
}

/// Pairs of section indexes, source order first; one-sided pairs where a
/// section has no counterpart.
pub(crate) fn align(source: &[Section], translation: &[Section]) -> Vec<(Option<usize>, Option<usize>)> {
    let by_id: Vec<Option<usize>> = source
        .iter()
        .map(|s| {
            let id = s.id.as_deref()?;
            translation.iter().position(|t| t.id.as_deref() == Some(id))
        })
        .collect();
    let mut used = vec![false; translation.len()];
    for t in by_id.iter().flatten() {
        used[*t] = true;
    }
    let mut rows = Vec::new();
    let mut next = 0;
    for (s, section) in source.iter().enumerate() {
        let matched = by_id[s].or_else(|| {
            let candidate = (next..translation.len()).find(|t| !used[*t])?;
            (translation[candidate].level == section.level).then_some(candidate)
        });
        match matched {
            Some(t) => {
                // Translation sections skipped over have no counterpart.
                for (skipped, was_used) in used.iter_mut().enumerate().take(t).skip(next) {
                    if !*was_used {
                        *was_used = true;
                        rows.push((None, Some(skipped)));
                    }
                }
                used[t] = true;
                rows.push((Some(s), Some(t)));
                next = next.max(t + 1);
            }
            None => rows.push((Some(s), None)),
        }
    }
    for (t, was_used) in used.iter().enumerate() {
        if !was_used {
            rows.push((None, Some(t)));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_align_by_id_then_by_order() {
        let source = sections("Intro\n## Before {#before}\na\n## Steps {#steps}\nb\n## Extra\nc\n");
        let translation = sections("Intro\n## Étapes {#steps}\nb\n## Avant {#before}\na\n");
        let rows = align(&source, &translation);
        assert!(rows.contains(&(Some(0), Some(0))), "the introductions pair: {rows:?}");
        assert!(rows.contains(&(Some(1), Some(2))), "shared id: {rows:?}");
        assert!(rows.contains(&(Some(2), Some(1))), "shared id: {rows:?}");
        assert!(rows.contains(&(Some(3), None)), "only in the source: {rows:?}");
    }

    #[test]
    fn headings_without_ids_pair_in_order_and_extra_ones_are_one_sided() {
        let source = sections("## A\na\n## B\nb\n");
        let translation = sections("## Un\na\n## Deux\nb\n## Trois\nc\n");
        assert_eq!(align(&source, &translation), [(Some(0), Some(0)), (Some(1), Some(1)), (None, Some(2))]);
    }
}
