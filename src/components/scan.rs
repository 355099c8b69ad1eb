//! One pass over an article body that finds every dialect construct and
//! builds the component tree. Code is never touched: fenced blocks and
//! inline code spans are copied as they are (except Docusaurus's
//! `mdx-code-block` fences, whose content is MDX to read).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::attrs::{self, Raw};
use super::{AttrValue, Builder, Closer, Component, ExpandInput, Expanded, Node, alert_kind, html};
use crate::diagnostics::{Diagnostic, LineIndex};

/// Partials may include partials; this deep is surely a loop.
const MAX_PARTIAL_DEPTH: usize = 8;

/// Block names a `:::name` directive may use besides alert kinds.
const DIRECTIVE_COMPONENTS: &[&str] = &["details", "steps", "step", "tabs", "tab", "cards", "figure", "embed", "file"];

/// JSX names that are admonitions (`<Note title="…">`).
const JSX_ALERTS: &[&str] = &["Note", "Tip", "Info", "Warning", "Danger", "Caution", "Important", "Success", "Error"];

pub(super) struct Scanner<'a> {
    input: &'a ExpandInput<'a>,
    path: PathBuf,
    text: String,
    first_line: usize,
    depth: usize,
    lines: LineIndex,
    builder: Builder,
    problems: Vec<Diagnostic>,
    pending: String,
    pending_line: usize,
    captures: HashMap<String, String>,
    partials: HashMap<String, PathBuf>,
    /// `</div>`s to drop: the GitBook `<div align>` wrappers of figures.
    wrapper_divs: usize,
    /// Open `mdx-code-block` fences (character, length).
    mdx_fences: Vec<(u8, usize)>,
    /// Unknown JSX components whose closing tag must disappear too.
    unknown_open: Vec<String>,
    is_mdx: bool,
}

