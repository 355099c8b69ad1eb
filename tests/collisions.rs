//! Two things that would be written to one output file: an author-chosen
//! address (permalink, slug, alias, category, file name) against a page or
//! file Phare writes itself, or two names that macOS and Windows store as
//! one file. Each is an error at the author's file and line naming what is
//! already there, never a silent replacement, and the previous output stays.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{Fixture, article, render};
use phare::Diagnostic;
use walkdir::WalkDir;

/// A built bilingual site with a sitemap, so every file Phare writes itself exists.
fn built_site() -> Fixture {
    let site = Fixture::new("languages: [en, fr]\nbase_url: https://help.example/\n");
    site.write("content/en/a.md", &article("title: Lost phone", "Call us."));
    site.write("content/fr/a.md", &article("title: Téléphone perdu", "Appelez-nous."));
    site.build();
    site
}

fn output_files(site: &Fixture) -> BTreeMap<PathBuf, Vec<u8>> {
    WalkDir::new(site.output())
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// Writes `rel`, expects the build to fail with one error at `rel:line`
/// whose message names `what`, and the previous output to be as it was.
fn collides(site: &Fixture, rel: &str, text: &str, line: usize, what: &str) -> Diagnostic {
    let before = output_files(site);
    site.write(rel, text);
    let problems = site.build_fails();
    let errors: Vec<&Diagnostic> = problems.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{rel}: expected one error:\n{}", render(&problems));
    let error = errors[0].clone();
    assert!(error.file.ends_with(rel), "{rel}: the error is not on the file:\n{}", render(&problems));
    assert_eq!(error.line, line, "{rel}: wrong line:\n{}", render(&problems));
    assert!(error.message.contains(what), "{rel}: `{what}` is not named:\n{}", render(&problems));
    let staging = error.to_string().contains("phare-new") || error.to_string().contains("disk space");
    assert!(!staging, "{rel}: reported as a disk problem:\n{error}");
    assert_eq!(output_files(site), before, "{rel}: the previous output changed");
    std::fs::remove_file(site.path().join(rel)).unwrap();
    error
}

#[test]
fn aliases_cannot_replace_pages_phare_writes() {
    let site = built_site();
    for (alias, what) in [
        ("/", "choose a language"),
        ("/index.html", "choose a language"),
        ("/404.html", "page-not-found"),
        ("/en/", "`en` home page"),
        ("/en/index.html", "`en` home page"),
        ("/fr/404.html", "`fr` page-not-found"),
        ("/sitemap.xml", "sitemap"),
        ("/robots.txt", "robots.txt"),
        ("/_redirects", "_redirects"),
        ("/nginx.conf", "nginx.conf"),
        ("/test.css", "theme file test.css"),
        ("/en/a/", "content/en/a.md"),
        ("/en/a/index.html", "content/en/a.md"),
    ] {
        let text = article(&format!("title: Old\naliases: [\"{alias}\"]"), "x");
        collides(&site, "content/en/old.md", &text, 3, what);
    }
}

#[test]
fn permalinks_cannot_take_the_place_of_files_phare_writes() {
    let site = built_site();
    for (permalink, what) in [
        ("/", "choose a language"),
        ("/index.html", "choose a language"),
        ("/en/index.html", "`en` home page"),
        ("/fr/", "`fr` home page"),
        ("/en/404.html", "`en` page-not-found"),
        ("/robots.txt", "robots.txt"),
        ("/sitemap.xml", "sitemap"),
        ("/sitemap-2.xml", "sitemap"),
        ("/_redirects", "_redirects"),
        ("/nginx.conf/", "nginx.conf"),
        ("/.phare-output", "recognises its output folder"),
        ("/test.css", "theme file test.css"),
        ("/en/a/index.html", "content/en/a.md"),
    ] {
        let text = article(&format!("title: Taken\npermalink: \"{permalink}\""), "x");
        collides(&site, "content/en/taken.md", &text, 3, what);
    }
}

#[test]
fn slugs_and_categories_cannot_take_the_place_of_files_phare_writes() {
    let site = built_site();
    let text = article("title: Taken\nslug: 404.html", "x");
    collides(&site, "content/en/taken.md", &text, 3, "`en` page-not-found");
    let text = article("title: Taken\ndescription: d\ncategory: 404.html", "x");
    collides(&site, "content/en/taken.md", &text, 4, "`en` page-not-found");
    let text = article("title: Taken\ncategory: a", "x");
    collides(&site, "content/en/taken.md", &text, 3, "content/en/a.md");
}

#[test]
fn copied_files_named_like_pages_phare_writes_are_reported() {
    let site = built_site();
    collides(&site, "content/en/index.html", "<p>copied</p>", 0, "`en` home page");
    collides(&site, "content/fr/404.html", "<p>copied</p>", 0, "`fr` page-not-found");
    collides(&site, "content/en/a/index.html", "<p>copied</p>", 0, "content/en/a.md");
}

/// Writes two files after a good build; expects one error, on one of them,
/// naming the other and saying why the names collide.
fn both_named(first: &str, second: &str, why: &str) {
    let site = built_site();
    let before = output_files(&site);
    site.write(first, &article("title: One", "x"));
    site.write(second, &article("title: Two", "x"));
    let problems = site.build_fails();
    let errors: Vec<&Diagnostic> = problems.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "expected one error:\n{}", render(&problems));
    let (blamed, other) = if errors[0].file.ends_with(first) { (first, second) } else { (second, first) };
    assert!(errors[0].file.ends_with(blamed), "the error is on neither file:\n{}", render(&problems));
    assert_eq!(errors[0].line, 1, "{}", render(&problems));
    assert!(errors[0].message.contains(other), "{other} is not named:\n{}", render(&problems));
    assert!(errors[0].message.contains(why), "`{why}` is not said:\n{}", render(&problems));
    assert_eq!(output_files(&site), before, "the previous output changed");
}

#[test]
fn names_differing_only_in_case_are_reported_with_both_files() {
    both_named("content/en/Lost.md", "content/en/lost.md", "capital letters");
    // Folder names are lower-cased in addresses: these two are one address.
    both_named("content/en/Help/x.md", "content/en/help/y.md", "would both be written to /en/help/");
}

#[test]
fn composed_and_decomposed_accents_are_reported_with_both_files() {
    both_named("content/en/\u{e9}t\u{e9}.md", "content/en/e\u{301}te\u{301}.md", "accents");
}

#[test]
fn two_home_pages_for_one_language_are_reported() {
    let site = built_site();
    site.write("content/en/_index.md", &article("title: Home", "x"));
    collides(&site, "content/en/index.md", &article("title: Home again", "x"), 1, "content/en/_index.md");
}
