//! Finding the trap: which classes count (immutable through their bases, with an `__init__`
//! that takes arguments and no `__new__`) and what goes wrong in them, for the message.
use ruff_python_ast::helpers::is_docstring_stmt;
use ruff_python_ast::{ExceptHandler, Expr, ExprCall, ParameterWithDefault, Stmt, StmtClassDef, StmtFunctionDef};
use ruff_text_size::{Ranged, TextRange};

use crate::engine::checker::Checker;
use crate::semantic::{ScopeId, SemanticModel};

use super::lineage::{Lineage, has_enum_like_base, lineage};
use super::syntax::{attribute_receiver, first_line, is_attribute_call, is_super_call};

/// A class that counts: immutable through its bases, with an `__init__` that takes arguments
/// and no `__new__`.
pub(super) struct Candidate<'a> {
    pub(super) class: &'a StmtClassDef,
    pub(super) init: &'a StmtFunctionDef,
    /// The function scope of `__init__`.
    pub(super) scope: ScopeId,
    /// How many `def __init__` the class body has (overloads, redefinitions).
    pub(super) inits: usize,
    pub(super) lineage: Lineage<'a>,
    /// The first parameter: `self`.
    pub(super) receiver: &'a ParameterWithDefault,
}

impl<'a> Candidate<'a> {
    pub(super) fn of(checker: &Checker<'a>, class: &'a StmtClassDef, depth: usize) -> Option<Self> {
        let semantic = checker.semantic();
        let inits: Vec<&'a StmtFunctionDef> = class
            .body
            .iter()
            .filter_map(|stmt| match stmt {
                Stmt::FunctionDef(func) if func.name.as_str() == "__init__" => Some(func),
                _ => None,
            })
            .collect();
        let init = *inits.last()?;
        if semantic.class_defines(class, "__new__") || init.is_async || is_guard(init) || is_not_a_method(checker, init) {
            return None;
        }
        let lineage = lineage(checker, class, depth)?;
        if lineage.via.iter().any(|c| semantic.class_defines(c, "__new__")) || has_enum_like_base(checker, class, depth) {
            return None;
        }
        let scope = semantic.function_scope(init)?;
        let parameters = &init.parameters;
        let receiver = parameters.posonlyargs.iter().chain(parameters.args.iter()).next()?;
        let more = parameters.posonlyargs.len() + parameters.args.len() > 1
            || parameters.vararg.is_some()
            || parameters.kwarg.is_some()
            || !parameters.kwonlyargs.is_empty();
        more.then_some(Candidate { class, init, scope, inits: inits.len(), lineage, receiver })
    }

    pub(super) fn receiver_name(&self) -> &'a str {
        self.receiver.name().as_str()
    }

    /// The finding's message, without the part about the fix.
    pub(super) fn describe(&self, checker: &Checker) -> String {
        let via = self.lineage.via.first().map(|p| format!(" (through `{}`)", p.name)).unwrap_or_default();
        format!(
            "`{}` subclasses the immutable `{}`{via}: its value is built from the call's arguments before `__init__` runs, so {}; define `__new__` instead",
            self.class.name,
            self.lineage.root.shown,
            self.symptom(checker)
        )
    }

    /// What goes wrong in this class, the most telling first.
    fn symptom(&self, checker: &Checker) -> String {
        let receiver = self.receiver_name();
        let root = self.lineage.root.shown;
        let semantic = checker.semantic();
        if let Some(stmt) = rebinding(semantic, self.scope, &self.init.body, receiver) {
            return format!("`{}` only rebinds the local name `{receiver}`", first_line(checker.locate(stmt)));
        }
        let first = self.positional().first().map(|p| p.name().as_str());
        if let Some(stmt) = first.and_then(|name| rebinding(semantic, self.scope, &self.init.body, name)) {
            return format!("`{}` does not change the instance", first_line(checker.locate(stmt)));
        }
        if let Some(call) = self.explicit_base_call() {
            return format!("`{}` cannot set it", first_line(checker.locate(call)));
        }
        if let Some(name) = self.rejected_parameter() {
            return format!("`{name}` also goes to `{root}()`, which rejects it");
        }
        format!("`__init__` cannot change the value, and an argument that `{root}()` does not take makes the call fail")
    }

    /// A top-level `super().__init__(...)` that passes arguments, for the message.
    fn explicit_base_call(&self) -> Option<&'a ExprCall> {
        self.init.body.iter().find_map(|stmt| match stmt {
            Stmt::Expr(expr) => match expr.value.as_ref() {
                Expr::Call(call) if is_attribute_call(call, "__init__") && !call.arguments.is_empty() => {
                    let is_super = matches!(attribute_receiver(call), Some(Expr::Call(inner)) if is_super_call(inner));
                    (is_super || call.arguments.len() > 1).then_some(call)
                }
                _ => None,
            },
            _ => None,
        })
    }

    /// A parameter that the base type refuses when a call passes it: a positional one beyond
    /// those it takes, or one passed by a keyword it does not know (types without keywords
    /// ignore unknown ones when a subclass defines `__init__`). The components of a `date`
    /// or `complex` are passed positionally and do reach it.
    fn rejected_parameter(&self) -> Option<String> {
        let root = self.lineage.root;
        let takes_keywords = !root.keywords.is_empty();
        let positional = self.positional().into_iter().enumerate().skip(1).filter(|(i, p)| {
            let by_keyword = takes_keywords && !root.components && !root.keywords.contains(&p.name().as_str());
            *i >= root.positional.len() || by_keyword
        });
        let keyword_only = self.init.parameters.kwonlyargs.iter().filter(|_| takes_keywords);
        positional
            .map(|(_, p)| p)
            .chain(keyword_only)
            .map(|p| p.name().as_str())
            .find(|name| !root.keywords.contains(name))
            .map(str::to_owned)
    }

    /// The positional parameters after `self`.
    pub(super) fn positional(&self) -> Vec<&'a ParameterWithDefault> {
        let parameters = &self.init.parameters;
        parameters.posonlyargs.iter().chain(parameters.args.iter()).skip(1).collect()
    }
}

