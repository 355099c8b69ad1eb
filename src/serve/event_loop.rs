//! The one thread that owns every connection of the preview. It accepts,
//! reads request heads, hands them to the workers, writes their answers and
//! the live-reload events, all without blocking: a silent, slow or vanished
//! client costs a socket until its deadline, never a thread. When open
//! files run out, the longest idle connection makes room; accepting never
//! stops for good.

use std::collections::HashMap;
use std::io;
use std::net::Shutdown;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token, Waker};

mod closing;

use super::State;
use super::connection::{Connection, Phase, Progress, accept};
use super::events;
use super::http::{self, Parsed, RequestHead, Response};
use super::server::{Limits, Notices};

const LISTENER: Token = Token(0);
const WAKER: Token = Token(1);
/// After a last answer, how long a closing connection may still send
/// (bytes read and dropped) so that closing does not reset the connection
/// before the client has read the answer.
const LINGER: Duration = Duration::from_secs(2);
/// How long to wait before accepting again when the system refuses.
const ACCEPT_PAUSE: Duration = Duration::from_millis(20);
/// Connections taken in one go, so a flood of connects cannot keep the
/// loop from answering the connections it has.
const MOST_ACCEPTED_AT_ONCE: usize = 256;

pub(crate) struct Job {
    pub token: Token,
    pub head: RequestHead,
}

pub(crate) struct Reply {
    pub token: Token,
    pub bytes: Vec<u8>,
    pub keep_alive: bool,
}

pub(crate) struct EventLoop {
    poll: Poll,
    waker: Arc<Waker>,
    listener: TcpListener,
    connections: HashMap<Token, Connection>,
    next_token: usize,
    state: Arc<State>,
    limits: Limits,
    notices: Notices,
    told_out_of_files: bool,
    jobs: mpsc::Sender<Job>,
    replies: mpsc::Receiver<Reply>,
    streams: usize,
    announced: u64,
    next_heartbeat: Instant,
    /// No deadline falls before this; deadlines are checked then.
    next_sweep: Instant,
    accept_paused_until: Option<Instant>,
}

/// How the event loop talks to the pool of workers: jobs out, replies in.
pub(crate) struct WorkerChannels {
    pub(crate) jobs: mpsc::Sender<Job>,
    pub(crate) replies: mpsc::Receiver<Reply>,
}

impl EventLoop {
    pub(crate) fn new(
        listener: std::net::TcpListener,
        state: Arc<State>,
        limits: Limits,
        notices: Notices,
        workers: WorkerChannels,
    ) -> io::Result<EventLoop> {
        let WorkerChannels { jobs, replies } = workers;
        let poll = Poll::new()?;
        let waker = Arc::new(Waker::new(poll.registry(), WAKER)?);
        let mut listener = TcpListener::from_std(listener);
        poll.registry().register(&mut listener, LISTENER, Interest::READABLE)?;
        state.listen_for_rebuilds(Arc::clone(&waker));
        let now = Instant::now();
        Ok(EventLoop {
            poll,
            waker,
            listener,
            connections: HashMap::new(),
            next_token: 2,
            announced: state.generation(),
            state,
            limits,
            notices,
            told_out_of_files: false,
            jobs,
            replies,
            streams: 0,
            next_heartbeat: now + events::HEARTBEAT_EVERY,
            next_sweep: now + Duration::from_secs(3600),
            accept_paused_until: None,
        })
    }

    pub(crate) fn waker(&self) -> Arc<Waker> {
        Arc::clone(&self.waker)
    }

    pub(crate) fn run(mut self) {
        let mut ready = Events::with_capacity(1024);
        loop {
            let wake_at = [Some(self.next_sweep), Some(self.next_heartbeat), self.accept_paused_until]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(self.next_sweep);
            if let Err(e) = self.poll.poll(&mut ready, Some(wake_at.saturating_duration_since(Instant::now()))) {
                if e.kind() != io::ErrorKind::Interrupted {
                    (self.notices)(&format!("waiting for requests failed ({e}); trying again"));
                    std::thread::sleep(ACCEPT_PAUSE);
                }
                continue;
            }
            for event in ready.iter() {
                match event.token() {
                    LISTENER => self.accept_all(),
                    WAKER => {}
                    token => self.on_ready(
                        token,
                        event.is_readable() || event.is_read_closed() || event.is_error(),
                        event.is_writable(),
                    ),
                }
            }
            self.take_replies();
            self.announce_rebuild();
            let now = Instant::now();
            if self.accept_paused_until.is_some_and(|until| now >= until) {
                self.accept_paused_until = None;
                self.accept_all();
            }
            if now >= self.next_heartbeat {
                self.next_heartbeat = now + events::HEARTBEAT_EVERY;
                self.send_to_streams(events::HEARTBEAT);
            }
            if now >= self.next_sweep {
                self.sweep(now);
            }
        }
    }

