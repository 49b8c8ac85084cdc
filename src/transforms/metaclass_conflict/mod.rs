//! metaclass-conflict: `class C(A, B)` whose bases have metaclasses neither of which derives
//! from the other raises `TypeError: metaclass conflict` when the module is imported. The fix
//! defines `class _CMeta(MetaA, MetaB): pass` right above the class and passes
//! `metaclass=_CMeta`. Metaclasses of classes in other files come from the project index.
mod classes;
mod fix;
mod hierarchy;

use ruff_python_ast::{ExceptHandler, Expr, NodeKind, Stmt, StmtClassDef};
use ruff_text_size::Ranged;

use crate::edits::fix::Fix;
use crate::engine::checker::Checker;
use crate::engine::first_look::{Later, Look};
use crate::engine::project_index::IndexNeed;
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};
use crate::semantic::queries::names::{bases, metaclass_keyword};

use classes::{Classes, Origin, Source};

pub(crate) struct MetaclassConflict;

pub(crate) static TRANSFORM: MetaclassConflict = MetaclassConflict;

static RULE: Rule = Rule {
    id: "metaclass-conflict",
    summary: "a class whose bases have unrelated metaclasses fails at import (`TypeError: metaclass conflict`); derive a metaclass from both",
    fix_safety: FixSafety::Safe,
    default_enabled: true,
    noqa_codes: &[],
    options: &[],
    validate_options: any_options,
    uses_project_index: true,
};

impl Transform for MetaclassConflict {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Stmts
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        if let Stmt::ClassDef(class) = stmt {
            // Two metaclass sources at least: two bases, or a base and `metaclass=`.
            if !checker.is_stub()
                && bases(class).len() + usize::from(metaclass_keyword(class).is_some()) >= 2
                && !expects_type_error(checker, class)
            {
                check_class(checker, class);
            }
        }
    }

    fn index_needs(&self) -> &'static [IndexNeed] {
        &[IndexNeed::Classes]
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::StmtClassDef])
    }

    /// Two metaclass sources at least that may bring a metaclass other than `type`: judged once
    /// the module is seen (a builtin class, or a mixin of the module with no metaclass of its
    /// own, does not count).
    fn glance_stmt<'a>(&self, look: &mut Look<'a>, stmt: &'a Stmt) {
        if let Stmt::ClassDef(class) = stmt
            && bases(class).len() + usize::from(metaclass_keyword(class).is_some()) >= 2
        {
            look.may_report_if(&[Later::TwoMetaclassSources(class)]);
        }
    }
}

fn check_class(checker: &mut Checker, class: &StmtClassDef) {
    // The checker outlives this call, the statement too; the classes it finds live as long.
    let checker_ref: &Checker = checker;
    let mut classes = Classes::new(checker_ref);
    let Some(conflict) = classes.conflict(class) else { return };
    let described: Vec<String> = conflict.metaclasses.iter().map(|m| describe(checker_ref, &classes, m)).collect();
    let mut message = format!(
        "`class {}` fails at import with `TypeError: metaclass conflict`: the metaclasses {} do not derive from one another; derive a metaclass from them",
        class.name,
        join_and(&described),
    );
    let fix = if conflict.combinable {
        fix::build(checker_ref, class, &conflict, &classes)
    } else {
        message += "; no automatic fix: the orders of their bases cannot be merged (C3)";
        None
    };
    let range = class.arguments.as_deref().map_or(class.name.range(), Ranged::range);
    checker.report(range, message, fix.map(Fix::safe));
}

/// Whether the class statement runs where a `TypeError` is expected (a test of the conflict
/// itself): in the body of a `try` of the same function with a handler for `TypeError`,
/// `Exception`, `BaseException` or everything, or in `with self.assertRaises(...)` /
/// `with pytest.raises(...)`.
fn expects_type_error(checker: &Checker, class: &StmtClassDef) -> bool {
    let parents = checker.parents();
    let inside = parents[..parents.len().saturating_sub(1)].iter().rev().take_while(|s| !matches!(s, Stmt::FunctionDef(_)));
    let semantic = checker.semantic();
    let catches = |handler: &ExceptHandler| {
        let ExceptHandler::ExceptHandler(handler) = handler;
        let names: Vec<&Expr> = match handler.type_.as_deref() {
            None => return true,
            Some(Expr::Tuple(tuple)) => tuple.elts.iter().collect(),
            Some(one) => vec![one],
        };
        names.iter().any(|n| semantic.is_one_of(n, &["builtins.TypeError", "builtins.Exception", "builtins.BaseException"]))
    };
    let raises = |item: &ruff_python_ast::WithItem| {
        matches!(&item.context_expr, Expr::Call(call) if matches!(call.func.as_ref(),
            Expr::Attribute(a) if ["assertRaises", "assertRaisesRegex", "raises"].contains(&a.attr.as_str())))
    };
    inside.into_iter().any(|stmt| match stmt {
        Stmt::Try(try_stmt) => {
            try_stmt.body.iter().any(|s| s.range().contains_range(class.range())) && try_stmt.handlers.iter().any(catches)
        }
        Stmt::With(with) => with.items.iter().any(raises),
        _ => false,
    })
}

/// "`ABCMeta` (of `ABC`)" or "`Meta` (`metaclass=`)".
fn describe(checker: &Checker, classes: &Classes, source: &Source) -> String {
    let shown = match classes.local(&source.key) {
        Some(class) => class.name.to_string(),
        // Its name on every Python version (`EnumType` from 3.11 on).
        None if source.key == "enum.EnumType" => "EnumMeta".to_owned(),
        None => source.key.rsplit('.').next().unwrap_or(&source.key).to_owned(),
    };
    match source.origin {
        Origin::Keyword(_) => format!("`{shown}` (`metaclass=`)"),
        Origin::Base(base) => format!("`{shown}` (of `{}`)", checker.locate(unsubscripted(base))),
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `Generic[T]` as a base is `Generic`.
fn unsubscripted(expr: &Expr) -> &Expr {
    match expr {
        Expr::Subscript(subscript) => &subscript.value,
        other => other,
    }
}
