//! An article's rendered body HTML → its searchable text, in sections: the
//! text before the first heading, then one section per `h2`–`h4` with the
//! heading's `id`. Component bodies are already expanded in that HTML, so
//! alert and details bodies, tab labels and step titles are text like any
//! other. Text inside `pre`, `script`, `style` and `template` is skipped;
//! an image's `alt` is text.
//!
//! One pass, linear in the HTML: each tag's end is found by a forward scan
//! that never goes back, and a skipped element's end by one forward search.

/// One part of a page: `id` and `heading` are empty for the first one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Section {
    pub(crate) id: String,
    pub(crate) heading: String,
    pub(crate) text: String,
}

/// Tags that do not separate words: `<strong>mot</strong>s` is one word.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s",
    "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
];

/// Elements whose content is not reader-visible prose.
const SKIPPED: &[&str] = &["pre", "script", "style", "template", "textarea", "svg", "math"];

pub(crate) fn sections(html: &str) -> Vec<Section> {
    let mut out = vec![Section::default()];
    let mut in_heading: Option<String> = None;
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let Some(offset) = html[i..].find('<') else {
            push_text(&mut out, in_heading.is_some(), &html[i..]);
            break;
        };
        push_text(&mut out, in_heading.is_some(), &html[i..i + offset]);
        i += offset;
        if html[i..].starts_with("<!--") {
            i = html[i + 4..].find("-->").map_or(bytes.len(), |end| i + 4 + end + 3);
            continue;
        }
        let starts_tag =
            bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!' || *b == b'?');
        if !starts_tag {
            push_text(&mut out, in_heading.is_some(), "<");
            i += 1;
            continue;
        }
        let end = tag_end(bytes, i + 1);
        let tag = &html[i + 1..end.saturating_sub(1).max(i + 1)];
        i = end;
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() {
            // `<!DOCTYPE …>`, `<?…>`, `</ >`: nothing to read.
            continue;
        }
        if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            i = skip_element(html, i, &name);
            continue;
        }
        let heading = matches!(name.as_str(), "h2" | "h3" | "h4");
        if heading && !closing {
            in_heading = Some(name.clone());
            out.push(Section { id: attribute(tag, "id").unwrap_or_default(), ..Section::default() });
            continue;
        }
        if heading && closing && in_heading.as_deref() == Some(name.as_str()) {
            in_heading = None;
            continue;
        }
        if name == "img"
            && let Some(alt) = attribute(tag, "alt")
        {
            push_text(&mut out, in_heading.is_some(), " ");
            push_text(&mut out, in_heading.is_some(), &alt);
        }
        if !INLINE.contains(&name.as_str()) {
            push_text(&mut out, in_heading.is_some(), " ");
        }
    }
    for section in &mut out {
        section.heading = collapse(&section.heading, usize::MAX);
    }
    out
}

/// Appends raw HTML text (entities decoded) to the open section.
fn push_text(out: &mut [Section], heading: bool, raw: &str) {
    if raw.is_empty() {
        return;
    }
    let section = out.last_mut().expect("section 0 always exists");
    let target = if heading { &mut section.heading } else { &mut section.text };
    decode_into(raw, target);
}

/// Index just past the `>` closing the tag that starts before `from`,
/// quotes respected; the end of the text if there is none.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i + 1,
            None => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Past the `</name>` closing a skipped element (case-insensitive).
fn skip_element(html: &str, from: usize, name: &str) -> usize {
    let closer = format!("</{name}");
    let rest = &html.as_bytes()[from..];
    let found = rest.windows(closer.len()).position(|w| w.eq_ignore_ascii_case(closer.as_bytes()));
    match found {
        Some(at) => tag_end(html.as_bytes(), from + at + closer.len()),
        None => html.len(),
    }
}

/// The value of attribute `name` in a tag's inside, entities decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let bytes = tag.as_bytes();
    let mut i = tag.find(|c: char| c.is_ascii_whitespace())?;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'=' && bytes[i] != b'/' {
            i += 1;
        }
        let attr = &tag[start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let end = tag[i + 1..].find(quote as char).map_or(tag.len(), |e| i + 1 + e);
                value = &tag[i + 1..end];
                i = end + 1;
            } else {
                let end = tag[i..].find(|c: char| c.is_ascii_whitespace()).map_or(tag.len(), |e| i + e);
                value = &tag[i..end];
                i = end;
            }
        }
        if attr.eq_ignore_ascii_case(name) {
            let mut decoded = String::new();
            decode_into(value, &mut decoded);
            return Some(decoded);
        }
        if attr.is_empty() {
            i += 1;
        }
    }
    None
}

/// HTML text with its character references decoded (the common named ones
/// and every numeric one); an unknown reference stays as written.
fn decode_into(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|e| e + 1);
        match end.filter(|e| rest.as_bytes().get(*e) == Some(&b';') && *e <= 12) {
            Some(e) => match reference(&rest[1..e]) {
                Some(c) => {
                    out.push(c);
                    rest = &rest[e + 1..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            },
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn reference(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "rsquo" => '’',
        "lsquo" => '‘',
        "laquo" => '«',
        "raquo" => '»',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "agrave" => 'à',
        "acirc" => 'â',
        "ccedil" => 'ç',
        "ocirc" => 'ô',
        "icirc" => 'î',
        "ucirc" => 'û',
        "ugrave" => 'ù',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        _ => return None,
    })
}

/// Runs of white space (every kind) → one space, trimmed; stops once past
/// `limit` bytes (section texts are kept as written: only the stored part
/// of them is collapsed).
pub(crate) fn collapse(text: &str, limit: usize) -> String {
    let mut out = String::new();
    for word in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if out.len() > limit {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_start_sections_with_their_ids() {
        let html = "<p>Intro <strong>gras</strong>ement</p><h2 id=\"a\">Titre A</h2><p>Texte&nbsp;A</p><h3 id='b'>B</h3><ul><li>un</li><li>deux</li></ul>";
        let s = sections(html);
        assert_eq!(s.len(), 3);
        let text = |i: usize| collapse(&s[i].text, usize::MAX);
        assert_eq!(text(0), "Intro grasement");
        assert_eq!((s[1].id.as_str(), s[1].heading.as_str(), text(1).as_str()), ("a", "Titre A", "Texte A"));
        assert_eq!(text(2), "un deux");
    }

    #[test]
    fn code_scripts_and_templates_are_skipped_and_alt_text_kept() {
        let html = "<p>avant</p><pre><code>secret()</code></pre><script>var x = '</p>';</script><style>p{}</style><template><p>caché</p></template><img src=x alt=\"Écran d&#39;accueil\"><p>après</p>";
        assert_eq!(collapse(&sections(html)[0].text, usize::MAX), "avant Écran d'accueil après");
    }

    #[test]
    fn broken_html_ends_without_panicking() {
        for html in ["<", "<p", "<pre>never closed", "<!-- open", "a < b", "<img alt='x", "&#xFFFFFFFF; &#0; &bogus;"] {
            let _ = sections(html);
        }
        assert_eq!(sections("a < b")[0].text, "a < b");
        assert_eq!(sections("&#xFFFFFFFF; &amp;")[0].text, "&#xFFFFFFFF; &");
        assert_eq!(collapse(" a \u{a0} b  c ", 2), "a b");
    }
}
