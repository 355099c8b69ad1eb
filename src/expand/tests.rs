//! Expansion of each dialect into the component tree.

use std::collections::BTreeMap;
use std::path::Path;

use super::*;
use crate::diagnostics::Severity;

fn expand_file(name: &str, body: &str) -> Expanded {
    let mut page = BTreeMap::new();
    page.insert("title".to_string(), serde_json::json!("Perte de téléphone"));
    page.insert("can_verify".to_string(), serde_json::json!(["Mobile", "Fixe"]));
    let read_partial = |path: &Path| match path.file_name().and_then(|n| n.to_str()) {
        Some("_part.mdx") => Ok("Texte **partagé**.\n\n:::tip\nDans le partiel.\n:::\n".to_string()),
        _ => Err(crate::load::read_scope::Refused {
            path: path.to_path_buf(),
            link: None,
            reason: std::io::Error::from(std::io::ErrorKind::NotFound).into(),
        }),
    };
    expand(&ExpandInput { path: Path::new(name), body, body_line: 5, page: &page, read_partial: &read_partial })
}

fn expand_md(body: &str) -> Expanded {
    expand_file("/site/content/fr/a.md", body)
}

fn components(nodes: &[Node]) -> Vec<&Component> {
    nodes.iter().filter_map(|n| if let Node::Component(c) = n { Some(c) } else { None }).collect()
}

fn text(nodes: &[Node]) -> String {
    nodes.iter().filter_map(|n| if let Node::Markdown { text, .. } = n { Some(text.as_str()) } else { None }).collect()
}

fn errors(expanded: &Expanded) -> Vec<&Diagnostic> {
    expanded.problems.iter().filter(|d| d.severity == Severity::Error).collect()
}

#[test]
fn directive_alert_has_kind_title_body_and_file_line() {
    let e = expand_md("Avant\n\n:::warning Gardez vos codes\nNe les **partagez** pas.\n:::\n\nAprès\n");
    assert!(e.problems.is_empty(), "{:?}", e.problems);
    let alert = components(&e.nodes)[0];
    assert_eq!(
        (alert.name.as_str(), alert.attr("kind"), alert.attr("title")),
        ("alert", Some("warning"), Some("Gardez vos codes"))
    );
    assert_eq!(alert.line, 7, "body starts on file line 5, the directive is its third line");
    assert_eq!(text(&alert.body), "Ne les **partagez** pas.\n");
    assert!(text(&e.nodes).contains("Après"));
}

#[test]
fn nested_directives_close_innermost_first_whatever_the_colon_count() {
    let e = expand_md("::::steps\n:::step Ouvrir\n:::tip\nAstuce\n:::\n:::\n:::step Scanner\n:::\n::::\n");
    assert!(e.problems.is_empty(), "{:?}", e.problems);
    let steps = components(&e.nodes)[0];
    let children = components(&steps.body);
    assert_eq!(children.iter().map(|c| c.attr("title").unwrap_or_default()).collect::<Vec<_>>(), ["Ouvrir", "Scanner"]);
    assert_eq!(components(&children[0].body)[0].attr("kind"), Some("tip"));
}

#[test]
fn docusaurus_and_vuepress_titles_and_danger_are_read() {
    let e = expand_md(":::danger[Attention]\nx\n:::\n\n::: tip Astuce pratique\ny\n:::\n");
    let found = components(&e.nodes);
    assert_eq!((found[0].attr("kind"), found[0].attr("title")), (Some("error"), Some("Attention")));
    assert_eq!((found[1].attr("kind"), found[1].attr("title")), (Some("tip"), Some("Astuce pratique")));
}

#[test]
fn unclosed_block_is_an_error_at_its_opening_line() {
    let e = expand_md("texte\n:::warning\njamais fermé\n");
    let problems = errors(&e);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 6);
    assert!(problems[0].message.contains("never closed"), "{}", problems[0]);
}

#[test]
fn mismatched_closing_tag_names_the_opening_line_and_what_was_found() {
    let e = expand_md("{% tabs %}\n{% tab title=\"A\" %}\nx\n{% endtabs %}\n");
    let problems = errors(&e);
    assert_eq!(problems.len(), 1, "{:?}", e.problems);
    assert_eq!(problems[0].line, 6);
    assert!(problems[0].message.contains("{% endtabs %}"), "{}", problems[0]);
}

#[test]
fn unknown_alert_kind_lists_the_known_ones() {
    let e = expand_md(":::warnin\nx\n:::\n");
    let problem = errors(&e)[0];
    assert!(problem.hint.as_deref().unwrap_or_default().contains("warning, caution"), "{problem}");
    assert!(problem.hint.as_deref().unwrap_or_default().starts_with("did you mean `:::warning`?"), "{problem}");
    let far = expand_md(":::zzzqq\nx\n:::\n");
    assert!(!errors(&far)[0].hint.as_deref().unwrap_or_default().contains("did you mean"));
}

#[test]
fn capture_and_include_become_an_alert_with_the_captured_markdown() {
    let e = expand_md(
        "{% capture note_text %}\n**Info :** un seul code marche.\n{% endcapture %}\n{% include alert.html type=\"info\" class=\"m-4\" content=note_text %}\n",
    );
    assert!(e.problems.is_empty(), "{:?}", e.problems);
    let alert = components(&e.nodes)[0];
    assert_eq!((alert.attr("kind"), alert.attr("class")), (Some("info"), Some("m-4")));
    // The bold label repeats the alert's kind, which the theme shows already.
    assert_eq!(text(&alert.body).trim(), "un seul code marche.");
    assert!(!text(&e.nodes).contains("un seul code"), "captured text is not shown where it is written");
}

