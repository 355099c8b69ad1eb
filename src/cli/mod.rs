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
mod progress;
mod summary;
mod upkeep;

use args::{BuildArgs, CheckArgs, Cli, Command, Format, InitArgs, NewArgs, SearchArgs, ServeArgs};
use print::{Sources, Verbosity, colored, folder_name, print_diagnostics, set_color, shown};

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    set_color(cli.color);
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    match cli.command {
        Command::Build(args) => build(args, verbosity),
        Command::Check(args) => check(args, verbosity),
        Command::Serve(args) => serve(args, verbosity),
        Command::Init(args) => init(args, verbosity),
        Command::New(args) => new(args, verbosity),
        Command::Status(args) => upkeep::status(args, verbosity),
        Command::Diff(args) => upkeep::diff(args, verbosity),
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

fn init(args: InitArgs, verbosity: Verbosity) -> ExitCode {
    let options = phare::scaffold::InitOptions { dir: args.dir.clone(), languages: args.languages, force: args.force };
    match phare::scaffold::init(&options) {
        Ok(written) => {
            if verbosity >= Verbosity::Normal {
                for file in &written {
                    eprintln!("created {}", shown(&args.dir.join(file)));
                }
                let site =
                    if shown(&args.dir) == "." { String::new() } else { format!(" --site {}", shown(&args.dir)) };
                eprintln!("A new help center is ready. Preview it with: phare serve{site}");
            }
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("error: {problem}");
            ExitCode::FAILURE
        }
    }
}

fn new(args: NewArgs, verbosity: Verbosity) -> ExitCode {
    let options = phare::scaffold::NewOptions {
        site: BuildOptions { site_dir: args.site.clone(), config_file: args.config, ..BuildOptions::default() },
        path: args.path,
        title: args.title,
        translate: args.translate,
    };
    match phare::scaffold::new_article(&options) {
        Ok(written) => {
            if verbosity >= Verbosity::Normal {
                for file in &written {
                    eprintln!("created {}", shown(&args.site.join(file)));
                }
            }
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("error: {problem}");
            ExitCode::FAILURE
        }
    }
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
    eprintln!(
        "Serving {} at {url} (built in {:.2} s). Press Ctrl+C to stop.",
        folder_name(&args.site),
        took.as_secs_f64()
    );
    let (bursts, changes) = std::sync::mpsc::channel();
    let inputs = std::sync::Arc::new(std::sync::Mutex::new(state.inputs()));
    let _watcher = match watch::watch(std::sync::Arc::clone(&inputs), std::time::Duration::from_millis(15), bursts) {
        Ok(watcher) => Some(watcher),
        Err(e) => {
            eprintln!(
                "warning: cannot watch {} for changes ({e}); reload by restarting `phare serve`",
                shown(&args.site)
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
        // The settings may now name other content folders or data files.
        if let Ok(mut current) = inputs.lock() {
            *current = state.inputs();
        }
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
        progress: progress::for_terminal(verbosity),
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
        Format::Text => {
            use std::io::IsTerminal as _;
            let color = colored(std::io::stdout().is_terminal());
            let mut sources = Sources::default();
            findings
                .iter()
                .filter(|finding| verbosity != Verbosity::Quiet || finding.is_error())
                .try_for_each(|finding| writeln!(stdout, "{}\n", print::render(finding, color, &mut sources)))
        }
    };
    if verbosity >= Verbosity::Normal {
        eprintln!("Checked {}: {}.", shown(&args.site), summary::by_kind(&findings));
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
        progress: progress::for_terminal(verbosity),
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
