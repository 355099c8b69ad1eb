//! Where a build may read from: the site folder and the content folders
//! `site.yaml` names (which may sit beside it, as `../docs`). Site files
//! come from contributors' pull requests and builds run in CI, so neither a
//! symbolic link, an include nor an import may bring a file from elsewhere
//! (`/proc/self/environ`, `/etc/passwd`, a home folder) into the published
//! output. Every path is resolved first (links followed, `..` removed), the
//! resolved path is checked, and that resolved path is what gets read.
//!
//! Links that stay inside the scope keep working. Named pipes, devices and
//! sockets are refused rather than opened: reading a pipe blocks forever.

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// The canonical folders (and single files) a build may read.
#[derive(Debug, Clone, Default)]
pub struct ReadScope {
    /// The canonical site folder: targets inside it are shown relative to it.
    site_dir: PathBuf,
    roots: Vec<PathBuf>,
}

/// Why a file is not read, worded to follow "this link", "this file" or
/// "…, which".
#[derive(Debug, thiserror::Error)]
pub enum Reason {
    #[error("leads outside the site folder, to {}", .0.display())]
    Outside(PathBuf),
    #[error("loops back to {}, a folder that contains it", .0.display())]
    Loop(PathBuf),
    #[error("leads into the Git folder ({}), which Phare never reads", .0.display())]
    IntoGit(PathBuf),
    #[error("is {0}, not an ordinary file")]
    NotAFile(&'static str),
    #[error("cannot be read: {0}")]
    Unreadable(#[from] io::Error),
}

/// A path that was not read, with the link that made it leave the scope
/// when there is one: that link is what the writer has to fix.
#[derive(Debug, thiserror::Error)]
#[error("{} {reason}", path.display())]
pub struct Refused {
    pub path: PathBuf,
    pub link: Option<PathBuf>,
    pub reason: Reason,
}

impl Refused {
    pub(crate) fn is_missing(&self) -> bool {
        matches!(&self.reason, Reason::Unreadable(e) if e.kind() == io::ErrorKind::NotFound)
    }

    pub(crate) fn hint(&self) -> &'static str {
        match self.reason {
            Reason::Outside(_) => {
                "Phare reads only the site folder and the content folders named in site.yaml: copy the file into the site folder instead of pointing outside it"
            }
            Reason::Loop(_) => "remove the link: a folder link must not point at a folder that contains it",
            Reason::IntoGit(_) => "copy the file you need into the site folder instead of pointing into .git",
            Reason::NotAFile(_) => "replace it with an ordinary file, or remove it",
            Reason::Unreadable(_) => "check that it exists and that you have permission to read it",
        }
    }

    /// The problem reported on the link that leads out of the scope, or on
    /// the file itself.
    pub(crate) fn diagnostic(&self) -> Diagnostic {
        let (subject, at) = match &self.link {
            Some(link) => ("this link", link),
            None => ("this file", &self.path),
        };
        Diagnostic::error(at, 1, 1, format!("{subject} {}", self.reason)).with_hint(self.hint())
    }
}

impl ReadScope {
    /// A scope holding the site folder only.
    pub fn new(site_dir: &Path) -> ReadScope {
        let site_dir = std::fs::canonicalize(site_dir).unwrap_or_else(|_| site_dir.to_path_buf());
        ReadScope { roots: vec![site_dir.clone()], site_dir }
    }

    /// Adds a folder or file that may be read; one that does not exist
    /// (yet) is left out, so nothing can later appear there through a link.
    pub(crate) fn allow(&mut self, path: &Path) {
        if let Ok(resolved) = std::fs::canonicalize(path)
            && !self.roots.iter().any(|root| resolved.starts_with(root))
        {
            self.roots.push(resolved);
        }
    }

    /// The resolved path of an ordinary file inside the scope.
    pub(crate) fn resolve_file(&self, path: &Path) -> Result<PathBuf, Refused> {
        let resolved = self.resolve(path)?;
        let kind = std::fs::metadata(&resolved).map_err(|e| self.refused(path, e.into()))?.file_type();
        if kind.is_file() { Ok(resolved) } else { Err(self.refused(path, Reason::NotAFile(kind_name(&kind)))) }
    }

    /// The resolved path of a folder or file inside the scope.
    pub(crate) fn resolve(&self, path: &Path) -> Result<PathBuf, Refused> {
        let resolved = std::fs::canonicalize(path).map_err(|e| self.refused(path, e.into()))?;
        self.place(&resolved).map_err(|reason| self.refused(path, reason))?;
        Ok(resolved)
    }

    pub(crate) fn read(&self, path: &Path) -> Result<Vec<u8>, Refused> {
        let resolved = self.resolve_file(path)?;
        std::fs::read(&resolved).map_err(|e| self.refused(path, e.into()))
    }

    pub fn read_to_string(&self, path: &Path) -> Result<String, Refused> {
        let resolved = self.resolve_file(path)?;
        std::fs::read_to_string(&resolved).map_err(|e| self.refused(path, e.into()))
    }

