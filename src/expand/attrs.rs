//! Attribute lists as the dialects write them: Liquid and GitBook
//! (`type="info" content=captured`), JSX (`title={"x"} items={[…]}`), and
//! directive braces (`{title="x" open}`); plus the object literals of
//! `<DocCardList items={[…]}>`.

/// A value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Raw {
    /// `"text"` or `'text'` (or `{"text"}` in JSX).
    Quoted(String),
    /// `name`, `page.list`, `3`: a variable or literal, resolved by the caller.
    Bare(String),
    /// `{…}` in JSX that is not a plain string.
    Expression(String),
    /// A key with no value (`open`).
    Flag,
}

pub(crate) fn parse(text: &str) -> Vec<(String, Raw)> {
    let chars: Vec<char> = text.chars().collect();
    let mut pairs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() || chars[i] == ',' {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' {
            if matches!(chars[i], '"' | '\'') {
                break;
            }
            i += 1;
        }
        let key: String = chars[start..i].iter().collect();
        if key.is_empty() {
            i += 1; // a stray quote: skip it rather than loop
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j].is_whitespace() {
            j += 1;
        }
        if j >= chars.len() || chars[j] != '=' {
            pairs.push((key, Raw::Flag));
            continue;
        }
        j += 1;
        while j < chars.len() && chars[j].is_whitespace() {
            j += 1;
        }
        let (value, end) = read_value(&chars, j);
        pairs.push((key, value));
        i = end;
    }
    pairs
}

fn read_value(chars: &[char], start: usize) -> (Raw, usize) {
    match chars.get(start) {
        Some(quote @ ('"' | '\'')) => {
            let (text, end) = read_quoted(chars, start, *quote);
            (Raw::Quoted(text), end)
        }
        Some('{') => {
            let end = matching_brace(chars, start);
            let inner: String = chars[start + 1..end.saturating_sub(1).max(start + 1)].iter().collect();
            let trimmed = inner.trim();
            let unquoted = ['"', '\'', '`']
                .iter()
                .find_map(|q| trimmed.strip_prefix(*q).and_then(|t| t.strip_suffix(*q)).filter(|t| !t.contains(*q)));
            match unquoted {
                Some(text) => (Raw::Quoted(text.to_string()), end),
                None => (Raw::Expression(trimmed.to_string()), end),
            }
        }
        _ => {
            let mut end = start;
            while end < chars.len() && !chars[end].is_whitespace() {
                end += 1;
            }
            (Raw::Bare(chars[start..end].iter().collect()), end)
        }
    }
}

fn read_quoted(chars: &[char], start: usize, quote: char) -> (String, usize) {
    let mut text = String::new();
    let mut i = start + 1;
    while i < chars.len() && chars[i] != quote {
        if chars[i] == '\\' && i + 1 < chars.len() {
            i += 1;
        }
        text.push(chars[i]);
        i += 1;
    }
    (text, (i + 1).min(chars.len()))
}

/// Index just past the `}` that closes the `{` at `start`, skipping
/// strings; the end of the text when it never closes.
fn matching_brace(chars: &[char], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < chars.len() {
        match chars[i] {
            '"' | '\'' | '`' => {
                let (_, end) = read_quoted(chars, i, chars[i]);
                i = end;
                continue;
            }
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    chars.len()
}

/// Byte index just past the `>` ending the tag that starts at `start` (a
/// `<`), ignoring `>` inside quotes and braces (`items={[…]}`). A `<`
/// outside them means the tag was never closed (`a <B c <D>` is text, then
/// a tag), which also keeps tags from overlapping. `scan::search` follows
/// the same rules while remembering its walks.
pub(crate) fn tag_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    for (offset, &byte) in bytes.iter().enumerate().skip(start + 1) {
        match (quote, byte) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'{') => depth += 1,
            (None, b'}') => depth = depth.saturating_sub(1),
            (None, b'>') if depth == 0 => return Some(offset + 1),
            (None, b'<') if depth == 0 => return None,
            _ => {}
        }
    }
    None
}

