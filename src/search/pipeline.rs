//! The text pipeline: one text and a language → the words a search knows
//! (`FORMAT.md` §1). The browser's `phare/search.js` runs the same steps,
//! and `tests/search/pipeline-cases.json` holds their agreed results, so
//! any change here is a change of the index format.
//!
//! Linear in the text: one pass over its characters, each word looked at a
//! bounded number of times (words past 40 characters are dropped before
//! stemming).

use std::collections::HashSet;

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// Longer words (after elision) are not indexed: they are codes, URLs
/// without punctuation or noise, and the stemmer's work grows with them.
pub(crate) const MAX_WORD_CHARS: usize = 40;

/// Hyphenated runs of at most this many parts are also joined into one word.
const MAX_JOINED_PARTS: usize = 3;

/// The French elided particles: `l’application` → `application`.
const ELIDED: &[&str] =
    &["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu"];

/// Which Snowball algorithm a language uses (by its first subtag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StemmerKind {
    French,
    English,
    None,
}

impl StemmerKind {
    pub(crate) fn for_language(code: &str) -> StemmerKind {
        let primary = code.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "fr" => StemmerKind::French,
            "en" => StemmerKind::English,
            _ => StemmerKind::None,
        }
    }

    /// As `meta.json` names it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            StemmerKind::French => "french",
            StemmerKind::English => "english",
            StemmerKind::None => "none",
        }
    }
}

/// One word as the index and the queries know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// The stem, folded: what is looked up.
    pub(crate) key: String,
    /// The stem before folding: tells exact-accent matches apart.
    pub(crate) form: String,
    /// Characters of the word before stemming (typo tolerance needs 5).
    pub(crate) letters: usize,
}

pub(crate) struct Pipeline {
    kind: StemmerKind,
    stemmer: Option<rust_stemmers::Stemmer>,
    stop_words: &'static HashSet<&'static str>,
}

static FRENCH_STOP: OnceLock<HashSet<&'static str>> = OnceLock::new();
static ENGLISH_STOP: OnceLock<HashSet<&'static str>> = OnceLock::new();
static NO_STOP: OnceLock<HashSet<&'static str>> = OnceLock::new();

/// The Snowball project's stop lists, folded, one word a line; the client
/// embeds the same files.
pub(crate) const FRENCH_STOP_WORDS: &str = include_str!("stopwords/fr.txt");
pub(crate) const ENGLISH_STOP_WORDS: &str = include_str!("stopwords/en.txt");

fn stop_set(cell: &'static OnceLock<HashSet<&'static str>>, text: &'static str) -> &'static HashSet<&'static str> {
    cell.get_or_init(|| text.lines().map(str::trim).filter(|w| !w.is_empty()).collect())
}

