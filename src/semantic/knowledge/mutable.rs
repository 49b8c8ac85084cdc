//! Mutable constructors, immutable calls and types (dataclass-mutable-default, mutable-default,
//! call-default).

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
