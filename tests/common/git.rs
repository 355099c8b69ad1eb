//! Git repositories for tests: the `git` command with a fixed identity and
//! date, blind to the user's own settings.
#![allow(dead_code)] // reason: each test file uses a different part of these helpers

use std::path::Path;
use std::process::{Command, Output};

/// Runs `git args` in `dir` as if on `date` (`YYYY-MM-DD`, 10:00 UTC).
pub fn git(dir: &Path, args: &[&str], date: &str) -> Output {
    let output = Command::new("git")
        .args(["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Writer")
        .env("GIT_AUTHOR_EMAIL", "writer@example.org")
        .env("GIT_COMMITTER_NAME", "Writer")
        .env("GIT_COMMITTER_EMAIL", "writer@example.org")
        .env("GIT_AUTHOR_DATE", format!("{date}T10:00:00+00:00"))
        .env("GIT_COMMITTER_DATE", format!("{date}T10:00:00+00:00"))
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output
}

/// Commits everything in `dir` on `date`.
pub fn commit_all(dir: &Path, date: &str) {
    git(dir, &["add", "-A"], date);
    git(dir, &["commit", "-q", "-m", &format!("edit of {date}")], date);
}
