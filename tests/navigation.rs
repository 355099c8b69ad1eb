//! Per-language navigation: categories and their metadata, child articles,
//! breadcrumbs, previous / next, popular articles. HTML checked by parsing.

mod common;

use common::{Fixture, article};

#[test]
fn folder_index_pages_parent_the_articles_of_their_folder() {
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/guide/_index.md", &article("title: Guide", ""));
    site.write("content/en/guide/start.md", &article("title: Start\norder: 1", "x"));
    site.write("content/en/guide/phones/README.md", &article("title: Phones\norder: 2", "x"));
    site.write("content/en/guide/phones/android.md", &article("title: Android\norder: 1", "x"));
    site.write("content/en/guide/phones/iphone.md", &article("title: iPhone\norder: 2", "x"));
    site.write("content/en/guide/zz-last.md", &article("title: Last\norder: 3", "x"));
    site.build();
    let page = site.page("en/guide/phones/iphone/index.html");
    assert_eq!(page.texts("#crumbs a"), ["Help Center", "Guide", "Phones"]);
    assert_eq!(page.text_of("#prev"), "Android");
    assert_eq!(page.text_of("#next"), "Last", "children come right after their parent");
    assert_eq!(site.page("en/guide/phones/android/index.html").text_of("#prev"), "Phones");
    let category = site.page("en/guide/index.html");
    assert_eq!(category.texts("#articles a"), ["Start", "Phones", "Android", "iPhone", "Last"]);
}

#[test]
fn default_theme_nests_children_in_the_side_navigation_and_lists_them_on_the_parent() {
    let site = Fixture::bare();
    site.write("site.yaml", "languages: [en]\n");
    site.write("content/en/guide/phones.md", &article("title: Phones\ntranslation_key: phones", "x"));
    site.write("content/en/guide/android.md", &article("title: Android\nparent: phones", "x"));
    site.build();
    let page = site.page("en/guide/android/index.html");
    let nested = page.one(".sidenav-sublist .sidenav-sublist a");
    assert_eq!(nested.text().collect::<String>(), "Android");
    assert_eq!(nested.value().attr("aria-current"), Some("page"));
    let parent = site.page("en/guide/phones/index.html");
    assert_eq!(parent.texts(".children a"), ["Android"]);
    assert_eq!(parent.texts(".breadcrumbs a").len(), 2, "home and category");
}

#[test]
fn login_gov_children_lists_and_parent_loops() {
    let site = Fixture::new("languages: [en]\n");
    site.write(
        "content/en/help/methods.md",
        &article("title: Methods\npermalink: /help/methods/\nchildren:\n  - /help/methods/key/", "x"),
    );
    site.write("content/en/help/key.md", &article("title: Key\npermalink: /help/methods/key/\nchild: true", "x"));
    site.write("content/en/help/a.md", &article("title: A\ntranslation_key: a\nparent: b", "x"));
    site.write("content/en/help/b.md", &article("title: B\ntranslation_key: b\nparent: a", "x"));
    site.build();
    assert_eq!(site.page("help/methods/key/index.html").texts("#crumbs a"), ["Help Center", "Help", "Methods"]);
    assert_eq!(site.page("en/help/a/index.html").texts("#crumbs a"), ["Help Center", "Help"], "a loop is ignored");
}

