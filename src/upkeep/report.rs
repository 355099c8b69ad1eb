//! `phare status` as text for people, Markdown for a pull-request comment
//! or a CI job summary, and JSON for tools; totals per language.

use std::fmt::Write as _;
use std::path::Path;

use super::{HistoryNote, PairStatus, State, Upkeep};

/// Counts for one translation language.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Totals {
    pub lang: String,
    /// Source articles that should exist in this language.
    pub sources: usize,
    pub up_to_date: usize,
    pub outdated: usize,
    pub missing: usize,
    pub orphaned: usize,
    pub unknown: usize,
    /// Share of the sources that have a translation, in percent.
    pub translated_percent: u32,
}

pub fn totals(upkeep: &Upkeep, lang: &str) -> Totals {
    let mut t = Totals { lang: lang.to_string(), ..Totals::default() };
    for pair in upkeep.pairs.iter().filter(|p| p.lang == lang) {
        match pair.state {
            State::UpToDate => t.up_to_date += 1,
            State::Outdated(_) => t.outdated += 1,
            State::Missing => t.missing += 1,
            State::Orphaned => t.orphaned += 1,
            State::Unknown { .. } => t.unknown += 1,
        }
    }
    t.sources = t.up_to_date + t.outdated + t.missing + t.unknown;
    let translated = t.up_to_date + t.outdated + t.unknown;
    t.translated_percent = (translated * 100).checked_div(t.sources).map_or(100, |p| p as u32);
    t
}

/// The languages that have translations (every language but the sources').
pub fn translation_languages(upkeep: &Upkeep) -> Vec<String> {
    upkeep.languages.iter().filter(|l| upkeep.pairs.iter().any(|p| &p.lang == *l)).cloned().collect()
}

fn pairs_of<'u>(upkeep: &'u Upkeep, lang: &str) -> Vec<&'u PairStatus> {
    let mut pairs: Vec<&PairStatus> = upkeep.pairs.iter().filter(|p| p.lang == lang).collect();
    pairs.sort_by(|a, b| (&a.category, &a.key).cmp(&(&b.category, &b.key)));
    pairs
}

fn shown(site_dir: &Path, path: &Option<std::path::PathBuf>) -> String {
    path.as_deref().map(|p| p.strip_prefix(site_dir).unwrap_or(p).display().to_string()).unwrap_or_default()
}

pub fn detail(pair: &PairStatus) -> String {
    match &pair.state {
        State::Outdated(behind) => {
            let changes = if behind.changes == 1 {
                "1 source change".to_string()
            } else {
                format!("{} source changes", behind.changes)
            };
            let mut text = format!("{changes} behind since {} (last {})", behind.since, behind.last_changed);
            if !behind.sections.is_empty() {
                let names: Vec<String> = behind
                    .sections
                    .iter()
                    .map(|s| {
                        let heading = if s.heading.is_empty() { "(introduction)" } else { s.heading.as_str() };
                        match s.change {
                            super::SectionChange::Changed => format!("“{heading}”"),
                            super::SectionChange::Added => format!("“{heading}” (new)"),
                            super::SectionChange::Removed => format!("“{heading}” (removed)"),
                        }
                    })
                    .collect();
                let _ = write!(text, "; sections: {}", names.join(", "));
            }
            text
        }
        State::Unknown { reason, hint } => format!("{reason}: {hint}"),
        State::Missing => "no translation yet".into(),
        State::Orphaned => format!("its {} source is gone", pair.source_lang),
        State::UpToDate => String::new(),
    }
}

fn history_line(upkeep: &Upkeep) -> String {
    match &upkeep.history {
        HistoryNote::Known { commits } => format!("History: {commits} commit(s) read."),
        HistoryNote::Unknown { reason, hint } => format!("History unknown: {reason}. {hint}."),
    }
}

fn summary(t: &Totals) -> String {
    format!(
        "{}: {} % translated ({} of {}) — {} up to date, {} outdated, {} missing, {} orphaned, {} unknown",
        t.lang,
        t.translated_percent,
        t.up_to_date + t.outdated + t.unknown,
        t.sources,
        t.up_to_date,
        t.outdated,
        t.missing,
        t.orphaned,
        t.unknown
    )
}

