//! Whole builds of small fixture sites, checked by parsing the HTML.

mod common;

use common::{Fixture, article};

fn bilingual() -> Fixture {
    let site = Fixture::new("languages: [en, fr]\nbase_url: https://help.example.org/\nmissing_translation: omit\n");
    site.write("content/en/phones/_index.md", &article("title: Phones\ntranslation_key: cat-phones\norder: 1", ""));
    site.write(
        "content/fr/telephones/_index.md",
        &article("title: Téléphones\ntranslation_key: cat-phones\norder: 1", ""),
    );
    site.write(
        "content/en/phones/lost-phone.md",
        &article(
            "title: Lost phone\ntranslation_key: lost-phone\norder: 2\nupdated: 2026-03-04",
            "Act fast.\n\n## First steps\n\ntext\n",
        ),
    );
    site.write(
        "content/fr/telephones/perte-de-telephone.md",
        &article(
            "title: Téléphone perdu\ntranslation_key: lost-phone\norder: 2\nupdated: 2026-03-04",
            "Agissez vite.\n\n## Premières étapes\n\ntexte\n",
        ),
    );
    site.write("content/en/phones/new-number.md", &article("title: New number\norder: 1", "Change it."));
    site
}

#[test]
fn every_page_kind_is_written_with_its_language() {
    let site = bilingual();
    let report = site.build();
    assert_eq!(report.pages_per_language["en"], 6, "home, 404, search results, category, two articles");
    for (file, lang) in [
        ("en/index.html", "en"),
        ("fr/index.html", "fr"),
        ("en/phones/index.html", "en"),
        ("fr/telephones/index.html", "fr"),
        ("en/phones/lost-phone/index.html", "en"),
        ("fr/telephones/perte-de-telephone/index.html", "fr"),
        ("en/404.html", "en"),
        ("fr/404.html", "fr"),
        ("en/search/index.html", "en"),
        ("fr/recherche/index.html", "fr"),
        ("404.html", "en"),
        ("index.html", "en"),
    ] {
        assert_eq!(site.page(file).lang(), lang, "{file}");
    }
    assert!(site.exists("test.css"), "theme static files are copied");
}

#[test]
fn landing_page_offers_every_language_with_its_own_lang() {
    let site = bilingual();
    site.build();
    let landing = site.page("index.html");
    assert_eq!(landing.attrs("section", "lang"), ["en", "fr"]);
    assert_eq!(landing.attrs("section a", "href"), ["en/", "fr/"]);
    assert_eq!(landing.texts("section a"), ["Continue in English", "Continuer en français"]);
}

#[test]
fn translations_link_to_each_other_and_declare_alternates() {
    let site = bilingual();
    site.build();
    let fr = site.page("fr/telephones/perte-de-telephone/index.html");
    assert_eq!(fr.attr("#switch a", "href"), "../../../en/phones/lost-phone/");
    assert_eq!(fr.attr("#switch a", "lang"), "en");
    assert_eq!(
        fr.attrs("link[rel=alternate]", "hreflang")
            .into_iter()
            .zip(fr.attrs("link[rel=alternate]", "href"))
            .collect::<Vec<_>>(),
        [
            ("en".to_string(), "https://help.example.org/en/phones/lost-phone/".to_string()),
            ("fr".to_string(), "https://help.example.org/fr/telephones/perte-de-telephone/".to_string())
        ]
    );
    assert_eq!(fr.attr("link[rel=canonical]", "href"), "https://help.example.org/fr/telephones/perte-de-telephone/");
    let category = site.page("fr/telephones/index.html");
    assert_eq!(category.attr("#switch a", "href"), "../../en/phones/", "categories pair by translation key");
}

