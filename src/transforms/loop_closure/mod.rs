//! loop-closure: `for m in metrics: callbacks.append(lambda: print(m))` → `lambda m=m: print(m)`.
//! A closure looks its free names up when it runs; one made in a loop and kept past its iteration
//! sees the values of the last iteration. Only closures that outlive their iteration are reported
//! (a `key=` lambda or a helper called at once is fine), and the fix binds each captured value as
//! a parameter default, which Python evaluates when the closure is made.
mod callee;
mod closure;
mod detect;
mod escape;
mod fix;
mod tables;

use ruff_python_ast::{Expr, ExprCall, NodeKind, Stmt};

use crate::engine::checker::Checker;
use crate::engine::first_look::{Function, Later, Look, naming};
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};

use closure::Closure;
use detect::{captures, enclosing_loops};
use fix::report;

pub(crate) struct LoopClosure;

pub(crate) static TRANSFORM: LoopClosure = LoopClosure;

static RULE: Rule = Rule {
    id: "loop-closure",
    summary: "a closure made in a loop and kept for later sees the last iteration's values; bind them as defaults",
    fix_safety: FixSafety::Mixed,
    default_enabled: true,
    noqa_codes: &["B023"],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

impl Transform for LoopClosure {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Both
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        if let Stmt::FunctionDef(func) = stmt
            && in_statement_loop(checker.parents())
        {
            check_closure(checker, Closure::Def(stmt, func));
        }
    }

    fn check_expr(&self, checker: &mut Checker, expr: &Expr) {
        if let Expr::Lambda(lambda) = expr {
            check_closure(checker, Closure::Lambda(expr, lambda));
        }
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::StmtFunctionDef, NodeKind::ExprLambda])
    }

    // A closure can only capture a loop's variable inside a loop of its own scope, and only one
    // that it reads and the loop binds.
    fn glance_stmt<'a>(&self, look: &mut Look<'a>, stmt: &'a Stmt) {
        if let Stmt::FunctionDef(def) = stmt
            && let Some(span) = look.outer_loop_in_frame()
        {
            look.may_report_if(&[Later::CapturesFromLoop(Function::Def(def), span)]);
        }
    }

    /// A lambda passed to a call whose result is dropped (`self.assertRaises(E, lambda: ...)`)
    /// outlives its iteration only if the callee keeps it (see [`callee::may_keep`]).
    fn glance_expr<'a>(&self, look: &mut Look<'a>, expr: &'a Expr) {
        if let Expr::Lambda(lambda) = expr
            && let Some(span) = look.outer_loop_in_frame()
        {
            let captures = Later::CapturesFromLoop(Function::Lambda(lambda), span);
            match look.dropped_call().filter(|call| is_plain_argument(call, expr)) {
                Some(call) => look.may_report_if_naming(naming(&call.func, callee::may_keep), Some(captures)),
                None => look.may_report_if(&[captures]),
            }
        }
    }
}

/// Whether `expr` is one of the call's arguments itself, positional or by a keyword other than
/// those that name a function kept for later (`target=`), which keep it whatever the callee.
fn is_plain_argument(call: &ExprCall, expr: &Expr) -> bool {
    let arguments = &call.arguments;
    arguments.args.iter().any(|a| std::ptr::eq(a, expr))
        || arguments.keywords.iter().any(|k| {
            std::ptr::eq(&k.value, expr) && !k.arg.as_ref().is_some_and(|arg| tables::is_callback_keyword(arg.as_str()))
        })
}

/// Whether a `def` (the last of `parents`) sits in a `for` or `while` of its own scope: a `def`
/// cannot be in a comprehension, so others have no loop to capture from.
fn in_statement_loop(parents: &[&Stmt]) -> bool {
    let enclosing = parents.split_last().map_or(&[][..], |(_, rest)| rest);
    enclosing
        .iter()
        .rev()
        .take_while(|s| !matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)))
        .any(|s| matches!(s, Stmt::For(_) | Stmt::While(_)))
}

/// Finds the loops around the closure and the names it captures from them, and reports those it
/// keeps past an iteration.
fn check_closure(checker: &mut Checker, closure: Closure) {
    if checker.is_stub() {
        return;
    }
    let semantic = checker.semantic();
    // The walk is at the closure itself.
    let path = semantic.nodes.path_to(checker.node_id());
    let Some((loops, scope)) = enclosing_loops(semantic, &path) else { return };
    let captures = captures(checker, closure, &path, &loops, scope);
    if !captures.is_empty() {
        report(checker, closure, &captures);
    }
}
