//! The four things fuzzed, each called the way a build calls it, and the
//! properties checked beyond "does not panic". Each run also returns
//! features (hashes of what the input made Phare do: components found,
//! kinds of messages) so inputs that do something new join the corpus.

use std::collections::{BTreeMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Component as PathPart, Path, PathBuf};
use std::sync::Mutex;

use clap::ValueEnum;
use phare::body::{self, PageSource};
use phare::diagnostics::Diagnostic;
use phare::expand::{self, ExpandInput, Node};
use phare::load::frontmatter;
use phare::load::read_scope::ReadScope;
use phare::site::{BuildOptions, Site};
use phare::urls;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum)]
pub enum Target {
    /// `frontmatter::parse` on a whole source file.
    Frontmatter,
    /// `components::expand`: every dialect scanner on a body.
    Components,
    /// A whole page as a build renders it: front matter, dialects,
    /// Markdown, component templates, links, against the bundled site.
    Markdown,
    /// `urls::permalink_to_path`, `urls::slug_segments`, `urls::name_to_segment`.
    Paths,
}

impl Target {
    pub const ALL: [Target; 4] = [Target::Frontmatter, Target::Components, Target::Markdown, Target::Paths];

    pub fn name(self) -> &'static str {
        match self {
            Target::Frontmatter => "frontmatter",
            Target::Components => "components",
            Target::Markdown => "markdown",
            Target::Paths => "paths",
        }
    }

    /// Path guards see short strings; long ones only slow the search down.
    pub fn max_len(self, text_max: usize) -> usize {
        if self == Target::Paths { 512 } else { text_max }
    }
}

/// A property of the output that does not hold: a bug even without a
/// panic. The kind names the property (one finding per kind); the
/// message shows the input and output.
pub struct Violation {
    pub kind: String,
    pub message: String,
}

impl Violation {
    fn new(kind: impl Into<String>, message: impl Into<String>) -> Violation {
        Violation { kind: kind.into(), message: message.into() }
    }
}

/// What one input made Phare do, as hashes.
pub type Features = Vec<u64>;

/// The site and page a Markdown input is rendered as, loaded once.
pub struct Harness {
    target: Target,
    site: Option<Site>,
    site_dir: PathBuf,
}

impl Harness {
    pub fn new(target: Target, site_dir: &Path) -> Result<Harness, String> {
        let site = if target == Target::Markdown {
            let options = BuildOptions { site_dir: site_dir.to_path_buf(), ..BuildOptions::default() };
            let site = phare::site::load(&options).map_err(|problems| {
                let first = problems.first().map(|p| p.message.clone()).unwrap_or_default();
                format!("the bundled site at {} does not load: {first}", site_dir.display())
            })?;
            Some(site)
        } else {
            None
        };
        Ok(Harness { target, site, site_dir: site_dir.to_path_buf() })
    }

    pub fn run(&self, input: &[u8]) -> Result<Features, Violation> {
        match self.target {
            Target::Frontmatter => Ok(run_frontmatter(input)),
            Target::Components => run_components(&self.site_dir, input),
            Target::Markdown => Ok(run_markdown(self.site.as_ref().expect("loaded for markdown"), input)),
            Target::Paths => run_paths(input),
        }
    }
}

fn feature(parts: impl Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut hasher);
    hasher.finish()
}

/// Messages without their digits and quoted parts, so "line 12" and
/// "line 13" are one behaviour, not two.
fn message_kind(tag: &str, diagnostic: &Diagnostic) -> u64 {
    let mut shape = String::new();
    let mut quoted = false;
    for c in diagnostic.message.chars().take(80) {
        if c == '`' {
            quoted = !quoted;
        } else if !quoted && !c.is_ascii_digit() {
            shape.push(c);
        }
    }
    feature((tag, shape))
}

/// Size classes, so "more of the same" is not new but "much more" is.
fn bucket(count: usize) -> u32 {
    usize::BITS - count.leading_zeros()
}

fn run_frontmatter(input: &[u8]) -> Features {
    let path = Path::new("content/en/fuzzed.md");
    match frontmatter::parse(path, input) {
        Ok(parsed) => {
            let fm = &parsed.front_matter;
            let mut features = vec![feature(("ok", parsed.body_line.min(8), bucket(fm.extra.len())))];
            features.extend(fm.key_lines.keys().map(|k| feature(("key", k))));
            features.extend(parsed.warnings.iter().map(|w| message_kind("warning", w)));
            features
        }
        Err(problems) => problems.iter().map(|p| message_kind("error", p)).collect(),
    }
}

