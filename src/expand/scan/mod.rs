//! One pass over an article body that finds every dialect construct and
//! builds the component tree. Code is never touched: fenced blocks and
//! inline code spans are copied as they are (except Docusaurus's
//! `mdx-code-block` fences, whose content is MDX to read). Whole-line
//! constructs are read in `lines.rs`, Liquid and GitBook tags in
//! `liquid.rs`, MDX in `mdx.rs`, raw HTML in `markup.rs`.
//!
//! The scan is linear in its input, whatever the input: every search for a
//! closer goes through [`search::Search`], which finds each kind of closer
//! once per text, and an opener never spans another opener of its kind.

mod lines;
mod liquid;
mod markup;
mod mdx;
mod search;

use std::cell::Cell;
use std::collections::HashMap;
use std::path::PathBuf;

use super::{Builder, ExpandInput, Expanded, MAX_EXPANDED_BYTES};
use crate::diagnostics::{Diagnostic, Severity};
use search::Search;

/// What a page's scanner and the scanners of what it includes share.
#[derive(Default)]
pub(super) struct Shared {
    /// Bytes of text scanned so far: the body, then captures and partials.
    expanded: Cell<usize>,
    /// Searching work of every scanner, for tests that check it grows
    /// linearly with the input.
    #[cfg(test)]
    work: Cell<usize>,
}

pub(super) struct Scanner<'a> {
    input: &'a ExpandInput<'a>,
    shared: &'a Shared,
    path: PathBuf,
    text: String,
    first_line: usize,
    depth: usize,
    search: Search,
    /// Line counting moves with the scan: (offset, line there).
    line_cursor: Cell<(usize, usize)>,
    builder: Builder,
    problems: Vec<Diagnostic>,
    pending: String,
    pending_line: usize,
    /// How much of `pending` was searched for a link's `](` already.
    pending_searched: usize,
    captures: HashMap<String, String>,
    partials: HashMap<String, PathBuf>,
    /// `</div>`s to drop: the GitBook `<div align>` wrappers of figures.
    wrapper_divs: usize,
    /// Open `mdx-code-block` fences (character, length).
    mdx_fences: Vec<(u8, usize)>,
    /// Unknown JSX components whose closing tag must disappear too, and
    /// how many of each are open.
    unknown_open: HashMap<String, usize>,
    /// A tag read but not used ends here; `<` before it are text, so
    /// tags inside its quotes or braces are not read one by one.
    tag_text_until: usize,
    /// Unclosed openers of each kind: the problem reporting the first, and
    /// how many more there are.
    unclosed: HashMap<&'static str, (usize, usize)>,
    is_mdx: bool,
}

/// Text to scan and where it comes from: its file, and the file line its
/// first line is on.
struct Source {
    path: PathBuf,
    text: String,
    first_line: usize,
}

impl<'a> Scanner<'a> {
    pub(super) fn new(input: &'a ExpandInput<'a>, shared: &'a Shared) -> Scanner<'a> {
        shared.expanded.set(shared.expanded.get() + input.body.len());
        let text = input.body.to_string();
        let source = Source { path: input.path.to_path_buf(), text, first_line: input.body_line };
        Scanner::for_text(input, shared, source, 0, 0)
    }

    fn for_text(
        input: &'a ExpandInput<'a>,
        shared: &'a Shared,
        source: Source,
        depth: usize,
        nesting: usize,
    ) -> Scanner<'a> {
        let Source { path, text, first_line } = source;
        let is_mdx = path.extension().is_some_and(|e| e == "mdx");
        Scanner {
            input,
            shared,
            line_cursor: Cell::new((0, 1)),
            path,
            text,
            first_line,
            depth,
            search: Search::default(),
            builder: Builder::new(nesting),
            problems: Vec::new(),
            pending: String::new(),
            pending_line: first_line,
            pending_searched: 0,
            captures: HashMap::new(),
            partials: HashMap::new(),
            wrapper_divs: 0,
            mdx_fences: Vec::new(),
            unknown_open: HashMap::new(),
            tag_text_until: 0,
            unclosed: HashMap::new(),
            is_mdx,
        }
    }

