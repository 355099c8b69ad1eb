//! Reading one value of `site.yaml`: a string, a per-language text, the
//! output folder; a value of the wrong type or an unknown key becomes a
//! diagnostic at its line, with the nearest known key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use crate::diagnostics::Diagnostic;

use super::Reader;
use super::yaml::{key_position, nearest, scalar_text};

impl Reader {
    /// `title: Help` for every language, or `title: {en: Help, fr: Aide}`.
    pub(super) fn per_language_text(&mut self, map: &Mapping, key: &str) -> BTreeMap<String, String> {
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

    pub(super) fn string(&mut self, map: &Mapping, key: &str) -> Option<String> {
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
    pub(super) fn output_dir(&mut self, site_dir: &Path, map: &Mapping) -> PathBuf {
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

    pub(super) fn wrong_type(&mut self, key: &str, expected: &str) {
        let (line, column) = self.position(key, 0);
        self.problems.push(Diagnostic::error(&self.file, line, column, format!("`{key}` must be {expected}")));
    }

    pub(super) fn unknown_key(&mut self, key: &str, known: &[&str], from_line: usize) {
        let (line, column) = self.position(key, from_line);
        let mut diagnostic = Diagnostic::error(&self.file, line, column, format!("unknown setting `{key}`"));
        diagnostic = match nearest(key, known) {
            Some(near) => diagnostic.with_hint(format!("did you mean `{near}`?")),
            None => diagnostic.with_hint(format!("known settings here: {}", known.join(", "))),
        };
        self.problems.push(diagnostic);
    }

    pub(super) fn position(&self, key: &str, from_line: usize) -> (usize, usize) {
        key_position(&self.text, key, from_line).unwrap_or((1, 1))
    }

    pub(super) fn value_position(&self, value: &str, from_line: usize) -> (usize, usize) {
        for (index, line) in self.text.lines().enumerate().skip(from_line.saturating_sub(1)) {
            if let Some(col) = line.find(value) {
                return (index + 1, line[..col].chars().count() + 1);
            }
        }
        (from_line.max(1), 1)
    }
}
