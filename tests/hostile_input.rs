//! Articles written to knock Phare over (site files are untrusted: builds
//! run on contributors' pull requests). Each must end in a plain-words
//! diagnostic naming the file and line, never a panic, an abort or
//! gigabytes of memory. The builds run in the test's own thread, with the
//! ordinary 2 MB stack that `phare serve`'s threads have too.

mod common;

use common::{Fixture, article, render};
use phare::Diagnostic;

fn site() -> Fixture {
    Fixture::new("languages: [en]\n")
}

fn find<'a>(diagnostics: &'a [Diagnostic], phrase: &str) -> &'a Diagnostic {
    diagnostics
        .iter()
        .find(|d| d.message.contains(phrase))
        .unwrap_or_else(|| panic!("no diagnostic says {phrase:?}:\n{}", render(diagnostics)))
}

#[test]
fn empty_liquid_tags_build_with_a_warning_where_they_are() {
    let fixture = site();
    fixture.write("content/en/a.md", &article("title: Prix", "Avant\n\nLe prix {%} et {{} ici, é {%-}.\n"));
    let report = fixture.build();
    let warning = find(&report.warnings, "never closed with `%}`");
    assert!(warning.file.ends_with("content/en/a.md"));
    assert_eq!((warning.line, warning.column), (6, 9), "{warning}");
    assert!(warning.message.contains("1 more like it"), "{warning}");
    find(&report.warnings, "never closed with `}}`");
    let page = fixture.page("en/a/index.html");
    assert!(page.text_of("main").contains("Le prix {%} et {{} ici, é {%-}."), "{}", page.text);
}

#[test]
fn blocks_nested_1620_deep_are_an_error_not_an_abort() {
    let fixture = site();
    let levels = 1620;
    let body = format!("{}Fond\n{}", ":::note\n".repeat(levels), ":::\n".repeat(levels));
    fixture.write("content/en/a.md", &article("title: Profond", &body));
    let problems = fixture.build_fails();
    assert_eq!(problems.len(), 1, "{}", render(&problems));
    let problem = find(&problems, "nested more than 64 blocks deep");
    assert_eq!(problem.line, 4 + 64, "the 65th `:::note`, after three lines of front matter: {problem}");
    assert!(problem.file.ends_with("content/en/a.md"));
}

#[test]
fn front_matter_aliases_repeating_a_list_are_refused_quickly() {
    let fixture = site();
    let list = "  - a\n".repeat(20_000);
    let aliases: String = (0..1_000).map(|i| format!("copy{i}: *big\n")).collect();
    fixture.write("content/en/a.md", &format!("---\ntitle: Bombe\nbig: &big\n{list}{aliases}---\nTexte\n"));
    let problems = fixture.build_fails();
    let problem = find(&problems, "repeats its values through aliases");
    assert_eq!(problem.line, 4 + 20_000, "the line of the first alias: {problem}");
}

#[test]
fn an_article_over_one_megabyte_is_refused_with_the_limit_in_words() {
    let fixture = site();
    let line = "[x](".repeat(25_000);
    fixture.write("content/en/a.md", &article("title: Long", &format!("{line}\n").repeat(11)));
    let problems = fixture.build_fails();
    let problem = find(&problems, "more than the 1 MB Phare reads in one article");
    assert_eq!((problem.line, problem.column), (1, 1));
}

/// The shape serde_yaml's own repetition limit lets through: one large
/// list, repeated a thousand times (20 million values once expanded).
fn alias_bomb(first_key: &str) -> String {
    let list = "  - a\n".repeat(20_000);
    let aliases: String = (0..1_000).map(|i| format!("copy{i}: *big\n")).collect();
    format!("{first_key}\nbig: &big\n{list}{aliases}")
}

#[test]
fn site_yaml_aliases_are_refused_before_they_expand() {
    let fixture = site();
    fixture.write("site.yaml", &alias_bomb("languages: [en]"));
    fixture.write("content/en/a.md", &article("title: A", "Text"));
    let problems = fixture.build_fails();
    let problem = find(&problems, "repeats its values through aliases");
    assert!(problem.file.ends_with("site.yaml"), "{problem}");
    assert_eq!(problem.line, 3 + 20_000, "the line of the first alias: {problem}");
}

#[test]
fn category_file_aliases_are_refused_before_they_expand() {
    let fixture = site();
    fixture.write("content/en/help/_category_.yml", &alias_bomb("label: Help"));
    fixture.write("content/en/help/a.md", &article("title: A", "Text"));
    let problems = fixture.build_fails();
    let problem = find(&problems, "repeats its values through aliases");
    assert!(problem.file.ends_with("_category_.yml"), "{problem}");
}

#[test]
fn front_matter_nested_thousands_of_brackets_deep_is_refused_on_its_line() {
    let fixture = site();
    let nested = "aliases: [\n".repeat(4_000);
    fixture.write("content/en/a.md", &format!("---\ntitle: Profond\n{nested}---\nTexte\n"));
    let problems = fixture.build_fails();
    let problem = find(&problems, "nested here more than 64 levels deep");
    assert_eq!(problem.line, 3 + 64, "the line of the 65th `[`: {problem}");
}
