//! Why the fix may change what the program does (decorators, other bases, the metaclass,
//! subclasses in the module) or cannot be made (a class in between keeps its `__init__`), and
//! the verdict that puts them together with the plan.
use std::collections::HashSet;

use ruff_python_ast::{Expr, StmtClassDef};
use ruff_text_size::Ranged;

use crate::engine::checker::Checker;
use crate::semantic::queries::names::bases;

use super::detect::Candidate;
use super::lineage::{class_of, immutable_type, is_harmless_base, uncalled};
use super::plan::Plan;
use super::syntax::first_line;
use super::tables::{HARMLESS_CLASS_DECORATORS, HARMLESS_METHOD_DECORATORS};
use super::{MAX_DEPTH, Verdict};

impl<'a> Candidate<'a> {
    pub(super) fn verdict(&self, checker: &Checker<'a>, depth: usize) -> Verdict {
        let mut unsafe_reasons = Vec::new();
        self.context_reasons(checker, depth, &mut unsafe_reasons);
        let fix = match self.hierarchy_blocker(checker, depth, &mut unsafe_reasons) {
            Some(why) => Err(why),
            None => Plan::new(checker, self, &mut unsafe_reasons).and_then(|plan| plan.edits(checker)),
        };
        Verdict { fix, unsafe_reasons }
    }

    /// Reasons from around `__init__` why the fix may change what the program does: decorators,
    /// other bases, the metaclass, subclasses in the module.
    fn context_reasons(&self, checker: &Checker<'a>, depth: usize, reasons: &mut Vec<String>) {
        let semantic = checker.semantic();
        for decorator in &self.init.decorator_list {
            if !semantic.is_one_of(uncalled(&decorator.expression), HARMLESS_METHOD_DECORATORS) {
                let shown = first_line(checker.locate(&decorator.expression));
                reasons.push(format!("`@{shown}` then wraps `__new__`, which gets the class instead of the instance"));
            }
        }
        for decorator in &self.class.decorator_list {
            if !semantic.is_one_of(uncalled(&decorator.expression), HARMLESS_CLASS_DECORATORS) {
                let shown = first_line(checker.locate(&decorator.expression));
                reasons.push(format!("the class decorator `@{shown}` may rely on `__init__`"));
            }
        }
        for class in std::iter::once(self.class).chain(self.lineage.via.iter().copied()) {
            self.base_reasons(checker, class, depth, reasons);
        }
        for sub in self.subclasses_with_constructors(checker) {
            reasons.push(format!(
                "`{}`, a subclass in this module, defines its own `__init__` or `__new__`; after the fix its instances are built by `{}.__new__` from its own arguments",
                sub.name, self.class.name
            ));
        }
    }

    /// Bases beside the immutable line, and a metaclass, may construct instances their own way.
    fn base_reasons(&self, checker: &Checker, class: &StmtClassDef, depth: usize, reasons: &mut Vec<String>) {
        let in_line = |base: &Expr| {
            immutable_type(checker, base).is_some()
                || class_of(checker, base, class).is_some_and(|p| self.lineage.via.iter().any(|v| std::ptr::eq(*v, p)))
        };
        for base in bases(class) {
            if !in_line(base) && !is_harmless_base(checker, base, class, depth + 1) {
                reasons.push(format!(
                    "another base, `{}`, may define an `__init__` that would then run with the constructor's arguments",
                    checker.locate(base)
                ));
            }
        }
        let keywords = class.arguments.as_ref().map(|a| &a.keywords[..]).unwrap_or_default();
        for keyword in keywords.iter().filter(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == "metaclass")) {
            if !checker.semantic().is_one_of(&keyword.value, &["abc.ABCMeta"]) {
                reasons.push(format!("the metaclass `{}` may build instances its own way", checker.locate(&keyword.value)));
            }
        }
    }

    /// Classes of the module derived from this one (at any distance) that define `__init__` or
    /// `__new__`: today they get this class's `__init__` only if they call it.
    fn subclasses_with_constructors(&self, checker: &Checker<'a>) -> Vec<&'a StmtClassDef> {
        let semantic = checker.semantic();
        let mut found = Vec::new();
        let mut names = vec![self.class.name.as_str()];
        let mut seen: HashSet<&str> = HashSet::new();
        while let Some(name) = names.pop() {
            if !seen.insert(name) || seen.len() > MAX_DEPTH * 4 {
                continue;
            }
            for sub in semantic.subclasses_named(name) {
                if semantic.class_defines(sub, "__init__") || semantic.class_defines(sub, "__new__") {
                    found.push(sub);
                }
                names.push(sub.name.as_str());
            }
        }
        found
    }

    /// A class between this one and the immutable type that has an `__init__` of its own: after
    /// the fix it would receive this class's arguments, unless it becomes `__new__` as well
    /// (which it does only when it is reported itself).
    fn hierarchy_blocker(&self, checker: &Checker<'a>, depth: usize, reasons: &mut Vec<String>) -> Option<String> {
        let semantic = checker.semantic();
        for parent in self.lineage.via.iter().filter(|p| semantic.class_defines(p, "__init__")) {
            let fixable = depth < MAX_DEPTH
                && Candidate::of(checker, parent, depth + 1).is_some_and(|c| {
                    // A base that works as written is not reported, so not fixed either.
                    !checker.is_suppressed(c.init.name.range())
                        && c.trouble(checker).is_some()
                        && c.verdict(checker, depth + 1).fix.is_ok()
                });
            if !fixable {
                return Some(format!(
                    "its base `{}` keeps an `__init__` that would then run with `{}`'s arguments",
                    parent.name, self.class.name
                ));
            }
            reasons.push(format!("it is right only together with the fix of its base `{}`, which has an `__init__` too", parent.name));
        }
        None
    }
}
