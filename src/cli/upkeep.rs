//! `phare status` and `phare diff`: translations against their sources.
//! Reports go to stdout; problems and hints to stderr. Exit codes: 0, 1
//! when `--fail-on` matches or the command cannot do its work, 2 for a
//! wrong command line (clap).

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use phare::BuildOptions;
use phare::upkeep::diff::{LineKind, SourceChanges};
use phare::upkeep::{State, Upkeep, report};

use super::args::{DiffArgs, FailOn, StatusArgs, StatusFormat};
use super::print::{Verbosity, print_diagnostics, shown};

fn load(site: &Path, config: Option<PathBuf>, drafts: bool, verbosity: Verbosity) -> Option<Upkeep> {
    let options = BuildOptions { site_dir: site.to_path_buf(), drafts, config_file: config, ..Default::default() };
    match phare::site::upkeep(&options) {
        Ok(upkeep) => {
            print_diagnostics(&upkeep.warnings, verbosity);
            Some(upkeep)
        }
        Err(problems) => {
            print_diagnostics(&problems, verbosity);
            eprintln!("The site has errors; fix them to see the status of its translations.");
            None
        }
    }
}

/// Where report paths start: the current folder, as the terminal shows it.
fn here() -> PathBuf {
    std::env::current_dir().and_then(std::fs::canonicalize).unwrap_or_default()
}

pub(super) fn status(args: StatusArgs, verbosity: Verbosity) -> ExitCode {
    let Some(upkeep) = load(&args.site, args.config.clone(), args.drafts, verbosity) else {
        return ExitCode::FAILURE;
    };
    if let Some(file) = &args.ack {
        return ack(&upkeep, file, verbosity);
    }
    let all = report::translation_languages(&upkeep);
    let langs: Vec<String> = if args.lang.is_empty() {
        all
    } else {
        for lang in &args.lang {
            if !upkeep.languages.contains(lang) {
                eprintln!("error: `{lang}` is not a language of this site ({})", upkeep.languages.join(", "));
                return ExitCode::FAILURE;
            }
        }
        args.lang.clone()
    };
    let text = match args.format {
        StatusFormat::Text => report::text(&upkeep, &langs, &here()),
        StatusFormat::Markdown => report::markdown(&upkeep, &langs, &here()),
        StatusFormat::Json => report::json(&upkeep, &langs, &here()),
    };
    let _ = writeln!(std::io::stdout().lock(), "{}", text.trim_end());
    let failing = upkeep.pairs.iter().filter(|p| langs.contains(&p.lang)).filter(|p| {
        args.fail_on.iter().any(|f| match f {
            FailOn::Missing => p.state == State::Missing,
            FailOn::Outdated => matches!(p.state, State::Outdated(_)),
            FailOn::Orphaned => p.state == State::Orphaned,
            FailOn::Unknown => matches!(p.state, State::Unknown { .. }),
        })
    });
    let count = failing.count();
    if count > 0 {
        if verbosity >= Verbosity::Normal {
            eprintln!("{count} article(s) in a state named by --fail-on.");
        }
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn ack(upkeep: &Upkeep, file: &Path, verbosity: Verbosity) -> ExitCode {
    let canonical = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let Some(value) = upkeep.ack_value(&canonical) else {
        eprintln!("error: {} is not a translation whose source Phare can read", shown(file));
        eprintln!("  hint: name a translated article (e.g. content/fr/…/page.md) whose source article exists");
        return ExitCode::FAILURE;
    };
    let bytes = match std::fs::read(&canonical) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", shown(file));
            return ExitCode::FAILURE;
        }
    };
    let updated = phare::upkeep::ack::set_translation_of(&bytes, &value);
    if updated == bytes {
        if !bytes.windows(value.len()).any(|w| w == value.as_bytes()) {
            eprintln!("error: the front matter of {} is not closed by a `---` line; nothing was written", shown(file));
            return ExitCode::FAILURE;
        }
    } else if let Err(e) = write_beside(&canonical, &updated) {
        eprintln!("error: cannot write {}: {e}", shown(file));
        return ExitCode::FAILURE;
    }
    if verbosity >= Verbosity::Normal {
        eprintln!("{}: translation_of: {value}", shown(file));
    }
    ExitCode::SUCCESS
}

/// Writes through a file in the same folder renamed over the original, so
/// an interrupted write never leaves half a file.
fn write_beside(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".phare-ack");
    let temporary = PathBuf::from(temporary);
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

pub(super) fn diff(args: DiffArgs, verbosity: Verbosity) -> ExitCode {
    let Some(upkeep) = load(&args.site, args.config.clone(), false, verbosity) else {
        return ExitCode::FAILURE;
    };
    let file = std::fs::canonicalize(&args.file).unwrap_or_else(|_| args.file.clone());
    let pairs: Vec<_> = upkeep
        .pairs
        .iter()
        .filter(|p| p.translation.as_deref() == Some(&file) || p.source.as_deref() == Some(&file))
        .filter(|p| p.translation.is_some() && p.source.is_some())
        .collect();
    if pairs.is_empty() {
        eprintln!("error: {} is not an article with a source and a translation", shown(&args.file));
        eprintln!("  hint: `phare status` lists the pairs");
        return ExitCode::FAILURE;
    }
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = std::io::stdout().lock();
    let mut unknown = false;
    for pair in pairs {
        let (Some(source), Some(translation)) = (&pair.source, &pair.translation) else { continue };
        let _ = writeln!(out, "{} → {} ({})", shown(source), shown(translation), pair.state.name().replace('_', " "));
        match phare::upkeep::diff::source_changes(&upkeep, translation) {
            SourceChanges::Unknown => {
                unknown = true;
                if let State::Unknown { reason, hint } = &pair.state {
                    let _ = writeln!(out, "  unknown: {reason}\n  hint: {hint}");
                } else {
                    let _ = writeln!(out, "  unknown: the history does not say what this translation was made from");
                }
            }
            SourceChanges::Sections(sections) if sections.is_empty() => {
                let _ = writeln!(out, "  The source has not changed since this translation.");
            }
            SourceChanges::Sections(sections) => {
                for section in sections {
                    let heading = if section.heading.is_empty() { "(introduction)" } else { &section.heading };
                    let what = match section.change {
                        phare::upkeep::SectionChange::Changed => "changed",
                        phare::upkeep::SectionChange::Added => "new",
                        phare::upkeep::SectionChange::Removed => "removed",
                    };
                    let title = format!("== {heading} ({what})");
                    let _ = writeln!(out, "\n{}", paint(&title, "1", colour));
                    for line in section.lines {
                        let (mark, code) = match line.kind {
                            LineKind::Same => (' ', ""),
                            LineKind::Added => ('+', "32"),
                            LineKind::Removed => ('-', "31"),
                        };
                        let _ = writeln!(out, "{}", paint(&format!("{mark} {}", line.text), code, colour));
                    }
                }
            }
        }
    }
    if unknown { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn paint(text: &str, code: &str, colour: bool) -> String {
    if colour && !code.is_empty() { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
}
