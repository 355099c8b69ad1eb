//! `phare serve`: the server on port 0, spoken to with raw HTTP over TCP so
//! no client tidies the paths first. `limits.rs` tries to knock it over.

#[path = "../common/mod.rs"]
mod common;
#[path = "../common/git.rs"]
mod git;
mod limits;
mod upkeep;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{Fixture, article};
use phare::serve::watch::{Change, Inputs};
use phare::serve::{self, Limits, State};

struct Running {
    port: u16,
    state: Arc<State>,
    _server: Arc<serve::Server>,
}

fn start(site: &Fixture) -> Running {
    start_with(site, Limits::default())
}

fn start_with(site: &Fixture, limits: Limits) -> Running {
    let server = Arc::new(serve::bind("127.0.0.1", 0).expect("bind").with_limits(limits));
    let port = serve::local_address(&server).expect("address").port();
    let state = State::new(site.options());
    let (problems, _) = state.rebuild();
    assert!(problems.iter().all(|d| !d.is_error()), "{problems:?}");
    serve::run(Arc::clone(&server), Arc::clone(&state), 2);
    Running { port, state, _server: server }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn request(port: u16, method: &str, path: &str, extra: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{extra}\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default().split(' ').nth(1).unwrap_or("0").parse().unwrap();
    let headers = lines.filter_map(|l| l.split_once(": ")).map(|(n, v)| (n.to_string(), v.to_string())).collect();
    Reply { status, headers, body: body.to_string() }
}

fn site() -> Fixture {
    let site = Fixture::new("languages: [en, fr]\nmissing_translation: omit\n");
    site.write("content/en/help/lost-phone.md", &article("title: Lost phone\ntranslation_key: lost", "Act fast.\n"));
    site.write(
        "content/fr/aide/perte.md",
        &article("title: Téléphone perdu\ntranslation_key: lost", "Agissez vite.\n"),
    );
    site
}

#[test]
fn serves_both_languages_with_types_head_etags_and_each_languages_404() {
    let site = site();
    let server = start(&site);
    let page = request(server.port, "GET", "/fr/aide/perte/", "");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert!(page.body.contains("Agissez vite."));
    assert!(page.body.contains("/_phare/events"), "the live-reload script is in served pages");
    assert_eq!(request(server.port, "GET", "/en/help/lost-phone/", "").status, 200);
    assert_eq!(request(server.port, "GET", "/test.css", "").header("Content-Type"), Some("text/css; charset=utf-8"));

    let etag = page.header("ETag").unwrap().to_string();
    assert_eq!(request(server.port, "GET", "/fr/aide/perte/", &format!("If-None-Match: {etag}\r\n")).status, 304);
    let head = request(server.port, "HEAD", "/fr/aide/perte/", "");
    assert_eq!((head.status, head.body.len()), (200, 0));

    let moved = request(server.port, "GET", "/fr/aide/perte", "");
    assert_eq!((moved.status, moved.header("Location")), (301, Some("/fr/aide/perte/")));
    let missing = request(server.port, "GET", "/fr/nulle-part/", "");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("lang=\"fr\""), "the French 404 page");
}

#[test]
fn paths_that_try_to_leave_the_site_get_404() {
    let site = site();
    std::fs::write(site.path().join("secret.txt"), "do not serve").unwrap();
    let server = start(&site);
    let long = format!("/{}", "a".repeat(5000));
    for path in [
        "/../secret.txt",
        "/en/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/en%2f..%2f..%2fsecret.txt",
        "/en\\..\\secret.txt",
        "/en/%00",
        "//etc/passwd",
        "/etc/passwd",
        long.as_str(),
    ] {
        let reply = request(server.port, "GET", path, "");
        assert_eq!(reply.status, 404, "{path}");
        assert!(!reply.body.contains("do not serve"), "{path}");
    }
}

#[test]
fn a_rebuild_sends_an_event_and_serves_the_new_content() {
    let site = site();
    let server = start(&site);
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    events.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(events, "GET /_phare/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut reader = BufReader::new(events);
    let first = next_event(&mut reader);
    site.write(
        "content/en/help/lost-phone.md",
        &article("title: Lost phone\ntranslation_key: lost", "Call your provider.\n"),
    );
    server.state.rebuild();
    let second = next_event(&mut reader);
    assert_ne!(first, second);
    assert!(request(server.port, "GET", "/en/help/lost-phone/", "").body.contains("Call your provider."));
}

fn next_event(reader: &mut BufReader<TcpStream>) -> String {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0, "the event stream ended");
        if let Some(data) = line.strip_prefix("data: ") {
            return data.trim().to_string();
        }
    }
}