/// The string fields of each object in a JS array literal:
/// `[{label: 'A', href: '/a', customProps: {…}}, …]` → `[{label: A, href: /a}]`.
pub(crate) fn object_list(expression: &str) -> Vec<Vec<(String, String)>> {
    let chars: Vec<char> = expression.chars().collect();
    let mut objects = Vec::new();
    let mut depth = 0usize;
    let mut current: Vec<(String, String)> = Vec::new();
    let mut key = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' | '\'' | '`' => {
                let (text, end) = read_quoted(&chars, i, c);
                // Inside the array (depth 1) sit objects (depth 2); a string
                // right after `key:` at depth 2 is a field.
                if depth == 2 && !key.is_empty() {
                    current.push((std::mem::take(&mut key), text));
                } else if depth == 2 && key.is_empty() {
                    key = text; // a quoted key: `"label": …`
                    i = end;
                    continue;
                }
                i = end;
                continue;
            }
            '[' | '{' | '(' => {
                depth += 1;
                key.clear();
            }
            ']' | '}' | ')' => {
                if depth == 2 && c == '}' {
                    objects.push(std::mem::take(&mut current));
                }
                depth = depth.saturating_sub(1);
                key.clear();
            }
            ':' => {}
            ',' => key.clear(),
            c if depth == 2 && (c.is_alphanumeric() || c == '_') => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let mut j = i;
                while j < chars.len() && chars[j].is_whitespace() {
                    j += 1;
                }
                key = if chars.get(j) == Some(&':') { word } else { String::new() };
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    objects
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liquid_attributes_keep_quotes_apart_from_variables() {
        let pairs = parse(r#"type="info" class='margin-bottom-4' content=alert_text size=md"#);
        assert_eq!(
            pairs,
            [
                ("type".into(), Raw::Quoted("info".into())),
                ("class".into(), Raw::Quoted("margin-bottom-4".into())),
                ("content".into(), Raw::Bare("alert_text".into())),
                ("size".into(), Raw::Bare("md".into())),
            ]
        );
    }

    #[test]
    fn jsx_attributes_read_braced_strings_expressions_and_flags() {
        let pairs = parse(r#"title={"Attention"} items={[{a: 1}]} open label='x y'"#);
        assert_eq!(pairs[0], ("title".into(), Raw::Quoted("Attention".into())));
        assert_eq!(pairs[1], ("items".into(), Raw::Expression("[{a: 1}]".into())));
        assert_eq!(pairs[2], ("open".into(), Raw::Flag));
        assert_eq!(pairs[3], ("label".into(), Raw::Quoted("x y".into())));
    }

    #[test]
    fn tag_end_skips_braces_and_quotes() {
        let text = r#"<DocCardList items={[{label: 'a > b'}]} /> after"#;
        assert_eq!(&text[..tag_end(text, 0).unwrap()], r#"<DocCardList items={[{label: 'a > b'}]} />"#);
    }

    #[test]
    fn tag_end_stops_at_a_bare_opening_bracket() {
        assert_eq!(tag_end("<Foo a <Bar>", 0), None);
        assert_eq!(tag_end(r#"<a title="<b>">"#, 0), Some(15));
        assert_eq!(tag_end("<A x={<B />}>", 0), Some(13));
    }

    #[test]
    fn object_list_reads_string_fields_of_each_object() {
        let list = object_list(
            "[{ type: 'link', label: 'Twilio SMS', href: '/integrations/twilio', description: \"L'officiel\", customProps: { icon: <Twilio />, } }, { label: 'B', href: '/b' }]",
        );
        assert_eq!(list.len(), 2);
        assert!(list[0].contains(&("label".into(), "Twilio SMS".into())));
        assert!(list[0].contains(&("description".into(), "L'officiel".into())));
        assert_eq!(list[1], [("label".into(), "B".into()), ("href".into(), "/b".into())]);
    }
}
