//! Showing diagnostics to people: rustc-style, with the offending line
//! quoted and a caret under the column (rendered by `annotate-snippets`),
//! in colour on a terminal unless `NO_COLOR` or `--color never` says
//! otherwise; warnings hidden by `--quiet`; paths relative to the current
//! folder.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use annotate_snippets::{Level, Renderer, Snippet};
use phare::{Diagnostic, Severity};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set.
    #[default]
    Auto,
    Always,
    Never,
}

/// Chosen once per run, from `--color` (colour is a property of the whole
/// process, like the terminal it writes to).
static COLOR: OnceLock<ColorChoice> = OnceLock::new();

pub(super) fn set_color(choice: ColorChoice) {
    let _ = COLOR.set(choice);
}

/// Whether to colour what goes to this stream.
pub(super) fn colored(stream_is_terminal: bool) -> bool {
    match COLOR.get().copied().unwrap_or_default() {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

pub(super) fn print_diagnostics(diagnostics: &[Diagnostic], verbosity: Verbosity) {
    let color = colored(std::io::stderr().is_terminal());
    let mut sources = Sources::default();
    for diagnostic in diagnostics {
        if verbosity == Verbosity::Quiet && diagnostic.severity == Severity::Warning {
            continue;
        }
        eprintln!("{}\n", render(diagnostic, color, &mut sources));
    }
}

/// The files diagnostics point into, each read and split into lines once
/// per run, for quoting. A long line's character positions are found once
/// too, so a thousand problems on one huge line cost a thousand short
/// quotes, not a thousand scans of the line.
#[derive(Default)]
pub(super) struct Sources(HashMap<PathBuf, Option<SourceFile>>);

struct SourceFile {
    lines: Vec<String>,
    /// Line number → byte offset of each of its characters (long lines only).
    char_starts: HashMap<usize, Vec<usize>>,
}

/// Characters of a line quoted around the column.
const WIDE: usize = 160;

impl Sources {
    /// The text of `line` (1-based) to quote, around `column`, and the
    /// column within that text.
    fn excerpt(&mut self, file: &Path, line: usize, column: usize) -> Option<(String, usize)> {
        // Big files are not worth reading just to quote a line.
        const QUOTABLE: u64 = 4 * 1024 * 1024;
        let source = self.0.entry(file.to_path_buf()).or_insert_with(|| {
            let small = std::fs::metadata(file).is_ok_and(|m| m.is_file() && m.len() <= QUOTABLE);
            let text = small.then(|| std::fs::read(file).ok()).flatten()?;
            let lines = String::from_utf8_lossy(&text).lines().map(str::to_string).collect();
            Some(SourceFile { lines, char_starts: HashMap::new() })
        });
        let source = source.as_mut()?;
        let text = source.lines.get(line.checked_sub(1)?)?;
        if text.len() <= WIDE {
            return Some((text.clone(), column.min(text.chars().count() + 1)));
        }
        let starts = source.char_starts.entry(line).or_insert_with(|| text.char_indices().map(|(i, _)| i).collect());
        Some(window(text, starts, column))
    }
}

/// One diagnostic as people read it:
///
/// ```text
/// error: the front matter is not valid YAML: …
///  --> content/fr/a.md:2:13
///   |
/// 2 | title: Perte: téléphone
///   |             ^
///   |
///   = help: put the title in double quotes
/// ```
pub(super) fn render(diagnostic: &Diagnostic, color: bool, sources: &mut Sources) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
    };
    let origin = shown(&diagnostic.file);
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let excerpt = (diagnostic.line > 0)
        .then(|| sources.excerpt(&diagnostic.file, diagnostic.line, diagnostic.column.max(1)))
        .flatten();
    let mut message = level.title(&diagnostic.message);
    if let Some((text, column)) = &excerpt {
        // The renderer draws `^` under error spans and `-` under others;
        // every problem gets the caret people look for.
        let at = text.char_indices().nth(column - 1).map_or(text.len(), |(i, _)| i);
        let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        message = message.snippet(
            Snippet::source(text).line_start(diagnostic.line).origin(&origin).annotation(Level::Error.span(at..end)),
        );
    }
    let location = format!("{origin}:{}:{}", diagnostic.line, diagnostic.column);
    if let Some(hint) = &diagnostic.hint {
        message = message.footer(Level::Help.title(hint));
    }
    let rendered = renderer.render(message).to_string();
    if excerpt.is_some() {
        return rendered;
    }
    // Nothing to quote (a built-in file, a line the file no longer has):
    // the location goes under the title, where the excerpt would start.
    let mut lines = rendered.lines();
    let title = lines.next().unwrap_or_default();
    let rest: Vec<&str> = lines.collect();
    let mut out = format!("{title}\n --> {location}");
    for line in rest {
        out.push('\n');
        out.push_str(line);
    }
    out
}

