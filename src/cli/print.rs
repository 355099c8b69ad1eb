//! Showing diagnostics to people: warnings hidden by `--quiet`, paths
//! relative to the current folder.

use std::path::{Path, PathBuf};

use phare::{Diagnostic, Severity};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

pub(super) fn print_diagnostics(diagnostics: &[Diagnostic], verbosity: Verbosity) {
    for diagnostic in diagnostics {
        if verbosity == Verbosity::Quiet && diagnostic.severity == Severity::Warning {
            continue;
        }
        let mut shown_diagnostic = diagnostic.clone();
        shown_diagnostic.file = PathBuf::from(shown(&diagnostic.file));
        eprintln!("{shown_diagnostic}");
    }
}

/// Paths relative to the current folder read best in a terminal.
/// A site folder as people know it: its own name, even when it is `.`.
pub(super) fn folder_name(path: &Path) -> String {
    std::fs::canonicalize(path)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| shown(path))
}

pub(super) fn shown(path: &Path) -> String {
    let current = std::env::current_dir().unwrap_or_default();
    let relative = path.strip_prefix(&current).unwrap_or(path);
    let text = relative.display().to_string();
    let text = text.strip_prefix("./").unwrap_or(&text).to_string();
    if text.is_empty() { ".".to_string() } else { text }
}
