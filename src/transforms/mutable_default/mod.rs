//! mutable-default: `def f(tags=[])` → `def f(tags=None)` plus `if tags is None: tags = []` at
//! the top of the body. A default is built once, when `def` runs, and every call shares it.
use ruff_python_ast::{Expr, ExprLambda, NodeKind, ParameterWithDefault, Parameters, Stmt, StmtFunctionDef};
use ruff_text_size::Ranged;

use crate::engine::checker::Checker;
use crate::engine::first_look::{Look, last_name_of, naming};
use crate::edits::fix::{Applicability, Edit, Fix};
use crate::edits::none_default::none_sentinel_edits;
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};

use crate::semantic::queries::parameter_uses::Uses;

pub(crate) struct MutableDefault;

pub(crate) static TRANSFORM: MutableDefault = MutableDefault;

static RULE: Rule = Rule {
    id: "mutable-default",
    summary: "a list/dict/set default is built once and shared by every call; default to None",
    fix_safety: FixSafety::Mixed,
    default_enabled: true,
    noqa_codes: &["B006"],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

// The mutable constructors and the words of shared-on-purpose names are shared knowledge.
use crate::semantic::knowledge::MUTABLE_CONSTRUCTORS;
// Parameter names that say the shared object is the point (a cache kept across calls).
use crate::semantic::knowledge::SHARED_ON_PURPOSE_WORDS as SHARED_ON_PURPOSE;

/// The shared mutable constructors this transform does not count: it never did count
/// `collections.ChainMap`.
const NOT_COUNTED: &[&str] = &["collections.ChainMap"];

impl Transform for MutableDefault {
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
        if let Stmt::FunctionDef(func) = stmt {
            glance_defaults(look, &func.parameters);
        }
    }

    fn glance_expr<'a>(&self, look: &mut Look<'a>, expr: &'a Expr) {
        if let Expr::Lambda(ExprLambda { parameters: Some(parameters), .. }) = expr {
            glance_defaults(look, parameters);
        }
    }
}

/// [`is_mutable`] as far as syntax tells.
fn glance_defaults<'a>(look: &mut Look<'a>, parameters: &'a Parameters) {
    for default in parameters.iter_non_variadic_params().filter_map(ParameterWithDefault::default) {
        match default {
            Expr::List(_) | Expr::Dict(_) | Expr::Set(_) | Expr::ListComp(_) | Expr::DictComp(_) | Expr::SetComp(_) => {
                look.may_report();
            }
            Expr::Call(call) => {
                look.may_report_if_naming(naming(&call.func, |last| last_name_of(MUTABLE_CONSTRUCTORS, last)), None);
            }
            _ => {}
        }
    }
}

/// One mutable default and what can be done about it.
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
            let default = param.default().filter(|d| is_mutable(checker, d) && !checker.is_suppressed(d.range()))?;
            Some(Candidate {
                param,
                default,
                no_fix: no_fix_reason(checker, func, param, default),
                applicability: applicability(checker, func, param),
            })
        })
        .collect();
    if candidates.is_empty() {
        return;
    }
    for level in [Applicability::Safe, Applicability::Unsafe] {
        let group: Vec<&Candidate> =
            candidates.iter().filter(|c| c.no_fix.is_none() && c.applicability == level).collect();
        // One fix for all parameters of one safety: their guards go in together, in order.
        let fix = build_fix(checker, func, &group).map(|edits| Fix::new(edits, level));
        for candidate in group {
            let note = match (&fix, level) {
                (None, _) => "; no automatic fix: the body cannot take the check",
                (Some(_), Applicability::Unsafe) => {
                    "; the fix is unsafe: the function already treats None specially, or hands the default object out"
                }
                (Some(_), Applicability::Safe) => "",
            };
            let message = format!("{}{note}", describe(checker, candidate));
            checker.report(candidate.default.range(), message, fix.clone());
        }
    }
    for candidate in candidates.iter().filter(|c| c.no_fix.is_some()) {
        let why = candidate.no_fix.as_deref().unwrap_or_default();
        let message = format!("{}; left as is: {why}", describe(checker, candidate));
        checker.report(candidate.default.range(), message, None);
    }
}

