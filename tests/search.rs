//! The search index as a reader meets it: a bilingual fixture site is
//! built, then queries run through the reference engine on the files
//! written (the same files and steps the browser's client uses).

mod common;

use common::{Fixture, article, render};
use phare::search::query::{Answer, MatchKind, search};

fn site() -> Fixture {
    let site = Fixture::new("languages: [en, fr]\n");
    site.write(
        "content/fr/depannage/perte-de-telephone.md",
        &article(
            "title: Perte de téléphone\ndescription: Que faire si vous perdez votre téléphone",
            "Bloquez d’abord l’application.\n\n## Changer de numéro {#changer}\n\nConnectez-vous puis ouvrez les paramètres.\n\n:::warning Attention\nGardez vos codes de secours\u{a0}: ils servent une fois.\n:::\n",
        ),
    );
    site.write(
        "content/fr/connexion/mot-de-passe.md",
        &article(
            "title: Mot de passe oublié",
            "Pour réinitialiser, rendez-vous sur la page d'accueil.\n\n## Authentification\n\nL'authentification en deux étapes protège le compte. Le telephone fixe marche aussi.\n",
        ),
    );
    site.write(
        "content/fr/connexion/appli.md",
        &article(
            "title: Installer l'application",
            "L'application se trouve dans le magasin. Le code arrive par texto.\n",
        ),
    );
    site.write(
        "content/fr/connexion/brouillon.md",
        &article("title: Brouillon secret\ndraft: true", "Le mot zanzibarique n'est écrit qu'ici.\n"),
    );
    site.write(
        "content/fr/connexion/cache.md",
        &article("title: Page cachée\nsearch: false", "Le mot quetzalcoatlique n'est écrit qu'ici.\n"),
    );
    site.write(
        "content/en/signing-in/lost-phone.md",
        &article(
            "title: Lost phone\ndescription: What to do when your phone is gone",
            "Sign in from another device.\n\n## Backup codes {#backup}\n\nUse one of your backup codes.\n\n::::tabs\n:::tab Android\nOpen settings.\n:::\n:::tab iPhone\nOpen the app.\n:::\n::::\n",
        ),
    );
    site.write(
        "content/en/signing-in/authentication.md",
        &article("title: Authentication", "Two-step authentication protects your account.\n"),
    );
    site.write(
        "content/en/signing-in/only-english.md",
        &article("title: English only", "This page mentions the word xylophonic, which no French page does.\n"),
    );
    site.build();
    site
}

fn query(site: &Fixture, lang: &str, text: &str) -> Answer {
    let out = site.output();
    let read = move |path: &str| std::fs::read(out.join(path)).ok();
    search(&read, lang, text, 10).unwrap_or_else(|e| panic!("query {text:?}: {e}"))
}

fn paths(answer: &Answer) -> Vec<String> {
    answer.results.iter().map(|h| h.path.clone()).collect()
}

#[test]
fn words_are_found_without_accents_elisions_or_the_same_ending() {
    let site = site();
    let phone = "fr/depannage/perte-de-telephone/";
    assert_eq!(paths(&query(&site, "fr", "telephone"))[0], phone, "no accents");
    for elided in ["l'application", "l’application"] {
        assert!(paths(&query(&site, "fr", elided)).contains(&"fr/connexion/appli/".to_string()), "{elided}");
    }
    assert!(paths(&query(&site, "fr", "codes")).contains(&"fr/connexion/appli/".to_string()), "codes → code");
    assert!(paths(&query(&site, "fr", "se connecter")).contains(&phone.to_string()), "connectez-vous");
    assert!(paths(&query(&site, "fr", "secours")).contains(&phone.to_string()), "alert bodies are text");
    assert!(paths(&query(&site, "en", "iphone")).contains(&"en/signing-in/lost-phone/".to_string()), "tab labels");
}

