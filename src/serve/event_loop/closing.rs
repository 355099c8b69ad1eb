//! Closing connections: those past their deadline, and the longest idle
//! one when a new connection needs room (open files ran out).

use std::time::{Duration, Instant};

use mio::Token;

use super::{EventLoop, Phase};

impl EventLoop {
    /// Closes the connections past their deadline.
    pub(super) fn sweep(&mut self, now: Instant) {
        let expired: Vec<Token> =
            self.connections.iter().filter(|(_, c)| c.deadline.is_some_and(|d| d <= now)).map(|(t, _)| *t).collect();
        for token in expired {
            self.close(token);
        }
        let later = now + Duration::from_secs(3600);
        self.next_sweep = self.connections.values().filter_map(|c| c.deadline).min().unwrap_or(later);
    }

    /// Makes room for a new connection: one that is closing, else the one
    /// waiting longest for a request with nothing received. False if every
    /// connection is busy.
    pub(super) fn close_longest_idle(&mut self) -> bool {
        let closing = self.connections.iter().find(|(_, c)| c.phase == Phase::Closing).map(|(t, _)| *t);
        let idle = closing.or_else(|| {
            self.connections
                .iter()
                .filter(|(_, c)| c.phase == Phase::Reading && c.input.is_empty())
                .min_by_key(|(_, c)| c.idle_since)
                .map(|(t, _)| *t)
        });
        match idle {
            Some(token) => {
                self.close(token);
                true
            }
            None => false,
        }
    }

    pub(super) fn close(&mut self, token: Token) {
        if let Some(mut connection) = self.connections.remove(&token) {
            if connection.phase == Phase::Streaming {
                self.streams -= 1;
            }
            let _ = self.poll.registry().deregister(&mut connection.stream);
        }
    }
}
