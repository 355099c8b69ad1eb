//! The live-reload stream (Server-Sent Events) as bytes on the wire. Every
//! stream is held by the event loop (`server.rs`), which writes each event to
//! all of them at once: a page left open costs a socket, not a thread.

use std::time::Duration;

pub(crate) const PATH: &str = "/_phare/events";

/// A comment this often finds readers that went away.
pub(crate) const HEARTBEAT_EVERY: Duration = Duration::from_secs(15);
pub(crate) const HEARTBEAT: &[u8] = b": still here\n\n";

/// Events not yet taken by a reader, past which it is dropped: a browser
/// reads them at once, so one this far behind is gone or stuck.
pub(crate) const MOST_UNREAD: usize = 64 * 1024;

pub(crate) fn is_events(target: &str) -> bool {
    target.split('?').next() == Some(PATH)
}

/// The response head and the first event, which names the current build.
pub(crate) fn opening(tag: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\ndata: {tag}\n\n"
    )
    .into_bytes()
}

pub(crate) fn event(tag: &str) -> Vec<u8> {
    format!("data: {tag}\n\n").into_bytes()
}
