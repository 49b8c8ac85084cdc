//! Building the edits and the findings: each captured value becomes a parameter default, and
//! the fix is unsafe when that could change more than the bug.
use crate::edits::add_parameters::add_parameters;
use crate::edits::fix::{Applicability, Fix};
use crate::engine::checker::Checker;

use super::closure::Closure;
use super::detect::Capture;

/// One finding per captured name, at its first read; they share one fix that binds every name
/// that can be bound (not those assigned through `nonlocal`, nor those whose finding a comment
/// suppresses).
pub(super) fn report(checker: &mut Checker, closure: Closure, captures: &[Capture]) {
    let fixable: Vec<&Capture> = captures
        .iter()
        .filter(|c| !c.free.assigned_nonlocal && !unbound_at_first(c) && !checker.is_suppressed(c.free.first_read))
        .collect();
    let unsafe_reason = unsafe_reason(closure, &fixable);
    let applicability = if unsafe_reason.is_some() { Applicability::Unsafe } else { Applicability::Safe };
    let params: Vec<String> = fixable.iter().map(|c| format!("{0}={0}", c.free.name)).collect();
    let edits = add_parameters(closure.signature(), &params, checker.source(), checker.tokens(), checker.stylist());
    let fix = edits.map(|edits| Fix::new(edits, applicability));
    for capture in captures {
        let name = capture.free.name;
        let (note, fix) = match (&fix, &unsafe_reason) {
            _ if capture.free.assigned_nonlocal => {
                (format!("; no automatic fix: it assigns `{name}` through `nonlocal`"), None)
            }
            _ if unbound_at_first(capture) => (
                format!(
                    "; no automatic fix: the loop assigns `{name}` only after {} is made, and a default \
                     `{name}={name}` would fail on the first iteration",
                    closure.describe()
                ),
                None,
            ),
            (None, _) => ("; no automatic fix: the signature cannot take a new parameter".to_owned(), None),
            (Some(fix), Some(reason)) => (format!("; the fix is unsafe: {reason}"), Some(fix.clone())),
            (Some(fix), None) => (String::new(), Some(fix.clone())),
        };
        let message = format!(
            "{} reads `{name}` when it is called, not when it is made; it {}, so it outlives this iteration \
             of the {} and will see `{name}` from a later one{note}",
            closure.describe(),
            capture.route.what,
            capture.looped.describe(),
        );
        checker.report(capture.free.first_read, message, fix);
    }
}

/// Why binding the values as defaults might change more than the bug, if it might.
fn unsafe_reason(closure: Closure, captures: &[&Capture]) -> Option<String> {
    if closure.has_parameters() {
        return Some(format!(
            "{} takes arguments, and a caller passing one more would now fill a new parameter",
            closure.describe()
        ));
    }
    if let Closure::Def(_, func) = closure
        && !func.decorator_list.is_empty()
    {
        return Some("a decorator may read the signature and take the new parameters for real ones".to_owned());
    }
    if let Some(caller) = captures.iter().find_map(|c| c.route.caller.as_ref()) {
        return Some(format!("{caller} may call it with arguments, which would fill the new parameters"));
    }
    if let Some(later) = captures.iter().find(|c| c.later.is_some_and(|l| !l.advances)) {
        return Some(format!(
            "the loop assigns `{}` after {} is made, and the default keeps the value from before that \
             assignment, which may not be the one meant",
            later.free.name,
            closure.describe()
        ));
    }
    let unbound = captures.iter().find(|c| !c.always_bound)?;
    Some(format!(
        "`{}` is not bound on every path before {} is made, and the default would fail there",
        unbound.free.name,
        closure.describe()
    ))
}

/// A name the loop assigns only after the closure and that nothing binds before the loop: on the
/// first iteration a default would raise `NameError`.
fn unbound_at_first(capture: &Capture) -> bool {
    capture.later.is_some_and(|later| !later.bound_before)
}
