//! Translations against their sources through git history: `phare status`
//! (text, JSON, Markdown, exit codes, `--ack`), `phare diff`, the notice on
//! outdated pages, renames, shallow clones, no git and a bad
//! `translation_of:`. Each test makes a repository in a temp folder with
//! the `git` command and commits at fixed dates.

mod common;
#[path = "common/git.rs"]
mod git;

use std::path::Path;
use std::process::{Command, Output};

use common::{Fixture, article, run_with_timeout};
use git::git;

fn commit(site: &Fixture, date: &str) {
    git::commit_all(site.path(), date);
}

const SOURCE_V1: &str = "Intro.\n\n## Before you start\n\nHave your phone.\n\n## Steps\n\nOpen the app.\n";
const SOURCE_V2: &str = "Intro.\n\n## Before you start\n\nHave your phone.\n\n## Steps\n\nOpen the new app.\n";
const TRANSLATION: &str =
    "Intro.\n\n## Avant de commencer\n\nAyez votre téléphone.\n\n## Étapes\n\nOuvrez l’application.\n";

/// A two-language site in a repository: the source and its translation
/// committed on 1 October, the source's steps changed on 3 November, then
/// re-wrapped only (no new words) on 5 November.
fn outdated_site(settings: &str) -> Fixture {
    let site = Fixture::bare();
    site.write("site.yaml", &format!("title: Help\nlanguages: [en, fr]\n{settings}"));
    git(site.path(), &["init", "-q"], "2026-10-01");
    site.write("content/en/phone.md", &article("title: Lost phone", SOURCE_V1));
    site.write("content/fr/phone.md", &article("title: Téléphone perdu", TRANSLATION));
    commit(&site, "2026-10-01");
    site.write("content/en/phone.md", &article("title: Lost phone", SOURCE_V2));
    commit(&site, "2026-11-03");
    site.write("content/en/phone.md", &article("title:   Lost phone", &SOURCE_V2.replace("the new", "the\nnew")));
    commit(&site, "2026-11-05");
    site
}

