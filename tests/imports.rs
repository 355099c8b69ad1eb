//! Help centers imported as they are lose nothing: links to folders and
//! links or images in raw HTML lead to the built pages and files (or are
//! reported with their line), GitBook's assets are copied, ids stay unique.
//! One fixture site per dialect, checked by parsing the HTML.

mod common;

use common::{Fixture, article, render};
use phare::Diagnostic;

fn warnings_about<'d>(warnings: &'d [Diagnostic], words: &str) -> Vec<&'d Diagnostic> {
    warnings.iter().filter(|d| d.message.contains(words)).collect()
}

#[test]
fn folder_links_lead_to_the_folder_page_or_are_reported() {
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/guide/orders/README.md", "# Orders\n\nAll about orders.\n");
    site.write("content/en/guide/orders/view.md", "# View orders\n\nText.\n");
    site.write("content/en/guide/groups/index.md", &article("title: Groups", "Groups."));
    site.write(
        "content/en/guide/start.md",
        "# Start\n\n[a](orders/) [b](./orders) [c](orders/README.md) [d](groups/index.md) [e](groups/) [f](nowhere/)\n",
    );
    let report = site.build();
    let page = site.page("en/guide/start/index.html");
    let hrefs = page.attrs("main a", "href");
    let (orders, groups) = ("../../../en/guide/orders/", "../../../en/guide/groups/");
    assert_eq!(hrefs[..5], [orders, orders, orders, groups, groups], "{}", page.text);
    let missing = warnings_about(&report.warnings, "nowhere/");
    assert_eq!(missing.len(), 1, "{}", render(&report.warnings));
    assert_eq!((missing[0].line, missing[0].column), (3, 84));
    assert!(site.exists("en/guide/orders/index.html"));
}

#[test]
fn raw_html_links_and_images_are_rewritten_and_checked() {
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/guide/orders.md", &article("title: Orders", "Orders."));
    site.write("content/en/guide/photo one.png", "png");
    let body = "Intro.\n\n| a | b |\n|---|---|\n| <img src=\"photo one.png\" alt=\"\"> | <a href=\"orders.md#x\">Orders &#x26; more</a> |\n\n<figure><img src=\"gone now.png\" alt=\"\"><figcaption>Gone</figcaption></figure>\n\n<p><a href=\"lost.md\">Lost</a></p>\n";
    site.write("content/en/guide/start.md", &article("title: Start", body));
    let report = site.build();
    let page = site.page("en/guide/start/index.html");
    assert_eq!(page.attrs("main td img", "src"), ["../../../en/guide/photo-one.png"]);
    assert_eq!(page.attrs("main td a", "href"), ["../../../en/guide/orders/#x"]);
    assert!(site.exists("en/guide/photo-one.png"));
    // A destination left as written is still a valid URL.
    assert_eq!(page.attrs("main figure img", "src"), ["gone%20now.png"]);
    let gone = warnings_about(&report.warnings, "gone now.png");
    assert_eq!(gone.len(), 1, "{}", render(&report.warnings));
    assert_eq!(gone[0].line, 10);
    let lost = warnings_about(&report.warnings, "lost.md");
    assert_eq!(lost.len(), 1, "{}", render(&report.warnings));
    assert_eq!((lost[0].line, lost[0].column), (12, 13));
}

#[test]
fn gitbook_assets_are_copied_and_linked_from_nested_pages() {
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/.gitbook/assets/screen shot.png", "png");
    site.write("content/en/.gitbook/assets/guide.pdf", "pdf");
    site.write("content/en/.gitbook/includes/note.md", "An include, not a page.");
    site.write("content/en/.hidden/secret.md", "# Not published\n");
    site.write(
        "content/en/setup/shop/start.md",
        "# Start\n\n![](../../.gitbook/assets/screen%20shot.png)\n\n<img src=\"../../.gitbook/assets/screen shot.png\">\n\n[Guide](../../.gitbook/assets/guide.pdf)\n",
    );
    let report = site.build();
    assert!(warnings_about(&report.warnings, "link").is_empty(), "{}", render(&report.warnings));
    let page = site.page("en/setup/shop/start/index.html");
    let expected = "../../../../en/gitbook/assets/screen-shot.png";
    assert_eq!(page.attrs("main img", "src"), [expected, expected]);
    assert_eq!(page.attrs("main a", "href"), ["../../../../en/gitbook/assets/guide.pdf"]);
    assert!(site.exists("en/gitbook/assets/screen-shot.png"));
    assert!(!site.exists("en/gitbook/includes"));
    assert!(!site.exists("en/hidden"));
    assert!(!site.exists("en/gitbook/includes/note/index.html"));
}

