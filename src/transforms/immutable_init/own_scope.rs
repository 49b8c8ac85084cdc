//! What one statement of the `__init__` body does in the function's own scope: its returns,
//! yields, `X.__init__(...)` calls, bare `super()` uses and checks (`raise`, `assert`), read
//! from the model's node table.
use ruff_python_ast::{Expr, ExprCall, Stmt, StmtReturn};

use crate::semantic::{Node, NodeId, ScopeId, SemanticModel};

use super::syntax::{is_attribute_call, is_bare_super};

/// What the body of `__init__` does in its own scope (not inside nested functions, classes and
/// lambdas, whose `return` and `super()` are theirs).
#[derive(Default)]
pub(super) struct OwnScope<'a> {
    pub(super) returns: Vec<&'a StmtReturn>,
    pub(super) yields: bool,
    /// Calls of some `X.__init__(...)`.
    pub(super) init_calls: Vec<&'a ExprCall>,
    /// `super()` without arguments: it reads the first argument, which becomes the class.
    pub(super) bare_supers: usize,
    /// The `raise` and `assert` statements, with their ids in the node table.
    pub(super) checks: Vec<(NodeId, &'a Stmt)>,
}

impl<'a> OwnScope<'a> {
    /// What `stmt`, a statement of the body of the function whose scope is `scope`, does in
    /// that scope: the nodes under it in the model's node table whose code runs there.
    pub(super) fn of(semantic: &SemanticModel<'a>, scope: ScopeId, stmt: &'a Stmt) -> Self {
        let mut own = OwnScope::default();
        let Some(id) = semantic.nodes.stmt_id(stmt) else { return own };
        for node in semantic.nodes.subtree(id).filter(|&node| semantic.runs_in(node, scope)) {
            match semantic.nodes.node(node) {
                Node::Stmt(Stmt::Return(ret)) => own.returns.push(ret),
                Node::Stmt(check @ (Stmt::Raise(_) | Stmt::Assert(_))) => own.checks.push((node, check)),
                Node::Stmt(_) => {}
                Node::Expr(expr) => own.note(expr),
            }
        }
        own
    }

    fn note(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Yield(_) | Expr::YieldFrom(_) | Expr::Await(_) => self.yields = true,
            Expr::Call(call) if is_attribute_call(call, "__init__") => self.init_calls.push(call),
            _ if is_bare_super(expr) => self.bare_supers += 1,
            _ => {}
        }
    }
}
