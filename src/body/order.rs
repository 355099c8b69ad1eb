//! Per-language ordering, computed once per language: categories and the
//! articles inside each, by `order`, then by title with French-aware
//! collation (É sorts with E, Œ with OE, case ignored).

use std::cmp::Ordering;

/// Sort key that folds case and accents so French titles sort as a reader
/// expects. Ties are broken by the original text, keeping order total.
pub(crate) fn collation_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => key.push('a'),
            'æ' | 'Æ' => key.push_str("ae"),
            'ç' | 'Ç' => key.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => key.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => key.push('i'),
            'ñ' | 'Ñ' => key.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => key.push('o'),
            'œ' | 'Œ' => key.push_str("oe"),
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => key.push('u'),
            'ý' | 'ÿ' | 'Ý' | 'Ÿ' => key.push('y'),
            '«' | '»' | '"' | '\'' | '’' | '“' | '”' => {}
            c => key.extend(c.to_lowercase()),
        }
    }
    key
}

/// Explicit order first (lower first), then unordered items, each by title.
pub(crate) fn compare(a_order: Option<f64>, a_title: &str, b_order: Option<f64>, b_title: &str) -> Ordering {
    let by_order = match (a_order, b_order) {
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    by_order.then_with(|| collation_key(a_title).cmp(&collation_key(b_title))).then_with(|| a_title.cmp(b_title))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(titles: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = titles.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| compare(None, a, None, b));
        v
    }

    #[test]
    fn accented_capitals_sort_with_their_letter() {
        assert_eq!(
            sorted(&["Facturation", "Étapes", "Dépannage", "exemples"]),
            ["Dépannage", "Étapes", "exemples", "Facturation"]
        );
    }

    #[test]
    fn oe_ligature_sorts_as_oe() {
        assert_eq!(sorted(&["Ordre", "Œuvre", "Odeur"]), ["Odeur", "Œuvre", "Ordre"]);
    }

    #[test]
    fn explicit_order_comes_before_titles() {
        assert_eq!(compare(Some(2.0), "A", Some(1.0), "Z"), Ordering::Greater);
        assert_eq!(compare(None, "A", Some(9.0), "Z"), Ordering::Greater);
    }
}
