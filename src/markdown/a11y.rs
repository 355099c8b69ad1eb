//! Markdown constructs made usable with a keyboard and a screen reader:
//!
//! - a table is wrapped in a focusable group named after its header row,
//!   so on a phone a keyboard user can scroll a wide table sideways
//!   (WCAG 2.1.1; axe `scrollable-region-focusable`);
//! - a task-list item (`- [ ] Sign out`) gets a real checkbox the reader can
//!   tick, labelled by the item's own words (`<label>` around them), instead
//!   of a greyed-out, nameless, disabled one.
//!
//! One pass over the page's events, in order; nothing is looked up twice.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::escape;

/// How many characters of the header row name a table.
const TABLE_NAME: usize = 80;

pub(super) fn tables_and_task_lists<'e>(events: Vec<Event<'e>>) -> Vec<Event<'e>> {
    let mut out: Vec<Event<'e>> = Vec::with_capacity(events.len() + 8);
    // Where the current table's wrapper opening is, and its header text so far.
    let mut table: Option<(usize, String, bool)> = None;
    // Inside a task item's first block: the depth at which its label ends.
    let mut open_label: Option<usize> = None;
    let mut depth = 0usize;
    for event in events {
        match &event {
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(CowStr::from(String::new())));
                table = Some((out.len() - 1, String::new(), false));
            }
            Event::Start(Tag::TableHead) => {
                if let Some((_, _, in_head)) = table.as_mut() {
                    *in_head = true;
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some((_, _, in_head)) = table.as_mut() {
                    *in_head = false;
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some((_, name, true)) = table.as_mut()
                    && !name.ends_with(", ")
                    && !name.is_empty()
                {
                    name.push_str(", ");
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, name, true)) = table.as_mut()
                    && name.chars().count() < TABLE_NAME
                {
                    name.push_str(text);
                }
            }
            _ => {}
        }
        match event {
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html(CowStr::from("</div>\n")));
                if let Some((at, name, _)) = table.take() {
                    let name: String = name.trim_end_matches([',', ' ']).chars().take(TABLE_NAME).collect();
                    out[at] = Event::Html(CowStr::from(format!(
                        "<div class=\"table-wrap\" role=\"group\" tabindex=\"0\"{}>\n",
                        if name.is_empty() { String::new() } else { format!(" aria-label=\"{}\"", escape(&name)) }
                    )));
                }
            }
            Event::TaskListMarker(checked) => {
                out.push(Event::Html(CowStr::from(format!(
                    "<label class=\"task-item\"><input type=\"checkbox\"{}> ",
                    if checked { " checked" } else { "" }
                ))));
                open_label = Some(depth);
            }
            Event::Start(tag) => {
                // A nested list or block ends the label's words.
                if open_label.is_some_and(|d| depth > d && !matches!(tag, Tag::Paragraph))
                    || matches!(tag, Tag::List(_))
                {
                    close_label(&mut out, &mut open_label);
                }
                depth += 1;
                out.push(Event::Start(tag));
            }
            Event::End(end) => {
                let ends_words = matches!(end, TagEnd::Paragraph | TagEnd::Item);
                if ends_words && open_label.is_some_and(|d| depth >= d) {
                    close_label(&mut out, &mut open_label);
                }
                depth = depth.saturating_sub(1);
                out.push(Event::End(end));
            }
            other => out.push(other),
        }
    }
    close_label(&mut out, &mut open_label);
    out
}

fn close_label(out: &mut Vec<Event<'_>>, open_label: &mut Option<usize>) {
    if open_label.take().is_some() {
        out.push(Event::Html(CowStr::from("</label>")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn html(markdown: &str) -> String {
        let events: Vec<Event<'_>> =
            Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS).collect();
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, tables_and_task_lists(events).into_iter());
        out
    }

    #[test]
    fn a_table_is_a_focusable_group_named_by_its_header_row() {
        let out = html("| Method | Works offline |\n|---|---|\n| App | yes |\n");
        assert!(
            out.starts_with(
                "<div class=\"table-wrap\" role=\"group\" tabindex=\"0\" aria-label=\"Method, Works offline\">\n<table>"
            ),
            "{out}"
        );
        assert!(out.trim_end().ends_with("</table>\n</div>"), "{out}");
    }

    #[test]
    fn tight_and_loose_task_items_get_a_labelled_checkbox() {
        let tight = html("- [ ] Sign out\n- [x] Close the **browser**\n");
        assert!(
            tight.contains("<li><label class=\"task-item\"><input type=\"checkbox\"> Sign out</label></li>"),
            "{tight}"
        );
        assert!(
            tight.contains("<input type=\"checkbox\" checked> Close the <strong>browser</strong></label>"),
            "{tight}"
        );
        assert!(!tight.contains("disabled"), "{tight}");

        let loose = html("- [ ] Sign out\n\n  More words.\n\n- [ ] Done\n");
        assert!(
            loose.contains("<p><label class=\"task-item\"><input type=\"checkbox\"> Sign out</label></p>"),
            "{loose}"
        );
        assert!(loose.contains("<p>More words.</p>"), "{loose}");
    }

    #[test]
    fn a_nested_list_ends_the_label_of_its_parent_item() {
        let out = html("- [ ] Parent\n  - [ ] Child\n");
        assert!(
            out.contains("<input type=\"checkbox\"> Parent</label>\n<ul>")
                || out.contains("<input type=\"checkbox\"> Parent</label><ul>"),
            "{out}"
        );
        assert_eq!(out.matches("<label").count(), out.matches("</label>").count(), "{out}");
    }
}
