//! `phare serve`: the site built in memory and served over HTTP/1.1, both
//! languages at once. Every request is answered from memory only, so no
//! request path ever reaches the disk. Saved files trigger a rebuild (see
//! `watch.rs`); browsers are told over Server-Sent Events and reload. When a
//! rebuild fails, the last good site stays served with the problems shown
//! over every page.
//!
//! `server.rs` binds and starts the threads, `event_loop.rs` owns every
//! connection (one thread, no blocking; `connection.rs` is one of them), `http.rs` reads request heads and
//! writes responses, `paths.rs` turns request paths into site paths,
//! `answer.rs` picks what to send (on a fixed pool of workers) and
//! `events.rs` is the live-reload stream. `watch.rs` gathers saved files
//! into bursts and classifies them; `body_edit.rs` re-renders one article
//! after a body-only edit, anything else is a full rebuild.
//!
//! In: [`BuildOptions`] and bursts of changed paths. Out: HTTP answers from
//! the last good [`BuiltSite`]. It calls the earlier stages and never
//! writes to disk: the preview's files live in memory only.

mod answer;
mod body_edit;
mod connection;
mod event_loop;
mod events;
mod http;
mod paths;
mod search_index;
mod server;
mod upkeep_pages;
mod warnings;
pub mod watch;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};

use crate::diagnostics::Diagnostic;
use crate::render::{BuiltSite, OutputFile};
use crate::site::BuildOptions;

pub use server::{Limits, Server, bind, local_address, run};

/// What the server answers from: the last good site, and the problems of
/// the last rebuild if it failed.
#[derive(Default)]
struct Snapshot {
    files: HashMap<String, Arc<Vec<u8>>>,
    languages: Vec<String>,
    problems: Vec<Diagnostic>,
    /// Overlay title and hint per language, in Phare's own words.
    overlay_words: HashMap<String, (String, String)>,
    /// The last good build's warnings, shown in a panel on every page.
    warnings: warnings::Warnings,
    /// Per article page, the preview toolbar linking to its compare view.
    toolbars: HashMap<String, String>,
    /// Answers made from `files` and `problems` so far (the live-reload
    /// script added, the ETag computed), each made once; emptied whenever
    /// either changes.
    prepared: Mutex<HashMap<String, Arc<answer::Prepared>>>,
}

pub struct State {
    options: BuildOptions,
    snapshot: RwLock<Snapshot>,
    /// The last good site and its side navigation, for fast re-renders.
    last: Mutex<Option<(crate::site::Site, crate::render::Sidebars)>>,
    /// Rendered articles of earlier builds, reused when nothing they
    /// depend on changed.
    pub cache: crate::body::RenderCache,
    /// Pages of earlier builds, reused when their context is unchanged.
    pub pages: crate::render::PageCache,
    /// Each article's searchable text, and which languages' index files
    /// must be rebuilt before a `search/` file is served.
    search: Mutex<Option<search_index::SearchDocs>>,
    /// Bumped after every rebuild, good or bad; live-reload streams send
    /// it to browsers.
    generation: AtomicU64,
    /// Event loops to wake after a rebuild, so they tell their streams.
    listeners: Mutex<Vec<Arc<mio::Waker>>>,
    /// Makes generations unique across server restarts, so a page reloads
    /// when it reconnects to a new server.
    epoch: u128,
}

impl State {
    pub fn new(options: BuildOptions) -> Arc<State> {
        let epoch = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or_default();
        Arc::new(State {
            options,
            snapshot: RwLock::new(Snapshot::default()),
            last: Mutex::new(None),
            cache: crate::body::RenderCache::default(),
            pages: crate::render::PageCache::default(),
            search: Mutex::new(None),
            generation: AtomicU64::new(0),
            listeners: Mutex::new(Vec::new()),
            epoch,
        })
    }

    /// Builds the site again. On success it replaces what is served; on
    /// failure it keeps it and records the problems. Returns the problems
    /// (warnings included) and how long it took.
    pub fn rebuild(&self) -> (Vec<Diagnostic>, Duration) {
        let started = Instant::now();
        let result = crate::site::load_cached(&self.options, Some(&self.cache))
            .map_err(|diagnostics| crate::BuildFailure { diagnostics })
            .and_then(|site| {
                let sidebars =
                    crate::render::Sidebars::of(&site).map_err(|diagnostics| crate::BuildFailure { diagnostics })?;
                let built = crate::render::render_with_cache(&site, &sidebars, Some(&self.pages))
                    .map_err(|diagnostics| crate::BuildFailure { diagnostics })?;
                Ok((site, sidebars, built))
            });
        let problems = match result {
            Ok((site, sidebars, built)) => {
                let mut files = load_files(built);
                let upkeep = upkeep_pages::pages(&site);
                files.extend(upkeep.files);
                let languages: Vec<String> = site.config.languages.iter().map(|l| l.code.clone()).collect();
                let overlay_words = languages
                    .iter()
                    .map(|code| {
                        (
                            code.clone(),
                            (
                                site.strings.get(code, "overlay-title", None),
                                site.strings.get(code, "overlay-hint", None),
                            ),
                        )
                    })
                    .collect();
                let warnings = site.warnings.clone();
                let shown_warnings = warnings::Warnings::new(&site, warnings.clone());
                let mut snapshot = self.snapshot.write().expect("not poisoned");
                *snapshot = Snapshot {
                    files,
                    languages,
                    problems: Vec::new(),
                    overlay_words,
                    warnings: shown_warnings,
                    toolbars: upkeep.toolbars,
                    ..Snapshot::default()
                };
                drop(snapshot);
                *self.search.lock().expect("not poisoned") = search_index::SearchDocs::of(&site);
                *self.last.lock().expect("not poisoned") = Some((site, sidebars));
                warnings
            }
            Err(failure) => {
                let mut snapshot = self.snapshot.write().expect("not poisoned");
                snapshot.problems = failure.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
                snapshot.prepared = Mutex::default();
                failure.diagnostics
            }
        };
        self.announce_rebuild();
        (problems, started.elapsed())
    }

