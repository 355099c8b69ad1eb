//! Preview-only pages about translations: `/_phare/status/` (every pair,
//! both languages) and `/_phare/compare/<translation key>/` (source and
//! translation side by side, section by section, the source's changes
//! since the translation highlighted), plus the small toolbar added to
//! article pages. Made in memory after each rebuild; never in a build.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::Arc;

use crate::markdown::escape;
use crate::site::Site;
use crate::upkeep::compare::{Row, Side};
use crate::upkeep::diff::LineKind;
use crate::upkeep::{HistoryNote, PairStatus, SectionChange, State, Upkeep, report};

pub(crate) const STATUS: &str = "_phare/status/index.html";

/// The pages and, per article page, the toolbar to add to it.
pub(crate) struct UpkeepPages {
    pub(crate) files: HashMap<String, Arc<Vec<u8>>>,
    pub(crate) toolbars: HashMap<String, String>,
}

/// `key` as a folder path under `_phare/compare/`, when every part is a
/// plain name (keys come from front matter and must not climb out).
fn compare_path(key: &str) -> Option<String> {
    let plain = |part: &str| {
        !part.is_empty() && part != "." && part != ".." && !part.chars().any(|c| c.is_control() || "\\?#%".contains(c))
    };
    key.split('/').all(plain).then(|| format!("_phare/compare/{key}/"))
}

pub(crate) fn pages(site: &Site) -> UpkeepPages {
    let mut out = UpkeepPages { files: HashMap::new(), toolbars: HashMap::new() };
    let Some(upkeep) = site.upkeep_or_read() else { return out };
    let site_dir = &site.config.site_dir;
    let mut by_key: BTreeMap<&str, Vec<&PairStatus>> = BTreeMap::new();
    for pair in &upkeep.pairs {
        by_key.entry(&pair.key).or_default().push(pair);
    }
    for (key, pairs) in &by_key {
        let Some(path) = compare_path(key) else { continue };
        out.files.insert(format!("{path}index.html"), Arc::new(compare_page(site, &upkeep, key, pairs).into_bytes()));
        if let Some(group) = site.article_groups.get(*key) {
            for index in group.values() {
                let article = &site.articles[*index];
                out.toolbars.insert(format!("{}index.html", article.path), toolbar(&path));
            }
        }
    }
    out.files.insert(STATUS.to_string(), Arc::new(status_page(site, &upkeep, site_dir).into_bytes()));
    out
}

fn toolbar(compare: &str) -> String {
    format!(
        "<nav id=\"phare-toolbar\" aria-label=\"Preview\" style=\"position:fixed;bottom:.75rem;left:.75rem;z-index:2147483646;background:#1d2433;color:#fff;font:14px/1.4 system-ui,sans-serif;padding:.4rem .7rem;border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.3)\">Preview: <a style=\"color:#9cc3ff\" href=\"/{compare}\">compare translations</a> · <a style=\"color:#9cc3ff\" href=\"/_phare/status/\">translation status</a></nav>"
    )
}

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;margin:0;padding:1.5rem;color:#1d2433;background:#fff}h1{margin-top:0}table{border-collapse:collapse;width:100%}td,th{border:1px solid #d5d9e0;padding:.35rem .5rem;vertical-align:top;text-align:left}.state-outdated{background:#fdf5e4}.state-missing,.state-orphaned{background:#fcedeb}.state-unknown{background:#eef0f4}.compare td{width:50%}pre{white-space:pre-wrap;margin:0;font:13px/1.45 ui-monospace,monospace}.line-added{background:#dcf5e3}.line-removed{background:#fbe0dd;text-decoration:line-through}.badge{display:inline-block;font-size:12px;padding:0 .4rem;border-radius:3px;background:#7f4d00;color:#fff;margin-left:.4rem}.one-sided{background:repeating-linear-gradient(45deg,#f6f7f9,#f6f7f9 8px,#eceff3 8px,#eceff3 16px);color:#5a6372;font-style:italic}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>{}</title><style>{STYLE}</style></head><body>{body}</body></html>",
        escape(title)
    )
}

fn history_line(upkeep: &Upkeep) -> String {
    match &upkeep.history {
        HistoryNote::Known { commits } => format!("<p>History: {commits} commit(s) read.</p>"),
        HistoryNote::Unknown { reason, hint } => {
            format!("<p class=\"state-unknown\">History unknown: {}. {}.</p>", escape(reason), escape(hint))
        }
    }
}

