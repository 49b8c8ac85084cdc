//! Ctrl-C (SIGINT) during a run: the files being written are finished, no new file is started,
//! and pitfix exits with 130. Every file is then either entirely old or entirely new, and no
//! temporary file is left behind (a signal's default action would kill the process between
//! creating a temporary file and renaming it).
use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// The exit code after an interruption, as shells report SIGINT (128 + 2).
pub(crate) const EXIT_INTERRUPTED: i32 = 130;

/// Installs the handler; once per process (a second call is a no-op).
pub(crate) fn install() {
    // Failing to install (another handler exists) only loses the graceful stop.
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
}

pub(crate) fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}
