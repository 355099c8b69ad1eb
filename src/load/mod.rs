//! Stage 1, reading the disk. In: the site folder (or `--config FILE`) and
//! the content roots it names. Out: raw records — the [`Config`](config::Config)
//! with its [`ReadScope`](read_scope::ReadScope), the [`Discovered`](discover::Discovered)
//! files, each article's [`Parsed`](frontmatter::Parsed) front matter and body,
//! category metadata, GitBook `SUMMARY.md` order, the [`Theme`](theme::Theme)
//! and the UI [`Strings`](ui_strings::Strings). Every read of a site file goes
//! through the `ReadScope`. This stage never resolves addresses, renders,
//! or writes anything: later stages decide what the records mean.

pub mod categories;
pub mod config;
pub mod discover;
pub mod frontmatter;
pub mod gitbook_summary;
pub mod read_scope;
pub mod theme;
pub mod ui_strings;
