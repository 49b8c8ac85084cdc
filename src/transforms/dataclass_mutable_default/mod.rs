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

use ruff_python_ast::{Expr, NodeKind, Stmt, StmtClassDef};
use ruff_text_size::TextRange;

use crate::edits::fix::Fix;
use crate::engine::checker::Checker;
use crate::engine::first_look::{Later, Look, Naming, last_name_of, naming};
use crate::semantic::knowledge::MUTABLE_CONSTRUCTORS;
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};

use context::ClassContext;
use tables::{ATTRS_CLASSIC, ATTRS_NEXT_GEN, PYDANTIC_DATACLASS, STDLIB_DATACLASS};

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

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::StmtClassDef])
    }

    /// A class body binding a name to a display or a call: in a dataclass or attrs class any
    /// such; in another class a container the module changes in place through its name.
    fn glance_stmt<'a>(&self, look: &mut Look<'a>, stmt: &'a Stmt) {
        let Stmt::ClassDef(class) = stmt else { return };
        let fields = field_class_naming(class);
        for stmt in &class.body {
            let (target, value) = match stmt {
                Stmt::AnnAssign(assign) => match &assign.value {
                    Some(value) => (&*assign.target, &**value),
                    None => continue,
                },
                Stmt::Assign(assign) => match assign.targets.first() {
                    Some(target) => (target, &*assign.value),
                    None => continue,
                },
                _ => continue,
            };
            let Expr::Name(name) = target else { continue };
            let changed = Some(Later::ChangedInPlace(name.id.as_str()));
            match value {
                Expr::List(_) | Expr::Set(_) | Expr::Dict(_) | Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) => {
                    look.may_report_if_naming(fields, None);
                    look.may_report_if(&[Later::ChangedInPlace(name.id.as_str())]);
                }
                Expr::Call(call) => {
                    look.may_report_if_naming(fields, None);
                    let constructor = naming(&call.func, |last| last_name_of(MUTABLE_CONSTRUCTORS, last));
                    look.may_report_if_naming(constructor, changed);
                }
                _ => {}
            }
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

/// Whether a decorator of the class may make it a dataclass or an attrs class.
fn field_class_naming(class: &StmtClassDef) -> Naming<'_> {
    fn uncalled(expr: &Expr) -> &Expr {
        match expr {
            Expr::Call(call) => &call.func,
            other => other,
        }
    }
    let decorators = class.decorator_list.iter().map(|d| naming(uncalled(&d.expression), is_field_class_decorator));
    decorators.fold(Naming::No, |found, next| match (found, next) {
        (Naming::Yes, _) | (_, Naming::Yes) => Naming::Yes,
        (Naming::IfRenamed(name), _) | (Naming::No, Naming::IfRenamed(name)) => Naming::IfRenamed(name),
        (Naming::No, Naming::No) => Naming::No,
    })
}

fn is_field_class_decorator(last: &str) -> bool {
    let all = [STDLIB_DATACLASS, PYDANTIC_DATACLASS, "attr.dataclass"];
    last_name_of(&all, last) || last_name_of(ATTRS_CLASSIC, last) || last_name_of(ATTRS_NEXT_GEN, last)
}