#[test]
fn include_spread_over_lines_reads_front_matter_references() {
    let e = expand_md("{%\n  include components/icon-list.html\n  items=page.can_verify size='md'\n%}\n");
    let list = components(&e.nodes)[0];
    assert_eq!(list.name, "icon-list");
    assert_eq!(list.attrs.get("items"), Some(&AttrValue::Data(serde_json::json!(["Mobile", "Fixe"]))));
    assert_eq!(list.attr("size"), Some("md"));
}

#[test]
fn liquid_outputs_and_raw_blocks() {
    let e = expand_md(
        "# {{ page.title }}\n[lien]({{ site.baseurl }}/fr/aide/)\n{% raw %}{{ gardé }}{% endraw %}\n{{ site.data.x }}\n",
    );
    let shown = text(&e.nodes);
    assert!(shown.contains("# Perte de téléphone"));
    assert!(shown.contains("[lien](/fr/aide/)"));
    assert!(shown.contains("{{ gardé }}"));
    assert_eq!(e.problems.len(), 1, "the unknown output is a warning");
    assert_eq!(e.problems[0].severity, Severity::Warning);
}

#[test]
fn gitbook_blocks_become_components() {
    let body = "{% hint style=\"danger\" %}\nAttention\n{% endhint %}\n{% embed url=\"https://youtu.be/x\" %}\nLa vidéo\n{% endembed %}\n{% file src=\"a.pdf\" %}\n<div align=\"left\"><figure><img src=\"p.png\" alt=\"Alt\"><figcaption><p>Légende&#x20;</p></figcaption></figure></div>\nfin&#x20;\n\\\n";
    let e = expand_md(body);
    let found = components(&e.nodes);
    let names: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["alert", "embed", "file", "figure"]);
    assert_eq!(found[0].attr("kind"), Some("error"));
    assert_eq!(found[1].attr("title"), Some("La vidéo"));
    assert_eq!(found[3].attr("caption"), Some("<p>Légende </p>"));
    let shown = text(&e.nodes);
    assert!(!shown.contains("div") && !shown.contains("&#x20;") && !shown.contains('\\'), "{shown:?}");
    assert_eq!(e.problems.len(), 1, "the file block without an end tag is a warning: {:?}", e.problems);
    assert_eq!((e.problems[0].severity, e.problems[0].line), (Severity::Warning, 11));
}

#[test]
fn mdx_imports_fences_partials_and_components() {
    let body = "import Part from './_part.mdx';\nimport {Note} from '@site/src/components/Admonitions';\n\n```mdx-code-block\n<DocCardList items={[{label: 'A', href: '/a', description: 'D'}]} />\n```\n\n<Note title=\"Titre\">\nCorps\n</Note>\n\n<Part />\n\n<CloudLink to=\"https://x.org\">Nuage</CloudLink> {/* commentaire */}\n\n<Fancy>enfant</Fancy>\n";
    let e = expand_file("/site/docs/a.mdx", body);
    let found = components(&e.nodes);
    let names: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["cards", "alert", "alert"], "{:#?}", e.nodes);
    assert_eq!(found[1].attr("title"), Some("Titre"));
    let shown = text(&e.nodes);
    assert!(!shown.contains("import") && !shown.contains("```") && !shown.contains("commentaire"), "{shown}");
    assert!(shown.contains("Texte **partagé**."), "partial inlined: {shown}");
    assert!(shown.contains("[Nuage](https://x.org)"));
    assert!(shown.contains("enfant") && !shown.contains("Fancy"));
    let warnings: Vec<_> = e.problems.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("<Fancy>"));
}

#[test]
fn html_details_take_their_summary_even_from_a_heading() {
    let e = expand_md(
        "<details>\n<summary>\n\n### Pourquoi ? \\{#pourquoi}\n\n</summary>\n\nParce que **oui**.\n</details>\n",
    );
    let details = components(&e.nodes)[0];
    assert_eq!((details.name.as_str(), details.attr("title")), ("details", Some("Pourquoi ?")));
    assert!(text(&details.body).contains("**oui**"));
}

#[test]
fn kramdown_attribute_lines_become_class_markers() {
    let e = expand_md("1. un\n2. deux\n{: .number-list}\n");
    assert!(text(&e.nodes).contains("<!--phare:class number-list-->"));
}

#[test]
fn nothing_is_expanded_inside_code() {
    let body = "```\n{% hint %}\n:::note\n```\n\nEn ligne : `{% include x.html %}` et ``:::tip``.\n";
    let e = expand_md(body);
    assert!(components(&e.nodes).is_empty());
    assert!(e.problems.is_empty(), "{:?}", e.problems);
    assert_eq!(text(&e.nodes), body);
}

#[test]
fn leaf_directives_take_their_label_and_attributes() {
    let e = expand_md(
        "::figure[Le code <6 chiffres>]{src=\"app.svg\" alt=\"Téléphone\"}\n::embed[Vidéo]{url=\"https://x.org/v\"}\n",
    );
    let found = components(&e.nodes);
    assert_eq!((found[0].attr("src"), found[0].attr("caption")), (Some("app.svg"), Some("Le code &lt;6 chiffres&gt;")));
    assert_eq!((found[1].attr("url"), found[1].attr("title")), (Some("https://x.org/v"), Some("Vidéo")));
}
