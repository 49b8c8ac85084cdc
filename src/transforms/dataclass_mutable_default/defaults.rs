//! Classifying a default: whether it builds a new mutable object each instance should get its own
//! of, what factory builds it again, and whether building it later is safe.

use std::borrow::Cow;

use ruff_python_ast::{Expr, ExprCall, ExprName, Operator, Stmt};

use super::annotations::is_immutable_type;
use super::classify::classify_class;
use super::context::ClassContext;
use super::tables::{BUILTIN_TYPES, FIELD_SPECIFIERS};
use crate::semantic::knowledge::{DATACLASS_REJECTED_CONSTRUCTORS, MUTABLE_CONSTRUCTORS, is_immutable_result_call};
use crate::semantic::{Node, NodeId, ScopeId, SemanticModel};

impl<'c> ClassContext<'c> {
    /// What a field's default builds, when it is something an instance should get its own of.
    pub(super) fn classify_default(&self, value: &'c Expr, annotation: Option<&Expr>) -> Option<Default<'c>> {
        match value {
            Expr::List(list) if list.elts.is_empty() => Some(self.empty_display(value, "list")),
            Expr::Dict(dict) if dict.items.is_empty() => Some(self.empty_display(value, "dict")),
            Expr::List(_) | Expr::Set(_) | Expr::Dict(_) | Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) => {
                Some(Default {
                    expr: value,
                    factory: Factory::Lambda,
                    rejected: true,
                    constant: self.is_constant(value),
                    call: None,
                })
            }
            Expr::Call(call) => self.classify_call(value, call, annotation),
            _ => None,
        }
    }

    /// `[]` / `{}`: the type itself is the factory, unless the class or module rebinds its name.
    fn empty_display(&self, value: &'c Expr, type_name: &'static str) -> Default<'c> {
        let factory =
            if self.is_builtin_here(type_name) { Factory::Callable(Cow::Borrowed(type_name)) } else { Factory::Lambda };
        Default { expr: value, factory, rejected: true, constant: true, call: None }
    }

    fn classify_call(&self, value: &'c Expr, call: &'c ExprCall, annotation: Option<&Expr>) -> Option<Default<'c>> {
        // A callee the class body or an enclosing function rebinds is not the one imported.
        let head = dotted_head(&call.func)?;
        let name = (!self.binds_locally(head)).then(|| self.semantic.qualified_name(&call.func)).flatten();
        let no_arguments = call.arguments.is_empty();
        let factory = if no_arguments {
            Factory::Callable(Cow::Borrowed(self.checker.locate(&*call.func)))
        } else {
            Factory::Lambda
        };
        if let Some(container) = name.as_deref().filter(|n| MUTABLE_CONSTRUCTORS.contains(n)) {
            let rejected = DATACLASS_REJECTED_CONSTRUCTORS.contains(&container);
            let constant = call
                .arguments
                .args
                .iter()
                .chain(call.arguments.keywords.iter().map(|k| &k.value))
                .all(|a| self.is_constant(a));
            return Some(Default { expr: value, factory, rejected, constant, call: None });
        }
        let immutable = match (name.as_deref(), &*call.func) {
            (Some(name), _) => is_immutable_call(name),
            // Not imported: a class or factory of this module, reached by its name.
            (None, Expr::Name(callee)) => {
                self.is_immutable_local(callee) || self.is_descriptor_class(callee) || self.is_stateless_class(callee)
            }
            (None, _) => false,
        };
        if immutable || annotation.is_some_and(|a| is_immutable_type(self.semantic, a)) {
            return None;
        }
        Some(Default { expr: value, factory, rejected: false, constant: false, call: Some(&call.func) })
    }

    /// A class of this module whose instances cannot change, or a `namedtuple` / `NewType` of one,
    /// looked up where the name is read: a class body's own `D` hides the module's `D`.
    fn is_immutable_local(&self, callee: &ExprName) -> bool {
        let semantic = self.semantic;
        let Some(scope) = semantic.scope_of_read(callee) else { return false };
        if is_immutable_factory(semantic, scope, callee.id.as_str()) {
            return true;
        }
        semantic.class_of_name(callee).is_some_and(|class| classify_class(semantic, class, 0).immutable)
    }

    /// A class of this module that defines `__get__` or `__set__`: its instance as a class-level
    /// default is a descriptor, which the class keeps (and the field's value goes through it),
    /// not a value shared by the instances. A `default_factory` would break it.
    fn is_descriptor_class(&self, callee: &ExprName) -> bool {
        self.semantic.class_of_name(callee).is_some_and(|class| {
            ["__get__", "__set__"].iter().any(|method| self.semantic.class_defines(class, method))
        })
    }

    /// A plain class of this module whose instances hold no state of their own: no decorator, no
    /// base but `object`, nothing bound in its body but methods, and no attribute stored anywhere
    /// in it (`self.items = []`). One shared instance behaves like a new one each time (a test's
    /// `NonComparable()` marker, say), so there is nothing to fix.
    fn is_stateless_class(&self, callee: &ExprName) -> bool {
        let semantic = self.semantic;
        let Some(class) = semantic.class_of_name(callee) else { return false };
        let plain_bases = class.arguments.as_deref().is_none_or(|arguments| {
            arguments.keywords.is_empty()
                && arguments.args.iter().all(|base| semantic.qualified_name(base).as_deref() == Some("builtins.object"))
        });
        let only_methods = class.body.iter().all(|stmt| match stmt {
            Stmt::FunctionDef(_) | Stmt::Pass(_) => true,
            Stmt::Expr(expr) => matches!(*expr.value, Expr::StringLiteral(_) | Expr::EllipsisLiteral(_)),
            _ => false,
        });
        if !class.decorator_list.is_empty() || !plain_bases || !only_methods {
            return false;
        }
        // The class statement's node: the one its name's `class` binding was made by.
        let Some(scope) = semantic.scope_of_read(callee) else { return false };
        let statement = semantic.bindings_of(scope, callee.id.as_str()).find_map(|binding| {
            let id = binding.stmt?;
            matches!(semantic.nodes.node(id), Node::Stmt(Stmt::ClassDef(c)) if std::ptr::eq(c, class)).then_some(id)
        });
        let Some(id) = statement else { return false };
        !semantic.nodes.subtree(id).any(|node| {
            matches!(semantic.nodes.node(node), Node::Expr(Expr::Attribute(a)) if !a.ctx.is_load())
        })
    }

    /// An expression that, evaluated again later, gives an equal value and does nothing else:
    /// literals, displays of them, and builtin type names and constructors over them.
    fn is_constant(&self, expr: &Expr) -> bool {
        match expr {
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => true,
            Expr::List(list) => list.elts.iter().all(|e| self.is_constant(e)),
            Expr::Tuple(tuple) => tuple.elts.iter().all(|e| self.is_constant(e)),
            Expr::Set(set) => set.elts.iter().all(|e| self.is_constant(e)),
            Expr::Dict(dict) => dict
                .items
                .iter()
                .all(|item| item.key.as_ref().is_none_or(|k| self.is_constant(k)) && self.is_constant(&item.value)),
            Expr::Starred(starred) => self.is_constant(&starred.value),
            Expr::UnaryOp(unary) => self.is_constant(&unary.operand),
            Expr::BinOp(binary) => {
                binary.op != Operator::MatMult && self.is_constant(&binary.left) && self.is_constant(&binary.right)
            }
            Expr::Name(name) => BUILTIN_TYPES.contains(&name.id.as_str()) && self.is_builtin_here(name.id.as_str()),
            Expr::Call(call) => {
                self.is_constant(&call.func)
                    && call.arguments.args.iter().all(|a| self.is_constant(a))
                    && call.arguments.keywords.iter().all(|k| self.is_constant(&k.value))
            }
            _ => false,
        }
    }
}