#[test]
fn root_absolute_links_to_missing_pages_are_reported_and_made_relative() {
    let site = Fixture::new("languages: [en]\nbase_url: https://example.org/help/\n");
    site.write("content/en/a/start.md", "# Start\n\n[Contact](/contact-us) [Home](/en/)\n");
    let report = site.build();
    let page = site.page("en/a/start/index.html");
    assert_eq!(page.attrs("main a", "href"), ["../../../contact-us", "../../../en/"]);
    assert_eq!(warnings_about(&report.warnings, "/contact-us").len(), 1, "{}", render(&report.warnings));
}

#[test]
fn gitbook_heading_anchors_become_the_heading_id_and_raw_ids_repeating_one_are_reported() {
    let site = Fixture::new("languages: [en]\n");
    let body = "# Import\n\n## Import the CSV\n\n### Import the CSV <a href=\"#import-the-csv\" id=\"import-the-csv\"></a>\n\nText [again](#import-the-csv).\n\n#### [Steps](other.md)\n\n<span id=\"steps\">Here</span>\n";
    site.write("content/en/other.md", "# Other\n");
    site.write("content/en/import.md", body);
    let report = site.build();
    let page = site.page("en/import/index.html");
    assert_eq!(page.attrs("main h2", "id"), ["import-the-csv-1"]);
    assert_eq!(page.attrs("main h3", "id"), ["import-the-csv"]);
    assert_eq!(page.attrs("main h4", "id"), ["steps"]);
    assert_eq!(page.attrs("main h4 a", "href"), ["../../en/other/"], "a link in a heading is rewritten");
    assert_eq!(page.all("main [id=\"import-the-csv\"]").len(), 1, "{}", page.text);
    let repeated = warnings_about(&report.warnings, "`steps`");
    assert_eq!(repeated.len(), 1, "{}", render(&report.warnings));
    assert_eq!(repeated[0].line, 11);
}

#[cfg(unix)]
#[test]
fn a_gitbook_asset_linked_outside_the_site_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.png"), "SECRET-MARKER").unwrap();
    std::fs::create_dir_all(outside.path().join("folder")).unwrap();
    std::fs::write(outside.path().join("folder/other.png"), "SECRET-MARKER").unwrap();
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/start.md", "# Start\n\n![](.gitbook/assets/leak.png)\n");
    std::fs::create_dir_all(site.path().join("content/en/.gitbook/assets")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.png"),
        site.path().join("content/en/.gitbook/assets/leak.png"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path().join("folder"), site.path().join("content/en/.gitbook/assets/more"))
        .unwrap();
    let problems = site.build_fails();
    assert!(problems.iter().any(|d| d.file.ends_with("leak.png")), "{}", render(&problems));
    for entry in walkdir_files(&site.output()) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("SECRET-MARKER"), "{} holds the secret", entry.display());
    }
}

fn walkdir_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return files };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() { files.extend(walkdir_files(&path)) } else { files.push(path) }
    }
    files
}

#[test]
fn mdx_required_images_and_include_images_are_links_like_any_other() {
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/img/b.gif", "gif");
    let body = "Intro.\n\n<div className=\"gifs\">\n    <img src={require('@site/static/img/a.gif').default} alt=\"A\" />\n    <img src={require('./img/b.gif').default} alt=\"B\" />\n</div>\n";
    site.write("content/en/start.mdx", &article("title: Start", body));
    let report = site.build();
    let page = site.page("en/start/index.html");
    assert_eq!(page.attrs("main img", "src"), ["../../img/a.gif", "../../en/img/b.gif"], "{}", page.text);
    let missing = warnings_about(&report.warnings, "/img/a.gif");
    assert_eq!(missing.len(), 1, "{}", render(&report.warnings));
    assert_eq!(missing[0].line, 7);
}

