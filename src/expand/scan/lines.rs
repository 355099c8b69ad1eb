//! Constructs that own whole lines: code fences (copied as they are, except
//! Docusaurus's `mdx-code-block`), `:::` directives and `::` leaf
//! directives, MDX `import`/`export`, kramdown attribute lines, GitBook's
//! lone `\`.

use super::Scanner;
use crate::expand::attrs::{self, Raw};
use crate::expand::{AttrValue, Closer, Component, alert_kind};

/// Block names a `:::name` directive may use besides alert kinds.
const DIRECTIVE_COMPONENTS: &[&str] = &["details", "steps", "step", "tabs", "tab", "cards", "figure", "embed", "file"];

/// "Did you mean" when a known name is a typo away, then what writers can
/// type, grouped as they think of it.
fn unknown_block_hint(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let names = crate::expand::ALERT_KINDS.iter().chain(DIRECTIVE_COMPONENTS).chain(&["danger", "check"]);
    let nearest = names
        .map(|known| (strsim::damerau_levenshtein(&lower, known), *known))
        .filter(|(distance, known)| *distance <= 2 && *distance < known.len())
        .min();
    let known = format!(
        "alerts: {}, danger; blocks: details, steps (with step inside), tabs (with tab inside), cards, figure, embed, file",
        crate::expand::ALERT_KINDS.join(", ")
    );
    match nearest {
        Some((_, near)) => format!("did you mean `:::{near}`? Phare knows {known}"),
        None => format!("Phare knows {known}"),
    }
}

impl Scanner<'_> {
    /// Constructs that own whole lines: code fences, `:::` directives,
    /// MDX `import`/`export`, kramdown attribute lines, GitBook's lone `\`.
    /// Returns where scanning continues, or `None` for an ordinary line.
    pub(super) fn line_construct(&mut self, start: usize) -> Option<usize> {
        let first = self.text.as_bytes()[start..].iter().find(|b| **b != b' ' && **b != b'\t').copied()?;
        // Most lines start with a letter: nothing to do here.
        if !matches!(first, b'`' | b'~' | b':' | b'i' | b'e' | b'{' | b'\\') {
            return None;
        }
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
        if lead.starts_with("::") && lead[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            return Some(self.leaf_directive(start, end, trimmed));
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
                // kramdown: right under a block, the line is that block's;
                // after a blank line, it belongs to the block that follows.
                let before = self.text[..start].strip_suffix('\n').unwrap_or("");
                let after_blank = before.rsplit('\n').next().is_none_or(|line| line.trim().is_empty());
                let which = if after_blank { "class-next" } else { "class" };
                self.push_text(&format!("<!--phare:{which} {}-->\n", classes.join(" ")), start);
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
            if !self.builder.close_or_mismatch(&Closer::Colons(colons), trimmed, line, &self.path, &mut self.problems) {
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
        let indent = self.text[start..].bytes().take_while(|b| *b == b' ').count();
        let mut component = if let Some(kind) = alert_kind(name) {
            Component::new("alert", line).with("kind", kind)
        } else if DIRECTIVE_COMPONENTS.contains(&name.to_ascii_lowercase().as_str()) {
            Component::new(&name.to_ascii_lowercase(), line)
        } else {
            self.error(start, format!("`:::{name}` is not a kind of block Phare knows"), &unknown_block_hint(name));
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
        component.indent = indent;
        self.builder.open(component, Closer::Colons(colons), trimmed.to_string());
        end
    }

    /// `::figure[Caption]{src="x.svg" alt="…"}`, `::embed[Title]{url="…"}`,
    /// `::file[Caption]{src="…"}`: one-line components with no body.
    fn leaf_directive(&mut self, start: usize, end: usize, trimmed: &str) -> usize {
        let rest = &trimmed[2..];
        let name_len = rest.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        if !LEAF_DIRECTIVES.contains(&name.as_str()) {
            self.error(
                start,
                format!("`::{name}` is not a one-line component Phare knows"),
                &format!("use one of: {} (blocks with a body use three colons, `:::name`)", LEAF_DIRECTIVES.join(", ")),
            );
            return end;
        }
        let (label, attributes) = directive_label(&rest[name_len..]);
        let line = self.line_at(start);
        let mut component = Component::new(&name, line);
        for (key, value) in attributes {
            if let Raw::Quoted(v) | Raw::Bare(v) = value {
                component.attrs.insert(key, AttrValue::Text(v));
            }
        }
        if !label.is_empty() {
            let key = if name == "embed" { "title" } else { "caption" };
            // Captions are HTML in templates (GitBook's `<figcaption>`), so
            // the plain-text label is escaped here.
            let value = if key == "caption" { crate::markdown::escape(&label) } else { label };
            component.attrs.entry(key.into()).or_insert(AttrValue::Text(value));
        }
        self.flush();
        self.builder.leaf(component);
        end
    }
}

const LEAF_DIRECTIVES: &[&str] = &["figure", "embed", "file"];

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