#[test]
fn typos_are_forgiven_but_rank_below_exact_matches() {
    let site = site();
    let typo = query(&site, "fr", "telehpone");
    assert_eq!(paths(&typo)[0], "fr/depannage/perte-de-telephone/");
    assert!(typo.results[0].matches.contains(&MatchKind::Typo));
    let athen = query(&site, "fr", "athentification");
    assert_eq!(paths(&athen), vec!["fr/connexion/mot-de-passe/"]);
    let mixed = query(&site, "en", "athentication");
    assert_eq!(paths(&mixed)[0], "en/signing-in/authentication/");
}

#[test]
fn title_outranks_heading_outranks_body_and_more_words_rank_higher() {
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/a-body.md", &article("title: Alpha", "Mention of the widget here.\n"));
    site.write("content/en/b-heading.md", &article("title: Beta", "## Widget setup\n\nText.\n"));
    site.write("content/en/c-title.md", &article("title: Widget", "Text.\n"));
    site.write("content/en/d-both.md", &article("title: Delta", "A widget and a gadget.\n"));
    site.build();
    let order = paths(&query(&site, "en", "widget"));
    assert_eq!(order[..3], ["en/c-title/", "en/b-heading/", "en/a-body/"]);
    let both = paths(&query(&site, "en", "widget gadget"));
    assert_eq!(both[0], "en/d-both/", "two words matched beat one in the title");
}

#[test]
fn exact_accents_rank_first_and_headings_give_anchors() {
    let site = site();
    let accented = query(&site, "fr", "téléphone");
    assert_eq!(paths(&accented)[0], "fr/depannage/perte-de-telephone/");
    assert!(accented.results[0].matches.contains(&MatchKind::ExactAccent));
    let plain = query(&site, "fr", "telephone");
    let fixe = plain.results.iter().find(|h| h.path == "fr/connexion/mot-de-passe/").expect("the plain spelling");
    assert_eq!(fixe.matches, vec![MatchKind::ExactAccent], "written without accents, asked without");
    let numero = query(&site, "fr", "numéro");
    assert_eq!(numero.results[0].anchor.as_deref(), Some("changer"));
    let backup = query(&site, "en", "backup");
    assert_eq!(backup.results[0].anchor.as_deref(), Some("backup"));
    assert_eq!(backup.results[0].category.as_deref(), Some("Signing in"));
    assert!(backup.results[0].excerpt.to_lowercase().contains("backup"), "{:?}", backup.results[0].excerpt);
}

#[test]
fn drafts_stand_ins_and_pages_kept_out_are_not_indexed() {
    let site = site();
    // Drafts shown in a preview build are still not searchable.
    site.build_with(phare::BuildOptions { drafts: true, ..site.options() });
    assert!(site.exists("fr/connexion/brouillon/index.html"));
    assert!(query(&site, "fr", "quetzalcoatlique").results.is_empty(), "search: false");
    assert!(query(&site, "fr", "zanzibarique").results.is_empty(), "draft");
    assert!(query(&site, "fr", "xylophonic").results.is_empty(), "stand-in of an English page");
    assert_eq!(paths(&query(&site, "en", "xylophonic")), vec!["en/signing-in/only-english/"]);
}

#[test]
fn each_language_has_a_results_page_outside_the_sitemap() {
    let site = Fixture::new("languages: [en, fr]\nbase_url: https://help.example/\n");
    site.write("content/en/a.md", &article("title: A", "Text."));
    site.write("content/fr/a.md", &article("title: A", "Texte."));
    site.build();
    for (lang, file) in [("en", "en/search/index.html"), ("fr", "fr/recherche/index.html")] {
        let page = site.page(file);
        assert_eq!(page.lang(), lang);
        assert_eq!(page.all("#search-results").len(), 1, "{file}");
        assert_eq!(page.attr("meta[name=robots]", "content"), "noindex");
        assert!(site.exists(&format!("search/{lang}/meta.json")));
    }
    let sitemap = std::fs::read_to_string(site.output().join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("search/") && !sitemap.contains("recherche"), "{sitemap}");
}

#[test]
fn search_false_in_site_yaml_writes_no_index_and_no_results_page() {
    let site = Fixture::new("languages: [en, fr]\nsearch: false\n");
    site.write("content/en/a.md", &article("title: A", "Text."));
    site.write("content/fr/a.md", &article("title: A", "Texte."));
    site.build();
    assert!(!site.exists("search"));
    assert!(!site.exists("en/search/index.html") && !site.exists("fr/recherche/index.html"));
}

