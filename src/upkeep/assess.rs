//! Deciding each pair: group articles by translation key, pick the source
//! (the `source_language`, else the default language), then compare the
//! source's history with the translation's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::content::{Content, changed_sections};
use super::history::{History, Unavailable, Version, blob_id};
use super::{Ack, Behind, ChangedSection, HistoryNote, Member, PairStatus, State, Upkeep, iso_date};
use crate::diagnostics::Diagnostic;
use crate::load::config::Config;

/// Every pair of the site, history read once.
pub fn assess(config: &Config, members: &[Member<'_>]) -> Upkeep {
    let files: Vec<PathBuf> = members.iter().map(|m| m.path.to_path_buf()).collect();
    assess_with(config, members, History::read(&config.site_dir, &files))
}

/// The git history of `files`, read while the caller does other work
/// (`phare status` parses the articles meanwhile); give it to
/// [`assess_with`] with [`History::reorder`] to the members' order.
pub(crate) fn read_history(config: &Config, files: &[PathBuf]) -> Result<History, Unavailable> {
    History::read(&config.site_dir, files)
}

/// Like [`assess`], with the history already read, one entry per member.
pub(crate) fn assess_with(config: &Config, members: &[Member<'_>], history: Result<History, Unavailable>) -> Upkeep {
    let note = match &history {
        Ok(h) => HistoryNote::Known { commits: h.commits.len() },
        Err(why) => {
            let (reason, hint) = explain(why);
            HistoryNote::Unknown { reason, hint }
        }
    };
    let mut upkeep = Upkeep {
        history: note,
        languages: config.languages.iter().map(|l| l.code.clone()).collect(),
        pairs: Vec::new(),
        warnings: Vec::new(),
        acks: Vec::new(),
        baselines: Vec::new(),
    };
    let mut groups: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for (index, member) in members.iter().enumerate() {
        groups.entry(member.key).or_default().insert(member.lang, index);
    }
    let site_source = config.source_language.as_deref().unwrap_or(&config.default_language);
    for (key, group) in &groups {
        let source_lang =
            group.values().find_map(|i| members[*i].front_matter.source_language.as_deref()).unwrap_or(site_source);
        let source = group.get(source_lang).copied();
        for language in &config.languages {
            let lang = language.code.as_str();
            if lang == source_lang {
                continue;
            }
            let translation = group.get(lang).copied();
            let shown = translation.or(source).map(|i| &members[i]);
            let Some(shown) = shown else { continue };
            let state = match (source, translation) {
                (None, Some(_)) => State::Orphaned,
                (Some(_), None) => State::Missing,
                (Some(s), Some(t)) => {
                    let ctx =
                        Pair { source: &members[s], translation: &members[t], source_index: s, translation_index: t };
                    match &history {
                        Ok(h) => ctx.state(h, &mut upkeep),
                        Err(why) => ctx.without_history(why, &mut upkeep),
                    }
                }
                (None, None) => continue,
            };
            upkeep.pairs.push(PairStatus {
                key: key.to_string(),
                lang: lang.to_string(),
                source_lang: source_lang.to_string(),
                category: shown.category.map(str::to_string),
                title: shown.title.to_string(),
                source: source.map(|i| members[i].path.to_path_buf()),
                translation: translation.map(|i| members[i].path.to_path_buf()),
                state,
            });
        }
    }
    upkeep
}

fn explain(why: &Unavailable) -> (String, String) {
    match why {
        Unavailable::NoRepository => (
            "the site is not in a git repository".into(),
            "keep the site in git (`git init`, then commit) so Phare can compare the dates of sources and translations"
                .into(),
        ),
        Unavailable::Shallow => (
            "this is a shallow clone: the older history is missing".into(),
            "fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in GitHub Actions' checkout step)"
                .into(),
        ),
        Unavailable::NoCommits => {
            ("the repository has no commit yet".into(), "commit the sources and their translations".into())
        }
        Unavailable::Unreadable(e) => {
            (format!("the git history cannot be read ({e})"), "check that `git log` works in this folder".into())
        }
    }
}

struct Pair<'m, 'a> {
    source: &'m Member<'a>,
    translation: &'m Member<'a>,
    /// Indexes in the member list, which is also the history's file list.
    source_index: usize,
    translation_index: usize,
}

/// Where the translation's knowledge of the source ends: the index of the
/// commit it saw (every commit newer than it is after), or a version of
/// the source's text.
#[derive(Clone, Copy)]
enum Baseline {
    Commit(usize),
    /// The translation has edits not committed yet: it saw every commit.
    Now,
}

impl Pair<'_, '_> {
    fn without_history(&self, why: &Unavailable, upkeep: &mut Upkeep) -> State {
        upkeep.acks.push(self.ack(None));
        if let Some(recorded) = self.translation.front_matter.translation_of.as_deref()
            && recorded.starts_with("sha1:")
            && read_content(self.source.path).is_some_and(|current| current.hash() == recorded)
        {
            return State::UpToDate;
        }
        let (reason, hint) = explain(why);
        State::Unknown { reason, hint }
    }

    fn ack(&self, newest: Option<(String, gix::hash::ObjectId)>) -> Ack {
        Ack { translation: self.translation.path.to_path_buf(), source: self.source.path.to_path_buf(), newest }
    }

    fn state(&self, history: &History, upkeep: &mut Upkeep) -> State {
        let source_versions = &history.versions[self.source_index];
        let translation_versions = &history.versions[self.translation_index];
        // Read only when needed: most sources are in step.
        let current = std::cell::OnceCell::new();
        let current = || current.get_or_init(|| read_content(self.source.path)).as_ref();
        let newest = source_versions.first().map(|v| (history.commits[v.commit].id.to_string(), v.blob));
        upkeep.acks.push(self.ack(newest));
        if source_versions.is_empty() || translation_versions.is_empty() {
            let which = if source_versions.is_empty() { self.source.path } else { self.translation.path };
            return State::Unknown {
                reason: format!("{} has no commit yet", file_name(which)),
                hint: "commit the source and its translation so their history can be compared".into(),
            };
        }
        let recorded = self.recorded_baseline(history, source_versions, &current, upkeep);
        let baseline = match recorded {
            Some(baseline) => baseline,
            None => Baseline::Commit(translation_versions[0].commit),
        };
        let seen = match baseline {
            Baseline::Now => 0,
            Baseline::Commit(c) => c,
        };
        let after: Vec<&Version> = match baseline {
            Baseline::Now => Vec::new(),
            Baseline::Commit(c) => source_versions.iter().filter(|v| v.commit < c).collect(),
        };
        let mut changes: Vec<usize> = Vec::new();
        // Each version is read and parsed once, though it is compared twice.
        let mut parsed: std::collections::HashMap<gix::hash::ObjectId, Option<Content>> = Default::default();
        let mut content_of = |blob: gix::hash::ObjectId| {
            parsed
                .entry(blob)
                .or_insert_with(|| history.text(blob).and_then(|t| Content::parse(self.source.path, &t)))
                .clone()
        };
        for version in &after {
            let older = source_versions.iter().find(|v| v.commit > version.commit);
            let new_text = content_of(version.blob);
            let old_text = older.and_then(|v| content_of(v.blob));
            let meaningful = match (&old_text, &new_text) {
                (Some(old), Some(new)) => !old.same_words(new),
                _ => true,
            };
            if meaningful {
                changes.push(version.commit);
            }
        }
        if changes.is_empty() {
            return State::UpToDate;
        }
        // A translation edited since its last commit saw every committed
        // change (checked only here: hashing every file would be slow).
        if recorded.is_none() && Some(translation_versions[0].blob) != file_blob(self.translation.path) {
            return State::UpToDate;
        }
        // Kept for outdated pairs only: the source as the translation saw it.
        let then = source_versions
            .iter()
            .find(|v| v.commit >= seen && !matches!(baseline, Baseline::Now))
            .and_then(|v| history.text(v.blob));
        let now_text = std::fs::read_to_string(self.source.path).unwrap_or_default();
        upkeep.baselines.push((self.translation.path.to_path_buf(), then.clone(), now_text));
        let old_sections = then.as_deref().and_then(|t| Content::parse(self.source.path, t)).unwrap_or_default();
        let new_sections = current().cloned().unwrap_or_default();
        let sections = changed_sections(&old_sections.sections(), &new_sections.sections())
            .into_iter()
            .map(|(heading, change)| ChangedSection { heading, change })
            .collect();
        let newest = changes.iter().min().copied().unwrap_or(0);
        let oldest = changes.iter().max().copied().unwrap_or(0);
        State::Outdated(Behind {
            changes: changes.len(),
            since: iso_date(history.commits[oldest].time),
            last_changed: iso_date(history.commits[newest].time),
            sections,
        })
    }

    /// `translation_of:` read against history; a value history does not
    /// know is a warning and history decides instead.
    fn recorded_baseline<'c>(
        &self,
        history: &History,
        source_versions: &[Version],
        current: &dyn Fn() -> Option<&'c Content>,
        upkeep: &mut Upkeep,
    ) -> Option<Baseline> {
        let recorded = self.translation.front_matter.translation_of.as_deref()?.trim();
        if let Some(hash) = recorded.strip_prefix("sha1:") {
            if current().is_some_and(|c| c.hash() == recorded) {
                return Some(Baseline::Now);
            }
            let matching = source_versions.iter().find(|v| {
                history
                    .text(v.blob)
                    .and_then(|t| Content::parse(self.source.path, &t))
                    .is_some_and(|c| c.hash().strip_prefix("sha1:") == Some(hash))
            });
            if let Some(version) = matching {
                return Some(Baseline::Commit(version.commit));
            }
        } else if let Some(commit) = history.commit_by_prefix(recorded) {
            return Some(Baseline::Commit(commit));
        }
        let line = self.translation.front_matter.key_lines.get("translation_of").copied().unwrap_or(1);
        upkeep.warnings.push(
            Diagnostic::warning(
                self.translation.path,
                line,
                1,
                format!("`translation_of: {recorded}` names no commit or version of the source in this repository"),
            )
            .with_hint(format!(
                "write the id of a commit from `git log -- {}`, or run `phare status --ack {}` once the translation matches the source",
                file_name(self.source.path),
                file_name(self.translation.path)
            )),
        );
        None
    }
}

fn read_content(path: &Path) -> Option<Content> {
    let text = std::fs::read_to_string(path).ok()?;
    Content::parse(path, &text)
}

fn file_blob(path: &Path) -> Option<gix::hash::ObjectId> {
    blob_id(&std::fs::read(path).ok()?)
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}
