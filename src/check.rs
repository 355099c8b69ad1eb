//! `phare check`: the whole site built in memory and never written. Every
//! problem has the weight `phare build` gives it (broken links are
//! warnings unless `broken_links: error`); on top, duplicate titles,
//! missing translations and redirects that lead nowhere are reported.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::markdown::BROKEN_LINK;
use crate::render::BuiltSite;
use crate::site::{BuildOptions, Site};
use crate::{render, site, urls};

pub(crate) const DUPLICATE_TITLE: &str = "duplicate-title";
pub(crate) const MISSING_TRANSLATION: &str = "missing-translation";
pub(crate) const REDIRECT_NOWHERE: &str = "redirect-nowhere";

/// Every finding, sorted; the site is never written.
pub fn check(options: &BuildOptions) -> Vec<Diagnostic> {
    let options = BuildOptions { check: true, ..options.clone() };
    let site = match site::load(&options) {
        Ok(site) => site,
        Err(problems) => return problems,
    };
    // The same weight as in `phare build`: a problem that lets a build
    // through is a warning here too (`--strict` fails on it), and
    // `broken_links: error` makes broken links errors in both.
    let mut findings: Diagnostics = site
        .warnings
        .iter()
        .cloned()
        .map(|d| match d.code {
            Some(BROKEN_LINK) if site.config.broken_links_fail => Diagnostic { severity: Severity::Error, ..d },
            _ => d,
        })
        .collect();
    findings.extend(duplicate_titles(&site));
    findings.extend(missing_translations(&site));
    match render::render(&site) {
        Ok(built) => findings.extend(redirects_nowhere(&site, &built)),
        Err(problems) => findings.extend(problems.into_iter().map(|d| d.or_code(site::codes::TEMPLATE))),
    }
    findings.into_sorted()
}

fn duplicate_titles(site: &Site) -> Vec<Diagnostic> {
    let mut seen: HashMap<(&str, String), &std::path::Path> = HashMap::new();
    let mut findings = Vec::new();
    for article in site.articles.iter().filter(|a| a.fallback_of.is_none()) {
        let key = (article.lang.as_str(), article.title.trim().to_lowercase());
        if let Some(first) = seen.insert(key, &article.source) {
            let line = article.front_matter.key_lines.get("title").copied().unwrap_or(1);
            findings.push(
                Diagnostic::warning(
                    &article.source,
                    line,
                    1,
                    format!(
                        "another page in this language has the same title, `{}`: {}",
                        article.title,
                        site::shown(&site.config.site_dir, first)
                    ),
                )
                .with_hint(
                    "readers tell pages apart by their titles in menus and search results: make each one distinct",
                )
                .with_code(DUPLICATE_TITLE),
            );
        }
    }
    findings
}

fn missing_translations(site: &Site) -> Vec<Diagnostic> {
    // A key one letter away from another language's lonely key is a typo
    // the load already points out; "translate it" would be wrong advice.
    let near = crate::site::near_keys::near_keys(&site.articles, &site.article_groups);
    let mut findings = Vec::new();
    for (key, versions) in &site.article_groups {
        if near.contains_key(key) {
            continue;
        }
        let originals: Vec<&crate::site::Article> =
            versions.values().map(|i| &site.articles[*i]).filter(|a| a.fallback_of.is_none()).collect();
        let Some(original) = originals.first() else { continue };
        for language in &site.config.languages {
            if originals.iter().any(|a| a.lang == language.code) {
                continue;
            }
            findings.push(
                Diagnostic::warning(
                    &original.source,
                    1,
                    1,
                    format!("this article has no `{}` translation yet", language.code),
                )
                .with_hint("translate it, giving the translation the same `translation_key`")
                .with_code(MISSING_TRANSLATION),
            );
        }
    }
    findings
}

fn redirects_nowhere(site: &Site, built: &BuiltSite) -> Vec<Diagnostic> {
    site.redirects
        .iter()
        .filter(|r| !built.files.contains_key(&urls::output_file(&r.to)))
        .map(|r| {
            Diagnostic::error(
                &r.source,
                1,
                1,
                format!("the old address /{} leads to /{}, which the site does not have", r.from, r.to),
            )
            .with_code(REDIRECT_NOWHERE)
        })
        .collect()
}
