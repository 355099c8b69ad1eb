//! Stage between `body` and `site`: whether each translation is in step
//! with its source. In: the settings and every article (file, language,
//! translation key, category, front matter). Out: [`Upkeep`], one
//! [`PairStatus`] per source article and language (up to date, outdated
//! with how far behind, missing, orphaned, unknown), and warnings. Reads
//! git history once for the whole site (`history.rs`), compares source
//! versions by their words (`content.rs`), decides each pair
//! (`assess.rs`), shows the source's changes (`diff.rs`), records
//! `translation_of:` (`ack.rs`) and formats the report (`report.rs`).
//! It never guesses: without history a pair is `unknown`, with a hint.

use std::path::PathBuf;

use crate::diagnostics::Diagnostic;
use crate::load::frontmatter::FrontMatter;

pub mod ack;
mod assess;
pub mod compare;
mod content;
pub mod diff;
mod history;
pub mod report;

pub use assess::assess;
pub(crate) use assess::{assess_with, read_history};
pub use content::SectionChange;

/// One article as the upkeep sees it.
#[derive(Debug, Clone)]
pub struct Member<'a> {
    pub path: &'a std::path::Path,
    pub lang: &'a str,
    pub key: &'a str,
    /// The category's folder name or `category:` value.
    pub category: Option<&'a str>,
    pub title: &'a str,
    pub front_matter: &'a FrontMatter,
}

/// Where a translation stands against its source.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum State {
    UpToDate,
    Outdated(Behind),
    /// The source has no translation in this language.
    Missing,
    /// A translation whose source is gone.
    Orphaned,
    /// History cannot tell; `reason` says why, `hint` how to fix it.
    Unknown {
        reason: String,
        hint: String,
    },
}

impl State {
    pub fn name(&self) -> &'static str {
        match self {
            State::UpToDate => "up_to_date",
            State::Outdated(_) => "outdated",
            State::Missing => "missing",
            State::Orphaned => "orphaned",
            State::Unknown { .. } => "unknown",
        }
    }
}

/// How far an outdated translation is behind its source.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Behind {
    /// Commits that changed the source's words since the translation.
    pub changes: usize,
    /// Date (`YYYY-MM-DD`, UTC) of the first of them.
    pub since: String,
    /// Date of the last of them.
    pub last_changed: String,
    /// Sections of the source that changed, by heading (`""` for the text
    /// before the first heading).
    pub sections: Vec<ChangedSection>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ChangedSection {
    pub heading: String,
    pub change: SectionChange,
}

/// One source article and one other language.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PairStatus {
    pub key: String,
    /// The translation's language.
    pub lang: String,
    pub source_lang: String,
    pub category: Option<String>,
    pub title: String,
    pub source: Option<PathBuf>,
    pub translation: Option<PathBuf>,
    #[serde(flatten)]
    pub state: State,
}

/// Whether history could be read, for the whole site.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "history", rename_all = "snake_case")]
pub enum HistoryNote {
    Known { commits: usize },
    Unknown { reason: String, hint: String },
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Upkeep {
    pub history: HistoryNote,
    /// Source languages and translation languages, as configured.
    pub languages: Vec<String>,
    pub pairs: Vec<PairStatus>,
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
    /// Per translation file, what `--ack` needs to know of its source.
    #[serde(skip)]
    pub(crate) acks: Vec<Ack>,
    /// Per outdated translation file: the source's text the translation
    /// was made from and the source's text now, for `diff` and the compare view.
    #[serde(skip)]
    pub(crate) baselines: Vec<(PathBuf, Option<String>, String)>,
}

impl Upkeep {
    /// The pair whose translation is `file`.
    pub fn pair_of_translation(&self, file: &std::path::Path) -> Option<&PairStatus> {
        self.pairs.iter().find(|p| p.translation.as_deref() == Some(file))
    }

    /// What `phare status --ack FILE` records for `file`: the source's
    /// last commit when the source file is as committed, else the hash of
    /// its words.
    pub fn ack_value(&self, file: &std::path::Path) -> Option<String> {
        let ack = self.acks.iter().find(|a| a.translation == file)?;
        let bytes = std::fs::read(&ack.source).ok()?;
        match &ack.newest {
            Some((commit, blob)) if history::blob_id(&bytes).as_ref() == Some(blob) => Some(commit.clone()),
            _ => Some(content::Content::parse(&ack.source, &String::from_utf8_lossy(&bytes))?.hash()),
        }
    }
}

/// A translation, its source, and the source's last commit and blob.
#[derive(Debug, Clone)]
pub(crate) struct Ack {
    translation: PathBuf,
    source: PathBuf,
    newest: Option<(String, gix::hash::ObjectId)>,
}

/// `YYYY-MM-DD` of a time in seconds since 1970 (UTC).
pub(crate) fn iso_date(seconds: i64) -> String {
    gix::date::Time::new(seconds, 0).format_or_unix(gix::date::time::format::SHORT)
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_dates() {
        assert_eq!(super::iso_date(0), "1970-01-01");
        assert_eq!(super::iso_date(1_793_664_000 + 3600), "2026-11-03");
        assert_eq!(super::iso_date(951_782_400), "2000-02-29");
    }
}
