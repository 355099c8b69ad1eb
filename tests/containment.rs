//! Nothing a site says can make `phare build` write outside its output
//! folder. Each path-bearing input (`permalink`, `slug`, `aliases`,
//! `redirect_from`, `category`, `parent`, file and folder names, `--output`)
//! gets hostile values; after each build every file under the whole temp
//! folder is listed, and each must be a fixture input or sit inside the
//! output folder. The site sits deep inside the temp folder so that climbs
//! of a few `..` still land where the listing sees them.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use tempfile::TempDir;
use walkdir::WalkDir;

const TIMEOUT: Duration = Duration::from_secs(30);
const NBSP: char = '\u{a0}';

/// A valid bilingual site at `tmp/a/b/c/site`, built once into
/// `tmp/a/b/c/site/public` so that each test starts from a previous output.
struct Site {
    root: TempDir,
    dir: PathBuf,
    logs: TempDir,
}

impl Site {
    fn new() -> Site {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a/b/c/site");
        std::fs::create_dir_all(&dir).unwrap();
        let site = Site { root, dir, logs: tempfile::tempdir().unwrap() };
        site.write("site.yaml", "languages: [en, fr]\nbase_url: https://help.example/\n");
        site.write("content/en/a.md", "---\ntitle: Lost phone\n---\nCall us.\n");
        site.write("content/fr/a.md", "---\ntitle: Téléphone perdu\n---\nAppelez-nous.\n");
        let output = site.build(&["--output", "public"]);
        assert_eq!(output.status.code(), Some(0), "the good build failed:\n{}", stderr(&output));
        site
    }

