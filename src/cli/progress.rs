//! Progress bars for long builds, drawn on stderr with `indicatif` when it
//! is a terminal, never when piped or under `--quiet` (CI logs stay clean).

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use phare::progress::{Progress, ProgressSink};

use super::print::Verbosity;

struct Bars {
    current: Mutex<Option<ProgressBar>>,
}

impl ProgressSink for Bars {
    fn start(&self, step: &'static str, items: u64) {
        let bar = if items > 0 {
            ProgressBar::with_draw_target(Some(items), ProgressDrawTarget::stderr_with_hz(8)).with_style(
                ProgressStyle::with_template("{msg:>18} [{bar:30}] {pos}/{len}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            )
        } else {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(8)).with_style(
                ProgressStyle::with_template("{msg:>18} {spinner}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            )
        };
        bar.set_message(step);
        if let Ok(mut current) = self.current.lock() {
            *current = Some(bar);
        }
    }

    fn advance(&self, items: u64) {
        if let Ok(current) = self.current.lock()
            && let Some(bar) = current.as_ref()
        {
            bar.inc(items);
        }
    }

    fn finish(&self) {
        if let Ok(mut current) = self.current.lock()
            && let Some(bar) = current.take()
        {
            bar.finish_and_clear();
        }
    }
}

/// Bars on a terminal; nothing when stderr is piped or the run is quiet.
pub(super) fn for_terminal(verbosity: Verbosity) -> Progress {
    if verbosity == Verbosity::Quiet || !std::io::stderr().is_terminal() {
        return Progress::default();
    }
    Progress::to(Arc::new(Bars { current: Mutex::new(None) }))
}
