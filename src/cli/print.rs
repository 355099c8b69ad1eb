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

/// The files diagnostics point into, each read once per run, for quoting.
#[derive(Default)]
pub(super) struct Sources(HashMap<PathBuf, Option<String>>);

impl Sources {
    fn line(&mut self, file: &Path, line: usize) -> Option<String> {
        // Big files are not worth reading just to quote a line.
        const QUOTABLE: u64 = 4 * 1024 * 1024;
        let text = self.0.entry(file.to_path_buf()).or_insert_with(|| {
            let small = std::fs::metadata(file).is_ok_and(|m| m.is_file() && m.len() <= QUOTABLE);
            small.then(|| std::fs::read(file).ok().map(|b| String::from_utf8_lossy(&b).into_owned())).flatten()
        });
        text.as_deref()?.lines().nth(line.checked_sub(1)?).map(str::to_string)
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
        .then(|| sources.line(&diagnostic.file, diagnostic.line))
        .flatten()
        .map(|text| window(&text, diagnostic.column.max(1)));
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
/// column only. Returns the quoted text and the column within it.
fn window(text: &str, column: usize) -> (String, usize) {
    const WIDE: usize = 160;
    let count = text.chars().count();
    if count <= WIDE {
        return (text.to_string(), column.min(count + 1));
    }
    let column = column.min(count + 1);
    let start = column.saturating_sub(WIDE / 2 + 1);
    let shown: String = text.chars().skip(start).take(WIDE).collect();
    let prefix = if start > 0 { "…" } else { "" };
    (format!("{prefix}{shown}…"), column - start + prefix.chars().count())
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
        let (shown, column) = window(&"x".repeat(1_000_000), 500_000);
        assert!(shown.chars().count() < 200);
        assert_eq!(shown.chars().nth(column - 1), Some('x'));
    }
}
