//! Tera, set up once per language: the theme's templates (pages and
//! components), Phare's escape function, and `t()` bound to the language's
//! UI strings. Shared by component rendering (stage 4) and page rendering
//! (stage 7).

use std::collections::HashMap;
use std::sync::Arc;

use tera::Tera;

use crate::diagnostics::Diagnostic;
use crate::load::config::Config;
use crate::load::theme::Theme;
use crate::load::ui_strings::{Strings, fluent_args};
use crate::markdown::escape;

pub(crate) type Engines = HashMap<String, Tera>;

/// One Tera instance per language, each with its own `t()` function.
pub(crate) fn engines(config: &Config, theme: &Theme, strings: &Arc<Strings>) -> Result<Engines, Vec<Diagnostic>> {
    let mut base = Tera::default();
    base.autoescape_on(vec![".html", ".xml"]);
    base.set_escape_fn(escape);
    let templates: Vec<(&str, &str)> =
        theme.templates.iter().map(|(name, (_, text))| (name.as_str(), text.as_str())).collect();
    if let Err(error) = base.add_raw_templates(templates) {
        let (line, column, message) = tera_problem(&error);
        let file = theme
            .templates
            .iter()
            .find(|(name, _)| message.contains(&format!("'{name}'")))
            .map(|(_, (path, _))| path.clone())
            .unwrap_or_else(|| config.site_dir.join("themes").join(&config.theme));
        return Err(vec![
            Diagnostic::error(file, line, column, format!("this template has an error: {message}"))
                .with_hint("see the Tera template documentation for the syntax of tags and filters"),
        ]);
    }
    Ok(config
        .languages
        .iter()
        .map(|language| {
            let mut tera = base.clone();
            tera.register_function("t", Translate { strings: Arc::clone(strings), lang: language.code.clone() });
            (language.code.clone(), tera)
        })
        .collect())
}

struct Translate {
    strings: Arc<Strings>,
    lang: String,
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = args
            .get("key")
            .and_then(|k| k.as_str())
            .ok_or_else(|| tera::Error::msg("t() needs a key, as in t(key=\"on-this-page\")"))?;
        if args.len() == 1
            && let Some(text) = self.strings.get_plain(&self.lang, key)
        {
            return Ok(tera::Value::String(text.to_string()));
        }
        if !self.strings.has(&self.lang, key) {
            return Err(tera::Error::msg(format!(
                "the UI string `{key}` is not in any i18n/*.ftl file; add `{key} = …` to i18n/{}.ftl",
                self.lang
            )));
        }
        let fluent = fluent_args(args.iter().filter(|(name, _)| name.as_str() != "key"));
        Ok(tera::Value::String(self.strings.get(&self.lang, key, Some(&fluent))))
    }

    fn is_safe(&self) -> bool {
        false
    }
}

/// Tera's message with its causes, and the `--> line:column` it names.
pub(crate) fn tera_problem(error: &tera::Error) -> (usize, usize, String) {
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    let message = parts.join(": ");
    let position = message.find("--> ").and_then(|at| {
        let rest = &message[at + 4..];
        let end = rest.find(|c: char| !c.is_ascii_digit() && c != ':').unwrap_or(rest.len());
        let (line, column) = rest[..end].split_once(':')?;
        Some((line.parse().ok()?, column.parse().ok()?))
    });
    let (line, column) = position.unwrap_or((1, 1));
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    (line, column, message)
}
