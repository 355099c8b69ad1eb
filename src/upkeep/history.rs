//! The git history of the site's Markdown files, read once for the whole
//! site: every commit reachable from `HEAD`, newest first, each compared
//! with its parent to learn which tracked file changed (renames followed).
//! Reads objects with gix; never runs `git`, never writes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use gix::bstr::ByteSlice;
use gix::diff::tree::recorder::Change;
use gix::hash::ObjectId;

/// Why history cannot answer; each becomes `unknown` with a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unavailable {
    /// The site is not inside a git repository.
    NoRepository,
    /// A shallow clone: older commits are missing, so dates would be wrong.
    Shallow,
    /// The repository has no commit yet.
    NoCommits,
    /// Reading the repository failed (damaged or unsupported).
    Unreadable(String),
}

#[derive(Debug, Clone)]
pub(crate) struct CommitInfo {
    pub(crate) id: ObjectId,
    /// Seconds since 1970, committer time.
    pub(crate) time: i64,
}

/// One state of a file: the commit (index into `History::commits`) that
/// gave it this content.
#[derive(Debug, Clone)]
pub(crate) struct Version {
    pub(crate) commit: usize,
    pub(crate) blob: ObjectId,
}

pub(crate) struct History {
    repo: gix::Repository,
    /// Newest first; a commit's index is its place in this list.
    pub(crate) commits: Vec<CommitInfo>,
    /// Per tracked file (index into the list given to `read`), newest first.
    pub(crate) versions: Vec<Vec<Version>>,
}

/// Renames are paired only among this many deletions of one commit, so a
/// commit moving thousands of files stays linear.
const RENAME_CANDIDATES: usize = 64;

impl History {
    /// Reads the history of `files` (absolute paths as they are now).
    pub(crate) fn read(site_dir: &Path, files: &[PathBuf]) -> Result<History, Unavailable> {
        let repo = gix::discover(site_dir).map_err(|_| Unavailable::NoRepository)?;
        if repo.is_shallow() {
            return Err(Unavailable::Shallow);
        }
        let workdir = repo.workdir().ok_or(Unavailable::NoRepository)?;
        let workdir = std::fs::canonicalize(workdir).unwrap_or_else(|_| workdir.to_path_buf());
        let head = match repo.head_id() {
            Ok(id) => id.detach(),
            Err(_) => return Err(Unavailable::NoCommits),
        };
        let mut tracked: HashMap<Vec<u8>, usize> = HashMap::with_capacity(files.len());
        for (index, file) in files.iter().enumerate() {
            // Paths under the (canonical) site folder need no lookup; only
            // content folders elsewhere are resolved.
            let relative = match file.strip_prefix(&workdir) {
                Ok(relative) => Some(relative.to_path_buf()),
                Err(_) => {
                    std::fs::canonicalize(file).ok().and_then(|c| c.strip_prefix(&workdir).ok().map(Path::to_path_buf))
                }
            };
            if let Some(relative) = relative {
                tracked.insert(git_path(&relative), index);
            }
        }
        let mut history = History { repo, commits: Vec::new(), versions: vec![Vec::new(); files.len()] };
        history.walk(head, tracked).map_err(Unavailable::Unreadable)?;
        Ok(history)
    }

    /// The versions put in another order: entry `i` becomes the one of the
    /// file that was at `order[i]` in the list given to `read`.
    pub(crate) fn reorder(mut self, order: &[usize]) -> History {
        let mut old = std::mem::take(&mut self.versions);
        self.versions = order.iter().map(|&i| old.get_mut(i).map(std::mem::take).unwrap_or_default()).collect();
        self
    }

    fn walk(&mut self, head: ObjectId, mut tracked: HashMap<Vec<u8>, usize>) -> Result<(), String> {
        // A second handle on the same repository, so the walk can go on
        // while `record` reads blobs for renames.
        let mut repo = self.repo.clone();
        // The walk reads each commit and its parents to sort them by time;
        // cached, the reads below cost no second decompression.
        repo.object_cache_size_if_unset(16 * 1024 * 1024);
        let walk = repo
            .rev_walk([head])
            .sorting(gix::revision::walk::Sorting::ByCommitTime(Default::default()))
            .all()
            .map_err(|e| e.to_string())?;
        let mut state = gix::diff::tree::State::default();
        let (mut old_buf, mut new_buf) = (Vec::new(), Vec::new());
        for info in walk {
            let info = info.map_err(|e| e.to_string())?;
            let commit = repo.find_commit(info.id).map_err(|e| e.to_string())?;
            let time = match info.commit_time {
                Some(time) => time,
                None => commit.time().map_err(|e| e.to_string())?.seconds,
            };
            let index = self.commits.len();
            self.commits.push(CommitInfo { id: info.id, time });
            let parents = &info.parent_ids;
            // A merge brings changes already seen on the merged branch.
            if parents.len() > 1 || tracked.is_empty() {
                continue;
            }
            let tree = commit.tree_id().map_err(|e| e.to_string())?.detach();
            let parent_tree = match parents.first() {
                Some(parent) => {
                    repo.find_commit(*parent).map_err(|e| e.to_string())?.tree_id().map_err(|e| e.to_string())?
                }
                None => repo.empty_tree().id(),
            }
            .detach();
            if parent_tree == tree {
                continue;
            }
            let old = self.tree_bytes(parent_tree, &mut old_buf)?;
            let new = self.tree_bytes(tree, &mut new_buf)?;
            let mut recorder = gix::diff::tree::Recorder::default();
            gix::diff::tree(
                gix::objs::TreeRefIter::from_bytes(old, parent_tree.kind()),
                gix::objs::TreeRefIter::from_bytes(new, tree.kind()),
                &mut state,
                &self.repo.objects,
                &mut recorder,
            )
            .map_err(|e| e.to_string())?;
            self.record(index, recorder.records, &mut tracked);
        }
        Ok(())
    }

