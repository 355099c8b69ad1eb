//! Splits a source file into YAML front matter and Markdown body, and reads
//! the front matter into a typed [`FrontMatter`]. This is the only module
//! that reads article YAML. Lines in diagnostics are counted in the file,
//! not in the YAML block.

use std::collections::BTreeMap;
use std::path::Path;

use serde_yaml::{Mapping, Value};

pub(crate) mod limits;

use limits::KeyPositions;

use crate::diagnostics::{Diagnostic, line_column};
use crate::load::config::{explain_yaml, nearest, scalar_text};

/// What the author wrote, nothing derived.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub lang: Option<String>,
    pub translation_key: Option<String>,
    pub category: Option<String>,
    pub order: Option<f64>,
    pub child: bool,
    pub parent: Option<String>,
    pub permalink: Option<String>,
    pub slug: Option<String>,
    pub aliases: Vec<String>,
    pub draft: bool,
    /// `search: false` keeps the article out of the search index.
    pub search: Option<bool>,
    pub tags: Vec<String>,
    /// ISO date `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// Overrides the site's policy for this article's missing translations.
    pub missing_translation: Option<crate::load::config::MissingTranslation>,
    /// What this translation was made from: a commit id or a `sha1:` content hash.
    pub translation_of: Option<String>,
    /// The language this article is translated from (overrides the site's).
    pub source_language: Option<String>,
    /// Overrides the site's `outdated_translation:` for this article.
    pub outdated_translation: Option<crate::load::config::OutdatedTranslation>,
    /// Every other key, handed to templates as written.
    pub extra: BTreeMap<String, serde_json::Value>,
    /// File line of each top-level key, for later diagnostics.
    pub key_lines: BTreeMap<String, usize>,
}

/// A source file read and split, with the line its body starts on.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub front_matter: FrontMatter,
    /// Markdown body with `\n` line ends and no BOM.
    pub body: String,
    /// 1-based file line of the body's first line.
    pub body_line: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Each known key and the other names real help centers use for it.
const KNOWN_KEYS: &[(&str, &[&str])] = &[
    ("title", &[]),
    ("description", &[]),
    ("lang", &[]),
    ("translation_key", &["ref", "translationKey"]),
    ("category", &[]),
    ("order", &["sidebar_position", "weight"]),
    ("child", &[]),
    ("parent", &[]),
    ("permalink", &[]),
    ("slug", &[]),
    ("aliases", &["redirect_from"]),
    ("draft", &[]),
    ("search", &[]),
    ("tags", &[]),
    ("updated", &[]),
    ("missing_translation", &[]),
    ("translation_of", &[]),
    ("source_language", &[]),
    ("outdated_translation", &[]),
];

/// Keys that other engines use for their own purposes; never "did you mean".
const FOREIGN_KEYS: &[&str] = &[
    "layout",
    "id",
    "sidebar_label",
    "children",
    "date",
    "author",
    "authors",
    "keywords",
    "image",
    "hide_title",
    "hide_table_of_contents",
    "pagination_label",
    "toc_max_heading_level",
    "type",
];

/// Reads raw bytes of a Markdown file into front matter and body.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Parsed, Vec<Diagnostic>> {
    limits::check_article(path, bytes)?;
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
            let (line, column) = line_column(&valid, valid.len());
            return Err(vec![
                Diagnostic::error(path, line, column, "this file is not valid UTF-8 text (it may have been saved in another encoding, such as Windows-1252)")
                    .with_hint("open it in your editor and save it again with the UTF-8 encoding"),
            ]);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() };
    if text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error(path, 1, 1, "this file is empty")
                .with_hint("write the article (a `title:` in front matter and some text), or delete the file"),
        ]);
    }
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---").filter(|r| r.trim().is_empty()))
    else {
        return Ok(Parsed { front_matter: FrontMatter::default(), body: text, body_line: 1, warnings: Vec::new() });
    };
    let Some((yaml_len, body_offset)) = closing_fence(rest) else {
        return Err(vec![
            Diagnostic::error(path, 1, 1, "the front matter that starts here never ends")
                .with_hint("add a line containing only `---` after the last front-matter setting"),
        ]);
    };
    let yaml = &rest[..yaml_len];
    let body_line = text[..4 + body_offset].matches('\n').count() + 1;
    let body = rest[body_offset..].to_string();
    let front_matter = read_yaml(path, yaml)?;
    let (front_matter, warnings) = front_matter;
    Ok(Parsed { front_matter, body, body_line, warnings })
}