fn phare(dir: &Path, args: &[&str]) -> Output {
    let logs = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_phare"));
    command.args(args).current_dir(dir).env("NO_COLOR", "1");
    run_with_timeout(command, logs.path(), std::time::Duration::from_secs(60))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn status_json(dir: &Path) -> serde_json::Value {
    let output = phare(dir, &["status", "--format", "json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn pair<'v>(report: &'v serde_json::Value, file: &str) -> &'v serde_json::Value {
    report["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| [&p["translation"], &p["source"]].iter().any(|f| f.as_str().is_some_and(|f| f.ends_with(file))))
        .unwrap_or_else(|| panic!("no pair for {file} in {report:#}"))
}

#[test]
fn a_source_changed_after_its_translation_makes_it_outdated() {
    let site = outdated_site("");
    let report = status_json(site.path());
    let phone = pair(&report, "fr/phone.md");
    assert_eq!(phone["state"], "outdated");
    assert_eq!(phone["changes"], 1, "the re-wrap of 5 November changes no word: {phone:#}");
    assert_eq!(phone["since"], "2026-11-03");
    assert_eq!(phone["last_changed"], "2026-11-03");
    assert_eq!(phone["sections"], serde_json::json!([{"heading": "Steps", "change": "changed"}]));
    assert_eq!(report["totals"][0]["outdated"], 1);
    assert_eq!(report["totals"][0]["translated_percent"], 100);

    let text = phare(site.path(), &["status"]);
    let text = stdout(&text);
    assert!(text.contains("1 source change behind since 2026-11-03"), "{text}");
    assert!(text.contains("“Steps”"), "{text}");

    assert_eq!(phare(site.path(), &["status", "--fail-on", "outdated"]).status.code(), Some(1));
    assert_eq!(phare(site.path(), &["status", "--fail-on", "missing"]).status.code(), Some(0));
    assert_eq!(phare(site.path(), &["status", "--fail-on", "missing,outdated"]).status.code(), Some(1));
}

#[test]
fn a_translation_committed_after_the_source_is_up_to_date() {
    let site = outdated_site("");
    site.write(
        "content/fr/phone.md",
        &article("title: Téléphone perdu", &TRANSLATION.replace("l’application", "la nouvelle application")),
    );
    commit(&site, "2026-11-10");
    assert_eq!(pair(&status_json(site.path()), "fr/phone.md")["state"], "up_to_date");
}

#[test]
fn missing_and_orphaned_translations_are_counted_and_can_fail_a_ci_job() {
    let site = outdated_site("");
    site.write("content/en/new.md", &article("title: New page", "Text.\n"));
    site.write("content/fr/ancien.md", &article("title: Ancienne page", "Texte.\n"));
    commit(&site, "2026-11-06");
    let report = status_json(site.path());
    assert_eq!(pair(&report, "en/new.md")["state"], "missing");
    assert_eq!(pair(&report, "fr/ancien.md")["state"], "orphaned");
    assert_eq!(report["totals"][0]["missing"], 1);
    assert_eq!(report["totals"][0]["translated_percent"], 50);
    assert_eq!(phare(site.path(), &["status", "--fail-on", "missing"]).status.code(), Some(1));
    let markdown = stdout(&phare(site.path(), &["status", "--format", "markdown"]));
    assert!(markdown.contains("| fr | 50 % | 0 | 1 | 1 | 1 | 0 |"), "{markdown}");
    assert!(markdown.contains("| missing | New page |"), "{markdown}");
}

#[test]
fn ack_records_the_source_commit_changing_one_line_and_keeping_crlf_and_bom() {
    let site = outdated_site("");
    let original = "\u{feff}---\r\ntitle: Téléphone perdu\r\nslug: perdu\r\n---\r\nIntro.  \r\n\r\n## Étapes\r\n";
    site.write("content/fr/phone.md", original);
    commit(&site, "2026-11-06");
    site.write("content/en/phone.md", &article("title: Lost phone", "A cosmetic edit the French does not need.\n"));
    commit(&site, "2026-11-07");
    assert_eq!(pair(&status_json(site.path()), "fr/phone.md")["state"], "outdated");
    let output = phare(site.path(), &["status", "--ack", "content/fr/phone.md"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let written = std::fs::read(site.path().join("content/fr/phone.md")).unwrap();
    let source_commit = String::from_utf8(
        git(site.path(), &["log", "-1", "--format=%H", "--", "content/en/phone.md"], "2026-01-01").stdout,
    )
    .unwrap();
    let expected =
        original.replace("slug: perdu\r\n", &format!("slug: perdu\r\ntranslation_of: {}\r\n", source_commit.trim()));
    assert_eq!(String::from_utf8(written).unwrap(), expected);
    assert_eq!(pair(&status_json(site.path()), "fr/phone.md")["state"], "up_to_date");

    // A second ack replaces the value in place.
    let again = phare(site.path(), &["status", "--ack", "content/fr/phone.md"]);
    assert!(again.status.success());
    assert_eq!(std::fs::read_to_string(site.path().join("content/fr/phone.md")).unwrap(), expected);
}

#[test]
fn translation_of_wins_over_history() {
    let site = outdated_site("");
    let first =
        String::from_utf8(git(site.path(), &["rev-list", "--max-parents=0", "HEAD"], "2026-01-01").stdout).unwrap();
    // A cosmetic French edit after the source changed does not mean the
    // French caught up: the writer says it was made from the first commit.
    site.write(
        "content/fr/phone.md",
        &article(&format!("title: Téléphone perdu\ntranslation_of: {}", &first.trim()[..10]), TRANSLATION),
    );
    commit(&site, "2026-11-20");
    let phone = &pair(&status_json(site.path()), "fr/phone.md").clone();
    assert_eq!(phone["state"], "outdated", "{phone:#}");
    assert_eq!(phone["changes"], 1);
}

#[test]
fn a_translation_of_naming_no_commit_is_a_warning_with_its_line() {
    let site = outdated_site("");
    site.write(
        "content/fr/phone.md",
        &article("title: Téléphone perdu\ntranslation_of: 0123456789abcdef", TRANSLATION),
    );
    commit(&site, "2026-11-20");
    let output = phare(site.path(), &["status"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("content/fr/phone.md:3:1"), "{stderr}");
    assert!(stderr.contains("names no commit"), "{stderr}");
    assert!(stderr.contains("phare status --ack"), "{stderr}");
    // History decides instead: the French was committed last.
    assert_eq!(pair(&status_json(site.path()), "fr/phone.md")["state"], "up_to_date");
}

#[test]
fn phare_diff_shows_the_source_changes_by_section() {
    let site = outdated_site("");
    let output = phare(site.path(), &["diff", "content/fr/phone.md"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = stdout(&output);
    assert!(text.contains("== Steps (changed)"), "{text}");
    assert!(text.contains("- Open the app."), "{text}");
    assert!(text.contains("+ Open the"), "{text}");
    assert!(!text.contains("Before you start"), "unchanged sections are left out: {text}");
    assert!(!text.contains('\x1b'), "no colour when stdout is not a terminal");
    // The source names its translations too.
    assert!(stdout(&phare(site.path(), &["diff", "content/en/phone.md"])).contains("== Steps (changed)"));
}

#[test]
fn renamed_files_keep_their_history() {
    let site = Fixture::bare();
    site.write("site.yaml", "title: Help\nlanguages: [en, fr]\n");
    git(site.path(), &["init", "-q"], "2026-10-01");
    site.write("content/en/old-name.md", &article("title: Lost phone\ntranslation_key: phone", SOURCE_V1));
    site.write("content/fr/ancien-nom.md", &article("title: Téléphone perdu\ntranslation_key: phone", TRANSLATION));
    commit(&site, "2026-10-01");
    // Both files move; the French one is touched up as it moves.
    git(site.path(), &["mv", "content/en/old-name.md", "content/en/new-name.md"], "2026-10-10");
    git(site.path(), &["mv", "content/fr/ancien-nom.md", "content/fr/nouveau-nom.md"], "2026-10-10");
    commit(&site, "2026-10-10");
    let report = status_json(site.path());
    assert_eq!(pair(&report, "fr/nouveau-nom.md")["state"], "up_to_date", "a move is no change of words");
    site.write("content/en/new-name.md", &article("title: Lost phone\ntranslation_key: phone", SOURCE_V2));
    commit(&site, "2026-11-03");
    let report = status_json(site.path());
    let phone = pair(&report, "fr/nouveau-nom.md");
    assert_eq!(phone["state"], "outdated");
    assert_eq!(phone["changes"], 1, "{phone:#}");
    assert_eq!(phone["since"], "2026-11-03");
}

#[test]
fn a_shallow_clone_says_unknown_with_a_hint() {
    let site = outdated_site("");
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", site.path().display());
    git(clones.path(), &["clone", "-q", "--depth", "1", &url, "clone"], "2026-12-01");
    let clone = clones.path().join("clone");
    let report = status_json(&clone);
    let phone = pair(&report, "fr/phone.md");
    assert_eq!(phone["state"], "unknown");
    assert!(phone["hint"].as_str().unwrap().contains("fetch-depth: 0"), "{phone:#}");
    assert_eq!(report["history"], "unknown");
    assert_eq!(phare(&clone, &["status", "--fail-on", "outdated"]).status.code(), Some(0), "never a guess");
    assert_eq!(phare(&clone, &["status", "--fail-on", "unknown"]).status.code(), Some(1));
    let diff = phare(&clone, &["diff", "content/fr/phone.md"]);
    assert_eq!(diff.status.code(), Some(1));
    assert!(stdout(&diff).contains("fetch-depth: 0"));
}

#[test]
fn without_git_every_pair_is_unknown() {
    let site = Fixture::bare();
    site.write("site.yaml", "title: Help\nlanguages: [en, fr]\n");
    site.write("content/en/phone.md", &article("title: Lost phone", SOURCE_V1));
    site.write("content/fr/phone.md", &article("title: Téléphone perdu", TRANSLATION));
    let report = status_json(site.path());
    let phone = pair(&report, "fr/phone.md");
    assert_eq!(phone["state"], "unknown");
    assert!(phone["reason"].as_str().unwrap().contains("not in a git repository"));
    // A content hash written by --ack still works without history.
    assert!(phare(site.path(), &["status", "--ack", "content/fr/phone.md"]).status.success());
    let written = std::fs::read_to_string(site.path().join("content/fr/phone.md")).unwrap();
    assert!(written.contains("\ntranslation_of: sha1:"), "{written}");
    assert_eq!(pair(&status_json(site.path()), "fr/phone.md")["state"], "up_to_date");
    site.write("content/en/phone.md", &article("title: Lost phone", SOURCE_V2));
    assert_eq!(pair(&status_json(site.path()), "fr/phone.md")["state"], "unknown");
}

#[test]
fn files_not_committed_yet_are_unknown() {
    let site = outdated_site("");
    site.write("content/en/draft.md", &article("title: Draft", "Text.\n"));
    site.write("content/fr/draft.md", &article("title: Brouillon", "Texte.\n"));
    let report = status_json(site.path());
    let draft = pair(&report, "fr/draft.md");
    assert_eq!(draft["state"], "unknown");
    assert!(draft["reason"].as_str().unwrap().contains("no commit yet"), "{draft:#}");
}

fn built_page(site: &Fixture, rel: &str) -> scraper::Html {
    let output = site.path().join("out");
    let options = phare::BuildOptions {
        site_dir: site.path().to_path_buf(),
        output_dir: Some(output.clone()),
        ..Default::default()
    };
    if let Err(failure) = phare::build(&options, false) {
        panic!("{}", common::render(&failure.diagnostics));
    }
    scraper::Html::parse_document(&std::fs::read_to_string(output.join(rel)).unwrap())
}

fn notice(page: &scraper::Html) -> Option<(String, String)> {
    let selector = scraper::Selector::parse(".outdated-notice").unwrap();
    let link = scraper::Selector::parse("a").unwrap();
    page.select(&selector).next().map(|n| {
        let href = n.select(&link).next().and_then(|a| a.value().attr("href")).unwrap_or_default().to_string();
        (n.text().collect::<String>(), href)
    })
}

#[test]
fn an_outdated_translation_tells_its_readers() {
    let site = outdated_site("");
    git(site.path(), &["commit", "-q", "--allow-empty", "-m", "settle"], "2026-11-06");
    let (text, href) = notice(&built_page(&site, "fr/phone/index.html")).expect("a notice on the French page");
    assert!(
        text.contains("La version anglaise de cette page a été mise à jour le 3 novembre 2026 ; cette traduction ne reflète peut-être pas encore ces changements."),
        "{text}"
    );
    assert_eq!(href, "../../en/phone/");
    assert!(notice(&built_page(&site, "en/phone/index.html")).is_none(), "the source has none");
}

#[test]
fn the_notice_can_be_turned_off() {
    let site = outdated_site("outdated_translation: none\n");
    assert!(notice(&built_page(&site, "fr/phone/index.html")).is_none());
    let site = outdated_site("");
    site.write(
        "content/fr/phone.md",
        &article("title: Téléphone perdu\noutdated_translation: none\ntranslation_of: 0000", TRANSLATION),
    );
    // Not committed: the working copy says what readers get.
    assert!(notice(&built_page(&site, "fr/phone/index.html")).is_none());
}

#[test]
fn no_notice_without_history() {
    let site = outdated_site("");
    std::fs::remove_dir_all(site.path().join(".git")).unwrap();
    assert!(notice(&built_page(&site, "fr/phone/index.html")).is_none());
}

#[test]
fn ten_thousand_commits_are_read_once() {
    // `git fast-import` writes the commits in one go: 10,000 edits of an
    // unrelated file, then the source changes after its translation.
    let site = Fixture::bare();
    site.write("site.yaml", "title: Help\nlanguages: [en, fr]\n");
    git(site.path(), &["init", "-q"], "2026-01-01");
    let source = article("title: Lost phone", SOURCE_V1);
    let changed = article("title: Lost phone", SOURCE_V2);
    let translation = article("title: Téléphone perdu", TRANSLATION);
    let mut stream = String::new();
    let data = |text: &str| format!("data {}\n{text}\n", text.len());
    let base = 1_767_225_600; // 2026-01-01
    for n in 0..10_002u32 {
        let when = base + i64::from(n) * 60;
        stream.push_str(&format!(
            "commit refs/heads/main\nmark :{}\ncommitter Writer <w@example.org> {when} +0000\n",
            n + 1
        ));
        stream.push_str(&data(&format!("edit {n}")));
        if n > 0 {
            stream.push_str(&format!("from :{n}\n"));
        }
        match n {
            0 => {
                stream.push_str(&format!("M 100644 inline content/en/phone.md\n{}", data(&source)));
                stream.push_str(&format!("M 100644 inline content/fr/phone.md\n{}", data(&translation)));
            }
            10_001 => stream.push_str(&format!("M 100644 inline content/en/phone.md\n{}", data(&changed))),
            _ => stream.push_str(&format!("M 100644 inline notes.txt\n{}", data(&n.to_string()))),
        }
        stream.push('\n');
    }
    let mut import = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(site.path())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    import.stdin.take().unwrap().write_all(stream.as_bytes()).unwrap();
    assert!(import.wait().unwrap().success());
    git(site.path(), &["checkout", "-q", "-f", "main"], "2026-01-01");
    let report = status_json(site.path());
    assert_eq!(report["commits"], 10_002);
    let phone = pair(&report, "fr/phone.md");
    assert_eq!(phone["state"], "outdated");
    assert_eq!(phone["changes"], 1);
}

#[test]
fn a_translation_being_edited_counts_as_seeing_every_commit() {
    let site = outdated_site("");
    site.write(
        "content/fr/phone.md",
        &article("title: Téléphone perdu", &TRANSLATION.replace("l’application", "la nouvelle application")),
    );
    assert_eq!(pair(&status_json(site.path()), "fr/phone.md")["state"], "up_to_date");
}

#[test]
fn ack_writes_only_translations_of_the_site() {
    let site = outdated_site("");
    let outside = tempfile::tempdir().unwrap();
    let stranger = outside.path().join("note.md");
    std::fs::write(&stranger, "---\ntitle: Not part of the site\n---\n").unwrap();
    for target in [stranger.to_str().unwrap(), "content/en/phone.md", "site.yaml", "content/fr/../fr/nothing.md"] {
        let output = phare(site.path(), &["status", "--ack", target]);
        assert_eq!(output.status.code(), Some(1), "{target}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("is not a translation"), "{target}");
    }
    assert_eq!(std::fs::read_to_string(&stranger).unwrap(), "---\ntitle: Not part of the site\n---\n");
    assert!(!std::fs::read_to_string(site.path().join("content/en/phone.md")).unwrap().contains("translation_of"));
}
