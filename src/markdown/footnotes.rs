//! Footnotes of one page, rendered by Phare rather than pulldown-cmark:
//! numbered in the order their references appear in the page's text (a
//! reference inside a `:::note` counts where it is written, though
//! components are rendered after the text around them), ids prefixed
//! (`fn-1`, `fnref-1`) so they never clash with a heading `## 1`, and each
//! note ends with a link back to where it was referenced.

use std::collections::{HashMap, HashSet};

use super::escape;

#[derive(Default)]
pub(super) struct Footnotes {
    /// Label → number, by first reference in the page's text.
    numbers: HashMap<String, usize>,
    /// Labels that have a definition somewhere in the page.
    defined: HashSet<String>,
    /// References made so far to each label (for unique back-link ids).
    referenced: HashMap<String, usize>,
    /// Rendered definitions: number, label, HTML.
    notes: Vec<(usize, String, String)>,
}

fn label_key(label: &str) -> String {
    label.trim().to_lowercase()
}

impl Footnotes {
    /// Notes every `[^label]` of the page's text in order, and which
    /// labels are defined (`[^label]:` starting a line). One pass.
    pub(super) fn scan(&mut self, text: &str) {
        for line in text.lines() {
            let mut rest = line;
            let definition = line.trim_start().starts_with("[^");
            let mut first = true;
            while let Some(at) = rest.find("[^") {
                let after = &rest[at + 2..];
                // Labels are short: looking further would rescan the line.
                let Some(end) = after.bytes().take(101).position(|b| b == b']').filter(|end| *end > 0) else {
                    rest = after;
                    continue;
                };
                let label = label_key(&after[..end]);
                let is_definition = first && definition && after[end + 1..].starts_with(':');
                first = false;
                if is_definition {
                    self.defined.insert(label);
                } else {
                    let next = self.numbers.len() + 1;
                    self.numbers.entry(label).or_insert(next);
                }
                rest = &after[end + 1..];
            }
        }
    }

    /// The HTML of a reference to `label`, or `None` when the page has no
    /// such footnote.
    pub(super) fn reference(&mut self, label: &str) -> Option<String> {
        let key = label_key(label);
        if !self.defined.contains(&key) {
            return None;
        }
        let next = self.numbers.len() + 1;
        let number = *self.numbers.entry(key.clone()).or_insert(next);
        let count = self.referenced.entry(key).or_default();
        *count += 1;
        let id = escape(&slug(label));
        let back_id = if *count == 1 { format!("fnref-{id}") } else { format!("fnref-{id}-{count}") };
        Some(format!(
            "<sup class=\"footnote-reference\"><a href=\"#fn-{id}\" id=\"{back_id}\" role=\"doc-noteref\">{number}</a></sup>"
        ))
    }

    /// Keeps the rendered body of the definition of `label`.
    pub(super) fn define(&mut self, label: &str, html: String) {
        let key = label_key(label);
        let next = self.numbers.len() + 1;
        let number = *self.numbers.entry(key).or_insert(next);
        if self.notes.iter().all(|(_, l, _)| label_key(l) != label_key(label)) {
            self.notes.push((number, label.to_string(), html));
        }
    }

    /// The list of notes, for the end of the page; empty without notes.
    pub(super) fn section(mut self) -> String {
        if self.notes.is_empty() {
            return String::new();
        }
        self.notes.sort_by_key(|(number, _, _)| *number);
        let mut html = String::from("<section class=\"footnotes\" role=\"doc-endnotes\">\n<ol>\n");
        for (number, label, body) in &self.notes {
            let id = escape(&slug(label));
            let back = format!(
                " <a href=\"#fnref-{id}\" class=\"footnote-backref\" role=\"doc-backlink\" aria-label=\"↩ {number}\">↩</a>"
            );
            // The back-link goes at the end of the note's last paragraph.
            let body = body.trim_end();
            let body = match body.strip_suffix("</p>") {
                Some(text) => format!("{text}{back}</p>"),
                None => format!("{body}{back}"),
            };
            html.push_str(&format!("<li id=\"fn-{id}\" value=\"{number}\">\n{body}\n</li>\n"));
        }
        html.push_str("</ol>\n</section>\n");
        html
    }
}

/// A label as an id part: spaces become `-`.
fn slug(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_references_in_the_text() {
        let mut notes = Footnotes::default();
        notes.scan("See[^b] and[^a].\n:::note\nAlso[^b].\n:::\n[^a]: A.\n[^b]: B.\n");
        assert!(notes.reference("a").unwrap().contains(">2</a>"));
        let again = notes.reference("b").unwrap();
        assert!(again.contains(">1</a>") && again.contains("id=\"fnref-b\""), "{again}");
        assert!(notes.reference("b").unwrap().contains("id=\"fnref-b-2\""));
        assert!(notes.reference("missing").is_none());
        notes.define("a", "<p>A.</p>".into());
        notes.define("b", "<p>B.</p>".into());
        let section = notes.section();
        assert!(section.find("fn-b").unwrap() < section.find("fn-a").unwrap(), "{section}");
        assert!(section.contains("<p>B. <a href=\"#fnref-b\" class=\"footnote-backref\""), "{section}");
    }
}
