//! Embeds the default theme (`themes/default/`) and the built-in UI strings
//! (`i18n/*.ftl`) in the binary, so `phare` works in any folder. The list of
//! files is generated so a new theme file needs no Rust change.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let manifest = Path::new(&manifest);
    let mut code = String::from("pub static DEFAULT_THEME: &[(&str, &[u8])] = &[\n");
    for (rel, abs) in files_under(&manifest.join("themes/default")) {
        writeln!(code, "    ({rel:?}, include_bytes!({abs:?})),").unwrap();
    }
    code.push_str("];\npub static BUILTIN_STRINGS: &[(&str, &str)] = &[\n");
    for (rel, abs) in files_under(&manifest.join("i18n")) {
        if let Some(code_name) = rel.strip_suffix(".ftl") {
            writeln!(code, "    ({code_name:?}, include_str!({abs:?})),").unwrap();
        }
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    std::fs::write(out, code).expect("write embedded.rs");
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=i18n");
    record_commit();
}

/// `phare --version` names the commit it was built from, so a bug report
/// says exactly which Phare it is about. Outside a git checkout (a source
/// tarball, a registry download) there is none to name.
fn record_commit() {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "--short=10", "HEAD"]).unwrap_or_default();
    println!("cargo:rustc-env=PHARE_COMMIT={commit}");
    // The reflog of HEAD changes with every commit and checkout.
    if let Some(log) = git(&["rev-parse", "--git-path", "logs/HEAD"]) {
        println!("cargo:rerun-if-changed={log}");
    }
}

fn files_under(root: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with('.') {
                continue;
            }
            if path.is_dir() {
                println!("cargo:rerun-if-changed={}", path.display());
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                files.push((rel, path.to_string_lossy().to_string()));
            }
        }
    }
    files.sort();
    files
}
