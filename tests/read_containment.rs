//! Site files are untrusted: a symbolic link, an include or an import must
//! not bring a file from outside the site folder into the output. Each test
//! puts a secret with a unique marker beside the site folder, points some
//! input at it, and checks that the build names the file and line that
//! asked for it, that no file under the site folder holds the marker, and
//! that nothing was written outside the output folder. Builds run the real
//! binary and are killed after a while, so a regression that blocks on a
//! named pipe fails instead of hanging.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use tempfile::TempDir;

const TIMEOUT: Duration = Duration::from_secs(20);
const MARKER: &str = "SECRET-7f3a9c1e-MARKER";

/// `root/site` is the site, `root/outside` holds the secrets.
struct Fixture {
    root: TempDir,
    logs: TempDir,
}

impl Fixture {
    fn new(site_yaml: &str) -> Fixture {
        let fixture = Fixture { root: tempfile::tempdir().unwrap(), logs: tempfile::tempdir().unwrap() };
        fixture.write("site/site.yaml", site_yaml);
        fixture.write("site/content/en/a.md", "---\ntitle: Lost phone\n---\nCall us.\n");
        fixture.write("site/content/fr/a.md", "---\ntitle: Téléphone perdu\n---\nAppelez-nous.\n");
        fixture
    }

    fn bilingual() -> Fixture {
        Fixture::new("languages: [en, fr]\n")
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// A file outside the site folder holding the marker in `text`.
    fn secret(&self, rel: &str, text: &str) -> PathBuf {
        self.write(&format!("outside/{rel}"), &text.replace("{MARKER}", MARKER));
        self.path(&format!("outside/{rel}"))
    }

    fn link(&self, target: impl AsRef<Path>, rel: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        symlink(target, path).unwrap();
    }

    fn fifo(&self, rel: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let status = Command::new("mkfifo").arg(&path).status().expect("run mkfifo");
        assert!(status.success(), "mkfifo {}", path.display());
    }

    /// `phare build --site . --output out` from the site folder, with the
    /// marker in the environment, killed after `TIMEOUT`.
    fn build(&self) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_phare"));
        command
            .args(["build", "--site", ".", "--output", "out"])
            .current_dir(self.path("site"))
            .env("PHARE_TEST_SECRET", MARKER);
        common::run_with_timeout(command, self.logs.path(), TIMEOUT)
    }

    /// Builds and checks that it failed without a panic, that every
    /// `(location, phrase)` is reported, that no file under the site folder
    /// holds the marker and that nothing changed outside the output folder.
    fn refuses(&self, expected: &[(&str, &str)]) -> String {
        let before = self.tree_outside_output();
        let output = self.build();
        let text = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(!text.contains("panicked"), "phare panicked:\n{text}");
        for (location, phrase) in expected {
            let line = common::one_line_each(&text)
                .into_iter()
                .find(|l| l.starts_with(location) && l.contains(": error: "))
                .unwrap_or_else(|| panic!("no error at `{location}` in stderr:\n{text}"));
            assert!(line.contains(phrase), "`{phrase}` missing from `{line}`; stderr:\n{text}");
        }
        assert_eq!(output.status.code(), Some(1), "expected exit code 1; stderr:\n{text}");
        self.assert_no_marker_under_site();
        assert_eq!(self.tree_outside_output(), before, "files changed outside the output folder");
        text
    }

    /// Reads every file under the site folder (but the Git folder, where a
    /// test may keep a secret), links not followed: the secret must not
    /// have been copied anywhere.
    fn assert_no_marker_under_site(&self) {
        for (path, entry) in tree(&self.path("site")) {
            if let Entry::File(bytes) = entry
                && !path.starts_with(".git")
            {
                let text = String::from_utf8_lossy(&bytes);
                assert!(!text.contains(MARKER), "{} holds the secret", path.display());
            }
        }
    }

    fn tree_outside_output(&self) -> BTreeMap<PathBuf, Entry> {
        let out = Path::new("site/out");
        tree(self.root.path()).into_iter().filter(|(path, _)| !path.starts_with(out)).collect()
    }

    fn page(&self, rel: &str) -> scraper::Html {
        let path = self.path("site/out").join(rel);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        scraper::Html::parse_document(&text)
    }
}