    /// An entry of a walk that follows links (`WalkDir::follow_links`):
    /// a link must stay inside the scope, a folder link must not contain
    /// itself, and only ordinary files and folders are taken.
    pub(crate) fn check_entry(&self, entry: &walkdir::DirEntry) -> Result<(), Refused> {
        let path = entry.path();
        if entry.path_is_symlink() {
            let on_link = |reason| Refused { path: path.to_path_buf(), link: Some(path.to_path_buf()), reason };
            let target = std::fs::canonicalize(path).map_err(|e| on_link(e.into()))?;
            self.place(&target).map_err(on_link)?;
            let holder = path.parent().and_then(|p| std::fs::canonicalize(p).ok());
            if entry.file_type().is_dir() && holder.is_some_and(|holder| holder.starts_with(&target)) {
                return Err(on_link(Reason::Loop(self.shown(&target))));
            }
        }
        let kind = entry.file_type();
        if kind.is_file() || kind.is_dir() {
            Ok(())
        } else {
            Err(Refused { path: path.to_path_buf(), link: None, reason: Reason::NotAFile(kind_name(&kind)) })
        }
    }

    /// Whether a resolved path may be read.
    fn place(&self, resolved: &Path) -> Result<(), Reason> {
        let Some(root) = self.roots.iter().find(|root| resolved.starts_with(root)) else {
            return Err(Reason::Outside(resolved.to_path_buf()));
        };
        // CI checkouts keep their access token in `.git/config`.
        let inside = resolved.strip_prefix(root).unwrap_or(resolved);
        if inside.iter().any(|part| part == ".git") {
            return Err(Reason::IntoGit(self.shown(resolved)));
        }
        Ok(())
    }

    fn refused(&self, path: &Path, reason: Reason) -> Refused {
        let link = match reason {
            Reason::Outside(_) | Reason::IntoGit(_) => self.link_leading_out(path),
            _ => None,
        };
        Refused { path: path.to_path_buf(), link, reason }
    }

    /// The first link on the way to `path` that sits inside the scope: the
    /// one a writer added.
    fn link_leading_out(&self, path: &Path) -> Option<PathBuf> {
        let mut prefix = PathBuf::new();
        for part in path.iter() {
            prefix.push(part);
            let is_link = std::fs::symlink_metadata(&prefix).is_ok_and(|m| m.file_type().is_symlink());
            if is_link
                && let Some(holder) = prefix.parent().and_then(|p| std::fs::canonicalize(p).ok())
                && self.roots.iter().any(|root| holder.starts_with(root))
            {
                return Some(prefix);
            }
        }
        None
    }

    fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.site_dir).map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
    }
}

fn kind_name(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_dir() { "a folder" } else { "a special file" }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;

    fn fixture() -> (tempfile::TempDir, ReadScope) {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["site/content", "site/.git", "docs", "outside"] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        }
        for file in ["site/page.md", "site/.git/config", "docs/a.md", "outside/secret.md"] {
            std::fs::write(dir.path().join(file), "text").unwrap();
        }
        let mut scope = ReadScope::new(&dir.path().join("site"));
        scope.allow(&dir.path().join("docs"));
        (dir, scope)
    }

    #[test]
    fn files_inside_the_site_and_its_content_folders_are_read() {
        let (dir, scope) = fixture();
        symlink("../page.md", dir.path().join("site/content/in.md")).unwrap();
        assert_eq!(scope.read_to_string(&dir.path().join("site/content/in.md")).unwrap(), "text");
        assert_eq!(scope.read_to_string(&dir.path().join("site/content/../../docs/a.md")).unwrap(), "text");
    }

    #[test]
    fn paths_leaving_the_scope_are_refused_at_the_link_that_leaves() {
        let (dir, scope) = fixture();
        symlink("../../outside", dir.path().join("site/content/out")).unwrap();
        let refused = scope.read(&dir.path().join("site/content/out/secret.md")).unwrap_err();
        assert!(matches!(refused.reason, Reason::Outside(_)), "{refused}");
        assert_eq!(refused.link, Some(dir.path().join("site/content/out")));
        let climbing = scope.read(&dir.path().join("site/content/../../outside/secret.md")).unwrap_err();
        assert!(matches!(climbing.reason, Reason::Outside(_)) && climbing.link.is_none(), "{climbing}");
        // A prefix that merely shares letters with the site folder is outside.
        std::fs::create_dir_all(dir.path().join("site2")).unwrap();
        std::fs::write(dir.path().join("site2/x.md"), "x").unwrap();
        assert!(scope.read(&dir.path().join("site2/x.md")).is_err());
    }

    #[test]
    fn the_git_folder_and_folders_are_refused() {
        let (dir, scope) = fixture();
        let git = scope.read(&dir.path().join("site/.git/config")).unwrap_err();
        assert!(matches!(git.reason, Reason::IntoGit(_)), "{git}");
        let folder = scope.read(&dir.path().join("site/content")).unwrap_err();
        assert!(matches!(folder.reason, Reason::NotAFile("a folder")), "{folder}");
        assert!(scope.read(&dir.path().join("site/missing.md")).unwrap_err().is_missing());
    }
}
