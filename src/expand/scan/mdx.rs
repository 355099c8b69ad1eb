//! MDX (Docusaurus): `import`/`export` lines, JSX components and
//! admonitions, `<DocCardList>`, partials, `{expressions}`.

use std::path::Path;

use super::{Scanner, Source};
use crate::expand::attrs::{self, Raw};
use crate::expand::{AttrValue, Closer, Component, Node, alert_kind};

/// Partials may include partials; this deep is surely a loop.
const MAX_PARTIAL_DEPTH: usize = 8;

/// JSX names that are admonitions (`<Note title="…">`).
const JSX_ALERTS: &[&str] = &["Note", "Tip", "Info", "Warning", "Danger", "Caution", "Important", "Success", "Error"];

impl Scanner<'_> {
    /// MDX imports disappear; a default import of a `.mdx`/`.md` file is
    /// remembered so `<Name />` can inline it.
    pub(super) fn import(&mut self, start: usize, end: usize) -> usize {
        let mut stop = end;
        let mut line_start = start;
        // `import {\n A,\n B\n} from '…'` spans lines until `from` or a `;`;
        // a blank line ends it in any case (an unfinished `import {` must not
        // swallow the page). Only the newest line is searched each time.
        let ends = |text: &str| text.trim_end().ends_with(';');
        while !contains(&self.text.as_bytes()[line_start.saturating_sub(5).max(start)..stop], b" from ")
            && !ends(&self.text[line_start..stop])
            && stop < self.text.len()
        {
            let next = self.text[stop..].find('\n').map_or(self.text.len(), |i| stop + i + 1);
            if self.text[stop..next].trim().is_empty() {
                break;
            }
            line_start = stop;
            stop = next;
        }
        let statement = self.text[start..stop].trim().trim_end_matches(';').to_string();
        if let Some((what, from)) = statement.strip_prefix("import ").and_then(|s| s.split_once(" from ")) {
            let target = from.trim().trim_matches(['\'', '"']);
            let name = what.trim();
            let is_identifier = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_');
            if is_identifier && (target.ends_with(".mdx") || target.ends_with(".md")) {
                let base = self.path.parent().unwrap_or(Path::new("")).to_path_buf();
                self.partials.insert(name.to_string(), base.join(target));
            }
        }
        stop
    }
    /// MDX `{/* comment */}` disappears; other `{expression}`s cannot be
    /// evaluated and are left out with a warning.
    pub(super) fn jsx_expression(&mut self, pos: usize) -> Option<usize> {
        let close = self.brace_close(pos)?;
        let inner = self.text[pos + 1..close].trim();
        if inner.starts_with("/*") && inner.ends_with("*/") {
            return Some(close + 1);
        }
        let is_expression = !inner.is_empty()
            && inner.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '[' | ']' | '\'' | '"'));
        if !is_expression {
            return None;
        }
        self.warning(
            pos,
            format!("`{{{inner}}}` is an MDX expression Phare cannot compute: readers see nothing in its place"),
            "replace it with the text it stands for",
        );
        Some(close + 1)
    }
    /// Capitalised tags: MDX/JSX components.
    pub(super) fn jsx(&mut self, pos: usize) -> Option<usize> {
        let end = self.search.tag_end(&self.text, pos)?;
        let tag = self.text[pos..end].to_string();
        let line = self.line_at(pos);
        let closing = tag.starts_with("</");
        let inner = tag.trim_start_matches('<').trim_start_matches('/').trim_end_matches('>');
        let self_closing = inner.trim_end().ends_with('/');
        let inner = inner.trim_end().trim_end_matches('/');
        let name_len = inner.find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_')).unwrap_or(inner.len());
        let name = inner[..name_len].to_string();
        let pairs = attrs::parse(&inner[name_len..]);
        if closing {
            self.flush();
            if let Some(open) = self.unknown_open.get_mut(&name).filter(|open| **open > 0) {
                *open -= 1;
                return Some(end);
            }
            if !self.builder.close_or_mismatch(&Closer::Tag(name.clone()), &tag, line, &self.path, &mut self.problems) {
                self.error(
                    pos,
                    format!("`{tag}` closes nothing: no `<{name}>` is open here"),
                    "remove it, or add the opening tag above",
                );
            }
            return Some(end);
        }
        let text_attr = |key: &str| {
            pairs.iter().find(|(k, _)| k == key).and_then(|(_, v)| match v {
                Raw::Quoted(s) | Raw::Bare(s) => Some(s.clone()),
                _ => None,
            })
        };
        if JSX_ALERTS.contains(&name.as_str()) || name == "Admonition" {
            self.flush();
            // `<Admonition type="warning">` names its kind in an attribute.
            let kind = match name.as_str() {
                "Admonition" => text_attr("type").and_then(|t| alert_kind(&t)).unwrap_or("note"),
                other => alert_kind(other).unwrap_or("note"),
            };
            let mut component = Component::new("alert", line).with("kind", kind);
            if let Some(title) = text_attr("title") {
                component = component.with("title", title);
            }
            self.place(component, self_closing, name, tag);
            return Some(end);
        }
        match name.as_str() {
            "Details" | "Tabs" | "TabItem" | "Steps" | "Step" => {
                self.flush();
                let component_name = match name.as_str() {
                    "TabItem" => "tab".to_string(),
                    other => other.to_ascii_lowercase(),
                };
                let mut component = Component::new(&component_name, line);
                // `<Tabs values={[{label: 'Android', value: 'android'}]}>`
                // names its tabs; each `<TabItem value="android">` takes its label.
                if let Some((_, Raw::Expression(values))) = pairs.iter().find(|(k, _)| k == "values") {
                    let labels: serde_json::Map<String, serde_json::Value> = attrs::object_list(values)
                        .into_iter()
                        .filter_map(|fields| {
                            let get = |k: &str| fields.iter().find(|(f, _)| f == k).map(|(_, v)| v.clone());
                            Some((get("value")?, serde_json::Value::String(get("label")?)))
                        })
                        .collect();
                    component.attrs.insert("labels".into(), AttrValue::Data(serde_json::Value::Object(labels)));
                }
                let mut from_tabs = || {
                    let value = text_attr("value")?;
                    match self.builder.top()?.attrs.get("labels") {
                        Some(AttrValue::Data(labels)) => labels.get(&value)?.as_str().map(str::to_string),
                        _ => None,
                    }
                };
                let title = text_attr("title").or_else(|| text_attr("label")).or_else(|| text_attr("summary"));
                let title = match title {
                    Some(title) => Some(title),
                    None if name == "TabItem" => from_tabs().or_else(|| text_attr("value")),
                    None => None,
                };
                if let Some(title) = title {
                    component = component.with("title", title);
                }
                self.place(component, self_closing, name, tag);
                return Some(end);
            }
            "DocCardList" => {
                self.flush();
                let mut component = Component::new("cards", line);
                match pairs.iter().find(|(k, _)| k == "items") {
                    Some((_, Raw::Expression(expression))) => {
                        let items: Vec<serde_json::Value> = attrs::object_list(expression)
                            .into_iter()
                            .map(|fields| {
                                let get = |k: &str| fields.iter().find(|(f, _)| f == k).map(|(_, v)| v.clone()).unwrap_or_default();
                                serde_json::json!({ "title": get("label"), "href": get("href"), "description": get("description") })
                            })
                            .collect();
                        component.attrs.insert("items".into(), AttrValue::Data(serde_json::Value::Array(items)));
                    }
                    _ => component = component.with("siblings", "true"),
                }
                self.builder.leaf(component);
                return Some(end);
            }
            _ => {}
        }
        if let Some(partial) = self.partials.get(&name).cloned() {
            self.inline_partial(pos, &format!("<{name} />"), &partial);
            return Some(end);
        }
        let link = text_attr("to").or_else(|| text_attr("href")).or_else(|| text_attr("link"));
        if let Some(link) = link {
            if self_closing {
                let label = text_attr("label").or_else(|| text_attr("title")).unwrap_or_else(|| link.clone());
                self.push_text(&format!("[{label}]({link})"), pos);
                return Some(end);
            }
            let Some(close) = self.search.next_closing_tag(&self.text, &name, end) else {
                self.tag_text_until = end;
                return None;
            };
            let label = self.text[end..close].trim().to_string();
            self.push_text(&format!("[{label}]({link})"), pos);
            return Some(close + "</>".len() + name.len());
        }
        self.warning(
            pos,
            format!(
                "`<{name}>` is a component Phare does not know: {}",
                if self_closing {
                    "readers see nothing in its place"
                } else {
                    "readers see its content as ordinary text, without the component's look or behaviour"
                }
            ),
            "replace it with Markdown or a Phare component, or add it as a partial (`import Name from './_name.mdx'`)",
        );
        if !self_closing {
            *self.unknown_open.entry(name).or_default() += 1;
        }
        Some(end)
    }
    /// A JSX component: a leaf when self-closing (`<Note />`), else a
    /// block closed by its `</Name>`.
    fn place(&mut self, component: Component, self_closing: bool, name: String, tag: String) {
        if self_closing {
            self.builder.leaf(component);
        } else {
            self.builder.open(component, Closer::Tag(name), tag);
        }
    }

    /// Inlines another file's content (an MDX partial, a GitBook include).
    pub(super) fn inline_partial(&mut self, pos: usize, what: &str, path: &Path) {
        if self.depth >= MAX_PARTIAL_DEPTH {
            self.error(
                pos,
                format!("`{what}` includes files more than {MAX_PARTIAL_DEPTH} levels deep"),
                "check that the included files do not include each other",
            );
            return;
        }
        let text = match (self.input.read_partial)(path) {
            Ok(text) => text,
            Err(refused) => {
                // The path as the page wrote it, not joined to where the page is.
                let written = self.path.parent().and_then(|folder| path.strip_prefix(folder).ok()).unwrap_or(path);
                let message = if Path::new(what) == written {
                    format!("the included file `{what}` {}", refused.reason)
                } else {
                    format!("`{what}` includes {}, which {}", written.display(), refused.reason)
                };
                let hint = if refused.is_missing() { "check the path of the file to include" } else { refused.hint() };
                self.error(pos, message, hint);
                return;
            }
        };
        let (body, body_line) = strip_front_matter(&text);
        let nesting = self.builder.depth();
        let source = Source { path: path.to_path_buf(), text: body, first_line: body_line };
        let Some(sub) = self.sub_scanner(pos, source, nesting) else { return };
        let expanded = sub.run();
        self.problems.extend(expanded.problems);
        self.flush();
        for node in expanded.nodes {
            match node {
                Node::Markdown { text, line } => {
                    // Partial text keeps its own lines for messages, but
                    // joins this page's Markdown as a separate block.
                    self.builder.text(&format!("\n{text}\n"), line);
                }
                Node::Component(component) => self.builder.leaf(component),
            }
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

/// A partial's own front matter is dropped; returns its body and body line.
fn strip_front_matter(text: &str) -> (String, usize) {
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---")
    {
        let after = rest[end + 4..].trim_start_matches(['-']).strip_prefix('\n').unwrap_or(&rest[end + 4..]);
        let body_line = text[..text.len() - after.len()].matches('\n').count() + 1;
        return (after.to_string(), body_line);
    }
    (text.to_string(), 1)
}