    fn output_dir(&self) -> PathBuf {
        self.dir.join("public")
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// `phare build --site . ARGS` from the site folder, killed after 30 s.
    fn build(&self, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_phare"));
        command.args(["build", "--site", "."]).args(args).current_dir(&self.dir);
        common::run_with_timeout(command, self.logs.path(), TIMEOUT)
    }

    /// Builds with `args` after the fixture was changed, and checks that no
    /// file appeared outside `output` and that a failed build left the
    /// previous output as it was. Returns the run for further checks.
    fn build_contained(&self, args: &[&str], output: &Path, case: &str) -> Output {
        let before = files_under(self.root.path());
        let run = self.build(args);
        assert!(!stderr(&run).contains("panicked"), "{case}: phare panicked:\n{}", stderr(&run));
        let after = files_under(self.root.path());
        for (path, bytes) in &after {
            if path.starts_with(output) {
                continue;
            }
            assert_eq!(
                before.get(path),
                Some(bytes),
                "{case}: {} was written outside the output folder {}\nstderr:\n{}",
                path.display(),
                output.display(),
                stderr(&run)
            );
        }
        if run.status.code() != Some(0) {
            let inside = |files: &BTreeMap<PathBuf, Vec<u8>>| {
                files.iter().filter(|(p, _)| p.starts_with(output)).map(|(p, b)| (p.clone(), b.clone())).collect()
            };
            let (old, new): (BTreeMap<_, _>, BTreeMap<_, _>) = (inside(&before), inside(&after));
            assert!(old == new, "{case}: a failed build changed the previous output");
        }
        run
    }

    /// Writes an article with `front_matter`, builds into `public`, checks
    /// containment, and (when `must_fail`) that the build failed naming
    /// `content/en/e.md` at the line of `key`.
    fn hostile_front_matter(&self, key: &str, value: &str, must_fail: bool) {
        let front_matter = format!("title: Hostile\n{key}: {value}\n");
        // Line 1 is `---`, line 2 the title: the key is on line 3.
        self.write("content/en/e.md", &format!("---\n{front_matter}---\nBody\n"));
        let case = format!("`{key}: {value}`");
        let run = self.build_contained(&["--output", "public"], &self.output_dir(), &case);
        if must_fail {
            let text = stderr(&run);
            assert_eq!(run.status.code(), Some(1), "{case} was accepted:\n{text}");
            let lines: Vec<&str> = text.lines().collect();
            assert!(
                lines.windows(2).any(|pair| pair[0].starts_with("error: ") && pair[1] == " --> content/en/e.md:3:1"),
                "{case}: no error at content/en/e.md:3:1:\n{text}"
            );
        }
    }
}

/// Every file (not folder) under `dir` with its bytes; links not followed.
fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| !entry.file_type().is_dir())
        .map(|entry| {
            let bytes = std::fs::read(entry.path()).unwrap_or_else(|_| b"<unreadable>".to_vec());
            (entry.path().to_path_buf(), bytes)
        })
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A YAML double-quoted string, so blanks, control characters, `\` and
/// `%` reach Phare as written.
fn quoted(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '\\' | '"' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Values that try to climb out of, or jump past, the output folder. The
/// absolute ones point inside the temp folder so an escape would be seen.
fn hostile_paths(site: &Site) -> Vec<(String, bool)> {
    let tmp = site.root.path().display().to_string();
    let mut values: Vec<(String, bool)> = [
        "..",
        "../../..",
        "../../../escape",
        "/en/../../../escape/",
        "/en/ ../ ../ ../ ../escape/",
        " %2e%2e %2f %2e%2e %2f %2e%2e %2fescape",
        "%2e%2e/%2e%2e/%2e%2e/escape",
        "%2E%2E%2F%2E%2E%2F%2E%2E%2Fescape",
        "\\..\\..\\..\\escape",
        "..\\..\\..\\escape",
        "/en/\t..\t/\t..\t/\t..\t/escape/",
        "/en/\u{3000}..\u{3000}/..\u{2003}/\u{2009}../escape/",
        "/en/\u{ff0e}\u{ff0e}/\u{ff0e}\u{ff0e}/\u{ff0e}\u{ff0e}/escape/",
        "/en/.../escape/",
        "./../../escape",
        "C:/escape",
        "/a/\0/b/",
        "/ /",
    ]
    .iter()
    .map(|v| (v.to_string(), true))
    .collect();
    let padded = format!("/en/{NBSP}..{NBSP}/{NBSP}..{NBSP}/{NBSP}..{NBSP}/escape/");
    values.push((padded, true));
    // A lone leading blank segment once made the rest an absolute path.
    values.push((format!("/ {tmp}/abs/"), true));
    values.push((format!("/{NBSP}{tmp}/abs/"), true));
    values.push((format!("/ /{tmp}/abs/"), true));
    // A plain absolute path is a path inside the site: allowed, contained.
    values.push((format!("{tmp}/abs/"), false));
    values.push((format!("{tmp}/abs.html"), false));
    values
}

#[test]
fn permalinks_never_write_outside_the_output_folder() {
    let site = Site::new();
    for (value, must_fail) in hostile_paths(&site) {
        site.hostile_front_matter("permalink", &quoted(&value), must_fail);
    }
}

#[test]
fn slugs_never_write_outside_the_output_folder() {
    let site = Site::new();
    for (value, must_fail) in hostile_paths(&site) {
        site.hostile_front_matter("slug", &quoted(&value), must_fail);
    }
}

#[test]
fn aliases_never_write_outside_the_output_folder() {
    let site = Site::new();
    for (value, must_fail) in hostile_paths(&site) {
        site.hostile_front_matter("aliases", &format!("[{}]", quoted(&value)), must_fail);
        site.hostile_front_matter("redirect_from", &format!("[{}]", quoted(&value)), must_fail);
    }
}

#[test]
fn categories_never_write_outside_the_output_folder() {
    let site = Site::new();
    let tmp = site.root.path().display().to_string();
    let mut values = hostile_paths(&site);
    // A category is one folder name: an absolute path is refused too.
    values.push((format!("{tmp}/abs"), true));
    values.push(("../../escape".to_string(), true));
    values.push(("a/../../../../escape".to_string(), true));
    for (value, _) in values {
        // A category is a name, not an address: `%2e` stays the three
        // characters it is (written `%252e`), harmless, so it may pass.
        let must_fail = !value.contains('%');
        site.hostile_front_matter("category", &quoted(&value), must_fail);
    }
}

#[test]
fn parents_only_name_pages_and_never_write_anywhere() {
    let site = Site::new();
    for (value, _) in hostile_paths(&site) {
        site.hostile_front_matter("parent", &quoted(&value), false);
    }
}

#[test]
fn file_and_folder_names_never_write_outside_the_output_folder() {
    let blank_climb = format!("{NBSP}..{NBSP}");
    let names = [
        " ../ ../ ../escape.md",
        " ../ ../ ../escape/x.md",
        " ../ ../ ../escape.png",
        " ...md",
        "\u{3000}..\u{3000}/\u{3000}..\u{3000}/\u{3000}..\u{3000}/escape.md",
        &format!("{blank_climb}/{blank_climb}/{blank_climb}/escape.md"),
        &format!("{blank_climb}/{blank_climb}/{blank_climb}/escape.png"),
        "\u{ff0e}\u{ff0e}/\u{ff0e}\u{ff0e}/\u{ff0e}\u{ff0e}/escape.md",
        "x\\..\\..\\..\\escape.md",
        "x\\..\\..\\..\\escape.png",
        " /x.md",
        "\t/x.png",
    ];
    for name in names {
        let site = Site::new();
        site.write(&format!("content/en/{name}"), "---\ntitle: Hostile\n---\nBody\n");
        let output = site.output_dir();
        let run = site.build_contained(&["--output", "public"], &output, &format!("file `{name}`"));
        let text = stderr(&run);
        assert_eq!(run.status.code(), Some(1), "file `{name}` was accepted:\n{text}");
        assert!(text.contains("content/en/"), "file `{name}`: the file is not named:\n{text}");
    }
    // Names starting with `.` are hidden files: never read, so never written.
    for name in ["..\\..\\..\\escape.md", "..\\..\\..\\escape.png"] {
        let site = Site::new();
        site.write(&format!("content/en/{name}"), "---\ntitle: Hostile\n---\nBody\n");
        site.build_contained(&["--output", "public"], &site.output_dir(), &format!("file `{name}`"));
    }
}

#[test]
fn hostile_output_folders_are_refused_without_touching_anything() {
    let site = Site::new();
    let tmp = site.root.path().display().to_string();
    let values =
        [".", "..", "../..", "content", "content/en", "public/../..", "/", &tmp, &format!("{tmp}/a"), "themes/.."];
    for value in values {
        let run = site.build_contained(&["--output", value], &site.output_dir(), &format!("--output {value}"));
        assert_eq!(run.status.code(), Some(1), "--output {value} was accepted:\n{}", stderr(&run));
        // Emptying a folder that holds the articles would lose them.
        if ["content", "content/en", "."].contains(&value) {
            assert!(!stderr(&run).contains("empty"), "--output {value} suggests emptying sources:\n{}", stderr(&run));
        }
    }
}

#[test]
fn theme_file_names_never_write_outside_the_output_folder() {
    let site = Site::new();
    // On Linux `\` is an ordinary character of a file name; read as a separator it climbs.
    site.write("themes/default/static/x\\..\\..\\..\\..\\escape.css", "body {}");
    let run = site.build_contained(&["--output", "public"], &site.output_dir(), "theme file `x\\..\\..`");
    let text = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "the theme file was accepted:\n{text}");
    assert!(text.contains("themes/default/static/"), "the theme file is not named:\n{text}");
}

#[test]
fn output_folders_named_in_site_yaml_stay_inside_the_site() {
    let site = Site::new();
    let tmp = site.root.path().display().to_string();
    for value in ["..", "../elsewhere", "../../../../escape", "/tmp/phare-escape", &format!("{tmp}/a"), "public/../.."]
    {
        site.write("site.yaml", &format!("languages: [en, fr]\nbase_url: https://help.example/\noutput: {value}\n"));
        let run = site.build_contained(&[], &site.output_dir(), &format!("output: {value}"));
        let text = stderr(&run);
        assert_eq!(run.status.code(), Some(1), "`output: {value}` was accepted:\n{text}");
        assert!(text.contains("site.yaml:3:1"), "`output: {value}` is not pointed at:\n{text}");
    }
    site.write("site.yaml", "languages: [en, fr]\nbase_url: https://help.example/\noutput: public\n");
    let run = site.build_contained(&[], &site.output_dir(), "output: public");
    assert_eq!(run.status.code(), Some(0), "`output: public` was refused:\n{}", stderr(&run));
}
