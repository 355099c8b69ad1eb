//! YAML errors in a writer's words: what kind of mistake it is (a colon in
//! an unquoted value, a tab, an indentation slip, an unclosed quote or
//! bracket), where the fix goes, and one hint for that kind — for front
//! matter, `site.yaml` and data files alike. libyaml's own wording ("mapping
//! values are not allowed in this context") is kept only as a last resort.

use super::yaml::yaml_problem;

/// A YAML error explained: 1-based line and column in the YAML text, the
/// problem and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlMistake {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
    pub(crate) hint: String,
}

pub(crate) fn explain(yaml: &str, error: &serde_yaml::Error) -> YamlMistake {
    let raw = error.to_string();
    let (line, column, reason) = yaml_problem(error);
    let lines: Vec<&str> = yaml.lines().collect();
    let text_at = |n: usize| lines.get(n.wrapping_sub(1)).copied().unwrap_or_default();

    if raw.contains("tab character") {
        if let Some((n, text)) = lines.iter().enumerate().find(|(_, l)| indentation(l).contains('\t')) {
            let column = text.find('\t').map_or(1, |i| i + 1);
            return mistake(
                n + 1,
                column,
                "this line is indented with a tab, and YAML only allows spaces there",
                "replace the tab at the start of the line with spaces (2 per level, like the lines around it)",
            );
        }
    }
    if raw.contains("while scanning a quoted scalar") {
        let quote = text_at(line).chars().nth(column.saturating_sub(1)).filter(|c| *c == '"' || *c == '\'');
        let quote = quote.unwrap_or('"');
        return mistake(
            line,
            column,
            &format!("the quoted text that starts here is never closed: its closing {quote} is missing"),
            &format!("end the value with {quote} on the same line, or remove the opening one"),
        );
    }
    for (opening, closing, what) in [('[', ']', "list"), ('{', '}', "group")] {
        if raw.contains(&format!("while parsing a flow {}", if opening == '[' { "sequence" } else { "mapping" })) {
            return mistake(
                line,
                column,
                &format!("the `{opening}` {what} that starts here is never closed"),
                &format!(
                    "end it with `{closing}`; if the `{opening}` is part of the text, put the whole value in double quotes"
                ),
            );
        }
    }
    if raw.starts_with("mapping values are not allowed") {
        let here = text_at(line);
        let above = (1..line).rev().map(text_at).find(|l| !l.trim().is_empty()).unwrap_or_default();
        if let Some(key) = setting_key(here.trim_start())
            && indentation(here).len() > indentation(above).len()
            && setting_key(above.trim_start()).is_some_and(|_| has_value(above))
        {
            return mistake(
                line,
                indentation(here).len() + 1,
                &format!("`{key}:` is indented, so YAML reads it as part of the line above"),
                &format!("start `{key}:` at the beginning of the line, like the other settings"),
            );
        }
        if let Some(key) = setting_key(here.trim_start()) {
            let value = here.trim_start()[key.len() + 1..].trim();
            let quoted = format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""));
            return mistake(
                line,
                column,
                &format!("the value of `{key}` contains `: `, which YAML reads as the start of another setting"),
                &format!("put the whole value in double quotes: {key}: {quoted}"),
            );
        }
    }
    if raw.starts_with("did not find expected key") || raw.contains("did not find expected '-'") {
        let (n, text) = misaligned(&lines, line).unwrap_or((line, text_at(line)));
        return mistake(
            n,
            indentation(text).len() + 1,
            "this line's indentation does not match the lines above it",
            "indent the settings of one group by the same number of spaces",
        );
    }
    mistake(
        line,
        column,
        &reason,
        "put text that contains `:` or starts with a quote or `[` in double quotes, and check the indentation",
    )
}

fn mistake(line: usize, column: usize, message: &str, hint: &str) -> YamlMistake {
    YamlMistake { line, column, message: message.to_string(), hint: hint.to_string() }
}

fn indentation(line: &str) -> &str {
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// `key` of a line that starts `key:` (a plain word, no spaces).
fn setting_key(line: &str) -> Option<&str> {
    let (key, _) = line.split_once(':')?;
    let plain = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    plain.then_some(key)
}

fn has_value(line: &str) -> bool {
    line.split_once(':').is_some_and(|(_, rest)| !rest.trim().is_empty())
}

/// The line that breaks the indentation of a group: the first line up to
/// `reported` that is indented less than the one before it but more than
/// the group's parent.
fn misaligned<'a>(lines: &[&'a str], reported: usize) -> Option<(usize, &'a str)> {
    let upto = reported.min(lines.len());
    (1..upto).find_map(|n| {
        let (previous, current) = (lines[n - 1], lines[n]);
        let (a, b) = (indentation(previous).len(), indentation(current).len());
        (!current.trim().is_empty() && b > 0 && b < a && !previous.trim().is_empty() && has_value(previous))
            .then_some((n + 1, current))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(yaml: &str) -> YamlMistake {
        let error = serde_yaml::from_str::<serde_yaml::Value>(yaml).expect_err("invalid YAML");
        explain(yaml, &error)
    }

    #[test]
    fn a_colon_in_an_unquoted_title_gets_the_quoted_line_to_write() {
        let m = explained("title: Lost: phone\ntags: [a]\n");
        assert_eq!(m.line, 1);
        assert!(m.message.contains("the value of `title` contains `: `"), "{m:?}");
        assert_eq!(m.hint, "put the whole value in double quotes: title: \"Lost: phone\"");
    }

    #[test]
    fn a_tab_is_pointed_at_on_its_own_line() {
        let m = explained("title: x\n\tdescription: y\n");
        assert_eq!((m.line, m.column), (2, 1), "{m:?}");
        assert!(m.message.contains("indented with a tab"), "{m:?}");
        assert!(m.hint.starts_with("replace the tab"), "{m:?}");
    }

    #[test]
    fn an_indented_setting_is_told_to_start_at_the_beginning_of_the_line() {
        let m = explained("title: x\n  description: y\n");
        assert_eq!((m.line, m.column), (2, 3), "{m:?}");
        assert_eq!(m.hint, "start `description:` at the beginning of the line, like the other settings");
    }

    #[test]
    fn an_unclosed_quote_names_the_missing_quote_where_it_opened() {
        let m = explained("title: 'x\ndescription: y\n");
        assert_eq!((m.line, m.column), (1, 8), "{m:?}");
        assert!(m.message.contains("closing ' is missing"), "{m:?}");
        let m = explained("title: \"x\n");
        assert!(m.hint.starts_with("end the value with \""), "{m:?}");
    }

    #[test]
    fn an_unclosed_bracket_is_shown_where_it_opens() {
        let m = explained("title: x\ntags: [a, b\n");
        assert_eq!((m.line, m.column), (2, 7), "{m:?}");
        assert!(m.message.contains("`[` list that starts here is never closed"), "{m:?}");
        assert!(m.hint.starts_with("end it with `]`"), "{m:?}");
    }

    #[test]
    fn a_misaligned_line_in_a_group_is_found() {
        let m = explained("title: x\nparent:\n  a: 1\n b: 2\n");
        assert_eq!(m.line, 4, "{m:?}");
        assert_eq!(m.hint, "indent the settings of one group by the same number of spaces");
    }
}
