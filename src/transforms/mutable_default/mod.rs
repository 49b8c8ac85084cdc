//! mutable-default: `def f(tags=[])` → `def f(tags=None)` plus `if tags is None: tags = []` at
//! the top of the body. A default is built once, when `def` runs, and every call shares it.
use ruff_python_ast::helpers::{any_over_expr, is_docstring_stmt};
use ruff_python_ast::{CmpOp, Expr, ExprLambda, NodeKind, ParameterWithDefault, Parameters, Stmt, StmtFunctionDef};
use ruff_python_ast::token::{TokenKind, parenthesized_range};
use ruff_text_size::{Ranged, TextRange};

use crate::engine::checker::Checker;
use crate::engine::first_look::{Look, last_name_of, naming};
use crate::edits::fix::{Applicability, Edit, Fix};
use crate::edits::body_start::{BodyLine, body_step, insert_after_leading};
use crate::edits::lines::{indent_unit, is_first_on_line, reindented, statement_indentation};
use crate::edits::optional::{AnnotationContext, allow_none, pep604_allowed};
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};

mod uses;

use uses::{Uses, is_name};

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
    const OVERLOAD: &[&str] = &["typing.overload", "typing_extensions.overload"];
    if checker.is_stub() {
        return Some("a stub file documents the signature".to_owned());
    }
    if func.decorator_list.iter().any(|d| checker.semantic().is_one_of(&d.expression, OVERLOAD)) {
        return Some("an @overload signature documents the default".to_owned());
    }
    if is_stub_body(&func.body) {
        return Some("the body is a stub (`...` or `pass`), so the default documents the signature".to_owned());
    }
    let name = param.name().as_str();
    let lower = name.to_ascii_lowercase();
    if SHARED_ON_PURPOSE.iter().any(|word| lower.contains(word)) {
        return Some(format!("the name `{name}` says the shared object is kept across calls on purpose"));
    }
    let uses = Uses::of(checker, func, name);
    if uses.used_as_memo(name) {
        return Some(format!("the body uses `{name}` as a memo (`key in {name}`, then `{name}[key] = ...`)"));
    }
    if uses.only_read(checker.semantic()) {
        return Some(format!(
            "the function only reads `{name}` (never changes it or hands it on), so sharing it is harmless today"
        ));
    }
    if let Some(clash) = rebound_name_in_default(checker, func, default) {
        return Some(format!("the default reads `{clash}`, which means something else inside the function"));
    }
    None
}

/// Unsafe when a caller may pass None on purpose and mean something else than the default (the
/// function already compares the parameter with None), or when the default object leaves the
/// call (returned, yielded or stored), so that the sharing might be relied on.
fn applicability(checker: &Checker, func: &StmtFunctionDef, param: &ParameterWithDefault) -> Applicability {
    let name = param.name().as_str();
    let uses = Uses::of(checker, func, name);
    if uses.compared_with_none(name) || uses.escapes(name) {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    }
}

fn build_fix(checker: &Checker, func: &StmtFunctionDef, group: &[&Candidate]) -> Option<Vec<Edit>> {
    if group.is_empty() {
        return None;
    }
    let ctx = AnnotationContext {
        semantic: checker.semantic(),
        source: checker.source(),
        stylist: checker.stylist(),
        pep604: pep604_allowed(checker.module(), checker.target_version().minor()),
    };
    let mut edits = Vec::new();
    let mut guards = Vec::new();
    for candidate in group {
        edits.push(Edit::replace(replaced_range(checker, func, candidate.default), "None"));
        if let Some(annotation) = candidate.param.parameter.annotation.as_deref() {
            edits.extend(allow_none(annotation, &ctx)?);
        }
        let name = candidate.param.name().as_str();
        guards.push(format!("if {name} is None:"));
        guards.push(format!("{name} = {}", moved_default(checker, func, candidate.default)));
    }
    let lines: Vec<BodyLine> = guards.iter().enumerate().map(|(i, line)| (i % 2, line.as_str())).collect();
    let stays = |stmt: &Stmt| is_none_guard(stmt, func);
    edits.extend(insert_after_leading(func, &stays, &lines, checker.source(), checker.stylist())?);
    Some(edits)
}

