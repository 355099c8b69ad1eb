//! Reading YAML for people: where an error really is and what it means,
//! where a key is written, the nearest known key to a typo.

use serde_yaml::Value;

/// Position and plain-words reason of a YAML error. libyaml reports where
/// it gave up (often the closing `---`) and, for unclosed brackets and
/// quotes, where the construct began: that start is where the fix goes.
pub(crate) fn yaml_problem(error: &serde_yaml::Error) -> (usize, usize, String) {
    let text = error.to_string();
    let gave_up = error.location().map_or((1, 1), |l| (l.line(), l.column()));
    let (problem, context) = match text.split_once(", while ") {
        Some((problem, context)) => (problem, Some(context)),
        None => (text.as_str(), None),
    };
    let problem = strip_position(problem);
    let Some(context) = context else { return (gave_up.0, gave_up.1, problem) };
    let construct = strip_position(context);
    let started = position_in(context).unwrap_or(gave_up);
    let construct = construct
        .replace("parsing a flow sequence", "reading the `[` list that starts here")
        .replace("parsing a flow mapping", "reading the `{` group that starts here")
        .replace("scanning a quoted scalar", "reading the quoted text that starts here")
        .replace("parsing a block mapping", "reading the `key: value` lines that start here")
        .replace("parsing a block collection", "reading the list that starts here");
    (started.0, started.1, format!("{problem} while {construct}"))
}

fn strip_position(text: &str) -> String {
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text.to_string(),
    }
}

fn position_in(text: &str) -> Option<(usize, usize)> {
    let rest = &text[text.find(" at line ")? + 9..];
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// Text of a scalar YAML value (numbers and booleans too, as written).
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Line and column of `key:` at the start of a YAML line (after indentation
/// or a list dash), searching from `from_line` (1-based, 0 = start).
pub(crate) fn key_position(text: &str, key: &str, from_line: usize) -> Option<(usize, usize)> {
    for (index, line) in text.lines().enumerate().skip(from_line.saturating_sub(1)) {
        let trimmed = line.trim_start();
        let trimmed = trimmed.strip_prefix("- ").map(str::trim_start).unwrap_or(trimmed);
        let unquoted = trimmed.trim_start_matches(['"', '\'']);
        if let Some(rest) = unquoted.strip_prefix(key) {
            let rest = rest.trim_start_matches(['"', '\'']);
            if rest.trim_start().starts_with(':') {
                let column = line.len() - unquoted.len() + 1;
                return Some((index + 1, column));
            }
        }
    }
    None
}

/// The known key closest to `key`, if it is close enough to be a typo.
pub(crate) fn nearest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&key.to_lowercase(), k), *k))
        .filter(|(distance, k)| *distance <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}
