//! Phare: a static site generator for bilingual (French/English) help
//! centers. The pipeline is a chain of plain functions, one folder a stage:
//! `load` (settings, files, front matter) → `expand` (dialects into
//! components) → `markdown` → `body` (one article's HTML) → `site`
//! (resolve, pair, order: the immutable [`site::Site`]) → `render` (the
//! in-memory [`render::BuiltSite`]) → `output` (the atomic write); `check`
//! and `serve` reuse the same stages. A stage uses only earlier ones (and
//! `diagnostics`, `urls`), `markdown` counting as earlier than `expand`,
//! whose scanners use two of its text helpers; `scripts/import-graph`
//! checks it. The library
//! never prints; it returns results and [`Diagnostic`]s, and the binary
//! decides how people see them.

pub mod body;
mod check;
pub mod diagnostics;
pub mod expand;
pub mod load;
pub mod markdown;
mod output;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod upkeep;
pub mod urls;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use check::check;
pub use diagnostics::{Diagnostic, Severity};
pub use site::BuildOptions;

/// A build that could not complete: every problem found, errors and
/// warnings, in a stable order.
#[derive(Debug, thiserror::Error)]
#[error("the build stopped with {} error(s)", .diagnostics.iter().filter(|d| d.is_error()).count())]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug)]
pub struct BuildReport {
    pub output_dir: PathBuf,
    pub pages_per_language: BTreeMap<String, usize>,
    pub files_written: usize,
    pub warnings: Vec<Diagnostic>,
    /// Wall time of each stage, for `--verbose`.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Loads, renders in memory and writes the site atomically. With
/// `strict`, warnings fail the build too.
pub fn build(options: &BuildOptions, strict: bool) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let site = site::load(options).map_err(|diagnostics| BuildFailure { diagnostics })?;
    let loaded = started.elapsed();
    options.progress.start("rendering pages", 0);
    let built = render_loaded(&site);
    options.progress.finish();
    let mut built = built?;
    let rendered = started.elapsed() - loaded;
    let search_started = Instant::now();
    search::add_to(&site, &mut built);
    let indexed = search_started.elapsed();
    if strict && !site.warnings.is_empty() {
        return Err(BuildFailure { diagnostics: site.warnings });
    }
    let mut sources: Vec<PathBuf> = site.config.languages.iter().map(|l| l.content_root.clone()).collect();
    sources.push(site.config.site_dir.join("themes"));
    sources.push(site.config.site_dir.join("i18n"));
    let write_started = Instant::now();
    let report = output::write(&built, &site.config.output_dir, &site.config.site_dir, &sources, &options.progress)
        .map_err(|problem| {
            let mut diagnostics = site.warnings.clone();
            diagnostics.push(problem.or_code(site::codes::OUTPUT));
            BuildFailure { diagnostics }
        })?;
    Ok(BuildReport {
        output_dir: site.config.output_dir.clone(),
        pages_per_language: built.pages_per_language,
        files_written: report.files,
        warnings: site.warnings,
        timings: vec![
            ("read and parse", loaded),
            ("render", rendered),
            ("search index", indexed),
            ("write", write_started.elapsed()),
        ],
    })
}

/// Stages 1–7: the site and its rendered files, in memory.
pub fn render_site(options: &BuildOptions) -> Result<(site::Site, render::BuiltSite), BuildFailure> {
    let site = site::load(options).map_err(|diagnostics| BuildFailure { diagnostics })?;
    let mut built = render_loaded(&site)?;
    search::add_to(&site, &mut built);
    Ok((site, built))
}

fn render_loaded(site: &site::Site) -> Result<render::BuiltSite, BuildFailure> {
    match render::render(site) {
        Ok(built) => Ok(built),
        Err(problems) => {
            let mut problems: Vec<Diagnostic> =
                problems.into_iter().map(|d| d.or_code(site::codes::TEMPLATE)).collect();
            problems.extend(site.warnings.iter().cloned());
            let diagnostics = problems.into_iter().collect::<diagnostics::Diagnostics>().into_sorted();
            Err(BuildFailure { diagnostics })
        }
    }
}
