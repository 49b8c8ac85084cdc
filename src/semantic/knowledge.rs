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
// ---- Library classes' metaclasses (used by metaclass-conflict and the project index) ---------
// What a class statement needs to know about a base from outside the project to tell its
// metaclass: the base's own metaclass, and for a metaclass its bases (to tell whether one
// metaclass derives from another). Standard library only: third-party metaclasses (SQLAlchemy's,
// Pydantic's, Django's) change their hierarchy between versions, so a class using them stays
// unknown.

/// A library class as far as metaclasses go.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LibraryClass {
    /// Its bases, qualified; every one of them is itself a [`library_class`].
    pub(crate) bases: &'static [&'static str],
    /// Its metaclass when it declares one (else its bases' decide, `type` for none).
    pub(crate) metaclass: Option<&'static str>,
}

const OBJECT: &[&str] = &["builtins.object"];
const ABSTRACT: LibraryClass = LibraryClass { bases: OBJECT, metaclass: Some("abc.ABCMeta") };
const ENUM: LibraryClass = LibraryClass { bases: OBJECT, metaclass: Some("enum.EnumType") };

/// The metaclasses, with their bases.
const LIBRARY_METACLASSES: &[(&str, &[&str])] = &[
    ("builtins.type", OBJECT),
    ("abc.ABCMeta", &["builtins.type"]),
    ("enum.EnumType", &["builtins.type"]),
    ("typing._ProtocolMeta", &["abc.ABCMeta"]),
];

/// Classes whose metaclass is `abc.ABCMeta` (the `typing` aliases subclass the `collections.abc`
/// class they name; `typing.Mapping[str, int]` as a base is `collections.abc.Mapping`).
#[rustfmt::skip]
const ABSTRACT_CLASSES: &[&str] = &[
    "abc.ABC",
    "collections.abc.Hashable", "collections.abc.Awaitable", "collections.abc.Coroutine",
    "collections.abc.AsyncIterable", "collections.abc.AsyncIterator", "collections.abc.AsyncGenerator",
    "collections.abc.Iterable", "collections.abc.Iterator", "collections.abc.Reversible",
    "collections.abc.Generator", "collections.abc.Sized", "collections.abc.Container",
    "collections.abc.Callable", "collections.abc.Collection", "collections.abc.Set",
    "collections.abc.MutableSet", "collections.abc.Mapping", "collections.abc.MutableMapping",
    "collections.abc.MappingView", "collections.abc.KeysView", "collections.abc.ItemsView",
    "collections.abc.ValuesView", "collections.abc.Sequence", "collections.abc.MutableSequence",
    "collections.abc.ByteString",
    "typing.Hashable", "typing.Awaitable", "typing.Coroutine", "typing.AsyncIterable", "typing.AsyncIterator",
    "typing.AsyncGenerator", "typing.Iterable", "typing.Iterator", "typing.Reversible", "typing.Generator",
    "typing.Sized", "typing.Container", "typing.Collection", "typing.AbstractSet", "typing.MutableSet",
    "typing.Mapping", "typing.MutableMapping", "typing.MappingView", "typing.KeysView", "typing.ItemsView",
    "typing.ValuesView", "typing.Sequence", "typing.MutableSequence", "typing.ContextManager",
    "typing.AsyncContextManager",
    "contextlib.AbstractContextManager", "contextlib.AbstractAsyncContextManager",
    "numbers.Number", "numbers.Complex", "numbers.Real", "numbers.Rational", "numbers.Integral",
    "io.IOBase", "io.RawIOBase", "io.BufferedIOBase", "io.TextIOBase", "os.PathLike",
];

/// Enum classes: their metaclass is `enum.EnumType`.
const ENUM_CLASSES: &[&str] =
    &["enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag", "enum.ReprEnum"];

/// Library classes whose metaclass is `type`, other than the builtins'.
const PLAIN_LIBRARY_CLASSES: &[&str] = &["typing.Generic", "contextlib.ContextDecorator", "threading.Thread"];

/// The name a library class is known by here when it has several: `enum.EnumMeta` is the
/// older name of `enum.EnumType` (the same class since Python 3.11).
pub(crate) fn canonical_class(qualified: &str) -> &str {
    if qualified == "enum.EnumMeta" { "enum.EnumType" } else { qualified }
}

/// What pitfix knows of a library class by its (canonical) qualified name: its bases and
/// metaclass.
pub(crate) fn library_class(qualified: &str) -> Option<LibraryClass> {
    if let Some(&(_, bases)) = LIBRARY_METACLASSES.iter().find(|(name, _)| *name == qualified) {
        return Some(LibraryClass { bases, metaclass: None });
    }
    if qualified == "builtins.object" {
        return Some(LibraryClass { bases: &[], metaclass: None });
    }
    if ABSTRACT_CLASSES.contains(&qualified) || qualified == "typing.Protocol" {
        let metaclass = if qualified == "typing.Protocol" { "typing._ProtocolMeta" } else { "abc.ABCMeta" };
        return Some(LibraryClass { metaclass: Some(metaclass), ..ABSTRACT });
    }
    if ENUM_CLASSES.contains(&qualified) {
        return Some(ENUM);
    }
    let builtin = qualified.strip_prefix("builtins.").is_some_and(|name| {
        BUILTIN_CLASSES.contains(&name)
            || (name.starts_with(|c: char| c.is_ascii_uppercase())
                && ["Error", "Exception", "Warning", "Exit", "Interrupt", "Iteration"].iter().any(|end| name.ends_with(end)))
    });
    (builtin || PLAIN_LIBRARY_CLASSES.contains(&qualified)).then_some(LibraryClass { bases: OBJECT, metaclass: None })
}

