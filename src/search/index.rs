//! One language's documents → its index files (`FORMAT.md`): the words of
//! each document counted (in parallel, each page capped), merged into
//! postings per key, then cut into term chunks of about equal size,
//! document chunks of consecutive ids, a vocabulary and `meta.json`.

use rustc_hash::FxHashMap;

use rayon::prelude::*;
use serde_json::{Value, json};

use super::encode::{self, BODY, DESCRIPTION, HEADING, Posting, TITLE};
use super::extract::Section;
use super::pipeline::{Pipeline, WordCache};
use super::store;

/// What one article gives the index.
#[derive(Debug, Clone)]
pub(crate) struct DocSource {
    /// From the site root: `fr/connexion/mot-de-passe/`.
    pub(crate) path: String,
    pub(crate) title: String,
    pub(crate) description: String,
    /// Index in the language's categories, or -1.
    pub(crate) category: i64,
    pub(crate) sections: Vec<Section>,
}

/// The sizes that decide what a query downloads; measured with
/// `scripts/bench` (see `FORMAT.md`, "Tuning").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Knobs {
    /// At most one search file per this many documents…
    pub(crate) docs_per_file: usize,
    /// …and at least this many files per language.
    pub(crate) min_files: usize,
    /// Share of the files given to document chunks, in percent.
    pub(crate) doc_file_percent: usize,
    /// Characters of text stored per document for excerpts.
    pub(crate) stored_chars: usize,
    /// Sections stored per document (the first included).
    pub(crate) max_sections: usize,
    /// Distinct keys one document may add.
    pub(crate) max_keys_per_doc: usize,
}

pub(crate) const KNOBS: Knobs = Knobs {
    docs_per_file: 25,
    min_files: 4,
    doc_file_percent: 70,
    stored_chars: 200,
    max_sections: 4,
    max_keys_per_doc: 4_000,
};

/// What the language's `meta.json` says besides the files.
pub(crate) struct LanguageInfo<'a> {
    pub(crate) lang: &'a str,
    pub(crate) categories: Vec<(String, String)>,
    pub(crate) results_path: String,
}

/// How often one document used a key, where, and in which forms (cache numbers).
struct Stat {
    count: u32,
    fields: u8,
    forms: Vec<(u32, u32)>,
}

impl Stat {
    fn count_one(&mut self, form: u32, field: u8) {
        self.count = self.count.saturating_add(1);
        self.fields |= field;
        match self.forms.iter().position(|(f, _)| *f == form) {
            Some(at) => self.forms[at].1 += 1,
            None if self.forms.len() < MAX_FORMS_PER_DOC => self.forms.push((form, 1)),
            None => {}
        }
    }
}

/// A forms list per key stays short whatever the page.
const MAX_FORMS_PER_DOC: usize = 4;

/// One document's keys, sorted: (key, tf bucket, fields, form used most).
fn doc_terms(
    pipeline: &Pipeline,
    cache: &mut WordCache,
    doc: &DocSource,
    max_keys: usize,
) -> Vec<(String, u8, u8, String)> {
    if cache.is_large() {
        *cache = WordCache::default();
    }
    let mut stats: FxHashMap<u32, Stat> = FxHashMap::default();
    let mut add = |cache: &mut WordCache, text: &str, field: u8| {
        pipeline.words_with(text, cache, |known| {
            if let Some(stat) = stats.get_mut(&known.key) {
                stat.count_one(known.form, field);
            } else if stats.len() < max_keys {
                let mut stat = Stat { count: 0, fields: 0, forms: Vec::new() };
                stat.count_one(known.form, field);
                stats.insert(known.key, stat);
            }
        });
    };
    // Title, description and headings first, so a page past the cap keeps them.
    add(cache, &doc.title, TITLE);
    add(cache, &doc.description, DESCRIPTION);
    for section in &doc.sections {
        add(cache, &section.heading, HEADING);
    }
    for section in &doc.sections {
        add(cache, &section.text, BODY);
    }
    let mut terms: Vec<(String, u8, u8, String)> = stats
        .into_iter()
        .map(|(key, stat)| {
            let form = stat
                .forms
                .iter()
                .map(|(form, n)| (cache.form(*form), *n))
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(form, _)| form.to_string())
                .unwrap_or_default();
            (cache.key(key).to_string(), encode::tf_bucket(stat.count), stat.fields, form)
        })
        .collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    terms
}

/// Every document of a key and the form each used.
#[derive(Default)]
struct Term {
    postings: Vec<Posting>,
    /// Index into `forms` per posting.
    form_of: Vec<u16>,
    forms: Vec<String>,
}

