//! UI strings from Fluent files: the built-in `i18n/<code>.ftl` embedded in
//! the binary, overridden key by key by the site's own `i18n/<code>.ftl`.
//! Lookups follow a fallback chain (`fr-CA` → `fr` → default language →
//! `en`). Isolation marks are off: they would show up as invisible
//! characters in HTML attributes and page titles.

use std::collections::BTreeMap;
use std::path::PathBuf;

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::diagnostics::{Diagnostic, line_column};
use crate::load::config::Config;
use crate::load::theme::embedded::BUILTIN_STRINGS;

pub struct Strings {
    bundles: BTreeMap<String, FluentBundle<FluentResource>>,
    chains: BTreeMap<String, Vec<String>>,
    /// Messages without variables, formatted once per language: templates
    /// ask for them on every page.
    plain: BTreeMap<String, std::collections::HashMap<String, String>>,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strings").field("chains", &self.chains).finish()
    }
}

impl Strings {
    /// Built-in strings plus the site's `i18n/` folder. Problems in the
    /// site's files are errors; missing keys are warnings.
    pub(crate) fn load(config: &Config) -> (Strings, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut sources: BTreeMap<String, Vec<(PathBuf, String)>> = BTreeMap::new();
        for (code, text) in BUILTIN_STRINGS {
            sources
                .entry((*code).to_string())
                .or_default()
                .push((PathBuf::from(format!("(built-in) i18n/{code}.ftl")), (*text).to_string()));
        }
        let site_folder = config.site_dir.join("i18n");
        if let Ok(entries) = std::fs::read_dir(&site_folder) {
            let mut files: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
                .collect();
            files.sort();
            for path in files {
                let code = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
                match config.read_scope.read_to_string(&path) {
                    Ok(text) => sources.entry(code).or_default().push((path, text)),
                    Err(refused) => problems.push(refused.diagnostic()),
                }
            }
        }
        let mut bundles = BTreeMap::new();
        for (code, files) in sources {
            let langid: LanguageIdentifier = code.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            for (path, text) in files {
                let resource = match FluentResource::try_new(text) {
                    Ok(resource) => resource,
                    Err((resource, errors)) => {
                        for error in errors {
                            let (line, column) = line_column(resource.source(), error.pos.start);
                            problems.push(
                                Diagnostic::error(
                                    &path,
                                    line,
                                    column,
                                    format!("this strings file has a syntax error: {}", error.kind),
                                )
                                .with_hint("each message is `key = text`; continuation lines are indented"),
                            );
                        }
                        resource
                    }
                };
                bundle.add_resource_overriding(resource);
            }
            bundles.insert(code, bundle);
        }
        let mut chains = BTreeMap::new();
        for language in &config.languages {
            let chain = fallback_chain(&language.code, &config.default_language);
            let chain: Vec<String> = chain.into_iter().filter(|c| bundles.contains_key(c)).collect();
            chains.insert(language.code.clone(), chain);
        }
        let mut strings = Strings { bundles, chains, plain: BTreeMap::new() };
        strings.plain = strings.format_plain_messages();
        problems.extend(strings.missing_keys(config));
        (strings, problems)
    }

    /// A message that takes no variables, from the per-language cache.
    pub(crate) fn get_plain(&self, lang: &str, key: &str) -> Option<&str> {
        self.plain.get(lang)?.get(key).map(String::as_str)
    }

    fn format_plain_messages(&self) -> BTreeMap<String, std::collections::HashMap<String, String>> {
        let mut plain = BTreeMap::new();
        for lang in self.chains.keys() {
            let mut messages = std::collections::HashMap::new();
            for code in self.chain(lang) {
                for (_, text) in BUILTIN_STRINGS.iter().filter(|(c, _)| *c == code.as_str()) {
                    for key in message_ids(text) {
                        if !messages.contains_key(&key) && !text_has_variables(&self.bundles[code], &key) {
                            let value = self.get(lang, &key, None);
                            messages.insert(key, value);
                        }
                    }
                }
            }
            plain.insert(lang.clone(), messages);
        }
        plain
    }

    /// The message `key` in `lang`, with `args`; the key itself when no
    /// bundle of the chain has it (the missing-key warning was given at load).
    pub(crate) fn get(&self, lang: &str, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        for code in self.chain(lang) {
            let bundle = &self.bundles[code];
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle.format_pattern(pattern, args, &mut errors).into_owned();
            }
        }
        key.to_string()
    }

    /// Phare's own words for `key` in `lang` (English when Phare has none
    /// in that language), for messages shown before a site's settings and
    /// strings could be read at all.
    pub(crate) fn builtin(lang: &str, key: &str) -> Option<String> {
        let text = BUILTIN_STRINGS
            .iter()
            .find(|(code, _)| *code == lang)
            .or_else(|| BUILTIN_STRINGS.iter().find(|(code, _)| *code == "en"))?
            .1;
        let resource = FluentResource::try_new(text.to_string()).ok()?;
        let mut bundle = FluentBundle::new_concurrent(vec![lang.parse().unwrap_or_default()]);
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).ok()?;
        let pattern = bundle.get_message(key)?.value()?;
        let mut errors = Vec::new();
        Some(bundle.format_pattern(pattern, None, &mut errors).into_owned())
    }

    pub(crate) fn has(&self, lang: &str, key: &str) -> bool {
        self.chain(lang).any(|code| self.bundles[code].has_message(key))
    }

    fn chain(&self, lang: &str) -> impl Iterator<Item = &String> {
        self.chains.get(lang).into_iter().flatten()
    }

    /// Keys the default language (or English) defines that a site language
    /// lacks in its own files: shown in another language, so worth a warning.
    fn missing_keys(&self, config: &Config) -> Vec<Diagnostic> {
        let reference_code =
            [config.default_language.as_str(), "en"].into_iter().find(|c| self.bundles.contains_key(*c));
        let Some(reference_code) = reference_code else { return Vec::new() };
        let reference_keys = BUILTIN_STRINGS
            .iter()
            .filter(|(code, _)| *code == reference_code)
            .flat_map(|(_, text)| message_ids(text))
            .collect::<Vec<_>>();
        let mut problems = Vec::new();
        for language in &config.languages {
            let own: Vec<&String> =
                self.chain(&language.code).filter(|c| primary(c) == primary(&language.code)).collect();
            for key in &reference_keys {
                if !own.iter().any(|code| self.bundles[*code].has_message(key)) {
                    let file = config.site_dir.join("i18n").join(format!("{}.ftl", language.code));
                    problems.push(
                        Diagnostic::warning(
                            &file,
                            1,
                            1,
                            format!(
                                "the UI string `{key}` has no `{}` translation, so readers see it in another language",
                                language.code
                            ),
                        )
                        .with_hint(format!("add `{key} = …` to i18n/{}.ftl", language.code)),
                    );
                }
            }
        }
        problems
    }
}

