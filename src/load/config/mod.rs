//! `site.yaml` → a validated [`Config`]. Unknown keys are reported with their
//! line and the nearest known key; a missing file gives defaults that find
//! the languages from `content/*`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use crate::diagnostics::Diagnostic;
use crate::load::read_scope::{ReadScope, Refused};

mod yaml;
pub mod yaml_expansion;

pub use yaml::{key_position, nearest, scalar_text, yaml_problem};

pub const CONFIG_FILE: &str = "site.yaml";

const TOP_LEVEL_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "default_language",
    "languages",
    "theme",
    "output",
    "ignore",
    "missing_translation",
    "broken_links",
    "translation_key_field",
    "categories",
    "category_data",
    "popular",
];
const LANGUAGE_KEYS: &[&str] = &["code", "content", "title", "description", "name"];

#[derive(Debug, Clone)]
pub struct Language {
    /// As written in `site.yaml`: `en`, `fr`, `fr-CA`.
    pub code: String,
    /// Absolute folder holding this language's articles.
    pub content_root: PathBuf,
    /// Display name override; otherwise the theme's `language-name` string.
    pub name: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub site_dir: PathBuf,
    /// `site.yaml`, or where it would be.
    pub file: PathBuf,
    pub languages: Vec<Language>,
    pub default_language: String,
    /// Site title per language code; missing ones fall back to the UI string.
    pub titles: BTreeMap<String, String>,
    pub descriptions: BTreeMap<String, String>,
    /// Absolute URL ending in `/`, or empty when the site did not say.
    pub base_url: String,
    pub theme: String,
    pub output_dir: PathBuf,
    /// Patterns of content files to leave out (`drafts/**`, `*.tmp.md`),
    /// relative to each content root.
    pub ignore: Vec<String>,
    /// What a language shows for an article written only in another one.
    pub missing_translation: MissingTranslation,
    /// Whether `phare build` fails on links to missing pages or anchors.
    pub broken_links_fail: bool,
    /// Another front-matter key read as the translation key (Docusaurus `id`).
    pub translation_key_field: Option<String>,
    /// Category titles, descriptions and order given in `site.yaml`.
    pub categories: BTreeMap<String, CategorySetting>,
    /// A data file per language listing categories (login.gov's
    /// `_data/<lang>/settings.yml`).
    pub category_data: Option<CategoryData>,
    /// Translation keys of the articles each home page puts forward.
    pub popular: Vec<String>,
    /// Where site files may be read from: the site folder and the content
    /// folders, plus the settings file given with `--config` and the theme
    /// folder beside it.
    pub read_scope: ReadScope,
}

/// One entry of `categories:` in `site.yaml`; texts per language code (or
/// `""` for every language).
#[derive(Debug, Clone, Default)]
pub struct CategorySetting {
    pub titles: BTreeMap<String, String>,
    pub descriptions: BTreeMap<String, String>,
    pub order: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct CategoryData {
    /// Path from the site folder, with `{lang}` for the language code.
    pub file: String,
    /// Dotted path to the list inside the file (`help_page.categories`).
    pub list: String,
    /// Field of each entry naming the category (its folder or `category:`).
    pub key: String,
}

/// The site-wide policy for articles missing in a language; an article may
/// override it with `missing_translation:` in its front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MissingTranslation {
    /// The original, under the other language's address, with a notice.
    #[default]
    Banner,
    /// Left out of that language.
    Omit,
}

impl MissingTranslation {
    pub fn parse(text: &str) -> Option<MissingTranslation> {
        match text.trim() {
            "banner" => Some(MissingTranslation::Banner),
            "omit" => Some(MissingTranslation::Omit),
            _ => None,
        }
    }
}

impl Config {
    /// Where to look for the site's theme folder: beside the content, then
    /// beside a settings file given with `--config`.
    pub fn theme_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = vec![self.site_dir.join("themes").join(&self.theme)];
        if let Some(beside) = self.file.parent().filter(|p| *p != self.site_dir) {
            dirs.push(beside.join("themes").join(&self.theme));
        }
        dirs
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// `base_url` for canonical links, overridable from the command line.
    pub fn set_base_url(&mut self, url: &str) {
        self.base_url = normalize_base_url(url);
    }
}

