//! Golden snapshots of whole pages of the bundled help center with the real
//! default theme: any change to markup, theme or content shows up in review.

use std::path::Path;

fn build_bundled_site() -> tempfile::TempDir {
    let output = tempfile::tempdir().unwrap();
    let site_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The outdated-translation notice depends on the checkout's git history
    // (none in a shallow clone): snapshots must not.
    let settings = std::fs::read_to_string(site_dir.join("site.yaml")).unwrap();
    let config = output.path().join("site.yaml");
    std::fs::write(&config, format!("{settings}\noutdated_translation: none\n")).unwrap();
    let options = phare::BuildOptions {
        site_dir: site_dir.to_path_buf(),
        output_dir: Some(output.path().join("public")),
        config_file: Some(config),
        ..Default::default()
    };
    if let Err(failure) = phare::build(&options, true) {
        panic!("the bundled help center must build without warnings:\n{:#?}", failure.diagnostics);
    }
    output
}

#[test]
fn bundled_help_center_pages_match_their_snapshots() {
    let output = build_bundled_site();
    for (name, file) in [
        ("landing", "index.html"),
        ("en_article_lost_phone", "en/troubleshooting/lost-phone/index.html"),
        ("fr_article_perte_de_telephone", "fr/depannage/perte-de-telephone/index.html"),
    ] {
        let html = std::fs::read_to_string(output.path().join("public").join(file)).unwrap();
        insta::assert_snapshot!(name, html);
    }
}