/// A very long line (a minified file, one huge word) is quoted around the
/// column only: `starts` holds the byte offset of each of its characters.
/// Returns the quoted text and the column within it.
fn window(text: &str, starts: &[usize], column: usize) -> (String, usize) {
    let count = starts.len();
    let column = column.min(count + 1);
    let first = column.saturating_sub(WIDE / 2 + 1);
    let last = (first + WIDE).min(count);
    let from = starts.get(first).copied().unwrap_or(text.len());
    let to = starts.get(last).copied().unwrap_or(text.len());
    let prefix = if first > 0 { "…" } else { "" };
    let suffix = if last < count { "…" } else { "" };
    (format!("{prefix}{}{suffix}", &text[from..to]), column - first + prefix.chars().count())
}

/// A site folder as people know it: its own name, even when it is `.`.
pub(super) fn folder_name(path: &Path) -> String {
    std::fs::canonicalize(path)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| shown(path))
}

/// Paths relative to the current folder read best in a terminal.
pub(super) fn shown(path: &Path) -> String {
    let current = std::env::current_dir().unwrap_or_default();
    let relative = path.strip_prefix(&current).unwrap_or(path);
    let text = relative.display().to_string();
    let text = text.strip_prefix("./").unwrap_or(&text).to_string();
    if text.is_empty() { ".".to_string() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(file: &Path, line: usize, column: usize) -> Diagnostic {
        Diagnostic::error(file, line, column, "the front matter is not valid YAML")
            .with_hint("put the title in double quotes")
    }

    #[test]
    fn the_offending_line_is_quoted_with_a_caret_under_the_column() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "---\ntitle: Perte: téléphone\n---\n").unwrap();
        let text = render(&diagnostic(&file, 2, 13), false, &mut Sources::default());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "error: the front matter is not valid YAML", "{text}");
        assert!(lines[1].ends_with(&format!("{}:2:13", file.display())), "{text}");
        let quoted = lines.iter().position(|l| l.ends_with("| title: Perte: téléphone")).expect(&text);
        let caret = lines[quoted + 1];
        // `| ` then 12 characters before column 13.
        assert_eq!(caret.find('^').unwrap() - caret.find('|').unwrap(), 2 + 12, "{text}");
        assert!(text.contains("= help: put the title in double quotes"), "{text}");
        assert!(!text.contains('\u{1b}'), "no colour codes when colour is off");
    }

    #[test]
    fn colour_is_escape_codes_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "title: x\n").unwrap();
        assert!(render(&diagnostic(&file, 1, 1), true, &mut Sources::default()).contains('\u{1b}'));
    }

    #[test]
    fn without_a_line_to_quote_the_location_still_shows() {
        let text = render(&diagnostic(Path::new("(built-in) i18n/fr.ftl"), 3, 2), false, &mut Sources::default());
        assert!(
            text.starts_with("error: the front matter is not valid YAML\n --> (built-in) i18n/fr.ftl:3:2"),
            "{text}"
        );
        assert!(text.contains("help: put the title in double quotes"), "{text}");
    }

    #[test]
    fn a_huge_line_is_quoted_around_the_column_only() {
        let line = "é".repeat(1_000_000);
        let starts: Vec<usize> = line.char_indices().map(|(i, _)| i).collect();
        let (shown, column) = window(&line, &starts, 500_000);
        assert!(shown.chars().count() < 200);
        assert_eq!(shown.chars().nth(column - 1), Some('é'));
    }

    /// A hundred thousand links on one line of a hostile article used to
    /// cost a scan of the whole line per problem: minutes.
    #[test]
    fn many_problems_on_one_huge_line_are_quoted_quickly() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "[x](y) ".repeat(100_000)).unwrap();
        let mut sources = Sources::default();
        for n in (0..100_000).step_by(5) {
            let text = render(&Diagnostic::warning(&file, 1, n * 7 + 1, "broken"), false, &mut sources);
            assert!(text.len() < 1_000);
        }
    }
}