fn check_lambda(checker: &mut Checker, lambda: &ExprLambda) {
    let Some(parameters) = &lambda.parameters else { return };
    for param in parameters.iter_non_variadic_params() {
        if let Some(default) = param.default().filter(|d| is_mutable(checker, d)) {
            let message = format!(
                "the default `{}={}` of a lambda is built once and shared by every call; no automatic fix: a lambda has no body to build it in",
                param.name(),
                checker.locate(default)
            );
            checker.report(default.range(), message, None);
        }
    }
}

fn describe(checker: &Checker, candidate: &Candidate) -> String {
    format!(
        "the default `{}={}` is built once, when `def` runs, and shared by every call",
        candidate.param.name(),
        short(checker.locate(candidate.default))
    )
}

/// The first line of a default's text, for messages.
fn short(text: &str) -> String {
    match text.split_once(['\n', '\r']) {
        Some((first, _)) => format!("{}...", first.trim_end()),
        None => text.to_owned(),
    }
}

fn is_mutable(checker: &Checker, expr: &Expr) -> bool {
    match expr {
        Expr::List(_) | Expr::Dict(_) | Expr::Set(_) | Expr::ListComp(_) | Expr::DictComp(_) | Expr::SetComp(_) => true,
        // A call that builds a new mutable object; as a default, one object for all calls.
        Expr::Call(call) => checker
            .semantic()
            .qualified_name(&call.func)
            .is_some_and(|name| MUTABLE_CONSTRUCTORS.contains(&name.as_str()) && !NOT_COUNTED.contains(&name.as_str())),
        _ => false,
    }
}

/// Why a default is left alone, when it is: stubs and overloads document a signature, and some
/// defaults are shared on purpose.
fn no_fix_reason(checker: &Checker, func: &StmtFunctionDef, param: &ParameterWithDefault, default: &Expr) -> Option<String> {
    if let Some(why) = checker.semantic().signature_only(func, checker.is_stub()) {
        return Some(why.to_owned());
    }
    let name = param.name().as_str();
    let lower = name.to_ascii_lowercase();
    if SHARED_ON_PURPOSE.iter().any(|word| lower.contains(word)) {
        return Some(format!("the name `{name}` says the shared object is kept across calls on purpose"));
    }
    let uses = Uses::of(checker.semantic(), func, name);
    if uses.used_as_memo(name) {
        return Some(format!("the body uses `{name}` as a memo (`key in {name}`, then `{name}[key] = ...`)"));
    }
    if uses.only_read(checker.semantic()) {
        return Some(format!(
            "the function only reads `{name}` (never changes it or hands it on), so sharing it is harmless today"
        ));
    }
    if let Some(clash) = checker.semantic().rebound_name_in_default(func, checker.enclosing_class(), default) {
        return Some(format!("the default reads `{clash}`, which means something else inside the function"));
    }
    None
}

/// Unsafe when a caller may pass None on purpose and mean something else than the default (the
/// function already compares the parameter with None), or when the default object leaves the
/// call (returned, yielded or stored), so that the sharing might be relied on.
fn applicability(checker: &Checker, func: &StmtFunctionDef, param: &ParameterWithDefault) -> Applicability {
    let name = param.name().as_str();
    let uses = Uses::of(checker.semantic(), func, name);
    if uses.compared_with_none(name) || uses.escapes(name) {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    }
}

fn build_fix(checker: &Checker, func: &StmtFunctionDef, group: &[&Candidate]) -> Option<Vec<Edit>> {
    let params: Vec<_> = group.iter().map(|c| (c.param, c.default)).collect();
    none_sentinel_edits(&checker.default_context(), func, &params)
}
