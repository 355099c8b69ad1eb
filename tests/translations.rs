//! Two languages as equals: pairing, stand-ins for missing translations,
//! the language switch, hreflang and the sitemap, UI strings, same-language
//! links. HTML and XML are checked by parsing.

mod common;

use common::{Fixture, article};

/// An English article with a French translation under French names, an
/// English-only article, and a French category.
fn site(settings: &str) -> Fixture {
    let site = Fixture::new(&format!("languages: [en, fr]\nbase_url: https://help.example.org/\n{settings}"));
    site.write("content/en/phones/_index.md", &article("title: Phones\ntranslation_key: phones", ""));
    site.write("content/fr/telephones/_index.md", &article("title: Téléphones\ntranslation_key: phones", ""));
    site.write(
        "content/en/phones/lost-phone.md",
        &article(
            "title: Lost phone\ntranslation_key: lost-phone\nupdated: 2026-03-04",
            "## Steps {#steps}\n\nAct fast.\n",
        ),
    );
    site.write(
        "content/fr/telephones/perte-de-telephone.md",
        &article("title: Téléphone perdu\ntranslation_key: lost-phone", "## Étapes {#steps}\n\nAgissez vite.\n"),
    );
    site.write(
        "content/en/phones/passkeys.md",
        &article("title: Passkeys\ndescription: A pilot.", "See [lost phone](lost-phone.md#steps).\n"),
    );
    site
}

#[test]
fn untranslated_article_is_shown_in_the_other_language_with_a_notice() {
    let site = site("");
    site.build();
    let page = site.page("fr/telephones/passkeys/index.html");
    assert_eq!(page.lang(), "fr", "the page speaks French around the content");
    assert_eq!(page.attr("main", "lang"), "en", "the content says it is English");
    assert_eq!(
        page.text_of("#fallback p"),
        "Cette page n’est pas encore traduite en français : elle est présentée ci-dessous en anglais."
    );
    assert_eq!(page.attr("#fallback a", "href"), "../../../en/phones/passkeys/");
    assert_eq!(page.attr("meta[name=robots]", "content"), "noindex");
    assert!(page.all("link[rel=alternate]").is_empty(), "a stand-in is not a translation");
    assert_eq!(
        page.attr("main a", "href"),
        "../../../fr/telephones/perte-de-telephone/#steps",
        "its links lead to French pages"
    );
    let category = site.page("fr/telephones/index.html");
    assert_eq!(category.attr("#articles li[lang=en] a", "href"), "../../fr/telephones/passkeys/");
    let english = site.page("en/phones/passkeys/index.html");
    assert_eq!(english.attr("#switch a", "href"), "../../../fr/telephones/passkeys/");
    assert_eq!(english.text_of("#switch a"), "Français (pas encore traduite)");
    assert_eq!(english.attrs("link[rel=alternate]", "hreflang"), ["en"]);
}

#[test]
fn omit_policy_leaves_the_article_out_and_the_switch_goes_to_the_category() {
    let site = site("missing_translation: omit\n");
    site.build();
    assert!(!site.exists("fr/telephones/passkeys/index.html"));
    let english = site.page("en/phones/passkeys/index.html");
    assert_eq!(english.attr("#switch a", "href"), "../../../fr/telephones/");
    assert_eq!(english.text_of("#switch a"), "Français (page de la rubrique)");
    assert_eq!(site.page("fr/telephones/index.html").texts("#articles a"), ["Téléphone perdu"]);
}

#[test]
fn an_article_can_override_the_site_policy() {
    let site = site("");
    site.write("content/en/phones/internal.md", &article("title: Internal\nmissing_translation: omit", "x"));
    site.build();
    assert!(!site.exists("fr/telephones/internal/index.html"));
    assert!(site.exists("fr/telephones/passkeys/index.html"), "the others still follow the site policy");
}

