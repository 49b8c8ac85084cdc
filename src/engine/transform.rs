//! The interface between the engine and a transform: the checks the engine's single AST walk
//! calls for each node. The transforms implement it; the engine only ever sees `dyn Transform`,
//! handed to it by the caller, so it does not depend on the transforms.
use ruff_python_ast::{Expr, Stmt};

use crate::engine::checker::Checker;
use crate::rules::Rule;

/// Which nodes a transform looks at: the walk calls it for those only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Visits {
    Stmts,
    Exprs,
    Both,
}

impl Visits {
    pub(crate) fn stmts(self) -> bool {
        matches!(self, Visits::Stmts | Visits::Both)
    }

    pub(crate) fn exprs(self) -> bool {
        matches!(self, Visits::Exprs | Visits::Both)
    }
}

pub(crate) trait Transform: Sync {
    fn rule(&self) -> &'static Rule;
    /// Which of `check_stmt` / `check_expr` the transform implements.
    fn visits(&self) -> Visits;
    fn check_stmt(&self, _checker: &mut Checker, _stmt: &Stmt) {}
    fn check_expr(&self, _checker: &mut Checker, _expr: &Expr) {}
}

impl std::fmt::Debug for dyn Transform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.rule().id)
    }
}
