//! Stage 7b: the search index of each language, built from the immutable
//! [`Site`] beside the rendered pages. In: the site's published articles
//! (their rendered body HTML, title, description, category). Out: the
//! files under `search/<lang>/` (`FORMAT.md` describes them) added to the
//! `BuiltSite`. The results pages are ordinary pages rendered by `render/`.
//!
//! `pipeline.rs` is the text pipeline both the index and the browser run,
//! `extract.rs` reads the text out of HTML, `index.rs` and `store.rs`
//! build the files, `encode.rs` writes postings, `query.rs` is the
//! reference query engine (`phare search`), which the browser's
//! `phare/search.js` mirrors. It never reads a site file and never writes.

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;

use crate::render::{BuiltSite, OutputFile};
use crate::site::{Article, Site};
use crate::urls;

pub(crate) mod encode;
pub(crate) mod extract;
pub(crate) mod index;
pub(crate) mod pipeline;
pub mod query;
pub(crate) mod store;

#[cfg(test)]
mod cases;

pub(crate) use index::DocSource;

/// Whether an article belongs in its language's index: published, written
/// in that language, not left out by its writer.
pub(crate) fn is_indexed(article: &Article) -> bool {
    article.fallback_of.is_none() && !article.front_matter.draft && article.front_matter.search != Some(false)
}

/// The language's indexed articles in site order (categories as the menus
/// list them, then the rest), so neighbours in a document chunk are
/// neighbours in the site.
pub(crate) fn ordered_articles(site: &Site, lang: &str) -> Vec<usize> {
    let mut order = Vec::new();
    let mut seen = HashSet::new();
    if let Some(nav) = site.nav.get(lang) {
        let listed = nav.categories.iter().flat_map(|c| site.categories[*c].sequence.iter()).chain(&nav.loose_articles);
        for index in listed {
            if seen.insert(*index) {
                order.push(*index);
            }
        }
    }
    for (index, article) in site.articles.iter().enumerate() {
        if article.lang == lang && seen.insert(index) {
            order.push(index);
        }
    }
    order.retain(|i| site.articles[*i].lang == lang && is_indexed(&site.articles[*i]));
    order
}

/// What the index keeps of one article.
pub(crate) fn doc_source(site: &Site, lang: &str, article: &Article) -> DocSource {
    let category = article
        .category
        .and_then(|c| site.nav.get(lang)?.categories.iter().position(|x| *x == c))
        .map_or(-1, |p| p as i64);
    DocSource {
        path: article.path.clone(),
        title: article.title.clone(),
        description: article.description.clone(),
        category,
        sections: extract::sections(&article.html),
    }
}

/// Every language's documents, extracted in parallel.
pub(crate) fn doc_sources(site: &Site) -> BTreeMap<String, Vec<DocSource>> {
    site.config
        .languages
        .iter()
        .map(|language| {
            let lang = language.code.as_str();
            let order = ordered_articles(site, lang);
            let docs = order.par_iter().map(|i| doc_source(site, lang, &site.articles[*i])).collect();
            (lang.to_string(), docs)
        })
        .collect()
}

/// The files of one language's index: site path → bytes.
pub(crate) fn language_files(site: &Site, lang: &str, docs: &[DocSource]) -> Vec<(String, Vec<u8>)> {
    let categories = site
        .nav
        .get(lang)
        .map(|nav| {
            nav.categories
                .iter()
                .map(|c| (site.categories[*c].title.clone(), site.categories[*c].path.clone()))
                .collect()
        })
        .unwrap_or_default();
    let info = index::LanguageInfo { lang, categories, results_path: urls::search_results_path(lang) };
    let folder = urls::search_index_folder(lang);
    index::build(&info, docs, &index::KNOBS)
        .into_iter()
        .map(|(name, bytes)| (format!("{folder}/{name}"), bytes))
        .collect()
}

/// Adds every language's index to `built` (nothing when `search: false`).
pub(crate) fn add_to(site: &Site, built: &mut BuiltSite) {
    if !site.config.search {
        return;
    }
    let sources = doc_sources(site);
    let files: Vec<Vec<(String, Vec<u8>)>> =
        sources.par_iter().map(|(lang, docs)| language_files(site, lang, docs)).collect();
    for (path, bytes) in files.into_iter().flatten() {
        built.files.insert(path, OutputFile::Bytes(bytes));
    }
}

/// `phare search`: runs a query on a built output folder (`output`, else
/// the site's). `lang` defaults to the site's default language.
pub fn query_output(
    site_dir: &std::path::Path,
    output: Option<&std::path::Path>,
    lang: Option<&str>,
    query: &str,
    shown: usize,
) -> Result<query::Answer, String> {
    let config = crate::load::config::load(site_dir, None).ok().map(|(config, _)| config);
    let output = match (output, &config) {
        (Some(folder), _) => folder.to_path_buf(),
        (None, Some(config)) => config.output_dir.clone(),
        (None, None) => site_dir.join("public"),
    };
    let lang = match (lang, &config) {
        (Some(lang), _) => lang.to_string(),
        (None, Some(config)) => config.default_language.clone(),
        (None, None) => "en".to_string(),
    };
    let read = |path: &str| -> Option<Vec<u8>> {
        // Names come from the index's own files: read only inside the folder.
        if !urls::is_contained_relative(path) {
            return None;
        }
        std::fs::read(output.join(path)).ok()
    };
    query::search(&read, &lang, query, shown)
        .map_err(|problem| format!("{problem} in {} (run `phare build` first)", output.display()))
}

/// What the index would take from one rendered body, for the fuzzer:
/// (sections, keys). Both the extractor and the pipeline run on it.
pub fn index_body(lang: &str, html: &str) -> (usize, usize) {
    let sections = extract::sections(html);
    let pipeline = pipeline::Pipeline::new(lang);
    let mut cache = pipeline::WordCache::default();
    let mut keys = 0;
    for section in &sections {
        pipeline.words_with(&section.heading, &mut cache, |_| keys += 1);
        pipeline.words_with(&section.text, &mut cache, |_| keys += 1);
    }
    (sections.len(), keys)
}
