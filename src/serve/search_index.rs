//! The preview's search index: each article's extracted text kept in
//! memory, and a language's index files rebuilt from it only when a
//! `search/` file is asked for after a change (a body edit marks its
//! language stale), never by re-reading files.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::search::{self, DocSource};
use crate::site::Site;

pub(crate) struct SearchDocs {
    docs: BTreeMap<String, Vec<DocSource>>,
    /// Article index → (language, document id).
    positions: HashMap<usize, (String, usize)>,
    /// Languages whose served files are older than their documents.
    stale: BTreeSet<String>,
}

impl SearchDocs {
    /// Every language's documents; all stale, so no index is built before
    /// someone searches.
    pub(crate) fn of(site: &Site) -> Option<SearchDocs> {
        if !site.config.search {
            return None;
        }
        let mut positions = HashMap::new();
        for language in &site.config.languages {
            for (position, index) in search::ordered_articles(site, &language.code).into_iter().enumerate() {
                positions.insert(index, (language.code.clone(), position));
            }
        }
        let docs = search::doc_sources(site);
        let stale = docs.keys().cloned().collect();
        Some(SearchDocs { docs, positions, stale })
    }

    /// After a body edit of article `index`: its text again, its language stale.
    pub(crate) fn article_changed(&mut self, site: &Site, index: usize) {
        let Some((lang, position)) = self.positions.get(&index).cloned() else { return };
        if let Some(slot) = self.docs.get_mut(&lang).and_then(|docs| docs.get_mut(position)) {
            *slot = search::doc_source(site, &lang, &site.articles[index]);
            self.stale.insert(lang);
        }
    }

    /// The language of a `search/<lang>/…` path, if its files are stale.
    pub(crate) fn stale_language(&self, path: &str) -> Option<String> {
        let lang = path.strip_prefix("search/")?.split('/').next()?;
        self.stale.contains(lang).then(|| lang.to_string())
    }

    /// The language's files built again: (site path → bytes), and the
    /// prefix of the files they replace.
    pub(crate) fn rebuild(&mut self, site: &Site, lang: &str) -> (String, Vec<(String, Vec<u8>)>) {
        self.stale.remove(lang);
        let docs = self.docs.get(lang).map(Vec::as_slice).unwrap_or_default();
        (format!("{}/", crate::urls::search_index_folder(lang)), search::language_files(site, lang, docs))
    }
}