#[test]
fn omitted_translation_switches_to_the_nearest_page_and_says_so() {
    let site = bilingual();
    site.build();
    let page = site.page("en/phones/new-number/index.html");
    assert_eq!(page.attr("#switch a", "href"), "../../../fr/telephones/", "the category's French version");
    assert!(page.text_of("#switch a").ends_with("(page de la rubrique)"), "{}", page.text_of("#switch a"));
    assert_eq!(page.all("link[rel=alternate]").len(), 1, "only itself");
    assert!(!site.exists("fr/telephones/new-number/index.html"));
}

#[test]
fn articles_are_ordered_and_linked_previous_next_with_current_page_marked() {
    let site = bilingual();
    site.build();
    let category = site.page("en/phones/index.html");
    assert_eq!(category.texts("#articles li a"), ["New number", "Lost phone"]);
    assert_eq!(category.text_of("#count"), "2 articles");
    let page = site.page("en/phones/lost-phone/index.html");
    assert_eq!(page.text_of("#prev"), "New number");
    assert!(page.all("#next").is_empty());
    assert_eq!(page.texts("#sidebar a[aria-current=page]"), ["Lost phone"]);
    assert_eq!(page.attr("#sidebar a[aria-current=page]", "href"), "../../../en/phones/lost-phone/");
    assert_eq!(page.texts("#crumbs a"), ["Help Center", "Phones"]);
}

#[test]
fn french_plural_treats_zero_and_one_as_singular_and_dates_are_localized() {
    let site = bilingual();
    site.build();
    assert_eq!(site.page("fr/telephones/index.html").text_of("#count"), "1 article");
    assert_eq!(site.page("fr/telephones/perte-de-telephone/index.html").text_of("#updated"), "4 mars 2026");
    assert_eq!(site.page("en/phones/lost-phone/index.html").text_of("#updated"), "March 4, 2026");
}

#[test]
fn french_titles_sort_with_accents_folded() {
    let site = Fixture::new("languages: [fr]\n");
    for (file, title) in
        [("a", "Zèbre"), ("b", "Écran"), ("c", "étape"), ("d", "Dossier"), ("e", "Œuvre"), ("f", "Ordre")]
    {
        site.write(&format!("content/fr/sujets/{file}.md"), &article(&format!("title: {title}"), "x"));
    }
    site.build();
    let category = site.page("fr/sujets/index.html");
    assert_eq!(category.texts("#articles li a"), ["Dossier", "Écran", "étape", "Œuvre", "Ordre", "Zèbre"]);
}

#[test]
fn language_comes_from_front_matter_then_suffix_then_root() {
    let site = Fixture::new("languages: [en, fr]\nmissing_translation: omit\n");
    site.write("content/en/plain.md", &article("title: Plain", "x"));
    site.write("content/en/dotted.fr.md", &article("title: Pointé", "x"));
    site.write("content/en/underscored._fr.md", &article("title: Souligné", "x"));
    site.write("content/en/declared.md", &article("title: Déclaré\nlang: fr", "x"));
    site.write("content/fr/.keep", "");
    site.build();
    assert_eq!(site.page("en/plain/index.html").lang(), "en");
    assert_eq!(site.page("fr/dotted/index.html").lang(), "fr");
    assert_eq!(site.page("fr/underscored/index.html").lang(), "fr");
    assert_eq!(site.page("fr/declared/index.html").lang(), "fr");
    let home = site.page("fr/index.html");
    assert_eq!(home.texts("#loose a"), ["Déclaré", "Pointé", "Souligné"]);
}

#[test]
fn suffix_pairs_translations_in_one_folder() {
    let site = Fixture::new("languages:\n  - code: en\n    content: help\n  - code: fr\n    content: help\n");
    site.write("help/reset._en.md", &article("title: Reset", "x"));
    site.write("help/reset._fr.md", &article("title: Réinitialiser", "x"));
    site.build();
    assert_eq!(site.page("fr/reset/index.html").attr("#switch a", "href"), "../../en/reset/");
}

