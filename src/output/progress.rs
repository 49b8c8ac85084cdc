//! A progress bar (files done / total) on a terminal, for runs long enough to wonder about:
//! it appears after about a second, disappears at the end, and never shows in pipes or CI.
use std::io::IsTerminal;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::engine::job::Observer;

const DELAY: Duration = Duration::from_secs(1);

pub(crate) struct Progress {
    wanted: bool,
    bar: OnceLock<ProgressBar>,
    started: Instant,
    shown: AtomicBool,
}

impl Progress {
    /// A bar that stays inert unless stderr is a terminal outside CI and not `quiet`.
    pub(crate) fn new(quiet: bool) -> Self {
        let wanted = !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        Progress { wanted, bar: OnceLock::new(), started: Instant::now(), shown: AtomicBool::new(false) }
    }
}

impl Observer for Progress {
    /// The run has `total` files.
    fn started(&self, total: usize) {
        if !self.wanted {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
            bar.set_style(style);
        }
        let _ = self.bar.set(bar);
    }

    /// One more file done.
    fn file_done(&self) {
        let Some(bar) = self.bar.get() else { return };
        if !self.shown.load(Ordering::Relaxed) && self.started.elapsed() >= DELAY && !self.shown.swap(true, Ordering::Relaxed) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.inc(1);
    }

    /// Removes the bar before the results are printed.
    fn finished(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}
