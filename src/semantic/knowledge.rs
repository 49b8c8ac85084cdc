//! What pitfix knows about names outside the module: the standard library's and popular
//! packages' functions, classes and their traps, keyed by the qualified names the semantic model
//! resolves (`collections.deque`, `builtins.list`). One table per fact, read by every transform
//! that needs it; a transform keeps a table of its own only for what no other one asks.

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

// ---- Immutable base types (used by immutable-init) ------------------------------------------
// A subclass of one of these gets its value from the type's `__new__`, before `__init__` runs.

/// An immutable built-in or standard-library type and what its constructor takes.
pub(crate) struct ImmutableBase {
    /// Its qualified name: `builtins.int`, `datetime.date`.
    pub(crate) qualified: &'static str,
    /// How messages name it.
    pub(crate) shown: &'static str,
    /// Its positional parameters, in order.
    pub(crate) positional: &'static [&'static str],
    /// The keyword arguments it takes. The types that take none (`float`, `tuple`, `frozenset`)
    /// ignore unknown keywords when a subclass defines `__init__`; the others reject them.
    pub(crate) keywords: &'static [&'static str],
    /// Defaults that give the same value as a call without arguments.
    pub(crate) empty: &'static [&'static str],
    /// Built from one iterable: several positional parameters are its items.
    pub(crate) packs: bool,
    /// Made of several components (`complex(real, imag)`, `date(year, month, day)`): required
    /// positional parameters after the first are the next components.
    pub(crate) components: bool,
}

/// The immutable types a class can subclass, by qualified name, with their constructors' shapes.
pub(crate) static IMMUTABLE_BASE_TYPES: &[ImmutableBase] = &[
    ImmutableBase {
        qualified: "builtins.int",
        shown: "int",
        positional: &["x", "base"],
        keywords: &["base"],
        empty: &["0"],
        packs: false,
        components: false,
    },
    ImmutableBase {
        qualified: "builtins.float",
        shown: "float",
        positional: &["x"],
        keywords: &[],
        empty: &["0", "0.0", "0."],
        packs: false,
        components: false,
    },
    ImmutableBase {
        qualified: "builtins.complex",
        shown: "complex",
        positional: &["real", "imag"],
        keywords: &["real", "imag"],
        empty: &["0", "0j", "0.0"],
        packs: false,
        components: true,
    },
    ImmutableBase {
        qualified: "builtins.str",
        shown: "str",
        positional: &["object", "encoding", "errors"],
        keywords: &["object", "encoding", "errors"],
        empty: &["\"\"", "''"],
        packs: false,
        components: false,
    },
    ImmutableBase {
        qualified: "builtins.bytes",
        shown: "bytes",
        positional: &["source", "encoding", "errors"],
        keywords: &["source", "encoding", "errors"],
        empty: &["b\"\"", "b''"],
        packs: false,
        components: false,
    },
    ImmutableBase {
        qualified: "builtins.tuple",
        shown: "tuple",
        positional: &["iterable"],
        keywords: &[],
        empty: &["()"],
        packs: true,
        components: false,
    },
    ImmutableBase {
        qualified: "builtins.frozenset",
        shown: "frozenset",
        positional: &["iterable"],
        keywords: &[],
        empty: &["frozenset()"],
        packs: true,
        components: false,
    },
    ImmutableBase {
        qualified: "decimal.Decimal",
        shown: "decimal.Decimal",
        positional: &["value", "context"],
        keywords: &["value", "context"],
        empty: &["0", "\"0\"", "'0'"],
        packs: false,
        components: false,
    },
    ImmutableBase {
        qualified: "fractions.Fraction",
        shown: "fractions.Fraction",
        positional: &["numerator", "denominator"],
        keywords: &["numerator", "denominator"],
        empty: &["0"],
        packs: false,
        components: true,
    },
    ImmutableBase {
        qualified: "datetime.date",
        shown: "datetime.date",
        positional: &["year", "month", "day"],
        keywords: &["year", "month", "day"],
        empty: &[],
        packs: false,
        components: true,
    },
    ImmutableBase {
        qualified: "datetime.time",
        shown: "datetime.time",
        positional: &["hour", "minute", "second", "microsecond", "tzinfo"],
        keywords: &["hour", "minute", "second", "microsecond", "tzinfo", "fold"],
        empty: &["0"],
        packs: false,
        components: true,
    },
    ImmutableBase {
        qualified: "datetime.datetime",
        shown: "datetime.datetime",
        positional: &["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo"],
        keywords: &["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"],
        empty: &[],
        packs: false,
        components: true,
    },
    ImmutableBase {
        qualified: "datetime.timedelta",
        shown: "datetime.timedelta",
        positional: &["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"],
        keywords: &["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"],
        empty: &["0"],
        packs: false,
        components: true,
    },
];

// ---- end of immutable base types ------------------------------------------------------------

