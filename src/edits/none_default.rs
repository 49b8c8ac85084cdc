//! Moving parameter defaults into the body behind a `None` sentinel, for the transforms whose
//! defaults must be built at each call (mutable-default, call-default): `def f(x=[])` →
//! `def f(x=None)` and `if x is None:` / `x = []` after the docstring, with the annotation made
//! to accept `None`.
use ruff_python_ast::token::{TokenKind, Tokens, parenthesized_range};
use ruff_python_ast::{CmpOp, Expr, ModModule, ParameterWithDefault, Stmt, StmtFunctionDef};
use ruff_python_codegen::Stylist;
use ruff_text_size::{Ranged, TextRange};

use crate::edits::body_start::{BodyLine, body_step, insert_after_leading};
use crate::edits::fix::Edit;
use crate::edits::lines::{indent_unit, is_first_on_line, reindented, statement_indentation};
use crate::edits::optional::{AnnotationContext, allow_none, pep604_allowed};
use crate::semantic::SemanticModel;

/// What moving a default needs to know about the file.
pub(crate) struct DefaultContext<'a> {
    pub(crate) semantic: &'a SemanticModel<'a>,
    pub(crate) source: &'a str,
    pub(crate) tokens: &'a Tokens,
    pub(crate) stylist: &'a Stylist<'a>,
    pub(crate) module: &'a ModModule,
    pub(crate) target_minor: u8,
}

/// The edits that give each of `params` (of `func`, in order) the default `None` and build its
/// old default in a guard at the top of the body; `None` when the body cannot take the guards
/// or an annotation cannot be made to accept `None`.
pub(crate) fn none_sentinel_edits(
    cx: &DefaultContext,
    func: &StmtFunctionDef,
    params: &[(&ParameterWithDefault, &Expr)],
) -> Option<Vec<Edit>> {
    if params.is_empty() {
        return None;
    }
    let annotations = AnnotationContext {
        semantic: cx.semantic,
        source: cx.source,
        stylist: cx.stylist,
        pep604: pep604_allowed(cx.module, cx.target_minor),
    };
    let mut edits = Vec::new();
    let mut guards = Vec::new();
    for &(param, default) in params {
        edits.push(Edit::replace(replaced_range(cx, func, default), "None"));
        if let Some(annotation) = param.parameter.annotation.as_deref() {
            edits.extend(allow_none(annotation, &annotations)?);
        }
        let name = param.name().as_str();
        guards.push(format!("if {name} is None:"));
        guards.push(format!("{name} = {}", moved_default(cx, func, default)));
    }
    let lines: Vec<BodyLine> = guards.iter().enumerate().map(|(i, line)| (i % 2, line.as_str())).collect();
    let stays = |stmt: &Stmt| is_none_guard(stmt, func);
    edits.extend(insert_after_leading(func, &stays, &lines, cx.source, cx.stylist)?);
    Some(edits)
}

/// The text `None` replaces: the default with the parentheses that hold it alone (`x=([1, ])`
/// becomes `x=None`), unless a comment stands between them and the default: it would be lost
/// (the default's own text, comments included, moves into the body).
fn replaced_range(cx: &DefaultContext, func: &StmtFunctionDef, default: &Expr) -> TextRange {
    let Some(outer) = parenthesized_range(default.into(), (&*func.parameters).into(), cx.tokens) else {
        return default.range();
    };
    let commented = cx
        .tokens
        .in_range(outer)
        .iter()
        .any(|token| token.kind() == TokenKind::Comment && !default.range().contains_range(token.range()));
    if commented { default.range() } else { outer }
}

/// The default's text as it reads inside the guard: lines after the first are re-indented by
/// as much as the expression moves, except inside strings.
fn moved_default(cx: &DefaultContext, func: &StmtFunctionDef, default: &Expr) -> String {
    let source = cx.source;
    let body_indent = match func.body.first() {
        Some(first) if is_first_on_line(first, source) => statement_indentation(first, source).to_owned(),
        _ => format!("{}{}", statement_indentation(func, source), indent_unit(cx.stylist)),
    };
    let to = format!("{body_indent}{}", body_step(func, source, cx.stylist));
    let text = reindented(default.range(), statement_indentation(default, source), &to, source, cx.tokens);
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
        if matches!(assign.targets.as_slice(), [Expr::Name(target)] if target.id == name.id));
    assigns_it
        && stmt_if.elif_else_clauses.is_empty()
        && *compare.ops == [CmpOp::Is]
        && matches!(compare.comparators.first(), Some(Expr::NoneLiteral(_)))
        && func.parameters.iter().any(|p| p.name().as_str() == name.id.as_str())
}
