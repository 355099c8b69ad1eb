//! The last line of `phare check`: how many problems of each kind, in
//! words ("1,027 warnings: 702 broken links, 212 missing translations…").

use std::collections::BTreeMap;

use phare::{Diagnostic, Severity};

pub(super) fn by_kind(findings: &[Diagnostic]) -> String {
    let errors = part(findings, Severity::Error, "error", "errors");
    let warnings = part(findings, Severity::Warning, "warning", "warnings");
    match (errors, warnings) {
        (None, None) => "no problems".to_string(),
        (Some(e), None) => e,
        (None, Some(w)) => w,
        (Some(e), Some(w)) => format!("{e}; {w}"),
    }
}

fn part(findings: &[Diagnostic], severity: Severity, one: &str, many: &str) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for finding in findings.iter().filter(|d| d.severity == severity) {
        *counts.entry(finding.code.unwrap_or("other")).or_default() += 1;
    }
    let total: usize = counts.values().sum();
    if total == 0 {
        return None;
    }
    let mut kinds: Vec<(&str, usize)> = counts.into_iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let listed: Vec<String> = kinds.iter().map(|(code, n)| format!("{} {}", thousands(*n), words(code, *n))).collect();
    Some(format!("{} {}: {}", thousands(total), if total == 1 { one } else { many }, listed.join(", ")))
}

/// What a code means, in a writer's words, singular or plural.
fn words(code: &str, n: usize) -> String {
    let (one, many) = match code {
        "broken-link" => ("broken link", "broken links"),
        "cross-language-link" => ("link leaving the page's language", "links leaving the page's language"),
        "duplicate-title" => ("duplicate title", "duplicate titles"),
        "missing-translation" => ("missing translation", "missing translations"),
        "redirect-nowhere" => ("old address leading nowhere", "old addresses leading nowhere"),
        "near-translation-key" => ("translation key typo", "translation key typos"),
        "yaml" => ("YAML mistake", "YAML mistakes"),
        "settings" => ("settings problem", "settings problems"),
        "interface-strings" => ("interface words problem", "interface words problems"),
        "theme" => ("theme problem", "theme problems"),
        "file" => ("file that cannot be read", "files that cannot be read"),
        "category" => ("category problem", "category problems"),
        "front-matter" => ("front matter problem", "front matter problems"),
        "address" => ("address clash", "address clashes"),
        "markup" => ("markup problem", "markup problems"),
        "structure" => ("structure problem", "structure problems"),
        "redirect" => ("old address problem", "old address problems"),
        "translation-upkeep" => ("translation history problem", "translation history problems"),
        "template" => ("template error", "template errors"),
        "output" => ("output problem", "output problems"),
        other => return other.to_string(),
    };
    (if n == 1 { one } else { many }).to_string()
}

/// `1027` → `1,027`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(severity: Severity, code: &'static str) -> Diagnostic {
        let d = Diagnostic::warning("a.md", 1, 1, "x").with_code(code);
        Diagnostic { severity, ..d }
    }

    #[test]
    fn kinds_are_counted_most_first_in_words() {
        let mut findings = vec![finding(Severity::Error, "yaml")];
        findings.extend((0..702).map(|_| finding(Severity::Warning, "broken-link")));
        findings.extend((0..325).map(|_| finding(Severity::Warning, "missing-translation")));
        assert_eq!(
            by_kind(&findings),
            "1 error: 1 YAML mistake; 1,027 warnings: 702 broken links, 325 missing translations"
        );
        assert_eq!(by_kind(&[]), "no problems");
    }
}
