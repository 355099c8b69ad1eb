//! Where the first inputs come from: the committed snippets of
//! `fuzz/seeds/`, the bundled help center (`content/`), and, when it is
//! beside the clone, the real help centers of `../shared/corpora`.

use std::path::{Path, PathBuf};

use crate::targets::Target;

pub struct Seed {
    pub data: Vec<u8>,
    pub origin: String,
}

const TEXT_EXTENSIONS: &[&str] = &["md", "mdx", "markdown", "txt"];

/// Seeds for `target`, largest files cut to `max_len`, in a stable order.
pub fn load(target: Target, repo: &Path, corpora: Option<&Path>, max_len: usize) -> Vec<Seed> {
    let mut seeds = Vec::new();
    if target == Target::Paths {
        for file in files(&repo.join("fuzz/seeds/paths"), &["txt"]) {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for (number, line) in text.lines().enumerate() {
                seeds.push(Seed {
                    data: line.as_bytes().to_vec(),
                    origin: format!("{}:{}", file.display(), number + 1),
                });
            }
        }
        // Folder and file names of real sites are what path_segment sees.
        for file in files(&repo.join("content"), TEXT_EXTENSIONS) {
            if let Some(stem) = file.file_stem() {
                seeds.push(Seed { data: stem.as_encoded_bytes().to_vec(), origin: file.display().to_string() });
            }
        }
        return seeds;
    }
    let mut roots = vec![repo.join("fuzz/seeds/text"), repo.join("content")];
    roots.extend(corpora.map(Path::to_path_buf));
    for root in roots {
        for file in files(&root, TEXT_EXTENSIONS) {
            let Ok(mut data) = std::fs::read(&file) else { continue };
            data.truncate(max_len);
            seeds.push(Seed { data, origin: file.display().to_string() });
        }
    }
    seeds
}

/// Files under `root` with one of `extensions`, sorted, hidden entries skipped.
fn files(root: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.'))
        .flatten()
        .filter(|entry| entry.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|path| path.extension().is_some_and(|e| extensions.iter().any(|x| e == *x)))
        .collect();
    found.sort();
    found
}
