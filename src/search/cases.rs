//! `tests/search/pipeline-cases.json`: what the pipeline makes of every
//! distinct word of the bundled help center and of a hand list of hard
//! cases. The browser's pipeline is checked against the same file, so the
//! two sides agree word for word. `UPDATE_SEARCH_CASES=1 cargo test`
//! rewrites it after a deliberate change.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::pipeline::Pipeline;

const HARD_CASES: &[(&str, &str)] = &[
    ("fr", "l'application"),
    ("fr", "l’application"),
    ("fr", "L‘Application ʼ"),
    ("fr", "d’abord qu’il jusqu’à lorsqu’elle puisqu'on quoiqu'il presqu'île quelqu'un"),
    ("fr", "aujourd'hui"),
    ("fr", "Téléphone telephone TÉLÉPHONES téléphoner"),
    ("fr", "se connecter"),
    ("fr", "Connectez-vous"),
    ("fr", "connectez\u{2011}vous"),
    ("fr", "mot\u{a0}de\u{202f}passe\u{2009}oublié"),
    ("fr", "cœur Œuvre ex-æquo"),
    ("fr", "codes code"),
    ("fr", "e-mail courriel porte-monnaie-électronique"),
    ("fr", "a-b-c-d"),
    ("fr", "rendez-vous peut-être c'est-à-dire"),
    ("fr", "«\u{a0}Paramètres\u{a0}» : écran, fenêtre ; clé ?"),
    ("fr", "e\u{301}cran (NFD)"),
    ("fr", "2FA 6 chiffres 123456 ½ ²"),
    ("fr", "été étés être"),
    ("en", "codes code coding"),
    ("en", "user's users’ don't won’t"),
    ("en", "sign-in log-in e-mail two-step"),
    ("en", "authentication athentification telehpone"),
    ("en", "Straße naïve café résumé"),
    ("en", "the and of I a"),
    ("en", "emoji 🔑 key 👩‍💻 CJK 登录 帐户 RTL كلمة المرور שלום"),
    ("en", "x 1 y 22"),
    ("en", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
    ("de", "Häuser Straße"),
    ("fr-CA", "courriels"),
    ("en-GB", "colours"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every distinct white-space-separated word of the bundled help center.
fn content_words() -> Vec<(String, String)> {
    let mut out = BTreeSet::new();
    for lang in ["en", "fr"] {
        let mut stack = vec![root().join("content").join(lang)];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    for word in text.split_whitespace() {
                        out.insert((lang.to_string(), word.to_string()));
                    }
                }
            }
        }
    }
    out.into_iter().collect()
}

fn case(lang: &str, text: &str) -> Value {
    let (mut keys, mut forms) = (Vec::new(), Vec::new());
    Pipeline::new(lang).words(text, |w| {
        keys.push(w.key);
        forms.push(w.form);
    });
    json!({ "lang": lang, "text": text, "keys": keys, "forms": forms })
}

fn file() -> PathBuf {
    root().join("tests/search/pipeline-cases.json")
}

fn write(path: &Path, cases: &[Value]) {
    let lines: Vec<String> = cases.iter().map(|c| serde_json::to_string(c).expect("plain values")).collect();
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("writable tests folder");
    std::fs::write(path, format!("[\n{}\n]\n", lines.join(",\n"))).expect("writable tests folder");
}

#[test]
fn pipeline_agrees_with_the_golden_cases() {
    let mut wanted: Vec<(String, String)> = HARD_CASES.iter().map(|(l, t)| (l.to_string(), t.to_string())).collect();
    wanted.extend(content_words());
    if std::env::var("UPDATE_SEARCH_CASES").is_ok_and(|v| v == "1") {
        write(&file(), &wanted.iter().map(|(l, t)| case(l, t)).collect::<Vec<_>>());
    }
    let text = std::fs::read_to_string(file()).expect("tests/search/pipeline-cases.json exists");
    let stored: Vec<Value> = serde_json::from_str(&text).expect("the cases file is JSON");
    let mut disagreements = Vec::new();
    for stored_case in &stored {
        let lang = stored_case["lang"].as_str().unwrap_or("");
        let text = stored_case["text"].as_str().unwrap_or("");
        let now = case(lang, text);
        if now != *stored_case {
            disagreements.push(format!("{lang} {text:?}: file {stored_case}, code {now}"));
        }
    }
    assert!(
        disagreements.is_empty(),
        "the pipeline changed (UPDATE_SEARCH_CASES=1 to accept):\n{}",
        disagreements.join("\n")
    );
    let covered: BTreeSet<(String, String)> = stored
        .iter()
        .map(|c| (c["lang"].as_str().unwrap_or("").to_string(), c["text"].as_str().unwrap_or("").to_string()))
        .collect();
    let missing: Vec<_> = wanted.iter().filter(|w| !covered.contains(*w)).take(5).collect();
    assert!(missing.is_empty(), "cases missing from the file (UPDATE_SEARCH_CASES=1 to add): {missing:?}");
}
