//! Translation keys one typo apart: `lost-phnoe` in French pairs with
//! nothing while English has `lost-phone` with no French version. The
//! writer meant one key; say so, in `build` and `check` alike.
//!
//! Only keys that pair with nothing are compared, through their one-letter
//! deletions (a symmetric-deletion index), so the cost grows with the
//! number of unpaired keys, never with its square.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostics::Diagnostic;
use crate::site::Article;

pub(crate) const NEAR_TRANSLATION_KEY: &str = "near-translation-key";

/// For each key present in a single language: keys of another single
/// language one edit away (a letter wrong, missing, extra or two swapped).
pub(crate) fn near_keys(
    articles: &[Article],
    groups: &BTreeMap<String, BTreeMap<String, usize>>,
) -> BTreeMap<String, Vec<String>> {
    let lonely: Vec<(&str, &str)> = groups
        .iter()
        .filter_map(|(key, versions)| {
            let mut originals = versions.iter().filter(|(_, i)| articles[**i].fallback_of.is_none());
            match (originals.next(), originals.next()) {
                (Some((lang, _)), None) => Some((key.as_str(), lang.as_str())),
                _ => None,
            }
        })
        .collect();
    let mut by_variant: HashMap<String, Vec<usize>> = HashMap::new();
    for (n, (key, _)) in lonely.iter().enumerate() {
        for variant in variants(key) {
            by_variant.entry(variant).or_default().push(n);
        }
    }
    let mut near: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, lang) in &lonely {
        let mut found: Vec<String> = variants(key)
            .iter()
            .filter_map(|v| by_variant.get(v))
            .flatten()
            .map(|&n| lonely[n])
            .filter(|(other, other_lang)| other != key && other_lang != lang && one_edit(key, other))
            .map(|(other, _)| other.to_string())
            .collect();
        found.sort();
        found.dedup();
        if !found.is_empty() {
            near.insert(key.to_string(), found);
        }
    }
    near
}

/// A warning per article whose key has near twins in other languages.
pub(crate) fn warnings(
    articles: &[Article],
    groups: &BTreeMap<String, BTreeMap<String, usize>>,
    near: &BTreeMap<String, Vec<String>>,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (key, twins) in near {
        let Some(&index) = groups.get(key).and_then(|versions| versions.values().next()) else { continue };
        let article = &articles[index];
        let line = article.front_matter.key_lines.get("translation_key").copied().unwrap_or(1);
        let twin = &twins[0];
        let twin_lang = groups.get(twin).and_then(|v| v.keys().next()).map(String::as_str).unwrap_or_default();
        found.push(
            Diagnostic::warning(
                &article.source,
                line,
                1,
                format!(
                    "the translation key `{key}` pairs this article with nothing, but `{twin}` in `{twin_lang}` is one letter away"
                ),
            )
            .with_hint(format!("did you mean `{twin}`? Give both articles the same `translation_key` to pair them"))
            .with_code(NEAR_TRANSLATION_KEY),
        );
    }
    found
}

fn variants(key: &str) -> Vec<String> {
    let chars: Vec<char> = key.chars().collect();
    // Long keys are compared whole only; their deletions would cost more
    // than they find.
    if chars.len() > 80 {
        return vec![key.to_string()];
    }
    let mut all = vec![key.to_string()];
    for skip in 0..chars.len() {
        all.push(chars.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, c)| c).collect());
    }
    all
}

fn one_edit(a: &str, b: &str) -> bool {
    strsim::damerau_levenshtein(a, b) == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_meet_for_every_kind_of_single_typo() {
        for (a, b) in [
            ("lost-phone", "lost-phnoe"),
            ("lost-phone", "lost-phon"),
            ("lost-phone", "lost-phoone"),
            ("lost-phone", "lost-phane"),
        ] {
            let ours = variants(a);
            assert!(variants(b).iter().any(|v| ours.contains(v)), "{a} / {b}");
            assert!(one_edit(a, b), "{a} / {b}");
        }
        assert!(!one_edit("lost-phone", "last-phane"));
    }
}
