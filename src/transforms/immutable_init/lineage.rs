//! Following base classes within the module: the class a base names, how a class comes to be
//! immutable, and which bases add nothing to how instances are made.
use ruff_python_ast::{Expr, StmtClassDef};

use crate::engine::checker::Checker;
use crate::semantic::knowledge::{IMMUTABLE_BASE_TYPES, ImmutableBase};
use crate::semantic::queries::names::bases;

use super::MAX_DEPTH;
use super::tables::HARMLESS_BASES;

/// The class of this module a base expression names, other than `class` itself: the class
/// statement that the name reads, through the model's resolution of the name.
pub(super) fn class_of<'a>(checker: &Checker<'a>, base: &Expr, class: &StmtClassDef) -> Option<&'a StmtClassDef> {
    let Expr::Name(name) = unsubscripted(base) else { return None };
    let found = checker.semantic().class_of_name(name)?;
    (!std::ptr::eq(found, class)).then_some(found)
}

/// `@deprecated("...")` is the decorator `deprecated`, configured.
pub(super) fn uncalled(expr: &Expr) -> &Expr {
    match expr {
        Expr::Call(call) => &call.func,
        other => other,
    }
}

/// `tuple[int, int]` as a base is `tuple`.
pub(super) fn unsubscripted(expr: &Expr) -> &Expr {
    match expr {
        Expr::Subscript(subscript) => &subscript.value,
        other => other,
    }
}

pub(super) fn immutable_type(checker: &Checker, base: &Expr) -> Option<&'static ImmutableBase> {
    let qualified = checker.semantic().qualified_name(unsubscripted(base))?;
    IMMUTABLE_BASE_TYPES.iter().find(|t| t.qualified == qualified)
}

/// How a class comes to be immutable: the built-in type at the root and the classes of this
/// module in between, nearest first.
pub(super) struct Lineage<'a> {
    pub(super) root: &'static ImmutableBase,
    pub(super) via: Vec<&'a StmtClassDef>,
}

pub(super) fn lineage<'a>(checker: &Checker<'a>, class: &'a StmtClassDef, depth: usize) -> Option<Lineage<'a>> {
    if depth > MAX_DEPTH {
        return None;
    }
    bases(class).iter().find_map(|base| {
        if let Some(root) = immutable_type(checker, base) {
            return Some(Lineage { root, via: Vec::new() });
        }
        let parent = class_of(checker, base, class)?;
        let mut found = lineage(checker, parent, depth + 1)?;
        found.via.insert(0, parent);
        Some(found)
    })
}

/// Enum members and named tuples are built their own way (`Enum` calls `__init__` with the
/// member's value on purpose; `NamedTuple` forbids overriding `__new__`).
fn is_enum_like(checker: &Checker, base: &Expr) -> bool {
    let base = unsubscripted(base);
    let name = checker.semantic().qualified_name(base).unwrap_or_else(|| checker.locate(base).to_owned());
    let last = name.rsplit('.').next().unwrap_or_default();
    name.starts_with("enum.") || ["Enum", "Flag", "Choices"].iter().any(|end| last.ends_with(end)) || last == "NamedTuple"
}

pub(super) fn has_enum_like_base(checker: &Checker, class: &StmtClassDef, depth: usize) -> bool {
    depth <= MAX_DEPTH
        && bases(class).iter().any(|base| {
            is_enum_like(checker, base)
                || class_of(checker, base, class).is_some_and(|parent| has_enum_like_base(checker, parent, depth + 1))
        })
}

/// A class of the module that adds nothing to how instances are made: no `__init__` or
/// `__new__`, here or in its bases.
fn is_plain_class(checker: &Checker, class: &StmtClassDef, depth: usize) -> bool {
    let semantic = checker.semantic();
    depth <= MAX_DEPTH
        && !semantic.class_defines(class, "__init__")
        && !semantic.class_defines(class, "__new__")
        && class.arguments.as_ref().is_none_or(|a| a.keywords.is_empty())
        && bases(class).iter().all(|base| is_harmless_base(checker, base, class, depth + 1))
}

pub(super) fn is_harmless_base(checker: &Checker, base: &Expr, class: &StmtClassDef, depth: usize) -> bool {
    checker.semantic().is_one_of(unsubscripted(base), HARMLESS_BASES)
        || class_of(checker, base, class).is_some_and(|parent| is_plain_class(checker, parent, depth))
}
