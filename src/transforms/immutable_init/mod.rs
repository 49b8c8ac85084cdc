//! immutable-init: a subclass of `int`, `str`, `tuple`, `datetime.date`, ... gets its value from
//! the base type's `__new__`, which runs before `__init__` and receives every argument of the
//! call. So `__init__` cannot change the value, and arguments meant for `__init__` alone make
//! the call fail. The fix turns `__init__` into `__new__`: the code before the first use of
//! `self` runs before the instance exists, then `self = super().__new__(cls, value)`, then the
//! rest, then `return self`.
//!
//! Every question about names, bindings, classes and imports goes to the file's semantic model
//! (`checker.semantic()`); the immutable base types are shared knowledge
//! (`semantic::knowledge::IMMUTABLE_BASE_TYPES`). The folder: `tables` (the harmless decorators
//! and bases), `lineage` (following base classes within the module), `detect` (which classes
//! count and what goes wrong), `reasons` (why the fix may be unsafe or impossible), `own_scope`
//! (what the body of `__init__` does in its own scope), `receiver` (uses of `self` and
//! `super()`), `validation` (checks of the arguments), `value` (what the instance is built
//! from), `plan` (where it is built), `fix` (the edits), `syntax` (small shape tests shared by
//! the others).
//!
//! Only classes that do not work as written are reported as broken: `__init__` rebinds a
//! parameter the type receives (or `self`), passes a value to the base `__init__`, or takes a
//! parameter the type's constructor rejects. A class whose `__init__` validates its arguments
//! works, and gets a finding of its own: the check belongs in `__new__`. Anything else (storing
//! attributes, calling methods) works and is left alone.
mod detect;
mod fix;
mod lineage;
mod own_scope;
mod plan;
mod reasons;
mod receiver;
mod syntax;
mod tables;
mod validation;
mod value;

use ruff_python_ast::{NodeKind, Stmt};
use ruff_text_size::Ranged;

use crate::edits::fix::{Edit, Fix};
use crate::engine::checker::Checker;
use crate::engine::first_look::{Later, Look, Naming, is_last_name, naming};
use crate::semantic::knowledge::IMMUTABLE_BASE_TYPES;
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};

use detect::{Candidate, Trouble};

pub(crate) struct ImmutableInit;

pub(crate) static TRANSFORM: ImmutableInit = ImmutableInit;

static RULE: Rule = Rule {
    id: "immutable-init",
    summary: "a subclass of int/str/tuple/... gets its value before __init__ runs; build it in __new__",
    fix_safety: FixSafety::Mixed,
    default_enabled: true,
    noqa_codes: &[],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

/// How far base classes and subclasses are followed inside a module (a guard against cycles).
const MAX_DEPTH: usize = 8;

impl Transform for ImmutableInit {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Stmts
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        if matches!(stmt, Stmt::ClassDef(_)) {
            check_class(checker);
        }
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::StmtClassDef])
    }

    /// A class with an `__init__` of its own and a base that may be an immutable type, or a
    /// class of the module (which may derive from one).
    fn glance_stmt<'a>(&self, look: &mut Look<'a>, stmt: &'a Stmt) {
        let Stmt::ClassDef(class) = stmt else { return };
        if !class.body.iter().any(|s| matches!(s, Stmt::FunctionDef(f) if f.name.as_str() == "__init__")) {
            return;
        }
        for base in class.bases() {
            match naming(lineage::unsubscripted(base), is_immutable_base) {
                Naming::IfRenamed(name) => look.may_report_if(&[Later::Derives(name, is_immutable_base)]),
                naming => look.may_report_if_naming(naming, None),
            }
        }
    }
}

/// The entry point: the class the walk is at, if it is an immutable subclass with `__init__`.
fn check_class(checker: &mut Checker) {
    let Some(Stmt::ClassDef(class)) = checker.parents().last().copied() else { return };
    if checker.is_stub() {
        return;
    }
    let Some(candidate) = Candidate::of(checker, class, 0) else { return };
    let Some(trouble) = candidate.trouble(checker) else { return };
    let mut verdict = candidate.verdict(checker, 0);
    if let Trouble::Validates(_) = trouble {
        // The class works today, copies included: `copy` and `pickle` rebuild an `int`, `str`,
        // `float`, `tuple`, ... through `__new__` with the value alone, which a required
        // keyword-only parameter of `__new__` makes fail.
        let required = candidate.init.parameters.kwonlyargs.iter().find(|p| p.default.is_none());
        if let Some(param) = required {
            verdict.unsafe_reasons.push(format!(
                "copy and pickle rebuild the instance by calling `__new__` with its value alone, which the required `{}` then makes fail",
                param.name()
            ));
        } else if let Some(name) = candidate.validation_reads_more_than_the_value(checker.semantic()) {
            // The check would then also run on copies, with `name` at its default.
            verdict.unsafe_reasons.push(format!(
                "copy and pickle can rebuild the instance from its value alone, calling `__new__` without `{name}`, so the moved check would then see its default"
            ));
        }
    }
    let described = candidate.describe(&trouble);
    let (message, fix) = match verdict.fix {
        Err(why) => (format!("{described}; no automatic fix: {why}"), None),
        Ok(edits) => match verdict.unsafe_reasons.first() {
            None => (described, Some(Fix::safe(edits))),
            Some(why) => (format!("{described}; the fix is unsafe: {why}"), Some(Fix::unsafe_(edits))),
        },
    };
    checker.report(candidate.init.name.range(), message, fix);
}

/// What the check concludes about one class.
struct Verdict {
    /// The fix's edits, or why there is none.
    fix: Result<Vec<Edit>, String>,
    /// Why the fix is unsafe, if it is; empty for a safe fix.
    unsafe_reasons: Vec<String>,
}

/// Whether `last` is the last name of one of the immutable base types.
fn is_immutable_base(last: &str) -> bool {
    IMMUTABLE_BASE_TYPES.iter().any(|t| is_last_name(t.qualified, last))
}
