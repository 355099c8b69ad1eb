//! `phare serve`: the site built in memory and served with tiny_http, both
//! languages at once. Every request is answered from memory only, so no
//! request path ever reaches the disk. Saved files trigger a rebuild (see
//! `watch.rs`); browsers are told over Server-Sent Events and reload. When a
//! rebuild fails, the last good site stays served with the problems shown
//! over every page.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};

use tiny_http::{Header, Method, Request, Response, Server};

use crate::diagnostics::Diagnostic;
use crate::markdown::escape;
use crate::render::{BuiltSite, OutputFile};
use crate::site::BuildOptions;

const EVENTS_PATH: &str = "/_phare/events";
const LONGEST_PATH: usize = 2048;

/// What the server answers from: the last good site, and the problems of
/// the last rebuild if it failed.
#[derive(Default)]
struct Snapshot {
    files: HashMap<String, Arc<Vec<u8>>>,
    languages: Vec<String>,
    problems: Vec<Diagnostic>,
    /// Overlay title and hint per language, in Phare's own words.
    overlay_words: HashMap<String, (String, String)>,
}

pub struct State {
    options: BuildOptions,
    snapshot: RwLock<Snapshot>,
    /// The last good site and its side navigation, for fast re-renders.
    last: Mutex<Option<(crate::site::Site, crate::render::Sidebars)>>,
    /// Rendered articles of earlier builds, reused when nothing they
    /// depend on changed.
    pub cache: crate::content::RenderCache,
    /// Pages of earlier builds, reused when their context is unchanged.
    pub pages: crate::render::PageCache,
    /// Bumped after every rebuild, good or bad; waiters are SSE streams.
    generation: Mutex<u64>,
    rebuilt: Condvar,
    /// Makes generations unique across server restarts, so a page reloads
    /// when it reconnects to a new server.
    epoch: u128,
}

impl State {
    pub fn new(options: BuildOptions) -> Arc<State> {
        let epoch = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or_default();
        Arc::new(State {
            options,
            snapshot: RwLock::new(Snapshot::default()),
            last: Mutex::new(None),
            cache: crate::content::RenderCache::default(),
            pages: crate::render::PageCache::default(),
            generation: Mutex::new(0),
            rebuilt: Condvar::new(),
            epoch,
        })
    }

    /// Builds the site again. On success it replaces what is served; on
    /// failure it keeps it and records the problems. Returns the problems
    /// (warnings included) and how long it took.
    pub fn rebuild(&self) -> (Vec<Diagnostic>, Duration) {
        let started = Instant::now();
        let result = crate::site::load_cached(&self.options, Some(&self.cache))
            .map_err(|diagnostics| crate::BuildFailure { diagnostics })
            .and_then(|site| {
                let sidebars =
                    crate::render::Sidebars::of(&site).map_err(|diagnostics| crate::BuildFailure { diagnostics })?;
                let built = crate::render::render_with_cache(&site, &sidebars, Some(&self.pages))
                    .map_err(|diagnostics| crate::BuildFailure { diagnostics })?;
                Ok((site, sidebars, built))
            });
        let problems = match result {
            Ok((site, sidebars, built)) => {
                let files = load_files(built);
                let languages: Vec<String> = site.config.languages.iter().map(|l| l.code.clone()).collect();
                let overlay_words = languages
                    .iter()
                    .map(|code| {
                        (
                            code.clone(),
                            (
                                site.strings.get(code, "overlay-title", None),
                                site.strings.get(code, "overlay-hint", None),
                            ),
                        )
                    })
                    .collect();
                let mut snapshot = self.snapshot.write().expect("not poisoned");
                *snapshot = Snapshot { files, languages, problems: Vec::new(), overlay_words };
                drop(snapshot);
                let warnings = site.warnings.clone();
                *self.last.lock().expect("not poisoned") = Some((site, sidebars));
                warnings
            }
            Err(failure) => {
                let mut snapshot = self.snapshot.write().expect("not poisoned");
                snapshot.problems = failure.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
                failure.diagnostics
            }
        };
        *self.generation.lock().expect("not poisoned") += 1;
        self.rebuilt.notify_all();
        (problems, started.elapsed())
    }

