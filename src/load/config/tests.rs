//! `site.yaml` read into settings, and its problems.

use super::languages::looks_like_language_code;
use super::*;

/// The config when it has no problem at all, else every problem.
fn strict_load(dir: &Path) -> Result<Config, Vec<Diagnostic>> {
    match load(dir, None) {
        Ok((config, problems)) if problems.is_empty() => Ok(config),
        Ok((_, problems)) | Err(problems) => Err(problems),
    }
}

fn site(yaml: &str) -> (tempfile::TempDir, Result<Config, Vec<Diagnostic>>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content/en")).unwrap();
    std::fs::create_dir_all(dir.path().join("content/fr")).unwrap();
    std::fs::write(dir.path().join(CONFIG_FILE), yaml).unwrap();
    let config = strict_load(dir.path());
    (dir, config)
}

#[test]
fn unknown_key_names_its_line_and_the_nearest_known_key() {
    let (_dir, result) = site("title: Aide\nbase_ulr: https://x.org\nlanguages: [en, fr]\n");
    let problems = result.unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!((problems[0].line, problems[0].column), (2, 1));
    assert_eq!(problems[0].hint.as_deref(), Some("did you mean `base_url`?"));
}

#[test]
fn titles_per_language_and_content_roots_are_read() {
    let yaml = "title:\n  en: Help\n  fr: Aide\nbase_url: https://help.example.org\ndefault_language: fr\nlanguages:\n  - en\n  - code: fr\n    content: docs-fr\n";
    let (dir, result) = site(yaml);
    std::fs::create_dir_all(dir.path().join("docs-fr")).unwrap();
    let config = result.unwrap();
    assert_eq!(config.titles["fr"], "Aide");
    assert_eq!(config.base_url, "https://help.example.org/");
    assert_eq!(config.default_language, "fr");
    assert_eq!(config.languages[1].content_root, dir.path().join("docs-fr"));
}

#[test]
fn missing_file_finds_languages_from_content_folders() {
    let dir = tempfile::tempdir().unwrap();
    for code in ["fr", "en", "fr-CA", "images"] {
        std::fs::create_dir_all(dir.path().join("content").join(code)).unwrap();
    }
    let config = strict_load(dir.path()).unwrap();
    let codes: Vec<_> = config.languages.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, ["en", "fr", "fr-CA"]);
    assert_eq!(config.default_language, "en");
}

#[test]
fn language_folder_missing_from_languages_is_an_error() {
    let (dir, _) = site("languages: [en, fr]\n");
    std::fs::create_dir_all(dir.path().join("content/de")).unwrap();
    let problems = strict_load(dir.path()).unwrap_err();
    assert!(problems[0].message.contains("content/de"), "{:?}", problems);
    assert_eq!(problems[0].line, 1);
}

#[test]
fn malformed_yaml_reports_position() {
    let (_dir, result) = site("title: Aide\nlanguages: [en, fr\n");
    let problems = result.unwrap_err();
    assert!(problems[0].line >= 2, "{:?}", problems);
}

#[test]
fn unclosed_list_is_reported_where_it_opens() {
    let (_dir, result) = site("title: Aide\nlanguages: [en, fr\ntheme: default\n");
    let problem = &result.unwrap_err()[0];
    assert_eq!((problem.line, problem.column), (2, 12), "{problem}");
    assert!(problem.message.contains("`[` list that starts here"), "{problem}");
}

#[test]
fn language_codes_are_recognised() {
    assert!(looks_like_language_code("fr-CA"));
    assert!(looks_like_language_code("en"));
    assert!(!looks_like_language_code("images"));
    assert!(!looks_like_language_code("EN"));
}

#[test]
fn output_in_site_yaml_must_stay_inside_the_site_folder() {
    for bad in ["..", "../public", "/srv/www", "a/../../b", "\"\""] {
        let (_dir, result) = site(&format!("languages: [en, fr]\noutput: {bad}\n"));
        let problems = result.unwrap_err();
        assert_eq!((problems[0].line, problems[0].column), (2, 1), "{bad}");
        assert!(problems[0].message.contains("inside the site folder"), "{bad}: {}", problems[0].message);
    }
    let (dir, result) = site("languages: [en, fr]\noutput: build/site\n");
    assert_eq!(result.unwrap().output_dir, dir.path().join("build/site"));
}
