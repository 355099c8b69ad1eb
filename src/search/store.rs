//! What a document chunk keeps of each page for excerpts: its sections'
//! texts cut to a fair share of a per-page budget, at word boundaries.

use serde_json::{Value, json};

use super::extract::collapse;
use super::index::DocSource;

/// A heading is stored whole up to this many characters.
const MAX_HEADING_CHARS: usize = 120;

/// `{"p": path, "t": title, "c": category, "s": [["", text], [id, heading, text]…]}`.
/// Sections past `max_sections` are not stored (their words are still
/// indexed; a match there shows the page's first text).
pub(crate) fn stored_doc(doc: &DocSource, budget: usize, max_sections: usize) -> Value {
    let sections = &doc.sections[..doc.sections.len().min(max_sections.max(1))];
    // Only what can be stored is collapsed: a text longer than the budget
    // counts as that long.
    let limit = budget.saturating_mul(4).saturating_add(4);
    let collapsed: Vec<String> = sections.iter().map(|s| collapse(&s.text, limit)).collect();
    let first = match (doc.description.is_empty(), collapsed.first()) {
        (false, Some(text)) if !text.is_empty() => format!("{} {text}", doc.description),
        (false, _) => doc.description.clone(),
        (true, Some(text)) => text.clone(),
        (true, None) => String::new(),
    };
    let mut texts: Vec<&str> = vec![first.as_str()];
    texts.extend(collapsed.iter().skip(1).map(String::as_str));
    let shares = fair_shares(&texts.iter().map(|t| t.chars().count()).collect::<Vec<_>>(), budget);
    let mut stored = vec![json!(["", cut(texts[0], shares[0])])];
    for (index, section) in sections.iter().enumerate().skip(1) {
        stored.push(json!([section.id, cut(&section.heading, MAX_HEADING_CHARS), cut(texts[index], shares[index])]));
    }
    json!({ "p": doc.path, "t": doc.title, "c": doc.category, "s": stored })
}

/// Splits `budget` so that short texts keep all of theirs and the rest is
/// shared equally by the longer ones.
fn fair_shares(lengths: &[usize], budget: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|i| lengths[*i]);
    let mut shares = vec![0; lengths.len()];
    let mut left = budget;
    for (position, index) in order.iter().enumerate() {
        let fair = left / (lengths.len() - position);
        shares[*index] = lengths[*index].min(fair);
        left -= shares[*index];
    }
    shares
}

/// At most `limit` characters, cut at the last space when there is one.
pub(crate) fn cut(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        None => text.to_string(),
        Some((end, _)) => {
            let head = &text[..end];
            let at_space = head.rfind(' ').filter(|at| *at > end / 2).unwrap_or(end);
            head[..at_space].trim_end().to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sections_keep_their_text_and_long_ones_share_the_rest() {
        assert_eq!(fair_shares(&[10, 1000, 1000], 210), vec![10, 100, 100]);
        assert_eq!(fair_shares(&[5, 5], 100), vec![5, 5]);
    }

    #[test]
    fn texts_are_cut_at_a_word_boundary() {
        assert_eq!(cut("un deux trois", 9), "un deux");
        assert_eq!(cut("téléphone", 4), "télé");
        assert_eq!(cut("court", 100), "court");
    }
}
