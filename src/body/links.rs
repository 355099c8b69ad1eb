//! Same-language link resolution for Markdown bodies: a link to another
//! article's source file (`../lost-phone.md`, `lost-phone._fr.md`) becomes
//! the URL of that article in the page's own language; a link to a file
//! beside the article becomes the URL of its copy; a root-absolute link
//! (`/en/help/`) is made relative so the site works from a sub-path.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use crate::load::discover::MARKDOWN_EXTENSIONS;
use crate::markdown::LinkTarget;
use crate::urls::{CROSS_LANGUAGE, is_external, percent_decode, split_fragment};

/// What a source file turned into.
#[derive(Debug, Clone)]
pub struct SourceTarget {
    pub lang: String,
    pub key: String,
    pub path: String,
    /// Title as far as it is known before rendering: front matter, else
    /// the first `# ` line, else the file name.
    pub title: String,
    pub description: String,
    pub order: Option<f64>,
}

#[derive(Debug, Default)]
pub struct LinkIndex {
    /// Markdown source file → the page it produced.
    pub sources: HashMap<PathBuf, SourceTarget>,
    /// Translation key → language → page path.
    pub translations: HashMap<String, BTreeMap<String, String>>,
    /// Asset source file → output path.
    pub assets: HashMap<PathBuf, String>,
    /// Folder → its Markdown sources, in name order (for `<DocCardList />`).
    pub folders: HashMap<PathBuf, Vec<PathBuf>>,
    /// Page address → (language, translation key), for root-absolute links.
    pub pages: HashMap<String, (String, String)>,
    /// Other files the site serves (theme files, sitemap…), by address.
    pub files: std::collections::HashSet<String>,
    /// Folder → names of the articles and files in it, for "did you mean".
    pub names: HashMap<PathBuf, Vec<String>>,
    /// Markdown sources that could not be read or parsed: their own errors
    /// say why, so links to them are not reported as broken as well.
    pub unreadable: std::collections::HashSet<PathBuf>,
}

impl LinkIndex {
    /// The address a root-absolute link means, in the page's language:
    /// `/en/help/x/` from a French page is the French version of that page
    /// when there is one; `/help/x` (Docusaurus writes links without the
    /// language) is tried under the page's language too. `None` when no
    /// page or file is there.
    fn page_at(&self, site_path: &str, lang: &str) -> Option<String> {
        let with_slash = if site_path.is_empty() || site_path.ends_with('/') || site_path.ends_with(".html") {
            site_path.to_string()
        } else {
            format!("{site_path}/")
        };
        let decoded = percent_decode(&with_slash);
        let candidates = [decoded.clone(), format!("{lang}/{decoded}")];
        for candidate in &candidates {
            if let Some((page_lang, key)) = self.pages.get(candidate) {
                if page_lang != lang
                    && let Some(own) = self.translations.get(key).and_then(|t| t.get(lang))
                {
                    return Some(own.clone());
                }
                return Some(candidate.clone());
            }
        }
        self.files.contains(&percent_decode(site_path)).then(|| site_path.to_string())
    }

