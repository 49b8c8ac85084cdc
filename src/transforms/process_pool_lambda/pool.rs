//! Finding the calls that send a function to another process: a task method of a process pool
//! (`ProcessPoolExecutor(...)`, `multiprocessing.Pool(...)`, called directly, bound to a name or
//! by `with ... as pool`) and `multiprocessing.Process(target=...)`.
use ruff_python_ast::{Expr, ExprCall};

use crate::semantic::SemanticModel;
use crate::semantic::knowledge::{PROCESS_CONTEXTS, PROCESS_POOL_METHODS, PROCESS_POOLS, PROCESS_STARTERS};

/// How deep `a = b; b = Pool()` chains of names are followed.
const MAX_DEPTH: u8 = 3;

/// What receives the function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sender {
    /// A pool's task method: every task's function is pickled, whatever the start method.
    Pool,
    /// `Process(target=...)`: pickled under the `spawn` and `forkserver` start methods only.
    Process,
}

/// The function a call sends to another process, and what sends it.
pub(super) fn sent_function<'a>(semantic: &SemanticModel<'a>, call: &'a ExprCall) -> Option<(&'a Expr, Sender)> {
    if let Expr::Attribute(attribute) = call.func.as_ref()
        && PROCESS_POOL_METHODS.contains(&attribute.attr.as_str())
        && is_pool(semantic, &attribute.value, 0)
    {
        let keyword = call.arguments.keywords.iter().find(|k| k.arg.as_ref().is_some_and(|a| a == "fn" || a == "func"));
        let function = match keyword {
            Some(keyword) => &keyword.value,
            None => call.arguments.args.first().filter(|a| !a.is_starred_expr())?,
        };
        return Some((function, Sender::Pool));
    }
    if makes(semantic, &call.func, PROCESS_STARTERS, "Process") {
        let target = call.arguments.find_keyword("target")?;
        return Some((&target.value, Sender::Process));
    }
    None
}

/// Whether `expr` is a process pool: a call of a pool class, or a name only ever given one.
fn is_pool(semantic: &SemanticModel, expr: &Expr, depth: u8) -> bool {
    match expr {
        Expr::Call(call) => makes(semantic, &call.func, PROCESS_POOLS, "Pool"),
        Expr::Name(name) if depth < MAX_DEPTH => semantic
            .assigned_values(name)
            .is_some_and(|values| values.iter().all(|value| is_pool(semantic, value, depth + 1))),
        _ => false,
    }
}

/// Whether `func` is one of `names`, or the method `attr` of a `multiprocessing.get_context()`
/// result (`get_context("spawn").Pool`, `ctx.Process`).
fn makes(semantic: &SemanticModel, func: &Expr, names: &[&str], attr: &str) -> bool {
    if semantic.is_one_of(func, names) {
        return true;
    }
    matches!(func, Expr::Attribute(a) if a.attr.as_str() == attr && is_context(semantic, &a.value, 0))
}

fn is_context(semantic: &SemanticModel, expr: &Expr, depth: u8) -> bool {
    match expr {
        Expr::Call(call) => semantic.is_one_of(&call.func, PROCESS_CONTEXTS),
        Expr::Name(name) if depth < MAX_DEPTH => semantic
            .assigned_values(name)
            .is_some_and(|values| values.iter().all(|value| is_context(semantic, value, depth + 1))),
        _ => false,
    }
}
