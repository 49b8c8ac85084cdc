//! Where the fix builds the instance: the split before the first use of `self` (or after the
//! value's last change), the checks on the body's shape, returns and layout, and the reasons
//! the plan is unsafe.
use std::collections::HashSet;

use ruff_python_ast::helpers::any_over_expr;
use ruff_python_ast::{Expr, Stmt, StmtReturn, UnaryOp};
use ruff_text_size::{Ranged, TextRange};

use crate::edits::fresh_name::fresh_name;
use crate::edits::lines::is_first_on_line;
use crate::engine::checker::Checker;
use crate::semantic::SemanticModel;

use super::detect::{Candidate, rebinding};
use super::own_scope::OwnScope;
use super::receiver::{called_method, has_bare_super, name_uses};
use super::syntax::first_line;
use super::value::{BaseCall, Value, base_call, explicit_value, value_from_parameters};

/// Where the fix builds the instance and what it rewrites.
pub(super) struct Plan<'c, 'a> {
    semantic: &'a SemanticModel<'a>,
    pub(super) candidate: &'c Candidate<'a>,
    pub(super) body: &'a [Stmt],
    pub(super) receiver: &'a str,
    pub(super) cls: String,
    pub(super) new_func: String,
    pub(super) value: Value,
    pub(super) base_call: Option<BaseCall<'a>>,
    /// The top-level statement before which the instance is built; `None` when nothing after
    /// the code that computes the value uses `self`: then it is built at each exit.
    pub(super) split: Option<usize>,
    /// `self` in `self.method(...)` calls before the split, which become `cls.method(...)`.
    pub(super) early_receivers: Vec<TextRange>,
    /// Every `return` of the body, with the index of the top-level statement holding it.
    pub(super) returns: Vec<(usize, &'a StmtReturn)>,
}

impl<'c, 'a> Plan<'c, 'a> {
    pub(super) fn new(checker: &Checker<'a>, candidate: &'c Candidate<'a>, reasons: &mut Vec<String>) -> Result<Self, String> {
        let semantic = checker.semantic();
        let body = &candidate.init.body[..];
        check_shape(checker, candidate)?;
        let scans: Vec<OwnScope<'a>> = body.iter().map(|stmt| OwnScope::of(semantic, candidate.scope, stmt)).collect();
        check_returns_and_layout(checker, body, &scans)?;
        let taken: HashSet<&str> =
            semantic.scope_names(candidate.scope).chain(semantic.loaded_names_in_body(body)).collect();
        let cls = fresh_name("cls", &taken);
        let base_call = base_call(checker, candidate, &scans, &cls)?;
        let bare_supers: usize = scans.iter().map(|s| s.bare_supers).sum();
        if bare_supers > usize::from(base_call.as_ref().is_some_and(|b| b.bare_super)) {
            return Err("the body uses `super()` for more than calling `__init__`; inside `__new__` it would refer to the class, not the instance".to_owned());
        }
        let explicit = base_call.as_ref().and_then(|b| explicit_value(checker, candidate, b).transpose()).transpose()?;
        let value = match explicit {
            Some(value) => value,
            None => value_from_parameters(checker, candidate, reasons)?,
        };
        let receiver = candidate.receiver_name();
        if value.names.contains(receiver) {
            return Err(format!("the value passed to `__init__` reads `{receiver}`"));
        }
        let new_func = match &base_call {
            Some(call) if value.explicit => call.new_func.clone(),
            _ => "super().__new__".to_owned(),
        };
        let returns = scans
            .iter()
            .enumerate()
            .flat_map(|(index, scope)| scope.returns.iter().map(move |ret| (index, *ret)))
            .collect();
        let mut plan = Plan {
            semantic,
            candidate,
            body,
            receiver,
            cls,
            new_func,
            value,
            base_call,
            split: None,
            early_receivers: Vec::new(),
            returns,
        };
        plan.place_split(checker, reasons)?;
        plan.check_early_returns()?;
        if let Some(stmt) = plan.changed_again_by_copies() {
            reasons.push(format!(
                "`{}` would run again when copy or pickle rebuild the instance from its value through `__new__`",
                first_line(checker.locate(stmt))
            ));
        }
        Ok(plan)
    }

