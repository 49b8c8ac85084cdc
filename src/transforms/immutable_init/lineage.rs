//! Following base classes within the module: where a base name is looked up, how a class comes
//! to be immutable, and which bases add nothing to how instances are made.
use ruff_python_ast::{Expr, Stmt, StmtClassDef};

use crate::engine::checker::Checker;
use crate::fixes::class_scope::{bases, class_defines, class_named};

use super::MAX_DEPTH;
use super::tables::{HARMLESS_BASES, IMMUTABLES, Immutable};

/// Where the base names of a class are looked up: the scope the class statement runs in, then
/// the module.
pub(super) struct Scopes<'a> {
    bodies: Vec<&'a [Stmt]>,
}

impl<'a> Scopes<'a> {
    pub(super) fn around(parents: &[&'a Stmt], module: &'a [Stmt]) -> Self {
        let enclosing = parents.iter().rev().skip(1).find_map(|stmt| match stmt {
            Stmt::FunctionDef(func) => Some(&func.body[..]),
            Stmt::ClassDef(class) => Some(&class.body[..]),
            _ => None,
        });
        Scopes { bodies: enclosing.into_iter().chain([module]).collect() }
    }

    pub(super) fn module(&self) -> &'a [Stmt] {
        self.bodies.last().copied().unwrap_or_default()
    }

    /// The class of this module a base expression names, other than `class` itself.
    pub(super) fn class_of(&self, base: &Expr, class: &StmtClassDef) -> Option<&'a StmtClassDef> {
        let Expr::Name(name) = unsubscripted(base) else { return None };
        let found = self.bodies.iter().find_map(|body| class_named(body, name.id.as_str()))?;
        (!std::ptr::eq(found, class)).then_some(found)
    }
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

pub(super) fn immutable_type(checker: &Checker, base: &Expr) -> Option<&'static Immutable> {
    let qualified = checker.imports().qualified_name(unsubscripted(base))?;
    IMMUTABLES.iter().find(|t| t.qualified == qualified)
}

/// How a class comes to be immutable: the built-in type at the root and the classes of this
/// module in between, nearest first.
pub(super) struct Lineage<'a> {
    pub(super) root: &'static Immutable,
    pub(super) via: Vec<&'a StmtClassDef>,
}

pub(super) fn lineage<'a>(checker: &Checker, scopes: &Scopes<'a>, class: &'a StmtClassDef, depth: usize) -> Option<Lineage<'a>> {
    if depth > MAX_DEPTH {
        return None;
    }
    bases(class).iter().find_map(|base| {
        if let Some(root) = immutable_type(checker, base) {
            return Some(Lineage { root, via: Vec::new() });
        }
        let parent = scopes.class_of(base, class)?;
        let mut found = lineage(checker, scopes, parent, depth + 1)?;
        found.via.insert(0, parent);
        Some(found)
    })
}

/// Enum members and named tuples are built their own way (`Enum` calls `__init__` with the
/// member's value on purpose; `NamedTuple` forbids overriding `__new__`).
fn is_enum_like(checker: &Checker, base: &Expr) -> bool {
    let base = unsubscripted(base);
    let name = checker.imports().qualified_name(base).unwrap_or_else(|| checker.locate(base).to_owned());
    let last = name.rsplit('.').next().unwrap_or_default();
    name.starts_with("enum.") || ["Enum", "Flag", "Choices"].iter().any(|end| last.ends_with(end)) || last == "NamedTuple"
}

pub(super) fn has_enum_like_base(checker: &Checker, scopes: &Scopes, class: &StmtClassDef, depth: usize) -> bool {
    depth <= MAX_DEPTH
        && bases(class).iter().any(|base| {
            is_enum_like(checker, base)
                || scopes.class_of(base, class).is_some_and(|parent| has_enum_like_base(checker, scopes, parent, depth + 1))
        })
}

/// A class of the module that adds nothing to how instances are made: no `__init__` or
/// `__new__`, here or in its bases.
fn is_plain_class(checker: &Checker, scopes: &Scopes, class: &StmtClassDef, depth: usize) -> bool {
    depth <= MAX_DEPTH
        && !class_defines(class, "__init__")
        && !class_defines(class, "__new__")
        && class.arguments.as_ref().is_none_or(|a| a.keywords.is_empty())
        && bases(class).iter().all(|base| is_harmless_base(checker, scopes, base, class, depth + 1))
}

pub(super) fn is_harmless_base(checker: &Checker, scopes: &Scopes, base: &Expr, class: &StmtClassDef, depth: usize) -> bool {
    checker.imports().is_one_of(unsubscripted(base), HARMLESS_BASES)
        || scopes.class_of(base, class).is_some_and(|parent| is_plain_class(checker, scopes, parent, depth))
}