    /// The address of the page a link written in `source` leads to, and
    /// its fragment, for anchor checks; `None` for external links and files.
    pub(crate) fn target_page<'d>(
        &self,
        source: &Path,
        lang: &str,
        own_path: &str,
        destination: &'d str,
    ) -> Option<(String, &'d str)> {
        let destination = destination.trim();
        let destination = match destination.strip_prefix(CROSS_LANGUAGE).and_then(|r| r.split_once(':')) {
            Some((_, rest)) => rest,
            None => destination,
        };
        let (path_part, fragment) = split_fragment(destination);
        let fragment = fragment?;
        if path_part.is_empty() {
            return Some((own_path.to_string(), fragment));
        }
        if is_external(path_part) {
            return None;
        }
        if let Some(site_path) = path_part.strip_prefix('/') {
            return self.page_at(site_path, lang).filter(|p| self.pages.contains_key(p)).map(|p| (p, fragment));
        }
        let target = self.target(source, path_part)?;
        let path = self.translations.get(&target.key).and_then(|t| t.get(lang)).unwrap_or(&target.path);
        Some((path.clone(), fragment))
    }

    /// The page a relative link to a Markdown file points at.
    fn target(&self, source: &Path, destination: &str) -> Option<&SourceTarget> {
        let (path_part, _) = split_fragment(destination.trim());
        if path_part.is_empty() || is_external(path_part) || path_part.starts_with('/') {
            return None;
        }
        let target = normalize(&source.parent().unwrap_or(Path::new("")).join(percent_decode(path_part)))?;
        self.sources.get(&target)
    }

    /// Title of the article `destination` (a link written in `source`)
    /// points at, for cards that show it.
    pub(crate) fn title_of(&self, source: &Path, destination: &str) -> Option<String> {
        self.target(source, destination).map(|t| t.title.clone())
    }

    /// The other pages of `source`'s folder in `lang`, in the order of the
    /// navigation (`order`, then title).
    pub(crate) fn siblings(&self, source: &Path, lang: &str) -> Vec<&SourceTarget> {
        let Some(folder) = source.parent() else { return Vec::new() };
        let mut siblings: Vec<&SourceTarget> = self
            .folders
            .get(folder)
            .into_iter()
            .flatten()
            .filter(|path| path.as_path() != source)
            .filter_map(|path| self.sources.get(path))
            .filter(|target| target.lang == lang)
            .collect();
        siblings.sort_by(|a, b| crate::body::order::compare(a.order, &a.title, b.order, &b.title));
        siblings
    }

    /// Where `destination`, written in `source` (a page in `lang` whose
    /// root prefix is `root`), should point.
    pub(crate) fn resolve(&self, source: &Path, lang: &str, root: &str, destination: &str) -> LinkTarget {
        let destination = destination.trim();
        if let Some((target_lang, rest)) = destination.strip_prefix(CROSS_LANGUAGE).and_then(|r| r.split_once(':')) {
            // Meant to leave the page's language: resolve in the target's.
            return match self.resolve(source, target_lang, root, rest) {
                LinkTarget::Keep => LinkTarget::Rewrite(rest.to_string()),
                LinkTarget::OtherLanguage(href, _) => LinkTarget::Rewrite(href),
                other => other,
            };
        }
        if destination.is_empty() || destination.starts_with('#') || is_external(destination) {
            return LinkTarget::Keep;
        }
        let (path_part, fragment) = split_fragment(destination);
        let (path_part, query) = match path_part.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path_part, None),
        };
        let suffix =
            query.map(|q| format!("?{q}")).unwrap_or_default() + &fragment.map(|f| format!("#{f}")).unwrap_or_default();
        if let Some(site_path) = path_part.strip_prefix('/') {
            return match self.page_at(site_path, lang) {
                Some(found) => match self.pages.get(&found).filter(|(page_lang, _)| page_lang != lang) {
                    Some((page_lang, _)) => {
                        LinkTarget::OtherLanguage(format!("{root}{found}{suffix}"), page_lang.clone())
                    }
                    None => LinkTarget::Rewrite(format!("{root}{found}{suffix}")),
                },
                // Still made relative: under a sub-path `base_url` the
                // reader lands where the author meant, not at the host's root.
                None => LinkTarget::Broken {
                    near: None,
                    href: Some(format!("{root}{site_path}{suffix}")),
                    reason: format!("this link points at `{path_part}`, but the site has no page there"),
                },
            };
        }
        let decoded = percent_decode(path_part);
        let Some(target) = normalize(&source.parent().unwrap_or(Path::new("")).join(&decoded)) else {
            return LinkTarget::Keep;
        };
        let is_markdown = target
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| MARKDOWN_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if is_markdown {
            let Some(found) = self.sources.get(&target) else {
                if self.unreadable.contains(&target) {
                    return LinkTarget::Keep;
                }
                return self.broken_near(
                    &target,
                    format!("this link points at `{path_part}`, but there is no article at that place"),
                );
            };
            return self.page_in(found, lang, root, &suffix);
        }
        if let Some(output) = self.assets.get(&target).or_else(|| self.gitbook_asset(&target)) {
            return LinkTarget::Rewrite(format!("{root}{}{suffix}", encode_path(output)));
        }
        if path_part.ends_with('/') || target.extension().is_none() {
            return match self.folder_page(&target, lang, root, &suffix) {
                Some(found) => found,
                None => LinkTarget::broken(format!(
                    "this link points at the folder `{path_part}`, but it has no page: no `README.md` or `index.md` in it, and no article there"
                )),
            };
        }
        self.broken_near(
            &target,
            format!("this link points at `{path_part}`, but there is no such file beside the article"),
        )
    }

    /// A broken link, with the file of its folder one typo away, if any
    /// (`lost-phnoe.md` for `lost-phone.md`).
    fn broken_near(&self, target: &Path, reason: String) -> LinkTarget {
        let near = target.parent().zip(target.file_name().and_then(|n| n.to_str())).and_then(|(folder, name)| {
            let names = self.names.get(folder)?;
            let length = name.chars().count();
            names
                .iter()
                .filter(|other| other.as_str() != name && other.chars().count().abs_diff(length) <= 1)
                .find(|other| strsim::damerau_levenshtein(name, other) <= if length > 12 { 2 } else { 1 })
                .cloned()
        });
        LinkTarget::Broken { reason, href: None, near }
    }

    /// The address of `found` in the reader's language, or in its own
    /// (marked as leaving the page's language) when it has no translation.
    fn page_in(&self, found: &SourceTarget, lang: &str, root: &str, suffix: &str) -> LinkTarget {
        match self.translations.get(&found.key).and_then(|by_lang| by_lang.get(lang)) {
            Some(path) => LinkTarget::Rewrite(format!("{root}{path}{suffix}")),
            None => LinkTarget::OtherLanguage(format!("{root}{}{suffix}", found.path), found.lang.clone()),
        }
    }

    /// The page a link to a folder (`../orders/`, `../orders`) means: the
    /// folder's own page (`README.md`, `index.md`…), else the article
    /// written as `orders.md` beside it (Docusaurus links leave the
    /// extension out), else the category page its articles sit in.
    fn folder_page(&self, folder: &Path, lang: &str, root: &str, suffix: &str) -> Option<LinkTarget> {
        let own = FOLDER_PAGES.iter().find_map(|name| self.sources.get(&folder.join(name)));
        let named =
            || MARKDOWN_EXTENSIONS.iter().find_map(|extension| self.sources.get(&folder.with_extension(extension)));
        if let Some(found) = own.or_else(named) {
            return Some(self.page_in(found, lang, root, suffix));
        }
        let inside = self.folders.get(folder)?.iter().filter_map(|source| self.sources.get(source));
        let parents = inside.filter_map(|article| {
            let parent = article.path.trim_end_matches('/').rsplit_once('/')?.0;
            Some(format!("{parent}/"))
        });
        let category = parents.into_iter().find(|parent| self.pages.contains_key(parent))?;
        let page = self.page_at(&category, lang).unwrap_or(category);
        Some(LinkTarget::Rewrite(format!("{root}{page}{suffix}")))
    }

    /// GitBook writes `.gitbook/assets/x.png` relative to the page but keeps
    /// one assets folder per space: a link that misses beside the page is
    /// looked for in the `.gitbook/assets` folder of any parent.
    fn gitbook_asset(&self, target: &Path) -> Option<&String> {
        let text = target.to_str()?;
        let at = text.find(GITBOOK_ASSETS)?;
        let name = &text[at + GITBOOK_ASSETS.len()..];
        let mut folder = Path::new(&text[..at]);
        loop {
            if let Some(output) = self.assets.get(&folder.join(GITBOOK_ASSETS).join(name)) {
                return Some(output);
            }
            folder = folder.parent()?;
        }
    }
}

