//! The reference query engine: a query run on a written index, reading
//! only the files the browser would fetch (`FORMAT.md` §Querying). The
//! browser's `phare/search.js` mirrors it; `phare search` runs it so
//! support staff can try queries and the two can be compared.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::Value;

use super::encode::{self, BODY, DESCRIPTION, HEADING, Posting, TITLE};
use super::pipeline::{Pipeline, Word, one_typo_apart};

/// Prefix matches of the last word: at most this many keys, shortest first.
const MAX_PREFIX_KEYS: usize = 50;
/// Typo matches of one word: at most this many keys.
const MAX_TYPO_KEYS: usize = 20;
const EXCERPT_CHARS: usize = 180;

/// How a query word met a document, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    Typo,
    Prefix,
    Folded,
    ExactAccent,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub path: String,
    /// The heading's id when the match is under one.
    pub anchor: Option<String>,
    pub title: String,
    pub category: Option<String>,
    pub excerpt: String,
    /// Per query word that matched: how.
    pub matches: Vec<MatchKind>,
}

/// A file the query read, with what it costs on the wire.
#[derive(Debug, Clone, Serialize)]
pub struct FileRead {
    pub path: String,
    pub bytes: usize,
    pub gzip_bytes: usize,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Answer {
    pub total: usize,
    pub results: Vec<Hit>,
    pub files: Vec<FileRead>,
}

/// Reads index files by their path from the site root (`search/fr/meta.json`).
pub trait IndexFiles {
    fn read(&self, path: &str) -> Option<Vec<u8>>;
}

impl<F: Fn(&str) -> Option<Vec<u8>>> IndexFiles for F {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        self(path)
    }
}

/// Runs `query` on the index of `lang`; `shown` results get excerpts.
pub fn search(files: &dyn IndexFiles, lang: &str, query: &str, shown: usize) -> Result<Answer, String> {
    let mut reader = Reader { files, read: Vec::new(), cache: HashMap::new() };
    let folder = crate::urls::search_index_folder(lang);
    let words = Pipeline::new(lang).query_words(query);
    if words.is_empty() {
        return Ok(Answer::default());
    }
    let meta = reader.json(&format!("{folder}/meta.json")).ok_or_else(|| format!("no search index for `{lang}`"))?;
    let index = Index { meta: &meta, folder: &folder };
    let mut scores: BTreeMap<u32, Score> = BTreeMap::new();
    let word_count = words.len();
    for (position, word) in words.iter().enumerate() {
        let matched = index.matches(&mut reader, word, position + 1 == word_count);
        for (doc, kind, posting) in matched {
            let score = scores.entry(doc).or_insert_with(|| Score::new(word_count));
            score.add(position, kind, posting);
        }
    }
    let mut ranked: Vec<(u32, Score)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.rank().cmp(&a.1.rank()).then(a.0.cmp(&b.0)));
    let total = ranked.len();
    let mut results = Vec::new();
    for (doc, score) in ranked.into_iter().take(shown) {
        if let Some(hit) = index.hit(&mut reader, doc, &score, &words, lang) {
            results.push(hit);
        }
    }
    Ok(Answer { total, results, files: reader.read })
}

struct Reader<'a> {
    files: &'a dyn IndexFiles,
    read: Vec<FileRead>,
    cache: HashMap<String, Option<Value>>,
}

impl Reader<'_> {
    fn bytes(&mut self, path: &str) -> Option<Vec<u8>> {
        let bytes = self.files.read(path)?;
        self.read.push(FileRead { path: path.to_string(), bytes: bytes.len(), gzip_bytes: gzip_size(&bytes) });
        Some(bytes)
    }

    fn json(&mut self, path: &str) -> Option<Value> {
        if let Some(cached) = self.cache.get(path) {
            return cached.clone();
        }
        let value = self.bytes(path).and_then(|b| serde_json::from_slice(&b).ok());
        self.cache.insert(path.to_string(), value.clone());
        value
    }
}

/// What a host sending the file gzipped (level 9, as static hosts do) sends.
pub fn gzip_size(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    if encoder.write_all(bytes).is_err() {
        return bytes.len();
    }
    encoder.finish().map_or(bytes.len(), |out| out.len())
}

struct Index<'a> {
    meta: &'a Value,
    folder: &'a str,
}

/// One key's entry in its term chunk.
struct Entry {
    postings: Vec<Posting>,
    /// Document → form it used, when not the dominant one.
    forms: Option<(String, HashMap<u32, String>)>,
}

