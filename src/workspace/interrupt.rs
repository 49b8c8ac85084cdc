//! Ctrl-C (SIGINT), SIGTERM and SIGHUP during a run: the files being written are finished, no new
//! file is started, and pitfix exits with 130. Every file is then either entirely old or entirely
//! new, and no temporary file is left behind (a signal's default action would kill the process
//! between creating a temporary file and renaming it). SIGXFSZ (a file-size limit reached) is
//! ignored, so that the write fails with an error that names the file instead of killing pitfix.
use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// The exit code after an interruption, as shells report SIGINT (128 + 2).
pub(crate) const EXIT_INTERRUPTED: i32 = 130;

/// Installs the handler; once per process (a second call is a no-op).
pub(crate) fn install() {
    // Failing to install (another handler exists) only loses the graceful stop. The crate's
    // `termination` feature makes the handler cover SIGTERM and SIGHUP too.
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
    // SAFETY: setting a signal's disposition to "ignore" runs no code in the signal's context and
    // touches no memory; it only changes how the kernel treats SIGXFSZ (write() then fails with
    // EFBIG, which is reported).
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

pub(crate) fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}
