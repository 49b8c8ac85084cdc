//! The names the transform knows: decorators, field specifiers, bases, containers, immutable
//! calls and types. Kept apart so the lists can be read (and extended) without the logic.

pub(super) const STDLIB_DATACLASS: &str = "dataclasses.dataclass";
pub(super) const PYDANTIC_DATACLASS: &str = "pydantic.dataclasses.dataclass";
/// attrs decorators whose `auto_attribs` defaults to `False` (fields are `attr.ib()` only).
pub(super) const ATTRS_CLASSIC: &[&str] = &["attr.s", "attr.attrs", "attr.attributes"];
/// attrs decorators that guess `auto_attribs` (annotated attributes are fields unless the class
/// also has an unannotated `attr.ib()`).
pub(super) const ATTRS_NEXT_GEN: &[&str] =
    &["attr.define", "attr.mutable", "attr.frozen", "attrs.define", "attrs.mutable", "attrs.frozen"];
pub(super) const ATTRS_FROZEN: &[&str] = &["attr.frozen", "attrs.frozen"];
/// Calls that declare a field (or a factory) rather than build the default value itself.
pub(super) const FIELD_SPECIFIERS: &[&str] = &[
    "dataclasses.field",
    "attr.ib",
    "attr.attrib",
    "attr.attr",
    "attr.field",
    "attrs.field",
    "attr.Factory",
    "attrs.Factory",
    "pydantic.Field",
    "pydantic.fields.Field",
    "pydantic.PrivateAttr",
    "msgspec.field",
];
pub(super) const ATTRS_FIELD_CALLS: &[&str] = &["attr.ib", "attr.attrib", "attr.attr", "attr.field", "attrs.field"];
/// Class decorators that leave attribute semantics alone; any other decorator may turn the
/// class into something else (a dataclass-like model, a registry entry), so plain-class
/// findings are not reported for it.
pub(super) const NEUTRAL_DECORATORS: &[&str] = &[
    "functools.total_ordering",
    "typing.final",
    "typing_extensions.final",
    "typing.runtime_checkable",
    "typing_extensions.runtime_checkable",
    "typing.type_check_only",
    "enum.unique",
];
/// Bases whose classes copy defaults per instance (pydantic, msgspec and models built on them).
pub(super) const COPYING_BASES: &[&str] = &[
    "pydantic.BaseModel",
    "pydantic.main.BaseModel",
    "pydantic.RootModel",
    "pydantic.v1.BaseModel",
    "pydantic.BaseSettings",
    "pydantic.v1.BaseSettings",
    "pydantic_settings.BaseSettings",
    "sqlmodel.SQLModel",
    "beanie.Document",
    "odmantic.Model",
    "ninja.Schema",
    "msgspec.Struct",
];
/// Bases whose class-level values are not per-instance defaults: `Enum` members, `NamedTuple`
/// and `TypedDict` declarations, `Protocol` members. The bool: instances are immutable.
pub(super) const DECLARATIVE_BASES: &[(&str, bool)] = &[
    ("enum.Enum", true),
    ("enum.IntEnum", true),
    ("enum.StrEnum", true),
    ("enum.Flag", true),
    ("enum.IntFlag", true),
    ("enum.ReprEnum", true),
    ("typing.NamedTuple", true),
    ("typing_extensions.NamedTuple", true),
    ("typing.TypedDict", false),
    ("typing_extensions.TypedDict", false),
    ("typing.Protocol", false),
    ("typing_extensions.Protocol", false),
];
/// Containers whose calls build a new mutable object; the bool: `@dataclass` rejects it as a
/// default on every Python version (a `list`, `dict` or `set`, subclasses included).
pub(super) const CONTAINERS: &[(&str, bool)] = &[
    ("builtins.list", true),
    ("builtins.dict", true),
    ("builtins.set", true),
    ("builtins.bytearray", false),
    ("collections.OrderedDict", true),
    ("collections.defaultdict", true),
    ("collections.Counter", true),
    ("collections.deque", false),
    ("collections.ChainMap", false),
];
/// Builtins whose calls give an immutable value (or one meant to be shared, like `object()`).
#[rustfmt::skip]
pub(super) const IMMUTABLE_BUILTINS: &[&str] = &[
    "tuple", "frozenset", "str", "int", "float", "bool", "bytes", "complex", "range", "object", "len", "repr",
    "hash", "ord", "chr", "abs", "round", "format", "hex", "oct", "bin", "slice",
];
/// Other calls whose result is immutable, or a process-wide object that is meant to be shared.
pub(super) const IMMUTABLE_CALLS: &[&str] = &[
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
pub(super) const IMMUTABLE_MODULES: &[&str] = &["datetime", "pathlib", "uuid", "ipaddress", "math"];
/// Annotations that declare an immutable or read-only value.
pub(super) const IMMUTABLE_TYPES: &[&str] = &[
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
pub(super) const READ_ONLY_GENERICS: &[&str] = &[
    "Tuple", "FrozenSet", "Sequence", "Mapping", "AbstractSet", "Set", "Collection", "Iterable", "Iterator",
    "Container", "Reversible", "Hashable", "Callable", "Pattern", "Type", "Literal", "LiteralString",
];
pub(super) const TYPING_MODULES: &[&str] = &["typing", "typing_extensions", "collections.abc"];
/// Builtin names that evaluate to the same type wherever they are read.
#[rustfmt::skip]
pub(super) const BUILTIN_TYPES: &[&str] =
    &["list", "dict", "set", "tuple", "frozenset", "int", "float", "str", "bytes", "bool", "complex", "object", "range"];

/// Methods that change a list, dict, set, deque or bytearray in place.
#[rustfmt::skip]
pub(super) const MUTATING_METHODS: &[&str] = &[
    "append", "extend", "insert", "pop", "remove", "clear", "update", "add", "discard", "setdefault", "popitem",
    "sort", "reverse", "appendleft", "extendleft", "popleft", "rotate", "subtract",
];
/// Words in an attribute's name that say it is shared on purpose.
pub(super) const SHARED_ON_PURPOSE: &[&str] = &["cache", "memo", "registry"];
