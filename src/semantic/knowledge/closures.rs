//! Deferred executors and callback registrars (loop-closure).

// ---- Deferred executors and callback registrars (from loop-closure) ------------------------
// Calls that keep a function passed to them and run it later, after the code around the call
// has moved on: a closure handed to them outlives the statement that made it.

/// Calls that run a function later, without arguments of their own (unless the call passes
/// some along: `Thread(target=f, args=(x,))`).
pub(crate) const DEFERRED_EXECUTORS: &[&str] = &[
    "threading.Thread",
    "threading.Timer",
    "atexit.register",
    "_thread.start_new_thread",
    "multiprocessing.Process",
    "asyncio.ensure_future",
];

/// Methods that run a function later, by name whatever the receiver: executors and event
/// loops (`pool.submit`, `loop.call_soon`), Tk's `after`.
pub(crate) const DEFERRED_EXECUTOR_METHODS: &[&str] = &[
    "submit",
    "call_soon",
    "call_soon_threadsafe",
    "call_later",
    "call_at",
    "run_in_executor",
    "apply_async",
    "create_task",
    "ensure_future",
    "after",
    "after_idle",
];

/// Calls that keep a function as a callback, which may be called with arguments.
pub(crate) const CALLBACK_REGISTRARS: &[&str] = &["signal.signal", "functools.partial", "weakref.finalize"];

/// Methods that keep a function as a callback, by name whatever the receiver: signals and
/// events (`button.clicked.connect`, `widget.bind`), futures' `add_done_callback`.
pub(crate) const CALLBACK_REGISTRAR_METHODS: &[&str] = &[
    "connect",
    "register",
    "add_done_callback",
    "subscribe",
    "on",
    "bind",
    "bind_all",
    "add_callback",
    "add_listener",
    "add_handler",
    "register_callback",
    "trace_add",
    "addCallback",
];
// ---- end of deferred executors and callback registrars --------------------------------------