    /// After files changed: when only the bodies of known articles did, and
    /// the site built cleanly last time, re-renders just their pages;
    /// otherwise rebuilds everything. Says which it did.
    pub fn update(&self, changed: &[std::path::PathBuf]) -> (Vec<Diagnostic>, Duration, bool) {
        let started = Instant::now();
        let articles_only =
            changed.iter().all(|p| p.extension().is_some_and(|e| e == "md" || e == "mdx") && p.is_file());
        let clean = self.snapshot.read().expect("not poisoned").problems.is_empty();
        if articles_only && clean {
            let mut last = self.last.lock().expect("not poisoned");
            if let Some((site, sidebars)) = last.as_mut() {
                let mut replaced = Vec::new();
                let mut warnings = Vec::new();
                let mut fast = true;
                for path in changed {
                    match crate::incremental::body_edit(site, sidebars, path) {
                        crate::incremental::Outcome::Updated(files, problems) => {
                            replaced.extend(files);
                            warnings.extend(problems);
                        }
                        crate::incremental::Outcome::FullRebuild => {
                            fast = false;
                            break;
                        }
                    }
                }
                if fast {
                    let mut snapshot = self.snapshot.write().expect("not poisoned");
                    for (path, bytes) in replaced {
                        snapshot.files.insert(path, Arc::new(bytes));
                    }
                    drop(snapshot);
                    *self.generation.lock().expect("not poisoned") += 1;
                    self.rebuilt.notify_all();
                    return (warnings, started.elapsed(), true);
                }
            }
        }
        let (problems, _) = self.rebuild();
        (problems, started.elapsed(), false)
    }

    /// Content folders of the last good site (some may lie outside the
    /// site folder and need watching too).
    pub fn content_roots(&self) -> Vec<std::path::PathBuf> {
        let last = self.last.lock().expect("not poisoned");
        last.as_ref()
            .map(|(site, _)| site.config.languages.iter().map(|l| l.content_root.clone()).collect())
            .unwrap_or_default()
    }

    fn generation_tag(&self, generation: u64) -> String {
        format!("{}-{generation}", self.epoch)
    }
}

/// Theme files and images are read once per build, so requests never
/// touch the disk.
fn load_files(built: BuiltSite) -> HashMap<String, Arc<Vec<u8>>> {
    built
        .files
        .into_iter()
        .filter_map(|(path, file)| {
            let bytes = match file {
                OutputFile::Bytes(bytes) => bytes,
                OutputFile::Embedded(bytes) => bytes.to_vec(),
                OutputFile::Copy(source) => std::fs::read(source).ok()?,
            };
            Some((path, Arc::new(bytes)))
        })
        .collect()
}

/// Binds the server. A taken port is said plainly.
pub fn bind(address: &str, port: u16) -> Result<Server, String> {
    Server::http((address, port)).map_err(|e| {
        if e.to_string().contains("in use") {
            format!(
                "port {port} is already in use on {address}; choose another with `--port {}`",
                port.saturating_add(1)
            )
        } else {
            format!("cannot listen on {address}:{port}: {e}")
        }
    })
}

pub fn local_address(server: &Server) -> Option<SocketAddr> {
    server.server_addr().to_ip()
}

/// Answers requests on `workers` threads until the server is dropped.
pub fn run(server: Arc<Server>, state: Arc<State>, workers: usize) -> Vec<std::thread::JoinHandle<()>> {
    (0..workers.max(1))
        .map(|_| {
            let (server, state) = (Arc::clone(&server), Arc::clone(&state));
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    // Each answer gets its own thread: a stream lives as long
                    // as its page, and a slow reader must never hold up the
                    // others or the rebuilds.
                    let state = Arc::clone(&state);
                    if request.url().split('?').next() == Some(EVENTS_PATH) {
                        std::thread::spawn(move || stream_events(request, &state));
                    } else {
                        std::thread::spawn(move || answer(request, &state));
                    }
                }
            })
        })
        .collect()
}