#[test]
fn title_comes_from_the_first_heading_when_front_matter_has_none() {
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/guide/sms.md", "# Receive codes by SMS\n\nIntro text.\n\n## Steps\n");
    site.build();
    let page = site.page("en/guide/sms/index.html");
    assert_eq!(page.text_of("h1"), "Receive codes by SMS");
    assert!(page.all("main h1").is_empty(), "the heading is not repeated in the body");
    assert_eq!(page.text_of("#description"), "Intro text.");
}

#[test]
fn heading_ids_and_table_of_contents() {
    let site = Fixture::new("languages: [fr]\n");
    let body = "## Vérification en deux étapes\n\n### Étape 1 {#first}\n\n## Choisir \\{#choose}\n\n## Autre {/* #other */}\n\n## Vérification en deux étapes\n";
    site.write("content/fr/a.md", &article("title: A", body));
    site.build();
    let page = site.page("fr/a/index.html");
    assert_eq!(
        page.attrs("main h2, main h3", "id"),
        ["vérification-en-deux-étapes", "first", "choose", "other", "vérification-en-deux-étapes-1"]
    );
    assert_eq!(
        page.texts("#toc a"),
        ["Vérification en deux étapes", "Étape 1", "Choisir", "Autre", "Vérification en deux étapes"]
    );
    assert_eq!(page.attrs("#toc li", "data-level"), ["2", "3", "2", "2", "2"]);
    assert!(!page.text_of("main").contains('{'));
}

#[test]
fn markdown_extensions_render() {
    let site = Fixture::new("languages: [fr]\n");
    let body = "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] fait\n\n~~ancien~~ texte[^1]\n\n[^1]: note\n\n> [!WARNING]\n> Gardez vos codes.\n";
    site.write("content/fr/a.md", &article("title: A", body));
    site.build();
    let page = site.page("fr/a/index.html");
    assert_eq!(page.all("main table td").len(), 2);
    assert_eq!(page.all("main input[type=checkbox][checked]").len(), 1);
    assert_eq!(page.text_of("main del"), "ancien");
    assert_eq!(page.all("main sup a").len(), 1, "footnote reference");
    assert_eq!(page.text_of("main .alert-warning .alert-title"), "Attention");
}

#[test]
fn links_to_source_files_and_images_become_same_language_urls() {
    let site = bilingual();
    site.write("content/en/phones/photo.png", "not really a png");
    site.write(
        "content/fr/telephones/nouveau.md",
        &article("title: Nouveau", "Voir [perte](perte-de-telephone.md#premières-étapes), [en](../../en/phones/lost-phone.md).\n\n![Photo](../../en/phones/photo.png)\n"),
    );
    site.build();
    let page = site.page("fr/telephones/nouveau/index.html");
    assert_eq!(
        page.attrs("main a", "href"),
        // pulldown-cmark percent-encodes hrefs; browsers decode the fragment to find the id.
        [
            "../../../fr/telephones/perte-de-telephone/#premi%C3%A8res-%C3%A9tapes",
            "../../../fr/telephones/perte-de-telephone/"
        ]
    );
    assert_eq!(page.attr("main img", "src"), "../../../en/phones/photo.png");
    assert!(site.exists("en/phones/photo.png"), "files beside articles are copied");
}

#[test]
fn broken_link_is_a_warning_with_its_line() {
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/a.md", &article("title: A", "Intro\n\nSee [gone](gone.md).\n"));
    let report = site.build();
    assert_eq!(report.warnings.len(), 1);
    assert_eq!((report.warnings[0].line, report.warnings[0].column), (6, 5));
}

