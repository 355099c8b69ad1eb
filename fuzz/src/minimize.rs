//! Replaying one saved input, and shrinking it while it still ends the
//! same way. Each try runs in a child (`reproduce`), since the input may
//! kill the process it runs in.

use std::io::Read;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use crate::targets::{Harness, Target};
use crate::worker::{Outcome, STACK_SIZE, panic_place, quiet_panics, run_once, shape};

/// Runs `input` once and prints `outcome KIND DETAIL`; exit 1 unless clean.
pub fn reproduce(target: Target, input: &Path, repo: &Path, slow_ms: u64) -> ExitCode {
    let data = match std::fs::read(input) {
        Ok(data) => data,
        Err(e) => {
            eprintln!("cannot read {}: {e}", input.display());
            return ExitCode::from(2);
        }
    };
    let repo = repo.to_path_buf();
    quiet_panics();
    let thread = std::thread::Builder::new().stack_size(STACK_SIZE).spawn(move || {
        let harness = Harness::new(target, &repo)?;
        let (outcome, time) = run_once(&harness, &data);
        let (kind, detail, message) = match outcome {
            Outcome::Clean(_) if time > Duration::from_millis(slow_ms) => ("slow", String::new(), None),
            Outcome::Clean(_) => ("clean", String::new(), None),
            Outcome::Panic(message) => ("panic", panic_place(&message), Some(message)),
            Outcome::Broken(violation) => ("property", violation.kind, Some(violation.message)),
        };
        println!("outcome {kind} {}", detail.replace('\n', " "));
        if let Some(message) = message {
            println!("{message}");
        }
        println!("time {:.3} s for {} bytes", time.as_secs_f64(), data.len());
        Ok::<bool, String>(kind == "clean")
    });
    match thread.map(|t| t.join()) {
        Ok(Ok(Ok(true))) => ExitCode::SUCCESS,
        Ok(Ok(Ok(false))) => ExitCode::FAILURE,
        Ok(Ok(Err(why))) => {
            eprintln!("{why}");
            ExitCode::from(2)
        }
        _ => ExitCode::from(2),
    }
}

/// How a try ended, reduced to what must stay the same while shrinking.
fn signature(target: Target, data: &[u8], repo: &Path, slow_ms: u64, limit: Duration) -> String {
    let dir = std::env::temp_dir().join(format!("phare-fuzz-minimize-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("try.input");
    if std::fs::write(&file, data).is_err() {
        return "unwritable".into();
    }
    let Ok(exe) = std::env::current_exe() else { return "no executable".into() };
    let child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 4194304 && exec \"$0\" \"$@\"")
        .arg(exe)
        .arg("reproduce")
        .arg(target.name())
        .arg(&file)
        .arg("--repo")
        .arg(repo)
        .args(["--slow-ms", &slow_ms.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else { return "cannot start".into() };
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return "hang".into();
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => return "lost".into(),
        }
    }
    let mut stdout = String::new();
    let mut stderr = String::new();
    let _ = child.stdout.take().map(|mut s| s.read_to_string(&mut stdout));
    let _ = child.stderr.take().map(|mut s| s.read_to_string(&mut stderr));
    match stdout.lines().find_map(|line| line.strip_prefix("outcome ")) {
        // A panic is known by its place, line number included.
        Some(outcome) if outcome.starts_with("panic") => outcome.to_string(),
        Some(outcome) => shape(outcome),
        None => format!("crash {}", shape(stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or(""))),
    }
}

/// Removes pieces, largest first, keeping each removal that leaves the
/// ending unchanged; stops when no piece can go or the time is up.
pub fn minimize(target: Target, input: &Path, repo: &Path, slow_ms: u64, seconds: f64) -> ExitCode {
    let Ok(mut data) = std::fs::read(input) else {
        eprintln!("cannot read {}", input.display());
        return ExitCode::from(2);
    };
    let limit = Duration::from_millis((slow_ms * 10).max(10_000));
    let wanted = signature(target, &data, repo, slow_ms, limit);
    println!("{} bytes end as: {wanted}", data.len());
    if wanted.starts_with("clean") {
        eprintln!("this input does not fail; nothing to shrink");
        return ExitCode::from(2);
    }
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let mut chunk = data.len().div_ceil(2).max(1);
    while chunk >= 1 && Instant::now() < deadline {
        let mut start = 0;
        let mut shrunk = false;
        while start < data.len() && Instant::now() < deadline {
            let end = (start + chunk).min(data.len());
            let mut candidate = data[..start].to_vec();
            candidate.extend_from_slice(&data[end..]);
            if signature(target, &candidate, repo, slow_ms, limit) == wanted {
                data = candidate;
                shrunk = true;
            } else {
                start = end;
            }
        }
        if !shrunk {
            if chunk == 1 {
                break;
            }
            chunk /= 2;
        }
    }
    let out = input.with_extension("min");
    if let Err(e) = std::fs::write(&out, &data) {
        eprintln!("cannot write {}: {e}", out.display());
        return ExitCode::from(2);
    }
    println!("{} bytes in {}", data.len(), out.display());
    ExitCode::SUCCESS
}
