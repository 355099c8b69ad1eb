//! `sitemap.xml` with `xhtml:link` hreflang alternates and `lastmod`, split
//! into a sitemap index past 50,000 addresses, and `robots.txt` pointing at
//! it. Stand-ins for untranslated pages are left out: they are `noindex`.
//! Sitemaps need absolute addresses, so nothing is written without
//! `base_url`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::site::Site;

/// The protocol's limit per sitemap file.
const MAX_URLS: usize = 50_000;

struct Entry {
    path: String,
    lastmod: Option<String>,
    /// (hreflang, path) of every language version, this one included.
    alternates: Vec<(String, String)>,
}

/// Output path → bytes.
pub(crate) fn files(site: &Site) -> Vec<(String, Vec<u8>)> {
    let base = site.config.base_url.as_str();
    if base.is_empty() {
        return Vec::new();
    }
    let mut files = split(base, &entries(site));
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", absolute(base, "sitemap.xml"));
    files.push(("robots.txt".to_string(), robots.into_bytes()));
    files
}

/// One `sitemap.xml`, or an index of `sitemap-N.xml` files past the limit.
fn split(base: &str, entries: &[Entry]) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    if entries.len() <= MAX_URLS {
        files.push(("sitemap.xml".to_string(), urlset(base, entries).into_bytes()));
    } else {
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (number, chunk) in entries.chunks(MAX_URLS).enumerate() {
            let name = format!("sitemap-{}.xml", number + 1);
            let _ = writeln!(index, "  <sitemap><loc>{}</loc></sitemap>", xml(&absolute(base, &name)));
            files.push((name, urlset(base, chunk).into_bytes()));
        }
        index.push_str("</sitemapindex>\n");
        files.push(("sitemap.xml".to_string(), index.into_bytes()));
    }
    files
}

fn entries(site: &Site) -> Vec<Entry> {
    let mut entries = Vec::new();
    let homes: Vec<(String, String)> =
        site.config.languages.iter().map(|l| (l.code.clone(), format!("{}/", l.code))).collect();
    // The landing page is every language's x-default, not a translation.
    entries.push(Entry { path: String::new(), lastmod: None, alternates: Vec::new() });
    for (_, path) in &homes {
        entries.push(Entry { path: path.clone(), lastmod: None, alternates: homes.clone() });
    }
    for article in site.articles.iter().filter(|a| a.fallback_of.is_none()) {
        let alternates = versions(site.article_groups.get(&article.key), |i| {
            let version = &site.articles[i];
            version.fallback_of.is_none().then(|| version.path.clone())
        });
        entries.push(Entry { path: article.path.clone(), lastmod: article.front_matter.updated.clone(), alternates });
    }
    for category in &site.categories {
        let alternates = versions(site.category_groups.get(&category.key), |i| Some(site.categories[i].path.clone()));
        entries.push(Entry { path: category.path.clone(), lastmod: None, alternates });
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    entries
}

fn versions(group: Option<&BTreeMap<String, usize>>, path: impl Fn(usize) -> Option<String>) -> Vec<(String, String)> {
    group.into_iter().flatten().filter_map(|(lang, index)| path(*index).map(|p| (lang.clone(), p))).collect()
}

fn urlset(base: &str, entries: &[Entry]) -> String {
    let mut xml_text = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for entry in entries {
        let _ = writeln!(xml_text, "  <url>\n    <loc>{}</loc>", xml(&absolute(base, &entry.path)));
        if let Some(lastmod) = &entry.lastmod {
            let _ = writeln!(xml_text, "    <lastmod>{lastmod}</lastmod>");
        }
        if entry.alternates.len() > 1 {
            for (lang, path) in &entry.alternates {
                let _ = writeln!(
                    xml_text,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>",
                    xml(&absolute(base, path))
                );
            }
            let _ =
                writeln!(xml_text, "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>", xml(base));
        }
        xml_text.push_str("  </url>\n");
    }
    xml_text.push_str("</urlset>\n");
    xml_text
}

/// `base_url` + path, with the path percent-encoded as URLs in sitemaps
/// must be (`vérification` → `v%C3%A9rification`).
fn absolute(base: &str, path: &str) -> String {
    let mut url = String::with_capacity(base.len() + path.len());
    url.push_str(base);
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            url.push(byte as char);
        } else {
            let _ = write!(url, "%{byte:02X}");
        }
    }
    url
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_absolute_and_percent_encoded() {
        assert_eq!(
            absolute("https://x.org/aide/", "fr/vérification/a b/"),
            "https://x.org/aide/fr/v%C3%A9rification/a%20b/"
        );
    }

    #[test]
    fn past_fifty_thousand_addresses_the_sitemap_becomes_an_index() {
        let entries: Vec<Entry> = (0..MAX_URLS + 1)
            .map(|i| Entry { path: format!("en/p{i}/"), lastmod: None, alternates: Vec::new() })
            .collect();
        let files = split("https://x.org/", &entries);
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]);
        let index = String::from_utf8(files[2].1.clone()).unwrap();
        assert!(index.contains("<sitemapindex") && index.contains("<loc>https://x.org/sitemap-2.xml</loc>"));
        let second = String::from_utf8(files[1].1.clone()).unwrap();
        assert_eq!(second.matches("<url>").count(), 1);
    }

    #[test]
    fn alternates_are_listed_with_x_default() {
        let entries = [Entry {
            path: "en/a/".into(),
            lastmod: Some("2026-03-04".into()),
            alternates: vec![("en".into(), "en/a/".into()), ("fr".into(), "fr/a/".into())],
        }];
        let text = urlset("https://x.org/", &entries);
        assert!(text.contains("<loc>https://x.org/en/a/</loc>"));
        assert!(text.contains("<lastmod>2026-03-04</lastmod>"));
        assert!(text.contains(r#"hreflang="fr" href="https://x.org/fr/a/""#));
        assert!(text.contains(r#"hreflang="x-default" href="https://x.org/""#));
    }
}