/// Whether a message uses `{ $variable }` or a selector, and so must be
/// formatted with the caller's arguments each time.
fn text_has_variables(bundle: &FluentBundle<FluentResource>, key: &str) -> bool {
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else { return true };
    let mut errors = Vec::new();
    let with_none = bundle.format_pattern(pattern, None, &mut errors);
    !errors.is_empty() || with_none.contains('{')
}

fn message_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|line| line.split_once('=').map(|(key, _)| key.trim().to_string()))
        .collect()
}

fn primary(code: &str) -> &str {
    code.split('-').next().unwrap_or(code)
}

/// `fr-CA` → [`fr-CA`, `fr`, default, `en`], without repeats.
pub(crate) fn fallback_chain(code: &str, default_language: &str) -> Vec<String> {
    let mut chain: Vec<String> = Vec::new();
    for candidate in [code, primary(code), default_language, primary(default_language), "en"] {
        if !chain.iter().any(|c| c == candidate) {
            chain.push(candidate.to_string());
        }
    }
    chain
}

/// Template arguments (Tera values) → Fluent arguments.
pub(crate) fn fluent_args<'a>(args: impl Iterator<Item = (&'a String, &'a serde_json::Value)>) -> FluentArgs<'static> {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            serde_json::Value::Number(n) => FluentValue::from(n.as_f64().unwrap_or_default()),
            serde_json::Value::String(s) => FluentValue::from(s.clone()),
            serde_json::Value::Bool(b) => FluentValue::from(b.to_string()),
            serde_json::Value::Null => FluentValue::None,
            other => FluentValue::from(other.to_string()),
        };
        fluent.set(name.clone(), value);
    }
    fluent
}

/// `2026-03-04` in the page's language: "March 4, 2026" / "4 mars 2026".
/// Languages without built-in month names keep the ISO form, which every
/// reader understands.
pub(crate) fn format_date(iso: &str, lang: &str) -> String {
    let parts: Vec<u32> = iso.split('-').filter_map(|p| p.parse().ok()).collect();
    let [year, month, day] = parts[..] else { return iso.to_string() };
    let Some(index) = month.checked_sub(1).map(|m| m as usize).filter(|m| *m < 12) else { return iso.to_string() };
    match primary(lang) {
        "fr" => {
            const MOIS: [&str; 12] = [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ];
            let day = if day == 1 { "1er".to_string() } else { day.to_string() };
            format!("{day} {} {year}", MOIS[index])
        }
        "en" => {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            format!("{} {day}, {year}", MONTHS[index])
        }
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_chain_goes_region_then_language_then_default() {
        assert_eq!(fallback_chain("fr-CA", "en"), ["fr-CA", "fr", "en"]);
        assert_eq!(fallback_chain("fr", "fr"), ["fr", "en"]);
    }

    #[test]
    fn plurals_follow_each_language_rules() {
        let dir = tempfile::tempdir().unwrap();
        for code in ["en", "fr"] {
            std::fs::create_dir_all(dir.path().join("content").join(code)).unwrap();
        }
        let (config, _) = crate::load::config::load(dir.path(), None).unwrap();
        let (strings, problems) = Strings::load(&config);
        assert!(problems.is_empty(), "{problems:?}");
        let count = |lang: &str, n: f64| {
            let args = fluent_args([("count".to_string(), serde_json::json!(n))].iter().map(|(k, v)| (k, v)));
            strings.get(lang, "category-article-count", Some(&args))
        };
        assert_eq!([count("fr", 0.0), count("fr", 1.0), count("fr", 2.0)], ["0 article", "1 article", "2 articles"]);
        assert_eq!([count("en", 0.0), count("en", 1.0), count("en", 2.0)], ["0 articles", "1 article", "2 articles"]);
    }

    #[test]
    fn dates_read_naturally_in_each_language() {
        assert_eq!(format_date("2026-03-04", "fr"), "4 mars 2026");
        assert_eq!(format_date("2026-03-01", "fr-CA"), "1er mars 2026");
        assert_eq!(format_date("2026-03-04", "en"), "March 4, 2026");
        assert_eq!(format_date("2026-03-04", "de"), "2026-03-04");
        assert_eq!(format_date("2026-13-04", "en"), "2026-13-04");
    }
}
