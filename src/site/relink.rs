//! Stand-ins' HTML: an article shown at another language's address keeps
//! its HTML, with its links re-pointed to the new address and, where one
//! exists, to the reader's language. Used when the site is assembled and
//! when the preview re-renders one article.

use crate::urls;

/// A page's HTML moved from address `from` to address `to`: every internal
/// link (written `root + site path`) gets the new root, and points at
/// `counterpart(path)` when there is one.
pub(crate) fn relink(html: &str, from: &str, to: &str, counterpart: impl Fn(&str) -> Option<String>) -> String {
    let (old_root, new_root) = (urls::root_prefix(from), urls::root_prefix(to));
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['h', 's']).filter(|_| !rest.is_empty()) {
        let attribute = ["href=\"", "src=\""].into_iter().find(|a| rest[at..].starts_with(a));
        let Some(attribute) = attribute else {
            out.push_str(&rest[..at + 1]);
            rest = &rest[at + 1..];
            continue;
        };
        let value_start = at + attribute.len();
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        let end = rest.find('"').unwrap_or(rest.len());
        let url = &rest[..end];
        match url
            .strip_prefix(old_root.as_str())
            .filter(|site_path| !urls::is_external(site_path) && !site_path.starts_with(['/', '#']))
        {
            Some(site_path) => {
                let (path, fragment) = urls::split_fragment(site_path);
                out.push_str(&new_root);
                out.push_str(&counterpart(path).unwrap_or_else(|| path.to_string()));
                if let Some(fragment) = fragment {
                    out.push('#');
                    out.push_str(fragment);
                }
            }
            None => out.push_str(url),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relink_moves_links_to_the_new_root_and_same_language_pages() {
        let html = r##"<a href="../../en/a/">A</a> <img src="../../en/pic.png"> <a href="https://x.org/">x</a> <a href="#top">top</a> <a href="../../en/b/#s">B</a>"##;
        let moved = relink(html, "en/b/", "fr/rubrique/b/", |path| (path == "en/a/").then(|| "fr/a/".to_string()));
        assert_eq!(
            moved,
            r##"<a href="../../../fr/a/">A</a> <img src="../../../en/pic.png"> <a href="https://x.org/">x</a> <a href="#top">top</a> <a href="../../../en/b/#s">B</a>"##
        );
    }
}
