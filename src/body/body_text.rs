//! What components read from their Markdown bodies as text: the links of
//! a card list, a link's label, an embed's host.

use crate::expand::Node;

/// `- [Title](href): description` lines of a Markdown list.
pub(super) fn link_list(nodes: &[Node]) -> Vec<(String, String, String)> {
    let mut items = Vec::new();
    for node in nodes {
        let Node::Markdown { text, .. } = node else { continue };
        for line in text.lines() {
            let Some(rest) = line.trim_start().strip_prefix(['-', '*', '+']).map(str::trim_start) else { continue };
            let Some(rest) = rest.strip_prefix('[') else { continue };
            let Some((title, rest)) = rest.split_once("](") else { continue };
            let Some((href, rest)) = rest.split_once(')') else { continue };
            let description = rest.trim_start().trim_start_matches([':', '—', '–', '-']).trim();
            items.push((title.trim().to_string(), href.trim().to_string(), description.to_string()));
        }
    }
    items
}

/// `https://youtu.be/x` → `youtu.be`.
pub(super) fn host(url: &str) -> String {
    let after = url.split_once("://").map_or(url, |(_, rest)| rest);
    after.split(['/', '?', '#']).next().unwrap_or_default().trim_start_matches("www.").to_string()
}

/// The text of the first `[text](…)` link in a body.
pub(super) fn link_text(nodes: &[Node]) -> Option<String> {
    nodes.iter().find_map(|node| match node {
        Node::Markdown { text, .. } => {
            let start = text.find('[')? + 1;
            let end = text[start..].find(']')? + start;
            Some(text[start..end].trim().to_string()).filter(|t| !t.is_empty())
        }
        Node::Component(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_is_the_bare_domain() {
        assert_eq!(host("https://www.youtube.com/watch?v=x"), "youtube.com");
        assert_eq!(host("https://youtu.be/eA3"), "youtu.be");
    }
}
