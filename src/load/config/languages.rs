//! The `languages:` list of `site.yaml`, and the languages found from
//! `content/<code>` folders when there is none; folders that look like a
//! language but are not listed are reported.

use std::path::Path;

use serde_yaml::Value;

use crate::diagnostics::Diagnostic;

use super::{Language, Reader};

const LANGUAGE_KEYS: &[&str] = &["code", "content", "title", "description", "name"];

impl Reader {
    pub(super) fn languages(&mut self, site_dir: &Path, value: &Value) -> Vec<Language> {
        let (list_line, _) = self.position("languages", 0);
        let Some(items) = value.as_sequence() else {
            self.problems.push(
                Diagnostic::error(&self.file, list_line, 1, "`languages` must be a list")
                    .with_hint("write `languages: [en, fr]`, or one `- code: en` entry per line"),
            );
            return Vec::new();
        };
        let mut languages: Vec<Language> = Vec::new();
        for item in items {
            let (code, content, name) = match item {
                Value::String(code) => (code.clone(), None, None),
                Value::Mapping(entry) => {
                    for (key, _) in entry {
                        let key = key.as_str().unwrap_or_default();
                        if !LANGUAGE_KEYS.contains(&key) {
                            self.unknown_key(key, LANGUAGE_KEYS, list_line);
                        }
                    }
                    let code = self.string(entry, "code").unwrap_or_default();
                    if code.is_empty() {
                        self.problems.push(
                            Diagnostic::error(&self.file, list_line, 1, "a language entry has no `code`")
                                .with_hint("add `code: fr` (or the language's code) to the entry"),
                        );
                        continue;
                    }
                    (code, self.string(entry, "content"), self.string(entry, "name"))
                }
                _ => {
                    self.problems.push(Diagnostic::error(
                        &self.file,
                        list_line,
                        1,
                        "each language must be a code such as `fr` or an entry with `code:`",
                    ));
                    continue;
                }
            };
            if code.parse::<unic_langid::LanguageIdentifier>().is_err() || code.contains('_') {
                let (line, column) = self.value_position(&code, list_line);
                self.problems.push(
                    Diagnostic::error(&self.file, line, column, format!("`{code}` is not a language code"))
                        .with_hint("use codes such as `en`, `fr` or `fr-CA`"),
                );
                continue;
            }
            if languages.iter().any(|l| l.code == code) {
                let (line, column) = self.value_position(&code, list_line);
                self.problems.push(Diagnostic::error(
                    &self.file,
                    line,
                    column,
                    format!("language `{code}` is listed twice"),
                ));
                continue;
            }
            let content_root = site_dir.join(content.unwrap_or_else(|| format!("content/{code}")));
            languages.push(Language { code, content_root, name });
        }
        languages
    }

    /// A `content/xx` folder that looks like a language but is not listed
    /// would be silently skipped; that loses articles, so it is an error.
    pub(super) fn check_language_folders(&mut self, site_dir: &Path, languages: &[Language]) {
        let content = site_dir.join("content");
        let Ok(entries) = std::fs::read_dir(&content) else { return };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        for name in names {
            let folder = content.join(&name);
            let used =
                languages.iter().any(|l| l.content_root.starts_with(&folder) || folder.starts_with(&l.content_root));
            let configured = languages.iter().any(|l| l.code == name);
            if !used && !configured && looks_like_language_code(&name) {
                let (line, column) = self.position("languages", 0);
                self.problems.push(
                    Diagnostic::error(
                        &self.file,
                        line,
                        column,
                        format!("the folder content/{name} looks like a language, but `{name}` is not in `languages`, so its articles would be left out"),
                    )
                    .with_hint(format!("add `{name}` to `languages`, or rename the folder if it is not a language")),
                );
            }
        }
    }
}

pub(super) fn codes(languages: &[Language]) -> String {
    languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ")
}

/// `en`, `fr`, `fr-CA`, `pt-BR`: two or three letters, optionally a region.
pub(crate) fn looks_like_language_code(name: &str) -> bool {
    let mut parts = name.split('-');
    let primary = parts.next().unwrap_or_default();
    let primary_ok = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase());
    let rest_ok = parts.all(|p| (2..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    primary_ok && rest_ok && name.parse::<unic_langid::LanguageIdentifier>().is_ok()
}

/// With no `languages` setting: every `content/<code>` folder is a language.
pub(super) fn discover_languages(site_dir: &Path) -> Vec<Language> {
    let content = site_dir.join("content");
    let Ok(entries) = std::fs::read_dir(&content) else { return Vec::new() };
    let mut codes: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| looks_like_language_code(name))
        .collect();
    codes.sort();
    codes.into_iter().map(|code| Language { content_root: content.join(&code), code, name: None }).collect()
}
