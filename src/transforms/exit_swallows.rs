//! exit-swallows: an `__exit__` / `__aexit__` that returns a true constant on every path
//! suppresses every exception raised in its `with` block, `KeyboardInterrupt` and bugs included.
//! Reported without a fix: which exceptions were meant to be swallowed cannot be inferred.
use ruff_python_ast::helpers::Truthiness;
use ruff_python_ast::statement_visitor::{StatementVisitor, walk_stmt};
use ruff_python_ast::{CmpOp, Expr, ExprCompare, NodeKind, Stmt, StmtFunctionDef, StmtReturn};
use ruff_text_size::Ranged;

use crate::engine::checker::Checker;
use crate::engine::first_look::Look;
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};
use crate::semantic::flow::can_fall_through;
use crate::semantic::knowledge::SUPPRESSOR_NAME_WORDS;
use crate::semantic::{Node, NodeId, ScopeId, ScopeKind, SemanticModel};

pub(crate) struct ExitSwallows;

pub(crate) static TRANSFORM: ExitSwallows = ExitSwallows;

static RULE: Rule = Rule {
    id: "exit-swallows",
    summary: "an `__exit__` that always returns a true value swallows every exception of its `with` block",
    fix_safety: FixSafety::None,
    default_enabled: true,
    noqa_codes: &[],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

impl Transform for ExitSwallows {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Stmts
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        if let Stmt::FunctionDef(func) = stmt
            && matches!(func.name.as_str(), "__exit__" | "__aexit__")
            && !checker.is_stub()
        {
            check_exit(checker, func);
        }
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::StmtFunctionDef])
    }

    /// An `__exit__` whose own `return`s all give a true constant, and that has one.
    fn glance_stmt<'a>(&self, look: &mut Look<'a>, stmt: &'a Stmt) {
        if let Stmt::FunctionDef(func) = stmt
            && matches!(func.name.as_str(), "__exit__" | "__aexit__")
            && returns_only_true_constants(&func.body)
        {
            look.may_report();
        }
    }
}

fn check_exit(checker: &mut Checker, func: &StmtFunctionDef) {
    let semantic = checker.semantic();
    let Some(scope) = semantic.function_scope(func) else { return };
    let Some(parent) = semantic.scope(scope).parent else { return };
    let ScopeKind::Class(class) = semantic.scope(parent).kind else { return };
    let class_name = class.name.as_str().to_ascii_lowercase();
    if SUPPRESSOR_NAME_WORDS.iter().any(|word| class_name.contains(word)) || semantic.scope(scope).is_generator {
        return;
    }
    let returns = own_returns(semantic, checker.node_id(), scope);
    let Some(first) = returns.first() else { return };
    if can_fall_through(&func.body) || !returns.iter().all(|r| r.value.as_deref().is_some_and(is_true_constant)) {
        return;
    }
    if chooses_by_exception(semantic, scope, func) {
        return;
    }
    let statement = checker.locate(*first);
    let others = match returns.len() {
        1 => String::new(),
        2 => ", as does the other `return`".to_owned(),
        n => format!(", as do the {} other `return`s", n - 1),
    };
    let message = format!(
        "`{}.{}` returns a true value on every path (`{statement}`{others}): it swallows every exception \
         of its `with` block, KeyboardInterrupt and bugs included; return a false value for those it does \
         not handle",
        class.name, func.name
    );
    checker.report(first.range(), message, None);
}

/// The `return` statements of the function's own code (not of functions nested in it), in
/// source order; `def_node` is the `def` statement.
fn own_returns<'a>(semantic: &SemanticModel<'a>, def_node: NodeId, scope: ScopeId) -> Vec<&'a StmtReturn> {
    semantic
        .nodes
        .subtree(def_node)
        .filter(|&node| semantic.runs_in(node, scope))
        .filter_map(|node| match semantic.nodes.node(node) {
            Node::Stmt(Stmt::Return(ret)) => Some(ret),
            _ => None,
        })
        .collect()
}

/// `True`, a non-zero number, a non-empty string or bytes literal: a value `with` takes as
/// "suppress the exception".
fn is_true_constant(expr: &Expr) -> bool {
    expr.is_literal_expr()
        && matches!(Truthiness::from_expr(expr, |_| false), Truthiness::True | Truthiness::Truthy)
}

/// Whether the method looks at which exception it got to decide: its exception type or value
/// parameter compared with something else than `None` (`exc_type is KeyError`,
/// `exc_type in self.errors`) or passed to `issubclass` / `isinstance`.
fn chooses_by_exception(semantic: &SemanticModel, scope: ScopeId, func: &StmtFunctionDef) -> bool {
    let parameters = &func.parameters;
    // After `self`: the type, the value (and the traceback); or `*args` holding them.
    let mut names: Vec<&str> =
        parameters.posonlyargs.iter().chain(&parameters.args).skip(1).take(2).map(|p| p.parameter.name.as_str()).collect();
    names.extend(parameters.vararg.as_deref().map(|v| v.name.as_str()));
    names.into_iter().any(|name| {
        let Some(variable) = semantic.scope(scope).variable(name) else { return false };
        variable.references.iter().any(|&id| {
            let reference = semantic.reference(id);
            let mut node = reference.node;
            // Up through `args[0]` and `type(exc)` to the comparison or the check.
            while let Some(parent) = semantic.nodes.parent(node) {
                match semantic.nodes.node(parent) {
                    Node::Expr(Expr::Compare(compare)) => return compares_with_other_than_none(compare),
                    Node::Expr(Expr::Call(call)) => {
                        let checks = matches!(&*call.func, Expr::Name(n) if matches!(n.id.as_str(), "issubclass" | "isinstance"));
                        if checks {
                            return true;
                        }
                        if call.func.range().contains_range(reference.range) {
                            return false;
                        }
                    }
                    Node::Expr(Expr::Subscript(_) | Expr::Attribute(_)) => {}
                    _ => return false,
                }
                node = parent;
            }
            false
        })
    })
}

/// Whether a comparison has an operand other than `None` for a test other than identity with
/// `None` (`x is not None` only asks whether there was an exception).
fn compares_with_other_than_none(compare: &ExprCompare) -> bool {
    let none_only = compare.ops.iter().all(|op| matches!(op, CmpOp::Is | CmpOp::IsNot | CmpOp::Eq | CmpOp::NotEq))
        && compare.comparators.iter().chain(std::iter::once(&*compare.left)).any(Expr::is_none_literal_expr);
    !none_only
}

/// Whether the `return`s of a function's own code (not of functions or classes in it) are at
/// least one, and all give a true constant.
fn returns_only_true_constants(body: &[Stmt]) -> bool {
    #[derive(Default)]
    struct Returns {
        any: bool,
        all_true: bool,
    }
    impl<'a> StatementVisitor<'a> for Returns {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            match stmt {
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                Stmt::Return(ret) => {
                    self.any = true;
                    self.all_true &= ret.value.as_deref().is_some_and(is_true_constant);
                }
                _ => walk_stmt(self, stmt),
            }
        }
    }
    let mut returns = Returns { any: false, all_true: true };
    returns.visit_body(body);
    returns.any && returns.all_true
}
