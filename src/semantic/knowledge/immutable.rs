//! Immutable base types (immutable-init).

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
