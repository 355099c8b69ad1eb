//! The preview's listening socket, its limits, and the threads behind it:
//! one event loop (`event_loop.rs`) that owns every connection, and a fixed
//! pool of workers that compute answers. Nothing here grows a thread per
//! connection, so no number of clients can exhaust threads.

use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use socket2::{Domain, Protocol, Socket, Type};

use super::State;
use super::event_loop::{EventLoop, Job, Reply, WorkerChannels};
use super::http::Response;

/// How long and how many: every way a client could hold on to the server
/// is bounded by one of these.
#[derive(Debug, Clone)]
pub struct Limits {
    /// A new connection must send a whole request head within this time,
    /// and any head must be complete within it of its first byte.
    pub head_timeout: Duration,
    /// A kept-alive connection may wait this long for its next request.
    pub idle_timeout: Duration,
    /// A client must take an answer within this time.
    pub write_timeout: Duration,
    /// Connections held at once (lowered to fit the process's limit of
    /// open files); past it the longest idle one is closed for a new one.
    pub max_connections: usize,
    /// Live-reload streams held at once; more are answered 503.
    pub max_event_streams: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            head_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            write_timeout: Duration::from_secs(30),
            max_connections: 4096,
            max_event_streams: 1024,
        }
    }
}

/// Something the server wants said once (the library never prints).
pub(crate) type Notices = Arc<dyn Fn(&str) + Send + Sync>;

pub struct Server {
    listener: std::net::TcpListener,
    limits: Limits,
    notices: Notices,
}

impl Server {
    pub fn with_limits(self, limits: Limits) -> Server {
        Server { limits, ..self }
    }

    /// Where to send what the server has to say (running out of open
    /// files, for instance); by default it is dropped.
    pub fn on_notice(self, notices: impl Fn(&str) + Send + Sync + 'static) -> Server {
        Server { notices: Arc::new(notices), ..self }
    }
}

/// Connections the system holds for the server before it takes them. The
/// standard library asks for 128, so a burst of page loads and live-reload
/// streams arriving while the loop waits for a core lost connections (the
/// system caps this at `net.core.somaxconn`).
const BACKLOG: i32 = 1024;

/// Binds the server. A taken port is said plainly.
pub fn bind(address: &str, port: u16) -> Result<Server, String> {
    let problem = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            format!(
                "port {port} is already in use on {address}; choose another with `--port {}`",
                port.saturating_add(1)
            )
        } else {
            format!("cannot listen on {address}:{port}: {e}")
        }
    };
    let mut last_problem = std::io::Error::new(std::io::ErrorKind::InvalidInput, "no such address");
    for candidate in (address, port).to_socket_addrs().map_err(problem)? {
        match listen_on(candidate) {
            Ok(listener) => {
                return Ok(Server { listener, limits: Limits::default(), notices: Arc::new(|_: &str| ()) });
            }
            Err(e) => last_problem = e,
        }
    }
    Err(problem(last_problem))
}

fn listen_on(address: SocketAddr) -> std::io::Result<std::net::TcpListener> {
    let socket = Socket::new(Domain::for_address(address), Type::STREAM, Some(Protocol::TCP))?;
    // As the standard library does on Unix: a restarted preview takes its
    // port back at once instead of waiting for old connections to time out.
    #[cfg(unix)]
    socket.set_reuse_address(true)?;
    socket.bind(&address.into())?;
    socket.listen(BACKLOG)?;
    socket.set_nonblocking(true)?;
    Ok(socket.into())
}

pub fn local_address(server: &Server) -> Option<SocketAddr> {
    server.listener.local_addr().ok()
}

/// Answers requests with `workers` threads computing answers, until the
/// process ends. Returns the threads started (none if the system refused
/// to start the event loop, which is then said through the notices).
pub fn run(server: Arc<Server>, state: Arc<State>, workers: usize) -> Vec<JoinHandle<()>> {
    let mut limits = server.limits.clone();
    if let Some(files) = open_file_limit() {
        // Keep descriptors for rebuilds, the watcher and the listener.
        limits.max_connections = limits.max_connections.min(files.saturating_sub(files / 8 + 16).max(1));
    }
    let (jobs, waiting_jobs) = mpsc::channel::<Job>();
    let (replies, finished) = mpsc::channel::<Reply>();
    let event_loop = server.listener.try_clone().map_err(|e| e.to_string()).and_then(|listener| {
        let workers = WorkerChannels { jobs, replies: finished };
        EventLoop::new(listener, Arc::clone(&state), limits, Arc::clone(&server.notices), workers)
            .map_err(|e| e.to_string())
    });
    let event_loop = match event_loop {
        Ok(event_loop) => event_loop,
        Err(problem) => {
            (server.notices)(&format!("the preview cannot start answering requests: {problem}"));
            return Vec::new();
        }
    };
    let waker = event_loop.waker();
    let waiting_jobs = Arc::new(Mutex::new(waiting_jobs));
    let mut threads: Vec<JoinHandle<()>> = (0..workers.max(1))
        .map(|_| {
            let (waiting_jobs, replies, waker, state) =
                (Arc::clone(&waiting_jobs), replies.clone(), Arc::clone(&waker), Arc::clone(&state));
            std::thread::spawn(move || {
                loop {
                    let job = waiting_jobs.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
                    let Ok(job) = job else { return };
                    let reply = work(&state, job);
                    if replies.send(reply).is_err() {
                        return;
                    }
                    let _ = waker.wake();
                }
            })
        })
        .collect();
    threads.push(std::thread::spawn(move || event_loop.run()));
    threads
}

/// One answer. A bug that panics while answering costs that request a 500,
/// never the worker.
fn work(state: &State, job: Job) -> Reply {
    let head_only = job.head.method == super::http::Method::Head;
    let response = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| super::answer::answer(state, &job.head)))
        .unwrap_or_else(|_| Response::plain(500));
    Reply {
        token: job.token,
        bytes: response.to_bytes(head_only, job.head.keep_alive),
        keep_alive: job.head.keep_alive,
    }
}

/// The soft limit of open files of this process, where the system says it.
fn open_file_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_open_file_limit_is_read_where_the_system_says_it() {
        if std::path::Path::new("/proc/self/limits").exists() {
            assert!(open_file_limit().is_some_and(|n| n > 0));
        }
    }
}
