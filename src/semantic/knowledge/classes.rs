//! Library classes and their metaclasses, builtin classes and the standard library's modules
//! (metaclass-conflict, the project index, the first look).

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
        is_builtin_class(name)
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

/// Whether `name` is one of [`BUILTIN_CLASSES`]. The first look asks it of every name a module
/// binds: most (`self`, `i`, `result`) share no first letter and length with any builtin class,
/// which one table lookup tells; the rest take a hash lookup.
pub(crate) fn is_builtin_class(name: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| BUILTIN_CLASSES.iter().copied().collect());
    let (Some(&first), length) = (name.as_bytes().first(), name.len()) else { return false };
    length < 32 && BUILTIN_LENGTHS_BY_FIRST[usize::from(first & 0x7f)] & (1 << length) != 0 && SET.contains(name)
}

/// Per first byte (ASCII), a bit for each length of a [`BUILTIN_CLASSES`] name that starts with
/// it (every one is shorter than 32).
const BUILTIN_LENGTHS_BY_FIRST: [u32; 128] = {
    let mut table = [0u32; 128];
    let mut i = 0;
    while i < BUILTIN_CLASSES.len() {
        let name = BUILTIN_CLASSES[i].as_bytes();
        assert!(name.len() < 32 && name[0] < 128);
        table[name[0] as usize] |= 1 << name.len();
        i += 1;
    }
    table
};
// ---- end of builtin classes ---------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::{BUILTIN_CLASSES, is_builtin_class};

    #[test]
    fn tells_builtin_classes_from_other_names() {
        assert!(BUILTIN_CLASSES.iter().all(|name| is_builtin_class(name)));
        for name in ["", "self", "x", "result", "Int", "lists", "dic", "ValueErrors", "é", "Σ", "a_name_well_over_thirty_two_bytes_long"] {
            assert!(!is_builtin_class(name), "{name}");
        }
    }
}