impl Pipeline {
    pub(crate) fn new(lang: &str) -> Pipeline {
        let kind = StemmerKind::for_language(lang);
        let (stemmer, stop_words) = match kind {
            StemmerKind::French => (
                Some(rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::French)),
                stop_set(&FRENCH_STOP, FRENCH_STOP_WORDS),
            ),
            StemmerKind::English => (
                Some(rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English)),
                stop_set(&ENGLISH_STOP, ENGLISH_STOP_WORDS),
            ),
            StemmerKind::None => (None, stop_set(&NO_STOP, "")),
        };
        Pipeline { kind, stemmer, stop_words }
    }

    pub(crate) fn kind(&self) -> StemmerKind {
        self.kind
    }

    /// Every word of `text`, in order (repeats included).
    pub(crate) fn words(&self, text: &str, mut emit: impl FnMut(Word)) {
        self.words_with(text, &mut WordCache::default(), |known| emit(known.word.clone()));
    }

    /// [`Pipeline::words`], remembering in `cache` what each written word
    /// became: a site has far fewer distinct words than words, and stemming
    /// and folding are most of the work.
    pub(crate) fn words_with(&self, text: &str, cache: &mut WordCache, mut emit: impl FnMut(&Known)) {
        // ASCII is its own NFC, and its lower case needs no tables.
        let normalized = if text.is_ascii() {
            text.to_ascii_lowercase()
        } else if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
            text.to_lowercase()
        } else {
            text.nfc().collect::<String>().to_lowercase()
        };
        let unified;
        let text: &str = if normalized.contains(['\u{2019}', '\u{2018}', '\u{2bc}']) {
            unified = normalized.replace(['\u{2019}', '\u{2018}', '\u{2bc}'], "'");
            &unified
        } else {
            &normalized
        };
        let at = |i: usize| text.get(i..).and_then(|rest| rest.chars().next());
        // (start, end) byte ranges of a hyphenated run's parts; `None` for
        // a part too long to be a word (skipped without being copied).
        let mut parts: Vec<Option<&str>> = Vec::new();
        let mut i = 0;
        while let Some(c) = at(i) {
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
            parts.clear();
            loop {
                let start = i;
                let mut count = 0;
                while let Some(c) = at(i) {
                    let inside = c.is_alphanumeric() || (c == '\'' && at(i + 1).is_some_and(char::is_alphanumeric));
                    if !inside {
                        break;
                    }
                    i += c.len_utf8();
                    count += 1;
                }
                parts.push((count <= MAX_WORD_CHARS * 2).then(|| elide(&text[start..i])));
                let hyphen = at(i).filter(|c| *c == '-' || *c == '\u{2011}');
                match hyphen {
                    Some(h) if at(i + h.len_utf8()).is_some_and(char::is_alphanumeric) => i += h.len_utf8(),
                    _ => break,
                }
            }
            for part in parts.iter().flatten() {
                self.finish_cached(part, cache, &mut emit);
            }
            if (2..=MAX_JOINED_PARTS).contains(&parts.len()) && parts.iter().all(Option::is_some) {
                let joined: String = parts.iter().flatten().copied().collect();
                self.finish_cached(&joined, cache, &mut emit);
            }
        }
    }

    fn finish_cached(&self, word: &str, cache: &mut WordCache, emit: &mut impl FnMut(&Known)) {
        if word.is_empty() {
            return;
        }
        if let Some(known) = cache.words.get(word) {
            if let Some(index) = known {
                emit(&cache.known[*index as usize]);
            }
            return;
        }
        let index = self.finish(word).map(|word| {
            let key = id_of(&mut cache.keys, &mut cache.key_names, &word.key);
            let form = id_of(&mut cache.forms, &mut cache.form_names, &word.form);
            cache.known.push(Known { word, key, form });
            (cache.known.len() - 1) as u32
        });
        cache.words.insert(word.to_string(), index);
        if let Some(index) = index {
            emit(&cache.known[index as usize]);
        }
    }

    /// Steps 7–10 for one word.
    fn finish(&self, word: &str) -> Option<Word> {
        let letters = word.chars().count();
        if letters == 0 || letters > MAX_WORD_CHARS {
            return None;
        }
        if letters == 1 && !word.chars().all(char::is_numeric) {
            return None;
        }
        let folded = fold(word);
        if self.stop_words.contains(folded.as_str()) {
            return None;
        }
        let stem = |text: &str| -> String {
            let stemmed = match &self.stemmer {
                Some(stemmer) => stemmer.stem(text).into_owned(),
                None => text.to_string(),
            };
            stemmed.chars().filter(|c| *c != '\'').collect()
        };
        // The key is the stem of the folded word, not the folded stem: the
        // stemmer reads `sécurité` and `securite` differently (`secur`,
        // `securit`), and a reader without accents types the second.
        let key = stem(&folded);
        if key.is_empty() {
            return None;
        }
        let form = stem(word);
        Some(Word { key, form, letters })
    }

    /// The distinct words of a query, as searched: the query cut to
    /// [`MAX_QUERY_CHARS`], at most [`MAX_QUERY_WORDS`] words.
    pub(crate) fn query_words(&self, query: &str) -> Vec<Word> {
        let cut: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let mut words: Vec<Word> = Vec::new();
        self.words(&cut, |word| {
            if words.len() < MAX_QUERY_WORDS && !words.iter().any(|w| w.key == word.key && w.form == word.form) {
                words.push(word);
            }
        });
        words
    }
}

/// What written words became, for one thread's share of a language, with
/// numbers for keys and forms so callers count words without comparing
/// strings.
#[derive(Default)]
pub(crate) struct WordCache {
    words: FxHashMap<String, Option<u32>>,
    known: Vec<Known>,
    keys: FxHashMap<String, u32>,
    key_names: Vec<String>,
    forms: FxHashMap<String, u32>,
    form_names: Vec<String>,
}

/// A word the pipeline kept, with the cache's numbers for its key and form.
pub(crate) struct Known {
    pub(crate) word: Word,
    pub(crate) key: u32,
    pub(crate) form: u32,
}

impl WordCache {
    pub(crate) fn key(&self, id: u32) -> &str {
        &self.key_names[id as usize]
    }

    pub(crate) fn form(&self, id: u32) -> &str {
        &self.form_names[id as usize]
    }

    /// Emptied between documents once this big, so a site of many
    /// distinct words does not keep a second index in memory.
    pub(crate) fn is_large(&self) -> bool {
        self.words.len() > 200_000
    }
}

fn id_of(ids: &mut FxHashMap<String, u32>, names: &mut Vec<String>, name: &str) -> u32 {
    if let Some(id) = ids.get(name) {
        return *id;
    }
    let id = names.len() as u32;
    names.push(name.to_string());
    ids.insert(name.to_string(), id);
    id
}

pub(crate) const MAX_QUERY_CHARS: usize = 200;
pub(crate) const MAX_QUERY_WORDS: usize = 10;

/// `l'application` → `application`; other words unchanged.
fn elide(word: &str) -> &str {
    match word.bytes().position(|b| b == b'\'') {
        Some(at) if ELIDED.contains(&&word[..at]) => &word[at + 1..],
        _ => word,
    }
}