pub fn text(upkeep: &Upkeep, langs: &[String], site_dir: &Path) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", history_line(upkeep));
    for lang in langs {
        let _ = writeln!(out, "\n{}", summary(&totals(upkeep, lang)));
        let mut category: Option<Option<String>> = None;
        for pair in pairs_of(upkeep, lang) {
            if category.as_ref() != Some(&pair.category) {
                let _ = writeln!(out, "  {}", pair.category.as_deref().unwrap_or("(no category)"));
                category = Some(pair.category.clone());
            }
            let file = if pair.translation.is_some() { &pair.translation } else { &pair.source };
            let _ = writeln!(
                out,
                "    {:<11} {} ({})",
                pair.state.name().replace('_', " "),
                pair.title,
                shown(site_dir, file)
            );
            let detail = detail(pair);
            if !detail.is_empty() {
                let _ = writeln!(out, "                {detail}");
            }
        }
    }
    out
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

pub fn markdown(upkeep: &Upkeep, langs: &[String], site_dir: &Path) -> String {
    let mut out = String::from("## Translation status\n\n");
    let _ = writeln!(out, "{}\n", history_line(upkeep));
    out.push_str("| Language | Translated | Up to date | Outdated | Missing | Orphaned | Unknown |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|\n");
    for lang in langs {
        let t = totals(upkeep, lang);
        let _ = writeln!(
            out,
            "| {} | {} % | {} | {} | {} | {} | {} |",
            t.lang, t.translated_percent, t.up_to_date, t.outdated, t.missing, t.orphaned, t.unknown
        );
    }
    for lang in langs {
        let pairs: Vec<&PairStatus> =
            pairs_of(upkeep, lang).into_iter().filter(|p| p.state != State::UpToDate).collect();
        if pairs.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {lang}: needs attention\n");
        out.push_str("| State | Article | Category | File | Details |\n|---|---|---|---|---|\n");
        let more = pairs.len().saturating_sub(MARKDOWN_ROWS);
        for pair in pairs.into_iter().take(MARKDOWN_ROWS) {
            let file = if pair.translation.is_some() { &pair.translation } else { &pair.source };
            let _ = writeln!(
                out,
                "| {} | {} | {} | `{}` | {} |",
                pair.state.name().replace('_', " "),
                cell(&pair.title),
                cell(pair.category.as_deref().unwrap_or("")),
                cell(&shown(site_dir, file)),
                cell(&detail(pair))
            );
        }
        if more > 0 {
            let _ = writeln!(out, "\n…and {more} more: run `phare status --lang {lang}` to see them all.");
        }
    }
    out
}

/// Rows per language in Markdown: a pull-request comment holds 65,536
/// characters at most.
const MARKDOWN_ROWS: usize = 150;

#[derive(serde::Serialize)]
struct JsonReport<'u> {
    #[serde(flatten)]
    history: &'u HistoryNote,
    totals: Vec<Totals>,
    pairs: Vec<PairStatus>,
}

/// File paths relative to `base` (the current folder), like the text.
pub fn json(upkeep: &Upkeep, langs: &[String], base: &Path) -> String {
    let relative = |path: &Option<std::path::PathBuf>| {
        path.as_ref().map(|p| p.strip_prefix(base).map(Path::to_path_buf).unwrap_or_else(|_| p.clone()))
    };
    let report = JsonReport {
        history: &upkeep.history,
        totals: langs.iter().map(|l| totals(upkeep, l)).collect(),
        pairs: langs
            .iter()
            .flat_map(|l| pairs_of(upkeep, l))
            .map(|p| PairStatus { source: relative(&p.source), translation: relative(&p.translation), ..p.clone() })
            .collect(),
    };
    serde_json::to_string_pretty(&report).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upkeep(missing: usize) -> Upkeep {
        let pair = |n: usize, state: State| PairStatus {
            key: format!("k{n:04}"),
            lang: "fr".into(),
            source_lang: "en".into(),
            category: None,
            title: format!("Page {n}"),
            source: Some(format!("/site/content/en/k{n}.md").into()),
            translation: None,
            state,
        };
        let mut pairs: Vec<PairStatus> = (0..missing).map(|n| pair(n, State::Missing)).collect();
        pairs.push(pair(missing, State::UpToDate));
        Upkeep {
            history: HistoryNote::Known { commits: 3 },
            languages: vec!["en".into(), "fr".into()],
            pairs,
            warnings: Vec::new(),
            acks: Vec::new(),
            baselines: Vec::new(),
        }
    }

    #[test]
    fn totals_count_translated_among_sources() {
        let t = totals(&upkeep(3), "fr");
        assert_eq!((t.sources, t.missing, t.up_to_date, t.translated_percent), (4, 3, 1, 25));
    }

    #[test]
    fn markdown_stays_short_enough_for_a_comment() {
        let text = markdown(&upkeep(400), &["fr".into()], Path::new("/site"));
        assert_eq!(text.matches("| missing |").count(), MARKDOWN_ROWS);
        assert!(text.contains("…and 250 more"));
        assert!(text.contains("`content/en/k0.md`"));
    }
}
