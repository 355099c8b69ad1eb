//! File and folder names, and `category:` values, as parts of addresses:
//! each must be one plain folder name inside the site, or the file is
//! reported (a folder once, however many files it holds).

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::discover::Discovered;
use crate::urls;

/// The URL segments of a copied file's path inside its content root, one
/// per folder and one for its name; `None` (with the problem reported)
/// when a name cannot be part of an address.
pub(crate) fn asset_segments(discovered: &Discovered, problems: &mut Diagnostics) -> Option<Vec<String>> {
    let mut segments = folder_segments(discovered, problems)?;
    let name = discovered.rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match urls::name_to_segment(&name) {
        Ok(segment) => segments.push(segment),
        Err(reason) => {
            problems.push(name_problem(&discovered.path, &name, true, &reason));
            return None;
        }
    }
    Some(segments)
}

/// A Markdown source's folder segments and the segment of its name
/// without extension and language suffix (`lost-phone` of `lost-phone.fr.md`).
pub(crate) fn page_segments(discovered: &Discovered, problems: &mut Diagnostics) -> Option<(Vec<String>, String)> {
    let folders = folder_segments(discovered, problems)?;
    match urls::name_to_segment(&discovered.stem) {
        Ok(stem) => Some((folders, stem)),
        Err(reason) => {
            problems.push(name_problem(&discovered.path, &discovered.stem, true, &reason));
            None
        }
    }
}

fn folder_segments(discovered: &Discovered, problems: &mut Diagnostics) -> Option<Vec<String>> {
    let parts: Vec<String> = discovered.rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let root = discovered.path.ancestors().nth(parts.len()).unwrap_or(Path::new(""));
    let mut at = root.to_path_buf();
    let mut segments = Vec::with_capacity(parts.len());
    for part in parts.iter().take(parts.len().saturating_sub(1)) {
        at.push(part);
        if part == crate::load::discover::GITBOOK_FOLDER {
            // The one dot folder published: its name without the dot.
            segments.push(part.trim_start_matches('.').to_string());
            continue;
        }
        match urls::name_to_segment(part) {
            // Folder names are addresses readers type and share: lower case,
            // whatever case the writer's file manager showed.
            Ok(segment) => segments.push(segment.to_lowercase()),
            Err(reason) => {
                problems.push(name_problem(&at, part, false, &reason));
                return None;
            }
        }
    }
    Some(segments)
}

/// A name refused for an address, reported on the file or folder itself.
fn name_problem(at: &Path, name: &str, is_file: bool, reason: &str) -> Diagnostic {
    // A folder has no lines; its error is shown once however many files it holds.
    let (what, line) = if is_file { ("file", 1) } else { ("folder", 0) };
    Diagnostic::error(
        PathBuf::from(at),
        line,
        line,
        format!("the {what} name `{}` cannot be part of a web address: {reason}", visible(name)),
    )
    .with_hint(format!("rename the {what}, using letters, digits and dashes, such as `lost-phone`"))
}

/// A `category:` value, trimmed, or the reason it cannot name a category.
pub(crate) fn category(value: &str) -> Result<String, String> {
    urls::name_to_segment(value)?;
    Ok(urls::trim_blanks(value).to_string())
}

/// `text` for a message: control characters (a NUL, a tab) shown as
/// `\u{0}`, so nothing invisible reaches the terminal.
pub(crate) fn visible(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}
