//! The const tables of names only this transform cares about: the decorators and bases that
//! leave `__init__` alone. Kept apart so that the knowledge reads as a list, not mixed into the
//! logic that uses it. The immutable base types themselves are shared knowledge
//! (`semantic::knowledge::IMMUTABLE_BASE_TYPES`).

/// Decorators of `__init__` that do not care which function they wrap.
pub(super) const HARMLESS_METHOD_DECORATORS: &[&str] =
    &["typing.override", "typing_extensions.override", "typing.no_type_check", "typing.final", "typing_extensions.final"];

/// Class decorators that do not touch `__init__` (`deprecated` wraps whichever `__new__` the
/// class has).
pub(super) const HARMLESS_CLASS_DECORATORS: &[&str] = &[
    "functools.total_ordering",
    "typing.final",
    "typing_extensions.final",
    "typing_extensions.deprecated",
    "warnings.deprecated",
];

/// Bases that add no `__init__`.
pub(super) const HARMLESS_BASES: &[&str] = &[
    "builtins.object",
    "typing.Generic",
    "typing_extensions.Generic",
    "typing.Protocol",
    "typing_extensions.Protocol",
    "typing.SupportsInt",
    "typing.SupportsFloat",
    "typing.SupportsIndex",
    "typing.Hashable",
    "collections.abc.Hashable",
];

/// Defaults of the immutable types' own parameters after the first, by qualified name of the
/// type and parameter: an `__init__` parameter at that place with one of these defaults gives
/// the value a call leaving it out gets anyway (`int(x)` is `int(x, 10)`;
/// <https://docs.python.org/3/library/functions.html#int>, `#func-str`, and
/// <https://docs.python.org/3/library/decimal.html#decimal.Decimal>).
pub(super) const OWN_DEFAULTS: &[(&str, &str, &[&str])] = &[
    ("builtins.int", "base", &["10"]),
    ("builtins.str", "errors", &["\"strict\"", "'strict'"]),
    ("builtins.bytes", "errors", &["\"strict\"", "'strict'"]),
    ("decimal.Decimal", "context", &["None"]),
];
