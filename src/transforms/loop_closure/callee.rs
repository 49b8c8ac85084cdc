//! What a call does with a function passed to it, from the tables of known names, and how the
//! call is named in messages.
use ruff_python_ast::{Expr, ExprCall};

use crate::engine::checker::Checker;
use crate::engine::first_look::last_name_of;
use crate::semantic::knowledge::{
    CALLBACK_REGISTRAR_METHODS, CALLBACK_REGISTRARS, DEFERRED_EXECUTOR_METHODS, DEFERRED_EXECUTORS,
};

use super::tables::{BUILDERS, CONSUMER_METHODS, CONSUMERS, CONTAINER_METHODS, LAZY};

/// What a call does with a function passed to it.
pub(super) enum Callee {
    /// Calls it, or exhausts what it builds from it, before returning.
    Consumer,
    /// Returns a lazy iterator that holds it.
    Lazy,
    /// Builds a container holding it.
    Builder,
    /// Stores it in the object the method belongs to.
    Container(String),
    /// Runs it later without arguments of its own.
    Executor(String),
    /// Keeps it as a callback, which may get arguments.
    Callback(String),
    Unknown(String),
}

pub(super) fn callee(checker: &Checker, call: &ExprCall) -> Callee {
    let name = short(checker.locate(call.func.as_ref()));
    if let Some(qualified) = checker.semantic().qualified_name(&call.func) {
        let q = qualified.as_str();
        if CONSUMERS.contains(&q) {
            return Callee::Consumer;
        } else if LAZY.contains(&q) {
            return Callee::Lazy;
        } else if BUILDERS.contains(&q) {
            return Callee::Builder;
        } else if DEFERRED_EXECUTORS.contains(&q) {
            return Callee::Executor(name);
        } else if CALLBACK_REGISTRARS.contains(&q) {
            return Callee::Callback(name);
        } else if q == "builtins.setattr" {
            return Callee::Container(name);
        }
    }
    let Expr::Attribute(attribute) = call.func.as_ref() else { return Callee::Unknown(name) };
    let method = attribute.attr.as_str();
    if CONTAINER_METHODS.contains(&method) {
        Callee::Container(format!(".{method}"))
    } else if CONSUMER_METHODS.contains(&method) {
        Callee::Consumer
    } else if DEFERRED_EXECUTOR_METHODS.contains(&method) {
        Callee::Executor(name)
    } else if CALLBACK_REGISTRAR_METHODS.contains(&method) {
        Callee::Callback(name)
    } else {
        Callee::Unknown(name)
    }
}

/// Whether a callee named `last` (its last name, or an attribute's) may keep a function passed
/// to it, as [`callee`] judges from the same tables: a container's, an executor's or a callback
/// registrar's method, or an executor, a registrar or `setattr` by its last name. The first look
/// asks it, and must never say no where [`callee`] keeps.
pub(super) fn may_keep(last: &str) -> bool {
    [CONTAINER_METHODS, DEFERRED_EXECUTOR_METHODS, CALLBACK_REGISTRAR_METHODS].iter().any(|methods| methods.contains(&last))
        || last_name_of(DEFERRED_EXECUTORS, last)
        || last_name_of(CALLBACK_REGISTRARS, last)
        || last == "setattr"
}

/// Whether an executor call forwards arguments of its own to the function: positional ones after
/// it (`submit(fn, x)`, `call_later(1, fn, x)`) or `args=`/`kwargs=` (`Thread(target=fn, args=(x,))`).
pub(super) fn passes_arguments(call: &ExprCall, function: &Expr) -> bool {
    let after = call.arguments.args.iter().skip_while(|a| !std::ptr::eq(*a, function)).skip(1);
    after.count() > 0
        || call.arguments.keywords.iter().any(|k| k.arg.as_ref().is_some_and(|a| a == "args" || a == "kwargs"))
}

/// The first line of a piece of code, cut to a readable length, for messages.
pub(super) fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim_end();
    if line.len() <= 40 && line.len() == text.len() {
        line.to_owned()
    } else {
        let cut: String = line.chars().take(37).collect();
        format!("{cut}...")
    }
}
