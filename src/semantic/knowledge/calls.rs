//! Calls with traps of their own: function metadata, context managers, process pools, blocking
//! calls, naive UTC datetimes, tasks, method caches, regular expressions.

// ---- Function metadata (used by missing-wraps) -----------------------------------------------
// `functools.wraps(wrapped)` is `partial(update_wrapper, wrapped=wrapped)`: both copy the wrapped
// function's `WRAPPER_ASSIGNMENTS` and set `__wrapped__`
// (https://docs.python.org/3/library/functools.html#functools.update_wrapper).

/// Calls that copy a function's metadata onto a wrapper.
pub(crate) const METADATA_COPIERS: &[&str] = &["functools.wraps", "functools.update_wrapper"];

/// Attributes whose assignment on a wrapper shows that the code copies the metadata itself.
pub(crate) const WRAPPER_IDENTITY_ATTRIBUTES: &[&str] = &["__name__", "__qualname__", "__wrapped__"];

/// Attributes of a wrapper that code using them at all manages itself: `wraps` makes the
/// wrapper's `__annotations__` the wrapped function's own dict (so filling it changes both, as
/// attrs' `converters.optional` would), merges `__dict__`, and `inspect.signature` prefers a
/// `__signature__` the code set.
pub(crate) const WRAPPER_MANAGED_ATTRIBUTES: &[&str] = &["__annotations__", "__dict__", "__signature__"];
// ---- end of function metadata -----------------------------------------------------------------

// ---- Context managers (used by exit-swallows) -----------------------------------------------
/// Words in a class name (lowercased) that say its `__exit__` swallows exceptions on purpose,
/// as `contextlib.suppress` does.
pub(crate) const SUPPRESSOR_NAME_WORDS: &[&str] = &["suppress", "ignore"];
// ---- end of context managers ------------------------------------------------------------------
// ---- Process pools (used by process-pool-lambda) --------------------------------------------
// What sends a function to another process: the function is pickled by reference (its module
// and qualified name), so a lambda or a function defined inside another one cannot be sent.

/// Calls that build a pool of worker processes; each task's function is pickled.
pub(crate) const PROCESS_POOLS: &[&str] = &[
    "concurrent.futures.ProcessPoolExecutor",
    "concurrent.futures.process.ProcessPoolExecutor",
    "multiprocessing.Pool",
    "multiprocessing.pool.Pool",
];

/// The methods of a [`PROCESS_POOLS`] object that take the function to run in a worker (first
/// positional argument, or `fn=` / `func=`).
pub(crate) const PROCESS_POOL_METHODS: &[&str] = &[
    "submit",
    "map",
    "imap",
    "imap_unordered",
    "starmap",
    "starmap_async",
    "apply",
    "apply_async",
    "map_async",
];

/// Calls that start one process running `target=`: the target is pickled when the start method
/// is `spawn` (the default on Windows and macOS) or `forkserver` (on Linux from Python 3.14).
pub(crate) const PROCESS_STARTERS: &[&str] = &["multiprocessing.Process", "multiprocessing.context.Process"];

/// `multiprocessing.get_context(...)`, whose result has `Pool` and `Process` of its own.
pub(crate) const PROCESS_CONTEXTS: &[&str] = &["multiprocessing.get_context"];
// ---- end of process pools --------------------------------------------------------------------

// ---- Blocking calls (used by async-blocking-call) -------------------------------------------
// Calls that hold the thread until the operating system answers: in an `async def` they stop
// the event loop, and every other task with it, for as long as they take.

/// The blocking sleep, which the event loop libraries replace with their own `sleep`.
pub(crate) const BLOCKING_SLEEP: &str = "time.sleep";

/// Blocking network, process and terminal calls, by qualified name: run them in a worker
/// thread (`asyncio.to_thread`) from async code.
pub(crate) const BLOCKING_IO_CALLS: &[&str] = &[
    "requests.get",
    "requests.post",
    "requests.put",
    "requests.patch",
    "requests.delete",
    "requests.head",
    "requests.request",
    "urllib.request.urlopen",
    "subprocess.run",
    "subprocess.call",
    "subprocess.check_call",
    "subprocess.check_output",
    "socket.create_connection",
    "os.system",
    "builtins.input",
];
// ---- end of blocking calls ------------------------------------------------------------------

