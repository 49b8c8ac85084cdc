//! References: every read of a name, in evaluation order, and the variable each one reads.
//! Python decides whether a name is local from all the bindings of the scope, wherever they are
//! (`print(x); x = 1` reads the local `x`), so reads are resolved after the whole walk.
use ruff_text_size::{TextRange, TextSize};

use super::nodes::NodeId;
use super::scope::{Scope, ScopeId, ScopeKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct ReferenceId(pub(super) u32);

impl ReferenceId {
    pub(super) fn index(self) -> usize {
        self.0 as usize
    }
}

/// Which variable a read sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// The variable of that scope.
    Scope(ScopeId),
    /// The module's variable, through a `global` declaration of the scope `declared_in` (the
    /// reading scope or one it is nested in).
    Global { declared_in: ScopeId },
    /// No enclosing scope binds the name: a builtin, or undefined.
    Unbound,
}

#[derive(Debug, Clone)]
pub(crate) struct Reference<'a> {
    pub(crate) name: &'a str,
    pub(crate) range: TextRange,
    /// The scope the read runs in.
    pub(crate) scope: ScopeId,
    /// The `Name` node.
    pub(crate) node: NodeId,
    /// The target of `x += 1`, which reads `x` before storing it.
    pub(crate) augmented: bool,
    pub(crate) resolution: Resolution,
}

impl Reference<'_> {
    pub(crate) fn start(&self) -> TextSize {
        self.range.start()
    }
}

/// The variable `name` read from `scope` refers to, given every scope's bindings.
pub(super) fn resolve(scopes: &[Scope<'_>], scope: ScopeId, name: &str) -> Resolution {
    let mut current = Some(scope);
    while let Some(id) = current {
        let here = &scopes[id.index()];
        // A class body is visible to its own code only, not to functions nested in it.
        let skipped = matches!(here.kind, ScopeKind::Class(_)) && id != scope;
        if !skipped {
            if here.globals.contains(name) {
                return Resolution::Global { declared_in: id };
            }
            if here.nonlocals.contains(name) {
                return resolve_nonlocal(scopes, id, name);
            }
            if here.binds(name) {
                return Resolution::Scope(id);
            }
        }
        current = here.parent;
    }
    Resolution::Unbound
}

/// The variable a `nonlocal name` declaration of `declaring` refers to: the nearest enclosing
/// function that binds it (classes and the module are not searched); `Unbound` when none does,
/// which Python rejects.
pub(super) fn resolve_nonlocal(scopes: &[Scope<'_>], declaring: ScopeId, name: &str) -> Resolution {
    let mut current = scopes[declaring.index()].parent;
    while let Some(id) = current {
        let here = &scopes[id.index()];
        if here.kind.is_function_like() {
            if here.globals.contains(name) {
                return Resolution::Global { declared_in: id };
            }
            if here.binds(name) && !here.nonlocals.contains(name) {
                return Resolution::Scope(id);
            }
        }
        current = here.parent;
    }
    Resolution::Unbound
}
