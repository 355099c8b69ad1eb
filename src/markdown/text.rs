//! Text-level helpers of the Markdown stage: the page summary, heading
//! slugs and ids, French spacing, HTML escaping.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

const SUMMARY_LENGTH: usize = 180;

/// Collects the text of the first paragraph that is not inside a list,
/// quote or table.
#[derive(Default)]
pub(super) struct SummaryState {
    depth: usize,
    in_paragraph: bool,
    done: bool,
    text: String,
}

impl SummaryState {
    pub(super) fn observe(&mut self, event: &Event<'_>) {
        if self.done {
            return;
        }
        match event {
            Event::Start(Tag::Paragraph) if self.depth == 0 => self.in_paragraph = true,
            Event::End(TagEnd::Paragraph) if self.in_paragraph => {
                self.in_paragraph = false;
                self.done = !self.text.trim().is_empty();
            }
            Event::Start(Tag::Paragraph) => {}
            Event::Start(_) if !self.in_paragraph => self.depth += 1,
            Event::End(TagEnd::Paragraph) => {}
            Event::End(_) if !self.in_paragraph => self.depth = self.depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if self.in_paragraph => self.text.push_str(t),
            Event::SoftBreak | Event::HardBreak if self.in_paragraph => self.text.push(' '),
            _ => {}
        }
    }

    pub(super) fn finish(self) -> String {
        let text = self.text.trim();
        if text.chars().count() <= SUMMARY_LENGTH {
            return text.to_string();
        }
        let cut: String = text.chars().take(SUMMARY_LENGTH).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
        format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
    }
}

/// `Pourquoi ?` → `Pourquoi\u{202F}?`: a narrow no-break space before
/// `? ! ;`, a no-break space before `:` and inside « », as French
/// typography asks. Text without any of them is returned as it was.
pub(crate) fn french_spacing(text: CowStr<'_>) -> CowStr<'_> {
    let needs = text.contains(" ?")
        || text.contains(" !")
        || text.contains(" ;")
        || text.contains(" :")
        || text.contains('«')
        || text.contains('»');
    if !needs {
        return text;
    }
    let spaced = text
        .replace(" ?", "\u{202F}?")
        .replace(" !", "\u{202F}!")
        .replace(" ;", "\u{202F};")
        .replace(" :", "\u{00A0}:")
        .replace("« ", "«\u{00A0}")
        .replace(" »", "\u{00A0}»");
    CowStr::from(spaced)
}

/// Link labels match case-insensitively with whitespace collapsed.
pub(super) fn reference_label(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// pulldown-cmark splits text at escapes (`\{` becomes its own event); join
/// neighbours so a trailing `{#id}` is found in one piece. Each run is
/// joined in one buffer: a heading of a million small pieces stays linear.
pub(super) fn merge_text(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    fn join<'e>(run: &mut Vec<CowStr<'e>>, merged: &mut Vec<Event<'e>>) {
        match run.len() {
            0 => {}
            1 => merged.push(Event::Text(run.pop().expect("one piece"))),
            _ => merged.push(Event::Text(CowStr::from(run.drain(..).map(|p| p.to_string()).collect::<String>()))),
        }
    }
    let mut merged: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut run = Vec::new();
    for event in events {
        match event {
            Event::Text(text) => run.push(text),
            other => {
                join(&mut run, &mut merged);
                merged.push(other);
            }
        }
    }
    join(&mut run, &mut merged);
    merged
}

/// `Title {#id}` (left by an escaped brace) or `Title {/* #id */}` → the
/// title text and the id.
pub(crate) fn trailing_id(text: &str) -> Option<(String, String)> {
    let trimmed = text.trim_end();
    let inner = trimmed.strip_suffix('}')?;
    let open = inner.rfind('{')?;
    let candidate = inner[open + 1..].trim();
    let comment = candidate.strip_prefix("/*").and_then(|c| c.strip_suffix("*/")).map(str::trim);
    let id = comment.unwrap_or(candidate).strip_prefix('#')?;
    if id.is_empty() || id.contains(['{', '}']) {
        return None;
    }
    if id.contains(char::is_whitespace) {
        // An MDX comment is never text, even when its id is malformed
        // (`{/* #a b */}`): keep a usable id from it.
        comment?;
        return Some((inner[..open].trim_end().to_string(), id.split_whitespace().collect::<Vec<_>>().join("-")));
    }
    Some((inner[..open].trim_end().to_string(), id.to_string()))
}

pub(super) fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// GitHub-style heading slug: lower case, letters (accented ones kept),
/// digits, `-` and `_`; spaces become `-`; everything else is dropped.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            slug.push('-');
        }
    }
    slug
}

/// Escapes text for HTML content and attribute values. `/` is left alone:
/// escaping it (as Tera's default does) only bloats URLs. Tera also calls
/// this to test `{% if big_html %}`, so text without special characters is
/// copied in one go.
pub(crate) fn escape(text: &str) -> String {
    let needs = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    let Some(first) = text.as_bytes().iter().position(needs) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    let mut start = first;
    for (index, byte) in text.bytes().enumerate().skip(first) {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..index]);
        out.push_str(replacement);
        start = index + 1;
    }
    out.push_str(&text[start..]);
    out
}

/// kramdown span attributes at the start of `text`: `{:target="_blank" .c}`
/// → the attributes and the text after them. Only attributes that cannot
/// run script or restyle the page are kept (no `on…`, `style`, `href`).
pub(super) fn span_attributes(text: &str) -> Option<(Vec<(String, String)>, &str)> {
    let inner_end = text.bytes().take(512).position(|b| b == b'}')?;
    let inner = &text[2..inner_end];
    let mut attributes: Vec<(String, String)> = Vec::new();
    let mut classes = Vec::new();
    let mut rest = inner.trim_start();
    while !rest.is_empty() {
        let token_end = rest.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(rest.len());
        let key = &rest[..token_end];
        rest = &rest[token_end..];
        let value = if let Some(after) = rest.strip_prefix('=') {
            let (value, after) = match after.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let close = after[1..].find(quote)? + 1;
                    (&after[1..close], &after[close + 1..])
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            rest = after;
            Some(value)
        } else {
            None
        };
        rest = rest.trim_start();
        match (key.strip_prefix('.'), key.strip_prefix('#'), value) {
            (Some(class), _, None) if !class.is_empty() => classes.push(class.to_string()),
            (_, Some(id), None) if !id.is_empty() => attributes.push(("id".into(), id.to_string())),
            (None, None, Some(value)) => {
                let lowered = key.to_ascii_lowercase();
                let allowed = !lowered.is_empty()
                    && lowered.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && !lowered.starts_with("on")
                    && !matches!(lowered.as_str(), "style" | "href" | "src");
                if allowed {
                    attributes.push((lowered, value.to_string()));
                }
            }
            _ => return None,
        }
    }
    if !classes.is_empty() {
        attributes.push(("class".into(), classes.join(" ")));
    }
    Some((attributes, &text[inner_end + 1..]))
}

/// `text` without the indentation all its lines share (the first line,
/// which may follow an opening tag, and blank lines do not count).
pub(super) fn dedent(text: &str) -> std::borrow::Cow<'_, str> {
    let indent = text
        .lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    if indent == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let blanks = line.len() - line.trim_start_matches([' ', '\t']).len();
        out.push_str(&line[blanks.min(indent)..]);
    }
    std::borrow::Cow::Owned(out)
}
