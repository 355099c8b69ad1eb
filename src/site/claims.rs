//! Who writes which output file. Every file a build writes is claimed once,
//! with who asked for it: Phare's own pages and files, theme files, pages,
//! category pages, stand-ins, old addresses and copied files. A second claim
//! on a file, on a name that macOS or Windows sees as the same file (upper
//! and lower case, composed and decomposed accents), or on a folder where a
//! file is (or the reverse) is an error at the author's file and line that
//! names what is already there. Every claim is also checked to stay inside
//! the output folder, so a bug upstream is still reported, not written.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use super::shown;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::config::Config;
use crate::load::theme::Theme;
use crate::urls;

mod sources;

pub(crate) use sources::claim_sources;

/// Where an author chose an output path, and how to talk about it there.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    pub(crate) file: PathBuf,
    pub(crate) line: usize,
    /// How a message at this place calls what is written: `this page`.
    pub(crate) subject: String,
    /// What to change, in plain words.
    pub(crate) hint: String,
}

#[derive(Debug, Clone)]
struct Claim {
    /// The file as it will be written.
    file: String,
    /// The address people know it by (`en/a/` for `en/a/index.html`).
    address: String,
    /// How a message elsewhere names it: `the page of content/en/a.md`.
    name: String,
    /// `None` for Phare's own files.
    place: Option<Place>,
    /// A language home Phare writes, until that language's home source claims it.
    home_of: Option<String>,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Page,
    Redirect,
    File,
}

pub(crate) struct Claims<'a> {
    config: &'a Config,
    claims: Vec<Claim>,
    /// Folded file → claim.
    files: HashMap<String, usize>,
    /// Folded folder → first claim that needs it.
    folders: HashMap<String, usize>,
    /// Folded folders only Phare writes into (a search index, whose file
    /// names are known once it is built) → the claim that owns them.
    reserved: HashMap<String, usize>,
}

/// Marks a folder as Phare's to replace (`output.rs` writes it). Without it,
/// an existing non-empty folder is refused: `--output ~/Documents` must never
/// wipe documents. Defined here, where Phare's own files are claimed.
pub(crate) const OUTPUT_MARKER: &str = ".phare-output";

/// Phare's own files at the root of the output.
const OWN_FILES: &[(&str, &str)] = &[
    ("404.html", "the page-not-found page"),
    ("sitemap.xml", "the sitemap for search engines"),
    ("robots.txt", "the robots.txt file for search engines"),
    ("_redirects", "the redirect rules for Netlify and Cloudflare Pages (_redirects)"),
    ("nginx.conf", "the redirect rules for nginx (nginx.conf)"),
    (OUTPUT_MARKER, "the file by which Phare recognises its output folder"),
];

