//! The raw-HTML constructs help centers use for components: `<figure>` with
//! `<img>` and `<figcaption>` (GitBook), `<summary>` text (possibly a
//! heading), and GitBook's `<table data-view="cards">`.

use super::Component;
use super::attrs::{Raw, parse};

/// Attributes of the first `<name …>` tag in `html`.
pub(crate) fn tag_attrs(html: &str, name: &str) -> Option<Vec<(String, String)>> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(found) = lower[from..].find(&open) {
        let start = from + found;
        let after = lower.as_bytes().get(start + open.len()).copied().unwrap_or(b'>');
        if after.is_ascii_whitespace() || after == b'>' || after == b'/' {
            let end = super::attrs::tag_end(html, start)?;
            let inner = html[start + open.len()..end - 1].trim_end_matches('/');
            let pairs = parse(inner)
                .into_iter()
                .map(|(k, v)| {
                    let value = match v {
                        Raw::Quoted(s) | Raw::Bare(s) | Raw::Expression(s) => s,
                        Raw::Flag => String::new(),
                    };
                    (k.to_ascii_lowercase(), value)
                })
                .collect();
            return Some(pairs);
        }
        from = start + open.len();
    }
    None
}

pub(crate) fn attr<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// The HTML between `<name…>` and `</name>`.
pub(crate) fn inner<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find(&format!("<{name}"))?;
    let open_end = super::attrs::tag_end(html, start)?;
    let close = lower[open_end..].find(&format!("</{name}>"))? + open_end;
    Some(&html[open_end..close])
}

/// Text of an HTML fragment: tags dropped, whitespace collapsed, and a
/// leading Markdown `#` marker removed (`<summary>### Title</summary>`).
pub(crate) fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.trim_start_matches('#').trim().replace("&#x20;", " ").replace("&amp;", "&").trim().to_string()
}

/// `<figure><img src alt width><figcaption>…</figcaption></figure>`.
pub(crate) fn figure(html: &str, line: usize) -> Option<Component> {
    let img = tag_attrs(html, "img")?;
    let mut component = Component::new("figure", line).with("src", attr(&img, "src")?);
    component = component.with("alt", attr(&img, "alt").unwrap_or_default());
    if let Some(width) = attr(&img, "width") {
        component = component.with("width", width);
    }
    let caption = inner(html, "figcaption").map(|c| c.replace("&#x20;", " ").trim().to_string()).unwrap_or_default();
    Some(component.with("caption", caption))
}

/// GitBook card tables: one card per row; the first cell with text is the
/// title, the rest the description, and the link comes from an `<a href>`
/// in the row or a `data-card-target`.
pub(crate) fn cards_table(html: &str, line: usize) -> Component {
    let mut component = Component::new("cards", line);
    let body = inner(html, "tbody").unwrap_or(html);
    let mut items = Vec::new();
    for row in body.split("<tr").skip(1) {
        let row = row.split("</tr>").next().unwrap_or(row);
        let cells: Vec<String> =
            row.split("<td").skip(1).map(|c| text_of(c.split_once('>').map_or(c, |(_, rest)| rest))).collect();
        let mut texts = cells.into_iter().filter(|c| !c.is_empty());
        let Some(title) = texts.next() else { continue };
        let description = texts.collect::<Vec<_>>().join(" ");
        let href = tag_attrs(row, "a")
            .and_then(|a| attr(&a, "href").map(str::to_string))
            .or_else(|| {
                let lower = row.to_ascii_lowercase();
                let at = lower.find("data-card-target")?;
                tag_attrs(&row[row[..at].rfind('<').unwrap_or(0)..], "td")
                    .and_then(|td| attr(&td, "data-card-target").map(str::to_string))
            })
            .unwrap_or_default();
        items.push(serde_json::json!({ "title": title, "href": href, "description": description }));
    }
    component.attrs.insert("items".into(), super::AttrValue::Data(serde_json::Value::Array(items)));
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_reads_image_and_caption() {
        let c = figure(
            r#"<figure><img src="../.gitbook/assets/a b.jpeg" alt="Settings" width="375"><figcaption><p>The menu&#x20;</p></figcaption></figure>"#,
            4,
        )
        .unwrap();
        assert_eq!(c.attr("src"), Some("../.gitbook/assets/a b.jpeg"));
        assert_eq!(c.attr("alt"), Some("Settings"));
        assert_eq!(c.attr("width"), Some("375"));
        assert_eq!(c.attr("caption"), Some("<p>The menu </p>"));
    }

    #[test]
    fn summary_heading_becomes_plain_text() {
        assert_eq!(text_of("<h3>Why a <em>second</em> step?</h3>"), "Why a second step?");
        assert_eq!(text_of("### Pourquoi ?"), "Pourquoi ?");
    }

    #[test]
    fn card_table_rows_become_cards() {
        let c = cards_table(
            r#"<table data-view="cards"><thead><tr><th></th></tr></thead><tbody><tr><td><strong>Shop</strong></td><td>Open a shop</td><td><a href="shop.md">shop.md</a></td></tr><tr><td>Hub</td><td data-card-target data-type="content-ref"><a href="hub.md">hub</a></td></tr></tbody></table>"#,
            1,
        );
        let Some(super::super::AttrValue::Data(serde_json::Value::Array(items))) = c.attrs.get("items") else {
            panic!("no items")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["title"], "Shop");
        assert_eq!(items[0]["href"], "shop.md");
        assert_eq!(items[0]["description"], "Open a shop shop.md");
        assert_eq!(items[1]["href"], "hub.md");
    }
}