#[test]
fn category_titles_and_order_come_from_category_files_settings_and_data_files() {
    let site = Fixture::new(
        "languages: [en, fr]\nmissing_translation: omit\ncategories:\n  billing:\n    title: {en: Billing and payments, fr: Facturation}\n    order: 1\ncategory_data:\n  file: data/{lang}.yml\n  list: help.categories\n  key: slug\n",
    );
    site.write(
        "content/en/Get Started/_category_.json",
        r#"{"label": "Getting started", "position": 2, "link": {"description": "First steps"}}"#,
    );
    site.write("content/en/Get Started/intro.md", &article("title: Intro", "x"));
    site.write("content/en/billing/pay.md", &article("title: Pay", "x"));
    site.write("content/fr/billing/payer.md", &article("title: Payer", "x"));
    site.write("content/en/account/edit.md", &article("title: Edit", "x"));
    site.write(
        "data/en.yml",
        "help:\n  categories:\n    - slug: account\n      title: Your account\n      description: Manage it\n",
    );
    site.write("data/fr.yml", "help:\n  categories: []\n");
    site.build();
    let home = site.page("en/index.html");
    // The data file's first entry has position 1, like billing's `order: 1`; ties go by title.
    assert_eq!(home.texts("#categories a"), ["Billing and payments", "Your account", "Getting started"]);
    assert_eq!(site.page("fr/index.html").texts("#categories a"), ["Facturation"]);
    assert!(!site.exists("en/Get-Started/_category_.json"), "category files are not published");
}

#[test]
fn home_puts_forward_the_popular_articles_the_site_names() {
    let site = Fixture::bare();
    site.write("site.yaml", "languages: [en, fr]\nmissing_translation: omit\npopular: [b, a, missing]\n");
    site.write("content/en/g/a.md", &article("title: Alpha\ntranslation_key: a", "x"));
    site.write("content/en/g/b.md", &article("title: Beta\ntranslation_key: b", "x"));
    site.write("content/fr/g/b.md", &article("title: Bêta\ntranslation_key: b", "x"));
    site.build();
    assert_eq!(site.page("en/index.html").texts(".popular-list a"), ["Beta", "Alpha"]);
    assert_eq!(site.page("fr/index.html").texts(".popular-list a"), ["Bêta"]);
}

/// A category of thousands of articles used to put every sibling in every
/// page's side navigation (829 MB for 4,000 articles). Past 100, a page
/// shows its block of 50 and a link to the category page.
#[test]
fn a_long_category_shows_each_page_its_neighbourhood_and_a_link_to_all() {
    let site = Fixture::bare();
    site.write("site.yaml", "languages: [en]\n");
    site.write("content/en/big/_index.md", &article("title: Big", ""));
    for n in 1..=230 {
        site.write(&format!("content/en/big/a{n:03}.md"), &article(&format!("title: Article {n:03}\norder: {n}"), "x"));
    }
    site.build();
    let nav_links = |rel: &str| {
        let page = site.page(rel);
        let links = page.attrs(".sidenav-sublist a", "href");
        let window = page.text_of(".sidenav-window");
        let current = page.attr(".sidenav-sublist a[aria-current=page]", "href");
        (links, window, current)
    };
    let (links, window, current) = nav_links("en/big/a120/index.html");
    assert_eq!(links.len(), 50, "{links:?}");
    assert!(
        links.contains(&"../../../en/big/a101/".to_string()) && links.contains(&"../../../en/big/a150/".to_string())
    );
    assert_eq!(window, "Articles 101–150 of 230 · See them all");
    assert_eq!(current, "../../../en/big/a120/");
    let page = site.page("en/big/a120/index.html");
    assert_eq!(page.attr(".sidenav-window a", "href"), "../../../en/big/");

    let (links, window, _) = nav_links("en/big/a230/index.html");
    assert_eq!((links.len(), window.as_str()), (30, "Articles 201–230 of 230 · See them all"));
    // The category page still lists every article in its body.
    assert_eq!(site.page("en/big/index.html").all("main a[href*='/big/a']").len(), 230);
}

#[test]
fn a_category_of_up_to_100_articles_lists_them_all_in_the_side_navigation() {
    let site = Fixture::bare();
    site.write("site.yaml", "languages: [en]\n");
    for n in 1..=100 {
        site.write(&format!("content/en/small/a{n:03}.md"), &article(&format!("title: Article {n:03}"), "x"));
    }
    site.build();
    let page = site.page("en/small/a050/index.html");
    assert_eq!(page.all(".sidenav-sublist a").len(), 100);
    assert!(page.all(".sidenav-window").is_empty());
}