// ---- Naive UTC datetimes (used by naive-utc) --------------------------------------------------
// `datetime.utcnow()` / `utcfromtimestamp(t)` return naive values that `.timestamp()` and
// `.astimezone()` read as local time; both are deprecated since 3.12
// (https://docs.python.org/3/library/datetime.html#datetime.datetime.utcnow).

/// The naive-UTC constructors, with the aware constructor that gives the same instant.
pub(crate) const NAIVE_UTC_CONSTRUCTORS: &[(&str, &str)] =
    &[("datetime.datetime.utcnow", "now"), ("datetime.datetime.utcfromtimestamp", "fromtimestamp")];
// ---- end of naive UTC datetimes ---------------------------------------------------------------

// ---- Tasks (used by dangling-task) ------------------------------------------------------------
// The event loop keeps only weak references to tasks: a task nobody else references can be
// collected before it finishes (https://docs.python.org/3/library/asyncio-task.html#asyncio.create_task).

/// Functions that schedule a task and return it.
pub(crate) const TASK_SCHEDULERS: &[&str] = &["asyncio.create_task", "asyncio.ensure_future"];

/// The event loop's methods that schedule a task and return it.
pub(crate) const LOOP_TASK_METHODS: &[&str] = &["create_task", "ensure_future"];

/// Functions that return an event loop (whose `create_task` keeps only a weak reference).
pub(crate) const EVENT_LOOP_GETTERS: &[&str] =
    &["asyncio.get_running_loop", "asyncio.get_event_loop", "asyncio.new_event_loop"];
// ---- end of tasks -----------------------------------------------------------------------------

// ---- Method caches (used by cache-on-method) --------------------------------------------------
// A `functools` cache on a method keys on `self` and holds it, so every instance stays alive for
// the life of the cache (https://docs.python.org/3/faq/programming.html#how-do-i-cache-method-calls).

/// Decorators that cache a function's results in one cache of the function.
pub(crate) const FUNCTION_CACHES: &[&str] = &["functools.cache", "functools.lru_cache"];

/// The methods and attributes of a `functools` cache wrapper, which `cached_property` lacks.
pub(crate) const CACHE_WRAPPER_ATTRIBUTES: &[&str] = &["cache_clear", "cache_info", "cache_parameters"];
// ---- end of method caches ---------------------------------------------------------------------

// ---- Regular expressions (used by re-flags-positional) ----------------------------------------
// https://docs.python.org/3/library/re.html#functions: `re.sub(pattern, repl, string, count=0,
// flags=0)`, `re.subn` likewise, `re.split(pattern, string, maxsplit=0, flags=0)`.

/// `re` functions whose positional parameter before `flags` is a number: the function, that
/// parameter's index and its name.
pub(crate) const RE_POSITIONAL_BEFORE_FLAGS: &[(&str, usize, &str)] =
    &[("re.sub", 3, "count"), ("re.subn", 3, "count"), ("re.split", 2, "maxsplit")];

/// The names of [`RE_POSITIONAL_BEFORE_FLAGS`] without their `re.`.
pub(crate) const RE_POSITIONAL_LAST_NAMES: [&str; RE_POSITIONAL_BEFORE_FLAGS.len()] = {
    let mut names = [""; RE_POSITIONAL_BEFORE_FLAGS.len()];
    let mut i = 0;
    while i < names.len() {
        let (module, last) = RE_POSITIONAL_BEFORE_FLAGS[i].0.split_at(3);
        assert!(matches!(module.as_bytes(), b"re."), "a function of `re`");
        names[i] = last;
        i += 1;
    }
    names
};

/// The flag constants of `re` (also members of `re.RegexFlag`).
#[rustfmt::skip]
pub(crate) const RE_FLAGS: &[&str] = &[
    "A", "ASCII", "DEBUG", "I", "IGNORECASE", "L", "LOCALE", "M", "MULTILINE", "NOFLAG", "S", "DOTALL",
    "U", "UNICODE", "X", "VERBOSE", "T", "TEMPLATE",
];
// ---- end of regular expressions ---------------------------------------------------------------
