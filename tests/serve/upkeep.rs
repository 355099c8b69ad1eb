//! The preview's translation pages: `/_phare/status/`, `/_phare/compare/<key>/`
//! and the toolbar on article pages; none of them in a build.

use super::common::{Fixture, article};
use super::git::{commit_all, git};
use super::{request, start};

/// English changed after the French: the French is outdated; the English
/// gained a section the French does not have.
fn site() -> Fixture {
    let site = Fixture::new("languages: [en, fr]\n");
    git(site.path(), &["init", "-q"], "2026-10-01");
    site.write(
        "content/en/help/lost-phone.md",
        &article("title: Lost phone\ntranslation_key: lost", "Intro.\n\n## Steps {#steps}\n\nCall us.\n"),
    );
    site.write(
        "content/fr/aide/perte.md",
        &article("title: Téléphone perdu\ntranslation_key: lost", "Intro.\n\n## Étapes {#steps}\n\nAppelez-nous.\n"),
    );
    commit_all(site.path(), "2026-10-01");
    site.write(
        "content/en/help/lost-phone.md",
        &article(
            "title: Lost phone\ntranslation_key: lost",
            "Intro.\n\n## Steps {#steps}\n\nCall us today.\n\n## Afterwards\n\nChange your password.\n",
        ),
    );
    commit_all(site.path(), "2026-11-03");
    site
}

fn select(html: &str, css: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(css).unwrap();
    document.select(&selector).map(|e| e.text().collect::<String>()).collect()
}

#[test]
fn the_status_page_lists_every_pair_with_a_link_to_its_comparison() {
    let site = site();
    let server = start(&site);
    let reply = request(server.port, "GET", "/_phare/status/", "");
    assert_eq!(reply.status, 200);
    let rows = select(&reply.body, "tr.state-outdated");
    assert_eq!(rows.len(), 1, "{}", reply.body);
    assert!(rows[0].contains("Téléphone perdu") && rows[0].contains("1 source change behind since 2026-11-03"));
    let document = scraper::Html::parse_document(&reply.body);
    let link = scraper::Selector::parse("tr.state-outdated a").unwrap();
    assert_eq!(document.select(&link).next().unwrap().value().attr("href"), Some("/_phare/compare/lost/"));
}

#[test]
fn the_compare_page_aligns_sections_and_highlights_the_source_changes() {
    let site = site();
    let server = start(&site);
    let reply = request(server.port, "GET", "/_phare/compare/lost/", "");
    assert_eq!(reply.status, 200);
    let document = scraper::Html::parse_document(&reply.body);
    let rows = scraper::Selector::parse("table.compare tbody tr").unwrap();
    let cells = scraper::Selector::parse("td").unwrap();
    let rows: Vec<Vec<String>> =
        document.select(&rows).map(|r| r.select(&cells).map(|c| c.text().collect::<String>()).collect()).collect();
    assert_eq!(rows.len(), 3, "introduction, steps, afterwards: {rows:?}");
    assert!(rows[1][0].contains("Steps") && rows[1][1].contains("Étapes"), "aligned by id: {rows:?}");
    assert!(rows[1][0].contains("changed since the translation"));
    let steps = "table.compare tbody tr:nth-child(2) td.changed";
    assert_eq!(select(&reply.body, &format!("{steps} .line-added"))[0], "Call us today.");
    assert_eq!(select(&reply.body, &format!("{steps} .line-removed")), ["Call us."]);
    assert!(rows[2][0].contains("Afterwards") && rows[2][0].contains("new since the translation"));
    assert_eq!(rows[2][1], "No matching section in the translation");
}

#[test]
fn article_pages_carry_the_toolbar_in_the_preview_only() {
    let site = site();
    let server = start(&site);
    let page = request(server.port, "GET", "/fr/aide/perte/", "");
    let document = scraper::Html::parse_document(&page.body);
    let links = scraper::Selector::parse("#phare-toolbar a").unwrap();
    let hrefs: Vec<&str> = document.select(&links).filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(hrefs, ["/_phare/compare/lost/", "/_phare/status/"]);

    site.build();
    assert!(!site.page("fr/aide/perte/index.html").text.contains("phare-toolbar"));
    assert!(!site.output().join("_phare").exists(), "no preview page in a build");
}

#[test]
fn the_compare_page_follows_edits() {
    let site = site();
    let server = start(&site);
    site.write(
        "content/fr/aide/perte.md",
        &article(
            "title: Téléphone perdu\ntranslation_key: lost",
            "Intro.\n\n## Étapes {#steps}\n\nAppelez-nous.\n\n## Ensuite\n\nChangez de mot de passe.\n",
        ),
    );
    let source = std::fs::canonicalize(site.path().join("content/fr/aide/perte.md")).unwrap();
    server.state.update(std::slice::from_ref(&source));
    let reply = request(server.port, "GET", "/_phare/compare/lost/", "");
    assert!(select(&reply.body, "td[lang=fr] strong").contains(&"Ensuite".to_string()), "{}", reply.body);
}
