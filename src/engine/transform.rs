//! The interface between the engine and a transform: the checks the engine's single AST walk
//! calls for each node. The transforms implement it; the engine only ever sees `dyn Transform`,
//! handed to it by the caller, so it does not depend on the transforms.
use ruff_python_ast::{Expr, NodeKind, Stmt};

use crate::engine::checker::Checker;
use crate::engine::first_look::Look;
use crate::engine::project_index::IndexNeed;
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

/// The callees of the calls a transform's glance can say anything about
/// ([`Transform::glanced_callees`]). A callee other than a name or an attribute (`f()()`,
/// `handlers[0]()`) is asked about always.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Callees {
    /// The names an attribute callee (`x.name(...)`) may end with.
    pub(crate) attributes: &'static [&'static [&'static str]],
    /// The plain-name callees (`name(...)`): these only, or (`None`) every one, for a glance that
    /// takes a plain name for what an import may have renamed.
    pub(crate) names: Option<&'static [&'static str]>,
}

pub(crate) trait Transform: Sync {
    fn rule(&self) -> &'static Rule;
    /// Which of `check_stmt` / `check_expr` the transform implements.
    fn visits(&self) -> Visits;
    fn check_stmt(&self, _checker: &mut Checker, _stmt: &Stmt) {}
    fn check_expr(&self, _checker: &mut Checker, _expr: &Expr) {}
    /// The engine's first look at a statement, before the semantic model is built: a cheap test
    /// of its syntax alone that tells `look` whether `check_stmt` could report something there
    /// (`look.may_report()`). It must never say no where `check_stmt` would report: a file where
    /// no transform's glance says yes skips the model and the walk. By default, always yes.
    fn glance_stmt<'a>(&self, look: &mut Look<'a>, _stmt: &'a Stmt) {
        look.may_report();
    }
    /// The kinds of node whose glance can say yes: the first look asks the transform about those
    /// only. `None`: every statement and expression it visits.
    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        None
    }
    /// The calls whose glance can say anything, by their callee, when the transform glances at
    /// calls: the first look asks it about those only (the most common node it is asked about,
    /// most of them named otherwise). `None`: every call.
    fn glanced_callees(&self) -> Option<Callees> {
        None
    }
    /// The facts of other files the checks read from the project index: a file waits for the
    /// whole index only when a transform that could report in it needs one it lacks. By default,
    /// every fact when the rule uses the index, none otherwise.
    fn index_needs(&self) -> &'static [IndexNeed] {
        if self.rule().uses_project_index {
            &[IndexNeed::AsyncGenerators, IndexNeed::ValueGenerators, IndexNeed::Classes]
        } else {
            &[]
        }
    }
    /// [`Transform::glance_stmt`] for `check_expr`.
    fn glance_expr<'a>(&self, look: &mut Look<'a>, _expr: &'a Expr) {
        look.may_report();
    }
}

impl std::fmt::Debug for dyn Transform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.rule().id)
    }
}
