//! The Markdown stage on small bodies.

use std::path::Path;

use super::*;

fn alert_box(kind: &str, body: String) -> String {
    format!("<aside class=\"{kind}\">{body}</aside>")
}

fn render_with(body: &str, title: Option<&str>) -> Rendered {
    let keep = |_: &str| LinkTarget::Keep;
    let input = RenderInput {
        path: Path::new("a.md"),
        front_matter_title: title,
        resolve_link: &keep,
        render_alert: &alert_box,
    };
    render(&input, body, 1)
}

#[test]
fn accented_heading_keeps_its_accents_in_the_slug() {
    let r = render_with("## Vérification en deux étapes\n", Some("t"));
    assert!(r.html.contains(r#"<h2 id="vérification-en-deux-étapes">"#), "{}", r.html);
}

#[test]
fn explicit_and_docusaurus_ids_win_and_never_show_as_text() {
    let r = render_with("## One {#first}\n\n## Two \\{#second}\n\n## Three {/* #third */}\n", Some("t"));
    let ids: Vec<_> = r.toc.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["first", "second", "third"]);
    assert!(!r.html.contains('{'), "{}", r.html);
    assert_eq!(r.toc[1].title, "Two");
}

#[test]
fn duplicate_headings_get_unique_ids() {
    let r = render_with("## Steps\n\n## Steps\n\n## Steps\n", Some("t"));
    let ids: Vec<_> = r.toc.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["steps", "steps-1", "steps-2"]);
}

#[test]
fn leading_heading_becomes_the_title_when_front_matter_has_none() {
    let r = render_with("# Receive codes by SMS\n\nText\n", None);
    assert_eq!(r.heading_title.as_deref(), Some("Receive codes by SMS"));
    assert!(!r.html.contains("<h1"));
}

#[test]
fn github_alert_is_handed_to_the_alert_component_with_its_rendered_body() {
    let r = render_with("> [!WARNING]\n> Gardez vos **codes**.\n\nAprès.\n", Some("t"));
    assert!(
        r.html.starts_with("<aside class=\"warning\"><p>Gardez vos <strong>codes</strong>.</p>\n</aside>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<p>Après.</p>"));
}

#[test]
fn kramdown_class_applies_to_the_block_before_it() {
    let r =
        render_with("1. one\n2. two\n<!--phare:class number-list-->\n\nText\n<!--phare:class lead big-->\n", Some("t"));
    assert!(r.html.contains("<ol class=\"number-list\">"), "{}", r.html);
    assert!(r.html.contains("<p class=\"lead big\">Text</p>"), "{}", r.html);
    assert!(!r.html.contains("phare:class"));
}

