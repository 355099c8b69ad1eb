//! Command-line interface: parses arguments, runs the library, prints
//! diagnostics for people and chooses the exit code. The only module that
//! writes to the terminal; everything goes to stderr except requested data.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use phare::{BuildFailure, BuildOptions, Diagnostic, Severity};

#[derive(Parser, Debug)]
#[command(name = "phare", version, about = "Builds bilingual (French/English) help centers from Markdown")]
pub struct Cli {
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more detail about what Phare does.
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the site into a folder (default: public/).
    Build(BuildArgs),
}

#[derive(Args, Debug)]
struct BuildArgs {
    /// Folder holding site.yaml and content/ (default: current folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    site: PathBuf,
    /// Where to write the site (default: `output` in site.yaml, else public/).
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Address the site is published at, for canonical links (overrides base_url).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Settings file to use instead of the site folder's site.yaml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    match cli.command {
        Command::Build(args) => build(args, verbosity),
    }
}

fn build(args: BuildArgs, verbosity: Verbosity) -> ExitCode {
    let started = Instant::now();
    let options = BuildOptions {
        site_dir: args.site.clone(),
        output_dir: args.output.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        config_file: args.config.clone(),
    };
    if verbosity == Verbosity::Verbose {
        eprintln!("Building the site in {}", shown(&args.site));
    }
    match phare::build(&options, args.strict) {
        Ok(report) => {
            print_diagnostics(&report.warnings, verbosity);
            if verbosity >= Verbosity::Normal {
                let per_language: Vec<String> =
                    report.pages_per_language.iter().map(|(lang, n)| format!("{lang} {n}")).collect();
                let total: usize = report.pages_per_language.values().sum();
                eprintln!(
                    "Built {total} pages ({}) in {:.2} s{} → {}",
                    per_language.join(", "),
                    started.elapsed().as_secs_f64(),
                    match report.warnings.len() {
                        0 => String::new(),
                        1 => ", 1 warning".to_string(),
                        n => format!(", {n} warnings"),
                    },
                    shown(&report.output_dir),
                );
            }
            if verbosity == Verbosity::Verbose {
                eprintln!("{} files written in total (pages, theme files and article images)", report.files_written);
                for (stage, time) in &report.timings {
                    eprintln!("  {stage:<16} {:>8.3} s", time.as_secs_f64());
                }
            }
            ExitCode::SUCCESS
        }
        Err(BuildFailure { diagnostics }) => {
            print_diagnostics(&diagnostics, verbosity);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = diagnostics.len() - errors;
            let what = if errors == 0 {
                format!("{warnings} warning(s), treated as errors because of --strict")
            } else {
                format!("{errors} error(s)")
            };
            eprintln!("Build failed: {what}. The previous output, if any, was left untouched.");
            ExitCode::FAILURE
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic], verbosity: Verbosity) {
    for diagnostic in diagnostics {
        if verbosity == Verbosity::Quiet && diagnostic.severity == Severity::Warning {
            continue;
        }
        let mut shown_diagnostic = diagnostic.clone();
        shown_diagnostic.file = PathBuf::from(shown(&diagnostic.file));
        eprintln!("{shown_diagnostic}");
    }
}

/// Paths relative to the current folder read best in a terminal.
fn shown(path: &Path) -> String {
    let current = std::env::current_dir().unwrap_or_default();
    let relative = path.strip_prefix(&current).unwrap_or(path);
    let text = relative.display().to_string();
    let text = text.strip_prefix("./").unwrap_or(&text).to_string();
    if text.is_empty() { ".".to_string() } else { text }
}