fn stream_events(request: Request, state: &State) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if writer.write_all(head.as_bytes()).is_err() {
        return;
    }
    let mut seen = *state.generation.lock().expect("not poisoned");
    if write!(writer, "retry: 500\ndata: {}\n\n", state.generation_tag(seen)).and_then(|()| writer.flush()).is_err() {
        return;
    }
    loop {
        let guard = state.generation.lock().expect("not poisoned");
        let (guard, _) =
            state.rebuilt.wait_timeout_while(guard, Duration::from_secs(15), |g| *g == seen).expect("not poisoned");
        let current = *guard;
        drop(guard);
        // A comment every 15 s finds readers that went away.
        let sent = if current == seen {
            writer.write_all(b": still here\n\n")
        } else {
            seen = current;
            write!(writer, "data: {}\n\n", state.generation_tag(current))
        };
        if sent.and_then(|()| writer.flush()).is_err() {
            return;
        }
    }
}

/// The site path a request names, or `None` when it tries to leave the
/// site: `..` in any spelling, encoded slashes, backslashes, NUL bytes,
/// over-long paths.
pub fn site_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    if path.len() > LONGEST_PATH || !path.starts_with('/') || path.contains('\\') || path.contains('\0') {
        return None;
    }
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return None;
    }
    let decoded = crate::urls::percent_decode(path);
    if decoded.contains('\\') || decoded.contains('\0') || decoded.contains("//") {
        return None;
    }
    let mut clean = Vec::new();
    for segment in decoded.split('/').skip(1) {
        match segment {
            "." | ".." => return None,
            s => clean.push(s),
        }
    }
    let joined = clean.join("/");
    Some(if joined.is_empty() || joined.ends_with('/') { format!("{joined}index.html") } else { joined })
}

fn answer(request: Request, state: &State) {
    let head_only = *request.method() == Method::Head;
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(Response::empty(405));
        return;
    }
    let snapshot = state.snapshot.read().expect("not poisoned");
    let Some(path) = site_path(request.url()) else {
        let (status, body, content_type) = not_found(&snapshot, "", state);
        drop(snapshot);
        respond(request, status, body, content_type, head_only);
        return;
    };
    if let Some(bytes) = snapshot.files.get(&path) {
        let content_type = content_type(&path);
        let body = if content_type.starts_with("text/html") {
            with_live_reload(bytes, &snapshot, &path, state)
        } else {
            bytes.to_vec()
        };
        drop(snapshot);
        let etag = etag(&body);
        let not_modified = request.headers().iter().any(|h| h.field.equiv("If-None-Match") && h.value.as_str() == etag);
        if not_modified {
            let response = Response::empty(304).with_header(header("ETag", &etag));
            let _ = request.respond(response);
            return;
        }
        let response = Response::from_data(if head_only { Vec::new() } else { body })
            .with_header(header("Content-Type", content_type))
            .with_header(header("ETag", &etag))
            .with_header(header("Cache-Control", "no-cache"));
        let _ = request.respond(response);
        return;
    }
    // `/en/help` names the folder `/en/help/`: send the browser there, so
    // relative links work.
    if !path.ends_with(".html") && snapshot.files.contains_key(&format!("{path}/index.html")) {
        drop(snapshot);
        let location = format!("/{path}/");
        let _ = request.respond(Response::empty(301).with_header(header("Location", &location)));
        return;
    }
    let (status, body, content_type) = not_found(&snapshot, &path, state);
    drop(snapshot);
    respond(request, status, body, content_type, head_only);
}

fn respond(request: Request, status: u16, body: Vec<u8>, content_type: &str, head_only: bool) {
    let response = Response::from_data(if head_only { Vec::new() } else { body })
        .with_status_code(status)
        .with_header(header("Content-Type", content_type));
    let _ = request.respond(response);
}

