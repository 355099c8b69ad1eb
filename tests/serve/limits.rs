//! What a client could do to stop the preview answering others: enormous
//! declared bodies, silence, hundreds of idle sockets past the open-file
//! limit, many live-reload streams; and what keeps it fast (keep-alive).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use super::common::{Fixture, article};
use super::{Reply, next_event, request, site, start, start_with};
use phare::serve::{self, Limits, State};

/// Reads one response off a kept-alive connection: the head, then exactly
/// `Content-Length` bytes of body.
fn read_response(reader: &mut BufReader<TcpStream>) -> Reply {
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let status = status_line.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.trim_end().split_once(": ") {
            headers.push((name.to_string(), value.to_string()));
        }
    }
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .map_or(0, |(_, v)| v.parse::<usize>().unwrap());
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    Reply { status, headers, body: String::from_utf8_lossy(&body).to_string() }
}

#[test]
fn an_enormous_declared_body_is_refused_and_the_server_lives_on() {
    let site = site();
    let server = start(&site);
    let refused = request(server.port, "GET", "/fr/aide/perte/", "Content-Length: 99999999999\r\n");
    assert_eq!(refused.status, 413);
    assert_eq!(request(server.port, "GET", "/fr/aide/perte/", "").status, 200);
}

#[test]
fn a_folder_with_accents_and_no_slash_redirects_to_the_encoded_slash_form() {
    let site = site();
    site.write("content/fr/sécurité/mot-de-passe.md", &article("title: Mot de passe", "Choisissez-le bien.\n"));
    let server = start(&site);
    assert_eq!(request(server.port, "GET", "/fr/s%C3%A9curit%C3%A9/", "").status, 200);
    for asked in ["/fr/s%C3%A9curit%C3%A9", "/fr/sécurité"] {
        let moved = request(server.port, "GET", asked, "");
        assert_eq!(moved.status, 301, "{asked}");
        assert_eq!(moved.header("Location"), Some("/fr/s%C3%A9curit%C3%A9/"), "{asked}");
    }
}

#[test]
fn twenty_requests_in_a_row_share_one_kept_alive_connection() {
    let site = site();
    let server = start(&site);
    let stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    for n in 0..20 {
        let path = if n % 2 == 0 { "/fr/aide/perte/" } else { "/test.css" };
        write!(writer, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let reply = read_response(&mut reader);
        assert_eq!(reply.status, 200, "request {n}");
        assert!(reply.body.contains(if n % 2 == 0 { "Agissez vite." } else { "color: black" }), "request {n}");
    }
}

#[test]
fn requests_sent_together_are_answered_in_order() {
    let site = site();
    let server = start(&site);
    let stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    // The first is answered by a worker (nothing prepared yet), the others
    // wait in the socket meanwhile; the last one hangs up.
    let paths = ["/fr/aide/perte/", "/test.css", "/nowhere", "/fr/aide/perte/", "/en/help/lost-phone/"];
    let mut together = String::new();
    for (n, path) in paths.iter().enumerate() {
        let close = if n == paths.len() - 1 { "Connection: close\r\n" } else { "" };
        together.push_str(&format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n{close}\r\n"));
    }
    writer.write_all(together.as_bytes()).unwrap();
    let statuses: Vec<u16> = paths.iter().map(|_| read_response(&mut reader).status).collect();
    assert_eq!(statuses, [200, 200, 404, 200, 200]);
    let mut rest = Vec::new();
    assert_eq!(reader.read_to_end(&mut rest).map_err(|e| e.kind()), Ok(0), "closed after the last");
}

#[test]
fn idle_connections_and_unfinished_requests_are_closed() {
    let site = site();
    let short = Duration::from_millis(200);
    let server = start_with(&site, Limits { head_timeout: short, idle_timeout: short, ..Limits::default() });
    let mut silent = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let mut unfinished = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(unfinished, "GET / HTTP/1.1\r\nHost: loc").unwrap();
    let kept_alive = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let mut writer = kept_alive.try_clone().unwrap();
    let mut reader = BufReader::new(kept_alive);
    write!(writer, "GET /test.css HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    assert_eq!(read_response(&mut reader).status, 200);
    for stream in [&mut silent, &mut unfinished, reader.get_mut()] {
        // The server hangs up: the read ends (0 bytes) instead of timing out.
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut rest = Vec::new();
        assert_eq!(stream.read_to_end(&mut rest).map_err(|e| e.kind()), Ok(0));
    }
}

#[test]
fn many_live_reload_streams_each_get_the_event_and_pages_are_still_answered() {
    let site = site();
    let server = start_with(&site, Limits { max_event_streams: 100, ..Limits::default() });
    let mut streams: Vec<BufReader<TcpStream>> = (0..100)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            write!(stream, "GET /_phare/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
            BufReader::new(stream)
        })
        .collect();
    let first: Vec<String> = streams.iter_mut().map(next_event).collect();
    assert_eq!(request(server.port, "GET", "/_phare/events", "").status, 503, "one stream past the limit");
    assert_eq!(request(server.port, "GET", "/fr/aide/perte/", "").status, 200);
    server.state.rebuild();
    for (reader, before) in streams.iter_mut().zip(first) {
        assert_ne!(next_event(reader), before);
    }
}

/// `phare serve` itself, in a shell that first lowers its limit of open files.
struct Child(std::process::Child, u16);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[cfg(unix)]
fn serve_with_open_file_limit(site: &Fixture, limit: u32) -> Child {
    let mut child = std::process::Command::new("sh")
        .args([
            "-c",
            &format!("ulimit -n {limit} && exec \"$0\" serve --site \"$1\" --port 0"),
            env!("CARGO_BIN_EXE_phare"),
        ])
        .arg(site.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let port = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| l.split("http://127.0.0.1:").nth(1).and_then(|rest| rest.split('/').next()?.parse().ok()))
        .expect("the server says its address");
    // Keep reading its messages so it never blocks writing them.
    std::thread::spawn(move || lines.for_each(drop));
    Child(child, port)
}

#[cfg(unix)]
#[test]
fn hundreds_of_idle_connections_past_the_open_file_limit_do_not_stop_the_answers() {
    let site = site();
    let server = serve_with_open_file_limit(&site, 128);
    let idle: Vec<TcpStream> = (0..300).map(|_| TcpStream::connect(("127.0.0.1", server.1)).unwrap()).collect();
    assert_eq!(request(server.1, "GET", "/fr/aide/perte/", "").status, 200, "answered with 300 idle sockets open");
    drop(idle);
    for _ in 0..3 {
        assert_eq!(request(server.1, "GET", "/en/help/lost-phone/", "").status, 200, "answered after they left");
    }
}

#[test]
fn a_burst_of_connections_before_any_is_taken_is_answered_in_full() {
    // The burst arrives while the server takes none (as when its thread
    // waits for a core): the system must queue them all, not drop some.
    let site = site();
    let server = std::sync::Arc::new(serve::bind("127.0.0.1", 0).unwrap());
    let address = serve::local_address(&server).unwrap();
    let burst: Vec<TcpStream> =
        (0..300).map(|_| TcpStream::connect_timeout(&address, Duration::from_secs(5)).unwrap()).collect();
    let state = State::new(site.options());
    state.rebuild();
    serve::run(std::sync::Arc::clone(&server), state, 2);
    for (n, stream) in burst.into_iter().enumerate() {
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut writer = stream.try_clone().unwrap();
        write!(writer, "GET /test.css HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        assert_eq!(read_response(&mut BufReader::new(stream)).status, 200, "connection {n}");
    }
}