impl<'a> Claims<'a> {
    /// Phare's own files and the theme's static files, already claimed.
    pub(crate) fn new(config: &'a Config, theme: &Theme, problems: &mut Diagnostics) -> Claims<'a> {
        let mut claims = Claims {
            config,
            claims: Vec::new(),
            files: HashMap::new(),
            folders: HashMap::new(),
            reserved: HashMap::new(),
        };
        claims.add_page("", "the page that lets readers choose a language".into(), None, problems);
        for (file, name) in OWN_FILES {
            claims.add(file.to_string(), name.to_string(), None, problems);
        }
        for language in &config.languages {
            let code = &language.code;
            let home = format!("{code}/");
            let index = claims.add_page(&home, format!("the `{code}` home page"), None, problems);
            if let Some(index) = index {
                claims.claims[index].home_of = Some(code.clone());
            }
            claims.add(format!("{code}/404.html"), format!("the `{code}` page-not-found page"), None, problems);
            if config.search {
                claims.claim_search(code, problems);
            }
        }
        for (file, source) in &theme.static_files {
            let place = match source {
                crate::load::theme::ThemeFile::OnDisk(path) => Some(Place {
                    file: path.clone(),
                    line: 0,
                    subject: "this theme file".into(),
                    hint: "rename or remove this theme file".into(),
                }),
                crate::load::theme::ThemeFile::Embedded(_) => None,
            };
            claims.add(file.clone(), format!("the theme file {file}"), place, problems);
        }
        claims
    }

    /// A language's search results page, and its index folder: `meta.json`
    /// and the chunk files named by their content, claimed as a whole.
    fn claim_search(&mut self, code: &str, problems: &mut Diagnostics) {
        let results = urls::search_results_path(code);
        self.add_page(&results, format!("the `{code}` search results page"), None, problems);
        let folder = urls::search_index_folder(code);
        let name = format!("the `{code}` search index (/{folder}/)");
        if let Some(index) = self.add(format!("{folder}/meta.json"), name, None, problems) {
            self.reserved.insert(fold(&folder), index);
        }
    }

    /// A page at site path `address` (`en/a/`, `old/page.html`).
    pub(crate) fn add_page(
        &mut self,
        address: &str,
        name: String,
        place: Option<Place>,
        problems: &mut Diagnostics,
    ) -> Option<usize> {
        let file = urls::output_file(address);
        let claim = Claim { file, address: address.to_string(), name, place, home_of: None, kind: Kind::Page };
        self.insert(claim, problems)
    }

    /// A language's home written from a source (`content/en/_index.md`):
    /// it takes over the home Phare would write, once.
    pub(crate) fn add_home(&mut self, lang: &str, place: Place, problems: &mut Diagnostics) {
        let address = format!("{lang}/");
        let folded = fold(&urls::output_file(&address));
        if let Some(&index) = self.files.get(&folded)
            && self.claims[index].home_of.as_deref() == Some(lang)
        {
            let claim = &mut self.claims[index];
            claim.home_of = None;
            claim.name = format!("the `{lang}` home page written from {}", shown(&self.config.site_dir, &place.file));
            claim.place = Some(place);
            return;
        }
        let name = format!("the `{lang}` home page written from {}", shown(&self.config.site_dir, &place.file));
        self.add_page(&address, name, Some(place), problems);
    }

    /// Whether a page at `address` could be claimed now without a conflict:
    /// where a stand-in may go.
    pub(crate) fn is_free(&self, address: &str) -> bool {
        let file = urls::output_file(address);
        let folded = fold(&file);
        let folders_free = file.match_indices('/').all(|(at, _)| {
            let folder = fold(&file[..at]);
            !self.files.contains_key(&folder) && !is_sitemap_part(&folder) && !self.reserved.contains_key(&folder)
        });
        urls::is_contained_relative(&file)
            && !self.files.contains_key(&folded)
            && !self.folders.contains_key(&folded)
            && !is_sitemap_part(&folded)
            && folders_free
    }

    /// Claims `file`; on a conflict reports it and returns `None`.
    pub(crate) fn add(
        &mut self,
        file: String,
        name: String,
        place: Option<Place>,
        problems: &mut Diagnostics,
    ) -> Option<usize> {
        let claim = Claim { address: file.clone(), file, name, place, home_of: None, kind: Kind::File };
        self.insert(claim, problems)
    }

    fn insert(&mut self, claim: Claim, problems: &mut Diagnostics) -> Option<usize> {
        if claim.file.is_empty() || claim.file.ends_with('/') || !urls::is_contained_relative(&claim.file) {
            problems.push(self.outside(&claim));
            return None;
        }
        let folded = fold(&claim.file);
        if let Some(&other) = self.files.get(&folded) {
            problems.push(self.collision(&claim, &self.claims[other]));
            return None;
        }
        if let Some(&other) = self.folders.get(&folded) {
            problems.push(self.file_and_folder(&claim, &self.claims[other]));
            return None;
        }
        let folders: Vec<&str> = claim.file.match_indices('/').map(|(at, _)| &claim.file[..at]).collect();
        let sitemap = self.files.get("sitemap.xml").copied();
        for folder in folders.iter().map(|f| fold(f)) {
            let sitemap_part = sitemap.filter(|_| is_sitemap_part(&folder));
            if let Some(other) = self.files.get(&folder).copied().or(sitemap_part) {
                problems.push(self.file_and_folder(&claim, &self.claims[other]));
                return None;
            }
        }
        if let Some(sitemap) = sitemap.filter(|_| claim.place.is_some() && is_sitemap_part(&folded)) {
            problems.push(self.collision(&claim, &self.claims[sitemap]));
            return None;
        }
        let reserved = folders.iter().find_map(|f| self.reserved.get(&fold(f)).copied());
        if let Some(owner) = reserved {
            let message = format!(
                "{} would be written to /{}, inside the folder where Phare writes {}",
                subject(&claim),
                claim.file,
                self.claims[owner].name
            );
            problems.push(self.at(&claim, message, Some("give it an address outside that folder")));
            return None;
        }
        let index = self.claims.len();
        for folder in folders {
            self.folders.entry(fold(folder)).or_insert(index);
        }
        self.files.insert(folded, index);
        self.claims.push(claim);
        Some(index)
    }

    /// The diagnostic goes to the claim an author can change: the newer
    /// one if it has a place, else the older.
    fn blame<'c>(&self, newer: &'c Claim, older: &'c Claim) -> (&'c Claim, &'c Claim) {
        if newer.place.is_some() || older.place.is_none() { (newer, older) } else { (older, newer) }
    }

