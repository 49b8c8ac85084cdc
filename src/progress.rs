//! A progress bar (files done / total) on a terminal, for runs long enough to wonder about:
//! it appears after about a second, disappears at the end, and never shows in pipes or CI.
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

const DELAY: Duration = Duration::from_secs(1);

pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: AtomicBool,
}

impl Progress {
    /// A bar for `total` files; inert unless stderr is a terminal outside CI and not `quiet`.
    pub(crate) fn new(total: usize, quiet: bool) -> Self {
        let wanted = !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let bar = wanted.then(|| {
            let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
                bar.set_style(style);
            }
            bar
        });
        Progress { bar, started: Instant::now(), shown: AtomicBool::new(false) }
    }

    /// One more file done.
    pub(crate) fn inc(&self) {
        let Some(bar) = &self.bar else { return };
        if !self.shown.load(Ordering::Relaxed) && self.started.elapsed() >= DELAY && !self.shown.swap(true, Ordering::Relaxed) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.inc(1);
    }

    /// Removes the bar before the results are printed.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
