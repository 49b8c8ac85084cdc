//! call-default: `def log(msg, at=datetime.now())` → `def log(msg, at=None)` plus
//! `if at is None: at = datetime.now()` at the top of the body. A default is evaluated once, when
//! `def` runs: every call without the argument gets the time the module was imported.
use ruff_python_ast::helpers::any_over_expr;
use ruff_python_ast::{Expr, ExprCall, ExprLambda, NodeKind, ParameterWithDefault, Parameters, Stmt, StmtFunctionDef};
use ruff_text_size::Ranged;

use crate::edits::fix::{Applicability, Fix};
use crate::edits::none_default::none_sentinel_edits;
use crate::edits::optional::allows_none;
use crate::engine::checker::Checker;
use crate::engine::first_look::Look;
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule};
use crate::semantic::knowledge::{
    DEPENDENCY_MARKER_PACKAGES, DEPENDENCY_MARKERS, MUTABLE_CONSTRUCTORS, is_fresh_value_call, is_immutable_result_call,
};
use crate::semantic::queries::parameter_uses::Uses;

pub(crate) struct CallDefault;

pub(crate) static TRANSFORM: CallDefault = CallDefault;

const EXTEND_IMMUTABLE_CALLS: &str = "extend-immutable-calls";

static RULE: Rule = Rule {
    id: "call-default",
    summary: "a call in a parameter default runs once, when `def` runs; call it in the body",
    fix_safety: FixSafety::Mixed,
    default_enabled: true,
    noqa_codes: &["B008"],
    options: &[EXTEND_IMMUTABLE_CALLS],
    validate_options,
    uses_project_index: false,
};

/// The mutable constructors mutable-default does not report (it never counted `ChainMap`): here
/// they are calls with a fresh value. The others are mutable-default's.
const LEFT_BY_MUTABLE_DEFAULT: &[&str] = &["collections.ChainMap"];

/// `extend-immutable-calls` must be a list of dotted names (`"fastapi.Depends"`).
fn validate_options(options: &toml::Table) -> Result<(), String> {
    let Some(value) = options.get(EXTEND_IMMUTABLE_CALLS) else { return Ok(()) };
    let names = value.as_array().ok_or_else(|| format!("has `{EXTEND_IMMUTABLE_CALLS} = {value}`; it must be a list of dotted names"))?;
    for name in names {
        let dotted = name.as_str().is_some_and(|s| {
            !s.is_empty() && s.split('.').all(|part| !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '_'))
        });
        if !dotted {
            return Err(format!("has {name} in `{EXTEND_IMMUTABLE_CALLS}`; each entry must be a dotted name like \"fastapi.Depends\""));
        }
    }
    Ok(())
}

impl Transform for CallDefault {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Both
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        if let Stmt::FunctionDef(func) = stmt {
            check_function(checker, func);
        }
    }

    fn check_expr(&self, checker: &mut Checker, expr: &Expr) {
        if let Expr::Lambda(lambda) = expr {
            check_lambda(checker, lambda);
        }
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::StmtFunctionDef, NodeKind::ExprLambda])
    }

    fn glance_stmt<'a>(&self, look: &mut Look<'a>, stmt: &'a Stmt) {
        if let Stmt::FunctionDef(func) = stmt
            && has_call_default(&func.parameters)
        {
            look.may_report();
        }
    }

    fn glance_expr<'a>(&self, look: &mut Look<'a>, expr: &'a Expr) {
        if let Expr::Lambda(ExprLambda { parameters: Some(parameters), .. }) = expr
            && has_call_default(parameters)
        {
            look.may_report();
        }
    }
}

/// Whether some default is a call: what the check starts from, as far as syntax tells.
fn has_call_default(parameters: &Parameters) -> bool {
    parameters.iter_non_variadic_params().filter_map(ParameterWithDefault::default).any(Expr::is_call_expr)
}