/// Reads `site.yaml` from `site_dir`, or `file` when given (its relative
/// paths still count from `site_dir`), or defaults when there is none.
/// Problems that leave the settings usable (an unknown key, a wrong value
/// that has a default) come back beside the config, so the build can go on
/// and report content problems in the same run; `Err` means no usable config.
pub fn load(site_dir: &Path, file: Option<&Path>) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
    if let Some(file) = file
        && !file.is_file()
    {
        return Err(vec![
            Diagnostic::error(file, 1, 1, "this settings file does not exist")
                .with_hint("check the path given with `--config`"),
        ]);
    }
    let given = file;
    let file = file.map_or_else(|| site_dir.join(CONFIG_FILE), Path::to_path_buf);
    // A file named on the command line is the caller's choice; `site.yaml`
    // is a site file like any other.
    let read = match given {
        Some(_) => std::fs::read(&file).map_err(|e| Refused { path: file.clone(), link: None, reason: e.into() }),
        None => ReadScope::new(site_dir).read(&file),
    };
    let text = match read {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(e) => {
                let (line, column) = crate::diagnostics::line_column(
                    &String::from_utf8_lossy(e.as_bytes()),
                    e.utf8_error().valid_up_to(),
                );
                return Err(vec![
                    Diagnostic::error(&file, line, column, "this file is not valid UTF-8 text")
                        .with_hint("save it as UTF-8 in your editor"),
                ]);
            }
        },
        Err(refused) if refused.is_missing() => None,
        Err(refused) => return Err(vec![refused.diagnostic()]),
    };
    let mut reader = Reader { file: file.clone(), text: text.clone().unwrap_or_default(), problems: Vec::new() };
    let mapping = match text.as_deref().map(str::trim) {
        None | Some("") => Mapping::new(),
        Some(_) if yaml_expansion::expands_too_much(&reader.text) => {
            return Err(vec![yaml_expansion::too_much(&file, &reader.text)]);
        }
        Some(_) => match serde_yaml::from_str::<Value>(&reader.text) {
            Ok(Value::Mapping(m)) => m,
            Ok(Value::Null) => Mapping::new(),
            Ok(_) => {
                return Err(vec![
                    Diagnostic::error(&file, 1, 1, "site.yaml must be a list of `key: value` settings")
                        .with_hint("start with a line such as `title: My help center`"),
                ]);
            }
            Err(e) => {
                let (line, column, reason) = yaml_problem(&e);
                return Err(vec![
                    Diagnostic::error(&file, line, column, format!("this is not valid YAML: {reason}"))
                        .with_hint("check the indentation and that text containing `:` is in quotes"),
                ]);
            }
        },
    };
    let mut config = reader.read(site_dir, &mapping);
    if let Some(file) = given {
        config.read_scope.allow(file);
        if let Some(beside) = file.parent().filter(|p| *p != config.site_dir) {
            config.read_scope.allow(&beside.join("themes").join(&config.theme));
        }
    }
    if config.languages.is_empty() { Err(reader.problems) } else { Ok((config, reader.problems)) }
}

struct Reader {
    file: PathBuf,
    text: String,
    problems: Vec<Diagnostic>,
}