#[test]
fn an_include_image_is_resolved_for_its_template() {
    let site = Fixture::new("languages: [en]\n");
    site.write("themes/test/templates/components/photo.html", r#"<img class="photo" src="{{ attrs.image }}">"#);
    site.write("content/en/img/ok.png", "png");
    let body = "Intro.\n\n{% include photo.html image='/en/img/ok.png' %}\n\n{% include photo.html image='/assets/gone.png' %}\n";
    site.write("content/en/a/start.md", &article("title: Start", body));
    let report = site.build();
    let page = site.page("en/a/start/index.html");
    assert_eq!(page.attrs("img.photo", "src"), ["../../../en/img/ok.png", "../../../assets/gone.png"]);
    let missing = warnings_about(&report.warnings, "/assets/gone.png");
    assert_eq!(missing.len(), 1, "{}", render(&report.warnings));
    assert_eq!(missing[0].line, 8);
}

#[test]
fn explicit_ids_win_theme_ids_are_reserved_and_a_clash_names_both_lines() {
    let site = Fixture::new("languages: [en]\n");
    let body = "## Steps\n\nText.\n\n## The steps {#steps}\n\n## Main\n\n## Top\n";
    site.write("content/en/a.md", &article("title: A", body));
    let report = site.build();
    assert!(report.warnings.is_empty(), "{}", render(&report.warnings));
    let page = site.page("en/a/index.html");
    assert_eq!(page.attrs("main h2", "id"), ["steps-1", "steps", "main-1", "top-1"]);

    let clash = Fixture::new("languages: [en]\n");
    clash.write("content/en/b.md", &article("title: B", "## One {#same}\n\n## Two {#same}\n"));
    let problems = clash.build_fails();
    let found: Vec<_> = problems.iter().filter(|d| d.message.contains("`same`")).collect();
    assert_eq!(found.len(), 1, "{}", render(&problems));
    assert_eq!(found[0].line, 6);
    assert!(found[0].message.contains("line 4"), "{}", found[0].message);
}

#[test]
fn one_h1_per_page_and_no_skipped_levels_even_inside_components() {
    let site = Fixture::new("languages: [en]\n");
    let body = "# Dropbox connection\n\nIntro.\n\n## Set up\n\n#### Detail\n\n:::note\n#### Inside\n:::\n\n# Another part\n\n### Under it\n";
    site.write("content/en/a.md", &article("title: Dropbox", body));
    site.build();
    let page = site.page("en/a/index.html");
    assert!(page.all("main h1").is_empty(), "{}", page.text);
    let levels: Vec<String> = page
        .all("main h2, main h3, main h4, main h5, main h6")
        .iter()
        .map(|h| format!("{} {}", h.value().name(), h.text().collect::<String>().trim()))
        .collect();
    assert_eq!(levels, ["h2 Set up", "h3 Detail", "h4 Inside", "h2 Another part", "h3 Under it"], "{}", page.text);
    assert_eq!(page.text_of("title"), "Dropbox");
}

#[test]
fn the_first_paragraph_is_not_shown_twice_when_there_is_no_description() {
    let site = Fixture::bare();
    site.write("site.yaml", "languages: [en]\n");
    site.write("content/en/a.md", &article("title: A", "The first paragraph.\n\nThe second.\n"));
    site.write("content/en/b.md", &article("title: B\ndescription: Written lead.", "The first paragraph.\n"));
    site.build();
    let without = site.page("en/a/index.html");
    assert!(without.all(".lead").is_empty(), "{}", without.text);
    assert_eq!(without.all("main p").iter().filter(|p| p.text().any(|t| t.contains("first paragraph"))).count(), 1);
    assert_eq!(without.attr("meta[name=description]", "content"), "The first paragraph.");
    let with = site.page("en/b/index.html");
    assert_eq!(with.text_of(".lead"), "Written lead.");
}

#[test]
fn bare_urls_become_links_outside_code_and_links() {
    let site = Fixture::new("languages: [en]\n");
    let body = "Join https://t.me/tella_app_channel. Or www.example.org/a_b_c, or [a link](https://x.org/) and `https://code.org`.\n";
    site.write("content/en/a.md", &article("title: A", body));
    site.build();
    let page = site.page("en/a/index.html");
    assert_eq!(
        page.attrs("main a", "href"),
        ["https://t.me/tella_app_channel", "http://www.example.org/a_b_c", "https://x.org/"]
    );
    assert!(page.text_of("main p").ends_with("and https://code.org."), "{}", page.text);
}

#[test]
fn a_first_paragraph_with_a_bare_url_is_still_the_summary() {
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/a.md", &article("title: A", "Write to https://x.org today.\n"));
    site.build();
    assert_eq!(site.page("en/a/index.html").text_of("#description"), "Write to https://x.org today.");
}

#[test]
fn footnotes_are_numbered_in_text_order_with_prefixed_ids_and_back_links() {
    let site = Fixture::new("languages: [en]\n");
    let body = "## 1\n\nFirst[^later] claim.\n\n:::note\nA note[^2].\n:::\n\nAgain[^later].\n\n[^2]: The second.\n[^later]: The first.\n";
    site.write("content/en/a.md", &article("title: A", body));
    let report = site.build();
    assert!(report.warnings.is_empty(), "{}", render(&report.warnings));
    let page = site.page("en/a/index.html");
    assert_eq!(page.texts("main sup.footnote-reference a"), ["1", "2", "1"]);
    assert_eq!(page.attrs("main sup.footnote-reference a", "href"), ["#fn-later", "#fn-2", "#fn-later"]);
    assert_eq!(page.attrs("main section.footnotes li", "id"), ["fn-later", "fn-2"]);
    assert_eq!(page.attrs("main section.footnotes a.footnote-backref", "href"), ["#fnref-later", "#fnref-2"]);
    assert_eq!(page.all("main [id=\"1\"]").len(), 1, "only the heading has id 1");
    assert!(!page.text_of("main .alert").contains("[^2]"), "{}", page.text);
}

#[test]
fn kramdown_attribute_lines_go_to_the_right_block_and_span_attributes_to_their_link() {
    let site = Fixture::new("languages: [en]\n");
    let body = "Intro paragraph.\n\n{: .usa-list}\n- one\n- two\n\nA paragraph.\n{: .lead-in}\n\nSee [the site](https://login.gov/){:target=\"_blank\" onclick=\"x()\"} and [x](https://x.org/){: .external}.\n";
    site.write("content/en/a.md", &article("title: A", body));
    site.build();
    let page = site.page("en/a/index.html");
    assert_eq!(page.attrs("main ul", "class"), ["usa-list"], "{}", page.text);
    assert_eq!(page.attrs("main p", "class"), ["lead-in"], "{}", page.text);
    let link = page.one("main a[href=\"https://login.gov/\"]");
    assert_eq!(link.value().attr("target"), Some("_blank"));
    assert_eq!(link.value().attr("rel"), Some("noopener"));
    assert_eq!(link.value().attr("onclick"), None);
    assert_eq!(page.attrs("main a[href=\"https://x.org/\"]", "class"), ["external"]);
    assert!(!page.text_of("main").contains("{:"), "{}", page.text);
}

#[test]
fn login_gov_alerts_take_literal_content_and_absorb_a_repeated_label() {
    let site = Fixture::new("languages: [fr]\n");
    let body = "Intro.\n\n{% capture note %}\n**Info :**  \nSeul le dernier code fonctionne.\n{% endcapture %}\n{% include alert.html type=\"info\" content=note %}\n\n{% include alert.html type=\"warning\" content=\"Gardez vos **codes**.\" %}\n\n{% capture other %}\n**Attention :** gardez-le.\n{% endcapture %}\n{% include alert.html type=\"info\" content=other %}\n";
    site.write("content/fr/a.md", &article("title: A", body));
    let report = site.build();
    assert!(report.warnings.is_empty(), "{}", render(&report.warnings));
    let page = site.page("fr/a/index.html");
    let alerts = page.all("main .alert");
    assert_eq!(alerts.len(), 3, "{}", page.text);
    let text = |i: usize| alerts[i].text().collect::<String>();
    assert!(text(0).contains("Seul le dernier code") && !text(0).contains("Info :"), "{}", text(0));
    assert!(text(1).contains("Gardez vos codes"), "{}", text(1));
    assert_eq!(page.all("main .alert-warning strong:not(.alert-label)").len(), 1, "{}", page.text);
    assert!(text(2).contains("Attention"), "a label naming another kind stays: {}", text(2));
}

#[test]
fn an_id_on_a_summary_heading_is_the_details_anchor() {
    let site = Fixture::new("languages: [fr]\n");
    let body = "Voir [la question](#sms-connector).\n\n<details>\n<summary>\n\n### Que dois-je faire ? \\{#sms-connector}\n\n</summary>\n\nRéponse.\n\n</details>\n";
    site.write("content/fr/a.mdx", &article("title: A", body));
    let report = site.build();
    assert!(report.warnings.is_empty(), "{}", render(&report.warnings));
    let page = site.page("fr/a/index.html");
    assert_eq!(page.attrs("main details", "id"), ["sms-connector"]);
    assert_eq!(page.text_of("main details summary"), "Que dois-je faire ?");
}

#[test]
fn unlisted_and_hidden_docusaurus_pages_are_built_but_kept_out_of_menus() {
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/guide/a.md", &article("title: Shown\ncategory: guide", "A."));
    site.write("content/en/guide/b.mdx", &article("title: Unlisted\ncategory: guide\nunlisted: true", "B."));
    site.write("content/en/guide/c.mdx", &article("title: Hidden\ncategory: guide\nsidebar_class_name: hidden", "C."));
    site.build();
    let page = site.page("en/guide/a/index.html");
    assert_eq!(page.texts("#sidebar a"), ["Shown"]);
    assert_eq!(site.page("en/guide/index.html").texts("#articles a"), ["Shown"]);
    assert_eq!(site.page("en/guide/b/index.html").text_of("title"), "Unlisted");
    assert_eq!(site.page("en/guide/c/index.html").text_of("title"), "Hidden");
}

#[test]
fn docusaurus_tabs_admonitions_and_computed_links() {
    let site = Fixture::new("languages: [en]\n");
    let body = "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\nIntro.\n\n<Tabs values={[{label: 'Android', value: 'android'}, {label: 'iPhone', value: 'ios'}]}>\n  <TabItem value=\"android\">\n\n    Open **Settings**.\n\n  </TabItem>\n  <TabItem value=\"ios\">\n\n    Open the app.\n\n  </TabItem>\n</Tabs>\n\n<Admonition type=\"warning\" title=\"Careful\">\n\nKeep it safe.\n\n</Admonition>\n\nNotes are on <a href={RELEASE.url}>GitHub</a>.\n";
    site.write("content/en/a.mdx", &article("title: A", body));
    let report = site.build();
    let page = site.page("en/a/index.html");
    assert_eq!(page.texts("main .tab-title"), ["Android", "iPhone"], "{}", page.text);
    assert!(page.all("main .tab-panel pre").is_empty(), "indented tab content is not code: {}", page.text);
    assert_eq!(page.texts("main .tab-panel > p:not(.tab-title) strong"), ["Settings"]);
    assert_eq!(page.all("main .alert-warning").len(), 1, "{}", page.text);
    let last = page.all("main > p").last().unwrap().text().collect::<String>();
    assert_eq!(last, "Notes are on GitHub.");
    let computed = warnings_about(&report.warnings, "RELEASE.url");
    assert_eq!(computed.len(), 1, "{}", render(&report.warnings));
    assert!(computed[0].message.contains("readers see `GitHub` as plain text"));
}

#[test]
fn check_reports_folder_raw_html_and_image_links_like_markdown_links_at_their_line() {
    let site = Fixture::new("languages: [en]\n");
    let body = "[Folder](nowhere/)\n\n<a href=\"gone.md\">Gone</a>\n\n| <img src=\"missing.png\"> |\n|---|\n";
    site.write("content/en/a.md", &article("title: A", body));
    site.write("content/en/b.md", &article("title: B", "B."));
    let findings = phare::check(&site.options());
    let errors: Vec<(usize, bool)> = findings
        .iter()
        // Broken links weigh in `check` what they weigh in `build`: warnings.
        .filter(|d| d.code == Some("broken-link") && d.file.ends_with("a.md"))
        .map(|d| {
            (
                d.line,
                d.message.contains("nowhere/") || d.message.contains("gone.md") || d.message.contains("missing.png"),
            )
        })
        .collect();
    assert_eq!(errors, [(4, true), (6, true), (8, true)], "{}", render(&findings));
}

#[test]
fn folder_names_are_lower_case_in_addresses() {
    let site = Fixture::new("languages: [en]\n");
    site.write("content/en/Discover Tella/Features.md", &article("title: Features", "F."));
    site.write("content/en/start.md", &article("title: Start", "[Features](Discover%20Tella/Features.md)"));
    site.build();
    assert!(site.exists("en/discover-tella/Features/index.html"));
    assert!(site.exists("en/discover-tella/index.html"));
    assert_eq!(site.page("en/start/index.html").attrs("main a", "href"), ["../../en/discover-tella/Features/"]);
}

#[test]
fn a_stand_in_keeps_the_place_its_original_chose_with_slug() {
    let site = Fixture::new("languages: [en, fr]\n");
    site.write("content/en/discover/index.md", &article("title: Discover", "D."));
    site.write("content/fr/discover/index.md", &article("title: Découvrir\nslug: /decouvrir", "D."));
    site.write("content/en/discover/incident.md", &article("title: Incident\nslug: /incident-ios-files", "I."));
    site.build();
    assert!(site.exists("en/incident-ios-files/index.html"));
    assert!(site.exists("fr/incident-ios-files/index.html"), "the French stand-in is where the original said");
}

#[test]
fn a_component_inside_a_list_item_keeps_the_list_whole() {
    let site = Fixture::new("languages: [en]\n");
    let body = "1. Open the app.\n\n   :::note\n   Keep it updated.\n   :::\n\n2. Tap **Settings**.\n3. Done.\n";
    site.write("content/en/a.md", &article("title: A", body));
    site.build();
    let page = site.page("en/a/index.html");
    assert_eq!(page.all("main ol").len(), 1, "{}", page.text);
    assert_eq!(page.all("main ol > li").len(), 3, "{}", page.text);
    assert_eq!(page.all("main ol > li:first-child .alert").len(), 1, "{}", page.text);
}
