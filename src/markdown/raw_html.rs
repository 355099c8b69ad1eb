//! Links, images and ids written as raw HTML in Markdown (`<a href>`,
//! `<img src>` in GitBook tables and figures, `<a id>` anchors): found in
//! one left-to-right pass over the HTML text, so they are rewritten and
//! checked like Markdown links. Never backtracks: each byte is looked at a
//! bounded number of times.

use std::ops::Range;

use pulldown_cmark::CowStr;

use super::MarkdownRenderer;
use super::positions::Positions;
use crate::diagnostics::Diagnostic;

/// What an attribute value found in raw HTML is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Found {
    /// `href` or `src` of a tag that leads somewhere.
    Link,
    /// An `id`.
    Id,
    /// MDX `src={require('./x.png').default}`: the range is the braces,
    /// the path is inside.
    Require,
    /// The name of an `<h1>` or `</h1>` tag: the page's title is its one
    /// `<h1>`, so one in the body is shown as an `<h2>`.
    HeadingOne,
}

/// Tags whose `href`/`src` a reader follows or a browser loads.
const LINKING_TAGS: [&str; 7] = ["a", "img", "source", "video", "audio", "link", "iframe"];

/// The attribute values of `html` that are links or ids, as byte ranges of
/// the value (quotes excluded), in order. Comments are skipped.
pub(super) fn attributes(html: &str) -> Vec<(Found, Range<usize>)> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        at += offset + 1;
        if bytes[at..].starts_with(b"!--") {
            // A comment: nothing in it is a tag.
            match html[at..].find("-->") {
                Some(end) => at += end + 3,
                None => break,
            }
            continue;
        }
        let closing = bytes.get(at) == Some(&b'/');
        let name_start = at + usize::from(closing);
        let name_end = name_start + bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_end == name_start {
            continue;
        }
        let tag = html[name_start..name_end].to_ascii_lowercase();
        if tag == "h1" {
            found.push((Found::HeadingOne, name_start..name_end));
        }
        if closing {
            at = name_end;
            continue;
        }
        let linking = LINKING_TAGS.contains(&tag.as_str());
        at = name_end;
        // Attributes until the tag ends.
        loop {
            at += bytes[at..].iter().take_while(|b| b.is_ascii_whitespace() || **b == b'/').count();
            if at >= bytes.len() || bytes[at] == b'>' || bytes[at] == b'<' {
                break;
            }
            let name_start = at;
            at += bytes[at..]
                .iter()
                .take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'<' | b'/'))
                .count();
            let name = html[name_start..at].to_ascii_lowercase();
            let spaces = bytes[at..].iter().take_while(|b| b.is_ascii_whitespace()).count();
            if bytes.get(at + spaces) != Some(&b'=') {
                if at == name_start {
                    at += 1; // a stray character: step over it
                }
                continue;
            }
            at += spaces + 1;
            at += bytes[at..].iter().take_while(|b| b.is_ascii_whitespace()).count();
            let value = match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let Some(end) = memchr(quote, &bytes[at + 1..]) else { return found };
                    let range = at + 1..at + 1 + end;
                    at = range.end + 1;
                    range
                }
                Some(b'{') => {
                    // MDX `src={require('…').default}` names a file; any
                    // other expression is not a URL.
                    if linking && let Some(length) = required_file(&html[at..]) {
                        found.push((Found::Require, at..at + length));
                        at += length;
                    } else {
                        at += 1;
                    }
                    continue;
                }
                Some(_) => {
                    let start = at;
                    at += bytes[at..].iter().take_while(|b| !b.is_ascii_whitespace() && **b != b'>').count();
                    start..at
                }
                None => break,
            };
            let kind = match name.as_str() {
                "id" => Some(Found::Id),
                "href" | "src" if linking => Some(Found::Link),
                _ => None,
            };
            if let Some(kind) = kind {
                found.push((kind, value));
            }
        }
    }
    found
}

