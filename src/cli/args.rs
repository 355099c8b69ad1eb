//! The command line: `phare build`, `phare check`, `phare serve` and their
//! options, as clap reads them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(name = "phare", version, about = "Builds bilingual (French/English) help centers from Markdown")]
pub(super) struct Cli {
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub(super) quiet: bool,
    /// Print more detail about what Phare does.
    #[arg(long, short, global = true)]
    pub(super) verbose: bool,
    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Subcommand, Debug)]
pub(super) enum Command {
    /// Build the site into a folder (default: public/).
    Build(BuildArgs),
    /// Build the site in memory and report every problem, without writing anything.
    Check(CheckArgs),
    /// Preview the site: serve both languages and rebuild when files change.
    Serve(ServeArgs),
    /// Run a search on a built site, as its search box would.
    Search(SearchArgs),
}

#[derive(Args, Debug)]
pub(super) struct SearchArgs {
    /// What to look for.
    pub(super) query: String,
    /// Language whose index to search (default: the site's default language).
    #[arg(long)]
    pub(super) lang: Option<String>,
    /// Built site to search (default: the site's output folder).
    #[arg(long, value_name = "DIR")]
    pub(super) output: Option<PathBuf>,
    /// Folder holding site.yaml (default: current folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(super) site: PathBuf,
    /// How many results to show.
    #[arg(long, default_value_t = 10)]
    pub(super) limit: usize,
    /// `text` for people, `json` for tools (with the files read and their sizes).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(super) format: Format,
}

#[derive(Args, Debug)]
pub(super) struct ServeArgs {
    /// Folder holding site.yaml and content/ (default: current folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(super) site: PathBuf,
    /// Settings file to use instead of the site folder's site.yaml.
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
    /// Port to listen on.
    #[arg(long, default_value_t = 8000)]
    pub(super) port: u16,
    /// Address to listen on; the default keeps the preview on this computer.
    #[arg(long, default_value = "127.0.0.1")]
    pub(super) bind: String,
    /// Open the site in the web browser.
    #[arg(long)]
    pub(super) open: bool,
    /// Show articles marked `draft: true`.
    #[arg(long)]
    pub(super) drafts: bool,
}

#[derive(Args, Debug)]
pub(super) struct CheckArgs {
    /// Folder holding site.yaml and content/ (default: current folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(super) site: PathBuf,
    /// Settings file to use instead of the site folder's site.yaml.
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
    /// Check articles marked `draft: true` too.
    #[arg(long)]
    pub(super) drafts: bool,
    /// Fail on warnings too.
    #[arg(long)]
    pub(super) strict: bool,
    /// `text` for people, `json` for tools.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(super) format: Format,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub(super) struct BuildArgs {
    /// Folder holding site.yaml and content/ (default: current folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(super) site: PathBuf,
    /// Where to write the site (default: `output` in site.yaml, else public/).
    #[arg(long, value_name = "DIR")]
    pub(super) output: Option<PathBuf>,
    /// Address the site is published at, for canonical links (overrides base_url).
    #[arg(long, value_name = "URL")]
    pub(super) base_url: Option<String>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub(super) drafts: bool,
    /// Settings file to use instead of the site folder's site.yaml.
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub(super) strict: bool,
}
