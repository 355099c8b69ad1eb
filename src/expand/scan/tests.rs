//! The scanner on hostile input: no panic whatever the bytes, a useful
//! message, a tree no deeper than the limit, and searching work that grows
//! linearly with the input (counted, not timed; `scripts/scanner-linearity`
//! times the whole build on the same inputs).

use std::collections::BTreeMap;
use std::path::Path;

use super::{Scanner, Shared};
use crate::diagnostics::Severity;
use crate::expand::{ExpandInput, Expanded, MAX_EXPANDED_BYTES, MAX_NESTING, Node};

/// Scans `body` as the file `name`; returns what came out and the work done.
fn scan(name: &str, body: &str) -> (Expanded, usize) {
    let page = BTreeMap::new();
    let read_partial = |path: &Path| match path.file_name().and_then(|n| n.to_str()) {
        Some("_big.md") => Ok("Du texte partagé.\n".repeat(8 << 10)),
        _ => Ok("Partagé.\n".to_string()),
    };
    let input = ExpandInput { path: Path::new(name), body, body_line: 5, page: &page, read_partial: &read_partial };
    let shared = Shared::default();
    let expanded = Scanner::new(&input, &shared).run();
    (expanded, shared.work.get())
}

fn text(nodes: &[Node]) -> String {
    nodes.iter().filter_map(|n| if let Node::Markdown { text, .. } = n { Some(text.as_str()) } else { None }).collect()
}

/// Nodes of the tree, walked without recursion, with their depth.
fn depth(nodes: &[Node]) -> usize {
    let mut deepest = 0;
    let mut pending: Vec<(&Node, usize)> = nodes.iter().map(|n| (n, 1)).collect();
    while let Some((node, level)) = pending.pop() {
        if let Node::Component(component) = node {
            deepest = deepest.max(level);
            pending.extend(component.body.iter().map(|n| (n, level + 1)));
        }
    }
    deepest
}

#[test]
fn liquid_openers_with_nothing_inside_are_text_with_a_warning() {
    for body in
        ["a {%} b", "{%}", "é{%}’", "{%}\n{% hint %}\nx\n{% endhint %}\n", "a {{} b", "{%-}", "{{}\n{{ page.x }}"]
    {
        let (expanded, _) = scan("a.md", body);
        let warning = expanded
            .problems
            .iter()
            .find(|d| d.message.contains("never closed"))
            .unwrap_or_else(|| panic!("{body:?}: {:?}", expanded.problems));
        assert_eq!(warning.severity, Severity::Warning, "{body:?}");
        assert_eq!(warning.line, 5, "{body:?}");
        assert!(text(&expanded.nodes).contains('%') || text(&expanded.nodes).contains("{{"), "{body:?} kept as text");
    }
    let (expanded, _) = scan("a.md", "« é {%} ’");
    assert_eq!(expanded.problems[0].column, 5, "characters, not bytes: {:?}", expanded.problems);
    let (expanded, _) = scan("a.md", "a {%%} b {% %}");
    assert!(expanded.problems.iter().all(|d| d.message.contains("empty Liquid tag")), "{:?}", expanded.problems);
}

#[test]
fn a_stray_opener_does_not_swallow_the_text_up_to_the_next_tag() {
    let (expanded, _) = scan("a.md", "Prix {% réduit\n\n{% hint style=\"info\" %}\nGardé\n{% endhint %}\n");
    let shown = text(&expanded.nodes);
    assert!(shown.contains("réduit"), "{shown:?}");
    let alert = expanded.nodes.iter().find_map(|n| if let Node::Component(c) = n { Some(c) } else { None });
    assert_eq!(alert.map(|c| text(&c.body).trim().to_string()), Some("Gardé".to_string()));
}

#[test]
fn summary_whose_tag_hides_its_closer_in_a_quote_is_text() {
    let (expanded, _) = scan("a.md", "<details>\n<summary a=\"</summary>\">x</summary>\ny\n</details>\n");
    assert_eq!(depth(&expanded.nodes), 1);
}

