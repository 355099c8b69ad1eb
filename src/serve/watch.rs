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

/// The files a site is built from: only saves to these rebuild the
/// preview. Anything else in the site folder (a log file the preview writes
/// to, the output folder, `.git/`, `node_modules/`, notes) is ignored, so a
/// `phare serve > serve.log` started in the site folder cannot rebuild itself
/// forever.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    site_dir: PathBuf,
    output_dir: PathBuf,
    /// Articles, images and other content files.
    content_roots: Vec<PathBuf>,
    /// Theme folders and `i18n/`: a change may alter every page.
    shared_dirs: Vec<PathBuf>,
    /// `site.yaml` (or `--config`) and the data files it names.
    settings_files: Vec<PathBuf>,
}

impl Inputs {
    /// What a site folder is read from before its settings are known (or
    /// when they cannot be read): `site.yaml`, `content/`, `themes/`,
    /// `i18n/`.
    pub fn defaults(site_dir: &Path, config_file: Option<&Path>) -> Inputs {
        let site_dir = absolute(site_dir, Path::new("."));
        let config =
            config_file.map_or_else(|| site_dir.join(crate::load::config::CONFIG_FILE), |f| absolute(f, &site_dir));
        Inputs {
            output_dir: site_dir.join("public"),
            content_roots: vec![site_dir.join("content")],
            shared_dirs: vec![site_dir.join("themes"), site_dir.join("i18n")],
            settings_files: vec![config],
            site_dir,
        }
    }

    /// The inputs named by a site's settings.
    pub(crate) fn of(config: &crate::load::config::Config) -> Inputs {
        let site_dir = absolute(&config.site_dir, Path::new("."));
        let mut shared_dirs: Vec<PathBuf> = config.theme_dirs().iter().map(|d| absolute(d, &site_dir)).collect();
        shared_dirs.push(site_dir.join("themes"));
        shared_dirs.push(site_dir.join("i18n"));
        let mut settings_files = vec![absolute(&config.file, &site_dir)];
        if let Some(data) = &config.category_data {
            for language in &config.languages {
                settings_files.push(absolute(Path::new(&data.file.replace("{lang}", &language.code)), &site_dir));
            }
        }
        Inputs {
            output_dir: absolute(&config.output_dir, &site_dir),
            content_roots: config.languages.iter().map(|l| absolute(&l.content_root, &site_dir)).collect(),
            shared_dirs,
            settings_files,
            site_dir,
        }
    }

    /// Folders to watch: the site folder, and content roots outside it.
    pub fn folders(&self) -> Vec<PathBuf> {
        let mut folders = vec![self.site_dir.clone()];
        for root in &self.content_roots {
            if !root.starts_with(&self.site_dir) && !folders.iter().any(|f| root.starts_with(f)) {
                folders.push(root.clone());
            }
        }
        folders
    }

    pub fn classify(&self, path: &Path) -> Change {
        if is_temporary(path) || path.starts_with(&self.output_dir) {
            return Change::Ignore;
        }
        if self.settings_files.iter().any(|f| f == path) {
            return Change::Everything;
        }
        if let Some(dir) = self.shared_dirs.iter().find(|d| path.starts_with(d)) {
            return if ignored_below(dir, path) { Change::Ignore } else { Change::Everything };
        }
        match self.content_roots.iter().find(|root| path.starts_with(root)) {
            Some(root) if !ignored_below(root, path) => Change::Content,
            _ => Change::Ignore,
        }
    }
}

/// Version control, dependencies, editor state and Phare's own staging
/// folders never change a site, even inside an input folder. GitBook's
/// `.gitbook/` holds a space's images, so it counts.
fn ignored_below(folder: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(folder) else { return true };
    rel.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name == "node_modules" || name.starts_with('.') && name != ".gitbook"
    })
}

/// `path` made absolute against `base` (itself made absolute), resolved
/// through symbolic links when it exists, as the watcher reports paths.
fn absolute(path: &Path, base: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else if base.is_absolute() {
        base.join(path)
    } else {
        std::env::current_dir().map(|cwd| cwd.join(base).join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    std::fs::canonicalize(&joined).unwrap_or(joined)
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

/// Watches the site's inputs and sends each burst of relevant changes,
/// gathered until the files have been quiet for `quiet`, as one list.
/// `inputs` may be replaced while watching (after a rebuild that changed
/// the settings); folders to watch are those of the inputs given here.
pub fn watch(
    inputs: std::sync::Arc<std::sync::Mutex<Inputs>>,
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
    let folders = inputs.lock().map(|i| i.folders()).unwrap_or_default();
    for (n, folder) in folders.iter().enumerate() {
        match watcher.watch(folder, RecursiveMode::Recursive) {
            Ok(()) => {}
            // The site folder must be watchable; a content root elsewhere
            // that does not exist yet is simply not watched.
            Err(e) if n == 0 => return Err(e),
            Err(_) => {}
        }
    }
    std::thread::spawn(move || {
        while let Ok(first) = raw.recv() {
            let mut paths = vec![first];
            while let Ok(more) = raw.recv_timeout(quiet) {
                paths.push(more);
            }
            let Ok(current) = inputs.lock().map(|i| i.clone()) else { return };
            let mut relevant: Vec<(PathBuf, Change)> = paths
                .into_iter()
                .map(|p| {
                    let change = current.classify(&p);
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

    fn inputs() -> Inputs {
        Inputs::defaults(Path::new("/site"), None)
    }

    fn change(rel: &str) -> Change {
        inputs().classify(&Path::new("/site").join(rel))
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
        assert_eq!(change("content/en/.gitbook/assets/pic.png"), Change::Content);
        assert_eq!(change("themes/default/templates/article.html"), Change::Everything);
        assert_eq!(change("i18n/fr.ftl"), Change::Everything);
        assert_eq!(change("site.yaml"), Change::Everything);
    }

    #[test]
    fn files_that_are_not_inputs_never_rebuild() {
        for rel in [
            "serve.log",
            "notes.txt",
            "README.md",
            "other.yaml",
            "public/en/index.html",
            ".git/index",
            ".public.phare-new-12/x",
            "node_modules/pkg/index.js",
            "target/debug/phare",
            "content/en/.git/index",
            "content/node_modules/x.md",
            "themes/default/.git/HEAD",
        ] {
            assert_eq!(change(rel), Change::Ignore, "{rel}");
        }
    }

    #[test]
    fn content_roots_outside_the_site_folder_are_content_and_watched() {
        // Content roots may live elsewhere (`content: ../docs`).
        let inputs = Inputs { content_roots: vec![PathBuf::from("/docs")], ..inputs() };
        assert_eq!(inputs.classify(Path::new("/docs/a.md")), Change::Content);
        assert_eq!(inputs.classify(Path::new("/elsewhere/a.md")), Change::Ignore);
        assert_eq!(inputs.folders(), vec![PathBuf::from("/site"), PathBuf::from("/docs")]);
    }

    #[test]
    fn a_settings_file_given_with_config_is_an_input() {
        let inputs = Inputs::defaults(Path::new("/site"), Some(Path::new("/conf/site.yaml")));
        assert_eq!(inputs.classify(Path::new("/conf/site.yaml")), Change::Everything);
        assert_eq!(inputs.classify(Path::new("/site/site.yaml")), Change::Ignore);
    }
}
