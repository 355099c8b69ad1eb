//! Warnings in the preview: every served page shows how many problems the
//! site has, and the pages they concern list theirs in a panel, in the
//! page's language — so a writer sees a broken link where they work, not
//! only in a terminal. Errors keep the overlay (`answer.rs`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent::FluentArgs;

use crate::diagnostics::Diagnostic;
use crate::load::ui_strings::Strings;
use crate::markdown::escape;
use crate::site::Site;

/// At most this many other pages' warnings are listed on a page.
const LISTED_ELSEWHERE: usize = 100;

#[derive(Default)]
pub(crate) struct Warnings {
    all: Vec<Diagnostic>,
    /// Output HTML file → the source it was made from.
    source_of_page: HashMap<String, PathBuf>,
    strings: Option<Arc<Strings>>,
    site_dir: PathBuf,
}

impl Warnings {
    pub(crate) fn new(site: &Site, warnings: Vec<Diagnostic>) -> Warnings {
        let mut source_of_page = HashMap::new();
        for article in &site.articles {
            source_of_page.insert(crate::urls::output_file(&article.path), article.source.clone());
        }
        for category in &site.categories {
            if let Some(source) = &category.source {
                source_of_page.insert(crate::urls::output_file(&category.path), source.clone());
            }
        }
        for (lang, home) in &site.homes {
            if let Some(source) = &home.source {
                source_of_page.insert(format!("{lang}/index.html"), source.clone());
            }
        }
        let site_dir = std::fs::canonicalize(&site.config.site_dir).unwrap_or_else(|_| site.config.site_dir.clone());
        Warnings { all: warnings, source_of_page, strings: Some(Arc::clone(&site.strings)), site_dir }
    }

    /// After a body edit: the file's warnings are now `fresh`.
    pub(crate) fn replace_file(&mut self, file: &Path, fresh: Vec<Diagnostic>) {
        self.all.retain(|d| d.file != file);
        self.all.extend(fresh);
    }

    /// The panel for `page` (an output file such as `fr/aide/index.html`),
    /// empty when the site has no warning.
    pub(crate) fn panel(&self, page: &str, lang: &str) -> String {
        let Some(strings) = &self.strings else { return String::new() };
        if self.all.is_empty() {
            return String::new();
        }
        let source = self.source_of_page.get(page);
        let (here, elsewhere): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
            self.all.iter().partition(|d| source.is_some_and(|s| d.file == *s));
        let count = |key: &str, n: usize| {
            let mut args = FluentArgs::new();
            args.set("count", n);
            strings.get(lang, key, Some(&args))
        };
        let summary = if here.is_empty() {
            count("preview-warnings-site", self.all.len())
        } else {
            format!(
                "{} · {}",
                count("preview-warnings-page", here.len()),
                count("preview-warnings-site", self.all.len())
            )
        };
        let mut items = String::new();
        for d in &here {
            items.push_str(&self.item(d));
        }
        if !elsewhere.is_empty() {
            items.push_str(&format!(
                "<li style=\"list-style:none;margin:.75rem 0 .25rem;font-weight:700\">{}</li>",
                escape(&strings.get(lang, "preview-warnings-elsewhere", None))
            ));
            for d in elsewhere.iter().take(LISTED_ELSEWHERE) {
                items.push_str(&self.item(d));
            }
        }
        let (border, background) = if here.is_empty() { ("#6b7280", "#f3f4f6") } else { ("#b45309", "#fff7e6") };
        format!(
            "<details id=\"phare-warnings\" lang=\"{lang}\" role=\"region\" aria-label=\"{label}\" style=\"position:fixed;left:1rem;bottom:1rem;z-index:2147483646;max-width:min(44rem,calc(100vw - 2rem));max-height:70vh;overflow:auto;background:{background};color:#111;border:2px solid {border};border-radius:6px;font:14px/1.45 system-ui,sans-serif;padding:.4rem .75rem\"><summary style=\"cursor:pointer;font-weight:700;min-height:24px\">⚠ {summary}</summary><ul style=\"margin:.5rem 0 0;padding-left:1.1rem\">{items}</ul></details>",
            lang = escape(lang),
            label = escape(&summary),
            summary = escape(&summary),
        )
    }

    fn item(&self, d: &Diagnostic) -> String {
        let hint = d.hint.as_deref().map(|h| format!("<br><em>{}</em>", escape(h))).unwrap_or_default();
        format!(
            "<li style=\"margin:.25rem 0\"><code>{}:{}</code> {}{hint}</li>",
            escape(&d.display_path(&self.site_dir)),
            d.line,
            escape(&d.message)
        )
    }
}
