//! Site paths: every page lives at a path relative to the site root
//! (`en/signing-in/forgot-password/`, no leading slash). Links are written
//! relative to the page (`../../` + path), so the output works from any
//! sub-path and from disk. Author-supplied permalinks and slugs are checked
//! here so nothing can be written outside the output folder.

/// Why a permalink or slug was refused, in plain words.
pub type Refusal = String;

/// `/fr/aide/perte/` → `fr/aide/perte/`. Refuses anything that could leave
/// the output folder once decoded: `..`, `.`, backslashes, NUL and control
/// characters, drive letters, schemes, `//` hosts.
pub fn permalink_to_path(raw: &str) -> Result<String, Refusal> {
    let decoded = percent_decode(raw.trim());
    if decoded.contains('\\') {
        return Err("it contains a backslash `\\`; use `/` between folders".into());
    }
    if decoded.chars().any(char::is_control) {
        return Err("it contains an invisible control character".into());
    }
    if decoded.contains("://") || decoded.starts_with("//") {
        return Err(
            "it is a full web address; a permalink is a path inside the site such as `/en/help/lost-phone/`".into()
        );
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => continue,
            "." | ".." => return Err("it contains `.` or `..`, which would place the page outside the site".into()),
            s if s.len() >= 2 && s.as_bytes()[1] == b':' && s.as_bytes()[0].is_ascii_alphabetic() => {
                return Err("it looks like a disk path (`C:`); a permalink is a path inside the site".into());
            }
            s => segments.push(path_segment(s)),
        }
    }
    let mut path = segments.join("/");
    if !path.is_empty() && !path.ends_with(".html") {
        path.push('/');
    }
    Ok(path)
}

/// A slug replaces the last part of a page's path (Hugo, Jekyll). As in
/// Docusaurus, it may also hold several parts (`guides/start`), and a
/// leading `/` places it from the language root instead of the folder. The
/// result is the segments to use, checked like a permalink.
pub fn slug_segments(raw: &str) -> Result<(bool, Vec<String>), Refusal> {
    let trimmed = raw.trim();
    if percent_decode(trimmed).trim_matches('/').is_empty() {
        return Err("it is empty".into());
    }
    let from_root = trimmed.starts_with('/');
    let path = permalink_to_path(trimmed)?;
    let segments = path.trim_end_matches('/').split('/').map(str::to_string).collect();
    Ok((from_root, segments))
}

/// File and folder names become URL segments: spaces turn into `-`, and
/// characters that end a URL path (`?`, `#`, `%`) are encoded.
pub fn path_segment(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim().chars() {
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

/// `../` repeated once per folder between the page and the site root.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The file a page path is written to: folders get `index.html`.
pub fn output_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() }
}

/// Decodes `%XX` escapes; invalid ones stay as written.
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
mod tests {
    use super::*;

    #[test]
    fn permalinks_become_site_paths() {
        assert_eq!(permalink_to_path("/fr/aide/perte/").unwrap(), "fr/aide/perte/");
        assert_eq!(permalink_to_path("en/help").unwrap(), "en/help/");
        assert_eq!(permalink_to_path("/old/page.html").unwrap(), "old/page.html");
    }

    #[test]
    fn permalinks_leaving_the_site_are_refused() {
        for bad in [
            "../../etc",
            "/en/../../etc/",
            "%2e%2e/%2e%2e/etc",
            "/a/%2E%2E/b",
            "C:/Windows",
            "\\\\server\\x",
            "//evil.example/x",
            "https://x.org/a",
            "/a/\0/b",
        ] {
            assert!(permalink_to_path(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn slugs_are_relative_to_the_folder_unless_they_start_with_a_slash() {
        assert_eq!(slug_segments("perte de téléphone").unwrap(), (false, vec!["perte-de-téléphone".to_string()]));
        assert_eq!(slug_segments("/get-started").unwrap(), (true, vec!["get-started".to_string()]));
        assert_eq!(slug_segments("guides/start").unwrap(), (false, vec!["guides".to_string(), "start".to_string()]));
        for bad in ["../x", "..", "%2e%2e", "a\\b", "", "/"] {
            assert!(slug_segments(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn root_prefix_climbs_one_level_per_folder() {
        assert_eq!(root_prefix(""), "");
        assert_eq!(root_prefix("en/"), "../");
        assert_eq!(root_prefix("en/a/b/"), "../../../");
        assert_eq!(root_prefix("old/page.html"), "../");
        assert_eq!(root_prefix("404.html"), "");
    }

    #[test]
    fn external_links_are_recognised() {
        assert!(is_external("https://x.org"));
        assert!(is_external("mailto:a@b.c"));
        assert!(is_external("//cdn.example"));
        assert!(!is_external("../a.md"));
        assert!(!is_external("a/b:c.md"));
        assert!(!is_external("#top"));
    }
}