#[test]
fn a_broken_edit_shows_the_problems_over_the_last_good_page() {
    let site = site();
    let server = start(&site);
    assert!(!request(server.port, "GET", "/fr/aide/perte/", "").body.contains("phare-overlay"));
    site.write("content/fr/aide/perte.md", "---\ntitle: [cassé\n---\nNouveau texte.\n");
    let (problems, _) = server.state.rebuild();
    assert!(problems.iter().any(|d| d.is_error()));
    let page = request(server.port, "GET", "/fr/aide/perte/", "");
    assert!(page.body.contains("Agissez vite."), "the last good version stays");
    assert!(page.body.contains("id=\"phare-overlay\""));
    assert!(page.body.contains("Le site n’a pas pu être reconstruit"), "Phare's words in the page's language");
    assert!(page.body.contains("perte.md:2:8"));
    site.write(
        "content/fr/aide/perte.md",
        &article("title: Téléphone perdu\ntranslation_key: lost", "Nouveau texte.\n"),
    );
    server.state.rebuild();
    let fixed = request(server.port, "GET", "/fr/aide/perte/", "");
    assert!(!fixed.body.contains("phare-overlay") && fixed.body.contains("Nouveau texte."));
}

fn watch_site(root: &Path) -> (notify::RecommendedWatcher, Receiver<Vec<(PathBuf, Change)>>) {
    let (bursts, changes) = std::sync::mpsc::channel();
    let inputs = Arc::new(Mutex::new(Inputs::defaults(root, None)));
    let watcher = phare::serve::watch::watch(inputs, Duration::from_millis(20), bursts).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    (watcher, changes)
}

#[test]
fn the_watcher_reports_saves_and_ignores_editor_scratch_files() {
    let site = site();
    let root = std::fs::canonicalize(site.path()).unwrap();
    let (_watcher, changes) = watch_site(&root);
    std::fs::write(root.join("content/en/help/.lost-phone.md.swp"), "scratch").unwrap();
    std::fs::write(root.join("content/en/help/lost-phone.md"), article("title: Lost", "x")).unwrap();
    let burst = changes.recv_timeout(Duration::from_secs(5)).expect("a burst of changes");
    let paths: Vec<_> = burst.iter().map(|(p, _)| p.file_name().unwrap().to_string_lossy().to_string()).collect();
    assert!(paths.contains(&"lost-phone.md".to_string()), "{paths:?}");
    assert!(!paths.iter().any(|p| p.ends_with(".swp")), "{paths:?}");
}

/// `phare serve > serve.log` in the site folder used to rebuild on every
/// line it logged, forever.
#[test]
fn a_log_file_or_other_non_input_in_the_site_folder_never_triggers_a_rebuild() {
    let site = site();
    let root = std::fs::canonicalize(site.path()).unwrap();
    let (_watcher, changes) = watch_site(&root);
    std::fs::write(root.join("serve.log"), "Rebuilt after a change\n").unwrap();
    std::fs::create_dir_all(root.join("node_modules/pkg")).unwrap();
    std::fs::write(root.join("node_modules/pkg/index.js"), "x").unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join(".git/index"), "x").unwrap();
    std::fs::create_dir_all(root.join("public/en")).unwrap();
    std::fs::write(root.join("public/en/index.html"), "x").unwrap();
    std::fs::write(root.join("notes.txt"), "x").unwrap();
    assert!(
        changes.recv_timeout(Duration::from_millis(600)).is_err(),
        "writes to files that are not inputs must not rebuild"
    );
    // The watcher is alive: a real input still counts.
    std::fs::write(root.join("site.yaml"), "title: Help\n").unwrap();
    let burst = changes.recv_timeout(Duration::from_secs(5)).expect("a burst of changes");
    assert_eq!(burst.len(), 1, "{burst:?}");
    assert_eq!(burst[0].1, Change::Everything);
}

#[test]
fn the_live_reload_script_is_never_in_build_output() {
    let site = site();
    site.build();
    let page = site.page("fr/aide/perte/index.html");
    assert!(!page.text.contains("EventSource") && !page.text.contains("_phare/events"));
}

/// Runs `query` on the preview's index, through HTTP as the browser would.
fn search(port: u16, lang: &str, query: &str) -> Vec<String> {
    let read = |path: &str| {
        let reply = request(port, "GET", &format!("/{path}"), "");
        (reply.status == 200).then(|| reply.body.into_bytes())
    };
    let answer = phare::search::query::search(&read, lang, query, 10).expect("an index is served");
    answer.results.into_iter().map(|hit| hit.path).collect()
}

