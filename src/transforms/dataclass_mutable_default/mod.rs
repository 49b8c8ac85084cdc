//! dataclass-mutable-default: `items: list = []` in a `@dataclass` → `items: list =
//! field(default_factory=list)`, and the same for attrs classes (`Factory(list)`, `attr.ib(factory=list)`).
//! A class-level default is one object, made when the class body runs: `@dataclass` rejects the
//! obvious ones with `ValueError` at import time, attrs and call defaults (`Registry()`) silently
//! share one object between every instance. The walk over the class body also finds the mutable
//! attributes of plain classes that the module changes in place: mutable-class-attr reports those
//! ([`shared_class_attributes`]).

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
    noqa_codes: &["RUF008", "RUF009"],
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

    /// A class body binding a name to a display or a call, in a dataclass or attrs class.
    fn glance_stmt<'a>(&self, look: &mut Look<'a>, stmt: &'a Stmt) {
        let Stmt::ClassDef(class) = stmt else { return };
        let fields = field_class_naming(class);
        if fields == Naming::No {
            return;
        }
        for (_, value) in class_level_values(class) {
            if matches!(value, Expr::List(_) | Expr::Set(_) | Expr::Dict(_) | Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Call(_)) {
                look.may_report_if_naming(fields, None);
            }
        }
    }
}

/// The names a class body binds by a plain or annotated assignment, with their values.
fn class_level_values(class: &StmtClassDef) -> impl Iterator<Item = (&str, &Expr)> {
    class.body.iter().filter_map(|stmt| {
        let (target, value) = match stmt {
            Stmt::AnnAssign(assign) => (&*assign.target, assign.value.as_deref()?),
            Stmt::Assign(assign) => (assign.targets.first()?, &*assign.value),
            _ => return None,
        };
        let Expr::Name(name) = target else { return None };
        Some((name.id.as_str(), value))
    })
}

/// The first look for [`shared_class_attributes`]: a class body binding a name to a container
/// display or a mutable constructor call, which the module changes in place through that name,
/// and which the check does not leave alone by its name (a dunder, a cache).
pub(crate) fn glance_shared_attributes<'a>(look: &mut Look<'a>, class: &'a StmtClassDef) {
    for (name, value) in class_level_values(class).filter(|(name, _)| !plain::is_left_alone_by_name(name)) {
        let changed = Some(Later::ChangedInPlace(name));
        match value {
            Expr::List(_) | Expr::Set(_) | Expr::Dict(_) | Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) => {
                look.may_report_if(&[Later::ChangedInPlace(name)]);
            }
            Expr::Call(call) => {
                let constructor = naming(&call.func, |last| last_name_of(MUTABLE_CONSTRUCTORS, last));
                look.may_report_if_naming(constructor, changed);
            }
            _ => {}
        }
    }
}

/// A mutable class attribute that the module changes in place, found in a plain class (or, not
/// a field, in an attrs class): one object shared by every instance.
pub(crate) struct SharedAttribute<'c> {
    /// The assignment in the class body.
    pub(crate) stmt: &'c Stmt,
    pub(crate) name: String,
    pub(crate) value: &'c Expr,
    /// The class is a plain one (not attrs).
    pub(crate) plain: bool,
}

/// What the walk over a class body finds: field findings, and shared class attributes.
#[derive(Default)]
pub(super) struct Found<'c> {
    pub(super) fields: Vec<Pending>,
    pub(super) shared: Vec<SharedAttribute<'c>>,
}

/// The mutable class attributes of `class` that the module changes in place and that no code
/// reaches through the class (see `plain.rs`).
pub(crate) fn shared_class_attributes<'c>(checker: &'c Checker<'c>, class: &'c StmtClassDef) -> Vec<SharedAttribute<'c>> {
    if checker.is_stub() {
        return Vec::new();
    }
    ClassContext::new(checker, class).map(|context| context.check_body().shared).unwrap_or_default()
}

/// A finding waiting to be reported: the context borrows the checker, which `report` needs mutably.
type Pending = (TextRange, String, Option<Fix>);

fn check_class(checker: &mut Checker, class: &StmtClassDef) {
    let pending = ClassContext::new(checker, class).map(|context| context.check_body().fields).unwrap_or_default();
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