/// Front matter values as `{{ page.x }}` and `items=page.x` see them.
fn page_values() -> BTreeMap<String, serde_json::Value> {
    let mut values = BTreeMap::new();
    values.insert("title".into(), serde_json::json!("Fuzzed page"));
    values.insert("steps".into(), serde_json::json!(["one", "two"]));
    values.insert("cards".into(), serde_json::json!([{"title": "A", "href": "a.md"}]));
    values
}

const PARTIAL: &str = "---\ntitle: partial\n---\nShared *text* {{ page.title }}\n\n:::note\nInside\n:::\n";

/// Expands `input` as the body of `content/en/guide/page.md`, then of
/// `page.mdx` (MDX turns on more of the scanner), in a site at
/// `site_dir`. Partials read are answered from memory and must stay inside
/// the site folder: the build's read guard must refuse any other.
fn run_components(site_dir: &Path, input: &[u8]) -> Result<Features, Violation> {
    let body = String::from_utf8_lossy(input);
    let mut features = Features::new();
    let scope = ReadScope::new(site_dir);
    for extension in ["md", "mdx"] {
        let path = site_dir.join(format!("content/en/guide/page.{extension}"));
        let outside = Mutex::new(None);
        // Inside the site a partial is answered from memory; outside it, the
        // build's own read guard must refuse, whatever the path looks like.
        let read_partial = |partial: &Path| {
            if stays_inside(site_dir, partial) {
                return Ok(PARTIAL.to_string());
            }
            let read = scope.read_to_string(partial);
            if read.is_ok() {
                outside.lock().expect("not poisoned").get_or_insert_with(|| partial.to_path_buf());
            }
            read
        };
        let values = page_values();
        let input = ExpandInput { path: &path, body: &body, body_line: 1, page: &values, read_partial: &read_partial };
        let expanded = expand::expand(&input);
        if let Some(partial) = outside.into_inner().expect("not poisoned") {
            let message =
                format!("a partial outside the site folder was read from page.{extension}: {}", partial.display());
            return Err(Violation::new("partial outside the site", message));
        }
        features.extend(expanded.problems.iter().map(|p| message_kind(extension, p)));
        collect_node_features(extension, &expanded.nodes, &mut features);
    }
    Ok(features)
}

/// Walks the tree with a stack of its own: deep nesting must only overflow
/// Phare's stack, not the fuzzer's.
fn collect_node_features(tag: &str, nodes: &[Node], features: &mut Features) {
    let mut pending = vec![(nodes, 0usize)];
    while let Some((nodes, depth)) = pending.pop() {
        features.push(feature((tag, "nodes", bucket(nodes.len()), bucket(depth))));
        for node in nodes {
            if let Node::Component(component) = node {
                let keys: Vec<&String> = component.attrs.keys().collect();
                features.push(feature((tag, "component", &component.name, keys)));
                pending.push((&component.body, depth + 1));
            }
        }
    }
}

/// Lexically: does `path` name something inside `root`? (`..` that climbs
/// out, or an absolute path elsewhere, does not.)
fn stays_inside(root: &Path, path: &Path) -> bool {
    let Ok(rest) = path.strip_prefix(root) else { return false };
    let mut depth = 0usize;
    for part in rest.components() {
        match part {
            PathPart::Normal(_) => depth += 1,
            PathPart::CurDir => {}
            PathPart::ParentDir if depth > 0 => depth -= 1,
            _ => return false,
        }
    }
    true
}

/// The whole source file through front matter, then the page rendered
/// with the bundled site's templates and links, as an English or a French
/// article (French typography is its own code path): French when the
/// front matter says `lang: fr…`, English when it names another language,
/// else one or the other by a hash of the input.
fn run_markdown(site: &Site, input: &[u8]) -> Features {
    let placeholder = Path::new("content/en/fuzzed.md");
    let parsed = match frontmatter::parse(placeholder, input) {
        Ok(parsed) => parsed,
        Err(problems) => return problems.iter().map(|p| message_kind("front matter", p)).collect(),
    };
    let french = match parsed.front_matter.lang.as_deref() {
        Some(lang) => lang.starts_with("fr"),
        None => crate::stable_hash(input) % 2 == 1,
    };
    let lang = if french { "fr" } else { "en" };
    let Some(article) = site.articles.iter().find(|a| a.lang == lang && a.fallback_of.is_none()) else {
        return vec![feature("no article")];
    };
    let page = PageSource {
        path: &article.source,
        lang,
        site_path: &article.path,
        body: &parsed.body,
        body_line: parsed.body_line,
        front_matter: &parsed.front_matter,
    };
    let (rendered, problems) = body::render(&page, &site.body_context());
    let mut features: Features = problems.iter().map(|p| message_kind("problem", p)).collect();
    features.push(feature((
        lang,
        bucket(rendered.toc.len()),
        bucket(rendered.links.len()),
        bucket(rendered.ids.len()),
    )));
    features.push(feature(("title", rendered.heading_title.is_some(), rendered.summary.is_empty())));
    features.push(feature(("html", bucket(rendered.html.matches('<').count()))));
    // The search index reads the same HTML: its extractor and text pipeline.
    let (sections, keys) = phare::search::index_body(lang, &rendered.html);
    features.push(feature(("search", bucket(sections), bucket(keys))));
    // The raw input as HTML too: the extractor must survive any markup.
    let text = String::from_utf8_lossy(input);
    let (sections, keys) = phare::search::index_body(lang, &text);
    features.push(feature(("search raw", bucket(sections), bucket(keys))));
    features
}

