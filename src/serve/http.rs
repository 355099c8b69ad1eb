//! HTTP/1.1 on the wire: a request head read under strict limits (parsed by
//! httparse), and a response written as one buffer. The preview never needs
//! a request body, so none is ever read: a declared body is refused when
//! large and otherwise left unread, the connection closed after the answer.

use std::sync::Arc;

/// Longest request head accepted; browsers send a few hundred bytes.
pub(crate) const LONGEST_HEAD: usize = 16 * 1024;
const MOST_HEADERS: usize = 64;
/// A declared body past this size is refused outright (413).
pub(crate) const LARGEST_BODY: u64 = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Head,
    Other,
}

#[derive(Debug)]
pub(crate) struct RequestHead {
    pub method: Method,
    /// The request target as sent, path and query.
    pub target: String,
    /// The client may send another request on this connection afterwards.
    pub keep_alive: bool,
    pub if_none_match: Option<String>,
}

#[derive(Debug)]
pub(crate) enum Parsed {
    /// A whole head, and how many bytes of the input it took.
    Request(RequestHead, usize),
    Incomplete,
    /// The head cannot be answered: say so with this status and hang up.
    Refused(u16),
}

/// Does `input` hold the blank line that ends a head? Looks only from
/// `from` on (less the three bytes a terminator may straddle), so a head
/// arriving byte by byte is scanned once, not once per byte.
pub(crate) fn head_ends(input: &[u8], from: usize) -> bool {
    let window = &input[from.saturating_sub(3).min(input.len())..];
    window.windows(2).any(|w| w == b"\n\n") || window.windows(3).any(|w| w == b"\n\r\n")
}

pub(crate) fn parse(input: &[u8]) -> Parsed {
    let mut headers = [httparse::EMPTY_HEADER; MOST_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    let length = match request.parse(input) {
        Ok(httparse::Status::Complete(length)) if length <= LONGEST_HEAD => length,
        Ok(httparse::Status::Complete(_)) => return Parsed::Refused(431),
        Ok(httparse::Status::Partial) if input.len() >= LONGEST_HEAD => return Parsed::Refused(431),
        Ok(httparse::Status::Partial) => return Parsed::Incomplete,
        Err(httparse::Error::TooManyHeaders) => return Parsed::Refused(431),
        Err(_) => return Parsed::Refused(400),
    };
    let method = match request.method {
        Some("GET") => Method::Get,
        Some("HEAD") => Method::Head,
        _ => Method::Other,
    };
    let http_1_1 = request.version == Some(1);
    let (mut close, mut keep_alive_asked) = (false, false);
    let mut content_length: Option<u64> = None;
    let mut if_none_match = None;
    for header in request.headers.iter() {
        let value = String::from_utf8_lossy(header.value);
        let name = header.name;
        if name.eq_ignore_ascii_case("content-length") {
            let value = value.trim();
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                return Parsed::Refused(400);
            }
            // More digits than a u64 holds is still just "too large".
            let length = value.parse::<u64>().unwrap_or(u64::MAX);
            if content_length.is_some_and(|known| known != length) {
                return Parsed::Refused(400);
            }
            content_length = Some(length);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            return Parsed::Refused(501);
        } else if name.eq_ignore_ascii_case("connection") {
            for token in value.split(',').map(str::trim) {
                close |= token.eq_ignore_ascii_case("close");
                keep_alive_asked |= token.eq_ignore_ascii_case("keep-alive");
            }
        } else if name.eq_ignore_ascii_case("if-none-match") {
            if_none_match = Some(value.into_owned());
        }
    }
    if content_length.is_some_and(|length| length > LARGEST_BODY) {
        return Parsed::Refused(413);
    }
    let has_body = content_length.is_some_and(|length| length > 0);
    let head = RequestHead {
        method,
        target: request.path.unwrap_or("/").to_string(),
        keep_alive: !close && !has_body && (http_1_1 || keep_alive_asked),
        if_none_match,
    };
    Parsed::Request(head, length)
}

pub(crate) enum Body {
    Owned(Vec<u8>),
    Shared(Arc<Vec<u8>>),
}

impl Body {
    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            Body::Owned(bytes) => bytes,
            Body::Shared(bytes) => bytes,
        }
    }
}

pub(crate) struct Response {
    pub status: u16,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

impl Response {
    pub(crate) fn new(status: u16) -> Response {
        Response { status, headers: Vec::new(), body: Body::Owned(Vec::new()) }
    }