impl<'a> Scanner<'a> {
    pub(super) fn new(input: &'a ExpandInput<'a>, depth: usize) -> Scanner<'a> {
        Scanner::for_text(input, input.path.to_path_buf(), input.body.to_string(), input.body_line, depth)
    }

    fn for_text(
        input: &'a ExpandInput<'a>,
        path: PathBuf,
        text: String,
        first_line: usize,
        depth: usize,
    ) -> Scanner<'a> {
        let is_mdx = path.extension().is_some_and(|e| e == "mdx");
        Scanner {
            input,
            lines: LineIndex::new(&text),
            path,
            text,
            first_line,
            depth,
            builder: Builder::new(),
            problems: Vec::new(),
            pending: String::new(),
            pending_line: first_line,
            captures: HashMap::new(),
            partials: HashMap::new(),
            wrapper_divs: 0,
            mdx_fences: Vec::new(),
            unknown_open: Vec::new(),
            is_mdx,
        }
    }

    pub(super) fn run(mut self) -> Expanded {
        let mut pos = 0;
        while pos < self.text.len() {
            if pos == 0 || self.text.as_bytes()[pos - 1] == b'\n' {
                if let Some(next) = self.line_construct(pos) {
                    pos = next;
                    continue;
                }
            }
            pos = self.inline(pos);
        }
        self.flush();
        let mut problems = self.problems;
        let nodes = self.builder.finish(&self.path, &mut problems);
        Expanded { nodes, problems }
    }

    fn line_at(&self, offset: usize) -> usize {
        self.lines.position(&self.text, offset).0 + self.first_line - 1
    }

    fn push_text(&mut self, text: &str, offset: usize) {
        if self.pending.is_empty() {
            self.pending_line = self.line_at(offset);
        }
        self.pending.push_str(text);
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let text = std::mem::take(&mut self.pending);
            self.builder.text(&text, self.pending_line);
        }
    }

    fn error(&mut self, offset: usize, message: String, hint: &str) {
        let line = self.line_at(offset);
        self.problems.push(Diagnostic::error(&self.path, line, 1, message).with_hint(hint));
    }

    fn warning(&mut self, offset: usize, message: String, hint: &str) {
        let line = self.line_at(offset);
        self.problems.push(Diagnostic::warning(&self.path, line, 1, message).with_hint(hint));
    }

    /// Constructs that own whole lines: code fences, `:::` directives,
    /// MDX `import`/`export`, kramdown attribute lines, GitBook's lone `\`.
    /// Returns where scanning continues, or `None` for an ordinary line.
    fn line_construct(&mut self, start: usize) -> Option<usize> {
        let end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i + 1);
        let line = self.text[start..end].to_string();
        let lead = line.trim_start();
        let trimmed = line.trim();
        if let Some((fence_char, length, info)) = fence(lead) {
            if info.starts_with("mdx-code-block") {
                self.mdx_fences.push((fence_char, length));
                return Some(end);
            }
            if info.is_empty() && self.mdx_fences.last().is_some_and(|(c, n)| *c == fence_char && length >= *n) {
                self.mdx_fences.pop();
                return Some(end);
            }
            let close = self.code_block_end(end, fence_char, length);
            let code = self.text[start..close].to_string();
            self.push_text(&code, start);
            return Some(close);
        }
        if lead.starts_with(":::") {
            return Some(self.directive(start, end, trimmed));
        }
        if is_import(lead) {
            return Some(self.import(start, end));
        }
        if lead.starts_with("export ") && self.is_mdx {
            return Some(end);
        }
        if trimmed.starts_with("{:") && trimmed.ends_with('}') {
            let classes = kramdown_classes(&trimmed[2..trimmed.len() - 1]);
            if !classes.is_empty() {
                self.push_text(&format!("<!--phare:class {}-->\n", classes.join(" ")), start);
            }
            return Some(end);
        }
        if trimmed == "\\" {
            self.push_text("\n", start);
            return Some(end);
        }
        None
    }

    fn code_block_end(&self, from: usize, fence_char: u8, length: usize) -> usize {
        let mut pos = from;
        while pos < self.text.len() {
            let end = self.text[pos..].find('\n').map_or(self.text.len(), |i| pos + i + 1);
            if let Some((c, n, info)) = fence(self.text[pos..end].trim_start())
                && c == fence_char
                && n >= length
                && info.is_empty()
            {
                return end;
            }
            pos = end;
        }
        self.text.len()
    }

    /// `:::note Title`, `:::warning[Title]`, `::: tip Title`, `:::details{open}`, `:::`.
    fn directive(&mut self, start: usize, end: usize, trimmed: &str) -> usize {
        let colons = trimmed.bytes().take_while(|b| *b == b':').count();
        let rest = trimmed[colons..].trim();
        self.flush();
        if rest.is_empty() {
            let line = self.line_at(start);
            if !self.builder.close(&Closer::Colons(colons), trimmed, line, &self.path, &mut self.problems) {
                self.warning(
                    start,
                    format!("`{trimmed}` closes nothing: no `{trimmed}name` block is open"),
                    "remove it, or open the block it should close",
                );
            }
            return end;
        }
        let name_len = rest.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
        let (name, after) = (&rest[..name_len], rest[name_len..].trim());
        let line = self.line_at(start);
        let mut component = if let Some(kind) = alert_kind(name) {
            Component::new("alert", line).with("kind", kind)
        } else if DIRECTIVE_COMPONENTS.contains(&name.to_ascii_lowercase().as_str()) {
            Component::new(&name.to_ascii_lowercase(), line)
        } else {
            let known = super::ALERT_KINDS.iter().chain(DIRECTIVE_COMPONENTS).copied().collect::<Vec<_>>().join(", ");
            self.error(
                start,
                format!("`:::{name}` is not a kind of block Phare knows"),
                &format!("use one of: {known}, danger"),
            );
            Component::new("alert", line).with("kind", "note")
        };
        let (title, attributes) = directive_label(after);
        for (key, value) in attributes {
            let value = match value {
                Raw::Quoted(s) | Raw::Bare(s) | Raw::Expression(s) => s,
                Raw::Flag => "true".to_string(),
            };
            component.attrs.insert(key, AttrValue::Text(value));
        }
        if !title.is_empty() {
            component.attrs.insert("title".into(), AttrValue::Text(title));
        }
        self.builder.open(component, Closer::Colons(colons), trimmed.to_string());
        end
    }

    /// MDX imports disappear; a default import of a `.mdx`/`.md` file is
    /// remembered so `<Name />` can inline it.
    fn import(&mut self, start: usize, end: usize) -> usize {
        let mut stop = end;
        // `import {\n A,\n B\n} from '…'` spans lines until `from`.
        while !self.text[start..stop].contains(" from ")
            && !self.text[start..stop].trim_end().ends_with(';')
            && stop < self.text.len()
        {
            stop = self.text[stop..].find('\n').map_or(self.text.len(), |i| stop + i + 1);
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

    /// Scans from `pos` to the end of its line, handling inline constructs
    /// (some of which, like a Liquid tag, may run over several lines).
    fn inline(&mut self, mut pos: usize) -> usize {
        let line_end = self.text[pos..].find('\n').map_or(self.text.len(), |i| pos + i + 1);
        let heading_line = self.text[pos..line_end].trim_start().starts_with('#');
        while pos < line_end {
            let rest = &self.text[pos..line_end];
            let Some(found) = rest.find(['`', '{', '<', '&']) else {
                let text = rest.to_string();
                self.push_text(&text, pos);
                return line_end;
            };
            if found > 0 {
                let text = rest[..found].to_string();
                self.push_text(&text, pos);
                pos += found;
                continue;
            }
            let next = match self.text.as_bytes()[pos] {
                b'`' => self.code_span(pos),
                b'{' if self.text[pos..].starts_with("{%") => self.liquid_tag(pos),
                b'{' if self.text[pos..].starts_with("{{") => self.liquid_output(pos),
                // kramdown span attributes (`[link](url){:class="external"}`)
                // style Jekyll's own theme: never text, nothing to carry over.
                b'{' if self.text[pos..].starts_with("{:") => {
                    self.text[pos..line_end].find('}').map(|close| pos + close + 1)
                }
                b'{' if self.is_mdx && !heading_line => self.jsx_expression(pos),
                b'<' => self.angle(pos),
                b'&' if self.text[pos..].starts_with("&#x20;") => {
                    self.push_text(" ", pos);
                    Some(pos + "&#x20;".len())
                }
                _ => None,
            };
            match next {
                Some(next) => {
                    if next > line_end {
                        return next;
                    }
                    pos = next;
                }
                None => {
                    let c = self.text[pos..].chars().next().expect("inside the text");
                    self.push_text(&c.to_string(), pos);
                    pos += c.len_utf8();
                }
            }
        }
        line_end
    }

    /// `` `code` `` is copied as is, so `{% x %}` inside code stays text.
    fn code_span(&mut self, pos: usize) -> Option<usize> {
        let run = self.text[pos..].bytes().take_while(|b| *b == b'`').count();
        let marker = "`".repeat(run);
        let after = pos + run;
        let paragraph_end = self.text[after..].find("\n\n").map_or(self.text.len(), |i| after + i);
        let close = self.text[after..paragraph_end].find(&marker)? + after;
        let end = close + run;
        let span = self.text[pos..end].to_string();
        self.push_text(&span, pos);
        Some(end)
    }

    fn liquid_tag(&mut self, pos: usize) -> Option<usize> {
        let close = self.text[pos..].find("%}")? + pos;
        let end = close + 2;
        let inner = self.text[pos + 2..close].trim().trim_matches('-').trim().to_string();
        let raw = self.text[pos..end].to_string();
        let (name, args) = inner.split_once(char::is_whitespace).map_or((inner.as_str(), ""), |(n, a)| (n, a.trim()));
        let (name, args) = (name.to_string(), args.to_string());
        let line = self.line_at(pos);
        match name.as_str() {
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
                if !self.builder.close(&closer, &raw, line, &self.path, &mut self.problems) {
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

    fn kind_or_error(&mut self, pos: usize, kind: &str) -> &'static str {
        alert_kind(kind).unwrap_or_else(|| {
            self.error(
                pos,
                format!("`{kind}` is not a kind of alert Phare knows"),
                &format!("use one of: {}, danger", super::ALERT_KINDS.join(", ")),
            );
            "note"
        })
    }

    /// `{% capture name %}…{% endcapture %}`: the text is kept for an
    /// include's argument and not shown where it is written.
    fn capture(&mut self, pos: usize, end: usize, args: &str) -> usize {
        let Some((content_end, after)) = find_tag(&self.text, end, "endcapture") else {
            self.error(
                pos,
                "`{% capture %}` is never closed with `{% endcapture %}`".into(),
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

    fn raw(&mut self, pos: usize, end: usize) -> usize {
        match find_tag(&self.text, end, "endraw") {
            Some((content_end, after)) => {
                let content = self.text[end..content_end].to_string();
                self.push_text(&content, end);
                after
            }
            None => {
                self.error(pos, "`{% raw %}` is never closed with `{% endraw %}`".into(), "add `{% endraw %}`");
                end
            }
        }
    }

    fn skip_block(&mut self, end: usize, closing: &str) -> usize {
        find_tag(&self.text, end, closing).map_or(end, |(_, after)| after)
    }

    /// GitBook writes `{% embed url="…" %}Caption{% endembed %}` or the
    /// opening tag alone: when the next tag is the closing one, the text
    /// between is the caption. Returns it and where scanning goes on.
    fn block_caption(&self, end: usize, closing: &str) -> (String, usize) {
        let Some(next) = self.text[end..].find("{%").map(|i| end + i) else { return (String::new(), end) };
        match find_tag(&self.text, next, closing) {
            Some((start, after)) if start == next => (html::text_of(self.text[end..start].trim()), after),
            _ => (String::new(), end),
        }
    }

    /// `{% include alert.html type="info" content=captured %}` → component
    /// `alert`; any other `NAME.html` → component `NAME`.
    fn include(&mut self, pos: usize, args: &str, line: usize) {
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
                Raw::Quoted(text) => {
                    component.attrs.insert(key, AttrValue::Text(text));
                }
                Raw::Bare(variable) => {
                    if let Some(captured) = self.captures.get(&variable).cloned() {
                        let (captured_line, text) = captured.split_once('\u{0}').unwrap_or(("1", &captured));
                        if key == "content" {
                            let sub = Scanner::for_text(
                                self.input,
                                self.path.clone(),
                                text.to_string(),
                                captured_line.parse().unwrap_or(line),
                                self.depth + 1,
                            );
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
    fn liquid_output(&mut self, pos: usize) -> Option<usize> {
        let close = self.text[pos..].find("}}")? + pos;
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

    /// MDX `{/* comment */}` disappears; other `{expression}`s cannot be
    /// evaluated and are left out with a warning.
    fn jsx_expression(&mut self, pos: usize) -> Option<usize> {
        let rest = &self.text[pos..];
        let close = rest.find('}')?;
        let inner = rest[1..close].trim();
        if inner.starts_with("/*") && inner.ends_with("*/") {
            return Some(pos + close + 1);
        }
        let is_expression = !inner.is_empty()
            && inner.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '[' | ']' | '\'' | '"'));
        if !is_expression {
            return None;
        }
        self.warning(
            pos,
            format!("`{{{inner}}}` is an MDX expression Phare cannot compute; it is left out"),
            "replace it with the text it stands for",
        );
        Some(pos + close + 1)
    }

    fn angle(&mut self, pos: usize) -> Option<usize> {
        let rest = &self.text[pos..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(self.text.len(), |i| pos + i + 3);
            let comment = self.text[pos..end].to_string();
            self.push_text(&comment, pos);
            return Some(end);
        }
        let lower: String = rest.chars().take(24).collect::<String>().to_ascii_lowercase();
        let next = rest.as_bytes().get(1).copied().unwrap_or(b' ');
        if next.is_ascii_uppercase() || (next == b'/' && rest.as_bytes().get(2).is_some_and(u8::is_ascii_uppercase)) {
            return self.jsx(pos);
        }
        if lower.starts_with("<details") && matches!(lower.as_bytes().get(8), Some(b' ' | b'>' | b'\n')) {
            self.flush();
            let end = attrs::tag_end(&self.text, pos)?;
            let tag = self.text[pos..end].to_string();
            let line = self.line_at(pos);
            let mut component = Component::new("details", line);
            if html::tag_attrs(&tag, "details").is_some_and(|a| a.iter().any(|(k, _)| k == "open")) {
                component = component.with("open", "true");
            }
            self.builder.open(component, Closer::Tag("details".into()), tag);
            return Some(end);
        }
        if lower.starts_with("</details>") {
            self.flush();
            let line = self.line_at(pos);
            if self.builder.close(&Closer::Tag("details".into()), "</details>", line, &self.path, &mut self.problems) {
                return Some(pos + "</details>".len());
            }
            return None;
        }
        if lower.starts_with("<summary") {
            let close = self.text[pos..].to_ascii_lowercase().find("</summary>")? + pos;
            let inner_start = attrs::tag_end(&self.text, pos)?;
            let title = html::text_of(&self.text[inner_start..close]);
            // `<summary>### Question \{#id}</summary>`: the id is not text.
            let title = match crate::markdown::trailing_id(&title) {
                Some((text, _)) => text.trim_end_matches('\\').trim_end().to_string(),
                None => title,
            };
            let top = self.builder.top().filter(|c| c.name == "details" && c.attr("title").is_none());
            let top = top?;
            top.attrs.insert("title".into(), AttrValue::Text(title));
            return Some(close + "</summary>".len());
        }
        if lower.starts_with("<figure") {
            let close = self.text[pos..].to_ascii_lowercase().find("</figure>")? + pos + "</figure>".len();
            let line = self.line_at(pos);
            let figure = html::figure(&self.text[pos..close], line)?;
            self.flush();
            self.builder.leaf(figure);
            return Some(close);
        }
        if lower.starts_with("<div") && lower.contains("align") {
            let end = attrs::tag_end(&self.text, pos)?;
            if self.text[end..].trim_start().to_ascii_lowercase().starts_with("<figure") {
                self.wrapper_divs += 1;
                return Some(end);
            }
            return None;
        }
        if lower.starts_with("</div>") && self.wrapper_divs > 0 {
            self.wrapper_divs -= 1;
            return Some(pos + "</div>".len());
        }
        if lower.starts_with("<table") {
            let end = attrs::tag_end(&self.text, pos)?;
            let is_cards = html::tag_attrs(&self.text[pos..end], "table")
                .is_some_and(|a| html::attr(&a, "data-view") == Some("cards"));
            if !is_cards {
                return None;
            }
            let close = self.text[pos..].to_ascii_lowercase().find("</table>")? + pos + "</table>".len();
            let line = self.line_at(pos);
            let cards = html::cards_table(&self.text[pos..close], line);
            self.flush();
            self.builder.leaf(cards);
            return Some(close);
        }
        None
    }

    /// Capitalised tags: MDX/JSX components.
    fn jsx(&mut self, pos: usize) -> Option<usize> {
        let end = attrs::tag_end(&self.text, pos)?;
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
            if let Some(index) = self.unknown_open.iter().rposition(|n| *n == name) {
                self.unknown_open.remove(index);
                return Some(end);
            }
            if !self.builder.close(&Closer::Tag(name.clone()), &tag, line, &self.path, &mut self.problems) {
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
        if JSX_ALERTS.contains(&name.as_str()) {
            self.flush();
            let kind = alert_kind(&name).unwrap_or("note");
            let mut component = Component::new("alert", line).with("kind", kind);
            if let Some(title) = text_attr("title") {
                component = component.with("title", title);
            }
            if self_closing {
                self.builder.leaf(component);
            } else {
                self.builder.open(component, Closer::Tag(name), tag);
            }
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
                if let Some(title) = text_attr("title").or_else(|| text_attr("label")).or_else(|| text_attr("summary"))
                {
                    component = component.with("title", title);
                }
                if self_closing {
                    self.builder.leaf(component);
                } else {
                    self.builder.open(component, Closer::Tag(name), tag);
                }
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
            let close_tag = format!("</{name}>");
            let close = self.text[end..].find(&close_tag)? + end;
            let label = self.text[end..close].trim().to_string();
            self.push_text(&format!("[{label}]({link})"), pos);
            return Some(close + close_tag.len());
        }
        self.warning(
            pos,
            format!(
                "`<{name}>` is a component Phare does not know: {}",
                if self_closing { "it is left out" } else { "its content is shown without it" }
            ),
            "replace it with Markdown or a Phare component, or add it as a partial (`import Name from './_name.mdx'`)",
        );
        if !self_closing {
            self.unknown_open.push(name);
        }
        Some(end)
    }

    /// Inlines another file's content (an MDX partial, a GitBook include).
    fn inline_partial(&mut self, pos: usize, what: &str, path: &Path) {
        if self.depth >= MAX_PARTIAL_DEPTH {
            self.error(
                pos,
                format!("`{what}` includes files more than {MAX_PARTIAL_DEPTH} levels deep"),
                "check that the included files do not include each other",
            );
            return;
        }
        let Some(text) = (self.input.read_partial)(path) else {
            self.error(
                pos,
                format!("`{what}` includes {}, which cannot be read", path.display()),
                "check the path of the file to include",
            );
            return;
        };
        let (body, body_line) = strip_front_matter(&text);
        let sub = Scanner::for_text(self.input, path.to_path_buf(), body, body_line, self.depth + 1);
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

const KNOWN_LIQUID_BLOCKS: &[&str] = &["hint", "stepper", "step", "tabs", "tab", "content-ref", "capture", "raw"];

/// A fence line: its character, length and info string.
fn fence(lead: &str) -> Option<(u8, usize, String)> {
    let first = *lead.as_bytes().first()?;
    if first != b'`' && first != b'~' {
        return None;
    }
    let length = lead.bytes().take_while(|b| *b == first).count();
    if length < 3 {
        return None;
    }
    Some((first, length, lead[length..].trim().to_string()))
}

fn is_import(lead: &str) -> bool {
    lead.starts_with("import ")
        && (lead.contains(" from ")
            || lead.starts_with("import '")
            || lead.starts_with("import \"")
            || lead.trim_end().ends_with('{'))
}

/// `{: .a .b}` or `{:class="a b"}` → `["a", "b"]`.
fn kramdown_classes(inner: &str) -> Vec<String> {
    let mut classes = Vec::new();
    for (key, value) in attrs::parse(inner) {
        if let Some(class) = key.strip_prefix('.') {
            classes.push(class.to_string());
        } else if key == "class"
            && let Raw::Quoted(v) | Raw::Bare(v) = value
        {
            classes.extend(v.split_whitespace().map(str::to_string));
        }
    }
    classes
}

/// `[Title]`, `{key=value}` and plain text after a directive name.
fn directive_label(after: &str) -> (String, Vec<(String, Raw)>) {
    let mut title = String::new();
    let mut attributes = Vec::new();
    let mut rest = after.trim();
    if let Some(inner) = rest.strip_prefix('[')
        && let Some(close) = inner.find(']')
    {
        title = inner[..close].trim().to_string();
        rest = inner[close + 1..].trim();
    }
    if let Some(inner) = rest.strip_prefix('{')
        && let Some(close) = inner.rfind('}')
    {
        attributes = attrs::parse(&inner[..close]);
        rest = inner[close + 1..].trim();
    }
    if title.is_empty() {
        title = rest.to_string();
    }
    (title, attributes)
}

/// The value of `key="…"` in Liquid tag arguments.
fn attribute(args: &str, key: &str) -> Option<String> {
    attrs::parse(args).into_iter().find(|(k, _)| k == key).and_then(|(_, v)| match v {
        Raw::Quoted(s) | Raw::Bare(s) => Some(s),
        _ => None,
    })
}

/// Start of the `{% name %}` tag at or after `from`, and the offset after it.
fn find_tag(text: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let mut search = from;
    while let Some(found) = text[search..].find("{%") {
        let start = search + found;
        let close = text[start..].find("%}")? + start;
        let inner = text[start + 2..close].trim().trim_matches('-').trim();
        if inner == name {
            return Some((start, close + 2));
        }
        search = close + 2;
    }
    None
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
