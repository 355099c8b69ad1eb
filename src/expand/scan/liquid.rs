//! Liquid (Jekyll, login.gov) and GitBook tags: `{% … %}` blocks, includes
//! and captures, `{{ … }}` outputs.

use std::path::Path;

use super::{Scanner, Source};
use crate::diagnostics::Severity;
use crate::expand::attrs::{self, Raw};
use crate::expand::{AttrValue, Closer, Component, Node, alert_kind, html};

const KNOWN_LIQUID_BLOCKS: &[&str] = &["hint", "stepper", "step", "tabs", "tab", "content-ref", "capture", "raw"];

impl Scanner<'_> {
    pub(super) fn liquid_tag(&mut self, pos: usize) -> Option<usize> {
        let Some(close) = self.closer(pos, "{%", "%}") else {
            self.report_once(
                "{%",
                pos,
                Severity::Warning,
                "`{%` starts a Liquid tag that is never closed with `%}`, so it is shown as text",
                "close the tag with `%}`, or remove the `{%`",
            );
            return None;
        };
        let end = close + 2;
        let inner = self.text[pos + 2..close].trim().trim_matches('-').trim().to_string();
        let raw = self.text[pos..end].to_string();
        let (name, args) = inner.split_once(char::is_whitespace).map_or((inner.as_str(), ""), |(n, a)| (n, a.trim()));
        let (name, args) = (name.to_string(), args.to_string());
        let line = self.line_at(pos);
        match name.as_str() {
            "" => self.warning(pos, format!("`{raw}` is an empty Liquid tag; it is left out"), "remove it"),
            "capture" => return Some(self.capture(pos, end, &args)),
            "raw" => return Some(self.raw(pos, end)),
            "comment" => return Some(self.skip_block(end, "endcomment")),
            "include" => {
                self.flush();
                self.include(pos, &args, line);
            }
            "hint" => {
                self.flush();
                let style = attribute(&args, "style").unwrap_or_else(|| "info".into());
                let kind = self.kind_or_error(pos, &style);
                self.builder.open(Component::new("alert", line).with("kind", kind), Closer::Liquid(name), raw);
            }
            "stepper" | "tabs" | "step" | "tab" | "content-ref" => {
                self.flush();
                let component_name = match name.as_str() {
                    "stepper" => "steps",
                    "content-ref" => "cards",
                    other => other,
                };
                let mut component = Component::new(component_name, line);
                for (key, value) in attrs::parse(&args) {
                    if let Raw::Quoted(v) | Raw::Bare(v) = value {
                        component.attrs.insert(key, AttrValue::Text(v));
                    }
                }
                self.builder.open(component, Closer::Liquid(name), raw);
            }
            "embed" => {
                self.flush();
                let url = attribute(&args, "url").unwrap_or_default();
                let mut component = Component::new("embed", line).with("url", url);
                if let Some(caption) = attribute(&args, "caption") {
                    component = component.with("title", caption);
                }
                let (caption, after) = self.block_caption(end, "endembed");
                if !caption.is_empty() && component.attr("title").is_none() {
                    component = component.with("title", caption);
                }
                self.builder.leaf(component);
                return Some(after);
            }
            "file" => {
                self.flush();
                let mut component =
                    Component::new("file", line).with("src", attribute(&args, "src").unwrap_or_default());
                if let Some(caption) = attribute(&args, "caption") {
                    component = component.with("caption", caption);
                }
                let (caption, after) = self.block_caption(end, "endfile");
                if !caption.is_empty() && component.attr("caption").is_none() {
                    component = component.with("caption", caption);
                }
                self.builder.leaf(component);

                if after == end {
                    self.warning(
                        pos,
                        "`{% file %}` has no `{% endfile %}`; the file block is taken to end here".into(),
                        "add `{% endfile %}` after the tag",
                    );
                }
                return Some(after);
            }
            "endfile" | "endembed" => {}
            closing if closing.starts_with("end") => {
                self.flush();
                let opened = closing[3..].to_string();
                let closer = Closer::Liquid(opened.clone());
                if !self.builder.close_or_mismatch(&closer, &raw, line, &self.path, &mut self.problems) {
                    if KNOWN_LIQUID_BLOCKS.contains(&opened.as_str()) {
                        self.error(
                            pos,
                            format!("`{raw}` closes nothing: no `{{% {opened} %}}` is open here"),
                            "remove it, or add the opening tag above",
                        );
                    } else {
                        self.warning(
                            pos,
                            format!("`{raw}` is a Liquid tag Phare does not know; it is left out"),
                            "remove it, or write the content in Markdown",
                        );
                    }
                }
            }
            other => {
                self.warning(
                    pos,
                    format!(
                        "`{{% {other} %}}` is a Liquid tag Phare does not know; it is left out and its content kept"
                    ),
                    "remove the tag, or write this part in Markdown",
                );
            }
        }
        Some(end)
    }
    /// The `close` ending the opener at `pos`, unless another `open` comes
    /// first: an opener never spans another, so a stray `{%` cannot swallow
    /// the text up to the next tag's `%}`.
    fn closer(&self, pos: usize, open: &'static str, close: &'static str) -> Option<usize> {
        let found = self.find(close, pos + open.len())?;
        match self.find(open, pos + open.len()) {
            Some(next) if next < found => None,
            _ => Some(found),
        }
    }

    pub(super) fn kind_or_error(&mut self, pos: usize, kind: &str) -> &'static str {
        alert_kind(kind).unwrap_or_else(|| {
            self.error(
                pos,
                format!("`{kind}` is not a kind of alert Phare knows"),
                &format!("use one of: {}, danger", crate::expand::ALERT_KINDS.join(", ")),
            );
            "note"
        })
    }
    /// `{% capture name %}…{% endcapture %}`: the text is kept for an
    /// include's argument and not shown where it is written.
    pub(super) fn capture(&mut self, pos: usize, end: usize, args: &str) -> usize {
        let Some((content_end, after)) = self.search.liquid_tag_named(&self.text, end, "endcapture") else {
            self.report_once(
                "capture",
                pos,
                Severity::Error,
                "`{% capture %}` is never closed with `{% endcapture %}`",
                "add `{% endcapture %}` after the captured text",
            );
            return end;
        };
        let name = args.trim().to_string();
        let content = self.text[end..content_end].to_string();
        let line = self.line_at(end);
        self.captures.insert(name, format!("{}\u{0}{content}", line));
        after
    }
    pub(super) fn raw(&mut self, pos: usize, end: usize) -> usize {
        match self.search.liquid_tag_named(&self.text, end, "endraw") {
            Some((content_end, after)) => {
                let content = self.text[end..content_end].to_string();
                self.push_text(&content, end);
                after
            }
            None => {
                self.report_once(
                    "raw",
                    pos,
                    Severity::Error,
                    "`{% raw %}` is never closed with `{% endraw %}`",
                    "add `{% endraw %}`",
                );
                end
            }
        }
    }
    pub(super) fn skip_block(&mut self, end: usize, closing: &'static str) -> usize {
        self.search.liquid_tag_named(&self.text, end, closing).map_or(end, |(_, after)| after)
    }
    /// GitBook writes `{% embed url="…" %}Caption{% endembed %}` or the
    /// opening tag alone: when the next tag is the closing one, the text
    /// between is the caption. Returns it and where scanning goes on.
    pub(super) fn block_caption(&self, end: usize, closing: &str) -> (String, usize) {
        match self.search.next_liquid_tag(&self.text, end) {
            Some((start, close)) if tag_name(&self.text[start + 2..close]) == closing => {
                (html::text_of(self.text[end..start].trim()), close + 2)
            }
            _ => (String::new(), end),
        }
    }
    /// `{% include alert.html type="info" content=captured %}` → component
    /// `alert`; any other `NAME.html` → component `NAME`.
    pub(super) fn include(&mut self, pos: usize, args: &str, line: usize) {
        let (file, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
        let file = file.trim_matches(['"', '\'']);
        if file.ends_with(".md") {
            // GitBook reusable content: a Markdown file included in place.
            let path = self.path.parent().unwrap_or(Path::new("")).join(file);
            self.inline_partial(pos, file, &path);
            return;
        }
        let name = Path::new(file).file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        let mut component = Component::new(&name, line);
        component.attrs.insert("include".into(), AttrValue::Text(file.to_string()));
        for (key, value) in attrs::parse(rest) {
            match value {
                // `content="Text"`: the alert's body, written in place.
                Raw::Quoted(text) if key == "content" => {
                    component.body = vec![Node::Markdown { text, line }];
                }
                Raw::Quoted(text) => {
                    component.attrs.insert(key, AttrValue::Text(text));
                }
                Raw::Bare(variable) => {
                    if let Some(captured) = self.captures.get(&variable).cloned() {
                        let (captured_line, text) = captured.split_once('\u{0}').unwrap_or(("1", &captured));
                        if key == "content" {
                            let first_line = captured_line.parse().unwrap_or(line);
                            // The captured blocks sit inside the include's component.
                            let nesting = self.builder.depth() + 1;
                            let path = self.path.clone();
                            let source = Source { path, text: text.to_string(), first_line };
                            let source = match component.attr("type") {
                                Some(kind) if name == "alert" => {
                                    let kept = absorb_label(&source.text, alert_kind(kind).unwrap_or("info"));
                                    // What was left out is a prefix: its lines still count.
                                    let cut = source.text.len() - kept.len();
                                    let first_line = source.first_line + source.text[..cut].matches('\n').count();
                                    Source { text: kept, first_line, ..source }
                                }
                                _ => source,
                            };
                            let Some(sub) = self.sub_scanner(pos, source, nesting) else {
                                continue;
                            };
                            let expanded = sub.run();
                            self.problems.extend(expanded.problems);
                            component.body = expanded.nodes;
                        } else {
                            component.attrs.insert(key, AttrValue::Text(text.trim().to_string()));
                        }
                    } else if let Some(field) = variable.strip_prefix("page.") {
                        match self.input.page.get(field) {
                            Some(value) => {
                                component.attrs.insert(key, AttrValue::Data(value.clone()));
                            }
                            None => self.warning(
                                pos,
                                format!("`{variable}` is not in this page's front matter"),
                                &format!("add `{field}:` to the front matter, or remove `{key}=` from the include"),
                            ),
                        }
                    } else {
                        component.attrs.insert(key, AttrValue::Text(variable));
                    }
                }
                Raw::Expression(text) => {
                    component.attrs.insert(key, AttrValue::Text(text));
                }
                Raw::Flag => {
                    component.attrs.insert(key, AttrValue::Text("true".into()));
                }
            }
        }
        if name == "alert" {
            let kind = component.attr("type").unwrap_or("info").to_string();
            let kind = self.kind_or_error(pos, &kind);
            component.attrs.insert("kind".into(), AttrValue::Text(kind.into()));
        }
        self.builder.leaf(component);
    }
    /// `{{ site.baseurl }}` is the site root (links are made relative later);
    /// `{{ page.field }}` is the front-matter value.
    pub(super) fn liquid_output(&mut self, pos: usize) -> Option<usize> {
        let Some(close) = self.closer(pos, "{{", "}}") else {
            self.report_once(
                "{{",
                pos,
                Severity::Warning,
                "`{{` starts a Liquid output that is never closed with `}}`, so it is shown as text",
                "close it with `}}`, or remove the `{{`",
            );
            return None;
        };
        let end = close + 2;
        let expression = self.text[pos + 2..close].trim().trim_matches('-').trim().to_string();
        let base = expression.split('|').next().unwrap_or_default().trim().to_string();
        match base.as_str() {
            "site.baseurl" | "site.url" | "site.base_url" => {}
            field if field.starts_with("page.") => match self.input.page.get(&field[5..]) {
                Some(serde_json::Value::String(text)) => self.push_text(&text.clone(), pos),
                Some(other @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => {
                    self.push_text(&other.to_string(), pos)
                }
                _ => self.warning(
                    pos,
                    format!("`{{{{ {expression} }}}}`: this page's front matter has no `{}`", &field[5..]),
                    "add it to the front matter, or remove the expression",
                ),
            },
            _ => self.warning(
                pos,
                format!("`{{{{ {expression} }}}}` cannot be computed by Phare, so it is left out"),
                "replace it with the text it stands for",
            ),
        }
        Some(end)
    }
}

/// The value of `key="…"` in Liquid tag arguments.
fn attribute(args: &str, key: &str) -> Option<String> {
    attrs::parse(args).into_iter().find(|(k, _)| k == key).and_then(|(_, v)| match v {
        Raw::Quoted(s) | Raw::Bare(s) => Some(s),
        _ => None,
    })
}

/// `name` of a Liquid tag's inside ` name args `, `- name -`.
pub(super) fn tag_name(inside: &str) -> &str {
    let inner = inside.trim().trim_matches('-').trim();
    inner.split_once(char::is_whitespace).map_or(inner, |(name, _)| name)
}

/// Words writers put in bold at the start of an alert to name its kind,
/// in English and French, with the kind each names.
const ALERT_LABELS: &[(&str, &str)] = &[
    ("info", "info"),
    ("information", "info"),
    ("note", "note"),
    ("remarque", "note"),
    ("tip", "tip"),
    ("conseil", "tip"),
    ("astuce", "tip"),
    ("warning", "warning"),
    ("avertissement", "warning"),
    ("attention", "warning"),
    ("important", "important"),
    ("caution", "caution"),
    ("mise en garde", "caution"),
    ("error", "error"),
    ("erreur", "error"),
    ("danger", "error"),
    ("success", "success"),
    ("succès", "success"),
];

/// An alert's body without a leading bold label that repeats its kind
/// (`**Info :**` in an info alert): the theme already shows the kind's
/// label, so it would read twice.
pub(super) fn absorb_label(body: &str, kind: &str) -> String {
    let trimmed = body.trim_start();
    let Some(rest) = trimmed.strip_prefix("**") else { return body.to_string() };
    let Some(end) = rest.find("**").filter(|end| *end <= 40) else { return body.to_string() };
    let label = rest[..end].trim().trim_end_matches([':', '\u{a0}', '\u{202f}', ' ']).trim().to_lowercase();
    let names_kind = ALERT_LABELS.iter().any(|(word, of)| *word == label && *of == kind);
    let after = &rest[end + 2..];
    let after = after.trim_start_matches([':', ' ', '\u{a0}', '\u{202f}']);
    if !names_kind {
        return body.to_string();
    }
    // A hard break (two spaces or `\\`) may end the label's line.
    after.trim_start_matches('\\').trim_start().to_string()
}