// ---- Mutable constructors, immutable calls and types (from dataclass-mutable-default and -----
// ---- mutable-default) ------------------------------------------------------------------------
// Which calls build a new mutable container, and which give a value that never changes (or one
// meant to be shared), by qualified name; which annotations declare such a value; which methods
// change a container in place; which words in a name say an object is shared on purpose.

/// Calls that build a new mutable container (a list, dict, set, bytearray or a `collections`
/// container). mutable-default leaves `collections.ChainMap` out (see its `NOT_COUNTED`).
pub(crate) const MUTABLE_CONSTRUCTORS: &[&str] = &[
    "builtins.list",
    "builtins.dict",
    "builtins.set",
    "builtins.bytearray",
    "collections.OrderedDict",
    "collections.defaultdict",
    "collections.Counter",
    "collections.deque",
    "collections.ChainMap",
];

/// The [`MUTABLE_CONSTRUCTORS`] whose result `@dataclass` rejects as a field default (with
/// `ValueError`) on every Python version: a `list`, `dict` or `set`, subclasses included.
pub(crate) const DATACLASS_REJECTED_CONSTRUCTORS: &[&str] = &[
    "builtins.list",
    "builtins.dict",
    "builtins.set",
    "collections.OrderedDict",
    "collections.defaultdict",
    "collections.Counter",
];

/// Builtins (the name after `builtins.`) whose calls give an immutable value, or one meant to be
/// shared like `object()`.
#[rustfmt::skip]
pub(crate) const IMMUTABLE_RESULT_BUILTINS: &[&str] = &[
    "tuple", "frozenset", "str", "int", "float", "bool", "bytes", "complex", "range", "object", "len", "repr",
    "hash", "ord", "chr", "abs", "round", "format", "hex", "oct", "bin", "slice",
];

/// Other calls whose result is immutable, or a process-wide object that is meant to be shared.
pub(crate) const IMMUTABLE_RESULT_CALLS: &[&str] = &[
    "decimal.Decimal",
    "fractions.Fraction",
    "re.compile",
    "types.MappingProxyType",
    "operator.attrgetter",
    "operator.itemgetter",
    "operator.methodcaller",
    "typing.NewType",
    "typing.TypeVar",
    "typing.cast",
    "os.getenv",
    "os.fspath",
    "sys.intern",
    "logging.getLogger",
    "zoneinfo.ZoneInfo",
];

/// Modules all of whose classes and functions give immutable values (`datetime.datetime.now()`).
pub(crate) const IMMUTABLE_RESULT_MODULES: &[&str] = &["datetime", "pathlib", "uuid", "ipaddress", "math"];

/// Whether a call of the qualified `name` gives an immutable (or shared-on-purpose) value, by
/// [`IMMUTABLE_RESULT_CALLS`], [`IMMUTABLE_RESULT_BUILTINS`] and [`IMMUTABLE_RESULT_MODULES`].
pub(crate) fn is_immutable_result_call(name: &str) -> bool {
    if IMMUTABLE_RESULT_CALLS.contains(&name) {
        return true;
    }
    if let Some(builtin) = name.strip_prefix("builtins.") {
        return IMMUTABLE_RESULT_BUILTINS.contains(&builtin);
    }
    IMMUTABLE_RESULT_MODULES.iter().any(|module| name.strip_prefix(module).is_some_and(|rest| rest.starts_with('.')))
}

/// Annotations (qualified) that declare an immutable or read-only value.
pub(crate) const IMMUTABLE_TYPES: &[&str] = &[
    "builtins.int",
    "builtins.float",
    "builtins.complex",
    "builtins.str",
    "builtins.bytes",
    "builtins.bool",
    "builtins.tuple",
    "builtins.frozenset",
    "builtins.range",
    "builtins.type",
    "decimal.Decimal",
    "fractions.Fraction",
    "re.Pattern",
    "types.MappingProxyType",
    "uuid.UUID",
    "pathlib.Path",
    "pathlib.PurePath",
];

/// `typing` / `collections.abc` names (the part after the module) of read-only or immutable types.
#[rustfmt::skip]
pub(crate) const READ_ONLY_GENERICS: &[&str] = &[
    "Tuple", "FrozenSet", "Sequence", "Mapping", "AbstractSet", "Set", "Collection", "Iterable", "Iterator",
    "Container", "Reversible", "Hashable", "Callable", "Pattern", "Type", "Literal", "LiteralString",
];

/// Methods that change a list, dict, set, deque or bytearray in place.
#[rustfmt::skip]
pub(crate) const IN_PLACE_METHODS: &[&str] = &[
    "append", "extend", "insert", "pop", "remove", "clear", "update", "add", "discard", "setdefault", "popitem",
    "sort", "reverse", "appendleft", "extendleft", "popleft", "rotate", "subtract",
];

