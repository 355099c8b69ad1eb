//! Watching the site for `phare serve`: which saved files matter (a pure
//! classifier, tested on its own), and a notify watcher whose bursts of
//! events are gathered into one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// What a changed path asks of the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Editor scratch files, the output folder, version control: nothing.
    Ignore,
    /// An article, image or other content file.
    Content,
    /// Templates, UI strings or settings: everything may look different.
    Everything,
}

/// Editors write these while saving; reacting to them would rebuild on
/// half-written states.
pub(crate) fn is_temporary(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return true };
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name == "4913"
        || name.starts_with(".#")
        || name.starts_with('#') && name.ends_with('#')
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name.ends_with(".tmp")
        || name == ".DS_Store"
}

pub(crate) fn classify(site_dir: &Path, output_dir: &Path, path: &Path) -> Change {
    if is_temporary(path) || path.starts_with(output_dir) {
        return Change::Ignore;
    }
    let Ok(rel) = path.strip_prefix(site_dir) else { return Change::Content };
    let first = rel.components().next().and_then(|c| c.as_os_str().to_str()).unwrap_or_default();
    // Hidden folders (.git, editor state, Phare's staging folders) and build
    // products never change the site.
    if matches!(first, "target" | "node_modules") || first.starts_with('.') {
        return Change::Ignore;
    }
    if matches!(first, "themes" | "i18n")
        || rel == Path::new(crate::load::config::CONFIG_FILE)
        || rel.extension().is_some_and(|e| e == "yaml" || e == "yml") && rel.components().count() == 1
    {
        return Change::Everything;
    }
    Change::Content
}

fn is_edit(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::ModifyKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Watches `site_dir` and sends each burst of relevant changes, gathered
/// until the files have been quiet for `quiet`, as one list.
pub fn watch(
    site_dir: &Path,
    output_dir: &Path,
    quiet: Duration,
    bursts: mpsc::Sender<Vec<(PathBuf, Change)>>,
) -> notify::Result<RecommendedWatcher> {
    watch_all(site_dir, &[], output_dir, quiet, bursts)
}

/// Like [`watch`], also watching `extra` folders (content roots outside the
/// site folder).
pub fn watch_all(
    site_dir: &Path,
    extra: &[PathBuf],
    output_dir: &Path,
    quiet: Duration,
    bursts: mpsc::Sender<Vec<(PathBuf, Change)>>,
) -> notify::Result<RecommendedWatcher> {
    let (events, raw) = mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        // Reads (our own rebuild reads every file) and metadata changes
        // (timestamps, permissions) do not change the site.
        if let Some(event) = result.ok().filter(|e| is_edit(&e.kind)) {
            for path in event.paths {
                let _ = events.send(path);
            }
        }
    })?;
    watcher.watch(site_dir, RecursiveMode::Recursive)?;
    for folder in extra.iter().filter(|f| !f.starts_with(site_dir) && f.is_dir()) {
        watcher.watch(folder, RecursiveMode::Recursive)?;
    }
    let (site_dir, output_dir) = (site_dir.to_path_buf(), output_dir.to_path_buf());
    std::thread::spawn(move || {
        while let Ok(first) = raw.recv() {
            let mut paths = vec![first];
            while let Ok(more) = raw.recv_timeout(quiet) {
                paths.push(more);
            }
            let mut relevant: Vec<(PathBuf, Change)> = paths
                .into_iter()
                .map(|p| {
                    let change = classify(&site_dir, &output_dir, &p);
                    (p, change)
                })
                .filter(|(_, change)| *change != Change::Ignore)
                .collect();
            relevant.sort_by(|a, b| a.0.cmp(&b.0));
            relevant.dedup_by(|a, b| a.0 == b.0);
            if !relevant.is_empty() && bursts.send(relevant).is_err() {
                return;
            }
        }
    });
    Ok(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(rel: &str) -> Change {
        classify(Path::new("/site"), Path::new("/site/public"), &Path::new("/site").join(rel))
    }

    #[test]
    fn editor_scratch_files_are_ignored() {
        for name in [
            "a.md~",
            ".a.md.swp",
            ".a.md.swx",
            "4913",
            ".#a.md",
            "#a.md#",
            "a.md___jb_tmp___",
            "a.md___jb_old___",
            ".DS_Store",
        ] {
            assert_eq!(change(&format!("content/en/{name}")), Change::Ignore, "{name}");
        }
    }

    #[test]
    fn content_theme_strings_and_settings_are_told_apart() {
        assert_eq!(change("content/en/a.md"), Change::Content);
        assert_eq!(change("content/en/new-folder/pic.png"), Change::Content);
        assert_eq!(change("themes/default/templates/article.html"), Change::Everything);
        assert_eq!(change("i18n/fr.ftl"), Change::Everything);
        assert_eq!(change("site.yaml"), Change::Everything);
        assert_eq!(change("public/en/index.html"), Change::Ignore);
        assert_eq!(change(".git/index"), Change::Ignore);
        assert_eq!(change(".public.phare-new-12/x"), Change::Ignore);
    }

    #[test]
    fn files_outside_the_site_folder_are_content() {
        // Content roots may live elsewhere (`content: ../docs`).
        assert_eq!(classify(Path::new("/site"), Path::new("/site/public"), Path::new("/docs/a.md")), Change::Content);
    }
}
