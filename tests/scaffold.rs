//! `phare init` and `phare new`, through the real binary: a new help
//! center builds at once with its articles paired, and neither command ever
//! overwrites a file or writes outside the site folder.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use scraper::{Html, Selector};

fn phare(folder: &Path, args: &[&str]) -> Output {
    let logs = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_phare"));
    command.current_dir(folder).args(args);
    common::run_with_timeout(command, logs.path(), Duration::from_secs(60))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect();
    files.sort();
    files
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn init_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let output = phare(dir.path(), &["init", "hc"]);
    assert!(output.status.success(), "{}", stderr(&output));
    dir
}

#[test]
fn init_makes_a_bilingual_help_center_that_builds_strictly_with_paired_articles_and_components() {
    let dir = init_site();
    let site = dir.path().join("hc");
    let built = phare(&site, &["build", "--strict"]);
    assert!(built.status.success(), "{}", stderr(&built));

    let page = |rel: &str| Html::parse_document(&std::fs::read_to_string(site.join("public").join(rel)).unwrap());
    let english = page("en/getting-started/create-an-account/index.html");
    let switch: Vec<_> =
        select(&english, ".lang-switch a[hreflang=fr]").iter().filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(switch, ["../../../fr/premiers-pas/creer-un-compte/"], "paired with its French version");
    assert!(!select(&english, ".steps, ol.steps, [class*=steps]").is_empty(), "shows steps");
    assert!(!select(&english, "[class*=alert], [role=note]").is_empty(), "shows an alert");
    let french = page("fr/compte/changer-votre-courriel/index.html");
    assert_eq!(french.root_element().value().attr("lang"), Some("fr"));
    assert_eq!(select(&french, "main details summary").len(), 1, "shows details");
    let switch: Vec<_> =
        select(&french, ".lang-switch a[hreflang=en]").iter().filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(switch, ["../../../en/account/change-your-email/"]);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_force_keeps_every_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.md"), "mine").unwrap();
    let refused = phare(dir.path(), &["init"]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("not empty") && stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(files_under(dir.path()), ["notes.md"]);

    std::fs::write(dir.path().join("site.yaml"), "title: Mine\n").unwrap();
    let forced = phare(dir.path(), &["init", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_eq!(std::fs::read_to_string(dir.path().join("site.yaml")).unwrap(), "title: Mine\n");
    assert_eq!(std::fs::read_to_string(dir.path().join("notes.md")).unwrap(), "mine");
    assert!(dir.path().join("content/fr/premiers-pas/creer-un-compte.md").is_file());
}

#[test]
fn new_fills_in_front_matter_orders_after_siblings_and_creates_a_draft_counterpart_to_translate() {
    let dir = init_site();
    let site = dir.path().join("hc");
    let made = phare(
        &site,
        &["new", "content/en/account/reset-password.md", "--title", "Reset: your password", "--translate", "fr"],
    );
    assert!(made.status.success(), "{}", stderr(&made));

    let english = std::fs::read_to_string(site.join("content/en/account/reset-password.md")).unwrap();
    let front: serde_yaml::Value = serde_yaml::from_str(english.split("---").nth(1).unwrap()).unwrap();
    assert_eq!(front["title"].as_str(), Some("Reset: your password"), "a title with a colon stays valid YAML");
    assert_eq!(front["translation_key"].as_str(), Some("reset-password"));
    assert_eq!(front["order"].as_f64(), Some(2.0), "after change-your-email (order 1)");
    assert!(front["description"].as_str().unwrap().starts_with("Replace this sentence"));

    // The French category is `compte`, paired with `account` by its key.
    let french = std::fs::read_to_string(site.join("content/fr/compte/reset-password.md")).unwrap();
    let front: serde_yaml::Value = serde_yaml::from_str(french.split("---").nth(1).unwrap()).unwrap();
    assert_eq!(front["translation_key"].as_str(), Some("reset-password"), "paired by key");
    assert_eq!(front["draft"].as_bool(), Some(true), "not published until translated");
    assert!(french.contains("To translate from content/en/account/reset-password.md"));

    // A second article with the same file name gets a key of its own.
    let again = phare(&site, &["new", "content/en/getting-started/reset-password"]);
    assert!(again.status.success(), "{}", stderr(&again));
    let text = std::fs::read_to_string(site.join("content/en/getting-started/reset-password.md")).unwrap();
    assert!(text.contains("translation_key: \"reset-password-2\""), "{text}");

    let built = phare(&site, &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
}

#[test]
fn new_never_overwrites_and_a_refusal_writes_nothing() {
    let dir = init_site();
    let site = dir.path().join("hc");
    std::fs::write(site.join("content/fr/compte/reset-password.md"), "déjà là").unwrap();
    let before = files_under(&site);
    let refused = phare(&site, &["new", "content/en/account/reset-password.md", "--translate", "fr"]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("content/fr/compte/reset-password.md already exists"), "{}", stderr(&refused));
    assert_eq!(files_under(&site), before, "the English file is not created either");
    assert_eq!(std::fs::read_to_string(site.join("content/fr/compte/reset-password.md")).unwrap(), "déjà là");
}

#[test]
fn new_writes_only_inside_a_content_folder_of_the_site() {
    let dir = init_site();
    let site = dir.path().join("hc");
    let before = files_under(dir.path());
    for path in
        ["../escape.md", "/tmp/absolute.md", "content/de/x.md", "notes/x.md", "content/en/..", "content/en/_index"]
    {
        let refused = phare(&site, &["new", path]);
        assert!(!refused.status.success(), "{path} was accepted");
        assert!(stderr(&refused).starts_with("error: "), "{path}: {}", stderr(&refused));
    }
    assert_eq!(files_under(dir.path()), before);
    let wrong_language = phare(&site, &["new", "content/en/x.md", "--translate", "de"]);
    assert!(stderr(&wrong_language).contains("--translate takes one of: fr"), "{}", stderr(&wrong_language));
    assert_eq!(files_under(dir.path()), before);
}
