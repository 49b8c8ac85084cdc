//! What a scope binds: the names a fix must not shadow, and the classes of a scope with their
//! relatives.
use ruff_python_ast::{Expr, ExprLambda, Stmt, StmtClassDef, StmtFunctionDef};

use crate::semantic::{BindingKind, Node, Resolution, ScopeId, ScopeKind, SemanticModel};

impl<'a> SemanticModel<'a> {
    pub(crate) fn module_scope(&self) -> ScopeId {
        ScopeId::MODULE
    }

    pub(crate) fn function_scope(&self, func: &StmtFunctionDef) -> Option<ScopeId> {
        self.scope_by_node.get(&(std::ptr::from_ref(func) as usize)).copied()
    }

    pub(crate) fn class_scope(&self, class: &StmtClassDef) -> Option<ScopeId> {
        self.scope_by_node.get(&(std::ptr::from_ref(class) as usize)).copied()
    }

    pub(crate) fn lambda_scope(&self, lambda: &ExprLambda) -> Option<ScopeId> {
        self.scope_by_node.get(&(std::ptr::from_ref(lambda) as usize)).copied()
    }

    /// The names local to a scope, in the order of their first binding: parameters, every name
    /// its code binds (in nested blocks too, a walrus in a comprehension included), the names
    /// of nested `def`s and `class`es (not what their bodies bind), and the names it declares
    /// `global` / `nonlocal` (which it can also rebind).
    pub(crate) fn scope_names(&self, scope: ScopeId) -> impl Iterator<Item = &'a str> + '_ {
        self.scope(scope).bound().map(|v| v.name)
    }

    /// The variable that `name` would read in code of `scope` (a line a fix adds there), as
    /// Python resolves it: for a name no existing code reads at that place.
    pub(crate) fn resolve_in(&self, scope: ScopeId, name: &str) -> Resolution {
        crate::semantic::reference::resolve(&self.scopes, scope, name)
    }

    /// Whether `name` is among [`Self::scope_names`].
    pub(crate) fn binds(&self, scope: ScopeId, name: &str) -> bool {
        self.scope(scope).binds(name)
    }

    /// The one class statement named `name` that the scope's code runs (in its blocks too, not
    /// in nested functions or classes). `None` when there is none, or several: then which one
    /// a base refers to depends on the run.
    pub(crate) fn class_named(&self, scope: ScopeId, name: &str) -> Option<&'a StmtClassDef> {
        let mut classes = self.bindings_of(scope, name).filter(|b| b.kind == BindingKind::ClassDef);
        let (Some(only), None) = (classes.next(), classes.next()) else { return None };
        match self.nodes.node(only.stmt?) {
            Node::Stmt(Stmt::ClassDef(class)) => Some(class),
            _ => None,
        }
    }

    /// Every class statement of the module, nested ones included, in source order, that lists
    /// a bare `name` as a base (`class B(A)` for `A`). Matching by name may take in a class of
    /// another scope with the same name; callers use this to be careful, so more is fine.
    pub(crate) fn subclasses_named(&self, name: &str) -> Vec<&'a StmtClassDef> {
        let classes = self.scopes().filter_map(|(_, scope)| match scope.kind {
            ScopeKind::Class(class) => Some(class),
            _ => None,
        });
        let names_it = |base: &Expr| matches!(base, Expr::Name(n) if n.id.as_str() == name);
        classes.filter(|class| bases(class).iter().any(names_it)).collect()
    }

    /// Whether a name written in code of `scope` reads the module's variable (or a builtin):
    /// no function or lambda around it binds the name. A fix that writes a module-level
    /// import's name in nested code asks this first.
    pub(crate) fn sees_module_name(&self, scope: ScopeId, name: &str) -> bool {
        match super::super::reference::resolve(&self.scopes, scope, name) {
            Resolution::Scope(found) => found == ScopeId::MODULE,
            Resolution::Global { .. } | Resolution::Unbound => true,
        }
    }

    /// Whether the class body binds `name`: a `def`, an assignment, an import, also in an `if`.
    pub(crate) fn class_defines(&self, class: &StmtClassDef, name: &str) -> bool {
        self.class_scope(class).is_some_and(|scope| self.binds(scope, name))
    }
}

/// The positional base expressions of a class (not `metaclass=` and other keywords).
pub(crate) fn bases(class: &StmtClassDef) -> &[Expr] {
    class.arguments.as_deref().map_or(&[][..], |arguments| &arguments.args[..])
}

/// The `metaclass=` keyword's value of a class statement.
pub(crate) fn metaclass_keyword(class: &StmtClassDef) -> Option<&Expr> {
    let arguments = class.arguments.as_deref()?;
    arguments.keywords.iter().find(|k| k.arg.as_deref() == Some("metaclass")).map(|k| &k.value)
}

/// `head.tail`, built by hand: `format!` costs more than the copies, and a qualified name is
/// made for most dotted names a module reads.
pub(crate) fn dotted(head: &str, tail: &str) -> String {
    let mut joined = String::with_capacity(head.len() + 1 + tail.len());
    joined.push_str(head);
    joined.push('.');
    joined.push_str(tail);
    joined
}

/// `qualified.tail`, reusing `qualified`'s buffer.
pub(crate) fn extended(mut qualified: String, tail: &str) -> String {
    qualified.push('.');
    qualified.push_str(tail);
    qualified
}
