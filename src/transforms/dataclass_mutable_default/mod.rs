//! dataclass-mutable-default: `items: list = []` in a `@dataclass` → `items: list =
//! field(default_factory=list)`, and the same for attrs classes (`Factory(list)`, `attr.ib(factory=list)`).
//! A class-level default is one object, made when the class body runs: `@dataclass` rejects the
//! obvious ones with `ValueError` at import time, attrs and call defaults (`Registry()`) silently
//! share one object between every instance. Plain classes with a mutable class attribute are
//! reported without a fix: moving the value into `__init__` changes what the class itself holds.

mod annotations;
mod classify;
mod context;
mod defaults;
mod fields;
mod fix;
mod plain;
mod tables;

use ruff_python_ast::{Stmt, StmtClassDef};
use ruff_text_size::TextRange;

use crate::edits::fix::Fix;
use crate::engine::checker::Checker;
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};

use context::ClassContext;

pub(crate) struct DataclassMutableDefault;

pub(crate) static TRANSFORM: DataclassMutableDefault = DataclassMutableDefault;

static RULE: Rule = Rule {
    id: "dataclass-mutable-default",
    summary: "a mutable default of a dataclass or attrs field is one object shared by every instance; use a default factory",
    fix_safety: FixSafety::Mixed,
    default_enabled: true,
    noqa_codes: &["RUF008", "RUF009", "RUF012"],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

impl Transform for DataclassMutableDefault {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Stmts
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        // A stub's defaults never run.
        if let Stmt::ClassDef(class) = stmt
            && !checker.is_stub()
        {
            check_class(checker, class);
        }
    }
}

/// A finding waiting to be reported: the context borrows the checker, which `report` needs mutably.
type Pending = (TextRange, String, Option<Fix>);

fn check_class(checker: &mut Checker, class: &StmtClassDef) {
    let pending = ClassContext::new(checker, class).map(|context| context.check_body()).unwrap_or_default();
    for (range, message, fix) in pending {
        checker.report(range, message, fix);
    }
}