    fn accept_all(&mut self) {
        for _ in 0..MOST_ACCEPTED_AT_ONCE {
            if self.accept_paused_until.is_some() {
                return;
            }
            if self.connections.len() >= self.limits.max_connections && !self.close_longest_idle() {
                self.pause_accepting();
                return;
            }
            match accept(&self.listener) {
                Ok(stream) => self.adopt(stream),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if matches!(e.kind(), io::ErrorKind::Interrupted | io::ErrorKind::ConnectionAborted) => {}
                Err(e) if is_out_of_files(&e) => {
                    if !self.told_out_of_files {
                        self.told_out_of_files = true;
                        (self.notices)(&format!(
                            "cannot take a new connection ({e}); idle ones are closed to make room. Raise the limit of open files (`ulimit -n`) if this preview has many visitors"
                        ));
                    }
                    if !self.close_longest_idle() {
                        self.pause_accepting();
                    }
                }
                // Anything else (out of memory, a network hiccup): wait a
                // moment and try again, never give up the listener.
                Err(_) => self.pause_accepting(),
            }
        }
        // More may be waiting: take them after this round of answers.
        self.accept_paused_until = Some(Instant::now());
    }

    fn pause_accepting(&mut self) {
        self.accept_paused_until = Some(Instant::now() + ACCEPT_PAUSE);
    }

    fn adopt(&mut self, mut stream: TcpStream) {
        let token = Token(self.next_token);
        self.next_token += 1;
        if self.poll.registry().register(&mut stream, token, Interest::READABLE).is_err() {
            return;
        }
        let now = Instant::now();
        let deadline = now + self.limits.head_timeout;
        self.connections.insert(token, Connection::new(stream, now, deadline));
        self.next_sweep = self.next_sweep.min(deadline);
    }

    fn on_ready(&mut self, token: Token, readable: bool, writable: bool) {
        let Some(connection) = self.connections.get_mut(&token) else { return };
        match connection.phase {
            Phase::Reading => self.read_request(token),
            Phase::Writing | Phase::Answering => {
                // Pipelined bytes: read once the answer is out.
                connection.maybe_unread |= readable;
                if writable && connection.phase == Phase::Writing {
                    self.flush(token);
                }
            }
            Phase::Streaming => {
                if writable {
                    self.flush(token);
                }
                self.ignore_input(token);
            }
            Phase::Closing => self.ignore_input(token),
        }
    }

    /// Reads until a whole head is in (then hands it on) or the socket has
    /// nothing more for now.
    fn read_request(&mut self, token: Token) {
        loop {
            let Some(connection) = self.connections.get_mut(&token) else { return };
            match connection.next_head() {
                Some(Parsed::Request(head, _)) => return self.dispatch(token, head),
                Some(Parsed::Refused(status)) => return self.answer_now(token, &Response::plain(status), false),
                Some(Parsed::Incomplete) | None => {}
            }
            let was_empty = connection.input.is_empty();
            match connection.read_some() {
                Progress::Done if was_empty => {
                    // The head must now arrive whole within its own time.
                    let deadline = Instant::now() + self.limits.head_timeout;
                    connection.deadline = Some(deadline);
                    self.next_sweep = self.next_sweep.min(deadline);
                }
                Progress::Done => {}
                Progress::Blocked => return,
                Progress::Gone => return self.close(token),
            }
        }
    }

    fn dispatch(&mut self, token: Token, head: RequestHead) {
        if head.method == http::Method::Get && events::is_events(&head.target) {
            return self.open_stream(token);
        }
        if let Some(response) = super::answer::answer_if_prepared(&self.state, &head) {
            let bytes = response.to_bytes(head.method == http::Method::Head, head.keep_alive);
            return self.write_answer(token, bytes, head.keep_alive);
        }
        let Some(connection) = self.connections.get_mut(&token) else { return };
        connection.phase = Phase::Answering;
        connection.deadline = None;
        if self.jobs.send(Job { token, head }).is_err() {
            self.close(token);
        }
    }