impl Reader {
    fn read(&mut self, site_dir: &Path, map: &Mapping) -> Config {
        for (key, _) in map {
            let key = key.as_str().unwrap_or_default();
            if !TOP_LEVEL_KEYS.contains(&key) {
                self.unknown_key(key, TOP_LEVEL_KEYS, 0);
            }
        }
        let titles = self.per_language_text(map, "title");
        let descriptions = self.per_language_text(map, "description");
        let base_url = self.string(map, "base_url").map(|u| normalize_base_url(&u)).unwrap_or_default();
        let theme = self.string(map, "theme").unwrap_or_else(|| "default".to_string());
        let missing_translation = match self.string(map, "missing_translation") {
            None => MissingTranslation::Banner,
            Some(text) => MissingTranslation::parse(&text).unwrap_or_else(|| {
                self.wrong_type(
                    "missing_translation",
                    "`banner` (show the original with a notice) or `omit` (leave it out)",
                );
                MissingTranslation::Banner
            }),
        };
        let broken_links_fail = match self.string(map, "broken_links").as_deref() {
            None | Some("warning") => false,
            Some("error") => true,
            Some(_) => {
                self.wrong_type("broken_links", "`warning` (the default) or `error`");
                false
            }
        };
        let translation_key_field = self.string(map, "translation_key_field");
        let categories = self.categories(map);
        let popular = match map.get("popular") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Sequence(items)) => items.iter().filter_map(scalar_text).collect(),
            Some(_) => {
                self.wrong_type("popular", "a list of translation keys, such as `[lost-phone, backup-codes]`");
                Vec::new()
            }
        };
        let category_data = match map.get("category_data") {
            None | Some(Value::Null) => None,
            Some(Value::Mapping(data)) => {
                let file = self.string(data, "file");
                if file.is_none() {
                    self.wrong_type("category_data", "a group with `file:` (and `list:`, `key:`)");
                }
                file.map(|file| CategoryData {
                    file,
                    list: self.string(data, "list").unwrap_or_default(),
                    key: self.string(data, "key").unwrap_or_else(|| "slug".to_string()),
                })
            }
            Some(_) => {
                self.wrong_type("category_data", "a group with `file:`, `list:` and `key:`");
                None
            }
        };
        let ignore = match map.get("ignore") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Sequence(items)) => items.iter().filter_map(scalar_text).collect(),
            Some(other) => match scalar_text(other) {
                Some(one) => vec![one],
                None => {
                    self.wrong_type("ignore", "a list of file patterns, such as `[drafts/**, \"*.old.md\"]`");
                    Vec::new()
                }
            },
        };
        let output_dir = self.output_dir(site_dir, map);
        let languages = match map.get("languages") {
            Some(value) => self.languages(site_dir, value),
            None => discover_languages(site_dir),
        };
        if languages.is_empty() {
            self.problems.push(Diagnostic::error(&self.file, 1, 1, "no languages found for this site").with_hint(
                "create folders such as content/en and content/fr, or list `languages: [en, fr]` in site.yaml",
            ));
        }
        let default_language = match self.string(map, "default_language") {
            Some(code) => {
                if !languages.iter().any(|l| l.code == code) {
                    let (line, column) = self.position("default_language", 0);
                    self.problems.push(
                        Diagnostic::error(
                            &self.file,
                            line,
                            column,
                            format!("default_language `{code}` is not one of the site's languages"),
                        )
                        .with_hint(format!("use one of: {}", codes(&languages))),
                    );
                }
                code
            }
            None => languages
                .iter()
                .find(|l| l.code == "en")
                .or(languages.first())
                .map(|l| l.code.clone())
                .unwrap_or_default(),
        };
        if map.contains_key("languages") {
            self.check_language_folders(site_dir, &languages);
        }
        let mut read_scope = ReadScope::new(site_dir);
        for language in &languages {
            read_scope.allow(&language.content_root);
        }
        Config {
            read_scope,
            site_dir: site_dir.to_path_buf(),
            file: self.file.clone(),
            languages,
            default_language,
            titles,
            descriptions,
            base_url,
            theme,
            output_dir,
            ignore,
            missing_translation,
            broken_links_fail,
            translation_key_field,
            categories,
            category_data,
            popular,
        }
    }

    fn languages(&mut self, site_dir: &Path, value: &Value) -> Vec<Language> {
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
    fn check_language_folders(&mut self, site_dir: &Path, languages: &[Language]) {
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

    /// `categories: {billing: {title: {en: Billing, fr: Facturation}, order: 2}}`.
    fn categories(&mut self, map: &Mapping) -> BTreeMap<String, CategorySetting> {
        let mut out = BTreeMap::new();
        let Some(value) = map.get("categories").filter(|v| !v.is_null()) else { return out };
        let Some(entries) = value.as_mapping() else {
            self.wrong_type("categories", "a group of categories, each with `title:`, `description:` or `order:`");
            return out;
        };
        for (name, entry) in entries {
            let (Some(name), Some(entry)) = (name.as_str(), entry.as_mapping()) else { continue };
            let order = entry.get("order").and_then(|o| o.as_f64().or_else(|| o.as_str().and_then(|t| t.parse().ok())));
            let setting = CategorySetting {
                titles: self.per_language_text(entry, "title"),
                descriptions: self.per_language_text(entry, "description"),
                order,
            };
            out.insert(name.to_string(), setting);
        }
        out
    }

    /// `title: Help` for every language, or `title: {en: Help, fr: Aide}`.
    fn per_language_text(&mut self, map: &Mapping, key: &str) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        match map.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) => {
                out.insert(String::new(), text.clone());
            }
            Some(Value::Mapping(per_language)) => {
                for (code, text) in per_language {
                    if let (Some(code), Some(text)) = (code.as_str(), scalar_text(text)) {
                        out.insert(code.to_string(), text);
                    }
                }
            }
            Some(_) => self.wrong_type(key, "a text or one text per language (`en: …`, `fr: …`)"),
        }
        out
    }

    fn string(&mut self, map: &Mapping, key: &str) -> Option<String> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(value) => match scalar_text(value) {
                Some(text) => Some(text),
                None => {
                    self.wrong_type(key, "a single value");
                    None
                }
            },
        }
    }

    /// `output:` comes from a file a pull request can change, so it must
    /// name a folder inside the site; writing elsewhere is the choice of
    /// whoever runs the command (`--output`).
    fn output_dir(&mut self, site_dir: &Path, map: &Mapping) -> PathBuf {
        let Some(raw) = self.string(map, "output") else { return site_dir.join("public") };
        let relative = Path::new(&raw);
        let stays_inside = !raw.trim().is_empty()
            && relative
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir))
            && relative.components().any(|c| matches!(c, std::path::Component::Normal(_)));
        if !stays_inside {
            let (line, column) = self.position("output", 0);
            self.problems.push(
                Diagnostic::error(
                    &self.file,
                    line,
                    column,
                    format!("`output: {raw}` is not a folder inside the site folder"),
                )
                .with_hint(
                    "name a folder inside the site, such as `output: public`; to write elsewhere, \
                     run `phare build --output FOLDER` instead",
                ),
            );
            return site_dir.join("public");
        }
        site_dir.join(relative)
    }

    fn wrong_type(&mut self, key: &str, expected: &str) {
        let (line, column) = self.position(key, 0);
        self.problems.push(Diagnostic::error(&self.file, line, column, format!("`{key}` must be {expected}")));
    }

    fn unknown_key(&mut self, key: &str, known: &[&str], from_line: usize) {
        let (line, column) = self.position(key, from_line);
        let mut diagnostic = Diagnostic::error(&self.file, line, column, format!("unknown setting `{key}`"));
        diagnostic = match nearest(key, known) {
            Some(near) => diagnostic.with_hint(format!("did you mean `{near}`?")),
            None => diagnostic.with_hint(format!("known settings here: {}", known.join(", "))),
        };
        self.problems.push(diagnostic);
    }

    fn position(&self, key: &str, from_line: usize) -> (usize, usize) {
        key_position(&self.text, key, from_line).unwrap_or((1, 1))
    }

    fn value_position(&self, value: &str, from_line: usize) -> (usize, usize) {
        for (index, line) in self.text.lines().enumerate().skip(from_line.saturating_sub(1)) {
            if let Some(col) = line.find(value) {
                return (index + 1, line[..col].chars().count() + 1);
            }
        }
        (from_line.max(1), 1)
    }
}

fn codes(languages: &[Language]) -> String {
    languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ")
}

fn normalize_base_url(url: &str) -> String {
    let url = url.trim();
    if url.is_empty() {
        return String::new();
    }
    if url.ends_with('/') { url.to_string() } else { format!("{url}/") }
}

/// `en`, `fr`, `fr-CA`, `pt-BR`: two or three letters, optionally a region.
pub fn looks_like_language_code(name: &str) -> bool {
    let mut parts = name.split('-');
    let primary = parts.next().unwrap_or_default();
    let primary_ok = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase());
    let rest_ok = parts.all(|p| (2..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    primary_ok && rest_ok && name.parse::<unic_langid::LanguageIdentifier>().is_ok()
}

/// With no `languages` setting: every `content/<code>` folder is a language.
fn discover_languages(site_dir: &Path) -> Vec<Language> {
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

#[cfg(test)]
mod tests;