#[test]
fn hostile_pages_build_and_the_index_stays_bounded() {
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/long-word.md", &article("title: Long", &"a".repeat(900_000)));
    let binary: String = (0..200_000u32).map(|i| char::from_u32(0x20 + (i * 7919) % 0x2000).unwrap_or('x')).collect();
    site.write(
        "content/en/binary.md",
        &article("title: Binary", &binary.replace(['<', '{', '`', '[', '&', ':', '|', '\\'], " ")),
    );
    site.write(
        "content/en/scripts.md",
        &article("title: Scripts", &"🔑 登录帐户 كلمة المرور שלום עולם ".repeat(2_000)),
    );
    let many: String = (0..50_000).map(|i| format!("w{i:x}q ")).collect();
    site.write("content/en/many.md", &article("title: Many words", &many));
    site.write("content/en/normal.md", &article("title: Normal", "An ordinary page about passwords."));
    site.build();
    let vocabulary: usize = std::fs::read_dir(site.output().join("search/en"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap().lines().count())
        .sum();
    assert!(vocabulary <= 4 * 4_000 + 50, "one page adds at most 4,000 keys: {vocabulary}");
    let total: u64 =
        std::fs::read_dir(site.output().join("search/en")).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    assert!(total < 2_000_000, "index of {total} bytes");
    assert_eq!(paths(&query(&site, "en", "passwords")), vec!["en/normal/"]);
    assert_eq!(paths(&query(&site, "en", "登录帐户")), vec!["en/scripts/"]);
}

#[test]
fn long_and_punctuation_only_queries_return_nothing_quickly() {
    let site = site();
    assert!(query(&site, "fr", &"x".repeat(2_000)).results.is_empty());
    assert!(query(&site, "fr", "?!…—«»()[]{}'\"").results.is_empty());
    assert!(query(&site, "fr", "").files.is_empty(), "nothing is even fetched");
}

#[test]
fn search_files_are_few_and_named_by_their_content() {
    let site = site();
    for lang in ["en", "fr"] {
        let names: Vec<String> = std::fs::read_dir(site.output().join("search").join(lang))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert!(names.len() <= 4, "{lang}: {names:?}");
        assert!(names.iter().all(|n| n == "meta.json" || n.split(['-', '.']).any(|part| part.len() == 8)), "{names:?}");
    }
}

#[test]
fn articles_cannot_take_the_place_of_the_search_files() {
    for permalink in ["/search/fr/meta.json", "/fr/recherche/", "/search/en/x/", "/Search/FR/"] {
        let site = Fixture::new("languages: [en, fr]\n");
        site.write("content/fr/a.md", &article("title: A", "Texte."));
        site.write("content/en/a.md", &article("title: A", "Text."));
        site.write("content/fr/b.md", &article(&format!("title: B\npermalink: {permalink}"), "Texte."));
        let problems = site.build_fails();
        let errors: Vec<_> = problems.iter().filter(|d| d.is_error()).collect();
        assert_eq!(errors.len(), 1, "{permalink}:\n{}", render(&problems));
        assert!(errors[0].file.ends_with("content/fr/b.md"), "{permalink}:\n{}", render(&problems));
        assert!(!site.output().exists(), "nothing written for {permalink}");
    }
}

#[test]
fn a_misspelt_search_setting_names_the_right_one() {
    let site = Fixture::new("languages: [en]\nserch: false\n");
    site.write("content/en/a.md", &article("title: A", "Text."));
    let problems = site.build_fails();
    assert!(
        problems.iter().any(|d| d.is_error() && d.message.contains("serch") && d.to_string().contains("search")),
        "{}",
        render(&problems)
    );
    let wrong_type = Fixture::new("languages: [en]\nsearch: [no]\n");
    wrong_type.write("content/en/a.md", &article("title: A", "Text."));
    let problems = wrong_type.build_fails();
    assert!(problems.iter().any(|d| d.message.contains("search")), "{}", render(&problems));
}