/// Words in a name (lowercased) that say the object is shared on purpose: a cache, a memo, a
/// registry; one table for mutable-default and dataclass-mutable-default. `seen` is not one: a
/// `seen=set()` default of a recursive walker is the classic form of the bug (the second
/// top-level call skips what the first one visited). Use decides the rest (mutable-default
/// takes `key in p` then `p[key] = ...` for a memo).
pub(crate) const SHARED_ON_PURPOSE_WORDS: &[&str] = &["cache", "memo", "registry"];
// ---- end of mutable constructors, immutable calls and types ----------------------------------

// ---- Function metadata (used by missing-wraps) -----------------------------------------------
// `functools.wraps(wrapped)` is `partial(update_wrapper, wrapped=wrapped)`: both copy the wrapped
// function's `WRAPPER_ASSIGNMENTS` and set `__wrapped__`
// (https://docs.python.org/3/library/functools.html#functools.update_wrapper).

/// Calls that copy a function's metadata onto a wrapper.
pub(crate) const METADATA_COPIERS: &[&str] = &["functools.wraps", "functools.update_wrapper"];

/// Attributes whose assignment on a wrapper shows that the code copies the metadata itself.
pub(crate) const WRAPPER_IDENTITY_ATTRIBUTES: &[&str] = &["__name__", "__qualname__", "__wrapped__"];
// ---- end of function metadata -----------------------------------------------------------------

// ---- Context managers (used by exit-swallows) -----------------------------------------------
/// Words in a class name (lowercased) that say its `__exit__` swallows exceptions on purpose,
/// as `contextlib.suppress` does.
pub(crate) const SUPPRESSOR_NAME_WORDS: &[&str] = &["suppress", "ignore"];
// ---- end of context managers ------------------------------------------------------------------

// ---- Regular expressions (used by re-flags-positional) ----------------------------------------
// https://docs.python.org/3/library/re.html#functions: `re.sub(pattern, repl, string, count=0,
// flags=0)`, `re.subn` likewise, `re.split(pattern, string, maxsplit=0, flags=0)`.

/// `re` functions whose positional parameter before `flags` is a number: the function, that
/// parameter's index and its name.
pub(crate) const RE_POSITIONAL_BEFORE_FLAGS: &[(&str, usize, &str)] =
    &[("re.sub", 3, "count"), ("re.subn", 3, "count"), ("re.split", 2, "maxsplit")];

/// The flag constants of `re` (also members of `re.RegexFlag`).
#[rustfmt::skip]
pub(crate) const RE_FLAGS: &[&str] = &[
    "A", "ASCII", "DEBUG", "I", "IGNORECASE", "L", "LOCALE", "M", "MULTILINE", "NOFLAG", "S", "DOTALL",
    "U", "UNICODE", "X", "VERBOSE", "T", "TEMPLATE",
];
// ---- end of regular expressions ---------------------------------------------------------------

// ---- Calls in parameter defaults (used by call-default) ---------------------------------------
// A default is evaluated once, when `def` runs
// (https://docs.python.org/3/reference/compound_stmts.html#function-definitions).

/// Calls whose value differs at each call, by design: the time, a fresh id, a random value.
/// A default made of one freezes it at `def` time.
pub(crate) const FRESH_VALUE_CALLS: &[&str] = &[
    "datetime.datetime.now",
    "datetime.datetime.utcnow",
    "datetime.datetime.today",
    "datetime.date.today",
    "time.time",
    "time.time_ns",
    "time.monotonic",
    "time.monotonic_ns",
    "time.perf_counter",
    "time.perf_counter_ns",
    "uuid.uuid1",
    "uuid.uuid4",
    "os.urandom",
    "itertools.count",
];

/// Modules all of whose functions give a fresh value at each call.
pub(crate) const FRESH_VALUE_MODULES: &[&str] = &["random", "secrets"];

/// Whether a call of the qualified `name` gives a new value at each call, by
/// [`FRESH_VALUE_CALLS`] and [`FRESH_VALUE_MODULES`].
pub(crate) fn is_fresh_value_call(name: &str) -> bool {
    FRESH_VALUE_CALLS.contains(&name)
        || FRESH_VALUE_MODULES.iter().any(|module| name.strip_prefix(module).is_some_and(|rest| rest.starts_with('.')))
}

/// Packages whose calls in a default are markers read by the framework, not values: FastAPI's
/// `Depends`/`Query`, typer's and click's `Option`/`Argument`, pydantic's `Field`.
pub(crate) const DEPENDENCY_MARKER_PACKAGES: &[&str] = &["fastapi", "typer", "click", "pydantic", "sqlmodel"];

/// The last names of those markers.
#[rustfmt::skip]
pub(crate) const DEPENDENCY_MARKERS: &[&str] = &[
    "Depends", "Security", "Query", "Body", "Header", "Cookie", "Path", "Form", "File", "Option", "Argument",
    "Field",
];
// ---- end of calls in parameter defaults --------------------------------------------------------