    /// A scanner for included text (a partial, a captured block) whose
    /// nodes go `nesting` blocks deep in this page. `None`, with an error,
    /// when the page would grow past [`MAX_EXPANDED_BYTES`]: a block
    /// included many times over must not make a page of gigabytes.
    fn sub_scanner(&mut self, pos: usize, source: Source, nesting: usize) -> Option<Scanner<'a>> {
        let expanded = self.shared.expanded.get() + source.text.len();
        if expanded > MAX_EXPANDED_BYTES {
            let message = format!(
                "with what it includes, this page would hold more than {} MB of text, the most Phare allows",
                MAX_EXPANDED_BYTES >> 20
            );
            self.report_once(
                "expanded",
                pos,
                Severity::Error,
                &message,
                "include this block fewer times, or split the page",
            );
            return None;
        }
        self.shared.expanded.set(expanded);
        Some(Scanner::for_text(self.input, self.shared, source, self.depth + 1, nesting))
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
        #[cfg(test)]
        self.shared.work.set(self.shared.work.get() + self.search.work());
        let mut problems = self.problems;
        for (index, more) in self.unclosed.into_values() {
            if more > 0 {
                problems[index].message.push_str(&format!(" (and {more} more like it below)"));
            }
        }
        let nodes = self.builder.finish(&self.path, &mut problems);
        Expanded { nodes, problems }
    }

    /// File line of a byte offset. Offsets mostly grow as the scan goes,
    /// so counting newlines from the last answer, forward or back, keeps
    /// this linear overall.
    fn line_at(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let (from, line) = self.line_cursor.get();
        let newlines =
            |range: std::ops::Range<usize>| self.text.as_bytes()[range].iter().filter(|b| **b == b'\n').count();
        let line = if offset >= from { line + newlines(from..offset) } else { line - newlines(offset..from) };
        self.line_cursor.set((offset, line));
        line + self.first_line - 1
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
        self.pending_searched = 0;
    }

    fn error(&mut self, offset: usize, message: String, hint: &str) {
        let line = self.line_at(offset);
        self.problems.push(Diagnostic::error(&self.path, line, 1, message).with_hint(hint));
    }

    fn warning(&mut self, offset: usize, message: String, hint: &str) {
        let line = self.line_at(offset);
        self.problems.push(Diagnostic::warning(&self.path, line, 1, message).with_hint(hint));
    }

    /// Reports the first problem of a `kind` (an opener never closed…) at
    /// `offset`; later ones only add to its count, since fixing the first
    /// often fixes the rest and thousands of lines would bury it.
    fn report_once(&mut self, kind: &'static str, offset: usize, severity: Severity, message: &str, hint: &str) {
        if let Some((_, more)) = self.unclosed.get_mut(kind) {
            *more += 1;
            return;
        }
        let line = self.line_at(offset);
        let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let column = self.text[line_start..offset].chars().count() + 1;
        let diagnostic = match severity {
            Severity::Error => Diagnostic::error(&self.path, line, column, message),
            Severity::Warning => Diagnostic::warning(&self.path, line, column, message),
        };
        self.unclosed.insert(kind, (self.problems.len(), 0));
        self.problems.push(diagnostic.with_hint(hint));
    }

    /// Offset of the first `needle` at or after `from`.
    fn find(&self, needle: &'static str, from: usize) -> Option<usize> {
        self.search.next(&self.text, needle, from)
    }

    /// The `}` closing the `{` at `pos`, unless another `{` comes first:
    /// then this one is text, and many `{` never share one `}` (reading
    /// the text before it once for each of them).
    fn brace_close(&self, pos: usize) -> Option<usize> {
        let close = self.find("}", pos + 1)?;
        match self.find("{", pos + 1) {
            Some(next) if next < close => None,
            _ => Some(close),
        }
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
                b'{' if self.text[pos..].starts_with("{hreflang=") || self.text[pos..].starts_with("{:hreflang=") => {
                    self.cross_language_link(pos, line_end)
                }
                // kramdown span attributes right after a link
                // (`[link](url){:target="_blank"}`) go to the Markdown stage,
                // which puts them on the link; elsewhere they style Jekyll's
                // own theme: never text, nothing to carry over.
                b'{' if self.text[pos..].starts_with("{:") && !follows_link(&self.text[..pos]) => {
                    self.find("}", pos).filter(|close| *close < line_end).map(|close| close + 1)
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
                    // The special characters are all ASCII: copy one byte's worth.
                    let text = &self.text[pos..pos + 1];
                    if self.pending.is_empty() {
                        self.pending_line = self.line_at(pos);
                    }
                    self.pending.push_str(text);
                    pos += 1;
                }
            }
        }
        line_end
    }

    /// `[English](/en/x/){hreflang=en}`: the link before it leaves the page's
    /// language on purpose. Its destination is marked for the link stage.
    fn cross_language_link(&mut self, pos: usize, line_end: usize) -> Option<usize> {
        let close = self.brace_close(pos).filter(|close| *close < line_end)?;
        let inner = self.text[pos + 1..close].trim_start_matches(':');
        let lang = inner.strip_prefix("hreflang=")?.trim().trim_matches(['"', '\'']).to_string();
        if !self.pending.ends_with(')') {
            return None;
        }
        // Only text added since the last look can hold the link's `](`
        // (a link already marked is not marked twice).
        let from = self.pending_searched.saturating_sub(1);
        let found = self.pending.as_bytes()[from..].windows(2).rposition(|pair| pair == b"](");
        self.pending_searched = self.pending.len();
        let link_open = from + found?;
        self.pending.insert_str(link_open + 2, &format!("{}{lang}:", crate::urls::CROSS_LANGUAGE));
        self.pending_searched = self.pending.len();
        Some(close + 1)
    }

    /// `` `code` `` is copied as is, so `{% x %}` inside code stays text. A
    /// run of backticks that nothing closes in its paragraph is text too.
    fn code_span(&mut self, pos: usize) -> Option<usize> {
        let run = self.text[pos..].bytes().take_while(|b| *b == b'`').count();
        let after = pos + run;
        let paragraph_end = self.find("\n\n", after).unwrap_or(self.text.len());
        let end = match self.search.next_backtick_run(&self.text, run, after, paragraph_end) {
            Some(close) => close + run,
            None => after,
        };
        let span = self.text[pos..end].to_string();
        self.push_text(&span, pos);
        Some(end)
    }
}

#[cfg(test)]
mod tests;

/// Whether `before` ends with a Markdown link's `](…)`: looked for within
/// the last few hundred bytes, so a line of many `){:` stays linear.
fn follows_link(before: &str) -> bool {
    if !before.ends_with(')') {
        return false;
    }
    let mut start = before.len().saturating_sub(512);
    while !before.is_char_boundary(start) {
        start += 1;
    }
    before[start..].contains("](")
}