/// Length of the YAML block and the offset where the body starts, when a
/// closing `---` (or YAML's `...`) line exists.
fn closing_fence(rest: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let content = line.trim_end();
        if content == "---" || content == "..." {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// The YAML block starts on file line 2 (line 1 is the opening `---`).
const YAML_FIRST_LINE: usize = 2;

fn read_yaml(path: &Path, yaml: &str) -> Result<(FrontMatter, Vec<Diagnostic>), Vec<Diagnostic>> {
    limits::check_front_matter(path, yaml, YAML_FIRST_LINE)?;
    let mapping = if yaml.trim().is_empty() {
        Mapping::new()
    } else {
        match serde_yaml::from_str::<Value>(yaml) {
            Ok(Value::Mapping(m)) => m,
            Ok(Value::Null) => Mapping::new(),
            Ok(_) => {
                return Err(vec![
                    Diagnostic::error(
                        path,
                        YAML_FIRST_LINE,
                        1,
                        "the front matter must be a list of `key: value` settings",
                    )
                    .with_hint("write settings such as `title: Lost phone`, one per line"),
                ]);
            }
            Err(e) => {
                let mistake = explain_yaml(yaml, &e);
                return Err(vec![
                    Diagnostic::error(
                        path,
                        mistake.line + YAML_FIRST_LINE - 1,
                        mistake.column,
                        format!("the front matter is not valid YAML: {}", mistake.message),
                    )
                    .with_hint(mistake.hint)
                    .with_code("yaml"),
                ]);
            }
        }
    };
    let keys = KeyPositions::new(yaml);
    let mut reader = FieldReader { path, yaml, keys, errors: Vec::new(), warnings: Vec::new() };
    let front_matter = reader.read(&mapping);
    if reader.errors.is_empty() { Ok((front_matter, reader.warnings)) } else { Err(reader.errors) }
}

struct FieldReader<'a> {
    path: &'a Path,
    yaml: &'a str,
    keys: KeyPositions,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl FieldReader<'_> {
    fn read(&mut self, map: &Mapping) -> FrontMatter {
        let mut fm = FrontMatter::default();
        for (key, value) in map {
            let Some(key) = key.as_str() else { continue };
            fm.key_lines.insert(key.to_string(), self.position(key).0);
            let canonical =
                KNOWN_KEYS.iter().find(|(name, aliases)| *name == key || aliases.contains(&key)).map(|(name, _)| *name);
            match canonical {
                Some("title") => fm.title = self.text(key, value),
                Some("description") => fm.description = self.text(key, value),
                Some("lang") => fm.lang = self.text(key, value),
                Some("translation_key") => fm.translation_key = self.text(key, value),
                Some("category") => fm.category = self.text(key, value),
                Some("order") => fm.order = self.number(key, value),
                Some("child") => fm.child = self.boolean(key, value),
                Some("parent") => fm.parent = self.text(key, value),
                Some("permalink") => fm.permalink = self.text(key, value),
                Some("slug") => fm.slug = self.text(key, value),
                Some("aliases") => fm.aliases.extend(self.list(key, value)),
                Some("draft") => fm.draft = self.boolean(key, value),
                Some("search") => fm.search = Some(self.boolean(key, value)),
                Some("tags") => fm.tags = self.list(key, value),
                Some("updated") => fm.updated = self.date(key, value),
                Some("missing_translation") => {
                    fm.missing_translation = self.text(key, value).and_then(|text| {
                        let policy = crate::load::config::MissingTranslation::parse(&text);
                        if policy.is_none() {
                            self.wrong(
                                key,
                                format!("`missing_translation: {text}` is not a policy Phare knows"),
                                "write `banner` (show this article with a notice) or `omit` (leave it out)",
                            );
                        }
                        policy
                    });
                }
                Some("translation_of") => fm.translation_of = self.text(key, value),
                Some("source_language") => fm.source_language = self.text(key, value),
                Some("outdated_translation") => {
                    fm.outdated_translation = self.text(key, value).and_then(|text| {
                        let policy = crate::load::config::OutdatedTranslation::parse(&text);
                        if policy.is_none() {
                            self.wrong(
                                key,
                                format!("`outdated_translation: {text}` is not a choice Phare knows"),
                                "write `notice` (tell readers when the source changed) or `none`",
                            );
                        }
                        policy
                    });
                }
                _ => {
                    self.warn_near_miss(key);
                    if let Ok(json) = serde_json::to_value(value) {
                        fm.extra.insert(key.to_string(), json);
                    }
                }
            }
        }
        fm
    }

    fn position(&self, key: &str) -> (usize, usize) {
        let (line, column) = self.keys.get(self.yaml, key).unwrap_or((1, 1));
        (line + YAML_FIRST_LINE - 1, column)
    }

    fn wrong(&mut self, key: &str, message: String, hint: &str) {
        let (line, column) = self.position(key);
        self.errors.push(Diagnostic::error(self.path, line, column, message).with_hint(hint));
    }

    fn warn_near_miss(&mut self, key: &str) {
        if FOREIGN_KEYS.contains(&key) {
            return;
        }
        let names: Vec<&str> =
            KNOWN_KEYS.iter().flat_map(|(n, a)| std::iter::once(*n).chain(a.iter().copied())).collect();
        if let Some(near) = nearest(key, &names).filter(|near| strsim::damerau_levenshtein(key, near) <= 2) {
            let (line, column) = self.position(key);
            self.warnings.push(
                Diagnostic::warning(
                    self.path,
                    line,
                    column,
                    format!("`{key}` is not a setting Phare knows: Phare ignores it (templates can still read it)"),
                )
                .with_hint(format!("did you mean `{near}`?")),
            );
        }
    }

    fn text(&mut self, key: &str, value: &Value) -> Option<String> {
        match value {
            Value::Null => None,
            other => match scalar_text(other) {
                Some(text) => Some(text),
                None => {
                    self.wrong(
                        key,
                        format!("`{key}` must be a single piece of text"),
                        "write it on one line after the colon, in quotes if it contains `:`",
                    );
                    None
                }
            },
        }
    }

    fn number(&mut self, key: &str, value: &Value) -> Option<f64> {
        let parsed = match value {
            Value::Null => return None,
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        };
        if parsed.is_none() {
            self.wrong(
                key,
                format!("`{key}` must be a number"),
                "write a whole number such as `3`; lower numbers come first",
            );
        }
        parsed
    }

    fn boolean(&mut self, key: &str, value: &Value) -> bool {
        match value {
            Value::Bool(b) => *b,
            Value::Null => false,
            Value::String(s) if matches!(s.trim(), "true" | "yes") => true,
            Value::String(s) if matches!(s.trim(), "false" | "no") => false,
            _ => {
                self.wrong(key, format!("`{key}` must be `true` or `false`"), "write `true` or `false`");
                false
            }
        }
    }

    fn list(&mut self, key: &str, value: &Value) -> Vec<String> {
        match value {
            Value::Null => Vec::new(),
            Value::Sequence(items) => {
                let texts: Vec<String> = items.iter().filter_map(scalar_text).collect();
                if texts.len() != items.len() {
                    self.wrong(
                        key,
                        format!("every entry of `{key}` must be a single piece of text"),
                        "write one entry per `- ` line",
                    );
                }
                texts
            }
            other => match scalar_text(other) {
                Some(text) => vec![text],
                None => {
                    self.wrong(
                        key,
                        format!("`{key}` must be a list"),
                        "write `[first, second]` or one `- entry` per line",
                    );
                    Vec::new()
                }
            },
        }
    }

    fn date(&mut self, key: &str, value: &Value) -> Option<String> {
        let text = self.text(key, value)?;
        if is_iso_date(text.get(..10).unwrap_or_default()) {
            return Some(text[..10].to_string());
        }
        let (line, column) = self.position(key);
        self.warnings.push(
            Diagnostic::warning(
                self.path,
                line,
                column,
                format!("`{key}: {text}` is not a date Phare can read, so it is not shown"),
            )
            .with_hint("write the date as year-month-day, for example `2026-03-04`"),
        );
        None
    }
}

fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let digits = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
    matches!((digits(0..4), digits(5..7), digits(8..10)), (Some(_), Some(1..=12), Some(1..=31)))
}

#[cfg(test)]
mod tests;
