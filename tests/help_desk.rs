//! The help desk's slots from `site.yaml`, in the default theme: the
//! organisation and its logo, a contact block on every article and 404,
//! footer links, "Was this page helpful?" and "Edit this page", per
//! language; and addresses that could run script refused.

mod common;

use common::{Fixture, article};

const SETTINGS: &str = "languages: [en, fr]
organisation:
  name: Passerelle
  url: { en: https://passerelle.example/en/, fr: https://passerelle.example/fr/ }
  logo: en/logo.svg
contact:
  phone: 1-800-555-0199
  hours: { en: Weekdays 8 to 8, fr: En semaine de 8 h à 20 h }
  page: { en: en/help/, fr: fr/aide/ }
footer_links:
  - text: { en: Privacy, fr: Confidentialité }
    url: { en: https://passerelle.example/en/privacy/, fr: https://passerelle.example/fr/confidentialite/ }
feedback: { en: 'mailto:help@passerelle.example', fr: 'mailto:aide@passerelle.example' }
edit_link: https://git.example/help/edit/main/{path}
";

fn site(settings: &str) -> Fixture {
    let site = Fixture::bare();
    site.write("site.yaml", settings);
    site.write("content/en/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.write("content/en/help/lost phone.md", &article("title: Lost phone\ntranslation_key: lost", "Act fast.\n"));
    site.write("content/fr/aide/perte.md", &article("title: Téléphone perdu\ntranslation_key: lost", "Vite.\n"));
    site
}

#[test]
fn every_slot_shows_in_the_pages_language_with_addresses_relative_to_the_page() {
    let site = site(SETTINGS);
    site.build();
    let page = site.page("en/help/lost-phone/index.html");
    assert_eq!(page.attr(".org-logo", "href"), "https://passerelle.example/en/");
    assert_eq!(page.attr(".org-logo img", "src"), "../../../en/logo.svg");
    assert_eq!(page.attr(".org-logo img", "alt"), "Passerelle");
    assert!(site.exists("en/logo.svg"));
    assert_eq!(page.text_of(".contact-block h2"), "Still need help?");
    assert_eq!(page.attr(".contact-phone a", "href"), "tel:18005550199");
    assert_eq!(page.text_of(".contact-hours"), "Weekdays 8 to 8");
    assert_eq!(page.attr(".contact-page", "href"), "../../../en/help/");
    assert_eq!(page.texts(".footer-links-org a"), ["Privacy"]);
    assert_eq!(page.attr(".feedback a", "href"), "mailto:help@passerelle.example");
    assert_eq!(page.attr(".edit-page a", "href"), "https://git.example/help/edit/main/content/en/help/lost%20phone.md");

    let french = site.page("fr/aide/perte/index.html");
    assert_eq!(french.text_of(".contact-block h2"), "Besoin d’aide supplémentaire\u{202f}?");
    assert_eq!(french.text_of(".contact-hours"), "En semaine de 8 h à 20 h");
    assert_eq!(french.texts(".footer-links-org a"), ["Confidentialité"]);
    assert_eq!(french.attr(".feedback a", "href"), "mailto:aide@passerelle.example");

    let not_found = site.page("fr/404.html");
    // 404 pages are served at any address, so their links start at the root.
    assert_eq!(not_found.attr(".contact-page", "href"), "/fr/aide/");
}

#[test]
fn without_settings_no_slot_is_shown() {
    let site = site("languages: [en, fr]\n");
    site.build();
    let page = site.page("en/help/lost-phone/index.html");
    for css in [".org-logo", ".contact-block", ".footer-links-org", ".feedback", ".edit-page"] {
        assert!(page.all(css).is_empty(), "{css}");
    }
}

/// `site.yaml` arrives in pull requests: an address that would run script
/// in readers' browsers is refused at its line.
#[test]
fn addresses_that_could_run_script_are_refused_at_their_line() {
    for (key, value) in [
        ("feedback", "javascript:alert(1)"),
        ("edit_link", "JavaScript:alert(document.cookie)"),
        ("organisation:\n  name: X\n  logo", "data:image/svg+xml,<svg onload=alert(1)>"),
        ("contact:\n  page", "vbscript:x"),
    ] {
        let settings = format!("languages: [en, fr]\n{key}: \"{value}\"\n");
        let site = site(&settings);
        let problems = site.build_fails();
        let shown = common::render(&problems);
        assert!(shown.contains("which is not an address Phare puts in a page"), "{key}: {shown}");
        assert!(!site.exists("en/help/lost-phone/index.html"));
    }
}

#[test]
fn a_misspelled_slot_setting_gets_did_you_mean() {
    let site = site("languages: [en, fr]\ncontact:\n  phon: 1-800\n");
    let shown = common::render(&site.build_fails());
    assert!(shown.contains("unknown setting `phon`") && shown.contains("did you mean `phone`?"), "{shown}");
}

/// As Canada.ca marks it up: the other language's full name, its code for
/// small screens (with the full name as its title), `lang` and `hreflang`.
#[test]
fn the_language_switch_names_the_language_and_gives_its_code_for_phones() {
    let site = site("languages: [en, fr]\n");
    site.build();
    let page = site.page("en/help/lost-phone/index.html");
    let link = ".lang-switch a[lang=fr][hreflang=fr]";
    assert_eq!(page.text_of(&format!("{link} .lang-switch-name")), "Français");
    assert_eq!(page.text_of(&format!("{link} abbr")), "FR");
    assert_eq!(page.attr(&format!("{link} abbr"), "title"), "Français");
}