    /// A short plain-text answer, for statuses without a page of their own.
    pub(crate) fn plain(status: u16) -> Response {
        let text = format!("{status} {}\n", reason(status));
        Response::new(status).header("Content-Type", "text/plain; charset=utf-8").body(Body::Owned(text.into_bytes()))
    }

    pub(crate) fn header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }

    pub(crate) fn body(mut self, body: Body) -> Response {
        self.body = body;
        self
    }

    /// The whole response in one buffer, so it leaves in one write. A HEAD
    /// answer says the length of the body it leaves out.
    pub(crate) fn to_bytes(&self, head_only: bool, keep_alive: bool) -> Vec<u8> {
        let body = self.body.bytes();
        let mut out = Vec::with_capacity(256 + if head_only { 0 } else { body.len() });
        out.extend_from_slice(format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status)).as_bytes());
        for (name, value) in &self.headers {
            out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        // A 304 has no body, and its length would describe the page's.
        if self.status != 304 {
            out.extend_from_slice(format!("Content-Length: {}\r\n", body.len()).as_bytes());
        }
        out.extend_from_slice(if keep_alive {
            b"Connection: keep-alive\r\n\r\n"
        } else {
            b"Connection: close\r\n\r\n"
        });
        if !head_only && self.status != 304 {
            out.extend_from_slice(body);
        }
        out
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(text: &str) -> RequestHead {
        match parse(text.as_bytes()) {
            Parsed::Request(head, used) => {
                assert_eq!(used, text.len());
                head
            }
            other => panic!("{other:?}"),
        }
    }

    fn refused(text: &str) -> Option<u16> {
        match parse(text.as_bytes()) {
            Parsed::Refused(status) => Some(status),
            _ => None,
        }
    }

    #[test]
    fn keep_alive_follows_the_version_and_the_connection_header() {
        assert!(head("GET / HTTP/1.1\r\nHost: x\r\n\r\n").keep_alive);
        assert!(!head("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n").keep_alive);
        assert!(!head("GET / HTTP/1.0\r\n\r\n").keep_alive);
        assert!(head("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keep_alive);
        // A body is never read, so what follows it cannot be a request.
        assert!(!head("GET / HTTP/1.1\r\nContent-Length: 3\r\n\r\n").keep_alive);
    }

    #[test]
    fn bodies_too_large_malformed_or_chunked_are_refused() {
        assert_eq!(refused("GET / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n"), Some(413));
        assert_eq!(refused("GET / HTTP/1.1\r\nContent-Length: 99999999999999999999999999\r\n\r\n"), Some(413));
        assert_eq!(refused("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"), Some(400));
        assert_eq!(refused("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"), Some(400));
        assert_eq!(refused("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"), Some(501));
        assert_eq!(refused("GET / HTTP/1.1\r\nContent-Length: 10\r\n\r\n"), None);
    }

    #[test]
    fn heads_that_are_too_long_or_broken_are_refused() {
        let long = format!("GET / HTTP/1.1\r\nX-Long: {}\r\n", "a".repeat(LONGEST_HEAD));
        assert_eq!(refused(&long), Some(431));
        let many: String = (0..MOST_HEADERS + 1).map(|n| format!("X-{n}: y\r\n")).collect();
        assert_eq!(refused(&format!("GET / HTTP/1.1\r\n{many}\r\n")), Some(431));
        assert_eq!(refused("GET / HTTP/1.1\r\nBad Header\r\n\r\n"), Some(400));
        assert!(matches!(parse(b"GET / HTTP/1.1\r\nHost:"), Parsed::Incomplete));
    }

    #[test]
    fn the_end_of_a_head_is_found_even_across_reads() {
        let text = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n";
        assert!(!head_ends(&text[..text.len() - 1], 0));
        assert!(head_ends(text, text.len() - 1));
        assert!(head_ends(b"GET / HTTP/1.0\n\n", 14));
    }

    #[test]
    fn a_response_is_one_buffer_and_head_keeps_the_length() {
        let response = Response::new(200).header("Content-Type", "text/plain").body(Body::Owned(b"hello".to_vec()));
        let full = String::from_utf8(response.to_bytes(false, true)).unwrap();
        assert_eq!(
            full,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\nhello"
        );
        let head = String::from_utf8(response.to_bytes(true, false)).unwrap();
        assert!(head.ends_with("Content-Length: 5\r\nConnection: close\r\n\r\n"), "{head}");
        let not_modified = String::from_utf8(Response::new(304).to_bytes(false, true)).unwrap();
        assert!(!not_modified.contains("Content-Length"), "{not_modified}");
    }
}