fn run_paths(input: &[u8]) -> Result<Features, Violation> {
    let raw = String::from_utf8_lossy(input);
    let mut features = Vec::new();
    match urls::permalink_to_path(&raw) {
        Ok(path) => {
            check_site_path(&raw, "permalink_to_path", &path)?;
            features.push(feature(("permalink ok", path.ends_with(".html"), bucket(path.len()))));
        }
        Err(refusal) => features.push(feature(("permalink refused", refusal))),
    }
    match urls::slug_segments(&raw) {
        Ok((from_root, segments)) => {
            let joined = segments.join("/");
            check_site_path(&raw, "slug_segments", &joined)?;
            if let Some(bad) = segments.iter().find(|s| s.is_empty() || s.contains('/')) {
                let message = format!("slug_segments({raw:?}) gave the segment {bad:?} in {segments:?}");
                return Err(Violation::new("slug_segments: empty segment", message));
            }
            features.push(feature(("slug ok", from_root, segments.len().min(4))));
        }
        Err(refusal) => features.push(feature(("slug refused", refusal))),
    }
    // File and folder names and `category:` values: `name_to_segment` is
    // the guard (it refuses), `path_segment` only encodes what it accepted.
    match urls::name_to_segment(&raw) {
        Ok(segment) => {
            let problem = match segment.as_str() {
                "" => Some("empty"),
                "." | ".." => Some("a `.` or `..` segment"),
                s if s.contains(['/', '\\']) => Some("a separator"),
                s if check_site_path(&raw, "name_to_segment", s).is_err() => Some("a segment that leaves the folder"),
                _ => None,
            };
            if let Some(problem) = problem {
                let message = format!("name_to_segment({raw:?}) gave {segment:?}, which is not one folder name");
                return Err(Violation::new(format!("name_to_segment: {problem}"), message));
            }
            features.push(feature(("segment", segment == raw.as_ref())));
        }
        Err(refusal) => features.push(feature(("segment refused", refusal))),
    }
    Ok(features)
}

/// Any accepted path must stay below the folder it is joined to: relative,
/// made only of normal parts, no `.`/`..` even once decoded or trimmed, no
/// backslash, control character or drive letter.
fn check_site_path(raw: &str, function: &str, path: &str) -> Result<(), Violation> {
    let fail = |why: &str| {
        Err(Violation::new(format!("{function}: {why}"), format!("{function}({raw:?}) gave {path:?}: {why}")))
    };
    if path.starts_with('/') || Path::new(path).is_absolute() {
        return fail("absolute");
    }
    if !Path::new(path).components().all(|part| matches!(part, PathPart::Normal(_))) {
        return fail("a part is not a plain folder name");
    }
    if path.contains('\\') || path.chars().any(char::is_control) {
        return fail("a backslash or control character");
    }
    let decoded = urls::percent_decode(path);
    let mut seen = HashSet::new();
    for segment in path.split('/').chain(decoded.split('/')) {
        if !seen.insert(segment) {
            continue;
        }
        let trimmed = segment.trim();
        if trimmed == "." || trimmed == ".." {
            return fail("a `.` or `..` segment");
        }
        if trimmed.len() >= 2 && trimmed.as_bytes()[1] == b':' && trimmed.as_bytes()[0].is_ascii_alphabetic() {
            return fail("a drive letter");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_inside_the_site_are_told_apart_from_paths_outside() {
        let root = Path::new("/site");
        assert!(stays_inside(root, Path::new("/site/content/en/../x.md")));
        assert!(!stays_inside(root, Path::new("/site/content/../../etc/x.md")));
        assert!(!stays_inside(root, Path::new("/etc/x.md")));
    }

    #[test]
    fn a_dot_dot_segment_breaks_the_path_property() {
        assert!(check_site_path("x", "f", "en/help/").is_ok());
        for bad in ["../", "a/../b/", "a/ .. /", "a/%2e%2e/", "/a/", "C:/x/"] {
            assert!(check_site_path("x", "f", bad).is_err(), "{bad} passed");
        }
    }
}
