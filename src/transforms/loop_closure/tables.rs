//! The names loop-closure knows: calls and methods that consume, keep or later run a function
//! passed to them. Kept apart so that the escape analysis reads as logic, not as lists. The
//! executors and callback registrars, which other transforms need too, are in
//! `crate::semantic::knowledge`.

/// Calls that are done with a function argument when they return: they call it, iterate an
/// iterator built from it, or only look at it, and keep none of these.
pub(super) const CONSUMERS: &[&str] = &[
    "builtins.print",
    "builtins.str",
    "builtins.repr",
    "builtins.format",
    "builtins.len",
    "builtins.bool",
    "builtins.id",
    "builtins.hash",
    "builtins.type",
    "builtins.callable",
    "builtins.isinstance",
    "builtins.sorted",
    "builtins.min",
    "builtins.max",
    "builtins.sum",
    "builtins.any",
    "builtins.all",
    "builtins.next",
    "functools.reduce",
    "re.sub",
    "re.subn",
    "heapq.nsmallest",
    "heapq.nlargest",
];

/// Methods that call a function argument at once (`pattern.sub(repl, s)`, `items.sort(...)`) or
/// exhaust an iterator argument (`", ".join(map(...))`, `out.extend(filter(...))`).
pub(super) const CONSUMER_METHODS: &[&str] = &["sub", "subn", "sort", "join"];
pub(super) const EXHAUSTING_METHODS: &[&str] = &["join", "extend", "extendleft", "update", "writelines"];

/// Calls that return a lazy iterator holding their function argument: it runs when the iterator
/// is consumed.
pub(super) const LAZY: &[&str] = &[
    "builtins.map",
    "builtins.filter",
    "builtins.iter",
    "builtins.enumerate",
    "builtins.zip",
    "builtins.reversed",
    "itertools.starmap",
    "itertools.filterfalse",
    "itertools.takewhile",
    "itertools.dropwhile",
    "itertools.chain",
    "itertools.islice",
];

/// Calls that build a container from their arguments: a closure inside lives as long as the
/// result. Given a lazy iterator, they exhaust it.
pub(super) const BUILDERS: &[&str] = &[
    "builtins.list",
    "builtins.tuple",
    "builtins.set",
    "builtins.frozenset",
    "builtins.dict",
    "collections.deque",
    "collections.OrderedDict",
    "collections.defaultdict",
];

/// Methods that store their argument in the container they are called on.
pub(super) const CONTAINER_METHODS: &[&str] = &[
    "append",
    "appendleft",
    "add",
    "insert",
    "extend",
    "extendleft",
    "setdefault",
    "put",
    "put_nowait",
    "push",
    "update",
];

/// Keyword arguments that by convention take a function kept to be called later: `target=` of
/// threads and processes, `command=` of Tk widgets. (`callback=` and `on_...=` name functions
/// that are as often called at once, like `pickle.dumps(buffer_callback=...)`.)
pub(super) fn is_callback_keyword(keyword: &str) -> bool {
    matches!(keyword, "target" | "command")
}
