//! Bad input must fail the build with exit code 1, a diagnostic naming the
//! file, line and column in plain words, and the previous output untouched.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use tempfile::TempDir;

const TIMEOUT: Duration = Duration::from_secs(20);

/// A valid bilingual site in a temp folder, nested so that `../..` from its
/// output folder still lands inside the temp folder.
struct Site {
    root: TempDir,
    dir: PathBuf,
    logs: TempDir,
}

impl Site {
    fn new() -> Site {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("deep/er/site");
        std::fs::create_dir_all(&dir).unwrap();
        let site = Site { root, dir, logs: tempfile::tempdir().unwrap() };
        site.write("site.yaml", "languages: [en, fr]\n");
        site.write("content/en/a.md", "---\ntitle: Lost phone\n---\nCall us.\n");
        site.write("content/fr/a.md", "---\ntitle: Téléphone perdu\n---\nAppelez-nous.\n");
        site
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// `phare build --site . ARGS` run from the site folder, killed after 20 s.
    fn run(&self, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_phare"));
        command.args(["build", "--site", "."]).args(args).current_dir(&self.dir);
        common::run_with_timeout(command, self.logs.path(), TIMEOUT)
    }

    /// `phare build --site . --output out ARGS`.
    fn build(&self, args: &[&str]) -> Output {
        let mut all = vec!["--output", "out"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    fn snapshot_output(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        tree(&self.path("out"))
    }

    /// Builds, expects success, and returns the output folder's contents.
    fn good_build(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let output = self.build(&[]);
        assert_eq!(output.status.code(), Some(0), "the good build failed:\n{}", stderr(&output));
        let snapshot = self.snapshot_output();
        assert!(snapshot.contains_key(Path::new(".phare-output")), "no marker in {:?}", snapshot.keys());
        snapshot
    }
}

/// Every file, folder and link under `dir` (links not followed), with file
/// bytes and link targets.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(base).unwrap().to_path_buf();
            let kind = std::fs::symlink_metadata(&path).unwrap().file_type();
            if kind.is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                out.insert(rel, format!("-> {}", target.display()).into_bytes());
            } else if kind.is_dir() {
                out.insert(rel, b"<dir>".to_vec());
                walk(base, &path, out);
            } else {
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Exit code 1 (not a signal or a panic) and the failure summary last.
fn assert_failed(output: &Output, errors: usize) -> String {
    let text = stderr(output);
    assert_eq!(output.status.code(), Some(1), "expected exit code 1; stderr:\n{text}");
    assert!(!text.contains("panicked"), "phare panicked:\n{text}");
    let summary = format!("Build failed: {errors} error(s). The previous output, if any, was left untouched.");
    assert_eq!(text.lines().last(), Some(summary.as_str()), "stderr:\n{text}");
    text
}

/// The diagnostic at `location` (`path:line:col: error:`), on one line.
fn diagnostic(text: &str, location: &str) -> String {
    common::one_line_each(text)
        .into_iter()
        .find(|l| l.starts_with(location))
        .unwrap_or_else(|| panic!("no `{location}` in stderr:\n{text}"))
}

fn assert_reports(text: &str, location: &str, phrase: &str) {
    let line = diagnostic(text, location);
    assert!(line.contains(phrase), "`{phrase}` missing from `{line}`; stderr:\n{text}");
}

/// Writes `bytes` to `rel` after a good build, builds again and checks the
/// failure, the diagnostic and the untouched output; returns stderr.
fn fails_with(rel: &str, bytes: impl AsRef<[u8]>, location: &str, phrase: &str) -> String {
    let site = Site::new();
    let before = site.good_build();
    site.write(rel, bytes);
    let output = site.build(&[]);
    let text = assert_failed(&output, 1);
    assert_reports(&text, location, phrase);
    assert_eq!(site.snapshot_output(), before, "the output folder changed");
    text
}

#[test]
fn malformed_yaml_names_the_file_line_and_keeps_previous_output() {
    fails_with(
        "content/en/bad.md",
        "---\ntitle: Bad\ndescription: [unclosed\n---\nBody\n",
        // The `[` opened on line 3, column 14 is never closed.
        "content/en/bad.md:3:14: error:",
        "the front matter is not valid YAML",
    );
}

#[test]
fn front_matter_that_is_a_list_is_refused_on_its_first_line_and_keeps_previous_output() {
    fails_with(
        "content/en/bad.md",
        "---\n- a\n- b\n---\nBody\n",
        "content/en/bad.md:2:1: error:",
        "`key: value` settings",
    );
}

#[test]
fn unclosed_front_matter_is_reported_where_it_starts_and_keeps_previous_output() {
    fails_with(
        "content/en/bad.md",
        "---\ntitle: x\nBody with no closing fence\n",
        "content/en/bad.md:1:1: error:",
        "never ends",
    );
}

#[test]
fn invalid_utf8_names_the_line_and_column_of_the_bad_byte_and_keeps_previous_output() {
    fails_with(
        "content/en/bad.md",
        b"---\ntitle: x\n---\nab\xe9c\n",
        "content/en/bad.md:4:3: error:",
        "not valid UTF-8",
    );
}

#[test]
fn empty_file_is_an_error_at_its_start_and_keeps_previous_output() {
    fails_with("content/en/empty.md", b"", "content/en/empty.md:1:1: error:", "this file is empty");
}

#[test]
fn language_folder_missing_from_site_yaml_is_reported_on_site_yaml_and_keeps_previous_output() {
    fails_with("content/de/x.md", "---\ntitle: Hallo\n---\nText\n", "site.yaml:1:1: error:", "content/de");
}

#[test]
fn permalinks_leaving_the_output_folder_are_refused_and_nothing_is_written_outside() {
    let site = Site::new();
    let before = site.good_build();
    for permalink in ["../../etc", "C:/Windows", "//evil.example/x", "\"%2e%2e/%2e%2e/etc\""] {
        site.write("content/en/bad.md", format!("---\ntitle: Bad\npermalink: {permalink}\n---\nBody\n"));
        let everything = tree(site.root.path());
        let output = site.build(&[]);
        let text = assert_failed(&output, 1);
        assert_reports(&text, "content/en/bad.md:3:1: error:", "cannot be used");
        assert_eq!(site.snapshot_output(), before, "the output folder changed for {permalink}");
        assert_eq!(tree(site.root.path()), everything, "files appeared or changed for {permalink}");
        assert!(
            !everything.keys().any(|p| p.iter().any(|c| c == "etc" || c == "evil.example" || c == "C:")),
            "a file escaped for {permalink}"
        );
    }
}

#[test]
fn slug_with_a_folder_climb_is_refused_and_keeps_previous_output() {
    fails_with(
        "content/en/bad.md",
        "---\ntitle: Bad\nslug: ../x\n---\nBody\n",
        "content/en/bad.md:3:1: error:",
        "the slug `../x` cannot be used",
    );
}

#[test]
fn two_articles_with_one_url_are_both_named_and_keep_previous_output() {
    let site = Site::new();
    let before = site.good_build();
    site.write("content/en/a.md", "---\ntitle: Lost phone\npermalink: /en/same/\n---\nCall us.\n");
    site.write("content/en/b.md", "---\ntitle: Other\npermalink: /en/same/\n---\nBody\n");
    let text = assert_failed(&site.build(&[]), 1);
    assert_eq!(site.snapshot_output(), before);
    assert_reports(&text, "content/en/b.md:3:1: error:", "would both be written to /en/same/");
    assert_reports(&text, "content/en/b.md:3:1: error:", "content/en/a.md");
    // Both files are named the way people see paths: relative to where phare runs.
    let absolute = std::fs::canonicalize(&site.dir).unwrap();
    assert!(!text.contains(&*absolute.to_string_lossy()), "an absolute path is shown:\n{text}");
}

#[test]
fn dangling_symlink_is_reported_by_name_and_keeps_previous_output() {
    let site = Site::new();
    let before = site.good_build();
    std::os::unix::fs::symlink("/nonexistent/file.md", site.path("content/en/broken.md")).unwrap();
    let text = assert_failed(&site.build(&[]), 1);
    assert_reports(&text, "content/en/broken.md:1:1: error:", "cannot read");
    assert_eq!(site.snapshot_output(), before);
}

#[test]
fn symlink_loop_is_reported_without_hanging_and_keeps_previous_output() {
    for target in ["..", "."] {
        let site = Site::new();
        let before = site.good_build();
        std::os::unix::fs::symlink(target, site.path("content/en/loop")).unwrap();
        let text = assert_failed(&site.build(&[]), 1);
        let line = common::one_line_each(&text)
            .into_iter()
            .find(|l| l.starts_with("content/en/loop") && l.contains(":1:1: error: "))
            .unwrap_or_else(|| panic!("no error on content/en/loop for `loop -> {target}`:\n{text}"));
        assert!(line.contains("loops back"), "{line}");
        assert_eq!(site.snapshot_output(), before);
    }
}

#[test]
fn every_problem_of_a_run_is_reported_together() {
    let site = Site::new();
    let before = site.good_build();
    site.write("content/en/bad.md", "---\ntitle: Bad\ndescription: [unclosed\n---\nBody\n");
    site.write("content/en/empty.md", "");
    site.write("content/en/dup1.md", "---\ntitle: One\npermalink: /en/same/\n---\nBody\n");
    site.write("content/en/dup2.md", "---\ntitle: Two\npermalink: /en/same/\n---\nBody\n");
    let text = assert_failed(&site.build(&[]), 3);
    // The exact position of a YAML error is checked by `malformed_yaml_…`.
    assert_reports(&text, "content/en/bad.md:", "not valid YAML");
    assert_reports(&text, "content/en/empty.md:1:1: error:", "empty");
    assert_reports(&text, "content/en/dup2.md:3:1: error:", "content/en/dup1.md");
    assert_eq!(site.snapshot_output(), before);
}

/// A broken front matter used to bring, first, a "no article at that
/// place" warning for every link to the file: misleading, since the file is
/// there and its own error says what is wrong.
#[test]
fn a_front_matter_error_is_the_only_problem_links_to_that_file_bring() {
    let site = Site::new();
    site.write("content/en/bad.md", "---\ntitle: Lost: phone\n---\nBody\n");
    site.write("content/en/links.md", "---\ntitle: Links\n---\nSee [bad](bad.md) and [again](bad.md#top).\n");
    let text = assert_failed(&site.build(&[]), 1);
    let problems = common::one_line_each(&text);
    assert_eq!(problems.len(), 1, "{text}");
    assert!(problems[0].starts_with("content/en/bad.md:2:12: error:"), "{text}");
    assert!(text.contains("help: put the whole value in double quotes: title: \"Lost: phone\""), "{text}");
}

#[test]
fn misspelled_site_setting_names_its_line_and_the_right_key() {
    let text = fails_with(
        "site.yaml",
        "languages: [en, fr]\nbase_ulr: https://x.org\n",
        "site.yaml:2:1: error:",
        "unknown setting `base_ulr`",
    );
    assert!(text.contains("did you mean `base_url`?"), "{text}");
}

#[test]
fn lang_outside_the_site_languages_is_reported_on_its_key_and_keeps_previous_output() {
    fails_with(
        "content/en/c.md",
        "---\ntitle: C\nlang: de\n---\nBody\n",
        "content/en/c.md:3:1: error:",
        "`lang: de` is not one of the site's languages",
    );
}

#[test]
fn strict_turns_a_warning_into_a_failure_that_keeps_previous_output() {
    let site = Site::new();
    let before = site.good_build();
    site.write("content/en/c.md", "---\ntitel: x\n---\n# Typo\n\nBody\n");

    let strict = site.build(&["--strict"]);
    let text = stderr(&strict);
    assert_eq!(strict.status.code(), Some(1), "{text}");
    assert!(!text.contains("panicked"), "{text}");
    assert_reports(&text, "content/en/c.md:2:1: warning:", "`titel`");
    assert!(text.contains("did you mean `title`?"), "{text}");
    assert_eq!(
        text.lines().last(),
        Some(
            "Build failed: 1 warning(s), treated as errors because of --strict. \
             The previous output, if any, was left untouched."
        ),
        "{text}"
    );
    assert_eq!(site.snapshot_output(), before);

    let normal = site.build(&[]);
    let text = stderr(&normal);
    assert_eq!(normal.status.code(), Some(0), "{text}");
    assert_reports(&text, "content/en/c.md:2:1: warning:", "`titel`");
    assert!(site.path("out/en/c/index.html").is_file(), "{text}");
}

#[test]
fn output_folder_not_written_by_phare_is_left_alone() {
    let site = Site::new();
    let before = site.good_build();
    site.write("foreign/keep.txt", "my notes\n");
    let everything = tree(&site.dir);
    let text = assert_failed(&site.run(&["--output", "foreign"]), 1);
    assert_reports(&text, "foreign:1:1: error:", "was not written by Phare");
    assert_eq!(std::fs::read_to_string(site.path("foreign/keep.txt")).unwrap(), "my notes\n");
    assert_eq!(tree(&site.dir), everything, "files appeared or changed");
    assert_eq!(site.snapshot_output(), before);
}

#[test]
fn rebuild_removes_pages_no_longer_produced_and_same_input_gives_same_bytes() {
    let site = Site::new();
    let first = site.good_build();
    site.write("content/en/b.md", "---\ntitle: Other\n---\nBody\n");
    let with_b = site.good_build();
    assert!(with_b.contains_key(Path::new("en/b/index.html")), "{:?}", with_b.keys());
    std::fs::remove_file(site.path("content/en/b.md")).unwrap();
    let without_b = site.good_build();
    assert!(!site.path("out/en/b/index.html").exists());
    assert!(!without_b.keys().any(|p| p.starts_with("en/b")), "{:?}", without_b.keys());
    assert_eq!(without_b, first, "the same input gave different output");
    assert_eq!(site.good_build(), first, "a rebuild of the same input gave different output");
    let leftovers: Vec<_> = tree(&site.dir)
        .into_keys()
        .filter(|p| {
            let p = p.to_string_lossy();
            p.contains(".phare-new") || p.contains(".phare-old")
        })
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
}
