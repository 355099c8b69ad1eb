//! `phare init`: a new bilingual help center in a folder.

use std::path::{Path, PathBuf};

use super::{ScaffoldError, create, starter};

pub struct InitOptions {
    pub dir: PathBuf,
    /// Language codes, the default one first.
    pub languages: Vec<String>,
    /// Add the missing files to a folder that is not empty.
    pub force: bool,
}

/// Creates the help center; returns the files written, from `dir`.
pub fn init(options: &InitOptions) -> Result<Vec<PathBuf>, ScaffoldError> {
    check_languages(&options.languages)?;
    if !options.force && has_entries(&options.dir) {
        return Err(ScaffoldError::NotEmpty(options.dir.clone()));
    }
    let mut files = vec![("site.yaml".to_string(), starter::settings(&options.languages))];
    files.push((".gitignore".to_string(), starter::GITIGNORE.to_string()));
    for code in &options.languages {
        files.extend(starter::language_files(code));
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = options.dir.join(&rel);
        match create(&path, &text) {
            Ok(()) => written.push(PathBuf::from(rel)),
            // With --force, files already there are kept as they are.
            Err(ScaffoldError::Exists(_)) if options.force => {}
            Err(other) => return Err(other),
        }
    }
    Ok(written)
}

fn has_entries(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
}

fn check_languages(codes: &[String]) -> Result<(), ScaffoldError> {
    if codes.is_empty() {
        return Err(ScaffoldError::Invalid("no language given\n  hint: --languages en,fr".to_string()));
    }
    for (n, code) in codes.iter().enumerate() {
        let plain = !code.is_empty()
            && code.len() <= 12
            && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && code.starts_with(|c: char| c.is_ascii_alphabetic());
        if !plain {
            return Err(ScaffoldError::Invalid(format!(
                "`{code}` is not a language code\n  hint: use codes such as en, fr or fr-CA, separated by commas"
            )));
        }
        if codes[..n].contains(code) {
            return Err(ScaffoldError::Invalid(format!("`{code}` is listed twice in --languages")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(dir: &Path, force: bool) -> InitOptions {
        InitOptions { dir: dir.to_path_buf(), languages: vec!["en".into(), "fr".into()], force }
    }

    #[test]
    fn a_new_help_center_has_settings_two_categories_and_paired_articles_per_language() {
        let dir = tempfile::tempdir().unwrap();
        let written = init(&options(dir.path(), false)).unwrap();
        for expected in [
            "site.yaml",
            "content/en/getting-started/create-an-account.md",
            "content/en/account/change-your-email.md",
            "content/fr/premiers-pas/creer-un-compte.md",
            "content/fr/compte/changer-votre-courriel.md",
            "i18n/fr.ftl",
        ] {
            assert!(written.contains(&PathBuf::from(expected)), "{expected} in {written:?}");
        }
    }

    #[test]
    fn a_folder_that_is_not_empty_is_refused_and_force_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.yaml"), "title: Mine\n").unwrap();
        assert!(matches!(init(&options(dir.path(), false)), Err(ScaffoldError::NotEmpty(_))));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing written after a refusal");

        let written = init(&options(dir.path(), true)).unwrap();
        assert!(!written.contains(&PathBuf::from("site.yaml")));
        assert_eq!(std::fs::read_to_string(dir.path().join("site.yaml")).unwrap(), "title: Mine\n");
        assert!(dir.path().join("content/fr/compte/changer-votre-courriel.md").is_file());
    }

    #[test]
    fn language_codes_must_be_plain_and_listed_once() {
        let dir = tempfile::tempdir().unwrap();
        for codes in [vec![], vec!["../x".to_string()], vec!["en".into(), "en".into()], vec!["".into()]] {
            let options = InitOptions { dir: dir.path().to_path_buf(), languages: codes.clone(), force: false };
            assert!(matches!(init(&options), Err(ScaffoldError::Invalid(_))), "{codes:?}");
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