#[test]
fn permalink_slug_and_extra_keys_are_honoured() {
    let site = Fixture::new("languages: [fr]\n");
    site.write("content/fr/aide/x.md", &article("title: X\npermalink: /fr/ailleurs/ici/\nlayout: help", "x"));
    site.write("content/fr/aide/y.md", &article("title: Y\nslug: autre-nom", "x"));
    site.build();
    assert_eq!(site.page("fr/ailleurs/ici/index.html").text_of("#layout"), "help");
    assert!(site.exists("fr/aide/autre-nom/index.html"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/draft.md", &article("title: Draft\ndraft: true", "x"));
    site.build();
    assert!(!site.exists("en/draft/index.html"));
    site.build_with(phare::BuildOptions { drafts: true, ..site.options() });
    assert!(site.exists("en/draft/index.html"));
}

#[test]
fn base_url_from_the_command_line_wins() {
    let site = bilingual();
    site.build_with(phare::BuildOptions {
        base_url: Some("https://preview.example.org/pr-7".into()),
        ..site.options()
    });
    let page = site.page("en/phones/lost-phone/index.html");
    assert_eq!(page.attr("link[rel=canonical]", "href"), "https://preview.example.org/pr-7/en/phones/lost-phone/");
}

#[test]
fn not_found_pages_link_from_the_site_root() {
    let site = Fixture::new("languages: [en]\nbase_url: https://x.org/help/\n");
    site.write("content/en/a.md", &article("title: A", "x"));
    site.build();
    assert_eq!(site.page("en/404.html").attr("#home", "href"), "/help/en/");
}

#[test]
fn site_theme_overrides_the_default_file_by_file() {
    let site = Fixture::bare();
    site.write("site.yaml", "languages: [en]\n");
    site.write(
        "themes/default/templates/article.html",
        "<html lang=\"{{ lang }}\"><p id=\"mine\">{{ page.title }}</p></html>",
    );
    site.write("content/en/cat/a.md", &article("title: Mine", "x"));
    site.build();
    assert_eq!(site.page("en/cat/a/index.html").text_of("#mine"), "Mine");
    let category = site.page("en/cat/index.html");
    assert!(!category.all("link[rel=stylesheet]").is_empty(), "the category page still uses the built-in theme");
    assert!(site.exists("phare/style.css"));
}

#[test]
fn works_without_site_yaml_using_content_folders() {
    let site = Fixture::bare();
    site.write("content/fr/a.md", &article("title: A", "x"));
    site.write("content/en/a.md", &article("title: A", "x"));
    site.build();
    assert_eq!(site.page("index.html").lang(), "en");
    assert_eq!(site.page("fr/a/index.html").lang(), "fr");
}

#[test]
fn content_roots_can_be_any_folder() {
    let site = Fixture::new(
        "languages:\n  - code: en\n    content: docs\n  - code: fr\n    content: i18n/fr/docusaurus-plugin-content-docs/current\n",
    );
    site.write("docs/guide/start.md", &article("title: Start", "x"));
    site.write("i18n/fr/docusaurus-plugin-content-docs/current/guide/start.md", &article("title: Commencer", "x"));
    site.build();
    assert_eq!(site.page("fr/guide/start/index.html").attr("#switch a", "href"), "../../../en/guide/start/");
}

#[test]
fn two_builds_give_identical_output_and_stale_files_disappear() {
    let site = bilingual();
    site.build();
    let first = snapshot(&site.output());
    site.build();
    assert_eq!(first, snapshot(&site.output()));
    std::fs::remove_file(site.path().join("content/en/phones/new-number.md")).unwrap();
    site.build();
    assert!(!site.exists("en/phones/new-number/index.html"));
}

fn snapshot(dir: &std::path::Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    walk(dir).into_iter().map(|p| (p.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&p).unwrap())).collect()
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { files.extend(walk(&path)) } else { files.push(path) }
    }
    files
}

#[test]
fn settings_and_content_problems_are_reported_in_one_run() {
    let site = Fixture::new("languages: [en]\nbase_ulr: https://x.org/\n");
    site.write("content/en/a.md", "---\ntitle: x\ndescription: [unclosed\n---\nbody\n");
    let problems = site.build_fails();
    let places: Vec<(String, usize, usize)> = problems
        .iter()
        .map(|d| (d.file.file_name().unwrap().to_string_lossy().to_string(), d.line, d.column))
        .collect();
    assert_eq!(places, [("a.md".to_string(), 3, 14), ("site.yaml".to_string(), 3, 1)]);
}