/// What a call in a default gives at each call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
    /// A new or time-dependent value by design (`datetime.now()`, `uuid4()`, `random.random()`).
    Fresh,
    /// Anything else that is not known to be immutable: it may be run once on purpose.
    Unknown,
}

/// What the call in a default gives; `None` when it is left alone: an immutable value, a
/// framework's marker, a name of `extend-immutable-calls`, or a mutable constructor (which
/// mutable-default reports).
fn value_of(checker: &Checker, call: &ExprCall) -> Option<Value> {
    let qualified = checker.semantic().qualified_name(&call.func);
    let Some(name) = qualified.as_deref() else {
        // A local function or a method: listed by its text, if at all.
        return (!is_extended_immutable(checker, checker.locate(call.func.as_ref()))).then_some(Value::Unknown);
    };
    if is_fresh_value_call(name) || LEFT_BY_MUTABLE_DEFAULT.contains(&name) {
        return Some(Value::Fresh);
    }
    if is_immutable_result_call(name) && reads_fresh_value(checker, call) {
        // An immutable value made of a fresh one (`str(uuid4())`, `datetime.fromtimestamp(time.time())`).
        return Some(Value::Unknown);
    }
    let left_alone = MUTABLE_CONSTRUCTORS.contains(&name)
        || is_constant_arithmetic(name, call)
        || is_immutable_result_call(name)
        || is_dependency_marker(name)
        || is_extended_immutable(checker, name);
    (!left_alone).then_some(Value::Unknown)
}

/// Whether an argument of `call` calls, somewhere inside, a function with a fresh value.
fn reads_fresh_value(checker: &Checker, call: &ExprCall) -> bool {
    let semantic = checker.semantic();
    let fresh = |expr: &Expr| {
        matches!(expr, Expr::Call(inner)
            if semantic.qualified_name(&inner.func).is_some_and(|name| is_fresh_value_call(&name)))
    };
    call.arguments.args.iter().chain(call.arguments.keywords.iter().map(|k| &k.value)).any(|arg| any_over_expr(arg, &fresh))
}

/// Builtins that compute a number from numbers: with literals and constants (`SOMAXCONN`) as
/// arguments, the value is the same at every call, so computing it once is the point.
const ARITHMETIC_BUILTINS: &[&str] = &["builtins.min", "builtins.max", "builtins.sum", "builtins.pow", "builtins.divmod"];

fn is_constant_arithmetic(name: &str, call: &ExprCall) -> bool {
    fn constant(expr: &Expr) -> bool {
        match expr {
            Expr::Attribute(attribute) => constant(&attribute.value),
            Expr::UnaryOp(unary) => constant(&unary.operand),
            Expr::Name(_) | Expr::NumberLiteral(_) => true,
            _ => false,
        }
    }
    ARITHMETIC_BUILTINS.contains(&name) && call.arguments.keywords.is_empty() && call.arguments.args.iter().all(constant)
}

fn is_dependency_marker(name: &str) -> bool {
    let (package, rest) = name.split_once('.').unwrap_or((name, ""));
    let last = rest.rsplit('.').next().unwrap_or_default();
    DEPENDENCY_MARKER_PACKAGES.contains(&package) && DEPENDENCY_MARKERS.contains(&last)
}

fn is_extended_immutable(checker: &Checker, name: &str) -> bool {
    checker
        .option(EXTEND_IMMUTABLE_CALLS)
        .and_then(toml::Value::as_array)
        .is_some_and(|names| names.iter().any(|listed| listed.as_str() == Some(name)))
}

/// One call default and what can be done about it.
struct Candidate<'a> {
    param: &'a ParameterWithDefault,
    default: &'a Expr,
    /// Why no fix is offered, if none is.
    no_fix: Option<String>,
    applicability: Applicability,
}