    fn collision(&self, newer: &Claim, older: &Claim) -> Diagnostic {
        let (blamed, other) = self.blame(newer, older);
        let other_name = if other.address == blamed.address {
            other.name.clone()
        } else {
            format!("{} (/{})", other.name, other.address)
        };
        let subject = subject(blamed);
        let other_source = other.place.as_ref().map(|p| shown(&self.config.site_dir, &p.file));
        match (blamed.kind, other.kind, other_source) {
            (Kind::Redirect, Kind::Redirect, Some(source)) => {
                let message = format!("the old address /{} is also redirected by {source}", blamed.address);
                let hint = "an old address can lead to one page only: remove one of the two";
                return self.at(blamed, message, Some(hint));
            }
            (Kind::Redirect, Kind::Page, Some(source)) => {
                let message = format!("the old address /{} is the address of a page ({source})", blamed.address);
                return self.at(blamed, message, None);
            }
            _ => {}
        }
        if blamed.file == other.file {
            self.at(blamed, format!("{subject} and {other_name} would both be written to /{}", blamed.address), None)
        } else {
            self.at(
                blamed,
                format!(
                    "{subject} would be written to /{} and {other_name} to /{}: the two differ only in capital letters or in how accents are encoded, so macOS and Windows would store them as one file",
                    blamed.file, other.file
                ),
                Some("rename one of them so that their names differ by more than that"),
            )
        }
    }

    /// One of the two needs a folder where the other is a file.
    fn file_and_folder(&self, newer: &Claim, older: &Claim) -> Diagnostic {
        let (blamed, other) = self.blame(newer, older);
        let subject = subject(blamed);
        let message = if blamed.file.len() > other.file.len() {
            let folder = blamed.file.get(..other.file.len()).unwrap_or(&other.file);
            format!(
                "{subject} would be written to /{}, inside a folder /{folder}/, but /{} is already a file: {}",
                blamed.file, other.file, other.name
            )
        } else {
            format!(
                "{subject} would be written to /{}, where {} needs a folder (/{})",
                blamed.file, other.name, other.file
            )
        };
        self.at(blamed, message, None)
    }

    fn outside(&self, claim: &Claim) -> Diagnostic {
        let message = format!(
            "{} cannot be written to /{}: that is not a plain path inside the output folder",
            subject(claim),
            claim.file
        );
        self.at(claim, message, None)
    }

    fn at(&self, claim: &Claim, message: String, extra_hint: Option<&str>) -> Diagnostic {
        let (file, line, hint) = match &claim.place {
            Some(place) => (place.file.clone(), place.line, place.hint.clone()),
            None => (self.config.file.clone(), 1, "check the languages and theme named in site.yaml".to_string()),
        };
        let hint = match extra_hint {
            Some(extra) => format!("{extra}; {hint}"),
            None => hint,
        };
        Diagnostic::error(file, line, 1.min(line), message).with_hint(hint)
    }
}

fn subject(claim: &Claim) -> String {
    claim.place.as_ref().map_or_else(|| claim.name.clone(), |place| place.subject.clone())
}

/// The name a case-insensitive, accent-normalising file system keeps.
pub(crate) fn fold(path: &str) -> String {
    path.nfd().flat_map(char::to_lowercase).nfc().collect()
}

/// `sitemap-3.xml`: the parts of a sitemap split past 50,000 addresses.
fn is_sitemap_part(folded: &str) -> bool {
    folded
        .strip_prefix("sitemap-")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The page of `source`: `the page of content/en/a.md`.
pub(crate) fn page_name(site_dir: &Path, source: &Path) -> String {
    format!("the page of {}", shown(site_dir, source))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_joins_what_macos_and_windows_join() {
        assert_eq!(fold("en/É/A.md"), fold("en/e\u{301}/a.md"));
        assert_ne!(fold("en/a"), fold("en/b"));
        assert!(is_sitemap_part("sitemap-12.xml"));
        assert!(!is_sitemap_part("sitemap-.xml") && !is_sitemap_part("sitemap.xml"));
    }
}