    /// Whether a statement uses `self`: the name itself, or `super()`, which reads it.
    fn uses_receiver(&self, index: usize) -> bool {
        if self.base_call.as_ref().is_some_and(|b| b.index == index && !self.value.explicit) {
            // A base call that passes nothing is simply removed.
            return false;
        }
        let range = self.body[index].range();
        !name_uses(self.semantic, self.candidate.scope, range, self.receiver).is_empty() || has_bare_super(self.semantic, range)
    }

    /// The value's names that the statement binds in the scope of `__init__`.
    fn value_names_bound_by(&self, index: usize) -> Vec<&'a str> {
        let bindings = self.semantic.bindings_in(self.candidate.scope, self.body[index].range());
        bindings.into_iter().map(|b| b.name).filter(|name| self.value.names.contains(*name)).collect()
    }

    fn binds_value_name(&self, index: usize) -> bool {
        !self.value_names_bound_by(index).is_empty()
    }

    /// The split goes before the first statement that uses `self`, unless the value still
    /// changes after it; then after the last change, if the statements up to there use `self`
    /// only to call methods (which become calls on `cls`).
    fn place_split(&mut self, checker: &Checker, reasons: &mut Vec<String>) -> Result<(), String> {
        let Some(first_use) = (0..self.body.len()).find(|&i| self.uses_receiver(i)) else { return Ok(()) };
        let value_final_at = match (&self.base_call, self.value.explicit) {
            (Some(call), true) => call.index,
            _ => self.body.len(),
        };
        let Some(last_change) = (first_use..value_final_at).rev().find(|&i| self.binds_value_name(i)) else {
            self.split = Some(first_use);
            return Ok(());
        };
        let early = TextRange::new(self.body[first_use].start(), self.body[last_change].end());
        let Some(calls) = self.method_calls_only(early) else {
            let name = self.changed_name(last_change);
            return Err(format!(
                "`{name}` still changes after `{}` is first used (`{}`), so the instance cannot be built from its final value without reordering the code",
                self.receiver,
                first_line(checker.locate(&self.body[first_use]))
            ));
        };
        for (_, method) in &calls {
            if !self.is_static_or_class_method(method) {
                reasons.push(format!(
                    "`{}.{method}()` runs before the instance exists and becomes `{}.{method}()`, which is right only if it does not need the instance",
                    self.receiver, self.cls
                ));
            }
        }
        self.early_receivers = calls.into_iter().map(|(range, _)| range).collect();
        self.split = (last_change + 1 < self.body.len()).then_some(last_change + 1);
        Ok(())
    }

    fn changed_name(&self, index: usize) -> String {
        let mut names = self.value_names_bound_by(index);
        names.sort_unstable();
        names.first().map_or_else(String::new, |n| (*n).to_owned())
    }

    /// A method the class (or a class of the module between it and the immutable type) defines
    /// as `@staticmethod` or `@classmethod`, so that calling it on the class is the same.
    fn is_static_or_class_method(&self, method: &str) -> bool {
        let classes = std::iter::once(self.candidate.class).chain(self.candidate.lineage.via.iter().copied());
        classes.flat_map(|c| c.body.iter()).any(|stmt| {
            matches!(stmt, Stmt::FunctionDef(f) if f.name.as_str() == method && f.decorator_list.iter().any(|d|
                matches!(&d.expression, Expr::Name(n) if matches!(n.id.as_str(), "staticmethod" | "classmethod"))))
        })
    }

    /// A `return` before `super().__init__(value)` has no value to build the instance from.
    fn check_early_returns(&self) -> Result<(), String> {
        let Some(call) = self.base_call.as_ref().filter(|_| self.value.explicit) else { return Ok(()) };
        if self.returns.iter().any(|(index, _)| *index < call.index) {
            return Err("`__init__` may return before its base `__init__` call, where there is no value to build the instance from".to_owned());
        }
        Ok(())
    }