/// A default that each instance should get its own of.
pub(super) struct Default<'a> {
    pub(super) expr: &'a Expr,
    pub(super) factory: Factory<'a>,
    /// `@dataclass` rejects it with `ValueError` on every Python version.
    pub(super) rejected: bool,
    /// Building it again later gives an equal value, with no other effect.
    pub(super) constant: bool,
    /// For a call of something not known to build a container: its callee.
    pub(super) call: Option<&'a Expr>,
}

impl Default<'_> {
    pub(super) fn factory_text(&self) -> Cow<'_, str> {
        match &self.factory {
            Factory::Callable(name) => Cow::Borrowed(name),
            Factory::Lambda => Cow::Borrowed("lambda: ..."),
        }
    }
}

pub(super) enum Factory<'a> {
    /// A callable that builds the value without arguments: `list`, `Registry`.
    Callable(Cow<'a, str>),
    /// `lambda: <the default's text>`.
    Lambda,
}

/// A call whose result needs no copy per instance: a field specifier (it declares the field, not
/// the value), or a call known to give an immutable value.
fn is_immutable_call(name: &str) -> bool {
    FIELD_SPECIFIERS.contains(&name) || is_immutable_result_call(name)
}

/// Calls whose result, bound to a module-level name, makes the name a class of immutable values.
const IMMUTABLE_FACTORIES: &[&str] =
    &["collections.namedtuple", "typing.NamedTuple", "typing_extensions.NamedTuple", "typing.NewType"];

/// Whether a `name = namedtuple(...)` (or `NamedTuple(...)`, or `NewType(...)` of an immutable
/// type, its base passed by position or as `tp=`) in the code of `scope` (at the top level for the
/// module) binds `name`.
fn is_immutable_factory(semantic: &SemanticModel, scope: ScopeId, name: &str) -> bool {
    let top_level = |stmt: NodeId| scope != semantic.module_scope() || semantic.nodes.parent(stmt).is_none();
    semantic.bindings_of(scope, name).any(|binding| {
        let Some(stmt) = binding.stmt.filter(|&stmt| top_level(stmt)) else { return false };
        let Node::Stmt(Stmt::Assign(assign)) = semantic.nodes.node(stmt) else { return false };
        let ([Expr::Name(target)], Expr::Call(call)) = (&assign.targets[..], &*assign.value) else { return false };
        if target.id.as_str() != name || !semantic.is_one_of(&call.func, IMMUTABLE_FACTORIES) {
            return false;
        }
        // `NewType("Tags", list)` builds lists: only a NewType of an immutable type counts.
        let new_type_of_mutable = semantic.is_one_of(&call.func, &["typing.NewType"])
            && !call.arguments.find_argument_value("tp", 1).is_some_and(|base| is_immutable_type(semantic, base));
        !new_type_of_mutable
    })
}

/// The first name of a dotted callee (`a` of `a.b.c`); `None` for anything else.
pub(super) fn dotted_head(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => dotted_head(&attribute.value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn immutable_calls() {
        assert!(is_immutable_call("datetime.datetime.now"));
        assert!(is_immutable_call("uuid.uuid4"));
        assert!(is_immutable_call("builtins.frozenset"));
        assert!(is_immutable_call("dataclasses.field"));
        assert!(!is_immutable_call("builtins.list"));
        assert!(!is_immutable_call("datetimes.now"));
        assert!(!is_immutable_call("app.Registry"));
    }
}
