//! The source's changes since a translation was last brought up to date,
//! section by section (by heading), as lines a terminal or a page can show.

use std::path::Path;

use similar::{ChangeTag, TextDiff};

use super::Upkeep;
use super::content::{Content, Section, SectionChange, sections};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineKind {
    Same,
    Added,
    Removed,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct DiffLine {
    pub kind: LineKind,
    /// Without its line end.
    pub text: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SectionDiff {
    /// `""` for the text before the first heading.
    pub heading: String,
    pub change: SectionChange,
    pub lines: Vec<DiffLine>,
}

/// What diffing a translation's source gives.
#[derive(Debug, Clone)]
pub enum SourceChanges {
    /// Sections that changed, in the source's order, removed ones last.
    Sections(Vec<SectionDiff>),
    /// History cannot say what the translation was made from.
    Unknown,
}

/// Lines of context kept around each change.
const CONTEXT: usize = 2;

/// The changes of `translation`'s source since the translation.
pub fn source_changes(upkeep: &Upkeep, translation: &Path) -> SourceChanges {
    let Some((_, then, now)) = upkeep.baselines.iter().find(|(path, _, _)| path == translation) else {
        // Only outdated pairs keep a baseline: an up-to-date one has nothing to show.
        return match upkeep.pair_of_translation(translation).map(|p| &p.state) {
            Some(super::State::UpToDate) => SourceChanges::Sections(Vec::new()),
            _ => SourceChanges::Unknown,
        };
    };
    let parse = |text: &str| Content::parse(translation, text).unwrap_or_default();
    let old = then.as_deref().map(parse).unwrap_or_default();
    let new = parse(now);
    let mut out = Vec::new();
    let old_head = format!("title: {}\ndescription: {}\n", old.title, old.description);
    let new_head = format!("title: {}\ndescription: {}\n", new.title, new.description);
    let old_words = Content { body: String::new(), ..old.clone() };
    if !old_words.same_words(&Content { body: String::new(), ..new.clone() }) {
        out.push(SectionDiff {
            heading: String::new(),
            change: SectionChange::Changed,
            lines: lines(&old_head, &new_head),
        });
    }
    out.extend(section_diffs(&sections(&old.body), &sections(&new.body)));
    SourceChanges::Sections(out)
}

fn section_diffs(old: &[Section], new: &[Section]) -> Vec<SectionDiff> {
    let mut used = vec![false; old.len()];
    let mut out = Vec::new();
    for section in new {
        match old.iter().enumerate().position(|(i, o)| !used[i] && o.heading == section.heading) {
            Some(i) => {
                used[i] = true;
                if !old[i].same_words(section) {
                    out.push(SectionDiff {
                        heading: section.heading.clone(),
                        change: SectionChange::Changed,
                        lines: lines(&old[i].text, &section.text),
                    });
                }
            }
            None => out.push(SectionDiff {
                heading: section.heading.clone(),
                change: SectionChange::Added,
                lines: lines("", &section.text),
            }),
        }
    }
    for (i, section) in old.iter().enumerate().filter(|(i, _)| !used[*i]) {
        let _ = i;
        out.push(SectionDiff {
            heading: section.heading.clone(),
            change: SectionChange::Removed,
            lines: lines(&section.text, ""),
        });
    }
    out
}

/// Changed lines with a little context, through `similar`'s line diff.
pub(crate) fn lines(old: &str, new: &str) -> Vec<DiffLine> {
    let diff = TextDiff::from_lines(old, new);
    let mut out = Vec::new();
    for (n, group) in diff.grouped_ops(CONTEXT).iter().enumerate() {
        if n > 0 {
            out.push(DiffLine { kind: LineKind::Same, text: "…".into() });
        }
        for op in group {
            for change in diff.iter_changes(op) {
                let kind = match change.tag() {
                    ChangeTag::Equal => LineKind::Same,
                    ChangeTag::Insert => LineKind::Added,
                    ChangeTag::Delete => LineKind::Removed,
                };
                let text = change.value().trim_end_matches(['\n', '\r']).to_string();
                out.push(DiffLine { kind, text });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_diffed_by_heading() {
        let old = sections("## A\nsame\n## B\nold line\n");
        let new = sections("## A\nsame\n## B\nnew line\n## C\nadded\n");
        let diffs = section_diffs(&old, &new);
        assert_eq!(diffs.len(), 2);
        assert_eq!(diffs[0].heading, "B");
        assert!(diffs[0].lines.iter().any(|l| l.kind == LineKind::Removed && l.text == "old line"));
        assert!(diffs[0].lines.iter().any(|l| l.kind == LineKind::Added && l.text == "new line"));
        assert_eq!(diffs[1].change, SectionChange::Added);
    }
}