/// An `__init__` that only raises guards against being called at all: it must stay `__init__`.
fn is_guard(init: &StmtFunctionDef) -> bool {
    let docstring = usize::from(init.body.first().is_some_and(is_docstring_stmt));
    matches!(&init.body[docstring..], [Stmt::Raise(_)])
}

fn is_not_a_method(checker: &Checker, init: &StmtFunctionDef) -> bool {
    const NOT_METHODS: &[&str] = &["builtins.staticmethod", "builtins.classmethod", "builtins.property"];
    init.decorator_list.iter().any(|d| checker.semantic().is_one_of(&d.expression, NOT_METHODS))
}

/// The first statement of `body` (the code of `scope`) that binds `name` in that scope
/// (`value = ...`, `self += 1`, `for value in ...`), the innermost one when it is nested in a
/// block.
pub(super) fn rebinding<'b>(semantic: &SemanticModel, scope: ScopeId, body: &'b [Stmt], name: &str) -> Option<&'b Stmt> {
    let bound: Vec<TextRange> = semantic.bindings_of(scope, name).map(|b| b.range).collect();
    innermost_binding(body, &bound)
}

/// The first statement of `body` holding one of the `bound` names, the innermost one when it
/// is nested in a block.
fn innermost_binding<'b>(body: &'b [Stmt], bound: &[TextRange]) -> Option<&'b Stmt> {
    body.iter().find_map(|stmt| {
        if !bound.iter().any(|range| stmt.range().contains_range(*range)) {
            return None;
        }
        let nested = nested_bodies(stmt).into_iter().find_map(|inner| innermost_binding(inner, bound));
        Some(nested.unwrap_or(stmt))
    })
}

/// The statement lists inside a compound statement of the same scope.
fn nested_bodies(stmt: &Stmt) -> Vec<&[Stmt]> {
    match stmt {
        Stmt::If(s) => std::iter::once(&s.body[..]).chain(s.elif_else_clauses.iter().map(|c| &c.body[..])).collect(),
        Stmt::For(s) => vec![&s.body, &s.orelse],
        Stmt::While(s) => vec![&s.body, &s.orelse],
        Stmt::With(s) => vec![&s.body],
        Stmt::Try(s) => {
            let handlers = s.handlers.iter().map(|h| {
                let ExceptHandler::ExceptHandler(h) = h;
                &h.body[..]
            });
            std::iter::once(&s.body[..]).chain(handlers).chain([&s.orelse[..], &s.finalbody[..]]).collect()
        }
        Stmt::Match(s) => s.cases.iter().map(|c| &c.body[..]).collect(),
        _ => Vec::new(),
    }
}