impl Index<'_> {
    fn term_file(&self, key: &str) -> Option<String> {
        let files = self.meta["term_files"].as_array()?;
        let position = files.partition_point(|entry| entry[0].as_str().is_some_and(|first| first <= key));
        let name = files.get(position.checked_sub(1)?)?[1].as_str()?;
        Some(format!("{}/{name}", self.folder))
    }

    fn entry(&self, reader: &mut Reader<'_>, key: &str) -> Option<Entry> {
        let chunk = reader.json(&self.term_file(key)?)?;
        let keys = chunk["keys"].as_array()?;
        let at = keys.binary_search_by(|k| k.as_str().unwrap_or("").cmp(key)).ok()?;
        let postings = encode::decode(chunk["postings"][at].as_str()?)?;
        let forms = match &chunk["forms"][at] {
            Value::Array(list) => {
                let dominant = list.first()?.as_str()?.to_string();
                let mut others = HashMap::new();
                for other in list.iter().skip(1).filter_map(Value::as_array) {
                    let form = other.first().and_then(Value::as_str).unwrap_or("").to_string();
                    for doc in other.iter().skip(1).filter_map(Value::as_u64) {
                        others.insert(doc as u32, form.clone());
                    }
                }
                Some((dominant, others))
            }
            _ => None,
        };
        Some(Entry { postings, forms })
    }

    /// Keys of the term chunks from `key`'s on that start with `prefix`.
    fn keys_with_prefix(&self, reader: &mut Reader<'_>, prefix: &str) -> Vec<String> {
        let mut found = Vec::new();
        let Some(files) = self.meta["term_files"].as_array() else { return found };
        let first = files.partition_point(|e| e[0].as_str().is_some_and(|f| f <= prefix)).saturating_sub(1);
        for (index, entry) in files.iter().enumerate().skip(first) {
            let starts = entry[0].as_str().unwrap_or("");
            if index > first && !starts.starts_with(prefix) {
                break;
            }
            let Some(name) = entry[1].as_str() else { break };
            let Some(chunk) = reader.json(&format!("{}/{name}", self.folder)) else { break };
            let keys = chunk["keys"].as_array().cloned().unwrap_or_default();
            found.extend(
                keys.iter()
                    .filter_map(Value::as_str)
                    .filter(|k| k.starts_with(prefix) && *k != prefix)
                    .map(str::to_string),
            );
        }
        found.sort_by(|a, b| a.chars().count().cmp(&b.chars().count()).then(a.cmp(b)));
        found.truncate(MAX_PREFIX_KEYS);
        found
    }

    /// Every (document, how, posting) the word meets.
    fn matches(&self, reader: &mut Reader<'_>, word: &Word, last: bool) -> Vec<(u32, MatchKind, Posting)> {
        let mut out = Vec::new();
        let exact = self.entry(reader, &word.key);
        if let Some(entry) = &exact {
            for posting in &entry.postings {
                let form = match &entry.forms {
                    None => word.key.as_str(),
                    Some((dominant, others)) => others.get(&posting.doc).unwrap_or(dominant).as_str(),
                };
                let kind = if form == word.form { MatchKind::ExactAccent } else { MatchKind::Folded };
                out.push((posting.doc, kind, *posting));
            }
        }
        if last && word.key.chars().count() >= 3 {
            for key in self.keys_with_prefix(reader, &word.key) {
                for posting in self.entry(reader, &key).map(|e| e.postings).unwrap_or_default() {
                    out.push((posting.doc, MatchKind::Prefix, posting));
                }
            }
        }
        if exact.is_none() && word.letters >= 5 {
            for key in self.typo_keys(reader, &word.key) {
                for posting in self.entry(reader, &key).map(|e| e.postings).unwrap_or_default() {
                    out.push((posting.doc, MatchKind::Typo, posting));
                }
            }
        }
        out
    }

    fn typo_keys(&self, reader: &mut Reader<'_>, key: &str) -> Vec<String> {
        let Some(name) = self.meta["vocab_file"].as_str() else { return Vec::new() };
        let Some(bytes) = reader.bytes(&format!("{}/{name}", self.folder)) else { return Vec::new() };
        let text = String::from_utf8_lossy(&bytes);
        text.lines().filter(|k| one_typo_apart(key, k)).take(MAX_TYPO_KEYS).map(str::to_string).collect()
    }

    fn hit(&self, reader: &mut Reader<'_>, doc: u32, score: &Score, words: &[Word], lang: &str) -> Option<Hit> {
        let per_chunk = self.meta["docs_per_chunk"].as_u64()?.max(1);
        let name = self.meta["doc_files"].get((u64::from(doc) / per_chunk) as usize)?.as_str()?;
        let chunk = reader.json(&format!("{}/{name}", self.folder))?;
        let stored = &chunk["docs"][(u64::from(doc) % per_chunk) as usize];
        let category =
            stored["c"].as_i64().filter(|c| *c >= 0).and_then(|c| self.meta["categories"][c as usize][0].as_str());
        let sections: Vec<(String, String, String)> = stored["s"]
            .as_array()?
            .iter()
            .filter_map(|s| {
                let s = s.as_array()?;
                let text = |i: usize| s.get(i).and_then(Value::as_str).unwrap_or("").to_string();
                Some(if s.len() == 2 { (String::new(), String::new(), text(1)) } else { (text(0), text(1), text(2)) })
            })
            .collect();
        let keys: Vec<&str> = words.iter().map(|w| w.key.as_str()).collect();
        let (anchor, excerpt) = excerpt(&sections, &keys, lang, words);
        Some(Hit {
            path: stored["p"].as_str()?.to_string(),
            anchor,
            title: stored["t"].as_str().unwrap_or("").to_string(),
            category: category.map(str::to_string),
            excerpt,
            matches: score.kinds.iter().flatten().copied().collect(),
        })
    }
}