#[test]
fn a_word_added_by_a_body_edit_is_found_after_the_reload() {
    let site = site();
    let server = start(&site);
    assert!(search(server.port, "fr", "téléphone").contains(&"fr/aide/perte/".to_string()));
    assert!(search(server.port, "fr", "pingouin").is_empty());
    let source = std::fs::canonicalize(site.path().join("content/fr/aide/perte.md")).unwrap();
    site.write(
        "content/fr/aide/perte.md",
        &article("title: Téléphone perdu\ntranslation_key: lost", "Agissez vite.\n\nUn pingouin peut aider.\n"),
    );
    let (_, _, fast) = server.state.update(std::slice::from_ref(&source));
    assert!(fast, "a body edit takes the fast path");
    assert_eq!(search(server.port, "fr", "pingouins"), vec!["fr/aide/perte/"]);
}

#[test]
fn a_body_edit_re_renders_only_its_page_and_a_title_change_rebuilds_the_navigation() {
    let site = site();
    site.write("content/en/help/other.md", &article("title: Other", "Other page.\n"));
    let server = start(&site);
    let source = std::fs::canonicalize(site.path().join("content/en/help/lost-phone.md")).unwrap();
    // Answered once before the edit, so a stale prepared answer would show.
    assert!(!request(server.port, "GET", "/en/help/lost-phone/", "").body.contains("Call us."));

    site.write(
        "content/en/help/lost-phone.md",
        // The first paragraph is the page's summary (shown in lists): edit a later one.
        &article("title: Lost phone\ntranslation_key: lost", "Act fast.\n\nCall us.\n"),
    );
    let (_, _, fast) = server.state.update(std::slice::from_ref(&source));
    assert!(fast, "a body edit takes the fast path");
    assert!(request(server.port, "GET", "/en/help/lost-phone/", "").body.contains("Call us."));

    site.write(
        "content/en/help/lost-phone.md",
        &article("title: Phone lost\ntranslation_key: lost", "Act fast.\n\nCall us.\n"),
    );
    let (_, _, fast) = server.state.update(std::slice::from_ref(&source));
    assert!(!fast, "a new title changes menus: full rebuild");
    let other = request(server.port, "GET", "/en/help/other/", "");
    assert!(other.body.contains(">Phone lost</a>"), "other pages' navigation shows the new title");
}

#[test]
fn content_folders_outside_the_site_folder_are_watched_too() {
    let site = site();
    let outside = tempfile::tempdir().unwrap();
    let outside_root = std::fs::canonicalize(outside.path()).unwrap();
    site.write(
        "site.yaml",
        &format!("languages:\n  - code: en\n    content: {}\n  - code: fr\n", outside_root.display()),
    );
    std::fs::write(outside_root.join("first.md"), article("title: First", "x")).unwrap();
    let server = start(&site);
    let (bursts, changes) = std::sync::mpsc::channel();
    let inputs = Arc::new(Mutex::new(server.state.inputs()));
    let _watcher = phare::serve::watch::watch(inputs, Duration::from_millis(20), bursts).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    std::fs::write(outside_root.join("guide.md"), article("title: Guide", "x")).unwrap();
    let burst = changes.recv_timeout(Duration::from_secs(5)).expect("a burst of changes");
    assert!(burst.iter().any(|(p, change)| p.ends_with("guide.md") && *change == Change::Content), "{burst:?}");
}

#[test]
fn full_rebuilds_reuse_the_articles_whose_inputs_did_not_change() {
    let site = site();
    site.write("content/en/help/other.md", &article("title: Other", "See [lost](lost-phone.md).\n"));
    site.write("content/en/help/cards.md", &article("title: Cards", ":::cards\n- [](lost-phone.md)\n:::\n"));
    let server = start(&site);
    assert_eq!(server.state.cache.take_counts(), (0, 4), "the first build renders every article");
    server.state.pages.take_counts();

    site.write("content/en/help/lost-phone.md", &article("title: Phone lost\ntranslation_key: lost", "Act fast.\n"));
    server.state.rebuild();
    // The edited article, and the page whose card shows its title, are new;
    // the other two did not ask anything whose answer changed.
    assert_eq!(server.state.cache.take_counts(), (2, 2));
    assert!(request(server.port, "GET", "/en/help/cards/", "").body.contains("Phone lost"));
    // Pages too: the French ones show nothing of the English title.
    let (reused, rendered) = server.state.pages.take_counts();
    let french_pages = ["fr/index.html", "fr/404.html", "fr/aide/index.html", "fr/aide/perte/index.html"].len();
    assert!(reused >= french_pages && rendered >= 1, "reused {reused}, rendered {rendered}");

    site.write(
        "themes/test/components/cards.html",
        "<ul class=\"mine\">{% for c in items %}<li>{{ c.title }}</li>{% endfor %}</ul>",
    );
    server.state.rebuild();
    assert_eq!(server.state.cache.take_counts(), (0, 4), "a theme change re-renders everything");
}