    /// An assignment before the split that computes the value with arithmetic: copy and pickle
    /// call `__new__` again with the built value, and `value * 2` would apply twice.
    fn changed_again_by_copies(&self) -> Option<&'a Stmt> {
        let end = self.split.unwrap_or(self.body.len()).checked_sub(1)?;
        let before = TextRange::new(self.body[0].start(), self.body[end].end());
        let bindings = self.semantic.bindings_in(self.candidate.scope, before);
        let statements = bindings.into_iter().filter(|b| self.value.names.contains(b.name)).filter_map(|b| b.stmt);
        let statements = statements.filter_map(|id| self.semantic.nodes.node(id).stmt());
        statements.filter(|stmt| computes_value(stmt, &self.value.names)).min_by_key(|stmt| stmt.start())
    }

    /// The `self` names of `self.method(...)` calls in `range`, with the method names; `None`
    /// if `self` is used in any other way there, or `super()` is.
    fn method_calls_only(&self, range: TextRange) -> Option<Vec<(TextRange, String)>> {
        let uses = name_uses(self.semantic, self.candidate.scope, range, self.receiver);
        if uses.stores > 0 || has_bare_super(self.semantic, range) {
            return None;
        }
        uses.reads.into_iter().map(|read| Some((read, called_method(self.semantic, read)?))).collect()
    }
}

/// An assignment to one of the value's names whose right side does arithmetic.
fn computes_value(stmt: &Stmt, names: &HashSet<String>) -> bool {
    let targets_value = |target: &Expr| matches!(target, Expr::Name(n) if names.contains(n.id.as_str()));
    let computes = |value: &Expr| {
        any_over_expr(value, |e| match e {
            Expr::BinOp(_) => true,
            Expr::UnaryOp(op) => op.op != UnaryOp::Not,
            _ => false,
        })
    };
    match stmt {
        Stmt::AugAssign(assign) => targets_value(&assign.target),
        Stmt::Assign(assign) => assign.targets.iter().any(targets_value) && computes(&assign.value),
        Stmt::AnnAssign(assign) => targets_value(&assign.target) && assign.value.as_deref().is_some_and(computes),
        _ => false,
    }
}

/// Shapes of the class and of `__init__` that the fix does not handle.
fn check_shape(checker: &Checker, candidate: &Candidate) -> Result<(), String> {
    let receiver = candidate.receiver_name();
    if candidate.inits > 1 {
        return Err("the class defines `__init__` more than once".to_owned());
    }
    let semantic = checker.semantic();
    let bound: Vec<TextRange> = match semantic.class_scope(candidate.class) {
        Some(scope) => semantic.bindings_of(scope, "__init__").map(|b| b.range).collect(),
        None => Vec::new(),
    };
    let elsewhere = candidate.class.body.iter().filter(|s| !matches!(s, Stmt::FunctionDef(_)));
    if elsewhere.into_iter().any(|s| bound.iter().any(|range| s.range().contains_range(*range))) {
        return Err("the class body also binds `__init__` in another way".to_owned());
    }
    if candidate.receiver.default.is_some() {
        return Err(format!("`{receiver}` has a default value"));
    }
    if let Some(stmt) = rebinding(semantic, candidate.scope, &candidate.init.body, receiver) {
        return Err(format!(
            "`{}` cannot move before the instance exists; compute the new value from the arguments by hand",
            first_line(checker.locate(stmt))
        ));
    }
    Ok(())
}

/// An error when a `return` gives a value (`__init__` must return None) or the body is a
/// generator; also when statements share lines, which the line edits cannot handle.
fn check_returns_and_layout(checker: &Checker, body: &[Stmt], scans: &[OwnScope]) -> Result<(), String> {
    if scans.iter().any(|s| s.yields) {
        return Err("`__init__` contains `yield` or `await`".to_owned());
    }
    let valued = scans.iter().flat_map(|s| s.returns.iter()).find(|r| r.value.as_deref().is_some_and(|v| !v.is_none_literal_expr()));
    if let Some(ret) = valued {
        return Err(format!("`{}` returns a value from `__init__`", first_line(checker.locate(*ret))));
    }
    if body.iter().any(|stmt| !is_first_on_line(stmt, checker.source())) {
        return Err("the body shares a line with the `def` or between statements (`;`)".to_owned());
    }
    Ok(())
}