#[test]
fn reference_definitions_reach_later_chunks() {
    let keep = |_: &str| LinkTarget::Keep;
    let input = RenderInput {
        path: Path::new("a.md"),
        front_matter_title: Some("t"),
        resolve_link: &keep,
        render_alert: &alert_box,
    };
    let mut renderer = MarkdownRenderer::new(&input);
    renderer.chunk("Top.\n\n[Guide]: https://example.org/guide \"The guide\"\n", 1);
    let inner = renderer.chunk("See the [guide].\n", 9);
    assert!(inner.contains(r#"<a href="https://example.org/guide" title="The guide">guide</a>"#), "{inner}");
}

#[test]
fn french_pages_keep_punctuation_with_its_word_but_never_touch_code() {
    let keep = |_: &str| LinkTarget::Keep;
    let input = RenderInput {
        path: Path::new("a.md"),
        front_matter_title: Some("t"),
        resolve_link: &keep,
        render_alert: &alert_box,
    };
    let mut renderer = MarkdownRenderer::new(&input).with_french_typography(true);
    let html = renderer.chunk("## Pourquoi ?\n\nAttention : « codes » ! Oui ; non.\n\n```\na ? b\n```\n\n`x ? y`\n", 1);
    assert!(html.contains("Pourquoi\u{202F}?</h2>"), "{html}");
    assert!(html.contains("Attention\u{A0}: «\u{A0}codes\u{A0}»\u{202F}! Oui\u{202F}; non."), "{html}");
    assert!(html.contains("a ? b") && html.contains("<code>x ? y</code>"), "code is untouched: {html}");
    let rendered = renderer.finish(html);
    assert_eq!(rendered.ids, ["pourquoi-"], "the slug is the same as with a plain space");
}

#[test]
fn chunks_share_ids_and_table_of_contents() {
    let keep = |_: &str| LinkTarget::Keep;
    let input = RenderInput {
        path: Path::new("a.md"),
        front_matter_title: Some("t"),
        resolve_link: &keep,
        render_alert: &alert_box,
    };
    let mut renderer = MarkdownRenderer::new(&input);
    let first = renderer.chunk("## Steps\n", 1);
    let second = renderer.chunk("## Steps\n", 9);
    let rendered = renderer.finish(first + &second);
    assert_eq!(rendered.ids, ["steps", "steps-1"]);
    assert_eq!(rendered.toc.len(), 2);
}

#[test]
fn tables_footnotes_tasks_and_strikethrough_render() {
    let r = render_with("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ text[^1]\n\n[^1]: note\n", Some("t"));
    for needle in ["<table>", "checkbox", "<del>old</del>", "footnote"] {
        assert!(r.html.contains(needle), "missing {needle}: {}", r.html);
    }
}

#[test]
fn links_are_recorded_with_file_lines_and_rewritten() {
    let resolve = |dest: &str| match dest {
        "other.md" => LinkTarget::Rewrite("../other/".into()),
        "gone.md" => LinkTarget::broken("no article at gone.md".into()),
        _ => LinkTarget::Keep,
    };
    let input = RenderInput {
        path: Path::new("a.md"),
        front_matter_title: Some("t"),
        resolve_link: &resolve,
        render_alert: &alert_box,
    };
    let r = render(&input, "Intro\n\nSee [x](other.md) and [y](gone.md).\n", 5);
    assert!(r.html.contains(r#"href="../other/""#));
    assert_eq!(r.links[0], LinkRef { destination: "other.md".into(), line: 7, column: 5 });
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].line, 7);
}

#[test]
fn summary_is_the_first_plain_paragraph() {
    let r =
        render_with("> [!NOTE]\n> quoted\n\n- item\n\nFirst *real* paragraph\nwith two lines.\n\nSecond.\n", Some("t"));
    assert_eq!(r.summary, "First real paragraph with two lines.");
}

#[test]
fn escape_handles_special_characters_and_keeps_slashes() {
    assert_eq!(escape("a/b"), "a/b");
    assert_eq!(escape("« l'aide » <b> & \"x\""), "« l&#39;aide » &lt;b&gt; &amp; &quot;x&quot;");
}

#[test]
fn code_is_never_touched() {
    let r = render_with("```\n## not {#x}\n```\n\n`{#y}`\n", Some("t"));
    assert!(r.toc.is_empty());
    assert!(r.html.contains("{#y}"));
}

#[test]
fn ids_stay_unique_when_a_numbered_id_was_taken_first() {
    let r = render_with("## a-1\n\n## a\n\n## a\n\n## a\n", Some("t"));
    let ids: Vec<_> = r.toc.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["a-1", "a", "a-2", "a-3"]);
}

#[test]
fn heading_split_into_many_pieces_is_joined_whole() {
    let r = render_with(&format!("## {}\n", "a\\*".repeat(1000)), Some("t"));
    assert_eq!(r.toc[0].title, "a*".repeat(1000));
}

#[test]
fn link_positions_count_characters_along_the_line() {
    let r = render_with("é [x](y) ’ [z](w)\n\nab [q](r) [s](t)\n", Some("t"));
    let positions: Vec<_> = r.links.iter().map(|l| (l.destination.as_str(), l.line, l.column)).collect();
    assert_eq!(positions, [("y", 1, 3), ("w", 1, 12), ("r", 3, 4), ("t", 3, 11)]);
}

/// Random sequences of the pieces our event transforms look at, and
/// multi-byte characters between them: nothing may panic.
#[test]
fn no_sequence_of_markdown_pieces_makes_the_renderer_panic() {
    const PIECES: &[&str] = &[
        "# ",
        "## ",
        "{#a}",
        "\\{#b}",
        "{/* #c */}",
        "{/* #d e */}",
        "{",
        "}",
        "\\",
        "> ",
        "> [!NOTE]",
        "> [!WARNING]\n",
        "\n",
        "\n\n",
        "- ",
        "1. ",
        "<!--phare:class x-->",
        "<!--phare:class ",
        "-->",
        "[a](b)",
        "[a]",
        "[a]: /u\n",
        "](",
        "![i](j)",
        "`",
        "```\n",
        "*",
        "_",
        "é",
        "’",
        " ?",
        "« ",
        " »",
        "<div>",
        "|a|b|\n|-|-|\n",
        "[^1]",
        "[^1]: n\n",
        "phare-hreflang:fr:/x",
        "[x](phare-hreflang:en:/y)",
        " ",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..6000 {
        let length = (next() % 20) as usize;
        let body: String = (0..length).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        let result = std::panic::catch_unwind(|| {
            let r = render_with(&body, None);
            let keep = |_: &str| LinkTarget::Keep;
            let input = RenderInput {
                path: Path::new("a.md"),
                front_matter_title: None,
                resolve_link: &keep,
                render_alert: &alert_box,
            };
            let mut french = MarkdownRenderer::new(&input).with_french_typography(true);
            let html = french.chunk(&body, 3);
            french.enter(1);
            let inner = french.chunk(&body, 9);
            french.leave();
            (r, french.finish(html + &inner))
        });
        assert!(result.is_ok(), "the Markdown stage panicked on {body:?}");
    }
}
