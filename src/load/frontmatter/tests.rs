//! Splitting files and reading front matter, with file lines in errors.

use super::limits::{MAX_ARTICLE_BYTES, MAX_FRONT_MATTER_BYTES};
use super::*;

fn parse_str(text: &str) -> Result<Parsed, Vec<Diagnostic>> {
    parse(Path::new("a.md"), text.as_bytes())
}

#[test]
fn known_keys_and_aliases_are_typed_and_other_keys_kept() {
    let parsed = parse_str("---\ntitle: Lost phone\nref: lost-phone\nsidebar_position: 3\nredirect_from: /old/\ndraft: true\ntags: [phone]\nupdated: 2026-03-04\nlayout: help\n---\nBody\n").unwrap();
    let fm = parsed.front_matter;
    assert_eq!(fm.title.as_deref(), Some("Lost phone"));
    assert_eq!(fm.translation_key.as_deref(), Some("lost-phone"));
    assert_eq!(fm.order, Some(3.0));
    assert_eq!(fm.aliases, ["/old/"]);
    assert!(fm.draft);
    assert_eq!(fm.updated.as_deref(), Some("2026-03-04"));
    assert_eq!(fm.extra["layout"], "help");
    assert_eq!(parsed.body, "Body\n");
    assert_eq!(parsed.body_line, 11);
}

#[test]
fn bom_and_crlf_are_tolerated() {
    let parsed = parse_str("\u{feff}---\r\ntitle: Aide\r\n---\r\nTexte\r\n").unwrap();
    assert_eq!(parsed.front_matter.title.as_deref(), Some("Aide"));
    assert_eq!(parsed.body, "Texte\n");
}

#[test]
fn yaml_error_line_is_counted_in_the_file() {
    let problems = parse_str("---\ntitle: ok\ndescription: [unclosed\nother: x\n---\n").unwrap_err();
    assert_eq!((problems[0].line, problems[0].column), (3, 14), "{:?}", problems);
    assert!(problems[0].message.contains("not valid YAML"));
}

#[test]
fn front_matter_that_is_not_a_mapping_is_an_error() {
    let problems = parse_str("---\n- a\n- b\n---\nx").unwrap_err();
    assert_eq!(problems[0].line, 2);
}

#[test]
fn unclosed_front_matter_is_an_error_on_line_one() {
    let problems = parse_str("---\ntitle: x\nbody").unwrap_err();
    assert_eq!((problems[0].line, problems[0].column), (1, 1));
    assert!(problems[0].message.contains("never ends"));
}

#[test]
fn invalid_utf8_names_the_line_and_column() {
    let problems = parse(Path::new("a.md"), b"---\ntitle: x\n---\nab\xe9c\n").unwrap_err();
    assert_eq!((problems[0].line, problems[0].column), (4, 3));
}

#[test]
fn empty_file_is_an_error() {
    assert!(parse_str("  \n").is_err());
}

#[test]
fn wrong_types_are_reported_with_the_key_line() {
    let problems = parse_str("---\ntitle: x\norder: first\n---\n").unwrap_err();
    assert_eq!((problems[0].line, problems[0].column), (3, 1));
}

#[test]
fn near_miss_of_a_known_key_warns() {
    let parsed = parse_str("---\ntitel: x\n---\nbody").unwrap();
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(parsed.warnings[0].hint.as_deref(), Some("did you mean `title`?"));
    // Said so a writer understands what happens to it.
    assert!(parsed.warnings[0].message.contains("Phare ignores it (templates can still read it)"));
}

#[test]
fn file_without_front_matter_is_all_body() {
    let parsed = parse_str("# Heading\n\ntext").unwrap();
    assert!(parsed.front_matter.title.is_none());
    assert_eq!(parsed.body_line, 1);
}

#[test]
fn aliases_repeating_a_list_are_refused_before_they_are_expanded() {
    let list: String = (0..5_000).map(|i| format!("  - item {i}\n")).collect();
    let aliases: String = (0..300).map(|i| format!("copy{i}: *list\n")).collect();
    let text = format!("---\ntitle: x\nbig: &list\n{list}{aliases}---\nBody\n");
    let problems = parse_str(&text).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 5_004, "the first alias, counted in the file: {}", problems[0]);
    assert!(problems[0].message.contains("aliases") && problems[0].message.contains("1 MB"), "{}", problems[0]);
}

#[test]
fn front_matter_and_articles_past_their_limits_are_refused_on_line_one() {
    let long = format!("---\ntitle: x\nnotes: \"{}\"\n---\nBody\n", "a".repeat(MAX_FRONT_MATTER_BYTES));
    let problems = parse_str(&long).unwrap_err();
    assert_eq!((problems[0].line, problems[0].column), (1, 1));
    assert!(problems[0].message.contains("256 KB"), "{}", problems[0]);

    let huge = format!("---\ntitle: x\n---\n{}", "Texte. ".repeat(MAX_ARTICLE_BYTES / 7 + 1));
    let problems = parse_str(&huge).unwrap_err();
    assert_eq!((problems[0].line, problems[0].column), (1, 1));
    assert!(problems[0].message.contains("1 MB"), "{}", problems[0]);
}

#[test]
fn keys_of_a_long_front_matter_keep_their_lines() {
    let keys: String = (0..5_000).map(|i| format!("key{i}: {i}\n")).collect();
    let parsed = parse_str(&format!("---\n{keys}titel: x\n---\nBody\n")).unwrap();
    assert_eq!(parsed.front_matter.key_lines["key4999"], 5_001);
    assert_eq!(parsed.warnings[0].line, 5_002, "{:?}", parsed.warnings);
}
