//! Runs each target's worker as a child process under a memory limit and
//! a watchdog. A child that dies (stack overflow, abort, out of memory)
//! leaves its current input, which is saved as a crash; a child that
//! stops answering is killed and its input saved as a hang. The child is
//! then started again, without replaying the seeds, until the target's
//! time is up.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::targets::Target;
use crate::worker::{current_input_file, shape, structure};

pub struct RunOptions {
    pub targets: Vec<Target>,
    pub seconds: f64,
    pub runs: Option<u64>,
    pub seed: u64,
    pub out: PathBuf,
    pub slow: Duration,
    pub hang: Duration,
    pub max_len: usize,
    pub jobs: usize,
    pub memory_mb: u64,
    pub repo: PathBuf,
    pub corpora: Option<PathBuf>,
}

#[derive(Default)]
pub struct TargetReport {
    pub execs: u64,
    pub seconds: f64,
    pub restarts: u32,
    /// (kind, saved input, what happened)
    pub findings: Vec<(String, PathBuf, String)>,
    /// (time, size, saved input)
    pub slowest: Option<(Duration, usize, PathBuf)>,
}

/// A child gets this long to load the site and its seeds.
const STARTUP_LIMIT: Duration = Duration::from_secs(120);
const MAX_RESTARTS: u32 = 200;
/// How long past its budget a worker may finish the input it is running.
const DEADLINE_GRACE: Duration = Duration::from_secs(2);

pub fn run(options: &RunOptions) -> Vec<(Target, TargetReport)> {
    let rounds = options.targets.len().div_ceil(options.jobs.max(1)).max(1);
    let per_target = options.seconds / rounds as f64;
    let queue = Mutex::new(options.targets.clone().into_iter());
    let reports = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().expect("not poisoned").next();
                    let Some(target) = next else { break };
                    let report = supervise(target, per_target, options);
                    reports.lock().expect("not poisoned").push((target, report));
                }
            });
        }
    });
    let mut reports = reports.into_inner().expect("not poisoned");
    reports.sort_by_key(|(target, _)| options.targets.iter().position(|t| t == target));
    reports
}

enum Line {
    Said(String),
    Closed,
}

fn supervise(target: Target, seconds: f64, options: &RunOptions) -> TargetReport {
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    let mut report = TargetReport::default();
    let mut crash_shapes: Vec<(String, usize)> = Vec::new();
    let mut attempt = 0u32;
    loop {
        let remaining = deadline.saturating_duration_since(Instant::now());
        let runs_left = options.runs.map(|runs| runs.saturating_sub(report.execs));
        if remaining < Duration::from_millis(500) || runs_left == Some(0) || attempt > MAX_RESTARTS {
            break;
        }
        let child_seed = options.seed.wrapping_add(u64::from(attempt).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let slowest = report.slowest.as_ref().map(|(time, ..)| *time);
        let mut child = match spawn(target, remaining, runs_left, child_seed, attempt == 0, slowest, options) {
            Ok(child) => child,
            Err(e) => {
                eprintln!("fuzz {}: cannot start the worker: {e}", target.name());
                report.findings.push(("start".into(), PathBuf::new(), e.to_string()));
                break;
            }
        };
        let pid = child.id();
        let stderr_tail = collect_stderr(&mut child);
        let lines = read_lines(&mut child);
        let mut ready = false;
        let mut child_execs = 0;
        let mut finished = false;
        let mut out_of_time = false;
        let ended_by_us = loop {
            let limit = if ready { options.hang } else { STARTUP_LIMIT };
            let stop = deadline + DEADLINE_GRACE;
            let wait = limit.min(stop.saturating_duration_since(Instant::now()));
            match lines.recv_timeout(wait) {
                Ok(Line::Said(line)) => {
                    let (word, rest) = line.split_once(' ').unwrap_or((&line, ""));
                    match word {
                        "ready" => ready = true,
                        "progress" => child_execs = first_number(rest),
                        "done" => {
                            child_execs = first_number(rest);
                            finished = true;
                        }
                        "slowest" => note_slowest(&mut report, rest),
                        "finding" => note_finding(target, &mut report, rest),
                        _ => eprintln!("fuzz {}: {line}", target.name()),
                    }
                }
                Ok(Line::Closed) => break false,
                Err(RecvTimeoutError::Timeout) => {
                    let _ = child.kill();
                    // Past the budget, a long input is cut short, not judged.
                    out_of_time = Instant::now() >= deadline + DEADLINE_GRACE;
                    break !out_of_time;
                }
                Err(RecvTimeoutError::Disconnected) => break false,
            }
        };
        let status = child.wait();
        report.execs += child_execs;
        let current = current_input_file(&options.out, target, pid);
        let died = !ended_by_us && !finished && !out_of_time && status.as_ref().map_or(true, |s| !s.success());
        if ended_by_us || died {
            let (kind, why) = if ended_by_us {
                let phase = if ready { "running one input" } else { "starting" };
                (
                    "hang",
                    format!(
                        "no answer for {} s while {phase}",
                        (if ready { options.hang } else { STARTUP_LIMIT }).as_secs()
                    ),
                )
            } else {
                let tail = stderr_tail.join().unwrap_or_default();
                let status = status.map(|s| s.to_string()).unwrap_or_default();
                ("crash", format!("{} ({status})", first_meaningful_line(&tail)))
            };
            save_dead_input(target, kind, &why, &current, options, &mut crash_shapes, &mut report);
            if !ready && kind == "hang" || (!ready && kind == "crash" && current_is_empty(&current)) {
                // The worker cannot even start: restarting will not help.
                let _ = std::fs::remove_file(&current);
                break;
            }
        }
        let _ = std::fs::remove_file(&current);
        let _ = std::fs::remove_file(current.with_extension("recipe"));
        if finished || out_of_time {
            break;
        }
        attempt += 1;
        report.restarts = attempt;
    }
    report.seconds = started.elapsed().as_secs_f64();
    report
}

fn spawn(
    target: Target,
    remaining: Duration,
    runs: Option<u64>,
    seed: u64,
    replay_seeds: bool,
    slowest: Option<Duration>,
    options: &RunOptions,
) -> std::io::Result<Child> {
    let exe = std::env::current_exe()?;
    let mut command = Command::new("sh");
    // The limit is set by the shell so the worker needs no unsafe code.
    command
        .arg("-c")
        .arg(format!("ulimit -v {} && exec \"$0\" \"$@\"", options.memory_mb * 1024))
        .arg(exe)
        .arg("worker")
        .arg(target.name())
        .args(["--seconds", &format!("{:.3}", remaining.as_secs_f64())])
        .args(["--seed", &seed.to_string()])
        .args(["--slow-ms", &options.slow.as_millis().to_string()])
        .args(["--max-len", &options.max_len.to_string()])
        .arg("--out")
        .arg(&options.out)
        .arg("--repo")
        .arg(&options.repo);
    if let Some(runs) = runs {
        command.args(["--runs", &runs.to_string()]);
    }
    if let Some(corpora) = &options.corpora {
        command.arg("--corpora").arg(corpora);
    }
    if !replay_seeds {
        command.arg("--no-seed-replay");
    }
    if let Some(slowest) = slowest {
        command.args(["--slowest-us", &slowest.as_micros().to_string()]);
    }
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()
}

fn read_lines(child: &mut Child) -> mpsc::Receiver<Line> {
    let (send, receive) = mpsc::channel();
    let stdout = child.stdout.take().expect("piped");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if send.send(Line::Said(line)).is_err() {
                return;
            }
        }
        let _ = send.send(Line::Closed);
    });
    receive
}

