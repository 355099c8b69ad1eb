//! Starting points for writers: `phare init` (a new bilingual help center
//! that builds and serves at once) and `phare new` (one article, and its
//! counterpart to translate). Both only ever create files: an existing file
//! is never overwritten, and `init` refuses a folder that already holds
//! something unless told to fill in around it.
//!
//! In: a folder or an article path. Out: the files created, or a
//! [`ScaffoldError`] in plain words. `new` reads the site (`crate::site`) to
//! find siblings, categories and keys; `init` reads nothing.

mod init;
mod new;
mod starter;

use std::path::{Path, PathBuf};

pub use init::{InitOptions, init};
pub use new::{NewOptions, new_article};

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error(
        "{} is not empty, so a new help center would mix with what is there\n  hint: choose an empty or new folder, or add --force to add only the files that are missing (no file is ever overwritten)",
        .0.display()
    )]
    NotEmpty(PathBuf),
    #[error("{} already exists; Phare never overwrites a file\n  hint: choose another name, or edit the existing file", .0.display())]
    Exists(PathBuf),
    #[error("cannot write {}: {error}", .path.display())]
    Write { path: PathBuf, error: std::io::Error },
    #[error("{0}")]
    Invalid(String),
}

/// Writes `text` to `path`, creating folders, only if no file is there.
fn create(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|error| ScaffoldError::Write { path: parent.to_path_buf(), error })?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|error| {
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            ScaffoldError::Exists(path.to_path_buf())
        } else {
            ScaffoldError::Write { path: path.to_path_buf(), error }
        }
    })?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|error| ScaffoldError::Write { path: path.to_path_buf(), error })
}

/// A YAML scalar that reads back as exactly `text`.
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}
