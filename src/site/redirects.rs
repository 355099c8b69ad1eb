//! Redirects from articles' `aliases` / `redirect_from`, and the host rules
//! that serve them and each language's 404 page: a `_redirects` file
//! (Netlify, Cloudflare Pages) and an nginx snippet. Redirect pages (meta
//! refresh, canonical link, visible link) make the redirects work on any
//! host, even one that reads neither file.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::diagnostics::Diagnostic;
use crate::load::config::Config;
use crate::site::records::Article;
use crate::urls;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// Old address (site path).
    pub from: String,
    /// Page it now lives at (site path).
    pub to: String,
    pub lang: String,
    pub source: PathBuf,
    /// File line of the `aliases` (or `redirect_from`) key.
    pub line: usize,
}

/// Every alias of every article, checked to stay inside the site. Whether
/// an old address is free (no page, file or other redirect there) is
/// decided with every other output file, in `site::claims`.
pub(crate) fn collect(articles: &[Article]) -> (Vec<Redirect>, Vec<Diagnostic>) {
    let mut redirects: Vec<Redirect> = Vec::new();
    let mut problems = Vec::new();
    for article in articles.iter().filter(|a| a.fallback_of.is_none()) {
        let line = article
            .front_matter
            .key_lines
            .get("aliases")
            .or(article.front_matter.key_lines.get("redirect_from"))
            .copied()
            .unwrap_or(1);
        for alias in &article.front_matter.aliases {
            let from = match urls::permalink_to_path(alias) {
                Ok(from) => from,
                Err(reason) => {
                    problems.push(
                        Diagnostic::error(
                            &article.source,
                            line,
                            1,
                            format!(
                                "the old address `{}` cannot be redirected: {reason}",
                                crate::site::paths::visible(alias)
                            ),
                        )
                        .with_hint("write an address inside the site, such as `/en/old-page/`"),
                    );
                    continue;
                }
            };
            // An alias naming the page's own address (`/en/a/index.html` for `en/a/`) is a no-op.
            if urls::output_file(&from) == urls::output_file(&article.path) {
                continue;
            }
            redirects.push(Redirect {
                from,
                to: article.path.clone(),
                lang: article.lang.clone(),
                source: article.source.clone(),
                line,
            });
        }
    }
    redirects.sort_by(|a, b| a.from.cmp(&b.from));
    (redirects, problems)
}

/// The path part of `base_url` (`/aide/` for `https://x.org/aide/`), `/`
/// without one: host rules name addresses from the server's root.
pub(crate) fn base_path(config: &Config) -> String {
    let url = &config.base_url;
    match url.find("://") {
        Some(scheme) => {
            url[scheme + 3..].find('/').map_or("/".to_string(), |slash| url[scheme + 3 + slash..].to_string())
        }
        None => "/".to_string(),
    }
}

/// `_redirects`: one `from to 301` line per redirect, then each language's
/// 404 page, most specific first.
pub(crate) fn netlify_rules(config: &Config, redirects: &[Redirect]) -> String {
    let base = base_path(config);
    let mut text = String::from("# Written by Phare: old addresses, then the page-not-found page of each language.\n");
    for redirect in redirects {
        let _ = writeln!(text, "{base}{}  {base}{}  301", redirect.from, redirect.to);
    }
    for language in &config.languages {
        let _ = writeln!(text, "{base}{code}/*  {base}{code}/404.html  404", code = language.code);
    }
    let _ = writeln!(text, "{base}*  {base}404.html  404");
    text
}

/// An nginx snippet to include in the site's `server` block.
pub(crate) fn nginx_rules(config: &Config, redirects: &[Redirect]) -> String {
    let base = base_path(config);
    let mut text = String::from(
        "# Written by Phare. Include it in the server block that serves the site:\n#     include /path/to/public/nginx.conf;\n\n",
    );
    for redirect in redirects {
        let _ = writeln!(text, "location = {base}{} {{ return 301 {base}{}; }}", redirect.from, redirect.to);
    }
    for language in &config.languages {
        let _ = writeln!(
            text,
            "location {base}{code}/ {{ try_files $uri $uri/ =404; error_page 404 {base}{code}/404.html; }}",
            code = language.code
        );
    }
    let _ = writeln!(text, "error_page 404 {base}404.html;");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> Config {
        let dir = tempfile::tempdir().unwrap();
        for code in ["en", "fr"] {
            std::fs::create_dir_all(dir.path().join("content").join(code)).unwrap();
        }
        let (mut config, _) = crate::load::config::load(dir.path(), None).unwrap();
        config.set_base_url(base_url);
        config
    }

    #[test]
    fn rules_name_addresses_from_the_server_root() {
        let redirect =
            Redirect { from: "old/".into(), to: "en/new/".into(), lang: "en".into(), source: PathBuf::new(), line: 1 };
        let config = config("https://x.org/aide/");
        let netlify = netlify_rules(&config, std::slice::from_ref(&redirect));
        assert!(netlify.contains("/aide/old/  /aide/en/new/  301"));
        assert!(netlify.contains("/aide/fr/*  /aide/fr/404.html  404"));
        assert!(netlify.trim_end().ends_with("/aide/*  /aide/404.html  404"));
        let nginx = nginx_rules(&config, &[redirect]);
        assert!(nginx.contains("location = /aide/old/ { return 301 /aide/en/new/; }"));
        assert!(nginx.contains("error_page 404 /aide/fr/404.html;"));
    }
}