#[derive(Debug, PartialEq)]
enum Entry {
    Folder,
    Link(PathBuf),
    File(Vec<u8>),
    Other,
}

/// Everything under `dir`, links not followed, pipes not opened.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Entry> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Entry>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(base).unwrap().to_path_buf();
            let kind = std::fs::symlink_metadata(&path).unwrap().file_type();
            if kind.is_symlink() {
                out.insert(rel, Entry::Link(std::fs::read_link(&path).unwrap()));
            } else if kind.is_dir() {
                out.insert(rel, Entry::Folder);
                walk(base, &path, out);
            } else if kind.is_file() {
                out.insert(rel, Entry::File(std::fs::read(&path).unwrap()));
            } else {
                out.insert(rel, Entry::Other);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn text_of(html: &scraper::Html, css: &str) -> String {
    let selector = scraper::Selector::parse(css).unwrap();
    html.select(&selector).map(|e| e.text().collect::<String>()).collect::<Vec<_>>().join(" ").trim().to_string()
}

const OUTSIDE: &str = "leads outside the site folder";

#[test]
fn symlinked_article_and_asset_leading_outside_are_refused_at_the_link() {
    let site = Fixture::bilingual();
    let article = site.secret("secret.md", "---\ntitle: {MARKER}\n---\n{MARKER}\n");
    let asset = site.secret("secret.txt", "{MARKER}\n");
    site.link(&article, "site/content/en/leak.md");
    site.link(&asset, "site/content/en/leak.txt");
    site.link("../../../outside/secret.txt", "site/content/fr/relative.txt");
    let text = site.refuses(&[
        ("content/en/leak.md:1:1:", OUTSIDE),
        ("content/en/leak.txt:1:1:", OUTSIDE),
        ("content/fr/relative.txt:1:1:", OUTSIDE),
    ]);
    assert!(text.contains("copy the file"), "the hint says what to do instead:\n{text}");
}

#[cfg(target_os = "linux")]
#[test]
fn symlink_to_the_build_environment_is_refused() {
    let site = Fixture::bilingual();
    site.link("/proc/self/environ", "site/content/en/environ.txt");
    site.link("/etc/passwd", "site/content/en/passwd.md");
    site.refuses(&[("content/en/environ.txt:1:1:", OUTSIDE), ("content/en/passwd.md:1:1:", OUTSIDE)]);
}

#[test]
fn symlinked_folder_leading_outside_is_refused_at_the_link() {
    let site = Fixture::bilingual();
    site.secret("shared/page.md", "---\ntitle: {MARKER}\n---\n{MARKER}\n");
    site.secret("shared/notes.txt", "{MARKER}\n");
    site.link(site.path("outside/shared"), "site/content/en/shared");
    site.refuses(&[("content/en/shared:1:1:", OUTSIDE)]);
}

#[test]
fn symlinks_in_the_theme_leading_outside_are_refused() {
    let site = Fixture::new("languages: [en, fr]\ntheme: custom\n");
    let css = site.secret("style.css", "/* {MARKER} */\n");
    let template = site.secret("article.html", "<html><body>{MARKER}</body></html>\n");
    site.link(&css, "site/themes/custom/static/leak.css");
    site.link(&template, "site/themes/custom/templates/article.html");
    site.refuses(&[
        ("themes/custom/static/leak.css:1:1:", OUTSIDE),
        ("themes/custom/templates/article.html:1:1:", OUTSIDE),
    ]);
}

#[test]
fn symlinked_theme_folder_leading_outside_is_refused() {
    let site = Fixture::new("languages: [en, fr]\ntheme: custom\n");
    site.secret("theme/static/leak.css", "/* {MARKER} */\n");
    site.link(site.path("outside/theme"), "site/themes/custom");
    site.refuses(&[("themes/custom:1:1:", OUTSIDE)]);
}

#[test]
fn symlinked_strings_leading_outside_are_refused() {
    let site = Fixture::bilingual();
    let strings = site.secret("en.ftl", "footer-powered = {MARKER}\n");
    site.link(&strings, "site/i18n/en.ftl");
    site.refuses(&[("i18n/en.ftl:1:1:", OUTSIDE)]);
}

#[test]
fn symlinked_strings_folder_leading_outside_is_refused_at_the_link() {
    let site = Fixture::bilingual();
    site.secret("strings/fr.ftl", "footer-powered = {MARKER}\n");
    site.link(site.path("outside/strings"), "site/i18n");
    site.refuses(&[("i18n:1:1:", OUTSIDE)]);
}

#[test]
fn liquid_includes_of_files_outside_are_refused_at_their_line() {
    let site = Fixture::bilingual();
    let secret = site.secret("secret.md", "{MARKER}\n");
    site.write(
        "site/content/en/a.md",
        &format!(
            "---\ntitle: Lost phone\n---\nCall us.\n\n{{% include \"{}\" %}}\n\n{{% include \"../../../outside/secret.md\" %}}\n",
            secret.display()
        ),
    );
    site.write("site/content/fr/a.md", "---\ntitle: Perdu\n---\n{% include ../../../outside/secret.md %}\n");
    site.refuses(&[
        ("content/en/a.md:6:1:", "outside the site folder"),
        ("content/en/a.md:8:1:", "outside the site folder"),
        ("content/fr/a.md:4:1:", "outside the site folder"),
    ]);
}

#[test]
fn mdx_imports_of_files_outside_are_refused_where_they_are_used() {
    let site = Fixture::bilingual();
    let secret = site.secret("secret.mdx", "{MARKER}\n");
    site.write(
        "site/content/en/b.mdx",
        &format!(
            "---\ntitle: Imports\n---\nimport Relative from '../../../outside/secret.mdx';\nimport Absolute from '{}';\n\n<Relative />\n\n<Absolute />\n",
            secret.display()
        ),
    );
    site.refuses(&[
        ("content/en/b.mdx:7:1:", "outside the site folder"),
        ("content/en/b.mdx:9:1:", "outside the site folder"),
    ]);
}

#[test]
fn include_through_an_in_site_symlink_leading_outside_is_refused() {
    let site = Fixture::bilingual();
    let secret = site.secret("secret.md", "{MARKER}\n");
    site.link(&secret, "site/content/en/_shared.md");
    site.write("site/content/en/a.md", "---\ntitle: Lost phone\n---\n{% include \"_shared.md\" %}\n");
    site.refuses(&[("content/en/a.md:4:1:", "outside the site folder"), ("content/en/_shared.md:1:1:", OUTSIDE)]);
}

#[test]
fn category_files_leading_outside_are_refused() {
    let site = Fixture::bilingual();
    site.write("site/content/en/guides/b.md", "---\ntitle: Guide\n---\nText.\n");
    let meta = site.secret("category.json", "{\"label\": \"{MARKER}\"}\n");
    site.link(&meta, "site/content/en/guides/_category_.json");
    site.refuses(&[("content/en/guides/_category_.json:1:1:", OUTSIDE)]);
}

#[test]
fn category_data_file_outside_the_site_is_refused_on_its_setting() {
    let site = Fixture::new(
        "languages: [en, fr]\ncategory_data:\n  file: ../outside/{lang}.yml\n  list: help.categories\n  key: slug\n",
    );
    site.write("site/content/en/guides/b.md", "---\ntitle: Guide\n---\nText.\n");
    site.write("site/content/fr/guides/b.md", "---\ntitle: Guide\n---\nTexte.\n");
    for code in ["en", "fr"] {
        site.secret(&format!("{code}.yml"), "help:\n  categories:\n    - slug: guides\n      title: \"{MARKER}\"\n");
    }
    site.refuses(&[("site.yaml:3:", "outside the site folder")]);
}

#[test]
fn symlinked_category_data_file_leading_outside_is_refused_at_the_link() {
    let site = Fixture::new(
        "languages: [en, fr]\ncategory_data:\n  file: data/{lang}.yml\n  list: help.categories\n  key: slug\n",
    );
    site.write("site/content/en/guides/b.md", "---\ntitle: Guide\n---\nText.\n");
    let secret = site.secret("en.yml", "help:\n  categories:\n    - slug: guides\n      title: \"{MARKER}\"\n");
    site.link(&secret, "site/data/en.yml");
    site.refuses(&[("data/en.yml:1:1:", OUTSIDE)]);
}

#[test]
fn symlinked_summary_leading_outside_is_refused() {
    let site = Fixture::bilingual();
    let summary = site.secret("SUMMARY.md", "# {MARKER}\n\n* [A](a.md)\n");
    site.link(&summary, "site/content/en/SUMMARY.md");
    site.refuses(&[("content/en/SUMMARY.md:1:1:", OUTSIDE)]);
}

#[test]
fn symlinked_site_settings_leading_outside_are_refused() {
    let site = Fixture::bilingual();
    let settings = site.secret("site.yaml", "languages: [en, fr]\ntitle: \"{MARKER}\"\n");
    std::fs::remove_file(site.path("site/site.yaml")).unwrap();
    site.link(&settings, "site/site.yaml");
    site.refuses(&[("site.yaml:1:1:", OUTSIDE)]);
}

#[test]
fn symlink_into_the_git_folder_is_refused() {
    let site = Fixture::bilingual();
    // CI checkouts keep their access token in `.git/config`.
    site.write("site/.git/config", &format!("[http]\n\textraheader = AUTHORIZATION: basic {MARKER}\n"));
    site.link("../../.git/config", "site/content/en/config.txt");
    site.refuses(&[("content/en/config.txt:1:1:", "Git folder")]);
}

#[test]
fn symlinks_that_stay_inside_the_site_keep_working() {
    let site = Fixture::new("languages:\n  - code: en\n    content: ../docs/en\n  - code: fr\n");
    site.write("docs/en/a.md", "---\ntitle: Beside the site\n---\nText.\n");
    site.write("site/shared/page.md", "---\ntitle: Shared page\n---\nShared text.\n");
    site.write("site/shared/folder/inner.md", "---\ntitle: Inner page\n---\nInner text.\n");
    site.write("site/shared/_part.md", "Included text.\n");
    site.link("../../shared/page.md", "site/content/fr/page.md");
    site.link("../../shared/folder", "site/content/fr/folder");
    site.link("../../shared/_part.md", "site/content/fr/_part.md");
    site.write("site/content/fr/b.md", "---\ntitle: Inclusion\n---\n{% include \"_part.md\" %}\n");
    let output = site.build();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(text_of(&site.page("fr/page/index.html"), "h1"), "Shared page");
    assert_eq!(text_of(&site.page("fr/folder/inner/index.html"), "h1"), "Inner page");
    assert!(text_of(&site.page("fr/b/index.html"), "main").contains("Included text."));
    assert_eq!(text_of(&site.page("en/a/index.html"), "h1"), "Beside the site");
}

#[test]
fn named_pipes_are_refused_without_blocking_the_build() {
    for (rel, location) in [
        ("site/content/en/SUMMARY.md", "content/en/SUMMARY.md:1:1:"),
        ("site/i18n/en.ftl", "i18n/en.ftl:1:1:"),
        ("site/content/en/pipe.md", "content/en/pipe.md:1:1:"),
        ("site/content/en/pipe.txt", "content/en/pipe.txt:1:1:"),
    ] {
        let site = Fixture::bilingual();
        site.fifo(rel);
        site.refuses(&[(location, "named pipe")]);
    }
}

#[test]
fn included_named_pipe_is_refused_without_blocking_the_build() {
    let site = Fixture::bilingual();
    site.fifo("site/content/en/_pipe.md");
    site.write("site/content/en/a.md", "---\ntitle: Lost phone\n---\n{% include \"_pipe.md\" %}\n");
    site.refuses(&[("content/en/a.md:4:1:", "named pipe")]);
}

#[test]
fn folder_link_to_a_parent_is_reported_as_a_loop_not_as_duplicates() {
    let site = Fixture::bilingual();
    site.write("site/content/en/a.md", "---\ntitle: Lost phone\npermalink: /en/lost/\n---\nCall us.\n");
    site.link("..", "site/content/en/loop");
    let text = site.refuses(&[("content/en/loop:1:1:", "loops back")]);
    let errors: Vec<String> = common::one_line_each(&text).into_iter().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 1, "only the loop is reported:\n{text}");
}
