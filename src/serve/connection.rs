//! One client connection as the event loop sees it: where it is in its
//! life, what it sent that is not answered yet, what is still to be written,
//! and its deadline. The reads and writes here never block.

use std::io::{self, Read, Write};
use std::time::Instant;

use mio::net::{TcpListener, TcpStream};

use super::http::{self, Parsed};

/// Bytes dropped from a client that should not be sending, before hanging up.
const MOST_IGNORED: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Waiting for (the rest of) a request head.
    Reading,
    /// A worker is computing the answer.
    Answering,
    Writing,
    /// A live-reload stream: events are written as rebuilds happen.
    Streaming,
    /// The last answer is written; waiting for the client to hang up.
    Closing,
}

/// What a read or write came to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Progress {
    /// Nothing more can be done until the socket is ready again.
    Blocked,
    /// All there was to write is written.
    Done,
    /// The client left, or misbehaved: close the connection.
    Gone,
}

pub(crate) struct Connection {
    pub stream: TcpStream,
    pub phase: Phase,
    pub input: Vec<u8>,
    /// How much of `input` was searched for the end of a head.
    scanned: usize,
    output: Vec<u8>,
    written: usize,
    /// After the answer being written: read the next request, or hang up.
    pub keep_alive: bool,
    /// The socket may hold bytes no readiness event will announce again:
    /// false only after a read took less than it asked for (the socket was
    /// then empty, so any later byte raises an event).
    pub maybe_unread: bool,
    /// Registered to hear when the socket can take more output.
    pub wants_write: bool,
    pub deadline: Option<Instant>,
    /// When it started waiting for a request: the longest idle goes first.
    pub idle_since: Instant,
    ignored: usize,
}

impl Connection {
    pub(crate) fn new(stream: TcpStream, now: Instant, deadline: Instant) -> Connection {
        Connection {
            stream,
            phase: Phase::Reading,
            input: Vec::new(),
            scanned: 0,
            output: Vec::new(),
            written: 0,
            keep_alive: true,
            maybe_unread: true,
            wants_write: false,
            deadline: Some(deadline),
            idle_since: now,
            ignored: 0,
        }
    }

    /// The next request head in what was received, once its end is in:
    /// `None` while incomplete. A head is parsed once, not once per read.
    pub(crate) fn next_head(&mut self) -> Option<Parsed> {
        if !http::head_ends(&self.input, self.scanned) && self.input.len() <= http::LONGEST_HEAD {
            self.scanned = self.input.len();
            return None;
        }
        self.scanned = self.input.len();
        match http::parse(&self.input) {
            Parsed::Incomplete => None,
            Parsed::Request(head, used) => {
                self.input.drain(..used);
                self.scanned = 0;
                Some(Parsed::Request(head, used))
            }
            refused => Some(refused),
        }
    }

    /// Reads one chunk into `input`. `Done` means some bytes came.
    pub(crate) fn read_some(&mut self) -> Progress {
        let mut chunk = [0u8; 4096];
        loop {
            return match self.stream.read(&mut chunk) {
                Ok(0) => Progress::Gone,
                Ok(n) => {
                    self.input.extend_from_slice(&chunk[..n]);
                    self.maybe_unread = n == chunk.len();
                    Progress::Done
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.maybe_unread = false;
                    Progress::Blocked
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => Progress::Gone,
            };
        }
    }

    /// Reads and drops what a stream or closing connection sends.
    pub(crate) fn ignore_input(&mut self) -> Progress {
        let mut chunk = [0u8; 4096];
        loop {
            match self.stream.read(&mut chunk) {
                Ok(0) => return Progress::Gone,
                Ok(n) => {
                    self.ignored += n;
                    if self.ignored > MOST_IGNORED {
                        return Progress::Gone;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Progress::Blocked,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return Progress::Gone,
            }
        }
    }

    /// Replaces what is to be written (a whole answer).
    pub(crate) fn set_output(&mut self, bytes: Vec<u8>) {
        self.output = bytes;
        self.written = 0;
    }

    /// Adds to what is to be written; false when that would leave more than
    /// `most` bytes unwritten (the reader is gone or stuck).
    pub(crate) fn add_output(&mut self, bytes: &[u8], most: usize) -> bool {
        if self.output.len() - self.written + bytes.len() > most {
            return false;
        }
        self.output.drain(..self.written);
        self.written = 0;
        self.output.extend_from_slice(bytes);
        true
    }

    pub(crate) fn write_pending(&mut self) -> Progress {
        while self.written < self.output.len() {
            match self.stream.write(&self.output[self.written..]) {
                Ok(0) => return Progress::Gone,
                Ok(n) => self.written += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Progress::Blocked,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return Progress::Gone,
            }
        }
        // An answer can be large; an idle connection keeps no copy of it.
        self.output = Vec::new();
        self.written = 0;
        Progress::Done
    }
}

/// Takes one connection off the listener, ready to answer without delay:
/// Nagle's algorithm would hold each small answer back until the previous
/// one is acknowledged, some 40 ms on a kept-alive connection.
pub(crate) fn accept(listener: &TcpListener) -> io::Result<TcpStream> {
    let (stream, _) = listener.accept()?;
    // A socket without the option still answers, only more slowly.
    let _ = stream.set_nodelay(true);
    Ok(stream)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_connections_send_without_delay() {
        let listener = TcpListener::bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let _client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let stream = loop {
            match accept(&listener) {
                Ok(stream) => break stream,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => std::thread::yield_now(),
                Err(e) => panic!("{e}"),
            }
        };
        assert!(stream.nodelay().unwrap());
    }
}
