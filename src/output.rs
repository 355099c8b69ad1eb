//! Stage 8: a [`BuiltSite`] → the output folder, atomically. Everything is
//! written into a fresh folder beside the output, then swapped in with two
//! renames, so a failed build (or a crash mid-write) leaves the previous
//! output untouched, and files no longer produced disappear.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::render::{BuiltSite, OutputFile};

/// Marks a folder as Phare's to replace. Without it, an existing non-empty
/// folder is refused: `--output ~/Documents` must never wipe documents.
pub const MARKER: &str = ".phare-output";
const MARKER_TEXT: &str = "This folder is written by `phare build` and replaced on every build.\n";

pub struct WriteReport {
    pub files: usize,
}

/// `sources` are folders the output may neither contain nor sit inside
/// (content roots, theme); `site_dir` may hold the output but not be it.
pub fn write(
    built: &BuiltSite,
    output: &Path,
    site_dir: &Path,
    sources: &[PathBuf],
) -> Result<WriteReport, Diagnostic> {
    let output = absolute(output);
    if absolute(site_dir).starts_with(&output) {
        return Err(refuse(&output, "it is the site folder itself, or contains it"));
    }
    for folder in sources.iter().map(|f| absolute(f)) {
        if folder.starts_with(&output) || output.starts_with(&folder) {
            return Err(refuse(&output, &format!("it overlaps {}, which holds the site's sources", folder.display())));
        }
    }
    if output.exists() && !output.join(MARKER).exists() && !is_empty_dir(&output) {
        return Err(refuse(
            &output,
            "it already exists and was not written by Phare, so replacing it could delete your files",
        ));
    }
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let name = output.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
    std::fs::create_dir_all(&parent).map_err(|e| io_problem(&parent, "create the folder", &e))?;
    let staging = parent.join(format!(".{name}.phare-new-{}", std::process::id()));
    let previous = parent.join(format!(".{name}.phare-old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let result = fill(built, &staging).and_then(|files| swap(&staging, &output, &previous).map(|()| files));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    Ok(WriteReport { files: result? })
}

fn fill(built: &BuiltSite, staging: &Path) -> Result<usize, Diagnostic> {
    std::fs::create_dir_all(staging).map_err(|e| io_problem(staging, "create the folder", &e))?;
    let folders: BTreeSet<&Path> = built.files.keys().filter_map(|p| Path::new(p).parent()).collect();
    for folder in folders {
        let target = staging.join(folder);
        std::fs::create_dir_all(&target).map_err(|e| io_problem(&target, "create the folder", &e))?;
    }
    std::fs::write(staging.join(MARKER), MARKER_TEXT).map_err(|e| io_problem(staging, "write into", &e))?;
    built.files.par_iter().try_for_each(|(path, file)| {
        let target = staging.join(path);
        let result = match file {
            OutputFile::Bytes(bytes) => std::fs::write(&target, bytes),
            OutputFile::Embedded(bytes) => std::fs::write(&target, bytes),
            OutputFile::Copy(source) => std::fs::copy(source, &target).map(|_| ()),
        };
        result.map_err(|e| match file {
            OutputFile::Copy(source) => io_problem(source, "copy", &e),
            _ => io_problem(&target, "write", &e),
        })
    })?;
    Ok(built.files.len())
}

fn swap(staging: &Path, output: &Path, previous: &Path) -> Result<(), Diagnostic> {
    let had_output = output.exists();
    if had_output {
        let _ = std::fs::remove_dir_all(previous);
        std::fs::rename(output, previous).map_err(|e| io_problem(output, "move aside", &e))?;
    }
    if let Err(e) = std::fs::rename(staging, output) {
        if had_output {
            let _ = std::fs::rename(previous, output);
        }
        return Err(io_problem(output, "replace", &e));
    }
    if had_output {
        let _ = std::fs::remove_dir_all(previous);
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}

fn refuse(output: &Path, reason: &str) -> Diagnostic {
    Diagnostic::error(output, 1, 1, format!("Phare will not write the site to this folder: {reason}"))
        .with_hint("choose another folder with `--output`, or empty this one first")
}

fn io_problem(path: &Path, action: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(path, 1, 1, format!("could not {action} {}: {error}", path.display()))
        .with_hint("check the free disk space and that you may write to this folder")
}