fn status_page(site: &Site, upkeep: &Upkeep, site_dir: &std::path::Path) -> String {
    let mut body = String::from("<h1>Translation status</h1>");
    body.push_str(&history_line(upkeep));
    for lang in report::translation_languages(upkeep) {
        let t = report::totals(upkeep, &lang);
        let _ = write!(
            body,
            "<h2 id=\"lang-{l}\">{l}: {p} % translated</h2><p>{u} up to date, {o} outdated, {m} missing, {r} orphaned, {k} unknown.</p>",
            l = escape(&lang),
            p = t.translated_percent,
            u = t.up_to_date,
            o = t.outdated,
            m = t.missing,
            r = t.orphaned,
            k = t.unknown
        );
        body.push_str("<table><thead><tr><th>State</th><th>Article</th><th>Category</th><th>Files</th><th>Details</th></tr></thead><tbody>");
        let mut pairs: Vec<&PairStatus> = upkeep.pairs.iter().filter(|p| p.lang == lang).collect();
        pairs.sort_by(|a, b| (&a.category, &a.key).cmp(&(&b.category, &b.key)));
        for pair in pairs {
            let files: Vec<String> = [&pair.source, &pair.translation]
                .into_iter()
                .flatten()
                .map(|f| escape(&f.strip_prefix(site_dir).unwrap_or(f).display().to_string()))
                .collect();
            let title = match compare_path(&pair.key) {
                Some(path) => format!("<a href=\"/{path}\">{}</a>", escape(&pair.title)),
                None => escape(&pair.title),
            };
            let _ = write!(
                body,
                "<tr class=\"state-{state}\"><td>{state}</td><td>{title}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(pair.category.as_deref().unwrap_or("")),
                files.join("<br>"),
                escape(&report::detail(pair)),
                state = pair.state.name().replace('_', "-"),
            );
        }
        body.push_str("</tbody></table>");
    }
    let _ = site;
    page("Translation status", &body)
}

fn compare_page(site: &Site, upkeep: &Upkeep, key: &str, pairs: &[&PairStatus]) -> String {
    let mut body =
        format!("<p><a href=\"/_phare/status/\">← Translation status</a></p><h1>Compare: {}</h1>", escape(key));
    for pair in pairs {
        let _ = write!(
            body,
            "<h2>{} → {}: <span class=\"state-{}\">{}</span></h2><p>{}</p>",
            escape(&pair.source_lang),
            escape(&pair.lang),
            pair.state.name().replace('_', "-"),
            pair.state.name().replace('_', " "),
            escape(&report::detail(pair))
        );
        let links: Vec<String> = site
            .article_groups
            .get(key)
            .into_iter()
            .flat_map(|g| g.iter())
            .filter(|(lang, _)| **lang == pair.source_lang || **lang == pair.lang)
            .map(|(lang, i)| format!("<a href=\"/{}\">{} page</a>", escape(&site.articles[*i].path), escape(lang)))
            .collect();
        let _ = write!(body, "<p>{}</p>", links.join(" · "));
        let (Some(source), Some(translation)) = (&pair.source, &pair.translation) else { continue };
        let Some(rows) = crate::upkeep::compare::rows(upkeep, source, translation) else { continue };
        let _ = write!(
            body,
            "<table class=\"compare\"><thead><tr><th lang=\"{s}\">{s} (source)</th><th lang=\"{t}\">{t}</th></tr></thead><tbody>",
            s = escape(&pair.source_lang),
            t = escape(&pair.lang)
        );
        for row in &rows {
            body.push_str(&compare_row(row, &pair.source_lang, &pair.lang, matches!(pair.state, State::Outdated(_))));
        }
        body.push_str("</tbody></table>");
    }
    page(&format!("Compare: {key}"), &body)
}

fn compare_row(row: &Row, source_lang: &str, lang: &str, outdated: bool) -> String {
    let changed = row.change.as_ref().filter(|_| outdated);
    let source_cell = match (&row.source, changed) {
        (Some(side), Some(change)) => {
            let badge = match change.change {
                SectionChange::Added => "new since the translation",
                _ => "changed since the translation",
            };
            let lines: String = change
                .lines
                .iter()
                .map(|l| {
                    let class = match l.kind {
                        LineKind::Same => "line-same",
                        LineKind::Added => "line-added",
                        LineKind::Removed => "line-removed",
                    };
                    format!("<div class=\"{class}\">{}</div>", escape(&l.text))
                })
                .collect();
            format!(
                "<td lang=\"{}\" class=\"changed\">{}<span class=\"badge\">{badge}</span><pre>{lines}</pre></td>",
                escape(source_lang),
                heading(side)
            )
        }
        (Some(side), None) => {
            format!("<td lang=\"{}\">{}<pre>{}</pre></td>", escape(source_lang), heading(side), escape(&side.text))
        }
        (None, Some(change)) if change.change == SectionChange::Removed => format!(
            "<td class=\"changed removed\"><strong>{}</strong><span class=\"badge\">removed from the source since the translation</span></td>",
            escape(&change.heading)
        ),
        (None, _) => "<td class=\"one-sided\">No matching section in the source</td>".to_string(),
    };
    let translation_cell = match &row.translation {
        Some(side) => format!("<td lang=\"{}\">{}<pre>{}</pre></td>", escape(lang), heading(side), escape(&side.text)),
        None if row.source.is_none() => "<td></td>".to_string(),
        None => "<td class=\"one-sided\">No matching section in the translation</td>".to_string(),
    };
    format!("<tr>{source_cell}{translation_cell}</tr>")
}

fn heading(side: &Side) -> String {
    if side.heading.is_empty() {
        "<strong>(introduction)</strong>".to_string()
    } else {
        format!("<strong>{}</strong>", escape(&side.heading))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn compare_paths_refuse_keys_that_climb_out() {
        assert_eq!(super::compare_path("phones/lost").as_deref(), Some("_phare/compare/phones/lost/"));
        assert_eq!(super::compare_path("../secret"), None);
        assert_eq!(super::compare_path("a//b"), None);
        assert_eq!(super::compare_path("a/%2e%2e"), None);
    }
}