    fn open_stream(&mut self, token: Token) {
        if self.streams >= self.limits.max_event_streams {
            let busy = Response::plain(503).header("Retry-After", "5");
            return self.answer_now(token, &busy, false);
        }
        let Some(connection) = self.connections.get_mut(&token) else { return };
        connection.phase = Phase::Streaming;
        connection.deadline = None;
        connection.input = Vec::new();
        self.streams += 1;
        let tag = self.state.generation_tag(self.state.generation());
        self.queue(token, &events::opening(&tag));
    }

    /// An answer the loop gives itself (a refused head, a busy server).
    fn answer_now(&mut self, token: Token, response: &Response, keep_alive: bool) {
        self.write_answer(token, response.to_bytes(false, keep_alive), keep_alive);
    }

    fn take_replies(&mut self) {
        while let Ok(reply) = self.replies.try_recv() {
            self.write_answer(reply.token, reply.bytes, reply.keep_alive);
        }
    }

    fn write_answer(&mut self, token: Token, bytes: Vec<u8>, keep_alive: bool) {
        let Some(connection) = self.connections.get_mut(&token) else { return };
        let deadline = Instant::now() + self.limits.write_timeout;
        connection.phase = Phase::Writing;
        connection.set_output(bytes);
        connection.keep_alive = keep_alive;
        connection.deadline = Some(deadline);
        self.next_sweep = self.next_sweep.min(deadline);
        self.flush(token);
    }

    /// Adds to what a live-reload stream still has to send.
    fn queue(&mut self, token: Token, bytes: &[u8]) {
        let Some(connection) = self.connections.get_mut(&token) else { return };
        if !connection.add_output(bytes, events::MOST_UNREAD) {
            return self.close(token);
        }
        self.flush(token);
    }

    fn flush(&mut self, token: Token) {
        let Some(connection) = self.connections.get_mut(&token) else { return };
        let progress = connection.write_pending();
        // Asked to hear when the socket takes more only while something
        // waits to be written: otherwise every acknowledgment would wake
        // the loop.
        let wants_write = progress == Progress::Blocked;
        if wants_write != connection.wants_write {
            let interest = if wants_write { Interest::READABLE | Interest::WRITABLE } else { Interest::READABLE };
            if self.poll.registry().reregister(&mut connection.stream, token, interest).is_err() {
                return self.close(token);
            }
            connection.wants_write = wants_write;
        }
        match progress {
            Progress::Done => {}
            Progress::Blocked => return,
            Progress::Gone => return self.close(token),
        }
        if connection.phase != Phase::Writing {
            return;
        }
        let now = Instant::now();
        if connection.keep_alive {
            connection.phase = Phase::Reading;
            connection.idle_since = now;
            let deadline = now + self.limits.idle_timeout;
            connection.deadline = Some(deadline);
            self.next_sweep = self.next_sweep.min(deadline);
            // Bytes that came while answering raised no event we acted on;
            // a socket read dry will raise one for the next request.
            if connection.maybe_unread || !connection.input.is_empty() {
                self.read_request(token);
            }
        } else {
            let _ = connection.stream.shutdown(Shutdown::Write);
            connection.phase = Phase::Closing;
            let deadline = now + LINGER;
            connection.deadline = Some(deadline);
            self.next_sweep = self.next_sweep.min(deadline);
            self.ignore_input(token);
        }
    }

    /// Drops what a stream or closing connection sends; hangs up when it
    /// ends or sends too much.
    fn ignore_input(&mut self, token: Token) {
        if self.connections.get_mut(&token).is_some_and(|c| c.ignore_input() == Progress::Gone) {
            self.close(token);
        }
    }

    fn announce_rebuild(&mut self) {
        let generation = self.state.generation();
        if generation != self.announced {
            self.announced = generation;
            let event = events::event(&self.state.generation_tag(generation));
            self.send_to_streams(&event);
        }
    }

    fn send_to_streams(&mut self, bytes: &[u8]) {
        let streams: Vec<Token> =
            self.connections.iter().filter(|(_, c)| c.phase == Phase::Streaming).map(|(t, _)| *t).collect();
        for token in streams {
            self.queue(token, bytes);
        }
    }
}

/// EMFILE (this process) or ENFILE (the whole system), the same numbers on
/// Linux, macOS and the BSDs.
fn is_out_of_files(error: &io::Error) -> bool {
    matches!(error.raw_os_error(), Some(23 | 24))
}
