//! is-literal: `x is 257` → `x == 257`. Identity against a literal depends on CPython's caching of
//! small ints and interned strings, so it passes in tests and fails with other values.
use ruff_python_ast::token::TokenKind;
use ruff_python_ast::{CmpOp, Expr, ExprCompare, NodeKind, UnaryOp};
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::engine::checker::Checker;
use crate::engine::first_look::Look;
use crate::edits::fix::{Edit, Fix};
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};

pub(crate) struct IsLiteral;

pub(crate) static TRANSFORM: IsLiteral = IsLiteral;

static RULE: Rule = Rule {
    id: "is-literal",
    summary: "`is` / `is not` against a literal compares identity; use `==` / `!=`",
    fix_safety: FixSafety::Safe,
    default_enabled: true,
    noqa_codes: &["F632"],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

impl Transform for IsLiteral {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Exprs
    }

    fn check_expr(&self, checker: &mut Checker, expr: &Expr) {
        if let Expr::Compare(compare) = expr {
            check_compare(checker, compare);
        }
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::ExprCompare])
    }

    fn glance_expr<'a>(&self, look: &mut Look<'a>, expr: &'a Expr) {
        if let Expr::Compare(compare) = expr
            && compares_identity_with_literal(compare)
        {
            look.may_report();
        }
    }
}

fn compares_identity_with_literal(compare: &ExprCompare) -> bool {
    let lefts = std::iter::once(&*compare.left).chain(&compare.comparators);
    compare
        .ops
        .iter()
        .zip(lefts.zip(&compare.comparators))
        .any(|(op, (left, right))| matches!(op, CmpOp::Is | CmpOp::IsNot) && (is_literal(left) || is_literal(right)))
}

fn check_compare(checker: &mut Checker, compare: &ExprCompare) {
    let mut left: &Expr = &compare.left;
    for (op, right) in compare.ops.iter().zip(&compare.comparators) {
        if matches!(op, CmpOp::Is | CmpOp::IsNot) && (is_literal(left) || is_literal(right)) {
            let negated = *op == CmpOp::IsNot;
            let (used, wanted) = if negated { ("is not", "!=") } else { ("is", "==") };
            let message = format!("`{used}` with a literal compares identity, which CPython only sometimes shares; use `{wanted}`");
            let gap = TextRange::new(left.end(), right.start());
            let fix = operator_edits(checker, gap, negated).map(Fix::safe);
            checker.report(TextRange::new(left.start(), right.end()), message, fix);
        }
        left = right;
    }
}

/// A value built fresh (or interned at CPython's discretion) where it is written.
fn is_literal(expr: &Expr) -> bool {
    match expr {
        Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::NumberLiteral(_)
        | Expr::FString(_)
        | Expr::Tuple(_)
        | Expr::List(_)
        | Expr::Dict(_)
        | Expr::Set(_)
        | Expr::ListComp(_)
        | Expr::SetComp(_)
        | Expr::DictComp(_) => true,
        Expr::UnaryOp(unary) => {
            matches!(unary.op, UnaryOp::USub | UnaryOp::UAdd | UnaryOp::Invert)
                && matches!(*unary.operand, Expr::NumberLiteral(_))
        }
        _ => false,
    }
}

/// Edits that turn the `is` (and `not`) tokens between two operands into `==` / `!=`. When a
/// comment or line break stands between `is` and `not`, the line breaks and comments stay: `is`
/// becomes `!=` and `not` goes with the spaces after it, or with its whole line when nothing
/// else than a `\` continuation is on it (`123 is \` + `not \` + `y` → `123 != \` + `y`).
fn operator_edits(checker: &Checker, gap: TextRange, negated: bool) -> Option<Vec<Edit>> {
    let tokens = checker.tokens().in_range(gap);
    let is_index = tokens.iter().position(|t| t.kind() == TokenKind::Is)?;
    let is_token = &tokens[is_index];
    if !negated {
        return Some(vec![Edit::replace(is_token.range(), "==")]);
    }
    let not_token = tokens[is_index + 1..].iter().find(|t| t.kind() == TokenKind::Not)?;
    let between = &checker.source()[TextRange::new(is_token.end(), not_token.start())];
    if between.chars().all(|c| c == ' ' || c == '\t') {
        return Some(vec![Edit::replace(TextRange::new(is_token.start(), not_token.end()), "!=")]);
    }
    Some(vec![Edit::replace(is_token.range(), "!="), Edit::delete(not_removal(checker.source(), not_token.range()))])
}

/// What goes with a `not` that is not on the line of its `is`: its whole line when it is alone
/// there (a `\` continuation aside), else the word and the spaces after it.
fn not_removal(source: &str, not: TextRange) -> TextRange {
    let is_blank = |text: &str| text.chars().all(|c| matches!(c, ' ' | '\t' | '\x0c'));
    let before = &source[TextRange::new(source.line_start(not.start()), not.start())];
    let after = &source[TextRange::new(not.end(), source.line_end(not.end()))];
    let rest = after.trim_end_matches([' ', '\t', '\x0c']);
    if is_blank(before) && (rest.is_empty() || (rest.ends_with('\\') && is_blank(&rest[..rest.len() - 1]))) {
        return TextRange::new(source.line_start(not.start()), source.full_line_end(not.end()));
    }
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    TextRange::new(not.start(), not.end() + TextSize::try_from(spaces).unwrap_or_default())
}
