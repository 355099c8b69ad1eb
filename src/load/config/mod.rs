//! `site.yaml` → a validated [`Config`]. Unknown keys are reported with their
//! line and the nearest known key; a missing file gives defaults that find
//! the languages from `content/*`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use crate::diagnostics::Diagnostic;
use crate::load::read_scope::{ReadScope, Refused};

mod help_desk;
mod languages;
mod values;
mod yaml;
mod yaml_errors;
pub(crate) mod yaml_expansion;

pub(crate) use help_desk::{HelpDesk, for_language};
use languages::{codes, discover_languages};
pub(crate) use yaml::{key_position, nearest, scalar_text};
pub(crate) use yaml_errors::explain as explain_yaml;

pub(crate) const CONFIG_FILE: &str = "site.yaml";

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
    "organisation",
    "contact",
    "footer_links",
    "feedback",
    "edit_link",
    "source_language",
    "outdated_translation",
    "search",
];

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
    /// The language translations are made from (default: `default_language`).
    pub source_language: Option<String>,
    /// Whether outdated translations carry a notice for readers.
    pub outdated_translation: OutdatedTranslation,
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
    /// Organisation, contact, footer links, feedback and edit links.
    pub help_desk: HelpDesk,
    /// Whether the build writes search indexes and results pages
    /// (`search: false` turns both off).
    pub search: bool,
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
    pub(crate) fn parse(text: &str) -> Option<MissingTranslation> {
        match text.trim() {
            "banner" => Some(MissingTranslation::Banner),
            "omit" => Some(MissingTranslation::Omit),
            _ => None,
        }
    }
}

/// What readers of an outdated translation are shown; an article may
/// override it with `outdated_translation:` in its front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutdatedTranslation {
    /// A notice above the article naming when the source changed.
    #[default]
    Notice,
    /// Nothing.
    None,
}

impl OutdatedTranslation {
    pub(crate) fn parse(text: &str) -> Option<OutdatedTranslation> {
        match text.trim() {
            "notice" => Some(OutdatedTranslation::Notice),
            "none" => Some(OutdatedTranslation::None),
            _ => None,
        }
    }
}

impl Config {
    /// Where to look for the site's theme folder: beside the content, then
    /// beside a settings file given with `--config`.
    pub(crate) fn theme_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = vec![self.site_dir.join("themes").join(&self.theme)];
        if let Some(beside) = self.file.parent().filter(|p| *p != self.site_dir) {
            dirs.push(beside.join("themes").join(&self.theme));
        }
        dirs
    }

    pub(crate) fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// `base_url` for canonical links, overridable from the command line.
    pub(crate) fn set_base_url(&mut self, url: &str) {
        self.base_url = normalize_base_url(url);
    }
}

/// Reads `site.yaml` from `site_dir`, or `file` when given (its relative
/// paths still count from `site_dir`), or defaults when there is none.
/// Problems that leave the settings usable (an unknown key, a wrong value
/// that has a default) come back beside the config, so the build can go on
/// and report content problems in the same run; `Err` means no usable config.
pub(crate) fn load(site_dir: &Path, file: Option<&Path>) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
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
        Some(_) if let Err(problem) = yaml_expansion::check(&file, &reader.text) => return Err(vec![problem]),
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
                let mistake = explain_yaml(&reader.text, &e);
                return Err(vec![
                    Diagnostic::error(&file, mistake.line, mistake.column, mistake.message)
                        .with_hint(mistake.hint)
                        .with_code("yaml"),
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
        let help_desk = self.help_desk(map);
        let translation_key_field = self.string(map, "translation_key_field");
        let source_language = self.string(map, "source_language");
        let outdated_translation = match self.string(map, "outdated_translation") {
            None => OutdatedTranslation::Notice,
            Some(text) => OutdatedTranslation::parse(&text).unwrap_or_else(|| {
                self.wrong_type("outdated_translation", "`notice` (tell readers when the source changed) or `none`");
                OutdatedTranslation::Notice
            }),
        };
        let categories = self.categories(map);
        let popular = match map.get("popular") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Sequence(items)) => items.iter().filter_map(scalar_text).collect(),
            Some(_) => {
                self.wrong_type("popular", "a list of translation keys, such as `[lost-phone, backup-codes]`");
                Vec::new()
            }
        };
        let search = match map.get("search") {
            None | Some(Value::Null) => true,
            Some(Value::Bool(on)) => *on,
            Some(_) => {
                self.wrong_type("search", "`true` (the default: a search index and results page) or `false`");
                true
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
            source_language,
            outdated_translation,
            categories,
            category_data,
            popular,
            help_desk,
            search,
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
}

fn normalize_base_url(url: &str) -> String {
    let url = url.trim();
    if url.is_empty() {
        return String::new();
    }
    if url.ends_with('/') { url.to_string() } else { format!("{url}/") }
}

#[cfg(test)]
mod tests;