/// The language's files: (name inside `search/<lang>/`, bytes).
pub(crate) fn build(info: &LanguageInfo<'_>, docs: &[DocSource], knobs: &Knobs) -> Vec<(String, Vec<u8>)> {
    let pipeline = Pipeline::new(info.lang);
    let per_doc: Vec<Vec<(String, u8, u8, String)>> = docs
        .par_iter()
        .map_init(WordCache::default, |cache, doc| doc_terms(&pipeline, cache, doc, knobs.max_keys_per_doc))
        .collect();
    let mut terms: FxHashMap<String, Term> = FxHashMap::default();
    for (doc, keys) in per_doc.into_iter().enumerate() {
        for (key, tf_bucket, fields, form) in keys {
            let term = terms.entry(key).or_default();
            let form_index = match term.forms.iter().position(|f| *f == form) {
                Some(i) => i,
                None => {
                    term.forms.push(form);
                    term.forms.len() - 1
                }
            };
            term.postings.push(Posting { doc: doc as u32, tf_bucket, fields });
            term.form_of.push(u16::try_from(form_index).unwrap_or(u16::MAX));
        }
    }

    let budget = knobs.min_files.max(docs.len() / knobs.docs_per_file.max(1));
    // meta.json and the vocabulary take two of the files.
    let chunk_files = budget.saturating_sub(2).max(2);
    let doc_files = (chunk_files * knobs.doc_file_percent / 100).clamp(1, chunk_files - 1);
    let term_files = chunk_files - doc_files;
    let docs_per_chunk = docs.len().div_ceil(doc_files).max(1);

    let mut files = Vec::new();
    let mut doc_names = Vec::new();
    for (n, chunk) in docs.chunks(docs_per_chunk).enumerate() {
        let body = json!({ "docs": chunk.iter().map(|d| store::stored_doc(d, knobs.stored_chars, knobs.max_sections)).collect::<Vec<_>>() });
        let bytes = serde_json::to_vec(&body).unwrap_or_default();
        let name = format!("d-{n}-{}.json", hash8(&bytes));
        doc_names.push(name.clone());
        files.push((name, bytes));
    }

    let mut terms: Vec<(String, Term)> = terms.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let entries: Vec<(String, Value, Value)> = terms
        .into_iter()
        .map(|(key, term)| (key.clone(), Value::String(encode::encode(&term.postings)), forms(&key, &term)))
        .collect();
    let total: usize =
        entries.iter().map(|(k, p, f)| k.len() + p.as_str().map_or(0, str::len) + f.to_string().len()).sum();
    let target = total.div_ceil(term_files.max(1)).max(1);
    let mut term_names: Vec<(String, String)> = Vec::new();
    let mut start = 0;
    while start < entries.len() || term_names.is_empty() {
        let mut end = start;
        let mut size = 0;
        while end < entries.len() && (end == start || size < target) {
            let (k, p, f) = &entries[end];
            size += k.len() + p.as_str().map_or(0, str::len) + f.to_string().len();
            end += 1;
        }
        let slice = &entries[start..end];
        let body = json!({
            "keys": slice.iter().map(|e| e.0.as_str()).collect::<Vec<_>>(),
            "postings": slice.iter().map(|e| &e.1).collect::<Vec<_>>(),
            "forms": slice.iter().map(|e| &e.2).collect::<Vec<_>>(),
        });
        let bytes = serde_json::to_vec(&body).unwrap_or_default();
        let n = term_names.len();
        let name = format!("t-{n}-{}.json", hash8(&bytes));
        let first = if n == 0 { String::new() } else { slice.first().map(|e| e.0.clone()).unwrap_or_default() };
        term_names.push((first, name.clone()));
        files.push((name, bytes));
        start = end;
    }

    let mut vocabulary = String::new();
    for (key, _, _) in &entries {
        vocabulary.push_str(key);
        vocabulary.push('\n');
    }
    let vocab_name = format!("v-{}.txt", hash8(vocabulary.as_bytes()));
    files.push((vocab_name.clone(), vocabulary.into_bytes()));

    let meta = json!({
        "version": 1,
        "lang": info.lang,
        "stemmer": pipeline.kind().name(),
        "docs": docs.len(),
        "docs_per_chunk": docs_per_chunk,
        "doc_files": doc_names,
        "term_files": term_names,
        "vocab_file": vocab_name,
        "categories": info.categories,
        "results_path": info.results_path,
    });
    files.push(("meta.json".to_string(), serde_json::to_vec(&meta).unwrap_or_default()));
    files
}

/// `""` when every document wrote the key itself; else the dominant form
/// and, for each other form, the documents that used it.
fn forms(key: &str, term: &Term) -> Value {
    if term.forms.iter().all(|f| f == key) {
        return Value::String(String::new());
    }
    let mut counts = vec![0usize; term.forms.len()];
    for f in &term.form_of {
        if let Some(c) = counts.get_mut(usize::from(*f)) {
            *c += 1;
        }
    }
    let dominant = (0..term.forms.len()).max_by(|a, b| counts[*a].cmp(&counts[*b]).then(b.cmp(a))).unwrap_or(0);
    let mut out = vec![Value::String(term.forms[dominant].clone())];
    for (index, form) in term.forms.iter().enumerate() {
        if index == dominant {
            continue;
        }
        let mut entry = vec![Value::String(form.clone())];
        for (posting, f) in term.postings.iter().zip(&term.form_of) {
            if usize::from(*f) == index {
                entry.push(Value::from(posting.doc));
            }
        }
        out.push(Value::Array(entry));
    }
    Value::Array(out)
}

/// Eight hex digits naming a file by its content, so hosts may cache it forever.
pub(crate) fn hash8(bytes: &[u8]) -> String {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    format!("{:08x}", crc.sum())
}
