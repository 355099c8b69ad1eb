//! What hosting teams publish and check: redirects and host rules, and
//! `phare check` run as a real command.

mod common;

use std::process::Command;

use common::{Fixture, article};

fn phare(site: &Fixture, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_phare")).args(args).current_dir(site.path()).output().expect("run phare")
}

fn redirect_site() -> Fixture {
    let site = Fixture::new("languages: [en]\nbase_url: https://help.example.org/aide/\n");
    site.write(
        "content/en/help/lost-phone.md",
        &article("title: Lost phone\naliases:\n  - /en/old/lost/\nredirect_from: /phone-lost.html", "x"),
    );
    site
}

#[test]
fn aliases_become_redirect_pages_and_host_rules() {
    let site = Fixture::new("languages: [en]\nbase_url: https://help.example.org/aide/\n");
    site.write(
        "content/en/help/lost-phone.md",
        &article("title: Lost phone\naliases: [/en/old/lost/, /phone-lost.html]", "x"),
    );
    site.build();
    let page = site.page("en/old/lost/index.html");
    assert_eq!(page.attr("meta[http-equiv=refresh]", "content"), "0; url=../../../en/help/lost-phone/");
    assert_eq!(page.attr("link[rel=canonical]", "href"), "https://help.example.org/aide/en/help/lost-phone/");
    assert_eq!(page.attr("main a", "href"), "../../../en/help/lost-phone/");
    assert!(site.exists("phone-lost.html"));
    let rules = std::fs::read_to_string(site.output().join("_redirects")).unwrap();
    let lines: Vec<&str> = rules.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines,
        [
            "/aide/en/old/lost/  /aide/en/help/lost-phone/  301",
            "/aide/phone-lost.html  /aide/en/help/lost-phone/  301",
            "/aide/en/*  /aide/en/404.html  404",
            "/aide/*  /aide/404.html  404",
        ]
    );
    let nginx = std::fs::read_to_string(site.output().join("nginx.conf")).unwrap();
    assert!(nginx.contains("location = /aide/en/old/lost/ { return 301 /aide/en/help/lost-phone/; }"));
    assert!(nginx.contains("error_page 404 /aide/en/404.html;"));
}

#[test]
fn redirect_from_is_read_as_aliases() {
    let site = redirect_site();
    site.build();
    assert!(site.exists("en/old/lost/index.html"));
    assert!(site.exists("phone-lost.html"));
}

#[test]
fn a_redirect_over_a_page_or_another_redirect_names_both_files() {
    let site = redirect_site();
    site.write(
        "content/en/help/other.md",
        &article("title: Other\naliases: [/en/old/lost/, /en/help/lost-phone/]", "x"),
    );
    let problems = site.build_fails();
    let messages: Vec<String> =
        problems.iter().filter(|d| d.is_error()).map(|d| format!("{}: {}", d.file.display(), d.message)).collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("other.md") && m.contains("also redirected by content/en/help/lost-phone.md")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("other.md") && m.contains("address of a page (content/en/help/lost-phone.md)")),
        "{messages:#?}"
    );
}

/// Every article translated; the French help page has one good link, one
/// to a missing article, one to a missing anchor, and one to an English
/// category that has no French version.
fn check_fixture() -> Fixture {
    let site = Fixture::new("languages: [en, fr]\n");
    site.write("content/en/billing/_index.md", &article("title: Billing", ""));
    site.write(
        "content/en/billing/invoices.md",
        &article("title: Invoices\ntranslation_key: invoices", "## Paying {#paying}\n"),
    );
    site.write(
        "content/fr/facturation/factures.md",
        &article("title: Factures\ntranslation_key: invoices", "## Payer {#paying}\n"),
    );
    site.write("content/en/billing/help.md", &article("title: Help\ntranslation_key: help", "x"));
    site.write(
        "content/fr/facturation/aide.md",
        &article(
            "title: Aide\ntranslation_key: help",
            "Voir [les factures](factures.md#paying).\n\nUne [page disparue](disparue.md).\n\nUne [ancre absente](factures.md#nulle-part).\n\nLa [rubrique anglaise](/en/billing/).\n",
        ),
    );
    site
}

