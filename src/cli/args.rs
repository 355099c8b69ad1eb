//! The command line: `phare build`, `phare check`, `phare serve` and their
//! options, as clap reads them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use super::print::ColorChoice;

#[derive(Parser, Debug)]
#[command(name = "phare", version = version(), about = "Builds bilingual (French/English) help centers from Markdown")]
pub(super) struct Cli {
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub(super) quiet: bool,
    /// Print more detail about what Phare does.
    #[arg(long, short, global = true)]
    pub(super) verbose: bool,
    /// Colour in messages: `auto` (on a terminal, unless NO_COLOR is set), `always` or `never`.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub(super) color: ColorChoice,
    #[command(subcommand)]
    pub(super) command: Command,
}

/// `0.1.0 (commit 1a2b3c4d5e)`, or the bare version outside a checkout.
fn version() -> &'static str {
    match env!("PHARE_COMMIT") {
        "" => env!("CARGO_PKG_VERSION"),
        commit => Box::leak(format!("{} (commit {commit})", env!("CARGO_PKG_VERSION")).into_boxed_str()),
    }
}

#[derive(Subcommand, Debug)]
pub(super) enum Command {
    /// Build the site into a folder (default: public/).
    Build(BuildArgs),
    /// Build the site in memory and report every problem, without writing anything.
    Check(CheckArgs),
    /// Preview the site: serve both languages and rebuild when files change.
    Serve(ServeArgs),
    /// Start a new bilingual help center in a folder.
    Init(InitArgs),
    /// Create a new article (and, with --translate, its counterpart to translate).
    New(NewArgs),
    /// Show which translations are up to date, outdated, missing or orphaned.
    Status(StatusArgs),
    /// Show what changed in a translation's source since it was translated.
    Diff(DiffArgs),
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
    #[arg(long, short, value_name = "DIR")]
    pub(super) output: Option<PathBuf>,
    /// Folder holding site.yaml (default: current folder).
    #[arg(long, short, value_name = "DIR", default_value = ".")]
    pub(super) site: PathBuf,
    /// How many results to show.
    #[arg(long, default_value_t = 10)]
    pub(super) limit: usize,
    /// `text` for people, `json` for tools (with the files read and their sizes).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(super) format: Format,
}

#[derive(Args, Debug)]
pub(super) struct InitArgs {
    /// Folder to create the help center in (default: current folder).
    #[arg(value_name = "DIR", default_value = ".")]
    pub(super) dir: PathBuf,
    /// Language codes, the default language first.
    #[arg(long, value_name = "CODES", value_delimiter = ',', default_value = "en,fr")]
    pub(super) languages: Vec<String>,
    /// Add the missing files to a folder that is not empty (never overwrites a file).
    #[arg(long)]
    pub(super) force: bool,
}

#[derive(Args, Debug)]
pub(super) struct NewArgs {
    /// The article to create, from the site folder: content/en/account/reset-password.md
    #[arg(value_name = "PATH")]
    pub(super) path: PathBuf,
    /// Its title (default: from the file name).
    #[arg(long)]
    pub(super) title: Option<String>,
    /// Also create its counterpart in this language, marked as a draft to translate.
    #[arg(long, value_name = "LANG")]
    pub(super) translate: Option<String>,
    /// Folder holding site.yaml and content/ (default: current folder).
    #[arg(long, short, value_name = "DIR", default_value = ".")]
    pub(super) site: PathBuf,
    /// Settings file to use instead of the site folder's site.yaml.
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub(super) struct ServeArgs {
    /// Folder holding site.yaml and content/ (default: current folder).
    #[arg(long, short, value_name = "DIR", default_value = ".")]
    pub(super) site: PathBuf,
    /// Settings file to use instead of the site folder's site.yaml.
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
    /// Port to listen on.
    #[arg(long, short, default_value_t = 8000)]
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
    #[arg(long, short, value_name = "DIR", default_value = ".")]
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
    #[arg(long, short, value_name = "DIR", default_value = ".")]
    pub(super) site: PathBuf,
    /// Where to write the site (default: `output` in site.yaml, else public/).
    #[arg(long, short, value_name = "DIR")]
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

#[derive(Args, Debug)]
pub(super) struct StatusArgs {
    /// Folder holding site.yaml and content/ (default: current folder).
    #[arg(long, short, value_name = "DIR", default_value = ".")]
    pub(super) site: PathBuf,
    /// Settings file to use instead of the site folder's site.yaml.
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
    /// Only this translation language (repeat or separate with commas).
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub(super) lang: Vec<String>,
    /// `text` for people, `markdown` for a pull-request comment or CI summary, `json` for tools.
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    pub(super) format: StatusFormat,
    /// Exit with 1 when an article is in one of these states.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STATES")]
    pub(super) fail_on: Vec<FailOn>,
    /// Record in FILE (a translation) that it matches its source as it is now.
    #[arg(long, value_name = "FILE")]
    pub(super) ack: Option<PathBuf>,
    /// Count articles marked `draft: true` too.
    #[arg(long)]
    pub(super) drafts: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum StatusFormat {
    Text,
    Json,
    Markdown,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FailOn {
    Missing,
    Outdated,
    Orphaned,
    Unknown,
}

#[derive(Args, Debug)]
pub(super) struct DiffArgs {
    /// A translation, or a source (each of its translations is shown).
    #[arg(value_name = "FILE")]
    pub(super) file: PathBuf,
    /// Folder holding site.yaml and content/ (default: current folder).
    #[arg(long, short, value_name = "DIR", default_value = ".")]
    pub(super) site: PathBuf,
    /// Settings file to use instead of the site folder's site.yaml.
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
}
