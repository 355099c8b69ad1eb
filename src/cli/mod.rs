//! Command-line interface: parses arguments, runs the library, prints
//! diagnostics for people and chooses the exit code. The only module that
//! writes to the terminal; everything goes to stderr except requested data.
//! In: the command line. Out: text on the terminal and an exit code (0 when
//! the command succeeded, 1 when the site has errors, 2 when the command
//! line is wrong). It holds no build logic: it only calls the library.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use phare::{BuildFailure, BuildOptions, Diagnostic};

mod args;
mod print;

use args::{BuildArgs, CheckArgs, Cli, Command, Format, SearchArgs, ServeArgs};
use print::{Verbosity, print_diagnostics, shown};

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    match cli.command {
        Command::Build(args) => build(args, verbosity),
        Command::Check(args) => check(args, verbosity),
        Command::Serve(args) => serve(args, verbosity),
        Command::Search(args) => search(args),
    }
}

fn search(args: SearchArgs) -> ExitCode {
    let answer =
        phare::search::query_output(&args.site, args.output.as_deref(), args.lang.as_deref(), &args.query, args.limit);
    let answer = match answer {
        Ok(answer) => answer,
        Err(problem) => {
            eprintln!("error: {problem}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout().lock();
    let _ = match args.format {
        Format::Json => writeln!(stdout, "{}", serde_json::to_string_pretty(&answer).unwrap_or_default()),
        Format::Text => {
            let mut text = format!("{} result(s)\n", answer.total);
            for hit in &answer.results {
                let anchor = hit.anchor.as_deref().map(|a| format!("#{a}")).unwrap_or_default();
                let category = hit.category.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
                text.push_str(&format!("\n{}{category}\n  /{}{anchor}\n  {}\n", hit.title, hit.path, hit.excerpt));
            }
            write!(stdout, "{text}")
        }
    };
    ExitCode::SUCCESS
}

fn serve(args: ServeArgs, verbosity: Verbosity) -> ExitCode {
    use phare::serve::{self, watch};
    let options = BuildOptions {
        site_dir: args.site.clone(),
        drafts: args.drafts,
        config_file: args.config.clone(),
        ..BuildOptions::default()
    };
    let server = match serve::bind(&args.bind, args.port) {
        Ok(server) => std::sync::Arc::new(server.on_notice(|notice| eprintln!("warning: {notice}"))),
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let address =
        serve::local_address(&server).map_or_else(|| format!("{}:{}", args.bind, args.port), |a| a.to_string());
    if !matches!(args.bind.as_str(), "127.0.0.1" | "localhost" | "::1") {
        eprintln!("warning: listening on {}, so other computers on the network can see this preview", args.bind);
    }
    let state = serve::State::new(options.clone());
    let (problems, took) = state.rebuild();
    print_diagnostics(&problems, verbosity);
    let url = format!("http://{address}/");
    eprintln!("Serving {} at {url} (built in {:.2} s). Press Ctrl+C to stop.", shown(&args.site), took.as_secs_f64());
    let site_dir = std::fs::canonicalize(&args.site).unwrap_or(args.site.clone());
    let output_dir = site_dir.join("public");
    let (bursts, changes) = std::sync::mpsc::channel();
    let roots = state.content_roots();
    let _watcher = match watch::watch_all(&site_dir, &roots, &output_dir, std::time::Duration::from_millis(15), bursts)
    {
        Ok(watcher) => Some(watcher),
        Err(e) => {
            eprintln!(
                "warning: cannot watch {} for changes ({e}); reload by restarting `phare serve`",
                shown(&site_dir)
            );
            None
        }
    };
    serve::run(std::sync::Arc::clone(&server), std::sync::Arc::clone(&state), 4);
    if args.open {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else if cfg!(windows) {
            "explorer"
        } else {
            "xdg-open"
        };
        let _ = std::process::Command::new(opener).arg(&url).spawn();
    }
    while let Ok(burst) = changes.recv() {
        let everything = burst.iter().any(|(_, change)| *change == watch::Change::Everything);
        let paths: Vec<PathBuf> = burst.iter().map(|(p, _)| p.clone()).collect();
        let (problems, took, fast) = if everything {
            let (problems, took) = state.rebuild();
            (problems, took, false)
        } else {
            state.update(&paths)
        };
        let errors = problems.iter().filter(|d| d.is_error()).count();
        print_diagnostics(&problems, verbosity);
        if verbosity >= Verbosity::Normal {
            let what = burst.first().map(|(p, _)| shown(p)).unwrap_or_default();
            let how = if fast { "Updated" } else { "Rebuilt" };
            match errors {
                0 => eprintln!("{how} after a change to {what} in {:.0} ms", took.as_secs_f64() * 1000.0),
                n => eprintln!(
                    "Rebuild failed with {n} error(s); the previous version is still served, with the problems shown on every page"
                ),
            }
        }
    }
    ExitCode::SUCCESS
}

fn check(args: CheckArgs, verbosity: Verbosity) -> ExitCode {
    let options = BuildOptions {
        site_dir: args.site.clone(),
        drafts: args.drafts,
        config_file: args.config.clone(),
        ..BuildOptions::default()
    };
    let findings = phare::check(&options);
    let errors = findings.iter().filter(|d| d.is_error()).count();
    let warnings = findings.len() - errors;
    // A reader that stops early (`| head`) is not an error worth a crash:
    // writing simply stops.
    let mut stdout = std::io::stdout().lock();
    let _ = match args.format {
        Format::Json => {
            let shown: Vec<Diagnostic> =
                findings.iter().map(|d| Diagnostic { file: PathBuf::from(shown(&d.file)), ..d.clone() }).collect();
            writeln!(stdout, "{}", serde_json::to_string_pretty(&shown).unwrap_or_else(|_| "[]".to_string()))
        }
        Format::Text => findings
            .iter()
            .filter(|finding| verbosity != Verbosity::Quiet || finding.is_error())
            .try_for_each(|finding| {
                writeln!(stdout, "{}", Diagnostic { file: PathBuf::from(shown(&finding.file)), ..finding.clone() })
            }),
    };
    if verbosity >= Verbosity::Normal {
        eprintln!("Checked {}: {errors} error(s), {warnings} warning(s).", shown(&args.site));
    }
    if errors > 0 || (args.strict && warnings > 0) { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn build(args: BuildArgs, verbosity: Verbosity) -> ExitCode {
    let started = Instant::now();
    let options = BuildOptions {
        site_dir: args.site.clone(),
        output_dir: args.output.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        config_file: args.config.clone(),
        check: false,
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