/// File names that make a folder's own page, in the order they are tried.
const FOLDER_PAGES: [&str; 6] = ["README.md", "readme.md", "index.md", "index.mdx", "_index.md", "README.mdx"];

const GITBOOK_ASSETS: &str = ".gitbook/assets/";

/// Characters a path in an `href` or `src` must not hold as they are:
/// spaces, quotes, angle brackets and the other characters URLs reserve
/// outside paths, plus `%` so a file named `100%.png` still loads.
const PATH_UNSAFE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^');

/// A destination left as written, still a valid URL: `my photo.png` →
/// `my%20photo.png` (browsers repair a space in `src`, link checkers and
/// feeds do not).
pub(crate) fn as_written(destination: &str) -> String {
    if destination.contains(' ') && !is_external(destination) {
        destination.replace(' ', "%20")
    } else {
        destination.to_string()
    }
}

/// An output path as a link: `img/my photo.png` → `img/my%20photo.png`.
pub(crate) fn encode_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH_UNSAFE).to_string()
}

/// Lexically resolves `.` and `..` (the files may not exist).
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> LinkIndex {
        let mut index = LinkIndex::default();
        index.sources.insert(
            PathBuf::from("/s/content/en/help/lost-phone.md"),
            SourceTarget {
                lang: "en".into(),
                key: "lost-phone".into(),
                path: "en/help/lost-phone/".into(),
                title: "Lost phone".into(),
                description: String::new(),
                order: None,
            },
        );
        index.translations.insert(
            "lost-phone".into(),
            BTreeMap::from([
                ("en".into(), "en/help/lost-phone/".into()),
                ("fr".into(), "fr/aide/perte-de-telephone/".into()),
            ]),
        );
        index.assets.insert(PathBuf::from("/s/content/en/help/key.svg"), "en/help/key.svg".into());
        index
    }

    fn href(target: LinkTarget) -> String {
        match target {
            LinkTarget::Rewrite(h) => h,
            LinkTarget::Keep => "KEEP".into(),
            LinkTarget::OtherLanguage(h, lang) => format!("{h} ({lang})"),
            LinkTarget::Broken { reason, .. } => format!("BROKEN {reason}"),
        }
    }

    #[test]
    fn link_to_a_source_file_goes_to_the_same_language_counterpart() {
        let i = index();
        let from_fr = Path::new("/s/content/en/help/other._fr.md");
        assert_eq!(
            href(i.resolve(from_fr, "fr", "../../", "lost-phone.md#steps")),
            "../../fr/aide/perte-de-telephone/#steps"
        );
        let from_en = Path::new("/s/content/en/help/other.md");
        assert_eq!(href(i.resolve(from_en, "en", "../../", "./lost-phone.md")), "../../en/help/lost-phone/");
    }

    #[test]
    fn assets_and_absolute_links_become_relative() {
        let mut i = index();
        i.pages.insert("en/help/lost-phone/".into(), ("en".into(), "lost-phone".into()));
        i.pages.insert("fr/aide/perte-de-telephone/".into(), ("fr".into(), "lost-phone".into()));
        let from = Path::new("/s/content/en/help/other.md");
        assert_eq!(href(i.resolve(from, "en", "../../../", "key.svg")), "../../../en/help/key.svg");
        assert_eq!(href(i.resolve(from, "en", "../../", "/en/help/lost-phone")), "../../en/help/lost-phone/");
        assert_eq!(
            href(i.resolve(from, "en", "../../", "/help/lost-phone/")),
            "../../en/help/lost-phone/",
            "language added"
        );
        let from_fr = Path::new("/s/content/fr/aide/autre.md");
        assert_eq!(
            href(i.resolve(from_fr, "fr", "../../", "/en/help/lost-phone/#a")),
            "../../fr/aide/perte-de-telephone/#a"
        );
        let marked = format!("{CROSS_LANGUAGE}en:/en/help/lost-phone/");
        assert_eq!(href(i.resolve(from_fr, "fr", "../../", &marked)), "../../en/help/lost-phone/");
        assert!(href(i.resolve(from, "en", "../../", "/en/nowhere/")).starts_with("BROKEN"));
    }

    #[test]
    fn missing_targets_are_broken_and_external_kept() {
        let i = index();
        let from = Path::new("/s/content/en/help/other.md");
        assert!(href(i.resolve(from, "en", "", "gone.md")).starts_with("BROKEN"));
        assert!(href(i.resolve(from, "en", "", "photo.png")).starts_with("BROKEN"));
        assert_eq!(href(i.resolve(from, "en", "", "https://x.org/a.md")), "KEEP");
        assert_eq!(href(i.resolve(from, "en", "", "#top")), "KEEP");
    }
}