#[test]
fn when_the_first_build_fails_every_path_shows_the_problems_and_the_page_reloads_once_fixed() {
    let site = site();
    site.write("content/fr/aide/perte.md", "---\ntitle: [Téléphone perdu\n---\nAgissez vite.\n");
    let server = Arc::new(serve::bind("127.0.0.1", 0).expect("bind"));
    let port = serve::local_address(&server).expect("address").port();
    let state = State::new(site.options());
    let (problems, _) = state.rebuild();
    assert!(problems.iter().any(|d| d.is_error()), "{problems:?}");
    serve::run(Arc::clone(&server), Arc::clone(&state), 2);

    for path in ["/", "/fr/aide/perte/", "/en/anything/at/all/"] {
        let page = request(port, "GET", path, "");
        assert_eq!(page.status, 500, "{path}");
        let html = scraper::Html::parse_document(&page.body);
        let overlay = scraper::Selector::parse("#phare-overlay").unwrap();
        let text: String = html.select(&overlay).next().expect("the problems, on every path").text().collect();
        assert!(text.contains("perte.md"), "{path}: {text}");
        assert!(page.body.contains("/_phare/events"), "{path}: reloads when the site is fixed");
    }
    let french = scraper::Html::parse_document(&request(port, "GET", "/fr/aide/perte/", "").body);
    let root = french.root_element();
    assert_eq!(root.value().attr("lang"), Some("fr"));
    let title = scraper::Selector::parse("#phare-overlay h2").unwrap();
    assert_eq!(french.select(&title).next().unwrap().text().collect::<String>(), "Le site n’a pas pu être construit");

    site.write(
        "content/fr/aide/perte.md",
        &article("title: Téléphone perdu\ntranslation_key: lost", "Agissez vite.\n"),
    );
    let (problems, _) = state.rebuild();
    assert!(problems.iter().all(|d| !d.is_error()), "{problems:?}");
    let fixed = request(port, "GET", "/fr/aide/perte/", "");
    assert_eq!(fixed.status, 200);
    assert!(!fixed.body.contains("phare-overlay") && fixed.body.contains("Agissez vite."));
}

#[test]
fn warnings_show_in_a_panel_on_the_pages_they_concern_with_a_count_everywhere_in_the_pages_language() {
    let site = site();
    site.write(
        "content/en/help/lost-phone.md",
        &article("title: Lost phone\ntranslation_key: lost", "Act fast.\n\nSee [gone](gone.md).\n"),
    );
    let server = start(&site);
    let panel = |path: &str| {
        let html = scraper::Html::parse_document(&request(server.port, "GET", path, "").body);
        let details = scraper::Selector::parse("#phare-warnings").unwrap();
        html.select(&details).next().map(|d| {
            let summary = d.select(&scraper::Selector::parse("summary").unwrap()).next().unwrap();
            (
                d.value().attr("lang").unwrap_or_default().to_string(),
                summary.text().collect::<String>(),
                d.text().collect::<String>(),
            )
        })
    };
    let (lang, summary, text) = panel("/en/help/lost-phone/").expect("a panel on the page with the warning");
    assert_eq!(lang, "en");
    assert_eq!(summary, "⚠ 1 warning on this page · 1 warning in the site");
    assert!(text.contains("lost-phone.md:7") && text.contains("gone.md"), "{text}");

    let (lang, summary, text) = panel("/fr/aide/perte/").expect("a count on every page");
    assert_eq!((lang.as_str(), summary.as_str()), ("fr", "⚠ 1 avertissement dans le site"));
    assert!(text.contains("Ailleurs dans le site") && text.contains("gone.md"), "{text}");

    // Fixing the link (a body edit, the fast path) clears it.
    site.write(
        "content/en/help/lost-phone.md",
        &article("title: Lost phone\ntranslation_key: lost", "Act fast.\n\nFixed.\n"),
    );
    let source = std::fs::canonicalize(site.path().join("content/en/help/lost-phone.md")).unwrap();
    let (_, _, fast) = server.state.update(std::slice::from_ref(&source));
    assert!(fast);
    assert_eq!(panel("/en/help/lost-phone/"), None);
}
