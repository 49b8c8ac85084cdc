//! The const tables of known names: the immutable built-in types with the shapes of their
//! constructors, and the decorators and bases that leave `__init__` alone. Kept apart so that
//! the knowledge reads as a list, not mixed into the logic that uses it.

/// An immutable built-in type and what its constructor takes.
pub(super) struct Immutable {
    pub(super) qualified: &'static str,
    pub(super) shown: &'static str,
    /// Its positional parameters, in order.
    pub(super) positional: &'static [&'static str],
    /// The keyword arguments it takes. The types that take none (`float`, `tuple`, `frozenset`)
    /// ignore unknown keywords when a subclass defines `__init__`; the others reject them.
    pub(super) keywords: &'static [&'static str],
    /// Defaults that give the same value as a call without arguments.
    pub(super) empty: &'static [&'static str],
    /// Built from one iterable: several positional parameters are its items.
    pub(super) packs: bool,
    /// Made of several components (`complex(real, imag)`, `date(year, month, day)`): required
    /// positional parameters after the first are the next components.
    pub(super) components: bool,
}

pub(super) static IMMUTABLES: &[Immutable] = &[
    Immutable {
        qualified: "builtins.int",
        shown: "int",
        positional: &["x", "base"],
        keywords: &["base"],
        empty: &["0"],
        packs: false,
        components: false,
    },
    Immutable {
        qualified: "builtins.float",
        shown: "float",
        positional: &["x"],
        keywords: &[],
        empty: &["0", "0.0", "0."],
        packs: false,
        components: false,
    },
    Immutable {
        qualified: "builtins.complex",
        shown: "complex",
        positional: &["real", "imag"],
        keywords: &["real", "imag"],
        empty: &["0", "0j", "0.0"],
        packs: false,
        components: true,
    },
    Immutable {
        qualified: "builtins.str",
        shown: "str",
        positional: &["object", "encoding", "errors"],
        keywords: &["object", "encoding", "errors"],
        empty: &["\"\"", "''"],
        packs: false,
        components: false,
    },
    Immutable {
        qualified: "builtins.bytes",
        shown: "bytes",
        positional: &["source", "encoding", "errors"],
        keywords: &["source", "encoding", "errors"],
        empty: &["b\"\"", "b''"],
        packs: false,
        components: false,
    },
    Immutable {
        qualified: "builtins.tuple",
        shown: "tuple",
        positional: &["iterable"],
        keywords: &[],
        empty: &["()"],
        packs: true,
        components: false,
    },
    Immutable {
        qualified: "builtins.frozenset",
        shown: "frozenset",
        positional: &["iterable"],
        keywords: &[],
        empty: &["frozenset()"],
        packs: true,
        components: false,
    },
    Immutable {
        qualified: "decimal.Decimal",
        shown: "decimal.Decimal",
        positional: &["value", "context"],
        keywords: &["value", "context"],
        empty: &["0", "\"0\"", "'0'"],
        packs: false,
        components: false,
    },
    Immutable {
        qualified: "fractions.Fraction",
        shown: "fractions.Fraction",
        positional: &["numerator", "denominator"],
        keywords: &["numerator", "denominator"],
        empty: &["0"],
        packs: false,
        components: true,
    },
    Immutable {
        qualified: "datetime.date",
        shown: "datetime.date",
        positional: &["year", "month", "day"],
        keywords: &["year", "month", "day"],
        empty: &[],
        packs: false,
        components: true,
    },
    Immutable {
        qualified: "datetime.time",
        shown: "datetime.time",
        positional: &["hour", "minute", "second", "microsecond", "tzinfo"],
        keywords: &["hour", "minute", "second", "microsecond", "tzinfo", "fold"],
        empty: &["0"],
        packs: false,
        components: true,
    },
    Immutable {
        qualified: "datetime.datetime",
        shown: "datetime.datetime",
        positional: &["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo"],
        keywords: &["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"],
        empty: &[],
        packs: false,
        components: true,
    },
    Immutable {
        qualified: "datetime.timedelta",
        shown: "datetime.timedelta",
        positional: &["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"],
        keywords: &["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"],
        empty: &["0"],
        packs: false,
        components: true,
    },
];

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