/// Accents and ligatures away: NFD, marks dropped, `œ æ ß` spelled out, NFC.
pub(crate) fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            other => out.push(other),
        }
    }
    out.nfc().collect()
}

/// Whether `a` becomes `b` by one wrong, missing, extra or swapped
/// character (Damerau–Levenshtein distance exactly 1).
pub(crate) fn one_typo_apart(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    la.abs_diff(lb) <= 1 && a != b && strsim::osa_distance(a, b) == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(lang: &str, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        Pipeline::new(lang).words(text, |w| out.push(w.key));
        out
    }

    #[test]
    fn elisions_are_split_off_with_either_apostrophe() {
        assert_eq!(keys("fr", "l'application"), keys("fr", "l’application"));
        assert_eq!(keys("fr", "l'application"), keys("fr", "application"));
        assert_eq!(keys("fr", "d’abord qu‘il jusqu'à lorsqu\u{2bc}elle"), keys("fr", "abord il à elle"));
        assert_eq!(keys("fr", "aujourd'hui"), vec!["aujourdhui"]);
    }

    #[test]
    fn accents_and_ligatures_fold_so_plain_keyboards_find_them() {
        assert_eq!(keys("fr", "téléphone"), keys("fr", "telephone"));
        assert_eq!(keys("fr", "Téléphones"), vec!["telephon"]);
        assert_eq!(fold("cœur"), "coeur");
        assert_eq!(fold("straße"), "strasse");
        assert_eq!(fold("e\u{301}cran"), "ecran");
    }

    #[test]
    fn french_and_english_words_are_stemmed() {
        assert_eq!(keys("en", "codes"), keys("en", "code"));
        assert_eq!(keys("fr", "codes"), keys("fr", "code"));
        assert_eq!(keys("en", "connecting connected"), vec!["connect", "connect"]);
        assert_eq!(keys("fr", "paramètres"), keys("fr", "paramètre"));
        assert_eq!(keys("de", "Häuser"), vec!["hauser"], "other languages are folded, not stemmed");
    }

    #[test]
    fn se_connecter_finds_connectez_vous() {
        let query = keys("fr", "se connecter");
        assert_eq!(query, vec!["connect"]);
        assert!(keys("fr", "Connectez-vous").contains(&query[0]));
    }

    #[test]
    fn no_break_spaces_and_hyphens_separate_words() {
        assert_eq!(keys("fr", "mot\u{a0}de\u{202f}passe\u{2009}oublié"), keys("fr", "mot de passe oublié"));
        assert_eq!(keys("en", "e-mail"), vec!["mail", "email"]);
        assert_eq!(keys("en", "a-b-c-d long-lived"), vec!["long", "live", "longliv"]);
    }

    #[test]
    fn stop_words_short_words_and_long_words_are_left_out() {
        assert!(keys("fr", "le la les de des et à été").is_empty());
        assert!(keys("en", "the and of don't").is_empty());
        assert_eq!(keys("en", "x 2 y"), vec!["2"]);
        assert!(keys("en", &"a".repeat(41)).is_empty());
        assert!(keys("en", &"a".repeat(1_000_000)).is_empty());
    }

    #[test]
    fn apostrophes_left_after_stemming_are_removed() {
        assert_eq!(keys("en", "user's"), vec!["user"]);
        assert_eq!(keys("en", "won’tfix"), vec!["wontfix"]);
    }

    #[test]
    fn a_word_typed_without_accents_gets_the_key_of_the_accented_one() {
        for (accented, plain) in
            [("sécurité", "securite"), ("vérifié", "verifie"), ("accès", "acces"), ("désactivé", "desactive")]
        {
            assert_eq!(keys("fr", accented), keys("fr", plain), "{accented} / {plain}");
        }
    }

    #[test]
    fn forms_keep_the_accents_keys_drop() {
        let mut words = Vec::new();
        Pipeline::new("fr").words("Téléphone", |w| words.push(w));
        assert_eq!(words[0].form, "téléphon");
        assert_eq!(words[0].key, "telephon");
        assert_eq!(words[0].letters, 9);
    }

    #[test]
    fn typo_distance_is_one_edit_or_one_swap() {
        assert!(one_typo_apart("telehpon", "telephon"), "swap");
        assert!(one_typo_apart("athentif", "authentif"), "missing");
        assert!(one_typo_apart("telephonn", "telephon"), "extra");
        assert!(one_typo_apart("telefon", "telepon"), "wrong");
        assert!(!one_typo_apart("telephon", "telephon"), "same");
        assert!(!one_typo_apart("tlehpon", "telephon"), "two edits");
    }

    #[test]
    fn queries_are_cut_and_words_counted_once() {
        let pipeline = Pipeline::new("en");
        assert!(pipeline.query_words("?!… — «»").is_empty());
        let long = "word ".repeat(400);
        assert_eq!(pipeline.query_words(&long).len(), 1);
        let many: String = (0..30).map(|i| format!("alpha{i} ")).collect();
        assert_eq!(pipeline.query_words(&many).len(), MAX_QUERY_WORDS);
    }
}
