//! Finding the trap: which classes count (immutable through their bases, with an `__init__`
//! that takes arguments and no `__new__`) and what goes wrong in them, for the message.
use ruff_python_ast::helpers::is_docstring_stmt;
use ruff_python_ast::{ArgOrKeyword, ExceptHandler, Expr, ParameterWithDefault, Stmt, StmtClassDef, StmtFunctionDef};
use ruff_text_size::{Ranged, TextRange};

use crate::engine::checker::Checker;
use crate::semantic::{ScopeId, SemanticModel};

use super::lineage::{Lineage, class_of, has_enum_like_base, immutable_type, lineage};
use super::own_scope::OwnScope;
use super::syntax::{attribute_receiver, first_line, is_name, is_super_call};
use super::tables::OWN_DEFAULTS;

/// Why a class is reported.
pub(super) enum Trouble {
    /// The class does not work as written: `__init__` tries to change the value, or takes an
    /// argument the type rejects. What goes wrong, for the message.
    Broken(String),
    /// The class works, but `__init__` validates its arguments: the first line of the check.
    Validates(String),
}

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

    /// Why the class is reported, if it is: `__init__` tries to change the value or takes an
    /// argument the type rejects (the class does not work as written), or else it validates its
    /// arguments (the class works, but the check belongs in `__new__`). An `__init__` that only
    /// stores attributes, calls methods or calls `super().__init__()` without arguments works
    /// and is left alone.
    pub(super) fn trouble(&self, checker: &Checker<'a>) -> Option<Trouble> {
        if let Some(symptom) = self.symptom(checker) {
            return Some(Trouble::Broken(symptom));
        }
        let check = self.validation(checker.semantic())?;
        Some(Trouble::Validates(first_line(checker.locate(check))))
    }

    /// The finding's message, without the part about the fix.
    pub(super) fn describe(&self, trouble: &Trouble) -> String {
        let via = self.lineage.via.first().map(|p| format!(" (through `{}`)", p.name)).unwrap_or_default();
        let (class, root) = (&self.class.name, self.lineage.root.shown);
        match trouble {
            Trouble::Broken(symptom) => format!(
                "`{class}` subclasses the immutable `{root}`{via}: its value is built from the call's arguments before `__init__` runs, so {symptom}; define `__new__` instead"
            ),
            Trouble::Validates(check) => format!(
                "`{class}` subclasses the immutable `{root}`{via} and works as written, but `__init__` validates its arguments (`{check}`) after the value is built; validation belongs in `__new__`, before the instance exists"
            ),
        }
    }

    /// What goes wrong in this class, the most telling first; `None` when nothing does.
    fn symptom(&self, checker: &Checker<'a>) -> Option<String> {
        let receiver = self.receiver_name();
        let root = self.lineage.root.shown;
        let semantic = checker.semantic();
        if let Some(stmt) = rebinding(semantic, self.scope, &self.init.body, receiver) {
            return Some(format!("`{}` only rebinds the local name `{receiver}`", first_line(checker.locate(stmt))));
        }
        let rebound = self.received().into_iter().find_map(|name| rebinding(semantic, self.scope, &self.init.body, name));
        if let Some(stmt) = rebound {
            return Some(format!("`{}` does not change the instance", first_line(checker.locate(stmt))));
        }
        if let Some(symptom) = self.base_call_symptom(checker) {
            return Some(symptom);
        }
        if let Some(name) = self.rejected_parameter() {
            return Some(format!("`{name}` also goes to `{root}()`, which rejects it"));
        }
        self.unapplied_default(checker).map(|param| {
            let name = param.name();
            let default = param.default.as_deref().map(|d| checker.locate(d)).unwrap_or_default();
            format!("a call that leaves out `{name}` builds the value without it, while `__init__` sees `{name}={default}`")
        })
    }

    /// The parameters whose arguments also reach the type: the positional ones where it takes
    /// positional arguments, those named like its keywords, `*args`, and `**kwargs` when it takes
    /// keywords. Rebinding one of them in `__init__` is meant to change the value.
    fn received(&self) -> Vec<&'a str> {
        let root = self.lineage.root;
        let parameters = &self.init.parameters;
        let positional = self
            .positional()
            .into_iter()
            .enumerate()
            .filter(|(i, p)| *i < root.positional.len() || root.keywords.contains(&p.name().as_str()));
        let keyword_only = parameters.kwonlyargs.iter().filter(|p| root.keywords.contains(&p.name().as_str()));
        let vararg = parameters.vararg.as_deref().map(|v| v.name.as_str());
        let kwarg = parameters.kwarg.as_deref().filter(|_| !root.keywords.is_empty()).map(|k| k.name.as_str());
        positional
            .map(|(_, p)| p.name().as_str())
            .chain(keyword_only.map(|p| p.name().as_str()))
            .chain(vararg)
            .chain(kwarg)
            .collect()
    }

    /// A call of the base class's `__init__` (`super().__init__(...)`,
    /// `super(C, self).__init__(...)`, `Base.__init__(self, ...)`) that passes a value: to
    /// `object.__init__` (the immutable types have no `__init__` of their own), which raises
    /// `TypeError` on any argument, or to the `__init__` of a class of the module in between, a
    /// value other than the one `__init__` got.
    fn base_call_symptom(&self, checker: &Checker<'a>) -> Option<String> {
        let semantic = checker.semantic();
        let receiver = self.receiver_name();
        let calls = self.init.body.iter().flat_map(|stmt| OwnScope::of(semantic, self.scope, stmt).init_calls);
        calls.into_iter().find_map(|call| {
            let target = attribute_receiver(call)?;
            let all: Vec<ArgOrKeyword> = call.arguments.iter_source_order().collect();
            let (args, to_object) = match target {
                Expr::Call(inner) if is_super_call(inner) => {
                    (&all[..], !self.lineage.via.iter().any(|c| semantic.class_defines(c, "__init__")))
                }
                base => {
                    let Some(ArgOrKeyword::Arg(first)) = all.first() else { return None };
                    if !is_name(first, receiver) {
                        return None;
                    }
                    let to_object = semantic.is_one_of(base, &["builtins.object"])
                        || immutable_type(checker, base).is_some_and(|t| std::ptr::eq(t, self.lineage.root));
                    let in_line = class_of(checker, base, self.class)
                        .is_some_and(|c| self.lineage.via.iter().any(|v| std::ptr::eq(*v, c)));
                    if !to_object && !in_line {
                        return None;
                    }
                    (&all[1..], to_object)
                }
            };
            let shown = first_line(checker.locate(call));
            if to_object {
                return (!args.is_empty()).then(|| {
                    format!("`{shown}` cannot set it, and fails: `object.__init__()` takes no arguments besides the instance")
                });
            }
            let first = args.iter().find_map(|a| match a {
                ArgOrKeyword::Arg(e) => Some(*e),
                ArgOrKeyword::Keyword(_) => None,
            })?;
            let own = self.positional().first().map(|p| p.name().as_str());
            let forwarded = match (first, own, self.init.parameters.vararg.as_deref()) {
                (Expr::Name(name), Some(own), _) => name.id.as_str() == own,
                (Expr::Starred(star), None, Some(vararg)) => is_name(&star.value, vararg.name.as_str()),
                _ => false,
            };
            (!forwarded).then(|| format!("`{shown}` cannot set it"))
        })
    }

    /// A parameter that the base type refuses when a call passes it: a positional one beyond
    /// those it takes, or one passed by a keyword it does not know. Types without keywords
    /// (`float`, `tuple`, `frozenset`) ignore unknown ones when a subclass defines `__init__`,
    /// so there a keyword-only parameter, or an extra positional one with a default (passed by
    /// keyword, as CPython's own tests do), works. The components of a `date` or `complex` are
    /// passed positionally and do reach it.
    fn rejected_parameter(&self) -> Option<String> {
        let root = self.lineage.root;
        let takes_keywords = !root.keywords.is_empty();
        let positional = self.positional().into_iter().enumerate().skip(1).filter(|(i, p)| {
            let by_keyword = takes_keywords && !root.components && !root.keywords.contains(&p.name().as_str());
            // Beyond the type's own: a call must leave it out or pass it by keyword, which a
            // type that takes no keywords ignores; one with a default is such an option.
            let extra = *i >= root.positional.len() && (takes_keywords || p.default.is_none());
            extra || by_keyword
        });
        let keyword_only = self.init.parameters.kwonlyargs.iter().filter(|_| takes_keywords);
        let named = positional
            .map(|(_, p)| p)
            .chain(keyword_only)
            .map(|p| p.name().as_str())
            .find(|name| !root.keywords.contains(name))
            .map(str::to_owned);
        // `*args` after parameters that take every positional argument the type takes.
        let vararg = self.init.parameters.vararg.as_deref().filter(|_| self.positional().len() >= root.positional.len());
        named.or_else(|| vararg.map(|v| format!("*{}", v.name)))
    }

    /// A parameter after the first that the type receives at its place and that has a default
    /// (`def __init__(self, text, base=16)` of an `int`): a call that leaves it out builds the
    /// value without it, while `__init__` sees the default. Not for the components of a `date`
    /// or `complex`, whose defaults are the type's own.
    fn unapplied_default(&self, checker: &Checker) -> Option<&'a ParameterWithDefault> {
        let root = self.lineage.root;
        if root.components {
            return None;
        }
        let own_default = |slot: &str, default: &str| {
            OWN_DEFAULTS.iter().any(|(ty, param, values)| *ty == root.qualified && *param == slot && values.contains(&default))
        };
        self.positional().into_iter().enumerate().skip(1).find_map(|(i, p)| {
            let slot = root.positional.get(i)?;
            let default = checker.locate(p.default.as_deref()?);
            (!own_default(slot, default)).then_some(p)
        })
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