/// The last few kilobytes the child writes on its standard error, once it
/// has exited.
fn collect_stderr(child: &mut Child) -> std::thread::JoinHandle<String> {
    let mut stderr = child.stderr.take().expect("piped");
    std::thread::spawn(move || {
        let mut tail = String::new();
        let mut buffer = [0u8; 4096];
        while let Ok(n) = stderr.read(&mut buffer) {
            if n == 0 {
                break;
            }
            tail.push_str(&String::from_utf8_lossy(&buffer[..n]));
            if tail.len() > 8192 {
                let cut = tail.len() - 4096;
                let cut = (cut..tail.len()).find(|&i| tail.is_char_boundary(i)).unwrap_or(0);
                tail.drain(..cut);
            }
        }
        tail
    })
}

fn first_meaningful_line(stderr: &str) -> String {
    stderr
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with("note:"))
        .unwrap_or("the worker died without a message")
        .to_string()
}

fn current_is_empty(current: &Path) -> bool {
    std::fs::metadata(current).map_or(true, |m| m.len() == 0)
}

fn first_number(text: &str) -> u64 {
    text.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0)
}

fn note_slowest(report: &mut TargetReport, rest: &str) {
    let mut parts = rest.splitn(3, ' ');
    let micros: u64 = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let len: usize = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let file = PathBuf::from(parts.next().unwrap_or(""));
    let time = Duration::from_micros(micros);
    if report.slowest.as_ref().is_none_or(|(t, ..)| time > *t) {
        report.slowest = Some((time, len, file));
    }
}

fn note_finding(target: Target, report: &mut TargetReport, rest: &str) {
    let mut parts = rest.splitn(3, ' ');
    let kind = parts.next().unwrap_or("?").to_string();
    let file = PathBuf::from(parts.next().unwrap_or(""));
    let why = parts.next().unwrap_or("").to_string();
    eprintln!("fuzz {}: {kind}: {why}\n  input: {}", target.name(), file.display());
    report.findings.push((kind, file, why));
}

/// Keeps the input a dead or hung child was running, the smallest one per
/// kind of death.
fn save_dead_input(
    target: Target,
    kind: &str,
    why: &str,
    current: &Path,
    options: &RunOptions,
    shapes: &mut Vec<(String, usize)>,
    report: &mut TargetReport,
) {
    let data = std::fs::read(current).unwrap_or_default();
    let story = std::fs::read_to_string(current.with_extension("recipe")).unwrap_or_default();
    let recipe: Vec<String> = story
        .split_once("made by: ")
        .map(|(_, steps)| steps.split("\n  then ").map(|s| s.trim().to_string()).collect())
        .unwrap_or_default();
    // A crash is known by its message; a hang by how its input was made.
    let key = if kind == "hang" { format!("hang {}", structure(&recipe)) } else { format!("{kind} {}", shape(why)) };
    let name = format!("{kind}-{}-{:016x}.input", target.name(), crate::stable_hash(key.as_bytes()));
    let file = options.out.join(name);
    match shapes.iter_mut().find(|(k, _)| *k == key) {
        Some((_, saved)) if *saved <= data.len() => return,
        Some((_, saved)) => *saved = data.len(),
        None => {
            shapes.push((key, data.len()));
            eprintln!("fuzz {}: {kind}: {why}\n  input: {}", target.name(), file.display());
            report.findings.push((kind.to_string(), file.clone(), why.to_string()));
        }
    }
    let _ = std::fs::write(&file, &data);
    let _ = std::fs::write(file.with_extension("txt"), format!("{why}\nsize: {} bytes\n{story}", data.len()));
}