/// Random sequences of the pieces scanners look for, and multi-byte
/// characters between them: nothing may panic.
#[test]
fn no_sequence_of_dialect_pieces_makes_the_scanner_panic() {
    const PIECES: &[&str] = &[
        "{%",
        "%}",
        "{{",
        "}}",
        "{",
        "}",
        "<",
        ">",
        "/",
        "\"",
        "'",
        "`",
        "``",
        "\n",
        "\n\n",
        "é",
        "’",
        ":::",
        ":::note",
        "::figure",
        "{% capture x %}",
        "{% endcapture %}",
        "{% raw %}",
        "{% endraw %}",
        "{% include a.html content=x %}",
        "{% hint %}",
        "{% endhint %}",
        "{% embed url=\"u\" %}",
        "{% endembed %}",
        "<details",
        "<summary",
        "</summary>",
        "<figure",
        "</figure>",
        "<img src=x>",
        "<table data-view=\"cards\">",
        "</table>",
        "<div align=\"c\">",
        "</div>",
        "<Foo",
        "</Foo>",
        "<Note>",
        "</Note>",
        "<Foo to=\"x\">",
        "<!--",
        "-->",
        "{:",
        "{hreflang=fr}",
        "[a](b)",
        "](",
        ")",
        "import {",
        " from ",
        "export ",
        "```",
        "```mdx-code-block",
        "&#x20;",
        "\\",
        "{/* c */}",
        "{#id}",
        " ",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..6000 {
        let length = (next() % 16) as usize;
        let body: String = (0..length).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        let name = if round % 2 == 0 { "a.md" } else { "a.mdx" };
        let result = std::panic::catch_unwind(|| scan(name, &body));
        assert!(result.is_ok(), "the scanner panicked on {body:?} ({name})");
    }
}

#[test]
fn nesting_deeper_than_the_limit_is_one_error_naming_the_block_that_goes_too_deep() {
    let levels = 1620;
    for (name, open, close) in [
        ("a.md", ":::note\n", ":::\n"),
        ("a.md", "<details>\n", "</details>\n"),
        ("a.md", "{% hint style=\"info\" %}\n", "{% endhint %}\n"),
        ("a.mdx", "<Note>\n", "</Note>\n"),
    ] {
        let body = format!("{}x\n{}", open.repeat(levels), close.repeat(levels));
        let (expanded, _) = scan(name, &body);
        assert_eq!(expanded.problems.len(), 1, "{open:?}: {:?}", expanded.problems);
        let problem = &expanded.problems[0];
        assert_eq!((problem.severity, problem.line), (Severity::Error, 5 + MAX_NESTING), "{problem}");
        assert!(problem.message.contains(open.trim()) && problem.message.contains("64"), "{problem}");
        assert_eq!(depth(&expanded.nodes), MAX_NESTING, "{open:?}");
        assert!(text(&expanded.nodes).trim().is_empty() && format!("{:?}", expanded.nodes).contains("x\\n"));
    }
}

#[test]
fn captured_blocks_count_the_blocks_around_the_include() {
    let captured = format!("{}x\n{}", ":::note\n".repeat(60), ":::\n".repeat(60));
    let body = format!(
        "{{% capture deep %}}\n{captured}{{% endcapture %}}\n{}{{% include alert.html content=deep %}}\n{}",
        ":::tip\n".repeat(10),
        ":::\n".repeat(10)
    );
    let (expanded, _) = scan("a.md", &body);
    let errors: Vec<_> = expanded.problems.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("nested more than"), "{}", errors[0]);
    assert_eq!(depth(&expanded.nodes), MAX_NESTING);
}

#[test]
fn blocks_left_open_too_deep_do_not_bury_the_nesting_error() {
    let (expanded, _) = scan("a.md", &":::note\n".repeat(5000));
    let errors: Vec<_> = expanded.problems.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1 + MAX_NESTING, "the depth error, then one per block within the limit");
}

#[test]
fn included_text_may_not_make_the_page_larger_than_the_limit() {
    let body = "{% include _big.md %}\n".repeat(40);
    let (expanded, _) = scan("a.md", &body);
    let errors: Vec<_> = expanded.problems.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains(&format!("{} MB", MAX_EXPANDED_BYTES >> 20)), "{}", errors[0]);
    assert!(text(&expanded.nodes).len() <= MAX_EXPANDED_BYTES);
}

/// Bodies made of one unclosed opener repeated, at a given size.
const UNCLOSED: &[(&str, &str)] = &[
    ("a.md", "{% "),
    ("a.md", "{{ "),
    ("a.md", "{% capture x %}"),
    ("a.md", "{% raw %}"),
    ("a.md", "{% comment %}"),
    ("a.md", "{% embed url=\"u\" %}"),
    ("a.md", "{% hint %}"),
    ("a.mdx", "<Foo "),
    ("a.mdx", "<Foo to=\"x\">"),
    ("a.mdx", "</Foo>"),
    ("a.mdx", "<Foo a={"),
    ("a.mdx", "{ "),
    ("a.mdx", "{a"),
    ("a.md", "{hreflang=fr"),
    ("a.md", "<figure "),
    ("a.md", "<figure><figcaption>"),
    ("a.md", "<details "),
    ("a.md", "<details><summary"),
    ("a.md", "<table data-view=\"cards\">"),
    ("a.md", "<table x={<table "),
    ("a.md", "<div align=\"c\">"),
    ("a.md", "` ``"),
    ("a.md", "{: "),
    ("a.md", "[a](b){hreflang=fr}"),
    ("a.md", "a){hreflang=fr}"),
    ("a.md", ":::note\n"),
    ("a.md", ":::note\n{% endhint %}\n"),
    ("a.md", "import {\na\n"),
];

fn work_for(name: &str, unit: &str, size: usize) -> usize {
    let body = unit.repeat(size / unit.len() + 1);
    scan(name, &body).1
}

#[test]
fn searching_work_grows_linearly_with_unclosed_openers() {
    for (name, unit) in UNCLOSED {
        let small = work_for(name, unit, 20_000);
        let large = work_for(name, unit, 40_000);
        assert!(large < 3 * small.max(1), "{unit:?}: {small} then {large} for twice the text");
        assert!(large < 100 * 40_000, "{unit:?}: {large} units of work for 40 KB");
    }
}
