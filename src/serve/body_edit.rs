//! Re-rendering after one article's body changed, for `phare serve`: the
//! file is read and rendered again, and only its page (and the pages that
//! show it untranslated in other languages) is rendered anew. Anything that
//! could move the navigation — front matter, title, description — asks for
//! a full rebuild instead, so the fast path can never show a stale menu.

use std::path::Path;

use crate::body::{self, PageSource};
use crate::diagnostics::Diagnostic;
use crate::render::{self, Sidebars};
use crate::site::{Site, humanize};

pub(crate) enum Outcome {
    /// Output files replaced, and the warnings of the new text.
    Updated(Vec<(String, Vec<u8>)>, Vec<Diagnostic>),
    FullRebuild,
}

pub(crate) fn body_edit(site: &mut Site, sidebars: &Sidebars, path: &Path) -> Outcome {
    let Some(index) = site.articles.iter().position(|a| a.fallback_of.is_none() && a.source == path) else {
        return Outcome::FullRebuild;
    };
    let Ok(bytes) = site.config.read_scope.read(path) else { return Outcome::FullRebuild };
    let Ok(parsed) = crate::load::frontmatter::parse(path, &bytes) else { return Outcome::FullRebuild };
    let article = &site.articles[index];
    if parsed.front_matter != article.front_matter {
        return Outcome::FullRebuild;
    }
    let page = PageSource {
        path,
        lang: &article.lang,
        site_path: &article.path,
        body: &parsed.body,
        body_line: parsed.body_line,
        front_matter: &parsed.front_matter,
    };
    let (rendered, problems) = body::render(&page, &site.body_context());
    let stem = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let title = parsed.front_matter.title.clone().or(rendered.heading_title.clone()).unwrap_or_else(|| humanize(&stem));
    let description = parsed.front_matter.description.clone().unwrap_or_else(|| rendered.summary.clone());
    if title != article.title || description != article.description || problems.iter().any(Diagnostic::is_error) {
        return Outcome::FullRebuild;
    }
    let stand_ins: Vec<usize> =
        site.articles.iter().enumerate().filter(|(_, a)| a.fallback_of == Some(index)).map(|(i, _)| i).collect();
    for &stand_in in &stand_ins {
        let (from, to, lang) =
            (&site.articles[index].path, &site.articles[stand_in].path, site.articles[stand_in].lang.clone());
        let html = crate::site::relink::relink(&rendered.html, from, to, |target| {
            let (_, key) = site.links.pages.get(target)?;
            let version = *site.article_groups.get(key)?.get(&lang)?;
            Some(site.articles[version].path.clone())
        });
        site.articles[stand_in].html = html;
    }
    let article = &mut site.articles[index];
    article.html = rendered.html;
    article.toc = rendered.toc;
    article.ids = rendered.ids;
    article.links = rendered.links;
    let mut pages = vec![index];
    pages.extend(stand_ins);
    match render::render_articles(site, sidebars, &pages) {
        Ok(files) => Outcome::Updated(files, problems),
        Err(_) => Outcome::FullRebuild,
    }
}