fn check_function(checker: &mut Checker, func: &StmtFunctionDef) {
    let candidates: Vec<Candidate> = func
        .parameters
        .iter_non_variadic_params()
        .filter_map(|param| {
            let default = param.default().filter(|d| !checker.is_suppressed(d.range()))?;
            let Expr::Call(call) = default else { return None };
            let value = value_of(checker, call)?;
            Some(Candidate {
                param,
                default,
                no_fix: no_fix_reason(checker, func, param, default),
                applicability: applicability(call, value),
            })
        })
        .collect();
    for level in [Applicability::Safe, Applicability::Unsafe] {
        let group: Vec<&Candidate> = candidates.iter().filter(|c| c.no_fix.is_none() && c.applicability == level).collect();
        if group.is_empty() {
            continue;
        }
        // One fix for all parameters of one safety: their guards go in together, in order.
        let params: Vec<_> = group.iter().map(|c| (c.param, c.default)).collect();
        let fix = none_sentinel_edits(&checker.default_context(), func, &params).map(|edits| Fix::new(edits, level));
        let note = match (&fix, level) {
            (None, _) => "; no automatic fix: the body cannot take the call",
            (Some(_), Applicability::Unsafe) => {
                "; the fix is unsafe: the call may be meant to run once"
            }
            (Some(_), Applicability::Safe) => "",
        };
        for candidate in group {
            let message = format!("{}{note}", describe(checker, candidate.param, candidate.default));
            checker.report(candidate.default.range(), message, fix.clone());
        }
    }
    for candidate in candidates.iter().filter(|c| c.no_fix.is_some()) {
        let why = candidate.no_fix.as_deref().unwrap_or_default();
        let message = format!("{}; left as is: {why}", describe(checker, candidate.param, candidate.default));
        checker.report(candidate.default.range(), message, None);
    }
}

fn check_lambda(checker: &mut Checker, lambda: &ExprLambda) {
    let Some(parameters) = &lambda.parameters else { return };
    for param in parameters.iter_non_variadic_params() {
        if let Some(default @ Expr::Call(call)) = param.default()
            && value_of(checker, call).is_some()
        {
            let message = format!("{}; no automatic fix: a lambda has no body to call it in", describe(checker, param, default));
            checker.report(default.range(), message, None);
        }
    }
}

fn describe(checker: &Checker, param: &ParameterWithDefault, default: &Expr) -> String {
    let text = checker.locate(default);
    let shown = match text.split_once(['\n', '\r']) {
        Some((first, _)) => format!("{}...", first.trim_end()),
        None => text.to_owned(),
    };
    format!("the default `{}={shown}` is computed once, when `def` runs, and every call gets that value", param.name())
}

/// Why a default is left alone: the signature only documents it, the function already gives
/// `None` a meaning of its own (its guard would hide the new one), or the default reads a name
/// that means something else inside the function.
fn no_fix_reason(checker: &Checker, func: &StmtFunctionDef, param: &ParameterWithDefault, default: &Expr) -> Option<String> {
    let semantic = checker.semantic();
    if let Some(why) = semantic.signature_only(func, checker.is_stub()) {
        return Some(why.to_owned());
    }
    let name = param.name().as_str();
    if param.parameter.annotation.as_deref().is_some_and(|annotation| allows_none(annotation, semantic)) {
        return Some(format!("the annotation of `{name}` already accepts None, which may mean something else than the default"));
    }
    if Uses::of(semantic, func, name).compared_with_none(name) {
        return Some(format!("the function already compares `{name}` with None, so None cannot stand for the default"));
    }
    let clash = semantic.rebound_name_in_default(func, checker.enclosing_class(), default)?;
    Some(format!("the default reads `{clash}`, which means something else inside the function"))
}

/// Safe for a fresh value whose arguments are constants. Unsafe otherwise: another call may be
/// meant to run once (a configuration read, a shared client), and arguments that read variables
/// would be read at each call instead of once.
fn applicability(call: &ExprCall, value: Value) -> Applicability {
    let constant_arguments =
        call.arguments.args.iter().chain(call.arguments.keywords.iter().map(|k| &k.value)).all(Expr::is_literal_expr);
    if value == Value::Fresh && constant_arguments { Applicability::Safe } else { Applicability::Unsafe }
}
