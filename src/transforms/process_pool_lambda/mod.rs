//! process-pool-lambda: a lambda or a function defined inside another one, handed to a process
//! pool (`ProcessPoolExecutor.submit/map`, `multiprocessing.Pool.map/apply_async/...`) or to
//! `multiprocessing.Process(target=...)`, cannot be pickled, so it never reaches the worker.
//! The fix moves it to module level as a named `def` and passes it by name, binding what it
//! reads from the enclosing function with `functools.partial`.
mod fix;
mod pool;
mod sent;

use ruff_python_ast::{Expr, ExprCall, NodeKind};
use ruff_text_size::Ranged;

use crate::edits::fix::Fix;
use crate::engine::checker::Checker;
use crate::engine::first_look::{Later, Look};
use crate::engine::transform::{Callees, Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};
use crate::semantic::knowledge::PROCESS_POOL_METHODS;

use pool::{Sender, sent_function};
use sent::{Sent, analyse};

pub(crate) struct ProcessPoolLambda;

pub(crate) static TRANSFORM: ProcessPoolLambda = ProcessPoolLambda;

static RULE: Rule = Rule {
    id: "process-pool-lambda",
    summary: "a lambda or nested function sent to a process pool cannot be pickled; move it to module level",
    fix_safety: FixSafety::Mixed,
    default_enabled: true,
    noqa_codes: &[],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

impl Transform for ProcessPoolLambda {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Exprs
    }

    fn check_expr(&self, checker: &mut Checker, expr: &Expr) {
        if let Expr::Call(call) = expr {
            check_call(checker, call);
        }
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::ExprCall])
    }

    /// The callees of [`is_candidate`].
    fn glanced_callees(&self) -> Option<Callees> {
        Some(Callees { attributes: &[PROCESS_POOL_METHODS, &[PROCESS]], names: Some(&[PROCESS]) })
    }

    /// A call of a pool method or of `Process`, in a module that imports the pools.
    fn glance_expr<'a>(&self, look: &mut Look<'a>, expr: &'a Expr) {
        if let Expr::Call(call) = expr
            && is_candidate(call)
            && may_send_local_function(call, look.in_frame())
        {
            look.may_report_if(&[Later::ImportsFrom("multiprocessing")]);
            look.may_report_if(&[Later::ImportsFrom("concurrent")]);
        }
    }
}

/// `multiprocessing.Process`, by its last name.
const PROCESS: &str = "Process";

/// A call that may send a function to another process, by the callee's name alone.
fn is_candidate(call: &ExprCall) -> bool {
    match call.func.as_ref() {
        Expr::Attribute(a) => PROCESS_POOL_METHODS.contains(&a.attr.as_str()) || a.attr.as_str() == PROCESS,
        Expr::Name(n) => n.id.as_str() == PROCESS,
        _ => false,
    }
}

/// Whether a candidate call may send what the check reports: a lambda, or (from code in a
/// function) a name that may be a function defined there. Any argument the check may take as the
/// function counts (`fn=`/`func=`, the first positional one, `target=`).
fn may_send_local_function(call: &ExprCall, in_frame: bool) -> bool {
    let arguments = &call.arguments;
    let keywords = arguments.keywords.iter().filter(|k| k.arg.as_ref().is_some_and(|a| matches!(a.as_str(), "fn" | "func" | "target")));
    let mut sent = arguments.args.first().into_iter().chain(keywords.map(|k| &k.value));
    sent.any(|function| match function {
        Expr::Lambda(_) => true,
        Expr::Name(_) => in_frame,
        _ => false,
    })
}

fn check_call(checker: &mut Checker, call: &ExprCall) {
    let semantic = checker.semantic();
    // Cheap name tests first: most calls are neither a pool method nor `Process`. Only a module
    // that imports the pools can use them.
    if !is_candidate(call) || !(semantic.imports_anywhere("multiprocessing") || semantic.imports_anywhere("concurrent")) {
        return;
    }
    let Some((function, sender)) = sent_function(semantic, call) else { return };
    let Some(sent) = Sent::of(semantic, function) else { return };
    let via = short(checker.locate(call.func.as_ref()));
    let what = match sender {
        Sender::Pool => format!("`{via}` pickles the function it runs in a worker process"),
        Sender::Process => format!(
            "`{via}` pickles its target under the `spawn` and `forkserver` start methods (the defaults on Windows and macOS, and on Linux from Python 3.14)"
        ),
    };
    let mut message = format!("{what}, and {} cannot be pickled", sent.describe());
    let fix = match analyse(checker, &sent) {
        Ok(captured) => {
            let unsafe_ = sender == Sender::Process && !captured.is_empty();
            message += "; move it to a module-level function";
            fix::build(checker, &sent, &captured, function).map(|edits| if unsafe_ { Fix::unsafe_(edits) } else { Fix::safe(edits) })
        }
        Err(reason) => {
            message += &format!("; move it to a module-level function (no automatic fix: {reason})");
            None
        }
    };
    checker.report(function.range(), message, fix);
}

/// The first line of a piece of code, cut to a readable length, for messages.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim_end();
    if line.chars().count() <= 40 && line.len() == text.len() {
        line.to_owned()
    } else {
        let cut: String = line.chars().take(37).collect();
        format!("{cut}...")
    }
}