/// `html` with each link value replaced by what `link` answers for it
/// (given the decoded value and its byte offset in `html`); `id` sees
/// every id. `None` when no link was found.
pub(super) fn rewrite(
    html: &str,
    mut link: impl FnMut(&str, usize) -> String,
    mut id: impl FnMut(&str, usize),
) -> Option<String> {
    let found = attributes(html);
    if !found.iter().any(|(kind, _)| *kind != Found::Id) {
        for (_, range) in &found {
            id(&decode_entities(&html[range.clone()]), range.start);
        }
        return None;
    }
    let mut out = String::with_capacity(html.len() + 16);
    let mut copied = 0;
    for (kind, range) in found {
        let value = decode_entities(&html[range.clone()]);
        match kind {
            Found::Id => id(&value, range.start),
            Found::Link => {
                out.push_str(&html[copied..range.start]);
                out.push_str(&super::escape(&link(&value, range.start)));
                copied = range.end;
            }
            Found::HeadingOne => {
                out.push_str(&html[copied..range.start]);
                out.push_str("h2");
                copied = range.end;
            }
            Found::Require => {
                let Some(path) = required_path(&html[range.clone()]) else { continue };
                out.push_str(&html[copied..range.start]);
                out.push('"');
                out.push_str(&super::escape(&link(&path, range.start)));
                out.push('"');
                copied = range.end;
            }
        }
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// The id of a heading's closing GitBook anchor, `<a href="#x" id="x"></a>`
/// as its last two events.
pub(super) fn trailing_anchor(events: &[pulldown_cmark::Event<'_>]) -> Option<String> {
    use pulldown_cmark::Event::InlineHtml;
    let [.., InlineHtml(open), InlineHtml(close)] = events else { return None };
    if !close.trim().eq_ignore_ascii_case("</a>") || !open.trim_start().to_ascii_lowercase().starts_with("<a") {
        return None;
    }
    let found = attributes(open);
    let value =
        |wanted: Found| found.iter().find(|(kind, _)| *kind == wanted).map(|(_, r)| decode_entities(&open[r.clone()]));
    let id = value(Found::Id)?;
    match value(Found::Link) {
        Some(href) if href != format!("#{id}") => None,
        _ => Some(id),
    }
}

/// Length of a `{require('path')…}` expression at the start of `text`.
fn required_file(text: &str) -> Option<usize> {
    // Bounded, so a page of unclosed `{require(` stays linear.
    let text = &text[..floor_boundary(text, 2048)];
    let inner = text.strip_prefix('{')?.trim_start().strip_prefix("require(")?.trim_start();
    let quote = inner.chars().next().filter(|c| matches!(c, '\'' | '"'))?;
    let end = inner[1..].find(quote)? + 1;
    let close = text.len() - inner.len() + end + text[text.len() - inner.len() + end..].find('}')?;
    // Only `.default` or nothing may follow the call.
    let between = text[text.len() - inner.len() + end + 1..close].trim();
    matches!(between, ")" | ").default").then_some(close + 1)
}

fn floor_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len())).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0)
}

