//! What to send for a request: the page from memory with the live-reload
//! script (and the problems of a failed rebuild) added, ETags and 304s,
//! folder redirects, and each language's 404 page.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::http::{Body, Method, RequestHead, Response};
use super::paths::{folder_location, site_path};
use super::{Snapshot, State};
use crate::diagnostics::Diagnostic;
use crate::markdown::escape;
use crate::site::BuildOptions;

/// A file's answer, made once per build: the page with the live-reload
/// script added, and its ETag.
pub(crate) struct Prepared {
    content_type: &'static str,
    body: Arc<Vec<u8>>,
    etag: String,
}

pub(crate) fn answer(state: &State, request: &RequestHead) -> Response {
    if request.method == Method::Other {
        return Response::plain(405).header("Allow", "GET, HEAD");
    }
    let path = site_path(&request.target);
    if let Some(path) = path.as_deref().filter(|p| p.starts_with("search/")) {
        state.refresh_search(path);
    }
    let snapshot = state.snapshot.read().expect("not poisoned");
    let Some(path) = path else {
        return not_found(&snapshot, "", state);
    };
    if let Some(prepared) = prepare(&snapshot, &path, state) {
        drop(snapshot);
        return from_prepared(&prepared, request);
    }
    // `/en/help` names the folder `/en/help/`: send the browser there, so
    // relative links work.
    if !path.ends_with(".html") && snapshot.files.contains_key(&format!("{path}/index.html")) {
        return Response::new(301).header("Location", folder_location(&path, &request.target));
    }
    not_found(&snapshot, &path, state)
}

/// The answer when it is already prepared, else `None` (the request then
/// goes to a worker). Cheap and never blocking for long, so the event loop
/// can answer most requests itself without handing them over.
pub(crate) fn answer_if_prepared(state: &State, request: &RequestHead) -> Option<Response> {
    if request.method == Method::Other {
        return None;
    }
    let path = site_path(&request.target)?;
    let snapshot = state.snapshot.read().ok()?;
    let prepared = Arc::clone(snapshot.prepared.lock().ok()?.get(&path)?);
    drop(snapshot);
    Some(from_prepared(&prepared, request))
}

fn prepare(snapshot: &Snapshot, path: &str, state: &State) -> Option<Arc<Prepared>> {
    if let Some(prepared) = snapshot.prepared.lock().expect("not poisoned").get(path) {
        return Some(Arc::clone(prepared));
    }
    let bytes = snapshot.files.get(path)?;
    let content_type = content_type(path);
    let body = if content_type.starts_with("text/html") {
        Arc::new(with_live_reload(bytes, snapshot, path, state))
    } else {
        Arc::clone(bytes)
    };
    let prepared = Arc::new(Prepared { content_type, etag: etag(&body), body });
    snapshot.prepared.lock().expect("not poisoned").insert(path.to_string(), Arc::clone(&prepared));
    Some(prepared)
}

fn from_prepared(prepared: &Prepared, request: &RequestHead) -> Response {
    let not_modified = request
        .if_none_match
        .as_deref()
        .is_some_and(|asked| asked.split(',').map(str::trim).any(|tag| tag == "*" || tag == prepared.etag));
    if not_modified {
        return Response::new(304).header("ETag", prepared.etag.clone());
    }
    Response::new(200)
        .header("Content-Type", prepared.content_type)
        .header("ETag", prepared.etag.clone())
        .header("Cache-Control", "no-cache")
        .body(Body::Shared(Arc::clone(&prepared.body)))
}

/// The language's own 404 page (by the path's first folder), else the root one.
fn not_found(snapshot: &Snapshot, path: &str, state: &State) -> Response {
    let first = path.split('/').next().unwrap_or_default();
    let page = snapshot
        .languages
        .iter()
        .find(|l| l.as_str() == first)
        .map(|l| format!("{l}/404.html"))
        .filter(|p| snapshot.files.contains_key(p))
        .unwrap_or_else(|| "404.html".to_string());
    match snapshot.files.get(&page) {
        Some(bytes) => Response::new(404)
            .header("Content-Type", "text/html; charset=utf-8")
            .header("Cache-Control", "no-cache")
            .body(Body::Owned(with_live_reload(bytes, snapshot, &page, state))),
        None if snapshot.files.is_empty() && !snapshot.problems.is_empty() => first_build_failed(snapshot, path, state),
        None => Response::plain(404),
    }
}

/// No build has worked yet, so there is no page to show the problems over:
/// a page of their own, on every path, that reloads once the site builds.
fn first_build_failed(snapshot: &Snapshot, path: &str, state: &State) -> Response {
    use crate::load::ui_strings::Strings;
    let lang = match path.split('/').next() {
        Some(first) if Strings::builtin(first, "overlay-first-title").is_some() && first.len() <= 8 => first,
        _ => "en",
    };
    let words = |key: &str| Strings::builtin(lang, key).unwrap_or_default();
    let title = words("overlay-first-title");
    let page = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title></head><body>{}{LIVE_RELOAD}</body></html>",
        escape(lang),
        escape(&title),
        overlay(&title, &words("overlay-first-hint"), &snapshot.problems, &state.options)
    );
    Response::new(500)
        .header("Content-Type", "text/html; charset=utf-8")
        .header("Cache-Control", "no-cache")
        .body(Body::Owned(page.into_bytes()))
}

/// The page with the live-reload script, and the problems of a failed
/// rebuild over it, just before `</body>`.
fn with_live_reload(html: &[u8], snapshot: &Snapshot, path: &str, state: &State) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut extra = String::new();
    let lang = path
        .split('/')
        .next()
        .filter(|l| snapshot.languages.iter().any(|c| c == l))
        .or(snapshot.languages.first().map(String::as_str))
        .unwrap_or("en");
    extra.push_str(&snapshot.warnings.panel(path, lang));
    if !snapshot.problems.is_empty() {
        let (title, hint) = snapshot.overlay_words.get(lang).cloned().unwrap_or_else(|| {
            ("The site could not be rebuilt".into(), "The last working version is shown underneath.".into())
        });
        extra.push_str(&overlay(&title, &hint, &snapshot.problems, &state.options));
    }
    if let Some(toolbar) = snapshot.toolbars.get(path) {
        extra.push_str(toolbar);
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

pub(crate) fn content_type(path: &str) -> &'static str {
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