/// Class decorators that return the class they are given (so its metaclass stays the one its
/// statement makes). Any other decorator may return another object (`six.add_metaclass` does).
pub(crate) const CLASS_KEEPING_DECORATORS: &[&str] = &[
    "dataclasses.dataclass",
    "functools.total_ordering",
    "typing.final",
    "typing.runtime_checkable",
    "enum.unique",
    "enum.verify",
];
// ---- end of library classes' metaclasses ----------------------------------------------------

// ---- The standard library's modules (used by the project index) ------------------------------
/// The top-level modules of CPython's standard library (`sys.stdlib_module_names` of CPython
/// 3.11, https://docs.python.org/3/library/sys.html#sys.stdlib_module_names), private ones and
/// `test` (a common name for a project's own folder) left out. A class imported from one of these
/// is the library's: its metaclass is `type` unless the library tables above say otherwise, so a
/// file does not wait for the project index because of it (even when the standard library
/// itself is what pitfix runs on).
#[rustfmt::skip]
pub(crate) const STDLIB_MODULES: &[&str] = &[
    "abc", "aifc", "antigravity", "argparse", "array", "ast", "asynchat", "asyncio", "asyncore",
    "atexit", "audioop", "base64", "bdb", "binascii", "bisect", "builtins", "bz2", "cProfile",
    "calendar", "cgi", "cgitb", "chunk", "cmath", "cmd", "code", "codecs", "codeop",
    "collections", "colorsys", "compileall", "concurrent", "configparser", "contextlib",
    "contextvars", "copy", "copyreg", "crypt", "csv", "ctypes", "curses", "dataclasses",
    "datetime", "dbm", "decimal", "difflib", "dis", "distutils", "doctest", "email",
    "encodings", "ensurepip", "enum", "errno", "faulthandler", "fcntl", "filecmp", "fileinput",
    "fnmatch", "fractions", "ftplib", "functools", "gc", "genericpath", "getopt", "getpass",
    "gettext", "glob", "graphlib", "grp", "gzip", "hashlib", "heapq", "hmac", "html", "http",
    "idlelib", "imaplib", "imghdr", "imp", "importlib", "inspect", "io", "ipaddress",
    "itertools", "json", "keyword", "lib2to3", "linecache", "locale", "logging", "lzma",
    "mailbox", "mailcap", "marshal", "math", "mimetypes", "mmap", "modulefinder", "msilib",
    "msvcrt", "multiprocessing", "netrc", "nis", "nntplib", "nt", "ntpath", "nturl2path",
    "numbers", "opcode", "operator", "optparse", "os", "ossaudiodev", "pathlib", "pdb",
    "pickle", "pickletools", "pipes", "pkgutil", "platform", "plistlib", "poplib", "posix",
    "posixpath", "pprint", "profile", "pstats", "pty", "pwd", "py_compile", "pyclbr", "pydoc",
    "pydoc_data", "pyexpat", "queue", "quopri", "random", "re", "readline", "reprlib",
    "resource", "rlcompleter", "runpy", "sched", "secrets", "select", "selectors", "shelve",
    "shlex", "shutil", "signal", "site", "smtpd", "smtplib", "sndhdr", "socket", "socketserver",
    "spwd", "sqlite3", "sre_compile", "sre_constants", "sre_parse", "ssl", "stat", "statistics",
    "string", "stringprep", "struct", "subprocess", "sunau", "symtable", "sys", "sysconfig",
    "syslog", "tabnanny", "tarfile", "telnetlib", "tempfile", "termios", "textwrap", "this",
    "threading", "time", "timeit", "tkinter", "token", "tokenize", "tomllib", "trace",
    "traceback", "tracemalloc", "tty", "turtle", "turtledemo", "types", "typing", "unicodedata",
    "unittest", "urllib", "uu", "uuid", "venv", "warnings", "wave", "weakref", "webbrowser",
    "winreg", "winsound", "wsgiref", "xdrlib", "xml", "xmlrpc", "zipapp", "zipfile",
    "zipimport", "zlib", "zoneinfo"
];
// ---- end of the standard library's modules ----------------------------------------------------
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

// ---- Builtin classes (used by the first look) ------------------------------------------------
/// The classes of `builtins` whose metaclass is `type` (every public one on CPython 3.11: `[n for
/// n in dir(builtins) if type(getattr(builtins, n)) is type]`), sorted: as a base they bring no
/// metaclass of their own.
#[rustfmt::skip]
pub(crate) const BUILTIN_CLASSES: &[&str] = &[
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException",
    "BaseExceptionGroup", "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning",
    "ChildProcessError", "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError",
    "ConnectionResetError", "DeprecationWarning", "EOFError", "EncodingWarning",
    "EnvironmentError", "Exception", "ExceptionGroup", "FileExistsError", "FileNotFoundError",
    "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError", "ImportError",
    "ImportWarning", "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError",
    "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError",
    "NameError", "NotADirectoryError", "NotImplementedError", "OSError", "OverflowError",
    "PendingDeprecationWarning", "PermissionError", "ProcessLookupError", "RecursionError",
    "ReferenceError", "ResourceWarning", "RuntimeError", "RuntimeWarning", "StopAsyncIteration",
    "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit", "TabError",
    "TimeoutError", "TypeError", "UnboundLocalError", "UnicodeDecodeError",
    "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError", "UnicodeWarning",
    "UserWarning", "ValueError", "Warning", "ZeroDivisionError", "bool", "bytearray", "bytes",
    "classmethod", "complex", "dict", "enumerate", "filter", "float", "frozenset", "int",
    "list", "map", "memoryview", "object", "property", "range", "reversed", "set", "slice",
    "staticmethod", "str", "super", "tuple", "type", "zip"
];
// ---- end of builtin classes ---------------------------------------------------------------------

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
