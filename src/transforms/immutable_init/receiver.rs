//! Uses of `self` and of `super()` in a stretch of the `__init__` body, answered from the
//! model's references and bindings: where the instance is first needed, and whether the code
//! before the split only calls methods on it.
use ruff_python_ast::Expr;
use ruff_text_size::TextRange;

use crate::semantic::{Node, Reference, ScopeId, SemanticModel};

/// The `Name` nodes of one name in a range.
pub(super) struct NameUses {
    /// The reads, in source order.
    pub(super) reads: Vec<TextRange>,
    /// How many stores and deletions (`self = ...`, `for self in ...`, `del self`).
    pub(super) stores: usize,
}

/// Every `Name` node `name` in `range`, read or stored, in the code of `scope` and of the
/// scopes nested in it.
pub(super) fn name_uses(semantic: &SemanticModel, scope: ScopeId, range: TextRange, name: &str) -> NameUses {
    let reads = semantic.references_in(range).filter(|r| r.name == name).map(|r| r.range).collect();
    let stores = semantic.names_stored_in(scope, range).into_iter().filter(|(stored, _)| *stored == name).count();
    NameUses { reads, stores }
}

impl NameUses {
    pub(super) fn is_empty(&self) -> bool {
        self.reads.is_empty() && self.stores == 0
    }
}

/// Whether `range` holds a `super()` without arguments (in nested scopes too): it reads the
/// first argument of the function it is in.
pub(super) fn has_bare_super(semantic: &SemanticModel, range: TextRange) -> bool {
    semantic.references_in(range).any(|r| r.name == "super" && is_bare_super_call(semantic, r))
}

/// The read of `super` is the callee of a call without arguments.
fn is_bare_super_call(semantic: &SemanticModel, reference: &Reference) -> bool {
    let name = semantic.nodes.node(reference.node);
    let call = semantic.nodes.parent(reference.node).map(|parent| semantic.nodes.node(parent));
    matches!(call, Some(Node::Expr(Expr::Call(call))) if name.is(Node::Expr(&call.func)) && call.arguments.is_empty())
}

/// The method's name when the read of `self` at `read` is the receiver of a method call:
/// `self.method(...)`.
pub(super) fn called_method(semantic: &SemanticModel, read: TextRange) -> Option<String> {
    let reference = semantic.reference_at(read.start()).filter(|r| r.range == read)?;
    let attribute_id = semantic.nodes.parent(reference.node)?;
    let Node::Expr(Expr::Attribute(attribute)) = semantic.nodes.node(attribute_id) else { return None };
    if !semantic.nodes.node(reference.node).is(Node::Expr(&attribute.value)) {
        return None;
    }
    let call = semantic.nodes.node(semantic.nodes.parent(attribute_id)?);
    match call {
        Node::Expr(Expr::Call(call)) if semantic.nodes.node(attribute_id).is(Node::Expr(&call.func)) => {
            Some(attribute.attr.to_string())
        }
        _ => None,
    }
}