#[test]
fn check_reports_exactly_a_broken_link_a_missing_anchor_and_a_cross_language_link() {
    let site = check_fixture();
    // Warnings, as `phare build` reports them; `--strict` fails on them.
    let output = phare(&site, &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(phare(&site, &["check", "--strict"]).status.code(), Some(1));
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    let found: Vec<(String, u64, String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["severity"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("content/fr/facturation/aide.md".to_string(), 7, "warning".to_string(), "broken-link".to_string()),
            ("content/fr/facturation/aide.md".to_string(), 9, "warning".to_string(), "broken-link".to_string()),
            (
                "content/fr/facturation/aide.md".to_string(),
                11,
                "warning".to_string(),
                "cross-language-link".to_string()
            ),
        ],
        "{findings:#?}"
    );
    assert!(!site.exists("index.html"), "check writes nothing");
}

#[test]
fn build_and_check_give_each_problem_the_same_weight() {
    let site = check_fixture();
    let severities = |args: &[&str]| -> Vec<String> {
        let output = phare(&site, args);
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .chain(String::from_utf8_lossy(&output.stderr).lines())
            .collect::<Vec<_>>()
            .windows(2)
            .filter(|pair| pair[1].contains("--> content/fr/facturation/aide.md:"))
            .map(|pair| pair[0].split(':').next().unwrap_or_default().to_string())
            .collect()
    };
    let build = severities(&["build"]);
    assert_eq!(build.len(), 3, "{build:?}");
    assert_eq!(severities(&["check"]), build);

    site.write("site.yaml", "theme: test\nlanguages: [en, fr]\nbroken_links: error\n");
    let build = severities(&["build"]);
    assert_eq!(build, ["error", "error", "warning"], "broken links become errors, in both");
    assert_eq!(severities(&["check"]), build);
}

#[test]
fn check_warns_about_duplicate_titles_and_missing_translations_and_strict_fails_on_them() {
    let site = Fixture::new("languages: [en, fr]\n");
    site.write("content/en/a.md", &article("title: Same\ntranslation_key: a", "x"));
    site.write("content/en/b.md", &article("title: Same\ntranslation_key: b", "x"));
    site.write("content/fr/a.md", &article("title: A\ntranslation_key: a", "x"));
    let output = phare(&site, &["check"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("warning: another page in this language has the same title, `Same`: content/en/a.md\n --> content/en/b.md:2:1\n"), "{text}");
    assert!(text.contains("warning: this article has no `fr` translation yet\n --> content/en/b.md:1:1\n"), "{text}");
    assert_eq!(phare(&site, &["check", "--strict"]).status.code(), Some(1));
}

#[test]
fn short_flags_work_like_the_peers_and_version_names_the_release() {
    let site = redirect_site();
    let out = site.path().join("short-out");
    let output = Command::new(env!("CARGO_BIN_EXE_phare"))
        .args(["build", "-q", "-s"])
        .arg(site.path())
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "-q prints nothing on success");
    assert!(out.join("en/index.html").is_file());

    let version = Command::new(env!("CARGO_BIN_EXE_phare")).arg("--version").output().unwrap();
    let text = String::from_utf8_lossy(&version.stdout);
    assert!(text.starts_with(&format!("phare {}", env!("CARGO_PKG_VERSION"))), "{text}");
}

#[test]
fn colour_follows_color_and_no_color_and_problems_quote_their_line() {
    let site = check_fixture();
    let piped = phare(&site, &["check"]);
    let text = String::from_utf8_lossy(&piped.stdout);
    assert!(!text.contains('\u{1b}'), "no colour when piped: {text}");
    // rustc style: the line quoted with a caret under the link.
    assert!(text.contains("| Une [page disparue](disparue.md)."), "{text}");
    assert!(text.lines().any(|l| l.trim_start().starts_with('|') && l.contains('^')), "{text}");

    let forced = phare(&site, &["check", "--color", "always"]);
    assert!(String::from_utf8_lossy(&forced.stdout).contains('\u{1b}'), "--color always colours even when piped");
    let never = Command::new(env!("CARGO_BIN_EXE_phare"))
        .args(["check", "--color", "never"])
        .env("NO_COLOR", "1")
        .current_dir(site.path())
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&never.stdout).contains('\u{1b}'));
}

#[test]
fn every_finding_has_a_stable_code_and_check_ends_with_a_summary_by_kind() {
    let site = check_fixture();
    site.write("content/en/billing/bad.md", "---\ntitle: Bad: title\n---\nx\n");
    site.write("content/en/billing/typo.md", &article("title: Typo\nlayuot: wide", "x"));
    let output = phare(&site, &["check", "--format", "json"]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert!(findings.len() >= 2, "{findings:#?}");
    for finding in &findings {
        assert!(finding["code"].as_str().is_some_and(|c| !c.is_empty()), "no code: {finding:#}");
    }
    let yaml = findings.iter().find(|f| f["file"].as_str().unwrap().ends_with("bad.md")).unwrap();
    assert_eq!(yaml["code"], "yaml");
    let summary = String::from_utf8_lossy(&output.stderr);
    assert!(summary.contains("1 error: 1 YAML mistake"), "{summary}");

    site.write("content/en/billing/bad.md", &article("title: Fine", "x"));
    let text = String::from_utf8_lossy(&phare(&site, &["check"]).stderr).into_owned();
    assert!(
        text.contains("5 warnings: 2 broken links, 2 missing translations, 1 link leaving the page's language"),
        "{text}"
    );
}