    /// After files changed: when only the bodies of known articles did, and
    /// the site built cleanly last time, re-renders just their pages;
    /// otherwise rebuilds everything. Says which it did.
    pub fn update(&self, changed: &[std::path::PathBuf]) -> (Vec<Diagnostic>, Duration, bool) {
        let started = Instant::now();
        let articles_only =
            changed.iter().all(|p| p.extension().is_some_and(|e| e == "md" || e == "mdx") && p.is_file());
        let clean = self.snapshot.read().expect("not poisoned").problems.is_empty();
        if articles_only && clean {
            let mut last = self.last.lock().expect("not poisoned");
            if let Some((site, sidebars)) = last.as_mut() {
                let mut replaced = Vec::new();
                let mut warnings = Vec::new();
                let mut per_file = Vec::new();
                let mut fast = true;
                for path in changed {
                    match crate::serve::body_edit::body_edit(site, sidebars, path) {
                        crate::serve::body_edit::Outcome::Updated(files, problems) => {
                            replaced.extend(files);
                            per_file.push((path.clone(), problems.clone()));
                            warnings.extend(problems);
                            if let Some(docs) = self.search.lock().expect("not poisoned").as_mut()
                                && let Some(index) = site.articles.iter().position(|a| a.source == *path)
                            {
                                docs.article_changed(site, index);
                            }
                        }
                        crate::serve::body_edit::Outcome::FullRebuild => {
                            fast = false;
                            break;
                        }
                    }
                }
                if fast {
                    // The status and compare pages read the files as they are now.
                    let upkeep = upkeep_pages::pages(site);
                    let mut snapshot = self.snapshot.write().expect("not poisoned");
                    for (path, bytes) in replaced {
                        snapshot.files.insert(path, Arc::new(bytes));
                    }
                    for (file, fresh) in per_file {
                        snapshot.warnings.replace_file(&file, fresh);
                    }
                    snapshot.files.extend(upkeep.files);
                    snapshot.toolbars = upkeep.toolbars;
                    snapshot.prepared = Mutex::default();
                    drop(snapshot);
                    self.announce_rebuild();
                    return (warnings, started.elapsed(), true);
                }
            }
        }
        let (problems, _) = self.rebuild();
        (problems, started.elapsed(), false)
    }

    /// Before a `search/<lang>/…` file is answered: that language's index
    /// built again if an edit made it stale.
    fn refresh_search(&self, path: &str) {
        // `last` before `search`, in the order `update` takes them.
        let last = self.last.lock().expect("not poisoned");
        let mut search = self.search.lock().expect("not poisoned");
        let Some(docs) = search.as_mut() else { return };
        let Some(lang) = docs.stale_language(path) else { return };
        let Some((site, _)) = last.as_ref() else { return };
        let (folder, files) = docs.rebuild(site, &lang);
        drop(search);
        drop(last);
        let mut snapshot = self.snapshot.write().expect("not poisoned");
        snapshot.files.retain(|name, _| !name.starts_with(&folder));
        for (name, bytes) in files {
            snapshot.files.insert(name, Arc::new(bytes));
        }
        snapshot.prepared = Mutex::default();
    }

    /// The files the site is built from, as the last good build read its
    /// settings (or the usual places before any build succeeded): what the
    /// watcher reacts to.
    pub fn inputs(&self) -> watch::Inputs {
        let last = self.last.lock().expect("not poisoned");
        match last.as_ref() {
            Some((site, _)) => watch::Inputs::of(&site.config),
            None => watch::Inputs::defaults(&self.options.site_dir, self.options.config_file.as_deref()),
        }
    }

    fn announce_rebuild(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        for waker in self.listeners.lock().expect("not poisoned").iter() {
            // A loop that cannot be woken has stopped; nothing to tell.
            let _ = waker.wake();
        }
    }

    fn listen_for_rebuilds(&self, waker: Arc<mio::Waker>) {
        self.listeners.lock().expect("not poisoned").push(waker);
    }

    fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    fn generation_tag(&self, generation: u64) -> String {
        format!("{}-{generation}", self.epoch)
    }
}

/// Theme files and images are read once per build, so requests never
/// touch the disk.
fn load_files(built: BuiltSite) -> HashMap<String, Arc<Vec<u8>>> {
    built
        .files
        .into_iter()
        .filter_map(|(path, file)| {
            let bytes = match file {
                OutputFile::Bytes(bytes) => bytes,
                OutputFile::Embedded(bytes) => bytes.to_vec(),
                OutputFile::Copy(source) => std::fs::read(source).ok()?,
            };
            Some((path, Arc::new(bytes)))
        })
        .collect()
}