/// The language's own 404 page (by the path's first folder), else the root one.
fn not_found(snapshot: &Snapshot, path: &str, state: &State) -> (u16, Vec<u8>, &'static str) {
    let first = path.split('/').next().unwrap_or_default();
    let page = snapshot
        .languages
        .iter()
        .find(|l| l.as_str() == first)
        .map(|l| format!("{l}/404.html"))
        .filter(|p| snapshot.files.contains_key(p))
        .unwrap_or_else(|| "404.html".to_string());
    match snapshot.files.get(&page) {
        Some(bytes) => (404, with_live_reload(bytes, snapshot, &page, state), "text/html; charset=utf-8"),
        None => (404, b"Not found".to_vec(), "text/plain; charset=utf-8"),
    }
}

/// The page with the live-reload script, and the problems of a failed
/// rebuild over it, just before `</body>`.
fn with_live_reload(html: &[u8], snapshot: &Snapshot, path: &str, state: &State) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut extra = String::new();
    if !snapshot.problems.is_empty() {
        let lang = path.split('/').next().filter(|l| snapshot.languages.iter().any(|c| c == l)).unwrap_or("en");
        let (title, hint) = snapshot.overlay_words.get(lang).cloned().unwrap_or_else(|| {
            ("The site could not be rebuilt".into(), "The last working version is shown underneath.".into())
        });
        extra.push_str(&overlay(&title, &hint, &snapshot.problems, &state.options));
    }
    extra.push_str(LIVE_RELOAD);
    match text.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

fn overlay(title: &str, hint: &str, problems: &[Diagnostic], options: &BuildOptions) -> String {
    let base = std::fs::canonicalize(&options.site_dir).unwrap_or_else(|_| options.site_dir.clone());
    let items: String = problems
        .iter()
        .map(|d| {
            let mut shown = d.clone();
            shown.file = std::path::PathBuf::from(d.display_path(&base));
            format!("<li><pre>{}</pre></li>", escape(&shown.to_string()))
        })
        .collect();
    format!(
        "<div id=\"phare-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,24,33,.94);color:#fff;font:16px/1.5 system-ui,sans-serif;padding:2rem\"><div style=\"max-width:60rem;margin:0 auto\"><h2 style=\"color:#ffb4a9;margin-top:0\">{}</h2><p>{}</p><ul style=\"list-style:none;padding:0\">{items}</ul></div><style>#phare-overlay pre{{white-space:pre-wrap;background:#000;padding:1rem;border-left:4px solid #ff6b57}}</style></div>",
        escape(title),
        escape(hint)
    )
}

/// Reloads the page after each rebuild, keeping its scroll position, and
/// after the server restarts (a new generation tag).
const LIVE_RELOAD: &str = r#"<script>(()=>{const k="phare-scroll:"+location.pathname;const y=sessionStorage.getItem(k);if(y!==null){sessionStorage.removeItem(k);addEventListener("load",()=>scrollTo(0,+y))}let seen=null;const events=new EventSource("/_phare/events");events.onmessage=e=>{if(seen!==null&&e.data!==seen){sessionStorage.setItem(k,String(scrollY));location.reload()}seen=e.data}})();</script>"#;

fn etag(body: &[u8]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    format!("\"{:016x}\"", hasher.finish())
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default().to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "conf" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/en/../../etc",
            "/%2e%2e/etc",
            "/%2E%2E/%2e%2e/etc",
            "/en%2f..%2fetc",
            "/en\\..\\etc",
            "/en/%00",
            "/en/\0",
            "//etc/passwd",
            "etc/passwd",
            "/./en/",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
        assert_eq!(site_path(&format!("/{}", "a".repeat(LONGEST_PATH))), None);
    }

    #[test]
    fn folders_are_served_by_their_index() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/fr/aide/?x=1").as_deref(), Some("fr/aide/index.html"));
        assert_eq!(site_path("/fr/v%C3%A9rification/").as_deref(), Some("fr/vérification/index.html"));
        assert_eq!(site_path("/phare/style.css").as_deref(), Some("phare/style.css"));
    }
}
