//! Stage 8: a [`BuiltSite`] → the output folder, atomically. Everything is
//! written into a fresh folder beside the output, then swapped in with two
//! renames, so a failed build (or a crash mid-write) leaves the previous
//! output untouched, and files no longer produced disappear.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::render::{BuiltSite, OutputFile};
use crate::site::claims::OUTPUT_MARKER as MARKER;

const MARKER_TEXT: &str = "This folder is written by `phare build` and replaced on every build.\n";

#[derive(Debug)]
pub(crate) struct WriteReport {
    pub files: usize,
}

/// `sources` are folders the output may neither contain nor sit inside
/// (content roots, theme); `site_dir` may hold the output but not be it.
pub(crate) fn write(
    built: &BuiltSite,
    output: &Path,
    site_dir: &Path,
    sources: &[PathBuf],
    progress: &crate::progress::Progress,
) -> Result<WriteReport, Diagnostic> {
    let output = absolute(output);
    check_paths(built, &output)?;
    if absolute(site_dir).starts_with(&output) {
        return Err(refuse_sources(&output, "it is the site folder itself, or contains it"));
    }
    for folder in sources.iter().map(|f| absolute(f)) {
        if folder.starts_with(&output) || output.starts_with(&folder) {
            return Err(refuse_sources(
                &output,
                &format!("it overlaps {}, which holds the site's sources", folder.display()),
            ));
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
    progress.start("writing", built.files.len());
    let result = fill(built, &staging, &output, progress);
    progress.finish();
    let result = result.and_then(|files| swap(&staging, &output, &previous).map(|()| files));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    Ok(WriteReport { files: result? })
}

/// The last line of defence: every file must be a plain relative path
/// (names only: no `..`, root, drive or empty part) and no file may sit
/// where another needs a folder, whatever the stages before decided.
fn check_paths(built: &BuiltSite, output: &Path) -> Result<(), Diagnostic> {
    for path in built.files.keys() {
        if path.is_empty() || path.ends_with('/') || path == MARKER || !crate::urls::is_contained_relative(path) {
            return Err(Diagnostic::error(
                output,
                1,
                1,
                format!(
                    "Phare refused to write `{}`: it is not a plain path inside the output folder",
                    path.escape_debug()
                ),
            )
            .with_hint("this is a bug in Phare; please report it with the page or file that leads to this path"));
        }
        for (at, _) in path.match_indices('/') {
            let folder = &path[..at];
            if built.files.contains_key(folder) {
                return Err(Diagnostic::error(
                    output.join(folder),
                    1,
                    1,
                    format!(
                        "Phare cannot write both the file /{folder} and /{path}, which needs a folder of that name"
                    ),
                )
                .with_hint("give one of the pages another `slug` or `permalink`, or rename one of the files"));
            }
        }
    }
    Ok(())
}

/// Writes everything into `staging`; problems name the file in `output`
/// it stands for, since the staging folder is gone by the time people read them.
fn fill(
    built: &BuiltSite,
    staging: &Path,
    output: &Path,
    progress: &crate::progress::Progress,
) -> Result<usize, Diagnostic> {
    let shown = |target: &Path| output.join(target.strip_prefix(staging).unwrap_or(target));
    std::fs::create_dir_all(staging).map_err(|e| io_problem(output, "create the folder", &e))?;
    let folders: BTreeSet<&Path> = built.files.keys().filter_map(|p| Path::new(p).parent()).collect();
    for folder in folders {
        let target = staging.join(folder);
        std::fs::create_dir_all(&target).map_err(|e| io_problem(&shown(&target), "create the folder", &e))?;
    }
    std::fs::write(staging.join(MARKER), MARKER_TEXT).map_err(|e| io_problem(output, "write into", &e))?;
    built.files.par_iter().try_for_each(|(path, file)| {
        progress.advance();
        let target = staging.join(path);
        let result = match file {
            OutputFile::Bytes(bytes) => std::fs::write(&target, bytes),
            OutputFile::Embedded(bytes) => std::fs::write(&target, bytes),
            OutputFile::Copy(source) => std::fs::copy(source, &target).map(|_| ()),
        };
        result.map_err(|e| match file {
            OutputFile::Copy(source) if source.metadata().is_err() => io_problem(source, "copy", &e),
            _ => io_problem(&shown(&target), "write", &e),
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
        .with_hint("choose another folder with `--output`, or, if nothing in this one is needed, empty it first")
}

/// The output would replace or sit among the sources: emptying the folder
/// would delete articles, so the hint must never suggest it.
fn refuse_sources(output: &Path, reason: &str) -> Diagnostic {
    Diagnostic::error(output, 1, 1, format!("Phare will not write the site to this folder: {reason}")).with_hint(
        "choose a folder of its own with `--output`, such as `public`; keep this one as it is, it holds your articles",
    )
}

fn io_problem(path: &Path, action: &str, error: &std::io::Error) -> Diagnostic {
    use std::io::ErrorKind;
    let hint = match error.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "free some disk space, then build again",
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            "check that you may write to this folder, or choose another with `--output`"
        }
        ErrorKind::NotFound => "check that the file still exists; it may have been moved during the build",
        // `check_paths` rules these out; if one happens, it is Phare's mistake, not the disk's.
        ErrorKind::IsADirectory | ErrorKind::NotADirectory | ErrorKind::AlreadyExists => {
            "two outputs of the site collide here; this is a bug in Phare, please report it"
        }
        _ => "check the free disk space and that you may write to this folder",
    };
    Diagnostic::error(path, 1, 1, format!("could not {action} {}: {error}", path.display())).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(paths: &[&str]) -> BuiltSite {
        let mut built = BuiltSite::default();
        for path in paths {
            built.files.insert(path.to_string(), OutputFile::Bytes(b"x".to_vec()));
        }
        built
    }

    /// Every file under `dir`, relative to it.
    fn listing(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap().path().strip_prefix(dir).unwrap().to_path_buf())
            .collect();
        files.sort();
        files
    }

    #[test]
    fn paths_that_are_not_plain_and_relative_are_refused_before_anything_is_written() {
        let root = tempfile::tempdir().unwrap();
        let site = root.path().join("deep/site");
        std::fs::create_dir_all(&site).unwrap();
        let output = site.join("public");
        let before = listing(root.path());
        let tmp = root.path().display().to_string();
        for bad in [
            "../escape.html",
            "en/../../escape.html",
            "/abs.html",
            &format!("{tmp}/abs.html"),
            "",
            "en/",
            "en//a.html",
            "en/./a.html",
            "en/ ../a.html",
            "C:/a.html",
            "en\\..\\..\\a.html",
            MARKER,
        ] {
            let problem =
                write(&built(&["index.html", bad]), &output, &site, &[], &crate::progress::Progress::default()).err();
            let problem = problem.unwrap_or_else(|| panic!("{bad:?} was written"));
            assert!(problem.message.contains("not a plain path"), "{bad:?}: {problem}");
            assert_eq!(listing(root.path()), before, "{bad:?} left files behind");
        }
    }

    #[test]
    fn a_file_where_a_folder_is_needed_is_named_in_the_output_not_the_staging_folder() {
        let root = tempfile::tempdir().unwrap();
        let output = root.path().join("site/public");
        let problem = write(
            &built(&["robots.txt", "robots.txt/index.html"]),
            &output,
            root.path(),
            &[],
            &crate::progress::Progress::default(),
        )
        .unwrap_err();
        assert_eq!(problem.file, output.join("robots.txt"), "{problem}");
        assert!(!problem.to_string().contains("phare-new"), "{problem}");
        assert!(!problem.to_string().contains("disk space"), "{problem}");
        assert!(!output.exists());
    }
}
