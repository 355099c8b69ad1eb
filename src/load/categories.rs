//! Category titles, descriptions and order from wherever a help center keeps
//! them, most specific first: a folder's `_index.md` (read in `site/`), a
//! Docusaurus `_category_.json` / `_category_.yml`, `categories:` in
//! `site.yaml`, then a data file per language (`category_data:`).

use std::collections::HashMap;
use std::path::Path;

use serde_yaml::Value;

use crate::diagnostics::Diagnostic;
use crate::load::config::{Config, key_position};
use crate::load::discover::Discovered;
use crate::load::read_scope::Refused;

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct CategoryMeta {
    pub title: Option<String>,
    pub description: Option<String>,
    pub order: Option<f64>,
}

/// (language, category name) → what is known of it.
pub(crate) type Metadata = HashMap<(String, String), CategoryMeta>;

pub(crate) fn load(config: &Config, files: &[Discovered]) -> (Metadata, Vec<Diagnostic>) {
    let mut metadata = Metadata::new();
    let mut problems = Vec::new();
    if let Some(data) = &config.category_data {
        for language in &config.languages {
            let path = config.site_dir.join(data.file.replace("{lang}", &language.code));
            match read_yaml(config, &path) {
                Ok(Some(document)) => {
                    let list =
                        data.list.split('.').filter(|s| !s.is_empty()).try_fold(&document, |value, key| value.get(key));
                    let Some(Value::Sequence(entries)) = list else {
                        problems.push(
                            Diagnostic::error(
                                &path,
                                1,
                                1,
                                format!("this file has no list of categories at `{}`", data.list),
                            )
                            .with_hint(
                                "check `category_data: list:` in site.yaml (dotted path, e.g. `help_page.categories`)",
                            ),
                        );
                        continue;
                    };
                    for (index, entry) in entries.iter().enumerate() {
                        let text = |field: &str| entry.get(field).and_then(Value::as_str).map(str::to_string);
                        let Some(name) = text(&data.key) else { continue };
                        let meta = CategoryMeta {
                            title: text("title"),
                            description: text("description"),
                            order: Some(index as f64 + 1.0),
                        };
                        metadata.insert((language.code.clone(), name), meta);
                    }
                }
                Ok(None) => {}
                Err(Unread::Refused(refused)) if refused.link.is_none() => {
                    problems.push(on_setting(config, &refused));
                }
                Err(problem) => problems.push(problem.into()),
            }
        }
    }
    for (name, setting) in &config.categories {
        for language in &config.languages {
            let text = |map: &std::collections::BTreeMap<String, String>| {
                map.get(&language.code).or_else(|| map.get("")).cloned()
            };
            let entry = metadata.entry((language.code.clone(), name.clone())).or_default();
            entry.title = text(&setting.titles).or(entry.title.take());
            entry.description = text(&setting.descriptions).or(entry.description.take());
            entry.order = setting.order.or(entry.order);
        }
    }
    for file in files {
        let folders: Vec<String> =
            file.rel.parent().map(|p| p.iter().map(|s| s.to_string_lossy().to_string()).collect()).unwrap_or_default();
        let [folder] = folders.as_slice() else { continue };
        match read_category_file(config, &file.path) {
            Ok(meta) => {
                let entry = metadata.entry((file.root_language.clone(), folder.clone())).or_default();
                entry.title = meta.title.or(entry.title.take());
                entry.description = meta.description.or(entry.description.take());
                entry.order = meta.order.or(entry.order);
            }
            Err(problem) => problems.push(problem.into()),
        }
    }
    (metadata, problems)
}

/// Why a category file gave nothing.
enum Unread {
    Refused(Refused),
    Invalid(Diagnostic),
}

impl From<Unread> for Diagnostic {
    fn from(unread: Unread) -> Diagnostic {
        match unread {
            Unread::Refused(refused) => refused.diagnostic(),
            Unread::Invalid(diagnostic) => diagnostic,
        }
    }
}

/// A `category_data:` file the settings themselves point outside the
/// site: reported on the setting.
fn on_setting(config: &Config, refused: &Refused) -> Diagnostic {
    let text = config.read_scope.read_to_string(&config.file).unwrap_or_default();
    let section = key_position(&text, "category_data", 0).map_or(0, |(line, _)| line);
    let (line, column) = key_position(&text, "file", section).unwrap_or((1, 1));
    Diagnostic::error(
        &config.file,
        line,
        column,
        format!("`category_data: file:` names {}, which {}", refused.path.display(), refused.reason),
    )
    .with_hint(refused.hint())
}

/// `{"label": "Guides", "position": 2, "link": {"description": "…"}}`.
fn read_category_file(config: &Config, path: &Path) -> Result<CategoryMeta, Unread> {
    let document = read_yaml(config, path)?.unwrap_or(Value::Null);
    let text = |value: Option<&Value>| value.and_then(Value::as_str).map(str::to_string);
    Ok(CategoryMeta {
        title: text(document.get("label")),
        description: text(document.get("description"))
            .or_else(|| text(document.get("link").and_then(|l| l.get("description")))),
        order: document.get("position").and_then(Value::as_f64),
    })
}

/// YAML (JSON is YAML too); `Ok(None)` when the file does not exist.
fn read_yaml(config: &Config, path: &Path) -> Result<Option<Value>, Unread> {
    let text = match config.read_scope.read_to_string(path) {
        Ok(text) => text,
        Err(refused) if refused.is_missing() => return Ok(None),
        Err(refused) => return Err(Unread::Refused(refused)),
    };
    crate::load::config::yaml_expansion::check(path, &text).map_err(Unread::Invalid)?;
    serde_yaml::from_str(&text).map(Some).map_err(|e| {
        let mistake = crate::load::config::explain_yaml(&text, &e);
        Unread::Invalid(
            Diagnostic::error(
                path,
                mistake.line,
                mistake.column,
                format!("this file is not valid YAML: {}", mistake.message),
            )
            .with_hint(mistake.hint)
            .with_code("yaml"),
        )
    })
}
