//! Site paths: every page lives at a path relative to the site root
//! (`en/signing-in/forgot-password/`, no leading slash). Links are written
//! relative to the page (`../../` + path), so the output works from any
//! sub-path and from disk. Author-supplied permalinks, slugs, categories and
//! file names are checked here so nothing can be written outside the output
//! folder: each is decoded, cut into folder names, each name trimmed and
//! checked, and the finished path checked again with
//! [`is_contained_relative`], so the guard judges what will be written, not
//! what was typed.

use std::path::{Component, Path};

use unicode_normalization::UnicodeNormalization;

/// Why a permalink or slug was refused, in plain words.
pub type Refusal = String;

const CLIMB: &str = "it contains `.` or `..`, which would place the page outside the site";

/// `/fr/aide/perte/` → `fr/aide/perte/`. Refuses anything that could leave
/// the output folder once decoded and trimmed: `..` and `.` (also padded
/// with blanks or written with look-alike dots), folder names made of
/// blanks only, backslashes, NUL and control characters, drive letters,
/// schemes, `//` hosts.
pub fn permalink_to_path(raw: &str) -> Result<String, Refusal> {
    let decoded = percent_decode(raw);
    let text = decoded.trim_matches(is_blank);
    if text.contains('\\') {
        return Err("it contains a backslash `\\`; use `/` between folders".into());
    }
    if text.chars().any(char::is_control) {
        return Err("it contains an invisible control character".into());
    }
    if text.contains("://") || text.starts_with("//") {
        return Err(
            "it is a full web address; a permalink is a path inside the site such as `/en/help/lost-phone/`".into()
        );
    }
    let segments =
        text.split('/').filter(|segment| !segment.is_empty()).map(checked_segment).collect::<Result<Vec<_>, _>>()?;
    let mut path = segments.join("/");
    if !path.is_empty() && !path.ends_with(".html") {
        path.push('/');
    }
    if !is_contained_relative(&path) {
        return Err("it does not name a place inside the site".into());
    }
    Ok(path)
}

/// A slug replaces the last part of a page's path (Hugo, Jekyll). As in
/// Docusaurus, it may also hold several parts (`guides/start`), and a
/// leading `/` places it from the language root instead of the folder. The
/// result is the segments to use, checked like a permalink.
pub fn slug_segments(raw: &str) -> Result<(bool, Vec<String>), Refusal> {
    let trimmed = raw.trim_matches(is_blank);
    let path = permalink_to_path(trimmed)?;
    if path.is_empty() {
        return Err("it is empty".into());
    }
    let from_root = trimmed.starts_with('/');
    let segments = path.trim_end_matches('/').split('/').map(str::to_string).collect();
    Ok((from_root, segments))
}

/// A file or folder name, or a `category:` value, as one URL segment:
/// refused when it could not be one folder inside the site.
pub fn name_to_segment(name: &str) -> Result<String, Refusal> {
    if name.contains('\\') {
        return Err("it contains a backslash `\\`".into());
    }
    if name.contains('/') {
        return Err("it contains `/`, so it is not a single name".into());
    }
    if name.chars().any(char::is_control) {
        return Err("it contains an invisible control character".into());
    }
    checked_segment(name)
}

/// One folder name of a path: trimmed, refused when it is blank, a dot
/// folder or a drive, then encoded.
fn checked_segment(raw: &str) -> Result<String, Refusal> {
    let trimmed = raw.trim_matches(is_blank);
    if trimmed.is_empty() {
        return Err("one of its folder names is made only of spaces".into());
    }
    if is_dot_name(trimmed) {
        return Err(CLIMB.into());
    }
    if is_drive(trimmed) {
        return Err("it looks like a disk path (`C:`); a permalink is a path inside the site".into());
    }
    let segment = path_segment(trimmed);
    if !is_plain_segment(&segment) {
        return Err("it does not name a place inside the site".into());
    }
    Ok(segment)
}

/// File and folder names become URL segments: spaces turn into `-`, and
/// characters that end a URL path (`?`, `#`, `%`) are encoded. This only
/// encodes; [`name_to_segment`] is the check.
pub fn path_segment(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim_matches(is_blank).chars() {
        match c {
            ' ' => out.push('-'),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            '%' => out.push_str("%25"),
            '"' => out.push_str("%22"),
            c => out.push(c),
        }
    }
    out
}

/// Whether `path` (a site path such as `en/a/`, or an output file such as
/// `en/a/index.html`) stays inside the folder it is joined to: relative,
/// every folder name plain (not empty, blank-padded, `.`, `..`, look-alike
/// dots, a drive, or holding `\\` or control characters). The empty path is
/// the site root itself. The last word on every path Phare writes.
pub fn is_contained_relative(path: &str) -> bool {
    if path.is_empty() {
        return true;
    }
    let body = path.strip_suffix('/').unwrap_or(path);
    !body.is_empty()
        && body.split('/').all(is_plain_segment)
        && Path::new(body).components().all(|c| matches!(c, Component::Normal(_)))
}

fn is_plain_segment(segment: &str) -> bool {
    !segment.is_empty()
        && !segment.starts_with(is_blank)
        && !segment.ends_with(is_blank)
        && !segment.chars().any(|c| c == '/' || c == '\\' || c.is_control())
        && !is_dot_name(segment)
        && !is_drive(segment)
}

/// `text` without the blanks around it (see [`is_blank`]).
pub fn trim_blanks(text: &str) -> &str {
    text.trim_matches(is_blank)
}

/// Spaces of every kind, and the invisible characters that pad like them.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// `.`, `..`, `...`, `. .`, and the same in compatibility forms (fullwidth
/// `．．`, the leader `‥`): names that some system reads as a folder climb.
fn is_dot_name(name: &str) -> bool {
    let mut dots = name.nfkc().filter(|c| !is_blank(*c)).peekable();
    dots.peek().is_some() && dots.all(|c| c == '.')
}

/// `C:`, `c:folder`: a drive on Windows.
fn is_drive(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

/// `../` repeated once per folder between the page and the site root.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The file a page path is written to: folders get `index.html`.
pub fn output_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() }
}

/// Decodes `%XX` escapes; invalid ones stay as written.
/// The search results page of a language: `en/search/`, `fr/recherche/`
/// (`L/search/` for any other language).
pub fn search_results_path(lang: &str) -> String {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    let slug = if primary.eq_ignore_ascii_case("fr") { "recherche" } else { "search" };
    format!("{lang}/{slug}/")
}

/// The folder of a language's search index: `search/fr` (never localized).
pub fn search_index_folder(lang: &str) -> String {
    format!("search/{lang}")
}

pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(text.get(i + 1..i + 3).unwrap_or(""), 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Put before a destination by the dialect scanners and the Markdown stage
/// (from `{hreflang=xx}`): the link leaves the page's language on purpose.
/// Here, below both, because the link index reads it too.
pub const CROSS_LANGUAGE: &str = "phare-hreflang:";

/// Is this link destination outside the site (a scheme such as `https:`,
/// `mailto:`, or a protocol-relative `//host`)?
pub fn is_external(destination: &str) -> bool {
    if destination.starts_with("//") {
        return true;
    }
    match destination.find(':') {
        Some(colon) => {
            let scheme = &destination[..colon];
            !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !destination[..colon].contains('/')
        }
        None => false,
    }
}

/// Splits `path#fragment` (a `?query` stays with the path).
pub fn split_fragment(destination: &str) -> (&str, Option<&str>) {
    match destination.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (destination, None),
    }
}

#[cfg(test)]
mod tests;
