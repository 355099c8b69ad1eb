//! Bare URLs in text become links, as GitHub's "autolink literal"
//! extension does (pulldown-cmark 0.13 does not offer it): `https://…`,
//! `http://…` and `www.…`, ending at a space or `<`, without trailing
//! punctuation or an unbalanced `)`. One pass over the text.

/// A piece of text: plain, or a bare URL and the address it links to.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Piece<'t> {
    Text(&'t str),
    Url(&'t str, String),
}

/// The parser's events with neighbouring text joined: pulldown-cmark cuts
/// text at `_` or `*` that open nothing, which would cut a URL in two.
pub(super) fn merged_text<'e>(
    events: impl Iterator<Item = (pulldown_cmark::Event<'e>, std::ops::Range<usize>)>,
) -> impl Iterator<Item = (pulldown_cmark::Event<'e>, std::ops::Range<usize>)> {
    use pulldown_cmark::Event::Text;
    let mut pending: Option<(String, std::ops::Range<usize>)> = None;
    let mut out = Vec::new();
    for (event, range) in events {
        match (event, pending.as_mut()) {
            (Text(text), Some((joined, joined_range))) if joined_range.end == range.start => {
                joined.push_str(&text);
                joined_range.end = range.end;
            }
            (Text(text), _) => {
                if let Some((joined, joined_range)) = pending.take() {
                    out.push((Text(joined.into()), joined_range));
                }
                pending = Some((text.to_string(), range));
            }
            (other, _) => {
                if let Some((joined, joined_range)) = pending.take() {
                    out.push((Text(joined.into()), joined_range));
                }
                out.push((other, range));
            }
        }
    }
    if let Some((joined, joined_range)) = pending {
        out.push((Text(joined.into()), joined_range));
    }
    out.into_iter()
}

const STARTS: [&str; 3] = ["https://", "http://", "www."];

/// `text` cut into plain pieces and bare URLs; `None` when it has none.
pub(super) fn pieces(text: &str) -> Option<Vec<Piece<'_>>> {
    if !text.contains("://") && !text.contains("www.") {
        return None;
    }
    let mut pieces = Vec::new();
    let mut copied = 0;
    let mut at = 0;
    let bytes = text.as_bytes();
    while at < bytes.len() {
        if !text.is_char_boundary(at) {
            at += 1;
            continue;
        }
        let at_word_start = at == 0 || matches!(bytes[at - 1], b' ' | b'\t' | b'\n' | b'(' | b'*' | b'_' | b'~');
        let start = if at_word_start { STARTS.iter().find(|s| starts_with_ignore_case(&text[at..], s)) } else { None };
        let Some(start) = start else {
            at += 1;
            continue;
        };
        let end = at + url_length(&text[at..]);
        if end - at <= start.len() || !text[at + start.len()..end].contains(|c: char| c.is_alphanumeric()) {
            at = end.max(at + 1);
            continue;
        }
        if copied < at {
            pieces.push(Piece::Text(&text[copied..at]));
        }
        let url = &text[at..end];
        let href = if start == &"www." { format!("http://{url}") } else { url.to_string() };
        pieces.push(Piece::Url(url, href));
        copied = end;
        at = end;
    }
    if pieces.is_empty() {
        return None;
    }
    if copied < text.len() {
        pieces.push(Piece::Text(&text[copied..]));
    }
    Some(pieces)
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len() && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Length of the URL at the start of `text`, GFM's way: up to a space or
/// `<`, then trailing `?!.,:*_~'"` dropped, and a `)` dropped while the
/// URL holds more `)` than `(`.
fn url_length(text: &str) -> usize {
    let mut end = text.find(|c: char| c.is_whitespace() || c == '<').unwrap_or(text.len());
    let url = &text[..end];
    // Counted once: a URL ending in many `)` stays linear.
    let mut closing = url.matches(')').count();
    let opening = url.matches('(').count();
    loop {
        let Some(last) = text[..end].chars().last() else { return 0 };
        if matches!(last, '?' | '!' | '.' | ',' | ':' | '*' | '_' | '~' | '\'' | '"') {
            end -= 1;
        } else if last == ')' && closing > opening {
            end -= 1;
            closing -= 1;
        } else {
            return end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<String> {
        pieces(text)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| match p {
                Piece::Url(_, href) => Some(href),
                Piece::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn bare_urls_end_where_gfm_ends_them() {
        assert_eq!(urls("See https://t.me/tellaapp."), ["https://t.me/tellaapp"]);
        assert_eq!(
            urls("(www.example.org/a_(b)) and http://x.org/?q=1!"),
            ["http://www.example.org/a_(b)", "http://x.org/?q=1"]
        );
        assert_eq!(urls("no https:// alone, nohttps://x.org"), Vec::<String>::new());
        assert!(pieces("plain text").is_none());
    }

    #[test]
    fn text_around_is_kept_in_order() {
        let found = pieces("a https://x.org b").unwrap();
        assert_eq!(found, [Piece::Text("a "), Piece::Url("https://x.org", "https://x.org".into()), Piece::Text(" b")]);
    }

    #[test]
    fn accented_text_around_urls_is_cut_at_character_boundaries() {
        assert_eq!(urls("Écrivez à https://exemple.fr/été, merci"), ["https://exemple.fr/été"]);
        assert!(pieces("éé://ààwww.").is_none() || urls("éé://ààwww.").is_empty());
    }

    #[test]
    fn a_long_line_of_almost_urls_is_one_pass() {
        let text = "www. ".repeat(200_000);
        assert!(pieces(&text).is_none());
    }
}