/// The path a `{require('@site/static/img/a.png').default}` expression
/// names, as a link: Docusaurus serves `static/` at the site's root.
pub(super) fn required_path(expression: &str) -> Option<String> {
    let inner = expression.trim_start_matches('{').trim_start().strip_prefix("require(")?.trim_start();
    let quote = inner.chars().next()?;
    let path = &inner[1..1 + inner[1..].find(quote)?];
    Some(match path.strip_prefix("@site/static/").or_else(|| path.strip_prefix("@site/")) {
        Some(rest) => format!("/{rest}"),
        None => path.to_string(),
    })
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

/// `&amp;` and the numeric forms GitBook writes (`&#x26;`) → their
/// characters, so a value is resolved as the browser would read it.
pub(super) fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.bytes().take(12).position(|b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

impl MarkdownRenderer<'_> {
    /// Raw HTML with its `href`s and `src`s rewritten and checked like
    /// Markdown links, and its ids noted. `start` is where the HTML begins
    /// in `text` when it was copied from there as it is (a line of an HTML
    /// block inside a quote is not: its links get the line's start).
    pub(super) fn raw_html<'e>(
        &mut self,
        html: CowStr<'e>,
        text: &str,
        start: usize,
        positions: &mut Positions<'_>,
    ) -> CowStr<'e> {
        let verbatim = text.get(start..).is_some_and(|rest| rest.starts_with(&*html));
        let place = |offset: usize| if verbatim { start + offset } else { start };
        let mut ids = Vec::new();
        let rewritten = rewrite(
            &html,
            |value, offset| {
                // A path kept as written still has to be a valid URL.
                let href = self.rewrite(CowStr::from(value.to_string()), positions.at(place(offset)));
                if href.contains(' ') && !crate::urls::is_external(&href) {
                    href.replace(' ', "%20")
                } else {
                    href.to_string()
                }
            },
            |id, offset| ids.push((id.to_string(), place(offset))),
        );
        for (id, offset) in ids {
            let (line, column) = positions.at(offset);
            self.raw_ids.push((id, line, column));
        }
        rewritten.map_or(html, CowStr::from)
    }

    /// A raw-HTML id that repeats a heading's: links reach only the first.
    pub(super) fn report_repeated_raw_ids(&mut self) {
        let headings: std::collections::HashSet<&String> = self.out.ids.iter().collect();
        for (id, line, column) in &self.raw_ids {
            if headings.contains(id) {
                self.out.warnings.push(
                    Diagnostic::warning(
                        self.input.path,
                        *line,
                        *column,
                        format!(
                            "the id `{id}` written here is also a heading's id: links to `#{id}` reach only the first"
                        ),
                    )
                    .with_hint("give this element another id, or set the heading's own with `{#id}` after it"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(html: &str) -> Vec<(Found, &str)> {
        attributes(html).into_iter().map(|(kind, range)| (kind, &html[range])).collect()
    }

    #[test]
    fn links_and_ids_of_every_quoting() {
        let html = r#"<p><a href="x.md#a" id=top>x</a> <IMG SRC='../.gitbook/assets/a b.png' alt="<a href=no>"><span title="href=no" id="s"></p>"#;
        assert_eq!(
            values(html),
            [
                (Found::Link, "x.md#a"),
                (Found::Id, "top"),
                (Found::Link, "../.gitbook/assets/a b.png"),
                (Found::Id, "s")
            ]
        );
    }

    #[test]
    fn comments_expressions_and_unlinked_tags_are_skipped() {
        let html = r#"<!-- <a href="in-comment.md"> --><a href={url}>x</a><div href="d.md"></div><a href="y.md">"#;
        assert_eq!(values(html), [(Found::Link, "y.md")]);
    }

    #[test]
    fn unclosed_quotes_and_stray_characters_end_the_scan() {
        assert_eq!(values(r#"<a href="never closed"#), []);
        assert_eq!(values("<a = = href=x.md>"), [(Found::Link, "x.md")]);
        assert_eq!(values("<<<<a"), []);
    }

    #[test]
    fn a_megabyte_of_openers_is_scanned_in_one_pass() {
        let html = "<a x=".repeat(200_000);
        assert!(attributes(&html).is_empty());
        let html = "<img src=a ".repeat(200_000);
        assert_eq!(attributes(&html).len(), 200_000);
    }

    #[test]
    fn required_files_are_links_to_the_static_folder() {
        let html = r#"<img src={require('@site/static/img/a.gif').default} alt="x"><img src={ require("./b.png") }><img src={other}>"#;
        let found = attributes(html);
        assert_eq!(found.len(), 2);
        let paths: Vec<_> = found.iter().filter_map(|(_, r)| required_path(&html[r.clone()])).collect();
        assert_eq!(paths, ["/img/a.gif", "./b.png"]);
        let rewritten = rewrite(html, |v, _| format!("../{v}"), |_, _| {}).unwrap();
        assert!(rewritten.starts_with(r#"<img src="..//img/a.gif" alt="x"><img src=".././b.png">"#), "{rewritten}");
    }

    #[test]
    fn an_h1_in_the_body_is_shown_as_h2() {
        let html = "<H1 class=\"x\">Title</H1><h10>";
        assert_eq!(rewrite(html, |v, _| v.to_string(), |_, _| {}).unwrap(), "<h2 class=\"x\">Title</h2><h10>");
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(decode_entities("a&amp;b&#x26;c&#38;d&bogus;e&"), "a&b&c&d&bogus;e&");
        assert_eq!(decode_entities("&éééééééé;"), "&éééééééé;");
    }
}