/// A heading that matches first, then the earliest text match, else the
/// page's first text: (anchor, excerpt).
fn excerpt(
    sections: &[(String, String, String)],
    keys: &[&str],
    lang: &str,
    words: &[Word],
) -> (Option<String>, String) {
    let pipeline = Pipeline::new(lang);
    let meets = |token: &str| {
        let mut hit = false;
        pipeline.words(token, |w| {
            hit |= keys.contains(&w.key.as_str())
                || words.iter().any(|q| w.key.starts_with(&q.key) || one_typo_apart(&q.key, &w.key))
        });
        hit
    };
    let anchor_of = |id: &str| (!id.is_empty()).then(|| id.to_string());
    for (id, heading, text) in sections.iter().skip(1) {
        if heading.split(' ').any(meets) {
            return (anchor_of(id), window(text, 0));
        }
    }
    for (id, _, text) in sections {
        let mut offset = 0;
        for token in text.split(' ') {
            if meets(token) {
                return (anchor_of(id), window(text, offset));
            }
            offset += token.chars().count() + 1;
        }
    }
    (None, sections.first().map(|s| window(&s.2, 0)).unwrap_or_default())
}

/// At most [`EXCERPT_CHARS`] of `text` around character `at`, from a word start.
fn window(text: &str, at: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut start = at.saturating_sub(EXCERPT_CHARS / 3);
    while start > 0 && start < at && chars[start - 1] != ' ' {
        start += 1;
    }
    let end = (start + EXCERPT_CHARS).min(chars.len());
    super::store::cut(&chars[start..].iter().collect::<String>(), end - start)
}

struct Score {
    kinds: Vec<Option<MatchKind>>,
    weights: Vec<u8>,
    tf: Vec<u8>,
}

fn weight(fields: u8) -> u8 {
    [(TITLE, 8), (HEADING, 4), (DESCRIPTION, 2), (BODY, 1)]
        .iter()
        .find(|(bit, _)| fields & bit != 0)
        .map_or(0, |(_, w)| *w)
}

impl Score {
    fn new(words: usize) -> Score {
        Score { kinds: vec![None; words], weights: vec![0; words], tf: vec![0; words] }
    }

    fn add(&mut self, word: usize, kind: MatchKind, posting: Posting) {
        self.kinds[word] = self.kinds[word].max(Some(kind));
        self.weights[word] = self.weights[word].max(weight(posting.fields));
        self.tf[word] = self.tf[word].max(posting.tf_bucket);
    }

    /// Words matched, matched exactly, field weights, exact accents, frequency.
    fn rank(&self) -> (usize, usize, u32, usize, u32) {
        let matched = self.kinds.iter().flatten().count();
        let exact = self.kinds.iter().flatten().filter(|k| **k >= MatchKind::Folded).count();
        let accents = self.kinds.iter().flatten().filter(|k| **k == MatchKind::ExactAccent).count();
        let weights = self.weights.iter().map(|w| u32::from(*w)).sum();
        let tf = self.tf.iter().map(|t| u32::from(*t)).sum();
        (matched, exact, weights, accents, tf)
    }
}