#[test]
fn translations_declare_each_other_in_head_and_sitemap() {
    let site = site("");
    site.build();
    let fr = site.page("fr/telephones/perte-de-telephone/index.html");
    assert_eq!(fr.attrs("link[rel=alternate]", "hreflang"), ["en", "fr"]);
    assert_eq!(fr.attr("#switch a", "href"), "../../../en/phones/lost-phone/");
    assert_eq!(fr.attr("#switch a", "lang"), "en");

    let xml = std::fs::read_to_string(site.output().join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let urls: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("url")).collect();
    let lost = urls
        .iter()
        .find(|u| {
            u.descendants()
                .any(|n| n.has_tag_name("loc") && n.text() == Some("https://help.example.org/en/phones/lost-phone/"))
        })
        .expect("the English article is in the sitemap");
    let alternates: Vec<(&str, &str)> = lost
        .children()
        .filter(|n| n.has_tag_name("link"))
        .map(|n| (n.attribute("hreflang").unwrap(), n.attribute("href").unwrap()))
        .collect();
    assert_eq!(
        alternates,
        [
            ("en", "https://help.example.org/en/phones/lost-phone/"),
            ("fr", "https://help.example.org/fr/telephones/perte-de-telephone/"),
            ("x-default", "https://help.example.org/"),
        ]
    );
    let lastmod = lost.children().find(|n| n.has_tag_name("lastmod")).and_then(|n| n.text());
    assert_eq!(lastmod, Some("2026-03-04"));
    let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
    assert!(!locs.iter().any(|l| l.contains("fr/telephones/passkeys")), "stand-ins are not indexed");
    let robots = std::fs::read_to_string(site.output().join("robots.txt")).unwrap();
    assert!(robots.lines().any(|l| l == "Sitemap: https://help.example.org/sitemap.xml"));
}

#[test]
fn two_articles_of_one_language_with_one_key_is_an_error_naming_both() {
    let site = site("");
    site.write("content/fr/telephones/autre.md", &article("title: Autre\ntranslation_key: lost-phone", "x"));
    let problems = site.build_fails();
    let problem = problems.iter().find(|d| d.message.contains("both claim")).expect("a duplicate-key error");
    assert!(problem.file.ends_with("content/fr/telephones/perte-de-telephone.md"), "{problem}");
    assert!(problem.message.contains("content/fr/telephones/autre.md"), "{problem}");
}

#[test]
fn docusaurus_ids_pair_when_the_site_says_so() {
    let site = Fixture::new("languages: [en, fr]\ntranslation_key_field: id\nmissing_translation: omit\n");
    site.write("content/en/start.md", &article("id: getting-started\ntitle: Start", "x"));
    site.write("content/fr/demarrer.md", &article("id: getting-started\ntitle: Démarrer", "x"));
    site.build();
    assert_eq!(site.page("fr/demarrer/index.html").attr("#switch a", "href"), "../../en/start/");
}

#[test]
fn links_to_the_other_language_lead_to_this_language_unless_marked() {
    let site = site("");
    site.write(
        "content/fr/telephones/liens.md",
        &article(
            "title: Liens",
            "Voir [la page](/en/phones/lost-phone/), la [version anglaise](/en/phones/lost-phone/){hreflang=en} et [l'original](lost-phone._en.md).\n",
        ),
    );
    site.build();
    let page = site.page("fr/telephones/liens/index.html");
    let links = page.all("main a");
    assert_eq!(links[0].value().attr("href"), Some("../../../fr/telephones/perte-de-telephone/"));
    assert_eq!(links[1].value().attr("href"), Some("../../../en/phones/lost-phone/"));
    assert_eq!(links[1].value().attr("hreflang"), Some("en"));
    assert_eq!(links[1].value().attr("lang"), Some("en"));
}

#[test]
fn missing_pages_and_anchors_are_warnings_with_lines_or_errors_when_asked() {
    let body = "Intro.\n\n[gone](/en/nowhere/) and [bad anchor](lost-phone.md#nope) and [fine](lost-phone.md#steps).\n";
    let lenient = site("");
    lenient.write("content/en/phones/links.md", &article("title: Links", body));
    let report = lenient.build();
    let mut places: Vec<(usize, usize, bool)> = report
        .warnings
        .iter()
        .filter(|d| d.file.ends_with("links.md"))
        .map(|d| (d.line, d.column, d.message.contains("#nope")))
        .collect();
    places.sort();
    assert_eq!(places, [(6, 1, false), (6, 26, true)]);

    let strict = site("broken_links: error\n");
    strict.write("content/en/phones/links.md", &article("title: Links", body));
    let problems = strict.build_fails();
    assert_eq!(problems.iter().filter(|d| d.is_error() && d.file.ends_with("links.md")).count(), 2);
}