    fn tree_bytes<'b>(&self, id: ObjectId, buf: &'b mut Vec<u8>) -> Result<&'b [u8], String> {
        let tree = self.repo.find_tree(id).map_err(|e| e.to_string())?;
        buf.clear();
        buf.extend_from_slice(&tree.data);
        Ok(buf.as_slice())
    }

    /// The changes of one commit applied to the tracked files, walking
    /// backwards: a tracked file added here was either born here or
    /// renamed from a file deleted in the same commit.
    fn record(&mut self, commit: usize, changes: Vec<Change>, tracked: &mut HashMap<Vec<u8>, usize>) {
        let mut deleted: Vec<(Vec<u8>, ObjectId)> = Vec::new();
        let mut added: Vec<(usize, Vec<u8>, ObjectId)> = Vec::new();
        for change in changes {
            match change {
                Change::Modification { entry_mode, oid, path, .. } if entry_mode.is_blob() => {
                    if let Some(&file) = tracked.get(path.as_bytes()) {
                        self.versions[file].push(Version { commit, blob: oid });
                    }
                }
                Change::Addition { entry_mode, oid, path, .. } if entry_mode.is_blob() => {
                    if let Some(&file) = tracked.get(path.as_bytes()) {
                        self.versions[file].push(Version { commit, blob: oid });
                        added.push((file, path.to_vec(), oid));
                    }
                }
                Change::Deletion { entry_mode, oid, path, .. }
                    if entry_mode.is_blob() && is_markdown(path.as_bytes()) && deleted.len() < RENAME_CANDIDATES =>
                {
                    deleted.push((path.to_vec(), oid));
                }
                _ => {}
            }
        }
        for (file, path, oid) in added {
            tracked.remove(&path);
            if let Some(from) = self.renamed_from(oid, &mut deleted) {
                tracked.insert(from, file);
            }
        }
    }

    /// The deleted file `added` was renamed from: the same content, else
    /// the most similar text at least half alike (what `git log --follow`
    /// calls a rename).
    fn renamed_from(&self, added: ObjectId, deleted: &mut Vec<(Vec<u8>, ObjectId)>) -> Option<Vec<u8>> {
        if deleted.is_empty() {
            return None;
        }
        if let Some(at) = deleted.iter().position(|(_, oid)| *oid == added) {
            return Some(deleted.swap_remove(at).0);
        }
        let new_text = self.text(added)?;
        let mut best: Option<(usize, f32)> = None;
        for (at, (_, oid)) in deleted.iter().enumerate() {
            let Some(old_text) = self.text(*oid) else { continue };
            let ratio = similar::TextDiff::from_lines(&old_text, &new_text).ratio();
            if ratio >= 0.5 && best.is_none_or(|(_, r)| ratio > r) {
                best = Some((at, ratio));
            }
        }
        best.map(|(at, _)| deleted.swap_remove(at).0)
    }

    /// A blob's text (invalid UTF-8 replaced), or `None` if it cannot be read.
    pub(crate) fn text(&self, blob: ObjectId) -> Option<String> {
        let blob = self.repo.find_blob(blob).ok()?;
        Some(String::from_utf8_lossy(&blob.data).into_owned())
    }

    /// The commit whose id starts with `prefix` (at least 4 hex digits),
    /// if exactly one does.
    pub(crate) fn commit_by_prefix(&self, prefix: &str) -> Option<usize> {
        let prefix = prefix.to_ascii_lowercase();
        if prefix.len() < 4 || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut found = self.commits.iter().enumerate().filter(|(_, c)| c.id.to_hex().to_string().starts_with(&prefix));
        let first = found.next()?.0;
        found.next().is_none().then_some(first)
    }
}

/// The git object id `bytes` would have as a blob: tells whether a file
/// differs from its last committed version without reading the index.
pub(crate) fn blob_id(bytes: &[u8]) -> Option<ObjectId> {
    gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, bytes).ok()
}

fn git_path(relative: &Path) -> Vec<u8> {
    let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/").into_bytes()
}

fn is_markdown(path: &[u8]) -> bool {
    path.ends_with(b".md") || path.ends_with(b".mdx") || path.ends_with(b".markdown")
}
