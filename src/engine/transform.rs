//! The interface between the engine and a transform: the checks the engine's single AST walk
//! calls for each node. The transforms implement it; the engine only ever sees `dyn Transform`,
//! handed to it by the caller, so it does not depend on the transforms.
use ruff_python_ast::{Expr, Stmt};

use crate::engine::checker::Checker;
use crate::rules::Rule;

pub(crate) trait Transform: Sync {
    fn rule(&self) -> &'static Rule;
    fn check_stmt(&self, _checker: &mut Checker, _stmt: &Stmt) {}
    fn check_expr(&self, _checker: &mut Checker, _expr: &Expr) {}
}

impl std::fmt::Debug for dyn Transform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.rule().id)
    }
}