#[test]
fn regional_language_falls_back_to_french_strings_and_site_strings_override() {
    let site = Fixture::new("languages: [en, fr-CA]\n");
    site.write("content/fr-CA/a.md", &article("title: A", "x"));
    site.write("content/en/a.md", &article("title: A", "x"));
    site.write("i18n/fr-CA.ftl", "not-found-title = Page introuvable (Canada)\n");
    let report = site.build();
    assert!(
        report.warnings.iter().all(|d| !d.message.contains("UI string")),
        "fr-CA borrows from fr: {:?}",
        report.warnings
    );
    assert_eq!(site.page("fr-CA/404.html").text_of("h1"), "Page introuvable (Canada)");
    assert_eq!(site.page("fr-CA/a/index.html").lang(), "fr-CA");
}

#[test]
fn a_language_without_strings_warns_for_each_missing_one() {
    let site = Fixture::new("languages: [en, de]\n");
    site.write("content/de/a.md", &article("title: A", "x"));
    site.write("content/en/a.md", &article("title: A", "x"));
    let report = site.build();
    let missing: Vec<_> = report.warnings.iter().filter(|d| d.message.contains("has no `de` translation")).collect();
    assert!(missing.len() > 10, "{}", missing.len());
    assert!(missing.iter().any(|d| d.message.contains("`toc-title`")));
}

#[test]
fn no_invisible_isolation_marks_are_written() {
    let site = site("");
    site.build();
    for page in ["fr/telephones/index.html", "fr/telephones/passkeys/index.html", "en/phones/index.html"] {
        let text = std::fs::read_to_string(site.output().join(page)).unwrap();
        assert!(!text.contains(['\u{2068}', '\u{2069}']), "{page}");
    }
}

#[test]
fn a_translation_key_one_letter_from_a_lonely_key_of_the_other_language_gets_did_you_mean() {
    let site = Fixture::new("languages: [en, fr]\n");
    site.write("content/en/lost-phone.md", &article("title: Lost phone\ntranslation_key: lost-phone", "x"));
    site.write("content/fr/perte.md", &article("title: Téléphone perdu\ntranslation_key: lost-phnoe", "x"));
    // Paired articles and far keys are left alone.
    site.write("content/en/billing.md", &article("title: Billing\ntranslation_key: billing", "x"));
    site.write("content/fr/facturation.md", &article("title: Facturation\ntranslation_key: billing", "x"));
    site.write("content/en/refunds.md", &article("title: Refunds\ntranslation_key: refunds", "x"));

    let report = site.build();
    let near: Vec<_> = report.warnings.iter().filter(|d| d.code == Some("near-translation-key")).collect();
    assert_eq!(near.len(), 2, "one on each side: {near:#?}");
    let french = near.iter().find(|d| d.file.ends_with("perte.md")).expect("the French article is named");
    assert_eq!(french.line, 3, "at its translation_key line");
    assert!(
        french.message.contains("`lost-phnoe`") && french.message.contains("`lost-phone` in `en`"),
        "{}",
        french.message
    );
    assert_eq!(
        french.hint.as_deref(),
        Some("did you mean `lost-phone`? Give both articles the same `translation_key` to pair them")
    );

    // `check` no longer advises translating an article whose translation
    // exists under the near key, but still does for the real gap.
    let findings = phare::check(&site.options());
    let advice: Vec<String> = findings
        .iter()
        .filter(|d| d.code == Some("missing-translation"))
        .map(|d| d.file.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert_eq!(advice, ["refunds.md"]);
}

#[test]
fn a_link_to_a_missing_file_one_typo_from_an_existing_one_gets_did_you_mean() {
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/help/lost-phone.md", &article("title: Lost phone", "x"));
    site.write_bytes("content/en/help/screen.png", b"\x89PNG");
    site.write(
        "content/en/help/links.md",
        &article("title: Links", "[a](lost-phnoe.md) ![b](scren.png) [c](nothing-like-it.md)\n"),
    );
    let report = site.build();
    let hints: Vec<(String, String)> = report
        .warnings
        .iter()
        .filter(|d| d.code == Some("broken-link"))
        .map(|d| (d.message.clone(), d.hint.clone().unwrap_or_default()))
        .collect();
    assert_eq!(hints.len(), 3, "{hints:#?}");
    let hint_for = |needle: &str| hints.iter().find(|(m, _)| m.contains(needle)).map(|(_, h)| h.as_str()).unwrap();
    assert_eq!(hint_for("lost-phnoe.md"), "did you mean `lost-phone.md`? It is in the same folder");
    assert_eq!(hint_for("scren.png"), "did you mean `screen.png`? It is in the same folder");
    assert!(!hint_for("nothing-like-it.md").contains("did you mean"));
}
