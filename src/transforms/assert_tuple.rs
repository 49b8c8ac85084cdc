//! assert-tuple: `assert (x > 0, "x must be positive")` → `assert x > 0, "x must be positive"`.
//! A non-empty tuple is always true, so the assertion never fails: the parentheses meant to
//! wrap a long line made the condition and its message one tuple.
use ruff_python_ast::token::{TokenKind, parenthesized_range};
use ruff_python_ast::{Expr, ExprTuple, NodeKind, Stmt, StmtAssert};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::edits::fix::{Edit, Fix};
use crate::engine::checker::Checker;
use crate::engine::first_look::Look;
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};

pub(crate) struct AssertTuple;

pub(crate) static TRANSFORM: AssertTuple = AssertTuple;

static RULE: Rule = Rule {
    id: "assert-tuple",
    summary: "`assert (cond, \"message\")` asserts a non-empty tuple, which is always true",
    fix_safety: FixSafety::Safe,
    default_enabled: true,
    noqa_codes: &["F631"],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

impl Transform for AssertTuple {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Stmts
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        if let Stmt::Assert(assert) = stmt
            && let Expr::Tuple(tuple) = assert.test.as_ref()
            && !tuple.elts.is_empty()
        {
            check_assert(checker, assert, tuple);
        }
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::StmtAssert])
    }

    fn glance_stmt<'a>(&self, look: &mut Look<'a>, stmt: &'a Stmt) {
        if let Stmt::Assert(assert) = stmt
            && matches!(assert.test.as_ref(), Expr::Tuple(tuple) if !tuple.elts.is_empty())
        {
            look.may_report();
        }
    }
}

fn check_assert(checker: &mut Checker, assert: &StmtAssert, tuple: &ExprTuple) {
    let (fix, note) = match fixable_parts(assert, tuple) {
        Ok((condition, message)) => match unpack_edits(checker, tuple, condition, message) {
            Some(edits) => (Some(Fix::safe(edits)), String::new()),
            None => (None, "; no automatic fix: the tuple's layout cannot be kept".to_owned()),
        },
        Err(why) => (None, format!("; no automatic fix: {why}")),
    };
    let message = format!("`assert` on a non-empty tuple is always true, so it never fails{note}");
    checker.report(assert.test.range(), message, fix);
}

/// The condition and the message of a `(condition, "message")` tuple, or why the tuple is not one.
fn fixable_parts<'a>(assert: &StmtAssert, tuple: &'a ExprTuple) -> Result<(&'a Expr, &'a Expr), &'static str> {
    let [condition, message] = &tuple.elts[..] else {
        return Err("only a tuple of a condition and a string message says what was meant");
    };
    if assert.msg.is_some() {
        return Err("the `assert` already has a message");
    }
    if !tuple.parenthesized || condition.is_starred_expr() {
        return Err("the tuple is not a condition and its message");
    }
    if !matches!(message, Expr::StringLiteral(_) | Expr::FString(_)) {
        return Err("the second item is not a string, so it may not be a message");
    }
    Ok((condition, message))
}

/// On one line the tuple's parentheses go (`assert x > 0, "m"`). Across lines they stay, so the
/// line breaks and comments inside stay valid: the condition keeps the opening one, the message
/// gets the closing one (`assert (` … `x > 0), (` … `"m"` … `)`). A walrus condition keeps
/// parentheses of its own: `assert y := f(), "m"` does not parse.
fn unpack_edits(checker: &Checker, tuple: &ExprTuple, condition: &Expr, message: &Expr) -> Option<Vec<Edit>> {
    let source = checker.source();
    let tokens = checker.tokens();
    let outer = |expr: &Expr| parenthesized_range(expr.into(), tuple.into(), tokens).unwrap_or(expr.range());
    let (condition, message) = (outer(condition), outer(message));
    let multiline = source[tuple.range()].contains(['\n', '\r']);
    let walrus = matches!(tuple.elts[0], Expr::Named(_)) && condition == tuple.elts[0].range();
    // The comma after the message, if the tuple has one (`("m",)`).
    let trailing = tokens
        .in_range(TextRange::new(message.end(), tuple.end()))
        .iter()
        .find(|t| t.kind() == TokenKind::Comma)
        .map(Ranged::range);
    if multiline {
        let separator = tokens
            .in_range(TextRange::new(condition.end(), message.start()))
            .iter()
            .find(|t| t.kind() == TokenKind::Comma)?
            .range();
        // The message's parenthesis goes before it when nothing but spaces stands between, else
        // right after the comma so that it holds the line break that follows.
        let gap = &source[TextRange::new(separator.end(), message.start())];
        let opening = if gap.trim_start_matches([' ', '\t', '\x0c']).is_empty() {
            Edit::insert(message.start(), "(")
        } else {
            Edit::insert(separator.end(), " (")
        };
        // The condition's parenthesis closes before the comma when a line break stands between
        // them: after the condition it would leave that break outside any bracket.
        let before_comma = &source[TextRange::new(condition.end(), separator.start())];
        let closing = if before_comma.contains(['\n', '\r']) { separator.start() } else { condition.end() };
        let mut edits = vec![Edit::insert(closing, ")"), opening];
        edits.extend(trailing.map(Edit::delete));
        return Some(edits);
    }
    let open_paren = TextRange::at(tuple.start(), TextSize::from(1));
    let mut edits = vec![Edit::delete(TextRange::new(message.end(), tuple.end()))];
    if walrus {
        edits.push(Edit::insert(condition.end(), ")"));
    } else {
        // `assert(x, "m")`: the parenthesis was the only separator after the keyword.
        let spaced = source[..tuple.start().to_usize()].ends_with([' ', '\t', '\x0c']);
        let opening = TextRange::new(open_paren.start(), condition.start());
        edits.push(if spaced { Edit::delete(opening) } else { Edit::replace(opening, " ") });
    }
    Some(edits)
}