/// The text `None` replaces: the default with the parentheses that hold it alone (`x=([1, ])`
/// becomes `x=None`), unless a comment stands between them and the default: it would be lost
/// (the default's own text, comments included, moves into the body).
fn replaced_range(checker: &Checker, func: &StmtFunctionDef, default: &Expr) -> TextRange {
    let Some(outer) = parenthesized_range(default.into(), (&*func.parameters).into(), checker.tokens()) else {
        return default.range();
    };
    let commented = checker
        .tokens()
        .in_range(outer)
        .iter()
        .any(|token| token.kind() == TokenKind::Comment && !default.range().contains_range(token.range()));
    if commented { default.range() } else { outer }
}

/// The default's text as it reads inside the guard: lines after the first are re-indented by
/// as much as the expression moves, except inside strings.
fn moved_default(checker: &Checker, func: &StmtFunctionDef, default: &Expr) -> String {
    let source = checker.source();
    let body_indent = match func.body.first() {
        Some(first) if is_first_on_line(first, source) => statement_indentation(first, source).to_owned(),
        _ => format!("{}{}", statement_indentation(func, source), indent_unit(checker.stylist())),
    };
    let to = format!("{body_indent}{}", body_step(func, source, checker.stylist()));
    let text = reindented(default.range(), statement_indentation(default, source), &to, source, checker.tokens());
    // Inside the parameter list a default may span lines anywhere (`OD` newline `()`); as a
    // statement only brackets of its own hold it together.
    let bracketed = matches!(
        default,
        Expr::List(_) | Expr::Dict(_) | Expr::Set(_) | Expr::ListComp(_) | Expr::DictComp(_) | Expr::SetComp(_)
    );
    if !bracketed && text.contains(['\n', '\r']) { format!("({text})") } else { text }
}

/// `if p is None: p = ...` for a parameter `p` of the function: such guards, earlier fixes'
/// included, stay first so that the new ones follow in parameter order. Other code that tests
/// for None stays after the new guards, so a call without the argument behaves as before.
fn is_none_guard(stmt: &Stmt, func: &StmtFunctionDef) -> bool {
    let Stmt::If(stmt_if) = stmt else { return false };
    let Expr::Compare(compare) = stmt_if.test.as_ref() else { return false };
    let Expr::Name(name) = compare.left.as_ref() else { return false };
    let assigns_it = matches!(stmt_if.body.as_slice(), [Stmt::Assign(assign)]
        if matches!(assign.targets.as_slice(), [target] if is_name(target, name.id.as_str())));
    assigns_it
        && stmt_if.elif_else_clauses.is_empty()
        && *compare.ops == [CmpOp::Is]
        && matches!(compare.comparators.first(), Some(Expr::NoneLiteral(_)))
        && func.parameters.iter().any(|p| p.name().as_str() == name.id.as_str())
}

/// A body with nothing but a docstring, `...` and `pass`.
fn is_stub_body(body: &[Stmt]) -> bool {
    body.iter().all(|stmt| match stmt {
        Stmt::Pass(_) => true,
        Stmt::Expr(expr) => is_docstring_stmt(stmt) || matches!(expr.value.as_ref(), Expr::EllipsisLiteral(_)),
        _ => false,
    })
}

/// A name the default reads that the body rebinds (or, for a method, that the class body
/// binds): moved into the body, the default would read something else.
fn rebound_name_in_default(checker: &Checker, func: &StmtFunctionDef, default: &Expr) -> Option<String> {
    let semantic = checker.semantic();
    let function = semantic.function_scope(func)?;
    let parents = checker.parents();
    let class = match parents.len().checked_sub(2).and_then(|i| parents.get(i)) {
        Some(Stmt::ClassDef(class)) => semantic.class_scope(class),
        _ => None,
    };
    let binds = |name: &str| semantic.binds(function, name) || class.is_some_and(|c| semantic.binds(c, name));
    let mut clash = None;
    any_over_expr(default, |expr| {
        if let Expr::Name(name) = expr {
            if binds(name.id.as_str()) {
                clash = Some(name.id.to_string());
                return true;
            }
        }
        false
    });
    clash
}

