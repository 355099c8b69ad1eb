//! Request paths, which come from anyone who can reach the port, turned into
//! site paths that cannot leave the site; and site paths turned back into
//! addresses a `Location` header may carry.

const LONGEST_PATH: usize = 2048;

/// The site path a request names, or `None` when it tries to leave the
/// site: `..` in any spelling, encoded slashes, backslashes, NUL bytes,
/// over-long paths.
pub(crate) fn site_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    if path.len() > LONGEST_PATH || !path.starts_with('/') || path.contains('\\') || path.contains('\0') {
        return None;
    }
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return None;
    }
    let decoded = crate::urls::percent_decode(path);
    if decoded.contains('\\') || decoded.contains('\0') || decoded.contains("//") {
        return None;
    }
    let mut clean = Vec::new();
    for segment in decoded.split('/').skip(1) {
        match segment {
            "." | ".." => return None,
            s => clean.push(s),
        }
    }
    let joined = clean.join("/");
    Some(if joined.is_empty() || joined.ends_with('/') { format!("{joined}index.html") } else { joined })
}

/// Where to send a request for the folder `site_folder` (no slashes around
/// it) that was asked without its trailing slash: the slash form, every
/// byte a header may not carry percent-encoded, the query kept.
pub(crate) fn folder_location(site_folder: &str, url: &str) -> String {
    let mut location = String::with_capacity(site_folder.len() + 2);
    location.push('/');
    for &byte in site_folder.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&byte) {
            location.push(char::from(byte));
        } else {
            location.push_str(&format!("%{byte:02X}"));
        }
    }
    location.push('/');
    if let Some((_, query)) = url.split_once('?') {
        location.push('?');
        for &byte in query.split('#').next().unwrap_or_default().as_bytes() {
            if byte.is_ascii_graphic() {
                location.push(char::from(byte));
            } else {
                location.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    location
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/en/../../etc",
            "/%2e%2e/etc",
            "/%2E%2E/%2e%2e/etc",
            "/en%2f..%2fetc",
            "/en\\..\\etc",
            "/en/%00",
            "/en/\0",
            "//etc/passwd",
            "etc/passwd",
            "/./en/",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
        assert_eq!(site_path(&format!("/{}", "a".repeat(LONGEST_PATH))), None);
    }

    #[test]
    fn folders_are_served_by_their_index() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/fr/aide/?x=1").as_deref(), Some("fr/aide/index.html"));
        assert_eq!(site_path("/fr/v%C3%A9rification/").as_deref(), Some("fr/vérification/index.html"));
        assert_eq!(site_path("/phare/style.css").as_deref(), Some("phare/style.css"));
    }

    #[test]
    fn folder_locations_are_percent_encoded_and_keep_the_query() {
        assert_eq!(folder_location("fr/aide", "/fr/aide"), "/fr/aide/");
        assert_eq!(folder_location("fr/sécurité", "/fr/s%C3%A9curit%C3%A9"), "/fr/s%C3%A9curit%C3%A9/");
        assert_eq!(folder_location("en/100% sure?", "/x?a=1#top"), "/en/100%25%20sure%3F/?a=1");
        assert_eq!(folder_location("en/a\r\nSet-Cookie: x", "/x"), "/en/a%0D%0ASet-Cookie:%20x/");
        assert_eq!(folder_location("fr/aide", "/fr/aide?q=été"), "/fr/aide/?q=%C3%A9t%C3%A9");
    }
}
