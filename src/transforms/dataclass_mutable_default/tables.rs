//! The names the transform knows: decorators, field specifiers, bases. Kept apart so the lists
//! can be read (and extended) without the logic. The mutable constructors, immutable calls and
//! types it shares with other transforms are in `crate::semantic::knowledge`.

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
/// The modules whose members `READ_ONLY_GENERICS` names: `typing.Sequence`, `collections.abc.Sequence`.
pub(super) const TYPING_MODULES: &[&str] = &["typing", "typing_extensions", "collections.abc"];
/// Builtin names that evaluate to the same type wherever they are read.
#[rustfmt::skip]
pub(super) const BUILTIN_TYPES: &[&str] =
    &["list", "dict", "set", "tuple", "frozenset", "int", "float", "str", "bytes", "bool", "complex", "object", "range"];
