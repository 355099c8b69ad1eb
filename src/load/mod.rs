//! Stage 1, reading the disk. In: the site folder (or `--config FILE`) and
//! the content roots it names. Out: raw records — the `Config`
//! with its `ReadScope`, the `Discovered`
//! files, each article's `Parsed` front matter and body,
//! category metadata, GitBook `SUMMARY.md` order, the `Theme`
//! and the UI `Strings`. Every read of a site file goes
//! through the `ReadScope`. This stage never resolves addresses, renders,
//! or writes anything: later stages decide what the records mean.

pub(crate) mod categories;
pub(crate) mod config;
pub(crate) mod discover;
pub mod frontmatter;
pub(crate) mod gitbook_summary;
pub mod read_scope;
pub(crate) mod theme;
pub(crate) mod ui_strings;
