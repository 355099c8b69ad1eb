//! `phare-fuzz`: a mutation fuzzer for Phare's untrusted inputs, on stable
//! Rust with no tool outside Cargo. See `fuzz/README.md`.

mod dictionary;
mod minimize;
mod mutate;
mod seeds;
mod supervisor;
mod targets;
mod worker;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use targets::Target;

#[derive(Parser)]
#[command(name = "phare-fuzz", about = "Fuzzes front matter, the dialect scanners, Markdown rendering and path guards")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct Common {
    /// Where crashing, hanging and slow inputs are saved.
    #[arg(long, default_value = "fuzz/findings")]
    out: PathBuf,
    /// The repository: seeds in fuzz/seeds, the bundled site and content/.
    #[arg(long, default_value = ".")]
    repo: PathBuf,
    /// An input that takes longer than this (and is at most 1 MiB) is a finding.
    #[arg(long, default_value_t = 1000)]
    slow_ms: u64,
    /// Largest input made by mutation, in bytes.
    #[arg(long, default_value_t = 1 << 20)]
    max_len: usize,
}

#[derive(Subcommand)]
enum Command {
    /// Fuzzes the targets and exits non-zero on any finding.
    Run {
        /// Targets to fuzz (default: all).
        #[arg(value_enum)]
        targets: Vec<Target>,
        /// Wall-clock budget of the whole run, shared by the targets.
        #[arg(long, default_value_t = 60.0)]
        seconds: f64,
        /// Stop each target after this many inputs (with --seed, a replayable run).
        #[arg(long)]
        runs: Option<u64>,
        /// Seed of the mutations; the same seed and corpus give the same inputs.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Targets fuzzed at the same time.
        #[arg(long, default_value_t = 1)]
        jobs: usize,
        /// A worker silent for this long is killed and its input saved as a hang.
        #[arg(long, default_value_t = 10_000)]
        hang_ms: u64,
        /// Memory limit of each worker (virtual), in MiB.
        #[arg(long, default_value_t = 4096)]
        memory_mb: u64,
        /// Real help centers to add to the seeds, when the folder exists.
        #[arg(long, default_value = "../shared/corpora")]
        corpora: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// Runs one saved input and says how it ends (a crash ends this process).
    Reproduce {
        #[arg(value_enum)]
        target: Target,
        input: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// Shrinks a saved input while it still ends the same way; writes INPUT.min.
    Minimize {
        #[arg(value_enum)]
        target: Target,
        input: PathBuf,
        #[arg(long, default_value_t = 60.0)]
        seconds: f64,
        #[command(flatten)]
        common: Common,
    },
    #[command(hide = true)]
    Worker {
        #[arg(value_enum)]
        target: Target,
        #[arg(long)]
        seconds: f64,
        #[arg(long)]
        runs: Option<u64>,
        #[arg(long)]
        seed: u64,
        #[arg(long)]
        corpora: Option<PathBuf>,
        #[arg(long)]
        no_seed_replay: bool,
        #[arg(long)]
        slowest_us: Option<u64>,
        #[command(flatten)]
        common: Common,
    },
}

/// FNV-1a: names of saved inputs must not change between runs or builds.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Run { targets, seconds, runs, seed, jobs, hang_ms, memory_mb, corpora, common } => {
            if let Err(e) = std::fs::create_dir_all(&common.out) {
                eprintln!("cannot create {}: {e}", common.out.display());
                return ExitCode::from(2);
            }
            let options = supervisor::RunOptions {
                targets: if targets.is_empty() { Target::ALL.to_vec() } else { targets },
                seconds,
                runs,
                seed,
                out: common.out,
                slow: Duration::from_millis(common.slow_ms),
                hang: Duration::from_millis(hang_ms),
                max_len: common.max_len,
                jobs,
                memory_mb,
                repo: common.repo,
                corpora: corpora.is_dir().then_some(corpora),
            };
            let reports = supervisor::run(&options);
            let findings: usize = reports.iter().map(|(_, r)| r.findings.len()).sum();
            print_summary(&reports, &options);
            if findings == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
        }
        Command::Reproduce { target, input, common } => {
            minimize::reproduce(target, &input, &common.repo, common.slow_ms)
        }
        Command::Minimize { target, input, seconds, common } => {
            minimize::minimize(target, &input, &common.repo, common.slow_ms, seconds)
        }
        Command::Worker { target, seconds, runs, seed, corpora, no_seed_replay, slowest_us, common } => {
            let options = worker::WorkerOptions {
                target,
                seed,
                seconds,
                runs,
                out: common.out,
                slow: Duration::from_millis(common.slow_ms),
                max_len: common.max_len,
                replay_seeds: !no_seed_replay,
                slowest: slowest_us.map(Duration::from_micros),
                repo: common.repo,
                corpora,
            };
            ExitCode::from(worker::main(options) as u8)
        }
    }
}

fn print_summary(reports: &[(Target, supervisor::TargetReport)], options: &supervisor::RunOptions) {
    println!("\n{:<12} {:>10} {:>9} {:>9} {:>8}  slowest input", "target", "inputs", "per s", "restarts", "findings");
    for (target, report) in reports {
        let slowest = report.slowest.as_ref().map_or("-".to_string(), |(time, len, file)| {
            format!("{:.3} s for {len} bytes ({})", time.as_secs_f64(), file.display())
        });
        println!(
            "{:<12} {:>10} {:>9.0} {:>9} {:>8}  {slowest}",
            target.name(),
            report.execs,
            report.execs as f64 / report.seconds.max(0.001),
            report.restarts,
            report.findings.len()
        );
    }
    let findings: Vec<_> = reports.iter().flat_map(|(t, r)| r.findings.iter().map(move |f| (t, f))).collect();
    if findings.is_empty() {
        println!("no findings (seed {}, {} s)", options.seed, options.seconds);
        return;
    }
    println!("\n{} finding(s), inputs in {}:", findings.len(), options.out.display());
    for (target, (kind, file, why)) in findings {
        println!("  {} {kind}: {why}\n    {}", target.name(), file.display());
    }
}
